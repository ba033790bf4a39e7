/*
 * cmd_kmodes.c: `clusterscope kmodes FILE`, k-modes (Huang 1997, Cao initialisation by
 * default) of the objects of a CSV data file with categorical variables (binary, ordinal,
 * nominal), on simple matching.
 */
#include "cli.h"

#include "clusterscope/error.h"

/* typology.h (through cli.h) and partition.h both define cs_condensed_index, identically */
#define cs_condensed_index cs_condensed_index_partition_h
#include "clusterscope/partition.h"
#undef cs_condensed_index

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_cli_data_args data;
    cs_cli_partition_args part;
    cs_kmodes_init init;
    cs_cli_validity validity;
} kmodes_args;

typedef struct {
    const kmodes_args *a;
    const cs_datamatrix *m;
    size_t n, p;
    const int *labels;
    const unsigned char *modes;
    const double *const *values; /* per column: the value of each code */
    cs_kmodes_info info;
} kmodes_out;

/* The mode of group g for column j as the data wrote it. */
static void mode_text(char *buf, size_t cap, const kmodes_out *o, long g, size_t j)
{
    unsigned char code = o->modes[(size_t)g * o->p + j];
    double v = o->values[j][code];
    const char *level = cs_datamatrix_type(o->m, j) == CS_VAR_NOMINAL
                            ? cs_datamatrix_level(o->m, j, (size_t)v)
                            : NULL;
    if (level)
        snprintf(buf, cap, "%s", level);
    else
        snprintf(buf, cap, "%.15g", v);
}

static int write_kmodes(FILE *f, void *ctx)
{
    const kmodes_out *o = ctx;
    const kmodes_args *a = o->a;
    cs_format fmt = a->data.format;
    size_t n = o->n, p = o->p;
    char cell[128];
    if (fmt == CS_FORMAT_CSV) {
        fprintf(f, "id,group\n");
        for (size_t i = 0; i < n; i++) {
            cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
            fprintf(f, ",%d\n", o->labels[i] + 1);
        }
        return 0;
    }
    if (fmt == CS_FORMAT_JSON) {
        fprintf(f,
                "{\"k\": %ld, \"seed\": %llu, \"cost\": %ld, \"iterations\": %d,\n \"labels\": [",
                a->part.k, (unsigned long long)a->part.seed, o->info.cost, o->info.n_iter);
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "%s{\"id\": ", i ? ", " : "");
            cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
            fprintf(f, ", \"group\": %d}", o->labels[i] + 1);
        }
        fprintf(f, "],\n \"modes\": [");
        for (long g = 0; g < a->part.k; g++) {
            fprintf(f, "%s[", g ? ", " : "");
            for (size_t j = 0; j < p; j++) {
                mode_text(cell, sizeof cell, o, g, j);
                fprintf(f, "%s", j ? ", " : "");
                cs_cli_put_id(f, cell, fmt);
            }
            fputc(']', f);
        }
        fprintf(f, "]}\n");
        return 0;
    }
    fprintf(f,
            "k-modes of %zu objects into %ld groups (seed %llu): cost %ld mismatches, %d "
            "passes\n",
            n, a->part.k, (unsigned long long)a->part.seed, o->info.cost, o->info.n_iter);
    fprintf(f, "\n%-24s %6s\n", "id", "group");
    for (size_t i = 0; i < n; i++) {
        cs_cli_put_text(f, "%-24s", cs_datamatrix_id(o->m, i));
        fprintf(f, " %6d\n", o->labels[i] + 1);
    }
    fprintf(f, "\nmodes:\n%-8s", "group");
    for (size_t j = 0; j < p; j++)
        cs_cli_put_text(f, " %12.12s", cs_datamatrix_name(o->m, j));
    fputc('\n', f);
    for (long g = 0; g < a->part.k; g++) {
        fprintf(f, "%-8ld", g + 1);
        for (size_t j = 0; j < p; j++) {
            mode_text(cell, sizeof cell, o, g, j);
            cs_cli_put_text(f, " %12.12s", cell);
        }
        fputc('\n', f);
    }
    return 0;
}

