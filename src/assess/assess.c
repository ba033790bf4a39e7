/*
 * assess.c: running an assessment (facts -> item results -> indicators) and reading results.
 *
 * Results are stored as one byte per (cluster, item) and per (cluster, indicator), with the
 * fact each item read; block scores and totals are summed on demand from those bytes. Country
 * and region items are evaluated once per distinct country or region, since every cluster of
 * a country shares them. Clusters are independent, so the loop over them runs in parallel;
 * the fact set is only read.
 */
#include "clusterscope/assess.h"

#include "clusterscope/error.h"
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX

struct cs_assessment {
    const cs_method *m;
    const cs_factset *facts;
    int year;
    size_t n, n_items, n_inds;
    cs_assess_subject *subjects;
    cs_source_info *sources; /* sorted by key */
    size_t n_sources;
    char *strings;        /* copies of the subjects' and sources' strings */
    cs_result *items;     /* n * n_items */
    const cs_fact **used; /* n * n_items */
    cs_result *inds;      /* n * n_inds */
    size_t *index;        /* hash of subject keys: cluster index + 1, 0 = empty */
    size_t index_cap;
    cs_scope_exclusion *out; /* clusters out of the method's scope */
    size_t n_out;
    uint32_t *scope_unknown; /* per scored cluster (NULL: no scope) */
    char **scope_note;       /* per scored cluster, NULL when none (NULL: no scope) */
};

/* ---------------------------------------------------------------- string hashing */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

static size_t table_cap(size_t n)
{
    size_t cap = 16;
    while (cap < n * 2 + 1)
        cap *= 2;
    return cap;
}

/* A set of distinct strings (borrowed), numbering them in order of first appearance. */
typedef struct {
    const char **keys;
    size_t *ids;
    size_t cap, count;
} strset;

static int strset_init(strset *s, size_t expected)
{
    s->cap = table_cap(expected);
    s->count = 0;
    s->keys = calloc(s->cap, sizeof *s->keys);
    s->ids = calloc(s->cap, sizeof *s->ids);
    return s->keys && s->ids ? 0 : CS_ENOMEM;
}

static void strset_free(strset *s)
{
    free(s->keys);
    free(s->ids);
}

/* The id of `key`, adding it when new. The set never fills: cap > 2 * expected. */
static size_t strset_id(strset *s, const char *key)
{
    size_t mask = s->cap - 1;
    size_t i = (size_t)hash_str(key) & mask;
    while (s->keys[i]) {
        if (strcmp(s->keys[i], key) == 0)
            return s->ids[i];
        i = (i + 1) & mask;
    }
    s->keys[i] = key;
    s->ids[i] = s->count++;
    return s->ids[i];
}

/* ---------------------------------------------------------------- running */

static size_t str_size(const char *s)
{
    return s ? strlen(s) + 1 : 1;
}

static const char *copy_str(char **pool, const char *s)
{
    char *p = *pool;
    size_t n = str_size(s);
    if (s)
        memcpy(p, s, n);
    else
        p[0] = '\0';
    *pool += n;
    return p;
}

static int compare_sources(const void *x, const void *y)
{
    const cs_source_info *a = x, *b = y;
    return strcmp(a->key, b->key);
}

void cs_assessment_free(cs_assessment *a)
{
    if (!a)
        return;
    free(a->subjects);
    free(a->sources);
    free(a->strings);
    free(a->items);
    free(a->used);
    free(a->inds);
    free(a->index);
    for (size_t i = 0; i < a->n_out; i++) {
        free((char *)a->out[i].found);
        free((char *)a->out[i].reason);
    }
    free(a->out);
    if (a->scope_note)
        for (size_t c = 0; c < a->n; c++)
            free(a->scope_note[c]);
    free(a->scope_note);
    free(a->scope_unknown);
    free(a);
}

