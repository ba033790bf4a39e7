/*
 * response.c: building a response: status, content type, headers and body, escaped output, the
 * page frame every page shares, and the error answers of pages and the API.
 */
#include "web/form_impl.h"

#include "clusterscope/error.h"
#include "render/escape.h"
#include "util/textout.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cs_web_response_new(cs_web_response **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return cs_error_set(CS_ENOMEM, "out of memory");
    (*out)->status = 200;
    snprintf((*out)->content_type, sizeof(*out)->content_type, "text/html; charset=utf-8");
    return 0;
}

void cs_web_response_free(cs_web_response *r)
{
    if (!r)
        return;
    cs_buf_free(&r->body);
    for (size_t i = 0; i < r->n_headers; i++) {
        free(r->header_names[i]);
        free(r->header_values[i]);
    }
    free(r);
}

int cs_web_response_status(const cs_web_response *r)
{
    return r->status;
}

const char *cs_web_response_content_type(const cs_web_response *r)
{
    return r->content_type;
}

const char *cs_web_response_body(const cs_web_response *r, size_t *len)
{
    *len = r->body.len;
    return r->body.data ? r->body.data : "";
}

int cs_web_response_header(const cs_web_response *r, size_t i, const char **name,
                           const char **value)
{
    if (i >= r->n_headers)
        return 0;
    *name = r->header_names[i];
    *value = r->header_values[i];
    return 1;
}

void cs_web_set_status(cs_web_ctx *ctx, int status, const char *content_type)
{
    ctx->res->status = status;
    if (content_type)
        snprintf(ctx->res->content_type, sizeof ctx->res->content_type, "%s", content_type);
}

