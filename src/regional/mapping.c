/*
 * mapping.c: the strong-cluster rules of the US Cluster Mapping Project and the European
 * Cluster Observatory's stars, Dunn's shift-share and growth rates (regional.h); sources in
 * docs/regional.md.
 */
#include "clusterscope/regional.h"

#include "clusterscope/error.h"

#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

double cs_regional_quantile(const double *sorted, size_t n, double p)
{
    if (n == 0)
        return NAN;
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int check(size_t nr, size_t nc)
{
    if (nr == 0 || nc == 0)
        return cs_error_set(CS_EUSAGE,
                            "the rule needs at least one region and one category, "
                            "found %zu x %zu",
                            nr, nc);
    if (nc > SIZE_MAX / sizeof(double) / nr)
        return cs_error_set(CS_ENOMEM, "a %zu x %zu matrix is too large", nr, nc);
    return 0;
}

/* Sorted values of column c over the regions with emp > 0 into v; returns their count. */
static size_t column_sorted(double *v, const double *col, size_t stride, const double *emp,
                            size_t nr, size_t c)
{
    size_t n = 0;
    for (size_t r = 0; r < nr; r++)
        if (emp[r * stride + c] > 0)
            v[n++] = col[r * stride + c];
    qsort(v, n, sizeof *v, cmp_double);
    return n;
}

typedef struct {
    double key;
    size_t r;
} rank_item;

/* descending; ties in region order, so that ranks are the same on every run */
static int cmp_rank(const void *a, const void *b)
{
    const rank_item *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? 1 : -1;
    return (x->r > y->r) - (x->r < y->r);
}

int cs_regional_cmp(cs_cmp_cell *cells, cs_cmp_region *regions, const double *emp,
                    const double *est, const unsigned char *traded, size_t nr, size_t nc)
{
    int rc = check(nr, nc);
    if (rc)
        return rc;
    double *tr = calloc(nr, sizeof *tr), *lo = calloc(nr, sizeof *lo);
    /* one column of scratch per thread: the categories are ranked in parallel */
    size_t threads = (size_t)omp_get_max_threads();
    double *lq = malloc(nr * nc * sizeof *lq), *v = malloc(threads * nr * sizeof *v);
    rank_item *items = malloc(nr * sizeof *items);
    if (!tr || !lo || !lq || !v || !items) {
        rc = cs_error_set(CS_ENOMEM, "out of memory for the strong-cluster rule on %zu x %zu", nr,
                          nc);
        goto done;
    }
    /* the region's and the nation's employment of each type: the LQ's denominators */
    double nat_tr = 0, nat_lo = 0;
    double *catsum = calloc(nc, sizeof *catsum);
    if (!catsum) {
        rc = cs_error_set(CS_ENOMEM, "out of memory for %zu categories", nc);
        goto done;
    }
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            double e = emp[r * nc + c];
            catsum[c] += e;
            if (!traded || traded[c])
                tr[r] += e;
            else
                lo[r] += e;
        }
    for (size_t r = 0; r < nr; r++) {
        nat_tr += tr[r];
        nat_lo += lo[r];
    }
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            int t = !traded || traded[c];
            double x =
                (emp[r * nc + c] / (t ? tr[r] : lo[r])) / (catsum[c] / (t ? nat_tr : nat_lo));
            lq[r * nc + c] = isfinite(x) ? x : 0.0;
            cs_cmp_cell *cell = &cells[r * nc + c];
            memset(cell, 0, sizeof *cell);
            cell->lq = lq[r * nc + c];
        }
    free(catsum);
    /* each category's quantiles and flags touch only its own column of cells */
#pragma omp parallel for schedule(dynamic, 16) if (nc > 16)
    for (size_t c = 0; c < nc; c++) {
        if (traded && !traded[c])
            continue;
        double *vt = v + (size_t)omp_get_thread_num() * nr;
        size_t n = column_sorted(vt, lq, nc, emp, nr, c);
        if (n == 0)
            continue;
        double q25 = cs_regional_quantile(vt, n, 0.25), q50 = cs_regional_quantile(vt, n, 0.50);
        double q75 = cs_regional_quantile(vt, n, 0.75), q90 = cs_regional_quantile(vt, n, 0.90);
        column_sorted(vt, emp, nc, emp, nr, c);
        double e25 = cs_regional_quantile(vt, n, 0.25);
        column_sorted(vt, est, nc, emp, nr, c);
        double s25 = cs_regional_quantile(vt, n, 0.25);
        for (size_t r = 0; r < nr; r++) {
            double e = emp[r * nc + c];
            if (!(e > 0))
                continue;
            cs_cmp_cell *cell = &cells[r * nc + c];
            double x = cell->lq;
            int size = e > e25 && est[r * nc + c] > s25;
            cell->qualifying = size && x > q25;
            cell->significant = size && x > q50;
            cell->strong = size && x >= q75 && x >= 1;
            cell->strong10 = size && x >= q90 && x >= 1;
        }
    }
    if (regions) {
        size_t n = 0;
        for (size_t r = 0; r < nr; r++) {
            cs_cmp_region *g = &regions[r];
            memset(g, 0, sizeof *g);
            g->traded = tr[r];
            for (size_t c = 0; c < nc; c++)
                if (cells[r * nc + c].strong) {
                    g->strong += emp[r * nc + c];
                    g->n_strong++;
                }
            g->strength = tr[r] > 0 ? g->strong / tr[r] : 0;
            g->percentile = NAN;
            if (tr[r] > 0)
                items[n++] = (rank_item){ g->strength, r };
        }
        qsort(items, n, sizeof *items, cmp_rank);
        for (size_t k = 0; k < n; k++) {
            cs_cmp_region *g = &regions[items[k].r];
            g->rank = k + 1;
            g->percentile = round(100.0 / (double)n * ((double)(k + 1) - 0.5));
        }
    }
