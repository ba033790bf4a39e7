/*
 * The cluster-development kinds of schema 12 (import_development.c, importer.c, record.c,
 * store_writer.c, store_export.c): every kind imports from CSV and JSON and exports back byte
 * for byte; files are recognised by their header; every refusal names its file, line and column,
 * says what was expected and found, and stores nothing; a membership's stage is checked against
 * the stages of its cluster, stored or brought by the same import.
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

/* Two clusters (one defines a value chain, one does not), four organisations and their
 * memberships, a fact definition of the import's own, and a record of every development kind. */
static const char base_json[] =
    "{\"format\": \"clusterscope-registry\",\n"
    " \"fact_definitions\": [{\"name\": \"amber_share\", \"subject_kind\": \"cluster\", "
    "\"type\": \"amount\"}],\n"
    " \"sources\": [{\"key\": \"s\", \"title\": \"S\"}, {\"key\": \"t\", \"title\": \"T\"}],\n"
    " \"countries\": [{\"code\": \"RU\", \"name_en\": \"Russia\"}],\n"
    " \"clusters\": [{\"key\": \"penza\", \"name_en\": \"BioMed\", \"country\": \"RU\"},\n"
    "   {\"key\": \"amber\", \"name_en\": \"Amber\", \"country\": \"RU\"}],\n"
    " \"organisations\": [{\"key\": \"medinzh\", \"name\": \"MedInzh\", \"type\": "
    "\"manufacturer\"},\n"
    "   {\"key\": \"supplier\", \"name\": \"Supplier\", \"type\": \"manufacturer\"},\n"
    "   {\"key\": \"lab\", \"name\": \"Lab\", \"type\": \"research\"},\n"
    "   {\"key\": \"plant\", \"name\": \"Plant\", \"type\": \"manufacturer\"}],\n"
    " \"memberships\": [{\"cluster\": \"penza\", \"organisation\": \"medinzh\", \"role\": "
    "\"anchor\", \"value_chain_stage\": \"assembly\"},\n"
    "   {\"cluster\": \"penza\", \"organisation\": \"supplier\", \"value_chain_stage\": "
    "\"parts\"},\n"
    "   {\"cluster\": \"penza\", \"organisation\": \"lab\"},\n"
    "   {\"cluster\": \"amber\", \"organisation\": \"plant\", \"value_chain_stage\": "
    "\"processing\"}],\n"
    " \"programmes\": [{\"key\": \"pilot\", \"kind\": \"support\", \"name_en\": \"Pilot ITC\", "
    "\"name_ru\": \"Пилотные ИТК\", \"operator\": \"MED\", \"country\": \"RU\", \"started\": "
    "2012, \"budget\": 5000000000, \"currency\": \"RUB\", \"source\": \"s\"},\n"
    "   {\"key\": \"registry\", \"kind\": \"registry\", \"name_en\": \"Registry\"},\n"
    "   {\"key\": \"esca\", \"kind\": \"label\", \"name_en\": \"ESCA\", \"levels\": "
    "\"bronze|silver|gold\", \"started\": 2012, \"ended\": 2020}],\n"
    " \"programme_rounds\": [{\"programme\": \"pilot\", \"round\": \"2013\", \"year\": 2013, "
    "\"requested\": 2700000000, \"awarded\": 2500000000, \"applications\": 25, \"awards\": 25, "
    "\"status\": \"stated\", \"source\": \"s\", \"locator\": \"l. 5\", \"quote\": \"2.5 bn\"}],\n"
    " \"round_shares\": [{\"programme\": \"pilot\", \"round\": \"2013\", \"specialisation\": "
    "\"biomedical\", \"clusters\": 6, \"awarded\": 680000000, \"status\": \"stated\", "
    "\"source\": \"s\"}],\n"
    " \"applications\": [{\"programme\": \"pilot\", \"round\": \"2013\", \"cluster\": "
    "\"penza\", \"requested\": 150.5, \"awarded\": 120, \"decision\": \"awarded\"},\n"
    "   {\"programme\": \"pilot\", \"round\": \"2013\", \"cluster\": \"amber\", \"requested\": "
    "10, \"awarded\": 0, \"decision\": \"refused\"}],\n"
    " \"listings\": [{\"programme\": \"registry\", \"cluster\": \"amber\", \"entered\": "
    "\"2019-03-26\", \"decision\": \"Order of 26.03.2019\", \"status\": \"stated\", "
    "\"source\": \"s\"},\n"
    "   {\"programme\": \"esca\", \"cluster\": \"penza\", \"entered\": \"2018\", \"left_on\": "
    "\"2020-06\", \"level\": \"silver\"}],\n"
    " \"targets\": [{\"cluster\": \"amber\", \"name\": \"amber_share\", \"year\": 2025, "
    "\"value\": \"0.7\", \"baseline_year\": 2017, \"status\": \"stated\", \"source\": \"s\"},\n"
    "   {\"cluster\": \"penza\", \"name\": \"organisation_count\", \"value\": \">20\", "
    "\"source\": \"t\"}],\n"
    " \"chain_stages\": [{\"cluster\": \"penza\", \"stage\": \"parts\", \"position\": 1, "
    "\"name_en\": \"Parts\", \"name_ru\": \"Детали\"},\n"
    "   {\"cluster\": \"penza\", \"stage\": \"assembly\", \"position\": 2},\n"
    "   {\"cluster\": \"penza\", \"stage\": \"s3\", \"position\": 3, \"source\": \"t\"}],\n"
    " \"projects\": [{\"key\": \"line\", \"cluster\": \"penza\", \"name_en\": \"Product line\", "
    "\"started\": 2015, \"ended\": 2018, \"participants\": 11, \"stages\": 5, \"outcome\": "
    "\"new products\", \"status\": \"stated\", \"source\": \"t\"}],\n"
    " \"project_members\": [{\"project\": \"line\", \"organisation\": \"medinzh\", \"role\": "
    "\"finisher\", \"stage\": \"assembly\"},\n"
    "   {\"project\": \"line\", \"organisation\": \"supplier\", \"role\": \"supplier\", "
    "\"stage\": \"parts\"}],\n"
    " \"project_stages\": [{\"project\": \"line\", \"stage\": \"parts\", \"source\": \"t\"},\n"
    "   {\"project\": \"line\", \"stage\": \"assembly\"}],\n"
    " \"links\": [{\"cluster\": \"penza\", \"source_org\": \"supplier\", \"target_org\": "
    "\"medinzh\", \"kind\": \"supply\", \"project\": \"line\", \"year\": 2016, \"weight\": 1.5, "
    "\"status\": \"stated\", \"source\": \"t\"},\n"
    "   {\"cluster\": \"penza\", \"source_org\": \"lab\", \"target_org\": \"medinzh\", "
    "\"kind\": \"research\", \"source\": \"t\"}]}\n";

