/*
 * service.h: the use cases, one function per thing a front end does. The CLI, the report and
 * the web observatory reach the registry through these and nothing below them.
 *
 * Ownership: cs_service_open() hands the caller a cs_service, released with cs_service_close();
 * every object a cs_service_* function hands out is released with its own _free function and
 * may outlive the service unless its comment says otherwise. Option structs are borrowed.
 */
#ifndef CLUSTERSCOPE_SERVICE_H
#define CLUSTERSCOPE_SERVICE_H

#include <stddef.h>
#include <stdio.h>

#include "clusterscope/assess.h"
#include "clusterscope/classify.h"
#include "clusterscope/factors.h"
#include "clusterscope/regional.h"
#include "clusterscope/i18n.h"
#include "clusterscope/ingest.h"
#include "clusterscope/method.h"
#include "clusterscope/registry.h"
#include "clusterscope/network.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* The registry                                                                                */

typedef struct cs_service cs_service;

typedef enum {
    CS_SERVICE_READ = 0, /* read only: nothing is stored, a registry of a newer schema is refused */
    CS_SERVICE_WRITE = 1 /* read and write: pending schema migrations are applied on opening */
} cs_service_access;

/*
 * The registry path a front end uses: `explicit_path` when given, else $CLUSTERSCOPE_DB, else
 * "clusterscope.db" in the working folder. The string is static or the argument.
 * An empty name given (explicit_path "" or CLUSTERSCOPE_DB set to "") is returned as it is, and
 * opening or creating it fails: it never falls back to the next choice.
 */
const char *cs_service_default_path(const char *explicit_path);

/* The schema version this library writes. */
int cs_service_schema_version(void);

/*
 * Creates a new registry at `path` with the built-in fact definitions, in a new file or an
 * empty (0-byte) one. CS_EUSAGE when a file with contents is already there: only this call
 * creates a registry.
 */
int cs_service_create(const char *path);

/*
 * Opens the registry at `path` (docs/reliability.md, "Registries"): CS_ENOTFOUND when there is
 * none; CS_EDATA when the file is empty, a folder, not an SQLite database or another program's
 * database (advice CS_ADVICE_REGISTRY); CS_EDB for a registry of a newer schema
 * (CS_ADVICE_NEWER_SOFTWARE), or of an older one opened read-only (CS_ADVICE_MIGRATE). A
 * read-only opening rolls back the hot journal a crashed writer left, when the user may write
 * the file and its folder; otherwise CS_EDB with CS_ADVICE_ROLL_BACK.
 */
int cs_service_open(cs_service **out, const char *path, cs_service_access access);
void cs_service_close(cs_service *svc);
const char *cs_service_path(const cs_service *svc);

/*
 * The memory a use case may take, in bytes; 0 (the default) is no limit. The program sets
 * --max-memory or cs_default_memory_limit(). With a limit, import (from its files' sizes),
 * assessment and the report (from the registry's counts) estimate what they need before they
 * start and refuse above it with CS_ENOMEM, naming the MiB needed (advice CS_ADVICE_MAX_MEMORY);
 * the report leaves out its typology instead when only the cluster analysis is over it. Export
 * streams the registry and needs no more memory for a larger one.
 */
void cs_service_set_memory_limit(cs_service *svc, size_t bytes);
size_t cs_service_memory_limit(const cs_service *svc);

/* The estimates, in bytes (SIZE_MAX: more than can be addressed): importing the files at PATHS
 * (from their sizes; a JSON file costs more than a CSV file of the same size), and assessing every
 * cluster of the registry (from its counts of clusters, facts and memberships). */
size_t cs_service_import_memory(const char *const *paths, size_t n_paths);
int cs_service_assess_memory(size_t *need, cs_service *svc);

/* Row counts of the registry's tables. */
typedef struct {
    long long sources, countries, regions, clusters, organisations, memberships, facts,
        fact_definitions, assessment_runs;
    long long news_items, digests; /* news and the digest (issue 15) */
} cs_service_counts;
int cs_service_count(cs_service_counts *out, cs_service *svc);

/* The registry's fact definitions, sorted by subject kind, then name. Free with
 * cs_fact_definitions_free(). */
int cs_service_fact_definitions(cs_fact_definitions **out, cs_service *svc);

/*
 * Loads a method: a built-in one by id, or a method file when `spec` names a path (it has a
 * '/' or ends in ".json"). Free with cs_method_free().
 */
int cs_service_load_method(cs_method **out, const char *spec);

/* ------------------------------------------------------------------------------------------ */
/* Import and export                                                                           */

/* Imports the files (CSV or JSON) in one transaction: all or nothing. */
int cs_service_import(cs_import_stats *stats, cs_service *svc, const char *const *paths,
                      size_t n_paths, const cs_import_options *opts);

/* Exports the whole registry (see cs_export()); refused as cs_service_check_output() says. */
int cs_service_export(cs_service *svc, const char *path, cs_export_format format);

/*
 * 0 when a front end may write its output at PATH ("-" or NULL: standard output); CS_EUSAGE
 * when PATH is the registry's own file or its journal (the same file, by device and inode, so
 * also through a symbolic or hard link): writing there would replace the registry.
 */
int cs_service_check_output(cs_service *svc, const char *path);

/* ------------------------------------------------------------------------------------------ */
/* Assessment                                                                                  */

/*
 * A fresh assessment of the registry's clusters with everything it was read from: the clusters,
 * the sources and countries the facts cite, and the facts. Released with
 * cs_service_assessment_free(); it borrows the method, which must outlive it.
 */
typedef struct cs_service_assessment cs_service_assessment;

typedef struct {
    int year;          /* assessment year; 0 = the method's */
    const char *only;  /* one cluster's key (CS_ENOTFOUND when absent), or NULL for all */
    cs_lang name_lang; /* the language of the clusters' names in the results */
} cs_service_assess_options;

/* Assesses every cluster (or opts->only) with M; nothing is stored. `opts` may be NULL. */
int cs_service_assess(cs_service_assessment **out, cs_service *svc, const cs_method *m,
                      const cs_service_assess_options *opts);
void cs_service_assessment_free(cs_service_assessment *sa);
const cs_assessment *cs_service_assessment_result(const cs_service_assessment *sa);
/* The clusters assessed, sorted by key: index i is cluster i of the result. */
const cs_cluster_list *cs_service_assessment_clusters(const cs_service_assessment *sa);
const cs_source_list *cs_service_assessment_sources(const cs_service_assessment *sa);
const cs_country_list *cs_service_assessment_countries(const cs_service_assessment *sa);

