/*
 * store_read.c: the readers of store.h: clusters, sources and countries into the registry's
 * lists, and facts into a fact set (each value parsed by its definition's type).
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "registry/list.h"
#include "store/store_internal.h"
#include "util/keymap.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int cs_store_column_int(int *out, sqlite3_stmt *st, int col, int if_null, const char *what)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL) {
        *out = if_null;
        return 0;
    }
    sqlite3_int64 v = sqlite3_column_int64(st, col);
    if (v < INT_MIN || v > INT_MAX)
        return cs_error_set(CS_EDATA,
                            "the registry holds %s %lld, beyond the %d the program reads (import "
                            "refuses such numbers; correct the record)",
                            what, (long long)v, INT_MAX);
    *out = (int)v;
    return 0;
}

int cs_store_clusters(cs_cluster_list **out, cs_store *store, const char *only)
{
    *out = NULL;
    cs_cluster_list *list = NULL;
    int rc = cs_cluster_list_new(&list);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    const char *sql =
        "SELECT key, name_en, name_ru, country, region, city, website, cluster_organisation, "
        "kind, specialisation, stage, source, note, lat, lon, founded FROM cluster "
        "WHERE ?1 IS NULL OR key = ?1 ORDER BY key";
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK) {
        cs_cluster_list_free(list);
        return cs_store_fail(store, "reading clusters");
    }
    if (only)
        sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
    int step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        cs_cluster_info c = { text(st, 0),
                              text(st, 1),
                              text(st, 2),
                              text(st, 3),
                              text(st, 4),
                              text(st, 5),
                              text(st, 6),
                              text(st, 7),
                              text(st, 8),
                              text(st, 9),
                              text(st, 10),
                              text(st, 11),
                              text(st, 12),
                              0,
                              0,
                              0,
                              0 };
        c.has_coordinates = sqlite3_column_type(st, 13) != SQLITE_NULL &&
                            sqlite3_column_type(st, 14) != SQLITE_NULL;
        c.lat = sqlite3_column_double(st, 13);
        c.lon = sqlite3_column_double(st, 14);
        c.founded = sqlite3_column_int(st, 15);
        rc = cs_cluster_list_add(list, &c);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading clusters");
    sqlite3_finalize(st);
    if (!rc && only && cs_cluster_list_count(list) == 0)
        rc = cs_error_set(CS_ENOTFOUND, "no cluster with key '%s' in %s", only,
                          cs_store_path(store));
    if (rc) {
        cs_cluster_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
}

/* Runs SQL and hands each row to add(list, stmt); 0 or the first error. */
static int read_rows(cs_store *store, const char *sql, const char *what, void *list,
                     int (*add)(void *list, sqlite3_stmt *st))
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, what);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = add(list, st);
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, what);
    sqlite3_finalize(st);
    return rc;
}

static int add_source(void *list, sqlite3_stmt *st)
{
    cs_source_record r = { text(st, 0), text(st, 1), text(st, 2), text(st, 3),
                           text(st, 4), text(st, 5), text(st, 6), text(st, 7) };
    return cs_source_list_add(list, &r);
}

