/*
 * page_edit.c: the editor's forms of a cluster page (its profile; one fact) and the admin's
 * revert button of its history, and the POSTs they send. Every change goes through the service
 * with a source; a refused one shows the page again with the service's message beside the
 * field it names, a saved one sends the browser back to the page (303) with a notice.
 */
#include "web/form_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/fact.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { TEXT, NUMBER, DECIMAL, KIND, STAGE, AREA } input_kind;

typedef struct {
    const char *name, *label;
    input_kind kind;
} profile_field;

/* The profile fields as the export names them (cs_service_edit_cluster). */
static const profile_field fields[] = {
    { "name_en", "web.name_en", TEXT },
    { "name_ru", "web.name_ru", TEXT },
    { "country", "web.country_code", TEXT },
    { "region", "web.region_key", TEXT },
    { "city", "web.city", TEXT },
    { "lat", "web.lat", DECIMAL },
    { "lon", "web.lon", DECIMAL },
    { "founded", "web.founded", NUMBER },
    { "website", "web.website", TEXT },
    { "cluster_organisation", "web.cluster_organisation", TEXT },
    { "kind", "web.kind", KIND },
    { "specialisation", "web.specialisation", TEXT },
    { "stage", "web.stage", STAGE },
    { "note", "web.note", AREA },
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

static const char *const kinds[] = { "biomedical", "industrial", "innovative_territorial",
                                     "other",      "tourist",    NULL };
static const char *const stages[] = { "emerging", "developing", "mature", "declining", NULL };

/* A coordinate as the form shows it: up to 6 decimals, no trailing zeros. */
static void coordinate(char *out, size_t cap, double v)
{
    snprintf(out, cap, "%.6f", v);
    char *end = out + strlen(out);
    while (end > out && end[-1] == '0')
        *--end = 0;
    if (end > out && end[-1] == '.')
        end[-1] = 0;
}

/* The cluster's value of profile field F as the form shows it, in buf when it is a number. */
static const char *current(const cs_cluster_info *ci, const char *f, char *buf, size_t cap)
{
    buf[0] = 0;
    if (strcmp(f, "lat") == 0 || strcmp(f, "lon") == 0) {
        if (ci->has_coordinates)
            coordinate(buf, cap, f[1] == 'a' ? ci->lat : ci->lon);
        return buf;
    }
    if (strcmp(f, "founded") == 0) {
        if (ci->founded)
            snprintf(buf, cap, "%d", ci->founded);
        return buf;
    }
    const char *v = strcmp(f, "name_en") == 0                ? ci->name_en
                    : strcmp(f, "name_ru") == 0              ? ci->name_ru
                    : strcmp(f, "country") == 0              ? ci->country
                    : strcmp(f, "region") == 0               ? ci->region
                    : strcmp(f, "city") == 0                 ? ci->city
                    : strcmp(f, "website") == 0              ? ci->website
                    : strcmp(f, "cluster_organisation") == 0 ? ci->cluster_organisation
                    : strcmp(f, "kind") == 0                 ? ci->kind
                    : strcmp(f, "specialisation") == 0       ? ci->specialisation
                    : strcmp(f, "stage") == 0                ? ci->stage
                    : strcmp(f, "note") == 0                 ? ci->note
                                                             : "";
    return v ? v : "";
}

/* The field of FORM_FIELDS (NULL-terminated) that MESSAGE names, or NULL: the service quotes
 * the field it refuses ("'founded': expected ..."). A message that quotes none is shown above
 * the form, not guessed beside a field. */
static const char *field_named(const char *message, const char *const *form_fields)
{
    for (size_t i = 0; form_fields[i]; i++) {
        char quoted[64];
        snprintf(quoted, sizeof quoted, "'%s'", form_fields[i]);
        if (strstr(message, quoted))
            return form_fields[i];
    }
    return NULL;
}

/* <p><label for=ID>LABEL</label> ... the input, and the error beside it when it is this one's. */
static int label(cs_web_ctx *ctx, const char *id, const char *label_key)
{
    int rc = cs_web_printf(ctx, "<p><label for=\"%s\">", id);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, label_key));
    return rc ? rc : cs_web_raw(ctx, "</label>");
}

