/*
 * store_search.c: the search index (migration 0006) and the search over it. The index is made
 * from the registry's tables whole: at the registry's size (hundreds of clusters, thousands of
 * facts) a rebuild costs milliseconds (docs/formats.md gives the figure on the bundled data),
 * and a whole rebuild cannot drift from the tables the way piecemeal updates could.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "registry/list.h"
#include "store/search_text.h"
#include "store/store_internal.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *text(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

typedef struct {
    cs_store *store;
    sqlite3_stmt *insert;
    cs_search_text words;
    cs_buf head, body, shown;
} indexer;

/* One row of the index: HEAD and BODY parts (n each, "" skipped) normalised, and the parts as
 * written joined by " · " for snippets. */
static int index_row(indexer *ix, const char *const *head, size_t n_head, const char *const *body,
                     size_t n_body, const char *const meta[7], int year)
{
    cs_buf_reset(&ix->head);
    cs_buf_reset(&ix->body);
    cs_buf_reset(&ix->shown);
    int rc = cs_buf_puts(&ix->head, "");
    rc = rc ? rc : cs_buf_puts(&ix->body, "");
    rc = rc ? rc : cs_buf_puts(&ix->shown, "");
    for (size_t i = 0; !rc && i < n_head + n_body; i++) {
        const char *part = i < n_head ? head[i] : body[i - n_head];
        if (!part || !*part)
            continue;
        rc = cs_search_text_normalise(i < n_head ? &ix->head : &ix->body, NULL, &ix->words, part,
                                      strlen(part));
        if (!rc && ix->shown.len)
            rc = cs_buf_puts(&ix->shown, " · ");
        rc = rc ? rc : cs_buf_puts(&ix->shown, part);
    }
    if (rc)
        return rc;
    sqlite3_stmt *st = ix->insert;
    sqlite3_bind_text(st, 1, cs_buf_str(&ix->head), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, cs_buf_str(&ix->body), -1, SQLITE_STATIC);
    for (int i = 0; i < 7; i++)
        sqlite3_bind_text(st, 3 + i, meta[i] ? meta[i] : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, cs_buf_str(&ix->shown), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 11, year);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return step == SQLITE_DONE ? 0 : cs_store_fail(ix->store, "writing the search index");
}

/* Runs SQL and indexes each row with row(ix, st). */
static int index_rows(indexer *ix, const char *sql, int (*row)(indexer *ix, sqlite3_stmt *st))
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(ix->store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(ix->store, "reading the registry for the search index");
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = row(ix, st);
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(ix->store, "reading the registry for the search index");
    sqlite3_finalize(st);
    return rc;
}

static int cluster_row(indexer *ix, sqlite3_stmt *st)
{
    const char *head[] = { text(st, 0), text(st, 1), text(st, 2) };
    const char *body[] = { text(st, 3), text(st, 4), text(st, 5), text(st, 6) };
    const char *meta[7] = { "cluster", text(st, 0), "", text(st, 1), text(st, 2), text(st, 0), "" };
    return index_row(ix, head, 3, body, 4, meta, 0);
}

static int organisation_row(indexer *ix, sqlite3_stmt *st)
{
    const char *head[] = { text(st, 1) };
    const char *meta[7] = { "organisation", text(st, 0), "", text(st, 1), "", text(st, 2), "" };
    return index_row(ix, head, 1, NULL, 0, meta, 0);
}

static int fact_row(indexer *ix, sqlite3_stmt *st)
{
    /* subject, fact name, labels; value as written, quote */
    const char *head[] = { text(st, 1), text(st, 2), text(st, 6), text(st, 7) };
    const char *body[] = { text(st, 4), text(st, 5) };
    const char *label = *text(st, 6) ? text(st, 6) : text(st, 2);
    const char *cluster = strcmp(text(st, 0), "cluster") == 0 ? text(st, 1) : "";
    const char *meta[7] = { "fact",      text(st, 1), text(st, 0), label,
                            text(st, 7), cluster,     text(st, 2) };
    return index_row(ix, head, 4, body, 2, meta, sqlite3_column_int(st, 3));
}

