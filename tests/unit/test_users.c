/*
 * Accounts (service_users.c, store_accounts.c): a token printed once and stored only as an
 * Argon2id hash with its prefix; tokens and passwords checked right and wrong, malformed ones
 * refused; the password rules counted in characters; bad names, roles and a name taken; the
 * same secret hashed with different salts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

typedef struct {
    char *dir, *path;
    cs_service *svc;
} users_fixture;

static int setup(void **state)
{
    users_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    if (cs_service_create(f->path) || cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE))
        fail_msg("making the registry: %s", cs_error_last());
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    users_fixture *f = *state;
    cs_service_close(f->svc);
    st_dir_remove(f->dir);
    free(f->path);
    free(f);
    return 0;
}

/* The text of the first column of SQL's first row ("" when none or NULL; the caller frees). */
static char *query_text(users_fixture *f, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    const char *v = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "";
    char *copy = strdup(v ? v : "");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return copy;
}

static void test_tokens(void **state)
{
    users_fixture *f = *state;
    char *token = NULL, *other = NULL;
    assert_int_equal(cs_service_user_add(&token, f->svc, "ann", "editor"), 0);
    assert_int_equal(strlen(token), 47);
    assert_int_equal(strncmp(token, "cst_", 4), 0);
    assert_int_equal(strspn(token + 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                       "0123456789-_"),
                     43);
    assert_int_equal(cs_service_user_add(&other, f->svc, "bob", "viewer"), 0);
    assert_string_not_equal(token, other);

    /* stored: the prefix and an Argon2id hash, never the token */
    char *prefix = query_text(f, "SELECT prefix FROM api_token WHERE account_id = 1");
    assert_int_equal(strncmp(prefix, token + 4, 8), 0);
    assert_int_equal(strlen(prefix), 8);
    char *hash = query_text(f, "SELECT token_hash FROM api_token WHERE account_id = 1");
    assert_int_equal(strncmp(hash, "$argon2id$v=19$m=19456,t=2,p=1$", 31), 0);
    assert_null(strstr(hash, token + 4));
    char *dump = query_text(f, "SELECT group_concat(prefix || token_hash) FROM api_token");
    assert_null(strstr(dump, token + 12));
    free(prefix);
    free(hash);
    free(dump);

    cs_service_user who;
    assert_int_equal(cs_service_user_check_token(&who, f->svc, token), 0);
    assert_string_equal(who.name, "ann");
    assert_string_equal(who.role, "editor");
    char *used = query_text(f, "SELECT last_used FROM api_token WHERE account_id = 1");
    assert_int_equal(strlen(used), 20);
    free(used);
    assert_int_equal(cs_service_user_check_token(&who, f->svc, other), 0);
    assert_string_equal(who.name, "bob");
    assert_string_equal(who.role, "viewer");

    /* the right prefix with a wrong rest, and an unknown prefix: the same refusal */
    char wrong[48];
    snprintf(wrong, sizeof wrong, "%s", token);
    wrong[46] = wrong[46] == 'A' ? 'B' : 'A';
    assert_int_equal(cs_service_user_check_token(&who, f->svc, wrong), CS_ENOTFOUND);
    assert_string_equal(cs_error_last(), "no account has this token (wrong, or revoked)");
    assert_string_equal(who.name, "");
    wrong[4] = wrong[4] == 'A' ? 'B' : 'A';
    assert_int_equal(cs_service_user_check_token(&who, f->svc, wrong), CS_ENOTFOUND);
    assert_string_equal(cs_error_last(), "no account has this token (wrong, or revoked)");

    /* malformed: length, prefix, alphabet */
    const char *const bad[] = { "", "cst_", "cst_abc", "CST_", NULL };
    for (size_t i = 0; bad[i]; i++) {
        assert_int_equal(cs_service_user_check_token(&who, f->svc, bad[i]), CS_EDATA);
        assert_non_null(strstr(cs_error_last(), "a malformed token"));
    }
    snprintf(wrong, sizeof wrong, "%s", token);
    wrong[10] = '+';
    assert_int_equal(cs_service_user_check_token(&who, f->svc, wrong), CS_EDATA);
    snprintf(wrong, sizeof wrong, "xst_%s", token + 4);
    assert_int_equal(cs_service_user_check_token(&who, f->svc, wrong), CS_EDATA);
    assert_int_equal(cs_service_user_check_token(&who, f->svc, NULL), CS_EDATA);
    free(token);
    free(other);
}