static int field_end(cs_web_ctx *ctx, const char *id, const cs_web_form_state *st, const char *form,
                     const char *name)
{
    int rc = 0;
    if (st && st->error && st->error_field && strcmp(st->form, form) == 0 &&
        strcmp(st->error_field, name) == 0) {
        char eid[96];
        snprintf(eid, sizeof eid, "%s-error", id);
        rc = cs_web_form_error(ctx, eid, st->error);
    }
    return rc ? rc : cs_web_raw(ctx, "</p>\n");
}

/* aria attributes of an input whose value was refused. */
static int invalid_attrs(cs_web_ctx *ctx, const char *id, const cs_web_form_state *st,
                         const char *form, const char *name)
{
    if (st && st->error && st->error_field && strcmp(st->form, form) == 0 &&
        strcmp(st->error_field, name) == 0)
        return cs_web_printf(ctx, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", id);
    return 0;
}

static int text_input(cs_web_ctx *ctx, const char *id, const char *name, const char *value,
                      const char *extra)
{
    int rc = cs_web_printf(ctx, "<input id=\"%s\" name=\"%s\"%s value=\"", id, name, extra);
    rc = rc ? rc : cs_web_html(ctx, value);
    return rc ? rc : cs_web_raw(ctx, "\"");
}

static int option(cs_web_ctx *ctx, const char *value, const char *text, int selected)
{
    int rc = cs_web_raw(ctx, "<option value=\"");
    rc = rc ? rc : cs_web_html(ctx, value);
    rc = rc ? rc : cs_web_raw(ctx, selected ? "\" selected>" : "\">");
    rc = rc ? rc : cs_web_html(ctx, text);
    return rc ? rc : cs_web_raw(ctx, "</option>");
}

/* A select of WORDS (NULL-terminated; their catalogue words under PREFIX), with "—" for none;
 * a current value outside WORDS stays as an option of its own. */
static int word_select(cs_web_ctx *ctx, const char *prefix, const char *const *words,
                       const char *value)
{
    int rc = option(ctx, "", "—", !*value), known = !*value;
    for (size_t i = 0; !rc && words[i]; i++) {
        known |= strcmp(words[i], value) == 0;
        rc =
            option(ctx, words[i], cs_web_word(ctx, prefix, words[i]), strcmp(words[i], value) == 0);
    }
    return rc || known ? rc : option(ctx, value, value, 1);
}

static int source_select(cs_web_ctx *ctx, const char *id, const cs_source_list *sources,
                         const char *value, const cs_web_form_state *st, const char *form)
{
    int rc = label(ctx, id, "web.source");
    rc = rc ? rc : cs_web_printf(ctx, "<select id=\"%s\" name=\"source\" required", id);
    rc = rc ? rc : invalid_attrs(ctx, id, st, form, "source");
    rc = rc ? rc : cs_web_raw(ctx, ">");
    rc = rc ? rc : option(ctx, "", cs_web_t(ctx, "web.choose_source"), !value || !*value);
    for (size_t i = 0; !rc && sources && i < cs_source_list_count(sources); i++) {
        const cs_source_record *s = cs_source_list_at(sources, i);
        char text[320];
        snprintf(text, sizeof text, "%.200s (%.80s)", *s->title ? s->title : s->key, s->key);
        rc = option(ctx, s->key, text, value && strcmp(value, s->key) == 0);
    }
    rc = rc ? rc : cs_web_raw(ctx, "</select>");
    return rc ? rc : field_end(ctx, id, st, form, "source");
}

/* Locator and quote of a change, after its source. */
static int citation(cs_web_ctx *ctx, const char *prefix, const cs_web_form_state *st,
                    const char *form, int again)
{
    char id[64];
    snprintf(id, sizeof id, "%s-locator", prefix);
    int rc = label(ctx, id, "web.locator");
    const char *loc = again ? cs_web_param_get(&ctx->form, "locator") : NULL;
    rc = rc ? rc : text_input(ctx, id, "locator", loc ? loc : "", " maxlength=\"500\"");
    rc = rc ? rc : invalid_attrs(ctx, id, st, form, "locator");
    rc = rc ? rc : cs_web_raw(ctx, ">");
    rc = rc ? rc : field_end(ctx, id, st, form, "locator");
    snprintf(id, sizeof id, "%s-quote", prefix);
    rc = rc ? rc : label(ctx, id, "web.quote");
    rc = rc ? rc : cs_web_printf(ctx, "<textarea id=\"%s\" name=\"quote\" rows=\"2\"", id);
    rc = rc ? rc : invalid_attrs(ctx, id, st, form, "quote");
    rc = rc ? rc : cs_web_raw(ctx, ">");
    const char *q = again ? cs_web_param_get(&ctx->form, "quote") : NULL;
    rc = rc ? rc : cs_web_html(ctx, q ? q : "");
    rc = rc ? rc : cs_web_raw(ctx, "</textarea>");
    return rc ? rc : field_end(ctx, id, st, form, "quote");
}

static int submit(cs_web_ctx *ctx, const char *text_key)
{
    int rc = cs_web_raw(ctx, "<p><button type=\"submit\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, text_key));
    return rc ? rc : cs_web_raw(ctx, "</button></p>\n");
}

/* The form's own error when it names no field of the form. */
static int form_top_error(cs_web_ctx *ctx, const char *id, const cs_web_form_state *st,
                          const char *form)
{
    if (st && st->error && !st->error_field && strcmp(st->form, form) == 0)
        return cs_web_form_error(ctx, id, st->error);
    return 0;
}

static int profile_form(cs_web_ctx *ctx, const cs_cluster_info *ci, const cs_source_list *sources,
                        const cs_web_form_state *st)
{
    int again = st && strcmp(st->form, "profile") == 0;
    int rc = cs_web_raw(ctx, "<h3 id=\"edit-profile\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.edit_profile"));
    rc = rc ? rc : cs_web_raw(ctx, "</h3>\n");
    rc = rc ? rc : form_top_error(ctx, "pe-error", st, "profile");
    rc = rc ? rc
            : cs_web_printf(ctx, "<form class=\"edit\" method=\"post\" action=\"%s/clusters/",
                            ctx->base);
    rc = rc ? rc : cs_web_url_put(&ctx->res->body, ci->key);
    rc = rc ? rc : cs_web_raw(ctx, "/edit\" aria-labelledby=\"edit-profile\">\n");
    rc = rc ? rc : cs_web_csrf_field(ctx, 0);
    for (size_t i = 0; !rc && i < N_FIELDS; i++) {
        const profile_field *f = &fields[i];
        char id[64], buf[64];
        snprintf(id, sizeof id, "pe-%s", f->name);
        const char *sent = again ? cs_web_param_get(&ctx->form, f->name) : NULL;
        const char *value = sent ? sent : current(ci, f->name, buf, sizeof buf);
        rc = label(ctx, id, f->label);
        if (rc)
            break;
        if (f->kind == KIND || f->kind == STAGE) {
            rc = cs_web_printf(ctx, "<select id=\"%s\" name=\"%s\"", id, f->name);
            rc = rc ? rc : invalid_attrs(ctx, id, st, "profile", f->name);
            rc = rc ? rc : cs_web_raw(ctx, ">");
            rc = rc ? rc
                    : word_select(ctx, f->kind == KIND ? "kind_" : "web.stage_",
                                  f->kind == KIND ? kinds : stages, value);
            rc = rc ? rc : cs_web_raw(ctx, "</select>");
        } else if (f->kind == AREA) {
            rc = cs_web_printf(ctx, "<textarea id=\"%s\" name=\"%s\" rows=\"3\"", id, f->name);
            rc = rc ? rc : invalid_attrs(ctx, id, st, "profile", f->name);
            rc = rc ? rc : cs_web_raw(ctx, ">");
            rc = rc ? rc : cs_web_html(ctx, value);
            rc = rc ? rc : cs_web_raw(ctx, "</textarea>");
        } else {
            rc = text_input(ctx, id, f->name, value,
                            f->kind == NUMBER    ? " inputmode=\"numeric\" maxlength=\"4\""
                            : f->kind == DECIMAL ? " inputmode=\"decimal\" maxlength=\"20\""
                                                 : " maxlength=\"1000\"");
            rc = rc ? rc : invalid_attrs(ctx, id, st, "profile", f->name);
            rc = rc ? rc : cs_web_raw(ctx, ">");
        }
        rc = rc ? rc : field_end(ctx, id, st, "profile", f->name);
    }
    rc = rc ? rc
            : source_select(ctx, "pe-source", sources,
                            again ? cs_web_param_get(&ctx->form, "source") : NULL, st, "profile");
    rc = rc ? rc : citation(ctx, "pe", st, "profile", again);
    rc = rc ? rc : submit(ctx, "web.save_profile");
    return rc ? rc : cs_web_raw(ctx, "</form>\n");
}

static int fact_form(cs_web_ctx *ctx, const char *key, const cs_source_list *sources,
                     const cs_web_form_state *st)
{
    int again = st && strcmp(st->form, "fact") == 0;
    cs_fact_definitions *defs = NULL;
    int rc = cs_service_fact_definitions(&defs, ctx->svc);
    rc = rc ? rc : cs_web_raw(ctx, "<h3 id=\"edit-fact\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.edit_fact"));
    rc = rc ? rc : cs_web_raw(ctx, "</h3>\n");
    rc = rc ? rc : form_top_error(ctx, "fe-error", st, "fact");
    rc = rc ? rc
            : cs_web_printf(ctx, "<form class=\"edit\" method=\"post\" action=\"%s/clusters/",
                            ctx->base);
    rc = rc ? rc : cs_web_url_put(&ctx->res->body, key);
    rc = rc ? rc : cs_web_raw(ctx, "/facts\" aria-labelledby=\"edit-fact\">\n");
    rc = rc ? rc : cs_web_csrf_field(ctx, 0);
    const char *sent = again ? cs_web_param_get(&ctx->form, "fact") : NULL;
    rc = rc ? rc : label(ctx, "fe-fact", "web.fact");
    rc = rc ? rc : cs_web_raw(ctx, "<select id=\"fe-fact\" name=\"fact\" required");
    rc = rc ? rc : invalid_attrs(ctx, "fe-fact", st, "fact", "fact");
    rc = rc ? rc : cs_web_raw(ctx, ">");
    rc = rc ? rc : option(ctx, "", "—", !sent);
    for (size_t i = 0; !rc && i < cs_fact_definitions_count(defs); i++) {
        const cs_fact_definition *d = cs_fact_definitions_at(defs, i);
        if (d->subject_kind != CS_SUBJECT_CLUSTER)
            continue;
        const char *l = cs_web_pick(ctx, d->label_en, d->label_ru);
        char text[400];
        snprintf(text, sizeof text, "%.300s (%.80s)", *l ? l : d->name, d->name);
        rc = option(ctx, d->name, text, sent && strcmp(sent, d->name) == 0);
    }
    rc = rc ? rc : cs_web_raw(ctx, "</select>");
    rc = rc ? rc : field_end(ctx, "fe-fact", st, "fact", "fact");
    static const struct {
        const char *name, *label, *extra;
    } plain[] = { { "year", "web.year", " inputmode=\"numeric\" maxlength=\"4\"" },
                  { "value", "web.value", " required maxlength=\"200\"" } };
    for (size_t i = 0; !rc && i < 2; i++) {
        char id[32];
        snprintf(id, sizeof id, "fe-%s", plain[i].name);
        const char *v = again ? cs_web_param_get(&ctx->form, plain[i].name) : NULL;
        rc = label(ctx, id, plain[i].label);
        rc = rc ? rc : text_input(ctx, id, plain[i].name, v ? v : "", plain[i].extra);
        rc = rc ? rc : invalid_attrs(ctx, id, st, "fact", plain[i].name);
        rc = rc ? rc : cs_web_raw(ctx, ">");
        rc = rc ? rc : field_end(ctx, id, st, "fact", plain[i].name);
    }
    const char *status = again ? cs_web_param_get(&ctx->form, "status") : NULL;
    rc = rc ? rc : label(ctx, "fe-status", "web.status");
    rc = rc ? rc : cs_web_raw(ctx, "<select id=\"fe-status\" name=\"status\"");
    rc = rc ? rc : invalid_attrs(ctx, "fe-status", st, "fact", "status");
    rc = rc ? rc : cs_web_raw(ctx, ">");
    for (int s = CS_STATUS_STATED; !rc && s <= CS_STATUS_ESTIMATED; s++) {
        const char *name = cs_fact_status_name((cs_fact_status)s);
        rc = option(ctx, name, cs_web_word(ctx, "web.status_", name),
                    status ? strcmp(status, name) == 0 : s == CS_STATUS_STATED);
    }
    rc = rc ? rc : cs_web_raw(ctx, "</select>");
    rc = rc ? rc : field_end(ctx, "fe-status", st, "fact", "status");
    rc = rc ? rc
            : source_select(ctx, "fe-source", sources,
                            again ? cs_web_param_get(&ctx->form, "source") : NULL, st, "fact");
    rc = rc ? rc : citation(ctx, "fe", st, "fact", again);
    rc = rc ? rc : submit(ctx, "web.save_fact");
    cs_fact_definitions_free(defs);
    return rc ? rc : cs_web_raw(ctx, "</form>\n");
}

