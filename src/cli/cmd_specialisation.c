/*
 * cmd_specialisation.c: `clusterscope specialisation --measure M FILE`: one measure of
 * regional.h on a long-form CSV file (region,industry,value[,year][,sector]), read through the
 * service, written by regional_out.c.
 */
#include "regional_out.h"

#include "clusterscope/error.h"
#include "clusterscope/regional.h"
#include "clusterscope/service.h"
#include "util/number.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { SHAPE_CELL, SHAPE_REGION, SHAPE_INDUSTRY, SHAPE_PAIR } shape;

typedef struct {
    const char *name;
    shape shape;
} measure_info;

static const measure_info measures[] = {
    { "lq", SHAPE_CELL },
    { "lq-binary", SHAPE_CELL },
    { "density", SHAPE_CELL },
    { "krugman", SHAPE_REGION },
    { "hoover", SHAPE_REGION },
    { "herfindahl", SHAPE_REGION },
    { "entropy", SHAPE_REGION },
    { "diversity", SHAPE_REGION },
    { "complexity", SHAPE_REGION },
    { "variety", SHAPE_REGION },
    { "gini", SHAPE_INDUSTRY },
    { "ubiquity", SHAPE_INDUSTRY },
    { "hoover-index", SHAPE_INDUSTRY },
    { "co-occurrence", SHAPE_PAIR },
    { "relatedness", SHAPE_PAIR },
};
#define N_MEASURES (sizeof measures / sizeof measures[0])

typedef struct {
    const char *file, *reference;
    const char *db, *stat; /* with no FILE: the registry's statistics of measure `stat` */
    const measure_info *measure;
    long sector_digits;
    cs_relatedness_norm norm;
    cs_cli_regional_options o;
} spec_args;

static int parse_args(spec_args *a, int argc, char **argv)
{
    static const struct option options[] = { { "measure", required_argument, NULL, 'm' },
                                             { "year", required_argument, NULL, 'y' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "relatedness", required_argument, NULL, 'r' },
                                             { "sector-digits", required_argument, NULL, 's' },
                                             { "delimiter", required_argument, NULL, 'D' },
                                             { "reference", required_argument, NULL, 'R' },
                                             { "stat", required_argument, NULL, 'S' },
                                             { "db", required_argument, NULL, 'B' },
                                             CS_CLI_SELECTION_OPTIONS,
                                             { NULL, 0, NULL, 0 } };
    const char *cmd = "specialisation";
    memset(a, 0, sizeof *a);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'm':
            a->measure = NULL;
            for (size_t k = 0; k < N_MEASURES; k++)
                if (strcmp(optarg, measures[k].name) == 0)
                    a->measure = &measures[k];
            if (!a->measure)
                return cs_cli_usage_error(
                    cmd,
                    "--measure takes lq, lq-binary, krugman, hoover, hoover-index, herfindahl, "
                    "entropy, gini, diversity, ubiquity, variety, co-occurrence, relatedness, "
                    "density or complexity, not '%s'",
                    optarg);
            break;
        case 'r':
            if (cs_regional_relatedness_parse(&a->norm, optarg))
                return cs_cli_usage_error(
                    cmd, "--relatedness takes prob, association, cosine or jaccard, not '%s'",
                    optarg);
            break;
        case 's':
            if (cs_cli_parse_long(&a->sector_digits, cmd, "--sector-digits", optarg, 1, 64))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'R':
            a->reference = optarg;
            break;
        case 'S':
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
    if (!a->measure)
        return cs_cli_usage_error(cmd, "--measure M is required");
    if (optind + 1 < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind + 1]);
    if (optind < argc && (a->stat || a->db))
        return cs_cli_usage_error(cmd, "--stat and --db are for the registry's statistics "
                                       "(no FILE)");
    if (optind < argc && cs_cli_regional_selection_given(&a->o))
        return cs_cli_usage_error(cmd, "%s is for the registry's statistics (no FILE)",
                                  cs_cli_regional_selection_given(&a->o));
    if (a->stat && !*a->stat)
        return cs_cli_usage_error(cmd, "--stat takes a measure name such as employment");
    a->file = optind < argc ? argv[optind] : NULL;
    if (a->sector_digits && strcmp(a->measure->name, "variety") != 0)
        return cs_cli_usage_error(cmd, "--sector-digits is for --measure variety");
    if (a->reference && strcmp(a->measure->name, "hoover-index") != 0)
        return cs_cli_usage_error(cmd, "--reference is for --measure hoover-index");
    return 0;
}

