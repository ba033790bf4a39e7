/*
 * CSV files as people have them: the column mapping (a list and a mapping file, and every
 * error positioned at its pair), fixed values for missing columns, rows repeated exactly
 * (counted, skipped and told; a repeated key with other values still refused), and an import
 * of a file shaped like the US Cluster Mapping Project's list of organisations.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/store.h"
#include "ingest/columns.h"
#include "store_test_util.h"

#include <string.h>

/* ---------------------------------------------------------------- the mapping */

static cs_column_map *parse(const char *text, const char *origin)
{
    cs_column_map *map = NULL;
    int rc = cs_column_map_parse(&map, text, strlen(text), origin);
    if (rc)
        fail_msg("unexpected error: %s", cs_error_last());
    return map;
}

static void parse_fails(const char *text, const char *origin, const char *message)
{
    cs_column_map *map = (cs_column_map *)1;
    int rc = cs_column_map_parse(&map, text, strlen(text), origin);
    if (rc != CS_EUSAGE || strcmp(cs_error_last(), message) != 0)
        fail_msg("[%s]: got %d [%s], expected [%s]", text, rc, cs_error_last(), message);
    assert_null(map);
}

static void expect_pair(const cs_column_map *map, size_t i, const char *from, const char *to,
                        long where)
{
    const cs_column_pair *p = cs_column_map_at(map, i);
    assert_non_null(p);
    assert_string_equal(p->from, from);
    if (to)
        assert_string_equal(p->to, to);
    else
        assert_null(p->to);
    assert_int_equal(p->where, where);
}

static void test_list(void **state)
{
    (void)state;
    cs_column_map *map = parse("org_id=key, org_title = name ,cluster_name=-", NULL);
    assert_int_equal(cs_column_map_count(map), 3);
    expect_pair(map, 0, "org_id", "key", 1);
    expect_pair(map, 1, "org_title", "name", 2);
    expect_pair(map, 2, "cluster_name", NULL, 3);
    assert_ptr_equal(cs_column_map_find(map, "org_title"), cs_column_map_at(map, 1));
    assert_null(cs_column_map_find(map, "name"));
    cs_column_map_free(map);
    /* line ends separate pairs too; a name may hold '=' (the pair splits at the last one); a
     * list may end with a separator */
    map = parse("a=b\nx=y=key\r\nc=-,\n", NULL);
    assert_int_equal(cs_column_map_count(map), 3);
    expect_pair(map, 1, "x=y", "key", 2);
    cs_column_map_free(map);
}

static void test_list_errors(void **state)
{
    (void)state;
    parse_fails("org_id=key,org_title", NULL,
                "column mapping, pair 2: expected FROM=TO: a column of the file, '=', and the "
                "column of the record kind it holds (or '-' to drop it), found \"org_title\"");
    parse_fails("org_id=key,,b=name", NULL,
                "column mapping, pair 2: expected FROM=TO: a column of the file, '=', and the "
                "column of the record kind it holds (or '-' to drop it), found an empty pair");
    parse_fails("=key", NULL,
                "column mapping, pair 1: expected FROM=TO: a column of the file, '=', and the "
                "column of the record kind it holds (or '-' to drop it), found \"=key\"");
    parse_fails("a= ", NULL,
                "column mapping, pair 1: expected FROM=TO: a column of the file, '=', and the "
                "column of the record kind it holds (or '-' to drop it), found \"a=\"");
    parse_fails("a=key,b=name,a=note", NULL,
                "column mapping, pair 3: expected a column of the file not mapped before (column "
                "mapping, pair 1 maps it), found \"a\"");
    parse_fails("a=key,b=-,c=-,d=key", NULL,
                "column mapping, pair 4: expected a column of the record kind no other pair maps "
                "to (column mapping, pair 1 maps \"a\" to it), found \"key\"");
    parse_fails("", NULL,
                "column mapping: expected at least one pair FROM=TO: a column of the file, '=', "
                "and the column of the record kind it holds (or '-' to drop it), found none");
    cs_column_map *map = (cs_column_map *)1;
    assert_int_equal(cs_column_map_parse(&map, "a=b\0c=d", 7, NULL), CS_EUSAGE);
    assert_string_equal(cs_error_last(), "column mapping: expected text, found a NUL byte");
    assert_null(map);
}

