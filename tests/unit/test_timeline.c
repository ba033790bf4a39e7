/*
 * Change over time and counts of the registry (store_timeline.c, service_timeline.c,
 * service_counts.c) on tests/data/timeline/: Don Valley's participants 7 (2015) -> 28 (2019) of
 * seed 001 (lines 500-506), a series with a range and a gap, a target's progress, and the
 * registry's clusters counted by kind, stage, region and registry as of a year. Every expected
 * number is worked by hand in the comments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/render.h"
#include "clusterscope/service.h"
#include "clusterscope/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

#define DATA "tests/data/timeline/"

static cs_service *load(fixture *f)
{
    /* every record as a user brings it: one import of the folder's CSV files */
    static const char *const files[] = { DATA "countries.csv", DATA "sources.csv",
                                         DATA "regions.csv",   DATA "clusters.csv",
                                         DATA "facts.csv",     DATA "programmes.csv",
                                         DATA "listings.csv",  DATA "targets.csv" };
    cs_import_stats s;
    if (cs_import_files(&s, f->store, files, 8, NULL))
        fail_msg("import: %s", cs_error_last());
    char *path = st_path(f->dir, "reg.db");
    cs_service *svc = NULL;
    assert_int_equal(cs_service_open(&svc, path, CS_SERVICE_READ), 0);
    free(path);
    return svc;
}

static size_t occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static const cs_timeline_series *series(const cs_timeline *t, const char *name)
{
    for (size_t i = 0; i < t->n_series; i++)
        if (strcmp(t->series[i].name, name) == 0)
            return &t->series[i];
    fail_msg("no series %s", name);
    return NULL;
}

static void test_don_valley(void **state)
{
    fixture *f = *state;
    cs_service *svc = load(f);
    cs_timeline *t = NULL;
    if (cs_service_timeline(&t, svc, "don-valley", NULL))
        fail_msg("%s", cs_error_last());
    assert_string_equal(t->name_ru, "Долина Дона");
    /* startups is undated only: no series; organisation_count has two dated values */
    assert_int_equal(t->n_series, 1);
    const cs_timeline_series *s = series(t, "organisation_count");
    assert_int_equal(s->n, 2);
    assert_int_equal(s->points[0].year, 2015);
    assert_true(isnan(s->points[0].growth));
    assert_int_equal(s->points[0].gap, 0);
    assert_int_equal(s->points[1].year, 2019);
    /* 2016, 2017 and 2018 are unknown: a gap of 3 years, never 0 */
    assert_int_equal(s->points[1].gap, 3);
    /* (28 - 7) / 7 = 3: +300% */
    assert_float_equal(s->points[1].growth, 3.0, 1e-12);
    assert_float_equal(s->change, 3.0, 1e-12);
    /* 4^(1/4) - 1 = sqrt(2) - 1 = 0.414214 */
    assert_float_equal(s->cagr, sqrt(2.0) - 1, 1e-12);
    assert_int_equal(s->first_year, 2015);
    assert_int_equal(s->last_year, 2019);
    assert_string_equal(s->points[1].source, "digest-2019");
    assert_string_equal(s->points[1].status, "stated");
    assert_int_equal(t->n_targets, 0);
    cs_timeline_free(t);
    /* the clusters with dated facts or targets, by key: amber and don-valley, not biomed-a
     * (no facts), not medi */
    cs_timeline **all = NULL;
    size_t n = 0;
    if (cs_service_timelines(&all, &n, svc))
        fail_msg("%s", cs_error_last());
    assert_int_equal(n, 2);
    assert_string_equal(all[0]->cluster, "amber");
    assert_string_equal(all[1]->cluster, "don-valley");
    cs_timelines_free(all, n);
    cs_service_close(svc);
}

