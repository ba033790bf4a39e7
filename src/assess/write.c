/*
 * write.c: writing assessments as a table, CSV or JSON, and explaining one cluster's results.
 *
 * Every writer is byte-deterministic: it depends only on the assessment (clusters in the order
 * given, method order for indicators), never on the locale, the time or the threads used.
 * Numbers are printed with fixed formats; CSV cells and JSON strings are written by
 * util/textout.h, as every writer of the library writes them (valid UTF-8, CSV text cells guarded
 * against formulas, control bytes escaped); table cells show control bytes as spaces.
 */
#include "clusterscope/assess.h"

#include "clusterscope/error.h"
#include "util/textout.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_WIDTH 40

/* ---------------------------------------------------------------- output buffer */

/* Writers fill a buffer (util/textout.h writes the values into it) and hand it to stdio in
 * blocks of SINK_BLOCK bytes or more: an assessment of 100,000 clusters is millions of small
 * pieces, and stdio's per-call locking would dominate. */
#define SINK_BLOCK 32768

typedef struct {
    FILE *f;
    cs_buf b;
    int failed;
} sink;

/* Records a failed append (out of memory): the writer reports it once, at the end. */
static void s_check(sink *s, int rc)
{
    if (rc)
        s->failed = 1;
}

static void s_put(sink *s, const char *p, size_t n)
{
    s_check(s, cs_buf_append(&s->b, p, n));
}

static void s_puts(sink *s, const char *p)
{
    s_put(s, p, strlen(p));
}

static void s_putc(sink *s, int c)
{
    s_check(s, cs_textout_putc(&s->b, (char)c));
}

static void s_printf(sink *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void s_printf(sink *s, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        s->failed = 1;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        s_put(s, tmp, (size_t)n);
        return;
    }
    va_start(ap, fmt);
    s_check(s, cs_buf_vprintf(&s->b, fmt, ap));
    va_end(ap);
}

/* A whole number, without printf's cost. */
static void s_int(sink *s, long v)
{
    s_check(s, cs_textout_json_int(&s->b, v));
}

/* Hands a full block to stdio; called between rows. */
static void s_row(sink *s)
{
    if (s->b.len >= SINK_BLOCK && cs_textout_flush(&s->b, s->f))
        s->failed = 1;
}

static void s_open(sink *s, FILE *f)
{
    s->f = f;
    s->b = (cs_buf)CS_BUF_INIT;
    s->failed = 0;
}

static int s_close(sink *s)
{
    if (!s->failed && cs_textout_flush(&s->b, s->f))
        s->failed = 1;
    cs_buf_free(&s->b);
    if (fflush(s->f) != 0 || ferror(s->f) || s->failed)
        return cs_error_set(CS_EIO, "cannot write the assessment");
    return 0;
}

/* ---------------------------------------------------------------- UTF-8 */

/* Terminal columns a character takes: 0 for combining marks, 2 for East Asian wide ones. */
static int char_width(unsigned cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 1; /* control characters are shown as a space */
    if ((cp >= 0x0300 && cp < 0x0370) || (cp >= 0x0483 && cp < 0x048A) ||
        (cp >= 0x200B && cp < 0x2010) || (cp >= 0xFE00 && cp < 0xFE10) ||
        (cp >= 0xFE20 && cp < 0xFE30))
        return 0;
    if ((cp >= 0x1100 && cp < 0x1160) || (cp >= 0x2E80 && cp < 0xA4D0) ||
        (cp >= 0xAC00 && cp < 0xD7A4) || (cp >= 0xF900 && cp < 0xFB00) ||
        (cp >= 0xFE30 && cp < 0xFE50) || (cp >= 0xFF00 && cp < 0xFF61) ||
        (cp >= 0xFFE0 && cp < 0xFFE7) || (cp >= 0x1F300 && cp < 0x1F650) ||
        (cp >= 0x1F900 && cp < 0x1FA00) || (cp >= 0x20000 && cp < 0x3FFFE))
        return 2;
    return 1;
}

static int text_width(const char *s)
{
    int w = 0;
    unsigned cp;
    while (*s) {
        s += cs_textout_utf8_next(s, &cp);
        w += char_width(cp);
    }
    return w;
}

static void put_codepoint(sink *f, unsigned cp)
{
    s_check(f, cs_textout_codepoint(&f->b, cp));
}

static void pad(sink *f, int n)
{
    for (int i = 0; i < n; i++)
        s_putc(f, ' ');
}

/* Writes s in exactly `width` columns: cut with "…" when longer, padded when shorter. */
static void put_cell(sink *f, const char *s, int width, int right)
{
    int w = text_width(s);
    if (w <= width) {
        if (right)
            pad(f, width - w);
        unsigned cp;
        while (*s) {
            s += cs_textout_utf8_next(s, &cp);
            put_codepoint(f, cp < 0x20 || cp == 0x7F ? ' ' : cp);
        }
        if (!right)
            pad(f, width - w);
        return;
    }
    int used = 0;
    unsigned cp;
    while (*s) {
        size_t n = cs_textout_utf8_next(s, &cp);
        int cw = char_width(cp);
        if (used + cw > width - 1)
            break;
        put_codepoint(f, cp < 0x20 || cp == 0x7F ? ' ' : cp);
        used += cw;
        s += n;
    }
    put_codepoint(f, 0x2026);
    pad(f, width - 1 - used);
}

/* ---------------------------------------------------------------- JSON and CSV text */

/* A JSON string (util/textout.h), null for NULL. */
static void json_str(sink *f, const char *s)
{
    s_check(f, cs_textout_json_string(&f->b, s));
}

/* A JSON string, or null for "" (an absent optional value). */
static void json_opt(sink *f, const char *s)
{
    if (!s || !*s)
        s_puts(f, "null");
    else
        json_str(f, s);
}

