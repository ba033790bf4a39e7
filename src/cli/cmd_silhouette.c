/*
 * cmd_silhouette.c: `clusterscope silhouette FILE`, silhouette widths of a partition of the
 * objects of a CSV data file (--labels, e.g. the CSV output of kmeans or kmedoids), or a scan of
 * k by mean silhouette with a linkage method or k-medoids (--scan).
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
    const char *labels;
    cs_cli_partition_args part;
    cs_metric metric;
    cs_classify_algorithm algorithm;
} silhouette_args;

typedef struct {
    const silhouette_args *a;
    const cs_datamatrix *m;
    size_t n;
    int k;
    const int *labels;
    const double *widths;
    double mean;
    const double *scan; /* mean silhouette per k of the scan */
    const int *scan_g;  /* groups found per k */
    const char *const *group_names;
} silhouette_out;

static int write_silhouette(FILE *f, void *ctx)
{
    const silhouette_out *o = ctx;
    const silhouette_args *a = o->a;
    cs_format fmt = a->data.format;
    if (o->scan) {
        int best = 0;
        for (int k = a->part.scan_lo; k <= a->part.scan_hi; k++) {
            int i = k - a->part.scan_lo;
            if (!isnan(o->scan[i]) && o->scan_g[i] == k &&
                (!best || o->scan[i] > o->scan[best - a->part.scan_lo]))
                best = k;
        }
        if (fmt == CS_FORMAT_CSV)
            fprintf(f, "k,groups,silhouette\n");
        else if (fmt == CS_FORMAT_JSON)
            fprintf(f, "{\"algorithm\": \"%s\", \"distance\": \"%s\", \"best_k\": %d, \"scan\": [",
                    cs_classify_algorithm_name(a->algorithm), cs_metric_name(a->metric), best);
        else
            fprintf(f,
                    "mean silhouette of %s%s partitions of %zu objects on %s distances\n%4s %7s "
                    "%12s\n",
                    cs_classify_algorithm_name(a->algorithm),
                    cs_classify_algorithm_is_hierarchical(a->algorithm) ? "-linkage" : "", o->n,
                    cs_metric_name(a->metric), "k", "groups", "silhouette");
        for (int k = a->part.scan_lo; k <= a->part.scan_hi; k++) {
            int i = k - a->part.scan_lo;
            if (fmt == CS_FORMAT_CSV) {
                fprintf(f, "%d,%d,", k, o->scan_g[i]);
                if (!isnan(o->scan[i]))
                    fprintf(f, "%.17g", o->scan[i]);
                fputc('\n', f);
            } else if (fmt == CS_FORMAT_JSON) {
                fprintf(f, "%s\n {\"k\": %d, \"groups\": %d, \"silhouette\": ", i ? "," : "", k,
                        o->scan_g[i]);
                cs_cli_put_num(f, o->scan[i]);
                fputc('}', f);
            } else {
                fprintf(f, "%4d %7d %12.4f\n", k, o->scan_g[i], o->scan[i]);
            }
        }
        if (fmt == CS_FORMAT_JSON)
            fprintf(f, "]}\n");
        else if (fmt == CS_FORMAT_TABLE) {
            if (best)
                fprintf(f, "best k: %d (highest mean silhouette; ties to the smaller k)\n", best);
            else
                fprintf(f, "best k: none (no k gives a defined silhouette)\n");
        }
        return 0;
    }
    size_t n = o->n;
    if (fmt == CS_FORMAT_CSV) {
        fprintf(f, "id,group,silhouette\n");
        for (size_t i = 0; i < n; i++) {
            cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
            fputc(',', f);
            cs_cli_put_id(f, o->group_names[o->labels[i]], fmt);
            fprintf(f, ",%.17g\n", o->widths[i]);
        }
        return 0;
    }
    if (fmt == CS_FORMAT_JSON) {
        fprintf(f, "{\"distance\": \"%s\", \"groups\": %d, \"mean\": ", cs_metric_name(a->metric),
                o->k);
        cs_cli_put_num(f, o->mean);
        fprintf(f, ",\n \"widths\": [");
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "%s{\"id\": ", i ? ", " : "");
            cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
            fprintf(f, ", \"group\": ");
            cs_cli_put_id(f, o->group_names[o->labels[i]], fmt);
            fprintf(f, ", \"silhouette\": ");
            cs_cli_put_num(f, o->widths[i]);
            fputc('}', f);
        }
        fprintf(f, "]}\n");
        return 0;
    }
    fprintf(f, "mean silhouette %.4f (%d groups, %zu objects, %s distances)\n\n%-24s %-12s %12s\n",
            o->mean, o->k, n, cs_metric_name(a->metric), "id", "group", "silhouette");
    for (size_t i = 0; i < n; i++) {
        cs_cli_put_text(f, "%-24s ", cs_datamatrix_id(o->m, i));
        cs_cli_put_text(f, "%-12s", o->group_names[o->labels[i]]);
        fprintf(f, " %12.4f\n", o->widths[i]);
    }
    return 0;
}

