#include "cli.h"

#include "clusterscope/service.h"

#include <stdio.h>
#include <string.h>

int cs_cmd_help(int argc, char **argv)
{
    if (argc > 1) {
        const cs_command *cmd = cs_cli_find(argv[1]);
        if (!cmd) {
            fprintf(stderr, "clusterscope help: '%s' is not a command\n", argv[1]);
            return CS_CLI_EXIT_USAGE;
        }
        cs_cli_print_usage(stdout, cmd);
        return CS_CLI_EXIT_OK;
    }
    printf("usage: clusterscope [--db PATH] COMMAND [OPTIONS]\n\n"
           "An open cluster-observatory engine: a registry of economic clusters, their members\n"
           "and facts with sources, and their assessment on indicator systems.\n\n"
           "Commands:\n");
    int width = 0; /* the longest command's name: every summary starts in one column */
    for (const cs_command *c = cs_commands; c->name; c++)
        if ((int)strlen(c->name) > width)
            width = (int)strlen(c->name);
    for (const cs_command *c = cs_commands; c->name; c++)
        printf("  %-*s  %s\n", width, c->name, c->summary);
    printf(
        "\nThe registry is ./clusterscope.db unless --db PATH or CLUSTERSCOPE_DB names another.\n"
        "Exit status: 0 success, 1 runtime failure, 2 usage error, 3 bad data.\n"
        "'clusterscope help COMMAND' or 'clusterscope COMMAND --help' shows a command's "
        "options.\n");
    return CS_CLI_EXIT_OK;
}

int cs_cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("clusterscope %s (registry schema %d)\n", CS_VERSION_STRING,
           cs_service_schema_version());
    return CS_CLI_EXIT_OK;
}
