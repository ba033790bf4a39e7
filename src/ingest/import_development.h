/*
 * import_development.h: the import's checks of the cluster-development kinds (migration 0012:
 * programmes and their rounds, shares and applications, listings, value-chain stages, projects
 * with their members and stages, and links), and of a membership's value-chain stage. The
 * importer (importer.c) owns one cs_dev_checks per import and frees it with cs_dev_checks_free();
 * records are borrowed for the call, and what is kept for a later check is copied.
 */
#ifndef CS_INGEST_IMPORT_DEVELOPMENT_H
#define CS_INGEST_IMPORT_DEVELOPMENT_H

#include "registry/record.h"
#include "store/records.h"

typedef struct cs_dev_checks cs_dev_checks;

int cs_dev_checks_new(cs_dev_checks **out);
void cs_dev_checks_free(cs_dev_checks *d);

/*
 * Checks a record of a development kind whose values and one-column references are checked
 * (canonical values): what the schema's CHECK constraints refuse, the references of two columns
 * (a round), and what must hold of the records it names. CS_EDATA "FILE:LINE:COLUMN: expected
 * ..., found ..." or 0.
 */
int cs_dev_check(cs_dev_checks *d, cs_store_writer *w, const cs_record *rec);

/*
 * Checks a membership's value_chain_stage: where its cluster defines stages, one of them. When
 * the import brings chain_stages (`brings_stages`), a stage not among those stored is kept and
 * checked once the chain stages are written (cs_dev_end_stages).
 */
int cs_dev_check_membership(cs_dev_checks *d, cs_store_writer *w, const cs_record *rec,
                            int brings_stages);

/* Notes a chain stage the import wrote, for cs_dev_end_stages(). */
int cs_dev_note_stage(cs_dev_checks *d, const cs_record *rec);

/*
 * Once the chain stages are written: every membership kept by cs_dev_check_membership() names a
 * stage of its cluster where the cluster defines any, and no stored membership of a cluster this
 * import gave stages names a stage outside them.
 */
int cs_dev_end_stages(cs_dev_checks *d, cs_store_writer *w);

#endif