int cs_web_edit_forms(cs_web_ctx *ctx, const cs_cluster_info *ci, const cs_source_list *sources,
                      const cs_web_form_state *st)
{
    int rc = cs_web_raw(ctx, "<section aria-labelledby=\"edit\">\n<h2 id=\"edit\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.edit"));
    rc = rc ? rc : cs_web_raw(ctx, "</h2>\n<p>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.edit_note"));
    rc = rc ? rc : cs_web_raw(ctx, "</p>\n");
    rc = rc ? rc : profile_form(ctx, ci, sources, st);
    rc = rc ? rc : fact_form(ctx, ci->key, sources, st);
    return rc ? rc : cs_web_raw(ctx, "</section>\n");
}

int cs_web_revert_cell(cs_web_ctx *ctx, const char *key, const cs_service_revision *r)
{
    int rc = cs_web_printf(ctx, "<td><form class=\"inline\" method=\"post\" action=\"%s/clusters/",
                           ctx->base);
    rc = rc ? rc : cs_web_url_put(&ctx->res->body, key);
    rc = rc ? rc : cs_web_raw(ctx, "/revert\">");
    rc = rc ? rc : cs_web_csrf_field(ctx, 0);
    rc = rc ? rc
            : cs_web_printf(ctx,
                            "<input type=\"hidden\" name=\"revision\" value=\"%lld\">"
                            "<button type=\"submit\" aria-describedby=\"revision-%lld\">",
                            r->id, r->id);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.revert"));
    return rc ? rc : cs_web_raw(ctx, "</button></form></td>");
}

