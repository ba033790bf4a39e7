/*
 * store_edit.c: the web observatory's edits of profiles and facts, and reverts (store.h, "web
 * writes"). The path is separate from an import's (store_writer.c, store_history.c): one record
 * per call, read before and after its write as text, and one revision per difference, so that
 * what the history says is what the registry holds. The caller checked the values and holds the
 * write transaction.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "registry/list.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The clusters record's columns (registry/record.c), as the cluster table names them. */
static const char *const columns[CS_STORE_CLUSTER_COLUMNS] = { "key",
                                                               "name_en",
                                                               "name_ru",
                                                               "country",
                                                               "region",
                                                               "city",
                                                               "lat",
                                                               "lon",
                                                               "founded",
                                                               "website",
                                                               "cluster_organisation",
                                                               "kind",
                                                               "specialisation",
                                                               "stage",
                                                               "source",
                                                               "note" };
#define COL_KEY    0
#define COL_SOURCE 14

static int prepare(cs_store *store, sqlite3_stmt **st, const char *sql, const char *what)
{
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, st, NULL) != SQLITE_OK)
        return cs_store_fail(store, what);
    return 0;
}

static void bind_or_null(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static int differ(const char *a, const char *b)
{
    return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

static void utc_now(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int cs_store_write_begin(cs_store *store)
{
    return cs_store_begin(store);
}

int cs_store_write_end(cs_store *store, int commit)
{
    int rc = commit ? cs_store_commit(store) : 0;
    if (!commit || rc)
        cs_store_rollback(store);
    return rc;
}

/* The one insert of a revision row of this path; *id its id. */
static int revision_add(long long *id, cs_store *store, const cs_store_edit_by *by,
                        const char *time, const char *kind, const char *subject, const char *target,
                        const char *field, long long year, const char *old_value,
                        const char *new_value)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "INSERT INTO revision (time, author, action, subject_kind, subject, target, "
                     "field, year, old_value, new_value, source, locator, quote, reverts) VALUES "
                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                     "recording a revision");
    if (rc)
        return rc;
    const char *texts[] = { time, by->author, by->action, kind, subject, target, field };
    for (int i = 0; i < 7; i++)
        sqlite3_bind_text(st, i + 1, texts[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, year);
    const char *tail[] = { old_value, new_value, by->source, by->locator, by->quote };
    for (int i = 0; i < 5; i++)
        bind_or_null(st, 9 + i, tail[i]);
    if (by->reverts)
        sqlite3_bind_int64(st, 14, by->reverts);
    else
        sqlite3_bind_null(st, 14);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = cs_store_fail(store, "recording a revision");
    else
        *id = sqlite3_last_insert_rowid(cs_store_db(store));
    sqlite3_finalize(st);
    return rc;
}

int cs_store_source_exists(cs_store *store, const char *key)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st, "SELECT 1 FROM source WHERE key = ?1", "reading the sources");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    rc = step == SQLITE_ROW    ? 1
         : step == SQLITE_DONE ? 0
                               : cs_store_fail(store, "reading the sources");
    sqlite3_finalize(st);
    return rc;
}

int cs_store_source_add(cs_store *store, const char *key, const char *title, const char *date,
                        const char *note)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "INSERT INTO source (key, title, date, note) VALUES (?1, ?2, ?3, ?4) ON "
                     "CONFLICT (key) DO NOTHING",
                     "adding a source");
    if (rc)
        return rc;
    bind_or_null(st, 1, key);
    bind_or_null(st, 2, title);
    bind_or_null(st, 3, date);
    bind_or_null(st, 4, note);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = cs_store_fail(store, "adding a source");
    sqlite3_finalize(st);
    return rc;
}

void cs_store_cluster_row_free(cs_store_cluster_row *row)
{
    for (int i = 0; i < CS_STORE_CLUSTER_COLUMNS; i++) {
        free(row->values[i]);
        row->values[i] = NULL;
    }
}

