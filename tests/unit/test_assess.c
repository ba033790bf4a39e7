/* Assessment: facts to items to indicators, year selection, country facts, unknowns, scores,
 * codes, writers and explain output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/assess.h"
#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "clusterscope/method.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

static void add_fact(cs_factset *set, cs_subject_kind kind, const char *subject, const char *name,
                     int year, const char *text, cs_fact_type type, const char *levels,
                     const char *source, const char *locator)
{
    cs_fact f = { 0 };
    f.subject_kind = kind;
    f.subject = subject;
    f.name = name;
    f.year = year;
    f.raw = text;
    f.status = CS_STATUS_STATED;
    f.source = source;
    f.locator = locator;
    f.quote = "";
    assert_int_equal(cs_value_parse(&f.value, text, type, levels), 0);
    assert_int_equal(cs_factset_add(set, &f), 0);
}

#define CLUSTER(set, subject, name, text, type)                                                    \
    add_fact(set, CS_SUBJECT_CLUSTER, subject, name, 0, text, type, NULL, "src", "")
#define COUNTRY(set, subject, name, text, type)                                                    \
    add_fact(set, CS_SUBJECT_COUNTRY, subject, name, 0, text, type, NULL, "src", "")

/* Everything a stream wrote, as a string the caller frees. */
typedef struct {
    char *data;
    size_t len;
    FILE *f;
} capture;

static FILE *capture_open(capture *c)
{
    c->data = NULL;
    c->len = 0;
    c->f = open_memstream(&c->data, &c->len);
    assert_non_null(c->f);
    return c->f;
}

static char *capture_close(capture *c)
{
    fclose(c->f);
    return c->data;
}

/* A small method: one country indicator, a count and a composite. */
static const char *small_method =
    "{\"format\": \"clusterscope-method\", \"id\": \"small\", \"version\": 2, "
    "\"title_en\": \"Small test method\", "
    "\"blocks\": [{\"id\": \"country\", \"label_en\": \"Country\"}, "
    "{\"id\": \"members\", \"label_en\": \"Members\"}], "
    "\"indicators\": ["
    "{\"id\": \"patients\", \"block\": \"country\", \"label_en\": \"Foreign patients\", "
    "\"fact\": \"country:foreign_patients\", \"rule\": {\"kind\": \"threshold\", \"op\": \">=\", "
    "\"value\": 200000}},"
    "{\"id\": \"size\", \"block\": \"members\", \"label_en\": \"Size\", "
    "\"fact\": \"cluster:organisation_count\", \"rule\": {\"kind\": \"count_at_least\", "
    "\"n\": 100}},"
    "{\"id\": \"diversity\", \"block\": \"members\", \"label_en\": \"Diversity\", "
    "\"rule\": {\"kind\": \"composite\", \"items\": ["
    "{\"id\": \"clinics\", \"label_en\": \"Clinics\", \"fact\": \"cluster:member_type.clinic\", "
    "\"rule\": {\"kind\": \"presence\"}},"
    "{\"id\": \"makers\", \"label_en\": \"Manufacturers\", "
    "\"fact\": \"cluster:member_type.manufacturer\", \"rule\": {\"kind\": \"presence\"}},"
    "{\"id\": \"support\", \"label_en\": \"Support\", \"fact\": \"cluster:member_type.support\", "
    "\"rule\": {\"kind\": \"presence\"}}]}}]}";

typedef struct {
    cs_method *m;
    cs_factset *facts;
    cs_assessment *a;
} fixture;

static const cs_source_info small_sources[] = {
    { "src", "Registry notes", "Cluster survey", "", "https://example.org/survey", "2019-05",
      "HSE" },
    { "hse-2019", "Biomedical clusters of the world", "", "", "", "2019", "HSE ISSEK" },
};

static int small_setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_int_equal(cs_method_load_string(&fx->m, small_method, strlen(small_method), "small"), 0);
    assert_int_equal(cs_factset_new(&fx->facts), 0);
    cs_factset *s = fx->facts;
    add_fact(s, CS_SUBJECT_COUNTRY, "DK", "foreign_patients", 2017, ">1000000", CS_FACT_COUNT, NULL,
             "hse-2019", "line 3254");
    COUNTRY(s, "RU", "foreign_patients", "<100000", CS_FACT_COUNT);
    CLUSTER(s, "medicon-valley", "organisation_count", "118", CS_FACT_COUNT);
    CLUSTER(s, "medicon-valley", "member_type.clinic", "true", CS_FACT_BOOL);
    CLUSTER(s, "medicon-valley", "member_type.manufacturer", "false", CS_FACT_BOOL);
    CLUSTER(s, "nevsky", "organisation_count", ">50", CS_FACT_COUNT);
    CLUSTER(s, "nevsky", "member_type.clinic", "", CS_FACT_BOOL);
    CLUSTER(s, "nevsky", "member_type.manufacturer", "false", CS_FACT_BOOL);
    CLUSTER(s, "nevsky", "member_type.support", "false", CS_FACT_BOOL);
    CLUSTER(s, "orphan", "organisation_count", "99", CS_FACT_COUNT);
    const cs_assess_subject subjects[] = {
        { "medicon-valley", "Medicon Valley", "DK", "", NULL },
        { "nevsky", "Невский кластер медицины", "RU", "spb", NULL },
        { "orphan", "Orphan", NULL, NULL, NULL },
    };
    cs_assess_options opts = { 0, small_sources, 2, CS_LANG_EN };
    assert_int_equal(cs_assess_run(&fx->a, fx->m, fx->facts, subjects, 3, &opts), 0);
    *state = fx;
    return 0;
}

static int small_teardown(void **state)
{
    fixture *fx = *state;
    cs_assessment_free(fx->a);
    cs_factset_free(fx->facts);
    cs_method_free(fx->m);
    free(fx);
    return 0;
}

/* ---------------------------------------------------------------- results */

