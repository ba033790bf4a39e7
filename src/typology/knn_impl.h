/*
 * knn_impl.h: candidate-neighbour lists shared by the NN-chain on a matrix (nnchain.c) and on
 * centroids (ward.c). Internal; the caller allocates the arrays (n slots x CS_KNN entries).
 *
 * Invariant per active slot i: the valid entries of list i are sorted by (distance, slot) and
 * carry the current distance; every active slot j without a valid entry in list i is at
 * (D(i, j), j) > (bv[i], bs[i]) lexicographically. Hence the first valid entry, if any, is the
 * least distance from i with the lowest slot among equals: what SciPy's full scan finds. An
 * entry is valid while its slot is active and has the version it had when the entry was made
 * (a merge gives the kept slot a new version).
 */
#ifndef CS_TYPOLOGY_KNN_IMPL_H
#define CS_TYPOLOGY_KNN_IMPL_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#define CS_KNN 8

typedef struct {
    double *kv;
    uint32_t *ks, *kver;
    unsigned char *kc;
    double *bv;
    uint32_t *bs;
    const double *sz;    /* node size per slot; 0 = inactive */
    const uint32_t *ver; /* version per slot */
} cs_knn;

typedef struct {
    double v[CS_KNN];
    uint32_t s[CS_KNN];
    int c;
} cs_topk;

static inline int cs_lex_lt(double a, uint32_t as, double b, uint32_t bs)
{
    return a < b || (a == b && as < bs);
}

static inline int cs_lex_le(double a, uint32_t as, double b, uint32_t bs)
{
    return a < b || (a == b && as <= bs);
}

/* Offers (v, s) to a local top-k kept sorted by (distance, slot). */
static inline void cs_topk_offer(cs_topk *t, double v, uint32_t s)
{
    if (t->c == CS_KNN && !cs_lex_lt(v, s, t->v[CS_KNN - 1], t->s[CS_KNN - 1]))
        return;
    int p = t->c < CS_KNN ? t->c++ : CS_KNN - 1;
    while (p > 0 && cs_lex_lt(v, s, t->v[p - 1], t->s[p - 1])) {
        t->v[p] = t->v[p - 1];
        t->s[p] = t->s[p - 1];
        p--;
    }
    t->v[p] = v;
    t->s[p] = s;
}

/* List i := the k nearest of a complete scan; the bound is the k-th (none beyond: +inf). */
static inline void cs_knn_set(cs_knn *L, size_t i, const cs_topk *t)
{
    for (int r = 0; r < t->c; r++) {
        L->kv[i * CS_KNN + r] = t->v[r];
        L->ks[i * CS_KNN + r] = t->s[r];
        L->kver[i * CS_KNN + r] = L->ver[t->s[r]];
    }
    L->kc[i] = (unsigned char)t->c;
    if (t->c == CS_KNN) {
        L->bv[i] = t->v[CS_KNN - 1];
        L->bs[i] = t->s[CS_KNN - 1];
    } else {
        L->bv[i] = INFINITY;
        L->bs[i] = UINT32_MAX;
    }
}

/* List i knows nothing: the first lookup rescans. */
static inline void cs_knn_clear(cs_knn *L, size_t i)
{
    L->kc[i] = 0;
    L->bv[i] = -INFINITY;
    L->bs[i] = 0;
}

/* The node now in slot y is at distance v from slot i: keeps list i exact. */
static inline void cs_knn_offer(cs_knn *L, size_t i, double v, uint32_t y)
{
    if (!cs_lex_le(v, y, L->bv[i], L->bs[i]))
        return;
    double *kv = L->kv + i * CS_KNN;
    uint32_t *ks = L->ks + i * CS_KNN, *kver = L->kver + i * CS_KNN;
    int c = L->kc[i];
    int p;
    if (c == CS_KNN) {
        p = CS_KNN - 1;
    } else {
        p = c;
        L->kc[i] = (unsigned char)(c + 1);
    }
    while (p > 0 && cs_lex_lt(v, y, kv[p - 1], ks[p - 1])) {
        kv[p] = kv[p - 1];
        ks[p] = ks[p - 1];
        kver[p] = kver[p - 1];
        p--;
    }
    kv[p] = v;
    ks[p] = y;
    kver[p] = L->ver[y];
    if (c == CS_KNN && cs_lex_lt(kv[CS_KNN - 1], ks[CS_KNN - 1], L->bv[i], L->bs[i])) {
        /* the evicted entry left the list: the bound drops to the new last entry */
        L->bv[i] = kv[CS_KNN - 1];
        L->bs[i] = ks[CS_KNN - 1];
    }
}

/* The first valid entry of list i: 1 and (*v, *s), or 0 when the list ran dry (rescan). */
static inline int cs_knn_first(cs_knn *L, size_t i, double *v, size_t *s)
{
    double *kv = L->kv + i * CS_KNN;
    uint32_t *ks = L->ks + i * CS_KNN, *kver = L->kver + i * CS_KNN;
    int c = L->kc[i], drop = 0;
    while (drop < c && (L->sz[ks[drop]] == 0 || kver[drop] != L->ver[ks[drop]]))
        drop++;
    if (drop == c) {
        L->kc[i] = 0;
        return 0;
    }
    if (drop) {
        memmove(kv, kv + drop, (size_t)(c - drop) * sizeof *kv);
        memmove(ks, ks + drop, (size_t)(c - drop) * sizeof *ks);
        memmove(kver, kver + drop, (size_t)(c - drop) * sizeof *kver);
        L->kc[i] = (unsigned char)(c - drop);
    }
    *v = kv[0];
    *s = ks[0];
    return 1;
}

#endif
