/*
 * page_cluster.c: the page of one cluster: its profile, members, every fact with its source,
 * the HSE assessment with each indicator's explain chain (or why the method's scope leaves it
 * out), its group and the nearest reference type, the target models and success factors, its
 * listings and applications (page_cluster_programmes.c), the value chain's stage diagram (when
 * it defines stages or links), and its history. An unknown key is a 404 page.
 */
#include "web/form_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "clusterscope/factors.h"
#include "clusterscope/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int heading(cs_web_ctx *ctx, const char *id, const char *key)
{
    int rc = cs_web_printf(ctx, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">", id, id);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, key));
    return rc ? rc : cs_web_raw(ctx, "</h2>\n");
}

static int para(cs_web_ctx *ctx, const char *text)
{
    int rc = cs_web_raw(ctx, "<p>");
    rc = rc ? rc : cs_web_html(ctx, text);
    return rc ? rc : cs_web_raw(ctx, "</p>\n");
}

static int profile(cs_web_ctx *ctx, const cs_cluster_info *ci, const cs_web_typology *t,
                   const cs_region_list *regions)
{
    char founded[16] = "";
    if (ci->founded)
        snprintf(founded, sizeof founded, "%d", ci->founded);
    int rc = heading(ctx, "profile", "web.profile");
    rc = rc ? rc : cs_web_raw(ctx, "<div class=\"scroll\"><table class=\"profile\">\n");
    rc = rc ? rc : cs_web_row(ctx, "web.name_en", ci->name_en);
    rc = rc ? rc : cs_web_row(ctx, "web.name_ru", ci->name_ru);
    if (!rc && *ci->country) {
        rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.country"));
        rc = rc ? rc : cs_web_raw(ctx, "</th><td>");
        rc = rc ? rc
                : cs_web_link(ctx, "countries", ci->country,
                              cs_web_country_name(ctx, t->countries, ci->country));
        rc = rc ? rc : cs_web_raw(ctx, "</td></tr>\n");
    }
    if (!rc && *ci->region) {
        rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.region"));
        rc = rc ? rc : cs_web_raw(ctx, "</th><td>");
        rc = rc ? rc
                : cs_web_link(ctx, "regions", ci->region,
                              cs_web_region_name(ctx, regions, ci->region));
        rc = rc ? rc : cs_web_raw(ctx, "</td></tr>\n");
    }
    rc = rc ? rc : cs_web_row(ctx, "web.city", ci->city);
    rc = rc ? rc : cs_web_row(ctx, "web.founded", founded);
    /* only http(s) addresses become links: a javascript: URL in the registry stays text */
    if (!rc && *ci->website) {
        int safe =
            strncmp(ci->website, "https://", 8) == 0 || strncmp(ci->website, "http://", 7) == 0;
        rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.website"));
        rc = rc ? rc : cs_web_raw(ctx, "</th><td>");
        if (!rc && safe) {
            rc = cs_web_raw(ctx, "<a rel=\"noopener noreferrer\" href=\"");
            rc = rc ? rc : cs_web_html(ctx, ci->website);
            rc = rc ? rc : cs_web_raw(ctx, "\">");
        }
        rc = rc ? rc : cs_web_html(ctx, ci->website);
        rc = rc ? rc : cs_web_raw(ctx, safe ? "</a></td></tr>\n" : "</td></tr>\n");
    }
    rc = rc ? rc : cs_web_row(ctx, "web.cluster_organisation", ci->cluster_organisation);
    rc = rc ? rc : cs_web_row(ctx, "web.kind", cs_web_word(ctx, "kind_", ci->kind));
    rc = rc ? rc : cs_web_row(ctx, "web.specialisation", ci->specialisation);
    rc = rc ? rc : cs_web_row(ctx, "web.stage", cs_web_word(ctx, "web.stage_", ci->stage));
    rc = rc ? rc : cs_web_row(ctx, "web.note", ci->note);
    return rc ? rc : cs_web_raw(ctx, "</table></div>\n</section>\n");
}

static int source_cell(cs_web_ctx *ctx, const cs_source_list *sources, const char *key)
{
    const cs_source_record *s = sources && *key ? cs_source_list_find(sources, key) : NULL;
    const char *title = s && *s->title ? s->title : key;
    int link = s && (strncmp(s->url, "https://", 8) == 0 || strncmp(s->url, "http://", 7) == 0);
    int rc = 0;
    if (link) {
        rc = cs_web_raw(ctx, "<a rel=\"noopener noreferrer\" href=\"");
        rc = rc ? rc : cs_web_html(ctx, s->url);
        rc = rc ? rc : cs_web_raw(ctx, "\">");
    }
    rc = rc ? rc : cs_web_html(ctx, title);
    return rc ? rc : cs_web_raw(ctx, link ? "</a>" : "");
}

