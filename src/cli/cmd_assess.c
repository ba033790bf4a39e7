#include "cli.h"

#include "clusterscope/assess.h"
#include "clusterscope/error.h"
#include "clusterscope/method.h"
#include "clusterscope/partition.h"
#include "clusterscope/service.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *db, *method, *output, *explain, *cluster;
    int year, no_store;
    cs_format format;
    size_t max_memory;
} assess_args;

static int parse_args(assess_args *a, int argc, char **argv)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' },         { "method", required_argument, NULL, 'm' },
        { "year", required_argument, NULL, 'y' },       { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },     { "explain", required_argument, NULL, 'e' },
        { "cluster", required_argument, NULL, 'c' },    { "no-store", no_argument, NULL, 'n' },
        { "max-memory", required_argument, NULL, 'M' }, { NULL, 0, NULL, 0 }
    };
    memset(a, 0, sizeof *a);
    a->method = "hse-biomedical-2019";
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case 'd':
            a->db = optarg;
            break;
        case 'm':
            a->method = optarg;
            break;
        case 'y':
            a->year = (int)strtol(optarg, &end, 10);
            if (!*optarg || *end || a->year < 1000 || a->year > 2200)
                return cs_cli_usage_error("assess", "--year takes a year such as 2019, not '%s'",
                                          optarg);
            break;
        case 'f':
            if (strcmp(optarg, "table") == 0)
                a->format = CS_FORMAT_TABLE;
            else if (strcmp(optarg, "csv") == 0)
                a->format = CS_FORMAT_CSV;
            else if (strcmp(optarg, "json") == 0)
                a->format = CS_FORMAT_JSON;
            else
                return cs_cli_usage_error("assess", "--format takes table, csv or json, not '%s'",
                                          optarg);
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'e':
            a->explain = optarg;
            break;
        case 'c':
            a->cluster = optarg;
            break;
        case 'n':
            a->no_store = 1;
            break;
        case 'M':
            if (cs_cli_parse_size(&a->max_memory, "assess", optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        default:
            return cs_cli_usage_error("assess", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error("assess", "unexpected argument '%s'", argv[optind]);
    if (a->explain && a->format == CS_FORMAT_CSV)
        return cs_cli_usage_error("assess", "--explain writes table (text) or json, not csv");
    return 0;
}

/* Everything one assessment needs, released together. */
typedef struct {
    cs_service *svc;
    cs_method *method;
    cs_service_assessment *assessed;
    const cs_assessment *result;
} assess_state;

static void release(assess_state *s)
{
    cs_service_assessment_free(s->assessed);
    cs_method_free(s->method);
    cs_service_close(s->svc);
}

static int load_and_run(assess_state *s, const assess_args *a)
{
    int rc =
        cs_cli_open(&s->svc, a->db, a->no_store || a->explain ? CS_SERVICE_READ : CS_SERVICE_WRITE);
    if (!rc)
        cs_service_set_memory_limit(s->svc,
                                    a->max_memory ? a->max_memory : cs_default_memory_limit());
    rc = rc ? rc : cs_service_load_method(&s->method, a->method);
    cs_service_assess_options opts = { a->year, a->explain ? a->explain : a->cluster, CS_LANG_EN };
    rc = rc ? rc : cs_service_assess(&s->assessed, s->svc, s->method, &opts);
    if (!rc)
        s->result = cs_service_assessment_result(s->assessed);
    return rc;
}

typedef struct {
    const assess_state *s;
    const assess_args *a;
} output_ctx;

static int write_output(FILE *f, void *ctx)
{
    const output_ctx *o = ctx;
    if (o->a->explain)
        return cs_assessment_explain(f, o->s->result, o->a->explain, o->a->format);
    return cs_assessment_write(f, o->s->result, o->a->format);
}

int cs_cmd_assess(int argc, char **argv)
{
    assess_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    assess_state s = { 0 };
    int rc = load_and_run(&s, &a);
    if (!rc) {
        output_ctx o = { &s, &a };
        rc = cs_cli_write(a.output, write_output, &o);
    }
    long long run_id = 0;
    if (!rc && !a.no_store && !a.explain)
        rc = cs_service_save_assessment(&run_id, s.svc, s.result);
    if (!rc && run_id && a.output)
        fprintf(stderr, "stored as assessment run %lld (%s %s)\n", run_id, cs_method_id(s.method),
                cs_method_version(s.method));
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    release(&s);
    return status;
}
