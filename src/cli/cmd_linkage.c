/*
 * cmd_linkage.c: `clusterscope linkage FILE`, hierarchical linkage of the objects of a CSV data
 * file: the (n-1) x 4 linkage matrix in SciPy's convention, cuts into groups by number or
 * height, and the cophenetic correlation.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "util/atomic_file.h"
#include "util/number.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clusterscope/partition.h"

/* ------------------------------------------------------------------------------------------ */
/* linkage                                                                                     */

typedef struct {
    cs_cli_data_args data;
    cs_linkage_method method;
    cs_metric metric;
    int metric_set;
    long k;
    double height;
    int cut_height, cophenetic;
    cs_cli_validity validity;
} linkage_args;

typedef struct {
    const linkage_args *a;
    const cs_datamatrix *m;
    size_t n;
    const double *z;
    const int *labels;
    int groups;
    double coph;
    int coph_skipped; /* the validity policy left the cophenetic correlation out */
} linkage_out;

static void print_height(FILE *f, double h)
{
    fprintf(f, "%.17g", h);
}

static int write_linkage(FILE *f, void *ctx)
{
    const linkage_out *o = ctx;
    const linkage_args *a = o->a;
    size_t n = o->n;
    cs_format fmt = a->data.format;
    if (a->cophenetic) {
        if (fmt == CS_FORMAT_JSON) {
            fprintf(f, "{\"cophenetic_correlation\": ");
            print_height(f, o->coph);
            fprintf(f, "}\n");
        } else if (fmt == CS_FORMAT_CSV) {
            fprintf(f, "cophenetic_correlation\n");
            print_height(f, o->coph);
            fputc('\n', f);
        } else {
            fprintf(f, "cophenetic correlation: %.6f (%s linkage, %s distances, %zu objects)\n",
                    o->coph, cs_linkage_method_name(a->method), cs_metric_name(a->metric), n);
        }
        return 0;
    }
    if (o->labels) {
        if (fmt == CS_FORMAT_JSON) {
            fprintf(f, "{\"groups\": %d, \"labels\": [", o->groups);
            for (size_t i = 0; i < n; i++) {
                fputs(i ? ", {\"id\": " : "{\"id\": ", f);
                cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
                fprintf(f, ", \"group\": %d}", o->labels[i]);
            }
            fprintf(f, "]}\n");
        } else {
            fprintf(f, fmt == CS_FORMAT_CSV ? "id,group\n" : "%d groups\n", o->groups);
            for (size_t i = 0; i < n; i++) {
                cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
                fprintf(f, fmt == CS_FORMAT_CSV ? ",%d\n" : "  %d\n", o->labels[i]);
            }
        }
        return 0;
    }
    const double *z = o->z;
    if (fmt == CS_FORMAT_CSV) {
        fprintf(f, "left,right,height,size\n");
        for (size_t r = 0; r + 1 < n; r++) {
            fprintf(f, "%.0f,%.0f,", z[4 * r], z[4 * r + 1]);
            print_height(f, z[4 * r + 2]);
            fprintf(f, ",%.0f\n", z[4 * r + 3]);
        }
    } else if (fmt == CS_FORMAT_JSON) {
        fprintf(f, "{\"method\": \"%s\", \"distance\": \"%s\", \"objects\": [",
                cs_linkage_method_name(a->method), cs_metric_name(a->metric));
        for (size_t i = 0; i < n; i++) {
            if (i)
                fputs(", ", f);
            cs_cli_put_id(f, cs_datamatrix_id(o->m, i), fmt);
        }
        fprintf(f, "],\n \"linkage\": [");
        for (size_t r = 0; r + 1 < n; r++) {
            fprintf(f, "%s\n  [%.0f, %.0f, ", r ? "," : "", z[4 * r], z[4 * r + 1]);
            print_height(f, z[4 * r + 2]);
            fprintf(f, ", %.0f]", z[4 * r + 3]);
        }
        fprintf(f, "],\n \"cophenetic_correlation\": ");
        if (isnan(o->coph))
            fprintf(f, "null");
        else
            print_height(f, o->coph);
        fprintf(f, "}\n");
    } else {
        fprintf(f,
                "%s linkage of %zu objects on %s distances (SciPy's linkage matrix: node n+i "
                "is row i)\n",
                cs_linkage_method_name(a->method), n, cs_metric_name(a->metric));
        fprintf(f, "%6s %8s %8s %14s %8s\n", "row", "left", "right", "height", "size");
        for (size_t r = 0; r + 1 < n; r++)
            fprintf(f, "%6zu %8.0f %8.0f %14.6f %8.0f\n", r, z[4 * r], z[4 * r + 1], z[4 * r + 2],
                    z[4 * r + 3]);
        if (!isnan(o->coph))
            fprintf(f, "cophenetic correlation: %.6f\n", o->coph);
        else if (o->coph_skipped)
            cs_cli_validity_note(f, "cophenetic correlation", a->validity);
    }
    return 0;
}

