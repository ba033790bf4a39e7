/* Choropleth maps (render.h): every region of a geography drawn once, values in the right
 * class, NaN as no data, regions not given grey, the Russian grid's tiles unique, caller strings
 * escaped, errors naming the code, the same bytes on a rerun; and the PNG renderer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cs_chart_locale en = { CS_LANG_EN, NULL };
static const cs_chart_locale ru = { CS_LANG_RU, NULL };

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The element of region `code`, up to its end tag, copied (the caller frees it). */
static char *region(const char *svg, const char *code)
{
    char key[64];
    snprintf(key, sizeof key, "data-code=\"%s\"", code);
    const char *p = strstr(svg, key);
    assert_non_null(p);
    while (p > svg && *p != '<')
        p--;
    const char *end = strchr(p, '\n');
    assert_non_null(end);
    char *out = strndup(p, (size_t)(end - p));
    assert_non_null(out);
    return out;
}

static int class_of(const char *svg, const char *code)
{
    char *r = region(svg, code);
    const char *c = strstr(r, "data-class=\"");
    assert_non_null(c);
    int k = atoi(c + 12);
    free(r);
    return k;
}

static void test_geographies(void **state)
{
    (void)state;
    assert_int_equal(cs_chart_geography_size("us-states"), 51); /* 50 states and DC */
    assert_int_equal(cs_chart_geography_size("ru-grid"), 85);
    /* the 236 countries of Natural Earth 1:50m with a code (XK for Kosovo); 62 of them drawn as
     * dots, too small for 1:110m */
    assert_int_equal(cs_chart_geography_size("world"), 236);
    assert_non_null(cs_chart_geography_name("world", "SG", CS_LANG_EN));
    assert_string_equal(cs_chart_geography_name("world", "XK", CS_LANG_EN), "Kosovo");
    assert_int_equal(cs_chart_geography_size("mars"), -1);
    assert_int_equal(cs_error_last_code(), CS_EUSAGE);
    assert_string_equal(cs_chart_geography_code("us-states", 0), "US-AK");
    assert_null(cs_chart_geography_code("us-states", 51));
    assert_string_equal(cs_chart_geography_name("us-states", "US-CA", CS_LANG_EN), "California");
    assert_string_equal(cs_chart_geography_name("ru-grid", "RU-TA", CS_LANG_RU),
                        "Республика Татарстан");
    assert_string_equal(cs_chart_geography_name("world", "DE", CS_LANG_EN), "Germany");
    assert_string_equal(cs_chart_geography_name("world", "DE", CS_LANG_RU), "Германия");
    assert_null(cs_chart_geography_name("world", "XX", CS_LANG_EN));
    assert_string_equal(cs_chart_geography_example("us-states"), "US-CA");
    /* codes are sorted and unique in every geography */
    const char *geos[] = { "world", "us-states", "ru-grid" };
    for (size_t g = 0; g < 3; g++)
        for (long i = 1; i < cs_chart_geography_size(geos[g]); i++)
            assert_true(strcmp(cs_chart_geography_code(geos[g], (size_t)i - 1),
                               cs_chart_geography_code(geos[g], (size_t)i)) < 0);
}

