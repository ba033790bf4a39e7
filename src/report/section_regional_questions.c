/*
 * section_regional_questions.c: the report's section on the seeds' regional questions (seed
 * 004, lines 115-125; docs/regional.md): from the registry's region facts, through the service
 * (cs_service_questions_read), a scatter of ИКИП against applications for cluster support with
 * the regions labelled and the threshold line, ИКИП on a map (when the regions' codes name one),
 * seed 004's typology table with the threshold rule, and the correlations with their intervals and
 * n. Without the facts the section names the facts it needs.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void num(char *out, size_t cap, const cs_report *r, double v, int dec)
{
    if (isnan(v))
        snprintf(out, cap, "?");
    else
        cs_report_num(out, cap, r, v, dec);
}

static const char *type_word(const cs_report *r, cs_region_type t)
{
    switch (t) {
    case CS_REGION_TYPE_NO_APPLICATION:
        return T(r, "rq_no_application");
    case CS_REGION_TYPE_ONE_CLUSTER:
        return T(r, "rq_one_cluster");
    case CS_REGION_TYPE_MANY_CLUSTERS:
        return T(r, "rq_many_clusters");
    default:
        return T(r, "rq_undecided");
    }
}

static void scatter(cs_doc *d, const cs_report *r, const cs_service_questions *q)
{
    const cs_region_table *t = q->table;
    size_t n = t->nr;
    double *x = malloc((n ? n : 1) * sizeof *x), *y = malloc((n ? n : 1) * sizeof *y);
    int *colour = malloc((n ? n : 1) * sizeof *colour);
    if (!x || !y || !colour) {
        free(x);
        free(y);
        free(colour);
        d->err = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        x[i] = t->value[i * t->nc + 0];
        y[i] = t->value[i * t->nc + 1];
        colour[i] = q->type[i] == CS_REGION_TYPE_NONE ? -1 : (int)q->type[i] - 1;
    }
    const char *groups[] = { T(r, "rq_no_application"), T(r, "rq_one_cluster"),
                             T(r, "rq_many_clusters") };
    cs_chart_locale loc = cs_report_locale(r);
    cs_chart_scatter_spec ss;
    memset(&ss, 0, sizeof ss);
    ss.title = T(r, "rq_scatter");
    ss.x_label = T(r, "rq_ikip");
    ss.y_label = T(r, "rq_applications");
    ss.x = x;
    ss.y = y;
    ss.labels = (const char *const *)t->region;
    ss.colour = colour;
    ss.n = n;
    ss.group_names = groups;
    ss.n_groups = 3;
    ss.other_label = T(r, "rq_undecided");
    ss.show_labels = 1;
    ss.has_x_line = 1;
    ss.x_line = q->threshold;
    ss.x_line_label = T(r, "rq_threshold");
    cs_doc_figure(d, cs_chart_scatter(&ss, &loc), T(r, "rq_scatter_note"));
    free(x);
    free(y);
    free(colour);
}

/* ИКИП on the map the regions' standard codes name, as the regional section's map of
 * cluster strength; without one, the line that says why. */
static void ikip_map(cs_doc *d, const cs_report *r, const cs_service_questions *q)
{
    const cs_region_table *t = q->table;
    size_t n = t->nr, at = 0;
    if (!n)
        return;
    const char **codes = calloc(n, sizeof *codes), **labels = calloc(n, sizeof *labels);
    double *v = calloc(n, sizeof *v);
    if (!codes || !labels || !v) {
        free(codes);
        free(labels);
        free(v);
        d->err = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const cs_region_info *ri =
            r->regions ? cs_region_list_find(r->regions, t->region[i]) : NULL;
        codes[i] = ri ? ri->code : "";
        labels[i] = cs_report_region_name(r, t->region[i]);
        v[i] = t->value[i * t->nc + 0];
    }
    const char *geo = NULL;
    char line[1024];
    int fault = cs_chart_geography_of(&geo, &at, codes, n);
    if (!fault) {
        cs_chart_choropleth_spec sp = {
            geo, codes, v, labels, n, T(r, "rq_map_title"), T(r, "rq_ikip"), 2
        };
        cs_chart_locale loc = cs_report_locale(r);
        cs_doc_figure(d, cs_chart_choropleth(&sp, &loc), T(r, "rq_map_caption"));
    } else {
        if (fault == CS_CHART_NO_CODE)
            snprintf(line, sizeof line, T(r, "rv_map_no_code"), labels[at]);
        else if (fault == CS_CHART_CODE_OFF_MAPS)
            snprintf(line, sizeof line, T(r, "rv_map_off_maps"), codes[at], labels[at]);
        else
            snprintf(line, sizeof line, T(r, "rv_map_mixed"), codes[0], labels[0], codes[at],
                     labels[at]);
        cs_doc_para(d, line);
    }
    free(codes);
    free(labels);
    free(v);
}

