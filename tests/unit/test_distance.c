/*
 * Data matrix, CSV loader and distances: every metric against scipy.spatial.distance.pdist,
 * Gower against R's cluster::daisy, unknown cells against R's dist(), and the error messages.
 * References are produced at test time by Debian's python3-scipy and R (typology_test_util.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/typology.h"
#include "typology_test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-12

static const char *const numeric_metrics[] = { "euclidean", "sqeuclidean", "cityblock", "chebyshev",
                                               "cosine" };
static const char *const binary_metrics[] = { "hamming", "jaccard", "dice", "rogerstanimoto" };

/* Loads a reference case, skipping or failing the test when references are unavailable. */
static ty_ref *need(const char *kind, const char *name)
{
    int rc = ty_ensure(kind);
    if (rc == 1) {
        print_message("%s\n", ty_msg);
        skip();
    }
    if (rc != 0)
        fail_msg("%s", ty_msg);
    ty_ref *r = ty_ref_load(kind, name);
    if (!r)
        fail_msg("%s", ty_msg);
    return r;
}

static const ty_block *block(const ty_ref *r, const char *name)
{
    const ty_block *b = ty_ref_get(r, name);
    if (!b)
        fail_msg("reference block %s missing", name);
    return b;
}

static size_t pairs(size_t n)
{
    return n * (n - 1) / 2;
}

/* Compares our condensed distances with a reference; exact = bitwise. */
static void expect_condensed(const double *ours, const ty_block *ref, size_t n, int exact,
                             const char *what)
{
    assert_int_equal(ref->rows * ref->cols, pairs(n));
    for (size_t k = 0; k < pairs(n); k++) {
        double b = ref->v[k];
        int ok = exact ? ours[k] == b : ty_close(ours[k], b, TOL);
        if (!ok)
            fail_msg("%s: pair %zu: ours %.17g, reference %.17g", what, k, ours[k], b);
    }
}

static cs_datamatrix *matrix_from(const ty_block *x, cs_var_type t)
{
    cs_var_type *types = malloc(x->cols * sizeof *types);
    for (size_t j = 0; j < x->cols; j++)
        types[j] = t;
    cs_datamatrix *m = NULL;
    assert_int_equal(cs_datamatrix_new(&m, x->rows, x->cols, types), 0);
    free(types);
    for (size_t i = 0; i < x->rows; i++) {
        char id[32];
        snprintf(id, sizeof id, "o%zu", i);
        assert_int_equal(cs_datamatrix_set_id(m, i, id), 0);
        for (size_t j = 0; j < x->cols; j++) {
            double v = x->v[i * x->cols + j];
            if (isnan(v))
                assert_int_equal(cs_datamatrix_set_unknown(m, i, j), 0);
            else
                assert_int_equal(cs_datamatrix_set(m, i, j, v), 0);
        }
    }
    return m;
}

/* ------------------------------------------------------------------------------------------ */

static void test_numeric_metrics_vs_scipy(void **state)
{
    (void)state;
    char cases[32][64];
    ty_ref_free(need("scipy", "num_5_2"));
    size_t nc = ty_cases("scipy", cases, 32), checked = 0;
    for (size_t c = 0; c < nc; c++) {
        if (strncmp(cases[c], "num_", 4) != 0 && strcmp(cases[c], "iris") != 0)
            continue;
        ty_ref *r = need("scipy", cases[c]);
        const ty_block *x = block(r, "X");
        size_t n = x->rows;
        double *d = malloc(pairs(n) * sizeof *d);
        cs_datamatrix *m = matrix_from(x, CS_VAR_NUMERIC);
        for (size_t k = 0; k < sizeof numeric_metrics / sizeof *numeric_metrics; k++) {
            cs_metric metric;
            char ref_name[64], what[128];
            assert_int_equal(cs_metric_parse(&metric, numeric_metrics[k]), 0);
            ty_fmt(ref_name, sizeof ref_name, "pdist_%s", numeric_metrics[k]);
            ty_fmt(what, sizeof what, "%s %s", cases[c], numeric_metrics[k]);
            assert_int_equal(cs_pdist(d, x->v, n, x->cols, metric, NULL), 0);
            expect_condensed(d, block(r, ref_name), n, 0, what);
            double *dm = NULL;
            assert_int_equal(cs_distance_condensed(&dm, m, metric, NULL), 0);
            expect_condensed(dm, block(r, ref_name), n, 0, what);
            cs_typology_free(dm);
            checked++;
        }
        cs_datamatrix_free(m);
        free(d);
        ty_ref_free(r);
    }
    assert_true(checked >= 35);
}

