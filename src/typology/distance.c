/*
 * distance.c: pairwise distances (SciPy's pdist metrics, R's daisy Gower) over a data matrix,
 * plain arrays or bit sets, into condensed or full symmetric matrices, in parallel.
 *
 * Invariants that the linkage relies on:
 * - D(i, j) computed by cs_typ_dist_row(i, ...) is bitwise equal to D(j, i) computed by
 *   cs_typ_dist_row(j, ...): every kernel is symmetric term by term (squares, absolute values,
 *   products, integer counts), and sums run over the variables in the same order.
 * - Sums over the variables run in variable order, as SciPy's and R's loops do, so results are
 *   bitwise those of the references wherever their loops are sequential too; no FMA contraction
 *   is possible (no clone enables the fma ISA).
 */
#include "typology/typology_impl.h"

#include "clusterscope/error.h"

#include <emmintrin.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_DENSE, K_DENSE_NA, K_BITS, K_GOWER };

/* Gower variable codes, as daisy passes them to its C code */
enum { G_ASYMM = 1, G_SYMM = 2, G_NOMINAL = 3, G_INTERVAL = 4 };

struct cs_typ_dist {
    cs_metric metric;
    int kind;
    size_t n, p;
    const double *x; /* n x p row-major (dense kinds; gower: scaled values) */
    double *xown;
    double *xt; /* p x n, column k contiguous (K_DENSE) */
    double *norm;
    const uint64_t *bits, *known;
    uint64_t *bown, *kown;
    size_t nw, nvars;
    unsigned char *gtype;
    double *gw;
    const cs_datamatrix *m; /* for names in messages; may be NULL */
    int keep_undefined;     /* cs_distance_options.keep_undefined: NaN, not a refusal */
};

/* ------------------------------------------------------------------------------------------ */

void *cs_typ_big_alloc(size_t bytes)
{
    const size_t align = (size_t)2 << 20;
    void *p = NULL;
    if (bytes == 0)
        bytes = 1;
    if (bytes >= align) {
        size_t rounded = (bytes + align - 1) / align * align;
        /* no MADV_HUGEPAGE: in the measured VM, faulting huge pages cost more than it saved */
        if (posix_memalign(&p, align, rounded) != 0)
            return NULL;
        return p;
    }
    return malloc(bytes);
}

void cs_typ_big_free(void *p)
{
    free(p);
}

void cs_typology_free(void *p)
{
    free(p);
}

static const char *const metric_names[CS_METRIC_COUNT] = {
    "euclidean", "sqeuclidean", "cityblock", "chebyshev",      "cosine",
    "hamming",   "jaccard",     "dice",      "rogerstanimoto", "gower",
};

int cs_metric_parse(cs_metric *out, const char *name)
{
    for (int k = 0; k < CS_METRIC_COUNT; k++) {
        if (name && strcmp(name, metric_names[k]) == 0) {
            *out = (cs_metric)k;
            return 0;
        }
    }
    if (name && strcmp(name, "manhattan") == 0) {
        *out = CS_METRIC_CITYBLOCK;
        return 0;
    }
    if (name && (strcmp(name, "matching") == 0 || strcmp(name, "simple_matching") == 0)) {
        *out = CS_METRIC_HAMMING;
        return 0;
    }
    return cs_error_set(CS_EUSAGE,
                        "unknown metric \"%s\" (expected euclidean, sqeuclidean, cityblock, "
                        "chebyshev, cosine, hamming, jaccard, dice, rogerstanimoto or gower)",
                        name ? name : "");
}

const char *cs_metric_name(cs_metric m)
{
    return (int)m >= 0 && m < CS_METRIC_COUNT ? metric_names[m] : "?";
}

int cs_metric_is_binary(cs_metric m)
{
    return m == CS_METRIC_HAMMING || m == CS_METRIC_JACCARD || m == CS_METRIC_DICE ||
           m == CS_METRIC_ROGERSTANIMOTO;
}

size_t cs_distance_memory(size_t n)
{
    if (n < 2)
        return 0;
    size_t a = n, b = n - 1;
    if (a % 2 == 0)
        a /= 2;
    else
        b /= 2;
    if (a > SIZE_MAX / b || a * b > SIZE_MAX / sizeof(double))
        return SIZE_MAX;
    return a * b * sizeof(double);
}

size_t cs_typ_dist_n(const cs_typ_dist *c)
{
    return c->n;
}

int cs_typ_dist_dense(const cs_typ_dist *c, const double **x, size_t *p)
{
    if (c->kind != K_DENSE)
        return 0;
    *x = c->x;
    *p = c->p;
    return 1;
}

static int n_threads_of(int requested)
{
    return requested > 0 ? requested : omp_get_max_threads();
}

/* ------------------------------------------------------------------------------------------ */
/* Kernels                                                                                     */

#define SEG 256 /* accumulator chunk: fits L1 with the streamed column */