static void test_classes(void **state)
{
    (void)state;
    cs_chart_classes c;
    int cls[11];
    double v[11] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    assert_int_equal(cs_chart_classify(&c, cls, v, 11, CS_CHART_QUANTILE), 0);
    assert_int_equal(c.n_classes, 5);
    /* R-7 on 0..10: the p-quantile is 10 p */
    for (int k = 0; k <= 5; k++)
        assert_true(fabs(c.bounds[k] - 2.0 * k) < 1e-12);
    /* (2k-2, 2k] is class k; 0 is in class 1 */
    int want[11] = { 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 };
    for (int i = 0; i < 11; i++)
        assert_int_equal(cls[i], want[i]);
    /* quantiles interpolate between order statistics: of 1, 2, 4, 100, h = 3 p gives the
     * breaks 1.6, 2.4, 3.6 and 42.4 (4 + 0.4 * 96); (2.4, 3.6] holds no value, so it joins the
     * next class: four classes */
    double w[5] = { 100, 1, NAN, 4, 2 };
    int cw[5];
    assert_int_equal(cs_chart_classify(&c, cw, w, 5, CS_CHART_QUANTILE), 0);
    assert_int_equal(c.n_classes, 4);
    assert_true(fabs(c.bounds[1] - 1.6) < 1e-12);
    assert_true(fabs(c.bounds[2] - 2.4) < 1e-12);
    assert_true(fabs(c.bounds[3] - 42.4) < 1e-12);
    assert_true(c.min[2] == 4 && c.max[2] == 4);
    assert_int_equal(cw[2], 0); /* NaN: no class */
    assert_int_equal(cw[1], 1);
    assert_int_equal(cw[4], 2);
    assert_int_equal(cw[3], 3);
    assert_int_equal(cw[0], 4);
    /* equal intervals: four distinct values, four classes of 99 / 4 */
    assert_int_equal(cs_chart_classify(&c, cw, w, 5, CS_CHART_EQUAL), 0);
    assert_true(fabs(c.bounds[1] - 25.75) < 1e-12);
    assert_int_equal(cw[3], 1);
    assert_int_equal(cw[0], 4);
    /* tied quantiles merge: 1 (8 times), 2, 7 has breaks 1, 1, 1, 1, 1.2, 7 -> two classes */
    double t[10] = { 1, 7, 1, 1, 2, 1, 1, 1, 1, 1 };
    int ct[10];
    assert_int_equal(cs_chart_classify(&c, ct, t, 10, CS_CHART_QUANTILE), 0);
    assert_int_equal(c.n_classes, 2);
    assert_true(fabs(c.bounds[1] - 1.2) < 1e-12); /* h = 9 * 0.8 = 7.2: 1 + 0.2 * (2 - 1) */
    assert_true(c.min[0] == 1 && c.max[0] == 1 && c.min[1] == 2 && c.max[1] == 7);
    assert_int_equal(ct[0], 1);
    assert_int_equal(ct[1], 2);
    assert_int_equal(ct[4], 2);
    /* one value: one class */
    assert_int_equal(cs_chart_classify(&c, ct, t, 1, CS_CHART_QUANTILE), 0);
    assert_int_equal(c.n_classes, 1);
    assert_int_equal(ct[0], 1);
    /* equal intervals can leave a class empty: its range is its breaks */
    double e[3] = { 0, 1, 10 };
    assert_int_equal(cs_chart_classify(&c, ct, e, 3, CS_CHART_EQUAL), 0);
    assert_int_equal(c.n_classes, 3);
    assert_true(c.min[1] > 3.33 && c.min[1] < 3.34 && c.max[1] > 6.66 && c.max[1] < 6.67);
    assert_int_equal(ct[2], 3);
    /* all unknown: no class at all */
    double u[2] = { NAN, NAN };
    assert_int_equal(cs_chart_classify(&c, cw, u, 2, CS_CHART_QUANTILE), 0);
    assert_int_equal(c.n_classes, 0);
    assert_int_equal(cw[0], 0);
}

