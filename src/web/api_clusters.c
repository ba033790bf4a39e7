/*
 * api_clusters.c: the JSON API of clusters: GET /api/v1/clusters (the list; limit and offset).
 */
#include "web/web_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/registry.h"
#include "util/textout.h"

#include <stdlib.h>
#include <string.h>

/* A whole number parameter in [lo, hi]; def when absent; -1 when malformed. */
static long number_param(const cs_web_ctx *ctx, const char *name, long def, long lo, long hi)
{
    const char *v = cs_web_param_get(&ctx->query, name);
    if (!v)
        return def;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi)
        return -1;
    return n;
}

static int clusters(cs_web_ctx *ctx)
{
    long limit = number_param(ctx, "limit", 100, 1, 1000);
    long offset = number_param(ctx, "offset", 0, 0, 1000000000L);
    if (limit < 0 || offset < 0)
        return cs_web_json_error(ctx, 400, "bad_parameter",
                                 "limit takes 1 to 1000 and offset a whole number from 0");
    cs_cluster_list *list = NULL;
    int rc = cs_service_clusters(&list, ctx->svc, NULL);
    if (rc)
        return rc;
    size_t n = cs_cluster_list_count(list);
    cs_web_set_status(ctx, 200, "application/json; charset=utf-8");
    cs_jsonw w;
    cs_jsonw_init(&w, &ctx->res->body, 1, NULL);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_int(&w, "total", (long long)n);
    cs_jsonw_int(&w, "limit", limit);
    cs_jsonw_int(&w, "offset", offset);
    cs_jsonw_open(&w, "clusters", '[');
    for (size_t i = (size_t)offset; i < n && i < (size_t)offset + (size_t)limit; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(list, i);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "key", ci->key);
        cs_jsonw_string(&w, "name_en", ci->name_en);
        cs_jsonw_string(&w, "name_ru", ci->name_ru);
        cs_jsonw_string(&w, "country", ci->country);
        cs_jsonw_string(&w, "kind", ci->kind);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    rc = w.rc ? w.rc : cs_buf_putc(&ctx->res->body, '\n');
    cs_cluster_list_free(list);
    return rc;
}

const cs_web_route cs_web_api_routes[] = {
    { "GET", "/clusters", clusters },
};
const size_t cs_web_api_route_count = sizeof cs_web_api_routes / sizeof cs_web_api_routes[0];
