#include "clusterscope/assess.h"

#include "clusterscope/error.h"
#include "clusterscope/store.h"
#include "store/store_internal.h"
#include "util/buf.h"

#include <stdlib.h>
#include <time.h>

/*
 * A stored run keeps the method id and version, the item and indicator ids in column order and,
 * per cluster, one character per item: enough for a report to cite the scores and for
 * cs_method_derive() to recompute every indicator and block score from them.
 */
int cs_assess_save(long long *run_id, cs_store *store, const cs_assessment *a)
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
