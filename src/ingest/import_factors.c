/*
 * import_factors.c: the target models, success factors and cases of a
 * `clusterscope-reference-types` document (members "target_models", "factors", "cases" and
 * "evidence_method"), checked with the rest of the document and written into the tables of
 * migration 0003 beside its reference set.
 *
 * Invariant: cs_import_factors_check() accepts only what cs_import_factors_write() can store;
 * the write phase checks only what needs the registry (the clusters the cases name).
 */
#include "ingest/import_reference.h"

#include "clusterscope/error.h"
#include "registry/record.h"
#include "util/buf.h"
#include "util/json_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Factors and target models a document may hold, each: the report's table has a column for
 * every one of them beside the cluster's key, name and group. */
#define CS_FACTORS_MAX      24
#define CS_FACTORS_MAX_TEXT "24"

typedef cs_refdoc_where where;
typedef cs_refdoc_record doc_record;

/* Every member of OBJ is in NAMES and every one of STRINGS present is a string (or null). */
static int check_members(const where *w, const char *top, long i, const json_t *obj,
                         const char *const *names, const char *const *strings, const char *expected)
{
    const char *member;
    const json_t *v;
    json_object_foreach((json_t *)obj, member, v)
    {
        if (!cs_refdoc_member_allowed(member, names))
            return cs_refdoc_fail(w, top, i, member, expected, member);
        if (cs_refdoc_member_allowed(member, strings) && !json_is_string(v) && !json_is_null(v))
            return cs_refdoc_fail(w, top, i, member, "a string", cs_refdoc_kind_name(v));
    }
    return 0;
}

