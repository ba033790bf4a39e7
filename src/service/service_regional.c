/*
 * service_regional.c: the regional use cases (service.h): statistics for the measures of
 * regional.h, read from a long-form CSV file or from the registry's statistic table.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cs_service_read_regional(cs_regional_data **out, const char *path,
                             const cs_regional_read_options *opts)
{
    return cs_ingest_read_regional(out, path, opts);
}

#define WHAT "the registry's statistics"

/* A list of names from the store, joined for messages. */
typedef struct {
    char **name;
    size_t n, cap;
} names;

static int names_add(void *ctx, const char *name)
{
    names *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->name, cap * sizeof *p);
        if (!p)
            return cs_error_set(CS_ENOMEM, "out of memory");
        l->name = p;
        l->cap = cap;
    }
    l->name[l->n] = strdup(name ? name : "");
    if (!l->name[l->n])
        return cs_error_set(CS_ENOMEM, "out of memory");
    l->n++;
    return 0;
}

static void names_free(names *l)
{
    for (size_t k = 0; k < l->n; k++)
        free(l->name[k]);
    free(l->name);
    memset(l, 0, sizeof *l);
}

static int names_has(const names *l, const char *name)
{
    for (size_t k = 0; k < l->n; k++)
        if (strcmp(l->name[k], name) == 0)
            return 1;
    return 0;
}

/* "a, b, c" (QUOTE: each in quotes, so that '' shows) into buf, cut short with "..." */
static const char *names_join(char *buf, size_t size, const names *l, const char *sep, int quote)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < l->n && len < size; k++)
        len += (size_t)snprintf(buf + len, size - len, quote ? "%s'%s'" : "%s%s", k ? sep : "",
                                l->name[k]);
    if (len >= size && size > 4)
        memcpy(buf + size - 4, "...", 4);
    return buf;
}

static int no_statistics(const char *const *measures, size_t n, const char *classification)
{
    char list[512];
    names l = { (char **)measures, n, n };
    names_join(list, sizeof list, &l, " or ", 0);
    if (classification)
        return cs_error_set(CS_EDATA,
                            "the registry holds no statistics of measure %s in classification "
                            "'%s'",
                            list, classification);
    return cs_error_set(CS_EDATA, "the registry holds no statistics of measure %s", list);
}

/* The classification to read: the one asked (which the registry must know), or the only one
 * the measures' rows name. */
