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
    cs_store *store = NULL;
    if (cs_cli_open_store(&store, db, CS_STORE_CREATE))
        return cs_cli_fail();
    printf("created %s (schema %d)\n", cs_store_path(store), cs_store_schema_version());
    cs_store_close(store);
    return CS_CLI_EXIT_OK;
}