/* A table of the facts of one subject: every definition of its kind the registry has a value
 * for. Shared with the country and region pages. */
int cs_web_facts_table(cs_web_ctx *ctx, cs_subject_kind kind, const char *subject,
                       const cs_source_list *sources)
{
    cs_fact_definitions *defs = NULL;
    cs_factset *fs = NULL;
    int rc = cs_service_fact_definitions(&defs, ctx->svc);
    rc = rc ? rc : cs_service_subject_facts(&fs, ctx->svc, kind, subject);
    static const char *const heads[] = { "web.fact",   "web.value",   "web.year", "web.status",
                                         "web.source", "web.locator", "web.quote" };
    size_t n = rc ? 0 : cs_factset_count(fs);
    if (!rc && n) {
        rc = cs_web_table_head(ctx, "facts", heads, sizeof heads / sizeof heads[0]);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_fact *f = cs_factset_at(fs, i);
        const cs_fact_definition *d = cs_fact_definitions_find(defs, kind, f->name);
        const char *label = d ? cs_web_pick(ctx, d->label_en, d->label_ru) : "";
        char year[16] = "";
        if (f->year)
            snprintf(year, sizeof year, "%d", f->year);
        rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
        rc = rc ? rc : cs_web_html(ctx, *label ? label : f->name);
        rc = rc ? rc : cs_web_raw(ctx, "</th><td>");
        rc = rc ? rc : cs_web_html(ctx, *f->raw ? f->raw : cs_web_t(ctx, "web.unknown"));
        if (!rc && d && *d->unit && *f->raw) {
            rc = cs_web_raw(ctx, " ");
            rc = rc ? rc : cs_web_html(ctx, d->unit);
        }
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, year);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc
                : cs_web_html(ctx, cs_web_word(ctx, "web.status_", cs_fact_status_name(f->status)));
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : source_cell(ctx, sources, f->source);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, f->locator);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        if (!rc && f->quote && *f->quote) {
            rc = cs_web_raw(ctx, "<q>");
            rc = rc ? rc : cs_web_html(ctx, f->quote);
            rc = rc ? rc : cs_web_raw(ctx, "</q>");
        }
        rc = rc ? rc : cs_web_raw(ctx, "</td></tr>\n");
    }
    if (!rc)
        rc = n ? cs_web_raw(ctx, "</tbody></table></div>\n")
               : para(ctx, cs_web_t(ctx, "web.no_facts"));
    cs_factset_free(fs);
    cs_fact_definitions_free(defs);
    return rc;
}

/* The text a FILE writer writes, captured and escaped in <pre>. */
static int explain(cs_web_ctx *ctx, const cs_assessment *a, const char *key)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = cs_assessment_explain(f, a, key, CS_FORMAT_TABLE);
    if (fclose(f) != 0 && !rc)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    rc = rc ? rc : cs_web_pre(ctx, text, len);
    free(text);
    return rc;
}