/* ------------------------------------------------------------------------------------------ */
/* The POSTs                                                                                   */

/* The cluster page's path under the prefix ("/clusters/KEY"). */
static void page_of(char *out, size_t cap, const char *key)
{
    snprintf(out, cap, "/clusters/%s", key);
}

/* Back to the cluster page with a notice, at ANCHOR. */
static int back(cs_web_ctx *ctx, const char *key, const char *notice, const char *anchor)
{
    cs_buf loc = { 0 };
    int rc = cs_buf_printf(&loc, "%s/clusters/", ctx->base);
    rc = rc ? rc : cs_web_url_put(&loc, key);
    rc = rc ? rc : cs_buf_printf(&loc, "?notice=%s#%s", notice, anchor);
    rc = rc ? rc : cs_web_redirect(ctx, loc.data);
    cs_buf_free(&loc);
    return rc;
}

/* The checks every POST of a cluster page makes first: 1 when they have answered. */
static int post_checks(cs_web_ctx *ctx, const char *role)
{
    char path[CS_WEB_MAX_PATH + 16];
    page_of(path, sizeof path, ctx->caps[0]);
    ctx->no_store = 1;
    int r = cs_web_need_role(ctx, role, path);
    if (r)
        return r;
    if (!cs_web_csrf_ok(ctx, 0)) {
        int rc = cs_web_csrf_refused(ctx);
        return rc ? rc : 1;
    }
    return 0;
}

