/*
 * The web observatory's forms through cs_web_app_handle() (no sockets), on a registry of the
 * bundled data with a viewer, an editor and an admin: logging in (session cookie, CSRF tokens,
 * the failed-login limit), the edit, fact, revert and moderation forms, and what each refuses —
 * a missing or wrong CSRF token, an anonymous visitor, too low a role, an expired session —
 * with the registry unchanged, read back through another connection.
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

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

#define CLUSTER "medicon-valley"
#define EDIT    "/en/clusters/" CLUSTER "/edit"

typedef struct {
    char *dir, *path;
    cs_web_app *app;
} wf_fixture;

typedef struct {
    int status;
    char *body;
    char location[512];
    char cookie[256];     /* the first Set-Cookie, up to its first ';' */
    char set_cookie[512]; /* the whole first Set-Cookie */
    int no_store;         /* Cache-Control: no-store */
    char retry_after[32];
} answer;

static void answer_free(answer *a)
{
    free(a->body);
    memset(a, 0, sizeof *a);
}

static int setup(void **state)
{
    wf_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    cs_service *svc = NULL;
    if (cs_service_create(f->path) || cs_service_open(&svc, f->path, CS_SERVICE_WRITE))
        fail_msg("making the registry: %s", cs_error_last());
    static const char *const files[] = { "data/countries.json", "data/sources.json",
                                         "data/hse-biomedical-clusters.json" };
    cs_import_stats stats;
    if (cs_service_import(&stats, svc, files, 3, NULL))
        fail_msg("importing: %s", cs_error_last());
    static const char *const users[][2] = { { "vera", "viewer" },
                                            { "ed", "editor" },
                                            { "ada", "admin" } };
    for (size_t i = 0; i < 3; i++) {
        char *token = NULL, password[64];
        snprintf(password, sizeof password, "%s-password-1", users[i][0]);
        if (cs_service_user_add(&token, svc, users[i][0], users[i][1]) ||
            cs_service_user_password(svc, users[i][0], password))
            fail_msg("account %s: %s", users[i][0], cs_error_last());
        free(token);
    }
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
    wf_fixture *f = *state;
    cs_web_app_free(f->app);
    free(f->path);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

/* One request: METHOD PATH (with ?query), COOKIE header and an urlencoded BODY (may be NULL). */
static answer call(wf_fixture *f, const char *method, const char *path, const char *cookie,
                   const char *body, const char *client)
{
    char p[512], *q = NULL;
    snprintf(p, sizeof p, "%s", path);
    if ((q = strchr(p, '?')))
        *q++ = 0;
    cs_web_request req;
    memset(&req, 0, sizeof req);
    req.method = method;
    req.path = p;
    req.query = q;
    req.cookie = cookie;
    req.client = client ? client : "127.0.0.1";
    if (body) {
        req.content_type = "application/x-www-form-urlencoded";
        req.body = body;
        req.body_len = strlen(body);
    }
    cs_web_response *res = NULL;
    if (cs_web_app_handle(&res, f->app, &req))
        fail_msg("%s %s: %s", method, path, cs_error_last());
    answer a;
    memset(&a, 0, sizeof a);
    a.status = cs_web_response_status(res);
    size_t len = 0;
    const char *b = cs_web_response_body(res, &len);
    a.body = malloc(len + 1);
    memcpy(a.body, b, len);
    a.body[len] = 0;
    const char *name, *value;
    for (size_t i = 0; cs_web_response_header(res, i, &name, &value); i++) {
        if (strcmp(name, "Location") == 0)
            snprintf(a.location, sizeof a.location, "%s", value);
        if (strcmp(name, "Set-Cookie") == 0 && !a.cookie[0]) {
            snprintf(a.set_cookie, sizeof a.set_cookie, "%s", value);
            snprintf(a.cookie, sizeof a.cookie, "%.*s", (int)strcspn(value, ";"), value);
        }
        if (strcmp(name, "Cache-Control") == 0 && strcmp(value, "no-store") == 0)
            a.no_store = 1;
        if (strcmp(name, "Retry-After") == 0)
            snprintf(a.retry_after, sizeof a.retry_after, "%s", value);
    }
    cs_web_response_free(res);
    return a;
}

/* The value of <input ... name="csrf" value="..."> in BODY. */
static void csrf_of(char *out, size_t cap, const char *body)
{
    const char *p = strstr(body, "name=\"csrf\" value=\"");
    if (!p)
        fail_msg("no csrf field in the page");
    p += strlen("name=\"csrf\" value=\"");
    snprintf(out, cap, "%.*s", (int)strcspn(p, "\""), p);
}

/* Logs NAME in from CLIENT; the session cookie ("cs_session=...") into cookie. */
static void login(char *cookie, size_t cap, wf_fixture *f, const char *name)
{
    answer page = call(f, "GET", "/en/login", NULL, NULL, NULL);
    assert_int_equal(page.status, 200);
    char csrf[64], body[256];
    csrf_of(csrf, sizeof csrf, page.body);
    snprintf(body, sizeof body, "csrf=%s&name=%s&password=%s-password-1&next=/en/moderation", csrf,
             name, name);
    answer a = call(f, "POST", "/en/login", page.cookie, body, "10.0.0.1");
    if (a.status != 303)
        fail_msg("login of %s answered %d: %s", name, a.status, a.body);
    assert_string_equal(a.location, "/en/moderation");
    assert_non_null(strstr(a.set_cookie, "HttpOnly"));
    assert_non_null(strstr(a.set_cookie, "SameSite=Strict"));
    assert_int_equal(strncmp(a.cookie, "cs_session=", 11), 0);
    snprintf(cookie, cap, "%s", a.cookie);
    answer_free(&page);
    answer_free(&a);
}

/* The session's csrf token, from a page a signed-in user sees. */
static void session_csrf(char *out, size_t cap, wf_fixture *f, const char *cookie)
{
    answer a = call(f, "GET", "/en/clusters/" CLUSTER, cookie, NULL, NULL);
    assert_int_equal(a.status, 200);
    csrf_of(out, cap, a.body);
    answer_free(&a);
}

/* The cluster's city and the number of its revisions, through a connection of its own. */
static void registry_state(char *city, size_t cap, size_t *revisions, wf_fixture *f)
{
    cs_service *svc = NULL;
    cs_cluster_list *l = NULL;
    cs_service_revisions *rv = NULL;
    if (cs_service_open(&svc, f->path, CS_SERVICE_READ) || cs_service_clusters(&l, svc, CLUSTER) ||
        cs_service_history(&rv, svc, CLUSTER))
        fail_msg("reading the registry: %s", cs_error_last());
    snprintf(city, cap, "%s", cs_cluster_list_at(l, 0)->city);
    *revisions = cs_service_revisions_count(rv);
    cs_service_revisions_free(rv);
    cs_cluster_list_free(l);
    cs_service_close(svc);
}

static void login_page_sets_a_token_and_is_never_kept(void **state)
{
    wf_fixture *f = *state;
    answer a = call(f, "GET", "/en/login", NULL, NULL, NULL);
    assert_int_equal(a.status, 200);
    assert_true(a.no_store);
    assert_int_equal(strncmp(a.cookie, "cs_csrf=", 8), 0);
    char csrf[64];
    csrf_of(csrf, sizeof csrf, a.body);
    assert_string_equal(csrf, a.cookie + 8); /* the double-submit token */
    assert_int_equal(strlen(csrf), 43);
    /* labelled fields */
    assert_non_null(strstr(a.body, "<label for=\"login-name\">"));
    assert_non_null(strstr(a.body, "<label for=\"login-password\">"));
    /* a second visitor gets a token of their own: the page was not cached */
    answer b = call(f, "GET", "/en/login", NULL, NULL, NULL);
    assert_string_not_equal(a.cookie, b.cookie);
    /* a visitor who has a token gets their own back, twice: never another's kept answer */
    for (int i = 0; i < 2; i++) {
        answer c = call(f, "GET", "/en/login", a.cookie, NULL, NULL);
        csrf_of(csrf, sizeof csrf, c.body);
        assert_string_equal(csrf, a.cookie + 8);
        assert_string_equal(c.cookie, ""); /* already set */
        answer d = call(f, "GET", "/en/login", b.cookie, NULL, NULL);
        csrf_of(csrf, sizeof csrf, d.body);
        assert_string_equal(csrf, b.cookie + 8);
        answer_free(&c);
        answer_free(&d);
    }
    answer ru = call(f, "GET", "/ru/login", NULL, NULL, NULL);
    assert_non_null(strstr(ru.body, "Имя учётной записи"));
    answer_free(&a);
    answer_free(&b);
    answer_free(&ru);
}

static void login_without_its_token_is_refused(void **state)
{
    wf_fixture *f = *state;
    answer page = call(f, "GET", "/en/login", NULL, NULL, NULL);
    char csrf[64], body[256];
    csrf_of(csrf, sizeof csrf, page.body);
    /* no token; a token without its cookie; a cookie with another token */
    snprintf(body, sizeof body, "name=ed&password=ed-password-1");
    answer a = call(f, "POST", "/en/login", page.cookie, body, NULL);
    assert_int_equal(a.status, 403);
    assert_string_equal(a.cookie, "");
    snprintf(body, sizeof body, "csrf=%s&name=ed&password=ed-password-1", csrf);
    answer b = call(f, "POST", "/en/login", NULL, body, NULL);
    assert_int_equal(b.status, 403);
    answer c = call(f, "POST", "/en/login", "cs_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    body, NULL);
    assert_int_equal(c.status, 403);
    assert_non_null(strstr(c.body, "security token"));
    answer_free(&page);
    answer_free(&a);
    answer_free(&b);
    answer_free(&c);
}

static void failed_logins_are_limited_per_address(void **state)
{
    wf_fixture *f = *state;
    answer page = call(f, "GET", "/en/login", NULL, NULL, NULL);
    char csrf[64], wrong[256], right[256];
    csrf_of(csrf, sizeof csrf, page.body);
    snprintf(wrong, sizeof wrong, "csrf=%s&name=ed&password=not-the-password", csrf);
    snprintf(right, sizeof right, "csrf=%s&name=ed&password=ed-password-1", csrf);
    for (int i = 0; i < 5; i++) {
        answer a = call(f, "POST", "/en/login", page.cookie, wrong, "192.0.2.7");
        assert_int_equal(a.status, 403);
        assert_non_null(strstr(a.body, "Wrong account name or password."));
        assert_string_equal(a.cookie, "");
        answer_free(&a);
    }
    /* the sixth, even with the right password, waits */
    answer a = call(f, "POST", "/en/login", page.cookie, right, "192.0.2.7");
    assert_int_equal(a.status, 429);
    assert_string_equal(a.cookie, "");
    long wait = atol(a.retry_after);
    assert_true(wait > 0 && wait <= 300);
    assert_non_null(strstr(a.body, "Try again in 5 min."));
    /* another address is not held up */
    answer b = call(f, "POST", "/en/login", page.cookie, right, "192.0.2.8");
    assert_int_equal(b.status, 303);
    assert_int_equal(strncmp(b.cookie, "cs_session=", 11), 0);
    answer_free(&page);
    answer_free(&a);
    answer_free(&b);
}

static void anonymous_visitors_are_sent_to_the_login(void **state)
{
    wf_fixture *f = *state;
    char city[256], after[256];
    size_t n = 0, m = 0;
    registry_state(city, sizeof city, &n, f);
    answer a = call(f, "GET", "/en/moderation", NULL, NULL, NULL);
    assert_int_equal(a.status, 303);
    assert_string_equal(a.location, "/en/login?next=/en/moderation");
    answer b = call(f, "POST", EDIT, NULL, "csrf=x&city=Nowhere&source=x", NULL);
    assert_int_equal(b.status, 303);
    assert_string_equal(b.location, "/en/login?next=/en/clusters/" CLUSTER);
    /* an anonymous cluster page has no edit form and a login link that comes back */
    answer c = call(f, "GET", "/en/clusters/" CLUSTER, NULL, NULL, NULL);
    assert_int_equal(c.status, 200);
    assert_null(strstr(c.body, "action=\"/en/clusters/" CLUSTER "/edit\""));
    assert_non_null(strstr(c.body, "href=\"/en/login?next=/en/clusters/" CLUSTER "\""));
    registry_state(after, sizeof after, &m, f);
    assert_string_equal(city, after);
    assert_int_equal(n, m);
    answer_free(&a);
    answer_free(&b);
    answer_free(&c);
}

static void an_edit_without_the_right_token_changes_nothing(void **state)
{
    wf_fixture *f = *state;
    char cookie[256], csrf[64], body[512], city[256], after[256];
    size_t n = 0, m = 0;
    login(cookie, sizeof cookie, f, "ed");
    session_csrf(csrf, sizeof csrf, f, cookie);
    registry_state(city, sizeof city, &n, f);
    assert_string_not_equal(city, "Lund-Malmö");
    answer none = call(f, "POST", EDIT, cookie, "city=Nowhere&source=hse-2019", NULL);
    assert_int_equal(none.status, 403);
    assert_true(none.no_store);
    answer wrong = call(f, "POST", EDIT, cookie,
                        "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&city=Nowhere", NULL);
    assert_int_equal(wrong.status, 403);
    /* the double-submit token of an anonymous form does not stand in for the session's */
    answer page = call(f, "GET", "/en/register", NULL, NULL, NULL);
    char anon[64], both[600];
    csrf_of(anon, sizeof anon, page.body);
    snprintf(both, sizeof both, "%s; %s", cookie, page.cookie);
    snprintf(body, sizeof body, "csrf=%s&city=Nowhere", anon);
    answer other = call(f, "POST", EDIT, both, body, NULL);
    assert_int_equal(other.status, 403);
    registry_state(after, sizeof after, &m, f);
    assert_string_equal(city, after);
    assert_int_equal(n, m);
    answer_free(&none);
    answer_free(&wrong);
    answer_free(&page);
    answer_free(&other);
}

static void a_viewer_may_not_edit(void **state)
{
    wf_fixture *f = *state;
    char cookie[256], csrf[64], body[512], city[256], after[256];
    size_t n = 0, m = 0;
    login(cookie, sizeof cookie, f, "vera");
    session_csrf(csrf, sizeof csrf, f, cookie);
    registry_state(city, sizeof city, &n, f);
    answer page = call(f, "GET", "/en/clusters/" CLUSTER, cookie, NULL, NULL);
    assert_null(strstr(page.body, "/edit\""));               /* no form for a viewer */
    assert_non_null(strstr(page.body, "Signed in as vera")); /* the header names them */
    assert_true(page.no_store);
    snprintf(body, sizeof body, "csrf=%s&city=Nowhere&source=x", csrf);
    answer a = call(f, "POST", EDIT, cookie, body, NULL);
    assert_int_equal(a.status, 403);
    answer q = call(f, "GET", "/en/moderation", cookie, NULL, NULL);
    assert_int_equal(q.status, 403);
    registry_state(after, sizeof after, &m, f);
    assert_string_equal(city, after);
    assert_int_equal(n, m);
    answer_free(&page);
    answer_free(&a);
    answer_free(&q);
}

static void an_editor_edits_with_a_source_and_the_history_shows_it(void **state)
{
    wf_fixture *f = *state;
    char cookie[256], csrf[64], body[1024], city[256], after[256];
    size_t n = 0, m = 0;
    login(cookie, sizeof cookie, f, "ed");
    /* an anonymous visitor's page, kept in the answer cache */
    answer before = call(f, "GET", "/en/clusters/" CLUSTER, NULL, NULL, NULL);
    answer kept = call(f, "GET", "/en/clusters/" CLUSTER, NULL, NULL, NULL);
    assert_string_equal(before.body, kept.body);
    assert_null(strstr(before.body, "<td>Lund</td>"));
    answer page = call(f, "GET", "/en/clusters/" CLUSTER, cookie, NULL, NULL);
    assert_non_null(strstr(page.body, "<label for=\"pe-city\">"));
    assert_non_null(strstr(page.body, "<label for=\"pe-source\">"));
    assert_non_null(strstr(page.body, "<label for=\"fe-fact\">"));
    csrf_of(csrf, sizeof csrf, page.body);
    registry_state(city, sizeof city, &n, f);
    /* without a source the service refuses: the page again, with its message, 422 */
    snprintf(body, sizeof body, "csrf=%s&city=Lund&source=", csrf);
    answer bad = call(f, "POST", EDIT, cookie, body, NULL);
    assert_int_equal(bad.status, 422);
    assert_non_null(strstr(bad.body, "role=\"alert\""));
    assert_non_null(strstr(bad.body, "value=\"Lund\"")); /* what was sent stays in the form */
    assert_non_null(strstr(bad.body, "<p class=\"error\"><a href=\"#edit-profile\">"));
    registry_state(after, sizeof after, &m, f);
    assert_int_equal(n, m);
    /* with a source: 303 back with a notice, the value and the revision are there */
    cs_service *svc = NULL;
    cs_source_list *sources = NULL;
    assert_int_equal(cs_service_open(&svc, f->path, CS_SERVICE_READ), 0);
    assert_int_equal(cs_service_sources(&sources, svc), 0);
    const char *source = cs_source_list_at(sources, 0)->key;
    /* a year that is none: the service's message beside the founding year */
    snprintf(body, sizeof body, "csrf=%s&founded=abc&source=%s", csrf, source);
    answer year = call(f, "POST", EDIT, cookie, body, NULL);
    assert_int_equal(year.status, 422);
    assert_non_null(strstr(year.body, "id=\"pe-founded-error\""));
    assert_non_null(
        strstr(year.body, "aria-invalid=\"true\" aria-describedby=\"pe-founded-error\""));
    answer_free(&year);
    snprintf(body, sizeof body, "csrf=%s&city=Lund&source=%s&locator=p.+3", csrf, source);
    answer ok = call(f, "POST", EDIT, cookie, body, NULL);
    assert_int_equal(ok.status, 303);
    assert_string_equal(ok.location, "/en/clusters/" CLUSTER "?notice=profile_saved#history");
    registry_state(after, sizeof after, &m, f);
    assert_string_equal(after, "Lund");
    assert_int_equal(m, n + 1); /* one field changed: the others sent as they were are not */
    /* the writer's commit reaches the reader: the cached anonymous page is not served again */
    answer fresh = call(f, "GET", "/en/clusters/" CLUSTER, NULL, NULL, NULL);
    assert_non_null(strstr(fresh.body, "<td>Lund</td>"));
    answer_free(&before);
    answer_free(&kept);
    answer_free(&fresh);
    answer back =
        call(f, "GET", "/en/clusters/" CLUSTER "?notice=profile_saved", cookie, NULL, NULL);
    assert_non_null(strstr(back.body, "The profile was saved"));
    assert_non_null(strstr(back.body, "<td>ed (edit)</td>"));
    /* a fact: a year that is no year is refused before the service */
    snprintf(body, sizeof body, "csrf=%s&fact=employees&year=20x5&value=10&source=%s", csrf,
             source);
    answer y = call(f, "POST", "/en/clusters/" CLUSTER "/facts", cookie, body, NULL);
    assert_int_equal(y.status, 422);
    assert_non_null(strstr(y.body, "id=\"fe-year-error\""));
    cs_source_list_free(sources);
    cs_service_close(svc);
    answer_free(&page);
    answer_free(&bad);
    answer_free(&ok);
    answer_free(&back);
    answer_free(&y);
}

static void an_expired_session_is_anonymous(void **state)
{
    wf_fixture *f = *state;
    char cookie[256];
    login(cookie, sizeof cookie, f, "ada");
    answer in = call(f, "GET", "/en/moderation", cookie, NULL, NULL);
    assert_int_equal(in.status, 200);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "UPDATE session SET expires = '2000-01-01T00:00:00Z'", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    answer out = call(f, "GET", "/en/moderation", cookie, NULL, NULL);
    assert_int_equal(out.status, 303);
    assert_string_equal(out.location, "/en/login?next=/en/moderation");
    answer page = call(f, "GET", "/en/clusters/" CLUSTER, cookie, NULL, NULL);
    assert_null(strstr(page.body, "Signed in as"));
    assert_true(page.no_store); /* a cookie was sent: still never kept */
    answer_free(&in);
    answer_free(&out);
    answer_free(&page);
}

static void logout_ends_the_session(void **state)
{
    wf_fixture *f = *state;
    char cookie[256], csrf[64], body[128];
    login(cookie, sizeof cookie, f, "ed");
    session_csrf(csrf, sizeof csrf, f, cookie);
    answer refused = call(f, "POST", "/en/logout", cookie, "csrf=wrong", NULL);
    assert_int_equal(refused.status, 403);
    snprintf(body, sizeof body, "csrf=%s", csrf);
    answer a = call(f, "POST", "/en/logout", cookie, body, NULL);
    assert_int_equal(a.status, 303);
    assert_non_null(strstr(a.set_cookie, "Max-Age=0"));
    answer b = call(f, "GET", "/en/moderation", cookie, NULL, NULL);
    assert_int_equal(b.status, 303); /* the old cookie opens nothing */
    answer_free(&refused);
    answer_free(&a);
    answer_free(&b);
}

/* A registration form's anonymous token and cookie. */
static answer register_page(wf_fixture *f, char *csrf, size_t cap)
{
    answer page = call(f, "GET", "/en/register", NULL, NULL, NULL);
    assert_int_equal(page.status, 200);
    assert_true(page.no_store);
    csrf_of(csrf, cap, page.body);
    return page;
}

static void a_registration_waits_for_an_editor(void **state)
{
    wf_fixture *f = *state;
    char csrf[64], body[1024];
    answer page = register_page(f, csrf, sizeof csrf);
    assert_non_null(strstr(page.body, "<label for=\"r-name_en\">"));
    assert_non_null(strstr(page.body, "<label for=\"r-contact\">"));
    static const char *const fields =
        "&key=new-test-cluster&name_en=New+Test+Cluster&country=DE&kind=biomedical"
        "&source=https%3A%2F%2Fexample.org%2Fnew&contact=Ann+%3Cann%40example.org%3E";
    /* without the token nothing is queued */
    snprintf(body, sizeof body, "csrf=wrong%s", fields);
    answer no = call(f, "POST", "/en/register", page.cookie, body, NULL);
    assert_int_equal(no.status, 403);
    /* without a key: the form again, the message beside the key */
    snprintf(body, sizeof body,
             "csrf=%s&name_en=Keyless&country=DE&contact=Ann+%%3Cann%%40example.org%%3E", csrf);
    answer bad = call(f, "POST", "/en/register", page.cookie, body, NULL);
    assert_int_equal(bad.status, 422);
    assert_non_null(strstr(bad.body, "id=\"r-key-error\""));
    assert_non_null(strstr(bad.body, "value=\"Keyless\""));
    /* a message that quotes no field stands above the form, not beside a guessed one */
    snprintf(body, sizeof body,
             "csrf=%s&key=zz-cluster&name_en=Nowhere&country=ZZ"
             "&contact=a%%40example.org",
             csrf);
    answer zz = call(f, "POST", "/en/register", page.cookie, body, NULL);
    assert_int_equal(zz.status, 422);
    assert_non_null(strstr(zz.body, "id=\"r-error\""));
    assert_null(strstr(zz.body, "id=\"r-key-error\""));
    answer_free(&zz);
    snprintf(body, sizeof body, "csrf=%s%s", csrf, fields);
    answer ok = call(f, "POST", "/en/register", page.cookie, body, NULL);
    assert_int_equal(ok.status, 303);
    assert_int_equal(strncmp(ok.location, "/en/register/sent?id=", 21), 0);
    answer sent = call(f, "GET", ok.location, NULL, NULL, NULL);
    assert_int_equal(sent.status, 200);
    assert_non_null(strstr(sent.body, "waits for moderation"));
    /* not public before it is approved */
    answer hidden = call(f, "GET", "/en/clusters/new-test-cluster", NULL, NULL, NULL);
    assert_int_equal(hidden.status, 404);
    char cookie[256], session[64];
    login(cookie, sizeof cookie, f, "ed");
    answer queue = call(f, "GET", "/en/moderation", cookie, NULL, NULL);
    assert_int_equal(queue.status, 200);
    assert_non_null(strstr(queue.body, "New Test Cluster"));
    assert_non_null(strstr(queue.body, "ann@example.org"));
    assert_null(strstr(queue.body, "Keyless"));
    csrf_of(session, sizeof session, queue.body);
    const char *id = ok.location + 21;
    char path[1400];
    /* a rejection needs a reason */
    snprintf(path, sizeof path, "/en/moderation/%s/reject", id);
    snprintf(body, sizeof body, "csrf=%s&reason=", session);
    answer noreason = call(f, "POST", path, cookie, body, NULL);
    assert_int_equal(noreason.status, 422);
    assert_non_null(strstr(noreason.body, "role=\"alert\""));
    /* a wrong token decides nothing */
    snprintf(path, sizeof path, "/en/moderation/%s/approve", id);
    answer forged = call(f, "POST", path, cookie, "csrf=forged", NULL);
    assert_int_equal(forged.status, 403);
    answer still = call(f, "GET", "/en/clusters/new-test-cluster", NULL, NULL, NULL);
    assert_int_equal(still.status, 404);
    snprintf(body, sizeof body, "csrf=%s", session);
    answer approved = call(f, "POST", path, cookie, body, NULL);
    assert_int_equal(approved.status, 303);
    assert_string_equal(approved.location, "/en/moderation?notice=approved");
    answer shown = call(f, "GET", "/en/clusters/new-test-cluster", NULL, NULL, NULL);
    assert_int_equal(shown.status, 200);
    assert_non_null(strstr(shown.body, "New Test Cluster"));
    answer again = call(f, "POST", path, cookie, body, NULL);
    assert_int_equal(again.status, 409);
    answer *all[] = { &page,     &no,     &bad,   &ok,       &sent,  &hidden, &queue,
                      &noreason, &forged, &still, &approved, &shown, &again };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        answer_free(all[i]);
}

static void a_rejection_keeps_its_reason(void **state)
{
    wf_fixture *f = *state;
    char csrf[64], body[1024], cookie[256], session[64], path[1400];
    answer page = register_page(f, csrf, sizeof csrf);
    snprintf(body, sizeof body,
             "csrf=%s&key=spam-cluster&name_en=Spam&country=DE&contact=x%%40example.org", csrf);
    answer ok = call(f, "POST", "/en/register", page.cookie, body, NULL);
    assert_int_equal(ok.status, 303);
    login(cookie, sizeof cookie, f, "ed");
    answer queue = call(f, "GET", "/en/moderation", cookie, NULL, NULL);
    csrf_of(session, sizeof session, queue.body);
    snprintf(path, sizeof path, "/en/moderation/%s/reject", ok.location + 21);
    snprintf(body, sizeof body, "csrf=%s&reason=No+source+for+any+field", session);
    answer rejected = call(f, "POST", path, cookie, body, NULL);
    assert_int_equal(rejected.status, 303);
    answer list = call(f, "GET", "/en/moderation?status=rejected", cookie, NULL, NULL);
    assert_non_null(strstr(list.body, "No source for any field"));
    answer pending = call(f, "GET", "/en/moderation", cookie, NULL, NULL);
    assert_null(strstr(pending.body, "Spam"));
    answer hidden = call(f, "GET", "/en/clusters/spam-cluster", NULL, NULL, NULL);
    assert_int_equal(hidden.status, 404);
    answer *all[] = { &page, &ok, &queue, &rejected, &list, &pending, &hidden };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        answer_free(all[i]);
}

/* The newest revision of the cluster. */
static long long newest_revision(wf_fixture *f)
{
    cs_service *svc = NULL;
    cs_service_revisions *rv = NULL;
    if (cs_service_open(&svc, f->path, CS_SERVICE_READ) || cs_service_history(&rv, svc, CLUSTER))
        fail_msg("reading the history: %s", cs_error_last());
    long long id = cs_service_revisions_at(rv, 0)->id;
    cs_service_revisions_free(rv);
    cs_service_close(svc);
    return id;
}

static void only_an_admin_reverts(void **state)
{
    wf_fixture *f = *state;
    char ed[256], ada[256], csrf[64], body[512], city[256], after[256];
    size_t n = 0, m = 0;
    registry_state(city, sizeof city, &n, f);
    login(ed, sizeof ed, f, "ed");
    session_csrf(csrf, sizeof csrf, f, ed);
    snprintf(body, sizeof body, "csrf=%s&city=Reverted+Town&source=hse-2019", csrf);
    cs_service *svc = NULL;
    cs_source_list *sources = NULL;
    assert_int_equal(cs_service_open(&svc, f->path, CS_SERVICE_READ), 0);
    assert_int_equal(cs_service_sources(&sources, svc), 0);
    snprintf(body, sizeof body, "csrf=%s&city=Reverted+Town&source=%s", csrf,
             cs_source_list_at(sources, 0)->key);
    cs_source_list_free(sources);
    cs_service_close(svc);
    answer edit = call(f, "POST", EDIT, ed, body, NULL);
    assert_int_equal(edit.status, 303);
    long long id = newest_revision(f);
    answer edpage = call(f, "GET", "/en/clusters/" CLUSTER, ed, NULL, NULL);
    assert_null(strstr(edpage.body, "/revert\""));
    snprintf(body, sizeof body, "csrf=%s&revision=%lld", csrf, id);
    answer byeditor = call(f, "POST", "/en/clusters/" CLUSTER "/revert", ed, body, NULL);
    assert_int_equal(byeditor.status, 403);
    login(ada, sizeof ada, f, "ada");
    answer adapage = call(f, "GET", "/en/clusters/" CLUSTER, ada, NULL, NULL);
    assert_non_null(strstr(adapage.body, "/clusters/" CLUSTER "/revert\""));
    csrf_of(csrf, sizeof csrf, adapage.body);
    snprintf(body, sizeof body, "csrf=wrong&revision=%lld", id);
    answer forged = call(f, "POST", "/en/clusters/" CLUSTER "/revert", ada, body, NULL);
    assert_int_equal(forged.status, 403);
    registry_state(after, sizeof after, &m, f);
    assert_string_equal(after, "Reverted Town");
    assert_int_equal(m, n + 1);
    /* a revision of another cluster is not reverted from this page */
    snprintf(body, sizeof body, "csrf=%s&revision=%lld", csrf, id);
    answer elsewhere = call(f, "POST", "/en/clusters/biocon-valley/revert", ada, body, NULL);
    assert_int_equal(elsewhere.status, 404);
    answer ok = call(f, "POST", "/en/clusters/" CLUSTER "/revert", ada, body, NULL);
    assert_int_equal(ok.status, 303);
    assert_string_equal(ok.location, "/en/clusters/" CLUSTER "?notice=reverted#history");
    registry_state(after, sizeof after, &m, f);
    assert_string_equal(after, city);
    assert_int_equal(m, n + 2); /* the revert is a revision too */
    answer twice = call(f, "POST", "/en/clusters/" CLUSTER "/revert", ada, body, NULL);
    assert_int_equal(twice.status, 409);
    assert_non_null(strstr(twice.body, "id=\"revert-error\""));
    answer *all[] = { &edit, &edpage, &byeditor, &adapage, &forged, &elsewhere, &ok, &twice };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        answer_free(all[i]);
}

/* One number from the registry, by SQL (the tests' own view of what changed). */
static long long count_of(wf_fixture *f, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long n = -1;
    if (sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void every_form_refuses_a_missing_or_wrong_token(void **state)
{
    wf_fixture *f = *state;
    char csrf[64], body[1024], cookie[256];
    answer page = register_page(f, csrf, sizeof csrf);
    snprintf(body, sizeof body,
             "csrf=%s&key=waiting-cluster&name_en=Waiting&country=DE&contact=w%%40example.org",
             csrf);
    answer queued = call(f, "POST", "/en/register", page.cookie, body, NULL);
    assert_int_equal(queued.status, 303);
    const char *id = queued.location + 21;
    login(cookie, sizeof cookie, f, "ada");
    char revision[32];
    snprintf(revision, sizeof revision, "%lld", newest_revision(f));
    static const char *const state_sql[] = {
        "SELECT count(*) FROM revision",
        "SELECT count(*) FROM registration",
        "SELECT count(*) FROM registration WHERE status = 'pending'",
        "SELECT count(*) FROM session",
        "SELECT count(*) FROM cluster",
    };
    long long before[5];
    for (size_t i = 0; i < 5; i++)
        before[i] = count_of(f, state_sql[i]);
    char approve[1400], reject[1400], revert_body[128];
    snprintf(approve, sizeof approve, "/en/moderation/%s/approve", id);
    snprintf(reject, sizeof reject, "/en/moderation/%s/reject", id);
    snprintf(revert_body, sizeof revert_body, "revision=%s", revision);
    const struct {
        const char *path, *fields;
    } forms[] = {
        { EDIT, "city=Elsewhere&source=x" },
        { "/en/clusters/" CLUSTER "/facts", "fact=innovation_infrastructure_objects&value=3" },
        { "/en/clusters/" CLUSTER "/revert", revert_body },
        { approve, "" },
        { reject, "reason=Because" },
        { "/en/logout", "" },
        { "/en/register", "key=other-cluster&name_en=Other&country=DE&contact=o%40example.org" },
        { "/en/login", "name=ed&password=ed-password-1" },
        { "/ru/clusters/" CLUSTER "/edit", "city=Elsewhere&source=x" },
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        for (int wrong = 0; wrong < 2; wrong++) {
            snprintf(body, sizeof body, "%s%s", wrong ? "csrf=AAAA&" : "", forms[i].fields);
            answer a = call(f, "POST", forms[i].path, cookie, body, NULL);
            if (a.status != 403)
                fail_msg("POST %s (%s token) answered %d", forms[i].path, wrong ? "a wrong" : "no",
                         a.status);
            assert_string_equal(a.cookie, "");
            answer_free(&a);
        }
    for (size_t i = 0; i < 5; i++)
        if (count_of(f, state_sql[i]) != before[i])
            fail_msg("%s: %lld before, %lld after", state_sql[i], before[i],
                     count_of(f, state_sql[i]));
    answer_free(&page);
    answer_free(&queued);
}

static void registrations_are_limited_per_address(void **state)
{
    wf_fixture *f = *state;
    char csrf[64], body[1024];
    answer page = register_page(f, csrf, sizeof csrf);
    int last = 0;
    for (int i = 0; i <= CS_SERVICE_REGISTRATIONS_PER_HOUR; i++) {
        snprintf(body, sizeof body,
                 "csrf=%s&key=many-%d&name_en=Many+%d&country=DE&contact=m%%40example.org", csrf, i,
                 i);
        answer a = call(f, "POST", "/en/register", page.cookie, body, "198.51.100.9");
        last = a.status;
        if (i < CS_SERVICE_REGISTRATIONS_PER_HOUR)
            assert_int_equal(a.status, 303);
        else
            assert_non_null(strstr(a.body, "role=\"alert\""));
        answer_free(&a);
    }
    assert_int_equal(last, 429);
    assert_int_equal(count_of(f, "SELECT count(*) FROM registration"),
                     CS_SERVICE_REGISTRATIONS_PER_HOUR);
    answer_free(&page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(login_page_sets_a_token_and_is_never_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(login_without_its_token_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_logins_are_limited_per_address, setup, teardown),
        cmocka_unit_test_setup_teardown(anonymous_visitors_are_sent_to_the_login, setup, teardown),
        cmocka_unit_test_setup_teardown(an_edit_without_the_right_token_changes_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_viewer_may_not_edit, setup, teardown),
        cmocka_unit_test_setup_teardown(an_editor_edits_with_a_source_and_the_history_shows_it,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(an_expired_session_is_anonymous, setup, teardown),
        cmocka_unit_test_setup_teardown(logout_ends_the_session, setup, teardown),
        cmocka_unit_test_setup_teardown(a_registration_waits_for_an_editor, setup, teardown),
        cmocka_unit_test_setup_teardown(a_rejection_keeps_its_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(only_an_admin_reverts, setup, teardown),
        cmocka_unit_test_setup_teardown(every_form_refuses_a_missing_or_wrong_token, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(registrations_are_limited_per_address, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
