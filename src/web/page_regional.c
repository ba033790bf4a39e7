/*
 * page_regional.c: the regional parts of the pages: a region's specialisation profile (its
 * cluster strength, rank and strong clusters, a bar chart of its top location quotients and a
 * link to the profile as CSV) and a country's regions by cluster strength (a map of it, each
 * region linking to its page, above the list), from the service's
 * regional view (cs_service_regional_view), kept per thread and state of the registry as the
 * typology is (page_common.c).
 */
#include "web/page_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bar chart and the table show the region's top categories by LQ (and every strong one). */
#define TOP_CATEGORIES 10

/* Views kept by the thread: [0] the default year, [1] the last year asked for. */
typedef struct {
    struct {
        int made, year;
        long long version;
        cs_regional_view *v; /* NULL when made: the registry holds no statistics */
    } slot[2];
} regional_memo;

void cs_web_regional_memo_free(void *memo)
{
    regional_memo *m = memo;
    for (size_t i = 0; m && i < 2; i++)
        cs_regional_view_free(m->slot[i].v);
    free(m);
}

int cs_web_regional_get(const cs_regional_view **out, cs_web_ctx *ctx, int year)
{
    *out = NULL;
    regional_memo *m = pthread_getspecific(ctx->app->regional_key);
    if (!m) {
        if (!(m = calloc(1, sizeof *m)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        if (pthread_setspecific(ctx->app->regional_key, m) != 0) {
            free(m);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
    }
    long long version = 0;
    int rc = cs_service_data_version(&version, ctx->svc);
    if (rc)
        return rc;
    size_t s = year != 0;
    if (m->slot[s].made && m->slot[s].version == version && m->slot[s].year == year) {
        *out = m->slot[s].v;
        return 0;
    }
    cs_regional_view_free(m->slot[s].v);
    memset(&m->slot[s], 0, sizeof m->slot[s]);
    cs_regional_view *v = NULL;
    rc = cs_service_regional_view(&v, ctx->svc, year);
    if (rc)
        return rc;
    m->slot[s].made = 1;
    m->slot[s].year = year;
    m->slot[s].version = version;
    m->slot[s].v = v;
    *out = v;
    return 0;
}

int cs_web_chart(cs_web_ctx *ctx, char *svg, const char *caption)
{
    if (!svg) {
        cs_error_clear();
        return 0;
    }
    char *end = strchr(svg, '>'), *style = strstr(svg, " style=\"");
    if (end && style && style < end) {
        char *close = strchr(style + 8, '"');
        if (close && close < end)
            memmove(style, close + 1, strlen(close + 1) + 1);
    }
    int rc = cs_web_raw(ctx, "<figure class=\"chart\">\n");
    rc = rc ? rc : cs_web_raw(ctx, svg);
    rc = rc ? rc : cs_web_raw(ctx, "<figcaption>");
    rc = rc ? rc : cs_web_html(ctx, caption);
    rc = rc ? rc : cs_web_raw(ctx, "</figcaption>\n</figure>\n");
    free(svg);
    return rc;
}

static int para(cs_web_ctx *ctx, const char *text)
{
    int rc = cs_web_raw(ctx, "<p>");
    rc = rc ? rc : cs_web_html(ctx, text);
    return rc ? rc : cs_web_raw(ctx, "</p>\n");
}

static int h2(cs_web_ctx *ctx, const char *id, const char *key)
{
    int rc = cs_web_printf(ctx, "<h2 id=\"%s\">", id);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, key));
    return rc ? rc : cs_web_raw(ctx, "</h2>\n");
}

static void number(char *out, size_t cap, const cs_web_ctx *ctx, double v, int dec)
{
    cs_i18n_format_number(out, cap, ctx->lang, v, dec);
}

/* "80.0 %": a strength in per cent, in the page's language. */
static void percent(char *out, size_t cap, const cs_web_ctx *ctx, double share)
{
    char n[64];
    number(n, sizeof n, ctx, 100 * share, 1);
    snprintf(out, cap, "%s%s", n, cs_web_t(ctx, "percent_sign"));
}

/* Where the numbers came from: measures, year, rows and sources (keys), the years held. */
static int data_line(cs_web_ctx *ctx, const cs_regional_view *v)
{
    char years[512] = "", line[2048];
    size_t len = 0;
    for (size_t i = 0; i < v->n_years && len < sizeof years; i++)
        len +=
            (size_t)snprintf(years + len, sizeof years - len, "%s%d", i ? ", " : "", v->years[i]);
    snprintf(line, sizeof line, cs_web_t(ctx, "rv_data"), v->employment, v->establishments, v->year,
             v->rows, v->unsourced, *v->sources ? v->sources : cs_web_t(ctx, "rv_no_sources"),
             years);
    return para(ctx, line);
}

static int scope_lines(cs_web_ctx *ctx, const cs_regional_view *v);

/* The bar chart of the top categories' LQ, the strong ones named in the series' legend. */
static int lq_chart(cs_web_ctx *ctx, const cs_regional_view *v, const cs_regional_view_region *g)
{
    size_t n = g->n_profile < TOP_CATEGORIES ? g->n_profile : TOP_CATEGORIES;
    if (!n)
        return 0;
    const char *cats[TOP_CATEGORIES];
    double strong[TOP_CATEGORIES], other[TOP_CATEGORIES];
    for (size_t i = 0; i < n; i++) {
        const cs_regional_view_cell *c = &g->profile[i];
        cats[i] = v->category[c->category];
        strong[i] = c->strong ? c->lq : 0;
        other[i] = c->strong ? 0 : c->lq;
    }
    cs_chart_series s[2] = { { cs_web_t(ctx, "web.rv_strong_flag"), strong },
                             { cs_web_t(ctx, "web.rv_lq"), other } };
    cs_chart_bar_spec bs = {
        cs_web_t(ctx, "web.rv_lq_chart"), cs_web_t(ctx, "web.rv_lq"), cats, n, s, 2, 0
    };
    cs_chart_locale loc = { ctx->lang, cs_web_t(ctx, "web.unknown") };
    return cs_web_chart(ctx, cs_chart_bar(&bs, &loc), cs_web_t(ctx, "web.rv_lq_chart"));
}

/* The top categories and every strong one: category, employment, LQ, strong. */
static int profile_table(cs_web_ctx *ctx, const cs_regional_view *v,
                         const cs_regional_view_region *g)
{
    static const char *const heads[] = { "web.rv_category", "rv_employment", "web.rv_lq",
                                         "web.rv_strong_flag" };
    int rc = cs_web_table_head(ctx, "regional-profile", heads, 4);
    for (size_t i = 0; !rc && i < g->n_profile; i++) {
        const cs_regional_view_cell *c = &g->profile[i];
        if (i >= TOP_CATEGORIES && !c->strong)
            continue;
        char emp[64], lq[64];
        number(emp, sizeof emp, ctx, c->employment, 0);
        number(lq, sizeof lq, ctx, c->lq, 2);
        rc = cs_web_raw(ctx, "<tr><td>");
        rc = rc ? rc : cs_web_html(ctx, v->category[c->category]);
        rc = rc ? rc : cs_web_printf(ctx, "</td><td>%s</td><td>%s</td><td>", emp, lq);
        if (!rc && c->strong)
            rc = cs_web_html(ctx, c->strong10 ? "★★" : "★");
        rc = rc ? rc : cs_web_raw(ctx, "</td></tr>\n");
    }
    return rc ? rc : cs_web_raw(ctx, "</tbody></table></div>\n");
}

int cs_web_region_profile(cs_web_ctx *ctx, const char *key, const cs_region_info *ri)
{
    const cs_regional_view *v = NULL;
    int rc = cs_web_regional_get(&v, ctx, 0);
    if (rc)
        return rc;
    rc = h2(ctx, "specialisation", "web.rv_profile");
    if (rc || !v)
        return rc ? rc : para(ctx, cs_web_t(ctx, "web.rv_none"));
    const cs_regional_view_region *g = cs_regional_view_find(v, key);
    if (!g) {
        char line[512];
        /* a region of a type the view does not rank (a county beside states) */
        if (v->n_left_out && ri && strcmp(ri->type, v->level) != 0)
            snprintf(line, sizeof line, cs_web_t(ctx, "web.rv_other_level"), v->year,
                     *v->level ? v->level : cs_web_t(ctx, "rv_no_type"),
                     *ri->type ? ri->type : cs_web_t(ctx, "rv_no_type"));
        else
            snprintf(line, sizeof line, cs_web_t(ctx, "web.rv_no_region_data"), v->year);
        return para(ctx, line);
    }
    size_t ranked = 0;
    for (size_t r = 0; r < v->n_regions; r++)
        ranked += v->region[r].rank != 0;
    char strength[64], rank[32] = "—", pct[32] = "—", line[512];
    percent(strength, sizeof strength, ctx, g->strength);
    if (g->rank) {
        snprintf(rank, sizeof rank, "%zu", g->rank);
        number(pct, sizeof pct, ctx, g->percentile, 0);
    }
    snprintf(line, sizeof line, cs_web_t(ctx, "web.rv_summary"), strength, rank, ranked, pct,
             g->n_strong);
    rc = para(ctx, line);
    rc = rc ? rc : para(ctx, cs_web_t(ctx, "rv_rule"));
    rc = rc ? rc : data_line(ctx, v);
    rc = rc ? rc : scope_lines(ctx, v);
    rc = rc ? rc : lq_chart(ctx, v, g);
    rc = rc ? rc : profile_table(ctx, v, g);
    rc = rc ? rc : para(ctx, cs_web_t(ctx, "web.rv_related_skipped"));
    rc = rc ? rc : cs_web_raw(ctx, "<p><a href=\"/api/v1/regions/");
    rc = rc ? rc : cs_web_html(ctx, key);
    rc = rc ? rc : cs_web_raw(ctx, "/specialisation?format=csv\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.rv_csv"));
    return rc ? rc : cs_web_raw(ctx, "</a></p>\n");
}

