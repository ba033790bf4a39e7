/*
 * method_indicators.c: an indicator of a method file: its members, its rule (a leaf rule
 * reading one fact, or a composite of items), the items of a composite and their refs.
 */
#include "method/method_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const rule_kinds[] = { "threshold",      "rank_cutoff",      "presence",
                                          "count_at_least", "ordinal_at_least", "composite" };
#define RULE_COMPOSITE 5

static int read_fact(cs_ml_loader *L, json_t *owner, cs_rule *r)
{
    const char *spec;
    int rc = cs_ml_get_string(L, owner, "fact", 1, NULL, &spec);
    if (rc)
        return rc;
    cs_ml_push_key(L, "fact");
    json_t *v = json_object_get(owner, "fact");
    const char *colon = strchr(spec, ':');
    char kind_name[16] = "";
    if (colon && (size_t)(colon - spec) < sizeof kind_name) {
        memcpy(kind_name, spec, (size_t)(colon - spec));
        kind_name[colon - spec] = '\0';
    }
    if (!colon || cs_subject_kind_parse(&r->subject_kind, kind_name)) {
        rc = cs_ml_fail(L, v,
                        "a subject kind and fact name such as \"cluster:startups\" or "
                        "\"country:foreign_patients\"");
        cs_ml_pop(L);
        return rc;
    }
    const char *name = colon + 1;
    const cs_ml_factdef *d = cs_ml_find_def(L, r->subject_kind, name);
    if (!d) {
        const cs_ml_factdef *other = cs_ml_find_def_any_kind(L, name);
        char expected[256];
        if (other)
            snprintf(expected, sizeof expected, "a %s fact (%s is a %s fact)", kind_name, name,
                     cs_subject_kind_name(other->kind));
        else
            snprintf(expected, sizeof expected,
                     "a fact defined in the fact definitions or the method's fact_definitions");
        rc = cs_ml_fail(L, v, expected);
        cs_ml_pop(L);
        return rc;
    }
    cs_ml_pop(L);
    /* borrowed, not copied: a definition lives in the method's arena or, built in, for the
     * process; a copy per rule of a long list of levels would make memory grow with the
     * product of rules and levels */
    r->fact = d->name;
    r->levels = d->levels;
    r->fact_type = d->type;
    return 0;
}

