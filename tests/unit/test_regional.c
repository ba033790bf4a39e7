/*
 * test_regional.c: the measures of regional.h against values worked out by hand (in the
 * comments): location quotients (exactly 1 counts as specialised, 0/0 cells are 0), Krugman,
 * Hoover, Herfindahl, entropy, Gini, the Hoover concentration index, variety, co-occurrence and
 * the four relatedness normalisations, density, the KCI of a nested matrix, R-7 quantiles as
 * R's quantile(type = 7), Dunn's shift-share summing to the change, the CMP's flags, strength
 * and ranks, the ECO's stars; and the long-form reader (sorting, years, positioned errors).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/regional.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EPS 1e-12

/* regions A, B, C (C empty) x industries x, y: the example of the docs */
static const double X[] = { 10, 10, 30, 10, 0, 0 };

static void test_lq(void **state)
{
    (void)state;
    double lq[6], m[6];
    assert_int_equal(cs_regional_lq(lq, X, 3, 2), 0);
    /* S_x = 40/60, S_y = 20/60; A: s = .5, .5 -> .5/(2/3) = .75, .5/(1/3) = 1.5 */
    assert_float_equal(lq[0], 0.75, EPS);
    assert_float_equal(lq[1], 1.5, EPS);
    /* B: .75/(2/3) = 1.125, .25/(1/3) = .75 */
    assert_float_equal(lq[2], 1.125, EPS);
    assert_float_equal(lq[3], 0.75, EPS);
    /* C: 0/0 share -> 0, as EconGeo */
    assert_true(lq[4] == 0 && lq[5] == 0);
    cs_regional_binary(m, lq, 6);
    assert_true(m[0] == 0 && m[1] == 1 && m[2] == 1 && m[3] == 0 && m[4] == 0);

    /* LQ exactly 1: shares .5/.5 in every region and overall; an empty industry is 0 */
    const double even[] = { 2, 2, 0, 1, 1, 0 };
    assert_int_equal(cs_regional_lq(lq, even, 2, 3), 0);
    assert_true(lq[0] == 1.0 && lq[1] == 1.0 && lq[3] == 1.0 && lq[4] == 1.0);
    assert_true(lq[2] == 0 && lq[5] == 0);
    cs_regional_binary(m, lq, 6);
    assert_true(m[0] == 1 && m[1] == 1 && m[2] == 0);
}

static void test_region_measures(void **state)
{
    (void)state;
    double k[3];
    /* A: |.5 - 2/3| + |.5 - 1/3| = 1/3; B: |.75 - 2/3| + |.25 - 1/3| = 1/6; C: undefined */
    assert_int_equal(cs_regional_krugman(k, X, 3, 2), 0);
    assert_float_equal(k[0], 1.0 / 3, EPS);
    assert_float_equal(k[1], 1.0 / 6, EPS);
    assert_true(isnan(k[2]));
    assert_int_equal(cs_regional_hoover(k, X, 3, 2), 0);
    assert_float_equal(k[0], 1.0 / 6, EPS);
    /* Herfindahl B: (30^2 + 10^2) / 40^2 = .625 */
    assert_int_equal(cs_regional_herfindahl(k, X, 3, 2), 0);
    assert_float_equal(k[0], 0.5, EPS);
    assert_float_equal(k[1], 0.625, EPS);
    assert_true(isnan(k[2]));
    /* entropy A: -2 * .5 log2(.5 + 1e-9), just under 1 bit because of EconGeo's 1e-9 */
    assert_int_equal(cs_regional_entropy(k, X, 3, 2), 0);
    assert_float_equal(k[0], -log2(0.5 + 1e-9), EPS);
    assert_true(k[0] < 1.0 && k[0] > 1.0 - 1e-8);
    assert_float_equal(k[1], -(0.75 * log2(0.75 + 1e-9) + 0.25 * log2(0.25 + 1e-9)), EPS);
}

