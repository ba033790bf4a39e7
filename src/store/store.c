#include "store/store_internal.h"

#include "clusterscope/error.h"
#include "util/atomic_file.h"
#include "util/embedded.h"

#include <pthread.h>
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
    /* An empty name given on purpose (--db "", CLUSTERSCOPE_DB="") stays empty, and opening it
     * fails: it is most often a variable that was not set, and must not mean ./clusterscope.db. */
    if (explicit_path)
        return explicit_path;
    const char *env = getenv("CLUSTERSCOPE_DB");
    if (env)
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

/* The number of tables, or of the tables named `name` when not NULL; -1 on failure. */
static int count_tables(cs_store *store, const char *name)
{
    sqlite3_stmt *st = NULL;
    int n = -1;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                           "(?1 IS NULL OR name = ?1)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int not_a_registry(cs_store *store, const char *what)
{
    cs_error_set(CS_EDATA, "%s: not a clusterscope registry (%s)", store->path, what);
    return cs_error_advise(CS_ADVICE_REGISTRY);
}

/*
 * Says what the file is when it is not a registry of this schema: another program's database,
 * a registry of a newer clusterscope, or (read-only) one of an older schema, which is brought up
 * to date only when it is opened for writing. 0 when migrate() may go on.
 */
static int check_schema(cs_store *store, int version, int creating)
{
    int target = migration_count();
    if (creating)
        return 0;
    int ours = count_tables(store, "fact_definition") == 1 && count_tables(store, "cluster") == 1;
    if (!ours || version < 1) {
        int tables = count_tables(store, NULL);
        if (tables == 0 && version == 0)
            return not_a_registry(store, "an SQLite database without tables; a registry is "
                                         "created in a new or empty file");
        return not_a_registry(store, "an SQLite database of another program: it has none of "
                                     "the registry's tables");
    }
    if (version > target) {
        cs_error_set(CS_EDB,
                     "%s: registry schema version %d, newer than this clusterscope (%s) reads "
                     "(%d)",
                     store->path, version, cs_version(), target);
        return cs_error_advise(CS_ADVICE_NEWER_SOFTWARE);
    }
    return 0;
}

static int migrate(cs_store *store, int creating)
{
    int current = 0;
    int rc = user_version(store, &current);
    if (rc || (rc = check_schema(store, current, creating)))
        return rc;
    int target = migration_count();
    if (current == target)
        return 0;
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
    /* the search index (schema 6) of a registry that had none is made from its tables */
    if (!rc && !creating && current < 6 && target >= 6)
        rc = cs_store_search_rebuild(store);
    if (!rc)
        rc = cs_store_commit(store);
    if (rc) {
        cs_error_wrap("migrating the schema");
        cs_store_rollback(store);
    }
    return rc;
}

/* Reads the first page; the result code says whether the file is a database at all and whether
 * a hot journal (an interrupted write) waits to be rolled back. */
static int probe(cs_store *store)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(store->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            rc = SQLITE_OK;
        else
            rc = sqlite3_extended_errcode(store->db);
    }
    sqlite3_finalize(st);
    return rc;
}

static int open_db(cs_store *store, int flags)
{
    if (store->db)
        sqlite3_close_v2(store->db);
    store->db = NULL;
    if (sqlite3_open_v2(store->path, &store->db, flags, NULL) != SQLITE_OK)
        return cs_error_set(CS_EDB, "%s: cannot open: %s", store->path,
                            store->db ? sqlite3_errmsg(store->db) : "out of memory");
    sqlite3_busy_timeout(store->db, 5000);
    sqlite3_extended_result_codes(store->db, 1);
    return 0;
}

/*
 * A writer killed in the middle of a transaction leaves PATH-journal, a hot journal: the data
 * are intact, but only a connection that may write rolls it back. A read-only opening does it
 * with a short read-write connection when the permission bits let the user write the file and
 * its folder (judged as for an ordinary user), then goes on read-only; otherwise it says what
 * happened and who can mend it.
 */
static int roll_back_journal(cs_store *store)
{
    struct stat fs, ds;
    char dir[4096];
    const char *slash = strrchr(store->path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == store->path ? 1 : (int)(slash - store->path),
                 store->path);
    if (stat(store->path, &fs) != 0 || !cs_file_mode_lets_write(&fs) || stat(dir, &ds) != 0 ||
        !cs_file_mode_lets_write(&ds)) {
        cs_error_set(CS_EDB,
                     "%s: a write to the registry was interrupted (a crash left %s-journal "
                     "beside it); the data are intact, but the interrupted write must be rolled "
                     "back by a user who may write the registry and its folder",
                     store->path, store->path);
        return cs_error_advise(CS_ADVICE_ROLL_BACK);
    }
    int rc = open_db(store, SQLITE_OPEN_READWRITE);
    if (!rc && probe(store) != SQLITE_OK)
        rc = cs_store_fail(store, "rolling back an interrupted write");
    if (!rc)
        rc = open_db(store, SQLITE_OPEN_READONLY);
    return rc;
}

/*
 * A registry opened for writing is put in WAL mode (it stays so in the file): readers then see
 * the last committed state and never block the writer, nor it them, which the web observatory
 * needs. Done after the checks and migrations, so a file that is refused is left as it was.
 * An in-memory registry (":memory:", the scenarios of --assume, the fuzz targets) has no file to
 * share and keeps SQLite's "memory" journal.
 */
