/*
 * cmd_serve.c: `clusterscope serve`: the web observatory on the registry (web.h) until SIGINT
 * or SIGTERM.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "clusterscope/web.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A whole number option in [lo, hi]; -1 when it is not one. */
static long whole(const char *s, long lo, long hi)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    return *s && !*end && v >= lo && v <= hi ? v : -1;
}

int cs_cmd_serve(int argc, char **argv)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' },      { "listen", required_argument, NULL, 'l' },
        { "threads", required_argument, NULL, 't' }, { "timeout", required_argument, NULL, 'T' },
        { "quiet", no_argument, NULL, 'q' },         { NULL, 0, NULL, 0 }
    };
    const char *db = NULL;
    cs_web_options o;
    memset(&o, 0, sizeof o);
    int c;
    long v;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'l':
            o.listen = optarg;
            break;
        case 't':
            if ((v = whole(optarg, 1, 256)) < 0)
                return cs_cli_usage_error("serve", "--threads takes 1 to 256, not '%s'", optarg);
            o.threads = (unsigned)v;
            break;
        case 'T':
            if ((v = whole(optarg, 1, 3600)) < 0)
                return cs_cli_usage_error("serve", "--timeout takes 1 to 3600 seconds, not '%s'",
                                          optarg);
            o.timeout_s = (unsigned)v;
            break;
        case 'q':
            o.quiet = 1;
            break;
        default:
            return cs_cli_usage_error("serve", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    const char *path = cs_cli_registry_path(db);
    cs_web_app *app = NULL;
    if (!path || cs_web_app_new(&app, path, &o))
        return cs_cli_fail();
    int rc = cs_web_serve(app, &o, stderr);
    cs_web_app_free(app);
    return rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
}
