/*
 * store_search_marks.c: where a query's words stand in a text (a hit's snippet), found by the
 * normalisation the index uses (search_text.h), so that a front end marks exactly the words
 * the search matched: «янтарного» for the query «янтарный».
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/search_text.h"

#include <stdlib.h>
#include <string.h>

#define MARK_TERMS 32

typedef struct {
    char *terms[MARK_TERMS];
    size_t n_terms;
    size_t *ranges;
    size_t n, cap;
} marks;

static int query_word(void *ctx, size_t start, size_t len, const char *term)
{
    (void)start;
    (void)len;
    marks *m = ctx;
    if (m->n_terms == MARK_TERMS)
        return 0; /* a longer query is refused by the search itself */
    for (size_t i = 0; i < m->n_terms; i++)
        if (strcmp(m->terms[i], term) == 0)
            return 0;
    if (!(m->terms[m->n_terms] = strdup(term)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    m->n_terms++;
    return 0;
}

static int text_word(void *ctx, size_t start, size_t len, const char *term)
{
    marks *m = ctx;
    size_t i = 0;
    while (i < m->n_terms && strcmp(m->terms[i], term) != 0)
        i++;
    if (i == m->n_terms)
        return 0;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 8;
        size_t *r = realloc(m->ranges, 2 * cap * sizeof *r);
        if (!r)
            return cs_error_set(CS_ENOMEM, "out of memory");
        m->ranges = r;
        m->cap = cap;
    }
    m->ranges[2 * m->n] = start;
    m->ranges[2 * m->n + 1] = start + len;
    m->n++;
    return 0;
}

int cs_store_search_marks(size_t **out, size_t *n, const char *query, const char *text)
{
    *out = NULL;
    *n = 0;
    cs_search_text t;
    int rc = cs_search_text_init(&t);
    if (rc)
        return rc;
    marks m = { .n_terms = 0 };
    rc = cs_search_text_words(&t, query ? query : "", query_word, &m);
    rc = rc ? rc : cs_search_text_words(&t, text ? text : "", text_word, &m);
    for (size_t i = 0; i < m.n_terms; i++)
        free(m.terms[i]);
    cs_search_text_free(&t);
    if (rc) {
        free(m.ranges);
        return rc;
    }
    *out = m.ranges;
    *n = m.n;
    return 0;
}
