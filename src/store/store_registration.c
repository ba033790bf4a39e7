/*
 * store_registration.c: the moderation queue of self-registrations and the browser sessions
 * (migration 0009). Checking, hashing and deciding what a registration becomes are the
 * service's; the store keeps and finds what it is given.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

static int prepare(cs_store *store, sqlite3_stmt **st, const char *sql, const char *what)
{
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, st, NULL) != SQLITE_OK)
        return cs_store_fail(store, what);
    return 0;
}

static void bind_or_null(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

int cs_store_registration_add(long long *id, cs_store *store, const cs_store_registration *r)
{
    *id = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "INSERT INTO registration (time, key, name_en, name_ru, country, fields, "
                     "contact, client) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                     "adding a registration");
    if (rc)
        return rc;
    const char *v[] = { r->time,    r->key,    r->name_en, r->name_ru,
                        r->country, r->fields, r->contact, r->client };
    for (int i = 0; i < 8; i++)
        bind_or_null(st, i + 1, v[i]);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = cs_store_fail(store, "adding a registration");
    else
        *id = sqlite3_last_insert_rowid(cs_store_db(store));
    sqlite3_finalize(st);
    return rc;
}

int cs_store_registration_count(long long *n, cs_store *store, const char *client,
                                const char *since)
{
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc =
        prepare(store, &st, "SELECT count(*) FROM registration WHERE client = ?1 AND time >= ?2",
                "reading the registrations");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, client, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, since, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rc = cs_store_fail(store, "reading the registrations");
    sqlite3_finalize(st);
    return rc;
}

int cs_store_registrations(cs_store *store, const char *status, long long only,
                           int (*fn)(void *ctx, const cs_store_registration *r), void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "SELECT id, time, status, key, name_en, name_ru, country, fields, contact, "
                     "client, moderator, decided, reason, cluster_key FROM registration WHERE "
                     "(?1 IS NULL OR status = ?1) AND (?2 = 0 OR id = ?2) ORDER BY id",
                     "reading the registrations");
    if (rc)
        return rc;
    bind_or_null(st, 1, status);
    sqlite3_bind_int64(st, 2, only);
    int step, seen = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        cs_store_registration r;
        r.id = sqlite3_column_int64(st, 0);
        const char **texts[] = { &r.time,    &r.status, &r.key,        &r.name_en, &r.name_ru,
                                 &r.country, &r.fields, &r.contact,    &r.client,  &r.moderator,
                                 &r.decided, &r.reason, &r.cluster_key };
        for (int i = 0; i < 13; i++)
            *texts[i] = (const char *)sqlite3_column_text(st, i + 1);
        seen = 1;
        rc = fn(ctx, &r);
    }
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, "reading the registrations");
    sqlite3_finalize(st);
    if (!rc && only && !seen)
        rc = cs_error_set(CS_ENOTFOUND, "no registration has the id %lld", only);
    return rc;
}

int cs_store_registration_decide(cs_store *store, long long id, const char *status,
                                 const char *moderator, const char *decided, const char *reason,
                                 const char *cluster_key)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "UPDATE registration SET status = ?2, moderator = ?3, decided = ?4, reason = "
                     "?5, cluster_key = ?6 WHERE id = ?1 AND status = 'pending'",
                     "deciding a registration");
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    const char *v[] = { status, moderator, decided, reason, cluster_key };
    for (int i = 0; i < 5; i++)
        bind_or_null(st, i + 2, v[i]);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = cs_store_fail(store, "deciding a registration");
    else if (sqlite3_changes(cs_store_db(store)) != 1)
        rc = cs_error_set(CS_ECONFLICT, "registration %lld has been decided already", id);
    sqlite3_finalize(st);
    return rc;
}

/* ---- sessions ---- */

int cs_store_session_add(cs_store *store, const char *token_hash, const char *account,
                         const char *csrf, const char *created, const char *expires)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st, "DELETE FROM session WHERE expires <= ?1", "opening a session");
    if (!rc) {
        sqlite3_bind_text(st, 1, created, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = cs_store_fail(store, "opening a session");
        sqlite3_finalize(st);
        st = NULL;
    }
    rc = rc ? rc
            : prepare(store, &st,
                      "INSERT INTO session (token_hash, account_id, csrf, created, expires) SELECT "
                      "?1, id, ?3, ?4, ?5 FROM account WHERE name = ?2",
                      "opening a session");
    if (rc)
        return rc;
    const char *v[] = { token_hash, account, csrf, created, expires };
    for (int i = 0; i < 5; i++)
        sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = cs_store_fail(store, "opening a session");
    else if (sqlite3_changes(cs_store_db(store)) != 1)
        rc = cs_error_set(CS_ENOTFOUND, "no account named '%s' in %s", account,
                          cs_store_path(store));
    sqlite3_finalize(st);
    return rc;
}

int cs_store_session_find(cs_store_account *out, char *csrf, size_t cap, cs_store *store,
                          const char *token_hash, const char *now)
{
    memset(out, 0, sizeof *out);
    if (cap)
        csrf[0] = '\0';
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st,
                     "SELECT a.name, a.role, s.csrf FROM session s JOIN account a ON a.id = "
                     "s.account_id WHERE s.token_hash = ?1 AND s.expires > ?2",
                     "reading a session");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *v[3];
        for (int i = 0; i < 3; i++) {
            v[i] = (const char *)sqlite3_column_text(st, i);
            v[i] = v[i] ? v[i] : "";
        }
        snprintf(out->name, sizeof out->name, "%s", v[0]);
        snprintf(out->role, sizeof out->role, "%s", v[1]);
        snprintf(csrf, cap, "%s", v[2]);
    } else if (step == SQLITE_DONE) {
        rc = CS_ENOTFOUND;
    } else {
        rc = cs_store_fail(store, "reading a session");
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_store_session_delete(cs_store *store, const char *token_hash)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st, "DELETE FROM session WHERE token_hash = ?1", "closing a session");
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = cs_store_fail(store, "closing a session");
    sqlite3_finalize(st);
    return rc;
}
