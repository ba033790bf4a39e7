/*
 * distances.c: the distances between the analysed clusters, on their variables as 0/1 with
 * unknown cells handled by the policy: binary metrics on bit sets, Gower on a data matrix of
 * symmetric binary variables, the numeric metrics on the 0/1 rows.
 *
 * Invariant: under the pairwise policy every pair of analysed clusters has a variable known for
 * both (select.c), so every distance is defined; a variable unknown for every analysed cluster
 * adds nothing to any distance.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The 0/1 rows of the analysed clusters (NaN unknown; 0 under as-zero). */
static int fill_rows(cs_cls_work *w)
{
    cs_classification *c = w->c;
    size_t na = c->na, p = c->p;
    w->x = malloc((na * p + 1) * sizeof *w->x);
    w->d = malloc(cs_distance_memory(na) + sizeof(double));
    if (!w->x || !w->d)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu clusters", na);
    for (size_t a = 0; a < na; a++) {
        for (size_t j = 0; j < p; j++) {
            cs_result r = cs_cls_value(c, c->idx[a], j);
            double v = r == CS_RESULT_MET ? 1.0 : r == CS_RESULT_NOT_MET ? 0.0 : NAN;
            if (isnan(v)) {
                w->any_unknown = 1;
                if (c->policy == CS_UNKNOWN_AS_ZERO)
                    v = 0.0;
            }
            w->x[a * p + j] = v;
        }
    }
    return 0;
}

static int binary_distances(cs_cls_work *w, const cs_distance_options *dopts)
{
    size_t na = w->c->na, p = w->c->p, nw = (p + 63) / 64;
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
    int rc = cs_pdist_bits(w->d, bits, w->any_unknown ? known : NULL, na, nw, p,
                           w->c->opts.distance, dopts);
    free(bits);
    free(known);
    return rc;
}

/* Gower on symmetric binary variables; a variable unknown for every analysed cluster adds
 * nothing under the pairwise policy, and the data matrix refuses it: it is left out. */
static int gower_distances(cs_cls_work *w, const cs_distance_options *dopts)
{
    const cs_classification *c = w->c;
    size_t na = c->na, p = c->p;
    size_t *cols = malloc((p + 1) * sizeof *cols), q = 0;
    cs_var_type *types = malloc((p + 1) * sizeof *types);
    if (!cols || !types) {
        free(cols);
        free(types);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < p; j++) {
        size_t a = 0;
        while (a < na && isnan(w->x[a * p + j]))
            a++;
        if (a < na)
            cols[q++] = j;
    }
    for (size_t j = 0; j < q; j++)
        types[j] = CS_VAR_BINARY;
    cs_datamatrix *dm = NULL;
    int rc = cs_datamatrix_new(&dm, na, q, types);
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
        rc = cs_distance_condensed(&d, dm, CS_METRIC_GOWER, dopts);
    if (!rc)
        memcpy(w->d, d, cs_distance_memory(na));
    cs_typology_free(d);
    cs_datamatrix_free(dm);
    free(types);
    free(cols);
    return rc;
}

int cs_cls_distances(cs_cls_work *w)
{
    cs_classification *c = w->c;
    int rc = fill_rows(w);
    rc = rc ? rc : cs_cls_check_options(c, w->any_unknown);
    if (rc || c->na < 2)
        return rc;
    cs_distance_options dopts;
    memset(&dopts, 0, sizeof dopts);
    dopts.unknown = c->policy;
    dopts.n_threads = c->opts.n_threads;
    dopts.allow_constant = 1; /* a constant binary item is agreement for every pair */
    cs_metric metric = c->opts.distance;
    if (cs_metric_is_binary(metric))
        rc = binary_distances(w, &dopts);
    else if (metric == CS_METRIC_GOWER)
        rc = gower_distances(w, &dopts);
    else
        rc = cs_pdist(w->d, w->x, c->na, c->p, metric, &dopts);
    if (rc)
        return cs_error_wrap("%s distances", cs_metric_name(metric));
    return 0;
}
