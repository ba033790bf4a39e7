/*
 * store_partition.c: partitions in the registry (tables typology_partition, typology_group,
 * typology_member of migration 0002): storing one with every parameter that decides it, reading
 * the parameters back to make it again, and comparing a new classification with it member by
 * member. Everything is read through the classification's accessors; profiles and the k scan
 * are kept as the JSON text classify writes.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"
#include "util/buf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void bind_double(sqlite3_stmt *st, int col, double v)
{
    if (isnan(v))
        sqlite3_bind_null(st, col);
    else
        sqlite3_bind_double(st, col, v);
}

static void bind_text_or_null(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

/* The partition's row: every parameter, the quality and the agreement. */
static int insert_partition(cs_store *store, sqlite3_stmt *part, const cs_classification *c,
                            const cs_classify_run *run, const char *variables, const char *scan)
{
    const cs_classify_options *o = cs_classification_options(c);
    const cs_method *m = cs_classification_method(c);
    const cs_reference_set *ref = cs_classification_reference(c);
    char created[32];
    time_t now = time(NULL);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    sqlite3_bind_text(part, 1, created, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(part, 2, CS_VERSION_STRING, -1, SQLITE_STATIC);
    sqlite3_bind_int64(part, 3, run->run_id);
    sqlite3_bind_text(part, 4, cs_method_id(m), -1, SQLITE_STATIC);
    sqlite3_bind_text(part, 5, cs_method_version(m), -1, SQLITE_STATIC);
    sqlite3_bind_text(part, 6, cs_classify_view_name(cs_classification_view(c)), -1, SQLITE_STATIC);
    sqlite3_bind_text(part, 7, variables, -1, SQLITE_STATIC);
    sqlite3_bind_text(part, 8, cs_unknown_policy_name(cs_classification_unknown(c)), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(part, 9, cs_metric_name(o->distance), -1, SQLITE_STATIC);
    sqlite3_bind_text(part, 10, cs_classify_algorithm_name(o->algorithm), -1, SQLITE_STATIC);
    sqlite3_bind_int(part, 11, cs_classification_k(c));
    if (o->k > 0)
        sqlite3_bind_int(part, 12, o->k);
    else
        sqlite3_bind_null(part, 12);
    sqlite3_bind_text(part, 13, cs_classification_k_rule(c), -1, SQLITE_STATIC);
    bind_text_or_null(part, 14, scan);
    sqlite3_bind_int64(part, 15, (sqlite3_int64)o->seed);
    bind_double(part, 16, cs_classification_silhouette(c));
    bind_double(part, 17, cs_classification_cophenetic(c));
    sqlite3_bind_int64(part, 18, (sqlite3_int64)cs_classification_analysed(c));
    if (ref) {
        sqlite3_bind_text(part, 19, ref->key, -1, SQLITE_STATIC);
        bind_double(part, 20, cs_classification_ari(c));
        sqlite3_bind_int64(part, 21, (sqlite3_int64)cs_classification_compared(c));
    } else {
        sqlite3_bind_null(part, 19);
        sqlite3_bind_null(part, 20);
        sqlite3_bind_null(part, 21);
    }
    sqlite3_bind_int(part, 22, cs_classification_min_known(c));
    sqlite3_bind_int64(part, 23, (sqlite3_int64)cs_classification_imputed(c, NULL));
    return sqlite3_step(part) == SQLITE_DONE ? 0 : cs_store_fail(store, "storing a partition");
}

static int insert_groups(cs_store *store, sqlite3_stmt *grp, long long pid,
                         const cs_classification *c)
{
    int rc = 0;
    for (int g = 1; !rc && g <= cs_classification_k(c); g++) {
        const cs_classify_group *group = cs_classification_group(c, g);
        char *profile = NULL;
        if ((rc = cs_classification_profile_json(&profile, c, g)))
            break;
        sqlite3_bind_int64(grp, 1, pid);
        sqlite3_bind_int(grp, 2, g);
        sqlite3_bind_int64(grp, 3, (sqlite3_int64)group->size);
        if (group->label)
            sqlite3_bind_int(grp, 4, group->label);
        else
            sqlite3_bind_null(grp, 4);
        /* the stored reason is never empty: without reference types, say so */
        sqlite3_bind_text(grp, 5,
                          cs_classification_reference(c)
                              ? group->reason
                              : "no reference types in the registry: not labelled",
                          -1, SQLITE_STATIC);
        sqlite3_bind_text(grp, 6, profile, -1, SQLITE_STATIC);
        if (sqlite3_step(grp) != SQLITE_DONE)
            rc = cs_store_fail(store, "storing a group");
        sqlite3_reset(grp);
        free(profile);
    }
    return rc;
}

static int insert_members(cs_store *store, sqlite3_stmt *mem, long long pid,
                          const cs_classification *c)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < cs_classification_object_count(c); i++) {
        int g = cs_classification_group_of(c, i);
        sqlite3_bind_int64(mem, 1, pid);
        sqlite3_bind_text(mem, 2, cs_classification_key(c, i), -1, SQLITE_STATIC);
        if (g)
            sqlite3_bind_int(mem, 3, g);
        else
            sqlite3_bind_null(mem, 3);
        bind_double(mem, 4, cs_classification_width(c, i));
        bind_text_or_null(mem, 5, cs_classification_left_out(c, i));
        if (sqlite3_step(mem) != SQLITE_DONE)
            rc = cs_store_fail(store, "storing the members of a partition");
        sqlite3_reset(mem);
    }
    return rc;
}

