/*
 * chart.c: SVG charts (render.h). Every chart is one <svg> element with a viewBox, a <title>,
 * text in the document's font, and a legend; every string from the caller is escaped. The
 * coordinates are written with fixed decimals so that output is byte-deterministic.
 */
#include "clusterscope/render.h"

#include "clusterscope/error.h"
#include "clusterscope/i18n.h"
#include "render/escape.h"
#include "render/svg.h"
#include "util/buf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Okabe & Ito (2008), without black: orange, sky blue, bluish green, yellow, blue, vermillion,
 * reddish purple, then grey. */
static const char *const palette[] = { "#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                       "#0072B2", "#D55E00", "#CC79A7", "#999999" };
#define N_PALETTE (sizeof palette / sizeof palette[0])
#define GREY      "#BBBBBB"

const char *cs_chart_colour(size_t i)
{
    return palette[i % (N_PALETTE - 1)];
}

static const char *colour_of(int c)
{
    return c < 0 ? GREY : cs_chart_colour((size_t)c);
}

size_t cs_chart_ticks(double *first, double *step, double lo, double hi, size_t max_ticks)
{
    if (!(hi > lo) || !isfinite(lo) || !isfinite(hi))
        hi = lo + 1;
    if (max_ticks < 1)
        max_ticks = 1;
    double raw = (hi - lo) / (double)max_ticks;
    double mag = pow(10, floor(log10(raw)));
    double s = mag;
    if (raw > 5 * mag)
        s = 10 * mag;
    else if (raw > 2 * mag)
        s = 5 * mag;
    else if (raw > mag)
        s = 2 * mag;
    double f = floor(lo / s + 1e-9) * s;
    size_t n = (size_t)ceil((hi - f) / s - 1e-9) + 1;
    if (n < 2)
        n = 2;
    *first = f;
    *step = s;
    return n;
}

int cs_chart_format_number(char *out, size_t cap, double v, int decimals,
                           const cs_chart_locale *loc)
{
    return cs_i18n_format_number(out, cap, loc ? loc->lang : CS_LANG_EN, v, decimals);
}

/* Decimals a tick step needs: 0 for 1, 2, 5, 10...; 1 for 0.5, 0.2; 2 for 0.05. */
static int step_decimals(double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-9)
        d++;
    return d;
}

/* A data point of a scatter plot or map: its label is the tooltip, its id the data-id. */
static void point(cs_svg *s, double x, double y, int colour, const char *extra, const char *id,
                  const char *tooltip)
{
    cs_svg_out(s, "<circle class=\"cs-point\"");
    if (id) {
        cs_svg_out(s, " data-id=\"");
        cs_svg_text(s, id);
        cs_svg_out(s, "\"");
    }
    cs_svg_out(s,
               " cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"%s stroke=\"#333333\" "
               "stroke-width=\"0.6\"><title>",
               x, y, colour_of(colour), extra);
    cs_svg_text(s, tooltip);
    cs_svg_out(s, "</title></circle>\n");
}

/* The characters (not bytes: a Russian thousands separator is two) of the widest number of a
 * value axis of N ticks from FIRST by STEP. */
static size_t widest_tick(double first, double step, size_t n, const cs_chart_locale *loc)
{
    int dec = step_decimals(step);
    size_t widest = 0;
    for (size_t i = 0; i < n; i++) {
        char num[64];
        cs_chart_format_number(num, sizeof num, first + step * (double)i, dec, loc);
        size_t chars = 0;
        for (const unsigned char *p = (const unsigned char *)num; *p; p++)
            chars += (*p & 0xC0) != 0x80;
        if (chars > widest)
            widest = chars;
    }
    return widest;
}

/* About the width of a digit at the charts' 11 px sans-serif (DejaVu's 0.64 em). */
#define TICK_CHAR_PX 7.0

/* The left margin a value axis needs: 60, or wider when its widest number and the axis's name
 * beside it would not fit in 60 (amounts in roubles: "2,500,000,000"), so that no number is cut
 * at the picture's edge. Charts whose numbers fit keep the margin they always had. */