static void load(fixture *f)
{
    cs_import_stats s;
    if (cs_import_json_buffer(&s, f->store, base_json, strlen(base_json), "base.json", NULL))
        fail_msg("import: %s", cs_error_last());
    static const long long counts[][2] = {
        { CS_KIND_PROGRAMMES, 3 },      { CS_KIND_PROGRAMME_ROUNDS, 1 },
        { CS_KIND_ROUND_SHARES, 1 },    { CS_KIND_APPLICATIONS, 2 },
        { CS_KIND_LISTINGS, 2 },        { CS_KIND_TARGETS, 2 },
        { CS_KIND_CHAIN_STAGES, 3 },    { CS_KIND_PROJECTS, 1 },
        { CS_KIND_PROJECT_MEMBERS, 2 }, { CS_KIND_PROJECT_STAGES, 2 },
        { CS_KIND_LINKS, 2 },
    };
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        if (s.inserted[counts[i][0]] != counts[i][1])
            fail_msg("%s: %lld inserted, expected %lld", cs_import_kind_name((int)counts[i][0]),
                     s.inserted[counts[i][0]], counts[i][1]);
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

static char *read_in(const char *dir, const char *name)
{
    char *p = st_path(dir, name);
    char *text = st_read(p);
    free(p);
    return text;
}

/* Imports files written as NAMES with TEXTS (n of them) into `store`; kind NULL = by name. */
static int import_csvs(fixture *f, cs_store *store, const char *const *names,
                       const char *const *texts, size_t n, const char *kind)
{
    char *paths[8];
    for (size_t i = 0; i < n; i++)
        paths[i] = st_write(f->dir, names[i], texts[i]);
    cs_import_options o = { .kind = kind };
    cs_import_stats s;
    int rc = cs_import_files(&s, store, (const char *const *)paths, n, kind ? &o : NULL);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    return rc;
}

static int import_csv(fixture *f, cs_store *store, const char *name, const char *text,
                      const char *kind)
{
    return import_csvs(f, store, &name, &text, 1, kind);
}

static const char *message(fixture *f)
{
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
    char *text = read_in(csv, "programmes.csv");
    assert_string_equal(text, "key,kind,name_en,name_ru,operator,country,started,ended,budget,"
                              "currency,levels,url,source,locator,quote,note\n"
                              "esca,label,ESCA,,,,2012,2020,,,bronze|silver|gold,,,,,\n"
                              "pilot,support,Pilot ITC,Пилотные ИТК,MED,RU,2012,,5000000000,RUB,"
                              ",,s,,,\n"
                              "registry,registry,Registry,,,,,,,,,,,,,\n");
    free(text);
    text = read_in(csv, "applications.csv");
    assert_string_equal(text, "programme,round,cluster,requested,awarded,decision,status,source,"
                              "locator,quote,note\n"
                              "pilot,2013,amber,10,0,refused,,,,,\n"
                              "pilot,2013,penza,150.5,120,awarded,,,,,\n");
    free(text);
    text = read_in(csv, "targets.csv");
    /* an undated target has an empty year, as it came */
    assert_string_equal(text, "cluster,name,year,value,baseline_year,status,source,locator,quote,"
                              "note\n"
                              "amber,amber_share,2025,0.7,2017,stated,s,,,\n"
                              "penza,organisation_count,,>20,,,t,,,\n");
    free(text);
    text = read_in(csv, "chain_stages.csv");
    assert_string_equal(text, "cluster,stage,position,name_en,name_ru,source,locator,quote,note\n"
                              "penza,assembly,2,,,,,,\n"
                              "penza,parts,1,Parts,Детали,,,,\n"
                              "penza,s3,3,,,t,,,\n");
    free(text);
    text = read_in(csv, "links.csv");
    assert_string_equal(text, "cluster,source_org,target_org,kind,project,year,weight,status,"
                              "source,locator,quote,note\n"
                              "penza,lab,medinzh,research,,,,,t,,,\n"
                              "penza,supplier,medinzh,supply,line,2016,1.5,stated,t,,,\n");
    free(text);
    /* every CSV file into another registry (kinds by file name), and out again: the same JSON */
    static const char *const kinds[] = {
        "fact_definitions", "sources",    "countries",        "clusters",     "organisations",
        "memberships",      "programmes", "programme_rounds", "round_shares", "applications",
        "listings",         "targets",    "chain_stages",     "projects",     "project_members",
        "project_stages",   "links",
    };
    size_t n = sizeof kinds / sizeof kinds[0];
    char **paths = calloc(n, sizeof *paths);
    for (size_t i = 0; i < n; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s.csv", kinds[i]);
        paths[i] = st_path(csv, name);
    }
    cs_store *b = st_create(f->dir, "b.db");
    cs_import_stats s;
    if (cs_import_files(&s, b, (const char *const *)paths, n, NULL))
        fail_msg("CSV: %s", cs_error_last());
    assert_int_equal(s.inserted[CS_KIND_LINKS], 2);
    char *x = export_json(f, f->store, "a.json"), *y = export_json(f, b, "b.json");
    assert_string_equal(x, y);
    assert_non_null(strstr(x, "\"round_shares\": [\n    {\"programme\": \"pilot\", \"round\": "
                              "\"2013\", \"specialisation\": \"biomedical\", \"clusters\": 6, "
                              "\"awarded\": 680000000, \"status\": \"stated\", \"source\": "
                              "\"s\"}\n  ]"));
    /* the JSON export into a third registry: the same again, and once more changes nothing */
    cs_store *c = st_create(f->dir, "c.db");
    char *a_path = st_path(f->dir, "a.json");
    const char *a_paths[] = { a_path };
    assert_int_equal(cs_import_files(&s, c, a_paths, 1, NULL), 0);
    char *z = export_json(f, c, "c.json");
    assert_string_equal(x, z);
    assert_int_equal(cs_import_files(&s, c, a_paths, 1, NULL), 0);
    for (int k = CS_KIND_PROGRAMMES; k <= CS_KIND_LINKS; k++) {
        assert_int_equal(s.inserted[k] + s.updated[k], 0);
        assert_true(s.unchanged[k] > 0);
    }
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(a_path);
    free(x);
    free(y);
    free(z);
    free(csv);
    cs_store_close(b);
    cs_store_close(c);
}

/* Files whose name says nothing are recognised by their header, each as one kind. */
static void test_header_recognition(void **state)
{
    fixture *f = *state;
    load(f);
    static const char *const names[] = { "a.csv", "b.csv", "c.csv", "d.csv", "e.csv", "f.csv" };
    static const char *const texts[] = {
        "programme,round,year,applications,awards\npilot,2014,2014,30,12\n",
        "programme,round,cluster,requested\npilot,2014,amber,5\n",
        "programme,round,specialisation,clusters\npilot,2014,amber processing,1\n",
        "cluster,stage,position\npenza,s4,4\n",
        "project,stage\nline,s4\n",
        "cluster,source_org,target_org,kind,source\npenza,medinzh,lab,joint_project,s\n",
    };
    cs_import_stats s;
    char *paths[6];
    for (size_t i = 0; i < 6; i++)
        paths[i] = st_write(f->dir, names[i], texts[i]);
    if (cs_import_files(&s, f->store, (const char *const *)paths, 6, NULL))
        fail_msg("%s", cs_error_last());
    for (size_t i = 0; i < 6; i++)
        free(paths[i]);
    assert_int_equal(s.inserted[CS_KIND_PROGRAMME_ROUNDS], 1);
    assert_int_equal(s.inserted[CS_KIND_APPLICATIONS], 1);
    assert_int_equal(s.inserted[CS_KIND_ROUND_SHARES], 1);
    assert_int_equal(s.inserted[CS_KIND_CHAIN_STAGES], 1);
    assert_int_equal(s.inserted[CS_KIND_PROJECT_STAGES], 1);
    assert_int_equal(s.inserted[CS_KIND_LINKS], 1);
    /* a header that also fits a kind before schema 12 is read as that kind, as before */
    static const char *const old_names[] = { "g.csv", "h.csv" };
    static const char *const old_texts[] = {
        "key,name_en,country,kind\nc9,C9,RU,biomedical\n",
        "key,kind,name_en\nnace2,industry,NACE\n",
    };
    for (size_t i = 0; i < 2; i++)
        paths[i] = st_write(f->dir, old_names[i], old_texts[i]);
    if (cs_import_files(&s, f->store, (const char *const *)paths, 2, NULL))
        fail_msg("%s", cs_error_last());
    for (size_t i = 0; i < 2; i++)
        free(paths[i]);
    assert_int_equal(s.inserted[CS_KIND_CLUSTERS], 1);
    assert_int_equal(s.inserted[CS_KIND_CLASSIFICATIONS], 1);
    assert_int_equal(s.inserted[CS_KIND_PROGRAMMES], 0);
    /* and by --kind, whatever the file is called */
    assert_int_equal(
        import_csv(f, f->store, "x.csv", "key,cluster,name_en\np2,amber,P2\n", "projects"), 0);
    char *json = export_json(f, f->store, "x.json");
    assert_non_null(strstr(json, "{\"key\": \"p2\", \"cluster\": \"amber\", \"name_en\": \"P2\"}"));
    free(json);
}

typedef struct {
    const char *kind, *text, *message;
} refusal;

static void test_refusals_store_nothing(void **state)
{
    fixture *f = *state;
    load(f);
    static const refusal bad[] = {
        /* an award above its request: applications, rounds, shares */
        { "applications", "programme,round,cluster,requested,awarded\npilot,2013,penza,10,11\n",
          "bad.csv:2:5: expected an amount awarded of at most the requested 10, found \"11\"" },
        { "programme_rounds", "programme,round,year,requested,awarded\npilot,2014,2014,1,1.5\n",
          "bad.csv:2:5: expected an amount awarded of at most the requested 1, found \"1.5\"" },
        { "round_shares", "programme,round,specialisation,requested,awarded\npilot,2013,b,1,2\n",
          "bad.csv:2:5: expected an amount awarded of at most the requested 1, found \"2\"" },
        /* a refused or withdrawn application with an award */
        { "applications", "programme,round,cluster,awarded,decision\npilot,2013,amber,5,refused\n",
          "bad.csv:2:4: expected an amount awarded of 0 or none for a refused application, "
          "found \"5\"" },
        { "applications",
          "programme,round,cluster,awarded,decision\npilot,2013,amber,0.5,withdrawn\n",
          "bad.csv:2:4: expected an amount awarded of 0 or none for a withdrawn application, "
          "found \"0.5\"" },
        /* unknown records */
        { "applications", "programme,round,cluster\nnone,2013,amber\n",
          "bad.csv:2:1: expected the key of a known programme (import it first or in the same "
          "import), found \"none\"" },
        { "applications", "programme,round,cluster\npilot,2099,amber\n",
          "bad.csv:2:2: expected a round of programme pilot (import it first or in the same "
          "import), found \"2099\"" },
        { "round_shares", "programme,round,specialisation\npilot,1999,b\n",
          "bad.csv:2:2: expected a round of programme pilot (import it first or in the same "
          "import), found \"1999\"" },
        { "listings", "programme,cluster,entered\nregistry,nowhere,2019\n",
          "bad.csv:2:2: expected the key of a known cluster (import it first or in the same "
          "import), found \"nowhere\"" },
        { "project_members", "project,organisation\nline,nobody\n",
          "bad.csv:2:2: expected the key of a known organisation (import it first or in the "
          "same import), found \"nobody\"" },
        { "project_stages", "project,stage\nnone,parts\n",
          "bad.csv:2:1: expected the key of a known project (import it first or in the same "
          "import), found \"none\"" },
        { "targets", "cluster,name,value,source\namber,amber_share,1,nosource\n",
          "bad.csv:2:4: expected the key of a known source (import it first or in the same "
          "import), found \"nosource\"" },
        /* a listing's level */
        { "listings", "programme,cluster,entered,level\nesca,amber,2019,platinum\n",
          "bad.csv:2:4: expected a level of programme esca (bronze|silver|gold), found "
          "\"platinum\"" },
        { "listings", "programme,cluster,entered,level\nregistry,penza,2019,gold\n",
          "bad.csv:2:4: expected no level (programme registry defines no levels), found "
          "\"gold\"" },
        /* stages outside the value chain */
        { "project_members", "project,organisation,stage\nline,lab,testing\n",
          "bad.csv:2:3: expected a stage of the value chain of cluster penza (parts, assembly, "
          "s3), found \"testing\"" },
        { "project_stages", "project,stage\nline,testing\n",
          "bad.csv:2:2: expected a stage of the value chain of cluster penza (parts, assembly, "
          "s3), found \"testing\"" },
        { "memberships", "cluster,organisation,value_chain_stage\npenza,lab,testing\n",
          "bad.csv:2:3: expected a stage of the value chain of cluster penza (parts, assembly, "
          "s3), found \"testing\"" },
        { "chain_stages", "cluster,stage,position\npenza,s4,2\n",
          "bad.csv:2:3: expected a position no other stage of cluster penza has (stage assembly "
          "is at 2), found \"2\"" },
        /* members of the cluster */
        { "links", "cluster,source_org,target_org,kind,source\npenza,supplier,plant,supply,s\n",
          "bad.csv:2:3: expected a member of cluster penza (a membership stored or in the same "
          "import), found \"plant\"" },
        { "links", "cluster,source_org,target_org,kind,source\npenza,plant,lab,supply,s\n",
          "bad.csv:2:2: expected a member of cluster penza (a membership stored or in the same "
          "import), found \"plant\"" },
        { "project_members", "project,organisation\nline,plant\n",
          "bad.csv:2:2: expected a member of cluster penza (a membership stored or in the same "
          "import), found \"plant\"" },
        { "links", "cluster,source_org,target_org,kind,source\npenza,lab,lab,research,s\n",
          "bad.csv:2:3: expected a target_org other than the source_org (a link joins two "
          "organisations), found \"lab\"" },
        { "links",
          "cluster,source_org,target_org,kind,weight,source\npenza,lab,supplier,other,0,s\n",
          "bad.csv:2:5: expected a weight above 0, found \"0\"" },
        { "links",
          "cluster,source_org,target_org,kind,project,source\namber,plant,plant2,other,line,s\n",
          "bad.csv:2:3: expected the key of a known organisation (import it first or in the same "
          "import), found \"plant2\"" },
        { "links", "cluster,source_org,target_org,kind,source\npenza,lab,supplier,friendship,s\n",
          "bad.csv:2:4: expected one of supply|joint_project|shared_infrastructure|research|other "
          "in 'kind', found \"friendship\"" },
        /* dates out of order */
        { "listings", "programme,cluster,entered,left_on\nregistry,penza,2019-03-26,2019-01\n",
          "bad.csv:2:4: expected a left_on date not before entered 2019-03-26, found "
          "\"2019-01\"" },
        { "programmes", "key,kind,name_en,started,ended\nx,list,X,2015,2012\n",
          "bad.csv:2:5: expected an ended year not before started 2015, found \"2012\"" },
        { "projects", "key,cluster,name_en,started,ended\np,penza,P,2015,2014\n",
          "bad.csv:2:5: expected an ended year not before started 2015, found \"2014\"" },
        { "targets",
          "cluster,name,year,value,baseline_year,source\namber,amber_share,2020,1,2021,s\n",
          "bad.csv:2:5: expected a baseline_year not after the target's year 2020, found "
          "\"2021\"" },
        /* calendar dates and numbers, strictly */
        { "listings", "programme,cluster,entered\nregistry,penza,2019-02-29\n",
          "bad.csv:2:3: expected a date YYYY, YYYY-MM or YYYY-MM-DD in 'entered' (a day that "
          "exists: 29 February only in a leap year), found \"2019-02-29\"" },
        { "listings", "programme,cluster,entered\nregistry,penza,26.03.2019\n",
          "bad.csv:2:3: expected a date YYYY, YYYY-MM or YYYY-MM-DD in 'entered' (DD.MM.YYYY is "
          "read in a file delimited by ';' or tab, or in Windows-1251), found \"26.03.2019\"" },
        { "programme_rounds", "programme,round,year,budget\npilot,2014,2014,-5\n",
          "bad.csv:2:4: expected a number of at least 0 in 'budget', found \"-5\"" },
        { "programme_rounds", "programme,round,year,requested\npilot,2014,2014,1e999\n",
          "bad.csv:2:4: expected a number of at least 0 in 'requested', found \"1e999\"" },
        { "programme_rounds", "programme,round,year,awards\npilot,2014,2014,2.5\n",
          "bad.csv:2:4: expected a whole number from 0 to 2147483647 in 'awards', found "
          "\"2.5\"" },
        { "chain_stages", "cluster,stage,position\npenza,s0,0\n",
          "bad.csv:2:3: expected a whole number from 1 to 2147483647 in 'position', found "
          "\"0\"" },
        { "programmes", "key,kind,name_en\nx,fund,X\n",
          "bad.csv:2:2: expected one of support|registry|label|list in 'kind', found \"fund\"" },
        /* a round's awards above its applications */
        { "programme_rounds", "programme,round,year,applications,awards\npilot,2014,2014,3,4\n",
          "bad.csv:2:5: expected a number of awards of at most the applications 3, found "
          "\"4\"" },
        /* a target's fact and value */
        { "targets", "cluster,name,value,source\namber,rir_index,1,s\n",
          "bad.csv:2:2: expected a fact defined for a cluster (a built-in definition or an "
          "imported one), found \"rir_index\"" },
        { "targets", "cluster,name,value,source\namber,organisation_count,many,s\n",
          "bad.csv:2:3: expected a whole number of 0 or more, or a bound such as \">60\", "
          "\"<100\" or \"10..20\" for fact 'organisation_count' (count), found \"many\"" },
        /* a repeated key with other values */
        { "programmes", "key,kind,name_en\nx,list,X\ny,list,Y\nx,list,X2\n",
          "bad.csv:4:1: expected a programme key not used before in this import (first at line "
          "2), found \"x\"" },
        { "chain_stages", "cluster,stage,position\npenza,s5,5\npenza,s5,6\n",
          "bad.csv:3:2: expected a chain stage key not used before in this import (first at line "
          "2: cluster penza, stage s5), found \"s5\"" },
    };
    char *before = export_json(f, f->store, "before.json");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(import_csv(f, f->store, "bad.csv", bad[i].text, bad[i].kind), CS_EDATA);
        if (strcmp(message(f), bad[i].message) != 0)
            fail_msg("%zu: got\n%s\nexpected\n%s", i, message(f), bad[i].message);
        char *after = export_json(f, f->store, "after.json");
        assert_string_equal(after, before);
        free(after);
    }
    free(before);
}

