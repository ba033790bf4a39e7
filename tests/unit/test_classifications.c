/*
 * Classifications, hierarchies and concordances (migration 0011; importer.c, import.c,
 * store_bulk.c): the new kinds and region columns round-trip through export; every refusal
 * names its file, line and column and stores nothing; the wide form of statistics stores what
 * the long form does; the bulk path (an empty statistic table) stores and refuses exactly as
 * the ordinary path does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/store.h"
#include "registry/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

/* Countries, regions (a parent after its child), a source, an industry classification with its
 * hierarchy (a parent after its child) and a category scheme with a concordance to it. */
static const char base_json[] =
    "{\"format\": \"clusterscope-registry\",\n"
    " \"sources\": [{\"key\": \"s\", \"title\": \"S\"}],\n"
    " \"countries\": [{\"code\": \"DE\", \"name_en\": \"Germany\"},\n"
    "               {\"code\": \"FR\", \"name_en\": \"France\"}],\n"
    " \"regions\": [{\"key\": \"de-mitte\", \"country\": \"DE\", \"name_en\": \"Mitte\", "
    "\"parent\": \"de-be\", \"type\": \"municipality\"},\n"
    "              {\"key\": \"de-be\", \"country\": \"DE\", \"name_en\": \"Berlin\", "
    "\"type\": \"state\", \"code\": \"DE-BE\"},\n"
    "              {\"key\": \"fr-idf\", \"country\": \"FR\", \"name_en\": \"IdF\", "
    "\"type\": \"nuts1\", \"code\": \"FR-IDF\"}],\n"
    " \"classifications\": [{\"key\": \"nace2\", \"name_en\": \"NACE Rev. 2\"},\n"
    "   {\"key\": \"us-cmp\", \"kind\": \"category\", \"name_en\": \"US clusters\", "
    "\"source\": \"s\"}],\n"
    " \"industries\": [{\"classification\": \"nace2\", \"code\": \"21.10\", \"parent\": \"21\"},\n"
    "   {\"classification\": \"nace2\", \"code\": \"21\", \"parent\": \"C\"},\n"
    "   {\"classification\": \"nace2\", \"code\": \"C\", \"name_en\": \"Manufacturing\"},\n"
    "   {\"classification\": \"us-cmp\", \"code\": \"21\", \"type\": \"traded\"},\n"
    "   {\"classification\": \"us-cmp\", \"code\": \"22\", \"type\": \"local\"}],\n"
    " \"concordance\": [{\"classification\": \"nace2\", \"industry\": \"21.10\", "
    "\"scheme\": \"us-cmp\", \"category\": \"21\", \"source\": \"s\"}]}\n";

static void load(fixture *f)
{
    cs_import_stats s;
    if (cs_import_json_buffer(&s, f->store, base_json, strlen(base_json), "base.json", NULL))
        fail_msg("import: %s", cs_error_last());
    assert_int_equal(s.inserted[CS_KIND_CLASSIFICATIONS], 2);
    assert_int_equal(s.inserted[CS_KIND_INDUSTRIES], 5);
    assert_int_equal(s.inserted[CS_KIND_CONCORDANCE], 1);
}

static char *export_json(fixture *f, cs_store *store, const char *name)
{
    char *path = st_path(f->dir, name);
    if (cs_export(store, path, CS_EXPORT_JSON))
        fail_msg("export: %s", cs_error_last());
    char *text = st_read(path);
    free(path);
    return text;
}

/* Imports one CSV file written as NAME: the import's result, its message in `message`. */
static int import_csv(fixture *f, cs_store *store, const char *name, const char *text,
                      const char *kind)
{
    char *path = st_write(f->dir, name, text);
    const char *paths[] = { path };
    cs_import_options o = { .kind = kind };
    cs_import_stats s;
    int rc = cs_import_files(&s, store, paths, 1, kind ? &o : NULL);
    free(path);
    return rc;
}

static const char *message(fixture *f)
{
    /* messages name the file by its path: keep what follows the folder */
    const char *m = cs_error_last();
    size_t n = strlen(f->dir);
    return strncmp(m, f->dir, n) == 0 ? m + n + 1 : m;
}

