/*
 * distances.c: the distances between the analysed clusters, on their variables as 0/1 with
 * unknown cells handled by the policy: binary metrics on bit sets, Gower on a data matrix of
 * symmetric binary variables, the numeric metrics on the 0/1 rows.
 *
 * Invariant: after cs_cls_distances() every distance is defined. Under the pairwise policy a pair
 * of analysed clusters with no variable known for both has no distance of its own; it gets the
 * mean of the defined distances between analysed clusters (the value that assumes nothing about
 * the pair beyond what the data say of pairs in general, and moves neither cluster towards any
 * group), and the count of such pairs is reported. A variable unknown for every analysed
 * cluster adds nothing to any distance.
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

/* Whether analysed clusters a and b have a variable known for both. */
static int share_known(const cs_cls_work *w, size_t a, size_t b)
{
    size_t p = w->c->p;
    for (size_t j = 0; j < p; j++)
        if (!isnan(w->x[a * p + j]) && !isnan(w->x[b * p + j]))
            return 1;
    return 0;
}

/* Fills the pairs without a variable known for both with the mean of the defined distances.
 * Any other undefined distance (cosine on a zero vector over the shared variables) is an error,
 * as it was before. Sums run in index order, so the value is the same on every run. */
static int impute(cs_cls_work *w)
{
    cs_classification *c = w->c;
    size_t na = c->na, k = 0, defined = 0, missing = 0;
    double sum = 0;
    for (size_t a = 0; a + 1 < na; a++) {
        for (size_t b = a + 1; b < na; b++, k++) {
            if (!isnan(w->d[k])) {
                sum += w->d[k];
                defined++;
            } else if (share_known(w, a, b)) {
                return cs_error_set(
                    CS_EDATA, "clusters \"%s\" and \"%s\": their %s distance is undefined",
                    c->keys[c->idx[a]], c->keys[c->idx[b]], cs_metric_name(c->opts.distance));
            } else {
                missing++;
            }
        }
    }
    c->imputed = missing;
    if (!missing)
        return 0;
    if (!defined) {
        cs_error_set(CS_EDATA,
                     "no two of the %zu clusters analysed have a variable known for both: there "
                     "is no distance to compare them by",
                     na);
        return cs_error_advise(CS_ADVICE_MIN_KNOWN);
    }
    c->imputed_value = sum / (double)defined;
    k = 0;
    for (size_t a = 0; a + 1 < na; a++)
        for (size_t b = a + 1; b < na; b++, k++)
            if (isnan(w->d[k]))
                w->d[k] = c->imputed_value;
    return 0;
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
    dopts.keep_undefined = 1; /* filled by impute() */
    cs_metric metric = c->opts.distance;
    if (cs_metric_is_binary(metric))
        rc = binary_distances(w, &dopts);
    else if (metric == CS_METRIC_GOWER)
        rc = gower_distances(w, &dopts);
    else
        rc = cs_pdist(w->d, w->x, c->na, c->p, metric, &dopts);
    if (rc)
        return cs_error_wrap("%s distances", cs_metric_name(metric));
    return impute(w);
}
