/*
 * k-medoids: PAM (BUILD and SWAP) with the semantics of R's cluster::pam(variant = "original"),
 * FasterPAM (Schubert and Rousseeuw 2021) with the loop order of cluster::pam(variant =
 * "faster"), and the BUILD, LAB and random initialisations; Euclidean distances of raw data.
 *
 * What must stay true to keep R's answers (cluster 2.1.4, src/pam.c, read for its semantics):
 *   - BUILD adds, at each step, the non-medoid with the largest gain, the last one on ties
 *     (`ammax <= beter[i]`); gains are sums over all objects in index order of
 *     max(D_j - d(i, j), 0), with D_j starting at s = 1.1 * max d + 1;
 *   - SWAP (original) recomputes nearest and second-nearest distances with medoids visited in
 *     index order, evaluates every (non-medoid h, medoid i) in the order h, then i, keeps the
 *     first strictly smallest change starting from 1, and swaps while that change is below
 *     -16 DBL_EPSILON |objective|, the objective being updated by adding the change;
 *   - FasterPAM keeps medoid slots (initially in index order), scans candidates cyclically from
 *     the one after the last swap, and swaps at the first candidate whose best slot change is
 *     negative, with R's incremental update of nearest and second-nearest distances;
 *   - the final assignment takes the nearest medoid, ties to the lowest object index, each medoid
 *     in its own group, and numbers groups by first appearance.
 * Every sum runs over objects in index order, so results do not depend on threads.
 *
 * Where we leave R: its swap tests are "change < -16 DBL_EPSILON |objective|", but a change is
 * computed as a sum of terms as large as the second-nearest distances, which can exceed the
 * objective by any factor (tight groups far apart, duplicated objects: objective 0). Swapping
 * two equally good medoids then computes a change of a few ulps of those terms, below R's bound
 * both ways, and the loop swaps them forever (R 2.1.4 hangs on (1,2) (1.1,2) (9,9) (9.5,9) with
 * k = 2). Here a change counts only below -kd_tol: 16 DBL_EPSILON times the larger of the
 * objective and the magnitude of the terms summed into it (kd_tol's comment); a change R would
 * take but within that tolerance is passed over (PAM takes the best change beyond it, FasterPAM
 * goes on to the next candidate); and a swap is kept only when the objective, recomputed afresh,
 * strictly decreases. That objective is a function of the set of medoids (the exact nearest
 * distances summed in index order), so no set recurs and the loops end. Results differ from R's
 * only where R swaps on rounding noise; R's end of FasterPAM's search at a candidate whose change
 * is negative but above its bound is kept.
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

/* Dissimilarities: a full n by n matrix (rows contiguous), a condensed one, or Euclidean
 * distances computed when needed from the data x (n by p) and its transpose xt. */
typedef struct {
    const double *full;
    const double *cond;
    size_t n;
    const double *x, *xt;
    size_t p;
    const cs_part_kernels *kern;
} kd_dist;

static inline double kd_get(const kd_dist *D, size_t i, size_t j)
{
    if (i == j)
        return 0.0;
    if (D->full)
        return D->full[i * D->n + j];
    if (D->x)
        return sqrt(cs_part_sqdist(D->x + i * D->p, D->x + j * D->p, D->p));
    return D->cond[cs_condensed_index(D->n, i, j)];
}

/* Row h of the dissimilarities: a pointer into the full matrix, or gathered or computed into
 * buf (n). Computed rows are the canonical distances, as kd_get gives them. */
static const double *kd_row(const kd_dist *D, size_t h, double *buf)
{
    size_t n = D->n;
    if (D->full)
        return D->full + h * n;
    if (D->x) {
        const double *xr = D->x + h * D->p;
        D->kern->dist_rows(NULL, buf, n, &xr, 1, D->xt, n, 0, n, D->p);
        buf[h] = 0.0;
        return buf;
    }
    size_t idx = h - 1; /* index of (0, h) */
    for (size_t j = 0; j < h; j++) {
        buf[j] = D->cond[idx];
        idx += n - j - 2;
    }
    buf[h] = 0.0;
    if (h + 1 < n)
        memcpy(buf + h + 1, D->cond + cs_condensed_index(n, h, h + 1), (n - h - 1) * sizeof *buf);
    return buf;
}

void cs_kmedoids_params_init(cs_kmedoids_params *params, int k)
{
    memset(params, 0, sizeof *params);
    params->k = k;
    params->method = CS_KMEDOIDS_FASTERPAM;
    params->init = CS_KMEDOIDS_INIT_BUILD;
    params->n_init = 1;
}

typedef struct {
    const kd_dist *D;
    size_t n, k;
    int threads;
    const cs_run_options *run;
    double s;       /* larger than every dissimilarity: 1.1 max + 1, as R */
    double *dysma;  /* n: distance to the nearest medoid */
    double *dysmb;  /* n: distance to the second nearest */
    int *nrepr;     /* n: 1 for medoids */
    int *med;       /* k medoid slots (object indices) */
    int *cm, *cmb;  /* n: slot of the nearest and second nearest (FasterPAM) */
    double *rowbuf; /* threads by n */
    double *work;   /* n by k, then k (PAM); BUILD's gains */
    double *mt;     /* n by k: distances to the medoids, transposed (PAM) */
    double *lim;    /* n: a bound above dysmb^2, filtering FasterPAM's scan from raw data */
    long swaps;
    long max_swaps;
    int converged; /* 0 when max_swaps stopped the swaps */
    double progress_work;
} kd_state;

