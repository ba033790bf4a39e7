/* Facts: value parsing with bounds, formatting, and year selection in fact sets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/fact.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void test_exact_and_bounds(void **state)
{
    (void)state;
    cs_value v;
    assert_int_equal(cs_value_parse(&v, "118", CS_FACT_COUNT, NULL), 0);
    assert_int_equal(v.kind, CS_VALUE_NUMBER);
    assert_true(v.lo == 118 && v.hi == 118);

    assert_int_equal(cs_value_parse(&v, " >60 ", CS_FACT_COUNT, NULL), 0);
    assert_true(v.lo == 60 && v.lo_open && isinf(v.hi));

    assert_int_equal(cs_value_parse(&v, ">=100", CS_FACT_COUNT, NULL), 0);
    assert_true(v.lo == 100 && !v.lo_open);

    assert_int_equal(cs_value_parse(&v, "<100", CS_FACT_COUNT, NULL), 0);
    assert_true(v.lo == 0 && v.hi == 100 && v.hi_open);

    assert_int_equal(cs_value_parse(&v, "<=10", CS_FACT_RANK, NULL), 0);
    assert_true(v.lo == 1 && v.hi == 10 && !v.hi_open);

    assert_int_equal(cs_value_parse(&v, "10..20", CS_FACT_COUNT, NULL), 0);
    assert_true(v.lo == 10 && v.hi == 20);

    assert_int_equal(cs_value_parse(&v, ">1e9", CS_FACT_AMOUNT, NULL), 0);
    assert_true(v.lo == 1e9 && v.lo_open);

    assert_int_equal(cs_value_parse(&v, "-3.5", CS_FACT_INDEX, NULL), 0);
    assert_true(v.lo == -3.5);
}

static void test_decimal_comma(void **state)
{
    (void)state;
    cs_value v;
    assert_int_equal(cs_value_parse(&v, "0,5", CS_FACT_AMOUNT, NULL), 0);
    assert_true(v.lo == 0.5);
    /* "1,000" could mean one or a thousand */
    assert_int_equal(cs_value_parse(&v, "1,000", CS_FACT_AMOUNT, NULL), CS_EDATA);
    assert_int_equal(cs_value_parse(&v, "1,5.2", CS_FACT_AMOUNT, NULL), CS_EDATA);
}

/* Every reader's rule for numbers: no hexadecimal, inf, nan or overflow in a fact either. */
static void test_no_strange_numbers(void **state)
{
    (void)state;
    cs_value v;
    static const char *const bad[] = { "0x10", "inf",    "-inf", "nan",   "1e400", ">1e400",
                                       "1e",   "1e-400", "--1",  "1 000", "" };
    for (size_t i = 0; bad[i][0]; i++)
        assert_int_equal(cs_value_parse(&v, bad[i], CS_FACT_INDEX, NULL), CS_EDATA);
    /* a count of 1e-400 is not a count of 0 */
    assert_int_equal(cs_value_parse(&v, "1e-400", CS_FACT_COUNT, NULL), CS_EDATA);
}

/* Russian Excel writes TRUE and FALSE as ИСТИНА and ЛОЖЬ. */
static void test_russian_booleans(void **state)
{
    (void)state;
    cs_value v;
    static const char *const yes[] = { "ИСТИНА", "Истина", "истина", "да", "Да", "ДА" };
    static const char *const no[] = { "ЛОЖЬ", "Ложь", "ложь", "нет", "Нет", "НЕТ" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        assert_int_equal(cs_value_parse(&v, yes[i], CS_FACT_BOOL, NULL), 0);
        assert_true(v.kind == CS_VALUE_BOOL && v.boolean == 1);
        assert_int_equal(cs_value_parse(&v, no[i], CS_FACT_BOOL, NULL), 0);
        assert_true(v.kind == CS_VALUE_BOOL && v.boolean == 0);
    }
    assert_int_equal(cs_value_parse(&v, "истинно", CS_FACT_BOOL, NULL), CS_EDATA);
}

