/*
 * test_regional_split.c: the long-form reader's pieces (regional_read.c, read_pieces) give
 * what one reader gives: the same data, and for bad data the same message with the same line,
 * whatever falls on either side of the split: a second year, a quoted field whose line breaks
 * span the middle, a duplicate row or a changed attribute across the halves, an error in the
 * second half, and an encoding decided differently by each half.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "ingest/regional_read.h"
#include "util/buf.h"

#include <limits.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *write_temp(const char *text, size_t len)
{
    char *path = strdup("/tmp/cs-split-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

typedef struct {
    int rc;
    char message[2048];
    cs_regional_data *d;
} outcome;

static void read_with(outcome *o, const char *path, unsigned long long split_min, const int *years,
                      size_t n_years)
{
    static const char *const values[] = { "value" };
    cs_regional_read_options opts = { "industry", values, 1,       1, "sector",
                                      0,          years,  n_years, 0, split_min };
    o->d = NULL;
    o->rc = cs_ingest_read_regional(&o->d, path, &opts);
    snprintf(o->message, sizeof o->message, "%s", o->rc ? cs_error_last() : "");
}

/* Reads TEXT split (every file is large enough) and whole; both must agree. Returns the halves
 * the split read used (2 when the split held, 1 when it fell back to one reader). */
static int compare(const char *text, size_t len, const int *years, size_t n_years,
                   const char *want_message)
{
    char *path = write_temp(text, len);
    outcome split, whole;
    read_with(&split, path, 1, years, n_years);
    read_with(&whole, path, ULLONG_MAX, years, n_years);
    unlink(path);
    free(path);
    assert_int_equal(split.rc, whole.rc);
    assert_string_equal(split.message, whole.message);
    if (want_message)
        assert_non_null(strstr(whole.message, want_message));
    if (whole.rc) {
        assert_null(split.d);
        return 1;
    }
    const cs_regional_data *a = split.d, *b = whole.d;
    assert_int_equal(cs_regional_data_readers(b), 1);
    assert_int_equal(a->nr, b->nr);
    assert_int_equal(a->ni, b->ni);
    assert_int_equal(a->ny, b->ny);
    for (size_t r = 0; r < a->nr; r++)
        assert_string_equal(a->region[r], b->region[r]);
    for (size_t i = 0; i < a->ni; i++) {
        assert_string_equal(a->key[i], b->key[i]);
        assert_string_equal(a->attribute[i], b->attribute[i]);
    }
    for (size_t y = 0; y < a->ny; y++) {
        assert_int_equal(a->year[y], b->year[y]);
        assert_memory_equal(cs_regional_data_values(a, y, 0), cs_regional_data_values(b, y, 0),
                            a->nr * a->ni * sizeof(double));
    }
    int halves = cs_regional_data_readers(a);
    cs_regional_data_free(split.d);
    cs_regional_data_free(whole.d);
    return halves;
}

/* n rows "rK,iJ,sector,YEAR,value" from row number `from`, appended to b */
static void rows(cs_buf *b, int from, int n, int year)
{
    for (int k = from; k < from + n; k++)
        assert_int_equal(
            cs_buf_printf(b, "r%d,i%d,s%d,%d,%d\n", k % 37, k / 37, (k / 37) % 3, year, k % 11 + 1),
            0);
}

static const char *header = "region,industry,sector,year,value\n";

static void test_same_data(void **state)
{
    (void)state;
    cs_buf b = CS_BUF_INIT;
    cs_buf_puts(&b, header);
    rows(&b, 0, 400, 2019);
    rows(&b, 0, 400, 2020);
    int y2019[] = { 2019 }, both[] = { 2020, 2019 };
    /* the halves hold one year each: with the year asked, and with both */
    assert_int_equal(compare(b.data, b.len, y2019, 1, NULL), 2);
    assert_int_equal(compare(b.data, b.len, both, 2, NULL), 2);
    /* no year asked: two years, one reader's message naming both */
    assert_int_equal(compare(b.data, b.len, NULL, 0, "found 2 years (2019, 2020)"), 1);
    /* one year, no year asked, in CRLF lines */
    cs_buf c = CS_BUF_INIT;
    cs_buf_puts(&c, header);
    rows(&c, 0, 800, 2021);
    cs_buf crlf = CS_BUF_INIT;
    for (size_t i = 0; i < c.len; i++)
        cs_buf_puts(&crlf, c.data[i] == '\n' ? "\r\n" : (char[]){ c.data[i], 0 });
    assert_int_equal(compare(crlf.data, crlf.len, NULL, 0, NULL), 2);
    cs_buf_free(&b);
    cs_buf_free(&c);
    cs_buf_free(&crlf);
}