static int copy_inputs(cs_assessment *a, const cs_assess_subject *subjects, size_t n,
                       const cs_assess_options *opts)
{
    size_t n_sources = opts && opts->sources ? opts->n_sources : 0;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += str_size(subjects[i].key) + str_size(subjects[i].name) +
                 str_size(subjects[i].country) + str_size(subjects[i].region) +
                 str_size(subjects[i].kind);
    for (size_t i = 0; i < n_sources; i++) {
        const cs_source_info *s = &opts->sources[i];
        total += str_size(s->key) + str_size(s->title) + str_size(s->document) +
                 str_size(s->locator) + str_size(s->url) + str_size(s->date) +
                 str_size(s->publisher);
    }
    a->strings = malloc(total ? total : 1);
    a->subjects = calloc(n ? n : 1, sizeof *a->subjects);
    a->sources = calloc(n_sources ? n_sources : 1, sizeof *a->sources);
    if (!a->strings || !a->subjects || !a->sources)
        return cs_error_set(CS_ENOMEM, "out of memory copying %zu clusters", n);
    char *pool = a->strings;
    for (size_t i = 0; i < n; i++) {
        a->subjects[i].key = copy_str(&pool, subjects[i].key);
        a->subjects[i].name = copy_str(&pool, subjects[i].name);
        a->subjects[i].country = copy_str(&pool, subjects[i].country);
        a->subjects[i].region = copy_str(&pool, subjects[i].region);
        a->subjects[i].kind = copy_str(&pool, subjects[i].kind);
    }
    for (size_t i = 0; i < n_sources; i++) {
        const cs_source_info *s = &opts->sources[i];
        cs_source_info *d = &a->sources[i];
        d->key = copy_str(&pool, s->key);
        d->title = copy_str(&pool, s->title);
        d->document = copy_str(&pool, s->document);
        d->locator = copy_str(&pool, s->locator);
        d->url = copy_str(&pool, s->url);
        d->date = copy_str(&pool, s->date);
        d->publisher = copy_str(&pool, s->publisher);
    }
    a->n_sources = n_sources;
    qsort(a->sources, n_sources, sizeof *a->sources, compare_sources);
    return 0;
}

