/*
 * partition_run.c: the partition itself. For the linkage methods the tree is built once and
 * kept (cs_classification_linkage), and every k is a cut of it; the other algorithms partition
 * anew for each k. k is given, or the one in 2..min(k_max, n - 1) with the best mean silhouette
 * (ties to the smaller k; a k whose cut gives fewer groups adds nothing and is skipped).
 *
 * Invariant: group numbers are 1..k in order of first appearance over the analysed clusters,
 * whatever numbers the algorithm gave.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Renumbers labels (any ints) into 0..g-1 by first appearance; returns g, or -1 out of memory. */
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
static int partition_k(cs_cls_work *w, int *labels, int k, uint64_t seed)
{
    cs_classification *c = w->c;
    size_t na = c->na, p = c->p;
    cs_classify_algorithm a = c->opts.algorithm;
    int rc = 0;
    if (cs_classify_algorithm_is_hierarchical(a)) {
        rc = cs_linkage_cut_k(labels, c->z, na, (size_t)k);
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

static double mean_silhouette(cs_cls_work *w, const int *labels, int g, double *widths)
{
    double mean = NAN;
    if (g < 2 || (size_t)g > w->c->na - 1)
        return NAN;
    if (cs_silhouette_condensed(widths, &mean, w->d, w->c->na, labels, g, &w->run))
        return NAN;
    return mean;
}

/* The linkage methods: the tree over the analysed clusters, kept, and its cophenetic
 * correlation. */
static int build_linkage(cs_cls_work *w)
{
    cs_classification *c = w->c;
    size_t na = c->na;
    c->z = malloc((na - 1) * 4 * sizeof *c->z);
    if (!c->z)
        return cs_error_set(CS_ENOMEM, "out of memory");
    cs_linkage_options lo;
    memset(&lo, 0, sizeof lo);
    lo.max_memory = w->run.max_memory;
    lo.n_threads = c->opts.n_threads;
    int rc = cs_linkage(c->z, w->d, na, (cs_linkage_method)c->opts.algorithm, &lo);
    if (rc)
        return rc;
    double r = NAN;
    if (na >= 3 && cs_cophenetic_correlation(&r, NULL, c->z, w->d, na) != 0) {
        r = NAN; /* constant distances or heights: undefined, not an error */
        cs_error_clear();
    }
    c->cophenetic = r;
    return 0;
}

/* k given: at most k groups (a tree cut with ties may give fewer). */
static int given_k(cs_cls_work *w, int *labels, int k)
{
    cs_classification *c = w->c;
    if ((size_t)k > c->na) {
        cs_error_set(CS_EUSAGE, "k = %d groups is more than the %zu clusters that can be analysed",
                     k, c->na);
        return cs_error_advise(CS_ADVICE_K);
    }
    c->k_given = k;
    snprintf(c->k_rule, sizeof c->k_rule, cs_cls_text(c, "classify.k_rule.given"), k);
    return partition_k(w, labels, k, c->opts.seed);
}

/* k chosen: the best mean silhouette over the scan. */
static int scanned_k(cs_cls_work *w, int *labels, void (*progress)(void *, double), void *ctx)
{
    cs_classification *c = w->c;
    size_t na = c->na;
    int kmax = c->opts.k_max;
    if ((size_t)kmax > na - 1)
        kmax = (int)(na - 1);
    if (na < 3 || kmax < 2) {
        cs_error_set(CS_EDATA,
                     "%zu clusters can be analysed: choosing the number of groups by silhouette "
                     "needs at least 3",
                     na);
        return cs_error_advise(CS_ADVICE_K);
    }
    c->k_scan_max = kmax;
    int best = 0;
    double best_s = -INFINITY;
    for (int kk = 2; kk <= kmax; kk++) {
        int gg = partition_k(w, labels, kk, c->opts.seed);
        if (gg < 0)
            return gg;
        double s = mean_silhouette(w, labels, gg, NULL);
        c->k_scan[kk] = s;
        /* ties in the tree can give fewer groups than asked: that k adds nothing new */
        if (!isnan(s) && gg == kk && s > best_s) {
            best_s = s;
            best = kk;
        }
        if (progress)
            progress(ctx, (double)(kk - 1) / (double)(kmax - 1));
    }
    if (!best) {
        cs_error_set(CS_EDATA,
                     "no k in 2..%d gives a partition with a defined silhouette (the distances "
                     "do not separate the %zu clusters)",
                     kmax, na);
        return cs_error_advise(CS_ADVICE_K);
    }
    snprintf(c->k_rule, sizeof c->k_rule, cs_cls_text(c, "classify.k_rule.best"), kmax);
    return partition_k(w, labels, best, c->opts.seed);
}

int cs_cls_partition(cs_cls_work *w, void (*progress)(void *, double), void *ctx)
{
    cs_classification *c = w->c;
    size_t na = c->na;
    int rc = 0;
    if (cs_classify_algorithm_is_hierarchical(c->opts.algorithm) && na >= 2 &&
        (rc = build_linkage(w)))
        return rc;
    if (c->opts.algorithm == CS_CLASSIFY_KMODES) {
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
    int g;
    if (c->opts.k > 0) {
        g = given_k(w, labels, c->opts.k);
        if (g >= 0 && progress)
            progress(ctx, 1.0);
    } else {
        g = scanned_k(w, labels, progress, ctx);
    }
    if (g >= 0) {
        c->k = g;
        c->silhouette = mean_silhouette(w, labels, g, widths);
        for (size_t i = 0; i < na; i++) {
            c->group[c->idx[i]] = labels[i] + 1;
            c->width[c->idx[i]] = isnan(c->silhouette) ? NAN : widths[i];
        }
    }
    free(labels);
    free(widths);
    return g < 0 ? g : 0;
}
