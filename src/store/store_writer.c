/*
 * store_writer.c: writing an import's records (records.h): upserts that leave an identical
 * record untouched, the key maps that resolve references to row ids and catch a key put twice,
 * and the transaction around it all. The bulk path is in store_bulk.c.
 */
#include "store/writer_internal.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The table of each kind, and its columns in record column order. */
static const struct {
    const char *table;
    const char *columns[CS_RECORD_MAX_COLUMNS];
    const char *keys; /* the stored keys (key columns in order, then the row id), or NULL */
    int rowid;        /* a rowid table: an insert shows in sqlite3_last_insert_rowid() */
} tables[CS_KIND_COUNT] = {
    [CS_KIND_FACT_DEFINITIONS] = { "fact_definition",
                                   { "name", "subject_kind", "type", "levels", "unit", "label_en",
                                     "label_ru", "description" },
                                   "SELECT name, subject_kind, 0 FROM fact_definition",
                                   0 },
    [CS_KIND_SOURCES] = { "source",
                          { "key", "title", "document", "locator", "url", "date", "publisher",
                            "note" },
                          "SELECT key, id FROM source",
                          1 },
    [CS_KIND_COUNTRIES] = { "country",
                            { "code", "name_en", "name_ru" },
                            "SELECT code, 0 FROM country",
                            0 },
    [CS_KIND_REGIONS] = { "region",
                          { "key", "country", "name_en", "name_ru", "parent", "type", "code" },
                          "SELECT key, 0 FROM region",
                          0 },
    [CS_KIND_CLUSTERS] = { "cluster",
                           { "key", "name_en", "name_ru", "country", "region", "city", "lat", "lon",
                             "founded", "website", "cluster_organisation", "kind", "specialisation",
                             "stage", "source", "note" },
                           "SELECT key, id FROM cluster",
                           1 },
    [CS_KIND_ORGANISATIONS] = { "organisation",
                                { "key", "name", "type", "activities", "country", "website",
                                  "source", "note" },
                                NULL,
                                1 },
    /* memberships have their own statement (membership_upsert): the row id is the pair */
    [CS_KIND_MEMBERSHIPS] = { "membership", { NULL }, NULL, 1 },
    [CS_KIND_FACTS] = { "fact",
                        { "subject_kind", "subject", "name", "year", "value", "status", "source",
                          "locator", "quote", "note" },
                        NULL,
                        1 },
    [CS_KIND_REFERENCE_SETS] = { "reference_set",
                                 { "key", "source", "description", "profile_method", "sample_size",
                                   "published_sum", "size_note", "method_note", "document" },
                                 "SELECT key, 0 FROM reference_set",
                                 0 },
    [CS_KIND_REFERENCE_TYPES] = { "reference_type",
                                  { "set_key", "number", "name_en", "name_ru", "size_published",
                                    "size_locator", "characteristics" },
                                  "SELECT set_key, number, 0 FROM reference_type",
                                  0 },
    [CS_KIND_REFERENCE_TRAITS] = { "reference_trait",
                                   { "set_key", "type_number", "position", "item", "countries",
                                     "share_min", "share_max", "published", "basis", "locator",
                                     "shared_with", "note" },
                                   "SELECT set_key, type_number, position, 0 FROM reference_trait",
                                   0 },
    [CS_KIND_REFERENCE_ASSIGNMENTS] = { "reference_assignment",
                                        { "set_key", "cluster_key", "type_number", "basis",
                                          "evidence", "locator", "target_models" },
                                        "SELECT set_key, cluster_key, 0 FROM reference_assignment",
                                        0 },
    [CS_KIND_REFERENCE_MODELS] = { "reference_model",
                                   { "set_key", "number", "name_en", "name_ru", "locator",
                                     "task_en", "task_ru", "groups", "groups_quote",
                                     "groups_locator", "evidence_method", "evidence" },
                                   "SELECT set_key, number, 0 FROM reference_model",
                                   0 },
    [CS_KIND_REFERENCE_FACTORS] = { "reference_factor",
                                    { "set_key", "number", "name_en", "name_ru", "locator",
                                      "heading_locator", "preface_ru", "preface_locator",
                                      "practices_en", "practices_ru", "evidence_method", "evidence",
                                      "no_evidence" },
                                    "SELECT set_key, number, 0 FROM reference_factor",
                                    0 },
    [CS_KIND_REFERENCE_CASES] = { "reference_case",
                                  { "set_key", "position", "factor", "cluster_key", "title_ru",
                                    "locator", "summary_en", "summary_ru" },
                                  "SELECT set_key, position, 0 FROM reference_case",
                                  0 },
    /* runs and partitions are keyed by their id as written; put_by_id() maps it to the id stored */
    [CS_KIND_ASSESSMENT_RUNS] = { "assessment_run",
                                  { "id", "method_id", "method_version", "year", "software_version",
                                    "created", "items", "indicators" },
                                  "SELECT id, id FROM assessment_run",
                                  1 },
    [CS_KIND_ASSESSMENT_SCORES] = { "assessment_score",
                                    { "run_id", "cluster_key", "items", "indicators", "total",
                                      "known" },
                                    "SELECT run_id, cluster_key, 0 FROM assessment_score",
                                    0 },
    [CS_KIND_ASSESSMENT_OUT_OF_SCOPE] = { "assessment_out_of_scope",
                                          { "run_id", "cluster_key", "rule", "result", "found" },
                                          "SELECT run_id, cluster_key, 0 FROM "
                                          "assessment_out_of_scope",
                                          0 },
    [CS_KIND_CLASSIFICATIONS] = { "classification",
                                  { "key", "kind", "name_en", "name_ru", "source", "note" },
                                  "SELECT key, 0 FROM classification",
                                  0 },
    [CS_KIND_INDUSTRIES] = { "industry",
                             { "classification", "code", "name_en", "name_ru", "parent", "type" },
                             "SELECT classification, code, 0 FROM industry",
                             0 },
    [CS_KIND_CONCORDANCE] = { "concordance",
                              { "classification", "industry", "scheme", "category", "source" },
                              "SELECT classification, industry, scheme, 0 FROM concordance",
                              0 },
    [CS_KIND_STATISTICS] = { "statistic",
                             { "region", "classification", "industry", "year", "measure", "value",
                               "source", "status", "locator", "note" },
                             "SELECT region, classification, industry, year, measure, 0 "
                             "FROM statistic",
                             0 },
    [CS_KIND_PARTITIONS] = { "typology_partition",
                             { "id",
                               "created",
                               "software_version",
                               "assessment_run",
                               "method_id",
                               "method_version",
                               "view",
                               "variables",
                               "unknown_policy",
                               "distance",
                               "algorithm",
                               "k",
                               "k_given",
                               "k_rule",
                               "k_scan",
                               "seed",
                               "silhouette",
                               "cophenetic",
                               "objects",
                               "reference_set",
                               "ari",
                               "compared",
                               "min_known",
                               "imputed_pairs" },
                             "SELECT id, id FROM typology_partition",
                             1 },
    [CS_KIND_PARTITION_GROUPS] = { "typology_group",
                                   { "partition_id", "number", "size", "label_type", "label_reason",
                                     "profile" },
                                   "SELECT partition_id, number, 0 FROM typology_group",
                                   0 },
    [CS_KIND_PARTITION_MEMBERS] = { "typology_member",
                                    { "partition_id", "cluster_key", "group_number", "silhouette",
                                      "left_out" },
                                    "SELECT partition_id, cluster_key, 0 FROM typology_member",
                                    0 },
    /* cluster development (migration 0012) */
    [CS_KIND_PROGRAMMES] = { "programme",
                             { "key", "kind", "name_en", "name_ru", "operator", "country",
                               "started", "ended", "budget", "currency", "levels", "url", "source",
                               "locator", "quote", "note" },
                             "SELECT key, 0 FROM programme",
                             0 },
    [CS_KIND_PROGRAMME_ROUNDS] = { "programme_round",
                                   { "programme", "round", "year", "budget", "requested", "awarded",
                                     "applications", "awards", "status", "source", "locator",
                                     "quote", "note" },
                                   "SELECT programme, round, 0 FROM programme_round",
                                   0 },
    [CS_KIND_ROUND_SHARES] = { "round_share",
                               { "programme", "round", "specialisation", "clusters", "requested",
                                 "awarded", "status", "source", "locator", "quote", "note" },
                               "SELECT programme, round, specialisation, 0 FROM round_share",
                               0 },
    [CS_KIND_APPLICATIONS] = { "application",
                               { "programme", "round", "cluster", "requested", "awarded",
                                 "decision", "status", "source", "locator", "quote", "note" },
                               "SELECT programme, round, cluster, 0 FROM application",
                               0 },
    [CS_KIND_LISTINGS] = { "listing",
                           { "programme", "cluster", "entered", "left_on", "level", "decision",
                             "status", "source", "locator", "quote", "note" },
                           "SELECT programme, cluster, entered, 0 FROM listing",
                           0 },
    /* an undated target is year 0, keyed as the empty year an import writes for it */
    [CS_KIND_TARGETS] = { "target",
                          { "cluster", "name", "year", "value", "baseline_year", "status", "source",
                            "locator", "quote", "note" },
                          "SELECT cluster, name, NULLIF(year, 0), 0 FROM target",
                          0 },
    [CS_KIND_CHAIN_STAGES] = { "chain_stage",
                               { "cluster", "stage", "position", "name_en", "name_ru", "source",
                                 "locator", "quote", "note" },
                               "SELECT cluster, stage, 0 FROM chain_stage",
                               0 },
    [CS_KIND_PROJECTS] = { "project",
                           { "key", "cluster", "name_en", "name_ru", "started", "ended",
                             "participants", "stages", "outcome", "status", "source", "locator",
                             "quote", "note" },
                           "SELECT key, 0 FROM project",
                           0 },
    [CS_KIND_PROJECT_MEMBERS] = { "project_member",
                                  { "project", "organisation", "role", "stage", "source", "locator",
                                    "quote", "note" },
                                  "SELECT project, organisation, 0 FROM project_member",
                                  0 },
    [CS_KIND_PROJECT_STAGES] = { "project_stage",
                                 { "project", "stage", "source" },
                                 "SELECT project, stage, 0 FROM project_stage",
                                 0 },
    [CS_KIND_LINKS] = { "link",
                        { "cluster", "source_org", "target_org", "kind", "project", "year",
                          "weight", "status", "source", "locator", "quote", "note" },
                        "SELECT cluster, source_org, target_org, kind, 0 FROM link",
                        0 },
    /* news and the digest (migration 0013) */
    [CS_KIND_NEWS] = { "news_item",
                       { "key",         "kind",       "date",   "lang",          "title",
                         "title_en",    "title_ru",   "lead",   "body",          "box",
                         "summary_en",  "summary_ru", "series", "series_number", "file_url",
                         "file_format", "file_bytes", "outlet", "url",           "source",
                         "locator",     "quote",      "note" },
                       "SELECT key, 0 FROM news_item",
                       0 },
    [CS_KIND_NEWS_QA] = { "news_qa",
                          { "item", "position", "question", "answer" },
                          "SELECT item, position, 0 FROM news_qa",
                          0 },
    [CS_KIND_NEWS_LINKS] = { "news_link",
                             { "item", "target_kind", "target_key" },
                             "SELECT item, target_kind, target_key, 0 FROM news_link",
                             0 },
    [CS_KIND_DIGESTS] = { "digest_issue",
                          { "number", "month", "publisher", "title_ru", "title_en", "subtitle_ru",
                            "subtitle_en", "source", "locator", "note" },
                          "SELECT number, 0 FROM digest_issue",
                          0 },
    [CS_KIND_DIGEST_TEXTS] = { "digest_text",
                               { "issue", "part", "lang", "text" },
                               "SELECT issue, part, lang, 0 FROM digest_text",
                               0 },
    [CS_KIND_DIGEST_ENTRIES] = { "digest_entry",
                                 { "issue", "position", "item" },
                                 "SELECT issue, position, 0 FROM digest_entry",
                                 0 },
};

