/*
 * method_scope.c: the method's scope, the clusters it applies to: the "scope" member of a method
 * file (rules on a field of the cluster's record or on a fact, all of which must hold), its
 * accessors, and the words that say why a rule put a cluster out of scope or kept it in.
 */
#include "method/method_impl.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The registry's cluster kinds (src/registry/record.c, the "kind" column): a scope naming another
 * kind could never be met, so it is refused as a typo. */
static const char *const cluster_kinds[] = { "biomedical", "industrial", "innovative_territorial",
                                             "tourist", "other" };

static const char *const field_names[] = { "kind", "country" };

/* A namespace of the loader's names for scope rule ids (method_impl.h lists the others). */
#define CS_ML_NS_SCOPE 'S'

static int valid_value(cs_cluster_field field, const char *v)
{
    if (field == CS_CLUSTER_FIELD_KIND) {
        for (size_t i = 0; i < COUNT_OF(cluster_kinds); i++)
            if (strcmp(v, cluster_kinds[i]) == 0)
                return 1;
        return 0;
    }
    return strlen(v) == 2 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z';
}

static int parse_field_rule(cs_ml_loader *L, json_t *obj, cs_scope_rule *r)
{
    json_t *field = json_object_get(obj, "field");
    cs_ml_push_key(L, "field");
    size_t f = 0;
    while (json_is_string(field) && f < COUNT_OF(field_names) &&
           strcmp(field_names[f], json_string_value(field)) != 0)
        f++;
    int rc = 0;
    if (!json_is_string(field) || f == COUNT_OF(field_names))
        rc = cs_ml_fail(L, field, "a field of the cluster's record: \"kind\" or \"country\"");
    cs_ml_pop(L);
    if (rc)
        return rc;
    r->field = (cs_cluster_field)f;
    if (json_object_get(obj, "rule")) {
        cs_ml_push_key(L, "rule");
        rc = cs_ml_fail_msg(L, "a field rule lists its values in \"in\"; \"rule\" belongs to a "
                               "fact rule");
        cs_ml_pop(L);
        return rc;
    }
    json_t *in = json_object_get(obj, "in");
    cs_ml_push_key(L, "in");
    if (!json_is_array(in) || json_array_size(in) == 0) {
        rc = cs_ml_fail(L, in, "a non-empty array of the values that meet the rule");
        cs_ml_pop(L);
        return rc;
    }
    r->n_values = json_array_size(in);
    const char **values = cs_ml_alloc(&L->m->arena, r->n_values * sizeof *values);
    if (!values) {
        cs_ml_pop(L);
        return cs_ml_oom();
    }
    const char *expected =
        r->field == CS_CLUSTER_FIELD_KIND
            ? "a cluster kind: biomedical, industrial, innovative_territorial, tourist or other"
            : "a country code of two capital letters, such as \"DE\"";
    for (size_t i = 0; i < r->n_values && !rc; i++) {
        json_t *v = json_array_get(in, i);
        cs_ml_push_index(L, i);
        if (!json_is_string(v) || !valid_value(r->field, json_string_value(v)))
            rc = cs_ml_fail(L, v, expected);
        else if (!(values[i] = cs_ml_strdup(&L->m->arena, json_string_value(v))))
            rc = cs_ml_oom();
        cs_ml_pop(L);
    }
    cs_ml_pop(L);
    r->values = values;
    return rc;
}

