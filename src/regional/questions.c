/*
 * questions.c: the seeds' regional questions (regional.h): Pearson and Spearman correlations
 * with confidence intervals and p-values as R's cor.test computes them, and the threshold rule
 * and regional typology of seed 004 (lines 115-125). Plain arrays; NaN is an unknown value.
 */
#include "clusterscope/regional.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Continued fraction of the incomplete beta (modified Lentz), converging for x < (a+1)/(a+b+2). */
static double beta_cf(double x, double a, double b)
{
    const double tiny = 1e-300, eps = 1e-16;
    double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (fabs(d) < tiny)
        d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10000; m++) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < eps)
            break;
    }
    return h;
}

double cs_regional_beta_inc(double x, double a, double b)
{
    if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1))
        return NAN;
    if (x == 0 || x == 1)
        return x;
    /* the prefactor x^a (1-x)^b / (a B(a, b)) in logs, to keep large a and b finite */
    double lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
    if (x < (a + 1) / (a + b + 2))
        return exp(lbt) * beta_cf(x, a, b) / a;
    return 1 - exp(lbt) * beta_cf(1 - x, b, a) / b;
}

double cs_regional_t_p(double t, double df)
{
    if (isnan(t) || !(df > 0))
        return NAN;
    if (isinf(t))
        return 0;
    /* P(|T| > |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2) */
    return cs_regional_beta_inc(df / (df + t * t), df / 2, 0.5);
}

double cs_regional_normal_quantile(double p)
{
    if (!(p > 0) || !(p < 1))
        return p == 0 ? -HUGE_VAL : p == 1 ? HUGE_VAL : NAN;
    /* Acklam's rational approximation (relative error 1.15e-9), then Halley steps on erfc,
     * which bring it to the last bits of a double */
    static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02,
                                -2.759285104469687e+02, 1.383577518672690e+02,
                                -3.066479806614716e+01, 2.506628277459239e+00 };
    static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02,
                                -1.556989798598866e+02, 6.680131188771972e+01,
                                -1.328068155288572e+01 };
    static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01,
                                -2.400758277161838e+00, -2.549732539343734e+00,
                                4.374664141464968e+00,  2.938163982698783e+00 };
    static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                3.754408661907416e+00 };
    const double lo = 0.02425;
    double x;
    if (p < lo || p > 1 - lo) {
        double q = sqrt(-2 * log(p < lo ? p : 1 - p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        if (p > 1 - lo)
            x = -x;
    } else {
        double q = p - 0.5, r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    for (int k = 0; k < 3; k++) {
        double e = 0.5 * erfc(-x / sqrt(2.0)) - p;
        double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
        x = x - u / (1 + x * u / 2);
    }
    return x;
}

typedef struct {
    double v;
    size_t i;
} ranked;

static int cmp_ranked(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->v != b->v)
        return a->v < b->v ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

int cs_regional_ranks(double *out, const double *x, size_t n)
{
    ranked *s = malloc((n ? n : 1) * sizeof *s);
    if (!s)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu ranks", n);
    for (size_t k = 0; k < n; k++)
        s[k] = (ranked){ x[k], k };
    qsort(s, n, sizeof *s, cmp_ranked);
    for (size_t k = 0; k < n;) {
        size_t e = k + 1;
        while (e < n && s[e].v == s[k].v)
            e++;
        double mean = (double)(k + 1 + e) / 2; /* ranks k+1 .. e */
        for (size_t j = k; j < e; j++)
            out[s[j].i] = mean;
        k = e;
    }
    free(s);
    return 0;
}

/* The pairs with both values known, copied to a and b; *m their number. */
static int known_pairs(double **a, double **b, size_t *m, const double *x, const double *y,
                       size_t n, double confidence)
{
    *a = *b = NULL;
    if (!x || !y)
        return cs_error_set(CS_EUSAGE, "correlation: no values");
    if (!(confidence > 0 && confidence < 1))
        return cs_error_set(CS_EUSAGE, "expected a confidence level between 0 and 1, found %g",
                            confidence);
    *a = malloc((n ? n : 1) * sizeof **a);
    *b = malloc((n ? n : 1) * sizeof **b);
    if (!*a || !*b)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu pairs", n);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !isnan(y[i])) {
            (*a)[k] = x[i];
            (*b)[k] = y[i];
            k++;
        }
    *m = k;
    if (k < 4)
        return cs_error_set(CS_EDATA,
                            "expected at least 4 regions with both values for a correlation "
                            "and its confidence interval, found %zu",
                            k);
    return 0;
}

/* r of m pairs, with the constant-variable check. */
static int pearson_r(double *r, const double *a, const double *b, size_t m)
{
    double ma = 0, mb = 0;
    for (size_t k = 0; k < m; k++) {
        ma += a[k];
        mb += b[k];
    }
    ma /= (double)m;
    mb /= (double)m;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t k = 0; k < m; k++) {
        double da = a[k] - ma, db = b[k] - mb;
        sab += da * db;
        saa += da * da;
        sbb += db * db;
    }
    if (saa == 0 || sbb == 0)
        return cs_error_set(CS_EDATA,
                            "expected two variables that vary, found the %s constant over the "
                            "%zu regions with both values",
                            saa == 0 && sbb == 0 ? "first and the second"
                            : saa == 0           ? "first"
                                                 : "second",
                            m);
    double v = sab / sqrt(saa * sbb);
    *r = v > 1 ? 1 : v < -1 ? -1 : v; /* rounding can step past +-1 */
    return 0;
}