static void test_unknown_is_not_zero(void **state)
{
    (void)state;
    cs_value v;
    assert_int_equal(cs_value_parse(&v, "", CS_FACT_COUNT, NULL), 0);
    assert_int_equal(v.kind, CS_VALUE_UNKNOWN);
    assert_int_equal(cs_value_parse(&v, "unknown", CS_FACT_BOOL, NULL), 0);
    assert_int_equal(v.kind, CS_VALUE_UNKNOWN);
    assert_int_equal(cs_value_parse(&v, NULL, CS_FACT_BOOL, NULL), 0);
    assert_int_equal(v.kind, CS_VALUE_UNKNOWN);
}

static void test_rejects(void **state)
{
    (void)state;
    cs_value v;
    const struct {
        const char *text;
        cs_fact_type type;
    } bad[] = {
        { "-1", CS_FACT_COUNT },   { "2.5", CS_FACT_COUNT },    { "0", CS_FACT_RANK },
        { "abc", CS_FACT_INDEX },  { "12abc", CS_FACT_COUNT },  { "nan", CS_FACT_INDEX },
        { "inf", CS_FACT_AMOUNT }, { "20..10", CS_FACT_COUNT }, { "<0", CS_FACT_COUNT },
        { "maybe", CS_FACT_BOOL }, { ">", CS_FACT_COUNT },      { "1e999", CS_FACT_AMOUNT },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = cs_value_parse(&v, bad[i].text, bad[i].type, NULL);
        if (rc != CS_EDATA)
            fail_msg("'%s' as %s was accepted", bad[i].text, cs_fact_type_name(bad[i].type));
        assert_int_equal(v.kind, CS_VALUE_UNKNOWN);
        assert_true(strncmp(cs_error_last(), "expected ", 9) == 0);
    }
}

static void test_bool_and_level(void **state)
{
    (void)state;
    cs_value v;
    assert_int_equal(cs_value_parse(&v, "да", CS_FACT_BOOL, NULL), 0);
    assert_true(v.kind == CS_VALUE_BOOL && v.boolean == 1);
    assert_int_equal(cs_value_parse(&v, "No", CS_FACT_BOOL, NULL), 0);
    assert_true(v.kind == CS_VALUE_BOOL && v.boolean == 0);
    assert_int_equal(cs_value_parse(&v, "silver", CS_FACT_LEVEL, "none|bronze|silver|gold"), 0);
    assert_string_equal(v.text, "silver");
    assert_int_equal(cs_value_parse(&v, "platinum", CS_FACT_LEVEL, "none|bronze|silver|gold"),
                     CS_EDATA);
    assert_int_equal(cs_value_parse(&v, "bron", CS_FACT_LEVEL, "none|bronze|silver|gold"),
                     CS_EDATA);
}

static void test_format_round_trip(void **state)
{
    (void)state;
    const char *texts[] = { "118",    ">60",         ">=100", "<100", "<=10",
                            "10..20", ">1000000000", "0.1",   "true", "false" };
    cs_fact_type types[] = { CS_FACT_COUNT, CS_FACT_COUNT, CS_FACT_COUNT,  CS_FACT_COUNT,
                             CS_FACT_RANK,  CS_FACT_COUNT, CS_FACT_AMOUNT, CS_FACT_AMOUNT,
                             CS_FACT_BOOL,  CS_FACT_BOOL };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        cs_value v, again;
        char out[64];
        assert_int_equal(cs_value_parse(&v, texts[i], types[i], NULL), 0);
        cs_value_format(out, sizeof out, &v);
        assert_int_equal(cs_value_parse(&again, out, types[i], NULL), 0);
        assert_true(memcmp(&v, &again, offsetof(cs_value, text)) == 0);
    }
}

static void test_enum_names(void **state)
{
    (void)state;
    cs_subject_kind k;
    cs_fact_status s;
    cs_fact_type t;
    assert_int_equal(cs_subject_kind_parse(&k, "country"), 0);
    assert_int_equal(k, CS_SUBJECT_COUNTRY);
    assert_string_equal(cs_subject_kind_name(CS_SUBJECT_REGION), "region");
    assert_int_equal(cs_fact_status_parse(&s, "estimated"), 0);
    assert_int_equal(s, CS_STATUS_ESTIMATED);
    assert_int_not_equal(cs_fact_status_parse(&s, "guessed"), 0);
    assert_int_equal(cs_fact_type_parse(&t, "level"), 0);
    assert_string_equal(cs_fact_type_name(t), "level");
}

