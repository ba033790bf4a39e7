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

/* ------------------------------------------------------------------------------------------ */
/* What the two readers of the document share (import_reference.c)                            */

/* The document's file and text, for positions in messages. */
typedef struct {
    const char *path, *text;
    size_t len;
} cs_refdoc_where;

/* A value's type as messages name it, the string itself, or "none" for an absent member. */
const char *cs_refdoc_kind_name(const json_t *v);
/* CS_EDATA at top-level member TOP, its array element INDEX (-1: none), and MEMBER (NULL). */
int cs_refdoc_fail(const cs_refdoc_where *w, const char *top, long index, const char *member,
                   const char *expected, const char *found);
/* Whether MEMBER is one of NAMES (NULL-terminated). */
int cs_refdoc_member_allowed(const char *member, const char *const *names);

/* A record of the document, for cs_store_writer_insert(): values borrowed, numbers kept in
 * `numbers`. */
typedef struct {
    cs_record rec;
    char numbers[CS_RECORD_MAX_COLUMNS][48];
} cs_refdoc_record;

void cs_refdoc_record_init(cs_refdoc_record *d, cs_record_kind kind, const char *path,
                           size_t index);
/* Sets column `name` to a text (NULL leaves it empty; an empty text is kept as one). */
void cs_refdoc_set_text(cs_refdoc_record *d, const char *name, const char *v);
/* "1,2,3" from an array of whole numbers ("" for an empty one); NULL when out of memory. The
 * caller frees it. */
char *cs_refdoc_int_list(const json_t *array);

#endif
