/*
 * cmd_kmeans.c: `clusterscope kmeans FILE`, k-means of the objects of a CSV data file
 * (scikit-learn's Lloyd iterations, k-means++ seeding), with a k scan (inertia, silhouette,
 * Calinski-Harabasz, Davies-Bouldin) and bootstrap stability.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "util/number.h"

#include "clusterscope/partition.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_cli_data_args data;
    cs_cli_partition_args part;
    cs_kmeans_algorithm algorithm;
    cs_cli_validity validity;
    const char *centres; /* --centres FILE */
    double tol;
    int tol_set;
} kmeans_args;

typedef struct {
    const kmeans_args *a;
    const cs_datamatrix *m;
    size_t n, p;
    const int *labels;
    const double *centres;
    cs_kmeans_info info;
    double silhouette, stability;
    int sil_skipped; /* the validity policy left the silhouette out */
    /* scan */
    const double *inertia, *sil, *ch, *db;
} kmeans_out;

static int write_scan(FILE *f, const kmeans_out *o)
{
    const kmeans_args *a = o->a;
    cs_format fmt = a->data.format;
    if (fmt == CS_FORMAT_CSV)
        fprintf(f, "k,inertia,silhouette,calinski_harabasz,davies_bouldin\n");
    else if (fmt == CS_FORMAT_JSON)
        fprintf(f, "{\"scan\": [");
    else
        fprintf(f, "k-means scan of %zu objects (seed %llu)\n%4s %16s %12s %18s %16s\n", o->n,
                (unsigned long long)a->part.seed, "k", "inertia", "silhouette", "calinski_harabasz",
                "davies_bouldin");
    for (int k = a->part.scan_lo; k <= a->part.scan_hi; k++) {
        int i = k - a->part.scan_lo;
        if (fmt == CS_FORMAT_CSV) {
            fprintf(f, "%d,%.17g,", k, o->inertia[i]);
            if (!isnan(o->sil[i]))
                fprintf(f, "%.17g", o->sil[i]);
            fputc(',', f);
            if (!isnan(o->ch[i]))
                fprintf(f, "%.17g", o->ch[i]);
            fputc(',', f);
            if (!isnan(o->db[i]))
                fprintf(f, "%.17g", o->db[i]);
            fputc('\n', f);
        } else if (fmt == CS_FORMAT_JSON) {
            fprintf(f, "%s\n {\"k\": %d, \"inertia\": ", i ? "," : "", k);
            cs_cli_put_num(f, o->inertia[i]);
            fprintf(f, ", \"silhouette\": ");
            cs_cli_put_num(f, o->sil[i]);
            fprintf(f, ", \"calinski_harabasz\": ");
            cs_cli_put_num(f, o->ch[i]);
            fprintf(f, ", \"davies_bouldin\": ");
            cs_cli_put_num(f, o->db[i]);
            fputc('}', f);
        } else {
            fprintf(f, "%4d %16.6f ", k, o->inertia[i]);
            if (o->sil_skipped)
                fprintf(f, "%12s", "-");
            else
                fprintf(f, "%12.4f", o->sil[i]);
            fprintf(f, " %18.4f %16.4f\n", o->ch[i], o->db[i]);
        }
    }
    if (fmt == CS_FORMAT_JSON)
        fprintf(f, "]}\n");
    else if (fmt == CS_FORMAT_TABLE && o->sil_skipped)
        cs_cli_validity_note(f, "silhouette", a->validity);
    return 0;
}

