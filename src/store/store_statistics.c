/*
 * store_statistics.c: reading the regional statistics (migrations 0010, 0011) for the regional
 * measures, streamed row by row so that memory does not grow with the table (store.h): as
 * stored, or selected by classification and year and summed up the region hierarchy and
 * through a concordance, with the checks that keep such sums honest.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cs_store_statistics_each(cs_store *store, const char *const *measures, size_t n,
                             int (*fn)(void *ctx, const char *region, const char *industry,
                                       int year, size_t measure, double value),
                             void *ctx)
{
    /* the measures asked become a temporary ordered list joined on, so that one ordered scan
     * gives each cell's measures in the caller's order */
    sqlite3_stmt *st = NULL;
    int rc = cs_store_exec(store, "CREATE TEMP TABLE IF NOT EXISTS statistic_asked "
                                  "(position INTEGER PRIMARY KEY, measure TEXT NOT NULL);"
                                  "DELETE FROM statistic_asked");
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "INSERT INTO statistic_asked (position, measure) VALUES (?1, ?2)", -1,
                           &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading statistics");
    for (size_t m = 0; m < n; m++) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)m);
        sqlite3_bind_text(st, 2, measures[m], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return cs_store_fail(store, "reading statistics");
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT s.region, s.industry, s.year, a.position, s.value "
                           "FROM statistic s JOIN statistic_asked a ON a.measure = s.measure "
                           "ORDER BY s.region, s.industry, s.year, a.position",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading statistics");
    int step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(ctx, (const char *)sqlite3_column_text(st, 0),
                (const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2),
                (size_t)sqlite3_column_int64(st, 3), sqlite3_column_double(st, 4));
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading statistics");
    sqlite3_finalize(st);
    return rc;
}

/* The temporary lists a query joins on: the measures asked with their places, and the years. */
static int asked_fill(cs_store *store, const cs_statistics_query *q)
{
    sqlite3_stmt *st = NULL;
    int rc = cs_store_exec(store, "CREATE TEMP TABLE IF NOT EXISTS statistic_asked "
                                  "(position INTEGER PRIMARY KEY, measure TEXT NOT NULL);"
                                  "CREATE TEMP TABLE IF NOT EXISTS statistic_years "
                                  "(year INTEGER PRIMARY KEY);"
                                  "DELETE FROM statistic_asked; DELETE FROM statistic_years");
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "INSERT INTO statistic_asked (position, measure) VALUES (?1, ?2)", -1,
                           &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading statistics");
    for (size_t m = 0; m < q->n_measures && !rc; m++) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)m);
        sqlite3_bind_text(st, 2, q->measures[m], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = cs_store_fail(store, "reading statistics");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc || !q->n_years)
        return rc;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "INSERT OR IGNORE INTO statistic_years (year) VALUES (?1)", -1, &st,
                           NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading statistics");
    for (size_t y = 0; y < q->n_years && !rc; y++) {
        sqlite3_bind_int(st, 1, q->years[y]);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = cs_store_fail(store, "reading statistics");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Each region's chain of ancestors (up), and its nearest ancestor of type ?2 (lvl; itself at
 * depth 0 when of that type: SQLite takes the bare column anc from the row of min(depth)). The
 * depth bound keeps a cycle a file should never have made from running for ever. */
#define LEVEL_CTE                                                                                  \
    "WITH RECURSIVE up (region, anc, depth) AS ("                                                  \
    " SELECT key, key, 0 FROM region"                                                              \
    " UNION ALL SELECT up.region, r.parent, up.depth + 1 FROM up JOIN region r ON r.key = up.anc"  \
    " WHERE r.parent IS NOT NULL AND up.depth < 64),"                                              \
    " lvl (region, anc, depth) AS ("                                                               \
    " SELECT up.region, up.anc, min(up.depth) FROM up JOIN region a ON a.key = up.anc"             \
    " WHERE a.type = ?2 GROUP BY up.region) "

/* The rows a query selects before any summing: its measures, classification and years. */
#define SELECTED                                                                                   \
    " FROM statistic s JOIN statistic_asked a ON a.measure = s.measure"                            \
    " WHERE (?1 IS NULL OR s.classification = ?1)"                                                 \
    " AND (NOT EXISTS (SELECT 1 FROM statistic_years) OR"                                          \
    " s.year IN (SELECT year FROM statistic_years))"

