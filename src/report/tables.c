/*
 * tables.c: the report's tables as CSV (per cluster, per group and indicator) and as JSON,
 * written with util/textout.h: CSV text cells are guarded against formula injection, JSON
 * strings escaped by the one escaper every writer uses.
 */
#include "report/report_impl.h"

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
    csv_text(&b, "known", 0, &rc);
    csv_text(&b, "scope", 1, &rc);
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
        csv_int(&b, t.items_known, 0, &rc);
        csv_text(&b, "in", 1, &rc);
        csv_row(&b, f, &rc);
    }
    /* The clusters the method's scope left out: listed, not scored, with the reason, so that
     * the table accounts for every cluster of the registry. */
    for (size_t i = 0; i < cs_assessment_out_of_scope_count(r->a); i++) {
        const cs_scope_exclusion *e = cs_assessment_out_of_scope_at(r->a, i);
        csv_text(&b, e->key, 0, &rc);
        csv_text(&b, e->name, 0, &rc);
        csv_text(&b, e->country, 0, &rc);
        csv_text(&b, e->kind, 0, &rc);
        for (size_t j = 0; j < 2 + m + nb + 3; j++)
            csv_text(&b, "", 0, &rc);
        csv_text(&b, e->reason, 1, &rc);
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

int cs_report_write_json(FILE *f, const cs_report *r)
{
    cs_buf out = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &out, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "format", "clusterscope-report");
    cs_jsonw_int(&w, "version", 1);
    cs_jsonw_string(&w, "lang", cs_lang_name(r->o.lang));
    cs_jsonw_string(&w, "software", cs_version());
    cs_jsonw_open(&w, "method", '{');
    cs_jsonw_string(&w, "id", cs_method_id(r->m));
    cs_jsonw_string(&w, "version", cs_method_version(r->m));
    cs_jsonw_close(&w, '}');
    if (r->o.date)
        cs_jsonw_string(&w, "date", r->o.date);
    cs_jsonw_open(&w, "clusters", '[');
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "key", ci->key);
        cs_jsonw_string(&w, "name", r->names[i]);
        cs_jsonw_string(&w, "country", ci->country);
        cs_jsonw_string(&w, "kind", ci->kind);
        if (cs_report_group_of(r, i))
            cs_jsonw_int(&w, "group", cs_report_group_of(r, i));
        else
            cs_jsonw_null(&w, "group");
        cs_jsonw_open(&w, "items", '{');
        for (size_t it = 0; it < cs_method_item_count(r->m); it++) {
            cs_result x = cs_assessment_item(r->a, i, it);
            const char *key = cs_method_item_at(r->m, it)->key;
            if (x == CS_RESULT_UNKNOWN)
                cs_jsonw_null(&w, key);
            else
                cs_jsonw_int(&w, key, x);
        }
        cs_jsonw_close(&w, '}');
        cs_jsonw_open(&w, "blocks", '{');
        for (size_t b = 0; b < cs_method_block_count(r->m); b++)
            cs_jsonw_int(&w, cs_method_block_at(r->m, b)->code,
                         cs_assessment_block_score(r->a, i, b).indicators);
        cs_jsonw_close(&w, '}');
        cs_score t = cs_assessment_total(r->a, i);
        cs_jsonw_int(&w, "indicators", t.indicators);
        cs_jsonw_int(&w, "points", t.points);
        cs_jsonw_int(&w, "known", t.items_known);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "out_of_scope", '[');
    for (size_t i = 0; i < cs_assessment_out_of_scope_count(r->a); i++) {
        const cs_scope_exclusion *e = cs_assessment_out_of_scope_at(r->a, i);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "key", e->key);
        cs_jsonw_string(&w, "name", e->name);
        cs_jsonw_string(&w, "country", e->country);
        cs_jsonw_string(&w, "kind", e->kind);
        cs_jsonw_string(&w, "rule", cs_method_scope_at(r->m, e->rule)->id);
        cs_jsonw_string(&w, "reason", e->reason);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    if (r->c) {
        cs_jsonw_open(&w, "groups", '[');
        for (int g = 1; g <= cs_classification_k(r->c); g++) {
            const cs_classify_group *gr = cs_classification_group(r->c, g);
            cs_jsonw_open(&w, NULL, '{');
            cs_jsonw_int(&w, "number", g);
            cs_jsonw_string(&w, "name", r->gnames[g - 1]);
            cs_jsonw_int(&w, "size", (long long)gr->size);
            if (gr->label)
                cs_jsonw_int(&w, "label", gr->label);
            else
                cs_jsonw_null(&w, "label");
            cs_jsonw_string(&w, "reason", gr->reason ? gr->reason : "");
            cs_jsonw_open(&w, "indicators", '{');
            for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
                cs_jsonw_open(&w, cs_method_indicator_at(r->m, i)->id, '{');
                cs_jsonw_int(&w, "met", (long long)gr->indicator_met[i]);
                cs_jsonw_int(&w, "known", (long long)gr->indicator_known[i]);
                cs_jsonw_close(&w, '}');
            }
            cs_jsonw_close(&w, '}');
            cs_jsonw_close(&w, '}');
        }
        cs_jsonw_close(&w, ']');
        cs_jsonw_open(&w, "typology", '{');
        cs_jsonw_int(&w, "k", cs_classification_k(r->c));
        cs_jsonw_string(&w, "k_rule", cs_classification_k_rule(r->c));
        cs_jsonw_real(&w, "silhouette", cs_classification_silhouette(r->c));
        cs_jsonw_int(&w, "compared", (long long)cs_classification_compared(r->c));
        cs_jsonw_real(&w, "ari", cs_classification_ari(r->c));
        /* what the results rest on: the policy by name and meaning, the coverage rule, the
         * imputed pairs, and the facts assumed (none unless report --assume) */
        cs_jsonw_string(&w, "unknown", cs_unknown_policy_name(cs_classification_unknown(r->c)));
        cs_jsonw_string(&w, "unknown_means", cs_classification_unknown_words(r->c));
        cs_jsonw_int(&w, "min_known", cs_classification_min_known(r->c));
        cs_jsonw_int(&w, "imputed_pairs", (long long)cs_classification_imputed(r->c, NULL));
        const cs_classify_assumption *as = NULL;
        size_t n_as = cs_classification_assumptions(r->c, &as);
        cs_jsonw_open(&w, "assumptions", '[');
        for (size_t i = 0; i < n_as; i++) {
            cs_jsonw_open(&w, NULL, '{');
            cs_jsonw_string(&w, "subject_kind", as[i].subject_kind);
            cs_jsonw_string(&w, "subject", as[i].subject);
            cs_jsonw_string(&w, "fact", as[i].fact);
            cs_jsonw_string(&w, "year", as[i].year);
            cs_jsonw_string(&w, "value", as[i].value);
            cs_jsonw_string(&w, "file", as[i].file);
            cs_jsonw_int(&w, "line", as[i].line);
            cs_jsonw_close(&w, '}');
        }
        cs_jsonw_close(&w, ']');
        cs_jsonw_close(&w, '}');
    }
    if (r->o.sections & CS_REPORT_FACTORS)
        cs_report_factors_json(&w, r);
    if (r->o.sections & CS_REPORT_REGIONAL)
        cs_report_regional_json(&w, r);
    cs_report_programmes_json(&w, r);
    if (r->o.sections & CS_REPORT_CHAIN)
        cs_report_chain_json(&w, r);
    if (r->o.sections & CS_REPORT_COUNTS)
        cs_report_counts_json(&w, r);
    if (r->o.sections & CS_REPORT_TIMELINE)
        cs_report_timeline_json(&w, r);
    cs_jsonw_close(&w, '}');
    int rc = w.rc ? w.rc : cs_textout_putc(&out, '\n');
    rc = rc ? rc : cs_textout_flush(&out, f);
    cs_buf_free(&out);
    if (!rc && (fflush(f) != 0 || ferror(f)))
        rc = cs_error_set(CS_EIO, "writing the JSON report failed");
    return rc;
}
