/*
 * nnchain.c: the nearest-neighbour chain for complete, average, weighted and Ward linkage on a
 * condensed distance matrix, taking exactly SciPy's decisions (same chain start, same tie rule,
 * same slot kept for the merged node, same Lance-Williams expressions) with far fewer memory
 * accesses than SciPy's loop.
 *
 * Why it is fast: every slot i keeps a short sorted list of candidate neighbours (value, slot)
 * with a bound B_i such that every active slot j missing from the list is at (D(i,j), j) > B_i
 * (lexicographically: distance, then slot). The first valid entry of a non-empty list is then
 * exactly what SciPy's full scan finds: the least distance, lowest slot among equals. A merge of
 * x < y into slot y invalidates entries for x and y lazily (slot dead, or version changed) and
 * offers the new node to every list during the update loop it runs anyway, so a row is only
 * rescanned when its list runs dry. The initial lists come from one streaming pass.
 *
 * The matrix is the caller's condensed array (SciPy layout over the n slots) and is modified.
 * Strided (column) accesses are unavoidable in a symmetric matrix stored once; they are issued
 * in increasing address order with software prefetch.
 */
#include "typology/typology_impl.h"

#include "clusterscope/error.h"
#include "typology/knn_impl.h"

#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PF 12 /* prefetch distance in active slots */

typedef struct {
    size_t n;
    double *d;
    size_t *rs; /* d[rs[i] + j] = D(i, j) for i < j (index sums wrap back for i = 0) */
    double *sz; /* size of the node in each slot; 0 = inactive */
    uint32_t *ver;
    uint32_t *al; /* active slots, increasing; may hold inactive ones until rebuilt */
    size_t na, dead_in_al;
    cs_knn L;
    cs_linkage_method method;
} nnc;

static inline double dist(const nnc *st, size_t i, size_t j)
{
    return i < j ? st->d[st->rs[i] + j] : st->d[st->rs[j] + i]; /* index sums wrap back */
}

static void rebuild_alive(nnc *st)
{
    size_t k = 0;
    for (size_t t = 0; t < st->na; t++)
        if (st->sz[st->al[t]] > 0)
            st->al[k++] = st->al[t];
    st->na = k;
    st->dead_in_al = 0;
}