/* Kinds whose key is an id: the id as written names the record within an import, and the id
 * stored is the same when it is free (see put_by_id). */
static int keyed_by_id(cs_record_kind kind)
{
    return kind == CS_KIND_ASSESSMENT_RUNS || kind == CS_KIND_PARTITIONS;
}

/* An identical re-import changes no row: the update happens only where something differs, and
 * sqlite3_changes() then tells unchanged from written. */
static const char membership_upsert[] =
    "INSERT INTO membership (pair, cluster_id, organisation_id, role, value_chain_stage, "
    "joined, left_on, source) VALUES (?1 * 4294967296 + ?2, ?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (pair) DO UPDATE SET role = excluded.role, "
    "value_chain_stage = excluded.value_chain_stage, joined = excluded.joined, "
    "left_on = excluded.left_on, source = excluded.source WHERE "
    "membership.role IS DISTINCT FROM excluded.role OR membership.value_chain_stage IS DISTINCT "
    "FROM excluded.value_chain_stage OR membership.joined IS DISTINCT FROM excluded.joined OR "
    "membership.left_on IS DISTINCT FROM excluded.left_on OR membership.source IS DISTINCT FROM "
    "excluded.source";

const char *cs_writer_value(const cs_record *rec, int i)
{
    const char *v = rec->values[i];
    return v && *v ? v : NULL;
}

