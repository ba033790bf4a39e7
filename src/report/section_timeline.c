/*
 * section_timeline.c: the report's section "timeline" (CS_REPORT_TIMELINE): for each cluster
 * with dated facts or targets, its series (growth between consecutive known years, compound
 * annual growth over the span), its targets with their progress, and a line chart per fact
 * with the target dashed; and the chart itself (cs_report_timeline_svg), which the timeline
 * command and the web's cluster page draw too.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *in_lang(cs_lang lang, const char *en, const char *ru)
{
    return lang == CS_LANG_RU && ru && *ru ? ru : en ? en : "";
}

/* The series' chart: its exact values over its years (a range or unknown leaves a gap). */
static char *series_chart(const cs_timeline *t, const cs_timeline_series *s,
                          const cs_timeline_target *g, cs_lang lang, const cs_chart_locale *loc)
{
    /* every year from the first to the last: a year without a value is a gap (NaN) */
    size_t n = s ? (size_t)(s->points[s->n - 1].year - s->points[0].year) + 1 : 1;
    double *x = calloc(n, sizeof *x), *y = calloc(n, sizeof *y);
    char *svg = NULL;
    if (!x || !y) {
        free(x);
        free(y);
        cs_error_set(CS_ENOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; s && i < n; i++) {
        x[i] = s->points[0].year + (int)i;
        y[i] = NAN;
    }
    for (size_t i = 0; s && i < s->n; i++)
        y[s->points[i].year - s->points[0].year] = s->points[i].value;
    if (!s) { /* a target alone: its due year is the only x */
        x[0] = g->year;
        y[0] = NAN;
    }
    const char *name = s ? s->name : g->name;
    const char *lab =
        s ? in_lang(lang, s->label_en, s->label_ru) : in_lang(lang, g->label_en, g->label_ru);
    char title[512], tl[128];
    snprintf(title, sizeof title, "%s: %s", in_lang(lang, t->name_en, t->name_ru),
             *lab ? lab : name);
    /* a range has no place on the axis: the legend names what is not drawn */
    char legend[512], ranges[256] = "";
    for (size_t i = 0; s && i < s->n; i++)
        if (s->points[i].range) {
            size_t len = strlen(ranges);
            snprintf(ranges + len, sizeof ranges - len, "%s%s (%d)", len ? ", " : "",
                     s->points[i].raw, s->points[i].year);
        }
    if (*ranges)
        snprintf(legend, sizeof legend, cs_i18n_text(lang, "tl_not_drawn"), name, ranges);
    else
        snprintf(legend, sizeof legend, "%s", name);
    cs_chart_series ser = { legend, y };
    cs_chart_line_spec sp = { .title = title,
                              .x_label = cs_i18n_text(lang, "tl_year"),
                              .y_label = s ? s->unit : g->unit,
                              .x = x,
                              .n = n,
                              .series = &ser,
                              .n_series = 1,
                              .mark_x = NAN,
                              .target_x = NAN,
                              .x_years = 1,
                              .bridge_gaps = 1 };
    if (g && !isnan(g->value)) {
        if (g->year)
            snprintf(tl, sizeof tl, cs_i18n_text(lang, "tl_target_due"), g->raw, g->year);
        else
            snprintf(tl, sizeof tl, cs_i18n_text(lang, "tl_target_label"), g->raw);
        sp.has_target = 1;
        sp.target_x = g->year ? (double)g->year : NAN;
        sp.target_y = g->value;
        sp.target_label = tl;
    }
    svg = cs_chart_line(&sp, loc);
    free(x);
    free(y);
    return svg;
}

static const cs_timeline_target *first_target(const cs_timeline *t, const char *name)
{
    for (size_t i = 0; i < t->n_targets; i++)
        if (strcmp(t->targets[i].name, name) == 0)
            return &t->targets[i];
    return NULL;
}

static const cs_timeline_series *find_series(const cs_timeline *t, const char *name)
{
    for (size_t i = 0; i < t->n_series; i++)
        if (strcmp(t->series[i].name, name) == 0)
            return &t->series[i];
    return NULL;
}

/* Chart i: series i, then each target whose fact has no dated value yet (its due year and
 * value alone); NULL past the end, or for a target that cannot be drawn (no due year or value). */
static char *chart_at(const cs_timeline *t, size_t i, cs_lang lang, const cs_chart_locale *loc,
                      int *drawable)
{
    *drawable = 1;
    if (i < t->n_series)
        return series_chart(t, &t->series[i], first_target(t, t->series[i].name), lang, loc);
    i -= t->n_series;
    const cs_timeline_target *g = i < t->n_targets ? &t->targets[i] : NULL;
    if (!g || find_series(t, g->name) || first_target(t, g->name) != g || !g->year ||
        isnan(g->value)) {
        *drawable = 0;
        return NULL;
    }
    return series_chart(t, NULL, g, lang, loc);
}

size_t cs_report_timeline_chart_count(const cs_timeline *t)
{
    return t->n_series + t->n_targets;
}

int cs_report_timeline_chart(char **out, const cs_timeline *t, size_t i, cs_lang lang)
{
    cs_chart_locale loc = { lang, cs_i18n_text(lang, "unknown") };
    int drawable;
    *out = chart_at(t, i, lang, &loc, &drawable);
    return *out || !drawable ? 0 : cs_error_last_code();
}

int cs_report_timeline_svg(char **out, const cs_timeline *t, cs_lang lang)
{
    *out = NULL;
    cs_chart_locale loc = { lang, cs_i18n_text(lang, "unknown") };
    size_t cap = cs_report_timeline_chart_count(t), n = 0;
    char **charts = calloc(cap ? cap : 1, sizeof *charts);
    if (!charts)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = 0;
    for (size_t i = 0; !rc && i < cap; i++) {
        rc = cs_report_timeline_chart(&charts[n], t, i, lang);
        if (!rc && charts[n])
            n++;
    }
    if (!rc && n == 0)
        rc = cs_error_set(CS_EDATA, "cluster \"%s\" has no dated facts or targets to draw",
                          t->cluster);
    if (!rc && n == 1) {
        *out = charts[0];
        charts[0] = NULL;
    } else if (!rc) {
        char title[512];
        snprintf(title, sizeof title, cs_i18n_text(lang, "tl_heading"),
                 in_lang(lang, t->name_en, t->name_ru), t->cluster);
        *out = cs_chart_stack((const char *const *)charts, n, title, &loc);
        rc = *out ? 0 : cs_error_last_code();
    }
    for (size_t i = 0; i < n; i++)
        free(charts[i]);
    free(charts);
    return rc;
}

static void pct(char *out, size_t cap, const cs_report *r, double v, int sign)
{
    if (isnan(v)) {
        snprintf(out, cap, "?");
        return;
    }
    char p[48];
    cs_report_num(p, sizeof p, r, v * 100, 2);
    snprintf(out, cap, "%s%s%s", sign && v > 0 ? "+" : "", p, T(r, "percent_sign"));
}

static void one_cluster(cs_doc *d, const cs_report *r, const cs_timeline *t)
{
    char head[512];
    snprintf(head, sizeof head, "%s (%s)", cs_report_label(r, t->name_en, t->name_ru), t->cluster);
    cs_doc_heading(d, 3, NULL, head);
    for (size_t i = 0; i < t->n_series; i++) {
        const cs_timeline_series *s = &t->series[i];
        const char *lab = cs_report_label(r, s->label_en, s->label_ru);
        char line[1024];
        snprintf(line, sizeof line, "%s%s%s%s%s%s", s->name, *lab ? " — " : "", lab,
                 *s->unit ? " (" : "", s->unit, *s->unit ? ")" : "");
        cs_doc_para(d, line);
        const char *h[] = { T(r, "tl_col_year"), T(r, "tl_col_value"),  T(r, "tl_col_growth"),
                            T(r, "tl_col_gap"),  T(r, "tl_col_status"), T(r, "tl_col_source") };
        cs_doc_table_head(d, h, 6);
        for (size_t k = 0; k < s->n; k++) {
            const cs_timeline_point *p = &s->points[k];
            char y[16], g[64] = "", gap[16] = "";
            snprintf(y, sizeof y, "%d", p->year);
            if (k) {
                pct(g, sizeof g, r, p->growth, 1);
                snprintf(gap, sizeof gap, "%d", p->gap);
            }
            char key[64];
            snprintf(key, sizeof key, "status_%s", p->status);
            const char *c[] = { y,   *p->raw ? p->raw : "?",      g,
                                gap, *p->status ? T(r, key) : "", p->source };
            cs_doc_table_row(d, c, 6);
        }
        cs_doc_table_end(d);
        if (s->first_year) {
            char ch[64], cg[64];
            pct(ch, sizeof ch, r, s->change, 1);
            pct(cg, sizeof cg, r, s->cagr, 0);
            snprintf(line, sizeof line, T(r, "tl_span"), s->first_year, s->last_year, ch, cg);
            cs_doc_para(d, line);
        } else if (s->numeric) {
            cs_doc_para(d, T(r, "tl_span_none"));
        }
        if (s->ranges) {
            snprintf(line, sizeof line, T(r, "tl_ranges"), s->ranges);
            cs_doc_para(d, line);
        }
    }
    if (t->n_targets) {
        const char *h[] = { T(r, "tl_col_fact"),
                            T(r, "tl_col_due"),
                            T(r, "tl_col_target"),
                            T(r, "tl_col_baseline"),
                            T(r, "tl_col_latest"),
                            T(r, "tl_col_progress"),
                            T(r, "tl_col_progress_baseline"),
                            T(r, "tl_col_years_to_due"),
                            T(r, "tl_col_source") };
        cs_doc_table_head(d, h, 9);
        for (size_t i = 0; i < t->n_targets; i++) {
            const cs_timeline_target *g = &t->targets[i];
            char due[64], base[64], latest[96] = "?", lv[64], pr[64], pb[64], left[32] = "?";
            snprintf(due, sizeof due, "%d", g->year);
            snprintf(base, sizeof base, "%d", g->baseline_year);
            if (g->latest_year) {
                cs_report_num(lv, sizeof lv, r, g->latest, g->latest == floor(g->latest) ? 0 : 2);
                snprintf(latest, sizeof latest, "%s (%d)", lv, g->latest_year);
            }
            pct(pr, sizeof pr, r, g->progress, 0);
            pct(pb, sizeof pb, r, g->progress_baseline, 0);
            if (g->has_years_to_due)
                snprintf(left, sizeof left, "%d", g->years_to_due);
            const char *c[] = { g->name,  g->year ? due : T(r, "tl_not_stated"),
                                g->raw,   g->baseline_year ? base : T(r, "tl_not_stated"),
                                latest,   pr,
                                pb,       left,
                                g->source };
            cs_doc_table_row(d, c, 9);
        }
        cs_doc_table_end(d);
    }
    char *svg = NULL;
    if (cs_report_timeline_svg(&svg, t, r->o.lang) == 0)
        cs_doc_figure(d, svg, head);
    else
        cs_error_clear();
}

void cs_report_section_timeline(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "timeline", T(r, "timeline"));
    cs_doc_para(d, T(r, "tl_intro"));
    if (!r->n_timelines)
        cs_doc_para(d, T(r, "tl_report_none"));
    for (size_t i = 0; i < r->n_timelines; i++)
        one_cluster(d, r, r->timelines[i]);
}

