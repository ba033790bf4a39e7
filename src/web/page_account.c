/*
 * page_account.c: the login page, logging in (a session cookie; failed logins limited per
 * address) and logging out.
 */
#include "web/form_impl.h"

#include "clusterscope/error.h"
#include "render/escape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where to go after logging in: a page of this site under a language prefix, else the home. */
static const char *next_page(const char *next)
{
    if (!next || (strncmp(next, "/en/", 4) != 0 && strncmp(next, "/ru/", 4) != 0) ||
        strstr(next, "//") || strchr(next, '\\') || strlen(next) > 512)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return NULL;
    return next;
}

static int field(cs_web_ctx *ctx, const char *id, const char *label_key, const char *input)
{
    int rc = cs_web_printf(ctx, "<p><label for=\"%s\">", id);
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, label_key));
    rc = rc ? rc : cs_web_raw(ctx, "</label>");
    rc = rc ? rc : cs_web_raw(ctx, input);
    return rc ? rc : cs_web_raw(ctx, "</p>\n");
}

static int login_form(cs_web_ctx *ctx, int status, const char *error, const char *name)
{
    static const char *const notices[] = { "logged_out", NULL };
    ctx->no_store = 1;
    const char *next = next_page(cs_web_param_get(&ctx->form, "next"));
    if (!next)
        next = next_page(cs_web_param_get(&ctx->query, "next"));
    int rc = cs_web_page_begin(ctx, cs_web_t(ctx, "web.login"));
    rc = rc ? rc : cs_web_notice(ctx, notices);
    if (!rc && ctx->signed_in) {
        char line[256];
        snprintf(line, sizeof line, cs_web_t(ctx, "web.signed_in_as"), ctx->user.name,
                 cs_web_word(ctx, "web.account_role_", ctx->user.role));
        rc = cs_web_raw(ctx, "<p>");
        rc = rc ? rc : cs_web_html(ctx, line);
        rc = rc ? rc : cs_web_raw(ctx, "</p>\n");
    }
    rc = rc || !error ? rc : cs_web_form_error(ctx, "login-error", error);
    rc = rc ? rc
            : cs_web_printf(ctx, "<form class=\"edit\" method=\"post\" action=\"%s/login\"%s>\n",
                            ctx->base, error ? " aria-describedby=\"login-error\"" : "");
    rc = rc ? rc : cs_web_csrf_field(ctx, 1);
    if (!rc && next) {
        rc = cs_web_raw(ctx, "<input type=\"hidden\" name=\"next\" value=\"");
        rc = rc ? rc : cs_web_html(ctx, next);
        rc = rc ? rc : cs_web_raw(ctx, "\">\n");
    }
    cs_buf input = { 0 };
    rc = rc ? rc
            : cs_buf_puts(&input, "<input id=\"login-name\" name=\"name\" required "
                                  "maxlength=\"64\" autocomplete=\"username\" value=\"");
    rc = rc ? rc : cs_render_put(&input, name ? name : "", CS_RENDER_HTML);
    rc = rc ? rc : cs_buf_puts(&input, "\">");
    rc = rc ? rc : field(ctx, "login-name", "web.account_name", input.data);
    cs_buf_free(&input);
    rc = rc ? rc
            : field(ctx, "login-password", "web.password",
                    "<input id=\"login-password\" name=\"password\" type=\"password\" required "
                    "autocomplete=\"current-password\">");
    rc = rc ? rc : cs_web_raw(ctx, "<p><button type=\"submit\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.login"));
    rc = rc ? rc : cs_web_raw(ctx, "</button></p>\n</form>\n<p>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.login_note"));
    rc = rc ? rc : cs_web_raw(ctx, "</p>\n");
    rc = rc ? rc : cs_web_page_end(ctx);
    if (!rc)
        cs_web_set_status(ctx, status, NULL);
    return rc;
}

int cs_web_login_page(cs_web_ctx *ctx)
{
    return login_form(ctx, 200, NULL, NULL);
}

int cs_web_login_post(cs_web_ctx *ctx)
{
    ctx->no_store = 1;
    if (!cs_web_csrf_ok(ctx, 1))
        return cs_web_csrf_refused(ctx);
    long wait = cs_web_login_blocked(ctx->app, ctx->req->client);
    if (wait > 0) {
        char line[256], secs[32];
        snprintf(line, sizeof line, cs_web_t(ctx, "web.login_wait"), (wait + 59) / 60);
        snprintf(secs, sizeof secs, "%ld", wait);
        int rc = cs_web_page_error(ctx, 429, line);
        return rc ? rc : cs_web_add_header(ctx, "Retry-After", secs);
    }
    const char *name = cs_web_param_get(&ctx->form, "name");
    const char *password = cs_web_param_get(&ctx->form, "password");
    cs_service_user user;
    int rc = name && password && *name && *password
                 ? cs_service_user_check_password(&user, ctx->svc, name, password)
                 : CS_ENOTFOUND;
    if (rc == CS_ENOTFOUND || rc == CS_EDATA || rc == CS_EUSAGE) {
        cs_error_clear();
        cs_web_login_failed(ctx->app, ctx->req->client);
        return login_form(ctx, 403, cs_web_t(ctx, "web.login_failed"), name);
    }
    if (rc)
        return rc;
    cs_service *w = NULL;
    char *token = NULL, *csrf = NULL;
    rc = cs_web_writer(&w, ctx);
    rc = rc ? rc : cs_service_session_open(&token, &csrf, w, &user);
    if (rc)
        return rc;
    char cookie[256];
    snprintf(cookie, sizeof cookie,
             CS_WEB_SESSION_COOKIE "=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200", token);
    free(token);
    free(csrf);
    const char *next = next_page(cs_web_param_get(&ctx->form, "next"));
    char home[8];
    snprintf(home, sizeof home, "%s/", ctx->base);
    rc = cs_web_redirect(ctx, next ? next : home);
    return rc ? rc : cs_web_add_header(ctx, "Set-Cookie", cookie);
}

int cs_web_logout_post(cs_web_ctx *ctx)
{
    ctx->no_store = 1;
    char back[32];
    snprintf(back, sizeof back, "%s/login?notice=logged_out", ctx->base);
    if (!ctx->signed_in)
        return cs_web_redirect(ctx, back);
    if (!cs_web_csrf_ok(ctx, 0))
        return cs_web_csrf_refused(ctx);
    char token[128];
    cs_service *w = NULL;
    int rc = cs_web_cookie(token, sizeof token, ctx->req->cookie, CS_WEB_SESSION_COOKIE) == 0
                 ? 0
                 : cs_error_set(CS_ERROR, "internal: the session cookie has gone");
    rc = rc ? rc : cs_web_writer(&w, ctx);
    rc = rc ? rc : cs_service_session_close(w, token);
    if (rc == CS_ENOTFOUND) {
        cs_error_clear();
        rc = 0;
    }
    rc = rc ? rc : cs_web_redirect(ctx, back);
    return rc ? rc
              : cs_web_add_header(ctx, "Set-Cookie",
                                  CS_WEB_SESSION_COOKIE
                                  "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
}