static void test_industry_measures(void **state)
{
    (void)state;
    double g[2];
    /* Gini of x = (0, 10, 30): nu = 0, .25, 1; p = 1/3, 2/3, 1:
     * .25/3 + 1 * 2/3 - (0 * 2/3 + .25 * 1) = .5; of y = (0, 10, 10): 1/3 */
    assert_int_equal(cs_regional_gini(g, X, 3, 2), 0);
    assert_float_equal(g[0], 0.5, EPS);
    assert_float_equal(g[1], 1.0 / 3, EPS);
    /* Hoover index of x against a uniform reference: 100/2 (|.25-1/3| + |.75-1/3| + 1/3) */
    assert_int_equal(cs_regional_hoover_index(g, X, NULL, 3, 2), 0);
    assert_float_equal(g[0], 50.0 * (1.0 / 12 + 5.0 / 12 + 1.0 / 3), 1e-10);
    /* against the reference (1, 3, 0): x's shares .25, .75, 0 match it exactly */
    const double ref[] = { 1, 3, 0 };
    assert_int_equal(cs_regional_hoover_index(g, X, ref, 3, 2), 0);
    assert_float_equal(g[0], 0.0, EPS);
    const double empty[] = { 0, 1, 0, 1 };
    assert_int_equal(cs_regional_gini(g, empty, 2, 2), 0);
    assert_true(isnan(g[0]));
}

static void test_variety(void **state)
{
    (void)state;
    /* shares .25, .25 (sector 0) and .5 (sector 1): UV = 2 * .5 log2 2 = 1;
     * RV = .5 * H_0 + .5 * 0 with H_0 = 1 bit: .5 */
    const double x[] = { 1, 1, 2, 0, 0, 0 };
    const size_t sector[] = { 0, 0, 1 };
    double rv[2], uv[2];
    assert_int_equal(cs_regional_variety(rv, uv, x, sector, 2, 2, 3), 0);
    assert_float_equal(uv[0], 1.0, EPS);
    assert_float_equal(rv[0], 0.5, EPS);
    assert_true(isnan(rv[1]) && isnan(uv[1]));
    const size_t bad[] = { 0, 0, 2 };
    assert_int_equal(cs_regional_variety(rv, uv, x, bad, 2, 2, 3), CS_EUSAGE);
}

static void test_relatedness(void **state)
{
    (void)state;
    /* M rows (1,1,0), (1,1,1), (0,1,1): C01 = 2, C02 = 1, C12 = 2, diagonal 0 */
    const double m[] = { 1, 1, 0, 1, 1, 1, 0, 1, 1 };
    double c[9];
    assert_int_equal(cs_regional_cooccurrence(c, m, 3, 3), 0);
    assert_true(c[0] == 0 && c[1] == 2 && c[2] == 1 && c[3] == 2 && c[5] == 2 && c[8] == 0);
    /* C = [[0,2,1],[2,0,0],[1,0,0]]: S = (3, 2, 1), T = 6 */
    const double cc[] = { 0, 2, 1, 2, 0, 0, 1, 0, 0 };
    double r[9];
    assert_int_equal(cs_regional_relatedness(r, cc, 3, CS_RELATEDNESS_ASSOCIATION), 0);
    assert_float_equal(r[1], (2.0 / 6) / ((3.0 / 6) * (2.0 / 6)), EPS); /* 2 */
    assert_float_equal(r[1], 2.0, EPS);
    assert_true(r[0] == 0 && r[5] == 0);
    assert_int_equal(cs_regional_relatedness(r, cc, 3, CS_RELATEDNESS_COSINE), 0);
    assert_float_equal(r[1], 2.0 / sqrt(6.0), EPS);
    assert_int_equal(cs_regional_relatedness(r, cc, 3, CS_RELATEDNESS_JACCARD), 0);
    assert_float_equal(r[1], 2.0 / 3, EPS);
    /* prob: 2 / [((3/6)(2/3) + (2/6)(3/4)) * 6/2] = 2 / (7/4) = 8/7 */
    assert_int_equal(cs_regional_relatedness(r, cc, 3, CS_RELATEDNESS_PROB), 0);
    assert_float_equal(r[1], 8.0 / 7, EPS);
    assert_float_equal(r[3], 8.0 / 7, EPS);
    assert_true(r[5] == 0 && r[7] == 0); /* 0/0 -> 0 */
    cs_relatedness_norm n;
    assert_int_equal(cs_regional_relatedness_parse(&n, "jaccard"), 0);
    assert_int_equal(n, CS_RELATEDNESS_JACCARD);
    assert_int_equal(cs_regional_relatedness_parse(&n, "Jaccard"), CS_EUSAGE);

    /* density: M row (1,1,0), phi a path 0-1-2: sum_j phi_ji = (1, 2, 1);
     * RD_0 = 100 * (1/1, 1/2, 1/1) */
    const double mm[] = { 1, 1, 0 };
    const double phi[] = { 0, 1, 0, 1, 0, 1, 0, 1, 0 };
    double d[3];
    assert_int_equal(cs_regional_density(d, mm, phi, 1, 3), 0);
    assert_float_equal(d[0], 100.0, EPS);
    assert_float_equal(d[1], 50.0, EPS);
    assert_float_equal(d[2], 100.0, EPS);
}

