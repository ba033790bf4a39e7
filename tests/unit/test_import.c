/*
 * Import into registries in temporary files: CSV and JSON, statistics (new, updated,
 * unchanged), a dry run, duplicates, the one set of rules for fact definitions, the checks of the
 * typology's record kinds, messages that name data rather than flags (with the advice a front
 * end phrases), and a failed import that leaves the registry exactly as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "clusterscope/ingest.h"
#include "registry/record.h"
#include "clusterscope/store.h"
#include "store_test_util.h"

#include <string.h>

enum { K_DEFS, K_SOURCES, K_COUNTRIES, K_REGIONS, K_CLUSTERS, K_ORGS, K_MEMBERSHIPS, K_FACTS };

static int import_paths(cs_import_stats *stats, fixture *f, const char *const *names, size_t n,
                        const cs_import_options *opts)
{
    char *paths[8];
    for (size_t i = 0; i < n; i++)
        paths[i] = st_path(f->dir, names[i]);
    int rc = cs_import_files(stats, f->store, (const char *const *)paths, n, opts);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    return rc;
}

static int import_json(cs_import_stats *stats, fixture *f, const char *json, const char *origin)
{
    return cs_import_json_buffer(stats, f->store, json, strlen(json), origin, NULL);
}

/* The message of the last error without the scratch folder in front of file names. */
static const char *message(const fixture *f)
{
    const char *m = cs_error_last();
    size_t n = strlen(f->dir);
    return strncmp(m, f->dir, n) == 0 && m[n] == '/' ? m + n + 1 : m;
}

static long long total(const long long *counts)
{
    long long sum = 0;
    for (int k = 0; k < CS_IMPORT_KINDS; k++)
        sum += counts[k];
    return sum;
}

static const char sources_csv[] = "key,title,date\nhse-2019,Biomedical clusters,2019\n"
                                  "notes,\"Notes, with a comma\",2020-05-17\n";
static const char countries_csv[] =
    "code;name_en;name_ru\r\nDE;Germany;Германия\r\nDK;Denmark;\r\n";
static const char clusters_csv[] = "key\tname_en\tcountry\tfounded\tsource\n"
                                   "medicon-valley\tMedicon Valley\tDK\t1997\thse-2019\n"
                                   "biocon-valley\tBioCon Valley\tDE\t\thse-2019\n";

static void write_good(const fixture *f)
{
    free(st_write(f->dir, "sources.csv", sources_csv));
    free(st_write(f->dir, "countries.csv", countries_csv));
    free(st_write(f->dir, "clusters.csv", clusters_csv));
}

static void test_csv_import_and_reimport(void **state)
{
    fixture *f = *state;
    write_good(f);
    /* in any order: kinds are written in dependency order */
    const char *names[] = { "clusters.csv", "countries.csv", "sources.csv" };
    cs_import_stats s;
    assert_int_equal(import_paths(&s, f, names, 3, NULL), 0);
    assert_int_equal(s.inserted[K_SOURCES], 2);
    assert_int_equal(s.inserted[K_COUNTRIES], 2);
    assert_int_equal(s.inserted[K_CLUSTERS], 2);
    assert_int_equal(total(s.updated) + total(s.unchanged), 0);
    cs_cluster_list *list = NULL;
    assert_int_equal(cs_store_clusters(&list, f->store, "medicon-valley"), 0);
    assert_int_equal(cs_cluster_list_at(list, 0)->founded, 1997);
    assert_string_equal(cs_cluster_list_at(list, 0)->source, "hse-2019");
    cs_cluster_list_free(list);

    /* the same again changes nothing and says so */
    assert_int_equal(import_paths(&s, f, names, 3, NULL), 0);
    assert_int_equal(total(s.inserted) + total(s.updated), 0);
    assert_int_equal(total(s.unchanged), 6);

    /* one changed record is one update */
    free(st_write(f->dir, "sources.csv",
                  "key,title,date\nhse-2019,Biomedical clusters of the world,2019\n"));
    assert_int_equal(import_paths(&s, f, names + 2, 1, NULL), 0);
    assert_int_equal(s.updated[K_SOURCES], 1);
    assert_int_equal(total(s.inserted) + total(s.unchanged), 0);
    cs_source_list *sources = NULL;
    assert_int_equal(cs_store_sources(&sources, f->store), 0);
    assert_string_equal(cs_source_list_find(sources, "hse-2019")->title,
                        "Biomedical clusters of the world");
    assert_string_equal(cs_source_list_find(sources, "notes")->title, "Notes, with a comma");
    cs_source_list_free(sources);
}