static void test_file(void **state)
{
    (void)state;
    cs_column_map *map = parse("# CMP organisations\n"
                               "org_id = key\r\n"
                               "\n"
                               "  org_title=name   # the name, with, commas allowed\n"
                               "Cluster, name=-",
                               "orgs.columns");
    assert_int_equal(cs_column_map_count(map), 3);
    expect_pair(map, 0, "org_id", "key", 2);
    expect_pair(map, 1, "org_title", "name", 4);
    expect_pair(map, 2, "Cluster, name", NULL, 5);
    char where[64];
    cs_column_map_where(where, sizeof where, map, cs_column_map_at(map, 1));
    assert_string_equal(where, "orgs.columns:4");
    cs_column_map_free(map);
    /* bare CR line ends, as old Mac editors save */
    map = parse("a=key\rb=name\r", "mac.columns");
    expect_pair(map, 1, "b", "name", 2);
    cs_column_map_free(map);

    parse_fails("a=key\n# fine\nb name\n", "orgs.columns",
                "orgs.columns:3: expected FROM=TO: a column of the file, '=', and the column of "
                "the record kind it holds (or '-' to drop it), found \"b name\"");
    parse_fails("a=key\nb=key\n", "orgs.columns",
                "orgs.columns:2: expected a column of the record kind no other pair maps to "
                "(orgs.columns:1 maps \"a\" to it), found \"key\"");
    parse_fails("# only a comment\n\n", "orgs.columns",
                "orgs.columns: expected at least one pair FROM=TO: a column of the file, '=', "
                "and the column of the record kind it holds (or '-' to drop it), found none");

    /* a mapping file of more than 1 MiB, or one that never ends, is refused */
    cs_column_map *m = (cs_column_map *)1;
    assert_int_equal(cs_column_map_read(&m, "/dev/zero"), CS_EDATA);
    assert_string_equal(cs_error_last(), "/dev/zero: expected a column mapping file of at most 1 "
                                         "MiB, found a larger one");
    assert_int_equal(cs_column_map_read(&m, "/no/such/mapping"), CS_ENOTFOUND);
}

static void test_too_many_pairs(void **state)
{
    (void)state;
    cs_buf b = CS_BUF_INIT;
    for (int i = 0; i <= CS_COLUMN_MAP_MAX_PAIRS; i++)
        assert_int_equal(cs_buf_printf(&b, "%sc%d=-", i ? "," : "", i), 0);
    cs_column_map *map = (cs_column_map *)1;
    assert_int_equal(cs_column_map_parse(&map, b.data, b.len, NULL), CS_EUSAGE);
    assert_string_equal(
        cs_error_last(),
        "column mapping, pair 4097: expected at most 4096 pairs, found \"c4096=-\"");
    assert_null(map);
    cs_buf_free(&b);
}

static void test_apply(void **state)
{
    (void)state;
    const cs_kind_spec *orgs = cs_kind_spec_get(CS_KIND_ORGANISATIONS);
    const char *header[] = { "org_id", "org_title", "cluster_name", "note" };
    const char *names[4];
    cs_column_map *map = parse("org_id=key,org_title=name,cluster_name=-", NULL);
    assert_int_equal(cs_column_map_apply(map, "f.csv", header, 4, orgs, names), 0);
    assert_string_equal(names[0], "key");
    assert_string_equal(names[1], "name");
    assert_null(names[2]);
    assert_string_equal(names[3], "note"); /* not named: kept as it is */
    cs_column_map_free(map);

    map = parse("org_id=key,org_name=name", NULL);
    assert_int_equal(cs_column_map_apply(map, "f.csv", header, 4, orgs, names), CS_EUSAGE);
    assert_string_equal(cs_error_last(),
                        "column mapping, pair 2: expected a column of the header of f.csv (org_id, "
                        "org_title, cluster_name, note), found \"org_name\"");
    cs_column_map_free(map);

    map = parse("org_id=key,org_title=title", NULL);
    assert_int_equal(cs_column_map_apply(map, "f.csv", header, 4, NULL, names), 0);
    assert_int_equal(cs_column_map_apply(map, "f.csv", header, 4, orgs, names), CS_EUSAGE);
    assert_string_equal(cs_error_last(),
                        "column mapping, pair 2: expected a column of organisations (key, name, "
                        "type, activities, country, website, source, note), or - to drop it, found "
                        "\"title\"");
    cs_column_map_free(map);

    /* no mapping: the header as it is */
    assert_int_equal(cs_column_map_apply(NULL, "f.csv", header, 4, orgs, names), 0);
    assert_string_equal(names[0], "org_id");
}

