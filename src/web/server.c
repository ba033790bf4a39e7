/*
 * server.c: the app behind libmicrohttpd: a pool of worker threads over epoll, limits on
 * connections (in all and per address), on idle time and on the request body, one log line per
 * request, and a clean stop on SIGINT or SIGTERM. Each connection carries its raw URI (the query
 * string as sent) and its body until the request is complete; then cs_web_app_handle() answers.
 * A request must also arrive whole within the timeout: libmicrohttpd's timeout counts idle time
 * only, so a client sending a byte a second would hold its connection for ever (slowloris); the
 * thread that waits for the stop signal shuts such connections every quarter of a second.
 */
#include "web/web_impl.h"

#include "clusterscope/error.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* One open connection, for the deadline: `since` is when it began to wait for a request (its
 * start, or the end of its previous answer); `waiting` is 0 while a request is being answered.
 * Listed in server.watch; MHD reports a connection closed before it closes its socket, so a
 * socket in the list under the lock is still that connection's. */
typedef struct watched {
    struct watched *prev, *next;
    int fd;
    int waiting, shut;
    struct timespec since;
} watched;

typedef struct {
    char *uri;   /* as sent: path and query */
    cs_buf body; /* the body read so far */
    int too_large;
    int headers_seen; /* the first call brings the headers only; the body follows */
    struct timespec start;
} connection_state;

typedef struct {
    cs_web_app *app;
    const cs_web_options *opts;
    FILE *log;
    pthread_mutex_t log_lock;
    pthread_mutex_t watch_lock;
    watched *watch;
} server;

/* The connection's entry (NULL when it could not be made: such a connection has no deadline
 * beyond the idle timeout). */
static watched *watched_of(struct MHD_Connection *con)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void set_waiting(server *s, struct MHD_Connection *con, int waiting)
{
    watched *w = watched_of(con);
    if (!w)
        return;
    pthread_mutex_lock(&s->watch_lock);
    w->waiting = waiting;
    if (waiting)
        clock_gettime(CLOCK_MONOTONIC, &w->since);
    pthread_mutex_unlock(&s->watch_lock);
}

static void on_connection(void *cls, struct MHD_Connection *con, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    server *s = cls;
    watched *w = *socket_context;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!ci || !(w = calloc(1, sizeof *w)))
            return;
        w->fd = ci->connect_fd;
        w->waiting = 1;
        clock_gettime(CLOCK_MONOTONIC, &w->since);
        pthread_mutex_lock(&s->watch_lock);
        w->next = s->watch;
        if (s->watch)
            s->watch->prev = w;
        s->watch = w;
        pthread_mutex_unlock(&s->watch_lock);
        *socket_context = w;
    } else if (w) {
        pthread_mutex_lock(&s->watch_lock);
        if (w->prev)
            w->prev->next = w->next;
        else
            s->watch = w->next;
        if (w->next)
            w->next->prev = w->prev;
        pthread_mutex_unlock(&s->watch_lock);
        free(w);
        *socket_context = NULL;
    }
}

/* Shuts every connection that has waited longer than `timeout_s` for its request to arrive
 * whole; MHD then sees the socket closed and drops the connection in its own thread. */
static void shut_late(server *s, unsigned timeout_s)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    pthread_mutex_lock(&s->watch_lock);
    for (watched *w = s->watch; w; w = w->next) {
        long long waited_ms = (long long)(now.tv_sec - w->since.tv_sec) * 1000 +
                              (now.tv_nsec - w->since.tv_nsec) / 1000000;
        if (w->waiting && !w->shut && waited_ms >= (long long)timeout_s * 1000) {
            shutdown(w->fd, SHUT_RDWR);
            w->shut = 1;
        }
    }
    pthread_mutex_unlock(&s->watch_lock);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    (void)cls;
    (void)con;
    connection_state *st = calloc(1, sizeof *st);
    if (st) {
        st->uri = strdup(uri ? uri : "/");
        clock_gettime(CLOCK_MONOTONIC, &st->start);
    }
    return st;
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)code;
    set_waiting(cls, con, 1); /* the next request's time starts now */
    connection_state *st = *con_cls;
    if (!st)
        return;
    free(st->uri);
    cs_buf_free(&st->body);
    free(st);
    *con_cls = NULL;
}

static void client_address(char *out, size_t cap, struct MHD_Connection *con)
{
    snprintf(out, cap, "?");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)cap);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)cap);
}

static enum MHD_Result send_plain(struct MHD_Connection *con, unsigned status, const char *type,
                                  const char *text)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    enum MHD_Result ok = MHD_queue_response(con, status, r);
    MHD_destroy_response(r);
    return ok;
}

static void log_line(server *s, const char *client, const char *method, const char *uri, int status,
                     size_t bytes, const struct timespec *start)
{
    if (s->opts->quiet || !s->log)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms =
        (double)(now.tv_sec - start->tv_sec) * 1e3 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
    /* the URI is the client's: control bytes would forge log lines, so they become '?' */
    char safe[512];
    size_t i = 0;
    for (; uri[i] && i + 1 < sizeof safe; i++)
        safe[i] = (unsigned char)uri[i] < 0x20 || uri[i] == 0x7f ? '?' : uri[i];
    safe[i] = 0;
    pthread_mutex_lock(&s->log_lock);
    fprintf(s->log, "%s %s %s %d %zu %.1fms\n", client, method, safe, status, bytes, ms);
    fflush(s->log);
    pthread_mutex_unlock(&s->log_lock);
}