static int prepare(sqlite3_stmt **st, cs_store *store, const cs_statistics_query *q,
                   const char *sql)
{
    *st = NULL;
    int rc = asked_fill(store, q);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading statistics");
    if (q->classification)
        sqlite3_bind_text(*st, 1, q->classification, -1, SQLITE_STATIC);
    if (q->level)
        sqlite3_bind_text(*st, 2, q->level, -1, SQLITE_STATIC);
    if (q->scheme)
        sqlite3_bind_text(*st, 3, q->scheme, -1, SQLITE_STATIC);
    const char *types = q->scheme ? q->scheme : q->classification;
    if (types && sqlite3_bind_parameter_count(*st) >= 4)
        sqlite3_bind_text(*st, 4, types, -1, SQLITE_STATIC);
    return 0;
}

int cs_store_statistics_select(cs_store *store, const cs_statistics_query *q,
                               cs_statistics_row_fn fn, void *ctx)
{
    char sql[2048];
    const char *key = q->scheme ? "c.category" : "s.industry";
    /* the rows of one output cell are summed here, so that memory holds cells, not rows */
    snprintf(sql, sizeof sql,
             "%sSELECT %s AS rg, %s AS k, s.year, a.position, sum(s.value),"
             " (SELECT t.type FROM industry t WHERE t.classification = ?4 AND t.code = %s)"
             " FROM statistic s JOIN statistic_asked a ON a.measure = s.measure %s %s"
             " WHERE (?1 IS NULL OR s.classification = ?1)"
             " AND (NOT EXISTS (SELECT 1 FROM statistic_years) OR"
             " s.year IN (SELECT year FROM statistic_years))"
             " GROUP BY rg, k, s.year, a.position ORDER BY rg, k, s.year, a.position",
             q->level ? LEVEL_CTE : "", q->level ? "l.anc" : "s.region", key, key,
             q->level ? "JOIN lvl l ON l.region = s.region" : "",
             q->scheme ? "JOIN concordance c ON c.classification = s.classification AND "
                         "c.industry = s.industry AND c.scheme = ?3"
                       : "");
    sqlite3_stmt *st = NULL;
    int rc = prepare(&st, store, q, sql);
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(ctx, (const char *)sqlite3_column_text(st, 0),
                (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 5),
                sqlite3_column_int(st, 2), (size_t)sqlite3_column_int64(st, 3),
                sqlite3_column_double(st, 4));
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading statistics");
    sqlite3_finalize(st);
    return rc;
}

int cs_store_statistics_list(cs_store *store, cs_statistics_list what, const cs_statistics_query *q,
                             int (*fn)(void *ctx, const char *name), void *ctx)
{
    /* each list reads only the parts of Q it names */
    cs_statistics_query l = { NULL, 0, NULL, NULL, 0, NULL, NULL };
    const char *sql = NULL;
    switch (what) {
    case CS_STATISTICS_CLASSIFICATIONS:
        l.measures = q->measures;
        l.n_measures = q->n_measures;
        sql = "SELECT DISTINCT s.classification" SELECTED " ORDER BY 1";
        break;
    case CS_STATISTICS_YEARS:
        l.measures = q->measures;
        l.n_measures = q->n_measures;
        l.classification = q->classification;
        sql = "SELECT DISTINCT s.year" SELECTED " ORDER BY 1";
        break;
    case CS_STATISTICS_KNOWN_CLASSIFICATIONS:
        sql = "SELECT key FROM classification ORDER BY 1";
        break;
    case CS_STATISTICS_SCHEMES:
        l.classification = q->classification;
        sql = "SELECT DISTINCT scheme FROM concordance WHERE classification = ?1 ORDER BY 1";
        break;
    case CS_STATISTICS_REGION_TYPES:
        sql = "SELECT DISTINCT type FROM region WHERE type IS NOT NULL ORDER BY 1";
        break;
    }
    sqlite3_stmt *st = NULL;
    int rc = sql ? prepare(&st, store, &l, sql) : cs_error_set(CS_EUSAGE, "statistics: bad list");
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(ctx, (const char *)sqlite3_column_text(st, 0));
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading statistics");
    sqlite3_finalize(st);
    return rc;
}