static void test_us_states(void **state)
{
    (void)state;
    const char *codes[] = {
        "US-CA", "US-TX", "US-NY", "US-WA", "US-FL", "US-DC", "US-OR", "US-NV"
    };
    const double v[] = { 10, 20, 30, 40, 50, NAN, 12, 48 };
    const char *labels[] = { "Calif<ornia> & co", NULL, "", NULL, NULL, NULL, NULL, NULL };
    /* R-7 breaks of 10 12 20 30 40 48 50 (h = 6 p): 13.6, 24, 36, 46.4 */
    cs_chart_choropleth_spec sp = { "us-states",     codes,        v, labels, 8,
                                    "Jobs \"2024\"", "Employment", 1 };
    char *a = cs_chart_choropleth(&sp, &en);
    assert_non_null(a);
    assert_int_equal(count(a, "<path class=\"cs-region\""), 51); /* one path per state */
    assert_int_equal(count(a, "data-code=\""), 51);
    assert_int_equal(class_of(a, "US-CA"), 1);
    assert_int_equal(class_of(a, "US-FL"), 5);
    assert_int_equal(class_of(a, "US-NY"), 3);
    assert_int_equal(class_of(a, "US-DC"), 0); /* NaN: no data, hatched */
    char *dc = region(a, "US-DC");
    assert_non_null(strstr(dc, "fill=\"url(#cs-hatch-map-"));
    assert_non_null(strstr(dc, "District of Columbia: no data"));
    free(dc);
    char *oh = region(a, "US-OH"); /* not given: grey, and said so */
    assert_non_null(strstr(oh, "fill=\"#D9D9D9\""));
    assert_non_null(strstr(oh, "Ohio: not in the data"));
    free(oh);
    char *fl = region(a, "US-FL");
    assert_non_null(strstr(fl, "fill=\"#253494\""));
    assert_non_null(strstr(fl, "<title>Florida: 50.0</title>"));
    free(fl);
    /* caller strings escaped; an empty label falls back to the state's name */
    assert_non_null(strstr(a, "Calif&lt;ornia&gt; &amp; co: 10.0"));
    assert_non_null(strstr(a, "New York: 30.0"));
    assert_non_null(strstr(a, "Jobs &quot;2024&quot;"));
    assert_null(strstr(a, "Calif<"));
    assert_int_equal(class_of(a, "US-OR"), 1);
    assert_int_equal(class_of(a, "US-NV"), 5);
    assert_int_equal(class_of(a, "US-WA"), 4);
    /* the legend: each class's values in the locale's numbers, the no-data swatch */
    assert_non_null(strstr(a, ">10.0 \xE2\x80\x93 12.0</text>"));
    assert_non_null(strstr(a, ">20.0</text>"));
    assert_non_null(strstr(a, ">48.0 \xE2\x80\x93 50.0</text>"));
    assert_non_null(strstr(a, ">no data</text>"));
    assert_non_null(strstr(a, ">not in the data</text>"));
    /* the same bytes on a rerun */
    char *b = cs_chart_choropleth(&sp, &en);
    assert_non_null(b);
    assert_string_equal(a, b);
    free(b);
    b = cs_chart_choropleth(&sp, &ru);
    assert_non_null(b);
    assert_non_null(strstr(b, ">10,0 \xE2\x80\x93 12,0</text>"));
    assert_non_null(strstr(b, ">нет данных</text>"));
    free(b);
    free(a);
}

static void test_ru_grid(void **state)
{
    (void)state;
    size_t n = (size_t)cs_chart_geography_size("ru-grid");
    const char **codes = malloc(n * sizeof *codes);
    double *v = malloc(n * sizeof *v);
    assert_non_null(codes);
    assert_non_null(v);
    for (size_t i = 0; i < n; i++) {
        codes[i] = cs_chart_geography_code("ru-grid", i);
        v[i] = (double)i;
    }
    cs_chart_choropleth_spec sp = { "ru-grid", codes, v, NULL, n, "", "", 0 };
    char *s = cs_chart_choropleth_classed(&sp, CS_CHART_EQUAL, &ru);
    assert_non_null(s);
    assert_int_equal(count(s, "<g class=\"cs-region\""), 85); /* a tile per subject */
    assert_null(strstr(s, "не в данных"));
    /* no two tiles share a cell: every tile's rect has its own x, y */
    char(*cells)[32] = calloc(n, sizeof *cells);
    assert_non_null(cells);
    size_t k = 0;
    for (const char *p = strstr(s, "<g class=\"cs-region\""); p;
         p = strstr(p + 1, "<g class=\"cs-region\"")) {
        const char *r = strstr(p, "<rect x=\"");
        assert_non_null(r);
        const char *e = strstr(r, "\" width");
        assert_non_null(e);
        assert_true(k < n);
        snprintf(cells[k], sizeof cells[k], "%.*s", (int)(e - r), r);
        for (size_t j = 0; j < k; j++)
            assert_string_not_equal(cells[j], cells[k]);
        k++;
    }
    assert_int_equal(k, 85);
    /* every code is unique and a federal subject's */
    for (size_t i = 0; i < n; i++) {
        assert_memory_equal(codes[i], "RU-", 3);
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(codes[i], codes[j]);
    }
    /* equal intervals of 0..84: Tatarstan's index decides its class */
    char *ta = region(s, "RU-TA");
    assert_non_null(strstr(ta, ">Тат</text>"));
    assert_non_null(strstr(ta, "<title>Республика Татарстан: "));
    free(ta);
    free(cells);
    free(s);
    free(codes);
    free(v);
}