static void finish(cs_correlation *out, double r, size_t m, double se, double confidence)
{
    double z = atanh(r), q = cs_regional_normal_quantile((1 + confidence) / 2);
    double df = (double)m - 2;
    out->n = m;
    out->r = r;
    out->lower = tanh(z - q * se);
    out->upper = tanh(z + q * se);
    out->p = fabs(r) == 1 ? 0 : cs_regional_t_p(r * sqrt(df / (1 - r * r)), df);
}

int cs_regional_pearson(cs_correlation *out, const double *x, const double *y, size_t n,
                        double confidence)
{
    double *a, *b, r = 0;
    size_t m = 0;
    memset(out, 0, sizeof *out);
    int rc = known_pairs(&a, &b, &m, x, y, n, confidence);
    out->n = m;
    rc = rc ? rc : pearson_r(&r, a, b, m);
    if (!rc)
        finish(out, r, m, 1 / sqrt((double)m - 3), confidence);
    free(a);
    free(b);
    return rc;
}

int cs_regional_spearman(cs_correlation *out, const double *x, const double *y, size_t n,
                         double confidence)
{
    double *a, *b, r = 0;
    size_t m = 0;
    memset(out, 0, sizeof *out);
    int rc = known_pairs(&a, &b, &m, x, y, n, confidence);
    out->n = m;
    double *ra = NULL, *rb = NULL;
    if (!rc) {
        ra = malloc(m * sizeof *ra);
        rb = malloc(m * sizeof *rb);
        rc = ra && rb ? 0 : cs_error_set(CS_ENOMEM, "out of memory for %zu ranks", m);
    }
    rc = rc ? rc : cs_regional_ranks(ra, a, m);
    rc = rc ? rc : cs_regional_ranks(rb, b, m);
    rc = rc ? rc : pearson_r(&r, ra, rb, m);
    if (!rc) /* Bonett and Wright (2000) */
        finish(out, r, m, sqrt((1 + r * r / 2) / ((double)m - 3)), confidence);
    free(ra);
    free(rb);
    free(a);
    free(b);
    return rc;
}

const char *cs_regional_type_name(cs_region_type t)
{
    switch (t) {
    case CS_REGION_TYPE_NO_APPLICATION:
        return "no_application";
    case CS_REGION_TYPE_ONE_CLUSTER:
        return "one_cluster";
    case CS_REGION_TYPE_MANY_CLUSTERS:
        return "many_clusters";
    default:
        return NULL;
    }
}

int cs_regional_threshold(cs_threshold_rule *rule, cs_region_type *type, unsigned char *violation,
                          const double *x, const double *c, const double *k, size_t n,
                          double threshold)
{
    memset(rule, 0, sizeof *rule);
    rule->largest = HUGE_VAL;
    if (isnan(threshold))
        return cs_error_set(CS_EUSAGE, "the threshold is no number");
    if (n && (!x || !c))
        return cs_error_set(CS_EUSAGE, "threshold rule: no values");
    for (size_t r = 0; r < n; r++) {
        int known = !isnan(x[r]) && !isnan(c[r]);
        int below = known && x[r] < threshold, bad = below && c[r] > 1;
        if (known) {
            rule->n++;
            rule->below += below;
            rule->violations += bad;
            if (c[r] > 1 && x[r] < rule->largest)
                rule->largest = x[r];
        }
        if (violation)
            violation[r] = (unsigned char)bad;
        if (!type)
            continue;
        double kr = k ? k[r] : NAN;
        if (isnan(c[r]))
            type[r] = CS_REGION_TYPE_NONE;
        else if (c[r] == 0)
            type[r] = CS_REGION_TYPE_NO_APPLICATION;
        else if (kr == 1)
            type[r] = CS_REGION_TYPE_ONE_CLUSTER;
        else if (kr >= 2)
            type[r] = CS_REGION_TYPE_MANY_CLUSTERS;
        else
            type[r] = CS_REGION_TYPE_NONE;
    }
    return 0;
}
