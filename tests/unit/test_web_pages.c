/*
 * The web observatory's pages through cs_web_app_handle() (no sockets), on a registry of the
 * bundled data and tests/data/report/hostile.json: every page answers 200 in English and Russian,
 * unknown things are 404 pages, hostile names and parameters are written as text, the filters of
 * the home page and its map data agree with the registry, and the downloads are what they say.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/registry.h"
#include "clusterscope/service.h"
#include "clusterscope/web.h"

#include <glob.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

typedef struct {
    char *dir, *path;
    cs_web_app *app;
    cs_cluster_list *clusters; /* what the registry holds, read through the service */
} web_fixture;

static int setup(void **state)
{
    web_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    cs_service *svc = NULL;
    if (cs_service_create(f->path) || cs_service_open(&svc, f->path, CS_SERVICE_WRITE))
        fail_msg("making the registry: %s", cs_error_last());
    glob_t g = { 0 };
    assert_int_equal(glob("data/*.json", 0, NULL, &g), 0);
    assert_int_equal(glob("data/reference/reference-groups.json", GLOB_APPEND, NULL, &g), 0);
    assert_int_equal(glob("tests/data/report/hostile.json", GLOB_APPEND, NULL, &g), 0);
    cs_import_stats stats;
    if (cs_service_import(&stats, svc, (const char *const *)g.gl_pathv, g.gl_pathc, NULL))
        fail_msg("importing: %s", cs_error_last());
    globfree(&g);
    if (cs_service_clusters(&f->clusters, svc, NULL))
        fail_msg("reading the clusters: %s", cs_error_last());
    cs_service_close(svc);
    cs_web_options o = { 0 };
    o.quiet = 1;
    if (cs_web_app_new(&f->app, f->path, &o))
        fail_msg("opening the app: %s", cs_error_last());
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    web_fixture *f = *state;
    cs_web_app_free(f->app);
    cs_cluster_list_free(f->clusters);
    free(f->path);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

/* GET path?query: the status, and the body in *body (freed by the caller). */
static int get(char **body, web_fixture *f, const char *path, const char *query)
{
    cs_web_request req;
    memset(&req, 0, sizeof req);
    req.method = "GET";
    req.path = path;
    req.query = query;
    req.client = "127.0.0.1";
    cs_web_response *res = NULL;
    if (cs_web_app_handle(&res, f->app, &req))
        fail_msg("GET %s: %s", path, cs_error_last());
    size_t len = 0;
    const char *b = cs_web_response_body(res, &len);
    *body = malloc(len + 1);
    memcpy(*body, b, len);
    (*body)[len] = 0;
    int status = cs_web_response_status(res);
    cs_web_response_free(res);
    return status;
}

static size_t occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void every_page_in_both_languages(void **state)
{
    web_fixture *f = *state;
    static const char *const pages[] = {
        "/",
        "/clusters/medicon-valley",
        "/clusters/hostile-script",
        "/clusters/hostile-formula",
        "/countries/DE",
        "/regions/de-berlin-brandenburg",
        "/methods",
        "/methods/hse-biomedical-2019",
        "/search",
        "/downloads",
    };
    for (int lang = 0; lang < 2; lang++)
        for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
            char path[256], *body = NULL;
            snprintf(path, sizeof path, "/%s%s", lang ? "ru" : "en", pages[i]);
            int status = get(&body, f, path, NULL);
            if (status != 200)
                fail_msg("%s answered %d", path, status);
            assert_non_null(strstr(body, lang ? "<html lang=\"ru\">" : "<html lang=\"en\">"));
            assert_int_equal(occurrences(body, "<h1>"), 1);
            /* the search field of the header is on every page, labelled */
            assert_non_null(strstr(body, "<label for=\"q\">"));
            assert_non_null(strstr(body, "</html>\n"));
            free(body);
        }
    char *body = NULL;
    assert_int_equal(get(&body, f, "/ru/", NULL), 200);
    assert_non_null(strstr(body, "<h1>Карта кластеров</h1>"));
    free(body);
}

