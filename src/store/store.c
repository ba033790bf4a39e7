#include "store/store_internal.h"

#include "clusterscope/error.h"
#include "util/embedded.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct cs_store {
    sqlite3 *db;
    char *path;
};

/* Migrations are the embedded files src/store/migrations/NNNN_*.sql, applied in order;
 * migration N brings the schema to user_version N. */
static const char *migration_prefix = "src/store/migrations/";

static int migration_count(void)
{
    int n = 0;
    size_t plen = strlen(migration_prefix);
    for (const cs_embedded_file *f = cs_embedded_files; f->path; f++)
        if (strncmp(f->path, migration_prefix, plen) == 0)
            n++;
    return n;
}

static const cs_embedded_file *migration(int number)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s%04d_", migration_prefix, number);
    size_t plen = strlen(prefix);
    for (const cs_embedded_file *f = cs_embedded_files; f->path; f++)
        if (strncmp(f->path, prefix, plen) == 0)
            return f;
    return NULL;
}

int cs_store_schema_version(void)
{
    return migration_count();
}

sqlite3 *cs_store_db(cs_store *store)
{
    return store->db;
}

const char *cs_store_path(const cs_store *store)
{
    return store->path;
}

int cs_store_fail(cs_store *store, const char *what)
{
    return cs_error_set(CS_EDB, "%s: %s: %s", store->path, what, sqlite3_errmsg(store->db));
}

int cs_store_exec(cs_store *store, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(store->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        cs_error_set(CS_EDB, "%s: %s", store->path, msg ? msg : sqlite3_errmsg(store->db));
        sqlite3_free(msg);
        return CS_EDB;
    }
    return 0;
}

int cs_store_begin(cs_store *store)
{
    return cs_store_exec(store, "BEGIN IMMEDIATE");
}

int cs_store_commit(cs_store *store)
{
    return cs_store_exec(store, "COMMIT");
}

void cs_store_rollback(cs_store *store)
{
    if (!sqlite3_get_autocommit(store->db))
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

const char *cs_store_default_path(const char *explicit_path)
{
    if (explicit_path && *explicit_path)
        return explicit_path;
    const char *env = getenv("CLUSTERSCOPE_DB");
    if (env && *env)
        return env;
    return "clusterscope.db";
}

static int user_version(cs_store *store, int *out)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the schema version");
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : cs_store_fail(store, "reading the schema version");
}

static int migrate(cs_store *store, int creating)
{
    int current = 0;
    int rc = user_version(store, &current);
    if (rc)
        return rc;
    int target = migration_count();
    if (current > target)
        return cs_error_set(CS_EDB,
                            "%s: the registry has schema version %d, newer than this clusterscope "
                            "understands (%d); use a newer clusterscope",
                            store->path, current, target);
    if (current == target)
        return 0;
    if (current == 0 && !creating) {
        /* An existing file without our schema: refuse rather than write into a stranger's db. */
        sqlite3_stmt *st = NULL;
        int tables = 0;
        if (sqlite3_prepare_v2(store->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) ==
                SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            tables = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        if (tables > 0) {
            cs_error_set(CS_EDATA,
                         "%s: not a clusterscope registry (it has tables but no schema version); "
                         "a registry is created in a new file",
                         store->path);
            return cs_error_advise(CS_ADVICE_REGISTRY);
        }
    }
    if ((rc = cs_store_begin(store)))
        return rc;
    for (int v = current + 1; v <= target; v++) {
        const cs_embedded_file *m = migration(v);
        char pragma[64];
        if (!m) {
            rc = cs_error_set(CS_ERROR, "internal: schema migration %d is missing", v);
            break;
        }
        if ((rc = cs_store_exec(store, m->data)))
            break;
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
        if ((rc = cs_store_exec(store, pragma)))
            break;
    }
    if (!rc && creating)
        rc = cs_store_write_builtin_definitions(store);
    if (!rc)
        rc = cs_store_commit(store);
    if (rc) {
        cs_error_wrap("migrating the schema");
        cs_store_rollback(store);
    }
    return rc;
}

int cs_store_open(cs_store **out, const char *path, cs_store_mode mode)
{
    *out = NULL;
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (mode == CS_STORE_CREATE && exists)
        return cs_error_set(CS_EUSAGE, "%s already exists; choose another path or remove it", path);
    if (mode != CS_STORE_CREATE && !exists) {
        cs_error_set(CS_ENOTFOUND, "no registry at %s", path);
        return cs_error_advise(CS_ADVICE_REGISTRY);
    }
    cs_store *store = calloc(1, sizeof *store);
    if (!store || !(store->path = strdup(path))) {
        free(store);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    int flags = mode == CS_STORE_READONLY ? SQLITE_OPEN_READONLY
                : mode == CS_STORE_CREATE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                          : SQLITE_OPEN_READWRITE;
    int rc = 0;
    if (sqlite3_open_v2(path, &store->db, flags, NULL) != SQLITE_OK) {
        rc = cs_error_set(CS_EDB, "%s: cannot open: %s", path,
                          store->db ? sqlite3_errmsg(store->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(store->db, 5000);
    sqlite3_extended_result_codes(store->db, 1);
    if ((rc = cs_store_exec(store, "PRAGMA foreign_keys = ON")))
        goto fail;
    if ((rc = cs_store_exec(store, "PRAGMA cache_size = -16384")))
        goto fail;
    if (mode == CS_STORE_READONLY) {
        int v = 0;
        if ((rc = user_version(store, &v)))
            goto fail;
        if (v != migration_count()) {
            rc = cs_error_set(CS_EDB,
                              "%s: schema version %d, expected %d; open it for writing once to "
                              "migrate",
                              path, v, migration_count());
            goto fail;
        }
    } else if ((rc = migrate(store, mode == CS_STORE_CREATE))) {
        goto fail;
    }
    *out = store;
    return 0;
fail:
    cs_store_close(store);
    if (mode == CS_STORE_CREATE)
        remove(path);
    return rc;
}

void cs_store_close(cs_store *store)
{
    if (!store)
        return;
    if (store->db)
        sqlite3_close_v2(store->db);
    free(store->path);
    free(store);
}

int cs_store_count(cs_store_counts *out, cs_store *store)
{
    static const char *const tables[] = { "source",
                                          "country",
                                          "region",
                                          "cluster",
                                          "organisation",
                                          "membership",
                                          "fact",
                                          "fact_definition",
                                          "assessment_run",
                                          "assessment_score",
                                          "reference_set",
                                          "reference_type",
                                          "reference_trait",
                                          "reference_assignment",
                                          "typology_partition",
                                          "typology_group",
                                          "typology_member" };
    long long *slots[] = { &out->sources,
                           &out->countries,
                           &out->regions,
                           &out->clusters,
                           &out->organisations,
                           &out->memberships,
                           &out->facts,
                           &out->fact_definitions,
                           &out->assessment_runs,
                           &out->assessment_scores,
                           &out->reference_sets,
                           &out->reference_types,
                           &out->reference_traits,
                           &out->reference_assignments,
                           &out->partitions,
                           &out->partition_groups,
                           &out->partition_members };
    _Static_assert(sizeof tables / sizeof tables[0] == sizeof(cs_store_counts) / sizeof(long long),
                   "one table per count");
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[96];
        sqlite3_stmt *st = NULL;
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
        if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK)
            return cs_store_fail(store, "counting records");
        *slots[i] = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
    }
    return 0;
}
