/*
 * test_related.c: the related categories a region lacks (cs_regional_related_gaps) on a
 * hand-made table of five categories, worked out in the comments; and the relatedness reader
 * (CSV and the CMP's JSON: its rule, numeric order of codes, a pair given one way counting
 * both ways, positioned errors).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/regional.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NC 5

/*
 * Categories 0..4, symmetric strong relations with strengths:
 *   0-1: 3, 0-2: 3, 1-2: 1, 1-3: 0.5, 3-4: 5; everything else unrelated.
 */
static unsigned char REL[NC * NC];
static double STR[NC * NC];

static void relate(size_t a, size_t b, double s)
{
    REL[a * NC + b] = REL[b * NC + a] = 1;
    STR[a * NC + b] = STR[b * NC + a] = s;
}

static void table(void)
{
    memset(REL, 0, sizeof REL);
    for (size_t k = 0; k < NC * NC; k++)
        STR[k] = -1; /* strengths of unrelated pairs must not count */
    relate(0, 1, 3);
    relate(0, 2, 3);
    relate(1, 2, 1);
    relate(1, 3, 0.5);
    relate(3, 4, 5);
}

static size_t gaps_of(cs_related_gap *g, size_t *via, const unsigned char *strong)
{
    size_t n = 99;
    assert_int_equal(cs_regional_related_gaps(g, via, &n, strong, REL, STR, NC), 0);
    return n;
}

static void test_gaps(void **state)
{
    (void)state;
    table();
    cs_related_gap g[NC];
    size_t via[NC * NC];

    /* strong {0, 1}: 2 is related to both (3 + 1 = 4; via 0 (3) before 1 (1)); 3 to 1 only
     * (0.5); 4 to none of them. */
    const unsigned char s01[NC] = { 1, 1, 0, 0, 0 };
    assert_int_equal(gaps_of(g, via, s01), 2);
    assert_int_equal(g[0].category, 2);
    assert_int_equal(g[0].links, 2);
    assert_true(g[0].strength == 4.0);
    assert_int_equal(via[g[0].first], 0);
    assert_int_equal(via[g[0].first + 1], 1);
    assert_int_equal(g[1].category, 3);
    assert_int_equal(g[1].links, 1);
    assert_true(g[1].strength == 0.5);
    assert_int_equal(via[g[1].first], 1);

    /* strong {0}: 1 and 2 both one link of strength 3: the index decides. */
    const unsigned char s0[NC] = { 1, 0, 0, 0, 0 };
    assert_int_equal(gaps_of(g, via, s0), 2);
    assert_int_equal(g[0].category, 1);
    assert_int_equal(g[1].category, 2);

    /* strong {1, 4}: 3 has two links (via 4 (5) before 1 (0.5), 5.5); then 0 (3) before 2 (1)
     * on strength although 2 was found first... and 0 has the lower index too; order 3, 0, 2. */
    const unsigned char s14[NC] = { 0, 1, 0, 0, 1 };
    assert_int_equal(gaps_of(g, via, s14), 3);
    assert_int_equal(g[0].category, 3);
    assert_true(g[0].strength == 5.5);
    assert_int_equal(via[g[0].first], 4);
    assert_int_equal(via[g[0].first + 1], 1);
    assert_int_equal(g[1].category, 0);
    assert_int_equal(g[2].category, 2);

    /* strong {3, 2}: 4 (5) before 0 (3) before 1 (two links: 1 + 0.5 = 1.5, first on links) */
    const unsigned char s23[NC] = { 0, 0, 1, 1, 0 };
    assert_int_equal(gaps_of(g, via, s23), 3);
    assert_int_equal(g[0].category, 1);
    assert_int_equal(g[0].links, 2);
    assert_true(g[0].strength == 1.5);
    assert_int_equal(g[1].category, 4);
    assert_int_equal(g[2].category, 0);

    /* nothing strong, or everything strong: no gap */
    const unsigned char none[NC] = { 0 }, all[NC] = { 1, 1, 1, 1, 1 };
    assert_int_equal(gaps_of(g, via, none), 0);
    assert_int_equal(gaps_of(g, via, all), 0);
    size_t n;
    assert_int_equal(cs_regional_related_gaps(g, via, &n, NULL, REL, STR, NC), CS_EUSAGE);
}

static char *write_temp(const char *text, const char *suffix)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/cs_related_XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return strdup(path);
}

static int read_text(cs_related_table **t, const char *text, const char *suffix)
{
    char *path = write_temp(text, suffix);
    int rc = cs_ingest_read_related(t, path, 0);
    unlink(path);
    free(path);
    return rc;
}

static size_t index_of(const cs_related_table *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->key[i], name) == 0)
            return i;
    fail_msg("no category %s", name);
    return 0;
}