/* o[t] = sqrt(a[t]) with packed square roots (correctly rounded, like sqrt; a[t] >= 0). */
static inline __attribute__((always_inline)) void sqrt_array(double *o, const double *a, size_t len)
{
    size_t t = 0;
    for (; t + 2 <= len; t += 2)
        _mm_storeu_pd(o + t, _mm_sqrt_pd(_mm_loadu_pd(a + t)));
    for (; t < len; t++)
        o[t] = sqrt(a[t]);
}

/*
 * Dense rows without unknowns, vectorised across j: for every variable k in order, one pass
 * over the chunk of columns adds the term of variable k, so each pair's sum runs k = 0..p-1.
 */
#define BLK 8 /* columns per register block */

/*
 * acc[t] for columns c0 .. c0+len-1 of row xi: BLK columns at a time kept in registers, the
 * variables in order inside, so each pair's sum runs k = 0..p-1 (as SciPy's loop does) without
 * touching memory between terms. TERM(v, w) is one variable's term, ACC(a, t) adds it.
 */
#define DENSE_KERNEL(NAME, TERM, ACC)                                                              \
    static inline __attribute__((always_inline)) void NAME(const double *xi, const double *xt,     \
                                                           size_t n, size_t p, size_t c0,          \
                                                           size_t len, double *acc)                \
    {                                                                                              \
        size_t t0 = 0;                                                                             \
        for (; t0 + BLK <= len; t0 += BLK) {                                                       \
            double a[BLK] = { 0 };                                                                 \
            for (size_t k = 0; k < p; k++) {                                                       \
                const double v = xi[k];                                                            \
                const double *restrict col = xt + k * n + c0 + t0;                                 \
                _Pragma("omp simd") for (int t = 0; t < BLK; t++) a[t] =                           \
                    ACC(a[t], TERM(v, col[t]));                                                    \
            }                                                                                      \
            for (int t = 0; t < BLK; t++)                                                          \
                acc[t0 + (size_t)t] = a[t];                                                        \
        }                                                                                          \
        for (; t0 < len; t0++) {                                                                   \
            double a1 = 0;                                                                         \
            for (size_t k = 0; k < p; k++)                                                         \
                a1 = ACC(a1, TERM(xi[k], xt[k * n + c0 + t0]));                                    \
            acc[t0] = a1;                                                                          \
        }                                                                                          \
    }

#define TERM_DIFF(v, w)  ((v) - (w))
#define TERM_PROD(v, w)  ((v) * (w))
#define ACC_SQUARE(a, d) ((a) + (d) * (d))
#define ACC_ABS(a, d)    ((a) + fabs(d))
#define ACC_MAX(a, d)    ((a) < fabs(d) ? fabs(d) : (a))
#define ACC_SUM(a, d)    ((a) + (d))

DENSE_KERNEL(blocks_sq, TERM_DIFF, ACC_SQUARE)
DENSE_KERNEL(blocks_abs, TERM_DIFF, ACC_ABS)
DENSE_KERNEL(blocks_max, TERM_DIFF, ACC_MAX)
DENSE_KERNEL(blocks_dot, TERM_PROD, ACC_SUM)

__attribute__((target_clones("avx2", "default"))) static void
seg_dense(const cs_typ_dist *c, size_t i, size_t j0, size_t j1, double *out)
{
    const size_t n = c->n, p = c->p;
    const double *xi = c->x + i * p;
    const double *xt = c->xt;
    const cs_metric metric = c->metric;
    for (size_t c0 = j0; c0 < j1; c0 += SEG) {
        size_t len = j1 - c0 < SEG ? j1 - c0 : SEG;
        double acc[SEG];
        switch (metric) {
        case CS_METRIC_EUCLIDEAN:
        case CS_METRIC_SQEUCLIDEAN:
            blocks_sq(xi, xt, n, p, c0, len, acc);
            break;
        case CS_METRIC_CITYBLOCK:
            blocks_abs(xi, xt, n, p, c0, len, acc);
            break;
        case CS_METRIC_CHEBYSHEV:
            blocks_max(xi, xt, n, p, c0, len, acc);
            break;
        default: /* cosine: the dot product */
            blocks_dot(xi, xt, n, p, c0, len, acc);
            break;
        }
        double *o = out + (c0 - j0);
        if (metric == CS_METRIC_EUCLIDEAN) {
            sqrt_array(o, acc, len);
        } else if (metric == CS_METRIC_COSINE) {
            const double ni = c->norm[i];
            for (size_t t = 0; t < len; t++) {
                /* SciPy: dot / (|u| |v|), clipped to [-1, 1] against rounding */
                double cs = acc[t] / (ni * c->norm[c0 + t]);
                if (fabs(cs) > 1.0)
                    cs = cs > 0 ? 1.0 : -1.0;
                o[t] = 1.0 - cs;
            }
        } else {
            memcpy(o, acc, len * sizeof *o);
        }
    }
}