/* What the ranks are over: the categories' types and the level of the regions (as the report). */
static int scope_lines(cs_web_ctx *ctx, const cs_regional_view *v)
{
    char line[1024], ranked[64], out[64];
    if (v->typed)
        snprintf(line, sizeof line, cs_web_t(ctx, "rv_types"), v->n_local, v->n_untyped);
    else
        snprintf(line, sizeof line, "%s", cs_web_t(ctx, "rv_types_all"));
    int rc = para(ctx, line);
    const char *level = *v->level ? v->level : cs_web_t(ctx, "rv_no_type");
    cs_i18n_count(ranked, sizeof ranked, ctx->lang, (long)v->n_regions, "region");
    cs_i18n_count(out, sizeof out, ctx->lang, (long)v->n_left_out, "region");
    if (v->n_left_out)
        snprintf(line, sizeof line, cs_web_t(ctx, "rv_level_mixed"), level, ranked, v->left_out,
                 out);
    else
        snprintf(line, sizeof line, cs_web_t(ctx, "rv_level_one"), ranked, level);
    rc = rc ? rc : para(ctx, line);
    if (!rc && *v->other_classifications) {
        snprintf(line, sizeof line, cs_web_t(ctx, "rv_classifications"), v->classification,
                 v->other_classifications);
        rc = para(ctx, line);
    }
    return rc;
}

