/*
 * store_bulk.c: the bulk path of a store writer, for a kind whose table is empty when the session
 * begins. Organisations go to a second thread with ids the writer assigns, their key index
 * dropped and rebuilt once; memberships are held, sorted by (cluster id, organisation id) and
 * appended in row-id order, which finds duplicate pairs as neighbours.
 */
#include "store/writer_internal.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const bulk_index_sql[CS_KIND_COUNT][2] = {
    [CS_KIND_ORGANISATIONS] = { "DROP INDEX organisation_key",
                                "CREATE UNIQUE INDEX organisation_key ON organisation (key)" },
    /* the primary key is the table (WITHOUT ROWID) and stays; the measure index is built once */
    [CS_KIND_STATISTICS] = { "DROP INDEX statistic_measure",
                             "CREATE INDEX statistic_measure ON statistic (measure, year)" },
};

/* ?1 cluster id, ?2 organisation id, ?3.. role, value_chain_stage, joined, left, source */
static const char membership_append[] =
    "INSERT INTO membership (pair, cluster_id, organisation_id, role, value_chain_stage, "
    "joined, left_on, source) VALUES (?1 * 4294967296 + ?2, ?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char organisation_append[] =
    "INSERT INTO organisation (id, key, name, type, activities, country, website, source, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

