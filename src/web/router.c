/*
 * router.c: the app and the dispatch of a request: limits and decoding, the language prefix of
 * pages (/en/..., /ru/...; / sends to the one the browser prefers), the API under /api/v1/,
 * static files under /static/, routes matched by method and pattern, and the headers every
 * response carries.
 */
#include "web/form_impl.h"

#include "clusterscope/error.h"
#include "util/embedded.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void close_service(void *svc)
{
    cs_service_close(svc);
}

/* The values each worker thread keeps for the app, and what releases each at the thread's end
 * (the key's destructor) or when the app is freed (the calling thread's own). */
typedef struct {
    pthread_key_t *key;
    void (*release)(void *);
} thread_value;

enum { N_THREAD_VALUES = 6 };

static void thread_values(thread_value out[N_THREAD_VALUES], cs_web_app *app)
{
    out[0] = (thread_value){ &app->svc_key, close_service };
    out[1] = (thread_value){ &app->cache_key, cs_web_cache_free };
    out[2] = (thread_value){ &app->writer_key, close_service };
    out[3] = (thread_value){ &app->memo_key, cs_web_memo_free };
    out[4] = (thread_value){ &app->typology_key, cs_web_typology_memo_free };
    out[5] = (thread_value){ &app->regional_key, cs_web_regional_memo_free };
}

int cs_web_app_new(cs_web_app **out, const char *db_path, const cs_web_options *opts)
{
    *out = NULL;
    /* open once here, so that a missing or foreign registry is refused before serving */
    cs_service *probe = NULL;
    int rc = cs_service_open(&probe, db_path, CS_SERVICE_READ);
    cs_service_close(probe);
    if (rc)
        return rc;
    cs_web_app *app = calloc(1, sizeof *app);
    if (!app || !(app->db_path = strdup(db_path))) {
        free(app);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (opts)
        app->opts = *opts;
    thread_value v[N_THREAD_VALUES];
    thread_values(v, app);
    for (size_t i = 0; i < N_THREAD_VALUES; i++) {
        if (pthread_key_create(v[i].key, v[i].release) != 0) {
            while (i-- > 0)
                pthread_key_delete(*v[i].key);
            free(app->db_path);
            free(app);
            return cs_error_set(CS_ERROR, "cannot create a thread key");
        }
    }
    if (!(app->login_limit = cs_web_login_limit_new())) {
        cs_web_app_free(app);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    *out = app;
    return 0;
}

void cs_web_app_free(cs_web_app *app)
{
    if (!app)
        return;
    thread_value v[N_THREAD_VALUES];
    thread_values(v, app);
    for (size_t i = 0; i < N_THREAD_VALUES; i++) {
        void *value = pthread_getspecific(*v[i].key);
        if (value) {
            pthread_setspecific(*v[i].key, NULL);
            v[i].release(value);
        }
        pthread_key_delete(*v[i].key);
    }
    cs_web_login_limit_free(app->login_limit);
    free(app->db_path);
    free(app);
}

/* The calling thread's connection to the registry, opened on its first request. */
static int thread_service(cs_service **out, cs_web_app *app)
{
    *out = pthread_getspecific(app->svc_key);
    if (*out)
        return 0;
    int rc = cs_service_open(out, app->db_path, CS_SERVICE_READ);
    if (rc)
        return rc;
    pthread_setspecific(app->svc_key, *out);
    return 0;
}

/* Whether `pattern` matches `path`, capturing each {name} segment into ctx->caps. */
static int match(cs_web_ctx *ctx, const char *pattern, const char *path)
{
    ctx->n_caps = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *pe = strchr(p, '}');
            const char *se = strchr(s, '/');
            size_t len = se ? (size_t)(se - s) : strlen(s);
            if (!pe || len == 0 || ctx->n_caps == CS_WEB_MAX_CAPS)
                return 0;
            char *cap = malloc(len + 1);
            if (!cap)
                return 0;
            memcpy(cap, s, len);
            cap[len] = 0;
            ctx->caps[ctx->n_caps++] = cap;
            p = pe + 1;
            s += len;
        } else if (*p++ != *s++) {
            return 0;
        }
    }
    return *p == 0 && *s == 0;
}

static void free_caps(cs_web_ctx *ctx)
{
    for (size_t i = 0; i < ctx->n_caps; i++)
        free(ctx->caps[i]);
    ctx->n_caps = 0;
}