static cs_fact make_fact(const char *subject, const char *name, int year, double value)
{
    cs_fact f = { .subject_kind = CS_SUBJECT_COUNTRY,
                  .subject = subject,
                  .name = name,
                  .year = year,
                  .raw = "x",
                  .source = "src" };
    f.value.kind = CS_VALUE_NUMBER;
    f.value.lo = f.value.hi = value;
    return f;
}

static void test_factset_years(void **state)
{
    (void)state;
    cs_factset *set = NULL;
    assert_int_equal(cs_factset_new(&set), 0);
    cs_fact f;
    f = make_fact("DE", "pwc_medtourism_rank", 0, 9);
    assert_int_equal(cs_factset_add(set, &f), 0);
    f = make_fact("DE", "pwc_medtourism_rank", 2016, 8);
    assert_int_equal(cs_factset_add(set, &f), 0);
    f = make_fact("DE", "pwc_medtourism_rank", 2018, 7);
    assert_int_equal(cs_factset_add(set, &f), 0);
    f = make_fact("FR", "pwc_medtourism_rank", 2018, 12);
    assert_int_equal(cs_factset_add(set, &f), 0);

    const cs_fact *got = cs_factset_get(set, CS_SUBJECT_COUNTRY, "DE", "pwc_medtourism_rank", 0);
    assert_non_null(got);
    assert_int_equal(got->year, 2018);
    got = cs_factset_get(set, CS_SUBJECT_COUNTRY, "DE", "pwc_medtourism_rank", 2017);
    assert_int_equal(got->year, 2016);
    got = cs_factset_get(set, CS_SUBJECT_COUNTRY, "DE", "pwc_medtourism_rank", 2010);
    assert_int_equal(got->year, 0); /* only the undated fact applies */
    assert_true(got->value.lo == 9);
    got = cs_factset_get(set, CS_SUBJECT_COUNTRY, "FR", "pwc_medtourism_rank", 2017);
    assert_null(got); /* FR has no fact for 2017 or before, and no undated one */
    assert_null(cs_factset_get(set, CS_SUBJECT_CLUSTER, "DE", "pwc_medtourism_rank", 0));
    assert_int_equal(cs_factset_count(set), 4);
    cs_factset_free(set);
}

static void test_factset_many(void **state)
{
    (void)state;
    cs_factset *set = NULL;
    assert_int_equal(cs_factset_new(&set), 0);
    char subject[32];
    for (int i = 0; i < 20000; i++) {
        snprintf(subject, sizeof subject, "c%05d", i);
        cs_fact f = make_fact(subject, "startups", 0, i);
        f.subject_kind = CS_SUBJECT_CLUSTER;
        assert_int_equal(cs_factset_add(set, &f), 0);
    }
    for (int i = 0; i < 20000; i += 997) {
        snprintf(subject, sizeof subject, "c%05d", i);
        const cs_fact *f = cs_factset_get(set, CS_SUBJECT_CLUSTER, subject, "startups", 0);
        assert_non_null(f);
        assert_true(f->value.lo == i);
        assert_string_equal(f->subject, subject);
    }
    cs_factset_free(set);
}

