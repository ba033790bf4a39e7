/* Unit tests of the streaming CSV reader (src/ingest/csv_reader.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "ingest/csv_reader.h"
#include "util/buf.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define S(lit) lit, sizeof(lit) - 1

/* Appends s to out with CR and LF shown as \r and \n, so rows fit on one line each. */
static void put_escaped(cs_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            assert_int_equal(cs_buf_puts(out, "\\n"), 0);
        else if (s[i] == '\r')
            assert_int_equal(cs_buf_puts(out, "\\r"), 0);
        else
            assert_int_equal(cs_buf_putc(out, s[i]), 0);
    }
}

/*
 * Reads every row of an open reader into out as "LINE:f1|f2|...\n", checking the row
 * invariants on the way; returns the final code (0 or an error).
 */
static int drain(cs_buf *out, cs_csv_reader *r)
{
    const cs_csv_row *row;
    int rc;
    long last_line = 0;
    while ((rc = cs_csv_reader_next(r, &row)) == 1) {
        assert_true(row->count >= 1);
        assert_true(row->line > last_line);
        last_line = row->line;
        assert_int_equal(cs_buf_printf(out, "%ld:", row->line), 0);
        for (size_t i = 0; i < row->count; i++) {
            assert_int_equal(strlen(row->fields[i]), row->lengths[i]);
            if (i)
                assert_int_equal(cs_buf_putc(out, '|'), 0);
            put_escaped(out, row->fields[i], row->lengths[i]);
        }
        assert_int_equal(cs_buf_putc(out, '\n'), 0);
    }
    assert_null(row);
    return rc;
}

/* Reads data with opts (NULL: defaults); rows go to out; returns the final code. */
static int read_all(cs_buf *out, const char *data, size_t len, const cs_csv_options *opts)
{
    cs_csv_reader *r = NULL;
    cs_buf_reset(out);
    int rc = cs_csv_reader_open_memory(&r, "t.csv", data, len, opts);
    if (rc) {
        assert_null(r);
        return rc;
    }
    rc = drain(out, r);
    cs_csv_reader_close(r);
    return rc;
}

/* Reads data, expecting success and exactly `expected` as rows. */
static void expect_rows(const char *data, size_t len, const cs_csv_options *opts,
                        const char *expected)
{
    cs_buf out = CS_BUF_INIT;
    int rc = read_all(&out, data, len, opts);
    if (rc)
        fail_msg("unexpected error %d: %s", rc, cs_error_last());
    assert_string_equal(cs_buf_str(&out), expected);
    cs_buf_free(&out);
}

/* Reads data, expecting the rows `rows` and then the error `message` (code CS_EDATA). */
static void expect_error(const char *data, size_t len, const cs_csv_options *opts, const char *rows,
                         const char *message)
{
    cs_buf out = CS_BUF_INIT;
    int rc = read_all(&out, data, len, opts);
    assert_int_equal(rc, CS_EDATA);
    assert_string_equal(cs_error_last(), message);
    assert_string_equal(cs_buf_str(&out), rows);
    cs_buf_free(&out);
}

/* Opens data and returns the detected delimiter. */
static char delimiter_of(const char *data, size_t len)
{
    cs_csv_reader *r;
    assert_int_equal(cs_csv_reader_open_memory(&r, "t.csv", data, len, NULL), 0);
    char d = cs_csv_reader_delimiter(r);
    cs_csv_reader_close(r);
    return d;
}

static void test_basic_rows(void **state)
{
    (void)state;
    expect_rows(S("name,region\nA,Москва\nB,Пенза\n"), NULL,
                "1:name|region\n2:A|Москва\n3:B|Пенза\n");
    /* the last record needs no line end */
    expect_rows(S("a,b\n1,2"), NULL, "1:a|b\n2:1|2\n");
    /* unquoted fields lose surrounding spaces, quoted ones keep them; empty fields stay */
    expect_rows(S("a , b ,\" c \",,\n"), NULL, "1:a|b| c ||\n");
    /* tabs are trimmed like spaces, unless the tab is the delimiter; inner spaces stay */
    expect_rows(S("a,b\n\t1 \t, \t2 2\t\n"), NULL, "1:a|b\n2:1|2 2\n");
    expect_rows(S("a\tb\tc\n 1 \t\t 2 \n"), NULL, "1:a|b|c\n2:1||2\n");
}