/* Runs the route of `table` that matches; 405 when only the method differs, 404 when none. */
static int dispatch(cs_web_ctx *ctx, const cs_web_route *table, size_t n, const char *path, int api)
{
    int other_method = 0;
    for (size_t i = 0; i < n; i++) {
        int m = match(ctx, table[i].pattern, path);
        /* HEAD is GET without the body (the server sends no body to HEAD) */
        const char *method = strcmp(ctx->req->method, "HEAD") == 0 ? "GET" : ctx->req->method;
        if (m && strcmp(table[i].method, method) == 0) {
            int rc = table[i].fn(ctx);
            free_caps(ctx);
            return rc;
        }
        other_method |= m;
        free_caps(ctx);
    }
    if (other_method)
        return api ? cs_web_json_error(ctx, 405, "method_not_allowed",
                                       "this address does not take that method")
                   : cs_web_page_error(ctx, 405, cs_i18n_text(ctx->lang, "web.bad_request"));
    return api ? cs_web_json_error(ctx, 404, "not_found", "no such resource")
               : cs_web_page_error(ctx, 404, cs_i18n_text(ctx->lang, "web.not_found_text"));
}

static const char *static_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return "application/octet-stream";
    if (strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    if (strcmp(dot, ".json") == 0)
        return "application/json; charset=utf-8";
    if (strcmp(dot, ".svg") == 0)
        return "image/svg+xml";
    if (strcmp(dot, ".png") == 0)
        return "image/png";
    return "application/octet-stream";
}

/* /static/NAME: the embedded file web/static/NAME (no '/' or ".." in NAME). */
static int serve_static(cs_web_ctx *ctx, const char *name)
{
    char path[256];
    if (strchr(name, '/') || strstr(name, "..") || !*name ||
        snprintf(path, sizeof path, "web/static/%s", name) >= (int)sizeof path)
        return cs_web_page_error(ctx, 404, cs_i18n_text(ctx->lang, "web.not_found_text"));
    const cs_embedded_file *f = cs_embedded_find(path);
    if (!f)
        return cs_web_page_error(ctx, 404, cs_i18n_text(ctx->lang, "web.not_found_text"));
    cs_web_set_status(ctx, 200, static_type(name));
    int rc = cs_web_add_header(ctx, "Cache-Control", "public, max-age=3600");
    return rc ? rc : cs_buf_append(&ctx->res->body, f->data, f->size);
}

/* The language the browser prefers of the two, from Accept-Language: ru when it comes first. */
static cs_lang preferred(const char *accept)
{
    if (!accept)
        return CS_LANG_EN;
    const char *ru = strstr(accept, "ru"), *en = strstr(accept, "en");
    return ru && (!en || ru < en) ? CS_LANG_RU : CS_LANG_EN;
}

static int route(cs_web_ctx *ctx)
{
    const cs_web_request *req = ctx->req;
    const char *path = req->path ? req->path : "/";
    size_t plen = strlen(path);
    int api = strncmp(path, "/api/", 5) == 0;
    if (plen > CS_WEB_MAX_PATH || (req->query && strlen(req->query) > CS_WEB_MAX_QUERY))
        return api ? cs_web_json_error(ctx, 414, "bad_parameter",
                                       "the path or the query string is too long")
                   : cs_web_page_error(ctx, 414, cs_i18n_text(ctx->lang, "web.bad_request"));
    if (cs_web_decode(ctx->path, sizeof ctx->path, path, plen, 0) || ctx->path[0] != '/')
        return api ? cs_web_json_error(ctx, 400, "bad_parameter",
                                       "the path is not valid percent-encoded UTF-8")
                   : cs_web_page_error(ctx, 400, cs_i18n_text(ctx->lang, "web.bad_request"));
    if (cs_web_parse_params(&ctx->query, req->query, req->query ? strlen(req->query) : 0)) {
        cs_error_clear();
        return api ? cs_web_json_error(ctx, 400, "bad_parameter",
                                       "the query string is not valid percent-encoded UTF-8")
                   : cs_web_page_error(ctx, 400, cs_i18n_text(ctx->lang, "web.bad_request"));
    }
    if (req->content_type &&
        strncmp(req->content_type, "application/x-www-form-urlencoded", 33) == 0 &&
        cs_web_parse_params(&ctx->form, req->body, req->body_len)) {
        cs_error_clear();
        return api ? cs_web_json_error(ctx, 400, "bad_parameter",
                                       "the form is not valid percent-encoded UTF-8")
                   : cs_web_page_error(ctx, 400, cs_i18n_text(ctx->lang, "web.bad_request"));
    }
    if (api) {
        if (strncmp(ctx->path, "/api/v1/", 8) != 0)
            return cs_web_json_error(ctx, 404, "not_found", "the API is under /api/v1/");
        ctx->base = "/en";
        return dispatch(ctx, cs_web_api_routes, cs_web_api_route_count, ctx->path + 7, 1);
    }
    if (strcmp(ctx->path, "/static/world.json") == 0)
        return cs_web_world_json(ctx); /* written from the C data of the world outline */
    if (strncmp(ctx->path, "/static/", 8) == 0)
        return serve_static(ctx, ctx->path + 8);
    if (strcmp(ctx->path, "/") == 0) {
        ctx->lang = preferred(req->accept_language);
        cs_web_set_status(ctx, 303, "text/plain; charset=utf-8");
        int rc = cs_web_add_header(ctx, "Location", ctx->lang == CS_LANG_RU ? "/ru/" : "/en/");
        return rc ? rc : cs_web_raw(ctx, ctx->lang == CS_LANG_RU ? "/ru/\n" : "/en/\n");
    }
    if (strncmp(ctx->path, "/en/", 4) == 0 || strcmp(ctx->path, "/en") == 0) {
        ctx->lang = CS_LANG_EN;
        ctx->base = "/en";
    } else if (strncmp(ctx->path, "/ru/", 4) == 0 || strcmp(ctx->path, "/ru") == 0) {
        ctx->lang = CS_LANG_RU;
        ctx->base = "/ru";
    } else {
        return cs_web_page_error(ctx, 404, cs_i18n_text(ctx->lang, "web.not_found_text"));
    }
    /* who is signed in: the header names them, their forms carry the session's token */
    int rc = cs_web_session_load(ctx);
    if (rc)
        return rc;
    const char *rest = ctx->path[3] ? ctx->path + 3 : "/";
    /* the language switch links to the same page: keep the path after the prefix */
    memmove(ctx->path, rest, strlen(rest) + 1);
    return dispatch(ctx, cs_web_page_routes, cs_web_page_route_count, ctx->path, 0);
}

