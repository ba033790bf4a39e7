/* The data-file reader of the cluster-analysis commands (src/ingest/matrix_read.c): typing
 * rules, unknown cells, asked types, and errors at the first fault in file order with its line
 * and column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "util/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cs_datamatrix *parse(const char *text, const cs_datamatrix_csv_options *o)
{
    cs_datamatrix *m = NULL;
    int rc = cs_ingest_parse_matrix(&m, "t.csv", text, strlen(text), o);
    if (rc)
        fail_msg("refused: %s", cs_error_last());
    return m;
}

/* Refused with exactly MESSAGE (the whole of it, so a position that moves fails). */
static void refused(const char *text, const cs_datamatrix_csv_options *o, int code,
                    const char *message)
{
    cs_datamatrix *m = NULL;
    int rc = cs_ingest_parse_matrix(&m, "t.csv", text, strlen(text), o);
    if (rc != code)
        fail_msg("\"%s\": returned %d (%s), expected %d", text, rc, rc ? cs_error_last() : "",
                 code);
    assert_null(m);
    if (strcmp(cs_error_last(), message) != 0)
        fail_msg("message \"%s\", expected \"%s\"", cs_error_last(), message);
}

static double cell(const cs_datamatrix *m, size_t i, size_t j)
{
    double v = 0;
    return cs_datamatrix_get(m, i, j, &v) ? v : NAN;
}

static void test_types_inferred(void **state)
{
    (void)state;
    /* nominal iff the first known value is not a number; binary iff every known value is 0/1 */
    cs_datamatrix *m = parse("id,num,bin,nom,late_text_nom,negzero,mixed01\n"
                             "a,?,1,red,NA,-0,0\n"
                             "b,2.5,0,1,x,1,1\n"
                             "c,-3e2,,blue,5,0,0.5\n"
                             "d,4,1,red,x,-0,1\n",
                             NULL);
    assert_int_equal(cs_datamatrix_rows(m), 4);
    assert_int_equal(cs_datamatrix_cols(m), 6);
    assert_int_equal(cs_datamatrix_type(m, 0), CS_VAR_NUMERIC);
    assert_int_equal(cs_datamatrix_type(m, 1), CS_VAR_BINARY);
    assert_int_equal(cs_datamatrix_type(m, 2), CS_VAR_NOMINAL);
    assert_int_equal(cs_datamatrix_type(m, 3), CS_VAR_NOMINAL);
    assert_int_equal(cs_datamatrix_type(m, 4), CS_VAR_BINARY);
    assert_int_equal(cs_datamatrix_type(m, 5), CS_VAR_NUMERIC);
    assert_true(isnan(cell(m, 0, 0)));
    assert_true(cell(m, 1, 0) == 2.5 && cell(m, 2, 0) == -300 && cell(m, 3, 0) == 4);
    assert_true(isnan(cell(m, 2, 1)));
    /* levels in the order of first appearance; "1" after text is a level, not a number */
    assert_int_equal(cs_datamatrix_nlevels(m, 2), 3);
    assert_string_equal(cs_datamatrix_level(m, 2, 0), "red");
    assert_string_equal(cs_datamatrix_level(m, 2, 1), "1");
    assert_string_equal(cs_datamatrix_level(m, 2, 2), "blue");
    assert_true(cell(m, 0, 2) == 0 && cell(m, 1, 2) == 1 && cell(m, 2, 2) == 2 &&
                cell(m, 3, 2) == 0);
    assert_int_equal(cs_datamatrix_nlevels(m, 3), 2);
    assert_string_equal(cs_datamatrix_level(m, 3, 1), "5");
    /* a binary -0 reads as 0, not -0 */
    double z = cell(m, 0, 4);
    assert_true(z == 0 && !signbit(z));
    assert_int_equal(cs_datamatrix_unknowns(m), 3);
    assert_string_equal(cs_datamatrix_id(m, 3), "d");
    assert_string_equal(cs_datamatrix_name(m, 5), "mixed01");
    cs_datamatrix_free(m);

    /* a numeric -0 stays -0, as strtod reads it */
    m = parse("id,a\nx,-0\ny,2\n", NULL);
    assert_true(signbit(cell(m, 0, 0)));
    cs_datamatrix_free(m);

    /* a decimal comma in ';' and tab files only */
    m = parse("id;a\nx;0,5\ny;-1,25\n", NULL);
    assert_true(cell(m, 0, 0) == 0.5 && cell(m, 1, 0) == -1.25);
    cs_datamatrix_free(m);
    m = parse("id\ta\nx\t0,5\ny\t2\n", NULL);
    assert_true(cell(m, 0, 0) == 0.5);
    cs_datamatrix_free(m);
    m = parse("id,a\nx,\"0,5\"\ny,2\n", NULL);
    assert_int_equal(cs_datamatrix_type(m, 0), CS_VAR_NOMINAL);
    cs_datamatrix_free(m);
    /* hexadecimal is text */
    m = parse("id,a\nx,0x10\ny,16\n", NULL);
    assert_int_equal(cs_datamatrix_type(m, 0), CS_VAR_NOMINAL);
    cs_datamatrix_free(m);
}