static void test_api_accessors(void **state)
{
    (void)state;
    cs_csv_reader *r;
    const cs_csv_row *row;
    static const char data[] = "x;y\n1;2\n";
    assert_int_equal(cs_csv_reader_open_memory(&r, "mem.csv", S(data), NULL), 0);
    assert_string_equal(cs_csv_reader_name(r), "mem.csv");
    assert_int_equal(cs_csv_reader_delimiter(r), ';');
    assert_int_equal(cs_csv_reader_encoding(r), CS_CSV_ENCODING_UTF8);
    assert_int_equal(cs_csv_reader_next(r, &row), 1);
    assert_int_equal(cs_csv_reader_next(r, &row), 1);
    assert_string_equal(row->fields[1], "2");
    assert_int_equal(cs_csv_reader_next(r, &row), 0);
    assert_int_equal(cs_csv_reader_next(r, &row), 0); /* the end stays the end */
    assert_int_equal(cs_csv_reader_offset(r), sizeof data - 1);
    cs_csv_reader_close(r);
    cs_csv_reader_close(NULL);
}

static void test_bom_is_stripped(void **state)
{
    (void)state;
    cs_csv_reader *r;
    const cs_csv_row *row;
    assert_int_equal(cs_csv_reader_open_memory(&r, "t.csv", S("\xEF\xBB\xBFname;x\n1;2\n"), NULL),
                     0);
    assert_int_equal(cs_csv_reader_delimiter(r), ';');
    assert_int_equal(cs_csv_reader_encoding(r), CS_CSV_ENCODING_UTF8);
    assert_int_equal(cs_csv_reader_next(r, &row), 1);
    assert_int_equal(row->lengths[0], 4);
    assert_string_equal(row->fields[0], "name");
    cs_csv_reader_close(r);
    /* also with explicit UTF-8, and a BOM with nothing after it is an empty file */
    cs_csv_options o = { .encoding = CS_CSV_ENCODING_UTF8 };
    expect_rows(S("\xEF\xBB\xBF"
                  "a\n"),
                &o, "1:a\n");
    expect_error(S("\xEF\xBB\xBF"), NULL, "",
                 "t.csv:1:1: expected a header row, found an empty file");
}

static void test_delimiter_detection(void **state)
{
    (void)state;
    assert_int_equal(delimiter_of(S("a,b,c\n1,2,3\n")), ',');
    assert_int_equal(delimiter_of(S("a;b;c\n1;2;3\n")), ';');
    assert_int_equal(delimiter_of(S("a\tb\tc\n1\t2\t3\n")), '\t');
    /* the most frequent wins; ties go comma > semicolon > tab */
    assert_int_equal(delimiter_of(S("a;b;c,d\n")), ';');
    assert_int_equal(delimiter_of(S("a,b;c\n")), ',');
    assert_int_equal(delimiter_of(S("a;b\tc\n")), ';');
    assert_int_equal(delimiter_of(S("a\tb\tc;d,e\n")), '\t');
    /* delimiters inside quotes do not count, nor do lines after the header */
    assert_int_equal(delimiter_of(S("\"x;y;z\",w\n1;2;3;4\n")), ',');
    /* blank and delimiter-only lines before the header are passed over */
    assert_int_equal(delimiter_of(S("\n\r\n;;;\n  \na\tb\n")), '\t');
    /* a single column, and an empty file, mean comma */
    assert_int_equal(delimiter_of(S("name\nx\n")), ',');
    assert_int_equal(delimiter_of(S("")), ',');
    /* detected delimiters split the rows */
    expect_rows(S("a\tb\n1\t 2 \n"), NULL, "1:a|b\n2:1|2\n");
    expect_rows(S("name;value\n\"a;b\";1,5\n"), NULL, "1:name|value\n2:a;b|1,5\n");
    /* a given delimiter wins over detection */
    cs_csv_options o = { .delimiter = ';' };
    expect_rows(S("a,b;c\n"), &o, "1:a,b|c\n");
    cs_csv_options bad = { .delimiter = 'x' };
    cs_buf out = CS_BUF_INIT;
    assert_int_equal(read_all(&out, S("a\n"), &bad), CS_EUSAGE);
    assert_string_equal(cs_error_last(), "expected a delimiter ',', ';' or tab, found 'x'");
    cs_buf_free(&out);
}

