/*
 * classify.c: the typology of the registry (include/clusterscope/classify.h). Reads an
 * assessment run, builds the clusters x variables binary matrix with unknown cells, applies the
 * unknown-value policy, partitions the clusters into groups, profiles the groups, labels them by
 * the nearest reference type and measures the agreement with the reference assignment.
 *
 * Invariants:
 * - Results depend only on the objects (in the order given), the method and the options: no
 *   clock, locale, thread count or address enters them. Groups are numbered in order of first
 *   appearance over the analysed objects, whatever the algorithm numbers them.
 * - Every cluster left out of the analysis carries its reason; a pair of analysed clusters
 *   always has a variable known for both under the pairwise policy, so every distance is
 *   defined.
 * - A label is the nearest reference type and always has its reason; no type near = label 0.
 */
#include "clusterscope/classify.h"

#include "clusterscope/assess.h"
#include "clusterscope/error.h"
#include "clusterscope/registry.h"
#include "store/store_internal.h"
#include "util/buf.h"

#include "clusterscope/partition.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------------------------------ */
/* Names                                                                                       */

static const char *const algorithm_names[CS_CLASSIFY_ALGORITHM_COUNT] = {
    "single", "complete", "average",   "weighted", "ward",  "centroid",
    "median", "pam",      "fasterpam", "kmodes",   "kmeans"
};

int cs_classify_algorithm_parse(cs_classify_algorithm *out, const char *name)
{
    for (int a = 0; a < CS_CLASSIFY_ALGORITHM_COUNT; a++) {
        if (name && strcmp(name, algorithm_names[a]) == 0) {
            *out = (cs_classify_algorithm)a;
            return 0;
        }
    }
    return cs_error_set(CS_EUSAGE,
                        "unknown algorithm \"%s\" (expected average, complete, single, weighted, "
                        "ward, centroid, median, pam, fasterpam, kmodes or kmeans)",
                        name ? name : "");
}

const char *cs_classify_algorithm_name(cs_classify_algorithm a)
{
    return (int)a >= 0 && a < CS_CLASSIFY_ALGORITHM_COUNT ? algorithm_names[a] : "?";
}

int cs_classify_algorithm_is_hierarchical(cs_classify_algorithm a)
{
    return (int)a >= 0 && a <= CS_CLASSIFY_MEDIAN;
}

static const char *const policy_names[] = { "pairwise", "error", "as-zero" };

int cs_unknown_policy_parse(cs_unknown_policy *out, const char *name)
{
    for (int p = 0; p < 3; p++) {
        if (name && strcmp(name, policy_names[p]) == 0) {
            *out = (cs_unknown_policy)p;
            return 0;
        }
    }
    return cs_error_set(CS_EUSAGE,
                        "unknown policy for unknown values \"%s\" (expected pairwise, error or "
                        "as-zero)",
                        name ? name : "");
}

const char *cs_unknown_policy_name(cs_unknown_policy p)
{
    return (int)p >= 0 && (int)p < 3 ? policy_names[p] : "?";
}

void cs_classify_options_init(cs_classify_options *o)
{
    memset(o, 0, sizeof *o);
    o->view = CS_CLASSIFY_VIEW_METHOD;
    o->unknown = -1;
    o->algorithm = CS_CLASSIFY_AVERAGE;
    o->distance = CS_METRIC_HAMMING;
    o->k_max = CS_CLASSIFY_K_MAX;
    o->seed = 1;
}

/* 1 when the classification writes its words in Russian (options.lang "ru"). */
static int russian(const cs_classification *c);

static char *dupstr(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s ? s : "", n);
    return d;
}

/* ------------------------------------------------------------------------------------------ */
/* Reference sets from the registry                                                            */

typedef struct {
    cs_reference_set pub;
    cs_reference_type *types;
    cs_reference_trait *traits;
    cs_reference_assignment *assignments;
    char **strings;
    size_t n_strings, cap_strings;
} reference_storage;

static const char *keep_string(reference_storage *s, const unsigned char *text)
{
    if (!text)
        return NULL;
    if (s->n_strings == s->cap_strings) {
        size_t cap = s->cap_strings ? 2 * s->cap_strings : 64;
        char **more = realloc(s->strings, cap * sizeof *more);
        if (!more)
            return NULL;
        s->strings = more;
        s->cap_strings = cap;
    }
    char *d = dupstr((const char *)text);
    if (d)
        s->strings[s->n_strings++] = d;
    return d;
}

void cs_reference_free(cs_reference_set *ref)
{
    if (!ref)
        return;
    reference_storage *s = (reference_storage *)ref;
    for (size_t i = 0; i < s->n_strings; i++)
        free(s->strings[i]);
    free(s->strings);
    free(s->types);
    free(s->traits);
    free(s->assignments);
    free(s);
}

static int count_rows(cs_store *store, const char *sql, const char *key, size_t *n)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store), sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading reference types");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    *n = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return 0;
}

int cs_reference_load(cs_reference_set **out, cs_store *store, const char *key,
                      const char *method_id)
{
    *out = NULL;
    sqlite3 *db = cs_store_db(store);
    sqlite3_stmt *st = NULL;
    const char *sql = key ? "SELECT key, profile_method, size_note, sample_size, published_sum "
                            "FROM reference_set WHERE key = ?1"
                          : "SELECT key, profile_method, size_note, sample_size, published_sum "
                            "FROM reference_set ORDER BY profile_method = ?2 DESC, key LIMIT 1";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading reference types");
    if (key)
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    else
        sqlite3_bind_text(st, 2, method_id ? method_id : "", -1, SQLITE_STATIC);
    reference_storage *s = calloc(1, sizeof *s);
    if (!s) {
        sqlite3_finalize(st);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    int rc = 0;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = key ? cs_error_set(CS_ENOTFOUND,
                                "no reference set \"%s\" in the registry (import "
                                "data/reference/reference-groups.json)",
                                key)
                 : cs_error_set(CS_ENOTFOUND, "the registry holds no reference types (import "
                                              "data/reference/reference-groups.json)");
    } else {
        s->pub.key = keep_string(s, sqlite3_column_text(st, 0));
        s->pub.profile_method = keep_string(s, sqlite3_column_text(st, 1));
        s->pub.size_note = keep_string(s, sqlite3_column_text(st, 2));
        s->pub.sample_size =
            sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 3);
        s->pub.published_sum =
            sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
        if (!s->pub.key || !s->pub.profile_method)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    sqlite3_finalize(st);
    size_t nt = 0, ntr = 0, na = 0;
    if (!rc)
        rc = count_rows(store, "SELECT count(*) FROM reference_type WHERE set_key = ?1", s->pub.key,
                        &nt);
    if (!rc)
        rc = count_rows(store, "SELECT count(*) FROM reference_trait WHERE set_key = ?1",
                        s->pub.key, &ntr);
    if (!rc)
        rc = count_rows(store, "SELECT count(*) FROM reference_assignment WHERE set_key = ?1",
                        s->pub.key, &na);
    if (!rc) {
        s->types = calloc(nt + 1, sizeof *s->types);
        s->traits = calloc(ntr + 1, sizeof *s->traits);
        s->assignments = calloc(na + 1, sizeof *s->assignments);
        if (!s->types || !s->traits || !s->assignments)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc) {
        if (sqlite3_prepare_v2(db,
                               "SELECT number, name_en, name_ru, size_published FROM "
                               "reference_type WHERE set_key = ?1 ORDER BY number",
                               -1, &st, NULL) != SQLITE_OK)
            rc = cs_store_fail(store, "reading reference types");
        else {
            sqlite3_bind_text(st, 1, s->pub.key, -1, SQLITE_STATIC);
            size_t i = 0;
            while (i < nt && sqlite3_step(st) == SQLITE_ROW) {
                cs_reference_type *t = &s->types[i++];
                t->number = sqlite3_column_int(st, 0);
                t->name_en = keep_string(s, sqlite3_column_text(st, 1));
                t->name_ru = keep_string(s, sqlite3_column_text(st, 2));
                t->size_published =
                    sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 3);
            }
            nt = i;
            sqlite3_finalize(st);
        }
    }
    if (!rc) {
        if (sqlite3_prepare_v2(db,
                               "SELECT type_number, item, countries, share_min, share_max, "
                               "published, locator FROM reference_trait WHERE set_key = ?1 "
                               "ORDER BY type_number, position",
                               -1, &st, NULL) != SQLITE_OK)
            rc = cs_store_fail(store, "reading reference traits");
        else {
            sqlite3_bind_text(st, 1, s->pub.key, -1, SQLITE_STATIC);
            size_t i = 0;
            while (i < ntr && sqlite3_step(st) == SQLITE_ROW) {
                int number = sqlite3_column_int(st, 0);
                cs_reference_trait *t = &s->traits[i++];
                t->item = keep_string(s, sqlite3_column_text(st, 1));
                t->countries = keep_string(s, sqlite3_column_text(st, 2));
                t->share_min = sqlite3_column_double(st, 3);
                t->share_max = sqlite3_column_double(st, 4);
                t->published = keep_string(s, sqlite3_column_text(st, 5));
                t->locator = keep_string(s, sqlite3_column_text(st, 6));
                /* traits come ordered by type: each type's run is contiguous */
                for (size_t k = 0; k < nt; k++) {
                    if (s->types[k].number != number)
                        continue;
                    if (!s->types[k].traits)
                        s->types[k].traits = t;
                    s->types[k].n_traits++;
                }
            }
            sqlite3_finalize(st);
        }
    }
    if (!rc) {
        if (sqlite3_prepare_v2(db,
                               "SELECT cluster_key, type_number, basis FROM reference_assignment "
                               "WHERE set_key = ?1 ORDER BY cluster_key",
                               -1, &st, NULL) != SQLITE_OK)
            rc = cs_store_fail(store, "reading reference assignments");
        else {
            sqlite3_bind_text(st, 1, s->pub.key, -1, SQLITE_STATIC);
            size_t i = 0;
            while (i < na && sqlite3_step(st) == SQLITE_ROW) {
                cs_reference_assignment *a = &s->assignments[i++];
                a->cluster = keep_string(s, sqlite3_column_text(st, 0));
                a->type = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 1);
                a->basis = keep_string(s, sqlite3_column_text(st, 2));
            }
            na = i;
            sqlite3_finalize(st);
        }
    }
    if (rc) {
        cs_reference_free(&s->pub);
        return rc;
    }
    s->pub.types = s->types;
    s->pub.n_types = nt;
    s->pub.assignments = s->assignments;
    s->pub.n_assignments = na;
    *out = &s->pub;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Assessment runs from the registry                                                           */

typedef struct {
    cs_classify_run pub;
    cs_classify_object *objects;
    char *method_id, *method_version, *created;
    char **strings; /* key, country, code per object */
    size_t n;
} run_storage;

void cs_classify_run_free(cs_classify_run *run)
{
    if (!run)
        return;
    run_storage *s = (run_storage *)run;
    for (size_t i = 0; i < 3 * s->n; i++)
        free(s->strings[i]);
    free(s->strings);
    free(s->objects);
    free(s->method_id);
    free(s->method_version);
    free(s->created);
    free(s);
}

int cs_classify_run_method(char *buf, size_t cap, cs_store *store, long long run_id)
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

