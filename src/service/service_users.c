/*
 * service_users.c: accounts, passwords and API tokens. Secrets are hashed here with Argon2id
 * (libargon2), each with its own 16-byte salt from getrandom(); the store sees only hashes and
 * token prefixes. Parameters: t = 2, m = 19 MiB, p = 1 (OWASP's minimum for Argon2id), a
 * 32-byte hash: some 30 ms per hash, paid once per check.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

#include <argon2.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define T_COST       2
#define M_COST       19456
#define PARALLELISM  1
#define SALT_LEN     16
#define HASH_LEN     32
#define TOKEN_BYTES  32
#define TOKEN_TEXT   43 /* base64url of 32 bytes, no padding */
#define TOKEN_PREFIX 8
#define PASSWORD_MIN 10
#define PASSWORD_MAX 1024

static int random_bytes(unsigned char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return cs_error_set(CS_ERROR, "no random bytes from the system: %s", strerror(errno));
        got += (size_t)r;
    }
    return 0;
}

/* The Argon2id hash of SECRET in its encoded form, into out (cap bytes). */
static int hash_secret(char *out, size_t cap, const char *secret, size_t len)
{
    unsigned char salt[SALT_LEN];
    int rc = random_bytes(salt, sizeof salt);
    if (rc)
        return rc;
    if (argon2_encodedlen(T_COST, M_COST, PARALLELISM, SALT_LEN, HASH_LEN, Argon2_id) > cap)
        return cs_error_set(CS_ERROR, "internal: the hash's buffer is too small");
    int a = argon2id_hash_encoded(T_COST, M_COST, PARALLELISM, secret, len, salt, sizeof salt,
                                  HASH_LEN, out, cap);
    if (a != ARGON2_OK)
        return cs_error_set(a == ARGON2_MEMORY_ALLOCATION_ERROR ? CS_ENOMEM : CS_ERROR,
                            "hashing a secret: %s", argon2_error_message(a));
    return 0;
}

/* 1 when SECRET matches ENCODED, 0 when not (or ENCODED is no hash). */
static int matches(const char *encoded, const char *secret, size_t len)
{
    return *encoded && argon2id_verify(encoded, secret, len) == ARGON2_OK;
}

static void utc_now(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int check_role(const char *role)
{
    static const char *const roles[] = { "viewer", "editor", "admin" };
    for (size_t i = 0; role && i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(role, roles[i]) == 0)
            return 0;
    return cs_error_set(CS_EUSAGE, "role '%s': expected viewer, editor or admin", role ? role : "");
}

int cs_service_user_check_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > CS_SERVICE_USER_NAME_MAX)
        return cs_error_set(CS_EUSAGE,
                            "account name '%s': expected 1 to %d letters, digits, '.', '_' or "
                            "'-', found %zu bytes",
                            name ? name : "", CS_SERVICE_USER_NAME_MAX, n);
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 (i > 0 && (c == '.' || c == '_' || c == '-'));
        if (!ok)
            return cs_error_set(CS_EUSAGE,
                                "account name '%s': character %zu: expected a letter or digit%s, "
                                "found '%c'",
                                name, i + 1, i ? ", '.', '_' or '-'" : "", c);
    }
    return 0;
}

static void base64url(char *out, const unsigned char *in, size_t n)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        if (i + 1 < n)
            out[o++] = alphabet[(v >> 6) & 63];
        if (i + 2 < n)
            out[o++] = alphabet[v & 63];
    }
    out[o] = '\0';
}

