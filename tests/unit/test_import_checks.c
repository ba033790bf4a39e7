/*
 * What an import checks beyond the type of each value (issue 9): keys compared in one canonical
 * text, every value checked against the records in force when the import commits (definitions
 * and regions it changes included, stored records under them too), days that exist, numbers by
 * one rule and within what the registry reads back, Russian Excel's own forms where the file
 * makes them unambiguous (with a note of how they were read), one limit of membership files on
 * both paths, and a byte-order mark before JSON.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/classify.h"
#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "clusterscope/ingest.h"
#include "clusterscope/store.h"
#include "store_test_util.h"

#include <sqlite3.h>
#include <string.h>

enum { K_DEFS, K_SOURCES, K_COUNTRIES, K_REGIONS, K_CLUSTERS, K_ORGS, K_MEMBERSHIPS, K_FACTS };

static int import_json(cs_import_stats *stats, fixture *f, const char *json, const char *origin)
{
    return cs_import_json_buffer(stats, f->store, json, strlen(json), origin, NULL);
}

/* Writes NAME into the scratch folder and imports it alone. */
static int import_text(cs_import_stats *stats, fixture *f, const char *name, const char *text)
{
    char *path = st_write(f->dir, name, text);
    const char *paths[] = { path };
    int rc = cs_import_files(stats, f->store, paths, 1, NULL);
    free(path);
    return rc;
}

/* The message of the last error without the scratch folder in front of file names. */
static const char *message(const fixture *f)
{
    const char *m = cs_error_last();
    size_t n = strlen(f->dir);
    return strncmp(m, f->dir, n) == 0 && m[n] == '/' ? m + n + 1 : m;
}

static void expect_message(const fixture *f, const char *want)
{
    if (strcmp(message(f), want) != 0)
        fail_msg("message\n  \"%s\"\nexpected\n  \"%s\"", message(f), want);
}

static const char base_json[] =
    "{\"format\": \"clusterscope-registry\",\n"
    " \"sources\": [{\"key\": \"s\", \"title\": \"S\"}],\n"
    " \"countries\": [{\"code\": \"DE\", \"name_en\": \"Germany\"}, {\"code\": \"RU\", "
    "\"name_en\": \"Russia\"}],\n"
    " \"regions\": [{\"key\": \"bavaria\", \"country\": \"DE\", \"name_en\": \"Bavaria\"}, "
    "{\"key\": \"tatarstan\", \"country\": \"RU\", \"name_en\": \"Tatarstan\"}],\n"
    " \"clusters\": [{\"key\": \"c\", \"name_en\": \"C\", \"country\": \"DE\", \"region\": "
    "\"bavaria\"}, {\"key\": \"k\", \"name_en\": \"K\", \"country\": \"RU\"}]}\n";

static void import_base(fixture *f)
{
    cs_import_stats s;
    if (import_json(&s, f, base_json, "base.json"))
        fail_msg("base: %s", cs_error_last());
}

static long long n_facts(fixture *f)
{
    cs_store_counts n;
    assert_int_equal(cs_store_count(&n, f->store), 0);
    return n.facts;
}

