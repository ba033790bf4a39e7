/*
 * store_internal.h: what modules inside the library may see of a cs_store. The sqlite3 handle
 * belongs to the store; do not close it.
 */
#ifndef CS_STORE_INTERNAL_H
#define CS_STORE_INTERNAL_H

#include "clusterscope/store.h"

#include <sqlite3.h>

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
 * transaction): every write path that changes them calls it before it commits. */
int cs_store_search_rebuild(cs_store *store);

/* Writes the built-in fact definitions into a new registry (inside the caller's transaction). */
int cs_store_write_builtin_definitions(cs_store *store);

#endif