/*
 * Dense rows with unknown cells (NaN), R's dist() convention: use the variables known for both;
 * sums (euclidean, sqeuclidean, cityblock) are scaled up by p / count; chebyshev takes the max
 * over them; cosine uses them alone. No variable in common: undefined.
 */
static size_t seg_dense_na(const cs_typ_dist *c, size_t i, size_t j0, size_t j1, double *out)
{
    const size_t p = c->p;
    const double *xi = c->x + i * p;
    size_t bad = 0;
    for (size_t j = j0; j < j1; j++) {
        const double *xj = c->x + j * p;
        double s = 0, nu = 0, nv = 0;
        size_t count = 0;
        for (size_t k = 0; k < p; k++) {
            double a = xi[k], b = xj[k];
            if (isnan(a) || isnan(b))
                continue;
            count++;
            double d = a - b;
            switch (c->metric) {
            case CS_METRIC_EUCLIDEAN:
            case CS_METRIC_SQEUCLIDEAN:
                s += d * d;
                break;
            case CS_METRIC_CITYBLOCK:
                s += fabs(d);
                break;
            case CS_METRIC_CHEBYSHEV:
                s = s < fabs(d) ? fabs(d) : s;
                break;
            default:
                s += a * b;
                nu += a * a;
                nv += b * b;
                break;
            }
        }
        double r;
        if (count == 0 || (c->metric == CS_METRIC_COSINE && (nu == 0 || nv == 0))) {
            r = NAN;
            bad++;
        } else if (c->metric == CS_METRIC_COSINE) {
            double cs = s / (sqrt(nu) * sqrt(nv));
            if (fabs(cs) > 1.0)
                cs = cs > 0 ? 1.0 : -1.0;
            r = 1.0 - cs;
        } else {
            if (c->metric != CS_METRIC_CHEBYSHEV && count != p)
                s /= ((double)count / (double)p); /* as R's distance.c does */
            r = c->metric == CS_METRIC_EUCLIDEAN ? sqrt(s) : s;
        }
        out[j - j0] = r;
    }
    return bad;
}

static inline __attribute__((always_inline)) double
bin_quotient(cs_metric metric, uint64_t ntt, uint64_t ndiff, uint64_t nknown, int *undefined)
{
    switch (metric) {
    case CS_METRIC_HAMMING:
        if (nknown == 0) {
            *undefined = 1;
            return NAN;
        }
        return (double)ndiff / (double)nknown;
    case CS_METRIC_JACCARD: {
        /* SciPy >= 1.2: two objects with no 1 at all are at distance 0 */
        uint64_t den = ntt + ndiff;
        if (nknown == 0) {
            *undefined = 1;
            return NAN;
        }
        return den == 0 ? 0.0 : (double)ndiff / (double)den;
    }
    case CS_METRIC_DICE: {
        double den = 2.0 * (double)ntt + (double)ndiff;
        if (nknown == 0) {
            *undefined = 1;
            return NAN;
        }
        return den == 0 ? 0.0 : (double)ndiff / den; /* SciPy gives NaN for 0/0 */
    }
    default: { /* rogerstanimoto: R = 2 (b + c); R / (a + d + R) */
        if (nknown == 0) {
            *undefined = 1;
            return NAN;
        }
        double r = 2.0 * (double)ndiff;
        double nff = (double)(nknown - ntt - ndiff);
        return r / ((double)ntt + nff + r);
    }
    }
}

__attribute__((target_clones("popcnt", "default"))) static size_t
seg_bits(const cs_typ_dist *c, size_t i, size_t j0, size_t j1, double *out)
{
    const size_t nw = c->nw;
    const uint64_t *bi = c->bits + i * nw;
    const cs_metric metric = c->metric;
    size_t bad = 0;
    if (!c->known) {
        const uint64_t nknown = c->nvars;
        if (nw == 1) {
            const uint64_t a = bi[0];
            for (size_t j = j0; j < j1; j++) {
                const uint64_t b = c->bits[j];
                int undef = 0;
                out[j - j0] = bin_quotient(metric, (uint64_t)__builtin_popcountll(a & b),
                                           (uint64_t)__builtin_popcountll(a ^ b), nknown, &undef);
                bad += (size_t)undef;
            }
            return bad;
        }
        for (size_t j = j0; j < j1; j++) {
            const uint64_t *bj = c->bits + j * nw;
            uint64_t ntt = 0, ndiff = 0;
            for (size_t w = 0; w < nw; w++) {
                ntt += (uint64_t)__builtin_popcountll(bi[w] & bj[w]);
                ndiff += (uint64_t)__builtin_popcountll(bi[w] ^ bj[w]);
            }
            int undef = 0;
            out[j - j0] = bin_quotient(metric, ntt, ndiff, nknown, &undef);
            bad += (size_t)undef;
        }
        return bad;
    }
    const uint64_t *ki = c->known + i * nw;
    for (size_t j = j0; j < j1; j++) {
        const uint64_t *bj = c->bits + j * nw;
        const uint64_t *kj = c->known + j * nw;
        uint64_t ntt = 0, ndiff = 0, nknown = 0;
        for (size_t w = 0; w < nw; w++) {
            uint64_t k = ki[w] & kj[w];
            uint64_t a = bi[w] & k, b = bj[w] & k;
            ntt += (uint64_t)__builtin_popcountll(a & b);
            ndiff += (uint64_t)__builtin_popcountll(a ^ b);
            nknown += (uint64_t)__builtin_popcountll(k);
        }
        int undef = 0;
        out[j - j0] = bin_quotient(metric, ntt, ndiff, nknown, &undef);
        bad += (size_t)undef;
    }
    return bad;
}