static void test_small_results(void **state)
{
    fixture *fx = *state;
    const cs_assessment *a = fx->a;
    assert_int_equal(cs_assessment_count(a), 3);
    assert_int_equal(cs_assessment_find(a, "nevsky"), 1);
    assert_int_equal(cs_assessment_find(a, "nope"), -1);
    assert_string_equal(cs_assessment_subject(a, 2)->country, "");

    /* medicon-valley: DK >1,000,000 patients meets >= 200,000 */
    assert_int_equal(cs_assessment_indicator(a, 0, 0), CS_RESULT_MET);
    assert_int_equal(cs_assessment_indicator(a, 0, 1), CS_RESULT_MET);
    /* clinics met, makers not, support absent: 1 of 3 points, binary 1 */
    assert_int_equal(cs_assessment_indicator(a, 0, 2), CS_RESULT_MET);
    assert_int_equal(cs_assessment_indicator_points(a, 0, 2), 1);
    assert_int_equal(cs_assessment_item(a, 0, 4), CS_RESULT_UNKNOWN);
    assert_null(cs_assessment_item_fact(a, 0, 4));
    const cs_fact *f = cs_assessment_item_fact(a, 0, 0);
    assert_non_null(f);
    assert_string_equal(f->subject, "DK");
    assert_string_equal(f->raw, ">1000000");
    cs_score t = cs_assessment_total(a, 0);
    assert_int_equal(t.indicators, 3);
    assert_int_equal(t.indicators_known, 3);
    assert_int_equal(t.points, 3);
    assert_int_equal(t.items_known, 4);
    assert_true(cs_assessment_coverage(a, 0) == 4.0 / 5.0);
    cs_score b = cs_assessment_block_score(a, 0, 1);
    assert_int_equal(b.indicators, 2);
    assert_int_equal(b.points, 2);
    assert_int_equal(b.items_known, 3);

    /* nevsky: RU "<100000" fails; size ">50" vs 100 unknown; clinics unknown-valued, the rest
     * false: diversity unknown */
    assert_int_equal(cs_assessment_indicator(a, 1, 0), CS_RESULT_NOT_MET);
    assert_int_equal(cs_assessment_indicator(a, 1, 1), CS_RESULT_UNKNOWN);
    assert_int_equal(cs_assessment_indicator(a, 1, 2), CS_RESULT_UNKNOWN);
    assert_non_null(cs_assessment_item_fact(a, 1, 2));
    t = cs_assessment_total(a, 1);
    assert_int_equal(t.indicators, 0);
    assert_int_equal(t.indicators_known, 1);
    assert_int_equal(t.points, 0);
    assert_int_equal(t.items_known, 3);

    /* orphan: no country, so country facts are absent: unknown, never 0 */
    assert_int_equal(cs_assessment_indicator(a, 2, 0), CS_RESULT_UNKNOWN);
    assert_null(cs_assessment_item_fact(a, 2, 0));
    assert_int_equal(cs_assessment_indicator(a, 2, 1), CS_RESULT_NOT_MET);
    assert_int_equal(cs_assessment_indicator(a, 2, 2), CS_RESULT_UNKNOWN);
    assert_true(cs_assessment_coverage(a, 2) == 1.0 / 5.0);

    /* out of range reads are unknown, not crashes */
    assert_int_equal(cs_assessment_item(a, 99, 0), CS_RESULT_UNKNOWN);
    assert_int_equal(cs_assessment_indicator(a, 0, 99), CS_RESULT_UNKNOWN);
    assert_null(cs_assessment_subject(a, 3));

    const cs_source_info *src = cs_assessment_source(a, "hse-2019");
    assert_non_null(src);
    assert_string_equal(src->publisher, "HSE ISSEK");
    assert_null(cs_assessment_source(a, "nope"));
}

static void test_codes(void **state)
{
    fixture *fx = *state;
    char code[16];
    assert_int_equal(cs_assessment_code(code, sizeof code, fx->a, 0), 5);
    assert_string_equal(code, "1110?");
    cs_assessment_code(code, sizeof code, fx->a, 1);
    assert_string_equal(code, "0??00");
    cs_assessment_code(code, sizeof code, fx->a, 2);
    assert_string_equal(code, "?0???");
    /* cut like snprintf */
    assert_int_equal(cs_assessment_code(code, 3, fx->a, 0), 5);
    assert_string_equal(code, "11");

    /* decode and derive give back the same scores */
    cs_result items[5], inds[3];
    int points[3];
    cs_score blocks[2], total;
    assert_int_equal(cs_assess_decode(items, 5, fx->m, "1110?"), 0);
    cs_method_derive(fx->m, items, inds, points, blocks, &total);
    assert_int_equal(inds[2], CS_RESULT_MET);
    assert_int_equal(points[2], 1);
    assert_int_equal(total.points, 3);
    assert_int_equal(total.items_known, 4);
    assert_int_equal(blocks[1].indicators, 2);

    assert_int_equal(cs_assess_decode(items, 5, fx->m, "1110"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "expected a result code of 5 characters"));
    assert_int_equal(cs_assess_decode(items, 5, fx->m, "1x10?"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "found \"x\" at character 2"));
    assert_int_equal(cs_assess_decode(items, 4, fx->m, "1110?"), CS_EUSAGE);
}

/* ---------------------------------------------------------------- writers */

static const char *expected_table =
    "small version 2: Small test method\n"
    "latest facts (no assessment year); 3 clusters; 1 = met, 0 = not met, ? = unknown\n"
    "\n"
    "cluster         name                      country  I1 I2 I3  B1 B2  ind/3  pts/5  known\n"
    "medicon-valley  Medicon Valley            DK        1  1  1   1  2      3      3    4/5\n"
    "nevsky          Невский кластер медицины  RU        0  ?  ?   0  0      0      0    3/5\n"
    "orphan          Orphan                              ?  0  ?   0  0      0      0    1/5\n"
    "\n"
    "Blocks (means over 3 clusters; unknown counts as not met):\n"
    "B1 Country: mean 0.33 of 1 indicators, 0.33 of 1 item points; clusters meeting I1 1\n"
    "B2 Members: mean 0.67 of 2 indicators, 0.67 of 4 item points; clusters meeting I2 1, I3 1\n"
    "\n"
    "Indicators (clusters met / not met / unknown):\n"
    "I1  patients   1 / 1 / 1  Foreign patients\n"
    "I2  size       1 / 1 / 1  Size\n"
    "I3  diversity  1 / 0 / 2  Diversity (mean 0.33 of 3 item points)\n";

static void test_write_table(void **state)
{
    fixture *fx = *state;
    capture c;
    assert_int_equal(cs_assessment_write(capture_open(&c), fx->a, CS_FORMAT_TABLE), 0);
    char *text = capture_close(&c);
    if (strcmp(text, expected_table) != 0)
        fprintf(stderr, "got:\n%s", text);
    assert_string_equal(text, expected_table);
    free(text);
}

