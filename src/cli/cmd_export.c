#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

int cs_cmd_export(int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { NULL, 0, NULL, 0 } };
    const char *db = NULL, *out = NULL;
    cs_export_format format = CS_EXPORT_JSON;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                format = CS_EXPORT_JSON;
            else if (strcmp(optarg, "csv") == 0)
                format = CS_EXPORT_CSV;
            else
                return cs_cli_usage_error("export", "--format takes json or csv, not '%s'", optarg);
            break;
        case 'o':
            out = optarg;
            break;
        default:
            return cs_cli_usage_error("export", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
    if (format == CS_EXPORT_CSV && !out)
        return cs_cli_usage_error("export", "CSV export writes a folder: give -o DIR");
    cs_service *svc = NULL;
    if (cs_cli_open(&svc, db, CS_SERVICE_READ))
        return cs_cli_fail();
    int rc = cs_service_export(svc, out ? out : "-", format);
    cs_service_close(svc);
    return rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
}
