/*
 * matrix.c: the data matrix of a cluster analysis (objects x typed variables, unknown cells)
 * and its CSV loader.
 *
 * Invariants: x[i*p+j] is NaN exactly when the cell is unknown; for a binary column the bit
 * sets agree with x (bit set = 1, known bit set = known); `unknowns` counts the NaN cells.
 */
#include "typology/typology_impl.h"

#include "clusterscope/error.h"
#include "ingest/csv_reader.h"
#include "util/buf.h"
#include "util/keymap.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
    "auto", "numeric", "binary", "asymm", "ordinal", "nominal"
};

const char *cs_var_type_name(cs_var_type t)
{
    if ((int)t < 0 || (size_t)t >= sizeof type_names / sizeof type_names[0])
        return "?";
    return type_names[t];
}

int cs_var_type_parse(cs_var_type *out, const char *name)
{
    static const struct {
        const char *name;
        cs_var_type t;
    } names[] = {
        { "auto", CS_VAR_AUTO },       { "numeric", CS_VAR_NUMERIC }, { "binary", CS_VAR_BINARY },
        { "symm", CS_VAR_BINARY },     { "asymm", CS_VAR_ASYMM },     { "ordinal", CS_VAR_ORDINAL },
        { "nominal", CS_VAR_NOMINAL }, { "I", CS_VAR_NUMERIC },       { "S", CS_VAR_BINARY },
        { "A", CS_VAR_ASYMM },         { "O", CS_VAR_ORDINAL },       { "N", CS_VAR_NOMINAL },
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (name && strcmp(name, names[k].name) == 0) {
            *out = names[k].t;
            return 0;
        }
    }
    return cs_error_set(CS_EUSAGE,
                        "unknown variable type \"%s\" (expected numeric, binary, asymm, ordinal, "
                        "nominal or auto)",
                        name ? name : "");
}

static char *dupstr(const char *s)
{
    size_t len = strlen(s);
    char *d = malloc(len + 1);
    if (d)
        memcpy(d, s, len + 1);
    return d;
}

static int is_binary_type(cs_var_type t)
{
    return t == CS_VAR_BINARY || t == CS_VAR_ASYMM;
}

int cs_datamatrix_new(cs_datamatrix **out, size_t n, size_t p, const cs_var_type *types)
{
    *out = NULL;
    if (n == 0 || p == 0)
        return cs_error_set(CS_EUSAGE,
                            "a data matrix needs at least one object and one "
                            "variable (got %zu x %zu)",
                            n, p);
    if (n > CS_TYP_HUGE / p / sizeof(double))
        return cs_error_set(CS_ENOMEM, "a data matrix of %zu x %zu is too large", n, p);
    for (size_t j = 0; j < p; j++) {
        if (!types || types[j] < CS_VAR_NUMERIC || types[j] > CS_VAR_NOMINAL)
            return cs_error_set(CS_EUSAGE,
                                "variable %zu: the type must be numeric, binary, "
                                "asymm, ordinal or nominal",
                                j + 1);
    }
    cs_datamatrix *m = calloc(1, sizeof *m);
    if (!m)
        return cs_error_set(CS_ENOMEM, "out of memory");
    m->n = n;
    m->p = p;
    m->type = malloc(p * sizeof *m->type);
    m->bitpos = malloc(p * sizeof *m->bitpos);
    m->x = malloc(n * p * sizeof *m->x);
    m->id = calloc(n, sizeof *m->id);
    m->name = calloc(p, sizeof *m->name);
    m->levels = calloc(p, sizeof *m->levels);
    m->nlevels = calloc(p, sizeof *m->nlevels);
    if (!m->type || !m->bitpos || !m->x || !m->id || !m->name || !m->levels || !m->nlevels)
        goto nomem;
    for (size_t j = 0; j < p; j++) {
        m->type[j] = types[j];
        m->bitpos[j] = is_binary_type(types[j]) ? m->nbin++ : SIZE_MAX;
    }
    m->nw = (m->nbin + 63) / 64;
    if (m->nw) {
        m->bits = calloc(n * m->nw, sizeof *m->bits);
        m->known = calloc(n * m->nw, sizeof *m->known);
        if (!m->bits || !m->known)
            goto nomem;
    }
    for (size_t k = 0; k < n * p; k++)
        m->x[k] = NAN;
    m->unknowns = n * p;
    for (size_t i = 0; i < n; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "%zu", i + 1);
        if (!(m->id[i] = dupstr(buf)))
            goto nomem;
    }
    for (size_t j = 0; j < p; j++) {
        char buf[32];
        snprintf(buf, sizeof buf, "V%zu", j + 1);
        if (!(m->name[j] = dupstr(buf)))
            goto nomem;
    }
    *out = m;
    return 0;