/* Two spellings of one key are one key, and the message names the whole key. */
static void test_keys_are_canonical(void **state)
{
    fixture *f = *state;
    import_base(f);
    cs_import_stats s;
    static const char *const years[] = { "02019", "+2019", " 2019", "2019 ", "0002019" };
    for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
        char csv[256], want[400];
        snprintf(csv, sizeof csv,
                 "subject_kind,subject,fact,year,value,status,source\n"
                 "cluster,c,startups,2019,5,stated,s\ncluster,c,startups,\"%s\",7,stated,s\n",
                 years[i]);
        assert_int_equal(import_text(&s, f, "facts.csv", csv), CS_EDATA);
        snprintf(want, sizeof want,
                 "facts.csv:3:4: expected a fact key not used before in this import (first at "
                 "line 2: subject_kind cluster, subject c, fact startups, year 2019), found "
                 "\"%s\"",
                 years[i]);
        expect_message(f, want);
    }
    assert_int_equal(n_facts(f), 0);
    /* stored under its canonical year: a later spelling updates it */
    assert_int_equal(import_text(&s, f, "facts.csv",
                                 "subject_kind,subject,fact,year,value,status,source\n"
                                 "cluster,c,startups,02019,5,stated,s\n"),
                     0);
    assert_int_equal(import_text(&s, f, "facts.csv",
                                 "subject_kind,subject,fact,year,value,status,source\n"
                                 "cluster,c,startups,2019,5,stated,s\n"),
                     0);
    assert_int_equal(s.unchanged[K_FACTS], 1);

    /* the same in other kinds' keys: a reference type's number, a run's id */
    static const char types[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"reference_sets\": [{\"key\": \"r\", \"source\": \"s\", \"description\": \"D\", "
        "\"profile_method\": \"m\", \"document\": \"{}\"}],\n"
        " \"reference_types\": [{\"set_key\": \"r\", \"number\": 1, \"name_en\": \"One\", "
        "\"characteristics\": \"{}\"},\n"
        "   {\"set_key\": \"r\", \"number\": \"01\", \"name_en\": \"Again\", "
        "\"characteristics\": \"{}\"}]}\n";
    assert_int_equal(import_json(&s, f, types, "t.json"), CS_EDATA);
    assert_string_equal(cs_error_last(),
                        "t.json:4:31: expected a reference type key not used before in this "
                        "import (first at record 1: set_key r, number 1), found \"01\"");
    static const char runs[] =
        "{\"format\": \"clusterscope-registry\", \"assessment_runs\": [\n"
        "  {\"id\": 1, \"method_id\": \"m\", \"method_version\": \"1\", \"software_version\": "
        "\"0.1.0\", \"created\": \"2026-01-01T00:00:00Z\", \"items\": \"a\", \"indicators\": "
        "\"a\"},\n"
        "  {\"id\": \"+1\", \"method_id\": \"m\", \"method_version\": \"2\", \"software_version\": "
        "\"0.1.0\", \"created\": \"2026-01-01T00:00:00Z\", \"items\": \"a\", \"indicators\": "
        "\"a\"}]}\n";
    assert_int_equal(import_json(&s, f, runs, "runs.json"), CS_EDATA);
    assert_string_equal(cs_error_last(),
                        "runs.json:3:10: expected an assessment run key not used before in this "
                        "import (first at record 1), found \"+1\"");
}