static void test_round_trip(void **state)
{
    fixture *f = *state;
    load(f);
    char *csv = st_path(f->dir, "csv");
    assert_int_equal(cs_export(f->store, csv, CS_EXPORT_CSV), 0);
    char *p = st_path(csv, "regions.csv");
    char *regions = st_read(p);
    free(p);
    assert_string_equal(regions, "key,country,name_en,name_ru,parent,type,code\n"
                                 "de-be,DE,Berlin,,,state,DE-BE\n"
                                 "de-mitte,DE,Mitte,,de-be,municipality,\n"
                                 "fr-idf,FR,IdF,,,nuts1,FR-IDF\n");
    /* the store's region list hands the same columns over ("" where the file gave none) */
    cs_region_list *rl = NULL;
    assert_int_equal(cs_store_regions(&rl, f->store), 0);
    assert_int_equal(cs_region_list_count(rl), 3);
    const cs_region_info *be = cs_region_list_find(rl, "de-be");
    const cs_region_info *mitte = cs_region_list_find(rl, "de-mitte");
    assert_string_equal(be->code, "DE-BE");
    assert_string_equal(be->type, "state");
    assert_string_equal(be->parent, "");
    assert_string_equal(mitte->code, "");
    assert_string_equal(mitte->type, "municipality");
    assert_string_equal(mitte->parent, "de-be");
    assert_string_equal(cs_region_list_find(rl, "fr-idf")->code, "FR-IDF");
    cs_region_list_free(rl);
    p = st_path(csv, "industries.csv");
    char *industries = st_read(p);
    free(p);
    assert_string_equal(industries, "classification,code,name_en,name_ru,parent,type\n"
                                    "nace2,21,,,C,\n"
                                    "nace2,21.10,,,21,\n"
                                    "nace2,C,Manufacturing,,,\n"
                                    "us-cmp,21,,,,traded\n"
                                    "us-cmp,22,,,,local\n");
    p = st_path(csv, "classifications.csv");
    char *classifications = st_read(p);
    free(p);
    /* a classification without a kind is stored as an industry classification */
    assert_string_equal(classifications, "key,kind,name_en,name_ru,source,note\n"
                                         "nace2,industry,NACE Rev. 2,,,\n"
                                         "us-cmp,category,US clusters,,s,\n");
    /* the CSV files into another registry, and out again: the same JSON */
    cs_store *b = st_create(f->dir, "b.db");
    static const char *const kinds[] = { "sources",         "countries",  "regions",
                                         "classifications", "industries", "concordance" };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s.csv", kinds[i]);
        char *file = st_path(csv, name);
        const char *paths[] = { file };
        cs_import_stats s;
        if (cs_import_files(&s, b, paths, 1, NULL))
            fail_msg("%s: %s", name, cs_error_last());
        free(file);
    }
    char *x = export_json(f, f->store, "a.json"), *y = export_json(f, b, "b.json");
    assert_string_equal(x, y);
    assert_non_null(strstr(x, "{\"classification\": \"nace2\", \"industry\": \"21.10\", "
                              "\"scheme\": \"us-cmp\", \"category\": \"21\", \"source\": \"s\"}"));
    free(x);
    free(y);
    free(regions);
    free(industries);
    free(classifications);
    free(csv);
    cs_store_close(b);
}

typedef struct {
    const char *name, *text, *message;
} refusal;

