/*
 * page_places.c: the country and region pages (their clusters and facts), the search page, the
 * downloads (the report made on request in HTML, Markdown, CSV or JSON, and the registry's
 * export) and /static/world.json (the bundled world outline as GeoJSON for the map).
 */
#include "web/page_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/report.h"
#include "render/world_outline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int para(cs_web_ctx *ctx, const char *text)
{
    int rc = cs_web_raw(ctx, "<p>");
    rc = rc ? rc : cs_web_html(ctx, text);
    return rc ? rc : cs_web_raw(ctx, "</p>\n");
}

static int h2(cs_web_ctx *ctx, const char *key)
{
    int rc = cs_web_raw(ctx, "<h2>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, key));
    return rc ? rc : cs_web_raw(ctx, "</h2>\n");
}

/* A list of links to the clusters for which keep(ci, arg) holds; *n receives their number. */
static int cluster_links(size_t *n, cs_web_ctx *ctx, const cs_cluster_list *list,
                         int (*keep)(const cs_cluster_info *, const char *), const char *arg)
{
    *n = 0;
    int rc = cs_web_raw(ctx, "<ul class=\"clusters\">\n");
    for (size_t i = 0; !rc && i < cs_cluster_list_count(list); i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(list, i);
        if (!keep(ci, arg))
            continue;
        ++*n;
        rc = cs_web_raw(ctx, "<li>");
        rc = rc ? rc : cs_web_link(ctx, "clusters", ci->key, cs_web_cluster_name(ctx, ci));
        if (!rc && *ci->city) {
            rc = cs_web_raw(ctx, " (");
            rc = rc ? rc : cs_web_html(ctx, ci->city);
            rc = rc ? rc : cs_web_raw(ctx, ")");
        }
        rc = rc ? rc : cs_web_raw(ctx, "</li>\n");
    }
    return rc ? rc : cs_web_raw(ctx, "</ul>\n");
}

static int in_country(const cs_cluster_info *ci, const char *code)
{
    return strcmp(ci->country, code) == 0;
}

static int in_region(const cs_cluster_info *ci, const char *key)
{
    return strcmp(ci->region, key) == 0;
}

static int place_page(cs_web_ctx *ctx, int country)
{
    const char *code = ctx->caps[0];
    cs_cluster_list *list = NULL;
    cs_region_list *regions = NULL;
    cs_web_typology t;
    memset(&t, 0, sizeof t);
    int rc = cs_web_read_begin(ctx);
    rc = rc ? rc : cs_service_clusters(&list, ctx->svc, NULL);
    rc = rc ? rc : cs_service_regions(&regions, ctx->svc);
    rc = rc ? rc : cs_web_typology_load(&t, ctx);
    if (rc) {
        cs_web_read_end(ctx);
        cs_region_list_free(regions);
        cs_cluster_list_free(list);
        return rc;
    }
    size_t n = 0;
    const cs_country_info *ci = country ? cs_country_list_find(t.countries, code) : NULL;
    const cs_region_info *ri = country ? NULL : cs_region_list_find(regions, code);
    for (size_t i = 0; i < cs_cluster_list_count(list); i++)
        n += (country ? in_country : in_region)(cs_cluster_list_at(list, i), code);
    if (!n && !ci && !ri) {
        cs_web_read_end(ctx);
        cs_region_list_free(regions);
        cs_cluster_list_free(list);
        return cs_web_page_error(ctx, 404,
                                 cs_web_t(ctx, country ? "web.no_country" : "web.no_region"));
    }
    char title[512];
    snprintf(title, sizeof title, "%s: %s", cs_web_t(ctx, country ? "web.country" : "web.region"),
             country ? cs_web_country_name(ctx, t.countries, code)
                     : cs_web_region_name(ctx, regions, code));
    rc = cs_web_page_begin(ctx, title);
    char count[128];
    cs_i18n_count(count, sizeof count, ctx->lang, (long)n, "cluster");
    rc = rc ? rc : cs_web_raw(ctx, "<h2>");
    rc = rc ? rc : cs_web_html(ctx, count);
    rc = rc ? rc : cs_web_raw(ctx, "</h2>\n");
    if (!rc && ri && *ri->country) {
        rc = cs_web_raw(ctx, "<p>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.country"));
        rc = rc ? rc : cs_web_raw(ctx, ": ");
        rc = rc ? rc
                : cs_web_link(ctx, "countries", ri->country,
                              cs_web_country_name(ctx, t.countries, ri->country));
        rc = rc ? rc : cs_web_raw(ctx, "</p>\n");
    }
    rc = rc ? rc : cluster_links(&n, ctx, list, country ? in_country : in_region, code);
    /* the registry's statistics: a region's profile, a country's regions by cluster strength */
    rc = rc        ? rc
         : country ? cs_web_country_regions(ctx, regions, code)
                   : cs_web_region_profile(ctx, code, ri);
    rc = rc ? rc : h2(ctx, "web.facts");
    rc = rc ? rc
            : cs_web_facts_table(ctx, country ? CS_SUBJECT_COUNTRY : CS_SUBJECT_REGION, code,
                                 cs_service_assessment_sources(t.sa));
    rc = rc ? rc : cs_web_page_end(ctx);
    cs_web_read_end(ctx);
    cs_region_list_free(regions);
    cs_cluster_list_free(list);
    return rc;
}

