/*
 * records.h: the store's interface for import and export: writing the records of an import
 * kind by kind inside one transaction, and reading every kind back in key order. Records are
 * registry records (registry/record.h): text values, checked by the caller before they are put.
 * No SQLite type crosses this interface, so another database (PostgreSQL: INSERT ... ON CONFLICT,
 * COPY for a bulk load) can implement it with the same semantics.
 *
 * Ownership: cs_store_writer_begin() hands the caller a writer that cs_store_writer_end()
 * commits or rolls back, and frees. A record put is borrowed for the call; the writer copies what
 * it keeps. cs_store_rows_open() hands the caller a cursor freed with cs_store_rows_close(); the
 * values it hands out live until the next call on it.
 */
#ifndef CS_STORE_RECORDS_H
#define CS_STORE_RECORDS_H

#include "clusterscope/fact.h"
#include "clusterscope/store.h"
#include "registry/record.h"

typedef struct cs_store_writer cs_store_writer;

typedef enum {
    CS_STORE_INSERTED = 0,
    CS_STORE_UPDATED = 1,
    CS_STORE_UNCHANGED = 2, /* stored exactly so already: nothing written */
    CS_STORE_DUPLICATE = 3  /* the key was put before in this session: nothing written */
} cs_store_outcome;

/* Two records of one kind with the same key, found only when the kind ended (a bulk load of
 * memberships sorts them first and finds duplicates as neighbours). */
typedef struct {
    const char *first_file, *again_file; /* the records' `file` */
    long first_line, again_line;         /* their positions (line, or record number) */
    char first_key[256];                 /* the first key column's value (the cluster) */
    char key[256];                       /* the second key column's value (the organisation) */
} cs_store_conflict;

/* Memberships come from at most this many files in one import, whatever the registry holds. */
#define CS_STORE_MEMBERSHIP_FILES_MAX 64

/*
 * Begins writing: a transaction of its own, or inside the caller's transaction when one is
 * open. A kind whose table is empty at the start is bulk-loaded: its records may be held and
 * written sorted at the end of the kind, or by a second thread; either way the session keeps
 * every guarantee of the ordinary path. While a writer is open, reach the store only through it.
 */
int cs_store_writer_begin(cs_store_writer **out, cs_store *store);

/*
 * Whether a record of `kind` with this key is in the registry or was put in this session:
 * 1 yes, 0 no, or a negative error code. A key of several columns is their values joined by
 * CS_RECORD_KEY_SEP.
 */
int cs_store_writer_has(cs_store_writer *w, cs_record_kind kind, const char *key);

/* Warms the caches for the keys a record will look up: call it for a batch of records, twice,
 * before putting them (their cache misses then overlap). */
void cs_store_writer_prefetch(cs_store_writer *w, const cs_record *rec);

/*
 * Writes a checked record whose references exist: inserts it, updates the record with the same
 * key, or leaves the registry as it is when that record is stored exactly so. A key put twice in
 * one session is not written again: *outcome is CS_STORE_DUPLICATE and *first the position the
 * key was first put at (0 when not known).
 */
int cs_store_writer_put(cs_store_outcome *outcome, long *first, cs_store_writer *w,
                        const cs_record *rec);

/*
 * Ends the records of one kind (finishes a bulk load). CS_EDATA with *conflict filled when two
 * records of the kind share a key; the caller reports it.
 */
int cs_store_writer_end_kind(cs_store_conflict *conflict, cs_store_writer *w, cs_record_kind kind);

/* The registry's fact definitions as stored when the session began (see cs_store_fact_definitions).
 */
int cs_store_writer_definitions(cs_fact_definitions **out, cs_store_writer *w);

/*
 * Calls fn(ctx, subject, year, value) for every fact of the definition (subject kind, name) as
 * the session leaves the registry (the facts it put included), in key order; year 0 = undated,
 * value "" = unknown. Stops at the first non-zero result of fn and returns it.
 */
int cs_store_writer_each_fact(cs_store_writer *w, const char *subject_kind, const char *name,
                              int (*fn)(void *ctx, const char *subject, int year,
                                        const char *value),
                              void *ctx);

/* The country of region `key` as the session has it: 1 with `country` set, 0 when there is no
 * such region, or a negative error code. */
int cs_store_writer_region_country(char country[3], cs_store_writer *w, const char *key);

/* A cluster of region `region` whose country is not `country`, as the session leaves them: 1
 * with its key in `cluster` and its country in `its_country`, 0 when there is none, or a
 * negative error code. */