/* The map of the country's regions' cluster strength (100 * strength, NaN without rank), each
 * region linking to its page; without a map their codes name, a line that says why. The page
 * is cached whole (cache.c), and the map with it. */
static int strength_map(cs_web_ctx *ctx, const cs_regional_view *v, const cs_region_list *regions,
                        const size_t *shown, size_t n)
{
    const char **codes = calloc(n, sizeof *codes), **labels = calloc(n, sizeof *labels),
               **ids = calloc(n, sizeof *ids);
    double *vals = calloc(n, sizeof *vals);
    int rc = codes && labels && ids && vals ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_regional_view_region *g = &v->region[shown[i]];
        codes[i] = g->code;
        labels[i] = cs_web_region_name(ctx, regions, g->key);
        ids[i] = g->key;
        vals[i] = g->rank ? 100 * g->strength : NAN;
    }
    const char *geo = NULL;
    size_t at = 0;
    char line[1024], href[CS_WEB_MAX_PATH];
    int fault = rc ? 0 : cs_chart_geography_of(&geo, &at, codes, n);
    if (!rc && !fault) {
        cs_chart_choropleth_spec sp = { geo,
                                        codes,
                                        vals,
                                        labels,
                                        n,
                                        cs_web_t(ctx, "rv_map_title"),
                                        cs_web_t(ctx, "rv_map_legend"),
                                        1 };
        cs_chart_locale loc = { ctx->lang, cs_web_t(ctx, "web.unknown") };
        snprintf(href, sizeof href, "%s/regions/", ctx->base);
        rc = cs_web_chart(ctx, cs_chart_choropleth_linked(&sp, ids, href, &loc),
                          cs_web_t(ctx, "rv_map_caption"));
    } else if (!rc) {
        if (fault == CS_CHART_NO_CODE)
            snprintf(line, sizeof line, cs_web_t(ctx, "rv_map_no_code"), labels[at]);
        else if (fault == CS_CHART_CODE_OFF_MAPS)
            snprintf(line, sizeof line, cs_web_t(ctx, "rv_map_off_maps"), codes[at], labels[at]);
        else
            snprintf(line, sizeof line, cs_web_t(ctx, "rv_map_mixed"), codes[0], labels[0],
                     codes[at], labels[at]);
        rc = para(ctx, line);
    }
    free(codes);
    free(labels);
    free(ids);
    free(vals);
    return rc;
}

