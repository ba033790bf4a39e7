#include "ingest/importer.h"

#include "ingest/bulk_writer.h"

#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "store/store_internal.h"
#include "util/buf.h"
#include "util/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Invariants during an import:
 *  - keys[kind] maps every key this import may refer to (preloaded from the registry for the
 *    small kinds, filled lazily for organisations) to its row id; value.line != 0 marks a key
 *    already written by this import, which is how duplicates are caught without a second pass.
 *  - Nothing is visible to other connections until the transaction commits.
 */

typedef struct {
    cs_fact_type type;
    char *levels;
} fact_definition_info;

/* A membership held for the sorted bulk load: 16 bytes to sort, the rest in side arrays. */
struct pending_membership {
    uint64_t pair; /* cluster_id << 32 | organisation_id */
    uint32_t text; /* offset in pending_text of: role byte, file byte, then four strings */
    uint32_t line;
};

struct cs_importer {
    cs_store *store;
    sqlite3 *db;
    cs_import_stats *stats;
    int own_transaction;
    cs_keymap *keys[CS_KIND_COUNT];
    sqlite3_stmt *upsert[CS_KIND_COUNT];
    sqlite3_stmt *find_organisation;
    sqlite3_stmt *facts_using_definition;
    /* Bulk mode, per kind: the table was empty at the start, so its unique index is dropped
     * while rows are appended and rebuilt once at the end of the kind (cs_importer_end_kind).
     * Duplicates within the import are still caught, by the key maps. */
    int bulk[CS_KIND_COUNT];
    int index_dropped[CS_KIND_COUNT];
    sqlite3_stmt *append[CS_KIND_COUNT];
    cs_u64set *membership_pairs; /* pairs written outside bulk mode, for duplicates */
    /* Bulk organisations are written by a second thread (the importer assigns their ids, as
     * the table was empty), which then rebuilds their key index while this thread reads the
     * memberships. Until cs_importer_await_writer() the connection belongs to that thread. */
    cs_bulk_writer *writer;
    int64_t next_organisation_id;
    /* bulk memberships wait here until the end of their kind, then go in sorted */
    struct pending_membership *pending;
    size_t n_pending, cap_pending;
    const char *pending_files[64];
    size_t n_pending_files;
    /* sources repeat across memberships: each is kept once, and a membership holds its code
     * (code 255: the source string follows inline) */
    char *pending_sources[255];
    size_t n_pending_sources;
    /* per membership, in arrival order: role (1 byte, index into member_roles), file (1 byte,
     * index into pending_files), source code (1 byte), then value_chain_stage, joined, left and
     * (for code 255 only) source, each NUL-terminated; one blob, so the sorted write touches one
     * place per membership */
    cs_buf pending_text;
    fact_definition_info *defs; /* indexed by keys[CS_KIND_FACT_DEFINITIONS] ids */
    size_t n_defs, cap_defs;
    cs_buf scratch;
};

/* Table columns in spec column order (the spec's names are what users write). */
static const char *const table_columns[CS_KIND_COUNT][CS_RECORD_MAX_COLUMNS] = {
    [CS_KIND_FACT_DEFINITIONS] = { "name", "subject_kind", "type", "levels", "unit", "label_en",
                                   "label_ru", "description" },
    [CS_KIND_SOURCES] = { "key", "title", "document", "locator", "url", "date", "publisher",
                          "note" },
    [CS_KIND_COUNTRIES] = { "code", "name_en", "name_ru" },
    [CS_KIND_REGIONS] = { "key", "country", "name_en", "name_ru" },
    [CS_KIND_CLUSTERS] = { "key", "name_en", "name_ru", "country", "region", "city", "lat", "lon",
                           "founded", "website", "cluster_organisation", "kind", "specialisation",
                           "stage", "source", "note" },
    [CS_KIND_ORGANISATIONS] = { "key", "name", "type", "activities", "country", "website", "source",
                                "note" },
    /* memberships have their own statements (membership_sql): the row id is the pair */
    [CS_KIND_MEMBERSHIPS] = { "cluster_id", "organisation_id", "role", "value_chain_stage",
                              "joined", "left_on", "source" },
    [CS_KIND_FACTS] = { "subject_kind", "subject", "name", "year", "value", "status", "source",
                        "locator", "quote", "note" },
};

