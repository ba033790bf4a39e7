/*
 * classify.c: cs_classify() and the classification's accessors. The steps, in order: resolve
 * the options (the method's view and unknown-value policy unless overridden), copy and derive
 * the results (prepare.c), choose the clusters to analyse (select.c), check the memory, compute
 * the distances (distances.c), partition (partition_run.c), profile and label the groups
 * (profile.c, label.c), and measure the agreement with the reference set (agreement.c).
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    for (int g = 0; g < c->k; g++) {
        if (c->reasons)
            free(c->reasons[g]);
        if (c->country_codes)
            free(c->country_codes[g]);
        if (c->country_counts)
            free(c->country_counts[g]);
    }
    for (size_t a = 0; c->assumed_text && a < 6 * c->opts.n_assumptions; a++)
        free(c->assumed_text[a]);
    free(c->assumed_text);
    free(c->assumed);
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
    free(c->z);
    free(c->groups);
    free(c->counts);
    free(c->bmeans);
    free(c->study);
    free(c->reasons);
    free(c->nearness);
    free(c->country_codes);
    free(c->country_counts);
    free(c->table);
    free(c);
}

/* The method's analysis settings, unless the options override them. */
static int resolve_options(cs_classification *c)
{
    c->view = c->opts.view;
    if (c->view == CS_CLASSIFY_VIEW_METHOD)
        c->view = strcmp(cs_method_analysis_view(c->m), "indicators") == 0
                      ? CS_CLASSIFY_VIEW_INDICATORS
                      : CS_CLASSIFY_VIEW_ITEMS;
    c->opts.view = c->view;
    int rc = 0;
    if (c->opts.unknown < 0) {
        cs_unknown_policy pol = CS_UNKNOWN_PAIRWISE;
        rc = cs_unknown_policy_parse(&pol, cs_method_unknown_policy(c->m));
        c->policy = pol;
    } else if (c->opts.unknown > CS_UNKNOWN_AS_ZERO) {
        rc = cs_error_set(CS_EUSAGE, "unknown policy code %d", c->opts.unknown);
    } else {
        c->policy = (cs_unknown_policy)c->opts.unknown;
    }
    c->opts.unknown = (int)c->policy;
    if (!rc && c->opts.min_known < 0)
        rc = cs_error_set(CS_EUSAGE, "the minimum of known variables must be at least 1, got %d",
                          c->opts.min_known);
    c->min_known = c->opts.min_known ? c->opts.min_known : cs_method_min_known(c->m);
    c->opts.min_known = c->min_known;
    if (!rc && c->opts.lang != CS_LANG_EN && c->opts.lang != CS_LANG_RU)
        rc = cs_error_set(CS_EUSAGE, "unknown language code %d", (int)c->opts.lang);
    return rc;
}

/* The classification's own copy of the assumptions, so that the caller's may go. */
static int copy_assumptions(cs_classification *c)
{
    size_t n = c->opts.n_assumptions;
    const cs_classify_assumption *from = c->opts.assumptions;
    c->opts.assumptions = NULL;
    c->opts.n_assumptions = 0;
    if (!n || !from)
        return 0;
    c->assumed = calloc(n, sizeof *c->assumed);
    c->assumed_text = calloc(6 * n, sizeof *c->assumed_text);
    if (!c->assumed || !c->assumed_text)
        return cs_error_set(CS_ENOMEM, "out of memory");
    c->opts.n_assumptions = n;
    c->opts.assumptions = c->assumed;
    for (size_t a = 0; a < n; a++) {
        const char *src[6] = { from[a].subject_kind, from[a].subject, from[a].fact,
                               from[a].year,         from[a].value,   from[a].file };
        char **t = c->assumed_text + 6 * a;
        for (int k = 0; k < 6; k++)
            if (!(t[k] = cs_cls_strdup(src[k])))
                return cs_error_set(CS_ENOMEM, "out of memory");
        c->assumed[a] =
            (cs_classify_assumption){ t[0], t[1], t[2], t[3], t[4], t[5], from[a].line };
    }
    return 0;
}

/* Refuses before allocating when the analysis needs more than opts.max_memory (0: no limit). */
static int check_memory(const cs_classification *c)
{
    size_t need = cs_cls_memory_needed(c), limit = c->opts.max_memory;
    if (need == SIZE_MAX)
        cs_error_set(CS_ENOMEM, "classifying %zu clusters needs more memory than can be addressed",
                     c->na);
    else if (limit && need > limit)
        cs_error_set(CS_ENOMEM,
                     "classifying %zu clusters needs about %.1f MiB, over the memory limit of "
                     "%.1f MiB",
                     c->na, need / 1048576.0, limit / 1048576.0);
    else
        return 0;
    return cs_error_advise(CS_ADVICE_MAX_MEMORY);
}

