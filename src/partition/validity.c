/*
 * Checking a partition and choosing k: silhouette widths (from raw data in O(n p) extra memory,
 * or from condensed dissimilarities), Calinski-Harabasz and Davies-Bouldin as scikit-learn 1.2
 * computes them, and the gap statistic of Tibshirani, Walther and Hastie (2001).
 *
 * Silhouette from raw data: objects are sorted by group (stably) and stored transposed, so the
 * distances from an object to a group are a contiguous run the vector kernel sums in a fixed
 * order (partition_kernels.h). Each object's sums are its own computation: widths do not depend
 * on threads. No n by n matrix is ever formed.
 */
#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "partition/partition_util.h"
#include "partition/rng.h"

#include <math.h>
#include <omp.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static int check_groups(const char *what, int present, size_t n)
{
    if (present < 2 || (size_t)present > n - 1)
        return cs_error_set(CS_EDATA,
                            "%s: needs between 2 and n - 1 = %zu non-empty groups, found %d", what,
                            n - 1, present);
    return 0;
}

static int check_common(const char *what, const double *x, size_t n, size_t p, const int *labels,
                        int k)
{
    if ((!x && n > 0) || !labels)
        return cs_error_set(CS_EUSAGE, "%s: no data or no labels given", what);
    if (n == 0 || p == 0)
        return cs_error_set(CS_EDATA, "%s: the data are empty (%zu objects, %zu variables)", what,
                            n, p);
    if (k < 1)
        return cs_error_set(CS_EUSAGE, "%s: k must be at least 1, got %d", what, k);
    int rc = cs_part_check_finite(x, n, p, what);
    return rc ? rc : cs_part_check_squares(x, n, p, what);
}

/* Width from the sums of distances to each group (scikit-learn's rules). */
static double width(const double *sums, const size_t *counts, int k, int own)
{
    if (counts[own] <= 1)
        return 0.0;
    double a = sums[own] / (double)(counts[own] - 1);
    double b = INFINITY;
    for (int g = 0; g < k; g++) {
        if (g == own || counts[g] == 0)
            continue;
        double v = sums[g] / (double)counts[g];
        if (v < b)
            b = v;
    }
    double m = a > b ? a : b;
    if (!(m > 0.0))
        return 0.0; /* 0/0: scikit-learn's nan_to_num gives 0 */
    return (b - a) / m;
}

