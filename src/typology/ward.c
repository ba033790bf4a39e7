/*
 * ward.c: Ward linkage by the nearest-neighbour chain on centroids, in O(n p) memory (what
 * fastcluster.linkage_vector does for Ward, with the NN-chain instead of the generic algorithm).
 *
 * The distance between nodes a and b is sqrt(2 |a| |b| / (|a| + |b|) * |c_a - c_b|^2), which is
 * what SciPy's Lance-Williams update computes from euclidean input; for two objects it is their
 * euclidean distance bit for bit (the factor is exactly 1 and the sum runs over the variables in
 * order). Later heights agree with SciPy's within rounding, and the chain takes SciPy's decisions
 * on these values (same start, tie rule and kept slot), with the candidate lists of
 * knn_impl.h so that most chain steps need no scan.
 *
 * Centroids are stored variable-major (p arrays over the slots) so that the distances from one
 * node to all others run over contiguous arrays. When at most half the slots are active they are
 * packed in order, so the slot order (the tie rule) is unchanged.
 */
#include "typology/typology_impl.h"

#include "clusterscope/error.h"
#include "typology/knn_impl.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t np, p, cap;
    double *c; /* p x cap */
    double *sz;
    uint32_t *ver, *slot; /* slot: SciPy's slot number of each physical slot */
    cs_knn L;
    int n_threads;
} wv;

#define BLK 8 /* slots per register block */

/*
 * Squared Ward distances 2 nx ni / (nx + ni) |c_x - c_i|^2 from node x to slots [lo, hi), into
 * out[lo .. hi); inactive slots (size 0) get +inf. BLK slots at a time are kept in registers,
 * the variables in order inside (each sum runs k = 0..p-1). The chain compares these squares
 * (the root is monotone) and takes the root only for the heights it records.
 */
__attribute__((target_clones("avx512f", "avx2", "default"))) static void
ward_range(const double *c, const double *sz, size_t cap, size_t p, size_t x, size_t lo, size_t hi,
           double *out)
{
    const double nx = sz[x], two_nx = 2.0 * nx;
    size_t i = lo;
    for (; i + BLK <= hi; i += BLK) {
        double a[BLK] = { 0 };
        for (size_t k = 0; k < p; k++) {
            const double *restrict col = c + k * cap + i;
            const double v = c[k * cap + x];
#pragma omp simd
            for (int t = 0; t < BLK; t++) {
                double d = v - col[t];
                a[t] += d * d;
            }
        }
#pragma omp simd
        for (int t = 0; t < BLK; t++) {
            double ni = sz[i + (size_t)t];
            double q = two_nx * ni / (nx + ni) * a[t];
            out[i + (size_t)t] = ni == 0 ? INFINITY : q;
        }
    }
    for (; i < hi; i++) {
        double s = 0;
        for (size_t k = 0; k < p; k++) {
            double d = c[k * cap + x] - c[k * cap + i];
            s += d * d;
        }
        double ni = sz[i];
        out[i] = ni == 0 ? INFINITY : two_nx * ni / (nx + ni) * s;
    }
}

static void ward_row_from(const wv *w, size_t x, size_t lo, double *out)
{
    ward_range(w->c, w->sz, w->cap, w->p, x, lo, w->np, out);
}

/*
 * The merged node's row, split over the threads from WARD_ROW_PARALLEL_MIN active slots on:
 * below, a parallel region costs about what the row does. Measured on 2 cores, 20,000 x 16:
 * 1.60 s on one thread per row, 1.30 s split (threshold 4,096; 1.33 s at 2,048). The parts
 * are whole register blocks, and each slot's sum runs over the variables in order, so the
 * result is the same bit for bit.
 */
#define WARD_ROW_PARALLEL_MIN 4096
static void ward_row(const wv *w, size_t x, double *out)
{
    int nt = w->n_threads;
    if (w->np < WARD_ROW_PARALLEL_MIN || nt < 2) {
        ward_row_from(w, x, 0, out);
        return;
    }
    size_t part = (w->np / (size_t)nt + BLK - 1) & ~(size_t)(BLK - 1);
#pragma omp parallel num_threads(nt)
    {
        size_t lo = (size_t)omp_get_thread_num() * part;
        size_t hi = lo + part < w->np ? lo + part : w->np;
        if (lo < hi)
            ward_range(w->c, w->sz, w->cap, w->p, x, lo, hi, out);
    }
}