/* Reads the fact and rule of a leaf: a simple indicator, or an item of a composite. */
/* Refuses the rule's fact for its type: the error is placed at the owner's "fact" member. */
static int wrong_fact_type(cs_ml_loader *L, json_t *owner, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int wrong_fact_type(cs_ml_loader *L, json_t *owner, const char *fmt, ...)
{
    char expected[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expected, sizeof expected, fmt, ap);
    va_end(ap);
    cs_ml_pop(L);
    cs_ml_push_key(L, "fact");
    int rc = cs_ml_fail(L, json_object_get(owner, "fact"), expected);
    cs_ml_pop(L);
    return rc;
}

static int parse_leaf(cs_ml_loader *L, json_t *owner, json_t *rule, int kind, cs_rule *r)
{
    int rc = read_fact(L, owner, r);
    if (rc)
        return rc;
    cs_ml_push_key(L, "rule");
    static const char *const threshold_members[] = { "kind", "op", "value" };
    static const char *const rank_members[] = { "kind", "cutoff" };
    static const char *const presence_members[] = { "kind" };
    static const char *const count_members[] = { "kind", "n" };
    static const char *const ordinal_members[] = { "kind", "level" };
    cs_fact_type t = r->fact_type;
    const char *type_name = cs_fact_type_name(t);
    char what[128];
    snprintf(what, sizeof what, "a %s rule", rule_kinds[kind]);
    long long iv = 0;
    switch (kind) {
    case CS_RULE_THRESHOLD: {
        r->kind = CS_RULE_THRESHOLD;
        rc = cs_ml_check_members(L, rule, threshold_members, COUNT_OF(threshold_members), what);
        if (rc)
            break;
        json_t *op = json_object_get(rule, "op");
        static const char *const ops[] = { ">=", ">", "<=", "<" };
        size_t i = 0;
        while (json_is_string(op) && i < COUNT_OF(ops) && strcmp(ops[i], json_string_value(op)))
            i++;
        cs_ml_push_key(L, "op");
        if (!json_is_string(op) || i == COUNT_OF(ops))
            rc = cs_ml_fail(L, op, "one of \">=\", \">\", \"<=\" or \"<\"");
        cs_ml_pop(L);
        if (rc)
            break;
        r->op = (cs_rule_op)i;
        json_t *value = json_object_get(rule, "value");
        cs_ml_push_key(L, "value");
        if (!json_is_number(value) || !isfinite(json_number_value(value)))
            rc = cs_ml_fail(L, value, "a number");
        cs_ml_pop(L);
        if (rc)
            break;
        r->value = json_number_value(value);
        if (t != CS_FACT_COUNT && t != CS_FACT_AMOUNT && t != CS_FACT_RANK && t != CS_FACT_INDEX) {
            return wrong_fact_type(
                L, owner,
                "a numeric fact (count, amount, rank or index) for a threshold, not a %s "
                "fact",
                type_name);
        }
        break;
    }
    case CS_RULE_RANK_CUTOFF:
        r->kind = CS_RULE_RANK_CUTOFF;
        r->op = CS_OP_LE;
        rc = cs_ml_check_members(L, rule, rank_members, COUNT_OF(rank_members), what);
        if (!rc)
            rc = cs_ml_get_int(L, rule, "cutoff", 1, 0, 1, 1000000000,
                               "a whole number of 1 or more", &iv);
        r->value = (double)iv;
        if (!rc && t != CS_FACT_RANK) {
            return wrong_fact_type(L, owner, "a rank fact for rank_cutoff, not a %s fact",
                                   type_name);
        }
        break;
    case CS_RULE_PRESENCE:
        r->kind = CS_RULE_PRESENCE;
        rc = cs_ml_check_members(L, rule, presence_members, COUNT_OF(presence_members), what);
        if (!rc && t != CS_FACT_BOOL && t != CS_FACT_TEXT) {
            return wrong_fact_type(
                L, owner,
                "a bool or text fact for presence, not a %s fact (use threshold or "
                "count_at_least)",
                type_name);
        }
        break;
    case CS_RULE_COUNT_AT_LEAST:
        r->kind = CS_RULE_COUNT_AT_LEAST;
        r->op = CS_OP_GE;
        rc = cs_ml_check_members(L, rule, count_members, COUNT_OF(count_members), what);
        if (!rc)
            rc = cs_ml_get_int(L, rule, "n", 1, 0, 0, 1000000000000LL,
                               "a whole number of 0 or more", &iv);
        r->value = (double)iv;
        if (!rc && t != CS_FACT_COUNT) {
            return wrong_fact_type(L, owner, "a count fact for count_at_least, not a %s fact",
                                   type_name);
        }
        break;
    case CS_RULE_ORDINAL_AT_LEAST: {
        r->kind = CS_RULE_ORDINAL_AT_LEAST;
        rc = cs_ml_check_members(L, rule, ordinal_members, COUNT_OF(ordinal_members), what);
        if (rc)
            break;
        if (t != CS_FACT_LEVEL) {
            return wrong_fact_type(L, owner, "a level fact for ordinal_at_least, not a %s fact",
                                   type_name);
        }
        rc = cs_ml_get_string(L, rule, "level", 1, NULL, &r->level);
        if (rc)
            break;
        r->level_index = cs_ml_level_index(L, r->levels, r->level);
        if (r->level_index == CS_ENOMEM) {
            rc = CS_ENOMEM;
        } else if (r->level_index < 0) {
            char expected[300];
            snprintf(expected, sizeof expected, "one of the levels of %s (%s)", r->fact, r->levels);
            cs_ml_push_key(L, "level");
            rc = cs_ml_fail(L, json_object_get(rule, "level"), expected);
            cs_ml_pop(L);
        }
        break;
    }
    default:
        rc = cs_ml_fail(L, json_object_get(rule, "kind"), "a rule kind");
        break;
    }
    cs_ml_pop(L);
    return rc;
}

/* The rule object of `owner` and its kind (an index into rule_kinds). */
static int read_rule_kind(cs_ml_loader *L, json_t *owner, json_t **rule, int *kind)
{
    *rule = json_object_get(owner, "rule");
    cs_ml_push_key(L, "rule");
    if (!json_is_object(*rule)) {
        int rc = cs_ml_fail(L, *rule, "a rule object such as {\"kind\": \"presence\"}");
        cs_ml_pop(L);
        return rc;
    }
    json_t *k = json_object_get(*rule, "kind");
    cs_ml_push_key(L, "kind");
    size_t i = 0;
    while (json_is_string(k) && i < COUNT_OF(rule_kinds) &&
           strcmp(rule_kinds[i], json_string_value(k)) != 0)
        i++;
    int rc = 0;
    if (!json_is_string(k) || i == COUNT_OF(rule_kinds))
        rc = cs_ml_fail(L, k,
                        "a rule kind: threshold, rank_cutoff, presence, count_at_least, "
                        "ordinal_at_least or composite");
    cs_ml_pop(L);
    cs_ml_pop(L);
    *kind = (int)i;
    return rc;
}

static int parse_item(cs_ml_loader *L, json_t *obj, cs_ml_item *it)
{
    static const char *const members[] = { "id", "label_en", "label_ru", "fact", "rule", "ref" };
    if (!json_is_object(obj))
        return cs_ml_fail(L, obj, "an item object");
    int rc = cs_ml_check_members(L, obj, members, COUNT_OF(members), "an item");
    if (!rc)
        rc = cs_ml_get_id(L, obj, "id", &it->id);
    json_t *ref = json_object_get(obj, "ref");
    if (!rc)
        rc = cs_ml_get_labels(L, obj, &it->label_en, &it->label_ru, !ref);
    if (rc)
        return rc;
    if (ref) {
        if (json_object_get(obj, "fact") || json_object_get(obj, "rule")) {
            cs_ml_push_key(L, json_object_get(obj, "fact") ? "fact" : "rule");
            rc = cs_ml_fail_msg(L, "an item has either \"ref\" or \"fact\" and \"rule\", not both");
            cs_ml_pop(L);
            return rc;
        }
        rc = cs_ml_get_string(L, obj, "ref", 1, NULL, &it->ref_id);
        it->rule.kind = CS_RULE_REF;
        return rc;
    }
    return cs_ml_parse_fact_rule(L, obj,
                                 "an item cannot be composite; make it an indicator (\"scored\": "
                                 "false if it should not count) and refer to it with \"ref\"",
                                 &it->rule);
}

int cs_ml_parse_fact_rule(cs_ml_loader *L, json_t *owner, const char *why, cs_rule *r)
{
    json_t *rule;
    int kind;
    int rc = read_rule_kind(L, owner, &rule, &kind);
    if (rc)
        return rc;
    if (kind == RULE_COMPOSITE) {
        cs_ml_push_key(L, "rule");
        cs_ml_push_key(L, "kind");
        rc = cs_ml_fail_msg(L, "%s", why);
        cs_ml_pop(L);
        cs_ml_pop(L);
        return rc;
    }
    return parse_leaf(L, owner, rule, kind, r);
}

int cs_ml_parse_indicator(cs_ml_loader *L, json_t *obj, cs_ml_indicator *ind)
{
    static const char *const members[] = { "id",          "code",       "block",      "label_en",
                                           "label_ru",    "heading_en", "heading_ru", "notes",
                                           "study_lines", "sources",    "scored",     "fact",
                                           "rule" };
    cs_method *m = L->m;
    if (!json_is_object(obj))
        return cs_ml_fail(L, obj, "an indicator object");
    int rc = cs_ml_check_members(L, obj, members, COUNT_OF(members), "an indicator");
    if (!rc)
        rc = cs_ml_get_id(L, obj, "id", &ind->id);
    if (!rc)
        rc = cs_ml_get_string(L, obj, "code", 0, NULL, &ind->code);
    if (!rc && ind->code && (strlen(ind->code) > 16 || !*ind->code)) {
        cs_ml_push_key(L, "code");
        rc = cs_ml_fail(L, json_object_get(obj, "code"), "a short code of 1 to 16 bytes");
        cs_ml_pop(L);
    }
    const char *block_id = NULL;
    if (!rc)
        rc = cs_ml_get_string(L, obj, "block", 1, NULL, &block_id);
    if (!rc) {
        const cs_keymap_value *b = cs_ml_name(L, CS_ML_NS_BLOCK, block_id, NULL, 0);
        if (!b) {
            cs_ml_push_key(L, "block");
            rc = cs_ml_fail(L, json_object_get(obj, "block"), "the id of a block of this method");
            cs_ml_pop(L);
        }
        ind->block = b ? (size_t)b->id : m->n_blocks;
    }
    if (!rc)
        rc = cs_ml_get_labels(L, obj, &ind->label_en, &ind->label_ru, 1);
    if (!rc)
        rc = cs_ml_get_string(L, obj, "heading_en", 0, "", &ind->heading_en);
    if (!rc)
        rc = cs_ml_get_string(L, obj, "heading_ru", 0, "", &ind->heading_ru);
    if (!rc)
        rc = cs_ml_get_string(L, obj, "notes", 0, "", &ind->notes);
    if (!rc)
        rc = cs_ml_get_string(L, obj, "study_lines", 0, "", &ind->study_lines);
    if (rc)
        return rc;

    json_t *scored = json_object_get(obj, "scored");
    cs_ml_push_key(L, "scored");
    if (scored && !json_is_boolean(scored))
        rc = cs_ml_fail(L, scored, "true or false");
    cs_ml_pop(L);
    if (rc)
        return rc;
    ind->scored = scored ? json_is_true(scored) : 1;

    json_t *sources = json_object_get(obj, "sources");
    if (sources) {
        cs_ml_push_key(L, "sources");
        if (!json_is_array(sources)) {
            rc = cs_ml_fail(L, sources, "an array of source keys");
            cs_ml_pop(L);
            return rc;
        }
        ind->n_sources = json_array_size(sources);
        ind->sources = cs_ml_alloc(&m->arena, (ind->n_sources + 1) * sizeof *ind->sources);
        if (!ind->sources) {
            cs_ml_pop(L);
            return cs_ml_oom();
        }
        for (size_t i = 0; i < ind->n_sources && !rc; i++) {
            json_t *s = json_array_get(sources, i);
            cs_ml_push_index(L, i);
            const cs_keymap_value *k =
                json_is_string(s) ? cs_ml_name(L, CS_ML_NS_SOURCE, json_string_value(s), NULL, 0)
                                  : NULL;
            if (!k)
                rc = cs_ml_fail(L, s, "the key of one of the method's sources");
            else
                ind->sources[i] = m->sources[k->id].key;
            cs_ml_pop(L);
        }
        cs_ml_pop(L);
        if (rc)
            return rc;
    }

    json_t *rule;
    int kind;
    rc = read_rule_kind(L, obj, &rule, &kind);
    if (rc)
        return rc;
    if (kind != RULE_COMPOSITE) {
        ind->n_items = 1;
        ind->items = cs_ml_alloc(&m->arena, sizeof *ind->items);
        if (!ind->items)
            return cs_ml_oom();
        ind->items[0].id = ind->id;
        ind->items[0].label_en = ind->label_en;
        ind->items[0].label_ru = ind->label_ru;
        ind->min_items = 1;
        return parse_leaf(L, obj, rule, kind, &ind->items[0].rule);
    }

    ind->composite = 1;
    if (json_object_get(obj, "fact")) {
        cs_ml_push_key(L, "fact");
        rc = cs_ml_fail_msg(L, "a composite indicator reads its facts in its items; move \"fact\" "
                               "into the items");
        cs_ml_pop(L);
        return rc;
    }
    static const char *const composite_members[] = { "kind", "min_items", "items" };
    cs_ml_push_key(L, "rule");
    rc = cs_ml_check_members(L, rule, composite_members, COUNT_OF(composite_members),
                             "a composite rule");
    json_t *items = json_object_get(rule, "items");
    if (!rc) {
        cs_ml_push_key(L, "items");
        if (!json_is_array(items) || json_array_size(items) == 0)
            rc = cs_ml_fail(L, items, "a non-empty array of items");
        cs_ml_pop(L);
    }
    long long min_items = 1;
    if (!rc)
        rc = cs_ml_get_int(L, rule, "min_items", 0, 1, 1, (long long)json_array_size(items),
                           "a whole number from 1 to the number of items", &min_items);
    if (rc) {
        cs_ml_pop(L);
        return rc;
    }
    ind->min_items = (size_t)min_items;
    ind->n_items = json_array_size(items);
    ind->items = cs_ml_alloc(&m->arena, ind->n_items * sizeof *ind->items);
    if (!ind->items) {
        cs_ml_pop(L);
        return cs_ml_oom();
    }
    cs_ml_push_key(L, "items");
    for (size_t i = 0; i < ind->n_items && !rc; i++) {
        cs_ml_push_index(L, i);
        ind->items[i].json_index = i;
        rc = parse_item(L, json_array_get(items, i), &ind->items[i]);
        size_t first = 0;
        int dup =
            rc ? 0 : cs_ml_seen_n(L, CS_ML_NS_ITEM, ind->json_index, ind->items[i].id, i, &first);
        if (dup > 0) {
            cs_ml_push_key(L, "id");
            dup = cs_ml_fail_msg(L, "duplicate item id \"%s\" (items[%zu] has it too)",
                                 ind->items[i].id, first);
            cs_ml_pop(L);
        }
        rc = rc ? rc : dup;
        cs_ml_pop(L);
    }
    cs_ml_pop(L);
    cs_ml_pop(L);
    return rc;
}
