/*
 * section_assessment.c: the assessment: the heatmap of clusters by items in dendrogram order,
 * the points against coverage, the table of block and total scores, and the clusters out of the
 * method's scope with the reasons.
 */
#include "report/report_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The clusters the method's scope leaves out (names and reasons in the report's language: the
 * assessment was made in it). */
static void out_of_scope(cs_doc *d, const cs_report *r)
{
    size_t n = cs_assessment_out_of_scope_count(r->a);
    if (!n)
        return;
    char count[64], text[512];
    cs_i18n_count(count, sizeof count, r->o.lang, (long)n, "cluster");
    snprintf(text, sizeof text, T(r, "out_of_scope_text"), count);
    cs_doc_heading(d, 3, "out-of-scope", T(r, "out_of_scope"));
    cs_doc_para(d, text);
    const char *h[] = { T(r, "cluster"), T(r, "country"), T(r, "reason") };
    cs_doc_table_head(d, h, 3);
    for (size_t i = 0; i < n; i++) {
        const cs_scope_exclusion *e = cs_assessment_out_of_scope_at(r->a, i);
        const char *c[] = { *e->name ? e->name : e->key, cs_report_country_name(r, e->country),
                            e->reason };
        cs_doc_table_row(d, c, 3);
    }
    cs_doc_table_end(d);
}

void cs_report_section_assessment(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "assessment", T(r, "assessment"));
    cs_doc_para(d, T(r, "assessment_intro"));
    size_t ni = cs_method_item_count(r->m);
    size_t *items = calloc(ni + 1, sizeof *items);
    const char **cols = calloc(ni + 1, sizeof *cols);
    char *colbuf = calloc(ni + 1, 256);
    double *v = calloc(r->n * (ni + 1) + 1, sizeof *v);
    int *rc = calloc(r->n + 1, sizeof *rc);
    if (items && cols && colbuf && v && rc && r->n) {
        size_t m = cs_report_scored_items(r, items);
        for (size_t j = 0; j < m; j++) {
            const cs_method_item *it = cs_method_item_at(r->m, items[j]);
            const cs_method_indicator *in = cs_method_indicator_at(r->m, it->indicator);
            /* "I8 Clinics": cut in the chart, whole in its tooltip */
            if (in->n_items > 1)
                snprintf(colbuf + 256 * j, 256, "%s %s", in->code,
                         cs_report_label(r, it->label_en, it->label_ru));
            else
                snprintf(colbuf + 256 * j, 256, "%s %s", in->code,
                         cs_report_label(r, in->label_en, in->label_ru));
            cols[j] = colbuf + 256 * j;
        }
        for (size_t i = 0; i < r->n; i++) {
            rc[i] = cs_report_group_of(r, i) - 1;
            for (size_t j = 0; j < m; j++) {
                cs_result x = cs_assessment_item(r->a, i, items[j]);
                v[i * m + j] = x == CS_RESULT_UNKNOWN ? NAN : x;
            }
        }
        cs_chart_locale loc = cs_report_locale(r);
        cs_chart_heatmap_spec hs = { T(r, "assessment"),
                                     r->names,
                                     cols,
                                     r->n,
                                     m,
                                     v,
                                     r->order,
                                     r->c ? rc : NULL,
                                     (const char *const *)r->gnames,
                                     r->c ? (size_t)cs_classification_k(r->c) : 0,
                                     T(r, "not_met"),
                                     T(r, "met") };
        cs_doc_figure(d, cs_chart_heatmap(&hs, &loc), T(r, "assessment_intro"));
    }
    free(items);
    free(cols);
    free(colbuf);
    free(v);
    free(rc);

    if (!r->n) {
        out_of_scope(d, r);
        return;
    }
    double *px = calloc(r->n, sizeof *px), *py = calloc(r->n, sizeof *py);
    int *pc = calloc(r->n, sizeof *pc);
    if (px && py && pc) {
        for (size_t i = 0; i < r->n; i++) {
            cs_score t = cs_assessment_total(r->a, i);
            px[i] = t.items_known;
            py[i] = t.points;
            pc[i] = cs_report_group_of(r, i) - 1;
        }
        cs_chart_locale loc = cs_report_locale(r);
        cs_chart_scatter_spec ss = { T(r, "scatter"),
                                     T(r, "scatter_x"),
                                     T(r, "scatter_y"),
                                     px,
                                     py,
                                     r->names,
                                     pc,
                                     r->n,
                                     (const char *const *)r->gnames,
                                     r->c ? (size_t)cs_classification_k(r->c) : 0,
                                     T(r, "no_group"),
                                     r->keys,
                                     0,
                                     0,
                                     0,
                                     NULL };
        cs_doc_figure(d, cs_chart_scatter(&ss, &loc), T(r, "scatter_note"));
    }
    free(px);
    free(py);
    free(pc);
    cs_doc_heading(d, 3, "totals", T(r, "totals"));
    size_t nb = cs_method_block_count(r->m);
    size_t nc = 3 + nb + 3;
    const char **h = calloc(nc, sizeof *h);
    char(*cells)[64] = calloc(nc, 64);
    const char **c = calloc(nc, sizeof *c);
    char hi[32], hp[32];
    if (!h || !cells || !c) {
        d->err = 1;
    } else {
        h[0] = T(r, "cluster");
        h[1] = T(r, "country");
        h[2] = T(r, "group");
        for (size_t b = 0; b < nb; b++)
            h[3 + b] = cs_method_block_at(r->m, b)->code;
        snprintf(hi, sizeof hi, "%s/%d", T(r, "ind_short"), cs_method_max_indicators(r->m));
        snprintf(hp, sizeof hp, "%s/%d", T(r, "pts_short"), cs_method_max_points(r->m));
        h[3 + nb] = hi;
        h[4 + nb] = hp;
        h[5 + nb] = T(r, "known_short");
        cs_doc_table_head(d, h, nc);
        for (size_t o = 0; o < r->n; o++) {
            size_t i = r->order[o];
            const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
            c[0] = r->names[i];
            c[1] = cs_report_country_name(r, ci->country);
            c[2] = cs_report_group_name(r, i);
            for (size_t b = 0; b < nb; b++) {
                cs_score s = cs_assessment_block_score(r->a, i, b);
                snprintf(cells[3 + b], 64, "%d", s.indicators);
                c[3 + b] = cells[3 + b];
            }
            cs_score t = cs_assessment_total(r->a, i);
            snprintf(cells[3 + nb], 64, "%d", t.indicators);
            snprintf(cells[4 + nb], 64, "%d", t.points);
            snprintf(cells[5 + nb], 64, "%d/%d", t.items_known, cs_method_max_points(r->m));
            for (size_t k = 3 + nb; k < nc; k++)
                c[k] = cells[k];
            cs_doc_table_row(d, c, nc);
        }
        cs_doc_table_end(d);
    }
    free(h);
    free(cells);
    free(c);
    out_of_scope(d, r);
}