int cs_web_country_page(cs_web_ctx *ctx)
{
    return place_page(ctx, 1);
}

int cs_web_region_page(cs_web_ctx *ctx)
{
    return place_page(ctx, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Search                                                                                      */

#define SEARCH_PAGE 50 /* hits on one page */

/* Where a hit links to: its cluster, or the subject of a fact; "" when nowhere. */
static void hit_link(char *out, size_t cap, const cs_web_ctx *ctx, const cs_search_hit *h)
{
    out[0] = 0;
    if (strcmp(h->kind, "cluster") == 0)
        snprintf(out, cap, "clusters/%s", h->key);
    else if (strcmp(h->kind, "fact") == 0 && strcmp(h->subject_kind, "country") == 0)
        snprintf(out, cap, "countries/%s", h->key);
    else if (strcmp(h->kind, "fact") == 0 && strcmp(h->subject_kind, "region") == 0)
        snprintf(out, cap, "regions/%s", h->key);
    else if (h->cluster && *h->cluster)
        snprintf(out, cap, "clusters/%s", h->cluster);
    (void)ctx;
}

/* A news hit: its title in the page's language, linked to the item's own address (or to its
 * cluster's news), and its date. */
static int news_hit(cs_web_ctx *ctx, const cs_search_hit *h, const cs_news_item *it)
{
    const char *url = it && cs_web_news_url_ok(it->url) ? it->url : NULL;
    int rc = 0;
    if (url) {
        rc = cs_web_raw(ctx, "<a href=\"");
        rc = rc ? rc : cs_web_html(ctx, url);
        rc = rc ? rc : cs_web_raw(ctx, "\" rel=\"noopener noreferrer\">");
    } else if (*h->cluster) {
        rc = cs_web_printf(ctx, "<a href=\"%s/clusters/", ctx->base);
        rc = rc ? rc : cs_web_html(ctx, h->cluster);
        rc = rc ? rc : cs_web_raw(ctx, "#news\">");
    }
    const char *title = it ? cs_web_news_title(ctx, it) : cs_web_pick(ctx, h->title, h->title_ru);
    rc = rc ? rc : cs_web_html(ctx, *title ? title : h->key);
    rc = rc ? rc : cs_web_raw(ctx, url || *h->cluster ? "</a>" : "");
    if (!rc && it && it->date) {
        rc = cs_web_raw(ctx, " <time datetime=\"");
        rc = rc ? rc : cs_web_html(ctx, it->date);
        rc = rc ? rc : cs_web_raw(ctx, "\">");
        rc = rc ? rc : cs_web_html(ctx, it->date);
        rc = rc ? rc : cs_web_raw(ctx, "</time>");
    }
    return rc;
}

static int search_hits(cs_web_ctx *ctx, const cs_search_hits *hits, const char *q, size_t start)
{
    size_t n = cs_search_hits_count(hits), total = cs_search_hits_total(hits);
    char line[160];
    snprintf(line, sizeof line, cs_web_t(ctx, "web.hits"), total);
    int rc = para(ctx, line);
    /* the news items, read once when a hit is one: their dates and addresses */
    cs_news_list *news = NULL;
    for (size_t i = 0; !rc && !news && i < n; i++)
        if (strcmp(cs_search_hits_at(hits, i)->kind, "news") == 0) {
            cs_news_filter all = { NULL, NULL, NULL, 0 };
            rc = cs_service_news(&news, ctx->svc, &all);
        }
    rc = rc ? rc : cs_web_raw(ctx, "<ol class=\"hits\">\n");
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_search_hit *h = cs_search_hits_at(hits, i);
        char where[CS_WEB_MAX_PATH];
        hit_link(where, sizeof where, ctx, h);
        int is_news = strcmp(h->kind, "news") == 0;
        const char *title =
            strcmp(h->kind, "cluster") == 0 ? cs_web_pick(ctx, h->title, h->title_ru) : h->title;
        rc = cs_web_raw(ctx, "<li><span class=\"kind\">");
        rc = rc ? rc : cs_web_html(ctx, cs_web_word(ctx, "web.hit_", h->kind));
        rc = rc ? rc : cs_web_raw(ctx, "</span> ");
        if (is_news) {
            rc = rc ? rc : news_hit(ctx, h, cs_web_news_find(news, h->key));
        } else {
            if (!rc && *where) {
                rc = cs_web_printf(ctx, "<a href=\"%s/", ctx->base);
                rc = rc ? rc : cs_web_html(ctx, where);
                rc = rc ? rc : cs_web_raw(ctx, "\">");
            }
            rc = rc ? rc : cs_web_html(ctx, *title ? title : h->key);
            rc = rc ? rc : cs_web_raw(ctx, *where ? "</a>" : "");
            if (!rc && h->year) {
                rc = cs_web_printf(ctx, " (%d)", h->year);
            }
        }
        if (!rc && *h->snippet) {
            rc = cs_web_raw(ctx, "<br><span class=\"snippet\">");
            rc = rc ? rc : cs_web_marked(ctx, q, h->snippet);
            rc = rc ? rc : cs_web_raw(ctx, "</span>");
        }
        rc = rc ? rc : cs_web_raw(ctx, "</li>\n");
    }
    cs_news_list_free(news);
    rc = rc ? rc : cs_web_raw(ctx, "</ol>\n");
    /* pages of hits: plain links carrying the query */
    if (!rc && (start > 0 || start + n < total)) {
        rc = cs_web_raw(ctx, "<nav class=\"pages\"><p>");
        for (int next = 0; !rc && next < 2; next++) {
            if (next ? start + n >= total : start == 0)
                continue;
            size_t to =
                next ? start + SEARCH_PAGE : (start > SEARCH_PAGE ? start - SEARCH_PAGE : 0);
            rc = cs_web_printf(ctx, "<a href=\"%s/search?start=%zu&amp;q=", ctx->base, to);
            for (const unsigned char *c = (const unsigned char *)q; !rc && *c; c++)
                rc =
                    (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')
                        ? cs_web_printf(ctx, "%c", *c)
                        : cs_web_printf(ctx, "%%%02X", *c);
            rc = rc ? rc : cs_web_raw(ctx, "\">");
            rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, next ? "web.next" : "web.previous"));
            rc = rc ? rc : cs_web_raw(ctx, "</a> ");
        }
        rc = rc ? rc : cs_web_raw(ctx, "</p></nav>\n");
    }
    return rc;
}

