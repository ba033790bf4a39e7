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
#include "registry/record.h"
#include "util/buf.h"
#include "util/json_read.h"
#include "util/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef cs_refdoc_where where;
typedef cs_refdoc_record doc_record;

const char *cs_refdoc_kind_name(const json_t *v)
{
    return !v ? "none" : json_is_string(v) ? json_string_value(v) : cs_json_type_name(v);
}

int cs_refdoc_fail(const cs_refdoc_where *w, const char *top, long index, const char *member,
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

int cs_refdoc_member_allowed(const char *member, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (strcmp(member, names[i]) == 0)
            return 1;
    return 0;
}

static int check_trait(const where *w, long g, const json_t *t, size_t k)
{
    char expected[160];
    if (!json_is_object(t)) {
        snprintf(expected, sizeof expected, "profile[%zu]: an object (a trait)", k);
        return cs_refdoc_fail(w, "groups", g, "profile", expected, cs_refdoc_kind_name(t));
    }
    const json_t *item = json_object_get(t, "item"), *countries = json_object_get(t, "countries");
    const json_t *lo = json_object_get(t, "share_min"), *hi = json_object_get(t, "share_max");
    const json_t *published = json_object_get(t, "published"), *basis = json_object_get(t, "basis");
    if ((item != NULL) == (countries != NULL) || (item && !json_is_string(item))) {
        snprintf(expected, sizeof expected,
                 "profile[%zu]: either \"item\" (an item key) or \"countries\" (codes)", k);
        return cs_refdoc_fail(w, "groups", g, "profile", expected,
                              item ? cs_refdoc_kind_name(item) : "neither");
    }
    if (countries) {
        size_t i;
        const json_t *c;
        if (!json_is_array(countries) || json_array_size(countries) == 0) {
            snprintf(expected, sizeof expected, "profile[%zu].countries: an array of ISO codes", k);
            return cs_refdoc_fail(w, "groups", g, "profile", expected,
                                  cs_refdoc_kind_name(countries));
        }
        json_array_foreach(countries, i, c)
        {
            if (!json_is_string(c) || strlen(json_string_value(c)) != 2) {
                snprintf(expected, sizeof expected,
                         "profile[%zu].countries[%zu]: a two-letter ISO code", k, i);
                return cs_refdoc_fail(w, "groups", g, "profile", expected, cs_refdoc_kind_name(c));
            }
        }
    }
    if (!json_is_number(lo) || !json_is_number(hi) || !(json_number_value(lo) >= 0) ||
        !(json_number_value(hi) <= 1) || json_number_value(lo) > json_number_value(hi)) {
        snprintf(expected, sizeof expected,
                 "profile[%zu]: share_min and share_max, numbers with 0 <= share_min <= "
                 "share_max <= 1",
                 k);
        return cs_refdoc_fail(w, "groups", g, "profile", expected,
                              !json_is_number(lo) ? (lo ? cs_refdoc_kind_name(lo) : "no share_min")
                              : !json_is_number(hi)
                                  ? (hi ? cs_refdoc_kind_name(hi) : "no share_max")
                                  : "shares out of order or range");
    }
    if (!json_is_string(published) || !json_is_string(basis)) {
        snprintf(expected, sizeof expected,
                 "profile[%zu]: \"published\" (the study's words) and \"basis\" strings", k);
        return cs_refdoc_fail(w, "groups", g, "profile", expected,
                              !json_is_string(published)
                                  ? (published ? cs_refdoc_kind_name(published) : "none")
                                  : (basis ? cs_refdoc_kind_name(basis) : "none"));
    }
    if (!is_opt_string(json_object_get(t, "locator")) ||
        !is_opt_string(json_object_get(t, "note")) ||
        !check_int_array(json_object_get(t, "shared_with"))) {
        snprintf(expected, sizeof expected,
                 "profile[%zu]: locator and note strings, shared_with an array of group numbers",
                 k);
        return cs_refdoc_fail(w, "groups", g, "profile", expected, "another type");
    }
    return 0;
}

static int check_group(const where *w, long g, const json_t *grp, json_int_t *ids, size_t n_ids)
{
    if (!json_is_object(grp))
        return cs_refdoc_fail(w, "groups", g, NULL, "a group (a JSON object)",
                              cs_refdoc_kind_name(grp));
    const json_t *id = json_object_get(grp, "id");
    if (!json_is_integer(id) || json_integer_value(id) < 1 ||
        json_integer_value(id) > CS_RECORD_INT_MAX) {
        char found[32];
        if (json_is_integer(id))
            snprintf(found, sizeof found, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        return cs_refdoc_fail(w, "groups", g, "id", "a group number from 1 to 2147483647",
                              json_is_integer(id) ? found
                              : id                ? cs_refdoc_kind_name(id)
                                                  : "no \"id\"");
    }
    for (size_t i = 0; i < n_ids; i++)
        if (ids[i] == json_integer_value(id))
            return cs_refdoc_fail(w, "groups", g, "id", "a group number not used before",
                                  "a repeated number");
    ids[n_ids] = json_integer_value(id);
    const json_t *name = json_object_get(grp, "name_en");
    if (!json_is_string(name) || !*json_string_value(name))
        return cs_refdoc_fail(w, "groups", g, "name_en", "an English name",
                              name ? cs_refdoc_kind_name(name) : "none");
    if (!is_opt_string(json_object_get(grp, "name_ru")))
        return cs_refdoc_fail(w, "groups", g, "name_ru", "a string", "another type");
    const json_t *size = json_object_get(grp, "size_published");
    if (size && !json_is_null(size) &&
        (!json_is_integer(size) || json_integer_value(size) < 0 ||
         json_integer_value(size) > CS_RECORD_INT_MAX))
        return cs_refdoc_fail(w, "groups", g, "size_published",
                              "a whole number from 0 to 2147483647", cs_refdoc_kind_name(size));
    const json_t *ch = json_object_get(grp, "characteristics");
    if (ch && !json_is_object(ch))
        return cs_refdoc_fail(w, "groups", g, "characteristics", "an object",
                              cs_refdoc_kind_name(ch));
    const json_t *prose = json_object_get(grp, "prose");
    if (prose && !json_is_array(prose))
        return cs_refdoc_fail(w, "groups", g, "prose", "an array", cs_refdoc_kind_name(prose));
    const json_t *profile = json_object_get(grp, "profile");
    if (profile && !json_is_array(profile))
        return cs_refdoc_fail(w, "groups", g, "profile", "an array of traits",
                              cs_refdoc_kind_name(profile));
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
        if (!cs_refdoc_member_allowed(member, allowed))
            return cs_refdoc_fail(w, "groups", g, member,
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
        return cs_refdoc_fail(w, "assignments", a, NULL, "an assignment (a JSON object)",
                              cs_refdoc_kind_name(r));
    const json_t *cluster = json_object_get(r, "cluster");
    if (!json_is_string(cluster) || !*json_string_value(cluster))
        return cs_refdoc_fail(w, "assignments", a, "cluster", "a cluster key",
                              cluster ? cs_refdoc_kind_name(cluster) : "none");
    const json_t *group = json_object_get(r, "group");
    const json_t *basis = json_object_get(r, "basis");
    if (!group || (!json_is_null(group) && !json_is_integer(group)))
        return cs_refdoc_fail(w, "assignments", a, "group", "a group number or null",
                              group ? cs_refdoc_kind_name(group) : "none");
    if (json_is_integer(group) && !group_exists(groups, json_integer_value(group)))
        return cs_refdoc_fail(w, "assignments", a, "group",
                              "the number of a group of this document", "an unknown group");
    static const char *const bases[] = { "stated", "reconstructed", "derived", "not_assigned",
                                         NULL };
    if (!json_is_string(basis) || !cs_refdoc_member_allowed(json_string_value(basis), bases))
        return cs_refdoc_fail(w, "assignments", a, "basis",
                              "stated, reconstructed, derived or not_assigned",
                              basis ? cs_refdoc_kind_name(basis) : "none");
    if (json_is_null(group) != (strcmp(json_string_value(basis), "not_assigned") == 0))
        return cs_refdoc_fail(w, "assignments", a, "basis",
                              "not_assigned exactly when the group is null",
                              json_string_value(basis));
    if (!is_opt_string(json_object_get(r, "evidence")) ||
        !is_opt_string(json_object_get(r, "locator")))
        return cs_refdoc_fail(w, "assignments", a, NULL, "evidence and locator strings",
                              "another type");
    if (!check_int_array(json_object_get(r, "target_models")))
        return cs_refdoc_fail(w, "assignments", a, "target_models", "an array of model numbers",
                              cs_refdoc_kind_name(json_object_get(r, "target_models")));
    return 0;
}

int cs_import_reference_check(const json_t *doc, const char *path, const char *text, size_t len)
{
    where w = { path, text, len };
    static const char *const allowed[] = {
        "format",          "version",       "source",          "description",
        "profile_method",  "sample",        "published_sizes", "method",
        "groups",          "target_models", "basis_values",    "assignments",
        "evidence_method", "factors",       "cases",           NULL
    };
    const char *member;
    const json_t *v;
    json_object_foreach((json_t *)doc, member, v)
    {
        if (!cs_refdoc_member_allowed(member, allowed))
            return cs_refdoc_fail(
                &w, member, -1, NULL,
                "a member of a reference-types document (format, version, source, "
                "description, profile_method, sample, published_sizes, method, "
                "groups, target_models, basis_values, assignments, evidence_method, "
                "factors, cases)",
                member);
    }
    const json_t *version = json_object_get(doc, "version");
    if (!json_is_integer(version) || json_integer_value(version) != 1)
        return cs_refdoc_fail(&w, "version", -1, NULL, "\"version\": 1 (the only version so far)",
                              version ? cs_refdoc_kind_name(version) : "none");
    static const char *const strings[] = { "source", "description", "profile_method", NULL };
    for (size_t i = 0; strings[i]; i++) {
        v = json_object_get(doc, strings[i]);
        if (!json_is_string(v) || !*json_string_value(v)) {
            char expected[64];
            snprintf(expected, sizeof expected, "a member \"%s\" (a string)", strings[i]);
            return cs_refdoc_fail(&w, v ? strings[i] : "format", -1, NULL, expected,
                                  v ? cs_refdoc_kind_name(v) : "none");
        }
    }
    static const char *const objects[] = { "sample", "published_sizes", "method", NULL };
    for (size_t i = 0; objects[i]; i++) {
        v = json_object_get(doc, objects[i]);
        if (v && !json_is_object(v))
            return cs_refdoc_fail(&w, objects[i], -1, NULL, "an object", cs_refdoc_kind_name(v));
    }
    /* the counts a reference set keeps, read back as ints */
    static const char *const counts[][2] = { { "sample", "clusters" },
                                             { "published_sizes", "sample" },
                                             { "published_sizes", "sum" } };
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        v = json_object_get(json_object_get(doc, counts[i][0]), counts[i][1]);
        if (json_is_integer(v) &&
            (json_integer_value(v) < 0 || json_integer_value(v) > CS_RECORD_INT_MAX)) {
            char found[32];
            snprintf(found, sizeof found, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            return cs_refdoc_fail(
                &w, counts[i][0], -1, NULL,
                "counts (sample, sum) that are whole numbers from 0 to 2147483647", found);
        }
    }
    const json_t *groups = json_object_get(doc, "groups");
    if (!json_is_array(groups) || json_array_size(groups) == 0)
        return cs_refdoc_fail(&w, groups ? "groups" : "format", -1, NULL,
                              "a member \"groups\": a non-empty array",
                              groups ? cs_refdoc_kind_name(groups) : "none");
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
        return cs_refdoc_fail(&w, "assignments", -1, NULL, "an array of assignments",
                              cs_refdoc_kind_name(assignments));
    json_array_foreach(assignments, i, g)
    {
        if ((rc = check_assignment(&w, (long)i, g, groups)))
            return rc;
        for (size_t j = 0; j < i; j++) {
            const json_t *o = json_array_get(assignments, j);
            if (strcmp(json_string_value(json_object_get(o, "cluster")),
                       json_string_value(json_object_get(g, "cluster"))) == 0)
                return cs_refdoc_fail(&w, "assignments", (long)i, "cluster",
                                      "each cluster assigned once",
                                      json_string_value(json_object_get(g, "cluster")));
        }
    }
    return cs_import_factors_check(doc, path, text, len);
}

/* ------------------------------------------------------------------------------------------ */

char *cs_refdoc_int_list(const json_t *array)
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

void cs_refdoc_record_init(cs_refdoc_record *d, cs_record_kind kind, const char *path, size_t index)
{
    memset(d, 0, sizeof *d);
    d->rec.spec = cs_kind_spec_get(kind);
    d->rec.file = path;
    d->rec.index = index;
}

/* Sets column `name` to a whole number, or leaves it empty when v is not one. */
static void set_int(doc_record *d, const char *name, const json_t *v)
{
    int c = cs_kind_spec_column(d->rec.spec, name);
    if (c < 0 || !json_is_integer(v))
        return;
    snprintf(d->numbers[c], sizeof d->numbers[c], "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    d->rec.values[c] = d->numbers[c];
}

static void set_real(doc_record *d, const char *name, double v)
{
    int c = cs_kind_spec_column(d->rec.spec, name);
    cs_format_double(d->numbers[c], sizeof d->numbers[c], v);
    d->rec.values[c] = d->numbers[c];
}

void cs_refdoc_set_text(cs_refdoc_record *d, const char *name, const char *v)
{
    d->rec.values[cs_kind_spec_column(d->rec.spec, name)] = v;
}

static int write_types(cs_store_writer *w, const json_t *doc, const char *key, const char *path)
{
    const json_t *groups = json_object_get(doc, "groups");
    const json_t *locators = json_object_get(json_object_get(doc, "published_sizes"), "locators");
    size_t i, n_traits = 0;
    const json_t *g;
    int rc = 0;
    json_array_foreach(groups, i, g)
    {
        char num[32];
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(json_object_get(g, "id")));
        /* the published table and prose, kept whole */
        json_t *ch = json_object();
        if (!ch)
            return cs_error_set(CS_ENOMEM, "out of memory");
        if (json_object_get(g, "characteristics"))
            json_object_set(ch, "characteristics", json_object_get(g, "characteristics"));
        if (json_object_get(g, "prose"))
            json_object_set(ch, "prose", json_object_get(g, "prose"));
        char *chars = json_dumps(ch, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(ch);
        if (!chars)
            return cs_error_set(CS_ENOMEM, "out of memory");
        doc_record t;
        cs_refdoc_record_init(&t, CS_KIND_REFERENCE_TYPES, path, i);
        cs_refdoc_set_text(&t, "set_key", key);
        cs_refdoc_set_text(&t, "number", num);
        cs_refdoc_set_text(&t, "name_en", json_string_value(json_object_get(g, "name_en")));
        cs_refdoc_set_text(&t, "name_ru", opt_string(g, "name_ru"));
        set_int(&t, "size_published", json_object_get(g, "size_published"));
        cs_refdoc_set_text(&t, "size_locator", opt_string(locators, num));
        cs_refdoc_set_text(&t, "characteristics", chars);
        rc = cs_store_writer_insert(w, &t.rec);
        free(chars);
        size_t k;
        const json_t *tr;
        json_array_foreach(json_object_get(g, "profile"), k, tr)
        {
            if (rc)
                break;
            const json_t *countries = json_object_get(tr, "countries");
            const json_t *shared_with = json_object_get(tr, "shared_with");
            char *codes = countries ? string_list(countries) : NULL;
            char *shared = shared_with ? cs_refdoc_int_list(shared_with) : NULL;
            if ((countries && !codes) || (shared_with && !shared)) {
                free(codes);
                free(shared);
                return cs_error_set(CS_ENOMEM, "out of memory");
            }
            doc_record r;
            char position[32];
            snprintf(position, sizeof position, "%zu", k);
            cs_refdoc_record_init(&r, CS_KIND_REFERENCE_TRAITS, path, n_traits++);
            cs_refdoc_set_text(&r, "set_key", key);
            cs_refdoc_set_text(&r, "type_number", num);
            cs_refdoc_set_text(&r, "position", position);
            cs_refdoc_set_text(&r, "item", opt_string(tr, "item"));
            cs_refdoc_set_text(&r, "countries", codes);
            set_real(&r, "share_min", json_number_value(json_object_get(tr, "share_min")));
            set_real(&r, "share_max", json_number_value(json_object_get(tr, "share_max")));
            cs_refdoc_set_text(&r, "published", opt_string(tr, "published"));
            cs_refdoc_set_text(&r, "basis", opt_string(tr, "basis"));
            cs_refdoc_set_text(&r, "locator", opt_string(tr, "locator"));
            cs_refdoc_set_text(&r, "shared_with", shared);
            cs_refdoc_set_text(&r, "note", opt_string(tr, "note"));
            rc = cs_store_writer_insert(w, &r.rec);
            free(codes);
            free(shared);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int write_assignments(cs_store_writer *w, const json_t *doc, const char *key,
                             const char *path)
{
    size_t i;
    const json_t *a;
    json_array_foreach(json_object_get(doc, "assignments"), i, a)
    {
        const json_t *models = json_object_get(a, "target_models");
        char *list = models ? cs_refdoc_int_list(models) : NULL;
        if (models && !list)
            return cs_error_set(CS_ENOMEM, "out of memory");
        doc_record r;
        cs_refdoc_record_init(&r, CS_KIND_REFERENCE_ASSIGNMENTS, path, i);
        cs_refdoc_set_text(&r, "set_key", key);
        cs_refdoc_set_text(&r, "cluster_key", json_string_value(json_object_get(a, "cluster")));
        set_int(&r, "type_number", json_object_get(a, "group"));
        cs_refdoc_set_text(&r, "basis", json_string_value(json_object_get(a, "basis")));
        cs_refdoc_set_text(&r, "evidence", opt_string(a, "evidence"));
        cs_refdoc_set_text(&r, "locator", opt_string(a, "locator"));
        cs_refdoc_set_text(&r, "target_models", list);
        int rc = cs_store_writer_insert(w, &r.rec);
        free(list);
        if (rc)
            return rc;
    }
    return 0;
}

int cs_import_reference_write(cs_store_writer *w, const json_t *doc, const char *path,
                              const char *text, size_t len)
{
    where wh = { path, text, len };
    const char *key = json_string_value(json_object_get(doc, "source"));
    int found = cs_store_writer_has(w, CS_KIND_SOURCES, key);
    if (found <= 0)
        return found < 0 ? found
                         : cs_refdoc_fail(&wh, "source", -1, NULL,
                                          "the key of a source in the registry (import the sources "
                                          "first, or in the same import)",
                                          key);
    size_t i;
    const json_t *a;
    json_array_foreach(json_object_get(doc, "assignments"), i, a)
    {
        const char *cluster = json_string_value(json_object_get(a, "cluster"));
        if ((found = cs_store_writer_has(w, CS_KIND_CLUSTERS, cluster)) <= 0)
            return found < 0 ? found
                             : cs_refdoc_fail(&wh, "assignments", (long)i, "cluster",
                                              "the key of a cluster in the registry (import the "
                                              "clusters first, or in the same import)",
                                              cluster);
    }
    char *document = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    if (!document)
        return cs_error_set(CS_ENOMEM, "out of memory");
    /* a reference set is replaced whole: re-importing the same document leaves the same rows */
    int rc = cs_store_writer_clear_reference_set(w, key);
    if (!rc) {
        const json_t *sizes = json_object_get(doc, "published_sizes");
        const json_t *sample = json_object_get(doc, "sample");
        doc_record r;
        cs_refdoc_record_init(&r, CS_KIND_REFERENCE_SETS, path, 0);
        cs_refdoc_set_text(&r, "key", key);
        cs_refdoc_set_text(&r, "source", key);
        cs_refdoc_set_text(&r, "description",
                           json_string_value(json_object_get(doc, "description")));
        cs_refdoc_set_text(&r, "profile_method",
                           json_string_value(json_object_get(doc, "profile_method")));
        set_int(&r, "sample_size",
                json_object_get(sample, "clusters") ? json_object_get(sample, "clusters")
                                                    : json_object_get(sizes, "sample"));
        set_int(&r, "published_sum", json_object_get(sizes, "sum"));
        cs_refdoc_set_text(&r, "size_note", opt_string(sizes, "note"));
        cs_refdoc_set_text(&r, "method_note", opt_string(json_object_get(doc, "method"), "note"));
        cs_refdoc_set_text(&r, "document", document);
        rc = cs_store_writer_insert(w, &r.rec);
    }
    free(document);
    rc = rc ? rc : write_types(w, doc, key, path);
    rc = rc ? rc : write_assignments(w, doc, key, path);
    return rc ? rc : cs_import_factors_write(w, doc, path, text, len);
}