static int prepare(cs_store_writer *w, sqlite3_stmt **st, const char *sql)
{
    if (sqlite3_prepare_v3(w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return cs_store_fail(w->store, "preparing an import statement");
    return 0;
}

/* ?1 unused (the thread binds a row id), ?2.. the statistic's columns in record order; an
 * unknown classification is '' and an undated year 0, as on the ordinary path */
static const char statistic_append[] =
    "INSERT INTO statistic (region, classification, industry, year, measure, value, source, "
    "status, locator, note) VALUES (?2, coalesce(?3, ''), ?4, coalesce(?5, 0), ?6, ?7, ?8, ?9, "
    "?10, ?11)";

/* The column the thread binds as a double: the value, read from its canonical text. */
#define STATISTIC_VALUE_COLUMN 5
/* Rows of one INSERT statement on the bulk path (a divisor of the writer's batch). */
#define STATISTIC_ROWS 32

/* The INSERT of STATISTIC_ROWS statistics: row k binds parameters k * 11 + 1 (unused) to
 * k * 11 + 11, as statistic_append binds 1 to 11. */
static int prepare_statistic_many(cs_store_writer *w)
{
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_puts(&b, "INSERT INTO statistic (region, classification, industry, year, "
                             "measure, value, source, status, locator, note) VALUES ");
    for (int k = 0; !rc && k < STATISTIC_ROWS; k++) {
        int p = k * 11;
        rc = cs_buf_printf(&b,
                           "%s(?%d, coalesce(?%d, ''), ?%d, coalesce(?%d, 0), ?%d, ?%d, ?%d, ?%d, "
                           "?%d, ?%d)",
                           k ? ", " : "", p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9,
                           p + 10, p + 11);
    }
    rc = rc ? rc : prepare(w, &w->statistic_append_many, cs_buf_str(&b));
    cs_buf_free(&b);
    return rc;
}

int cs_writer_start_bulk(cs_store_writer *w, cs_record_kind kind)
{
    if (kind == CS_KIND_STATISTICS) {
        int rc = 0;
        if (!w->append[kind]) {
            rc = cs_store_exec(w->store, bulk_index_sql[kind][0]);
            w->index_dropped[kind] = !rc;
            rc = rc ? rc : prepare(w, &w->append[kind], statistic_append);
        }
        if (!rc && !w->statistic_append_many)
            rc = prepare_statistic_many(w);
        rc = rc ? rc
                : cs_bulk_writer_start(&w->thread, w->store, w->append[kind],
                                       (int)cs_kind_spec_get(kind)->n_columns,
                                       1u << STATISTIC_VALUE_COLUMN);
        if (!rc)
            cs_bulk_writer_many(w->thread, w->statistic_append_many, STATISTIC_ROWS);
        return rc;
    }
    if (kind == CS_KIND_MEMBERSHIPS)
        return prepare(w, &w->append[kind], membership_append);
    if (kind != CS_KIND_ORGANISATIONS)
        return cs_error_set(CS_ERROR, "internal: no bulk path for %s",
                            cs_kind_spec_get(kind)->name);
    int rc = cs_store_exec(w->store, bulk_index_sql[kind][0]);
    if (rc)
        return rc;
    w->index_dropped[kind] = 1;
    if ((rc = prepare(w, &w->append[kind], organisation_append)))
        return rc;
    /* the table is empty: ids start after any row id SQLite handed out before */
    sqlite3_stmt *st = NULL;
    if ((rc = prepare(w, &st, "SELECT coalesce(max(id), 0) + 1 FROM organisation")))
        return rc;
    w->next_organisation_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
    sqlite3_finalize(st);
    w->search.new_from = w->next_organisation_id; /* to: where the ids end (writer_end) */
    return cs_bulk_writer_start(&w->thread, w->store, w->append[kind],
                                (int)cs_kind_spec_get(kind)->n_columns, 0);
}

int cs_writer_push_organisation(cs_store_writer *w, const cs_record *rec, int64_t id)
{
    const char *values[CS_RECORD_MAX_COLUMNS];
    for (size_t i = 0; i < rec->spec->n_columns; i++)
        values[i] = cs_writer_value(rec, (int)i);
    return cs_bulk_writer_push(w->thread, id, values);
}

static const char *const member_roles[] = { "member", "anchor", "partner" };

/* LSD radix sort on the 64-bit pair, 8 bits a pass (256 buckets stay in cache): stable, so
 * arrival order breaks ties and the first of two duplicates stays first. Passes where every key
 * has the same digit are skipped: ids rarely use more than five of the eight bytes. */
static int sort_pending(struct pending_membership *a, size_t n)
{
    struct pending_membership *const original = a;
    struct pending_membership *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return cs_error_set(CS_ENOMEM, "out of memory sorting memberships");
    size_t count[8][256] = { { 0 } };
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < 8; d++)
            count[d][(a[i].pair >> (8 * d)) & 0xff]++;
    for (int d = 0; d < 8; d++) {
        if (count[d][(a[0].pair >> (8 * d)) & 0xff] == n)
            continue;
        size_t sum = 0;
        for (size_t b = 0; b < 256; b++) {
            size_t c = count[d][b];
            count[d][b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[d][(a[i].pair >> (8 * d)) & 0xff]++] = a[i];
        struct pending_membership *swap = a;
        a = tmp;
        tmp = swap;
    }
    /* after an odd number of passes the sorted data sits in the scratch buffer */
    if (a != original) {
        memcpy(original, a, n * sizeof *a);
        tmp = a;
    }
    free(tmp);
    return 0;
}

/* Describes two held memberships with the same pair, for the caller to report. */
static int duplicate_pair(cs_store_conflict *conflict, cs_store_writer *w,
                          const struct pending_membership *first,
                          const struct pending_membership *again)
{
    sqlite3_stmt *st = NULL;
    snprintf(conflict->key, sizeof conflict->key, "?");
    if (sqlite3_prepare_v2(w->db, "SELECT key FROM organisation WHERE id = ?1", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)(again->pair & 0xffffffffu));
        if (sqlite3_step(st) == SQLITE_ROW)
            snprintf(conflict->key, sizeof conflict->key, "%s", sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    const char *text = cs_buf_str(&w->pending_text);
    snprintf(conflict->first_key, sizeof conflict->first_key, "?");
    if (sqlite3_prepare_v2(w->db, "SELECT key FROM cluster WHERE id = ?1", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)(again->pair >> 32));
        if (sqlite3_step(st) == SQLITE_ROW)
            snprintf(conflict->first_key, sizeof conflict->first_key, "%s",
                     sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    conflict->first_file = w->membership_files[(unsigned char)text[first->text + 1]];
    conflict->again_file = w->membership_files[(unsigned char)text[again->text + 1]];
    conflict->first_line = first->line;
    conflict->again_line = again->line;
    return CS_EDATA;
}

/* Sorting in C and appending in key order is several times faster than letting SQLite build
 * the primary key from random-order inserts, and finds duplicates as neighbours. */
static int flush_memberships(cs_store_conflict *conflict, cs_store_writer *w)
{
    if (!w->n_pending)
        return 0;
    int rc = sort_pending(w->pending, w->n_pending);
    if (rc)
        return rc;
    for (size_t i = 1; i < w->n_pending; i++)
        if (w->pending[i].pair == w->pending[i - 1].pair)
            return duplicate_pair(conflict, w, &w->pending[i - 1], &w->pending[i]);
    sqlite3_stmt *st = w->append[CS_KIND_MEMBERSHIPS];
    const char *text = cs_buf_str(&w->pending_text);
    for (size_t i = 0; i < w->n_pending; i++) {
        const struct pending_membership *m = &w->pending[i];
        sqlite3_bind_int64(st, 1, (sqlite3_int64)(m->pair >> 32));
        sqlite3_bind_int64(st, 2, (sqlite3_int64)(m->pair & 0xffffffffu));
        const char *p = text + m->text;
        sqlite3_bind_text(st, 3, member_roles[(unsigned char)p[0]], -1, SQLITE_STATIC);
        unsigned char source = (unsigned char)p[2];
        p += 3;
        for (int c = 4; c <= 7; c++) {
            const char *v = p;
            if (c == 7 && source != 255)
                v = w->pending_sources[source];
            else
                p += strlen(p) + 1;
            if (*v)
                sqlite3_bind_text(st, c, v, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, c);
        }
        int step = sqlite3_step(st);
        sqlite3_reset(st);
        if (step != SQLITE_DONE)
            return cs_store_fail(w->store, "writing memberships");
    }
    /* every one is new: their pairs go to the search index's update, in the same memory */
    uint64_t *links = (uint64_t *)(void *)w->pending;
    size_t n = w->n_pending;
    for (size_t i = 0; i < n; i++) {
        uint64_t pair = w->pending[i].pair;
        memcpy(&links[i], &pair, sizeof pair);
    }
    w->n_pending = 0;
    if (!w->search.n_links) {
        free(w->search.links);
        w->search.links = links;
        w->search.n_links = n;
        w->search.cap_links = 2 * w->cap_pending;
        w->pending = NULL;
        w->cap_pending = 0;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        if (cs_search_changes_link(&w->search, links[i]))
            return CS_ENOMEM;
    return 0;
}

int cs_writer_hold_membership(cs_store_writer *w, const cs_record *rec, const int64_t ids[2],
                              size_t file)
{
    if (w->n_pending == w->cap_pending) {
        size_t cap = w->cap_pending ? w->cap_pending * 2 : 4096;
        struct pending_membership *p =
            cap <= UINT32_MAX ? realloc(w->pending, cap * sizeof *p) : NULL;
        if (!p)
            return cs_error_set(CS_ENOMEM, "out of memory holding memberships");
        w->pending = p;
        w->cap_pending = cap;
    }
    if (rec->line > UINT32_MAX || w->pending_text.len > UINT32_MAX - 4096)
        return cs_error_set(CS_ENOMEM, "%s: too much membership data for one import", rec->file);
    struct pending_membership *m = &w->pending[w->n_pending++];
    m->pair = (uint64_t)ids[0] << 32 | (uint64_t)ids[1];
    m->line = (uint32_t)(rec->line > 0 ? rec->line : (long)rec->index + 1);
    m->text = (uint32_t)w->pending_text.len;
    const char *role = cs_writer_value(rec, 2) ? rec->values[2] : "member";
    const char *source = cs_writer_value(rec, 6) ? rec->values[6] : "";
    size_t code = 0;
    while (code < w->n_pending_sources && strcmp(w->pending_sources[code], source) != 0)
        code++;
    if (code == w->n_pending_sources && code < 255) {
        if (!(w->pending_sources[code] = strdup(source)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        w->n_pending_sources++;
    }
    char head[3] = { (char)(strcmp(role, "anchor") == 0    ? 1
                            : strcmp(role, "partner") == 0 ? 2
                                                           : 0),
                     (char)file, (char)(unsigned char)code };
    if (cs_buf_append(&w->pending_text, head, 3))
        return CS_ENOMEM;
    for (int c = 3; c < (code < 255 ? 6 : 7); c++) {
        const char *v = cs_writer_value(rec, c) ? rec->values[c] : "";
        if (cs_buf_append(&w->pending_text, v, strlen(v) + 1))
            return CS_ENOMEM;
    }
    return 0;
}

static uint64_t key_hash(const char *key, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 1099511628211ULL;
    h ^= h >> 31;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 29;
    return h;
}

/* The slot of hash h: where it is, or the empty slot where it would go. */
static size_t statistic_slot(const cs_store_writer *w, uint64_t h)
{
    size_t mask = w->statistic_cap - 1, i = (size_t)h & mask;
    while (w->statistic_line[i] && w->statistic_hash[i] != h)
        i = (i + 1) & mask;
    return i;
}

static int grow_statistic_table(cs_store_writer *w)
{
    size_t cap = w->statistic_cap ? 2 * w->statistic_cap : 65536;
    uint64_t *hash = malloc(cap * sizeof *hash);
    uint32_t *line = calloc(cap, sizeof *line);
    if (!hash || !line) {
        free(hash);
        free(line);
        return cs_error_set(CS_ENOMEM, "out of memory checking statistics' keys");
    }
    uint64_t *old_hash = w->statistic_hash;
    uint32_t *old_line = w->statistic_line;
    size_t old_cap = w->statistic_cap;
    w->statistic_hash = hash;
    w->statistic_line = line;
    w->statistic_cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (!old_line[i])
            continue;
        size_t j = statistic_slot(w, old_hash[i]);
        hash[j] = old_hash[i];
        line[j] = old_line[i];
    }
    free(old_hash);
    free(old_line);
    return 0;
}

/* Whether the statistic's key is among the rows written: 1, 0 or an error code. */
static int statistic_written(cs_store_writer *w, const cs_record *rec)
{
    int rc = cs_writer_await_thread(w);
    if (!rc && !w->statistic_find)
        rc = prepare(w, &w->statistic_find,
                     "SELECT 1 FROM statistic WHERE region = ?1 AND classification = ?2 AND "
                     "industry = ?3 AND year = ?4 AND measure = ?5");
    if (rc)
        return rc;
    sqlite3_stmt *st = w->statistic_find;
    const char *classification = cs_writer_value(rec, 1), *year = cs_writer_value(rec, 3);
    sqlite3_bind_text(st, 1, rec->values[0], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, classification ? classification : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, rec->values[2], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, year ? strtoll(year, NULL, 10) : 0);
    sqlite3_bind_text(st, 5, rec->values[4], -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return cs_store_fail(w->store, "reading statistics");
    return step == SQLITE_ROW;
}

int cs_writer_put_statistic(cs_store_outcome *outcome, long *first, cs_store_writer *w,
                            const cs_record *rec, const char *key, size_t len)
{
    int rc = 0;
    if (4 * (w->statistic_count + 1) > 3 * w->statistic_cap && (rc = grow_statistic_table(w)))
        return rc;
    uint64_t h = key_hash(key, len);
    size_t i = statistic_slot(w, h);
    if (w->statistic_line[i]) {
        int written = statistic_written(w, rec);
        if (written < 0)
            return written;
        if (written) {
            *outcome = CS_STORE_DUPLICATE;
            *first = w->statistic_line[i];
            return 0;
        }
        /* another key with the same hash: written all the same, its own duplicates caught by
         * the primary key (a message without the first line, about once in 10^12 imports) */
    } else {
        long line = rec->line > 0 ? rec->line : (long)rec->index + 1;
        w->statistic_hash[i] = h;
        w->statistic_line[i] = line > 0 && line < UINT32_MAX ? (uint32_t)line : UINT32_MAX;
        w->statistic_count++;
    }
    if (!w->thread && (rc = cs_writer_start_bulk(w, CS_KIND_STATISTICS)))
        return rc;
    const char *values[CS_RECORD_MAX_COLUMNS];
    for (size_t c = 0; c < rec->spec->n_columns; c++)
        values[c] = cs_writer_value(rec, (int)c);
    *outcome = CS_STORE_INSERTED;
    return cs_bulk_writer_push(w->thread, 0, values);
}

void cs_writer_prefetch_statistic(cs_store_writer *w, const cs_record *rec)
{
    if (!w->statistic_cap)
        return;
    /* the key as session_key() makes it; a value not yet in its canonical text only makes the
     * prefetch miss */
    char key[512];
    size_t n = 0;
    for (size_t c = 0; c < rec->spec->n_key_columns; c++) {
        const char *v = rec->values[c] ? rec->values[c] : "";
        size_t len = strlen(v);
        if (n + len + 1 > sizeof key)
            return;
        if (c)
            key[n++] = CS_RECORD_KEY_SEP[0];
        memcpy(key + n, v, len);
        n += len;
    }
    size_t i = (size_t)key_hash(key, n) & (w->statistic_cap - 1);
    __builtin_prefetch(&w->statistic_hash[i]);
    __builtin_prefetch(&w->statistic_line[i]);
}

static void free_statistic_table(cs_store_writer *w)
{
    free(w->statistic_hash);
    free(w->statistic_line);
    w->statistic_hash = NULL;
    w->statistic_line = NULL;
    w->statistic_cap = w->statistic_count = 0;
    sqlite3_finalize(w->statistic_find);
    w->statistic_find = NULL;
    sqlite3_finalize(w->statistic_append_many);
    w->statistic_append_many = NULL;
}

int cs_writer_end_bulk(cs_store_conflict *conflict, cs_store_writer *w, cs_record_kind kind)
{
    if (kind == CS_KIND_ORGANISATIONS && w->thread && w->index_dropped[kind]) {
        /* the thread rebuilds the index on its own time; memberships need only the key map */
        w->index_dropped[kind] = 0;
        w->bulk[kind] = 0;
        return cs_bulk_writer_finish(w->thread, bulk_index_sql[kind][1]);
    }
    int rc = cs_writer_await_thread(w);
    if (rc)
        return rc;
    if (kind == CS_KIND_STATISTICS && w->bulk[kind])
        free_statistic_table(w);
    if (kind == CS_KIND_MEMBERSHIPS && w->bulk[kind]) {
        rc = flush_memberships(conflict, w);
        w->bulk[kind] = 0;
        return rc;
    }
    if (!w->index_dropped[kind])
        return 0;
    w->index_dropped[kind] = 0;
    w->bulk[kind] = 0;
    return cs_store_exec(w->store, bulk_index_sql[kind][1]);
}

void cs_writer_free_bulk(cs_store_writer *w)
{
    if (w->thread)
        cs_bulk_writer_join(w->thread, 1);
    w->thread = NULL;
    free_statistic_table(w);
    free(w->pending);
    for (size_t i = 0; i < w->n_pending_sources; i++)
        free(w->pending_sources[i]);
    cs_buf_free(&w->pending_text);
}
