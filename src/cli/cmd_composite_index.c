/*
 * cmd_composite_index.c: `clusterscope composite-index --method FILE [DATA]`: a composite index
 * of regions (sub-indices, the index, its rank) by a method file (regional.h), on a CSV file
 * region,<indicator columns> or the registry's region facts; written by regional_out.c.
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

int cs_cmd_composite_index(int argc, char **argv)
{
    static const struct option options[] = {
        { "method", required_argument, NULL, 'm' }, { "year", required_argument, NULL, 'y' },
        { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
        { "lang", required_argument, NULL, 'l' },   { "delimiter", required_argument, NULL, 'D' },
        { "db", required_argument, NULL, 'B' },     { NULL, 0, NULL, 0 }
    };
    const char *cmd = "composite-index", *method = NULL, *db = NULL;
    cs_cli_regional_options o;
    memset(&o, 0, sizeof o);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'm':
            method = optarg;
            break;
        case 'B':
            db = optarg;
            break;
        default: {
            int shared = cs_cli_regional_option(&o, cmd, c, optarg);
            if (shared == 0)
                return cs_cli_usage_error(cmd, "unknown or incomplete option '%s'",
                                          argv[optind - 1]);
            if (shared != 1)
                return shared;
        }
        }
    }
    if (!method || !*method)
        return cs_cli_usage_error(cmd, "--method FILE is required");
    if (optind + 1 < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind + 1]);
    const char *file = optind < argc ? argv[optind] : NULL;
    if (file && db)
        return cs_cli_usage_error(cmd, "--db is for the registry's region facts (no DATA)");

    cs_composite *m = NULL;
    cs_region_table *t = NULL;
    double *sub = NULL, *index = NULL, *rank = NULL, *known = NULL;
    int rc = cs_composite_load_file(&m, method);
    size_t ni = m ? cs_composite_indicators(m) : 0, ns = m ? cs_composite_sub_indices(m) : 0;
    if (!rc && ns + 3 > CS_CLI_FRAME_COLS)
        rc = cs_error_set(CS_EDATA, "%s: expected at most %d sub-indices, found %zu", method,
                          CS_CLI_FRAME_COLS - 3, ns);
    const char **names = calloc(ni ? ni : 1, sizeof *names);
    if (!rc && !names)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < ni; i++)
        names[i] = cs_composite_indicator(m, i);
    rc = rc ? rc : cs_cli_region_table(&t, file, db, names, ni, &o);
    size_t nr = t ? t->nr : 0;
    if (!rc) {
        sub = malloc((nr * ns > 0 ? nr * ns : 1) * sizeof *sub);
        index = malloc((nr ? nr : 1) * sizeof *index);
        rank = malloc((nr ? nr : 1) * sizeof *rank);
        known = malloc((nr ? nr : 1) * sizeof *known);
        rc = sub && index && rank && known ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    }
    rc = rc ? rc : cs_composite_compute(sub, index, rank, known, m, t->value, nr);
    if (rc == CS_EDATA && t)
        cs_error_wrap("%s", file ? file : "the registry's region facts");
    double *subcol = NULL;
    if (!rc) { /* column-major for the writer */
        subcol = malloc((nr * ns > 0 ? nr * ns : 1) * sizeof *subcol);
        rc = subcol ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
        for (size_t s = 0; !rc && s < ns; s++)
            for (size_t r = 0; r < nr; r++)
                subcol[s * nr + r] = sub[r * ns + s];
    }
    if (!rc) {
        cs_cli_frame fr;
        memset(&fr, 0, sizeof fr);
        fr.measure = cs_composite_id(m);
        fr.format = o.format;
        fr.lang = o.lang;
        fr.nkeys = 1;
        fr.key_name[0] = "region";
        fr.key[0] = (const char *const *)t->region;
        fr.n[0] = nr;
        for (size_t s = 0; s < ns; s++) {
            fr.col_name[s] = cs_composite_sub_index(m, s);
            fr.cols[s] = subcol + s * nr;
        }
        fr.col_name[ns] = "index";
        fr.cols[ns] = index;
        fr.col_name[ns + 1] = "rank";
        fr.cols[ns + 1] = rank;
        fr.integer[ns + 1] = 1;
        fr.col_name[ns + 2] = "known";
        fr.cols[ns + 2] = known;
        fr.integer[ns + 2] = 1;
        fr.ncols = ns + 3;
        rc = cs_cli_frame_write(&fr, o.output);
    }
    int status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    free(subcol);
    free(sub);
    free(index);
    free(rank);
    free(known);
    free(names);
    cs_region_table_free(t);
    cs_composite_free(m);
    return status;
}
