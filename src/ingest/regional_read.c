/*
 * regional_read.c: long-form regional statistics (region, industry or category, year, values)
 * read as a stream by csv_reader.c into dense arrays for regional.h (ingest.h). Only the rows
 * of the years asked are kept, so a file of many years costs the memory of those it gives.
 */
#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "ingest/csv_reader.h"
#include "util/buf.h"
#include "util/keymap.h"
#include "util/number.h"
#include "util/strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALUES 4
#define MAX_YEARS  4096

typedef struct {
    uint32_t r, k, y;
    long line;
} cell;

typedef struct {
    cs_strpool *pool;
    cs_keymap *regions, *keys;
    char **rname, **kname, **attr;
    long *attr_line;
    size_t nr, nk, rcap, kcap;
    cell *cells;
    double *vals;
    size_t ncells, ccap, vcap;
    int years_seen[MAX_YEARS];
    size_t n_seen;
    /* the result's arrays */
    const char **region_sorted, **key_sorted, **attr_sorted;
    int *year;
    int has_value[MAX_VALUES];
    double *x;
} state;

typedef struct {
    cs_regional_data pub;
    state st;
} data_impl;

static void state_free(state *s)
{
    cs_strpool_free(s->pool);
    cs_keymap_free(s->regions);
    cs_keymap_free(s->keys);
    free(s->rname);
    free(s->kname);
    free(s->attr);
    free(s->attr_line);
    free(s->cells);
    free(s->vals);
    free(s->region_sorted);
    free(s->key_sorted);
    free(s->attr_sorted);
    free(s->year);
    free(s->x);
}

void cs_regional_data_free(cs_regional_data *d)
{
    if (!d)
        return;
    data_impl *impl = d->internal;
    state_free(&impl->st);
    free(impl);
}

const double *cs_regional_data_values(const cs_regional_data *d, size_t y, size_t v)
{
    return d->x + (y * d->nv + v) * d->nr * d->ni;
}

int cs_regional_data_check_totals(const cs_regional_data *d, const char *const *names, size_t n,
                                  const char *what)
{
    size_t plane = d->nr * d->ni;
    for (size_t y = 0; y < d->ny; y++)
        for (size_t v = 0; v < n && v < d->nv; v++) {
            if (d->has_value && !d->has_value[v])
                continue;
            const double *x = cs_regional_data_values(d, y, v);
            size_t k = 0;
            while (k < plane && x[k] == 0)
                k++;
            if (k < plane)
                continue;
            char year[32] = "";
            if (d->year)
                snprintf(year, sizeof year, " in %d", d->year[y]);
            return cs_error_set(CS_EDATA,
                                "%s: expected some %s above 0%s (every share and quotient "
                                "divides by its total), found only zeros",
                                what, names[v], year);
        }
    return 0;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu rows of regional data", need);
    *p = q;
    *cap = c;
    return 0;
}

/* The index of a name in a map, adding it (copied into the pool) when new. */
static int intern(uint32_t *out, state *s, cs_keymap *map, char ***names, size_t *n, size_t *cap,
                  const char *f, size_t len, int with_attr)
{
    cs_keymap_value *v = cs_keymap_put(map, f, len);
    if (!v)
        return CS_ENOMEM;
    if (!v->line) {
        if (*n >= UINT32_MAX)
            return cs_error_set(CS_EDATA, "more than %u names in one column", UINT32_MAX);
        size_t c = *cap;
        int rc = grow((void **)names, &c, *n + 1, sizeof **names);
        if (!rc && with_attr) {
            size_t c2 = *cap;
            rc = grow((void **)&s->attr, &c2, *n + 1, sizeof *s->attr);
            size_t c3 = *cap;
            rc = rc ? rc : grow((void **)&s->attr_line, &c3, *n + 1, sizeof *s->attr_line);
        }
        if (rc)
            return rc;
        *cap = c;
        char *copy = cs_strpool_add(s->pool, f, len);
        if (!copy)
            return CS_ENOMEM;
        (*names)[*n] = copy;
        if (with_attr) {
            s->attr[*n] = NULL;
            s->attr_line[*n] = 0;
        }
        v->id = (int64_t)*n;
        v->line = 1;
        (*n)++;
    }
    *out = (uint32_t)v->id;
    return 0;
}

