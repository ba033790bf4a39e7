/*
 * cmd_linkage.c: `clusterscope linkage FILE`, hierarchical linkage of the objects of a CSV data
 * file: the (n-1) x 4 linkage matrix in SciPy's convention, cuts into groups by number or
 * height, and the cophenetic correlation. Also the helpers every typology command shares
 * (declared in cli.h): option parsing, progress on a terminal, atomic output, loading data.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "util/atomic_file.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* typology.h (through cli.h) and partition.h both define cs_condensed_index, identically */
#define cs_condensed_index cs_condensed_index_partition_h
#include "clusterscope/partition.h"
#undef cs_condensed_index

/* ------------------------------------------------------------------------------------------ */
/* Shared helpers                                                                              */

int cs_cli_parse_format(cs_format *out, const char *cmd, const char *arg)
{
    if (strcmp(arg, "table") == 0)
        *out = CS_FORMAT_TABLE;
    else if (strcmp(arg, "csv") == 0)
        *out = CS_FORMAT_CSV;
    else if (strcmp(arg, "json") == 0)
        *out = CS_FORMAT_JSON;
    else
        return cs_cli_usage_error(cmd, "--format takes table, csv or json, not '%s'", arg);
    return 0;
}

int cs_cli_parse_long(long *out, const char *cmd, const char *option, const char *arg, long lo,
                      long hi)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end || errno || v < lo || v > hi)
        return cs_cli_usage_error(cmd, "%s takes a whole number from %ld to %ld, not '%s'", option,
                                  lo, hi, arg);
    *out = v;
    return 0;
}

int cs_cli_parse_seed(uint64_t *out, const char *cmd, const char *arg)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (!*arg || *end || errno || arg[0] == '-' || v > (unsigned long long)INT64_MAX)
        return cs_cli_usage_error(cmd, "--seed takes a whole number from 0 to 2^63-1, not '%s'",
                                  arg);
    *out = (uint64_t)v;
    return 0;
}

int cs_cli_parse_size(size_t *out, const char *cmd, const char *arg)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(arg, &end);
    double mult = 1;
    if (end && *end) {
        switch (*end) {
        case 'k':
        case 'K':
            mult = 1024.0;
            break;
        case 'm':
        case 'M':
            mult = 1024.0 * 1024;
            break;
        case 'g':
        case 'G':
            mult = 1024.0 * 1024 * 1024;
            break;
        case 't':
        case 'T':
            mult = 1024.0 * 1024 * 1024 * 1024;
            break;
        default:
            mult = 0;
        }
        if (mult > 0) {
            end++;
            if (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0 || *end == '\0')
                end += strlen(end);
        }
    }
    if (!*arg || !end || *end || errno || mult == 0 || !(v > 0) || !isfinite(v) ||
        v * mult >= 18446744073709551615.0)
        return cs_cli_usage_error(cmd,
                                  "--max-memory takes a size such as 512M, 2G or 1500000 (bytes), "
                                  "not '%s'",
                                  arg);
    *out = (size_t)(v * mult);
    return 0;
}

int cs_cli_parse_range(int *lo, int *hi, const char *cmd, const char *arg)
{
    char *end = NULL;
    long a = strtol(arg, &end, 10), b;
    if (end != arg && strncmp(end, "..", 2) == 0) {
        const char *rest = end + 2;
        b = strtol(rest, &end, 10);
        if (end == rest)
            end = NULL;
    } else {
        b = a;
        a = 2;
    }
    if (!end || *end || end == arg || a < 1 || b < a || b > 1000000)
        return cs_cli_usage_error(cmd, "--scan takes a range of k such as 2..8, not '%s'", arg);
    *lo = (int)a;
    *hi = (int)b;
    return 0;
}

static int progress_pct = -1;

void cs_cli_progress(void *ctx, double fraction)
{
    if (!isatty(STDERR_FILENO))
        return;
    int pct = (int)(fraction * 100.0);
    pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
    if (pct == progress_pct)
        return;
    progress_pct = pct;
    fprintf(stderr, "\r%s: %3d%%", (const char *)ctx, pct);
    fflush(stderr);
}

void cs_cli_progress_end(void)
{
    if (progress_pct >= 0 && isatty(STDERR_FILENO)) {
        fprintf(stderr, "\r%40s\r", "");
        fflush(stderr);
    }
    progress_pct = -1;
}

int cs_cli_write(const char *path, int (*fn)(FILE *f, void *ctx), void *ctx)
{
    if (!path) {
        int rc = fn(stdout, ctx);
        if (!rc && fflush(stdout) != 0)
            rc = cs_error_set(CS_EIO, "writing to standard output failed");
        return rc;
    }
    cs_atomic_file *af = NULL;
    int rc = cs_atomic_file_open(&af, path);
    if (rc)
        return rc;
    rc = fn(cs_atomic_file_stream(af), ctx);
    if (rc) {
        cs_atomic_file_abort(af);
        return rc;
    }
    return cs_atomic_file_commit(af);
}

