/*
 * store_reference.c: reading a reference set (a study's published groups, their traits and the
 * study's assignment of clusters) from the registry. The rows are read into a view whose strings
 * this file keeps while it reads; the caller receives cs_reference_copy() of it, owned by
 * classify's value type and released with cs_reference_free().
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"
#include "util/buf.h"
#include "util/strpool.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_reference_set set;
    cs_reference_type *types;
    cs_reference_trait *traits;
    cs_reference_row *rows;
    size_t n_rows, cap_rows;
    size_t *first_row; /* per type: its first row */
    cs_reference_assignment *assignments;
    cs_strpool *strings; /* every text kept while reading, freed at once */
    int nomem;
} reading;

static void reading_free(reading *r)
{
    cs_strpool_free(r->strings);
    free(r->types);
    free(r->traits);
    free(r->rows);
    free(r->first_row);
    free(r->assignments);
}

/* A copy of text kept until the reading is freed; NULL stays NULL. */
static const char *keep_text(reading *r, const char *text)
{
    if (!text)
        return NULL;
    char *d = NULL;
    if ((r->strings || cs_strpool_new(&r->strings) == 0) &&
        (d = cs_strpool_add(r->strings, text, strlen(text))) != NULL)
        return d;
    r->nomem = 1;
    return NULL;
}

/* A copy of a column's text kept until the reading is freed; NULL stays NULL. */
static const char *keep(reading *r, sqlite3_stmt *st, int col)
{
    return keep_text(r, (const char *)sqlite3_column_text(st, col));
}

static int count_rows(size_t *n, cs_store *store, const char *sql, const char *key)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading reference types");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    *n = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return 0;
}

/* The set's own row: by key, or the one for the method, else the first by key. */
static int read_set(reading *r, cs_store *store, const char *key, const char *method_id)
{
    sqlite3_stmt *st = NULL;
    const char *sql = key ? "SELECT key, profile_method, size_note, sample_size, published_sum "
                            "FROM reference_set WHERE key = ?1"
                          : "SELECT key, profile_method, size_note, sample_size, published_sum "
                            "FROM reference_set ORDER BY profile_method = ?2 DESC, key LIMIT 1";
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading reference types");
    if (key)
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    else
        sqlite3_bind_text(st, 2, method_id ? method_id : "", -1, SQLITE_STATIC);
    int rc = 0;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = key ? cs_error_set(CS_ENOTFOUND,
                                "no reference set \"%s\" in the registry (import "
                                "data/reference/reference-groups.json)",
                                key)
                 : cs_error_set(CS_ENOTFOUND, "the registry holds no reference types (import "
                                              "data/reference/reference-groups.json)");
    } else {
        r->set.key = keep(r, st, 0);
        r->set.profile_method = keep(r, st, 1);
        r->set.size_note = keep(r, st, 2);
        rc = cs_store_column_int(&r->set.sample_size, st, 3, -1, "a reference set's sample size");
        rc = rc ? rc
                : cs_store_column_int(&r->set.published_sum, st, 4, -1,
                                      "a reference set's published sum");
        if (!rc && (!r->set.key || !r->set.profile_method))
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The order of the study's group table (Table 2.1); other characteristics follow in the
 * document's order. */
static const char *const table_rows[] = {
    "countries",  "specialisation", "competitive_advantage", "focus",     "size",
    "innovation", "initiative",     "state_in_governance",   "esca_label"
};

static int add_row(reading *r, const char *key, const json_t *v)
{
    if (!json_is_object(v))
        return 0;
    if (r->n_rows == r->cap_rows) {
        size_t cap = r->cap_rows ? 2 * r->cap_rows : 16;
        cs_reference_row *more = realloc(r->rows, cap * sizeof *more);
        if (!more)
            return cs_error_set(CS_ENOMEM, "out of memory");
        r->rows = more;
        r->cap_rows = cap;
    }
    cs_reference_row *row = &r->rows[r->n_rows++];
    memset(row, 0, sizeof *row);
    row->key = keep_text(r, key);
    row->text_ru = keep_text(r, json_string_value(json_object_get(v, "ru")));
    row->text_en = keep_text(r, json_string_value(json_object_get(v, "en")));
    row->locator = keep_text(r, json_string_value(json_object_get(v, "locator")));
    /* "facts": the fact names the row can be compared with, as an array of names or as an
     * object whose members are the names (with what the published value says of each) */
    const json_t *facts = json_object_get(v, "facts");
    cs_buf list = CS_BUF_INIT;
    int rc = 0;
    if (json_is_array(facts)) {
        size_t i;
        const json_t *f;
        json_array_foreach(facts, i, f) if (!rc && json_string_value(f)) rc =
            cs_buf_printf(&list, "%s%s", list.len ? "," : "", json_string_value(f));
    } else if (json_is_object(facts)) {
        const char *name;
        const json_t *f;
        json_object_foreach((json_t *)facts, name, f) if (!rc) rc =
            cs_buf_printf(&list, "%s%s", list.len ? "," : "", name);
    }
    if (!rc && list.len)
        row->facts = keep_text(r, list.data);
    cs_buf_free(&list);
    if (rc)
        return rc;
    return 0;
}

/* The rows of one type's group table, from the characteristics the import checked and stored. */
static int read_rows(reading *r, const char *characteristics, int number)
{
    if (!characteristics)
        return 0;
    json_t *doc = json_loads(characteristics, 0, NULL);
    if (!json_is_object(doc)) {
        json_decref(doc);
        return cs_error_set(CS_EDB,
                            "the registry's reference type %d has characteristics that are not a "
                            "JSON object",
                            number);
    }
    /* the import stores the type's "characteristics" and "prose" together */
    const json_t *table = json_object_get(doc, "characteristics");
    int rc = 0;
    size_t nt = sizeof table_rows / sizeof table_rows[0];
    for (size_t k = 0; !rc && k < nt; k++)
        rc = add_row(r, table_rows[k], json_object_get(table, table_rows[k]));
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)table, key, v)
    {
        size_t k = 0;
        while (k < nt && strcmp(key, table_rows[k]) != 0)
            k++;
        if (!rc && k == nt)
            rc = add_row(r, key, v);
    }
    json_decref(doc);
    return rc;
}

