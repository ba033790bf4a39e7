/*
 * Support programmes and official registries (service_programmes.c) on a small registry, every
 * figure worked by hand below. Programme "pilot" (support), clusters a and d biomedical, b ict,
 * c of no specialisation:
 *
 *  round  year  stated: requested awarded applications awards  | stored applications
 *  r2013  2013          2000      1500    10           6       | none
 *  r2014  2014          2700      2500    -            -       | a 100/80 awarded, b 50/- refused,
 *                                                              |   c 40/- pending
 *  r2015  2015          -         -       -            -       | a 100/60 awarded, b 100/40
 *                                                              |   awarded, d 50/- refused
 *
 * Rates. r2013: by amount 1500/2000 = 0.75, by count 6/10 = 0.6, both stated. r2014: by amount
 * 2500/2700 = 0.925926 (stated); by count unknown: none stated, and c is pending. Its sums:
 * requested 100 + 50 + 40 = 190; awarded 80 + 0 (b refused) + ? (c pending) = unknown. r2015:
 * by amount (60 + 40 + 0) / (100 + 100 + 50) = 100/250 = 0.4, by count 2/3, from applications.
 *
 * Shares. r2013 stated: biomedical 300 of 1500 = 20 %, 2 of 6 awards = 33.33 %; ict 600/1500 =
 * 40 %, 3/6 = 50 %. r2014 stated: biomedical 680/2500 = 27.2 % (seed 002's 680 mn of 2.5 bn),
 * count unknown (awards not stated); ict: awarded not stated, so both unknown. Change of
 * biomedical by amount: 27.2 - 20 = +7.2 p.p.; ict's change unknown (27.2 known only once).
 * r2015 from applications: biomedical (a, d) awarded 60 of 100 = 60 %, 1 of 2 awards = 50 %;
 * ict (b) 40 %, 50 %; no change (r2014's shares are stated, another basis).
 *
 * Listings: registry "reg" a 2019-03-26..; b 2016..2018-05; label "esca" a silver 2017..2019.
 * Listed in 2018: reg b and esca a; in 2020: reg a only. Cluster a: esca a, reg a.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "clusterscope/web.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

/* The records as a user brings them: a JSON registry document, imported through the service
 * with every check of an import (an empty member is not stated). */
