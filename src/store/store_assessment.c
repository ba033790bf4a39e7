/*
 * store_assessment.c: assessment runs in the registry. A run keeps the method id and version,
 * the item and indicator ids in column order and, per cluster, one character per item ('1', '0'
 * or '?', cs_assessment_code): enough for a report to cite the scores and for
 * cs_method_derive() to recompute every indicator and block score. The text is this file's
 * encoding only: runs go out as cs_result values (cs_assess_decode), never as codes.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The clusters out of the method's scope, by rule and value read (the reason is worded again
 * when read, in the reader's language). */
static int save_out_of_scope(cs_store *store, long long id, const cs_assessment *a)
{
    size_t n = cs_assessment_out_of_scope_count(a);
    if (n == 0)
        return 0;
    const cs_method *m = cs_assessment_method(a);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "INSERT INTO assessment_out_of_scope (run_id, cluster_key, rule, "
                           "result, found) VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "preparing to store the clusters out of scope");
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_scope_exclusion *e = cs_assessment_out_of_scope_at(a, i);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, e->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, cs_method_scope_at(m, e->rule)->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, e->result == CS_RESULT_NOT_MET ? "not_met" : "unknown", -1,
                          SQLITE_STATIC);
        if (e->found)
            sqlite3_bind_text(st, 5, e->found, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 5);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = cs_store_fail(store, "storing the clusters out of scope");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_store_assessment_save(long long *run_id, cs_store *store, const cs_assessment *a)
{
    const cs_method *m = cs_assessment_method(a);
    sqlite3 *db = cs_store_db(store);
    cs_buf items = CS_BUF_INIT, indicators = CS_BUF_INIT, code = CS_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; !rc && i < cs_method_item_count(m); i++)
        rc = cs_buf_printf(&items, "%s%s", i ? "," : "", cs_method_item_at(m, i)->key);
    for (size_t i = 0; !rc && i < cs_method_indicator_count(m); i++)
        rc = cs_buf_printf(&indicators, "%s%s", i ? "," : "", cs_method_indicator_at(m, i)->id);
    size_t n_items = cs_method_item_count(m), n_ind = cs_method_indicator_count(m);
    rc = rc ? rc : cs_buf_reserve(&code, n_items + n_ind + 2);
    char created[32];
    time_t now = time(NULL);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    sqlite3_stmt *run = NULL, *score = NULL;
    if (!rc)
        rc = cs_store_begin(store);
    if (!rc && (sqlite3_prepare_v2(db,
                                   "INSERT INTO assessment_run (method_id, method_version, year, "
                                   "software_version, created, items, indicators) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                   -1, &run, NULL) != SQLITE_OK ||
                sqlite3_prepare_v2(db,
                                   "INSERT INTO assessment_score (run_id, cluster_key, items, "
                                   "indicators, total, known) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   -1, &score, NULL) != SQLITE_OK))
        rc = cs_store_fail(store, "preparing to store scores");
    if (!rc) {
        sqlite3_bind_text(run, 1, cs_method_id(m), -1, SQLITE_STATIC);
        sqlite3_bind_text(run, 2, cs_method_version(m), -1, SQLITE_STATIC);
        sqlite3_bind_int(run, 3, cs_assessment_year(a));
        sqlite3_bind_text(run, 4, CS_VERSION_STRING, -1, SQLITE_STATIC);
        sqlite3_bind_text(run, 5, created, -1, SQLITE_STATIC);
        sqlite3_bind_text(run, 6, cs_buf_str(&items), -1, SQLITE_STATIC);
        sqlite3_bind_text(run, 7, cs_buf_str(&indicators), -1, SQLITE_STATIC);
        if (sqlite3_step(run) != SQLITE_DONE)
            rc = cs_store_fail(store, "storing an assessment run");
    }
    long long id = sqlite3_last_insert_rowid(db);
    for (size_t c = 0; !rc && c < cs_assessment_count(a); c++) {
        cs_assessment_code(code.data, code.cap, a, c);
        char *ind = malloc(n_ind + 1);
        if (!ind) {
            rc = cs_error_set(CS_ENOMEM, "out of memory");
            break;
        }
        for (size_t i = 0; i < n_ind; i++) {
            cs_result r = cs_assessment_indicator(a, c, i);
            ind[i] = r == CS_RESULT_MET ? '1' : r == CS_RESULT_NOT_MET ? '0' : '?';
        }
        ind[n_ind] = '\0';
        cs_score total = cs_assessment_total(a, c);
        sqlite3_bind_int64(score, 1, id);
        sqlite3_bind_text(score, 2, cs_assessment_subject(a, c)->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(score, 3, code.data, -1, SQLITE_STATIC);
        sqlite3_bind_text(score, 4, ind, -1, SQLITE_STATIC);
        sqlite3_bind_int(score, 5, total.points);
        sqlite3_bind_int(score, 6, total.items_known);
        if (sqlite3_step(score) != SQLITE_DONE)
            rc = cs_store_fail(store, "storing scores");
        sqlite3_reset(score);
        free(ind);
    }
    sqlite3_finalize(run);
    sqlite3_finalize(score);
    if (!rc)
        rc = save_out_of_scope(store, id, a);
    if (!rc)
        rc = cs_store_commit(store);
    if (rc)
        cs_store_rollback(store);
    else if (run_id)
        *run_id = id;
    cs_buf_free(&items);
    cs_buf_free(&indicators);
    cs_buf_free(&code);
    return rc;
}

int cs_store_assessment_find(long long *found, cs_store *store, long long run_id,
                             const char *method_id)
{
    sqlite3_stmt *st = NULL;
    const char *sql = run_id ? "SELECT id FROM assessment_run WHERE id = ?1"
                             : "SELECT id FROM assessment_run WHERE method_id = ?2 ORDER BY id "
                               "DESC LIMIT 1";
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading assessment runs");
    if (run_id)
        sqlite3_bind_int64(st, 1, run_id);
    else
        sqlite3_bind_text(st, 2, method_id, -1, SQLITE_STATIC);
    *found = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return 0;
}

int cs_store_assessment_method(char *buf, size_t cap, cs_store *store, long long run_id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), "SELECT method_id FROM assessment_run WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading assessment runs");
    sqlite3_bind_int64(st, 1, run_id);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(buf, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    else
        rc = cs_error_set(CS_ENOTFOUND, "no assessment run %lld in the registry", run_id);
    sqlite3_finalize(st);
    return rc;
}

/* The run's method must be M: its id, its version and its items, in order. */
static int check_run_method(const cs_method *m, long long id, const char *const *names)
{
    const char *method_id = names[0], *version = names[1], *items = names[2];
    if (strcmp(method_id, cs_method_id(m)) != 0) {
        cs_error_set(CS_EUSAGE, "assessment run %lld was made with method %s, not %s", id,
                     method_id, cs_method_id(m));
        return cs_error_advise(CS_ADVICE_METHOD);
    }
    if (strcmp(version, cs_method_version(m)) != 0) {
        cs_error_set(CS_EDATA,
                     "assessment run %lld used %s version %s; this is version %s, whose results "
                     "may mean something else",
                     id, method_id, version, cs_method_version(m));
        return cs_error_advise(CS_ADVICE_RUN);
    }
    cs_buf want = CS_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; !rc && i < cs_method_item_count(m); i++)
        rc = cs_buf_printf(&want, "%s%s", i ? "," : "", cs_method_item_at(m, i)->key);
    if (!rc && strcmp(cs_buf_str(&want), items) != 0) {
        cs_error_set(CS_EDATA,
                     "assessment run %lld lists items that differ from method %s version %s", id,
                     method_id, version);
        rc = cs_error_advise(CS_ADVICE_RUN);
    }
    cs_buf_free(&want);
    return rc;
}

/* The run's row: a new cs_classify_run with its details, after checking its method. */
static int read_run_row(cs_classify_run **out, cs_store *store, const cs_method *m, long long id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT method_id, method_version, created, items FROM assessment_run "
                           "WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading assessment runs");
    sqlite3_bind_int64(st, 1, id);
    int rc;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *names[3];
        for (int k = 0; k < 3; k++) {
            const unsigned char *text = sqlite3_column_text(st, k == 2 ? 3 : k);
            names[k] = text ? (const char *)text : "";
        }
        rc = check_run_method(m, id, names);
        if (!rc)
            rc = cs_classify_run_new(out, id, names[0], names[1],
                                     (const char *)sqlite3_column_text(st, 2));
    } else {
        rc = cs_error_set(CS_ENOTFOUND, "no assessment run %lld in the registry", id);
    }
    sqlite3_finalize(st);
    return rc;
}

