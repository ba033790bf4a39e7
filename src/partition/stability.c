/*
 * Stability of a partition by bootstrap: resample the objects with replacement, partition the
 * resample, and compare with the partition of the full data on the distinct resampled objects
 * by the adjusted Rand index.
 *
 * Seeding: resample b draws its objects from the stream (seed, b) of rng.h and passes the
 * partitioner the seed mix(seed, b), so every resample is reproducible on its own and the run
 * does not depend on threads.
 */
#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "partition/partition_util.h"
#include "partition/rng.h"

#include <stdlib.h>
#include <string.h>

int cs_stability_bootstrap(double *mean, double *ari, const double *x, size_t n, size_t p,
                           const int *labels, cs_partition_fn fn, void *ctx, int n_boot,
                           uint64_t seed, const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    const char *what = "bootstrap stability";
    if ((!x && n > 0) || !labels || !fn)
        return cs_error_set(CS_EUSAGE, "%s: no data, labels or partitioner given", what);
    if (n < 2 || p == 0)
        return cs_error_set(
            CS_EDATA, "%s: needs at least 2 objects and 1 variable, got %zu and %zu", what, n, p);
    if (n_boot < 1)
        return cs_error_set(CS_EUSAGE, "%s: needs at least 1 resample, got %d", what, n_boot);
    int rc = cs_part_check_finite(x, n, p, what);
    rc = rc ? rc : cs_part_check_squares(x, n, p, what);
    if (rc)
        return rc;
    size_t need = cs_part_mul(n, p * 8 + 4 * 4 + 8 + 1);
    rc = cs_part_memory_check(run, need, what);
    if (rc)
        return rc;
    double *rows = cs_part_alloc(n * p, sizeof(double), what);
    size_t *idx = malloc(n * sizeof *idx);
    int *lab_b = malloc(n * sizeof *lab_b);
    int *ref = malloc(n * sizeof *ref);
    int *got = malloc(n * sizeof *got);
    unsigned char *seen = malloc(n);
    if (!rows || !idx || !lab_b || !ref || !got || !seen) {
        rc = cs_error_set(CS_ENOMEM, "%s: out of memory", what);
        goto done;
    }
    double tot = 0.0;
    cs_part_progress(run, 0.0);
    for (int b = 0; b < n_boot; b++) {
        cs_rng rng;
        cs_rng_init(&rng, seed, (uint64_t)b);
        for (size_t i = 0; i < n; i++) {
            idx[i] = (size_t)cs_rng_below(&rng, n);
            memcpy(rows + i * p, x + idx[i] * p, p * sizeof *rows);
        }
        rc = fn(ctx, lab_b, rows, n, p, cs_rng_mix(seed ^ cs_rng_mix((uint64_t)b + 1)));
        if (rc) {
            cs_error_wrap("%s, resample %d", what, b + 1);
            goto done;
        }
        /* distinct objects, in the order first drawn */
        memset(seen, 0, n);
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (seen[idx[i]])
                continue;
            seen[idx[i]] = 1;
            ref[m] = labels[idx[i]];
            got[m] = lab_b[i];
            m++;
        }
        double a;
        rc = cs_adjusted_rand_index(&a, ref, got, m);
        if (rc)
            goto done;
        if (ari)
            ari[b] = a;
        tot += a;
        cs_part_progress(run, (double)(b + 1) / n_boot);
    }
    if (mean)
        *mean = tot / n_boot;
done:
    free(rows);
    free(idx);
    free(lab_b);
    free(ref);
    free(got);
    free(seen);
    return rc;
}

typedef struct {
    const cs_kmeans_params *params;
    const cs_run_options *run;
    double *centres;
} kmeans_ctx;

static int kmeans_partition(void *ctx, int *labels, const double *rows, size_t m, size_t p,
                            uint64_t seed)
{
    kmeans_ctx *c = ctx;
    cs_kmeans_params kp = *c->params;
    kp.seed = seed;
    return cs_kmeans(labels, c->centres, NULL, rows, m, p, &kp, c->run);
}

int cs_stability_kmeans(double *mean, double *ari, const double *x, size_t n, size_t p,
                        const cs_kmeans_params *params, int n_boot, uint64_t seed,
                        const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    if (!params)
        return cs_error_set(CS_EUSAGE, "bootstrap stability: no k-means parameters given");
    if (params->k < 1 || (size_t)params->k > n)
        return cs_error_set(CS_EUSAGE,
                            "bootstrap stability: k must be between 1 and the %zu objects, got %d",
                            n, params->k);
    int *labels = malloc((n ? n : 1) * sizeof *labels);
    double *centres = malloc((size_t)params->k * (p ? p : 1) * sizeof *centres);
    if (!labels || !centres) {
        free(labels);
        free(centres);
        return cs_error_set(CS_ENOMEM, "bootstrap stability: out of memory");
    }
    cs_run_options quiet = *run;
    quiet.progress = NULL;
    int rc = cs_kmeans(labels, centres, NULL, x, n, p, params, &quiet);
    if (rc == 0) {
        kmeans_ctx ctx = { params, &quiet, centres };
        rc = cs_stability_bootstrap(mean, ari, x, n, p, labels, kmeans_partition, &ctx, n_boot,
                                    seed, run);
    } else {
        cs_error_wrap("bootstrap stability, full data");
    }
    free(labels);
    free(centres);
    return rc;
}
