/*
 * page_register.c: self-registration (anyone submits a new cluster's profile, as on the Map of
 * Russian Clusters) and the moderation queue where an editor approves or rejects (with a
 * reason) each submission. Nothing submitted is public before it is approved: the queue is for
 * editors only, and the page after submitting names only the submission's number.
 */
#include "web/form_impl.h"

#include "clusterscope/error.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name, *label, *kind; /* kind: "text", "kind", "stage", "area" */
    const char *extra;
} reg_field;

/* The submitted fields as the service names them (a profile's, a proposed key, the source). */
static const reg_field reg_fields[] = {
    { "name_en", "web.name_en", "text", " maxlength=\"300\"" },
    { "name_ru", "web.name_ru", "text", " maxlength=\"300\"" },
    { "key", "web.reg_key", "text", " maxlength=\"64\" autocapitalize=\"none\"" },
    { "country", "web.country_code", "text", " maxlength=\"2\" autocapitalize=\"characters\"" },
    { "region", "web.region_key", "text", " maxlength=\"100\"" },
    { "city", "web.city", "text", " maxlength=\"200\"" },
    { "founded", "web.founded", "text", " inputmode=\"numeric\" maxlength=\"4\"" },
    { "website", "web.website", "text", " inputmode=\"url\" maxlength=\"500\"" },
    { "cluster_organisation", "web.cluster_organisation", "text", " maxlength=\"500\"" },
    { "kind", "web.kind", "kind", "" },
    { "specialisation", "web.specialisation", "text", " maxlength=\"500\"" },
    { "stage", "web.stage", "stage", "" },
    { "source", "web.reg_source", "area", "" },
};
#define N_REG (sizeof reg_fields / sizeof reg_fields[0])

static const char *const kinds[] = { "biomedical", "industrial", "innovative_territorial",
                                     "other",      "tourist",    NULL };
static const char *const stages[] = { "emerging", "developing", "mature", "declining", NULL };

static int option(cs_web_ctx *ctx, const char *value, const char *text, int selected)
{
    int rc = cs_web_raw(ctx, "<option value=\"");
    rc = rc ? rc : cs_web_html(ctx, value);
    rc = rc ? rc : cs_web_raw(ctx, selected ? "\" selected>" : "\">");
    rc = rc ? rc : cs_web_html(ctx, text);
    return rc ? rc : cs_web_raw(ctx, "</option>");
}

static int reg_input(cs_web_ctx *ctx, const reg_field *f, const char *error_field,
                     const char *error)
{
    char id[48];
    snprintf(id, sizeof id, "r-%s", f->name);
    const char *v = cs_web_param_get(&ctx->form, f->name);
    v = v ? v : "";
    int bad = error_field && strcmp(error_field, f->name) == 0;
    char attrs[160] = "";
    if (bad)
        snprintf(attrs, sizeof attrs, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", id);
    int rc = cs_web_printf(ctx, "<p><label for=\"%s\">", id);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, f->label));
    rc = rc ? rc : cs_web_raw(ctx, "</label>");
    if (!rc && (strcmp(f->kind, "kind") == 0 || strcmp(f->kind, "stage") == 0)) {
        int kind = f->kind[0] == 'k';
        rc = cs_web_printf(ctx, "<select id=\"%s\" name=\"%s\"%s>", id, f->name, attrs);
        rc = rc ? rc : option(ctx, "", "—", !*v);
        for (const char *const *w = kind ? kinds : stages; !rc && *w; w++)
            rc = option(ctx, *w, cs_web_word(ctx, kind ? "kind_" : "web.stage_", *w),
                        strcmp(*w, v) == 0);
        rc = rc ? rc : cs_web_raw(ctx, "</select>");
    } else if (!rc && strcmp(f->kind, "area") == 0) {
        rc =
            cs_web_printf(ctx, "<textarea id=\"%s\" name=\"%s\" rows=\"3\"%s>", id, f->name, attrs);
        rc = rc ? rc : cs_web_html(ctx, v);
        rc = rc ? rc : cs_web_raw(ctx, "</textarea>");
    } else if (!rc) {
        rc = cs_web_printf(ctx, "<input id=\"%s\" name=\"%s\"%s%s value=\"", id, f->name, f->extra,
                           attrs);
        rc = rc ? rc : cs_web_html(ctx, v);
        rc = rc ? rc : cs_web_raw(ctx, "\">");
    }
    if (!rc && bad) {
        char eid[64];
        snprintf(eid, sizeof eid, "%s-error", id);
        rc = cs_web_form_error(ctx, eid, error);
    }
    return rc ? rc : cs_web_raw(ctx, "</p>\n");
}

