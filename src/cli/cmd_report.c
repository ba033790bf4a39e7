/*
 * cmd_report.c: `clusterscope report`, the registry's report in the HSE study's layout: HTML
 * (self-contained, inline SVG charts), Markdown, or the tables as CSV and JSON, in Russian or
 * English.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "clusterscope/report.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *db, *output, *table;
    cs_report_options opts;
    const char *assume; /* facts assumed for this report only */
} report_args;

static int parse_args(report_args *a, int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "method", required_argument, NULL, 'm' },
                                             { "date", required_argument, NULL, 'D' },
                                             { "year", required_argument, NULL, 'y' },
                                             { "table", required_argument, NULL, 't' },
                                             { "partition", required_argument, NULL, 'p' },
                                             { "no-sample", no_argument, NULL, 1 },
                                             { "no-indicators", no_argument, NULL, 2 },
                                             { "no-assessment", no_argument, NULL, 3 },
                                             { "no-typology", no_argument, NULL, 4 },
                                             { "no-cards", no_argument, NULL, 5 },
                                             { "no-provenance", no_argument, NULL, 6 },
                                             { "no-factors", no_argument, NULL, 7 },
                                             { "no-regional", no_argument, NULL, 8 },
                                             { "regional-year", required_argument, NULL, 'R' },
                                             { "no-questions", no_argument, NULL, 9 },
                                             { "no-programmes", no_argument, NULL, 10 },
                                             { "no-registries", no_argument, NULL, 11 },
                                             { "no-chain", no_argument, NULL, 12 },
                                             { "max-memory", required_argument, NULL, 'M' },
                                             { "assume", required_argument, NULL, 'A' },
                                             { "no-counts", no_argument, NULL, 13 },
                                             { "no-timeline", no_argument, NULL, 14 },
                                             { NULL, 0, NULL, 0 } };
    memset(a, 0, sizeof *a);
    a->opts.sections = CS_REPORT_ALL;
    a->table = "clusters";
    int c, y, mo, dd, status;
    long v;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'd':
            a->db = optarg;
            break;
        case 'l':
            if (cs_lang_parse(&a->opts.lang, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error("report", "--lang takes ru or en, not '%s'", optarg);
            }
            break;
        case 'f':
            if (strcmp(optarg, "html") == 0)
                a->opts.format = CS_REPORT_HTML;
            else if (strcmp(optarg, "md") == 0 || strcmp(optarg, "markdown") == 0)
                a->opts.format = CS_REPORT_MARKDOWN;
            else if (strcmp(optarg, "csv") == 0)
                a->opts.format = CS_REPORT_CSV;
            else if (strcmp(optarg, "json") == 0)
                a->opts.format = CS_REPORT_JSON;
            else if (strcmp(optarg, "xlsx") == 0)
                a->opts.format = CS_REPORT_XLSX;
            else
                return cs_cli_usage_error(
                    "report", "--format takes html, md, csv, json or xlsx, not '%s'", optarg);
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'm':
            a->opts.method = optarg;
            break;
        case 'D':
            if (cs_report_parse_date(&y, &mo, &dd, optarg)) {
                status = cs_cli_usage_error("report", "--date '%s': %s", optarg, cs_error_last());
                cs_error_clear();
                return status;
            }
            a->opts.date = optarg;
            break;
        case 'y':
            if (cs_cli_parse_long(&v, "report", "--year", optarg, 1000, 2200))
                return CS_CLI_EXIT_USAGE;
            a->opts.year = (int)v;
            break;
        case 'R':
            if (cs_cli_parse_long(&v, "report", "--regional-year", optarg, 0, 9999))
                return CS_CLI_EXIT_USAGE;
            a->opts.regional_year = (int)v;
            break;
        case 'M':
            if (cs_cli_parse_size(&a->opts.max_memory, "report", optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'p':
            if (cs_cli_parse_long(&v, "report", "--partition", optarg, 1, 0x7fffffffL))
                return CS_CLI_EXIT_USAGE;
            a->opts.partition = v;
            break;
        case 't':
            if (strcmp(optarg, "clusters") != 0 && strcmp(optarg, "groups") != 0 &&
                strcmp(optarg, "factors") != 0 && strcmp(optarg, "regional") != 0)
                return cs_cli_usage_error(
                    "report", "--table takes clusters, groups, factors or regional, not '%s'",
                    optarg);
            a->table = optarg;
            break;
        case 'A':
            a->assume = optarg;
            break;
        case 1:
        case 2:
        case 3:
        case 4:
        case 5:
        case 6:
        case 7:
        case 8:
        case 9:
        case 10:
        case 11:
        case 12:
        case 13:
        case 14:
            a->opts.sections &= ~(1u << (c - 1));
            break;
        default:
            return cs_cli_usage_error("report", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
    /* the sections that exist are those with a --no- option (codes 1.. = bit + 1): a bit that
     * CS_REPORT_ALL reserves for a section not built yet is not one to write */
    unsigned known = 0;
    for (size_t i = 0; options[i].name; i++)
        if (options[i].val >= 1 && options[i].val <= 31 && strncmp(options[i].name, "no-", 3) == 0)
            known |= 1u << (options[i].val - 1);
    if (!(a->opts.sections & known))
        return cs_cli_usage_error("report", "every section is turned off; nothing to write");
    if (a->assume && a->opts.partition)
        return cs_cli_usage_error("report", "a stored partition was made from the registry as it "
                                            "is; give --assume or --partition, not both");
    if (a->opts.format == CS_REPORT_XLSX && !a->output)
        return cs_cli_usage_error("report", "--format xlsx needs -o FILE");
    if (a->opts.format == CS_REPORT_XLSX && !cs_report_has_xlsx())
        return cs_cli_usage_error("report", "this build writes no XLSX (it needs libxlsxwriter)");
    if (strcmp(a->table, "factors") == 0 && !(a->opts.sections & CS_REPORT_FACTORS))
        return cs_cli_usage_error("report", "--table factors needs the factors section");
    if (strcmp(a->table, "regional") == 0 && !(a->opts.sections & CS_REPORT_REGIONAL))
        return cs_cli_usage_error("report", "--table regional needs the regional section");
    if (a->opts.regional_year && !(a->opts.sections & CS_REPORT_REGIONAL))
        return cs_cli_usage_error("report", "--regional-year needs the regional section");
    if (strcmp(a->table, "clusters") != 0 && a->opts.format != CS_REPORT_CSV)
        return cs_cli_usage_error("report", "--table applies to --format csv");
    return 0;
}

typedef struct {
    const cs_report *r;
    const char *table;
} write_ctx;

static int write_report(FILE *f, void *ctx)
{
    const write_ctx *w = ctx;
    if (strcmp(w->table, "groups") == 0)
        return cs_report_write_groups_csv(f, w->r);
    if (strcmp(w->table, "factors") == 0)
        return cs_report_write_factors_csv(f, w->r);
    if (strcmp(w->table, "regional") == 0)
        return cs_report_write_regional_csv(f, w->r);
    return cs_report_write(f, w->r);
}

int cs_cmd_report(int argc, char **argv)
{
    report_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    cs_service *svc = NULL;
    if (cs_cli_open(&svc, a.db, CS_SERVICE_READ))
        return cs_cli_fail();
    cs_service_set_memory_limit(svc,
                                a.opts.max_memory ? a.opts.max_memory : cs_default_memory_limit());
    cs_report *r = NULL;
    int rc = cs_service_check_output(svc, a.output);
    if (!rc && a.assume) {
        /* the report is built on an in-memory copy with the assumed facts: the registry stays */
        cs_service *scenario = NULL;
        const char *paths[1] = { a.assume };
        rc = cs_service_assume(&scenario, svc, paths, 1, NULL);
        if (!rc) {
            cs_service_close(svc);
            svc = scenario;
        }
    }
    rc = rc ? rc : cs_report_build(&r, svc, &a.opts);
    if (!rc && a.opts.format == CS_REPORT_XLSX) {
        size_t cut = 0;
        rc = cs_report_write_xlsx(&cut, r, a.output);
        if (!rc && cut)
            fprintf(stderr,
                    "clusterscope: warning: %s: %zu cell%s longer than a spreadsheet cell holds "
                    "(32,767 characters) cut, each ending in \"… [cut: N characters]\"; the "
                    "other formats have the whole text\n",
                    a.output, cut, cut == 1 ? "" : "s");
    } else if (!rc) {
        write_ctx w = { r, a.table };
        rc = cs_cli_write(a.output, write_report, &w);
    }
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    cs_report_free(r);
    cs_service_close(svc);
    return status;
}