/* A copy of column c, or NULL for SQL NULL; CS_ENOMEM when no copy could be made. */
static int column_copy(char **out, sqlite3_stmt *st, int c)
{
    const char *v = (const char *)sqlite3_column_text(st, c);
    *out = v ? strdup(v) : NULL;
    return v && !*out ? cs_error_set(CS_ENOMEM, "out of memory") : 0;
}

int cs_store_statistics_unplaced(char **region, char **type, cs_store *store,
                                 const cs_statistics_query *q)
{
    *region = *type = NULL;
    sqlite3_stmt *st = NULL;
    int rc = prepare(
        &st, store, q,
        LEVEL_CTE "SELECT s.region, (SELECT r.type FROM region r WHERE r.key = s.region)" SELECTED
                  " AND s.region NOT IN (SELECT region FROM lvl)"
                  " ORDER BY s.region LIMIT 1");
    int step = rc ? SQLITE_DONE : sqlite3_step(st);
    if (!rc && step == SQLITE_ROW) {
        rc = column_copy(region, st, 0);
        rc = rc ? rc : column_copy(type, st, 1);
    } else if (!rc && step != SQLITE_DONE) {
        rc = cs_store_fail(store, "reading statistics");
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_store_statistics_nested(cs_statistics_nesting *out, cs_store *store,
                               const cs_statistics_query *q)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    /* a region and one of its ancestors up to the level's both holding the same value would
     * count it twice in the ancestor's sum */
    int rc = prepare(&st, store, q,
                     LEVEL_CTE "SELECT s.region, u.anc, s.industry, s.year, s.measure"
                               " FROM statistic s JOIN statistic_asked a ON a.measure = s.measure"
                               " JOIN lvl l ON l.region = s.region"
                               " JOIN up u ON u.region = s.region AND u.depth > 0"
                               " AND u.depth <= l.depth"
                               " JOIN statistic s2 ON s2.region = u.anc"
                               " AND s2.classification = s.classification"
                               " AND s2.industry = s.industry AND s2.year = s.year"
                               " AND s2.measure = s.measure"
                               " WHERE (?1 IS NULL OR s.classification = ?1)"
                               " AND (NOT EXISTS (SELECT 1 FROM statistic_years) OR"
                               " s.year IN (SELECT year FROM statistic_years))"
                               " ORDER BY s.region, s.industry, s.year, u.depth LIMIT 1");
    int step = rc ? SQLITE_DONE : sqlite3_step(st);
    if (!rc && step == SQLITE_ROW) {
        rc = column_copy(&out->region, st, 0);
        rc = rc ? rc : column_copy(&out->ancestor, st, 1);
        rc = rc ? rc : column_copy(&out->industry, st, 2);
        rc = rc ? rc : column_copy(&out->measure, st, 4);
        out->year = sqlite3_column_int(st, 3);
    } else if (!rc && step != SQLITE_DONE) {
        rc = cs_store_fail(store, "reading statistics");
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_store_statistics_unmapped(cs_statistics_coverage *out, cs_store *store,
                                 const cs_statistics_query *q)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = prepare(&st, store, q,
                     "SELECT a.position, count(*), total(s.value), sum(c.category IS NULL),"
                     " total(CASE WHEN c.category IS NULL THEN s.value END)"
                     " FROM statistic s JOIN statistic_asked a ON a.measure = s.measure"
                     " LEFT JOIN concordance c ON c.classification = s.classification"
                     " AND c.industry = s.industry AND c.scheme = ?3"
                     " WHERE (?1 IS NULL OR s.classification = ?1)"
                     " AND (NOT EXISTS (SELECT 1 FROM statistic_years) OR"
                     " s.year IN (SELECT year FROM statistic_years))"
                     " GROUP BY a.position");
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        size_t m = (size_t)sqlite3_column_int64(st, 0);
        if (m >= CS_STATISTICS_MAX_MEASURES)
            continue;
        out->rows += (size_t)sqlite3_column_int64(st, 1);
        out->value[m] = sqlite3_column_double(st, 2);
        out->rows_out += (size_t)sqlite3_column_int64(st, 3);
        out->value_out[m] = sqlite3_column_double(st, 4);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading statistics");
    sqlite3_finalize(st);
    return rc;
}
