/*
 * cmd_shift_share.c: `clusterscope shift-share --from Y1 --to Y2 [FILE]`: Dunn's shift-share of
 * each region's change and its growth rate (regional.h) on a CSV file
 * region,industry,year,value, or on the registry's statistics of one measure, through the
 * service.
 */
#include "regional_out.h"

#include "clusterscope/error.h"
#include "clusterscope/regional.h"
#include "clusterscope/service.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *file;
    const char *db, *stat; /* with no FILE: the registry's statistics of measure `stat` */
    int years[2], given[2];
    cs_cli_regional_options o;
} shift_args;

static int parse_args(shift_args *a, int argc, char **argv)
{
    static const struct option options[] = { { "from", required_argument, NULL, 'a' },
                                             { "to", required_argument, NULL, 'b' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "delimiter", required_argument, NULL, 'D' },
                                             { "stat", required_argument, NULL, 'S' },
                                             { "db", required_argument, NULL, 'B' },
                                             CS_CLI_SELECTION_OPTIONS,
                                             { NULL, 0, NULL, 0 } };
    const char *cmd = "shift-share";
    memset(a, 0, sizeof *a);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'a':
        case 'b':
            if (cs_cli_parse_year(&a->years[c - 'a'], cmd, c == 'a' ? "--from" : "--to", optarg))
                return CS_CLI_EXIT_USAGE;
            a->given[c - 'a'] = 1;
            break;
        case 'S':
            if (!*optarg)
                return cs_cli_usage_error(cmd, "--stat takes a measure name such as employment");
            a->stat = optarg;
            break;
        case 'B':
            a->db = optarg;
            break;
        default: {
            int shared = cs_cli_regional_option(&a->o, cmd, c, optarg);
            if (shared == 0)
                return cs_cli_usage_error(cmd, "unknown or incomplete option '%s'",
                                          argv[optind - 1]);
            if (shared != 1)
                return shared;
        }
        }
    }
    if (!a->given[0] || !a->given[1])
        return cs_cli_usage_error(cmd, "--from Y1 and --to Y2 are required");
    if (a->years[1] <= a->years[0])
        return cs_cli_usage_error(cmd, "--to (%d) must be a later year than --from (%d)",
                                  a->years[1], a->years[0]);
    if (optind + 1 < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind + 1]);
    if (optind < argc && (a->stat || a->db))
        return cs_cli_usage_error(cmd, "--stat and --db are for the registry's statistics "
                                       "(no FILE)");
    if (optind < argc && cs_cli_regional_selection_given(&a->o))
        return cs_cli_usage_error(cmd, "%s is for the registry's statistics (no FILE)",
                                  cs_cli_regional_selection_given(&a->o));
    a->file = optind < argc ? argv[optind] : NULL;
    return 0;
}

int cs_cmd_shift_share(int argc, char **argv)
{
    shift_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    static const char *const values[] = { "value" };
    cs_regional_read_options o = {
        "industry", values, 1, 1, NULL, 1, a.years, 2, a.o.delimiter, 0
    };
    cs_regional_data *d = NULL;
    cs_shift_share *ss = NULL;
    double *cols[CS_CLI_FRAME_COLS] = { NULL };
    cs_service *svc = NULL;
    int rc = 0;
    if (a.file) {
        rc = cs_service_read_regional(&d, a.file, &o);
    } else {
        /* no FILE: the registry's statistics of one measure in the two years */
        const char *stat = a.stat ? a.stat : "employment";
        rc = cs_cli_open(&svc, a.db, CS_SERVICE_READ);
        rc = rc ? rc : cs_cli_regional_read_stored(&d, svc, &stat, &o, &a.o);
    }
    size_t nr = d ? d->nr : 0;
    if (!rc) {
        ss = malloc(nr * sizeof *ss);
        rc = ss ? cs_regional_shift_share(ss, cs_regional_data_values(d, 0, 0),
                                          cs_regional_data_values(d, 1, 0), nr, d->ni)
                : cs_error_set(CS_ENOMEM, "out of memory");
    }
    static const char *const names[] = {
        "from", "to", "change", "national_share", "industry_mix", "regional_share", "cagr"
    };
    cs_cli_frame fr;
    memset(&fr, 0, sizeof fr);
    fr.measure = "shift-share";
    fr.format = a.o.format;
    fr.lang = a.o.lang;
    fr.nkeys = 1;
    fr.key_name[0] = "region";
    fr.key[0] = d ? d->region : NULL;
    fr.n[0] = nr;
    fr.ncols = 7;
    for (size_t c = 0; c < fr.ncols && !rc; c++) {
        cols[c] = malloc((nr ? nr : 1) * sizeof **cols);
        if (!cols[c])
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        fr.cols[c] = cols[c];
        fr.col_name[c] = names[c];
    }
    for (size_t r = 0; !rc && r < nr; r++) {
        cols[0][r] = ss[r].from;
        cols[1][r] = ss[r].to;
        cols[2][r] = ss[r].to - ss[r].from;
        cols[3][r] = ss[r].national_share;
        cols[4][r] = ss[r].industry_mix;
        cols[5][r] = ss[r].regional_share;
        cols[6][r] = cs_regional_cagr(ss[r].from, ss[r].to, a.years[1] - a.years[0]);
    }
    rc = rc ? rc : cs_cli_frame_write(&fr, a.o.output);
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    for (size_t c = 0; c < CS_CLI_FRAME_COLS; c++)
        free(cols[c]);
    free(ss);
    cs_regional_data_free(d);
    cs_service_close(svc);
    return status;
}
