/*
 * store_web.c: the readers the web observatory needs beside store_read.c's: regions, one
 * cluster's memberships, and read transactions that hold one state of the registry.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "registry/list.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int cs_store_read_begin(cs_store *store)
{
    if (!sqlite3_get_autocommit(cs_store_db(store)))
        return cs_error_set(CS_EUSAGE, "%s: a read transaction is already open (they do not nest)",
                            cs_store_path(store));
    /* A deferred BEGIN takes no lock until the first read; reading schema_version at once fixes
     * the snapshot here, so every read until COMMIT sees the registry as it was now. */
    int rc = cs_store_exec(store, "BEGIN");
    if (!rc)
        rc = cs_store_exec(store, "SELECT count(*) FROM sqlite_master");
    if (rc)
        cs_store_rollback(store);
    return rc;
}

void cs_store_read_end(cs_store *store)
{
    /* a read transaction changed nothing: ending it cannot lose a write */
    cs_store_rollback(store);
}

int cs_store_in_transaction(cs_store *store)
{
    return !sqlite3_get_autocommit(cs_store_db(store));
}

int cs_store_regions(cs_region_list **out, cs_store *store)
{
    *out = NULL;
    cs_region_list *list = NULL;
    int rc = cs_region_list_new(&list);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT key, country, name_en, name_ru, code, type, parent FROM region "
                           "ORDER BY key",
                           -1, &st, NULL) != SQLITE_OK) {
        cs_region_list_free(list);
        return cs_store_fail(store, "reading regions");
    }
    int step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        cs_region_info r = { text(st, 0), text(st, 1), text(st, 2), text(st, 3),
                             text(st, 4), text(st, 5), text(st, 6) };
        rc = cs_region_list_add(list, &r);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading regions");
    sqlite3_finalize(st);
    if (rc) {
        cs_region_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
}

/* Whether S holds a Cyrillic letter (U+0400..U+04FF: lead bytes 0xD0..0xD3). */
static int has_cyrillic(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if (*p >= 0xD0 && *p <= 0xD3 && (p[1] & 0xC0) == 0x80)
            return 1;
    return 0;
}

int cs_store_cluster_exists(cs_store *store, const char *key, const char *what)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), "SELECT 1 FROM cluster WHERE key = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return cs_store_fail(store, what);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step == SQLITE_DONE)
        return cs_error_set(CS_ENOTFOUND, "no cluster with key '%s' in %s", key,
                            cs_store_path(store));
    return step == SQLITE_ROW ? 0 : cs_store_fail(store, what);
}

int cs_store_members(cs_member_list **out, cs_store *store, const char *cluster_key)
{
    *out = NULL;
    sqlite3 *db = cs_store_db(store);
    sqlite3_stmt *st = NULL;
    /* the cluster must exist: an empty list means "no members", never "no such cluster" */
    int rc = cs_store_cluster_exists(store, cluster_key, "reading memberships");
    if (rc)
        return rc;

    cs_member_list *list = NULL;
    rc = cs_member_list_new(&list);
    if (rc)
        return rc;
    /* a cluster's memberships are one range of pairs (0001_registry.sql): a search, not a
     * scan of every membership */
    const char *sql = "SELECT o.key, o.name, o.type, m.role, m.value_chain_stage, m.source, "
                      "o.note, m.joined, m.left_on FROM cluster c "
                      "JOIN membership m ON m.pair BETWEEN c.id * 4294967296 AND "
                      "c.id * 4294967296 + 4294967295 "
                      "JOIN organisation o ON o.id = m.organisation_id "
                      "WHERE c.key = ?1 ORDER BY o.name, o.key";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        cs_member_list_free(list);
        return cs_store_fail(store, "reading memberships");
    }
    sqlite3_bind_text(st, 1, cluster_key, -1, SQLITE_STATIC);
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = text(st, 1);
        cs_member_info m = { text(st, 0), name,        has_cyrillic(name) ? name : "",
                             text(st, 2), text(st, 3), text(st, 4),
                             text(st, 5), "",          text(st, 6),
                             text(st, 7), text(st, 8) };
        rc = cs_member_list_add(list, &m);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading memberships");
    sqlite3_finalize(st);
    if (rc) {
        cs_member_list_free(list);
        return rc;
    }
    *out = list;
    return 0;
}

int cs_store_data_version(long long *out, cs_store *store)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(cs_store_db(store), "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        rc = cs_store_fail(store, "reading the data version");
    else
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}
