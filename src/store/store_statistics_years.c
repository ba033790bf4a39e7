/*
 * store_statistics_years.c: what the registry's statistics hold, per measure and year, without
 * reading their values: the rows and the sources of each (store.h), so that a front end can
 * pick a year and name where its numbers came from.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"

#include <string.h>

int cs_store_statistics_years(
    cs_store *store, const char *classification, const char *const *measures, size_t n,
    int (*fn)(void *ctx, size_t measure, int year, long long rows, const char *source), void *ctx)
{
    if (n == 0 || n > 4)
        return cs_error_set(CS_EUSAGE, "statistics: 1 to 4 measures, not %zu", n);
    /* one group per (measure, year, source); the index (measure, year) serves the scan */
    static const char sql[] = "SELECT measure, year, coalesce(source, ''), count(*) "
                              "FROM statistic WHERE measure IN (?1, ?2, ?3, ?4) "
                              "AND (?5 IS NULL OR classification = ?5) "
                              "GROUP BY measure, year, coalesce(source, '') "
                              "ORDER BY year, measure, 3";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the years of the statistics");
    for (size_t m = 0; m < 4; m++)
        sqlite3_bind_text(st, (int)m + 1, measures[m < n ? m : 0], -1, SQLITE_STATIC);
    if (classification)
        sqlite3_bind_text(st, 5, classification, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *measure = (const char *)sqlite3_column_text(st, 0);
        size_t m = 0;
        while (m < n && strcmp(measures[m], measure) != 0)
            m++;
        rc = fn(ctx, m, sqlite3_column_int(st, 1), sqlite3_column_int64(st, 3),
                (const char *)sqlite3_column_text(st, 2));
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading the years of the statistics");
    sqlite3_finalize(st);
    return rc;
}