int cs_silhouette(double *widths, double *mean, const double *x, size_t n, size_t p,
                  const int *labels, int k, const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    const char *what = "silhouette";
    int rc = check_common(what, x, n, p, labels, k);
    if (rc)
        return rc;
    int threads = cs_part_threads(run);
    size_t need = cs_part_add(cs_part_mul(n, p * 8 + 8 + 8), cs_part_mul((size_t)k, 8 * 8));
    need = cs_part_add(need, cs_part_mul((size_t)threads, cs_part_mul((size_t)k, 4 * 8)));
    rc = cs_part_memory_check(run, need, what);
    if (rc)
        return rc;
    size_t *counts = calloc((size_t)k, sizeof *counts);
    size_t *start = calloc((size_t)k + 1, sizeof *start);
    size_t *order = malloc(n * sizeof *order);
    double *xt = cs_part_alloc(n * p, sizeof(double), what);
    double *own = widths ? widths : malloc(n * sizeof *own);
    double *sums = malloc((size_t)threads * 4 * (size_t)k * sizeof *sums);
    if (!counts || !start || !order || !xt || !own || !sums) {
        rc = cs_error_set(CS_ENOMEM, "%s: out of memory", what);
        goto done;
    }
    int present;
    rc = cs_part_check_labels(labels, n, k, counts, &present, what);
    if (rc)
        goto done;
    rc = check_groups(what, present, n);
    if (rc)
        goto done;
    /* stable counting sort by group; xt holds the sorted objects transposed */
    for (int g = 0; g < k; g++)
        start[g + 1] = start[g] + counts[g];
    {
        size_t *fill = malloc((size_t)k * sizeof *fill);
        if (!fill) {
            rc = cs_error_set(CS_ENOMEM, "%s: out of memory", what);
            goto done;
        }
        memcpy(fill, start, (size_t)k * sizeof *fill);
        for (size_t i = 0; i < n; i++)
            order[fill[labels[i]]++] = i;
        free(fill);
    }
    for (size_t s = 0; s < n; s++)
        for (size_t d = 0; d < p; d++)
            xt[d * n + s] = x[order[s] * p + d];

    const cs_part_kernels *kern = cs_part_kernels_get();
    size_t nblocks = (n + 3) / 4;
    atomic_size_t done_blocks = 0;
#pragma omp parallel for schedule(dynamic, 1)                                                      \
    num_threads(threads) if (n * n * p >= ((size_t)1 << 20))
    for (size_t b = 0; b < nblocks; b++) {
        double *sm = sums + (size_t)omp_get_thread_num() * 4 * (size_t)k;
        size_t s0 = b * 4, nr = n - s0 < 4 ? n - s0 : 4;
        const double *xr[4];
        for (size_t r = 0; r < nr; r++)
            xr[r] = x + order[s0 + r] * p;
        for (int g = 0; g < k; g++) {
            double gs[4] = { 0, 0, 0, 0 };
            if (counts[g] > 0)
                kern->dist_rows(gs, NULL, 0, xr, nr, xt, n, start[g], start[g + 1], p);
            for (size_t r = 0; r < nr; r++)
                sm[r * (size_t)k + (size_t)g] = gs[r];
        }
        for (size_t r = 0; r < nr; r++) {
            size_t i = order[s0 + r];
            own[i] = width(sm + r * (size_t)k, counts, k, labels[i]);
        }
        size_t doneb = atomic_fetch_add(&done_blocks, 1) + 1;
        if (run->progress && omp_get_thread_num() == 0 && doneb % 256 == 0)
            cs_part_progress(run, (double)doneb / (double)nblocks);
    }
    if (mean) {
        double tot = 0.0;
        for (size_t i = 0; i < n; i++)
            tot += own[i];
        *mean = tot / (double)n;
    }
    cs_part_progress(run, 1.0);
done:
    free(counts);
    free(start);
    free(order);
    free(xt);
    if (own != widths)
        free(own);
    free(sums);
    return rc;
}

int cs_silhouette_condensed(double *widths, double *mean, const double *d, size_t n,
                            const int *labels, int k, const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    const char *what = "silhouette";
    if ((!d && n > 1) || !labels)
        return cs_error_set(CS_EUSAGE, "%s: no dissimilarities or no labels given", what);
    if (n == 0)
        return cs_error_set(CS_EDATA, "%s: the data are empty (0 objects)", what);
    if (k < 1)
        return cs_error_set(CS_EUSAGE, "%s: k must be at least 1, got %d", what, k);
    int threads = cs_part_threads(run);
    int rc = cs_part_memory_check(
        run, cs_part_add(cs_part_mul(n, 8), cs_part_mul((size_t)threads, (size_t)k * 8)), what);
    if (rc)
        return rc;
    size_t *counts = calloc((size_t)k, sizeof *counts);
    double *own = widths ? widths : malloc(n * sizeof *own);
    double *sums = malloc((size_t)threads * (size_t)k * sizeof *sums);
    int present;
    if (!counts || !own || !sums) {
        rc = cs_error_set(CS_ENOMEM, "%s: out of memory", what);
        goto done;
    }
    rc = cs_part_check_labels(labels, n, k, counts, &present, what);
    if (rc)
        goto done;
    rc = check_groups(what, present, n);
    if (rc)
        goto done;
    size_t total = n * (n - 1) / 2;
    size_t bad = SIZE_MAX;
    for (size_t i = 0; i < total && bad == SIZE_MAX; i++)
        if (!isfinite(d[i]) || d[i] < 0.0)
            bad = i;
    if (bad != SIZE_MAX) {
        rc = cs_error_set(CS_EDATA,
                          "%s: dissimilarity %zu of the condensed matrix: expected a finite "
                          "number >= 0, found %g",
                          what, bad + 1, d[bad]);
        goto done;
    }
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads) if (n * n >= ((size_t)1 << 18))
    for (size_t i = 0; i < n; i++) {
        double *sm = sums + (size_t)omp_get_thread_num() * (size_t)k;
        for (int g = 0; g < k; g++)
            sm[g] = 0.0;
        size_t idx = i - 1; /* index of (0, i) */
        for (size_t j = 0; j < i; j++) {
            sm[labels[j]] += d[idx];
            idx += n - j - 2;
        }
        if (i + 1 < n) {
            const double *row = d + cs_condensed_index(n, i, i + 1);
            for (size_t j = i + 1; j < n; j++)
                sm[labels[j]] += row[j - i - 1];
        }
        own[i] = width(sm, counts, k, labels[i]);
    }
    if (mean) {
        double tot = 0.0;
        for (size_t i = 0; i < n; i++)
            tot += own[i];
        *mean = tot / (double)n;
    }
