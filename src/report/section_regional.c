/*
 * section_regional.c: the report's regional section: the registry's statistics through the
 * service's regional view (cs_service_regional_view): the US Cluster Mapping Project's strong
 * clusters, cluster strength, ranks and percentiles per region, with the measures, year, rows
 * and sources they came from, what the ranks are over (the categories' types, the level of the
 * regions), a bar chart of cluster strength, its map on the geography the regions' standard
 * codes name, and the table of regions (HTML, Markdown, CSV, JSON; the XLSX sheet is written by
 * xlsx.c from the same cells).
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"
#include "util/number.h"
#include "util/textout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bar chart shows at most this many regions (the strongest): a chart of thousands of bars
 * is unreadable; the table has every region. */
#define CHART_REGIONS 30

#define CMP_URL "https://github.com/clustermapping/cmp"

const char *cs_report_region_name(const cs_report *r, const char *key)
{
    const cs_region_info *ri = r->regions ? cs_region_list_find(r->regions, key) : NULL;
    const char *name = ri ? cs_report_label(r, ri->name_en, ri->name_ru) : "";
    return *name ? name : key;
}

void cs_report_regional_strong(char *out, size_t cap, const cs_report *r,
                               const cs_regional_view_region *g, int machine)
{
    size_t len = 0;
    out[0] = 0;
    for (size_t i = 0; i < g->n_profile && len < cap; i++) {
        const cs_regional_view_cell *c = &g->profile[i];
        if (!c->strong)
            continue;
        char lq[64];
        if (machine)
            cs_format_double(lq, sizeof lq, c->lq);
        else
            cs_report_num(lq, sizeof lq, r, c->lq, 2);
        len +=
            (size_t)snprintf(out + len, cap - len, machine ? "%s%s:%s" : "%s%s (LQ %s)",
                             len ? (machine ? ";" : ", ") : "", r->rv->category[c->category], lq);
    }
}

/* Where the numbers came from: measures, year, rows, sources (key and title), years held. */
static void provenance(cs_doc *d, const cs_report *r)
{
    const cs_regional_view *v = r->rv;
    const cs_source_list *sources = cs_service_assessment_sources(r->assessed);
    cs_buf names = CS_BUF_INIT, years = CS_BUF_INIT;
    int rc = 0;
    const char *p = v->sources;
    while (!rc && *p) {
        size_t n = strcspn(p, ",");
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        const cs_source_record *s = sources ? cs_source_list_find(sources, key) : NULL;
        rc = s && s->title && *s->title
                 ? cs_buf_printf(&names, "%s%s (%s)", names.len ? ", " : "", key, s->title)
                 : cs_buf_printf(&names, "%s%s", names.len ? ", " : "", key);
        p += n;
        p += strspn(p, ", ");
    }
    for (size_t i = 0; !rc && i < v->n_years; i++)
        rc = cs_buf_printf(&years, "%s%d", i ? ", " : "", v->years[i]);
    if (rc) {
        d->err = 1;
    } else {
        char line[2048];
        snprintf(line, sizeof line, T(r, "rv_data"), v->employment, v->establishments, v->year,
                 v->rows, v->unsourced, names.len ? cs_buf_str(&names) : T(r, "rv_no_sources"),
                 cs_buf_str(&years));
        cs_doc_para(d, line);
    }
    cs_buf_free(&names);
    cs_buf_free(&years);
}

/* The rule in one paragraph, with its source and where the docs give the formulas. */
static void rule(cs_doc *d, const cs_report *r)
{
    cs_doc_para(d, T(r, "rv_rule"));
    cs_doc_raw(d, d->md ? "" : "<p>");
    cs_doc_esc(d, T(r, "rv_source"));
    cs_doc_raw(d, d->md ? " [clustermapping/cmp](" CMP_URL ")"
                        : " <a href=\"" CMP_URL "\">clustermapping/cmp</a>");
    cs_doc_esc(d, T(r, "rv_source_docs"));
    cs_doc_raw(d, d->md ? "\n\n" : "</p>\n");
}

