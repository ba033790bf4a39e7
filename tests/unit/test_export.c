/*
 * Export and the round trip: the bundled data, its reference types, an assessment run and a
 * partition made through the public API, exported as JSON and as CSV and imported into new
 * registries, give the same registry (the exports are byte-identical and every table holds as
 * many rows); runs and partitions keep their ids where they are free, and where one is taken the
 * records that refer to it follow it to its new id. Texts come back byte for byte through both
 * formats, whatever they hold: spaces and tabs around them, control bytes, quotes, line breaks,
 * and what a spreadsheet would take for a formula (export writes no guard).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/classify.h"
#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/method.h"
#include "clusterscope/service.h"
#include "clusterscope/store.h"
#include "registry/record.h"
#include "store/records.h"
#include "store_test_util.h"

#include <glob.h>
#include <jansson.h>
#include <string.h>

typedef struct {
    char *dir;
    cs_store *store; /* the bundled data, assessed and classified */
    char *json;      /* its JSON export */
} export_fixture;

static void import_glob(cs_store *store, const char *const *patterns, size_t n_patterns)
{
    glob_t g = { 0 };
    for (size_t i = 0; i < n_patterns; i++)
        assert_int_equal(glob(patterns[i], i ? GLOB_APPEND : 0, NULL, &g), 0);
    cs_import_stats stats;
    if (cs_import_files(&stats, store, (const char *const *)g.gl_pathv, g.gl_pathc, NULL))
        fail_msg("importing %s: %s", patterns[0], cs_error_last());
    globfree(&g);
}

static char *export_json(const export_fixture *f, cs_store *store, const char *name)
{
    char *path = st_path(f->dir, name);
    if (cs_export(store, path, CS_EXPORT_JSON))
        fail_msg("exporting: %s", cs_error_last());
    char *text = st_read(path);
    free(path);
    return text;
}

