/*
 * k-means: k-means++ seeding, Lloyd, and the exact accelerations of Hamerly (2010) and Elkan
 * (2003), with the iteration, tolerance and empty-group rules of scikit-learn's
 * KMeans(algorithm="lloyd") (see partition.h).
 *
 * Invariants that make results independent of threads and equal across the three methods:
 *   - objects are processed in fixed chunks (a function of n, k and p only); each chunk keeps its
 *     own per-group sums, formed in object order, and the centre sums are the chunk sums added in
 *     chunk order. A chunk whose labels did not change keeps its sums, so Hamerly and Elkan form
 *     exactly the sums Lloyd forms;
 *   - every squared distance comes from the canonical kernel (partition_util.h), and the nearest
 *     centre is the first minimum of squared distances;
 *   - a bound only skips distances when it beats the alternative by a relative margin (KM_SLACK)
 *     far larger than the rounding in the bounds, so skipping never changes a label.
 */
#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "partition/partition_util.h"
#include "partition/rng.h"

#include <float.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#define KM_SLACK      1e-8
#define KM_BLOCK      64
#define KM_MAX_TRIALS 8
/* Hamerly does a full pass when more than this share of bounds failed in the last one */
#define KM_FULL_FRACTION 0.1

typedef struct {
    const double *x;
    size_t n, p, k;
    size_t chunk, nchunks, block;
    int threads;
    cs_kmeans_algorithm algo;
    const cs_part_kernels *kern;
    double *c;       /* k by p, current centres */
    double *cnew;    /* k by p */
    double *psum;    /* nchunks by k by p */
    double *pcnt;    /* nchunks by k */
    double *sums;    /* k by p */
    double *cnt;     /* k */
    double *shift;   /* k */
    double *half;    /* k: half the distance from each centre to its nearest other centre */
    double *cc;      /* k by k centre distances (Elkan) */
    double *upper;   /* n (Hamerly, Elkan) */
    double *lower;   /* n (Hamerly) or n by k (Elkan) */
    double *scratch; /* per thread: block by k distances, then 8 p for the kernels */
    size_t scratch_per_thread;
    double *mean; /* p: the data mean, for a group emptied by a relocation */
    int *labels;
    int have_mean;
    size_t fails;    /* Hamerly: objects whose bounds failed in the last pass */
    double rounding; /* a squared distance within rounding of 0 (km_rounding for one centre) */
} km_state;

static inline int km_clear(double u, double m)
{
    return u * (1.0 + KM_SLACK) < m * (1.0 - KM_SLACK);
}

void cs_kmeans_params_init(cs_kmeans_params *params, int k)
{
    memset(params, 0, sizeof *params);
    params->k = k;
    params->max_iter = 300;
    params->tol = 1e-4;
    params->n_init = 10;
    params->algorithm = CS_KMEANS_AUTO;
}

/* Chunk size: small enough to spread the work and stay in cache, large enough that the chunk
 * sums stay under 256 MiB. Depends on n, k, p only, never on threads. */
static size_t km_chunk_size(size_t n, size_t k, size_t p)
{
    size_t chunk = 2048;
    size_t kp = cs_part_mul(k, p);
    while (chunk > 64 && cs_part_mul(chunk, kp) > ((size_t)4 << 20))
        chunk /= 2;
    while (chunk < n &&
           cs_part_mul(cs_part_mul((n + chunk - 1) / chunk, kp), 8) > ((size_t)256 << 20))
        chunk *= 2;
    return chunk;
}

static cs_kmeans_algorithm km_pick(cs_kmeans_algorithm algo, size_t n, size_t k, size_t p)
{
    if (algo != CS_KMEANS_AUTO)
        return algo;
    (void)p;
    /* Measured (docs/typology-partitioning.md): Hamerly wins on the shapes we benchmark; bounds
     * do not pay for one or two groups or tiny data. */
    if (k <= 2 || n < 256)
        return CS_KMEANS_LLOYD;
    return CS_KMEANS_HAMERLY;
}

static size_t km_memory(size_t n, size_t p, size_t k, int threads, cs_kmeans_algorithm algo,
                        int n_init, int plusplus)
{
    size_t chunk = km_chunk_size(n, k, p);
    size_t nchunks = (n + chunk - 1) / chunk;
    size_t kp = cs_part_mul(k, p);
    size_t b = 0;
    b = cs_part_add(b, cs_part_mul(cs_part_mul(nchunks, cs_part_add(kp, k)), 8));
    b = cs_part_add(b, cs_part_mul(kp, 8 * 4));
    b = cs_part_add(b, cs_part_mul(cs_part_mul(k, k), 8));
    b = cs_part_add(b,
                    cs_part_mul(cs_part_mul((size_t)threads,
                                            cs_part_add(cs_part_mul(KM_BLOCK, k + p), 16 * p + 8)),
                                8));
    if (algo == CS_KMEANS_HAMERLY)
        b = cs_part_add(b, cs_part_mul(n, 16));
    if (algo == CS_KMEANS_ELKAN)
        b = cs_part_add(b, cs_part_mul(n, cs_part_mul(k + 1, 8)));
    if (n_init > 1)
        b = cs_part_add(b, cs_part_mul(n, 4));
    if (plusplus)
        b = cs_part_add(b, cs_part_mul(n, 16));
    return b;
}

