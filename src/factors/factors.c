/*
 * factors.c: the factor reference as an owned value, and its evaluation for one cluster on an
 * assessment by the evidence method (factors.h). A copy owns one block of strings; a profile
 * owns only its arrays and points into the reference and the assessment.
 */
#include "clusterscope/factors.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_factor_reference ref;
    cs_target_model *models;
    cs_success_factor *factors;
    cs_success_case *cases;
    cs_factor_assignment *assignments;
    char **strings;
    size_t n_strings, cap_strings;
    int nomem;
} owned_reference;

struct cs_factor_profile {
    const cs_factor_reference *ref;
    const cs_assessment *a;
    size_t cluster;
    int group, found_group;
    cs_model_fit *models;
    cs_factor_status *factors;
};

/* A copy of S kept by the reference ("" for NULL); "" on failure, with nomem set. */
static const char *keep(owned_reference *o, const char *s)
{
    if (!s || !*s)
        return "";
    if (o->n_strings == o->cap_strings) {
        size_t cap = o->cap_strings ? 2 * o->cap_strings : 128;
        char **more = realloc(o->strings, cap * sizeof *more);
        if (!more) {
            o->nomem = 1;
            return "";
        }
        o->strings = more;
        o->cap_strings = cap;
    }
    char *d = strdup(s);
    if (!d) {
        o->nomem = 1;
        return "";
    }
    o->strings[o->n_strings++] = d;
    return d;
}

void cs_factor_reference_free(cs_factor_reference *ref)
{
    owned_reference *o = (owned_reference *)ref; /* ref is the first member */
    if (!o)
        return;
    for (size_t i = 0; i < o->n_strings; i++)
        free(o->strings[i]);
    free(o->strings);
    free(o->models);
    free(o->factors);
    free(o->cases);
    free(o->assignments);
    free(o);
}

static int by_cluster(const void *x, const void *y)
{
    return strcmp(((const cs_factor_assignment *)x)->cluster,
                  ((const cs_factor_assignment *)y)->cluster);
}