int cs_service_user_add(char **token, cs_service *svc, const char *name, const char *role)
{
    *token = NULL;
    int rc = cs_service_user_check_name(name);
    rc = rc ? rc : check_role(role);
    if (rc)
        return rc;
    unsigned char bytes[TOKEN_BYTES];
    char text[4 + TOKEN_TEXT + 1], hash[256], now[32];
    rc = random_bytes(bytes, sizeof bytes);
    if (rc)
        return rc;
    memcpy(text, "cst_", 4);
    base64url(text + 4, bytes, sizeof bytes);
    char prefix[TOKEN_PREFIX + 1];
    memcpy(prefix, text + 4, TOKEN_PREFIX);
    prefix[TOKEN_PREFIX] = '\0';
    rc = hash_secret(hash, sizeof hash, text, strlen(text));
    utc_now(now);
    rc = rc ? rc : cs_store_account_add(svc->store, name, role, prefix, hash, now);
    if (!rc && !(*token = strdup(text)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    memset(bytes, 0, sizeof bytes);
    memset(text, 0, sizeof text);
    return rc;
}

/* The password's length in characters (UTF-8), or -1 when it is not UTF-8. */
static long characters(const char *s)
{
    long n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
        size_t len = *p < 0x80                 ? 1
                     : *p >= 0xF0 && *p < 0xF5 ? 4
                     : *p >= 0xE0              ? 3
                     : *p >= 0xC2              ? 2
                                               : 0;
        if (!len)
            return -1;
        for (size_t i = 1; i < len; i++)
            if ((p[i] & 0xC0) != 0x80)
                return -1;
        p += len;
    }
    return n;
}

int cs_service_user_password(cs_service *svc, const char *name, const char *password)
{
    cs_store_account a;
    int rc = cs_store_account_get(&a, svc->store, name);
    if (rc)
        return rc;
    size_t bytes = strlen(password);
    long n = characters(password);
    if (n < 0)
        return cs_error_set(CS_EDATA, "the password is not UTF-8 text");
    if (n < PASSWORD_MIN)
        return cs_error_set(CS_EDATA, "the password has %ld characters; at least %d are needed", n,
                            PASSWORD_MIN);
    if (bytes > PASSWORD_MAX)
        return cs_error_set(CS_EDATA, "the password has %zu bytes; at most %d are read", bytes,
                            PASSWORD_MAX);
    char hash[256];
    rc = hash_secret(hash, sizeof hash, password, bytes);
    return rc ? rc : cs_store_account_password(svc->store, name, hash);
}

/* A hash to verify against when there is no account, so that a wrong name costs the time a
 * wrong password does: made once, whichever of the server's threads comes first. */
static char dummy[256];

static void make_dummy(void)
{
    if (hash_secret(dummy, sizeof dummy, "no such account", 15))
        dummy[0] = '\0';
}

static const char *dummy_hash(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_dummy);
    return dummy;
}

int cs_service_user_check_password(cs_service_user *out, cs_service *svc, const char *name,
                                   const char *password)
{
    memset(out, 0, sizeof *out);
    cs_store_account a;
    int rc = cs_store_account_get(&a, svc->store, name ? name : "");
    if (rc && rc != CS_ENOTFOUND)
        return rc;
    size_t len = password ? strlen(password) : 0;
    int ok = !rc && matches(a.hash, password ? password : "", len);
    if (rc || !a.hash[0])
        matches(dummy_hash(), password ? password : "", len);
    if (!ok)
        return cs_error_set(CS_ENOTFOUND, "wrong account name or password");
    snprintf(out->name, sizeof out->name, "%s", a.name);
    snprintf(out->role, sizeof out->role, "%s", a.role);
    return 0;
}

int cs_service_user_check_token(cs_service_user *out, cs_service *svc, const char *token)
{
    memset(out, 0, sizeof *out);
    size_t n = token ? strlen(token) : 0;
    int wellformed = n == 4 + TOKEN_TEXT && strncmp(token, "cst_", 4) == 0;
    for (size_t i = 4; wellformed && i < n; i++) {
        char c = token[i];
        wellformed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '_';
    }
    if (!wellformed)
        return cs_error_set(CS_EDATA,
                            "a malformed token (%zu bytes): expected 'cst_' and 43 characters of "
                            "base64url (A-Z, a-z, 0-9, '-', '_')",
                            n);
    char prefix[TOKEN_PREFIX + 1];
    memcpy(prefix, token + 4, TOKEN_PREFIX);
    prefix[TOKEN_PREFIX] = '\0';
    cs_store_account a;
    int rc = cs_store_token_find(&a, svc->store, prefix);
    if (rc && rc != CS_ENOTFOUND)
        return rc;
    int ok = !rc && matches(a.hash, token, n);
    if (rc)
        matches(dummy_hash(), token, n);
    if (!ok)
        return cs_error_set(CS_ENOTFOUND, "no account has this token (wrong, or revoked)");
    snprintf(out->name, sizeof out->name, "%s", a.name);
    snprintf(out->role, sizeof out->role, "%s", a.role);
    /* best effort: a read-only service, or a read transaction, cannot note it */
    char now[32];
    utc_now(now);
    if (!cs_store_in_transaction(svc->store) && cs_store_token_used(svc->store, prefix, now))
        cs_error_clear();
    return 0;
}

int cs_service_user_token_account(cs_service_user *out, cs_service *svc, const char *token)
{
    memset(out, 0, sizeof *out);
    size_t n = token ? strlen(token) : 0;
    if (n != 4 + TOKEN_TEXT || strncmp(token, "cst_", 4) != 0)
        return cs_error_set(CS_EDATA, "a malformed token (%zu bytes)", n);
    char prefix[TOKEN_PREFIX + 1];
    memcpy(prefix, token + 4, TOKEN_PREFIX);
    prefix[TOKEN_PREFIX] = '\0';
    cs_store_account a;
    int rc = cs_store_token_find(&a, svc->store, prefix);
    if (rc == CS_ENOTFOUND)
        return cs_error_set(CS_ENOTFOUND, "no account has this token (revoked)");
    if (rc)
        return rc;
    snprintf(out->name, sizeof out->name, "%s", a.name);
    snprintf(out->role, sizeof out->role, "%s", a.role);
    return 0;
}
