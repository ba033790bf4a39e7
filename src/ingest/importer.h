/*
 * importer.h: checks the records of an import (values, references, duplicates, facts against
 * their definitions) and hands them to the store's writer, inside one transaction. The importer
 * owns its writer and key maps; cs_importer_end() commits or rolls back and frees it.
 */
#ifndef CS_INGEST_IMPORTER_H
#define CS_INGEST_IMPORTER_H

#include "clusterscope/ingest.h"
#include "registry/record.h"
#include "store/records.h"

typedef struct cs_importer cs_importer;

/* Starts an import: a transaction of its own, or inside the caller's open one. */
int cs_importer_begin(cs_importer **out, cs_store *store, cs_import_stats *stats);

/* Tells FN (may be NULL) every record that passes its checks, before it is written
 * (cs_import_options.record). */
void cs_importer_observe(cs_importer *imp,
                         int (*fn)(void *, const char *, const char *const *, const char *const *,
                                   size_t, const char *, long),
                         void *ctx);

/* Tells the importer that the import's inputs hold records of `kind`, before any is written:
 * a check that depends on a later kind (a membership's stage on the chain stages) then waits
 * for it. */
void cs_importer_expect(cs_importer *imp, cs_record_kind kind);

/* Checks one record, its references and duplicates, and writes it. */
int cs_importer_write(cs_importer *imp, const cs_record *rec);

/* Warms the cache for the keys a record will look up: call it for a batch of records, twice,
 * before writing them. */
void cs_importer_prefetch(cs_importer *imp, const cs_record *rec);

/* Ends the records of one kind. */
int cs_importer_end_kind(cs_importer *imp, cs_record_kind kind);

/* The store's writer the importer writes through (for documents that write records of their
 * own, such as reference types). */
cs_store_writer *cs_importer_writer(cs_importer *imp);

/* Commits (commit != 0) or rolls back, then frees. Returns the commit's result. */
int cs_importer_end(cs_importer *imp, int commit);

#endif