static void test_binary_metrics_vs_scipy(void **state)
{
    (void)state;
    char cases[32][64];
    ty_ref_free(need("scipy", "bin_5_8"));
    size_t nc = ty_cases("scipy", cases, 32), checked = 0;
    for (size_t c = 0; c < nc; c++) {
        if (strncmp(cases[c], "bin_", 4) != 0 || strcmp(cases[c], "bin_unknown") == 0)
            continue;
        ty_ref *r = need("scipy", cases[c]);
        const ty_block *x = block(r, "X");
        size_t n = x->rows, p = x->cols, nw = (p + 63) / 64;
        double *d = malloc(pairs(n) * sizeof *d);
        uint64_t *bits = calloc(n * nw, sizeof *bits);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < p; j++)
                if (x->v[i * p + j] != 0)
                    bits[i * nw + j / 64] |= (uint64_t)1 << (j % 64);
        cs_datamatrix *m = matrix_from(x, CS_VAR_BINARY);
        for (size_t k = 0; k < sizeof binary_metrics / sizeof *binary_metrics; k++) {
            cs_metric metric;
            char ref_name[64], what[128];
            assert_int_equal(cs_metric_parse(&metric, binary_metrics[k]), 0);
            ty_fmt(ref_name, sizeof ref_name, "pdist_%s", binary_metrics[k]);
            ty_fmt(what, sizeof what, "%s %s", cases[c], binary_metrics[k]);
            const ty_block *ref = block(r, ref_name);
            /* dice: SciPy gives NaN for two all-zero objects, we give 0 (docs/typology.md) */
            ty_block fixed = *ref;
            fixed.v = malloc(pairs(n) * sizeof *fixed.v);
            for (size_t q = 0; q < pairs(n); q++)
                fixed.v[q] = isnan(ref->v[q]) && metric == CS_METRIC_DICE ? 0.0 : ref->v[q];
            /* integer counts divided once: bitwise SciPy's values */
            assert_int_equal(cs_pdist(d, x->v, n, p, metric, NULL), 0);
            expect_condensed(d, &fixed, n, 1, what);
            assert_int_equal(cs_pdist_bits(d, bits, NULL, n, nw, p, metric, NULL), 0);
            expect_condensed(d, &fixed, n, 1, what);
            double *dm = NULL;
            assert_int_equal(cs_distance_condensed(&dm, m, metric, NULL), 0);
            expect_condensed(dm, &fixed, n, 1, what);
            cs_typology_free(dm);
            free(fixed.v);
            checked++;
        }
        cs_datamatrix_free(m);
        free(bits);
        free(d);
        ty_ref_free(r);
    }
    assert_true(checked >= 16);
}

