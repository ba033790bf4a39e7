/*
 * related_read.c: a relatedness table of cluster categories (ingest.h) from the CMP's
 * relatedClusters.json or a CSV file category,category2,strength,related. Rows are gathered
 * first and placed into the n x n arrays once every category is known.
 */
#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "ingest/csv_reader.h"
#include "util/number.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *a, *b;
    double strength;
    unsigned char related;
    long pos; /* CSV: the line; JSON: the row from 1 */
} pair_row;

typedef struct {
    cs_related_table pub;
    char **key;
    unsigned char *related;
    double *strength;
} table_impl;

typedef struct {
    pair_row *row;
    size_t n, cap;
    const char *path;
    int json;
} rows;

static void rows_free(rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->row[i].a);
        free(r->row[i].b);
    }
    free(r->row);
}

static int rows_add(rows *r, const char *a, const char *b, double strength, int related, long pos)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        pair_row *p = realloc(r->row, cap * sizeof *p);
        if (!p)
            return cs_error_set(CS_ENOMEM, "out of memory for %zu pairs", cap);
        r->row = p;
        r->cap = cap;
    }
    pair_row *p = &r->row[r->n];
    p->a = strdup(a);
    p->b = strdup(b);
    if (!p->a || !p->b) {
        free(p->a);
        free(p->b);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    p->strength = strength;
    p->related = (unsigned char)related;
    p->pos = pos;
    r->n++;
    return 0;
}

/* A whole number's value, for ordering codes as numbers ("2" before "10"); 0 when not one. */
static int as_whole(long long *v, const char *s)
{
    return cs_number_read_whole(v, s, strlen(s), -999999999999LL, 999999999999LL) == CS_NUMBER_OK;
}

static int key_cmp(const void *pa, const void *pb)
{
    const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
    long long x, y;
    int na = as_whole(&x, a), nb = as_whole(&y, b);
    if (na && nb && x != y)
        return x < y ? -1 : 1;
    if (na != nb)
        return na ? -1 : 1;
    return strcmp(a, b);
}

static size_t key_find(const table_impl *t, const char *name)
{
    const char **hit = bsearch(&name, t->key, t->pub.n, sizeof *t->key, key_cmp);
    return (size_t)(hit - (const char **)t->key);
}

static int pos_error(const rows *r, long pos, const char *fmt, const char *a, const char *b,
                     long first)
{
    char what[512];
    snprintf(what, sizeof what, fmt, a, b, first);
    if (r->json)
        return cs_error_set(CS_EDATA, "%s: row %ld: %s", r->path, pos, what);
    return cs_error_set(CS_EDATA, "%s:%ld:1: %s", r->path, pos, what);
}

static int build(cs_related_table **out, rows *r)
{
    table_impl *t = calloc(1, sizeof *t);
    if (!t)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t nk = 0;
    int rc = 0;
    t->key = malloc((2 * r->n + 1) * sizeof *t->key);
    if (!t->key)
        rc = cs_error_set(CS_ENOMEM, "out of memory for %zu pairs", r->n);
    for (size_t i = 0; i < r->n && !rc; i++) {
        t->key[nk++] = r->row[i].a;
        t->key[nk++] = r->row[i].b;
    }
    if (!rc) {
        qsort(t->key, nk, sizeof *t->key, key_cmp);
        size_t u = 0;
        for (size_t i = 0; i < nk; i++)
            if (!u || strcmp(t->key[u - 1], t->key[i]) != 0)
                t->key[u++] = t->key[i];
        nk = u;
        /* the names are taken over from the rows: copied so that the rows can go */
        for (size_t i = 0; i < nk && !rc; i++)
            if (!(t->key[i] = strdup(t->key[i]))) {
                nk = i;
                rc = cs_error_set(CS_ENOMEM, "out of memory");
            }
    }
    t->pub.n = nk;
    size_t cells = nk * nk;
    long *given = NULL;
    if (!rc) {
        t->related = calloc(cells ? cells : 1, 1);
        t->strength = malloc((cells ? cells : 1) * sizeof *t->strength);
        given = calloc(cells ? cells : 1, sizeof *given);
        if (!t->related || !t->strength || !given)
            rc = cs_error_set(CS_ENOMEM, "out of memory for %zu categories", nk);
    }
    for (size_t k = 0; k < cells && !rc; k++)
        t->strength[k] = NAN;
    for (size_t i = 0; i < r->n && !rc; i++) {
        const pair_row *p = &r->row[i];
        size_t k = key_find(t, p->a) * nk + key_find(t, p->b);
        if (given[k]) {
            rc = pos_error(r, p->pos,
                           "expected each pair of categories once, found '%s','%s' again "
                           "(first at %ld)",
                           p->a, p->b, given[k]);
            break;
        }
        given[k] = p->pos;
        t->related[k] = p->related;
        t->strength[k] = p->strength;
    }
    /* a pair given one way only: relatedness is symmetric */
    for (size_t a = 0; a < nk && !rc; a++)
        for (size_t b = 0; b < nk; b++)
            if (given[a * nk + b] && !given[b * nk + a]) {
                t->related[b * nk + a] = t->related[a * nk + b];
                t->strength[b * nk + a] = t->strength[a * nk + b];
            }
    free(given);
    t->pub.key = (const char *const *)t->key;
    t->pub.related = t->related;
    t->pub.strength = t->strength;
    t->pub.internal = t;
    if (!rc && nk == 0)
        rc = cs_error_set(CS_EDATA, "%s: expected pairs of categories, found none", r->path);
    if (rc) {
        cs_related_table_free(&t->pub);
        return rc;
    }
    *out = &t->pub;
    return 0;
}

