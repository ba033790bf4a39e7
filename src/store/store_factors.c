/*
 * store_factors.c: reading a reference set's target models, success factors and cases
 * (migration 0003) with the study's assignments, and a cluster's group in the latest stored
 * partition. Rows are read into a view whose strings live in SQLite's statements only while
 * they step, so each row is copied at once; the caller receives cs_factor_reference_copy() of
 * the view, released with cs_factor_reference_free().
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"
#include "util/strpool.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_factor_reference ref;
    cs_target_model *models;
    cs_success_factor *factors;
    cs_success_case *cases;
    cs_factor_assignment *assignments;
    cs_strpool *strings; /* every text kept while reading, freed at once */
    int nomem;
} reading;

static void reading_free(reading *r)
{
    cs_strpool_free(r->strings);
    free(r->models);
    free(r->factors);
    free(r->cases);
    free(r->assignments);
}

/* Column COL as a string kept until the reading is freed; NULL reads as "". */
static const char *keep(reading *r, sqlite3_stmt *st, int col)
{
    const char *text = (const char *)sqlite3_column_text(st, col);
    if (!text)
        return "";
    char *d = NULL;
    if ((r->strings || cs_strpool_new(&r->strings) == 0) &&
        (d = cs_strpool_add(r->strings, text, strlen(text))) != NULL)
        return d;
    r->nomem = 1;
    return "";
}

/* The rows of SQL (bound to the set key), counted first so the caller can size the array. */
typedef int (*row_reader)(reading *r, sqlite3_stmt *st, size_t i);

static int count_rows(size_t *n, reading *r, cs_store *store, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading target models and success factors");
    sqlite3_bind_text(st, 1, r->ref.set_key, -1, SQLITE_STATIC);
    *n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        ++*n;
    sqlite3_finalize(st);
    return 0;
}

/* Reads at most CAP rows of SQL with READ; *n receives the number read. */
static int read_rows(size_t *n, reading *r, cs_store *store, const char *sql, size_t cap,
                     row_reader read)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading target models and success factors");
    sqlite3_bind_text(st, 1, r->ref.set_key, -1, SQLITE_STATIC);
    int rc = 0;
    size_t i = 0;
    while (!rc && i < cap && sqlite3_step(st) == SQLITE_ROW)
        rc = read(r, st, i++);
    *n = i;
    sqlite3_finalize(st);
    return rc;
}

static int read_model(reading *r, sqlite3_stmt *st, size_t i)
{
    cs_target_model *m = &r->models[i];
    int rc = cs_store_column_int(&m->number, st, 0, 0, "a target model's number");
    m->name_en = keep(r, st, 1);
    m->name_ru = keep(r, st, 2);
    m->locator = keep(r, st, 3);
    m->task_en = keep(r, st, 4);
    m->task_ru = keep(r, st, 5);
    m->groups = keep(r, st, 6);
    m->groups_quote = keep(r, st, 7);
    m->groups_locator = keep(r, st, 8);
    m->evidence_method = keep(r, st, 9);
    m->evidence = keep(r, st, 10);
    return rc;
}

static int read_factor(reading *r, sqlite3_stmt *st, size_t i)
{
    cs_success_factor *f = &r->factors[i];
    int rc = cs_store_column_int(&f->number, st, 0, 0, "a success factor's number");
    f->name_en = keep(r, st, 1);
    f->name_ru = keep(r, st, 2);
    f->locator = keep(r, st, 3);
    f->heading_locator = keep(r, st, 4);
    f->preface_ru = keep(r, st, 5);
    f->preface_locator = keep(r, st, 6);
    f->practices_en = keep(r, st, 7);
    f->practices_ru = keep(r, st, 8);
    f->evidence_method = keep(r, st, 9);
    f->evidence = keep(r, st, 10);
    f->no_evidence = keep(r, st, 11);
    return rc;
}

static int read_case(reading *r, sqlite3_stmt *st, size_t i)
{
    cs_success_case *c = &r->cases[i];
    int rc = cs_store_column_int(&c->factor, st, 0, 0, "a case's factor");
    c->cluster = keep(r, st, 1);
    c->title_ru = keep(r, st, 2);
    c->locator = keep(r, st, 3);
    c->summary_en = keep(r, st, 4);
    c->summary_ru = keep(r, st, 5);
    return rc;
}