/* The cluster page again with the service's refusal RC of FORM, beside the field of
 * FORM_FIELDS it names (FIELD when given). */
static int refused(cs_web_ctx *ctx, int rc, const char *form, const char *const *form_fields,
                   const char *field)
{
    int status = cs_web_refusal_status(rc);
    if (!status)
        return rc;
    char *message = strdup(cs_error_last());
    cs_error_clear();
    if (!message)
        return cs_error_set(CS_ENOMEM, "out of memory");
    if (status == 404) {
        rc = cs_web_page_error(ctx, 404, message);
        free(message);
        return rc;
    }
    cs_web_form_state st = { form, message, field ? field : field_named(message, form_fields) };
    cs_buf_free(&ctx->res->body);
    rc = cs_web_cluster_page_with(ctx, &st);
    if (!rc && ctx->res->status == 200)
        cs_web_set_status(ctx, status, NULL);
    free(message);
    return rc;
}

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

int cs_web_edit_profile_post(cs_web_ctx *ctx)
{
    int r = post_checks(ctx, "editor");
    if (r)
        return r < 0 ? r : 0;
    const char *key = ctx->caps[0];
    cs_cluster_list *list = NULL;
    int rc = cs_service_clusters(&list, ctx->svc, key);
    if (rc == CS_ENOTFOUND || (!rc && cs_cluster_list_count(list) == 0)) {
        cs_error_clear();
        cs_cluster_list_free(list);
        return cs_web_page_error(ctx, 404, cs_web_t(ctx, "web.no_cluster"));
    }
    if (rc)
        return rc;
    /* only what the editor changed: the form shows every field, the history keeps the rest */
    const cs_cluster_info *ci = cs_cluster_list_at(list, 0);
    cs_service_field changes[N_FIELDS];
    size_t n = 0;
    for (size_t i = 0; i < N_FIELDS; i++) {
        char buf[64];
        const char *sent = cs_web_param_get(&ctx->form, fields[i].name);
        if (sent && strcmp(sent, current(ci, fields[i].name, buf, sizeof buf)) != 0)
            changes[n++] = (cs_service_field){ fields[i].name, sent };
    }
    size_t changed = 0;
    cs_service *w = NULL;
    if (n) {
        rc = cs_web_writer(&w, ctx);
        rc = rc ? rc
                : cs_service_edit_cluster(&changed, w, &ctx->user, key, changes, n,
                                          cs_web_param_get(&ctx->form, "source"),
                                          nonempty(cs_web_param_get(&ctx->form, "locator")),
                                          nonempty(cs_web_param_get(&ctx->form, "quote")));
    }
    cs_cluster_list_free(list);
    if (rc) {
        static const char *const names_[] = { "name_en", "name_ru",
                                              "country", "region",
                                              "city",    "lat",
                                              "lon",     "founded",
                                              "website", "cluster_organisation",
                                              "kind",    "specialisation",
                                              "stage",   "note",
                                              "source",  "locator",
                                              "quote",   NULL };
        return refused(ctx, rc, "profile", names_, NULL);
    }
    return back(ctx, key, changed ? "profile_saved" : "profile_unchanged",
                changed ? "history" : "edit");
}