static int use_wal(cs_store *store)
{
    const char *file = sqlite3_db_filename(store->db, "main");
    if (!file || !*file)
        return 0;
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(store->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        rc = cs_store_fail(store, "switching to WAL mode");
    else if (strcmp((const char *)sqlite3_column_text(st, 0), "wal") != 0)
        rc = cs_error_set(CS_EDB, "%s: cannot switch to WAL mode (journal mode stays %s)",
                          store->path, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc;
}

/*
 * SQLite counts every allocation under one process-wide mutex unless told not to; nothing here
 * reads the counts (no sqlite3_memory_used, no heap limit), and FTS5 allocates per token: the
 * counting cost the import of 1,000,000 organisations and 2,000,000 memberships 0.3-1 s of its
 * 11 s of CPU (A/B runs, perf puts 9% of the samples in that mutex). It must be said before
 * SQLite initialises; if the program has already used SQLite the call is refused (SQLITE_MISUSE)
 * and changes nothing.
 */
static pthread_once_t sqlite_configured = PTHREAD_ONCE_INIT;

static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int cs_store_open(cs_store **out, const char *path, cs_store_mode mode)
{
    pthread_once(&sqlite_configured, configure_sqlite);
    *out = NULL;
    if (!path || !*path) {
        cs_error_set(CS_EUSAGE, "the registry's file name is empty");
        return cs_error_advise(CS_ADVICE_REGISTRY);
    }
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (exists && !S_ISREG(sb.st_mode)) {
        cs_error_set(CS_EDATA, "%s: not a clusterscope registry (%s)", path,
                     S_ISDIR(sb.st_mode) ? "a folder" : "not a regular file");
        return cs_error_advise(CS_ADVICE_REGISTRY);
    }
    /* Only creating makes a registry: an empty file (a failed copy, a `touch`, a mistyped
     * name) is never silently turned into one, but `init` may fill it (as mktemp makes one). */
    int empty = exists && sb.st_size == 0;
    if (mode == CS_STORE_CREATE && exists && !empty)
        return cs_error_set(CS_EUSAGE, "%s already exists; choose another path or remove it", path);
    if (mode != CS_STORE_CREATE && !exists) {
        cs_error_set(CS_ENOTFOUND, "no registry at %s", path);
        return cs_error_advise(CS_ADVICE_REGISTRY);
    }
    if (mode != CS_STORE_CREATE && empty) {
        cs_error_set(CS_EDATA, "%s: an empty file, not a clusterscope registry", path);
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
    int rc = open_db(store, flags);
    if (rc)
        goto fail;
    int p = probe(store);
    if (p == SQLITE_READONLY_ROLLBACK && mode == CS_STORE_READONLY) {
        if ((rc = roll_back_journal(store)))
            goto fail;
        p = probe(store);
    }
    if ((p & 0xff) == SQLITE_NOTADB) {
        rc = not_a_registry(store, "not an SQLite database");
        goto fail;
    }
    if ((p & 0xff) == SQLITE_CORRUPT) {
        rc = cs_error_set(CS_EDB,
                          "%s: a damaged registry file (%s), cut short or overwritten; "
                          "the registry must come back from a copy",
                          path, sqlite3_errmsg(store->db));
        goto fail;
    }
    if (p != SQLITE_OK) {
        rc = cs_store_fail(store, "reading");
        goto fail;
    }
    if ((rc = cs_store_exec(store, "PRAGMA foreign_keys = ON")))
        goto fail;
    if ((rc = cs_store_exec(store, "PRAGMA cache_size = -16384")))
        goto fail;
    if (mode == CS_STORE_READONLY) {
        int v = 0;
        if ((rc = user_version(store, &v)) || (rc = check_schema(store, v, 0)))
            goto fail;
        if (v != migration_count()) {
            rc = cs_error_set(CS_EDB,
                              "%s: registry schema version %d, expected %d; this clusterscope "
                              "brings a registry up to date when it opens it for writing",
                              path, v, migration_count());
            cs_error_advise(CS_ADVICE_MIGRATE);
            goto fail;
        }
    } else if ((rc = migrate(store, mode == CS_STORE_CREATE)) || (rc = use_wal(store))) {
        goto fail;
    }
    *out = store;
    return 0;
fail:
    cs_store_close(store);
    if (mode == CS_STORE_CREATE && !exists)
        remove(path);
    return rc;
}

int cs_store_copy_in_memory(cs_store **out, cs_store *src)
{
    *out = NULL;
    cs_store *store = calloc(1, sizeof *store);
    if (!store || !(store->path = strdup(src->path))) {
        free(store);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    int rc = 0;
    if (sqlite3_open_v2(":memory:", &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        rc = cs_store_fail(store, "making an in-memory copy of");
    } else {
        sqlite3_backup *b = sqlite3_backup_init(store->db, "main", src->db, "main");
        if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE)
            rc = cs_store_fail(store, "copying into memory");
        if (b && sqlite3_backup_finish(b) != SQLITE_OK && !rc)
            rc = cs_store_fail(store, "copying into memory");
    }
    rc = rc ? rc : cs_store_exec(store, "PRAGMA foreign_keys = ON");
    if (rc) {
        cs_store_close(store);
        return rc;
    }
    *out = store;
    return 0;
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
                                          "typology_member",
                                          "assessment_out_of_scope",
                                          "news_item",
                                          "digest_issue" };
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
                           &out->partition_members,
                           &out->assessment_out_of_scope,
                           &out->news_items,
                           &out->digests };
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
