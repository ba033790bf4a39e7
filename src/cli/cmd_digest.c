/*
 * cmd_digest.c: `clusterscope digest`, the monthly news digest in seed 001's layout as
 * self-contained HTML or as PDF (printed by headless Chromium), and the news as an Atom feed
 * (docs/digest.md). The documents come from src/report/digest*.c on the service's data.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "clusterscope/report.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { FMT_HTML, FMT_PDF, FMT_ATOM } digest_format;

typedef struct {
    const char *db, *output, *month;
    long issue; /* 0 = not given */
    long limit;
    cs_lang lang;
    digest_format format;
} digest_args;

static int parse_args(digest_args *a, int argc, char **argv)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' },     { "issue", required_argument, NULL, 'i' },
        { "month", required_argument, NULL, 'm' },  { "lang", required_argument, NULL, 'l' },
        { "format", required_argument, NULL, 'f' }, { "limit", required_argument, NULL, 'n' },
        { "output", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 }
    };
    memset(a, 0, sizeof *a);
    a->limit = -1;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'd':
            a->db = optarg;
            break;
        case 'i':
            if (cs_cli_parse_long(&a->issue, "digest", "--issue", optarg, 1, 0x7fffffffL))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'm':
            if (cs_service_check_month(optarg)) {
                int status = cs_cli_usage_error("digest", "--month: %s", cs_error_last());
                cs_error_clear();
                return status;
            }
            a->month = optarg;
            break;
        case 'l':
            if (cs_lang_parse(&a->lang, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error("digest", "--lang takes ru or en, not '%s'", optarg);
            }
            break;
        case 'f':
            if (strcmp(optarg, "html") == 0)
                a->format = FMT_HTML;
            else if (strcmp(optarg, "pdf") == 0)
                a->format = FMT_PDF;
            else if (strcmp(optarg, "atom") == 0)
                a->format = FMT_ATOM;
            else
                return cs_cli_usage_error("digest", "--format takes html, pdf or atom, not '%s'",
                                          optarg);
            break;
        case 'n':
            if (cs_cli_parse_long(&a->limit, "digest", "--limit", optarg, 1, 100000))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'o':
            a->output = optarg;
            break;
        default:
            return cs_cli_usage_error("digest", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error("digest", "unexpected argument '%s'", argv[optind]);
    if (a->format != FMT_ATOM && !a->issue)
        return cs_cli_usage_error("digest",
                                  "--format %s needs --issue N (with --month YYYY-MM "
                                  "for an issue the registry does not hold)",
                                  a->format == FMT_PDF ? "pdf" : "html");
    if (a->format == FMT_PDF && (!a->output || strcmp(a->output, "-") == 0))
        return cs_cli_usage_error("digest", "--format pdf needs -o FILE");
    if (a->limit > 0 && (a->format != FMT_ATOM || a->issue))
        return cs_cli_usage_error("digest", "--limit applies to --format atom without --issue");
    return 0;
}

typedef struct {
    const char *data;
    size_t len;
} bytes;

static int write_bytes(FILE *f, void *ctx)
{
    const bytes *b = ctx;
    if (fwrite(b->data, 1, b->len, f) != b->len)
        return cs_error_set(CS_EIO, "writing the digest failed");
    return 0;
}

int cs_cmd_digest(int argc, char **argv)
{
    digest_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    cs_service *svc = NULL;
    if (cs_cli_open(&svc, a.db, CS_SERVICE_READ))
        return cs_cli_fail();
    cs_digest *d = NULL;
    cs_news_list *news = NULL;
    char *doc = NULL;
    size_t len = 0;
    int rc = cs_service_check_output(svc, a.output);
    if (!rc && a.issue)
        rc = cs_service_digest(&d, svc, a.issue, a.month);
    if (!rc && a.format == FMT_ATOM && !d) {
        /* the month's items, or the latest ones */
        cs_news_filter f = { NULL, a.month, NULL, 0 };
        f.limit = a.limit > 0 ? (size_t)a.limit : a.month ? 0 : 20;
        rc = cs_service_news(&news, svc, &f);
    }
    if (!rc) {
        if (a.format == FMT_HTML)
            rc = cs_report_digest_html(&doc, &len, d, a.lang, NULL);
        else if (a.format == FMT_PDF)
            rc = cs_report_digest_pdf(&doc, &len, NULL, d, a.lang);
        else
            rc = cs_report_digest_atom(&doc, &len, d ? d->items : news, d, a.lang);
    }
    if (!rc) {
        bytes b = { doc, len };
        rc = cs_cli_write(a.output, write_bytes, &b);
    }
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    free(doc);
    cs_news_list_free(news);
    cs_digest_free(d);
    cs_service_close(svc);
    return status;
}