static void test_cp1251_moskva(void **state)
{
    (void)state;
    static const char data[] = "name;city\r\n1;\xcc\xee\xf1\xea\xe2\xe0\r\n";
    cs_csv_reader *r;
    const cs_csv_row *row;
    assert_int_equal(cs_csv_reader_open_memory(&r, "t.csv", S(data), NULL), 0);
    assert_int_equal(cs_csv_reader_encoding(r), CS_CSV_ENCODING_CP1251);
    assert_int_equal(cs_csv_reader_next(r, &row), 1);
    assert_int_equal(cs_csv_reader_next(r, &row), 1);
    assert_string_equal(row->fields[1], "Москва");
    assert_int_equal(row->lengths[1], 12);
    assert_int_equal(row->line, 2);
    cs_csv_reader_close(r);
    cs_csv_options o = { .encoding = CS_CSV_ENCODING_CP1251 };
    expect_rows(S(data), &o, "1:name|city\n2:1|Москва\n");
    /* Cyrillic with Windows-1251 punctuation and Ё: «ООО Ёлка» № 5 — test */
    expect_rows(S("\xab\xce\xce\xce \xa8\xeb\xea\xe0\xbb \xb9 5 \x97 test\n"), NULL,
                "1:«ООО Ёлка» № 5 — test\n");
}

/* Every byte 0x80..0xFF that Windows-1251 defines decodes as glibc's iconv says. */
static void test_cp1251_table_matches_iconv(void **state)
{
    (void)state;
    char data[128 * 2], expected[128 * 8], *in = data;
    size_t n = 0;
    for (int b = 0x80; b <= 0xFF; b++) {
        if (b == 0x98)
            continue;
        data[n++] = (char)b;
        data[n++] = '\n';
    }
    iconv_t cd = iconv_open("UTF-8", "CP1251");
    assert_true(cd != (iconv_t)-1);
    char *out = expected;
    size_t inleft = n, outleft = sizeof expected - 1;
    assert_int_equal(iconv(cd, &in, &inleft, &out, &outleft), 0);
    *out = '\0';
    iconv_close(cd);
    cs_csv_options o = { .encoding = CS_CSV_ENCODING_CP1251, .delimiter = ',' };
    cs_csv_reader *r;
    const cs_csv_row *row;
    assert_int_equal(cs_csv_reader_open_memory(&r, "t.csv", data, n, &o), 0);
    const char *e = expected;
    int rows = 0;
    while (cs_csv_reader_next(r, &row) == 1) {
        const char *nl = strchr(e, '\n');
        assert_non_null(nl);
        /* 0xA0 (no-break space) is not a space to libcsv, so nothing is trimmed */
        assert_int_equal(row->lengths[0], (size_t)(nl - e));
        assert_memory_equal(row->fields[0], e, row->lengths[0]);
        e = nl + 1;
        rows++;
    }
    assert_int_equal(rows, 127);
    cs_csv_reader_close(r);
}

static void test_cp1251_undefined_byte(void **state)
{
    (void)state;
    cs_csv_options o = { .encoding = CS_CSV_ENCODING_CP1251 };
    expect_error(S("a\nb,\x98x\n"), &o, "1:a\n",
                 "t.csv:2:2: expected Windows-1251 text, found \"\\x98\"");
    /* a UTF-8 byte-order mark contradicts an explicit Windows-1251 */
    cs_buf out = CS_BUF_INIT;
    assert_int_equal(read_all(&out,
                              S("\xEF\xBB\xBF"
                                "a\n"),
                              &o),
                     CS_EDATA);
    assert_string_equal(cs_error_last(), "t.csv:1:1: expected Windows-1251 text (as asked), "
                                         "found a UTF-8 byte-order mark");
    cs_buf_free(&out);
}

static void test_auto_rejects_latin1(void **state)
{
    (void)state;
    /* ü is a Cyrillic letter's byte in Windows-1251, but glued to Latin letters */
    expect_error(S("city,country\nZ\xfcrich,CH\n"), NULL, "1:city|country\n",
                 "t.csv:2:1: expected UTF-8 text (or cp1251 text, with the encoding named), found "
                 "\"Z\\xFCrich\"");
}

