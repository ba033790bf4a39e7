/*
 * store_news_read.c: reading news items and digest issues back (migration 0013). An item comes
 * with its Q&A and its targets, each target named from its own record (an organisation's one
 * name stands for both languages); strings the registry does not hold stay NULL, counts -1.
 */
#include "store/store_internal.h"

#include "clusterscope/error.h"
#include "registry/news.h"

#include <stdio.h>
#include <string.h>

#define ITEM_COLUMNS                                                                               \
    "i.key, i.kind, i.date, i.lang, i.title, i.title_en, i.title_ru, i.lead, i.body, i.box, "      \
    "i.summary_en, i.summary_ru, i.series, i.file_url, i.file_format, i.outlet, i.url, "           \
    "i.source, i.locator, i.quote, i.note, i.series_number, i.file_bytes"

static const char *text(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

static long long count(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, col);
}

static void item_of_row(cs_news_item *it, sqlite3_stmt *st)
{
    memset(it, 0, sizeof *it);
    const char **t[] = { &it->key,    &it->kind,     &it->date,        &it->lang,
                         &it->title,  &it->title_en, &it->title_ru,    &it->lead,
                         &it->body,   &it->box,      &it->summary_en,  &it->summary_ru,
                         &it->series, &it->file_url, &it->file_format, &it->outlet,
                         &it->url,    &it->source,   &it->locator,     &it->quote,
                         &it->note };
    for (int i = 0; i < 21; i++)
        *t[i] = text(st, i);
    it->series_number = count(st, 21);
    it->file_bytes = count(st, 22);
}

/* Adds each item's Q&A and targets to LIST (whose items are complete otherwise). */
static int add_details(cs_news_list *list, cs_store *store)
{
    sqlite3 *db = cs_store_db(store);
    sqlite3_stmt *qa = NULL, *tg = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT question, answer FROM news_qa WHERE item = ?1 ORDER BY position",
                           -1, &qa, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            db,
            "SELECT l.target_kind, l.target_key, CASE l.target_kind "
            "WHEN 'cluster' THEN (SELECT name_en FROM cluster WHERE key = l.target_key) "
            "WHEN 'organisation' THEN (SELECT name FROM organisation WHERE key = l.target_key) "
            "WHEN 'region' THEN (SELECT name_en FROM region WHERE key = l.target_key) "
            "WHEN 'programme' THEN (SELECT name_en FROM programme WHERE key = l.target_key) END, "
            "CASE l.target_kind "
            "WHEN 'cluster' THEN (SELECT name_ru FROM cluster WHERE key = l.target_key) "
            "WHEN 'organisation' THEN (SELECT name FROM organisation WHERE key = l.target_key) "
            "WHEN 'region' THEN (SELECT name_ru FROM region WHERE key = l.target_key) "
            "WHEN 'programme' THEN (SELECT name_ru FROM programme WHERE key = l.target_key) END "
            "FROM news_link l WHERE l.item = ?1 ORDER BY l.target_kind, l.target_key",
            -1, &tg, NULL) != SQLITE_OK) {
        int rc = cs_store_fail(store, "reading the news");
        sqlite3_finalize(qa);
        sqlite3_finalize(tg);
        return rc;
    }
    int rc = 0;
    for (size_t i = 0; !rc && i < cs_news_list_count(list); i++) {
        const char *key = cs_news_list_at(list, i)->key;
        int step;
        sqlite3_reset(qa);
        sqlite3_bind_text(qa, 1, key, -1, SQLITE_STATIC);
        while (!rc && (step = sqlite3_step(qa)) == SQLITE_ROW)
            rc = cs_news_list_add_qa(list, i, text(qa, 0), text(qa, 1));
        if (!rc && step != SQLITE_DONE)
            rc = cs_store_fail(store, "reading the news' questions and answers");
        sqlite3_reset(tg);
        sqlite3_bind_text(tg, 1, key, -1, SQLITE_STATIC);
        while (!rc && (step = sqlite3_step(tg)) == SQLITE_ROW) {
            cs_news_target t = { text(tg, 0), text(tg, 1), text(tg, 2), text(tg, 3) };
            rc = cs_news_list_add_target(list, i, &t);
        }
        if (!rc && step != SQLITE_DONE)
            rc = cs_store_fail(store, "reading the news' links");
    }
    sqlite3_finalize(qa);
    sqlite3_finalize(tg);
    return rc;
}