static int pick_classification(char **out, cs_service *svc, const cs_statistics_query *q,
                               const char *asked)
{
    names l = { 0 };
    char list[512];
    int rc = 0;
    *out = NULL;
    if (asked && *asked) {
        rc = cs_store_statistics_list(svc->store, CS_STATISTICS_KNOWN_CLASSIFICATIONS, q, names_add,
                                      &l);
        if (!rc && !names_has(&l, asked))
            rc = cs_error_set(CS_EDATA,
                              WHAT ": expected a classification the registry holds%s%s%s, "
                                   "found \"%s\"",
                              l.n ? " (" : " (none)", names_join(list, sizeof list, &l, ", ", 0),
                              l.n ? ")" : "", asked);
    } else if (!asked) {
        rc = cs_store_statistics_list(svc->store, CS_STATISTICS_CLASSIFICATIONS, q, names_add, &l);
        if (!rc && l.n == 0)
            rc = no_statistics(q->measures, q->n_measures, NULL);
        if (!rc && l.n > 1)
            rc = cs_error_set(CS_EDATA,
                              WHAT ": expected the values of one classification, found %zu "
                                   "classifications (%s; '' is none); choose one",
                              l.n, names_join(list, sizeof list, &l, ", ", 1));
        if (!rc)
            asked = l.name[0];
    }
    if (!rc && !(*out = strdup(asked)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    names_free(&l);
    return rc;
}

/* "employment statistics" or "employment or establishments statistics in classification 'c'":
 * which rows a message speaks of. */
static const char *statistics_of(char *buf, size_t size, const cs_statistics_query *q)
{
    char list[512];
    names l = { (char **)q->measures, q->n_measures, q->n_measures };
    names_join(list, sizeof list, &l, " or ", 0);
    if (q->classification && *q->classification)
        snprintf(buf, size, "%s statistics in classification '%s'", list, q->classification);
    else
        snprintf(buf, size, "%s statistics", list);
    return buf;
}

/* Each of the first n_required measures has rows in every year read: the strong-cluster rule
 * needs establishments beside employment, and a missing measure must not read as zeros. */
static int check_required(cs_service *svc, const cs_statistics_query *q,
                          const cs_regional_read_options *opts, const int *years, size_t ny)
{
    int rc = 0;
    for (size_t m = 0; !rc && opts->n_values > 1 && m < opts->n_required; m++) {
        cs_statistics_query one = *q;
        one.measures = q->measures + m;
        one.n_measures = 1;
        one.years = NULL;
        one.n_years = 0;
        names l = { 0 };
        char list[1024], of[600];
        rc = cs_store_statistics_list(svc->store, CS_STATISTICS_YEARS, &one, names_add, &l);
        for (size_t a = 0; !rc && a < ny; a++) {
            char year[32];
            snprintf(year, sizeof year, "%d", years[a]);
            if (!names_has(&l, year))
                rc =
                    cs_error_set(CS_EDATA,
                                 WHAT ": expected values of measure %s in %s beside %s (the "
                                      "command needs both), found none; the registry holds %s "
                                      "for %s%s",
                                 q->measures[m], year, q->measures[m ? 0 : 1],
                                 statistics_of(of, sizeof of, &one), l.n ? "the years " : "no year",
                                 names_join(list, sizeof list, &l, ", ", 0));
        }
        names_free(&l);
    }
    return rc;
}

/* The years to read: those asked, each of which the registry must hold, or the only one. */
static int pick_years(int **out, size_t *n, cs_service *svc, const cs_statistics_query *q,
                      const cs_regional_read_options *opts)
{
    names l = { 0 };
    char list[1024];
    *out = NULL;
    *n = 0;
    int rc = cs_store_statistics_list(svc->store, CS_STATISTICS_YEARS, q, names_add, &l);
    if (!rc && l.n == 0)
        rc = no_statistics(q->measures, q->n_measures,
                           q->classification && *q->classification ? q->classification : NULL);
    for (size_t a = 0; !rc && a < opts->n_years; a++) {
        char year[32], of[600];
        snprintf(year, sizeof year, "%d", opts->years[a]);
        if (!names_has(&l, year))
            rc = cs_error_set(
                CS_EDATA, WHAT ": expected a year of the registry's %s (%s), found \"%s\"",
                statistics_of(of, sizeof of, q), names_join(list, sizeof list, &l, ", ", 0), year);
    }
    if (!rc && !opts->n_years && l.n > 1)
        rc = cs_error_set(
            CS_EDATA, WHAT ": expected the values of one year, found %zu years (%s); choose one",
            l.n, names_join(list, sizeof list, &l, ", ", 0));
    size_t ny = opts->n_years ? opts->n_years : 1;
    int *years = rc ? NULL : malloc(ny * sizeof *years);
    if (!rc && !years)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t a = 0; !rc && a < ny; a++)
        years[a] = opts->n_years ? opts->years[a] : atoi(l.name[0]);
    names_free(&l);
    if (!rc) {
        *out = years;
        *n = ny;
    }
    return rc;
}

/* --level: a type some region has; every region of the rows with an ancestor of it; no value
 * counted twice. */
static int check_level(cs_service *svc, const cs_statistics_query *q)
{
    names l = { 0 };
    char list[512];
    int rc = cs_store_statistics_list(svc->store, CS_STATISTICS_REGION_TYPES, q, names_add, &l);
    if (!rc && !names_has(&l, q->level))
        rc = cs_error_set(CS_EDATA,
                          WHAT ": expected a region type the registry's regions have%s%s%s, "
                               "found \"%s\"",
                          l.n ? " (" : " (none has a type)",
                          names_join(list, sizeof list, &l, ", ", 0), l.n ? ")" : "", q->level);
    names_free(&l);
    char *region = NULL, *type = NULL;
    rc = rc ? rc : cs_store_statistics_unplaced(&region, &type, svc->store, q);
    if (!rc && region)
        rc = cs_error_set(CS_EDATA,
                          WHAT ": expected region '%s' (%s%s) to be of type '%s' or to have an "
                               "ancestor of that type, found none among its parents",
                          region, type ? "type " : "no type", type ? type : "", q->level);
    free(region);
    free(type);
    cs_statistics_nesting nest;
    memset(&nest, 0, sizeof nest);
    rc = rc ? rc : cs_store_statistics_nested(&nest, svc->store, q);
    if (!rc && nest.region)
        rc = cs_error_set(CS_EDATA,
                          WHAT ": expected each value once in the sums of level '%s', found %s of "
                               "'%s' in %d both for '%s' and for its part '%s'",
                          q->level, nest.measure, nest.industry, nest.year, nest.ancestor,
                          nest.region);
    free(nest.region);
    free(nest.ancestor);
    free(nest.industry);
    free(nest.measure);
    return rc;
}

/* --concordance: a scheme with rows from the classification read, and what it leaves out. */
static int check_scheme(cs_regional_coverage *cov, cs_service *svc, const cs_statistics_query *q)
{
    names l = { 0 };
    char list[512];
    int rc = cs_store_statistics_list(svc->store, CS_STATISTICS_SCHEMES, q, names_add, &l);
    if (!rc && !names_has(&l, q->scheme))
        rc = cs_error_set(CS_EDATA,
                          WHAT ": expected a concordance scheme from classification '%s'%s%s%s, "
                               "found \"%s\"",
                          q->classification, l.n ? " (" : " (it has none)",
                          names_join(list, sizeof list, &l, ", ", 0), l.n ? ")" : "", q->scheme);
    names_free(&l);
    cs_statistics_coverage c;
    rc = rc ? rc : cs_store_statistics_unmapped(&c, svc->store, q);
    if (!rc && c.rows_out == c.rows)
        rc = cs_error_set(CS_EDATA,
                          WHAT ": expected industries of classification '%s' with a category in "
                               "scheme '%s', found none among %zu rows",
                          q->classification, q->scheme, c.rows);
    if (!rc && cov) {
        cov->rows = c.rows;
        cov->rows_out = c.rows_out;
        for (size_t m = 0; m < CS_STATISTICS_MAX_MEASURES; m++) {
            cov->value[m] = c.value[m];
            cov->value_out[m] = c.value_out[m];
        }
    }
    return rc;
}

typedef struct {
    cs_regional_builder *b;
    const int *years;
    size_t ny;
    int with_type;
} build;

static int build_row(void *ctx, const char *region, const char *key, const char *type, int year,
                     size_t measure, double value)
{
    build *b = ctx;
    size_t y = 0;
    while (y < b->ny && b->years[y] != year)
        y++;
    if (y == b->ny)
        return cs_error_set(CS_EDATA, WHAT ": a row of year %d, which was not asked", year);
    return cs_regional_builder_add(b->b, region, key, b->with_type ? type : NULL, y, measure,
                                   value);
}

int cs_service_read_regional_selected(cs_regional_data **out, cs_regional_coverage *cov,
                                      cs_service *svc, const char *const *measures,
                                      const cs_regional_read_options *opts,
                                      const cs_regional_selection *sel)
{
    *out = NULL;
    if (cov)
        memset(cov, 0, sizeof *cov);
    if (!opts || opts->n_values == 0 || opts->n_values > CS_STATISTICS_MAX_MEASURES)
        return cs_error_set(CS_EUSAGE, "regional data: bad reading options");
    static const cs_regional_selection all = { NULL, NULL, NULL };
    if (!sel)
        sel = &all;
    cs_statistics_query q = { measures, opts->n_values, NULL, NULL, 0, NULL, NULL };
    char *classification = NULL;
    int *years = NULL;
    size_t ny = 0;
    int rc = pick_classification(&classification, svc, &q, sel->classification);
    q.classification = classification;
    rc = rc ? rc : pick_years(&years, &ny, svc, &q, opts);
    rc = rc ? rc : check_required(svc, &q, opts, years, ny);
    q.years = years;
    q.n_years = ny;
    q.level = sel->level;
    q.scheme = sel->scheme;
    if (!rc && q.level)
        rc = check_level(svc, &q);
    if (!rc && q.scheme)
        rc = check_scheme(cov, svc, &q);
    /* straight from the rows to the arrays: only the years asked are read */
    build b = { NULL, years, ny, opts->attribute != NULL };
    rc = rc ? rc : cs_regional_builder_new(&b.b, opts->n_values, years, ny);
    rc = rc ? rc : cs_store_statistics_select(svc->store, &q, build_row, &b);
    if (!rc) {
        rc = cs_regional_builder_finish(out, b.b, NULL, WHAT);
        b.b = NULL;
    }
    if (!rc && (rc = cs_regional_data_check_totals(*out, measures, opts->n_required, WHAT))) {
        cs_regional_data_free(*out);
        *out = NULL;
    }
    cs_regional_builder_free(b.b);
    free(classification);
    free(years);
    return rc;
}

int cs_service_read_regional_stored(cs_regional_data **out, cs_service *svc,
                                    const char *const *measures,
                                    const cs_regional_read_options *opts)
{
    return cs_service_read_regional_selected(out, NULL, svc, measures, opts, NULL);
}

int cs_service_read_related(cs_related_table **out, const char *path, char delimiter)
{
    return cs_ingest_read_related(out, path, delimiter);
}