nomem:
    cs_datamatrix_free(m);
    return cs_error_set(CS_ENOMEM, "out of memory for a %zu x %zu data matrix", n, p);
}

void cs_datamatrix_free(cs_datamatrix *m)
{
    if (!m)
        return;
    if (m->id)
        for (size_t i = 0; i < m->n; i++)
            free(m->id[i]);
    if (m->name)
        for (size_t j = 0; j < m->p; j++)
            free(m->name[j]);
    if (m->levels) {
        for (size_t j = 0; j < m->p; j++) {
            for (size_t l = 0; l < m->nlevels[j]; l++)
                free(m->levels[j][l]);
            free(m->levels[j]);
        }
    }
    free(m->levels);
    free(m->nlevels);
    free(m->id);
    free(m->name);
    free(m->type);
    free(m->bitpos);
    free(m->x);
    free(m->bits);
    free(m->known);
    free(m);
}

static int check_cell(const cs_datamatrix *m, size_t i, size_t j)
{
    if (i >= m->n || j >= m->p)
        return cs_error_set(CS_EUSAGE, "cell (%zu, %zu) is outside the %zu x %zu data matrix", i, j,
                            m->n, m->p);
    return 0;
}

static void set_bit(cs_datamatrix *m, size_t i, size_t j, int known, int one)
{
    size_t b = m->bitpos[j];
    uint64_t mask = (uint64_t)1 << (b % 64);
    uint64_t *w = m->bits + i * m->nw + b / 64;
    uint64_t *k = m->known + i * m->nw + b / 64;
    *w = one ? (*w | mask) : (*w & ~mask);
    *k = known ? (*k | mask) : (*k & ~mask);
}

int cs_datamatrix_set(cs_datamatrix *m, size_t i, size_t j, double value)
{
    int rc = check_cell(m, i, j);
    if (rc)
        return rc;
    if (!isfinite(value))
        return cs_error_set(CS_EDATA,
                            "object \"%s\", variable \"%s\": expected a finite value, "
                            "found %g",
                            m->id[i], m->name[j], value);
    switch (m->type[j]) {
    case CS_VAR_BINARY:
    case CS_VAR_ASYMM:
        if (value != 0 && value != 1)
            return cs_error_set(CS_EDATA,
                                "object \"%s\", binary variable \"%s\": expected 0 or "
                                "1, found %g",
                                m->id[i], m->name[j], value);
        set_bit(m, i, j, 1, value == 1);
        value = value == 1 ? 1.0 : 0.0; /* no -0.0 */
        break;
    case CS_VAR_NOMINAL:
        if (value < 0 || value != floor(value) || value > 2147483647.0 ||
            (m->nlevels[j] && value >= (double)m->nlevels[j]))
            return cs_error_set(CS_EDATA,
                                "object \"%s\", nominal variable \"%s\": expected a "
                                "category code 0..%zu, found %g",
                                m->id[i], m->name[j],
                                m->nlevels[j] ? m->nlevels[j] - 1 : (size_t)2147483647, value);
        break;
    case CS_VAR_ORDINAL:
        if (m->nlevels[j] && (value < 0 || value != floor(value) || value >= m->nlevels[j]))
            return cs_error_set(CS_EDATA,
                                "object \"%s\", ordinal variable \"%s\": expected a "
                                "level index 0..%zu, found %g",
                                m->id[i], m->name[j], m->nlevels[j] - 1, value);
        break;
    default:
        break;
    }
    if (isnan(m->x[i * m->p + j]))
        m->unknowns--;
    m->x[i * m->p + j] = value;
    return 0;
}

