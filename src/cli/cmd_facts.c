#include "cli.h"

#include "clusterscope/fact.h"

#include <getopt.h>
#include <stdio.h>

int cs_cmd_facts(int argc, char **argv)
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
            return cs_cli_usage_error("facts", "unknown option '%s'", argv[optind - 1]);
    }
    cs_service *svc = NULL;
    if (cs_cli_open(&svc, db, CS_SERVICE_READ))
        return cs_cli_fail();
    cs_fact_definitions *defs = NULL;
    int rc = cs_service_fact_definitions(&defs, svc);
    cs_service_close(svc);
    if (rc)
        return cs_cli_fail();
    printf("%-8s %-36s %-6s %-24s %s\n", "subject", "fact", "type", "levels / unit", "label");
    for (size_t i = 0; i < cs_fact_definitions_count(defs); i++) {
        const cs_fact_definition *d = cs_fact_definitions_at(defs, i);
        printf("%-8s %-36s %-6s %-24s %s\n", cs_subject_kind_name(d->subject_kind), d->name,
               cs_fact_type_name(d->type), *d->levels ? d->levels : d->unit, d->label_en);
    }
    cs_fact_definitions_free(defs);
    return CS_CLI_EXIT_OK;
}
