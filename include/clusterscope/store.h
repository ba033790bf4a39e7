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

#include "clusterscope/assess.h"
#include "clusterscope/classify.h"
#include "clusterscope/fact.h"
#include "clusterscope/factors.h"
#include "clusterscope/registry.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cs_store cs_store;

typedef enum {
    CS_STORE_OPEN = 0,    /* open an existing registry; CS_ENOTFOUND when the file is missing */
    CS_STORE_CREATE = 1,  /* create a new registry in a new or empty file; CS_EUSAGE when a file
                             with contents is there */
    CS_STORE_READONLY = 2 /* open an existing registry for reading only */
} cs_store_mode;

/* The schema version this library writes (PRAGMA user_version after migrations). */
int cs_store_schema_version(void);

/*
 * Opens or creates the registry at `path`. Opening applies any pending forward migrations
 * (in one transaction); a database whose version is newer than this library is refused, and so
 * are an empty file, a folder and any file that is not a registry (never turned into one).
 * Opening read-only rolls back a crashed writer's hot journal when the user may write the file
 * (cs_service_open says how each case is reported). Creating also loads the built-in fact
 * definitions.
 */
int cs_store_open(cs_store **out, const char *path, cs_store_mode mode);
void cs_store_close(cs_store *store);
/*
 * A copy of the registry SRC held in memory, for a scenario that must not change the registry
 * (facts assumed for one analysis): everything written to it is lost at cs_store_close(). Its
 * path is SRC's, so that messages and output checks name the registry it came from. Memory: the
 * whole database.
 */
int cs_store_copy_in_memory(cs_store **out, cs_store *src);
const char *cs_store_path(const cs_store *store);

/*
 * The database path the CLI uses: `explicit_path` when given, else $CLUSTERSCOPE_DB, else
 * "clusterscope.db" in the working folder.
 * An empty name given is returned as it is (opening it fails), never replaced by the next one.
 */
const char *cs_store_default_path(const char *explicit_path);