static void kd_free(kd_state *st)
{
    free(st->dysma);
    free(st->dysmb);
    free(st->nrepr);
    free(st->med);
    free(st->cm);
    free(st->cmb);
    free(st->rowbuf);
    free(st->work);
    free(st->mt);
    free(st->lim);
}

static int kd_alloc(kd_state *st, const kd_dist *D, size_t k, int threads, cs_kmedoids_method m)
{
    size_t n = D->n;
    memset(st, 0, sizeof *st);
    st->D = D;
    st->n = n;
    st->k = k;
    st->threads = threads;
    const char *w = "k-medoids";
    st->dysma = cs_part_alloc(n, sizeof(double), w);
    st->dysmb = cs_part_alloc(n, sizeof(double), w);
    st->nrepr = cs_part_alloc(n, sizeof(int), w);
    st->med = cs_part_alloc(k, sizeof(int), w);
    st->cm = cs_part_alloc(n, sizeof(int), w);
    st->cmb = cs_part_alloc(n, sizeof(int), w);
    st->rowbuf = cs_part_alloc((size_t)threads * n, sizeof(double), w);
    if (m == CS_KMEDOIDS_PAM) {
        st->work = cs_part_alloc(n * k + k, sizeof(double), w);
        st->mt = cs_part_alloc(n * k, sizeof(double), w);
    } else {
        st->work = cs_part_alloc(n > k ? n + 1 : k + 1, sizeof(double), w); /* BUILD gains, or k */
        st->lim = cs_part_alloc(n, sizeof(double), w);
    }
    if (!st->dysma || !st->dysmb || !st->nrepr || !st->med || !st->cm || !st->cmb || !st->rowbuf ||
        !st->work || (m == CS_KMEDOIDS_PAM && !st->mt)) {
        kd_free(st);
        return CS_ENOMEM;
    }
    return 0;
}

static size_t kd_memory(size_t n, size_t k, int threads, cs_kmedoids_method m)
{
    size_t b = cs_part_mul(n, 8 * 2 + 4 * 3);
    b = cs_part_add(b, cs_part_mul(cs_part_mul((size_t)threads, n), 8));
    if (m == CS_KMEDOIDS_PAM)
        b = cs_part_add(b, cs_part_add(cs_part_mul(cs_part_mul(n, k), 16), cs_part_mul(k, 8)));
    else
        b = cs_part_add(b, cs_part_mul(n, 16));
    return b;
}

/* s := 1.1 * (largest dissimilarity) + 1, R's stand-in for infinity. */
static double kd_sentinel(const kd_dist *D, int threads)
{
    size_t n = D->n;
    double mx = 0.0;
    if (D->x) {
        size_t nblocks = (n + 3) / 4;
        double *tmp = malloc((size_t)threads * 4 * n * sizeof *tmp);
        if (!tmp)
            return INFINITY; /* larger than every distance: only rounding in BUILD can differ */
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)                                 \
    reduction(max                                                                                  \
              : mx) if (n * n * D->p >= ((size_t)1 << 20))
        for (size_t b = 0; b < nblocks; b++) {
            size_t i = b * 4, nr = n - i < 4 ? n - i : 4;
            double *out = tmp + (size_t)omp_get_thread_num() * 4 * n;
            const double *xr[4];
            for (size_t r = 0; r < nr; r++)
                xr[r] = D->x + (i + r) * D->p;
            D->kern->dist_rows(NULL, out, n, xr, nr, D->xt, n, i, n, D->p);
            for (size_t r = 0; r < nr; r++)
                for (size_t j = 0; j < n - i; j++)
                    if (out[r * n + j] > mx)
                        mx = out[r * n + j];
        }
        free(tmp);
    } else if (D->full) {
        size_t total = n * n;
#pragma omp parallel for schedule(static) num_threads(threads)                                     \
    reduction(max                                                                                  \
              : mx) if (total >= ((size_t)1 << 20))
        for (size_t i = 0; i < total; i++)
            if (D->full[i] > mx)
                mx = D->full[i];
    } else {
        size_t total = n * (n - 1) / 2;
#pragma omp parallel for schedule(static) num_threads(threads)                                     \
    reduction(max                                                                                  \
              : mx) if (total >= ((size_t)1 << 20))
        for (size_t i = 0; i < total; i++)
            if (D->cond[i] > mx)
                mx = D->cond[i];
    }
    return mx * 1.1 + 1.0;
}

static void kd_report(kd_state *st, double amount)
{
    if (!st->run || !st->run->progress)
        return;
    st->progress_work += amount;
    /* Swaps have no known count: an indicative, increasing fraction. */
    cs_part_progress(st->run, 1.0 - 1.0 / (1.0 + st->progress_work));
}

/* ---------------------------------------------------------------------------------------------
 * Initialisation
 */

