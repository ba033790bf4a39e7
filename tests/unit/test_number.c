/* Reading numbers by the one rule every reader shares (src/util/number.h): decimal digits, one
 * separator, an exponent; never hexadecimal, octal, inf, nan or a value beyond a double. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/number.h"

#include <math.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_read_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
