/*
 * web.h: the web observatory: pages (English and Russian) and the JSON API over the registry,
 * served over HTTP by libmicrohttpd (`clusterscope serve`). Requests are handled by
 * cs_web_app_handle(), which knows nothing of sockets, so that tests and the fuzz target drive
 * it directly; cs_web_serve() puts it behind a server.
 *
 * Ownership: cs_web_app_new() hands the caller an app released with cs_web_app_free(); it opens
 * the registry itself, once per thread that handles requests (a connection is never shared
 * between threads). A cs_web_request and its strings belong to the caller; a cs_web_response
 * handed out by cs_web_app_handle() belongs to the caller, who frees it with
 * cs_web_response_free().
 *
 * Vocabulary: a "cluster" is the economic cluster of the registry.
 */
#ifndef CLUSTERSCOPE_WEB_H
#define CLUSTERSCOPE_WEB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *listen;   /* "ADDR:PORT"; NULL = 127.0.0.1:8080 */
    unsigned threads;     /* worker threads; 0 = 2 */
    unsigned max_clients; /* open connections at once; 0 = 256 */
    unsigned per_ip;      /* open connections from one address; 0 = 64 */
    unsigned timeout_s;   /* idle timeout, and time for a request to arrive whole, in s; 0 = 15 */
    size_t max_body;      /* largest request body in bytes; 0 = 1 MiB */
    int quiet;            /* 1: no request log */
} cs_web_options;

typedef struct cs_web_app cs_web_app;

/* One HTTP request, as the server read it. Strings are NUL-terminated; NULL when absent. */
typedef struct {
    const char *method;        /* "GET", "POST", "PATCH", ... */
    const char *path;          /* the path as sent, without the query (not yet decoded) */
    const char *query;         /* the raw query string after '?', or NULL */
    const char *cookie;        /* the Cookie header */
    const char *authorization; /* the Authorization header */
    const char *content_type;  /* the Content-Type header */
    const char *accept_language;
    const char *body; /* request body (may hold NULs), body_len bytes */
    size_t body_len;
    const char *client; /* the client's address as text, for limits and the log */
} cs_web_request;

typedef struct cs_web_response cs_web_response;

/* Opens the registry at db_path for the app (read-only until a handler writes). */
int cs_web_app_new(cs_web_app **out, const char *db_path, const cs_web_options *opts);
void cs_web_app_free(cs_web_app *app);

/* Handles one request; *out always receives a response unless CS_ENOMEM is returned. */
int cs_web_app_handle(cs_web_response **out, cs_web_app *app, const cs_web_request *req);

int cs_web_response_status(const cs_web_response *r);
const char *cs_web_response_content_type(const cs_web_response *r);
const char *cs_web_response_body(const cs_web_response *r, size_t *len);
/* Header i (0-based) besides Content-Type; 0 when there is none. */
int cs_web_response_header(const cs_web_response *r, size_t i, const char **name,
                           const char **value);
void cs_web_response_free(cs_web_response *r);

/*
 * Serves the app on opts->listen until SIGINT or SIGTERM; prints the address to `log` (may be
 * NULL) and, unless opts->quiet, one line per request. CS_EIO when the address cannot be bound.
 */
int cs_web_serve(cs_web_app *app, const cs_web_options *opts, void *log_file);

#ifdef __cplusplus
}
#endif

#endif
