/*
 * choropleth.c: choropleth maps (render.h): the geographies' regions (geo.h), the classes of
 * the values, and the SVG. The Russian tile grid is data (maps/ru-grid.csv, embedded), read once
 * into static storage on first use.
 */
#include "clusterscope/error.h"
#include "clusterscope/i18n.h"
#include "clusterscope/render.h"
#include "render/geo.h"
#include "render/geo_us.h"
#include "render/geo_world.h"
#include "render/svg.h"
#include "util/embedded.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ColorBrewer YlGnBu, 5 classes (Brewer, Harrower & Hearn 2003; colour-blind safe). */
static const char *const ramp[CS_CHART_MAX_CLASSES] = { "#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8",
                                                        "#253494" };
/* With fewer classes, the ramp's colours spread over its whole length. */
static const int ramp_pick[CS_CHART_MAX_CLASSES][CS_CHART_MAX_CLASSES] = {
    { 2 }, { 1, 3 }, { 0, 2, 4 }, { 0, 1, 3, 4 }, { 0, 1, 2, 3, 4 }
};
#define NOT_GIVEN "#D9D9D9"

/* ------------------------------------------------------------------------------------------ */
/* The Russian tile grid                                                                       */

#define GRID_FILE      "maps/ru-grid.csv"
#define GRID_MAX       100
#define GRID_HEADER    "code,col,row,short_en,short_ru,name_en,name_ru"
#define GRID_MAX_CELLS 64

typedef struct {
    const char *code, *short_en, *short_ru, *name_en, *name_ru;
    int col, row;
} grid_tile;

static struct {
    pthread_once_t once;
    int rc;
    char msg[256];
    char text[16384];
    grid_tile tile[GRID_MAX];
    size_t n;
    int cols, rows;
} grid = { .once = PTHREAD_ONCE_INIT };

static int grid_cmp(const void *a, const void *b)
{
    return strcmp(((const grid_tile *)a)->code, ((const grid_tile *)b)->code);
}

/* Splits the file in place; any fault of the shipped file is named with its line. */
static void grid_load(void)
{
    const cs_embedded_file *f = cs_embedded_find(GRID_FILE);
    if (!f || f->size + 1 > sizeof grid.text) {
        grid.rc = -1;
        snprintf(grid.msg, sizeof grid.msg, "%s: not embedded, or too large", GRID_FILE);
        return;
    }
    memcpy(grid.text, f->data, f->size + 1);
    char *line = grid.text;
    long lineno = 0;
    unsigned char used[GRID_MAX_CELLS][GRID_MAX_CELLS];
    memset(used, 0, sizeof used);
    while (line && *line) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        if (lineno == 1) {
            if (strcmp(line, GRID_HEADER) != 0)
                goto bad;
            line = next;
            continue;
        }
        char *field[7];
        size_t nf = 0;
        for (char *p = line; nf < 7; nf++) {
            field[nf] = p;
            p = strchr(p, ',');
            if (!p) {
                nf++;
                break;
            }
            *p++ = '\0';
        }
        char *end1, *end2;
        long col = nf == 7 ? strtol(field[1], &end1, 10) : -1;
        long row = nf == 7 ? strtol(field[2], &end2, 10) : -1;
        if (nf != 7 || grid.n == GRID_MAX || col < 0 || col >= GRID_MAX_CELLS || *end1 || row < 0 ||
            row >= GRID_MAX_CELLS || *end2 || used[col][row] || strncmp(field[0], "RU-", 3) != 0)
            goto bad;
        used[col][row] = 1;
        grid.tile[grid.n++] =
            (grid_tile){ field[0], field[3], field[4], field[5], field[6], (int)col, (int)row };
        if (col + 1 > grid.cols)
            grid.cols = (int)col + 1;
        if (row + 1 > grid.rows)
            grid.rows = (int)row + 1;
        line = next;
    }
    qsort(grid.tile, grid.n, sizeof *grid.tile, grid_cmp);
    for (size_t i = 1; i < grid.n; i++)
        if (strcmp(grid.tile[i - 1].code, grid.tile[i].code) == 0) {
            snprintf(grid.msg, sizeof grid.msg, "%s: code %s repeats", GRID_FILE,
                     grid.tile[i].code);
            grid.rc = -1;
            return;
        }
    return;