static void test_explicit_utf8_never_falls_back(void **state)
{
    (void)state;
    cs_csv_options o = { .encoding = CS_CSV_ENCODING_UTF8 };
    expect_error(S("name;city\n1;\xcc\xee\xf1\xea\xe2\xe0\n"), &o, "1:name|city\n",
                 "t.csv:2:2: expected UTF-8 text (or cp1251 text, with the encoding named), found "
                 "\"\\xCC\\xEE\\xF1\\xEA\\xE2\\xE0\"");
    /* overlong encodings and surrogates are not UTF-8 either */
    expect_error(S("a\n\xc0\xaf\n"), &o, "1:a\n",
                 "t.csv:2:1: expected UTF-8 text (or cp1251 text, with the encoding named), found "
                 "\"\\xC0\\xAF\"");
    expect_error(S("a\nx\xed\xa0\x80\n"), &o, "1:a\n",
                 "t.csv:2:1: expected UTF-8 text (or cp1251 text, with the encoding named), found "
                 "\"x\\xED\\xA0\\x80\"");
    /* a sequence cut by the end of the file */
    expect_error(S("a\nb\xd0"), &o, "1:a\n",
                 "t.csv:2:1: expected UTF-8 text (or cp1251 text, with the encoding named), found "
                 "\"b\\xD0\"");
}

/* UTF-8 decided from the first 64 KiB; a bad byte far later is still an error, at its place. */
static void test_invalid_utf8_in_later_chunk(void **state)
{
    (void)state;
    cs_buf data = CS_BUF_INIT;
    assert_int_equal(cs_buf_puts(&data, "name,city\n"), 0);
    for (int i = 0; i < 5000; i++)
        assert_int_equal(cs_buf_puts(&data, "N,Москва\n"), 0);
    assert_true(data.len > 70000);
    assert_int_equal(cs_buf_puts(&data, "X,\"ok \xcc\xee\xf1\xea\xe2\xe0\"\n"), 0);
    static const char msg[] =
        "t.csv:5002:2: expected UTF-8 text (or cp1251 text, with the encoding named), found "
        "\"\"ok \\xCC\\xEE\\xF1\\xEA\\xE2\\xE0\"\"";
    size_t sizes[] = { 0, 4096, 7 };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        cs_csv_options o = { .chunk_bytes = sizes[k] };
        cs_csv_reader *r;
        const cs_csv_row *row;
        assert_int_equal(cs_csv_reader_open_memory(&r, "t.csv", data.data, data.len, &o), 0);
        int rows = 0, rc;
        while ((rc = cs_csv_reader_next(r, &row)) == 1)
            rows++;
        assert_int_equal(rc, CS_EDATA);
        assert_int_equal(rows, 5001);
        assert_int_equal(cs_csv_reader_encoding(r), CS_CSV_ENCODING_UTF8);
        assert_string_equal(cs_error_last(), msg);
        /* the error sticks */
        assert_int_equal(cs_csv_reader_next(r, &row), CS_EDATA);
        cs_csv_reader_close(r);
    }
    cs_buf_free(&data);
}

/* The 64 KiB sample for the encoding decision may end inside a character: still UTF-8. */
static void test_decision_sample_cut_in_character(void **state)
{
    (void)state;
    cs_buf data = CS_BUF_INIT;
    assert_int_equal(cs_buf_puts(&data, "h\n"), 0);
    size_t first = data.len; /* the first non-ASCII byte */
    while (data.len - first + 19 <= 65000)
        assert_int_equal(cs_buf_puts(&data, "ЖЖЖЖЖЖЖЖЖ\n"), 0);
    while (data.len - first < 65535)
        assert_int_equal(cs_buf_putc(&data, 'x'), 0);
    assert_int_equal(cs_buf_puts(&data, "Ж\n"), 0); /* its first byte is the sample's last */
    cs_csv_reader *r;
    const cs_csv_row *row;
    assert_int_equal(cs_csv_reader_open_memory(&r, "t.csv", data.data, data.len, NULL), 0);
    assert_int_equal(cs_csv_reader_encoding(r), CS_CSV_ENCODING_UTF8);
    assert_int_equal(cs_csv_reader_next(r, &row), 1);
    assert_int_equal(cs_csv_reader_next(r, &row), 1);
    assert_string_equal(row->fields[0], "ЖЖЖЖЖЖЖЖЖ");
    cs_csv_reader_close(r);
    cs_buf_free(&data);
}