static const char *expected_csv =
    "cluster,name,country,region,patients,size,diversity,diversity:points,diversity.clinics,"
    "diversity.makers,diversity.support,block:country:indicators,block:country:points,"
    "block:members:indicators,block:members:points,total:indicators,total:points,"
    "total:items_known,total:coverage\n"
    "medicon-valley,Medicon Valley,DK,,1,1,1,1,1,0,,1,1,2,2,3,3,4,0.8000\n"
    "nevsky,Невский кластер медицины,RU,spb,0,,,0,,0,0,0,0,0,0,0,0,3,0.6000\n"
    "orphan,Orphan,,,,0,,0,,,,0,0,0,0,0,0,1,0.2000\n";

static void test_write_csv(void **state)
{
    fixture *fx = *state;
    capture c;
    assert_int_equal(cs_assessment_write(capture_open(&c), fx->a, CS_FORMAT_CSV), 0);
    char *text = capture_close(&c);
    if (strcmp(text, expected_csv) != 0)
        fprintf(stderr, "got:\n%s", text);
    assert_string_equal(text, expected_csv);
    free(text);
}

static const char *expected_json =
    "{\n"
    "  \"format\": \"clusterscope-assessment\",\n"
    "  \"version\": 1,\n"
    "  \"method\": {\"id\": \"small\", \"version\": \"2\", \"max_indicators\": 3, "
    "\"max_points\": 5},\n"
    "  \"year\": null,\n"
    "  \"items\": [\"patients\", \"size\", \"diversity.clinics\", \"diversity.makers\", "
    "\"diversity.support\"],\n"
    "  \"clusters\": [\n"
    "    {\"key\": \"medicon-valley\", \"name\": \"Medicon Valley\", \"country\": \"DK\", "
    "\"region\": null, \"indicators\": {\"patients\": 1, \"size\": 1, \"diversity\": 1}, "
    "\"points\": {\"patients\": 1, \"size\": 1, \"diversity\": 1}, \"items\": {\"patients\": 1, "
    "\"size\": 1, \"diversity.clinics\": 1, \"diversity.makers\": 0, \"diversity.support\": "
    "null}, \"blocks\": {\"country\": {\"indicators\": 1, \"indicators_known\": 1, \"points\": "
    "1, \"items_known\": 1}, \"members\": {\"indicators\": 2, \"indicators_known\": 2, "
    "\"points\": 2, \"items_known\": 3}}, \"total\": {\"indicators\": 3, \"indicators_known\": "
    "3, \"points\": 3, \"items_known\": 4}, \"coverage\": 0.8000, \"code\": \"1110?\"},\n"
    "    {\"key\": \"nevsky\", \"name\": \"Невский кластер медицины\", \"country\": \"RU\", "
    "\"region\": \"spb\", \"indicators\": {\"patients\": 0, \"size\": null, \"diversity\": "
    "null}, \"points\": {\"patients\": 0, \"size\": 0, \"diversity\": 0}, \"items\": "
    "{\"patients\": 0, \"size\": null, \"diversity.clinics\": null, \"diversity.makers\": 0, "
    "\"diversity.support\": 0}, \"blocks\": {\"country\": {\"indicators\": 0, "
    "\"indicators_known\": 1, \"points\": 0, \"items_known\": 1}, \"members\": {\"indicators\": "
    "0, \"indicators_known\": 0, \"points\": 0, \"items_known\": 2}}, \"total\": "
    "{\"indicators\": 0, \"indicators_known\": 1, \"points\": 0, \"items_known\": 3}, "
    "\"coverage\": 0.6000, \"code\": \"0??00\"},\n"
    "    {\"key\": \"orphan\", \"name\": \"Orphan\", \"country\": null, \"region\": null, "
    "\"indicators\": {\"patients\": null, \"size\": 0, \"diversity\": null}, \"points\": "
    "{\"patients\": 0, \"size\": 0, \"diversity\": 0}, \"items\": {\"patients\": null, "
    "\"size\": 0, \"diversity.clinics\": null, \"diversity.makers\": null, "
    "\"diversity.support\": null}, \"blocks\": {\"country\": {\"indicators\": 0, "
    "\"indicators_known\": 0, \"points\": 0, \"items_known\": 0}, \"members\": {\"indicators\": "
    "0, \"indicators_known\": 1, \"points\": 0, \"items_known\": 1}}, \"total\": "
    "{\"indicators\": 0, \"indicators_known\": 1, \"points\": 0, \"items_known\": 1}, "
    "\"coverage\": 0.2000, \"code\": \"?0???\"}\n"
    "  ],\n"
    "  \"out_of_scope\": []\n"
    "}\n";

static void test_write_json(void **state)
{
    fixture *fx = *state;
    capture c;
    assert_int_equal(cs_assessment_write(capture_open(&c), fx->a, CS_FORMAT_JSON), 0);
    char *text = capture_close(&c);
    if (strcmp(text, expected_json) != 0)
        fprintf(stderr, "got:\n%s", text);
    assert_string_equal(text, expected_json);
    free(text);
}

static const char *expected_explain =
    "Cluster medicon-valley: Medicon Valley (country DK, region not given)\n"
    "Method small version 2: Small test method\n"
    "No assessment year: each fact is the latest dated one, else the undated one\n"
    "\n"
    "B1 country: Country\n"
    "score: 1 of 1 indicators, 1 of 1 item points\n"
    "\n"
    "I1 patients: Foreign patients\n"
    "  rule:    foreign_patients >= 200000\n"
    "  fact:    country DK foreign_patients, 2017: \">1000000\" (stated)\n"
    "  source:  hse-2019 \"Biomedical clusters of the world\", HSE ISSEK, 2019\n"
    "  locator: line 3254\n"
    "  result:  1 (met)\n"
    "\n"
    "B2 members: Members\n"
    "score: 2 of 2 indicators, 2 of 4 item points\n"
    "\n"
    "I2 size: Size\n"
    "  rule:    organisation_count >= 100\n"
    "  fact:    cluster medicon-valley organisation_count, undated: \"118\" (stated)\n"
    "  source:  src \"Registry notes\", Cluster survey, HSE, 2019-05, https://example.org/survey\n"
    "  result:  1 (met)\n"
    "\n"
    "I3 diversity: Diversity\n"
    "  rule:    at least 1 of 3 items met\n"
    "  result:  1 (met); 1 of 3 item points\n"
    "  item diversity.clinics: Clinics\n"
    "    rule:    member_type.clinic is true\n"
    "    fact:    cluster medicon-valley member_type.clinic, undated: \"true\" (stated)\n"
    "    source:  src \"Registry notes\", Cluster survey, HSE, 2019-05, "
    "https://example.org/survey\n"
    "    result:  1 (met)\n"
    "  item diversity.makers: Manufacturers\n"
    "    rule:    member_type.manufacturer is true\n"
    "    fact:    cluster medicon-valley member_type.manufacturer, undated: \"false\" (stated)\n"
    "    source:  src \"Registry notes\", Cluster survey, HSE, 2019-05, "
    "https://example.org/survey\n"
    "    result:  0 (not met)\n"
    "  item diversity.support: Support\n"
    "    rule:    member_type.support is true\n"
    "    fact:    cluster medicon-valley member_type.support: none recorded\n"
    "    result:  ? (unknown: no fact recorded)\n"
    "\n"
    "Total: 3 of 3 indicators, 3 of 5 item points; 4 of 5 items known (coverage 0.8000)\n"
    "Code: 1110?\n";