static void typology(cs_doc *d, const cs_report *r, const cs_service_questions *q)
{
    const cs_region_table *t = q->table;
    char line[768], thr[32], largest[128];
    num(thr, sizeof thr, r, q->threshold, 2);
    if (isinf(q->rule.largest))
        snprintf(largest, sizeof largest, "%s", T(r, "rq_rule_any"));
    else
        num(largest, sizeof largest, r, q->rule.largest, 2);
    snprintf(line, sizeof line, T(r, "rq_rule"), thr, q->rule.n, q->rule.below, q->rule.violations,
             largest);
    cs_doc_para(d, line);
    const char *h[] = { T(r, "rq_region"),   T(r, "rq_ikip"),  T(r, "rq_applications"),
                        T(r, "rq_clusters"), T(r, "rq_below"), T(r, "rq_violation"),
                        T(r, "rq_type") };
    cs_doc_table_head(d, h, 7);
    for (size_t i = 0; i < t->nr; i++) {
        char v[4][48];
        const double *row = t->value + i * t->nc;
        num(v[0], sizeof v[0], r, row[0], 2);
        num(v[1], sizeof v[1], r, row[1], 0);
        num(v[2], sizeof v[2], r, row[2], 0);
        int known = !isnan(row[0]) && !isnan(row[1]);
        snprintf(v[3], sizeof v[3], "%s", known ? (row[0] < q->threshold ? "+" : "−") : "?");
        const char *c[] = { t->region[i],
                            v[0],
                            v[1],
                            v[2],
                            v[3],
                            known ? (q->violation[i] ? "+" : "−") : "?",
                            type_word(r, q->type[i]) };
        cs_doc_table_row(d, c, 7);
    }
    cs_doc_table_end(d);
}

static void correlations(cs_doc *d, const cs_report *r, const cs_service_questions *q)
{
    cs_doc_heading(d, 3, "questions-correlation", T(r, "rq_corr_heading"));
    const char *h[] = { "", T(r, "rq_method"), "n", "r", T(r, "rq_lower"), T(r, "rq_upper"), "p" };
    const char *pair[2] = { T(r, "rq_ikip_apps"), T(r, "rq_patents_strength") };
    const char *meth[2] = { T(r, "rq_pearson"), T(r, "rq_spearman") };
    int any = q->has_corr[0] || q->has_corr[1];
    if (any)
        cs_doc_table_head(d, h, 7);
    for (size_t k = 0; k < 2; k++)
        for (size_t m = 0; any && q->has_corr[k] && m < 2; m++) {
            const cs_correlation *c = &q->corr[k][m];
            char v[5][48];
            snprintf(v[0], sizeof v[0], "%zu", c->n);
            num(v[1], sizeof v[1], r, c->r, 3);
            num(v[2], sizeof v[2], r, c->lower, 3);
            num(v[3], sizeof v[3], r, c->upper, 3);
            num(v[4], sizeof v[4], r, c->p, 4);
            const char *cells[] = { m == 0 ? pair[k] : "", meth[m], v[0], v[1], v[2], v[3], v[4] };
            cs_doc_table_row(d, cells, 7);
        }
    if (any)
        cs_doc_table_end(d);
    for (size_t k = 0; k < 2; k++)
        if (!q->has_corr[k]) {
            char line[600], why[300];
            snprintf(why, sizeof why, T(r, q->corr_few[k] ? "rq_corr_few" : "rq_corr_constant"),
                     q->corr[k][0].n);
            snprintf(line, sizeof line, T(r, "rq_corr_missing"), pair[k], why);
            cs_doc_para(d, line);
        }
    if (any)
        cs_doc_para(d, T(r, "rq_corr_note"));
}

void cs_report_section_questions(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "questions", T(r, "rq_title"));
    cs_doc_para(d, T(r, "rq_intro"));
    const cs_service_questions *q = r->questions;
    if (!q || !q->table) {
        cs_doc_para(d, T(r, "rq_needs"));
        return;
    }
    if (!r->o.year)
        cs_doc_para(d, T(r, "rq_year_latest"));
    if (q->has_rule) {
        scatter(d, r, q);
        ikip_map(d, r, q);
        typology(d, r, q);
    } else {
        cs_doc_para(d, T(r, "rq_no_rule"));
    }
    correlations(d, r, q);
}