static void test_refusals_store_nothing(void **state)
{
    fixture *f = *state;
    load(f);
    static const refusal bad[] = {
        { "regions.csv", "key,country,name_en,parent\na1,DE,A1,a2\na2,DE,A2,a1\n",
          "regions.csv:2:4: expected a parent chain without a cycle (a1 -> a2 -> a1), found "
          "\"a2\"" },
        { "regions.csv", "key,country,name_en,parent\nb1,DE,B1,b1\n",
          "regions.csv:2:4: expected a parent chain without a cycle (b1 -> b1), found \"b1\"" },
        { "regions.csv", "key,country,name_en,parent\nb1,DE,B1,fr-idf\n",
          "regions.csv:2:4: expected a parent region in the country of region b1, DE (fr-idf is "
          "in FR), found \"fr-idf\"" },
        { "regions.csv", "key,country,name_en,parent\nb1,DE,B1,nowhere\n",
          "regions.csv:2:4: expected the key of a region of DE (stored, or in this import), "
          "found \"nowhere\"" },
        { "regions.csv", "key,country,name_en,type\nb1,DE,B1,city\n",
          "regions.csv:2:4: expected one of federal_district|federal_subject|municipality|"
          "state|county|economic_area|metro_area|nuts1|nuts2|nuts3|custom in 'type', "
          "found \"city\"" },
        { "regions.csv", "key,country,name_en,code\nb1,DE,B1,DE-BE\n",
          "regions.csv:2:4: expected a code no other region has (region de-be has it), found "
          "\"DE-BE\"" },
        { "industries.csv", "classification,code\nnace9,X\n",
          "industries.csv:2:1: expected the key of a known classification (import it first or "
          "in the same import), found \"nace9\"" },
        { "industries.csv", "classification,code,parent\nnace2,22,X\nnace2,X,Y\n",
          "industries.csv:3:3: expected a code of classification nace2 (stored, or in this "
          "import), found \"Y\"" },
        { "industries.csv", "classification,code,parent\nnace2,X1,X2\nnace2,X2,X1\n",
          "industries.csv:2:3: expected a parent chain without a cycle (X1 -> X2 -> X1), found "
          "\"X2\"" },
        { "industries.csv", "classification,code,parent\nnace2,C,21.10\n",
          "industries.csv:2:3: expected a parent chain without a cycle (C -> 21.10 -> 21 -> C), "
          "found \"21.10\"" },
        { "industries.csv", "classification,code,type\nnace2,X,traded\n",
          "industries.csv:2:3: expected no type for a code of classification nace2 (of kind "
          "industry; traded and local are the types of a category), found \"traded\"" },
        { "concordance.csv",
          "classification,industry,scheme,category\nnace2,C,us-cmp,21\nnace2,21,us-cmp,21\n"
          "nace2,C,us-cmp,22\n",
          "concordance.csv:4:2: expected industry C mapped once in scheme us-cmp (line 2 maps "
          "it to 21), found it again" },
        { "concordance.csv", "classification,industry,scheme,category\nnace2,C,nace2,21\n",
          "concordance.csv:2:3: expected a scheme of cluster categories (a classification of "
          "kind category; nace2 is of kind industry), found \"nace2\"" },
        { "concordance.csv", "classification,industry,scheme,category\nnace2,C,us-cmp,99\n",
          "concordance.csv:2:4: expected a category of classification us-cmp, found \"99\"" },
        { "concordance.csv", "classification,industry,scheme,category\nnace2,C77,us-cmp,21\n",
          "concordance.csv:2:2: expected an industry of classification nace2, found \"C77\"" },
        { "statistics.csv",
          "region,classification,industry,year,measure,value\nde-be,nace2,C,2020,employment,1\n"
          "de-be,nace2,99.99,2020,employment,1\n",
          "statistics.csv:3:3: expected an industry of classification nace2, found \"99.99\"" },
        { "statistics.csv",
          "region,classification,industry,year,measure,value\nde-be,nace9,C,2020,employment,1\n",
          "statistics.csv:2:2: expected the key of a known classification (import it first or "
          "in the same import), found \"nace9\"" },
        { "statistics.csv", "region,industry,measure,2019,2020\nde-be,C,employment,1,-2\n",
          "statistics.csv:2:5: expected a value of at least 0, found \"-2\"" },
        { "statistics.csv",
          "region,year,measure,classification,C,99.99\nde-be,2020,employment,nace2,1,2\n",
          "statistics.csv:2:6: expected an industry of classification nace2, found \"99.99\"" },
        { "statistics.csv", "region,year,measure,C,D\nde-be,2020,employment,1,2\nxx,2020,e,,3\n",
          "statistics.csv:3:1: expected the key of a known region (import it first or in the "
          "same import), found \"xx\"" },
    };
    char *before = export_json(f, f->store, "before.json");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(import_csv(f, f->store, bad[i].name, bad[i].text, NULL), CS_EDATA);
        if (strcmp(message(f), bad[i].message) != 0)
            fail_msg("%zu: got\n%s\nexpected\n%s", i, message(f), bad[i].message);
        char *after = export_json(f, f->store, "after.json");
        assert_string_equal(after, before);
        free(after);
    }
    free(before);
}