/*
 * The decision looks at 64 KiB only, whatever is buffered: Arabic letters (valid UTF-8 whose
 * bytes would also read as Cyrillic in Windows-1251) decide UTF-8, and a bad byte after them
 * is an error, not a reason to reread everything as Windows-1251.
 */
static void test_decision_uses_first_64k(void **state)
{
    (void)state;
    cs_buf data = CS_BUF_INIT;
    assert_int_equal(cs_buf_puts(&data, "h\n"), 0);
    long lines = 1;
    while (data.len < 70000) {
        assert_int_equal(cs_buf_puts(&data, "\xd8\xb8\xd8\xb8\xd8\xb8 \xd8\xb8\xd8\xb8\n"), 0);
        lines++;
    }
    assert_int_equal(cs_buf_puts(&data, "\xff\n"), 0);
    char msg[160];
    snprintf(msg, sizeof msg,
             "t.csv:%ld:1: expected UTF-8 text (or cp1251 text, with the encoding named), found "
             "\"\\xFF\"",
             lines + 1);
    size_t sizes[] = { 0, 1000 };
    for (size_t k = 0; k < 2; k++) {
        cs_csv_options o = { .chunk_bytes = sizes[k] };
        cs_csv_reader *r;
        const cs_csv_row *row;
        assert_int_equal(cs_csv_reader_open_memory(&r, "t.csv", data.data, data.len, &o), 0);
        int rc;
        while ((rc = cs_csv_reader_next(r, &row)) == 1)
            ;
        assert_int_equal(rc, CS_EDATA);
        assert_string_equal(cs_error_last(), msg);
        cs_csv_reader_close(r);
    }
    cs_buf_free(&data);
}

/* A file that is ASCII for a long while and Windows-1251 later is still detected. */
static void test_cp1251_detected_late(void **state)
{
    (void)state;
    cs_buf data = CS_BUF_INIT;
    assert_int_equal(cs_buf_puts(&data, "id;city\n"), 0);
    for (int i = 0; i < 2000; i++)
        assert_int_equal(cs_buf_printf(&data, "%d;Penza\n", i), 0);
    assert_int_equal(cs_buf_puts(&data, "x;\xcc\xee\xf1\xea\xe2\xe0\n"), 0);
    cs_csv_options o = { .chunk_bytes = 64 };
    cs_csv_reader *r;
    const cs_csv_row *row;
    assert_int_equal(cs_csv_reader_open_memory(&r, "t.csv", data.data, data.len, &o), 0);
    assert_int_equal(cs_csv_reader_encoding(r), CS_CSV_ENCODING_UTF8); /* ASCII so far */
    int rc;
    while ((rc = cs_csv_reader_next(r, &row)) == 1 && strcmp(row->fields[0], "x") != 0)
        ;
    assert_int_equal(rc, 1);
    assert_string_equal(row->fields[1], "Москва");
    assert_int_equal(row->line, 2002);
    assert_int_equal(cs_csv_reader_encoding(r), CS_CSV_ENCODING_CP1251);
    cs_csv_reader_close(r);
    cs_buf_free(&data);
}

static void test_line_ends(void **state)
{
    (void)state;
    /* bare CR, as old Mac Excel writes */
    expect_rows(S("a,b\rc,d\r\re,f"), NULL, "1:a|b\n2:c|d\n4:e|f\n");
    expect_rows(S("a,b\r\nc,d\r\n\r\ne,f\r\n"), NULL, "1:a|b\n2:c|d\n4:e|f\n");
    expect_rows(S("a\nb\r\nc\rd\n\re"), NULL, "1:a\n2:b\n3:c\n4:d\n6:e\n");
}

/* The shape of the US Cluster Mapping Project's list of organisations: bare CR line ends,
 * quoted fields with commas right before a CR, no line end at the end; at every chunk size, so
 * that a CR falls at every place of a chunk. */
