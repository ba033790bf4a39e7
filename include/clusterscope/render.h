/*
 * render.h: drawing and escaping for any front end (the report, a web observatory): charts as
 * self-contained SVG strings (no script, no external resources): bar, line, heatmap,
 * dendrogram, scatter and map; and the escaping of data strings for HTML, Markdown and CSV.
 *
 * Ownership: every cs_chart_* function and cs_render_escape() return a string allocated with
 * malloc that the caller frees with free(); NULL (with the library error set) when out of
 * memory or the spec does not fit. Specs and the strings and arrays they point to are borrowed
 * for the call only.
 *
 * Every chart: escapes each string it is given for SVG text and attributes; draws axis ticks at
 * round numbers (1, 2 or 5 times a power of ten); truncates long labels with an ellipsis and
 * keeps the whole label in a <title> tooltip; colours from the Okabe-Ito palette (colour-blind
 * safe); and carries a legend. Output is byte-deterministic. Unknown values (NaN) are drawn
 * apart from 0 (hatched cells, gaps in lines, "?" for bars).
 */
#ifndef CLUSTERSCOPE_RENDER_H
#define CLUSTERSCOPE_RENDER_H

#include <stddef.h>

#include "clusterscope/i18n.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* Escaping: every string that comes from data passes through one of these.                   */

typedef enum {
    CS_RENDER_HTML = 0, /* HTML text and attribute values, SVG/XML: & < > " ' escaped; control
                           bytes other than tab and newline written as spaces */
    CS_RENDER_MARKDOWN, /* Markdown text and table cells: HTML-escaped, and \ ` * _ [ ] | # ~ !
                           escaped, newlines as spaces */
    CS_RENDER_CSV       /* one CSV text cell, always quoted, as every CSV writer of the library
                           writes text: a cell starting with = + - @ tab or CR is neutralised by
                           a leading apostrophe (formula injection); control bytes other than
                           tab, LF and CR are written as \xNN, invalid UTF-8 as U+FFFD */
} cs_render_context;

/* s (NULL is "") escaped for ctx, as a new string. */
char *cs_render_escape(const char *s, cs_render_context ctx);

/* ------------------------------------------------------------------------------------------ */
/* Charts                                                                                      */

/* How numbers and shared words are written. */
typedef struct {
    cs_lang lang;              /* numbers in its style: 0.5 (English), 0,5 (Russian) */
    const char *unknown_label; /* legend word for unknown values, e.g. "unknown" */
} cs_chart_locale;

/* Palette colour i (Okabe-Ito, cycling; black excluded), "#RRGGBB", static. */
const char *cs_chart_colour(size_t i);

/* A series of values (NaN = unknown) with its legend name. */
typedef struct {
    const char *name;
    const double *values;
} cs_chart_series;

/*
 * Grouped bar chart: n_categories categories along x, one bar per series in each. The y axis
 * runs from 0 to y_max (0 = the largest value, rounded up to a round tick).
 */
typedef struct {
    const char *title, *y_label;
    const char *const *categories;
    size_t n_categories;
    const cs_chart_series *series;
    size_t n_series;
    double y_max;
} cs_chart_bar_spec;
char *cs_chart_bar(const cs_chart_bar_spec *spec, const cs_chart_locale *loc);

/* Line chart: each series over the same x values (at least one); unknown values leave a gap.
 * With has_target, a target is drawn as a dashed horizontal line at target_y with its label,
 * and a diamond at (target_x, target_y) unless target_x is NaN (no due year); the axes take
 * them in. */
typedef struct {
    const char *title, *x_label, *y_label;
    const double *x;
    size_t n;
    const cs_chart_series *series;
    size_t n_series;
    double mark_x; /* draws a vertical marker at this x (NaN: none) */
    const char *mark_label;
    int has_target;
    double target_x, target_y;
    const char *target_label;
    int x_years;     /* 1: x values are years: ticks at whole years, written without grouping */
    int bridge_gaps; /* 1: a thin dashed line joins known values across unknown ones */
} cs_chart_line_spec;
char *cs_chart_line(const cs_chart_line_spec *spec, const cs_chart_locale *loc);

