/*
 * import_news.h: the import's checks of the news kinds (migration 0013: news items, their Q&A and
 * links, digest issues with their texts and entries). The importer (importer.c) owns one
 * cs_news_checks per import and frees it with cs_news_checks_free(); records are borrowed for the
 * call, and what is kept for a later check is copied.
 */
#ifndef CS_INGEST_IMPORT_NEWS_H
#define CS_INGEST_IMPORT_NEWS_H

#include "registry/record.h"
#include "store/records.h"

typedef struct cs_news_checks cs_news_checks;

int cs_news_checks_new(cs_news_checks **out);
void cs_news_checks_free(cs_news_checks *n);

/*
 * Checks a record of a news kind whose values and one-column references are checked (canonical
 * values): a link's target exists as a record of its target_kind; an item stands at most once in
 * a digest issue. CS_EDATA "FILE:LINE:COLUMN: expected ..., found ..." or 0.
 */
int cs_news_check(cs_news_checks *n, cs_store_writer *w, const cs_record *rec);

/*
 * Once the digest entries are written: every stored entry whose item this import moved to
 * another position of its issue has had its own position given another item by this import.
 */
int cs_news_end_entries(cs_news_checks *n, cs_store_writer *w);

#endif
