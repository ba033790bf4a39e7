/*
 * service_session.c: browser sessions of the web observatory. A session token and its CSRF
 * token are 32 random bytes each (libsodium), given to the browser once; the registry keeps only
 * the BLAKE2b hash of the session token (a stolen copy of the registry opens no session), and
 * the CSRF token, which is worthless without the session cookie.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN_BYTES 32
#define TOKEN_TEXT  43 /* base64url of 32 bytes, no padding */

static int sodium_ready;

static void start_sodium(void)
{
    sodium_ready = sodium_init() >= 0;
}

static int need_sodium(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, start_sodium);
    return sodium_ready ? 0 : cs_error_set(CS_ERROR, "libsodium could not be initialised");
}

void cs_service_secret_digest(char out[65], const char *secret)
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)secret, secret ? strlen(secret) : 0,
                       NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* A new random token as base64url text (TOKEN_TEXT characters), the caller frees it. */
static int new_token(char **out)
{
    unsigned char bytes[TOKEN_BYTES];
    randombytes_buf(bytes, sizeof bytes);
    size_t cap = sodium_base64_ENCODED_LEN(TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    *out = malloc(cap);
    if (!*out)
        return cs_error_set(CS_ENOMEM, "out of memory");
    sodium_bin2base64(*out, cap, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes, sizeof bytes);
    return 0;
}

static void utc_time(char out[32], time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* 1 when TOKEN has the form of a session token (so that no other text is hashed and looked up). */
static int wellformed(const char *token)
{
    size_t n = token ? strlen(token) : 0;
    if (n != TOKEN_TEXT)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = token[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

int cs_service_session_open(char **session_token, char **csrf_token, cs_service *svc,
                            const cs_service_user *user)
{
    *session_token = *csrf_token = NULL;
    int rc = need_sodium();
    if (!rc && (!user || !user->name[0]))
        rc = cs_error_set(CS_EPERM, "a session needs an account");
    rc = rc ? rc : new_token(session_token);
    rc = rc ? rc : new_token(csrf_token);
    char hash[65], created[32], expires[32];
    time_t now = time(NULL);
    utc_time(created, now);
    utc_time(expires, now + CS_SERVICE_SESSION_HOURS * 3600);
    if (!rc) {
        cs_service_secret_digest(hash, *session_token);
        rc = cs_store_session_add(svc->store, hash, user->name, *csrf_token, created, expires);
    }
    if (rc) {
        free(*session_token);
        free(*csrf_token);
        *session_token = *csrf_token = NULL;
    }
    return rc;
}

int cs_service_session_check(cs_service_user *out, char csrf_out[64], cs_service *svc,
                             const char *session_token)
{
    memset(out, 0, sizeof *out);
    csrf_out[0] = '\0';
    int rc = need_sodium();
    if (rc)
        return rc;
    if (!wellformed(session_token))
        return cs_error_set(CS_ENOTFOUND, "no session (a malformed session token)");
    char hash[65], now[32];
    cs_service_secret_digest(hash, session_token);
    utc_time(now, time(NULL));
    cs_store_account a;
    rc = cs_store_session_find(&a, csrf_out, 64, svc->store, hash, now);
    if (rc == CS_ENOTFOUND)
        return cs_error_set(CS_ENOTFOUND, "no session (signed out, or expired)");
    if (rc)
        return rc;
    snprintf(out->name, sizeof out->name, "%s", a.name);
    snprintf(out->role, sizeof out->role, "%s", a.role);
    return 0;
}

int cs_service_session_close(cs_service *svc, const char *session_token)
{
    int rc = need_sodium();
    if (rc || !wellformed(session_token))
        return rc;
    char hash[65];
    cs_service_secret_digest(hash, session_token);
    return cs_store_session_delete(svc->store, hash);
}