/* A JSON document is refused at the line and column of the member at fault. */
static void test_refusals_in_json(void **state)
{
    fixture *f = *state;
    load(f);
    static const refusal bad[] = {
        { NULL,
          "{\"format\": \"clusterscope-registry\",\n"
          " \"applications\": [\n"
          "  {\"programme\": \"pilot\", \"round\": \"2013\", \"cluster\": \"penza\",\n"
          "   \"requested\": 100, \"awarded\": 200}]}\n",
          "bad.json:4:33: expected an amount awarded of at most the requested 100, found "
          "\"200\"" },
        { NULL,
          "{\"format\": \"clusterscope-registry\",\n"
          " \"links\": [{\"cluster\": \"penza\", \"source_org\": \"lab\",\n"
          "   \"target_org\": \"plant\", \"kind\": \"other\", \"source\": \"s\"}]}\n",
          "bad.json:3:18: expected a member of cluster penza (a membership stored or in the same "
          "import), found \"plant\"" },
        /* a stage that the same import's chain stages do not hold: at the membership */
        { NULL,
          "{\"format\": \"clusterscope-registry\",\n"
          " \"memberships\": [{\"cluster\": \"amber\", \"organisation\": \"lab\",\n"
          "                  \"value_chain_stage\": \"polishing\"}],\n"
          " \"chain_stages\": [{\"cluster\": \"amber\", \"stage\": \"mining\", \"position\": 1},\n"
          "                  {\"cluster\": \"amber\", \"stage\": \"processing\", \"position\": "
          "2}]}\n",
          "bad.json:3:40: expected a stage of the value chain of cluster amber (mining, "
          "processing), found \"polishing\"" },
        /* a stored membership outside the stages a cluster gets: at its first stage */
        { NULL,
          "{\"format\": \"clusterscope-registry\",\n"
          " \"chain_stages\": [{\"cluster\": \"amber\", \"stage\": \"mining\", \"position\": "
          "1}]}\n",
          "bad.json:2:49: expected stages of cluster amber that include processing, the "
          "value_chain_stage of its member plant, found \"mining\"" },
    };
    char *before = export_json(f, f->store, "before.json");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cs_import_stats s;
        assert_int_equal(
            cs_import_json_buffer(&s, f->store, bad[i].text, strlen(bad[i].text), "bad.json", NULL),
            CS_EDATA);
        if (strcmp(cs_error_last(), bad[i].message) != 0)
            fail_msg("%zu: got\n%s\nexpected\n%s", i, cs_error_last(), bad[i].message);
        char *after = export_json(f, f->store, "after.json");
        assert_string_equal(after, before);
        free(after);
    }
    free(before);
}