/* The row of cluster KEY into ROW (*found 0 and ROW all NULL when there is none). */
static int read_cluster(int *found, cs_store_cluster_row *row, cs_store *store, const char *key)
{
    memset(row, 0, sizeof *row);
    *found = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "SELECT key, name_en, name_ru, country, region, city, lat, lon, founded, "
                     "website, cluster_organisation, kind, specialisation, stage, source, note "
                     "FROM cluster WHERE key = ?1",
                     "reading a cluster");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *found = 1;
        for (int i = 0; !rc && i < CS_STORE_CLUSTER_COLUMNS; i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            if (v && *v && !(row->values[i] = strdup(v)))
                rc = cs_error_set(CS_ENOMEM, "out of memory");
        }
    } else if (step != SQLITE_DONE) {
        rc = cs_store_fail(store, "reading a cluster");
    }
    sqlite3_finalize(st);
    if (rc)
        cs_store_cluster_row_free(row);
    return rc;
}

int cs_store_cluster_read(cs_store_cluster_row *out, cs_store *store, const char *key)
{
    int found = 0;
    int rc = read_cluster(&found, out, store, key);
    if (!rc && !found)
        rc = cs_error_set(CS_ENOTFOUND, "no cluster has the key '%s'", key);
    return rc;
}

int cs_store_edit_profile(size_t *changed, long long *first, long long *last, cs_store *store,
                          const cs_store_edit_by *by, const char *const *values)
{
    *changed = 0;
    *first = *last = 0;
    const char *key = values[COL_KEY];
    cs_store_cluster_row before, after;
    int found = 0;
    int rc = read_cluster(&found, &before, store, key);
    if (rc)
        return rc;
    int created = !found;
    sqlite3_stmt *st = NULL;
    if (created) {
        rc = prepare(store, &st,
                     "INSERT INTO cluster (key, name_en, country, source) VALUES "
                     "(?1, ?2, ?3, ?4)",
                     "adding a cluster");
        if (!rc) {
            bind_or_null(st, 1, key);
            bind_or_null(st, 2, values[1]);
            bind_or_null(st, 3, values[3]);
            bind_or_null(st, 4, by->source);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = cs_store_fail(store, "adding a cluster");
            sqlite3_finalize(st);
            st = NULL;
        }
    }
    /* the column list is this file's own: no name from a request reaches the SQL */
    rc = rc ? rc
            : prepare(store, &st,
                      "UPDATE cluster SET name_en = ?2, name_ru = ?3, country = ?4, region = ?5, "
                      "city = ?6, lat = ?7, lon = ?8, founded = ?9, website = ?10, "
                      "cluster_organisation = ?11, kind = ?12, specialisation = ?13, stage = ?14, "
                      "note = ?16 WHERE key = ?1",
                      "changing a cluster");
    if (!rc) {
        for (int i = 0; i < CS_STORE_CLUSTER_COLUMNS; i++)
            if (i != COL_SOURCE)
                bind_or_null(st, i + 1, values[i] && *values[i] ? values[i] : NULL);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = cs_store_fail(store, "changing a cluster");
        sqlite3_finalize(st);
    }
    rc = rc ? rc : read_cluster(&found, &after, store, key);
    if (rc) {
        cs_store_cluster_row_free(&before);
        return rc;
    }
    char now[32];
    utc_now(now);
    /* the search index reads these columns of a cluster (store_search.c): only a change of one
     * of them, or a new cluster, needs it made again */
    static const int indexed[] = { 1, 2, 5, 10, 12, 15 };
    int reindex = created;
    for (int i = 0; !rc && i < CS_STORE_CLUSTER_COLUMNS; i++) {
        if (i == COL_KEY || !differ(before.values[i], after.values[i]))
            continue;
        for (size_t k = 0; k < sizeof indexed / sizeof indexed[0]; k++)
            reindex |= indexed[k] == i;
        long long id = 0;
        rc = revision_add(&id, store, by, now, "cluster", key, "profile", columns[i], 0,
                          before.values[i], after.values[i]);
        if (!rc) {
            if (!*first)
                *first = id;
            *last = id;
            (*changed)++;
        }
    }
    cs_store_cluster_row_free(&before);
    cs_store_cluster_row_free(&after);
    return rc ? rc : *changed && reindex ? cs_store_search_rebuild(store) : 0;
}

/* The stored fact's value, status, source, locator and quote (*found 0 when none). */
typedef struct {
    int found;
    char *v[5];
} fact_row;

static void fact_row_free(fact_row *r)
{
    for (int i = 0; i < 5; i++)
        free(r->v[i]);
    memset(r, 0, sizeof *r);
}

