/*
 * page_home.c: the home page: the map of the clusters coloured by group, the filters (a GET form
 * the server applies, so that it works without JavaScript), the counts that follow them and the
 * list; and /{lang}/map.json, the markers of the same filtered clusters as GeoJSON for the map.
 * The groups are those of a fresh classification (as the report's), nothing is stored.
 */
#include "web/form_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/render.h"
#include "util/textout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The filters of the query: "" = any. */
typedef struct {
    const char *country, *kind, *spec, *stage;
    int group; /* 0 = any */
} filters;

static const char *param(const cs_web_ctx *ctx, const char *name)
{
    const char *v = cs_web_param_get(&ctx->query, name);
    return v ? v : "";
}

static void read_filters(filters *f, const cs_web_ctx *ctx)
{
    f->country = param(ctx, "country");
    f->kind = param(ctx, "kind");
    f->spec = param(ctx, "spec");
    f->stage = param(ctx, "stage");
    const char *g = param(ctx, "group");
    char *end = NULL;
    long n = strtol(g, &end, 10);
    f->group = *g && *end == 0 && n > 0 && n < 100 ? (int)n : 0;
}

static int passes(const filters *f, const cs_cluster_info *ci, int group)
{
    return (!*f->country || strcmp(f->country, ci->country) == 0) &&
           (!*f->kind || strcmp(f->kind, ci->kind) == 0) &&
           (!*f->stage || strcmp(f->stage, ci->stage) == 0) && (!f->group || f->group == group) &&
           (cs_web_contains(ci->specialisation, f->spec) || cs_web_contains(ci->key, f->spec));
}

const char *cs_web_word(const cs_web_ctx *ctx, const char *prefix, const char *value)
{
    char key[128];
    if (!value || !*value || snprintf(key, sizeof key, "%s%s", prefix, value) >= (int)sizeof key)
        return value ? value : "";
    const char *w = cs_web_t(ctx, key);
    return strcmp(w, key) == 0 ? value : w;
}

/* Distinct values of one field, sorted (the list is sorted by key, so values repeat apart). */
typedef struct {
    const char *value;
    size_t count;
} tally_item;

typedef struct {
    tally_item *items;
    size_t n;
} tally;

static int tally_add(tally *t, const char *value)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->items[i].value, value) == 0) {
            t->items[i].count++;
            return 0;
        }
    tally_item *grown = realloc(t->items, (t->n + 1) * sizeof *grown);
    if (!grown)
        return cs_error_set(CS_ENOMEM, "out of memory");
    t->items = grown;
    t->items[t->n].value = value;
    t->items[t->n++].count = 1;
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const tally_item *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

static int by_value(const void *a, const void *b)
{
    return strcmp(((const tally_item *)a)->value, ((const tally_item *)b)->value);
}

typedef enum { FIELD_COUNTRY, FIELD_KIND, FIELD_STAGE } field;

static const char *field_of(const cs_cluster_info *ci, field f)
{
    return f == FIELD_COUNTRY ? ci->country : f == FIELD_KIND ? ci->kind : ci->stage;
}

static const char *field_word(const cs_web_ctx *ctx, const cs_web_typology *t, field f,
                              const char *value)
{
    if (!*value)
        return cs_web_t(ctx, "web.unknown");
    if (f == FIELD_COUNTRY)
        return cs_web_country_name(ctx, t->countries, value);
    return cs_web_word(ctx, f == FIELD_KIND ? "kind_" : "web.stage_", value);
}

