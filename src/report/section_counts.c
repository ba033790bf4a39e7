/*
 * section_counts.c: the report's section "counts" (CS_REPORT_COUNTS): the observatory's "N
 * clusters, M in pharmaceuticals and medicine, most at an early stage" (seed 001, lines
 * 565-569) as the registry states it, in one paragraph, with a source's own figures beside the
 * counted ones where the registry holds them (country facts clusters_total, clusters.BY.VALUE),
 * and the tables by kind, stage and registry listing.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A word of the catalogue for key PREFIX + VALUE, or the value itself when it has none. */
static const char *word(const cs_report *r, const char *prefix, const char *value)
{
    char key[128];
    if (snprintf(key, sizeof key, "%s%s", prefix, value) >= (int)sizeof key)
        return value;
    const char *w = T(r, key);
    return strcmp(w, key) == 0 ? value : w;
}

static const char *row_name(const cs_report *r, const cs_counts *c, const cs_counts_row *row)
{
    if (!*row->value)
        return T(r, c->by == CS_COUNTS_REGISTRY ? "ct_nowhere" : "ct_unknown");
    switch (c->by) {
    case CS_COUNTS_KIND:
        return cs_report_kind_name(r, row->value);
    case CS_COUNTS_STAGE:
        return word(r, "web.stage_", row->value);
    case CS_COUNTS_REGION:
    case CS_COUNTS_REGISTRY: {
        const char *n = cs_report_label(r, row->name_en, row->name_ru);
        return *n ? n : row->value;
    }
    case CS_COUNTS_SPECIALISATION:
        break;
    }
    return row->value;
}

static void share(char *out, size_t cap, const cs_report *r, double v)
{
    if (isnan(v)) {
        snprintf(out, cap, "?");
        return;
    }
    char p[48];
    cs_report_num(p, sizeof p, r, v * 100, 1);
    snprintf(out, cap, "%s%s", p, T(r, "percent_sign"));
}

static void when(char *out, size_t cap, const cs_report *r, int year)
{
    if (year)
        snprintf(out, cap, T(r, "ct_as_of"), year);
    else
        snprintf(out, cap, "%s", T(r, "ct_now"));
}

static void table(cs_doc *d, const cs_report *r, const cs_counts *c)
{
    char by[64], w[64], head[256];
    snprintf(by, sizeof by, "ct_by_%s", cs_counts_by_name(c->by));
    when(w, sizeof w, r, c->year);
    snprintf(head, sizeof head, T(r, "ct_heading"), T(r, by), w);
    cs_doc_heading(d, 3, NULL, head);
    int undated = c->year && c->by != CS_COUNTS_REGISTRY;
    const char *h[] = { T(r, by), T(r, "ct_col_clusters"), T(r, "ct_col_share"),
                        T(r, "ct_col_undated") };
    cs_doc_table_head(d, h, undated ? 4 : 3);
    for (size_t i = 0; i < c->n; i++) {
        char n[32], s[64], u[32];
        snprintf(n, sizeof n, "%lld", c->rows[i].count);
        share(s, sizeof s, r, c->rows[i].share);
        snprintf(u, sizeof u, "%lld", c->rows[i].undated);
        const char *cells[] = { row_name(r, c, &c->rows[i]), n, s, u };
        cs_doc_table_row(d, cells, undated ? 4 : 3);
    }
    char n[32], u[32];
    snprintf(n, sizeof n, "%lld", c->counted);
    snprintf(u, sizeof u, "%lld", c->undated);
    const char *total[] = { T(r, "ct_total"), n, "", u };
    cs_doc_table_row(d, total, undated ? 4 : 3);
    cs_doc_table_end(d);
    char line[512];
    if (undated) {
        snprintf(line, sizeof line, T(r, "ct_note_year"), c->year, c->counted, c->undated,
                 c->later);
        cs_doc_para(d, line);
    }
    if (c->by == CS_COUNTS_REGISTRY) {
        snprintf(line, sizeof line, T(r, "ct_note_registry"), c->clusters);
        cs_doc_para(d, line);
    }
}