static int write_kmeans(FILE *f, void *ctx)
{
    const kmeans_out *o = ctx;
    const kmeans_args *a = o->a;
    cs_format fmt = a->data.format;
    if (o->inertia)
        return write_scan(f, o);
    size_t n = o->n, p = o->p;
    if (fmt == CS_FORMAT_CSV) {
        fprintf(f, "id,group\n");
        for (size_t i = 0; i < n; i++) {
            cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
            fprintf(f, ",%d\n", o->labels[i] + 1);
        }
        return 0;
    }
    if (fmt == CS_FORMAT_JSON) {
        fprintf(f, "{\"k\": %ld, \"seed\": %llu, \"inertia\": ", a->part.k,
                (unsigned long long)a->part.seed);
        cs_cli_put_num(f, o->info.inertia);
        fprintf(f, ", \"iterations\": %d, \"converged\": %s, \"silhouette\": ", o->info.n_iter,
                o->info.converged ? "true" : "false");
        cs_cli_put_num(f, o->silhouette);
        if (a->part.bootstrap) {
            fprintf(f, ", \"bootstrap\": %ld, \"stability_mean_ari\": ", a->part.bootstrap);
            cs_cli_put_num(f, o->stability);
        }
        fprintf(f, ",\n \"labels\": [");
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "%s{\"id\": ", i ? ", " : "");
            cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
            fprintf(f, ", \"group\": %d}", o->labels[i] + 1);
        }
        fprintf(f, "],\n \"centres\": [");
        for (long g = 0; g < a->part.k; g++) {
            fprintf(f, "%s[", g ? ", " : "");
            for (size_t j = 0; j < p; j++) {
                fprintf(f, "%s", j ? ", " : "");
                cs_cli_put_num(f, o->centres[(size_t)g * p + j]);
            }
            fputc(']', f);
        }
        fprintf(f, "]}\n");
        return 0;
    }
    fprintf(f,
            "k-means of %zu objects into %ld groups (seed %llu): inertia %.6f, %d iterations, "
            "%s\n",
            n, a->part.k, (unsigned long long)a->part.seed, o->info.inertia, o->info.n_iter,
            o->info.converged ? "converged" : "not converged (max iterations)");
    if (!isnan(o->silhouette))
        fprintf(f, "mean silhouette %.4f\n", o->silhouette);
    else if (o->sil_skipped)
        cs_cli_validity_note(f, "mean silhouette", a->validity);
    if (a->part.bootstrap)
        fprintf(f, "stability: mean adjusted Rand index %.4f over %ld bootstrap resamples\n",
                o->stability, a->part.bootstrap);
    fprintf(f, "\n%-24s %6s\n", "id", "group");
    for (size_t i = 0; i < n; i++) {
        cs_cli_put_text(f, "%-24s", cs_datamatrix_id(o->m, i));
        fprintf(f, " %6d\n", o->labels[i] + 1);
    }
    fprintf(f, "\ncentres:\n%-8s", "group");
    for (size_t j = 0; j < p; j++)
        cs_cli_put_text(f, " %12.12s", cs_datamatrix_name(o->m, j));
    fputc('\n', f);
    for (long g = 0; g < a->part.k; g++) {
        fprintf(f, "%-8ld", g + 1);
        for (size_t j = 0; j < p; j++)
            fprintf(f, " %12.6f", o->centres[(size_t)g * p + j]);
        fputc('\n', f);
    }
    return 0;
}

