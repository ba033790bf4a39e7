/*
 * The regional view (service_regional_view.c) on tests/data/regional/view.json, with the CMP's
 * strong clusters worked by hand here. Employment of 2020 (categories b = biopharma, m =
 * medical-devices; all traded):
 *
 *          b    m   total   LQ b = (b/total)/(105/180)   LQ m = (m/total)/(75/180)
 *   at-a  40   10    50     0.8/0.58333 = 1.371429        0.2/0.41667 = 0.48
 *   at-b  10   40    50     0.342857                      1.92
 *   at-c  20   20    40     0.857143                      1.2
 *   at-d   5    5    10     0.857143                      1.2
 *   at-e  30    0    30     1.714286                      (no employment: no flag)
 *
 * b over 5 regions: Q.75(LQ) (h = 3) = 1.371429, Q.25(E) (h = 1) = 10, establishments 4 2 3 1 5
 * give Q.25 = 2: strong in at-a (1.3714 >= 1.3714, 40 > 10, 4 > 2) and at-e (1.714, 30, 5).
 * m over 4 regions: LQ 0.48 1.2 1.2 1.92, Q.75 (h = 2.25) = 1.2 + 0.25 * 0.72 = 1.38; Q.25(E)
 * (h = 0.75) = 8.75; establishments 1 6 2 1, Q.25 = 1: strong in at-b only.
 * Strength: at-a 40/50 = 0.8, at-b 40/50 = 0.8, at-c 0, at-d 0, at-e 30/30 = 1. Ranks: at-e 1,
 * at-a 2, at-b 3 (a tie, in key order), at-c 4, at-d 5; percentile round(100/5 (rank - 0.5)):
 * 10, 30, 50, 70, 90. strong10: Q.90 of b (h = 3.6) = 1.5771 (at-e), of m (h = 2.7) = 1.704
 * (at-b).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

typedef struct {
    char *dir, *path;
    cs_service *svc;
} view_fixture;

static int setup(void **state)
{
    view_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    if (cs_service_create(f->path) || cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE))
        fail_msg("making the registry: %s", cs_error_last());
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    view_fixture *f = *state;
    cs_service_close(f->svc);
    free(f->path);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

static void load(view_fixture *f)
{
    const char *paths[1] = { "tests/data/regional/view.json" };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 1, NULL))
        fail_msg("importing: %s", cs_error_last());
}

static void test_no_statistics(void **state)
{
    view_fixture *f = *state;
    cs_regional_view *v = (cs_regional_view *)1;
    assert_int_equal(cs_service_regional_view(&v, f->svc, 0), 0);
    assert_null(v);
    /* a year asked of a registry without statistics is no error either: there is nothing */
    assert_int_equal(cs_service_regional_view(&v, f->svc, 2020), 0);
    assert_null(v);
}

static void test_strong_clusters_by_hand(void **state)
{
    view_fixture *f = *state;
    load(f);
    cs_regional_view *v = NULL;
    if (cs_service_regional_view(&v, f->svc, 0))
        fail_msg("%s", cs_error_last());
    assert_non_null(v);
    /* 2021 and 2019 hold employment only: the latest year with both is 2020 */
    assert_int_equal(v->year, 2020);
    assert_int_equal(v->n_years, 2);
    assert_int_equal(v->years[0], 2018);
    assert_int_equal(v->years[1], 2020);
    assert_int_equal(v->rows, 19); /* 10 employment (one of them 0) + 9 establishments */
    assert_int_equal(v->unsourced, 9);
    assert_string_equal(v->sources, "at-stat");
    assert_int_equal(v->n_categories, 2);
    assert_string_equal(v->category[0], "biopharma");
    assert_string_equal(v->category[1], "medical-devices");
    assert_int_equal(v->n_regions, 5);
    static const struct {
        const char *key;
        double employment, strength;
        size_t n_strong, rank;
        double percentile;
    } want[5] = { { "at-a", 50, 0.8, 1, 2, 30 },
                  { "at-b", 50, 0.8, 1, 3, 50 },
                  { "at-c", 40, 0, 0, 4, 70 },
                  { "at-d", 10, 0, 0, 5, 90 },
                  { "at-e", 30, 1, 1, 1, 10 } };
    for (size_t r = 0; r < 5; r++) {
        const cs_regional_view_region *g = &v->region[r];
        assert_string_equal(g->key, want[r].key);
        assert_true(fabs(g->employment - want[r].employment) < 1e-12);
        assert_true(fabs(g->strength - want[r].strength) < 1e-12);
        assert_int_equal(g->n_strong, want[r].n_strong);
        assert_int_equal(g->rank, want[r].rank);
        assert_true(fabs(g->percentile - want[r].percentile) < 1e-12);
        assert_ptr_equal(cs_regional_view_find(v, want[r].key), g);
    }
    assert_null(cs_regional_view_find(v, "at-z"));
    /* by rank: at-e, at-a, at-b, at-c, at-d */
    static const size_t order[5] = { 4, 0, 1, 2, 3 };
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(v->by_rank[i], order[i]);
    /* profiles by LQ: at-a biopharma 1.371429 (strong) then medical-devices 0.48 */
    const cs_regional_view_region *a = &v->region[0];
    assert_int_equal(a->n_profile, 2);
    assert_int_equal(a->profile[0].category, 0);
    assert_true(fabs(a->profile[0].lq - 0.8 / (105.0 / 180)) < 1e-12);
    assert_true(a->profile[0].strong && !a->profile[0].strong10);
    assert_int_equal(a->profile[1].category, 1);
    assert_true(fabs(a->profile[1].lq - 0.48) < 1e-12);
    assert_false(a->profile[1].strong);
    assert_true(fabs(a->strong_employment - 40) < 1e-12);
    /* at-b: medical-devices 1.92, strong and strong10 */
    const cs_regional_view_region *b = &v->region[1];
    assert_int_equal(b->profile[0].category, 1);
    assert_true(fabs(b->profile[0].lq - 1.92) < 1e-12);
    assert_true(b->profile[0].strong && b->profile[0].strong10);
    /* at-c and at-d: LQ 1.2 in medical-devices, not strong (below Q.75 = 1.38) */
    assert_true(fabs(v->region[2].profile[0].lq - 1.2) < 1e-12);
    assert_false(v->region[2].profile[0].strong);
    /* at-e: no employment in medical-devices, so one category in its profile */
    assert_int_equal(v->region[4].n_profile, 1);
    assert_true(v->region[4].profile[0].strong && v->region[4].profile[0].strong10);
    cs_regional_view_free(v);
}