static void km_free(km_state *m)
{
    free(m->c);
    free(m->cnew);
    free(m->psum);
    free(m->pcnt);
    free(m->sums);
    free(m->cnt);
    free(m->shift);
    free(m->half);
    free(m->cc);
    free(m->upper);
    free(m->lower);
    free(m->scratch);
    free(m->mean);
    memset(m, 0, sizeof *m);
}

static int km_alloc(km_state *m, const double *x, size_t n, size_t p, size_t k, int *labels,
                    int threads, cs_kmeans_algorithm algo)
{
    memset(m, 0, sizeof *m);
    m->x = x;
    m->n = n;
    m->p = p;
    m->k = k;
    m->chunk = km_chunk_size(n, k, p);
    m->nchunks = (n + m->chunk - 1) / m->chunk;
    m->block = KM_BLOCK;
    m->threads = threads;
    m->algo = algo;
    m->labels = labels;
    m->kern = cs_part_kernels_get();
    /* per thread, 64-byte aligned slices */
    m->scratch_per_thread = (m->block * (k > p ? k : p) + 16 * p + 7) / 8 * 8;
    const char *w = "k-means";
    m->c = cs_part_alloc(k * p, sizeof(double), w);
    m->cnew = cs_part_alloc(k * p, sizeof(double), w);
    m->psum = cs_part_alloc(m->nchunks * k * p, sizeof(double), w);
    m->pcnt = cs_part_alloc(m->nchunks * k, sizeof(double), w);
    m->sums = cs_part_alloc(k * p, sizeof(double), w);
    m->cnt = cs_part_alloc(k, sizeof(double), w);
    m->shift = cs_part_alloc(k, sizeof(double), w);
    m->half = cs_part_alloc(k, sizeof(double), w);
    m->cc = cs_part_alloc(k * k, sizeof(double), w);
    m->scratch = cs_part_alloc((size_t)threads * m->scratch_per_thread, sizeof(double), w);
    m->mean = cs_part_alloc(p, sizeof(double), w);
    int ok = m->c && m->cnew && m->psum && m->pcnt && m->sums && m->cnt && m->shift && m->half &&
             m->cc && m->scratch && m->mean;
    if (ok && algo == CS_KMEANS_HAMERLY) {
        m->upper = cs_part_alloc(n, sizeof(double), w);
        m->lower = cs_part_alloc(n, sizeof(double), w);
        ok = m->upper && m->lower;
    } else if (ok && algo == CS_KMEANS_ELKAN) {
        m->upper = cs_part_alloc(n, sizeof(double), w);
        m->lower = cs_part_alloc(n * k, sizeof(double), w);
        ok = m->upper && m->lower;
    }
    if (!ok) {
        km_free(m);
        return CS_ENOMEM;
    }
    return 0;
}

/* Centre-to-centre distances: half[] always, cc[] for Elkan. */
static void km_centre_distances(km_state *m)
{
    size_t k = m->k, p = m->p;
    for (size_t j = 0; j < k; j++)
        m->half[j] = INFINITY;
    for (size_t a = 0; a < k; a++) {
        if (m->algo == CS_KMEANS_ELKAN)
            m->cc[a * k + a] = 0.0;
        for (size_t b = a + 1; b < k; b++) {
            double d = sqrt(cs_part_sqdist(m->c + a * p, m->c + b * p, p));
            if (m->algo == CS_KMEANS_ELKAN) {
                m->cc[a * k + b] = d;
                m->cc[b * k + a] = d;
            }
            if (0.5 * d < m->half[a])
                m->half[a] = 0.5 * d;
            if (0.5 * d < m->half[b])
                m->half[b] = 0.5 * d;
        }
    }
}

/* The chunk's per-group sums and counts from its labels, in object order. */
static void km_chunk_sums(km_state *m, size_t c)
{
    size_t k = m->k, p = m->p;
    size_t i0 = c * m->chunk, i1 = i0 + m->chunk < m->n ? i0 + m->chunk : m->n;
    double *ps = m->psum + c * k * p;
    double *pc = m->pcnt + c * k;
    memset(ps, 0, k * p * sizeof *ps);
    memset(pc, 0, k * sizeof *pc);
    m->kern->accumulate(ps, pc, m->x, m->labels, i0, i1, p);
}

