/*
 * partition_bench.c: the clusterscope side of bench/partition.sh, and the data generator both
 * sides read.
 *
 *   partition_bench gen KIND OUT n p k seed     writes OUT.x (n by p float64, little-endian
 *                                               row-major), OUT.labels (n int32: the generating
 *                                               group), OUT.init (k by p: k distinct rows drawn
 *                                               at random) and OUT.start (k int32, 0-based).
 *                                               KIND: uniform (on [0,1)) or blobs (k Gaussian
 *                                               groups, centres uniform in [-6, 6], sd 1.5).
 *   partition_bench kmeans OUT n p k iters      k-means from OUT.init, tol 0, Hamerly (auto)
 *   partition_bench kmedoids OUT n p k          FasterPAM from OUT.start, Euclidean distances
 *                                               computed here (included in the time)
 *   partition_bench silhouette OUT n p k        mean silhouette of OUT.labels
 *
 * Each run prints one line "time=SECONDS key=value ...", SECONDS the wall time of the
 * computation alone (not reading files). Threads: OpenMP default (OMP_NUM_THREADS).
 */
#include "clusterscope/error.h"
#include "clusterscope/partition.h"

#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_rng.h"

static void write_file(const char *base, const char *ext, const void *data, size_t bytes)
{
    char path[4096];
    snprintf(path, sizeof path, "%s.%s", base, ext);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, bytes, f) != bytes || fclose(f) != 0) {
        fprintf(stderr, "partition_bench: cannot write %s\n", path);
        exit(1);
    }
}

static void *read_file(const char *base, const char *ext, size_t bytes)
{
    char path[4096];
    snprintf(path, sizeof path, "%s.%s", base, ext);
    FILE *f = fopen(path, "rb");
    void *data = malloc(bytes ? bytes : 1);
    if (!f || !data || fread(data, 1, bytes, f) != bytes) {
        fprintf(stderr, "partition_bench: cannot read %zu bytes from %s\n", bytes, path);
        exit(1);
    }
    fclose(f);
    return data;
}

static int gen(const char *kind, const char *out, size_t n, size_t p, size_t k, uint64_t seed)
{
    bench_rng_state = seed;
    double *x = malloc(n * p * sizeof *x);
    int32_t *labels = malloc(n * sizeof *labels);
    double *centres = malloc(k * p * sizeof *centres);
    for (size_t i = 0; i < k * p; i++)
        centres[i] = uniform() * 12.0 - 6.0;
    int blobs = strcmp(kind, "blobs") == 0;
    for (size_t i = 0; i < n; i++) {
        size_t g = (size_t)(next64() % k);
        labels[i] = (int32_t)g;
        for (size_t d = 0; d < p; d++)
            x[i * p + d] = blobs ? centres[g * p + d] + 1.5 * normal() : uniform();
    }
    /* k distinct rows for the initial centres and medoids */
    int32_t *start = malloc(k * sizeof *start);
    double *init = malloc(k * p * sizeof *init);
    for (size_t a = 0; a < k; a++) {
        int fresh;
        do {
            start[a] = (int32_t)(next64() % n);
            fresh = 1;
            for (size_t b = 0; b < a; b++)
                fresh &= start[a] != start[b];
        } while (!fresh);
        memcpy(init + a * p, x + (size_t)start[a] * p, p * sizeof *init);
    }
    write_file(out, "x", x, n * p * sizeof *x);
    write_file(out, "labels", labels, n * sizeof *labels);
    write_file(out, "init", init, k * p * sizeof *init);
    write_file(out, "start", start, k * sizeof *start);
    free(x);
    free(labels);
    free(centres);
    free(start);
    free(init);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: see the comment at the top of bench/partition_bench.c\n");
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "gen") == 0 && argc == 8)
        return gen(argv[2], argv[3], strtoull(argv[4], NULL, 10), strtoull(argv[5], NULL, 10),
                   strtoull(argv[6], NULL, 10), strtoull(argv[7], NULL, 10));
    const char *base = argv[2];
    size_t n = strtoull(argv[3], NULL, 10), p = strtoull(argv[4], NULL, 10);
    int k = atoi(argv[5]);
    double *x = read_file(base, "x", n * p * sizeof(double));
    double t0, t1;
    int rc = 0;
    if (strcmp(cmd, "kmeans") == 0 && argc == 7) {
        double *init = read_file(base, "init", (size_t)k * p * sizeof(double));
        cs_kmeans_params kp;
        cs_kmeans_params_init(&kp, k);
        kp.init_centres = init;
        kp.max_iter = atoi(argv[6]);
        kp.tol = 0.0;
        if (getenv("CS_BENCH_KMEANS_ALGO"))
            kp.algorithm = (cs_kmeans_algorithm)atoi(getenv("CS_BENCH_KMEANS_ALGO"));
        int *labels = malloc(n * sizeof *labels);
        double *centres = malloc((size_t)k * p * sizeof *centres);
        cs_kmeans_info info;
        t0 = omp_get_wtime();
        rc = cs_kmeans(labels, centres, &info, x, n, p, &kp, NULL);
        t1 = omp_get_wtime();
        if (!rc)
            printf("time=%.3f n_iter=%d inertia=%.10g threads=%d\n", t1 - t0, info.n_iter,
                   info.inertia, omp_get_max_threads());
    } else if (strcmp(cmd, "kmedoids") == 0) {
        int32_t *start = read_file(base, "start", (size_t)k * sizeof(int32_t));
        int *st = malloc((size_t)k * sizeof *st), *medoids = malloc((size_t)k * sizeof *medoids);
        for (int a = 0; a < k; a++)
            st[a] = start[a];
        cs_kmedoids_params kp;
        cs_kmedoids_params_init(&kp, k);
        kp.init_medoids = st;
        int *labels = malloc(n * sizeof *labels);
        cs_kmedoids_info info;
        t0 = omp_get_wtime();
        rc = cs_kmedoids_euclidean(medoids, labels, &info, x, n, p, &kp, NULL);
        t1 = omp_get_wtime();
        if (!rc)
            printf("time=%.3f objective=%.10g swaps=%ld threads=%d\n", t1 - t0, info.objective,
                   info.n_swaps, omp_get_max_threads());
    } else if (strcmp(cmd, "silhouette") == 0) {
        int32_t *lab32 = read_file(base, "labels", n * sizeof(int32_t));
        int *labels = malloc(n * sizeof *labels);
        for (size_t i = 0; i < n; i++)
            labels[i] = lab32[i];
        double mean;
        t0 = omp_get_wtime();
        rc = cs_silhouette(NULL, &mean, x, n, p, labels, k, NULL);
        t1 = omp_get_wtime();
        if (!rc)
            printf("time=%.3f silhouette=%.15g threads=%d\n", t1 - t0, mean, omp_get_max_threads());
    } else {
        fprintf(stderr, "partition_bench: unknown command %s\n", cmd);
        return 2;
    }
    if (rc) {
        fprintf(stderr, "partition_bench: %s\n", cs_error_last());
        return 1;
    }
    return 0;
}
