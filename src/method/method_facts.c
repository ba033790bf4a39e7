/*
 * method_facts.c: the fact definitions a method's rules are checked against: the built-in ones
 * (src/store/fact_definitions.json, embedded in the library, parsed once per process and kept
 * for its life) and the method file's own "fact_definitions", which may add facts but not
 * redefine a built-in one. All parsing of fact definitions is in this file.
 */
#include "method/method_impl.h"

#include "clusterscope/error.h"
#include "util/embedded.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The built-in definitions are parsed once and kept for the life of the process. */
static cs_ml_factdef *builtin_defs;
static size_t n_builtin_defs;
static char builtin_error[512];
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void load_builtin_defs(void)
{
    const cs_fact_definitions *list = NULL;
    if (cs_fact_definitions_builtin(&list)) {
        snprintf(builtin_error, sizeof builtin_error, "%s", cs_error_last());
        return;
    }
    size_t n = cs_fact_definitions_count(list);
    cs_ml_factdef *defs = calloc(n ? n : 1, sizeof *defs);
    if (!defs) {
        snprintf(builtin_error, sizeof builtin_error, "out of memory");
        return;
    }
    /* the strings belong to the built-in list, which the library keeps for the process */
    for (size_t i = 0; i < n; i++) {
        const cs_fact_definition *d = cs_fact_definitions_at(list, i);
        defs[i] = (cs_ml_factdef){ d->name, d->subject_kind, d->type, d->levels };
    }
    builtin_defs = defs;
    n_builtin_defs = n;
}

int cs_ml_builtin_defs_load(void)
{
    pthread_once(&builtin_once, load_builtin_defs);
    if (!builtin_defs)
        return cs_error_set(CS_ERROR, "the built-in fact definitions: %s", builtin_error);
    return 0;
}

const cs_ml_factdef *cs_ml_find_def(cs_ml_loader *L, cs_subject_kind kind, const char *name)
{
    const cs_keymap_value *v =
        L->n_local_defs ? cs_ml_name_n(L, CS_ML_NS_DEF, (size_t)kind, name, 0) : NULL;
    if (v)
        return &L->local_defs[v->id];
    /* the built-in list is short (tens of facts) and fixed: a scan costs a constant per rule */
    for (size_t i = 0; i < n_builtin_defs; i++)
        if (builtin_defs[i].kind == kind && strcmp(builtin_defs[i].name, name) == 0)
            return &builtin_defs[i];
    return NULL;
}

const cs_ml_factdef *cs_ml_find_def_any_kind(cs_ml_loader *L, const char *name)
{
    for (int k = 0; k < 3; k++) {
        const cs_ml_factdef *d = cs_ml_find_def(L, (cs_subject_kind)k, name);
        if (d)
            return d;
    }
    return NULL;
}

/*
 * Indexes the levels of a definition once, by the address of its levels string (which rules
 * borrow, so the index serves them all): each level name -> its position, the first of equal
 * names winning as a scan would. *bad is set when a name is empty or repeats an earlier one.
 */
static int index_levels(cs_ml_loader *L, const char *levels, const char *at, int *bad)
{
    size_t ignored;
    int rc = cs_ml_seen(L, CS_ML_NS_LEVELS, at, NULL, 0, &ignored);
    if (rc) /* indexed before (and checked then), or out of memory */
        return rc < 0 ? rc : 0;
    cs_buf one = CS_BUF_INIT;
    size_t index = 0;
    for (const char *p = levels; p && !rc; index++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        cs_buf_reset(&one);
        rc = cs_buf_append(&one, p, n);
        if (!rc)
            rc = cs_ml_seen(L, CS_ML_NS_LEVEL, at, cs_buf_str(&one), index, &ignored);
        if (rc > 0 || n == 0)
            *bad = 1;
        rc = rc < 0 ? rc : 0;
        p = bar ? bar + 1 : NULL;
    }
    cs_buf_free(&one);
    return rc;
}

static void levels_key(char *at, size_t cap, const char *levels)
{
    snprintf(at, cap, "%p", (const void *)levels);
}

int cs_ml_level_index(cs_ml_loader *L, const char *levels, const char *level)
{
    if (!levels || !level)
        return -1;
    char at[2 * sizeof(void *) + 3];
    levels_key(at, sizeof at, levels);
    int bad = 0;
    int rc = index_levels(L, levels, at, &bad);
    if (rc)
        return rc;
    const cs_keymap_value *v = cs_ml_name(L, CS_ML_NS_LEVEL, at, level, 0);
    return v ? (int)v->id : -1;
}