static int parse(kmodes_args *a, int argc, char **argv)
{
    static const struct option options[] = { CS_CLI_DATA_OPTIONS,
                                             { "k", required_argument, NULL, 'k' },
                                             { "seed", required_argument, NULL, 's' },
                                             { "n-init", required_argument, NULL, 'i' },
                                             { "max-iter", required_argument, NULL, 'x' },
                                             { "init", required_argument, NULL, 'I' },
                                             CS_CLI_VALIDITY_OPTIONS,
                                             { NULL, 0, NULL, 0 } };
    memset(a, 0, sizeof *a);
    cs_cli_data_args_init(&a->data);
    a->part.seed = 1;
    a->part.n_init = 1;
    a->part.max_iter = 100;
    a->init = CS_KMODES_INIT_CAO;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:k:", options, NULL)) != -1) {
        int rc = cs_cli_data_option(&a->data, "kmodes", c, optarg);
        if (rc < 0)
            rc = cs_cli_partition_option(&a->part, "kmodes", c, optarg);
        /* taken as every partitioning command takes it; k-modes computes no O(n^2) index */
        if (rc < 0)
            rc = cs_cli_validity_option(&a->validity, "kmodes", c);
        if (rc >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'I':
            if (strcmp(optarg, "cao") == 0)
                a->init = CS_KMODES_INIT_CAO;
            else if (strcmp(optarg, "huang") == 0)
                a->init = CS_KMODES_INIT_HUANG;
            else if (strcmp(optarg, "random") == 0)
                a->init = CS_KMODES_INIT_RANDOM;
            else
                return cs_cli_usage_error("kmodes", "--init takes cao, huang or random, not '%s'",
                                          optarg);
            break;
        default:
            return cs_cli_usage_error("kmodes", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (!a->part.k)
        return cs_cli_usage_error("kmodes", "give the number of groups: -k K");
    if (a->data.unknown == CS_UNKNOWN_PAIRWISE)
        return cs_cli_usage_error("kmodes", "k-modes needs complete data: --unknown takes error "
                                            "or as-zero here (kmedoids --distance hamming works "
                                            "on pairwise distances)");
    return cs_cli_data_file(&a->data, "kmodes", argc, argv, optind);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/*
 * Codes 0..L-1 per column: the distinct values in increasing order (level indexes for nominal
 * columns, 0/1 for binary ones). values[j] receives each code's value.
 */
static int categorical_data(unsigned char **out, double **values, const cs_datamatrix *m,
                            int policy, const char *file)
{
    size_t n = cs_datamatrix_rows(m), p = cs_datamatrix_cols(m);
    for (size_t j = 0; j < p; j++)
        if (cs_datamatrix_type(m, j) == CS_VAR_NUMERIC)
            return cs_error_set(CS_EDATA,
                                "%s: k-modes needs categorical variables (binary, ordinal, "
                                "nominal), but column \"%s\" is numeric (declare its type with "
                                "--types, or use kmeans)",
                                file, cs_datamatrix_name(m, j));
    unsigned char *x = malloc(n * p + 1);
    double *col = malloc((n + 1) * sizeof *col);
    if (!x || !col) {
        free(x);
        free(col);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    int rc = 0;
    for (size_t j = 0; j < p && !rc; j++) {
        size_t u = 0;
        for (size_t i = 0; i < n; i++) {
            double v;
            if (!cs_datamatrix_get(m, i, j, &v)) {
                if (policy != CS_UNKNOWN_AS_ZERO) {
                    rc = cs_error_set(CS_EDATA,
                                      "%s: object \"%s\", variable \"%s\" is unknown and k-modes "
                                      "needs complete data (use --unknown as-zero, or kmedoids "
                                      "--distance hamming)",
                                      file, cs_datamatrix_id(m, i), cs_datamatrix_name(m, j));
                    break;
                }
                v = 0;
            }
            col[u++] = v;
        }
        if (rc)
            break;
        qsort(col, u, sizeof *col, cmp_double);
        size_t d = 0;
        for (size_t i = 0; i < u; i++)
            if (d == 0 || col[i] != col[d - 1])
                col[d++] = col[i];
        if (d > 256) {
            rc = cs_error_set(CS_EDATA,
                              "%s: column \"%s\" has %zu categories; k-modes takes at most 256",
                              file, cs_datamatrix_name(m, j), d);
            break;
        }
        values[j] = malloc(d * sizeof **values);
        if (!values[j]) {
            rc = cs_error_set(CS_ENOMEM, "out of memory");
            break;
        }
        memcpy(values[j], col, d * sizeof *col);
        for (size_t i = 0; i < n; i++) {
            double v = 0;
            cs_datamatrix_get(m, i, j, &v);
            size_t lo = 0, hi = d;
            while (lo + 1 < hi) {
                size_t mid = (lo + hi) / 2;
                if (col[mid] <= v)
                    lo = mid;
                else
                    hi = mid;
            }
            x[i * p + j] = (unsigned char)lo;
        }
    }
    free(col);
    if (rc) {
        free(x);
        return rc;
    }
    *out = x;
    return 0;
}

int cs_cmd_kmodes(int argc, char **argv)
{
    kmodes_args a;
    int status = parse(&a, argc, argv);
    if (status)
        return status;
    cs_datamatrix *m = NULL;
    unsigned char *x = NULL, *modes = NULL;
    double **values = NULL;
    int *labels = NULL;
    kmodes_out out;
    memset(&out, 0, sizeof out);
    out.a = &a;
    int rc = cs_cli_load_data(&m, &a.data);
    size_t n = rc ? 0 : cs_datamatrix_rows(m), p = rc ? 0 : cs_datamatrix_cols(m);
    if (!rc && (size_t)a.part.k > n) {
        cs_datamatrix_free(m);
        return cs_cli_usage_error("kmodes", "k = %ld is more than the %zu objects in %s", a.part.k,
                                  n, a.data.file);
    }
    if (!rc)
        /* the codes, per object density, distance, order and label; the k x levels counts */
        rc = cs_cli_memory_check(&a.data, n * p * 2 + n * 48 + (size_t)a.part.k * p * (256 * 8 + 1),
                                 "k-modes");
    if (!rc) {
        values = calloc(p + 1, sizeof *values);
        if (!values)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc)
        rc = categorical_data(&x, values, m, a.data.unknown, a.data.file);
    if (!rc) {
        labels = malloc(n * sizeof *labels);
        modes = malloc((size_t)a.part.k * p + 1);
        if (!labels || !modes)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc) {
        cs_run_options run;
        cs_run_options_init(&run);
        run.max_memory = cs_cli_memory_limit(&a.data);
        run.n_threads = a.data.threads;
        cs_kmodes_params kp;
        cs_kmodes_params_init(&kp, (int)a.part.k);
        kp.seed = a.part.seed;
        kp.n_init = (int)a.part.n_init;
        kp.max_iter = (int)a.part.max_iter;
        kp.init = a.init;
        rc = cs_kmodes(labels, modes, &out.info, x, n, p, &kp, &run);
    }
    if (!rc) {
        out.m = m;
        out.n = n;
        out.p = p;
        out.labels = labels;
        out.modes = modes;
        out.values = (const double *const *)values;
        rc = cs_cli_write(a.data.output, write_kmodes, &out);
    }
    for (size_t j = 0; values && j < p; j++)
        free(values[j]);
    free(values);
    free(x);
    free(modes);
    free(labels);
    cs_datamatrix_free(m);
    return rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
}