/* The one parser of fact definitions: a good document, and where a bad one goes wrong. */
static void test_definitions_parse(void **state)
{
    (void)state;
    static const char good[] =
        "{\"format\": \"clusterscope-registry\", \"version\": 1, \"sources\": [],\n"
        " \"fact_definitions\": [\n"
        "  {\"name\": \"awards\", \"subject_kind\": \"cluster\", \"type\": \"level\",\n"
        "   \"levels\": \"none|bronze|gold\", \"label_en\": \"Awards\"},\n"
        "  {\"name\": \"awards\", \"subject_kind\": \"country\", \"type\": \"count\", "
        "\"unit\": null}]}\n";
    cs_fact_definitions *defs = NULL;
    assert_int_equal(cs_fact_definitions_parse(&defs, good, strlen(good), "d.json"), 0);
    assert_int_equal(cs_fact_definitions_count(defs), 2);
    const cs_fact_definition *d = cs_fact_definitions_at(defs, 0);
    assert_string_equal(d->name, "awards");
    assert_int_equal(d->subject_kind, CS_SUBJECT_CLUSTER);
    assert_int_equal(d->type, CS_FACT_LEVEL);
    assert_string_equal(d->levels, "none|bronze|gold");
    assert_string_equal(d->label_en, "Awards");
    assert_string_equal(d->label_ru, "");
    d = cs_fact_definitions_find(defs, CS_SUBJECT_COUNTRY, "awards");
    assert_non_null(d);
    assert_int_equal(d->type, CS_FACT_COUNT);
    assert_string_equal(d->levels, "");
    assert_string_equal(d->unit, "");
    assert_null(cs_fact_definitions_find(defs, CS_SUBJECT_REGION, "awards"));
    assert_null(cs_fact_definitions_at(defs, 2));
    cs_fact_definitions_free(defs);

    static const char *const bad[] = {
        "[1, 2]",
        "{\"fact_definitions\": []}",
        "{\"format\": \"clusterscope-methods\"}",
        "{\"format\": \"clusterscope-registry\", \"version\": 2}",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": {}}",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\"awards\"]}",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
        " {\"name\": \"a\", \"subject_kind\": \"cluster\", \"type\": \"bool\"},\n"
        " {\"name\": \"a\", \"subject_kind\": \"cluster\", \"type\": \"text\"}]}",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
        " {\"subject_kind\": \"cluster\", \"type\": \"bool\"}]}",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [",
    };
    static const char *const expected[] = {
        "d.json:1:1: expected a JSON object {\"format\": \"clusterscope-registry\", ...}, found "
        "\"an array\"",
        "d.json:1:1: expected a member \"format\": \"clusterscope-registry\", found \"none\"",
        "d.json:1:12: expected \"format\": \"clusterscope-registry\", found "
        "\"clusterscope-methods\"",
        "d.json:1:48: expected \"version\": 1 (the only version so far), found \"a number\"",
        "d.json:1:57: expected an array of fact_definitions records, found \"an object\"",
        "d.json:1:58: expected a fact_definitions record (a JSON object), found \"a string\"",
        "d.json:3:11: expected a fact definition key not used before in this document (first at "
        "record 1), found \"a\"",
        "d.json:2:2: expected a value for required column 'name', found an empty value",
        "d.json:1:",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(cs_fact_definitions_parse(&defs, bad[i], strlen(bad[i]), "d.json"),
                         CS_EDATA);
        assert_null(defs);
        if (strncmp(cs_error_last(), expected[i], strlen(expected[i])) != 0)
            fail_msg("bad[%zu]: %s", i, cs_error_last());
    }
}

/* The built-in definitions: parsed once, and what a method and a new registry both read. */
static void test_definitions_builtin(void **state)
{
    (void)state;
    const cs_fact_definitions *a = NULL, *b = NULL;
    assert_int_equal(cs_fact_definitions_builtin(&a), 0);
    assert_int_equal(cs_fact_definitions_builtin(&b), 0);
    assert_ptr_equal(a, b);
    assert_true(cs_fact_definitions_count(a) > 30);
    const cs_fact_definition *d = cs_fact_definitions_find(a, CS_SUBJECT_CLUSTER, "startups");
    assert_non_null(d);
    assert_int_equal(d->type, CS_FACT_COUNT);
    d = cs_fact_definitions_find(a, CS_SUBJECT_COUNTRY, "foreign_patients");
    assert_non_null(d);
    assert_string_equal(d->unit, "people per year");
    assert_null(cs_fact_definitions_find(a, CS_SUBJECT_COUNTRY, "startups"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_and_bounds),    cmocka_unit_test(test_decimal_comma),
        cmocka_unit_test(test_no_strange_numbers),  cmocka_unit_test(test_russian_booleans),
        cmocka_unit_test(test_unknown_is_not_zero), cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_bool_and_level),      cmocka_unit_test(test_format_round_trip),
        cmocka_unit_test(test_enum_names),          cmocka_unit_test(test_factset_years),
        cmocka_unit_test(test_factset_many),        cmocka_unit_test(test_definitions_parse),
        cmocka_unit_test(test_definitions_builtin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