done:
    free(counts);
    if (own != widths)
        free(own);
    free(sums);
    return rc;
}

/* Group means (k by p) and counts; returns the number of non-empty groups or a CS_E* code. */
static int group_means(double *means, size_t *counts, const double *x, size_t n, size_t p,
                       const int *labels, int k, const char *what)
{
    int present;
    int rc = cs_part_check_labels(labels, n, k, counts, &present, what);
    if (rc)
        return rc;
    memset(means, 0, (size_t)k * p * sizeof *means);
    for (size_t i = 0; i < n; i++)
        for (size_t d = 0; d < p; d++)
            means[(size_t)labels[i] * p + d] += x[i * p + d];
    for (int g = 0; g < k; g++)
        if (counts[g] > 0)
            for (size_t d = 0; d < p; d++)
                means[(size_t)g * p + d] /= (double)counts[g];
    return present;
}

int cs_calinski_harabasz(double *score, const double *x, size_t n, size_t p, const int *labels,
                         int k)
{
    const char *what = "Calinski-Harabasz";
    if (!score)
        return cs_error_set(CS_EUSAGE, "%s: no output given", what);
    int rc = check_common(what, x, n, p, labels, k);
    if (rc)
        return rc;
    double *means = malloc(((size_t)k + 1) * p * sizeof *means);
    size_t *counts = malloc((size_t)k * sizeof *counts);
    if (!means || !counts) {
        free(means);
        free(counts);
        return cs_error_set(CS_ENOMEM, "%s: out of memory", what);
    }
    int present = group_means(means, counts, x, n, p, labels, k, what);
    if (present < 0 || (rc = check_groups(what, present, n)) != 0) {
        free(means);
        free(counts);
        return present < 0 ? present : rc;
    }
    double *all = means + (size_t)k * p;
    for (size_t d = 0; d < p; d++) {
        double s = 0.0;
        for (size_t i = 0; i < n; i++)
            s += x[i * p + d];
        all[d] = s / (double)n;
    }
    double extra = 0.0, intra = 0.0;
    for (int g = 0; g < k; g++) {
        if (counts[g] == 0)
            continue;
        double e = 0.0;
        for (size_t d = 0; d < p; d++) {
            double t = means[(size_t)g * p + d] - all[d];
            e += t * t;
        }
        extra += (double)counts[g] * e;
    }
    for (size_t i = 0; i < n; i++)
        intra += cs_part_sqdist(x + i * p, means + (size_t)labels[i] * p, p);
    free(means);
    free(counts);
    *score = intra == 0.0
                 ? 1.0
                 : extra * (double)(n - (size_t)present) / (intra * ((double)present - 1.0));
    return 0;
}