int cs_datamatrix_set_unknown(cs_datamatrix *m, size_t i, size_t j)
{
    int rc = check_cell(m, i, j);
    if (rc)
        return rc;
    if (!isnan(m->x[i * m->p + j]))
        m->unknowns++;
    m->x[i * m->p + j] = NAN;
    if (is_binary_type(m->type[j]))
        set_bit(m, i, j, 0, 0);
    return 0;
}

static int set_string(char **slot, const char *s, const char *what)
{
    if (!s || !*s)
        return cs_error_set(CS_EUSAGE, "%s must not be empty", what);
    char *d = dupstr(s);
    if (!d)
        return cs_error_set(CS_ENOMEM, "out of memory");
    free(*slot);
    *slot = d;
    return 0;
}

int cs_datamatrix_set_id(cs_datamatrix *m, size_t i, const char *id)
{
    if (i >= m->n)
        return cs_error_set(CS_EUSAGE, "object %zu is outside the data matrix (%zu objects)", i,
                            m->n);
    return set_string(&m->id[i], id, "an object id");
}

int cs_datamatrix_set_name(cs_datamatrix *m, size_t j, const char *name)
{
    if (j >= m->p)
        return cs_error_set(CS_EUSAGE, "variable %zu is outside the data matrix (%zu variables)", j,
                            m->p);
    return set_string(&m->name[j], name, "a variable name");
}

int cs_datamatrix_set_levels(cs_datamatrix *m, size_t j, const char *const *levels, size_t n)
{
    if (j >= m->p)
        return cs_error_set(CS_EUSAGE, "variable %zu is outside the data matrix (%zu variables)", j,
                            m->p);
    if (m->type[j] != CS_VAR_ORDINAL && m->type[j] != CS_VAR_NOMINAL)
        return cs_error_set(CS_EUSAGE,
                            "variable \"%s\" is %s; only ordinal and nominal "
                            "variables have levels",
                            m->name[j], cs_var_type_name(m->type[j]));
    for (size_t i = 0; i < m->n; i++) {
        double v = m->x[i * m->p + j];
        if (!isnan(v) && (v != floor(v) || v < 0 || v >= (double)n))
            return cs_error_set(CS_EDATA,
                                "variable \"%s\": object \"%s\" has value %g, not a "
                                "level index 0..%zu",
                                m->name[j], m->id[i], v, n ? n - 1 : 0);
    }
    char **copy = calloc(n ? n : 1, sizeof *copy);
    if (!copy)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t l = 0; l < n; l++) {
        if (!(copy[l] = dupstr(levels[l] ? levels[l] : ""))) {
            for (size_t k = 0; k < l; k++)
                free(copy[k]);
            free(copy);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
    }
    for (size_t l = 0; l < m->nlevels[j]; l++)
        free(m->levels[j][l]);
    free(m->levels[j]);
    m->levels[j] = copy;
    m->nlevels[j] = n;
    return 0;
}

size_t cs_datamatrix_rows(const cs_datamatrix *m)
{
    return m->n;
}

size_t cs_datamatrix_cols(const cs_datamatrix *m)
{
    return m->p;
}

cs_var_type cs_datamatrix_type(const cs_datamatrix *m, size_t j)
{
    return j < m->p ? m->type[j] : CS_VAR_AUTO;
}

const char *cs_datamatrix_id(const cs_datamatrix *m, size_t i)
{
    return i < m->n ? m->id[i] : NULL;
}

const char *cs_datamatrix_name(const cs_datamatrix *m, size_t j)
{
    return j < m->p ? m->name[j] : NULL;
}

size_t cs_datamatrix_nlevels(const cs_datamatrix *m, size_t j)
{
    return j < m->p ? m->nlevels[j] : 0;
}

const char *cs_datamatrix_level(const cs_datamatrix *m, size_t j, size_t level)
{
    return j < m->p && level < m->nlevels[j] ? m->levels[j][level] : NULL;
}

int cs_datamatrix_get(const cs_datamatrix *m, size_t i, size_t j, double *value)
{
    if (i >= m->n || j >= m->p)
        return 0;
    double v = m->x[i * m->p + j];
    if (isnan(v))
        return 0;
    if (value)
        *value = v;
    return 1;
}