int cs_web_search_page(cs_web_ctx *ctx)
{
    const char *q = cs_web_param_get(&ctx->query, "q");
    const char *st = cs_web_param_get(&ctx->query, "start");
    q = q ? q : "";
    char *end = NULL;
    unsigned long long start = st ? strtoull(st, &end, 10) : 0;
    if (st && (*st < '0' || *st > '9' || *end || start > 1000000))
        return cs_web_page_error(ctx, 400, cs_web_t(ctx, "web.bad_start"));
    cs_search_hits *hits = NULL;
    int rc = 0, refused = 0;
    if (*q) {
        rc = cs_service_search(&hits, ctx->svc, q, SEARCH_PAGE, (size_t)start);
        if (rc == CS_EUSAGE) { /* too long a query: said on the page, with the field to fix it */
            refused = 1;
            rc = 0;
        }
    }
    if (rc)
        return rc;
    rc = cs_web_page_begin(ctx, cs_web_t(ctx, "web.search"));
    rc = rc ? rc
            : cs_web_printf(ctx,
                            "<form method=\"get\" action=\"%s/search\" role=\"search\">"
                            "<p><label for=\"q-page\">",
                            ctx->base);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.search_label"));
    rc = rc ? rc
            : cs_web_raw(ctx, "</label> <input id=\"q-page\" type=\"search\" name=\"q\" value=\"");
    rc = rc ? rc : cs_web_html(ctx, q);
    rc = rc ? rc : cs_web_raw(ctx, "\"> <button type=\"submit\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.search"));
    rc = rc ? rc : cs_web_raw(ctx, "</button></p></form>\n");
    if (!rc && refused) {
        /* the service's reason is for the log; the reader gets it in the page's language */
        rc = para(ctx, cs_web_t(ctx, "web.query_too_long"));
        cs_error_clear();
        cs_web_set_status(ctx, 400, NULL);
    }
    rc = rc || !hits ? rc : search_hits(ctx, hits, q, (size_t)start);
    rc = rc ? rc : cs_web_page_end(ctx);
    cs_search_hits_free(hits);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Downloads                                                                                   */

