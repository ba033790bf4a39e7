/*
 * page_news.c: news in the web observatory (issue 15): the news part of a cluster's page, the
 * cell of the home page's list that counts a cluster's items, and what the search page shows of
 * a news hit (its title in the page's language, its date and link, the matched words marked).
 * Items come from the service (cs_service_news); a link goes out only to an http(s) address.
 */
#include "web/page_impl.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const cs_news_item *cs_web_news_find(const cs_news_list *list, const char *key)
{
    for (size_t i = 0; list && i < cs_news_list_count(list); i++) {
        const cs_news_item *it = cs_news_list_at(list, i);
        if (strcmp(it->key, key) == 0)
            return it;
    }
    return NULL;
}

static const char *nz(const char *s)
{
    return s && *s ? s : NULL;
}

const char *cs_web_news_title(const cs_web_ctx *ctx, const cs_news_item *it)
{
    const char *own = ctx->lang == CS_LANG_RU ? nz(it->title_ru) : nz(it->title_en);
    return own ? own : it->title ? it->title : it->key;
}

int cs_web_news_url_ok(const char *url)
{
    return url && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0) &&
           !strpbrk(url, " \t\r\n\"<>");
}

int cs_web_marked(cs_web_ctx *ctx, const char *query, const char *text)
{
    size_t *r = NULL, n = 0;
    int rc = cs_service_search_marks(&r, &n, query, text);
    size_t at = 0;
    char *piece = NULL;
    for (size_t i = 0; !rc && i <= n; i++) {
        size_t from = i < n ? r[2 * i] : strlen(text);
        /* the text before the match, then the match: escaped each */
        for (int part = 0; !rc && part < (i < n ? 2 : 1); part++) {
            size_t a = part ? r[2 * i] : at, b = part ? r[2 * i + 1] : from;
            free(piece);
            piece = strndup(text + a, b - a);
            if (!piece) {
                rc = cs_error_set(CS_ENOMEM, "out of memory");
                break;
            }
            rc = cs_web_raw(ctx, part ? "<mark>" : "");
            rc = rc ? rc : cs_web_html(ctx, piece);
            rc = rc ? rc : cs_web_raw(ctx, part ? "</mark>" : "");
        }
        if (i < n)
            at = r[2 * i + 1];
    }
    free(piece);
    free(r);
    return rc;
}

/* The summary in the page's language, else the item's lead. */
static const char *summary(const cs_web_ctx *ctx, const cs_news_item *it)
{
    const char *s = ctx->lang == CS_LANG_RU ? nz(it->summary_ru) : nz(it->summary_en);
    return s ? s : nz(it->lead);
}

static int item(cs_web_ctx *ctx, const cs_news_item *it)
{
    int rc = cs_web_raw(ctx, "<li><time datetime=\"");
    rc = rc ? rc : cs_web_html(ctx, it->date ? it->date : "");
    rc = rc ? rc : cs_web_raw(ctx, "\">");
    rc = rc ? rc : cs_web_html(ctx, it->date ? it->date : "");
    rc = rc ? rc : cs_web_raw(ctx, "</time> <span class=\"kind\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_word(ctx, "web.news_kind_", it->kind ? it->kind : ""));
    rc = rc ? rc : cs_web_raw(ctx, "</span> <strong>");
    int link = cs_web_news_url_ok(it->url);
    if (!rc && link) {
        rc = cs_web_raw(ctx, "<a href=\"");
        rc = rc ? rc : cs_web_html(ctx, it->url);
        rc = rc ? rc : cs_web_raw(ctx, "\" rel=\"noopener noreferrer\">");
    }
    rc = rc ? rc : cs_web_html(ctx, cs_web_news_title(ctx, it));
    rc = rc ? rc : cs_web_raw(ctx, link ? "</a></strong>" : "</strong>");
    const char *s = summary(ctx, it);
    if (!rc && s) {
        rc = cs_web_raw(ctx, "<br><span class=\"summary\">");
        rc = rc ? rc : cs_web_html(ctx, s);
        rc = rc ? rc : cs_web_raw(ctx, "</span>");
    }
    if (!rc && nz(it->outlet)) {
        rc = cs_web_raw(ctx, "<br><span class=\"outlet\">");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.news_outlet"));
        if (!rc && link) {
            rc = cs_web_raw(ctx, "<a href=\"");
            rc = rc ? rc : cs_web_html(ctx, it->url);
            rc = rc ? rc : cs_web_raw(ctx, "\" rel=\"noopener noreferrer\">");
        }
        rc = rc ? rc : cs_web_html(ctx, it->outlet);
        rc = rc ? rc : cs_web_raw(ctx, link ? "</a></span>" : "</span>");
    }
    return rc ? rc : cs_web_raw(ctx, "</li>\n");
}

int cs_web_cluster_news(cs_web_ctx *ctx, const char *key)
{
    cs_news_list *list = NULL;
    cs_news_filter f = { key, NULL, NULL, 0 };
    int rc = cs_service_news(&list, ctx->svc, &f);
    size_t n = rc ? 0 : cs_news_list_count(list);
    if (!rc && n) {
        rc = cs_web_raw(ctx, "<section aria-labelledby=\"news\">\n<h2 id=\"news\">");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.news"));
        rc = rc ? rc : cs_web_raw(ctx, "</h2>\n<ul class=\"news\">\n");
        for (size_t i = 0; !rc && i < n; i++)
            rc = item(ctx, cs_news_list_at(list, i));
        rc = rc ? rc : cs_web_raw(ctx, "</ul>\n</section>\n");
    }
    cs_news_list_free(list);
    return rc;
}

int cs_web_news_cell(cs_web_ctx *ctx, size_t count, const cs_news_item *latest, const char *cluster)
{
    if (!count)
        return 0;
    int rc = cs_web_printf(ctx, "<a href=\"%s/clusters/", ctx->base);
    rc = rc ? rc : cs_web_html(ctx, cluster);
    rc = rc ? rc : cs_web_printf(ctx, "#news\">%zu</a> <time datetime=\"", count);
    rc = rc ? rc : cs_web_html(ctx, latest->date ? latest->date : "");
    rc = rc ? rc : cs_web_raw(ctx, "\" title=\"");
    rc = rc ? rc : cs_web_html(ctx, cs_web_news_title(ctx, latest));
    rc = rc ? rc : cs_web_raw(ctx, "\">");
    rc = rc ? rc : cs_web_html(ctx, latest->date ? latest->date : "");
    return rc ? rc : cs_web_raw(ctx, "</time>");
}
