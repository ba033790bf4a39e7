/*
 * web_impl.h: what the files of src/web share: the app (one registry connection per thread),
 * the context a handler receives, the route table, and the response and parsing helpers.
 * A handler writes into ctx->res and returns 0, or an error code (the router then answers 500
 * with the message; a handler that answers an error itself returns 0).
 *
 * Invariants:
 * - Nothing here speaks SQL: every read and write goes through the service (service.h).
 * - Every text from the registry or the request is escaped for where it lands (HTML text,
 *   attribute, JSON); pages carry a Content-Security-Policy that allows only this server.
 * - A request is parsed within fixed limits (path, query, cookie and body sizes, parameter
 *   counts); past them it is refused (414, 413, 400), never truncated silently.
 */
#ifndef CS_WEB_IMPL_H
#define CS_WEB_IMPL_H

#include "clusterscope/i18n.h"
#include "clusterscope/service.h"
#include "clusterscope/web.h"
#include "util/buf.h"

#include <pthread.h>
#include <stddef.h>

#define CS_WEB_MAX_PATH    2048 /* bytes of a path */
#define CS_WEB_MAX_QUERY   4096 /* bytes of a query string */
#define CS_WEB_MAX_PARAMS  64   /* parameters of a query or form */
#define CS_WEB_MAX_CAPS    4    /* {captures} of a route */
#define CS_WEB_MAX_HEADERS 16

struct cs_web_app {
    char *db_path;
    cs_web_options opts;
    pthread_key_t svc_key;                  /* the thread's cs_service */
    pthread_key_t cache_key;                /* the thread's answers already made (cache.c) */
    pthread_key_t writer_key;               /* the thread's cs_service that may write (auth.c) */
    pthread_key_t memo_key;                 /* the thread's tokens already checked (auth.c) */
    pthread_key_t typology_key;             /* the thread's typology (page_common.c) */
    pthread_key_t regional_key;             /* the thread's regional views (page_regional.c) */
    struct cs_web_login_limit *login_limit; /* failed logins per address (session.c) */
};

typedef struct {
    char *name, *value; /* decoded */
} cs_web_param;

typedef struct {
    cs_web_param items[CS_WEB_MAX_PARAMS];
    size_t n;
} cs_web_params;

struct cs_web_response {
    int status;
    char content_type[96];
    cs_buf body;
    char *header_names[CS_WEB_MAX_HEADERS], *header_values[CS_WEB_MAX_HEADERS];
    size_t n_headers;
};

typedef struct {
    cs_web_app *app;
    const cs_web_request *req;
    cs_web_response *res;
    cs_service *svc;
    cs_lang lang;                   /* pages: from the URL prefix (/en/, /ru/); the API: en */
    const char *base;               /* "/en" or "/ru": the prefix of this language's page links */
    char path[CS_WEB_MAX_PATH + 1]; /* decoded path */
    char *caps[CS_WEB_MAX_CAPS];    /* the route's {captures}, decoded, in order */
    size_t n_caps;
    cs_web_params query; /* the query string's parameters */
    cs_web_params form;  /* an application/x-www-form-urlencoded body's fields */
    /* pages: who is signed in, from the session cookie (session.c), and the session's CSRF
     * token that every form of a signed-in user carries */
    cs_service_user user;
    int signed_in;
    char csrf[64];
    int no_store; /* personal, or carries a token: never cached, sent with no-store */
} cs_web_ctx;

typedef int (*cs_web_handler)(cs_web_ctx *ctx);

typedef struct {
    const char *method;  /* "GET", ... */
    const char *pattern; /* "/clusters/{key}": a {capture} takes one path segment */
    cs_web_handler fn;
} cs_web_route;

/* The route tables (pages: under the language prefix; api: under /api/v1). */
extern const cs_web_route cs_web_page_routes[];
extern const size_t cs_web_page_route_count;
extern const cs_web_route cs_web_api_routes[];
extern const size_t cs_web_api_route_count;

/* ------------------------------------------------------------------------------------------ */
/* Parsing (request.c)                                                                         */

/* Percent-decodes s (n bytes) into out (cap bytes, NUL-terminated); '+' is a space when `form`.
 * -1 when the result does not fit, contains a NUL byte or is not valid UTF-8. */
