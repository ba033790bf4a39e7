/*
 * importer.h: writes validated records into the registry inside one transaction. The importer
 * owns its statements and key maps; cs_importer_end() commits or rolls back and frees it.
 */
#ifndef CS_INGEST_IMPORTER_H
#define CS_INGEST_IMPORTER_H

#include "clusterscope/ingest.h"
#include "registry/record.h"

typedef struct cs_importer cs_importer;

/* Starts an import. With own_transaction the importer begins (and later ends) a transaction;
 * without, the caller holds one. */
int cs_importer_begin(cs_importer **out, cs_store *store, cs_import_stats *stats,
                      int own_transaction);

/* Validates one record, checks its references and duplicates, and upserts it. */
int cs_importer_write(cs_importer *imp, const cs_record *rec);

/* Warms the cache for the keys a record will look up (see cs_keymap_prefetch): call it for a
 * batch of records, twice, before writing them. */
void cs_importer_prefetch(cs_importer *imp, const cs_record *rec);

/* Ends the records of one kind (rebuilds any index dropped for a bulk load). */
int cs_importer_end_kind(cs_importer *imp, cs_record_kind kind);

/* Commits (commit != 0) or rolls back, then frees. Returns the commit's result. */
int cs_importer_end(cs_importer *imp, int commit);

#endif
