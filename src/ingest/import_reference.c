/*
 * import_reference.c: loads a `clusterscope-reference-types` document into the reference tables
 * (migration 0002): the reference set, its types with the published characteristics, the
 * traits that can be read on the profile method's items, and the study's assignment of
 * clusters. Published figures are kept as published (sizes that do not add up included).
 *
 * Invariant: cs_import_reference_check() accepts only documents that
 * cs_import_reference_write() can store without a structural surprise; the write phase then only
 * checks what needs the registry (sources and clusters named).
 */
#include "ingest/import_reference.h"

#include "clusterscope/error.h"
#include "util/json_read.h"
#include "store/store_internal.h"
#include "util/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *path, *text;
    size_t len;
} where;

static const char *kind_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return json_string_value(v);
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}

/* An error at top-level member TOP, its array element INDEX (-1: none), and MEMBER (NULL). */
static int fail_at(const where *w, const char *top, long index, const char *member,
                   const char *expected, const char *found)
{
    long line = 0, col = 0;
    cs_json_locate(w->text, w->len, top, index, member, &line, &col);
    return cs_error_data(w->path, line, col, expected, found);
}

static int is_opt_string(const json_t *v)
{
    return !v || json_is_string(v) || json_is_null(v);
}

static const char *opt_string(const json_t *obj, const char *member)
{
    const json_t *v = json_object_get(obj, member);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int check_int_array(const json_t *v)
{
    if (!v)
        return 1;
    if (!json_is_array(v))
        return 0;
    size_t i;
    const json_t *e;
    json_array_foreach(v, i, e)
    {
        if (!json_is_integer(e))
            return 0;
    }
    return 1;
}

static int member_allowed(const char *member, const char *const *allowed)
{
    for (size_t i = 0; allowed[i]; i++)
        if (strcmp(member, allowed[i]) == 0)
            return 1;
    return 0;
}

static int check_trait(const where *w, long g, const json_t *t, size_t k)
{
    char expected[160];
    if (!json_is_object(t)) {
        snprintf(expected, sizeof expected, "profile[%zu]: an object (a trait)", k);
        return fail_at(w, "groups", g, "profile", expected, kind_name(t));
    }
    const json_t *item = json_object_get(t, "item"), *countries = json_object_get(t, "countries");
    const json_t *lo = json_object_get(t, "share_min"), *hi = json_object_get(t, "share_max");
    const json_t *published = json_object_get(t, "published"), *basis = json_object_get(t, "basis");
    if ((item != NULL) == (countries != NULL) || (item && !json_is_string(item))) {
        snprintf(expected, sizeof expected,
                 "profile[%zu]: either \"item\" (an item key) or \"countries\" (codes)", k);
        return fail_at(w, "groups", g, "profile", expected, item ? kind_name(item) : "neither");
    }
    if (countries) {
        size_t i;
        const json_t *c;
        if (!json_is_array(countries) || json_array_size(countries) == 0) {
            snprintf(expected, sizeof expected, "profile[%zu].countries: an array of ISO codes", k);
            return fail_at(w, "groups", g, "profile", expected, kind_name(countries));
        }
        json_array_foreach(countries, i, c)
        {
            if (!json_is_string(c) || strlen(json_string_value(c)) != 2) {
                snprintf(expected, sizeof expected,
                         "profile[%zu].countries[%zu]: a two-letter ISO code", k, i);
                return fail_at(w, "groups", g, "profile", expected, kind_name(c));
            }
        }
    }
    if (!json_is_number(lo) || !json_is_number(hi) || !(json_number_value(lo) >= 0) ||
        !(json_number_value(hi) <= 1) || json_number_value(lo) > json_number_value(hi)) {
        snprintf(expected, sizeof expected,
                 "profile[%zu]: share_min and share_max, numbers with 0 <= share_min <= "
                 "share_max <= 1",
                 k);
        return fail_at(w, "groups", g, "profile", expected,
                       !json_is_number(lo)   ? (lo ? kind_name(lo) : "no share_min")
                       : !json_is_number(hi) ? (hi ? kind_name(hi) : "no share_max")
                                             : "shares out of order or range");
    }
    if (!json_is_string(published) || !json_is_string(basis)) {
        snprintf(expected, sizeof expected,
                 "profile[%zu]: \"published\" (the study's words) and \"basis\" strings", k);
        return fail_at(w, "groups", g, "profile", expected,
                       !json_is_string(published) ? (published ? kind_name(published) : "none")
                                                  : (basis ? kind_name(basis) : "none"));
    }
    if (!is_opt_string(json_object_get(t, "locator")) ||
        !is_opt_string(json_object_get(t, "note")) ||
        !check_int_array(json_object_get(t, "shared_with"))) {
        snprintf(expected, sizeof expected,
                 "profile[%zu]: locator and note strings, shared_with an array of group numbers",
                 k);
        return fail_at(w, "groups", g, "profile", expected, "another type");
    }
    return 0;
}

static int check_group(const where *w, long g, const json_t *grp, json_int_t *ids, size_t n_ids)
{
    if (!json_is_object(grp))
        return fail_at(w, "groups", g, NULL, "a group (a JSON object)", kind_name(grp));
    const json_t *id = json_object_get(grp, "id");
    if (!json_is_integer(id) || json_integer_value(id) < 1)
        return fail_at(w, "groups", g, "id", "a group number >= 1",
                       id ? kind_name(id) : "no \"id\"");
    for (size_t i = 0; i < n_ids; i++)
        if (ids[i] == json_integer_value(id))
            return fail_at(w, "groups", g, "id", "a group number not used before",
                           "a repeated number");
    ids[n_ids] = json_integer_value(id);
    const json_t *name = json_object_get(grp, "name_en");
    if (!json_is_string(name) || !*json_string_value(name))
        return fail_at(w, "groups", g, "name_en", "an English name",
                       name ? kind_name(name) : "none");
    if (!is_opt_string(json_object_get(grp, "name_ru")))
        return fail_at(w, "groups", g, "name_ru", "a string", "another type");
    const json_t *size = json_object_get(grp, "size_published");
    if (size && !json_is_null(size) && (!json_is_integer(size) || json_integer_value(size) < 0))
        return fail_at(w, "groups", g, "size_published", "a whole number >= 0", kind_name(size));
    const json_t *ch = json_object_get(grp, "characteristics");
    if (ch && !json_is_object(ch))
        return fail_at(w, "groups", g, "characteristics", "an object", kind_name(ch));
    const json_t *prose = json_object_get(grp, "prose");
    if (prose && !json_is_array(prose))
        return fail_at(w, "groups", g, "prose", "an array", kind_name(prose));
    const json_t *profile = json_object_get(grp, "profile");
    if (profile && !json_is_array(profile))
        return fail_at(w, "groups", g, "profile", "an array of traits", kind_name(profile));
    size_t k;
    const json_t *t;
    json_array_foreach(profile, k, t)
    {
        int rc = check_trait(w, g, t, k);
        if (rc)
            return rc;
    }
    static const char *const allowed[] = {
        "id", "name_en", "name_ru", "size_published", "characteristics", "prose", "profile", NULL
    };
    const char *member;
    const json_t *v;
    json_object_foreach((json_t *)grp, member, v)
    {
        if (!member_allowed(member, allowed))
            return fail_at(w, "groups", g, member,
                           "a group member id, name_en, name_ru, size_published, "
                           "characteristics, prose or profile",
                           member);
    }
    return 0;
}

static int group_exists(const json_t *groups, json_int_t id)
{
    size_t i;
    const json_t *g;
    json_array_foreach(groups, i, g)
    {
        if (json_integer_value(json_object_get(g, "id")) == id)
            return 1;
    }
    return 0;
}

static int check_assignment(const where *w, long a, const json_t *r, const json_t *groups)
{
    if (!json_is_object(r))
        return fail_at(w, "assignments", a, NULL, "an assignment (a JSON object)", kind_name(r));
    const json_t *cluster = json_object_get(r, "cluster");
    if (!json_is_string(cluster) || !*json_string_value(cluster))
        return fail_at(w, "assignments", a, "cluster", "a cluster key",
                       cluster ? kind_name(cluster) : "none");
    const json_t *group = json_object_get(r, "group");
    const json_t *basis = json_object_get(r, "basis");
    if (!group || (!json_is_null(group) && !json_is_integer(group)))
        return fail_at(w, "assignments", a, "group", "a group number or null",
                       group ? kind_name(group) : "none");
    if (json_is_integer(group) && !group_exists(groups, json_integer_value(group)))
        return fail_at(w, "assignments", a, "group", "the number of a group of this document",
                       "an unknown group");
    static const char *const bases[] = { "stated", "reconstructed", "derived", "not_assigned",
                                         NULL };
    if (!json_is_string(basis) || !member_allowed(json_string_value(basis), bases))
        return fail_at(w, "assignments", a, "basis",
                       "stated, reconstructed, derived or not_assigned",
                       basis ? kind_name(basis) : "none");
    if (json_is_null(group) != (strcmp(json_string_value(basis), "not_assigned") == 0))
        return fail_at(w, "assignments", a, "basis", "not_assigned exactly when the group is null",
                       json_string_value(basis));
    if (!is_opt_string(json_object_get(r, "evidence")) ||
        !is_opt_string(json_object_get(r, "locator")))
        return fail_at(w, "assignments", a, NULL, "evidence and locator strings", "another type");
    if (!check_int_array(json_object_get(r, "target_models")))
        return fail_at(w, "assignments", a, "target_models", "an array of model numbers",
                       kind_name(json_object_get(r, "target_models")));
    return 0;
}

int cs_import_reference_check(const json_t *doc, const char *path, const char *text, size_t len)
{
    where w = { path, text, len };
    static const char *const allowed[] = {
        "format",       "version",         "source", "description", "profile_method",
        "sample",       "published_sizes", "method", "groups",      "target_models",
        "basis_values", "assignments",     NULL
    };
    const char *member;
    const json_t *v;
    json_object_foreach((json_t *)doc, member, v)
    {
        if (!member_allowed(member, allowed))
            return fail_at(&w, member, -1, NULL,
                           "a member of a reference-types document (format, version, source, "
                           "description, profile_method, sample, published_sizes, method, "
                           "groups, target_models, basis_values, assignments)",
                           member);
    }
    const json_t *version = json_object_get(doc, "version");
    if (!json_is_integer(version) || json_integer_value(version) != 1)
        return fail_at(&w, "version", -1, NULL, "\"version\": 1 (the only version so far)",
                       version ? kind_name(version) : "none");
    static const char *const strings[] = { "source", "description", "profile_method", NULL };
    for (size_t i = 0; strings[i]; i++) {
        v = json_object_get(doc, strings[i]);
        if (!json_is_string(v) || !*json_string_value(v)) {
            char expected[64];
            snprintf(expected, sizeof expected, "a member \"%s\" (a string)", strings[i]);
            return fail_at(&w, v ? strings[i] : "format", -1, NULL, expected,
                           v ? kind_name(v) : "none");
        }
    }
    static const char *const objects[] = { "sample", "published_sizes", "method", NULL };
    for (size_t i = 0; objects[i]; i++) {
        v = json_object_get(doc, objects[i]);
        if (v && !json_is_object(v))
            return fail_at(&w, objects[i], -1, NULL, "an object", kind_name(v));
    }
    const json_t *groups = json_object_get(doc, "groups");
    if (!json_is_array(groups) || json_array_size(groups) == 0)
        return fail_at(&w, groups ? "groups" : "format", -1, NULL,
                       "a member \"groups\": a non-empty array",
                       groups ? kind_name(groups) : "none");
    json_int_t *ids = calloc(json_array_size(groups), sizeof *ids);
    if (!ids)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t i;
    const json_t *g;
    int rc = 0;
    json_array_foreach(groups, i, g)
    {
        if ((rc = check_group(&w, (long)i, g, ids, i)))
            break;
    }
    free(ids);
    if (rc)
        return rc;
    const json_t *assignments = json_object_get(doc, "assignments");
    if (assignments && !json_is_array(assignments))
        return fail_at(&w, "assignments", -1, NULL, "an array of assignments",
                       kind_name(assignments));
    json_array_foreach(assignments, i, g)
    {
        if ((rc = check_assignment(&w, (long)i, g, groups)))
            return rc;
        for (size_t j = 0; j < i; j++) {
            const json_t *o = json_array_get(assignments, j);
            if (strcmp(json_string_value(json_object_get(o, "cluster")),
                       json_string_value(json_object_get(g, "cluster"))) == 0)
                return fail_at(&w, "assignments", (long)i, "cluster", "each cluster assigned once",
                               json_string_value(json_object_get(g, "cluster")));
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */

static char *int_list(const json_t *array)
{
    cs_buf b = CS_BUF_INIT;
    size_t i;
    const json_t *e;
    int rc = 0;
    json_array_foreach(array, i, e)
    {
        if (!rc)
            rc = cs_buf_printf(&b, "%s%" JSON_INTEGER_FORMAT, i ? "," : "", json_integer_value(e));
    }
    if (rc) {
        cs_buf_free(&b);
        return NULL;
    }
    return b.data ? b.data : strdup(""); /* an empty list: no append made a buffer */
}

static char *string_list(const json_t *array)
{
    cs_buf b = CS_BUF_INIT;
    size_t i;
    const json_t *e;
    int rc = 0;
    json_array_foreach(array, i, e)
    {
        if (!rc)
            rc = cs_buf_printf(&b, "%s%s", i ? "," : "", json_string_value(e));
    }
    if (rc) {
        cs_buf_free(&b);
        return NULL;
    }
    return b.data ? b.data : strdup(""); /* an empty list: no append made a buffer */
}

static void bind_opt_text(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, col);
}

static void bind_opt_int(sqlite3_stmt *st, int col, const json_t *v)
{
    if (json_is_integer(v))
        sqlite3_bind_int64(st, col, json_integer_value(v));
    else
        sqlite3_bind_null(st, col);
}

static int exists(cs_store *store, const char *sql, const char *key, int *found)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the registry");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : cs_store_fail(store, "reading the registry");
}

static int step_done(cs_store *store, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : cs_store_fail(store, what);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

static int write_types(cs_store *store, const json_t *doc, const char *key)
{
    sqlite3 *db = cs_store_db(store);
    sqlite3_stmt *type = NULL, *trait = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO reference_type (set_key, number, name_en, name_ru, "
                           "size_published, size_locator, characteristics) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &type, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO reference_trait (set_key, type_number, position, item, "
                           "countries, share_min, share_max, published, basis, locator, "
                           "shared_with, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                           "?11, ?12)",
                           -1, &trait, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "preparing to store reference types");
    const json_t *groups = json_object_get(doc, "groups");
    const json_t *locators = json_object_get(json_object_get(doc, "published_sizes"), "locators");
    size_t i;
    const json_t *g;
    json_array_foreach(groups, i, g)
    {
        if (rc)
            break;
        json_int_t number = json_integer_value(json_object_get(g, "id"));
        char num[32];
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, number);
        /* the published table and prose, kept whole */
        json_t *ch = json_object();
        if (!ch) {
            rc = cs_error_set(CS_ENOMEM, "out of memory");
            break;
        }
        if (json_object_get(g, "characteristics"))
            json_object_set(ch, "characteristics", json_object_get(g, "characteristics"));
        if (json_object_get(g, "prose"))
            json_object_set(ch, "prose", json_object_get(g, "prose"));
        char *chars = json_dumps(ch, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(ch);
        if (!chars) {
            rc = cs_error_set(CS_ENOMEM, "out of memory");
            break;
        }
        sqlite3_bind_text(type, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(type, 2, number);
        sqlite3_bind_text(type, 3, json_string_value(json_object_get(g, "name_en")), -1,
                          SQLITE_STATIC);
        bind_opt_text(type, 4, opt_string(g, "name_ru"));
        bind_opt_int(type, 5, json_object_get(g, "size_published"));
        bind_opt_text(type, 6, opt_string(locators, num));
        sqlite3_bind_text(type, 7, chars, -1, SQLITE_TRANSIENT);
        rc = step_done(store, type, "storing a reference type");
        free(chars);
        size_t k;
        const json_t *t;
        json_array_foreach(json_object_get(g, "profile"), k, t)
        {
            if (rc)
                break;
            const json_t *countries = json_object_get(t, "countries");
            char *codes = countries ? string_list(countries) : NULL;
            char *shared = json_object_get(t, "shared_with")
                               ? int_list(json_object_get(t, "shared_with"))
                               : NULL;
            if ((countries && !codes) || (json_object_get(t, "shared_with") && !shared)) {
                free(codes);
                free(shared);
                rc = cs_error_set(CS_ENOMEM, "out of memory");
                break;
            }
            sqlite3_bind_text(trait, 1, key, -1, SQLITE_STATIC);
            sqlite3_bind_int64(trait, 2, number);
            sqlite3_bind_int64(trait, 3, (sqlite3_int64)k);
            bind_opt_text(trait, 4, opt_string(t, "item"));
            bind_opt_text(trait, 5, codes);
            sqlite3_bind_double(trait, 6, json_number_value(json_object_get(t, "share_min")));
            sqlite3_bind_double(trait, 7, json_number_value(json_object_get(t, "share_max")));
            bind_opt_text(trait, 8, opt_string(t, "published"));
            bind_opt_text(trait, 9, opt_string(t, "basis"));
            bind_opt_text(trait, 10, opt_string(t, "locator"));
            bind_opt_text(trait, 11, shared);
            bind_opt_text(trait, 12, opt_string(t, "note"));
            rc = step_done(store, trait, "storing a reference trait");
            free(codes);
            free(shared);
        }
    }
    sqlite3_finalize(type);
    sqlite3_finalize(trait);
    return rc;
}

static int write_assignments(cs_store *store, const where *w, const json_t *doc, const char *key)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "INSERT INTO reference_assignment (set_key, cluster_key, type_number, "
                           "basis, evidence, locator, target_models) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "preparing to store reference assignments");
    int rc = 0;
    size_t i;
    const json_t *a;
    json_array_foreach(json_object_get(doc, "assignments"), i, a)
    {
        const char *cluster = json_string_value(json_object_get(a, "cluster"));
        int found = 0;
        if ((rc = exists(store, "SELECT 1 FROM cluster WHERE key = ?1", cluster, &found)))
            break;
        if (!found) {
            rc = fail_at(w, "assignments", (long)i, "cluster",
                         "the key of a cluster in the registry (import the clusters first, or "
                         "in the same command)",
                         cluster);
            break;
        }
        const json_t *models = json_object_get(a, "target_models");
        char *list = models ? int_list(models) : NULL;
        if (models && !list) {
            rc = cs_error_set(CS_ENOMEM, "out of memory");
            break;
        }
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, cluster, -1, SQLITE_STATIC);
        bind_opt_int(st, 3, json_object_get(a, "group"));
        sqlite3_bind_text(st, 4, json_string_value(json_object_get(a, "basis")), -1, SQLITE_STATIC);
        bind_opt_text(st, 5, opt_string(a, "evidence"));
        bind_opt_text(st, 6, opt_string(a, "locator"));
        bind_opt_text(st, 7, list);
        rc = step_done(store, st, "storing a reference assignment");
        free(list);
        if (rc)
            break;
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_import_reference_write(cs_store *store, const json_t *doc, const char *path,
                              const char *text, size_t len)
{
    where w = { path, text, len };
    const char *key = json_string_value(json_object_get(doc, "source"));
    int found = 0;
    int rc = exists(store, "SELECT 1 FROM source WHERE key = ?1", key, &found);
    if (rc)
        return rc;
    if (!found)
        return fail_at(&w, "source", -1, NULL,
                       "the key of a source in the registry (import the sources first, or in "
                       "the same command)",
                       key);
    sqlite3 *db = cs_store_db(store);
    sqlite3_stmt *del = NULL, *set = NULL;
    char *document = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    if (!document)
        return cs_error_set(CS_ENOMEM, "out of memory");
    /* children first: an import runs with foreign keys off, so nothing cascades */
    static const char *const clear[] = { "DELETE FROM reference_assignment WHERE set_key = ?1",
                                         "DELETE FROM reference_trait WHERE set_key = ?1",
                                         "DELETE FROM reference_type WHERE set_key = ?1" };
    for (size_t i = 0; !rc && i < sizeof clear / sizeof clear[0]; i++) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, clear[i], -1, &st, NULL) != SQLITE_OK) {
            rc = cs_store_fail(store, "replacing a reference set");
            break;
        }
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        rc = step_done(store, st, "replacing a reference set");
        sqlite3_finalize(st);
    }
    if (!rc && (sqlite3_prepare_v2(db, "DELETE FROM reference_set WHERE key = ?1", -1, &del,
                                   NULL) != SQLITE_OK ||
                sqlite3_prepare_v2(db,
                                   "INSERT INTO reference_set (key, source, description, "
                                   "profile_method, sample_size, published_sum, size_note, "
                                   "method_note, document) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                   "?8, ?9)",
                                   -1, &set, NULL) != SQLITE_OK))
        rc = cs_store_fail(store, "preparing to store reference types");
    if (!rc) {
        /* a reference set is replaced whole: re-importing the same document leaves the same rows */
        sqlite3_bind_text(del, 1, key, -1, SQLITE_STATIC);
        rc = step_done(store, del, "replacing a reference set");
    }
    if (!rc) {
        const json_t *sizes = json_object_get(doc, "published_sizes");
        const json_t *sample = json_object_get(doc, "sample");
        sqlite3_bind_text(set, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(set, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(set, 3, json_string_value(json_object_get(doc, "description")), -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(set, 4, json_string_value(json_object_get(doc, "profile_method")), -1,
                          SQLITE_STATIC);
        bind_opt_int(set, 5,
                     json_object_get(sample, "clusters") ? json_object_get(sample, "clusters")
                                                         : json_object_get(sizes, "sample"));
        bind_opt_int(set, 6, json_object_get(sizes, "sum"));
        bind_opt_text(set, 7, opt_string(sizes, "note"));
        bind_opt_text(set, 8, opt_string(json_object_get(doc, "method"), "note"));
        sqlite3_bind_text(set, 9, document, -1, SQLITE_STATIC);
        rc = step_done(store, set, "storing a reference set");
    }
    sqlite3_finalize(del);
    sqlite3_finalize(set);
    free(document);
    if (!rc)
        rc = write_types(store, doc, key);
    if (!rc)
        rc = write_assignments(store, &w, doc, key);
    return rc;
}
