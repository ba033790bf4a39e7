#include "ingest/importer.h"

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

struct cs_importer {
    cs_store *store;
    sqlite3 *db;
    cs_import_stats *stats;
    int own_transaction;
    cs_keymap *keys[CS_KIND_COUNT];
    sqlite3_stmt *upsert[CS_KIND_COUNT];
    sqlite3_stmt *find_organisation;
    sqlite3_stmt *find_membership;
    sqlite3_stmt *facts_using_definition;
    int memberships_were_empty;
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
    [CS_KIND_ORGANISATIONS] = { "key", "name", "type", "activities", "country", "website",
                                "source", "note" },
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
static int prepare_upsert(cs_importer *imp, cs_record_kind kind)
{
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
            rc = cs_buf_printf(b, "%s%s.%s IS NOT excluded.%s",
                               i > spec->n_key_columns ? " OR " : "", spec->table, cols[i],
                               cols[i]);
    }
    if (rc)
        return rc;
    if (sqlite3_prepare_v3(imp->db, cs_buf_str(b), -1, SQLITE_PREPARE_PERSISTENT,
                           &imp->upsert[kind], NULL) != SQLITE_OK)
        return cs_store_fail(imp->store, "preparing an import statement");
    return 0;
}

static int prepare(cs_importer *imp, sqlite3_stmt **st, const char *sql)
{
    if (sqlite3_prepare_v3(imp->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return cs_store_fail(imp->store, "preparing an import statement");
    return 0;
}

static void importer_free(cs_importer *imp)
{
    for (int k = 0; k < CS_KIND_COUNT; k++) {
        cs_keymap_free(imp->keys[k]);
        sqlite3_finalize(imp->upsert[k]);
    }
    sqlite3_finalize(imp->find_organisation);
    sqlite3_finalize(imp->find_membership);
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
        if ((rc = cs_store_begin(store))) {
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
            : prepare(imp, &imp->find_membership,
                      "SELECT 1 FROM membership WHERE cluster_id = ?1 AND organisation_id = ?2");
    rc = rc ? rc
            : prepare(imp, &imp->facts_using_definition,
                      "SELECT count(*) FROM fact WHERE subject_kind = ?1 AND name = ?2");
    if (!rc) {
        sqlite3_stmt *st = NULL;
        rc = prepare(imp, &st, "SELECT NOT EXISTS (SELECT 1 FROM membership)");
        if (!rc) {
            imp->memberships_were_empty =
                sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
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

int cs_importer_end(cs_importer *imp, int commit)
{
    int rc = 0;
    if (imp->own_transaction) {
        if (commit)
            rc = cs_store_commit(imp->store);
        if (!commit || rc)
            cs_store_rollback(imp->store);
    }
    importer_free(imp);
    return rc;
}

static const char *value(const cs_record *rec, int i)
{
    const char *v = rec->values[i];
    return v && *v ? v : NULL;
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

static int duplicate_error(const cs_record *rec, long first_line)
{
    char expected[160];
    if (first_line > 0)
        snprintf(expected, sizeof expected, "a %s key not used before in this import (first at %s %ld)",
                 rec->spec->name, rec->locate ? "line" : "record", first_line);
    else
        snprintf(expected, sizeof expected, "a %s key not used before in this import",
                 rec->spec->name);
    return cs_record_error(rec, 0, expected, rec->values[0]);
}

static int missing_reference(const cs_record *rec, int column, cs_record_kind target)
{
    char expected[200];
    static const char *const singular[CS_KIND_COUNT] = {
        "fact definition", "source", "country", "region", "cluster", "organisation", "membership",
        "fact"
    };
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
    cs_keymap_value *def = cs_keymap_get(imp->keys[CS_KIND_FACT_DEFINITIONS], defkey, strlen(defkey));
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
            return cs_record_error(rec, 5, "a status (stated, derived or estimated) for a known value",
                                   "");
    }
    return 0;
}

static int check_definition(cs_importer *imp, const cs_record *rec)
{
    int is_level = strcmp(rec->values[2], "level") == 0;
    if (is_level && !value(rec, 3))
        return cs_record_error(rec, 3, "the levels of a 'level' fact, lowest first, e.g. none|bronze|silver|gold", "");
    if (!is_level && value(rec, 3))
        return cs_record_error(rec, 3, "no levels for a fact that is not of type 'level'",
                               rec->values[3]);
    char defkey[256];
    snprintf(defkey, sizeof defkey, "%s\x1f%s", rec->values[1], rec->values[0]);
    cs_keymap_value *def = cs_keymap_get(imp->keys[CS_KIND_FACT_DEFINITIONS], defkey, strlen(defkey));
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
    cs_keymap_value *slot = NULL;
    if (kind == CS_KIND_MEMBERSHIPS) {
        int64_t ids[2];
        ids[0] = cs_keymap_get(imp->keys[CS_KIND_CLUSTERS], rec->values[0],
                               strlen(rec->values[0]))->id;
        if ((rc = organisation_id(imp, rec->values[1], &ids[1])) < 0)
            return rc;
        slot = cs_keymap_put(imp->keys[kind], ids, sizeof ids);
        if (!slot)
            return CS_ENOMEM;
        if (slot->line)
            return duplicate_error(rec, slot->line);
        if (!imp->memberships_were_empty) {
            sqlite3_bind_int64(imp->find_membership, 1, ids[0]);
            sqlite3_bind_int64(imp->find_membership, 2, ids[1]);
            existed = sqlite3_step(imp->find_membership) == SQLITE_ROW;
            sqlite3_reset(imp->find_membership);
        }
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
        for (size_t i = 0; i < spec->n_columns; i++)
            bind_column(st, (int)i + 1, &spec->columns[i], value(rec, (int)i));
        if (kind == CS_KIND_FACTS) {
            if (!value(rec, 3))
                sqlite3_bind_int(st, 4, 0);
            if (!value(rec, 4))
                sqlite3_bind_text(st, 5, "", 0, SQLITE_STATIC);
        }
    }
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
    int inserted = changed && (rowid != 0 || (!existed && kind != CS_KIND_SOURCES &&
                                              kind != CS_KIND_CLUSTERS &&
                                              kind != CS_KIND_ORGANISATIONS &&
                                              kind != CS_KIND_FACTS));
    if (inserted && rowid)
        slot->id = rowid;
    if (inserted)
        imp->stats->inserted[kind]++;
    else if (changed)
        imp->stats->updated[kind]++;
    else
        imp->stats->unchanged[kind]++;
    return 0;
}