/* Gower as cluster/src/daisy.c (mixed case) computes it, variable by variable in order. */
static size_t seg_gower(const cs_typ_dist *c, size_t i, size_t j0, size_t j1, double *out)
{
    const size_t p = c->p;
    const double *xi = c->x + i * p;
    size_t bad = 0;
    for (size_t j = j0; j < j1; j++) {
        const double *xj = c->x + j * p;
        double ppa = 0, dlk = 0;
        for (size_t k = 0; k < p; k++) {
            const double a = xi[k], b = xj[k], w = c->gw[k];
            const unsigned char t = c->gtype[k];
            if (t >= G_NOMINAL) {
                if (isnan(a) || isnan(b))
                    continue;
                ppa += w;
                if (t == G_NOMINAL) {
                    if (a != b)
                        dlk += w;
                } else {
                    dlk += w * fabs(a - b);
                }
            } else {
                if ((a != 0 && a != 1) || (b != 0 && b != 1))
                    continue; /* unknown */
                if (t == G_SYMM || a != 0 || b != 0)
                    ppa += w;
                if (a != b)
                    dlk += w;
            }
        }
        if (ppa <= 0) {
            out[j - j0] = NAN;
            bad++;
        } else {
            out[j - j0] = dlk / ppa;
        }
    }
    return bad;
}

size_t cs_typ_dist_row(const cs_typ_dist *c, size_t i, size_t j0, size_t j1, double *out)
{
    if (j1 <= j0)
        return 0;
    switch (c->kind) {
    case K_DENSE:
        seg_dense(c, i, j0, j1, out);
        return 0;
    case K_DENSE_NA:
        return seg_dense_na(c, i, j0, j1, out);
    case K_BITS:
        return seg_bits(c, i, j0, j1, out);
    default:
        return seg_gower(c, i, j0, j1, out);
    }
}

int cs_typ_dist_undefined(const cs_typ_dist *c, size_t i, size_t j)
{
    char a[48], b[48];
    const char *ia, *ib;
    if (c->m) {
        ia = cs_datamatrix_id(c->m, i);
        ib = cs_datamatrix_id(c->m, j);
    } else {
        snprintf(a, sizeof a, "row %zu", i);
        snprintf(b, sizeof b, "row %zu", j);
        ia = a;
        ib = b;
    }
    if (c->kind == K_GOWER)
        return cs_error_set(CS_EDATA,
                            "objects \"%s\" and \"%s\" have no variable that counts for Gower "
                            "(every variable is unknown for one of them, or asymmetric binary "
                            "and 0 for both), so their distance is undefined",
                            ia, ib);
    if (c->metric == CS_METRIC_COSINE)
        return cs_error_set(CS_EDATA,
                            "objects \"%s\" and \"%s\": cosine distance is undefined (a zero "
                            "vector, or no variable known for both)",
                            ia, ib);
    return cs_error_set(CS_EDATA,
                        "objects \"%s\" and \"%s\" have no variable known for both, so their "
                        "%s distance is undefined",
                        ia, ib, cs_metric_name(c->metric));
}

/* Records the lexicographically first undefined pair seen by any thread. */
static void note_bad(size_t *bi, size_t *bj, size_t i, const double *out, size_t j0, size_t len)
{
    for (size_t t = 0; t < len; t++) {
        if (isnan(out[t])) {
#pragma omp critical(cs_typ_bad)
            {
                if (i < *bi || (i == *bi && j0 + t < *bj)) {
                    *bi = i;
                    *bj = j0 + t;
                }
            }
            return;
        }
    }
}