static void test_explain_text(void **state)
{
    fixture *fx = *state;
    capture c;
    assert_int_equal(
        cs_assessment_explain(capture_open(&c), fx->a, "medicon-valley", CS_FORMAT_TABLE), 0);
    char *text = capture_close(&c);
    if (strcmp(text, expected_explain) != 0)
        fprintf(stderr, "got:\n%s", text);
    assert_string_equal(text, expected_explain);
    free(text);

    /* the reasons for unknown results */
    assert_int_equal(cs_assessment_explain(capture_open(&c), fx->a, "nevsky", CS_FORMAT_TABLE), 0);
    text = capture_close(&c);
    assert_non_null(strstr(text, "fact:    cluster nevsky organisation_count, undated: \">50\" "
                                 "(stated)\n"));
    assert_non_null(strstr(text, "result:  ? (unknown: the value's bounds do not decide the "
                                 "rule)\n"));
    assert_non_null(strstr(text, "result:  ? (unknown: the fact's value is unknown)\n"));
    assert_non_null(strstr(text, "fact:    country RU foreign_patients, undated: \"<100000\""));
    assert_non_null(strstr(text, "result:  ? (unknown: unknown items could decide it); 0 of 3 "
                                 "item points\n"));
    free(text);
    assert_int_equal(cs_assessment_explain(capture_open(&c), fx->a, "orphan", CS_FORMAT_TABLE), 0);
    text = capture_close(&c);
    assert_non_null(strstr(text, "fact:    country (none) foreign_patients: none recorded\n"));
    assert_non_null(strstr(text, "result:  ? (unknown: the cluster has no country)\n"));
    free(text);

    FILE *f = capture_open(&c);
    assert_int_equal(cs_assessment_explain(f, fx->a, "missing", CS_FORMAT_TABLE), CS_ENOTFOUND);
    assert_int_equal(cs_assessment_explain(f, fx->a, "orphan", CS_FORMAT_CSV), CS_EUSAGE);
    free(capture_close(&c));
}

static void test_explain_json(void **state)
{
    fixture *fx = *state;
    capture c;
    assert_int_equal(
        cs_assessment_explain(capture_open(&c), fx->a, "medicon-valley", CS_FORMAT_JSON), 0);
    char *text = capture_close(&c);
    const char *expect_start =
        "{\n  \"format\": \"clusterscope-explain\",\n  \"version\": 1,\n  \"method\": {\"id\": "
        "\"small\", \"version\": \"2\", \"max_indicators\": 3, \"max_points\": 5},\n  \"year\": "
        "null,\n  \"cluster\": {\"key\": \"medicon-valley\", \"name\": \"Medicon Valley\", "
        "\"country\": \"DK\", \"region\": null},\n  \"indicators\": [\n    {\"id\": "
        "\"patients\", \"code\": \"I1\", \"block\": \"country\", \"label_en\": \"Foreign "
        "patients\", \"label_ru\": \"\", \"scored\": true, \"composite\": false, \"min_items\": "
        "1, \"rule\": \"foreign_patients >= 200000\", \"result\": 1, \"points\": 1, \"items\": "
        "[\n      {\"key\": \"patients\", \"label_en\": \"Foreign patients\", \"label_ru\": "
        "\"\", \"rule\": \"foreign_patients >= 200000\", \"result\": 1, \"unknown_reason\": "
        "null, \"fact\": {\"subject_kind\": \"country\", \"subject\": \"DK\", \"name\": "
        "\"foreign_patients\", \"year\": 2017, \"value\": \">1000000\", \"status\": \"stated\", "
        "\"locator\": \"line 3254\", \"quote\": null, \"source\": {\"key\": \"hse-2019\", "
        "\"title\": \"Biomedical clusters of the world\", \"document\": null, \"locator\": null, "
        "\"url\": null, \"date\": \"2019\", \"publisher\": \"HSE ISSEK\"}}}]},\n";
    if (strncmp(text, expect_start, strlen(expect_start)) != 0)
        fprintf(stderr, "got:\n%s", text);
    assert_memory_equal(text, expect_start, strlen(expect_start));
    assert_non_null(strstr(text, "\"key\": \"diversity.support\", \"label_en\": \"Support\", "
                                 "\"label_ru\": \"\", \"rule\": \"member_type.support is true\", "
                                 "\"result\": null, \"unknown_reason\": \"no fact recorded\", "
                                 "\"fact\": null}"));
    const char *expect_end =
        "  \"blocks\": {\"country\": {\"indicators\": 1, \"indicators_known\": 1, \"points\": 1, "
        "\"items_known\": 1}, \"members\": {\"indicators\": 2, \"indicators_known\": 2, "
        "\"points\": 2, \"items_known\": 3}},\n  \"total\": {\"indicators\": 3, "
        "\"indicators_known\": 3, \"points\": 3, \"items_known\": 4},\n  \"coverage\": 0.8000,\n"
        "  \"code\": \"1110?\"\n}\n";
    assert_non_null(strstr(text, expect_end));
    free(text);
}

static void test_empty_assessment(void **state)
{
    fixture *fx = *state;
    cs_assessment *a = NULL;
    assert_int_equal(cs_assess_run(&a, fx->m, fx->facts, NULL, 0, NULL), 0);
    assert_int_equal(cs_assessment_count(a), 0);
    capture c;
    assert_int_equal(cs_assessment_write(capture_open(&c), a, CS_FORMAT_JSON), 0);
    char *text = capture_close(&c);
    assert_non_null(strstr(text, "\"clusters\": [],\n  \"out_of_scope\": []\n}\n"));
    free(text);
    assert_int_equal(cs_assessment_write(capture_open(&c), a, CS_FORMAT_TABLE), 0);
    text = capture_close(&c);
    assert_non_null(strstr(text, "B1 Country: no clusters; clusters meeting I1 0\n"));
    free(text);
    cs_assessment_free(a);
}