/* R's BUILD: k times, the non-medoid with the largest gain (last on ties) becomes a medoid. */
static void kd_build(kd_state *st)
{
    size_t n = st->n;
    double *gain = st->work; /* n of n by k */
    for (size_t j = 0; j < n; j++)
        st->dysma[j] = st->s;
    for (size_t step = 0; step < st->k; step++) {
#pragma omp parallel for schedule(dynamic, 16) num_threads(st->threads) if (n >= 512)
        for (size_t i = 0; i < n; i++) {
            if (st->nrepr[i])
                continue;
            const double *row = kd_row(st->D, i, st->rowbuf + (size_t)omp_get_thread_num() * n);
            double b = 0.0;
            for (size_t j = 0; j < n; j++) {
                double cmd = st->dysma[j] - row[j];
                if (cmd > 0.0)
                    b += cmd;
            }
            gain[i] = b;
        }
        double ammax = 0.0;
        size_t nmax = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            if (!st->nrepr[i] && ammax <= gain[i]) {
                ammax = gain[i];
                nmax = i;
            }
        }
        if (nmax == SIZE_MAX) /* every gain NaN: cannot happen with finite data */
            for (nmax = 0; st->nrepr[nmax]; nmax++)
                ;
        st->nrepr[nmax] = 1;
        const double *row = kd_row(st->D, nmax, st->rowbuf);
        for (size_t j = 0; j < n; j++)
            if (st->dysma[j] > row[j])
                st->dysma[j] = row[j];
        kd_report(st, 1.0 / (double)st->k);
    }
}

/* k distinct objects, uniformly (partial Fisher-Yates). */
static int kd_random(kd_state *st, cs_rng *rng)
{
    size_t n = st->n;
    size_t *idx = malloc(n * sizeof *idx);
    if (!idx)
        return cs_error_set(CS_ENOMEM, "k-medoids: out of memory");
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (size_t i = 0; i < st->k; i++) {
        size_t r = i + (size_t)cs_rng_below(rng, n - i);
        size_t t = idx[i];
        idx[i] = idx[r];
        idx[r] = t;
        st->nrepr[idx[i]] = 1;
    }
    free(idx);
    return 0;
}

/*
 * LAB (Schubert and Rousseeuw 2021): for each medoid, draw 10 + ceil(sqrt(n)) non-medoids and
 * take the one that most lowers the distances of that sample to their nearest medoid (first on
 * ties); then update the nearest distances of all objects.
 */
static int kd_lab(kd_state *st, cs_rng *rng)
{
    size_t n = st->n;
    size_t m = 10 + (size_t)ceil(sqrt((double)n));
    size_t *idx = malloc(n * sizeof *idx);
    if (!idx)
        return cs_error_set(CS_ENOMEM, "k-medoids: out of memory");
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        st->dysma[i] = st->s;
    }
    for (size_t c = 0; c < st->k; c++) {
        /* idx[c..n-1] are the non-medoids; sample the first ms of them */
        size_t avail = n - c, ms = m < avail ? m : avail;
        for (size_t i = 0; i < ms; i++) {
            size_t r = c + i + (size_t)cs_rng_below(rng, avail - i);
            size_t t = idx[c + i];
            idx[c + i] = idx[r];
            idx[r] = t;
        }
        size_t best = 0;
        double best_cost = INFINITY;
        for (size_t a = 0; a < ms; a++) {
            size_t x = idx[c + a];
            double cost = 0.0;
            for (size_t b = 0; b < ms; b++) {
                size_t o = idx[c + b];
                double d = kd_get(st->D, x, o);
                cost += d < st->dysma[o] ? d : st->dysma[o];
            }
            if (cost < best_cost) {
                best_cost = cost;
                best = a;
            }
        }
        size_t t = idx[c];
        idx[c] = idx[c + best];
        idx[c + best] = t;
        size_t med = idx[c];
        st->nrepr[med] = 1;
        const double *row = kd_row(st->D, med, st->rowbuf);
        for (size_t j = 0; j < n; j++)
            if (row[j] < st->dysma[j])
                st->dysma[j] = row[j];
    }
    free(idx);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The swap tests
 */

/*
 * A swap's change is accepted when below -kd_tol(objective, scale): R's bound 16 DBL_EPSILON
 * |objective|, or the same multiple of `scale`, (a bound on) the sum of the magnitudes of the
 * terms added into the change, when that is larger. Rounding leaves an error of a few ulps of
 * `scale`, so the change of a swap between equally good medoids, zero but computed as noise of
 * either sign, is refused however large the distances are next to the objective.
 */
static inline double kd_tol(double objective, double scale)
{
    double m = fabs(objective);
    return 16 * DBL_EPSILON * (scale > m ? scale : m);
}

/* ---------------------------------------------------------------------------------------------
 * PAM SWAP (original)
 */

/*
 * The change of (h, medoid m) sums, over objects j, -a_j + min(b_j, d_hj) when m is a nearest
 * medoid of j and -a_j + d_hj when d_hj < a_j: at most 2 sum a + sum of b_j over the objects
 * whose nearest distance m attains, the scale of tol[m] (O(n k) per pass, none in the O(n^2 k)
 * part).
 */