static int read_assignment(reading *r, sqlite3_stmt *st, size_t i)
{
    cs_factor_assignment *a = &r->assignments[i];
    a->cluster = keep(r, st, 0);
    int rc = cs_store_column_int(&a->group, st, 1, 0, "a reference assignment's type number");
    a->basis = keep(r, st, 2);
    a->models = keep(r, st, 3);
    return rc;
}

int cs_store_factors_load(cs_factor_reference **out, cs_store *store, const char *key)
{
    *out = NULL;
    reading r;
    memset(&r, 0, sizeof r);
    sqlite3_stmt *st = NULL;
    const char *find = key ? "SELECT key FROM reference_set WHERE key = ?1"
                           : "SELECT key FROM reference_set s WHERE EXISTS (SELECT 1 FROM "
                             "reference_factor f WHERE f.set_key = s.key) ORDER BY key LIMIT 1";
    if (sqlite3_prepare_v2(cs_store_db(store), find, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading target models and success factors");
    if (key)
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        r.ref.set_key = keep(&r, st, 0);
    else
        rc = key ? cs_error_set(CS_ENOTFOUND, "no reference set \"%s\" in the registry", key)
                 : cs_error_set(CS_ENOTFOUND, "the registry holds no success factors (import "
                                              "data/reference/reference-groups.json)");
    sqlite3_finalize(st);
    static const char *const sql[4] = {
        "SELECT number, name_en, name_ru, locator, task_en, task_ru, groups, groups_quote, "
        "groups_locator, evidence_method, evidence FROM reference_model WHERE set_key = ?1 "
        "ORDER BY number",
        "SELECT number, name_en, name_ru, locator, heading_locator, preface_ru, preface_locator, "
        "practices_en, practices_ru, evidence_method, evidence, no_evidence FROM "
        "reference_factor WHERE set_key = ?1 ORDER BY number",
        "SELECT factor, cluster_key, title_ru, locator, summary_en, summary_ru FROM "
        "reference_case WHERE set_key = ?1 ORDER BY position",
        "SELECT cluster_key, type_number, basis, target_models FROM reference_assignment "
        "WHERE set_key = ?1 ORDER BY cluster_key"
    };
    size_t n[4] = { 0 };
    for (int k = 0; !rc && k < 4; k++)
        rc = count_rows(&n[k], &r, store, sql[k]);
    if (!rc) {
        r.models = calloc(n[0] + 1, sizeof *r.models);
        r.factors = calloc(n[1] + 1, sizeof *r.factors);
        r.cases = calloc(n[2] + 1, sizeof *r.cases);
        r.assignments = calloc(n[3] + 1, sizeof *r.assignments);
        if (!r.models || !r.factors || !r.cases || !r.assignments)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    rc = rc ? rc : read_rows(&r.ref.n_models, &r, store, sql[0], n[0], read_model);
    rc = rc ? rc : read_rows(&r.ref.n_factors, &r, store, sql[1], n[1], read_factor);
    rc = rc ? rc : read_rows(&r.ref.n_cases, &r, store, sql[2], n[2], read_case);
    rc = rc ? rc : read_rows(&r.ref.n_assignments, &r, store, sql[3], n[3], read_assignment);
    if (!rc && r.nomem)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    if (!rc) {
        r.ref.models = r.models;
        r.ref.factors = r.factors;
        r.ref.cases = r.cases;
        r.ref.assignments = r.assignments;
        rc = cs_factor_reference_copy(out, &r.ref);
    }
    reading_free(&r);
    return rc;
}

int cs_store_partition_group(int *group, long long *partition, cs_store *store, const char *cluster)
{
    *group = 0;
    *partition = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT p.id, m.group_number FROM typology_partition p LEFT JOIN "
                           "typology_member m ON m.partition_id = p.id AND m.cluster_key = ?1 "
                           "ORDER BY p.id DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading partitions");
    sqlite3_bind_text(st, 1, cluster, -1, SQLITE_STATIC);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *partition = sqlite3_column_int64(st, 0);
        rc = cs_store_column_int(group, st, 1, 0, "a partition member's group");
    }
    sqlite3_finalize(st);
    return rc;
}
