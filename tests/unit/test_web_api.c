/*
 * The JSON API of the web observatory (src/web/api_*.c) driven through cs_web_app_handle(), no
 * sockets: the bundled registry and two hostile clusters (tests/data/report/hostile.json) in a
 * temporary file. The OpenAPI document names exactly the routes of the table (and the write
 * routes, marked not implemented), lists filter and page as they should, CSV cells are guarded,
 * every refusal carries its stable code, and the registry's bytes never change.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "clusterscope/web.h"
#include "web/web_impl.h"

#include <ctype.h>
#include <glob.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

typedef struct {
    char *dir, *path;
    cs_web_app *app;
    cs_service *svc;
} api_fixture;

static api_fixture *fx;

static int setup(void **state)
{
    (void)state;
    fx = calloc(1, sizeof *fx);
    fx->dir = st_dir();
    fx->path = st_path(fx->dir, "r.db");
    glob_t g = { 0 };
    assert_int_equal(glob("data/*.json", 0, NULL, &g), 0);
    assert_int_equal(glob("tests/data/report/hostile.json", GLOB_APPEND, NULL, &g), 0);
    cs_service *w = NULL;
    cs_import_stats stats;
    if (cs_service_create(fx->path) || cs_service_open(&w, fx->path, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, w, (const char *const *)g.gl_pathv, g.gl_pathc, NULL))
        fail_msg("making the registry: %s", cs_error_last());
    globfree(&g);
    cs_service_close(w);
    if (cs_web_app_new(&fx->app, fx->path, NULL) ||
        cs_service_open(&fx->svc, fx->path, CS_SERVICE_READ))
        fail_msg("opening the registry: %s", cs_error_last());
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    cs_service_close(fx->svc);
    cs_web_app_free(fx->app);
    st_dir_remove(fx->dir);
    free(fx->path);
    free(fx);
    return 0;
}

/* One request; the response is the caller's. */
static cs_web_response *request(const char *method, const char *target)
{
    char path[8192];
    snprintf(path, sizeof path, "%s", target);
    char *query = strchr(path, '?');
    if (query)
        *query++ = 0;
    cs_web_request req = { method, path, query, NULL, NULL, NULL, NULL, "", 0, "127.0.0.1" };
    cs_web_response *res = NULL;
    assert_int_equal(cs_web_app_handle(&res, fx->app, &req), 0);
    assert_non_null(res);
    return res;
}

/* GET target: asserts the status and returns the body parsed as JSON. */
static json_t *get_json(const char *target, int status)
{
    cs_web_response *res = request("GET", target);
    size_t len = 0;
    const char *body = cs_web_response_body(res, &len);
    if (cs_web_response_status(res) != status)
        fail_msg("%s: status %d, expected %d: %.*s", target, cs_web_response_status(res), status,
                 (int)len, body);
    assert_string_equal(cs_web_response_content_type(res), "application/json; charset=utf-8");
    json_error_t err;
    json_t *j = json_loadb(body, len, 0, &err);
    if (!j)
        fail_msg("%s: not JSON (%s): %.*s", target, err.text, (int)len, body);
    cs_web_response_free(res);
    return j;
}

/* GET target answers `status` with error code `code`. */
static void expect_error(const char *method, const char *target, int status, const char *code)
{
    cs_web_response *res = request(method, target);
    size_t len = 0;
    const char *body = cs_web_response_body(res, &len);
    if (cs_web_response_status(res) != status)
        fail_msg("%s %s: status %d, expected %d: %.*s", method, target, cs_web_response_status(res),
                 status, (int)len, body);
    json_t *j = json_loadb(body, len, 0, NULL);
    assert_non_null(j);
    const char *got = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    assert_non_null(got);
    assert_string_equal(got, code);
    assert_true(json_string_length(json_object_get(json_object_get(j, "error"), "message")) > 0);
    json_decref(j);
    cs_web_response_free(res);
}

static void lower(char *out, const char *s)
{
    while (*s)
        *out++ = (char)tolower((unsigned char)*s++);
    *out = 0;
}