static void test_errors(void **state)
{
    (void)state;
    const char *codes[] = { "US-CA", "US-XX" };
    const double v[] = { 1, 2 };
    cs_chart_choropleth_spec sp = { "us-states", codes, v, NULL, 2, "t", "l", 0 };
    assert_null(cs_chart_choropleth(&sp, &en));
    assert_int_equal(cs_error_last_code(), CS_EDATA);
    assert_string_equal(cs_error_last(),
                        "expected a code of us-states such as US-CA, found 'US-XX'");
    const char *twice[] = { "US-CA", "US-CA" };
    sp.codes = twice;
    assert_null(cs_chart_choropleth(&sp, &en));
    assert_non_null(strstr(cs_error_last(), "US-CA is given twice"));
    sp.geography = "atlantis";
    assert_null(cs_chart_choropleth(&sp, &en));
    assert_int_equal(cs_error_last_code(), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "atlantis"));
    /* world: alpha-2 codes; a US code is not one of them */
    const char *w[] = { "DE", "US-CA" };
    sp.geography = "world";
    sp.codes = w;
    assert_null(cs_chart_choropleth(&sp, &en));
    assert_string_equal(cs_error_last(), "expected a code of world such as DE, found 'US-CA'");
    /* nothing given: the whole map grey, the legend says no data */
    sp.n = 0;
    char *s = cs_chart_choropleth(&sp, &en);
    assert_non_null(s);
    /* 236 countries with a code, 2 territories without one (N. Cyprus, Somaliland), the legend */
    assert_int_equal(count(s, "fill=\"#D9D9D9\""), 236 + 2 + 1);
    free(s);
}

static void test_png(void **state)
{
    (void)state;
    const char *codes[] = { "RU-MOW", "RU-SPE" };
    const double v[] = { 3, 2 };
    cs_chart_choropleth_spec sp = { "ru-grid", codes, v, NULL, 2, "t", "l", 0 };
    char *s = cs_chart_choropleth(&sp, &en);
    assert_non_null(s);
    unsigned char *png = NULL, *png2 = NULL;
    size_t len = 0, len2 = 0;
    assert_int_equal(cs_render_png(&png, &len, s, 370), 0);
    assert_true(len > 100);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    /* IHDR: width and height, big-endian, at bytes 16 and 20 */
    unsigned w =
        (unsigned)png[16] << 24 | (unsigned)png[17] << 16 | (unsigned)png[18] << 8 | png[19];
    assert_int_equal(w, 370);
    assert_int_equal(cs_render_png(&png2, &len2, s, 370), 0);
    assert_int_equal(len, len2);
    assert_memory_equal(png, png2, len);
    free(png);
    free(png2);
    assert_int_equal(cs_render_png(&png, &len, "<svg", 0), CS_EDATA);
    assert_null(png);
    assert_int_equal(cs_render_png(&png, &len, s, 100000), CS_EUSAGE);
    free(s);
}

