/*
 * write_json.c: the partition as a JSON document (format "clusterscope-partition": parameters,
 * the k scan, quality, groups with profiles, labels and members, every cluster, and with
 * `compare` the agreement), and the two pieces the store keeps as compact JSON text: a group's
 * profile and the k scan. Written with util/textout.h (cs_jsonw: the layout jansson gives, one
 * space per level in the document), members in a fixed order, so output is byte-deterministic.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"
#include "util/textout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* "G<n>", or null when n is 0. */
static void type_label(cs_jsonw *w, const char *key, int n)
{
    char label[16];
    snprintf(label, sizeof label, "G%d", n);
    if (n)
        cs_jsonw_string(w, key, label);
    else
        cs_jsonw_null(w, key);
}

static void parameters_json(cs_jsonw *w, const cs_classification *c)
{
    const cs_classify_options *o = &c->opts;
    cs_jsonw_open(w, "parameters", '{');
    cs_jsonw_string(w, "view", cs_classify_view_name(c->view));
    cs_jsonw_open(w, "variables", '[');
    for (size_t j = 0; j < c->p; j++)
        cs_jsonw_string(w, NULL, cs_classification_variable_key(c, j));
    cs_jsonw_close(w, ']');
    cs_jsonw_string(w, "unknown", cs_unknown_policy_name(c->policy));
    cs_jsonw_string(w, "unknown_means", cs_classification_unknown_words(c));
    cs_jsonw_int(w, "min_known", c->min_known);
    cs_jsonw_int(w, "imputed_pairs", (long long)c->imputed);
    cs_jsonw_real(w, "imputed_distance", c->imputed_value);
    cs_jsonw_string(w, "distance", cs_metric_name(o->distance));
    cs_jsonw_string(w, "algorithm", cs_classify_algorithm_name(o->algorithm));
    cs_jsonw_int(w, "k", c->k);
    if (c->k_given)
        cs_jsonw_int(w, "k_given", c->k_given);
    else
        cs_jsonw_null(w, "k_given");
    cs_jsonw_string(w, "k_rule", c->k_rule);
    cs_jsonw_int(w, "seed", (long long)o->seed);
    cs_jsonw_string(w, "software_version", CS_VERSION_STRING);
    cs_jsonw_close(w, '}');
}

/* The facts the results are built on beside the registry's; [] when none. */
static void assumptions_json(cs_jsonw *w, const cs_classification *c)
{
    const cs_classify_assumption *as = NULL;
    size_t n = cs_classification_assumptions(c, &as);
    cs_jsonw_open(w, "assumptions", '[');
    for (size_t a = 0; a < n; a++) {
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "subject_kind", as[a].subject_kind);
        cs_jsonw_string(w, "subject", as[a].subject);
        cs_jsonw_string(w, "fact", as[a].fact);
        if (*as[a].year)
            cs_jsonw_string(w, "year", as[a].year);
        else
            cs_jsonw_null(w, "year");
        cs_jsonw_string(w, "value", as[a].value);
        cs_jsonw_string(w, "file", as[a].file);
        cs_jsonw_int(w, "line", as[a].line);
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
}

static void k_scan_json(cs_jsonw *w, const char *key, const cs_classification *c)
{
    cs_jsonw_open(w, key, '{');
    for (int k = 2; k <= c->k_scan_max; k++) {
        char name[16];
        snprintf(name, sizeof name, "%d", k);
        cs_jsonw_real(w, name, c->k_scan[k]);
    }
    cs_jsonw_close(w, '}');
}

/* The counts of met and known of one indicator or item, as {"met": m, "known": n}. */
static void met_known(cs_jsonw *w, const char *key, size_t met, size_t known)
{
    cs_jsonw_open(w, key, '{');
    cs_jsonw_int(w, "met", (long long)met);
    cs_jsonw_int(w, "known", (long long)known);
    cs_jsonw_close(w, '}');
}