static int prepare(cs_store_writer *w, sqlite3_stmt **st, const char *sql)
{
    if (sqlite3_prepare_v3(w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return cs_store_fail(w->store, "preparing an import statement");
    return 0;
}

static int preload(cs_store_writer *w, cs_record_kind kind)
{
    const char *sql = tables[kind].keys;
    if (!sql)
        return 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(w->store, "reading registry keys");
    int n_key = (int)cs_kind_spec_get(kind)->n_key_columns;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        cs_buf *b = &w->scratch;
        cs_buf_reset(b);
        rc = cs_buf_puts(b, "");
        for (int i = 0; !rc && i < n_key; i++) {
            const char *part = (const char *)sqlite3_column_text(st, i);
            rc = i ? cs_buf_puts(b, CS_RECORD_KEY_SEP) : 0;
            rc = rc ? rc : cs_buf_puts(b, part ? part : "");
        }
        cs_keymap_value *v = rc ? NULL : cs_keymap_put(w->keys[kind], b->data, b->len);
        if (!v) {
            rc = CS_ENOMEM;
            break;
        }
        v->id = sqlite3_column_int64(st, n_key);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(w->store, "reading registry keys");
    sqlite3_finalize(st);
    return rc;
}

/* INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE something differs; with `plain`, a plain
 * INSERT. */
static int prepare_insert(cs_store_writer *w, sqlite3_stmt **st, cs_record_kind kind, int plain)
{
    const cs_kind_spec *spec = cs_kind_spec_get(kind);
    const char *const *cols = tables[kind].columns;
    const char *table = tables[kind].table;
    cs_buf *b = &w->scratch;
    cs_buf_reset(b);
    int rc = cs_buf_printf(b, "INSERT INTO %s (", table);
    for (size_t i = 0; !rc && i < spec->n_columns; i++)
        rc = cs_buf_printf(b, "%s%s", i ? ", " : "", cols[i]);
    rc = rc ? rc : cs_buf_puts(b, ") VALUES (");
    for (size_t i = 0; !rc && i < spec->n_columns; i++)
        rc = cs_buf_printf(b, "%s?%zu", i ? ", " : "", i + 1);
    rc = rc ? rc : cs_buf_puts(b, plain ? ")" : ") ON CONFLICT (");
    for (size_t i = 0; !rc && !plain && i < spec->n_key_columns; i++)
        rc = cs_buf_printf(b, "%s%s", i ? ", " : "", cols[i]);
    if (plain) {
        /* nothing more */
    } else if (spec->n_key_columns == spec->n_columns) {
        rc = rc ? rc : cs_buf_puts(b, ") DO NOTHING");
    } else {
        rc = rc ? rc : cs_buf_puts(b, ") DO UPDATE SET ");
        for (size_t i = spec->n_key_columns; !rc && i < spec->n_columns; i++)
            rc = cs_buf_printf(b, "%s%s = excluded.%s", i > spec->n_key_columns ? ", " : "",
                               cols[i], cols[i]);
        rc = rc ? rc : cs_buf_puts(b, " WHERE ");
        for (size_t i = spec->n_key_columns; !rc && i < spec->n_columns; i++)
            rc = cs_buf_printf(b, "%s%s.%s IS DISTINCT FROM excluded.%s",
                               i > spec->n_key_columns ? " OR " : "", table, cols[i], cols[i]);
    }
    return rc ? rc : prepare(w, st, cs_buf_str(b));
}

static void writer_free(cs_store_writer *w)
{
    cs_writer_free_bulk(w);
    for (int k = 0; k < CS_KIND_COUNT; k++) {
        cs_keymap_free(w->keys[k]);
        sqlite3_finalize(w->upsert[k]);
        sqlite3_finalize(w->insert[k]);
        sqlite3_finalize(w->same[k]);
        sqlite3_finalize(w->taken[k]);
        cs_u64set_free(w->claimed[k]);
        sqlite3_finalize(w->append[k]);
    }
    cs_u64set_free(w->membership_pairs);
    sqlite3_finalize(w->find_organisation);
    sqlite3_finalize(w->find_fact);
    cs_search_changes_free(&w->search);
    sqlite3_finalize(w->facts_of_definition);
    sqlite3_finalize(w->region_country);
    sqlite3_finalize(w->cluster_outside);
    sqlite3_finalize(w->region_parent);
    sqlite3_finalize(w->industry_parent);
    sqlite3_finalize(w->region_code);
    sqlite3_finalize(w->classification_kind);
    sqlite3_finalize(w->concordance_category);
    for (int i = 0; i < CS_DEV_LOOKUPS; i++)
        sqlite3_finalize(w->development[i]);
    for (int i = 0; i < CS_NEWS_LOOKUPS; i++)
        sqlite3_finalize(w->news[i]);
    sqlite3_finalize(w->digest_release);
    cs_buf_free(&w->scratch);
    cs_history_free(w);
    free(w);
}

int cs_store_writer_begin(cs_store_writer **out, cs_store *store)
{
    *out = NULL;
    cs_store_writer *w = calloc(1, sizeof *w);
    if (!w)
        return cs_error_set(CS_ENOMEM, "out of memory");
    w->store = store;
    w->db = cs_store_db(store);
    int rc = 0;
    /* inside a caller's transaction (e.g. schema creation) the writer must not open one */
    if (sqlite3_get_autocommit(w->db)) {
        /* The caller checks every reference itself (with file:line:column messages) before
         * writing, so SQLite's per-row foreign-key seeks would only repeat that work; the pragma
         * only takes effect outside a transaction, and is restored in cs_store_writer_end(). */
        if ((rc = cs_store_exec(store, "PRAGMA foreign_keys = OFF"))) {
            writer_free(w);
            return rc;
        }
        if ((rc = cs_store_begin(store))) {
            cs_store_exec(store, "PRAGMA foreign_keys = ON");
            writer_free(w);
            return rc;
        }
        w->own_transaction = 1;
    }
    for (int k = 0; !rc && k < CS_KIND_COUNT; k++) {
        rc = cs_keymap_new(&w->keys[k]);
        if (rc)
            break;
        if (k == CS_KIND_MEMBERSHIPS)
            rc = prepare(w, &w->upsert[k], membership_upsert);
        else if (keyed_by_id((cs_record_kind)k))
            rc = prepare_insert(w, &w->upsert[k], (cs_record_kind)k, 1);
        else
            rc = prepare_insert(w, &w->upsert[k], (cs_record_kind)k, 0);
    }
    rc = rc ? rc : prepare(w, &w->find_organisation, "SELECT id FROM organisation WHERE key = ?1");
    rc = rc ? rc
            : prepare(w, &w->find_fact,
                      "SELECT id FROM fact WHERE subject_kind = ?1 AND subject = ?2 AND name = ?3 "
                      "AND year = ?4");
    rc = rc ? rc
            : prepare(w, &w->facts_of_definition,
                      "SELECT subject, year, value FROM fact WHERE subject_kind = ?1 AND name = ?2 "
                      "ORDER BY subject, year");
    rc = rc ? rc : prepare(w, &w->region_country, "SELECT country FROM region WHERE key = ?1");
    rc = rc ? rc
            : prepare(w, &w->cluster_outside,
                      "SELECT key, country FROM cluster WHERE region = ?1 AND country IS NOT ?2 "
                      "ORDER BY key LIMIT 1");
    rc = rc ? rc : cs_u64set_new(&w->membership_pairs);
    rc = rc ? rc : cs_history_begin(w, "import", "import");
    for (int k = CS_KIND_ORGANISATIONS; !rc && k < CS_KIND_COUNT; k++) {
        if (k > CS_KIND_MEMBERSHIPS && k != CS_KIND_STATISTICS)
            continue;
        sqlite3_stmt *st = NULL;
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT NOT EXISTS (SELECT 1 FROM %s)", tables[k].table);
        rc = prepare(w, &st, sql);
        if (!rc) {
            w->bulk[k] = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
            sqlite3_finalize(st);
        }
    }
    if (rc) {
        cs_store_writer_end(w, 0);
        return rc;
    }
    *out = w;
    return 0;
}

int cs_writer_await_thread(cs_store_writer *w)
{
    if (!w->thread)
        return 0;
    int rc = cs_bulk_writer_join(w->thread, 0);
    w->thread = NULL;
    return rc;
}

/* The row id of an organisation: 1 found, 0 not, or an error code. */
static int organisation_id(cs_store_writer *w, const char *key, int64_t *id)
{
    cs_keymap_value *v = cs_keymap_get(w->keys[CS_KIND_ORGANISATIONS], key, strlen(key));
    if (v && v->id) {
        *id = v->id;
        return 1;
    }
    int rc = cs_writer_await_thread(w);
    if (rc)
        return rc;
    sqlite3_stmt *st = w->find_organisation;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    *id = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return cs_store_fail(w->store, "looking up an organisation");
    if (!*id)
        return 0;
    if (!v && !(v = cs_keymap_put(w->keys[CS_KIND_ORGANISATIONS], key, strlen(key))))
        return CS_ENOMEM;
    v->id = *id;
    return 1;
}

/*
 * The registry's keys of a kind are read on the first record that needs them (its own kind or a
 * kind it refers to), not when the writer begins: a web edit of one fact must not read every
 * stored assessment score's key, and an import reads only the kinds its files touch. A bulk
 * writer thread may be using the connection, so it is joined first (once per kind at most).
 */
static int ensure_keys(cs_store_writer *w, cs_record_kind kind)
{
    if (w->keys_loaded[kind])
        return 0;
    int rc = cs_writer_await_thread(w);
    rc = rc ? rc : preload(w, kind);
    if (!rc)
        w->keys_loaded[kind] = 1;
    return rc;
}

static int ensure_record_keys(cs_store_writer *w, const cs_record *rec)
{
    const cs_kind_spec *spec = rec->spec;
    int rc = ensure_keys(w, spec->kind);
    if (!rc && spec->kind == CS_KIND_MEMBERSHIPS)
        rc = ensure_keys(w, CS_KIND_CLUSTERS);
    for (size_t i = 0; !rc && i < spec->n_columns; i++)
        if (spec->columns[i].reference >= 0)
            rc = ensure_keys(w, (cs_record_kind)spec->columns[i].reference);
    return rc;
}

int cs_store_writer_has(cs_store_writer *w, cs_record_kind kind, const char *key)
{
    int rc = ensure_keys(w, kind);
    if (rc)
        return rc;
    if (kind == CS_KIND_ORGANISATIONS) {
        int64_t id;
        return organisation_id(w, key, &id);
    }
    return cs_keymap_get(w->keys[kind], key, strlen(key)) != NULL;
}

void cs_store_writer_prefetch(cs_store_writer *w, const cs_record *rec)
{
    cs_record_kind kind = rec->spec->kind;
    if (kind == CS_KIND_STATISTICS && w->bulk[kind]) {
        cs_writer_prefetch_statistic(w, rec);
        return;
    }
    const char *key = kind == CS_KIND_MEMBERSHIPS     ? rec->values[1]
                      : kind == CS_KIND_ORGANISATIONS ? rec->values[0]
                                                      : NULL;
    if (key)
        cs_keymap_prefetch(w->keys[CS_KIND_ORGANISATIONS], key, strlen(key));
}

/* Values come checked and in their canonical text (cs_record_check_value), which these read
 * exactly. */
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
    case CS_COL_COUNT:
    case CS_COL_NUMBER:
    case CS_COL_ID:
    case CS_COL_SEED:
        sqlite3_bind_int64(st, index, strtoll(v, NULL, 10));
        break;
    case CS_COL_LAT:
    case CS_COL_LON:
    case CS_COL_REAL:
    case CS_COL_AMOUNT:
    case CS_COL_SHARE:
        sqlite3_bind_double(st, index, strtod(v, NULL));
        break;
    default:
        sqlite3_bind_text(st, index, v, -1, SQLITE_STATIC);
    }
}

