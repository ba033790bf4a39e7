/*
 * tables.c: the report's tables as CSV (per cluster, per group and indicator) and as JSON,
 * written with util/textout.h: CSV text cells are guarded against formula injection, JSON
 * strings escaped by the one escaper every writer uses.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/error.h"
#include "util/textout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Tables as CSV: every cell quoted, text cells guarded against formulas (util/textout.h)     */

#define FLUSH_AT 32768

/* The line end after the last cell of a row, "," after the others. */
static void csv_next(cs_buf *b, int last, int *rc)
{
    if (!*rc)
        *rc = last ? cs_buf_append(b, "\r\n", 2) : cs_textout_putc(b, ',');
}

static void csv_text(cs_buf *b, const char *s, int last, int *rc)
{
    if (!*rc)
        *rc = cs_textout_csv_text(b, s, CS_CSV_QUOTE_ALWAYS);
    csv_next(b, last, rc);
}

static void csv_int(cs_buf *b, long long v, int last, int *rc)
{
    if (!*rc)
        *rc = cs_textout_csv_int(b, v, CS_CSV_QUOTE_ALWAYS);
    csv_next(b, last, rc);
}

/* Ends a row: hands a full buffer to the stream. */
static void csv_row(cs_buf *b, FILE *f, int *rc)
{
    if (!*rc && b->len >= FLUSH_AT)
        *rc = cs_textout_flush(b, f);
}

static int csv_finish(cs_buf *b, FILE *f, int rc)
{
    if (!rc)
        rc = cs_textout_flush(b, f);
    cs_buf_free(b);
    if (!rc && ferror(f))
        rc = cs_error_set(CS_EIO, "writing the table failed");
    return rc;
}

int cs_report_write_table_csv(FILE *f, const cs_report *r)
{
    cs_buf b = CS_BUF_INIT;
    size_t ni = cs_method_item_count(r->m), nb = cs_method_block_count(r->m);
    size_t *items = calloc(ni + 1, sizeof *items);
    if (!items)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t m = cs_report_scored_items(r, items);
    int rc = 0;
    const char *fixed[] = { "cluster", "name", "country", "kind", "group", "group_name" };
    for (size_t j = 0; j < 6; j++)
        csv_text(&b, fixed[j], 0, &rc);
    for (size_t j = 0; j < m; j++)
        csv_text(&b, cs_method_item_at(r->m, items[j])->key, 0, &rc);
    for (size_t j = 0; j < nb; j++)
        csv_text(&b, cs_method_block_at(r->m, j)->code, 0, &rc);
    csv_text(&b, "indicators", 0, &rc);
    csv_text(&b, "points", 0, &rc);
    csv_text(&b, "known", 1, &rc);
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        int g = cs_report_group_of(r, i);
        csv_text(&b, ci->key, 0, &rc);
        csv_text(&b, r->names[i], 0, &rc);
        csv_text(&b, ci->country, 0, &rc);
        csv_text(&b, ci->kind, 0, &rc);
        if (g)
            csv_int(&b, g, 0, &rc);
        else
            csv_text(&b, "", 0, &rc);
        csv_text(&b, g ? cs_report_group_name(r, i) : "", 0, &rc);
        for (size_t j = 0; j < m; j++) {
            cs_result x = cs_assessment_item(r->a, i, items[j]);
            if (x == CS_RESULT_UNKNOWN)
                csv_text(&b, "", 0, &rc);
            else
                csv_int(&b, x == CS_RESULT_MET, 0, &rc);
        }
        for (size_t j = 0; j < nb; j++)
            csv_int(&b, cs_assessment_block_score(r->a, i, j).indicators, 0, &rc);
        cs_score t = cs_assessment_total(r->a, i);
        csv_int(&b, t.indicators, 0, &rc);
        csv_int(&b, t.points, 0, &rc);
        csv_int(&b, t.items_known, 1, &rc);
        csv_row(&b, f, &rc);
    }
    free(items);
    return csv_finish(&b, f, rc);
}

int cs_report_write_groups_csv(FILE *f, const cs_report *r)
{
    cs_buf b = CS_BUF_INIT;
    int rc = 0;
    const char *h[] = { "group", "group_name", "size", "indicator", "label", "met", "known" };
    for (size_t j = 0; j < 7; j++)
        csv_text(&b, h[j], j == 6, &rc);
    for (int g = 1; r->c && g <= cs_classification_k(r->c); g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
            const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
            if (!in->scored)
                continue;
            csv_int(&b, g, 0, &rc);
            csv_text(&b, r->gnames[g - 1], 0, &rc);
            csv_int(&b, (long long)gr->size, 0, &rc);
            csv_text(&b, in->id, 0, &rc);
            csv_text(&b, cs_report_label(r, in->label_en, in->label_ru), 0, &rc);
            csv_int(&b, (long long)gr->indicator_met[i], 0, &rc);
            csv_int(&b, (long long)gr->indicator_known[i], 1, &rc);
            csv_row(&b, f, &rc);
        }
    }
    return csv_finish(&b, f, rc);
}

/* ------------------------------------------------------------------------------------------ */
/* Tables as JSON: indented by two spaces, members in a fixed order, values by util/textout.h */

#define JSON_MAX_DEPTH 8

typedef struct {
    FILE *f;
    cs_buf b;
    int depth;
    int empty[JSON_MAX_DEPTH + 1]; /* no member written yet at this depth */
    int rc;
} json_out;

static void j_raw(json_out *w, const char *s)
{
    if (!w->rc)
        w->rc = cs_buf_puts(&w->b, s);
}

static void j_indent(json_out *w)
{
    for (int i = 0; i < w->depth && !w->rc; i++)
        w->rc = cs_buf_append(&w->b, "  ", 2);
}