static void test_usage_errors(void **state)
{
    fixture *fx = *state;
    cs_assessment *a = (cs_assessment *)1;
    const cs_assess_subject twice[] = { { "x", "X", "DK", NULL, NULL },
                                        { "x", "X again", "DK", NULL, NULL } };
    assert_int_equal(cs_assess_run(&a, fx->m, fx->facts, twice, 2, NULL), CS_EUSAGE);
    assert_null(a);
    assert_non_null(strstr(cs_error_last(), "cluster \"x\" is given twice"));
    const cs_assess_subject nokey[] = { { NULL, "X", "DK", NULL, NULL } };
    assert_int_equal(cs_assess_run(&a, fx->m, fx->facts, nokey, 1, NULL), CS_EUSAGE);
    assert_int_equal(cs_assess_run(&a, NULL, fx->facts, twice, 1, NULL), CS_EUSAGE);
}

/* ---------------------------------------------------------------- years and countries */

static void test_year_selection(void **state)
{
    (void)state;
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "hse-biomedical-2019"), 0);
    cs_factset *s = NULL;
    assert_int_equal(cs_factset_new(&s), 0);
    add_fact(s, CS_SUBJECT_CLUSTER, "c", "startups", 0, "5", CS_FACT_COUNT, NULL, "src", "");
    add_fact(s, CS_SUBJECT_CLUSTER, "c", "startups", 2015, "1", CS_FACT_COUNT, NULL, "src", "");
    add_fact(s, CS_SUBJECT_CLUSTER, "c", "startups", 2018, "3", CS_FACT_COUNT, NULL, "src", "");
    /* the ESCA label's year is the award year */
    add_fact(s, CS_SUBJECT_CLUSTER, "c", "esca_label", 2017, "bronze", CS_FACT_LEVEL,
             "none|bronze|silver|gold", "src", "");
    const cs_assess_subject c[] = { { "c", "C", "DE", NULL, "biomedical" } };
    long startups = cs_method_find_item(m, "startups");
    long esca = cs_method_find_item(m, "esca_label");
    struct {
        int year;
        cs_result startups, esca;
        int fact_year;
    } cases[] = {
        { 0, CS_RESULT_MET, CS_RESULT_MET, 2018 }, /* latest */
        { 2016, CS_RESULT_NOT_MET, CS_RESULT_UNKNOWN, 2015 },
        { 2018, CS_RESULT_MET, CS_RESULT_MET, 2018 },
        { 2030, CS_RESULT_MET, CS_RESULT_MET, 2018 },
        { 2010, CS_RESULT_MET, CS_RESULT_UNKNOWN, 0 }, /* none dated so early: the undated */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cs_assessment *a = NULL;
        cs_assess_options opts = { cases[i].year, NULL, 0, CS_LANG_EN };
        assert_int_equal(cs_assess_run(&a, m, s, c, 1, &opts), 0);
        assert_int_equal(cs_assessment_year(a), cases[i].year);
        assert_int_equal(cs_assessment_item(a, 0, (size_t)startups), cases[i].startups);
        assert_int_equal(cs_assessment_item_fact(a, 0, (size_t)startups)->year, cases[i].fact_year);
        assert_int_equal(cs_assessment_item(a, 0, (size_t)esca), cases[i].esca);
        cs_assessment_free(a);
    }

    /* without a year in the options, the method's assessment_year applies */
    const char *json =
        "{\"format\": \"clusterscope-method\", \"id\": \"y\", \"version\": 1, \"title_en\": \"Y\", "
        "\"assessment_year\": 2016, \"blocks\": [{\"id\": \"b\", \"label_en\": \"B\"}], "
        "\"indicators\": [{\"id\": \"s\", \"block\": \"b\", \"label_en\": \"S\", \"fact\": "
        "\"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 2}}]}";
    cs_method *y = NULL;
    assert_int_equal(cs_method_load_string(&y, json, strlen(json), "y"), 0);
    cs_assessment *a = NULL;
    assert_int_equal(cs_assess_run(&a, y, s, c, 1, NULL), 0);
    assert_int_equal(cs_assessment_year(a), 2016);
    assert_int_equal(cs_assessment_item(a, 0, 0), CS_RESULT_NOT_MET);
    cs_assessment_free(a);
    cs_assess_options later = { 2019, NULL, 0, CS_LANG_EN };
    assert_int_equal(cs_assess_run(&a, y, s, c, 1, &later), 0);
    assert_int_equal(cs_assessment_item(a, 0, 0), CS_RESULT_MET);
    cs_assessment_free(a);
    cs_method_free(y);
    cs_factset_free(s);
    cs_method_free(m);
}

/* Every fact of the HSE method set so that the cluster meets all 23 items. */
static void add_full_cluster(cs_factset *s, const char *key)
{
    CLUSTER(s, key, "organisation_count", ">=100", CS_FACT_COUNT);
    const char *bools[] = { "member_type.clinic",
                            "member_type.manufacturer",
                            "member_type.research_education",
                            "member_type.authority",
                            "member_type.support",
                            "activity.medical_services",
                            "activity.rd_biomedicine",
                            "activity.manufacturing",
                            "authorities_in_governance",
                            "goal.participants_development",
                            "goal.regional_socioeconomic",
                            "goal.regional_science_technology" };
    for (size_t i = 0; i < sizeof bools / sizeof bools[0]; i++)
        CLUSTER(s, key, bools[i], "true", CS_FACT_BOOL);
    CLUSTER(s, key, "innovation_infrastructure_objects", ">60", CS_FACT_COUNT);
    CLUSTER(s, key, "startups", "2", CS_FACT_COUNT);
    add_fact(s, CS_SUBJECT_CLUSTER, key, "esca_label", 0, "gold", CS_FACT_LEVEL,
             "none|bronze|silver|gold", "src", "");
    add_fact(s, CS_SUBJECT_CLUSTER, key, "english_website", 0, "start_page", CS_FACT_LEVEL,
             "none|start_page|full", "src", "");
}

static void add_leading_country(cs_factset *s, const char *code)
{
    COUNTRY(s, code, "medtourism_revenue_usd", ">1e9", CS_FACT_AMOUNT);
    COUNTRY(s, code, "foreign_patients", "200000", CS_FACT_COUNT);
    COUNTRY(s, code, "bloomberg_efficiency_rank", "20", CS_FACT_RANK);
    COUNTRY(s, code, "medical_tourism_index", "65", CS_FACT_INDEX);
    COUNTRY(s, code, "pwc_medtourism_rank", "<=10", CS_FACT_RANK);
    COUNTRY(s, code, "on_medtourism_aggregators", "true", CS_FACT_BOOL);
}

