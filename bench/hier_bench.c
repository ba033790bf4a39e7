/*
 * hier_bench.c: benchmark driver for bench/hierarchical.sh.
 *
 *   hier_bench gen numeric|binary N P SEED FILE   writes N x P data (float64 or uint8, row-major)
 *   hier_bench run numeric|binary N P FILE METRIC METHOD ZOUT
 *       reads the data (not timed), runs cs_linkage_data (distances + linkage, timed) and
 *       writes Z (float64, (N-1) x 4) to ZOUT; prints "seconds=S maxrss_kb=K".
 *
 * Data are generated here with a fixed seed so that both sides read the same bytes.
 */
#include "clusterscope/error.h"
#include "clusterscope/typology.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_rng.h"

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int gen(const char *kind, size_t n, size_t p, uint64_t seed, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 1;
    bench_rng_state = seed;
    for (size_t k = 0; k < n * p; k++) {
        if (strcmp(kind, "binary") == 0) {
            unsigned char b = uniform() < 0.3;
            fwrite(&b, 1, 1, f);
        } else {
            double x = normal();
            fwrite(&x, sizeof x, 1, f);
        }
    }
    return fclose(f) != 0;
}

static int run(const char *kind, size_t n, size_t p, const char *path, const char *metric_name,
               const char *method_name, const char *zout)
{
    int binary = strcmp(kind, "binary") == 0;
    cs_metric metric;
    cs_linkage_method method;
    if (cs_metric_parse(&metric, metric_name) || cs_linkage_method_parse(&method, method_name)) {
        fprintf(stderr, "%s\n", cs_error_last());
        return 2;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    cs_var_type *types = malloc(p * sizeof *types);
    for (size_t j = 0; j < p; j++)
        types[j] = binary ? CS_VAR_BINARY : CS_VAR_NUMERIC;
    cs_datamatrix *m = NULL;
    if (cs_datamatrix_new(&m, n, p, types)) {
        fprintf(stderr, "%s\n", cs_error_last());
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "o%zu", i);
        cs_datamatrix_set_id(m, i, id);
        for (size_t j = 0; j < p; j++) {
            double v;
            if (binary) {
                unsigned char b;
                if (fread(&b, 1, 1, f) != 1)
                    return 1;
                v = b;
            } else if (fread(&v, sizeof v, 1, f) != 1) {
                return 1;
            }
            cs_datamatrix_set(m, i, j, v);
        }
    }
    fclose(f);
    double *z = malloc((n - 1) * 4 * sizeof *z);
    if (getenv("CS_SPLIT")) {
        /* phases apart: distances, then linkage on the condensed matrix (which copies it) */
        double *d = NULL;
        double a = seconds();
        if (cs_distance_condensed(&d, m, metric, NULL))
            return 1;
        double b = seconds();
        if (cs_linkage(z, d, n, method, NULL))
            return 1;
        double c = seconds();
        printf("distances=%.3f linkage=%.3f\n", b - a, c - b);
        cs_typology_free(d);
    }
    double t0 = seconds();
    cs_linkage_options lo = { 0, 0, getenv("CS_WARD_VECTOR") ? atoi(getenv("CS_WARD_VECTOR")) : 0,
                              getenv("CS_BATCH") ? atoi(getenv("CS_BATCH")) : 0 };
    int rc = cs_linkage_data(z, m, metric, method, NULL, &lo);
    double t1 = seconds();
    if (rc) {
        fprintf(stderr, "linkage: %s\n", cs_error_last());
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("seconds=%.3f maxrss_kb=%ld\n", t1 - t0, ru.ru_maxrss);
    if (zout) {
        FILE *o = fopen(zout, "wb");
        if (!o || fwrite(z, sizeof *z, (n - 1) * 4, o) != (n - 1) * 4 || fclose(o))
            return 1;
    }
    free(z);
    free(types);
    cs_datamatrix_free(m);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 7 && strcmp(argv[1], "gen") == 0)
        return gen(argv[2], strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10),
                   strtoull(argv[5], NULL, 10), argv[6]);
    if ((argc == 8 || argc == 9) && strcmp(argv[1], "run") == 0)
        return run(argv[2], strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10), argv[5],
                   argv[6], argv[7], argc == 9 ? argv[8] : NULL);
    fprintf(stderr, "usage: hier_bench gen numeric|binary N P SEED FILE\n"
                    "       hier_bench run numeric|binary N P FILE METRIC METHOD [ZOUT]\n");
    return 2;
}
