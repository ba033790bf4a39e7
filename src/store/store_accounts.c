/*
 * store_accounts.c: the account and api_token tables (migration 0008). Hashing and tokens are
 * the service's (service_users.c); the store keeps and finds what it is given.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

static int prepare(cs_store *store, sqlite3_stmt **st, const char *sql)
{
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading accounts");
    return 0;
}

static void copy(char *dst, size_t cap, sqlite3_stmt *st, int col)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    snprintf(dst, cap, "%s", v ? v : "");
}

int cs_store_account_add(cs_store *store, const char *name, const char *role, const char *prefix,
                         const char *token_hash, const char *created)
{
    sqlite3_stmt *st = NULL;
    int rc = cs_store_begin(store);
    if (rc)
        return rc;
    rc = prepare(store, &st, "SELECT 1 FROM account WHERE name = ?1");
    if (!rc) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            rc = cs_error_set(CS_EUSAGE, "an account named '%s' is already in %s", name,
                              cs_store_path(store));
        else if (step != SQLITE_DONE)
            rc = cs_store_fail(store, "reading accounts");
        sqlite3_finalize(st);
        st = NULL;
    }
    rc = rc ? rc
            : prepare(store, &st, "INSERT INTO account (name, role, created) VALUES (?1, ?2, ?3)");
    if (!rc) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, created, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = cs_store_fail(store, "adding an account");
        sqlite3_finalize(st);
        st = NULL;
    }
    rc = rc ? rc
            : prepare(store, &st,
                      "INSERT INTO api_token (account_id, prefix, token_hash, created) VALUES "
                      "(last_insert_rowid(), ?1, ?2, ?3)");
    if (!rc) {
        sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, token_hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, created, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if (step == SQLITE_CONSTRAINT || (step & 0xff) == SQLITE_CONSTRAINT)
            rc = cs_error_set(CS_EDB, "%s: a token with the same prefix exists; try again",
                              cs_store_path(store));
        else if (step != SQLITE_DONE)
            rc = cs_store_fail(store, "adding a token");
        sqlite3_finalize(st);
    }
    if (!rc)
        rc = cs_store_commit(store);
    if (rc)
        cs_store_rollback(store);
    return rc;
}

int cs_store_account_password(cs_store *store, const char *name, const char *password_hash)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st, "UPDATE account SET password_hash = ?2 WHERE name = ?1");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, password_hash, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = cs_store_fail(store, "setting a password");
    else if (sqlite3_changes(cs_store_db(store)) == 0)
        rc = cs_error_set(CS_ENOTFOUND, "no account named '%s' in %s", name, cs_store_path(store));
    sqlite3_finalize(st);
    return rc;
}

int cs_store_account_get(cs_store_account *out, cs_store *store, const char *name)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st, "SELECT name, role, password_hash FROM account WHERE name = ?1");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        copy(out->name, sizeof out->name, st, 0);
        copy(out->role, sizeof out->role, st, 1);
        copy(out->hash, sizeof out->hash, st, 2);
    } else if (step == SQLITE_DONE) {
        rc = cs_error_set(CS_ENOTFOUND, "no account named '%s' in %s", name, cs_store_path(store));
    } else {
        rc = cs_store_fail(store, "reading accounts");
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_store_token_find(cs_store_account *out, cs_store *store, const char *prefix)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "SELECT a.name, a.role, t.token_hash FROM api_token t JOIN account a ON "
                     "a.id = t.account_id WHERE t.prefix = ?1");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        copy(out->name, sizeof out->name, st, 0);
        copy(out->role, sizeof out->role, st, 1);
        copy(out->hash, sizeof out->hash, st, 2);
    } else if (step == SQLITE_DONE) {
        rc = CS_ENOTFOUND; /* the caller words it: it must not tell which part was wrong */
    } else {
        rc = cs_store_fail(store, "reading tokens");
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_store_token_used(cs_store *store, const char *prefix, const char *when)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st, "UPDATE api_token SET last_used = ?2 WHERE prefix = ?1");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, when, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = cs_store_fail(store, "noting a token's use");
    sqlite3_finalize(st);
    return rc;
}
