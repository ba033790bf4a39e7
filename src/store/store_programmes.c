/*
 * store_programmes.c: reading support programmes, their rounds, stated shares and
 * applications, and the listings of clusters in registries, labels and lists (migration 0012).
 * Every value is handed over as stored: NULL amounts as NaN, NULL counts and years as -1, so
 * that the service can keep "not stated" apart from 0.
 */
#include "store/store_internal.h"

#include "clusterscope/error.h"

#include <math.h>
#include <string.h>

static const char *text(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

static double amount(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN : sqlite3_column_double(st, col);
}

static long long count(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, col);
}

/* Runs SQL with ?1 = programme and ?2 = cluster (NULL: any), calling row() per result row. */
static int each_row(cs_store *store, const char *sql, const char *programme, const char *cluster,
                    const char *what,
                    int (*row)(sqlite3_stmt *st, const cs_store_programme_visitor *v),
                    const cs_store_programme_visitor *v)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, what);
    if (programme)
        sqlite3_bind_text(st, 1, programme, -1, SQLITE_STATIC);
    if (cluster)
        sqlite3_bind_text(st, 2, cluster, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = row(st, v);
    if (!rc && step != SQLITE_DONE)
        rc = cs_store_fail(store, what);
    sqlite3_finalize(st);
    return rc;
}

static int programme_row(sqlite3_stmt *st, const cs_store_programme_visitor *v)
{
    cs_store_programme p;
    const char **t[] = { &p.key,     &p.kind,     &p.name_en, &p.name_ru, &p.operator_name,
                         &p.country, &p.currency, &p.levels,  &p.url,     &p.source,
                         &p.locator, &p.quote,    &p.note };
    for (int i = 0; i < 13; i++)
        *t[i] = text(st, i);
    p.started = (int)count(st, 13);
    p.ended = (int)count(st, 14);
    p.budget = amount(st, 15);
    return v->programme(v->ctx, &p);
}

static int round_row(sqlite3_stmt *st, const cs_store_programme_visitor *v)
{
    cs_store_round r;
    const char **t[] = {
        &r.programme, &r.round, &r.status, &r.source, &r.locator, &r.quote, &r.note
    };
    for (int i = 0; i < 7; i++)
        *t[i] = text(st, i);
    r.year = (int)sqlite3_column_int(st, 7);
    r.budget = amount(st, 8);
    r.requested = amount(st, 9);
    r.awarded = amount(st, 10);
    r.applications = count(st, 11);
    r.awards = count(st, 12);
    return v->round(v->ctx, &r);
}

static int share_row(sqlite3_stmt *st, const cs_store_programme_visitor *v)
{
    cs_store_round_share s;
    const char **t[] = { &s.programme, &s.round,   &s.specialisation, &s.status,
                         &s.source,    &s.locator, &s.quote,          &s.note };
    for (int i = 0; i < 8; i++)
        *t[i] = text(st, i);
    s.clusters = count(st, 8);
    s.requested = amount(st, 9);
    s.awarded = amount(st, 10);
    return v->share(v->ctx, &s);
}

static int application_row(sqlite3_stmt *st, const cs_store_programme_visitor *v)
{
    cs_store_application a;
    const char **t[] = { &a.programme, &a.round,        &a.cluster,       &a.decision,
                         &a.status,    &a.source,       &a.locator,       &a.quote,
                         &a.note,      &a.cluster_name, &a.specialisation };
    for (int i = 0; i < 11; i++)
        *t[i] = text(st, i);
    a.requested = amount(st, 11);
    a.awarded = amount(st, 12);
    return v->application(v->ctx, &a);
}

static int listing_row(sqlite3_stmt *st, const cs_store_programme_visitor *v)
{
    cs_store_listing l;
    const char **t[] = {
        &l.programme, &l.cluster,      &l.entered,        &l.left_on,           &l.level,
        &l.decision,  &l.status,       &l.source,         &l.locator,           &l.quote,
        &l.note,      &l.cluster_name, &l.programme_kind, &l.programme_name_en, &l.programme_name_ru
    };
    for (int i = 0; i < 15; i++)
        *t[i] = text(st, i);
    return v->listing(v->ctx, &l);
}

int cs_store_programmes_read(cs_store *store, const char *programme, const char *cluster,
                             const cs_store_programme_visitor *v)
{
    int rc = 0;
    if (programme) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(cs_store_db(store), "SELECT 1 FROM programme WHERE key = ?1", -1,
                               &st, NULL) != SQLITE_OK)
            return cs_store_fail(store, "reading the programmes");
        sqlite3_bind_text(st, 1, programme, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        sqlite3_finalize(st);
        if (step == SQLITE_DONE)
            return cs_error_set(CS_ENOTFOUND, "no programme with key '%s' in the registry",
                                programme);
        if (step != SQLITE_ROW)
            return cs_store_fail(store, "reading the programmes");
    }
    if (cluster)
        rc = cs_store_cluster_exists(store, cluster, "reading the listings");
    /* every reader filters by ?1 (programme) where given; applications and listings also by
     * ?2 (cluster); the orders are those store.h promises */
    if (!rc && v->programme)
        rc = each_row(store,
                      "SELECT key, kind, name_en, name_ru, operator, country, currency, levels, "
                      "url, source, locator, quote, note, started, ended, budget FROM programme "
                      "WHERE ?1 IS NULL OR key = ?1 ORDER BY key",
                      programme, NULL, "reading the programmes", programme_row, v);
    if (!rc && v->round)
        rc = each_row(store,
                      "SELECT programme, round, status, source, locator, quote, note, year, "
                      "budget, requested, awarded, applications, awards FROM programme_round "
                      "WHERE ?1 IS NULL OR programme = ?1 ORDER BY programme, year, round",
                      programme, NULL, "reading the programme rounds", round_row, v);
    if (!rc && v->share)
        rc = each_row(store,
                      "SELECT programme, round, specialisation, status, source, locator, quote, "
                      "note, clusters, requested, awarded FROM round_share WHERE ?1 IS NULL OR "
                      "programme = ?1 ORDER BY programme, round, specialisation",
                      programme, NULL, "reading the round shares", share_row, v);
    if (!rc && v->application)
        rc = each_row(store,
                      "SELECT a.programme, a.round, a.cluster, a.decision, a.status, a.source, "
                      "a.locator, a.quote, a.note, c.name_en, c.specialisation, a.requested, "
                      "a.awarded FROM application a LEFT JOIN cluster c ON c.key = a.cluster "
                      "WHERE (?1 IS NULL OR a.programme = ?1) AND (?2 IS NULL OR a.cluster = ?2) "
                      "ORDER BY a.programme, a.round, a.cluster",
                      programme, cluster, "reading the applications", application_row, v);
    if (!rc && v->listing)
        rc = each_row(store,
                      "SELECT l.programme, l.cluster, l.entered, l.left_on, l.level, l.decision, "
                      "l.status, l.source, l.locator, l.quote, l.note, c.name_en, p.kind, "
                      "p.name_en, p.name_ru FROM listing l JOIN programme p ON p.key = "
                      "l.programme LEFT JOIN cluster c ON c.key = l.cluster WHERE (?1 IS NULL OR "
                      "l.programme = ?1) AND (?2 IS NULL OR l.cluster = ?2) ORDER BY "
                      "l.programme, l.cluster, l.entered",
                      programme, cluster, "reading the listings", listing_row, v);
    return rc;
}