static void test_types_asked(void **state)
{
    (void)state;
    cs_var_type t[] = { CS_VAR_ASYMM, CS_VAR_ORDINAL, CS_VAR_NOMINAL, CS_VAR_AUTO, CS_VAR_NUMERIC };
    cs_datamatrix_csv_options o = { .types = t, .ntypes = 5 };
    cs_datamatrix *m = parse("id,a,b,c,d,e\nx,1,2,7,0,1\ny,-0,?,8,1,0\nz,0,5,7,1,1\n", &o);
    assert_int_equal(cs_datamatrix_type(m, 0), CS_VAR_ASYMM);
    assert_int_equal(cs_datamatrix_type(m, 1), CS_VAR_ORDINAL);
    assert_int_equal(cs_datamatrix_type(m, 2), CS_VAR_NOMINAL);
    assert_int_equal(cs_datamatrix_type(m, 3), CS_VAR_BINARY);
    assert_int_equal(cs_datamatrix_type(m, 4), CS_VAR_NUMERIC);
    assert_true(cell(m, 1, 0) == 0 && !signbit(cell(m, 1, 0)));
    assert_true(cell(m, 2, 1) == 5);
    assert_int_equal(cs_datamatrix_nlevels(m, 2), 2);
    assert_string_equal(cs_datamatrix_level(m, 2, 0), "7");
    assert_true(cell(m, 2, 2) == 0 && cell(m, 1, 2) == 1);
    cs_datamatrix_free(m);

    cs_var_type bin[] = { CS_VAR_BINARY };
    cs_var_type ord[] = { CS_VAR_ORDINAL };
    cs_var_type num[] = { CS_VAR_NUMERIC };
    cs_datamatrix_csv_options ob = { .types = bin, .ntypes = 1 };
    cs_datamatrix_csv_options oo = { .types = ord, .ntypes = 1 };
    cs_datamatrix_csv_options on = { .types = num, .ntypes = 1 };
    refused("id,a\nx,1\ny,2\n", &ob, CS_EDATA,
            "t.csv:3:2: expected 0 or 1 (binary variable), found \"2\"");
    refused("id,a\nx,yes\ny,0\n", &ob, CS_EDATA,
            "t.csv:2:2: expected 0 or 1 (binary variable), found \"yes\"");
    refused("id,a\nx,1\ny,low\n", &oo, CS_EDATA,
            "t.csv:3:2: expected a number (ordinal values are numbers), found \"low\"");
    refused("id,a\nx,inf\ny,1\n", &oo, CS_EDATA,
            "t.csv:2:2: expected a finite number (ordinal values are numbers), found \"inf\"");
    refused("id,a\nx,red\ny,1\n", &on, CS_EDATA,
            "t.csv:2:2: expected a finite number with a decimal point, found \"red\"");
    /* the count of types is checked at the header, before any row */
    cs_var_type two[] = { CS_VAR_NUMERIC, CS_VAR_NUMERIC };
    cs_datamatrix_csv_options o2 = { .types = two, .ntypes = 2 };
    refused("id,a\nx,1\nx,abc\n", &o2, CS_EUSAGE,
            "t.csv: 2 variable types given for 1 variable columns");
    cs_var_type badtype[] = { (cs_var_type)42 };
    cs_datamatrix_csv_options obad = { .types = badtype, .ntypes = 1 };
    refused("id,a\nx,1\ny,2\n", &obad, CS_EUSAGE,
            "variable 1: the type must be numeric, binary, asymm, ordinal or nominal");
}