static double y_margin(double first, double step, size_t n, const cs_chart_locale *loc)
{
    double need = TICK_CHAR_PX * (double)widest_tick(first, step, n, loc) + 20;
    return need > 60 ? need : 60;
}

/* A vertical value axis at x0 from y0 (value lo) to y1 (value hi); x0 from y_margin(). */
static void y_axis(cs_svg *s, double x0, double x1, double y0, double y1, double first, double step,
                   size_t n, const char *y_label)
{
    int dec = step_decimals(step);
    /* the name's centre: 40 left of the axis in the usual margin, else just left of the
     * numbers (right-aligned at x0 - 4) */
    double name_x =
        x0 > 60 ? x0 - TICK_CHAR_PX * (double)widest_tick(first, step, n, s->loc) - 10 : x0 - 40;
    double hi = first + step * (double)(n - 1);
    for (size_t i = 0; i < n; i++) {
        double v = first + step * (double)i;
        double y = y0 - (v - first) / (hi - first) * (y0 - y1);
        char num[64];
        cs_chart_format_number(num, sizeof num, v, dec, s->loc);
        cs_svg_out(s,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#DDDDDD\"/>\n"
                   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                   x0, y, x1, y, x0 - 4, y + 4, num);
    }
    cs_svg_out(s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n",
               x0, y0, x0, y1);
    if (y_label && *y_label) {
        cs_svg_out(s,
                   "<text transform=\"translate(%.1f %.1f) rotate(-90)\" text-anchor=\"middle\">",
                   name_x, (y0 + y1) / 2);
        cs_svg_text(s, y_label);
        cs_svg_out(s, "</text>\n");
    }
}

char *cs_chart_bar(const cs_chart_bar_spec *sp, const cs_chart_locale *loc)
{
    if (!sp || sp->n_categories == 0 || sp->n_series == 0) {
        cs_error_set(CS_EUSAGE, "a bar chart needs categories and series");
        return NULL;
    }
    double vmax = sp->y_max;
    if (!(vmax > 0)) {
        vmax = 0;
        for (size_t j = 0; j < sp->n_series; j++)
            for (size_t i = 0; i < sp->n_categories; i++)
                if (sp->series[j].values[i] > vmax)
                    vmax = sp->series[j].values[i];
        if (vmax <= 0)
            vmax = 1;
    }
    double first, step;
    size_t nt = cs_chart_ticks(&first, &step, 0, vmax, 5);
    double top = first + step * (double)(nt - 1);
    double slot = 18.0 * (double)sp->n_series + 14;
    if (slot < 46)
        slot = 46;
    double x0 = y_margin(first, step, nt, loc), y0 = 230, y1 = 34;
    double w = x0 + slot * (double)sp->n_categories + 20;
    if (w < 480)
        w = 480;
    cs_svg s;
    cs_svg_open(&s, "bar", w, 330, sp->title, loc);
    cs_svg_hatch_def(&s);
    y_axis(&s, x0, w - 10, y0, y1, first, step, nt, sp->y_label);
    double bw = (slot - 14) / (double)sp->n_series;
    for (size_t i = 0; i < sp->n_categories; i++) {
        double cx = x0 + slot * (double)i + 7;
        for (size_t j = 0; j < sp->n_series; j++) {
            double v = sp->series[j].values[i];
            double x = cx + bw * (double)j;
            char num[64];
            cs_chart_format_number(num, sizeof num, v, step_decimals(step) + 1, loc);
            if (isnan(v)) {
                cs_svg_out(&s,
                           "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"6\" "
                           "fill=\"url(#cs-hatch-%s)\" stroke=\"#666666\"><title>",
                           x, y0 - 6, bw - 1, s.id);
                cs_svg_text(&s, sp->series[j].name);
                cs_svg_out(&s,
                           ": ?</title></rect>\n<text x=\"%.1f\" y=\"%.1f\" "
                           "text-anchor=\"middle\">?</text>\n",
                           x + bw / 2, y0 - 9);
                continue;
            }
            double h = v / top * (y0 - y1);
            cs_svg_out(
                &s,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>", x,
                y0 - h, bw - 1, h, cs_chart_colour(j));
            cs_svg_text(&s, sp->categories[i]);
            cs_svg_out(&s, ", ");
            cs_svg_text(&s, sp->series[j].name);
            cs_svg_out(&s, ": %s</title></rect>\n", num);
        }
        cs_svg_label(&s, cx + (slot - 14) / 2, y0 + 14, "middle", NULL, sp->categories[i],
                     (size_t)(slot / 6.5) + 1);
    }
    cs_svg_swatch sw[16];
    size_t n = sp->n_series < 16 ? sp->n_series : 16;
    for (size_t j = 0; j < n; j++)
        sw[j] = (cs_svg_swatch){ cs_chart_colour(j), sp->series[j].name, 0 };
    cs_svg_legend(&s, 8, y0 + 40, w - 16, sw, n);
    return cs_svg_close(&s);
}

