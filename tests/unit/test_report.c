/* The report's building blocks: escaping (hostile cluster names stay inert), Russian and
 * English number formats, plural forms and quotes, and the SVG charts (well-formed, non-empty,
 * with a legend, round ticks, tooltips for cut labels, unknown drawn apart from 0). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/render.h"
#include "clusterscope/error.h"
#include "clusterscope/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const script_name = "<script>alert(1)</script>";
static const char *const formula_name = "=HYPERLINK(\"http://evil.example\",\"x\")";

static void test_escape_html(void **state)
{
    (void)state;
    char *s = cs_render_escape(script_name, CS_RENDER_HTML);
    assert_non_null(s);
    assert_string_equal(s, "&lt;script&gt;alert(1)&lt;/script&gt;");
    free(s);
    s = cs_render_escape("a\"b'c&d", CS_RENDER_HTML);
    assert_string_equal(s, "a&quot;b&#39;c&amp;d");
    free(s);
    s = cs_render_escape("", CS_RENDER_HTML);
    assert_string_equal(s, "");
    free(s);
    /* control bytes cannot reach XML */
    s = cs_render_escape("a\x01"
                         "b",
                         CS_RENDER_HTML);
    assert_string_equal(s, "a b");
    free(s);
}

static void test_escape_markdown(void **state)
{
    (void)state;
    char *s = cs_render_escape(script_name, CS_RENDER_MARKDOWN);
    assert_non_null(s);
    assert_null(strchr(s, '<'));
    assert_string_equal(s, "&lt;script&gt;alert(1)&lt;/script&gt;");
    free(s);
    s = cs_render_escape("a|b*c_d\ne", CS_RENDER_MARKDOWN);
    assert_string_equal(s, "a\\|b\\*c\\_d e");
    free(s);
}

static void test_escape_csv(void **state)
{
    (void)state;
    char *s = cs_render_escape(formula_name, CS_RENDER_CSV);
    assert_non_null(s);
    assert_string_equal(s, "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
    free(s);
    const char *starts[] = { "+1", "-1", "@SUM(A1)", "\tx", "\rx" };
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        s = cs_render_escape(starts[i], CS_RENDER_CSV);
        assert_int_equal(s[0], '"');
        assert_int_equal(s[1], '\'');
        free(s);
    }
    s = cs_render_escape("Medicon Valley, DK", CS_RENDER_CSV);
    assert_string_equal(s, "\"Medicon Valley, DK\"");
    free(s);
}

static void test_numbers(void **state)
{
    (void)state;
    char b[64];
    cs_i18n_format_number(b, sizeof b, CS_LANG_RU, 0.5, 1);
    assert_string_equal(b, "0,5");
    cs_i18n_format_number(b, sizeof b, CS_LANG_EN, 0.5, 1);
    assert_string_equal(b, "0.5");
    cs_i18n_format_number(b, sizeof b, CS_LANG_RU, 1234567.891, 2);
    assert_string_equal(b, "1\xC2\xA0"
                           "234\xC2\xA0"
                           "567,89");
    cs_i18n_format_number(b, sizeof b, CS_LANG_EN, 1234567.891, 2);
    assert_string_equal(b, "1,234,567.89");
    /* Russian typesetting groups from five digits on */
    cs_i18n_format_number(b, sizeof b, CS_LANG_RU, 2019, 0);
    assert_string_equal(b, "2019");
    cs_i18n_format_number(b, sizeof b, CS_LANG_RU, -0.0001, 2);
    assert_string_equal(b, "0,00");
    cs_i18n_format_number(b, sizeof b, CS_LANG_RU, -12.5, 1);
    assert_string_equal(b, "-12,5");
    cs_i18n_format_number(b, sizeof b, CS_LANG_EN, NAN, 1);
    assert_string_equal(b, "?");
}