/* <select name=NAME> of the values of one field over every cluster, SELECTED chosen. */
static int select_field(cs_web_ctx *ctx, const cs_cluster_list *list, const cs_web_typology *t,
                        field fld, const char *name, const char *label_key, const char *selected)
{
    tally all = { 0 };
    int rc = 0;
    for (size_t i = 0; !rc && i < cs_cluster_list_count(list); i++) {
        const char *v = field_of(cs_cluster_list_at(list, i), fld);
        rc = *v ? tally_add(&all, v) : 0;
    }
    if (all.n)
        qsort(all.items, all.n, sizeof *all.items, by_value);
    rc = rc ? rc : cs_web_printf(ctx, "<p><label for=\"f-%s\">", name);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, label_key));
    rc = rc ? rc : cs_web_printf(ctx, "</label>\n<select id=\"f-%s\" name=\"%s\">", name, name);
    rc = rc ? rc : cs_web_raw(ctx, "<option value=\"\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.any"));
    rc = rc ? rc : cs_web_raw(ctx, "</option>");
    for (size_t i = 0; !rc && i < all.n; i++) {
        rc = cs_web_raw(ctx, "<option value=\"");
        rc = rc ? rc : cs_web_html(ctx, all.items[i].value);
        rc = rc ? rc
                : cs_web_raw(ctx,
                             strcmp(selected, all.items[i].value) == 0 ? "\" selected>" : "\">");
        rc = rc ? rc : cs_web_html(ctx, field_word(ctx, t, fld, all.items[i].value));
        rc = rc ? rc : cs_web_raw(ctx, "</option>");
    }
    free(all.items);
    return rc ? rc : cs_web_raw(ctx, "</select></p>\n");
}

static int filter_form(cs_web_ctx *ctx, const cs_cluster_list *list, const cs_web_typology *t,
                       const filters *f)
{
    int rc =
        cs_web_printf(ctx, "<form class=\"filters\" method=\"get\" action=\"%s/\">\n", ctx->base);
    rc = rc ? rc : cs_web_raw(ctx, "<fieldset><legend>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.filters"));
    rc = rc ? rc : cs_web_raw(ctx, "</legend>\n");
    rc = rc ? rc : select_field(ctx, list, t, FIELD_COUNTRY, "country", "web.country", f->country);
    rc = rc ? rc : select_field(ctx, list, t, FIELD_KIND, "kind", "web.kind", f->kind);
    rc = rc ? rc : cs_web_raw(ctx, "<p><label for=\"f-spec\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.specialisation_contains"));
    rc = rc ? rc : cs_web_raw(ctx, "</label>\n<input id=\"f-spec\" name=\"spec\" value=\"");
    rc = rc ? rc : cs_web_html(ctx, f->spec);
    rc = rc ? rc : cs_web_raw(ctx, "\"></p>\n<p><label for=\"f-group\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.group"));
    rc = rc ? rc : cs_web_raw(ctx, "</label>\n<select id=\"f-group\" name=\"group\">");
    rc = rc ? rc : cs_web_raw(ctx, "<option value=\"\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.any"));
    rc = rc ? rc : cs_web_raw(ctx, "</option>");
    int k = t->c ? cs_classification_k(t->c) : 0;
    for (int g = 1; !rc && g <= k; g++) {
        char name[512];
        cs_web_group_name(name, sizeof name, ctx, t, g);
        rc = cs_web_printf(ctx, "<option value=\"%d\"%s>", g, g == f->group ? " selected" : "");
        rc = rc ? rc : cs_web_html(ctx, name);
        rc = rc ? rc : cs_web_raw(ctx, "</option>");
    }
    rc = rc ? rc : cs_web_raw(ctx, "</select></p>\n");
    rc = rc ? rc : select_field(ctx, list, t, FIELD_STAGE, "stage", "web.stage", f->stage);
    rc = rc ? rc : cs_web_raw(ctx, "<p><button type=\"submit\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.apply"));
    rc = rc ? rc : cs_web_printf(ctx, "</button> <a href=\"%s/\">", ctx->base);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.reset"));
    return rc ? rc : cs_web_raw(ctx, "</a></p>\n</fieldset>\n</form>\n");
}

