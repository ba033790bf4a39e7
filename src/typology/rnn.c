/*
 * rnn.c: complete, average, weighted and Ward linkage on a condensed matrix by rounds of
 * reciprocal nearest neighbours, streaming the matrix instead of walking its columns.
 *
 * For these reducible methods, two nodes that are each other's nearest neighbour are merged in
 * the hierarchy whatever else happens, so every such pair of a round can be merged at once; the
 * hierarchy equals the one-merge-at-a-time result whenever no two candidate distances tie. Ties:
 * a node's nearest neighbour is the least distance, lowest slot among equals, and a round merges
 * exactly the pairs that are mutual under that rule. Within a round, merges take effect in order
 * of (height, lower slot): the distance between two nodes created in the same round is what the
 * Lance-Williams update gives when they are created one after the other in that order.
 *
 * One round is one parallel pass over the active rows. Every value it reads is intact when read:
 * it is the entry being written, or an entry of a slot that dies in this round (never written).
 * So rows can be processed in any order, by any thread. The same pass collects every node's
 * nearest neighbour for the next round (per-thread column minima, merged lexicographically).
 * When at most half the slots are active they are packed in order (slot order is the tie rule).
 */
#include "typology/typology_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <omp.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

typedef struct {
    uint32_t x, y;
    double h, nx, ny;
} rpair;

typedef struct {
    size_t np;
    double *d;
    size_t *rs;  /* d[rs[i] + j] = D(i, j), i < j (index sums wrap back) */
    double *sz;  /* 0 = inactive */
    double *pen; /* 0 active, +inf inactive or dying this round */
    uint32_t *slot;
    uint32_t *pk; /* pair index of a slot merging this round, NONE otherwise */
    double *nnv;
    uint32_t *nni;
    cs_linkage_method method;
    int nt;
    double *cv; /* nt x np column minima */
    double *ci; /* and their rows (as doubles: one lane width for the vector blend) */
} rnn;

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
    default: {
        double t = 1.0 / (nx + ny + ni);
        return sqrt((ni + nx) * t * a * a + (ni + ny) * t * b * b - ni * t * h * h);
    }
    }
}

static inline double at(const rnn *s, size_t i, size_t j)
{
    return i < j ? s->d[s->rs[i] + j] : s->d[s->rs[j] + i];
}

static void set_rows(rnn *s)
{
    for (size_t i = 0; i < s->np; i++)
        s->rs[i] = s->np * i - i * (i + 1) / 2 - i - 1;
}

/* D(z_k, z_l) when z_k = x_k + y_k and z_l = x_l + y_l are created in this order. */
static double nested(const rnn *s, const rpair *pk, const rpair *pl, double d_yk_yl)
{
    const cs_linkage_method m = s->method;
    double d1 = lw(m, at(s, pk->x, pl->x), at(s, pk->y, pl->x), pk->h, pk->nx, pk->ny, pl->nx);
    double d2 = lw(m, at(s, pk->x, pl->y), d_yk_yl, pk->h, pk->nx, pk->ny, pl->ny);
    return lw(m, d1, d2, pl->h, pl->nx, pl->ny, pk->nx + pk->ny);
}

/*
 * The new row y_k over columns a+1 .. np-1 (offset 0 = column a+1) from rows x_k and y_k,
 * for every column; the caller restores the columns that must not change.
 */