/*
 * Every object's list from one pass over the pairs (i, j > i), each pair computed once and
 * offered to both lists: with lists started empty under an infinite bound, what remains is the
 * k nearest with the k-th as bound, as a complete scan would leave it. The pass is split over
 * threads, each with its own lists; merging them keeps the k least of the union, whose k-th
 * bounds everything a thread turned away (that was above the thread's own k-th, itself one of
 * the union). Returns 0 or CS_ENOMEM.
 */
static int initial_lists(wv *w, int n_threads)
{
    const size_t n = w->np;
    int nt = n_threads < 1 ? 1 : n_threads;
    if ((size_t)nt > n / 256 + 1)
        nt = (int)(n / 256 + 1); /* small inputs: one thread */
    cs_knn *T = calloc((size_t)nt, sizeof *T);
    double *rows = malloc((size_t)nt * n * sizeof *rows);
    int rc = T && rows ? 0 : CS_ENOMEM;
    for (int t = 0; t < nt && !rc; t++) {
        cs_knn *L = &T[t];
        L->kv = malloc(n * CS_KNN * sizeof *L->kv);
        L->ks = malloc(n * CS_KNN * sizeof *L->ks);
        L->kver = calloc(n * CS_KNN, sizeof *L->kver);
        L->kc = calloc(n, 1);
        L->bv = malloc(n * sizeof *L->bv);
        L->bs = malloc(n * sizeof *L->bs);
        L->sz = w->sz;
        L->ver = w->ver;
        if (!L->kv || !L->ks || !L->kver || !L->kc || !L->bv || !L->bs) {
            rc = CS_ENOMEM;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            L->bv[i] = INFINITY;
            L->bs[i] = UINT32_MAX;
        }
    }
    if (!rc) {
#pragma omp parallel num_threads(nt)
        {
            int t = omp_get_thread_num();
            cs_knn *L = &T[t];
            double *row = rows + (size_t)t * n;
#pragma omp for schedule(static, 16)
            for (long long ii = 0; ii < (long long)n - 1; ii++) {
                size_t i = (size_t)ii;
                ward_row_from(w, i, i + 1, row);
                for (size_t j = i + 1; j < n; j++) {
                    double v = row[j];
                    if (v <= L->bv[i])
                        cs_knn_offer(L, i, v, (uint32_t)j);
                    if (v <= L->bv[j])
                        cs_knn_offer(L, j, v, (uint32_t)i);
                }
            }
        }
        for (size_t i = 0; i < n; i++) {
            cs_topk top;
            top.c = 0;
            for (int t = 0; t < nt; t++)
                for (int e = 0; e < T[t].kc[i]; e++)
                    cs_topk_offer(&top, T[t].kv[i * CS_KNN + e], T[t].ks[i * CS_KNN + e]);
            cs_knn_set(&w->L, i, &top);
        }
    }
    for (int t = 0; T && t < nt; t++) {
        free(T[t].kv);
        free(T[t].ks);
        free(T[t].kver);
        free(T[t].kc);
        free(T[t].bv);
        free(T[t].bs);
    }
    free(T);
    free(rows);
    return rc ? cs_error_set(CS_ENOMEM, "out of memory") : 0;
}

/* The squared Ward distance of two nodes, as ward_row_from computes it. */
static double ward_pair(const wv *w, size_t a, size_t b)
{
    double s = 0;
    for (size_t k = 0; k < w->p; k++) {
        double d = w->c[k * w->cap + a] - w->c[k * w->cap + b];
        s += d * d;
    }
    double na = w->sz[a], nb = w->sz[b];
    return 2.0 * na * nb / (na + nb) * s; /* = ward_range's value, whichever node is the row */
}