static void test_read_csv(void **state)
{
    (void)state;
    cs_related_table *t = NULL;
    /* 10 and 2 in numeric order; 2->10 given one way counts both ways; 3->2 and 2->3 differ */
    assert_int_equal(read_text(&t,
                               "category,category2,strength,related\n"
                               "2,10,1.5,1\n"
                               "3,2,0.25,0\n"
                               "2,3,0.75,1\n",
                               ".csv"),
                     0);
    assert_int_equal(t->n, 3);
    assert_string_equal(t->key[0], "2");
    assert_string_equal(t->key[1], "3");
    assert_string_equal(t->key[2], "10");
    size_t a = index_of(t, "2"), b = index_of(t, "10"), c = index_of(t, "3"), n = t->n;
    assert_int_equal(t->related[a * n + b], 1);
    assert_int_equal(t->related[b * n + a], 1);
    assert_true(t->strength[b * n + a] == 1.5);
    assert_int_equal(t->related[c * n + a], 0);
    assert_int_equal(t->related[a * n + c], 1);
    assert_true(t->strength[a * n + c] == 0.75);
    assert_true(isnan(t->strength[b * n + c]));
    cs_related_table_free(t);

    t = NULL;
    assert_int_equal(read_text(&t, "category,category2,strength,related\n1,2,x,1\n", ".csv"),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":2:3: expected the strength as a number"));
    assert_int_equal(read_text(&t, "category,category2,strength,related\n1,2,1,yes\n", ".csv"),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":2:4: expected related as 0 or 1, found 'yes'"));
    assert_int_equal(read_text(&t, "category,category2,strength,related\n1,,1,1\n", ".csv"),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":2:2: expected a category"));
    assert_int_equal(read_text(&t, "category,strength,related\n1,1,1\n", ".csv"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":1: expected a column 'category2'"));
    assert_int_equal(read_text(&t,
                               "category,category2,strength,related\n1,2,1,1\n\n2,1,1,1\n"
                               "1,2,1,0\n",
                               ".csv"),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":5:1: expected each pair of categories once, "
                                            "found '1','2' again (first at 2)"));
    assert_null(t);
}

static void test_read_json(void **state)
{
    (void)state;
    cs_related_table *t = NULL;
    /* the CMP's rule: cr_all_pc >= 90 and both flags 1; 89 or a flag 0 is not strongly related */
    assert_int_equal(
        read_text(&t,
                  "[{\"cluster_code\":1,\"cluster_code_2\":3,\"cr_all\":\"1.25\","
                  "\"cr_all_pc\":\"90\",\"rel_all_90_v3\":\"1\",\"rel_i20_all_min_90_v3\":\"1\"},"
                  "{\"cluster_code\":1,\"cluster_code_2\":4,\"cr_all\":\"1\","
                  "\"cr_all_pc\":\"89\",\"rel_all_90_v3\":\"1\",\"rel_i20_all_min_90_v3\":\"1\"},"
                  "{\"cluster_code\":3,\"cluster_code_2\":4,\"cr_all\":2.5,"
                  "\"cr_all_pc\":99,\"rel_all_90_v3\":1,\"rel_i20_all_min_90_v3\":0}]",
                  ".json"),
        0);
    assert_int_equal(t->n, 3);
    size_t n = t->n;
    assert_int_equal(t->related[0 * n + 1], 1);
    assert_int_equal(t->related[1 * n + 0], 1);
    assert_true(t->strength[1 * n + 0] == 1.25);
    assert_int_equal(t->related[0 * n + 2], 0);
    assert_int_equal(t->related[1 * n + 2], 0);
    assert_true(t->strength[1 * n + 2] == 2.5);
    cs_related_table_free(t);

    t = NULL;
    assert_int_equal(read_text(&t,
                               "[{\"cluster_code\":1,\"cluster_code_2\":3,\"cr_all\":\"high\","
                               "\"cr_all_pc\":\"90\",\"rel_all_90_v3\":\"1\","
                               "\"rel_i20_all_min_90_v3\":\"1\"}]",
                               ".json"),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ": row 1: expected 'cr_all' as a number, found "
                                            "'high'"));
    assert_int_equal(read_text(&t, "[{\"cluster_code\":1}]", ".json"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "row 1: expected a field 'cluster_code_2'"));
    assert_int_equal(read_text(&t, "[{\"cluster_code\":1,", ".json"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), ":1:"));
    assert_non_null(strstr(cs_error_last(), "expected valid JSON"));
    assert_int_equal(read_text(&t, "{}", ".json"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "expected an array of pairs"));
    assert_null(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_read_csv),
        cmocka_unit_test(test_read_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