static const char *const csv_columns[] = { "category", "category2", "strength", "related" };

static int read_csv(rows *r, const char *path, char delimiter)
{
    cs_csv_options o;
    memset(&o, 0, sizeof o);
    o.delimiter = delimiter;
    cs_csv_reader *rd = NULL;
    int rc = cs_csv_reader_open(&rd, path, &o);
    if (rc)
        return rc;
    const cs_csv_row *row;
    size_t col[4];
    size_t ncols = 0;
    int got = cs_csv_reader_next(rd, &row);
    if (got == 1) {
        ncols = row->count;
        for (size_t c = 0; c < 4 && !rc; c++) {
            col[c] = (size_t)-1;
            for (size_t f = 0; f < row->count; f++)
                if (strcmp(row->fields[f], csv_columns[c]) == 0)
                    col[c] = f;
            if (col[c] == (size_t)-1)
                rc = cs_error_set(CS_EDATA,
                                  "%s:%ld: expected a column '%s' in the header "
                                  "category,category2,strength,related, found none",
                                  path, row->line, csv_columns[c]);
        }
    } else if (got < 0) {
        rc = got;
    }
    while (!rc && (got = cs_csv_reader_next(rd, &row)) == 1) {
        if (row->count != ncols) {
            rc = cs_error_set(CS_EDATA, "%s:%ld: expected %zu fields as in the header, found %zu",
                              path, row->line, ncols, row->count);
            break;
        }
        for (size_t c = 0; c < 2 && !rc; c++)
            if (!row->lengths[col[c]])
                rc = cs_error_set(CS_EDATA, "%s:%ld:%zu: expected a category, found an empty cell",
                                  path, row->line, col[c] + 1);
        double s = 0;
        if (!rc && cs_number_read(&s, row->fields[col[2]], row->lengths[col[2]], 0) != CS_NUMBER_OK)
            rc = cs_error_set(CS_EDATA, "%s:%ld:%zu: expected the strength as a number, found '%s'",
                              path, row->line, col[2] + 1, row->fields[col[2]]);
        const char *rel = row->fields[col[3]];
        if (!rc && strcmp(rel, "0") != 0 && strcmp(rel, "1") != 0)
            rc = cs_error_set(CS_EDATA, "%s:%ld:%zu: expected related as 0 or 1, found '%s'", path,
                              row->line, col[3] + 1, rel);
        rc =
            rc ? rc
               : rows_add(r, row->fields[col[0]], row->fields[col[1]], s, rel[0] == '1', row->line);
    }
    if (!rc && got < 0)
        rc = got;
    cs_csv_reader_close(rd);
    return rc;
}

/* A JSON field as text: a string as it is, an integer written out; NULL when neither. */
static const char *json_text(char *buf, size_t cap, json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    return NULL;
}