static void rescan(wv *w, size_t x, double *row)
{
    ward_row(w, x, row);
    row[x] = INFINITY;
    cs_topk t;
    t.c = 0;
    double tb = INFINITY;
    for (size_t i = 0; i < w->np; i++) {
        if (row[i] <= tb && row[i] < INFINITY) {
            cs_topk_offer(&t, row[i], (uint32_t)i);
            if (t.c == CS_KNN)
                tb = t.v[CS_KNN - 1];
        }
    }
    cs_knn_set(&w->L, x, &t);
}

static void merge(wv *w, size_t x, size_t y, double *row)
{
    const double nx = w->sz[x], ny = w->sz[y];
    for (size_t k = 0; k < w->p; k++) {
        double *ck = w->c + k * w->cap;
        ck[y] = (nx * ck[x] + ny * ck[y]) / (nx + ny);
    }
    w->sz[x] = 0;
    w->sz[y] = nx + ny;
    w->ver[y]++;
    ward_row(w, y, row);
    row[y] = INFINITY;
    cs_topk z;
    z.c = 0;
    double zb = INFINITY; /* the merged node's k-th so far: most slots fail both tests */
    for (size_t i = 0; i < w->np; i++) {
        double v = row[i];
        if (v > w->L.bv[i] && v > zb)
            continue;
        if (v == INFINITY)
            continue;
        if (v <= w->L.bv[i])
            cs_knn_offer(&w->L, i, v, (uint32_t)y);
        if (v <= zb) {
            cs_topk_offer(&z, v, (uint32_t)i);
            if (z.c == CS_KNN)
                zb = z.v[CS_KNN - 1];
        }
    }
    cs_knn_set(&w->L, y, &z);
}

/* Packs active slots to the front in order; lists, chain and versions follow. */
static void compact(wv *w, size_t *chain, size_t chain_len, uint32_t *map)
{
    size_t m = 0;
    for (size_t i = 0; i < w->np; i++)
        map[i] = w->sz[i] > 0 ? (uint32_t)m++ : UINT32_MAX;
    /* lists first, while sizes and versions still describe the old slots */
    for (size_t i = 0; i < w->np; i++) {
        uint32_t r = map[i];
        if (r == UINT32_MAX)
            continue;
        const double *kv = w->L.kv + i * CS_KNN;
        const uint32_t *ks = w->L.ks + i * CS_KNN, *kver = w->L.kver + i * CS_KNN;
        double nv[CS_KNN];
        uint32_t ns[CS_KNN], nver[CS_KNN];
        int c = 0;
        for (int e = 0; e < w->L.kc[i]; e++) {
            uint32_t s = ks[e];
            if (map[s] != UINT32_MAX && kver[e] == w->ver[s]) {
                nv[c] = kv[e];
                ns[c] = map[s];
                nver[c] = kver[e];
                c++;
            }
        }
        double bv = w->L.bv[i];
        uint32_t bs = w->L.bs[i];
        if (bs != UINT32_MAX && bv > -INFINITY && map[bs] == UINT32_MAX) {
            /* an inactive bound slot: the last active slot below it keeps the bound strict
             * for every active slot above; with none, lower the distance a hair instead */
            size_t b = bs;
            while (b > 0 && map[b - 1] == UINT32_MAX)
                b--;
            if (b > 0) {
                bs = map[b - 1];
            } else {
                bv = nextafter(bv, -INFINITY);
                bs = UINT32_MAX;
            }
        } else if (bs != UINT32_MAX && bv > -INFINITY) {
            bs = map[bs];
        }
        memcpy(w->L.kv + r * CS_KNN, nv, (size_t)c * sizeof *nv);
        memcpy(w->L.ks + r * CS_KNN, ns, (size_t)c * sizeof *ns);
        memcpy(w->L.kver + r * CS_KNN, nver, (size_t)c * sizeof *nver);
        w->L.kc[r] = (unsigned char)c;
        w->L.bv[r] = bv;
        w->L.bs[r] = bs;
    }
    for (size_t i = 0; i < w->np; i++) {
        uint32_t r = map[i];
        if (r == UINT32_MAX)
            continue;
        for (size_t k = 0; k < w->p; k++)
            w->c[k * w->cap + r] = w->c[k * w->cap + i];
        w->sz[r] = w->sz[i];
        w->ver[r] = w->ver[i];
        w->slot[r] = w->slot[i];
    }
    for (size_t k = 0; k < chain_len; k++)
        chain[k] = map[chain[k]];
    w->np = m;
}

