/* The parsing of web requests (src/web/request.c): percent-decoding to valid UTF-8 without NUL
 * bytes, query strings and forms within the parameter limit, and cookies; and the router's
 * first answers through cs_web_app_handle() (redirect by language, 404, 400, static files,
 * security headers). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "clusterscope/web.h"
#include "web/web_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_decode(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(cs_web_decode(out, sizeof out, "/a%20b+c", 8, 0), 0);
    assert_string_equal(out, "/a b+c");
    assert_int_equal(cs_web_decode(out, sizeof out, "a%20b+c", 7, 1), 0);
    assert_string_equal(out, "a b c");
    /* Cyrillic, percent-encoded UTF-8 */
    const char *ru = "%D0%BA%D0%BB%D0%B0%D1%81%D1%82%D0%B5%D1%80";
    assert_int_equal(cs_web_decode(out, sizeof out, ru, strlen(ru), 1), 0);
    assert_string_equal(out, "кластер");
    /* refused: NUL, truncated or bad escapes, invalid UTF-8, overlong forms, surrogates, too long
     */
    const char *bad[] = { "%00", "%4", "%", "%zz", "%ff", "%C0%AF", "%ED%A0%80", "%F4%90%80%80" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(cs_web_decode(out, sizeof out, bad[i], strlen(bad[i]), 1), -1);
    char small[4];
    assert_int_equal(cs_web_decode(small, sizeof small, "abcd", 4, 0), -1);
    assert_int_equal(cs_web_decode(small, sizeof small, "abc", 3, 0), 0);
}

static void test_params(void **state)
{
    (void)state;
    cs_web_params p;
    const char *q = "country=DE&kind=biomedical&&q=%D0%BC%D0%B5%D0%B4&empty=&flag";
    assert_int_equal(cs_web_parse_params(&p, q, strlen(q)), 0);
    assert_int_equal(p.n, 5);
    assert_string_equal(cs_web_param_get(&p, "country"), "DE");
    assert_string_equal(cs_web_param_get(&p, "q"), "мед");
    assert_string_equal(cs_web_param_get(&p, "empty"), "");
    assert_string_equal(cs_web_param_get(&p, "flag"), "");
    assert_null(cs_web_param_get(&p, "missing"));
    cs_web_params_free(&p);
    assert_int_equal(cs_web_parse_params(&p, NULL, 0), 0);
    assert_int_equal(p.n, 0);
    /* a bad escape anywhere refuses the whole string, and nothing is kept */
    assert_int_equal(cs_web_parse_params(&p, "a=1&b=%zz", 9), CS_EDATA);
    assert_int_equal(p.n, 0);
    /* the parameter limit */
    char many[1024] = "";
    for (int i = 0; i <= CS_WEB_MAX_PARAMS; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "p%d=1&", i);
    assert_int_equal(cs_web_parse_params(&p, many, strlen(many)), CS_EDATA);
    assert_int_equal(p.n, 0);
    cs_error_clear();
}

static void test_cookie(void **state)
{
    (void)state;
    char v[16];
    assert_int_equal(cs_web_cookie(v, sizeof v, "a=1; session=xyz; b=2", "session"), 0);
    assert_string_equal(v, "xyz");
    assert_int_equal(cs_web_cookie(v, sizeof v, "a=1;sess=1", "session"), -1);
    assert_int_equal(cs_web_cookie(v, sizeof v, "xsession=1", "session"), -1);
    assert_int_equal(cs_web_cookie(v, sizeof v, "session=0123456789abcdef0", "session"), -1);
    assert_int_equal(cs_web_cookie(v, sizeof v, NULL, "session"), -1);
}

static char db[256];
static cs_web_app *app;

static int setup(void **state)
{
    (void)state;
    snprintf(db, sizeof db, "%s/cs-web-%d.db", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid());
    unlink(db);
    if (cs_service_create(db))
        return -1;
    return cs_web_app_new(&app, db, NULL);
}

static int teardown(void **state)
{
    (void)state;
    cs_web_app_free(app);
    unlink(db);
    return 0;
}

static cs_web_response *get(const char *path, const char *query, const char *accept_language)
{
    cs_web_request req = {
        "GET", path, query, NULL, NULL, NULL, accept_language, "", 0, "127.0.0.1"
    };
    cs_web_response *res = NULL;
    assert_int_equal(cs_web_app_handle(&res, app, &req), 0);
    return res;
}

static const char *header(const cs_web_response *res, const char *name)
{
    const char *n, *v;
    for (size_t i = 0; cs_web_response_header(res, i, &n, &v); i++)
        if (strcmp(n, name) == 0)
            return v;
    return NULL;
}