static void json_result(sink *f, cs_result r)
{
    s_puts(f, r == CS_RESULT_MET ? "1" : r == CS_RESULT_NOT_MET ? "0" : "null");
}

/* A CSV text cell (util/textout.h): quoted when needed, guarded against formulas. */
static void csv_field(sink *f, const char *s)
{
    s_check(f, cs_textout_csv_text(&f->b, s, 0));
}

static const char *result_text(cs_result r);

/* The compact code of a cluster (as cs_assessment_code writes it), straight to the stream. */
static void put_code(sink *f, const cs_assessment *a, size_t c)
{
    size_t n = cs_method_item_count(cs_assessment_method(a));
    for (size_t i = 0; i < n; i++) {
        cs_result r = cs_assessment_item(a, c, i);
        s_putc(f, r == CS_RESULT_MET ? '1' : r == CS_RESULT_NOT_MET ? '0' : '?');
    }
}

static const char *result_text(cs_result r)
{
    return r == CS_RESULT_MET ? "1" : r == CS_RESULT_NOT_MET ? "0" : "?";
}

static const char *label(const char *en, const char *ru)
{
    return en && *en ? en : ru ? ru : "";
}

/* ---------------------------------------------------------------- table */

static void table_heading(sink *f, const cs_assessment *a)
{
    const cs_method *m = cs_assessment_method(a);
    s_printf(f, "%s version %s: %s\n", cs_method_id(m), cs_method_version(m),
             label(cs_method_title_en(m), cs_method_title_ru(m)));
    if (cs_assessment_year(a))
        s_printf(f, "assessment year %d", cs_assessment_year(a));
    else
        s_puts(f, "latest facts (no assessment year)");
    s_printf(f, "; %zu cluster%s", cs_assessment_count(a), cs_assessment_count(a) == 1 ? "" : "s");
    size_t n_out = cs_assessment_out_of_scope_count(a);
    if (n_out)
        s_printf(f, " in the method's scope (%zu out of it, listed at the end)", n_out);
    s_puts(f, "; 1 = met, 0 = not met, ? = unknown\n\n");
}

/* The clusters the scope left out, with their reasons, and those it kept in on an unknown rule,
 * rule by rule. Nothing for a method without a scope. */
static void table_scope(sink *f, const cs_assessment *a)
{
    const cs_method *m = cs_assessment_method(a);
    size_t n_out = cs_assessment_out_of_scope_count(a), n = cs_assessment_count(a);
    if (n_out) {
        s_printf(f, "\nOut of the method's scope: %zu cluster%s (not scored)\n", n_out,
                 n_out == 1 ? "" : "s");
        for (size_t i = 0; i < n_out; i++) {
            const cs_scope_exclusion *e = cs_assessment_out_of_scope_at(a, i);
            s_puts(f, "  ");
            put_cell(f, e->key, text_width(e->key), 0);
            s_puts(f, ": ");
            put_cell(f, e->reason, text_width(e->reason), 0);
            s_putc(f, '\n');
            s_row(f);
        }
    }
    for (size_t i = 0; i < cs_method_scope_count(m); i++) {
        size_t kept = 0;
        for (size_t c = 0; c < n; c++)
            kept += (cs_assessment_scope_unknown(a, c) >> i) & 1;
        if (!kept)
            continue;
        const cs_scope_rule *r = cs_method_scope_at(m, i);
        s_printf(
            f,
            "\nIn scope although scope rule %s is unknown (\"unknown\": \"in\"): %zu cluster%s\n  ",
            r->id, kept, kept == 1 ? "" : "s");
        for (size_t c = 0, k = 0; c < n; c++)
            if ((cs_assessment_scope_unknown(a, c) >> i) & 1) {
                const char *key = cs_assessment_subject(a, c)->key;
                s_puts(f, k++ ? ", " : "");
                put_cell(f, key, text_width(key), 0);
            }
        s_putc(f, '\n');
    }
}

