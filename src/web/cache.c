/*
 * cache.c: answers already made, kept per worker thread and keyed by the request (method, path,
 * query) and the registry's data version. The data version changes whenever another connection
 * or process commits to the registry, so an answer is served again only while the registry is
 * exactly as it was when the answer was made: a cached page never shows a state that has gone,
 * and never mixes two. Only GET and HEAD without cookies (but the anonymous forms' CSRF token)
 * or credentials are kept (nothing personal), never an answer the router marks no-store, only
 * answers 200 and 404, each at most CS_WEB_CACHE_BODY bytes; the table holds
 * CS_WEB_CACHE_ENTRIES and replaces the oldest first.
 */
#include "web/web_impl.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

#define CS_WEB_CACHE_ENTRIES 128
#define CS_WEB_CACHE_BODY    (4u << 20)

typedef struct {
    char *key;
    long long version;
    cs_web_response *res;
} entry;

typedef struct {
    entry e[CS_WEB_CACHE_ENTRIES];
    size_t next; /* the slot replaced next */
} cache;

void cs_web_cache_free(void *p)
{
    cache *c = p;
    if (!c)
        return;
    for (size_t i = 0; i < CS_WEB_CACHE_ENTRIES; i++) {
        free(c->e[i].key);
        cs_web_response_free(c->e[i].res);
    }
    free(c);
}

/* A deep copy of a response; NULL when out of memory. */
static cs_web_response *copy(const cs_web_response *r)
{
    cs_web_response *d = NULL;
    if (cs_web_response_new(&d))
        return NULL;
    d->status = r->status;
    memcpy(d->content_type, r->content_type, sizeof d->content_type);
    if (r->body.len && cs_buf_append(&d->body, r->body.data, r->body.len)) {
        cs_web_response_free(d);
        return NULL;
    }
    for (size_t i = 0; i < r->n_headers; i++) {
        d->header_names[i] = strdup(r->header_names[i]);
        d->header_values[i] = strdup(r->header_values[i]);
        d->n_headers = i + 1;
        if (!d->header_names[i] || !d->header_values[i]) {
            cs_web_response_free(d);
            return NULL;
        }
    }
    return d;
}

/* Whether a Cookie header holds only the anonymous forms' CSRF token (session.c): a visitor who
 * once opened the login or registration form sends it with every request, and no page but those
 * forms reads it (they are sent with no-store and never kept), so it need not cost them the
 * cache. */
static int only_form_token(const char *cookie)
{
    while (*cookie == ' ')
        cookie++;
    if (strncmp(cookie, "cs_csrf=", 8) != 0)
        return 0;
    cookie += 8;
    size_t n = strspn(cookie, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    cookie += n;
    while (*cookie == ' ' || *cookie == ';')
        cookie++;
    return n == 43 && *cookie == 0;
}

int cs_web_cache_key(char *out, size_t cap, const cs_web_request *req)
{
    if (!req->method || !req->path || (req->cookie && !only_form_token(req->cookie)) ||
        req->authorization)
        return -1;
    int head = strcmp(req->method, "HEAD") == 0;
    if (!head && strcmp(req->method, "GET") != 0)
        return -1;
    /* "/" answers by Accept-Language: not kept */
    if (strcmp(req->path, "/") == 0)
        return -1;
    int n = snprintf(out, cap, "%s %s?%s", head ? "HEAD" : "GET", req->path,
                     req->query ? req->query : "");
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static cache *thread_cache(cs_web_app *app)
{
    cache *c = pthread_getspecific(app->cache_key);
    if (!c && (c = calloc(1, sizeof *c)) != NULL && pthread_setspecific(app->cache_key, c) != 0) {
        free(c);
        c = NULL;
    }
    return c;
}

cs_web_response *cs_web_cache_get(cs_web_app *app, const char *key, long long version)
{
    cache *c = thread_cache(app);
    for (size_t i = 0; c && i < CS_WEB_CACHE_ENTRIES; i++)
        if (c->e[i].key && c->e[i].version == version && strcmp(c->e[i].key, key) == 0)
            return copy(c->e[i].res);
    return NULL;
}

void cs_web_cache_put(cs_web_app *app, const char *key, long long version,
                      const cs_web_response *res)
{
    if ((res->status != 200 && res->status != 404) || res->body.len > CS_WEB_CACHE_BODY)
        return;
    cache *c = thread_cache(app);
    if (!c)
        return;
    /* the same key again (a newer version): that slot; else the oldest */
    size_t slot = c->next;
    for (size_t i = 0; i < CS_WEB_CACHE_ENTRIES; i++)
        if (c->e[i].key && strcmp(c->e[i].key, key) == 0)
            slot = i;
    char *k = strdup(key);
    cs_web_response *r = copy(res);
    if (!k || !r) {
        free(k);
        cs_web_response_free(r);
        return;
    }
    free(c->e[slot].key);
    cs_web_response_free(c->e[slot].res);
    c->e[slot] = (entry){ k, version, r };
    if (slot == c->next)
        c->next = (c->next + 1) % CS_WEB_CACHE_ENTRIES;
}