/* A quoted attribute whose line breaks span the middle: the first half does not end at a
 * record's end, so one reader reads it all. */
static void test_quoted_line_breaks(void **state)
{
    (void)state;
    cs_buf b = CS_BUF_INIT;
    cs_buf_puts(&b, "region,industry,sector,year,value\n");
    rows(&b, 0, 20, 2019);
    cs_buf_puts(&b, "r0,long,\"");
    for (int k = 0; k < 400; k++)
        cs_buf_puts(&b, "a line of the sector's description\n");
    cs_buf_puts(&b, "\",2019,5\n");
    rows(&b, 20, 20, 2019);
    int y[] = { 2019 };
    assert_int_equal(compare(b.data, b.len, y, 1, NULL), 1);
    cs_buf_free(&b);
}

/* Bad data in the second half, and rows that clash across the halves: one reader's message. */
static void test_errors_across_halves(void **state)
{
    (void)state;
    int y[] = { 2019 };
    cs_buf b = CS_BUF_INIT;
    cs_buf_puts(&b, header);
    rows(&b, 0, 400, 2019);
    cs_buf_puts(&b, "r5,i3,s0,2019,-4\n"); /* line 402 */
    rows(&b, 400, 400, 2019);
    assert_int_equal(compare(b.data, b.len, y, 1, ":402:5: expected a value of at least 0"), 1);

    cs_buf_free(&b);
    cs_buf_puts(&b, header);
    rows(&b, 0, 400, 2019);
    rows(&b, 400, 400, 2019);
    cs_buf_puts(&b, "r3,i0,s0,2019,1\n"); /* line 802 repeats line 5 (k = 3) */
    assert_int_equal(compare(b.data, b.len, y, 1, "(first on line 5)"), 1);
    assert_non_null(strstr(cs_error_last(), ":802:1: expected one row per region"));

    cs_buf_free(&b);
    cs_buf_puts(&b, header);
    rows(&b, 0, 400, 2019);
    rows(&b, 400, 400, 2019);
    cs_buf_puts(&b, "r36,i0,other,2019,1\n"); /* industry i0's sector is s0 from line 2 */
    assert_int_equal(compare(b.data, b.len, y, 1, "expected sector 's0' for industry 'i0'"), 1);

    /* the file's halves hold different years and a row with a year of neither */
    cs_buf_free(&b);
    cs_buf_puts(&b, header);
    rows(&b, 0, 400, 2019);
    rows(&b, 400, 400, 2019);
    cs_buf_puts(&b, "r1,i1,s0,twenty,1\n");
    assert_int_equal(compare(b.data, b.len, y, 1, ":802:4: expected a year"), 1);
    cs_buf_free(&b);
}

/* UTF-8 names in the first half, Windows-1251 bytes in the second: one reader decides UTF-8 at
 * the first and reports the second's bytes; the halves decide differently and fall back to it. */
static void test_encodings(void **state)
{
    (void)state;
    int y[] = { 2019 };
    cs_buf b = CS_BUF_INIT;
    cs_buf_puts(&b, header);
    cs_buf_puts(&b, "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0,i0,s0,2019,1\n");
    rows(&b, 1, 800, 2019);
    cs_buf_puts(&b, "\xcc\xee\xf1\xea\xe2\xe0,i0,s0,2019,1\n");
    assert_int_equal(compare(b.data, b.len, y, 1, "expected UTF-8"), 1);

    /* all Windows-1251: the same in both halves, read by two */
    cs_buf_free(&b);
    cs_buf_puts(&b, header);
    cs_buf_puts(&b, "\xcc\xee\xf1\xea\xe2\xe0 \xee\xe1\xeb\xe0\xf1\xf2\xfc,i0,s0,2019,1\n");
    rows(&b, 1, 800, 2019);
    cs_buf_puts(&b, "\xcf\xe5\xed\xe7\xe5\xed\xf1\xea\xe0\xff \xee\xe1\xeb\xe0\xf1\xf2\xfc,i1,s1,"
                    "2019,1\n");
    assert_int_equal(compare(b.data, b.len, y, 1, NULL), 2);
    cs_buf_free(&b);
}

int main(void)
{
    omp_set_num_threads(2);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_data),
        cmocka_unit_test(test_quoted_line_breaks),
        cmocka_unit_test(test_errors_across_halves),
        cmocka_unit_test(test_encodings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