static void test_bare_cr_quoted_every_chunk(void **state)
{
    (void)state;
    static const char data[] = "org_id,org_title,cluster_name\r"
                               "332,Space Florida,Aerospace Vehicles and Defense\r"
                               "630,\"Mele Associates, Inc\",Aerospace Vehicles and Defense\r"
                               "630,\"Mele Associates, Inc\",\"Local Real Estate, Construction\"\r"
                               "\r"
                               "445,Ohio Aerospace Institute,\"A \"\"quoted\"\" name\"";
    static const char want[] = "1:org_id|org_title|cluster_name\n"
                               "2:332|Space Florida|Aerospace Vehicles and Defense\n"
                               "3:630|Mele Associates, Inc|Aerospace Vehicles and Defense\n"
                               "4:630|Mele Associates, Inc|Local Real Estate, Construction\n"
                               "6:445|Ohio Aerospace Institute|A \"quoted\" name\n";
    for (size_t chunk = 1; chunk <= sizeof data; chunk++) {
        cs_csv_options o = { .chunk_bytes = chunk };
        expect_rows(data, sizeof data - 1, &o, want);
    }
    expect_rows(data, sizeof data - 1, NULL, want);
}

static void test_quoted_fields(void **state)
{
    (void)state;
    expect_rows(S("id,text\n"
                  "1,\"x, y\"\n"
                  "2,\"line1\nline2\r\nline3\rend\"\n"
                  "3,\"say \"\"hi\"\"\"\n"
                  "4,last"),
                NULL,
                "1:id|text\n2:1|x, y\n3:2|line1\\nline2\\r\\nline3\\rend\n7:3|say \"hi\"\n"
                "8:4|last\n");
    /* a quoted field may be followed by spaces before the delimiter */
    expect_rows(S("\"a\"  ,\"\"\"\"\n"), NULL, "1:a|\"\n");
}

static void test_blank_records_skipped(void **state)
{
    (void)state;
    expect_rows(S("\n\na,b\n\n  \n,\n,,\n\"\",\"\"\nc,d\n\n\n"), NULL, "3:a|b\n9:c|d\n");
    /* Excel's empty formatted rows */
    expect_rows(S("a;b;c\r\n1;2;3\r\n;;\r\n;;\r\n"), NULL, "1:a|b|c\n2:1|2|3\n");
    /* a record with some empty fields is not blank */
    expect_rows(S("a,b\n,x\n"), NULL, "1:a|b\n2:|x\n");
}

static void test_empty_file(void **state)
{
    (void)state;
    expect_error(S(""), NULL, "", "t.csv:1:1: expected a header row, found an empty file");
    expect_error(S("\n\r\n  \n,,\n"), NULL, "",
                 "t.csv:1:1: expected a header row, found an empty file");
}

static void test_nul_byte(void **state)
{
    (void)state;
    expect_error("a,b\n1,x\0y\n", 10, NULL, "1:a|b\n",
                 "t.csv:2:2: expected text, found a NUL byte (is the file UTF-16 or binary?)");
    cs_csv_options o = { .encoding = CS_CSV_ENCODING_CP1251 };
    expect_error("a\n\0", 3, &o, "1:a\n",
                 "t.csv:2:1: expected text, found a NUL byte (is the file UTF-16 or binary?)");
}

static void test_utf16_is_named(void **state)
{
    (void)state;
    cs_buf out = CS_BUF_INIT;
    assert_int_equal(read_all(&out,
                              "\xFF\xFE"
                              "a\0,\0b\0",
                              8, NULL),
                     CS_EDATA);
    assert_string_equal(cs_error_last(), "t.csv:1:1: expected UTF-8 or Windows-1251 text, found "
                                         "a UTF-16 byte-order mark (save the file as UTF-8)");
    cs_buf_free(&out);
}

static void test_field_too_long(void **state)
{
    (void)state;
    static const char msg[] = "t.csv:2:2: expected a field of at most 8 bytes, found \"123456789\"";
    /* caught whole, or while libcsv still collects it, with the same message */
    for (size_t chunk = 0; chunk <= 5; chunk++) {
        cs_csv_options o = { .max_field_bytes = 8, .chunk_bytes = chunk };
        expect_error(S("a,b\n1,123456789\n"), &o, "1:a|b\n", msg);
        expect_error(S("a,b\n1,123456789"), &o, "1:a|b\n", msg);
        expect_rows(S("a,b\n1,12345678\n"), &o, "1:a|b\n2:1|12345678\n");
        /* quotes and trailing spaces do not count */
        expect_rows(S("a,b\n1,\"12345678\"  \n"), &o, "1:a|b\n2:1|12345678\n");
        expect_rows(S("a,b\n1,12345678    \n"), &o, "1:a|b\n2:1|12345678\n");
    }
    /* a multi-line quoted field is reported where it starts */
    cs_csv_options o = { .max_field_bytes = 8 };
    expect_error(S("a,b\n1,\"12\n34\n56\n78\"\n"), &o, "1:a|b\n",
                 "t.csv:2:2: expected a field of at most 8 bytes, found \"12\\x0A34\\x0A56\\x0A\"");
}

