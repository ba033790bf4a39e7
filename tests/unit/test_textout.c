/* The text output every writer shares (src/util/textout.h): CSV text cells guarded against
 * formulas and quoted when needed, numbers unguarded, control bytes and invalid UTF-8 made
 * safe the same way everywhere, JSON strings and numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/textout.h"

#include <math.h>
#include <string.h>

static cs_buf b = CS_BUF_INIT;

static const char *csv(const char *s, unsigned flags)
{
    cs_buf_reset(&b);
    assert_int_equal(cs_textout_csv_text(&b, s, flags), 0);
    return cs_buf_str(&b);
}

static void test_csv_guard(void **state)
{
    (void)state;
    assert_string_equal(csv("=cmd|' /C calc'!A0", 0), "'=cmd|' /C calc'!A0");
    assert_string_equal(csv("+1", 0), "'+1");
    assert_string_equal(csv("-2+3", 0), "'-2+3");
    assert_string_equal(csv("@SUM(A1)", 0), "'@SUM(A1)");
    assert_string_equal(csv("\tx", 0), "'\tx");
    assert_string_equal(csv("\rx", 0), "\"'\rx\"");
    assert_string_equal(csv("=HYPERLINK(\"http://evil.example\",\"x\")", 0),
                        "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
    assert_string_equal(csv("=1", CS_CSV_QUOTE_ALWAYS), "\"'=1\"");
    /* only the first character decides */
    assert_string_equal(csv("a=1", 0), "a=1");
    assert_string_equal(csv(" =1", 0), " =1");
}

static void test_csv_quoting(void **state)
{
    (void)state;
    assert_string_equal(csv("Medicon Valley", 0), "Medicon Valley");
    assert_string_equal(csv("Medicon Valley, DK", 0), "\"Medicon Valley, DK\"");
    assert_string_equal(csv("a \"b\"", 0), "\"a \"\"b\"\"\"");
    assert_string_equal(csv("two\nlines", 0), "\"two\nlines\"");
    assert_string_equal(csv("x", CS_CSV_QUOTE_ALWAYS), "\"x\"");
    assert_string_equal(csv("", 0), "");
    assert_string_equal(csv(NULL, 0), "");
    assert_string_equal(csv("", CS_CSV_QUOTE_ALWAYS), "\"\"");
    assert_string_equal(csv("Биомедицинский", 0), "Биомедицинский");
}

static void test_csv_control_bytes(void **state)
{
    (void)state;
    assert_string_equal(csv("Evil\033[31mRed", 0), "Evil\\x1B[31mRed");
    assert_string_equal(csv("a\x01"
                            "b\x7F",
                            0),
                        "a\\x01b\\x7F");
    assert_string_equal(csv("tab\there", 0), "tab\there");
    /* invalid UTF-8: U+FFFD, so the file stays valid UTF-8 */
    assert_string_equal(csv("a\xFF"
                            "b",
                            0),
                        "a\xEF\xBF\xBD"
                        "b");
    assert_string_equal(csv("\xC3(", 0), "\xEF\xBF\xBD(");
}

static void test_csv_numbers(void **state)
{
    (void)state;
    cs_buf_reset(&b);
    assert_int_equal(cs_textout_csv_int(&b, -12, 0), 0);
    assert_string_equal(cs_buf_str(&b), "-12"); /* a number is not a text cell */
    cs_buf_reset(&b);
    assert_int_equal(cs_textout_csv_int(&b, 3, CS_CSV_QUOTE_ALWAYS), 0);
    assert_string_equal(cs_buf_str(&b), "\"3\"");
    cs_buf_reset(&b);
    assert_int_equal(cs_textout_csv_fixed(&b, -0.5, 4, 0), 0);
    assert_string_equal(cs_buf_str(&b), "-0.5000");
    cs_buf_reset(&b);
    assert_int_equal(cs_textout_csv_fixed(&b, NAN, 4, 0), 0);
    assert_string_equal(cs_buf_str(&b), "");
}

static const char *json(const char *s)
{
    cs_buf_reset(&b);
    assert_int_equal(cs_textout_json_string(&b, s), 0);
    return cs_buf_str(&b);
}

static void test_json(void **state)
{
    (void)state;
    assert_string_equal(json("plain"), "\"plain\"");
    assert_string_equal(json(NULL), "null");
    assert_string_equal(json("a\"b\\c\nd\re\tf"), "\"a\\\"b\\\\c\\nd\\re\\tf\"");
    assert_string_equal(json("Evil\033[31mRed\x7F"), "\"Evil\\u001b[31mRed\\u007f\"");
    assert_string_equal(json("=cmd"), "\"=cmd\""); /* JSON keeps data as it is */
    assert_string_equal(json("«Кластер»"), "\"«Кластер»\"");
    assert_string_equal(json("a\xFF"), "\"a\xEF\xBF\xBD\"");

    cs_buf_reset(&b);
    assert_int_equal(cs_textout_json_double(&b, 2), 0);
    assert_int_equal(cs_textout_putc(&b, ' '), 0);
    assert_int_equal(cs_textout_json_double(&b, 0.1), 0);
    assert_int_equal(cs_textout_putc(&b, ' '), 0);
    assert_int_equal(cs_textout_json_double(&b, NAN), 0);
    assert_int_equal(cs_textout_putc(&b, ' '), 0);
    assert_int_equal(cs_textout_json_double(&b, INFINITY), 0);
    assert_string_equal(cs_buf_str(&b), "2 0.10000000000000001 null null");

    cs_buf_reset(&b);
    assert_int_equal(cs_textout_json_real(&b, 2), 0);
    assert_int_equal(cs_textout_putc(&b, ' '), 0);
    assert_int_equal(cs_textout_json_real(&b, 1e-5), 0);
    assert_int_equal(cs_textout_putc(&b, ' '), 0);
    assert_int_equal(cs_textout_json_real(&b, 1e22), 0);
    assert_int_equal(cs_textout_putc(&b, ' '), 0);
    assert_int_equal(cs_textout_json_real(&b, 0.71523178575810153), 0);
    assert_string_equal(cs_buf_str(&b), "2.0 1.0000000000000001e-5 1e22 0.71523178575810153");

    cs_buf_reset(&b);
    assert_int_equal(cs_textout_json_int(&b, -9007199254740993LL), 0);
    assert_string_equal(cs_buf_str(&b), "-9007199254740993");
}

static void test_sheet_and_plain(void **state)
{
    (void)state;
    cs_buf_reset(&b);
    assert_int_equal(cs_textout_sheet_text(&b, "=cmd \"x\"\033"), 0);
    assert_string_equal(cs_buf_str(&b), "=cmd \"x\"\\x1B");
    cs_buf_reset(&b);
    assert_int_equal(cs_textout_plain(&b, "Evil\033[31mRed\n\xFF"), 0);
    assert_string_equal(cs_buf_str(&b), "Evil [31mRed \xEF\xBF\xBD");
}

static int teardown(void **state)
{
    (void)state;
    cs_buf_free(&b);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_guard),
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_csv_control_bytes),
        cmocka_unit_test(test_csv_numbers),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_sheet_and_plain),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