static int setup(void **state)
{
    export_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->store = st_create(f->dir, "a.db");
    static const char *const data[] = { "data/*.json", "data/reference/reference-groups.json" };
    import_glob(f->store, data, 2);
    /* regional statistics (migration 0010), one with its source and status, one of a
     * classification with its hierarchy and concordance (migration 0011) */
    static const char stats[] =
        "{\"format\": \"clusterscope-registry\", "
        "\"classifications\": [{\"key\": \"nace2\", \"name_en\": \"NACE Rev. 2\"}, "
        "{\"key\": \"us-cmp\", \"kind\": \"category\", \"name_en\": \"US clusters\", "
        "\"name_ru\": \"Кластеры США\", \"source\": \"hse-2019\", \"note\": \"51 traded\"}], "
        "\"industries\": [{\"classification\": \"nace2\", \"code\": \"C21\", \"parent\": \"C\", "
        "\"name_en\": \"Pharmaceuticals\"}, {\"classification\": \"nace2\", \"code\": \"C\"}, "
        "{\"classification\": \"us-cmp\", \"code\": \"21\", \"type\": \"traded\"}], "
        "\"concordance\": [{\"classification\": \"nace2\", \"industry\": \"C21\", "
        "\"scheme\": \"us-cmp\", \"category\": \"21\", \"source\": \"hse-2019\"}], "
        "\"statistics\": ["
        "{\"region\": \"de-berlin-brandenburg\", \"classification\": \"nace2\", "
        "\"industry\": \"C21\", \"year\": 2020, \"measure\": \"employment\", \"value\": 7}, "
        "{\"region\": \"de-berlin-brandenburg\", \"industry\": \"C21\", \"year\": 2020, "
        "\"measure\": \"employment\", \"value\": 1234.5, \"source\": \"hse-2019\", "
        "\"status\": \"estimated\"}, "
        "{\"region\": \"de-berlin-brandenburg\", \"industry\": \"C26\", "
        "\"measure\": \"patents\", \"value\": 0}]}";
    cs_import_stats is;
    if (cs_import_json_buffer(&is, f->store, stats, strlen(stats), "stats.json", NULL))
        fail_msg("importing statistics: %s", cs_error_last());
    /* cluster development (migration 0012): a record of every kind, on a bundled cluster and
     * two of its members; amounts, dates, a label's levels, texts in Russian */
    static const char dev[] =
        "{\"format\": \"clusterscope-registry\", "
        "\"programmes\": [{\"key\": \"pilot-itc\", \"kind\": \"support\", \"name_en\": "
        "\"Pilot innovative territorial clusters\", \"name_ru\": \"Пилотные ИТК\", "
        "\"operator\": \"Ministry of Economic Development\", \"country\": \"DE\", "
        "\"started\": 2012, \"ended\": 2017, \"budget\": 5000000000.5, \"currency\": "
        "\"RUB\", \"url\": \"https://example.org\", \"source\": \"hse-2019\", \"locator\": "
        "\"l. 3\", \"quote\": \"«25 pilot clusters»\", \"note\": \"n\"}, "
        "{\"key\": \"esca\", \"kind\": \"label\", \"name_en\": \"ESCA label\", "
        "\"levels\": \"bronze|silver|gold\"}], "
        "\"programme_rounds\": [{\"programme\": \"pilot-itc\", \"round\": \"2013\", "
        "\"year\": 2013, \"budget\": 2500000000, \"requested\": 2700000000, \"awarded\": "
        "2500000000, \"applications\": 25, \"awards\": 25, \"status\": \"stated\", "
        "\"source\": \"hse-2019\", \"locator\": \"l. 9\", \"quote\": \"q\", \"note\": \"n\"}], "
        "\"round_shares\": [{\"programme\": \"pilot-itc\", \"round\": \"2013\", "
        "\"specialisation\": \"biomedical\", \"clusters\": 6, \"requested\": 700000000, "
        "\"awarded\": 680000000, \"status\": \"stated\", \"source\": \"hse-2019\", "
        "\"locator\": \"l. 10\", \"quote\": \"q\", \"note\": \"n\"}], "
        "\"applications\": [{\"programme\": \"pilot-itc\", \"round\": \"2013\", "
        "\"cluster\": \"healthcapital-berlin-brandenburg\", \"requested\": 150.25, "
        "\"awarded\": 0, \"decision\": \"refused\", \"status\": \"estimated\", "
        "\"source\": \"hse-2019\", \"locator\": \"l\", \"quote\": \"q\", \"note\": \"n\"}], "
        "\"listings\": [{\"programme\": \"esca\", \"cluster\": "
        "\"healthcapital-berlin-brandenburg\", \"entered\": \"2016-03\", \"left_on\": "
        "\"2019-03-26\", \"level\": \"silver\", \"decision\": \"No 1\", \"status\": "
        "\"stated\", \"source\": \"hse-2019\", \"locator\": \"l\", \"quote\": \"q\", "
        "\"note\": \"n\"}], "
        "\"targets\": [{\"cluster\": \"healthcapital-berlin-brandenburg\", \"name\": "
        "\"organisation_count\", \"year\": 2025, \"value\": \"300\", \"baseline_year\": "
        "2019, \"status\": \"stated\", \"source\": \"hse-2019\", \"locator\": \"l\", "
        "\"quote\": \"q\", \"note\": \"n\"}, {\"cluster\": \"healthcapital-berlin-brandenburg\", "
        "\"name\": \"startups\", \"value\": \">10\", \"source\": \"hse-2019\"}], "
        "\"chain_stages\": [{\"cluster\": \"healthcapital-berlin-brandenburg\", \"stage\": "
        "\"research\", \"position\": 1, \"name_en\": \"Research\", \"name_ru\": "
        "\"Исследования\", \"source\": \"hse-2019\", \"locator\": \"l\", \"quote\": \"q\", "
        "\"note\": \"n\"}, {\"cluster\": \"healthcapital-berlin-brandenburg\", \"stage\": "
        "\"care\", \"position\": 2}], "
        "\"projects\": [{\"key\": \"hc-trials\", \"cluster\": "
        "\"healthcapital-berlin-brandenburg\", \"name_en\": \"Trials\", \"name_ru\": "
        "\"Испытания\", \"started\": 2015, \"ended\": 2018, \"participants\": 11, "
        "\"stages\": 2, \"outcome\": \"new products\", \"status\": \"stated\", \"source\": "
        "\"hse-2019\", \"locator\": \"l\", \"quote\": \"q\", \"note\": \"n\"}], "
        "\"project_members\": [{\"project\": \"hc-trials\", \"organisation\": \"charite\", "
        "\"role\": \"anchor\", \"stage\": \"research\", \"source\": \"hse-2019\", "
        "\"locator\": \"l\", \"quote\": \"q\", \"note\": \"n\"}, {\"project\": "
        "\"hc-trials\", \"organisation\": \"vivantes\"}], "
        "\"project_stages\": [{\"project\": \"hc-trials\", \"stage\": \"research\", "
        "\"source\": \"hse-2019\"}, {\"project\": \"hc-trials\", \"stage\": \"care\"}], "
        "\"links\": [{\"cluster\": \"healthcapital-berlin-brandenburg\", \"source_org\": "
        "\"charite\", \"target_org\": \"vivantes\", \"kind\": \"research\", \"project\": "
        "\"hc-trials\", \"year\": 2016, \"weight\": 0.25, \"status\": \"derived\", "
        "\"source\": \"hse-2019\", \"locator\": \"l\", \"quote\": \"q\", \"note\": \"n\"}, "
        "{\"cluster\": \"healthcapital-berlin-brandenburg\", \"source_org\": \"vivantes\", "
        "\"target_org\": \"charite\", \"kind\": \"supply\", \"source\": \"hse-2019\"}]}";
    if (cs_import_json_buffer(&is, f->store, dev, strlen(dev), "dev.json", NULL))
        fail_msg("importing development records: %s", cs_error_last());
    assert_int_equal(is.inserted[CS_KIND_LINKS], 2);
    /* news and the digest (migration 0013): a record of every kind, every column of an item */
    static const char news[] =
        "{\"format\": \"clusterscope-registry\", "
        "\"news\": [{\"key\": \"hc-2019\", \"kind\": \"publication\", \"date\": "
        "\"2019-12-05\", \"lang\": \"ru\", \"title\": \"Заголовок\", \"title_en\": \"Title\", "
        "\"title_ru\": \"Заголовок\", \"lead\": \"l\", \"body\": \"a\\n\\n### b\\n\\nc\", "
        "\"box\": \"x\", \"summary_en\": \"s\", \"summary_ru\": \"с\", \"series\": \"E\", "
        "\"series_number\": 3, \"file_url\": \"https://example.org/f.pdf\", \"file_format\": "
        "\"pdf\", \"file_bytes\": 2048, \"outlet\": \"HSE\", \"url\": \"https://example.org\", "
        "\"source\": \"hse-2019\", \"locator\": \"p. 2\", \"quote\": \"q\", \"note\": \"n\"}, "
        "{\"key\": \"hc-talk\", \"kind\": \"interview\", \"date\": \"2019\", \"lang\": "
        "\"en\", \"title\": \"Talk\", \"outlet\": \"HSE\", \"source\": \"hse-2019\"}], "
        "\"news_qa\": [{\"item\": \"hc-talk\", \"position\": 1, \"question\": \"Q?\", "
        "\"answer\": \"A.\"}], "
        "\"news_links\": [{\"item\": \"hc-2019\", \"target_kind\": \"cluster\", "
        "\"target_key\": \"healthcapital-berlin-brandenburg\"}, {\"item\": \"hc-talk\", "
        "\"target_kind\": \"organisation\", \"target_key\": \"charite\"}], "
        "\"digests\": [{\"number\": 12, \"month\": \"2019-12\", \"publisher\": \"A|B\", "
        "\"title_ru\": \"Т\", \"title_en\": \"T\", \"subtitle_ru\": \"П\", \"subtitle_en\": "
        "\"S\", \"source\": \"hse-2019\", \"locator\": \"p. 1\", \"note\": \"n\"}], "
        "\"digest_texts\": [{\"issue\": 12, \"part\": \"about\", \"lang\": \"ru\", \"text\": "
        "\"О нас\"}], "
        "\"digest_entries\": [{\"issue\": 12, \"position\": 1, \"item\": \"hc-2019\"}, "
        "{\"issue\": 12, \"position\": 2, \"item\": \"hc-talk\"}]}";
    if (cs_import_json_buffer(&is, f->store, news, strlen(news), "news.json", NULL))
        fail_msg("importing news records: %s", cs_error_last());
    assert_int_equal(is.inserted[CS_KIND_DIGEST_ENTRIES], 2);
    /* an assessment run and a partition labelled by the reference types */
    cs_method *m = NULL;
    cs_classify_run *run = NULL;
    cs_reference_set *ref = NULL;
    cs_classification *c = NULL;
    cs_classify_options opts;
    cs_classify_options_init(&opts);
    long long id = 0;
    /* the use case `clusterscope classify` runs, through the service on the same file */
    char *path = st_path(f->dir, "a.db");
    cs_service *svc = NULL;
    if (cs_service_open(&svc, path, CS_SERVICE_WRITE) ||
        cs_method_load_builtin(&m, "hse-biomedical-2019") ||
        cs_service_load_run(&run, svc, m, 0, 1) ||
        cs_service_load_reference(&ref, svc, NULL, cs_method_id(m)) ||
        cs_classify(&c, m, run->objects, run->n, ref, &opts) ||
        cs_service_save_partition(&id, svc, c, run))
        fail_msg("assessing and classifying: %s", cs_error_last());
    cs_service_close(svc);
    free(path);
    assert_true(run->assessed_now);
    assert_int_equal(id, 1);
    cs_classification_free(c);
    cs_reference_free(ref);
    cs_classify_run_free(run);
    cs_method_free(m);
    f->json = export_json(f, f->store, "a.json");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    export_fixture *f = *state;
    cs_store_close(f->store);
    free(f->json);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

static void assert_same_counts(cs_store *a, cs_store *b)
{
    cs_store_counts na, nb;
    assert_int_equal(cs_store_count(&na, a), 0);
    assert_int_equal(cs_store_count(&nb, b), 0);
    assert_int_equal(nb.sources, na.sources);
    assert_int_equal(nb.countries, na.countries);
    assert_int_equal(nb.regions, na.regions);
    assert_int_equal(nb.clusters, na.clusters);
    assert_int_equal(nb.organisations, na.organisations);
    assert_int_equal(nb.memberships, na.memberships);
    assert_int_equal(nb.facts, na.facts);
    assert_int_equal(nb.fact_definitions, na.fact_definitions);
    assert_int_equal(nb.assessment_runs, na.assessment_runs);
    assert_int_equal(nb.assessment_scores, na.assessment_scores);
    assert_int_equal(nb.reference_sets, na.reference_sets);
    assert_int_equal(nb.reference_types, na.reference_types);
    assert_int_equal(nb.reference_traits, na.reference_traits);
    assert_int_equal(nb.reference_assignments, na.reference_assignments);
    assert_int_equal(nb.partitions, na.partitions);
    assert_int_equal(nb.partition_groups, na.partition_groups);
    assert_int_equal(nb.partition_members, na.partition_members);
    assert_int_equal(nb.assessment_out_of_scope, na.assessment_out_of_scope);
    assert_memory_equal(&na, &nb, sizeof na);
}

static void test_export_holds_every_kind(void **state)
{
    export_fixture *f = *state;
    cs_store_counts n;
    assert_int_equal(cs_store_count(&n, f->store), 0);
    /* the registry under test has something of every kind */
    assert_true(
        n.sources > 0 && n.regions > 0 && n.clusters > 0 && n.organisations > 0 &&
        n.memberships > 0 && n.facts > 0 && n.reference_sets == 1 && n.reference_types == 3 &&
        n.reference_traits > 0 && n.reference_assignments == n.clusters && n.assessment_runs == 1 &&
        n.assessment_out_of_scope > 0 &&
        n.assessment_scores + n.assessment_out_of_scope == n.clusters && n.partitions == 1 &&
        n.partition_groups > 1 && n.partition_members == n.assessment_scores);
    static const char *const kinds[] = {
        "\"fact_definitions\": [",
        "\"sources\": [",
        "\"countries\": [",
        "\"regions\": [",
        "\"clusters\": [",
        "\"organisations\": [",
        "\"memberships\": [",
        "\"facts\": [",
        "\"reference_sets\": [",
        "\"reference_types\": [",
        "\"reference_traits\": [",
        "\"reference_assignments\": [",
        "\"assessment_runs\": [",
        "\"assessment_scores\": [",
        "\"partitions\": [",
        "\"partition_groups\": [",
        "\"partition_members\": [",
        "\"assessment_out_of_scope\": [",
        "\"classifications\": [",
        "\"industries\": [",
        "\"concordance\": [",
        "\"statistics\": [",
        "\"programmes\": [",
        "\"programme_rounds\": [",
        "\"round_shares\": [",
        "\"applications\": [",
        "\"listings\": [",
        "\"targets\": [",
        "\"chain_stages\": [",
        "\"projects\": [",
        "\"project_members\": [",
        "\"project_stages\": [",
        "\"links\": [",
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strstr(f->json, kinds[i]))
            fail_msg("the export has no %s", kinds[i]);
    assert_non_null(strstr(f->json, "{\"region\": \"de-berlin-brandenburg\", \"industry\": "
                                    "\"C21\", \"year\": 2020, \"measure\": \"employment\", "
                                    "\"value\": 1234.5, \"source\": \"hse-2019\", "
                                    "\"status\": \"estimated\"}"));
    /* amounts and counts as numbers, an undated target without a year */
    assert_non_null(strstr(f->json, "\"budget\": 5000000000.5, \"currency\": \"RUB\""));
    assert_non_null(strstr(f->json, "{\"cluster\": \"healthcapital-berlin-brandenburg\", "
                                    "\"name\": \"startups\", \"value\": \">10\", "
                                    "\"source\": \"hse-2019\"}"));
    /* ids and times as stored; numbers as numbers */
    assert_non_null(strstr(f->json, "\"assessment_runs\": [\n    {\"id\": 1, \"method_id\": "
                                    "\"hse-biomedical-2019\""));
    assert_non_null(strstr(f->json, "\"partitions\": [\n    {\"id\": 1, \"created\": \""));
    assert_non_null(strstr(f->json, "\"assessment_run\": 1, "));
    /* CSV writes a folder, never standard output: the advice says to name one */
    assert_int_equal(cs_export(f->store, "-", CS_EXPORT_CSV), CS_EUSAGE);
    assert_int_equal(cs_error_advice(), CS_ADVICE_OUTPUT_FOLDER);
    assert_null(strstr(cs_error_last(), "-o"));
}

static void test_round_trip_json(void **state)
{
    export_fixture *f = *state;
    cs_store *b = st_create(f->dir, "b.db");
    char *path = st_path(f->dir, "a.json");
    cs_import_stats s;
    const char *paths[] = { path };
    assert_int_equal(cs_import_files(&s, b, paths, 1, NULL), 0);
    char *again = export_json(f, b, "b.json");
    assert_string_equal(again, f->json);
    assert_same_counts(f->store, b);
    /* and importing it once more changes nothing */
    assert_int_equal(cs_import_files(&s, b, paths, 1, NULL), 0);
    for (int k = 0; k < CS_IMPORT_KINDS; k++) {
        assert_int_equal(s.inserted[k], 0);
        assert_int_equal(s.updated[k], 0);
    }
    free(again);
    free(path);
    cs_store_close(b);
}

static void test_round_trip_csv(void **state)
{
    export_fixture *f = *state;
    char *csv = st_path(f->dir, "csv");
    assert_int_equal(cs_export(f->store, csv, CS_EXPORT_CSV), 0);
    cs_store *c = st_create(f->dir, "c.db");
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/*.csv", csv);
    const char *patterns[] = { pattern };
    import_glob(c, patterns, 1);
    char *again = export_json(f, c, "c.json");
    assert_string_equal(again, f->json);
    assert_same_counts(f->store, c);
    /* the CSV files come out the same too */
    char *csv2 = st_path(f->dir, "csv2");
    assert_int_equal(cs_export(c, csv2, CS_EXPORT_CSV), 0);
    glob_t g = { 0 };
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    assert_int_equal(g.gl_pathc, CS_IMPORT_KINDS); /* one file per kind */
    for (size_t i = 0; i < g.gl_pathc; i++) {
        char *other = st_path(csv2, strrchr(g.gl_pathv[i], '/') + 1);
        char *x = st_read(g.gl_pathv[i]), *y = st_read(other);
        assert_string_equal(x, y);
        free(x);
        free(y);
        free(other);
    }
    globfree(&g);
    free(again);
    free(csv);
    free(csv2);
    cs_store_close(c);
}

/* A registry whose run 1 is another run: the imported run 1 takes the next id, and the scores
 * and the partition that name it follow; the imported partition keeps id 1, free there. */
static void test_taken_ids_are_mapped(void **state)
{
    export_fixture *f = *state;
    cs_store *d = st_create(f->dir, "d.db");
    static const char other[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"sources\": [{\"key\": \"s\", \"title\": \"S\"}],\n"
        " \"countries\": [{\"code\": \"DE\", \"name_en\": \"Germany\"}],\n"
        " \"clusters\": [{\"key\": \"x\", \"name_en\": \"X\", \"country\": \"DE\"}],\n"
        " \"assessment_runs\": [{\"id\": 1, \"method_id\": \"m\", \"method_version\": \"1\", "
        "\"software_version\": \"0.0.1\", \"created\": \"2020-01-02T03:04:05Z\", \"items\": "
        "\"a,b\", \"indicators\": \"a\"}],\n"
        " \"assessment_scores\": [{\"run_id\": 1, \"cluster_key\": \"x\", \"items\": \"1?\", "
        "\"indicators\": \"1\", \"total\": 1, \"known\": 1}]}\n";
    cs_import_stats s;
    assert_int_equal(cs_import_json_buffer(&s, d, other, strlen(other), "other.json", NULL), 0);
    char *path = st_path(f->dir, "a.json");
    const char *paths[] = { path };
    assert_int_equal(cs_import_files(&s, d, paths, 1, NULL), 0);
    assert_int_equal(s.inserted[CS_KIND_ASSESSMENT_RUNS], 1); /* assessment_runs */
    char *json = export_json(f, d, "d.json");
    assert_non_null(strstr(json, "\"assessment_runs\": [\n    {\"id\": 1, \"method_id\": \"m\""));
    assert_non_null(strstr(json, "},\n    {\"id\": 2, \"method_id\": \"hse-biomedical-2019\""));
    assert_non_null(strstr(json, "\"partitions\": [\n    {\"id\": 1, "));
    assert_non_null(strstr(json, "\"assessment_run\": 2, "));
    assert_null(strstr(json, "\"assessment_run\": 1, "));
    assert_non_null(strstr(json, "{\"run_id\": 1, \"cluster_key\": \"x\""));
    assert_non_null(strstr(json, "{\"run_id\": 2, \"cluster_key\": \"biocom\""));
    cs_store_counts na, nd;
    assert_int_equal(cs_store_count(&na, f->store), 0);
    assert_int_equal(cs_store_count(&nd, d), 0);
    assert_int_equal(nd.assessment_runs, 2);
    assert_int_equal(nd.assessment_scores, na.assessment_scores + 1);
    /* the same import again finds the run where it went: nothing new */
    assert_int_equal(cs_import_files(&s, d, paths, 1, NULL), 0);
    for (int k = 0; k < CS_IMPORT_KINDS; k++)
        assert_int_equal(s.inserted[k] + s.updated[k], 0);
    free(json);
    free(path);
    cs_store_close(d);
}

/* Texts a round trip must keep byte for byte. */
static const char *const hostile[] = {
    "\t lead and trail \t",
    "  spaces  ",
    "\ttab first",
    "tab last\t",
    " \t ",
    "Evil\033[31mRed\033[0m",
    "say \"hi\"",
    "\"",
    "two\nlines",
    "cr\ronly and crlf\r\n",
    "=cmd|' /C calc'!A0",
    "'quoted",
    "-1+2",
    "+1",
    "@SUM(A1)",
    "a;b\tc,d",
    "back\\slash \001\177",
    "\"=1\", \"\"",
    "\xd0\x9c\xd0\xb5\xd0\xb4 \t",
};
#define N_HOSTILE (sizeof hostile / sizeof hostile[0])

/* A registry whose cluster i has hostile[i] as its name and note, and whose source's title is
 * the first text. */
static cs_store *hostile_store(const char *dir, const char *name)
{
    json_t *clusters = json_array();
    for (size_t i = 0; i < N_HOSTILE; i++) {
        char key[16];
        snprintf(key, sizeof key, "c-%02zu", i);
        json_array_append_new(clusters, json_pack("{s:s, s:s, s:s, s:s, s:s}", "key", key,
                                                  "name_en", hostile[i], "country", "DE", "note",
                                                  hostile[i], "source", "s"));
    }
    json_t *doc =
        json_pack("{s:s, s:i, s:[{s:s, s:s}], s:[{s:s, s:s}], s:o}", "format",
                  "clusterscope-registry", "version", 1, "sources", "key", "s", "title", hostile[0],
                  "countries", "code", "DE", "name_en", "Germany", "clusters", clusters);
    char *text = json_dumps(doc, 0);
    assert_non_null(text);
    json_decref(doc);
    cs_store *store = st_create(dir, name);
    cs_import_stats s;
    if (cs_import_json_buffer(&s, store, text, strlen(text), "hostile.json", NULL))
        fail_msg("importing the texts: %s", cs_error_last());
    free(text);
    return store;
}

/* Every stored text of the hostile registry is the one it was given, byte for byte. */
static void assert_texts_kept(cs_store *store, const char *how)
{
    const cs_kind_spec *spec = cs_kind_spec_get(CS_KIND_CLUSTERS);
    int key = cs_kind_spec_column(spec, "key"), name = cs_kind_spec_column(spec, "name_en"),
        note = cs_kind_spec_column(spec, "note");
    cs_store_rows *rows = NULL;
    assert_int_equal(cs_store_rows_open(&rows, store, CS_KIND_CLUSTERS), 0);
    const char *values[CS_RECORD_MAX_COLUMNS];
    size_t n = 0;
    int rc;
    while ((rc = cs_store_rows_next(rows, values)) == 1) {
        size_t i = (size_t)atoi(values[key] + 2);
        assert_true(i < N_HOSTILE);
        if (!values[name] || strcmp(values[name], hostile[i]) != 0 || !values[note] ||
            strcmp(values[note], hostile[i]) != 0)
            fail_msg("%s: text %zu came back as [%s], not [%s]", how, i,
                     values[name] ? values[name] : "(none)", hostile[i]);
        n++;
    }
    assert_int_equal(rc, 0);
    cs_store_rows_close(rows);
    assert_int_equal(n, N_HOSTILE);
    assert_int_equal(cs_store_rows_open(&rows, store, CS_KIND_SOURCES), 0);
    assert_int_equal(cs_store_rows_next(rows, values), 1);
    assert_string_equal(values[cs_kind_spec_column(cs_kind_spec_get(CS_KIND_SOURCES), "title")],
                        hostile[0]);
    cs_store_rows_close(rows);
}

static void test_round_trip_keeps_every_byte(void **state)
{
    export_fixture *f = *state;
    cs_store *a = hostile_store(f->dir, "h.db");
    assert_texts_kept(a, "import");
    /* JSON */
    char *json = export_json(f, a, "h.json");
    assert_non_null(strstr(json, "\"Evil\\u001b[31mRed\\u001b[0m\""));
    assert_non_null(strstr(json, "\"\\t lead and trail \\t\""));
    cs_store *b = st_create(f->dir, "hj.db");
    char *path = st_path(f->dir, "h.json");
    const char *paths[] = { path };
    cs_import_stats s;
    if (cs_import_files(&s, b, paths, 1, NULL))
        fail_msg("importing the JSON export: %s", cs_error_last());
    assert_texts_kept(b, "JSON");
    /* CSV: exact cells, no formula guard, control bytes as they are */
    char *dir = st_path(f->dir, "hcsv");
    assert_int_equal(cs_export(a, dir, CS_EXPORT_CSV), 0);
    char *csv_path = st_path(dir, "clusters.csv");
    char *csv = st_read(csv_path);
    assert_non_null(strstr(csv, ",=cmd|' /C calc'!A0,"));
    assert_non_null(strstr(csv, ",-1+2,"));
    assert_non_null(strstr(csv, ",'quoted,"));
    assert_non_null(strstr(csv, ",Evil\033[31mRed\033[0m,"));
    assert_non_null(strstr(csv, ",\"\t lead and trail \t\","));
    assert_non_null(strstr(csv, ",\"\"\"\","));
    assert_null(strstr(csv, "\\x1B"));
    cs_store *c = st_create(f->dir, "hc.db");
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/*.csv", dir);
    const char *patterns[] = { pattern };
    import_glob(c, patterns, 1);
    assert_texts_kept(c, "CSV");
    /* and both registries export the same bytes as the first */
    char *again = export_json(f, c, "hc.json");
    assert_string_equal(again, json);
    free(again);
    again = export_json(f, b, "hj2.json");
    assert_string_equal(again, json);
    free(again);
    free(csv);
    free(csv_path);
    free(dir);
    free(path);
    free(json);
    cs_store_close(c);
    cs_store_close(b);
    cs_store_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_holds_every_kind),
        cmocka_unit_test(test_round_trip_json),
        cmocka_unit_test(test_round_trip_csv),
        cmocka_unit_test(test_taken_ids_are_mapped),
        cmocka_unit_test(test_round_trip_keeps_every_byte),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
