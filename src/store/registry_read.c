#include "clusterscope/registry.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"
#include "util/keymap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* String storage shared by the list types: one arena per list, freed at once. */
typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
} chunk;

static const char *keep(chunk **arena, const unsigned char *s)
{
    const char *text = s ? (const char *)s : "";
    size_t n = strlen(text) + 1;
    chunk *c = *arena;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->next = *arena;
        c->used = 0;
        c->cap = cap;
        *arena = c;
    }
    char *p = c->data + c->used;
    memcpy(p, text, n);
    c->used += n;
    return p;
}

static void free_arena(chunk *c)
{
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
}

struct cs_cluster_list {
    cs_cluster_info *items;
    size_t count, cap;
    chunk *arena;
};

int cs_registry_clusters(cs_cluster_list **out, cs_store *store, const char *only)
{
    *out = NULL;
    cs_cluster_list *list = calloc(1, sizeof *list);
    if (!list)
        return cs_error_set(CS_ENOMEM, "out of memory");
    sqlite3_stmt *st = NULL;
    const char *sql =
        "SELECT key, name_en, name_ru, country, region, city, website, cluster_organisation, "
        "kind, specialisation, stage, source, note, lat, lon, founded FROM cluster "
        "WHERE ?1 IS NULL OR key = ?1 ORDER BY key";
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK) {
        free(list);
        return cs_store_fail(store, "reading clusters");
    }
    if (only)
        sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (list->count == list->cap) {
            size_t cap = list->cap ? list->cap * 2 : 64;
            cs_cluster_info *items = realloc(list->items, cap * sizeof *items);
            if (!items) {
                rc = cs_error_set(CS_ENOMEM, "out of memory reading clusters");
                break;
            }
            list->items = items;
            list->cap = cap;
        }
        cs_cluster_info *c = &list->items[list->count++];
        const char **fields[] = {
            &c->key,    &c->name_en,        &c->name_ru, &c->country,
            &c->region, &c->city,           &c->website, &c->cluster_organisation,
            &c->kind,   &c->specialisation, &c->stage,   &c->source,
            &c->note
        };
        for (int i = 0; i < 13; i++)
            if (!(*fields[i] = keep(&list->arena, sqlite3_column_text(st, i))))
                rc = cs_error_set(CS_ENOMEM, "out of memory reading clusters");
        c->has_coordinates = sqlite3_column_type(st, 13) != SQLITE_NULL &&
                             sqlite3_column_type(st, 14) != SQLITE_NULL;
        c->lat = sqlite3_column_double(st, 13);
        c->lon = sqlite3_column_double(st, 14);
        c->founded = sqlite3_column_int(st, 15);
        if (rc)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading clusters");
    sqlite3_finalize(st);
    if (!rc && only && list->count == 0)
        rc = cs_error_set(CS_ENOTFOUND, "no cluster with key '%s' in %s", only,
                          cs_store_path(store));
    if (rc) {
        cs_cluster_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
}

size_t cs_cluster_list_count(const cs_cluster_list *list)
{
    return list->count;
}

const cs_cluster_info *cs_cluster_list_at(const cs_cluster_list *list, size_t i)
{
    return i < list->count ? &list->items[i] : NULL;
}

void cs_cluster_list_free(cs_cluster_list *list)
{
    if (!list)
        return;
    free(list->items);
    free_arena(list->arena);
    free(list);
}

struct cs_source_list {
    cs_source_record *items;
    size_t count;
    chunk *arena;
};

/*
 * Runs SQL and keeps every row's ncols text columns (NULL as "") in *arena, row after row in
 * *cells (rows x ncols). The caller frees *cells and the arena, also on failure.
 */