static void test_accounts_refused(void **state)
{
    users_fixture *f = *state;
    char *token = NULL;
    assert_int_equal(cs_service_user_add(&token, f->svc, "ann", "admin"), 0);
    free(token);
    token = NULL;
    assert_int_equal(cs_service_user_add(&token, f->svc, "ann", "viewer"), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "an account named 'ann' is already in"));
    assert_null(token);
    assert_int_equal(cs_service_user_add(&token, f->svc, "bob", "root"), CS_EUSAGE);
    assert_string_equal(cs_error_last(), "role 'root': expected viewer, editor or admin");
    assert_int_equal(cs_service_user_add(&token, f->svc, "bob", NULL), CS_EUSAGE);
    assert_int_equal(cs_service_user_add(&token, f->svc, "", "viewer"), CS_EUSAGE);
    assert_int_equal(cs_service_user_add(&token, f->svc, "-bob", "viewer"), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "character 1: expected a letter or digit, found '-'"));
    assert_int_equal(cs_service_user_add(&token, f->svc, "bo'b", "viewer"), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "character 3"));
    char long_name[80];
    memset(long_name, 'a', 65);
    long_name[65] = '\0';
    assert_int_equal(cs_service_user_add(&token, f->svc, long_name, "viewer"), CS_EUSAGE);
    long_name[64] = '\0';
    assert_int_equal(cs_service_user_add(&token, f->svc, long_name, "viewer"), 0);
    free(token);
    char *bob = query_text(f, "SELECT count(*) FROM account WHERE name = 'bob'");
    assert_string_equal(bob, "0");
    free(bob);
}

static void test_passwords(void **state)
{
    users_fixture *f = *state;
    char *token = NULL;
    assert_int_equal(cs_service_user_add(&token, f->svc, "ann", "editor"), 0);
    free(token);
    assert_int_equal(cs_service_user_add(&token, f->svc, "bob", "viewer"), 0);
    free(token);
    cs_service_user who;
    /* no password yet: refused like a wrong one */
    assert_int_equal(cs_service_user_check_password(&who, f->svc, "ann", ""), CS_ENOTFOUND);
    assert_string_equal(cs_error_last(), "wrong account name or password");

    assert_int_equal(cs_service_user_password(f->svc, "ann", "123456789"), CS_EDATA);
    assert_string_equal(cs_error_last(), "the password has 9 characters; at least 10 are needed");
    /* characters, not bytes: nine Cyrillic letters are 18 bytes and still too few */
    assert_int_equal(cs_service_user_password(f->svc, "ann", "пароль123"), CS_EDATA);
    assert_int_equal(cs_service_user_password(f->svc, "ann",
                                              "\xff\xfe"
                                              "0123456789"),
                     CS_EDATA);
    assert_string_equal(cs_error_last(), "the password is not UTF-8 text");
    char *huge = malloc(1026);
    memset(huge, 'x', 1025);
    huge[1025] = '\0';
    assert_int_equal(cs_service_user_password(f->svc, "ann", huge), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "1025 bytes; at most 1024"));
    free(huge);
    assert_int_equal(cs_service_user_password(f->svc, "zed", "long enough pw"), CS_ENOTFOUND);
    assert_non_null(strstr(cs_error_last(), "no account named 'zed'"));

    assert_int_equal(cs_service_user_password(f->svc, "ann", "ёжик в тумане"), 0);
    assert_int_equal(cs_service_user_password(f->svc, "bob", "ёжик в тумане"), 0);
    /* the same password, two salts */
    char *a = query_text(f, "SELECT password_hash FROM account WHERE name = 'ann'");
    char *b = query_text(f, "SELECT password_hash FROM account WHERE name = 'bob'");
    assert_int_equal(strncmp(a, "$argon2id$", 10), 0);
    assert_string_not_equal(a, b);
    assert_null(strstr(a, "ёжик"));
    free(a);
    free(b);

    assert_int_equal(cs_service_user_check_password(&who, f->svc, "ann", "ёжик в тумане"), 0);
    assert_string_equal(who.name, "ann");
    assert_string_equal(who.role, "editor");
    assert_int_equal(cs_service_user_check_password(&who, f->svc, "ann", "ежик в тумане"),
                     CS_ENOTFOUND);
    assert_string_equal(cs_error_last(), "wrong account name or password");
    assert_string_equal(who.name, "");
    assert_int_equal(cs_service_user_check_password(&who, f->svc, "nobody", "ёжик в тумане"),
                     CS_ENOTFOUND);
    assert_string_equal(cs_error_last(), "wrong account name or password");
    assert_int_equal(cs_service_user_check_password(&who, f->svc, NULL, NULL), CS_ENOTFOUND);
    /* a new password replaces the old */
    assert_int_equal(cs_service_user_password(f->svc, "ann", "another password"), 0);
    assert_int_equal(cs_service_user_check_password(&who, f->svc, "ann", "ёжик в тумане"),
                     CS_ENOTFOUND);
    assert_int_equal(cs_service_user_check_password(&who, f->svc, "ann", "another password"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_accounts_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passwords, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