static void test_years(void **state)
{
    view_fixture *f = *state;
    load(f);
    cs_regional_view *v = NULL;
    if (cs_service_regional_view(&v, f->svc, 2018))
        fail_msg("%s", cs_error_last());
    assert_int_equal(v->year, 2018);
    assert_int_equal(v->rows, 2);
    assert_int_equal(v->unsourced, 0);
    assert_string_equal(v->sources, "at-census, at-stat");
    assert_int_equal(v->n_regions, 1);
    /* one region: its strength is 1 only if its one category is strong; LQ 1 = Q.75, E 12 >
     * Q.25 = 12 fails, so not strong */
    assert_int_equal(v->region[0].n_strong, 0);
    assert_int_equal(v->region[0].rank, 1);
    cs_regional_view_free(v);
    /* 2019 holds employment only; 2030 nothing */
    for (int y = 2019; y <= 2030; y += 11) {
        v = (cs_regional_view *)1;
        assert_int_equal(cs_service_regional_view(&v, f->svc, y), CS_EDATA);
        assert_null(v);
        char want[256];
        snprintf(want, sizeof want,
                 "the registry's statistics: expected a year that holds both employment and "
                 "establishments (2018, 2020), found \"%d\"",
                 y);
        assert_string_equal(cs_error_last(), want);
    }
}

/*
 * Levels and types on tests/data/regional/us-states.json: four states (type state, ISO 3166-2
 * codes) and one county of Texas (type county, FIPS code), categories of the category
 * classification cmp-test whose industry table types them: b = biopharma and m =
 * medical-devices traded, h = local-health local. Employment of 2021:
 *
 *          b    m    h   traded   LQ b = (b/traded)/(70/170)   LQ m = (m/traded)/(100/170)
 *   us-il 40   10   50     50     1.942857                     0.34
 *   us-ny 10   40   50     50     0.485714                     1.36
 *   us-tx 20   20   20     40     1.214286                     0.85
 *   us-wa  0   30   10     30     (no employment)              1.7
 *   county us-tx-harris: b 5 (one cell: states hold 11 cells with employment, so the level is
 *   state and the county is left out; with it, b's quantiles would change).
 *
 * b: LQ Q.75 (h = 1.5) = 1.214286 + 0.5 * 0.728571 = 1.578571, E Q.25 (h = 0.5) of 10 20 40 =
 * 15, establishments 4 1 2: Q.25 = 1.5, so us-il is strong (strong10: Q.90 = 1.797857). m: LQ
 * Q.75 (h = 2.25) = 1.36 + 0.25 * 0.34 = 1.445, E Q.25 = 17.5, establishments 1 3 2 5: Q.25 =
 * 1.75, so us-wa is strong. Strength over traded employment only: us-il 40/50 = 0.8 (0.4 if
 * the local 50 counted), us-wa 30/30 = 1, us-ny and us-tx 0. Ranks: us-wa, us-il, us-ny, us-tx.
 */