static int assessment(cs_web_ctx *ctx, const cs_web_typology *t, const char *key)
{
    int rc = heading(ctx, "assessment", "web.assessment");
    long i = cs_assessment_find(t->a, key);
    if (i < 0) {
        long o = cs_assessment_find_out_of_scope(t->a, key);
        const cs_scope_exclusion *x =
            o >= 0 ? cs_assessment_out_of_scope_at(t->a, (size_t)o) : NULL;
        rc = rc ? rc : cs_web_raw(ctx, "<p>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.out_of_scope"));
        rc = rc ? rc : cs_web_raw(ctx, " ");
        rc = rc ? rc : cs_web_html(ctx, x && x->reason ? x->reason : "");
        return rc ? rc : cs_web_raw(ctx, "</p>\n</section>\n");
    }
    cs_score s = cs_assessment_total(t->a, (size_t)i);
    char line[256];
    snprintf(line, sizeof line, cs_web_t(ctx, "web.score"), s.indicators, s.indicators_known,
             cs_method_max_indicators(t->m));
    rc = rc ? rc : para(ctx, line);
    rc = rc ? rc : cs_web_printf(ctx, "<p><a href=\"%s/methods/%s\">", ctx->base, CS_WEB_METHOD);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.method_link"));
    rc = rc ? rc : cs_web_raw(ctx, "</a></p>\n<h3>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.explain"));
    rc = rc ? rc : cs_web_raw(ctx, "</h3>\n");
    rc = rc ? rc : explain(ctx, t->a, key);
    if (rc)
        return rc;
    /* the group and the study's nearest type */
    rc = cs_web_raw(ctx, "<h3>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.group"));
    rc = rc ? rc : cs_web_raw(ctx, "</h3>\n");
    int g = cs_web_typology_group(t, key);
    if (!g) {
        rc = rc ? rc : para(ctx, cs_web_t(ctx, t->c ? "web.no_group_text" : "web.legend_none"));
        return rc ? rc : cs_web_raw(ctx, "</section>\n");
    }
    char gname[512];
    cs_web_group_name(gname, sizeof gname, ctx, t, g);
    const cs_classify_group *gr = cs_classification_group(t->c, g);
    const cs_reference_type *type = cs_web_group_type(t, g);
    rc = rc ? rc : para(ctx, gname);
    if (!rc && type) {
        char near[512];
        snprintf(near, sizeof near, "%s: %d. %s", cs_web_t(ctx, "web.nearest_type"), type->number,
                 cs_web_pick(ctx, type->name_en, type->name_ru));
        rc = para(ctx, near);
    }
    rc = rc || !gr->reason || !*gr->reason ? rc : para(ctx, gr->reason);
    rc = rc ? rc : para(ctx, cs_web_t(ctx, "web.group_note"));
    return rc ? rc : cs_web_raw(ctx, "</section>\n");
}

static int factors(cs_web_ctx *ctx, const char *key)
{
    int rc = heading(ctx, "factors", "web.factors");
    cs_service_factor_set *set = NULL;
    cs_service_factors_options fo = { key, 0, ctx->lang };
    int frc = rc ? rc : cs_service_factors(&set, ctx->svc, &fo);
    if (frc == CS_EUSAGE || frc == CS_ENOTFOUND || frc == CS_EDATA) {
        cs_error_clear();
        rc = para(ctx, cs_web_t(ctx, frc == CS_ENOTFOUND ? "web.factors_none"
                                                         : "web.factors_not_biomedical"));
        return rc ? rc : cs_web_raw(ctx, "</section>\n");
    }
    rc = rc ? rc : frc;
    const cs_factor_profile *p =
        !rc && cs_service_factor_set_count(set) ? cs_service_factor_set_profile(set, 0) : NULL;
    if (p) {
        rc = cs_web_raw(ctx, "<h3>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.models"));
        rc = rc ? rc : cs_web_raw(ctx, "</h3>\n<ul>\n");
        for (size_t i = 0; !rc && i < cs_factor_profile_model_count(p); i++) {
            const cs_model_fit *mf = cs_factor_profile_model(p, i);
            rc = cs_web_raw(ctx, "<li>");
            rc = rc ? rc
                    : cs_web_html(ctx, cs_web_pick(ctx, mf->model->name_en, mf->model->name_ru));
            rc = rc ? rc : cs_web_raw(ctx, ": ");
            rc = rc ? rc : cs_web_html(ctx, cs_factors_fit_word(mf->fit, ctx->lang));
            rc = rc ? rc : cs_web_raw(ctx, "</li>\n");
        }
        rc = rc ? rc : cs_web_raw(ctx, "</ul>\n<h3>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.success_factors"));
        rc = rc ? rc : cs_web_raw(ctx, "</h3>\n<ul>\n");
        for (size_t i = 0; !rc && i < cs_factor_profile_factor_count(p); i++) {
            const cs_factor_status *fs = cs_factor_profile_factor(p, i);
            rc = cs_web_raw(ctx, "<li>");
            rc = rc ? rc
                    : cs_web_html(ctx, cs_web_pick(ctx, fs->factor->name_en, fs->factor->name_ru));
            rc = rc ? rc : cs_web_raw(ctx, ": ");
            rc = rc ? rc : cs_web_html(ctx, cs_factors_status_word(fs, ctx->lang));
            rc = rc ? rc : cs_web_raw(ctx, "</li>\n");
        }
        rc = rc ? rc : cs_web_raw(ctx, "</ul>\n");
    }
    cs_service_factor_set_free(set);
    return rc ? rc : cs_web_raw(ctx, "</section>\n");
}