static int read_text_rows(const char ***cells, size_t *rows, chunk **arena, cs_store *store,
                          const char *sql, int ncols, const char *what)
{
    sqlite3_stmt *st = NULL;
    *cells = NULL;
    *rows = 0;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, what);
    int rc = 0, step;
    size_t cap = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (*rows == cap) {
            cap = cap ? cap * 2 : 32;
            const char **grown = realloc(*cells, cap * (size_t)ncols * sizeof *grown);
            if (!grown) {
                rc = cs_error_set(CS_ENOMEM, "out of memory %s", what);
                break;
            }
            *cells = grown;
        }
        const char **row = *cells + *rows * (size_t)ncols;
        for (int i = 0; i < ncols && !rc; i++)
            if (!(row[i] = keep(arena, sqlite3_column_text(st, i))))
                rc = cs_error_set(CS_ENOMEM, "out of memory %s", what);
        ++*rows;
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, what);
    sqlite3_finalize(st);
    return rc;
}

int cs_registry_sources(cs_source_list **out, cs_store *store)
{
    *out = NULL;
    cs_source_list *list = calloc(1, sizeof *list);
    if (!list)
        return cs_error_set(CS_ENOMEM, "out of memory");
    const char **cells = NULL;
    /* ORDER BY key uses BINARY collation: the same order as strcmp, which bsearch relies on */
    int rc = read_text_rows(&cells, &list->count, &list->arena, store,
                            "SELECT key, title, document, locator, url, date, publisher, note "
                            "FROM source ORDER BY key",
                            8, "reading sources");
    if (!rc && !(list->items = calloc(list->count + 1, sizeof *list->items)))
        rc = cs_error_set(CS_ENOMEM, "out of memory reading sources");
    for (size_t i = 0; !rc && i < list->count; i++) {
        const char **c = cells + i * 8;
        list->items[i] = (cs_source_record){ c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7] };
    }
    free(cells);
    if (rc) {
        cs_source_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
}

size_t cs_source_list_count(const cs_source_list *list)
{
    return list->count;
}

const cs_source_record *cs_source_list_at(const cs_source_list *list, size_t i)
{
    return i < list->count ? &list->items[i] : NULL;
}

static int compare_source(const void *key, const void *item)
{
    return strcmp(key, ((const cs_source_record *)item)->key);
}

const cs_source_record *cs_source_list_find(const cs_source_list *list, const char *key)
{
    if (!key || !list->count)
        return NULL;
    return bsearch(key, list->items, list->count, sizeof *list->items, compare_source);
}

void cs_source_list_free(cs_source_list *list)
{
    if (!list)
        return;
    free(list->items);
    free_arena(list->arena);
    free(list);
}

/* ---- countries ---- */

struct cs_country_list {
    cs_country_info *items;
    size_t count;
    chunk *arena;
};

int cs_registry_countries(cs_country_list **out, cs_store *store)
{
    *out = NULL;
    cs_country_list *list = calloc(1, sizeof *list);
    if (!list)
        return cs_error_set(CS_ENOMEM, "out of memory");
    const char **cells = NULL;
    int rc = read_text_rows(&cells, &list->count, &list->arena, store,
                            "SELECT code, name_en, name_ru FROM country ORDER BY code", 3,
                            "reading countries");
    if (!rc && !(list->items = calloc(list->count + 1, sizeof *list->items)))
        rc = cs_error_set(CS_ENOMEM, "out of memory reading countries");
    for (size_t i = 0; !rc && i < list->count; i++) {
        const char **c = cells + i * 3;
        list->items[i] = (cs_country_info){ c[0], c[1], c[2] };
    }
    free(cells);
    if (rc) {
        cs_country_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
}

size_t cs_country_list_count(const cs_country_list *list)
{
    return list->count;
}

const cs_country_info *cs_country_list_at(const cs_country_list *list, size_t i)
{
    return i < list->count ? &list->items[i] : NULL;
}

static int compare_country(const void *key, const void *item)
{
    return strcmp(key, ((const cs_country_info *)item)->code);
}

const cs_country_info *cs_country_list_find(const cs_country_list *list, const char *code)
{
    if (!code || !list->count)
        return NULL;
    return bsearch(code, list->items, list->count, sizeof *list->items, compare_country);
}

void cs_country_list_free(cs_country_list *list)
{
    if (!list)
        return;
    free(list->items);
    free_arena(list->arena);
    free(list);
}

/* ---- facts ---- */

typedef struct {
    cs_fact_type type;
    char *levels;
} wanted_fact;

static int wanted_key(char *buf, size_t cap, const char *kind, const char *name)
{
    return snprintf(buf, cap, "%s\x1f%s", kind, name) < (int)cap ? 0 : -1;
}

/* Member types that count toward the member_type.* facts; other types count toward none. */
static const char *member_type_fact(const char *organisation_type)
{
    static const char *const map[][2] = {
        { "clinic", "member_type.clinic" },
        { "manufacturer", "member_type.manufacturer" },
        { "research", "member_type.research_education" },
        { "education", "member_type.research_education" },
        { "authority", "member_type.authority" },
        { "support", "member_type.support" },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], organisation_type) == 0)
            return map[i][1];
    return NULL;
}