static const char registry_json[] =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
    " \"sources\": [{\"key\": \"s\", \"title\": \"Source\"}],\n"
    " \"countries\": [{\"code\": \"DE\", \"name_en\": \"Germany\"}],\n"
    " \"regions\": [{\"key\": \"de-be\", \"country\": \"DE\", \"name_en\": \"Berlin\"}],\n"
    " \"clusters\": [{\"key\": \"c\", \"name_en\": \"C\", \"country\": \"DE\", \"region\": "
    "\"de-be\", \"lat\": 52.52, \"lon\": 13.405}],\n"
    " \"organisations\": [{\"key\": \"o\", \"name\": \"O\", \"type\": \"research\"}],\n"
    " \"memberships\": [{\"cluster\": \"c\", \"organisation\": \"o\", \"role\": \"anchor\"}],\n"
    " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"c\", \"fact\": \"startups\", "
    "\"value\": \">2\", \"status\": \"stated\", \"source\": \"s\"},\n"
    "           {\"subject_kind\": \"cluster\", \"subject\": \"c\", \"fact\": \"esca_label\", "
    "\"source\": \"s\", \"quote\": \"no label stated\"}]}\n";

static void test_json_import_and_dry_run(void **state)
{
    fixture *f = *state;
    cs_import_stats s;
    cs_import_options dry = { .dry_run = 1 };
    assert_int_equal(
        cs_import_json_buffer(&s, f->store, registry_json, strlen(registry_json), "r.json", &dry),
        0);
    /* counted as it would be, stored not at all */
    assert_int_equal(total(s.inserted), 8);
    cs_store_counts n;
    assert_int_equal(cs_store_count(&n, f->store), 0);
    assert_int_equal(n.sources + n.clusters + n.facts + n.memberships, 0);

    assert_int_equal(import_json(&s, f, registry_json, "r.json"), 0);
    assert_int_equal(s.inserted[K_REGIONS], 1);
    assert_int_equal(s.inserted[K_MEMBERSHIPS], 1);
    assert_int_equal(s.inserted[K_FACTS], 2);
    assert_int_equal(cs_store_count(&n, f->store), 0);
    assert_int_equal(n.regions, 1);
    assert_int_equal(n.memberships, 1);
    assert_int_equal(n.facts, 2);
    /* a fact without a value is unknown, not 0 */
    cs_factset *set = NULL;
    assert_int_equal(cs_factset_new(&set), 0);
    assert_int_equal(cs_store_load_facts(set, f->store, NULL, NULL, 0), 0);
    const cs_fact *esca = cs_factset_get(set, CS_SUBJECT_CLUSTER, "c", "esca_label", 0);
    assert_non_null(esca);
    assert_int_equal(esca->value.kind, CS_VALUE_UNKNOWN);
    assert_string_equal(esca->quote, "no label stated");
    cs_factset_free(set);
    assert_int_equal(import_json(&s, f, registry_json, "r.json"), 0);
    assert_int_equal(total(s.unchanged), 8);
}

/* Everything a registry holds, as export writes it. */
static char *snapshot(const fixture *f, const char *name)
{
    char *path = st_path(f->dir, name);
    assert_int_equal(cs_export(f->store, path, CS_EXPORT_JSON), 0);
    char *text = st_read(path);
    free(path);
    return text;
}