static void test_binary_unknown_pairwise(void **state)
{
    (void)state;
    ty_ref *r = need("scipy", "bin_unknown");
    const ty_block *x = block(r, "X");
    size_t n = x->rows;
    double *d = malloc(pairs(n) * sizeof *d);
    const char *names[] = { "hamming", "dice", "rogerstanimoto" };
    cs_datamatrix *m = matrix_from(x, CS_VAR_ASYMM);
    for (size_t k = 0; k < 3; k++) {
        cs_metric metric;
        char ref_name[64];
        assert_int_equal(cs_metric_parse(&metric, names[k]), 0);
        ty_fmt(ref_name, sizeof ref_name, "pdist_%s", names[k]);
        assert_int_equal(cs_pdist(d, x->v, n, x->cols, metric, NULL), 0);
        expect_condensed(d, block(r, ref_name), n, 0, names[k]);
        double *dm = NULL;
        assert_int_equal(cs_distance_condensed(&dm, m, metric, NULL), 0);
        expect_condensed(dm, block(r, ref_name), n, 0, names[k]);
        cs_typology_free(dm);
    }
    /* policy "error" refuses, policy "as-zero" equals the data with 0 written in */
    cs_distance_options o = { .unknown = CS_UNKNOWN_ERROR };
    assert_int_equal(cs_pdist(d, x->v, n, x->cols, CS_METRIC_JACCARD, &o), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "unknown"));
    double *dm = NULL;
    assert_int_equal(cs_distance_condensed(&dm, m, CS_METRIC_JACCARD, &o), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "object \"o"));
    o.unknown = CS_UNKNOWN_AS_ZERO;
    double *zeroed = malloc(n * x->cols * sizeof *zeroed);
    for (size_t k = 0; k < n * x->cols; k++)
        zeroed[k] = isnan(x->v[k]) ? 0 : x->v[k];
    double *d0 = malloc(pairs(n) * sizeof *d0);
    assert_int_equal(cs_pdist(d, x->v, n, x->cols, CS_METRIC_JACCARD, &o), 0);
    assert_int_equal(cs_pdist(d0, zeroed, n, x->cols, CS_METRIC_JACCARD, NULL), 0);
    assert_memory_equal(d, d0, pairs(n) * sizeof *d);
    assert_int_equal(cs_distance_condensed(&dm, m, CS_METRIC_JACCARD, &o), 0);
    assert_memory_equal(dm, d0, pairs(n) * sizeof *d);
    cs_typology_free(dm);
    free(zeroed);
    free(d0);
    free(d);
    cs_datamatrix_free(m);
    ty_ref_free(r);
}

static void test_unknown_vs_r_dist(void **state)
{
    (void)state;
    ty_ref *r = need("r", "dist_na");
    const ty_block *x = block(r, "X");
    size_t n = x->rows;
    double *d = malloc(pairs(n) * sizeof *d);
    const char *names[] = { "euclidean", "cityblock", "chebyshev" };
    cs_datamatrix *m = matrix_from(x, CS_VAR_NUMERIC);
    for (size_t k = 0; k < 3; k++) {
        cs_metric metric;
        assert_int_equal(cs_metric_parse(&metric, names[k]), 0);
        assert_int_equal(cs_pdist(d, x->v, n, x->cols, metric, NULL), 0);
        expect_condensed(d, block(r, names[k]), n, 0, names[k]);
        double *dm = NULL;
        assert_int_equal(cs_distance_condensed(&dm, m, metric, NULL), 0);
        expect_condensed(dm, block(r, names[k]), n, 0, names[k]);
        cs_typology_free(dm);
    }
    cs_datamatrix_free(m);
    free(d);
    ty_ref_free(r);

    r = need("r", "dist_binary_na");
    x = block(r, "X");
    n = x->rows;
    d = malloc(pairs(n) * sizeof *d);
    assert_int_equal(cs_pdist(d, x->v, n, x->cols, CS_METRIC_JACCARD, NULL), 0);
    expect_condensed(d, block(r, "jaccard"), n, 0, "jaccard with NA vs dist(binary)");
    free(d);
    ty_ref_free(r);
}

/* A data matrix from an R reference: X codes, daisy types, declared levels. */
static cs_datamatrix *gower_matrix(const ty_ref *r)
{
    const ty_block *x = block(r, "X"), *t = block(r, "types"), *nl = block(r, "nlevels");
    static const cs_var_type map[] = { CS_VAR_AUTO,    CS_VAR_ASYMM,   CS_VAR_BINARY,
                                       CS_VAR_NOMINAL, CS_VAR_ORDINAL, CS_VAR_NUMERIC };
    cs_var_type *types = malloc(x->cols * sizeof *types);
    for (size_t j = 0; j < x->cols; j++)
        types[j] = map[(int)t->v[j]];
    cs_datamatrix *m = NULL;
    assert_int_equal(cs_datamatrix_new(&m, x->rows, x->cols, types), 0);
    for (size_t j = 0; j < x->cols; j++) {
        size_t L = (size_t)nl->v[j];
        if (L) {
            const char *lv[16];
            char names[16][32];
            for (size_t l = 0; l < L; l++) {
                snprintf(names[l], sizeof names[l], "L%zu", l);
                lv[l] = names[l];
            }
            assert_int_equal(cs_datamatrix_set_levels(m, j, lv, L), 0);
        }
    }
    for (size_t i = 0; i < x->rows; i++)
        for (size_t j = 0; j < x->cols; j++) {
            double v = x->v[i * x->cols + j];
            if (!isnan(v))
                assert_int_equal(cs_datamatrix_set(m, i, j, v), 0);
        }
    free(types);
    return m;
}

