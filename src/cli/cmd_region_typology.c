/*
 * cmd_region_typology.c: `clusterscope region-typology --indicator A --count B`: seed 004's
 * threshold rule (indicator < threshold => at most one application) and regional typology (no
 * application, one cluster, many clusters) on a CSV file region,<columns> or the registry's
 * region facts (regional.h); written by regional_out.c.
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

int cs_cmd_region_typology(int argc, char **argv)
{
    static const struct option options[] = { { "indicator", required_argument, NULL, 'i' },
                                             { "count", required_argument, NULL, 'n' },
                                             { "clusters", required_argument, NULL, 'k' },
                                             { "threshold", required_argument, NULL, 't' },
                                             { "summary", no_argument, NULL, 's' },
                                             { "year", required_argument, NULL, 'y' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "delimiter", required_argument, NULL, 'D' },
                                             { "db", required_argument, NULL, 'B' },
                                             { NULL, 0, NULL, 0 } };
    const char *cmd = "region-typology", *ind = NULL, *cnt = NULL, *kname = "clusters";
    const char *db = NULL;
    double threshold = 0.35; /* seed 004, line 115: ИКИП < 0,35 */
    int summary = 0;
    cs_cli_regional_options o;
    memset(&o, 0, sizeof o);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'i':
            ind = optarg;
            break;
        case 'n':
            cnt = optarg;
            break;
        case 'k':
            kname = optarg;
            break;
        case 't':
            if (cs_cli_parse_double(&threshold, cmd, "--threshold", optarg, -HUGE_VAL, HUGE_VAL))
                return CS_CLI_EXIT_USAGE;
            break;
        case 's':
            summary = 1;
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
    if (!ind || !cnt || !*ind || !*cnt || !*kname)
        return cs_cli_usage_error(cmd, "--indicator A and --count B are required");
    if (optind + 1 < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind + 1]);
    const char *file = optind < argc ? argv[optind] : NULL;
    if (file && db)
        return cs_cli_usage_error(cmd, "--db is for the registry's region facts (no FILE)");

    const char *names[3] = { ind, cnt, kname };
    cs_region_table *t = NULL;
    int rc = cs_cli_region_table(&t, file, db, names, 3, &o);
    size_t nr = t ? t->nr : 0;
    double *col[5] = { NULL };
    cs_region_type *type = NULL;
    unsigned char *viol = NULL;
    const char **label = NULL;
    for (size_t k = 0; k < 5 && !rc; k++) {
        col[k] = malloc((nr ? nr : 1) * sizeof **col);
        rc = col[k] ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc) {
        type = malloc((nr ? nr : 1) * sizeof *type);
        viol = malloc(nr ? nr : 1);
        label = calloc(nr ? nr : 1, sizeof *label);
        rc = type && viol && label ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t r = 0; !rc && r < nr; r++)
        for (size_t k = 0; k < 3; k++)
            col[k][r] = t->value[r * 3 + k];
    cs_threshold_rule rule;
    rc = rc ? rc : cs_regional_threshold(&rule, type, viol, col[0], col[1], col[2], nr, threshold);
    cs_cli_frame fr;
    memset(&fr, 0, sizeof fr);
    fr.format = o.format;
    fr.lang = o.lang;
    fr.nkeys = 1;
    fr.key_name[0] = "region";
    if (!rc && summary) {
        static const char *const rule_name[] = { "rule" };
        double s[5] = { threshold, (double)rule.n, (double)rule.below, (double)rule.violations,
                        isinf(rule.largest) ? NAN : rule.largest };
        static const char *const sn[] = { "threshold", "regions", "below", "violations",
                                          "largest_threshold" };
        fr.measure = "threshold-rule";
        fr.key_name[0] = "rule";
        fr.key[0] = rule_name;
        fr.n[0] = 1;
        fr.ncols = 5;
        for (size_t k = 0; k < 5; k++) {
            fr.col_name[k] = sn[k];
            fr.cols[k] = &s[k];
            fr.integer[k] = k >= 1 && k <= 3;
        }
        rc = cs_cli_frame_write(&fr, o.output);
    } else if (!rc) {
        for (size_t r = 0; r < nr; r++) {
            int known = !isnan(col[0][r]) && !isnan(col[1][r]);
            col[3][r] = known ? col[0][r] < threshold : NAN;
            col[4][r] = known ? viol[r] : NAN;
            label[r] = cs_regional_type_name(type[r]);
        }
        fr.measure = "region-typology";
        fr.key[0] = (const char *const *)t->region;
        fr.n[0] = nr;
        fr.ncols = 5;
        const char *cn[] = { ind, cnt, kname, "below", "violation" };
        for (size_t k = 0; k < 5; k++) {
            fr.col_name[k] = cn[k];
            fr.cols[k] = col[k];
            fr.integer[k] = k >= 3;
        }
        fr.label_name = "type";
        fr.label = label;
        rc = cs_cli_frame_write(&fr, o.output);
    }
    int status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    for (size_t k = 0; k < 5; k++)
        free(col[k]);
    free(type);
    free(viol);
    free(label);
    cs_region_table_free(t);
    return status;
}