/* Every route of the table is in the document and every implemented operation of the document
 * is in the table; the error codes are the stable eight. */
static void test_openapi_matches_routes(void **state)
{
    (void)state;
    json_t *doc = get_json("/api/v1/openapi.json", 200);
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    json_t *paths = json_object_get(doc, "paths");
    assert_non_null(paths);
    for (size_t i = 0; i < cs_web_api_route_count; i++) {
        char m[16];
        lower(m, cs_web_api_routes[i].method);
        json_t *op = json_object_get(json_object_get(paths, cs_web_api_routes[i].pattern), m);
        if (!op)
            fail_msg("route %s %s is not in openapi.json", cs_web_api_routes[i].method,
                     cs_web_api_routes[i].pattern);
        assert_null(json_object_get(op, "x-not-implemented"));
    }
    const char *path;
    json_t *item;
    size_t implemented = 0, planned = 0;
    json_object_foreach(paths, path, item)
    {
        const char *method;
        json_t *op;
        json_object_foreach(item, method, op)
        {
            if (json_is_true(json_object_get(op, "x-not-implemented"))) {
                planned++;
                continue;
            }
            size_t k = 0;
            for (; k < cs_web_api_route_count; k++) {
                char m[16];
                lower(m, cs_web_api_routes[k].method);
                if (strcmp(m, method) == 0 && strcmp(cs_web_api_routes[k].pattern, path) == 0)
                    break;
            }
            if (k == cs_web_api_route_count)
                fail_msg("openapi.json has %s %s, which no route serves", method, path);
            implemented++;
        }
    }
    assert_int_equal(implemented, cs_web_api_route_count);
    assert_int_equal(planned, 0); /* every route planned is served */
    static const char *const codes[] = {
        "not_found",    "bad_parameter", "method_not_allowed", "payload_too_large",
        "unauthorized", "forbidden",     "server_error",       "registry_unavailable",
        "bad_json",     "unknown_field", "unknown_source",     "invalid_value",
        "conflict",     "too_large",     "rate_limited"
    };
    json_t *listed = json_object_get(doc, "x-error-codes");
    json_t *en = json_object_get(
        json_object_get(
            json_object_get(
                json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"),
                                "Error"),
                "properties"),
            "error"),
        "properties");
    en = json_object_get(json_object_get(en, "code"), "enum");
    size_t n_codes = sizeof codes / sizeof codes[0];
    assert_int_equal(json_object_size(listed), n_codes);
    assert_int_equal(json_array_size(en), n_codes);
    for (size_t i = 0; i < n_codes; i++) {
        assert_non_null(json_object_get(listed, codes[i]));
        assert_string_equal(json_string_value(json_array_get(en, i)), codes[i]);
    }
    json_decref(doc);
}