static void test_gower_vs_daisy(void **state)
{
    (void)state;
    const char *cases[] = { "gower_mixed", "gower_weights", "gower_full", "gower_constant" };
    for (size_t c = 0; c < 4; c++) {
        ty_ref *r = need("r", cases[c]);
        cs_datamatrix *m = gower_matrix(r);
        const ty_block *w = ty_ref_get(r, "weights");
        cs_distance_options o = { .weights = w ? w->v : NULL };
        double *d = NULL;
        if (strcmp(cases[c], "gower_constant") == 0) {
            /* refused by default, with the variable named; daisy's result when allowed */
            assert_int_equal(cs_distance_condensed(&d, m, CS_METRIC_GOWER, &o), CS_EDATA);
            assert_non_null(strstr(cs_error_last(), "\"V4\" is constant"));
            assert_null(d);
            o.allow_constant = 1;
        }
        assert_int_equal(cs_distance_condensed(&d, m, CS_METRIC_GOWER, &o), 0);
        expect_condensed(d, block(r, "gower"), cs_datamatrix_rows(m), 0, cases[c]);
        cs_typology_free(d);
        cs_datamatrix_free(m);
        ty_ref_free(r);
    }
}

/* ------------------------------------------------------------------------------------------ */

static void test_datamatrix_api(void **state)
{
    (void)state;
    cs_var_type t[] = { CS_VAR_BINARY, CS_VAR_NUMERIC, CS_VAR_ASYMM, CS_VAR_NOMINAL };
    cs_datamatrix *m = NULL;
    assert_int_equal(cs_datamatrix_new(&m, 3, 4, t), 0);
    assert_int_equal(cs_datamatrix_rows(m), 3);
    assert_int_equal(cs_datamatrix_cols(m), 4);
    assert_int_equal(cs_datamatrix_unknowns(m), 12);
    assert_int_equal(cs_datamatrix_set(m, 0, 0, 1), 0);
    assert_int_equal(cs_datamatrix_set(m, 0, 0, 2), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "expected 0 or 1"));
    assert_int_equal(cs_datamatrix_set(m, 1, 1, NAN), CS_EDATA);
    assert_int_equal(cs_datamatrix_set(m, 1, 1, INFINITY), CS_EDATA);
    assert_int_equal(cs_datamatrix_set(m, 1, 3, 1.5), CS_EDATA);
    assert_int_equal(cs_datamatrix_set(m, 5, 0, 1), CS_EUSAGE);
    double v = 0;
    assert_int_equal(cs_datamatrix_get(m, 0, 0, &v), 1);
    assert_true(v == 1);
    assert_int_equal(cs_datamatrix_get(m, 1, 0, &v), 0);
    assert_int_equal(cs_datamatrix_unknowns(m), 11);
    assert_int_equal(cs_datamatrix_set_unknown(m, 0, 0), 0);
    assert_int_equal(cs_datamatrix_unknowns(m), 12);
    assert_int_equal(cs_datamatrix_set_levels(m, 1, NULL, 0), CS_EUSAGE);
    /* checks: a variable without known value, then duplicate ids */
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 3; j++)
            assert_int_equal(cs_datamatrix_set(m, i, j, (double)((i + j) % 2)), 0);
    assert_int_equal(cs_datamatrix_check(m), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "\"V4\" has no known value"));
    assert_int_equal(cs_datamatrix_set(m, 0, 3, 0), 0);
    assert_int_equal(cs_datamatrix_check(m), 0);
    assert_int_equal(cs_datamatrix_set_id(m, 2, "1"), 0);
    assert_int_equal(cs_datamatrix_check(m), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "\"1\" is used twice"));
    cs_datamatrix_free(m);

    cs_var_type one[] = { CS_VAR_NUMERIC };
    assert_int_equal(cs_datamatrix_new(&m, 1, 1, one), 0);
    assert_int_equal(cs_datamatrix_set(m, 0, 0, 1), 0);
    assert_int_equal(cs_datamatrix_check(m), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "at least 2 objects"));
    cs_datamatrix_free(m);
    assert_int_equal(cs_datamatrix_new(&m, 0, 1, one), CS_EUSAGE);
}

