/*
 * specialisation.c: the specialisation and concentration measures of EconGeo on a region x
 * industry matrix (regional.h); sources and the choices for 0/0 in docs/regional.md.
 */
#include "clusterscope/regional.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int check_sizes(size_t nr, size_t ni)
{
    if (nr == 0 || ni == 0)
        return cs_error_set(CS_EUSAGE,
                            "a region x industry matrix needs at least one region and "
                            "one industry, found %zu x %zu",
                            nr, ni);
    if (ni > SIZE_MAX / sizeof(double) / nr)
        return cs_error_set(CS_ENOMEM, "a %zu x %zu matrix is too large", nr, ni);
    return 0;
}

/* Row sums (nr), column sums (ni) and the total; the caller frees *rows and *cols. */
static int margins(double **rows, double **cols, double *total, const double *x, size_t nr,
                   size_t ni)
{
    int rc = check_sizes(nr, ni);
    if (rc)
        return rc;
    *rows = calloc(nr, sizeof **rows);
    *cols = calloc(ni, sizeof **cols);
    if (!*rows || !*cols) {
        free(*rows);
        free(*cols);
        *rows = *cols = NULL;
        return cs_error_set(CS_ENOMEM, "out of memory for the margins of a %zu x %zu matrix", nr,
                            ni);
    }
    double t = 0;
    for (size_t r = 0; r < nr; r++) {
        const double *row = x + r * ni;
        double s = 0;
        for (size_t i = 0; i < ni; i++) {
            s += row[i];
            (*cols)[i] += row[i];
        }
        (*rows)[r] = s;
        t += s;
    }
    *total = t;
    return 0;
}

int cs_regional_lq(double *out, const double *x, size_t nr, size_t ni)
{
    double *rows = NULL, *cols = NULL, total = 0;
    int rc = margins(&rows, &cols, &total, x, nr, ni);
    if (rc)
        return rc;
    /* share of the industry in the whole economy, computed once per industry */
    for (size_t i = 0; i < ni; i++)
        cols[i] = cols[i] / total;
    for (size_t r = 0; r < nr; r++) {
        const double *row = x + r * ni;
        double *o = out + r * ni;
        double rs = rows[r];
        for (size_t i = 0; i < ni; i++) {
            double v = (row[i] / rs) / cols[i];
            o[i] = isfinite(v) ? v : 0.0;
        }
    }
    free(rows);
    free(cols);
    return 0;
}

void cs_regional_binary(double *out, const double *lq, size_t n)
{
    for (size_t k = 0; k < n; k++)
        out[k] = lq[k] >= 1.0 ? 1.0 : 0.0;
}

int cs_regional_krugman(double *out, const double *x, size_t nr, size_t ni)
{
    double *rows = NULL, *cols = NULL, total = 0;
    int rc = margins(&rows, &cols, &total, x, nr, ni);
    if (rc)
        return rc;
    for (size_t i = 0; i < ni; i++)
        cols[i] /= total;
    for (size_t r = 0; r < nr; r++) {
        const double *row = x + r * ni;
        double rs = rows[r], k = 0;
        for (size_t i = 0; i < ni; i++)
            k += fabs(row[i] / rs - cols[i]);
        out[r] = rs > 0 ? k : NAN;
    }
    free(rows);
    free(cols);
    return 0;
}

int cs_regional_hoover(double *out, const double *x, size_t nr, size_t ni)
{
    int rc = cs_regional_krugman(out, x, nr, ni);
    if (rc)
        return rc;
    for (size_t r = 0; r < nr; r++)
        out[r] /= 2;
    return 0;
}

int cs_regional_hoover_index(double *out, const double *x, const double *ref, size_t nr, size_t ni)
{
    double *rows = NULL, *cols = NULL, total = 0;
    int rc = margins(&rows, &cols, &total, x, nr, ni);
    if (rc)
        return rc;
    double refsum = 0;
    for (size_t r = 0; r < nr; r++)
        refsum += ref ? ref[r] : 1.0;
    memset(out, 0, ni * sizeof *out);
    for (size_t r = 0; r < nr; r++) {
        const double *row = x + r * ni;
        double p = (ref ? ref[r] : 1.0) / refsum;
        for (size_t i = 0; i < ni; i++)
            out[i] += fabs(row[i] / cols[i] - p);
    }
    for (size_t i = 0; i < ni; i++)
        out[i] = cols[i] > 0 && refsum > 0 ? 100.0 * out[i] / 2 : NAN;
    free(rows);
    free(cols);
    return 0;
}

