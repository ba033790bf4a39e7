/*
 * store_search.c: the search index (migration 0006) and the search over it. Each record has one
 * index row under a row id fixed by its kind and its own row id (ROWID_*), so a write replaces
 * exactly the rows of the records it touched (cs_store_search_update: delete + insert, in the
 * write's transaction) and its cost follows the write, not the registry. The whole rebuild
 * makes a new schema's index, and once an index written before the row ids were fixed.
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

/* An index row's id: the kind in bits 40 and up, the record's row id below. Row ids of the
 * registry's tables stay far below 2^40 (memberships already hold organisation ids in 32 bits). */
#define ROWID_CLUSTER      ((int64_t)1 << 40)
#define ROWID_ORGANISATION ((int64_t)2 << 40)
#define ROWID_FACT         ((int64_t)3 << 40)
/* News items have no row id (news_item is keyed by its text key): an item's row sits in the
 * first free of NEWS_SLOTS ids from a hash of its key, and is found again by its key there. */
#define ROWID_NEWS ((int64_t)4 << 40)
#define NEWS_SLOTS 64

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
                     size_t n_body, const char *const meta[7], int year, int64_t rowid)
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
    /* text the same as the title (an organisation's name) is stored once: it is read back as
     * the title (cs_store_search) */
    const char *shown = cs_buf_str(&ix->shown);
    sqlite3_bind_text(st, 10, meta[3] && strcmp(shown, meta[3]) == 0 ? "" : shown, -1,
                      SQLITE_STATIC);
    sqlite3_bind_int(st, 11, year);
    sqlite3_bind_int64(st, 12, rowid);
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
    return index_row(ix, head, 3, body, 4, meta, 0, ROWID_CLUSTER + sqlite3_column_int64(st, 7));
}

static int organisation_row(indexer *ix, sqlite3_stmt *st)
{
    const char *head[] = { text(st, 1) };
    const char *meta[7] = { "organisation", text(st, 0), "", text(st, 1), "", text(st, 2), "" };
    return index_row(ix, head, 1, NULL, 0, meta, 0,
                     ROWID_ORGANISATION + sqlite3_column_int64(st, 3));
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
    return index_row(ix, head, 4, body, 2, meta, sqlite3_column_int(st, 3),
                     ROWID_FACT + sqlite3_column_int64(st, 8));
}

/* The columns each row function reads, in its order; the id last. */
#define CLUSTER_COLUMNS                                                                            \
    "SELECT key, name_en, name_ru, city, specialisation, cluster_organisation, note, id FROM "     \
    "cluster"
#define FACT_COLUMNS                                                                               \
    "SELECT f.subject_kind, f.subject, f.name, f.year, f.value, f.quote, d.label_en, "             \
    "d.label_ru, f.id FROM fact f LEFT JOIN fact_definition d ON d.subject_kind = "                \
    "f.subject_kind AND d.name = f.name"