static int read_fact(fact_row *r, cs_store *store, const char *kind, const char *subject,
                     const char *name, long long year)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "SELECT value, status, source, locator, quote FROM fact WHERE subject_kind = "
                     "?1 AND subject = ?2 AND name = ?3 AND year = ?4",
                     "reading a fact");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, year);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        r->found = 1;
        for (int i = 0; !rc && i < 5; i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            if (v && !(r->v[i] = strdup(v)))
                rc = cs_error_set(CS_ENOMEM, "out of memory");
        }
    } else if (step != SQLITE_DONE) {
        rc = cs_store_fail(store, "reading a fact");
    }
    sqlite3_finalize(st);
    if (rc)
        fact_row_free(r);
    return rc;
}

static int write_fact(cs_store *store, const char *const *values, long long year)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "INSERT INTO fact (subject_kind, subject, name, year, value, status, source, "
                     "locator, quote, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON "
                     "CONFLICT (subject_kind, subject, name, year) DO UPDATE SET value = "
                     "excluded.value, status = excluded.status, source = excluded.source, locator "
                     "= excluded.locator, quote = excluded.quote",
                     "writing a fact");
    if (rc)
        return rc;
    for (int i = 0; i < 10; i++)
        if (i == 3)
            sqlite3_bind_int64(st, 4, year);
        else if (i == 4)
            sqlite3_bind_text(st, 5, values[4] ? values[4] : "", -1, SQLITE_TRANSIENT);
        else
            bind_or_null(st, i + 1, values[i] && *values[i] ? values[i] : NULL);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = cs_store_fail(store, "writing a fact");
    sqlite3_finalize(st);
    return rc;
}

int cs_store_edit_fact(long long *revision, cs_store *store, const cs_store_edit_by *by,
                       const char *const *values)
{
    *revision = 0;
    long long year = values[3] && *values[3] ? strtoll(values[3], NULL, 10) : 0;
    fact_row before, after;
    int rc = read_fact(&before, store, values[0], values[1], values[2], year);
    rc = rc ? rc : write_fact(store, values, year);
    rc = rc ? rc : read_fact(&after, store, values[0], values[1], values[2], year);
    if (rc) {
        fact_row_free(&before);
        return rc;
    }
    int changed = !before.found;
    for (int i = 0; !changed && i < 5; i++)
        changed = differ(before.v[i], after.v[i]);
    if (changed) {
        char now[32];
        utc_now(now);
        cs_store_edit_by fact_by = *by;
        fact_by.source = after.v[2];
        fact_by.locator = after.v[3];
        fact_by.quote = after.v[4];
        rc = revision_add(revision, store, &fact_by, now, values[0], values[1], "fact", values[2],
                          year, before.found ? before.v[0] : NULL, after.v[0]);
        rc = rc ? rc : cs_store_search_rebuild(store);
    }
    fact_row_free(&before);
    fact_row_free(&after);
    return rc;
}

static const char *column_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int cs_store_revision(cs_revision_list **out, cs_store *store, long long id)
{
    *out = NULL;
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "SELECT id, time, author, action, target, field, year, old_value, new_value, "
                     "source, locator, quote, reverts, subject_kind, subject FROM revision WHERE "
                     "id = ?1",
                     "reading a revision");
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        cs_revision_info r = { 0 };
        r.id = sqlite3_column_int64(st, 0);
        r.time = column_text(st, 1);
        r.author = column_text(st, 2);
        r.action = column_text(st, 3);
        r.target = column_text(st, 4);
        r.field = column_text(st, 5);
        r.year = sqlite3_column_int(st, 6);
        r.has_old = sqlite3_column_type(st, 7) != SQLITE_NULL;
        r.old_value = column_text(st, 7);
        r.has_new = sqlite3_column_type(st, 8) != SQLITE_NULL;
        r.new_value = column_text(st, 8);
        r.source = column_text(st, 9);
        r.locator = column_text(st, 10);
        r.quote = column_text(st, 11);
        r.reverts = sqlite3_column_int64(st, 12);
        r.subject_kind = column_text(st, 13);
        r.subject = column_text(st, 14);
        rc = cs_revision_list_new(out);
        rc = rc ? rc : cs_revision_list_add(*out, &r);
    } else if (step == SQLITE_DONE) {
        rc = cs_error_set(CS_ENOTFOUND, "no revision has the id %lld", id);
    } else {
        rc = cs_store_fail(store, "reading a revision");
    }
    sqlite3_finalize(st);
    if (rc) {
        cs_revision_list_free(*out);
        *out = NULL;
    }
    return rc;
}