/* The id stored for a run or partition named by its id as written (0 when unknown). */
static int64_t mapped_id(const cs_store_writer *w, cs_record_kind kind, const char *key)
{
    const cs_keymap_value *v = key ? cs_keymap_get(w->keys[kind], key, strlen(key)) : NULL;
    return v ? v->id : 0;
}

/*
 * Binds a record's values in column order: an empty value as NULL (or, with `exact`, as the empty
 * text it is), a reference to a run or partition as the id stored for it, and the columns a table
 * holds as NOT NULL with a default (year 0 = undated, a fact's value '' = unknown) as that default.
 */
static void bind_record(sqlite3_stmt *st, const cs_store_writer *w, const cs_record *rec, int exact)
{
    const cs_kind_spec *spec = rec->spec;
    for (size_t i = 0; i < spec->n_columns; i++) {
        const cs_column_spec *c = &spec->columns[i];
        const char *v = exact ? rec->values[i] : cs_writer_value(rec, (int)i);
        if (v && c->reference >= 0 && keyed_by_id((cs_record_kind)c->reference))
            sqlite3_bind_int64(st, (int)i + 1, mapped_id(w, (cs_record_kind)c->reference, v));
        else
            bind_column(st, (int)i + 1, c, v);
    }
    if (spec->kind == CS_KIND_CLASSIFICATIONS && !cs_writer_value(rec, 1))
        sqlite3_bind_text(st, 2, "industry", -1, SQLITE_STATIC);
    if (spec->kind == CS_KIND_STATISTICS && !cs_writer_value(rec, 1))
        sqlite3_bind_text(st, 2, "", 0, SQLITE_STATIC);
    if (spec->kind == CS_KIND_STATISTICS && !cs_writer_value(rec, 3))
        sqlite3_bind_int(st, 4, 0);
    if (spec->kind == CS_KIND_TARGETS && !cs_writer_value(rec, 2))
        sqlite3_bind_int(st, 3, 0);
    if ((spec->kind == CS_KIND_FACTS || spec->kind == CS_KIND_ASSESSMENT_RUNS) &&
        !cs_writer_value(rec, 3))
        sqlite3_bind_int(st, 4, 0);
    if (spec->kind == CS_KIND_FACTS && !cs_writer_value(rec, 4))
        sqlite3_bind_text(st, 5, "", 0, SQLITE_STATIC);
}