static void test_record_limits(void **state)
{
    (void)state;
    cs_csv_options o = { .max_fields = 3 };
    expect_error(S("a,b,c\nd,e,f,g\n"), &o, "1:a|b|c\n",
                 "t.csv:2:4: expected at most 3 fields in a record, found more");
    cs_csv_options p = { .max_record_bytes = 10 };
    expect_error(S("abcd,efgh\nabcd,efgh,ijkl\n"), &p, "1:abcd|efgh\n",
                 "t.csv:2:3: expected a record of at most 10 bytes, found a longer one");
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    expect_error(S("a,b\n1,\"open\nmore\n"), NULL, "1:a|b\n",
                 "t.csv:2:2: expected a closing quote for the field that starts here, found the "
                 "end of the file");
    expect_error(S("a,b\n\n\"x"), NULL, "1:a|b\n",
                 "t.csv:3:1: expected a closing quote for the field that starts here, found the "
                 "end of the file");
    /* the second field starts on the record's second line */
    expect_error(S("a,b\n\"x\ny\",\"open\nmore"), NULL, "1:a|b\n",
                 "t.csv:3:2: expected a closing quote for the field that starts here, found the "
                 "end of the file");
}

static void test_malformed_quotes(void **state)
{
    (void)state;
    expect_error(S("a,b\n1,ab\"c\n"), NULL, "1:a|b\n",
                 "t.csv:2:2: expected no quote inside an unquoted field (quote the whole field "
                 "and double the quotes inside), found \"ab\"\"");
    expect_error(S("a,b\n1,\"ab\"c\n"), NULL, "1:a|b\n",
                 "t.csv:2:2: expected a delimiter or the end of the line after a closing quote "
                 "(a quote inside a quoted field is doubled), found \"\"ab\"c\"");
    /* inside a record over several lines, the error names the line of the bad byte */
    expect_error(S("a,b\n1,\"x\ny\nz\"Ж\n"), NULL, "1:a|b\n",
                 "t.csv:4:2: expected a delimiter or the end of the line after a closing quote "
                 "(a quote inside a quoted field is doubled), found \"\"x\\x0Ay\\x0Az\"Ж\"");
    /* a long field is shown by its end */
    expect_error(S("a\n0123456789abcdefghijklmnopqrstuvwxyz\"\n"), NULL, "1:a\n",
                 "t.csv:2:1: expected no quote inside an unquoted field (quote the whole field "
                 "and double the quotes inside), found \"...cdefghijklmnopqrstuvwxyz\"\"");
}

/* Small chunks put boundaries inside UTF-8 sequences, quoted fields and CRLF pairs. */
static void test_chunk_boundaries(void **state)
{
    (void)state;
    static const char utf8[] = "\xEF\xBB\xBF"
                               "id;name;note\r\n"
                               "1;Москва;\"a;b\r\nв две строки\"\r\n"
                               "2;\"Пенза \"\"БиоМед\"\"\";𝄞 €\r"
                               "3;;x\n";
    static const char want_utf8[] = "1:id|name|note\n2:1|Москва|a;b\\r\\nв две строки\n"
                                    "4:2|Пенза \"БиоМед\"|𝄞 €\n5:3||x\n";
    static const char cp[] = "id;name\r\n1;\"\xcc\xee\xf1\xea\xe2\xe0\r\n\xcf\xe5\xed\xe7\xe0\"\r\n"
                             "2;\xa8\xeb\xea\xe0\r\n";
    static const char want_cp[] = "1:id|name\n2:1|Москва\\r\\nПенза\n4:2|Ёлка\n";
    for (size_t chunk = 1; chunk <= 20; chunk++) {
        cs_csv_options o = { .chunk_bytes = chunk };
        expect_rows(S(utf8), &o, want_utf8);
        expect_rows(S(cp), &o, want_cp);
        o.max_field_bytes = 5;
        expect_error(S(utf8), &o, "1:id|name|note\n",
                     "t.csv:2:2: expected a field of at most 5 bytes, found \"Мос\"");
    }
}

