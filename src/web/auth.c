/*
 * auth.c: who sends a request (a token for the API, the session cookie for pages) and the
 * connection a thread writes with. Checking a token costs one Argon2id hash (some 30 ms, on
 * purpose); a thread keeps the tokens it has accepted in a small memo keyed by their BLAKE2b
 * hash, so that an editor's writes under load are not bound by Argon2. An entry holds the
 * registry's data version it was checked at: after any commit it is checked again by one read
 * of the token's row (no hash), so a revoked token or a changed role is seen at once.
 */
#include "web/web_impl.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_SIZE 32

typedef struct {
    char digest[65]; /* "" = free */
    long long version;
    cs_service_user user;
} memo_entry;

typedef struct {
    memo_entry e[MEMO_SIZE];
    size_t next; /* the slot replaced next (round robin) */
} memo;

void cs_web_memo_free(void *m)
{
    free(m);
}

static void close_service(cs_service *svc)
{
    cs_service_close(svc);
}

int cs_web_writer(cs_service **out, cs_web_ctx *ctx)
{
    *out = pthread_getspecific(ctx->app->writer_key);
    if (*out)
        return 0;
    int rc = cs_service_open(out, ctx->app->db_path, CS_SERVICE_WRITE);
    if (rc)
        return rc;
    if (pthread_setspecific(ctx->app->writer_key, *out) != 0) {
        close_service(*out);
        *out = NULL;
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    return 0;
}

static memo *thread_memo(cs_web_app *app)
{
    memo *m = pthread_getspecific(app->memo_key);
    if (!m && (m = calloc(1, sizeof *m)) && pthread_setspecific(app->memo_key, m) != 0) {
        free(m);
        m = NULL;
    }
    return m;
}

static int check_token(cs_service_user *out, cs_web_ctx *ctx, const char *token)
{
    char digest[65];
    cs_service_secret_digest(digest, token);
    long long version = 0;
    int rc = cs_service_data_version(&version, ctx->svc);
    if (rc)
        return rc;
    memo *m = thread_memo(ctx->app);
    for (size_t i = 0; m && i < MEMO_SIZE; i++) {
        memo_entry *e = &m->e[i];
        if (strcmp(e->digest, digest) != 0)
            continue;
        if (e->version == version) {
            *out = e->user;
            return 0;
        }
        cs_service_user now;
        rc = cs_service_user_token_account(&now, ctx->svc, token);
        if (rc || strcmp(now.name, e->user.name) != 0) {
            e->digest[0] = '\0';
            if (rc && rc != CS_ENOTFOUND)
                return rc;
            return cs_error_set(CS_ENOTFOUND, "no account has this token (revoked)");
        }
        e->user = now;
        e->version = version;
        *out = now;
        return 0;
    }
    rc = cs_service_user_check_token(out, ctx->svc, token);
    if (rc == CS_EDATA) {
        /* a malformed token is no account's: anonymous, with the message saying why */
        char why[512];
        snprintf(why, sizeof why, "%s", cs_error_last());
        rc = cs_error_set(CS_ENOTFOUND, "%s", why);
    }
    if (rc || !m)
        return rc;
    memo_entry *e = &m->e[m->next];
    m->next = (m->next + 1) % MEMO_SIZE;
    memcpy(e->digest, digest, sizeof e->digest);
    e->version = version;
    e->user = *out;
    return 0;
}

int cs_web_auth(cs_service_user *out, cs_web_ctx *ctx)
{
    memset(out, 0, sizeof *out);
    ctx->csrf[0] = '\0';
    const cs_web_request *req = ctx->req;
    int api = req->path && strncmp(req->path, "/api/", 5) == 0;
    if (api) {
        const char *h = req->authorization;
        if (!h || !*h)
            return cs_error_set(CS_ENOTFOUND, "no credentials: send Authorization: Bearer TOKEN");
        if (strncasecmp(h, "Bearer ", 7) != 0)
            return cs_error_set(CS_ENOTFOUND,
                                "the Authorization header is not 'Bearer TOKEN' (the API takes "
                                "an account's token)");
        const char *token = h + 7;
        while (*token == ' ')
            token++;
        return check_token(out, ctx, token);
    }
    char session[128];
    if (!req->cookie || cs_web_cookie(session, sizeof session, req->cookie, CS_WEB_SESSION_COOKIE))
        return cs_error_set(CS_ENOTFOUND, "not signed in");
    return cs_service_session_check(out, ctx->csrf, ctx->svc, session);
}