static void test_cluster_list(void **state)
{
    (void)state;
    cs_cluster_list *all = NULL;
    assert_int_equal(cs_service_clusters(&all, fx->svc, NULL), 0);
    size_t n = cs_cluster_list_count(all), dk = 0;
    for (size_t i = 0; i < n; i++)
        dk += strcmp(cs_cluster_list_at(all, i)->country, "DK") == 0;
    assert_true(n > 40 && dk > 0);

    json_t *j = get_json("/api/v1/clusters", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), n);
    json_t *list = json_object_get(j, "clusters");
    assert_int_equal(json_array_size(list), n < 100 ? n : 100);
    /* by key, as the registry lists them */
    for (size_t i = 0; i < json_array_size(list); i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(list, i), "key")),
                            cs_cluster_list_at(all, i)->key);
    json_decref(j);

    /* paging: offset 3, limit 2 are the 4th and 5th */
    j = get_json("/api/v1/clusters?limit=2&offset=3", 200);
    list = json_object_get(j, "clusters");
    assert_int_equal(json_array_size(list), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 1), "key")),
                        cs_cluster_list_at(all, 4)->key);
    json_decref(j);
    j = get_json("/api/v1/clusters?offset=100000", 200);
    assert_int_equal(json_array_size(json_object_get(j, "clusters")), 0);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), n);
    json_decref(j);

    /* a filter: the total follows it, case ignored */
    j = get_json("/api/v1/clusters?country=dk", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), dk);
    list = json_object_get(j, "clusters");
    for (size_t i = 0; i < json_array_size(list); i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(list, i), "country")),
                            "DK");
    json_decref(j);

    /* sort by founding year, latest first: never increasing, unknown (null) last */
    j = get_json("/api/v1/clusters?sort=-founded&limit=1000", 200);
    list = json_object_get(j, "clusters");
    assert_int_equal(json_array_size(list), n);
    long long prev = 1000000;
    for (size_t i = 0; i < n; i++) {
        json_t *f = json_object_get(json_array_get(list, i), "founded");
        long long y = json_is_null(f) ? 0 : json_integer_value(f);
        assert_true(y <= prev);
        prev = y;
    }
    assert_true(json_integer_value(json_object_get(json_array_get(list, 0), "founded")) > 1900);
    json_decref(j);

    /* q: the specialisation contains the text */
    j = get_json("/api/v1/clusters?q=WINE&limit=1000", 200);
    list = json_object_get(j, "clusters");
    assert_true(json_array_size(list) >= 1);
    for (size_t i = 0; i < json_array_size(list); i++)
        assert_non_null(strcasestr(
            json_string_value(json_object_get(json_array_get(list, i), "specialisation")), "wine"));
    json_decref(j);
    cs_cluster_list_free(all);
}

static void test_cluster_list_csv(void **state)
{
    (void)state;
    cs_web_response *res = request("GET", "/api/v1/clusters?format=csv&country=FR&limit=1000");
    assert_int_equal(cs_web_response_status(res), 200);
    assert_string_equal(cs_web_response_content_type(res), "text/csv; charset=utf-8");
    size_t len = 0;
    const char *body = cs_web_response_body(res, &len);
    assert_true(strncmp(body, "key,name_en,name_ru,country,", 28) == 0);
    /* the formula in the hostile cluster's name is inert: an apostrophe before it */
    assert_non_null(strstr(body, "\nhostile-formula,\"'=HYPERLINK(\"\"http://evil.example"));
    assert_null(strstr(body, ",=HYPERLINK"));
    assert_null(strstr(body, ",\"=HYPERLINK"));
    cs_web_response_free(res);
}

static void test_cluster(void **state)
{
    (void)state;
    json_t *j = get_json("/api/v1/clusters/medicon-valley", 200);
    json_t *profile = json_object_get(j, "profile");
    assert_string_equal(json_string_value(json_object_get(profile, "key")), "medicon-valley");
    assert_string_equal(json_string_value(json_object_get(profile, "country")), "DK");
    json_t *facts = json_object_get(j, "facts");
    assert_true(json_array_size(facts) >= 5);
    for (size_t i = 0; i < json_array_size(facts); i++) {
        json_t *f = json_array_get(facts, i);
        json_t *src = json_object_get(f, "source");
        const char *key = json_string_value(json_object_get(src, "key"));
        assert_non_null(key);
        /* a registry source has a title; facts implied by memberships cite the registry */
        if (strcmp(key, "registry:memberships") != 0)
            assert_true(json_string_length(json_object_get(src, "title")) > 0);
        assert_non_null(json_string_value(json_object_get(f, "locator")));
        assert_non_null(json_string_value(json_object_get(f, "status")));
    }
    /* members as the service lists them, each with its source */
    cs_service_member_list *members = NULL;
    assert_int_equal(cs_service_members(&members, fx->svc, "medicon-valley"), 0);
    json_t *jm = json_object_get(j, "members");
    assert_true(cs_service_members_count(members) > 5);
    assert_int_equal(json_array_size(jm), cs_service_members_count(members));
    for (size_t i = 0; i < json_array_size(jm); i++) {
        assert_string_equal(
            json_string_value(json_object_get(json_array_get(jm, i), "organisation")),
            cs_service_members_at(members, i)->organisation);
        assert_non_null(json_object_get(json_array_get(jm, i), "source"));
    }
    cs_service_members_free(members);
    /* every fact of the cluster, all years */
    cs_factset *all = NULL;
    assert_int_equal(cs_service_subject_facts(&all, fx->svc, CS_SUBJECT_CLUSTER, "medicon-valley"),
                     0);
    assert_int_equal(json_array_size(facts), cs_factset_count(all));
    cs_factset_free(all);
    json_decref(j);
    /* JSON escapes the hostile text; it comes back as the same string */
    j = get_json("/api/v1/clusters/hostile-script", 200);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(j, "profile"), "name_en")),
        "<script>alert(1)</script>");
    json_decref(j);
    expect_error("GET", "/api/v1/clusters/no-such-cluster", 404, "not_found");
    expect_error("GET", "/api/v1/clusters/medicon-valley?x=1", 400, "bad_parameter");
}

