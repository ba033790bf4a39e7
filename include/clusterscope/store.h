/*
 * store.h: the registry database (an SQLite file), and reading the registry out of it.
 *
 * Ownership: cs_store_open() hands the caller a cs_store that it releases with cs_store_close();
 * strings returned by accessors belong to the store and live until it is closed. The readers
 * hand the caller list objects (registry.h, fact.h) that it frees with their _free function and
 * that may outlive the store; facts are copied into the caller's cs_factset.
 */
#ifndef CLUSTERSCOPE_STORE_H
#define CLUSTERSCOPE_STORE_H

#include "clusterscope/fact.h"
#include "clusterscope/registry.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cs_store cs_store;

typedef enum {
    CS_STORE_OPEN = 0,    /* open an existing registry; CS_ENOTFOUND when the file is missing */
    CS_STORE_CREATE = 1,  /* create a new registry; CS_EUSAGE when the file already exists */
    CS_STORE_READONLY = 2 /* open an existing registry for reading only */
} cs_store_mode;

/* The schema version this library writes (PRAGMA user_version after migrations). */
int cs_store_schema_version(void);

/*
 * Opens or creates the registry at `path`. Opening applies any pending forward migrations
 * (in one transaction); a database whose version is newer than this library is refused.
 * Creating also loads the built-in fact definitions.
 */
int cs_store_open(cs_store **out, const char *path, cs_store_mode mode);
void cs_store_close(cs_store *store);
const char *cs_store_path(const cs_store *store);

/*
 * The database path the CLI uses: `explicit_path` when given, else $CLUSTERSCOPE_DB, else
 * "clusterscope.db" in the working folder.
 */
const char *cs_store_default_path(const char *explicit_path);

/* Row counts of every table of the registry (`clusterscope status` shows the first nine). */
typedef struct {
    long long sources, countries, regions, clusters, organisations, memberships, facts,
        fact_definitions, assessment_runs;
    long long assessment_scores, reference_sets, reference_types, reference_traits,
        reference_assignments, partitions, partition_groups, partition_members;
} cs_store_counts;
int cs_store_count(cs_store_counts *out, cs_store *store);

/* The registry's fact definitions, sorted by subject kind, then name (byte order). */
int cs_store_fact_definitions(cs_fact_definitions **out, cs_store *store);

/* All clusters sorted by key, or only the one with key `only` (CS_ENOTFOUND if absent). */
int cs_store_clusters(cs_cluster_list **out, cs_store *store, const char *only);

/* All sources sorted by key (byte order). */
int cs_store_sources(cs_source_list **out, cs_store *store);

/* All countries sorted by code (byte order). */
int cs_store_countries(cs_country_list **out, cs_store *store);

/*
 * Loads into `set` the facts named by (kinds[i], names[i]) (all facts when n == 0), each value
 * parsed by its definition's type. Cluster facts that the membership records imply and that no
 * record states are added as derived facts (see cs_registry_membership_facts in
 * src/registry/list.h): organisation_count and startups as lower bounds, member_type.* as true
 * for each type present, with the source CS_SOURCE_MEMBERSHIPS.
 */
int cs_store_load_facts(cs_factset *set, cs_store *store, const cs_subject_kind *kinds,
                        const char *const *names, size_t n);

#ifdef __cplusplus
}
#endif
#endif
