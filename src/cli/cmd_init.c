#include "cli.h"

#include <getopt.h>
#include <stdio.h>

int cs_cmd_init(int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { NULL, 0, NULL, 0 } };
    const char *db = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else
            return cs_cli_usage_error("init", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        return cs_cli_usage_error("init", "unexpected argument '%s'", argv[optind]);
    const char *path = cs_cli_registry_path(db);
    if (!path || cs_service_create(path))
        return cs_cli_fail();
    printf("created %s (schema %d)\n", path, cs_service_schema_version());
    return CS_CLI_EXIT_OK;
}
