/* The text output every writer shares (src/util/textout.h): CSV text cells guarded against
 * formulas and quoted when needed, numbers unguarded, control bytes and invalid UTF-8 made
 * safe the same way everywhere, JSON strings and numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "util/textout.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
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

/* Export's exact cells: every byte kept, no guard, quoted where the CSV reader would drop
 * spaces and tabs around an unquoted cell or split it. */
static void test_csv_exact(void **state)
{
    (void)state;
    assert_string_equal(csv("=cmd|' /C calc'!A0", CS_CSV_EXACT), "=cmd|' /C calc'!A0");
    assert_string_equal(csv("-1", CS_CSV_EXACT), "-1");
    assert_string_equal(csv("'quoted", CS_CSV_EXACT), "'quoted");
    assert_string_equal(csv("Evil\033[31mRed\x01\x7F", CS_CSV_EXACT), "Evil\033[31mRed\x01\x7F");
    assert_string_equal(csv("\t lead and trail \t", CS_CSV_EXACT), "\"\t lead and trail \t\"");
    assert_string_equal(csv(" x", CS_CSV_EXACT), "\" x\"");
    assert_string_equal(csv("x\t", CS_CSV_EXACT), "\"x\t\"");
    assert_string_equal(csv("in\tside", CS_CSV_EXACT), "in\tside");
    assert_string_equal(csv("\rx", CS_CSV_EXACT), "\"\rx\"");
    assert_string_equal(csv("say \"hi\"\n", CS_CSV_EXACT), "\"say \"\"hi\"\"\n\"");
    assert_string_equal(csv("a;b", CS_CSV_EXACT), "a;b"); /* export's delimiter is ',' */
    assert_string_equal(csv("a,b", CS_CSV_EXACT), "\"a,b\"");
    assert_string_equal(csv("", CS_CSV_EXACT), "");
    assert_string_equal(csv(NULL, CS_CSV_EXACT), "");
    assert_string_equal(csv("=1", CS_CSV_EXACT | CS_CSV_QUOTE_ALWAYS), "\"=1\"");
    /* invalid UTF-8 is the one change: the reader refuses it */
    assert_string_equal(csv("a\xFF", CS_CSV_EXACT), "a\xEF\xBF\xBD");
}

/* The same document through cs_jsonw and through jansson's json_dumps(flags). */
static void assert_like_jansson(int indent, size_t flags)
{
    json_t *doc = json_pack("{s:s, s:i, s:n, s:[], s:{}, s:[i, {s:f, s:[s, s]}, []], s:{s:{s:f}}}",
                            "format", "x\ty\033", "version", 1, "none", "empty", "nothing", "list",
                            1, "real", 2.0, "words", "a", "b", "deep", "k", "v", 0.1);
    char *want = json_dumps(doc, flags | JSON_PRESERVE_ORDER);
    json_decref(doc);
    cs_buf_reset(&b);
    cs_jsonw w;
    cs_jsonw_init(&w, &b, indent, NULL);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "format", "x\ty\033");
    cs_jsonw_int(&w, "version", 1);
    cs_jsonw_null(&w, "none");
    cs_jsonw_open(&w, "empty", '[');
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "nothing", '{');
    cs_jsonw_close(&w, '}');
    cs_jsonw_open(&w, "list", '[');
    cs_jsonw_int(&w, NULL, 1);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_real(&w, "real", 2.0);
    cs_jsonw_open(&w, "words", '[');
    cs_jsonw_string(&w, NULL, "a");
    cs_jsonw_string(&w, NULL, "b");
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    cs_jsonw_open(&w, NULL, '[');
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "deep", '{');
    cs_jsonw_open(&w, "k", '{');
    cs_jsonw_real(&w, "v", 0.1);
    cs_jsonw_close(&w, '}');
    cs_jsonw_close(&w, '}');
    cs_jsonw_close(&w, '}');
    assert_int_equal(w.rc, 0);
    assert_int_equal(w.depth, 0);
    /* jansson writes an ESC as \u001B; textout, like every writer, as \u001b */
    assert_non_null(strstr(cs_buf_str(&b), "\"x\\ty\\u001b\""));
    char *got = strdup(cs_buf_str(&b));
    memcpy(strstr(got, "\\u001b"), "\\u001B", 6);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

static void test_json_document(void **state)
{
    (void)state;
    assert_like_jansson(1, JSON_INDENT(1));
    assert_like_jansson(2, JSON_INDENT(2));
    assert_like_jansson(0, JSON_COMPACT);
    /* too deep: an error, and nothing more is written */
    cs_buf_reset(&b);
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 0, NULL);
    for (int i = 0; i <= CS_JSONW_MAX_DEPTH; i++)
        cs_jsonw_open(&w, NULL, '[');
    assert_int_equal(w.rc, CS_EUSAGE);
    size_t len = b.len;
    cs_jsonw_int(&w, NULL, 1);
    assert_int_equal(b.len, len);
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
        cmocka_unit_test(test_csv_exact),
        cmocka_unit_test(test_json_document),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