static int build_index(cs_assessment *a)
{
    a->index_cap = table_cap(a->n);
    a->index = calloc(a->index_cap, sizeof *a->index);
    if (!a->index)
        return cs_error_set(CS_ENOMEM, "out of memory indexing clusters");
    size_t mask = a->index_cap - 1;
    for (size_t c = 0; c < a->n; c++) {
        const char *key = a->subjects[c].key;
        if (!*key)
            return cs_error_set(CS_EUSAGE, "cluster %zu of %zu has no key", c + 1, a->n);
        size_t i = (size_t)hash_str(key) & mask;
        while (a->index[i]) {
            if (strcmp(a->subjects[a->index[i] - 1].key, key) == 0)
                return cs_error_set(CS_EUSAGE, "cluster \"%s\" is given twice", key);
            i = (i + 1) & mask;
        }
        a->index[i] = c + 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- scope */

/* One scope rule on subject c: its result, the value it read as text (found[0] = 0: none), and
 * a fact rule's fact. */
static cs_result scope_eval(const cs_assessment *a, const cs_scope_rule *r, size_t c, char *found,
                            size_t cap, const cs_fact **fact)
{
    const cs_assess_subject *s = &a->subjects[c];
    found[0] = '\0';
    *fact = NULL;
    if (!r->is_fact) {
        const char *v = r->field == CS_CLUSTER_FIELD_KIND ? s->kind : s->country;
        snprintf(found, cap, "%s", v);
        return cs_scope_field_eval(r, v);
    }
    const char *subject = r->rule.subject_kind == CS_SUBJECT_COUNTRY  ? s->country
                          : r->rule.subject_kind == CS_SUBJECT_REGION ? s->region
                                                                      : s->key;
    const cs_fact *f =
        *subject ? cs_factset_get(a->facts, r->rule.subject_kind, subject, r->rule.fact, a->year)
                 : NULL;
    *fact = f;
    if (!f)
        return CS_RESULT_UNKNOWN;
    if (f->value.kind == CS_VALUE_UNKNOWN)
        snprintf(found, cap, "unknown");
    else if (f->raw && *f->raw)
        snprintf(found, cap, "%s", f->raw);
    else
        cs_value_format(found, cap, &f->value);
    return cs_rule_eval(&r->rule, &f->value);
}

static char *reason_text(const cs_scope_rule *r, cs_result result, const char *found, cs_lang lang)
{
    char text[1024];
    cs_scope_reason(text, sizeof text, r, result, *found ? found : NULL, lang);
    return strdup(text);
}

/*
 * Decides the scope of every subject, lists those out of it with their reasons and keeps only
 * the others (in the order given), with the rules they were kept in on while unknown. The
 * strings of a->subjects stay where copy_inputs put them, so the list points into them too.
 */
static int apply_scope(cs_assessment *a, cs_lang lang)
{
    const cs_method *m = a->m;
    size_t n_rules = cs_method_scope_count(m), n = a->n;
    if (n_rules == 0)
        return 0;
    a->out = calloc(n ? n : 1, sizeof *a->out);
    a->scope_unknown = calloc(n ? n : 1, sizeof *a->scope_unknown);
    a->scope_note = calloc(n ? n : 1, sizeof *a->scope_note);
    if (!a->out || !a->scope_unknown || !a->scope_note)
        return cs_error_set(CS_ENOMEM, "out of memory deciding the method's scope");
    size_t kept = 0;
    char found[512];
    cs_buf note = CS_BUF_INIT;
    int rc = 0;
    for (size_t c = 0; c < n && !rc; c++) {
        uint32_t unknown = 0;
        int out = 0;
        cs_buf_reset(&note);
        for (size_t i = 0; i < n_rules && !out && !rc; i++) {
            const cs_scope_rule *r = cs_method_scope_at(m, i);
            const cs_fact *fact;
            cs_result v = scope_eval(a, r, c, found, sizeof found, &fact);
            if (v == CS_RESULT_MET)
                continue;
            if (v == CS_RESULT_UNKNOWN && r->unknown_in) {
                unknown |= (uint32_t)1 << i;
                char *why = reason_text(r, v, found, lang);
                if (!why || cs_buf_printf(&note, "%s%s", note.len ? "; " : "", why))
                    rc = cs_error_set(CS_ENOMEM, "out of memory deciding the method's scope");
                free(why);
                continue;
            }
            const cs_assess_subject *s = &a->subjects[c];
            cs_scope_exclusion *e = &a->out[a->n_out++];
            *e = (cs_scope_exclusion){ s->key, s->name, s->country, s->region, s->kind,
                                       i,      v,       NULL,       fact,      NULL };
            e->found = *found ? strdup(found) : NULL;
            e->reason = reason_text(r, v, found, lang);
            if ((*found && !e->found) || !e->reason)
                rc = cs_error_set(CS_ENOMEM, "out of memory deciding the method's scope");
            out = 1;
        }
        if (out || rc)
            continue;
        a->subjects[kept] = a->subjects[c];
        a->scope_unknown[kept] = unknown;
        if (unknown && !(a->scope_note[kept] = strdup(cs_buf_str(&note))))
            rc = cs_error_set(CS_ENOMEM, "out of memory deciding the method's scope");
        kept++;
    }
    cs_buf_free(&note);
    a->n = kept;
    free(a->index);
    a->index = NULL;
    return rc ? rc : build_index(a);
}

/* Results of the items about one kind of shared subject (country or region), per subject. */
typedef struct {
    size_t *subject_of; /* cluster -> subject id, NONE when the cluster names none */
    size_t n_subjects;
    size_t *items; /* the method's items about this kind */
    size_t n_items;
    cs_result *results; /* n_subjects * n_items */
    const cs_fact **used;
} shared_results;

static void shared_free(shared_results *s)
{
    free(s->subject_of);
    free(s->items);
    free(s->results);
    free(s->used);
}

static int shared_eval(shared_results *s, const cs_assessment *a, cs_subject_kind kind,
                       size_t *pos_of_item)
{
    const cs_method *m = a->m;
    memset(s, 0, sizeof *s);
    s->items = malloc((a->n_items ? a->n_items : 1) * sizeof *s->items);
    s->subject_of = malloc((a->n ? a->n : 1) * sizeof *s->subject_of);
    if (!s->items || !s->subject_of)
        return cs_error_set(CS_ENOMEM, "out of memory assessing");
    for (size_t i = 0; i < a->n_items; i++) {
        const cs_rule *r = &cs_method_item_at(m, i)->rule;
        if (r->kind != CS_RULE_REF && r->subject_kind == kind) {
            pos_of_item[i] = s->n_items;
            s->items[s->n_items++] = i;
        }
    }
    if (s->n_items == 0) {
        for (size_t c = 0; c < a->n; c++)
            s->subject_of[c] = NONE;
        return 0;
    }
    strset names;
    if (strset_init(&names, a->n)) {
        strset_free(&names);
        return cs_error_set(CS_ENOMEM, "out of memory assessing");
    }
    for (size_t c = 0; c < a->n; c++) {
        const char *subject =
            kind == CS_SUBJECT_COUNTRY ? a->subjects[c].country : a->subjects[c].region;
        s->subject_of[c] = *subject ? strset_id(&names, subject) : NONE;
    }
    s->n_subjects = names.count;
    size_t cells = s->n_subjects * s->n_items;
    s->results = malloc((cells ? cells : 1) * sizeof *s->results);
    s->used = malloc((cells ? cells : 1) * sizeof *s->used);
    const char **subject_name = calloc(s->n_subjects ? s->n_subjects : 1, sizeof *subject_name);
    if (!s->results || !s->used || !subject_name) {
        free(subject_name);
        strset_free(&names);
        return cs_error_set(CS_ENOMEM, "out of memory assessing");
    }
    for (size_t i = 0; i < names.cap; i++)
        if (names.keys[i])
            subject_name[names.ids[i]] = names.keys[i];
    for (size_t k = 0; k < s->n_subjects; k++)
        for (size_t j = 0; j < s->n_items; j++) {
            const cs_rule *r = &cs_method_item_at(m, s->items[j])->rule;
            const cs_fact *f = cs_factset_get(a->facts, kind, subject_name[k], r->fact, a->year);
            s->used[k * s->n_items + j] = f;
            s->results[k * s->n_items + j] =
                f ? cs_rule_eval(r, &f->value) : (cs_result)CS_RESULT_UNKNOWN;
        }
    free(subject_name);
    strset_free(&names);
    return 0;
}

int cs_assess_run(cs_assessment **out, const cs_method *m, const cs_factset *facts,
                  const cs_assess_subject *subjects, size_t n_subjects,
                  const cs_assess_options *opts)
{
    *out = NULL;
    if (!m || !facts || (n_subjects && !subjects))
        return cs_error_set(CS_EUSAGE, "cs_assess_run needs a method, a fact set and clusters");
    cs_assessment *a = calloc(1, sizeof *a);
    if (!a)
        return cs_error_set(CS_ENOMEM, "out of memory assessing");
    a->m = m;
    a->facts = facts;
    a->year = opts && opts->year ? opts->year : cs_method_assessment_year(m);
    a->n = n_subjects;
    a->n_items = cs_method_item_count(m);
    a->n_inds = cs_method_indicator_count(m);
    int rc = copy_inputs(a, subjects, n_subjects, opts);
    if (!rc)
        rc = build_index(a);
    if (!rc)
        rc = apply_scope(a, opts ? opts->lang : CS_LANG_EN);
    size_t cells = a->n * a->n_items;
    if (!rc) {
        a->items = malloc((cells ? cells : 1) * sizeof *a->items);
        a->used = malloc((cells ? cells : 1) * sizeof *a->used);
        size_t ind_cells = a->n * a->n_inds;
        a->inds = malloc((ind_cells ? ind_cells : 1) * sizeof *a->inds);
        if (!a->items || !a->used || !a->inds)
            rc = cs_error_set(CS_ENOMEM, "out of memory for the results of %zu clusters", a->n);
    }
    size_t *pos = malloc((a->n_items ? a->n_items : 1) * sizeof *pos);
    shared_results country = { 0 }, region = { 0 };
    if (!rc && !pos)
        rc = cs_error_set(CS_ENOMEM, "out of memory assessing");
    if (!rc)
        rc = shared_eval(&country, a, CS_SUBJECT_COUNTRY, pos);
    if (!rc)
        rc = shared_eval(&region, a, CS_SUBJECT_REGION, pos);
    if (rc) {
        free(pos);
        shared_free(&country);
        shared_free(&region);
        cs_assessment_free(a);
        return rc;
    }

    const size_t n_items = a->n_items, n_inds = a->n_inds;
    const long n = (long)a->n;
#pragma omp parallel for schedule(static) if (n >= 8192)
    for (long c = 0; c < n; c++) {
        cs_result *res = a->items + (size_t)c * n_items;
        const cs_fact **used = a->used + (size_t)c * n_items;
        for (size_t i = 0; i < n_items; i++) {
            const cs_rule *r = &cs_method_item_at(m, i)->rule;
            const cs_fact *f = NULL;
            cs_result v = CS_RESULT_UNKNOWN;
            if (r->kind == CS_RULE_REF) {
                /* filled in by cs_method_derive */
            } else if (r->subject_kind == CS_SUBJECT_CLUSTER) {
                f = cs_factset_get(facts, CS_SUBJECT_CLUSTER, a->subjects[c].key, r->fact, a->year);
                if (f)
                    v = cs_rule_eval(r, &f->value);
            } else {
                const shared_results *s =
                    r->subject_kind == CS_SUBJECT_COUNTRY ? &country : &region;
                size_t k = s->subject_of[c];
                if (k != NONE) {
                    f = s->used[k * s->n_items + pos[i]];
                    v = s->results[k * s->n_items + pos[i]];
                }
            }
            res[i] = v;
            used[i] = f;
        }
        cs_method_derive(m, res, a->inds + (size_t)c * n_inds, NULL, NULL, NULL);
    }
    free(pos);
    shared_free(&country);
    shared_free(&region);
    *out = a;
    return 0;
}

/* ---------------------------------------------------------------- reading results */

const cs_method *cs_assessment_method(const cs_assessment *a)
{
    return a->m;
}

int cs_assessment_year(const cs_assessment *a)
{
    return a->year;
}

size_t cs_assessment_count(const cs_assessment *a)
{
    return a->n;
}

const cs_assess_subject *cs_assessment_subject(const cs_assessment *a, size_t cluster)
{
    return cluster < a->n ? &a->subjects[cluster] : NULL;
}

long cs_assessment_find(const cs_assessment *a, const char *key)
{
    if (!key || !a->index_cap)
        return -1;
    size_t mask = a->index_cap - 1;
    for (size_t i = (size_t)hash_str(key) & mask; a->index[i]; i = (i + 1) & mask)
        if (strcmp(a->subjects[a->index[i] - 1].key, key) == 0)
            return (long)(a->index[i] - 1);
    return -1;
}

cs_result cs_assessment_item(const cs_assessment *a, size_t cluster, size_t item)
{
    if (cluster >= a->n || item >= a->n_items)
        return CS_RESULT_UNKNOWN;
    return a->items[cluster * a->n_items + item];
}

const cs_fact *cs_assessment_item_fact(const cs_assessment *a, size_t cluster, size_t item)
{
    if (cluster >= a->n || item >= a->n_items)
        return NULL;
    return a->used[cluster * a->n_items + item];
}

cs_result cs_assessment_indicator(const cs_assessment *a, size_t cluster, size_t indicator)
{
    if (cluster >= a->n || indicator >= a->n_inds)
        return CS_RESULT_UNKNOWN;
    return a->inds[cluster * a->n_inds + indicator];
}

int cs_assessment_indicator_points(const cs_assessment *a, size_t cluster, size_t indicator)
{
    if (cluster >= a->n || indicator >= a->n_inds)
        return 0;
    const cs_method_indicator *ind = cs_method_indicator_at(a->m, indicator);
    const cs_result *res = a->items + cluster * a->n_items + ind->first_item;
    int points = 0;
    for (size_t k = 0; k < ind->n_items; k++)
        points += res[k] == CS_RESULT_MET;
    return points;
}

cs_score cs_assessment_block_score(const cs_assessment *a, size_t cluster, size_t block)
{
    cs_score s = { 0, 0, 0, 0 };
    const cs_method_block *blk = cs_method_block_at(a->m, block);
    if (cluster >= a->n || !blk)
        return s;
    const cs_result *items = a->items + cluster * a->n_items;
    const cs_result *inds = a->inds + cluster * a->n_inds;
    for (size_t i = blk->first_indicator; i < blk->first_indicator + blk->n_indicators; i++) {
        const cs_method_indicator *ind = cs_method_indicator_at(a->m, i);
        if (!ind->scored)
            continue;
        if (inds[i] != CS_RESULT_UNKNOWN) {
            s.indicators_known++;
            s.indicators += inds[i] == CS_RESULT_MET;
        }
        for (size_t k = ind->first_item; k < ind->first_item + ind->n_items; k++)
            if (items[k] != CS_RESULT_UNKNOWN) {
                s.items_known++;
                s.points += items[k] == CS_RESULT_MET;
            }
    }
    return s;
}

cs_score cs_assessment_total(const cs_assessment *a, size_t cluster)
{
    cs_score t = { 0, 0, 0, 0 };
    for (size_t b = 0; b < cs_method_block_count(a->m); b++) {
        cs_score s = cs_assessment_block_score(a, cluster, b);
        t.indicators += s.indicators;
        t.indicators_known += s.indicators_known;
        t.points += s.points;
        t.items_known += s.items_known;
    }
    return t;
}

double cs_assessment_coverage(const cs_assessment *a, size_t cluster)
{
    int max = cs_method_max_points(a->m);
    if (max <= 0 || cluster >= a->n)
        return 0;
    return (double)cs_assessment_total(a, cluster).items_known / max;
}

size_t cs_assessment_out_of_scope_count(const cs_assessment *a)
{
    return a->n_out;
}

const cs_scope_exclusion *cs_assessment_out_of_scope_at(const cs_assessment *a, size_t i)
{
    return i < a->n_out ? &a->out[i] : NULL;
}

long cs_assessment_find_out_of_scope(const cs_assessment *a, const char *key)
{
    for (size_t i = 0; key && i < a->n_out; i++)
        if (strcmp(a->out[i].key, key) == 0)
            return (long)i;
    return -1;
}

unsigned long cs_assessment_scope_unknown(const cs_assessment *a, size_t cluster)
{
    return a->scope_unknown && cluster < a->n ? a->scope_unknown[cluster] : 0;
}

const char *cs_assessment_scope_note(const cs_assessment *a, size_t cluster)
{
    return a->scope_note && cluster < a->n ? a->scope_note[cluster] : NULL;
}

const cs_source_info *cs_assessment_source(const cs_assessment *a, const char *key)
{
    if (!key || !a->n_sources)
        return NULL;
    cs_source_info probe = { .key = key };
    return bsearch(&probe, a->sources, a->n_sources, sizeof *a->sources, compare_sources);
}

/* ---------------------------------------------------------------- compact codes */

int cs_assessment_code(char *out, size_t cap, const cs_assessment *a, size_t cluster)
{
    size_t n = a->n_items;
    for (size_t i = 0; i < n && i + 1 < cap; i++) {
        cs_result r = cs_assessment_item(a, cluster, i);
        out[i] = r == CS_RESULT_MET ? '1' : r == CS_RESULT_NOT_MET ? '0' : '?';
    }
    if (cap)
        out[n < cap ? n : cap - 1] = '\0';
    return (int)n;
}

int cs_assess_decode(cs_result *items, size_t n_items, const cs_method *m, const char *code)
{
    size_t n = cs_method_item_count(m);
    if (n_items < n)
        return cs_error_set(CS_EUSAGE, "room for %zu results given, method %s has %zu items",
                            n_items, cs_method_id(m), n);
    size_t len = code ? strlen(code) : 0;
    if (len != n)
        return cs_error_set(CS_EDATA,
                            "expected a result code of %zu characters for method %s version %s, "
                            "found %zu characters",
                            n, cs_method_id(m), cs_method_version(m), len);
    for (size_t i = 0; i < n; i++) {
        if (code[i] == '1')
            items[i] = CS_RESULT_MET;
        else if (code[i] == '0')
            items[i] = CS_RESULT_NOT_MET;
        else if (code[i] == '?')
            items[i] = CS_RESULT_UNKNOWN;
        else
            return cs_error_set(CS_EDATA,
                                "expected a result code of 1, 0 and ?, found \"%c\" at "
                                "character %zu",
                                code[i] >= 0x20 && code[i] < 0x7f ? code[i] : '?', i + 1);
    }
    return 0;
}