int cs_typ_dist_condensed(const cs_typ_dist *c, double *out, int n_threads, cs_typ_nnacc *acc)
{
    const size_t n = c->n;
    size_t bi = SIZE_MAX, bj = SIZE_MAX;
    long long nn = (long long)n;
#pragma omp parallel for schedule(dynamic, 8) num_threads(n_threads_of(n_threads))
    for (long long ii = 0; ii < nn - 1; ii++) {
        size_t i = (size_t)ii;
        double *o = out + cs_condensed_index(n, i, i + 1);
        if (cs_typ_dist_row(c, i, i + 1, n, o))
            note_bad(&bi, &bj, i, o, i + 1, n - i - 1);
        else if (acc)
            cs_typ_nnacc_row(acc, omp_get_thread_num(), i, o);
    }
    if (bi != SIZE_MAX && !c->keep_undefined)
        return cs_typ_dist_undefined(c, bi, bj);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Preparation                                                                                 */

void cs_typ_dist_release(cs_typ_dist *c)
{
    if (!c)
        return;
    free(c->xown);
    free(c->xt);
    free(c->norm);
    free(c->bown);
    free(c->kown);
    free(c->gtype);
    free(c->gw);
    free(c);
}

static int metric_ok(cs_metric metric)
{
    if ((int)metric < 0 || metric >= CS_METRIC_COUNT)
        return cs_error_set(CS_EUSAGE, "unknown metric code %d", (int)metric);
    return 0;
}

/* Transposed copy and norms for the vectorised dense kernel; checks cosine's zero vectors. */
static int finish_dense(cs_typ_dist *c)
{
    const size_t n = c->n, p = c->p;
    c->xt = malloc(n * p * sizeof *c->xt);
    if (!c->xt)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < p; k++)
            c->xt[k * n + i] = c->x[i * p + k];
    if (c->metric == CS_METRIC_COSINE) {
        c->norm = malloc(n * sizeof *c->norm);
        if (!c->norm)
            return cs_error_set(CS_ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++) {
            double s = 0;
            for (size_t k = 0; k < p; k++)
                s += c->x[i * p + k] * c->x[i * p + k];
            c->norm[i] = sqrt(s);
            if (c->norm[i] == 0) {
                if (c->m)
                    return cs_error_set(CS_EDATA,
                                        "object \"%s\" is a zero vector: its cosine distance to "
                                        "anything is undefined",
                                        cs_datamatrix_id(c->m, i));
                return cs_error_set(CS_EDATA,
                                    "row %zu is a zero vector: its cosine distance to anything "
                                    "is undefined",
                                    i);
            }
        }
    }
    return 0;
}

static int new_ctx(cs_typ_dist **out, cs_metric metric, size_t n, size_t p)
{
    *out = NULL;
    int rc = metric_ok(metric);
    if (rc)
        return rc;
    if (n < 2)
        return cs_error_set(CS_EDATA, "cluster analysis needs at least 2 objects, found %zu", n);
    if (p == 0)
        return cs_error_set(CS_EDATA, "the data have no variable");
    if (n > CS_TYP_HUGE / p / sizeof(double))
        return cs_error_set(CS_ENOMEM, "%zu x %zu data are too large", n, p);
    cs_typ_dist *c = calloc(1, sizeof *c);
    if (!c)
        return cs_error_set(CS_ENOMEM, "out of memory");
    c->metric = metric;
    c->n = n;
    c->p = p;
    *out = c;
    return 0;
}

/* Packs 0/nonzero doubles into bit sets; NaN = unknown. */
static int pack_bits(cs_typ_dist *c, const double *x, cs_unknown_policy unknown)
{
    const size_t n = c->n, p = c->p, nw = (p + 63) / 64;
    int any_unknown = 0;
    c->nw = nw;
    c->nvars = p;
    c->bown = calloc(n * nw, sizeof *c->bown);
    c->kown = calloc(n * nw, sizeof *c->kown);
    if (!c->bown || !c->kown)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < p; k++) {
            double v = x[i * p + k];
            uint64_t bit = (uint64_t)1 << (k % 64);
            if (isnan(v)) {
                if (unknown == CS_UNKNOWN_ERROR)
                    return cs_error_set(CS_EDATA,
                                        "row %zu, variable %zu is unknown and the unknown policy "
                                        "is \"error\"",
                                        i, k);
                any_unknown = 1;
                continue;
            }
            if (isinf(v))
                return cs_error_set(CS_EDATA, "row %zu, variable %zu is infinite", i, k);
            c->kown[i * nw + k / 64] |= bit;
            if (v != 0)
                c->bown[i * nw + k / 64] |= bit;
        }
    }
    c->bits = c->bown;
    if (any_unknown && unknown == CS_UNKNOWN_PAIRWISE) {
        c->known = c->kown;
    } else {
        free(c->kown);
        c->kown = NULL;
    }
    c->kind = K_BITS;
    return 0;
}