/* Cluster strength of the strongest regions, in per cent. */
static void strength_chart(cs_doc *d, const cs_report *r)
{
    const cs_regional_view *v = r->rv;
    size_t n = 0;
    while (n < v->n_regions && n < CHART_REGIONS && v->region[v->by_rank[n]].rank)
        n++;
    if (!n)
        return;
    const char **cats = calloc(n, sizeof *cats);
    double *vals = calloc(n, sizeof *vals);
    if (!cats || !vals) {
        free(cats);
        free(vals);
        d->err = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const cs_regional_view_region *g = &v->region[v->by_rank[i]];
        cats[i] = cs_report_region_name(r, g->key);
        vals[i] = 100 * g->strength;
    }
    char ylabel[128], caption[512];
    snprintf(ylabel, sizeof ylabel, "%s, %s", T(r, "rv_strength"), T(r, "percent_sign"));
    snprintf(caption, sizeof caption, T(r, "rv_chart_caption"), n, v->n_regions);
    cs_chart_series s = { T(r, "rv_strength"), vals };
    cs_chart_bar_spec bs = { T(r, "rv_chart_title"), ylabel, cats, n, &s, 1, 0 };
    cs_chart_locale loc = cs_report_locale(r);
    cs_doc_figure(d, cs_chart_bar(&bs, &loc), caption);
    free(cats);
    free(vals);
}

/* The table of regions by rank: strength, percentile, employment, strong clusters with LQ. */
static void region_table(cs_doc *d, const cs_report *r)
{
    const cs_regional_view *v = r->rv;
    const char *h[6] = { T(r, "rv_rank"),       T(r, "rv_region"),     T(r, "rv_strength"),
                         T(r, "rv_percentile"), T(r, "rv_employment"), T(r, "rv_strong") };
    cs_doc_table_head_class(d, "regional", h, 6);
    for (size_t i = 0; i < v->n_regions; i++) {
        const cs_regional_view_region *g = &v->region[v->by_rank[i]];
        char rank[32] = "", strength[64], pct[32] = "", emp[64], strong[2048];
        if (g->rank)
            snprintf(rank, sizeof rank, "%zu", g->rank);
        cs_report_num(strength, sizeof strength, r, 100 * g->strength, 1);
        strncat(strength, T(r, "percent_sign"), sizeof strength - strlen(strength) - 1);
        if (!isnan(g->percentile))
            cs_report_num(pct, sizeof pct, r, g->percentile, 0);
        cs_report_num(emp, sizeof emp, r, g->employment, 0);
        cs_report_regional_strong(strong, sizeof strong, r, g, 0);
        const char *row[6] = { rank, cs_report_region_name(r, g->key), strength, pct, emp, strong };
        cs_doc_table_row(d, row, 6);
    }
    cs_doc_table_end(d);
}

/* What the ranks are over: the categories' types and the level of the regions. */
static void scope(cs_doc *d, const cs_report *r)
{
    const cs_regional_view *v = r->rv;
    char line[1024];
    if (v->typed)
        snprintf(line, sizeof line, T(r, "rv_types"), v->n_local, v->n_untyped);
    else
        snprintf(line, sizeof line, "%s", T(r, "rv_types_all"));
    cs_doc_para(d, line);
    const char *level = *v->level ? v->level : T(r, "rv_no_type");
    char ranked[64], out[64];
    cs_i18n_count(ranked, sizeof ranked, r->o.lang, (long)v->n_regions, "region");
    cs_i18n_count(out, sizeof out, r->o.lang, (long)v->n_left_out, "region");
    if (v->n_left_out)
        snprintf(line, sizeof line, T(r, "rv_level_mixed"), level, ranked, v->left_out, out);
    else
        snprintf(line, sizeof line, T(r, "rv_level_one"), ranked, level);
    cs_doc_para(d, line);
    if (*v->other_classifications) {
        snprintf(line, sizeof line, T(r, "rv_classifications"), v->classification,
                 v->other_classifications);
        cs_doc_para(d, line);
    }
}

