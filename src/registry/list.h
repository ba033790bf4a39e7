/*
 * list.h: how a reader fills the registry's list objects (registry.h), and the facts that
 * membership records imply. A list made by a _new function belongs to the caller until it hands
 * it on, and is freed with its _free function; _add copies every string (NULL as ""). Items are
 * added in key order (byte order): the _find functions rely on it.
 */
#ifndef CS_REGISTRY_LIST_H
#define CS_REGISTRY_LIST_H

#include "clusterscope/fact.h"
#include "clusterscope/registry.h"

int cs_cluster_list_new(cs_cluster_list **out);
int cs_cluster_list_add(cs_cluster_list *list, const cs_cluster_info *cluster);

int cs_source_list_new(cs_source_list **out);
int cs_source_list_add(cs_source_list *list, const cs_source_record *source);

int cs_country_list_new(cs_country_list **out);
int cs_country_list_add(cs_country_list *list, const cs_country_info *country);

int cs_region_list_new(cs_region_list **out);
int cs_region_list_add(cs_region_list *list, const cs_region_info *region);

int cs_member_list_new(cs_member_list **out);
int cs_member_list_add(cs_member_list *list, const cs_member_info *member);

int cs_search_hits_new(cs_search_hits **out);
int cs_search_hits_add(cs_search_hits *hits, const cs_search_hit *hit);
void cs_search_hits_set_total(cs_search_hits *hits, size_t total);

int cs_revision_list_new(cs_revision_list **out);
int cs_revision_list_add(cs_revision_list *list, const cs_revision_info *revision);

/* The organisations of one type among a cluster's current members. */
typedef struct {
    const char *type; /* an organisation type: "clinic", "startup", ... */
    long long count;
} cs_member_type_count;

/*
 * Adds to `set` the cluster facts that the cluster's current memberships imply and that no fact
 * in the set states: organisation_count and startups as lower bounds (">=N": a member list may
 * be incomplete) and member_type.* as true for each type present (never false: a type missing
 * from the list may just be unrecorded). `wanted(ctx, name)` (NULL: all) says which cluster
 * facts the caller asked for.
 */
int cs_registry_membership_facts(cs_factset *set, const char *cluster,
                                 const cs_member_type_count *types, size_t n_types,
                                 int (*wanted)(void *ctx, const char *name), void *ctx);

#endif
