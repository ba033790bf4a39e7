/*
 * cmd_factors.c: `clusterscope factors --cluster KEY`: one biomedical cluster against the
 * study's target models and success factors (factors.h), through the service.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "clusterscope/factors.h"
#include "clusterscope/service.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *db, *cluster, *output;
    int year;
    cs_lang lang;
    cs_factors_format format;
} factors_args;

static int parse_args(factors_args *a, int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { "cluster", required_argument, NULL, 'c' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "year", required_argument, NULL, 'y' },
                                             { NULL, 0, NULL, 0 } };
    memset(a, 0, sizeof *a);
    a->lang = CS_LANG_EN;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case 'd':
            a->db = optarg;
            break;
        case 'c':
            a->cluster = optarg;
            break;
        case 'l':
            if (cs_lang_parse(&a->lang, optarg))
                return cs_cli_usage_error("factors", "--lang takes ru or en, not '%s'", optarg);
            break;
        case 'f':
            if (strcmp(optarg, "table") == 0)
                a->format = CS_FACTORS_TABLE;
            else if (strcmp(optarg, "json") == 0)
                a->format = CS_FACTORS_JSON;
            else if (strcmp(optarg, "md") == 0)
                a->format = CS_FACTORS_MD;
            else
                return cs_cli_usage_error("factors", "--format takes table, json or md, not '%s'",
                                          optarg);
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'y':
            a->year = (int)strtol(optarg, &end, 10);
            if (!*optarg || *end || a->year < 1000 || a->year > 2200)
                return cs_cli_usage_error("factors", "--year takes a year such as 2019, not '%s'",
                                          optarg);
            break;
        default:
            return cs_cli_usage_error("factors", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error("factors", "unexpected argument '%s'", argv[optind]);
    if (!a->cluster)
        return cs_cli_usage_error("factors", "--cluster KEY is required (a biomedical cluster)");
    if (!*a->cluster)
        return cs_cli_usage_error("factors", "--cluster takes a cluster key, not an empty name");
    return 0;
}

typedef struct {
    const cs_factor_profile *profile;
    const factors_args *a;
} output_ctx;

static int write_output(FILE *f, void *ctx)
{
    const output_ctx *o = ctx;
    return cs_factor_profile_write(f, o->profile, o->a->format, o->a->lang);
}

int cs_cmd_factors(int argc, char **argv)
{
    factors_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    cs_service *svc = NULL;
    cs_service_factor_set *set = NULL;
    int rc = cs_cli_open(&svc, a.db, CS_SERVICE_READ);
    cs_service_factors_options opts = { a.cluster, a.year, a.lang };
    rc = rc ? rc : cs_service_factors(&set, svc, &opts);
    if (!rc && cs_service_factor_set_count(set) != 1)
        rc = cs_error_set(CS_ERROR, "internal: %zu profiles for one cluster",
                          cs_service_factor_set_count(set));
    if (!rc) {
        output_ctx o = { cs_service_factor_set_profile(set, 0), &a };
        rc = cs_cli_write(a.output, write_output, &o);
    }
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    cs_service_factor_set_free(set);
    cs_service_close(svc);
    return status;
}