static int write_table(sink *f, const cs_assessment *a)
{
    const cs_method *m = cs_assessment_method(a);
    size_t n = cs_assessment_count(a);
    size_t n_ind = cs_method_indicator_count(m), n_blocks = cs_method_block_count(m);
    int max_ind = cs_method_max_indicators(m), max_pts = cs_method_max_points(m);
    char h_ind[32], h_pts[32], h_known[32], cell[64];
    snprintf(h_ind, sizeof h_ind, "ind/%d", max_ind);
    snprintf(h_pts, sizeof h_pts, "pts/%d", max_pts);
    snprintf(h_known, sizeof h_known, "known");

    int w_key = (int)strlen("cluster"), w_name = (int)strlen("name");
    int w_country = (int)strlen("country");
    for (size_t c = 0; c < n; c++) {
        const cs_assess_subject *s = cs_assessment_subject(a, c);
        int wk = text_width(s->key), wn = text_width(s->name), wc = text_width(s->country);
        w_key = wk > w_key ? wk : w_key;
        w_name = wn > w_name ? wn : w_name;
        w_country = wc > w_country ? wc : w_country;
    }
    w_name = w_name > NAME_MAX_WIDTH ? NAME_MAX_WIDTH : w_name;
    w_country = w_country > 12 ? 12 : w_country;
    int w_known = 5;
    snprintf(cell, sizeof cell, "%d/%d", max_pts, max_pts);
    if ((int)strlen(cell) > w_known)
        w_known = (int)strlen(cell);

    table_heading(f, a);
    put_cell(f, "cluster", w_key, 0);
    s_puts(f, "  ");
    put_cell(f, "name", w_name, 0);
    s_puts(f, "  ");
    put_cell(f, "country", w_country, 0);
    s_puts(f, " ");
    for (size_t i = 0; i < n_ind; i++)
        s_printf(f, " %s", cs_method_indicator_at(m, i)->code);
    s_puts(f, " ");
    for (size_t b = 0; b < n_blocks; b++)
        s_printf(f, " %s", cs_method_block_at(m, b)->code);
    s_printf(f, "  %s  %s  ", h_ind, h_pts);
    put_cell(f, h_known, w_known, 1);
    s_putc(f, '\n');

    for (size_t c = 0; c < n; c++) {
        const cs_assess_subject *s = cs_assessment_subject(a, c);
        put_cell(f, s->key, w_key, 0);
        s_puts(f, "  ");
        put_cell(f, s->name, w_name, 0);
        s_puts(f, "  ");
        put_cell(f, s->country, w_country, 0);
        s_puts(f, " ");
        for (size_t i = 0; i < n_ind; i++) {
            s_putc(f, ' ');
            put_cell(f, result_text(cs_assessment_indicator(a, c, i)),
                     (int)strlen(cs_method_indicator_at(m, i)->code), 1);
        }
        s_puts(f, " ");
        for (size_t b = 0; b < n_blocks; b++) {
            snprintf(cell, sizeof cell, "%d", cs_assessment_block_score(a, c, b).indicators);
            s_putc(f, ' ');
            put_cell(f, cell, (int)strlen(cs_method_block_at(m, b)->code), 1);
        }
        cs_score t = cs_assessment_total(a, c);
        s_puts(f, "  ");
        snprintf(cell, sizeof cell, "%d", t.indicators);
        put_cell(f, cell, (int)strlen(h_ind), 1);
        s_puts(f, "  ");
        snprintf(cell, sizeof cell, "%d", t.points);
        put_cell(f, cell, (int)strlen(h_pts), 1);
        s_puts(f, "  ");
        snprintf(cell, sizeof cell, "%d/%d", t.items_known, max_pts);
        put_cell(f, cell, w_known, 1);
        s_putc(f, '\n');
        s_row(f);
    }

    /* summary: counts per indicator, means per block */
    size_t *met = calloc(n_ind ? n_ind : 1, sizeof *met);
    size_t *not_met = calloc(n_ind ? n_ind : 1, sizeof *not_met);
    long *points = calloc(n_ind ? n_ind : 1, sizeof *points);
    if (!met || !not_met || !points) {
        free(met);
        free(not_met);
        free(points);
        return cs_error_set(CS_ENOMEM, "out of memory summarising the assessment");
    }
    for (size_t c = 0; c < n; c++)
        for (size_t i = 0; i < n_ind; i++) {
            cs_result r = cs_assessment_indicator(a, c, i);
            met[i] += r == CS_RESULT_MET;
            not_met[i] += r == CS_RESULT_NOT_MET;
            points[i] += cs_assessment_indicator_points(a, c, i);
        }
    s_printf(f, "\nBlocks (means over %zu cluster%s; unknown counts as not met):\n", n,
             n == 1 ? "" : "s");
    for (size_t b = 0; b < n_blocks; b++) {
        const cs_method_block *blk = cs_method_block_at(m, b);
        long sum_ind = 0, sum_pts = 0;
        for (size_t c = 0; c < n; c++) {
            cs_score s = cs_assessment_block_score(a, c, b);
            sum_ind += s.indicators;
            sum_pts += s.points;
        }
        s_printf(f, "%s %s: ", blk->code, label(blk->label_en, blk->label_ru));
        if (n)
            s_printf(f, "mean %.2f of %d indicators, %.2f of %d item points", (double)sum_ind / n,
                     blk->max_indicators, (double)sum_pts / n, blk->max_points);
        else
            s_puts(f, "no clusters");
        s_puts(f, "; clusters meeting");
        for (size_t i = blk->first_indicator; i < blk->first_indicator + blk->n_indicators; i++)
            s_printf(f, "%s %s %zu", i == blk->first_indicator ? "" : ",",
                     cs_method_indicator_at(m, i)->code, met[i]);
        s_putc(f, '\n');
    }
    s_puts(f, "\nIndicators (clusters met / not met / unknown):\n");
    int w_code = 0, w_id = 0;
    for (size_t i = 0; i < n_ind; i++) {
        const cs_method_indicator *ind = cs_method_indicator_at(m, i);
        int wc = (int)strlen(ind->code), wi = (int)strlen(ind->id);
        w_code = wc > w_code ? wc : w_code;
        w_id = wi > w_id ? wi : w_id;
    }
    for (size_t i = 0; i < n_ind; i++) {
        const cs_method_indicator *ind = cs_method_indicator_at(m, i);
        put_cell(f, ind->code, w_code, 0);
        s_puts(f, "  ");
        put_cell(f, ind->id, w_id, 0);
        s_printf(f, "  %zu / %zu / %zu  %s", met[i], not_met[i], n - met[i] - not_met[i],
                 label(ind->label_en, ind->label_ru));
        if (ind->composite && n)
            s_printf(f, " (mean %.2f of %zu item points)", (double)points[i] / n, ind->n_items);
        if (!ind->scored)
            s_puts(f, " (helper, not scored)");
        s_putc(f, '\n');
    }
    free(met);
    free(not_met);
    free(points);
    table_scope(f, a);
    return 0;
}

/* ---------------------------------------------------------------- CSV */