static void test_fixed_values(void **state)
{
    (void)state;
    const cs_kind_spec *orgs = cs_kind_spec_get(CS_KIND_ORGANISATIONS);
    const char *values[CS_RECORD_MAX_COLUMNS];
    int index[CS_RECORD_MAX_COLUMNS];
    const char *good[] = { "source=cmp-orgs", "type=other", "note=a=b" };
    assert_int_equal(cs_fixed_values_parse(values, index, good, 3, orgs), 0);
    assert_string_equal(values[6], "cmp-orgs");
    assert_int_equal(index[6], 1);
    assert_string_equal(values[2], "other");
    assert_string_equal(values[7], "a=b");
    assert_null(values[0]);

    const char *unknown[] = { "type=other", "sorce=cmp" };
    assert_int_equal(cs_fixed_values_parse(values, index, unknown, 2, orgs), CS_EUSAGE);
    assert_string_equal(cs_error_last(),
                        "fixed value 2: expected a column of organisations (key, name, type, "
                        "activities, country, website, source, note), found \"sorce\"");
    const char *twice[] = { "type=other", "type=clinic" };
    assert_int_equal(cs_fixed_values_parse(values, index, twice, 2, orgs), CS_EUSAGE);
    assert_string_equal(cs_error_last(), "fixed value 2: expected a column not given a value "
                                         "before (fixed value 1 gives it), found \"type\"");
    const char *empty[] = { "type=" };
    assert_int_equal(cs_fixed_values_parse(values, index, empty, 1, orgs), CS_EUSAGE);
    assert_string_equal(cs_error_last(), "fixed value 1: expected COLUMN=VALUE: a column of the "
                                         "record kind, '=' and its value, found \"type=\"");
}

static void test_row_set(void **state)
{
    (void)state;
    cs_row_set *set = NULL;
    assert_int_equal(cs_row_set_new(&set), 0);
    const char *a[] = { "332", "Space Florida", NULL };
    const char *b[] = { "332", "Space Florida", "" }; /* empty is not absent */
    const char *c[] = { "332Space", " Florida", NULL };
    assert_int_equal(cs_row_set_add(set, a, 3, 2), 0);
    assert_int_equal(cs_row_set_add(set, b, 3, 3), 0);
    assert_int_equal(cs_row_set_add(set, c, 3, 4), 0);
    assert_int_equal(cs_row_set_add(set, a, 3, 5), 2);
    assert_int_equal(cs_row_set_add(set, b, 3, 6), 3);
    /* many rows: each new, then each a repeat of its first line */
    char text[32];
    const char *row[1] = { text };
    for (long i = 0; i < 100000; i++) {
        snprintf(text, sizeof text, "k%ld", i);
        assert_int_equal(cs_row_set_add(set, row, 1, 10 + i), 0);
    }
    for (long i = 0; i < 100000; i += 997) {
        snprintf(text, sizeof text, "k%ld", i);
        assert_int_equal(cs_row_set_add(set, row, 1, 200000 + i), 10 + i);
    }
    cs_row_set_free(set);
}

/* ---------------------------------------------------------------- importing */

/* The shape of the CMP list: bare CR line ends, rows repeated, one organisation in several
 * clusters, a quoted name with a comma, no line end at the end. */
static const char cmp_csv[] = "org_id,org_title,cluster_name\r"
                              "332,Space Florida,Aerospace Vehicles and Defense\r"
                              "332,Space Florida,Aerospace Vehicles and Defense\r"
                              "445,Ohio Aerospace Institute,Aerospace Vehicles and Defense\r"
                              "630,\"Mele Associates, Inc\",Aerospace Vehicles and Defense\r"
                              "630,\"Mele Associates, Inc\",Aerospace Vehicles and Defense\r"
                              "332,Space Florida,Transportation and Logistics\r"
                              "445,Ohio Aerospace Institute,\"Local Real Estate, Construction\"\r"
                              "332,Space Florida,Aerospace Vehicles and Defense";

