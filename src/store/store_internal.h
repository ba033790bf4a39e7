/*
 * store_internal.h: what modules inside the library may see of a cs_store. The sqlite3 handle
 * belongs to the store; do not close it.
 */
#ifndef CS_STORE_INTERNAL_H
#define CS_STORE_INTERNAL_H

#include "clusterscope/store.h"

#include "util/buf.h"

#include <sqlite3.h>
#include <stdint.h>

sqlite3 *cs_store_db(cs_store *store);

/* Records an SQLite failure as CS_EDB with the database's message and `what` as context. */
int cs_store_fail(cs_store *store, const char *what);

/* Runs SQL with no result rows; CS_EDB on failure. */
int cs_store_exec(cs_store *store, const char *sql);

/* Transactions: begin takes the write lock at once, so a concurrent writer fails early. */
int cs_store_begin(cs_store *store);
int cs_store_commit(cs_store *store);
void cs_store_rollback(cs_store *store);

/*
 * Column `col` of the current row as an int: 0 with *out set (NULL reads as `if_null`), or
 * CS_EDATA when the registry holds a number no int holds, which the caller would read wrong
 * (`what` names the column in the message). Import keeps such numbers out; an older registry may
 * hold one.
 */
int cs_store_column_int(int *out, sqlite3_stmt *st, int col, int if_null, const char *what);

/* 0 when the registry has cluster `key`; CS_ENOTFOUND "no cluster with key ..." when not (so
 * that an empty list read about it never stands for a cluster that is not there); a database
 * failure names `what`. */
int cs_store_cluster_exists(cs_store *store, const char *key, const char *what);

/* Makes the search index again from the clusters, organisations and facts (inside the caller's
 * transaction): a new schema, or an index written before its rows had fixed row ids. */
int cs_store_search_rebuild(cs_store *store);

/*
 * What a write changed that the search index is made from. cs_store_search_update() rewrites
 * the index rows of exactly these records (delete + insert, in the caller's transaction), so its
 * cost follows the write, not the registry. The arrays belong to the writer that fills them;
 * cs_search_changes_free() releases them.
 */
typedef struct {
    int64_t *clusters, *organisations, *facts; /* row ids inserted or changed (repeats allowed) */
    size_t n_clusters, n_organisations, n_facts, cap_clusters, cap_organisations, cap_facts;
    int64_t new_from, new_to;  /* organisations [new_from, new_to) are new (a bulk load) */
    uint64_t *links;           /* cluster id << 32 | organisation id of each membership added */
    size_t n_links, cap_links; /* (an organisation's hit names its first cluster by key) */
    cs_buf definitions;        /* "subject_kind\0name\0" of each fact definition changed */
    cs_buf news;               /* "key\0" of each news item written, or whose Q&A or links were */
} cs_search_changes;

int cs_search_changes_add(int64_t **ids, size_t *n, size_t *cap, int64_t id);
int cs_search_changes_link(cs_search_changes *c, uint64_t link);
int cs_search_changes_any(const cs_search_changes *c);
void cs_search_changes_free(cs_search_changes *c);
int cs_store_search_update(cs_store *store, cs_search_changes *c);

/* Writes the built-in fact definitions into a new registry (inside the caller's transaction). */
int cs_store_write_builtin_definitions(cs_store *store);

#endif