/* Assesses every cluster of the registry with M and stores the run (as `clusterscope assess`). */
static int assess_and_store(long long *run_id, cs_store *store, const cs_method *m)
{
    cs_cluster_list *clusters = NULL;
    cs_source_list *sources = NULL;
    cs_factset *facts = NULL;
    cs_assessment *result = NULL;
    cs_assess_subject *subjects = NULL;
    cs_source_info *info = NULL;
    cs_subject_kind *kinds = NULL;
    const char **names = NULL;
    int rc = cs_store_clusters(&clusters, store, NULL);
    rc = rc ? rc : cs_store_sources(&sources, store);
    rc = rc ? rc : cs_factset_new(&facts);
    size_t n = 0, n_src = 0, n_facts = cs_method_fact_count(m);
    if (!rc) {
        n = cs_cluster_list_count(clusters);
        n_src = cs_source_list_count(sources);
        subjects = calloc(n + 1, sizeof *subjects);
        info = calloc(n_src + 1, sizeof *info);
        kinds = calloc(n_facts + 1, sizeof *kinds);
        names = calloc(n_facts + 1, sizeof *names);
        if (!subjects || !info || !kinds || !names)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; !rc && i < n_facts; i++) {
        kinds[i] = cs_method_fact_at(m, i)->subject_kind;
        names[i] = cs_method_fact_at(m, i)->name;
    }
    if (!rc && n_facts)
        rc = cs_store_load_facts(facts, store, kinds, names, n_facts);
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_cluster_info *c = cs_cluster_list_at(clusters, i);
        subjects[i] = (cs_assess_subject){ c->key, *c->name_en ? c->name_en : c->name_ru,
                                           c->country, c->region };
    }
    for (size_t i = 0; !rc && i < n_src; i++) {
        const cs_source_record *r = cs_source_list_at(sources, i);
        info[i] = (cs_source_info){ r->key, r->title, r->document, r->locator,
                                    r->url, r->date,  r->publisher };
    }
    if (!rc) {
        cs_assess_options opts = { 0, info, n_src };
        rc = cs_assess_run(&result, m, facts, subjects, n, &opts);
    }
    if (!rc)
        rc = cs_assess_save(run_id, store, result);
    cs_assessment_free(result);
    free(subjects);
    free(info);
    free(kinds);
    free(names);
    cs_factset_free(facts);
    cs_source_list_free(sources);
    cs_cluster_list_free(clusters);
    return rc;
}

static int find_run(cs_store *store, long long run_id, const char *method_id, long long *found)
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

static int cmp_cluster_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, ((const cs_cluster_info *)b)->key);
}

int cs_classify_load(cs_classify_run **out, cs_store *store, const cs_method *m, long long run_id,
                     int assess_if_missing)
{
    *out = NULL;
    long long id = 0;
    int rc = find_run(store, run_id, cs_method_id(m), &id);
    if (rc)
        return rc;
    int assessed = 0;
    if (!id && run_id)
        return cs_error_set(CS_ENOTFOUND, "no assessment run %lld in the registry", run_id);
    if (!id && !assess_if_missing)
        return cs_error_set(CS_ENOTFOUND,
                            "no stored assessment with method %s; run 'clusterscope assess' "
                            "first",
                            cs_method_id(m));
    if (!id) {
        if ((rc = assess_and_store(&id, store, m)))
            return rc;
        assessed = 1;
    }
    sqlite3 *db = cs_store_db(store);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT method_id, method_version, created, items FROM assessment_run "
                           "WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading assessment runs");
    sqlite3_bind_int64(st, 1, id);
    run_storage *s = calloc(1, sizeof *s);
    if (!s) {
        sqlite3_finalize(st);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (sqlite3_step(st) == SQLITE_ROW) {
        s->method_id = dupstr((const char *)sqlite3_column_text(st, 0));
        s->method_version = dupstr((const char *)sqlite3_column_text(st, 1));
        s->created = dupstr((const char *)sqlite3_column_text(st, 2));
        const char *items = (const char *)sqlite3_column_text(st, 3);
        if (!s->method_id || !s->method_version || !s->created)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        else if (strcmp(s->method_id, cs_method_id(m)) != 0)
            rc = cs_error_set(CS_EUSAGE,
                              "assessment run %lld was made with method %s, not %s; choose the "
                              "method with --method %s",
                              id, s->method_id, cs_method_id(m), s->method_id);
        else if (strcmp(s->method_version, cs_method_version(m)) != 0)
            rc = cs_error_set(CS_EDATA,
                              "assessment run %lld used %s version %s; this is version %s: "
                              "assess again ('clusterscope assess') or choose another --run",
                              id, s->method_id, s->method_version, cs_method_version(m));
        else {
            /* the run's item list must be the method's, in order */
            cs_buf want = CS_BUF_INIT;
            for (size_t i = 0; !rc && i < cs_method_item_count(m); i++)
                rc = cs_buf_printf(&want, "%s%s", i ? "," : "", cs_method_item_at(m, i)->key);
            if (!rc && strcmp(cs_buf_str(&want), items ? items : "") != 0)
                rc = cs_error_set(CS_EDATA,
                                  "assessment run %lld lists items that differ from method %s "
                                  "version %s; assess again ('clusterscope assess')",
                                  id, s->method_id, s->method_version);
            cs_buf_free(&want);
        }
    } else {
        rc = cs_error_set(CS_ENOTFOUND, "no assessment run %lld in the registry", id);
    }
    sqlite3_finalize(st);
    cs_cluster_list *clusters = NULL;
    if (!rc)
        rc = cs_store_clusters(&clusters, store, NULL);
    size_t cap = 0;
    if (!rc && sqlite3_prepare_v2(db,
                                  "SELECT cluster_key, items FROM assessment_score WHERE run_id = "
                                  "?1 ORDER BY cluster_key",
                                  -1, &st, NULL) != SQLITE_OK)
        rc = cs_store_fail(store, "reading stored scores");
    if (!rc) {
        sqlite3_bind_int64(st, 1, id);
        int step;
        while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
            if (s->n == cap) {
                cap = cap ? 2 * cap : 64;
                cs_classify_object *objs = realloc(s->objects, cap * sizeof *objs);
                if (objs)
                    s->objects = objs;
                char **strs = realloc(s->strings, 3 * cap * sizeof *strs);
                if (strs)
                    s->strings = strs;
                if (!objs || !strs) {
                    rc = cs_error_set(CS_ENOMEM, "out of memory");
                    break;
                }
            }
            const char *key = (const char *)sqlite3_column_text(st, 0);
            const cs_cluster_info *c =
                bsearch(&key, cs_cluster_list_at(clusters, 0), cs_cluster_list_count(clusters),
                        sizeof(cs_cluster_info), cmp_cluster_key);
            char **slot = s->strings + 3 * s->n;
            slot[0] = dupstr(key);
            slot[1] = dupstr(c ? c->country : "");
            slot[2] = dupstr((const char *)sqlite3_column_text(st, 1));
            s->n++;
            if (!slot[0] || !slot[1] || !slot[2]) {
                rc = cs_error_set(CS_ENOMEM, "out of memory");
                break;
            }
            s->objects[s->n - 1] = (cs_classify_object){ slot[0], slot[1], slot[2] };
        }
        sqlite3_finalize(st);
    }
    cs_cluster_list_free(clusters);
    if (rc) {
        cs_classify_run_free(&s->pub);
        return rc;
    }
    s->pub.run_id = id;
    s->pub.method_id = s->method_id;
    s->pub.method_version = s->method_version;
    s->pub.created = s->created;
    s->pub.assessed_now = assessed;
    s->pub.objects = s->objects;
    s->pub.n = s->n;
    *out = &s->pub;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The classification                                                                          */

struct cs_classification {
    const cs_method *m;
    const cs_reference_set *ref;
    cs_classify_options opts; /* resolved; progress cleared */
    cs_unknown_policy policy;
    cs_classify_view view;
    size_t n, n_items, n_ind, n_blocks;
    char **keys, **countries;
    cs_result *items; /* n x n_items, ref items derived */
    cs_result *inds;  /* n x n_ind */
    cs_score *blocks; /* n x n_blocks */
    size_t p, *vars;  /* variables: item or indicator indexes */
    size_t na, *idx;  /* analysed objects, input order */
    int *group;       /* per object: 1..k, 0 = left out */
    char **left_out;  /* per object: reason or NULL */
    double *width;    /* per object */
    int k, k_given;
    char k_rule[96];
    double k_scan[CS_CLASSIFY_K_MAX * 8 + 2];
    int k_scan_max;
    double silhouette, cophenetic;
    cs_classify_group *groups;
    /* group storage */
    size_t *counts; /* per group: item met, item known, ind met, ind known */
    double *bmeans; /* per group: block indicators, block points */
    size_t *study;  /* per group: per type */
    char **reasons; /* per group */
    const char ***country_codes;
    size_t **country_counts;
    size_t compared;
    double ari;
    int64_t *table;
};

static const cs_result *obj_items(const cs_classification *c, size_t i)
{
    return c->items + i * c->n_items;
}

static cs_result var_value(const cs_classification *c, size_t i, size_t j)
{
    size_t v = c->vars[j];
    return c->view == CS_CLASSIFY_VIEW_INDICATORS ? c->inds[i * c->n_ind + v]
                                                  : c->items[i * c->n_items + v];
}

static int russian(const cs_classification *c)
{
    return c->opts.lang && strcmp(c->opts.lang, "ru") == 0;
}

/* "I9.rd_biomedicine" for an item of a composite, "I7" for a simple indicator's item. */
static void item_label(char *buf, size_t cap, const cs_method *m, size_t item)
{
    const cs_method_item *it = cs_method_item_at(m, item);
    const cs_method_indicator *ind = cs_method_indicator_at(m, it->indicator);
    if (ind->n_items > 1 || ind->composite)
        snprintf(buf, cap, "%s.%s", ind->code, it->id);
    else
        snprintf(buf, cap, "%s", ind->code);
}

static void variable_label(char *buf, size_t cap, const cs_classification *c, size_t j)
{
    if (c->view == CS_CLASSIFY_VIEW_INDICATORS)
        snprintf(buf, cap, "%s", cs_method_indicator_at(c->m, c->vars[j])->code);
    else
        item_label(buf, cap, c->m, c->vars[j]);
}

void cs_classification_free(cs_classification *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        if (c->keys)
            free(c->keys[i]);
        if (c->countries)
            free(c->countries[i]);
        if (c->left_out)
            free(c->left_out[i]);
    }
    if (c->reasons)
        for (int g = 0; g < c->k; g++)
            free(c->reasons[g]);
    if (c->country_codes)
        for (int g = 0; g < c->k; g++)
            free(c->country_codes[g]);
    if (c->country_counts)
        for (int g = 0; g < c->k; g++)
            free(c->country_counts[g]);
    free(c->keys);
    free(c->countries);
    free(c->left_out);
    free(c->items);
    free(c->inds);
    free(c->blocks);
    free(c->vars);
    free(c->idx);
    free(c->group);
    free(c->width);
    free(c->groups);
    free(c->counts);
    free(c->bmeans);
    free(c->study);
    free(c->reasons);
    free(c->country_codes);
    free(c->country_counts);
    free(c->table);
    free(c);
}