static void test_levels_and_types(void **state)
{
    view_fixture *f = *state;
    const char *paths[1] = { "tests/data/regional/us-states.json" };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 1, NULL))
        fail_msg("importing: %s", cs_error_last());
    cs_regional_view *v = NULL;
    if (cs_service_regional_view(&v, f->svc, 0))
        fail_msg("%s", cs_error_last());
    assert_int_equal(v->year, 2021);
    assert_string_equal(v->level, "state");
    assert_int_equal(v->n_left_out, 1);
    assert_string_equal(v->left_out, "county");
    assert_int_equal(v->typed, 1);
    assert_int_equal(v->n_local, 1);
    assert_int_equal(v->n_untyped, 0);
    assert_int_equal(v->n_categories, 3);
    static const char *const cat[3] = { "biopharma", "local-health", "medical-devices" };
    static const unsigned char traded[3] = { 1, 0, 1 };
    for (size_t c = 0; c < 3; c++) {
        assert_string_equal(v->category[c], cat[c]);
        assert_int_equal(v->traded[c], traded[c]);
    }
    assert_int_equal(v->n_regions, 4);
    assert_null(cs_regional_view_find(v, "us-tx-harris"));
    static const struct {
        const char *key, *code, *name_en, *name_ru;
        double employment, strength;
        size_t rank;
    } want[4] = { { "us-il", "US-IL", "Illinois", "Иллинойс", 50, 0.8, 2 },
                  { "us-ny", "US-NY", "New York", "Нью-Йорк", 50, 0, 3 },
                  { "us-tx", "US-TX", "Texas", "Техас", 40, 0, 4 },
                  { "us-wa", "US-WA", "Washington", "Вашингтон", 30, 1, 1 } };
    for (size_t r = 0; r < 4; r++) {
        const cs_regional_view_region *g = &v->region[r];
        assert_string_equal(g->key, want[r].key);
        assert_string_equal(g->code, want[r].code);
        assert_string_equal(g->type, "state");
        assert_string_equal(g->name_en, want[r].name_en);
        assert_string_equal(g->name_ru, want[r].name_ru);
        assert_true(fabs(g->employment - want[r].employment) < 1e-12);
        assert_true(fabs(g->strength - want[r].strength) < 1e-12);
        assert_int_equal(g->rank, want[r].rank);
    }
    const cs_regional_view_region *il = &v->region[0];
    assert_int_equal(il->n_strong, 1);
    assert_int_equal(il->profile[0].category, 0);
    assert_true(fabs(il->profile[0].lq - 0.8 / (70.0 / 170)) < 1e-12);
    assert_true(il->profile[0].strong && il->profile[0].strong10);
    /* the local category: LQ against local employment (il 50 of 130, h 130 of 130) = 1 */
    assert_int_equal(il->profile[1].category, 1);
    assert_true(fabs(il->profile[1].lq - 1) < 1e-12);
    assert_false(il->profile[1].strong);
    assert_true(fabs(v->region[3].profile[0].lq - 1.0 / (100.0 / 170)) < 1e-12);
    cs_regional_view_free(v);
}

/* view.json's regions have no type: one level (""), nothing left out, every category traded. */
static void test_one_level_untyped(void **state)
{
    view_fixture *f = *state;
    load(f);
    cs_regional_view *v = NULL;
    if (cs_service_regional_view(&v, f->svc, 0))
        fail_msg("%s", cs_error_last());
    assert_string_equal(v->level, "");
    assert_string_equal(v->classification, "");
    assert_string_equal(v->other_classifications, "");
    assert_int_equal(v->n_left_out, 0);
    assert_string_equal(v->left_out, "");
    assert_int_equal(v->typed, 0);
    assert_int_equal(v->n_local, 0);
    assert_true(v->traded[0] && v->traded[1]);
    assert_string_equal(v->region[0].code, "");
    assert_string_equal(v->region[0].name_en, "Alpha");
    assert_string_equal(v->region[0].name_ru, "Альфа");
    cs_regional_view_free(v);
}

/* Statistics of two classifications are never mixed: view.json's 23 rows of both measures name
 * none (''), us-states.json's 24 name cmp-test, so cmp-test is read (its years, rows and
 * regions only) and '' is named as left out. */
static void test_two_classifications(void **state)
{
    view_fixture *f = *state;
    const char *paths[2] = { "tests/data/regional/view.json",
                             "tests/data/regional/us-states.json" };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 2, NULL))
        fail_msg("importing: %s", cs_error_last());
    cs_regional_view *v = NULL;
    if (cs_service_regional_view(&v, f->svc, 0))
        fail_msg("%s", cs_error_last());
    assert_string_equal(v->classification, "cmp-test");
    assert_string_equal(v->other_classifications, "''");
    assert_int_equal(v->year, 2021);
    assert_int_equal(v->n_years, 1);
    assert_int_equal(v->rows, 24);
    assert_int_equal(v->n_regions, 4);
    assert_null(cs_regional_view_find(v, "at-a"));
    cs_regional_view_free(v);
    /* a year only the other classification holds is refused, naming the years read */
    v = (cs_regional_view *)1;
    assert_int_equal(cs_service_regional_view(&v, f->svc, 2020), CS_EDATA);
    assert_null(v);
    assert_non_null(strstr(cs_error_last(), "establishments (2021), found \"2020\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_no_statistics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strong_clusters_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_years, setup, teardown),
        cmocka_unit_test_setup_teardown(test_levels_and_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_level_untyped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_classifications, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
