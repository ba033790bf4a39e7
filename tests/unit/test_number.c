/* Reading numbers by the one rule every reader shares (src/util/number.h): decimal digits, one
 * separator, an exponent; never hexadecimal, octal, inf, nan or a value beyond a double. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read(double *v, const char *s, int comma)
{
    return cs_number_read(v, s, strlen(s), comma);
}

static void test_read(void **state)
{
    (void)state;
    double v = 0;
    assert_int_equal(read(&v, "55.75", 0), CS_NUMBER_OK);
    assert_true(v == 55.75);
    assert_int_equal(read(&v, "-1.5e9", 0), CS_NUMBER_OK);
    assert_true(v == -1.5e9);
    assert_int_equal(read(&v, "+.5", 0), CS_NUMBER_OK);
    assert_true(v == 0.5);
    assert_int_equal(read(&v, "5.", 0), CS_NUMBER_OK);
    assert_true(v == 5);
    assert_int_equal(read(&v, "1E+2", 0), CS_NUMBER_OK);
    assert_true(v == 100);
    /* too small for a double: not read as 0 */
    assert_int_equal(read(&v, "1e-400", 0), CS_NUMBER_NONFINITE);
    assert_int_equal(read(&v, "1e-300", 0), CS_NUMBER_OK);
    assert_true(v == 1e-300);
    /* a decimal comma only when asked for */
    assert_int_equal(read(&v, "55,75", 0), CS_NUMBER_NOT);
    assert_int_equal(read(&v, "55,75", 1), CS_NUMBER_OK);
    assert_true(v == 55.75);
    static const char *const not_numbers[] = { "0x10",  "0X1p4", " 1", "1 ",  "1,000.5",
                                               "1.2.3", ".",     "-",  "e5",  "1e",
                                               "1e+",   "1_000", "١",  "--1", "" };
    for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++)
        if (read(&v, not_numbers[i], 1) != CS_NUMBER_NOT)
            fail_msg("\"%s\" read as a number", not_numbers[i]);
    static const char *const nonfinite[] = { "inf",  "-inf",  "+INF",   "Infinity", "nan",
                                             "-NaN", "1e400", "-1e309", "1.8e308" };
    for (size_t i = 0; i < sizeof nonfinite / sizeof nonfinite[0]; i++)
        if (read(&v, nonfinite[i], 0) != CS_NUMBER_NONFINITE)
            fail_msg("\"%s\" not reported as non-finite", nonfinite[i]);
    assert_int_equal(read(&v, "1.7e308", 0), CS_NUMBER_OK);
    /* only `len` bytes are read */
    assert_int_equal(cs_number_read(&v, "12abc", 2, 0), CS_NUMBER_OK);
    assert_true(v == 12);
}

