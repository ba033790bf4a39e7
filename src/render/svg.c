/*
 * svg.c: the SVG writer of the charts (svg.h). Coordinates are written with fixed decimals so
 * that output is byte-deterministic.
 */
#include "render/svg.h"

#include "render/escape.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_svg_out(cs_svg *s, const char *fmt, ...)
{
    if (s->rc)
        return;
    va_list ap;
    va_start(ap, fmt);
    s->rc = cs_buf_vprintf(&s->b, fmt, ap);
    va_end(ap);
}

void cs_svg_text(cs_svg *s, const char *str)
{
    if (!s->rc)
        s->rc = cs_render_put(&s->b, str, CS_RENDER_HTML);
}

/* A label of at most max_chars characters; when cut, the whole label is in a <title>. */
void cs_svg_label(cs_svg *s, double x, double y, const char *anchor, const char *extra,
                  const char *str, size_t max_chars)
{
    int cut = 0;
    cs_svg_out(s, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y, anchor,
               extra ? " " : "", extra ? extra : "");
    if (cs_render_utf8_len(str) > max_chars) {
        cs_svg_out(s, "<title>");
        cs_svg_text(s, str);
        cs_svg_out(s, "</title>");
    }
    if (!s->rc)
        s->rc = cs_render_put_short(&s->b, str, max_chars, &cut);
    cs_svg_out(s, "</text>\n");
}

static void svg_head(char *out, size_t cap, const char *kind, double w, double h)
{
    snprintf(out, cap,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cs-chart cs-%s\" viewBox=\"0 0 "
             "%.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" "
             "style=\"font-family:sans-serif;font-size:11px\">\n",
             kind, w, h, w, h);
}

/* Every chart is an <svg class="cs-chart cs-KIND">, so a page can style and find charts by kind. */
void cs_svg_open(cs_svg *s, const char *kind, double w, double h, const char *title,
                 const cs_chart_locale *loc)
{
    memset(s, 0, sizeof *s);
    s->loc = loc;
    uint32_t h32 = 2166136261u; /* FNV-1a of the title and size */
    for (const char *p = title ? title : ""; *p; p++)
        h32 = (h32 ^ (unsigned char)*p) * 16777619u;
    h32 = (h32 ^ (uint32_t)(w * 7 + h)) * 16777619u;
    snprintf(s->id, sizeof s->id, "%08x", (unsigned)h32);
    s->kind = kind;
    s->w = w;
    s->h = h;
    char head[256];
    svg_head(head, sizeof head, kind, w, h);
    cs_svg_out(s, "%s", head);
    s->head_len = s->b.len;
    cs_svg_out(s, "<title>");
    cs_svg_text(s, title ? title : "");
    cs_svg_out(s, "</title>\n");
    if (title && *title) {
        cs_svg_label(s, 8, 16, "start", "font-size=\"13\" font-weight=\"bold\"", title,
                     (size_t)(w / 8.5));
    }
}

char *cs_svg_close(cs_svg *s)
{
    cs_svg_out(s, "</svg>\n");
    if (!s->rc && s->bottom + 4 > s->h) {
        /* a legend of long names took more rows than planned: the chart grows to show it */
        char head[256];
        svg_head(head, sizeof head, s->kind, s->w, ceil(s->bottom + 4));
        size_t n = strlen(head);
        if (n > s->head_len)
            s->rc = cs_buf_reserve(&s->b, n - s->head_len);
        if (!s->rc) {
            memmove(s->b.data + n, s->b.data + s->head_len, s->b.len - s->head_len + 1);
            memcpy(s->b.data, head, n);
            s->b.len = s->b.len - s->head_len + n;
        }
    }
    if (s->rc) {
        cs_buf_free(&s->b);
        return NULL;
    }
    return s->b.data;
}

double cs_svg_legend(cs_svg *s, double x, double y, double w, const cs_svg_swatch *sw, size_t n)
{
    double cx = x;
    char hatch[48];
    snprintf(hatch, sizeof hatch, "url(#cs-hatch-%s)", s->id);
    cs_svg_out(s, "<g class=\"legend\">\n");
    /* a name is cut only when it would not fit on a row of its own */
    size_t max_chars = w > 120 ? (size_t)((w - 30) / 7) : 12;
    if (max_chars > 90)
        max_chars = 90;
    for (size_t i = 0; i < n; i++) {
        size_t chars = cs_render_utf8_len(sw[i].name);
        double len = 18 + 7.0 * (double)(chars > max_chars ? max_chars : chars);
        if (cx > x && cx + len > x + w) {
            cx = x;
            y += 16;
        }
        cs_svg_out(s, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"%s/>\n",
                   cx, y - 9, sw[i].hatched ? hatch : sw[i].colour,
                   sw[i].hatched ? " stroke=\"#666666\"" : "");
        cs_svg_label(s, cx + 14, y, "start", NULL, sw[i].name, max_chars);
        cx += len + 12;
    }
    cs_svg_out(s, "</g>\n");
    if (y + 4 > s->bottom)
        s->bottom = y + 4;
    return y + 16;
}

void cs_svg_hatch_def(cs_svg *s)
{
    cs_svg_out(s,
               "<defs><pattern id=\"cs-hatch-%s\" width=\"6\" height=\"6\" "
               "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
               "<rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/>"
               "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#888888\" stroke-width=\"2\"/>"
               "</pattern></defs>\n",
               s->id);
}