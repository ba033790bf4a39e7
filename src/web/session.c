/*
 * session.c: what the pages that write share (form_impl.h): the session of a page request, the
 * CSRF tokens of forms, the failed-login limit per address, redirects and refusals.
 */
#include "web/form_impl.h"

#include "clusterscope/error.h"
#include "render/escape.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

/* ------------------------------------------------------------------------------------------ */
/* Failed logins per address: a fixed window from the first failure, in memory                 */

#define LIMIT_SLOTS 512

typedef struct {
    char client[64];
    long first; /* monotonic seconds of the window's first failure */
    int fails;
} limit_slot;

struct cs_web_login_limit {
    pthread_mutex_t lock;
    limit_slot slot[LIMIT_SLOTS];
};

static long now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec;
}

struct cs_web_login_limit *cs_web_login_limit_new(void)
{
    struct cs_web_login_limit *l = calloc(1, sizeof *l);
    if (l && pthread_mutex_init(&l->lock, NULL) != 0) {
        free(l);
        return NULL;
    }
    return l;
}

void cs_web_login_limit_free(struct cs_web_login_limit *l)
{
    if (!l)
        return;
    pthread_mutex_destroy(&l->lock);
    free(l);
}

/* The slot of CLIENT, or NULL; a window that has passed is emptied first. */
static limit_slot *find_slot(struct cs_web_login_limit *l, const char *client, long now)
{
    for (size_t i = 0; i < LIMIT_SLOTS; i++) {
        limit_slot *s = &l->slot[i];
        if (s->fails && now - s->first >= CS_WEB_LOGIN_WINDOW)
            s->fails = 0;
        if (s->fails && strcmp(s->client, client) == 0)
            return s;
    }
    return NULL;
}

long cs_web_login_blocked(cs_web_app *app, const char *client)
{
    struct cs_web_login_limit *l = app->login_limit;
    if (!l)
        return 0;
    long now = now_s(), wait = 0;
    pthread_mutex_lock(&l->lock);
    limit_slot *s = find_slot(l, client ? client : "", now);
    if (s && s->fails >= CS_WEB_LOGIN_FAILS)
        wait = s->first + CS_WEB_LOGIN_WINDOW - now;
    pthread_mutex_unlock(&l->lock);
    return wait > 0 ? wait : 0;
}

void cs_web_login_failed(cs_web_app *app, const char *client)
{
    struct cs_web_login_limit *l = app->login_limit;
    if (!l)
        return;
    client = client ? client : "";
    long now = now_s();
    pthread_mutex_lock(&l->lock);
    limit_slot *s = find_slot(l, client, now);
    if (!s) {
        /* a free slot, else the one whose window ends first */
        s = &l->slot[0];
        for (size_t i = 0; i < LIMIT_SLOTS && s->fails; i++)
            if (!l->slot[i].fails || l->slot[i].first < s->first)
                s = &l->slot[i];
        snprintf(s->client, sizeof s->client, "%s", client);
        s->first = now;
        s->fails = 0;
    }
    s->fails++;
    pthread_mutex_unlock(&l->lock);
}

/* ------------------------------------------------------------------------------------------ */
/* Sessions and roles                                                                          */

int cs_web_session_load(cs_web_ctx *ctx)
{
    char token[128];
    ctx->signed_in = 0;
    if (!ctx->req->cookie ||
        cs_web_cookie(token, sizeof token, ctx->req->cookie, CS_WEB_SESSION_COOKIE) != 0)
        return 0;
    /* whatever the session turns out to be, the answer depends on the cookie */
    ctx->no_store = 1;
    int rc = cs_web_auth(&ctx->user, ctx);
    if (rc == CS_ENOTFOUND || rc == CS_EDATA) {
        cs_error_clear();
        memset(&ctx->user, 0, sizeof ctx->user);
        ctx->csrf[0] = 0;
        return 0;
    }
    if (rc)
        return rc;
    ctx->signed_in = 1;
    return 0;
}

static int role_rank(const char *role)
{
    return strcmp(role, "admin") == 0 ? 3 : strcmp(role, "editor") == 0 ? 2 : 1;
}

int cs_web_has_role(const cs_web_ctx *ctx, const char *role)
{
    return ctx->signed_in && role_rank(ctx->user.role) >= role_rank(role);
}

int cs_web_need_role(cs_web_ctx *ctx, const char *role, const char *back)
{
    if (!ctx->signed_in) {
        cs_buf loc = { 0 };
        int rc = cs_buf_printf(&loc, "%s/login?next=", ctx->base);
        rc = rc ? rc : cs_buf_puts(&loc, ctx->base);
        rc = rc ? rc : cs_web_url_put(&loc, back);
        rc = rc ? rc : cs_web_redirect(ctx, loc.data);
        cs_buf_free(&loc);
        return rc ? rc : 1;
    }
    if (cs_web_has_role(ctx, role))
        return 0;
    int rc = cs_web_page_error(ctx, 403, cs_web_t(ctx, "web.forbidden_text"));
    return rc ? rc : 1;
}

/* ------------------------------------------------------------------------------------------ */
/* CSRF                                                                                        */

