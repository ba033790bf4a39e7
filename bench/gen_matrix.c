/*
 * gen_matrix.c: a deterministic numeric data file for timing the data-file reader
 * (src/ingest/matrix_read.c).
 *
 *   gen_matrix N P [SEED] > FILE.csv
 *
 * writes a header "id,v1..vP", then N rows "oI,x1,...,xP" with x = round(v * 1e4) / 1e4 for v
 * normal (mean 0, sd 100), printed with "%.4f", so each value's text reads back to the value
 * printed. The same N, P and SEED give the same bytes on every machine (SplitMix64 and the
 * Box-Muller transform; no library random generator).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng_state;

static uint64_t next64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(void)
{
    return (double)(next64() >> 11) * 0x1.0p-53;
}

static double normal(void)
{
    double u = uniform(), v = uniform();
    if (u < 1e-300)
        u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: gen_matrix N P [SEED] > FILE.csv\n");
        return 2;
    }
    long long n = atoll(argv[1]), p = atoll(argv[2]);
    rng_state = argc == 4 ? strtoull(argv[3], NULL, 10) : 1;
    if (n < 1 || p < 1) {
        fprintf(stderr, "gen_matrix: N and P must be positive\n");
        return 2;
    }
    static char out[1 << 16];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    fputs("id", stdout);
    for (long long j = 1; j <= p; j++)
        printf(",v%lld", j);
    putchar('\n');
    for (long long i = 1; i <= n; i++) {
        printf("o%lld", i);
        for (long long j = 0; j < p; j++)
            printf(",%.4f", round(normal() * 100.0 * 1e4) / 1e4);
        putchar('\n');
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