static void test_complexity(void **state)
{
    (void)state;
    /* nested: R1 (1,1,1), R2 (1,1,0), R3 (1,0,0). D^-1 M U^-1 M^T has the rows
     * (11,5,2)/18, (5,5,2)/12, (1,1,1)/3, eigenvalues 1, 1/4, 1/9; for 1/4 the rows give
     * 4v1 + 4v2 + v3 = 0 and 5v1 + 2v2 + 2v3 = 0, so v = (2, -1, -4): standardised (1, 0, -1),
     * the most diverse region the most complex. A fourth region with no specialisation: NaN. */
    const double m[] = { 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0 };
    double k[4];
    assert_int_equal(cs_regional_complexity(k, m, 4, 3), 0);
    assert_float_equal(k[0], 1.0, 1e-9);
    assert_float_equal(k[1], 0.0, 1e-9);
    assert_float_equal(k[2], -1.0, 1e-9);
    assert_true(isnan(k[3]));
    /* rows in another order: the same values follow their regions */
    const double m2[] = { 1, 0, 0, 1, 1, 1, 1, 1, 0 };
    assert_int_equal(cs_regional_complexity(k, m2, 3, 3), 0);
    assert_float_equal(k[0], -1.0, 1e-9);
    assert_float_equal(k[1], 1.0, 1e-9);
    /* two regions only: no second eigenvector worth the name */
    assert_int_equal(cs_regional_complexity(k, m, 2, 3), CS_EDATA);
}

static void test_quantile(void **state)
{
    (void)state;
    /* R: quantile(c(1, 2, 3, 4, 10), c(.1, .25, .5, .9, 1), type = 7) = 1.4, 2, 3, 7.6, 10 */
    const double v[] = { 1, 2, 3, 4, 10 };
    assert_float_equal(cs_regional_quantile(v, 5, 0.10), 1.4, EPS);
    assert_float_equal(cs_regional_quantile(v, 5, 0.25), 2.0, EPS);
    assert_float_equal(cs_regional_quantile(v, 5, 0.50), 3.0, EPS);
    assert_float_equal(cs_regional_quantile(v, 5, 0.90), 7.6, EPS);
    assert_float_equal(cs_regional_quantile(v, 5, 1.00), 10.0, EPS);
    /* quantile(c(3, 7), .75) = 3 + .75 * 4 = 6; one value is every quantile */
    const double w[] = { 3, 7 };
    assert_float_equal(cs_regional_quantile(w, 2, 0.75), 6.0, EPS);
    assert_float_equal(cs_regional_quantile(w, 1, 0.9), 3.0, EPS);
    assert_true(isnan(cs_regional_quantile(w, 0, 0.5)));
}