static void kd_pam_swap(kd_state *st, double *sky)
{
    size_t n = st->n, k = st->k;
    double *dz = st->work;    /* n by k */
    double *tol = dz + n * k; /* k: the tolerance of each medoid's changes */
    double prev = INFINITY;   /* the objective afresh before the last swap */
    size_t hlast = 0, nlast = 0;
    for (;;) {
        /* medoids in index order, their rows transposed */
        size_t nm = 0;
        for (size_t i = 0; i < n; i++)
            if (st->nrepr[i])
                st->med[nm++] = (int)i;
        for (size_t m = 0; m < k; m++) {
            const double *row = kd_row(st->D, (size_t)st->med[m], st->rowbuf);
            for (size_t j = 0; j < n; j++)
                st->mt[j * k + m] = row[j];
        }
        for (size_t j = 0; j < n; j++) {
            double a = st->s, b = st->s;
            for (size_t m = 0; m < k; m++) {
                double dij = st->mt[j * k + m];
                if (a > dij) {
                    b = a;
                    a = dij;
                } else if (b > dij) {
                    b = dij;
                }
            }
            st->dysma[j] = a;
            st->dysmb[j] = b;
        }
        /* the objective afresh, a function of the set of medoids: a swap that did not lower it
         * (rounding beat the tolerance) is undone, and the search ends */
        double obj = 0.0;
        for (size_t j = 0; j < n; j++)
            obj += st->dysma[j];
        if (!(obj < prev)) {
            st->nrepr[hlast] = 0;
            st->nrepr[nlast] = 1;
            st->swaps--;
            break;
        }
        for (size_t m = 0; m < k; m++)
            tol[m] = 0.0;
        for (size_t j = 0; j < n; j++)
            for (size_t m = 0; m < k; m++)
                if (st->mt[j * k + m] == st->dysma[j])
                    tol[m] += st->dysmb[j];
        for (size_t m = 0; m < k; m++)
            tol[m] = kd_tol(*sky, 2 * obj + tol[m]);
#pragma omp parallel for schedule(dynamic, 4) num_threads(st->threads) if (n >= 256)
        for (size_t h = 0; h < n; h++) {
            if (st->nrepr[h])
                continue;
            const double *rh = kd_row(st->D, h, st->rowbuf + (size_t)omp_get_thread_num() * n);
            double *out = dz + h * k;
            for (size_t m = 0; m < k; m++)
                out[m] = 0.0;
            for (size_t j = 0; j < n; j++) {
                double dhj = rh[j], a = st->dysma[j], b = st->dysmb[j];
                const double *dm = st->mt + j * k;
                for (size_t m = 0; m < k; m++) {
                    if (dm[m] == a) {
                        double small = b > dhj ? dhj : b;
                        out[m] += -a + small;
                    } else if (dhj < a) {
                        out[m] += -a + dhj;
                    }
                }
            }
        }
        /* R's choice, the first smallest change, among the changes below their tolerance */
        double dzsky = 0.0;
        size_t hbest = 0, nbest = 0;
        for (size_t h = 0; h < n; h++) {
            if (st->nrepr[h])
                continue;
            for (size_t m = 0; m < k; m++) {
                double v = dz[h * k + m];
                if (v < dzsky && v < -tol[m]) {
                    dzsky = v;
                    hbest = h;
                    nbest = (size_t)st->med[m];
                }
            }
        }
        kd_report(st, 1.0);
        if (!(dzsky < 0.0))
            break;
        if (st->max_swaps > 0 && st->swaps >= st->max_swaps) {
            st->converged = 0;
            break;
        }
        st->nrepr[hbest] = 1;
        st->nrepr[nbest] = 0;
        *sky += dzsky;
        st->swaps++;
        prev = obj;
        hlast = hbest;
        nlast = nbest;
    }
}

/* ---------------------------------------------------------------------------------------------
 * FasterPAM
 */

/* Nearest and second nearest slots of object j, slots in order, R's rules. */
static void kd_nearest_slots(kd_state *st, size_t j)
{
    double a = st->s, b = st->s;
    for (size_t m = 0; m < st->k; m++) {
        double dij = kd_get(st->D, (size_t)st->med[m], j);
        if (a > dij) {
            st->cmb[j] = st->cm[j];
            b = a;
            st->cm[j] = (int)m;
            a = dij;
        } else if (b > dij) {
            st->cmb[j] = (int)m;
            b = dij;
        }
    }
    st->dysma[j] = a;
    st->dysmb[j] = b;
}

/* FasterPAM's loss of swapping candidate h into each slot: out[m] = beter[m] + acc +
 * remove_loss[m], summed exactly as R sums it; returns acc. Every term of beter and acc is <= 0
 * and every term of remove_loss >= 0, so remove_loss[m] - beter[m] - acc is the magnitude of
 * the terms summed into out[m]. */