static void new_row(cs_linkage_method m, double *restrict ry, const double *restrict rx,
                    const double *restrict sz, size_t len, double h, double nx, double ny)
{
    size_t t = 0;
    switch (m) {
    case CS_LINKAGE_COMPLETE:
        for (t = 0; t < len; t++)
            ry[t] = rx[t] > ry[t] ? rx[t] : ry[t];
        break;
    case CS_LINKAGE_AVERAGE: {
        const double den = nx + ny;
        for (t = 0; t < len; t++)
            ry[t] = (nx * rx[t] + ny * ry[t]) / den;
        break;
    }
    case CS_LINKAGE_WEIGHTED:
        for (t = 0; t < len; t++)
            ry[t] = 0.5 * (rx[t] + ry[t]);
        break;
    default:
#ifdef __SSE2__
        /* packed square roots: the same correctly rounded results as sqrt() */
        for (; t + 2 <= len; t += 2) {
            __m128d ni = _mm_loadu_pd(sz + t), a = _mm_loadu_pd(rx + t), b = _mm_loadu_pd(ry + t);
            __m128d u = _mm_div_pd(_mm_set1_pd(1.0), _mm_add_pd(_mm_set1_pd(nx + ny), ni));
            __m128d v1 =
                _mm_mul_pd(_mm_mul_pd(_mm_mul_pd(_mm_add_pd(ni, _mm_set1_pd(nx)), u), a), a);
            __m128d v2 =
                _mm_mul_pd(_mm_mul_pd(_mm_mul_pd(_mm_add_pd(ni, _mm_set1_pd(ny)), u), b), b);
            __m128d v3 = _mm_mul_pd(_mm_mul_pd(_mm_mul_pd(ni, u), _mm_set1_pd(h)), _mm_set1_pd(h));
            __m128d v = _mm_sub_pd(_mm_add_pd(v1, v2), v3);
            /* inactive columns (size 0) give garbage that is restored or never read */
            _mm_storeu_pd(ry + t, _mm_sqrt_pd(_mm_max_pd(v, _mm_setzero_pd())));
        }
#endif
        for (; t < len; t++) {
            double ni = sz[t], u = 1.0 / (nx + ny + ni);
            double v =
                (ni + nx) * u * rx[t] * rx[t] + (ni + ny) * u * ry[t] * ry[t] - ni * u * h * h;
            ry[t] = sqrt(v > 0 ? v : 0);
        }
        break;
    }
}

/*
 * Row a's nearest-neighbour contributions over columns a+1 .. np-1 (r[0] = column a+1): its
 * least (value, column), and each column's least value with the first row reaching it in this
 * thread's minima (a thread sees its rows in increasing order: static schedule).
 */
static void scan_row(rnn *s, int t, size_t a, const double *restrict r, double *rowv,
                     uint32_t *rowi)
{
    const size_t len = s->np - a - 1;
    const double *restrict pen = s->pen + a + 1;
    double *restrict cv = s->cv + (size_t)t * s->np + a + 1;
    double *restrict ci = s->ci + (size_t)t * s->np + a + 1;
    const double fa = (double)a;
    double m = INFINITY;
    size_t q = 0;
#ifdef __SSE2__
    __m128d mv = _mm_set1_pd(INFINITY), fa2 = _mm_set1_pd(fa);
    for (; q + 2 <= len; q += 2) {
        __m128d v = _mm_add_pd(_mm_loadu_pd(r + q), _mm_loadu_pd(pen + q));
        mv = _mm_min_pd(v, mv);
        __m128d c = _mm_loadu_pd(cv + q), i = _mm_loadu_pd(ci + q);
        __m128d lt = _mm_cmplt_pd(v, c);
        _mm_storeu_pd(cv + q, _mm_or_pd(_mm_and_pd(lt, v), _mm_andnot_pd(lt, c)));
        _mm_storeu_pd(ci + q, _mm_or_pd(_mm_and_pd(lt, fa2), _mm_andnot_pd(lt, i)));
    }
    double lanes[2];
    _mm_storeu_pd(lanes, mv);
    m = lanes[0] < lanes[1] ? lanes[0] : lanes[1];
#endif
    for (; q < len; q++) {
        double v = r[q] + pen[q];
        m = v < m ? v : m;
        if (v < cv[q]) {
            cv[q] = v;
            ci[q] = fa;
        }
    }
    uint32_t mi = NONE;
    if (m < INFINITY)
        for (q = 0; q < len; q++)
            if (r[q] + pen[q] == m) {
                mi = (uint32_t)(a + 1 + q);
                break;
            }
    *rowv = m;
    *rowi = mi;
}

/* The entries of unmerged row a toward this round's new nodes y_l > a (ys sorted). */
static void update_cols(const rnn *s, const rpair *P, const uint32_t *ys, size_t lo, size_t nys,
                        size_t a, double *row)
{
    const double na = s->sz[a];
    const cs_linkage_method m = s->method;
    for (size_t q = lo; q < nys; q++) {
        size_t b = ys[q];
        const rpair *pl = &P[s->pk[b]];
        double *e = row + (b - a - 1);
        double dax;
        if (pl->x > a) {
            dax = row[pl->x - a - 1];
        } else {
            /* row x_l walked down as a grows: fetch the line the next rows will use */
            const size_t rx = s->rs[pl->x];
            __builtin_prefetch(s->d + (rx + a + 8), 0, 3);
            dax = s->d[rx + a];
        }
        switch (m) {
        case CS_LINKAGE_COMPLETE:
            *e = dax > *e ? dax : *e;
            break;
        case CS_LINKAGE_AVERAGE:
            *e = (pl->nx * dax + pl->ny * *e) / (pl->nx + pl->ny);
            break;
        case CS_LINKAGE_WEIGHTED:
            *e = 0.5 * (dax + *e);
            break;
        default:
            *e = lw(m, dax, *e, pl->h, pl->nx, pl->ny, na);
            break;
        }
    }
}

