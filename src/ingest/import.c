#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "ingest/columns.h"
#include "ingest/csv_reader.h"
#include "ingest/import_reference.h"
#include "ingest/importer.h"
#include "ingest/news_doc.h"
#include "util/buf.h"
#include "util/json_read.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * An import opens every input first (parsing JSON, reading CSV headers), so that a file that
 * cannot even be recognised fails before anything is written; then it writes kind by kind in
 * dependency order, so a file may refer to records of an earlier kind in any other file.
 */

typedef struct {
    const char *path;
    int is_json;
    int is_reference;  /* a clusterscope-reference-types document (import_reference.c) */
    cs_news_doc *news; /* a Markdown news item or a feed (news_markdown.c, news_feed.c) */
    /* JSON */
    char *text;
    size_t len;
    json_t *doc;
    /* CSV */
    cs_csv_reader *csv;
    const cs_kind_spec *spec;
    int field_of_column[CS_RECORD_MAX_COLUMNS]; /* header field index of each spec column, -1 */
    const char *fixed[CS_RECORD_MAX_COLUMNS];   /* a fixed value for a column the file lacks */
    int fixed_index[CS_RECORD_MAX_COLUMNS];     /* which of the fixed values, from 1 */
    size_t n_fields;
    /* wide form statistics (docs/formats.md): each of these header fields is a column of values,
     * its header the year (WIDE_YEARS) or industry code (WIDE_INDUSTRIES) of its cells */
    int wide;
    size_t n_wide;
    int *wide_field;
    char **wide_label;
    int wide_label_column; /* the statistics column the header gives: year or industry */
} input;

enum { WIDE_NONE = 0, WIDE_YEARS, WIDE_INDUSTRIES };

/* What an import shares beyond its files: the column mapping, and what it tells the caller
 * once it has succeeded. */
typedef struct {
    const cs_import_options *opts;
    cs_column_map *map;
    cs_buf notices; /* NUL-separated sentences */
} import_run;

_Static_assert(CS_IMPORT_KINDS == CS_KIND_COUNT, "one statistics slot per record kind");

const char *cs_import_kind_name(int i)
{
    const cs_kind_spec *spec = cs_kind_spec_get((cs_record_kind)i);
    return spec ? spec->name : "?";
}

/* "PREFIX fact_definitions, sources, ... or partition_members" */
static void kind_list(char *out, size_t cap, const char *prefix)
{
    int n = snprintf(out, cap, "%s", prefix);
    for (int k = 0; k < CS_KIND_COUNT && n >= 0 && (size_t)n < cap; k++)
        n += snprintf(out + n, cap - (size_t)n, "%s%s",
                      k == 0                   ? ""
                      : k == CS_KIND_COUNT - 1 ? " or "
                                               : ", ",
                      cs_import_kind_name(k));
}

/* ---- JSON ---- */

typedef struct {
    const char *text;
    size_t len;
    const char *kind;
} json_where;

static void json_record_locate(const cs_record *rec, int column, long *line, long *col)
{
    const json_where *w = rec->locate_ctx;
    const char *member = column >= 0 ? rec->spec->columns[column].name : NULL;
    if (cs_json_locate(w->text, w->len, w->kind, (long)rec->index, member, line, col) && member)
        cs_json_locate(w->text, w->len, w->kind, (long)rec->index, NULL, line, col);
}

static int json_error_at(const input *in, const char *kind, long index, const char *member,
                         const char *expected, const char *found)
{
    long line = 0, col = 0;
    cs_json_locate(in->text, in->len, kind, index, member, &line, &col);
    return cs_error_data(in->path, line, col, expected, found);
}

