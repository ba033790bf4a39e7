/*
 * page_cluster_programmes.c: the cluster page's part on programmes: the registries, labels
 * and lists the cluster is listed in (dates, level, decision, source) and its applications to
 * support programmes (round, decision, amounts, source), from the service's
 * cs_service_programmes read for the one cluster, in the page's language.
 */
#include "web/page_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int cell(cs_web_ctx *ctx, const char *text)
{
    int rc = cs_web_raw(ctx, "<td>");
    rc = rc ? rc : cs_web_html(ctx, text ? text : "");
    return rc ? rc : cs_web_raw(ctx, "</td>");
}

static int amount_cell(cs_web_ctx *ctx, double v)
{
    char t[64];
    cs_i18n_format_number(t, sizeof t, ctx->lang, v, isnan(v) || v == floor(v) ? 0 : 2);
    return cell(ctx, t);
}

/* "key, locator" of a source, or "". */
static int source_cell(cs_web_ctx *ctx, const char *source, const char *locator)
{
    char t[512];
    snprintf(t, sizeof t, "%s%s%s", source ? source : "", source && locator ? ", " : "",
             source && locator ? locator : "");
    return cell(ctx, t);
}

static int listings(cs_web_ctx *ctx, const cs_programme_set *set)
{
    static const char *const heads[] = { "pg_programme", "pg_kind",         "pg_entered", "pg_left",
                                         "pg_level",     "pg_decision_act", "pg_source" };
    int rc = cs_web_raw(ctx, "<h3>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "pg_web_listings"));
    rc = rc ? rc : cs_web_raw(ctx, "</h3>\n");
    rc = rc ? rc : cs_web_table_head(ctx, "listings", heads, 7);
    char kind[64];
    for (size_t i = 0; !rc && i < set->n_listings; i++) {
        const cs_programme_listing *l = &set->listings[i];
        const char *name = cs_web_pick(ctx, l->programme_name_en ? l->programme_name_en : "",
                                       l->programme_name_ru ? l->programme_name_ru : "");
        snprintf(kind, sizeof kind, "pg_kind_%s", l->programme_kind ? l->programme_kind : "");
        rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
        rc = rc ? rc : cs_web_html(ctx, *name ? name : l->programme);
        rc = rc ? rc : cs_web_raw(ctx, "</th>");
        rc = rc ? rc : cell(ctx, cs_web_t(ctx, kind));
        rc = rc ? rc : cell(ctx, l->entered);
        rc = rc ? rc : cell(ctx, l->left_on);
        rc = rc ? rc : cell(ctx, l->level);
        rc = rc ? rc : cell(ctx, l->decision);
        rc = rc ? rc : source_cell(ctx, l->source, l->locator);
        rc = rc ? rc : cs_web_raw(ctx, "</tr>\n");
    }
    return rc ? rc : cs_web_raw(ctx, "</tbody></table></div>\n");
}

static int applications(cs_web_ctx *ctx, const cs_programme_set *set)
{
    static const char *const heads[] = { "pg_programme", "pg_round",   "pg_year",  "pg_decision",
                                         "pg_requested", "pg_awarded", "pg_source" };
    int rc = cs_web_raw(ctx, "<h3>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "pg_web_applications"));
    rc = rc ? rc : cs_web_raw(ctx, "</h3>\n");
    rc = rc ? rc : cs_web_table_head(ctx, "applications", heads, 7);
    char year[16], key[64];
    for (size_t i = 0; !rc && i < set->n_programmes; i++) {
        const cs_programme_info *p = &set->programmes[i];
        const char *name = cs_web_pick(ctx, p->name_en, p->name_ru ? p->name_ru : "");
        for (size_t k = 0; !rc && k < p->n_rounds; k++)
            for (size_t j = 0; !rc && j < p->rounds[k].n_apps; j++) {
                const cs_programme_application *a = &p->rounds[k].apps[j];
                snprintf(year, sizeof year, "%d", p->rounds[k].year);
                snprintf(key, sizeof key, "pg_decision_%s", a->decision ? a->decision : "none");
                rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
                rc = rc ? rc : cs_web_html(ctx, *name ? name : p->key);
                rc = rc ? rc : cs_web_raw(ctx, "</th>");
                rc = rc ? rc : cell(ctx, p->rounds[k].round);
                rc = rc ? rc : cell(ctx, year);
                rc = rc ? rc : cell(ctx, cs_web_t(ctx, key));
                rc = rc ? rc : amount_cell(ctx, a->requested);
                rc = rc ? rc : amount_cell(ctx, a->awarded);
                rc = rc ? rc : source_cell(ctx, a->source, a->locator);
                rc = rc ? rc : cs_web_raw(ctx, "</tr>\n");
            }
    }
    return rc ? rc : cs_web_raw(ctx, "</tbody></table></div>\n");
}

int cs_web_cluster_programmes(cs_web_ctx *ctx, const char *key)
{
    cs_programme_set *set = NULL;
    int rc = cs_service_programmes(&set, ctx->svc, NULL, key, 0);
    if (rc)
        return rc;
    size_t apps = 0;
    for (size_t i = 0; i < set->n_programmes; i++)
        for (size_t k = 0; k < set->programmes[i].n_rounds; k++)
            apps += set->programmes[i].rounds[k].n_apps;
    rc = cs_web_raw(ctx, "<section aria-labelledby=\"programmes\">\n<h2 id=\"programmes\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "pg_web_title"));
    rc = rc ? rc : cs_web_raw(ctx, "</h2>\n");
    if (!rc && !set->n_listings && !apps) {
        rc = cs_web_raw(ctx, "<p>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "pg_web_none"));
        rc = rc ? rc : cs_web_raw(ctx, "</p>\n");
    }
    if (!rc && set->n_listings)
        rc = listings(ctx, set);
    if (!rc && apps)
        rc = applications(ctx, set);
    cs_programme_set_free(set);
    return rc ? rc : cs_web_raw(ctx, "</section>\n");
}