static int parse_rule(cs_ml_loader *L, json_t *obj, cs_scope_rule *r)
{
    static const char *const members[] = { "id",    "label_en", "label_ru", "notes", "study_lines",
                                           "field", "in",       "fact",     "rule",  "unknown" };
    if (!json_is_object(obj))
        return cs_ml_fail(L, obj,
                          "a scope rule object, such as {\"id\": \"biomedical\", \"field\": "
                          "\"kind\", \"in\": [\"biomedical\"], ...}");
    int rc = cs_ml_check_members(L, obj, members, COUNT_OF(members), "a scope rule");
    if (!rc)
        rc = cs_ml_get_id(L, obj, "id", &r->id);
    if (!rc)
        rc = cs_ml_get_labels(L, obj, &r->label_en, &r->label_ru, 1);
    if (!rc)
        rc = cs_ml_get_string(L, obj, "notes", 0, "", &r->notes);
    if (!rc)
        rc = cs_ml_get_string(L, obj, "study_lines", 0, "", &r->study_lines);
    const char *unknown = "out";
    if (!rc)
        rc = cs_ml_get_string(L, obj, "unknown", 0, "out", &unknown);
    if (!rc && strcmp(unknown, "in") != 0 && strcmp(unknown, "out") != 0) {
        cs_ml_push_key(L, "unknown");
        rc = cs_ml_fail(L, json_object_get(obj, "unknown"),
                        "\"in\" (an unknown keeps the cluster in scope) or \"out\" (the default)");
        cs_ml_pop(L);
    }
    if (rc)
        return rc;
    r->unknown_in = strcmp(unknown, "in") == 0;
    int has_field = json_object_get(obj, "field") != NULL;
    int has_fact = json_object_get(obj, "fact") != NULL;
    if (has_field == has_fact) {
        cs_ml_push_key(L, has_field ? "fact" : "field");
        rc = has_field ? cs_ml_fail_msg(L, "a scope rule reads either a \"field\" or a \"fact\", "
                                           "not both")
                       : cs_ml_fail(L, NULL, "\"field\" (with \"in\") or \"fact\" (with \"rule\")");
        cs_ml_pop(L);
        return rc;
    }
    if (has_field)
        return parse_field_rule(L, obj, r);
    r->is_fact = 1;
    if (json_object_get(obj, "in")) {
        cs_ml_push_key(L, "in");
        rc = cs_ml_fail_msg(L, "a fact rule states its condition in \"rule\"; \"in\" belongs to "
                               "a field rule");
        cs_ml_pop(L);
        return rc;
    }
    return cs_ml_parse_fact_rule(L, obj,
                                 "a scope rule cannot be composite; write each condition as its "
                                 "own rule of \"all_of\" (all must hold)",
                                 &r->rule);
}

