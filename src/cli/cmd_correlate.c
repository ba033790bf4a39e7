/*
 * cmd_correlate.c: `clusterscope correlate --x A --y B [FILE]`: Pearson's and Spearman's
 * correlation of two region measures, with confidence intervals, p-values and n (regional.h),
 * on a CSV file region,<columns> or the registry's region facts; written by regional_out.c.
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

/* --confidence C (or --threshold T): a number; 0 or 2 with the usage error printed. */
int cs_cli_parse_double(double *out, const char *cmd, const char *option, const char *arg,
                        double lo, double hi)
{
    char *end = NULL;
    double v = strtod(arg, &end);
    if (!*arg || *end || !(v > lo && v < hi))
        return cs_cli_usage_error(cmd, "%s takes a number between %g and %g (exclusive), not '%s'",
                                  option, lo, hi, arg);
    *out = v;
    return 0;
}

int cs_cmd_correlate(int argc, char **argv)
{
    static const struct option options[] = { { "x", required_argument, NULL, 'x' },
                                             { "y", required_argument, NULL, 'Y' },
                                             { "confidence", required_argument, NULL, 'c' },
                                             { "year", required_argument, NULL, 'y' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "delimiter", required_argument, NULL, 'D' },
                                             { "db", required_argument, NULL, 'B' },
                                             { NULL, 0, NULL, 0 } };
    const char *cmd = "correlate", *xname = NULL, *yname = NULL, *db = NULL;
    double confidence = 0.95;
    cs_cli_regional_options o;
    memset(&o, 0, sizeof o);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'x':
            xname = optarg;
            break;
        case 'Y':
            yname = optarg;
            break;
        case 'c':
            if (cs_cli_parse_double(&confidence, cmd, "--confidence", optarg, 0, 1))
                return CS_CLI_EXIT_USAGE;
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
    if (!xname || !yname || !*xname || !*yname)
        return cs_cli_usage_error(cmd, "--x A and --y B (two measures) are required");
    if (optind + 1 < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind + 1]);
    const char *file = optind < argc ? argv[optind] : NULL;
    if (file && db)
        return cs_cli_usage_error(cmd, "--db is for the registry's region facts (no FILE)");

    const char *names[2] = { xname, yname };
    cs_region_table *t = NULL;
    int rc = cs_cli_region_table(&t, file, db, names, 2, &o);
    double *x = NULL, *y = NULL;
    cs_correlation res[2];
    if (!rc) {
        x = malloc((t->nr ? t->nr : 1) * sizeof *x);
        y = malloc((t->nr ? t->nr : 1) * sizeof *y);
        rc = x && y ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t r = 0; !rc && r < t->nr; r++) {
        x[r] = t->value[r * 2];
        y[r] = t->value[r * 2 + 1];
    }
    rc = rc ? rc : cs_regional_pearson(&res[0], x, y, t->nr, confidence);
    rc = rc ? rc : cs_regional_spearman(&res[1], x, y, t->nr, confidence);
    if (rc == CS_EDATA && t)
        cs_error_wrap("%s, %s and %s", file ? file : "the registry's region facts", xname, yname);
    if (!rc) {
        static const char *const methods[] = { "pearson", "spearman" };
        double cols[5][2];
        for (size_t k = 0; k < 2; k++) {
            cols[0][k] = (double)res[k].n;
            cols[1][k] = res[k].r;
            cols[2][k] = res[k].lower;
            cols[3][k] = res[k].upper;
            cols[4][k] = res[k].p;
        }
        cs_cli_frame fr;
        memset(&fr, 0, sizeof fr);
        fr.measure = "correlation";
        fr.format = o.format;
        fr.lang = o.lang;
        fr.nkeys = 1;
        fr.key_name[0] = "method";
        fr.key[0] = methods;
        fr.n[0] = 2;
        fr.ncols = 5;
        static const char *const col_names[] = { "n", "r", "lower", "upper", "p" };
        for (size_t k = 0; k < 5; k++) {
            fr.col_name[k] = col_names[k];
            fr.cols[k] = cols[k];
        }
        fr.integer[0] = 1;
        fr.max_decimals[4] = 4; /* p, as the report shows it */
        rc = cs_cli_frame_write(&fr, o.output);
    }
    int status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    free(x);
    free(y);
    cs_region_table_free(t);
    return status;
}