/* The registry's sources; the caller frees the list with cs_source_list_free(). */
int cs_service_sources(cs_source_list **out, cs_service *svc);

/* The registry's clusters sorted by key (only: one cluster's key, CS_ENOTFOUND when absent;
 * NULL for all); the caller frees the list with cs_cluster_list_free(). */
int cs_service_clusters(cs_cluster_list **out, cs_service *svc, const char *only);

/* The registry's cluster facts named NAMES (n of them), every year, into a new set that the
 * caller frees with cs_factset_free(). */
int cs_service_cluster_facts(cs_factset **out, cs_service *svc, const char *const *names, size_t n);

/* Stores the assessment as a run of the registry; *run_id (may be NULL) receives its id. */
int cs_service_save_assessment(long long *run_id, cs_service *svc, const cs_assessment *a);

/* ------------------------------------------------------------------------------------------ */
/* Reading for the web observatory (service_read.c)                                            */

/*
 * A read transaction on the service's connection: every read between begin and end sees one
 * state of the registry, whatever a writer commits meanwhile (a page never mixes two states).
 * They do not nest: begin while a transaction is open is CS_EUSAGE. End always succeeds.
 */
int cs_service_read_begin(cs_service *svc);
void cs_service_read_end(cs_service *svc);
/* A number that changes when another connection or process commits to the registry (and only
 * then): what a cache of answers built from it is keyed by. */
int cs_service_data_version(long long *out, cs_service *svc);

/* One membership of a cluster with its organisation (registry.h, cs_member_info). */
typedef cs_member_info cs_service_member;
/* (Not "cs_service_members", the name first planned: C gives a type and the function
 * cs_service_members() one namespace.) */
typedef struct cs_member_list cs_service_member_list;

/* The memberships of the cluster `cluster_key`, by organisation name, then key; CS_ENOTFOUND
 * when there is no such cluster. The caller frees them with cs_service_members_free(). */
int cs_service_members(cs_service_member_list **out, cs_service *svc, const char *cluster_key);
size_t cs_service_members_count(const cs_service_member_list *m);
const cs_service_member *cs_service_members_at(const cs_service_member_list *m, size_t i);
void cs_service_members_free(cs_service_member_list *m);

/*
 * Every fact of one subject, all years, by name, then year (cs_factset_at in that order); a
 * cluster's include the facts its memberships imply (source CS_SOURCE_MEMBERSHIPS). A subject
 * with no facts gives an empty set. The caller frees it with cs_factset_free().
 */
int cs_service_subject_facts(cs_factset **out, cs_service *svc, cs_subject_kind kind,
                             const char *subject);

/* The registry's regions sorted by key; the caller frees them with cs_region_list_free(). */
int cs_service_regions(cs_region_list **out, cs_service *svc);

/*
 * Searches clusters, organisations and facts for the user's words (registry.h, cs_search_hit;
 * the rules in store.h, cs_store_search): every word must match, in any of its forms, case and
 * ё/е aside; best first; LIMIT hits (at most 1,000; 0: only the total) from OFFSET, and
 * cs_search_hits_total() counts them all. CS_EUSAGE for a query over 1,000 bytes or 32 words.
 * The caller frees the hits with cs_search_hits_free().
 */
int cs_service_search(cs_search_hits **out, cs_service *svc, const char *query, size_t limit,
                      size_t offset);

/* The matches of QUERY in TEXT (a hit's snippet) as cs_service_search finds them, to mark: byte
 * ranges as cs_store_search_marks gives them (store.h); the caller frees *out. */
int cs_service_search_marks(size_t **out, size_t *n, const char *query, const char *text);

/* One revision (registry.h, cs_revision_info) and a cluster's history. */
typedef cs_revision_info cs_service_revision;
typedef struct cs_revision_list cs_service_revisions;

/*
 * The history of the cluster `cluster_key`: every revision of its profile, its facts and its
 * memberships, newest first (an import records one per profile field, fact or membership it
 * changes, and one per cluster for the memberships it adds: registry.h). CS_ENOTFOUND when there
 * is no such cluster. Freed with cs_service_revisions_free().
 */
int cs_service_history(cs_service_revisions **out, cs_service *svc, const char *cluster_key);
size_t cs_service_revisions_count(const cs_service_revisions *r);
const cs_service_revision *cs_service_revisions_at(const cs_service_revisions *r, size_t i);
void cs_service_revisions_free(cs_service_revisions *r);

/* ------------------------------------------------------------------------------------------ */
/* Accounts (service_users.c): passwords and API tokens are stored only as Argon2id hashes      */

#define CS_SERVICE_USER_NAME_MAX 64

/* Who a password or a token belongs to: role "viewer", "editor" or "admin". */
typedef struct {
    char name[CS_SERVICE_USER_NAME_MAX + 1];
    char role[8];
} cs_service_user;

/* CS_EUSAGE unless NAME is 1 to 64 ASCII letters, digits, '.', '_' or '-' (not first). */
int cs_service_user_check_name(const char *name);

/*
 * Creates the account NAME with ROLE (viewer, editor or admin) and its API token, which *token
 * receives ("cst_" and 43 characters of base64url; the caller frees it): the only time it is
 * seen, as only its hash is stored. CS_EUSAGE for a bad name or role, or a name already taken.
 */
int cs_service_user_add(char **token, cs_service *svc, const char *name, const char *role);

/* Sets the password of account NAME for the web login: CS_ENOTFOUND when there is no such
 * account; CS_EDATA when it is under 10 characters, over 1,024 bytes or not UTF-8. */
int cs_service_user_password(cs_service *svc, const char *name, const char *password);

/*
 * Whose token TOKEN is: *out filled, and its last use noted (when the service may write and no
 * transaction is open). CS_EDATA for a malformed token, CS_ENOTFOUND for one no account has;
 * one hash either way, and as long for a wrong token as for a right one.
 */
int cs_service_user_check_token(cs_service_user *out, cs_service *svc, const char *token);

/* The account that holds the token with TOKEN's prefix now, found by one read and no hash: for
 * a memo of tokens that cs_service_user_check_token() accepted, to see that the token still
 * belongs to that account (and in which role) after the registry changed. CS_ENOTFOUND when no
 * token has the prefix (revoked), CS_EDATA when TOKEN is malformed. */