static void test_failed_import_changes_nothing(void **state)
{
    fixture *f = *state;
    write_good(f);
    const char *good[] = { "sources.csv", "countries.csv", "clusters.csv" };
    cs_import_stats s;
    assert_int_equal(import_paths(&s, f, good, 3, NULL), 0);
    char *before = snapshot(f, "before.json");
    cs_store_counts n_before, n_after;
    assert_int_equal(cs_store_count(&n_before, f->store), 0);

    /* a good file of new records, then one whose third line is bad: nothing of either */
    free(st_write(f->dir, "countries.more.csv", "code,name_en\nFR,France\nSE,Sweden\n"));
    free(st_write(f->dir, "clusters.bad.csv",
                  "key,name_en,country,founded\nlyon,Lyon,FR,2005\nuppsala,Uppsala,SE,19x4\n"));
    const char *bad[] = { "countries.more.csv", "clusters.bad.csv" };
    assert_int_equal(import_paths(&s, f, bad, 2, NULL), CS_EDATA);
    assert_string_equal(message(f),
                        "clusters.bad.csv:3:4: expected a year such as 1994 in 'founded', found "
                        "\"19x4\"");
    /* in JSON, a fact about an unknown cluster after new sources and clusters */
    static const char bad_json[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"sources\": [{\"key\": \"new-source\", \"title\": \"New\"}],\n"
        " \"clusters\": [{\"key\": \"new-cluster\", \"name_en\": \"N\", \"country\": \"DE\"}],\n"
        " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"nowhere\", \"fact\": "
        "\"startups\", \"value\": \"3\", \"status\": \"stated\", \"source\": \"new-source\"}]}\n";
    assert_int_equal(import_json(&s, f, bad_json, "bad.json"), CS_EDATA);
    assert_string_equal(cs_error_last(),
                        "bad.json:4:51: expected the key of a known cluster (import it first or "
                        "in the same import), found \"nowhere\"");

    char *after = snapshot(f, "after.json");
    assert_string_equal(after, before);
    assert_int_equal(cs_store_count(&n_after, f->store), 0);
    assert_memory_equal(&n_after, &n_before, sizeof n_before);
    free(before);
    free(after);
}

static void test_duplicates(void **state)
{
    fixture *f = *state;
    free(st_write(f->dir, "sources.csv", "key,title\na,A\nb,B\na,Again\n"));
    const char *names[] = { "sources.csv" };
    cs_import_stats s;
    assert_int_equal(import_paths(&s, f, names, 1, NULL), CS_EDATA);
    assert_string_equal(message(f), "sources.csv:4:1: expected a source key not used before in "
                                    "this import (first at line 2), found \"a\"");
    static const char json[] = "{\"format\": \"clusterscope-registry\", \"countries\": [\n"
                               "  {\"code\": \"DE\", \"name_en\": \"Germany\"},\n"
                               "  {\"code\": \"DE\", \"name_en\": \"Deutschland\"}]}\n";
    assert_int_equal(import_json(&s, f, json, "c.json"), CS_EDATA);
    assert_string_equal(cs_error_last(), "c.json:3:12: expected a country key not used before in "
                                         "this import (first at record 1), found \"DE\"");
    cs_store_counts n;
    assert_int_equal(cs_store_count(&n, f->store), 0);
    assert_int_equal(n.sources + n.countries, 0);
}

/* A definition file and an import read fact definitions by the same rules, with the same words
 * at the same places. */
static void test_one_set_of_rules_for_definitions(void **state)
{
    fixture *f = *state;
    static const char *const bad[] = {
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
        "  {\"name\": \"awards\", \"subject_kind\": \"cluster\", \"type\": \"level\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
        "  {\"name\": \"Awards\", \"subject_kind\": \"cluster\", \"type\": \"count\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
        "  {\"name\": \"awards\", \"subject_kind\": \"planet\", \"type\": \"count\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
        "  {\"name\": \"awards\", \"subject_kind\": \"cluster\", \"type\": \"count\",\n"
        "   \"levels\": \"a|b\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
        "  {\"name\": \"awards\", \"subject_kind\": \"cluster\", \"type\": \"level\",\n"
        "   \"levels\": \"a||b\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
        "  {\"name\": \"awards\", \"kind\": \"cluster\", \"type\": \"count\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
        "  {\"name\": \"awards\", \"subject_kind\": \"cluster\", \"type\": [\"count\"]}]}\n",
    };
    static const char *const expected[] = {
        "defs.json:2:3: expected the levels of a 'level' fact, lowest first, e.g. "
        "none|bronze|silver|gold, found an empty value",
        "defs.json:2:12: expected a fact name (lower-case letters, digits, '_' and '.') in "
        "'name', found \"Awards\"",
        "defs.json:2:38: expected one of cluster|country|region in 'subject_kind', found "
        "\"planet\"",
        "defs.json:3:14: expected no levels for a fact that is not of type 'level', found "
        "\"a|b\"",
        "defs.json:3:14: expected level names separated by '|', lowest first, in 'levels', found "
        "\"a||b\"",
        "defs.json:2:30: expected a member of fact_definitions records (name, subject_kind, "
        "type, levels, unit, label_en, label_ru, description), found \"kind\"",
        "defs.json:2:57: expected a string, number, true, false or null, found \"an array\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cs_import_stats s;
        cs_fact_definitions *defs = NULL;
        assert_int_equal(cs_fact_definitions_parse(&defs, bad[i], strlen(bad[i]), "defs.json"),
                         CS_EDATA);
        assert_null(defs);
        assert_string_equal(cs_error_last(), expected[i]);
        assert_int_equal(import_json(&s, f, bad[i], "defs.json"), CS_EDATA);
        assert_string_equal(cs_error_last(), expected[i]);
    }
    /* and the same good definition is read alike */
    static const char good[] = "{\"format\": \"clusterscope-registry\", \"fact_definitions\": [\n"
                               "  {\"name\": \"awards\", \"subject_kind\": \"cluster\", \"type\": "
                               "\"level\", \"levels\": \"none|bronze|gold\", \"unit\": \"\"}]}\n";
    cs_fact_definitions *parsed = NULL, *stored = NULL;
    assert_int_equal(cs_fact_definitions_parse(&parsed, good, strlen(good), "defs.json"), 0);
    cs_import_stats s;
    assert_int_equal(import_json(&s, f, good, "defs.json"), 0);
    assert_int_equal(s.inserted[K_DEFS], 1);
    assert_int_equal(cs_store_fact_definitions(&stored, f->store), 0);
    const cs_fact_definition *p = cs_fact_definitions_at(parsed, 0);
    const cs_fact_definition *d = cs_fact_definitions_find(stored, CS_SUBJECT_CLUSTER, "awards");
    assert_non_null(d);
    assert_int_equal(d->type, p->type);
    assert_string_equal(d->levels, p->levels);
    assert_string_equal(d->unit, "");
    cs_fact_definitions_free(parsed);
    cs_fact_definitions_free(stored);
}

/* Library messages speak of data; what a caller could change comes as advice. */
static void test_messages_and_advice(void **state)
{
    fixture *f = *state;
    cs_import_stats s;
    free(st_write(f->dir, "clusters.cp1251.csv", "key,name_en,name_ru,country\nk,K,\xca\xe0,RU\n"));
    const char *cp1251[] = { "clusters.cp1251.csv" };
    cs_import_options utf8 = { .encoding = "utf-8" };
    assert_int_equal(import_paths(&s, f, cp1251, 1, &utf8), CS_EDATA);
    assert_string_equal(message(f), "clusters.cp1251.csv:2:3: expected UTF-8 text (or cp1251 "
                                    "text, with the encoding named), found \"\\xCA\\xE0\"");
    assert_int_equal(cs_error_advice(), CS_ADVICE_ENCODING);
    cs_import_options latin = { .encoding = "latin-1" };
    assert_int_equal(import_paths(&s, f, cp1251, 1, &latin), CS_EUSAGE);
    assert_int_equal(cs_error_advice(), CS_ADVICE_ENCODING);

    free(st_write(f->dir, "data.csv", "name,colour\nx,red\n"));
    const char *unnamed[] = { "data.csv" };
    assert_int_equal(import_paths(&s, f, unnamed, 1, NULL), CS_EDATA);
    assert_string_equal(message(f), "data.csv:1: expected the header of a record kind (see "
                                    "docs/formats.md), found \"name\"");
    assert_int_equal(cs_error_advice(), CS_ADVICE_KIND);
    cs_import_options kind = { .kind = "cluster" };
    assert_int_equal(import_paths(&s, f, unnamed, 1, &kind), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "unknown record kind 'cluster' (expected "
                                            "fact_definitions, sources,"));
    assert_non_null(strstr(cs_error_last(),
                           "project_stages, links, news, news_qa, news_links, digests, "
                           "digest_texts or digest_entries)"));
    assert_int_equal(cs_error_advice(), CS_ADVICE_KIND);

    static const char fact[] = "{\"format\": \"clusterscope-registry\",\n"
                               " \"sources\": [{\"key\": \"s\", \"title\": \"S\"}],\n"
                               " \"countries\": [{\"code\": \"DE\", \"name_en\": \"Germany\"}],\n"
                               " \"facts\": [{\"subject_kind\": \"country\", \"subject\": \"DE\", "
                               "\"fact\": \"startups\", \"source\": \"s\"}]}\n";
    assert_int_equal(import_json(&s, f, fact, "f.json"), CS_EDATA);
    assert_string_equal(cs_error_last(), "f.json:4:65: expected a fact defined for a country (a "
                                         "built-in definition or an imported one), found "
                                         "\"startups\"");
    /* no message of an import names a flag or a command */
    assert_null(strstr(cs_error_last(), "--"));
    assert_null(strstr(cs_error_last(), "clusterscope "));
}