int cs_store_search_rebuild(cs_store *store)
{
    indexer ix = { .store = store, .head = CS_BUF_INIT, .body = CS_BUF_INIT, .shown = CS_BUF_INIT };
    int rc = cs_search_text_init(&ix.words);
    if (rc)
        return rc;
    rc = cs_store_exec(store, "DELETE FROM search_index");
    if (!rc && sqlite3_prepare_v2(cs_store_db(store),
                                  "INSERT INTO search_index (head, body, kind, key, subject_kind, "
                                  "title, title_ru, cluster, fact, text, year) VALUES (?1, ?2, ?3, "
                                  "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                  -1, &ix.insert, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "writing the search index");
    /* in key order, so that hits of equal rank come in the same order every time */
    rc = rc ? rc
            : index_rows(&ix,
                         "SELECT key, name_en, name_ru, city, specialisation, "
                         "cluster_organisation, note FROM cluster ORDER BY key",
                         cluster_row);
    rc = rc ? rc
            : index_rows(&ix,
                         /* memberships have no index by organisation: one grouped pass
                          * over them, not a scan per organisation */
                         "SELECT o.key, o.name, f.cluster FROM organisation o LEFT JOIN "
                         "(SELECT m.organisation_id AS id, min(c.key) AS cluster FROM "
                         "membership m JOIN cluster c ON c.id = m.cluster_id GROUP BY "
                         "m.organisation_id) f ON f.id = o.id ORDER BY o.key",
                         organisation_row);
    rc = rc ? rc
            : index_rows(&ix,
                         "SELECT f.subject_kind, f.subject, f.name, f.year, f.value, f.quote, "
                         "d.label_en, d.label_ru FROM fact f LEFT JOIN fact_definition d ON "
                         "d.subject_kind = f.subject_kind AND d.name = f.name "
                         "ORDER BY f.subject_kind, f.subject, f.name, f.year",
                         fact_row);
    sqlite3_finalize(ix.insert);
    cs_search_text_free(&ix.words);
    cs_buf_free(&ix.head);
    cs_buf_free(&ix.body);
    cs_buf_free(&ix.shown);
    if (rc)
        cs_error_wrap("rebuilding the search index");
    return rc;
}

/* ---- searching ---- */

#define QUERY_MAX_BYTES 1000
#define QUERY_MAX_TERMS 32
#define LIMIT_MAX       1000

typedef struct {
    char *terms[QUERY_MAX_TERMS];
    size_t n;
    int too_many;
} query_terms;

static int collect_term(void *ctx, size_t start, size_t len, const char *term)
{
    (void)start;
    (void)len;
    query_terms *q = ctx;
    for (size_t i = 0; i < q->n; i++)
        if (strcmp(q->terms[i], term) == 0)
            return 0;
    if (q->n == QUERY_MAX_TERMS) {
        q->too_many = 1;
        return 0;
    }
    if (!(q->terms[q->n] = strdup(term)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    q->n++;
    return 0;
}

typedef struct {
    const query_terms *q;
    size_t *starts, *ends; /* every word's range */
    size_t n, cap;
    size_t first; /* index of the first matching word, or SIZE_MAX */
} snippet_ctx;

static int snippet_word(void *ctx, size_t start, size_t len, const char *term)
{
    snippet_ctx *s = ctx;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        size_t *a = realloc(s->starts, cap * sizeof *a);
        if (a)
            s->starts = a;
        size_t *b = a ? realloc(s->ends, cap * sizeof *b) : NULL;
        if (!b)
            return cs_error_set(CS_ENOMEM, "out of memory");
        s->ends = b;
        s->cap = cap;
    }
    if (s->first == (size_t)-1)
        for (size_t i = 0; i < s->q->n; i++)
            if (strcmp(s->q->terms[i], term) == 0)
                s->first = s->n;
    s->starts[s->n] = start;
    s->ends[s->n] = start + len;
    s->n++;
    return 0;
}

/* The words of SHOWN around the first that matches a term: up to 6 before and 14 after, cut at
 * word boundaries, "…" where text was left out. */
static int make_snippet(cs_buf *out, cs_search_text *t, const query_terms *q, const char *shown)
{
    snippet_ctx s = { q, NULL, NULL, 0, 0, (size_t)-1 };
    cs_buf_reset(out);
    int rc = cs_search_text_words(t, shown, snippet_word, &s);
    if (!rc) {
        size_t len = strlen(shown);
        size_t hit = s.first == (size_t)-1 ? 0 : s.first;
        size_t from = hit > 6 ? hit - 6 : 0, to = hit + 14 < s.n ? hit + 14 : s.n;
        size_t a = s.n && from > 0 ? s.starts[from] : 0;
        size_t b = s.n && to < s.n ? s.ends[to - 1] : len;
        rc = cs_buf_puts(out, a > 0 ? "…" : "");
        rc = rc ? rc : cs_buf_append(out, shown + a, b - a);
        rc = rc ? rc : cs_buf_puts(out, b < len ? "…" : "");
    }
    free(s.starts);
    free(s.ends);
    return rc;
}

int cs_store_search(cs_search_hits **out, cs_store *store, const char *query, size_t limit,
                    size_t offset)
{
    *out = NULL;
    if (!query)
        query = "";
    if (strlen(query) > QUERY_MAX_BYTES)
        return cs_error_set(CS_EUSAGE, "the search query is %zu bytes long; at most %d are read",
                            strlen(query), QUERY_MAX_BYTES);
    if (limit > LIMIT_MAX)
        return cs_error_set(CS_EUSAGE, "a search returns at most %d hits at a time, not %zu",
                            LIMIT_MAX, limit);
    if (offset > (size_t)1 << 40)
        return cs_error_set(CS_EUSAGE, "search offset %zu is out of range", offset);
    cs_search_text t;
    query_terms q = { { NULL }, 0, 0 };
    cs_search_hits *hits = NULL;
    cs_buf match = CS_BUF_INIT, snippet = CS_BUF_INIT;
    sqlite3_stmt *st = NULL;
    int rc = cs_search_text_init(&t);
    if (rc)
        return rc;
    rc = cs_search_hits_new(&hits);
    rc = rc ? rc : cs_search_text_words(&t, query, collect_term, &q);
    if (!rc && q.too_many)
        rc = cs_error_set(CS_EUSAGE, "the search query has more than %d different words",
                          QUERY_MAX_TERMS);
    /* each term quoted: the user's words are never FTS5 syntax (terms hold only letters and
     * digits, so no quote can occur inside) */
    rc = rc ? rc : cs_buf_puts(&match, "");
    for (size_t i = 0; !rc && i < q.n; i++)
        rc = cs_buf_printf(&match, "%s\"%s\"", i ? " AND " : "", q.terms[i]);
    sqlite3 *db = cs_store_db(store);
    if (!rc && q.n) {
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
                               -1, &st, NULL) != SQLITE_OK)
            rc = cs_store_fail(store, "searching");
        if (!rc) {
            sqlite3_bind_text(st, 1, cs_buf_str(&match), -1, SQLITE_STATIC);
            if (sqlite3_step(st) == SQLITE_ROW)
                cs_search_hits_set_total(hits, (size_t)sqlite3_column_int64(st, 0));
            else
                rc = cs_store_fail(store, "searching");
        }
        sqlite3_finalize(st);
        st = NULL;
    }
    if (!rc && q.n && limit) {
        if (sqlite3_prepare_v2(db,
                               "SELECT kind, key, title, text, title_ru, subject_kind, cluster, "
                               "fact, year FROM search_index WHERE search_index MATCH ?1 "
                               "ORDER BY bm25(search_index, 4.0, 1.0), rowid LIMIT ?2 OFFSET ?3",
                               -1, &st, NULL) != SQLITE_OK)
            rc = cs_store_fail(store, "searching");
        if (!rc) {
            sqlite3_bind_text(st, 1, cs_buf_str(&match), -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
            sqlite3_bind_int64(st, 3, (sqlite3_int64)offset);
        }
        int step = SQLITE_DONE;
        while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
            rc = make_snippet(&snippet, &t, &q, text(st, 3));
            cs_search_hit h = { text(st, 0),          text(st, 1), text(st, 2),
                                cs_buf_str(&snippet), text(st, 4), text(st, 5),
                                text(st, 6),          text(st, 7), sqlite3_column_int(st, 8) };
            rc = rc ? rc : cs_search_hits_add(hits, &h);
        }
        if (!rc && step != SQLITE_DONE)
            rc = cs_store_fail(store, "searching");
        sqlite3_finalize(st);
    }
    for (size_t i = 0; i < q.n; i++)
        free(q.terms[i]);
    cs_search_text_free(&t);
    cs_buf_free(&match);
    cs_buf_free(&snippet);
    if (rc) {
        cs_search_hits_free(hits);
        return rc;
    }
    *out = hits;
    return 0;
}