/* The key the session tracks a record by: its key columns, a run or partition as its id stored. */
static int session_key(cs_buf *b, const cs_store_writer *w, const cs_record *rec)
{
    cs_buf_reset(b);
    int rc = cs_buf_puts(b, "");
    for (size_t i = 0; !rc && i < rec->spec->n_key_columns; i++) {
        const cs_column_spec *c = &rec->spec->columns[i];
        const char *v = rec->values[i] ? rec->values[i] : "";
        rc = i ? cs_buf_puts(b, CS_RECORD_KEY_SEP) : 0;
        if (!rc && c->reference >= 0 && keyed_by_id((cs_record_kind)c->reference))
            rc = cs_buf_printf(b, "%lld", (long long)mapped_id(w, (cs_record_kind)c->reference, v));
        else if (!rc)
            rc = cs_buf_puts(b, v);
    }
    return rc;
}

/* Steps a bound insert or upsert: 1 when it changed a row, 0 when not, or an error code. */
static int step_write(cs_store_writer *w, sqlite3_stmt *st, const cs_record *rec)
{
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (step != SQLITE_DONE) {
        char what[128];
        snprintf(what, sizeof what, "writing %s record %zu", rec->spec->name, rec->index + 1);
        return cs_store_fail(w->store, what);
    }
    return sqlite3_changes(w->db) > 0;
}

/* The index of the record's file among the files of memberships, by one rule on both paths. */
static int membership_file(size_t *index, cs_store_writer *w, const cs_record *rec)
{
    size_t file = 0;
    while (file < w->n_membership_files && w->membership_files[file] != rec->file)
        file++;
    if (file == w->n_membership_files) {
        if (file == CS_STORE_MEMBERSHIP_FILES_MAX) {
            char expected[200];
            snprintf(expected, sizeof expected,
                     "memberships from at most %d files in one import (whether or not the "
                     "registry holds memberships already)",
                     CS_STORE_MEMBERSHIP_FILES_MAX);
            return cs_record_error(rec, -1, expected, "memberships from one more file");
        }
        w->membership_files[w->n_membership_files++] = rec->file;
    }
    *index = file;
    return 0;
}

static int put_membership(cs_store_outcome *outcome, cs_store_writer *w, const cs_record *rec)
{
    int64_t ids[2];
    size_t file = 0;
    int frc = membership_file(&file, w, rec);
    if (frc)
        return frc;
    const char *cluster = rec->values[0];
    cs_keymap_value *c = cs_keymap_get(w->keys[CS_KIND_CLUSTERS], cluster, strlen(cluster));
    int rc = organisation_id(w, rec->values[1], &ids[1]);
    if (rc < 0)
        return rc;
    if (!c || !rc)
        return cs_error_set(CS_ERROR, "internal: a membership refers to an unknown record");
    ids[0] = c->id;
    if (ids[0] > UINT32_MAX || ids[1] > UINT32_MAX)
        return cs_error_set(CS_ERROR, "row ids beyond 2^32 are not supported");
    if (w->bulk[CS_KIND_MEMBERSHIPS]) {
        if (!w->append[CS_KIND_MEMBERSHIPS] && (rc = cs_writer_start_bulk(w, CS_KIND_MEMBERSHIPS)))
            return rc;
        *outcome = CS_STORE_INSERTED;
        return cs_writer_hold_membership(w, rec, ids, file);
    }
    rc = cs_u64set_add(w->membership_pairs, (uint64_t)ids[0] << 32 | (uint64_t)ids[1]);
    if (rc <= 0) {
        *outcome = CS_STORE_DUPLICATE;
        return rc;
    }
    if ((rc = cs_writer_await_thread(w)))
        return rc;
    sqlite3_stmt *st = w->upsert[CS_KIND_MEMBERSHIPS];
    sqlite3_bind_int64(st, 1, ids[0]);
    sqlite3_bind_int64(st, 2, ids[1]);
    sqlite3_bind_text(st, 3, cs_writer_value(rec, 2) ? rec->values[2] : "member", -1,
                      SQLITE_STATIC);
    for (int i = 3; i < 7; i++)
        bind_column(st, i + 1, &rec->spec->columns[i], cs_writer_value(rec, i));
    sqlite3_set_last_insert_rowid(w->db, 0);
    rc = step_write(w, st, rec);
    if (rc < 0)
        return rc;
    *outcome = !rc                                     ? CS_STORE_UNCHANGED
               : sqlite3_last_insert_rowid(w->db) != 0 ? CS_STORE_INSERTED
                                                       : CS_STORE_UPDATED;
    /* a new membership may change which cluster the organisation's hit names */
    return *outcome == CS_STORE_INSERTED
               ? cs_search_changes_link(&w->search, (uint64_t)ids[0] << 32 | (uint64_t)ids[1])
               : 0;
}