static int set_reason(cs_classification *c, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int set_reason(cs_classification *c, size_t i, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(c->left_out[i]);
    if (!(c->left_out[i] = dupstr(buf)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    return 0;
}

/* Copies the objects, decodes their codes and derives indicators and block scores. */
static int prepare(cs_classification *c, const cs_classify_object *objects)
{
    const cs_method *m = c->m;
    c->n_items = cs_method_item_count(m);
    c->n_ind = cs_method_indicator_count(m);
    c->n_blocks = cs_method_block_count(m);
    size_t n = c->n;
    c->keys = calloc(n + 1, sizeof *c->keys);
    c->countries = calloc(n + 1, sizeof *c->countries);
    c->left_out = calloc(n + 1, sizeof *c->left_out);
    c->items = malloc((n * c->n_items + 1) * sizeof *c->items);
    c->inds = malloc((n * c->n_ind + 1) * sizeof *c->inds);
    c->blocks = malloc((n * c->n_blocks + 1) * sizeof *c->blocks);
    c->group = calloc(n + 1, sizeof *c->group);
    c->width = malloc((n + 1) * sizeof *c->width);
    c->idx = malloc((n + 1) * sizeof *c->idx);
    c->vars = malloc((c->n_items + c->n_ind + 1) * sizeof *c->vars);
    if (!c->keys || !c->countries || !c->left_out || !c->items || !c->inds || !c->blocks ||
        !c->group || !c->width || !c->idx || !c->vars)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu clusters", n);
    for (size_t i = 0; i < n; i++) {
        const cs_classify_object *o = &objects[i];
        if (!o->key || !*o->key)
            return cs_error_set(CS_EUSAGE, "object %zu has no cluster key", i + 1);
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->keys[j], o->key) == 0)
                return cs_error_set(CS_EDATA, "cluster \"%s\" is given twice", o->key);
        c->keys[i] = dupstr(o->key);
        c->countries[i] = dupstr(o->country ? o->country : "");
        if (!c->keys[i] || !c->countries[i])
            return cs_error_set(CS_ENOMEM, "out of memory");
        c->width[i] = NAN;
        cs_result *it = c->items + i * c->n_items;
        int rc = cs_assess_decode(it, c->n_items, m, o->code);
        if (rc)
            return cs_error_wrap("cluster \"%s\"", o->key);
        cs_method_derive(m, it, c->inds + i * c->n_ind, NULL, c->blocks + i * c->n_blocks, NULL);
    }
    /* the variables: scored items or scored indicators, in method order */
    c->p = 0;
    if (c->view == CS_CLASSIFY_VIEW_INDICATORS) {
        for (size_t v = 0; v < c->n_ind; v++)
            if (cs_method_indicator_at(m, v)->scored)
                c->vars[c->p++] = v;
    } else {
        for (size_t v = 0; v < c->n_items; v++)
            if (cs_method_indicator_at(m, cs_method_item_at(m, v)->indicator)->scored)
                c->vars[c->p++] = v;
    }
    if (c->p == 0)
        return cs_error_set(CS_EDATA, "method %s has no scored %s to classify on", cs_method_id(m),
                            c->view == CS_CLASSIFY_VIEW_INDICATORS ? "indicators" : "items");
    return 0;
}

/* Chooses the clusters to analyse; every other one gets its reason. */
static int select_objects(cs_classification *c)
{
    int ru = russian(c);
    const char *what = c->view == CS_CLASSIFY_VIEW_INDICATORS ? (ru ? "показатель" : "indicator")
                                                              : (ru ? "пункт" : "item");
    size_t nw = (c->p + 63) / 64;
    uint64_t *known = calloc(c->n * nw + 1, sizeof *known);
    size_t *nknown = calloc(c->n + 1, sizeof *nknown);
    size_t *bad = calloc(c->n + 1, sizeof *bad);
    char *active = calloc(c->n + 1, 1);
    int rc = 0;
    if (!known || !nknown || !bad || !active) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < c->n; i++) {
        for (size_t j = 0; j < c->p; j++) {
            if (var_value(c, i, j) != CS_RESULT_UNKNOWN) {
                known[i * nw + j / 64] |= (uint64_t)1 << (j % 64);
                nknown[i]++;
            }
        }
        if (nknown[i] == 0)
            rc = set_reason(c, i,
                            ru ? "не известен ни один %s: кластер нельзя поместить в группу"
                               : "no %s known: it cannot be placed",
                            what);
        else
            active[i] = 1;
        if (rc)
            goto done;
    }
    if (c->policy == CS_UNKNOWN_ERROR) {
        for (size_t i = 0; i < c->n; i++) {
            if (!active[i] || nknown[i] == c->p)
                continue;
            size_t j = 0;
            while (var_value(c, i, j) != CS_RESULT_UNKNOWN)
                j++;
            char label[96];
            variable_label(label, sizeof label, c, j);
            rc = cs_error_set(CS_EDATA,
                              "cluster \"%s\": %s %s is unknown and the unknown-value policy is "
                              "\"error\" (use --unknown pairwise or as-zero)",
                              c->keys[i], what, label);
            goto done;
        }
    }
    if (c->policy == CS_UNKNOWN_PAIRWISE) {
        /* pairs without a variable known for both have no distance: leave out the cluster with
         * the most such pairs (ties: fewer known variables, then the first given) until none */
        for (size_t i = 0; i < c->n; i++) {
            for (size_t j = i + 1; active[i] && j < c->n; j++) {
                if (!active[j])
                    continue;
                int common = 0;
                for (size_t w = 0; w < nw && !common; w++)
                    common = (known[i * nw + w] & known[j * nw + w]) != 0;
                if (!common) {
                    bad[i]++;
                    bad[j]++;
                }
            }
        }
        for (;;) {
            size_t worst = SIZE_MAX;
            for (size_t i = 0; i < c->n; i++) {
                if (!active[i] || bad[i] == 0)
                    continue;
                if (worst == SIZE_MAX || bad[i] > bad[worst] ||
                    (bad[i] == bad[worst] && nknown[i] < nknown[worst]))
                    worst = i;
            }
            if (worst == SIZE_MAX)
                break;
            size_t example = SIZE_MAX, count = bad[worst];
            active[worst] = 0;
            for (size_t j = 0; j < c->n; j++) {
                if (!active[j] || j == worst)
                    continue;
                int common = 0;
                for (size_t w = 0; w < nw && !common; w++)
                    common = (known[worst * nw + w] & known[j * nw + w]) != 0;
                if (!common) {
                    bad[j]--;
                    if (example == SIZE_MAX)
                        example = j;
                }
            }
            rc = set_reason(c, worst,
                            ru ? "ни один %s не известен одновременно с %zu из ещё анализируемых "
                                 "кластеров (например, %s), поэтому расстояние до них не "
                                 "определено"
                               : "no %s known in common with %zu of the clusters still analysed "
                                 "(e.g. %s), so their distance is undefined",
                            what, count, example == SIZE_MAX ? "?" : c->keys[example]);
            if (rc)
                goto done;
        }
    }
    c->na = 0;
    for (size_t i = 0; i < c->n; i++)
        if (active[i])
            c->idx[c->na++] = i;
done:
    free(known);
    free(nknown);
    free(bad);
    free(active);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */

typedef struct {
    cs_classification *c;
    cs_run_options run;
    double *d; /* condensed distances of the analysed objects */
    double *x; /* na x p: 0/1, NaN unknown (as-zero: 0) */
    unsigned char *codes;
    double *z;
    int any_unknown;
} work;

static int check_options(const cs_classification *c, int any_unknown)
{
    const cs_classify_options *o = &c->opts;
    cs_classify_algorithm a = o->algorithm;
    if ((int)a < 0 || a >= CS_CLASSIFY_ALGORITHM_COUNT)
        return cs_error_set(CS_EUSAGE, "unknown algorithm code %d", (int)a);
    if ((int)o->distance < 0 || o->distance >= CS_METRIC_COUNT)
        return cs_error_set(CS_EUSAGE, "unknown distance code %d", (int)o->distance);
    int pairwise_unknown = any_unknown && c->policy == CS_UNKNOWN_PAIRWISE;
    if (a == CS_CLASSIFY_WARD || a == CS_CLASSIFY_CENTROID || a == CS_CLASSIFY_MEDIAN) {
        if (o->distance != CS_METRIC_EUCLIDEAN)
            return cs_error_set(CS_EUSAGE,
                                "%s linkage is defined for Euclidean distances only, not %s: use "
                                "--distance euclidean, or average linkage for binary items",
                                algorithm_names[a], cs_metric_name(o->distance));
        if (pairwise_unknown)
            return cs_error_set(CS_EUSAGE,
                                "%s linkage needs Euclidean distances, and distances over the "
                                "items known for both clusters (pairwise) are not Euclidean: use "
                                "--unknown as-zero, or average linkage",
                                algorithm_names[a]);
    }
    if (a == CS_CLASSIFY_KMEANS) {
        if (o->distance != CS_METRIC_EUCLIDEAN)
            return cs_error_set(CS_EUSAGE, "k-means minimises squared Euclidean distances: use "
                                           "--distance euclidean");
        if (pairwise_unknown)
            return cs_error_set(CS_EUSAGE, "k-means needs complete data: use --unknown as-zero, "
                                           "or an algorithm on pairwise distances (average, pam)");
    }
    if (a == CS_CLASSIFY_KMODES) {
        if (o->distance != CS_METRIC_HAMMING)
            return cs_error_set(CS_EUSAGE, "k-modes uses simple matching: use --distance hamming");
        if (pairwise_unknown)
            return cs_error_set(CS_EUSAGE, "k-modes needs complete data: use --unknown as-zero, "
                                           "or an algorithm on pairwise distances (average, pam)");
    }
    if (o->k < 0)
        return cs_error_set(CS_EUSAGE, "k must be at least 1, got %d", o->k);
    if (o->k_max < 2)
        return cs_error_set(CS_EUSAGE, "the k scan needs an upper end of at least 2, got %d",
                            o->k_max);
    if (o->k_max > CS_CLASSIFY_K_MAX * 8)
        return cs_error_set(CS_EUSAGE, "the k scan goes up to at most %d, got %d",
                            CS_CLASSIFY_K_MAX * 8, o->k_max);
    return 0;
}

static size_t memory_needed(const cs_classification *c)
{
    size_t na = c->na;
    size_t dist = cs_distance_memory(na);
    if (dist == SIZE_MAX)
        return SIZE_MAX;
    size_t total = dist;
    cs_classify_algorithm a = c->opts.algorithm;
    if (cs_classify_algorithm_is_hierarchical(a)) {
        size_t lk = cs_linkage_memory(na, (cs_linkage_method)a, 0, NULL);
        if (lk == SIZE_MAX)
            return SIZE_MAX;
        total += lk + (na > 0 ? (na - 1) * 4 * sizeof(double) : 0);
    }
    if (a == CS_CLASSIFY_PAM || a == CS_CLASSIFY_FASTERPAM)
        total += dist; /* k-medoids keeps a working copy of rows */
    total += na * (c->p * (sizeof(double) + 1) + 4 * sizeof(int) + sizeof(double));
    return total;
}

static int compute_distances(work *w)
{
    cs_classification *c = w->c;
    size_t na = c->na, p = c->p;
    cs_distance_options dopts;
    memset(&dopts, 0, sizeof dopts);
    dopts.unknown = c->policy;
    dopts.nthreads = c->opts.n_threads;
    dopts.allow_constant = 1; /* a constant binary item is agreement for every pair */
    w->x = malloc((na * p + 1) * sizeof *w->x);
    w->d = malloc(cs_distance_memory(na) + sizeof(double));
    if (!w->x || !w->d)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu clusters", na);
    for (size_t a = 0; a < na; a++) {
        for (size_t j = 0; j < p; j++) {
            cs_result r = var_value(c, c->idx[a], j);
            double v = r == CS_RESULT_MET ? 1.0 : r == CS_RESULT_NOT_MET ? 0.0 : NAN;
            if (isnan(v)) {
                w->any_unknown = 1;
                if (c->policy == CS_UNKNOWN_AS_ZERO)
                    v = 0.0;
            }
            w->x[a * p + j] = v;
        }
    }
    int rc = check_options(c, w->any_unknown);
    if (rc)
        return rc;
    if (na < 2)
        return 0;
    cs_metric metric = c->opts.distance;
    if (cs_metric_is_binary(metric)) {
        size_t nw = (p + 63) / 64;
        uint64_t *bits = calloc(na * nw, sizeof *bits), *known = calloc(na * nw, sizeof *known);
        if (!bits || !known) {
            free(bits);
            free(known);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
        for (size_t a = 0; a < na; a++) {
            for (size_t j = 0; j < p; j++) {
                double v = w->x[a * p + j];
                uint64_t bit = (uint64_t)1 << (j % 64);
                if (!isnan(v))
                    known[a * nw + j / 64] |= bit;
                if (v == 1.0)
                    bits[a * nw + j / 64] |= bit;
            }
        }
        rc = cs_pdist_bits(w->d, bits, w->any_unknown ? known : NULL, na, nw, p, metric, &dopts);
        free(bits);
        free(known);
    } else if (metric == CS_METRIC_GOWER) {
        /* symmetric binary variables; a variable unknown for every analysed cluster adds
         * nothing under the pairwise policy, and the data matrix refuses it: leave it out */
        size_t *cols = malloc((p + 1) * sizeof *cols), q = 0;
        if (!cols)
            return cs_error_set(CS_ENOMEM, "out of memory");
        for (size_t j = 0; j < p; j++) {
            size_t a = 0;
            while (a < na && isnan(w->x[a * p + j]))
                a++;
            if (a < na)
                cols[q++] = j;
        }
        cs_var_type *types = malloc((q + 1) * sizeof *types);
        cs_datamatrix *dm = NULL;
        if (!types) {
            free(cols);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
        for (size_t j = 0; j < q; j++)
            types[j] = CS_VAR_BINARY;
        rc = cs_datamatrix_new(&dm, na, q, types);
        for (size_t a = 0; !rc && a < na; a++) {
            rc = cs_datamatrix_set_id(dm, a, c->keys[c->idx[a]]);
            for (size_t j = 0; !rc && j < q; j++) {
                double v = w->x[a * p + cols[j]];
                if (!isnan(v))
                    rc = cs_datamatrix_set(dm, a, j, v);
            }
        }
        double *d = NULL;
        if (!rc)
            rc = cs_distance_condensed(&d, dm, metric, &dopts);
        if (!rc)
            memcpy(w->d, d, cs_distance_memory(na));
        cs_typology_free(d);
        cs_datamatrix_free(dm);
        free(types);
        free(cols);
    } else {
        rc = cs_pdist(w->d, w->x, na, p, metric, &dopts);
    }
    if (rc)
        return cs_error_wrap("%s distances", cs_metric_name(metric));
    return 0;
}

/* Renumbers labels (any ints) into 0..g-1 by first appearance; returns g. */
static int renumber(int *labels, size_t n)
{
    int map[1024];
    int *big = NULL, *mp = map, g = 0, cap = 1024, lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        lo = i == 0 || labels[i] < lo ? labels[i] : lo;
        hi = i == 0 || labels[i] > hi ? labels[i] : hi;
    }
    if (n == 0)
        return 0;
    if (hi - lo + 1 > cap) {
        big = malloc((size_t)(hi - lo + 1) * sizeof *big);
        if (!big)
            return -1;
        mp = big;
        cap = hi - lo + 1;
    }
    for (int v = 0; v < hi - lo + 1; v++)
        mp[v] = -1;
    for (size_t i = 0; i < n; i++) {
        int *slot = &mp[labels[i] - lo];
        if (*slot < 0)
            *slot = g++;
        labels[i] = *slot;
    }
    free(big);
    return g;
}

/* Partitions the analysed objects into (at most) k groups: labels 0..g-1; returns g. */
static int partition_k(work *w, int *labels, int k, uint64_t seed)
{
    cs_classification *c = w->c;
    size_t na = c->na, p = c->p;
    cs_classify_algorithm a = c->opts.algorithm;
    int rc = 0;
    if (cs_classify_algorithm_is_hierarchical(a)) {
        rc = cs_linkage_cut_k(labels, w->z, na, (size_t)k);
        if (rc < 0)
            return rc;
        for (size_t i = 0; i < na; i++)
            labels[i]--;
    } else if (a == CS_CLASSIFY_PAM || a == CS_CLASSIFY_FASTERPAM) {
        cs_kmedoids_params kp;
        cs_kmedoids_params_init(&kp, k);
        kp.method = a == CS_CLASSIFY_PAM ? CS_KMEDOIDS_PAM : CS_KMEDOIDS_FASTERPAM;
        kp.seed = seed;
        int *medoids = malloc((size_t)k * sizeof *medoids);
        if (!medoids)
            return cs_error_set(CS_ENOMEM, "out of memory");
        rc = cs_kmedoids(medoids, labels, NULL, w->d, na, &kp, &w->run);
        free(medoids);
    } else if (a == CS_CLASSIFY_KMODES) {
        cs_kmodes_params kp;
        cs_kmodes_params_init(&kp, k);
        kp.seed = seed;
        unsigned char *modes = malloc((size_t)k * p + 1);
        if (!modes)
            return cs_error_set(CS_ENOMEM, "out of memory");
        rc = cs_kmodes(labels, modes, NULL, w->codes, na, p, &kp, &w->run);
        free(modes);
    } else {
        cs_kmeans_params kp;
        cs_kmeans_params_init(&kp, k);
        kp.seed = seed;
        double *centres = malloc((size_t)k * p * sizeof *centres + 1);
        if (!centres)
            return cs_error_set(CS_ENOMEM, "out of memory");
        rc = cs_kmeans(labels, centres, NULL, w->x, na, p, &kp, &w->run);
        free(centres);
    }
    if (rc < 0)
        return rc;
    int g = renumber(labels, na);
    return g < 0 ? cs_error_set(CS_ENOMEM, "out of memory") : g;
}

static double mean_silhouette(work *w, const int *labels, int g, double *widths)
{
    double mean = NAN;
    if (g < 2 || (size_t)g > w->c->na - 1)
        return NAN;
    if (cs_silhouette_condensed(widths, &mean, w->d, w->c->na, labels, g, &w->run))
        return NAN;
    return mean;
}

static void report(const cs_classification *c, void (*fn)(void *, double), void *ctx, double f)
{
    (void)c;
    if (fn)
        fn(ctx, f);
}

static int run_partition(work *w, void (*progress)(void *, double), void *pctx)
{
    cs_classification *c = w->c;
    size_t na = c->na;
    cs_classify_algorithm a = c->opts.algorithm;
    int rc = 0;
    if (cs_classify_algorithm_is_hierarchical(a) && na >= 2) {
        w->z = malloc((na - 1) * 4 * sizeof *w->z);
        if (!w->z)
            return cs_error_set(CS_ENOMEM, "out of memory");
        cs_linkage_options lo;
        memset(&lo, 0, sizeof lo);
        lo.max_memory = w->run.max_memory;
        lo.nthreads = c->opts.n_threads;
        if ((rc = cs_linkage(w->z, w->d, na, (cs_linkage_method)a, &lo)))
            return rc;
        double r = NAN;
        if (na >= 3 && cs_cophenetic_correlation(&r, NULL, w->z, w->d, na) != 0) {
            r = NAN; /* constant distances or heights: undefined, not an error */
            cs_error_clear();
        }
        c->cophenetic = r;
    }
    if (a == CS_CLASSIFY_KMODES) {
        w->codes = malloc(na * c->p + 1);
        if (!w->codes)
            return cs_error_set(CS_ENOMEM, "out of memory");
        for (size_t i = 0; i < na * c->p; i++)
            w->codes[i] = w->x[i] == 1.0 ? 1 : 0;
    }
    int *labels = malloc((na + 1) * sizeof *labels);
    double *widths = malloc((na + 1) * sizeof *widths);
    if (!labels || !widths) {
        free(labels);
        free(widths);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    int k = c->opts.k, g = 0;
    if (k > 0) {
        if ((size_t)k > na) {
            rc = cs_error_set(CS_EUSAGE,
                              "k = %d groups is more than the %zu clusters that can be analysed", k,
                              na);
            goto done;
        }
        c->k_given = k;
        snprintf(c->k_rule, sizeof c->k_rule, russian(c) ? "задано (-k %d)" : "given (-k %d)", k);
        g = partition_k(w, labels, k, c->opts.seed);
        if (g < 0) {
            rc = g;
            goto done;
        }
        report(c, progress, pctx, 1.0);
    } else {
        int kmax = c->opts.k_max;
        if ((size_t)kmax > na - 1)
            kmax = (int)(na - 1);
        if (na < 3 || kmax < 2) {
            rc = cs_error_set(CS_EDATA,
                              "%zu clusters can be analysed: choosing the number of groups by "
                              "silhouette needs at least 3; give -k",
                              na);
            goto done;
        }
        c->k_scan_max = kmax;
        int best = 0;
        double best_s = -INFINITY;
        for (int kk = 2; kk <= kmax; kk++) {
            int gg = partition_k(w, labels, kk, c->opts.seed);
            if (gg < 0) {
                rc = gg;
                goto done;
            }
            double s = mean_silhouette(w, labels, gg, NULL);
            c->k_scan[kk] = s;
            /* ties in the tree can give fewer groups than asked: that k adds nothing new */
            if (!isnan(s) && gg == kk && s > best_s) {
                best_s = s;
                best = kk;
            }
            report(c, progress, pctx, (double)(kk - 1) / (double)(kmax - 1));
        }
        if (!best) {
            rc = cs_error_set(CS_EDATA,
                              "no k in 2..%d gives a partition with a defined silhouette "
                              "(the distances do not separate the %zu clusters); give -k",
                              kmax, na);
            goto done;
        }
        snprintf(c->k_rule, sizeof c->k_rule,
                 russian(c) ? "наибольшая средняя ширина силуэта при k = 2..%d"
                            : "best mean silhouette over k = 2..%d",
                 kmax);
        g = partition_k(w, labels, best, c->opts.seed);
        if (g < 0) {
            rc = g;
            goto done;
        }
    }
    c->k = g;
    c->silhouette = mean_silhouette(w, labels, g, widths);
    for (size_t i = 0; i < na; i++) {
        c->group[c->idx[i]] = labels[i] + 1;
        c->width[c->idx[i]] = isnan(c->silhouette) ? NAN : widths[i];
    }
done:
    free(labels);
    free(widths);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Profiles, labels, agreement                                                                 */

static int cmp_country(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int profile_countries(cs_classification *c, int g)
{
    size_t size = c->groups[g].size, nc = 0;
    const char **codes = malloc((size + 1) * sizeof *codes);
    size_t *counts = malloc((size + 1) * sizeof *counts);
    if (!codes || !counts) {
        free(codes);
        free(counts);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t a = 0; a < c->na; a++)
        if (c->group[c->idx[a]] == g + 1)
            codes[nc++] = c->countries[c->idx[a]];
    qsort(codes, nc, sizeof *codes, cmp_country);
    size_t u = 0;
    for (size_t i = 0; i < nc; i++) {
        if (u && strcmp(codes[u - 1], codes[i]) == 0) {
            counts[u - 1]++;
        } else {
            codes[u] = codes[i];
            counts[u++] = 1;
        }
    }
    /* most frequent first, ties by code (a stable insertion sort keeps code order) */
    for (size_t i = 1; i < u; i++) {
        const char *cc = codes[i];
        size_t cn = counts[i], j = i;
        while (j > 0 && counts[j - 1] < cn) {
            codes[j] = codes[j - 1];
            counts[j] = counts[j - 1];
            j--;
        }
        codes[j] = cc;
        counts[j] = cn;
    }
    c->country_codes[g] = codes;
    c->country_counts[g] = counts;
    c->groups[g].countries = codes;
    c->groups[g].country_count = counts;
    c->groups[g].n_countries = u;
    return 0;
}

static int reference_type_of(const cs_reference_set *ref, const char *key)
{
    for (size_t i = 0; i < ref->n_assignments; i++)
        if (strcmp(ref->assignments[i].cluster, key) == 0)
            return ref->assignments[i].type;
    return 0;
}

static size_t type_index(const cs_reference_set *ref, int number)
{
    for (size_t t = 0; t < ref->n_types; t++)
        if (ref->types[t].number == number)
            return t;
    return SIZE_MAX;
}

static int country_in(const char *country, const char *list)
{
    size_t n = strlen(country);
    if (n == 0)
        return 0;
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, country, n) == 0)
            return 1;
        p += len + (e ? 1 : 0);
    }
    return 0;
}

typedef struct {
    size_t members; /* members the study places in the type */
    int matches, compared;
    double gap_sum;
} type_score;

/* Share of the group meeting the trait, and how many members it is known for. */
static int trait_share(const cs_classification *c, int g, const cs_reference_trait *t,
                       double *share, size_t *known)
{
    size_t met = 0, kn = 0;
    if (t->item) {
        long item = cs_method_find_item(c->m, t->item);
        if (item < 0)
            return 0;
        for (size_t a = 0; a < c->na; a++) {
            size_t i = c->idx[a];
            if (c->group[i] != g + 1)
                continue;
            cs_result r = obj_items(c, i)[item];
            if (r != CS_RESULT_UNKNOWN) {
                kn++;
                met += r == CS_RESULT_MET;
            }
        }
    } else {
        for (size_t a = 0; a < c->na; a++) {
            size_t i = c->idx[a];
            if (c->group[i] != g + 1 || !*c->countries[i])
                continue;
            kn++;
            met += (size_t)country_in(c->countries[i], t->countries);
        }
    }
    if (!kn)
        return 0;
    *share = (double)met / (double)kn;
    *known = kn;
    return 1;
}

static void trait_label(char *buf, size_t cap, const cs_classification *c,
                        const cs_reference_trait *t)
{
    if (!t->item) {
        snprintf(buf, cap, russian(c) ? "страна" : "country");
        return;
    }
    long item = cs_method_find_item(c->m, t->item);
    if (item < 0)
        snprintf(buf, cap, "%s", t->item);
    else
        item_label(buf, cap, c->m, (size_t)item);
}

static void share_range(char *buf, size_t cap, const cs_reference_trait *t)
{
    if (t->share_min == t->share_max)
        snprintf(buf, cap, "%.0f%%", 100 * t->share_min);
    else
        snprintf(buf, cap, "%.0f-%.0f%%", 100 * t->share_min, 100 * t->share_max);
}

/*
 * The nearest reference type of group g: the type where the study places most of its members;
 * ties (and groups with no member placed) go to the type whose published shares the group
 * matches most often, then to the smallest mean gap, then to the lowest number. A share matches
 * when it lies within half a member (0.5 / members known) of the published range.
 */
static int label_group(cs_classification *c, int g)
{
    const cs_reference_set *ref = c->ref;
    cs_classify_group *grp = &c->groups[g];
    size_t nt = ref->n_types;
    type_score *sc = calloc(nt + 1, sizeof *sc);
    if (!sc)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t placed = 0;
    for (size_t t = 0; t < nt; t++) {
        sc[t].members = grp->study_count[t];
        placed += sc[t].members;
        for (size_t k = 0; k < ref->types[t].n_traits; k++) {
            double share;
            size_t known;
            if (!trait_share(c, g, &ref->types[t].traits[k], &share, &known))
                continue;
            const cs_reference_trait *tr = &ref->types[t].traits[k];
            double gap = share < tr->share_min   ? tr->share_min - share
                         : share > tr->share_max ? share - tr->share_max
                                                 : 0.0;
            sc[t].compared++;
            sc[t].gap_sum += gap;
            if (gap < 0.5 / (double)known)
                sc[t].matches++;
        }
    }
    size_t best = SIZE_MAX;
    for (size_t t = 0; t < nt; t++) {
        if (sc[t].members == 0 && sc[t].compared == 0)
            continue;
        if (best == SIZE_MAX) {
            best = t;
            continue;
        }
        const type_score *a = &sc[t], *b = &sc[best];
        double ga = a->compared ? a->gap_sum / a->compared : INFINITY;
        double gb = b->compared ? b->gap_sum / b->compared : INFINITY;
        if (a->members > b->members ||
            (a->members == b->members &&
             (a->matches > b->matches || (a->matches == b->matches && ga < gb))))
            best = t;
    }
    cs_buf r = CS_BUF_INIT;
    int rc = 0, ru = russian(c);
    if (best == SIZE_MAX) {
        grp->label = 0;
        rc = cs_buf_puts(&r, ru ? "ни один эталонный тип не близок: исследование не относит к "
                                  "типам ни одного участника группы, и ни одну опубликованную "
                                  "долю нельзя сравнить (пункты неизвестны)"
                                : "no reference type is near: the study places none of its "
                                  "members, and no published share can be compared (the items "
                                  "are unknown)");
    } else {
        const cs_reference_type *t = &ref->types[best];
        grp->label = t->number;
        if (placed) {
            rc = cs_buf_printf(&r,
                               ru ? "%zu из %zu участников, отнесённых исследованием к типам, — "
                                    "в G%d"
                                  : "%zu of %zu members the study places are in G%d",
                               sc[best].members, placed, t->number);
            int first = 1;
            for (size_t o = 0; !rc && o < nt; o++) {
                if (o == best || !sc[o].members)
                    continue;
                rc = cs_buf_printf(&r, "%sG%d %zu", first ? " (" : ", ", ref->types[o].number,
                                   sc[o].members);
                first = 0;
            }
            if (!rc && !first)
                rc = cs_buf_puts(&r, ")");
        } else {
            rc = cs_buf_puts(&r, ru ? "исследование не относит к типам ни одного участника"
                                    : "the study places none of its members");
        }
        /* which published shares of the chosen type match, and which do not */
        cs_buf yes = CS_BUF_INIT, no = CS_BUF_INIT;
        size_t n_yes = 0, n_no = 0;
        for (size_t k = 0; !rc && k < t->n_traits; k++) {
            double share;
            size_t known;
            const cs_reference_trait *tr = &t->traits[k];
            if (!trait_share(c, g, tr, &share, &known))
                continue;
            double gap = share < tr->share_min   ? tr->share_min - share
                         : share > tr->share_max ? share - tr->share_max
                                                 : 0.0;
            char label[96], range[32];
            trait_label(label, sizeof label, c, tr);
            if (gap < 0.5 / (double)known) {
                rc = cs_buf_printf(&yes, "%s%s", n_yes ? ", " : "", label);
                n_yes++;
            } else {
                share_range(range, sizeof range, tr);
                rc = cs_buf_printf(&no,
                                   ru ? "%s%s (%.0f%% из %zu известных; G%d %s)"
                                      : "%s%s (%.0f%% of %zu known; G%d %s)",
                                   n_no ? ", " : "", label, 100 * share, known, t->number, range);
                n_no++;
            }
        }
        if (!rc && n_yes)
            rc = cs_buf_printf(&r, ru ? "; доли %s совпадают с G%d" : "; shares of %s match G%d",
                               cs_buf_str(&yes), t->number);
        if (!rc && n_no)
            rc = cs_buf_printf(&r, ru ? "; не совпадают: %s" : "; not matching: %s",
                               cs_buf_str(&no));
        if (!rc && !n_yes && !n_no)
            rc = cs_buf_printf(&r,
                               ru ? "; ни одну опубликованную долю G%d нельзя сравнить (пункты "
                                    "участников неизвестны)"
                                  : "; no published share of G%d can be compared (the items are "
                                    "unknown for its members)",
                               t->number);
        if (!rc && !placed)
            rc = cs_buf_printf(&r,
                               ru ? "; ближайший по долям (совпадают %d из %d сравнённых)"
                                  : "; nearest by shares (%d of %d compared match)",
                               sc[best].matches, sc[best].compared);
        cs_buf_free(&yes);
        cs_buf_free(&no);
    }
    free(sc);
    if (rc) {
        cs_buf_free(&r);
        return rc;
    }
    c->reasons[g] = r.data ? r.data : dupstr("");
    grp->reason = c->reasons[g];
    return c->reasons[g] ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

static int build_profiles(cs_classification *c)
{
    int k = c->k;
    size_t nt = c->ref ? c->ref->n_types : 0;
    size_t per = 2 * c->n_items + 2 * c->n_ind;
    c->groups = calloc((size_t)k + 1, sizeof *c->groups);
    c->counts = calloc((size_t)k * per + 1, sizeof *c->counts);
    c->bmeans = calloc((size_t)k * 2 * c->n_blocks + 1, sizeof *c->bmeans);
    c->study = calloc((size_t)k * nt + 1, sizeof *c->study);
    c->reasons = calloc((size_t)k + 1, sizeof *c->reasons);
    c->country_codes = calloc((size_t)k + 1, sizeof *c->country_codes);
    c->country_counts = calloc((size_t)k + 1, sizeof *c->country_counts);
    if (!c->groups || !c->counts || !c->bmeans || !c->study || !c->reasons || !c->country_codes ||
        !c->country_counts)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (int g = 0; g < k; g++) {
        cs_classify_group *grp = &c->groups[g];
        size_t *base = c->counts + (size_t)g * per;
        size_t *im = base, *ik = base + c->n_items, *dm = ik + c->n_items, *dk = dm + c->n_ind;
        double *bi = c->bmeans + (size_t)g * 2 * c->n_blocks, *bp = bi + c->n_blocks;
        size_t *st = c->study + (size_t)g * nt;
        grp->number = g + 1;
        for (size_t a = 0; a < c->na; a++) {
            size_t i = c->idx[a];
            if (c->group[i] != g + 1)
                continue;
            grp->size++;
            for (size_t v = 0; v < c->n_items; v++) {
                cs_result r = c->items[i * c->n_items + v];
                ik[v] += r != CS_RESULT_UNKNOWN;
                im[v] += r == CS_RESULT_MET;
            }
            for (size_t v = 0; v < c->n_ind; v++) {
                cs_result r = c->inds[i * c->n_ind + v];
                dk[v] += r != CS_RESULT_UNKNOWN;
                dm[v] += r == CS_RESULT_MET;
            }
            for (size_t b = 0; b < c->n_blocks; b++) {
                bi[b] += c->blocks[i * c->n_blocks + b].indicators;
                bp[b] += c->blocks[i * c->n_blocks + b].points;
            }
            if (nt) {
                size_t t = type_index(c->ref, reference_type_of(c->ref, c->keys[i]));
                if (t != SIZE_MAX)
                    st[t]++;
            }
        }
        for (size_t b = 0; b < c->n_blocks && grp->size; b++) {
            bi[b] /= (double)grp->size;
            bp[b] /= (double)grp->size;
        }
        grp->item_met = im;
        grp->item_known = ik;
        grp->indicator_met = dm;
        grp->indicator_known = dk;
        grp->block_indicators = bi;
        grp->block_points = bp;
        grp->study_count = st;
        int rc = profile_countries(c, g);
        if (!rc && c->ref)
            rc = label_group(c, g);
        if (rc)
            return rc;
        if (!c->ref)
            grp->reason = "";
    }
    return 0;
}

static int compare_reference(cs_classification *c)
{
    const cs_reference_set *ref = c->ref;
    c->ari = NAN;
    if (!ref || !ref->n_types)
        return 0;
    size_t nt = ref->n_types;
    c->table = calloc((size_t)c->k * nt + 1, sizeof *c->table);
    int *la = malloc((c->na + 1) * sizeof *la), *lb = malloc((c->na + 1) * sizeof *lb);
    int rc = 0;
    if (!c->table || !la || !lb) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto done;
    }
    size_t m = 0;
    for (size_t a = 0; a < c->na; a++) {
        size_t i = c->idx[a];
        size_t t = type_index(ref, reference_type_of(ref, c->keys[i]));
        if (t == SIZE_MAX)
            continue;
        la[m] = c->group[i] - 1;
        lb[m] = (int)t;
        m++;
    }
    c->compared = m;
    if (m == 0)
        goto done;
    if ((rc = cs_contingency_table(c->table, la, c->k, lb, (int)nt, m)))
        goto done;
    if (m >= 2 && (rc = cs_adjusted_rand_index(&c->ari, la, lb, m)))
        goto done;
done:
    free(la);
    free(lb);
    return rc;
}

static void progress_none(void *ctx, double f)
{
    (void)ctx;
    (void)f;
}

int cs_classify(cs_classification **out, const cs_method *m, const cs_classify_object *objects,
                size_t n, const cs_reference_set *ref, const cs_classify_options *opts)
{
    *out = NULL;
    cs_classification *c = calloc(1, sizeof *c);
    if (!c)
        return cs_error_set(CS_ENOMEM, "out of memory");
    if (opts)
        c->opts = *opts;
    else
        cs_classify_options_init(&c->opts);
    void (*progress)(void *, double) = c->opts.progress ? c->opts.progress : progress_none;
    void *pctx = c->opts.progress_ctx;
    c->opts.progress = NULL;
    c->opts.progress_ctx = NULL;
    c->m = m;
    c->ref = ref;
    c->n = n;
    c->silhouette = NAN;
    c->cophenetic = NAN;
    c->ari = NAN;
    for (size_t k = 0; k < sizeof c->k_scan / sizeof c->k_scan[0]; k++)
        c->k_scan[k] = NAN;
    /* the method's analysis settings, unless overridden */
    c->view = c->opts.view;
    if (c->view == CS_CLASSIFY_VIEW_METHOD)
        c->view = strcmp(cs_method_analysis_view(m), "indicators") == 0
                      ? CS_CLASSIFY_VIEW_INDICATORS
                      : CS_CLASSIFY_VIEW_ITEMS;
    c->opts.view = c->view;
    int rc = 0;
    if (c->opts.unknown < 0) {
        cs_unknown_policy pol = CS_UNKNOWN_PAIRWISE;
        rc = cs_unknown_policy_parse(&pol, cs_method_unknown_policy(m));
        c->policy = pol;
    } else if (c->opts.unknown > CS_UNKNOWN_AS_ZERO) {
        rc = cs_error_set(CS_EUSAGE, "unknown policy code %d", c->opts.unknown);
    } else {
        c->policy = (cs_unknown_policy)c->opts.unknown;
    }
    c->opts.unknown = (int)c->policy;
    work w;
    memset(&w, 0, sizeof w);
    w.c = c;
    cs_run_options_init(&w.run);
    w.run.max_memory = c->opts.max_memory;
    w.run.n_threads = c->opts.n_threads;
    if (!rc && n == 0)
        rc =
            cs_error_set(CS_EDATA, "there are no clusters to classify (assess the registry first)");
    if (!rc)
        rc = prepare(c, objects);
    if (!rc)
        rc = select_objects(c);
    if (!rc && c->na < 2)
        rc = cs_error_set(
            CS_EDATA,
            "%zu of %zu clusters can be analysed (the others have no %s known%s); "
            "cluster analysis needs at least 2",
            c->na, c->n, c->view == CS_CLASSIFY_VIEW_INDICATORS ? "indicator" : "item",
            c->policy == CS_UNKNOWN_PAIRWISE ? ", or none in common with the rest" : "");
    if (!rc) {
        size_t need = memory_needed(c);
        size_t limit = c->opts.max_memory ? c->opts.max_memory : cs_default_memory_limit();
        if (need == SIZE_MAX || need > limit)
            rc = cs_error_set(CS_ENOMEM,
                              "classifying %zu clusters needs about %.1f MiB, over the memory "
                              "limit of %.1f MiB (--max-memory)",
                              c->na, need == SIZE_MAX ? INFINITY : need / 1048576.0,
                              limit / 1048576.0);
    }
    if (!rc)
        rc = compute_distances(&w);
    if (!rc)
        rc = run_partition(&w, progress, pctx);
    if (!rc)
        rc = build_profiles(c);
    if (!rc)
        rc = compare_reference(c);
    free(w.d);
    free(w.x);
    free(w.codes);
    free(w.z);
    if (rc) {
        cs_classification_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Accessors                                                                                   */

const cs_classify_options *cs_classification_options(const cs_classification *c)
{
    return &c->opts;
}

cs_unknown_policy cs_classification_unknown(const cs_classification *c)
{
    return c->policy;
}

cs_classify_view cs_classification_view(const cs_classification *c)
{
    return c->view;
}

size_t cs_classification_variable_count(const cs_classification *c)
{
    return c->p;
}

size_t cs_classification_variable(const cs_classification *c, size_t j)
{
    return j < c->p ? c->vars[j] : SIZE_MAX;
}

const char *cs_classification_variable_key(const cs_classification *c, size_t j)
{
    if (j >= c->p)
        return NULL;
    return c->view == CS_CLASSIFY_VIEW_INDICATORS ? cs_method_indicator_at(c->m, c->vars[j])->id
                                                  : cs_method_item_at(c->m, c->vars[j])->key;
}

size_t cs_classification_object_count(const cs_classification *c)
{
    return c->n;
}

size_t cs_classification_analysed(const cs_classification *c)
{
    return c->na;
}

int cs_classification_group_of(const cs_classification *c, size_t i)
{
    return i < c->n ? c->group[i] : 0;
}

const char *cs_classification_left_out(const cs_classification *c, size_t i)
{
    return i < c->n ? c->left_out[i] : NULL;
}

double cs_classification_width(const cs_classification *c, size_t i)
{
    return i < c->n ? c->width[i] : NAN;
}

int cs_classification_k(const cs_classification *c)
{
    return c->k;
}

const cs_classify_group *cs_classification_group(const cs_classification *c, int number)
{
    return number >= 1 && number <= c->k ? &c->groups[number - 1] : NULL;
}

double cs_classification_silhouette(const cs_classification *c)
{
    return c->silhouette;
}

double cs_classification_cophenetic(const cs_classification *c)
{
    return c->cophenetic;
}

const char *cs_classification_k_rule(const cs_classification *c)
{
    return c->k_rule;
}

double cs_classification_k_scan(const cs_classification *c, int k)
{
    return k >= 2 && k <= c->k_scan_max ? c->k_scan[k] : NAN;
}

size_t cs_classification_compared(const cs_classification *c)
{
    return c->compared;
}

double cs_classification_ari(const cs_classification *c)
{
    return c->ari;
}

const int64_t *cs_classification_contingency(const cs_classification *c)
{
    return c->table;
}

/* ------------------------------------------------------------------------------------------ */
/* Writers                                                                                     */

static const char *view_name(cs_classify_view v)
{
    return v == CS_CLASSIFY_VIEW_INDICATORS ? "indicators" : "items";
}

static const char *distance_words(cs_metric m)
{
    switch (m) {
    case CS_METRIC_HAMMING:
        return " (simple matching: the share of differing items)";
    case CS_METRIC_JACCARD:
        return " (differing items among those met by either)";
    case CS_METRIC_GOWER:
        return " (Gower; for binary items the same as simple matching)";
    default:
        return "";
    }
}

static const char *policy_words(cs_unknown_policy p)
{
    switch (p) {
    case CS_UNKNOWN_PAIRWISE:
        return " (each distance over the variables known for both clusters, rescaled)";
    case CS_UNKNOWN_AS_ZERO:
        return " (an unknown result is read as not met)";
    default:
        return " (unknown results are refused)";
    }
}

/* Variables not known for any analysed cluster, as labels "I3, I4". */
static int unknown_everywhere(cs_buf *out, const cs_classification *c)
{
    size_t found = 0;
    for (size_t j = 0; j < c->p; j++) {
        size_t a = 0;
        while (a < c->na && var_value(c, c->idx[a], j) == CS_RESULT_UNKNOWN)
            a++;
        if (a < c->na)
            continue;
        char label[96];
        variable_label(label, sizeof label, c, j);
        int rc = cs_buf_printf(out, "%s%s", found++ ? ", " : "", label);
        if (rc)
            return rc;
    }
    return 0;
}

static void share_cell(char *buf, size_t cap, size_t met, size_t known)
{
    if (!known)
        snprintf(buf, cap, "? (0 known)");
    else
        snprintf(buf, cap, "%.0f%% (%zu/%zu)", 100.0 * (double)met / (double)known, met, known);
}

static const cs_reference_type *type_by_number(const cs_reference_set *ref, int number)
{
    size_t t = ref ? type_index(ref, number) : SIZE_MAX;
    return t == SIZE_MAX ? NULL : &ref->types[t];
}

/* Writes `text` wrapped at 100 columns, continuation lines indented by `indent` spaces. */
static void put_wrapped(FILE *f, const char *text, size_t first, size_t indent)
{
    size_t col = first;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (col > indent && col + 1 + len > 100) {
            fprintf(f, "\n%*s", (int)indent, "");
            col = indent;
        } else if (col > indent || (col == indent && p != text && col != first)) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, len, f);
        col += len;
        p += len;
        while (*p == ' ')
            p++;
    }
}

static int write_table(FILE *f, const cs_classification *c, const cs_classify_run *run, int compare)
{
    const cs_method *m = c->m;
    const cs_classify_options *o = &c->opts;
    cs_buf b = CS_BUF_INIT;
    if (run)
        fprintf(f, "typology of assessment run %lld (%s version %s)\n", run->run_id, run->method_id,
                run->method_version);
    else
        fprintf(f, "typology (%s version %s)\n", cs_method_id(m), cs_method_version(m));
    fprintf(f, "variables:   %zu %s of %s\n", c->p, view_name(c->view), cs_method_id(m));
    fprintf(f, "unknown:     %s%s\n", cs_unknown_policy_name(c->policy), policy_words(c->policy));
    if (cs_classify_algorithm_is_hierarchical(o->algorithm))
        fprintf(f, "algorithm:   %s linkage on %s distances%s\n",
                cs_classify_algorithm_name(o->algorithm), cs_metric_name(o->distance),
                distance_words(o->distance));
    else
        fprintf(f, "algorithm:   %s on %s distances%s, seed %llu\n",
                cs_classify_algorithm_name(o->algorithm), cs_metric_name(o->distance),
                distance_words(o->distance), (unsigned long long)o->seed);
    fprintf(f, "groups:      k = %d, %s\n", c->k, c->k_rule);
    if (c->k_scan_max) {
        fprintf(f, "k scan:      mean silhouette");
        for (int k = 2; k <= c->k_scan_max; k++) {
            if (isnan(c->k_scan[k]))
                fprintf(f, "%s k=%d -", k > 2 ? "," : "", k);
            else
                fprintf(f, "%s k=%d %.4f", k > 2 ? "," : "", k, c->k_scan[k]);
        }
        fputc('\n', f);
    }
    fprintf(f, "quality:     mean silhouette ");
    if (isnan(c->silhouette))
        fprintf(f, "undefined");
    else
        fprintf(f, "%.4f", c->silhouette);
    if (cs_classify_algorithm_is_hierarchical(o->algorithm)) {
        if (isnan(c->cophenetic))
            fprintf(f, ", cophenetic correlation undefined");
        else
            fprintf(f, ", cophenetic correlation %.4f", c->cophenetic);
    }
    fputc('\n', f);
    fprintf(f, "clusters:    %zu given, %zu analysed, %zu left out%s\n", c->n, c->na, c->n - c->na,
            c->n > c->na ? " (why: at the end)" : "");
    int rc = unknown_everywhere(&b, c);
    if (rc)
        return rc;
    if (b.len)
        fprintf(f, "not known for any cluster analysed (%s): %s\n",
                c->policy == CS_UNKNOWN_AS_ZERO ? "read as not met for every one"
                                                : "they count for no pair",
                cs_buf_str(&b));
    cs_buf_free(&b);

    /* the group table, as the study's Table 2.1 */
    const int lw = 40, cw = 16;
    fprintf(f, "\n%-*s", lw, "group");
    for (int g = 0; g < c->k; g++)
        fprintf(f, "%*d", cw, g + 1);
    fputc('\n', f);
    if (c->ref) {
        fprintf(f, "%-*s", lw, "label (nearest reference type)");
        for (int g = 0; g < c->k; g++) {
            char cell[16];
            if (c->groups[g].label)
                snprintf(cell, sizeof cell, "G%d", c->groups[g].label);
            else
                snprintf(cell, sizeof cell, "none");
            fprintf(f, "%*s", cw, cell);
        }
        fputc('\n', f);
    }
    fprintf(f, "%-*s", lw, "clusters");
    for (int g = 0; g < c->k; g++)
        fprintf(f, "%*zu", cw, c->groups[g].size);
    fputc('\n', f);
    for (size_t t = 0; c->ref && t < c->ref->n_types; t++) {
        char head[64];
        snprintf(head, sizeof head, "placed by the study in G%d", c->ref->types[t].number);
        fprintf(f, "%-*s", lw, head);
        for (int g = 0; g < c->k; g++)
            fprintf(f, "%*zu", cw, c->groups[g].study_count[t]);
        fputc('\n', f);
    }
    for (size_t bl = 0; bl < c->n_blocks; bl++) {
        const cs_method_block *blk = cs_method_block_at(m, bl);
        char head[96];
        snprintf(head, sizeof head, "%s mean indicators met (of %d)", blk->code,
                 blk->max_indicators);
        fprintf(f, "%-*s", lw, head);
        for (int g = 0; g < c->k; g++)
            fprintf(f, "%*.2f", cw, c->groups[g].block_indicators[bl]);
        fputc('\n', f);
        snprintf(head, sizeof head, "%s mean item points (of %d)", blk->code, blk->max_points);
        fprintf(f, "%-*s", lw, head);
        for (int g = 0; g < c->k; g++)
            fprintf(f, "%*.2f", cw, c->groups[g].block_points[bl]);
        fputc('\n', f);
    }
    fprintf(f, "share of clusters meeting (met/known):\n");
    for (size_t v = 0; v < c->n_ind; v++) {
        const cs_method_indicator *ind = cs_method_indicator_at(m, v);
        if (!ind->scored)
            continue;
        char head[128], cell[32];
        snprintf(head, sizeof head, "%-5s %.33s", ind->code, ind->id);
        fprintf(f, "%-*s", lw, head);
        for (int g = 0; g < c->k; g++) {
            share_cell(cell, sizeof cell, c->groups[g].indicator_met[v],
                       c->groups[g].indicator_known[v]);
            fprintf(f, "%*s", cw, cell);
        }
        fputc('\n', f);
        if (ind->n_items < 2 && !ind->composite)
            continue;
        for (size_t it = ind->first_item; it < ind->first_item + ind->n_items; it++) {
            snprintf(head, sizeof head, "  %.36s", cs_method_item_at(m, it)->id);
            fprintf(f, "%-*s", lw, head);
            for (int g = 0; g < c->k; g++) {
                share_cell(cell, sizeof cell, c->groups[g].item_met[it],
                           c->groups[g].item_known[it]);
                fprintf(f, "%*s", cw, cell);
            }
            fputc('\n', f);
        }
    }
    fprintf(f, "\ncountries:\n");
    for (int g = 0; g < c->k; g++) {
        cs_buf cl = CS_BUF_INIT;
        for (size_t i = 0; !rc && i < c->groups[g].n_countries; i++)
            rc = cs_buf_printf(&cl, "%s%s %zu", i ? ", " : "",
                               *c->groups[g].countries[i] ? c->groups[g].countries[i] : "?",
                               c->groups[g].country_count[i]);
        if (rc)
            return rc;
        fprintf(f, "  group %d: ", g + 1);
        put_wrapped(f, cs_buf_str(&cl), 11, 11);
        fputc('\n', f);
        cs_buf_free(&cl);
    }
    if (c->ref) {
        fprintf(f, "\nlabels (nearest reference type of %s, and why):\n", c->ref->key);
        for (int g = 0; g < c->k; g++) {
            const cs_reference_type *t = type_by_number(c->ref, c->groups[g].label);
            char head[256];
            if (t)
                snprintf(head, sizeof head, "group %d: G%d %s:", g + 1, t->number, t->name_en);
            else
                snprintf(head, sizeof head, "group %d: none:", g + 1);
            fprintf(f, "  %s", head);
            put_wrapped(f, c->groups[g].reason, 2 + strlen(head), 4);
            fputc('\n', f);
        }
    }
    fprintf(f, "\nmembers:\n");
    for (int g = 0; g < c->k; g++) {
        cs_buf ml = CS_BUF_INIT;
        size_t cnt = 0;
        for (size_t a = 0; !rc && a < c->na; a++)
            if (c->group[c->idx[a]] == g + 1)
                rc = cs_buf_printf(&ml, "%s%s", cnt++ ? ", " : "", c->keys[c->idx[a]]);
        if (rc)
            return rc;
        char head[48];
        snprintf(head, sizeof head, "  group %d (%zu):", g + 1, cnt);
        fputs(head, f);
        put_wrapped(f, cs_buf_str(&ml), strlen(head) + 1, 4);
        fputc('\n', f);
        cs_buf_free(&ml);
    }
    if (c->n > c->na) {
        fprintf(f, "\nleft out (%zu):\n", c->n - c->na);
        for (size_t i = 0; i < c->n; i++)
            if (c->left_out[i]) {
                fprintf(f, "  %s:", c->keys[i]);
                put_wrapped(f, c->left_out[i], 3 + strlen(c->keys[i]) + 1, 4);
                fputc('\n', f);
            }
    }
    if (compare) {
        const cs_reference_set *ref = c->ref;
        fprintf(f, "\nagreement with the study's groups");
        if (!ref) {
            fprintf(f, ": no reference types in the registry\n");
            return 0;
        }
        size_t placed = 0;
        for (size_t i = 0; i < ref->n_assignments; i++)
            placed += ref->assignments[i].type != 0;
        fprintf(f, " (reference set %s):\n", ref->key);
        fprintf(f,
                "  compared: %zu clusters analysed here that the study places in a group\n"
                "            (the study places %zu of the registry's clusters)\n",
                c->compared, placed);
        if (isnan(c->ari))
            fprintf(f, "  adjusted Rand index: undefined (fewer than 2 clusters compared)\n");
        else
            fprintf(f, "  adjusted Rand index: %.4f\n", c->ari);
        if (c->compared) {
            fprintf(f, "  contingency table (rows: groups found; columns: the study's groups):\n");
            fprintf(f, "  %-18s", "");
            for (size_t t = 0; t < ref->n_types; t++)
                fprintf(f, "%6s%d", "G", ref->types[t].number);
            fprintf(f, "%8s\n", "total");
            for (int g = 0; g < c->k; g++) {
                char head[48];
                snprintf(head, sizeof head, "group %d", g + 1);
                if (c->groups[g].label)
                    snprintf(head + strlen(head), sizeof head - strlen(head), " (G%d)",
                             c->groups[g].label);
                fprintf(f, "  %-18s", head);
                int64_t tot = 0;
                for (size_t t = 0; t < ref->n_types; t++) {
                    fprintf(f, "%7lld", (long long)c->table[(size_t)g * ref->n_types + t]);
                    tot += c->table[(size_t)g * ref->n_types + t];
                }
                fprintf(f, "%8lld\n", (long long)tot);
            }
        }
        cs_buf lo = CS_BUF_INIT;
        size_t n_lo = 0;
        for (size_t i = 0; !rc && i < c->n; i++) {
            int t = reference_type_of(ref, c->keys[i]);
            if (t && !c->group[i])
                rc = cs_buf_printf(&lo, "%s%s G%d", n_lo++ ? ", " : "", c->keys[i], t);
        }
        if (rc)
            return rc;
        if (n_lo) {
            char head[80];
            snprintf(head, sizeof head, "  placed by the study but left out here (%zu):", n_lo);
            fputs(head, f);
            put_wrapped(f, cs_buf_str(&lo), strlen(head) + 1, 4);
            fputc('\n', f);
        }
        cs_buf_free(&lo);
        fprintf(f, "  published group sizes:");
        for (size_t t = 0; t < ref->n_types; t++)
            fprintf(f, "%s G%d %d", t ? "," : "", ref->types[t].number,
                    ref->types[t].size_published);
        if (ref->published_sum >= 0 && ref->sample_size >= 0)
            fprintf(f, " (sum %d for a sample of %d)", ref->published_sum, ref->sample_size);
        fputc('\n', f);
        if (ref->size_note && *ref->size_note) {
            fprintf(f, "  note:");
            put_wrapped(f, ref->size_note, 8, 4);
            fputc('\n', f);
        }
    }
    return 0;
}

static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static int write_csv(FILE *f, const cs_classification *c, int compare)
{
    fprintf(f, "cluster,country,group,label,silhouette,left_out%s\n",
            compare ? ",study_group" : "");
    for (size_t i = 0; i < c->n; i++) {
        csv_field(f, c->keys[i]);
        fputc(',', f);
        csv_field(f, c->countries[i]);
        fputc(',', f);
        if (c->group[i]) {
            fprintf(f, "%d,", c->group[i]);
            int label = c->groups[c->group[i] - 1].label;
            if (label)
                fprintf(f, "G%d", label);
        } else {
            fputc(',', f);
        }
        fputc(',', f);
        if (!isnan(c->width[i]))
            fprintf(f, "%.6f", c->width[i]);
        fputc(',', f);
        if (c->left_out[i])
            csv_field(f, c->left_out[i]);
        if (compare) {
            fputc(',', f);
            int t = c->ref ? reference_type_of(c->ref, c->keys[i]) : 0;
            if (t)
                fprintf(f, "G%d", t);
        }
        fputc('\n', f);
    }
    return 0;
}

static json_t *jnum(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *parameters_json(const cs_classification *c)
{
    const cs_classify_options *o = &c->opts;
    json_t *p = json_object();
    json_object_set_new(p, "view", json_string(view_name(c->view)));
    json_t *vars = json_array();
    for (size_t j = 0; j < c->p; j++)
        json_array_append_new(vars, json_string(cs_classification_variable_key(c, j)));
    json_object_set_new(p, "variables", vars);
    json_object_set_new(p, "unknown", json_string(cs_unknown_policy_name(c->policy)));
    json_object_set_new(p, "distance", json_string(cs_metric_name(o->distance)));
    json_object_set_new(p, "algorithm", json_string(cs_classify_algorithm_name(o->algorithm)));
    json_object_set_new(p, "k", json_integer(c->k));
    json_object_set_new(p, "k_given", c->k_given ? json_integer(c->k_given) : json_null());
    json_object_set_new(p, "k_rule", json_string(c->k_rule));
    json_object_set_new(p, "seed", json_integer((json_int_t)o->seed));
    json_object_set_new(p, "software_version", json_string(CS_VERSION_STRING));
    return p;
}

static char *k_scan_json(const cs_classification *c)
{
    if (!c->k_scan_max)
        return NULL;
    json_t *scan = json_object();
    for (int k = 2; k <= c->k_scan_max; k++) {
        char key[16];
        snprintf(key, sizeof key, "%d", k);
        json_object_set_new(scan, key, jnum(c->k_scan[k]));
    }
    char *s = json_dumps(scan, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(scan);
    return s;
}

static json_t *profile_json(const cs_classification *c, int g)
{
    const cs_classify_group *grp = &c->groups[g];
    json_t *p = json_object();
    json_object_set_new(p, "size", json_integer((json_int_t)grp->size));
    json_t *countries = json_object();
    for (size_t i = 0; i < grp->n_countries; i++)
        json_object_set_new(countries, *grp->countries[i] ? grp->countries[i] : "?",
                            json_integer((json_int_t)grp->country_count[i]));
    json_object_set_new(p, "countries", countries);
    json_t *blocks = json_object();
    for (size_t b = 0; b < c->n_blocks; b++) {
        json_t *e = json_object();
        json_object_set_new(e, "indicators_met_mean", json_real(grp->block_indicators[b]));
        json_object_set_new(e, "item_points_mean", json_real(grp->block_points[b]));
        json_object_set_new(blocks, cs_method_block_at(c->m, b)->code, e);
    }
    json_object_set_new(p, "blocks", blocks);
    json_t *inds = json_object();
    for (size_t v = 0; v < c->n_ind; v++) {
        const cs_method_indicator *ind = cs_method_indicator_at(c->m, v);
        if (!ind->scored)
            continue;
        json_t *e = json_object();
        json_object_set_new(e, "met", json_integer((json_int_t)grp->indicator_met[v]));
        json_object_set_new(e, "known", json_integer((json_int_t)grp->indicator_known[v]));
        json_object_set_new(inds, ind->id, e);
    }
    json_object_set_new(p, "indicators", inds);
    json_t *items = json_object();
    for (size_t v = 0; v < c->n_items; v++) {
        const cs_method_item *it = cs_method_item_at(c->m, v);
        if (!cs_method_indicator_at(c->m, it->indicator)->scored)
            continue;
        json_t *e = json_object();
        json_object_set_new(e, "met", json_integer((json_int_t)grp->item_met[v]));
        json_object_set_new(e, "known", json_integer((json_int_t)grp->item_known[v]));
        json_object_set_new(items, it->key, e);
    }
    json_object_set_new(p, "items", items);
    if (c->ref) {
        json_t *st = json_object();
        for (size_t t = 0; t < c->ref->n_types; t++) {
            char key[16];
            snprintf(key, sizeof key, "G%d", c->ref->types[t].number);
            json_object_set_new(st, key, json_integer((json_int_t)grp->study_count[t]));
        }
        json_object_set_new(p, "placed_by_study", st);
    }
    return p;
}

static json_t *compare_json(const cs_classification *c)
{
    const cs_reference_set *ref = c->ref;
    json_t *cmp = json_object();
    if (!ref)
        return cmp;
    json_object_set_new(cmp, "reference_set", json_string(ref->key));
    json_object_set_new(cmp, "compared", json_integer((json_int_t)c->compared));
    json_object_set_new(cmp, "adjusted_rand_index", jnum(c->ari));
    json_t *cols = json_array();
    for (size_t t = 0; t < ref->n_types; t++) {
        char key[16];
        snprintf(key, sizeof key, "G%d", ref->types[t].number);
        json_array_append_new(cols, json_string(key));
    }
    json_object_set_new(cmp, "columns", cols);
    json_t *rows = json_array();
    for (int g = 0; c->table && g < c->k; g++) {
        json_t *row = json_array();
        for (size_t t = 0; t < ref->n_types; t++)
            json_array_append_new(row, json_integer(c->table[(size_t)g * ref->n_types + t]));
        json_array_append_new(rows, row);
    }
    json_object_set_new(cmp, "contingency", rows);
    json_t *sizes = json_object();
    for (size_t t = 0; t < ref->n_types; t++) {
        char key[16];
        snprintf(key, sizeof key, "G%d", ref->types[t].number);
        json_object_set_new(sizes, key,
                            ref->types[t].size_published >= 0
                                ? json_integer(ref->types[t].size_published)
                                : json_null());
    }
    json_object_set_new(cmp, "published_sizes", sizes);
    json_object_set_new(cmp, "published_sum",
                        ref->published_sum >= 0 ? json_integer(ref->published_sum) : json_null());
    json_object_set_new(cmp, "sample_size",
                        ref->sample_size >= 0 ? json_integer(ref->sample_size) : json_null());
    json_object_set_new(cmp, "size_note",
                        ref->size_note ? json_string(ref->size_note) : json_null());
    return cmp;
}

static int write_json(FILE *f, const cs_classification *c, const cs_classify_run *run, int compare)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string("clusterscope-partition"));
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "assessment_run", run ? json_integer(run->run_id) : json_null());
    json_object_set_new(root, "method", json_string(cs_method_id(c->m)));
    json_object_set_new(root, "method_version", json_string(cs_method_version(c->m)));
    json_object_set_new(root, "parameters", parameters_json(c));
    json_t *scan = json_object();
    for (int k = 2; k <= c->k_scan_max; k++) {
        char key[16];
        snprintf(key, sizeof key, "%d", k);
        json_object_set_new(scan, key, jnum(c->k_scan[k]));
    }
    json_object_set_new(root, "k_scan", scan);
    json_object_set_new(root, "silhouette", jnum(c->silhouette));
    json_object_set_new(root, "cophenetic_correlation", jnum(c->cophenetic));
    json_object_set_new(root, "clusters", json_integer((json_int_t)c->n));
    json_object_set_new(root, "analysed", json_integer((json_int_t)c->na));
    json_t *groups = json_array();
    for (int g = 0; g < c->k; g++) {
        json_t *e = json_object();
        json_object_set_new(e, "group", json_integer(g + 1));
        json_object_set_new(
            e, "label", c->groups[g].label ? json_sprintf("G%d", c->groups[g].label) : json_null());
        json_object_set_new(e, "reason", c->ref ? json_string(c->groups[g].reason) : json_null());
        json_object_set_new(e, "profile", profile_json(c, g));
        json_t *mem = json_array();
        for (size_t a = 0; a < c->na; a++)
            if (c->group[c->idx[a]] == g + 1)
                json_array_append_new(mem, json_string(c->keys[c->idx[a]]));
        json_object_set_new(e, "members", mem);
        json_array_append_new(groups, e);
    }
    json_object_set_new(root, "groups", groups);
    json_t *members = json_array();
    for (size_t i = 0; i < c->n; i++) {
        json_t *e = json_object();
        json_object_set_new(e, "cluster", json_string(c->keys[i]));
        json_object_set_new(e, "country", json_string(c->countries[i]));
        json_object_set_new(e, "group", c->group[i] ? json_integer(c->group[i]) : json_null());
        json_object_set_new(e, "silhouette", jnum(c->width[i]));
        json_object_set_new(e, "left_out",
                            c->left_out[i] ? json_string(c->left_out[i]) : json_null());
        if (compare && c->ref) {
            int t = reference_type_of(c->ref, c->keys[i]);
            json_object_set_new(e, "study_group", t ? json_sprintf("G%d", t) : json_null());
        }
        json_array_append_new(members, e);
    }
    json_object_set_new(root, "members", members);
    if (compare)
        json_object_set_new(root, "compare", compare_json(c));
    int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF
                 ? 0
                 : cs_error_set(CS_EIO, "writing JSON failed");
    json_decref(root);
    return rc;
}

int cs_classification_write(FILE *f, const cs_classification *c, const cs_classify_run *run,
                            cs_format fmt, int compare)
{
    int rc;
    switch (fmt) {
    case CS_FORMAT_TABLE:
        rc = write_table(f, c, run, compare);
        break;
    case CS_FORMAT_CSV:
        rc = write_csv(f, c, compare);
        break;
    case CS_FORMAT_JSON:
        rc = write_json(f, c, run, compare);
        break;
    default:
        return cs_error_set(CS_EUSAGE, "unknown output format %d", (int)fmt);
    }
    if (!rc && ferror(f))
        rc = cs_error_set(CS_EIO, "writing the partition failed");
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Storage                                                                                     */

static void bind_double(sqlite3_stmt *st, int col, double v)
{
    if (isnan(v))
        sqlite3_bind_null(st, col);
    else
        sqlite3_bind_double(st, col, v);
}

int cs_classify_save(long long *id, cs_store *store, const cs_classification *c,
                     const cs_classify_run *run)
{
    if (!run)
        return cs_error_set(CS_EUSAGE, "a partition is stored with the assessment run it read");
    if (c->opts.seed > (uint64_t)INT64_MAX)
        return cs_error_set(CS_EUSAGE, "seed %llu is too large to store (at most 2^63 - 1)",
                            (unsigned long long)c->opts.seed);
    sqlite3 *db = cs_store_db(store);
    cs_buf vars = CS_BUF_INIT;
    int rc = 0;
    for (size_t j = 0; !rc && j < c->p; j++)
        rc = cs_buf_printf(&vars, "%s%s", j ? "," : "", cs_classification_variable_key(c, j));
    char *scan = k_scan_json(c);
    char created[32];
    time_t now = time(NULL);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    sqlite3_stmt *part = NULL, *grp = NULL, *mem = NULL;
    if (!rc)
        rc = cs_store_begin(store);
    if (!rc &&
        (sqlite3_prepare_v2(db,
                            "INSERT INTO typology_partition (created, software_version, "
                            "assessment_run, method_id, method_version, view, variables, "
                            "unknown_policy, distance, algorithm, k, k_given, k_rule, k_scan, "
                            "seed, silhouette, cophenetic, objects, reference_set, ari, compared) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                            "?15, ?16, ?17, ?18, ?19, ?20, ?21)",
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
    if (!rc) {
        const cs_classify_options *o = &c->opts;
        sqlite3_bind_text(part, 1, created, -1, SQLITE_STATIC);
        sqlite3_bind_text(part, 2, CS_VERSION_STRING, -1, SQLITE_STATIC);
        sqlite3_bind_int64(part, 3, run->run_id);
        sqlite3_bind_text(part, 4, cs_method_id(c->m), -1, SQLITE_STATIC);
        sqlite3_bind_text(part, 5, cs_method_version(c->m), -1, SQLITE_STATIC);
        sqlite3_bind_text(part, 6, view_name(c->view), -1, SQLITE_STATIC);
        sqlite3_bind_text(part, 7, cs_buf_str(&vars), -1, SQLITE_STATIC);
        sqlite3_bind_text(part, 8, cs_unknown_policy_name(c->policy), -1, SQLITE_STATIC);
        sqlite3_bind_text(part, 9, cs_metric_name(o->distance), -1, SQLITE_STATIC);
        sqlite3_bind_text(part, 10, cs_classify_algorithm_name(o->algorithm), -1, SQLITE_STATIC);
        sqlite3_bind_int(part, 11, c->k);
        if (c->k_given)
            sqlite3_bind_int(part, 12, c->k_given);
        else
            sqlite3_bind_null(part, 12);
        sqlite3_bind_text(part, 13, c->k_rule, -1, SQLITE_STATIC);
        if (scan)
            sqlite3_bind_text(part, 14, scan, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(part, 14);
        sqlite3_bind_int64(part, 15, (sqlite3_int64)o->seed);
        bind_double(part, 16, c->silhouette);
        bind_double(part, 17, c->cophenetic);
        sqlite3_bind_int64(part, 18, (sqlite3_int64)c->na);
        if (c->ref) {
            sqlite3_bind_text(part, 19, c->ref->key, -1, SQLITE_STATIC);
            bind_double(part, 20, c->ari);
            sqlite3_bind_int64(part, 21, (sqlite3_int64)c->compared);
        } else {
            sqlite3_bind_null(part, 19);
            sqlite3_bind_null(part, 20);
            sqlite3_bind_null(part, 21);
        }
        if (sqlite3_step(part) != SQLITE_DONE)
            rc = cs_store_fail(store, "storing a partition");
    }
    long long pid = sqlite3_last_insert_rowid(db);
    for (int g = 0; !rc && g < c->k; g++) {
        json_t *prof = profile_json(c, g);
        char *text = prof ? json_dumps(prof, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        json_decref(prof);
        if (!text) {
            rc = cs_error_set(CS_ENOMEM, "out of memory");
            break;
        }
        sqlite3_bind_int64(grp, 1, pid);
        sqlite3_bind_int(grp, 2, g + 1);
        sqlite3_bind_int64(grp, 3, (sqlite3_int64)c->groups[g].size);
        if (c->groups[g].label)
            sqlite3_bind_int(grp, 4, c->groups[g].label);
        else
            sqlite3_bind_null(grp, 4);
        sqlite3_bind_text(grp, 5,
                          c->ref ? c->groups[g].reason
                                 : "no reference types in the registry: not labelled",
                          -1, SQLITE_STATIC);
        sqlite3_bind_text(grp, 6, text, -1, SQLITE_STATIC);
        if (sqlite3_step(grp) != SQLITE_DONE)
            rc = cs_store_fail(store, "storing a group");
        sqlite3_reset(grp);
        free(text);
    }
    for (size_t i = 0; !rc && i < c->n; i++) {
        sqlite3_bind_int64(mem, 1, pid);
        sqlite3_bind_text(mem, 2, c->keys[i], -1, SQLITE_STATIC);
        if (c->group[i])
            sqlite3_bind_int(mem, 3, c->group[i]);
        else
            sqlite3_bind_null(mem, 3);
        bind_double(mem, 4, c->width[i]);
        if (c->left_out[i])
            sqlite3_bind_text(mem, 5, c->left_out[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(mem, 5);
        if (sqlite3_step(mem) != SQLITE_DONE)
            rc = cs_store_fail(store, "storing the members of a partition");
        sqlite3_reset(mem);
    }
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

int cs_classify_stored_options(cs_classify_options *opts, long long *run_id, char *method_id,
                               size_t cap, cs_store *store, long long id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT assessment_run, method_id, view, unknown_policy, distance, "
                           "algorithm, k, k_given, seed FROM typology_partition WHERE id = ?1",
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
        opts->view = strcmp((const char *)sqlite3_column_text(st, 2), "indicators") == 0
                         ? CS_CLASSIFY_VIEW_INDICATORS
                         : CS_CLASSIFY_VIEW_ITEMS;
        cs_unknown_policy pol = CS_UNKNOWN_PAIRWISE;
        rc = cs_unknown_policy_parse(&pol, (const char *)sqlite3_column_text(st, 3));
        opts->unknown = (int)pol;
        if (!rc)
            rc = cs_metric_parse(&opts->distance, (const char *)sqlite3_column_text(st, 4));
        if (!rc)
            rc = cs_classify_algorithm_parse(&opts->algorithm,
                                             (const char *)sqlite3_column_text(st, 5));
        /* k as given when it was (a tree cut with ties may have found fewer), else as found */
        opts->k = sqlite3_column_type(st, 7) == SQLITE_NULL ? sqlite3_column_int(st, 6)
                                                            : sqlite3_column_int(st, 7);
        opts->seed = (uint64_t)sqlite3_column_int64(st, 8);
        if (rc)
            cs_error_wrap("stored partition %lld", id);
    }
    sqlite3_finalize(st);
    return rc;
}

int cs_classify_stored_compare(size_t *differences, cs_store *store, long long id,
                               const cs_classification *c, const cs_classify_run *run)
{
    (void)run;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT cluster_key, group_number FROM typology_member WHERE "
                           "partition_id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading stored partitions");
    sqlite3_bind_int64(st, 1, id);
    size_t diff = 0, seen = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        int g = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 1);
        size_t i = 0;
        while (i < c->n && strcmp(c->keys[i], key) != 0)
            i++;
        if (i == c->n) {
            diff++;
            continue;
        }
        seen++;
        diff += c->group[i] != g;
    }
    sqlite3_finalize(st);
    *differences = diff + (c->n - seen);
    return 0;
}