/* First minimum and second-smallest value of row[0..k-1]. */
static inline int km_argmin2(const double *row, size_t k, double *best, double *second)
{
    int arg = 0;
    double b = row[0], s = INFINITY;
    for (size_t j = 1; j < k; j++) {
        double v = row[j];
        if (v < b) {
            s = b;
            b = v;
            arg = (int)j;
        } else if (v < s) {
            s = v;
        }
    }
    *best = b;
    *second = s;
    return arg;
}

/* Assigns the objects of chunk c; `full` computes every distance (Lloyd, or the first iteration
 * of the bounded methods, which then set their bounds). Returns 1 when a label changed. */
static int km_assign_chunk(km_state *m, size_t c, int full, double *buf, size_t *fails)
{
    size_t k = m->k, p = m->p;
    size_t i0 = c * m->chunk, i1 = i0 + m->chunk < m->n ? i0 + m->chunk : m->n;
    double *kscratch = buf + m->block * (k > p ? k : p);
    int changed = 0;
    if (full && m->algo == CS_KMEANS_ELKAN) {
        for (size_t b0 = i0; b0 < i1; b0 += m->block) {
            size_t nb = i1 - b0 < m->block ? i1 - b0 : m->block;
            m->kern->sqdist_all(buf, m->x + b0 * p, nb, p, m->c, k, kscratch);
            for (size_t r = 0; r < nb; r++) {
                const double *row = buf + r * k;
                size_t i = b0 + r;
                double best, second;
                int g = km_argmin2(row, k, &best, &second);
                if (m->labels[i] != g)
                    changed = 1;
                m->labels[i] = g;
                m->upper[i] = sqrt(best);
                double *lo = m->lower + i * k;
                for (size_t j = 0; j < k; j++)
                    lo[j] = sqrt(row[j]);
            }
        }
        return changed;
    }
    if (full || m->algo == CS_KMEANS_LLOYD) {
        if (m->algo == CS_KMEANS_HAMERLY && *fails != SIZE_MAX) {
            /* how many bounds would have failed: decides the next pass */
            size_t f = 0;
            for (size_t i = i0; i < i1; i++) {
                int a = m->labels[i];
                double bound = m->half[a] > m->lower[i] ? m->half[a] : m->lower[i];
                f += !km_clear(m->upper[i], bound);
            }
            *fails += f;
        }
        int lab[KM_BLOCK];
        double best[KM_BLOCK], second[KM_BLOCK];
        int bounds = m->algo == CS_KMEANS_HAMERLY;
        for (size_t b0 = i0; b0 < i1; b0 += KM_BLOCK) {
            size_t nb = i1 - b0 < KM_BLOCK ? i1 - b0 : KM_BLOCK;
            m->kern->nearest(lab, best, bounds ? second : NULL, m->x + b0 * p, NULL, nb, p, m->c, k,
                             kscratch);
            for (size_t r = 0; r < nb; r++) {
                size_t i = b0 + r;
                if (m->labels[i] != lab[r])
                    changed = 1;
                m->labels[i] = lab[r];
                if (bounds) {
                    m->upper[i] = sqrt(best[r]);
                    m->lower[i] = sqrt(second[r]);
                }
            }
        }
        return changed;
    }
    if (m->algo == CS_KMEANS_HAMERLY) {
        /* Objects whose bounds fail are gathered and get every distance from the vector kernel,
         * a batch at a time; batching changes the work, not the results. (Tightening the upper
         * bound first, as Hamerly does, measured slower here: docs/typology-partitioning.md.) */
        size_t idx[KM_BLOCK];
        int lab[KM_BLOCK];
        double best[KM_BLOCK], second[KM_BLOCK];
        size_t nq = 0;
        for (size_t i = i0; i < i1 || nq > 0; i++) {
            if (i < i1) {
                int a = m->labels[i];
                double bound = m->half[a] > m->lower[i] ? m->half[a] : m->lower[i];
                if (km_clear(m->upper[i], bound))
                    continue;
                idx[nq++] = i;
                ++*fails;
                if (nq < KM_BLOCK)
                    continue;
            }
            m->kern->nearest(lab, best, second, m->x, idx, nq, p, m->c, k, kscratch);
            for (size_t r = 0; r < nq; r++) {
                size_t o = idx[r];
                m->upper[o] = sqrt(best[r]);
                m->lower[o] = sqrt(second[r]);
                if (lab[r] != m->labels[o]) {
                    m->labels[o] = lab[r];
                    changed = 1;
                }
            }
            nq = 0;
            if (i >= i1)
                break;
        }
        return changed;
    }
    /* Elkan */
    for (size_t i = i0; i < i1; i++) {
        int a = m->labels[i];
        double u = m->upper[i];
        if (km_clear(u, m->half[a]))
            continue;
        const double *xi = m->x + i * p;
        double *lo = m->lower + i * k;
        int tight = 0;
        double best_sq = 0.0;
        int g = a;
        for (size_t j = 0; j < k; j++) {
            if ((int)j == g)
                continue;
            double z = 0.5 * m->cc[(size_t)g * k + j];
            if (lo[j] > z)
                z = lo[j];
            if (km_clear(u, z))
                continue;
            if (!tight) {
                best_sq = cs_part_sqdist(xi, m->c + (size_t)g * p, p);
                u = sqrt(best_sq);
                lo[g] = u;
                tight = 1;
                if (km_clear(u, z))
                    continue;
            }
            double dsq = cs_part_sqdist(xi, m->c + j * p, p);
            lo[j] = sqrt(dsq);
            if (dsq < best_sq || (dsq == best_sq && (int)j < g)) {
                g = (int)j;
                best_sq = dsq;
                u = lo[j];
            }
        }
        m->upper[i] = u;
        if (g != a) {
            m->labels[i] = g;
            changed = 1;
        }
    }
    return changed;
}