/* Position of the first entry of al[] that is >= v. */
static size_t lower_bound(const uint32_t *al, size_t na, size_t v)
{
    size_t lo = 0, hi = na;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (al[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void rescan(nnc *st, size_t x)
{
    cs_topk t;
    t.c = 0;
    const double *d = st->d;
    const size_t *rs = st->rs;
    const uint32_t *al = st->al;
    size_t px = lower_bound(al, st->na, x);
    /* slots below x: column x, one row each */
    for (size_t k = 0; k < px; k++) {
        size_t i = al[k];
        if (k + PF < px)
            __builtin_prefetch(d + (rs[al[k + PF]] + x), 0, 0);
        if (st->sz[i] > 0)
            cs_topk_offer(&t, d[rs[i] + x], (uint32_t)i);
    }
    const size_t rx = rs[x];
    for (size_t k = px; k < st->na; k++) {
        size_t j = al[k];
        if (j != x && st->sz[j] > 0)
            cs_topk_offer(&t, d[rx + j], (uint32_t)j);
    }
    cs_knn_set(&st->L, x, &t);
}

/* The nearest neighbour of x: first valid list entry, rescanning when the list ran dry. */
static void nearest(nnc *st, size_t x, double *v, size_t *s)
{
    while (!cs_knn_first(&st->L, x, v, s))
        rescan(st, x);
}

static inline double lw(cs_linkage_method m, double a, double b, double h, double nx, double ny,
                        double ni)
{
    switch (m) {
    case CS_LINKAGE_COMPLETE:
        return a > b ? a : b;
    case CS_LINKAGE_AVERAGE:
        return (nx * a + ny * b) / (nx + ny);
    case CS_LINKAGE_WEIGHTED:
        return 0.5 * (a + b);
    default: { /* ward, as scipy: sqrt((ni+nx)t a^2 + (ni+ny)t b^2 - ni t h^2), t = 1/(nx+ny+ni) */
        double t = 1.0 / (nx + ny + ni);
        return sqrt((ni + nx) * t * a * a + (ni + ny) * t * b * b - ni * t * h * h);
    }
    }
}

/* Merges slot x into y (x < y) at height h: the Lance-Williams update and the list upkeep. */
static void merge(nnc *st, size_t x, size_t y, double h)
{
    const cs_linkage_method m = st->method;
    double *d = st->d;
    const size_t *rs = st->rs;
    const double nx = st->sz[x], ny = st->sz[y];
    st->sz[x] = 0;
    st->sz[y] = nx + ny;
    st->ver[y]++;
    st->dead_in_al++;
    const uint32_t *al = st->al;
    const size_t na = st->na;
    const size_t px = lower_bound(al, na, x), py = lower_bound(al, na, y);
    cs_topk z;
    z.c = 0;
    const size_t rx = rs[x], ry = rs[y];
    for (size_t k = 0; k < px; k++) {
        size_t i = al[k];
        if (k + PF < px) {
            size_t r = rs[al[k + PF]];
            __builtin_prefetch(d + (r + x), 0, 0);
            __builtin_prefetch(d + (r + y), 1, 0);
        }
        double ni = st->sz[i];
        if (ni == 0)
            continue;
        size_t r = rs[i];
        double v = lw(m, d[r + x], d[r + y], h, nx, ny, ni);
        d[r + y] = v;
        cs_knn_offer(&st->L, i, v, (uint32_t)y);
        cs_topk_offer(&z, v, (uint32_t)i);
    }
    for (size_t k = px + 1; k < py; k++) {
        size_t i = al[k];
        if (k + PF < py)
            __builtin_prefetch(d + (rs[al[k + PF]] + y), 1, 0);
        double ni = st->sz[i];
        if (ni == 0)
            continue;
        size_t r = rs[i];
        double v = lw(m, d[rx + i], d[r + y], h, nx, ny, ni);
        d[r + y] = v;
        cs_knn_offer(&st->L, i, v, (uint32_t)y);
        cs_topk_offer(&z, v, (uint32_t)i);
    }
    for (size_t k = py + 1; k < na; k++) {
        size_t i = al[k];
        double ni = st->sz[i];
        if (ni == 0)
            continue;
        double v = lw(m, d[rx + i], d[ry + i], h, nx, ny, ni);
        d[ry + i] = v;
        cs_knn_offer(&st->L, i, v, (uint32_t)y);
        cs_topk_offer(&z, v, (uint32_t)i);
    }
    cs_knn_set(&st->L, y, &z);
    if (st->dead_in_al * 8 > st->na)
        rebuild_alive(st);
}

int cs_typ_nnchain_condensed(double *z, double *d, size_t n, cs_linkage_method method,
                             const double *nnv, const uint32_t *nni)
{
    if (n > UINT32_MAX - 1)
        return cs_error_set(CS_EUSAGE, "too many objects for a linkage (%zu)", n);
    nnc st;
    memset(&st, 0, sizeof st);
    st.n = n;
    st.d = d;
    st.method = method;
    st.rs = malloc(n * sizeof *st.rs);
    st.sz = malloc(n * sizeof *st.sz);
    st.ver = calloc(n, sizeof *st.ver);
    st.al = malloc(n * sizeof *st.al);
    st.L.kv = malloc(n * CS_KNN * sizeof *st.L.kv);
    st.L.ks = malloc(n * CS_KNN * sizeof *st.L.ks);
    st.L.kver = calloc(n * CS_KNN, sizeof *st.L.kver);
    st.L.kc = calloc(n, 1);
    st.L.bv = malloc(n * sizeof *st.L.bv);
    st.L.bs = malloc(n * sizeof *st.L.bs);
    st.L.sz = st.sz;
    st.L.ver = st.ver;
    size_t *chain = malloc(n * sizeof *chain);
    int rc = 0;
    if (!st.rs || !st.sz || !st.ver || !st.al || !st.L.kv || !st.L.ks || !st.L.kver || !st.L.kc ||
        !st.L.bv || !st.L.bs || !chain) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        /* idx(i, j) = n*i - i*(i+1)/2 + j - i - 1; rs[i] may wrap for i = 0, j >= 1 adds back */
        st.rs[i] = n * i - i * (i + 1) / 2 - i - 1;
        st.sz[i] = 1;
        st.al[i] = (uint32_t)i;
        if (nnv && nni[i] != UINT32_MAX) {
            /* a one-entry list from the streaming pass: exact, with its own bound */
            st.L.kv[i * CS_KNN] = nnv[i];
            st.L.ks[i * CS_KNN] = nni[i];
            st.L.kc[i] = 1;
            st.L.bv[i] = nnv[i];
            st.L.bs[i] = nni[i];
        } else {
            cs_knn_clear(&st.L, i);
        }
    }
    st.na = n;
    size_t chain_len = 0, first = 0;
    for (size_t k = 0; k < n - 1; k++) {
        if (chain_len == 0) {
            while (st.sz[first] == 0)
                first++;
            chain[0] = first;
            chain_len = 1;
        }
        size_t x, y;
        double cur;
        for (;;) {
            x = chain[chain_len - 1];
            double v;
            size_t s;
            nearest(&st, x, &v, &s);
            if (chain_len > 1) {
                size_t w = chain[chain_len - 2];
                double dw = dist(&st, x, w);
                if (v < dw) {
                    y = s;
                    cur = v;
                } else {
                    y = w;
                    cur = dw;
                    break;
                }
            } else {
                y = s;
                cur = v;
            }
            chain[chain_len++] = y;
        }
        chain_len -= 2;
        if (x > y) {
            size_t t = x;
            x = y;
            y = t;
        }
        z[4 * k] = (double)x;
        z[4 * k + 1] = (double)y;
        z[4 * k + 2] = cur;
        z[4 * k + 3] = st.sz[x] + st.sz[y];
        merge(&st, x, y, cur);
    }
done:
    free(st.rs);
    free(st.sz);
    free(st.ver);
    free(st.al);
    free(st.L.kv);
    free(st.L.ks);
    free(st.L.kver);
    free(st.L.kc);
    free(st.L.bv);
    free(st.L.bs);
    free(chain);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */

struct cs_typ_nnacc {
    size_t n;
    int nt;
    double *cv; /* nt x n column minima */
    uint32_t *ci;
    double *nnv;
    uint32_t *nni;
};

int cs_typ_nnacc_new(cs_typ_nnacc **out, size_t n, int n_threads, double *nnv, uint32_t *nni)
{
    *out = NULL;
    cs_typ_nnacc *a = calloc(1, sizeof *a);
    int nt = n_threads < 1 ? 1 : n_threads;
    if (a) {
        a->cv = malloc((size_t)nt * n * sizeof *a->cv);
        a->ci = malloc((size_t)nt * n * sizeof *a->ci);
    }
    if (!a || !a->cv || !a->ci) {
        if (a) {
            free(a->cv);
            free(a->ci);
        }
        free(a);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    a->n = n;
    a->nt = nt;
    a->nnv = nnv;
    a->nni = nni;
    for (size_t k = 0; k < (size_t)nt * n; k++) {
        a->cv[k] = INFINITY;
        a->ci[k] = UINT32_MAX;
    }
    nnv[n - 1] = INFINITY;
    nni[n - 1] = UINT32_MAX;
    *out = a;
    return 0;
}

void cs_typ_nnacc_row(cs_typ_nnacc *a, int thread, size_t i, const double *seg)
{
    const size_t n = a->n;
    double *mv = a->cv + (size_t)thread * n;
    uint32_t *mi = a->ci + (size_t)thread * n;
    double bv = INFINITY;
    uint32_t bi = UINT32_MAX;
    const uint32_t ii = (uint32_t)i;
    for (size_t j = i + 1; j < n; j++) {
        double v = seg[j - i - 1];
        if (v < bv) {
            bv = v;
            bi = (uint32_t)j;
        }
        /* a thread may see rows in any order: keep the lowest row among equals */
        if (v < mv[j] || (v == mv[j] && ii < mi[j])) {
            mv[j] = v;
            mi[j] = ii;
        }
    }
    a->nnv[i] = bv;
    a->nni[i] = bi;
}

void cs_typ_nnacc_finish(cs_typ_nnacc *a)
{
    if (!a)
        return;
    for (size_t j = 0; j < a->n; j++) {
        /* candidates below j (column minima) against the row's own (all above j) */
        double bv = INFINITY;
        uint32_t bi = UINT32_MAX;
        for (int t = 0; t < a->nt; t++) {
            double v = a->cv[(size_t)t * a->n + j];
            uint32_t i = a->ci[(size_t)t * a->n + j];
            if (cs_lex_lt(v, i, bv, bi)) {
                bv = v;
                bi = i;
            }
        }
        if (cs_lex_le(bv, bi, a->nnv[j], a->nni[j])) {
            a->nnv[j] = bv;
            a->nni[j] = bi;
        }
    }
    free(a->cv);
    free(a->ci);
    free(a);
}

int cs_typ_condensed_copy_nn(double *dst, const double *src, size_t n, double *nnv, uint32_t *nni,
                             int n_threads)
{
    cs_typ_nnacc *acc = NULL;
    int nt = n_threads < 1 ? 1 : n_threads;
    int rc = cs_typ_nnacc_new(&acc, n, nt, nnv, nni);
    if (rc)
        return rc;
#pragma omp parallel for schedule(dynamic, 16) num_threads(nt)
    for (long long ii = 0; ii < (long long)n - 1; ii++) {
        size_t i = (size_t)ii;
        size_t start = cs_condensed_index(n, i, i + 1), len = n - i - 1;
        memcpy(dst + start, src + start, len * sizeof *dst);
        cs_typ_nnacc_row(acc, omp_get_thread_num(), i, dst + start);
    }
    cs_typ_nnacc_finish(acc);
    return 0;
}