/* The source, locator and quote of the latest revision before REV that wrote REV's old value
 * into the same fact; all NULL when none did (or the value came from before the history). */
static int earlier_sources(fact_row *r, cs_store *store, const cs_revision_info *rev)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "SELECT source, locator, quote FROM revision WHERE subject_kind = ?1 AND "
                     "subject = ?2 AND target = 'fact' AND field = ?3 AND year = ?4 AND id < ?5 "
                     "AND new_value IS ?6 ORDER BY id DESC LIMIT 1",
                     "reading the history");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, rev->subject_kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rev->subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, rev->field, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, rev->year);
    sqlite3_bind_int64(st, 5, rev->id);
    sqlite3_bind_text(st, 6, rev->old_value, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        r->found = 1;
        for (int i = 0; !rc && i < 3; i++) {
            const char *v = column_text(st, i);
            if (v && !(r->v[i + 2] = strdup(v)))
                rc = cs_error_set(CS_ENOMEM, "out of memory");
        }
    } else if (step != SQLITE_DONE) {
        rc = cs_store_fail(store, "reading the history");
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_store_revert_fact(long long *revision, cs_store *store, const cs_store_edit_by *by,
                         const cs_revision_info *rev)
{
    *revision = 0;
    fact_row now_row, earlier;
    int rc = read_fact(&now_row, store, rev->subject_kind, rev->subject, rev->field, rev->year);
    if (rc)
        return rc;
    const char *current = now_row.found ? now_row.v[0] : NULL;
    if (differ(current, rev->has_new ? rev->new_value : NULL)) {
        rc = cs_error_set(CS_ECONFLICT,
                          "fact '%s' (%d) of %s '%s' has changed since revision %lld: it is now "
                          "'%s', not '%s'; revert the later revisions first",
                          rev->field, rev->year, rev->subject_kind, rev->subject, rev->id,
                          current ? current : "(none)", rev->has_new ? rev->new_value : "(none)");
        fact_row_free(&now_row);
        return rc;
    }
    char now[32];
    utc_now(now);
    cs_store_edit_by revert_by = *by;
    sqlite3_stmt *st = NULL;
    memset(&earlier, 0, sizeof earlier);
    if (!rev->has_old) {
        /* the revision created the fact: reverting removes it */
        rc = prepare(store, &st,
                     "DELETE FROM fact WHERE subject_kind = ?1 AND subject = ?2 AND name = ?3 AND "
                     "year = ?4",
                     "removing a fact");
        if (!rc) {
            sqlite3_bind_text(st, 1, rev->subject_kind, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, rev->subject, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, rev->field, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 4, rev->year);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = cs_store_fail(store, "removing a fact");
            sqlite3_finalize(st);
        }
    } else {
        rc = earlier_sources(&earlier, store, rev);
        const char *source = earlier.found && earlier.v[2] ? earlier.v[2] : now_row.v[2];
        const char *locator = earlier.found ? earlier.v[3] : now_row.v[3];
        const char *quote = earlier.found ? earlier.v[4] : now_row.v[4];
        rc = rc ? rc
                : prepare(store, &st,
                          "UPDATE fact SET value = ?5, source = ?6, locator = ?7, quote = ?8 "
                          "WHERE subject_kind = ?1 AND subject = ?2 AND name = ?3 AND year = ?4",
                          "restoring a fact");
        if (!rc) {
            sqlite3_bind_text(st, 1, rev->subject_kind, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, rev->subject, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, rev->field, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 4, rev->year);
            bind_or_null(st, 5, rev->old_value);
            bind_or_null(st, 6, source);
            bind_or_null(st, 7, locator);
            bind_or_null(st, 8, quote);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = cs_store_fail(store, "restoring a fact");
            sqlite3_finalize(st);
        }
        revert_by.source = source;
        revert_by.locator = locator;
        revert_by.quote = quote;
    }
    rc =
        rc ? rc
           : revision_add(revision, store, &revert_by, now, rev->subject_kind, rev->subject, "fact",
                          rev->field, rev->year, current, rev->has_old ? rev->old_value : NULL);
    rc = rc ? rc : cs_store_search_rebuild(store);
    fact_row_free(&now_row);
    fact_row_free(&earlier);
    return rc;
}