static int register_form(cs_web_ctx *ctx, int status, const char *error)
{
    /* the service quotes the field it refuses ("'key': expected ..."); a message that quotes
     * none is shown above the form */
    const char *error_field = NULL;
    for (size_t i = 0; error && i < N_REG && !error_field; i++) {
        char quoted[64];
        snprintf(quoted, sizeof quoted, "'%s'", reg_fields[i].name);
        if (strstr(error, quoted))
            error_field = reg_fields[i].name;
    }
    if (error && !error_field && strstr(error, "'contact'"))
        error_field = "contact";
    ctx->no_store = 1;
    int rc = cs_web_page_begin(ctx, cs_web_t(ctx, "web.register"));
    rc = rc ? rc : cs_web_raw(ctx, "<p>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.register_intro"));
    rc = rc ? rc : cs_web_raw(ctx, "</p>\n");
    rc = rc || !error || error_field ? rc : cs_web_form_error(ctx, "r-error", error);
    rc = rc ? rc
            : cs_web_printf(ctx, "<form class=\"edit\" method=\"post\" action=\"%s/register\">\n",
                            ctx->base);
    rc = rc ? rc : cs_web_csrf_field(ctx, 1);
    for (size_t i = 0; !rc && i < N_REG; i++)
        rc = reg_input(ctx, &reg_fields[i], error_field, error);
    static const reg_field contact = { "contact", "web.reg_contact", "text",
                                       " required maxlength=\"300\" autocomplete=\"email\"" };
    rc = rc ? rc : reg_input(ctx, &contact, error_field, error);
    rc = rc ? rc : cs_web_raw(ctx, "<p><button type=\"submit\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.register_submit"));
    rc = rc ? rc : cs_web_raw(ctx, "</button></p>\n</form>\n");
    rc = rc ? rc : cs_web_page_end(ctx);
    if (!rc)
        cs_web_set_status(ctx, status, NULL);
    return rc;
}

int cs_web_register_page(cs_web_ctx *ctx)
{
    return register_form(ctx, 200, NULL);
}

int cs_web_register_post(cs_web_ctx *ctx)
{
    ctx->no_store = 1;
    if (!cs_web_csrf_ok(ctx, 1))
        return cs_web_csrf_refused(ctx);
    cs_service_field fields[N_REG];
    size_t n = 0;
    for (size_t i = 0; i < N_REG; i++) {
        const char *v = cs_web_param_get(&ctx->form, reg_fields[i].name);
        if (v && *v)
            fields[n++] = (cs_service_field){ reg_fields[i].name, v };
    }
    const char *contact = cs_web_param_get(&ctx->form, "contact");
    cs_service *w = NULL;
    long long id = 0;
    int rc = cs_web_writer(&w, ctx);
    rc = rc ? rc
            : cs_service_registration_submit(&id, w, fields, n, contact ? contact : "",
                                             ctx->req->client ? ctx->req->client : "");
    int status = rc ? cs_web_refusal_status(rc) : 0;
    if (rc && (status == 422 || status == 409 || status == 429)) {
        char *message = strdup(cs_error_last());
        cs_error_clear();
        if (!message)
            return cs_error_set(CS_ENOMEM, "out of memory");
        rc = register_form(ctx, status, message);
        free(message);
        return rc;
    }
    if (rc)
        return rc;
    char loc[64];
    snprintf(loc, sizeof loc, "%s/register/sent?id=%lld", ctx->base, id);
    return cs_web_redirect(ctx, loc);
}