static void json_year(cs_jsonw *w, const char *key, int y)
{
    if (y)
        cs_jsonw_int(w, key, y);
    else
        cs_jsonw_null(w, key);
}

void cs_report_timeline_json(cs_jsonw *w, const cs_report *r)
{
    cs_jsonw_open(w, "timeline", '[');
    for (size_t i = 0; i < r->n_timelines; i++) {
        const cs_timeline *t = r->timelines[i];
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "cluster", t->cluster);
        cs_jsonw_open(w, "series", '[');
        for (size_t j = 0; j < t->n_series; j++) {
            const cs_timeline_series *s = &t->series[j];
            cs_jsonw_open(w, NULL, '{');
            cs_jsonw_string(w, "fact", s->name);
            cs_jsonw_open(w, "points", '[');
            for (size_t k = 0; k < s->n; k++) {
                const cs_timeline_point *p = &s->points[k];
                cs_jsonw_open(w, NULL, '{');
                cs_jsonw_int(w, "year", p->year);
                cs_jsonw_string(w, "value", p->raw);
                cs_jsonw_real(w, "exact", p->value);
                cs_jsonw_real(w, "growth", p->growth);
                cs_jsonw_int(w, "gap", p->gap);
                cs_jsonw_string(w, "status", p->status);
                cs_jsonw_string(w, "source", p->source);
                cs_jsonw_close(w, '}');
            }
            cs_jsonw_close(w, ']');
            json_year(w, "first_year", s->first_year);
            json_year(w, "last_year", s->last_year);
            cs_jsonw_real(w, "change", s->change);
            cs_jsonw_real(w, "cagr", s->cagr);
            cs_jsonw_int(w, "ranges", (long long)s->ranges);
            cs_jsonw_close(w, '}');
        }
        cs_jsonw_close(w, ']');
        cs_jsonw_open(w, "targets", '[');
        for (size_t j = 0; j < t->n_targets; j++) {
            const cs_timeline_target *g = &t->targets[j];
            cs_jsonw_open(w, NULL, '{');
            cs_jsonw_string(w, "fact", g->name);
            json_year(w, "due", g->year);
            cs_jsonw_string(w, "value", g->raw);
            cs_jsonw_real(w, "exact", g->value);
            json_year(w, "baseline_year", g->baseline_year);
            json_year(w, "latest_year", g->latest_year);
            cs_jsonw_real(w, "latest", g->latest);
            cs_jsonw_real(w, "progress", g->progress);
            cs_jsonw_real(w, "progress_baseline", g->progress_baseline);
            if (g->has_years_to_due)
                cs_jsonw_int(w, "years_to_due", g->years_to_due);
            else
                cs_jsonw_null(w, "years_to_due");
            cs_jsonw_string(w, "source", g->source);
            cs_jsonw_close(w, '}');
        }
        cs_jsonw_close(w, ']');
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
}
