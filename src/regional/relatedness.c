/*
 * relatedness.c: co-occurrence, relatedness, relatedness density and knowledge complexity on
 * the binary region x industry matrix M (regional.h); sources in docs/regional.md.
 */
#include "clusterscope/regional.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const norm_names[] = { "prob", "association", "cosine", "jaccard" };

int cs_regional_relatedness_parse(cs_relatedness_norm *out, const char *name)
{
    for (size_t k = 0; k < sizeof norm_names / sizeof norm_names[0]; k++)
        if (name && strcmp(name, norm_names[k]) == 0) {
            *out = (cs_relatedness_norm)k;
            return 0;
        }
    return cs_error_set(CS_EUSAGE,
                        "expected a relatedness normalisation (prob, association, cosine or "
                        "jaccard), found '%s'",
                        name ? name : "");
}

const char *cs_regional_relatedness_name(cs_relatedness_norm norm)
{
    return (unsigned)norm < sizeof norm_names / sizeof norm_names[0] ? norm_names[norm] : "?";
}

static int square_check(size_t ni)
{
    if (ni == 0)
        return cs_error_set(CS_EUSAGE, "relatedness needs at least one industry");
    if (ni > SIZE_MAX / sizeof(double) / ni)
        return cs_error_set(CS_ENOMEM, "a %zu x %zu relatedness matrix is too large", ni, ni);
    return 0;
}

int cs_regional_cooccurrence(double *out, const double *m, size_t nr, size_t ni)
{
    int rc = square_check(ni);
    if (rc)
        return rc;
    memset(out, 0, ni * ni * sizeof *out);
    /* M is mostly zeros: add each region's present pairs only */
    size_t *present = malloc(ni * sizeof *present);
    if (!present)
        return cs_error_set(CS_ENOMEM, "out of memory for the co-occurrence of %zu industries", ni);
    for (size_t r = 0; r < nr; r++) {
        size_t k = 0;
        for (size_t i = 0; i < ni; i++)
            if (m[r * ni + i] != 0)
                present[k++] = i;
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b < k; b++)
                out[present[a] * ni + present[b]] +=
                    m[r * ni + present[a]] * m[r * ni + present[b]];
    }
    for (size_t i = 0; i < ni; i++)
        out[i * ni + i] = 0;
    free(present);
    return 0;
}

int cs_regional_relatedness(double *out, const double *c, size_t ni, cs_relatedness_norm norm)
{
    int rc = square_check(ni);
    if (rc)
        return rc;
    double *s = calloc(ni, sizeof *s);
    if (!s)
        return cs_error_set(CS_ENOMEM, "out of memory for the relatedness of %zu industries", ni);
    double t = 0;
    for (size_t i = 0; i < ni; i++)
        for (size_t j = 0; j < ni; j++)
            if (i != j) {
                s[j] += c[i * ni + j];
                t += c[i * ni + j];
            }
    for (size_t i = 0; i < ni; i++) {
        for (size_t j = 0; j < ni; j++) {
            double cij = i == j ? 0 : c[i * ni + j], si = s[i], sj = s[j], v;
            switch (norm) {
            case CS_RELATEDNESS_ASSOCIATION:
                v = (cij / t) / ((si / t) * (sj / t));
                break;
            case CS_RELATEDNESS_COSINE:
                v = cij / sqrt(si * sj);
                break;
            case CS_RELATEDNESS_JACCARD:
                v = cij / (si + sj - cij);
                break;
            default:
                v = cij / (((si / t) * (sj / (t - si)) + (sj / t) * (si / (t - sj))) * (t / 2));
                break;
            }
            /* EconGeo sets NaN (0/0) to 0; a finite numerator over 0 cannot occur here */
            out[i * ni + j] = (i == j || isnan(v)) ? 0.0 : v;
        }
    }
    free(s);
    return 0;
}

int cs_regional_density(double *out, const double *m, const double *phi, size_t nr, size_t ni)
{
    int rc = square_check(ni);
    if (rc)
        return rc;
    double *tot = calloc(ni, sizeof *tot);
    if (!tot)
        return cs_error_set(CS_ENOMEM, "out of memory for the density of %zu industries", ni);
    for (size_t j = 0; j < ni; j++)
        for (size_t i = 0; i < ni; i++)
            tot[i] += phi[j * ni + i];
    for (size_t r = 0; r < nr; r++) {
        double *o = out + r * ni;
        memset(o, 0, ni * sizeof *o);
        for (size_t j = 0; j < ni; j++) {
            double w = m[r * ni + j];
            if (w == 0)
                continue;
            for (size_t i = 0; i < ni; i++)
                o[i] += w * phi[j * ni + i];
        }
        for (size_t i = 0; i < ni; i++)
            o[i] = 100.0 * o[i] / tot[i];
    }
    free(tot);
    return 0;
}

