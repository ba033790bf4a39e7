/*
 * matrix_args.c: what the commands on a data matrix (linkage, kmeans, kmedoids, kmodes,
 * silhouette, classify) share, declared in cli.h: option parsing, progress on a terminal, atomic
 * output, loading a CSV data file within a memory limit, and writing ids and numbers.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "util/atomic_file.h"
#include "util/number.h"
#include "util/textout.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clusterscope/partition.h"

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
    /* the number by the rule of every reader (no hexadecimal, inf or nan), then a unit */
    size_t len = strspn(arg, "0123456789.eE+-");
    while (len && (arg[len - 1] == 'e' || arg[len - 1] == 'E'))
        len--; /* "1e" is no number; the unit cannot be e, so this only shortens bad input */
    double v = 0;
    const char *end = cs_number_read(&v, arg, len, 0) ? NULL : arg + len;
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
    if (!*arg || !end || *end || mult == 0 || !(v > 0) || !isfinite(v) ||
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
static int progress_width; /* of the line last shown, so that the end clears all of it */

void cs_cli_progress(void *ctx, double fraction)
{
    if (!isatty(STDERR_FILENO))
        return;
    int pct = (int)(fraction * 100.0);
    pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
    if (pct == progress_pct)
        return;
    progress_pct = pct;
    int width = fprintf(stderr, "\r%s: %3d%%", (const char *)ctx, pct) - 1;
    if (width > progress_width)
        progress_width = width;
    fflush(stderr);
}

void cs_cli_progress_end(void)
{
    if (progress_pct >= 0 && isatty(STDERR_FILENO)) {
        fprintf(stderr, "\r%*s\r", progress_width > 40 ? progress_width : 40, "");
        fflush(stderr);
    }
    progress_pct = -1;
    progress_width = 0;
}

int cs_cli_write(const char *path, int (*fn)(FILE *f, void *ctx), void *ctx)
{
    cs_atomic_file *af = NULL;
    int rc = cs_atomic_file_open(&af, path ? path : "-");
    if (rc)
        return rc;
    rc = fn(cs_atomic_file_stream(af), ctx);
    return rc ? cs_atomic_file_fail(af, rc) : cs_atomic_file_commit(af);
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

/*
 * The memory reading a data file takes, estimated before it is read. The reader keeps each
 * cell as a double (8 bytes), and per object its id (the text, a pointer, and 16 to 21 bytes of
 * the set that finds repeated ids while reading); a column of text keeps its levels (about 80
 * bytes a level, each level at most once, so at most once per object). The objects are
 * counted by the shortest data line among the first MiB: S / shortest bounds their number when
 * the rest of the file is like its start (a file whose later lines are much shorter may need
 * more; the allocation then fails with an error, never a crash).
 */
#define ESTIMATE_SAMPLE (1u << 20)

static size_t estimate_read_bytes(const char *path, unsigned long long size, char delimiter)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(ESTIMATE_SAMPLE);
    size_t got = f && buf ? fread(buf, 1, ESTIMATE_SAMPLE, f) : 0;
    if (f)
        fclose(f);
    size_t p = 0, lines = 0, shortest = SIZE_MAX, longest_id = 0, text_cells = 0, cells = 0;
    char delim = delimiter;
    int header = 1;
    for (size_t at = 0; at < got;) {
        char *nl = memchr(buf + at, '\n', got - at);
        if (!nl)
            break; /* a line cut by the sample says nothing */
        size_t len = (size_t)(nl - (buf + at)), fields = 1, field_start = at;
        if (header && !delim) {
            size_t c = strcspn(buf + at, ",;\t\n");
            delim = at + c < got && buf[at + c] != '\n' ? buf[at + c] : ',';
        }
        for (size_t k = at; k <= at + len; k++) {
            if (k < at + len && buf[k] != delim)
                continue;
            size_t flen = k - field_start;
            while (flen && (buf[field_start + flen - 1] == '\r'))
                flen--;
            if (!header && fields == 1 && flen > longest_id)
                longest_id = flen;
            double v;
            if (!header && fields > 1 && flen &&
                cs_number_read(&v, buf + field_start, flen, delim != ',') != CS_NUMBER_OK &&
                !(flen == 1 && buf[field_start] == '?') &&
                !(flen == 2 && memcmp(buf + field_start, "NA", 2) == 0))
                text_cells++;
            cells += !header && fields > 1;
            fields++;
            field_start = k + 1;
        }
        if (header) {
            p = fields - 1;
            header = 0;
        } else if (len > p) {
            lines++;
            if (len + 1 < shortest)
                shortest = len + 1;
        }
        at += len + 1;
    }
    free(buf);
    if (p == 0)
        p = 1;
    if (!lines)
        shortest = 2 * (p + 1); /* nothing seen: a cell of one character and its delimiter */
    double rows = (double)size / (double)shortest + 1;
    double text_share = cells ? (double)text_cells / (double)cells : 0;
    double per_row = 8.0 * (double)p + 8 + 24 + (double)longest_id + 1 +
                     text_share * (double)p * (80.0 + (double)shortest / (double)p);
    double bytes = rows * per_row + 2.0 * 1048576; /* the CSV reader's buffers */
    return bytes >= (double)SIZE_MAX ? SIZE_MAX : (size_t)bytes;
}

/* Progress while reading: "reading FILE: NN%", on a terminal only (cs_cli_progress). */
#define PROGRESS_MIN_BYTES (4ull << 20)

int cs_cli_load_data(cs_datamatrix **out, const cs_cli_data_args *a)
{
    *out = NULL;
    struct stat sb;
    if (stat(a->file, &sb) != 0)
        return cs_error_set(CS_EIO, "%s: cannot open: %s", a->file, strerror(errno));
    int rc = cs_cli_memory_check(
        a, estimate_read_bytes(a->file, (unsigned long long)sb.st_size, a->delimiter),
        "reading the data file");
    if (rc)
        return cs_error_wrap("%s", a->file);
    cs_datamatrix_csv_options o;
    memset(&o, 0, sizeof o);
    o.delimiter = a->delimiter;
    char label[256];
    if ((unsigned long long)sb.st_size > PROGRESS_MIN_BYTES) {
        snprintf(label, sizeof label, "reading %s", a->file);
        o.progress = cs_cli_progress;
        o.progress_ctx = label;
    }
    cs_var_type *types = NULL;
    size_t ntypes = 0;
    if (a->types) {
        /* one type is for every data column (the reader applies it) */
        if ((rc = parse_types(&types, &ntypes, a->types)))
            return rc;
        o.types = types;
        o.ntypes = ntypes;
    }
    rc = cs_service_read_matrix(out, a->file, &o);
    if (o.progress)
        cs_cli_progress_end();
    free(types);
    if (!rc && (rc = cs_datamatrix_check(*out))) {
        cs_error_wrap("%s", a->file);
        cs_datamatrix_free(*out);
        *out = NULL;
    }
    return rc;
}

/* An id as a value of the format (util/textout.h): JSON string, CSV text cell, or plain text. */
void cs_cli_put_id(FILE *f, const char *id, cs_format fmt)
{
    cs_buf b = CS_BUF_INIT;
    if (fmt == CS_FORMAT_JSON)
        cs_textout_json_string(&b, id);
    else if (fmt == CS_FORMAT_CSV)
        cs_textout_csv_text(&b, id, 0);
    else
        cs_textout_plain(&b, id);
    fputs(cs_buf_str(&b), f);
    cs_buf_free(&b);
}

void cs_cli_put_text(FILE *f, const char *fmt, const char *s)
{
    cs_buf b = CS_BUF_INIT;
    cs_textout_plain(&b, s);
    fprintf(f, fmt, cs_buf_str(&b));
    cs_buf_free(&b);
}

/* A number that reads back exactly; NaN (no value) as null. */
void cs_cli_put_num(FILE *f, double v)
{
    cs_buf b = CS_BUF_INIT;
    cs_textout_json_double(&b, v);
    fputs(cs_buf_str(&b), f);
    cs_buf_free(&b);
}

int cs_cli_parse_metric(cs_metric *out, const char *cmd, const char *arg)
{
    if (!cs_metric_parse(out, arg))
        return 0;
    cs_error_clear();
    return cs_cli_usage_error(cmd,
                              "--distance takes euclidean, sqeuclidean, cityblock, chebyshev, "
                              "cosine, hamming, jaccard, dice, rogerstanimoto or gower, not '%s'",
                              arg);
}

int cs_cli_partition_option(cs_cli_partition_args *a, const char *cmd, int code, const char *arg)
{
    int bad;
    switch (code) {
    case 'k':
        bad = cs_cli_parse_long(&a->k, cmd, "-k", arg, 1, 1000000000);
        break;
    case 's':
        bad = cs_cli_parse_seed(&a->seed, cmd, arg);
        break;
    case 'i':
        bad = cs_cli_parse_long(&a->n_init, cmd, "--n-init", arg, 1, 100000);
        break;
    case 'x':
        bad = cs_cli_parse_long(&a->max_iter, cmd, "--max-iter", arg, 1, 100000000);
        break;
    case 'b':
        bad = cs_cli_parse_long(&a->bootstrap, cmd, "--bootstrap", arg, 1, 1000000);
        break;
    case 'S':
        bad = cs_cli_parse_range(&a->scan_lo, &a->scan_hi, cmd, arg);
        break;
    default:
        return -1;
    }
    return bad ? CS_CLI_EXIT_USAGE : 0;
}

int cs_cli_validity_option(cs_cli_validity *v, const char *cmd, int code)
{
    cs_cli_validity want;
    if (code == CS_CLI_OPT_VALIDITY)
        want = CS_CLI_VALIDITY_ON;
    else if (code == CS_CLI_OPT_NO_VALIDITY)
        want = CS_CLI_VALIDITY_OFF;
    else
        return -1;
    if (*v != CS_CLI_VALIDITY_AUTO && *v != want)
        return cs_cli_usage_error(cmd, "--validity and --no-validity: give one of them");
    *v = want;
    return 0;
}

int cs_cli_validity_wanted(cs_cli_validity v, size_t n)
{
    if (v == CS_CLI_VALIDITY_OFF)
        return 0;
    return v == CS_CLI_VALIDITY_ON || n <= CS_CLI_VALIDITY_AUTO_MAX;
}

void cs_cli_validity_note(FILE *f, const char *what, cs_cli_validity v)
{
    if (v == CS_CLI_VALIDITY_OFF)
        fprintf(f, "%s: not computed (--no-validity)\n", what);
    else
        fprintf(f, "%s: not computed (n > %d; --validity computes it)\n", what,
                CS_CLI_VALIDITY_AUTO_MAX);
}

int cs_cli_numbers(const double **x, double **owned, const cs_datamatrix *m)
{
    *owned = NULL;
    const double *values = cs_datamatrix_values(m);
    if (!cs_datamatrix_unknowns(m)) {
        *x = values; /* every cell a number already: no copy */
        return 0;
    }
    size_t cells = cs_datamatrix_rows(m) * cs_datamatrix_cols(m);
    double *copy = malloc(cells * sizeof *copy);
    if (!copy)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t k = 0; k < cells; k++)
        copy[k] = isnan(values[k]) ? 0.0 : values[k];
    *x = *owned = copy;
    return 0;
}

int cs_cli_dense_euclidean(const double **x, double **owned, const cs_datamatrix *m,
                           int unknown_policy)
{
    *x = NULL;
    *owned = NULL;
    if (cs_datamatrix_unknowns(m) && unknown_policy != CS_UNKNOWN_AS_ZERO)
        return 0;
    for (size_t j = 0; j < cs_datamatrix_cols(m); j++)
        if (cs_datamatrix_type(m, j) == CS_VAR_NOMINAL)
            return 0;
    if (!cs_datamatrix_euclidean_finite(m, 1.0))
        return 0;
    return cs_cli_numbers(x, owned, m);
}