static void test_plurals(void **state)
{
    (void)state;
    const struct {
        long n;
        const char *ru;
    } cases[] = { { 1, "1 кластер" },     { 2, "2 кластера" },      { 4, "4 кластера" },
                  { 5, "5 кластеров" },   { 11, "11 кластеров" },   { 12, "12 кластеров" },
                  { 14, "14 кластеров" }, { 21, "21 кластер" },     { 22, "22 кластера" },
                  { 52, "52 кластера" },  { 111, "111 кластеров" }, { 0, "0 кластеров" } };
    char b[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cs_i18n_count(b, sizeof b, CS_LANG_RU, cases[i].n, "cluster");
        assert_string_equal(b, cases[i].ru);
    }
    cs_i18n_count(b, sizeof b, CS_LANG_RU, 3, "group");
    assert_string_equal(b, "3 группы");
    cs_i18n_count(b, sizeof b, CS_LANG_RU, 21, "group");
    assert_string_equal(b, "21 группа");
    cs_i18n_count(b, sizeof b, CS_LANG_EN, 1, "cluster");
    assert_string_equal(b, "1 cluster");
    cs_i18n_count(b, sizeof b, CS_LANG_EN, 52, "cluster");
    assert_string_equal(b, "52 clusters");
    cs_i18n_quote(b, sizeof b, CS_LANG_RU, "Беломорье");
    assert_string_equal(b, "\xC2\xAB"
                           "Беломорье"
                           "\xC2\xBB");
    assert_string_equal(cs_i18n_text(CS_LANG_RU, "sample"), "Выборка");
    assert_string_equal(cs_i18n_text(CS_LANG_EN, "sample"), "The sample");
    assert_string_equal(cs_i18n_text(CS_LANG_EN, "no-such-key"), "no-such-key");
    cs_lang l;
    assert_int_equal(cs_lang_parse(&l, "ru"), 0);
    assert_int_equal(l, CS_LANG_RU);
    assert_int_equal(cs_lang_parse(&l, "de"), CS_EUSAGE);
    cs_error_clear();
}

static void test_ticks(void **state)
{
    (void)state;
    double first, step;
    size_t n = cs_chart_ticks(&first, &step, 0, 1, 5);
    assert_true(first == 0 && fabs(step - 0.2) < 1e-12 && n == 6);
    n = cs_chart_ticks(&first, &step, 0, 23, 5);
    assert_true(first == 0 && step == 5 && n == 6);
    n = cs_chart_ticks(&first, &step, 0, 0.27, 5);
    assert_true(fabs(step - 0.1) < 1e-12 && n == 4);
    n = cs_chart_ticks(&first, &step, 3, 1870, 4);
    assert_true(step == 500 && first == 0 && n == 5);
}

/* Well-formed enough for a report: one root, balanced <text> and <title>, nothing raw. */
static void check_svg(const char *s)
{
    assert_non_null(s);
    assert_true(strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
    assert_non_null(strstr(s, "</svg>\n"));
    assert_non_null(strstr(s, "class=\"legend\""));
    size_t open = 0, close = 0;
    for (const char *p = s; (p = strstr(p, "<text")); p++)
        open++;
    for (const char *p = s; (p = strstr(p, "</text>")); p++)
        close++;
    assert_true(open > 0 && open == close);
    open = close = 0;
    for (const char *p = s; (p = strstr(p, "<title>")); p++)
        open++;
    for (const char *p = s; (p = strstr(p, "</title>")); p++)
        close++;
    assert_true(open > 0 && open == close);
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "nan"));
}

static const cs_chart_locale ru = { CS_LANG_RU, "неизвестно" };

static void test_bar(void **state)
{
    (void)state;
    const char *cats[] = { "I1", "I2", script_name };
    double a[] = { 0.5, NAN, 1 }, b[] = { 0.25, 0.75, 0 };
    cs_chart_series ser[] = { { "Группа 1", a }, { formula_name, b } };
    cs_chart_bar_spec sp = { "Блок B1", "доля", cats, 3, ser, 2, 1.0 };
    char *s = cs_chart_bar(&sp, &ru);
    check_svg(s);
    assert_non_null(strstr(s, ">0,2</text>")); /* round ticks, decimal comma */
    assert_non_null(strstr(s, ">1,0</text>"));
    assert_non_null(strstr(s, "&lt;script&gt;"));
    assert_non_null(strstr(s, "url(#cs-hatch-")); /* unknown is not a bar of height 0 */
    assert_non_null(strstr(s, "Группа 1"));
    free(s);
    cs_chart_bar_spec empty = { "x", "y", cats, 0, ser, 2, 0 };
    assert_null(cs_chart_bar(&empty, &ru));
    cs_error_clear();
}

/* A legend of many long names takes more rows than planned: the chart grows to hold them, and
 * a name is cut only where it would not fit a row of its own. */