int cs_service_user_token_account(cs_service_user *out, cs_service *svc, const char *token);

/* Whose name and password these are; CS_ENOTFOUND "wrong account name or password" for a wrong
 * name, a wrong password or an account without one, alike and in the same time. */
int cs_service_user_check_password(cs_service_user *out, cs_service *svc, const char *name,
                                   const char *password);

/* ------------------------------------------------------------------------------------------ */
/* Writes of the web observatory (service_edit.c, service_registration.c, service_session.c)    */
/*
 * Every write takes its author and fails with CS_EPERM when the role is too low (a viewer, or
 * anyone where an admin is needed); CS_EDATA with the field, what was expected and what was
 * found for a bad value (advice CS_ADVICE_FIELD: an unknown field; CS_ADVICE_SOURCE: a source
 * the registry does not hold); CS_ENOTFOUND for an unknown cluster, revision or registration.
 * Values are checked by the import's rules. Each write is one transaction and adds revisions
 * (action "edit" or "revert", author the account's name); nothing overwrites the history.
 */

/* One profile field: the name as the export names the clusters' columns; value "" empties it. */
typedef struct {
    const char *field, *value;
} cs_service_field;

/* The longest text a write takes in one value (bytes); a quote may be longer. */
#define CS_SERVICE_VALUE_MAX 4000
#define CS_SERVICE_QUOTE_MAX 20000

/*
 * A profile change of cluster CLUSTER_KEY: fields name_en, name_ru, country, region, city, lat,
 * lon, founded, website, cluster_organisation, kind, specialisation, stage, note (each at most
 * once). SOURCE (a source key the registry holds) is required; LOCATOR and QUOTE may be NULL.
 * Editor or admin. *changed: the number of fields that actually changed (0: nothing written).
 */
int cs_service_edit_cluster(size_t *changed, cs_service *svc, const cs_service_user *author,
                            const char *cluster_key, const cs_service_field *fields, size_t n,
                            const char *source, const char *locator, const char *quote);

/* Adds or corrects one fact, as a fact row of an import: a fact defined for its subject kind,
 * a value typed by its definition, status stated|derived|estimated (required for a known
 * value), year 0 undated. Editor or admin. *revision_id: 0 when it was stored exactly so. */
typedef struct {
    const char *subject_kind, *subject, *fact, *value, *source, *locator, *quote, *status;
    int year; /* 0 = undated */
} cs_service_fact_edit;
int cs_service_put_fact(long long *revision_id, cs_service *svc, const cs_service_user *author,
                        const cs_service_fact_edit *edit);

/*
 * Reverts revision ID (a profile field or a fact; a membership's is CS_EDATA): a new revision
 * (action "revert", reverts ID) restores its old value, or removes the fact that it created.
 * Admin only. CS_ECONFLICT when the value has changed since that revision.
 */
int cs_service_revert(long long *revision_id, cs_service *svc, const cs_service_user *author,
                      long long id);

/* The ids of the revisions the service's last successful write added, first to last (both 0
 * when it added none). */
void cs_service_last_revisions(long long *first, long long *last, const cs_service *svc);

/*
 * Self-registration: anyone submits a new cluster's profile: the fields of
 * cs_service_edit_cluster plus "key" (proposed; required, not taken) and "source" (free text:
 * where the profile's facts come from), name_en and country required; CONTACT (a name and an
 * e-mail address, required, at most 200 bytes) and CLIENT (the submitter's address).
 * Checked by the import's rules now; written to the moderation queue only, never public until
 * approved. CS_ELIMIT when CLIENT has submitted CS_SERVICE_REGISTRATIONS_PER_HOUR in the past
 * hour.
 */
#define CS_SERVICE_REGISTRATIONS_PER_HOUR 10
int cs_service_registration_submit(long long *id, cs_service *svc, const cs_service_field *fields,
                                   size_t n, const char *contact, const char *client);

typedef struct {
    long long id;
    const char *time, *status /* pending|approved|rejected */, *cluster_key, *name_en, *name_ru,
        *country, *contact, *reason, *moderator, *decided,
        *fields_json /* every submitted field as a JSON object */;
} cs_service_registration;
typedef struct cs_service_registration_list cs_service_registration_list;

/* The registrations with STATUS (NULL: all), oldest first; editor or admin. The caller frees
 * the list with cs_service_registrations_free(); entries live as long as it. */
int cs_service_registrations(cs_service_registration_list **out, cs_service *svc,
                             const cs_service_user *viewer, const char *status);
size_t cs_service_registrations_count(const cs_service_registration_list *l);
const cs_service_registration *cs_service_registrations_at(const cs_service_registration_list *l,
                                                           size_t i);
void cs_service_registrations_free(cs_service_registration_list *l);

/* Editor or admin decides registration ID: approve creates the cluster (revisions by the
 * moderator with the source "registration:ID", added as a source); reject needs a REASON.
 * CS_ECONFLICT when it was decided already, or (approve) its key has been taken since. */
int cs_service_registration_decide(cs_service *svc, const cs_service_user *moderator, long long id,
                                   int approve, const char *reason);

/*
 * Web sessions (cookies): *session_token a random 32-byte token (base64url, 43 characters) and
 * *csrf_token another (the caller frees both); only a BLAKE2b hash of the session token is
 * stored. A session expires CS_SERVICE_SESSION_HOURS after it opens.
 */
#define CS_SERVICE_SESSION_HOURS 12
int cs_service_session_open(char **session_token, char **csrf_token, cs_service *svc,
                            const cs_service_user *user);
/* Whose session SESSION_TOKEN is, with its CSRF token; CS_ENOTFOUND: none, or expired. */
int cs_service_session_check(cs_service_user *out, char csrf_out[64], cs_service *svc,
                             const char *session_token);
/* Ends the session (nothing when there is none). */
int cs_service_session_close(cs_service *svc, const char *session_token);

/* The BLAKE2b hash (32 bytes) of a secret as 64 hex digits and a NUL: what a memo of checked
 * tokens is keyed by, so that it holds no token. */
void cs_service_secret_digest(char out[65], const char *secret);

/* ------------------------------------------------------------------------------------------ */
/* Target models and success factors (service_factors.c)                                       */