static int write_csv(sink *f, const cs_assessment *a)
{
    const cs_method *m = cs_assessment_method(a);
    size_t n = cs_assessment_count(a);
    size_t n_ind = cs_method_indicator_count(m), n_blocks = cs_method_block_count(m);
    /* column names use ':' for what is not an item, so they never clash with item keys */
    s_puts(f, "cluster,name,country,region");
    for (size_t i = 0; i < n_ind; i++) {
        const cs_method_indicator *ind = cs_method_indicator_at(m, i);
        s_printf(f, ",%s", ind->id);
        if (ind->composite) {
            s_printf(f, ",%s:points", ind->id);
            for (size_t k = 0; k < ind->n_items; k++)
                s_printf(f, ",%s", cs_method_item_at(m, ind->first_item + k)->key);
        }
    }
    for (size_t b = 0; b < n_blocks; b++) {
        const char *id = cs_method_block_at(m, b)->id;
        s_printf(f, ",block:%s:indicators,block:%s:points", id, id);
    }
    s_puts(f, ",total:indicators,total:points,total:items_known,total:coverage");
    int scoped = cs_method_scope_count(m) > 0;
    if (scoped)
        s_puts(f, ",scope:status,scope:reason");
    s_putc(f, '\n');
    int max_points = cs_method_max_points(m);
    for (size_t c = 0; c < n; c++) {
        const cs_assess_subject *s = cs_assessment_subject(a, c);
        csv_field(f, s->key);
        s_putc(f, ',');
        csv_field(f, s->name);
        s_putc(f, ',');
        csv_field(f, s->country);
        s_putc(f, ',');
        csv_field(f, s->region);
        for (size_t i = 0; i < n_ind; i++) {
            const cs_method_indicator *ind = cs_method_indicator_at(m, i);
            cs_result r = cs_assessment_indicator(a, c, i);
            s_putc(f, ',');
            if (r != CS_RESULT_UNKNOWN)
                s_putc(f, r == CS_RESULT_MET ? '1' : '0');
            if (ind->composite) {
                s_putc(f, ',');
                s_int(f, cs_assessment_indicator_points(a, c, i));
                for (size_t k = 0; k < ind->n_items; k++) {
                    cs_result ri = cs_assessment_item(a, c, ind->first_item + k);
                    s_putc(f, ',');
                    if (ri != CS_RESULT_UNKNOWN)
                        s_putc(f, ri == CS_RESULT_MET ? '1' : '0');
                }
            }
        }
        cs_score t = { 0, 0, 0, 0 };
        for (size_t b = 0; b < n_blocks; b++) {
            cs_score sc = cs_assessment_block_score(a, c, b);
            s_putc(f, ',');
            s_int(f, sc.indicators);
            s_putc(f, ',');
            s_int(f, sc.points);
            t.indicators += sc.indicators;
            t.points += sc.points;
            t.items_known += sc.items_known;
        }
        s_putc(f, ',');
        s_int(f, t.indicators);
        s_putc(f, ',');
        s_int(f, t.points);
        s_putc(f, ',');
        s_int(f, t.items_known);
        /* the same value as cs_assessment_coverage() */
        s_putc(f, ',');
        s_check(f, cs_textout_csv_fixed(
                       &f->b, max_points > 0 ? (double)t.items_known / max_points : 0.0, 4, 0));
        if (scoped) {
            const char *note = cs_assessment_scope_note(a, c);
            s_puts(f, ",in,");
            if (note)
                csv_field(f, note);
        }
        s_putc(f, '\n');
        s_row(f);
    }
    /* out of scope: not scored, so every result cell is empty (as unknown is) and the row says
     * why in its last two cells */
    size_t empty = n_blocks * 2 + 4;
    for (size_t i = 0; i < n_ind; i++) {
        const cs_method_indicator *ind = cs_method_indicator_at(m, i);
        empty += 1 + (ind->composite ? 1 + ind->n_items : 0);
    }
    for (size_t i = 0; i < cs_assessment_out_of_scope_count(a); i++) {
        const cs_scope_exclusion *e = cs_assessment_out_of_scope_at(a, i);
        csv_field(f, e->key);
        s_putc(f, ',');
        csv_field(f, e->name);
        s_putc(f, ',');
        csv_field(f, e->country);
        s_putc(f, ',');
        csv_field(f, e->region);
        for (size_t k = 0; k < empty; k++)
            s_putc(f, ',');
        s_puts(f, ",out,");
        csv_field(f, e->reason);
        s_putc(f, '\n');
        s_row(f);
    }
    return 0;
}

/* ---------------------------------------------------------------- JSON */

static void json_score(sink *f, cs_score s)
{
    s_puts(f, "{\"indicators\": ");
    s_int(f, s.indicators);
    s_puts(f, ", \"indicators_known\": ");
    s_int(f, s.indicators_known);
    s_puts(f, ", \"points\": ");
    s_int(f, s.points);
    s_puts(f, ", \"items_known\": ");
    s_int(f, s.items_known);
    s_putc(f, '}');
}

static void json_method(sink *f, const cs_method *m)
{
    s_puts(f, "{\"id\": ");
    json_str(f, cs_method_id(m));
    s_puts(f, ", \"version\": ");
    json_str(f, cs_method_version(m));
    s_printf(f, ", \"max_indicators\": %d, \"max_points\": %d}", cs_method_max_indicators(m),
             cs_method_max_points(m));
}

static void json_year(sink *f, int year)
{
    if (year)
        s_printf(f, "%d", year);
    else
        s_puts(f, "null");
}

/* Ids and item keys are letters, digits, '_', '-' and '.' (the loader checks), so they are
 * written without escaping. */
static void json_key(sink *f, const char *id)
{
    s_putc(f, '"');
    s_puts(f, id);
    s_puts(f, "\": ");
}

/* A cluster out of the method's scope: who, which rule, what it read and why. */
static void json_exclusion(sink *f, const cs_assessment *a, const cs_scope_exclusion *e)
{
    s_puts(f, "{\"key\": ");
    json_str(f, e->key);
    s_puts(f, ", \"name\": ");
    json_opt(f, e->name);
    s_puts(f, ", \"country\": ");
    json_opt(f, e->country);
    s_puts(f, ", \"region\": ");
    json_opt(f, e->region);
    s_puts(f, ", \"kind\": ");
    json_opt(f, e->kind);
    s_puts(f, ", \"rule\": ");
    json_str(f, cs_method_scope_at(cs_assessment_method(a), e->rule)->id);
    s_puts(f, e->result == CS_RESULT_NOT_MET ? ", \"result\": \"not_met\", \"found\": "
                                             : ", \"result\": \"unknown\", \"found\": ");
    json_str(f, e->found);
    s_puts(f, ", \"reason\": ");
    json_str(f, e->reason);
    s_putc(f, '}');
}