/* Facts are read by the definitions in force when the import commits. */
static void test_definitions_in_force(void **state)
{
    fixture *f = *state;
    import_base(f);
    cs_import_stats s;
    /* a definition with no facts yet changes type, and a fact of the same import is read by the
     * new type: "5" is no bool */
    static const char changed[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"fact_definitions\": [{\"name\": \"awards\", \"subject_kind\": \"cluster\", "
        "\"type\": \"count\"}]}\n";
    assert_int_equal(import_json(&s, f, changed, "d.json"), 0);
    static const char to_bool[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"fact_definitions\": [{\"name\": \"awards\", \"subject_kind\": \"cluster\", "
        "\"type\": \"bool\"}],\n"
        " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"c\", \"fact\": \"awards\", "
        "\"value\": \"5\", \"status\": \"stated\", \"source\": \"s\"}]}\n";
    assert_int_equal(import_json(&s, f, to_bool, "d.json"), CS_EDATA);
    assert_string_equal(cs_error_last(), "d.json:3:83: expected true or false (yes/no, 1/0, "
                                         "да/нет, истина/ложь) for fact 'awards' (bool), found "
                                         "\"5\"");
    assert_int_equal(n_facts(f), 0);

    /* a stored fact that does not fit the new type refuses the change, naming it */
    static const char fact[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"c\", \"fact\": \"awards\", "
        "\"year\": 2019, \"value\": \"5\", \"status\": \"stated\", \"source\": \"s\"}]}\n";
    assert_int_equal(import_json(&s, f, fact, "f.json"), 0);
    static const char only_def[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"fact_definitions\": [{\"name\": \"awards\", \"subject_kind\": \"cluster\", "
        "\"type\": \"bool\"}]}\n";
    assert_int_equal(import_json(&s, f, only_def, "d.json"), CS_EDATA);
    assert_string_equal(cs_error_last(),
                        "d.json:2:77: expected a type and levels under which every fact "
                        "'awards' reads, as this import leaves the facts (cluster c, 2019: \"5\" "
                        "is not true or false (yes/no, 1/0, да/нет, истина/ложь)), found "
                        "\"bool\"");
    /* ... unless the same import replaces that fact with one that fits */
    static const char replaced[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"fact_definitions\": [{\"name\": \"awards\", \"subject_kind\": \"cluster\", "
        "\"type\": \"bool\"}],\n"
        " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"c\", \"fact\": \"awards\", "
        "\"year\": 2019, \"value\": \"true\", \"status\": \"stated\", \"source\": \"s\"}]}\n";
    assert_int_equal(import_json(&s, f, replaced, "d.json"), 0);
    assert_int_equal(s.updated[K_DEFS] + s.updated[K_FACTS], 2);
    /* a change every stored fact fits is no reason to refuse: bool to text */
    static const char to_text[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"fact_definitions\": [{\"name\": \"awards\", \"subject_kind\": \"cluster\", "
        "\"type\": \"text\"}]}\n";
    assert_int_equal(import_json(&s, f, to_text, "d.json"), 0);
    /* levels that no longer hold a stored value */
    static const char levels[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"fact_definitions\": [{\"name\": \"medal\", \"subject_kind\": \"cluster\", "
        "\"type\": \"level\", \"levels\": \"bronze|silver|gold\"}],\n"
        " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"k\", \"fact\": \"medal\", "
        "\"value\": \"silver\", \"status\": \"stated\", \"source\": \"s\"}]}\n";
    assert_int_equal(import_json(&s, f, levels, "l.json"), 0);
    static const char fewer[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"fact_definitions\": [{\"name\": \"medal\", \"subject_kind\": \"cluster\", "
        "\"type\": \"level\", \"levels\": \"bronze|gold\"}]}\n";
    assert_int_equal(import_json(&s, f, fewer, "l.json"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "l.json:2:95: expected a type and levels under which "
                                            "every fact 'medal' reads, as this import leaves the "
                                            "facts (cluster k, undated: \"silver\" is not one "
                                            "of the levels bronze|gold), found \"bronze|gold\""));

    /* what is stored reads back under the definitions stored: the registry's export imports */
    cs_factset *set = NULL;
    assert_int_equal(cs_factset_new(&set), 0);
    assert_int_equal(cs_store_load_facts(set, f->store, NULL, NULL, 0), 0);
    assert_int_equal(cs_factset_count(set), 2);
    cs_factset_free(set);
    char *path = st_path(f->dir, "export.json");
    assert_int_equal(cs_export(f->store, path, CS_EXPORT_JSON), 0);
    cs_store *again = st_create(f->dir, "again.db");
    const char *paths[] = { path };
    assert_int_equal(cs_import_files(&s, again, paths, 1, NULL), 0);
    cs_store_close(again);
    free(path);
}

/* A changed definition whose record fills the importer's list to its capacity (the list then
 * moves): what the change is measured against must not be read from where it was. */
static void test_definition_change_as_the_list_grows(void **state)
{
    fixture *f = *state;
    import_base(f);
    cs_import_stats s;
    static const char awards[] = "{\"format\": \"clusterscope-registry\", \"fact_definitions\": "
                                 "[{\"name\": \"awards\", \"subject_kind\": \"cluster\", "
                                 "\"type\": \"count\"}]}";
    assert_int_equal(import_json(&s, f, awards, "a.json"), 0);
    cs_fact_definitions *stored = NULL;
    assert_int_equal(cs_store_fact_definitions(&stored, f->store), 0);
    size_t n = cs_fact_definitions_count(stored);
    cs_fact_definitions_free(stored);
    assert_true(n < 64); /* the list grows from 64 */
    cs_buf b = CS_BUF_INIT;
    assert_int_equal(cs_buf_puts(&b, "{\"format\": \"clusterscope-registry\", "
                                     "\"fact_definitions\": ["),
                     0);
    for (size_t i = 0; i < 64 - n; i++)
        assert_int_equal(cs_buf_printf(&b,
                                       "{\"name\": \"filler_%zu\", \"subject_kind\": "
                                       "\"cluster\", \"type\": \"count\"}, ",
                                       i),
                         0);
    assert_int_equal(cs_buf_puts(&b, "{\"name\": \"awards\", \"subject_kind\": \"cluster\", "
                                     "\"type\": \"amount\"}]}"),
                     0);
    assert_int_equal(import_json(&s, f, b.data, "g.json"), 0);
    assert_int_equal(s.updated[K_DEFS], 1);
    cs_buf_free(&b);
}

/* A cluster's region lies in the cluster's country, as the import leaves both. */
static void test_region_of_the_cluster_country(void **state)
{
    fixture *f = *state;
    import_base(f);
    cs_import_stats s;
    assert_int_equal(
        import_text(&s, f, "clusters.csv", "key,name_en,country,region\nx,X,DE,tatarstan\n"),
        CS_EDATA);
    expect_message(f, "clusters.csv:2:4: expected a region of the cluster's country DE (region "
                      "tatarstan is in RU), found \"tatarstan\"");
    /* a region moved to another country while a stored cluster lies in it */
    assert_int_equal(import_text(&s, f, "regions.csv", "key,country,name_en\nbavaria,RU,B\n"),
                     CS_EDATA);
    expect_message(f, "regions.csv:2:2: expected the country of the clusters in region bavaria, "
                      "as this import leaves them (cluster c is in DE), found \"RU\"");
    /* moving the cluster along in the same import is fine */
    char *regions = st_write(f->dir, "regions.csv", "key,country,name_en\nbavaria,RU,B\n");
    char *clusters =
        st_write(f->dir, "clusters.csv", "key,name_en,country,region\nc,C,RU,bavaria\n");
    const char *both[] = { clusters, regions };
    assert_int_equal(cs_import_files(&s, f->store, both, 2, NULL), 0);
    free(regions);
    free(clusters);
    cs_cluster_list *list = NULL;
    assert_int_equal(cs_store_clusters(&list, f->store, "c"), 0);
    assert_string_equal(cs_cluster_list_at(list, 0)->country, "RU");
    cs_cluster_list_free(list);
}

/* Dates are days that exist: 29 February only in a leap year, in every date column. */
static void test_days_that_exist(void **state)
{
    fixture *f = *state;
    import_base(f);
    cs_import_stats s;
    static const char *const bad[] = { "2019-02-29", "1900-02-29", "2021-04-31", "2021-13",
                                       "2021-00-10" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char csv[128];
        snprintf(csv, sizeof csv, "key,title,date\nd,D,%s\n", bad[i]);
        assert_int_equal(import_text(&s, f, "sources.csv", csv), CS_EDATA);
        assert_non_null(strstr(message(f), "sources.csv:2:3: expected a date YYYY, YYYY-MM or "
                                           "YYYY-MM-DD in 'date'"));
    }
    assert_int_equal(
        import_text(&s, f, "sources.csv", "key,title,date\nd,D,2020-02-29\ne,E,2000-02-29\n"), 0);
    assert_int_equal(import_text(&s, f, "organisations.csv", "key,name,type\no,O,clinic\n"), 0);
    assert_int_equal(
        import_text(&s, f, "memberships.csv", "cluster,organisation,joined\nc,o,2023-02-29\n"),
        CS_EDATA);
    expect_message(f, "memberships.csv:2:3: expected a date YYYY, YYYY-MM or YYYY-MM-DD in "
                      "'joined' (a day that exists: 29 February only in a leap year), found "
                      "\"2023-02-29\"");
    static const char run[] =
        "{\"format\": \"clusterscope-registry\", \"assessment_runs\": [\n"
        "  {\"id\": 1, \"method_id\": \"m\", \"method_version\": \"1\", \"software_version\": "
        "\"0.1.0\", \"created\": \"2025-02-29T00:00:00Z\", \"items\": \"a\", \"indicators\": "
        "\"a\"}]}\n";
    assert_int_equal(import_json(&s, f, run, "run.json"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "expected a time YYYY-MM-DDTHH:MM:SSZ"));
}

/* Numbers by one rule: no hexadecimal, inf or nan; within what the registry reads back. */
static void test_numbers(void **state)
{
    fixture *f = *state;
    import_base(f);
    cs_import_stats s;
    static const char *const lat[] = { "0x10", "inf", "nan", "1e400", "-0x1p4", "16h" };
    for (size_t i = 0; i < sizeof lat / sizeof lat[0]; i++) {
        char csv[128], want[200];
        snprintf(csv, sizeof csv, "key,name_en,country,lat\nh,H,DE,%s\n", lat[i]);
        assert_int_equal(import_text(&s, f, "clusters.csv", csv), CS_EDATA);
        snprintf(want, sizeof want,
                 "clusters.csv:2:4: expected a latitude from -90 to 90 in 'lat', found \"%s\"",
                 lat[i]);
        expect_message(f, want);
    }
    /* spaces around a number are no part of it; it is stored as the number it is */
    assert_int_equal(
        import_text(&s, f, "clusters.csv",
                    "key,name_en,country,lat,lon,founded\nh,H,DE,\" 48.1 \",\"+11.50\","
                    "\"02001\"\n"),
        0);
    cs_cluster_list *list = NULL;
    assert_int_equal(cs_store_clusters(&list, f->store, "h"), 0);
    assert_true(cs_cluster_list_at(list, 0)->lat == 48.1);
    assert_true(cs_cluster_list_at(list, 0)->lon == 11.5);
    assert_int_equal(cs_cluster_list_at(list, 0)->founded, 2001);
    cs_cluster_list_free(list);

    /* a reference type number above 32 bits would read back wrong: refused */
    static const char big[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"reference_sets\": [{\"key\": \"r\", \"source\": \"s\", \"description\": \"D\", "
        "\"profile_method\": \"m\", \"document\": \"{}\", \"sample_size\": 3}],\n"
        " \"reference_types\": [{\"set_key\": \"r\", \"number\": 4294967297, \"name_en\": \"B\", "
        "\"characteristics\": \"{}\"}]}\n";
    assert_int_equal(import_json(&s, f, big, "big.json"), CS_EDATA);
    assert_string_equal(cs_error_last(), "big.json:3:49: expected a whole number from 1 to "
                                         "2147483647 in 'number', found \"4294967297\"");
    /* and where an older registry holds one, reading it is an error, not a wrong number */
    char *fixed = strdup(big);
    memcpy(strstr(fixed, "4294967297"), "        12", 10);
    assert_int_equal(import_json(&s, f, fixed, "big.json"), 0);
    free(fixed);
    char *db = st_path(f->dir, "reg.db");
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(raw, "UPDATE reference_type SET number = 4294967297", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);
    free(db);
    cs_reference_set *ref = NULL;
    assert_int_equal(cs_store_reference_load(&ref, f->store, "r", NULL), CS_EDATA);
    assert_string_equal(cs_error_last(), "the registry holds a reference type number 4294967297, "
                                         "beyond the 2147483647 the program reads (import "
                                         "refuses such numbers; correct the record)");
    assert_null(ref);
    /* ids and seeds keep 63 bits */
    static const char run[] =
        "{\"format\": \"clusterscope-registry\", \"assessment_runs\": [\n"
        "  {\"id\": 9007199254740993, \"method_id\": \"m\", \"method_version\": \"1\", "
        "\"software_version\": \"0.1.0\", \"created\": \"2026-01-01T00:00:00Z\", \"items\": "
        "\"a\", \"indicators\": \"a\"}]}\n";
    assert_int_equal(import_json(&s, f, run, "run.json"), 0);
}

/* Russian Excel's forms where the file makes them unambiguous, with a note of how they were
 * read; in a comma-delimited file a comma is no decimal separator. */
static void test_russian_forms(void **state)
{
    fixture *f = *state;
    import_base(f);
    cs_import_stats s;
    assert_int_equal(import_text(&s, f, "clusters.csv",
                                 "key;name_en;country;lat;lon\r\nmsk;Moscow;RU;55,75;37,62\r\n"
                                 "kzn;Kazan;RU;55,79;49,12\r\n"),
                     0);
    assert_int_equal(s.n_notes, 2);
    assert_string_equal(s.notes[0] + strlen(f->dir) + 1,
                        "clusters.csv:2:4: read \"55,75\" as 55.75 (a decimal comma) (and 1 "
                        "more value of this column)");
    assert_string_equal(s.notes[1] + strlen(f->dir) + 1,
                        "clusters.csv:2:5: read \"37,62\" as 37.62 (a decimal comma) (and 1 "
                        "more value of this column)");
    cs_cluster_list *list = NULL;
    assert_int_equal(cs_store_clusters(&list, f->store, "msk"), 0);
    assert_true(cs_cluster_list_at(list, 0)->lat == 55.75);
    cs_cluster_list_free(list);
    /* a tab-delimited file, dates day.month.year */
    assert_int_equal(import_text(&s, f, "sources.csv", "key\ttitle\tdate\nr\tR\t31.12.2019\n"), 0);
    assert_int_equal(s.n_notes, 1);
    assert_string_equal(s.notes[0] + strlen(f->dir) + 1,
                        "sources.csv:2:3: read \"31.12.2019\" as 2019-12-31 (day.month.year)");
    assert_int_equal(import_text(&s, f, "sources.csv", "key;title;date\nq;Q;29.02.2019\n"),
                     CS_EDATA);
    /* Excel's ИСТИНА and ЛОЖЬ in a bool fact */
    assert_int_equal(import_text(&s, f, "facts.csv",
                                 "subject_kind;subject;fact;value;status;source\n"
                                 "cluster;msk;public_body_collaboration;ИСТИНА;stated;s\n"
                                 "cluster;kzn;public_body_collaboration;ЛОЖЬ;stated;s\n"),
                     0);
    assert_string_equal(s.notes[0] + strlen(f->dir) + 1,
                        "facts.csv:2:4: read \"ИСТИНА\" as true (and 1 more value of this "
                        "column)");
    /* in a comma-delimited file (and in JSON) a comma is no decimal separator */
    assert_int_equal(
        import_text(&s, f, "clusters.csv", "key,name_en,country,lat\nx,X,RU,\"55,75\"\n"),
        CS_EDATA);
    expect_message(
        f, "clusters.csv:2:4: expected a latitude from -90 to 90 in 'lat' (a decimal "
           "comma is read in a file delimited by ';' or tab, or in Windows-1251), found \"55,75\"");
    assert_int_equal(import_text(&s, f, "sources.csv", "key,title,date\nq,Q,31.12.2019\n"),
                     CS_EDATA);
    expect_message(
        f, "sources.csv:2:3: expected a date YYYY, YYYY-MM or YYYY-MM-DD in 'date' "
           "(DD.MM.YYYY is read in a file delimited by ';' or tab, or in Windows-1251), found "
           "\"31.12.2019\"");
    static const char json[] = "{\"format\": \"clusterscope-registry\", \"clusters\": [\n"
                               "  {\"key\": \"x\", \"name_en\": \"X\", \"country\": \"RU\", "
                               "\"lat\": \"55,75\"}]}\n";
    assert_int_equal(import_json(&s, f, json, "c.json"), CS_EDATA);
    /* plain values make no note */
    assert_int_equal(import_text(&s, f, "clusters.csv", "key;name_en;country;lat\ny;Y;RU;55.5\n"),
                     0);
    assert_int_equal(s.n_notes, 0);
}

/* At most 64 membership files in one import, whether the table was empty or not. */
static void test_membership_files(void **state)
{
    fixture *f = *state;
    import_base(f);
    cs_import_stats s;
    char orgs[4096] = "key,name,type\n", *paths[65];
    for (int i = 0; i < 65; i++) {
        char name[64], text[64];
        snprintf(name, sizeof name, "o%d,O,clinic\n", i);
        strcat(orgs, name);
        snprintf(name, sizeof name, "memberships.%02d.csv", i);
        snprintf(text, sizeof text, "cluster,organisation\nc,o%d\n", i);
        paths[i] = st_write(f->dir, name, text);
    }
    assert_int_equal(import_text(&s, f, "organisations.csv", orgs), 0);
    for (int empty = 1; empty >= 0; empty--) {
        assert_int_equal(cs_import_files(&s, f->store, (const char *const *)paths, 65, NULL),
                         CS_EDATA);
        assert_non_null(strstr(message(f), "memberships.64.csv:2: expected memberships from at "
                                           "most 64 files in one import (whether or not the "
                                           "registry holds memberships already), found"));
        if (empty) /* now the table holds one: the other path */
            assert_int_equal(cs_import_files(&s, f->store, (const char *const *)paths, 1, NULL), 0);
    }
    for (int i = 0; i < 65; i++)
        free(paths[i]);
}

/* A UTF-8 byte-order mark before a registry document, as before CSV and method files. */
static void test_byte_order_mark(void **state)
{
    fixture *f = *state;
    cs_import_stats s;
    static const char json[] = "\xEF\xBB\xBF{\"format\": \"clusterscope-registry\", "
                               "\"countries\": [{\"code\": \"FR\", \"name_en\": \"France\"}]}\n";
    assert_int_equal(import_text(&s, f, "countries.json", json), 0);
    assert_int_equal(s.inserted[K_COUNTRIES], 1);
    assert_int_equal(import_json(&s, f, json, "buffer.json"), 0);
    assert_int_equal(s.unchanged[K_COUNTRIES], 1);
    cs_fact_definitions *defs = NULL;
    static const char doc[] = "\xEF\xBB\xBF{\"format\": \"clusterscope-registry\", "
                              "\"fact_definitions\": []}";
    assert_int_equal(cs_fact_definitions_parse(&defs, doc, strlen(doc), "d.json"), 0);
    cs_fact_definitions_free(defs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keys_are_canonical, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_definitions_in_force, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_definition_change_as_the_list_grows, st_setup,
                                        st_teardown),
        cmocka_unit_test_setup_teardown(test_region_of_the_cluster_country, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_days_that_exist, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_numbers, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_russian_forms, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_membership_files, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_byte_order_mark, st_setup, st_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