void cs_cli_data_args_init(cs_cli_data_args *a)
{
    memset(a, 0, sizeof *a);
    a->unknown = -1;
}

int cs_cli_data_option(cs_cli_data_args *a, const char *cmd, int code, const char *arg)
{
    long v;
    switch (code) {
    case 'T':
        a->types = arg;
        return 0;
    case 'D':
        if (strcmp(arg, ",") == 0 || strcmp(arg, ";") == 0)
            a->delimiter = arg[0];
        else if (strcmp(arg, "tab") == 0 || strcmp(arg, "\t") == 0)
            a->delimiter = '\t';
        else
            return cs_cli_usage_error(cmd, "--delimiter takes ',', ';' or 'tab', not '%s'", arg);
        return 0;
    case 'U': {
        cs_unknown_policy p;
        if (cs_unknown_policy_parse(&p, arg)) {
            cs_error_clear();
            return cs_cli_usage_error(cmd, "--unknown takes pairwise, error or as-zero, not '%s'",
                                      arg);
        }
        a->unknown = (int)p;
        return 0;
    }
    case 'F':
        return cs_cli_parse_format(&a->format, cmd, arg);
    case 'o':
        a->output = arg;
        return 0;
    case 'M':
        return cs_cli_parse_size(&a->max_memory, cmd, arg);
    case 'C':
        a->allow_constant = 1;
        return 0;
    case 'J':
        if (cs_cli_parse_long(&v, cmd, "--threads", arg, 0, 4096))
            return CS_CLI_EXIT_USAGE;
        a->threads = (int)v;
        return 0;
    default:
        return -1;
    }
}

int cs_cli_data_file(cs_cli_data_args *a, const char *cmd, int argc, char **argv, int optind_)
{
    if (optind_ >= argc)
        return cs_cli_usage_error(cmd, "no data file given");
    if (optind_ + 1 < argc)
        return cs_cli_usage_error(cmd, "one data file only, found also '%s'", argv[optind_ + 1]);
    a->file = argv[optind_];
    return 0;
}

size_t cs_cli_memory_limit(const cs_cli_data_args *a)
{
    return a->max_memory ? a->max_memory : cs_default_memory_limit();
}

int cs_cli_memory_check(const cs_cli_data_args *a, size_t bytes, const char *what)
{
    size_t limit = cs_cli_memory_limit(a);
    if (bytes == SIZE_MAX || bytes > limit)
        return cs_error_set(CS_ENOMEM,
                            "%s needs about %.1f MiB, over the memory limit of %.1f MiB (raise "
                            "it with --max-memory, or use fewer objects)",
                            what, bytes == SIZE_MAX ? INFINITY : (double)bytes / 1048576.0,
                            (double)limit / 1048576.0);
    return 0;
}

static int parse_types(cs_var_type **out, size_t *n, const char *text)
{
    size_t count = 1;
    for (const char *p = text; *p; p++)
        count += *p == ',';
    cs_var_type *t = malloc(count * sizeof *t);
    char *copy = strdup(text);
    if (!t || !copy) {
        free(t);
        free(copy);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    size_t i = 0;
    char *save = NULL;
    int rc = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save))
        rc = cs_var_type_parse(&t[i++], tok);
    free(copy);
    if (!rc && i != count)
        rc = cs_error_set(CS_EUSAGE, "--types: an empty type in '%s'", text);
    if (rc) {
        free(t);
        return rc;
    }
    *out = t;
    *n = i;
    return 0;
}

/* Reads the header only: the number of data columns. */
static int count_columns(size_t *p, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cs_error_set(CS_EIO, "%s: cannot open: %s", path, strerror(errno));
    char line[65536];
    size_t n = 0;
    if (fgets(line, sizeof line, f)) {
        int quoted = 0;
        char delim = 0;
        for (char *c = line; *c && *c != '\n' && *c != '\r'; c++) {
            if (*c == '"')
                quoted = !quoted;
            else if (!quoted && !delim && (*c == ',' || *c == ';' || *c == '\t'))
                delim = *c;
            if (!quoted && *c == delim)
                n++;
        }
    }
    fclose(f);
    *p = n; /* fields - 1 */
    return 0;
}