/* Level names: non-empty and distinct. */
static int valid_levels(cs_ml_loader *L, const char *levels, int *valid)
{
    *valid = 0;
    if (!*levels)
        return 0;
    char at[2 * sizeof(void *) + 3];
    levels_key(at, sizeof at, levels);
    int bad = 0;
    int rc = index_levels(L, levels, at, &bad);
    *valid = !bad;
    return rc;
}

int cs_ml_parse_fact_definitions(cs_ml_loader *L, json_t *list)
{
    static const char *const members[] = { "name", "subject_kind", "type",     "levels",
                                           "unit", "label_en",     "label_ru", "description" };
    cs_method *m = L->m;
    cs_ml_push_key(L, "fact_definitions");
    int rc = 0;
    if (!json_is_array(list))
        rc = cs_ml_fail(L, list, "an array of fact definitions");
    size_t n = rc ? 0 : json_array_size(list);
    L->local_defs = n ? cs_ml_alloc(&m->arena, n * sizeof *L->local_defs) : NULL;
    if (n && !L->local_defs)
        rc = cs_ml_oom();
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *d = json_array_get(list, i);
        cs_ml_factdef *def = &L->local_defs[i];
        cs_ml_push_index(L, i);
        const char *kind = NULL, *type = NULL, *unused = NULL;
        if (!json_is_object(d))
            rc = cs_ml_fail(L, d, "a fact definition object");
        if (!rc)
            rc = cs_ml_check_members(L, d, members, COUNT_OF(members), "a fact definition");
        if (!rc)
            rc = cs_ml_get_string(L, d, "name", 1, NULL, &def->name);
        if (!rc)
            rc = cs_ml_get_string(L, d, "subject_kind", 1, NULL, &kind);
        if (!rc && cs_subject_kind_parse(&def->kind, kind)) {
            cs_ml_push_key(L, "subject_kind");
            rc = cs_ml_fail(L, json_object_get(d, "subject_kind"), "cluster, country or region");
            cs_ml_pop(L);
        }
        if (!rc)
            rc = cs_ml_get_string(L, d, "type", 1, NULL, &type);
        if (!rc && cs_fact_type_parse(&def->type, type)) {
            cs_ml_push_key(L, "type");
            rc = cs_ml_fail(L, json_object_get(d, "type"),
                            "count, amount, rank, index, bool, level or text");
            cs_ml_pop(L);
        }
        if (!rc)
            rc = cs_ml_get_string(L, d, "levels", 0, "", &def->levels);
        if (!rc && (def->type == CS_FACT_LEVEL) != (def->levels[0] != '\0')) {
            cs_ml_push_key(L, "levels");
            rc = cs_ml_fail(L, json_object_get(d, "levels"),
                            def->type == CS_FACT_LEVEL
                                ? "levels for a level fact, lowest first, separated by '|'"
                                : "no levels (only level facts have them)");
            cs_ml_pop(L);
        }
        int valid = 1;
        if (!rc && def->type == CS_FACT_LEVEL)
            rc = valid_levels(L, def->levels, &valid);
        if (!rc && !valid) {
            cs_ml_push_key(L, "levels");
            rc = cs_ml_fail(
                L, json_object_get(d, "levels"),
                "distinct non-empty level names separated by '|', such as \"none|some|all\"");
            cs_ml_pop(L);
        }
        static const char *const text_members[] = { "unit", "label_en", "label_ru", "description" };
        for (size_t k = 0; k < COUNT_OF(text_members) && !rc; k++)
            rc = cs_ml_get_string(L, d, text_members[k], 0, "", &unused);
        if (!rc) {
            size_t first = 0;
            rc = cs_ml_seen_n(L, CS_ML_NS_DEF, (size_t)def->kind, def->name, i, &first);
            if (rc > 0) {
                cs_ml_push_key(L, "name");
                rc = cs_ml_fail_msg(L, "duplicate fact definition %s:%s",
                                    cs_subject_kind_name(def->kind), def->name);
                cs_ml_pop(L);
            }
            for (size_t j = 0; j < n_builtin_defs && !rc; j++) {
                const cs_ml_factdef *b = &builtin_defs[j];
                if (b->kind == def->kind && strcmp(b->name, def->name) == 0 &&
                    (b->type != def->type || strcmp(b->levels, def->levels) != 0)) {
                    cs_ml_push_key(L, "type");
                    char expected[256];
                    snprintf(expected, sizeof expected,
                             "the built-in definition of %s (type %s%s%s)", b->name,
                             cs_fact_type_name(b->type), *b->levels ? ", levels " : "", b->levels);
                    rc = cs_ml_fail(L, json_object_get(d, "type"), expected);
                    cs_ml_pop(L);
                }
            }
        }
        cs_ml_pop(L);
    }
    cs_ml_pop(L);
    L->n_local_defs = rc ? 0 : n;
    return rc;
}
