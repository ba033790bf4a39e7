/*
 * cmd_user.c: `clusterscope user add|passwd|check`: accounts for the web observatory's writes.
 * A token is printed once, by `add`; passwords are read from standard input, without echo when
 * it is a terminal. Secrets read are wiped from memory once used.
 */
#include "cli.h"

#include "clusterscope/error.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Reads one line of standard input (without its line end) into buf; 0, or 1 at the end of
 * input, or 2 when the line is longer than cap - 1 bytes. With PROMPT on a terminal, the prompt
 * goes to standard error and the typing is not echoed. */
static int read_secret(char *buf, size_t cap, const char *prompt)
{
    int tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty && prompt) {
        fputs(prompt, stderr);
        fflush(stderr);
        if (tcgetattr(STDIN_FILENO, &old) == 0) {
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        } else {
            tty = 0;
        }
    }
    int rc = 0;
    if (!fgets(buf, (int)cap, stdin)) {
        rc = 1;
        buf[0] = '\0';
    } else {
        size_t n = strlen(buf);
        if (n && buf[n - 1] == '\n')
            buf[--n] = '\0';
        else if (n == cap - 1 && !feof(stdin))
            rc = 2;
        if (n && buf[n - 1] == '\r')
            buf[--n] = '\0';
    }
    if (tty && prompt) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    return rc;
}

static int user_add(int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { "role", required_argument, NULL, 'r' },
                                             { NULL, 0, NULL, 0 } };
    const char *db = NULL, *role = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'r')
            role = optarg;
        else
            return cs_cli_usage_error("user", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind >= argc)
        return cs_cli_usage_error("user", "user add: expected an account name");
    if (optind + 1 < argc)
        return cs_cli_usage_error("user", "unexpected argument '%s'", argv[optind + 1]);
    if (!role)
        return cs_cli_usage_error("user", "user add: expected --role viewer, editor or admin");
    const char *name = argv[optind];
    cs_service *svc = NULL;
    char *token = NULL;
    if (cs_service_user_check_name(name) || cs_cli_open(&svc, db, CS_SERVICE_WRITE) ||
        cs_service_user_add(&token, svc, name, role)) {
        int status = cs_cli_fail();
        cs_service_close(svc);
        return status;
    }
    printf("account '%s' (%s) added to %s\n", name, role, cs_service_path(svc));
    printf("API token (shown once; only its hash is stored):\n%s\n", token);
    memset(token, 0, strlen(token));
    free(token);
    cs_service_close(svc);
    return CS_CLI_EXIT_OK;
}

#define SECRET_CAP 1100 /* over the service's 1,024-byte limit, so that it says so */

static int user_passwd(int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { "password-stdin", no_argument, NULL, 'p' },
                                             { NULL, 0, NULL, 0 } };
    const char *db = NULL;
    int once = 0, c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'p')
            once = 1;
        else
            return cs_cli_usage_error("user", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind >= argc)
        return cs_cli_usage_error("user", "user passwd: expected an account name");
    if (optind + 1 < argc)
        return cs_cli_usage_error("user", "unexpected argument '%s'", argv[optind + 1]);
    const char *name = argv[optind];
    cs_service *svc = NULL;
    if (cs_service_user_check_name(name) || cs_cli_open(&svc, db, CS_SERVICE_WRITE))
        return cs_cli_fail();
    char first[SECRET_CAP], again[SECRET_CAP];
    int status = CS_CLI_EXIT_OK;
    int r = read_secret(first, sizeof first, "New password: ");
    if (r == 1) {
        cs_error_set(CS_EDATA, "no password on standard input");
        status = cs_cli_fail();
    } else if (r == 2) {
        cs_error_set(CS_EDATA, "the password is longer than 1024 bytes");
        status = cs_cli_fail();
    } else if (!once) {
        r = read_secret(again, sizeof again, "Again: ");
        if (r || strcmp(first, again) != 0) {
            cs_error_set(CS_EDATA, r == 1 ? "the password was given once; give it twice (two "
                                            "lines), or use --password-stdin"
                                          : "the two passwords differ; nothing was changed");
            status = cs_cli_fail();
        }
    }
    if (status == CS_CLI_EXIT_OK) {
        if (cs_service_user_password(svc, name, first))
            status = cs_cli_fail();
        else
            printf("password of '%s' set in %s\n", name, cs_service_path(svc));
    }
    memset(first, 0, sizeof first);
    memset(again, 0, sizeof again);
    cs_service_close(svc);
    return status;
}

static int user_check(int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { NULL, 0, NULL, 0 } };
    const char *db = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else
            return cs_cli_usage_error("user", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        return cs_cli_usage_error("user", "unexpected argument '%s'", argv[optind]);
    cs_service *svc = NULL;
    if (cs_cli_open(&svc, db, CS_SERVICE_WRITE))
        return cs_cli_fail();
    char token[128];
    int status = CS_CLI_EXIT_OK;
    cs_service_user who;
    int r = read_secret(token, sizeof token, "Token: ");
    if (r == 1) {
        cs_error_set(CS_EDATA, "no token on standard input");
        status = cs_cli_fail();
    } else if ((r == 2 && cs_error_set(CS_EDATA, "a malformed token: expected 'cst_' and 43 "
                                                 "characters of base64url, found a longer line")) ||
               cs_service_user_check_token(&who, svc, token)) {
        status = cs_cli_fail();
    } else {
        printf("%s %s\n", who.name, who.role);
    }
    memset(token, 0, sizeof token);
    cs_service_close(svc);
    return status;
}

int cs_cmd_user(int argc, char **argv)
{
    opterr = 0;
    optind = 1;
    if (argc < 2)
        return cs_cli_usage_error("user", "expected add, passwd or check");
    const char *sub = argv[1];
    /* the subcommand's own options start after it */
    argc--;
    argv++;
    if (strcmp(sub, "add") == 0)
        return user_add(argc, argv);
    if (strcmp(sub, "passwd") == 0)
        return user_passwd(argc, argv);
    if (strcmp(sub, "check") == 0)
        return user_check(argc, argv);
    return cs_cli_usage_error("user", "'%s': expected add, passwd or check", sub);
}
