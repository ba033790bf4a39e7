/*
 * gen_data.c: the data files of bench/commands.sh, written once from a seed so that our command
 * and its peer read the same numbers: we read the CSV, the peer a binary copy of it.
 *
 *   gen_data numeric BASE n p k seed   k Gaussian groups (centres uniform in [-6, 6], sd 1.5),
 *                                      every value rounded to 4 decimals, written as
 *                                      BASE.csv (id,v1..vp; ids o1..on) and BASE.x (n x p
 *                                      float64, little-endian, row-major), plus
 *                                      BASE.labels (n int32, the generating group) and
 *                                      BASE-labels.csv (id,group with group 1..k),
 *                                      BASE.start (k distinct rows, int32, 0-based) and
 *                                      BASE-medoids.csv (their ids), BASE.init (those rows
 *                                      as k x p float64) and BASE-centres.csv.
 *   gen_data binary BASE n p seed      0/1 values with P(1) = 0.3: BASE.csv and BASE.u8
 *                                      (n x p bytes).
 *
 * Why the rounding: a value v = m / 10^4 (m an integer) is the double nearest to the decimal
 * that "%.4f" prints, so the CSV parses back to exactly the bytes of the binary copy, and the
 * file has the few digits real data have.
 */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_rng.h"

static FILE *open_out(const char *base, const char *suffix)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s", base, suffix);
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "gen_data: cannot write %s\n", path);
        exit(1);
    }
    return f;
}

static void close_out(FILE *f)
{
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "gen_data: write failed\n");
        exit(1);
    }
}

static void header(FILE *f, size_t p)
{
    fputs("id", f);
    for (size_t j = 0; j < p; j++)
        fprintf(f, ",v%zu", j + 1);
    fputc('\n', f);
}

static int numeric(const char *base, size_t n, size_t p, size_t k)
{
    double *centres = malloc(k * p * sizeof *centres);
    double *row = malloc(p * sizeof *row);
    int32_t *labels = malloc(n * sizeof *labels);
    int32_t *start = malloc(k * sizeof *start);
    if (!centres || !row || !labels || !start)
        return 1;
    for (size_t i = 0; i < k * p; i++)
        centres[i] = uniform() * 12.0 - 6.0;
    /* k distinct rows: the common start of k-means (their values) and k-medoids (their ids) */
    for (size_t a = 0; a < k; a++) {
        int fresh;
        do {
            start[a] = (int32_t)(next64() % n);
            fresh = 1;
            for (size_t b = 0; b < a; b++)
                fresh &= start[a] != start[b];
        } while (!fresh);
    }
    double *init = malloc(k * p * sizeof *init);
    if (!init)
        return 1;
    FILE *csv = open_out(base, ".csv"), *x = open_out(base, ".x");
    header(csv, p);
    for (size_t i = 0; i < n; i++) {
        size_t g = (size_t)(next64() % k);
        labels[i] = (int32_t)g;
        fprintf(csv, "o%zu", i + 1);
        for (size_t j = 0; j < p; j++) {
            double v = centres[g * p + j] + 1.5 * normal();
            row[j] = round(v * 1e4) / 1e4;
            fprintf(csv, ",%.4f", row[j]);
        }
        fputc('\n', csv);
        fwrite(row, sizeof *row, p, x);
        for (size_t a = 0; a < k; a++)
            if ((size_t)start[a] == i)
                memcpy(init + a * p, row, p * sizeof *row);
    }
    close_out(csv);
    close_out(x);

    FILE *f = open_out(base, ".labels");
    fwrite(labels, sizeof *labels, n, f);
    close_out(f);
    f = open_out(base, "-labels.csv");
    fputs("id,group\n", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "o%zu,%" PRId32 "\n", i + 1, labels[i] + 1);
    close_out(f);
    f = open_out(base, ".start");
    fwrite(start, sizeof *start, k, f);
    close_out(f);
    f = open_out(base, "-medoids.csv");
    fputs("id\n", f);
    for (size_t a = 0; a < k; a++)
        fprintf(f, "o%" PRId32 "\n", start[a] + 1);
    close_out(f);
    f = open_out(base, ".init");
    fwrite(init, sizeof *init, k * p, f);
    close_out(f);
    f = open_out(base, "-centres.csv");
    fputs("centre", f);
    for (size_t j = 0; j < p; j++)
        fprintf(f, ",v%zu", j + 1);
    fputc('\n', f);
    for (size_t a = 0; a < k; a++) {
        fprintf(f, "c%zu", a + 1);
        for (size_t j = 0; j < p; j++)
            fprintf(f, ",%.4f", init[a * p + j]);
        fputc('\n', f);
    }
    close_out(f);
    free(centres);
    free(row);
    free(labels);
    free(start);
    free(init);
    return 0;
}

static int binary(const char *base, size_t n, size_t p)
{
    unsigned char *row = malloc(p);
    if (!row)
        return 1;
    FILE *csv = open_out(base, ".csv"), *u8 = open_out(base, ".u8");
    header(csv, p);
    for (size_t i = 0; i < n; i++) {
        fprintf(csv, "o%zu", i + 1);
        for (size_t j = 0; j < p; j++) {
            row[j] = uniform() < 0.3;
            fprintf(csv, ",%d", row[j]);
        }
        fputc('\n', csv);
        fwrite(row, 1, p, u8);
    }
    close_out(csv);
    close_out(u8);
    free(row);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 7 && strcmp(argv[1], "numeric") == 0) {
        bench_rng_state = strtoull(argv[6], NULL, 10);
        return numeric(argv[2], strtoull(argv[3], NULL, 10), strtoull(argv[4], NULL, 10),
                       strtoull(argv[5], NULL, 10));
    }
    if (argc == 6 && strcmp(argv[1], "binary") == 0) {
        bench_rng_state = strtoull(argv[5], NULL, 10);
        return binary(argv[2], strtoull(argv[3], NULL, 10), strtoull(argv[4], NULL, 10));
    }
    fprintf(stderr, "usage: gen_data numeric BASE n p k seed | gen_data binary BASE n p seed\n");
    return 2;
}