/* "by kind: 38 biomedical, 2 industrial" over the shown clusters. */
static int counts_line(cs_web_ctx *ctx, const cs_cluster_list *list, const cs_web_typology *t,
                       const unsigned char *shown, field fld, const char *label_key)
{
    tally tl = { 0 };
    int rc = 0;
    for (size_t i = 0; !rc && i < cs_cluster_list_count(list); i++)
        rc = shown[i] ? tally_add(&tl, field_of(cs_cluster_list_at(list, i), fld)) : 0;
    if (tl.n)
        qsort(tl.items, tl.n, sizeof *tl.items, by_count);
    rc = rc ? rc : cs_web_printf(ctx, "<li data-count=\"%s\">", label_key + 4);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, label_key));
    rc = rc ? rc : cs_web_raw(ctx, ": ");
    for (size_t i = 0; !rc && i < tl.n; i++) {
        rc = cs_web_printf(ctx, "%s%zu ", i ? ", " : "", tl.items[i].count);
        rc = rc ? rc : cs_web_html(ctx, field_word(ctx, t, fld, tl.items[i].value));
    }
    free(tl.items);
    return rc ? rc : cs_web_raw(ctx, "</li>\n");
}

static int load(cs_cluster_list **list, cs_web_typology *t, cs_web_ctx *ctx)
{
    int rc = cs_web_read_begin(ctx);
    rc = rc ? rc : cs_service_clusters(list, ctx->svc, NULL);
    rc = rc ? rc : cs_web_typology_load(t, ctx);
    cs_web_read_end(ctx);
    return rc;
}

