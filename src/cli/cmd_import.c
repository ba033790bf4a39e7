#include "cli.h"

#include "clusterscope/partition.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* What the import tells besides its counts: one line each on standard output. */
static void print_notice(void *ctx, const char *text)
{
    (void)ctx;
    printf("%s\n", text);
}

#define MAX_SET 64

static int news_kind(const char *s)
{
    static const char *const kinds[] = { "event", "interview", "bulletin", "publication",
                                         "announcement" };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(s, kinds[i]) == 0)
            return 1;
    return 0;
}

int cs_cmd_import(int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { "dry-run", no_argument, NULL, 'n' },
                                             { "kind", required_argument, NULL, 'k' },
                                             { "encoding", required_argument, NULL, 'e' },
                                             { "delimiter", required_argument, NULL, 't' },
                                             { "columns", required_argument, NULL, 'c' },
                                             { "set", required_argument, NULL, 's' },
                                             { "max-memory", required_argument, NULL, 'M' },
                                             { "source", required_argument, NULL, 'S' },
                                             { NULL, 0, NULL, 0 } };
    cs_import_options opts = { 0 };
    const char *set[MAX_SET];
    opts.set = set;
    opts.notice = print_notice;
    const char *db = NULL;
    size_t max_memory = 0;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'n':
            opts.dry_run = 1;
            break;
        case 'k':
            /* a kind of news names the kind of a feed's items; any other, a CSV file's records */
            if (news_kind(optarg))
                opts.news_kind = optarg;
            else
                opts.kind = optarg;
            break;
        case 'S':
            opts.news_source = optarg;
            break;
        case 'e':
            opts.encoding = optarg;
            break;
        case 't':
            if (strcmp(optarg, ",") == 0 || strcmp(optarg, ";") == 0)
                opts.delimiter = optarg[0];
            else if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\t") == 0)
                opts.delimiter = '\t';
            else
                return cs_cli_usage_error("import", "--delimiter takes ',', ';' or 'tab', not '%s'",
                                          optarg);
            break;
        case 'c':
            if (opts.columns || opts.columns_file)
                return cs_cli_usage_error("import", "--columns is given twice");
            if (optarg[0] == '@')
                opts.columns_file = optarg + 1;
            else
                opts.columns = optarg;
            break;
        case 's':
            if (opts.n_set == MAX_SET)
                return cs_cli_usage_error("import", "--set is given more than %d times", MAX_SET);
            set[opts.n_set++] = optarg;
            break;
        case 'M':
            if (cs_cli_parse_size(&max_memory, "import", optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        default:
            return cs_cli_usage_error("import", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cs_cli_usage_error("import", "no files to import");
    cs_service *svc = NULL;
    if (cs_cli_open(&svc, db, CS_SERVICE_WRITE))
        return cs_cli_fail();
    cs_service_set_memory_limit(svc, max_memory ? max_memory : cs_default_memory_limit());
    cs_import_stats stats;
    int rc = cs_service_import(&stats, svc, (const char *const *)argv + optind,
                               (size_t)(argc - optind), &opts);
    cs_service_close(svc);
    if (rc)
        return cs_cli_fail();
    long long ins = 0, upd = 0, same = 0, repeated = 0;
    for (int k = 0; k < CS_IMPORT_KINDS; k++) {
        if (stats.inserted[k] + stats.updated[k] + stats.unchanged[k] + stats.repeated[k] == 0)
            continue;
        printf("%-17s %8lld new %8lld updated %8lld unchanged", cs_import_kind_name(k),
               stats.inserted[k], stats.updated[k], stats.unchanged[k]);
        if (stats.repeated[k])
            printf(" %8lld repeated %s skipped", stats.repeated[k],
                   stats.repeated[k] == 1 ? "row" : "rows");
        printf("\n");
        ins += stats.inserted[k];
        upd += stats.updated[k];
        same += stats.unchanged[k];
        repeated += stats.repeated[k];
    }
    printf("%s: %lld new, %lld updated, %lld unchanged (already stored)",
           opts.dry_run ? "dry run, nothing stored" : "imported", ins, upd, same);
    if (repeated)
        printf("; %lld repeated %s skipped", repeated, repeated == 1 ? "row" : "rows");
    printf("\n");
    /* values read in a regional form (a decimal comma, DD.MM.YYYY): say how they were read */
    for (int i = 0; i < stats.n_notes && i < CS_IMPORT_NOTES; i++)
        fprintf(stderr, "clusterscope: note: %s\n", stats.notes[i]);
    if (stats.n_notes > CS_IMPORT_NOTES)
        fprintf(stderr, "clusterscope: note: and %d more columns read so\n",
                stats.n_notes - CS_IMPORT_NOTES);
    return CS_CLI_EXIT_OK;
}
