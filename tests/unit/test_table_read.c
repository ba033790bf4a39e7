/*
 * test_table_read.c: cs_ingest_read_table reads a small CSV file whole by the import's reader:
 * quoted fields, blank lines, a byte-order mark and a semicolon file; the line of each record;
 * refusals for a wrong field count, an empty file and too many rows, with nothing left to free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static void write_file(const char *text)
{
    snprintf(path, sizeof path, "/tmp/cs-table-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static void test_reads(void **state)
{
    (void)state;
    write_file("\xEF\xBB\xBF"
               "id,name\n"
               "a,\"Medicon, Valley\"\n"
               "\n"
               "b,\"two\nlines\"\n"
               "c,\n");
    cs_csv_table t;
    assert_int_equal(cs_ingest_read_table(&t, path, 0, 0), 0);
    assert_int_equal(t.cols, 2);
    assert_int_equal(t.rows, 3);
    assert_string_equal(t.cell[0], "id");
    assert_string_equal(t.cell[1], "name");
    assert_string_equal(t.cell[3], "Medicon, Valley");
    assert_string_equal(t.cell[5], "two\nlines");
    assert_string_equal(t.cell[6], "c");
    assert_string_equal(t.cell[7], "");
    assert_int_equal(t.line[0], 1);
    assert_int_equal(t.line[1], 2);
    assert_int_equal(t.line[2], 4); /* after the blank line */
    assert_int_equal(t.line[3], 6); /* after the line inside quotes */
    cs_csv_table_free(&t);
    assert_null(t.cell);
    /* a semicolon file, detected or given */
    write_file("centre;x\nc1;1,5\n");
    assert_int_equal(cs_ingest_read_table(&t, path, 0, 0), 0);
    assert_string_equal(t.cell[3], "1,5");
    cs_csv_table_free(&t);
    assert_int_equal(cs_ingest_read_table(&t, path, ';', 0), 0);
    assert_int_equal(t.cols, 2);
    cs_csv_table_free(&t);
    unlink(path);
}

static void test_refuses(void **state)
{
    (void)state;
    cs_csv_table t;
    char want[160];
    write_file("id,x\na,1\nb\n");
    assert_int_equal(cs_ingest_read_table(&t, path, 0, 0), CS_EDATA);
    snprintf(want, sizeof want, "%s:3: expected 2 fields as in the header, found 1", path);
    assert_string_equal(cs_error_last(), want);
    assert_null(t.cell);
    write_file("");
    assert_int_equal(cs_ingest_read_table(&t, path, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "empty"));
    write_file("id\na\nb\nc\n");
    assert_int_equal(cs_ingest_read_table(&t, path, 0, 2), CS_EDATA);
    snprintf(want, sizeof want, "%s:4: expected at most 2 rows after the header", path);
    assert_string_equal(cs_error_last(), want);
    assert_int_equal(cs_ingest_read_table(&t, path, 0, 3), 0);
    assert_int_equal(t.rows, 3);
    cs_csv_table_free(&t);
    write_file("id,x\na,\"open\n");
    assert_int_equal(cs_ingest_read_table(&t, path, 0, 0), CS_EDATA);
    unlink(path);
    assert_true(cs_ingest_read_table(&t, path, 0, 0) != 0); /* gone */
    cs_csv_table_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads),
        cmocka_unit_test(test_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