/* The first n characters (UTF-8 code points) of s, or all of it. */
static size_t prefix_bytes(const char *s, long n)
{
    size_t k = 0;
    while (s[k] && n > 0) {
        k++;
        while ((s[k] & 0xC0) == 0x80)
            k++;
        n--;
    }
    return k;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sector index of every industry (from the file's column or the code prefix), sectors sorted. */
static int sectors(size_t *sector, size_t *nsectors, char ***names, const cs_regional_data *d,
                   const spec_args *a)
{
    size_t ni = d->ni;
    char **s = calloc(ni, sizeof *s);
    char **sorted = calloc(ni, sizeof *sorted);
    if (!s || !sorted) {
        free(s);
        free(sorted);
        return cs_error_set(CS_ENOMEM, "out of memory for %zu sectors", ni);
    }
    int rc = 0;
    for (size_t i = 0; i < ni && !rc; i++) {
        const char *src = d->attribute ? d->attribute[i] : d->key[i];
        size_t len = d->attribute ? strlen(src) : prefix_bytes(src, a->sector_digits);
        s[i] = strndup(src, len);
        if (!s[i])
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    size_t n = 0;
    if (!rc) {
        memcpy(sorted, s, ni * sizeof *s);
        qsort(sorted, ni, sizeof *sorted, cmp_str);
        for (size_t i = 0; i < ni; i++)
            if (n == 0 || strcmp(sorted[n - 1], sorted[i]) != 0)
                sorted[n++] = sorted[i];
        for (size_t i = 0; i < ni; i++) {
            const char *key = s[i];
            char **hit = bsearch(&key, sorted, n, sizeof *sorted, cmp_str);
            sector[i] = (size_t)(hit - sorted);
        }
    }
    *nsectors = n;
    *names = s; /* owns the strings; sorted only points into them */
    free(sorted);
    return rc;
}

static void free_names(char **s, size_t n)
{
    if (s)
        for (size_t i = 0; i < n; i++)
            free(s[i]);
    free(s);
}

static int cmp_name(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

/*
 * The reference of the Hoover index (e.g. population) by region, from a CSV file region,value:
 * every region of the data once, each value a number >= 0; a region the data lack is an error
 * too (a misspelt name would otherwise be dropped unseen).
 */
static int read_reference(double **out, const cs_regional_data *d, const spec_args *a)
{
    cs_csv_table t;
    int rc = cs_service_read_table(&t, a->reference, a->o.delimiter, 0);
    if (rc)
        return rc;
    const char *f = a->reference;
    double *ref = malloc(d->nr * sizeof *ref);
    unsigned char *seen = calloc(d->nr, 1);
    if (!ref || !seen)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    else if (t.cols != 2 || strcmp(cs_csv_table_cell(&t, 0, 0), "region") != 0 ||
             strcmp(cs_csv_table_cell(&t, 0, 1), "value") != 0)
        rc = cs_error_set(CS_EDATA, "%s:%ld: expected the header region,value", f, t.line[0]);
    for (size_t k = 1; !rc && k <= t.rows; k++) {
        const char *name = cs_csv_table_cell(&t, k, 0), *v = cs_csv_table_cell(&t, k, 1);
        const char *const *hit = bsearch(name, d->region, d->nr, sizeof *d->region, cmp_name);
        double x = 0;
        int bad = cs_number_read(&x, v, strlen(v), 0) != CS_NUMBER_OK;
        if (!hit)
            rc = cs_error_data(f, t.line[k], 1, "a region of the data file", name);
        else if (bad || x < 0)
            rc = cs_error_data(f, t.line[k], 2, "a number of at least 0", v);
        else if (seen[hit - d->region])
            rc = cs_error_data(f, t.line[k], 1, "each region once", name);
        if (!rc) {
            ref[hit - d->region] = x;
            seen[hit - d->region] = 1;
        }
    }
    for (size_t r = 0; !rc && r < d->nr; r++)
        if (!seen[r])
            rc = cs_error_set(CS_EDATA,
                              "%s: expected a value for every region of %s, found "
                              "none for '%s'",
                              f, a->file, d->region[r]);
    cs_csv_table_free(&t);
    free(seen);
    if (rc) {
        free(ref);
        return rc;
    }
    *out = ref;
    return 0;
}

/* Computes the measure into cols (allocated here, one or two arrays). */
static int compute(double **cols, size_t *ncols, const cs_regional_data *d, const spec_args *a)
{
    size_t nr = d->nr, ni = d->ni;
    const double *x = cs_regional_data_values(d, 0, 0);
    const char *m = a->measure->name;
    shape sh = a->measure->shape;
    size_t len = sh == SHAPE_CELL       ? nr * ni
                 : sh == SHAPE_REGION   ? nr
                 : sh == SHAPE_INDUSTRY ? ni
                                        : ni * ni;
    *ncols = strcmp(m, "variety") == 0 ? 2 : 1;
    for (size_t c = 0; c < *ncols; c++) {
        cols[c] = malloc(len * sizeof **cols);
        if (!cols[c])
            return cs_error_set(CS_ENOMEM, "out of memory for %zu results", len);
    }
    /* the binary matrix M, which most of the measures start from */
    double *mb = NULL, *c2 = NULL;
    int rc = 0;
    if (strcmp(m, "lq") == 0)
        return cs_regional_lq(cols[0], x, nr, ni);
    if (strcmp(m, "krugman") == 0)
        return cs_regional_krugman(cols[0], x, nr, ni);
    if (strcmp(m, "hoover") == 0)
        return cs_regional_hoover(cols[0], x, nr, ni);
    if (strcmp(m, "hoover-index") == 0) {
        double *ref = NULL;
        rc = a->reference ? read_reference(&ref, d, a) : 0;
        rc = rc ? rc : cs_regional_hoover_index(cols[0], x, ref, nr, ni);
        free(ref);
        return rc;
    }
    if (strcmp(m, "herfindahl") == 0)
        return cs_regional_herfindahl(cols[0], x, nr, ni);
    if (strcmp(m, "entropy") == 0)
        return cs_regional_entropy(cols[0], x, nr, ni);
    if (strcmp(m, "gini") == 0)
        return cs_regional_gini(cols[0], x, nr, ni);
    if (strcmp(m, "variety") == 0) {
        if (!d->attribute && !a->sector_digits)
            return cs_error_set(CS_EDATA,
                                "%s: expected a 'sector' column for related variety, found none "
                                "(or give the sector as a code prefix: --sector-digits N)",
                                a->file);
        if (d->attribute && a->sector_digits)
            return cs_error_set(CS_EUSAGE,
                                "%s has a 'sector' column: --sector-digits is for files "
                                "without one",
                                a->file);
        size_t *sector = malloc(ni * sizeof *sector), nsec = 0;
        char **names = NULL;
        rc = sector ? sectors(sector, &nsec, &names, d, a)
                    : cs_error_set(CS_ENOMEM, "out of memory");
        rc = rc ? rc : cs_regional_variety(cols[0], cols[1], x, sector, nsec, nr, ni);
        free(sector);
        free_names(names, ni);
        return rc;
    }
    mb = malloc(nr * ni * sizeof *mb);
    if (!mb)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu x %zu values", nr, ni);
    rc = cs_regional_lq(mb, x, nr, ni);
    if (!rc)
        cs_regional_binary(mb, mb, nr * ni);
    if (rc) {
    } else if (strcmp(m, "lq-binary") == 0) {
        memcpy(cols[0], mb, nr * ni * sizeof *mb);
    } else if (strcmp(m, "diversity") == 0) {
        cs_regional_diversity(cols[0], mb, nr, ni);
    } else if (strcmp(m, "ubiquity") == 0) {
        cs_regional_ubiquity(cols[0], mb, nr, ni);
    } else if (strcmp(m, "complexity") == 0) {
        rc = cs_regional_complexity(cols[0], mb, nr, ni);
    } else if (strcmp(m, "co-occurrence") == 0) {
        rc = cs_regional_cooccurrence(cols[0], mb, nr, ni);
    } else {
        c2 = malloc(ni * ni * sizeof *c2);
        rc = c2 ? cs_regional_cooccurrence(c2, mb, nr, ni)
                : cs_error_set(CS_ENOMEM, "out of memory for %zu x %zu values", ni, ni);
        if (!rc && strcmp(m, "relatedness") == 0) {
            rc = cs_regional_relatedness(cols[0], c2, ni, a->norm);
        } else if (!rc) { /* density, on the relatedness of the same matrix */
            double *phi = malloc(ni * ni * sizeof *phi);
            rc = phi ? cs_regional_relatedness(phi, c2, ni, a->norm)
                     : cs_error_set(CS_ENOMEM, "out of memory");
            rc = rc ? rc : cs_regional_density(cols[0], mb, phi, nr, ni);
            free(phi);
        }
    }
    free(mb);
    free(c2);
    return rc;
}

int cs_cmd_specialisation(int argc, char **argv)
{
    spec_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    static const char *const values[] = { "value" };
    int variety = strcmp(a.measure->name, "variety") == 0;
    cs_regional_read_options o = { "industry",
                                   values,
                                   1,
                                   1,
                                   variety ? "sector" : NULL,
                                   0,
                                   a.o.has_year ? &a.o.year : NULL,
                                   a.o.has_year ? 1 : 0,
                                   a.o.delimiter,
                                   0 };
    cs_regional_data *d = NULL;
    double *cols[2] = { NULL, NULL };
    size_t ncols = 0;
    cs_service *svc = NULL;
    int rc = 0;
    if (a.file) {
        rc = cs_service_read_regional(&d, a.file, &o);
    } else {
        /* no FILE: the registry's statistics, which name no sector */
        const char *stat = a.stat ? a.stat : "employment";
        o.attribute = NULL;
        rc = cs_cli_open(&svc, a.db, CS_SERVICE_READ);
        rc = rc ? rc : cs_cli_regional_read_stored(&d, svc, &stat, &o, &a.o);
        a.file = "the registry's statistics";
    }
    /* the references' 0 for an LQ of 0/0 is said, not passed off as a measured 0 */
    if (!rc &&
        (strncmp(a.measure->name, "lq", 2) == 0 || a.measure->shape == SHAPE_PAIR ||
         strcmp(a.measure->name, "diversity") == 0 || strcmp(a.measure->name, "ubiquity") == 0))
        cs_cli_note_empty(d, a.file, "industry", "given as 0 (as EconGeo's location_quotient)");
    if (!rc) {
        rc = compute(cols, &ncols, d, &a);
        /* a measure the data cannot give names the file (the reader's errors already do) */
        if (rc == CS_EDATA && strncmp(cs_error_last(), a.file, strlen(a.file)) != 0)
            cs_error_wrap("%s", a.file);
    }
    if (!rc) {
        cs_cli_frame fr;
        memset(&fr, 0, sizeof fr);
        fr.measure = a.measure->name;
        fr.format = a.o.format;
        fr.lang = a.o.lang;
        shape sh = a.measure->shape;
        fr.nkeys = sh == SHAPE_CELL || sh == SHAPE_PAIR ? 2 : 1;
        if (sh == SHAPE_CELL || sh == SHAPE_REGION) {
            fr.key_name[0] = "region";
            fr.key[0] = d->region;
            fr.n[0] = d->nr;
        } else {
            fr.key_name[0] = "industry";
            fr.key[0] = d->key;
            fr.n[0] = d->ni;
        }
        fr.key_name[1] = sh == SHAPE_PAIR ? "industry2" : "industry";
        fr.key[1] = d->key;
        fr.n[1] = d->ni;
        fr.skip_diagonal = sh == SHAPE_PAIR;
        fr.ncols = ncols;
        if (variety) {
            fr.col_name[0] = "related_variety";
            fr.col_name[1] = "unrelated_variety";
        } else {
            fr.col_name[0] = a.measure->name;
        }
        fr.cols[0] = cols[0];
        fr.cols[1] = cols[1];
        const char *m = a.measure->name;
        fr.integer[0] = strcmp(m, "lq-binary") == 0 || strcmp(m, "diversity") == 0 ||
                        strcmp(m, "ubiquity") == 0 || strcmp(m, "co-occurrence") == 0;
        rc = cs_cli_frame_write(&fr, a.o.output);
    }
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    free(cols[0]);
    free(cols[1]);
    cs_regional_data_free(d);
    cs_service_close(svc);
    return status;
}