/* A scored cluster's scope rules kept in on an unknown, by id (only for a method with a
 * scope). */
static void json_scope_unknown(sink *f, const cs_assessment *a, size_t c)
{
    const cs_method *m = cs_assessment_method(a);
    unsigned long mask = cs_assessment_scope_unknown(a, c);
    s_puts(f, "[");
    for (size_t i = 0, k = 0; i < cs_method_scope_count(m); i++)
        if ((mask >> i) & 1) {
            s_puts(f, k++ ? ", " : "");
            json_str(f, cs_method_scope_at(m, i)->id);
        }
    s_puts(f, "]");
}

static int write_json(sink *f, const cs_assessment *a)
{
    const cs_method *m = cs_assessment_method(a);
    size_t n = cs_assessment_count(a);
    size_t n_ind = cs_method_indicator_count(m), n_blocks = cs_method_block_count(m);
    size_t n_items = cs_method_item_count(m);
    s_puts(f, "{\n  \"format\": \"clusterscope-assessment\",\n  \"version\": 1,\n  \"method\": ");
    json_method(f, m);
    s_puts(f, ",\n  \"year\": ");
    json_year(f, cs_assessment_year(a));
    s_puts(f, ",\n  \"items\": [");
    for (size_t i = 0; i < n_items; i++) {
        s_puts(f, i ? ", " : "");
        json_str(f, cs_method_item_at(m, i)->key);
    }
    s_puts(f, "],\n  \"clusters\": [");
    for (size_t c = 0; c < n; c++) {
        const cs_assess_subject *s = cs_assessment_subject(a, c);
        s_puts(f, c ? ",\n    {\"key\": " : "\n    {\"key\": ");
        json_str(f, s->key);
        s_puts(f, ", \"name\": ");
        json_opt(f, s->name);
        s_puts(f, ", \"country\": ");
        json_opt(f, s->country);
        s_puts(f, ", \"region\": ");
        json_opt(f, s->region);
        s_puts(f, ", \"indicators\": {");
        for (size_t i = 0; i < n_ind; i++) {
            s_puts(f, i ? ", " : "");
            json_key(f, cs_method_indicator_at(m, i)->id);
            json_result(f, cs_assessment_indicator(a, c, i));
        }
        s_puts(f, "}, \"points\": {");
        for (size_t i = 0; i < n_ind; i++) {
            s_puts(f, i ? ", " : "");
            json_key(f, cs_method_indicator_at(m, i)->id);
            s_int(f, cs_assessment_indicator_points(a, c, i));
        }
        s_puts(f, "}, \"items\": {");
        for (size_t i = 0; i < n_items; i++) {
            s_puts(f, i ? ", " : "");
            json_key(f, cs_method_item_at(m, i)->key);
            json_result(f, cs_assessment_item(a, c, i));
        }
        s_puts(f, "}, \"blocks\": {");
        for (size_t b = 0; b < n_blocks; b++) {
            s_puts(f, b ? ", " : "");
            json_key(f, cs_method_block_at(m, b)->id);
            json_score(f, cs_assessment_block_score(a, c, b));
        }
        s_puts(f, "}, \"total\": ");
        json_score(f, cs_assessment_total(a, c));
        s_printf(f, ", \"coverage\": %.4f, \"code\": \"", cs_assessment_coverage(a, c));
        put_code(f, a, c);
        s_putc(f, '"');
        if (cs_method_scope_count(m)) {
            s_puts(f, ", \"scope_unknown\": ");
            json_scope_unknown(f, a, c);
        }
        s_putc(f, '}');
        s_row(f);
    }
    s_puts(f, n ? "\n  ],\n  \"out_of_scope\": [" : "],\n  \"out_of_scope\": [");
    size_t n_out = cs_assessment_out_of_scope_count(a);
    for (size_t i = 0; i < n_out; i++) {
        s_puts(f, i ? ",\n    " : "\n    ");
        json_exclusion(f, a, cs_assessment_out_of_scope_at(a, i));
        s_row(f);
    }
    s_puts(f, n_out ? "\n  ]\n}\n" : "]\n}\n");
    return 0;
}

int cs_assessment_write(FILE *f, const cs_assessment *a, cs_format fmt)
{
    if (fmt != CS_FORMAT_TABLE && fmt != CS_FORMAT_CSV && fmt != CS_FORMAT_JSON)
        return cs_error_set(CS_EUSAGE, "unknown output format %d", (int)fmt);
    sink s;
    s_open(&s, f);
    int rc = fmt == CS_FORMAT_TABLE ? write_table(&s, a)
             : fmt == CS_FORMAT_CSV ? write_csv(&s, a)
                                    : write_json(&s, a);
    int rc_close = s_close(&s);
    return rc ? rc : rc_close;
}

/* ---------------------------------------------------------------- explain */

static void fact_value(char *out, size_t cap, const cs_fact *fact)
{
    if (fact->value.kind == CS_VALUE_UNKNOWN)
        snprintf(out, cap, "unknown");
    else if (fact->raw && *fact->raw)
        snprintf(out, cap, "%s", fact->raw);
    else
        cs_value_format(out, cap, &fact->value);
}