static int parse(kmeans_args *a, int argc, char **argv)
{
    static const struct option options[] = { CS_CLI_DATA_OPTIONS,
                                             { "k", required_argument, NULL, 'k' },
                                             { "seed", required_argument, NULL, 's' },
                                             { "n-init", required_argument, NULL, 'i' },
                                             { "max-iter", required_argument, NULL, 'x' },
                                             { "algorithm", required_argument, NULL, 'a' },
                                             { "scan", required_argument, NULL, 'S' },
                                             { "bootstrap", required_argument, NULL, 'b' },
                                             { "centres", required_argument, NULL, 'c' },
                                             { "centers", required_argument, NULL, 'c' },
                                             { "tol", required_argument, NULL, 't' },
                                             CS_CLI_VALIDITY_OPTIONS,
                                             { NULL, 0, NULL, 0 } };
    memset(a, 0, sizeof *a);
    cs_cli_data_args_init(&a->data);
    a->part.seed = 1;
    a->part.n_init = 0; /* 10 unless given; 0 tells --centres it was not */
    a->part.max_iter = 300;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:k:", options, NULL)) != -1) {
        int rc = cs_cli_data_option(&a->data, "kmeans", c, optarg);
        if (rc < 0)
            rc = cs_cli_partition_option(&a->part, "kmeans", c, optarg);
        if (rc < 0)
            rc = cs_cli_validity_option(&a->validity, "kmeans", c);
        if (rc >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'a':
            if (strcmp(optarg, "auto") == 0)
                a->algorithm = CS_KMEANS_AUTO;
            else if (strcmp(optarg, "lloyd") == 0)
                a->algorithm = CS_KMEANS_LLOYD;
            else if (strcmp(optarg, "hamerly") == 0)
                a->algorithm = CS_KMEANS_HAMERLY;
            else if (strcmp(optarg, "elkan") == 0)
                a->algorithm = CS_KMEANS_ELKAN;
            else
                return cs_cli_usage_error(
                    "kmeans", "--algorithm takes auto, lloyd, hamerly or elkan, not '%s'", optarg);
            break;
        case 'c':
            a->centres = optarg;
            break;
        case 't':
            if (cs_number_read(&a->tol, optarg, strlen(optarg), 0) || !(a->tol >= 0) ||
                !isfinite(a->tol))
                return cs_cli_usage_error("kmeans", "--tol takes a number >= 0, not '%s'", optarg);
            a->tol_set = 1;
            break;
        default:
            return cs_cli_usage_error("kmeans", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (a->centres) {
        /* the file gives the one start: no restarts, no scan, no seeded resamples */
        if (a->part.scan_hi)
            return cs_cli_usage_error("kmeans", "--centres gives the start of one k: drop --scan");
        if (a->part.n_init > 1)
            return cs_cli_usage_error("kmeans", "--centres is one start (one run): drop --n-init");
        if (a->part.bootstrap)
            return cs_cli_usage_error("kmeans", "--bootstrap seeds each resample with k-means++: "
                                                "drop --centres");
        a->part.n_init = 1;
    } else if (!a->part.k == !a->part.scan_hi) {
        return cs_cli_usage_error("kmeans", "give the number of groups (-k K) or a scan "
                                            "(--scan 2..8), one of them");
    }
    if (!a->part.n_init)
        a->part.n_init = 10;
    if (a->part.bootstrap && !a->part.k)
        return cs_cli_usage_error("kmeans", "--bootstrap needs -k");
    if (a->data.unknown == CS_UNKNOWN_PAIRWISE)
        return cs_cli_usage_error("kmeans", "k-means needs complete data: --unknown takes error "
                                            "or as-zero here (kmedoids works on pairwise "
                                            "distances)");
    return cs_cli_data_file(&a->data, "kmeans", argc, argv, optind);
}

/* The data as numbers: numeric, binary and ordinal columns; unknown refused or read as 0. */
static int numeric_data(const double **out, double **owned, const cs_datamatrix *m, int policy,
                        const char *file)
{
    size_t n = cs_datamatrix_rows(m), p = cs_datamatrix_cols(m);
    for (size_t j = 0; j < p; j++)
        if (cs_datamatrix_type(m, j) == CS_VAR_NOMINAL)
            return cs_error_set(CS_EDATA,
                                "%s: k-means needs numbers, but column \"%s\" is nominal "
                                "(categories have no mean; use kmodes, or kmedoids with "
                                "--distance gower)",
                                file, cs_datamatrix_name(m, j));
    for (size_t i = 0; cs_datamatrix_unknowns(m) && policy != CS_UNKNOWN_AS_ZERO && i < n; i++)
        for (size_t j = 0; j < p; j++)
            if (!cs_datamatrix_get(m, i, j, NULL))
                return cs_error_set(CS_EDATA,
                                    "%s: object \"%s\", variable \"%s\" is unknown and k-means "
                                    "needs complete data (use --unknown as-zero, or kmedoids)",
                                    file, cs_datamatrix_id(m, i), cs_datamatrix_name(m, j));
    return cs_cli_numbers(out, owned, m);
}

/*
 * The initial centres of --centres: a header row (a name column, then variables of the data
 * by name, in any order, each once, all of them), then one row of numbers per group. K is the
 * -k given (0: the file's row count). *OUT is k x p in the data's column order.
 */
static int read_centres(double **out, long *k, const cs_datamatrix *m, const char *path,
                        const char *data_file, char delimiter)
{
    size_t p = cs_datamatrix_cols(m);
    cs_csv_table t;
    int rc = cs_service_read_table(&t, path, delimiter, CS_CLI_START_MAX_ROWS);
    if (rc)
        return rc;
    size_t *col = malloc((t.cols + 1) * sizeof *col); /* file column -> data column */
    unsigned char *seen = calloc(p + 1, 1);
    double *c = NULL;
    if (!col || !seen)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    if (!rc && t.cols - 1 != p)
        rc = cs_error_set(CS_EDATA,
                          "%s:%ld: expected a name column and the %zu variables of %s, found %zu "
                          "columns",
                          path, t.line[0], p, data_file, t.cols);
    for (size_t fc = 1; !rc && fc < t.cols; fc++) {
        const char *name = cs_csv_table_cell(&t, 0, fc);
        size_t j = 0;
        while (j < p && strcmp(cs_datamatrix_name(m, j), name) != 0)
            j++;
        if (j == p)
            rc = cs_error_set(CS_EDATA,
                              "%s:%ld, column %zu: expected a variable of %s, found \"%s\"", path,
                              t.line[0], fc + 1, data_file, name);
        else if (seen[j])
            rc = cs_error_set(CS_EDATA, "%s:%ld, column %zu: variable \"%s\" appears twice", path,
                              t.line[0], fc + 1, name);
        else {
            seen[j] = 1;
            col[fc] = j;
        }
    }
    if (!rc && t.rows == 0)
        rc = cs_error_set(CS_EDATA, "%s: expected a row of centres per group, found none", path);
    if (!rc && *k && (size_t)*k != t.rows)
        rc = cs_error_set(CS_EDATA, "%s: expected k = %ld rows of centres, found %zu", path, *k,
                          t.rows);
    if (!rc) {
        c = malloc(t.rows * p * sizeof *c + 1);
        if (!c)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t r = 1; !rc && r <= t.rows; r++) {
        for (size_t fc = 1; !rc && fc < t.cols; fc++) {
            const char *cell = cs_csv_table_cell(&t, r, fc);
            double v;
            if (cs_number_read(&v, cell, strlen(cell), 0) || !isfinite(v))
                rc = cs_error_set(CS_EDATA,
                                  "%s:%ld, column %zu (\"%s\"): expected a number, found \"%s\"",
                                  path, t.line[r], fc + 1, cs_csv_table_cell(&t, 0, fc), cell);
            else
                c[(r - 1) * p + col[fc]] = v;
        }
    }
    if (!rc) {
        *k = (long)t.rows;
        *out = c;
        c = NULL;
    }
    free(c);
    free(col);
    free(seen);
    cs_csv_table_free(&t);
    return rc;
}

int cs_cmd_kmeans(int argc, char **argv)
{
    kmeans_args a;
    int status = parse(&a, argc, argv);
    if (status)
        return status;
    cs_datamatrix *m = NULL;
    const double *x = NULL;
    double *x_owned = NULL, *centres = NULL, *d = NULL;
    double *scan = NULL;
    int *labels = NULL;
    kmeans_out out;
    memset(&out, 0, sizeof out);
    out.a = &a;
    out.silhouette = out.stability = NAN;
    double *start = NULL;
    int rc = cs_cli_load_data(&m, &a.data);
    size_t n = rc ? 0 : cs_datamatrix_rows(m), p = rc ? 0 : cs_datamatrix_cols(m);
    if (!rc && a.centres)
        rc = read_centres(&start, &a.part.k, m, a.centres, a.data.file, a.data.delimiter);
    long kmax = a.part.k ? a.part.k : a.part.scan_hi;
    if (!rc && (size_t)kmax > n) {
        cs_datamatrix_free(m);
        free(start);
        return cs_cli_usage_error("kmeans", "k = %ld is more than the %zu objects in %s", kmax, n,
                                  a.data.file);
    }
    if (!rc)
        rc = numeric_data(&x, &x_owned, m, a.data.unknown, a.data.file);
    cs_run_options run;
    cs_run_options_init(&run);
    run.max_memory = cs_cli_memory_limit(&a.data);
    run.n_threads = a.data.threads;
    if (!rc) {
        /*
         * the numbers, the silhouette's O(n p) copy and a resample's; labels, centres, bounds
         * (Elkan: k per object), the centres' distances (k^2) and per-object scratch
         */
        size_t kk = (size_t)kmax;
        size_t need = n * p * sizeof(double) * 3 + kk * p * sizeof(double) * 4 +
                      n * (sizeof(int) * 3 + sizeof(double) * 4) + kk * kk * sizeof(double);
        if (a.algorithm == CS_KMEANS_ELKAN)
            need += n * kk * sizeof(double);
        /* the data matrix as read, still held, and the chunk sums (at least 64 objects each) */
        need += n * (p * sizeof(double) + 32) + (n / 64 + 1) * kk * p * sizeof(double) / 4;
        rc = cs_cli_memory_check(&a.data, need, "k-means");
    }
    cs_kmeans_params kp;
    cs_kmeans_params_init(&kp, (int)kmax);
    kp.seed = a.part.seed;
    kp.n_init = (int)a.part.n_init;
    kp.max_iter = (int)a.part.max_iter;
    kp.algorithm = a.algorithm;
    kp.init_centres = start;
    if (a.tol_set)
        kp.tol = a.tol;
    /* the silhouette is O(n^2): by the validity policy, and only where the output shows it */
    int want_sil = a.data.format != CS_FORMAT_CSV || a.part.scan_hi;
    want_sil = want_sil && cs_cli_validity_wanted(a.validity, n);
    out.sil_skipped = !want_sil && a.data.format != CS_FORMAT_CSV &&
                      (a.part.scan_hi || (kmax >= 2 && (size_t)kmax < n));
    if (!rc) {
        labels = malloc(n * sizeof *labels);
        centres = malloc((size_t)kmax * p * sizeof *centres);
        if (!labels || !centres)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc && a.part.scan_hi) {
        int count = a.part.scan_hi - a.part.scan_lo + 1;
        scan = malloc((size_t)count * 4 * sizeof *scan);
        if (!scan)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        for (int k = a.part.scan_lo; !rc && k <= a.part.scan_hi; k++) {
            int i = k - a.part.scan_lo;
            kp.k = k;
            cs_kmeans_info info;
            rc = cs_kmeans(labels, centres, &info, x, n, p, &kp, &run);
            scan[i] = info.inertia;
            scan[count + i] = scan[2 * count + i] = scan[3 * count + i] = NAN;
            if (!rc && k >= 2 && (size_t)k < n) {
                double s;
                if (want_sil && cs_silhouette(NULL, &s, x, n, p, labels, k, &run) == 0)
                    scan[count + i] = s;
                if (cs_calinski_harabasz(&s, x, n, p, labels, k) == 0)
                    scan[2 * count + i] = s;
                if (cs_davies_bouldin(&s, x, n, p, labels, k) == 0)
                    scan[3 * count + i] = s;
                cs_error_clear();
            }
            cs_cli_progress("kmeans", (double)(i + 1) / count);
        }
        cs_cli_progress_end();
        if (scan) {
            out.inertia = scan;
            out.sil = scan + count;
            out.ch = scan + 2 * count;
            out.db = scan + 3 * count;
        }
    } else if (!rc) {
        rc = cs_kmeans(labels, centres, &out.info, x, n, p, &kp, &run);
        if (!rc && want_sil && a.part.k >= 2 && (size_t)a.part.k < n) {
            if (cs_silhouette(NULL, &out.silhouette, x, n, p, labels, (int)a.part.k, &run))
                cs_error_clear();
        }
        if (!rc && a.part.bootstrap) {
            run.progress = cs_cli_progress;
            run.progress_ctx = "kmeans bootstrap";
            rc = cs_stability_kmeans(&out.stability, NULL, x, n, p, &kp, (int)a.part.bootstrap,
                                     a.part.seed, &run);
            cs_cli_progress_end();
        }
    }
    if (!rc) {
        out.m = m;
        out.n = n;
        out.p = p;
        out.labels = labels;
        out.centres = centres;
        rc = cs_cli_write(a.data.output, write_kmeans, &out);
    }
    free(scan);
    free(start);
    free(d);
    free(x_owned);
    free(centres);
    free(labels);
    cs_datamatrix_free(m);
    return rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
}
