/*
 * write_json.c: the partition as a JSON document (format "clusterscope-partition": parameters,
 * the k scan, quality, groups with profiles, labels and members, every cluster, and with
 * `compare` the agreement), and the two pieces the store keeps as JSON text: a group's profile
 * and the k scan. Keys keep the document's order (JSON_PRESERVE_ORDER), so output is
 * byte-deterministic.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static json_t *jnum(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *parameters_json(const cs_classification *c)
{
    const cs_classify_options *o = &c->opts;
    json_t *p = json_object();
    json_object_set_new(p, "view", json_string(cs_classify_view_name(c->view)));
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

static json_t *k_scan_object(const cs_classification *c)
{
    json_t *scan = json_object();
    for (int k = 2; k <= c->k_scan_max; k++) {
        char key[16];
        snprintf(key, sizeof key, "%d", k);
        json_object_set_new(scan, key, jnum(c->k_scan[k]));
    }
    return scan;
}

static json_t *profile_object(const cs_classification *c, int g)
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

/* Compact text of a JSON value (which it releases). */
static int compact(char **out, json_t *value)
{
    *out = value ? json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(value);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

int cs_classification_profile_json(char **out, const cs_classification *c, int number)
{
    *out = NULL;
    if (number < 1 || number > c->k)
        return cs_error_set(CS_EUSAGE, "no group %d in a partition of %d groups", number, c->k);
    return compact(out, profile_object(c, number - 1));
}

int cs_classification_k_scan_json(char **out, const cs_classification *c)
{
    *out = NULL;
    return c->k_scan_max ? compact(out, k_scan_object(c)) : 0;
}

static json_t *sizes_object(const cs_reference_set *ref)
{
    json_t *sizes = json_object();
    for (size_t t = 0; t < ref->n_types; t++) {
        char key[16];
        snprintf(key, sizeof key, "G%d", ref->types[t].number);
        json_object_set_new(sizes, key,
                            ref->types[t].size_published >= 0
                                ? json_integer(ref->types[t].size_published)
                                : json_null());
    }
    return sizes;
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
    json_object_set_new(cmp, "published_sizes", sizes_object(ref));
    json_object_set_new(cmp, "published_sum",
                        ref->published_sum >= 0 ? json_integer(ref->published_sum) : json_null());
    json_object_set_new(cmp, "sample_size",
                        ref->sample_size >= 0 ? json_integer(ref->sample_size) : json_null());
    json_object_set_new(cmp, "size_note",
                        ref->size_note ? json_string(ref->size_note) : json_null());
    return cmp;
}

static json_t *groups_json(const cs_classification *c)
{
    json_t *groups = json_array();
    for (int g = 0; g < c->k; g++) {
        json_t *e = json_object();
        json_object_set_new(e, "group", json_integer(g + 1));
        json_object_set_new(
            e, "label", c->groups[g].label ? json_sprintf("G%d", c->groups[g].label) : json_null());
        json_object_set_new(e, "reason", c->ref ? json_string(c->groups[g].reason) : json_null());
        json_object_set_new(e, "profile", profile_object(c, g));
        json_t *mem = json_array();
        for (size_t a = 0; a < c->na; a++)
            if (c->group[c->idx[a]] == g + 1)
                json_array_append_new(mem, json_string(c->keys[c->idx[a]]));
        json_object_set_new(e, "members", mem);
        json_array_append_new(groups, e);
    }
    return groups;
}

static json_t *members_json(const cs_classification *c, int compare)
{
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
            int t = cs_cls_reference_type_of(c->ref, c->keys[i]);
            json_object_set_new(e, "study_group", t ? json_sprintf("G%d", t) : json_null());
        }
        json_array_append_new(members, e);
    }
    return members;
}

int cs_cls_write_json(FILE *f, const cs_classification *c, const cs_classify_run *run, int compare)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string("clusterscope-partition"));
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "assessment_run", run ? json_integer(run->run_id) : json_null());
    json_object_set_new(root, "method", json_string(cs_method_id(c->m)));
    json_object_set_new(root, "method_version", json_string(cs_method_version(c->m)));
    json_object_set_new(root, "parameters", parameters_json(c));
    json_object_set_new(root, "k_scan", k_scan_object(c));
    json_object_set_new(root, "silhouette", jnum(c->silhouette));
    json_object_set_new(root, "cophenetic_correlation", jnum(c->cophenetic));
    json_object_set_new(root, "clusters", json_integer((json_int_t)c->n));
    json_object_set_new(root, "analysed", json_integer((json_int_t)c->na));
    json_object_set_new(root, "groups", groups_json(c));
    json_object_set_new(root, "members", members_json(c, compare));
    if (compare)
        json_object_set_new(root, "compare", compare_json(c));
    int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF
                 ? 0
                 : cs_error_set(CS_EIO, "writing JSON failed");
    json_decref(root);
    return rc;
}