/* A year of the form: "" is undated (0); else a whole number 1 to 9999, or -1. */
static int parse_year(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end = NULL;
    errno = 0;
    long y = strtol(s, &end, 10);
    if (errno || *end || y < 1 || y > 9999 || !isdigit((unsigned char)*s))
        return -1;
    return (int)y;
}

int cs_web_put_fact_post(cs_web_ctx *ctx)
{
    static const char *const names_[] = { "fact",   "year",    "value", "status",
                                          "source", "locator", "quote", NULL };
    int r = post_checks(ctx, "editor");
    if (r)
        return r < 0 ? r : 0;
    const char *key = ctx->caps[0];
    int year = parse_year(cs_web_param_get(&ctx->form, "year"));
    if (year < 0)
        return refused(ctx, cs_error_set(CS_EDATA, "%s", cs_web_t(ctx, "web.bad_year")), "fact",
                       names_, "year");
    cs_service_fact_edit e = { "cluster",
                               key,
                               cs_web_param_get(&ctx->form, "fact"),
                               cs_web_param_get(&ctx->form, "value"),
                               cs_web_param_get(&ctx->form, "source"),
                               nonempty(cs_web_param_get(&ctx->form, "locator")),
                               nonempty(cs_web_param_get(&ctx->form, "quote")),
                               nonempty(cs_web_param_get(&ctx->form, "status")),
                               year };
    cs_service *w = NULL;
    long long id = 0;
    int rc = cs_web_writer(&w, ctx);
    rc = rc ? rc : cs_service_put_fact(&id, w, &ctx->user, &e);
    if (rc)
        return refused(ctx, rc, "fact", names_, NULL);
    return back(ctx, key, "fact_saved", "history");
}