/* Runs ST (bound by the caller) and hands a complete list to *out. */
static int read_items(cs_news_list **out, cs_store *store, sqlite3_stmt *st)
{
    cs_news_list *list = NULL;
    int rc = cs_news_list_new(&list), step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        cs_news_item it;
        size_t index;
        item_of_row(&it, st);
        rc = cs_news_list_add(&index, list, &it);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading the news");
    sqlite3_finalize(st);
    if (!rc)
        rc = add_details(list, store);
    if (rc) {
        cs_news_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
}

int cs_store_news(cs_news_list **out, cs_store *store, const char *cluster, const char *month,
                  const char *kind, size_t limit, int oldest_first)
{
    if (cluster) {
        int rc = cs_store_cluster_exists(store, cluster, "reading the news");
        if (rc)
            return rc;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(
            cs_store_db(store),
            "SELECT " ITEM_COLUMNS " FROM news_item i WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM "
            "news_link l WHERE l.item = i.key AND l.target_kind = 'cluster' AND l.target_key = "
            "?1)) AND (?2 IS NULL OR substr(i.date, 1, 7) = ?2) AND (?3 IS NULL OR i.kind = ?3) "
            "ORDER BY CASE WHEN ?5 THEN i.date END, i.date DESC, i.key LIMIT ?4",
            -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the news");
    sqlite3_bind_text(st, 1, cluster, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, limit ? (long long)limit : -1);
    sqlite3_bind_int(st, 5, oldest_first);
    return read_items(out, store, st);
}

int cs_store_digest_items(cs_news_list **out, cs_store *store, long long number)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT " ITEM_COLUMNS
                           " FROM digest_entry e JOIN news_item i ON i.key = "
                           "e.item WHERE e.issue = ?1 ORDER BY e.position",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the digest's entries");
    sqlite3_bind_int64(st, 1, number);
    return read_items(out, store, st);
}

int cs_store_digest_issue(cs_digest_issue **out, cs_store *store, long long number)
{
    sqlite3 *db = cs_store_db(store);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT month, publisher, title_ru, title_en, subtitle_ru, subtitle_en, "
                           "source, locator, note FROM digest_issue WHERE number = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the digest issues");
    sqlite3_bind_int64(st, 1, number);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        sqlite3_finalize(st);
        return cs_error_set(CS_ENOTFOUND, "no digest issue %lld in the registry", number);
    }
    if (step != SQLITE_ROW) {
        int rc = cs_store_fail(store, "reading the digest issues");
        sqlite3_finalize(st);
        return rc;
    }
    cs_digest_issue *d = NULL;
    int rc = cs_digest_issue_new(&d), failed = 0;
    if (rc) {
        sqlite3_finalize(st);
        return rc;
    }
    d->number = number;
    const char **t[] = { &d->month,    &d->publisher,   &d->title_ru,
                         &d->title_en, &d->subtitle_ru, &d->subtitle_en,
                         &d->source,   &d->locator,     &d->note };
    for (int i = 0; i < 9; i++)
        *t[i] = cs_digest_issue_keep(d, text(st, i), &failed);
    sqlite3_finalize(st);
    st = NULL;
    if (!failed &&
        sqlite3_prepare_v2(db, "SELECT part, lang, text FROM digest_text WHERE issue = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "reading the digest's texts");
    if (!rc && !failed) {
        sqlite3_bind_int64(st, 1, number);
        while (!failed && (step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *part = text(st, 0), *lang = text(st, 1);
            for (int p = 0; p < CS_DIGEST_PARTS; p++)
                if (strcmp(part, cs_digest_part_name((cs_digest_part)p)) == 0) {
                    const char **slot = strcmp(lang, "ru") == 0 ? &d->text_ru[p] : &d->text_en[p];
                    *slot = cs_digest_issue_keep(d, text(st, 2), &failed);
                }
        }
        if (!failed && step != SQLITE_DONE)
            rc = cs_store_fail(store, "reading the digest's texts");
    }
    sqlite3_finalize(st);
    if (!rc && failed)
        rc = cs_error_set(CS_ENOMEM, "out of memory reading the digest");
    if (rc) {
        cs_digest_issue_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

int cs_store_digest_latest(long long *out, cs_store *store, long long below)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT max(number) FROM digest_issue WHERE ?1 <= 0 OR number < ?1", -1,
                           &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the digest issues");
    sqlite3_bind_int64(st, 1, below);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 0);
    else
        rc = cs_store_fail(store, "reading the digest issues");
    sqlite3_finalize(st);
    return rc;
}