static void test_routes(void **state)
{
    (void)state;
    cs_web_response *res = get("/", NULL, "ru-RU,ru;q=0.9,en;q=0.8");
    assert_int_equal(cs_web_response_status(res), 303);
    assert_string_equal(header(res, "Location"), "/ru/");
    cs_web_response_free(res);
    res = get("/", NULL, NULL);
    assert_string_equal(header(res, "Location"), "/en/");
    cs_web_response_free(res);

    res = get("/ru/", NULL, NULL);
    assert_int_equal(cs_web_response_status(res), 200);
    size_t len;
    const char *body = cs_web_response_body(res, &len);
    assert_non_null(strstr(body, "<html lang=\"ru\">"));
    assert_non_null(strstr(body, "<a class=\"lang\" lang=\"en\" href=\"/en/\">English</a>"));
    assert_non_null(strstr(header(res, "Content-Security-Policy"), "default-src 'self'"));
    assert_string_equal(header(res, "X-Content-Type-Options"), "nosniff");
    cs_web_response_free(res);

    /* the language switch keeps the query, escaped */
    res = get("/en/", "q=%3Cscript%3E&x=\"", NULL);
    body = cs_web_response_body(res, &len);
    assert_non_null(strstr(body, "href=\"/ru/?q=%3Cscript%3E&amp;x=&quot;\""));
    cs_web_response_free(res);

    res = get("/fr/", NULL, NULL);
    assert_int_equal(cs_web_response_status(res), 404);
    cs_web_response_free(res);
    res = get("/en/%ff", NULL, NULL);
    assert_int_equal(cs_web_response_status(res), 400);
    cs_web_response_free(res);
    res = get("/en/", "a=%zz", NULL);
    assert_int_equal(cs_web_response_status(res), 400);
    cs_web_response_free(res);

    res = get("/static/site.css", NULL, NULL);
    assert_int_equal(cs_web_response_status(res), 200);
    assert_string_equal(cs_web_response_content_type(res), "text/css; charset=utf-8");
    cs_web_response_free(res);
    const char *bad_static[] = { "/static/", "/static/../Makefile", "/static/%2e%2e/x",
                                 "/static/a/b.css", "/static/missing.css" };
    for (size_t i = 0; i < sizeof bad_static / sizeof bad_static[0]; i++) {
        res = get(bad_static[i], NULL, NULL);
        assert_int_equal(cs_web_response_status(res), 404);
        cs_web_response_free(res);
    }

    /* the API answers JSON errors */
    res = get("/api/v1/nothing", NULL, NULL);
    assert_int_equal(cs_web_response_status(res), 404);
    assert_string_equal(cs_web_response_content_type(res), "application/json; charset=utf-8");
    body = cs_web_response_body(res, &len);
    assert_non_null(strstr(body, "\"code\": \"not_found\""));
    cs_web_response_free(res);

    /* a method the route does not take */
    cs_web_request post = { "POST", "/en/", NULL, NULL, NULL, NULL, NULL, "", 0, "127.0.0.1" };
    assert_int_equal(cs_web_app_handle(&res, app, &post), 0);
    assert_int_equal(cs_web_response_status(res), 405);
    cs_web_response_free(res);

    /* past the path limit: 414 */
    char *longpath = malloc(CS_WEB_MAX_PATH + 16);
    assert_non_null(longpath);
    memset(longpath, 'a', CS_WEB_MAX_PATH + 8);
    longpath[0] = '/';
    longpath[CS_WEB_MAX_PATH + 8] = 0;
    res = get(longpath, NULL, NULL);
    assert_int_equal(cs_web_response_status(res), 414);
    cs_web_response_free(res);
    free(longpath);
}

/* The answers kept per thread: the same request at the same state of the registry gets the
 * same bytes, and a commit by another connection (an import) is seen at once. */
static void test_cache(void **state)
{
    (void)state;
    cs_web_response *a = get("/en/", NULL, NULL), *b = get("/en/", NULL, NULL);
    size_t la, lb;
    const char *ba = cs_web_response_body(a, &la), *bb = cs_web_response_body(b, &lb);
    assert_int_equal(cs_web_response_status(b), 200);
    assert_int_equal(la, lb);
    assert_memory_equal(ba, bb, la);
    assert_null(strstr(bb, "cached-cluster"));
    cs_web_response_free(a);
    cs_web_response_free(b);

    char json[sizeof db + 8];
    snprintf(json, sizeof json, "%s.json", db);
    FILE *f = fopen(json, "w");
    assert_non_null(f);
    fputs("{\"format\": \"clusterscope-registry\", \"version\": 1, \"sources\": [{\"key\": "
          "\"s\", \"title\": \"T\"}], \"countries\": [{\"code\": \"DE\", \"name_en\": "
          "\"Germany\"}], \"clusters\": [{\"key\": \"cached-cluster\", \"name_en\": "
          "\"Cached cluster\", \"country\": \"DE\", \"source\": \"s\"}]}\n",
          f);
    fclose(f);
    cs_service *w = NULL;
    assert_int_equal(cs_service_open(&w, db, CS_SERVICE_WRITE), 0);
    cs_import_stats st;
    const char *paths[] = { json };
    assert_int_equal(cs_service_import(&st, w, paths, 1, NULL), 0);
    cs_service_close(w);
    unlink(json);

    b = get("/en/", NULL, NULL);
    bb = cs_web_response_body(b, &lb);
    assert_non_null(strstr(bb, "cached-cluster"));
    cs_web_response_free(b);
    /* requests with a cookie or credentials are never answered from the cache */
    char key[128];
    cs_web_request with_cookie = { "GET", "/en/", NULL, "s=1", NULL, NULL, NULL, "", 0, "" };
    assert_int_equal(cs_web_cache_key(key, sizeof key, &with_cookie), -1);
    cs_web_request post = { "POST", "/en/", NULL, NULL, NULL, NULL, NULL, "", 0, "" };
    assert_int_equal(cs_web_cache_key(key, sizeof key, &post), -1);
    cs_web_request root = { "GET", "/", NULL, NULL, NULL, NULL, NULL, "", 0, "" };
    assert_int_equal(cs_web_cache_key(key, sizeof key, &root), -1);
    cs_web_request head = { "HEAD", "/en/", "a=1", NULL, NULL, NULL, NULL, "", 0, "" };
    assert_int_equal(cs_web_cache_key(key, sizeof key, &head), 0);
    assert_string_equal(key, "HEAD /en/?a=1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_cookie),
        cmocka_unit_test_setup_teardown(test_routes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