int cs_davies_bouldin(double *score, const double *x, size_t n, size_t p, const int *labels, int k)
{
    const char *what = "Davies-Bouldin";
    if (!score)
        return cs_error_set(CS_EUSAGE, "%s: no output given", what);
    int rc = check_common(what, x, n, p, labels, k);
    if (rc)
        return rc;
    double *means = malloc((size_t)k * p * sizeof *means);
    size_t *counts = malloc((size_t)k * sizeof *counts);
    double *spread = calloc((size_t)k, sizeof *spread);
    int *present_ids = malloc((size_t)k * sizeof *present_ids);
    if (!means || !counts || !spread || !present_ids) {
        rc = cs_error_set(CS_ENOMEM, "%s: out of memory", what);
        goto done;
    }
    int present = group_means(means, counts, x, n, p, labels, k, what);
    if (present < 0) {
        rc = present;
        goto done;
    }
    rc = check_groups(what, present, n);
    if (rc)
        goto done;
    for (size_t i = 0; i < n; i++)
        spread[labels[i]] += sqrt(cs_part_sqdist(x + i * p, means + (size_t)labels[i] * p, p));
    int m = 0;
    for (int g = 0; g < k; g++)
        if (counts[g] > 0) {
            spread[g] /= (double)counts[g];
            present_ids[m++] = g;
        }
    /* np.allclose(x, 0): every |x| <= 1e-8 */
    int spreads_zero = 1, centres_zero = 1;
    for (int a = 0; a < m; a++)
        if (fabs(spread[present_ids[a]]) > 1e-8)
            spreads_zero = 0;
    for (int a = 0; a < m && centres_zero; a++)
        for (int b = a + 1; b < m; b++)
            if (sqrt(cs_part_sqdist(means + (size_t)present_ids[a] * p,
                                    means + (size_t)present_ids[b] * p, p)) > 1e-8) {
                centres_zero = 0;
                break;
            }
    if (spreads_zero || centres_zero) {
        *score = 0.0;
        goto done;
    }
    double tot = 0.0;
    for (int a = 0; a < m; a++) {
        double worst = 0.0;
        int ga = present_ids[a];
        for (int b = 0; b < m; b++) {
            if (b == a)
                continue;
            int gb = present_ids[b];
            double dc = sqrt(cs_part_sqdist(means + (size_t)ga * p, means + (size_t)gb * p, p));
            if (dc == 0.0)
                continue; /* scikit-learn: distance 0 becomes infinity, ratio 0 */
            double r = (spread[ga] + spread[gb]) / dc;
            if (r > worst)
                worst = r;
        }
        tot += worst;
    }
    *score = tot / (double)m;
done:
    free(means);
    free(counts);
    free(spread);
    free(present_ids);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Gap statistic
 */

void cs_gap_params_init(cs_gap_params *params, int k_max)
{
    memset(params, 0, sizeof *params);
    params->k_max = k_max;
    params->n_ref = 50;
    cs_kmeans_params_init(&params->kmeans, 1);
}

/* Within-group sum of squares around the group means. */
static double within_ss(const double *x, size_t n, size_t p, const int *labels, int k,
                        double *means, size_t *counts)
{
    int present = group_means(means, counts, x, n, p, labels, k, "gap statistic");
    if (present < 0)
        return NAN;
    double w = 0.0;
    for (size_t i = 0; i < n; i++)
        w += cs_part_sqdist(x + i * p, means + (size_t)labels[i] * p, p);
    return w;
}

/* log W_k for k = 1..k_max of data z, with k-means seeded from `stream`. */
static int log_w_all(double *out, const double *z, size_t n, size_t p, const cs_gap_params *gp,
                     uint64_t stream, int *labels, double *centres, double *means, size_t *counts,
                     const cs_run_options *quiet, const cs_run_options *run, size_t *step,
                     size_t steps)
{
    for (int k = 1; k <= gp->k_max; k++) {
        if (k == 1) {
            memset(labels, 0, n * sizeof *labels);
        } else {
            cs_kmeans_params kp = gp->kmeans;
            kp.k = k;
            kp.init_centres = NULL;
            kp.seed = cs_rng_mix(gp->kmeans.seed ^ cs_rng_mix(stream * 1000003u + (uint64_t)k));
            int rc = cs_kmeans(labels, centres, NULL, z, n, p, &kp, quiet);
            if (rc)
                return cs_error_wrap("gap statistic, k = %d", k);
        }
        double w = within_ss(z, n, p, labels, k, means, counts);
        if (!(w > 0.0))
            return cs_error_set(CS_EDATA,
                                "gap statistic: the within-group sum of squares is 0 for k = %d "
                                "(fewer than %d distinct objects); lower k_max",
                                k, k);
        out[k - 1] = log(w);
        ++*step;
        cs_part_progress(run, (double)*step / (double)steps);
    }
    return 0;
}

int cs_gap_statistic(double *gap, double *s, double *log_w, double *e_log_w, int *k_best,
                     const double *x, size_t n, size_t p, const cs_gap_params *params,
                     const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    const char *what = "gap statistic";
    if (!params)
        return cs_error_set(CS_EUSAGE, "%s: no parameters given", what);
    if (!x && n > 0)
        return cs_error_set(CS_EUSAGE, "%s: no data given", what);
    if (n < 2 || p == 0)
        return cs_error_set(
            CS_EDATA, "%s: needs at least 2 objects and 1 variable, got %zu and %zu", what, n, p);
    if (params->k_max < 1 || (size_t)params->k_max > n)
        return cs_error_set(CS_EUSAGE, "%s: k_max must be between 1 and the %zu objects, got %d",
                            what, n, params->k_max);
    if (params->n_ref < 2)
        return cs_error_set(CS_EUSAGE, "%s: needs at least 2 reference sets, got %d", what,
                            params->n_ref);
    int rc = cs_part_check_finite(x, n, p, what);
    rc = rc ? rc : cs_part_check_squares(x, n, p, what);
    if (rc)
        return rc;
    size_t K = (size_t)params->k_max, B = (size_t)params->n_ref;
    size_t need = cs_part_add(cs_part_mul(n, p * 8 + 4), cs_part_mul(K, B * 8 + K * p * 16));
    rc = cs_part_memory_check(run, need, what);
    if (rc)
        return rc;
    double *z = cs_part_alloc(n * p, sizeof(double), what);
    int *labels = malloc(n * sizeof *labels);
    double *centres = malloc(K * p * sizeof *centres);
    double *means = malloc(K * p * sizeof *means);
    size_t *counts = malloc(K * sizeof *counts);
    double *lw = malloc(K * sizeof *lw);
    double *ref = malloc(K * B * sizeof *ref); /* ref[b*K + k-1] */
    double *lo = malloc(p * sizeof *lo), *hi = malloc(p * sizeof *hi);
    if (!z || !labels || !centres || !means || !counts || !lw || !ref || !lo || !hi) {
        rc = cs_error_set(CS_ENOMEM, "%s: out of memory", what);
        goto done;
    }
    /* k-means inside runs without its own progress; threads and memory limit carry over */
    cs_run_options quiet = *run;
    quiet.progress = NULL;
    size_t step = 0, steps = K * (B + 1);
    cs_part_progress(run, 0.0);
    rc = log_w_all(lw, x, n, p, params, 0, labels, centres, means, counts, &quiet, run, &step,
                   steps);
    if (rc)
        goto done;
    for (size_t d = 0; d < p; d++) {
        lo[d] = hi[d] = x[d];
        for (size_t i = 1; i < n; i++) {
            double v = x[i * p + d];
            if (v < lo[d])
                lo[d] = v;
            if (v > hi[d])
                hi[d] = v;
        }
    }
    for (size_t b = 0; b < B; b++) {
        cs_rng rng;
        cs_rng_init(&rng, params->kmeans.seed, 0x9a9ULL + b);
        /* uniform over the bounding box, column by column as R's runif(n, min, max) */
        for (size_t d = 0; d < p; d++)
            for (size_t i = 0; i < n; i++)
                z[i * p + d] = lo[d] + (hi[d] - lo[d]) * cs_rng_uniform(&rng);
        rc = log_w_all(ref + b * K, z, n, p, params, b + 1, labels, centres, means, counts, &quiet,
                       run, &step, steps);
        if (rc)
            goto done;
    }
    double *g = malloc(K * sizeof *g), *sk = malloc(K * sizeof *sk);
    if (!g || !sk) {
        free(g);
        free(sk);
        rc = cs_error_set(CS_ENOMEM, "%s: out of memory", what);
        goto done;
    }
    for (size_t k = 0; k < K; k++) {
        double m = 0.0;
        for (size_t b = 0; b < B; b++)
            m += ref[b * K + k];
        m /= (double)B;
        double v = 0.0;
        for (size_t b = 0; b < B; b++) {
            double t = ref[b * K + k] - m;
            v += t * t;
        }
        double sd = sqrt(v / (double)B); /* the paper's divisor B */
        g[k] = m - lw[k];
        sk[k] = sd * sqrt(1.0 + 1.0 / (double)B);
        if (gap)
            gap[k] = g[k];
        if (s)
            s[k] = sk[k];
        if (log_w)
            log_w[k] = lw[k];
        if (e_log_w)
            e_log_w[k] = m;
    }
    if (k_best) {
        *k_best = (int)K;
        for (size_t k = 0; k + 1 < K; k++)
            if (g[k] >= g[k + 1] - sk[k + 1]) {
                *k_best = (int)k + 1;
                break;
            }
    }
    free(g);
    free(sk);
    cs_part_progress(run, 1.0);
done:
    free(z);
    free(labels);
    free(centres);
    free(means);
    free(counts);
    free(lw);
    free(ref);
    free(lo);
    free(hi);
    return rc;
}
