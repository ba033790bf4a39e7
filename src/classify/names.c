/*
 * names.c: the names of the classification's settings (algorithms, unknown-value policies,
 * views), their parsers, and the default options. A name is what the store keeps and what a
 * front end reads from its user; each parser takes exactly the names its _name function gives.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <string.h>

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

int cs_classify_view_parse(cs_classify_view *out, const char *name)
{
    if (name && strcmp(name, "items") == 0)
        *out = CS_CLASSIFY_VIEW_ITEMS;
    else if (name && strcmp(name, "indicators") == 0)
        *out = CS_CLASSIFY_VIEW_INDICATORS;
    else
        return cs_error_set(CS_EUSAGE, "unknown view \"%s\" (expected items or indicators)",
                            name ? name : "");
    return 0;
}

const char *cs_classify_view_name(cs_classify_view v)
{
    return v == CS_CLASSIFY_VIEW_INDICATORS ? "indicators" : "items";
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
    o->lang = CS_LANG_EN;
}
