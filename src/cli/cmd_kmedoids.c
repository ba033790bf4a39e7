/*
 * cmd_kmedoids.c: `clusterscope kmedoids FILE`, k-medoids (PAM or FasterPAM) of the objects of a
 * CSV data file on any distance of typology.h (Gower for mixed variables, binary distances with
 * unknown cells pairwise), with a k scan by mean silhouette.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "util/keymap.h"

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
    cs_metric metric;
    cs_kmedoids_method method;
    cs_kmedoids_init init;
    int init_set;
    cs_cli_validity validity;
    const char *medoids; /* --medoids FILE */
} kmedoids_args;

typedef struct {
    const kmedoids_args *a;
    const cs_datamatrix *m;
    size_t n;
    const int *labels, *medoids;
    cs_kmedoids_info info;
    double silhouette;
    int sil_skipped; /* --no-validity left the silhouette out */
    const double *scan_obj, *scan_sil;
} kmedoids_out;

static const char *method_name(cs_kmedoids_method m)
{
    return m == CS_KMEDOIDS_PAM ? "pam" : "fasterpam";
}

static int write_kmedoids(FILE *f, void *ctx)
{
    const kmedoids_out *o = ctx;
    const kmedoids_args *a = o->a;
    cs_format fmt = a->data.format;
    size_t n = o->n;
    if (o->scan_obj) {
        if (fmt == CS_FORMAT_CSV)
            fprintf(f, "k,objective,silhouette\n");
        else if (fmt == CS_FORMAT_JSON)
            fprintf(f, "{\"scan\": [");
        else
            fprintf(f, "k-medoids (%s) scan of %zu objects on %s distances\n%4s %16s %12s\n",
                    method_name(a->method), n, cs_metric_name(a->metric), "k", "objective",
                    "silhouette");
        for (int k = a->part.scan_lo; k <= a->part.scan_hi; k++) {
            int i = k - a->part.scan_lo;
            if (fmt == CS_FORMAT_CSV) {
                fprintf(f, "%d,%.17g,", k, o->scan_obj[i]);
                if (!isnan(o->scan_sil[i]))
                    fprintf(f, "%.17g", o->scan_sil[i]);
                fputc('\n', f);
            } else if (fmt == CS_FORMAT_JSON) {
                fprintf(f, "%s\n {\"k\": %d, \"objective\": ", i ? "," : "", k);
                cs_cli_put_num(f, o->scan_obj[i]);
                fprintf(f, ", \"silhouette\": ");
                cs_cli_put_num(f, o->scan_sil[i]);
                fputc('}', f);
            } else {
                if (o->sil_skipped)
                    fprintf(f, "%4d %16.6f %12s\n", k, o->scan_obj[i], "-");
                else
                    fprintf(f, "%4d %16.6f %12.4f\n", k, o->scan_obj[i], o->scan_sil[i]);
            }
        }
        if (fmt == CS_FORMAT_JSON)
            fprintf(f, "]}\n");
        else if (fmt == CS_FORMAT_TABLE && o->sil_skipped)
            cs_cli_validity_note(f, "silhouette", a->validity);
        return 0;
    }
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
                "{\"k\": %ld, \"method\": \"%s\", \"distance\": \"%s\", \"objective\": ", a->part.k,
                method_name(a->method), cs_metric_name(a->metric));
        cs_cli_put_num(f, o->info.objective);
        fprintf(f, ", \"swaps\": %ld, \"silhouette\": ", o->info.n_swaps);
        cs_cli_put_num(f, o->silhouette);
        fprintf(f, ",\n \"medoids\": [");
        for (long g = 0; g < a->part.k; g++) {
            fprintf(f, "%s", g ? ", " : "");
            cs_cli_put_id(f, cs_datamatrix_id(o->m, (size_t)o->medoids[g]), fmt);
        }
        fprintf(f, "],\n \"labels\": [");
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "%s{\"id\": ", i ? ", " : "");
            cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
            fprintf(f, ", \"group\": %d}", o->labels[i] + 1);
        }
        fprintf(f, "]}\n");
        return 0;
    }
    fprintf(f,
            "k-medoids (%s) of %zu objects into %ld groups on %s distances: total deviation "
            "%.6f, %ld swaps\n",
            method_name(a->method), n, a->part.k, cs_metric_name(a->metric), o->info.objective,
            o->info.n_swaps);
    if (!isnan(o->silhouette))
        fprintf(f, "mean silhouette %.4f\n", o->silhouette);
    else if (o->sil_skipped)
        cs_cli_validity_note(f, "mean silhouette", a->validity);
    fprintf(f, "medoids:");
    for (long g = 0; g < a->part.k; g++) {
        fprintf(f, " %ld=", g + 1);
        cs_cli_put_text(f, "%s", cs_datamatrix_id(o->m, (size_t)o->medoids[g]));
    }
    fprintf(f, "\n\n%-24s %6s\n", "id", "group");
    for (size_t i = 0; i < n; i++) {
        cs_cli_put_text(f, "%-24s", cs_datamatrix_id(o->m, i));
        fprintf(f, " %6d\n", o->labels[i] + 1);
    }
    return 0;
}