int cs_typ_dist_prepare_dense(cs_typ_dist **out, const double *x, size_t n, size_t p,
                              cs_metric metric, const cs_distance_options *opts)
{
    cs_distance_options o;
    memset(&o, 0, sizeof o);
    if (opts)
        o = *opts;
    cs_typ_dist *c = NULL;
    int rc = new_ctx(&c, metric, n, p);
    if (rc)
        return rc;
    if (metric == CS_METRIC_GOWER) {
        cs_typ_dist_release(c);
        return cs_error_set(CS_EUSAGE, "Gower needs variable types: use a data matrix "
                                       "(cs_distance_condensed)");
    }
    if (cs_metric_is_binary(metric)) {
        rc = pack_bits(c, x, o.unknown);
        if (rc) {
            cs_typ_dist_release(c);
            return rc;
        }
        *out = c;
        return 0;
    }
    size_t nan_at = SIZE_MAX;
    for (size_t k = 0; k < n * p; k++) {
        if (isinf(x[k])) {
            cs_typ_dist_release(c);
            return cs_error_set(CS_EDATA, "row %zu, variable %zu is infinite", k / p, k % p);
        }
        if (isnan(x[k]) && nan_at == SIZE_MAX)
            nan_at = k;
    }
    c->x = x;
    c->kind = K_DENSE;
    if (nan_at != SIZE_MAX) {
        if (o.unknown == CS_UNKNOWN_ERROR) {
            cs_typ_dist_release(c);
            return cs_error_set(CS_EDATA,
                                "row %zu, variable %zu is unknown and the unknown policy is "
                                "\"error\"",
                                nan_at / p, nan_at % p);
        }
        if (o.unknown == CS_UNKNOWN_AS_ZERO) {
            c->xown = malloc(n * p * sizeof *c->xown);
            if (!c->xown) {
                cs_typ_dist_release(c);
                return cs_error_set(CS_ENOMEM, "out of memory");
            }
            for (size_t k = 0; k < n * p; k++)
                c->xown[k] = isnan(x[k]) ? 0.0 : x[k];
            c->x = c->xown;
        } else {
            c->kind = K_DENSE_NA;
        }
    }
    if (c->kind == K_DENSE && (rc = finish_dense(c))) {
        cs_typ_dist_release(c);
        return rc;
    }
    *out = c;
    return 0;
}

int cs_typ_dist_prepare_bits(cs_typ_dist **out, const uint64_t *bits, const uint64_t *known,
                             size_t n, size_t nwords, size_t nvars, cs_metric metric,
                             const cs_distance_options *opts)
{
    cs_typ_dist *c = NULL;
    int rc = new_ctx(&c, metric, n, nvars);
    if (rc)
        return rc;
    if (!cs_metric_is_binary(metric) || nwords != (nvars + 63) / 64) {
        cs_typ_dist_release(c);
        return cs_error_set(CS_EUSAGE, "bit sets need a binary metric (hamming, jaccard, dice, "
                                       "rogerstanimoto) and (nvars + 63) / 64 words per object");
    }
    c->kind = K_BITS;
    c->bits = bits;
    c->nw = nwords;
    c->nvars = nvars;
    if (known) {
        cs_unknown_policy pol = opts ? opts->unknown : CS_UNKNOWN_PAIRWISE;
        uint64_t last = nvars % 64 ? (((uint64_t)1 << (nvars % 64)) - 1) : ~(uint64_t)0;
        int any = 0;
        for (size_t i = 0; i < n && !any; i++)
            for (size_t w = 0; w < nwords; w++)
                if (known[i * nwords + w] != (w + 1 == nwords ? last : ~(uint64_t)0))
                    any = 1;
        if (any && pol == CS_UNKNOWN_ERROR) {
            cs_typ_dist_release(c);
            return cs_error_set(CS_EDATA, "the bit sets have unknown cells and the unknown "
                                          "policy is \"error\"");
        }
        if (any && pol == CS_UNKNOWN_AS_ZERO) {
            c->bown = malloc(n * nwords * sizeof *c->bown);
            if (!c->bown) {
                cs_typ_dist_release(c);
                return cs_error_set(CS_ENOMEM, "out of memory");
            }
            for (size_t k = 0; k < n * nwords; k++)
                c->bown[k] = bits[k] & known[k];
            c->bits = c->bown;
        } else if (any) {
            c->known = known;
        }
    }
    *out = c;
    return 0;
}

