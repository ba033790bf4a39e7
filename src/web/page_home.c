/*
 * page_home.c: the home page: the clusters of the registry with a link to each.
 * (The map, the filters and the counts are built on this page.)
 */
#include "web/web_impl.h"

#include "clusterscope/registry.h"

static int home(cs_web_ctx *ctx)
{
    cs_cluster_list *list = NULL;
    int rc = cs_service_clusters(&list, ctx->svc, NULL);
    if (rc)
        return rc;
    rc = cs_web_page_begin(ctx, cs_i18n_text(ctx->lang, "web.clusters"));
    rc = rc ? rc : cs_web_raw(ctx, "<ul class=\"clusters\">\n");
    for (size_t i = 0; !rc && i < cs_cluster_list_count(list); i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(list, i);
        const char *name = ctx->lang == CS_LANG_RU && *ci->name_ru ? ci->name_ru
                           : *ci->name_en                          ? ci->name_en
                                                                   : ci->key;
        rc = cs_web_printf(ctx, "<li><a href=\"%s/clusters/", ctx->base);
        rc = rc ? rc : cs_web_html(ctx, ci->key);
        rc = rc ? rc : cs_web_raw(ctx, "\">");
        rc = rc ? rc : cs_web_html(ctx, name);
        rc = rc ? rc : cs_web_raw(ctx, "</a></li>\n");
    }
    rc = rc ? rc : cs_web_raw(ctx, "</ul>\n");
    rc = rc ? rc : cs_web_page_end(ctx);
    cs_cluster_list_free(list);
    return rc;
}

const cs_web_route cs_web_page_routes[] = {
    { "GET", "/", home },
};
const size_t cs_web_page_route_count = sizeof cs_web_page_routes / sizeof cs_web_page_routes[0];