/* The first id after every id of the kind's table. */
static int next_id(int64_t *id, cs_store_writer *w, cs_record_kind kind)
{
    char sql[128];
    sqlite3_stmt *st = NULL;
    snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) + 1 FROM %s", tables[kind].table);
    int rc = prepare(w, &st, sql);
    if (rc)
        return rc;
    rc = sqlite3_step(st) == SQLITE_ROW ? 0 : cs_store_fail(w->store, "reading the last id");
    *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

/*
 * A run or partition, named within the import by its id as written. It is the stored record that
 * holds exactly these values and that no other record of this session is, preferring the one
 * under the same id (unchanged); else it is inserted under its id when that is free, or under
 * the next free id. The id as written then maps to the id stored, for the records that refer to
 * it; re-importing an export is unchanged even where its ids were taken.
 */
static int put_by_id(cs_store_outcome *outcome, long *first, cs_store_writer *w,
                     const cs_record *rec)
{
    cs_record_kind kind = rec->spec->kind;
    const char *key = rec->values[0];
    cs_keymap_value *slot = cs_keymap_get(w->keys[kind], key, strlen(key));
    if (slot && slot->line) {
        *outcome = CS_STORE_DUPLICATE;
        *first = slot->line;
        return 0;
    }
    int rc = cs_writer_await_thread(w);
    if (!rc && !w->same[kind]) {
        const cs_kind_spec *spec = rec->spec;
        cs_buf *b = &w->scratch;
        cs_buf_reset(b);
        rc = cs_buf_printf(b, "SELECT id FROM %s WHERE 1 = 1", tables[kind].table);
        for (size_t i = 1; !rc && i < spec->n_columns; i++)
            rc = cs_buf_printf(b, " AND %s IS NOT DISTINCT FROM ?%zu", tables[kind].columns[i],
                               i + 1);
        rc = rc ? rc : cs_buf_puts(b, " ORDER BY id");
        rc = rc ? rc : prepare(w, &w->same[kind], cs_buf_str(b));
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE id = ?1", tables[kind].table);
        rc = rc ? rc : prepare(w, &w->taken[kind], sql);
        rc = rc ? rc : cs_u64set_new(&w->claimed[kind]);
    }
    if (rc)
        return rc;
    int64_t written = strtoll(key, NULL, 10), id = 0;
    sqlite3_stmt *st = w->same[kind];
    bind_record(st, w, rec, 0);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t candidate = sqlite3_column_int64(st, 0);
        if (candidate != written && id)
            continue;
        id = candidate; /* claimed ones are skipped below */
        if (candidate == written)
            break;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return cs_store_fail(w->store, "comparing a record with the registry");
    /* the stored twin must not already be another record of this session */
    if (id && (rc = cs_u64set_add(w->claimed[kind], (uint64_t)id)) <= 0) {
        if (rc < 0)
            return rc;
        id = 0;
        bind_record(st, w, rec, 0);
        while ((step = sqlite3_step(st)) == SQLITE_ROW && !id) {
            int64_t candidate = sqlite3_column_int64(st, 0);
            if ((rc = cs_u64set_add(w->claimed[kind], (uint64_t)candidate)) < 0)
                break;
            id = rc ? candidate : 0;
        }
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (rc < 0)
            return rc;
    }
    *outcome = id ? CS_STORE_UNCHANGED : CS_STORE_INSERTED;
    if (!id) {
        sqlite3_bind_int64(w->taken[kind], 1, written);
        step = sqlite3_step(w->taken[kind]);
        int taken = step == SQLITE_ROW && sqlite3_column_int64(w->taken[kind], 0) > 0;
        sqlite3_reset(w->taken[kind]);
        if (step != SQLITE_ROW)
            return cs_store_fail(w->store, "reading the registry's ids");
        id = written;
        if (taken && (rc = next_id(&id, w, kind)))
            return rc;
        st = w->upsert[kind];
        bind_record(st, w, rec, 0);
        sqlite3_bind_int64(st, 1, id);
        if ((rc = step_write(w, st, rec)) < 0)
            return rc;
        if ((rc = cs_u64set_add(w->claimed[kind], (uint64_t)id)) < 0)
            return rc;
    }
    if (!slot && !(slot = cs_keymap_put(w->keys[kind], key, strlen(key))))
        return CS_ENOMEM;
    slot->id = id;
    slot->line = rec->line > 0 ? rec->line : (long)rec->index + 1;
    return 0;
}

static int put_record(cs_store_outcome *outcome, long *first, cs_store_writer *w,
                      const cs_record *rec);

/* Notes a written record whose index row must be replaced (memberships: put_membership and
 * the bulk path; organisations of a bulk load: their id range). */