/* Links: each given region wrapped in <a href="prefix + id"> with data-id; the others plain. */
static void test_links(void **state)
{
    (void)state;
    const char *codes[] = { "US-CA", "US-TX" };
    const char *ids[] = { "us-california", "us-tx" };
    const double v[] = { 10, NAN };
    cs_chart_choropleth_spec sp = { "us-states", codes, v, NULL, 2, "t", "l", 1 };
    char *a = cs_chart_choropleth_linked(&sp, ids, "/en/regions/", &en);
    assert_non_null(a);
    assert_non_null(strstr(a, "<a href=\"/en/regions/us-california\"><path class=\"cs-region\" "
                              "data-code=\"US-CA\" data-class=\"1\" data-id=\"us-california\""));
    assert_non_null(strstr(a, "<a href=\"/en/regions/us-tx\"><path class=\"cs-region\" "
                              "data-code=\"US-TX\" data-class=\"0\" data-id=\"us-tx\""));
    assert_int_equal(count(a, "<a href="), 2);
    assert_int_equal(count(a, "</path></a>"), 2);
    assert_int_equal(count(a, "<path class=\"cs-region\""), 51);
    /* without a prefix: data-id, no link; the plain call is the same map without either */
    char *b = cs_chart_choropleth_linked(&sp, ids, NULL, &en);
    assert_int_equal(count(b, "<a href="), 0);
    assert_int_equal(count(b, "data-id="), 2);
    free(b);
    b = cs_chart_choropleth_linked(&sp, NULL, "/en/regions/", &en);
    char *c = cs_chart_choropleth(&sp, &en);
    assert_string_equal(b, c);
    free(b);
    free(c);
    free(a);
    /* tiles: the <g> of the tile is the link's content */
    const char *tiles[] = { "RU-TA" };
    const char *rid[] = { "ru-tatarstan" };
    cs_chart_choropleth_spec rs = { "ru-grid", tiles, v, NULL, 1, "t", "l", 1 };
    a = cs_chart_choropleth_linked(&rs, rid, "/ru/regions/", &en);
    assert_non_null(strstr(a, "<a href=\"/ru/regions/ru-tatarstan\"><g class=\"cs-region\" "
                              "data-code=\"RU-TA\""));
    assert_int_equal(count(a, "</g></a>"), 1);
    free(a);
}

/* The geography of a list of codes, or why there is none and which entry shows it. */
static void test_geography_of(void **state)
{
    (void)state;
    const char *g = NULL;
    size_t at = 9;
    const char *us[] = { "US-CA", "US-DC" }, *rus[] = { "RU-MOW", "RU-SEV" }, *w[] = { "DE", "XK" };
    assert_int_equal(cs_chart_geography_of(&g, &at, us, 2), 0);
    assert_string_equal(g, "us-states");
    assert_int_equal(cs_chart_geography_of(&g, &at, rus, 2), 0);
    assert_string_equal(g, "ru-grid");
    assert_int_equal(cs_chart_geography_of(&g, &at, w, 2), 0);
    assert_string_equal(g, "world");
    const char *none[] = { "US-CA", "" }, *fips[] = { "US-CA", "06037" },
               *mixed[] = { "US-CA", "US-TX", "DE" }, *unknown[] = { "US-XX" };
    assert_int_equal(cs_chart_geography_of(&g, &at, none, 2), CS_CHART_NO_CODE);
    assert_null(g);
    assert_int_equal(at, 1);
    assert_int_equal(cs_chart_geography_of(&g, &at, fips, 2), CS_CHART_CODE_OFF_MAPS);
    assert_int_equal(at, 1);
    assert_int_equal(cs_chart_geography_of(&g, &at, mixed, 3), CS_CHART_CODES_MIXED);
    assert_int_equal(at, 2);
    assert_int_equal(cs_chart_geography_of(&g, &at, unknown, 1), CS_CHART_CODE_OFF_MAPS);
    assert_int_equal(at, 0);
    assert_int_equal(cs_chart_geography_of(&g, &at, NULL, 0), CS_CHART_NO_CODE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geographies), cmocka_unit_test(test_classes),
        cmocka_unit_test(test_us_states),   cmocka_unit_test(test_ru_grid),
        cmocka_unit_test(test_errors),      cmocka_unit_test(test_png),
        cmocka_unit_test(test_links),       cmocka_unit_test(test_geography_of),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