int cs_store_partition_save(long long *id, cs_store *store, const cs_classification *c,
                            const cs_classify_run *run)
{
    if (!run)
        return cs_error_set(CS_EUSAGE, "a partition is stored with the assessment run it read");
    uint64_t seed = cs_classification_options(c)->seed;
    if (seed > (uint64_t)INT64_MAX)
        return cs_error_set(CS_EUSAGE, "seed %llu is too large to store (at most 2^63 - 1)",
                            (unsigned long long)seed);
    sqlite3 *db = cs_store_db(store);
    cs_buf vars = CS_BUF_INIT;
    int rc = 0;
    for (size_t j = 0; !rc && j < cs_classification_variable_count(c); j++)
        rc = cs_buf_printf(&vars, "%s%s", j ? "," : "", cs_classification_variable_key(c, j));
    char *scan = NULL;
    rc = rc ? rc : cs_classification_k_scan_json(&scan, c);
    sqlite3_stmt *part = NULL, *grp = NULL, *mem = NULL;
    if (!rc)
        rc = cs_store_begin(store);
    if (!rc &&
        (sqlite3_prepare_v2(db,
                            "INSERT INTO typology_partition (created, software_version, "
                            "assessment_run, method_id, method_version, view, variables, "
                            "unknown_policy, distance, algorithm, k, k_given, k_rule, k_scan, "
                            "seed, silhouette, cophenetic, objects, reference_set, ari, compared, "
                            "min_known, imputed_pairs) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                            "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
                            -1, &part, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(db,
                            "INSERT INTO typology_group (partition_id, number, size, label_type, "
                            "label_reason, profile) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            -1, &grp, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(db,
                            "INSERT INTO typology_member (partition_id, cluster_key, group_number, "
                            "silhouette, left_out) VALUES (?1, ?2, ?3, ?4, ?5)",
                            -1, &mem, NULL) != SQLITE_OK))
        rc = cs_store_fail(store, "preparing to store a partition");
    rc = rc ? rc : insert_partition(store, part, c, run, cs_buf_str(&vars), scan);
    long long pid = sqlite3_last_insert_rowid(db);
    rc = rc ? rc : insert_groups(store, grp, pid, c);
    rc = rc ? rc : insert_members(store, mem, pid, c);
    sqlite3_finalize(part);
    sqlite3_finalize(grp);
    sqlite3_finalize(mem);
    if (!rc)
        rc = cs_store_commit(store);
    if (rc)
        cs_store_rollback(store);
    else if (id)
        *id = pid;
    cs_buf_free(&vars);
    free(scan);
    return rc;
}

int cs_store_partition_options(cs_classify_options *opts, long long *run_id, char *method_id,
                               size_t cap, cs_store *store, long long id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT assessment_run, method_id, view, unknown_policy, distance, "
                           "algorithm, k, k_given, seed, min_known FROM typology_partition "
                           "WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading stored partitions");
    sqlite3_bind_int64(st, 1, id);
    int rc = 0;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = cs_error_set(CS_ENOTFOUND, "no stored partition %lld in the registry", id);
    } else {
        cs_classify_options_init(opts);
        *run_id = sqlite3_column_int64(st, 0);
        snprintf(method_id, cap, "%s", (const char *)sqlite3_column_text(st, 1));
        cs_unknown_policy pol = CS_UNKNOWN_PAIRWISE;
        rc = cs_classify_view_parse(&opts->view, (const char *)sqlite3_column_text(st, 2));
        rc = rc ? rc : cs_unknown_policy_parse(&pol, (const char *)sqlite3_column_text(st, 3));
        opts->unknown = (int)pol;
        rc = rc ? rc : cs_metric_parse(&opts->distance, (const char *)sqlite3_column_text(st, 4));
        rc = rc ? rc
                : cs_classify_algorithm_parse(&opts->algorithm,
                                              (const char *)sqlite3_column_text(st, 5));
        /* k as given when it was (a tree cut with ties may have found fewer), else as found */
        int k = 0;
        rc = rc ? rc : cs_store_column_int(&k, st, 6, 0, "a partition's k");
        rc = rc ? rc : cs_store_column_int(&opts->k, st, 7, k, "a partition's k as given");
        opts->seed = (uint64_t)sqlite3_column_int64(st, 8);
        /* NULL: stored before the coverage rule, when anything known was enough */
        rc = rc ? rc : cs_store_column_int(&opts->min_known, st, 9, 1, "a partition's min_known");
        if (rc)
            cs_error_wrap("stored partition %lld", id);
    }
    sqlite3_finalize(st);
    return rc;
}