int cs_web_register_sent_page(cs_web_ctx *ctx)
{
    const char *id = cs_web_param_get(&ctx->query, "id");
    if (!id || !*id || strlen(id) > 18 || strspn(id, "0123456789") != strlen(id))
        return cs_web_page_error(ctx, 400, cs_web_t(ctx, "web.bad_request"));
    char line[256];
    snprintf(line, sizeof line, cs_web_t(ctx, "web.register_sent_text"), id);
    int rc = cs_web_page_begin(ctx, cs_web_t(ctx, "web.register_sent"));
    rc = rc ? rc : cs_web_raw(ctx, "<p role=\"status\">");
    rc = rc ? rc : cs_web_html(ctx, line);
    rc = rc ? rc : cs_web_printf(ctx, "</p>\n<p><a href=\"%s/\">", ctx->base);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.map"));
    rc = rc ? rc : cs_web_raw(ctx, "</a></p>\n");
    return rc ? rc : cs_web_page_end(ctx);
}

/* ------------------------------------------------------------------------------------------ */
/* The moderation queue                                                                        */

typedef struct {
    long long id;
    const char *error;
    int conflict; /* decided already: said at the top, as it has no forms any more */
} decide_state;

static int row(cs_web_ctx *ctx, const char *label, const char *value)
{
    if (!value || !*value)
        return 0;
    int rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
    rc = rc ? rc : cs_web_html(ctx, label);
    rc = rc ? rc : cs_web_raw(ctx, "</th><td>");
    rc = rc ? rc : cs_web_html(ctx, value);
    return rc ? rc : cs_web_raw(ctx, "</td></tr>\n");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A JSON value as text: a string as it is, else as JSON. */
static int json_row(cs_web_ctx *ctx, const char *label, json_t *v)
{
    if (json_is_string(v))
        return row(ctx, label, json_string_value(v));
    char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    int rc = row(ctx, label, text ? text : "");
    free(text);
    return rc;
}

/* Every submitted field: the form's in the form's order, then any other by name. */
static int submitted_fields(cs_web_ctx *ctx, const char *fields_json)
{
    json_error_t je;
    json_t *o = fields_json ? json_loads(fields_json, 0, &je) : NULL;
    if (!json_is_object(o)) {
        json_decref(o);
        return row(ctx, cs_web_t(ctx, "web.reg_fields"), fields_json);
    }
    int rc = 0;
    for (size_t i = 0; !rc && i < N_REG; i++) {
        json_t *v = json_object_get(o, reg_fields[i].name);
        if (!v)
            continue;
        const char *label = cs_web_t(ctx, reg_fields[i].label);
        if (json_is_string(v) && strcmp(reg_fields[i].kind, "kind") == 0)
            rc = row(ctx, label, cs_web_word(ctx, "kind_", json_string_value(v)));
        else if (json_is_string(v) && strcmp(reg_fields[i].kind, "stage") == 0)
            rc = row(ctx, label, cs_web_word(ctx, "web.stage_", json_string_value(v)));
        else
            rc = json_row(ctx, label, v);
    }
    size_t n = json_object_size(o), k = 0;
    const char **others = n ? calloc(n, sizeof *others) : NULL;
    const char *name;
    json_t *v;
    json_object_foreach(o, name, v)
    {
        int known = 0;
        for (size_t i = 0; i < N_REG; i++)
            known |= strcmp(reg_fields[i].name, name) == 0;
        if (!known && others)
            others[k++] = name;
    }
    if (k)
        qsort(others, k, sizeof *others, cmp_str);
    for (size_t i = 0; !rc && i < k; i++)
        rc = json_row(ctx, others[i], json_object_get(o, others[i]));
    free(others);
    json_decref(o);
    return rc;
}

static int decide_forms(cs_web_ctx *ctx, const cs_service_registration *r, const decide_state *st)
{
    int bad = st && st->id == r->id && st->error && !st->conflict;
    int rc = bad ? cs_web_printf(ctx, "<p class=\"error\" role=\"alert\" id=\"reason-%lld-error\">",
                                 r->id)
                 : 0;
    rc = rc || !bad ? rc : cs_web_html(ctx, st->error);
    rc = rc || !bad ? rc : cs_web_raw(ctx, "</p>\n");
    rc = rc ? rc
            : cs_web_printf(ctx,
                            "<div class=\"decide\"><form method=\"post\" "
                            "action=\"%s/moderation/%lld/approve\">",
                            ctx->base, r->id);
    rc = rc ? rc : cs_web_csrf_field(ctx, 0);
    rc = rc ? rc : cs_web_raw(ctx, "<button type=\"submit\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.approve"));
    rc = rc ? rc
            : cs_web_printf(ctx,
                            "</button></form>\n<form method=\"post\" "
                            "action=\"%s/moderation/%lld/reject\">",
                            ctx->base, r->id);
    rc = rc ? rc : cs_web_csrf_field(ctx, 0);
    rc = rc ? rc : cs_web_printf(ctx, "<p><label for=\"reason-%lld\">", r->id);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.reject_reason"));
    rc = rc ? rc
            : cs_web_printf(ctx,
                            "</label><textarea id=\"reason-%lld\" name=\"reason\" rows=\"2\" "
                            "required maxlength=\"2000\"%s",
                            r->id, bad ? " aria-invalid=\"true\" aria-describedby=\"" : "");
    rc = rc || !bad ? rc : cs_web_printf(ctx, "reason-%lld-error\"", r->id);
    rc = rc ? rc : cs_web_raw(ctx, "></textarea></p><button type=\"submit\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.reject"));
    return rc ? rc : cs_web_raw(ctx, "</button></form></div>\n");
}