/* Charts one above the other in one SVG document (each kept whole, as a nested <svg>), with
 * the title; NULL charts are skipped. For a picture per series, such as a cluster's timeline. */
char *cs_chart_stack(const char *const *charts, size_t n, const char *title,
                     const cs_chart_locale *loc);

/*
 * Heatmap of rows x cols cells, values in 0..1 (NaN = unknown, hatched). rows are drawn in the
 * order `row_order` gives (NULL = as given). `row_colour` (may be NULL) is a palette index per
 * row drawn as a strip at the left (-1 = none), named in the legend by strip_names.
 */
typedef struct {
    const char *title;
    const char *const *row_labels, *const *col_labels;
    size_t rows, cols;
    const double *values; /* row-major */
    const size_t *row_order;
    const int *row_colour;
    const char *const *strip_names;
    size_t n_strip_names;
    const char *low_label, *high_label; /* legend words for 0 and 1 */
} cs_chart_heatmap_spec;
char *cs_chart_heatmap(const cs_chart_heatmap_spec *spec, const cs_chart_locale *loc);

/*
 * Dendrogram of a linkage matrix (SciPy's convention, typology.h) over n leaves, drawn with
 * leaves down the left and heights along x. `leaf_colour` (may be NULL) is a palette index per
 * leaf (-1 = none), named in the legend by group_names. cut_height >= 0 draws the cut.
 * cs_chart_leaf_order() gives the order the leaves are drawn in (n entries, caller's array).
 */
typedef struct {
    const char *title, *height_label, *cut_label;
    const double *z;
    size_t n;
    const char *const *leaf_labels;
    const int *leaf_colour;
    const char *const *group_names;
    size_t n_groups;
    double cut_height;
} cs_chart_dendrogram_spec;
char *cs_chart_dendrogram(const cs_chart_dendrogram_spec *spec, const cs_chart_locale *loc);
int cs_chart_leaf_order(size_t *order, const double *z, size_t n);

/*
 * Scatter plot of n points (x[i], y[i]); a point with an unknown coordinate (NaN) is left out.
 * Each point is coloured by its palette index (-1 = grey), named in the legend by group_names
 * and other_label, with its label as a tooltip (and beside it with show_labels). Points are
 * <circle class="cs-point">, with data-id when ids are given. has_x_line draws a dashed
 * vertical line at x_line (kept inside the axis range) with its caption.
 */
typedef struct {
    const char *title, *x_label, *y_label;
    const double *x, *y;
    const char *const *labels;
    const int *colour;
    size_t n;
    const char *const *group_names;
    size_t n_groups;
    const char *other_label;
    const char *const *ids; /* optional: each point's data-id (a cluster key), or NULL */
    int show_labels;        /* 1: each point's label written beside it (regions) */
    int has_x_line;         /* 1: a dashed vertical line at x = x_line (a threshold) */
    double x_line;
    const char *x_line_label; /* its caption, or NULL */
} cs_chart_scatter_spec;
char *cs_chart_scatter(const cs_chart_scatter_spec *spec, const cs_chart_locale *loc);
/* The same with each point's label also written beside it (a few labelled regions). */
char *cs_chart_scatter_labelled(const cs_chart_scatter_spec *spec, const cs_chart_locale *loc);

/*
 * Points on a world map (equirectangular, longitude -180..180, latitude -90..90) with a 30°
 * graticule and the Natural Earth 1:110m land outline (src/render/world_outline.h, generated by
 * scripts/world-outline.sh); each point coloured by its palette
 * index (-1 = grey), named in the legend by group_names; points as in cs_chart_scatter().
 */