/* One assignment pass over all chunks; with `update`, changed chunks refresh their sums.
 * Returns 1 when any label changed. */
static int km_assign(km_state *m, int full, int update)
{
    int changed = 0;
    /* bounds do not exist yet on the first pass: nothing to count */
    size_t fails = full == 2 ? SIZE_MAX : 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(m->threads) reduction(| : changed) \
    reduction(+ : fails) if (m->nchunks > 1 && m->n * m->k * m->p >= ((size_t)1 << 22))
    for (size_t c = 0; c < m->nchunks; c++) {
        double *buf = m->scratch + (size_t)omp_get_thread_num() * m->scratch_per_thread;
        size_t f = full == 2 ? SIZE_MAX : 0;
        int ch = km_assign_chunk(m, c, full, buf, &f);
        if (update && (ch || full))
            km_chunk_sums(m, c);
        changed |= ch;
        if (full != 2)
            fails += f;
    }
    m->fails = full == 2 ? m->n : fails;
    return changed;
}

static void km_data_mean(km_state *m)
{
    if (m->have_mean)
        return;
    for (size_t d = 0; d < m->p; d++)
        m->mean[d] = 0.0;
    for (size_t i = 0; i < m->n; i++)
        for (size_t d = 0; d < m->p; d++)
            m->mean[d] += m->x[i * m->p + d];
    for (size_t d = 0; d < m->p; d++)
        m->mean[d] /= (double)m->n;
    m->have_mean = 1;
}

/* scikit-learn's _relocate_empty_clusters_dense: each empty group takes one of the objects
 * farthest from their (old) centre, farthest first; labels stay. Objects within rounding of their
 * centre are not taken: moving them gains nothing, and with more groups than distinct objects
 * taking them (scikit-learn's choice among equal distances is unspecified) can empty a group
 * into the data mean at every iteration. An empty group left without an object keeps its
 * centre. Returns the number relocated. */
static int km_relocate(km_state *m)
{
    size_t k = m->k, p = m->p, n = m->n;
    int n_empty = 0;
    for (size_t j = 0; j < k; j++)
        n_empty += m->cnt[j] == 0.0;
    if (n_empty == 0)
        return 0;
    /* The n_empty largest distances, kept sorted (descending, ties to the lower index). */
    size_t *far = malloc((size_t)n_empty * sizeof *far);
    size_t *empty = malloc((size_t)n_empty * sizeof *empty);
    double *fd = malloc((size_t)n_empty * sizeof *fd);
    if (!far || !empty || !fd) {
        free(far);
        free(empty);
        free(fd);
        return -1;
    }
    for (size_t j = 0, e = 0; j < k; j++)
        if (m->cnt[j] == 0.0)
            empty[e++] = j;
    int have = 0;
    for (size_t i = 0; i < n; i++) {
        double d = cs_part_sqdist(m->x + i * p, m->c + (size_t)m->labels[i] * p, p);
        if (!(d > m->rounding) || (have == n_empty && !(d > fd[have - 1])))
            continue;
        int pos = have < n_empty ? have++ : n_empty - 1;
        while (pos > 0 && d > fd[pos - 1]) {
            fd[pos] = fd[pos - 1];
            far[pos] = far[pos - 1];
            pos--;
        }
        fd[pos] = d;
        far[pos] = i;
    }
    int idx = 0;
    for (size_t j = 0; j < k && idx < have; j++) {
        if (m->cnt[j] != 0.0)
            continue;
        size_t f = far[idx++];
        size_t old = (size_t)m->labels[f];
        const double *xf = m->x + f * p;
        for (size_t d = 0; d < p; d++) {
            m->sums[old * p + d] -= xf[d];
            m->sums[j * p + d] = xf[d];
        }
        m->cnt[j] = 1.0;
        m->cnt[old] -= 1.0;
    }
    /* Too few objects away from their centre: the empty groups left keep their centre (sum c,
     * count 1, so the mean is c exactly); a group emptied by a relocation still becomes the
     * data mean, as in scikit-learn. */
    for (int e = 0; have < n_empty && e < n_empty; e++) {
        size_t j = empty[e];
        if (m->cnt[j] == 0.0) {
            memcpy(m->sums + j * p, m->c + j * p, p * sizeof *m->sums);
            m->cnt[j] = 1.0;
        }
    }
    free(far);
    free(empty);
    free(fd);
    return idx;
}

