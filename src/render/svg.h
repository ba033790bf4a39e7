/*
 * svg.h: the SVG writer every chart of render/ shares (chart.c, choropleth.c): an <svg> built in
 * a growable buffer, text escaped, labels cut with their whole text in a tooltip, legends.
 * cs_svg_close() hands the document to the caller, who frees it with free(); after an error
 * (kept in rc, the later calls do nothing) it frees the buffer and returns NULL.
 */
#ifndef CS_RENDER_SVG_H
#define CS_RENDER_SVG_H

#include "clusterscope/render.h"
#include "util/buf.h"

#include <stddef.h>

typedef struct {
    cs_buf b;
    int rc;
    const cs_chart_locale *loc;
    char id[16]; /* suffix of this chart's element ids: unique per title, so that several charts
                    in one HTML page do not share ids, and deterministic */
    const char *kind;
    double w, h;     /* the size asked for */
    double bottom;   /* the lowest point drawn by a legend; the chart grows to hold it */
    size_t head_len; /* bytes of the opening <svg ...> line, rewritten when the chart grows */
} cs_svg;

typedef struct {
    const char *colour;
    const char *name;
    int hatched;
} cs_svg_swatch;

/* Appends printf-formatted SVG (the caller escapes what it formats). */
void cs_svg_out(cs_svg *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends str escaped for XML text and attributes. */
void cs_svg_text(cs_svg *s, const char *str);
/* A <text> of at most max_chars characters; when cut, the whole label is in a <title>. */
void cs_svg_label(cs_svg *s, double x, double y, const char *anchor, const char *extra,
                  const char *str, size_t max_chars);
/* Starts an <svg class="cs-chart cs-KIND"> of w x h with its title (escaped). */
void cs_svg_open(cs_svg *s, const char *kind, double w, double h, const char *title,
                 const cs_chart_locale *loc);
/* Ends the document, grown to hold its legend; the string to free, or NULL on an error. */
char *cs_svg_close(cs_svg *s);
/* A legend row of swatches at (x, y), wrapping at width w. Returns the y below it. */
double cs_svg_legend(cs_svg *s, double x, double y, double w, const cs_svg_swatch *sw, size_t n);
/* The hatching pattern of unknown values, id "cs-hatch-" + s->id. */
void cs_svg_hatch_def(cs_svg *s);

#endif