typedef struct {
    const char *title;
    const double *lat, *lon;
    const char *const *labels;
    const int *colour;
    size_t n;
    const char *const *group_names;
    size_t n_groups;
    const char *other_label; /* legend word for points with colour -1 */
    const char *const *ids;  /* optional: each point's data-id (a cluster key), or NULL */
    const char *href_prefix; /* with ids: each point links to href_prefix + id ("#card-") */
} cs_chart_map_spec;
char *cs_chart_map(const cs_chart_map_spec *spec, const cs_chart_locale *loc);

/*
 * Choropleth map of a region measure over a whole geography: "world" (countries, ISO 3166-1
 * alpha-2 codes such as DE, XK for Kosovo; Natural Earth 1:110m shapes, equirectangular, and a
 * dot for each of the 62 countries only its 1:50m map has, such as SG), "us-states" (ISO 3166-2
 * codes such as US-CA, with DC; US Census 1:10m, Albers USA with Alaska and Hawaii inset) or
 * "ru-grid" (the 85 federal subjects as Russia counts them before 2022, ISO 3166-2 codes such
 * as RU-TA, with RU-CR and RU-SEV for Crimea and Sevastopol, which ISO 3166-2 lists under
 * UA-43 and UA-40; one square tile each, the layout in maps/ru-grid.csv). Values fall into 5
 * classes (fewer when there are fewer distinct values or tied quantiles) of a colour-blind-safe
 * sequential palette (ColorBrewer YlGnBu); the legend gives the range of each class's values
 * ("2 – 7", or "1" alone) in the locale's numbers.
 * A NaN value is drawn hatched ("no data"), a region not given grey; both are in the legend.
 * Every region is <path class="cs-region"> (a tile: <g class="cs-region">) with data-code
 * and data-class (1..5, 0 for no data), and a <title> tooltip: the label (or the region's own
 * name) and the value. NULL with the error set on an unknown geography (CS_EUSAGE), a code
 * the geography lacks or a code given twice (CS_EDATA, naming it).
 */
typedef enum {
    CS_CHART_QUANTILE = 0, /* class bounds at the 20%, 40%... quantiles of the values */
    CS_CHART_EQUAL         /* class bounds at equal steps from the least to the largest value */
} cs_chart_classing;

typedef struct {
    const char *geography;     /* "world", "us-states" or "ru-grid" */
    const char *const *codes;  /* n region codes of that geography */
    const double *values;      /* n values; NaN = no data (drawn hatched, in the legend) */
    const char *const *labels; /* optional: n names for <title> tooltips, or NULL */
    size_t n;
    const char *title;
    const char *legend_title;
    int decimals; /* legend numbers */
} cs_chart_choropleth_spec;
/* With quantile classes; cs_chart_choropleth_classed() with the classing given. */
char *cs_chart_choropleth(const cs_chart_choropleth_spec *spec, const cs_chart_locale *loc);
char *cs_chart_choropleth_classed(const cs_chart_choropleth_spec *spec, cs_chart_classing classing,
                                  const cs_chart_locale *loc);

/* The same where each region given links somewhere: ids (n, e.g. registry keys) become
 * data-id, and with href_prefix each given region is wrapped in <a href="href_prefix + id">
 * (ids or href_prefix NULL: as cs_chart_choropleth()). Quantile classes. */
char *cs_chart_choropleth_linked(const cs_chart_choropleth_spec *spec, const char *const *ids,
                                 const char *href_prefix, const cs_chart_locale *loc);

/* Which geography n region codes share: 0 with *geography ("world", "us-states", "ru-grid"),
 * or why none, with *at the index of the entry that shows it: CS_CHART_NO_CODE (codes[at] is
 * NULL or ""), CS_CHART_CODE_OFF_MAPS (codes[at] is on none of the maps: a FIPS or NUTS code,
 * or an unknown one), CS_CHART_CODES_MIXED (codes[at] is on another map than codes[0]), or
 * CS_CHART_NO_CODE with at = 0 when n is 0. */
typedef enum {
    CS_CHART_NO_CODE = 1,
    CS_CHART_CODE_OFF_MAPS,
    CS_CHART_CODES_MIXED
} cs_chart_geography_fault;
int cs_chart_geography_of(const char **geography, size_t *at, const char *const *codes, size_t n);