/* New centres into cnew from the chunk sums; shift[] and the sum of squared shifts. */
static int km_update(km_state *m, double *shift_tot, int *relocated)
{
    size_t k = m->k, p = m->p;
    memset(m->sums, 0, k * p * sizeof *m->sums);
    memset(m->cnt, 0, k * sizeof *m->cnt);
    for (size_t c = 0; c < m->nchunks; c++) {
        const double *ps = m->psum + c * k * p;
        const double *pc = m->pcnt + c * k;
        for (size_t j = 0; j < k; j++) {
            if (pc[j] == 0.0)
                continue;
            m->cnt[j] += pc[j];
            for (size_t d = 0; d < p; d++)
                m->sums[j * p + d] += ps[j * p + d];
        }
    }
    int r = km_relocate(m);
    if (r < 0)
        return cs_error_set(CS_ENOMEM, "k-means: out of memory relocating empty groups");
    *relocated += r;
    for (size_t j = 0; j < k; j++) {
        double *cn = m->cnew + j * p;
        if (m->cnt[j] > 0.0) {
            double alpha = 1.0 / m->cnt[j];
            for (size_t d = 0; d < p; d++)
                cn[d] = m->sums[j * p + d] * alpha;
        } else {
            /* Emptied by a relocation: scikit-learn leaves the (zero) sum of centred data,
             * which is the data mean. */
            km_data_mean(m);
            memcpy(cn, m->mean, p * sizeof *cn);
        }
    }
    double tot = 0.0;
    for (size_t j = 0; j < k; j++) {
        m->shift[j] = sqrt(cs_part_sqdist(m->cnew + j * p, m->c + j * p, p));
        tot += m->shift[j] * m->shift[j];
    }
    *shift_tot = tot;
    return 0;
}

static void km_move_bounds(km_state *m)
{
    size_t k = m->k, n = m->n;
    if (m->algo == CS_KMEANS_HAMERLY) {
        size_t arg = 0;
        double max1 = 0.0, max2 = 0.0;
        for (size_t j = 0; j < k; j++) {
            if (m->shift[j] > max1) {
                max2 = max1;
                max1 = m->shift[j];
                arg = j;
            } else if (m->shift[j] > max2) {
                max2 = m->shift[j];
            }
        }
#pragma omp parallel for schedule(static) num_threads(m->threads) if (n >= ((size_t)1 << 18))
        for (size_t i = 0; i < n; i++) {
            size_t a = (size_t)m->labels[i];
            m->upper[i] += m->shift[a];
            m->lower[i] -= a == arg ? max2 : max1;
        }
    } else if (m->algo == CS_KMEANS_ELKAN) {
#pragma omp parallel for schedule(static) num_threads(m->threads) if (n * k >= ((size_t)1 << 18))
        for (size_t i = 0; i < n; i++) {
            m->upper[i] += m->shift[m->labels[i]];
            double *lo = m->lower + i * k;
            for (size_t j = 0; j < k; j++) {
                double v = lo[j] - m->shift[j];
                lo[j] = v > 0.0 ? v : 0.0;
            }
        }
    }
}

static double km_inertia(km_state *m)
{
    double *part = m->pcnt; /* nchunks doubles of scratch: the chunk counts are no longer needed */
#pragma omp parallel for schedule(dynamic, 1)                                                      \
    num_threads(m->threads) if (m->n * m->p >= ((size_t)1 << 20))
    for (size_t c = 0; c < m->nchunks; c++) {
        size_t i0 = c * m->chunk, i1 = i0 + m->chunk < m->n ? i0 + m->chunk : m->n;
        double s = 0.0;
        for (size_t i = i0; i < i1; i++)
            s += cs_part_sqdist(m->x + i * m->p, m->c + (size_t)m->labels[i] * m->p, m->p);
        part[c] = s;
    }
    double tot = 0.0;
    for (size_t c = 0; c < m->nchunks; c++)
        tot += part[c];
    return tot;
}