char *cs_chart_line(const cs_chart_line_spec *sp, const cs_chart_locale *loc)
{
    if (!sp || sp->n < 1 || sp->n_series == 0) {
        cs_error_set(CS_EUSAGE, "a line chart needs an x value and a series");
        return NULL;
    }
    double xlo = sp->x[0], xhi = sp->x[0], ylo = HUGE_VAL, yhi = -HUGE_VAL;
    if (sp->has_target) {
        if (!isnan(sp->target_x)) {
            xlo = fmin(xlo, sp->target_x);
            xhi = fmax(xhi, sp->target_x);
        }
        ylo = yhi = sp->target_y;
    }
    for (size_t i = 0; i < sp->n; i++) {
        xlo = fmin(xlo, sp->x[i]);
        xhi = fmax(xhi, sp->x[i]);
        for (size_t j = 0; j < sp->n_series; j++) {
            double v = sp->series[j].values[i];
            if (!isnan(v)) {
                ylo = fmin(ylo, v);
                yhi = fmax(yhi, v);
            }
        }
    }
    if (ylo > yhi)
        ylo = 0, yhi = 1;
    if (ylo > 0)
        ylo = 0;
    double yf, ys, xf, xs;
    size_t ny = cs_chart_ticks(&yf, &ys, ylo, yhi, 5);
    size_t nx = cs_chart_ticks(&xf, &xs, xlo, xhi, 8);
    if (sp->x_years && xs < 1) { /* no half years: a tick a year over whole years */
        xf = floor(xlo);
        xs = 1;
        nx = (size_t)(ceil(xhi) - xf) + 1;
        if (nx < 2)
            nx = 2;
    }
    double ytop = yf + ys * (double)(ny - 1), xtop = xf + xs * (double)(nx - 1);
    double x0 = y_margin(yf, ys, ny, loc), x1 = 440, y0 = 220, y1 = 34;
    cs_svg s;
    cs_svg_open(&s, "line", 460, 300, sp->title, loc);
    y_axis(&s, x0, x1, y0, y1, yf, ys, ny, sp->y_label);
#define PX(v) (x0 + ((v)-xf) / (xtop - xf) * (x1 - x0))
#define PY(v) (y0 - ((v)-yf) / (ytop - yf) * (y0 - y1))
    int xd = step_decimals(xs);
    for (size_t i = 0; i < nx; i++) {
        double v = xf + xs * (double)i;
        char num[64];
        if (sp->x_years)
            snprintf(num, sizeof num, "%.0f", v);
        else
            cs_chart_format_number(num, sizeof num, v, xd, loc);
        cs_svg_out(&s, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", PX(v),
                   y0 + 14, num);
    }
    cs_svg_out(&s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n",
               x0, y0, x1, y0);
    if (sp->x_label) {
        cs_svg_out(&s, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", (x0 + x1) / 2,
                   y0 + 30);
        cs_svg_text(&s, sp->x_label);
        cs_svg_out(&s, "</text>\n");
    }
    if (!isnan(sp->mark_x)) {
        cs_svg_out(&s,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#D55E00\" "
                   "stroke-dasharray=\"4 3\"/>\n",
                   PX(sp->mark_x), y0, PX(sp->mark_x), y1);
        if (sp->mark_label)
            cs_svg_label(&s, PX(sp->mark_x) + 4, y1 + 10, "start", NULL, sp->mark_label, 30);
    }
    if (sp->has_target) {
        cs_svg_out(&s,
                   "<line class=\"cs-target\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#D55E00\" stroke-dasharray=\"6 4\"/>\n",
                   x0, PY(sp->target_y), x1, PY(sp->target_y));
        if (!isnan(sp->target_x)) {
            double tx = PX(sp->target_x), ty = PY(sp->target_y);
            cs_svg_out(&s,
                       "<path class=\"cs-target-point\" d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f "
                       "L%.1f %.1f Z\" fill=\"#D55E00\"><title>",
                       tx, ty - 6, tx + 6, ty, tx, ty + 6, tx - 6, ty);
            cs_svg_text(&s, sp->target_label);
            cs_svg_out(&s, "</title></path>\n");
        }
        if (sp->target_label)
            cs_svg_label(&s, x0 + 4, PY(sp->target_y) - 4, "start", NULL, sp->target_label, 48);
    }
    for (size_t j = 0; j < sp->n_series; j++) {
        const char *c = cs_chart_colour(j);
        int pen = 0;
        /* across unknown values, a thin dashed line joins the known ones: no value is drawn
         * where none is known, yet the eye can follow the series */
        for (size_t i = 0, last = SIZE_MAX; sp->bridge_gaps && i < sp->n; i++) {
            double v = sp->series[j].values[i];
            if (isnan(v))
                continue;
            if (last != SIZE_MAX && last + 1 < i)
                cs_svg_out(&s,
                           "<line class=\"cs-gap\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                           "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\" "
                           "stroke-dasharray=\"2 3\"/>\n",
                           PX(sp->x[last]), PY(sp->series[j].values[last]), PX(sp->x[i]), PY(v), c);
            last = i;
        }
        for (size_t i = 0; i < sp->n; i++) {
            double v = sp->series[j].values[i];
            if (isnan(v)) {
                if (pen)
                    cs_svg_out(&s, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", c);
                pen = 0;
                continue;
            }
            cs_svg_out(&s, pen ? " L%.1f %.1f" : "<path d=\"M%.1f %.1f", PX(sp->x[i]), PY(v));
            pen = 1;
        }
        if (pen)
            cs_svg_out(&s, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", c);
        for (size_t i = 0; i < sp->n; i++) {
            double v = sp->series[j].values[i];
            if (isnan(v))
                continue;
            char num[64];
            cs_chart_format_number(num, sizeof num, v, 3, loc);
            cs_svg_out(
                &s,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s</title></circle>\n",
                PX(sp->x[i]), PY(v), c, num);
        }
    }
#undef PX
#undef PY
    cs_svg_swatch sw[9];
    size_t n = sp->n_series < 8 ? sp->n_series : 8;
    for (size_t j = 0; j < n; j++)
        sw[j] = (cs_svg_swatch){ cs_chart_colour(j), sp->series[j].name, 0 };
    if (sp->has_target && sp->target_label)
        sw[n++] = (cs_svg_swatch){ "#D55E00", sp->target_label, 0 };
    cs_svg_legend(&s, x0, y0 + 52, x1 - x0, sw, n);
    return cs_svg_close(&s);
}

/* The number of attribute NAME in the opening tag of SVG (0 when absent). */
static double root_size(const char *svg, const char *name)
{
    const char *end = strchr(svg, '>');
    char pat[32];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *p = strstr(svg, pat);
    return p && end && p < end ? strtod(p + strlen(pat), NULL) : 0;
}

char *cs_chart_stack(const char *const *charts, size_t n, const char *title,
                     const cs_chart_locale *loc)
{
    double w = 0, h = 0;
    for (size_t i = 0; i < n; i++)
        if (charts[i]) {
            w = fmax(w, root_size(charts[i], "width"));
            h += root_size(charts[i], "height");
        }
    if (!(w > 0) || !(h > 0)) {
        cs_error_set(CS_EUSAGE, "no chart to stack");
        return NULL;
    }
    cs_svg s;
    cs_svg_open(&s, "stack", w, h + 24, title, loc);
    double y = 24;
    for (size_t i = 0; i < n; i++) {
        if (!charts[i])
            continue;
        /* the nested document keeps its own size; only its place is set */
        const char *body = strstr(charts[i], "<svg");
        if (!body)
            continue;
        cs_svg_out(&s, "<g transform=\"translate(0 %.1f)\">\n", y);
        cs_svg_out(&s, "%s", body);
        cs_svg_out(&s, "</g>\n");
        y += root_size(charts[i], "height");
    }
    return cs_svg_close(&s);
}

static char *scatter(const cs_chart_scatter_spec *sp, const cs_chart_locale *loc, int show_labels)
{
    if (!sp) {
        cs_error_set(CS_EUSAGE, "a scatter plot needs a spec");
        return NULL;
    }
    double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
    if (sp->has_x_line && isfinite(sp->x_line)) {
        xlo = fmin(xlo, sp->x_line);
        xhi = fmax(xhi, sp->x_line);
    }
    for (size_t i = 0; i < sp->n; i++) {
        if (isnan(sp->x[i]) || isnan(sp->y[i]))
            continue;
        xlo = fmin(xlo, sp->x[i]);
        xhi = fmax(xhi, sp->x[i]);
        ylo = fmin(ylo, sp->y[i]);
        yhi = fmax(yhi, sp->y[i]);
    }
    double xf, xs, yf, ys;
    size_t nx = cs_chart_ticks(&xf, &xs, xlo, xhi, 8), ny = cs_chart_ticks(&yf, &ys, ylo, yhi, 5);
    double xtop = xf + xs * (double)(nx - 1), ytop = yf + ys * (double)(ny - 1);
    double x0 = y_margin(yf, ys, ny, loc), x1 = 440, y0 = 220, y1 = 34;
    cs_svg s;
    cs_svg_open(&s, "scatter", 460, 320, sp->title, loc);
    y_axis(&s, x0, x1, y0, y1, yf, ys, ny, sp->y_label);
#define SX(v) (x0 + ((v)-xf) / (xtop - xf) * (x1 - x0))
#define SY(v) (y0 - ((v)-yf) / (ytop - yf) * (y0 - y1))
    int xd = step_decimals(xs);
    for (size_t i = 0; i < nx; i++) {
        double v = xf + xs * (double)i;
        char num[64];
        cs_chart_format_number(num, sizeof num, v, xd, loc);
        cs_svg_out(&s,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#EEEEEE\"/>\n"
                   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                   SX(v), y0, SX(v), y1, SX(v), y0 + 14, num);
    }
    cs_svg_out(&s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n",
               x0, y0, x1, y0);
    if (sp->x_label) {
        cs_svg_out(&s, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", (x0 + x1) / 2,
                   y0 + 30);
        cs_svg_text(&s, sp->x_label);
        cs_svg_out(&s, "</text>\n");
    }
    for (size_t i = 0; i < sp->n; i++) {
        if (isnan(sp->x[i]) || isnan(sp->y[i]))
            continue;
        point(&s, SX(sp->x[i]), SY(sp->y[i]), sp->colour ? sp->colour[i] : -1,
              " fill-opacity=\"0.8\"", sp->ids ? sp->ids[i] : NULL,
              sp->labels ? sp->labels[i] : "");
        if ((show_labels || sp->show_labels) && sp->labels && sp->labels[i]) {
            /* on the right of the plot the label goes left of its point, inside the chart */
            int left = SX(sp->x[i]) > x0 + 0.7 * (x1 - x0);
            cs_svg_label(&s, SX(sp->x[i]) + (left ? -6 : 6), SY(sp->y[i]) - 5,
                         left ? "end" : "start", "font-size=\"9\" class=\"cs-point-label\"",
                         sp->labels[i], 24);
        }
    }
    if (sp->has_x_line && isfinite(sp->x_line)) {
        cs_svg_out(&s,
                   "<line class=\"cs-threshold\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#D55E00\" stroke-dasharray=\"4 3\"/>\n",
                   SX(sp->x_line), y0, SX(sp->x_line), y1);
        if (sp->x_line_label)
            cs_svg_label(&s, SX(sp->x_line) + 3, y1 + 10, "start", "font-size=\"9\"",
                         sp->x_line_label, 40);
    }
#undef SX
#undef SY
    cs_svg_swatch sw[17];
    size_t m = 0;
    for (size_t g = 0; g < sp->n_groups && m < 16; g++)
        sw[m++] = (cs_svg_swatch){ cs_chart_colour(g), sp->group_names[g], 0 };
    sw[m++] = (cs_svg_swatch){ GREY, sp->other_label ? sp->other_label : "other", 0 };
    cs_svg_legend(&s, x0, y0 + 52, x1 - x0, sw, m);
    return cs_svg_close(&s);
}

char *cs_chart_scatter(const cs_chart_scatter_spec *sp, const cs_chart_locale *loc)
{
    return scatter(sp, loc, 0);
}

char *cs_chart_scatter_labelled(const cs_chart_scatter_spec *sp, const cs_chart_locale *loc)
{
    return scatter(sp, loc, 1);
}

char *cs_chart_heatmap(const cs_chart_heatmap_spec *sp, const cs_chart_locale *loc)
{
    if (!sp || sp->rows == 0 || sp->cols == 0) {
        cs_error_set(CS_EUSAGE, "a heatmap needs rows and columns");
        return NULL;
    }
    double cell = 14, lw = 215, top = 100, strip = sp->row_colour ? 8 : 0;
    double x0 = lw + strip + 4;
    double w = x0 + cell * (double)sp->cols + 80;
    if (w < 480)
        w = 480;
    double h = top + cell * (double)sp->rows + 70;
    cs_svg s;
    cs_svg_open(&s, "heatmap", w, h, sp->title, loc);
    cs_svg_hatch_def(&s);
    for (size_t j = 0; j < sp->cols; j++) {
        double x = x0 + cell * ((double)j + 0.5);
        cs_svg_out(&s, "<g transform=\"translate(%.1f %.1f) rotate(-60)\">", x + 3, top - 4);
        cs_svg_label(&s, 0, 0, "start", NULL, sp->col_labels[j], 16);
        cs_svg_out(&s, "</g>\n");
    }
    for (size_t r = 0; r < sp->rows; r++) {
        size_t i = sp->row_order ? sp->row_order[r] : r;
        double y = top + cell * (double)r;
        cs_svg_label(&s, lw - 2, y + cell - 3, "end", NULL, sp->row_labels[i], 28);
        if (sp->row_colour)
            cs_svg_out(&s,
                       "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                       lw + 1, y, strip, cell, colour_of(sp->row_colour[i]));
        for (size_t j = 0; j < sp->cols; j++) {
            double v = sp->values[i * sp->cols + j];
            double x = x0 + cell * (double)j;
            if (isnan(v)) {
                cs_svg_out(&s,
                           "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                           "fill=\"url(#cs-hatch-%s)\" stroke=\"#FFFFFF\"/>\n",
                           x, y, cell, cell, s.id);
                continue;
            }
            /* 0 = pale, 1 = Okabe-Ito blue, between by lightness */
            double t = v < 0 ? 0 : v > 1 ? 1 : v;
            int rr = (int)lround(0xEE + t * (0x00 - 0xEE)),
                gg = (int)lround(0xEE + t * (0x72 - 0xEE)),
                bb = (int)lround(0xEE + t * (0xB2 - 0xEE));
            cs_svg_out(
                &s,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%02X%02X%02X\" "
                "stroke=\"#FFFFFF\"/>\n",
                x, y, cell, cell, rr, gg, bb);
        }
    }
    cs_svg_swatch sw[20];
    size_t n = 0;
    sw[n++] = (cs_svg_swatch){ "#EEEEEE", sp->low_label ? sp->low_label : "0", 0 };
    sw[n++] = (cs_svg_swatch){ "#0072B2", sp->high_label ? sp->high_label : "1", 0 };
    sw[n++] =
        (cs_svg_swatch){ NULL, loc && loc->unknown_label ? loc->unknown_label : "unknown", 1 };
    for (size_t g = 0; g < sp->n_strip_names && n < 20; g++)
        sw[n++] = (cs_svg_swatch){ cs_chart_colour(g), sp->strip_names[g], 0 };
    cs_svg_legend(&s, 8, top + cell * (double)sp->rows + 24, w - 16, sw, n);
    return cs_svg_close(&s);
}

int cs_chart_leaf_order(size_t *order, const double *z, size_t n)
{
    if (n == 0)
        return 0;
    if (n == 1) {
        order[0] = 0;
        return 0;
    }
    size_t *stack = malloc((2 * n) * sizeof *stack);
    if (!stack)
        return cs_error_set(CS_ENOMEM, "out of memory ordering leaves");
    size_t sp = 0, k = 0;
    stack[sp++] = 2 * n - 2;
    while (sp) {
        size_t node = stack[--sp];
        if (node < n) {
            order[k++] = node;
            continue;
        }
        const double *row = z + 4 * (node - n);
        stack[sp++] = (size_t)row[1];
        stack[sp++] = (size_t)row[0];
    }
    free(stack);
    return 0;
}

char *cs_chart_dendrogram(const cs_chart_dendrogram_spec *sp, const cs_chart_locale *loc)
{
    if (!sp || sp->n < 2) {
        cs_error_set(CS_EUSAGE, "a dendrogram needs at least 2 leaves");
        return NULL;
    }
    size_t n = sp->n;
    size_t *order = malloc(n * sizeof *order);
    double *ypos = malloc((2 * n - 1) * sizeof *ypos);
    int *col = malloc((2 * n - 1) * sizeof *col);
    if (!order || !ypos || !col || cs_chart_leaf_order(order, sp->z, n)) {
        free(order);
        free(ypos);
        free(col);
        cs_error_set(CS_ENOMEM, "out of memory drawing a dendrogram");
        return NULL;
    }
    double hmax = 0;
    for (size_t k = 0; k < n - 1; k++)
        hmax = fmax(hmax, sp->z[4 * k + 2]);
    if (sp->cut_height > hmax)
        hmax = sp->cut_height;
    double first, step;
    size_t nt = cs_chart_ticks(&first, &step, 0, hmax > 0 ? hmax : 1, 5);
    double top_v = first + step * (double)(nt - 1);
    double row = 13, top = 40, lw = 215, x0 = lw + 6, x1 = 600;
    double h = top + row * (double)n + 80;
    cs_svg s;
    cs_svg_open(&s, "dendrogram", 620, h, sp->title, loc);
#define HX(v) (x0 + (v) / top_v * (x1 - x0))
    for (size_t r = 0; r < n; r++) {
        size_t i = order[r];
        ypos[i] = top + row * ((double)r + 0.5);
        col[i] = sp->leaf_colour ? sp->leaf_colour[i] : -1;
        cs_svg_label(&s, lw, ypos[i] + 4, "end", NULL, sp->leaf_labels[i], 28);
        cs_svg_out(&s, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", x0, ypos[i],
                   colour_of(col[i]));
    }
    for (size_t k = 0; k < n - 1; k++) {
        size_t a = (size_t)sp->z[4 * k], b = (size_t)sp->z[4 * k + 1];
        double hk = sp->z[4 * k + 2];
        double ha = a < n ? 0 : sp->z[4 * (a - n) + 2], hb = b < n ? 0 : sp->z[4 * (b - n) + 2];
        ypos[n + k] = (ypos[a] + ypos[b]) / 2;
        col[n + k] = col[a] == col[b] ? col[a] : -1;
        const char *c = colour_of(col[n + k]);
        cs_svg_out(&s,
                   "<path d=\"M%.1f %.1f H%.1f V%.1f H%.1f\" fill=\"none\" stroke=\"%s\" "
                   "stroke-width=\"1.5\"/>\n",
                   HX(ha), ypos[a], HX(hk), ypos[b], HX(hb), c);
    }
    double yb = top + row * (double)n + 4;
    int dec = step_decimals(step);
    for (size_t i = 0; i < nt; i++) {
        double v = first + step * (double)i;
        char num[64];
        cs_chart_format_number(num, sizeof num, v, dec, loc);
        cs_svg_out(&s,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n"
                   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                   HX(v), yb, HX(v), yb + 4, HX(v), yb + 16, num);
    }
    cs_svg_out(&s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n",
               x0, yb, x1, yb);
    if (sp->height_label) {
        cs_svg_out(&s, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", (x0 + x1) / 2,
                   yb + 30);
        cs_svg_text(&s, sp->height_label);
        cs_svg_out(&s, "</text>\n");
    }
    if (sp->cut_height >= 0) {
        cs_svg_out(&s,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#D55E00\" "
                   "stroke-dasharray=\"5 3\"/>\n",
                   HX(sp->cut_height), top - 6, HX(sp->cut_height), yb);
        if (sp->cut_label)
            cs_svg_label(&s, HX(sp->cut_height) + 3, top - 8, "start", NULL, sp->cut_label, 30);
    }
#undef HX
    cs_svg_swatch sw[16];
    size_t m = sp->n_groups < 16 ? sp->n_groups : 16;
    for (size_t g = 0; g < m; g++)
        sw[g] = (cs_svg_swatch){ cs_chart_colour(g), sp->group_names[g], 0 };
    cs_svg_legend(&s, 8, yb + 50, 600, sw, m);
    free(order);
    free(ypos);
    free(col);
    return cs_svg_close(&s);
}

/* Coastline outline generated at build time, when present (src/render/world_outline.h). */
#if defined(__has_include)
#if __has_include("render/world_outline.h")
#include "render/world_outline.h"
#define CS_HAVE_WORLD_OUTLINE 1
#endif
#endif

char *cs_chart_map(const cs_chart_map_spec *sp, const cs_chart_locale *loc)
{
    if (!sp) {
        cs_error_set(CS_EUSAGE, "a map needs a spec");
        return NULL;
    }
    double x0 = 10, y0 = 30, w = 720, h = 360;
    cs_svg s;
    cs_svg_open(&s, "map", w + 20, h + 80, sp->title, loc);
#define MX(lon) (x0 + ((double)(lon) + 180) / 360 * w)
#define MY(lat) (y0 + (90 - (double)(lat)) / 180 * h)
    cs_svg_out(&s,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#F4F8FB\" "
               "stroke=\"#999999\"/>\n<defs><clipPath id=\"cs-map-%s\"><rect x=\"%.1f\" "
               "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/></clipPath></defs>\n",
               x0, y0, w, h, s.id, x0, y0, w, h);
    for (int lon = -150; lon <= 150; lon += 30)
        cs_svg_out(&s,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#D0D8E0\"/>\n",
                   MX(lon), y0, MX(lon), y0 + h);
    for (int lat = -60; lat <= 60; lat += 30)
        cs_svg_out(&s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                   x0, MY(lat), x0 + w, MY(lat), lat == 0 ? "#A0B0C0" : "#D0D8E0");
#ifdef CS_HAVE_WORLD_OUTLINE
    cs_svg_out(
        &s,
        "<g clip-path=\"url(#cs-map-%s)\"><g transform=\"translate(%.1f %.1f)\"><path d=\"%s\" "
        "fill=\"#E4E4E4\" "
        "stroke=\"#AAAAAA\" stroke-width=\"0.5\"/></g></g>\n",
        s.id, x0, y0, cs_world_outline_path);
#endif
    for (size_t i = 0; i < sp->n; i++) {
        if (isnan(sp->lat[i]) || isnan(sp->lon[i]))
            continue;
        int link = sp->ids && sp->href_prefix;
        if (link) {
            cs_svg_out(&s, "<a href=\"");
            cs_svg_text(&s, sp->href_prefix);
            cs_svg_text(&s, sp->ids[i]);
            cs_svg_out(&s, "\">");
        }
        point(&s, MX(sp->lon[i]), MY(sp->lat[i]), sp->colour ? sp->colour[i] : -1, "",
              sp->ids ? sp->ids[i] : NULL, sp->labels ? sp->labels[i] : "");
        if (link)
            cs_svg_out(&s, "</a>\n");
    }
#undef MX
#undef MY
    cs_svg_swatch sw[17];
    size_t m = 0;
    for (size_t g = 0; g < sp->n_groups && m < 16; g++)
        sw[m++] = (cs_svg_swatch){ cs_chart_colour(g), sp->group_names[g], 0 };
    sw[m++] = (cs_svg_swatch){ GREY, sp->other_label ? sp->other_label : "other", 0 };
    cs_svg_legend(&s, x0, y0 + h + 22, w, sw, m);
    return cs_svg_close(&s);
}
