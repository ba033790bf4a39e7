/*
 * stages.c: the stage diagram of a value chain (render.h, cs_chart_stages): one column per
 * stage in the chain's order, the organisations of a stage stacked in it as boxes, links as
 * lines between box sides (arrows for directed links, a curve beside the column for two
 * organisations of one stage), and the notes of what is unknown under it, wrapped, never cut.
 */
#include "clusterscope/render.h"

#include "clusterscope/error.h"
#include "render/svg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COL_W   176.0 /* a column's width */
#define BOX_W   150.0
#define BOX_H   34.0
#define ROW_H   46.0
#define LEFT    12.0
#define TOP     64.0 /* the first box's top */
#define NOTE_LH 15.0
#define LANE_H  7.0 /* a lane under the columns for a link across several */

/* Writes NOTE from Y on in lines of at most MAX characters, broken at spaces; the y below. */
static double note_lines(cs_svg *s, double y, const char *note, size_t max)
{
    const char *p = note;
    char line[1024];
    while (*p) {
        size_t len = strlen(p), take = len, last_space = 0;
        size_t chars = 0;
        for (size_t i = 0; i < len; i++) {
            if (((unsigned char)p[i] & 0xC0) != 0x80)
                chars++;
            if (chars > max || i >= sizeof line - 8) {
                take = last_space ? last_space : i;
                break;
            }
            if (p[i] == ' ')
                last_space = i;
        }
        if (take == 0)
            take = len < sizeof line - 8 ? len : sizeof line - 8;
        /* a word longer than the buffer is cut between characters, never inside one */
        while (take > 1 && take < len && ((unsigned char)p[take] & 0xC0) == 0x80)
            take--;
        memcpy(line, p, take);
        line[take] = '\0';
        cs_svg_out(s, "<text x=\"%.1f\" y=\"%.1f\" class=\"cs-note\">", LEFT, y);
        cs_svg_text(s, line);
        cs_svg_out(s, "</text>\n");
        y += NOTE_LH;
        p += take;
        while (*p == ' ')
            p++;
    }
    return y;
}