static cs_datamatrix *parse(const char *text, const cs_datamatrix_csv_options *o, int expect)
{
    cs_datamatrix *m = NULL;
    int rc = cs_ingest_parse_matrix(&m, "t.csv", text, strlen(text), o);
    if (rc != expect)
        fail_msg("parse returned %d (%s), expected %d", rc, cs_error_last(), expect);
    return m;
}

static void expect_error(const char *text, const cs_datamatrix_csv_options *o, const char *msg)
{
    cs_datamatrix *m = parse(text, o, CS_EDATA);
    assert_null(m);
    if (!strstr(cs_error_last(), msg))
        fail_msg("message \"%s\" lacks \"%s\"", cs_error_last(), msg);
}

static void test_csv_loader(void **state)
{
    (void)state;
    cs_datamatrix *m = parse("id,a,b,c,d\n"
                             "x,1,2.5,red,0\n"
                             "y,0,?,blue,1\n"
                             "z,NA,-3e2,red,\n",
                             NULL, 0);
    assert_int_equal(cs_datamatrix_rows(m), 3);
    assert_int_equal(cs_datamatrix_type(m, 0), CS_VAR_BINARY);
    assert_int_equal(cs_datamatrix_type(m, 1), CS_VAR_NUMERIC);
    assert_int_equal(cs_datamatrix_type(m, 2), CS_VAR_NOMINAL);
    assert_int_equal(cs_datamatrix_type(m, 3), CS_VAR_BINARY);
    assert_string_equal(cs_datamatrix_id(m, 2), "z");
    assert_string_equal(cs_datamatrix_name(m, 2), "c");
    assert_int_equal(cs_datamatrix_nlevels(m, 2), 2);
    assert_string_equal(cs_datamatrix_level(m, 2, 1), "blue");
    double v;
    assert_int_equal(cs_datamatrix_get(m, 2, 1, &v), 1);
    assert_true(v == -300);
    assert_int_equal(cs_datamatrix_get(m, 1, 1, &v), 0);
    assert_int_equal(cs_datamatrix_get(m, 2, 0, &v), 0);
    assert_int_equal(cs_datamatrix_get(m, 2, 3, &v), 0);
    assert_int_equal(cs_datamatrix_unknowns(m), 3);
    cs_datamatrix_free(m);

    /* declared types; semicolons with a decimal comma */
    cs_var_type t[] = { CS_VAR_ASYMM, CS_VAR_ORDINAL };
    cs_datamatrix_csv_options o = { .types = t, .ntypes = 2 };
    m = parse("id;a;b\np;1;0,5\nq;0;2\n", &o, 0);
    assert_int_equal(cs_datamatrix_type(m, 0), CS_VAR_ASYMM);
    assert_int_equal(cs_datamatrix_get(m, 0, 1, &v), 1);
    assert_true(v == 0.5);
    cs_datamatrix_free(m);

    cs_var_type num[] = { CS_VAR_NUMERIC, CS_VAR_NUMERIC };
    cs_datamatrix_csv_options on = { .types = num, .ntypes = 2 };
    cs_datamatrix_csv_options on1 = { .types = num, .ntypes = 1 };
    double *d = NULL;
    expect_error("id,a,b\nx,1,2\ny,3,abc\n", &on, "t.csv:3:3: expected a finite number");
    expect_error("id,a,b\nx,1,2\ny,3,nan\n", &on, "t.csv:3:3:");
    expect_error("id,a,b\nx,1,2\ny,inf,1\n", &on, "t.csv:3:2:");
    /* a first value that is a number but not finite makes the column numeric, not nominal */
    expect_error("id,a\nx,-inf\ny,2\nz,3\n", NULL, "t.csv:2:2: expected a finite number");
    expect_error("id,a\nx,1e400\ny,2\nz,3\n", NULL, "t.csv:2:2: expected a finite number");
    expect_error("id,a\nx,NaN\ny,2\nz,3\n", NULL, "t.csv:2:2: expected a finite number");
    expect_error("id,a\nx,Infinity\ny,2\nz,3\n", NULL, "t.csv:2:2: expected a finite number");
    /* hexadecimal is no number: a nominal column, not 16 */
    m = parse("id,a\nx,0x10\ny,0x11\n", NULL, 0);
    assert_int_equal(cs_datamatrix_type(m, 0), CS_VAR_NOMINAL);
    cs_datamatrix_free(m);
    /* a comma in a comma-delimited file is no decimal comma; in a ';' file it is */
    expect_error("id,a\nx,\"0,5\"\ny,1\n", &on1, "t.csv:2:2: expected a finite number");
    m = parse("id;a\nx;0,5\ny;1\n", NULL, 0);
    assert_int_equal(cs_datamatrix_get(m, 0, 0, &v), 1);
    assert_true(v == 0.5);
    cs_datamatrix_free(m);
    /* finite values whose distance overflows: refused, naming the pair */
    m = parse("id,a\nx,1e308\ny,-1e308\n", NULL, 0);
    d = NULL;
    assert_int_equal(cs_distance_condensed(&d, m, CS_METRIC_EUCLIDEAN, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "between objects \"x\" and \"y\""));
    assert_null(d);
    cs_datamatrix_free(m);
    /* inferred numeric from the first value, then text */
    expect_error("id,a\nx,1\ny,2\nz,many\n", NULL, "t.csv:4:2: expected a finite number");
    expect_error("id,a\nx,1\nx,2\n", NULL,
                 "t.csv:3:1: expected a unique object id (this one is "
                 "also on line 2)");
    expect_error("id,a,b\nx,1,?\ny,2,NA\n", NULL, "column \"b\", found only unknown cells");
    expect_error("id,a\nx,1\n", NULL, "at least 2 objects, found 1");
    expect_error("id,a\n", NULL, "at least 2 objects, found 0");
    expect_error("", NULL, "expected a header row");
    expect_error("id\nx\ny\n", NULL, "at least one variable");
    expect_error("id,a\nx,1,2\ny,1\n", NULL, "t.csv:2:3: expected 2 fields");
    expect_error("id,a\n,1\ny,1\n", NULL, "t.csv:2:1: expected an object id");
    cs_var_type bin[] = { CS_VAR_BINARY };
    cs_datamatrix_csv_options ob = { .types = bin, .ntypes = 1 };
    expect_error("id,a\nx,1\ny,2\n", &ob, "t.csv:3:2: expected 0 or 1");
    m = NULL;
    assert_int_equal(cs_ingest_parse_matrix(&m, "t.csv", "id,a\nx,1\ny,0\n", 13, &on), CS_EUSAGE);

    /* a constant column: fine for euclidean, refused with its name by Gower */
    m = parse("id,a,b\nx,1,5\ny,2,5\nz,4,5\n", NULL, 0);
    d = NULL;
    assert_int_equal(cs_distance_condensed(&d, m, CS_METRIC_EUCLIDEAN, NULL), 0);
    assert_true(d[0] == 1 && d[1] == 3 && d[2] == 2);
    cs_typology_free(d);
    d = NULL;
    assert_int_equal(cs_distance_condensed(&d, m, CS_METRIC_GOWER, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "variable \"b\" is constant (Gower range 0)"));
    cs_datamatrix_free(m);
}