static double kd_candidate(const kd_state *st, size_t h, const double *remove_loss, double *beter,
                           double *rowbuf, double *out)
{
    size_t n = st->n, k = st->k;
    for (size_t m = 0; m < k; m++)
        beter[m] = 0.0;
    double acc = -st->dysma[h];
    beter[st->cm[h]] += st->dysma[h] - st->dysmb[h];
    if (st->D->x) {
        /* from the data: distances and R's additions fused in one vector pass */
        const kd_dist *D = st->D;
        D->kern->fp_scan(beter, &acc, D->x + h * D->p, D->xt, n, n, D->p, st->dysma, st->dysmb,
                         st->lim, st->cm, h);
        for (size_t m = 0; m < k; m++)
            out[m] = beter[m] + acc + remove_loss[m];
        return acc;
    }
    const double *row = kd_row(st->D, h, rowbuf);
    /* R tests d < nearest, then d < second; as nearest <= second, testing d < second first
     * selects the same objects and adds the same terms in the same order, while most objects
     * (far from h) fail one well-predicted comparison. h itself is skipped, as R skips it (its
     * terms were added above). */
    const double *dma = st->dysma, *dmb = st->dysmb;
    const int *cm = st->cm;
    for (size_t j = 0; j < n; j++) {
        double dist_h = row[j], distsec = dmb[j];
        if (!(dist_h < distsec) || j == h)
            continue;
        double distcur = dma[j];
        if (dist_h < distcur) {
            acc += dist_h - distcur;
            beter[cm[j]] += distcur - distsec;
        } else {
            beter[cm[j]] += dist_h - distsec;
        }
    }
    for (size_t m = 0; m < k; m++)
        out[m] = beter[m] + acc + remove_loss[m];
    return acc;
}

/* lim[j] >= dysmb[j]^2 with room for rounding: d < dysmb implies d^2 < lim (a filter only). */
static void kd_update_lim(kd_state *st)
{
    for (size_t j = 0; j < st->n; j++)
        st->lim[j] = st->dysmb[j] * st->dysmb[j] * (1.0 + 1e-12);
}

/* Medoid slot `slot` now holds object `obj` (med[] updated by the caller): R's update of nearest
 * and second nearest, then the objective afresh, the exact nearest distances in index order. */
static double kd_fp_move(kd_state *st, size_t slot, size_t obj)
{
    size_t n = st->n;
    const double *row = kd_row(st->D, obj, st->rowbuf);
    double loss = 0.0;
    int kb = (int)slot;
    for (size_t j = 0; j < n; j++) {
        double dnew = row[j];
        if (st->cm[j] == kb) {
            if (dnew < st->dysmb[j])
                st->dysma[j] = dnew;
            else
                kd_nearest_slots(st, j);
        } else {
            if (dnew < st->dysma[j]) {
                st->cmb[j] = st->cm[j];
                st->dysmb[j] = st->dysma[j];
                st->cm[j] = kb;
                st->dysma[j] = dnew;
            } else if (st->cmb[j] == kb) {
                kd_nearest_slots(st, j);
            } else if (dnew < st->dysmb[j]) {
                st->cmb[j] = kb;
                st->dysmb[j] = dnew;
            }
        }
        loss += st->dysma[j];
    }
    kd_update_lim(st);
    return loss;
}

/*
 * The swap loop is sequential, as R's: candidates are scanned cyclically from the one after the
 * last swap, and the first with a slot whose change is below its tolerance is swapped into the
 * slot of the smallest such change (the first on ties). A candidate whose smallest change is
 * negative but above R's bound, -16 DBL_EPSILON |objective|, ends the search, as it ends R's;
 * one whose changes R would have taken but that lie within the tolerance (rounding noise) is
 * passed over. A swap that does not lower the objective afresh is undone and passed over too.
 * The search ends after n objects in a row without a swap kept. Every swap kept lowers the
 * objective afresh, a function of the set of medoids, so no set recurs and the loop ends.
 * (Evaluating batches of candidates in parallel against the same state gives the same swaps,
 * but measured slower on a loaded 2-core machine, where each batch's barrier can wait a
 * scheduler time slice.)
 */
static void kd_fasterpam(kd_state *st, double *sky)
{
    size_t n = st->n, k = st->k;
    double *remove_loss = malloc(k * sizeof *remove_loss);
    double *loss = malloc(k * sizeof *loss);
    double *beter = malloc(k * sizeof *beter);
    if (!remove_loss || !loss || !beter) { /* small; checked by the estimate */
        free(remove_loss);
        free(loss);
        free(beter);
        return;
    }
    size_t nm = 0;
    for (size_t i = 0; i < n; i++)
        if (st->nrepr[i])
            st->med[nm++] = (int)i;
    for (size_t j = 0; j < n; j++) {
        st->cm[j] = 0;
        st->cmb[j] = 0;
        kd_nearest_slots(st, j);
    }
    kd_update_lim(st);
    size_t h = n - 1;   /* the scan starts at object 0 */
    size_t visited = 0; /* objects visited since the last swap kept */
    size_t since_report = 0;
    for (;;) {
        for (size_t m = 0; m < k; m++)
            remove_loss[m] = 0.0;
        for (size_t j = 0; j < n; j++)
            remove_loss[st->cm[j]] += st->dysmb[j] - st->dysma[j];
        double dzsky = 0.0;
        size_t kbest = SIZE_MAX;
        while (visited < n) {
            h = h + 1 == n ? 0 : h + 1;
            visited++;
            if (st->nrepr[h])
                continue;
            double acc = kd_candidate(st, h, remove_loss, beter, st->rowbuf, loss);
            double low = 1.0;
            for (size_t m = 0; m < k; m++) {
                if (loss[m] < low)
                    low = loss[m];
                if (loss[m] < dzsky && loss[m] < -kd_tol(*sky, remove_loss[m] - beter[m] - acc)) {
                    dzsky = loss[m];
                    kbest = m;
                }
            }
            if (++since_report == 256) {
                kd_report(st, 256.0 / (double)n);
                since_report = 0;
            }
            if (kbest != SIZE_MAX || (low < 0 && !(low < -kd_tol(*sky, 0.0))))
                break;
        }
        if (kbest == SIZE_MAX)
            break;
        if (st->max_swaps > 0 && st->swaps >= st->max_swaps) {
            st->converged = 0;
            break;
        }
        size_t hbest = h, nbest = (size_t)st->med[kbest];
        st->nrepr[hbest] = 1;
        st->nrepr[nbest] = 0;
        st->med[kbest] = (int)hbest;
        double newloss = kd_fp_move(st, kbest, hbest);
        if (!(newloss < *sky)) {
            /* rounding beat the tolerance: undo (nearest distances return exactly; slots of
             * objects at equal distances may differ, hence remove_loss afresh) */
            st->nrepr[hbest] = 0;
            st->nrepr[nbest] = 1;
            st->med[kbest] = (int)nbest;
            kd_fp_move(st, kbest, nbest);
            continue;
        }
        visited = 0;
        st->swaps++;
        *sky = newloss;
    }
    free(remove_loss);
    free(loss);
    free(beter);
}