/* The kinds of the stored typology are checked like the others, at the offending value. */
static void test_typology_records_are_checked(void **state)
{
    fixture *f = *state;
    static const char base[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"sources\": [{\"key\": \"s\", \"title\": \"S\"}],\n"
        " \"countries\": [{\"code\": \"DE\", \"name_en\": \"Germany\"}],\n"
        " \"clusters\": [{\"key\": \"c\", \"name_en\": \"C\", \"country\": \"DE\"}],\n"
        " \"reference_sets\": [{\"key\": \"s\", \"source\": \"s\", \"description\": \"D\", "
        "\"profile_method\": \"m\", \"document\": \"{}\"}],\n"
        " \"reference_types\": [{\"set_key\": \"s\", \"number\": 1, \"name_en\": \"One\", "
        "\"characteristics\": \"{}\"}]}\n";
    cs_import_stats s;
    assert_int_equal(import_json(&s, f, base, "base.json"), 0);
    assert_int_equal(s.inserted[CS_KIND_REFERENCE_SETS], 1); /* reference_sets */
    static const char *const bad[] = {
        "{\"format\": \"clusterscope-registry\", \"reference_traits\": [\n"
        "  {\"set_key\": \"s\", \"type_number\": 1, \"position\": 0, \"item\": \"i\", "
        "\"countries\": \"DE\", \"share_min\": 0, \"share_max\": 1, \"published\": \"p\", "
        "\"basis\": \"table\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"reference_traits\": [\n"
        "  {\"set_key\": \"s\", \"type_number\": 2, \"position\": 0, \"item\": \"i\", "
        "\"share_min\": 0, \"share_max\": 1, \"published\": \"p\", \"basis\": \"table\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"reference_traits\": [\n"
        "  {\"set_key\": \"s\", \"type_number\": 1, \"position\": 0, \"item\": \"i\", "
        "\"share_min\": 0.75, \"share_max\": 0.5, \"published\": \"p\", \"basis\": \"t\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"reference_assignments\": [\n"
        "  {\"set_key\": \"s\", \"cluster_key\": \"c\", \"basis\": \"stated\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"assessment_scores\": [\n"
        "  {\"run_id\": 7, \"cluster_key\": \"c\", \"items\": \"1?\", \"indicators\": \"1\", "
        "\"total\": 1, \"known\": 1}]}\n",
        "{\"format\": \"clusterscope-registry\", \"assessment_runs\": [\n"
        "  {\"id\": 1, \"method_id\": \"m\", \"method_version\": \"1\", \"software_version\": "
        "\"0.1.0\", \"created\": \"2026-13-01T00:00:00Z\", \"items\": \"a\", \"indicators\": "
        "\"a\"}]}\n",
        "{\"format\": \"clusterscope-registry\", \"reference_sets\": [\n"
        "  {\"key\": \"t\", \"source\": \"s\", \"description\": \"D\", \"profile_method\": \"m\", "
        "\"document\": \"not json\"}]}\n",
    };
    static const char *const expected[] = {
        "t.json:2:61: expected either an item or countries, not both, found \"i\"",
        "t.json:2:35: expected the key of a known reference type (import it first or in the "
        "same import), found \"2\"",
        "t.json:2:98: expected a share_max of at least share_min, found \"0.5\"",
        "t.json:2:49: expected not_assigned exactly when type_number is empty, found \"stated\"",
        "t.json:2:14: expected the key of a known assessment run (import it first or in the same "
        "import), found \"7\"",
        "t.json:2:94: expected a time YYYY-MM-DDTHH:MM:SSZ in 'created', found "
        "\"2026-13-01T00:00:00Z\"",
        "t.json:2:86: expected a JSON object or array in 'document', found \"not json\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(import_json(&s, f, bad[i], "t.json"), CS_EDATA);
        assert_string_equal(cs_error_last(), expected[i]);
    }
    cs_store_counts n;
    assert_int_equal(cs_store_count(&n, f->store), 0);
    assert_int_equal(
        n.reference_traits + n.reference_assignments + n.assessment_runs + n.assessment_scores, 0);
    assert_int_equal(n.reference_sets, 1);
}

/* A reference-types document with target models, factors and cases: stored and read back by
 * cs_store_factors_load(); each broken variant refused at its position, nothing stored. */
static const char factors_doc[] =
    "{\"format\": \"clusterscope-reference-types\", \"version\": 1, \"source\": \"hse-2019\",\n"
    " \"description\": \"d\", \"profile_method\": \"m\", \"evidence_method\": \"ev\",\n"
    " \"groups\": [{\"id\": 1, \"name_en\": \"One\"}, {\"id\": 2, \"name_en\": \"Two\"}],\n"
    " \"target_models\": [{\"id\": 1, \"name_en\": \"TM\", \"groups\": [1, 2], "
    "\"evidence\": \"tm\"}],\n"
    " \"factors\": [{\"id\": 3, \"name_en\": \"F3\", \"evidence\": \"f3\"},\n"
    "  {\"id\": 5, \"name_en\": \"F5\", \"no_evidence\": \"none can\"}],\n"
    " \"cases\": [{\"factor\": 5, \"cluster\": \"%s\", \"title_ru\": \"%s\", "
    "\"locator\": \"lines 1-2\"}],\n"
    " \"assignments\": [{\"cluster\": \"medicon-valley\", \"group\": 2, \"basis\": "
    "\"stated\", \"target_models\": [1]}]}\n";

static int import_factors_doc(fixture *f, const char *cluster, const char *title)
{
    char doc[2048];
    snprintf(doc, sizeof doc, factors_doc, cluster, title);
    free(st_write(f->dir, "ref.json", doc));
    cs_import_stats s;
    const char *names[] = { "ref.json" };
    return import_paths(&s, f, names, 1, NULL);
}

static void test_factors_in_reference_documents(void **state)
{
    fixture *f = *state;
    write_good(f);
    cs_import_stats s;
    const char *good[] = { "sources.csv", "countries.csv", "clusters.csv" };
    assert_int_equal(import_paths(&s, f, good, 3, NULL), 0);
    /* a case naming a cluster the registry lacks: the position of its "cluster" member */
    assert_int_equal(import_factors_doc(f, "nowhere", "Т"), CS_EDATA);
    assert_string_equal(message(f), "ref.json:7:37: expected the key of a cluster in the registry "
                                    "(import the clusters first, or in the same import), found "
                                    "\"nowhere\"");
    /* an empty title */
    assert_int_equal(import_factors_doc(f, "biocon-valley", ""), CS_EDATA);
    assert_non_null(strstr(message(f), "ref.json:7:"));
    assert_non_null(strstr(message(f), "the case's title as the study prints it"));
    cs_factor_reference *ref = NULL;
    assert_int_equal(cs_store_factors_load(&ref, f->store, NULL), CS_ENOTFOUND);
    /* the good one, read back */
    assert_int_equal(import_factors_doc(f, "biocon-valley", "Кейс"), 0);
    assert_int_equal(cs_store_factors_load(&ref, f->store, NULL), 0);
    assert_string_equal(ref->set_key, "hse-2019");
    assert_int_equal(ref->n_models, 1);
    assert_string_equal(ref->models[0].groups, "1,2");
    assert_string_equal(ref->models[0].evidence_method, "ev");
    assert_int_equal(ref->n_factors, 2);
    assert_string_equal(ref->factors[0].evidence, "f3");
    assert_string_equal(ref->factors[1].evidence, "");
    assert_string_equal(ref->factors[1].no_evidence, "none can");
    assert_int_equal(ref->n_cases, 1);
    assert_string_equal(ref->cases[0].cluster, "biocon-valley");
    assert_string_equal(ref->cases[0].title_ru, "Кейс");
    assert_int_equal(cs_factor_reference_assignment(ref, "medicon-valley")->group, 2);
    assert_string_equal(cs_factor_reference_assignment(ref, "medicon-valley")->models, "1");
    cs_factor_reference_free(ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_csv_import_and_reimport, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_json_import_and_dry_run, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_failed_import_changes_nothing, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_duplicates, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_one_set_of_rules_for_definitions, st_setup,
                                        st_teardown),
        cmocka_unit_test_setup_teardown(test_messages_and_advice, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_typology_records_are_checked, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_factors_in_reference_documents, st_setup, st_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