/*
 * The study's target models and success factors evaluated for biomedical clusters: the
 * reference (cs_store_factors_load), the evidence method it names, a fresh assessment by that
 * method, and per cluster its profile (factors.h) with its group in the latest stored partition.
 * Released with cs_service_factor_set_free(); profiles point into it.
 */
typedef struct cs_service_factor_set cs_service_factor_set;

typedef struct {
    const char *cluster; /* one cluster's key, or NULL for every biomedical cluster */
    int year;            /* assessment year of the facts; 0 = the method's */
    cs_lang name_lang;   /* the language of the clusters' names */
} cs_service_factors_options;

/*
 * CS_EDATA when opts->cluster is not in the registry; CS_EUSAGE when it is not a biomedical
 * cluster (the study's factors are for biomedical clusters); CS_ENOTFOUND when the registry holds
 * no success factors. `opts` may be NULL.
 */
int cs_service_factors(cs_service_factor_set **out, cs_service *svc,
                       const cs_service_factors_options *opts);
void cs_service_factor_set_free(cs_service_factor_set *sf);
const cs_factor_reference *cs_service_factor_set_reference(const cs_service_factor_set *sf);
/* The clusters evaluated, sorted by key. */
size_t cs_service_factor_set_count(const cs_service_factor_set *sf);
const cs_factor_profile *cs_service_factor_set_profile(const cs_service_factor_set *sf, size_t i);

/* ------------------------------------------------------------------------------------------ */
/* Typology                                                                                    */
/* Runs and reference sets handed out here are classify.h's values, released with              */
/* cs_classify_run_free() and cs_reference_free(); a data matrix with cs_datamatrix_free().   */

/* Reads a CSV data file into a data matrix for cluster analysis (see cs_ingest_read_matrix). */
int cs_service_read_matrix(cs_datamatrix **out, const char *path,
                           const cs_datamatrix_csv_options *opts);
/* Reads a small CSV file whole, such as a command's start (see cs_ingest_read_table); the
 * caller frees it with cs_csv_table_free(). */
int cs_service_read_table(cs_csv_table *out, const char *path, char delimiter, size_t max_rows);

/* The method id of stored assessment run `run_id`, into buf (cap bytes). CS_ENOTFOUND when the
 * registry has no such run. */
int cs_service_run_method(char *buf, size_t cap, cs_service *svc, long long run_id);

/*
 * The assessment run a classification starts from: run `run_id` of the registry, or (run_id 0)
 * the latest run of method M. When there is none and `assess_if_missing` (the registry is open
 * for writing), every cluster is assessed with M and the run is stored first
 * ((*out)->assessed_now = 1). The run's method must be M: id, version and item keys (see
 * cs_store_assessment_read for the errors and their advice). CS_ENOTFOUND when there is no run
 * and none is made (advice CS_ADVICE_RUN).
 */
int cs_service_load_run(cs_classify_run **out, cs_service *svc, const cs_method *m,
                        long long run_id, int assess_if_missing);

/*
 * A fresh assessment of every cluster with M, handed out as a run (run_id 0, nothing stored):
 * what a classification of a scenario starts from (cs_service_assume).
 */
int cs_service_fresh_run(cs_classify_run **out, cs_service *svc, const cs_method *m);

/* ------------------------------------------------------------------------------------------ */
/* Assumptions                                                                                 */

/*
 * A scenario: the registry of SVC with the facts of the files PATHS (n_paths of them, CSV or
 * JSON as `import` reads them, with every check of an import; OPTS as for cs_service_import,
 * may be NULL) assumed on top: an assumed fact replaces the registry's fact of the same subject,
 * name and year. The registry is not changed: *out works on an in-memory copy of it, dropped
 * by cs_service_close(). The files hold facts and the sources those cite, nothing else. Errors
 * are an import's ("FILE:LINE:COLUMN: expected ..., found ...", CS_EDATA); then *out is NULL.
 * Memory: the whole registry, copied.
 */
int cs_service_assume(cs_service **out, cs_service *svc, const char *const *paths, size_t n_paths,
                      const cs_import_options *opts);
/* The facts a scenario assumes, in the order read (0 for a registry opened as it is); the list
 * belongs to SVC. */
size_t cs_service_assumptions(const cs_service *svc, const cs_classify_assumption **list);

/* The reference set `key`, or (key NULL) the one for method `method_id`, else the first.
 * CS_ENOTFOUND when the registry holds none. */
int cs_service_load_reference(cs_reference_set **out, cs_service *svc, const char *key,
                              const char *method_id);

/* Stores the partition C made from RUN with every parameter that decides it; *id (may be
 * NULL) receives its number. */
int cs_service_save_partition(long long *id, cs_service *svc, const cs_classification *c,
                              const cs_classify_run *run);

/* The parameters of stored partition `id` (k as given, else as found), its assessment run and
 * its method id (cap bytes): running cs_classify() with them makes the same partition.
 * CS_ENOTFOUND when absent. */
int cs_service_partition_options(cs_classify_options *opts, long long *run_id, char *method_id,
                                 size_t cap, cs_service *svc, long long id);

/* How many clusters C places otherwise than stored partition `id` (another group, left out on
 * one side only, or present on one side only). */
int cs_service_compare_partition(size_t *differences, cs_service *svc, long long id,
                                 const cs_classification *c);

/* ------------------------------------------------------------------------------------------ */
/* Report data                                                                                 */

typedef struct {
    cs_lang lang;        /* the language of the classification's words */
    long long partition; /* 0: classify as `clusterscope classify` does by default; else the
                            stored partition to reproduce */
    size_t max_memory;   /* bytes; 0 = no limit (front ends pass cs_default_memory_limit()) */
} cs_service_classify_options;

/*
 * Classifies the clusters of assessment A (made with M; nothing is stored) as `clusterscope
 * classify` does by default, or as stored partition opts->partition was made: reproduced from
 * its parameters when its assessment run holds the same clusters with the same results, then
 * checked member by member. REF (may be NULL) labels the groups and must outlive the
 * classification. *run_id (may be NULL) receives the stored partition's assessment run. With a
 * partition: CS_ENOTFOUND when there is none, CS_EUSAGE when it was made with another method
 * (advice CS_ADVICE_METHOD), CS_EDATA when the registry has changed since (advice
 * CS_ADVICE_CLASSIFY_AGAIN) or it is not reproduced.
 */