/* The stage diagram, only for a cluster that defines stages or links: a page without either
 * has no section rather than an empty one. */
static int chain(cs_web_ctx *ctx, const char *key)
{
    cs_chain_view *v = NULL;
    int rc = cs_service_chain(&v, ctx->svc, key, 0);
    if (rc || (!v->chain->n_stages && !v->chain->n_links)) {
        cs_chain_view_free(v);
        return rc;
    }
    rc = heading(ctx, "chain", "web.ch_heading");
    char title[512];
    snprintf(title, sizeof title, cs_web_t(ctx, "ch_title_chain"),
             cs_report_label_lang(ctx->lang, v->chain->name_en, v->chain->name_ru));
    rc = rc ? rc : cs_web_chart(ctx, cs_report_stage_diagram(v, ctx->lang), title);
    rc = rc ? rc : cs_web_raw(ctx, "</section>\n");
    cs_chain_view_free(v);
    return rc;
}

static int history(cs_web_ctx *ctx, const char *key, const cs_source_list *sources,
                   const cs_web_form_state *st)
{
    int admin = cs_web_has_role(ctx, "admin");
    cs_service_revisions *rv = NULL;
    int rc = heading(ctx, "history", "web.history");
    rc = rc ? rc : cs_service_history(&rv, ctx->svc, key);
    size_t n = rc ? 0 : cs_service_revisions_count(rv);
    if (!rc && !n)
        rc = para(ctx, cs_web_t(ctx, "web.no_history"));
    if (!rc && st && st->error && strcmp(st->form, "revert") == 0)
        rc = cs_web_form_error(ctx, "revert-error", st->error);
    static const char *const heads[] = { "web.when",          "web.who",   "web.what",
                                         "web.before",        "web.after", "web.source",
                                         "web.locator_quote", "web.revert" };
    if (!rc && n) {
        rc = cs_web_table_head(ctx, "history", heads, sizeof heads / sizeof heads[0] - !admin);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_service_revision *r = cs_service_revisions_at(rv, i);
        char what[256];
        if (r->year)
            snprintf(what, sizeof what, "%s: %s, %d", cs_web_word(ctx, "web.target_", r->target),
                     r->field, r->year);
        else
            snprintf(what, sizeof what, "%s: %s", cs_web_word(ctx, "web.target_", r->target),
                     r->field);
        rc = cs_web_printf(ctx, "<tr id=\"revision-%lld\"><td>", r->id);
        rc = rc ? rc : cs_web_html(ctx, r->time);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, r->author);
        rc = rc ? rc : cs_web_raw(ctx, " (");
        rc = rc ? rc : cs_web_html(ctx, cs_web_word(ctx, "web.action_", r->action));
        rc = rc ? rc : cs_web_raw(ctx, ")</td><td>");
        rc = rc ? rc : cs_web_html(ctx, what);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, r->has_old ? r->old_value : "—");
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, r->has_new ? r->new_value : "—");
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : source_cell(ctx, sources, r->source);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, r->locator);
        if (!rc && r->quote && *r->quote) {
            /* the words of the source the change rests on, as the facts table shows them */
            rc = cs_web_raw(ctx, r->locator && *r->locator ? "<br><q>" : "<q>");
            rc = rc ? rc : cs_web_html(ctx, r->quote);
            rc = rc ? rc : cs_web_raw(ctx, "</q>");
        }
        rc = rc ? rc : cs_web_raw(ctx, "</td>");
        rc = rc || !admin ? rc : cs_web_revert_cell(ctx, key, r);
        rc = rc ? rc : cs_web_raw(ctx, "</tr>\n");
    }
    if (!rc && n)
        rc = cs_web_raw(ctx, "</tbody></table></div>\n");
    cs_service_revisions_free(rv);
    return rc ? rc : cs_web_raw(ctx, "</section>\n");
}