static int note_for_search(cs_store_writer *w, const cs_record *rec)
{
    cs_search_changes *c = &w->search;
    const char *key = rec->values[0];
    switch (rec->spec->kind) {
    case CS_KIND_CLUSTERS: {
        cs_keymap_value *v = cs_keymap_get(w->keys[CS_KIND_CLUSTERS], key, strlen(key));
        return v ? cs_search_changes_add(&c->clusters, &c->n_clusters, &c->cap_clusters, v->id) : 0;
    }
    case CS_KIND_ORGANISATIONS: {
        int64_t id = 0;
        if (w->bulk[CS_KIND_ORGANISATIONS])
            return 0;
        int rc = organisation_id(w, key, &id);
        return rc <= 0 ? rc
                       : cs_search_changes_add(&c->organisations, &c->n_organisations,
                                               &c->cap_organisations, id);
    }
    case CS_KIND_FACTS: {
        sqlite3_stmt *st = w->find_fact;
        for (int i = 0; i < 3; i++)
            sqlite3_bind_text(st, i + 1, rec->values[i] ? rec->values[i] : "", -1, SQLITE_STATIC);
        const char *year = cs_writer_value(rec, 3);
        sqlite3_bind_int64(st, 4, year ? strtoll(year, NULL, 10) : 0);
        int step = sqlite3_step(st);
        int64_t id = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (step != SQLITE_ROW && step != SQLITE_DONE)
            return cs_store_fail(w->store, "reading a fact's id");
        return id ? cs_search_changes_add(&c->facts, &c->n_facts, &c->cap_facts, id) : 0;
    }
    case CS_KIND_NEWS:
    case CS_KIND_NEWS_QA:
    case CS_KIND_NEWS_LINKS:
        /* an item's row holds its Q&A and its first cluster: the item's key (column 0 of each) */
        return cs_buf_append(&c->news, key, strlen(key) + 1) ? CS_ENOMEM : 0;
    case CS_KIND_FACT_DEFINITIONS: {
        /* columns name, subject_kind */
        const char *kind = rec->values[1] ? rec->values[1] : "";
        return cs_buf_append(&c->definitions, kind, strlen(kind) + 1) ||
                       cs_buf_append(&c->definitions, key, strlen(key) + 1)
                   ? CS_ENOMEM
                   : 0;
    }
    default:
        return 0;
    }
}

int cs_store_writer_put(cs_store_outcome *outcome, long *first, cs_store_writer *w,
                        const cs_record *rec)
{
    int rc = ensure_record_keys(w, rec);
    rc = rc ? rc : cs_history_before(w, rec);
    rc = rc ? rc : put_record(outcome, first, w, rec);
    rc = rc ? rc : cs_history_after(w, rec, *outcome);
    if (!rc && (*outcome == CS_STORE_INSERTED || *outcome == CS_STORE_UPDATED))
        rc = note_for_search(w, rec);
    return rc;
}

static int put_record(cs_store_outcome *outcome, long *first, cs_store_writer *w,
                      const cs_record *rec)
{
    cs_record_kind kind = rec->spec->kind;
    *first = 0;
    if (kind == CS_KIND_MEMBERSHIPS)
        return put_membership(outcome, w, rec);
    if (keyed_by_id(kind))
        return put_by_id(outcome, first, w, rec);
    int rc = session_key(&w->scratch, w, rec);
    if (rc)
        return rc;
    if (kind == CS_KIND_STATISTICS && w->bulk[kind])
        return cs_writer_put_statistic(outcome, first, w, rec, w->scratch.data, w->scratch.len);
    cs_keymap_value *slot = cs_keymap_get(w->keys[kind], w->scratch.data, w->scratch.len);
    if (slot && slot->line) {
        *outcome = CS_STORE_DUPLICATE;
        *first = slot->line;
        return 0;
    }
    /* preloaded kinds know whether the key exists; the others learn it from the insert */
    int existed = slot != NULL;
    if (!slot && !(slot = cs_keymap_put(w->keys[kind], w->scratch.data, w->scratch.len)))
        return CS_ENOMEM;
    slot->line = rec->line > 0 ? rec->line : (long)rec->index + 1;
    int bulk = w->bulk[kind] && kind == CS_KIND_ORGANISATIONS;
    if (!bulk && (rc = cs_writer_await_thread(w)))
        return rc;
    if (bulk && !w->append[kind] && (rc = cs_writer_start_bulk(w, kind)))
        return rc;
    if (bulk) {
        slot->id = w->next_organisation_id++;
        *outcome = CS_STORE_INSERTED;
        return cs_writer_push_organisation(w, rec, slot->id);
    }
    sqlite3_stmt *st = w->upsert[kind];
    bind_record(st, w, rec, 0);
    sqlite3_set_last_insert_rowid(w->db, 0);
    int changed = step_write(w, st, rec);
    if (changed < 0)
        return changed;
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(w->db);
    /* rowid tables report an insert through last_insert_rowid; an upsert's update does not */
    int inserted = changed && (rowid != 0 || (!existed && !tables[kind].rowid));
    if (inserted && rowid)
        slot->id = rowid;
    *outcome = inserted ? CS_STORE_INSERTED : changed ? CS_STORE_UPDATED : CS_STORE_UNCHANGED;
    return 0;
}

int cs_store_writer_end_kind(cs_store_conflict *conflict, cs_store_writer *w, cs_record_kind kind)
{
    return cs_writer_end_bulk(conflict, w, kind);
}

int cs_store_writer_definitions(cs_fact_definitions **out, cs_store_writer *w)
{
    int rc = cs_writer_await_thread(w);
    return rc ? rc : cs_store_fact_definitions(out, w->store);
}