/* One k-means run from `init` (k by p) with labels in m->labels. */
static int km_run(km_state *m, const double *init, int max_iter, double tol_abs,
                  cs_kmeans_info *info, const cs_run_options *run, double prog0, double prog_span)
{
    size_t k = m->k, p = m->p;
    memcpy(m->c, init, k * p * sizeof *m->c);
    for (size_t i = 0; i < m->n; i++)
        m->labels[i] = -1;
    m->have_mean = 0;
    int strict = 0, converged = 0, relocated = 0, it;
    for (it = 0; it < max_iter; it++) {
        if (m->algo != CS_KMEANS_LLOYD)
            km_centre_distances(m);
        /* 2: first pass; 1: every distance (Lloyd, or Hamerly when most bounds failed last
         * time, where the full vector pass is cheaper); 0: Hamerly's bounds */
        int full = it == 0 ? 2
                           : (m->algo == CS_KMEANS_HAMERLY &&
                              (double)m->fails > KM_FULL_FRACTION * (double)m->n);
        int changed = km_assign(m, full, 1);
        double shift_tot = 0.0;
        int rc = km_update(m, &shift_tot, &relocated);
        if (rc)
            return rc;
        double *t = m->c;
        m->c = m->cnew;
        m->cnew = t;
        if (!changed) {
            strict = 1;
            converged = 1;
            it++;
            break;
        }
        km_move_bounds(m);
        if (shift_tot <= tol_abs) {
            converged = 1;
            it++;
            break;
        }
        if (run->progress && (it % 4 == 0))
            cs_part_progress(run, prog0 + prog_span * (double)(it + 1) / (double)max_iter);
    }
    if (!strict) {
        /* Labels for the final centres (scikit-learn's last E-step). */
        if (m->algo != CS_KMEANS_LLOYD)
            km_centre_distances(m);
        km_assign(m, 0, 0);
    }
    info->n_iter = it;
    info->converged = converged;
    info->n_relocated = relocated;
    info->inertia = km_inertia(m);
    return 0;
}

/* scikit-learn's _tolerance: tol times the mean over variables of the population variance. */
static double km_tolerance(const double *x, size_t n, size_t p, double tol)
{
    if (tol == 0.0)
        return 0.0;
    double tot = 0.0;
    for (size_t d = 0; d < p; d++) {
        double mean = 0.0;
        for (size_t i = 0; i < n; i++)
            mean += x[i * p + d];
        mean /= (double)n;
        double v = 0.0;
        for (size_t i = 0; i < n; i++) {
            double t = x[i * p + d] - mean;
            v += t * t;
        }
        tot += v / (double)n;
    }
    return tot / (double)p * tol;
}

/*
 * The squared centre shift that rounding alone can make: a group mean is off by a few ulps of
 * the largest coordinate, so k (16 DBL_EPSILON max |x_d|)^2 summed over variables. Without it, a
 * relocation into an empty group (k above the number of distinct objects: duplicates, all
 * objects equal) leaves centres that coincide up to an ulp, objects flip between them at every
 * iteration, and tol (0 for data of zero variance) never stops the run before max_iter.
 * scikit-learn, which centres the data first, computes such means exactly and stops.
 */
static double km_rounding(const double *x, size_t n, size_t p, size_t k)
{
    double s = 0.0;
    for (size_t d = 0; d < p; d++) {
        double mx = 0.0;
        for (size_t i = 0; i < n; i++)
            if (fabs(x[i * p + d]) > mx)
                mx = fabs(x[i * p + d]);
        s += mx * mx;
    }
    double e = 16 * DBL_EPSILON;
    return (double)k * e * e * s;
}

static int km_check(const double *x, size_t n, size_t p, int k, const char *what)
{
    if (!x && n > 0)
        return cs_error_set(CS_EUSAGE, "%s: no data given", what);
    if (n == 0 || p == 0)
        return cs_error_set(CS_EDATA, "%s: the data are empty (%zu objects, %zu variables)", what,
                            n, p);
    if (k < 1 || (size_t)k > n)
        return cs_error_set(CS_EUSAGE, "%s: k must be between 1 and the %zu objects, got %d", what,
                            n, k);
    int rc = cs_part_check_finite(x, n, p, what);
    return rc ? rc : cs_part_check_squares(x, n, p, what);
}

/* ---------------------------------------------------------------------------------------------
 * k-means++
 */