/* Marker colours by group number (the legend and static/map.js use the same classes). */
static int legend(cs_web_ctx *ctx, const cs_web_typology *t)
{
    int rc = cs_web_raw(ctx, "<div class=\"legend\"><p>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, t->c ? "web.legend" : "web.legend_none"));
    rc = rc ? rc : cs_web_raw(ctx, "</p>\n<ul>\n");
    int k = t->c ? cs_classification_k(t->c) : 0;
    for (int g = 0; !rc && g <= k; g++) {
        char name[512];
        cs_web_group_name(name, sizeof name, ctx, t, g);
        rc = cs_web_printf(ctx, "<li><span class=\"swatch g%d\"></span> ", g);
        rc = rc ? rc : cs_web_html(ctx, g ? name : cs_web_t(ctx, "web.no_group"));
        rc = rc ? rc : cs_web_raw(ctx, "</li>\n");
    }
    return rc ? rc : cs_web_raw(ctx, "</ul></div>\n");
}

static int home(cs_web_ctx *ctx)
{
    cs_cluster_list *list = NULL;
    cs_web_typology t;
    filters f;
    read_filters(&f, ctx);
    int rc = load(&list, &t, ctx);
    size_t n = list ? cs_cluster_list_count(list) : 0, shown_n = 0;
    unsigned char *shown = rc ? NULL : calloc(n + 1, 1);
    if (!rc && !shown)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(list, i);
        shown[i] = (unsigned char)passes(&f, ci, cs_web_typology_group(&t, ci->key));
        shown_n += shown[i];
    }
    rc = rc ? rc : cs_web_page_begin(ctx, cs_web_t(ctx, "web.home_title"));
    rc = rc ? rc : cs_web_raw(ctx, "<link rel=\"stylesheet\" href=\"/static/leaflet.css\">\n");
    rc = rc ? rc : filter_form(ctx, list, &t, &f);
    char count[128];
    cs_i18n_count(count, sizeof count, ctx->lang, (long)shown_n, "cluster");
    rc = rc ? rc : cs_web_raw(ctx, "<section aria-labelledby=\"counts\"><h2 id=\"counts\">");
    rc = rc ? rc : cs_web_html(ctx, count);
    rc = rc ? rc : cs_web_printf(ctx, "</h2>\n<ul class=\"counts\" data-shown=\"%zu\">\n", shown_n);
    rc = rc ? rc : counts_line(ctx, list, &t, shown, FIELD_KIND, "web.by_kind");
    rc = rc ? rc : counts_line(ctx, list, &t, shown, FIELD_COUNTRY, "web.by_country");
    rc = rc ? rc : counts_line(ctx, list, &t, shown, FIELD_STAGE, "web.by_stage");
    rc = rc ? rc : cs_web_raw(ctx, "</ul>\n</section>\n<div class=\"mapwrap\">\n");
    /* the map's markers: the same query, answered as GeoJSON */
    rc = rc ? rc
            : cs_web_printf(ctx, "<div id=\"map\" class=\"map\" data-geo=\"%s/map.json", ctx->base);
    if (!rc && ctx->req->query && *ctx->req->query) {
        rc = cs_web_raw(ctx, "?");
        rc = rc ? rc : cs_web_html(ctx, ctx->req->query);
    }
    rc = rc ? rc : cs_web_raw(ctx, "\" data-world=\"/static/world.json\" aria-label=\"");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.map"));
    rc = rc ? rc : cs_web_raw(ctx, "\"></div>\n");
    rc = rc ? rc : legend(ctx, &t);
    rc = rc ? rc : cs_web_raw(ctx, "</div>\n<h2>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.list"));
    rc = rc ? rc : cs_web_raw(ctx, "</h2>\n");
    static const char *const heads[] = { "web.name",  "web.country",
                                         "web.kind",  "web.specialisation",
                                         "web.stage", "web.group",
                                         "web.news" };
    /* every news item once, newest first: the list's news column counts them per cluster */
    cs_news_list *news = NULL;
    cs_news_filter all = { NULL, NULL, NULL, 0 };
    const char **keys = calloc(n + 1, sizeof *keys);
    size_t *news_count = calloc(n + 1, sizeof *news_count);
    size_t *newest = calloc(n + 1, sizeof *newest);
    if (!rc && (!keys || !news_count || !newest))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < n; i++)
        keys[i] = cs_cluster_list_at(list, i)->key;
    rc = rc ? rc : cs_service_news(&news, ctx->svc, &all);
    rc = rc ? rc : cs_news_list_by_cluster(news_count, newest, 1, news, keys, n);
    rc = rc ? rc : cs_web_table_head(ctx, "list", heads, sizeof heads / sizeof heads[0]);
    for (size_t i = 0; !rc && i < n; i++) {
        if (!shown[i])
            continue;
        const cs_cluster_info *ci = cs_cluster_list_at(list, i);
        int g = cs_web_typology_group(&t, ci->key);
        char gname[512];
        cs_web_group_name(gname, sizeof gname, ctx, &t, g);
        rc = cs_web_raw(ctx, "<tr data-key=\"");
        rc = rc ? rc : cs_web_html(ctx, ci->key);
        rc = rc ? rc : cs_web_printf(ctx, "\" data-geo=\"%d\"><td>", ci->has_coordinates ? 1 : 0);
        rc = rc ? rc : cs_web_link(ctx, "clusters", ci->key, cs_web_cluster_name(ctx, ci));
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        if (!rc && *ci->country)
            rc = cs_web_link(ctx, "countries", ci->country,
                             cs_web_country_name(ctx, t.countries, ci->country));
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_word(ctx, "kind_", ci->kind));
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, ci->specialisation);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_word(ctx, "web.stage_", ci->stage));
        rc = rc ? rc : cs_web_printf(ctx, "</td><td><span class=\"swatch g%d\"></span> ", g);
        rc = rc ? rc : cs_web_html(ctx, gname);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc =
            rc ? rc
               : cs_web_news_cell(ctx, news_count[i],
                                  news_count[i] ? cs_news_list_at(news, newest[i]) : NULL, ci->key);
        rc = rc ? rc : cs_web_raw(ctx, "</td></tr>\n");
    }
    free(keys);
    free(news_count);
    free(newest);
    cs_news_list_free(news);
    rc = rc ? rc : cs_web_raw(ctx, "</tbody></table></div>\n");
    rc = rc ? rc
            : cs_web_raw(ctx, "<script src=\"/static/leaflet.js\"></script>\n"
                              "<script src=\"/static/map.js\"></script>\n");
    rc = rc ? rc : cs_web_page_end(ctx);
    free(shown);
    cs_cluster_list_free(list);
    return rc;
}