done:
    free(tr);
    free(lo);
    free(lq);
    free(v);
    free(items);
    return rc;
}

int cs_regional_eco(cs_eco_cell *cells, const double *emp, size_t nr, size_t nc)
{
    int rc = check(nr, nc);
    if (rc)
        return rc;
    double *lq = malloc(nr * nc * sizeof *lq), *focus = malloc(nr * nc * sizeof *focus);
    double *rows = calloc(nr, sizeof *rows), *v = malloc(nr * sizeof *v);
    if (!lq || !focus || !rows || !v) {
        rc = cs_error_set(CS_ENOMEM, "out of memory for the stars on %zu x %zu", nr, nc);
        goto done;
    }
    rc = cs_regional_lq(lq, emp, nr, nc);
    if (rc)
        goto done;
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++)
            rows[r] += emp[r * nc + c];
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            double f = emp[r * nc + c] / rows[r];
            focus[r * nc + c] = isfinite(f) ? f : 0.0;
        }
    for (size_t c = 0; c < nc; c++) {
        size_t n = column_sorted(v, emp, nc, emp, nr, c);
        double e90 = cs_regional_quantile(v, n, 0.90);
        column_sorted(v, focus, nc, emp, nr, c);
        double f90 = cs_regional_quantile(v, n, 0.90);
        for (size_t r = 0; r < nr; r++) {
            cs_eco_cell *cell = &cells[r * nc + c];
            memset(cell, 0, sizeof *cell);
            double e = emp[r * nc + c];
            cell->lq = lq[r * nc + c];
            cell->focus = focus[r * nc + c];
            if (!(e > 0))
                continue;
            cell->size = e >= e90;
            cell->specialisation = cell->lq >= 2;
            cell->focus_star = cell->focus >= f90;
            cell->stars = (unsigned char)(cell->size + cell->specialisation + cell->focus_star);
        }
    }
done:
    free(lq);
    free(focus);
    free(rows);
    free(v);
    return rc;
}

int cs_regional_shift_share(cs_shift_share *out, const double *x1, const double *x2, size_t nr,
                            size_t ni)
{
    int rc = check(nr, ni);
    if (rc)
        return rc;
    double *g = calloc(ni, sizeof *g), *c2 = calloc(ni, sizeof *c2);
    if (!g || !c2) {
        free(g);
        free(c2);
        return cs_error_set(CS_ENOMEM, "out of memory for the shift-share of %zu industries", ni);
    }
    double e1 = 0, e2 = 0;
    for (size_t r = 0; r < nr; r++)
        for (size_t i = 0; i < ni; i++) {
            g[i] += x1[r * ni + i];
            c2[i] += x2[r * ni + i];
        }
    for (size_t i = 0; i < ni; i++) {
        e1 += g[i];
        e2 += c2[i];
        g[i] = g[i] > 0 ? c2[i] / g[i] : 0; /* its E_ri1 are all 0: the growth is never used */
    }
    double growth = e1 > 0 ? e2 / e1 : NAN;
    for (size_t r = 0; r < nr; r++) {
        double a = 0, b = 0, expected = 0;
        for (size_t i = 0; i < ni; i++) {
            a += x1[r * ni + i];
            b += x2[r * ni + i];
            expected += x1[r * ni + i] * g[i];
        }
        cs_shift_share *s = &out[r];
        s->from = a;
        s->to = b;
        s->national_share = a * growth - a;
        s->industry_mix = expected - a * growth;
        s->regional_share = e1 > 0 ? b - expected : NAN;
    }
    free(g);
    free(c2);
    return 0;
}

double cs_regional_cagr(double v0, double v, double years)
{
    if (!(v0 > 0) || !(years > 0) || !(v >= 0))
        return NAN;
    return pow(v / v0, 1.0 / years) - 1.0;
}