static const char *region_label(const cs_report *r, const cs_regional_view_region *g)
{
    const char *name = cs_report_label(r, g->name_en, g->name_ru);
    return *name ? name : g->key;
}

/* The map of cluster strength (100 * strength; NaN without rank), on the map the regions'
 * standard codes name; without one, a line that says why instead. */
static void strength_map(cs_doc *d, const cs_report *r)
{
    const cs_regional_view *v = r->rv;
    size_t n = v->n_regions, at = 0;
    if (!n)
        return;
    const char **codes = calloc(n, sizeof *codes), **labels = calloc(n, sizeof *labels);
    double *vals = calloc(n, sizeof *vals);
    if (!codes || !labels || !vals) {
        free(codes);
        free(labels);
        free(vals);
        d->err = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const cs_regional_view_region *g = &v->region[v->by_rank[i]];
        codes[i] = g->code;
        labels[i] = region_label(r, g);
        vals[i] = g->rank ? 100 * g->strength : NAN;
    }
    const char *geo = NULL;
    char line[1024];
    switch (cs_chart_geography_of(&geo, &at, codes, n)) {
    case 0: {
        cs_chart_choropleth_spec sp = {
            geo, codes, vals, labels, n, T(r, "rv_map_title"), T(r, "rv_map_legend"), 1
        };
        cs_chart_locale loc = cs_report_locale(r);
        cs_doc_figure(d, cs_chart_choropleth(&sp, &loc), T(r, "rv_map_caption"));
        break;
    }
    case CS_CHART_NO_CODE:
        snprintf(line, sizeof line, T(r, "rv_map_no_code"), labels[at]);
        cs_doc_para(d, line);
        break;
    case CS_CHART_CODE_OFF_MAPS:
        snprintf(line, sizeof line, T(r, "rv_map_off_maps"), codes[at], labels[at]);
        cs_doc_para(d, line);
        break;
    default:
        snprintf(line, sizeof line, T(r, "rv_map_mixed"), codes[0], labels[0], codes[at],
                 labels[at]);
        cs_doc_para(d, line);
        break;
    }
    free(codes);
    free(labels);
    free(vals);
}

void cs_report_section_regional(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "regional", T(r, "regional"));
    if (!r->rv) {
        cs_doc_para(d, T(r, "rv_none"));
        return;
    }
    rule(d, r);
    scope(d, r);
    provenance(d, r);
    strength_chart(d, r);
    strength_map(d, r);
    region_table(d, r);
}