/* Starts the next member or element of the open object or array: a key (NULL in arrays). */
static void j_next(json_out *w, const char *key)
{
    j_raw(w, w->empty[w->depth] ? "\n" : ",\n");
    w->empty[w->depth] = 0;
    j_indent(w);
    if (key && !w->rc) {
        w->rc = cs_textout_json_string(&w->b, key);
        j_raw(w, ": ");
    }
}

/* Opens '{' or '[' as the value of the member just started. */
static void j_open(json_out *w, const char *bracket)
{
    j_raw(w, bracket);
    if (w->depth < JSON_MAX_DEPTH)
        w->empty[++w->depth] = 1;
}

static void j_close(json_out *w, const char *bracket)
{
    int empty = w->empty[w->depth];
    w->depth--;
    if (!empty) {
        j_raw(w, "\n");
        j_indent(w);
    }
    j_raw(w, bracket);
    if (!w->rc && w->b.len >= FLUSH_AT)
        w->rc = cs_textout_flush(&w->b, w->f);
}

static void j_str(json_out *w, const char *key, const char *v)
{
    j_next(w, key);
    if (!w->rc)
        w->rc = cs_textout_json_string(&w->b, v);
}

static void j_int(json_out *w, const char *key, long long v)
{
    j_next(w, key);
    if (!w->rc)
        w->rc = cs_textout_json_int(&w->b, v);
}

static void j_null(json_out *w, const char *key)
{
    j_next(w, key);
    j_raw(w, "null");
}

/* A real number as jansson writes it ("1.0"), null when unknown. */
static void j_real(json_out *w, const char *key, double v)
{
    j_next(w, key);
    if (!w->rc)
        w->rc = cs_textout_json_real(&w->b, v);
}

int cs_report_write_json(FILE *f, const cs_report *r)
{
    json_out w = { .f = f, .b = CS_BUF_INIT };
    j_open(&w, "{");
    j_str(&w, "format", "clusterscope-report");
    j_int(&w, "version", 1);
    j_str(&w, "lang", cs_lang_name(r->o.lang));
    j_str(&w, "software", cs_version());
    j_next(&w, "method");
    j_open(&w, "{");
    j_str(&w, "id", cs_method_id(r->m));
    j_str(&w, "version", cs_method_version(r->m));
    j_close(&w, "}");
    if (r->o.date)
        j_str(&w, "date", r->o.date);
    j_next(&w, "clusters");
    j_open(&w, "[");
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        j_next(&w, NULL);
        j_open(&w, "{");
        j_str(&w, "key", ci->key);
        j_str(&w, "name", r->names[i]);
        j_str(&w, "country", ci->country);
        j_str(&w, "kind", ci->kind);
        if (cs_report_group_of(r, i))
            j_int(&w, "group", cs_report_group_of(r, i));
        else
            j_null(&w, "group");
        j_next(&w, "items");
        j_open(&w, "{");
        for (size_t it = 0; it < cs_method_item_count(r->m); it++) {
            cs_result x = cs_assessment_item(r->a, i, it);
            const char *key = cs_method_item_at(r->m, it)->key;
            if (x == CS_RESULT_UNKNOWN)
                j_null(&w, key);
            else
                j_int(&w, key, x);
        }
        j_close(&w, "}");
        j_next(&w, "blocks");
        j_open(&w, "{");
        for (size_t b = 0; b < cs_method_block_count(r->m); b++)
            j_int(&w, cs_method_block_at(r->m, b)->code,
                  cs_assessment_block_score(r->a, i, b).indicators);
        j_close(&w, "}");
        cs_score t = cs_assessment_total(r->a, i);
        j_int(&w, "indicators", t.indicators);
        j_int(&w, "points", t.points);
        j_int(&w, "known", t.items_known);
        j_close(&w, "}");
    }
    j_close(&w, "]");
    if (r->c) {
        j_next(&w, "groups");
        j_open(&w, "[");
        for (int g = 1; g <= cs_classification_k(r->c); g++) {
            const cs_classify_group *gr = cs_classification_group(r->c, g);
            j_next(&w, NULL);
            j_open(&w, "{");
            j_int(&w, "number", g);
            j_str(&w, "name", r->gnames[g - 1]);
            j_int(&w, "size", (long long)gr->size);
            if (gr->label)
                j_int(&w, "label", gr->label);
            else
                j_null(&w, "label");
            j_str(&w, "reason", gr->reason ? gr->reason : "");
            j_next(&w, "indicators");
            j_open(&w, "{");
            for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
                j_next(&w, cs_method_indicator_at(r->m, i)->id);
                j_open(&w, "{");
                j_int(&w, "met", (long long)gr->indicator_met[i]);
                j_int(&w, "known", (long long)gr->indicator_known[i]);
                j_close(&w, "}");
            }
            j_close(&w, "}");
            j_close(&w, "}");
        }
        j_close(&w, "]");
        j_next(&w, "typology");
        j_open(&w, "{");
        j_int(&w, "k", cs_classification_k(r->c));
        j_str(&w, "k_rule", cs_classification_k_rule(r->c));
        j_real(&w, "silhouette", cs_classification_silhouette(r->c));
        j_int(&w, "compared", (long long)cs_classification_compared(r->c));
        j_real(&w, "ari", cs_classification_ari(r->c));
        j_close(&w, "}");
    }
    j_close(&w, "}");
    j_raw(&w, "\n");
    int rc = w.rc ? w.rc : cs_textout_flush(&w.b, f);
    cs_buf_free(&w.b);
    if (!rc && (fflush(f) != 0 || ferror(f)))
        rc = cs_error_set(CS_EIO, "writing the JSON report failed");
    return rc;
}