static int read_out_of_scope(cs_classify_run *run, cs_store *store, long long run_id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT cluster_key, rule, result, found FROM assessment_out_of_scope "
                           "WHERE run_id = ?1 ORDER BY cluster_key",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the clusters out of scope");
    sqlite3_bind_int64(st, 1, run_id);
    int rc = 0;
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        const char *result = (const char *)sqlite3_column_text(st, 2);
        rc = cs_classify_run_add_out_of_scope(
            run, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
            result && strcmp(result, "not_met") == 0 ? CS_RESULT_NOT_MET : CS_RESULT_UNKNOWN,
            (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_store_assessment_read(cs_classify_run **out, cs_store *store, const cs_method *m,
                             long long run_id)
{
    *out = NULL;
    cs_classify_run *run = NULL;
    int rc = read_run_row(&run, store, m, run_id);
    if (rc)
        return rc;
    size_t n_items = cs_method_item_count(m);
    cs_result *items = malloc((n_items + 1) * sizeof *items);
    sqlite3_stmt *st = NULL;
    if (!items)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    else if (sqlite3_prepare_v2(cs_store_db(store),
                                "SELECT s.cluster_key, c.country, s.items FROM assessment_score s "
                                "LEFT JOIN cluster c ON c.key = s.cluster_key WHERE s.run_id = ?1 "
                                "ORDER BY s.cluster_key",
                                -1, &st, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "reading stored scores");
    if (!rc) {
        sqlite3_bind_int64(st, 1, run_id);
        while (!rc && sqlite3_step(st) == SQLITE_ROW) {
            const char *key = (const char *)sqlite3_column_text(st, 0);
            const char *country = (const char *)sqlite3_column_text(st, 1);
            rc = cs_assess_decode(items, n_items, m, (const char *)sqlite3_column_text(st, 2));
            if (rc)
                rc = cs_error_wrap("assessment run %lld, cluster \"%s\"", run_id, key);
            else
                rc = cs_classify_run_add(run, key, country ? country : "", items, n_items);
        }
    }
    sqlite3_finalize(st);
    free(items);
    if (!rc)
        rc = read_out_of_scope(run, store, run_id);
    if (rc) {
        cs_classify_run_free(run);
        return rc;
    }
    *out = run;
    return 0;
}