/* Headers on every answer: no sniffing, no framing, nothing loaded from elsewhere. */
static int security_headers(cs_web_ctx *ctx)
{
    int rc = cs_web_add_header(ctx, "X-Content-Type-Options", "nosniff");
    rc = rc ? rc : cs_web_add_header(ctx, "X-Frame-Options", "DENY");
    rc = rc ? rc : cs_web_add_header(ctx, "Referrer-Policy", "no-referrer");
    return rc ? rc
              : cs_web_add_header(ctx, "Content-Security-Policy",
                                  "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                  "script-src 'self'; object-src 'none'; base-uri 'none'; "
                                  "form-action 'self'; frame-ancestors 'none'");
}

int cs_web_app_handle(cs_web_response **out, cs_web_app *app, const cs_web_request *req)
{
    *out = NULL;
    cs_web_response *res = NULL;
    int rc = cs_web_response_new(&res);
    if (rc)
        return rc;
    cs_web_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.app = app;
    ctx.req = req;
    ctx.res = res;
    ctx.lang = CS_LANG_EN;
    ctx.base = "/en";
    rc = security_headers(&ctx);
    if (!rc && (rc = thread_service(&ctx.svc, app)) != 0) {
        int api = req->path && strncmp(req->path, "/api/", 5) == 0;
        rc = api ? cs_web_json_error(&ctx, 503, "registry_unavailable", cs_error_last())
                 : cs_web_page_error(&ctx, 503, cs_error_last());
    }
    /* an answer already made for this request at this state of the registry is sent again */
    char key[CS_WEB_MAX_PATH + CS_WEB_MAX_QUERY + 16];
    long long version = 0;
    int cacheable = !rc && ctx.svc && cs_web_cache_key(key, sizeof key, req) == 0 &&
                    cs_service_data_version(&version, ctx.svc) == 0;
    if (cacheable) {
        cs_web_response *hit = cs_web_cache_get(app, key, version);
        if (hit) {
            cs_web_response_free(res);
            *out = hit;
            return 0;
        }
    }
    cs_error_clear();
    if (!rc && ctx.svc)
        rc = route(&ctx);
    /* a page for one person or with a token in it is kept by no one */
    if (!rc && ctx.no_store)
        rc = cs_web_add_header(&ctx, "Cache-Control", "no-store");
    if (!rc && cacheable && !ctx.no_store)
        cs_web_cache_put(app, key, version, res);
    if (rc && rc != CS_ENOMEM) {
        /* a handler's failure: the message, never half a page */
        const char *msg = cs_error_last();
        int api = req->path && strncmp(req->path, "/api/", 5) == 0;
        rc = api ? cs_web_json_error(&ctx, 500, "server_error", msg)
                 : cs_web_page_error(&ctx, 500, msg);
    }
    cs_web_params_free(&ctx.query);
    cs_web_params_free(&ctx.form);
    if (rc) {
        cs_web_response_free(res);
        return rc;
    }
    *out = res;
    return 0;
}