static const char *key_sql(cs_record_kind kind)
{
    switch (kind) {
    case CS_KIND_FACT_DEFINITIONS:
        return "SELECT subject_kind || char(31) || name, 0, type, levels FROM fact_definition";
    case CS_KIND_SOURCES:
        return "SELECT key, id FROM source";
    case CS_KIND_COUNTRIES:
        return "SELECT code, 0 FROM country";
    case CS_KIND_REGIONS:
        return "SELECT key, 0 FROM region";
    case CS_KIND_CLUSTERS:
        return "SELECT key, id FROM cluster";
    default:
        return NULL;
    }
}

static int add_definition(cs_importer *imp, cs_keymap_value *slot, const char *type,
                          const char *levels)
{
    if (imp->n_defs == imp->cap_defs) {
        size_t cap = imp->cap_defs ? imp->cap_defs * 2 : 64;
        fact_definition_info *d = realloc(imp->defs, cap * sizeof *d);
        if (!d)
            return cs_error_set(CS_ENOMEM, "out of memory");
        imp->defs = d;
        imp->cap_defs = cap;
    }
    fact_definition_info *d = &imp->defs[imp->n_defs];
    if (cs_fact_type_parse(&d->type, type))
        return cs_error_set(CS_EDB, "registry holds a fact definition of unknown type '%s'", type);
    d->levels = strdup(levels ? levels : "");
    if (!d->levels)
        return cs_error_set(CS_ENOMEM, "out of memory");
    slot->id = (int64_t)imp->n_defs++;
    return 0;
}