int cs_typ_ward_vector(double *z, const cs_typ_dist *dist, int n_threads)
{
    const double *x;
    size_t n = cs_typ_dist_n(dist), p;
    if (!cs_typ_dist_dense(dist, &x, &p))
        return cs_error_set(CS_EUSAGE, "Ward on centroids needs numeric data without unknown "
                                       "cells; use the matrix form");
    if (n > UINT32_MAX - 1)
        return cs_error_set(CS_EUSAGE, "too many objects for a linkage (%zu)", n);
    wv w;
    memset(&w, 0, sizeof w);
    w.np = w.cap = n;
    w.p = p;
    w.n_threads = n_threads < 1 ? 1 : n_threads;
    w.c = malloc(n * p * sizeof *w.c);
    w.sz = malloc(n * sizeof *w.sz);
    w.ver = calloc(n, sizeof *w.ver);
    w.slot = malloc(n * sizeof *w.slot);
    w.L.kv = malloc(n * CS_KNN * sizeof *w.L.kv);
    w.L.ks = malloc(n * CS_KNN * sizeof *w.L.ks);
    w.L.kver = calloc(n * CS_KNN, sizeof *w.L.kver);
    w.L.kc = calloc(n, 1);
    w.L.bv = malloc(n * sizeof *w.L.bv);
    w.L.bs = malloc(n * sizeof *w.L.bs);
    w.L.sz = w.sz;
    w.L.ver = w.ver;
    double *row = malloc(n * sizeof *row);
    size_t *chain = malloc(n * sizeof *chain);
    uint32_t *map = malloc(n * sizeof *map);
    int rc = 0;
    if (!w.c || !w.sz || !w.ver || !w.slot || !w.L.kv || !w.L.ks || !w.L.kver || !w.L.kc ||
        !w.L.bv || !w.L.bs || !row || !chain || !map) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < p; k++)
            w.c[k * n + i] = x[i * p + k];
        w.sz[i] = 1;
        w.slot[i] = (uint32_t)i;
    }
    if ((rc = initial_lists(&w, n_threads)))
        goto done;
    size_t chain_len = 0, alive = n;
    for (size_t k = 0; k < n - 1; k++) {
        if (chain_len == 0) {
            size_t first = 0;
            while (w.sz[first] == 0)
                first++;
            chain[0] = first;
            chain_len = 1;
        }
        size_t a, b;
        double cur;
        for (;;) {
            a = chain[chain_len - 1];
            double v;
            size_t s;
            while (!cs_knn_first(&w.L, a, &v, &s))
                rescan(&w, a, row);
            if (chain_len > 1) {
                size_t prev = chain[chain_len - 2];
                double dp = ward_pair(&w, a, prev);
                if (v < dp) {
                    b = s;
                    cur = v;
                } else {
                    b = prev;
                    cur = dp;
                    break;
                }
            } else {
                b = s;
                cur = v;
            }
            chain[chain_len++] = b;
        }
        chain_len -= 2;
        if (a > b) {
            size_t t = a;
            a = b;
            b = t;
        }
        z[4 * k] = (double)w.slot[a];
        z[4 * k + 1] = (double)w.slot[b];
        z[4 * k + 2] = sqrt(cur);
        z[4 * k + 3] = w.sz[a] + w.sz[b];
        merge(&w, a, b, row);
        alive--;
        if (alive >= 2 && alive * 10 <= w.np * 9 && w.np >= 256)
            compact(&w, chain, chain_len, map);
    }
done:
    free(w.c);
    free(w.sz);
    free(w.ver);
    free(w.slot);
    free(w.L.kv);
    free(w.L.ks);
    free(w.L.kver);
    free(w.L.kc);
    free(w.L.bv);
    free(w.L.bs);
    free(row);
    free(chain);
    free(map);
    return rc ? rc : cs_typ_sort_and_label(z, n);
}