/* ---------------------------------------------------------------------------------------------
 * Final assignment (R's cstat) and the run
 */

static double kd_assign(kd_state *st, int *medoids, int *labels)
{
    size_t n = st->n, k = st->k;
    int *nsend = st->cm; /* reuse: nearest medoid object of each object */
    size_t nm = 0;
    for (size_t i = 0; i < n; i++)
        if (st->nrepr[i])
            st->med[nm++] = (int)i;
#pragma omp parallel for schedule(static) num_threads(st->threads) if (n * k >= ((size_t)1 << 16))
    for (size_t j = 0; j < n; j++) {
        if (st->nrepr[j]) {
            nsend[j] = (int)j;
            continue;
        }
        double best = INFINITY;
        int arg = st->med[0];
        for (size_t m = 0; m < k; m++) {
            double d = kd_get(st->D, (size_t)st->med[m], j);
            if (d < best) {
                best = d;
                arg = st->med[m];
            }
        }
        nsend[j] = arg;
    }
    /* groups numbered by first appearance */
    int *group_of = st->cmb; /* by medoid object */
    for (size_t i = 0; i < n; i++)
        group_of[i] = -1;
    int next = 0;
    for (size_t j = 0; j < n; j++) {
        int mo = nsend[j];
        if (group_of[mo] < 0) {
            group_of[mo] = next;
            if (medoids)
                medoids[next] = mo;
            next++;
        }
        if (labels)
            labels[j] = group_of[mo];
    }
    double td = 0.0;
    for (size_t j = 0; j < n; j++)
        td += kd_get(st->D, j, (size_t)nsend[j]);
    return td;
}

static int kd_validate_medoids(const int *init, size_t n, size_t k)
{
    for (size_t a = 0; a < k; a++) {
        if (init[a] < 0 || (size_t)init[a] >= n)
            return cs_error_set(CS_EUSAGE,
                                "k-medoids: initial medoid %zu is object %d, outside 0..%zu", a + 1,
                                init[a], n - 1);
        for (size_t b = 0; b < a; b++)
            if (init[a] == init[b])
                return cs_error_set(CS_EUSAGE, "k-medoids: object %d is given twice as a medoid",
                                    init[a]);
    }
    return 0;
}

/* One run from the state's initialisation; returns the total deviation. */
static int kd_run_once(kd_state *st, const cs_kmedoids_params *params, cs_rng *rng, double *build,
                       double *td, int *medoids, int *labels)
{
    size_t n = st->n;
    memset(st->nrepr, 0, n * sizeof *st->nrepr);
    st->swaps = 0;
    st->converged = 1;
    int rc = 0;
    int given = params->init_medoids != NULL;
    if (given) {
        for (size_t m = 0; m < st->k; m++)
            st->nrepr[params->init_medoids[m]] = 1;
    } else if (params->init == CS_KMEDOIDS_INIT_BUILD) {
        kd_build(st);
    } else if (params->init == CS_KMEDOIDS_INIT_LAB) {
        rc = kd_lab(st, rng);
    } else {
        rc = kd_random(st, rng);
    }
    if (rc)
        return rc;
    /* R: the objective after initialisation, sum of distances to the nearest medoid */
    size_t nm = 0;
    for (size_t i = 0; i < n; i++)
        if (st->nrepr[i])
            st->med[nm++] = (int)i;
    double sky = 0.0;
    for (size_t j = 0; j < n; j++) {
        double a = st->s;
        for (size_t m = 0; m < st->k; m++) {
            double d = kd_get(st->D, (size_t)st->med[m], j);
            if (a > d)
                a = d;
        }
        sky += a;
    }
    *build = sky;
    /* R swaps only with k > 1 or given medoids */
    if (st->k > 1 || given || params->init != CS_KMEDOIDS_INIT_BUILD) {
        if (params->method == CS_KMEDOIDS_PAM)
            kd_pam_swap(st, &sky);
        else
            kd_fasterpam(st, &sky);
    }
    *td = kd_assign(st, medoids, labels);
    return 0;
}

