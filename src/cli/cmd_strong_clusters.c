/*
 * cmd_strong_clusters.c: `clusterscope strong-clusters [--rule cmp|eco] FILE`: the US Cluster
 * Mapping Project's strong clusters or the European Cluster Observatory's stars (regional.h)
 * on a CSV file region,category,employment,establishments[,year][,type], through the service.
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
    const char *db; /* with no FILE: the registry's employment and establishments statistics */
    int eco, regions;
    cs_cli_regional_options o;
} strong_args;

static int parse_args(strong_args *a, int argc, char **argv)
{
    static const struct option options[] = { { "rule", required_argument, NULL, 'r' },
                                             { "regions", no_argument, NULL, 'R' },
                                             { "year", required_argument, NULL, 'y' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "delimiter", required_argument, NULL, 'D' },
                                             { "db", required_argument, NULL, 'B' },
                                             CS_CLI_SELECTION_OPTIONS,
                                             { NULL, 0, NULL, 0 } };
    const char *cmd = "strong-clusters";
    memset(a, 0, sizeof *a);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (strcmp(optarg, "cmp") == 0)
                a->eco = 0;
            else if (strcmp(optarg, "eco") == 0)
                a->eco = 1;
            else
                return cs_cli_usage_error(cmd, "--rule takes cmp or eco, not '%s'", optarg);
            break;
        case 'R':
            a->regions = 1;
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
    if (optind + 1 < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind + 1]);
    if (a->regions && a->eco)
        return cs_cli_usage_error(cmd, "--regions is for --rule cmp");
    if (optind < argc && a->db)
        return cs_cli_usage_error(cmd, "--db is for the registry's statistics (no FILE)");
    if (optind < argc && cs_cli_regional_selection_given(&a->o))
        return cs_cli_usage_error(cmd, "%s is for the registry's statistics (no FILE)",
                                  cs_cli_regional_selection_given(&a->o));
    a->file = optind < argc ? argv[optind] : NULL;
    return 0;
}

int cs_cmd_strong_clusters(int argc, char **argv)
{
    strong_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    static const char *const values[] = { "employment", "establishments" };
    cs_regional_read_options o = { "category",
                                   values,
                                   2,
                                   a.eco ? 1 : 2,
                                   "type",
                                   0,
                                   a.o.has_year ? &a.o.year : NULL,
                                   a.o.has_year ? 1 : 0,
                                   a.o.delimiter,
                                   0 };
    cs_regional_data *d = NULL;
    unsigned char *traded = NULL;
    double *cols[CS_CLI_FRAME_COLS] = { NULL };
    cs_cmp_cell *cmp = NULL;
    cs_cmp_region *reg = NULL;
    cs_eco_cell *eco = NULL;
    cs_service *svc = NULL;
    int rc = 0;
    if (a.file) {
        rc = cs_service_read_regional(&d, a.file, &o);
    } else {
        /* no FILE: the registry's statistics of the same names; a category's type is the
         * industry table's (of the scheme, or of the classification); none: all traded */
        rc = cs_cli_open(&svc, a.db, CS_SERVICE_READ);
        rc = rc ? rc : cs_cli_regional_read_stored(&d, svc, values, &o, &a.o);
        a.file = "the registry's statistics";
    }
    rc = rc ? rc : cs_cli_category_types(&traded, d, a.file);
    if (!rc)
        cs_cli_note_empty(d, a.file, "category",
                          a.eco ? "given as 0 and no star"
                                : "given as 0 and no flag (as the CMP's code)");
    size_t nr = d ? d->nr : 0, nc = d ? d->ni : 0, cells = nr * nc;
    cs_cli_frame fr;
    memset(&fr, 0, sizeof fr);
    fr.format = a.o.format;
    fr.lang = a.o.lang;
    fr.key_name[0] = "region";
    fr.key[0] = d ? d->region : NULL;
    fr.n[0] = nr;
    fr.key_name[1] = "category";
    fr.key[1] = d ? d->key : NULL;
    fr.n[1] = nc;
    fr.nkeys = a.regions ? 1 : 2;
    size_t len = a.regions ? nr : cells;
    fr.ncols = a.regions ? 5 : a.eco ? 6 : 5;
    for (size_t c = 0; c < fr.ncols && !rc; c++) {
        cols[c] = malloc((len ? len : 1) * sizeof **cols);
        if (!cols[c])
            rc = cs_error_set(CS_ENOMEM, "out of memory for %zu results", len);
        fr.cols[c] = cols[c];
    }
    if (!rc && !a.eco) {
        cmp = malloc(cells * sizeof *cmp);
        reg = malloc(nr * sizeof *reg);
        rc = cmp && reg ? cs_regional_cmp(cmp, reg, cs_regional_data_values(d, 0, 0),
                                          cs_regional_data_values(d, 0, 1), traded, nr, nc)
                        : cs_error_set(CS_ENOMEM, "out of memory");
        static const char *const cn[] = { "lq", "qualifying", "significant", "strong", "strong10" };
        static const char *const rn[] = { "strong_clusters", "traded_employment",
                                          "cluster_strength", "rank", "percentile" };
        fr.measure = a.regions ? "cmp-regions" : "cmp";
        for (size_t c = 0; c < 5; c++) {
            fr.col_name[c] = a.regions ? rn[c] : cn[c];
            fr.integer[c] = a.regions ? (c != 1 && c != 2) : c > 0;
        }
        for (size_t k = 0; !rc && !a.regions && k < cells; k++) {
            cols[0][k] = cmp[k].lq;
            cols[1][k] = cmp[k].qualifying;
            cols[2][k] = cmp[k].significant;
            cols[3][k] = cmp[k].strong;
            cols[4][k] = cmp[k].strong10;
        }
        for (size_t r = 0; !rc && a.regions && r < nr; r++) {
            cols[0][r] = (double)reg[r].n_strong;
            cols[1][r] = reg[r].traded;
            cols[2][r] = reg[r].strength;
            cols[3][r] = reg[r].rank ? (double)reg[r].rank : NAN;
            cols[4][r] = reg[r].percentile;
        }
    } else if (!rc) {
        eco = malloc(cells * sizeof *eco);
        rc = eco ? cs_regional_eco(eco, cs_regional_data_values(d, 0, 0), nr, nc)
                 : cs_error_set(CS_ENOMEM, "out of memory");
        static const char *const en[] = { "lq",         "focus", "size_star", "specialisation_star",
                                          "focus_star", "stars" };
        fr.measure = "eco";
        for (size_t c = 0; c < 6; c++) {
            fr.col_name[c] = en[c];
            fr.integer[c] = c >= 2;
        }
        for (size_t k = 0; !rc && k < cells; k++) {
            cols[0][k] = eco[k].lq;
            cols[1][k] = eco[k].focus;
            cols[2][k] = eco[k].size;
            cols[3][k] = eco[k].specialisation;
            cols[4][k] = eco[k].focus_star;
            cols[5][k] = eco[k].stars;
        }
    }
    rc = rc ? rc : cs_cli_frame_write(&fr, a.o.output);
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    for (size_t c = 0; c < CS_CLI_FRAME_COLS; c++)
        free(cols[c]);
    free(cmp);
    free(reg);
    free(eco);
    free(traded);
    cs_regional_data_free(d);
    cs_service_close(svc);
    return status;
}
