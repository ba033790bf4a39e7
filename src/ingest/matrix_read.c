/*
 * matrix_read.c: a data matrix for cluster analysis from CSV (include/clusterscope/ingest.h): a
 * header row, one row per object, the object id first; columns typed as asked or inferred.
 * The matrix itself is typology's (src/typology/matrix.c); this file only reads text into it.
 *
 * Invariant: every cell is kept as text until its column is typed, so a column's type never
 * depends on the order of its rows, and an error names the file, line and column of the cell.
 */
#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "ingest/csv_reader.h"
#include "util/keymap.h"
#include "util/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest table we attempt: refuse rather than overflow size_t. */
#define MATRIX_HUGE ((size_t)1 << 60)

typedef struct {
    char **cell; /* n x p strings as read (data columns only) */
    long *line;  /* line of each object's record */
    char **ids;
    char **names;
    size_t n, p, cap;
    int decimal_comma; /* the file is delimited by ';' or tab */
} table;

static void table_free(table *t)
{
    if (t->cell)
        for (size_t k = 0; k < t->n * t->p; k++)
            free(t->cell[k]);
    if (t->ids)
        for (size_t i = 0; i < t->n; i++)
            free(t->ids[i]);
    if (t->names)
        for (size_t j = 0; j < t->p; j++)
            free(t->names[j]);
    free(t->cell);
    free(t->line);
    free(t->ids);
    free(t->names);
}

static int is_unknown_token(const char *s)
{
    return s[0] == '\0' || strcmp(s, "?") == 0 || strcmp(s, "NA") == 0;
}

/*
 * A finite number with a decimal point, by the rule of every reader (util/number.h), or with a
 * decimal comma in a file delimited by ';' or tab (as spreadsheets in Russian save it; in a
 * comma-delimited file a comma is no decimal separator). Returns CS_NUMBER_OK and *v,
 * CS_NUMBER_NONFINITE for inf, nan, 1e400 or 1e-400 (a number, but not one to compute with), or
 * CS_NUMBER_NOT.
 */
static int parse_number(const table *t, const char *s, double *v)
{
    return cs_number_read(v, s, strlen(s), t->decimal_comma);
}