int cs_regional_herfindahl(double *out, const double *x, size_t nr, size_t ni)
{
    int rc = check_sizes(nr, ni);
    if (rc)
        return rc;
    for (size_t r = 0; r < nr; r++) {
        const double *row = x + r * ni;
        double s = 0, s2 = 0;
        for (size_t i = 0; i < ni; i++) {
            s += row[i];
            s2 += row[i] * row[i];
        }
        out[r] = s > 0 ? s2 / (s * s) : NAN;
    }
    return 0;
}

int cs_regional_entropy(double *out, const double *x, size_t nr, size_t ni)
{
    int rc = check_sizes(nr, ni);
    if (rc)
        return rc;
    for (size_t r = 0; r < nr; r++) {
        const double *row = x + r * ni;
        double s = 0, h = 0;
        for (size_t i = 0; i < ni; i++)
            s += row[i];
        if (!(s > 0)) {
            out[r] = NAN;
            continue;
        }
        for (size_t i = 0; i < ni; i++) {
            /* a zero share adds 0 * log2(1e-9) = 0, as in EconGeo */
            double p = row[i] / s;
            if (p > 0)
                h -= p * log2(p + 1e-9);
        }
        out[r] = h;
    }
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int cs_regional_gini(double *out, const double *x, size_t nr, size_t ni)
{
    int rc = check_sizes(nr, ni);
    if (rc)
        return rc;
    double *v = malloc(nr * sizeof *v);
    if (!v)
        return cs_error_set(CS_ENOMEM, "out of memory for the Gini coefficient of %zu regions", nr);
    for (size_t i = 0; i < ni; i++) {
        double total = 0;
        for (size_t r = 0; r < nr; r++) {
            v[r] = x[r * ni + i];
            total += v[r];
        }
        if (!(total > 0)) {
            out[i] = NAN;
            continue;
        }
        qsort(v, nr, sizeof *v, cmp_double);
        /* EconGeo: p_k = k/n, nu_k = cumsum_k / total; G = sum nu_{k+1} p_k - sum nu_k p_{k+1} */
        double g = 0, cum = 0, n = (double)nr;
        for (size_t k = 0; k + 1 < nr; k++) {
            cum += v[k];
            double nu_k = cum / total, nu_next = (cum + v[k + 1]) / total;
            g += nu_next * ((double)(k + 1) / n) - nu_k * ((double)(k + 2) / n);
        }
        out[i] = g;
    }
    free(v);
    return 0;
}

void cs_regional_diversity(double *out, const double *m, size_t nr, size_t ni)
{
    for (size_t r = 0; r < nr; r++) {
        double s = 0;
        for (size_t i = 0; i < ni; i++)
            s += m[r * ni + i];
        out[r] = s;
    }
}

void cs_regional_ubiquity(double *out, const double *m, size_t nr, size_t ni)
{
    for (size_t i = 0; i < ni; i++)
        out[i] = 0;
    for (size_t r = 0; r < nr; r++)
        for (size_t i = 0; i < ni; i++)
            out[i] += m[r * ni + i];
}

int cs_regional_variety(double *related, double *unrelated, const double *x, const size_t *sector,
                        size_t nsectors, size_t nr, size_t ni)
{
    int rc = check_sizes(nr, ni);
    if (rc)
        return rc;
    if (nsectors == 0)
        return cs_error_set(CS_EUSAGE, "related variety needs at least one sector");
    for (size_t i = 0; i < ni; i++)
        if (sector[i] >= nsectors)
            return cs_error_set(CS_EUSAGE, "industry %zu is in sector %zu of %zu", i, sector[i],
                                nsectors);
    double *big = malloc(nsectors * sizeof *big);
    if (!big)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu sectors", nsectors);
    for (size_t r = 0; r < nr; r++) {
        const double *row = x + r * ni;
        double s = 0;
        for (size_t i = 0; i < ni; i++)
            s += row[i];
        if (!(s > 0)) {
            related[r] = unrelated[r] = NAN;
            continue;
        }
        memset(big, 0, nsectors * sizeof *big);
        for (size_t i = 0; i < ni; i++)
            big[sector[i]] += row[i] / s;
        double uv = 0, rv = 0;
        for (size_t g = 0; g < nsectors; g++)
            if (big[g] > 0)
                uv += big[g] * log2(1.0 / big[g]);
        /* RV = sum_g P_g H_g = sum_i p_i log2(P_g / p_i): the P_g cancel */
        for (size_t i = 0; i < ni; i++) {
            double p = row[i] / s;
            if (p > 0)
                rv += p * log2(big[sector[i]] / p);
        }
        related[r] = rv;
        unrelated[r] = uv;
    }
    free(big);
    return 0;
}
