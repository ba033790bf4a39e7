/*
 * store_statistics.c: reading the regional statistics (migration 0010) for the regional
 * measures, streamed row by row so that memory does not grow with the table (store.h).
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"

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