/* The filtered clusters with coordinates as a GeoJSON FeatureCollection of points. */
static int map_json(cs_web_ctx *ctx)
{
    cs_cluster_list *list = NULL;
    cs_web_typology t;
    filters f;
    read_filters(&f, ctx);
    int rc = load(&list, &t, ctx);
    if (rc) {
        return rc;
    }
    cs_web_set_status(ctx, 200, "application/json; charset=utf-8");
    cs_buf *b = &ctx->res->body;
    rc = cs_web_raw(ctx, "{\"type\": \"FeatureCollection\", \"features\": [");
    size_t written = 0;
    for (size_t i = 0; !rc && i < cs_cluster_list_count(list); i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(list, i);
        int g = cs_web_typology_group(&t, ci->key);
        if (!ci->has_coordinates || !passes(&f, ci, g))
            continue;
        char gname[512], url[CS_WEB_MAX_PATH];
        cs_web_group_name(gname, sizeof gname, ctx, &t, g);
        snprintf(url, sizeof url, "%s/clusters/%s", ctx->base, ci->key);
        rc = cs_web_printf(ctx,
                           "%s\n{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                           "\"coordinates\": [%.6f, %.6f]}, \"properties\": {\"key\": ",
                           written++ ? "," : "", ci->lon, ci->lat);
        rc = rc ? rc : cs_textout_json_string(b, ci->key);
        rc = rc ? rc : cs_web_raw(ctx, ", \"name\": ");
        rc = rc ? rc : cs_textout_json_string(b, cs_web_cluster_name(ctx, ci));
        rc = rc ? rc : cs_web_printf(ctx, ", \"group\": %d, \"group_name\": ", g);
        rc = rc ? rc : cs_textout_json_string(b, gname);
        rc = rc ? rc : cs_web_raw(ctx, ", \"url\": ");
        rc = rc ? rc : cs_textout_json_string(b, url);
        rc = rc ? rc : cs_web_raw(ctx, "}}");
    }
    rc = rc ? rc : cs_web_raw(ctx, "\n]}\n");
    cs_cluster_list_free(list);
    return rc;
}

const cs_web_route cs_web_page_routes[] = {
    { "GET", "/", home },
    { "GET", "/map.json", map_json },
    { "GET", "/clusters/{key}", cs_web_cluster_page },
    { "GET", "/countries/{code}", cs_web_country_page },
    { "GET", "/regions/{key}", cs_web_region_page },
    { "GET", "/methods", cs_web_methods_page },
    { "GET", "/methods/{id}", cs_web_method_page },
    { "GET", "/search", cs_web_search_page },
    { "GET", "/downloads", cs_web_downloads_page },
    { "GET", "/downloads/{file}", cs_web_download },
    { "GET", "/login", cs_web_login_page },
    { "POST", "/login", cs_web_login_post },
    { "POST", "/logout", cs_web_logout_post },
    { "POST", "/clusters/{key}/edit", cs_web_edit_profile_post },
    { "POST", "/clusters/{key}/facts", cs_web_put_fact_post },
    { "POST", "/clusters/{key}/revert", cs_web_revert_post },
    { "GET", "/register", cs_web_register_page },
    { "POST", "/register", cs_web_register_post },
    { "GET", "/register/sent", cs_web_register_sent_page },
    { "GET", "/moderation", cs_web_moderation_page },
    { "POST", "/moderation/{id}/{action}", cs_web_moderation_post },
};
const size_t cs_web_page_route_count = sizeof cs_web_page_routes / sizeof cs_web_page_routes[0];