static int add_derived(cs_factset *set, const cs_keymap *wanted, const char *cluster,
                       const char *name, cs_value value, const char *raw, const char *locator)
{
    char key[160];
    if (wanted &&
        (wanted_key(key, sizeof key, "cluster", name) || !cs_keymap_get(wanted, key, strlen(key))))
        return 0;
    if (cs_factset_get(set, CS_SUBJECT_CLUSTER, cluster, name, 0))
        return 0; /* a stated fact wins over one derived from possibly incomplete lists */
    cs_fact f = { .subject_kind = CS_SUBJECT_CLUSTER,
                  .subject = cluster,
                  .name = name,
                  .value = value,
                  .raw = raw,
                  .status = CS_STATUS_DERIVED,
                  .source = CS_SOURCE_MEMBERSHIPS,
                  .locator = locator,
                  .quote = "" };
    return cs_factset_add(set, &f);
}

static int derive_from_memberships(cs_factset *set, cs_store *store, const cs_keymap *wanted)
{
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT c.key, o.type, count(*) FROM membership m "
                      "JOIN cluster c ON c.id = m.cluster_id "
                      "JOIN organisation o ON o.id = m.organisation_id "
                      "WHERE m.left_on IS NULL GROUP BY c.key, o.type ORDER BY c.key, o.type";
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading memberships");
    char cluster[256] = "";
    long long total = 0, startups = 0;
    int rc = 0, step;
    for (;;) {
        step = sqlite3_step(st);
        const char *key = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        if (cluster[0] && (!key || strcmp(key, cluster) != 0)) {
            char raw[64], locator[96];
            snprintf(locator, sizeof locator, "%lld current memberships", total);
            snprintf(raw, sizeof raw, ">=%lld", total);
            cs_value v = { .kind = CS_VALUE_NUMBER, .lo = (double)total, .hi = HUGE_VAL };
            rc = add_derived(set, wanted, cluster, "organisation_count", v, raw, locator);
            if (!rc && startups) {
                snprintf(raw, sizeof raw, ">=%lld", startups);
                v.lo = (double)startups;
                rc = add_derived(set, wanted, cluster, "startups", v, raw, locator);
            }
            total = startups = 0;
            cluster[0] = '\0';
        }
        if (rc || !key)
            break;
        snprintf(cluster, sizeof cluster, "%s", key);
        const char *type = (const char *)sqlite3_column_text(st, 1);
        long long n = sqlite3_column_int64(st, 2);
        total += n;
        if (strcmp(type, "startup") == 0)
            startups += n;
        const char *name = member_type_fact(type);
        if (name) {
            cs_value v = { .kind = CS_VALUE_BOOL, .boolean = 1 };
            char locator[96];
            snprintf(locator, sizeof locator, "%lld current members of type %s", n, type);
            rc = add_derived(set, wanted, cluster, name, v, "true", locator);
            if (rc)
                break;
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading memberships");
    sqlite3_finalize(st);
    return rc;
}

int cs_registry_load_facts(cs_factset *set, cs_store *store, const cs_subject_kind *kinds,
                           const char *const *names, size_t n)
{
    cs_keymap *wanted = NULL, *defs = NULL;
    wanted_fact *def_info = NULL;
    size_t n_defs = 0;
    sqlite3_stmt *st = NULL;
    int rc = cs_keymap_new(&defs);
    if (!rc && n) {
        rc = cs_keymap_new(&wanted);
        for (size_t i = 0; !rc && i < n; i++) {
            char key[160];
            if (wanted_key(key, sizeof key, cs_subject_kind_name(kinds[i]), names[i]))
                continue;
            if (!cs_keymap_put(wanted, key, strlen(key)))
                rc = CS_ENOMEM;
        }
    }
    /* definitions: how each stored value text is parsed */
    if (!rc && sqlite3_prepare_v2(cs_store_db(store),
                                  "SELECT subject_kind, name, type, levels FROM fact_definition",
                                  -1, &st, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "reading fact definitions");
    size_t cap = 0;
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        char key[160];
        if (wanted_key(key, sizeof key, (const char *)sqlite3_column_text(st, 0),
                       (const char *)sqlite3_column_text(st, 1)))
            continue;
        if (n_defs == cap) {
            cap = cap ? cap * 2 : 64;
            wanted_fact *d = realloc(def_info, cap * sizeof *d);
            if (!d) {
                rc = cs_error_set(CS_ENOMEM, "out of memory");
                break;
            }
            def_info = d;
        }
        cs_keymap_value *slot = cs_keymap_put(defs, key, strlen(key));
        if (!slot) {
            rc = CS_ENOMEM;
            break;
        }
        slot->id = (int64_t)n_defs;
        cs_fact_type_parse(&def_info[n_defs].type, (const char *)sqlite3_column_text(st, 2));
        const unsigned char *levels = sqlite3_column_text(st, 3);
        def_info[n_defs].levels = strdup(levels ? (const char *)levels : "");
        if (!def_info[n_defs++].levels)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    sqlite3_finalize(st);
    st = NULL;

    if (!rc && sqlite3_prepare_v2(cs_store_db(store),
                                  "SELECT id, subject_kind, subject, name, year, value, status, "
                                  "source, locator, quote FROM fact",
                                  -1, &st, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "reading facts");
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(st, 1);
        const char *name = (const char *)sqlite3_column_text(st, 3);
        char key[160];
        if (wanted_key(key, sizeof key, kind, name))
            continue;
        if (wanted && !cs_keymap_get(wanted, key, strlen(key)))
            continue;
        cs_keymap_value *def = cs_keymap_get(defs, key, strlen(key));
        if (!def)
            continue;
        cs_fact f = { 0 };
        f.id = sqlite3_column_int64(st, 0);
        cs_subject_kind_parse(&f.subject_kind, kind);
        f.subject = (const char *)sqlite3_column_text(st, 2);
        f.name = name;
        f.year = sqlite3_column_int(st, 4);
        f.raw = (const char *)sqlite3_column_text(st, 5);
        const unsigned char *status = sqlite3_column_text(st, 6);
        if (status)
            cs_fact_status_parse(&f.status, (const char *)status);
        f.source = (const char *)sqlite3_column_text(st, 7);
        f.locator = (const char *)sqlite3_column_text(st, 8);
        f.quote = (const char *)sqlite3_column_text(st, 9);
        const wanted_fact *d = &def_info[def->id];
        if (cs_value_parse(&f.value, f.raw, d->type, d->levels)) {
            rc =
                cs_error_set(CS_EDB, "%s: fact %lld (%s %s %s) holds '%s', which is not a valid %s",
                             cs_store_path(store), f.id, kind, f.subject, name, f.raw,
                             cs_fact_type_name(d->type));
            break;
        }
        rc = cs_factset_add(set, &f);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading facts");
    sqlite3_finalize(st);
    if (!rc)
        rc = derive_from_memberships(set, store, wanted);
    for (size_t i = 0; i < n_defs; i++)
        free(def_info[i].levels);
    free(def_info);
    cs_keymap_free(defs);
    cs_keymap_free(wanted);
    return rc;
}