static void test_assessment(void **state)
{
    (void)state;
    json_t *j = get_json("/api/v1/clusters/medicon-valley/assessment", 200);
    assert_string_equal(json_string_value(json_object_get(j, "format")), "clusterscope-explain");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "cluster"), "key")),
                        "medicon-valley");
    assert_true(json_is_true(json_object_get(json_object_get(j, "scope"), "in")));
    assert_true(json_array_size(json_object_get(j, "indicators")) == 15);
    json_decref(j);
    /* a tourist cluster is outside the biomedical method's scope: the reason, no indicators */
    j = get_json("/api/v1/clusters/belomorye/assessment", 200);
    assert_true(json_is_false(json_object_get(json_object_get(j, "scope"), "in")));
    json_decref(j);
    j = get_json("/api/v1/clusters/medicon-valley/assessment?method=hse-biomedical-2019-split",
                 200);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "method"), "id")),
                        "hse-biomedical-2019-split");
    json_decref(j);
    expect_error("GET", "/api/v1/clusters/medicon-valley/assessment?method=/etc/passwd", 400,
                 "bad_parameter");
    expect_error("GET", "/api/v1/clusters/medicon-valley/assessment?method=methods/x.json", 400,
                 "bad_parameter");
    expect_error("GET", "/api/v1/clusters/nope/assessment", 404, "not_found");
}

static void test_typology_and_groups(void **state)
{
    (void)state;
    json_t *j = get_json("/api/v1/typology", 200);
    assert_string_equal(json_string_value(json_object_get(j, "source")), "fresh");
    json_t *p = json_object_get(j, "partition");
    assert_string_equal(json_string_value(json_object_get(p, "format")), "clusterscope-partition");
    json_decref(j);
    /* the group filter: every cluster listed is in that group, and the groups add up */
    long long in_groups = 0;
    for (int g = 1; g <= 3; g++) {
        char target[64];
        snprintf(target, sizeof target, "/api/v1/clusters?group=%d&limit=1000", g);
        j = get_json(target, 200);
        json_t *list = json_object_get(j, "clusters");
        assert_true(json_array_size(list) > 0);
        for (size_t i = 0; i < json_array_size(list); i++)
            assert_int_equal(json_integer_value(json_object_get(json_array_get(list, i), "group")),
                             g);
        in_groups += json_integer_value(json_object_get(j, "total"));
        json_decref(j);
    }
    assert_true(in_groups >= 20);
    expect_error("GET", "/api/v1/clusters?group=x", 400, "bad_parameter");
}