static int submission(cs_web_ctx *ctx, const cs_service_registration *r, const decide_state *st)
{
    const char *name = cs_web_pick(ctx, r->name_en, r->name_ru);
    char title[512];
    snprintf(title, sizeof title, "№ %lld: %.400s", r->id,
             *name ? name : cs_web_t(ctx, "web.unnamed"));
    int rc = cs_web_printf(ctx,
                           "<article class=\"submission\" id=\"submission-%lld\" "
                           "aria-labelledby=\"submission-%lld-h\">\n<h2 id=\"submission-%lld-h\">",
                           r->id, r->id, r->id);
    rc = rc ? rc : cs_web_html(ctx, title);
    rc = rc ? rc : cs_web_raw(ctx, "</h2>\n<div class=\"scroll\"><table class=\"profile\">\n");
    rc = rc ? rc : row(ctx, cs_web_t(ctx, "web.reg_time"), r->time);
    rc = rc ? rc
            : row(ctx, cs_web_t(ctx, "web.reg_status"), cs_web_word(ctx, "web.reg_", r->status));
    rc = rc ? rc : submitted_fields(ctx, r->fields_json);
    rc = rc ? rc : row(ctx, cs_web_t(ctx, "web.reg_contact"), r->contact);
    rc = rc ? rc : row(ctx, cs_web_t(ctx, "web.moderator"), r->moderator);
    rc = rc ? rc : row(ctx, cs_web_t(ctx, "web.decided"), r->decided);
    rc = rc ? rc : row(ctx, cs_web_t(ctx, "web.reason"), r->reason);
    rc = rc ? rc : cs_web_raw(ctx, "</table></div>\n");
    if (!rc && r->status && strcmp(r->status, "approved") == 0 && r->cluster_key &&
        *r->cluster_key) {
        rc = cs_web_printf(ctx, "<p><a href=\"%s/clusters/", ctx->base);
        rc = rc ? rc : cs_web_url_put(&ctx->res->body, r->cluster_key);
        rc = rc ? rc : cs_web_raw(ctx, "\">");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.reg_cluster_page"));
        rc = rc ? rc : cs_web_raw(ctx, "</a></p>\n");
    }
    if (!rc && r->status && strcmp(r->status, "pending") == 0)
        rc = decide_forms(ctx, r, st);
    return rc ? rc : cs_web_raw(ctx, "</article>\n");
}