/* y = S v with S = D^-1/2 M U^-1 M^T D^-1/2 over the kept regions and industries. */
static void apply_s(double *y, const double *v, double *w, const double *m, const size_t *rows,
                    size_t nk, const double *dsq, const double *u, size_t ni)
{
    memset(w, 0, ni * sizeof *w);
    for (size_t a = 0; a < nk; a++) {
        const double *row = m + rows[a] * ni;
        double va = v[a] / dsq[a];
        for (size_t i = 0; i < ni; i++)
            w[i] += row[i] * va;
    }
    for (size_t i = 0; i < ni; i++)
        w[i] = u[i] > 0 ? w[i] / u[i] : 0;
    for (size_t a = 0; a < nk; a++) {
        const double *row = m + rows[a] * ni;
        double s = 0;
        for (size_t i = 0; i < ni; i++)
            s += row[i] * w[i];
        y[a] = s / dsq[a];
    }
}

static double dot(const double *a, const double *b, size_t n)
{
    double s = 0;
    for (size_t k = 0; k < n; k++)
        s += a[k] * b[k];
    return s;
}

int cs_regional_complexity(double *out, const double *m, size_t nr, size_t ni)
{
    if (nr == 0 || ni == 0)
        return cs_error_set(CS_EUSAGE, "complexity needs regions and industries");
    double *u = malloc(ni * sizeof *u), *w = malloc(ni * sizeof *w);
    size_t *rows = malloc(nr * sizeof *rows);
    double *dsq = malloc(nr * sizeof *dsq), *e1 = malloc(nr * sizeof *e1);
    double *v = malloc(nr * sizeof *v), *y = malloc(nr * sizeof *y);
    int rc = 0;
    if (!u || !w || !rows || !dsq || !e1 || !v || !y) {
        rc = cs_error_set(CS_ENOMEM, "out of memory for the complexity of %zu regions", nr);
        goto done;
    }
    cs_regional_ubiquity(u, m, nr, ni);
    size_t nk = 0;
    for (size_t r = 0; r < nr; r++) {
        double d = 0;
        for (size_t i = 0; i < ni; i++)
            d += m[r * ni + i];
        out[r] = NAN;
        if (d > 0) {
            rows[nk] = r;
            dsq[nk++] = sqrt(d);
        }
    }
    if (nk < 3) {
        rc = cs_error_set(CS_EDATA,
                          "complexity needs at least 3 regions specialised in some industry "
                          "(location quotient >= 1), found %zu",
                          nk);
        goto done;
    }
    /* S's largest eigenvalue is 1 with eigenvector D^1/2 1; the KCI is the next one's */
    double norm = 0;
    for (size_t a = 0; a < nk; a++)
        norm += dsq[a] * dsq[a];
    norm = sqrt(norm);
    for (size_t a = 0; a < nk; a++)
        e1[a] = dsq[a] / norm;
    /* a start that is deterministic and not orthogonal to any eigenvector in practice */
    for (size_t a = 0; a < nk; a++)
        v[a] = dsq[a] * dsq[a] + 1.0 / (double)(a + 2);
    int converged = 0;
    for (long it = 0; it < 200000 && !converged; it++) {
        double p = dot(v, e1, nk);
        for (size_t a = 0; a < nk; a++)
            v[a] -= p * e1[a];
        double nv = sqrt(dot(v, v, nk));
        if (!(nv > 0))
            break;
        for (size_t a = 0; a < nk; a++)
            v[a] /= nv;
        apply_s(y, v, w, m, rows, nk, dsq, u, ni);
        p = dot(y, e1, nk);
        for (size_t a = 0; a < nk; a++)
            y[a] -= p * e1[a];
        double lambda = dot(v, y, nk), res = 0;
        for (size_t a = 0; a < nk; a++)
            res += (y[a] - lambda * v[a]) * (y[a] - lambda * v[a]);
        if (sqrt(res) < 1e-13)
            converged = 1;
        memcpy(v, y, nk * sizeof *v);
    }
    if (!converged) {
        rc = cs_error_set(CS_ERROR, "the complexity eigenvector did not converge: the second "
                                    "eigenvalue is not separated from the third");
        goto done;
    }
    /* back from the symmetric form: the eigenvector of D^-1 M U^-1 M^T is D^-1/2 v */
    double mean = 0, var = 0, cov = 0, dmean = 0;
    for (size_t a = 0; a < nk; a++) {
        v[a] /= dsq[a];
        mean += v[a];
        dmean += dsq[a] * dsq[a];
    }
    mean /= (double)nk;
    dmean /= (double)nk;
    for (size_t a = 0; a < nk; a++) {
        var += (v[a] - mean) * (v[a] - mean);
        cov += (v[a] - mean) * (dsq[a] * dsq[a] - dmean);
    }
    double sd = sqrt(var / (double)(nk - 1)), sign = cov < 0 ? -1.0 : 1.0;
    for (size_t a = 0; a < nk; a++)
        out[rows[a]] = sign * (v[a] - mean) / sd;
done:
    free(u);
    free(w);
    free(rows);
    free(dsq);
    free(e1);
    free(v);
    free(y);
    return rc;
}