static void profile_json(cs_jsonw *w, const char *key, const cs_classification *c, int g)
{
    const cs_classify_group *grp = &c->groups[g];
    cs_jsonw_open(w, key, '{');
    cs_jsonw_int(w, "size", (long long)grp->size);
    cs_jsonw_open(w, "countries", '{');
    for (size_t i = 0; i < grp->n_countries; i++)
        cs_jsonw_int(w, *grp->countries[i] ? grp->countries[i] : "?",
                     (long long)grp->country_count[i]);
    cs_jsonw_close(w, '}');
    cs_jsonw_open(w, "blocks", '{');
    for (size_t b = 0; b < c->n_blocks; b++) {
        cs_jsonw_open(w, cs_method_block_at(c->m, b)->code, '{');
        cs_jsonw_real(w, "indicators_met_mean", grp->block_indicators[b]);
        cs_jsonw_real(w, "item_points_mean", grp->block_points[b]);
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, '}');
    cs_jsonw_open(w, "indicators", '{');
    for (size_t v = 0; v < c->n_ind; v++) {
        const cs_method_indicator *ind = cs_method_indicator_at(c->m, v);
        if (ind->scored)
            met_known(w, ind->id, grp->indicator_met[v], grp->indicator_known[v]);
    }
    cs_jsonw_close(w, '}');
    cs_jsonw_open(w, "items", '{');
    for (size_t v = 0; v < c->n_items; v++) {
        const cs_method_item *it = cs_method_item_at(c->m, v);
        if (cs_method_indicator_at(c->m, it->indicator)->scored)
            met_known(w, it->key, grp->item_met[v], grp->item_known[v]);
    }
    cs_jsonw_close(w, '}');
    if (c->ref) {
        cs_jsonw_open(w, "placed_by_study", '{');
        for (size_t t = 0; t < c->ref->n_types; t++) {
            char name[16];
            snprintf(name, sizeof name, "G%d", c->ref->types[t].number);
            cs_jsonw_int(w, name, (long long)grp->study_count[t]);
        }
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, '}');
}

/* The compact text of one piece (the profile of group g, or the k scan when g < 0). */
static int compact(char **out, const cs_classification *c, int g)
{
    cs_buf b = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 0, NULL);
    if (g >= 0)
        profile_json(&w, NULL, c, g);
    else
        k_scan_json(&w, NULL, c);
    if (w.rc) {
        cs_buf_free(&b);
        return w.rc;
    }
    *out = b.data; /* the caller frees it */
    return 0;
}

int cs_classification_profile_json(char **out, const cs_classification *c, int number)
{
    *out = NULL;
    if (number < 1 || number > c->k)
        return cs_error_set(CS_EUSAGE, "no group %d in a partition of %d groups", number, c->k);
    return compact(out, c, number - 1);
}

int cs_classification_k_scan_json(char **out, const cs_classification *c)
{
    *out = NULL;
    return c->k_scan_max ? compact(out, c, -1) : 0;
}

/* A count that may be unpublished (negative): null then. */
static void count_or_null(cs_jsonw *w, const char *key, long long v)
{
    if (v >= 0)
        cs_jsonw_int(w, key, v);
    else
        cs_jsonw_null(w, key);
}

static void compare_json(cs_jsonw *w, const cs_classification *c)
{
    const cs_reference_set *ref = c->ref;
    cs_jsonw_open(w, "compare", '{');
    if (!ref) {
        cs_jsonw_close(w, '}');
        return;
    }
    cs_jsonw_string(w, "reference_set", ref->key);
    cs_jsonw_int(w, "compared", (long long)c->compared);
    cs_jsonw_real(w, "adjusted_rand_index", c->ari);
    cs_jsonw_open(w, "columns", '[');
    for (size_t t = 0; t < ref->n_types; t++)
        type_label(w, NULL, ref->types[t].number);
    cs_jsonw_close(w, ']');
    cs_jsonw_open(w, "contingency", '[');
    for (int g = 0; c->table && g < c->k; g++) {
        cs_jsonw_open(w, NULL, '[');
        for (size_t t = 0; t < ref->n_types; t++)
            cs_jsonw_int(w, NULL, (long long)c->table[(size_t)g * ref->n_types + t]);
        cs_jsonw_close(w, ']');
    }
    cs_jsonw_close(w, ']');
    cs_jsonw_open(w, "published_sizes", '{');
    for (size_t t = 0; t < ref->n_types; t++) {
        char name[16];
        snprintf(name, sizeof name, "G%d", ref->types[t].number);
        count_or_null(w, name, ref->types[t].size_published);
    }
    cs_jsonw_close(w, '}');
    count_or_null(w, "published_sum", ref->published_sum);
    count_or_null(w, "sample_size", ref->sample_size);
    cs_jsonw_string(w, "size_note", ref->size_note);
    cs_jsonw_close(w, '}');
}