static int km_plusplus(double *centres, int *chosen, const double *x, size_t n, size_t p, int k,
                       uint64_t seed, uint64_t stream, int threads, double *closest, double *cumsum)
{
    const cs_part_kernels *kern = cs_part_kernels_get();
    cs_rng rng;
    cs_rng_init(&rng, seed, stream);
    size_t chunk = 4096, nchunks = (n + chunk - 1) / chunk;
    /* scikit-learn's 2 + floor(ln k) candidates, at most KM_MAX_TRIALS */
    int trials = 2 + (int)log((double)k);
    if (trials > KM_MAX_TRIALS)
        trials = KM_MAX_TRIALS;
    const size_t per_thread = (KM_BLOCK * KM_MAX_TRIALS + 8 * p + 7) / 8 * 8;
    double *part = cs_part_alloc(nchunks * KM_MAX_TRIALS, sizeof(double), "k-means++");
    double *buf = cs_part_alloc((size_t)threads * per_thread, sizeof(double), "k-means++");
    double *cand = cs_part_alloc((size_t)KM_MAX_TRIALS * p, sizeof(double), "k-means++");
    if (!part || !buf || !cand) {
        free(part);
        free(buf);
        free(cand);
        return CS_ENOMEM;
    }
    size_t first = (size_t)cs_rng_below(&rng, n);
    memcpy(centres, x + first * p, p * sizeof *centres);
    if (chosen)
        chosen[0] = (int)first;
#pragma omp parallel for schedule(static) num_threads(threads) if (n * p >= ((size_t)1 << 18))
    for (size_t i = 0; i < n; i++)
        closest[i] = cs_part_sqdist(x + i * p, centres, p);
    for (int c = 1; c < k; c++) {
        /* Cumulative potential, in object order. */
        double run_sum = 0.0;
        for (size_t i = 0; i < n; i++) {
            run_sum += closest[i];
            cumsum[i] = run_sum;
        }
        size_t ids[KM_MAX_TRIALS];
        for (int t = 0; t < trials; t++) {
            double r = cs_rng_uniform(&rng) * run_sum;
            /* First index with cumsum >= r (numpy's searchsorted, side "left"). */
            size_t lo = 0, hi = n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (cumsum[mid] < r)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            ids[t] = lo < n ? lo : n - 1;
            memcpy(cand + (size_t)t * p, x + ids[t] * p, p * sizeof *cand);
        }
        size_t nt = (size_t)trials;
#pragma omp parallel for schedule(dynamic, 1)                                                      \
    num_threads(threads) if (n * p * nt >= ((size_t)1 << 20))
        for (size_t ch = 0; ch < nchunks; ch++) {
            double *b = buf + (size_t)omp_get_thread_num() * per_thread;
            size_t i0 = ch * chunk, i1 = i0 + chunk < n ? i0 + chunk : n;
            double acc[KM_MAX_TRIALS] = { 0 };
            for (size_t b0 = i0; b0 < i1; b0 += KM_BLOCK) {
                size_t nb = i1 - b0 < KM_BLOCK ? i1 - b0 : KM_BLOCK;
                kern->sqdist_all(b, x + b0 * p, nb, p, cand, nt, b + KM_BLOCK * KM_MAX_TRIALS);
                for (size_t r = 0; r < nb; r++)
                    for (size_t t = 0; t < nt; t++) {
                        double v = b[r * nt + t];
                        acc[t] += v < closest[b0 + r] ? v : closest[b0 + r];
                    }
            }
            for (size_t t = 0; t < nt; t++)
                part[ch * KM_MAX_TRIALS + t] = acc[t];
        }
        int best = 0;
        double best_pot = INFINITY;
        for (int t = 0; t < trials; t++) {
            double pot = 0.0;
            for (size_t ch = 0; ch < nchunks; ch++)
                pot += part[ch * KM_MAX_TRIALS + (size_t)t];
            if (pot < best_pot) {
                best_pot = pot;
                best = t;
            }
        }
        double *cen = centres + (size_t)c * p;
        memcpy(cen, x + ids[best] * p, p * sizeof *cen);
        if (chosen)
            chosen[c] = (int)ids[best];
#pragma omp parallel for schedule(static) num_threads(threads) if (n * p >= ((size_t)1 << 18))
        for (size_t i = 0; i < n; i++) {
            double v = cs_part_sqdist(x + i * p, cen, p);
            if (v < closest[i])
                closest[i] = v;
        }
    }
    free(part);
    free(buf);
    free(cand);
    return 0;
}