static void test_shift_share(void **state)
{
    (void)state;
    /* E1 = 100, E2 = 125 (x1.25); industry growth 45/40 = 1.125 and 80/60 = 4/3.
     * Region A (10, 20) -> (15, 20): NS = 30 * .25 = 7.5; expected 10 * 1.125 + 20 * 4/3 =
     * 37.91666..; IM = 37.9166.. - 37.5 = .41666..; RS = 35 - 37.9166.. = -2.91666..; sum 5 */
    const double x1[] = { 10, 20, 30, 40 }, x2[] = { 15, 20, 30, 60 };
    cs_shift_share s[2];
    assert_int_equal(cs_regional_shift_share(s, x1, x2, 2, 2), 0);
    assert_float_equal(s[0].national_share, 7.5, EPS);
    assert_float_equal(s[0].industry_mix, 11.25 + 80.0 / 3 - 37.5, 1e-10);
    assert_float_equal(s[0].regional_share, 35 - (11.25 + 80.0 / 3), 1e-10);
    for (int r = 0; r < 2; r++)
        assert_float_equal(s[r].national_share + s[r].industry_mix + s[r].regional_share,
                           s[r].to - s[r].from, 1e-10);
    assert_float_equal(s[1].to - s[1].from, 20.0, EPS);
    /* CAGR: 100 -> 121 in 2 years is 10% a year; from 0 undefined */
    assert_float_equal(cs_regional_cagr(100, 121, 2), 0.1, 1e-12);
    assert_true(isnan(cs_regional_cagr(0, 121, 2)));
}

static void test_cmp(void **state)
{
    (void)state;
    /* 5 regions x 2 traded categories; establishments = employment / 10 */
    const double emp[] = { 10, 90, 20, 80, 30, 70, 40, 60, 0, 100 };
    double est[10];
    for (int k = 0; k < 10; k++)
        est[k] = emp[k] / 10;
    cs_cmp_cell c[10];
    cs_cmp_region g[5];
    assert_int_equal(cs_regional_cmp(c, g, emp, est, NULL, 5, 2), 0);
    /* category 1: LQ (10/100)/(100/500) = .5, 1, 1.5, 2 and 0 (no employment). Over the four
     * with employment: Q.25 = .875, Q.50 = 1.25, Q.75 = 1.625, Q.90 = 1.85; emp Q.25 = 17.5,
     * est Q.25 = 1.75. R1 is too small; R2 qualifies; R3 is significant; R4 strong10. */
    assert_float_equal(c[0].lq, 0.5, EPS);
    assert_float_equal(c[6].lq, 2.0, EPS);
    assert_true(!c[0].qualifying && !c[0].significant);
    assert_true(c[2].qualifying && !c[2].significant && !c[2].strong);
    assert_true(c[4].qualifying && c[4].significant && !c[4].strong);
    assert_true(c[6].qualifying && c[6].significant && c[6].strong && c[6].strong10);
    assert_true(!c[8].qualifying && c[8].lq == 0);
    /* category 2: LQ 1.125, 1, .875, .75, 1.25; Q.25 = .875, Q.50 = 1, Q.75 = 1.125,
     * Q.90 = 1.2; emp Q.25 = 70 (R3's 70 is not above it), est Q.25 = 7. */
    assert_true(c[1].qualifying && c[1].significant && c[1].strong && !c[1].strong10);
    assert_true(c[3].qualifying && !c[3].significant); /* LQ exactly Q.50 is not above it */
    assert_true(!c[5].qualifying);
    assert_true(c[9].strong && c[9].strong10);
    /* strength: R1 90/100, R4 40/100, R5 100/100; ranks R5, R1, R4, R2, R3 (ties in order);
     * percentile round(100/5 (rank - .5)) = 10, 30, 50, 70, 90 */
    assert_float_equal(g[0].strength, 0.9, EPS);
    assert_float_equal(g[3].strength, 0.4, EPS);
    assert_int_equal(g[4].rank, 1);
    assert_int_equal(g[0].rank, 2);
    assert_int_equal(g[3].rank, 3);
    assert_int_equal(g[1].rank, 4);
    assert_int_equal(g[2].rank, 5);
    assert_float_equal(g[4].percentile, 10, EPS);
    assert_float_equal(g[2].percentile, 90, EPS);
    assert_int_equal(g[0].n_strong, 1);

    /* category 2 local: category 1's LQ is then against traded employment alone (1 each, as a
     * region's traded employment is all in it) and category 2 gets no flags */
    const unsigned char traded[] = { 1, 0 };
    assert_int_equal(cs_regional_cmp(c, g, emp, est, traded, 5, 2), 0);
    assert_float_equal(c[0].lq, 1.0, EPS);
    assert_true(!c[1].qualifying && !c[9].strong);
    assert_float_equal(c[9].lq, (100.0 / 100) / (400.0 / 400), EPS);

    /* ECO: category 1 emp over regions with employment 10..40, Q.90 = 37: R4 alone; its
     * LQ 2 >= 2; focus .4 >= Q.90 .37: three stars */
    cs_eco_cell e[10];
    assert_int_equal(cs_regional_eco(e, emp, 5, 2), 0);
    assert_int_equal(e[6].stars, 3);
    assert_true(e[6].size && e[6].specialisation && e[6].focus_star);
    assert_int_equal(e[4].stars, 0);
    assert_int_equal(e[8].stars, 0);
}