int cs_report_write_regional_csv(FILE *f, const cs_report *r)
{
    if (!r->rv)
        return cs_error_set(CS_ENOTFOUND, "the registry holds no statistics of employment and "
                                          "establishments for one year (import kind statistics)");
    static const char *const head[] = {
        "region",           "name", "year",       "employment",     "strong_employment",
        "cluster_strength", "rank", "percentile", "strong_clusters"
    };
    cs_buf b = CS_BUF_INIT;
    int rc = 0;
    for (size_t c = 0; !rc && c < 9; c++) {
        rc = cs_textout_csv_text(&b, head[c], CS_CSV_QUOTE_ALWAYS);
        rc = rc ? rc : c + 1 < 9 ? cs_buf_putc(&b, ',') : cs_buf_append(&b, "\r\n", 2);
    }
    const cs_regional_view *v = r->rv;
    for (size_t i = 0; !rc && i < v->n_regions; i++) {
        const cs_regional_view_region *g = &v->region[v->by_rank[i]];
        char num[5][64], strong[4096];
        cs_format_double(num[0], sizeof num[0], g->employment);
        cs_format_double(num[1], sizeof num[1], g->strong_employment);
        cs_format_double(num[2], sizeof num[2], g->strength);
        snprintf(num[3], sizeof num[3], "%zu", g->rank);
        if (!g->rank)
            num[3][0] = 0;
        if (isnan(g->percentile))
            num[4][0] = 0;
        else
            cs_format_double(num[4], sizeof num[4], g->percentile);
        cs_report_regional_strong(strong, sizeof strong, r, g, 1);
        char year[16];
        snprintf(year, sizeof year, "%d", v->year);
        const char *cells[9] = {
            g->key, cs_report_region_name(r, g->key), year, num[0], num[1], num[2], num[3], num[4],
            strong
        };
        for (size_t c = 0; !rc && c < 9; c++) {
            /* numbers are plain (no guard needed); text cells are guarded against formulas */
            rc = c < 2 || c == 8 ? cs_textout_csv_text(&b, cells[c], CS_CSV_QUOTE_ALWAYS)
                                 : cs_buf_printf(&b, "\"%s\"", cells[c]);
            rc = rc ? rc : c + 1 < 9 ? cs_buf_putc(&b, ',') : cs_buf_append(&b, "\r\n", 2);
        }
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    if (!rc && ferror(f))
        rc = cs_error_set(CS_EIO, "writing the table failed");
    return rc;
}

void cs_report_regional_json(cs_jsonw *w, const cs_report *r)
{
    const cs_regional_view *v = r->rv;
    if (!v) {
        cs_jsonw_null(w, "regional");
        return;
    }
    cs_jsonw_open(w, "regional", '{');
    cs_jsonw_string(w, "rule", "cmp");
    cs_jsonw_int(w, "year", v->year);
    cs_jsonw_open(w, "measures", '[');
    cs_jsonw_string(w, NULL, v->employment);
    cs_jsonw_string(w, NULL, v->establishments);
    cs_jsonw_close(w, ']');
    cs_jsonw_int(w, "rows", v->rows);
    cs_jsonw_int(w, "rows_without_source", v->unsourced);
    cs_jsonw_open(w, "sources", '[');
    for (const char *p = v->sources; *p;) {
        size_t n = strcspn(p, ",");
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        cs_jsonw_string(w, NULL, key);
        p += n;
        p += strspn(p, ", ");
    }
    cs_jsonw_close(w, ']');
    cs_jsonw_open(w, "years", '[');
    for (size_t i = 0; i < v->n_years; i++)
        cs_jsonw_int(w, NULL, v->years[i]);
    cs_jsonw_close(w, ']');
    /* what the ranks are over (docs/regional.md): the classification, the categories' types,
     * the region type ranked and the regions left out */
    cs_jsonw_string(w, "classification", v->classification);
    cs_jsonw_bool(w, "types_from_classification", v->typed);
    cs_jsonw_int(w, "local_categories", (long long)v->n_local);
    cs_jsonw_string(w, "level", v->level);
    cs_jsonw_int(w, "regions_left_out", (long long)v->n_left_out);
    cs_jsonw_open(w, "regions", '[');
    for (size_t i = 0; i < v->n_regions; i++) {
        const cs_regional_view_region *g = &v->region[v->by_rank[i]];
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "key", g->key);
        cs_jsonw_string(w, "name", cs_report_region_name(r, g->key));
        cs_jsonw_string(w, "code", g->code);
        cs_jsonw_real(w, "employment", g->employment);
        cs_jsonw_real(w, "strong_employment", g->strong_employment);
        cs_jsonw_real(w, "cluster_strength", g->strength);
        if (g->rank)
            cs_jsonw_int(w, "rank", (long long)g->rank);
        else
            cs_jsonw_null(w, "rank");
        cs_jsonw_real(w, "percentile", g->percentile);
        cs_jsonw_open(w, "strong_clusters", '[');
        for (size_t k = 0; k < g->n_profile; k++) {
            const cs_regional_view_cell *c = &g->profile[k];
            if (!c->strong)
                continue;
            cs_jsonw_open(w, NULL, '{');
            cs_jsonw_string(w, "category", v->category[c->category]);
            cs_jsonw_real(w, "employment", c->employment);
            cs_jsonw_real(w, "lq", c->lq);
            cs_jsonw_bool(w, "strong10", c->strong10);
            cs_jsonw_close(w, '}');
        }
        cs_jsonw_close(w, ']');
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
    cs_jsonw_close(w, '}');
}