/* The wide forms store what the long form stores; an empty cell stores no row. */
static void test_wide_form(void **state)
{
    fixture *f = *state;
    load(f);
    cs_store *wide = st_create(f->dir, "wide.db");
    cs_store *by_industry = st_create(f->dir, "by-industry.db");
    cs_import_stats s;
    assert_int_equal(cs_import_json_buffer(&s, wide, base_json, strlen(base_json), "b.json", NULL),
                     0);
    assert_int_equal(
        cs_import_json_buffer(&s, by_industry, base_json, strlen(base_json), "b.json", NULL), 0);
    assert_int_equal(import_csv(f, f->store, "long.csv",
                                "region,classification,industry,year,measure,value,source\n"
                                "de-be,nace2,C,2019,employment,10,s\n"
                                "de-be,nace2,C,2020,employment,11.5,s\n"
                                "de-be,nace2,21,2020,employment,3,s\n"
                                "de-mitte,nace2,21,2019,employment,0,s\n",
                                "statistics"),
                     0);
    assert_int_equal(import_csv(f, wide, "statistics.csv",
                                "region,classification,industry,measure,source,2019,2020\n"
                                "de-be,nace2,C,employment,s,10,11.5\n"
                                "de-be,nace2,21,employment,s,,3\n"
                                "de-mitte,nace2,21,employment,s,0, \n",
                                NULL),
                     0);
    assert_int_equal(import_csv(f, by_industry, "wide.csv",
                                "region,year,measure,C,21,classification,source\n"
                                "de-be,2019,employment,10,,nace2,s\n"
                                "de-be,2020,employment,11.5,3,nace2,s\n"
                                "de-mitte,2019,employment,,0,nace2,s\n",
                                "statistics"),
                     0);
    char *a = export_json(f, f->store, "long.json"), *b = export_json(f, wide, "wide.json"),
         *c = export_json(f, by_industry, "by-industry.json");
    assert_non_null(strstr(a, "\"value\": 11.5"));
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    free(a);
    free(b);
    free(c);
    cs_store_close(wide);
    cs_store_close(by_industry);
}

/* Into an empty statistic table (the bulk path) and into one that holds a row (the ordinary
 * path): the same rows stored, the same message for a key given twice. */
static void test_bulk_as_ordinary(void **state)
{
    fixture *f = *state;
    load(f);
    cs_store *b = st_create(f->dir, "b.db");
    cs_import_stats s;
    assert_int_equal(cs_import_json_buffer(&s, b, base_json, strlen(base_json), "b.json", NULL), 0);
    static const char one[] = "region,industry,measure,value\nfr-idf,Z,m,1\n";
    assert_int_equal(import_csv(f, b, "one.csv", one, "statistics"), 0);
    /* 5,000 rows: several of the writer thread's batches, the last one partial */
    size_t cap = 5000 * 48 + 64, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len, "region,industry,year,measure,value\n");
    for (int i = 0; i < 5000; i++)
        len += (size_t)snprintf(text + len, cap - len, "%s,i%04d,2020,employment,%d.%d\n",
                                i % 2 ? "de-be" : "de-mitte", i / 2, i, i % 10);
    assert_int_equal(import_csv(f, f->store, "many.csv", text, "statistics"), 0);
    assert_int_equal(import_csv(f, b, "many.csv", text, "statistics"), 0);
    assert_int_equal(import_csv(f, f->store, "one.csv", one, "statistics"), 0);
    char *x = export_json(f, f->store, "x.json"), *y = export_json(f, b, "y.json");
    assert_string_equal(x, y);
    assert_non_null(strstr(x, "{\"region\": \"de-mitte\", \"industry\": \"i2499\", \"year\": "
                              "2020, \"measure\": \"employment\", \"value\": 4998.8}"));
    free(x);
    free(y);
    /* a key twice: the same message on both paths, and nothing stored */
    static const char twice[] =
        "region,industry,year,measure,value\nde-be,k,2020,m,1\nde-be,l,2020,m,1\n"
        "de-be,k,2020,m,2\n";
    cs_store *empty = st_create(f->dir, "empty.db");
    assert_int_equal(cs_import_json_buffer(&s, empty, base_json, strlen(base_json), "b.json", NULL),
                     0);
    static const char *const expected =
        "twice.csv:4:4: expected a statistic key not used before in this import (first at line "
        "2: region de-be, classification (none), industry k, year 2020, measure m), found \"m\"";
    assert_int_equal(import_csv(f, empty, "twice.csv", twice, "statistics"), CS_EDATA);
    assert_string_equal(message(f), expected);
    assert_int_equal(import_csv(f, b, "twice.csv", twice, "statistics"), CS_EDATA);
    assert_string_equal(message(f), expected);
    char *e = export_json(f, empty, "e.json");
    assert_null(strstr(e, "\"statistics\""));
    free(e);
    free(text);
    cs_store_close(empty);
    cs_store_close(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_refusals_store_nothing, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_wide_form, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_bulk_as_ordinary, st_setup, st_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