int cs_web_add_header(cs_web_ctx *ctx, const char *name, const char *value)
{
    cs_web_response *r = ctx->res;
    if (r->n_headers == CS_WEB_MAX_HEADERS)
        return cs_error_set(CS_ERROR, "internal: more than %d response headers",
                            CS_WEB_MAX_HEADERS);
    r->header_names[r->n_headers] = strdup(name);
    r->header_values[r->n_headers] = strdup(value);
    if (!r->header_names[r->n_headers] || !r->header_values[r->n_headers]) {
        free(r->header_names[r->n_headers]);
        free(r->header_values[r->n_headers]);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    r->n_headers++;
    return 0;
}

int cs_web_raw(cs_web_ctx *ctx, const char *s)
{
    return cs_buf_puts(&ctx->res->body, s ? s : "");
}

int cs_web_html(cs_web_ctx *ctx, const char *s)
{
    return cs_render_put(&ctx->res->body, s, CS_RENDER_HTML);
}

int cs_web_printf(cs_web_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = cs_buf_vprintf(&ctx->res->body, fmt, ap);
    va_end(ap);
    return rc;
}

int cs_web_json_error(cs_web_ctx *ctx, int status, const char *code, const char *message)
{
    cs_buf_free(&ctx->res->body);
    cs_web_set_status(ctx, status, "application/json; charset=utf-8");
    int rc = cs_web_raw(ctx, "{\"error\": {\"code\": ");
    rc = rc ? rc : cs_textout_json_string(&ctx->res->body, code);
    rc = rc ? rc : cs_web_raw(ctx, ", \"message\": ");
    /* a message may quote the request: < > & as \u escapes, so that no markup comes back
     * even to a client that ignores the content type */
    cs_buf quoted = { 0 };
    rc = rc ? rc : cs_textout_json_string(&quoted, message);
    for (size_t i = 0; !rc && i < quoted.len; i++) {
        char c = quoted.data[i];
        rc = c == '<'   ? cs_web_raw(ctx, "\\u003c")
             : c == '>' ? cs_web_raw(ctx, "\\u003e")
             : c == '&' ? cs_web_raw(ctx, "\\u0026")
                        : cs_buf_putc(&ctx->res->body, c);
    }
    cs_buf_free(&quoted);
    return rc ? rc : cs_web_raw(ctx, "}}\n");
}

/* The header's links for accounts: registration for everyone, the queue for editors, and who
 * is signed in with a logout button, or a login link that comes back to this page. */
static int account(cs_web_ctx *ctx)
{
    int rc = cs_web_printf(ctx, "<li><a href=\"%s/register\">", ctx->base);
    rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.register"));
    rc = rc ? rc : cs_web_raw(ctx, "</a></li>");
    if (!rc && cs_web_has_role(ctx, "editor")) {
        rc = cs_web_printf(ctx, "<li><a href=\"%s/moderation\">", ctx->base);
        rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.moderation"));
        rc = rc ? rc : cs_web_raw(ctx, "</a></li>");
    }
    rc = rc ? rc : cs_web_raw(ctx, "</ul></nav>\n<div class=\"account\">");
    if (!rc && ctx->signed_in) {
        char line[256];
        snprintf(line, sizeof line, cs_i18n_text(ctx->lang, "web.signed_in_as"), ctx->user.name,
                 cs_i18n_text(ctx->lang,
                              strcmp(ctx->user.role, "admin") == 0    ? "web.account_role_admin"
                              : strcmp(ctx->user.role, "editor") == 0 ? "web.account_role_editor"
                                                                      : "web.account_role_viewer"));
        rc = cs_web_raw(ctx, "<span>");
        rc = rc ? rc : cs_web_html(ctx, line);
        rc = rc ? rc
                : cs_web_printf(ctx,
                                "</span> <form class=\"inline\" method=\"post\" "
                                "action=\"%s/logout\">",
                                ctx->base);
        rc = rc ? rc : cs_web_csrf_field(ctx, 0);
        rc = rc ? rc : cs_web_raw(ctx, "<button type=\"submit\">");
        rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.logout"));
        rc = rc ? rc : cs_web_raw(ctx, "</button></form>");
    } else if (!rc) {
        rc = cs_web_printf(ctx, "<a href=\"%s/login?next=%s", ctx->base, ctx->base);
        if (!rc && strcmp(ctx->path, "/login") != 0) {
            cs_buf next = { 0 };
            rc = cs_web_url_put(&next, ctx->path);
            rc = rc ? rc
                    : cs_render_put(&ctx->res->body, next.data ? next.data : "/", CS_RENDER_HTML);
            cs_buf_free(&next);
        } else if (!rc) {
            rc = cs_web_raw(ctx, "/");
        }
        rc = rc ? rc : cs_web_raw(ctx, "\">");
        rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.login"));
        rc = rc ? rc : cs_web_raw(ctx, "</a>");
    }
    return rc ? rc : cs_web_raw(ctx, "</div>");
}

int cs_web_page_begin(cs_web_ctx *ctx, const char *title)
{
    cs_lang other = ctx->lang == CS_LANG_RU ? CS_LANG_EN : CS_LANG_RU;
    int rc =
        cs_web_printf(ctx,
                      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>",
                      cs_lang_name(ctx->lang));
    rc = rc ? rc : cs_web_html(ctx, title);
    rc = rc ? rc : cs_web_raw(ctx, " — ");
    rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.site"));
    rc = rc ? rc
            : cs_web_raw(ctx, "</title>\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n"
                              "<link rel=\"icon\" href=\"/static/favicon.svg\">\n"
                              "</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
    rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.skip"));
    rc = rc ? rc : cs_web_printf(ctx, "</a>\n<header>\n<a class=\"site\" href=\"%s/\">", ctx->base);
    rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.site"));
    /* the same page in the other language: the path after the prefix stays */
    rc = rc ? rc
            : cs_web_printf(ctx, "</a>\n<a class=\"lang\" lang=\"%s\" href=\"/%s",
                            cs_lang_name(other), cs_lang_name(other));
    rc = rc ? rc : cs_render_put(&ctx->res->body, ctx->path, CS_RENDER_HTML);
    if (!rc && ctx->req->query && *ctx->req->query) {
        rc = cs_web_raw(ctx, "?");
        rc = rc ? rc : cs_render_put(&ctx->res->body, ctx->req->query, CS_RENDER_HTML);
    }
    rc = rc ? rc : cs_web_raw(ctx, "\">");
    rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.lang_other"));
    /* every page: the sections and a labelled search field (a GET form: no script needed) */
    static const char *const nav[][2] = { { "/", "web.map" },
                                          { "/methods", "web.methods" },
                                          { "/downloads", "web.downloads" } };
    rc = rc ? rc : cs_web_raw(ctx, "</a>\n<nav><ul>");
    for (size_t i = 0; !rc && i < sizeof nav / sizeof nav[0]; i++) {
        rc = cs_web_printf(ctx, "<li><a href=\"%s%s\">", ctx->base, nav[i][0]);
        rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, nav[i][1]));
        rc = rc ? rc : cs_web_raw(ctx, "</a></li>");
    }
    rc = rc ? rc : account(ctx);
    rc = rc ? rc
            : cs_web_printf(ctx,
                            "\n<form class=\"search\" role=\"search\" method=\"get\" "
                            "action=\"%s/search\"><label for=\"q\">",
                            ctx->base);
    rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.search_label"));
    rc = rc ? rc
            : cs_web_raw(ctx, "</label> <input id=\"q\" type=\"search\" name=\"q\"> "
                              "<button type=\"submit\">");
    rc = rc ? rc : cs_web_html(ctx, cs_i18n_text(ctx->lang, "web.search"));
    rc = rc ? rc : cs_web_raw(ctx, "</button></form>\n</header>\n<main id=\"main\">\n<h1>");
    rc = rc ? rc : cs_web_html(ctx, title);
    return rc ? rc : cs_web_raw(ctx, "</h1>\n");
}

int cs_web_page_end(cs_web_ctx *ctx)
{
    return cs_web_raw(ctx, "</main>\n</body>\n</html>\n");
}

int cs_web_page_error(cs_web_ctx *ctx, int status, const char *message)
{
    cs_buf_free(&ctx->res->body);
    cs_web_set_status(ctx, status, "text/html; charset=utf-8");
    const char *title = status == 404   ? cs_i18n_text(ctx->lang, "web.not_found")
                        : status == 403 ? cs_i18n_text(ctx->lang, "web.forbidden")
                        : status == 429 ? cs_i18n_text(ctx->lang, "web.too_many")
                        : status >= 500 ? cs_i18n_text(ctx->lang, "web.server_error")
                                        : cs_i18n_text(ctx->lang, "web.bad_request");
    int rc = cs_web_page_begin(ctx, title);
    rc = rc ? rc : cs_web_raw(ctx, "<p>");
    rc = rc ? rc : cs_web_html(ctx, message);
    rc = rc ? rc : cs_web_raw(ctx, "</p>\n");
    return rc ? rc : cs_web_page_end(ctx);
}