static void test_distance_errors(void **state)
{
    (void)state;
    double d[3];
    /* cosine of a zero vector */
    double zero[] = { 0, 0, 1, 2, 3, 4 };
    assert_int_equal(cs_pdist(d, zero, 3, 2, CS_METRIC_COSINE, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "row 0 is a zero vector"));
    /* no variable known for both */
    double gap[] = { 1, NAN, NAN, 2, 3, 4 };
    assert_int_equal(cs_pdist(d, gap, 3, 2, CS_METRIC_EUCLIDEAN, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "\"row 0\" and \"row 1\" have no variable known"));
    double inf[] = { 1, INFINITY, 2, 3, 4, 5 };
    assert_int_equal(cs_pdist(d, inf, 3, 2, CS_METRIC_EUCLIDEAN, NULL), CS_EDATA);
    assert_int_equal(cs_pdist(d, inf, 1, 2, CS_METRIC_EUCLIDEAN, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "at least 2 objects"));
    assert_int_equal(cs_pdist(d, inf, 3, 2, CS_METRIC_GOWER, NULL), CS_EUSAGE);

    /* metric and variable types that do not fit */
    cs_datamatrix *m = parse("id,a,b\nx,1,red\ny,0,blue\nz,1,red\n", NULL, 0);
    double *dm = NULL;
    assert_int_equal(cs_distance_condensed(&dm, m, CS_METRIC_JACCARD, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "needs binary variables, but \"b\" is nominal"));
    assert_int_equal(cs_distance_condensed(&dm, m, CS_METRIC_EUCLIDEAN, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "cannot use nominal variable \"b\""));
    /* Gower: two objects whose only common variables are asymmetric 0-0 */
    cs_datamatrix_free(m);
    cs_var_type a[] = { CS_VAR_ASYMM, CS_VAR_ASYMM };
    cs_datamatrix_csv_options oa = { .types = a, .ntypes = 2 };
    m = parse("id,a,b\nx,0,0\ny,0,0\nz,1,1\n", &oa, 0);
    assert_int_equal(cs_distance_condensed(&dm, m, CS_METRIC_GOWER, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "\"x\" and \"y\" have no variable that counts"));
    /* jaccard gives those two 0, as SciPy */
    assert_int_equal(cs_distance_condensed(&dm, m, CS_METRIC_JACCARD, NULL), 0);
    assert_true(dm[0] == 0 && dm[1] == 1 && dm[2] == 1);
    cs_typology_free(dm);
    /* a memory limit refuses before allocating, and says how much is needed */
    cs_distance_options lim = { .max_memory = 16 };
    dm = NULL;
    assert_int_equal(cs_distance_condensed(&dm, m, CS_METRIC_JACCARD, &lim), CS_ENOMEM);
    assert_null(dm);
    assert_non_null(strstr(cs_error_last(), "over the memory limit"));
    cs_datamatrix_free(m);
    assert_true(cs_distance_memory(20000) == (size_t)20000 * 19999 / 2 * 8);
    assert_true(cs_distance_memory(1) == 0);
    cs_metric mt;
    assert_int_equal(cs_metric_parse(&mt, "manhattan"), 0);
    assert_int_equal(mt, CS_METRIC_CITYBLOCK);
    assert_int_equal(cs_metric_parse(&mt, "minkowski"), CS_EUSAGE);
    assert_string_equal(cs_metric_name(CS_METRIC_ROGERSTANIMOTO), "rogerstanimoto");
}