int cs_web_country_regions(cs_web_ctx *ctx, const cs_region_list *regions, const char *country)
{
    const cs_regional_view *v = NULL;
    int rc = cs_web_regional_get(&v, ctx, 0);
    if (rc || !v)
        return rc;
    /* the country's regions of the view, by rank */
    size_t *shown = malloc((v->n_regions ? v->n_regions : 1) * sizeof *shown), n = 0;
    if (!shown)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < v->n_regions; i++) {
        const cs_region_info *ri = cs_region_list_find(regions, v->region[v->by_rank[i]].key);
        if (ri && strcmp(ri->country, country) == 0)
            shown[n++] = v->by_rank[i];
    }
    if (n) {
        static const char *const heads[] = { "rv_rank", "rv_region", "rv_strength", "rv_strong" };
        rc = h2(ctx, "regions", "web.rv_regions");
        rc = rc ? rc : data_line(ctx, v);
        rc = rc ? rc : scope_lines(ctx, v);
        rc = rc ? rc : strength_map(ctx, v, regions, shown, n);
        rc = rc ? rc : cs_web_table_head(ctx, "regional", heads, 4);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_regional_view_region *g = &v->region[shown[i]];
        char rank[32] = "", strength[64];
        if (g->rank)
            snprintf(rank, sizeof rank, "%zu", g->rank);
        percent(strength, sizeof strength, ctx, g->strength);
        rc = cs_web_printf(ctx, "<tr><td>%s</td><td>", rank);
        rc =
            rc ? rc : cs_web_link(ctx, "regions", g->key, cs_web_region_name(ctx, regions, g->key));
        rc = rc ? rc : cs_web_printf(ctx, "</td><td>%s</td><td>", strength);
        for (size_t k = 0, m = 0; !rc && k < g->n_profile; k++) {
            if (!g->profile[k].strong)
                continue;
            char lq[64];
            number(lq, sizeof lq, ctx, g->profile[k].lq, 2);
            rc = cs_web_raw(ctx, m++ ? ", " : "");
            rc = rc ? rc : cs_web_html(ctx, v->category[g->profile[k].category]);
            rc = rc ? rc : cs_web_printf(ctx, " (%s)", lq);
        }
        rc = rc ? rc : cs_web_raw(ctx, "</td></tr>\n");
    }
    free(shown);
    return rc || !n ? rc : cs_web_raw(ctx, "</tbody></table></div>\n");
}