static int parse(silhouette_args *a, int argc, char **argv)
{
    static const struct option options[] = { CS_CLI_DATA_OPTIONS,
                                             { "labels", required_argument, NULL, 'l' },
                                             { "scan", required_argument, NULL, 'S' },
                                             { "distance", required_argument, NULL, 'd' },
                                             { "metric", required_argument, NULL, 'd' },
                                             { "algorithm", required_argument, NULL, 'a' },
                                             { "seed", required_argument, NULL, 's' },
                                             { NULL, 0, NULL, 0 } };
    memset(a, 0, sizeof *a);
    cs_cli_data_args_init(&a->data);
    a->metric = CS_METRIC_EUCLIDEAN;
    a->algorithm = CS_CLASSIFY_AVERAGE;
    a->part.seed = 1;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        int rc = cs_cli_data_option(&a->data, "silhouette", c, optarg);
        if (rc < 0)
            rc = cs_cli_partition_option(&a->part, "silhouette", c, optarg);
        if (rc >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'l':
            a->labels = optarg;
            break;
        case 'd':
            if (cs_cli_parse_metric(&a->metric, "silhouette", optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'a':
            if (cs_classify_algorithm_parse(&a->algorithm, optarg) ||
                a->algorithm == CS_CLASSIFY_KMEANS || a->algorithm == CS_CLASSIFY_KMODES) {
                cs_error_clear();
                return cs_cli_usage_error("silhouette",
                                          "--algorithm takes a linkage method (average, complete, "
                                          "single, weighted, ward, centroid, median), pam or "
                                          "fasterpam, not '%s' (kmeans --scan scans k-means)",
                                          optarg);
            }
            break;
        default:
            return cs_cli_usage_error("silhouette", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (!a->labels == !a->part.scan_hi)
        return cs_cli_usage_error("silhouette", "give a partition (--labels FILE) or a scan "
                                                "(--scan 2..8), one of them");
    if (a->part.scan_hi && a->part.scan_lo < 2)
        return cs_cli_usage_error("silhouette", "the silhouette needs at least 2 groups: scan "
                                                "from k = 2");
    if (a->part.scan_hi &&
        (a->algorithm == CS_CLASSIFY_WARD || a->algorithm == CS_CLASSIFY_CENTROID ||
         a->algorithm == CS_CLASSIFY_MEDIAN) &&
        a->metric != CS_METRIC_EUCLIDEAN)
        return cs_cli_usage_error(
            "silhouette", "%s linkage is defined for Euclidean distances only, not %s",
            cs_classify_algorithm_name(a->algorithm), cs_metric_name(a->metric));
    return cs_cli_data_file(&a->data, "silhouette", argc, argv, optind);
}

/* Reads the partition: a CSV with a header, the object id, then its group (any text). */
static int read_labels(int *labels, int *k, const char ***names, cs_datamatrix **lm,
                       const cs_datamatrix *m, const char *path)
{
    cs_var_type t = CS_VAR_NOMINAL;
    cs_datamatrix_csv_options o;
    memset(&o, 0, sizeof o);
    o.types = &t;
    o.ntypes = 1;
    int rc = cs_service_read_matrix(lm, path, &o);
    if (rc)
        return rc;
    size_t n = cs_datamatrix_rows(m), nl = cs_datamatrix_rows(*lm);
    if (cs_datamatrix_cols(*lm) != 1)
        return cs_error_set(CS_EDATA, "%s: expected two columns (id, group)", path);
    for (size_t i = 0; i < n; i++)
        labels[i] = -1;
    /* ids to rows through a hash map: a scan of the data per label would be O(n^2) */
    cs_keymap *ids = NULL;
    int rc2 = cs_keymap_new(&ids);
    for (size_t i = 0; i < n && !rc2; i++) {
        const char *id = cs_datamatrix_id(m, i);
        cs_keymap_value *v = cs_keymap_put(ids, id, strlen(id));
        if (!v)
            rc2 = CS_ENOMEM;
        else
            v->id = (int64_t)i;
    }
    for (size_t r = 0; r < nl && !rc2; r++) {
        const char *id = cs_datamatrix_id(*lm, r);
        cs_keymap_value *v = cs_keymap_get(ids, id, strlen(id));
        double g;
        if (!v)
            rc2 = cs_error_set(CS_EDATA, "%s: object \"%s\" is not in the data", path, id);
        else if (!cs_datamatrix_get(*lm, r, 0, &g))
            rc2 = cs_error_set(CS_EDATA, "%s: object \"%s\" has no group", path, id);
        else
            labels[(size_t)v->id] = (int)g;
    }
    cs_keymap_free(ids);
    if (rc2)
        return rc2;
    for (size_t i = 0; i < n; i++)
        if (labels[i] < 0)
            return cs_error_set(CS_EDATA, "%s: object \"%s\" of the data has no group", path,
                                cs_datamatrix_id(m, i));
    *k = (int)cs_datamatrix_nlevels(*lm, 0);
    *names = malloc((size_t)*k * sizeof **names + 1);
    if (!*names)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (int g = 0; g < *k; g++)
        (*names)[g] = cs_datamatrix_level(*lm, 0, (size_t)g);
    return 0;
}

static int scan_partition(int *labels, int *groups, const double *d, double *z, size_t n, int k,
                          const silhouette_args *a, const cs_run_options *run)
{
    if (cs_classify_algorithm_is_hierarchical(a->algorithm)) {
        int g = cs_linkage_cut_k(labels, z, n, (size_t)k);
        if (g < 0)
            return g;
        for (size_t i = 0; i < n; i++)
            labels[i]--;
        *groups = g;
        return 0;
    }
    cs_kmedoids_params kp;
    cs_kmedoids_params_init(&kp, k);
    kp.method = a->algorithm == CS_CLASSIFY_PAM ? CS_KMEDOIDS_PAM : CS_KMEDOIDS_FASTERPAM;
    kp.seed = a->part.seed;
    int *medoids = malloc((size_t)k * sizeof *medoids);
    if (!medoids)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = cs_kmedoids(medoids, labels, NULL, d, n, &kp, run);
    free(medoids);
    *groups = k;
    return rc;
}

int cs_cmd_silhouette(int argc, char **argv)
{
    silhouette_args a;
    int status = parse(&a, argc, argv);
    if (status)
        return status;
    cs_datamatrix *m = NULL, *lm = NULL;
    double *d = NULL, *widths = NULL, *z = NULL, *scan = NULL, *x_owned = NULL;
    const double *x = NULL;
    int *labels = NULL, *scan_g = NULL;
    const char **names = NULL;
    silhouette_out out;
    memset(&out, 0, sizeof out);
    out.a = &a;
    int rc = cs_cli_load_data(&m, &a.data);
    size_t n = rc ? 0 : cs_datamatrix_rows(m);
    if (!rc && a.part.scan_hi && (size_t)a.part.scan_hi > n - 1) {
        cs_datamatrix_free(m);
        return cs_cli_usage_error("silhouette",
                                  "k = %d: the silhouette needs at most n - 1 = %zu groups",
                                  a.part.scan_hi, n - 1);
    }
    if (!rc && a.part.scan_hi &&
        (a.algorithm == CS_CLASSIFY_WARD || a.algorithm == CS_CLASSIFY_CENTROID ||
         a.algorithm == CS_CLASSIFY_MEDIAN) &&
        cs_datamatrix_unknowns(m) && a.data.unknown != CS_UNKNOWN_AS_ZERO) {
        cs_datamatrix_free(m);
        return cs_cli_usage_error("silhouette",
                                  "%s linkage needs Euclidean distances; with unknown cells use "
                                  "--unknown as-zero or another method",
                                  cs_classify_algorithm_name(a.algorithm));
    }
    cs_run_options run;
    cs_run_options_init(&run);
    run.max_memory = cs_cli_memory_limit(&a.data);
    run.n_threads = a.data.threads;
    /* the silhouette of given labels on Euclidean distances computes each distance as it goes
     * (cs_silhouette, O(n p) memory, the same widths): no n(n-1)/2 matrix */
    if (!rc && a.labels && a.metric == CS_METRIC_EUCLIDEAN)
        rc = cs_cli_dense_euclidean(&x, &x_owned, m, a.data.unknown);
    if (!rc) {
        /* the condensed distances (or the data); a linkage scan also takes its working copy */
        size_t dist = x ? n * cs_datamatrix_cols(m) * sizeof(double) : cs_distance_memory(n);
        int copies = a.part.scan_hi && cs_classify_algorithm_is_hierarchical(a.algorithm) ? 2 : 1;
        size_t need = dist == SIZE_MAX ? SIZE_MAX : copies * dist + n * 64;
        rc = cs_cli_memory_check(&a.data, need, "the silhouette");
    }
    if (!rc) {
        labels = malloc(n * sizeof *labels);
        widths = malloc(n * sizeof *widths);
        if (!labels || !widths)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc && a.labels)
        rc = read_labels(labels, &out.k, &names, &lm, m, a.labels);
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
    if (!rc && a.labels) {
        if (out.k < 2 || (size_t)out.k > n - 1)
            rc = cs_error_set(CS_EDATA,
                              "%s: %d groups; the silhouette needs between 2 and n - 1 = %zu",
                              a.labels, out.k, n - 1);
        else if (x)
            rc = cs_silhouette(widths, &out.mean, x, n, cs_datamatrix_cols(m), labels, out.k, &run);
        else
            rc = cs_silhouette_condensed(widths, &out.mean, d, n, labels, out.k, &run);
    } else if (!rc) {
        int count = a.part.scan_hi - a.part.scan_lo + 1;
        scan = malloc((size_t)count * sizeof *scan);
        scan_g = malloc((size_t)count * sizeof *scan_g);
        if (!scan || !scan_g)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        if (!rc && cs_classify_algorithm_is_hierarchical(a.algorithm)) {
            z = malloc((n - 1) * 4 * sizeof *z);
            cs_linkage_options lo;
            memset(&lo, 0, sizeof lo);
            lo.max_memory = run.max_memory;
            lo.n_threads = a.data.threads;
            rc = z ? cs_linkage(z, d, n, (cs_linkage_method)a.algorithm, &lo)
                   : cs_error_set(CS_ENOMEM, "out of memory");
        }
        for (int k = a.part.scan_lo; !rc && k <= a.part.scan_hi; k++) {
            int i = k - a.part.scan_lo, g = 0;
            rc = scan_partition(labels, &g, d, z, n, k, &a, &run);
            scan[i] = NAN;
            scan_g[i] = g;
            if (!rc && g >= 2 && cs_silhouette_condensed(NULL, &scan[i], d, n, labels, g, &run))
                cs_error_clear();
            cs_cli_progress("silhouette", (double)(i + 1) / count);
        }
        cs_cli_progress_end();
        out.scan = scan;
        out.scan_g = scan_g;
    }
    if (!rc) {
        out.m = m;
        out.n = n;
        out.labels = labels;
        out.widths = widths;
        out.group_names = names;
        rc = cs_cli_write(a.data.output, write_silhouette, &out);
    }
    cs_typology_free(d);
    free(x_owned);
    free(z);
    free(scan);
    free(scan_g);
    free(widths);
    free(labels);
    free(names);
    cs_datamatrix_free(lm);
    cs_datamatrix_free(m);
    return rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
}