static int read_types(reading *r, cs_store *store, size_t cap)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT number, name_en, name_ru, size_published, characteristics FROM "
                           "reference_type "
                           "WHERE set_key = ?1 ORDER BY number",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading reference types");
    sqlite3_bind_text(st, 1, r->set.key, -1, SQLITE_STATIC);
    size_t i = 0;
    int rc = 0;
    while (!rc && i < cap && sqlite3_step(st) == SQLITE_ROW) {
        cs_reference_type *t = &r->types[i++];
        rc = cs_store_column_int(&t->number, st, 0, 0, "a reference type number");
        rc = rc ? rc
                : cs_store_column_int(&t->size_published, st, 3, -1,
                                      "a reference type's published size");
        t->name_en = keep(r, st, 1);
        t->name_ru = keep(r, st, 2);
        r->first_row[i - 1] = r->n_rows;
        if (!rc)
            rc = read_rows(r, (const char *)sqlite3_column_text(st, 4), t->number);
        t->n_rows = r->n_rows - r->first_row[i - 1];
    }
    r->set.n_types = i;
    sqlite3_finalize(st);
    return rc;
}

/* Traits come ordered by type, so each type's traits are contiguous. */
static int read_traits(reading *r, cs_store *store, size_t cap)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT type_number, item, countries, share_min, share_max, published, "
                           "locator FROM reference_trait WHERE set_key = ?1 ORDER BY type_number, "
                           "position",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading reference traits");
    sqlite3_bind_text(st, 1, r->set.key, -1, SQLITE_STATIC);
    size_t i = 0;
    int rc = 0, number = 0;
    while (!rc && i < cap && sqlite3_step(st) == SQLITE_ROW) {
        if ((rc = cs_store_column_int(&number, st, 0, 0, "a reference trait's type number")))
            break;
        cs_reference_trait *t = &r->traits[i++];
        t->item = keep(r, st, 1);
        t->countries = keep(r, st, 2);
        t->share_min = sqlite3_column_double(st, 3);
        t->share_max = sqlite3_column_double(st, 4);
        t->published = keep(r, st, 5);
        t->locator = keep(r, st, 6);
        for (size_t k = 0; k < r->set.n_types; k++) {
            if (r->types[k].number != number)
                continue;
            if (!r->types[k].traits)
                r->types[k].traits = t;
            r->types[k].n_traits++;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static int read_assignments(reading *r, cs_store *store, size_t cap)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT cluster_key, type_number, basis FROM reference_assignment "
                           "WHERE set_key = ?1 ORDER BY cluster_key",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading reference assignments");
    sqlite3_bind_text(st, 1, r->set.key, -1, SQLITE_STATIC);
    size_t i = 0;
    int rc = 0;
    while (!rc && i < cap && sqlite3_step(st) == SQLITE_ROW) {
        cs_reference_assignment *a = &r->assignments[i++];
        a->cluster = keep(r, st, 0);
        rc = cs_store_column_int(&a->type, st, 1, 0, "a reference assignment's type number");
        a->basis = keep(r, st, 2);
    }
    r->set.n_assignments = i;
    sqlite3_finalize(st);
    return rc;
}

int cs_store_reference_load(cs_reference_set **out, cs_store *store, const char *key,
                            const char *method_id)
{
    *out = NULL;
    reading r;
    memset(&r, 0, sizeof r);
    size_t nt = 0, ntr = 0, na = 0;
    int rc = read_set(&r, store, key, method_id);
    rc = rc ? rc
            : count_rows(&nt, store, "SELECT count(*) FROM reference_type WHERE set_key = ?1",
                         r.set.key);
    rc = rc ? rc
            : count_rows(&ntr, store, "SELECT count(*) FROM reference_trait WHERE set_key = ?1",
                         r.set.key);
    rc = rc ? rc
            : count_rows(&na, store, "SELECT count(*) FROM reference_assignment WHERE set_key = ?1",
                         r.set.key);
    if (!rc) {
        r.types = calloc(nt + 1, sizeof *r.types);
        r.traits = calloc(ntr + 1, sizeof *r.traits);
        r.first_row = calloc(nt + 1, sizeof *r.first_row);
        r.assignments = calloc(na + 1, sizeof *r.assignments);
        if (!r.types || !r.traits || !r.first_row || !r.assignments)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    rc = rc ? rc : read_types(&r, store, nt);
    rc = rc ? rc : read_traits(&r, store, ntr);
    rc = rc ? rc : read_assignments(&r, store, na);
    if (!rc && r.nomem)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t t = 0; !rc && t < r.set.n_types; t++)
        r.types[t].rows = r.types[t].n_rows ? r.rows + r.first_row[t] : NULL;
    if (!rc) {
        r.set.types = r.types;
        r.set.assignments = r.assignments;
        rc = cs_reference_copy(out, &r.set);
    }
    reading_free(&r);
    return rc;
}
