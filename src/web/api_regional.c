/*
 * api_regional.c: GET /api/v1/regions/{key}/specialisation: a region's specialisation profile
 * from the registry's statistics (the service's regional view, kept per thread as the pages
 * keep it): the CMP's strong clusters, cluster strength, rank and percentile, and every
 * category with employment by LQ, with the year, measures, rows and sources read. JSON, or the
 * profile's rows as CSV (?format=csv). 404 for an unknown region, 400 for a year that is no
 * whole number or that the statistics lack.
 */
#include "web/api_impl.h"
#include "web/page_impl.h"

#include "clusterscope/error.h"
#include "util/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int csv_profile(cs_web_ctx *ctx, const cs_regional_view *v, const cs_regional_view_region *g)
{
    cs_web_set_status(ctx, 200, CS_API_CSV);
    cs_buf *b = &ctx->res->body;
    int rc = cs_web_raw(ctx, "category,employment,lq,strong,strong10\n");
    for (size_t i = 0; !rc && g && i < g->n_profile; i++) {
        const cs_regional_view_cell *c = &g->profile[i];
        rc = cs_textout_csv_text(b, v->category[c->category], 0);
        rc = rc ? rc : cs_buf_putc(b, ',');
        char emp[64], lq[64]; /* the shortest decimals that read back exactly, as the CLI's */
        cs_format_double(emp, sizeof emp, c->employment);
        cs_format_double(lq, sizeof lq, c->lq);
        rc = rc ? rc : cs_buf_printf(b, "%s,%s,%d,%d\n", emp, lq, c->strong, c->strong10);
    }
    return rc;
}

static void write_sources(cs_jsonw *w, const char *sources)
{
    cs_jsonw_open(w, "sources", '[');
    for (const char *p = sources; p && *p;) {
        size_t n = strcspn(p, ",");
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        cs_jsonw_string(w, NULL, key);
        p += n;
        p += strspn(p, ", ");
    }
    cs_jsonw_close(w, ']');
}

static int json_profile(cs_web_ctx *ctx, const cs_region_info *ri, const cs_regional_view *v,
                        const cs_regional_view_region *g)
{
    cs_jsonw w;
    cs_api_json_begin(&w, ctx);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "region", ri->key);
    cs_jsonw_string(&w, "name_en", ri->name_en);
    cs_jsonw_string(&w, "name_ru", ri->name_ru);
    cs_jsonw_string(&w, "country", ri->country);
    cs_jsonw_string(&w, "rule", "cmp");
    if (!v) {
        /* nothing to compute on: said, not an error */
        cs_jsonw_null(&w, "year");
        cs_jsonw_string(&w, "note",
                        "the registry holds no statistics of employment and "
                        "establishments for one year");
        cs_jsonw_open(&w, "profile", '[');
        cs_jsonw_close(&w, ']');
        cs_jsonw_close(&w, '}');
        return cs_api_json_end(&w, ctx);
    }
    size_t ranked = 0;
    for (size_t r = 0; r < v->n_regions; r++)
        ranked += v->region[r].rank != 0;
    cs_jsonw_int(&w, "year", v->year);
    cs_jsonw_open(&w, "years", '[');
    for (size_t i = 0; i < v->n_years; i++)
        cs_jsonw_int(&w, NULL, v->years[i]);
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "measures", '[');
    cs_jsonw_string(&w, NULL, v->employment);
    cs_jsonw_string(&w, NULL, v->establishments);
    cs_jsonw_close(&w, ']');
    cs_jsonw_int(&w, "rows", v->rows);
    cs_jsonw_int(&w, "rows_without_source", v->unsourced);
    write_sources(&w, v->sources);
    cs_jsonw_int(&w, "regions_ranked", (long long)ranked);
    if (g) {
        cs_jsonw_real(&w, "employment", g->employment);
        cs_jsonw_real(&w, "strong_employment", g->strong_employment);
        cs_jsonw_real(&w, "cluster_strength", g->strength);
        if (g->rank)
            cs_jsonw_int(&w, "rank", (long long)g->rank);
        else
            cs_jsonw_null(&w, "rank");
        cs_jsonw_real(&w, "percentile", g->percentile);
        cs_jsonw_int(&w, "strong_clusters", (long long)g->n_strong);
    } else {
        cs_jsonw_string(&w, "note", "the statistics of this year hold nothing for this region");
    }
    cs_jsonw_open(&w, "profile", '[');
    for (size_t i = 0; g && i < g->n_profile; i++) {
        const cs_regional_view_cell *c = &g->profile[i];
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "category", v->category[c->category]);
        cs_jsonw_real(&w, "employment", c->employment);
        cs_jsonw_real(&w, "lq", c->lq);
        cs_jsonw_bool(&w, "strong", c->strong);
        cs_jsonw_bool(&w, "strong10", c->strong10);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    /* the related categories a region lacks need a relatedness table, which the registry does
     * not hold: said, so that a client does not read an empty list as "none" */
    cs_jsonw_null(&w, "related_gaps");
    cs_jsonw_close(&w, '}');
    return cs_api_json_end(&w, ctx);
}

static int specialisation(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { "year", "format", NULL };
    long year = 0;
    int csv = 0, r;
    if ((r = cs_api_check_params(ctx, allowed)) != 0 ||
        (r = cs_api_number(&year, ctx, "year", 0, 1, 9999)) != 0 ||
        (r = cs_api_format(&csv, ctx)) != 0)
        return r < 0 ? r : 0;
    const char *key = ctx->caps[0];
    cs_region_list *regions = NULL;
    int rc = cs_service_regions(&regions, ctx->svc);
    const cs_region_info *ri = rc ? NULL : cs_region_list_find(regions, key);
    if (!rc && !ri) {
        cs_region_list_free(regions);
        return cs_web_json_error(ctx, 404, "not_found", "no region has this key");
    }
    const cs_regional_view *v = NULL;
    rc = rc ? rc : cs_web_regional_get(&v, ctx, (int)year);
    if (rc == CS_EDATA || (!rc && !v && year)) {
        /* a year the statistics lack: the caller's parameter, with the years they hold */
        char msg[1024];
        snprintf(msg, sizeof msg, "year: %s",
                 rc ? cs_error_last()
                    : "the registry holds no statistics of employment and establishments");
        cs_error_clear();
        cs_region_list_free(regions);
        return cs_web_json_error(ctx, 400, "bad_parameter", msg);
    }
    const cs_regional_view_region *g = v ? cs_regional_view_find(v, key) : NULL;
    if (!rc)
        rc = csv ? csv_profile(ctx, v, g) : json_profile(ctx, ri, v, g);
    cs_region_list_free(regions);
    return rc;
}

int cs_api_region_specialisation(cs_web_ctx *ctx)
{
    int rc = cs_service_read_begin(ctx->svc);
    if (rc)
        return rc;
    rc = specialisation(ctx);
    cs_service_read_end(ctx->svc);
    return rc;
}