/*
 * The memory cs_service_classify_assessment() with the same arguments would need at most (see
 * cs_classify_memory()), found without computing a distance: for a caller that would rather do
 * without the typology than be refused.
 */
int cs_service_classify_memory(size_t *need, cs_service *svc, const cs_method *m,
                               const cs_assessment *a, const cs_service_classify_options *opts);

int cs_service_classify_assessment(cs_classification **out, long long *run_id, cs_service *svc,
                                   const cs_method *m, const cs_assessment *a,
                                   const cs_reference_set *ref,
                                   const cs_service_classify_options *opts);

/* ------------------------------------------------------------------------------------------ */
/* Regional statistics                                                                         */
/* Data handed out here are ingest.h's cs_regional_data, released with cs_regional_data_free(); */
/* the measures themselves are regional.h's, on the arrays the data hold.                      */

/* Reads a long-form CSV file of regional statistics (see cs_ingest_read_regional). */
int cs_service_read_regional(cs_regional_data **out, const char *path,
                             const cs_regional_read_options *opts);
/* The same from the registry's statistics: value column v of OPTS is the stored measure
 * MEASURES[v] (a cell without it is 0); OPTS's years pick as for a file; the statistics of
 * one classification (several are an error naming them). */
int cs_service_read_regional_stored(cs_regional_data **out, cs_service *svc,
                                    const char *const *measures,
                                    const cs_regional_read_options *opts);
/*
 * Which statistics, and how summed: CLASSIFICATION (NULL: the only one the rows of the
 * measures name; several are an error naming them), LEVEL (NULL, or a region type: each region
 * counts for its nearest ancestor of that type; a region with none is an error naming it, and
 * so is a value held both by a region and by its part), SCHEME (NULL, or a concordance scheme:
 * industries count for their category in it; those without one are left out).
 */
typedef struct {
    const char *classification;
    const char *level;
    const char *scheme;
} cs_regional_selection;

/* What a scheme left out: ROWS read in all, ROWS_OUT without a category; VALUE[v] and
 * VALUE_OUT[v] their sums for value column v. All 0 without a scheme. */
typedef struct {
    size_t rows, rows_out;
    double value[4], value_out[4];
} cs_regional_coverage;

/* cs_service_read_regional_stored with a selection (SEL may be NULL); COV (may be NULL)
 * receives what the scheme left out. With OPTS's attribute set, a key's attribute is its type
 * (traded, local) in the industry table of the scheme, or of the classification. */
int cs_service_read_regional_selected(cs_regional_data **out, cs_regional_coverage *cov,
                                      cs_service *svc, const char *const *measures,
                                      const cs_regional_read_options *opts,
                                      const cs_regional_selection *sel);
/* Reads a relatedness table of cluster categories, JSON or CSV (see cs_ingest_read_related);
 * released with cs_related_table_free(). */
int cs_service_read_related(cs_related_table **out, const char *path, char delimiter);

/* ------------------------------------------------------------------------------------------ */
/* Region measures for the seeds' questions (service_questions.c)                              */

/* A region x measure table: the caller frees it with cs_region_table_free(), which frees every
 * name and value it holds. */
typedef struct {
    size_t nr, nc;
    char **region; /* nr names, sorted by bytes */
    char **name;   /* nc measure names, as asked */
    double *value; /* nr * nc, row-major; NaN = unknown */
} cs_region_table;

void cs_region_table_free(cs_region_table *t);

/*
 * Reads the columns NAMES (n of them) of a CSV file `region,<named numeric columns>` (a header
 * row; other columns are ignored; an empty cell is unknown; an optional `year` column, of which
 * YEAR, when not NULL, picks the rows). CS_EDATA "FILE:LINE:COLUMN: expected ..., found ..." for
 * a column the header lacks, a value that is no number, an empty or repeated region (a region
 * in several years without YEAR), a year that is no whole number, and no rows left.
 */
int cs_service_read_region_table(cs_region_table **out, const char *path, char delimiter,
                                 const char *const *names, size_t n, const int *year);
/*
 * The same from the registry: each name a region fact (fact_definitions, subject kind region)
 * of year YEAR (NULL: each region's latest dated fact, else its undated one), or `clusters`,
 * the number of the registry's clusters in the region. A fact whose value is a range (">60")
 * is unknown. Rows: the regions with at least one of the named facts (or, when only `clusters`
 * is asked, with clusters). CS_EDATA for a name the registry defines no region fact of, and
 * when no region has any of the facts.
 */
int cs_service_region_table_stored(cs_region_table **out, cs_service *svc, const char *const *names,
                                   size_t n, const int *year);

/*
 * What the report's section on the seeds' regional questions shows (service_questions.c): the
 * registry's region facts rir_policy_quality (ИКИП), cluster_support_applications,
 * patents_per_10k_employees and cluster_strength, with the measure clusters, in year YEAR
 * (0: each region's latest); seed 004's threshold rule (0.35) and typology; and the
 * correlations of ИКИП with applications and of patents with cluster strength. Freed with
 * cs_service_questions_free(). A registry without the facts gives a set with table NULL (the
 * section then names the facts it needs); CS_ENOMEM and the store's errors otherwise.
 */
#define CS_QUESTIONS_COLUMNS 5 /* ikip, applications, clusters, patents, strength */
typedef struct {
    cs_region_table *table; /* NULL: the registry holds none of the facts */
    double threshold;
    cs_threshold_rule rule;
    cs_region_type *type;      /* per region of table */
    unsigned char *violation;  /* per region of table */
    int has_rule;              /* some region knows both ИКИП and applications */
    cs_correlation corr[2][2]; /* [ИКИП-applications, patents-strength][Pearson, Spearman] */
    int has_corr[2];
    int corr_few[2]; /* why a correlation is missing: 1 fewer than 4 regions with both values
                        (corr[k][0].n of them), 0 a measure constant over them */
} cs_service_questions;

int cs_service_questions_read(cs_service_questions **out, cs_service *svc, int year);
void cs_service_questions_free(cs_service_questions *q);
/* ------------------------------------------------------------------------------------------ */
/* The regional view (service_regional_view.c): what the report's regional section and the web */
/* observatory's region pages show of the registry's statistics. A cs_regional_view owns every */
/* array and string it points to and is released with cs_regional_view_free().                 */