/* Position of the first entry of the sorted v[0 .. n) above a. */
static size_t first_above(const uint32_t *v, size_t n, size_t a)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* One round: every active row updated for the merges in P, neighbours gathered for the next.
 * ys and xs are the round's kept and dying slots, each sorted. */
static void round_pass(rnn *s, const rpair *P, const uint32_t *ys, const uint32_t *xs, size_t nys,
                       double *oldbuf)
{
    const size_t np = s->np;
    const cs_linkage_method m = s->method;
    for (size_t k = 0; k < (size_t)s->nt * np; k++) {
        s->cv[k] = INFINITY;
        s->ci[k] = 0;
    }
#pragma omp parallel num_threads(s->nt)
    {
        int t = omp_get_thread_num();
        double *old = oldbuf + (size_t)t * 2 * (nys ? nys : 1), *oldx = old + (nys ? nys : 1);
#pragma omp for schedule(static, 16)
        for (long long aa = 0; aa < (long long)np; aa++) {
            size_t a = (size_t)aa;
            if (s->pen[a] != 0) {
                s->nnv[a] = INFINITY;
                s->nni[a] = NONE;
                continue;
            }
            double *restrict d = s->d;
            const size_t start = s->rs[a] + a + 1; /* index of D(a, a+1) */
            double *row = d + start;
            size_t lo = first_above(ys, nys, a);
            uint32_t k = s->pk[a];
            if (k != NONE) {
                /* a is y_k: a whole new row from rows x_k and a; then the entries toward this
                 * round's dying slots are put back (others read them) and those toward other
                 * new nodes are set as the ordered merges give them */
                const rpair *p = &P[k];
                size_t lx = first_above(xs, nys, a);
                for (size_t q = lo; q < nys; q++)
                    old[q - lo] = row[ys[q] - a - 1];
                for (size_t q = lx; q < nys; q++)
                    oldx[q - lx] = row[xs[q] - a - 1];
                new_row(m, row, d + (s->rs[p->x] + a + 1), s->sz + a + 1, np - a - 1, p->h, p->nx,
                        p->ny);
                for (size_t q = lx; q < nys; q++)
                    row[xs[q] - a - 1] = oldx[q - lx];
                for (size_t q = lo; q < nys; q++) {
                    uint32_t l = s->pk[ys[q]];
                    double v =
                        k < l ? nested(s, p, &P[l], old[q - lo]) : nested(s, &P[l], p, old[q - lo]);
                    row[ys[q] - a - 1] = v;
                }
            } else {
                /* a unmerged: only the columns of this round's new nodes change */
                update_cols(s, P, ys, lo, nys, a, row);
            }
            scan_row(s, t, a, row, &s->nnv[a], &s->nni[a]);
        }
    }
    /* nearest neighbours: column minima (rows below) against the row's own (columns above) */
    for (size_t j = 0; j < np; j++) {
        if (s->pen[j] != 0)
            continue;
        double bv = INFINITY;
        uint32_t bi = NONE;
        for (int t = 0; t < s->nt; t++) {
            double v = s->cv[(size_t)t * np + j];
            uint32_t i = v < INFINITY ? (uint32_t)s->ci[(size_t)t * np + j] : NONE;
            if (v < bv || (v == bv && i < bi)) {
                bv = v;
                bi = i;
            }
        }
        if (bv < s->nnv[j] || (bv == s->nnv[j] && bi < s->nni[j])) {
            s->nnv[j] = bv;
            s->nni[j] = bi;
        }
    }
}

/* Packs the active slots to the front in order (in place: every entry moves down or stays). */
static void compact(rnn *s, uint32_t *map)
{
    const size_t np = s->np;
    size_t m = 0;
    for (size_t i = 0; i < np; i++)
        map[i] = s->pen[i] == 0 ? (uint32_t)m++ : NONE;
    size_t q = 0;
    for (size_t i = 0; i < np; i++) {
        if (map[i] == NONE)
            continue;
        const size_t ri = s->rs[i];
        for (size_t j = i + 1; j < np; j++)
            if (map[j] != NONE)
                s->d[q++] = s->d[ri + j];
    }
    for (size_t i = 0; i < np; i++) {
        uint32_t r = map[i];
        if (r == NONE)
            continue;
        s->sz[r] = s->sz[i];
        s->slot[r] = s->slot[i];
        s->nnv[r] = s->nnv[i];
        s->nni[r] = s->nni[i] == NONE ? NONE : map[s->nni[i]];
        s->pen[r] = 0;
        s->pk[r] = NONE;
    }
    s->np = m;
    set_rows(s);
}