/* D(i, j) must not depend on which of the two is the row: the linkage relies on it. */
static void test_symmetric_kernels(void **state)
{
    (void)state;
    enum { N = 37, P = 11 };
    double x[N * P], xr[N * P], d[N * (N - 1) / 2], dr[N * (N - 1) / 2];
    uint64_t s = 12345;
    for (size_t k = 0; k < N * P; k++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        x[k] = (double)(s >> 11) * 0x1.0p-53 * 10 - 5;
        if (k % 7 == 3)
            x[k] = NAN;
    }
    for (size_t i = 0; i < N; i++)
        memcpy(xr + i * P, x + (N - 1 - i) * P, P * sizeof *x);
    for (int metric = 0; metric < CS_METRIC_COUNT; metric++) {
        if (metric == CS_METRIC_GOWER)
            continue;
        assert_int_equal(cs_pdist(d, x, N, P, (cs_metric)metric, NULL), 0);
        assert_int_equal(cs_pdist(dr, xr, N, P, (cs_metric)metric, NULL), 0);
        for (size_t i = 0; i < N; i++)
            for (size_t j = i + 1; j < N; j++)
                assert_true(d[cs_condensed_index(N, i, j)] ==
                            dr[cs_condensed_index(N, N - 1 - i, N - 1 - j)]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_datamatrix_api),
        cmocka_unit_test(test_csv_loader),
        cmocka_unit_test(test_distance_errors),
        cmocka_unit_test(test_symmetric_kernels),
        cmocka_unit_test(test_numeric_metrics_vs_scipy),
        cmocka_unit_test(test_binary_metrics_vs_scipy),
        cmocka_unit_test(test_binary_unknown_pairwise),
        cmocka_unit_test(test_unknown_vs_r_dist),
        cmocka_unit_test(test_gower_vs_daisy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