static void test_errors(void **state)
{
    (void)state;
    refused("id,a\nx,1\ny,2\nz,many\n", NULL, CS_EDATA,
            "t.csv:4:2: expected a finite number with a decimal point, found \"many\"");
    refused("id,a\nx,-inf\ny,2\n", NULL, CS_EDATA,
            "t.csv:2:2: expected a finite number (not inf or nan, and one a double holds), "
            "found \"-inf\"");
    refused("id,a\nx,2\ny,1e400\n", NULL, CS_EDATA,
            "t.csv:3:2: expected a finite number (not inf or nan, and one a double holds), "
            "found \"1e400\"");
    refused("id,a,b\nx,1,?\ny,2,NA\n", NULL, CS_EDATA,
            "t.csv:2:3: expected at least one known value in column \"b\", found only unknown "
            "cells");
    refused("id,a\nx,1\n", NULL, CS_EDATA,
            "t.csv: cluster analysis needs at least 2 objects, "
            "found 1");
    refused("id,a,a\nx,1,2\n", NULL, CS_EDATA,
            "t.csv:1:3: expected a variable name not used before, found \"a\"");
    refused("id,a\nx,1,2\ny,1\n", NULL, CS_EDATA,
            "t.csv:2:3: expected 2 fields as in the header, found \"3\"");
    refused("id,a,b\nx,1\n", NULL, CS_EDATA,
            "t.csv:2:2: expected 3 fields as in the header, found \"2\"");
    refused("id,a\n,1\ny,1\n", NULL, CS_EDATA,
            "t.csv:2:1: expected an object id, found an empty value");
    /* line numbers count blank lines and quoted line breaks */
    refused("id,a\n\nx,1\n\n\n\"y\nq\",2\nz,4\nx,5\n", NULL, CS_EDATA,
            "t.csv:9:1: expected a unique object id (this one is also on line 3), found \"x\"");
    refused("id,a\nx,1\n\ny,\"2\n\"\nz,4\n", NULL, CS_EDATA,
            "t.csv:4:2: expected a finite number with a decimal point, found \"2\\x0A\"");

    /* several faults: the first in the file is told */
    refused("id,a\nx,1\ny,abc\nx,2\n", NULL, CS_EDATA,
            "t.csv:3:2: expected a finite number with a decimal point, found \"abc\"");
    refused("id,a\nx,1\nx,abc\n", NULL, CS_EDATA,
            "t.csv:3:1: expected a unique object id (this one is also on line 2), found \"x\"");
    refused("id,a,b\nx,1,2\ny,abc,1\nz,1\n", NULL, CS_EDATA,
            "t.csv:3:2: expected a finite number with a decimal point, found \"abc\"");
    refused("id,a,b\nx,1,\"2\"x\ny,abc,1\n", NULL, CS_EDATA,
            "t.csv:2:3: expected a delimiter or the end of the line after a closing quote (a "
            "quote inside a quoted field is doubled), found \"\"2\"x\"");

    /* a repeated id far behind, and one just before an error or the end of the file: each
     * told at its own line, before any later fault (lookups are made some rows late) */
    for (size_t dup_at = 2; dup_at < 60; dup_at += 7) {
        cs_buf b = CS_BUF_INIT;
        cs_buf_puts(&b, "id,a\n");
        for (size_t i = 0; i < 60; i++) {
            if (i == dup_at)
                cs_buf_printf(&b, "o0,%zu\n", i);
            else
                cs_buf_printf(&b, "o%zu,%zu\n", i, i);
        }
        cs_buf_puts(&b, "late,abc\n");
        char want[160];
        snprintf(want, sizeof want,
                 "t.csv:%zu:1: expected a unique object id (this one is also on line 2), "
                 "found \"o0\"",
                 dup_at + 2);
        refused(b.data, NULL, CS_EDATA, want);
        cs_buf_free(&b);
    }
}

static size_t calls;
static double last_fraction;
static int went_back;

static void progress(void *ctx, double fraction)
{
    (void)ctx;
    if (fraction < last_fraction)
        went_back = 1;
    last_fraction = fraction;
    calls++;
}

static void test_many_rows_and_progress(void **state)
{
    (void)state;
    /* 200,000 rows (about 4 MB): ids all distinct through every growth of the id set; progress
     * told from 0 to 1, never going back */
    cs_buf b = CS_BUF_INIT;
    cs_buf_puts(&b, "id,a,b\n");
    size_t n = 200000;
    for (size_t i = 0; i < n; i++)
        cs_buf_printf(&b, "object-%zu,%zu.%04zu,%d\n", i, i % 1000, i % 10000, (int)(i % 2));
    cs_datamatrix_csv_options o = { .progress = progress };
    cs_datamatrix *m = NULL;
    assert_int_equal(cs_ingest_parse_matrix(&m, "big.csv", b.data, b.len, &o), 0);
    assert_int_equal(cs_datamatrix_rows(m), n);
    assert_int_equal(cs_datamatrix_type(m, 0), CS_VAR_NUMERIC);
    assert_int_equal(cs_datamatrix_type(m, 1), CS_VAR_BINARY);
    assert_string_equal(cs_datamatrix_id(m, 123456), "object-123456");
    assert_true(cell(m, 123456, 0) == 456.3456);
    assert_int_equal(cs_datamatrix_unknowns(m), 0);
    assert_int_equal(cs_datamatrix_check(m), 0);
    assert_true(calls >= 3);
    assert_true(last_fraction == 1.0);
    assert_false(went_back);
    cs_datamatrix_free(m);
    cs_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_inferred),
        cmocka_unit_test(test_types_asked),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_many_rows_and_progress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