static const char *const registry_json =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
    " \"countries\": [{\"code\": \"RU\", \"name_en\": \"Russia\"}],\n"
    " \"sources\": [{\"key\": \"s002\", \"title\": \"Seed 002\"}],\n"
    " \"clusters\": [\n"
    "  {\"key\": \"a\", \"name_en\": \"Cluster A\", \"country\": \"RU\", \"specialisation\": "
    "\"biomedical\"},\n"
    "  {\"key\": \"b\", \"name_en\": \"Cluster B\", \"country\": \"RU\", \"specialisation\": "
    "\"ict\"},\n"
    "  {\"key\": \"c\", \"name_en\": \"Cluster C\", \"country\": \"RU\"},\n"
    "  {\"key\": \"d\", \"name_en\": \"Cluster D\", \"country\": \"RU\", \"specialisation\": "
    "\"biomedical\"},\n"
    "  {\"key\": \"e\", \"name_en\": \"Cluster E\", \"country\": \"RU\"}],\n"
    " \"programmes\": [\n"
    "  {\"key\": \"pilot\", \"kind\": \"support\", \"name_en\": \"Pilot clusters\", "
    "\"name_ru\": \"Пилотные кластеры\", \"currency\": \"RUB\", \"started\": 2012},\n"
    "  {\"key\": \"reg\", \"kind\": \"registry\", \"name_en\": \"Industrial cluster registry\", "
    "\"started\": 2015},\n"
    "  {\"key\": \"esca\", \"kind\": \"label\", \"name_en\": \"ESCA label\", \"levels\": "
    "\"bronze|silver|gold\"}],\n"
    " \"programme_rounds\": [\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2013\", \"year\": 2013, \"requested\": 2000, "
    "\"awarded\": 1500, \"applications\": 10, \"awards\": 6},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2014\", \"year\": 2014, \"requested\": 2700, "
    "\"awarded\": 2500, \"source\": \"s002\", \"locator\": \"line 30\"},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2015\", \"year\": 2015}],\n"
    " \"round_shares\": [\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2013\", \"specialisation\": \"biomedical\", "
    "\"clusters\": 2, \"awarded\": 300},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2013\", \"specialisation\": \"ict\", "
    "\"clusters\": 3, \"awarded\": 600},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2014\", \"specialisation\": \"biomedical\", "
    "\"clusters\": 6, \"awarded\": 680, \"source\": \"s002\"},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2014\", \"specialisation\": \"ict\", "
    "\"clusters\": 4}],\n"
    " \"applications\": [\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2014\", \"cluster\": \"a\", \"requested\": 100, "
    "\"awarded\": 80, \"decision\": \"awarded\"},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2014\", \"cluster\": \"b\", \"requested\": 50, "
    "\"decision\": \"refused\"},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2014\", \"cluster\": \"c\", \"requested\": 40, "
    "\"decision\": \"pending\"},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2015\", \"cluster\": \"a\", \"requested\": 100, "
    "\"awarded\": 60, \"decision\": \"awarded\"},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2015\", \"cluster\": \"b\", \"requested\": 100, "
    "\"awarded\": 40, \"decision\": \"awarded\"},\n"
    "  {\"programme\": \"pilot\", \"round\": \"r2015\", \"cluster\": \"d\", \"requested\": 50, "
    "\"decision\": \"refused\"}],\n"
    " \"listings\": [\n"
    "  {\"programme\": \"reg\", \"cluster\": \"a\", \"entered\": \"2019-03-26\", \"decision\": "
    "\"order of 26.03.2019\", \"source\": \"s002\"},\n"
    "  {\"programme\": \"reg\", \"cluster\": \"b\", \"entered\": \"2016\", \"left_on\": "
    "\"2018-05\"},\n"
    "  {\"programme\": \"esca\", \"cluster\": \"a\", \"entered\": \"2017\", \"left_on\": \"2019\", "
    "\"level\": \"silver\"}]}\n";

typedef struct {
    char *dir, *path;
    cs_service *svc;
} prog_fixture;

