/*
 * digest_impl.h: what the digest's writers share (digest.c, digest_pdf.c, digest_atom.c): text
 * escaped for HTML and XML, the small Markdown of the registry's texts, and an item's words in
 * the digest's language. Everything is appended to the caller's buffer; nothing else is kept.
 */
#ifndef CS_REPORT_DIGEST_IMPL_H
#define CS_REPORT_DIGEST_IMPL_H

#include "clusterscope/report.h"
#include "util/buf.h"

#include <stddef.h>

/* Appends S[0, N) escaped for HTML and XML (& < > " ' as entities, control bytes other than tab
 * and newline as spaces). 0 or CS_ENOMEM. */
int cs_digest_put_esc(cs_buf *b, const char *s, size_t n);
/* The same for a whole string (NULL is ""). */
int cs_digest_put(cs_buf *b, const char *s);

/*
 * Appends TEXT as HTML blocks: paragraphs separated by a blank line (a line break inside one is
 * kept as <br>), "### " (or "## ") starting a subheading (<h4>); inline **bold**, *italic*,
 * [text](link) and <http://...> links (links other than http, https, mailto and #anchors are
 * written as plain text); a backslash escapes the next character. 0 or CS_ENOMEM.
 */
int cs_digest_markdown(cs_buf *b, const char *text);

/* An item's title, lead, body and box in LANG: *own 1 when they are the item's own words in
 * another language than LANG (the writer marks them); the translation when the registry has
 * one (title_en or title_ru; summary_en or summary_ru standing for lead, body and box). */
typedef struct {
    const char *title, *lead, *body, *box;
    int title_foreign, text_foreign; /* the words are in the item's language, not LANG */
    const char *summary;             /* the summary that stands for the text, or NULL */
} cs_digest_words;
void cs_digest_item_words(cs_digest_words *w, const cs_news_item *it, cs_lang lang);

/* "декабрь 2019 г." / "December 2019" for MONTH (YYYY-MM) into B. */
int cs_digest_put_month(cs_buf *b, const char *month, cs_lang lang);

#endif