size_t cs_datamatrix_unknowns(const cs_datamatrix *m)
{
    return m->unknowns;
}

int cs_datamatrix_check(const cs_datamatrix *m)
{
    if (m->n < 2)
        return cs_error_set(CS_EDATA, "cluster analysis needs at least 2 objects, found %zu", m->n);
    cs_keymap *ids = NULL;
    if (cs_keymap_new(&ids))
        return CS_ENOMEM;
    for (size_t i = 0; i < m->n; i++) {
        cs_keymap_value *v = cs_keymap_put(ids, m->id[i], strlen(m->id[i]));
        if (!v) {
            cs_keymap_free(ids);
            return CS_ENOMEM;
        }
        if (v->line) {
            int rc = cs_error_set(CS_EDATA, "object id \"%s\" is used twice (objects %ld and %zu)",
                                  m->id[i], (long)v->line, i + 1);
            cs_keymap_free(ids);
            return rc;
        }
        v->line = (long)(i + 1);
    }
    cs_keymap_free(ids);
    if (m->unknowns) {
        for (size_t j = 0; j < m->p; j++) {
            size_t i = 0;
            while (i < m->n && isnan(m->x[i * m->p + j]))
                i++;
            if (i == m->n)
                return cs_error_set(CS_EDATA, "variable \"%s\" has no known value; drop it",
                                    m->name[j]);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                         */

typedef struct {
    char **cell; /* n x p strings as read (data columns only) */
    long *line;  /* line of each object's record */
    char **ids;
    char **names;
    size_t n, p, cap;
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
 * A finite number with a decimal point (or a decimal comma when it is the only separator, as
 * spreadsheets in Russian locales write it). Returns 1 and *v, or 0.
 */
static int parse_number(const char *s, double *v)
{
    char tmp[128];
    size_t len = strlen(s);
    if (len == 0 || len >= sizeof tmp)
        return 0;
    memcpy(tmp, s, len + 1);
    char *comma = strchr(tmp, ',');
    if (comma) {
        if (strchr(comma + 1, ',') || strchr(tmp, '.'))
            return 0;
        *comma = '.';
    }
    /* strtod accepts "inf", "nan", hex and leading spaces: allow plain decimal notation only */
    for (const char *c = tmp; *c; c++) {
        if (!strchr("0123456789.+-eE", *c))
            return 0;
    }
    errno = 0;
    char *end = NULL;
    double d = strtod(tmp, &end);
    if (end == tmp || *end != '\0' || !isfinite(d))
        return 0;
    *v = d;
    return 1;
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
        if (!(t->names[j] = dupstr(f))) {
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
            if (cap > CS_TYP_HUGE / (t->p * sizeof(char *))) {
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
        t->ids[i] = dupstr(id);
        for (size_t j = 0; j < t->p; j++)
            t->cell[i * t->p + j] = NULL;
        t->n++;
        if (!t->ids[i]) {
            cs_keymap_free(ids);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
        for (size_t j = 0; j < t->p; j++) {
            if (!(t->cell[i * t->p + j] = dupstr(row->fields[j + 1]))) {
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
    cs_var_type ty = m->type[j];
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
        if (!parse_number(s, &v)) {
            const char *what = ty == CS_VAR_ORDINAL   ? "a number (ordinal values are numbers)"
                               : ty == CS_VAR_NUMERIC ? "a finite number with a decimal point"
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

/* The inferred type of column j: nominal when its first known value is not a number. */
static cs_var_type infer_type(const table *t, size_t j)
{
    int all01 = 1, any = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = t->cell[i * t->p + j];
        if (is_unknown_token(s))
            continue;
        double v;
        if (!parse_number(s, &v)) {
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
    if (!rc)
        rc = build_matrix(out, &t, name, opts);
    table_free(&t);
    return rc;
}

int cs_datamatrix_read_csv(cs_datamatrix **out, const char *path,
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

int cs_datamatrix_parse_csv(cs_datamatrix **out, const char *name, const char *text, size_t len,
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