static const char cmp_source[] =
    "{\"format\": \"clusterscope-registry\", \"version\": 1, \"sources\": [{\"key\": \"cmp-orgs\", "
    "\"title\": \"CMP organisations\"}], \"countries\": [{\"code\": \"US\", \"name_en\": \"United "
    "States\"}]}";

static void collect(void *ctx, const char *text)
{
    cs_buf *b = ctx;
    assert_int_equal(cs_buf_printf(b, "%s\n", text), 0);
}

/* Imports the CMP-shaped file (with the source document) with the mapping and fixed values. */
static int import_cmp(cs_import_stats *stats, fixture *f, const char *columns, const char **set,
                      size_t n_set, cs_buf *told)
{
    char *csv = st_write(f->dir, "cmp.csv", cmp_csv);
    char *json = st_write(f->dir, "cmp-source.json", cmp_source);
    const char *paths[] = { json, csv };
    cs_import_options o = { .kind = "organisations",
                            .columns = columns,
                            .set = set,
                            .n_set = n_set,
                            .notice = collect,
                            .notice_ctx = told };
    cs_buf_reset(told);
    int rc = cs_import_files(stats, f->store, paths, 2, &o);
    free(csv);
    free(json);
    return rc;
}

static const char *message(const fixture *f)
{
    const char *m = cs_error_last();
    size_t n = strlen(f->dir);
    return strncmp(m, f->dir, n) == 0 && m[n] == '/' ? m + n + 1 : m;
}

static void test_import_cmp_shape(void **state)
{
    fixture *f = *state;
    cs_import_stats stats;
    cs_buf told = CS_BUF_INIT;
    const char *set[] = { "type=other", "source=cmp-orgs", "country=US" };

    /* without a mapping: refused, with the setting a caller could change */
    assert_int_equal(import_cmp(&stats, f, NULL, set, 3, &told), CS_EDATA);
    assert_string_equal(message(f), "cmp.csv:1:1: expected a column of organisations (key, name, "
                                    "type, activities, country, website, source, note), found "
                                    "\"org_id\"");
    assert_int_equal(cs_error_advice(), CS_ADVICE_COLUMNS);

    assert_int_equal(
        import_cmp(&stats, f, "org_id=key,org_title=name,cluster_name=-", set, 3, &told), 0);
    assert_int_equal(stats.inserted[CS_KIND_ORGANISATIONS], 3);
    assert_int_equal(stats.repeated[CS_KIND_ORGANISATIONS], 5);
    assert_true(strstr(cs_buf_str(&told),
                       "cmp.csv: 5 rows repeated exactly, skipped: first at line 2 repeated at "
                       "lines 3, 7, 9\n") != NULL);
    /* again: unchanged, and the repeats told again */
    assert_int_equal(
        import_cmp(&stats, f, "org_id=key,org_title=name,cluster_name=-", set, 3, &told), 0);
    assert_int_equal(stats.unchanged[CS_KIND_ORGANISATIONS], 3);
    assert_int_equal(stats.inserted[CS_KIND_ORGANISATIONS], 0);
    assert_int_equal(stats.repeated[CS_KIND_ORGANISATIONS], 5);

    /* the cluster name kept as a note: the same key with other values is still an error, and
     * a failed import tells nothing */
    assert_int_equal(
        import_cmp(&stats, f, "org_id=key,org_title=name,cluster_name=note", set, 3, &told),
        CS_EDATA);
    assert_string_equal(message(f), "cmp.csv:7:1: expected an organisation key not used before in "
                                    "this import (first at line 2), found \"332\"");
    assert_string_equal(cs_buf_str(&told), "");

    /* a required column neither in the file nor given */
    assert_int_equal(
        import_cmp(&stats, f, "org_id=key,org_title=name,cluster_name=-", set + 1, 2, &told),
        CS_EDATA);
    assert_string_equal(message(f),
                        "cmp.csv:1: expected a column 'type' (required for organisations), found "
                        "\"none\"");
    assert_int_equal(cs_error_advice(), CS_ADVICE_COLUMNS);

    /* fixed values are checked once, before the rows, and named */
    const char *bad_country[] = { "type=other", "country=us" };
    assert_int_equal(
        import_cmp(&stats, f, "org_id=key,org_title=name,cluster_name=-", bad_country, 2, &told),
        CS_EUSAGE);
    assert_string_equal(message(f), "cmp.csv: fixed value 2 (country): expected a two-letter "
                                    "country code such as DE in 'country', found \"us\"");
    const char *unknown_source[] = { "type=other", "source=cmp" };
    assert_int_equal(
        import_cmp(&stats, f, "org_id=key,org_title=name,cluster_name=-", unknown_source, 2, &told),
        CS_EUSAGE);
    assert_string_equal(message(f), "cmp.csv: fixed value 2 (source): expected a key among the "
                                    "sources known (stored, or in the same import), found \"cmp\"");
    /* a fixed value for a column the file has */
    const char *has_it[] = { "type=other", "name=x" };
    assert_int_equal(
        import_cmp(&stats, f, "org_id=key,org_title=name,cluster_name=-", has_it, 2, &told),
        CS_EUSAGE);
    assert_string_equal(message(f), "cmp.csv:1:2: expected a column the file lacks for fixed "
                                    "value 2 (name; it fills a missing column), found \"org_title "
                                    "(mapped to name)\"");
    /* a mapping onto a column the record kind does not have */
    assert_int_equal(import_cmp(&stats, f, "org_title=org_id", set, 3, &told), CS_EUSAGE);
    assert_string_equal(message(f), "column mapping, pair 1: expected a column of organisations "
                                    "(key, name, type, activities, country, website, source, "
                                    "note), or - to drop it, found \"org_id\"");
    cs_buf_free(&told);
}