int cs_store_writer_cluster_outside(char *cluster, size_t cap, char its_country[3],
                                    cs_store_writer *w, const char *region, const char *country);

/* The parent of a region (kind CS_KIND_REGIONS, scope NULL) or of an industry code of
 * classification `scope` (CS_KIND_INDUSTRIES), as the session has it: 1 with `parent` set ("" for
 * a record without one), 0 when there is no such record, or a negative error code. */
int cs_store_writer_parent(char *parent, size_t cap, cs_store_writer *w, cs_record_kind kind,
                           const char *scope, const char *key);

/* The region whose code is `code`, as the session has it: 1 with its key in `key`, 0 when none
 * has it, or a negative error code. */
int cs_store_writer_region_with_code(char *key, size_t cap, cs_store_writer *w, const char *code);

/* The kind ("industry" or "category") of classification `key`: 1 with `kind` set, 0 when there
 * is no such classification, or a negative error code. */
int cs_store_writer_classification_kind(char kind[16], cs_store_writer *w, const char *key);

/* The category that industry (classification, industry) maps to in `scheme`, as the session has
 * it: 1 with `category` set, 0 when it is not mapped there, or a negative error code. */
int cs_store_writer_concordance_category(char *category, size_t cap, cs_store_writer *w,
                                         const char *classification, const char *industry,
                                         const char *scheme);

/* The lookups of the development checks (migration 0012), each as the session has the registry
 * (records put in it included); args are the texts named, in order. */
typedef enum {
    CS_DEV_PROGRAMME_LEVELS, /* programme: its levels, "" for none (0: no such programme) */
    CS_DEV_CLUSTER_STAGES,   /* cluster: its stage keys by position, ", " between; "" for none */
    CS_DEV_STAGE_AT,         /* cluster, position, stage: another stage at that position */
    CS_DEV_PROJECT_CLUSTER,  /* project: its cluster */
    CS_DEV_MEMBER,           /* cluster, organisation: "1" when the organisation is a member */
    CS_DEV_OFF_CHAIN_MEMBER, /* cluster: a member whose value_chain_stage is none of the cluster's
                              * stages (organisation, then the stage in `second`) */
    CS_DEV_LOOKUPS
} cs_store_dev_lookup;

/* Runs one development lookup: 1 with its first value in `out` (and its second in `second`, when
 * not NULL), 0 when nothing is found, or a negative error code. */
int cs_store_writer_development(char *out, size_t cap, char *second, size_t second_cap,
                                cs_store_writer *w, cs_store_dev_lookup what,
                                const char *const *args);

/* The lookups of the news checks (migration 0013), as the session has the registry. */
typedef enum {
    CS_NEWS_ENTRY_ELSEWHERE, /* issue, item, position: another position of the item in the issue */
    CS_NEWS_ENTRY_AT,        /* issue, position: the item at that position */
    CS_NEWS_LOOKUPS
} cs_store_news_lookup;

/* Runs one news lookup: 1 with its value in `out`, 0 when nothing is found, or a negative error
 * code. */
int cs_store_writer_news(char *out, size_t cap, cs_store_writer *w, cs_store_news_lookup what,
                         const char *const *args);

/* Removes the stored entry at (issue, position) of a digest, whose item this import moves to
 * another position: the import must give that position an item of its own (the caller checks
 * when the kind ends), or the transaction is rolled back. */
int cs_store_writer_digest_release(cs_store_writer *w, const char *issue, const char *position);

/* Removes a reference set with its types, traits and assignments, for a document that replaces
 * it whole; cs_store_writer_insert() then writes the document's records. */
int cs_store_writer_clear_reference_set(cs_store_writer *w, const char *key);

/* Inserts a checked record of a replaced reference set: no upsert, and its key is not counted as
 * put in this session (a document may replace a set that records of the import also name). */
int cs_store_writer_insert(cs_store_writer *w, const cs_record *rec);

/* Commits (commit != 0) or rolls back, then frees. Returns the commit's result. */
int cs_store_writer_end(cs_store_writer *w, int commit);

/* A cursor over the records of one kind, in key order. */
typedef struct cs_store_rows cs_store_rows;

int cs_store_rows_open(cs_store_rows **out, cs_store *store, cs_record_kind kind);

/*
 * The next record: 1 with values[i] its column i (NULL when empty or unknown; numbers written as
 * text that reads back to the same value), 0 after the last, or a negative error code.
 */
int cs_store_rows_next(cs_store_rows *rows, const char **values);

void cs_store_rows_close(cs_store_rows *rows);

#endif