static void test_countries(void **state)
{
    (void)state;
    json_t *j = get_json("/api/v1/countries?limit=1000", 200);
    json_t *list = json_object_get(j, "countries");
    assert_int_equal(json_array_size(list), json_integer_value(json_object_get(j, "total")));
    long long sum = 0, dk = -1;
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *c = json_array_get(list, i);
        sum += json_integer_value(json_object_get(c, "clusters"));
        if (strcmp(json_string_value(json_object_get(c, "code")), "DK") == 0) {
            dk = json_integer_value(json_object_get(c, "clusters"));
            assert_string_equal(json_string_value(json_object_get(c, "name_ru")), "Дания");
            /* Denmark's facts (the country block of the method) with their sources */
            cs_factset *cf = NULL;
            assert_int_equal(cs_service_subject_facts(&cf, fx->svc, CS_SUBJECT_COUNTRY, "DK"), 0);
            assert_true(cs_factset_count(cf) > 0);
            assert_int_equal(json_array_size(json_object_get(c, "facts")), cs_factset_count(cf));
            cs_factset_free(cf);
        }
    }
    assert_true(dk >= 1);
    cs_cluster_list *all = NULL;
    assert_int_equal(cs_service_clusters(&all, fx->svc, NULL), 0);
    assert_true(sum > 0 && (size_t)sum <= cs_cluster_list_count(all));
    cs_cluster_list_free(all);
    json_decref(j);
    cs_web_response *res = request("GET", "/api/v1/countries?format=csv&limit=1");
    size_t len = 0;
    const char *body = cs_web_response_body(res, &len);
    assert_true(strncmp(body, "code,name_en,name_ru,clusters\n", 30) == 0);
    int lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += body[i] == '\n';
    assert_int_equal(lines, 2);
    cs_web_response_free(res);
}

static void test_search(void **state)
{
    (void)state;
    /* a Russian word form finds the cluster by its Russian name; the total counts every hit */
    json_t *j = get_json("/api/v1/search?q=%D0%B1%D0%B8%D0%BE%D0%BC%D0%B5%D0%B4%D0%B8%D1%86%D0%B8"
                         "%D0%BD%D1%81%D0%BA%D0%B8%D0%BC%D0%B8&limit=1000",
                         200);
    json_t *hits = json_object_get(j, "hits");
    assert_true(json_array_size(hits) > 0);
    assert_int_equal(json_array_size(hits), json_integer_value(json_object_get(j, "total")));
    json_decref(j);
    j = get_json("/api/v1/search?q=Medicon&limit=1", 200);
    hits = json_object_get(j, "hits");
    assert_int_equal(json_array_size(hits), 1);
    assert_true(json_integer_value(json_object_get(j, "total")) > 1);
    assert_non_null(
        strstr(json_string_value(json_object_get(json_array_get(hits, 0), "title")), "Medicon"));
    json_decref(j);
    /* query syntax is only words: no error, no 500 */
    j = get_json("/api/v1/search?q=%22%20OR%20*%20NEAR(", 200);
    json_decref(j);
    expect_error("GET", "/api/v1/search", 400, "bad_parameter");
    expect_error("GET", "/api/v1/search?q=", 400, "bad_parameter");
    /* 40 words, over the 32 a query takes */
    char many[600] = "/api/v1/search?q=word";
    for (int i = 0; i < 40; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "+word%d", i);
    expect_error("GET", many, 400, "bad_parameter");
}

static void test_history(void **state)
{
    (void)state;
    cs_service_revisions *revs = NULL;
    assert_int_equal(cs_service_history(&revs, fx->svc, "medicon-valley"), 0);
    size_t n = cs_service_revisions_count(revs);
    assert_true(n > 10); /* the import recorded the profile, the facts and the memberships */
    json_t *j = get_json("/api/v1/clusters/medicon-valley/history?limit=1000", 200);
    json_t *list = json_object_get(j, "revisions");
    assert_int_equal(json_integer_value(json_object_get(j, "total")), n);
    assert_int_equal(json_array_size(list), n);
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(list, i);
        const cs_service_revision *r = cs_service_revisions_at(revs, i);
        assert_int_equal(json_integer_value(json_object_get(v, "id")), r->id);
        assert_string_equal(json_string_value(json_object_get(v, "author")), "import");
        assert_string_equal(json_string_value(json_object_get(v, "target")), r->target);
        assert_true(json_is_null(json_object_get(v, "old"))); /* first import: nothing before */
        assert_non_null(json_string_value(json_object_get(v, "new")));
    }
    json_decref(j);
    j = get_json("/api/v1/clusters/medicon-valley/history?limit=2&offset=1", 200);
    list = json_object_get(j, "revisions");
    assert_int_equal(json_array_size(list), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 0), "id")),
                     cs_service_revisions_at(revs, 1)->id);
    json_decref(j);
    cs_service_revisions_free(revs);
    cs_web_response *res = request("GET", "/api/v1/clusters/hostile-formula/history?format=csv");
    size_t len = 0;
    const char *body = cs_web_response_body(res, &len);
    assert_true(strncmp(body, "id,time,author,action,reverts,target,field,year,old,new,", 56) == 0);
    assert_non_null(strstr(body, ",\"'=HYPERLINK(")); /* the name's revision, inert */
    cs_web_response_free(res);
    expect_error("GET", "/api/v1/clusters/nope/history", 404, "not_found");
}