static char *temp_path(void)
{
    char *path = strdup("/tmp/test_csv_reader.XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return path;
}

/* 200,000 rows through the file reader with bounded buffers; every row comes back in order. */
static void test_large_file_bounded(void **state)
{
    (void)state;
    char *path = temp_path();
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("id,name,region,year,value,note\n", f);
    for (int i = 0; i < 200000; i++)
        fprintf(f, "%d,Кластер %d,\"Region, %d\",%d,%d.5,\"multi\nline\"\n", i, i, i % 85,
                1990 + i % 30, i);
    fclose(f);
    cs_csv_reader *r;
    const cs_csv_row *row;
    cs_csv_options o = { .chunk_bytes = 64 * 1024 };
    assert_int_equal(cs_csv_reader_open(&r, path, &o), 0);
    assert_int_equal(cs_csv_reader_next(r, &row), 1);
    long expect = 0, rc;
    size_t most = 0;
    while ((rc = cs_csv_reader_next(r, &row)) == 1) {
        assert_int_equal(row->count, 6);
        assert_int_equal(strtol(row->fields[0], NULL, 10), expect);
        assert_int_equal(row->line, 2 + 2 * expect);
        size_t b = cs_csv_reader_buffer_bytes(r);
        if (b > most)
            most = b;
        expect++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(expect, 200000);
    assert_true(most < 1024 * 1024);
    cs_csv_reader_close(r);
    unlink(path);
    free(path);
}

/* One 20 MB line: rejected after reading little of it, without holding it. */
static void test_huge_line_rejected(void **state)
{
    (void)state;
    char *path = temp_path();
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    static char block[1 << 16];
    memset(block, 'a', sizeof block);
    for (int i = 0; i < 320; i++)
        assert_int_equal(fwrite(block, 1, sizeof block, f), sizeof block);
    fclose(f);
    cs_csv_reader *r;
    const cs_csv_row *row;
    assert_int_equal(cs_csv_reader_open(&r, path, NULL), 0);
    assert_int_equal(cs_csv_reader_next(r, &row), CS_EDATA);
    char expected[512];
    snprintf(expected, sizeof expected,
             "%s:1:1: expected a field of at most 1048576 bytes, found "
             "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"",
             path);
    assert_string_equal(cs_error_last(), expected);
    assert_true(cs_csv_reader_offset(r) < 3u * 1024 * 1024);
    assert_true(cs_csv_reader_buffer_bytes(r) < 4u * 1024 * 1024);
    cs_csv_reader_close(r);
    unlink(path);
    free(path);
}

static void test_open_errors(void **state)
{
    (void)state;
    cs_csv_reader *r = (cs_csv_reader *)1;
    assert_int_equal(cs_csv_reader_open(&r, "/nonexistent/x.csv", NULL), CS_ENOTFOUND);
    assert_null(r);
    assert_string_equal(cs_error_last(),
                        "cannot open /nonexistent/x.csv: No such file or directory");
    assert_int_equal(cs_csv_reader_open(&r, "/", NULL), CS_EIO);
    assert_null(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_rows),
        cmocka_unit_test(test_api_accessors),
        cmocka_unit_test(test_bom_is_stripped),
        cmocka_unit_test(test_delimiter_detection),
        cmocka_unit_test(test_cp1251_moskva),
        cmocka_unit_test(test_cp1251_table_matches_iconv),
        cmocka_unit_test(test_cp1251_undefined_byte),
        cmocka_unit_test(test_auto_rejects_latin1),
        cmocka_unit_test(test_explicit_utf8_never_falls_back),
        cmocka_unit_test(test_invalid_utf8_in_later_chunk),
        cmocka_unit_test(test_decision_sample_cut_in_character),
        cmocka_unit_test(test_decision_uses_first_64k),
        cmocka_unit_test(test_cp1251_detected_late),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_bare_cr_quoted_every_chunk),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_blank_records_skipped),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_utf16_is_named),
        cmocka_unit_test(test_field_too_long),
        cmocka_unit_test(test_record_limits),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_malformed_quotes),
        cmocka_unit_test(test_chunk_boundaries),
        cmocka_unit_test(test_large_file_bounded),
        cmocka_unit_test(test_huge_line_rejected),
        cmocka_unit_test(test_open_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