/* Why an item is unknown, in words. */
static const char *unknown_reason(const cs_assessment *a, size_t c, const cs_method_item *it,
                                  const cs_fact *fact)
{
    const cs_assess_subject *s = cs_assessment_subject(a, c);
    if (it->rule.kind == CS_RULE_REF)
        return "the referenced indicator is unknown";
    if (!fact) {
        if (it->rule.subject_kind == CS_SUBJECT_COUNTRY && !*s->country)
            return "the cluster has no country";
        if (it->rule.subject_kind == CS_SUBJECT_REGION && !*s->region)
            return "the cluster has no region";
        return cs_assessment_year(a) ? "no fact recorded for the assessment year or earlier"
                                     : "no fact recorded";
    }
    if (fact->value.kind == CS_VALUE_UNKNOWN)
        return "the fact's value is unknown";
    if (fact->value.kind == CS_VALUE_NUMBER)
        return "the value's bounds do not decide the rule";
    return "the value does not fit the rule";
}

static const char *result_words(cs_result r)
{
    return r == CS_RESULT_MET ? "1 (met)" : r == CS_RESULT_NOT_MET ? "0 (not met)" : "? (unknown";
}

static void text_fact(sink *f, const cs_assessment *a, size_t c, const cs_method_item *it,
                      const cs_fact *fact, const char *indent)
{
    char value[256];
    const cs_assess_subject *s = cs_assessment_subject(a, c);
    if (it->rule.kind == CS_RULE_REF)
        return;
    if (!fact) {
        const char *subject = it->rule.subject_kind == CS_SUBJECT_COUNTRY  ? s->country
                              : it->rule.subject_kind == CS_SUBJECT_REGION ? s->region
                                                                           : s->key;
        s_printf(f, "%sfact:    %s %s %s: none recorded\n", indent,
                 cs_subject_kind_name(it->rule.subject_kind), *subject ? subject : "(none)",
                 it->rule.fact);
        return;
    }
    fact_value(value, sizeof value, fact);
    s_printf(f, "%sfact:    %s %s %s", indent, cs_subject_kind_name(fact->subject_kind),
             fact->subject, fact->name);
    if (fact->year)
        s_printf(f, ", %d", fact->year);
    else
        s_puts(f, ", undated");
    /* an unknown value has no status: nothing was stated, derived or estimated */
    if (fact->value.kind == CS_VALUE_UNKNOWN)
        s_puts(f, ": unknown\n");
    else
        s_printf(f, ": \"%s\" (%s)\n", value, cs_fact_status_name(fact->status));
    const cs_source_info *src = cs_assessment_source(a, fact->source);
    s_printf(f, "%ssource:  %s", indent, fact->source && *fact->source ? fact->source : "(none)");
    if (src) {
        if (src->title && *src->title)
            s_printf(f, " \"%s\"", src->title);
        if (src->document && *src->document)
            s_printf(f, ", %s", src->document);
        if (src->publisher && *src->publisher)
            s_printf(f, ", %s", src->publisher);
        if (src->date && *src->date)
            s_printf(f, ", %s", src->date);
        if (src->url && *src->url)
            s_printf(f, ", %s", src->url);
    }
    s_putc(f, '\n');
    const char *locator = fact->locator && *fact->locator ? fact->locator
                          : src && src->locator           ? src->locator
                                                          : "";
    if (*locator)
        s_printf(f, "%slocator: %s\n", indent, locator);
    if (fact->quote && *fact->quote)
        s_printf(f, "%squote:   \"%s\"\n", indent, fact->quote);
}

static void text_item_result(sink *f, const cs_assessment *a, size_t c, const cs_method_item *it,
                             cs_result r, const cs_fact *fact, const char *indent)
{
    s_printf(f, "%sresult:  %s", indent, result_words(r));
    if (r == CS_RESULT_UNKNOWN)
        s_printf(f, ": %s)", unknown_reason(a, c, it, fact));
    s_putc(f, '\n');
}

static int explain_text(sink *f, const cs_assessment *a, size_t c)
{
    const cs_method *m = cs_assessment_method(a);
    const cs_assess_subject *s = cs_assessment_subject(a, c);
    char rule[512];
    s_printf(f, "Cluster %s", s->key);
    if (*s->name)
        s_printf(f, ": %s", s->name);
    s_printf(f, " (country %s, region %s)\n", *s->country ? s->country : "not given",
             *s->region ? s->region : "not given");
    s_printf(f, "Method %s version %s: %s\n", cs_method_id(m), cs_method_version(m),
             label(cs_method_title_en(m), cs_method_title_ru(m)));
    if (cs_assessment_year(a))
        s_printf(f,
                 "Assessment year %d: each fact is the latest dated %d or earlier, else the "
                 "undated one\n",
                 cs_assessment_year(a), cs_assessment_year(a));
    else
        s_puts(f, "No assessment year: each fact is the latest dated one, else the undated one\n");
    if (cs_method_scope_count(m)) {
        const char *note = cs_assessment_scope_note(a, c);
        if (note)
            s_printf(f, "Scope: in the method's scope, on an unknown: %s\n", note);
        else
            s_printf(f, "Scope: in the method's scope (every scope rule is met)\n");
    }

    for (size_t b = 0; b < cs_method_block_count(m); b++) {
        const cs_method_block *blk = cs_method_block_at(m, b);
        cs_score sc = cs_assessment_block_score(a, c, b);
        s_printf(f, "\n%s %s: %s\n", blk->code, blk->id, label(blk->label_en, blk->label_ru));
        s_printf(f, "score: %d of %d indicators, %d of %d item points\n", sc.indicators,
                 blk->max_indicators, sc.points, blk->max_points);
        for (size_t i = blk->first_indicator; i < blk->first_indicator + blk->n_indicators; i++) {
            const cs_method_indicator *ind = cs_method_indicator_at(m, i);
            cs_result r = cs_assessment_indicator(a, c, i);
            s_printf(f, "\n%s %s: %s", ind->code, ind->id, label(ind->label_en, ind->label_ru));
            if (*ind->label_en && *ind->label_ru)
                s_printf(f, " / %s", ind->label_ru);
            s_puts(f, ind->scored ? "\n" : " (helper, not scored)\n");
            if (!ind->composite) {
                const cs_method_item *it = cs_method_item_at(m, ind->first_item);
                const cs_fact *fact = cs_assessment_item_fact(a, c, ind->first_item);
                cs_rule_describe(rule, sizeof rule, m, &it->rule);
                s_printf(f, "  rule:    %s\n", rule);
                text_fact(f, a, c, it, fact, "  ");
                text_item_result(f, a, c, it, r, fact, "  ");
                continue;
            }
            int points = cs_assessment_indicator_points(a, c, i);
            s_printf(f, "  rule:    at least %zu of %zu items met\n", ind->min_items, ind->n_items);
            s_printf(f, "  result:  %s", result_words(r));
            if (r == CS_RESULT_UNKNOWN)
                s_puts(f, ": unknown items could decide it)");
            s_printf(f, "; %d of %zu item points\n", points, ind->n_items);
            for (size_t k = 0; k < ind->n_items; k++) {
                size_t item = ind->first_item + k;
                const cs_method_item *it = cs_method_item_at(m, item);
                const cs_fact *fact = cs_assessment_item_fact(a, c, item);
                cs_result ri = cs_assessment_item(a, c, item);
                s_printf(f, "  item %s: %s\n", it->key, label(it->label_en, it->label_ru));
                cs_rule_describe(rule, sizeof rule, m, &it->rule);
                s_printf(f, "    rule:    %s\n", rule);
                text_fact(f, a, c, it, fact, "    ");
                text_item_result(f, a, c, it, ri, fact, "    ");
            }
        }
    }
    cs_score t = cs_assessment_total(a, c);
    s_printf(f,
             "\nTotal: %d of %d indicators, %d of %d item points; %d of %d items known "
             "(coverage %.4f)\nCode: ",
             t.indicators, cs_method_max_indicators(m), t.points, cs_method_max_points(m),
             t.items_known, cs_method_max_points(m), cs_assessment_coverage(a, c));
    put_code(f, a, c);
    s_putc(f, '\n');
    return 0;
}