int cs_kmeans_plusplus(double *centres, int *chosen, const double *x, size_t n, size_t p, int k,
                       uint64_t seed, const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    if (!centres)
        return cs_error_set(CS_EUSAGE, "k-means++: no output array for the centres");
    int rc = km_check(x, n, p, k, "k-means++");
    if (rc)
        return rc;
    rc = cs_part_memory_check(run, cs_part_mul(n, 16), "k-means++");
    if (rc)
        return rc;
    double *closest = cs_part_alloc(n, sizeof(double), "k-means++");
    double *cumsum = cs_part_alloc(n, sizeof(double), "k-means++");
    if (!closest || !cumsum) {
        free(closest);
        free(cumsum);
        return CS_ENOMEM;
    }
    rc = km_plusplus(centres, chosen, x, n, p, k, seed, 0, cs_part_threads(run), closest, cumsum);
    free(closest);
    free(cumsum);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Entry point
 */

int cs_kmeans(int *labels, double *centres, cs_kmeans_info *info, const double *x, size_t n,
              size_t p, const cs_kmeans_params *params, const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    if (!params)
        return cs_error_set(CS_EUSAGE, "k-means: no parameters given");
    if (!labels || !centres)
        return cs_error_set(CS_EUSAGE, "k-means: no output arrays for labels and centres");
    int rc = km_check(x, n, p, params->k, "k-means");
    if (rc)
        return rc;
    if (params->max_iter < 1)
        return cs_error_set(CS_EUSAGE, "k-means: max_iter must be at least 1, got %d",
                            params->max_iter);
    if (!(params->tol >= 0.0) || !isfinite(params->tol))
        return cs_error_set(CS_EUSAGE, "k-means: tol must be a finite number >= 0, got %g",
                            params->tol);
    if (params->n_init < 1)
        return cs_error_set(CS_EUSAGE, "k-means: n_init must be at least 1, got %d",
                            params->n_init);
    if (params->algorithm < CS_KMEANS_AUTO || params->algorithm > CS_KMEANS_ELKAN)
        return cs_error_set(CS_EUSAGE, "k-means: unknown algorithm %d", (int)params->algorithm);
    size_t k = (size_t)params->k;
    if (params->init_centres) {
        rc = cs_part_check_finite(params->init_centres, k, p, "k-means initial centres");
        if (rc)
            return rc;
    }
    int n_init = params->init_centres ? 1 : params->n_init;
    int threads = cs_part_threads(run);
    cs_kmeans_algorithm algo = km_pick(params->algorithm, n, k, p);
    rc = cs_part_memory_check(run, km_memory(n, p, k, threads, algo, n_init, !params->init_centres),
                              "k-means");
    if (rc)
        return rc;

    km_state m;
    int *work = labels;
    int *best_labels = NULL;
    double *closest = NULL, *cumsum = NULL, *init = NULL;
    if (n_init > 1) {
        work = cs_part_alloc(n, sizeof(int), "k-means");
        if (!work)
            return CS_ENOMEM;
        best_labels = labels;
    }
    if (km_alloc(&m, x, n, p, k, work, threads, algo)) {
        if (work != labels)
            free(work);
        return CS_ENOMEM;
    }
    if (!params->init_centres) {
        closest = cs_part_alloc(n, sizeof(double), "k-means");
        cumsum = cs_part_alloc(n, sizeof(double), "k-means");
        init = cs_part_alloc(k * p, sizeof(double), "k-means");
        if (!closest || !cumsum || !init) {
            rc = CS_ENOMEM;
            goto done;
        }
    }
    double tol_abs = km_tolerance(x, n, p, params->tol);
    m.rounding = km_rounding(x, n, p, 1);
    if (tol_abs < (double)k * m.rounding)
        tol_abs = (double)k * m.rounding;
    cs_kmeans_info best = { 0 };
    best.inertia = INFINITY;
    cs_part_progress(run, 0.0);
    for (int r = 0; r < n_init; r++) {
        const double *start = params->init_centres;
        if (!start) {
            rc = km_plusplus(init, NULL, x, n, p, (int)k, params->seed, (uint64_t)r, threads,
                             closest, cumsum);
            if (rc)
                goto done;
            start = init;
        }
        cs_kmeans_info cur = { 0 };
        rc = km_run(&m, start, params->max_iter, tol_abs, &cur, run, (double)r / n_init,
                    1.0 / n_init);
        if (rc)
            goto done;
        cur.best_init = r;
        if (r == 0 || cur.inertia < best.inertia) {
            best = cur;
            memcpy(centres, m.c, k * p * sizeof *centres);
            if (best_labels)
                memcpy(best_labels, work, n * sizeof *work);
        }
        cs_part_progress(run, (double)(r + 1) / n_init);
    }
    if (info)
        *info = best;
done:
    km_free(&m);
    if (work != labels)
        free(work);
    free(closest);
    free(cumsum);
    free(init);
    return rc;
}