static void test_hse_full_and_country_facts(void **state)
{
    (void)state;
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "hse-biomedical-2019"), 0);
    cs_factset *s = NULL;
    assert_int_equal(cs_factset_new(&s), 0);
    add_full_cluster(s, "a");
    add_full_cluster(s, "b");
    add_leading_country(s, "DE");
    COUNTRY(s, "EE", "foreign_patients", "<200000", CS_FACT_COUNT);
    /* a cluster fact with the country's name must not be read as the country's */
    CLUSTER(s, "DE", "startups", "0", CS_FACT_COUNT);
    const cs_assess_subject c[] = { { "a", "A", "DE", NULL, "biomedical" },
                                    { "b", "B", "EE", NULL, "biomedical" } };
    cs_assessment *a = NULL;
    assert_int_equal(cs_assess_run(&a, m, s, c, 2, NULL), 0);
    cs_score t = cs_assessment_total(a, 0);
    assert_int_equal(t.points, 23);
    assert_int_equal(t.indicators, 15);
    assert_int_equal(t.items_known, 23);
    assert_true(cs_assessment_coverage(a, 0) == 1.0);
    assert_int_equal(cs_assessment_block_score(a, 0, 0).indicators, 6);
    assert_int_equal(cs_assessment_block_score(a, 0, 1).points, 11);
    assert_int_equal(cs_assessment_block_score(a, 0, 1).indicators, 5);
    assert_int_equal(cs_assessment_block_score(a, 0, 2).points, 6);
    char code[32];
    cs_assessment_code(code, sizeof code, a, 0);
    assert_string_equal(code, "11111111111111111111111");
    /* the same cluster facts in Estonia: block 1 is read from EE */
    t = cs_assessment_total(a, 1);
    assert_int_equal(t.points, 17);
    assert_int_equal(t.items_known, 18);
    assert_int_equal(cs_assessment_block_score(a, 1, 0).indicators, 0);
    assert_int_equal(cs_assessment_block_score(a, 1, 0).indicators_known, 1);
    cs_assessment_code(code, sizeof code, a, 1);
    assert_string_equal(code, "?0????11111111111111111");
    const cs_fact *f = cs_assessment_item_fact(a, 1, 1);
    assert_string_equal(f->subject, "EE");
    assert_int_equal(f->subject_kind, CS_SUBJECT_COUNTRY);
    cs_assessment_free(a);
    cs_factset_free(s);
    cs_method_free(m);
}

static void test_eccp_assessment(void **state)
{
    (void)state;
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "eccp-profile-2017"), 0);
    cs_factset *s = NULL;
    assert_int_equal(cs_factset_new(&s), 0);
    /* one member type, but collaboration with public bodies: the helix holds */
    CLUSTER(s, "x", "management_fte", "0,5", CS_FACT_AMOUNT);
    CLUSTER(s, "x", "committed_members", ">15", CS_FACT_COUNT);
    CLUSTER(s, "x", "member_type.clinic", "true", CS_FACT_BOOL);
    CLUSTER(s, "x", "public_body_collaboration", "yes", CS_FACT_BOOL);
    add_fact(s, CS_SUBJECT_CLUSTER, "x", "english_website", 0, "full", CS_FACT_LEVEL,
             "none|start_page|full", "src", "");
    CLUSTER(s, "x", "website_current_activity", "true", CS_FACT_BOOL);
    const cs_assess_subject c[] = { { "x", "X", "FR", NULL, "biomedical" } };
    cs_assessment *a = NULL;
    assert_int_equal(cs_assess_run(&a, m, s, c, 1, NULL), 0);
    long types = cs_method_find_indicator(m, "member_types");
    long helix = cs_method_find_indicator(m, "triple_helix");
    assert_int_equal(cs_assessment_indicator(a, 0, (size_t)types), CS_RESULT_UNKNOWN);
    assert_int_equal(cs_assessment_indicator(a, 0, (size_t)helix), CS_RESULT_MET);
    cs_score t = cs_assessment_total(a, 0);
    /* all four criteria met; the helper's items do not count */
    assert_int_equal(t.indicators, 4);
    assert_int_equal(t.indicators_known, 4);
    assert_int_equal(t.points, 5);
    assert_int_equal(t.items_known, 5);
    capture cap;
    assert_int_equal(cs_assessment_explain(capture_open(&cap), a, "x", CS_FORMAT_TABLE), 0);
    char *text = capture_close(&cap);
    assert_non_null(strstr(text, "H member_types: Members of at least two types / Участники не "
                                 "менее двух типов (helper, not scored)\n"));
    assert_non_null(strstr(text,
                           "    rule:    indicator member_types is met\n"
                           "    result:  ? (unknown: the referenced indicator is unknown)\n"));
    assert_non_null(strstr(text, "Total: 4 of 4 indicators, 5 of 6 item points"));
    free(text);
    cs_assessment_free(a);
    cs_factset_free(s);
    cs_method_free(m);
}

/* ---------------------------------------------------------------- many clusters */

static void test_many_clusters(void **state)
{
    (void)state;
    /* enough clusters for the parallel loop; results must match the serial reasoning */
    enum { N = 20000 };
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "hse-biomedical-2019"), 0);
    cs_factset *s = NULL;
    assert_int_equal(cs_factset_new(&s), 0);
    static char keys[N][16];
    static cs_assess_subject subjects[N];
    static const char *countries[] = { "DE", "US", "EE", "KR" };
    add_leading_country(s, "DE");
    add_leading_country(s, "US");
    for (int i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "c%05d", i);
        char count[16];
        snprintf(count, sizeof count, "%d", i % 200);
        CLUSTER(s, keys[i], "organisation_count", count, CS_FACT_COUNT);
        if (i % 3 == 0)
            CLUSTER(s, keys[i], "startups", i % 2 ? "1" : ">2", CS_FACT_COUNT);
        subjects[i] = (cs_assess_subject){ keys[i], keys[i], countries[i % 4], NULL, "biomedical" };
    }
    cs_assessment *a = NULL;
    assert_int_equal(cs_assess_run(&a, m, s, subjects, N, NULL), 0);
    long size = cs_method_find_item(m, "size");
    long startups = cs_method_find_item(m, "startups");
    for (int i = 0; i < N; i++) {
        assert_int_equal(cs_assessment_item(a, (size_t)i, (size_t)size),
                         i % 200 >= 100 ? CS_RESULT_MET : CS_RESULT_NOT_MET);
        cs_result expect_startups = i % 3   ? CS_RESULT_UNKNOWN
                                    : i % 2 ? CS_RESULT_NOT_MET
                                            : CS_RESULT_MET;
        assert_int_equal(cs_assessment_item(a, (size_t)i, (size_t)startups), expect_startups);
        assert_int_equal(cs_assessment_block_score(a, (size_t)i, 0).points, i % 4 < 2 ? 6 : 0);
    }
    assert_int_equal(cs_assessment_find(a, "c19999"), 19999);
    cs_assessment_free(a);
    cs_factset_free(s);
    cs_method_free(m);
}