static int parse(kmedoids_args *a, int argc, char **argv)
{
    static const struct option options[] = { CS_CLI_DATA_OPTIONS,
                                             { "k", required_argument, NULL, 'k' },
                                             { "seed", required_argument, NULL, 's' },
                                             { "n-init", required_argument, NULL, 'i' },
                                             { "distance", required_argument, NULL, 'd' },
                                             { "metric", required_argument, NULL, 'd' },
                                             { "method", required_argument, NULL, 'm' },
                                             { "init", required_argument, NULL, 'I' },
                                             { "scan", required_argument, NULL, 'S' },
                                             { "medoids", required_argument, NULL, 'E' },
                                             CS_CLI_VALIDITY_OPTIONS,
                                             { NULL, 0, NULL, 0 } };
    memset(a, 0, sizeof *a);
    cs_cli_data_args_init(&a->data);
    a->part.seed = 1;
    a->part.n_init = 0; /* 1 unless given; 0 tells --medoids it was not */
    a->metric = CS_METRIC_EUCLIDEAN;
    a->method = CS_KMEDOIDS_FASTERPAM;
    a->init = CS_KMEDOIDS_INIT_BUILD;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:k:", options, NULL)) != -1) {
        int rc = cs_cli_data_option(&a->data, "kmedoids", c, optarg);
        if (rc < 0)
            rc = cs_cli_partition_option(&a->part, "kmedoids", c, optarg);
        if (rc < 0)
            rc = cs_cli_validity_option(&a->validity, "kmedoids", c);
        if (rc >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'd':
            if (cs_cli_parse_metric(&a->metric, "kmedoids", optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'm':
            if (strcmp(optarg, "pam") == 0)
                a->method = CS_KMEDOIDS_PAM;
            else if (strcmp(optarg, "fasterpam") == 0)
                a->method = CS_KMEDOIDS_FASTERPAM;
            else
                return cs_cli_usage_error("kmedoids", "--method takes pam or fasterpam, not '%s'",
                                          optarg);
            break;
        case 'I':
            if (strcmp(optarg, "build") == 0)
                a->init = CS_KMEDOIDS_INIT_BUILD;
            else if (strcmp(optarg, "lab") == 0)
                a->init = CS_KMEDOIDS_INIT_LAB;
            else if (strcmp(optarg, "random") == 0)
                a->init = CS_KMEDOIDS_INIT_RANDOM;
            else
                return cs_cli_usage_error("kmedoids", "--init takes build, lab or random, not '%s'",
                                          optarg);
            a->init_set = 1;
            break;
        case 'E':
            a->medoids = optarg;
            break;
        default:
            return cs_cli_usage_error("kmedoids", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (a->medoids) {
        /* the file gives the one start */
        if (a->init_set)
            return cs_cli_usage_error("kmedoids", "--medoids is the start: drop --init");
        if (a->part.scan_hi)
            return cs_cli_usage_error("kmedoids", "--medoids gives the start of one k: drop "
                                                  "--scan");
        if (a->part.n_init > 1)
            return cs_cli_usage_error("kmedoids", "--medoids is one start (one run): drop "
                                                  "--n-init");
    } else if (!a->part.k == !a->part.scan_hi) {
        return cs_cli_usage_error("kmedoids", "give the number of groups (-k K) or a scan "
                                              "(--scan 2..8), one of them");
    }
    if (!a->part.n_init)
        a->part.n_init = 1;
    return cs_cli_data_file(&a->data, "kmedoids", argc, argv, optind);
}

/*
 * The initial medoids of --medoids: a header row, then one object id of the data per row in the
 * first column (other columns are ignored), all distinct. K is the -k given (0: the file's row
 * count). *OUT receives the object indices.
 */
static int read_medoids(int **out, long *k, const cs_datamatrix *m, const char *path,
                        const char *data_file, char delimiter)
{
    size_t n = cs_datamatrix_rows(m);
    cs_csv_table t;
    int rc = cs_service_read_table(&t, path, delimiter, CS_CLI_START_MAX_ROWS);
    if (rc)
        return rc;
    cs_keymap *ids = NULL;
    int *med = NULL;
    if (!rc && t.rows == 0)
        rc = cs_error_set(CS_EDATA, "%s: expected one object id per group, found none", path);
    if (!rc && *k && (size_t)*k != t.rows)
        rc = cs_error_set(CS_EDATA, "%s: expected k = %ld rows of medoids, found %zu", path, *k,
                          t.rows);
    if (!rc && (rc = cs_keymap_new(&ids)) == 0) {
        /* the data's ids (unique: cs_datamatrix_check) to their index */
        for (size_t i = 0; i < n && !rc; i++) {
            const char *id = cs_datamatrix_id(m, i);
            cs_keymap_value *v = cs_keymap_put(ids, id, strlen(id));
            if (!v)
                rc = CS_ENOMEM;
            else
                v->id = (int64_t)i;
        }
    }
    if (!rc) {
        med = malloc(t.rows * sizeof *med);
        if (!med)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t r = 1; !rc && r <= t.rows; r++) {
        const char *id = cs_csv_table_cell(&t, r, 0);
        cs_keymap_value *v = cs_keymap_get(ids, id, strlen(id));
        if (!v) {
            rc = cs_error_set(CS_EDATA,
                              "%s:%ld, column 1: expected an object id of %s, found "
                              "\"%s\"",
                              path, t.line[r], data_file, id);
        } else if (v->line) {
            rc = cs_error_set(CS_EDATA,
                              "%s:%ld, column 1: object \"%s\" is already a medoid "
                              "(line %ld); expected distinct ids",
                              path, t.line[r], id, v->line);
        } else {
            v->line = t.line[r];
            med[r - 1] = (int)v->id;
        }
    }
    if (!rc) {
        *k = (long)t.rows;
        *out = med;
        med = NULL;
    }
    free(med);
    cs_keymap_free(ids);
    cs_csv_table_free(&t);
    return rc;
}

int cs_cmd_kmedoids(int argc, char **argv)
{
    kmedoids_args a;
    int status = parse(&a, argc, argv);
    if (status)
        return status;
    cs_datamatrix *m = NULL;
    double *d = NULL, *scan = NULL, *x_owned = NULL;
    const double *x = NULL;
    int *labels = NULL, *medoids = NULL;
    kmedoids_out out;
    memset(&out, 0, sizeof out);
    out.a = &a;
    out.silhouette = NAN;
    int *start = NULL;
    int rc = cs_cli_load_data(&m, &a.data);
    size_t n = rc ? 0 : cs_datamatrix_rows(m);
    if (!rc && a.medoids)
        rc = read_medoids(&start, &a.part.k, m, a.medoids, a.data.file, a.data.delimiter);
    long kmax = a.part.k ? a.part.k : a.part.scan_hi;
    if (!rc && (size_t)kmax > n) {
        cs_datamatrix_free(m);
        free(start);
        return cs_cli_usage_error("kmedoids", "k = %ld is more than the %zu objects in %s", kmax, n,
                                  a.data.file);
    }
    cs_run_options run;
    cs_run_options_init(&run);
    run.max_memory = cs_cli_memory_limit(&a.data);
    run.n_threads = a.data.threads;
    /*
     * FasterPAM from given, LAB or random medoids on Euclidean distances computes each distance
     * as it scans (cs_kmedoids_euclidean, the same result byte for byte): no n(n-1)/2 matrix.
     * BUILD and PAM read every row many times, so they keep the matrix.
     */
    if (!rc && !a.part.scan_hi && a.metric == CS_METRIC_EUCLIDEAN &&
        a.method == CS_KMEDOIDS_FASTERPAM && (start || a.init != CS_KMEDOIDS_INIT_BUILD))
        rc = cs_cli_dense_euclidean(&x, &x_owned, m, a.data.unknown);
    if (!rc) {
        /*
         * the condensed distances (one matrix: the silhouette reads the same) or the data,
         * per-object bookkeeping (nearest, second nearest, per thread a row) and PAM's n x k
         * table
         */
        size_t dist = x ? n * cs_datamatrix_cols(m) * sizeof(double) : cs_distance_memory(n);
        size_t need = dist == SIZE_MAX ? SIZE_MAX : dist + n * (128 + 16 * (size_t)kmax);
        rc = cs_cli_memory_check(&a.data, need, "k-medoids");
    }
    if (!rc && !x) {
        cs_distance_options dopts;
        memset(&dopts, 0, sizeof dopts);
        dopts.unknown =
            a.data.unknown < 0 ? CS_UNKNOWN_PAIRWISE : (cs_unknown_policy)a.data.unknown;
        dopts.max_memory = run.max_memory;
        dopts.n_threads = a.data.threads;
        dopts.allow_constant = a.data.allow_constant;
        rc = cs_distance_condensed(&d, m, a.metric, &dopts);
        if (rc)
            cs_error_wrap("%s", a.data.file);
    }
    if (!rc) {
        labels = malloc(n * sizeof *labels);
        medoids = malloc((size_t)kmax * sizeof *medoids);
        if (!labels || !medoids)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    cs_kmedoids_params kp;
    cs_kmedoids_params_init(&kp, (int)kmax);
    kp.method = a.method;
    kp.init = a.init;
    kp.seed = a.part.seed;
    kp.n_init = (int)a.part.n_init;
    kp.init_medoids = start;
    /*
     * The silhouette is O(n^2) like every index of the validity policy, but where k-medoids has
     * built the n(n-1)/2 distances it reads and spent more than one pass over them, one more
     * pass costs less than the method, so the default computes it at any n (where the output
     * shows it); --no-validity turns it off. Without the matrix (x) the policy's rule holds.
     */
    int want_sil = (a.data.format != CS_FORMAT_CSV || a.part.scan_hi) &&
                   (x ? cs_cli_validity_wanted(a.validity, n) : a.validity != CS_CLI_VALIDITY_OFF);
    out.sil_skipped = !want_sil && a.data.format != CS_FORMAT_CSV &&
                      (a.part.scan_hi || (kmax >= 2 && (size_t)kmax < n));
    if (!rc && a.part.scan_hi) {
        int count = a.part.scan_hi - a.part.scan_lo + 1;
        scan = malloc((size_t)count * 2 * sizeof *scan);
        if (!scan)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        for (int k = a.part.scan_lo; !rc && k <= a.part.scan_hi; k++) {
            int i = k - a.part.scan_lo;
            kp.k = k;
            cs_kmedoids_info info;
            rc = cs_kmedoids(medoids, labels, &info, d, n, &kp, &run);
            scan[i] = info.objective;
            scan[count + i] = NAN;
            if (!rc && want_sil && k >= 2 && (size_t)k < n &&
                cs_silhouette_condensed(NULL, &scan[count + i], d, n, labels, k, &run))
                cs_error_clear();
            cs_cli_progress("kmedoids", (double)(i + 1) / count);
        }
        cs_cli_progress_end();
        out.scan_obj = scan;
        out.scan_sil = scan ? scan + count : NULL;
    } else if (!rc) {
        size_t p = cs_datamatrix_cols(m);
        rc = x ? cs_kmedoids_euclidean(medoids, labels, &out.info, x, n, p, &kp, &run)
               : cs_kmedoids(medoids, labels, &out.info, d, n, &kp, &run);
        if (!rc && want_sil && a.part.k >= 2 && (size_t)a.part.k < n &&
            (x ? cs_silhouette(NULL, &out.silhouette, x, n, p, labels, (int)a.part.k, &run)
               : cs_silhouette_condensed(NULL, &out.silhouette, d, n, labels, (int)a.part.k, &run)))
            cs_error_clear();
    }
    if (!rc) {
        out.m = m;
        out.n = n;
        out.labels = labels;
        out.medoids = medoids;
        rc = cs_cli_write(a.data.output, write_kmedoids, &out);
    }
    free(scan);
    free(start);
    free(x_owned);
    cs_typology_free(d);
    free(labels);
    free(medoids);
    cs_datamatrix_free(m);
    return rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
}