int cs_web_decode(char *out, size_t cap, const char *s, size_t n, int form);
/* Parses "a=1&b=2" (NULL is empty) into params. CS_EDATA when malformed or over the limits. */
int cs_web_parse_params(cs_web_params *out, const char *s, size_t n);
void cs_web_params_free(cs_web_params *p);
/* The first value of `name`, or NULL. */
const char *cs_web_param_get(const cs_web_params *p, const char *name);
/* The value of cookie `name` from a Cookie header into out; 0, or -1 when absent or too long. */
int cs_web_cookie(char *out, size_t cap, const char *header, const char *name);

/* ------------------------------------------------------------------------------------------ */
/* Who asks, and the connection that writes (auth.c)                                           */

/* The cookie that carries a browser's session token (HttpOnly, SameSite=Strict). */
#define CS_WEB_SESSION_COOKIE "cs_session"

/*
 * The calling thread's registry connection that may write (CS_SERVICE_WRITE), opened on the
 * thread's first write and kept; the SQLite busy timeout makes a second writer wait its turn.
 * Reads for the answer stay on ctx->svc; after a commit here, ctx->svc's data version changes,
 * so no answer kept in the cache (keyed by it) is served again.
 */
int cs_web_writer(cs_service **out, cs_web_ctx *ctx);

/*
 * Who sends the request: under /api/ a token ("Authorization: Bearer cst_..."), on pages the
 * session cookie (then ctx->csrf receives the session's CSRF token); a cookie is never taken by
 * the API, so that a page elsewhere cannot write through a browser's session. 0 with *out
 * filled; CS_ENOTFOUND when anonymous, or the token or session is unknown, malformed or expired
 * (the message says which). A token checked once is kept in a memo of the thread, keyed by its
 * BLAKE2b hash, so that a token costs one Argon2id hash per thread while the registry's
 * accounts are as they were (after a commit, a memo entry is checked again by one read).
 */
int cs_web_auth(cs_service_user *out, cs_web_ctx *ctx);
/* The thread's memo, at the thread's end (the key's destructor). */
void cs_web_memo_free(void *memo);
/* The thread's typology memo (page_common.c), at the thread's end. */
void cs_web_typology_memo_free(void *memo);
/* The thread's memo of regional views (page_regional.c), at the thread's end. */
void cs_web_regional_memo_free(void *memo);

/* ------------------------------------------------------------------------------------------ */
/* Answers already made (cache.c)                                                              */

/* The cache key of a request into out; -1 when the request is not one to cache (not GET or
 * HEAD, a cookie or credentials, "/", or too long). */
int cs_web_cache_key(char *out, size_t cap, const cs_web_request *req);
/* A copy of the answer kept for key at this data version, or NULL. */
cs_web_response *cs_web_cache_get(cs_web_app *app, const char *key, long long version);
/* Keeps a copy of res for key at this data version (only 200 and 404, and not too large). */
void cs_web_cache_put(cs_web_app *app, const char *key, long long version,
                      const cs_web_response *res);
/* The thread's cache, at the thread's end (the key's destructor). */
void cs_web_cache_free(void *cache);

/* ------------------------------------------------------------------------------------------ */
/* Responses (response.c)                                                                      */

int cs_web_response_new(cs_web_response **out);
void cs_web_set_status(cs_web_ctx *ctx, int status, const char *content_type);
int cs_web_add_header(cs_web_ctx *ctx, const char *name, const char *value);
/* Appends to the body: as it is, escaped for HTML text or attributes, formatted. */
int cs_web_raw(cs_web_ctx *ctx, const char *s);
int cs_web_html(cs_web_ctx *ctx, const char *s);
int cs_web_printf(cs_web_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A JSON error body {"error": {"code": CODE, "message": MESSAGE}} with the status. */
int cs_web_json_error(cs_web_ctx *ctx, int status, const char *code, const char *message);
/* The same for pages: a page with the status, a heading and the message. */
int cs_web_page_error(cs_web_ctx *ctx, int status, const char *message);
/* The page frame: <!DOCTYPE html> ... <main> with the title and the language switch, and its end.
 */
int cs_web_page_begin(cs_web_ctx *ctx, const char *title);
int cs_web_page_end(cs_web_ctx *ctx);

#endif