static void json_fact(sink *f, const cs_assessment *a, const cs_fact *fact)
{
    char value[256];
    if (!fact) {
        s_puts(f, "null");
        return;
    }
    fact_value(value, sizeof value, fact);
    s_puts(f, "{\"subject_kind\": ");
    json_str(f, cs_subject_kind_name(fact->subject_kind));
    s_puts(f, ", \"subject\": ");
    json_str(f, fact->subject);
    s_puts(f, ", \"name\": ");
    json_str(f, fact->name);
    s_puts(f, ", \"year\": ");
    json_year(f, fact->year);
    s_puts(f, ", \"value\": ");
    if (fact->value.kind == CS_VALUE_UNKNOWN)
        s_puts(f, "null");
    else
        json_str(f, value);
    s_puts(f, ", \"status\": ");
    if (fact->value.kind == CS_VALUE_UNKNOWN)
        s_puts(f, "null");
    else
        json_str(f, cs_fact_status_name(fact->status));
    s_puts(f, ", \"locator\": ");
    json_opt(f, fact->locator);
    s_puts(f, ", \"quote\": ");
    json_opt(f, fact->quote);
    s_puts(f, ", \"source\": ");
    const cs_source_info *src = cs_assessment_source(a, fact->source);
    if (!src) {
        s_puts(f, "{\"key\": ");
        json_opt(f, fact->source);
        s_puts(f, "}}");
        return;
    }
    const char *names[] = { "key", "title", "document", "locator", "url", "date", "publisher" };
    const char *values[] = { src->key, src->title, src->document, src->locator,
                             src->url, src->date,  src->publisher };
    s_putc(f, '{');
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        s_printf(f, "%s\"%s\": ", i ? ", " : "", names[i]);
        json_opt(f, values[i]);
    }
    s_puts(f, "}}");
}