/* Mapped names go through the same checks as the file's own: named once, known to the kind. */
static void test_import_mapped_header_errors(void **state)
{
    fixture *f = *state;
    cs_import_stats stats;
    char *csv = st_write(f->dir, "orgs.csv", "key,title,type\na,A,other\n");
    const char *paths[] = { csv };
    cs_import_options o = { .kind = "organisations", .columns = "title=key" };
    assert_int_equal(cs_import_files(&stats, f->store, paths, 1, &o), CS_EDATA);
    assert_string_equal(message(f), "orgs.csv:1:2: expected each column named once (column 1 is "
                                    "key too), found \"title (mapped to key)\"");
    /* both a list and a file */
    o.columns_file = "x.columns";
    assert_int_equal(cs_import_files(&stats, f->store, paths, 1, &o), CS_EUSAGE);
    assert_string_equal(cs_error_last(), "a column mapping is given both as text and as a file");
    free(csv);
}

/* Without a mapping, a file that repeats a row exactly imports it once and says so. */
static void test_import_repeats_without_mapping(void **state)
{
    fixture *f = *state;
    cs_import_stats stats;
    char *csv = st_write(f->dir, "sources.csv",
                         "key,title\ns1,One\ns2,Two\ns1,One\ns1,One\ns1,One\ns1,One\ns2,Two\n");
    const char *paths[] = { csv };
    cs_buf told = CS_BUF_INIT;
    cs_import_options o = { .notice = collect, .notice_ctx = &told };
    assert_int_equal(cs_import_files(&stats, f->store, paths, 1, &o), 0);
    assert_int_equal(stats.inserted[CS_KIND_SOURCES], 2);
    assert_int_equal(stats.repeated[CS_KIND_SOURCES], 5);
    assert_true(strstr(cs_buf_str(&told), "sources.csv: 5 rows repeated exactly, skipped: first at "
                                          "line 2 repeated at lines 4, 5, 6, ...\n") != NULL);
    free(csv);
    csv = st_write(f->dir, "sources.csv", "key,title\ns3,Three\ns3,Three\n");
    paths[0] = csv;
    cs_buf_reset(&told);
    assert_int_equal(cs_import_files(&stats, f->store, paths, 1, &o), 0);
    assert_true(strstr(cs_buf_str(&told), "sources.csv: 1 row repeated exactly, skipped: first at "
                                          "line 2 repeated at line 3\n") != NULL);
    free(csv);
    cs_buf_free(&told);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_list_errors),
        cmocka_unit_test(test_file),
        cmocka_unit_test(test_too_many_pairs),
        cmocka_unit_test(test_apply),
        cmocka_unit_test(test_fixed_values),
        cmocka_unit_test(test_row_set),
        cmocka_unit_test_setup_teardown(test_import_cmp_shape, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_import_mapped_header_errors, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_import_repeats_without_mapping, st_setup, st_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