static void test_range_and_target(void **state)
{
    fixture *f = *state;
    cs_service *svc = load(f);
    cs_timeline *t = NULL;
    if (cs_service_timeline(&t, svc, "amber", NULL))
        fail_msg("%s", cs_error_last());
    assert_int_equal(t->n_series, 2);
    /* investment: >5000 (2018, a range), 100 (2020), 121 (2022) */
    const cs_timeline_series *s = series(t, "investment");
    assert_int_equal(s->n, 3);
    assert_int_equal(s->points[0].range, 1);
    assert_string_equal(s->points[0].raw, ">5000");
    assert_true(isnan(s->points[0].value));
    assert_true(isnan(s->points[1].growth)); /* against a range: no rate */
    assert_float_equal(s->points[2].growth, 0.21, 1e-12);
    assert_int_equal(s->ranges, 1);
    /* the span runs over the exact values only: 2020-2022, 121/100 = 1.1^2, CAGR 10% */
    assert_int_equal(s->first_year, 2020);
    assert_float_equal(s->cagr, 0.1, 1e-12);
    /* target 70 by 2025 from 2019 (35); latest 42 (2021): 42/70 = 0.6, (42-35)/(70-35) = 0.2 */
    assert_int_equal(t->n_targets, 1);
    const cs_timeline_target *g = &t->targets[0];
    assert_string_equal(g->name, "local_processing_share");
    assert_int_equal(g->year, 2025);
    assert_float_equal(g->value, 70, 0);
    assert_int_equal(g->latest_year, 2021);
    assert_float_equal(g->progress, 0.6, 1e-12);
    assert_float_equal(g->baseline, 35, 0);
    assert_float_equal(g->progress_baseline, 0.2, 1e-12);
    assert_true(g->has_years_to_due);
    assert_int_equal(g->years_to_due, 4);
    cs_timeline_free(t);
    /* one fact only */
    if (cs_service_timeline(&t, svc, "amber", "local_processing_share"))
        fail_msg("%s", cs_error_last());
    assert_int_equal(t->n_series, 1);
    assert_int_equal(t->n_targets, 1);
    cs_timeline_free(t);
    /* unknown cluster, unknown fact: bad data with the name */
    assert_int_equal(cs_service_timeline(&t, svc, "atlantis", NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "\"atlantis\""));
    assert_int_equal(cs_service_timeline(&t, svc, "amber", "no_such_fact"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "\"no_such_fact\""));
    /* a country fact is no cluster fact */
    assert_int_equal(cs_service_timeline(&t, svc, "amber", "clusters_total"), CS_EDATA);
    assert_null(t);
    cs_service_close(svc);
}

static const cs_counts_row *row(const cs_counts *c, const char *value)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->rows[i].value, value) == 0)
            return &c->rows[i];
    fail_msg("no row '%s'", value);
    return NULL;
}

