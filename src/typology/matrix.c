/*
 * matrix.c: the data matrix of a cluster analysis (objects x typed variables, unknown cells).
 * Its CSV reader is src/ingest/matrix_read.c: this module reads no files.
 *
 * Invariants: x[i*p+j] is NaN exactly when the cell is unknown; for a binary column the bit
 * sets agree with x (bit set = 1, known bit set = known); `unknowns` counts the NaN cells.
 */
#include "typology/typology_impl.h"

#include "typology/matrix_adopt.h"

#include "clusterscope/error.h"
#include "util/keymap.h"

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
    if (m->id && !m->id_pool)
        for (size_t i = 0; i < m->n; i++)
            free(m->id[i]);
    cs_strpool_free(m->id_pool);
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

int cs_typ_datamatrix_adopt(cs_datamatrix **out, size_t n, size_t p, const cs_var_type *types,
                            double *x, char **ids, cs_strpool *id_pool, const char *const *names)
{
    *out = NULL;
    int rc = 0;
    cs_datamatrix *m = NULL;
    if (n == 0 || p == 0 || !x || !ids || !id_pool) {
        rc = cs_error_set(CS_EUSAGE, "a data matrix needs at least one object and one variable");
        goto fail;
    }
    for (size_t j = 0; j < p; j++) {
        if (!types || types[j] < CS_VAR_NUMERIC || types[j] > CS_VAR_NOMINAL) {
            rc = cs_error_set(CS_EUSAGE,
                              "variable %zu: the type must be numeric, binary, asymm, ordinal "
                              "or nominal",
                              j + 1);
            goto fail;
        }
    }
    if (!(m = calloc(1, sizeof *m))) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto fail;
    }
    m->n = n;
    m->p = p;
    m->x = x;
    m->id = ids;
    m->id_pool = id_pool;
    x = NULL;
    ids = NULL;
    id_pool = NULL;
    m->type = malloc(p * sizeof *m->type);
    m->bitpos = malloc(p * sizeof *m->bitpos);
    m->name = calloc(p, sizeof *m->name);
    m->levels = calloc(p, sizeof *m->levels);
    m->nlevels = calloc(p, sizeof *m->nlevels);
    if (!m->type || !m->bitpos || !m->name || !m->levels || !m->nlevels)
        goto nomem;
    for (size_t j = 0; j < p; j++) {
        m->type[j] = types[j];
        m->bitpos[j] = is_binary_type(types[j]) ? m->nbin++ : SIZE_MAX;
        if (!(m->name[j] = dupstr(names[j])))
            goto nomem;
    }
    m->nw = (m->nbin + 63) / 64;
    if (m->nw) {
        m->bits = calloc(n * m->nw, sizeof *m->bits);
        m->known = calloc(n * m->nw, sizeof *m->known);
        if (!m->bits || !m->known)
            goto nomem;
    }
    /* the invariants of the struct, checked rather than trusted: one pass over the cells */
    for (size_t i = 0; i < n; i++) {
        double *row = m->x + i * p;
        for (size_t j = 0; j < p; j++) {
            double v = row[j];
            if (isnan(v)) {
                m->unknowns++;
                continue;
            }
            if (!isfinite(v) || (m->bitpos[j] != SIZE_MAX && v != 0 && v != 1)) {
                rc = cs_error_set(CS_EDATA,
                                  "object \"%s\", variable \"%s\": expected a finite value%s, "
                                  "found %g",
                                  m->id[i], m->name[j], m->bitpos[j] != SIZE_MAX ? " (0 or 1)" : "",
                                  v);
                cs_datamatrix_free(m);
                return rc;
            }
            if (m->bitpos[j] != SIZE_MAX) {
                set_bit(m, i, j, 1, v == 1);
                row[j] = v == 1 ? 1.0 : 0.0; /* no -0.0 */
            }
        }
    }
    *out = m;
    return 0;
nomem:
    cs_datamatrix_free(m);
    return cs_error_set(CS_ENOMEM, "out of memory for a %zu x %zu data matrix", n, p);
fail:
    free(x);
    free(ids);
    cs_strpool_free(id_pool);
    return rc;
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
    if (!m->id_pool)
        return set_string(&m->id[i], id, "an object id");
    if (!id || !*id)
        return cs_error_set(CS_EUSAGE, "an object id must not be empty");
    char *d = cs_strpool_add(m->id_pool, id, strlen(id));
    if (!d)
        return CS_ENOMEM;
    m->id[i] = d; /* the old id stays in the pool until the matrix is freed */
    return 0;
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

const double *cs_datamatrix_values(const cs_datamatrix *m)
{
    return m->x;
}

int cs_datamatrix_euclidean_finite(const cs_datamatrix *m, double scale)
{
    double bound = 0;
    for (size_t j = 0; j < m->p; j++) {
        double lo = INFINITY, hi = -INFINITY;
        int unknown = 0;
        for (size_t i = 0; i < m->n; i++) {
            double v = m->x[i * m->p + j];
            if (isnan(v)) {
                unknown = 1;
                continue;
            }
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        if (unknown) {
            lo = lo < 0 ? lo : 0;
            hi = hi > 0 ? hi : 0;
        }
        if (hi >= lo)
            bound += (hi - lo) * (hi - lo);
    }
    return isfinite(bound * scale);
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
