/*
 * news_doc.h: news items read from a Markdown file with a front-matter header (news_markdown.c)
 * or from a saved RSS 2.0 or Atom 1.0 feed (news_feed.c), as records of the kinds news, news_qa
 * and news_links with where each value stands, written through the import's own checks
 * (cs_news_doc_write). The document owns every string it holds; cs_news_doc_free() frees it.
 */
#ifndef CS_INGEST_NEWS_DOC_H
#define CS_INGEST_NEWS_DOC_H

#include "ingest/importer.h"
#include "util/buf.h"

#include <stddef.h>

typedef struct cs_news_doc cs_news_doc;

/* What the caller gives the items a file does not: the source key every item names (a feed
 * names none; a Markdown header may) and the kind of news (a feed's items are all of one kind;
 * "event" when NULL). NULL members: none. */
typedef struct {
    const char *source;
    const char *kind;
} cs_news_defaults;

/* The news kinds, as the news record's column `kind` takes them. */
#define CS_NEWS_KINDS "event|interview|bulletin|publication|announcement"

/*
 * Reads one Markdown news item (docs/formats.md, "News in Markdown"): the header between two
 * "---" lines, then the body. TEXT is LEN bytes (NUL-terminated); PATH names it in messages.
 * CS_EDATA "PATH:LINE:COL: expected ..., found ..." for a header it cannot read.
 */
int cs_news_markdown_read(cs_news_doc **out, const char *path, const char *text, size_t len,
                          const cs_news_defaults *defaults);

/* Reads a saved RSS 2.0 or Atom 1.0 feed: one news item per <item> or <entry>. No network
 * access, no external entities, no DTD loaded; a feed that declares entities is refused. */
int cs_news_feed_read(cs_news_doc **out, const char *path, const char *text, size_t len,
                      const cs_news_defaults *defaults);

/* Whether PATH is read as Markdown news (.md) or as a feed (.xml, .rss, .atom): 1 Markdown,
 * 2 feed, 0 neither. */
int cs_news_file_type(const char *path);

/* How many records of KIND ("news", "news_qa", "news_links") the document holds, and the value
 * of column NAME of the i-th of them (NULL when not given): for tests and fuzz targets. */
size_t cs_news_doc_count(const cs_news_doc *doc, const char *kind);
const char *cs_news_doc_value(const cs_news_doc *doc, const char *kind, size_t i, const char *name);

/* Whether the document holds records of the kind of SPEC. */
int cs_news_doc_has(const cs_news_doc *doc, const cs_kind_spec *spec);

/* Writes the document's records of the kind of SPEC through the importer, in their order. */
int cs_news_doc_write(cs_importer *imp, const cs_news_doc *doc, const cs_kind_spec *spec,
                      const char *path);

void cs_news_doc_free(cs_news_doc *doc);

/* ---- for the two readers (news_doc.c) ---- */

/* Starts a record of KIND (a static string) at LINE; NULL when out of memory. */
struct cs_news_rec *cs_news_doc_add(cs_news_doc *doc, const char *kind, long line);
/* Sets column NAME (a static string) of the record to LEN bytes of VALUE, standing at LINE:COL
 * (replacing a value set before). */
int cs_news_rec_set(struct cs_news_rec *rec, const char *name, const char *value, size_t len,
                    long line, long col);
int cs_news_doc_new(cs_news_doc **out);
/* The value set for NAME, or NULL. */
const char *cs_news_rec_get(const struct cs_news_rec *rec, const char *name);

/* Appends the plain text of HTML (tags dropped, block ends as paragraph breaks, entities
 * decoded, spaces collapsed) to OUT. */
int cs_news_html_text(cs_buf *out, const char *html, size_t len);

#endif
