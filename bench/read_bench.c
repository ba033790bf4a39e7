/*
 * read_bench.c: the throughput of the data-file reader (cs_ingest_read_matrix).
 *
 *   read_bench FILE [RUNS]
 *
 * reads FILE RUNS times (default 3; the first run also warms the page cache) and prints
 * "read MB/s=M seconds=S rows=N cols=P" for the best run: file bytes / wall seconds of reading
 * alone (1 MB = 10^6 bytes).
 */
#include "clusterscope/error.h"
#include "clusterscope/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: read_bench FILE [RUNS]\n");
        return 2;
    }
    int runs = argc == 3 ? atoi(argv[2]) : 3;
    struct stat sb;
    if (stat(argv[1], &sb) != 0) {
        perror(argv[1]);
        return 1;
    }
    double best = -1;
    size_t n = 0, p = 0;
    for (int r = 0; r < runs; r++) {
        cs_datamatrix *m = NULL;
        double t0 = now();
        int rc = cs_ingest_read_matrix(&m, argv[1], NULL);
        double t = now() - t0;
        if (rc) {
            fprintf(stderr, "read_bench: %s\n", cs_error_last());
            return 1;
        }
        n = cs_datamatrix_rows(m);
        p = cs_datamatrix_cols(m);
        cs_datamatrix_free(m);
        if (best < 0 || t < best)
            best = t;
    }
    printf("read MB/s=%.1f seconds=%.3f rows=%zu cols=%zu\n", (double)sb.st_size / 1e6 / best,
           best, n, p);
    return 0;
}