/* names passed through qsort_r's argument, not a global: the reader may run on many threads */
static int cmp_index(const void *a, const void *b, void *names)
{
    char *const *n = names;
    return strcmp(n[*(const size_t *)a], n[*(const size_t *)b]);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* "2015, 2016, 2017" (the years seen, sorted) into b. */
static int list_years(cs_buf *b, state *s)
{
    qsort(s->years_seen, s->n_seen, sizeof *s->years_seen, cmp_int);
    for (size_t k = 0; k < s->n_seen; k++)
        if (cs_buf_printf(b, "%s%d", k ? ", " : "", s->years_seen[k]))
            return CS_ENOMEM;
    return 0;
}

/* The sorted order of n names: perm[new] = old, rank[old] = new. */
static int sort_order(size_t **rank, const char ***sorted, char **names, size_t n)
{
    size_t *perm = malloc((n ? n : 1) * sizeof *perm);
    *rank = malloc((n ? n : 1) * sizeof **rank);
    *sorted = malloc((n ? n : 1) * sizeof **sorted);
    if (!perm || !*rank || !*sorted) {
        free(perm);
        return cs_error_set(CS_ENOMEM, "out of memory for %zu names", n);
    }
    for (size_t k = 0; k < n; k++)
        perm[k] = k;
    qsort_r(perm, n, sizeof *perm, cmp_index, names);
    for (size_t k = 0; k < n; k++) {
        (*rank)[perm[k]] = k;
        (*sorted)[k] = names[perm[k]];
    }
    free(perm);
    return 0;
}

int cs_ingest_read_regional(cs_regional_data **out, const char *path,
                            const cs_regional_read_options *opts)
{
    *out = NULL;
    if (!opts || !opts->key || opts->n_values == 0 || opts->n_values > MAX_VALUES ||
        opts->n_required > opts->n_values || opts->n_years > MAX_YEARS)
        return cs_error_set(CS_EUSAGE, "regional data: bad reading options");
    data_impl *impl = calloc(1, sizeof *impl);
    if (!impl)
        return cs_error_set(CS_ENOMEM, "out of memory");
    state *s = &impl->st;
    cs_csv_reader *rd = NULL;
    cs_buf msg = CS_BUF_INIT;
    size_t *rrank = NULL, *krank = NULL;
    uint32_t *seen = NULL;
    int rc = cs_strpool_new(&s->pool);
    rc = rc ? rc : cs_keymap_new(&s->regions);
    rc = rc ? rc : cs_keymap_new(&s->keys);
    cs_csv_options co;
    memset(&co, 0, sizeof co);
    co.delimiter = opts->delimiter;
    rc = rc ? rc : cs_csv_reader_open(&rd, path, &co);
    if (rc)
        goto fail;
    int comma = cs_csv_reader_delimiter(rd) != ',';
    const cs_csv_row *row = NULL;
    /* the header: where each known column is */
    long col_region = -1, col_key = -1, col_year = -1, col_attr = -1, col_val[MAX_VALUES];
    for (size_t v = 0; v < MAX_VALUES; v++)
        col_val[v] = -1;
    size_t ncols = 0;
    rc = cs_csv_reader_next(rd, &row);
    if (rc == 0)
        rc = cs_error_data(path, 0, 0, "a header row", "an empty file");
    if (rc < 0)
        goto fail;
    ncols = row->count;
    long header_line = row->line;
    for (size_t j = 0; j < ncols; j++) {
        const char *f = row->fields[j];
        long *slot = NULL;
        if (strcmp(f, "region") == 0)
            slot = &col_region;
        else if (strcmp(f, opts->key) == 0)
            slot = &col_key;
        else if (strcmp(f, "year") == 0)
            slot = &col_year;
        else if (opts->attribute && strcmp(f, opts->attribute) == 0)
            slot = &col_attr;
        for (size_t v = 0; !slot && v < opts->n_values; v++)
            if (strcmp(f, opts->values[v]) == 0)
                slot = &col_val[v];
        if (!slot || *slot >= 0) {
            cs_buf_printf(&msg, "%s: region, %s", slot ? "each column once" : "a column",
                          opts->key);
            for (size_t v = 0; v < opts->n_values; v++)
                cs_buf_printf(&msg, ", %s", opts->values[v]);
            cs_buf_printf(&msg, ", year%s%s", opts->attribute ? ", " : "",
                          opts->attribute ? opts->attribute : "");
            if (slot)
                cs_buf_puts(&msg, " (this one is repeated)");
            rc = cs_error_data(path, header_line, (long)j + 1, cs_buf_str(&msg), f);
            goto fail;
        }
        *slot = (long)j;
    }
    const char *missing = col_region < 0 ? "region" : col_key < 0 ? opts->key : NULL;
    for (size_t v = 0; !missing && v < opts->n_required; v++)
        if (col_val[v] < 0)
            missing = opts->values[v];
    if (!missing && col_year < 0 && (opts->need_year || opts->n_years))
        missing = "year";
    if (missing) {
        cs_buf hdr = CS_BUF_INIT;
        for (size_t j = 0; j < ncols; j++)
            cs_buf_printf(&hdr, "%s%s", j ? "," : "", row->fields[j]);
        cs_buf_printf(&msg, "a column '%s' in the header", missing);
        rc = cs_error_data(path, header_line, 0, cs_buf_str(&msg), cs_buf_str(&hdr));
        cs_buf_free(&hdr);
        goto fail;
    }
    for (size_t v = 0; v < opts->n_values; v++)
        s->has_value[v] = col_val[v] >= 0;
    size_t nv = opts->n_values;
    int keep_year = 0, have_keep = 0; /* with no year asked: the first year seen */
    int last_year = 0;
    size_t last_idx = 0;
    int last_keep = -1;
    while ((rc = cs_csv_reader_next(rd, &row)) == 1) {
        if (row->count != ncols) {
            rc = cs_error_set(CS_EDATA, "%s:%ld: expected %zu fields as in the header, found %zu",
                              path, row->line, ncols, row->count);
            goto fail;
        }
        uint32_t yi = 0;
        if (col_year >= 0) {
            long long y;
            const char *f = row->fields[col_year];
            if (cs_number_read_whole(&y, f, row->lengths[col_year], 0, 9999)) {
                rc = cs_error_data(path, row->line, col_year + 1, "a year (a whole number)", f);
                goto fail;
            }
            int yr = (int)y;
            if (last_keep < 0 || yr != last_year) {
                size_t k = 0;
                while (k < s->n_seen && s->years_seen[k] != yr)
                    k++;
                if (k == s->n_seen) {
                    if (s->n_seen == MAX_YEARS) {
                        rc = cs_error_data(path, row->line, col_year + 1,
                                           "at most 4096 different years", f);
                        goto fail;
                    }
                    s->years_seen[s->n_seen++] = yr;
                }
                last_year = yr;
                last_keep = 0;
                if (opts->n_years) {
                    for (size_t a = 0; a < opts->n_years; a++)
                        if (opts->years[a] == yr) {
                            last_keep = 1;
                            last_idx = a;
                        }
                } else {
                    if (!have_keep) {
                        have_keep = 1;
                        keep_year = yr;
                    }
                    last_keep = yr == keep_year;
                    last_idx = 0;
                }
            }
            if (!last_keep)
                continue;
            yi = (uint32_t)last_idx;
        }
        const char *rf = row->fields[col_region], *kf = row->fields[col_key];
        if (!*rf || !*kf) {
            long c = *rf ? col_key : col_region;
            rc = cs_error_data(path, row->line, c + 1, *rf ? "an industry name" : "a region name",
                               "");
            if (*rf && strcmp(opts->key, "industry") != 0) {
                cs_buf_printf(&msg, "a %s name", opts->key);
                rc = cs_error_data(path, row->line, c + 1, cs_buf_str(&msg), "");
            }
            goto fail;
        }
        uint32_t ri, ki;
        rc = intern(&ri, s, s->regions, &s->rname, &s->nr, &s->rcap, rf, row->lengths[col_region],
                    0);
        rc =
            rc ? rc
               : intern(&ki, s, s->keys, &s->kname, &s->nk, &s->kcap, kf, row->lengths[col_key], 1);
        if (rc)
            goto fail;
        if (col_attr >= 0) {
            const char *af = row->fields[col_attr];
            if (!*af) {
                cs_buf_printf(&msg, "a %s name", opts->attribute);
                rc = cs_error_data(path, row->line, col_attr + 1, cs_buf_str(&msg), "");
                goto fail;
            }
            if (!s->attr[ki]) {
                s->attr[ki] = cs_strpool_add(s->pool, af, row->lengths[col_attr]);
                if (!s->attr[ki]) {
                    rc = CS_ENOMEM;
                    goto fail;
                }
                s->attr_line[ki] = row->line;
            } else if (strcmp(s->attr[ki], af) != 0) {
                cs_buf_printf(&msg, "%s '%s' for %s '%s' as on line %ld", opts->attribute,
                              s->attr[ki], opts->key, s->kname[ki], s->attr_line[ki]);
                rc = cs_error_data(path, row->line, col_attr + 1, cs_buf_str(&msg), af);
                goto fail;
            }
        }
        size_t cc = s->ccap;
        rc = grow((void **)&s->cells, &cc, s->ncells + 1, sizeof *s->cells);
        rc = rc ? rc : grow((void **)&s->vals, &s->vcap, (s->ncells + 1) * nv, sizeof *s->vals);
        if (rc)
            goto fail;
        s->ccap = cc;
        double *vals = s->vals + s->ncells * nv;
        for (size_t v = 0; v < nv; v++) {
            vals[v] = 0;
            if (col_val[v] < 0)
                continue;
            const char *f = row->fields[col_val[v]];
            int n = cs_number_read(&vals[v], f, row->lengths[col_val[v]], comma);
            if (n != CS_NUMBER_OK || vals[v] < 0) {
                rc = cs_error_data(path, row->line, col_val[v] + 1,
                                   n == CS_NUMBER_OK          ? "a value of at least 0"
                                   : n == CS_NUMBER_NONFINITE ? "a finite number"
                                                              : "a number",
                                   f);
                goto fail;
            }
        }
        s->cells[s->ncells++] = (cell){ ri, ki, yi, row->line };
    }
    if (rc < 0)
        goto fail;
    rc = 0;
    /* which years: the one kept, or those asked, each of which the file must hold */
    size_t ny = 1;
    if (col_year >= 0 && opts->n_years) {
        ny = opts->n_years;
        for (size_t a = 0; a < opts->n_years; a++) {
            size_t k = 0;
            while (k < s->n_seen && s->years_seen[k] != opts->years[a])
                k++;
            if (k == s->n_seen) {
                char found[32];
                snprintf(found, sizeof found, "%d", opts->years[a]);
                cs_buf_puts(&msg, s->n_seen ? "a year the file holds (" : "a year the file holds");
                list_years(&msg, s);
                cs_buf_puts(&msg, s->n_seen ? ")" : "");
                rc = cs_error_data(path, 0, 0, cs_buf_str(&msg), found);
                goto fail;
            }
        }
    } else if (col_year >= 0 && s->n_seen > 1) {
        size_t n = s->n_seen;
        list_years(&msg, s);
        rc = cs_error_set(CS_EDATA,
                          "%s: expected the values of one year, found %zu years (%s); choose one",
                          path, n, cs_buf_str(&msg));
        goto fail;
    }
    if (s->ncells == 0) {
        rc = cs_error_data(path, 0, 0, "at least one data row after the header", "none");
        goto fail;
    }
    /* regions and keys in byte order, so that output is the same whatever the row order */
    const char **rs = NULL, **ks = NULL;
    rc = sort_order(&rrank, &rs, s->rname, s->nr);
    s->region_sorted = rs;
    if (!rc) {
        rc = sort_order(&krank, &ks, s->kname, s->nk);
        s->key_sorted = ks;
    }
    if (rc)
        goto fail;
    size_t nr = s->nr, ni = s->nk;
    size_t plane = nr * ni;
    if (ni && plane / ni != nr) {
        rc = cs_error_set(CS_ENOMEM, "%s: %zu regions x %zu keys is too large", path, nr, ni);
        goto fail;
    }
    s->x = calloc(ny * nv * plane, sizeof *s->x);
    seen = calloc(ny * plane, sizeof *seen);
    s->year = malloc(ny * sizeof *s->year);
    if (col_attr >= 0)
        s->attr_sorted = malloc(ni * sizeof *s->attr_sorted);
    if (!s->x || !seen || !s->year || (col_attr >= 0 && !s->attr_sorted)) {
        rc = cs_error_set(CS_ENOMEM, "%s: out of memory for %zu x %zu x %zu values", path, ny, nr,
                          ni);
        goto fail;
    }
    for (size_t a = 0; a < ny; a++)
        s->year[a] = opts->n_years ? opts->years[a] : (s->n_seen ? s->years_seen[0] : 0);
    if (col_attr >= 0)
        for (size_t k = 0; k < ni; k++)
            s->attr_sorted[krank[k]] = s->attr[k];
    for (size_t c = 0; c < s->ncells; c++) {
        const cell *e = &s->cells[c];
        size_t r = rrank[e->r], i = krank[e->k];
        size_t at = (size_t)e->y * plane + r * ni + i;
        if (seen[at]) {
            const cell *first = &s->cells[seen[at] - 1];
            if (col_year >= 0)
                rc = cs_error_set(CS_EDATA,
                                  "%s:%ld:%ld: expected one row per region, %s and year, found "
                                  "a second row for '%s', '%s', %d (first on line %ld)",
                                  path, e->line, col_region + 1, opts->key, s->rname[e->r],
                                  s->kname[e->k], s->year[e->y], first->line);
            else
                rc = cs_error_set(CS_EDATA,
                                  "%s:%ld:%ld: expected one row per region and %s, found a "
                                  "second row for '%s', '%s' (first on line %ld)",
                                  path, e->line, col_region + 1, opts->key, s->rname[e->r],
                                  s->kname[e->k], first->line);
            goto fail;
        }
        seen[at] = (uint32_t)(c + 1);
        for (size_t v = 0; v < nv; v++)
            s->x[((size_t)e->y * nv + v) * plane + r * ni + i] = s->vals[c * nv + v];
    }
    free(seen);
    seen = NULL;
    free(s->cells);
    free(s->vals);
    s->cells = NULL;
    s->vals = NULL;
    free(rrank);
    free(krank);
    cs_buf_free(&msg);
    cs_csv_reader_close(rd);
    impl->pub.nr = nr;
    impl->pub.ni = ni;
    impl->pub.ny = ny;
    impl->pub.nv = nv;
    impl->pub.region = s->region_sorted;
    impl->pub.key = s->key_sorted;
    impl->pub.attribute = s->attr_sorted;
    impl->pub.year = col_year >= 0 ? s->year : NULL;
    impl->pub.has_value = s->has_value;
    impl->pub.x = s->x;
    impl->pub.internal = impl;
    if ((rc = cs_regional_data_check_totals(&impl->pub, opts->values, opts->n_required, path))) {
        cs_regional_data_free(&impl->pub);
        return rc;
    }
    *out = &impl->pub;
    return 0;
fail:
    if (rc >= 0)
        rc = CS_ENOMEM;
    free(seen);
    free(rrank);
    free(krank);
    cs_buf_free(&msg);
    cs_csv_reader_close(rd);
    state_free(s);
    free(impl);
    return rc;
}

/* ---- data from another source than a file (the registry's statistics) ---- */

struct cs_regional_builder {
    data_impl *impl;
    size_t nv, ny;
    int any_attr;
};

int cs_regional_builder_new(cs_regional_builder **out, size_t n_values, const int *years,
                            size_t n_years)
{
    *out = NULL;
    if (n_values == 0 || n_values > MAX_VALUES || n_years == 0 || n_years > MAX_YEARS)
        return cs_error_set(CS_EUSAGE, "regional data: bad reading options");
    cs_regional_builder *b = calloc(1, sizeof *b);
    data_impl *impl = calloc(1, sizeof *impl);
    int rc = b && impl ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    if (!rc) {
        b->impl = impl;
        b->nv = n_values;
        b->ny = n_years;
        rc = cs_strpool_new(&impl->st.pool);
        rc = rc ? rc : cs_keymap_new(&impl->st.regions);
        rc = rc ? rc : cs_keymap_new(&impl->st.keys);
        impl->st.year = rc ? NULL : malloc(n_years * sizeof *impl->st.year);
        if (!rc && !impl->st.year)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (rc) {
        if (impl)
            state_free(&impl->st);
        free(impl);
        free(b);
        return rc;
    }
    memcpy(impl->st.year, years, n_years * sizeof *years);
    *out = b;
    return 0;
}

void cs_regional_builder_free(cs_regional_builder *b)
{
    if (!b)
        return;
    if (b->impl)
        state_free(&b->impl->st);
    free(b->impl);
    free(b);
}

int cs_regional_builder_add(cs_regional_builder *b, const char *region, const char *key,
                            const char *attribute, size_t year, size_t value, double x)
{
    state *s = &b->impl->st;
    if (!*region || !*key || year >= b->ny || value >= b->nv || !(x >= 0) || x > 1.79e308)
        return cs_error_set(CS_EDATA,
                            "regional data: expected a named region and key and a finite value "
                            "of at least 0, found '%s', '%s', %g",
                            region, key, x);
    uint32_t ri, ki;
    int rc = intern(&ri, s, s->regions, &s->rname, &s->nr, &s->rcap, region, strlen(region), 0);
    rc = rc ? rc : intern(&ki, s, s->keys, &s->kname, &s->nk, &s->kcap, key, strlen(key), 1);
    if (rc)
        return rc;
    if (attribute && !s->attr[ki]) {
        s->attr[ki] = cs_strpool_add(s->pool, attribute, strlen(attribute));
        if (!s->attr[ki])
            return CS_ENOMEM;
        b->any_attr = 1;
    }
    /* one cell per (region, key, year): the caller gives a cell's values one after another */
    cell *last = s->ncells ? &s->cells[s->ncells - 1] : NULL;
    if (!last || last->r != ri || last->k != ki || last->y != (uint32_t)year) {
        size_t cc = s->ccap;
        rc = grow((void **)&s->cells, &cc, s->ncells + 1, sizeof *s->cells);
        rc = rc ? rc : grow((void **)&s->vals, &s->vcap, (s->ncells + 1) * b->nv, sizeof *s->vals);
        if (rc)
            return rc;
        s->ccap = cc;
        memset(s->vals + s->ncells * b->nv, 0, b->nv * sizeof *s->vals);
        s->cells[s->ncells++] = (cell){ ri, ki, (uint32_t)year, (long)s->ncells + 1 };
    }
    s->vals[(s->ncells - 1) * b->nv + value] = x;
    return 0;
}

int cs_regional_builder_finish(cs_regional_data **out, cs_regional_builder *b, const int *has_value,
                               const char *what)
{
    *out = NULL;
    data_impl *impl = b->impl;
    state *s = &impl->st;
    size_t *rrank = NULL, *krank = NULL;
    unsigned char *seen = NULL;
    const char **rs = NULL, **ks = NULL;
    int rc =
        s->ncells ? 0 : cs_error_set(CS_EDATA, "%s: expected at least one value, found none", what);
    rc = rc ? rc : sort_order(&rrank, &rs, s->rname, s->nr);
    s->region_sorted = rs;
    if (!rc) {
        rc = sort_order(&krank, &ks, s->kname, s->nk);
        s->key_sorted = ks;
    }
    size_t nr = s->nr, ni = s->nk, nv = b->nv, ny = b->ny, plane = nr * ni;
    if (!rc && ni && plane / ni != nr)
        rc = cs_error_set(CS_ENOMEM, "%s: %zu regions x %zu keys is too large", what, nr, ni);
    if (!rc) {
        s->x = calloc(ny * nv * plane, sizeof *s->x);
        seen = calloc(ny * plane, 1); /* plane > 0: at least one cell */
        if (b->any_attr)
            s->attr_sorted = malloc((ni ? ni : 1) * sizeof *s->attr_sorted);
        if (!s->x || !seen || (b->any_attr && !s->attr_sorted))
            rc = cs_error_set(CS_ENOMEM, "%s: out of memory for %zu x %zu x %zu values", what, ny,
                              nr, ni);
    }
    /* a key without a type of its own reads as an empty one, for the caller to refuse */
    for (size_t k = 0; !rc && b->any_attr && k < ni; k++)
        s->attr_sorted[krank[k]] = s->attr[k] ? s->attr[k] : "";
    for (size_t c = 0; !rc && c < s->ncells; c++) {
        const cell *e = &s->cells[c];
        size_t at = (size_t)e->y * plane + rrank[e->r] * ni + krank[e->k];
        if (seen[at]) {
            rc = cs_error_set(CS_EDATA,
                              "%s: expected one value per region, key and year, found "
                              "two for '%s', '%s', %d",
                              what, s->rname[e->r], s->kname[e->k], s->year[e->y]);
            break;
        }
        seen[at] = 1;
        for (size_t v = 0; v < nv; v++)
            s->x[((size_t)e->y * nv + v) * plane + rrank[e->r] * ni + krank[e->k]] =
                s->vals[c * nv + v];
    }
    free(seen);
    free(rrank);
    free(krank);
    if (rc) {
        cs_regional_builder_free(b);
        return rc;
    }
    free(s->cells);
    free(s->vals);
    s->cells = NULL;
    s->vals = NULL;
    for (size_t v = 0; v < nv; v++)
        s->has_value[v] = has_value ? has_value[v] : 1;
    impl->pub.nr = nr;
    impl->pub.ni = ni;
    impl->pub.ny = ny;
    impl->pub.nv = nv;
    impl->pub.region = s->region_sorted;
    impl->pub.key = s->key_sorted;
    impl->pub.attribute = s->attr_sorted;
    impl->pub.year = s->year;
    impl->pub.has_value = s->has_value;
    impl->pub.x = s->x;
    impl->pub.internal = impl;
    *out = &impl->pub;
    free(b);
    return 0;
}