int cs_factor_reference_copy(cs_factor_reference **out, const cs_factor_reference *r)
{
    *out = NULL;
    owned_reference *o = calloc(1, sizeof *o);
    if (!o)
        return cs_error_set(CS_ENOMEM, "out of memory");
    o->models = calloc(r->n_models + 1, sizeof *o->models);
    o->factors = calloc(r->n_factors + 1, sizeof *o->factors);
    o->cases = calloc(r->n_cases + 1, sizeof *o->cases);
    o->assignments = calloc(r->n_assignments + 1, sizeof *o->assignments);
    if (!o->models || !o->factors || !o->cases || !o->assignments) {
        cs_factor_reference_free(&o->ref);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < r->n_models; i++) {
        const cs_target_model *s = &r->models[i];
        o->models[i] = (cs_target_model){ s->number,
                                          keep(o, s->name_en),
                                          keep(o, s->name_ru),
                                          keep(o, s->locator),
                                          keep(o, s->task_en),
                                          keep(o, s->task_ru),
                                          keep(o, s->groups),
                                          keep(o, s->groups_quote),
                                          keep(o, s->groups_locator),
                                          keep(o, s->evidence_method),
                                          keep(o, s->evidence) };
    }
    for (size_t i = 0; i < r->n_factors; i++) {
        const cs_success_factor *s = &r->factors[i];
        o->factors[i] = (cs_success_factor){ s->number,
                                             keep(o, s->name_en),
                                             keep(o, s->name_ru),
                                             keep(o, s->locator),
                                             keep(o, s->heading_locator),
                                             keep(o, s->preface_ru),
                                             keep(o, s->preface_locator),
                                             keep(o, s->practices_en),
                                             keep(o, s->practices_ru),
                                             keep(o, s->evidence_method),
                                             keep(o, s->evidence),
                                             keep(o, s->no_evidence) };
    }
    for (size_t i = 0; i < r->n_cases; i++) {
        const cs_success_case *s = &r->cases[i];
        o->cases[i] = (cs_success_case){
            s->factor,           keep(o, s->cluster),    keep(o, s->title_ru),
            keep(o, s->locator), keep(o, s->summary_en), keep(o, s->summary_ru)
        };
    }
    for (size_t i = 0; i < r->n_assignments; i++) {
        const cs_factor_assignment *s = &r->assignments[i];
        o->assignments[i] = (cs_factor_assignment){ keep(o, s->cluster), s->group,
                                                    keep(o, s->basis), keep(o, s->models) };
    }
    qsort(o->assignments, r->n_assignments, sizeof *o->assignments, by_cluster);
    o->ref = (cs_factor_reference){ keep(o, r->set_key), o->models,      r->n_models,
                                    o->factors,          r->n_factors,   o->cases,
                                    r->n_cases,          o->assignments, r->n_assignments };
    if (o->nomem) {
        cs_factor_reference_free(&o->ref);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    *out = &o->ref;
    return 0;
}

const char *cs_factor_reference_method(const cs_factor_reference *ref)
{
    for (size_t i = 0; i < ref->n_factors; i++)
        if (*ref->factors[i].evidence_method)
            return ref->factors[i].evidence_method;
    for (size_t i = 0; i < ref->n_models; i++)
        if (*ref->models[i].evidence_method)
            return ref->models[i].evidence_method;
    return NULL;
}

const cs_factor_assignment *cs_factor_reference_assignment(const cs_factor_reference *ref,
                                                           const char *cluster)
{
    cs_factor_assignment key = { cluster, 0, NULL, NULL };
    if (!ref->n_assignments) /* bsearch must not see a NULL array, even an empty one */
        return NULL;
    return bsearch(&key, ref->assignments, ref->n_assignments, sizeof key, by_cluster);
}

size_t cs_factor_reference_case_count(const cs_factor_reference *ref, int number,
                                      const char *cluster)
{
    size_t n = 0;
    for (size_t i = 0; i < ref->n_cases; i++)
        if (ref->cases[i].factor == number && (!cluster || !strcmp(ref->cases[i].cluster, cluster)))
            n++;
    return n;
}

/* 1 when the number N is in the comma-separated LIST. */
static int in_list(const char *list, int n)
{
    for (const char *p = list; p && *p;) {
        char *end = NULL;
        long v = strtol(p, &end, 10);
        if (end == p)
            return 0;
        if (v == n)
            return 1;
        p = *end == ',' ? end + 1 : end;
    }
    return 0;
}

/* The indicator an evidence names, or -1 when it names none; CS_EDATA when the method lacks it. */
static int find_indicator(long *out, const cs_method *m, const char *method_id, const char *id,
                          const char *what, int number)
{
    *out = -1;
    if (!*id)
        return 0;
    if (strcmp(method_id, cs_method_id(m)) != 0)
        return cs_error_set(CS_EDATA,
                            "%s %d is evidenced by method %s, but the assessment is by %s", what,
                            number, method_id, cs_method_id(m));
    *out = cs_method_find_indicator(m, id);
    if (*out < 0)
        return cs_error_set(CS_EDATA, "%s %d names indicator \"%s\", which method %s lacks", what,
                            number, id, cs_method_id(m));
    return 0;
}

/* Kleene's AND: 0 when either is 0, 1 when both are 1, else unknown. */
static cs_result and3(cs_result x, cs_result y)
{
    if (x == CS_RESULT_NOT_MET || y == CS_RESULT_NOT_MET)
        return CS_RESULT_NOT_MET;
    if (x == CS_RESULT_MET && y == CS_RESULT_MET)
        return CS_RESULT_MET;
    return CS_RESULT_UNKNOWN;
}

int cs_factors_evaluate(cs_factor_profile **out, const cs_factor_reference *ref,
                        const cs_assessment *a, size_t cluster, int found_group)
{
    *out = NULL;
    if (cluster >= cs_assessment_count(a))
        return cs_error_set(CS_EUSAGE, "no assessment subject %zu", cluster);
    cs_factor_profile *p = calloc(1, sizeof *p);
    if (!p)
        return cs_error_set(CS_ENOMEM, "out of memory");
    p->ref = ref;
    p->a = a;
    p->cluster = cluster;
    p->found_group = found_group;
    p->models = calloc(ref->n_models + 1, sizeof *p->models);
    p->factors = calloc(ref->n_factors + 1, sizeof *p->factors);
    if (!p->models || !p->factors) {
        cs_factor_profile_free(p);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    const cs_method *m = cs_assessment_method(a);
    const char *key = cs_assessment_subject(a, cluster)->key;
    const cs_factor_assignment *as = cs_factor_reference_assignment(ref, key);
    p->group = as ? as->group : 0;
    int group = p->group ? p->group : found_group;
    int rc = 0;
    for (size_t i = 0; !rc && i < ref->n_models; i++) {
        const cs_target_model *tm = &ref->models[i];
        cs_model_fit *f = &p->models[i];
        f->model = tm;
        f->example = as && in_list(as->models, tm->number);
        f->group_fit = !group                       ? CS_RESULT_UNKNOWN
                       : in_list(tm->groups, group) ? CS_RESULT_MET
                                                    : CS_RESULT_NOT_MET;
        rc = find_indicator(&f->indicator, m, tm->evidence_method, tm->evidence, "target model",
                            tm->number);
        f->members = f->indicator < 0 ? CS_RESULT_UNKNOWN
                                      : cs_assessment_indicator(a, cluster, (size_t)f->indicator);
        f->fit = f->example ? CS_RESULT_MET : and3(f->group_fit, f->members);
    }
    for (size_t i = 0; !rc && i < ref->n_factors; i++) {
        const cs_success_factor *sf = &ref->factors[i];
        cs_factor_status *s = &p->factors[i];
        s->factor = sf;
        rc = find_indicator(&s->indicator, m, sf->evidence_method, sf->evidence, "factor",
                            sf->number);
        s->evidence = s->indicator < 0 ? CS_RESULT_UNKNOWN
                                       : cs_assessment_indicator(a, cluster, (size_t)s->indicator);
    }
    if (rc) {
        cs_factor_profile_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

void cs_factor_profile_free(cs_factor_profile *p)
{
    if (!p)
        return;
    free(p->models);
    free(p->factors);
    free(p);
}

const cs_factor_reference *cs_factor_profile_reference(const cs_factor_profile *p)
{
    return p->ref;
}

const cs_assessment *cs_factor_profile_assessment(const cs_factor_profile *p)
{
    return p->a;
}

size_t cs_factor_profile_cluster(const cs_factor_profile *p)
{
    return p->cluster;
}

int cs_factor_profile_group(const cs_factor_profile *p)
{
    return p->group;
}

int cs_factor_profile_found_group(const cs_factor_profile *p)
{
    return p->found_group;
}

size_t cs_factor_profile_model_count(const cs_factor_profile *p)
{
    return p->ref->n_models;
}

const cs_model_fit *cs_factor_profile_model(const cs_factor_profile *p, size_t i)
{
    return i < p->ref->n_models ? &p->models[i] : NULL;
}

size_t cs_factor_profile_factor_count(const cs_factor_profile *p)
{
    return p->ref->n_factors;
}

const cs_factor_status *cs_factor_profile_factor(const cs_factor_profile *p, size_t i)
{
    return i < p->ref->n_factors ? &p->factors[i] : NULL;
}