static int moderation(cs_web_ctx *ctx, const decide_state *st)
{
    static const char *const notices[] = { "approved", "rejected", NULL };
    static const char *const statuses[] = { "pending", "approved", "rejected", "all" };
    ctx->no_store = 1;
    const char *status = cs_web_param_get(&ctx->query, "status");
    int known = 0;
    for (size_t i = 0; status && i < 4; i++)
        known |= strcmp(status, statuses[i]) == 0;
    if (!status || !known)
        status = "pending";
    cs_service_registration_list *l = NULL;
    int rc = cs_service_registrations(&l, ctx->svc, &ctx->user,
                                      strcmp(status, "all") == 0 ? NULL : status);
    if (rc)
        return rc;
    rc = cs_web_page_begin(ctx, cs_web_t(ctx, "web.moderation"));
    rc = rc ? rc : cs_web_notice(ctx, notices);
    rc = rc || !st || !st->conflict ? rc : cs_web_form_error(ctx, "decide-error", st->error);
    rc = rc ? rc : cs_web_raw(ctx, "<nav aria-label=\"");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.reg_status"));
    rc = rc ? rc : cs_web_raw(ctx, "\"><ul class=\"tabs\">");
    for (size_t i = 0; !rc && i < 4; i++) {
        char key[48];
        snprintf(key, sizeof key, "web.reg_%s", statuses[i]);
        int here = strcmp(status, statuses[i]) == 0;
        rc = cs_web_printf(ctx, "<li><a href=\"%s/moderation?status=%s\"%s>", ctx->base,
                           statuses[i], here ? " aria-current=\"page\"" : "");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, key));
        rc = rc ? rc : cs_web_raw(ctx, "</a></li>");
    }
    rc = rc ? rc : cs_web_raw(ctx, "</ul></nav>\n");
    size_t n = rc ? 0 : cs_service_registrations_count(l);
    if (!rc && !n) {
        rc = cs_web_raw(ctx, "<p>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.no_submissions"));
        rc = rc ? rc : cs_web_raw(ctx, "</p>\n");
    }
    for (size_t i = 0; !rc && i < n; i++)
        rc = submission(ctx, cs_service_registrations_at(l, i), st);
    rc = rc ? rc : cs_web_page_end(ctx);
    cs_service_registrations_free(l);
    return rc;
}

int cs_web_moderation_page(cs_web_ctx *ctx)
{
    int r = cs_web_need_role(ctx, "editor", "/moderation");
    return r ? (r < 0 ? r : 0) : moderation(ctx, NULL);
}

int cs_web_moderation_post(cs_web_ctx *ctx)
{
    ctx->no_store = 1;
    int r = cs_web_need_role(ctx, "editor", "/moderation");
    if (r)
        return r < 0 ? r : 0;
    if (!cs_web_csrf_ok(ctx, 0))
        return cs_web_csrf_refused(ctx);
    const char *sid = ctx->caps[0], *action = ctx->caps[1];
    int approve = strcmp(action, "approve") == 0;
    if ((!approve && strcmp(action, "reject") != 0) || strlen(sid) > 18 ||
        strspn(sid, "0123456789") != strlen(sid))
        return cs_web_page_error(ctx, 404, cs_web_t(ctx, "web.not_found_text"));
    long long id = strtoll(sid, NULL, 10);
    const char *reason = cs_web_param_get(&ctx->form, "reason");
    cs_service *w = NULL;
    int rc = cs_web_writer(&w, ctx);
    rc = rc ? rc
            : cs_service_registration_decide(w, &ctx->user, id, approve,
                                             approve ? NULL : (reason ? reason : ""));
    int status = rc ? cs_web_refusal_status(rc) : 0;
    if (rc && status && status != 404) {
        char *message = strdup(cs_error_last());
        cs_error_clear();
        if (!message)
            return cs_error_set(CS_ENOMEM, "out of memory");
        decide_state st = { id, message, status == 409 };
        rc = moderation(ctx, &st);
        if (!rc)
            cs_web_set_status(ctx, status, NULL);
        free(message);
        return rc;
    }
    if (rc == CS_ENOTFOUND) {
        cs_error_clear();
        return cs_web_page_error(ctx, 404, cs_web_t(ctx, "web.no_submission"));
    }
    if (rc)
        return rc;
    char loc[64];
    snprintf(loc, sizeof loc, "%s/moderation?notice=%s", ctx->base,
             approve ? "approved" : "rejected");
    return cs_web_redirect(ctx, loc);
}