#define CS_CHART_MAX_CLASSES 5
/* The classes a choropleth draws: n_classes (0 when no value is known) and their breaks, class
 * k (1-based) holding the values in (bounds[k-1], bounds[k]], class 1 also bounds[0]. Breaks
 * that repeat (quantiles of tied values) are merged, so there may be fewer classes. min[k-1]
 * and max[k-1] are the least and largest value in class k (the legend's numbers; the breaks
 * when the class is empty). */
typedef struct {
    size_t n_classes;
    double bounds[CS_CHART_MAX_CLASSES + 1];
    double min[CS_CHART_MAX_CLASSES], max[CS_CHART_MAX_CLASSES];
} cs_chart_classes;
/* Classes of n values; cls (n entries, may be NULL) receives each value's class, 0 for NaN. */
int cs_chart_classify(cs_chart_classes *out, int *cls, const double *values, size_t n,
                      cs_chart_classing classing);

/* The regions of a geography: their number (-1 with CS_EUSAGE set for an unknown geography),
 * the i-th code in order (NULL past the end), a code's name in a language (NULL when the
 * geography lacks the code), and an example code for messages ("US-CA"). Static strings. */
long cs_chart_geography_size(const char *geography);
const char *cs_chart_geography_code(const char *geography, size_t i);
const char *cs_chart_geography_name(const char *geography, const char *code, cs_lang lang);
const char *cs_chart_geography_example(const char *geography);

/*
 * A chart (any SVG document with a width and height) rendered as PNG, width pixels wide (0: the
 * SVG's own width), on a white page: *out (malloc'd, the caller frees it) and *len. CS_EDATA
 * when the SVG cannot be read or drawn, CS_EUSAGE for a side over 8192 pixels.
 */
int cs_render_png(unsigned char **out, size_t *len, const char *svg, int width);

/*
 * Round axis ticks covering lo..hi: *step receives 1, 2 or 5 times a power of ten and *first
 * the first tick (a multiple of step <= lo); returns the number of ticks (at most max_ticks
 * + 1, at least 2).
 */
size_t cs_chart_ticks(double *first, double *step, double lo, double hi, size_t max_ticks);

/* Writes v with `decimals` decimals and the locale's decimal mark, as snprintf does. */
int cs_chart_format_number(char *out, size_t cap, double v, int decimals,
                           const cs_chart_locale *loc);

/* ------------------------------------------------------------------------------------------ */
/* The stage diagram of a value chain (stages.c): organisations placed in columns by stage,     */
/* the links between them drawn as lines (arrows when directed).                               */

typedef struct {
    const char *title;
    size_t n_columns;
    const char *const *column;   /* headings, left to right (the chain's order) */
    const unsigned char *dashed; /* per column, may be NULL: 1 draws it dashed (a stage whose
                                    name is unknown, or the column of unknown stage) */
    size_t n_nodes;
    const char *const *node;        /* labels */
    const char *const *node_detail; /* a second line (the role); may be NULL, or NULL items */
    const size_t *node_column;      /* per node: its column; nodes keep their order in it */
    const unsigned char *emphasis;  /* per node, may be NULL: 1 draws a bold border (anchor) */
    size_t n_edges;
    const size_t *from, *to;       /* node indices */
    const unsigned char *directed; /* per edge, may be NULL: 1 draws an arrow at `to` */
    const size_t *edge_kind;       /* per edge: index into kind (its colour and legend) */
    size_t n_kinds;
    const char *const *kind; /* legend names of the kinds */
    size_t n_notes;
    const char *const *note; /* lines under the diagram: what is unknown in it */
} cs_chart_stages_spec;

/* The diagram as SVG; CS_EUSAGE (NULL) for a node in no column or an edge to no node. */
char *cs_chart_stages(const cs_chart_stages_spec *sp, const cs_chart_locale *loc);

#ifdef __cplusplus
}
#endif
#endif