int cs_store_sources(cs_source_list **out, cs_store *store)
{
    *out = NULL;
    cs_source_list *list = NULL;
    int rc = cs_source_list_new(&list);
    /* ORDER BY key uses BINARY collation: the same order as strcmp, which bsearch relies on */
    rc = rc ? rc
            : read_rows(store,
                        "SELECT key, title, document, locator, url, date, publisher, note "
                        "FROM source ORDER BY key",
                        "reading sources", list, add_source);
    if (rc) {
        cs_source_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
}

static int add_country(void *list, sqlite3_stmt *st)
{
    cs_country_info c = { text(st, 0), text(st, 1), text(st, 2) };
    return cs_country_list_add(list, &c);
}

int cs_store_countries(cs_country_list **out, cs_store *store)
{
    *out = NULL;
    cs_country_list *list = NULL;
    int rc = cs_country_list_new(&list);
    rc = rc ? rc
            : read_rows(store, "SELECT code, name_en, name_ru FROM country ORDER BY code",
                        "reading countries", list, add_country);
    if (rc) {
        cs_country_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
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

static int cluster_fact_wanted(void *ctx, const char *name)
{
    char key[160];
    return !wanted_key(key, sizeof key, "cluster", name) && cs_keymap_get(ctx, key, strlen(key));
}

/* The derived facts of each cluster (or of the cluster `only`), from its current memberships
 * counted by member type. */
static int derive_from_memberships(cs_factset *set, cs_store *store, cs_keymap *wanted,
                                   const char *only)
{
    sqlite3_stmt *st = NULL;
    /* one cluster's memberships are one range of pairs: searched, not scanned */
    const char *sql = only ? "SELECT c.key, o.type, count(*) FROM cluster c "
                             "JOIN membership m ON m.pair BETWEEN c.id * 4294967296 AND "
                             "c.id * 4294967296 + 4294967295 "
                             "JOIN organisation o ON o.id = m.organisation_id "
                             "WHERE m.left_on IS NULL AND c.key = ?1 "
                             "GROUP BY c.key, o.type ORDER BY c.key, o.type"
                           : "SELECT c.key, o.type, count(*) FROM membership m "
                             "JOIN cluster c ON c.id = m.cluster_id "
                             "JOIN organisation o ON o.id = m.organisation_id "
                             "WHERE m.left_on IS NULL "
                             "GROUP BY c.key, o.type ORDER BY c.key, o.type";
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading memberships");
    if (only)
        sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
    /* a cluster's rows are consecutive; organisation types are few (see registry/record.c) */
    char cluster[256] = "", types[16][32];
    cs_member_type_count counts[16];
    size_t n = 0;
    int rc = 0, step;
    for (;;) {
        step = sqlite3_step(st);
        const char *key = step == SQLITE_ROW ? text(st, 0) : NULL;
        if (n && (!key || strcmp(key, cluster) != 0)) {
            rc = cs_registry_membership_facts(set, cluster, counts, n,
                                              wanted ? cluster_fact_wanted : NULL, wanted);
            n = 0;
        }
        if (rc || !key)
            break;
        if (n == sizeof counts / sizeof counts[0]) {
            rc = cs_error_set(CS_EDB, "%s: more organisation types than expected",
                              cs_store_path(store));
            break;
        }
        snprintf(cluster, sizeof cluster, "%s", key);
        snprintf(types[n], sizeof types[n], "%s", text(st, 1));
        counts[n] = (cs_member_type_count){ types[n], sqlite3_column_int64(st, 2) };
        n++;
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading memberships");
    sqlite3_finalize(st);
    return rc;
}

/* Loads the facts wanted (all when n == 0) of every subject, or of the one subject `subject`
 * of kind `only_kind` when subject is not NULL. */
static int load_facts(cs_factset *set, cs_store *store, const cs_subject_kind *kinds,
                      const char *const *names, size_t n, const char *only_kind,
                      const char *subject)
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
        if (wanted_key(key, sizeof key, text(st, 0), text(st, 1)))
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
        cs_fact_type_parse(&def_info[n_defs].type, text(st, 2));
        const char *levels = text(st, 3);
        def_info[n_defs].levels = strdup(levels ? levels : "");
        if (!def_info[n_defs++].levels)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    sqlite3_finalize(st);
    st = NULL;

    /* one subject's facts come in the order a page lists them; all facts in any order */
    const char *sql = subject ? "SELECT id, subject_kind, subject, name, year, value, status, "
                                "source, locator, quote FROM fact WHERE subject_kind = ?1 AND "
                                "subject = ?2 ORDER BY name, year"
                              : "SELECT id, subject_kind, subject, name, year, value, status, "
                                "source, locator, quote FROM fact";
    if (!rc && sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "reading facts");
    if (!rc && subject) {
        sqlite3_bind_text(st, 1, only_kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, subject, -1, SQLITE_STATIC);
    }
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = text(st, 1);
        const char *name = text(st, 3);
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
        f.subject = text(st, 2);
        f.name = name;
        f.year = sqlite3_column_int(st, 4);
        f.raw = text(st, 5);
        const char *status = text(st, 6);
        if (status)
            cs_fact_status_parse(&f.status, status);
        f.source = text(st, 7);
        f.locator = text(st, 8);
        f.quote = text(st, 9);
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
    if (!rc && (!subject || strcmp(only_kind, "cluster") == 0))
        rc = derive_from_memberships(set, store, wanted, subject);
    for (size_t i = 0; i < n_defs; i++)
        free(def_info[i].levels);
    free(def_info);
    cs_keymap_free(defs);
    cs_keymap_free(wanted);
    return rc;
}

int cs_store_load_facts(cs_factset *set, cs_store *store, const cs_subject_kind *kinds,
                        const char *const *names, size_t n)
{
    return load_facts(set, store, kinds, names, n, NULL, NULL);
}

int cs_store_subject_facts(cs_factset *set, cs_store *store, cs_subject_kind kind,
                           const char *subject)
{
    return load_facts(set, store, NULL, NULL, 0, cs_subject_kind_name(kind), subject);
}
