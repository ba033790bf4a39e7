#include "cli.h"

#include "clusterscope/error.h"
#include "util/stdout.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cs_cli_global_db;

/* The library's advice in this program's words: the flag or command that changes the setting. */
static const char *advice_text(cs_advice advice)
{
    switch (advice) {
    case CS_ADVICE_K:
        return "give -k";
    case CS_ADVICE_UNKNOWN_POLICY:
        return "see --unknown";
    case CS_ADVICE_DISTANCE:
        return "see --distance";
    case CS_ADVICE_ALGORITHM:
        return "see --algorithm";
    case CS_ADVICE_METHOD:
        return "give --method";
    case CS_ADVICE_RUN:
        return "assess again ('clusterscope assess') or choose another --run";
    case CS_ADVICE_MAX_MEMORY:
        return "raise --max-memory";
    case CS_ADVICE_KIND:
        return "name the file KIND.csv, or give --kind";
    case CS_ADVICE_ENCODING:
        return "see --encoding";
    case CS_ADVICE_OUTPUT_FOLDER:
        return "give -o DIR";
    case CS_ADVICE_REGISTRY:
        return "create one with 'clusterscope init' (or choose one with --db PATH or "
               "CLUSTERSCOPE_DB)";
    case CS_ADVICE_CLASSIFY_AGAIN:
        return "run 'clusterscope classify' again, or report without --partition";
    case CS_ADVICE_NEWER_SOFTWARE:
        return "use the newer clusterscope that wrote it";
    case CS_ADVICE_MIGRATE:
        return "run a command that writes to it once, such as 'clusterscope import' of your "
               "data or 'clusterscope assess' (an older clusterscope cannot read it afterwards)";
    case CS_ADVICE_ROLL_BACK:
        return "run any clusterscope command on it (e.g. 'clusterscope status') as a user who "
               "can write it";
    case CS_ADVICE_COLUMNS:
        return "map the file's columns with --columns FROM=TO,... and give missing ones with "
               "--set COLUMN=VALUE";
    case CS_ADVICE_MIN_KNOWN:
        return "lower --min-known";
    case CS_ADVICE_SOURCE: /* the CLI's one case: a feed's items (import) */
        return "name the source record with --source KEY";
    default:
        return NULL;
    }
}

int cs_cli_fail(void)
{
    const char *advice = advice_text(cs_error_advice());
    if (advice)
        fprintf(stderr, "clusterscope: %s; %s\n", cs_error_last(), advice);
    else
        fprintf(stderr, "clusterscope: %s\n", cs_error_last());
    return cs_error_exit_status(cs_error_last_code());
}

int cs_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "clusterscope %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'clusterscope help %s'.\n", cmd);
    return CS_CLI_EXIT_USAGE;
}

void cs_cli_print_usage(FILE *f, const cs_command *cmd)
{
    fputs(cmd->usage, f);
}

const char *cs_cli_registry_path(const char *db_option)
{
    const char *given = db_option ? db_option : cs_cli_global_db;
    /* An empty name is an error, never ./clusterscope.db: it is usually an unset variable. */
    if (given && !*given) {
        cs_error_set(CS_EUSAGE, "--db is empty: it must name the registry file (an unset "
                                "variable?)");
        return NULL;
    }
    const char *env = getenv("CLUSTERSCOPE_DB");
    if (!given && env && !*env) {
        cs_error_set(CS_EUSAGE, "CLUSTERSCOPE_DB is set but empty: set it to the registry file, "
                                "or unset it to use ./clusterscope.db");
        return NULL;
    }
    return cs_service_default_path(given);
}

int cs_cli_open(cs_service **out, const char *db_option, cs_service_access access)
{
    *out = NULL;
    const char *path = cs_cli_registry_path(db_option);
    return path ? cs_service_open(out, path, access) : CS_EUSAGE;
}

const cs_command *cs_cli_find(const char *name)
{
    for (const cs_command *c = cs_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static int run(int argc, char **argv)
{
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            cs_cli_global_db = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            cs_cli_global_db = argv[i] + 5;
            i++;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return cs_cmd_help(1, (char *[]){ "help", NULL });
        } else if (strcmp(argv[i], "--version") == 0) {
            return cs_cmd_version(1, (char *[]){ "version", NULL });
        } else {
            fprintf(stderr, "clusterscope: unknown option '%s'\nTry 'clusterscope help'.\n",
                    argv[i]);
            return CS_CLI_EXIT_USAGE;
        }
    }
    if (i >= argc) {
        cs_cmd_help(1, (char *[]){ "help", NULL });
        return CS_CLI_EXIT_USAGE;
    }
    const cs_command *cmd = cs_cli_find(argv[i]);
    if (!cmd) {
        fprintf(stderr, "clusterscope: '%s' is not a command\nTry 'clusterscope help'.\n", argv[i]);
        return CS_CLI_EXIT_USAGE;
    }
    for (int j = i + 1; j < argc; j++)
        if (strcmp(argv[j], "--help") == 0 || strcmp(argv[j], "-h") == 0) {
            cs_cli_print_usage(stdout, cmd);
            return CS_CLI_EXIT_OK;
        }
    return cmd->run(argc - i, argv + i);
}

int main(int argc, char **argv)
{
    cs_stdout_guard();
    int status = run(argc, argv);
    /* Output that did not reach standard output (closed, a full disk, /dev/full) is a failure
     * of the command, whatever it printed: a script must not take a lost table for success. */
    int e = cs_stdout_finish();
    if (e && status == CS_CLI_EXIT_OK) {
        fprintf(stderr, "clusterscope: standard output: write failed: %s\n", strerror(e));
        status = CS_CLI_EXIT_FAILURE;
    }
    return status;
}