static int json_field(const rows *r, long pos, json_t *o, const char *name, char *buf, size_t cap,
                      const char **out)
{
    json_t *v = json_object_get(o, name);
    *out = v ? json_text(buf, cap, v) : NULL;
    if (!v)
        return cs_error_set(CS_EDATA, "%s: row %ld: expected a field '%s', found none", r->path,
                            pos, name);
    if (!*out)
        return cs_error_set(CS_EDATA, "%s: row %ld: expected '%s' as a string or integer, found %s",
                            r->path, pos, name, json_is_real(v) ? "a real" : "another value");
    return 0;
}

static int json_number(const rows *r, long pos, json_t *o, const char *name, double *out)
{
    char buf[32];
    const char *s;
    json_t *v = json_object_get(o, name);
    if (json_is_real(v)) {
        *out = json_real_value(v);
        return 0;
    }
    int rc = json_field(r, pos, o, name, buf, sizeof buf, &s);
    if (!rc && cs_number_read(out, s, strlen(s), 0) != CS_NUMBER_OK)
        rc = cs_error_set(CS_EDATA, "%s: row %ld: expected '%s' as a number, found '%s'", r->path,
                          pos, name, s);
    return rc;
}

static int read_json(rows *r, const char *path)
{
    json_error_t err;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!doc)
        return cs_error_set(CS_EDATA, "%s:%d:%d: expected valid JSON, found an error: %s", path,
                            err.line, err.column, err.text);
    int rc = 0;
    if (!json_is_array(doc))
        rc = cs_error_set(CS_EDATA, "%s: expected an array of pairs, found another value", path);
    for (size_t i = 0; !rc && i < json_array_size(doc); i++) {
        long pos = (long)i + 1;
        json_t *o = json_array_get(doc, i);
        if (!json_is_object(o)) {
            rc = cs_error_set(CS_EDATA, "%s: row %ld: expected an object, found another value",
                              path, pos);
            break;
        }
        char ba[32], bb[32];
        const char *a, *b;
        double strength, pc, rel, rel_min;
        rc = json_field(r, pos, o, "cluster_code", ba, sizeof ba, &a);
        rc = rc ? rc : json_field(r, pos, o, "cluster_code_2", bb, sizeof bb, &b);
        if (!rc && (!*a || !*b))
            rc = cs_error_set(CS_EDATA, "%s: row %ld: expected a category, found an empty one",
                              path, pos);
        rc = rc ? rc : json_number(r, pos, o, "cr_all", &strength);
        rc = rc ? rc : json_number(r, pos, o, "cr_all_pc", &pc);
        rc = rc ? rc : json_number(r, pos, o, "rel_all_90_v3", &rel);
        rc = rc ? rc : json_number(r, pos, o, "rel_i20_all_min_90_v3", &rel_min);
        if (!rc && ((rel != 0 && rel != 1) || (rel_min != 0 && rel_min != 1)))
            rc = cs_error_set(CS_EDATA,
                              "%s: row %ld: expected rel_all_90_v3 and rel_i20_all_min_90_v3 as 0 "
                              "or 1, found %g and %g",
                              path, pos, rel, rel_min);
        /* the CMP's rule (relatedcluster.js) */
        rc = rc ? rc : rows_add(r, a, b, strength, pc >= 90 && rel == 1 && rel_min == 1, pos);
    }
    json_decref(doc);
    return rc;
}

int cs_ingest_read_related(cs_related_table **out, const char *path, char delimiter)
{
    *out = NULL;
    size_t len = strlen(path);
    rows r = { NULL, 0, 0, path, len >= 5 && strcmp(path + len - 5, ".json") == 0 };
    int rc = r.json ? read_json(&r, path) : read_csv(&r, path, delimiter);
    rc = rc ? rc : build(out, &r);
    rows_free(&r);
    return rc;
}

void cs_related_table_free(cs_related_table *pub)
{
    if (!pub)
        return;
    table_impl *t = pub->internal;
    for (size_t i = 0; i < pub->n; i++)
        free(t->key[i]);
    free(t->key);
    free(t->related);
    free(t->strength);
    free(t);
}