static int read_table(table *t, cs_csv_reader *r, const char *name)
{
    const cs_csv_row *row = NULL;
    int rc = cs_csv_reader_next(r, &row);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return cs_error_set(CS_EDATA, "%s: expected a header row, found an empty file", name);
    if (row->count < 2)
        return cs_error_set(CS_EDATA,
                            "%s:%ld: expected an id column and at least one variable "
                            "column in the header, found %zu column",
                            name, row->line, row->count);
    t->p = row->count - 1;
    t->names = calloc(t->p, sizeof *t->names);
    if (!t->names)
        return cs_error_set(CS_ENOMEM, "out of memory");
    cs_keymap *names = NULL;
    if (cs_keymap_new(&names))
        return CS_ENOMEM;
    for (size_t j = 0; j < t->p; j++) {
        const char *f = row->fields[j + 1];
        if (f[0] == '\0') {
            cs_keymap_free(names);
            return cs_error_data(name, row->line, (long)j + 2, "a variable name", f);
        }
        cs_keymap_value *v = cs_keymap_put(names, f, row->lengths[j + 1]);
        if (!v) {
            cs_keymap_free(names);
            return CS_ENOMEM;
        }
        if (v->line) {
            cs_keymap_free(names);
            return cs_error_data(name, row->line, (long)j + 2, "a variable name not used before",
                                 f);
        }
        v->line = (long)j + 2;
        if (!(t->names[j] = strdup(f))) {
            cs_keymap_free(names);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
    }
    cs_keymap_free(names);

    cs_keymap *ids = NULL;
    if (cs_keymap_new(&ids))
        return CS_ENOMEM;
    while ((rc = cs_csv_reader_next(r, &row)) == 1) {
        if (row->count != t->p + 1) {
            char found[64];
            snprintf(found, sizeof found, "%zu", row->count);
            cs_keymap_free(ids);
            char expected[64];
            snprintf(expected, sizeof expected, "%zu fields as in the header", t->p + 1);
            return cs_error_data(name, row->line,
                                 (long)(row->count < t->p + 1 ? row->count : t->p + 2), expected,
                                 found);
        }
        if (t->n == t->cap) {
            size_t cap = t->cap ? 2 * t->cap : 64;
            if (cap > MATRIX_HUGE / (t->p * sizeof(char *))) {
                cs_keymap_free(ids);
                return cs_error_set(CS_ENOMEM, "%s: too many rows", name);
            }
            char **cell = realloc(t->cell, cap * t->p * sizeof *cell);
            if (cell)
                t->cell = cell;
            long *line = realloc(t->line, cap * sizeof *line);
            if (line)
                t->line = line;
            char **idv = realloc(t->ids, cap * sizeof *idv);
            if (idv)
                t->ids = idv;
            if (!cell || !line || !idv) {
                cs_keymap_free(ids);
                return cs_error_set(CS_ENOMEM, "out of memory reading %s", name);
            }
            t->cap = cap;
        }
        const char *id = row->fields[0];
        if (id[0] == '\0') {
            cs_keymap_free(ids);
            return cs_error_data(name, row->line, 1, "an object id", id);
        }
        cs_keymap_value *v = cs_keymap_put(ids, id, row->lengths[0]);
        if (!v) {
            cs_keymap_free(ids);
            return CS_ENOMEM;
        }
        if (v->line) {
            char expected[96];
            snprintf(expected, sizeof expected, "a unique object id (this one is also on line %ld)",
                     v->line);
            cs_keymap_free(ids);
            return cs_error_data(name, row->line, 1, expected, id);
        }
        v->line = row->line;
        size_t i = t->n;
        t->line[i] = row->line;
        t->ids[i] = strdup(id);
        for (size_t j = 0; j < t->p; j++)
            t->cell[i * t->p + j] = NULL;
        t->n++;
        if (!t->ids[i]) {
            cs_keymap_free(ids);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
        for (size_t j = 0; j < t->p; j++) {
            if (!(t->cell[i * t->p + j] = strdup(row->fields[j + 1]))) {
                cs_keymap_free(ids);
                return cs_error_set(CS_ENOMEM, "out of memory");
            }
        }
    }
    cs_keymap_free(ids);
    if (rc < 0)
        return rc;
    if (t->n < 2)
        return cs_error_set(CS_EDATA, "%s: cluster analysis needs at least 2 objects, found %zu",
                            name, t->n);
    return 0;
}

/* Fills column j of M from the table, inferring the type when it is CS_VAR_AUTO. */
static int fill_column(cs_datamatrix *m, const table *t, size_t j, const char *name)
{
    cs_var_type ty = cs_datamatrix_type(m, j);
    long col = (long)j + 2;
    if (ty == CS_VAR_NOMINAL) {
        cs_keymap *codes = NULL;
        if (cs_keymap_new(&codes))
            return CS_ENOMEM;
        const char **lv = malloc(t->n * sizeof *lv);
        size_t nl = 0;
        int rc = 0;
        if (!lv) {
            cs_keymap_free(codes);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < t->n && !rc; i++) {
            const char *s = t->cell[i * t->p + j];
            if (is_unknown_token(s))
                continue;
            cs_keymap_value *v = cs_keymap_put(codes, s, strlen(s));
            if (!v) {
                rc = CS_ENOMEM;
                break;
            }
            if (!v->line) {
                v->line = 1;
                v->id = (int64_t)nl;
                lv[nl++] = s;
            }
            rc = cs_datamatrix_set(m, i, j, (double)v->id);
        }
        if (!rc)
            rc = cs_datamatrix_set_levels(m, j, lv, nl);
        free(lv);
        cs_keymap_free(codes);
        return rc;
    }
    for (size_t i = 0; i < t->n; i++) {
        const char *s = t->cell[i * t->p + j];
        if (is_unknown_token(s))
            continue;
        double v;
        int read = parse_number(t, s, &v);
        if (read) {
            const char *what = ty == CS_VAR_ORDINAL   ? "a number (ordinal values are numbers)"
                               : ty == CS_VAR_NUMERIC ? "a finite number with a decimal point"
                                                      : "0 or 1 (binary variable)";
            if (read == CS_NUMBER_NONFINITE)
                what = ty == CS_VAR_ORDINAL ? "a finite number (ordinal values are numbers)"
                       : ty == CS_VAR_NUMERIC
                           ? "a finite number (not inf or nan, and one a double holds)"
                           : "0 or 1 (binary variable)";
            return cs_error_data(name, t->line[i], col, what, s);
        }
        if ((ty == CS_VAR_BINARY || ty == CS_VAR_ASYMM) && v != 0 && v != 1)
            return cs_error_data(name, t->line[i], col, "0 or 1 (binary variable)", s);
        int rc = cs_datamatrix_set(m, i, j, v);
        if (rc)
            return rc;
    }
    return 0;
}

/*
 * The inferred type of column j: nominal when its first known value is not a number. A number
 * that is not finite (inf, nan, 1e400) is a number, so its column is numeric and fill_column()
 * reports the cell, rather than reading the column as categories.
 */
static cs_var_type infer_type(const table *t, size_t j)
{
    int all01 = 1, any = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = t->cell[i * t->p + j];
        if (is_unknown_token(s))
            continue;
        double v;
        int read = parse_number(t, s, &v);
        if (read == CS_NUMBER_NONFINITE)
            return CS_VAR_NUMERIC;
        if (read) {
            if (!any)
                return CS_VAR_NOMINAL;
            return CS_VAR_NUMERIC; /* fill_column reports the offending cell */
        }
        any = 1;
        if (v != 0 && v != 1)
            all01 = 0;
    }
    return all01 ? CS_VAR_BINARY : CS_VAR_NUMERIC;
}

static int build_matrix(cs_datamatrix **out, const table *t, const char *name,
                        const cs_datamatrix_csv_options *opts)
{
    *out = NULL;
    if (opts && opts->types && opts->ntypes != t->p)
        return cs_error_set(CS_EUSAGE, "%s: %zu variable types given for %zu variable columns",
                            name, opts->ntypes, t->p);
    cs_var_type *types = malloc(t->p * sizeof *types);
    if (!types)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t j = 0; j < t->p; j++) {
        /* a column of unknowns cannot be typed, and means nothing to any distance */
        size_t i = 0;
        while (i < t->n && is_unknown_token(t->cell[i * t->p + j]))
            i++;
        if (i == t->n) {
            free(types);
            return cs_error_set(CS_EDATA,
                                "%s:%ld:%zu: expected at least one known value in "
                                "column \"%s\", found only unknown cells",
                                name, t->line[0], j + 2, t->names[j]);
        }
        cs_var_type ty = opts && opts->types ? opts->types[j] : CS_VAR_AUTO;
        types[j] = ty == CS_VAR_AUTO ? infer_type(t, j) : ty;
    }
    cs_datamatrix *m = NULL;
    int rc = cs_datamatrix_new(&m, t->n, t->p, types);
    free(types);
    if (rc)
        return rc;
    for (size_t i = 0; i < t->n && !rc; i++)
        rc = cs_datamatrix_set_id(m, i, t->ids[i]);
    for (size_t j = 0; j < t->p && !rc; j++)
        rc = cs_datamatrix_set_name(m, j, t->names[j]);
    for (size_t j = 0; j < t->p && !rc; j++)
        rc = fill_column(m, t, j, name);
    if (rc) {
        cs_datamatrix_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

static int load(cs_datamatrix **out, cs_csv_reader *r, const cs_datamatrix_csv_options *opts)
{
    table t;
    memset(&t, 0, sizeof t);
    const char *name = cs_csv_reader_name(r);
    int rc = read_table(&t, r, name);
    t.decimal_comma = cs_csv_reader_delimiter(r) != ',';
    if (!rc)
        rc = build_matrix(out, &t, name, opts);
    table_free(&t);
    return rc;
}

int cs_ingest_read_matrix(cs_datamatrix **out, const char *path,
                          const cs_datamatrix_csv_options *opts)
{
    *out = NULL;
    cs_csv_options co;
    memset(&co, 0, sizeof co);
    co.delimiter = opts ? opts->delimiter : 0;
    cs_csv_reader *r = NULL;
    int rc = cs_csv_reader_open(&r, path, &co);
    if (rc)
        return rc;
    rc = load(out, r, opts);
    cs_csv_reader_close(r);
    return rc;
}

int cs_ingest_parse_matrix(cs_datamatrix **out, const char *name, const char *text, size_t len,
                           const cs_datamatrix_csv_options *opts)
{
    *out = NULL;
    cs_csv_options co;
    memset(&co, 0, sizeof co);
    co.delimiter = opts ? opts->delimiter : 0;
    cs_csv_reader *r = NULL;
    int rc = cs_csv_reader_open_memory(&r, name ? name : "<input>", text, len, &co);
    if (rc)
        return rc;
    rc = load(out, r, opts);
    cs_csv_reader_close(r);
    return rc;
}
