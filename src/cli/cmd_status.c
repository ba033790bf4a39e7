#include "cli.h"

#include <getopt.h>
#include <stdio.h>

int cs_cmd_status(int argc, char **argv)
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
            return cs_cli_usage_error("status", "unknown option '%s'", argv[optind - 1]);
    }
    cs_service *svc = NULL;
    cs_service_counts n;
    if (cs_cli_open(&svc, db, CS_SERVICE_READ) || cs_service_count(&n, svc)) {
        int status = cs_cli_fail();
        cs_service_close(svc);
        return status;
    }
    printf("registry          %s (schema %d)\n", cs_service_path(svc), cs_service_schema_version());
    printf("sources           %lld\ncountries         %lld\nregions           %lld\n"
           "clusters          %lld\norganisations     %lld\nmemberships       %lld\n"
           "facts             %lld\nfact definitions  %lld\nassessment runs   %lld\n",
           n.sources, n.countries, n.regions, n.clusters, n.organisations, n.memberships, n.facts,
           n.fact_definitions, n.assessment_runs);
    printf("news items        %lld\ndigest issues     %lld\n", n.news_items, n.digests);
    cs_service_close(svc);
    return CS_CLI_EXIT_OK;
}
