/*
 * registry.h: reading clusters, sources and facts out of the registry.
 *
 * Ownership: list objects returned here own all their strings and are released with their
 * _free function; pointers into a list stay valid until it is freed. Facts are copied into the
 * caller's cs_factset.
 */
#ifndef CLUSTERSCOPE_REGISTRY_H
#define CLUSTERSCOPE_REGISTRY_H

#include "clusterscope/fact.h"
#include "clusterscope/store.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *key, *name_en, *name_ru, *country, *region, *city, *website, *cluster_organisation,
        *kind, *specialisation, *stage, *source, *note; /* "" = unknown */
    double lat, lon;                                    /* valid when has_coordinates */
    int has_coordinates;
    int founded; /* 0 = unknown */
} cs_cluster_info;

typedef struct cs_cluster_list cs_cluster_list;

/* All clusters sorted by key, or only the one with key `only` (CS_ENOTFOUND if absent). */
int cs_registry_clusters(cs_cluster_list **out, cs_store *store, const char *only);
size_t cs_cluster_list_count(const cs_cluster_list *list);
const cs_cluster_info *cs_cluster_list_at(const cs_cluster_list *list, size_t i);
void cs_cluster_list_free(cs_cluster_list *list);

typedef struct {
    const char *key, *title, *document, *locator, *url, *date, *publisher, *note; /* "" = none */
} cs_source_record;

typedef struct cs_source_list cs_source_list;

/* All sources sorted by key (byte order, so bsearch with strcmp finds them). */
int cs_registry_sources(cs_source_list **out, cs_store *store);
size_t cs_source_list_count(const cs_source_list *list);
const cs_source_record *cs_source_list_at(const cs_source_list *list, size_t i);
const cs_source_record *cs_source_list_find(const cs_source_list *list, const char *key);
void cs_source_list_free(cs_source_list *list);

typedef struct {
    const char *code, *name_en, *name_ru; /* ISO 3166-1 alpha-2; "" = no name */
} cs_country_info;

typedef struct cs_country_list cs_country_list;

/* All countries sorted by code (byte order). */
int cs_registry_countries(cs_country_list **out, cs_store *store);
size_t cs_country_list_count(const cs_country_list *list);
const cs_country_info *cs_country_list_at(const cs_country_list *list, size_t i);
const cs_country_info *cs_country_list_find(const cs_country_list *list, const char *code);
void cs_country_list_free(cs_country_list *list);

/* The source key given to facts derived from the registry's membership records. */
#define CS_SOURCE_MEMBERSHIPS "registry:memberships"

/*
 * Loads into `set` the facts named by (kinds[i], names[i]) (all facts when n == 0), each value
 * parsed by its definition's type. Cluster facts that the membership records imply and that no
 * record states are added as derived facts: organisation_count and startups as lower bounds
 * (">=N": a member list may be incomplete) and member_type.* as true for each type present
 * (never false: a type missing from the list may just be unrecorded).
 */
int cs_registry_load_facts(cs_factset *set, cs_store *store, const cs_subject_kind *kinds,
                           const char *const *names, size_t n);

#ifdef __cplusplus
}
#endif
#endif