/* One category of a region: its employment and the CMP's LQ and flags (regional.h). */
typedef struct {
    size_t category; /* index into cs_regional_view.category */
    double employment;
    double lq; /* against the region's employment of the category's type (traded or local) */
    unsigned char strong, strong10;
} cs_regional_view_cell;

typedef struct {
    const char *key; /* the region's key (registry) */
    /* from the registry's region table: names, the standard code maps join on ("US-CA",
     * "RU-TA", "DE"), the region type; "" = unknown */
    const char *name_en, *name_ru, *code, *type;
    double employment;        /* the region's employment in traded categories (all, untyped) */
    double strong_employment; /* of it, in its strong categories */
    double strength;          /* cluster strength: strong_employment / employment */
    size_t n_strong;          /* strong categories (CMP) */
    size_t rank;              /* 1 = strongest; 0 = no employment */
    double percentile;        /* the CMP's percentile of the rank; NaN without rank */
    /* its categories with employment, LQ descending (then category order): the profile; the
     * strong ones are those with .strong set */
    const cs_regional_view_cell *profile;
    size_t n_profile;
} cs_regional_view_region;

typedef struct {
    int year;         /* the year shown */
    const int *years; /* every year holding both measures, ascending */
    size_t n_years;
    const char *employment, *establishments; /* the stored measures read */
    long long rows;                          /* the year's rows of both measures */
    long long unsourced;                     /* of them, rows that name no source */
    const char *sources;                     /* their source keys, sorted, ", " between; "" none */
    /* The classification read ("" = the statistics that name none). Statistics of several
     * classifications are never mixed (NACE and OKVED 2 share codes): the one whose rows of
     * both measures are the most is read (ties by name), the others are in
     * other_classifications ("'a', ''": quoted, ", " between; "" when there are none). */
    const char *classification, *other_classifications;
    const char *const *category; /* n_categories codes, sorted by bytes */
    const unsigned char *traded; /* n_categories: 1 traded, 0 local (the industry table's) */
    size_t n_categories;
    /* 1 when the categories' types come from the industry table of the statistics'
     * classification (a category classification); 0: none has a type, every one is traded */
    int typed;
    size_t n_local, n_untyped; /* local categories; typed: those without a type (as traded) */
    /* The level ranked: the region type of the view's regions ("" = no type). When the
     * statistics' regions are of several types, only those of the type whose regions hold
     * the most region x category cells with employment are ranked (ties: a type before no
     * type, then by name), so that a state and its counties are never ranked together; the
     * others are left out: n_left_out regions of the types in left_out ("a, b"; "" none). */
    const char *level;
    size_t n_left_out;
    const char *left_out;
    const cs_regional_view_region *region; /* n_regions, sorted by key */
    size_t n_regions;
    const size_t *by_rank; /* n_regions indexes: by rank, then the regions without one by key */
} cs_regional_view;

/*
 * The US Cluster Mapping Project's strong clusters (cs_regional_cmp) of the registry's
 * statistics `employment` and `establishments` of YEAR (0 = the latest year that holds both),
 * on the regions of one level (see cs_regional_view.level): each region's strong clusters,
 * cluster strength, rank and percentile, and its profile. When
 * the registry holds no year with both measures, *out is NULL and 0 is returned (not an
 * error). CS_EDATA for a YEAR it does not hold, naming those it holds.
 */
int cs_service_regional_view(cs_regional_view **out, cs_service *svc, int year);
void cs_regional_view_free(cs_regional_view *v);
/* The region KEY of the view, or NULL. */
const cs_regional_view_region *cs_regional_view_find(const cs_regional_view *v, const char *key);

/* ------------------------------------------------------------------------------------------ */
/* Support programmes and official registries (service_programmes.c; issue 14). A             */
/* cs_programme_set owns every array and string it points to; cs_programme_set_free()         */
/* releases it. Unknown stays unknown: an amount, count, rate or share not known is NaN.      */

/* Where a figure comes from: the round's stated totals (or its stated shares), the sums of
 * its stored applications, or nowhere (the figure is NaN). */
typedef enum { CS_BASIS_NONE = 0, CS_BASIS_STATED, CS_BASIS_APPLICATIONS } cs_programme_basis;

/* "stated", "applications" or "none". */
const char *cs_programme_basis_name(cs_programme_basis b);

/* One specialisation's part of a round. */
typedef struct {
    const char *specialisation; /* NULL: clusters whose specialisation the registry lacks */
    cs_programme_basis basis;   /* STATED: a round share; APPLICATIONS: summed */
    double clusters;            /* stated clusters, or the applications awarded */
    double requested, awarded;
    double share_amount; /* awarded as % of the round's awarded total (same basis) */
    double share_count;  /* clusters as % of the round's awards (same basis) */
    /* the shares minus those of the same specialisation and basis in the programme's previous
     * round, in percentage points; NaN when either is unknown or there is none */
    double change_amount, change_count;
    const char *status, *source, *locator, *quote; /* a stated share's; NULL when summed */
} cs_programme_share;

typedef struct {
    const char *cluster, *cluster_name, *specialisation, *decision, *status, *source, *locator,
        *quote, *note;
    double requested, awarded;
} cs_programme_application;

typedef struct {
    const char *round;
    int year;
    /* the totals a source states for the whole round */
    double budget, requested, awarded, applications, awards;
    const char *status, *source, *locator, *quote, *note;
    /* the sums of the stored applications, apart from the stated totals: sum_requested and
     * sum_awarded are NaN when an application does not state its amount (an application
     * refused or withdrawn without an amount counts as 0 awarded) */
    size_t n_applications, n_awarded, n_undecided; /* undecided: pending or no decision */
    double sum_requested, sum_awarded;
    /* award rates, as fractions: by amount (awarded / requested) and by count (awards /
     * applications), from the stated totals where both are stated, else from the
     * applications where they decide it, else NaN */
    double rate_amount, rate_count;
    cs_programme_basis rate_amount_basis, rate_count_basis;
    const cs_programme_share *shares; /* by specialisation (bytes; NULL last) */
    size_t n_shares;
    const cs_programme_application *apps; /* by cluster key (of CLUSTER only, when given) */
    size_t n_apps;
} cs_programme_round_stats;

typedef struct {
    const char *key, *kind, *name_en, *name_ru, *operator_name, *country, *currency, *levels, *url,
        *source, *locator, *quote, *note;
    int started, ended; /* -1: not stated */
    double budget;
    const cs_programme_round_stats *rounds; /* by year, then round key */
    size_t n_rounds;
} cs_programme_info;