static void test_legend_grows(void **state)
{
    (void)state;
    const char *cats[] = { "I1" };
    double v[8][1] = { { 0.1 }, { 0.2 }, { 0.3 }, { 0.4 }, { 0.5 }, { 0.6 }, { 0.7 }, { 0.8 } };
    char names[8][160];
    cs_chart_series ser[8];
    for (int g = 0; g < 8; g++) {
        snprintf(names[g], sizeof names[g],
                 "Группа %d: Кластеры мировых биомедицинских исследований", g + 1);
        ser[g] = (cs_chart_series){ names[g], v[g] };
    }
    cs_chart_bar_spec sp = { "Блок B1", "доля", cats, 1, ser, 8, 1.0 };
    char *s = cs_chart_bar(&sp, &ru);
    check_svg(s);
    int w = 0, h = 0;
    const char *size = strstr(s, "width=\"");
    assert_non_null(size);
    assert_int_equal(sscanf(size, "width=\"%d\" height=\"%d\"", &w, &h), 2);
    assert_true(h > 330); /* eight rows of legend below the plot */
    char vb[64];
    snprintf(vb, sizeof vb, "viewBox=\"0 0 %d %d\"", w, h);
    assert_non_null(strstr(s, vb)); /* viewBox and size agree */
    assert_non_null(strstr(s, "Группа 8: Кластеры мировых биомедицинских исследований</text>"));
    free(s);
}

static void test_line(void **state)
{
    (void)state;
    double x[] = { 2, 3, 4, 5 }, y[] = { 0.71, 0.45, NAN, 0.4 };
    cs_chart_series ser = { "mean silhouette", y };
    cs_chart_line_spec sp = { .title = "Silhouette",
                              .x_label = "k",
                              .y_label = "width",
                              .x = x,
                              .n = 4,
                              .series = &ser,
                              .n_series = 1,
                              .mark_x = 2,
                              .mark_label = "k = 2" };
    char *s = cs_chart_line(&sp, NULL);
    check_svg(s);
    assert_non_null(strstr(s, ">0.2</text>"));
    /* the unknown value splits the line in two paths */
    size_t paths = 0;
    for (const char *p = s; (p = strstr(p, "<path")); p++)
        paths++;
    assert_int_equal(paths, 2);
    free(s);
}

static void test_heatmap(void **state)
{
    (void)state;
    const char *rows[] = { "Очень длинное название кластера, которое не помещается в подпись",
                           script_name };
    const char *cols[] = { "I1", "I2" };
    double v[] = { 1, NAN, 0, 1 };
    size_t order[] = { 1, 0 };
    int colour[] = { 0, -1 };
    const char *groups[] = { "Группа 1" };
    cs_chart_heatmap_spec sp = { "Оценка", rows, cols,          2,         2, v, order, colour,
                                 groups,   1,    "не выполнен", "выполнен" };
    char *s = cs_chart_heatmap(&sp, &ru);
    check_svg(s);
    assert_non_null(strstr(s, "url(#cs-hatch-"));
    assert_non_null(strstr(s, "fill=\"#EEEEEE\"")); /* 0 is a pale cell, not hatched */
    assert_non_null(strstr(s, "\xE2\x80\xA6"));     /* the long name is cut ... */
    assert_non_null(strstr(s, "<title>Очень длинное название кластера, которое не помещается в "
                              "подпись</title>")); /* ... and whole in the tooltip */
    assert_non_null(strstr(s, "неизвестно"));
    assert_true(strstr(s, "&lt;script") < strstr(s, "Очень")); /* row order followed */
    free(s);
}

static void test_dendrogram(void **state)
{
    (void)state;
    /* 4 leaves: (0,1) at 0.1, (2,3) at 0.2, both at 0.5 */
    double z[] = { 0, 1, 0.1, 2, 2, 3, 0.2, 2, 4, 5, 0.5, 4 };
    const char *leaves[] = { "A", "B", "C", script_name };
    int colour[] = { 0, 0, 1, 1 };
    const char *groups[] = { "Group 1", "Group 2" };
    cs_chart_dendrogram_spec sp = { "Dendrogram", "distance", "cut, k = 2", z, 4,
                                    leaves,       colour,     groups,       2, 0.35 };
    char *s = cs_chart_dendrogram(&sp, NULL);
    check_svg(s);
    assert_non_null(strstr(s, "stroke-dasharray")); /* the cut */
    assert_non_null(strstr(s, ">0.5</text>"));
    assert_non_null(strstr(s, "Group 2"));
    free(s);
    size_t order[4];
    assert_int_equal(cs_chart_leaf_order(order, z, 4), 0);
    assert_true(order[0] == 0 && order[1] == 1 && order[2] == 2 && order[3] == 3);
}