static int parse_linkage(linkage_args *a, int argc, char **argv)
{
    static const struct option options[] = { CS_CLI_DATA_OPTIONS,
                                             { "method", required_argument, NULL, 'm' },
                                             { "distance", required_argument, NULL, 'd' },
                                             { "metric", required_argument, NULL, 'd' },
                                             { "k", required_argument, NULL, 'k' },
                                             { "height", required_argument, NULL, 'h' },
                                             { "cophenetic", no_argument, NULL, 'c' },
                                             CS_CLI_VALIDITY_OPTIONS,
                                             { NULL, 0, NULL, 0 } };
    memset(a, 0, sizeof *a);
    cs_cli_data_args_init(&a->data);
    a->method = CS_LINKAGE_AVERAGE;
    a->metric = CS_METRIC_EUCLIDEAN;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:k:", options, NULL)) != -1) {
        int rc = cs_cli_data_option(&a->data, "linkage", c, optarg);
        if (rc < 0)
            rc = cs_cli_validity_option(&a->validity, "linkage", c);
        if (rc >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'm':
            if (cs_linkage_method_parse(&a->method, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error("linkage",
                                          "--method takes single, complete, average, weighted, "
                                          "ward, centroid or median, not '%s'",
                                          optarg);
            }
            break;
        case 'd':
            if (cs_cli_parse_metric(&a->metric, "linkage", optarg))
                return CS_CLI_EXIT_USAGE;
            a->metric_set = 1;
            break;
        case 'k':
            if (cs_cli_parse_long(&a->k, "linkage", "-k", optarg, 1, 1000000000))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'h':
            if (cs_number_read(&a->height, optarg, strlen(optarg), 0) || a->height < 0)
                return cs_cli_usage_error("linkage", "--height takes a number >= 0, not '%s'",
                                          optarg);
            a->cut_height = 1;
            break;
        case 'c':
            a->cophenetic = 1;
            break;
        default:
            return cs_cli_usage_error("linkage", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (a->k && a->cut_height)
        return cs_cli_usage_error("linkage", "cut by -k or by --height, not both");
    if (a->cophenetic && (a->k || a->cut_height))
        return cs_cli_usage_error("linkage", "--cophenetic does not cut: drop -k or --height");
    if (a->cophenetic && a->validity == CS_CLI_VALIDITY_OFF)
        return cs_cli_usage_error("linkage", "--cophenetic asks for the index --no-validity "
                                             "turns off: give one of them");
    return cs_cli_data_file(&a->data, "linkage", argc, argv, optind);
}

int cs_cmd_linkage(int argc, char **argv)
{
    linkage_args a;
    int status = parse_linkage(&a, argc, argv);
    if (status)
        return status;
    if ((a.method == CS_LINKAGE_WARD || a.method == CS_LINKAGE_CENTROID ||
         a.method == CS_LINKAGE_MEDIAN) &&
        a.metric != CS_METRIC_EUCLIDEAN)
        return cs_cli_usage_error("linkage",
                                  "%s linkage is defined for Euclidean distances only, not %s",
                                  cs_linkage_method_name(a.method), cs_metric_name(a.metric));
    cs_datamatrix *m = NULL;
    double *z = NULL;
    int *labels = NULL;
    linkage_out out = { &a, NULL, 0, NULL, NULL, 0, NAN, 0 };
    int rc = cs_cli_load_data(&m, &a.data);
    size_t n = rc ? 0 : cs_datamatrix_rows(m);
    if (!rc && a.k > 0 && (size_t)a.k > n) {
        cs_datamatrix_free(m);
        return cs_cli_usage_error("linkage", "-k %ld is more than the %zu objects in %s", a.k, n,
                                  a.data.file);
    }
    if (!rc &&
        (a.method == CS_LINKAGE_WARD || a.method == CS_LINKAGE_CENTROID ||
         a.method == CS_LINKAGE_MEDIAN) &&
        cs_datamatrix_unknowns(m) && a.data.unknown != CS_UNKNOWN_AS_ZERO) {
        cs_datamatrix_free(m);
        return cs_cli_usage_error("linkage",
                                  "%s linkage needs Euclidean distances; with unknown cells the "
                                  "pairwise distances are not Euclidean: use --unknown as-zero or "
                                  "another method",
                                  cs_linkage_method_name(a.method));
    }
    /*
     * The cophenetic correlation is the one index here, O(n^2): computed when asked
     * (--cophenetic), else by the validity policy when the output shows it (the table and JSON
     * of the linkage matrix; not a cut, not CSV).
     */
    int want_coph = a.cophenetic || (!a.k && !a.cut_height && a.data.format != CS_FORMAT_CSV &&
                                     cs_cli_validity_wanted(a.validity, n));
    out.coph_skipped = !rc && !want_coph && !a.k && !a.cut_height;
    if (!rc) {
        /*
         * One condensed matrix (none for Ward from CS_WARD_VECTOR_MIN objects on: it works on
         * centroids in O(n p), as fastcluster.linkage_vector): the linkage computes the
         * distances into its working matrix and consumes it; the cophenetic correlation recomputes
         * them row by row afterwards (cs_cophenetic_correlation_data, O(n) memory). Then the
         * linkage matrix, the cut's labels, and the correlation's blocks of rows.
         */
        size_t lk = cs_linkage_memory(n, a.method, 1, NULL);
        size_t extra = 4 * n * sizeof(double) + n * sizeof(int) + 4 * n * sizeof(size_t);
        if (want_coph)
            extra += 66 * n * sizeof(double);
        size_t need = lk == SIZE_MAX || lk > SIZE_MAX - extra ? SIZE_MAX : lk + extra;
        rc = cs_cli_memory_check(&a.data, need, "the linkage");
    }
    cs_distance_options dopts;
    memset(&dopts, 0, sizeof dopts);
    dopts.unknown = a.data.unknown < 0 ? CS_UNKNOWN_PAIRWISE : (cs_unknown_policy)a.data.unknown;
    dopts.max_memory = cs_cli_memory_limit(&a.data);
    dopts.n_threads = a.data.threads;
    dopts.allow_constant = a.data.allow_constant;
    if (!rc) {
        z = malloc((n - 1) * 4 * sizeof *z);
        if (!z)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc) {
        cs_linkage_options lo;
        memset(&lo, 0, sizeof lo);
        lo.max_memory = cs_cli_memory_limit(&a.data);
        lo.n_threads = a.data.threads;
        rc = cs_linkage_data(z, m, a.metric, a.method, &dopts, &lo);
        if (rc)
            cs_error_wrap("%s", a.data.file);
    }
    if (!rc && (a.k || a.cut_height)) {
        labels = malloc(n * sizeof *labels);
        if (!labels)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        else {
            int g = a.k ? cs_linkage_cut_k(labels, z, n, (size_t)a.k)
                        : cs_linkage_cut_height(labels, z, n, a.height);
            if (g < 0)
                rc = g;
            out.groups = g;
        }
    }
    if (!rc && want_coph && n >= 3) {
        double r = NAN;
        int crc = cs_cophenetic_correlation_data(&r, z, m, a.metric, &dopts);
        if (crc && a.cophenetic)
            rc = crc;
        else if (crc)
            cs_error_clear();
        out.coph = r;
    } else if (!rc && a.cophenetic) {
        rc = cs_error_set(CS_EDATA, "%s: the cophenetic correlation needs at least 3 objects",
                          a.data.file);
    }
    if (!rc) {
        out.m = m;
        out.n = n;
        out.z = z;
        out.labels = labels;
        rc = cs_cli_write(a.data.output, write_linkage, &out);
    }
    free(z);
    free(labels);
    cs_datamatrix_free(m);
    return rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
}
