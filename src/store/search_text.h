/*
 * search_text.h: the text of the search index and of a query, normalised alike: words (runs of
 * Latin or Cyrillic letters and digits) lower-cased (Unicode, Latin and Cyrillic), ё as е, each
 * stemmed by Snowball (Russian for a word with a Cyrillic letter, English for the others).
 *
 * Ownership: a cs_search_text is the caller's (stack or heap), set up with
 * cs_search_text_init() and released with cs_search_text_free(); it holds the two stemmers,
 * which are not thread-safe: one per thread. Output goes into the caller's cs_buf.
 */
#ifndef CS_STORE_SEARCH_TEXT_H
#define CS_STORE_SEARCH_TEXT_H

#include "util/buf.h"

#include <stddef.h>

typedef struct {
    struct sb_stemmer *russian, *english;
    char *word; /* scratch for one lower-cased word */
    size_t cap;
} cs_search_text;

int cs_search_text_init(cs_search_text *t);
void cs_search_text_free(cs_search_text *t);

/*
 * Appends the normalised words of TEXT (len bytes; NULL is empty) to OUT, each followed by one
 * space; *words (may be NULL) is incremented per word. Bytes that are not valid UTF-8 separate
 * words.
 */
int cs_search_text_normalise(cs_buf *out, size_t *words, cs_search_text *t, const char *text,
                             size_t len);

/*
 * Calls fn(ctx, start, len, term) for each word of TEXT in order: its byte range in TEXT and its
 * normalised form (NUL-terminated, valid during the call). Stops at fn's first non-zero result
 * and returns it (or an error code).
 */
int cs_search_text_words(cs_search_text *t, const char *text,
                         int (*fn)(void *ctx, size_t start, size_t len, const char *term),
                         void *ctx);

#endif