static void test_counts(void **state)
{
    fixture *f = *state;
    cs_service *svc = load(f);
    cs_counts *c = NULL;
    /* Russia as of 2019: don-valley (2015) and amber (2019) counted; biomed-a's founding is
     * unknown (apart); biomed-b (2021) is later */
    if (cs_service_count_clusters(&c, svc, CS_COUNTS_KIND, 2019, "RU"))
        fail_msg("%s", cs_error_last());
    assert_int_equal(c->clusters, 4);
    assert_int_equal(c->counted, 2);
    assert_int_equal(c->undated, 1);
    assert_int_equal(c->later, 1);
    assert_int_equal(c->n, 3);
    assert_string_equal(c->rows[0].value, "industrial");
    assert_string_equal(c->rows[1].value, "other");
    assert_string_equal(c->rows[2].value, "biomedical");
    assert_float_equal(c->rows[0].share, 0.5, 1e-12);
    assert_int_equal(c->rows[2].count, 0);
    assert_int_equal(c->rows[2].undated, 1);
    /* the observatory's figures: 118 clusters, 16 in pharmaceuticals and medicine */
    assert_true(c->has_stated);
    assert_float_equal(c->stated, 118, 0);
    assert_int_equal(c->stated_year, 2019);
    assert_string_equal(c->stated_source, "digest-2019");
    assert_true(c->rows[2].has_stated);
    assert_float_equal(c->rows[2].stated, 16, 0);
    assert_false(c->rows[0].has_stated);
    cs_counts_free(c);
    /* before the stated year: no stated figure applies */
    if (cs_service_count_clusters(&c, svc, CS_COUNTS_KIND, 2018, "RU"))
        fail_msg("%s", cs_error_last());
    assert_false(c->has_stated);
    assert_int_equal(c->counted, 1);
    cs_counts_free(c);
    /* every cluster now, by stage: emerging 2, developing 1, mature 1, unknown 1 (last) */
    if (cs_service_count_clusters(&c, svc, CS_COUNTS_STAGE, 0, NULL))
        fail_msg("%s", cs_error_last());
    assert_int_equal(c->counted, 5);
    assert_int_equal(c->undated, 0);
    assert_int_equal(c->n, 4);
    assert_string_equal(c->rows[0].value, "emerging");
    assert_int_equal(c->rows[0].count, 2);
    assert_float_equal(c->rows[0].share, 0.4, 1e-12);
    assert_string_equal(c->rows[3].value, "");
    assert_int_equal(c->rows[3].count, 1);
    assert_false(c->has_stated); /* stated figures only for a country */
    cs_counts_free(c);
    /* by region, with names: ru-rostov 2, ru-kaliningrad 1, unknown 2 */
    if (cs_service_count_clusters(&c, svc, CS_COUNTS_REGION, 0, NULL))
        fail_msg("%s", cs_error_last());
    assert_int_equal(row(c, "ru-rostov")->count, 2);
    assert_string_equal(row(c, "ru-rostov")->name_ru, "Ростовская область");
    assert_int_equal(row(c, "")->count, 2);
    cs_counts_free(c);
    /* listed at the end of 2019: amber in the registry (entered 2019-03-26); don-valley left
     * the list in 2017, biomed-a is still on it; listed nowhere: don-valley, biomed-b, medi */
    if (cs_service_count_clusters(&c, svc, CS_COUNTS_REGISTRY, 2019, NULL))
        fail_msg("%s", cs_error_last());
    assert_int_equal(row(c, "minpromtorg-registry")->count, 1);
    assert_int_equal(row(c, "pilot-itc")->count, 1);
    assert_int_equal(row(c, "")->count, 3);
    assert_float_equal(row(c, "")->share, 0.6, 1e-12);
    cs_counts_free(c);
    /* in 2015: both on the list, none in the registry yet */
    if (cs_service_count_clusters(&c, svc, CS_COUNTS_REGISTRY, 2015, NULL))
        fail_msg("%s", cs_error_last());
    assert_int_equal(row(c, "minpromtorg-registry")->count, 0);
    assert_int_equal(row(c, "pilot-itc")->count, 2);
    assert_int_equal(row(c, "")->count, 3);
    /* the row carries the programme's names, read with its listings */
    assert_string_equal(row(c, "minpromtorg-registry")->name_ru, "Реестр промышленных кластеров");
    cs_counts_free(c);
    /* a programme nobody is listed in still has its row, with 0 */
    static const char eccp[] = "{\"format\": \"clusterscope-registry\", \"programmes\": "
                               "[{\"key\": \"eccp\", \"kind\": \"label\", \"name_en\": "
                               "\"ECCP\"}]}";
    cs_import_stats st;
    if (cs_import_json_buffer(&st, f->store, eccp, sizeof eccp - 1, "eccp.json", NULL))
        fail_msg("%s", cs_error_last());
    if (cs_service_count_clusters(&c, svc, CS_COUNTS_REGISTRY, 2019, NULL))
        fail_msg("%s", cs_error_last());
    assert_int_equal(c->n, 4);
    assert_int_equal(row(c, "eccp")->count, 0);
    assert_string_equal(row(c, "eccp")->name_en, "ECCP");
    assert_string_equal(row(c, "eccp")->name_ru, "");
    assert_int_equal(row(c, "minpromtorg-registry")->count, 1);
    cs_counts_free(c);
    assert_int_equal(cs_service_count_clusters(&c, svc, CS_COUNTS_KIND, 0, "XX"), CS_EDATA);
    assert_null(c);
    cs_counts_by by;
    assert_int_equal(cs_counts_by_parse(&by, "registry"), 0);
    assert_int_equal(by, CS_COUNTS_REGISTRY);
    assert_int_equal(cs_counts_by_parse(&by, "size"), CS_EUSAGE);
    cs_service_close(svc);
}

/* The line chart of a series with a gap, a target and year ticks (render.h), and two charts
 * stacked into one document. */