static int open_json(input *in)
{
    /* a UTF-8 byte-order mark, as some Windows editors write, is not part of the JSON */
    if (in->len >= 3 && memcmp(in->text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(in->text, in->text + 3, in->len - 3 + 1);
        in->len -= 3;
    }
    if (in->len > CS_IMPORT_JSON_MAX_BYTES) {
        char limit[32];
        cs_format_size(limit, sizeof limit, CS_IMPORT_JSON_MAX_BYTES);
        return cs_error_set(CS_EDATA,
                            "%s: expected a JSON document of at most %s, found a larger one",
                            in->path, limit);
    }
    long line, col;
    if (cs_json_check_depth(in->text, in->len, CS_JSON_MAX_DEPTH, &line, &col))
        return cs_error_set(CS_EDATA,
                            "%s:%ld:%ld: expected arrays and objects nested at most %d deep, found "
                            "deeper nesting",
                            in->path, line, col, CS_JSON_MAX_DEPTH);
    json_error_t err;
    in->doc = json_loadb(in->text, in->len, JSON_REJECT_DUPLICATES, &err);
    if (!in->doc) {
        return cs_error_set(CS_EDATA, "%s:%d:%d: expected valid JSON, found an error: %s", in->path,
                            err.line, err.column, err.text);
    }
    if (!json_is_object(in->doc))
        return cs_error_data(in->path, 1, 1,
                             "a JSON object {\"format\": \"clusterscope-registry\", ...}",
                             cs_json_type_name(in->doc));
    json_t *tag = json_object_get(in->doc, "format");
    if (json_is_string(tag) && strcmp(json_string_value(tag), CS_REFERENCE_FORMAT) == 0) {
        in->is_reference = 1;
        return cs_import_reference_check(in->doc, in->path, in->text, in->len);
    }
    const char *member;
    json_t *v;
    json_object_foreach(in->doc, member, v)
    {
        if (strcmp(member, "format") == 0) {
            if (!json_is_string(v) || strcmp(json_string_value(v), "clusterscope-registry") != 0)
                return json_error_at(in, member, -1, NULL, "\"format\": \"clusterscope-registry\"",
                                     json_is_string(v) ? json_string_value(v)
                                                       : cs_json_type_name(v));
        } else if (strcmp(member, "version") == 0) {
            if (!json_is_integer(v) || json_integer_value(v) != 1)
                return json_error_at(
                    in, member, -1, NULL, "\"version\": 1 (the only version so far)",
                    json_is_string(v) ? json_string_value(v) : cs_json_type_name(v));
        } else if (!cs_kind_spec_find(member)) {
            char expected[1024];
            kind_list(expected, sizeof expected, "a member format, version, ");
            return json_error_at(in, member, -1, NULL, expected, member);
        } else if (!json_is_array(v)) {
            char expected[96];
            snprintf(expected, sizeof expected, "an array of %s records", member);
            return json_error_at(in, member, -1, NULL, expected, cs_json_type_name(v));
        }
    }
    json_t *format = json_object_get(in->doc, "format");
    if (!format)
        return cs_error_data(in->path, 1, 1, "a member \"format\": \"clusterscope-registry\"",
                             "none");
    return 0;
}

static int json_write_kind(cs_importer *imp, input *in, const cs_kind_spec *spec)
{
    json_t *array = json_object_get(in->doc, spec->name);
    if (!array)
        return 0;
    json_where where = { in->text, in->len, spec->name };
    char numbers[CS_RECORD_MAX_COLUMNS][48];
    const char *column_names[CS_RECORD_MAX_COLUMNS];
    for (size_t c = 0; c < spec->n_columns; c++)
        column_names[c] = spec->columns[c].name;
    size_t i;
    json_t *element;
    json_array_foreach(array, i, element)
    {
        cs_record rec = { .spec = spec,
                          .file = in->path,
                          .locate = json_record_locate,
                          .locate_ctx = &where,
                          .index = i };
        if (!json_is_object(element)) {
            char expected[96];
            snprintf(expected, sizeof expected, "a %s record (a JSON object)", spec->name);
            return json_error_at(in, spec->name, (long)i, NULL, expected,
                                 cs_json_type_name(element));
        }
        const char *bad = NULL;
        int read = cs_json_read_fields(rec.values, numbers, element,
                                       (const char *const *)column_names, spec->n_columns, &bad);
        if (read == -1) {
            char expected[512];
            int n = snprintf(expected, sizeof expected, "a member of %s records (", spec->name);
            for (size_t k = 0; k < spec->n_columns && n < (int)sizeof expected - 40; k++)
                n += snprintf(expected + n, sizeof expected - (size_t)n, "%s%s", k ? ", " : "",
                              spec->columns[k].name);
            snprintf(expected + n, sizeof expected - (size_t)n, ")");
            return json_error_at(in, spec->name, (long)i, bad, expected, bad);
        }
        if (read == -2)
            return json_error_at(in, spec->name, (long)i, bad,
                                 "a string, number, true, false or null",
                                 cs_json_type_name(json_object_get(element, bad)));
        int rc = cs_importer_write(imp, &rec);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- CSV ---- */

static void csv_record_locate(const cs_record *rec, int column, long *line, long *col)
{
    const input *in = rec->locate_ctx;
    *line = rec->line;
    *col = column >= 0 && in->field_of_column[column] >= 0 ? in->field_of_column[column] + 1 : 0;
}

static const char *basename_kind(const char *path, char *buf, size_t cap)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    snprintf(buf, cap, "%s", base);
    char *dot = strchr(buf, '.');
    if (dot)
        *dot = '\0';
    return buf;
}

/* Whether the header (as the mapping names its columns; NULL: dropped) and the fixed values
 * give exactly columns of `spec` and all it requires. */
static int header_fits(const cs_kind_spec *spec, const char *const *names, size_t n,
                       const cs_import_options *opts)
{
    const char *fixed[CS_RECORD_MAX_COLUMNS];
    int fixed_index[CS_RECORD_MAX_COLUMNS];
    if (cs_fixed_values_parse(fixed, fixed_index, opts ? opts->set : NULL, opts ? opts->n_set : 0,
                              spec))
        return 0;
    for (size_t f = 0; f < n; f++)
        if (names[f] && cs_kind_spec_column(spec, names[f]) < 0)
            return 0;
    for (size_t c = 0; c < spec->n_columns; c++) {
        if (!spec->columns[c].required || fixed[c])
            continue;
        size_t f = 0;
        while (f < n && !(names[f] && strcmp(names[f], spec->columns[c].name) == 0))
            f++;
        if (f == n)
            return 0;
    }
    return 1;
}

/* The last error's message as a CS_EUSAGE: the caller's setting (a fixed value, the mapping)
 * is at fault, not the file's data. */
static int usage_error(void)
{
    char message[2048];
    snprintf(message, sizeof message, "%s", cs_error_last());
    return cs_error_set(CS_EUSAGE, "%s", message);
}

/* The header's field f as the file names it, and the name the mapping gives it. */
static void shown_column(char *out, size_t cap, const char *field, const char *name)
{
    if (name && strcmp(field, name) != 0)
        snprintf(out, cap, "%s (mapped to %s)", field, name);
    else
        snprintf(out, cap, "%s", field);
}

static int header_has(const char *const *names, size_t n, const char *name)
{
    for (size_t f = 0; f < n; f++)
        if (names[f] && strcmp(names[f], name) == 0)
            return 1;
    return 0;
}

static int four_digit_year(const char *s)
{
    if (strlen(s) != 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/*
 * Statistics in wide form: a header with region and measure but no value, and either industry
 * without year (every 4-digit column is a year) or year without industry (every column that is
 * not a statistics column is an industry code). The value columns are taken out of `names`
 * (NULL), so that the rest reads as the long form does.
 */
static int detect_wide(input *in, const cs_import_options *opts, const cs_csv_row *header,
                       const char **names)
{
    const cs_kind_spec *spec = cs_kind_spec_get(CS_KIND_STATISTICS);
    char namebuf[256];
    const char *named =
        opts && opts->kind ? opts->kind : basename_kind(in->path, namebuf, sizeof namebuf);
    if (cs_kind_spec_find(named) && cs_kind_spec_find(named) != spec)
        return 0;
    size_t n = header->count;
    if (!header_has(names, n, "region") || !header_has(names, n, "measure") ||
        header_has(names, n, "value"))
        return 0;
    int industry = header_has(names, n, "industry"), year = header_has(names, n, "year");
    int mode = industry && !year ? WIDE_YEARS : year && !industry ? WIDE_INDUSTRIES : WIDE_NONE;
    if (mode == WIDE_NONE)
        return 0;
    in->wide_field = malloc(n * sizeof *in->wide_field);
    in->wide_label = calloc(n, sizeof *in->wide_label);
    if (!in->wide_field || !in->wide_label)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t f = 0; f < n; f++) {
        if (!names[f] || (mode == WIDE_YEARS ? !four_digit_year(names[f])
                                             : cs_kind_spec_column(spec, names[f]) >= 0))
            continue;
        if (!(in->wide_label[in->n_wide] = strdup(names[f])))
            return cs_error_set(CS_ENOMEM, "out of memory");
        in->wide_field[in->n_wide++] = (int)f;
    }
    if (in->n_wide == 0)
        return 0;
    in->wide = mode;
    in->wide_label_column = cs_kind_spec_column(spec, mode == WIDE_YEARS ? "year" : "industry");
    in->spec = spec;
    for (size_t i = 0; i < in->n_wide; i++)
        names[in->wide_field[i]] = NULL;
    return 0;
}

/* The record kind of a CSV file: named, from its file name, or the one its header fits. */
static int csv_kind(input *in, const cs_import_options *opts, const cs_csv_row *header,
                    const char *const *names)
{
    char namebuf[256];
    const char *named =
        opts && opts->kind ? opts->kind : basename_kind(in->path, namebuf, sizeof namebuf);
    in->spec = cs_kind_spec_find(named);
    if (!in->spec && opts && opts->kind) {
        char expected[1024];
        kind_list(expected, sizeof expected, "");
        cs_error_set(CS_EUSAGE, "unknown record kind '%s' (expected %s)", opts->kind, expected);
        return cs_error_advise(CS_ADVICE_KIND);
    }
    if (in->spec)
        return 0;
    for (int k = 0; k < CS_KIND_COUNT; k++) {
        const cs_kind_spec *candidate = cs_kind_spec_get((cs_record_kind)k);
        if (!header_fits(candidate, names, header->count, opts))
            continue;
        /* the kinds of schema 12 yield to the kinds before them, so that a file read before
         * (a clusters file "key,name_en,country,kind") keeps its kind */
        if (in->spec && in->spec->kind < CS_KIND_PROGRAMMES && k >= CS_KIND_PROGRAMMES)
            continue;
        if (in->spec) {
            cs_error_set(CS_EDATA,
                         "%s:%ld: expected a header that fits one record kind, found one "
                         "that fits both %s and %s",
                         in->path, header->line, in->spec->name, candidate->name);
            return cs_error_advise(CS_ADVICE_KIND);
        }
        in->spec = candidate;
    }
    if (!in->spec) {
        cs_error_data(in->path, header->line, 0,
                      "the header of a record kind (see docs/formats.md)", header->fields[0]);
        return cs_error_advise(CS_ADVICE_KIND);
    }
    return 0;
}

/* Which header field holds each column of the kind, and the fixed values of the others. */
static int csv_columns(input *in, const import_run *run, const cs_csv_row *header,
                       const char *const *names)
{
    const cs_import_options *opts = run->opts;
    int rc = cs_column_map_apply(run->map, in->path, (const char *const *)header->fields,
                                 header->count, in->spec, (const char **)names);
    for (size_t i = 0; !rc && i < in->n_wide; i++)
        ((const char **)names)[in->wide_field[i]] = NULL; /* value columns of the wide form */
    if (!rc)
        rc = cs_fixed_values_parse(in->fixed, in->fixed_index, opts ? opts->set : NULL,
                                   opts ? opts->n_set : 0, in->spec);
    if (rc)
        return rc;
    for (size_t c = 0; c < CS_RECORD_MAX_COLUMNS; c++)
        in->field_of_column[c] = -1;
    in->n_fields = header->count;
    for (size_t f = 0; f < header->count; f++) {
        if (!names[f])
            continue; /* dropped */
        char shown[600];
        shown_column(shown, sizeof shown, header->fields[f], names[f]);
        int c = cs_kind_spec_column(in->spec, names[f]);
        if (c < 0) {
            char expected[512];
            int n = snprintf(expected, sizeof expected, "a column of %s (", in->spec->name);
            for (size_t k = 0; k < in->spec->n_columns && n < (int)sizeof expected - 40; k++)
                n += snprintf(expected + n, sizeof expected - (size_t)n, "%s%s", k ? ", " : "",
                              in->spec->columns[k].name);
            snprintf(expected + n, sizeof expected - (size_t)n, ")");
            cs_error_data(in->path, header->line, (long)f + 1, expected, shown);
            return cs_error_advise(CS_ADVICE_COLUMNS);
        }
        if (in->field_of_column[c] >= 0) {
            char expected[700];
            snprintf(expected, sizeof expected, "each column named once (column %d is %s too)",
                     in->field_of_column[c] + 1, in->spec->columns[c].name);
            cs_error_data(in->path, header->line, (long)f + 1, expected, shown);
            return cs_error_advise(CS_ADVICE_COLUMNS);
        }
        if (in->fixed[c]) {
            char expected[160];
            snprintf(expected, sizeof expected,
                     "a column the file lacks for fixed value %d (%s; it fills a missing column)",
                     in->fixed_index[c], in->spec->columns[c].name);
            cs_error_data(in->path, header->line, (long)f + 1, expected, shown);
            return usage_error();
        }
        in->field_of_column[c] = (int)f;
    }
    int value_column = cs_kind_spec_column(in->spec, "value");
    for (size_t c = 0; c < in->spec->n_columns; c++)
        if (in->spec->columns[c].required && in->field_of_column[c] < 0 && !in->fixed[c] &&
            !(in->wide && ((int)c == value_column || (int)c == in->wide_label_column))) {
            char expected[160];
            snprintf(expected, sizeof expected, "a column '%s' (required for %s)",
                     in->spec->columns[c].name, in->spec->name);
            cs_error_data(in->path, header->line, 0, expected, "none");
            return cs_error_advise(CS_ADVICE_COLUMNS);
        }
    return 0;
}

static int open_csv(input *in, const import_run *run)
{
    const cs_import_options *opts = run->opts;
    cs_csv_options o = { 0 };
    const char *enc = opts && opts->encoding ? opts->encoding : "auto";
    if (strcmp(enc, "auto") == 0)
        o.encoding = CS_CSV_ENCODING_AUTO;
    else if (strcmp(enc, "utf-8") == 0 || strcmp(enc, "utf8") == 0)
        o.encoding = CS_CSV_ENCODING_UTF8;
    else if (strcmp(enc, "cp1251") == 0 || strcmp(enc, "windows-1251") == 0)
        o.encoding = CS_CSV_ENCODING_CP1251;
    else {
        cs_error_set(CS_EUSAGE, "unknown encoding '%s' (expected auto, utf-8 or cp1251)", enc);
        return cs_error_advise(CS_ADVICE_ENCODING);
    }
    o.delimiter = opts ? opts->delimiter : 0;
    int rc = cs_csv_reader_open(&in->csv, in->path, &o);
    if (rc)
        return rc;
    const cs_csv_row *header = NULL;
    rc = cs_csv_reader_next(in->csv, &header);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return cs_error_data(in->path, 1, 0, "a header row", "an empty file");
    /* the header's columns as the mapping names them (NULL: dropped) */
    const char **names = malloc(header->count * sizeof *names);
    if (!names)
        return cs_error_set(CS_ENOMEM, "out of memory");
    rc = cs_column_map_apply(run->map, in->path, (const char *const *)header->fields, header->count,
                             NULL, names);
    rc = rc ? rc : detect_wide(in, opts, header, names);
    size_t kept = 0, last = 0;
    for (size_t f = 0; !rc && f < header->count; f++)
        if (names[f] && ++kept > CS_RECORD_MAX_COLUMNS) {
            last = f;
            break;
        }
    if (!rc && kept > CS_RECORD_MAX_COLUMNS) {
        char expected[64];
        snprintf(expected, sizeof expected, "at most %d columns", CS_RECORD_MAX_COLUMNS);
        rc = cs_error_data(in->path, header->line, (long)last + 1, expected, header->fields[last]);
    }
    rc = rc || in->wide ? rc : csv_kind(in, opts, header, names);
    rc = rc ? rc : csv_columns(in, run, header, names);
    free(names);
    return rc;
}

/*
 * Rows are written in batches: a batch is copied out of the reader (whose row is valid only
 * until the next read), the keys it will look up are prefetched twice over the whole batch, and
 * then each row is written in order. Lookups in a million-key map are cache misses; in a batch
 * they overlap instead of queueing. Errors still come in input order.
 */
#define CSV_BATCH 32

/* The rows of one file that repeat an earlier row exactly: how many, and one of them with the
 * first few lines it is repeated at, for the sentence that tells of them. */
#define REPEAT_LINES_SHOWN 3

typedef struct {
    cs_row_set *seen;
    long long count;
    long first; /* the line of the first row found repeated (which names that row) */
    long lines[REPEAT_LINES_SHOWN];
    size_t n_lines;
    int more; /* it is repeated at more lines than shown */
} repeats;

/* Where a record of a wide-form cell stands: its row's fields, and the cell's own field. */
typedef struct {
    const input *in;
    int field;
} cell_where;

/* Whether a row repeats an earlier one is decided when its batch is written, after the slots of
 * the batch's rows in the set are prefetched: a file of millions of rows has a set larger than
 * the cache. The records of a row (a wide row has several) follow its first one. */
typedef struct {
    cs_record rec[CSV_BATCH];
    cell_where where[CSV_BATCH];
    size_t n;
    cs_buf text;
    size_t offsets[CSV_BATCH][CS_RECORD_MAX_COLUMNS]; /* (size_t)-1 = absent */
    uint64_t hash[CSV_BATCH][2];                      /* the row's, at its first record */
    unsigned char row_start[CSV_BATCH];
    int skipping; /* the records being written are of a repeated row */
    repeats *rep;
} csv_batch;

/* Counts a row found repeating the row at line `first`. */
static void count_repeat(repeats *rep, long first, long line)
{
    rep->count++;
    if (!rep->first)
        rep->first = first;
    if (first == rep->first) {
        if (rep->n_lines < REPEAT_LINES_SHOWN)
            rep->lines[rep->n_lines++] = line;
        else
            rep->more = 1;
    }
}

/* Adds a row to the set of the rows seen: whether it repeats one (1, counted), 0, or an error
 * code. */
static int add_row(repeats *rep, const uint64_t hash[2], long line)
{
    long first = cs_row_set_add_hashed(rep->seen, hash, line);
    if (first <= 0)
        return first < 0 ? (int)first : 0;
    count_repeat(rep, first, line);
    return 1;
}

static int flush_batch(cs_importer *imp, const input *in, csv_batch *b)
{
    const char *text = cs_buf_str(&b->text);
    for (size_t r = 0; r < b->n; r++)
        for (size_t c = 0; c < b->rec[r].spec->n_columns; c++)
            b->rec[r].values[c] =
                b->offsets[r][c] == (size_t)-1 ? in->fixed[c] : text + b->offsets[r][c];
    for (int pass = 0; pass < 2; pass++)
        for (size_t r = 0; r < b->n; r++) {
            if (!pass && b->row_start[r])
                cs_row_set_prefetch(b->rep->seen, b->hash[r]);
            cs_importer_prefetch(imp, &b->rec[r]);
        }
    int rc = 0;
    for (size_t r = 0; r < b->n && !rc; r++) {
        if (b->row_start[r]) {
            int repeated = add_row(b->rep, b->hash[r], b->rec[r].line);
            if (repeated < 0) {
                rc = repeated;
                break;
            }
            b->skipping = repeated;
        }
        if (!b->skipping)
            rc = cs_importer_write(imp, &b->rec[r]);
    }
    b->n = 0;
    cs_buf_reset(&b->text);
    return rc;
}

static void cell_locate(const cs_record *rec, int column, long *line, long *col)
{
    const cell_where *w = rec->locate_ctx;
    const input *in = w->in;
    *line = rec->line;
    if (column >= 0 &&
        (column == in->wide_label_column || column == cs_kind_spec_column(in->spec, "value")))
        *col = w->field + 1; /* the cell holds the value, its header the year or industry */
    else
        *col =
            column >= 0 && in->field_of_column[column] >= 0 ? in->field_of_column[column] + 1 : 0;
}

/* Copies one record of the row into the batch: the row itself, or (cell >= 0) the wide-form
 * cell `cell` with its header `label`. */
static int batch_record(csv_batch *b, input *in, const cs_csv_row *row, size_t index, int cell,
                        const char *label, int regional)
{
    size_t r = b->n;
    cs_record *rec = &b->rec[r];
    b->where[r] = (cell_where){ in, cell };
    *rec = (cs_record){ .spec = in->spec,
                        .file = in->path,
                        .line = row->line,
                        .locate = cell >= 0 ? cell_locate : csv_record_locate,
                        .locate_ctx = cell >= 0 ? (void *)&b->where[r] : (void *)in,
                        .index = index,
                        .regional_forms = regional };
    int value_column = cell >= 0 ? cs_kind_spec_column(in->spec, "value") : -1;
    for (size_t c = 0; c < in->spec->n_columns; c++) {
        int f = in->field_of_column[c];
        const char *src = f >= 0 ? row->fields[f] : NULL;
        size_t len = f >= 0 ? row->lengths[f] : 0;
        if ((int)c == value_column) {
            src = row->fields[cell];
            len = row->lengths[cell];
        } else if (cell >= 0 && (int)c == in->wide_label_column) {
            src = label;
            len = strlen(label);
        }
        b->offsets[r][c] = src ? b->text.len : (size_t)-1;
        if (src && cs_buf_append(&b->text, src, len + 1))
            return CS_ENOMEM;
    }
    b->n++;
    return 0;
}

/* An empty cell of the wide form is an unknown value: no record, not a zero. */
static int blank(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

static void fixed_locate(const cs_record *rec, int column, long *line, long *col)
{
    (void)rec;
    (void)column;
    *line = *col = 0;
}

/* The fixed values of a file, checked once before its rows: each by its column's type and,
 * when it names a record, against the records known by now (the registry's and those of the
 * kinds this import has written), so an error names the fixed value, not every row. */
static int check_fixed(cs_importer *imp, const input *in)
{
    const cs_kind_spec *spec = in->spec;
    for (size_t c = 0; c < spec->n_columns; c++) {
        if (!in->fixed[c])
            continue;
        char file[700];
        snprintf(file, sizeof file, "%s: fixed value %d (%s)", in->path, in->fixed_index[c],
                 spec->columns[c].name);
        cs_record rec = { .spec = spec, .file = file, .locate = fixed_locate };
        rec.values[c] = in->fixed[c];
        /* checked as a row's value would be; each row's copy is read again by the same rules */
        cs_record_canon canon;
        int rc = cs_record_check_value(&rec, (int)c, &canon);
        if (rc)
            return rc == CS_EDATA ? usage_error() : rc;
        int target = spec->columns[c].reference;
        if (target < 0)
            continue;
        int found =
            cs_store_writer_has(cs_importer_writer(imp), (cs_record_kind)target, in->fixed[c]);
        if (found < 0)
            return found;
        if (!found)
            return cs_error_set(CS_EUSAGE,
                                "%s: expected a key among the %s known (stored, or in the same "
                                "import), found \"%.100s\"",
                                file, cs_import_kind_name(target), in->fixed[c]);
    }
    return 0;
}

/* The hash of a row as the set of rows seen compares it. */
static void row_hash(uint64_t hash[2], const input *in, const cs_csv_row *row)
{
    const char *values[CS_RECORD_MAX_COLUMNS];
    for (size_t c = 0; c < in->spec->n_columns; c++) {
        int f = in->field_of_column[c];
        values[c] = f < 0 ? NULL : row->fields[f];
    }
    /* a wide row is its every field: two rows of one region and measure differ in the cells */
    if (in->wide)
        cs_row_set_hash(hash, (const char *const *)row->fields, row->count);
    else
        cs_row_set_hash(hash, values, in->spec->n_columns);
}

/* "FILE: 12 rows repeated exactly, skipped: first at line 3 repeated at lines 40, 77" */
static int tell_repeats(import_run *run, const input *in, const repeats *rep)
{
    cs_buf *b = &run->notices;
    int rc = cs_buf_printf(b,
                           "%s: %lld %s repeated exactly, skipped: first at line %ld repeated "
                           "at line%s ",
                           in->path, rep->count, rep->count == 1 ? "row" : "rows", rep->first,
                           rep->n_lines > 1 ? "s" : "");
    for (size_t i = 0; !rc && i < rep->n_lines; i++)
        rc = cs_buf_printf(b, "%s%ld", i ? ", " : "", rep->lines[i]);
    if (!rc && rep->more)
        rc = cs_buf_puts(b, ", ...");
    return rc ? rc : cs_buf_append(b, "", 1);
}

static int csv_write_all(cs_importer *imp, import_run *run, input *in, cs_import_stats *stats)
{
    const cs_csv_row *row;
    size_t index = 0;
    int rc = check_fixed(imp, in);
    if (rc)
        return rc;
    /* decided once per file, after its header (record.h) */
    int regional = cs_csv_reader_delimiter(in->csv) != ',' ||
                   cs_csv_reader_encoding(in->csv) == CS_CSV_ENCODING_CP1251;
    repeats rep = { 0 };
    if ((rc = cs_row_set_new(&rep.seen)))
        return rc;
    csv_batch *b = calloc(1, sizeof *b);
    if (!b) {
        cs_row_set_free(rep.seen);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    b->rep = &rep;
    while ((rc = cs_csv_reader_next(in->csv, &row)) == 1) {
        if (row->count != in->n_fields) {
            /* rows before this one come first, so that errors keep their order */
            if ((rc = flush_batch(imp, in, b)))
                break;
            /* point at the first missing field, or the first extra one */
            long col = (long)(row->count < in->n_fields ? row->count + 1 : in->n_fields + 1);
            rc = cs_error_set(CS_EDATA,
                              "%s:%ld:%ld: expected %zu fields as in the header, found %zu",
                              in->path, row->line, col, in->n_fields, row->count);
            break;
        }
        index++;
        rc = 0;
        uint64_t hash[2];
        row_hash(hash, in, row);
        size_t cells = in->wide ? in->n_wide : 1, added = 0;
        for (size_t k = 0; !rc && k < cells; k++) {
            int cell = in->wide ? in->wide_field[k] : -1;
            if (cell >= 0 && blank(row->fields[cell]))
                continue;
            size_t r = b->n;
            rc = batch_record(b, in, row, index - 1, cell, in->wide ? in->wide_label[k] : NULL,
                              regional);
            b->row_start[r] = added++ == 0;
            memcpy(b->hash[r], hash, sizeof hash);
            if (!rc && b->n == CSV_BATCH)
                rc = flush_batch(imp, in, b);
        }
        /* a wide row of empty cells stores nothing, but is a row seen: after those before it */
        if (!rc && !added && !(rc = flush_batch(imp, in, b)))
            rc = add_row(&rep, hash, row->line) < 0 ? CS_ENOMEM : 0;
        if (rc)
            break;
    }
    if (rc == 0)
        rc = flush_batch(imp, in, b);
    cs_buf_free(&b->text);
    free(b);
    cs_row_set_free(rep.seen);
    if (rc < 0)
        return rc;
    if (index == 0)
        return cs_error_data(in->path, 2, 0, "at least one record after the header",
                             "only a header");
    if (rep.count) {
        stats->repeated[in->spec->kind] += rep.count;
        rc = tell_repeats(run, in, &rep);
    }
    return rc;
}

static void close_input(input *in)
{
    for (size_t i = 0; i < in->n_wide; i++)
        free(in->wide_label[i]);
    free(in->wide_label);
    free(in->wide_field);
    if (in->doc)
        json_decref(in->doc);
    cs_news_doc_free(in->news);
    free(in->text);
    if (in->csv)
        cs_csv_reader_close(in->csv);
}

/* Tells the importer the kinds an opened input holds. */
static void expect_kinds(cs_importer *imp, const input *in)
{
    if (in->is_reference)
        return;
    if (in->news) {
        for (int k = 0; k < CS_KIND_COUNT; k++)
            if (cs_news_doc_has(in->news, cs_kind_spec_get((cs_record_kind)k)))
                cs_importer_expect(imp, (cs_record_kind)k);
        return;
    }
    if (!in->is_json) {
        if (in->spec)
            cs_importer_expect(imp, in->spec->kind);
        return;
    }
    for (int k = 0; k < CS_KIND_COUNT; k++)
        if (json_object_get(in->doc, cs_kind_spec_get((cs_record_kind)k)->name))
            cs_importer_expect(imp, (cs_record_kind)k);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A news item in Markdown or a saved feed, read whole; its records wait in in->news. */
static int open_news(input *in, const cs_import_options *opts)
{
    int markdown = cs_news_file_type(in->path) == 1;
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_read_file(&b, in->path, CS_IMPORT_JSON_MAX_BYTES,
                              markdown ? "a Markdown news file" : "a news feed");
    cs_news_defaults d = { opts ? opts->news_source : NULL, opts ? opts->news_kind : NULL };
    if (!rc)
        rc = markdown ? cs_news_markdown_read(&in->news, in->path, cs_buf_str(&b), b.len, &d)
                      : cs_news_feed_read(&in->news, in->path, cs_buf_str(&b), b.len, &d);
    cs_buf_free(&b);
    return rc;
}

int cs_import_files(cs_import_stats *stats, cs_store *store, const char *const *paths,
                    size_t n_paths, const cs_import_options *opts)
{
    memset(stats, 0, sizeof *stats);
    if (n_paths == 0)
        return cs_error_set(CS_EUSAGE, "no files to import");
    import_run run = { .opts = opts, .notices = CS_BUF_INIT };
    int rc = 0;
    if (opts && opts->columns && opts->columns_file)
        rc = cs_error_set(CS_EUSAGE, "a column mapping is given both as text and as a file");
    else if (opts && opts->columns)
        rc = cs_column_map_parse(&run.map, opts->columns, strlen(opts->columns), NULL);
    else if (opts && opts->columns_file)
        rc = cs_column_map_read(&run.map, opts->columns_file);
    if (rc)
        return rc;
    input *inputs = calloc(n_paths, sizeof *inputs);
    if (!inputs) {
        cs_column_map_free(run.map);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; !rc && i < n_paths; i++) {
        input *in = &inputs[i];
        in->path = paths[i];
        in->is_json = ends_with(paths[i], ".json") || ends_with(paths[i], ".JSON");
        if (cs_news_file_type(paths[i])) {
            rc = open_news(in, opts);
        } else if (in->is_json) {
            cs_buf b = CS_BUF_INIT;
            rc = cs_buf_read_file(&b, in->path, CS_IMPORT_JSON_MAX_BYTES, "a JSON document");
            in->text = b.data; /* the input owns the text from here, freed in close_input() */
            in->len = b.len;
            rc = rc ? rc : open_json(in);
        } else {
            rc = open_csv(in, &run);
        }
    }
    cs_importer *imp = NULL;
    if (!rc)
        rc = cs_importer_begin(&imp, store, stats);
    if (!rc && opts && opts->record)
        cs_importer_observe(imp, opts->record, opts->record_ctx);
    for (size_t i = 0; !rc && i < n_paths; i++)
        expect_kinds(imp, &inputs[i]);
    for (int k = 0; !rc && k < CS_KIND_COUNT; k++) {
        const cs_kind_spec *spec = cs_kind_spec_get((cs_record_kind)k);
        /* reference documents replace their set whole, before any reference record: they name
         * sources and clusters of any file of this import, and partitions may name them */
        for (size_t i = 0; !rc && k == CS_KIND_REFERENCE_SETS && i < n_paths; i++)
            if (inputs[i].is_reference)
                rc = cs_import_reference_write(cs_importer_writer(imp), inputs[i].doc,
                                               inputs[i].path, inputs[i].text, inputs[i].len);
        for (size_t i = 0; !rc && i < n_paths; i++) {
            if (inputs[i].is_reference)
                continue;
            if (inputs[i].news)
                rc = cs_news_doc_write(imp, inputs[i].news, spec, inputs[i].path);
            else if (inputs[i].is_json)
                rc = json_write_kind(imp, &inputs[i], spec);
            else if (inputs[i].spec == spec)
                rc = csv_write_all(imp, &run, &inputs[i], stats);
        }
        if (!rc)
            rc = cs_importer_end_kind(imp, (cs_record_kind)k);
    }
    if (imp) {
        int commit = !rc && !(opts && opts->dry_run);
        int end_rc = cs_importer_end(imp, commit);
        rc = rc ? rc : end_rc;
    }
    for (size_t i = 0; i < n_paths; i++)
        close_input(&inputs[i]);
    free(inputs);
    /* what the import did besides storing, told once it has succeeded */
    for (size_t at = 0; !rc && opts && opts->notice && at < run.notices.len;) {
        const char *text = run.notices.data + at;
        opts->notice(opts->notice_ctx, text);
        at += strlen(text) + 1;
    }
    cs_buf_free(&run.notices);
    cs_column_map_free(run.map);
    return rc;
}

int cs_import_json_buffer(cs_import_stats *stats, cs_store *store, const char *json, size_t len,
                          const char *origin, const cs_import_options *opts)
{
    memset(stats, 0, sizeof *stats);
    input in = { .path = origin, .is_json = 1, .len = len };
    in.text = malloc(len + 1);
    if (!in.text)
        return cs_error_set(CS_ENOMEM, "out of memory");
    memcpy(in.text, json, len);
    in.text[len] = '\0';
    int rc = open_json(&in);
    if (!rc && in.is_reference)
        rc = cs_error_set(CS_EUSAGE, "%s: a reference-types document is imported from a file",
                          origin);
    cs_importer *imp = NULL;
    if (!rc)
        rc = cs_importer_begin(&imp, store, stats);
    if (!rc && opts && opts->record)
        cs_importer_observe(imp, opts->record, opts->record_ctx);
    if (!rc)
        expect_kinds(imp, &in);
    for (int k = 0; !rc && k < CS_KIND_COUNT; k++) {
        rc = json_write_kind(imp, &in, cs_kind_spec_get((cs_record_kind)k));
        rc = rc ? rc : cs_importer_end_kind(imp, (cs_record_kind)k);
    }
    if (imp) {
        int end_rc = cs_importer_end(imp, !rc && !(opts && opts->dry_run));
        rc = rc ? rc : end_rc;
    }
    close_input(&in);
    return rc;
}