bad:
    grid.rc = -1;
    snprintf(grid.msg, sizeof grid.msg,
             "%s:%ld: expected %s with a new cell 0..%d and a code RU-..., found another line",
             GRID_FILE, lineno, lineno == 1 ? "the header " GRID_HEADER : "a tile",
             GRID_MAX_CELLS - 1);
}

static int grid_ready(void)
{
    pthread_once(&grid.once, grid_load);
    if (grid.rc)
        return cs_error_set(CS_ERROR, "%s", grid.msg);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Geographies                                                                                 */

typedef enum { GEO_WORLD, GEO_US, GEO_RU } geo_id;

typedef struct {
    const char *name, *example;
    const cs_geo_shape *shapes; /* NULL for the grid */
    size_t n_shapes;
    double w, h; /* frame of the shapes, in units (paths are in tenths) */
} geo_def;

static const geo_def geographies[] = {
    { "world", "DE", cs_geo_world_shapes, sizeof cs_geo_world_shapes / sizeof *cs_geo_world_shapes,
      CS_GEO_WORLD_W, CS_GEO_WORLD_H },
    { "us-states", "US-CA", cs_geo_us_shapes, sizeof cs_geo_us_shapes / sizeof *cs_geo_us_shapes,
      CS_GEO_US_W, CS_GEO_US_H },
    { "ru-grid", "RU-TA", NULL, 0, 0, 0 },
};

static const geo_def *geo_find(const char *name, geo_id *id)
{
    for (size_t i = 0; name && i < sizeof geographies / sizeof *geographies; i++)
        if (strcmp(name, geographies[i].name) == 0) {
            if (id)
                *id = (geo_id)i;
            return &geographies[i];
        }
    return NULL;
}

/* Regions with a code, sorted: the shapes' (their uncoded ones come last) or the tiles'. */
static size_t geo_count(const geo_def *g)
{
    if (!g->shapes)
        return grid_ready() ? 0 : grid.n;
    size_t n = 0;
    while (n < g->n_shapes && g->shapes[n].code[0])
        n++;
    return n;
}

static const char *geo_code(const geo_def *g, size_t i)
{
    return g->shapes ? g->shapes[i].code : grid.tile[i].code;
}

/* Index of code among the coded regions, or -1. */
static long geo_index(const geo_def *g, const char *code)
{
    size_t lo = 0, hi = geo_count(g);
    while (code && lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(code, geo_code(g, mid));
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

static const char *geo_name(const geo_def *g, size_t i, cs_lang lang)
{
    if (!g->shapes)
        return lang == CS_LANG_RU ? grid.tile[i].name_ru : grid.tile[i].name_en;
    const cs_geo_shape *s = &g->shapes[i];
    return lang == CS_LANG_RU && s->name_ru[0] ? s->name_ru : s->name_en;
}

static const geo_def *geo_get(const char *name)
{
    const geo_def *g = geo_find(name, NULL);
    if (!g) {
        cs_error_set(CS_EUSAGE, "unknown geography '%s': expected world, us-states or ru-grid",
                     name ? name : "");
        return NULL;
    }
    if (!g->shapes && grid_ready())
        return NULL;
    return g;
}

long cs_chart_geography_size(const char *geography)
{
    const geo_def *g = geo_get(geography);
    return g ? (long)geo_count(g) : -1;
}

const char *cs_chart_geography_code(const char *geography, size_t i)
{
    const geo_def *g = geo_get(geography);
    return g && i < geo_count(g) ? geo_code(g, i) : NULL;
}

const char *cs_chart_geography_name(const char *geography, const char *code, cs_lang lang)
{
    const geo_def *g = geo_get(geography);
    long i = g ? geo_index(g, code) : -1;
    return i < 0 ? NULL : geo_name(g, (size_t)i, lang);
}

const char *cs_chart_geography_example(const char *geography)
{
    const geo_def *g = geo_find(geography, NULL);
    return g ? g->example : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Classes                                                                                     */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Each value's class by the breaks, and each class's least and largest value; the number of
 * classes that hold no value, marked in empty[]. */
static size_t assign(cs_chart_classes *out, unsigned char *empty_class, int *cls,
                     const double *values, size_t n)
{
    size_t m = out->n_classes, empty = 0;
    for (size_t c = 0; c < m; c++) {
        out->min[c] = HUGE_VAL;
        out->max[c] = -HUGE_VAL;
    }
    for (size_t i = 0; i < n; i++) {
        if (cls)
            cls[i] = 0;
        if (isnan(values[i]))
            continue;
        size_t c = 1;
        while (c < m && values[i] > out->bounds[c])
            c++;
        if (cls)
            cls[i] = (int)c;
        out->min[c - 1] = fmin(out->min[c - 1], values[i]);
        out->max[c - 1] = fmax(out->max[c - 1], values[i]);
    }
    for (size_t c = 0; c < m; c++)
        if ((empty_class[c] = out->min[c] > out->max[c])) {
            /* an empty class: its range is its breaks */
            out->min[c] = out->bounds[c];
            out->max[c] = out->bounds[c + 1];
            empty++;
        }
    return empty;
}

int cs_chart_classify(cs_chart_classes *out, int *cls, const double *values, size_t n,
                      cs_chart_classing classing)
{
    memset(out, 0, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(values[i]))
            k++;
    double *v = malloc((k ? k : 1) * sizeof *v);
    if (!v)
        return cs_error_set(CS_ENOMEM, "out of memory classifying %zu values", n);
    k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(values[i]))
            v[k++] = values[i];
    qsort(v, k, sizeof *v, cmp_double);
    size_t distinct = 0;
    for (size_t i = 0; i < k; i++)
        if (i == 0 || v[i] != v[i - 1])
            distinct++;
    /* equal intervals: no more classes than values; quantiles: 5, then merged below */
    size_t m = classing == CS_CHART_EQUAL && distinct < CS_CHART_MAX_CLASSES
                   ? distinct
                   : (k ? CS_CHART_MAX_CLASSES : 0);
    if (m > 0) {
        out->bounds[0] = v[0];
        out->bounds[m] = v[k - 1];
        for (size_t c = 1; c < m; c++) {
            if (classing == CS_CHART_EQUAL) {
                out->bounds[c] = v[0] + (v[k - 1] - v[0]) * (double)c / (double)m;
            } else {
                /* R-7 (Hyndman & Fan 1996 type 7): h = (k - 1) p, between the order statistics */
                double h = (double)(k - 1) * (double)c / (double)m;
                size_t lo = (size_t)floor(h);
                double frac = h - (double)lo;
                out->bounds[c] = lo + 1 < k ? v[lo] + frac * (v[lo + 1] - v[lo]) : v[lo];
            }
        }
    }
    free(v);
    /* tied quantiles give repeated breaks: one class between each two different breaks */
    size_t kept = 0;
    for (size_t c = 1; c <= m; c++)
        if (out->bounds[c] > out->bounds[kept])
            out->bounds[++kept] = out->bounds[c];
    if (m > 0 && kept == 0)
        out->bounds[++kept] = out->bounds[0];
    out->n_classes = kept;
    unsigned char empty[CS_CHART_MAX_CLASSES];
    if (assign(out, empty, cls, values, n) && classing == CS_CHART_QUANTILE) {
        /* a quantile class can still be empty (breaks between two values): its upper break
         * goes, so that it joins the next class, whose values stay what they were (the last
         * class holds the largest value, so it is never empty) */
        size_t j = 0;
        for (size_t c = 0; c < out->n_classes; c++)
            if (!empty[c])
                out->bounds[++j] = out->bounds[c + 1];
        out->n_classes = j;
        assign(out, empty, cls, values, n);
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing                                                                                     */

#define MAP_W 720.0
#define MAP_X 10.0
#define MAP_Y 30.0

typedef struct {
    const cs_chart_choropleth_spec *sp;
    const cs_chart_locale *loc;
    const geo_def *g;
    long *given; /* per coded region: index into the spec, or -1 */
    int *cls;    /* per spec entry: class, 0 for NaN */
    size_t m;    /* classes drawn */
    int any_nan, any_missing;
    const char *const *ids; /* per spec entry, or NULL */
    const char *href;       /* with ids: each given region links to href + id */
} drawing;

static const char *fill_of(const drawing *d, long k, char *buf, size_t cap, const char *hatch)
{
    if (k < 0)
        return NOT_GIVEN;
    int c = d->cls[k];
    if (c == 0) {
        snprintf(buf, cap, "%s", hatch);
        return buf;
    }
    return ramp[ramp_pick[d->m - 1][c - 1]];
}

/* data-code, data-class and the tooltip's text (the caller closes the <title>). */
static void region_attrs(cs_svg *s, const drawing *d, size_t i, long k)
{
    cs_svg_out(s, " data-code=\"");
    cs_svg_text(s, geo_code(d->g, i));
    cs_svg_out(s, "\" data-class=\"%d\"", k < 0 ? 0 : d->cls[k]);
    if (k >= 0 && d->ids && d->ids[k]) {
        cs_svg_out(s, " data-id=\"");
        cs_svg_text(s, d->ids[k]);
        cs_svg_out(s, "\"");
    }
}

/* A given region's link opens before its shape and closes after it. */
static int link_open(cs_svg *s, const drawing *d, long k)
{
    if (k < 0 || !d->ids || !d->href || !d->ids[k])
        return 0;
    cs_svg_out(s, "<a href=\"");
    cs_svg_text(s, d->href);
    cs_svg_text(s, d->ids[k]);
    cs_svg_out(s, "\">");
    return 1;
}

static void tooltip(cs_svg *s, const drawing *d, size_t i, long k)
{
    const char *name = k >= 0 && d->sp->labels && d->sp->labels[k] && d->sp->labels[k][0]
                           ? d->sp->labels[k]
                           : geo_name(d->g, i, d->loc->lang);
    cs_svg_out(s, "<title>");
    cs_svg_text(s, name);
    cs_svg_out(s, ": ");
    if (k < 0 || isnan(d->sp->values[k])) {
        cs_svg_text(s, k < 0 ? cs_i18n_text(d->loc->lang, "ch_not_given")
                             : (d->loc->unknown_label ? d->loc->unknown_label
                                                      : cs_i18n_text(d->loc->lang, "ch_no_data")));
    } else {
        char num[64];
        cs_chart_format_number(num, sizeof num, d->sp->values[k], d->sp->decimals, d->loc);
        cs_svg_text(s, num);
    }
    cs_svg_out(s, "</title>");
}

static double draw_shapes(cs_svg *s, const drawing *d)
{
    const geo_def *g = d->g;
    double scale = MAP_W / g->w, h = g->h * scale;
    char hatch[48], buf[48];
    /* the shapes are drawn scaled: their hatching is drawn at the inverse scale, so that it
     * looks like the legend's */
    double inv = 10 / scale;
    snprintf(hatch, sizeof hatch, "url(#cs-hatch-map-%s)", s->id);
    cs_svg_out(s,
               "<defs><pattern id=\"cs-hatch-map-%s\" width=\"%.3f\" height=\"%.3f\" "
               "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
               "<rect width=\"%.3f\" height=\"%.3f\" fill=\"#FFFFFF\"/>"
               "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"%.3f\" stroke=\"#888888\" "
               "stroke-width=\"%.3f\"/></pattern></defs>\n",
               s->id, 6 * inv, 6 * inv, 6 * inv, 6 * inv, 6 * inv, 2 * inv);
    cs_svg_out(
        s,
        "<defs><clipPath id=\"cs-clip-%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
        "height=\"%.1f\"/></clipPath></defs>\n"
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#F4F8FB\"/>\n"
        "<g clip-path=\"url(#cs-clip-%s)\"><g transform=\"translate(%.1f %.1f) "
        "scale(%.6f)\" stroke=\"#FFFFFF\" stroke-width=\"%.3f\" stroke-linejoin=\"round\">\n",
        s->id, MAP_X, MAP_Y, MAP_W, h, MAP_X, MAP_Y, MAP_W, h, s->id, MAP_X, MAP_Y, scale / 10,
        5 / scale);
    size_t coded = geo_count(g);
    for (size_t i = 0; i < g->n_shapes; i++) {
        long k = i < coded ? d->given[i] : -1;
        int link = link_open(s, d, k);
        cs_svg_out(s, "<path class=\"cs-region\"");
        if (i < coded)
            region_attrs(s, d, i, k);
        cs_svg_out(s, " fill=\"%s\" d=\"%s\">", fill_of(d, k, buf, sizeof buf, hatch),
                   g->shapes[i].path);
        if (i < coded)
            tooltip(s, d, i, k);
        else {
            cs_svg_out(s, "<title>");
            cs_svg_text(s, geo_name(g, i, d->loc->lang));
            cs_svg_out(s, "</title>");
        }
        cs_svg_out(s, link ? "</path></a>\n" : "</path>\n");
    }
    cs_svg_out(s, "</g></g>\n");
    return MAP_Y + h;
}

static double draw_tiles(cs_svg *s, const drawing *d)
{
    double cell = floor(MAP_W / grid.cols), gap = 2;
    char hatch[48], buf[48];
    snprintf(hatch, sizeof hatch, "url(#cs-hatch-%s)", s->id);
    for (size_t i = 0; i < grid.n; i++) {
        const grid_tile *t = &grid.tile[i];
        long k = d->given[i];
        double x = MAP_X + cell * t->col, y = MAP_Y + cell * t->row;
        int dark = k >= 0 && d->cls[k] > 0 && ramp_pick[d->m - 1][d->cls[k] - 1] >= 3;
        int link = link_open(s, d, k);
        cs_svg_out(s, "<g class=\"cs-region\"");
        region_attrs(s, d, i, k);
        cs_svg_out(s,
                   "><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                   "stroke=\"#FFFFFF\"/>",
                   x, y, cell - gap, cell - gap, fill_of(d, k, buf, sizeof buf, hatch));
        cs_svg_out(s, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\"%s>",
                   x + (cell - gap) / 2, y + (cell - gap) / 2 + 4, dark ? " fill=\"#FFFFFF\"" : "");
        cs_svg_text(s, d->loc->lang == CS_LANG_RU ? t->short_ru : t->short_en);
        cs_svg_out(s, "</text>");
        tooltip(s, d, i, k);
        cs_svg_out(s, link ? "</g></a>\n" : "</g>\n");
    }
    return MAP_Y + cell * grid.rows;
}

static void draw_legend(cs_svg *s, const drawing *d, const cs_chart_classes *cl, double y)
{
    const char *title = d->sp->legend_title;
    if (title && *title) {
        cs_svg_label(s, MAP_X, y, "start", "font-weight=\"bold\"", title, 90);
        y += 18;
    }
    cs_svg_swatch sw[CS_CHART_MAX_CLASSES + 2];
    char names[CS_CHART_MAX_CLASSES][140];
    size_t n = 0;
    for (size_t c = 0; c < d->m; c++) {
        char lo[64], hi[64];
        cs_chart_format_number(lo, sizeof lo, cl->min[c], d->sp->decimals, d->loc);
        cs_chart_format_number(hi, sizeof hi, cl->max[c], d->sp->decimals, d->loc);
        if (strcmp(lo, hi) == 0)
            snprintf(names[c], sizeof names[c], "%s", lo);
        else
            snprintf(names[c], sizeof names[c], "%s \xE2\x80\x93 %s", lo, hi);
        sw[n++] = (cs_svg_swatch){ ramp[ramp_pick[d->m - 1][c]], names[c], 0 };
    }
    if (d->any_nan || d->m == 0)
        sw[n++] = (cs_svg_swatch){ NULL,
                                   d->loc->unknown_label ? d->loc->unknown_label
                                                         : cs_i18n_text(d->loc->lang, "ch_no_data"),
                                   1 };
    if (d->any_missing)
        sw[n++] = (cs_svg_swatch){ NOT_GIVEN, cs_i18n_text(d->loc->lang, "ch_not_given"), 0 };
    cs_svg_legend(s, MAP_X, y, MAP_W, sw, n);
}

char *cs_chart_choropleth(const cs_chart_choropleth_spec *sp, const cs_chart_locale *loc)
{
    return cs_chart_choropleth_classed(sp, CS_CHART_QUANTILE, loc);
}

static char *choropleth(const cs_chart_choropleth_spec *sp, cs_chart_classing classing,
                        const char *const *ids, const char *href, const cs_chart_locale *loc);

char *cs_chart_choropleth_classed(const cs_chart_choropleth_spec *sp, cs_chart_classing classing,
                                  const cs_chart_locale *loc)
{
    return choropleth(sp, classing, NULL, NULL, loc);
}

char *cs_chart_choropleth_linked(const cs_chart_choropleth_spec *sp, const char *const *ids,
                                 const char *href_prefix, const cs_chart_locale *loc)
{
    return choropleth(sp, CS_CHART_QUANTILE, ids, href_prefix, loc);
}

int cs_chart_geography_of(const char **geography, size_t *at, const char *const *codes, size_t n)
{
    *geography = NULL;
    *at = 0;
    if (!n)
        return CS_CHART_NO_CODE;
    const char *first = NULL;
    for (size_t k = 0; k < n; k++) {
        *at = k;
        if (!codes[k] || !*codes[k])
            return CS_CHART_NO_CODE;
        const char *g = NULL;
        for (size_t i = 0; !g && i < sizeof geographies / sizeof *geographies; i++) {
            const geo_def *def = geo_get(geographies[i].name);
            if (!def)
                cs_error_clear(); /* a grid that failed to load holds no code here */
            else if (geo_index(def, codes[k]) >= 0)
                g = def->name;
        }
        if (!g)
            return CS_CHART_CODE_OFF_MAPS;
        if (first && strcmp(first, g) != 0)
            return CS_CHART_CODES_MIXED;
        first = g;
    }
    *at = 0;
    *geography = first;
    return 0;
}

static char *choropleth(const cs_chart_choropleth_spec *sp, cs_chart_classing classing,
                        const char *const *ids, const char *href, const cs_chart_locale *loc)
{
    static const cs_chart_locale en = { CS_LANG_EN, NULL };
    if (!loc)
        loc = &en;
    if (!sp || (sp->n && (!sp->codes || !sp->values))) {
        cs_error_set(CS_EUSAGE, "a choropleth map needs a spec with codes and values");
        return NULL;
    }
    const geo_def *g = geo_get(sp->geography);
    if (!g)
        return NULL;
    size_t coded = geo_count(g);
    drawing d = { sp,
                  loc,
                  g,
                  malloc((coded ? coded : 1) * sizeof(long)),
                  malloc((sp->n ? sp->n : 1) * sizeof(int)),
                  0,
                  0,
                  0,
                  ids,
                  href };
    cs_chart_classes cl;
    int rc = d.given && d.cls ? 0 : cs_error_set(CS_ENOMEM, "out of memory drawing a map");
    for (size_t i = 0; !rc && i < coded; i++)
        d.given[i] = -1;
    for (size_t k = 0; !rc && k < sp->n; k++) {
        long i = geo_index(g, sp->codes[k]);
        if (i < 0)
            rc = cs_error_set(CS_EDATA, "expected a code of %s such as %s, found '%s'", g->name,
                              g->example, sp->codes[k] ? sp->codes[k] : "");
        else if (d.given[i] >= 0)
            rc = cs_error_set(CS_EDATA, "region %s is given twice (entries %ld and %zu)",
                              sp->codes[k], d.given[i] + 1, k + 1);
        else
            d.given[i] = (long)k;
    }
    if (!rc)
        rc = cs_chart_classify(&cl, d.cls, sp->values, sp->n, classing);
    if (rc) {
        free(d.given);
        free(d.cls);
        return NULL;
    }
    d.m = cl.n_classes;
    for (size_t k = 0; k < sp->n; k++)
        d.any_nan |= isnan(sp->values[k]);
    for (size_t i = 0; i < coded; i++)
        d.any_missing |= d.given[i] < 0;

    double map_h = g->shapes ? g->h * MAP_W / g->w : floor(MAP_W / grid.cols) * grid.rows;
    cs_svg s;
    cs_svg_open(&s, "choropleth", MAP_W + 2 * MAP_X, MAP_Y + map_h + 70, sp->title, loc);
    cs_svg_hatch_def(&s);
    double bottom = g->shapes ? draw_shapes(&s, &d) : draw_tiles(&s, &d);
    draw_legend(&s, &d, &cl, bottom + 22);
    free(d.given);
    free(d.cls);
    return cs_svg_close(&s);
}