static char *write_temp(const char *text)
{
    char *path = strdup("/tmp/cs_regional_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static int read_text(cs_regional_data **d, const char *text, const int *years, size_t n_years,
                     int need_year)
{
    static const char *const values[] = { "value" };
    cs_regional_read_options o = { "industry", values, 1,       1, "sector",
                                   need_year,  years,  n_years, 0, 0 };
    char *path = write_temp(text);
    int rc = cs_ingest_read_regional(d, path, &o);
    unlink(path);
    free(path);
    return rc;
}

/* Only zeros: every share and LQ is 0/0, so the reader refuses them (a year at a time); one
 * empty industry or region is data (its LQ is the references' 0). */
static void test_read_zeros(void **state)
{
    (void)state;
    cs_regional_data *d = NULL;
    assert_int_equal(read_text(&d, "region,industry,value\nA,a,0\nB,b,0\n", NULL, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ": expected some value above 0 (every share and "
                                            "quotient divides by its total), found only zeros"));
    assert_null(d);
    const char *years = "region,industry,year,value\nA,a,2015,0\nA,a,2016,2\nB,a,2016,0\n";
    int y[] = { 2016, 2015 };
    assert_int_equal(read_text(&d, years, y, 2, 1), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "expected some value above 0 in 2015 ("));
    assert_int_equal(read_text(&d, years, y, 1, 1), 0); /* 2016 alone */
    assert_int_equal(d->nr, 2);
    assert_true(cs_regional_data_values(d, 0, 0)[0] == 2 &&
                cs_regional_data_values(d, 0, 0)[1] == 0);
    cs_regional_data_free(d);

    /* the check itself: only the first n columns count, and only those the data have */
    static const char *const names[] = { "employment", "establishments" };
    int years2[] = { 2020 };
    cs_regional_builder *b = NULL;
    assert_int_equal(cs_regional_builder_new(&b, 2, years2, 1), 0);
    assert_int_equal(cs_regional_builder_add(b, "a", "x", NULL, 0, 0, 3), 0);
    assert_int_equal(cs_regional_builder_add(b, "a", "x", NULL, 0, 1, 0), 0);
    assert_int_equal(cs_regional_builder_finish(&d, b, NULL, "test"), 0);
    assert_int_equal(cs_regional_data_check_totals(d, names, 1, "test"), 0);
    assert_int_equal(cs_regional_data_check_totals(d, names, 2, "test"), CS_EDATA);
    assert_string_equal(cs_error_last(), "test: expected some establishments above 0 in 2020 "
                                         "(every share and quotient divides by its total), found "
                                         "only zeros");
    cs_regional_data_free(d);
    assert_int_equal(cs_regional_builder_new(&b, 2, years2, 1), 0);
    assert_int_equal(cs_regional_builder_add(b, "a", "x", NULL, 0, 0, 3), 0);
    int has[] = { 1, 0 };
    assert_int_equal(cs_regional_builder_finish(&d, b, has, "test"), 0);
    assert_int_equal(cs_regional_data_check_totals(d, names, 2, "test"), 0);
    cs_regional_data_free(d);
}