static int setup(void **state)
{
    prog_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    if (cs_service_create(f->path))
        fail_msg("making the registry: %s", cs_error_last());
    cs_import_stats st;
    if (st_import_json(&st, f->path, f->dir, "programmes.json", registry_json))
        fail_msg("importing the test records: %s", cs_error_last());
    if (cs_service_open(&f->svc, f->path, CS_SERVICE_READ))
        fail_msg("opening: %s", cs_error_last());
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    prog_fixture *f = *state;
    cs_service_close(f->svc);
    free(f->path);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static const cs_programme_info *find(const cs_programme_set *s, const char *key)
{
    for (size_t i = 0; i < s->n_programmes; i++)
        if (strcmp(s->programmes[i].key, key) == 0)
            return &s->programmes[i];
    fail_msg("no programme %s", key);
    return NULL;
}

static void test_rounds_and_rates(void **state)
{
    prog_fixture *f = *state;
    cs_programme_set *s = NULL;
    assert_int_equal(cs_service_programmes(&s, f->svc, NULL, NULL, 0), 0);
    assert_int_equal(s->n_programmes, 3);
    assert_string_equal(s->programmes[0].key, "esca"); /* by key */
    const cs_programme_info *p = find(s, "pilot");
    assert_string_equal(p->name_ru, "Пилотные кластеры");
    assert_int_equal(p->started, 2012);
    assert_int_equal(p->ended, -1);
    assert_true(isnan(p->budget));
    assert_int_equal(p->n_rounds, 3);
    const cs_programme_round_stats *r13 = &p->rounds[0], *r14 = &p->rounds[1], *r15 = &p->rounds[2];
    assert_string_equal(r13->round, "r2013");
    assert_near(r13->rate_amount, 0.75);
    assert_int_equal(r13->rate_amount_basis, CS_BASIS_STATED);
    assert_near(r13->rate_count, 0.6);
    assert_int_equal(r13->rate_count_basis, CS_BASIS_STATED);
    assert_int_equal(r13->n_applications, 0);
    assert_true(isnan(r13->sum_requested));

    assert_near(r14->rate_amount, 2500.0 / 2700.0);
    assert_int_equal(r14->rate_amount_basis, CS_BASIS_STATED);
    assert_true(isnan(r14->rate_count)); /* c is pending and no count is stated */
    assert_int_equal(r14->rate_count_basis, CS_BASIS_NONE);
    assert_true(isnan(r14->applications) && isnan(r14->awards));
    assert_int_equal(r14->n_applications, 3);
    assert_int_equal(r14->n_awarded, 1);
    assert_int_equal(r14->n_undecided, 1);
    assert_near(r14->sum_requested, 190);
    assert_true(isnan(r14->sum_awarded));
    assert_string_equal(r14->source, "s002");
    assert_string_equal(r14->locator, "line 30");

    assert_near(r15->rate_amount, 0.4);
    assert_int_equal(r15->rate_amount_basis, CS_BASIS_APPLICATIONS);
    assert_near(r15->rate_count, 2.0 / 3.0);
    assert_int_equal(r15->rate_count_basis, CS_BASIS_APPLICATIONS);
    assert_near(r15->sum_awarded, 100);
    assert_near(r15->sum_requested, 250);
    assert_int_equal(r15->n_apps, 3);
    assert_string_equal(r15->apps[2].cluster, "d");
    assert_string_equal(r15->apps[2].decision, "refused");
    assert_true(isnan(r15->apps[2].awarded));
    cs_programme_set_free(s);
}

static void test_shares_and_change(void **state)
{
    prog_fixture *f = *state;
    cs_programme_set *s = NULL;
    assert_int_equal(cs_service_programmes(&s, f->svc, "pilot", NULL, 0), 0);
    assert_int_equal(s->n_programmes, 1);
    const cs_programme_round_stats *r = s->programmes[0].rounds;
    /* r2013, stated */
    assert_int_equal(r[0].n_shares, 2);
    assert_string_equal(r[0].shares[0].specialisation, "biomedical");
    assert_int_equal(r[0].shares[0].basis, CS_BASIS_STATED);
    assert_near(r[0].shares[0].share_amount, 20);
    assert_near(r[0].shares[0].share_count, 100.0 * 2 / 6);
    assert_near(r[0].shares[1].share_amount, 40);
    assert_near(r[0].shares[1].share_count, 50);
    assert_true(isnan(r[0].shares[0].change_amount)); /* no previous round */
    /* r2014, stated: the seed's 680 of 2,500 */
    assert_near(r[1].shares[0].share_amount, 27.2);
    assert_true(isnan(r[1].shares[0].share_count));
    assert_near(r[1].shares[0].change_amount, 7.2);
    assert_true(isnan(r[1].shares[0].change_count));
    assert_string_equal(r[1].shares[0].source, "s002");
    assert_string_equal(r[1].shares[1].specialisation, "ict");
    assert_true(isnan(r[1].shares[1].awarded));
    assert_true(isnan(r[1].shares[1].share_amount));
    assert_true(isnan(r[1].shares[1].change_amount));
    assert_near(r[1].shares[1].clusters, 4);
    /* r2015, from the applications */
    assert_int_equal(r[2].n_shares, 2);
    const cs_programme_share *bio = &r[2].shares[0], *ict = &r[2].shares[1];
    assert_string_equal(bio->specialisation, "biomedical");
    assert_int_equal(bio->basis, CS_BASIS_APPLICATIONS);
    assert_near(bio->clusters, 1);
    assert_near(bio->requested, 150);
    assert_near(bio->awarded, 60);
    assert_near(bio->share_amount, 60);
    assert_near(bio->share_count, 50);
    assert_near(ict->share_amount, 40);
    assert_near(ict->share_count, 50);
    assert_true(isnan(bio->change_amount)); /* r2014's shares are of another basis */
    assert_null(bio->source);
    cs_programme_set_free(s);
}

static void test_unknown_specialisation_last(void **state)
{
    prog_fixture *f = *state;
    /* r2014 has stated shares, so its applications' specialisations are not summed; make a
     * round of applications only, with c (no specialisation) among them */
    if (st_import_json(NULL, f->path, f->dir, "r2016.json",
                       "{\"format\": \"clusterscope-registry\",\n"
                       " \"programme_rounds\": [{\"programme\": \"pilot\", \"round\": \"r2016\", "
                       "\"year\": 2016}],\n"
                       " \"applications\": [{\"programme\": \"pilot\", \"round\": \"r2016\", "
                       "\"cluster\": \"c\", \"requested\": 10, \"awarded\": 10, \"decision\": "
                       "\"awarded\"},\n"
                       "  {\"programme\": \"pilot\", \"round\": \"r2016\", \"cluster\": \"a\", "
                       "\"requested\": 30, \"awarded\": 30, \"decision\": \"awarded\"}]}\n"))
        fail_msg("importing round r2016: %s", cs_error_last());
    cs_programme_set *s = NULL;
    assert_int_equal(cs_service_programmes(&s, f->svc, "pilot", NULL, 0), 0);
    const cs_programme_round_stats *r16 = &s->programmes[0].rounds[3];
    assert_int_equal(r16->n_shares, 2);
    assert_string_equal(r16->shares[0].specialisation, "biomedical");
    assert_null(r16->shares[1].specialisation);
    assert_near(r16->shares[1].share_amount, 25); /* 10 of 40 */
    /* from r2015's 60 % (same basis) to 30/40 = 75 %: +15 p.p.; by count 50 % to 50 %: 0 */
    assert_near(r16->shares[0].change_amount, 15);
    assert_near(r16->shares[0].change_count, 0);
    assert_true(isnan(r16->shares[1].change_amount)); /* r2015 had none of it */
    cs_programme_set_free(s);
}

static void test_listings(void **state)
{
    prog_fixture *f = *state;
    cs_programme_set *s = NULL;
    assert_int_equal(cs_service_programmes(&s, f->svc, NULL, NULL, 0), 0);
    assert_int_equal(s->n_listings, 3);
    assert_string_equal(s->listings[0].programme, "esca");
    assert_string_equal(s->listings[0].level, "silver");
    assert_string_equal(s->listings[0].programme_kind, "label");
    assert_string_equal(s->listings[0].programme_name_en, "ESCA label");
    assert_null(s->listings[0].programme_name_ru); /* none stated */
    assert_string_equal(s->listings[2].cluster, "b");
    assert_string_equal(s->listings[2].left_on, "2018-05");
    cs_programme_set_free(s);

    assert_int_equal(cs_service_programmes(&s, f->svc, NULL, NULL, 2018), 0);
    assert_int_equal(s->n_listings, 2);
    assert_string_equal(s->listings[0].programme, "esca");
    assert_string_equal(s->listings[1].cluster, "b");
    cs_programme_set_free(s);

    assert_int_equal(cs_service_programmes(&s, f->svc, NULL, NULL, 2020), 0);
    assert_int_equal(s->n_listings, 1);
    assert_string_equal(s->listings[0].cluster, "a");
    assert_string_equal(s->listings[0].decision, "order of 26.03.2019");
    assert_string_equal(s->listings[0].cluster_name, "Cluster A");
    cs_programme_set_free(s);

    /* one cluster: its listings and applications, the statistics still of every application */
    assert_int_equal(cs_service_programmes(&s, f->svc, NULL, "a", 0), 0);
    assert_int_equal(s->n_listings, 2);
    const cs_programme_info *p = find(s, "pilot");
    assert_int_equal(p->rounds[2].n_apps, 1);
    assert_string_equal(p->rounds[2].apps[0].cluster, "a");
    assert_near(p->rounds[2].rate_amount, 0.4);
    assert_int_equal(p->rounds[0].n_apps, 0);
    cs_programme_set_free(s);
}

static void test_not_found(void **state)
{
    prog_fixture *f = *state;
    cs_programme_set *s = (cs_programme_set *)1;
    assert_int_equal(cs_service_programmes(&s, f->svc, "nope", NULL, 0), CS_ENOTFOUND);
    assert_null(s);
    assert_non_null(strstr(cs_error_last(), "nope"));
    assert_int_equal(cs_service_programmes(&s, f->svc, NULL, "zz", 0), CS_ENOTFOUND);
    assert_non_null(strstr(cs_error_last(), "zz"));
}

static void test_empty_registry(void **state)
{
    (void)state;
    char *dir = st_dir(), *path = st_path(dir, "e.db");
    cs_service *svc = NULL;
    assert_int_equal(cs_service_create(path), 0);
    assert_int_equal(cs_service_open(&svc, path, CS_SERVICE_READ), 0);
    cs_programme_set *s = NULL;
    assert_int_equal(cs_service_programmes(&s, svc, NULL, NULL, 0), 0);
    assert_int_equal(s->n_programmes, 0);
    assert_int_equal(s->n_listings, 0);
    cs_programme_set_free(s);
    cs_service_close(svc);
    free(path);
    st_dir_remove(dir);
}

/* GET path from a web app on the fixture's registry: the status, the body in *body. */
static int web_get(char **body, const char *db, const char *path)
{
    cs_web_app *app = NULL;
    cs_web_options o = { 0 };
    o.quiet = 1;
    if (cs_web_app_new(&app, db, &o))
        fail_msg("opening the app: %s", cs_error_last());
    cs_web_request req;
    memset(&req, 0, sizeof req);
    req.method = "GET";
    req.path = path;
    req.client = "127.0.0.1";
    cs_web_response *res = NULL;
    if (cs_web_app_handle(&res, app, &req))
        fail_msg("GET %s: %s", path, cs_error_last());
    size_t len = 0;
    const char *b = cs_web_response_body(res, &len);
    *body = malloc(len + 1);
    memcpy(*body, b, len);
    (*body)[len] = 0;
    int status = cs_web_response_status(res);
    cs_web_response_free(res);
    cs_web_app_free(app);
    return status;
}

static void test_cluster_page(void **state)
{
    prog_fixture *f = *state;
    char *body = NULL;
    assert_int_equal(web_get(&body, f->path, "/en/clusters/a"), 200);
    assert_non_null(strstr(body, "<h2 id=\"programmes\">Programmes and registries</h2>"));
    assert_non_null(strstr(body,
                           "<th scope=\"row\">Industrial cluster registry</th><td>registry</td>"
                           "<td>2019-03-26</td><td></td><td></td><td>order of 26.03.2019</td>"
                           "<td>s002</td>"));
    assert_non_null(strstr(body, "<th scope=\"row\">ESCA label</th><td>label</td><td>2017</td>"
                                 "<td>2019</td><td>silver</td>"));
    /* a's two applications, and none of b's */
    assert_non_null(strstr(body, "<th scope=\"row\">Pilot clusters</th><td>r2014</td><td>2014</td>"
                                 "<td>awarded</td><td>100</td><td>80</td>"));
    assert_non_null(
        strstr(body, "<td>r2015</td><td>2015</td><td>awarded</td><td>100</td><td>60</td>"));
    assert_null(strstr(body, "<td>refused</td>"));
    free(body);
    /* a programme without a Russian name keeps its English one */
    assert_int_equal(web_get(&body, f->path, "/ru/clusters/b"), 200);
    assert_non_null(strstr(body, "Программы и реестры"));
    assert_non_null(strstr(body, "<th scope=\"row\">Industrial cluster registry</th>"
                                 "<td>реестр</td><td>2016</td><td>2018-05</td>"));
    assert_non_null(strstr(body, "<th scope=\"row\">Пилотные кластеры</th><td>r2014</td>"
                                 "<td>2014</td><td>отклонена</td><td>50</td><td>?</td>"));
    free(body);
    /* a cluster with neither says so */
    assert_int_equal(web_get(&body, f->path, "/en/clusters/d"), 200);
    assert_null(strstr(body, "No listing in a registry"));
    free(body);
    assert_int_equal(web_get(&body, f->path, "/en/clusters/e"), 200);
    assert_non_null(strstr(body, "<p>No listing in a registry, label or list and no application"));
    free(body);
    assert_int_equal(web_get(&body, f->path, "/en/clusters/c"), 200);
    assert_non_null(strstr(body, "<td>pending</td>"));
    free(body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rounds_and_rates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shares_and_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_specialisation_last, setup, teardown),
        cmocka_unit_test_setup_teardown(test_listings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
        cmocka_unit_test(test_empty_registry),
        cmocka_unit_test_setup_teardown(test_cluster_page, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