static int kd_main(int *medoids, int *labels, cs_kmedoids_info *info, const kd_dist *D,
                   const cs_kmedoids_params *params, const cs_run_options *run)
{
    size_t n = D->n, k = (size_t)params->k;
    int threads = cs_part_threads(run);
    int rc = cs_part_memory_check(run, kd_memory(n, k, threads, params->method), "k-medoids");
    if (rc)
        return rc;
    kd_state st;
    if (kd_alloc(&st, D, k, threads, params->method))
        return CS_ENOMEM;
    st.run = run;
    st.max_swaps = params->max_swaps;
    /* s only enters the sums of BUILD and, for k = 1, of the swaps; otherwise any value above
     * every distance gives the same results, and the pass over all pairs is saved */
    int needs_s =
        params->k == 1 || (!params->init_medoids && params->init == CS_KMEDOIDS_INIT_BUILD);
    st.s = needs_s || !D->x ? kd_sentinel(D, threads) : INFINITY;
    int seeded = !params->init_medoids && params->init != CS_KMEDOIDS_INIT_BUILD;
    int n_init = seeded ? params->n_init : 1;
    int *tmp_med = NULL, *tmp_lab = NULL;
    if (n_init > 1) {
        tmp_med = malloc(k * sizeof *tmp_med);
        tmp_lab = malloc(n * sizeof *tmp_lab);
        if (!tmp_med || !tmp_lab) {
            rc = cs_error_set(CS_ENOMEM, "k-medoids: out of memory");
            goto done;
        }
    }
    cs_kmedoids_info best = { 0 };
    best.objective = INFINITY;
    cs_part_progress(run, 0.0);
    for (int r = 0; r < n_init; r++) {
        cs_rng rng;
        cs_rng_init(&rng, params->seed, (uint64_t)r);
        double build, td;
        int *om = r == 0 ? medoids : tmp_med, *ol = r == 0 ? labels : tmp_lab;
        rc = kd_run_once(&st, params, &rng, &build, &td, om, ol);
        if (rc)
            goto done;
        if (r == 0 || td < best.objective) {
            best.objective = td;
            best.build_objective = build;
            best.n_swaps = st.swaps;
            best.converged = st.converged;
            if (r > 0) {
                memcpy(medoids, tmp_med, k * sizeof *medoids);
                memcpy(labels, tmp_lab, n * sizeof *labels);
            }
        }
    }
    cs_part_progress(run, 1.0);
    if (info)
        *info = best;
done:
    free(tmp_med);
    free(tmp_lab);
    kd_free(&st);
    return rc;
}

static int kd_check(int *medoids, int *labels, size_t n, const cs_kmedoids_params *params)
{
    if (!params)
        return cs_error_set(CS_EUSAGE, "k-medoids: no parameters given");
    if (!medoids || !labels)
        return cs_error_set(CS_EUSAGE, "k-medoids: no output arrays for medoids and labels");
    if (n == 0)
        return cs_error_set(CS_EDATA, "k-medoids: the data are empty (0 objects)");
    if (params->k < 1 || (size_t)params->k > n)
        return cs_error_set(CS_EUSAGE, "k-medoids: k must be between 1 and the %zu objects, got %d",
                            n, params->k);
    if (params->method != CS_KMEDOIDS_PAM && params->method != CS_KMEDOIDS_FASTERPAM)
        return cs_error_set(CS_EUSAGE, "k-medoids: unknown method %d", (int)params->method);
    if (params->init < CS_KMEDOIDS_INIT_BUILD || params->init > CS_KMEDOIDS_INIT_RANDOM)
        return cs_error_set(CS_EUSAGE, "k-medoids: unknown initialisation %d", (int)params->init);
    if (params->n_init < 1)
        return cs_error_set(CS_EUSAGE, "k-medoids: n_init must be at least 1, got %d",
                            params->n_init);
    if (params->max_swaps < 0)
        return cs_error_set(CS_EUSAGE, "k-medoids: max_swaps must be >= 0, got %d",
                            params->max_swaps);
    if (params->init_medoids)
        return kd_validate_medoids(params->init_medoids, n, (size_t)params->k);
    return 0;
}

int cs_kmedoids(int *medoids, int *labels, cs_kmedoids_info *info, const double *d, size_t n,
                const cs_kmedoids_params *params, const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    int rc = kd_check(medoids, labels, n, params);
    if (rc)
        return rc;
    if (!d && n > 1)
        return cs_error_set(CS_EUSAGE, "k-medoids: no dissimilarities given");
    size_t total = n * (n - 1) / 2;
    for (size_t i = 0; i < total; i++) {
        if (!isfinite(d[i]) || d[i] < 0.0) {
            /* name the pair: invert the condensed index */
            size_t a = 0, rest = i;
            while (rest >= n - a - 1) {
                rest -= n - a - 1;
                a++;
            }
            return cs_error_set(CS_EDATA,
                                "k-medoids: dissimilarity of objects %zu and %zu: expected a "
                                "finite number >= 0, found %g",
                                a + 1, a + rest + 2, d[i]);
        }
    }
    kd_dist D = { NULL, d, n, NULL, NULL, 0, NULL };
    return kd_main(medoids, labels, info, &D, params, run);
}

