/*
 * section_sample.c: the sample: clusters by country and by kind (those in the method's scope;
 * how many are out of it), and the world map of the clusters coloured by group.
 */
#include "report/report_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Counts of a string field over the clusters, most frequent first then by value. */
typedef struct {
    const char *v;
    size_t n;
} tally;

static int cmp_tally(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->v, y->v);
}

static size_t count_by(tally *t, const cs_report *r, int kind)
{
    size_t m = 0;
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        const char *v = kind ? ci->kind : ci->country;
        size_t j = 0;
        while (j < m && strcmp(t[j].v, v) != 0)
            j++;
        if (j == m)
            t[m++] = (tally){ v, 0 };
        t[j].n++;
    }
    qsort(t, m, sizeof *t, cmp_tally);
    return m;
}

void cs_report_section_sample(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "sample", T(r, "sample"));
    char buf[256], cnt[64];
    cs_i18n_count(cnt, sizeof cnt, r->o.lang, (long)r->n, "cluster");
    cs_doc_para(d, cnt);
    size_t n_out = cs_assessment_out_of_scope_count(r->a);
    if (n_out) {
        cs_i18n_count(cnt, sizeof cnt, r->o.lang, (long)n_out, "cluster");
        snprintf(buf, sizeof buf, T(r, "out_of_scope_sample"), cnt);
        cs_doc_para(d, buf);
    }
    tally *t = calloc(r->n + 1, sizeof *t);
    if (!t) {
        d->err = 1;
        return;
    }
    for (int kind = 0; kind < 2 && r->n; kind++) {
        cs_doc_heading(d, 3, NULL, T(r, kind ? "by_kind" : "by_country"));
        size_t m = count_by(t, r, kind);
        const char *h[2] = { T(r, kind ? "kind" : "country"), T(r, "count") };
        cs_doc_table_head(d, h, 2);
        for (size_t j = 0; j < m; j++) {
            snprintf(buf, sizeof buf, "%zu", t[j].n);
            const char *v = !*t[j].v ? "?"
                            : kind   ? cs_report_kind_name(r, t[j].v)
                                     : cs_report_country_name(r, t[j].v);
            const char *c[2] = { v, buf };
            cs_doc_table_row(d, c, 2);
        }
        cs_doc_table_end(d);
    }
    free(t);
    double *lat = calloc(r->n + 1, sizeof *lat), *lon = calloc(r->n + 1, sizeof *lon);
    int *col = calloc(r->n + 1, sizeof *col);
    size_t with = 0;
    if (lat && lon && col) {
        for (size_t i = 0; i < r->n; i++) {
            const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
            lat[i] = ci->has_coordinates ? ci->lat : NAN;
            lon[i] = ci->has_coordinates ? ci->lon : NAN;
            with += ci->has_coordinates != 0;
            col[i] = cs_report_group_of(r, i) - 1;
        }
        if (with) {
            cs_chart_locale loc = cs_report_locale(r);
            cs_chart_map_spec ms = { T(r, "map"),
                                     lat,
                                     lon,
                                     r->names,
                                     col,
                                     r->n,
                                     (const char *const *)r->gnames,
                                     r->c ? (size_t)cs_classification_k(r->c) : 0,
                                     T(r, "no_group"),
                                     r->keys,
                                     (r->o.sections & CS_REPORT_CARDS) ? "#card-" : NULL };
            cs_doc_figure(d, cs_chart_map(&ms, &loc), T(r, "map_note"));
        } else {
            cs_doc_para(d, T(r, "no_map"));
        }
    }
    free(lat);
    free(lon);
    free(col);
}