/* 413, logged: JSON with the stable code for the API, plain text for pages. */
static enum MHD_Result too_large(server *s, struct MHD_Connection *con, const char *method,
                                 connection_state *st)
{
    char client[64];
    client_address(client, sizeof client, con);
    log_line(s, client, method, st->uri, 413, 0, &st->start);
    if (strncmp(st->uri, "/api/", 5) == 0)
        return send_plain(con, 413, "application/json; charset=utf-8",
                          "{\"error\": {\"code\": \"payload_too_large\", \"message\": "
                          "\"the request body is larger than the server takes\"}}\n");
    return send_plain(con, 413, "text/plain; charset=utf-8", "request body too large\n");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    (void)url;
    (void)version;
    server *s = cls;
    connection_state *st = *con_cls;
    if (!st)
        return MHD_NO; /* out of memory in on_uri: drop the connection */
    size_t max_body = s->opts->max_body ? s->opts->max_body : (size_t)1 << 20;
    if (!st->headers_seen) {
        st->headers_seen = 1;
        /* a declared length over the limit is refused before the client sends the body (and
         * before "100 Continue"); a chunked body is checked as it arrives, below */
        const char *cl =
            MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > max_body) {
            st->too_large = 1;
            return too_large(s, con, method, st);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (st->too_large || st->body.len + *upload_size > max_body) {
            /* answer at once and let the server drop the rest of the body */
            *upload_size = 0;
            if (st->too_large)
                return MHD_YES;
            st->too_large = 1;
            return too_large(s, con, method, st);
        }
        if (cs_buf_append(&st->body, upload_data, *upload_size))
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    char client[64];
    client_address(client, sizeof client, con);
    if (st->too_large)
        return MHD_YES;     /* answered when the body grew too large */
    set_waiting(s, con, 0); /* arrived whole: answering it takes the time it takes */
    char *query = strchr(st->uri, '?');
    if (query)
        *query++ = 0;
    cs_web_request req = {
        method,
        st->uri,
        query,
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE),
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION),
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE),
        st->body.data ? st->body.data : "",
        st->body.len,
        client,
    };
    cs_web_response *res = NULL;
    if (cs_web_app_handle(&res, s->app, &req)) {
        cs_error_clear();
        log_line(s, client, method, st->uri, 503, 0, &st->start);
        return send_plain(con, 503, "text/plain; charset=utf-8", "out of memory\n");
    }
    size_t len = 0;
    const char *body = cs_web_response_body(res, &len);
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ok = MHD_NO;
    if (r) {
        MHD_add_response_header(r, "Content-Type", cs_web_response_content_type(res));
        const char *name, *value;
        for (size_t i = 0; cs_web_response_header(res, i, &name, &value); i++)
            MHD_add_response_header(r, name, value);
        ok = MHD_queue_response(con, (unsigned)cs_web_response_status(res), r);
        MHD_destroy_response(r);
    }
    log_line(s, client, method, query ? (query[-1] = '?', st->uri) : st->uri,
             cs_web_response_status(res), len, &st->start);
    cs_web_response_free(res);
    return ok;
}

/* "ADDR:PORT" (IPv4) into a socket address. */
static int parse_listen(struct sockaddr_in *sa, const char *listen)
{
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    const char *colon = strrchr(listen, ':');
    char host[64];
    if (!colon || (size_t)(colon - listen) >= sizeof host)
        return cs_error_set(CS_EUSAGE, "--listen takes ADDR:PORT (an IPv4 address), not '%s'",
                            listen);
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = 0;
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || port < 0 || port > 65535 ||
        inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return cs_error_set(CS_EUSAGE, "--listen takes ADDR:PORT (an IPv4 address), not '%s'",
                            listen);
    sa->sin_port = htons((uint16_t)port);
    return 0;
}

int cs_web_serve(cs_web_app *app, const cs_web_options *opts, void *log_file)
{
    cs_web_options o = opts ? *opts : (cs_web_options){ 0 };
    const char *listen = o.listen ? o.listen : "127.0.0.1:8080";
    struct sockaddr_in sa;
    int rc = parse_listen(&sa, listen);
    if (rc)
        return rc;
    server s = { app, &o, log_file, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, NULL };
    unsigned timeout_s = o.timeout_s ? o.timeout_s : 15;
    /* the signals are taken by this thread alone (sigwait): the workers inherit the mask */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL, on_request, &s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(o.threads ? o.threads : 2), MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)(o.max_clients ? o.max_clients : 256), MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)(o.per_ip ? o.per_ip : 64), MHD_OPTION_CONNECTION_TIMEOUT, timeout_s,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s, MHD_OPTION_END);
    if (!d) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return cs_error_set(CS_EIO,
                            "cannot listen on %s (in use, or not an address of this "
                            "machine)",
                            listen);
    }
    if (log_file) {
        /* port 0 lets the system choose: say the one it chose */
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        char host[64];
        inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
        fprintf(log_file, "clusterscope: serving %s at http://%s:%u/ (stop with Ctrl-C)\n",
                app->db_path, host, di ? (unsigned)di->port : (unsigned)ntohs(sa.sin_port));
        fflush(log_file);
    }
    int sig;
    const struct timespec tick = { 0, 250000000 };
    while ((sig = sigtimedwait(&stop, NULL, &tick)) < 0)
        shut_late(&s, timeout_s);
    MHD_stop_daemon(d);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (log_file) {
        fprintf(log_file, "clusterscope: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
        fflush(log_file);
    }
    return 0;
}