/* ---------------------------------------------------------------- the method's scope */

/* The small method with a scope: biomedical or tourist clusters, clinics not known absent
 * (unknown in), at least 50 organisations (unknown out). */
static const char *scoped_method =
    "{\"format\": \"clusterscope-method\", \"id\": \"scoped\", \"version\": 1, "
    "\"title_en\": \"Scoped\", \"blocks\": [{\"id\": \"members\", \"label_en\": \"Members\"}], "
    "\"indicators\": [{\"id\": \"startups\", \"block\": \"members\", \"label_en\": \"Startups\", "
    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 2}}], "
    "\"scope\": {\"all_of\": ["
    "{\"id\": \"kind\", \"label_en\": \"A biomedical or tourism cluster\", "
    "\"label_ru\": \"Биомедицинский или туристический кластер\", \"field\": \"kind\", "
    "\"in\": [\"biomedical\", \"tourist\"]},"
    "{\"id\": \"clinics\", \"label_en\": \"Clinics\", \"fact\": \"cluster:member_type.clinic\", "
    "\"rule\": {\"kind\": \"presence\"}, \"unknown\": \"in\"},"
    "{\"id\": \"size\", \"label_en\": \"At least 50 organisations\", "
    "\"fact\": \"cluster:organisation_count\", \"rule\": {\"kind\": \"count_at_least\", "
    "\"n\": 50}}]}}";