int cs_store_writer_each_fact(cs_store_writer *w, const char *subject_kind, const char *name,
                              int (*fn)(void *ctx, const char *subject, int year,
                                        const char *value),
                              void *ctx)
{
    int rc = cs_writer_await_thread(w);
    if (rc)
        return rc;
    sqlite3_stmt *st = w->facts_of_definition;
    sqlite3_bind_text(st, 1, subject_kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *value = (const char *)sqlite3_column_text(st, 2);
        rc = fn(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
                value ? value : "");
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(w->store, "reading facts");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

/* Steps a bound lookup of one row: 1 with its first two text columns copied to `first` and
 * `second` (when not NULL), 0 when there is no row, or an error code. */
static int lookup_row(cs_store_writer *w, sqlite3_stmt *st, char *first, size_t first_cap,
                      char *second, size_t second_cap, const char *what)
{
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        snprintf(first, first_cap, "%s", (const char *)sqlite3_column_text(st, 0));
        if (second)
            snprintf(second, second_cap, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return cs_store_fail(w->store, what);
    return step == SQLITE_ROW;
}

int cs_store_writer_region_country(char country[3], cs_store_writer *w, const char *key)
{
    int rc = cs_writer_await_thread(w);
    if (rc)
        return rc;
    sqlite3_bind_text(w->region_country, 1, key, -1, SQLITE_STATIC);
    return lookup_row(w, w->region_country, country, 3, NULL, 0, "reading regions");
}

int cs_store_writer_cluster_outside(char *cluster, size_t cap, char its_country[3],
                                    cs_store_writer *w, const char *region, const char *country)
{
    int rc = cs_writer_await_thread(w);
    if (rc)
        return rc;
    sqlite3_bind_text(w->cluster_outside, 1, region, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->cluster_outside, 2, country, -1, SQLITE_STATIC);
    return lookup_row(w, w->cluster_outside, cluster, cap, its_country, 3, "reading clusters");
}

int cs_writer_lookup(cs_store_writer *w, sqlite3_stmt **st, const char *sql,
                     const char *const *args, int n_args, char *out, size_t cap, char *second,
                     size_t second_cap, const char *what)
{
    int rc = cs_writer_await_thread(w);
    if (!rc && !*st)
        rc = prepare(w, st, sql);
    if (rc)
        return rc;
    for (int i = 0; i < n_args; i++)
        sqlite3_bind_text(*st, i + 1, args[i], -1, SQLITE_STATIC);
    return lookup_row(w, *st, out, cap, second, second_cap, what);
}

/* One column of one row (cs_writer_lookup). */
static int lookup(cs_store_writer *w, sqlite3_stmt **st, const char *sql, const char *const *args,
                  int n_args, char *out, size_t cap, const char *what)
{
    return cs_writer_lookup(w, st, sql, args, n_args, out, cap, NULL, 0, what);
}

int cs_store_writer_parent(char *parent, size_t cap, cs_store_writer *w, cs_record_kind kind,
                           const char *scope, const char *key)
{
    if (kind == CS_KIND_REGIONS) {
        const char *args[] = { key };
        return lookup(w, &w->region_parent,
                      "SELECT coalesce(parent, '') FROM region WHERE key = ?1", args, 1, parent,
                      cap, "reading regions");
    }
    const char *args[] = { scope, key };
    return lookup(w, &w->industry_parent,
                  "SELECT coalesce(parent, '') FROM industry WHERE classification = ?1 AND "
                  "code = ?2",
                  args, 2, parent, cap, "reading industries");
}

int cs_store_writer_region_with_code(char *key, size_t cap, cs_store_writer *w, const char *code)
{
    const char *args[] = { code };
    return lookup(w, &w->region_code, "SELECT key FROM region WHERE code = ?1", args, 1, key, cap,
                  "reading regions");
}

int cs_store_writer_classification_kind(char kind[16], cs_store_writer *w, const char *key)
{
    const char *args[] = { key };
    return lookup(w, &w->classification_kind, "SELECT kind FROM classification WHERE key = ?1",
                  args, 1, kind, 16, "reading classifications");
}

int cs_store_writer_concordance_category(char *category, size_t cap, cs_store_writer *w,
                                         const char *classification, const char *industry,
                                         const char *scheme)
{
    const char *args[] = { classification, industry, scheme };
    return lookup(w, &w->concordance_category,
                  "SELECT category FROM concordance WHERE classification = ?1 AND industry = ?2 "
                  "AND scheme = ?3",
                  args, 3, category, cap, "reading concordances");
}

int cs_store_writer_clear_reference_set(cs_store_writer *w, const char *key)
{
    int rc = cs_writer_await_thread(w);
    /* children first: a session runs with foreign keys off, so nothing cascades */
    static const char *const clear[] = { "DELETE FROM reference_case WHERE set_key = ?1",
                                         "DELETE FROM reference_factor WHERE set_key = ?1",
                                         "DELETE FROM reference_model WHERE set_key = ?1",
                                         "DELETE FROM reference_assignment WHERE set_key = ?1",
                                         "DELETE FROM reference_trait WHERE set_key = ?1",
                                         "DELETE FROM reference_type WHERE set_key = ?1",
                                         "DELETE FROM reference_set WHERE key = ?1" };
    for (size_t i = 0; !rc && i < sizeof clear / sizeof clear[0]; i++) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(w->db, clear[i], -1, &st, NULL) != SQLITE_OK)
            return cs_store_fail(w->store, "replacing a reference set");
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = cs_store_fail(w->store, "replacing a reference set");
        sqlite3_finalize(st);
    }
    return rc;
}

int cs_store_writer_insert(cs_store_writer *w, const cs_record *rec)
{
    cs_record_kind kind = rec->spec->kind;
    int rc = cs_writer_await_thread(w);
    rc = rc ? rc : ensure_record_keys(w, rec);
    if (!rc && !w->insert[kind])
        rc = prepare_insert(w, &w->insert[kind], kind, 1);
    rc = rc ? rc : session_key(&w->scratch, w, rec);
    if (rc)
        return rc;
    /* known from here on (for references), but not marked as put in this session */
    if (!cs_keymap_put(w->keys[kind], w->scratch.data, w->scratch.len))
        return CS_ENOMEM;
    bind_record(w->insert[kind], w, rec, 1);
    rc = step_write(w, w->insert[kind], rec);
    return rc < 0 ? rc : 0;
}

int cs_store_writer_end(cs_store_writer *w, int commit)
{
    int rc = 0;
    if (w->thread) {
        rc = cs_bulk_writer_join(w->thread, !commit);
        w->thread = NULL;
    }
    /* kinds the caller did not end; a conflict here is reported without the caller's words */
    cs_store_conflict conflict;
    for (int k = 0; k < CS_KIND_COUNT && commit && !rc; k++)
        if ((rc = cs_writer_end_bulk(&conflict, w, (cs_record_kind)k)) == CS_EDATA)
            cs_error_set(rc, "%s:%ld: a %s record repeats the key of line %ld (%s)",
                         conflict.again_file, conflict.again_line,
                         cs_kind_spec_get((cs_record_kind)k)->name, conflict.first_line,
                         conflict.key);
    if (commit && !rc)
        rc = cs_history_end(w);
    /* the search index follows the records in the same transaction */
    if (w->search.new_from)
        w->search.new_to = w->next_organisation_id;
    if (commit && !rc)
        rc = cs_store_search_update(w->store, &w->search);
    if (rc)
        commit = 0;
    if (w->own_transaction) {
        if (commit)
            rc = cs_store_commit(w->store);
        if (!commit || rc)
            cs_store_rollback(w->store);
        int fk = cs_store_exec(w->store, "PRAGMA foreign_keys = ON");
        rc = rc ? rc : fk;
    }
    writer_free(w);
    return rc;
}
