/*
 * profile.c: the profile of each group, as the study's group table shows it: its size, per item
 * and indicator the members known to meet it and the members it is known for (unknown kept
 * apart, whatever the policy), the mean block scores (unknown counted as not met, as the
 * assessment's block scores do), the countries, and the members the study places in each
 * reference type. Labelling follows when there is a reference set (label.c).
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

static int cmp_country(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Countries of group g, most frequent first, ties by code. */
static int profile_countries(cs_classification *c, int g)
{
    size_t size = c->groups[g].size, nc = 0;
    const char **codes = malloc((size + 1) * sizeof *codes);
    size_t *counts = malloc((size + 1) * sizeof *counts);
    if (!codes || !counts) {
        free(codes);
        free(counts);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t a = 0; a < c->na; a++)
        if (c->group[c->idx[a]] == g + 1)
            codes[nc++] = c->countries[c->idx[a]];
    qsort(codes, nc, sizeof *codes, cmp_country);
    size_t u = 0;
    for (size_t i = 0; i < nc; i++) {
        if (u && strcmp(codes[u - 1], codes[i]) == 0) {
            counts[u - 1]++;
        } else {
            codes[u] = codes[i];
            counts[u++] = 1;
        }
    }
    /* most frequent first, ties by code (a stable insertion sort keeps code order) */
    for (size_t i = 1; i < u; i++) {
        const char *cc = codes[i];
        size_t cn = counts[i], j = i;
        while (j > 0 && counts[j - 1] < cn) {
            codes[j] = codes[j - 1];
            counts[j] = counts[j - 1];
            j--;
        }
        codes[j] = cc;
        counts[j] = cn;
    }
    c->country_codes[g] = codes;
    c->country_counts[g] = counts;
    c->groups[g].countries = codes;
    c->groups[g].country_count = counts;
    c->groups[g].n_countries = u;
    return 0;
}

static int allocate(cs_classification *c, size_t per, size_t nt)
{
    size_t k = (size_t)c->k;
    c->groups = calloc(k + 1, sizeof *c->groups);
    c->counts = calloc(k * per + 1, sizeof *c->counts);
    c->bmeans = calloc(k * 2 * c->n_blocks + 1, sizeof *c->bmeans);
    c->study = calloc(k * nt + 1, sizeof *c->study);
    c->reasons = calloc(k + 1, sizeof *c->reasons);
    c->country_codes = calloc(k + 1, sizeof *c->country_codes);
    c->country_counts = calloc(k + 1, sizeof *c->country_counts);
    if (!c->groups || !c->counts || !c->bmeans || !c->study || !c->reasons || !c->country_codes ||
        !c->country_counts)
        return cs_error_set(CS_ENOMEM, "out of memory");
    return 0;
}

/* Adds analysed object i to the counts of its group. */
static void count_member(const cs_classification *c, size_t i, size_t *im, size_t *ik, size_t *dm,
                         size_t *dk, double *bi, double *bp, size_t *st)
{
    for (size_t v = 0; v < c->n_items; v++) {
        cs_result r = c->items[i * c->n_items + v];
        ik[v] += r != CS_RESULT_UNKNOWN;
        im[v] += r == CS_RESULT_MET;
    }
    for (size_t v = 0; v < c->n_ind; v++) {
        cs_result r = c->inds[i * c->n_ind + v];
        dk[v] += r != CS_RESULT_UNKNOWN;
        dm[v] += r == CS_RESULT_MET;
    }
    for (size_t b = 0; b < c->n_blocks; b++) {
        bi[b] += c->blocks[i * c->n_blocks + b].indicators;
        bp[b] += c->blocks[i * c->n_blocks + b].points;
    }
    if (c->ref && c->ref->n_types) {
        size_t t = cs_cls_type_index(c->ref, cs_cls_reference_type_of(c->ref, c->keys[i]));
        if (t != SIZE_MAX)
            st[t]++;
    }
}

int cs_cls_profiles(cs_classification *c)
{
    size_t nt = c->ref ? c->ref->n_types : 0;
    size_t per = 2 * c->n_items + 2 * c->n_ind;
    int rc = allocate(c, per, nt);
    for (int g = 0; !rc && g < c->k; g++) {
        cs_classify_group *grp = &c->groups[g];
        size_t *base = c->counts + (size_t)g * per;
        size_t *im = base, *ik = base + c->n_items, *dm = ik + c->n_items, *dk = dm + c->n_ind;
        double *bi = c->bmeans + (size_t)g * 2 * c->n_blocks, *bp = bi + c->n_blocks;
        size_t *st = c->study + (size_t)g * nt;
        grp->number = g + 1;
        for (size_t a = 0; a < c->na; a++) {
            size_t i = c->idx[a];
            if (c->group[i] != g + 1)
                continue;
            grp->size++;
            count_member(c, i, im, ik, dm, dk, bi, bp, st);
        }
        for (size_t b = 0; b < c->n_blocks && grp->size; b++) {
            bi[b] /= (double)grp->size;
            bp[b] /= (double)grp->size;
        }
        grp->item_met = im;
        grp->item_known = ik;
        grp->indicator_met = dm;
        grp->indicator_known = dk;
        grp->block_indicators = bi;
        grp->block_points = bp;
        grp->study_count = st;
        rc = profile_countries(c, g);
        if (!rc && c->ref)
            rc = cs_cls_label_group(c, g);
        if (!c->ref)
            grp->reason = "";
    }
    if (!rc && c->ref)
        rc = cs_cls_label_shared(c);
    return rc;
}
