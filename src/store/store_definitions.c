/*
 * store_definitions.c: the registry's fact definitions: the built-in ones a new registry starts
 * with, and reading them all back.
 */
#include "clusterscope/error.h"
#include "fact/definition.h"
#include "store/store_internal.h"

#include <stddef.h>

static void bind_text_or_null(sqlite3_stmt *st, int col, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

int cs_store_write_builtin_definitions(cs_store *store)
{
    const cs_fact_definitions *defs = NULL;
    int rc = cs_fact_definitions_builtin(&defs);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "INSERT INTO fact_definition (name, subject_kind, type, levels, unit, "
                           "label_en, label_ru, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                           "?8)",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "preparing the built-in fact definitions");
    /* an empty text is stored as NULL, as an import stores an empty cell */
    for (size_t i = 0; !rc && i < cs_fact_definitions_count(defs); i++) {
        const cs_fact_definition *d = cs_fact_definitions_at(defs, i);
        sqlite3_bind_text(st, 1, d->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, cs_subject_kind_name(d->subject_kind), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, cs_fact_type_name(d->type), -1, SQLITE_STATIC);
        bind_text_or_null(st, 4, d->levels);
        bind_text_or_null(st, 5, d->unit);
        bind_text_or_null(st, 6, d->label_en);
        bind_text_or_null(st, 7, d->label_ru);
        bind_text_or_null(st, 8, d->description);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = cs_store_fail(store, "storing the built-in fact definitions");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_store_fact_definitions(cs_fact_definitions **out, cs_store *store)
{
    *out = NULL;
    cs_fact_definitions *defs = NULL;
    int rc = cs_fact_definitions_new(&defs);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT name, subject_kind, type, levels, unit, label_en, label_ru, "
                           "description FROM fact_definition ORDER BY subject_kind, name",
                           -1, &st, NULL) != SQLITE_OK) {
        cs_fact_definitions_free(defs);
        return cs_store_fail(store, "reading fact definitions");
    }
    int step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *fields[CS_FACT_DEF_FIELDS];
        for (int i = 0; i < CS_FACT_DEF_FIELDS; i++)
            fields[i] = (const char *)sqlite3_column_text(st, i);
        cs_fact_definition d;
        cs_fact_definition_from_fields(&d, fields);
        rc = cs_fact_definitions_add(defs, &d);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading fact definitions");
    sqlite3_finalize(st);
    if (rc) {
        cs_fact_definitions_free(defs);
        return rc;
    }
    *out = defs;
    return 0;
}