static void test_read_whole(void **state)
{
    (void)state;
    long long w = 0;
#define WHOLE(s, lo, hi) cs_number_read_whole(&w, s, strlen(s), lo, hi)
    assert_int_equal(WHOLE("2019", 1000, 2200), CS_NUMBER_OK);
    assert_int_equal(w, 2019);
    assert_int_equal(WHOLE("02019", 1000, 2200), CS_NUMBER_OK);
    assert_int_equal(w, 2019);
    assert_int_equal(WHOLE("+2019", 1000, 2200), CS_NUMBER_OK);
    assert_int_equal(w, 2019);
    /* no octal reading */
    assert_int_equal(WHOLE("010", 0, 100), CS_NUMBER_OK);
    assert_int_equal(w, 10);
    assert_int_equal(WHOLE("-0", 0, 100), CS_NUMBER_OK);
    assert_int_equal(w, 0);
    /* many leading zeros are no overflow */
    assert_int_equal(WHOLE("000000000000000000000000000007", 1, 9), CS_NUMBER_OK);
    assert_int_equal(w, 7);
    assert_int_equal(WHOLE("9223372036854775807", 0, INT64_MAX), CS_NUMBER_OK);
    assert_true(w == INT64_MAX);
    assert_int_equal(WHOLE("9223372036854775808", 0, INT64_MAX), CS_NUMBER_RANGE);
    assert_int_equal(WHOLE("4294967297", 1, 2147483647), CS_NUMBER_RANGE);
    assert_int_equal(WHOLE("0", 1, 9), CS_NUMBER_RANGE);
    static const char *const bad[] = { "0x10", " 1", "1 ", "1.0", "1e3", "+", "-", "", "١" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (WHOLE(bad[i], INT64_MIN, INT64_MAX) != CS_NUMBER_NOT)
            fail_msg("\"%s\" read as a whole number", bad[i]);
#undef WHOLE
}

/* The same bits: -0 and 0 differ, and NaN never equals. */
static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* strtod's correctly rounded value of the text, a decimal comma read as a point. */
static double reference(const char *s)
{
    char tmp[160];
    snprintf(tmp, sizeof tmp, "%s", s);
    char *c = strchr(tmp, ',');
    if (c)
        *c = '.';
    return strtod(tmp, NULL);
}

/* Checks one text both ways: the fast path (when it answers) and cs_number_read. */
static void check_same(const char *s, int comma, int expect_fast)
{
    double fast = 0, full = 0, want = reference(s);
    int took = cs_number_read_plain(&fast, s, strlen(s), comma);
    if (expect_fast >= 0 && took != expect_fast)
        fail_msg("\"%s\": fast path %s, expected %s", s, took ? "taken" : "not taken",
                 expect_fast ? "taken" : "not taken");
    if (took && !same_bits(fast, want))
        fail_msg("\"%s\": fast path %.17g, strtod %.17g", s, fast, want);
    if (cs_number_read(&full, s, strlen(s), comma) != CS_NUMBER_OK)
        fail_msg("\"%s\" not read as a number", s);
    if (!same_bits(full, want))
        fail_msg("\"%s\": read %.17g, strtod %.17g", s, full, want);
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void test_fast_path(void **state)
{
    (void)state;
    /* the common case: taken, and bit for bit strtod */
    check_same("-12.3456", 0, 1);
    check_same("1234", 0, 1);
    check_same("+7.25", 0, 1);
    check_same("0.1", 0, 1);
    check_same("-0", 0, 1);
    check_same("-0.0000", 0, 1);
    check_same("5.", 0, 1);
    check_same(".5", 0, 1);
    check_same("1e22", 0, 1);
    check_same("1e-22", 0, 1);
    check_same("12.5E+3", 0, 1);
    check_same("3,25", 1, 1);
    check_same("9007199254740992", 0, 1);    /* 2^53: still exact */
    check_same("9007199254740993", 0, 0);    /* 2^53 + 1: strtod rounds it */
    check_same("900719925474099.2", 0, 1);   /* 2^53 with a point: taken */
    check_same("900719925474099.3", 0, 0);   /* one more: not */
    check_same("9007199254740993e-1", 0, 0); /* just past 2^53 */
    check_same("1234567890123456789", 0, 0); /* 19 digits, beyond 2^53 */
    check_same("12345678901234567890", 0, 0);
    check_same("0.30000000000000000000001", 0, 0);
    check_same("1e23", 0, 0); /* 10^23 is no double: strtod decides */
    check_same("1e-23", 0, 0);
    check_same("123456789e-30", 0, 0);
    check_same("1.7976931348623157e308", 0, 0);
    double v = 0;
    static const char *const refused[] = { "0x10", "inf", "-inf", "nan", "NaN",  "1e400", "1e-400",
                                           "1,5",  "",    "+",    "-",   ".",    "1e",    "1e+",
                                           " 1",   "1 ",  "1..2", "--1", "1e5.5" };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        const char *s = refused[i];
        if (cs_number_read_plain(&v, s, strlen(s), 0))
            fail_msg("\"%s\" taken by the fast path", s);
        if (cs_number_read(&v, s, strlen(s), 0) == CS_NUMBER_OK)
            fail_msg("\"%s\" read as a number", s);
    }
    /* strtod's ERANGE (a subnormal, or beyond a double): not a number to compute with */
    assert_int_equal(read(&v, "4.9e-324", 0), CS_NUMBER_NONFINITE);
    assert_int_equal(read(&v, "1e400", 0), CS_NUMBER_NONFINITE);
    assert_int_equal(read(&v, "inf", 0), CS_NUMBER_NONFINITE);
    assert_int_equal(read(&v, "0x10", 0), CS_NUMBER_NOT);
    /* a long run of leading zeros: the length limit of cs_number_read holds on the fast path */
    char longzero[200];
    memset(longzero, '0', 150);
    strcpy(longzero + 150, "1");
    assert_int_equal(cs_number_read_plain(&v, longzero, strlen(longzero), 0), 0);
    assert_int_equal(read(&v, longzero, 0), CS_NUMBER_NOT);

    /* random decimals of every shape the fast path takes or declines: each as strtod reads it */
    char s[64];
    size_t taken = 0, total = 200000;
    for (size_t k = 0; k < total; k++) {
        uint64_t r = next_random();
        unsigned int_digits = (unsigned)(r % 12), frac_digits = (unsigned)((r >> 8) % 14);
        int exp = (int)((r >> 16) % 61) - 30;
        size_t o = 0;
        if (r >> 24 & 1)
            s[o++] = '-';
        else if (r >> 25 & 1)
            s[o++] = '+';
        uint64_t digits = next_random();
        for (unsigned d = 0; d < int_digits; d++, digits /= 10)
            s[o++] = (char)('0' + digits % 10);
        if (frac_digits || !int_digits) {
            s[o++] = '.';
            digits = next_random();
            for (unsigned d = 0; d < (frac_digits ? frac_digits : 1); d++, digits /= 10)
                s[o++] = (char)('0' + digits % 10);
        }
        if (r >> 26 & 1)
            o += (size_t)snprintf(s + o, sizeof s - o, "e%d", exp);
        s[o] = '\0';
        double fast = 0;
        if (cs_number_read_plain(&fast, s, o, 0)) {
            taken++;
            if (!same_bits(fast, reference(s)))
                fail_msg("\"%s\": fast path %.17g, strtod %.17g", s, fast, reference(s));
        }
        check_same(s, 0, -1);
    }
    /* the fast path is the common path: most of these fit it */
    if (taken < total / 2)
        fail_msg("the fast path took only %zu of %zu decimals", taken, total);
    /* the data files of the benchmark: 4 decimals, as printf writes them */
    for (size_t k = 0; k < 100000; k++) {
        double x = round(((double)(next_random() >> 11) * 0x1.0p-53 - 0.5) * 2e6) / 1e4;
        snprintf(s, sizeof s, "%.4f", x);
        check_same(s, 0, 1);
        double back = 0;
        assert_int_equal(read(&back, s, 0), CS_NUMBER_OK);
        assert_true(back == x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_read_whole),
        cmocka_unit_test(test_fast_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