/* A cluster's entry in a programme of any kind (registry, label, list or support). */
typedef struct {
    const char *programme, *programme_kind, *programme_name_en, *programme_name_ru;
    const char *cluster, *cluster_name, *entered, *left_on, *level, *decision, *status, *source,
        *locator, *quote, *note;
} cs_programme_listing;

typedef struct cs_programme_set cs_programme_set;
struct cs_programme_set {
    const cs_programme_info *programmes; /* by key */
    size_t n_programmes;
    const cs_programme_listing *listings; /* by programme, cluster, entered */
    size_t n_listings;
    void *owned; /* the set's memory */
};

/*
 * The programmes (PROGRAMME only, when not NULL: CS_ENOTFOUND, naming it, when the registry has
 * none such) with their rounds' statistics, and their listings: of CLUSTER only when not NULL
 * (CS_ENOTFOUND when no such cluster), and of those listed in YEAR when not 0 (entered in or
 * before it, and left in or after it or not known to have left). A cluster's applications are
 * in its rounds' `applications`; the statistics always cover every application of a round.
 */
int cs_service_programmes(cs_programme_set **out, cs_service *svc, const char *programme,
                          const char *cluster, int year);
void cs_programme_set_free(cs_programme_set *s);
/* Value chains and cooperation networks (service_chain.c, issue 14). A cs_chain_view and a     */
/* cs_related_network own every array and string they point to and are released with their    */
/* _free function.                                                                             */

/* A cluster's value chain (registry.h) with its cooperation network measured (network.h). */
typedef struct {
    cs_chain *chain;
    /* The network: vertices = chain->members in their order (isolated members count); edges =
     * the pairs of members one or more links join, each pair once whatever the links' kinds
     * and directions (or, directed, each link an arc source -> target, a link of a kind other
     * than supply an arc each way, repeated arcs once); links naming an organisation that is
     * no member are left out and counted. */
    int directed;
    size_t n_edges;
    size_t *edge_from, *edge_to; /* member indices, sorted by (from, to) */
    cs_network_measures *measures;
    size_t links_outside;  /* links left out: an end is no member of the cluster */
    size_t unnamed_stages; /* stages whose name the source does not give (no name_en nor
                              name_ru) */
    size_t unknown_stage;  /* members without a stage, or with one the chain does not define */
    size_t projects_short; /* projects whose stated participants exceed the members named */
} cs_chain_view;

/* CS_EDATA "no cluster with key ... in the registry ..." when there is none. */
int cs_service_chain(cs_chain_view **out, cs_service *svc, const char *cluster, int directed);
void cs_chain_view_free(cs_chain_view *v);
/* The keys of the clusters that define stages or links (sorted); free each and the array. */
int cs_service_chain_clusters(char ***out, size_t *n, cs_service *svc);

/* The related-cluster network: the registry's clusters linked when their categories are the
 * same or strongly related in a relatedness table (cs_related_table, as related-clusters reads
 * it). A cluster's category is its specialisation when that is, byte for byte, a category of
 * the table; the registry holds no other mapping from a cluster to a category, so a cluster
 * without one is listed in `unmapped` and left out. */
typedef struct {
    size_t n;                                 /* clusters in the network, sorted by key */
    const char **cluster, **name, **category; /* n each */
    size_t n_unmapped;
    const char **unmapped; /* keys of the clusters left out, sorted */
    size_t m;
    size_t *from, *to;   /* m edges, from < to, sorted */
    double *strength;    /* per edge: the table's strength (NaN: none given or same category) */
    unsigned char *same; /* per edge: 1 when both clusters have the one category */
    cs_network_measures *measures;
    void *internal;
} cs_related_network;

int cs_service_related_network(cs_related_network **out, cs_service *svc,
                               const cs_related_table *table);
void cs_related_network_free(cs_related_network *r);
/* The index of cluster KEY in R, or CS_CHAIN_NONE. */
size_t cs_related_network_find(const cs_related_network *r, const char *key);
/* Change over time and counts of the registry (service_timeline.c, service_counts.c)          */
/* A cs_timeline and a cs_counts own every array and string they point to; they are released   */
/* with cs_timeline_free() and cs_counts_free() and may outlive the service.                  */

/* One dated value of a series. Unknown years are gaps, never 0: a year without a fact has no
 * point. */
typedef struct {
    int year;
    const char *raw; /* the value as written (">60", "28", "" unknown) */
    double value;    /* the exact value; NaN for a range (">60"), unknown, or not a number */
    int range;       /* 1 when the value is a range: shown as written, left out of rates */
    double growth;   /* (value - previous) / previous against the previous point, both exact
                        and the previous not 0; else NaN */
    int gap;         /* years without a value between the previous point and this one */
    const char *status, *source, *locator, *quote; /* "" = none */
} cs_timeline_point;

/* The dated values of one fact of a cluster, years ascending, with the rates over its span. */
typedef struct {
    const char *name, *label_en, *label_ru, *unit; /* the definition's ("" = none) */
    int numeric;                                   /* count, amount, rank or index */
    const cs_timeline_point *points;
    size_t n;
    int first_year, last_year; /* of the first and last exact values (0 when fewer than 2) */
    double first, last;
    double change; /* (last - first) / first; NaN when fewer than 2 exact values or first is 0 */
    double cagr;   /* (last / first)^(1 / (last_year - first_year)) - 1: the growth a year that
                      compounds to the change; NaN as change, or when last / first <= 0 */
    size_t ranges; /* points left out of the rates because they are ranges */
} cs_timeline_series;

/* A target of the cluster with its progress, read from the facts of its name. */
typedef struct {
    const char *name, *label_en, *label_ru, *unit;
    int year;          /* due; 0 = not stated */
    const char *raw;   /* the target as written */
    double value;      /* exact target; NaN for a range */
    int baseline_year; /* 0 = not stated */
    const char *status, *source, *locator, *quote, *note;
    int latest_year;          /* the latest dated exact value of the fact (0: none) */
    double latest;            /* NaN when none */
    double progress;          /* latest / value; NaN when either is unknown or value is 0 */
    double baseline;          /* the exact value at baseline_year; NaN when none */
    double progress_baseline; /* (latest - baseline) / (value - baseline); NaN when unknown */
    int years_to_due;         /* year - latest_year (no clock is read); only when both are known */
    int has_years_to_due;
} cs_timeline_target;