/* Row counts of every table of the registry (`clusterscope status` shows the first nine). */
typedef struct {
    long long sources, countries, regions, clusters, organisations, memberships, facts,
        fact_definitions, assessment_runs;
    long long assessment_scores, reference_sets, reference_types, reference_traits,
        reference_assignments, partitions, partition_groups, partition_members;
    long long assessment_out_of_scope; /* clusters out of their run's method's scope */
    long long news_items, digests;     /* news and the digest (issue 15) */
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

/* All regions sorted by key (byte order). */
int cs_store_regions(cs_region_list **out, cs_store *store);

/* The memberships of the cluster with key `cluster_key`, with their organisations, by
 * organisation name; CS_ENOTFOUND when there is no such cluster (store_web.c). */
int cs_store_members(cs_member_list **out, cs_store *store, const char *cluster_key);

/*
 * A read transaction: every read between begin and end sees one state of the registry, whatever
 * a writer commits meanwhile (the registry is in WAL mode when opened for writing; a reader
 * never blocks the writer). They do not nest: begin inside a transaction is CS_EUSAGE.
 */
int cs_store_read_begin(cs_store *store);
void cs_store_read_end(cs_store *store);
/* Whether a transaction (read or write) is open on the store's connection. */
int cs_store_in_transaction(cs_store *store);
/* SQLite's data version of the connection: it changes when another connection (or process)
 * commits to the registry, and only then. */
int cs_store_data_version(long long *out, cs_store *store);

/*
 * Loads into `set` the facts named by (kinds[i], names[i]) (all facts when n == 0), each value
 * parsed by its definition's type. Cluster facts that the membership records imply and that no
 * record states are added as derived facts (see cs_registry_membership_facts in
 * src/registry/list.h): organisation_count and startups as lower bounds, member_type.* as true
 * for each type present, with the source CS_SOURCE_MEMBERSHIPS.
 */
int cs_store_load_facts(cs_factset *set, cs_store *store, const cs_subject_kind *kinds,
                        const char *const *names, size_t n);

/*
 * Searches clusters (key, names, city, specialisation, cluster organisation, note),
 * organisations (names) and facts (subject, name and labels, value as written, quote) for
 * QUERY's words, all of them (AND), each matched by its word form (lower case, ё as е, a
 * Snowball stem: "кластеры" finds «кластер»); best first (bm25, names weighed more), LIMIT hits
 * from OFFSET, with the total. The query is never read as FTS5 syntax. A query without words
 * gives no hits; one over 1,000 bytes or 32 different words, and a limit over 1,000, are
 * CS_EUSAGE. (store_search.c)
 */
int cs_store_search(cs_search_hits **out, cs_store *store, const char *query, size_t limit,
                    size_t offset);

/* The byte ranges of TEXT's words that match a word of QUERY as cs_store_search matches them
 * (any form, case and ё/е aside): (*out)[2i] and (*out)[2i+1] are the start and end of the i-th
 * of *n ranges, in order; the caller frees *out (NULL when none). (store_search_marks.c) */
int cs_store_search_marks(size_t **out, size_t *n, const char *query, const char *text);

/* The revisions of the cluster `cluster_key` (its profile, facts and memberships), newest
 * first; CS_ENOTFOUND when there is no such cluster (store_history.c). */
int cs_store_history(cs_revision_list **out, cs_store *store, const char *cluster_key);

/* ---- accounts (store_accounts.c; hashing and tokens are the service's) ---- */

/* An account as stored: hash is its password's Argon2id hash ("" when none), or (from
 * cs_store_token_find) the token's. */
typedef struct {
    char name[65], role[8], hash[256];
} cs_store_account;

/* Adds an account and its first API token (prefix and hash) in one transaction; CS_EUSAGE when
 * an account of that name exists. Times are UTC ISO 8601. */
int cs_store_account_add(cs_store *store, const char *name, const char *role, const char *prefix,
                         const char *token_hash, const char *created);
/* Sets an account's password hash; CS_ENOTFOUND when there is no such account. */
int cs_store_account_password(cs_store *store, const char *name, const char *password_hash);
/* Reads an account; CS_ENOTFOUND (with a message) when there is none. */
int cs_store_account_get(cs_store_account *out, cs_store *store, const char *name);
/* The token with PREFIX and its account; CS_ENOTFOUND, with no message set, when none. */
int cs_store_token_find(cs_store_account *out, cs_store *store, const char *prefix);
/* Notes when the token with PREFIX was last used. */
int cs_store_token_used(cs_store *store, const char *prefix, const char *when);

/* ---- web writes (store_edit.c, store_registration.c, store_session.c; migration 0009) ---- */
/* The service checks every value (by the import's rules) before these write it; they run
 * inside the caller's write transaction (cs_store_write_begin/end) and record revisions. */

/* A write transaction: begin takes the write lock at once (waiting up to the busy timeout for
 * another writer); end commits (commit != 0) or rolls back and returns the commit's result. */
int cs_store_write_begin(cs_store *store);
int cs_store_write_end(cs_store *store, int commit);

/* Who writes and on what authority: every revision of one write carries these. */
typedef struct {
    const char *author;  /* the account's name */
    const char *action;  /* "edit" or "revert" */
    const char *source;  /* a source key of the registry */
    const char *locator; /* may be NULL */
    const char *quote;   /* may be NULL */
    long long reverts;   /* the revision a revert undoes; 0 for an edit */
} cs_store_edit_by;

/* 1 when the registry has source KEY, 0 when not, or a negative error code. */
int cs_store_source_exists(cs_store *store, const char *key);
/* Adds source KEY (title, note and date may be NULL but title) unless it exists. */
int cs_store_source_add(cs_store *store, const char *key, const char *title, const char *date,
                        const char *note);

/* A cluster's stored row as text, in the clusters record's column order (registry/record.h:
 * key, name_en, ..., source, note); NULL where empty. Freed with cs_store_cluster_row_free(). */
#define CS_STORE_CLUSTER_COLUMNS 16
typedef struct {
    char *values[CS_STORE_CLUSTER_COLUMNS];
} cs_store_cluster_row;
/* CS_ENOTFOUND (with a message) when there is no cluster KEY. */
int cs_store_cluster_read(cs_store_cluster_row *out, cs_store *store, const char *key);
void cs_store_cluster_row_free(cs_store_cluster_row *row);

/*
 * Writes the profile VALUES (a checked clusters record, column order as above): creates the
 * cluster when there is none with key values[0] (its source column then by->source), else
 * sets every column but key and source. One revision per column that differs from before;
 * *changed is their number and [*first, *last] their ids (0 when none).
 */
int cs_store_edit_profile(size_t *changed, long long *first, long long *last, cs_store *store,
                          const cs_store_edit_by *by, const char *const *values);

/*
 * Writes a checked fact record (the facts record's columns: subject_kind, subject, name, year,
 * value, status, source, locator, quote, note; a stored fact keeps its note) and its revision:
 * *revision its id, 0 when the fact was stored exactly so.
 */
int cs_store_edit_fact(long long *revision, cs_store *store, const cs_store_edit_by *by,
                       const char *const *values);

/* Revision ID alone (a list of one, newest first as cs_store_history); CS_ENOTFOUND when none. */
int cs_store_revision(cs_revision_list **out, cs_store *store, long long id);

/*
 * Undoes fact revision REV (by->reverts): the fact gets REV's old value back (and the source,
 * locator and quote of the revision that wrote that value, when one did), or is removed when REV
 * created it. CS_ECONFLICT when the fact's value is no longer REV's new value.
 */
int cs_store_revert_fact(long long *revision, cs_store *store, const cs_store_edit_by *by,
                         const cs_revision_info *rev);

/* A self-registration as stored; strings belong to the reader and live for the callback. */
typedef struct {
    long long id;
    const char *time, *status, *key, *name_en, *name_ru, *country, *fields, *contact, *client,
        *moderator, *decided, *reason, *cluster_key;
} cs_store_registration;

/* Adds a pending registration (id, status and the decision's members are ignored). */
int cs_store_registration_add(long long *id, cs_store *store, const cs_store_registration *r);
/* How many registrations CLIENT submitted at or after SINCE (UTC, ISO 8601). */
int cs_store_registration_count(long long *n, cs_store *store, const char *client,
                                const char *since);
/* Calls fn for each registration with STATUS (NULL: all), or only registration ONLY (when not
 * 0; CS_ENOTFOUND with a message when absent), by id; stops at fn's first non-zero result. */
int cs_store_registrations(cs_store *store, const char *status, long long only,
                           int (*fn)(void *ctx, const cs_store_registration *r), void *ctx);
/* Records the decision on a pending registration; CS_ECONFLICT when it was decided already. */
int cs_store_registration_decide(cs_store *store, long long id, const char *status,
                                 const char *moderator, const char *decided, const char *reason,
                                 const char *cluster_key);

/* Sessions: a token's hash (never the token), its account and CSRF token, and their times.
 * add also removes the sessions expired by CREATED. */
int cs_store_session_add(cs_store *store, const char *token_hash, const char *account,
                         const char *csrf, const char *created, const char *expires);
/* The account and CSRF token (cap bytes) of a session valid at NOW; CS_ENOTFOUND, with no
 * message set, when there is none or it expired. */
int cs_store_session_find(cs_store_account *out, char *csrf, size_t cap, cs_store *store,
                          const char *token_hash, const char *now);
int cs_store_session_delete(cs_store *store, const char *token_hash);

/* Every fact of one subject, all years, by name then year (a cluster's with the facts its
 * memberships imply, as cs_store_load_facts adds them). No such subject: an empty set. */
int cs_store_subject_facts(cs_factset *set, cs_store *store, cs_subject_kind kind,
                           const char *subject);

/* ------------------------------------------------------------------------------------------ */
/* Assessment runs, reference sets and partitions (src/store/store_assessment.c,               */
/* store_reference.c, store_partition.c). Runs and reference sets read here are classify.h's    */
/* values, released with cs_classify_run_free() and cs_reference_free(); results are stored as  */
/* one character per item ('1', '0', '?') and converted on the way in and out.                */

/*
 * Stores the assessment as a run (method id and version, year, software version, item and
 * indicator ids) with each cluster's item results, binary indicators, points and known items,
 * in one transaction. *run_id (may be NULL) receives the run's id.
 */
int cs_store_assessment_save(long long *run_id, cs_store *store, const cs_assessment *a);

/* The id of run `run_id` when it exists, or (run_id 0) of the latest run of method `method_id`;
 * *found is 0 when there is none. */
int cs_store_assessment_find(long long *found, cs_store *store, long long run_id,
                             const char *method_id);

/* The method id of run `run_id` into buf (cap bytes). CS_ENOTFOUND when there is no such run. */
int cs_store_assessment_method(char *buf, size_t cap, cs_store *store, long long run_id);

/*
 * Reads run `run_id` as the classification's input: its clusters (by key) with their countries
 * from the cluster records ("" for a cluster no longer in the registry) and their item results.
 * The run must be of method M: the same id (else CS_EUSAGE, advice CS_ADVICE_METHOD), version and
 * item keys (else CS_EDATA, advice CS_ADVICE_RUN). CS_ENOTFOUND when there is no such run.
 */
int cs_store_assessment_read(cs_classify_run **out, cs_store *store, const cs_method *m,
                             long long run_id);

/*
 * Loads the reference set with `key`, or (key NULL) the one whose profile method is
 * `method_id`, else the first by key. CS_ENOTFOUND when there is none (import
 * data/reference/reference-groups.json).
 */
int cs_store_reference_load(cs_reference_set **out, cs_store *store, const char *key,
                            const char *method_id);

/*
 * Loads the target models, success factors and cases of reference set `key` (NULL: the first
 * set that has factors), with the set's assignments of clusters (store_factors.c). Released
 * with cs_factor_reference_free(). CS_ENOTFOUND when there is none (import
 * data/reference/reference-groups.json).
 */
int cs_store_factors_load(cs_factor_reference **out, cs_store *store, const char *key);

/* The group of `cluster` in the latest stored partition: *group 0 when it has none or was left
 * out, *partition 0 when no partition is stored. */
int cs_store_partition_group(int *group, long long *partition, cs_store *store,
                             const char *cluster);

/*
 * Stores the partition C made from RUN: every parameter, the groups with profiles and labels,
 * and each cluster of the run with its group or why it was left out, in one transaction. *id
 * may be NULL.
 */
int cs_store_partition_save(long long *id, cs_store *store, const cs_classification *c,
                            const cs_classify_run *run);

/*
 * Reads the parameters of stored partition `id` back into OPTS (k as given, else as found, so
 * the same partition results), with its assessment run and method id (cap bytes).
 * CS_ENOTFOUND when absent.
 */
int cs_store_partition_options(cs_classify_options *opts, long long *run_id, char *method_id,
                               size_t cap, cs_store *store, long long id);

/*
 * Compares stored partition `id` with C member by member: *differences receives the number of
 * clusters whose group (or being left out) differs, or that only one of them has.
 */
int cs_store_partition_compare(size_t *differences, cs_store *store, long long id,
                               const cs_classification *c);

/* ---- regional statistics (store_statistics.c; migration 0010) ---- */
/*
 * Calls FN for every stored statistic whose measure is one of MEASURES (n of them), ordered by
 * region, industry, year, then the measure's place in MEASURES; the strings are valid during
 * the call only. A non-zero return of FN stops the walk and is returned.
 */
int cs_store_statistics_each(cs_store *store, const char *const *measures, size_t n,
                             int (*fn)(void *ctx, const char *region, const char *industry,
                                       int year, size_t measure, double value),
                             void *ctx);
/*
 * Calls FN once per (measure, year, source) of the stored statistics of MEASURES (1 to 4) of
 * CLASSIFICATION ('' the statistics that name none; NULL: all): the measure's index in
 * MEASURES, the year, its rows and the source key ("" for rows that name none), ordered by
 * year, measure name, source. Values are not read.
 */
int cs_store_statistics_years(
    cs_store *store, const char *classification, const char *const *measures, size_t n,
    int (*fn)(void *ctx, size_t measure, int year, long long rows, const char *source), void *ctx);

/*
 * A selection of the statistics (migration 0011): the rows of MEASURES (their places number
 * them, at most CS_STATISTICS_MAX_MEASURES), of one classification ('' is the statistics that
 * name none; NULL: all) and of YEARS (n_years 0: all); optionally summed up the region
 * hierarchy to each region's nearest ancestor of region type LEVEL (itself when of that type;
 * a region with none is left out: check with cs_store_statistics_unplaced first), and across
 * industries into the categories of SCHEME (the concordance from CLASSIFICATION; an industry
 * without a row there is left out: cs_store_statistics_unmapped says how much).
 */
#define CS_STATISTICS_MAX_MEASURES 4
typedef struct {
    const char *const *measures;
    size_t n_measures;
    const char *classification;
    const int *years;
    size_t n_years;
    const char *level;
    const char *scheme;
} cs_statistics_query;

/* One output cell's value of one measure: TYPE is the industry table's type of KEY in SCHEME
 * (or in the classification when no scheme), NULL when it has none. */
typedef int (*cs_statistics_row_fn)(void *ctx, const char *region, const char *key,
                                    const char *type, int year, size_t measure, double value);

/* Calls FN for each (region, key, year, measure) of Q with the sum of its rows, ordered by
 * region, key (bytes), year, measure place; strings live during the call only; a non-zero
 * return of FN stops the walk and is returned. */
int cs_store_statistics_select(cs_store *store, const cs_statistics_query *q,
                               cs_statistics_row_fn fn, void *ctx);

typedef enum {
    CS_STATISTICS_CLASSIFICATIONS,       /* those the rows of Q's measures name ('' included) */
    CS_STATISTICS_YEARS,                 /* the years of Q's measures and classification */
    CS_STATISTICS_KNOWN_CLASSIFICATIONS, /* the classification table's keys */
    CS_STATISTICS_SCHEMES,               /* schemes with a concordance from Q's classification */
    CS_STATISTICS_REGION_TYPES           /* the region types the registry holds */
} cs_statistics_list;

/* Calls FN with each name of the list WHAT (byte order; years in numeric order, as text). */
int cs_store_statistics_list(cs_store *store, cs_statistics_list what, const cs_statistics_query *q,
                             int (*fn)(void *ctx, const char *name), void *ctx);

/* The first region (by key) holding rows of Q with no ancestor of type Q->level and not of it
 * itself, and its type (NULL when unset); *region NULL when every region has one. The caller
 * frees both. */
int cs_store_statistics_unplaced(char **region, char **type, cs_store *store,
                                 const cs_statistics_query *q);

/* A value Q->level would count twice: REGION and its ancestor ANCESTOR (at or below REGION's
 * ancestor of the level) both hold INDUSTRY's MEASURE of YEAR. All NULL when none; the caller
 * frees the strings. */
typedef struct {
    char *region, *ancestor, *industry, *measure;
    int year;
} cs_statistics_nesting;
int cs_store_statistics_nested(cs_statistics_nesting *out, cs_store *store,
                               const cs_statistics_query *q);

/* What Q->scheme leaves out: of the rows of Q (before any summing), ROWS in all and ROWS_OUT
 * without a category; VALUE[m] and VALUE_OUT[m] their sums per measure place. */
typedef struct {
    size_t rows, rows_out;
    double value[CS_STATISTICS_MAX_MEASURES], value_out[CS_STATISTICS_MAX_MEASURES];
} cs_statistics_coverage;
int cs_store_statistics_unmapped(cs_statistics_coverage *out, cs_store *store,
                                 const cs_statistics_query *q);

/* ---- support programmes and official registries (store_programmes.c; migration 0012) ---- */
/* One row of each kind as stored, handed to a callback: strings (NULL where empty) live during
 * the call only; an amount not stated is NaN, a count or year not stated -1. */
typedef struct {
    const char *key, *kind, *name_en, *name_ru, *operator_name, *country, *currency, *levels, *url,
        *source, *locator, *quote, *note;
    int started, ended;
    double budget;
} cs_store_programme;

typedef struct {
    const char *programme, *round, *status, *source, *locator, *quote, *note;
    int year;
    double budget, requested, awarded;
    long long applications, awards;
} cs_store_round;

typedef struct {
    const char *programme, *round, *specialisation, *status, *source, *locator, *quote, *note;
    long long clusters;
    double requested, awarded;
} cs_store_round_share;

typedef struct {
    const char *programme, *round, *cluster, *decision, *status, *source, *locator, *quote, *note;
    const char *cluster_name, *specialisation; /* the cluster record's (NULL when it has none) */
    double requested, awarded;
} cs_store_application;

/* A cluster's listing in a programme (registry, label, list or support programme), the one
 * listing row every reader shares: the programmes' statistics and the counts by registry. Dates
 * YYYY[-MM[-DD]]; left_on NULL = still listed, or not known. */
typedef struct {
    const char *programme, *cluster, *entered, *left_on, *level, *decision, *status, *source,
        *locator, *quote, *note;
    const char *cluster_name; /* the cluster record's name_en */
    /* the programme record's kind and names (name_ru NULL when it has none) */
    const char *programme_kind, *programme_name_en, *programme_name_ru;
} cs_store_listing;

/* The callbacks of cs_store_programmes_read (NULL: that kind is not read); a non-zero return
 * stops the walk and is returned. */
typedef struct {
    int (*programme)(void *ctx, const cs_store_programme *p);
    int (*round)(void *ctx, const cs_store_round *r);
    int (*share)(void *ctx, const cs_store_round_share *s);
    int (*application)(void *ctx, const cs_store_application *a);
    int (*listing)(void *ctx, const cs_store_listing *l);
    void *ctx;
} cs_store_programme_visitor;

/*
 * Reads the programmes (by key), their rounds (by programme, year, round), stated shares (by
 * programme, round, specialisation), applications (by programme, round, cluster) and listings
 * (by programme, cluster, entered), all kinds in that order: of PROGRAMME only when not NULL
 * (CS_ENOTFOUND when the registry has no such programme), and the applications and listings of
 * CLUSTER only when not NULL (CS_ENOTFOUND when it has no such cluster).
 */
int cs_store_programmes_read(cs_store *store, const char *programme, const char *cluster,
                             const cs_store_programme_visitor *v);
/* A cluster's value chain (store_chain.c; registry.h's cs_chain, freed with cs_chain_free()):
 * stages, memberships with role and stage, projects with their members and stages, links.
 * CS_ENOTFOUND when there is no cluster KEY; a cluster without any of them has empty lists. */
int cs_store_chain(cs_chain **out, cs_store *store, const char *key);
/* The keys of the clusters that define stages or links, sorted by bytes; the caller frees each
 * key and the array. */
int cs_store_chain_clusters(char ***out, size_t *n, cs_store *store);
/* ---- change over time and counts (store_timeline.c; migration 0012) ---- */

/* The dated facts (year > 0) of cluster CLUSTER, every name or only NAME (NULL: every name), by
 * name then year, each parsed by its definition, copied into SET. CS_ENOTFOUND when the registry
 * has no cluster CLUSTER. */
int cs_store_dated_facts(cs_factset *set, cs_store *store, const char *cluster, const char *name);

/* A target as stored; strings live during the callback only, "" where the registry holds none. */
typedef struct {
    const char *cluster, *name;
    int year; /* the year it is due; 0 = not stated */
    const char *value;
    int baseline_year; /* 0 = not stated */
    const char *status, *source, *locator, *quote, *note;
} cs_store_target;

/* Calls FN for each target of CLUSTER (NULL: every cluster) named NAME (NULL: every name), by
 * cluster, name, year; a non-zero return of FN stops the walk and is returned. */
int cs_store_targets_each(cs_store *store, const char *cluster, const char *name,
                          int (*fn)(void *ctx, const cs_store_target *t), void *ctx);

/* Calls FN with the key of each cluster that has a dated fact or a target, by key; a non-zero
 * return of FN stops the walk and is returned. */
int cs_store_timeline_clusters_each(cs_store *store, int (*fn)(void *ctx, const char *cluster),
                                    void *ctx);

/* ---- news and the digest (store_news_read.c; migration 0013) ---- */

/*
 * The news items (with their Q&A by position and their targets by kind, then key, each named)
 * linked to cluster CLUSTER (NULL: any), dated in month MONTH ("YYYY-MM"; NULL: any), of kind
 * KIND (NULL: any), newest first (date descending, then key ascending; OLDEST_FIRST: date
 * ascending, then key ascending), at most LIMIT (0: all). CS_ENOTFOUND when the registry has no
 * cluster CLUSTER; the other arguments are taken as given: the service checks them.
 */
int cs_store_news(cs_news_list **out, cs_store *store, const char *cluster, const char *month,
                  const char *kind, size_t limit, int oldest_first);
/* The items of digest issue NUMBER in their positions' order (an issue without entries: an
 * empty list). */
int cs_store_digest_items(cs_news_list **out, cs_store *store, long long number);
/* Digest issue NUMBER with its texts; CS_ENOTFOUND "no digest issue N in the registry". */
int cs_store_digest_issue(cs_digest_issue **out, cs_store *store, long long number);
/* The number of the latest issue (the highest number) below BELOW (0: of any), or 0 when the
 * registry has none. */
int cs_store_digest_latest(long long *out, cs_store *store, long long below);

#ifdef __cplusplus
}
#endif
#endif
