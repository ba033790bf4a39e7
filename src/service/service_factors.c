/*
 * service_factors.c: the target models and success factors of the registry's clusters in the
 * evidence method's scope (biomedical clusters), for `clusterscope
 * factors` and the report. The evidence method is the one the reference data names; the assessment
 * by it is fresh (nothing is stored), so the evidence is always that of the facts recorded now.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

struct cs_service_factor_set {
    cs_factor_reference *ref;
    cs_method *method;
    cs_service_assessment *sa;
    cs_factor_profile **profiles;
    size_t n;
};

void cs_service_factor_set_free(cs_service_factor_set *sf)
{
    if (!sf)
        return;
    for (size_t i = 0; i < sf->n; i++)
        cs_factor_profile_free(sf->profiles[i]);
    free(sf->profiles);
    cs_service_assessment_free(sf->sa);
    cs_method_free(sf->method);
    cs_factor_reference_free(sf->ref);
    free(sf);
}

/* One cluster asked for: it must be in the registry. */
static int check_cluster(cs_store *store, const char *key)
{
    cs_cluster_list *list = NULL;
    int rc = cs_store_clusters(&list, store, key);
    if (rc == CS_ENOTFOUND || (!rc && cs_cluster_list_count(list) == 0))
        rc = cs_error_set(CS_EDATA, "no cluster \"%s\" in the registry", key);
    cs_cluster_list_free(list);
    return rc;
}

/* The cluster asked for must be in the evidence method's scope (its file says which clusters
 * and why): out of it, the study's models and factors say nothing of it. */
static int check_scope(const cs_service_factor_set *sf, const char *key)
{
    const cs_assessment *a = cs_service_assessment_result(sf->sa);
    long i = cs_assessment_find_out_of_scope(a, key);
    if (i < 0)
        return 0;
    return cs_error_set(CS_EUSAGE,
                        "cluster \"%s\" is outside the scope of %s (%s): the study's target "
                        "models and success factors are for biomedical clusters",
                        key, cs_method_id(sf->method),
                        cs_assessment_out_of_scope_at(a, (size_t)i)->reason);
}

static int evaluate(cs_service_factor_set *sf, cs_store *store)
{
    const cs_assessment *a = cs_service_assessment_result(sf->sa);
    const cs_cluster_list *clusters = cs_service_assessment_clusters(sf->sa);
    size_t n = cs_assessment_count(a);
    sf->profiles = calloc(n + 1, sizeof *sf->profiles);
    if (!sf->profiles)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(clusters, i);
        int group = 0;
        long long partition = 0;
        rc = cs_store_partition_group(&group, &partition, store, ci->key);
        rc = rc ? rc : cs_factors_evaluate(&sf->profiles[sf->n], sf->ref, a, i, group);
        if (!rc)
            sf->n++;
    }
    return rc;
}

int cs_service_factors(cs_service_factor_set **out, cs_service *svc,
                       const cs_service_factors_options *opts)
{
    *out = NULL;
    cs_service_factors_options o = { NULL, 0, CS_LANG_EN };
    if (opts)
        o = *opts;
    int rc = o.cluster ? check_cluster(svc->store, o.cluster) : 0;
    cs_service_factor_set *sf = calloc(1, sizeof *sf);
    if (!rc && !sf)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    rc = rc ? rc : cs_store_factors_load(&sf->ref, svc->store, NULL);
    const char *method = rc ? NULL : cs_factor_reference_method(sf->ref);
    if (!rc && !method)
        rc = cs_error_set(CS_EDATA,
                          "the success factors of reference set \"%s\" name no evidence "
                          "method",
                          sf->ref->set_key);
    rc = rc ? rc : cs_service_load_method(&sf->method, method);
    if (!rc) {
        cs_service_assess_options ao = { o.year, o.cluster, o.name_lang };
        rc = cs_service_assess(&sf->sa, svc, sf->method, &ao);
    }
    rc = rc || !o.cluster ? rc : check_scope(sf, o.cluster);
    rc = rc ? rc : evaluate(sf, svc->store);
    if (rc) {
        cs_service_factor_set_free(sf);
        return rc;
    }
    *out = sf;
    return 0;
}

const cs_factor_reference *cs_service_factor_set_reference(const cs_service_factor_set *sf)
{
    return sf->ref;
}

size_t cs_service_factor_set_count(const cs_service_factor_set *sf)
{
    return sf->n;
}

const cs_factor_profile *cs_service_factor_set_profile(const cs_service_factor_set *sf, size_t i)
{
    return i < sf->n ? sf->profiles[i] : NULL;
}