static void unknown_things_are_404(void **state)
{
    web_fixture *f = *state;
    static const char *const paths[] = { "/en/clusters/no-such-cluster",
                                         "/ru/clusters/x",
                                         "/en/methods/no-such-method",
                                         "/en/countries/ZZ",
                                         "/en/regions/nowhere",
                                         "/en/downloads/x.pdf",
                                         "/en/nothing-here" };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char *body = NULL;
        int status = get(&body, f, paths[i], NULL);
        if (status != 404)
            fail_msg("%s answered %d, expected 404", paths[i], status);
        assert_non_null(strstr(body, "<h1>"));
        free(body);
    }
}

static void hostile_text_is_inert(void **state)
{
    web_fixture *f = *state;
    char *body = NULL;
    assert_int_equal(get(&body, f, "/en/clusters/hostile-script", NULL), 200);
    assert_null(strstr(body, "<script>alert"));
    assert_null(strstr(body, "<img src=x"));
    assert_null(strstr(body, "<b>Berlin"));
    assert_non_null(strstr(body, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assert_non_null(strstr(body, "&lt;img src=x onerror=alert(2)&gt;")); /* the fact's quote */
    assert_non_null(strstr(body, "&lt;i&gt;line 1&lt;/i&gt;"));          /* its locator */
    free(body);
    assert_int_equal(get(&body, f, "/en/", NULL), 200);
    assert_null(strstr(body, "<script>alert"));
    assert_non_null(strstr(body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    free(body);
    /* reflected: parameters come back as text in the form and the links */
    assert_int_equal(get(&body, f, "/en/", "spec=%22%3E%3Cscript%3Ex%3C%2Fscript%3E"), 200);
    assert_null(strstr(body, "<script>x"));
    assert_non_null(strstr(body, "value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
    free(body);
    assert_int_equal(get(&body, f, "/en/search", "q=%3Csvg%20onload%3Dalert(1)%3E"), 200);
    assert_null(strstr(body, "<svg onload"));
    assert_non_null(strstr(body, "&lt;svg onload=alert(1)&gt;"));
    free(body);
}

static size_t count_kind(const cs_cluster_list *l, const char *kind, int coordinates)
{
    size_t n = 0;
    for (size_t i = 0; i < cs_cluster_list_count(l); i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(l, i);
        n += (!kind || strcmp(ci->kind, kind) == 0) && (!coordinates || ci->has_coordinates);
    }
    return n;
}

static void filters_follow_the_registry(void **state)
{
    web_fixture *f = *state;
    size_t all = cs_cluster_list_count(f->clusters);
    size_t industrial = count_kind(f->clusters, "industrial", 0);
    assert_true(industrial > 0 && industrial < all);
    char *body = NULL, want[64];
    assert_int_equal(get(&body, f, "/en/", NULL), 200);
    assert_int_equal(occurrences(body, "<tr data-key="), all);
    snprintf(want, sizeof want, "data-shown=\"%zu\"", all);
    assert_non_null(strstr(body, want));
    free(body);
    assert_int_equal(get(&body, f, "/en/", "kind=industrial"), 200);
    assert_int_equal(occurrences(body, "<tr data-key="), industrial);
    snprintf(want, sizeof want, "data-shown=\"%zu\"", industrial);
    assert_non_null(strstr(body, want));
    snprintf(want, sizeof want, "%zu industrial", industrial);
    assert_non_null(strstr(body, want)); /* the counts by kind */
    assert_non_null(strstr(body, "<option value=\"industrial\" selected>"));
    assert_non_null(strstr(body, "data-geo=\"/en/map.json?kind=industrial\""));
    free(body);
    /* the map's data: one feature per (filtered) cluster with coordinates */
    assert_int_equal(get(&body, f, "/en/map.json", NULL), 200);
    json_error_t err;
    json_t *doc = json_loads(body, 0, &err);
    if (!doc)
        fail_msg("map.json: %s at %d", err.text, err.line);
    assert_int_equal(json_array_size(json_object_get(doc, "features")),
                     count_kind(f->clusters, NULL, 1));
    json_decref(doc);
    free(body);
    assert_int_equal(get(&body, f, "/en/map.json", "kind=industrial"), 200);
    doc = json_loads(body, 0, &err);
    assert_non_null(doc);
    assert_int_equal(json_array_size(json_object_get(doc, "features")),
                     count_kind(f->clusters, "industrial", 1));
    json_decref(doc);
    free(body);
    /* specialisation contains, any case */
    assert_int_equal(get(&body, f, "/en/", "spec=MEDICAL+TECHNOLOGY"), 200);
    assert_non_null(strstr(body, "data-key=\"medicon-valley\""));
    assert_null(strstr(body, "data-key=\"hostile-script\""));
    free(body);
}

static void world_outline_is_geojson(void **state)
{
    web_fixture *f = *state;
    char *body = NULL;
    assert_int_equal(get(&body, f, "/static/world.json", NULL), 200);
    json_error_t err;
    json_t *doc = json_loads(body, 0, &err);
    if (!doc)
        fail_msg("world.json: %s at line %d column %d", err.text, err.line, err.column);
    json_t *coords = json_object_get(json_object_get(doc, "geometry"), "coordinates");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(doc, "geometry"), "type")),
        "MultiPolygon");
    assert_true(json_array_size(coords) > 50);
    size_t points = 0;
    for (size_t i = 0; i < json_array_size(coords); i++) {
        json_t *ring = json_array_get(json_array_get(coords, i), 0);
        assert_true(json_array_size(ring) >= 3);
        for (size_t k = 0; k < json_array_size(ring); k++, points++) {
            double lon = json_number_value(json_array_get(json_array_get(ring, k), 0));
            double lat = json_number_value(json_array_get(json_array_get(ring, k), 1));
            assert_true(lon >= -180 && lon <= 180);
            assert_true(lat >= -85 && lat <= 85);
        }
    }
    assert_true(points > 1000);
    json_decref(doc);
    free(body);
    /* Leaflet itself is served from the program */
    assert_int_equal(get(&body, f, "/static/leaflet.js", NULL), 200);
    assert_non_null(strstr(body, "Leaflet"));
    assert_null(strstr(body, "sourceMappingURL"));
    free(body);
}

/* Search and the specialisation filter ignore case in both alphabets and read ё as е. */
/* Search: the service's full-text search, case and ё/е aside, linked to where each hit is. */
static void search_folds_case_and_yo(void **state)
{
    web_fixture *f = *state;
    char *body = NULL;
    /* "КЛАСТЁР": upper case, with Ё; clusters named "кластер" are found and linked */
    assert_int_equal(get(&body, f, "/ru/search", "q=%D0%9A%D0%9B%D0%90%D0%A1%D0%A2%D0%81%D0%A0"),
                     200);
    assert_true(occurrences(body, "<span class=\"kind\">кластер</span> <a href=\"/ru/clusters/") >
                0);
    assert_non_null(strstr(body, "Найдено: "));
    free(body);
    /* an organisation links to its cluster; the English page names the kinds in English */
    assert_int_equal(get(&body, f, "/en/search", "q=Lund+University"), 200);
    assert_non_null(strstr(
        body, "<span class=\"kind\">organisation</span> <a href=\"/en/clusters/medicon-valley\">"));
    free(body);
    assert_int_equal(get(&body, f, "/en/search", "q=zzzz-no-such-thing"), 200);
    assert_int_equal(occurrences(body, "<span class=\"kind\">"), 0);
    assert_non_null(strstr(body, "Found: 0."));
    free(body);
    /* a query over the service's limit: the page with the field and the reason, status 400 */
    char query[1200] = "q=";
    memset(query + 2, 'a', 1100);
    query[1102] = 0;
    assert_int_equal(get(&body, f, "/en/search", query), 400);
    assert_non_null(strstr(body, "<input id=\"q-page\""));
    assert_non_null(strstr(body, "at most 1,000 bytes"));
    free(body);
    /* paging: a bad start is refused, a word in every cluster gives a next page */
    assert_int_equal(get(&body, f, "/en/search", "q=cluster&start=-1"), 400);
    free(body);
    assert_int_equal(get(&body, f, "/en/search", "q=cluster&start=x"), 400);
    free(body);
}

static void downloads(void **state)
{
    web_fixture *f = *state;
    char *body = NULL;
    assert_int_equal(get(&body, f, "/en/downloads/registry.json", NULL), 200);
    json_error_t err;
    json_t *doc = json_loads(body, 0, &err);
    if (!doc)
        fail_msg("registry.json: %s", err.text);
    assert_int_equal(json_array_size(json_object_get(doc, "clusters")),
                     cs_cluster_list_count(f->clusters));
    json_decref(doc);
    free(body);
    assert_int_equal(get(&body, f, "/ru/downloads/report.md", NULL), 200);
    assert_non_null(strstr(body, "# ")); /* a Markdown document */
    assert_non_null(strstr(body, "кластер"));
    free(body);
    assert_int_equal(get(&body, f, "/en/downloads/report.csv", NULL), 200);
    assert_non_null(strstr(body, "medicon-valley"));
    free(body);
}

static void cluster_page_content(void **state)
{
    web_fixture *f = *state;
    char *body = NULL;
    assert_int_equal(get(&body, f, "/en/clusters/medicon-valley", NULL), 200);
    assert_non_null(strstr(body, "<h1>Medicon Valley</h1>"));
    assert_non_null(strstr(body, "href=\"/en/countries/DK\">Denmark</a>"));
    assert_non_null(strstr(body, "I7 size")); /* the explain chain, indicator by indicator */
    assert_non_null(strstr(body, "lines 3888-3896")); /* a fact's locator */
    assert_non_null(strstr(body, "id=\"history\""));
    /* the import's revisions: who, what, the value after */
    assert_non_null(strstr(
        body,
        "<td>import (import)</td><td>profile: name_en</td><td>—</td><td>Medicon Valley</td>"));
    /* members with type and role, from the registry's memberships */
    assert_non_null(
        strstr(body, "<th scope=\"row\">Lund University</th><td>education</td><td>member</td>"));
    assert_non_null(strstr(
        body, "<th scope=\"row\">Medicon Valley Alliance</th><td>support</td><td>partner</td>"));
    free(body);
    assert_int_equal(get(&body, f, "/ru/clusters/medicon-valley", NULL), 200);
    assert_non_null(strstr(body, "<td>образовательная организация</td><td>участник</td>"));
    free(body);
    /* a country's facts with their source, locator and quote; a region by its name */
    assert_int_equal(get(&body, f, "/en/countries/KR", NULL), 200);
    assert_non_null(strstr(body, "<td>8</td><td>2013</td>"));
    assert_non_null(strstr(body, "<q>8. South Korea (65.1)</q>"));
    free(body);
    assert_int_equal(get(&body, f, "/ru/regions/de-berlin-brandenburg", NULL), 200);
    assert_non_null(strstr(body, "Столичный регион Берлин-Бранденбург</h1>"));
    assert_non_null(strstr(body, "href=\"/ru/clusters/healthcapital-berlin-brandenburg\""));
    free(body);
    /* a cluster out of the method's scope says why */
    assert_int_equal(get(&body, f, "/en/clusters/angara-yenisei", NULL), 200);
    assert_non_null(strstr(body, "Out of the method&#39;s scope:"));
    assert_non_null(strstr(body, "biomedical"));
    free(body);
}

/* The cluster page's timeline (issue 14): on tests/data/timeline/, Don Valley's participants
 * as a line chart without inline style, the gap years bridged; the amber cluster's target and
 * listing; a cluster without dated facts has no such section. */
static void timeline_on_cluster_page(void **state)
{
    web_fixture *f = *state;
    char *dir = st_dir(), *path = st_path(dir, "timeline.db");
    static const char *const files[] = {
        "tests/data/timeline/countries.csv", "tests/data/timeline/sources.csv",
        "tests/data/timeline/regions.csv",   "tests/data/timeline/clusters.csv",
        "tests/data/timeline/facts.csv",     "tests/data/timeline/programmes.csv",
        "tests/data/timeline/listings.csv",  "tests/data/timeline/targets.csv"
    };
    cs_service *svc = NULL;
    cs_import_stats stats;
    if (cs_service_create(path) || cs_service_open(&svc, path, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, svc, files, 8, NULL))
        fail_msg("making the registry: %s", cs_error_last());
    cs_service_close(svc);
    cs_web_app *full = f->app;
    cs_web_options o = { 0 };
    o.quiet = 1;
    assert_int_equal(cs_web_app_new(&f->app, path, &o), 0);
    char *body = NULL;
    assert_int_equal(get(&body, f, "/en/clusters/don-valley", NULL), 200);
    assert_non_null(
        strstr(body, "<h2 id=\"timeline\">Change over time</h2>\n<figure class=\"chart\">"));
    assert_non_null(strstr(body, "class=\"cs-gap\""));
    assert_non_null(strstr(body, "<figcaption>organisation_count</figcaption>"));
    assert_null(strstr(body, "style=\""));
    free(body);
    assert_int_equal(get(&body, f, "/ru/clusters/don-valley", NULL), 200);
    assert_non_null(strstr(body, "Динамика показателей</h2>"));
    free(body);
    /* amber: its target drawn (the dashed line and the diamond at its due year) beside its
     * series, and its listing in the registry with the date, in both languages */
    for (int ru = 0; ru < 2; ru++) {
        assert_int_equal(get(&body, f, ru ? "/ru/clusters/amber" : "/en/clusters/amber", NULL),
                         200);
        assert_non_null(strstr(body, "<figcaption>local_processing_share</figcaption>"));
        assert_non_null(strstr(body, "class=\"cs-target\""));
        assert_non_null(strstr(body, "class=\"cs-target-point\""));
        assert_non_null(strstr(body, "<h2 id=\"programmes\">"));
        assert_non_null(
            strstr(body, ru ? "<th scope=\"row\">Реестр промышленных кластеров</th>"
                            : "<th scope=\"row\">Registry of industrial clusters</th>"));
        assert_non_null(strstr(body, "<td>2019-03-26</td>"));
        /* the targets' table: 70 by 2025 from 2019; latest 42 (2021): 42 / 70 = 60 % */
        assert_non_null(strstr(body, "<table class=\"targets\">"));
        assert_non_null(strstr(body, ru ? "<td>2025</td><td>70</td><td>2019</td><td>42 (2021)</td>"
                                          "<td>60,00\u00a0%</td><td>test</td>"
                                        : "<td>2025</td><td>70</td><td>2019</td><td>42 (2021)</td>"
                                          "<td>60.00%</td><td>test</td>"));
        free(body);
    }
    /* a target without its due year or any value still shows, its unknowns said */
    static const char undated[] =
        "{\"format\": \"clusterscope-registry\", \"targets\": [{\"cluster\": \"don-valley\", "
        "\"name\": \"investment\", \"value\": \"500\", \"source\": \"test\"}]}";
    char *file = st_write(dir, "undated.json", undated);
    const char *const more[] = { file };
    if (cs_service_open(&svc, path, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, svc, more, 1, NULL))
        fail_msg("importing the target: %s", cs_error_last());
    cs_service_close(svc);
    free(file);
    cs_web_app_free(f->app);
    assert_int_equal(cs_web_app_new(&f->app, path, &o), 0);
    assert_int_equal(get(&body, f, "/en/clusters/don-valley", NULL), 200);
    assert_non_null(strstr(body, "<td>not stated</td><td>500</td><td>not stated</td><td>?</td>"
                                 "<td>?</td><td>test</td>"));
    free(body);
    assert_int_equal(get(&body, f, "/en/clusters/medi", NULL), 200);
    assert_null(strstr(body, "id=\"timeline\""));
    free(body);
    cs_web_app_free(f->app);
    f->app = full;
    free(path);
    st_dir_remove(dir);
}

/* The regional parts of the region and country pages. On the bundled registry (no statistics)
 * a region page says so; on tests/data/regional/view.json (strong clusters worked by hand in
 * tests/unit/test_regional_view.c) a region's page has its strength, rank, profile table, a bar
 * chart without inline style (the pages' CSP allows none) and the CSV link, and the country
 * page lists its regions by rank, in both languages. */
static void regional_pages(void **state)
{
    web_fixture *f = *state;
    char *body = NULL;
    assert_int_equal(get(&body, f, "/en/regions/de-berlin-brandenburg", NULL), 200);
    assert_non_null(strstr(body, "<h2 id=\"specialisation\">Specialisation profile</h2>\n<p>The "
                                 "registry holds no statistics of employment and establishments"));
    free(body);
    assert_int_equal(get(&body, f, "/en/countries/DE", NULL), 200);
    assert_null(strstr(body, "Regions by cluster strength"));
    free(body);

    char *dir = st_dir(), *path = st_path(dir, "regional.db");
    static const char *const files[] = { "data/countries.json", "data/sources.json",
                                         "tests/data/regional/view.json" };
    cs_service *svc = NULL;
    cs_import_stats stats;
    if (cs_service_create(path) || cs_service_open(&svc, path, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, svc, files, 3, NULL))
        fail_msg("making the registry: %s", cs_error_last());
    cs_service_close(svc);
    cs_web_app *full = f->app;
    cs_web_options o = { 0 };
    o.quiet = 1;
    assert_int_equal(cs_web_app_new(&f->app, path, &o), 0);

    assert_int_equal(get(&body, f, "/en/regions/at-a", NULL), 200);
    assert_non_null(strstr(
        body, "<p>Cluster strength 80.0% (rank 2 of 5, percentile 30); strong clusters: 1.</p>"));
    assert_non_null(strstr(body, "of 2020, 19 rows (9 of them name no source); sources: at-stat."));
    assert_non_null(strstr(body,
                           "<tr><td>biopharma</td><td>40</td><td>1.37</td><td>★</td></tr>\n"
                           "<tr><td>medical-devices</td><td>10</td><td>0.48</td><td></td></tr>"));
    assert_non_null(strstr(body, "<figure class=\"chart\">\n<svg "));
    assert_null(strstr(body, "style=\""));
    assert_non_null(strstr(body, "<a href=\"/api/v1/regions/at-a/specialisation?format=csv\">"));
    free(body);
    /* strong10 is two stars; at-e has no employment in medical-devices: one row */
    assert_int_equal(get(&body, f, "/en/regions/at-e", NULL), 200);
    assert_non_null(strstr(body, "<tr><td>biopharma</td><td>30</td><td>1.71</td><td>★★</td></tr>\n"
                                 "</tbody>"));
    free(body);
    assert_int_equal(get(&body, f, "/ru/regions/at-b", NULL), 200);
    assert_non_null(strstr(body, "Сила кластеров 80,0\xC2\xA0% (место 3 из 5, процентиль 50); "
                                 "сильных кластеров: 1."));
    free(body);
    assert_int_equal(get(&body, f, "/en/countries/AT", NULL), 200);
    const char *e = strstr(body, "/en/regions/at-e\">Epsilon</a></td><td>100.0%</td><td>biopharma "
                                 "(1.71)</td>");
    const char *a = strstr(body, "/en/regions/at-a\">Alpha</a></td><td>80.0%</td>");
    const char *b =
        strstr(body, "/en/regions/at-b\">Beta</a></td><td>80.0%</td><td>medical-devices "
                     "(1.92)</td>");
    const char *d = strstr(body, "/en/regions/at-d\">Delta</a></td><td>0.0%</td><td></td>");
    assert_true(e && a && b && d && e < a && a < b && b < d);
    /* the regions have no standard code: no map, a line that says why */
    assert_null(strstr(body, "cs-choropleth"));
    assert_non_null(strstr(body, "<p>No map: region Epsilon has no standard code"));
    assert_non_null(strstr(body, "<p>Ranks are over all regions of the statistics (5 regions; "
                                 "region type: not given).</p>"));
    free(body);
    assert_int_equal(get(&body, f, "/ru/countries/AT", NULL), 200);
    assert_non_null(strstr(body, "Регионы по силе кластеров"));
    free(body);
    /* a second request at the same state of the registry: the same page */
    char *again = NULL;
    assert_int_equal(get(&body, f, "/en/regions/at-c", NULL), 200);
    assert_int_equal(get(&again, f, "/en/regions/at-c", NULL), 200);
    assert_string_equal(body, again);
    free(body);
    free(again);
    /* the registry changes (a later year with both measures): the memo and the cache are keyed
     * by its state, so the page shows the new year at once */
    char *more = st_write(dir, "more.csv",
                          "region,industry,year,measure,value\n"
                          "at-c,biopharma,2022,employment,5\n"
                          "at-c,biopharma,2022,establishments,1\n");
    const char *paths[1] = { more };
    if (cs_service_open(&svc, path, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, svc, paths, 1, NULL))
        fail_msg("importing: %s", cs_error_last());
    cs_service_close(svc);
    free(more);
    assert_int_equal(get(&body, f, "/en/regions/at-c", NULL), 200);
    assert_non_null(strstr(body, "of 2022, 2 rows"));
    free(body);
    cs_web_app_free(f->app);
    f->app = full;
    st_dir_remove(dir);
    free(path);
}

/* The country page's map on tests/data/regional/us-states.json (worked by hand in
 * tests/unit/test_regional_view.c): the US states' map above the list, each state of the
 * statistics in its class (R-7 breaks of 0 0 80 100, as in test_report_build.c) and linking to
 * its page in the page's language, no inline style, the Russian legend; the county left out. */
static void regional_country_map(void **state)
{
    web_fixture *f = *state;
    char *dir = st_dir(), *path = st_path(dir, "us.db");
    /* the bundled countries and regions first (us-california among them), then the test's */
    static const char *const files[] = { "data/countries.json", "data/sources.json",
                                         "tests/data/regional/us-states.json" };
    cs_service *svc = NULL;
    cs_import_stats stats;
    if (cs_service_create(path) || cs_service_open(&svc, path, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, svc, files, 2, NULL) ||
        cs_service_import(&stats, svc, files + 2, 1, NULL))
        fail_msg("making the registry: %s", cs_error_last());
    cs_service_close(svc);
    cs_web_app *full = f->app;
    cs_web_options o = { 0 };
    o.quiet = 1;
    assert_int_equal(cs_web_app_new(&f->app, path, &o), 0);
    char *body = NULL;
    assert_int_equal(get(&body, f, "/en/countries/US", NULL), 200);
    const char *map = strstr(body, "<figure class=\"chart\">\n<svg ");
    assert_non_null(map);
    assert_non_null(strstr(map, "cs-choropleth"));
    assert_null(strstr(body, "style=\""));
    assert_non_null(strstr(map, "<a href=\"/en/regions/us-il\"><path class=\"cs-region\" "
                                "data-code=\"US-IL\" data-class=\"2\" data-id=\"us-il\""));
    assert_non_null(strstr(map, "<a href=\"/en/regions/us-wa\"><path class=\"cs-region\" "
                                "data-code=\"US-WA\" data-class=\"3\" data-id=\"us-wa\""));
    assert_non_null(strstr(map, "<a href=\"/en/regions/us-tx\"><path class=\"cs-region\" "
                                "data-code=\"US-TX\" data-class=\"1\""));
    /* a bundled state without statistics: on the map, grey, no link */
    assert_non_null(strstr(map, "<path class=\"cs-region\" data-code=\"US-CA\" data-class=\"0\" "
                                "fill=\"#D9D9D9\""));
    assert_null(strstr(map, "/en/regions/us-california"));
    assert_null(strstr(body, "us-tx-harris"));
    const char *table = strstr(body, "<table");
    const char *wa = strstr(body, "/en/regions/us-wa\">Washington</a></td><td>100.0%</td>");
    assert_true(table && wa && map < table && table < wa);
    free(body);
    assert_int_equal(get(&body, f, "/ru/countries/US", NULL), 200);
    assert_non_null(strstr(body, "<a href=\"/ru/regions/us-wa\"><path class=\"cs-region\""));
    assert_non_null(strstr(body, ">Сила кластеров, %</text>"));
    assert_non_null(strstr(body, "<title>Иллинойс: 80,0</title>"));
    assert_non_null(strstr(body, "не учтены регионы других типов (county): 1 регион."));
    free(body);
    /* the county's page: its type is not the level ranked, said so */
    assert_int_equal(get(&body, f, "/en/regions/us-tx-harris", NULL), 200);
    assert_non_null(strstr(body, "<p>The ranks of 2021 are over the regions of type state; this "
                                 "region is of type county, which is left out so that levels "
                                 "are not mixed.</p>"));
    free(body);
    cs_web_app_free(f->app);
    f->app = full;
    st_dir_remove(dir);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_page_in_both_languages),
        cmocka_unit_test(unknown_things_are_404),
        cmocka_unit_test(hostile_text_is_inert),
        cmocka_unit_test(filters_follow_the_registry),
        cmocka_unit_test(world_outline_is_geojson),
        cmocka_unit_test(downloads),
        cmocka_unit_test(cluster_page_content),
        cmocka_unit_test(search_folds_case_and_yo),
        cmocka_unit_test(regional_pages),
        cmocka_unit_test(regional_country_map),
        cmocka_unit_test(timeline_on_cluster_page),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