int cs_web_revert_post(cs_web_ctx *ctx)
{
    static const char *const names_[] = { NULL };
    int r = post_checks(ctx, "admin");
    if (r)
        return r < 0 ? r : 0;
    const char *key = ctx->caps[0];
    const char *sent = cs_web_param_get(&ctx->form, "revision");
    char *end = NULL;
    long long id = sent && isdigit((unsigned char)*sent) ? strtoll(sent, &end, 10) : 0;
    if (!id || !end || *end)
        return cs_web_page_error(ctx, 400, cs_web_t(ctx, "web.bad_revision"));
    /* the revision must be one of this cluster's: the page it came from is the page it goes to */
    cs_service_revisions *rv = NULL;
    int rc = cs_service_history(&rv, ctx->svc, key), found = 0;
    for (size_t i = 0; !rc && i < cs_service_revisions_count(rv); i++)
        found |= cs_service_revisions_at(rv, i)->id == id;
    cs_service_revisions_free(rv);
    if (rc == CS_ENOTFOUND || (!rc && !found)) {
        cs_error_clear();
        return cs_web_page_error(ctx, 404, cs_web_t(ctx, "web.no_revision"));
    }
    cs_service *w = NULL;
    long long new_id = 0;
    rc = rc ? rc : cs_web_writer(&w, ctx);
    rc = rc ? rc : cs_service_revert(&new_id, w, &ctx->user, id);
    if (rc)
        return refused(ctx, rc, "revert", names_, NULL);
    return back(ctx, key, "reverted", "history");
}