char *cs_chart_stages(const cs_chart_stages_spec *sp, const cs_chart_locale *loc)
{
    if (!sp || sp->n_columns == 0) {
        cs_error_set(CS_EUSAGE, "a stage diagram needs at least one column");
        return NULL;
    }
    for (size_t i = 0; i < sp->n_nodes; i++)
        if (sp->node_column[i] >= sp->n_columns) {
            cs_error_set(CS_EUSAGE, "stage diagram: node %zu is in column %zu of %zu", i,
                         sp->node_column[i], sp->n_columns);
            return NULL;
        }
    for (size_t e = 0; e < sp->n_edges; e++)
        if (sp->from[e] >= sp->n_nodes || sp->to[e] >= sp->n_nodes ||
            (sp->edge_kind && sp->edge_kind[e] >= sp->n_kinds)) {
            cs_error_set(CS_EUSAGE, "stage diagram: edge %zu joins no node of %zu, or has no kind",
                         e, sp->n_nodes);
            return NULL;
        }
    size_t *row = calloc(sp->n_nodes ? sp->n_nodes : 1, sizeof *row);
    size_t *count = calloc(sp->n_columns, sizeof *count);
    if (!row || !count) {
        free(row);
        free(count);
        cs_error_set(CS_ENOMEM, "out of memory for a stage diagram of %zu nodes", sp->n_nodes);
        return NULL;
    }
    size_t rows = 1;
    for (size_t i = 0; i < sp->n_nodes; i++) {
        row[i] = count[sp->node_column[i]]++;
        if (count[sp->node_column[i]] > rows)
            rows = count[sp->node_column[i]];
    }
    double w = LEFT * 2 + COL_W * (double)sp->n_columns;
    if (w < 420)
        w = 420;
    double body = TOP + ROW_H * (double)rows;
    size_t lanes = 0;
    for (size_t e = 0; e < sp->n_edges; e++) {
        size_t ca = sp->node_column[sp->from[e]], cb = sp->node_column[sp->to[e]];
        if ((ca > cb ? ca - cb : cb - ca) >= 2)
            lanes++;
    }
    double below = body + (lanes ? 10 + LANE_H * (double)lanes : 0);
    cs_svg s;
    cs_svg_open(&s, "stages", w, below + 40, sp->title, loc);
    cs_svg_out(&s,
               "<defs><marker id=\"cs-arrow-%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
               "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
               "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333333\"/></marker></defs>\n",
               s.id);
    /* columns: a light band with its heading; unknown ones dashed */
    for (size_t c = 0; c < sp->n_columns; c++) {
        double x = LEFT + COL_W * (double)c;
        int dashed = sp->dashed && sp->dashed[c];
        cs_svg_out(&s,
                   "<rect class=\"cs-stage\" x=\"%.1f\" y=\"28\" width=\"%.1f\" height=\"%.1f\" "
                   "fill=\"#f4f4f4\" stroke=\"#999999\"%s/>\n",
                   x + 2, COL_W - 4, body - 28, dashed ? " stroke-dasharray=\"4 3\"" : "");
        cs_svg_label(&s, x + COL_W / 2, 46, "middle",
                     dashed ? "font-weight=\"bold\" font-style=\"italic\"" : "font-weight=\"bold\"",
                     sp->column[c] ? sp->column[c] : "", (size_t)(COL_W / 7.0));
    }
    /* links under the boxes. Between neighbouring columns (or within one) a curve crosses
     * only the gap between boxes; a link across several columns would pass behind the boxes
     * between, so it runs in a lane of its own under the columns. Several links of one pair
     * are set apart vertically so that each stays visible. */
    size_t lane = 0;
    for (size_t e = 0; e < sp->n_edges; e++) {
        size_t a = sp->from[e], b = sp->to[e];
        size_t ca = sp->node_column[a], cb = sp->node_column[b];
        size_t again = 0;
        for (size_t k = 0; k < e; k++)
            if ((sp->from[k] == a && sp->to[k] == b) || (sp->from[k] == b && sp->to[k] == a))
                again++;
        double dy = again == 0 ? 0 : (again % 2 ? 1.0 : -1.0) * 6.0 * (double)((again + 1) / 2);
        if (dy > BOX_H / 2 - 3 || dy < -(BOX_H / 2 - 3))
            dy = 0;
        double ya = TOP + ROW_H * (double)row[a] + BOX_H / 2 + dy;
        double yb = TOP + ROW_H * (double)row[b] + BOX_H / 2 + dy;
        double xa0 = LEFT + COL_W * (double)ca + (COL_W - BOX_W) / 2, xa1 = xa0 + BOX_W;
        double xb0 = LEFT + COL_W * (double)cb + (COL_W - BOX_W) / 2, xb1 = xb0 + BOX_W;
        const char *colour = cs_chart_colour(sp->edge_kind ? sp->edge_kind[e] : 0);
        int dir = sp->directed && sp->directed[e];
        char marker[48] = "";
        if (dir)
            snprintf(marker, sizeof marker, " marker-end=\"url(#cs-arrow-%s)\"", s.id);
        cs_svg_out(&s,
                   "<path class=\"cs-link\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"%s "
                   "d=\"",
                   colour, marker);
        size_t span = ca > cb ? ca - cb : cb - ca;
        if (span >= 2) {
            double ly = body + 6 + LANE_H * (double)lane++;
            double g = 5 + 1.5 * (double)(lane % 5);
            if (ca < cb)
                cs_svg_out(&s, "M%.1f,%.1f H%.1f V%.1f H%.1f V%.1f H%.1f", xa1, ya, xa1 + g, ly,
                           xb0 - g, yb, xb0);
            else
                cs_svg_out(&s, "M%.1f,%.1f H%.1f V%.1f H%.1f V%.1f H%.1f", xa0, ya, xa0 - g, ly,
                           xb1 + g, yb, xb1);
        } else if (ca < cb) {
            cs_svg_out(&s, "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", xa1, ya, xa1 + 24, ya,
                       xb0 - 24, yb, xb0, yb);
        } else if (ca > cb) {
            cs_svg_out(&s, "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", xa0, ya, xa0 - 24, ya,
                       xb1 + 24, yb, xb1, yb);
        } else { /* one column: a curve out to the right and back */
            cs_svg_out(&s, "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", xa1, ya, xa1 + 22, ya,
                       xb1 + 22, yb, xb1, yb);
        }
        cs_svg_out(&s, "\"><title>");
        cs_svg_text(&s, sp->node[a]);
        cs_svg_out(&s, dir ? " → " : " — ");
        cs_svg_text(&s, sp->node[b]);
        if (sp->edge_kind) {
            cs_svg_out(&s, ": ");
            cs_svg_text(&s, sp->kind[sp->edge_kind[e]]);
        }
        cs_svg_out(&s, "</title></path>\n");
    }
    /* boxes */
    for (size_t i = 0; i < sp->n_nodes; i++) {
        double x = LEFT + COL_W * (double)sp->node_column[i] + (COL_W - BOX_W) / 2;
        double y = TOP + ROW_H * (double)row[i];
        int bold = sp->emphasis && sp->emphasis[i];
        const char *detail = sp->node_detail ? sp->node_detail[i] : NULL;
        cs_svg_out(&s,
                   "<rect class=\"cs-org\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                   "rx=\"4\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"%s\"/>\n",
                   x, y, BOX_W, BOX_H, bold ? "2.5" : "1");
        cs_svg_label(&s, x + BOX_W / 2, y + (detail ? 14 : 21), "middle",
                     bold ? "font-weight=\"bold\"" : NULL, sp->node[i], 24);
        if (detail && *detail)
            cs_svg_label(&s, x + BOX_W / 2, y + 28, "middle", "font-size=\"9\" fill=\"#555555\"",
                         detail, 30);
    }
    free(row);
    free(count);
    double y = below + 20;
    if (sp->n_kinds > 0) {
        cs_svg_swatch *sw = calloc(sp->n_kinds, sizeof *sw);
        if (!sw) {
            s.rc = cs_error_set(CS_ENOMEM, "out of memory for a legend");
        } else {
            for (size_t k = 0; k < sp->n_kinds; k++) {
                sw[k].colour = cs_chart_colour(k);
                sw[k].name = sp->kind[k];
            }
            y = cs_svg_legend(&s, LEFT, below + 20, w - 2 * LEFT, sw, sp->n_kinds) + 4;
            free(sw);
        }
    }
    for (size_t i = 0; i < sp->n_notes; i++)
        y = note_lines(&s, y, sp->note[i] ? sp->note[i] : "", (size_t)((w - 2 * LEFT) / 6.2));
    if (y > s.bottom)
        s.bottom = y;
    return cs_svg_close(&s);
}
