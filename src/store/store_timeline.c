/*
 * store_timeline.c: change over time and counts of the registry (store.h, migration 0012): a
 * cluster's dated facts, its targets, and the clusters listed in each programme. Progress
 * against a target is never stored: the service reads it from the facts of the target's name.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"

#include <string.h>

static const char *col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

int cs_store_dated_facts(cs_factset *set, cs_store *store, const char *cluster, const char *name)
{
    int rc = cs_store_cluster_exists(store, cluster, "reading a cluster's dated facts");
    if (rc)
        return rc;
    /* the subject reader parses each value by its definition: one rule for every reader */
    cs_factset *all = NULL;
    rc = cs_factset_new(&all);
    rc = rc ? rc : cs_store_subject_facts(all, store, CS_SUBJECT_CLUSTER, cluster);
    for (size_t i = 0; !rc && i < cs_factset_count(all); i++) {
        const cs_fact *f = cs_factset_at(all, i);
        /* year 0 is an undated fact (migration 0001): it has no place on a time line */
        if (f->year > 0 && (!name || strcmp(f->name, name) == 0))
            rc = cs_factset_add(set, f);
    }
    cs_factset_free(all);
    return rc;
}

int cs_store_targets_each(cs_store *store, const char *cluster, const char *name,
                          int (*fn)(void *ctx, const cs_store_target *t), void *ctx)
{
    static const char sql[] =
        "SELECT cluster, name, year, value, baseline_year, status, source, locator, quote, note "
        "FROM target WHERE (?1 IS NULL OR cluster = ?1) AND (?2 IS NULL OR name = ?2) "
        "ORDER BY cluster, name, year";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading targets");
    if (cluster)
        sqlite3_bind_text(st, 1, cluster, -1, SQLITE_STATIC);
    if (name)
        sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = 0, step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        cs_store_target t = { col(st, 0), col(st, 1), 0,          col(st, 3), 0,
                              col(st, 5), col(st, 6), col(st, 7), col(st, 8), col(st, 9) };
        rc = cs_store_column_int(&t.year, st, 2, 0, "target.year");
        rc = rc ? rc : cs_store_column_int(&t.baseline_year, st, 4, 0, "target.baseline_year");
        rc = rc ? rc : fn(ctx, &t);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading targets");
    sqlite3_finalize(st);
    return rc;
}

int cs_store_timeline_clusters_each(cs_store *store, int (*fn)(void *ctx, const char *cluster),
                                    void *ctx)
{
    /* only clusters the registry holds: a fact's subject is not a foreign key */
    static const char sql[] = "SELECT key FROM cluster WHERE key IN (SELECT subject FROM fact "
                              "WHERE subject_kind = 'cluster' AND year > 0 UNION "
                              "SELECT cluster FROM target) ORDER BY key";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the clusters with dated facts");
    int rc = 0, step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(ctx, col(st, 0));
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading the clusters with dated facts");
    sqlite3_finalize(st);
    return rc;
}