static int cmp_pair(const void *a, const void *b)
{
    const rpair *p = a, *q = b;
    if (p->h != q->h)
        return p->h < q->h ? -1 : 1;
    return p->x < q->x ? -1 : p->x > q->x;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int cs_typ_rnn_condensed(double *z, double *d, size_t n, cs_linkage_method method, double *nnv,
                         uint32_t *nni, int n_threads)
{
    if (n > UINT32_MAX - 1)
        return cs_error_set(CS_EUSAGE, "too many objects for a linkage (%zu)", n);
    rnn s;
    memset(&s, 0, sizeof s);
    s.np = n;
    s.d = d;
    s.method = method;
    s.nnv = nnv;
    s.nni = nni;
    s.nt = n_threads < 1 ? 1 : n_threads;
    s.rs = malloc(n * sizeof *s.rs);
    s.sz = malloc(n * sizeof *s.sz);
    s.pen = malloc(n * sizeof *s.pen);
    s.slot = malloc(n * sizeof *s.slot);
    s.pk = malloc(n * sizeof *s.pk);
    s.cv = malloc((size_t)s.nt * n * sizeof *s.cv);
    s.ci = malloc((size_t)s.nt * n * sizeof *s.ci);
    rpair *P = malloc((n / 2 + 1) * sizeof *P);
    uint32_t *ys = malloc((n / 2 + 1) * sizeof *ys), *xs = malloc((n / 2 + 1) * sizeof *xs);
    uint32_t *map = malloc(n * sizeof *map);
    double *oldbuf = malloc((size_t)s.nt * 2 * (n / 2 + 1) * sizeof *oldbuf);
    int rc = 0;
    if (!s.rs || !s.sz || !s.pen || !s.slot || !s.pk || !s.cv || !s.ci || !P || !ys || !xs ||
        !map || !oldbuf) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        s.sz[i] = 1;
        s.pen[i] = 0;
        s.slot[i] = (uint32_t)i;
        s.pk[i] = NONE;
    }
    set_rows(&s);
    size_t alive = n, k = 0;
    while (alive > 1) {
        /* the round's pairs: mutual nearest neighbours, merged in order of (height, slot) */
        size_t np = 0;
        for (size_t a = 0; a < s.np; a++) {
            uint32_t b = s.nni[a];
            if (s.pen[a] == 0 && b != NONE && b > a && s.nni[b] == a) {
                P[np].x = (uint32_t)a;
                P[np].y = b;
                P[np].h = s.nnv[a];
                P[np].nx = s.sz[a];
                P[np].ny = s.sz[b];
                np++;
            }
        }
        if (np == 0) {
            rc = cs_error_set(CS_ERROR,
                              "linkage: no reciprocal nearest neighbours among %zu "
                              "nodes (non-finite distances?)",
                              alive);
            goto done;
        }
        qsort(P, np, sizeof *P, cmp_pair);
        for (size_t q = 0; q < np; q++) {
            s.pk[P[q].y] = (uint32_t)q;
            s.pen[P[q].x] = INFINITY; /* dies this round: its row and column stay intact */
            ys[q] = P[q].y;
            xs[q] = P[q].x;
            z[4 * k] = s.slot[P[q].x];
            z[4 * k + 1] = s.slot[P[q].y];
            z[4 * k + 2] = P[q].h;
            z[4 * k + 3] = P[q].nx + P[q].ny;
            k++;
        }
        qsort(ys, np, sizeof *ys, cmp_u32);
        qsort(xs, np, sizeof *xs, cmp_u32);
        round_pass(&s, P, ys, xs, np, oldbuf);
        for (size_t q = 0; q < np; q++) {
            s.sz[P[q].y] = P[q].nx + P[q].ny;
            s.sz[P[q].x] = 0;
            s.pk[P[q].y] = NONE;
        }
        alive -= np;
        /* packing costs one pass; every later pass then skips the dead slots */
        if (alive > 1 && alive * 4 <= s.np * 3 && s.np >= 64)
            compact(&s, map);
    }
done:
    free(s.rs);
    free(s.sz);
    free(s.pen);
    free(s.slot);
    free(s.pk);
    free(s.cv);
    free(s.ci);
    free(P);
    free(ys);
    free(xs);
    free(map);
    free(oldbuf);
    return rc;
}