static int members(cs_web_ctx *ctx, const char *key, const cs_source_list *sources)
{
    cs_service_member_list *ml = NULL;
    int rc = heading(ctx, "members", "web.members");
    rc = rc ? rc : cs_service_members(&ml, ctx->svc, key);
    size_t n = rc ? 0 : cs_service_members_count(ml);
    if (!rc && !n)
        rc = para(ctx, cs_web_t(ctx, "web.no_members"));
    static const char *const heads[] = { "web.organisation", "web.org_type", "web.role",
                                         "web.stage",        "web.source",   "web.member_since" };
    if (!rc && n) {
        rc = cs_web_table_head(ctx, "members", heads, sizeof heads / sizeof heads[0]);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_service_member *m = cs_service_members_at(ml, i);
        const char *name = cs_web_pick(ctx, m->name_en, m->name_ru);
        char dates[64] = "";
        if (*m->joined || *m->left_on)
            snprintf(dates, sizeof dates, "%s–%s", m->joined, m->left_on);
        rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
        rc = rc ? rc : cs_web_html(ctx, *name ? name : m->organisation);
        rc = rc ? rc : cs_web_raw(ctx, "</th><td>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_word(ctx, "web.org_type_", m->type));
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_word(ctx, "web.role_", m->role));
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, m->stage);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : source_cell(ctx, sources, m->source);
        rc = rc ? rc : cs_web_raw(ctx, "</td><td>");
        rc = rc ? rc : cs_web_html(ctx, dates);
        rc = rc ? rc : cs_web_raw(ctx, "</td></tr>\n");
    }
    if (!rc && n)
        rc = cs_web_raw(ctx, "</tbody></table></div>\n");
    cs_service_members_free(ml);
    return rc ? rc : cs_web_raw(ctx, "</section>\n");
}

static int td(cs_web_ctx *ctx, const char *text)
{
    int rc = cs_web_raw(ctx, "<td>");
    rc = rc ? rc : cs_web_html(ctx, text);
    return rc ? rc : cs_web_raw(ctx, "</td>");
}

/* A share as a percentage in the page's language, "?" when unknown. */
static void percent(char *out, size_t cap, const cs_web_ctx *ctx, double v)
{
    if (isnan(v)) {
        snprintf(out, cap, "?");
        return;
    }
    char p[48];
    cs_i18n_format_number(p, sizeof p, ctx->lang, v * 100, 2);
    snprintf(out, cap, "%s%s", p, cs_web_t(ctx, "percent_sign"));
}

/* The targets as a table, every one of them: a target the chart cannot draw (no due year, or
 * no value recorded yet: the amber cluster's 70 %, seed 001 line 250) still shows, its unknown
 * parts written "not stated" and "?". */