static void test_read(void **state)
{
    (void)state;
    cs_regional_data *d = NULL;
    /* rows out of order, a missing cell (B,a) is 0, names sorted by bytes */
    assert_int_equal(read_text(&d, "industry;region;value\nb;B;2,5\na;A;1\nb;A;3\n", NULL, 0, 0),
                     0);
    assert_int_equal(d->nr, 2);
    assert_int_equal(d->ni, 2);
    assert_string_equal(d->region[0], "A");
    assert_string_equal(d->key[1], "b");
    assert_null(d->year);
    assert_null(d->attribute);
    const double *x = cs_regional_data_values(d, 0, 0);
    assert_true(x[0] == 1 && x[1] == 3 && x[2] == 0 && x[3] == 2.5);
    cs_regional_data_free(d);

    const char *years = "region,industry,year,value,sector\nA,a,2015,1,s\nA,a,2016,2,s\n"
                        "B,a,2016,4,s\n";
    assert_int_equal(read_text(&d, years, NULL, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "found 2 years (2015, 2016)"));
    int y2[] = { 2016, 2015 };
    assert_int_equal(read_text(&d, years, y2, 2, 1), 0);
    assert_int_equal(d->ny, 2);
    assert_int_equal(d->year[0], 2016);
    assert_true(cs_regional_data_values(d, 0, 0)[1] == 4); /* B in 2016 */
    assert_true(cs_regional_data_values(d, 1, 0)[1] == 0); /* B in 2015: no row */
    assert_string_equal(d->attribute[0], "s");
    cs_regional_data_free(d);
    int y3[] = { 2030 };
    assert_int_equal(read_text(&d, years, y3, 1, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "expected a year the file holds (2015, 2016), "
                                            "found \"2030\""));

    /* positioned errors */
    assert_int_equal(read_text(&d, "region,industry,valu\nA,a,1\n", NULL, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":1:3: expected a column: region, industry, value"));
    assert_int_equal(read_text(&d, "region,industry,value\nA,a,1\nA,b,-2\n", NULL, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":3:3: expected a value of at least 0, found \"-2\""));
    assert_int_equal(read_text(&d, "region,industry,value\nA,a,x1\n", NULL, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":2:3: expected a number, found \"x1\""));
    assert_int_equal(read_text(&d, "region,industry,value\nA,a,1\nB,a,2\nA,a,3\n", NULL, 0, 0),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":4:1: expected one row per region and industry, "
                                            "found a second row for 'A', 'a' (first on line 2)"));
    assert_int_equal(read_text(&d, "region,industry,value,sector\nA,a,1,s\nB,a,2,t\n", NULL, 0, 0),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":3:4: expected sector 's' for industry 'a' as on "
                                            "line 2, found \"t\""));
    assert_int_equal(read_text(&d, "", NULL, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "empty file"));
    assert_int_equal(read_text(&d, "region,industry,value\n", NULL, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "at least one data row"));
    assert_int_equal(read_text(&d, "region,value\nA,1\n", NULL, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "expected a column 'industry' in the header, found "
                                            "\"region,value\""));
    assert_int_equal(read_text(&d, "region,industry,value\nA,a,1\n", NULL, 0, 1), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "expected a column 'year'"));
    assert_int_equal(read_text(&d, "region,industry,value\nA,a,1,2\n", NULL, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":2: expected 3 fields as in the header, found 4"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lq),
        cmocka_unit_test(test_region_measures),
        cmocka_unit_test(test_industry_measures),
        cmocka_unit_test(test_variety),
        cmocka_unit_test(test_relatedness),
        cmocka_unit_test(test_complexity),
        cmocka_unit_test(test_quantile),
        cmocka_unit_test(test_shift_share),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_read_zeros),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