static int indexer_start(indexer *ix, cs_store *store)
{
    *ix =
        (indexer){ .store = store, .head = CS_BUF_INIT, .body = CS_BUF_INIT, .shown = CS_BUF_INIT };
    int rc = cs_search_text_init(&ix->words);
    if (!rc && sqlite3_prepare_v2(cs_store_db(store),
                                  "INSERT INTO search_index (head, body, kind, key, subject_kind, "
                                  "title, title_ru, cluster, fact, text, year, rowid) VALUES (?1, "
                                  "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                  -1, &ix->insert, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "writing the search index");
    return rc;
}

static void indexer_end(indexer *ix)
{
    sqlite3_finalize(ix->insert);
    cs_search_text_free(&ix->words);
    cs_buf_free(&ix->head);
    cs_buf_free(&ix->body);
    cs_buf_free(&ix->shown);
}

/* ---- news items (migration 0013) ---- */

/* The first of an item's NEWS_SLOTS row ids: FNV-1a of its key, within the kind's range. */
static int64_t news_base(const char *key)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return ROWID_NEWS + (int64_t)(h % (((uint64_t)1 << 40) - NEWS_SLOTS));
}

/* Statements of the news rows, prepared once per update or rebuild. */
typedef struct {
    sqlite3_stmt *item, *qa, *del, *taken;
    cs_buf qa_text;
} news_statements;

#define NEWS_COLUMNS                                                                               \
    "SELECT key, title, title_en, title_ru, lead, summary_en, summary_ru, body, box, outlet, "     \
    "date, (SELECT min(target_key) FROM news_link l WHERE l.item = n.key AND l.target_kind = "     \
    "'cluster') FROM news_item n WHERE key = ?1"

static int news_prepare(news_statements *ns, cs_store *store)
{
    sqlite3 *db = cs_store_db(store);
    *ns = (news_statements){ .qa_text = CS_BUF_INIT };
    if (sqlite3_prepare_v2(db, NEWS_COLUMNS, -1, &ns->item, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT question, answer FROM news_qa WHERE item = ?1 ORDER BY "
                           "position",
                           -1, &ns->qa, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "DELETE FROM search_index WHERE rowid >= ?1 AND rowid < ?1 + "
                           "64 AND kind = 'news' AND key = ?2",
                           -1, &ns->del, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT rowid FROM search_index WHERE rowid >= ?1 AND rowid < ?1 + "
                           "64 ORDER BY rowid",
                           -1, &ns->taken, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading news for the search index");
    return 0;
}

static void news_finish(news_statements *ns)
{
    sqlite3_finalize(ns->item);
    sqlite3_finalize(ns->qa);
    sqlite3_finalize(ns->del);
    sqlite3_finalize(ns->taken);
    cs_buf_free(&ns->qa_text);
}

/* The item's questions and answers, in order, as one text ("" when none). */
static int news_qa_text(indexer *ix, news_statements *ns, const char *key)
{
    cs_buf_reset(&ns->qa_text);
    int rc = cs_buf_puts(&ns->qa_text, ""), step;
    sqlite3_bind_text(ns->qa, 1, key, -1, SQLITE_TRANSIENT);
    while (!rc && (step = sqlite3_step(ns->qa)) == SQLITE_ROW)
        rc = cs_buf_printf(&ns->qa_text, "%s%s %s", ns->qa_text.len ? " " : "", text(ns->qa, 0),
                           text(ns->qa, 1));
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(ix->store, "reading news for the search index");
    sqlite3_reset(ns->qa);
    return rc;
}

/* The first free row id of the item's slots (0 when all are taken). */
static int news_free_slot(indexer *ix, news_statements *ns, int64_t base, int64_t *rowid)
{
    sqlite3_bind_int64(ns->taken, 1, base);
    int64_t next = base;
    int step;
    while ((step = sqlite3_step(ns->taken)) == SQLITE_ROW &&
           sqlite3_column_int64(ns->taken, 0) == next)
        next++;
    sqlite3_reset(ns->taken);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return cs_store_fail(ix->store, "reading the search index");
    *rowid = next < base + NEWS_SLOTS ? next : 0;
    return 0;
}

/* Replaces the row of news item KEY: deleted, then indexed again when the item is stored.
 * Head: the title and its translations; body: lead, summaries, body, box, Q&A and outlet. */
static int news_replace(indexer *ix, news_statements *ns, const char *key)
{
    int64_t base = news_base(key), rowid = 0;
    sqlite3_bind_int64(ns->del, 1, base);
    sqlite3_bind_text(ns->del, 2, key, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(ns->del);
    sqlite3_reset(ns->del);
    if (step != SQLITE_DONE)
        return cs_store_fail(ix->store, "updating the search index");
    sqlite3_bind_text(ns->item, 1, key, -1, SQLITE_TRANSIENT);
    step = sqlite3_step(ns->item);
    int rc = 0;
    if (step == SQLITE_ROW) {
        sqlite3_stmt *st = ns->item;
        rc = news_qa_text(ix, ns, key);
        rc = rc ? rc : news_free_slot(ix, ns, base, &rowid);
        if (!rc && !rowid)
            rc = cs_error_set(CS_ERROR, "no free search index row for news item %s", key);
        const char *head[] = { text(st, 1), text(st, 2), text(st, 3) };
        const char *body[] = { text(st, 4), text(st, 5), text(st, 6),
                               text(st, 7), text(st, 8), cs_buf_str(&ns->qa_text),
                               text(st, 9) };
        const char *meta[7] = { "news",
                                text(st, 0),
                                "",
                                *text(st, 2) ? text(st, 2) : text(st, 1),
                                *text(st, 3) ? text(st, 3) : text(st, 1),
                                text(st, 11),
                                "" };
        rc = rc ? rc : index_row(ix, head, 3, body, 7, meta, atoi(text(st, 10)), rowid);
    } else if (step != SQLITE_DONE) {
        rc = cs_store_fail(ix->store, "reading news for the search index");
    }
    sqlite3_reset(ns->item);
    return rc;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The rows of the items a write touched (KEYS: "key\0" each, repeats allowed), in key order. */
static int news_update(indexer *ix, const cs_buf *keys)
{
    if (!keys->len)
        return 0;
    size_t n = 0;
    for (size_t at = 0; at < keys->len; at += strlen(keys->data + at) + 1)
        n++;
    const char **list = malloc(n * sizeof *list);
    if (!list)
        return cs_error_set(CS_ENOMEM, "out of memory updating the search index");
    n = 0;
    for (size_t at = 0; at < keys->len; at += strlen(keys->data + at) + 1)
        list[n++] = keys->data + at;
    qsort(list, n, sizeof *list, by_text);
    news_statements ns;
    int rc = news_prepare(&ns, ix->store);
    for (size_t i = 0; !rc && i < n; i++)
        if (!i || strcmp(list[i], list[i - 1]) != 0)
            rc = news_replace(ix, &ns, list[i]);
    news_finish(&ns);
    free(list);
    return rc;
}

/* Every item's row, in key order (the index is empty). */
static int news_rebuild(indexer *ix)
{
    sqlite3_stmt *keys = NULL;
    news_statements ns;
    int rc = news_prepare(&ns, ix->store), step = SQLITE_DONE;
    if (!rc && sqlite3_prepare_v2(cs_store_db(ix->store), "SELECT key FROM news_item ORDER BY key",
                                  -1, &keys, NULL) != SQLITE_OK)
        rc = cs_store_fail(ix->store, "reading news for the search index");
    while (!rc && (step = sqlite3_step(keys)) == SQLITE_ROW)
        rc = news_replace(ix, &ns, text(keys, 0));
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(ix->store, "reading news for the search index");
    sqlite3_finalize(keys);
    news_finish(&ns);
    return rc;
}

int cs_store_search_rebuild(cs_store *store)
{
    indexer ix;
    int rc = indexer_start(&ix, store);
    rc = rc ? rc : cs_store_exec(store, "DELETE FROM search_index");
    /* in row id order: FTS5 writes its pending terms out whenever a row id goes back */
    rc = rc ? rc : index_rows(&ix, CLUSTER_COLUMNS " ORDER BY id", cluster_row);
    rc = rc ? rc
            : index_rows(&ix,
                         /* memberships have no index by organisation: one grouped pass
                          * over them, not a scan per organisation */
                         "SELECT o.key, o.name, f.cluster, o.id FROM organisation o LEFT JOIN "
                         "(SELECT m.organisation_id AS id, min(c.key) AS cluster FROM "
                         "membership m JOIN cluster c ON c.id = m.cluster_id GROUP BY "
                         "m.organisation_id) f ON f.id = o.id ORDER BY o.id",
                         organisation_row);
    rc = rc ? rc : index_rows(&ix, FACT_COLUMNS " ORDER BY f.id", fact_row);
    rc = rc ? rc : news_rebuild(&ix);
    indexer_end(&ix);
    if (rc)
        cs_error_wrap("rebuilding the search index");
    return rc;
}

/* ---- updating the rows of the records a write touched ---- */

int cs_search_changes_add(int64_t **ids, size_t *n, size_t *cap, int64_t id)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        int64_t *a = realloc(*ids, c * sizeof *a);
        if (!a)
            return cs_error_set(CS_ENOMEM, "out of memory");
        *ids = a;
        *cap = c;
    }
    (*ids)[(*n)++] = id;
    return 0;
}

int cs_search_changes_link(cs_search_changes *c, uint64_t link)
{
    if (c->n_links == c->cap_links) {
        size_t cap = c->cap_links ? 2 * c->cap_links : 64;
        uint64_t *a = realloc(c->links, cap * sizeof *a);
        if (!a)
            return cs_error_set(CS_ENOMEM, "out of memory");
        c->links = a;
        c->cap_links = cap;
    }
    c->links[c->n_links++] = link;
    return 0;
}

int cs_search_changes_any(const cs_search_changes *c)
{
    return c->n_clusters || c->n_organisations || c->n_facts || c->n_links ||
           c->new_to > c->new_from || c->definitions.len || c->news.len;
}

void cs_search_changes_free(cs_search_changes *c)
{
    free(c->clusters);
    free(c->organisations);
    free(c->facts);
    free(c->links);
    cs_buf_free(&c->definitions);
    cs_buf_free(&c->news);
    memset(c, 0, sizeof *c);
}

/* LSD radix sort, 8 bits a pass, skipping passes where every value has the same digit. */
static int sort_u64(uint64_t *a, size_t n)
{
    if (n < 2)
        return 0;
    uint64_t *const original = a;
    uint64_t *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return cs_error_set(CS_ENOMEM, "out of memory updating the search index");
    size_t count[8][256] = { { 0 } };
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < 8; d++)
            count[d][(a[i] >> (8 * d)) & 0xff]++;
    for (int d = 0; d < 8; d++) {
        if (count[d][(a[0] >> (8 * d)) & 0xff] == n)
            continue;
        size_t sum = 0;
        for (size_t b = 0; b < 256; b++) {
            size_t k = count[d][b];
            count[d][b] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[d][(a[i] >> (8 * d)) & 0xff]++] = a[i];
        uint64_t *swap = a;
        a = tmp;
        tmp = swap;
    }
    if (a != original) {
        memcpy(original, a, n * sizeof *a);
        tmp = a;
    }
    free(tmp);
    return 0;
}

/* Sorts ids and drops repeats; returns the new count. */
static size_t unique_ids(int64_t *ids, size_t n)
{
    if (n && sort_u64((uint64_t *)ids, n))
        return (size_t)-1;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || ids[i] != ids[k - 1])
            ids[k++] = ids[i];
    return k;
}

static int delete_row(indexer *ix, sqlite3_stmt *del, int64_t rowid)
{
    sqlite3_bind_int64(del, 1, rowid);
    int step = sqlite3_step(del);
    sqlite3_reset(del);
    return step == SQLITE_DONE ? 0 : cs_store_fail(ix->store, "updating the search index");
}

/* For each id: deletes its index row, reads the record with `one` (?1 = id) and indexes it. */
static int replace_rows(indexer *ix, sqlite3_stmt *del, const char *sql, const int64_t *ids,
                        size_t n, int64_t base, int (*row)(indexer *ix, sqlite3_stmt *st))
{
    sqlite3_stmt *st = NULL;
    if (n && sqlite3_prepare_v2(cs_store_db(ix->store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(ix->store, "reading the registry for the search index");
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        rc = delete_row(ix, del, base + ids[i]);
        sqlite3_bind_int64(st, 1, ids[i]);
        int step = rc ? SQLITE_DONE : sqlite3_step(st);
        if (step == SQLITE_ROW)
            rc = row(ix, st);
        else if (step != SQLITE_DONE)
            rc = cs_store_fail(ix->store, "reading the registry for the search index");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The facts of each changed definition (their labels are in the facts' rows). */
static int definition_facts(cs_store *store, cs_search_changes *c)
{
    if (!c->definitions.len)
        return 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT id FROM fact WHERE subject_kind = ?1 AND name = ?2", -1, &st,
                           NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading facts for the search index");
    int rc = 0;
    for (size_t at = 0; !rc && at < c->definitions.len;) {
        const char *kind = c->definitions.data + at;
        const char *name = kind + strlen(kind) + 1;
        at = (size_t)(name + strlen(name) + 1 - c->definitions.data);
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
        int step;
        while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
            rc = cs_search_changes_add(&c->facts, &c->n_facts, &c->cap_facts,
                                       sqlite3_column_int64(st, 0));
        if (!rc && step != SQLITE_DONE)
            rc = cs_store_fail(store, "reading facts for the search index");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The clusters the added memberships name, by id, with their keys and their rank in key order. */
typedef struct {
    int64_t id;
    size_t rank;
    char *key;
} named_cluster;

static int by_key(const void *a, const void *b)
{
    return strcmp(((const named_cluster *)a)->key, ((const named_cluster *)b)->key);
}

static int by_id(const void *a, const void *b)
{
    int64_t x = ((const named_cluster *)a)->id, y = ((const named_cluster *)b)->id;
    return (x > y) - (x < y);
}

static void free_named(named_cluster *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        free(c[i].key);
    free(c);
}

/*
 * Turns the links (cluster << 32 | organisation) into one (organisation << 32 | rank) per
 * organisation, rank the position in key order of its first cluster among the added ones;
 * *clusters, in rank order, holds their keys. Costs the memberships added, not the registry's.
 */
static int first_clusters(named_cluster **clusters, size_t *n_clusters, cs_store *store,
                          cs_search_changes *c)
{
    *clusters = NULL;
    *n_clusters = 0;
    if (!c->n_links)
        return 0;
    int rc = sort_u64(c->links, c->n_links);
    size_t n = 0;
    for (size_t i = 0; !rc && i < c->n_links; i++)
        if (!i || c->links[i] >> 32 != c->links[i - 1] >> 32)
            n++;
    named_cluster *nc = rc ? NULL : calloc(n, sizeof *nc);
    if (!rc && !nc)
        rc = cs_error_set(CS_ENOMEM, "out of memory updating the search index");
    sqlite3_stmt *st = NULL;
    if (!rc && sqlite3_prepare_v2(cs_store_db(store), "SELECT key FROM cluster WHERE id = ?1", -1,
                                  &st, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "reading clusters for the search index");
    size_t k = 0;
    for (size_t i = 0; !rc && i < c->n_links; i++) {
        if (i && c->links[i] >> 32 == c->links[i - 1] >> 32)
            continue;
        nc[k].id = (int64_t)(c->links[i] >> 32);
        sqlite3_bind_int64(st, 1, nc[k].id);
        const char *key = sqlite3_step(st) == SQLITE_ROW ? text(st, 0) : "";
        if (!(nc[k].key = strdup(key)))
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        sqlite3_reset(st);
        k++;
    }
    sqlite3_finalize(st);
    if (!rc) {
        qsort(nc, n, sizeof *nc, by_key);
        for (size_t i = 0; i < n; i++)
            nc[i].rank = i;
        qsort(nc, n, sizeof *nc, by_id);
        /* links are sorted by cluster: each run maps to one rank */
        size_t at = 0;
        for (size_t i = 0; i < c->n_links; i++) {
            while ((uint64_t)nc[at].id != c->links[i] >> 32)
                at++;
            c->links[i] = (c->links[i] & 0xffffffffu) << 32 | (uint64_t)nc[at].rank;
        }
        rc = sort_u64(c->links, c->n_links);
    }
    if (!rc) {
        size_t m = 0;
        for (size_t i = 0; i < c->n_links; i++)
            if (!m || c->links[i] >> 32 != c->links[m - 1] >> 32)
                c->links[m++] = c->links[i];
        c->n_links = m;
        qsort(nc, n, sizeof *nc, by_key);
    }
    if (rc) {
        free_named(nc, n);
        return rc;
    }
    *clusters = nc;
    *n_clusters = n;
    return 0;
}

/* The next organisation to index after `after` (INT64_MAX when none): the least of the three
 * sorted sources. */
static int64_t next_organisation(const cs_search_changes *c, size_t *i, size_t *j, int64_t after)
{
    while (*i < c->n_organisations && c->organisations[*i] <= after)
        (*i)++;
    while (*j < c->n_links && (int64_t)(c->links[*j] >> 32) <= after)
        (*j)++;
    int64_t next = INT64_MAX;
    if (*i < c->n_organisations)
        next = c->organisations[*i];
    if (*j < c->n_links && (int64_t)(c->links[*j] >> 32) < next)
        next = (int64_t)(c->links[*j] >> 32);
    int64_t in_range = after + 1 > c->new_from ? after + 1 : c->new_from;
    if (in_range < c->new_to && in_range < next)
        next = in_range;
    return next;
}

/*
 * The organisations inserted or changed, and those that joined a cluster: read in id order
 * (one forward scan where they are dense, a seek where not), each row replaced; an
 * organisation's cluster is the first by key of the one its row named and the ones it joined.
 */
static int update_organisations(indexer *ix, sqlite3_stmt *del, cs_search_changes *c)
{
    named_cluster *nc = NULL;
    size_t n_nc = 0;
    size_t n = unique_ids(c->organisations, c->n_organisations);
    if (n == (size_t)-1)
        return CS_ENOMEM;
    c->n_organisations = n;
    int rc = first_clusters(&nc, &n_nc, ix->store, c);
    sqlite3 *db = cs_store_db(ix->store);
    sqlite3_stmt *scan = NULL, *old = NULL;
    if (!rc && (sqlite3_prepare_v2(db,
                                   "SELECT id, key, name FROM organisation WHERE id >= ?1 "
                                   "ORDER BY id",
                                   -1, &scan, NULL) != SQLITE_OK ||
                sqlite3_prepare_v2(db, "SELECT cluster FROM search_index WHERE rowid = ?1", -1,
                                   &old, NULL) != SQLITE_OK))
        rc = cs_store_fail(ix->store, "reading organisations for the search index");
    size_t i = 0, j = 0;
    int64_t at = -1; /* the scan's current row id; -1: not positioned */
    int step = SQLITE_DONE;
    cs_buf cluster = CS_BUF_INIT;
    for (int64_t id = next_organisation(c, &i, &j, INT64_MIN); !rc && id != INT64_MAX;
         id = next_organisation(c, &i, &j, id)) {
        if (at < 0 || id < at || id - at > 64) {
            sqlite3_reset(scan);
            sqlite3_bind_int64(scan, 1, id);
            step = sqlite3_step(scan);
        }
        while (step == SQLITE_ROW && (at = sqlite3_column_int64(scan, 0)) < id)
            step = sqlite3_step(scan);
        if (step != SQLITE_ROW) {
            at = -1;
            if (step != SQLITE_DONE)
                rc = cs_store_fail(ix->store, "reading organisations for the search index");
            continue;
        }
        if (at != id)
            continue; /* not stored: nothing to index */
        const char *first = j < c->n_links && (int64_t)(c->links[j] >> 32) == id
                                ? nc[c->links[j] & 0xffffffffu].key
                                : NULL;
        cs_buf_reset(&cluster);
        rc = cs_buf_puts(&cluster, first ? first : "");
        if (!rc && !(id >= c->new_from && id < c->new_to)) {
            /* it may have a row: keep the cluster it named unless a new one comes first */
            sqlite3_bind_int64(old, 1, ROWID_ORGANISATION + id);
            if (sqlite3_step(old) == SQLITE_ROW && *text(old, 0) &&
                (!first || strcmp(text(old, 0), first) < 0)) {
                cs_buf_reset(&cluster);
                rc = cs_buf_puts(&cluster, text(old, 0));
            }
            sqlite3_reset(old);
            rc = rc ? rc : delete_row(ix, del, ROWID_ORGANISATION + id);
        }
        if (!rc) {
            const char *head[] = { text(scan, 2) };
            const char *meta[7] = {
                "organisation", text(scan, 1), "", text(scan, 2), "", cs_buf_str(&cluster), ""
            };
            rc = index_row(ix, head, 1, NULL, 0, meta, 0, ROWID_ORGANISATION + id);
        }
        step = rc ? step : sqlite3_step(scan);
    }
    sqlite3_finalize(scan);
    sqlite3_finalize(old);
    cs_buf_free(&cluster);
    free_named(nc, n_nc);
    return rc;
}

/* 1 when the index holds a row of the whole rebuild before row ids were fixed by kind. */
static int index_is_old(int *old, cs_store *store)
{
    sqlite3_stmt *st = NULL;
    *old = 0;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT rowid FROM search_index ORDER BY rowid LIMIT 1", -1, &st,
                           NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the search index");
    int step = sqlite3_step(st);
    *old = step == SQLITE_ROW && sqlite3_column_int64(st, 0) < ROWID_CLUSTER;
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE
               ? 0
               : cs_store_fail(store, "reading the search index");
}

int cs_store_search_update(cs_store *store, cs_search_changes *c)
{
    if (!cs_search_changes_any(c))
        return 0;
    int old = 0;
    int rc = index_is_old(&old, store);
    if (rc || old)
        return rc ? rc : cs_store_search_rebuild(store);
    indexer ix;
    sqlite3_stmt *del = NULL;
    rc = indexer_start(&ix, store);
    if (!rc && sqlite3_prepare_v2(cs_store_db(store), "DELETE FROM search_index WHERE rowid = ?1",
                                  -1, &del, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "updating the search index");
    size_t n = rc ? 0 : unique_ids(c->clusters, c->n_clusters);
    if (n == (size_t)-1)
        rc = CS_ENOMEM;
    rc = rc ? rc
            : replace_rows(&ix, del, CLUSTER_COLUMNS " WHERE id = ?1", c->clusters, n,
                           ROWID_CLUSTER, cluster_row);
    rc = rc ? rc : update_organisations(&ix, del, c);
    rc = rc ? rc : definition_facts(store, c);
    n = rc ? 0 : unique_ids(c->facts, c->n_facts);
    if (n == (size_t)-1)
        rc = CS_ENOMEM;
    rc = rc ? rc
            : replace_rows(&ix, del, FACT_COLUMNS " WHERE f.id = ?1", c->facts, n, ROWID_FACT,
                           fact_row);
    rc = rc ? rc : news_update(&ix, &c->news);
    sqlite3_finalize(del);
    indexer_end(&ix);
    if (rc)
        cs_error_wrap("updating the search index");
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
            rc = make_snippet(&snippet, &t, &q, *text(st, 3) ? text(st, 3) : text(st, 2));
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