static int first_unknown_error(const cs_datamatrix *m)
{
    for (size_t i = 0; i < m->n; i++)
        for (size_t j = 0; j < m->p; j++)
            if (isnan(m->x[i * m->p + j]))
                return cs_error_set(CS_EDATA,
                                    "object \"%s\", variable \"%s\" is unknown and the unknown "
                                    "policy is \"error\"",
                                    m->id[i], m->name[j]);
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Replaces the known values of col[0..n) by their rank among the distinct ones, 1-based
 * (the codes of R's ordered(x)). */
static int dense_ranks(double *col, size_t n)
{
    size_t cnt = 0;
    double *v = malloc(n * sizeof *v);
    if (!v)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (!isnan(col[i]))
            v[cnt++] = col[i];
    qsort(v, cnt, sizeof *v, cmp_double);
    size_t u = 0;
    for (size_t k = 0; k < cnt; k++)
        if (u == 0 || v[k] != v[u - 1])
            v[u++] = v[k];
    for (size_t i = 0; i < n; i++) {
        if (isnan(col[i]))
            continue;
        size_t lo = 0, hi = u;
        while (lo + 1 < hi) {
            size_t mid = (lo + hi) / 2;
            if (v[mid] <= col[i])
                lo = mid;
            else
                hi = mid;
        }
        col[i] = (double)(lo + 1);
    }
    free(v);
    return 0;
}

/* daisy's preparation: codes for ordinal variables, then (x - min) / range for every column. */
static int prepare_gower(cs_typ_dist *c, const cs_datamatrix *m, const cs_distance_options *o)
{
    const size_t n = m->n, p = m->p;
    c->kind = K_GOWER;
    c->xown = malloc(n * p * sizeof *c->xown);
    c->gtype = malloc(p);
    c->gw = malloc(p * sizeof *c->gw);
    double *col = malloc(n * sizeof *col);
    if (!c->xown || !c->gtype || !c->gw || !col) {
        free(col);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    int rc = 0;
    for (size_t j = 0; j < p && !rc; j++) {
        double w = o->weights ? o->weights[j] : 1.0;
        if (!(w > 0) || !isfinite(w)) {
            rc = cs_error_set(CS_EUSAGE,
                              "the Gower weight of variable \"%s\" must be a finite "
                              "number > 0, found %g",
                              m->name[j], w);
            break;
        }
        c->gw[j] = w;
        switch (m->type[j]) {
        case CS_VAR_ASYMM:
            c->gtype[j] = G_ASYMM;
            break;
        case CS_VAR_BINARY:
            c->gtype[j] = G_SYMM;
            break;
        case CS_VAR_NOMINAL:
            c->gtype[j] = G_NOMINAL;
            break;
        default:
            c->gtype[j] = G_INTERVAL;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            col[i] = m->x[i * p + j];
            if (isnan(col[i]) && o->unknown == CS_UNKNOWN_AS_ZERO)
                col[i] = 0;
        }
        if (m->type[j] == CS_VAR_ORDINAL && m->nlevels[j] == 0 && (rc = dense_ranks(col, n)))
            break;
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (isnan(col[i]))
                continue;
            lo = col[i] < lo ? col[i] : lo;
            hi = col[i] > hi ? col[i] : hi;
        }
        if (lo > hi) {
            rc = cs_error_set(CS_EDATA, "variable \"%s\" has no known value; drop it", m->name[j]);
            break;
        }
        double sx = hi - lo;
        if (sx == 0) {
            if (!o->allow_constant) {
                rc = cs_error_set(CS_EDATA,
                                  "variable \"%s\" is constant (Gower range 0): it would add 0 "
                                  "to every pair while counting in the denominator, shrinking "
                                  "all distances; drop it, or allow constant variables to get "
                                  "daisy's result",
                                  m->name[j]);
                break;
            }
            sx = 1; /* daisy: sx[sx == 0] <- 1 */
        }
        for (size_t i = 0; i < n; i++)
            c->xown[i * p + j] = isnan(col[i]) ? NAN : (col[i] - lo) / sx;
    }
    free(col);
    c->x = c->xown;
    return rc;
}

int cs_typ_dist_prepare_matrix(cs_typ_dist **out, const cs_datamatrix *m, cs_metric metric,
                               const cs_distance_options *opts)
{
    cs_distance_options o;
    memset(&o, 0, sizeof o);
    if (opts)
        o = *opts;
    *out = NULL;
    int rc = cs_datamatrix_check(m);
    if (rc)
        return rc;
    if (m->unknowns && o.unknown == CS_UNKNOWN_ERROR && (rc = first_unknown_error(m)))
        return rc;
    cs_typ_dist *c = NULL;
    if ((rc = new_ctx(&c, metric, m->n, m->p)))
        return rc;
    c->m = m;
    if (metric == CS_METRIC_GOWER) {
        rc = prepare_gower(c, m, &o);
    } else if (cs_metric_is_binary(metric)) {
        for (size_t j = 0; j < m->p && !rc; j++)
            if (m->type[j] != CS_VAR_BINARY && m->type[j] != CS_VAR_ASYMM)
                rc = cs_error_set(CS_EDATA,
                                  "metric %s needs binary variables, but \"%s\" is %s (use "
                                  "gower for mixed variables)",
                                  cs_metric_name(metric), m->name[j], cs_var_type_name(m->type[j]));
        if (!rc) {
            c->kind = K_BITS;
            c->bits = m->bits;
            c->nw = m->nw;
            c->nvars = m->nbin;
            if (m->unknowns && o.unknown == CS_UNKNOWN_PAIRWISE)
                c->known = m->known; /* unknown bits are 0 in `bits`, so AS_ZERO needs nothing */
        }
    } else {
        for (size_t j = 0; j < m->p && !rc; j++)
            if (m->type[j] == CS_VAR_NOMINAL)
                rc = cs_error_set(CS_EDATA,
                                  "metric %s cannot use nominal variable \"%s\" (categories "
                                  "have no distance; use gower)",
                                  cs_metric_name(metric), m->name[j]);
        if (!rc) {
            c->x = m->x;
            c->kind = K_DENSE;
            if (m->unknowns && o.unknown == CS_UNKNOWN_AS_ZERO) {
                c->xown = malloc(m->n * m->p * sizeof *c->xown);
                if (!c->xown) {
                    rc = cs_error_set(CS_ENOMEM, "out of memory");
                } else {
                    for (size_t k = 0; k < m->n * m->p; k++)
                        c->xown[k] = isnan(m->x[k]) ? 0.0 : m->x[k];
                    c->x = c->xown;
                }
            } else if (m->unknowns) {
                c->kind = K_DENSE_NA;
            }
            if (!rc && c->kind == K_DENSE)
                rc = finish_dense(c);
        }
    }
    if (rc) {
        cs_typ_dist_release(c);
        return rc;
    }
    *out = c;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Public entry points                                                                         */

static int check_memory(size_t need, size_t limit, const char *what, size_t n)
{
    if (need == SIZE_MAX)
        return cs_error_set(CS_ENOMEM, "%s for %zu objects does not fit in memory", what, n);
    if (limit && need > limit) {
        cs_error_set(CS_ENOMEM,
                     "%s for %zu objects needs %.2f GiB, over the memory limit of %.2f GiB", what,
                     n, need / 1073741824.0, limit / 1073741824.0);
        return cs_error_advise(CS_ADVICE_MAX_MEMORY);
    }
    return 0;
}

/* Finite values can still give a distance that is not (squares of 1e200 overflow): name the
 * first pair whose distance is lost, rather than compute with infinity. */
static int infinite_distance(const char *ia, const char *ib)
{
    return cs_error_set(CS_EDATA,
                        "expected values small enough for finite distances, found an infinite "
                        "distance between objects \"%s\" and \"%s\" (the values are too large "
                        "to compute with)",
                        ia, ib);
}

int cs_typ_dist_infinite(const cs_typ_dist *c, size_t i, size_t j)
{
    char a[48], b[48];
    if (c->m)
        return infinite_distance(cs_datamatrix_id(c->m, i), cs_datamatrix_id(c->m, j));
    snprintf(a, sizeof a, "row %zu", i);
    snprintf(b, sizeof b, "row %zu", j);
    return infinite_distance(a, b);
}

static int check_finite_distances(const cs_datamatrix *m, const double *d, int keep_undefined)
{
    size_t k = 0;
    for (size_t i = 0; i + 1 < m->n; i++)
        for (size_t j = i + 1; j < m->n; j++, k++)
            if (!isfinite(d[k]) && !(keep_undefined && isnan(d[k])))
                return infinite_distance(cs_datamatrix_id(m, i), cs_datamatrix_id(m, j));
    return 0;
}

int cs_distance_condensed(double **out, const cs_datamatrix *m, cs_metric metric,
                          const cs_distance_options *opts)
{
    *out = NULL;
    int rc = check_memory(cs_distance_memory(m->n), opts ? opts->max_memory : 0,
                          "the condensed distance matrix", m->n);
    if (rc)
        return rc;
    cs_typ_dist *c = NULL;
    if ((rc = cs_typ_dist_prepare_matrix(&c, m, metric, opts)))
        return rc;
    double *d = malloc(cs_distance_memory(m->n));
    if (!d) {
        cs_typ_dist_release(c);
        return cs_error_set(CS_ENOMEM, "out of memory for %zu distances", m->n);
    }
    c->keep_undefined = opts && opts->keep_undefined;
    rc = cs_typ_dist_condensed(c, d, opts ? opts->n_threads : 0, NULL);
    cs_typ_dist_release(c);
    if (!rc)
        rc = check_finite_distances(m, d, opts && opts->keep_undefined);
    if (rc) {
        free(d);
        return rc;
    }
    *out = d;
    return 0;
}

int cs_pdist(double *out, const double *x, size_t n, size_t p, cs_metric metric,
             const cs_distance_options *opts)
{
    cs_typ_dist *c = NULL;
    int rc = cs_typ_dist_prepare_dense(&c, x, n, p, metric, opts);
    if (rc)
        return rc;
    c->keep_undefined = opts && opts->keep_undefined;
    rc = cs_typ_dist_condensed(c, out, opts ? opts->n_threads : 0, NULL);
    cs_typ_dist_release(c);
    return rc;
}

int cs_pdist_bits(double *out, const uint64_t *bits, const uint64_t *known, size_t n, size_t nwords,
                  size_t nvars, cs_metric metric, const cs_distance_options *opts)
{
    cs_typ_dist *c = NULL;
    int rc = cs_typ_dist_prepare_bits(&c, bits, known, n, nwords, nvars, metric, opts);
    if (rc)
        return rc;
    c->keep_undefined = opts && opts->keep_undefined;
    rc = cs_typ_dist_condensed(c, out, opts ? opts->n_threads : 0, NULL);
    cs_typ_dist_release(c);
    return rc;
}