static void test_chart(void **state)
{
    (void)state;
    double x[] = { 2015, 2016, 2017, 2018, 2019 };
    double y[] = { 7, NAN, NAN, NAN, 28 };
    cs_chart_series ser = { "participants", y };
    cs_chart_line_spec sp = { .title = "Don Valley",
                              .x_label = "year",
                              .y_label = "organisations",
                              .x = x,
                              .n = 5,
                              .series = &ser,
                              .n_series = 1,
                              .mark_x = NAN,
                              .has_target = 1,
                              .target_x = 2021,
                              .target_y = 40,
                              .target_label = "target 40 by 2021",
                              .x_years = 1,
                              .bridge_gaps = 1 };
    char *a = cs_chart_line(&sp, NULL);
    assert_non_null(a);
    /* whole years, without a thousands separator, up to the target's year */
    assert_non_null(strstr(a, ">2017</text>"));
    assert_non_null(strstr(a, ">2021</text>"));
    assert_null(strstr(a, "2,017"));
    assert_null(strstr(a, "2016.5"));
    /* no value drawn in the gap: one dashed bridge, and the two known points each a path of
     * its own (a line through the gap would be one path) */
    assert_int_equal(occurrences(a, "class=\"cs-gap\""), 1);
    assert_int_equal(occurrences(a, "<path d=\"M"), 2);
    assert_non_null(strstr(a, "class=\"cs-target\""));
    assert_non_null(strstr(a, "class=\"cs-target-point\""));
    /* one x value is enough */
    sp.n = 1;
    sp.has_target = 0;
    char *b = cs_chart_line(&sp, NULL);
    assert_non_null(b);
    const char *both[] = { a, NULL, b };
    char *st = cs_chart_stack(both, 3, "two", NULL);
    assert_non_null(st);
    assert_int_equal(occurrences(st, "<svg "), 3);
    assert_non_null(strstr(st, "height=\"624\"")); /* 300 + 300 + the title's 24 */
    free(st);
    free(a);
    free(b);
    assert_null(cs_chart_stack(both + 1, 1, "none", NULL));
}

/* The left edge of the leftmost number of a value axis, estimated as the chart does (7 px a
 * character, right-aligned at the x of its <text ... text-anchor="end">), and the x of the axis's
 * rotated name; both must lie inside the picture. */
static void axis_extent(const char *svg, double *numbers_left, double *name_x, double *axis_x)
{
    *numbers_left = 1e9;
    for (const char *p = strstr(svg, "<text x=\""); p; p = strstr(p + 1, "<text x=\"")) {
        double x = strtod(p + 9, NULL);
        const char *end = strstr(p, "text-anchor=\"end\">");
        const char *close = end ? strstr(end, "</text>") : NULL;
        if (!end || !close || strchr(p, '\n') < end)
            continue;
        const char *t = end + strlen("text-anchor=\"end\">");
        size_t chars = 0;
        for (const char *c = t; c < close; c++)
            chars += ((unsigned char)*c & 0xC0) != 0x80;
        if (x - 7.0 * (double)chars < *numbers_left)
            *numbers_left = x - 7.0 * (double)chars;
    }
    const char *r = strstr(svg, "<text transform=\"translate(");
    assert_non_null(r);
    *name_x = strtod(r + strlen("<text transform=\"translate("), NULL);
    const char *a = strstr(svg, "stroke=\"#333333\"/>");
    assert_non_null(a);
    while (a > svg && strncmp(a, "<line x1=\"", 10) != 0)
        a--;
    *axis_x = strtod(a + 10, NULL);
}

/* Seed 002's round in roubles: the axis's numbers ("2,500,000,000", 13 characters) and its name
 * stay inside the bar chart, its margin widened for them; numbers that fit keep the usual 60. */
static void test_wide_axis_numbers(void **state)
{
    (void)state;
    const char *cats[] = { "2014" };
    double req[] = { 2.7e9 }, awd[] = { 2.5e9 };
    cs_chart_series ser[2] = { { "Requested", req }, { "Awarded", awd } };
    cs_chart_bar_spec sp = { "Pilot clusters", "RUB", cats, 1, ser, 2, 0 };
    cs_chart_locale ru = { CS_LANG_RU, NULL };
    for (int lang = 0; lang < 2; lang++) {
        char *svg = cs_chart_bar(&sp, lang ? &ru : NULL);
        assert_non_null(svg);
        double left, name, axis;
        axis_extent(svg, &left, &name, &axis);
        assert_non_null(strstr(svg, lang ? "3\u00a0000\u00a0000\u00a0000" : "3,000,000,000"));
        assert_true(left >= 0);             /* no number cut at the edge */
        assert_true(name - 8 >= 0);         /* the name's glyphs, about 8 px left of its centre */
        assert_true(name + 4 < left + 0.5); /* and left of the numbers */
        assert_true(axis > 60);
        free(svg);
    }
    double small[] = { 7 }, small2[] = { 28 };
    cs_chart_series s2[2] = { { "a", small }, { "b", small2 } };
    sp.series = s2;
    char *svg = cs_chart_bar(&sp, NULL);
    double left, name, axis;
    axis_extent(svg, &left, &name, &axis);
    assert_float_equal(axis, 60, 0);
    assert_float_equal(name, 20, 0);
    assert_true(left >= 0);
    free(svg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_don_valley, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_range_and_target, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_counts, st_setup, st_teardown),
        cmocka_unit_test(test_chart),
        cmocka_unit_test(test_wide_axis_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