static void test_scope(void **state)
{
    (void)state;
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_string(&m, scoped_method, strlen(scoped_method), "scoped"), 0);
    cs_factset *s = NULL;
    assert_int_equal(cs_factset_new(&s), 0);
    CLUSTER(s, "in-known", "member_type.clinic", "true", CS_FACT_BOOL);
    CLUSTER(s, "in-known", "organisation_count", "60", CS_FACT_COUNT);
    CLUSTER(s, "in-known", "startups", "3", CS_FACT_COUNT);
    CLUSTER(s, "in-unknown", "organisation_count", ">100", CS_FACT_COUNT);
    CLUSTER(s, "amber", "member_type.clinic", "true", CS_FACT_BOOL);
    CLUSTER(s, "no-clinic", "member_type.clinic", "false", CS_FACT_BOOL);
    CLUSTER(s, "no-clinic", "organisation_count", "400", CS_FACT_COUNT);
    CLUSTER(s, "small", "organisation_count", "<20", CS_FACT_COUNT);
    CLUSTER(s, "size-unknown", "organisation_count", ">10", CS_FACT_COUNT);
    const cs_assess_subject c[] = {
        { "amber", "Amber", "RU", NULL, "industrial" },
        { "in-known", "Known", "DE", NULL, "biomedical" },
        { "in-unknown", "Unknown clinics", "DE", NULL, "tourist" },
        { "no-clinic", "No clinic", "DE", NULL, "biomedical" },
        { "no-kind", "No kind", "DE", NULL, "" },
        { "small", "Small", "DE", NULL, "biomedical" },
        { "size-unknown", "Size unknown", "DE", NULL, "biomedical" },
    };
    cs_assessment *a = NULL;
    assert_int_equal(cs_assess_run(&a, m, s, c, 7, NULL), 0);
    /* only two are scored, in the order given; the rest are listed, in the order given */
    assert_int_equal(cs_assessment_count(a), 2);
    assert_string_equal(cs_assessment_subject(a, 0)->key, "in-known");
    assert_string_equal(cs_assessment_subject(a, 1)->key, "in-unknown");
    assert_int_equal(cs_assessment_find(a, "amber"), -1);
    assert_int_equal(cs_assessment_find(a, "in-unknown"), 1);
    assert_int_equal(cs_assessment_item(a, 0, 0), CS_RESULT_MET);
    assert_int_equal(cs_assessment_scope_unknown(a, 0), 0);
    assert_null(cs_assessment_scope_note(a, 0));
    assert_int_equal(cs_assessment_scope_unknown(a, 1), 2); /* rule 1, clinics */
    assert_string_equal(cs_assessment_scope_note(a, 1),
                        "Clinics: unknown (member_type.clinic not recorded); the method keeps a "
                        "cluster in scope on this unknown");
    assert_int_equal(cs_assessment_out_of_scope_count(a), 5);
    struct {
        const char *key;
        size_t rule;
        cs_result result;
        const char *found, *reason;
    } want[] = {
        { "amber", 0, CS_RESULT_NOT_MET, "industrial",
          "A biomedical or tourism cluster: not met (kind is industrial)" },
        { "no-clinic", 1, CS_RESULT_NOT_MET, "false",
          "Clinics: not met (member_type.clinic is false)" },
        { "no-kind", 0, CS_RESULT_UNKNOWN, NULL,
          "A biomedical or tourism cluster: unknown (kind not recorded); the method puts a "
          "cluster out of scope on this unknown" },
        { "small", 2, CS_RESULT_NOT_MET, "<20",
          "At least 50 organisations: not met (organisation_count is <20)" },
        { "size-unknown", 2, CS_RESULT_UNKNOWN, ">10",
          "At least 50 organisations: unknown (organisation_count is >10); the method puts a "
          "cluster out of scope on this unknown" },
    };
    for (size_t i = 0; i < 5; i++) {
        const cs_scope_exclusion *e = cs_assessment_out_of_scope_at(a, i);
        assert_string_equal(e->key, want[i].key);
        assert_int_equal(e->rule, want[i].rule);
        assert_int_equal(e->result, want[i].result);
        if (want[i].found)
            assert_string_equal(e->found, want[i].found);
        else
            assert_null(e->found);
        assert_string_equal(e->reason, want[i].reason);
        assert_int_equal(cs_assessment_find_out_of_scope(a, want[i].key), (long)i);
    }
    assert_non_null(cs_assessment_out_of_scope_at(a, 1)->fact);
    assert_null(cs_assessment_out_of_scope_at(a, 2)->fact);
    assert_null(cs_assessment_out_of_scope_at(a, 5));
    assert_int_equal(cs_assessment_find_out_of_scope(a, "in-known"), -1);

    /* the table lists them after the summary; CSV and JSON say so per cluster */
    capture cap;
    assert_int_equal(cs_assessment_write(capture_open(&cap), a, CS_FORMAT_TABLE), 0);
    char *text = capture_close(&cap);
    assert_non_null(strstr(text, "; 2 clusters in the method's scope (5 out of it, listed at the "
                                 "end);"));
    assert_non_null(strstr(text,
                           "\nOut of the method's scope: 5 clusters (not scored)\n  amber: "
                           "A biomedical or tourism cluster: not met (kind is industrial)\n"));
    assert_non_null(strstr(text, "In scope although scope rule clinics is unknown (\"unknown\": "
                                 "\"in\"): 1 cluster\n  in-unknown\n"));
    assert_true(strstr(text, "Out of the method's scope") > strstr(text, "Indicators (clusters"));
    free(text);
    assert_int_equal(cs_assessment_write(capture_open(&cap), a, CS_FORMAT_CSV), 0);
    text = capture_close(&cap);
    assert_non_null(strstr(text, ",total:coverage,scope:status,scope:reason\n"));
    assert_non_null(strstr(text, "\nin-known,Known,DE,,1,1,1,1,1,1,1.0000,in,\n"));
    assert_non_null(strstr(text, "\nsmall,Small,DE,,,,,,,,,out,At least 50 organisations: not met "
                                 "(organisation_count is <20)\n"));
    free(text);
    assert_int_equal(cs_assessment_write(capture_open(&cap), a, CS_FORMAT_JSON), 0);
    text = capture_close(&cap);
    assert_non_null(strstr(text, "\"code\": \"1\", \"scope_unknown\": []}"));
    assert_non_null(strstr(text, "\"scope_unknown\": [\"clinics\"]}"));
    assert_non_null(strstr(text, "\"out_of_scope\": [\n    {\"key\": \"amber\", \"name\": "
                                 "\"Amber\", \"country\": \"RU\", \"region\": null, \"kind\": "
                                 "\"industrial\", \"rule\": \"kind\", \"result\": \"not_met\", "
                                 "\"found\": \"industrial\", \"reason\": "));
    assert_non_null(strstr(text, "\"rule\": \"kind\", \"result\": \"unknown\", \"found\": null"));
    free(text);

    /* explain: the reason for a cluster out of scope; the unknown rule for one kept in */
    assert_int_equal(cs_assessment_explain(capture_open(&cap), a, "no-clinic", CS_FORMAT_TABLE), 0);
    text = capture_close(&cap);
    assert_non_null(strstr(text, "Out of the method's scope, so not scored: Clinics: not met "
                                 "(member_type.clinic is false)\n  scope rule clinics: "
                                 "member_type.clinic is true; unknown is in\n  fact:    cluster "
                                 "no-clinic member_type.clinic, undated: \"false\" (stated)\n"));
    assert_null(strstr(text, "I1 startups"));
    free(text);
    assert_int_equal(cs_assessment_explain(capture_open(&cap), a, "amber", CS_FORMAT_JSON), 0);
    text = capture_close(&cap);
    assert_non_null(strstr(text, "\"scope\": {\"in\": false, \"exclusion\": {\"key\": \"amber\""));
    assert_null(strstr(text, "\"indicators\""));
    free(text);
    assert_int_equal(cs_assessment_explain(capture_open(&cap), a, "in-unknown", CS_FORMAT_TABLE),
                     0);
    text = capture_close(&cap);
    assert_non_null(strstr(text, "Scope: in the method's scope, on an unknown: Clinics: unknown "
                                 "(member_type.clinic not recorded)"));
    free(text);
    cs_assessment_free(a);

    /* the reasons in Russian */
    cs_assess_options ru = { 0, NULL, 0, CS_LANG_RU };
    assert_int_equal(cs_assess_run(&a, m, s, c, 7, &ru), 0);
    assert_string_equal(cs_assessment_out_of_scope_at(a, 0)->reason,
                        "Биомедицинский или туристический кластер: не выполнено (kind: "
                        "industrial)");
    assert_string_equal(cs_assessment_out_of_scope_at(a, 2)->reason,
                        "Биомедицинский или туристический кластер: неизвестно (kind: нет данных); "
                        "при таком неизвестном метод исключает кластер из области применения");
    /* a rule labelled in English only is quoted in English */
    assert_string_equal(cs_assessment_out_of_scope_at(a, 3)->reason,
                        "At least 50 organisations: не выполнено (organisation_count: <20)");
    cs_assessment_free(a);

    /* nothing in scope: an empty assessment that still lists them */
    assert_int_equal(cs_assess_run(&a, m, s, c, 1, NULL), 0);
    assert_int_equal(cs_assessment_count(a), 0);
    assert_int_equal(cs_assessment_out_of_scope_count(a), 1);
    assert_int_equal(cs_assessment_write(capture_open(&cap), a, CS_FORMAT_TABLE), 0);
    free(capture_close(&cap));
    cs_assessment_free(a);
    /* a duplicate key is refused whether or not the cluster is in scope */
    const cs_assess_subject twice[] = { { "amber", "A", "RU", NULL, "industrial" },
                                        { "amber", "B", "RU", NULL, "industrial" } };
    assert_int_equal(cs_assess_run(&a, m, s, twice, 2, NULL), CS_EUSAGE);
    cs_factset_free(s);
    cs_method_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_small_results, small_setup, small_teardown),
        cmocka_unit_test_setup_teardown(test_codes, small_setup, small_teardown),
        cmocka_unit_test_setup_teardown(test_write_table, small_setup, small_teardown),
        cmocka_unit_test_setup_teardown(test_write_csv, small_setup, small_teardown),
        cmocka_unit_test_setup_teardown(test_write_json, small_setup, small_teardown),
        cmocka_unit_test(test_scope),
        cmocka_unit_test_setup_teardown(test_explain_text, small_setup, small_teardown),
        cmocka_unit_test_setup_teardown(test_explain_json, small_setup, small_teardown),
        cmocka_unit_test_setup_teardown(test_empty_assessment, small_setup, small_teardown),
        cmocka_unit_test_setup_teardown(test_usage_errors, small_setup, small_teardown),
        cmocka_unit_test(test_year_selection),
        cmocka_unit_test(test_hse_full_and_country_facts),
        cmocka_unit_test(test_eccp_assessment),
        cmocka_unit_test(test_many_clusters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
