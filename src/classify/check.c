/*
 * check.c: whether the options fit the data before anything is computed: each algorithm's
 * distance and need of complete data, the range of k, and the memory the analysis needs.
 * Messages speak of the data and the settings; the advice names the setting to change.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <stdint.h>

/* The refusal of an algorithm that needs complete data when items are unknown (pairwise). */
static int needs_complete_data(const char *what)
{
    cs_error_set(CS_EUSAGE,
                 "%s needs complete data, and items are unknown: read unknown as not met "
                 "(as-zero), or use an algorithm on pairwise distances (average, pam)",
                 what);
    return cs_error_advise(CS_ADVICE_UNKNOWN_POLICY);
}

int cs_cls_check_options(const cs_classification *c, int any_unknown)
{
    const cs_classify_options *o = &c->opts;
    cs_classify_algorithm a = o->algorithm;
    if ((int)a < 0 || a >= CS_CLASSIFY_ALGORITHM_COUNT)
        return cs_error_set(CS_EUSAGE, "unknown algorithm code %d", (int)a);
    if ((int)o->distance < 0 || o->distance >= CS_METRIC_COUNT)
        return cs_error_set(CS_EUSAGE, "unknown distance code %d", (int)o->distance);
    const char *name = cs_classify_algorithm_name(a), *metric = cs_metric_name(o->distance);
    int pairwise_unknown = any_unknown && c->policy == CS_UNKNOWN_PAIRWISE;
    if (a == CS_CLASSIFY_WARD || a == CS_CLASSIFY_CENTROID || a == CS_CLASSIFY_MEDIAN) {
        if (o->distance != CS_METRIC_EUCLIDEAN) {
            cs_error_set(CS_EUSAGE,
                         "%s linkage is defined for Euclidean distances only, not %s (average "
                         "linkage suits binary items)",
                         name, metric);
            return cs_error_advise(CS_ADVICE_DISTANCE);
        }
        if (pairwise_unknown) {
            cs_error_set(CS_EUSAGE,
                         "%s linkage needs Euclidean distances, and distances over the items "
                         "known for both clusters (pairwise) are not Euclidean: read unknown as "
                         "not met (as-zero), or use average linkage",
                         name);
            return cs_error_advise(CS_ADVICE_UNKNOWN_POLICY);
        }
    }
    if (a == CS_CLASSIFY_KMEANS) {
        if (o->distance != CS_METRIC_EUCLIDEAN) {
            cs_error_set(CS_EUSAGE, "k-means minimises squared Euclidean distances, not %s",
                         metric);
            return cs_error_advise(CS_ADVICE_DISTANCE);
        }
        if (pairwise_unknown)
            return needs_complete_data("k-means");
    }
    if (a == CS_CLASSIFY_KMODES) {
        if (o->distance != CS_METRIC_HAMMING) {
            cs_error_set(CS_EUSAGE, "k-modes uses simple matching (hamming distances), not %s",
                         metric);
            return cs_error_advise(CS_ADVICE_DISTANCE);
        }
        if (pairwise_unknown)
            return needs_complete_data("k-modes");
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

size_t cs_cls_memory_needed(const cs_classification *c)
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