static void groups_json(cs_jsonw *w, const cs_classification *c)
{
    cs_jsonw_open(w, "groups", '[');
    for (int g = 0; g < c->k; g++) {
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_int(w, "group", g + 1);
        type_label(w, "label", c->groups[g].label);
        type_label(w, "nearest", c->groups[g].nearest);
        cs_jsonw_string(w, "reason", c->ref ? c->groups[g].reason : NULL);
        profile_json(w, "profile", c, g);
        cs_jsonw_open(w, "members", '[');
        for (size_t a = 0; a < c->na; a++)
            if (c->group[c->idx[a]] == g + 1)
                cs_jsonw_string(w, NULL, c->keys[c->idx[a]]);
        cs_jsonw_close(w, ']');
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
}

static void members_json(cs_jsonw *w, const cs_classification *c, int compare)
{
    cs_jsonw_open(w, "members", '[');
    for (size_t i = 0; i < c->n; i++) {
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "cluster", c->keys[i]);
        cs_jsonw_string(w, "country", c->countries[i]);
        if (c->group[i])
            cs_jsonw_int(w, "group", c->group[i]);
        else
            cs_jsonw_null(w, "group");
        cs_jsonw_real(w, "silhouette", c->width[i]);
        cs_jsonw_string(w, "left_out", c->left_out[i]);
        if (compare && c->ref)
            type_label(w, "study_group", cs_cls_reference_type_of(c->ref, c->keys[i]));
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
}

/* The clusters out of the method's scope: never objects of the classification. */
static void out_of_scope_json(cs_jsonw *w, const cs_classification *c, const cs_classify_run *run)
{
    cs_jsonw_open(w, "out_of_scope", '[');
    for (size_t i = 0; run && i < run->n_out_of_scope; i++) {
        const cs_classify_excluded *e = &run->out_of_scope[i];
        char why[1024];
        cs_classify_scope_reason(why, sizeof why, c->m, e, c->opts.lang);
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "cluster", e->key);
        cs_jsonw_string(w, "rule", e->rule);
        cs_jsonw_string(w, "result", e->result == CS_RESULT_NOT_MET ? "not_met" : "unknown");
        cs_jsonw_string(w, "found", e->found);
        cs_jsonw_string(w, "reason", why);
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
}

int cs_cls_write_json(FILE *f, const cs_classification *c, const cs_classify_run *run, int compare)
{
    cs_buf b = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 1, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "format", "clusterscope-partition");
    cs_jsonw_int(&w, "version", 1);
    if (run)
        cs_jsonw_int(&w, "assessment_run", run->run_id);
    else
        cs_jsonw_null(&w, "assessment_run");
    cs_jsonw_string(&w, "method", cs_method_id(c->m));
    cs_jsonw_string(&w, "method_version", cs_method_version(c->m));
    /* true when the results rest on facts the registry does not hold (listed in assumptions) */
    cs_jsonw_bool(&w, "built_on_assumptions", c->opts.n_assumptions > 0);
    assumptions_json(&w, c);
    parameters_json(&w, c);
    k_scan_json(&w, "k_scan", c);
    cs_jsonw_real(&w, "silhouette", c->silhouette);
    cs_jsonw_real(&w, "cophenetic_correlation", c->cophenetic);
    cs_jsonw_int(&w, "clusters", (long long)c->n);
    cs_jsonw_int(&w, "analysed", (long long)c->na);
    groups_json(&w, c);
    members_json(&w, c, compare);
    out_of_scope_json(&w, c, run);
    if (compare)
        compare_json(&w, c);
    cs_jsonw_close(&w, '}');
    int rc = w.rc ? w.rc : cs_textout_putc(&b, '\n');
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}
