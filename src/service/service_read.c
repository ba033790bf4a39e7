/*
 * service_read.c: the read use cases of the web observatory: one state of the registry for a
 * whole page (read transactions), a cluster's members, one subject's facts, the regions.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

int cs_service_read_begin(cs_service *svc)
{
    return cs_store_read_begin(svc->store);
}

void cs_service_read_end(cs_service *svc)
{
    cs_store_read_end(svc->store);
}

int cs_service_data_version(long long *out, cs_service *svc)
{
    return cs_store_data_version(out, svc->store);
}

int cs_service_members(cs_service_member_list **out, cs_service *svc, const char *cluster_key)
{
    return cs_store_members(out, svc->store, cluster_key);
}

size_t cs_service_members_count(const cs_service_member_list *m)
{
    return cs_member_list_count(m);
}

const cs_service_member *cs_service_members_at(const cs_service_member_list *m, size_t i)
{
    return cs_member_list_at(m, i);
}

void cs_service_members_free(cs_service_member_list *m)
{
    cs_member_list_free(m);
}

int cs_service_subject_facts(cs_factset **out, cs_service *svc, cs_subject_kind kind,
                             const char *subject)
{
    *out = NULL;
    cs_factset *set = NULL;
    int rc = cs_factset_new(&set);
    if (!rc)
        rc = cs_store_subject_facts(set, svc->store, kind, subject);
    if (rc) {
        cs_factset_free(set);
        return rc;
    }
    *out = set;
    return 0;
}

int cs_service_regions(cs_region_list **out, cs_service *svc)
{
    return cs_store_regions(out, svc->store);
}

int cs_service_search(cs_search_hits **out, cs_service *svc, const char *query, size_t limit,
                      size_t offset)
{
    return cs_store_search(out, svc->store, query, limit, offset);
}

int cs_service_history(cs_service_revisions **out, cs_service *svc, const char *cluster_key)
{
    return cs_store_history(out, svc->store, cluster_key);
}

size_t cs_service_revisions_count(const cs_service_revisions *r)
{
    return cs_revision_list_count(r);
}

const cs_service_revision *cs_service_revisions_at(const cs_service_revisions *r, size_t i)
{
    return cs_revision_list_at(r, i);
}

void cs_service_revisions_free(cs_service_revisions *r)
{
    cs_revision_list_free(r);
}
