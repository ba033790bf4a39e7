/*
 * service_assess.c: assessing the registry's clusters. Everything an assessment is read from
 * (clusters, sources, countries, facts) is loaded once here, for the CLI, the report and the
 * web alike.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"
#include "registry/list.h"

#include <stdlib.h>
#include <string.h>

struct cs_service_assessment {
    cs_cluster_list *clusters;     /* those scored: cluster i of the result */
    cs_cluster_list *all_clusters; /* every cluster read, when some are out of scope */
    cs_source_list *sources;
    cs_country_list *countries;
    cs_factset *facts;
    cs_assess_subject *subjects;
    cs_source_info *source_info;
    cs_assessment *result;
};

void cs_service_assessment_free(cs_service_assessment *sa)
{
    if (!sa)
        return;
    cs_assessment_free(sa->result);
    free(sa->subjects);
    free(sa->source_info);
    cs_factset_free(sa->facts);
    cs_country_list_free(sa->countries);
    cs_source_list_free(sa->sources);
    cs_cluster_list_free(sa->clusters);
    cs_cluster_list_free(sa->all_clusters);
    free(sa);
}

/* The name shown for a cluster: in the language asked for, else the other, else the key. */
static const char *cluster_name(const cs_cluster_info *ci, cs_lang lang)
{
    const char *first = lang == CS_LANG_RU ? ci->name_ru : ci->name_en;
    const char *second = lang == CS_LANG_RU ? ci->name_en : ci->name_ru;
    return *first ? first : *second ? second : ci->key;
}

/* The facts the method reads, and only those: a method that reads none loads none. */
static int load_facts(cs_factset *facts, cs_store *store, const cs_method *m)
{
    size_t nf = cs_method_fact_count(m);
    if (nf == 0)
        return 0;
    cs_subject_kind *kinds = calloc(nf, sizeof *kinds);
    const char **names = calloc(nf, sizeof *names);
    int rc = kinds && names ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < nf; i++) {
        kinds[i] = cs_method_fact_at(m, i)->subject_kind;
        names[i] = cs_method_fact_at(m, i)->name;
    }
    rc = rc ? rc : cs_store_load_facts(facts, store, kinds, names, nf);
    free(kinds);
    free(names);
    return rc;
}

/* The clusters scored, in the assessment's order (the registry's clusters less those out of the
 * method's scope), so that index i of the list is cluster i of the result. */
static int scoped_clusters(cs_service_assessment *sa)
{
    size_t n = cs_assessment_count(sa->result);
    if (n == cs_cluster_list_count(sa->clusters))
        return 0;
    cs_cluster_list *list = NULL;
    int rc = cs_cluster_list_new(&list);
    for (size_t i = 0, j = 0; !rc && i < n; i++) {
        const char *key = cs_assessment_subject(sa->result, i)->key;
        while (strcmp(cs_cluster_list_at(sa->clusters, j)->key, key) != 0)
            j++;
        rc = cs_cluster_list_add(list, cs_cluster_list_at(sa->clusters, j));
    }
    if (rc) {
        cs_cluster_list_free(list);
        return rc;
    }
    cs_cluster_list_free(sa->all_clusters);
    sa->all_clusters = sa->clusters;
    sa->clusters = list;
    return 0;
}

static int run(cs_service_assessment *sa, cs_store *store, const cs_method *m,
               const cs_service_assess_options *o)
{
    int rc = cs_store_clusters(&sa->clusters, store, o->only);
    rc = rc ? rc : cs_store_sources(&sa->sources, store);
    rc = rc ? rc : cs_store_countries(&sa->countries, store);
    rc = rc ? rc : cs_factset_new(&sa->facts);
    rc = rc ? rc : load_facts(sa->facts, store, m);
    if (rc)
        return rc;
    size_t n = cs_cluster_list_count(sa->clusters), ns = cs_source_list_count(sa->sources);
    sa->subjects = calloc(n + 1, sizeof *sa->subjects);
    sa->source_info = calloc(ns + 1, sizeof *sa->source_info);
    if (!sa->subjects || !sa->source_info)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(sa->clusters, i);
        sa->subjects[i] = (cs_assess_subject){ ci->key, cluster_name(ci, o->name_lang), ci->country,
                                               ci->region, ci->kind };
    }
    for (size_t i = 0; i < ns; i++) {
        const cs_source_record *s = cs_source_list_at(sa->sources, i);
        sa->source_info[i] = (cs_source_info){ s->key, s->title, s->document, s->locator,
                                               s->url, s->date,  s->publisher };
    }
    cs_assess_options ao = { o->year, sa->source_info, ns, o->name_lang };
    rc = cs_assess_run(&sa->result, m, sa->facts, sa->subjects, n, &ao);
    return rc ? rc : scoped_clusters(sa);
}

int cs_service_assess(cs_service_assessment **out, cs_service *svc, const cs_method *m,
                      const cs_service_assess_options *opts)
{
    *out = NULL;
    cs_service_assess_options o = { 0, NULL, CS_LANG_EN };
    if (opts)
        o = *opts;
    if (!o.only && svc->max_memory) {
        size_t need = 0;
        int rc = cs_service_assess_memory(&need, svc);
        rc = rc ? rc : cs_service_memory_check(svc, need, "assessing the registry's clusters");
        if (rc)
            return rc;
    }
    cs_service_assessment *sa = calloc(1, sizeof *sa);
    if (!sa)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = run(sa, svc->store, m, &o);
    if (rc) {
        cs_service_assessment_free(sa);
        return rc;
    }
    *out = sa;
    return 0;
}

const cs_assessment *cs_service_assessment_result(const cs_service_assessment *sa)
{
    return sa->result;
}

const cs_cluster_list *cs_service_assessment_clusters(const cs_service_assessment *sa)
{
    return sa->clusters;
}

const cs_source_list *cs_service_assessment_sources(const cs_service_assessment *sa)
{
    return sa->sources;
}

const cs_country_list *cs_service_assessment_countries(const cs_service_assessment *sa)
{
    return sa->countries;
}

int cs_service_save_assessment(long long *run_id, cs_service *svc, const cs_assessment *a)
{
    return cs_store_assessment_save(run_id, svc->store, a);
}

int cs_service_cluster_facts(cs_factset **out, cs_service *svc, const char *const *names, size_t n)
{
    *out = NULL;
    cs_subject_kind *kinds = calloc(n + 1, sizeof *kinds);
    if (!kinds)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        kinds[i] = CS_SUBJECT_CLUSTER;
    int rc = cs_factset_new(out);
    rc = rc || n == 0 ? rc : cs_store_load_facts(*out, svc->store, kinds, names, n);
    free(kinds);
    if (rc) {
        cs_factset_free(*out);
        *out = NULL;
    }
    return rc;
}

int cs_service_clusters(cs_cluster_list **out, cs_service *svc, const char *only)
{
    return cs_store_clusters(out, svc->store, only);
}

int cs_service_sources(cs_source_list **out, cs_service *svc)
{
    return cs_store_sources(out, svc->store);
}