/* A cluster without stages keeps free text; one import may bring a cluster's stages and the
 * memberships, project members and stages that name them, in any order of files. */
static void test_stages_in_one_import(void **state)
{
    fixture *f = *state;
    load(f);
    /* amber defines no stages: its members' stages are free text, its projects' are refused */
    assert_int_equal(import_csv(f, f->store, "m.csv",
                                "cluster,organisation,value_chain_stage\namber,lab,anything\n",
                                "memberships"),
                     0);
    assert_int_equal(
        import_csv(f, f->store, "p.csv", "key,cluster,name_en\nap,amber,AP\n", "projects"), 0);
    assert_int_equal(
        import_csv(f, f->store, "ps.csv", "project,stage\nap,mining\n", "project_stages"),
        CS_EDATA);
    assert_string_equal(message(f), "ps.csv:2:2: expected a stage of the value chain of cluster "
                                    "amber (it defines none: import its chain_stages first or in "
                                    "the same import), found \"mining\"");
    /* the stages, the memberships that name them and the project's stages together, files in
     * the reverse order of their kinds */
    static const char *const names[] = { "ps.csv", "m.csv", "stages.csv" };
    static const char *const texts[] = {
        "project,stage\nap,mining\n",
        "cluster,organisation,value_chain_stage\namber,lab,anything\namber,plant,processing\n",
        "cluster,stage,position\namber,mining,1\namber,processing,2\namber,anything,3\n",
    };
    char *paths[3];
    for (size_t i = 0; i < 3; i++)
        paths[i] = st_write(f->dir, names[i], texts[i]);
    cs_import_stats s;
    if (cs_import_files(&s, f->store, (const char *const *)paths, 3, NULL))
        fail_msg("%s", cs_error_last());
    for (size_t i = 0; i < 3; i++)
        free(paths[i]);
    assert_int_equal(s.inserted[CS_KIND_CHAIN_STAGES], 3);
    assert_int_equal(s.inserted[CS_KIND_PROJECT_STAGES], 1);
    assert_int_equal(s.unchanged[CS_KIND_MEMBERSHIPS], 2);
    /* from now on amber's members name one of its stages */
    assert_int_equal(import_csv(f, f->store, "m2.csv",
                                "cluster,organisation,value_chain_stage\namber,lab,polishing\n",
                                "memberships"),
                     CS_EDATA);
    assert_string_equal(message(f), "m2.csv:2:3: expected a stage of the value chain of cluster "
                                    "amber (mining, processing, anything), found \"polishing\"");
    /* a stage the same import adds is one */
    static const char *const names2[] = { "m3.csv", "s3.csv" };
    static const char *const texts2[] = {
        "cluster,organisation,value_chain_stage\namber,lab,polishing\n",
        "cluster,stage,position\namber,polishing,4\n",
    };
    assert_int_equal(import_csvs(f, f->store, names2, texts2, 2, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_header_recognition, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_refusals_store_nothing, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_refusals_in_json, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_stages_in_one_import, st_setup, st_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