static void summary(cs_doc *d, const cs_report *r)
{
    const cs_counts *k = r->counts[0], *s = r->counts[1];
    long long bio = 0;
    for (size_t i = 0; i < k->n; i++)
        if (strcmp(k->rows[i].value, "biomedical") == 0)
            bio = k->rows[i].count;
    char w[64] = "", stage[256];
    if (k->year)
        snprintf(w, sizeof w, T(r, "ct_as_of_paren"), k->year);
    long long unknown = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!*s->rows[i].value)
            unknown = s->rows[i].count;
    /* rows come count descending with the unknown row last: the first known row is the
     * commonest stage; "most" only when it is more than half of the clusters counted */
    if (s->n && *s->rows[0].value && 2 * s->rows[0].count > s->counted)
        snprintf(stage, sizeof stage, T(r, "ct_stage_most"), row_name(r, s, &s->rows[0]),
                 s->rows[0].count, s->counted);
    else if (s->n && *s->rows[0].value)
        snprintf(stage, sizeof stage, T(r, "ct_stage_commonest"), row_name(r, s, &s->rows[0]),
                 s->rows[0].count, s->counted, unknown);
    else
        snprintf(stage, sizeof stage, "%s", T(r, "ct_stage_none"));
    char line[1024];
    char held[64];
    cs_i18n_count(held, sizeof held, r->o.lang, (long)k->counted, "cluster");
    snprintf(line, sizeof line, T(r, "ct_summary"), held, w, bio, stage);
    cs_doc_para(d, line);
    /* a source's own figures for a country beside the registry's */
    for (size_t i = 0; i < r->n_country_counts; i++) {
        const cs_counts *c = r->country_counts[i];
        const char *country = cs_report_country_name(r, c->country);
        char v[64];
        if (c->has_stated) {
            cs_i18n_count(v, sizeof v, r->o.lang, (long)c->stated, "cluster");
            snprintf(line, sizeof line, T(r, "ct_stated_country"), country, v, c->stated_source,
                     c->stated_year, c->counted);
            cs_doc_para(d, line);
        }
        for (size_t j = 0; j < c->n; j++) {
            const cs_counts_row *row = &c->rows[j];
            if (!row->has_stated)
                continue;
            char what[256];
            snprintf(what, sizeof what, "%s, %s", country, row_name(r, c, row));
            cs_report_num(v, sizeof v, r, row->stated, 0);
            snprintf(line, sizeof line, T(r, "ct_stated_row"), what, v, row->stated_source,
                     row->stated_year, row->count);
            cs_doc_para(d, line);
        }
    }
}

void cs_report_section_counts(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "counts", T(r, "counts"));
    if (!r->counts[0])
        return;
    summary(d, r);
    for (size_t i = 0; i < 3; i++)
        table(d, r, r->counts[i]);
}

static void json_stated(cs_jsonw *w, int has, double v, int year, const char *source)
{
    if (!has) {
        cs_jsonw_null(w, "stated");
        return;
    }
    cs_jsonw_open(w, "stated", '{');
    cs_jsonw_real(w, "value", v);
    cs_jsonw_int(w, "year", year);
    cs_jsonw_string(w, "source", source);
    cs_jsonw_close(w, '}');
}

static void json_counts(cs_jsonw *w, const cs_report *r, const cs_counts *c)
{
    cs_jsonw_open(w, NULL, '{');
    cs_jsonw_string(w, "by", cs_counts_by_name(c->by));
    if (*c->country)
        cs_jsonw_string(w, "country", c->country);
    else
        cs_jsonw_null(w, "country");
    cs_jsonw_int(w, "clusters", c->clusters);
    cs_jsonw_int(w, "counted", c->counted);
    cs_jsonw_int(w, "founding_unknown", c->undated);
    cs_jsonw_int(w, "founded_later", c->later);
    json_stated(w, c->has_stated, c->stated, c->stated_year, c->stated_source);
    cs_jsonw_open(w, "rows", '[');
    for (size_t i = 0; i < c->n; i++) {
        const cs_counts_row *row = &c->rows[i];
        cs_jsonw_open(w, NULL, '{');
        if (*row->value)
            cs_jsonw_string(w, "value", row->value);
        else
            cs_jsonw_null(w, "value");
        cs_jsonw_string(w, "name", row_name(r, c, row));
        cs_jsonw_int(w, "clusters", row->count);
        if (isnan(row->share))
            cs_jsonw_null(w, "share");
        else
            cs_jsonw_real(w, "share", row->share);
        cs_jsonw_int(w, "founding_unknown", row->undated);
        json_stated(w, row->has_stated, row->stated, row->stated_year, row->stated_source);
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
    cs_jsonw_close(w, '}');
}

void cs_report_counts_json(cs_jsonw *w, const cs_report *r)
{
    if (!r->counts[0]) {
        cs_jsonw_null(w, "counts");
        return;
    }
    cs_jsonw_open(w, "counts", '{');
    if (r->counts[0]->year)
        cs_jsonw_int(w, "year", r->counts[0]->year);
    else
        cs_jsonw_null(w, "year");
    cs_jsonw_open(w, "tables", '[');
    for (size_t i = 0; i < 3; i++)
        json_counts(w, r, r->counts[i]);
    cs_jsonw_close(w, ']');
    cs_jsonw_open(w, "countries", '[');
    for (size_t i = 0; i < r->n_country_counts; i++)
        json_counts(w, r, r->country_counts[i]);
    cs_jsonw_close(w, ']');
    cs_jsonw_close(w, '}');
}