/* A positive whole number at OBJ.MEMBER not among the first N of SEEN. */
static int check_number(const where *w, const char *top, long i, const json_t *obj,
                        const char *member, json_int_t *seen, size_t n, const char *what)
{
    const json_t *id = json_object_get(obj, member);
    char expected[96], found[32];
    snprintf(expected, sizeof expected, "%s from 1 to 2147483647", what);
    if (!json_is_integer(id) || json_integer_value(id) < 1 ||
        json_integer_value(id) > CS_RECORD_INT_MAX) {
        if (json_is_integer(id))
            snprintf(found, sizeof found, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        return cs_refdoc_fail(w, top, i, member, expected,
                              json_is_integer(id) ? found
                              : id                ? cs_refdoc_kind_name(id)
                                                  : "none");
    }
    for (size_t k = 0; seen && k < n; k++)
        if (seen[k] == json_integer_value(id))
            return cs_refdoc_fail(w, top, i, member, "a number not used before",
                                  "a repeated number");
    if (seen)
        seen[n] = json_integer_value(id);
    return 0;
}

static int has_id(const json_t *array, json_int_t id)
{
    size_t i;
    const json_t *e;
    json_array_foreach(array, i, e)
    {
        if (json_integer_value(json_object_get(e, "id")) == id)
            return 1;
    }
    return 0;
}

static int nonempty(const json_t *obj, const char *member)
{
    const json_t *v = json_object_get(obj, member);
    return json_is_string(v) && *json_string_value(v);
}

static int check_model(const where *w, long i, const json_t *m, const json_t *groups,
                       json_int_t *seen)
{
    static const char *const names[] = {
        "id",           "name_en",        "name_ru",  "locator",          "task_en", "task_ru",
        "groups_quote", "groups_locator", "evidence", "priority_locator", NULL
    };
    if (!json_is_object(m))
        return cs_refdoc_fail(w, "target_models", i, NULL, "a target model (a JSON object)",
                              cs_refdoc_kind_name(m));
    static const char *const all[] = {
        "id",           "name_en",        "name_ru",  "locator",          "task_en", "task_ru",
        "groups_quote", "groups_locator", "evidence", "priority_locator", "groups",  NULL
    };
    int rc = check_members(w, "target_models", i, m, all, names + 1,
                           "a target-model member id, name_en, name_ru, locator, task_en, "
                           "task_ru, groups, groups_quote, groups_locator, priority_locator or "
                           "evidence");
    rc = rc ? rc : check_number(w, "target_models", i, m, "id", seen, (size_t)i, "a model number");
    if (rc)
        return rc;
    if (!nonempty(m, "name_en"))
        return cs_refdoc_fail(w, "target_models", i, "name_en", "an English name",
                              cs_refdoc_kind_name(json_object_get(m, "name_en")));
    const json_t *g = json_object_get(m, "groups");
    if (g && !json_is_array(g))
        return cs_refdoc_fail(w, "target_models", i, "groups", "an array of group numbers",
                              cs_refdoc_kind_name(g));
    size_t k;
    const json_t *e;
    json_array_foreach(g, k, e)
    {
        if (!json_is_integer(e) || !has_id(groups, json_integer_value(e)))
            return cs_refdoc_fail(w, "target_models", i, "groups",
                                  "the numbers of groups of this document", cs_refdoc_kind_name(e));
    }
    return 0;
}

static int check_factor(const where *w, long i, const json_t *f, json_int_t *seen)
{
    static const char *const names[] = { "id",
                                         "name_en",
                                         "name_ru",
                                         "locator",
                                         "heading_locator",
                                         "preface_ru",
                                         "preface_locator",
                                         "practices_en",
                                         "practices_ru",
                                         "evidence",
                                         "no_evidence",
                                         NULL };
    if (!json_is_object(f))
        return cs_refdoc_fail(w, "factors", i, NULL, "a success factor (a JSON object)",
                              cs_refdoc_kind_name(f));
    int rc = check_members(w, "factors", i, f, names, names + 1,
                           "a factor member id, name_en, name_ru, locator, heading_locator, "
                           "preface_ru, preface_locator, practices_en, practices_ru, evidence or "
                           "no_evidence");
    rc = rc ? rc : check_number(w, "factors", i, f, "id", seen, (size_t)i, "a factor number");
    if (rc)
        return rc;
    if (!nonempty(f, "name_en"))
        return cs_refdoc_fail(w, "factors", i, "name_en", "an English name",
                              cs_refdoc_kind_name(json_object_get(f, "name_en")));
    if (nonempty(f, "evidence") == nonempty(f, "no_evidence"))
        return cs_refdoc_fail(w, "factors", i, NULL,
                              "either \"evidence\" (an indicator of the evidence method) or "
                              "\"no_evidence\" (why no recorded fact can evidence the factor)",
                              nonempty(f, "evidence") ? "both" : "neither");
    return 0;
}

static int check_case(const where *w, long i, const json_t *c, const json_t *factors)
{
    static const char *const names[] = { "factor",     "cluster",    "title_ru", "locator",
                                         "summary_en", "summary_ru", NULL };
    if (!json_is_object(c))
        return cs_refdoc_fail(w, "cases", i, NULL, "a case (a JSON object)",
                              cs_refdoc_kind_name(c));
    int rc = check_members(w, "cases", i, c, names, names + 1,
                           "a case member factor, cluster, title_ru, locator, summary_en or "
                           "summary_ru");
    rc = rc ? rc : check_number(w, "cases", i, c, "factor", NULL, 0, "a factor number");
    if (rc)
        return rc;
    if (!has_id(factors, json_integer_value(json_object_get(c, "factor"))))
        return cs_refdoc_fail(w, "cases", i, "factor", "the number of a factor of this document",
                              "an unknown factor");
    if (!nonempty(c, "cluster"))
        return cs_refdoc_fail(w, "cases", i, "cluster", "a cluster key",
                              cs_refdoc_kind_name(json_object_get(c, "cluster")));
    if (!nonempty(c, "title_ru"))
        return cs_refdoc_fail(w, "cases", i, "title_ru", "the case's title as the study prints it",
                              cs_refdoc_kind_name(json_object_get(c, "title_ru")));
    return 0;
}

/* DOC.TOP is an array or absent. */
static int check_array(const where *w, const json_t *doc, const char *top, const char *expected)
{
    const json_t *a = json_object_get(doc, top);
    if (a && !json_is_array(a))
        return cs_refdoc_fail(w, top, -1, NULL, expected, cs_refdoc_kind_name(a));
    return 0;
}

int cs_import_factors_check(const json_t *doc, const char *path, const char *text, size_t len)
{
    where w = { path, text, len };
    int rc = check_array(&w, doc, "target_models", "an array of target models");
    rc = rc ? rc : check_array(&w, doc, "factors", "an array of success factors");
    rc = rc ? rc : check_array(&w, doc, "cases", "an array of cases");
    if (rc)
        return rc;
    const json_t *method = json_object_get(doc, "evidence_method");
    const json_t *models = json_object_get(doc, "target_models");
    const json_t *factors = json_object_get(doc, "factors");
    const json_t *cases = json_object_get(doc, "cases");
    if (method && (!json_is_string(method) || !*json_string_value(method)))
        return cs_refdoc_fail(&w, "evidence_method", -1, NULL, "a method id",
                              cs_refdoc_kind_name(method));
    if (!method && json_array_size(factors))
        return cs_refdoc_fail(&w, "factors", -1, NULL,
                              "a member \"evidence_method\" beside the factors (the method whose "
                              "indicators evidence them)",
                              "none");
    /* the report shows one column per factor and model (report_impl.h, CS_REPORT_MAX_COLS) */
    if (json_array_size(models) > CS_FACTORS_MAX)
        return cs_refdoc_fail(&w, "target_models", CS_FACTORS_MAX, NULL,
                              "at most " CS_FACTORS_MAX_TEXT " target models", "more");
    if (json_array_size(factors) > CS_FACTORS_MAX)
        return cs_refdoc_fail(&w, "factors", CS_FACTORS_MAX, NULL,
                              "at most " CS_FACTORS_MAX_TEXT " success factors", "more");
    size_t n = json_array_size(models) + json_array_size(factors) + 1;
    json_int_t *seen = calloc(n, sizeof *seen);
    if (!seen)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t i;
    const json_t *e;
    json_array_foreach(models, i, e)
    {
        if ((rc = check_model(&w, (long)i, e, json_object_get(doc, "groups"), seen)))
            break;
    }
    json_array_foreach(factors, i, e)
    {
        if (rc || (rc = check_factor(&w, (long)i, e, seen)))
            break;
    }
    free(seen);
    json_array_foreach(cases, i, e)
    {
        if (rc || (rc = check_case(&w, (long)i, e, factors)))
            break;
    }
    return rc;
}

/* ------------------------------------------------------------------------------------------ */

/* Column NAME from OBJ's member of the same name: a string, or a whole number as text. */
static void set_member(doc_record *d, const char *name, const json_t *obj, const char *member)
{
    int c = cs_kind_spec_column(d->rec.spec, name);
    const json_t *v = json_object_get(obj, member);
    if (c < 0)
        return;
    if (json_is_string(v)) {
        d->rec.values[c] = json_string_value(v);
    } else if (json_is_integer(v)) {
        snprintf(d->numbers[c], sizeof d->numbers[c], "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        d->rec.values[c] = d->numbers[c];
    }
}

static int write_models(cs_store_writer *w, const json_t *doc, const char *key, const char *path)
{
    const char *method = json_string_value(json_object_get(doc, "evidence_method"));
    size_t i;
    const json_t *m;
    json_array_foreach(json_object_get(doc, "target_models"), i, m)
    {
        const json_t *groups = json_object_get(m, "groups");
        char *list = groups ? cs_refdoc_int_list(groups) : NULL;
        if (groups && !list)
            return cs_error_set(CS_ENOMEM, "out of memory");
        doc_record r;
        cs_refdoc_record_init(&r, CS_KIND_REFERENCE_MODELS, path, i);
        cs_refdoc_set_text(&r, "set_key", key);
        set_member(&r, "number", m, "id");
        static const char *const same[] = {
            "name_en", "name_ru",      "locator",        "task_en",
            "task_ru", "groups_quote", "groups_locator", "evidence"
        };
        for (size_t k = 0; k < sizeof same / sizeof same[0]; k++)
            set_member(&r, same[k], m, same[k]);
        cs_refdoc_set_text(&r, "groups", list);
        if (json_string_value(json_object_get(m, "evidence")))
            cs_refdoc_set_text(&r, "evidence_method", method);
        int rc = cs_store_writer_insert(w, &r.rec);
        free(list);
        if (rc)
            return rc;
    }
    return 0;
}

static int write_factors(cs_store_writer *w, const json_t *doc, const char *key, const char *path)
{
    const char *method = json_string_value(json_object_get(doc, "evidence_method"));
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(doc, "factors"), i, f)
    {
        doc_record r;
        cs_refdoc_record_init(&r, CS_KIND_REFERENCE_FACTORS, path, i);
        cs_refdoc_set_text(&r, "set_key", key);
        set_member(&r, "number", f, "id");
        static const char *const same[] = { "name_en",         "name_ru",      "locator",
                                            "heading_locator", "preface_ru",   "preface_locator",
                                            "practices_en",    "practices_ru", "evidence",
                                            "no_evidence" };
        for (size_t k = 0; k < sizeof same / sizeof same[0]; k++)
            set_member(&r, same[k], f, same[k]);
        if (json_string_value(json_object_get(f, "evidence")))
            cs_refdoc_set_text(&r, "evidence_method", method);
        int rc = cs_store_writer_insert(w, &r.rec);
        if (rc)
            return rc;
    }
    return 0;
}

int cs_import_factors_write(cs_store_writer *w, const json_t *doc, const char *path,
                            const char *text, size_t len)
{
    where wh = { path, text, len };
    const char *key = json_string_value(json_object_get(doc, "source"));
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(doc, "cases"), i, c)
    {
        const char *cluster = json_string_value(json_object_get(c, "cluster"));
        int found = cs_store_writer_has(w, CS_KIND_CLUSTERS, cluster);
        if (found <= 0)
            return found < 0 ? found
                             : cs_refdoc_fail(&wh, "cases", (long)i, "cluster",
                                              "the key of a cluster in the registry (import the "
                                              "clusters first, or in the same import)",
                                              cluster);
    }
    int rc = write_models(w, doc, key, path);
    rc = rc ? rc : write_factors(w, doc, key, path);
    json_array_foreach(json_object_get(doc, "cases"), i, c)
    {
        if (rc)
            break;
        doc_record r;
        char position[32];
        snprintf(position, sizeof position, "%zu", i);
        cs_refdoc_record_init(&r, CS_KIND_REFERENCE_CASES, path, i);
        cs_refdoc_set_text(&r, "set_key", key);
        cs_refdoc_set_text(&r, "position", position);
        set_member(&r, "factor", c, "factor");
        set_member(&r, "cluster_key", c, "cluster");
        static const char *const same[] = { "title_ru", "locator", "summary_en", "summary_ru" };
        for (size_t k = 0; k < sizeof same / sizeof same[0]; k++)
            set_member(&r, same[k], c, same[k]);
        rc = cs_store_writer_insert(w, &r.rec);
    }
    return rc;
}