/* An empty registry: empty lists, and no typology is a 404 with the reason, not a failure. */
static void test_empty_registry(void **state)
{
    (void)state;
    char *dir = st_dir();
    char *path = st_path(dir, "empty.db");
    assert_int_equal(cs_service_create(path), 0);
    cs_web_app *full = fx->app;
    assert_int_equal(cs_web_app_new(&fx->app, path, NULL), 0);
    json_t *j = get_json("/api/v1/clusters", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
    json_decref(j);
    expect_error("GET", "/api/v1/typology", 404, "not_found");
    expect_error("GET", "/api/v1/clusters?group=1", 404, "not_found");
    cs_web_app_free(fx->app);
    fx->app = full;
    st_dir_remove(dir);
    free(path);
}

static void test_refusals(void **state)
{
    (void)state;
    expect_error("GET", "/api/v1/clusters?limit=0", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters?limit=1001", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters?limit=-1", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters?limit=+5", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters?offset=1x", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters?sort=population", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters?format=xml", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters?unknown=1", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters?q=%ff", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters?q=%00", 400, "bad_parameter");
    expect_error("GET", "/api/v1/clusters/%c0%af", 400, "bad_parameter");
    expect_error("POST", "/api/v1/clusters", 405, "method_not_allowed");
    expect_error("PATCH", "/api/v1/clusters/medicon-valley", 401, "unauthorized");
    expect_error("PUT", "/api/v1/clusters/medicon-valley", 405, "method_not_allowed");
    expect_error("DELETE", "/api/v1/typology", 405, "method_not_allowed");
    expect_error("GET", "/api/v1/nothing", 404, "not_found");
    expect_error("GET", "/api/v2/clusters", 404, "not_found");
    expect_error("POST", "/api/v1/facts", 401, "unauthorized");
    expect_error("GET", "/api/v1/registrations", 401, "unauthorized");
    expect_error("POST", "/api/v1/revisions/1/revert", 401, "unauthorized");
    char long_query[6000] = "/api/v1/clusters?q=";
    memset(long_query + strlen(long_query), 'a', 5000);
    expect_error("GET", long_query, 414, "bad_parameter");
    /* HEAD is answered as GET */
    cs_web_response *res = request("HEAD", "/api/v1/countries");
    assert_int_equal(cs_web_response_status(res), 200);
    const char *name, *value;
    int csp = 0;
    for (size_t i = 0; cs_web_response_header(res, i, &name, &value); i++)
        csp |= strcmp(name, "Content-Security-Policy") == 0;
    assert_true(csp);
    cs_web_response_free(res);
}

/* GET /regions/{key}/specialisation: on the bundled registry (no statistics) a profile without
 * a year; with tests/data/regional/view.json imported, the strong clusters and strengths that
 * tests/unit/test_regional_view.c works by hand; refusals with their stable codes. */
static void test_region_specialisation(void **state)
{
    (void)state;
    json_t *j = get_json("/api/v1/regions/de-hamburg/specialisation", 200);
    assert_true(json_is_null(json_object_get(j, "year")));
    assert_int_equal(json_array_size(json_object_get(j, "profile")), 0);
    json_decref(j);
    expect_error("GET", "/api/v1/regions/de-hamburg/specialisation?year=2020", 400,
                 "bad_parameter");

    char *dir = st_dir();
    char *path = st_path(dir, "regional.db");
    static const char *const files[] = { "data/countries.json", "data/sources.json",
                                         "tests/data/regional/view.json" };
    cs_service *w = NULL;
    cs_import_stats stats;
    if (cs_service_create(path) || cs_service_open(&w, path, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, w, files, 3, NULL))
        fail_msg("making the registry: %s", cs_error_last());
    cs_service_close(w);
    cs_web_app *full = fx->app;
    assert_int_equal(cs_web_app_new(&fx->app, path, NULL), 0);
    j = get_json("/api/v1/regions/at-b/specialisation", 200);
    assert_string_equal(json_string_value(json_object_get(j, "name_ru")), "Бета");
    assert_int_equal(json_integer_value(json_object_get(j, "year")), 2020);
    assert_int_equal(json_integer_value(json_object_get(j, "rows")), 19);
    assert_int_equal(json_integer_value(json_object_get(j, "rank")), 3);
    assert_int_equal(json_integer_value(json_object_get(j, "regions_ranked")), 5);
    assert_true(fabs(json_real_value(json_object_get(j, "cluster_strength")) - 0.8) < 1e-12);
    assert_true(fabs(json_real_value(json_object_get(j, "percentile")) - 50) < 1e-12);
    json_t *profile = json_object_get(j, "profile");
    assert_int_equal(json_array_size(profile), 2);
    json_t *first = json_array_get(profile, 0);
    assert_string_equal(json_string_value(json_object_get(first, "category")), "medical-devices");
    assert_true(fabs(json_real_value(json_object_get(first, "lq")) - 1.92) < 1e-12);
    assert_true(json_is_true(json_object_get(first, "strong")));
    assert_true(json_is_true(json_object_get(first, "strong10")));
    assert_true(json_is_false(json_object_get(json_array_get(profile, 1), "strong")));
    json_decref(j);
    /* another year held: 2018 has one cell, in at-a only */
    j = get_json("/api/v1/regions/at-a/specialisation?year=2018", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "year")), 2018);
    assert_int_equal(json_array_size(json_object_get(j, "sources")), 2);
    json_decref(j);
    j = get_json("/api/v1/regions/at-b/specialisation?year=2018", 200);
    assert_non_null(json_object_get(j, "note"));
    assert_int_equal(json_array_size(json_object_get(j, "profile")), 0);
    json_decref(j);
    cs_web_response *res = request("GET", "/api/v1/regions/at-a/specialisation?format=csv");
    size_t len = 0;
    const char *body = cs_web_response_body(res, &len);
    assert_int_equal(cs_web_response_status(res), 200);
    const char want[] = "category,employment,lq,strong,strong10\n"
                        "biopharma,40,1.3714285714285714,1,0\n"
                        "medical-devices,10,0.48,0,0\n";
    assert_int_equal(len, strlen(want));
    assert_memory_equal(body, want, len);
    cs_web_response_free(res);
    expect_error("GET", "/api/v1/regions/nope/specialisation", 404, "not_found");
    expect_error("GET", "/api/v1/regions/at-a/specialisation?year=2019", 400, "bad_parameter");
    expect_error("GET", "/api/v1/regions/at-a/specialisation?year=20x0", 400, "bad_parameter");
    expect_error("GET", "/api/v1/regions/at-a/specialisation?year=0", 400, "bad_parameter");
    expect_error("GET", "/api/v1/regions/at-a/specialisation?format=xml", 400, "bad_parameter");
    expect_error("GET", "/api/v1/regions/at-a/specialisation?lang=ru", 400, "bad_parameter");
    expect_error("POST", "/api/v1/regions/at-a/specialisation", 405, "method_not_allowed");
    cs_web_app_free(fx->app);
    fx->app = full;
    st_dir_remove(dir);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_openapi_matches_routes),
        cmocka_unit_test(test_cluster_list),
        cmocka_unit_test(test_cluster_list_csv),
        cmocka_unit_test(test_cluster),
        cmocka_unit_test(test_assessment),
        cmocka_unit_test(test_typology_and_groups),
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_empty_registry),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_region_specialisation),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