static int preload(cs_importer *imp, cs_record_kind kind)
{
    const char *sql = key_sql(kind);
    if (!sql)
        return 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(imp->db, sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(imp->store, "reading registry keys");
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        cs_keymap_value *v = cs_keymap_put(imp->keys[kind], key, strlen(key));
        if (!v) {
            rc = CS_ENOMEM;
            break;
        }
        v->id = sqlite3_column_int64(st, 1);
        if (kind == CS_KIND_FACT_DEFINITIONS &&
            (rc = add_definition(imp, v, (const char *)sqlite3_column_text(st, 2),
                                 (const char *)sqlite3_column_text(st, 3))))
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(imp->store, "reading registry keys");
    sqlite3_finalize(st);
    return rc;
}

/* INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE something differs: an identical re-import
 * then changes no row, and sqlite3_changes() tells unchanged from written. */
static int prepare(cs_importer *imp, sqlite3_stmt **st, const char *sql)
{
    if (sqlite3_prepare_v3(imp->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return cs_store_fail(imp->store, "preparing an import statement");
    return 0;
}

/* ?1 cluster id, ?2 organisation id, ?3.. role, value_chain_stage, joined, left, source */
#define MEMBERSHIP_INSERT                                                                          \
    "INSERT INTO membership (pair, cluster_id, organisation_id, role, value_chain_stage, "         \
    "joined, left_on, source) VALUES (?1 * 4294967296 + ?2, ?1, ?2, ?3, ?4, ?5, ?6, ?7)"

static int prepare_upsert(cs_importer *imp, cs_record_kind kind)
{
    if (kind == CS_KIND_MEMBERSHIPS)
        return prepare(imp, &imp->upsert[kind],
                       MEMBERSHIP_INSERT
                       " ON CONFLICT (pair) DO UPDATE SET role = excluded.role, "
                       "value_chain_stage = excluded.value_chain_stage, joined = excluded.joined, "
                       "left_on = excluded.left_on, source = excluded.source WHERE "
                       "membership.role IS NOT excluded.role OR membership.value_chain_stage IS "
                       "NOT excluded.value_chain_stage OR membership.joined IS NOT excluded.joined "
                       "OR membership.left_on IS NOT excluded.left_on OR membership.source IS NOT "
                       "excluded.source");
    const cs_kind_spec *spec = cs_kind_spec_get(kind);
    const char *const *cols = table_columns[kind];
    cs_buf *b = &imp->scratch;
    cs_buf_reset(b);
    int rc = cs_buf_printf(b, "INSERT INTO %s (", spec->table);
    for (size_t i = 0; !rc && i < spec->n_columns; i++)
        rc = cs_buf_printf(b, "%s%s", i ? ", " : "", cols[i]);
    rc = rc ? rc : cs_buf_puts(b, ") VALUES (");
    for (size_t i = 0; !rc && i < spec->n_columns; i++)
        rc = cs_buf_printf(b, "%s?%zu", i ? ", " : "", i + 1);
    rc = rc ? rc : cs_buf_puts(b, ") ON CONFLICT (");
    for (size_t i = 0; !rc && i < spec->n_key_columns; i++)
        rc = cs_buf_printf(b, "%s%s", i ? ", " : "", cols[i]);
    if (spec->n_key_columns == spec->n_columns) {
        rc = rc ? rc : cs_buf_puts(b, ") DO NOTHING");
    } else {
        rc = rc ? rc : cs_buf_puts(b, ") DO UPDATE SET ");
        for (size_t i = spec->n_key_columns; !rc && i < spec->n_columns; i++)
            rc = cs_buf_printf(b, "%s%s = excluded.%s", i > spec->n_key_columns ? ", " : "",
                               cols[i], cols[i]);
        rc = rc ? rc : cs_buf_puts(b, " WHERE ");
        for (size_t i = spec->n_key_columns; !rc && i < spec->n_columns; i++)
            rc =
                cs_buf_printf(b, "%s%s.%s IS NOT excluded.%s",
                              i > spec->n_key_columns ? " OR " : "", spec->table, cols[i], cols[i]);
    }
    if (rc)
        return rc;
    if (sqlite3_prepare_v3(imp->db, cs_buf_str(b), -1, SQLITE_PREPARE_PERSISTENT,
                           &imp->upsert[kind], NULL) != SQLITE_OK)
        return cs_store_fail(imp->store, "preparing an import statement");
    return 0;
}

/* Takes the connection back from the writer thread, with its result. */
static int await_writer(cs_importer *imp)
{
    if (!imp->writer)
        return 0;
    int rc = cs_bulk_writer_join(imp->writer, 0);
    imp->writer = NULL;
    return rc;
}

static void importer_free(cs_importer *imp)
{
    if (imp->writer)
        cs_bulk_writer_join(imp->writer, 1);
    for (int k = 0; k < CS_KIND_COUNT; k++) {
        cs_keymap_free(imp->keys[k]);
        sqlite3_finalize(imp->upsert[k]);
        sqlite3_finalize(imp->append[k]);
    }
    cs_u64set_free(imp->membership_pairs);
    free(imp->pending);
    for (size_t i = 0; i < imp->n_pending_sources; i++)
        free(imp->pending_sources[i]);
    cs_buf_free(&imp->pending_text);
    sqlite3_finalize(imp->find_organisation);
    sqlite3_finalize(imp->facts_using_definition);
    for (size_t i = 0; i < imp->n_defs; i++)
        free(imp->defs[i].levels);
    free(imp->defs);
    cs_buf_free(&imp->scratch);
    free(imp);
}

int cs_importer_begin(cs_importer **out, cs_store *store, cs_import_stats *stats,
                      int own_transaction)
{
    *out = NULL;
    cs_importer *imp = calloc(1, sizeof *imp);
    if (!imp)
        return cs_error_set(CS_ENOMEM, "out of memory");
    imp->store = store;
    imp->db = cs_store_db(store);
    imp->stats = stats;
    int rc = 0;
    if (own_transaction) {
        /* The importer checks every reference itself (with file:line:column messages) before
         * writing, so SQLite's per-row foreign-key seeks would only repeat that work; the pragma
         * only takes effect outside a transaction, and is restored in cs_importer_end(). */
        if ((rc = cs_store_exec(store, "PRAGMA foreign_keys = OFF"))) {
            importer_free(imp);
            return rc;
        }
        if ((rc = cs_store_begin(store))) {
            cs_store_exec(store, "PRAGMA foreign_keys = ON");
            importer_free(imp);
            return rc;
        }
        imp->own_transaction = 1;
    }
    for (int k = 0; !rc && k < CS_KIND_COUNT; k++) {
        rc = cs_keymap_new(&imp->keys[k]);
        rc = rc ? rc : preload(imp, (cs_record_kind)k);
        rc = rc ? rc : prepare_upsert(imp, (cs_record_kind)k);
    }
    rc = rc ? rc
            : prepare(imp, &imp->find_organisation, "SELECT id FROM organisation WHERE key = ?1");
    rc = rc ? rc
            : prepare(imp, &imp->facts_using_definition,
                      "SELECT count(*) FROM fact WHERE subject_kind = ?1 AND name = ?2");
    rc = rc ? rc : cs_u64set_new(&imp->membership_pairs);
    for (int k = CS_KIND_ORGANISATIONS; !rc && k <= CS_KIND_MEMBERSHIPS; k++) {
        sqlite3_stmt *st = NULL;
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT NOT EXISTS (SELECT 1 FROM %s)",
                 cs_kind_spec_get((cs_record_kind)k)->table);
        rc = prepare(imp, &st, sql);
        if (!rc) {
            imp->bulk[k] = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
            sqlite3_finalize(st);
        }
    }
    if (rc) {
        cs_importer_end(imp, 0);
        return rc;
    }
    *out = imp;
    return 0;
}

static const char *value(const cs_record *rec, int i)
{
    const char *v = rec->values[i];
    return v && *v ? v : NULL;
}

static const char *const bulk_index_sql[CS_KIND_COUNT][2] = {
    [CS_KIND_ORGANISATIONS] = { "DROP INDEX organisation_key",
                                "CREATE UNIQUE INDEX organisation_key ON organisation (key)" },
};

/* Enters bulk mode for the kind on its first record: drop the index, prepare a plain INSERT. */
static int start_bulk(cs_importer *imp, cs_record_kind kind)
{
    const cs_kind_spec *spec = cs_kind_spec_get(kind);
    const char *const *cols = table_columns[kind];
    int threaded = kind == CS_KIND_ORGANISATIONS;
    int rc = 0;
    if (kind == CS_KIND_MEMBERSHIPS)
        return prepare(imp, &imp->append[kind], MEMBERSHIP_INSERT);
    if (bulk_index_sql[kind][0]) {
        if ((rc = cs_store_exec(imp->store, bulk_index_sql[kind][0])))
            return rc;
        imp->index_dropped[kind] = 1;
    }
    cs_buf *b = &imp->scratch;
    cs_buf_reset(b);
    rc = cs_buf_printf(b, "INSERT INTO %s (%s", spec->table, threaded ? "id, " : "");
    for (size_t i = 0; !rc && i < spec->n_columns; i++)
        rc = cs_buf_printf(b, "%s%s", i ? ", " : "", cols[i]);
    rc = rc ? rc : cs_buf_puts(b, ") VALUES (");
    for (size_t i = 0; !rc && i < spec->n_columns + (size_t)threaded; i++)
        rc = cs_buf_printf(b, "%s?%zu", i ? ", " : "", i + 1);
    rc = rc ? rc : cs_buf_puts(b, ")");
    rc = rc ? rc : prepare(imp, &imp->append[kind], cs_buf_str(b));
    if (rc || !threaded)
        return rc;
    /* the table is empty: ids start after any row id SQLite handed out before */
    sqlite3_stmt *st = NULL;
    rc = prepare(imp, &st, "SELECT coalesce(max(id), 0) + 1 FROM organisation");
    if (rc)
        return rc;
    imp->next_organisation_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
    sqlite3_finalize(st);
    return cs_bulk_writer_start(&imp->writer, imp->store, imp->append[kind], (int)spec->n_columns);
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

static int duplicate_pair(cs_importer *imp, const struct pending_membership *first,
                          const struct pending_membership *again)
{
    char key[256] = "?", expected[256];
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(imp->db, "SELECT key FROM organisation WHERE id = ?1", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)(again->pair & 0xffffffffu));
        if (sqlite3_step(st) == SQLITE_ROW)
            snprintf(key, sizeof key, "%s", sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    const char *text = cs_buf_str(&imp->pending_text);
    const char *first_file = imp->pending_files[(unsigned char)text[first->text + 1]];
    const char *again_file = imp->pending_files[(unsigned char)text[again->text + 1]];
    if (first_file == again_file)
        snprintf(expected, sizeof expected,
                 "a cluster and organisation pair not listed before in this import (first at "
                 "line %u)",
                 first->line);
    else
        snprintf(expected, sizeof expected,
                 "a cluster and organisation pair not listed before in this import (also in %s "
                 "at line %u)",
                 first_file, first->line);
    return cs_error_data(again_file, again->line, 2, expected, key);
}

/* Sorting in C and appending in key order is several times faster than letting SQLite build
 * the primary key from random-order inserts, and finds duplicates as neighbours. */
static int flush_memberships(cs_importer *imp)
{
    if (!imp->n_pending)
        return 0;
    int rc = sort_pending(imp->pending, imp->n_pending);
    if (rc)
        return rc;
    for (size_t i = 1; i < imp->n_pending; i++)
        if (imp->pending[i].pair == imp->pending[i - 1].pair)
            return duplicate_pair(imp, &imp->pending[i - 1], &imp->pending[i]);
    sqlite3_stmt *st = imp->append[CS_KIND_MEMBERSHIPS];
    const char *text = cs_buf_str(&imp->pending_text);
    for (size_t i = 0; i < imp->n_pending; i++) {
        const struct pending_membership *m = &imp->pending[i];
        sqlite3_bind_int64(st, 1, (sqlite3_int64)(m->pair >> 32));
        sqlite3_bind_int64(st, 2, (sqlite3_int64)(m->pair & 0xffffffffu));
        const char *p = text + m->text;
        sqlite3_bind_text(st, 3, member_roles[(unsigned char)p[0]], -1, SQLITE_STATIC);
        unsigned char source = (unsigned char)p[2];
        p += 3;
        for (int c = 4; c <= 7; c++) {
            const char *v = p;
            if (c == 7 && source != 255)
                v = imp->pending_sources[source];
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
            return cs_store_fail(imp->store, "writing memberships");
    }
    imp->stats->inserted[CS_KIND_MEMBERSHIPS] += (long long)imp->n_pending;
    imp->n_pending = 0;
    return 0;
}

/* Holds a validated membership until the end of its kind (see flush_memberships). */
static int hold_membership(cs_importer *imp, const cs_record *rec, const int64_t ids[2])
{
    if (imp->n_pending == imp->cap_pending) {
        size_t cap = imp->cap_pending ? imp->cap_pending * 2 : 4096;
        struct pending_membership *p =
            cap <= UINT32_MAX ? realloc(imp->pending, cap * sizeof *p) : NULL;
        if (!p)
            return cs_error_set(CS_ENOMEM, "out of memory holding memberships");
        imp->pending = p;
        imp->cap_pending = cap;
    }
    if (rec->line > UINT32_MAX || imp->pending_text.len > UINT32_MAX - 4096)
        return cs_error_set(CS_ENOMEM, "%s: too much membership data for one import", rec->file);
    size_t file = 0;
    while (file < imp->n_pending_files && imp->pending_files[file] != rec->file)
        file++;
    if (file == imp->n_pending_files) {
        if (file == sizeof imp->pending_files / sizeof imp->pending_files[0])
            return cs_error_set(CS_EUSAGE, "at most 64 membership files in one import");
        imp->pending_files[imp->n_pending_files++] = rec->file;
    }
    struct pending_membership *m = &imp->pending[imp->n_pending++];
    m->pair = (uint64_t)ids[0] << 32 | (uint64_t)ids[1];
    m->line = (uint32_t)(rec->line > 0 ? rec->line : (long)rec->index + 1);
    m->text = (uint32_t)imp->pending_text.len;
    const char *role = value(rec, 2) ? rec->values[2] : "member";
    const char *source = value(rec, 6) ? rec->values[6] : "";
    size_t code = 0;
    while (code < imp->n_pending_sources && strcmp(imp->pending_sources[code], source) != 0)
        code++;
    if (code == imp->n_pending_sources && code < 255) {
        if (!(imp->pending_sources[code] = strdup(source)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        imp->n_pending_sources++;
    }
    char head[3] = { (char)(strcmp(role, "anchor") == 0    ? 1
                            : strcmp(role, "partner") == 0 ? 2
                                                           : 0),
                     (char)file, (char)(unsigned char)code };
    if (cs_buf_append(&imp->pending_text, head, 3))
        return CS_ENOMEM;
    for (int c = 3; c < (code < 255 ? 6 : 7); c++) {
        const char *v = value(rec, c) ? rec->values[c] : "";
        if (cs_buf_append(&imp->pending_text, v, strlen(v) + 1))
            return CS_ENOMEM;
    }
    return 0;
}

int cs_importer_end_kind(cs_importer *imp, cs_record_kind kind)
{
    if (kind == CS_KIND_ORGANISATIONS && imp->writer && imp->index_dropped[kind]) {
        /* the writer rebuilds the index on its own time; memberships need only the key map */
        imp->index_dropped[kind] = 0;
        imp->bulk[kind] = 0;
        return cs_bulk_writer_finish(imp->writer, bulk_index_sql[kind][1]);
    }
    int rc = await_writer(imp);
    if (rc)
        return rc;
    if (kind == CS_KIND_MEMBERSHIPS && imp->bulk[kind]) {
        rc = flush_memberships(imp);
        imp->bulk[kind] = 0;
        return rc;
    }
    if (!imp->index_dropped[kind])
        return 0;
    imp->index_dropped[kind] = 0;
    imp->bulk[kind] = 0;
    return cs_store_exec(imp->store, bulk_index_sql[kind][1]);
}

int cs_importer_end(cs_importer *imp, int commit)
{
    int rc = 0;
    if (imp->writer) {
        rc = cs_bulk_writer_join(imp->writer, !commit);
        imp->writer = NULL;
    }
    for (int k = 0; k < CS_KIND_COUNT && commit && !rc; k++)
        rc = cs_importer_end_kind(imp, (cs_record_kind)k);
    if (rc)
        commit = 0;
    if (imp->own_transaction) {
        if (commit)
            rc = cs_store_commit(imp->store);
        if (!commit || rc)
            cs_store_rollback(imp->store);
        int fk = cs_store_exec(imp->store, "PRAGMA foreign_keys = ON");
        rc = rc ? rc : fk;
    }
    importer_free(imp);
    return rc;
}

/* The key under which a record is tracked for duplicates and references. */
static int record_key(cs_importer *imp, const cs_record *rec, const char **key, size_t *len)
{
    cs_buf *b = &imp->scratch;
    cs_buf_reset(b);
    int rc = 0;
    switch (rec->spec->kind) {
    case CS_KIND_FACT_DEFINITIONS:
        rc = cs_buf_printf(b, "%s\x1f%s", rec->values[1], rec->values[0]);
        break;
    case CS_KIND_FACTS:
        rc = cs_buf_printf(b, "%s\x1f%s\x1f%s\x1f%s", rec->values[0], rec->values[1],
                           rec->values[2], value(rec, 3) ? rec->values[3] : "0");
        break;
    default:
        rc = cs_buf_puts(b, rec->values[0]);
    }
    *key = cs_buf_str(b);
    *len = b->len;
    return rc;
}

static const char *const singular[CS_KIND_COUNT] = { "fact definition", "source",  "country",
                                                     "region",          "cluster", "organisation",
                                                     "membership",      "fact" };

static int duplicate_error(const cs_record *rec, long first_line)
{
    char expected[160];
    const char *what = singular[rec->spec->kind];
    snprintf(
        expected, sizeof expected, "%s %s key not used before in this import (first at %s %ld)",
        strchr("aeiou", what[0]) ? "an" : "a", what, rec->line > 0 ? "line" : "record", first_line);
    return cs_record_error(rec, 0, expected, rec->values[0]);
}

static int missing_reference(const cs_record *rec, int column, cs_record_kind target)
{
    char expected[200];
    snprintf(expected, sizeof expected,
             "the key of a known %s (import it first or in the same command)", singular[target]);
    return cs_record_error(rec, column, expected, rec->values[column]);
}

static int organisation_id(cs_importer *imp, const char *key, int64_t *id)
{
    cs_keymap_value *v = cs_keymap_get(imp->keys[CS_KIND_ORGANISATIONS], key, strlen(key));
    if (v && v->id) {
        *id = v->id;
        return 1;
    }
    int rc = await_writer(imp);
    if (rc)
        return rc;
    sqlite3_stmt *st = imp->find_organisation;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    *id = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return cs_store_fail(imp->store, "looking up an organisation");
    if (!*id)
        return 0;
    if (!v && !(v = cs_keymap_put(imp->keys[CS_KIND_ORGANISATIONS], key, strlen(key))))
        return CS_ENOMEM;
    v->id = *id;
    return 1;
}

static int check_references(cs_importer *imp, const cs_record *rec)
{
    const cs_kind_spec *spec = rec->spec;
    for (size_t i = 0; i < spec->n_columns; i++) {
        int target = spec->columns[i].reference;
        const char *v = value(rec, (int)i);
        if (target < 0 || !v)
            continue;
        if (target == CS_KIND_ORGANISATIONS) {
            int64_t id;
            int found = organisation_id(imp, v, &id);
            if (found < 0)
                return found;
            if (!found)
                return missing_reference(rec, (int)i, CS_KIND_ORGANISATIONS);
        } else if (!cs_keymap_get(imp->keys[target], v, strlen(v))) {
            return missing_reference(rec, (int)i, (cs_record_kind)target);
        }
    }
    return 0;
}

static int check_fact(cs_importer *imp, const cs_record *rec)
{
    const char *kind = rec->values[0], *subject = rec->values[1], *name = rec->values[2];
    cs_record_kind subject_kind = strcmp(kind, "cluster") == 0   ? CS_KIND_CLUSTERS
                                  : strcmp(kind, "country") == 0 ? CS_KIND_COUNTRIES
                                                                 : CS_KIND_REGIONS;
    if (!cs_keymap_get(imp->keys[subject_kind], subject, strlen(subject)))
        return missing_reference(rec, 1, subject_kind);
    char defkey[256];
    snprintf(defkey, sizeof defkey, "%s\x1f%s", kind, name);
    cs_keymap_value *def =
        cs_keymap_get(imp->keys[CS_KIND_FACT_DEFINITIONS], defkey, strlen(defkey));
    if (!def) {
        char expected[200];
        snprintf(expected, sizeof expected,
                 "a fact defined for a %s (see 'clusterscope facts' or import a definition)", kind);
        return cs_record_error(rec, 2, expected, name);
    }
    const fact_definition_info *d = &imp->defs[def->id];
    const char *v = value(rec, 4);
    if (v) {
        cs_value parsed;
        if (cs_value_parse(&parsed, v, d->type, d->levels)) {
            char expected[300];
            snprintf(expected, sizeof expected, "%s for fact '%s' (%s)", cs_error_last(), name,
                     cs_fact_type_name(d->type));
            /* cs_value_parse says "expected X"; keep only X */
            const char *what = strncmp(expected, "expected ", 9) == 0 ? expected + 9 : expected;
            return cs_record_error(rec, 4, what, v);
        }
        if (!value(rec, 5))
            return cs_record_error(rec, 5,
                                   "a status (stated, derived or estimated) for a known value", "");
    }
    return 0;
}

static int check_definition(cs_importer *imp, const cs_record *rec)
{
    int is_level = strcmp(rec->values[2], "level") == 0;
    if (is_level && !value(rec, 3))
        return cs_record_error(
            rec, 3, "the levels of a 'level' fact, lowest first, e.g. none|bronze|silver|gold", "");
    if (!is_level && value(rec, 3))
        return cs_record_error(rec, 3, "no levels for a fact that is not of type 'level'",
                               rec->values[3]);
    char defkey[256];
    snprintf(defkey, sizeof defkey, "%s\x1f%s", rec->values[1], rec->values[0]);
    cs_keymap_value *def =
        cs_keymap_get(imp->keys[CS_KIND_FACT_DEFINITIONS], defkey, strlen(defkey));
    if (!def || def->line)
        return 0;
    const fact_definition_info *d = &imp->defs[def->id];
    const char *levels = value(rec, 3) ? rec->values[3] : "";
    if (strcmp(cs_fact_type_name(d->type), rec->values[2]) == 0 && strcmp(d->levels, levels) == 0)
        return 0;
    /* Changing how a fact is read would silently reinterpret facts already stored. */
    sqlite3_stmt *st = imp->facts_using_definition;
    sqlite3_bind_text(st, 1, rec->values[1], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rec->values[0], -1, SQLITE_STATIC);
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (n > 0) {
        char expected[200];
        snprintf(expected, sizeof expected,
                 "type %s%s%s as stored (%lld facts use this definition)",
                 cs_fact_type_name(d->type), *d->levels ? " with levels " : "", d->levels, n);
        return cs_record_error(rec, 2, expected, rec->values[2]);
    }
    return 0;
}

static void bind_column(sqlite3_stmt *st, int index, const cs_column_spec *c, const char *v)
{
    if (!v) {
        sqlite3_bind_null(st, index);
        return;
    }
    switch (c->type) {
    case CS_COL_YEAR:
        sqlite3_bind_int(st, index, atoi(v));
        break;
    case CS_COL_LAT:
    case CS_COL_LON:
        sqlite3_bind_double(st, index, strtod(v, NULL));
        break;
    default:
        sqlite3_bind_text(st, index, v, -1, SQLITE_STATIC);
    }
}

void cs_importer_prefetch(cs_importer *imp, const cs_record *rec)
{
    cs_record_kind kind = rec->spec->kind;
    const char *key = kind == CS_KIND_MEMBERSHIPS     ? rec->values[1]
                      : kind == CS_KIND_ORGANISATIONS ? rec->values[0]
                                                      : NULL;
    if (key)
        cs_keymap_prefetch(imp->keys[CS_KIND_ORGANISATIONS], key, strlen(key));
}

int cs_importer_write(cs_importer *imp, const cs_record *rec)
{
    const cs_kind_spec *spec = rec->spec;
    cs_record_kind kind = spec->kind;
    int rc;
    for (size_t i = 0; i < spec->n_columns; i++)
        if ((rc = cs_record_check_value(rec, (int)i)))
            return rc;
    if ((rc = check_references(imp, rec)))
        return rc;
    if (kind == CS_KIND_FACTS && (rc = check_fact(imp, rec)))
        return rc;
    if (kind == CS_KIND_FACT_DEFINITIONS && (rc = check_definition(imp, rec)))
        return rc;

    sqlite3_stmt *st = imp->upsert[kind];
    int existed = 0;
    rc = 0;
    cs_keymap_value *slot = NULL;
    int off_thread =
        imp->bulk[kind] && (kind == CS_KIND_ORGANISATIONS || kind == CS_KIND_MEMBERSHIPS);
    if (!off_thread && (rc = await_writer(imp)))
        return rc;
    if (imp->bulk[kind] && !imp->append[kind] && (rc = start_bulk(imp, kind)))
        return rc;
    if (imp->bulk[kind])
        st = imp->append[kind];
    if (kind == CS_KIND_MEMBERSHIPS) {
        int64_t ids[2];
        ids[0] =
            cs_keymap_get(imp->keys[CS_KIND_CLUSTERS], rec->values[0], strlen(rec->values[0]))->id;
        if ((rc = organisation_id(imp, rec->values[1], &ids[1])) < 0)
            return rc;
        if (ids[0] > UINT32_MAX || ids[1] > UINT32_MAX)
            return cs_error_set(CS_ERROR, "row ids beyond 2^32 are not supported");
        if (imp->bulk[kind])
            return hold_membership(imp, rec, ids);
        rc = cs_u64set_add(imp->membership_pairs, (uint64_t)ids[0] << 32 | (uint64_t)ids[1]);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return cs_record_error(rec, 1,
                                   "a cluster and organisation pair not listed before in this "
                                   "import",
                                   rec->values[1]);
        sqlite3_bind_int64(st, 1, ids[0]);
        sqlite3_bind_int64(st, 2, ids[1]);
        sqlite3_bind_text(st, 3, value(rec, 2) ? rec->values[2] : "member", -1, SQLITE_STATIC);
        for (int i = 3; i < 7; i++)
            bind_column(st, i + 1, &spec->columns[i], value(rec, i));
    } else {
        const char *key;
        size_t len;
        if ((rc = record_key(imp, rec, &key, &len)))
            return rc;
        slot = cs_keymap_get(imp->keys[kind], key, len);
        if (slot && slot->line)
            return duplicate_error(rec, slot->line);
        /* preloaded kinds know whether the key exists; the others learn it from the insert */
        existed = slot != NULL;
        if (!slot && !(slot = cs_keymap_put(imp->keys[kind], key, len)))
            return CS_ENOMEM;
        if (imp->writer && kind == CS_KIND_ORGANISATIONS) {
            slot->line = rec->line > 0 ? rec->line : (long)rec->index + 1;
            slot->id = imp->next_organisation_id++;
            const char *values[CS_RECORD_MAX_COLUMNS];
            for (size_t i = 0; i < spec->n_columns; i++)
                values[i] = value(rec, (int)i);
            if ((rc = cs_bulk_writer_push(imp->writer, slot->id, values)))
                return rc;
            imp->stats->inserted[kind]++;
            return 0;
        }
        for (size_t i = 0; i < spec->n_columns; i++)
            bind_column(st, (int)i + 1, &spec->columns[i], value(rec, (int)i));
        if (kind == CS_KIND_FACTS) {
            if (!value(rec, 3))
                sqlite3_bind_int(st, 4, 0);
            if (!value(rec, 4))
                sqlite3_bind_text(st, 5, "", 0, SQLITE_STATIC);
        }
    }
    if (slot)
        slot->line = rec->line > 0 ? rec->line : (long)rec->index + 1;
    if (kind == CS_KIND_FACT_DEFINITIONS && !existed &&
        (rc = add_definition(imp, slot, rec->values[2], value(rec, 3))))
        return rc;

    sqlite3_set_last_insert_rowid(imp->db, 0);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (step != SQLITE_DONE) {
        char what[128];
        snprintf(what, sizeof what, "writing %s record %zu", spec->name, rec->index + 1);
        return cs_store_fail(imp->store, what);
    }
    int changed = sqlite3_changes(imp->db) > 0;
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(imp->db);
    /* rowid tables report an insert through last_insert_rowid; an upsert's update does not */
    int inserted =
        changed && (rowid != 0 || (!existed && kind != CS_KIND_SOURCES &&
                                   kind != CS_KIND_CLUSTERS && kind != CS_KIND_ORGANISATIONS &&
                                   kind != CS_KIND_MEMBERSHIPS && kind != CS_KIND_FACTS));
    if (inserted && rowid && slot)
        slot->id = rowid;
    if (inserted)
        imp->stats->inserted[kind]++;
    else if (changed)
        imp->stats->updated[kind]++;
    else
        imp->stats->unchanged[kind]++;
    return 0;
}