int cs_distance_euclidean_condensed(double *d, const double *x, size_t n, size_t p,
                                    const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    if (!d || (!x && n > 0))
        return cs_error_set(CS_EUSAGE, "distances: no data or no output array given");
    if (n == 0 || p == 0)
        return cs_error_set(CS_EDATA, "distances: the data are empty (%zu objects, %zu variables)",
                            n, p);
    int rc = cs_part_check_finite(x, n, p, "distances");
    rc = rc ? rc : cs_part_check_squares(x, n, p, "distances");
    if (rc)
        return rc;
    int threads = cs_part_threads(run);
    rc = cs_part_memory_check(
        run,
        cs_part_add(cs_part_mul(n, p * 8), cs_part_mul((size_t)threads, cs_part_mul(4, n * 8))),
        "Euclidean distances");
    if (rc)
        return rc;
    const cs_part_kernels *kern = cs_part_kernels_get();
    double *xt = cs_part_alloc(n * p, sizeof(double), "distances");
    double *tmp = cs_part_alloc((size_t)threads * 4 * n, sizeof(double), "distances");
    if (!xt || !tmp) {
        free(xt);
        free(tmp);
        return CS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < p; c++)
            xt[c * n + i] = x[i * p + c];
    size_t nblocks = (n + 3) / 4;
#pragma omp parallel for schedule(dynamic, 1)                                                      \
    num_threads(threads) if (n * n * p >= ((size_t)1 << 20))
    for (size_t b = 0; b < nblocks; b++) {
        size_t i = b * 4, nr = n - i < 4 ? n - i : 4;
        double *out = tmp + (size_t)omp_get_thread_num() * 4 * n;
        const double *xr[4];
        for (size_t r = 0; r < nr; r++)
            xr[r] = x + (i + r) * p;
        /* objects after the block, all 4 rows at once; inside the block, pair by pair */
        size_t j0 = i + nr;
        if (j0 < n)
            kern->dist_rows(NULL, out, n, xr, nr, xt, n, j0, n, p);
        for (size_t r = 0; r < nr; r++) {
            double *dst = d + (i + r < n - 1 ? cs_condensed_index(n, i + r, i + r + 1) : 0);
            size_t pos = 0;
            for (size_t j = i + r + 1; j < j0; j++)
                dst[pos++] = sqrt(cs_part_sqdist(xr[r], x + j * p, p));
            if (j0 < n)
                memcpy(dst + pos, out + r * n, (n - j0) * sizeof *dst);
        }
    }
    free(xt);
    free(tmp);
    return 0;
}

int cs_kmedoids_euclidean(int *medoids, int *labels, cs_kmedoids_info *info, const double *x,
                          size_t n, size_t p, const cs_kmedoids_params *params,
                          const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    int rc = kd_check(medoids, labels, n, params);
    if (rc)
        return rc;
    if (!x)
        return cs_error_set(CS_EUSAGE, "k-medoids: no data given");
    if (p == 0)
        return cs_error_set(CS_EDATA, "k-medoids: the data have no variables");
    rc = cs_part_check_finite(x, n, p, "k-medoids");
    rc = rc ? rc : cs_part_check_squares(x, n, p, "k-medoids");
    if (rc)
        return rc;
    int threads = cs_part_threads(run);
    /* FasterPAM from a given or seeded start reads each distance row a few times in all:
     * computing rows when needed beats storing n^2 distances. BUILD and PAM read every row
     * k times or more: they get the full matrix. */
    int on_the_fly = params->method == CS_KMEDOIDS_FASTERPAM &&
                     (params->init_medoids || params->init != CS_KMEDOIDS_INIT_BUILD);
    size_t need = cs_part_mul(n, p * 8);
    if (!on_the_fly)
        need = cs_part_add(need, cs_part_mul(cs_part_mul(n, n), 8));
    need = cs_part_add(need, kd_memory(n, (size_t)params->k, threads, params->method));
    rc = cs_part_memory_check(run, need,
                              on_the_fly ? "k-medoids" : "k-medoids on a full distance matrix");
    if (rc)
        return rc;
    const cs_part_kernels *kern = cs_part_kernels_get();
    double *xt = cs_part_alloc(n * p, sizeof(double), "k-medoids");
    double *full = on_the_fly ? NULL : cs_part_alloc(n * n, sizeof(double), "k-medoids");
    if (!xt || (!on_the_fly && !full)) {
        free(full);
        free(xt);
        return CS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < p; c++)
            xt[c * n + i] = x[i * p + c];
    if (!on_the_fly) {
        /* Every row in full: (a - b)^2 == (b - a)^2 exactly, so the matrix is symmetric bit
         * for bit, and rows are written contiguously. */
        size_t nblocks = (n + 3) / 4;
#pragma omp parallel for schedule(dynamic, 1)                                                      \
    num_threads(threads) if (n * n * p >= ((size_t)1 << 20))
        for (size_t b = 0; b < nblocks; b++) {
            size_t i = b * 4, nr = n - i < 4 ? n - i : 4;
            const double *xr[4];
            for (size_t r = 0; r < nr; r++)
                xr[r] = x + (i + r) * p;
            kern->dist_rows(NULL, full + i * n, n, xr, nr, xt, n, 0, n, p);
            for (size_t r = 0; r < nr; r++)
                full[(i + r) * n + i + r] = 0.0;
        }
    }
    kd_dist D = { full, NULL, n, on_the_fly ? x : NULL, xt, p, kern };
    rc = kd_main(medoids, labels, info, &D, params, run);
    free(full);
    free(xt);
    return rc;
}