static int explain_json(sink *f, const cs_assessment *a, size_t c)
{
    const cs_method *m = cs_assessment_method(a);
    const cs_assess_subject *s = cs_assessment_subject(a, c);
    char rule[512];
    s_puts(f, "{\n  \"format\": \"clusterscope-explain\",\n  \"version\": 1,\n  \"method\": ");
    json_method(f, m);
    s_puts(f, ",\n  \"year\": ");
    json_year(f, cs_assessment_year(a));
    s_puts(f, ",\n  \"cluster\": {\"key\": ");
    json_str(f, s->key);
    s_puts(f, ", \"name\": ");
    json_opt(f, s->name);
    s_puts(f, ", \"country\": ");
    json_opt(f, s->country);
    s_puts(f, ", \"region\": ");
    json_opt(f, s->region);
    s_puts(f, "},\n  ");
    if (cs_method_scope_count(m)) {
        s_puts(f, "\"scope\": {\"in\": true, \"unknown\": ");
        json_scope_unknown(f, a, c);
        s_puts(f, ", \"note\": ");
        json_str(f, cs_assessment_scope_note(a, c));
        s_puts(f, "},\n  ");
    }
    s_puts(f, "\"indicators\": [");
    for (size_t i = 0; i < cs_method_indicator_count(m); i++) {
        const cs_method_indicator *ind = cs_method_indicator_at(m, i);
        s_puts(f, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
        json_str(f, ind->id);
        s_puts(f, ", \"code\": ");
        json_str(f, ind->code);
        s_puts(f, ", \"block\": ");
        json_str(f, cs_method_block_at(m, ind->block)->id);
        s_puts(f, ", \"label_en\": ");
        json_str(f, ind->label_en);
        s_puts(f, ", \"label_ru\": ");
        json_str(f, ind->label_ru);
        s_printf(f, ", \"scored\": %s, \"composite\": %s, \"min_items\": %zu, \"rule\": ",
                 ind->scored ? "true" : "false", ind->composite ? "true" : "false", ind->min_items);
        if (ind->composite) {
            snprintf(rule, sizeof rule, "at least %zu of %zu items met", ind->min_items,
                     ind->n_items);
        } else {
            cs_rule_describe(rule, sizeof rule, m, &cs_method_item_at(m, ind->first_item)->rule);
        }
        json_str(f, rule);
        s_puts(f, ", \"result\": ");
        json_result(f, cs_assessment_indicator(a, c, i));
        s_printf(f, ", \"points\": %d, \"items\": [", cs_assessment_indicator_points(a, c, i));
        for (size_t k = 0; k < ind->n_items; k++) {
            size_t item = ind->first_item + k;
            const cs_method_item *it = cs_method_item_at(m, item);
            const cs_fact *fact = cs_assessment_item_fact(a, c, item);
            cs_result r = cs_assessment_item(a, c, item);
            s_puts(f, k ? ",\n      {\"key\": " : "\n      {\"key\": ");
            json_str(f, it->key);
            s_puts(f, ", \"label_en\": ");
            json_str(f, it->label_en);
            s_puts(f, ", \"label_ru\": ");
            json_str(f, it->label_ru);
            cs_rule_describe(rule, sizeof rule, m, &it->rule);
            s_puts(f, ", \"rule\": ");
            json_str(f, rule);
            s_puts(f, ", \"result\": ");
            json_result(f, r);
            s_puts(f, ", \"unknown_reason\": ");
            if (r == CS_RESULT_UNKNOWN)
                json_str(f, unknown_reason(a, c, it, fact));
            else
                s_puts(f, "null");
            s_puts(f, ", \"fact\": ");
            json_fact(f, a, fact);
            s_putc(f, '}');
        }
        s_puts(f, "]}");
    }
    s_puts(f, "\n  ],\n  \"blocks\": {");
    for (size_t b = 0; b < cs_method_block_count(m); b++) {
        s_puts(f, b ? ", " : "");
        json_str(f, cs_method_block_at(m, b)->id);
        s_puts(f, ": ");
        json_score(f, cs_assessment_block_score(a, c, b));
    }
    s_puts(f, "},\n  \"total\": ");
    json_score(f, cs_assessment_total(a, c));
    s_printf(f, ",\n  \"coverage\": %.4f,\n  \"code\": \"", cs_assessment_coverage(a, c));
    put_code(f, a, c);
    s_puts(f, "\"\n}\n");
    return 0;
}

/* A cluster out of the method's scope: not scored, so the explanation is the reason. */
static int explain_out(sink *f, const cs_assessment *a, const cs_scope_exclusion *e, cs_format fmt)
{
    const cs_method *m = cs_assessment_method(a);
    const cs_scope_rule *r = cs_method_scope_at(m, e->rule);
    if (fmt == CS_FORMAT_JSON) {
        s_puts(f, "{\n  \"format\": \"clusterscope-explain\",\n  \"version\": 1,\n  \"method\": ");
        json_method(f, m);
        s_puts(f, ",\n  \"year\": ");
        json_year(f, cs_assessment_year(a));
        s_puts(f, ",\n  \"cluster\": {\"key\": ");
        json_str(f, e->key);
        s_puts(f, ", \"name\": ");
        json_opt(f, e->name);
        s_puts(f, ", \"country\": ");
        json_opt(f, e->country);
        s_puts(f, ", \"region\": ");
        json_opt(f, e->region);
        s_puts(f, "},\n  \"scope\": {\"in\": false, \"exclusion\": ");
        json_exclusion(f, a, e);
        s_puts(f, ", \"fact\": ");
        json_fact(f, a, e->fact);
        s_puts(f, "}\n}\n");
        return 0;
    }
    s_printf(f, "Cluster %s", e->key);
    if (*e->name)
        s_printf(f, ": %s", e->name);
    s_printf(f, " (country %s, region %s, kind %s)\n", *e->country ? e->country : "not given",
             *e->region ? e->region : "not given", *e->kind ? e->kind : "not given");
    s_printf(f, "Method %s version %s: %s\n", cs_method_id(m), cs_method_version(m),
             label(cs_method_title_en(m), cs_method_title_ru(m)));
    s_printf(f, "Out of the method's scope, so not scored: %s\n", e->reason);
    s_printf(f, "  scope rule %s: ", r->id);
    if (r->is_fact) {
        char rule[512];
        cs_rule_describe(rule, sizeof rule, m, &r->rule);
        s_printf(f, "%s", rule);
    } else {
        s_printf(f, "%s is one of ", cs_cluster_field_name(r->field));
        for (size_t i = 0; i < r->n_values; i++)
            s_printf(f, "%s%s", i ? ", " : "", r->values[i]);
    }
    s_printf(f, "; unknown is %s\n", r->unknown_in ? "in" : "out");
    if (e->fact) {
        cs_method_item it = { .rule = r->rule };
        text_fact(f, a, 0, &it, e->fact, "  ");
    }
    return 0;
}

int cs_assessment_explain(FILE *f, const cs_assessment *a, const char *cluster_key, cs_format fmt)
{
    long c = cs_assessment_find(a, cluster_key);
    long out = c < 0 ? cs_assessment_find_out_of_scope(a, cluster_key) : -1;
    if (c < 0 && out < 0)
        return cs_error_set(CS_ENOTFOUND, "no cluster \"%s\" in the assessment",
                            cluster_key ? cluster_key : "");
    if (fmt != CS_FORMAT_TABLE && fmt != CS_FORMAT_JSON)
        return cs_error_set(CS_EUSAGE, "explain writes text or JSON, not CSV");
    sink s;
    s_open(&s, f);
    int rc = out >= 0 ? explain_out(&s, a, cs_assessment_out_of_scope_at(a, (size_t)out), fmt)
             : fmt == CS_FORMAT_TABLE ? explain_text(&s, a, (size_t)c)
                                      : explain_json(&s, a, (size_t)c);
    int rc_close = s_close(&s);
    return rc ? rc : rc_close;
}
