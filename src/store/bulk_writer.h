/*
 * bulk_writer.h: a thread that executes one INSERT statement for rows handed to it in batches,
 * then optionally one more SQL text (e.g. CREATE INDEX), while the caller goes on parsing and
 * validating. While a writer runs, it alone uses the database connection: the caller must not
 * touch the connection until cs_bulk_writer_join() has returned. The writer copies every value
 * pushed; cs_bulk_writer_join() frees it and returns its result.
 */
#ifndef CS_STORE_BULK_WRITER_H
#define CS_STORE_BULK_WRITER_H

#include "clusterscope/store.h"

#include <sqlite3.h>
#include <stdint.h>

typedef struct cs_bulk_writer cs_bulk_writer;

/* `st` binds ?1 to the row's integer id and ?2.. to its n_values values: text, or a double read
 * from the text for value v when bit v of real_mask is set (checked, canonical numbers: bound
 * as the exact double, not left to SQLite's conversion of text). */
int cs_bulk_writer_start(cs_bulk_writer **out, cs_store *store, sqlite3_stmt *st, int n_values,
                         unsigned real_mask);

/* Gives the writer a statement of MANY rows (the parameters of row k from k * (n_values + 1) +
 * 1, as `st` has them from 1), used for every full run of MANY rows; call it before the first
 * push. MANY divides the batch (2048 rows); the caller keeps and finalizes the statement. */
void cs_bulk_writer_many(cs_bulk_writer *w, sqlite3_stmt *st_many, int many);

/* Queues one row (values[i] NULL = SQL NULL). Fails with the writer's error once it has one. */
int cs_bulk_writer_push(cs_bulk_writer *w, int64_t id, const char *const *values);

/* Queues SQL to run after the last row, and returns without waiting. */
int cs_bulk_writer_finish(cs_bulk_writer *w, const char *sql_after);

/* Waits for the thread (abandoning queued work when abandon != 0; else every row pushed is
 * written, the last partial batch included), frees the writer and returns
 * its result; the error message, if any, is carried over to the calling thread. */
int cs_bulk_writer_join(cs_bulk_writer *w, int abandon);

/* Rows written so far (valid after join). */
long long cs_bulk_writer_rows(const cs_bulk_writer *w);

#endif