int cs_cli_load_data(cs_datamatrix **out, const cs_cli_data_args *a)
{
    *out = NULL;
    struct stat sb;
    if (stat(a->file, &sb) != 0)
        return cs_error_set(CS_EIO, "%s: cannot open: %s", a->file, strerror(errno));
    /* the reader keeps every cell as a string until it has typed the columns: about six times
     * the file */
    size_t bytes = (size_t)sb.st_size;
    int rc = cs_cli_memory_check(a, bytes > SIZE_MAX / 6 ? SIZE_MAX : bytes * 6 + (1 << 20),
                                 "reading the data file");
    if (rc)
        return cs_error_wrap("%s", a->file);
    cs_datamatrix_csv_options o;
    memset(&o, 0, sizeof o);
    o.delimiter = a->delimiter;
    cs_var_type *types = NULL;
    size_t ntypes = 0;
    if (a->types) {
        if ((rc = parse_types(&types, &ntypes, a->types)))
            return rc;
        if (ntypes == 1) {
            /* one type for every data column */
            size_t p = 0;
            if ((rc = count_columns(&p, a->file))) {
                free(types);
                return rc;
            }
            if (p > 1) {
                cs_var_type *all = malloc(p * sizeof *all);
                if (!all) {
                    free(types);
                    return cs_error_set(CS_ENOMEM, "out of memory");
                }
                for (size_t j = 0; j < p; j++)
                    all[j] = types[0];
                free(types);
                types = all;
                ntypes = p;
            }
        }
        o.types = types;
        o.ntypes = ntypes;
    }
    rc = cs_datamatrix_read_csv(out, a->file, &o);
    free(types);
    if (!rc && (rc = cs_datamatrix_check(*out))) {
        cs_error_wrap("%s", a->file);
        cs_datamatrix_free(*out);
        *out = NULL;
    }
    return rc;
}

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
} linkage_args;

typedef struct {
    const linkage_args *a;
    const cs_datamatrix *m;
    size_t n;
    const double *z;
    const int *labels;
    int groups;
    double coph;
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
                json_t *id = json_string(cs_datamatrix_id(o->m, i));
                char *s = json_dumps(id, JSON_ENCODE_ANY);
                fprintf(f, "%s{\"id\": %s, \"group\": %d}", i ? ", " : "", s ? s : "null",
                        o->labels[i]);
                free(s);
                json_decref(id);
            }
            fprintf(f, "]}\n");
        } else {
            fprintf(f, fmt == CS_FORMAT_CSV ? "id,group\n" : "%d groups\n", o->groups);
            for (size_t i = 0; i < n; i++) {
                const char *id = cs_datamatrix_id(o->m, i);
                if (fmt == CS_FORMAT_CSV && strpbrk(id, ",\"\n\r")) {
                    fputc('"', f);
                    for (const char *p = id; *p; p++)
                        fprintf(f, *p == '"' ? "\"\"" : "%c", *p);
                    fputc('"', f);
                } else {
                    fputs(id, f);
                }
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
            json_t *id = json_string(cs_datamatrix_id(o->m, i));
            char *s = json_dumps(id, JSON_ENCODE_ANY);
            fprintf(f, "%s%s", i ? ", " : "", s ? s : "null");
            free(s);
            json_decref(id);
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
        if (rc >= 0) {
            if (rc)
                return rc;
            continue;
        }
        char *end = NULL;
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
            if (cs_metric_parse(&a->metric, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error("linkage",
                                          "--distance takes euclidean, sqeuclidean, cityblock, "
                                          "chebyshev, cosine, hamming, jaccard, dice, "
                                          "rogerstanimoto or gower, not '%s'",
                                          optarg);
            }
            a->metric_set = 1;
            break;
        case 'k':
            if (cs_cli_parse_long(&a->k, "linkage", "-k", optarg, 1, 1000000000))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'h':
            errno = 0;
            a->height = strtod(optarg, &end);
            if (!*optarg || *end || errno || !isfinite(a->height) || a->height < 0)
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
    double *d = NULL, *z = NULL;
    int *labels = NULL;
    linkage_out out = { &a, NULL, 0, NULL, NULL, 0, NAN };
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
    if (!rc) {
        size_t need = cs_distance_memory(n);
        size_t lk = cs_linkage_memory(n, a.method, 0, NULL);
        need = need == SIZE_MAX || lk == SIZE_MAX ? SIZE_MAX : need + lk + 4 * n * sizeof(double);
        if (a.cophenetic && need != SIZE_MAX)
            need += cs_distance_memory(n);
        rc = cs_cli_memory_check(&a.data, need, "the linkage");
    }
    if (!rc) {
        cs_distance_options dopts;
        memset(&dopts, 0, sizeof dopts);
        dopts.unknown =
            a.data.unknown < 0 ? CS_UNKNOWN_PAIRWISE : (cs_unknown_policy)a.data.unknown;
        dopts.max_memory = cs_cli_memory_limit(&a.data);
        dopts.nthreads = a.data.threads;
        dopts.allow_constant = a.data.allow_constant;
        rc = cs_distance_condensed(&d, m, a.metric, &dopts);
        if (rc)
            cs_error_wrap("%s", a.data.file);
    }
    if (!rc) {
        z = malloc((n - 1) * 4 * sizeof *z);
        if (!z)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc) {
        cs_linkage_options lo;
        memset(&lo, 0, sizeof lo);
        lo.max_memory = cs_cli_memory_limit(&a.data);
        lo.nthreads = a.data.threads;
        rc = cs_linkage(z, d, n, a.method, &lo);
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
    if (!rc && n >= 3) {
        double r = NAN;
        int crc = cs_cophenetic_correlation(&r, NULL, z, d, n);
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
    cs_typology_free(d);
    free(z);
    free(labels);
    cs_datamatrix_free(m);
    return rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
}