static const struct {
    const char *name; /* the file's name after downloads/ */
    cs_report_format format;
    const char *type;
} report_files[] = {
    { "report.html", CS_REPORT_HTML, "text/html; charset=utf-8" },
    { "report.md", CS_REPORT_MARKDOWN, "text/markdown; charset=utf-8" },
    { "report.csv", CS_REPORT_CSV, "text/csv; charset=utf-8" },
    { "report.json", CS_REPORT_JSON, "application/json; charset=utf-8" },
};

int cs_web_downloads_page(cs_web_ctx *ctx)
{
    int rc = cs_web_page_begin(ctx, cs_web_t(ctx, "web.downloads"));
    rc = rc ? rc : h2(ctx, "web.report");
    rc = rc ? rc : para(ctx, cs_web_t(ctx, "web.report_text"));
    rc = rc ? rc : cs_web_raw(ctx, "<ul>\n");
    static const char *const words[] = { "HTML", "Markdown", "CSV", "JSON" };
    for (size_t i = 0; !rc && i < sizeof report_files / sizeof report_files[0]; i++)
        rc = cs_web_printf(ctx, "<li><a href=\"%s/downloads/%s\">%s</a></li>\n", ctx->base,
                           report_files[i].name, words[i]);
    rc = rc ? rc : cs_web_raw(ctx, "</ul>\n");
    rc = rc ? rc : h2(ctx, "web.export");
    rc = rc ? rc : para(ctx, cs_web_t(ctx, "web.export_text"));
    rc = rc ? rc
            : cs_web_printf(ctx,
                            "<ul>\n<li><a href=\"%s/downloads/registry.json\">JSON</a></li>\n"
                            "</ul>\n",
                            ctx->base);
    return rc ? rc : cs_web_page_end(ctx);
}

static int report_file(cs_web_ctx *ctx, cs_report_format format, const char *type, const char *name)
{
    cs_report *r = NULL;
    cs_report_options o;
    memset(&o, 0, sizeof o);
    o.lang = ctx->lang;
    o.format = format;
    int rc = cs_web_read_begin(ctx);
    rc = rc ? rc : cs_report_build(&r, ctx->svc, &o);
    cs_web_read_end(ctx);
    char *text = NULL;
    size_t len = 0;
    FILE *f = rc ? NULL : open_memstream(&text, &len);
    if (!rc && !f)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    rc = rc ? rc : cs_report_write(f, r);
    if (f && fclose(f) != 0 && !rc)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    if (!rc) {
        char disposition[128];
        snprintf(disposition, sizeof disposition, "attachment; filename=\"clusterscope-%s-%s\"",
                 cs_lang_name(ctx->lang), name);
        cs_web_set_status(ctx, 200, type);
        rc = cs_web_add_header(ctx, "Content-Disposition", disposition);
        rc = rc ? rc : cs_buf_append(&ctx->res->body, text, len);
    }
    free(text);
    cs_report_free(r);
    return rc;
}

