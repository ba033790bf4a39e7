/*
 * store_history.c: revisions (migration 0007). The writer records one revision per profile
 * field and fact an import changes: the row is read before and after its upsert (by its unique
 * key, so the cost per record is constant and an import stays linear), and only a difference is
 * written. Memberships an import adds are counted per cluster and recorded as one summary
 * revision per cluster and import (field "*", new value the count, locator the files): a
 * revision per membership was most of a large import's time and of the registry's size
 * (docs/formats.md#history). A membership that changes keeps its own revision. cs_store_history
 * reads one cluster's back, newest first.
 */
#include "store/writer_internal.h"

#include "clusterscope/error.h"
#include "registry/list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The columns compared, in record column order after the key (see store_writer.c's table). */
static const char *const cluster_columns[] = { "name_en", "name_ru",
                                               "country", "region",
                                               "city",    "lat",
                                               "lon",     "founded",
                                               "website", "cluster_organisation",
                                               "kind",    "specialisation",
                                               "stage",   "source",
                                               "note" };
#define N_CLUSTER_COLUMNS (sizeof cluster_columns / sizeof cluster_columns[0])

static int prepare(cs_store_writer *w, sqlite3_stmt **st, const char *sql)
{
    if (sqlite3_prepare_v3(w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return cs_store_fail(w->store, "preparing the history's statements");
    return 0;
}

int cs_history_begin(cs_store_writer *w, const char *author, const char *action)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(w->history.time, sizeof w->history.time, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(w->history.author, sizeof w->history.author, "%s", author);
    snprintf(w->history.action, sizeof w->history.action, "%s", action);
    int rc = prepare(w, &w->history.cluster,
                     "SELECT name_en, name_ru, country, region, city, lat, lon, founded, website, "
                     "cluster_organisation, kind, specialisation, stage, source, note FROM "
                     "cluster WHERE key = ?1");
    rc = rc ? rc
            : prepare(w, &w->history.fact,
                      "SELECT value, status, source, locator, quote, note FROM fact WHERE "
                      "subject_kind = ?1 AND subject = ?2 AND name = ?3 AND year = ?4");
    rc = rc ? rc : cs_keymap_new(&w->history.added);
    rc = rc ? rc
            : prepare(w, &w->history.add,
                      "INSERT INTO revision (time, author, action, subject_kind, subject, target, "
                      "field, year, old_value, new_value, source, locator, quote) VALUES (?1, ?2, "
                      "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    return rc;
}

void cs_history_free(cs_store_writer *w)
{
    sqlite3_finalize(w->history.cluster);
    sqlite3_finalize(w->history.fact);
    sqlite3_finalize(w->history.add);
    for (size_t i = 0; i < w->history.n_tally; i++) {
        free(w->history.tally[i].cluster);
        free(w->history.tally[i].source);
    }
    free(w->history.tally);
    cs_keymap_free(w->history.added);
    cs_buf_free(&w->history.before.text);
    cs_buf_free(&w->history.after.text);
}

/* Copies the current row of ST (n columns) into ROW; found 0 when ST has no row. */
static int read_row(cs_store_writer *w, cs_history_row *row, sqlite3_stmt *st, int n)
{
    cs_buf_reset(&row->text);
    row->found = 0;
    int step = sqlite3_step(st);
    int rc = 0;
    if (step == SQLITE_ROW) {
        row->found = 1;
        for (int i = 0; i < n && !rc; i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            row->null[i] = v == NULL;
            row->off[i] = row->text.len;
            rc = cs_buf_append(&row->text, v ? v : "", strlen(v ? v : "") + 1);
        }
    } else if (step != SQLITE_DONE) {
        rc = cs_store_fail(w->store, "reading a record's earlier values");
    }
    sqlite3_reset(st);
    return rc;
}

static const char *cell(const cs_history_row *row, int i)
{
    return row->found && !row->null[i] ? row->text.data + row->off[i] : NULL;
}

/* Reads the stored row a record will replace (or the row it became) into ROW. */
static int read_record_row(cs_store_writer *w, cs_history_row *row, const cs_record *rec)
{
    if (rec->spec->kind == CS_KIND_CLUSTERS) {
        sqlite3_stmt *st = w->history.cluster;
        sqlite3_bind_text(st, 1, rec->values[0], -1, SQLITE_STATIC);
        return read_row(w, row, st, (int)N_CLUSTER_COLUMNS);
    }
    sqlite3_stmt *st = w->history.fact;
    for (int i = 0; i < 3; i++)
        sqlite3_bind_text(st, i + 1, rec->values[i] ? rec->values[i] : "", -1, SQLITE_STATIC);
    const char *year = cs_writer_value(rec, 3);
    sqlite3_bind_int64(st, 4, year ? strtoll(year, NULL, 10) : 0);
    return read_row(w, row, st, 6);
}

int cs_history_before(cs_store_writer *w, const cs_record *rec)
{
    cs_record_kind k = rec->spec->kind;
    if (k != CS_KIND_CLUSTERS && k != CS_KIND_FACTS)
        return 0;
    /* the bulk thread may hold the connection; the upsert would wait for it as well */
    int rc = cs_writer_await_thread(w);
    return rc ? rc : read_record_row(w, &w->history.before, rec);
}

static int add(cs_store_writer *w, const char *kind, const char *subject, const char *target,
               const char *field, long long year, const char *old_value, const char *new_value,
               const char *source, const char *locator, const char *quote)
{
    sqlite3_stmt *st = w->history.add;
    const char *texts[] = {
        w->history.time, w->history.author, w->history.action, kind, subject, target, field
    };
    for (int i = 0; i < 7; i++)
        sqlite3_bind_text(st, i + 1, texts[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, year);
    const char *tail[] = { old_value, new_value, source, locator, quote };
    for (int i = 0; i < 5; i++)
        if (tail[i])
            sqlite3_bind_text(st, 9 + i, tail[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 9 + i);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return step == SQLITE_DONE ? 0 : cs_store_fail(w->store, "recording a revision");
}

static int differ(const char *a, const char *b)
{
    return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

/* The file's name without its folders: where the memberships came from, not whose disk. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Counts an added membership for its cluster's summary revision (no database access: the bulk
 * thread may hold the connection). */
static int tally_membership(cs_store_writer *w, const cs_record *rec)
{
    const char *cluster = rec->values[0];
    cs_keymap_value *v = cs_keymap_get(w->history.added, cluster, strlen(cluster));
    if (!v) {
        if (w->history.n_tally == w->history.cap_tally) {
            size_t cap = w->history.cap_tally ? 2 * w->history.cap_tally : 64;
            cs_history_tally *t = realloc(w->history.tally, cap * sizeof *t);
            if (!t)
                return cs_error_set(CS_ENOMEM, "out of memory");
            w->history.tally = t;
            w->history.cap_tally = cap;
        }
        if (!(v = cs_keymap_put(w->history.added, cluster, strlen(cluster))))
            return CS_ENOMEM;
        cs_history_tally *t = &w->history.tally[w->history.n_tally];
        memset(t, 0, sizeof *t);
        if (!(t->cluster = strdup(cluster)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        v->id = (int64_t)w->history.n_tally++;
    }
    cs_history_tally *t = &w->history.tally[v->id];
    const char *source = cs_writer_value(rec, 6);
    if (t->count == 0 && source && !(t->source = strdup(source)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    if (t->count > 0 && differ(t->source, source))
        t->mixed_sources = 1;
    /* put_membership has entered the file in membership_files */
    for (size_t i = 0; i < w->n_membership_files; i++)
        if (w->membership_files[i] == rec->file)
            t->files |= (uint64_t)1 << i;
    t->count++;
    return 0;
}

int cs_history_after(cs_store_writer *w, const cs_record *rec, cs_store_outcome outcome)
{
    if (outcome != CS_STORE_INSERTED && outcome != CS_STORE_UPDATED)
        return 0;
    cs_record_kind k = rec->spec->kind;
    if (k == CS_KIND_MEMBERSHIPS && outcome == CS_STORE_INSERTED)
        return tally_membership(w, rec);
    if (k == CS_KIND_MEMBERSHIPS) {
        /* the organisation joined (or its membership changed): role as the value */
        const char *role = cs_writer_value(rec, 2) ? rec->values[2] : "member";
        return add(w, "cluster", rec->values[0], "membership", rec->values[1], 0, NULL, role,
                   cs_writer_value(rec, 6), NULL, NULL);
    }
    if (k != CS_KIND_CLUSTERS && k != CS_KIND_FACTS)
        return 0;
    cs_history_row *before = &w->history.before, *after = &w->history.after;
    if (outcome == CS_STORE_INSERTED)
        before->found = 0;
    int rc = read_record_row(w, after, rec);
    if (rc || !after->found)
        return rc;
    if (k == CS_KIND_CLUSTERS) {
        for (int i = 0; !rc && i < (int)N_CLUSTER_COLUMNS; i++)
            if (differ(cell(before, i), cell(after, i)))
                rc = add(w, "cluster", rec->values[0], "profile", cluster_columns[i], 0,
                         cell(before, i), cell(after, i), cell(after, 13), NULL, NULL);
        return rc;
    }
    /* a fact: one revision whatever changed (value, status, source, locator, quote, note) */
    int changed = !before->found;
    for (int i = 0; !changed && i < 6; i++)
        changed = differ(cell(before, i), cell(after, i));
    if (!changed)
        return 0;
    const char *year = cs_writer_value(rec, 3);
    return add(w, rec->values[0], rec->values[1], "fact", rec->values[2],
               year ? strtoll(year, NULL, 10) : 0, cell(before, 0), cell(after, 0), cell(after, 2),
               cell(after, 3), cell(after, 4));
}

static int by_cluster(const void *a, const void *b)
{
    return strcmp(((const cs_history_tally *)a)->cluster, ((const cs_history_tally *)b)->cluster);
}

int cs_history_end(cs_store_writer *w)
{
    if (!w->history.n_tally)
        return 0;
    /* one revision per cluster, in key order: the same import writes the same rows */
    qsort(w->history.tally, w->history.n_tally, sizeof *w->history.tally, by_cluster);
    cs_buf files = CS_BUF_INIT, count = CS_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; !rc && i < w->history.n_tally; i++) {
        const cs_history_tally *t = &w->history.tally[i];
        cs_buf_reset(&files);
        cs_buf_reset(&count);
        rc = cs_buf_puts(&files, "");
        for (size_t f = 0; !rc && f < w->n_membership_files; f++)
            if (t->files >> f & 1)
                rc = cs_buf_printf(&files, "%s%s", files.len ? ", " : "",
                                   base_name(w->membership_files[f]));
        rc = rc ? rc : cs_buf_printf(&count, "%zu", t->count);
        rc = rc ? rc
                : add(w, "cluster", t->cluster, "membership", "*", 0, NULL, cs_buf_str(&count),
                      t->mixed_sources ? NULL : t->source, cs_buf_str(&files), NULL);
    }
    cs_buf_free(&files);
    cs_buf_free(&count);
    return rc;
}

/* ---- reading ---- */

int cs_store_history(cs_revision_list **out, cs_store *store, const char *cluster_key)
{
    *out = NULL;
    sqlite3 *db = cs_store_db(store);
    sqlite3_stmt *st = NULL;
    int rc = cs_store_cluster_exists(store, cluster_key, "reading the history");
    if (rc)
        return rc;
    cs_revision_list *list = NULL;
    rc = cs_revision_list_new(&list);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, time, author, action, target, field, year, old_value, "
                           "new_value, source, locator, quote, reverts FROM revision WHERE "
                           "subject_kind = 'cluster' AND subject = ?1 ORDER BY id DESC",
                           -1, &st, NULL) != SQLITE_OK) {
        cs_revision_list_free(list);
        return cs_store_fail(store, "reading the history");
    }
    sqlite3_bind_text(st, 1, cluster_key, -1, SQLITE_STATIC);
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        cs_revision_info r = { 0 };
        r.id = sqlite3_column_int64(st, 0);
        r.time = (const char *)sqlite3_column_text(st, 1);
        r.author = (const char *)sqlite3_column_text(st, 2);
        r.action = (const char *)sqlite3_column_text(st, 3);
        r.target = (const char *)sqlite3_column_text(st, 4);
        r.field = (const char *)sqlite3_column_text(st, 5);
        r.year = sqlite3_column_int(st, 6);
        r.has_old = sqlite3_column_type(st, 7) != SQLITE_NULL;
        r.old_value = (const char *)sqlite3_column_text(st, 7);
        r.has_new = sqlite3_column_type(st, 8) != SQLITE_NULL;
        r.new_value = (const char *)sqlite3_column_text(st, 8);
        r.source = (const char *)sqlite3_column_text(st, 9);
        r.locator = (const char *)sqlite3_column_text(st, 10);
        r.quote = (const char *)sqlite3_column_text(st, 11);
        r.reverts = sqlite3_column_int64(st, 12);
        rc = cs_revision_list_add(list, &r);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading the history");
    sqlite3_finalize(st);
    if (rc) {
        cs_revision_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
}
