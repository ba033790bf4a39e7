/*
 * related.c: the related categories a region lacks (regional.h), the US Cluster Mapping
 * Project's "related clusters" read as where a region could grow: a category it is not strong
 * in that is strongly related to categories it is strong in.
 */
#include "clusterscope/regional.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
    size_t index;
    double strength;
} link;

/* Stronger first; NaN (no strength given) after every number; then by index: deterministic. */
static int stronger(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) ? (isnan(b) ? 0 : 1) : -1;
    return a > b ? -1 : a < b ? 1 : 0;
}

static int link_cmp(const void *pa, const void *pb)
{
    const link *a = pa, *b = pb;
    int s = stronger(a->strength, b->strength);
    return s ? s : (a->index > b->index) - (a->index < b->index);
}

static int gap_cmp(const void *pa, const void *pb)
{
    const cs_related_gap *a = pa, *b = pb;
    if (a->links != b->links)
        return a->links > b->links ? -1 : 1;
    int s = stronger(a->strength, b->strength);
    return s ? s : (a->category > b->category) - (a->category < b->category);
}

int cs_regional_related_gaps(cs_related_gap *gaps, size_t *via, size_t *n_gaps,
                             const unsigned char *strong, const unsigned char *related,
                             const double *strength, size_t nc)
{
    if (!gaps || !via || !n_gaps || !strong || !related || !strength)
        return cs_error_set(CS_EUSAGE, "related gaps: an array is missing");
    *n_gaps = 0;
    link *scratch = malloc((nc ? nc : 1) * sizeof *scratch);
    if (!scratch)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu categories", nc);
    size_t ng = 0, nv = 0;
    for (size_t g = 0; g < nc; g++) {
        if (strong[g])
            continue;
        size_t nl = 0;
        double sum = 0;
        for (size_t s = 0; s < nc; s++) {
            /* the link runs from the strong category s to g: related[s][g] */
            if (s == g || !strong[s] || !related[s * nc + g])
                continue;
            scratch[nl].index = s;
            scratch[nl].strength = strength[s * nc + g];
            sum += scratch[nl].strength;
            nl++;
        }
        if (!nl)
            continue;
        qsort(scratch, nl, sizeof *scratch, link_cmp);
        gaps[ng].category = g;
        gaps[ng].links = nl;
        gaps[ng].strength = sum;
        gaps[ng].first = nv;
        for (size_t k = 0; k < nl; k++)
            via[nv++] = scratch[k].index;
        ng++;
    }
    free(scratch);
    /* the via ranges move with their gaps: first is stored in each */
    qsort(gaps, ng, sizeof *gaps, gap_cmp);
    *n_gaps = ng;
    return 0;
}