static int targets(cs_web_ctx *ctx, const cs_timeline *t)
{
    static const char *const heads[] = { "tl_col_fact",     "tl_col_due",    "tl_col_target",
                                         "tl_col_baseline", "tl_col_latest", "tl_col_progress",
                                         "tl_col_source" };
    int rc = cs_web_raw(ctx, "<h3>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "tl_targets"));
    rc = rc ? rc : cs_web_raw(ctx, "</h3>\n");
    rc = rc ? rc : cs_web_table_head(ctx, "targets", heads, 7);
    for (size_t i = 0; !rc && i < t->n_targets; i++) {
        const cs_timeline_target *g = &t->targets[i];
        char due[16], base[16], lv[48], latest[80] = "?", pr[64];
        snprintf(due, sizeof due, "%d", g->year);
        snprintf(base, sizeof base, "%d", g->baseline_year);
        if (g->latest_year) {
            cs_i18n_format_number(lv, sizeof lv, ctx->lang, g->latest,
                                  g->latest == floor(g->latest) ? 0 : 2);
            snprintf(latest, sizeof latest, "%s (%d)", lv, g->latest_year);
        }
        percent(pr, sizeof pr, ctx, g->progress);
        const char *label = cs_web_pick(ctx, g->label_en, g->label_ru);
        rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
        rc = rc ? rc : cs_web_html(ctx, *label ? label : g->name);
        rc = rc ? rc : cs_web_raw(ctx, "</th>");
        rc = rc ? rc : td(ctx, g->year ? due : cs_web_t(ctx, "tl_not_stated"));
        rc = rc ? rc : td(ctx, g->raw);
        rc = rc ? rc : td(ctx, g->baseline_year ? base : cs_web_t(ctx, "tl_not_stated"));
        rc = rc ? rc : td(ctx, latest);
        rc = rc ? rc : td(ctx, pr);
        rc = rc ? rc : td(ctx, g->source ? g->source : "");
        rc = rc ? rc : cs_web_raw(ctx, "</tr>\n");
    }
    return rc ? rc : cs_web_raw(ctx, "</tbody></table></div>\n");
}

/* The cluster's dated facts as charts, one per fact, the targets dashed (section_timeline.c
 * draws them), and the targets' table; nothing when the cluster has neither dated facts nor
 * targets. */
static int timeline(cs_web_ctx *ctx, const char *key)
{
    cs_timeline *t = NULL;
    int rc = cs_service_timeline(&t, ctx->svc, key, NULL);
    if (rc || (!t->n_series && !t->n_targets)) {
        cs_timeline_free(t);
        return rc;
    }
    rc = heading(ctx, "timeline", "timeline");
    for (size_t i = 0; !rc && i < cs_report_timeline_chart_count(t); i++) {
        char *svg = NULL;
        rc = cs_report_timeline_chart(&svg, t, i, ctx->lang);
        const char *name = i < t->n_series ? t->series[i].name : t->targets[i - t->n_series].name;
        rc = rc ? rc : cs_web_chart(ctx, svg, name);
    }
    if (!rc && t->n_targets)
        rc = targets(ctx, t);
    cs_timeline_free(t);
    return rc ? rc : cs_web_raw(ctx, "</section>\n");
}

int cs_web_cluster_page(cs_web_ctx *ctx)
{
    return cs_web_cluster_page_with(ctx, NULL);
}

int cs_web_cluster_page_with(cs_web_ctx *ctx, const cs_web_form_state *st)
{
    static const char *const notices[] = { "profile_saved", "profile_unchanged", "fact_saved",
                                           "reverted", NULL };
    const char *key = ctx->caps[0];
    cs_cluster_list *list = NULL;
    cs_web_typology t;
    memset(&t, 0, sizeof t);
    int rc = cs_web_read_begin(ctx);
    int found = rc ? rc : cs_service_clusters(&list, ctx->svc, key);
    if (found == CS_ENOTFOUND || (!found && cs_cluster_list_count(list) == 0)) {
        cs_error_clear();
        cs_web_read_end(ctx);
        cs_cluster_list_free(list);
        return cs_web_page_error(ctx, 404, cs_web_t(ctx, "web.no_cluster"));
    }
    cs_region_list *regions = NULL;
    rc = found ? found : cs_service_regions(&regions, ctx->svc);
    rc = rc ? rc : cs_web_typology_load(&t, ctx);
    const cs_cluster_info *ci = rc ? NULL : cs_cluster_list_at(list, 0);
    rc = rc ? rc : cs_web_page_begin(ctx, cs_web_cluster_name(ctx, ci));
    rc = rc ? rc : cs_web_notice(ctx, notices);
    if (!rc && st && st->error) {
        /* the message itself stands beside the form, far down the page: a link to it here */
        const char *at = strcmp(st->form, "profile") == 0 ? "edit-profile"
                         : strcmp(st->form, "fact") == 0  ? "edit-fact"
                                                          : "history";
        rc = cs_web_printf(ctx, "<p class=\"error\"><a href=\"#%s\">", at);
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.not_saved"));
        rc = rc ? rc : cs_web_raw(ctx, "</a></p>\n");
    }
    rc = rc ? rc : profile(ctx, ci, &t, regions);
    rc = rc ? rc : members(ctx, key, cs_service_assessment_sources(t.sa));
    rc = rc ? rc : heading(ctx, "facts", "web.facts");
    rc = rc ? rc
            : cs_web_facts_table(ctx, CS_SUBJECT_CLUSTER, key, cs_service_assessment_sources(t.sa));
    rc = rc ? rc : cs_web_raw(ctx, "</section>\n");
    rc = rc ? rc : timeline(ctx, key);
    if (!rc && cs_web_has_role(ctx, "editor")) {
        cs_source_list *all = NULL;
        rc = cs_service_sources(&all, ctx->svc);
        rc = rc ? rc : cs_web_edit_forms(ctx, ci, all, st);
        cs_source_list_free(all);
    }
    rc = rc ? rc : assessment(ctx, &t, key);
    rc = rc ? rc : factors(ctx, key);
    rc = rc ? rc : cs_web_cluster_programmes(ctx, key);
    rc = rc ? rc : cs_web_cluster_news(ctx, key); /* issue 15 */
    rc = rc ? rc : chain(ctx, key);
    rc = rc ? rc : history(ctx, key, cs_service_assessment_sources(t.sa), st);
    rc = rc ? rc : cs_web_page_end(ctx);
    cs_web_read_end(ctx);
    cs_region_list_free(regions);
    cs_cluster_list_free(list);
    return rc;
}