/* The export is written to a file (cs_service_export): a private temporary folder, read back. */
static int registry_file(cs_web_ctx *ctx)
{
    char dir[] = "/tmp/clusterscope-export-XXXXXX", path[64];
    if (!mkdtemp(dir))
        return cs_error_set(CS_EIO, "cannot create a temporary folder for the export");
    snprintf(path, sizeof path, "%s/registry.json", dir);
    int rc = cs_web_read_begin(ctx);
    rc = rc ? rc : cs_service_export(ctx->svc, path, CS_EXPORT_JSON);
    cs_web_read_end(ctx);
    FILE *f = rc ? NULL : fopen(path, "rb");
    if (!rc && !f)
        rc = cs_error_set(CS_EIO, "cannot read the export back");
    if (!rc) {
        cs_web_set_status(ctx, 200, "application/json; charset=utf-8");
        rc = cs_web_add_header(ctx, "Content-Disposition",
                               "attachment; filename=\"clusterscope-registry.json\"");
        char chunk[65536];
        size_t got;
        while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
            rc = cs_buf_append(&ctx->res->body, chunk, got);
        if (!rc && ferror(f))
            rc = cs_error_set(CS_EIO, "cannot read the export back");
    }
    if (f)
        fclose(f);
    unlink(path);
    rmdir(dir);
    return rc;
}

int cs_web_download(cs_web_ctx *ctx)
{
    const char *name = ctx->caps[0];
    for (size_t i = 0; i < sizeof report_files / sizeof report_files[0]; i++)
        if (strcmp(name, report_files[i].name) == 0)
            return report_file(ctx, report_files[i].format, report_files[i].type, name);
    if (strcmp(name, "registry.json") == 0)
        return registry_file(ctx);
    return cs_web_page_error(ctx, 404, cs_web_t(ctx, "web.not_found_text"));
}

/* ------------------------------------------------------------------------------------------ */
/* The world outline                                                                           */

/* One point of the outline in longitude and latitude, kept within the map: the SVG map clips
 * the islands that cross the antimeridian at its frame, and Mercator cannot draw the poles. */
static int point(cs_web_ctx *ctx, int first, double x, double y)
{
    double lon = x / 2 - 180, lat = 90 - y / 2;
    lon = lon > 180 ? 180 : lon < -180 ? -180 : lon;
    lat = lat > 85 ? 85 : lat < -85 ? -85 : lat;
    return cs_web_printf(ctx, "%s[%.1f,%.1f]", first ? "" : ",", lon, lat);
}

/* Reads one number of the path at *s (digits with an optional '-'), moving *s past it. */
static int path_number(double *v, const char **s)
{
    while (**s == ' ' || **s == ',')
        ++*s;
    char *end = NULL;
    *v = strtod(*s, &end);
    if (end == *s)
        return 0;
    *s = end;
    return 1;
}

/* The land of render/world_outline.h (an SVG path in a 720 x 360 equirectangular frame: "M x y",
 * relative "l dx dy ...", "z") as one GeoJSON MultiPolygon in longitude and latitude; latitudes
 * and longitudes are kept within the map (point()). */
int cs_web_world_json(cs_web_ctx *ctx)
{
    cs_web_set_status(ctx, 200, "application/json; charset=utf-8");
    int rc = cs_web_add_header(ctx, "Cache-Control", "public, max-age=3600");
    rc = rc ? rc
            : cs_web_raw(ctx, "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": "
                              "{\"type\": \"MultiPolygon\", \"coordinates\": [");
    const char *s = cs_world_outline_path;
    double x = 0, y = 0;
    int open = 0, rings = 0;
    while (!rc && *s) {
        char c = *s;
        if (c == 'M') {
            s++;
            double nx, ny;
            if (!path_number(&nx, &s) || !path_number(&ny, &s))
                break;
            x = nx;
            y = ny;
            rc = cs_web_printf(ctx, "%s[[", rings++ ? "," : "");
            open = 1;
            rc = rc ? rc : point(ctx, 1, x, y);
        } else if (c == 'z' || c == 'Z') {
            s++;
            if (open) {
                /* close the ring: GeoJSON repeats the first point; Leaflet accepts it open */
                rc = cs_web_raw(ctx, "]]");
                open = 0;
            }
        } else if (c == 'l' || c == ' ' || c == '-' || (c >= '0' && c <= '9')) {
            if (c == 'l')
                s++;
            double dx, dy;
            if (!path_number(&dx, &s) || !path_number(&dy, &s))
                break;
            x += dx;
            y += dy;
            rc = point(ctx, 0, x, y);
        } else {
            s++;
        }
    }
    if (!rc && open)
        rc = cs_web_raw(ctx, "]]");
    return rc ? rc : cs_web_raw(ctx, "]}}\n");
}