typedef struct {
    const char *cluster, *name_en, *name_ru;
    const cs_timeline_series *series; /* by fact name (bytes) */
    size_t n_series;
    const cs_timeline_target *targets; /* by name, then due year */
    size_t n_targets;
    void *own; /* what the timeline holds (private) */
} cs_timeline;

/*
 * The dated facts of cluster CLUSTER as series (each fact name with at least one dated value;
 * only FACT when not NULL), and its targets (only FACT's) with their progress. CS_EDATA "no
 * cluster with key ..." for a cluster the registry does not hold, and "... is not a cluster
 * fact of the registry" for a FACT it defines not. Freed with cs_timeline_free().
 */
int cs_service_timeline(cs_timeline **out, cs_service *svc, const char *cluster, const char *fact);
void cs_timeline_free(cs_timeline *t);
/* The timelines of every cluster with a dated fact or a target, by key, as one state of the
 * registry: *out (n of them) the caller frees with cs_timelines_free(). */
int cs_service_timelines(cs_timeline ***out, size_t *n, cs_service *svc);
void cs_timelines_free(cs_timeline **list, size_t n);

/* What counts groups clusters by. */
typedef enum {
    CS_COUNTS_KIND = 0,
    CS_COUNTS_SPECIALISATION,
    CS_COUNTS_STAGE,
    CS_COUNTS_REGION,
    CS_COUNTS_REGISTRY /* listings in programmes: registries, labels, lists, support */
} cs_counts_by;
/* "kind", "specialisation", "stage", "region", "registry"; parse: CS_EUSAGE for another. */
const char *cs_counts_by_name(cs_counts_by by);
int cs_counts_by_parse(cs_counts_by *out, const char *s);

typedef struct {
    const char *value;             /* the kind, stage, region key, programme key...; "" = the
                                      unknown row (registry: listed nowhere) */
    const char *name_en, *name_ru; /* a region's or programme's names ("" = none) */
    long long count;               /* clusters counted in the row */
    long long undated;             /* clusters of the row whose founding year is unknown (with
                                      a year; counted apart, not in count) */
    double share;                  /* count / the clusters counted (cs_counts.counted) */
    int has_stated;                /* a country fact clusters.BY.VALUE states the row */
    double stated;
    int stated_year;
    const char *stated_source;
} cs_counts_row;

typedef struct {
    cs_counts_by by;
    int year;                  /* 0: every cluster, as the registry holds them now */
    const char *country;       /* "" = every country */
    const cs_counts_row *rows; /* count descending, then value; the unknown row last */
    size_t n;
    long long clusters; /* clusters of the country (all when none) */
    long long counted;  /* of them, founded in or before year (all without a year or by registry) */
    long long undated;  /* founding unknown (with a year; by registry 0) */
    long long later;    /* founded after year */
    int has_stated;     /* the country fact clusters_total */
    double stated;
    int stated_year;
    const char *stated_source;
} cs_counts;

/*
 * The registry's clusters (of COUNTRY when not NULL or "") counted by BY as of YEAR (0: now):
 * with a year, a cluster counts when founded in or before it, and one whose founding year is
 * unknown is counted apart (undated), never as founded; by registry, a cluster counts in each
 * programme it is listed in at the end of YEAR (entered in or before it, not left in or before
 * it; without a year: not left), and the unknown row holds the clusters listed nowhere. With a
 * country, its facts clusters_total and clusters.BY.VALUE (the fact of YEAR or before, else the
 * undated one) stand beside the counted figures. Freed with cs_counts_free().
 */
int cs_service_count_clusters(cs_counts **out, cs_service *svc, cs_counts_by by, int year,
                              const char *country);
void cs_counts_free(cs_counts *c);

/* ------------------------------------------------------------------------------------------ */
/* News and the digest (service_news.c; issue 15). The lists and the digest own what they point */
/* to and are released with cs_news_list_free() and cs_digest_free().                           */

/* service.h */
typedef struct {
    const char *cluster; /* only items linked to this cluster key; NULL = any */
    const char
        *month; /* only items dated in this YYYY-MM (a YYYY-MM-DD or YYYY-MM date); NULL = any */
    const char *kind; /* only this kind; NULL = any */
    size_t limit;     /* at most this many; 0 = all */
} cs_news_filter;
/* The items that pass the filter, newest first (date descending, then key ascending). */
int cs_service_news(cs_news_list **out, cs_service *svc, const cs_news_filter *filter);

/* The five kinds of news item in the digest's order of sections: "event", "interview",
 * "bulletin", "publication", "announcement"; index 0 to 4, NULL beyond. */
const char *cs_news_kind_name(size_t i);
/* CS_EUSAGE unless MONTH is YYYY-MM with a month 01-12 ("month '2019-13': character 6: expected
 * a month from 01 to 12, found '13'"). */
int cs_service_check_month(const char *month);

/*
 * A digest issue as the front ends lay it out. recorded 1: issue NUMBER of the registry, its
 * items in its entries' order. recorded 0: the registry has no issue NUMBER, and the digest is
 * made of MONTH's items by date (oldest first, then key), with the publisher, titles and texts
 * of the latest issue numbered below NUMBER (or of the latest issue at all; texts_from says
 * which, 0: the registry has none and the front end uses its own defaults).
 */
typedef struct {
    long long number;
    const char *month; /* YYYY-MM */
    int recorded;
    long long texts_from;         /* the issue whose masthead stands in (recorded 0); 0 none */
    const cs_digest_issue *issue; /* issue NUMBER, or issue texts_from; NULL: none */
    const cs_news_list *items;    /* in the digest's order, sections aside */
    void *internal;
} cs_digest;

/*
 * Digest issue NUMBER (>= 1) of month MONTH (NULL: the issue's own). CS_EUSAGE for a bad month
 * or a number below 1, and when MONTH differs from the issue's month ("issue 12 is of 2019-12,
 * not of 2020-01"); CS_EDATA (bad data, as an unknown key is for the other commands) when the
 * registry has no issue NUMBER and no MONTH is given, or no issue NUMBER and no item dated in
 * MONTH.
 */
int cs_service_digest(cs_digest **out, cs_service *svc, long long number, const char *month);
void cs_digest_free(cs_digest *d);

#ifdef __cplusplus
}
#endif
#endif