typedef struct {
    char *key;
    int group; /* 0 = left out */
} stored_member;

static int compare_member(const void *a, const void *b)
{
    return strcmp(((const stored_member *)a)->key, ((const stored_member *)b)->key);
}

/* The members of stored partition `id`, sorted by key. */
static int read_members(stored_member **out, size_t *n, cs_store *store, long long id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT cluster_key, group_number FROM typology_member WHERE "
                           "partition_id = ?1 ORDER BY cluster_key",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading stored partitions");
    sqlite3_bind_int64(st, 1, id);
    stored_member *m = NULL;
    size_t count = 0, cap = 0;
    int rc = 0;
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            stored_member *more = realloc(m, cap * sizeof *more);
            if (!more) {
                rc = cs_error_set(CS_ENOMEM, "out of memory");
                break;
            }
            m = more;
        }
        m[count].key = strdup((const char *)sqlite3_column_text(st, 0));
        if (!m[count++].key)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        else
            rc = cs_store_column_int(&m[count - 1].group, st, 1, 0, "a partition member's group");
    }
    sqlite3_finalize(st);
    if (!rc &&
        count) /* SQLite's order is bytewise too; sorting again costs little and is certain */
        qsort(m, count, sizeof *m, compare_member);
    *out = m;
    *n = count;
    return rc;
}

int cs_store_partition_compare(size_t *differences, cs_store *store, long long id,
                               const cs_classification *c)
{
    stored_member *stored = NULL;
    size_t n_stored = 0;
    int rc = read_members(&stored, &n_stored, store, id);
    size_t diff = 0, seen = 0, n = cs_classification_object_count(c);
    for (size_t i = 0; !rc && i < n; i++) {
        stored_member probe = { (char *)cs_classification_key(c, i), 0 };
        const stored_member *s =
            n_stored ? bsearch(&probe, stored, n_stored, sizeof *stored, compare_member) : NULL;
        if (!s)
            continue; /* only the classification has it: counted below */
        seen++;
        diff += s->group != cs_classification_group_of(c, i);
    }
    /* clusters only one side has: stored but not classified, classified but not stored */
    if (!rc)
        *differences = diff + (n_stored - seen) + (n - seen);
    for (size_t k = 0; k < n_stored; k++)
        free(stored[k].key);
    free(stored);
    return rc;
}
