/*
 * import_reference.h: the `clusterscope-reference-types` document (a study's published groups
 * as reference types for the typology, and its assignment of clusters to them), read by
 * `clusterscope import` beside registry documents, in the same transaction.
 *
 * Ownership: the parsed document belongs to the caller (import.c); these functions borrow it
 * for the duration of the call and keep nothing.
 */
#ifndef CS_INGEST_IMPORT_REFERENCE_H
#define CS_INGEST_IMPORT_REFERENCE_H

#include "store/records.h"

#include <jansson.h>
#include <stddef.h>

/* The format tag of the document. */
#define CS_REFERENCE_FORMAT "clusterscope-reference-types"

/*
 * Checks the document's structure before anything is written (TEXT/LEN is the file's text,
 * for positions in messages): CS_EDATA "FILE:LINE:COLUMN: expected ..., found ...".
 */
int cs_import_reference_check(const json_t *doc, const char *path, const char *text, size_t len);

/*
 * Writes the checked document through the import's writer as reference_sets, reference_types,
 * reference_traits and reference_assignments records, replacing a reference set with the same
 * key. Every source and cluster it names must be in the registry (this import's records
 * included).
 */
int cs_import_reference_write(cs_store_writer *w, const json_t *doc, const char *path,
                              const char *text, size_t len);

/*
 * The document's target models, success factors and cases (import_factors.c): checked by
 * cs_import_reference_check(), written by cs_import_reference_write() after the assignments,
 * with the same messages. A case naming a cluster the registry lacks is CS_EDATA at its
 * "cluster" member.
 */
int cs_import_factors_check(const json_t *doc, const char *path, const char *text, size_t len);
int cs_import_factors_write(cs_store_writer *w, const json_t *doc, const char *path,
                            const char *text, size_t len);

#endif