static int compare_facts(const void *a, const void *b)
{
    const cs_method_fact *x = a, *y = b;
    if (x->subject_kind != y->subject_kind)
        return x->subject_kind < y->subject_kind ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* The scope's facts join the facts the method reads, so that a store loads them too. */
static int add_scope_facts(cs_ml_loader *L)
{
    cs_method *m = L->m;
    cs_method_fact *facts = cs_ml_alloc(&m->arena, (m->n_facts + m->n_scope + 1) * sizeof *facts);
    if (!facts)
        return cs_ml_oom();
    if (m->n_facts)
        memcpy(facts, m->facts, m->n_facts * sizeof *facts);
    size_t n = m->n_facts;
    for (size_t i = 0; i < m->n_scope; i++) {
        const cs_rule *r = &m->scope[i].rule;
        if (!m->scope[i].is_fact)
            continue;
        size_t first;
        int dup = cs_ml_seen_n(L, CS_ML_NS_FACT, (size_t)r->subject_kind, r->fact, n, &first);
        if (dup < 0)
            return dup;
        if (!dup)
            facts[n++] = (cs_method_fact){ r->subject_kind, r->fact, r->fact_type, r->levels };
    }
    qsort(facts, n, sizeof *facts, compare_facts);
    m->facts = facts;
    m->n_facts = n;
    return 0;
}

int cs_ml_parse_scope(cs_ml_loader *L, json_t *scope)
{
    static const char *const members[] = { "all_of", "notes", "study_lines" };
    cs_method *m = L->m;
    L->depth = 0;
    cs_ml_push_key(L, "scope");
    int rc = 0;
    if (!json_is_object(scope))
        rc = cs_ml_fail(L, scope, "a scope object {\"all_of\": [rules]}");
    if (!rc)
        rc = cs_ml_check_members(L, scope, members, COUNT_OF(members), "the scope");
    if (!rc)
        rc = cs_ml_get_string(L, scope, "notes", 0, "", &m->scope_notes);
    if (!rc)
        rc = cs_ml_get_string(L, scope, "study_lines", 0, "", &m->scope_study_lines);
    json_t *list = rc ? NULL : json_object_get(scope, "all_of");
    if (!rc) {
        cs_ml_push_key(L, "all_of");
        if (!json_is_array(list) || json_array_size(list) == 0 ||
            json_array_size(list) > CS_SCOPE_MAX_RULES) {
            char expected[96];
            snprintf(expected, sizeof expected,
                     "a non-empty array of at most %d rules, all of which must hold",
                     CS_SCOPE_MAX_RULES);
            rc = cs_ml_fail(L, list, expected);
            cs_ml_pop(L);
        }
    }
    if (rc) {
        cs_ml_pop(L);
        return rc;
    }
    size_t n = json_array_size(list);
    m->scope = cs_ml_alloc(&m->arena, n * sizeof *m->scope);
    if (!m->scope)
        rc = cs_ml_oom();
    for (size_t i = 0; i < n && !rc; i++) {
        cs_ml_push_index(L, i);
        rc = parse_rule(L, json_array_get(list, i), &m->scope[i]);
        size_t first = 0;
        int dup = rc ? 0 : cs_ml_seen(L, CS_ML_NS_SCOPE, m->scope[i].id, NULL, i, &first);
        if (dup > 0) {
            cs_ml_push_key(L, "id");
            dup = cs_ml_fail_msg(L, "duplicate scope rule id \"%s\" (all_of[%zu] has it too)",
                                 m->scope[i].id, first);
            cs_ml_pop(L);
        }
        rc = rc ? rc : dup;
        cs_ml_pop(L);
    }
    cs_ml_pop(L);
    cs_ml_pop(L);
    if (rc)
        return rc;
    m->n_scope = n;
    return add_scope_facts(L);
}

size_t cs_method_scope_count(const cs_method *m)
{
    return m->n_scope;
}

const cs_scope_rule *cs_method_scope_at(const cs_method *m, size_t i)
{
    return i < m->n_scope ? &m->scope[i] : NULL;
}

const char *cs_method_scope_notes(const cs_method *m)
{
    return m->scope_notes ? m->scope_notes : "";
}

const char *cs_method_scope_study_lines(const cs_method *m)
{
    return m->scope_study_lines ? m->scope_study_lines : "";
}

const char *cs_cluster_field_name(cs_cluster_field f)
{
    return (size_t)f < COUNT_OF(field_names) ? field_names[f] : "?";
}

cs_result cs_scope_field_eval(const cs_scope_rule *rule, const char *value)
{
    if (!value || !*value)
        return CS_RESULT_UNKNOWN;
    for (size_t i = 0; i < rule->n_values; i++)
        if (strcmp(rule->values[i], value) == 0)
            return CS_RESULT_MET;
    return CS_RESULT_NOT_MET;
}

int cs_scope_reason(char *out, size_t cap, const cs_scope_rule *rule, cs_result result,
                    const char *found, cs_lang lang)
{
    const char *first = lang == CS_LANG_RU ? rule->label_ru : rule->label_en;
    const char *second = lang == CS_LANG_RU ? rule->label_en : rule->label_ru;
    const char *label = first && *first ? first : second && *second ? second : rule->id;
    const char *what = rule->is_fact ? rule->rule.fact : cs_cluster_field_name(rule->field);
    char read[512];
    if (found)
        snprintf(read, sizeof read, cs_i18n_text(lang, "scope_value"), what, found);
    else
        snprintf(read, sizeof read, cs_i18n_text(lang, "scope_no_value"), what);
    const char *key = result == CS_RESULT_NOT_MET ? "scope_not_met"
                      : rule->unknown_in          ? "scope_unknown_in"
                                                  : "scope_unknown_out";
    return snprintf(out, cap, cs_i18n_text(lang, key), label, read);
}