static int too_few(const cs_classification *c)
{
    cs_error_set(CS_EDATA,
                 "%zu of %zu clusters can be analysed (the others have fewer than %d %s known); "
                 "cluster analysis needs at least 2",
                 c->na, c->n, c->min_known,
                 c->view == CS_CLASSIFY_VIEW_INDICATORS ? "indicators" : "items");
    return cs_error_advise(CS_ADVICE_MIN_KNOWN);
}

int cs_classify_memory(size_t *need, const cs_method *m, const cs_classify_object *objects,
                       size_t n, const cs_classify_options *opts)
{
    *need = 0;
    cs_classification *c = calloc(1, sizeof *c);
    if (!c)
        return cs_error_set(CS_ENOMEM, "out of memory");
    if (opts)
        c->opts = *opts;
    else
        cs_classify_options_init(&c->opts);
    c->opts.assumptions = NULL; /* not copied for an estimate: nothing may free them */
    c->opts.n_assumptions = 0;
    c->m = m;
    c->n = n;
    int rc = resolve_options(c);
    rc = rc ? rc : cs_cls_prepare(c, objects);
    if (!rc) {
        /* the selection reads each cluster's own coverage, so this is the number analysed */
        c->na = 0;
        for (size_t i = 0; i < n; i++) {
            size_t known = 0;
            for (size_t j = 0; j < c->p; j++)
                known += cs_cls_value(c, i, j) != CS_RESULT_UNKNOWN;
            c->na += known >= (size_t)c->min_known;
        }
        *need = cs_cls_memory_needed(c);
    }
    cs_classification_free(c);
    return rc;
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
    void (*progress)(void *, double) = c->opts.progress;
    void *pctx = c->opts.progress_ctx;
    c->opts.progress = NULL;
    c->opts.progress_ctx = NULL;
    c->m = m;
    c->ref = ref;
    c->n = n;
    c->silhouette = NAN;
    c->cophenetic = NAN;
    c->ari = NAN;
    c->imputed_value = NAN;
    for (size_t k = 0; k < sizeof c->k_scan / sizeof c->k_scan[0]; k++)
        c->k_scan[k] = NAN;
    int rc = resolve_options(c);
    rc = rc ? rc : copy_assumptions(c);
    cs_cls_work w;
    memset(&w, 0, sizeof w);
    w.c = c;
    cs_run_options_init(&w.run);
    w.run.max_memory = c->opts.max_memory;
    w.run.n_threads = c->opts.n_threads;
    if (!rc && n == 0)
        rc =
            cs_error_set(CS_EDATA, "there are no clusters to classify (assess the registry first)");
    rc = rc ? rc : cs_cls_prepare(c, objects);
    rc = rc ? rc : cs_cls_select(c);
    if (!rc && c->na < 2)
        rc = too_few(c);
    rc = rc ? rc : check_memory(c);
    rc = rc ? rc : cs_cls_distances(&w);
    rc = rc ? rc : cs_cls_partition(&w, progress, pctx);
    rc = rc ? rc : cs_cls_profiles(c);
    rc = rc ? rc : cs_cls_agreement(c);
    free(w.d);
    free(w.x);
    free(w.codes);
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

size_t cs_classification_assumptions(const cs_classification *c,
                                     const cs_classify_assumption **list)
{
    if (list)
        *list = c->assumed;
    return c->opts.n_assumptions;
}

const char *cs_classification_unknown_words(const cs_classification *c)
{
    switch (c->policy) {
    case CS_UNKNOWN_PAIRWISE:
        return cs_cls_text(c, "classify.scenario.pairwise");
    case CS_UNKNOWN_AS_ZERO:
        return cs_cls_text(c, "classify.scenario.as_zero");
    default:
        return cs_cls_text(c, "classify.scenario.error");
    }
}

int cs_classification_min_known(const cs_classification *c)
{
    return c->min_known;
}

size_t cs_classification_imputed(const cs_classification *c, double *value)
{
    if (value)
        *value = c->imputed_value;
    return c->imputed;
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

const cs_method *cs_classification_method(const cs_classification *c)
{
    return c->m;
}

const cs_reference_set *cs_classification_reference(const cs_classification *c)
{
    return c->ref;
}

size_t cs_classification_object_count(const cs_classification *c)
{
    return c->n;
}

const char *cs_classification_key(const cs_classification *c, size_t i)
{
    return i < c->n ? c->keys[i] : NULL;
}

const char *cs_classification_country(const cs_classification *c, size_t i)
{
    return i < c->n ? c->countries[i] : NULL;
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

int cs_classification_linkage(const double **z, size_t *n, const cs_classification *c)
{
    *z = c->z;
    *n = c->z ? c->na : 0;
    return c->z != NULL;
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