/* 32 random bytes as 43 characters of base64url into out (44 bytes at least). */
static int random_token(char *out)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned char r[33];
    if (getrandom(r, 32, 0) != 32)
        return cs_error_set(CS_ERROR, "no random bytes from the system");
    r[32] = 0;
    size_t o = 0;
    for (size_t i = 0; i < 33; i += 3) {
        unsigned v = (unsigned)r[i] << 16 | (unsigned)r[i + 1] << 8 | (i + 2 < 33 ? r[i + 2] : 0);
        out[o++] = a[v >> 18 & 63];
        out[o++] = a[v >> 12 & 63];
        out[o++] = a[v >> 6 & 63];
        out[o++] = a[v & 63];
    }
    out[43] = 0; /* 256 bits need 43 characters */
    return 0;
}

/* The request's double-submit cookie when it is well formed (43 base64url characters). */
static int csrf_cookie(char *out, size_t cap, const cs_web_ctx *ctx)
{
    if (!ctx->req->cookie || cs_web_cookie(out, cap, ctx->req->cookie, CS_WEB_CSRF_COOKIE) != 0 ||
        strlen(out) != 43 ||
        strspn(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                    "0123456789-_") != 43)
        return -1;
    return 0;
}

int cs_web_csrf_field(cs_web_ctx *ctx, int anonymous)
{
    char token[64];
    ctx->no_store = 1;
    if (!anonymous) {
        snprintf(token, sizeof token, "%s", ctx->csrf);
    } else if (csrf_cookie(token, sizeof token, ctx) != 0) {
        /* a page may hold two forms: the second uses the cookie the first one set */
        const char *name, *value;
        int found = 0;
        for (size_t i = 0; cs_web_response_header(ctx->res, i, &name, &value); i++)
            if (strcmp(name, "Set-Cookie") == 0 &&
                strncmp(value, CS_WEB_CSRF_COOKIE "=", sizeof CS_WEB_CSRF_COOKIE) == 0) {
                snprintf(token, sizeof token, "%.43s", value + sizeof CS_WEB_CSRF_COOKIE);
                found = 1;
            }
        if (!found) {
            int rc = random_token(token);
            char cookie[160];
            snprintf(cookie, sizeof cookie,
                     CS_WEB_CSRF_COOKIE "=%s; HttpOnly; SameSite=Strict; Path=/", token);
            rc = rc ? rc : cs_web_add_header(ctx, "Set-Cookie", cookie);
            if (rc)
                return rc;
        }
    }
    int rc = cs_web_raw(ctx, "<input type=\"hidden\" name=\"csrf\" value=\"");
    rc = rc ? rc : cs_web_html(ctx, token);
    return rc ? rc : cs_web_raw(ctx, "\">");
}

/* Equal strings, in a time that does not depend on where they differ. */
static int same(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char d = la != lb;
    for (size_t i = 0; i < la && i < lb; i++)
        d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

int cs_web_csrf_ok(const cs_web_ctx *ctx, int anonymous)
{
    const char *sent = cs_web_param_get(&ctx->form, "csrf");
    if (!sent || !*sent)
        return 0;
    if (!anonymous)
        return ctx->signed_in && *ctx->csrf && same(sent, ctx->csrf);
    char cookie[64];
    return csrf_cookie(cookie, sizeof cookie, ctx) == 0 && same(sent, cookie);
}

int cs_web_csrf_refused(cs_web_ctx *ctx)
{
    ctx->no_store = 1;
    return cs_web_page_error(ctx, 403, cs_web_t(ctx, "web.csrf_text"));
}

/* ------------------------------------------------------------------------------------------ */
/* Answers                                                                                     */

int cs_web_url_put(cs_buf *b, const char *s)
{
    static const char hexd[] = "0123456789ABCDEF";
    int rc = 0;
    for (const unsigned char *p = (const unsigned char *)s; !rc && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            rc = cs_buf_putc(b, (char)*p);
        else
            rc = cs_buf_printf(b, "%%%c%c", hexd[*p >> 4], hexd[*p & 15]);
    }
    return rc;
}

int cs_web_redirect(cs_web_ctx *ctx, const char *location)
{
    cs_buf_free(&ctx->res->body);
    cs_web_set_status(ctx, 303, "text/plain; charset=utf-8");
    int rc = cs_web_add_header(ctx, "Location", location);
    rc = rc ? rc : cs_web_raw(ctx, location);
    return rc ? rc : cs_web_raw(ctx, "\n");
}

int cs_web_refusal_status(int rc)
{
    switch (rc) {
    case CS_EDATA:
        return 422;
    case CS_EPERM:
        return 403;
    case CS_ENOTFOUND:
        return 404;
    case CS_ECONFLICT:
        return 409;
    case CS_ELIMIT:
        return 429;
    default:
        return 0;
    }
}

int cs_web_notice(cs_web_ctx *ctx, const char *const *known)
{
    const char *n = cs_web_param_get(&ctx->query, "notice");
    for (size_t i = 0; n && known[i]; i++)
        if (strcmp(n, known[i]) == 0) {
            char key[96];
            snprintf(key, sizeof key, "web.notice_%s", known[i]);
            int rc = cs_web_raw(ctx, "<p class=\"notice\" role=\"status\">");
            rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, key));
            return rc ? rc : cs_web_raw(ctx, "</p>\n");
        }
    return 0;
}

int cs_web_form_error(cs_web_ctx *ctx, const char *id, const char *message)
{
    int rc = cs_web_raw(ctx, "<p class=\"error\" role=\"alert\" id=\"");
    rc = rc ? rc : cs_web_html(ctx, id);
    rc = rc ? rc : cs_web_raw(ctx, "\">");
    rc = rc ? rc : cs_web_html(ctx, message);
    return rc ? rc : cs_web_raw(ctx, "</p>\n");
}