static void test_scatter(void **state)
{
    (void)state;
    double x[] = { 3, 11, NAN, 23 }, y[] = { 1, 6, 2, 17 };
    const char *labels[] = { "A", formula_name, "C", script_name };
    int colour[] = { 0, 1, 0, -1 };
    const char *groups[] = { "Группа 1", "Группа 2" };
    cs_chart_scatter_spec sp = { "Баллы", "известно", "выполнено", x,    y, labels, colour, 4,
                                 groups,  2,          "прочие",    NULL, 0, 0,      0,      NULL };
    char *s = cs_chart_scatter(&sp, &ru);
    check_svg(s);
    size_t circles = 0;
    for (const char *p = s; (p = strstr(p, "<circle")); p++)
        circles++;
    assert_int_equal(circles, 3);             /* the point with an unknown x is left out */
    assert_non_null(strstr(s, ">25</text>")); /* x ticks 0, 5, ..., 25 */
    assert_non_null(strstr(s, "&lt;script"));
    assert_non_null(strstr(s, "прочие"));
    free(s);
}

/* The word table is searched by bisection: a key out of order would not be found. */
static void test_words(void **state)
{
    (void)state;
    const char *keys[] = { "agreement",
                           "ari",
                           "assessment",
                           "block_chart",
                           "by_country",
                           "cards",
                           "clusters_word",
                           "contingency",
                           "country",
                           "coverage_text",
                           "dendrogram",
                           "explain",
                           "founded",
                           "group_profile",
                           "indicators",
                           "items_word",
                           "left_out",
                           "map_note",
                           "no_map",
                           "not_met",
                           "provenance",
                           "scatter_y",
                           "seed",
                           "status_stated",
                           "study_group",
                           "subtitle",
                           "typology_intro",
                           "unknown_policy_text",
                           "value",
                           "too_few_clusters",
                           "card_unknown",
                           "card_scores",
                           "at_least",
                           "citation",
                           "kind_biomedical",
                           "kind_tourist",
                           "setting",
                           "known_short" };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        assert_string_not_equal(cs_i18n_text(CS_LANG_EN, keys[i]), keys[i]);
        assert_string_not_equal(cs_i18n_text(CS_LANG_RU, keys[i]), keys[i]);
    }
    assert_string_equal(cs_i18n_text(CS_LANG_RU, "yes"), "да");
    assert_string_equal(cs_i18n_text(CS_LANG_RU, "no"), "нет");
    assert_string_equal(cs_i18n_text(CS_LANG_RU, "no such word"), "no such word");
}

static void test_map(void **state)
{
    (void)state;
    double lat[] = { 55.7, NAN, -33.9 }, lon[] = { 12.6, 0, 151.2 };
    const char *labels[] = { "Medicon Valley", "x", script_name };
    int colour[] = { 0, -1, -1 };
    const char *groups[] = { "Group 1" };
    const char *ids[] = { "medicon-valley", "x", "a\"b<c" };
    cs_chart_map_spec sp = { "Map", lat,     lon, labels, colour, 3, groups, 1, "not classified",
                             ids,   "#card-" };
    char *s = cs_chart_map(&sp, NULL);
    check_svg(s);
    assert_non_null(strstr(s, "class=\"cs-chart cs-map\""));
    size_t circles = 0;
    for (const char *p = s; (p = strstr(p, "<circle class=\"cs-point\"")); p++)
        circles++;
    assert_int_equal(circles, 2); /* the point without coordinates is not drawn */
    assert_non_null(strstr(s, "data-id=\"medicon-valley\""));
    assert_null(strstr(s, "data-id=\"x\""));
    assert_non_null(strstr(s, "<a href=\"#card-medicon-valley\"><circle")); /* a point links */
    assert_non_null(strstr(s, "data-id=\"a&quot;b&lt;c\"")); /* an id is an attribute value */
    assert_non_null(strstr(s, "not classified"));
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_html), cmocka_unit_test(test_escape_markdown),
        cmocka_unit_test(test_escape_csv),  cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_plurals),     cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_bar),         cmocka_unit_test(test_line),
        cmocka_unit_test(test_heatmap),     cmocka_unit_test(test_dendrogram),
        cmocka_unit_test(test_scatter),     cmocka_unit_test(test_words),
        cmocka_unit_test(test_map),         cmocka_unit_test(test_legend_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
