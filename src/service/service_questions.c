/*
 * service_questions.c: region measures for the seeds' questions (service.h): a region x
 * measure table read from a CSV file `region,<named columns>` or from the registry's region
 * facts (and the derived measure `clusters`).
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/store.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_region_table_free(cs_region_table *t)
{
    if (!t)
        return;
    for (size_t r = 0; t->region && r < t->nr; r++)
        free(t->region[r]);
    for (size_t c = 0; t->name && c < t->nc; c++)
        free(t->name[c]);
    free(t->region);
    free(t->name);
    free(t->value);
    free(t);
}

/* A table of nr regions (names copied, sorted) and n measures, every value unknown. */
static int table_new(cs_region_table **out, const char *const *regions, size_t nr,
                     const char *const *names, size_t n)
{
    cs_region_table *t = calloc(1, sizeof *t);
    if (!t)
        return cs_error_set(CS_ENOMEM, "out of memory");
    t->region = calloc(nr ? nr : 1, sizeof *t->region);
    t->name = calloc(n ? n : 1, sizeof *t->name);
    t->value = malloc((nr * n > 0 ? nr * n : 1) * sizeof *t->value);
    int rc = t->region && t->name && t->value ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t r = 0; r < nr && !rc; r++) {
        t->region[r] = strdup(regions[r]);
        t->nr = r + 1;
        rc = t->region[r] ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < n && !rc; c++) {
        t->name[c] = strdup(names[c]);
        t->nc = c + 1;
        rc = t->name[c] ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < nr * n && !rc; k++)
        t->value[k] = NAN;
    if (rc) {
        cs_region_table_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts n names and drops repeats; returns how many are left. */
static size_t sort_unique(const char **s, size_t n)
{
    qsort(s, n, sizeof *s, cmp_str);
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (m == 0 || strcmp(s[m - 1], s[k]) != 0)
            s[m++] = s[k];
    return m;
}

static long find_region(const cs_region_table *t, const char *name)
{
    const char *key = name;
    char **hit = bsearch(&key, t->region, t->nr, sizeof *t->region, cmp_str);
    return hit ? (long)(hit - t->region) : -1;
}

/* The header of T as text, for messages. */
static void header_text(char *out, size_t cap, const cs_csv_table *t)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t c = 0; c < t->cols && len + 1 < cap; c++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s", c ? "," : "",
                                cs_csv_table_cell(t, 0, c));
}

static long column_of(const cs_csv_table *t, const char *name)
{
    for (size_t c = 0; c < t->cols; c++)
        if (strcmp(cs_csv_table_cell(t, 0, c), name) == 0)
            return (long)c;
    return -1;
}

int cs_service_read_region_table(cs_region_table **out, const char *path, char delimiter,
                                 const char *const *names, size_t n, const int *year)
{
    *out = NULL;
    cs_csv_table t;
    int rc = cs_ingest_read_table(&t, path, delimiter, 0);
    if (rc)
        return rc;
    long *col = calloc(n ? n : 1, sizeof *col);
    const char **regions = calloc(t.rows ? t.rows : 1, sizeof *regions);
    unsigned char *keep = calloc(t.rows + 1, 1);
    char head[512];
    header_text(head, sizeof head, &t);
    long rcol = column_of(&t, "region"), ycol = column_of(&t, "year");
    if (!col || !regions || !keep)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    else if (rcol < 0)
        rc = cs_error_data(path, t.line[0], 1, "a column 'region' in the header", head);
    for (size_t c = 0; c < n && !rc; c++) {
        col[c] = column_of(&t, names[c]);
        if (col[c] < 0) {
            char want[160];
            snprintf(want, sizeof want, "a column '%s' in the header", names[c]);
            rc = cs_error_data(path, t.line[0], 1, want, head);
        }
    }
    if (!rc && year && ycol < 0)
        rc = cs_error_set(CS_EUSAGE,
                          "%s has no 'year' column: --year is for a file with one or for the "
                          "registry",
                          path);
    size_t nr = 0;
    for (size_t k = 1; k <= t.rows && !rc; k++) {
        if (ycol >= 0) {
            const char *ys = cs_csv_table_cell(&t, k, (size_t)ycol);
            long y = 0;
            char *end = NULL;
            y = strtol(ys, &end, 10);
            if (!*ys || *end || y < 0 || y > 9999) {
                rc = cs_error_data(path, t.line[k], ycol + 1, "a year (a whole number)", ys);
                break;
            }
            if (year && y != *year)
                continue;
        }
        const char *name = cs_csv_table_cell(&t, k, (size_t)rcol);
        if (!*name) {
            rc = cs_error_data(path, t.line[k], rcol + 1, "a region name", name);
            break;
        }
        keep[k] = 1;
        regions[nr++] = name;
    }
    if (!rc && nr == 0)
        rc = year ? cs_error_set(CS_EDATA, "%s: expected rows of year %d, found none", path, *year)
                  : cs_error_set(CS_EDATA, "%s: expected rows after the header, found none", path);
    size_t m = rc ? 0 : sort_unique(regions, nr);
    if (!rc && m < nr) { /* name the first repeat, on its second line */
        const char **seen = calloc(nr, sizeof *seen);
        size_t ns = 0;
        for (size_t k = 1; seen && k <= t.rows && !rc; k++) {
            if (!keep[k])
                continue;
            const char *name = cs_csv_table_cell(&t, k, (size_t)rcol);
            for (size_t j = 0; j < ns; j++)
                if (strcmp(seen[j], name) == 0) {
                    rc = cs_error_data(path, t.line[k], rcol + 1,
                                       ycol >= 0 && !year
                                           ? "each region once (the file holds several years: "
                                             "give --year)"
                                           : "each region once",
                                       name);
                    break;
                }
            seen[ns++] = name;
        }
        free(seen);
        if (!rc)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    cs_region_table *rt = NULL;
    rc = rc ? rc : table_new(&rt, regions, m, names, n);
    for (size_t k = 1; k <= t.rows && !rc; k++) {
        if (!keep[k])
            continue;
        size_t r = (size_t)find_region(rt, cs_csv_table_cell(&t, k, (size_t)rcol));
        for (size_t c = 0; c < n && !rc; c++) {
            const char *v = cs_csv_table_cell(&t, k, (size_t)col[c]);
            double x = NAN;
            char *end = NULL;
            if (*v)
                x = strtod(v, &end);
            if (*v && (*end || !isfinite(x) || isspace((unsigned char)*v)))
                rc = cs_error_data(path, t.line[k], col[c] + 1,
                                   "a number (or an empty cell: unknown)", v);
            rt->value[r * n + c] = x;
        }
    }
    free(col);
    free(regions);
    free(keep);
    cs_csv_table_free(&t);
    if (rc) {
        cs_region_table_free(rt);
        return rc;
    }
    *out = rt;
    return 0;
}

/* The derived measure: the registry's clusters by region. */
static const char CLUSTERS[] = "clusters";

int cs_service_region_table_stored(cs_region_table **out, cs_service *svc, const char *const *names,
                                   size_t n, const int *year)
{
    *out = NULL;
    cs_fact_definitions *defs = NULL;
    cs_factset *set = NULL;
    cs_cluster_list *clusters = NULL;
    const char **facts = calloc(n ? n : 1, sizeof *facts);
    cs_subject_kind *kinds = calloc(n ? n : 1, sizeof *kinds);
    size_t nf = 0;
    int want_clusters = 0;
    int rc = facts && kinds ? cs_service_fact_definitions(&defs, svc)
                            : cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t c = 0; c < n && !rc; c++) {
        if (strcmp(names[c], CLUSTERS) == 0) {
            want_clusters = 1;
            continue;
        }
        if (!cs_fact_definitions_find(defs, CS_SUBJECT_REGION, names[c]))
            rc = cs_error_set(CS_EDATA,
                              "expected a region fact the registry defines (fact_definitions of "
                              "subject kind region) or 'clusters', found '%s'",
                              names[c]);
        kinds[nf] = CS_SUBJECT_REGION;
        facts[nf++] = names[c];
    }
    rc = rc ? rc : cs_factset_new(&set);
    rc = rc || nf == 0 ? rc : cs_store_load_facts(set, svc->store, kinds, facts, nf);
    rc = rc || !want_clusters ? rc : cs_service_clusters(&clusters, svc, NULL);
    /* the rows: regions with one of the facts, or with clusters when only they are asked */
    size_t nfacts = set ? cs_factset_count(set) : 0;
    size_t ncl = clusters ? cs_cluster_list_count(clusters) : 0;
    const char **regions = calloc(nfacts + ncl + 1, sizeof *regions);
    size_t nr = 0;
    if (!rc && !regions)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t k = 0; k < nfacts && !rc; k++) {
        const cs_fact *f = cs_factset_at(set, k);
        if (f->subject_kind == CS_SUBJECT_REGION)
            regions[nr++] = f->subject;
    }
    for (size_t k = 0; nf == 0 && k < ncl && !rc; k++)
        if (*cs_cluster_list_at(clusters, k)->region)
            regions[nr++] = cs_cluster_list_at(clusters, k)->region;
    size_t m = rc ? 0 : sort_unique(regions, nr);
    if (!rc && m == 0)
        rc = cs_error_set(CS_EDATA,
                          "the registry holds no region with %s (import them as facts of "
                          "subject kind region)",
                          nf ? "the facts asked" : "clusters");
    cs_region_table *t = NULL;
    rc = rc ? rc : table_new(&t, regions, m, names, n);
    for (size_t c = 0; c < n && !rc; c++) {
        if (strcmp(names[c], CLUSTERS) == 0) {
            for (size_t r = 0; r < t->nr; r++)
                t->value[r * n + c] = 0;
            for (size_t k = 0; k < ncl; k++) {
                long r = find_region(t, cs_cluster_list_at(clusters, k)->region);
                if (r >= 0)
                    t->value[(size_t)r * n + c] += 1;
            }
            continue;
        }
        for (size_t r = 0; r < t->nr; r++) {
            const cs_fact *f = NULL;
            if (!year) {
                f = cs_factset_get(set, CS_SUBJECT_REGION, t->region[r], names[c], 0);
            } else { /* that year exactly: an older value is not this year's */
                f = cs_factset_get(set, CS_SUBJECT_REGION, t->region[r], names[c], *year);
                if (f && f->year != *year)
                    f = NULL;
            }
            if (f && f->value.kind == CS_VALUE_NUMBER && f->value.lo == f->value.hi)
                t->value[r * n + c] = f->value.lo;
        }
    }
    free(regions);
    free(facts);
    free(kinds);
    cs_fact_definitions_free(defs);
    cs_factset_free(set);
    cs_cluster_list_free(clusters);
    if (rc) {
        cs_region_table_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

void cs_service_questions_free(cs_service_questions *q)
{
    if (!q)
        return;
    cs_region_table_free(q->table);
    free(q->type);
    free(q->violation);
    free(q);
}

/* The correlation of columns a and b of T into q->corr[k]; a refusal becomes the note. */
static int questions_corr(cs_service_questions *q, size_t k, size_t a, size_t b)
{
    const cs_region_table *t = q->table;
    double *x = malloc((t->nr ? t->nr : 1) * sizeof *x);
    double *y = malloc((t->nr ? t->nr : 1) * sizeof *y);
    int rc = x && y ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t r = 0; !rc && r < t->nr; r++) {
        x[r] = t->value[r * t->nc + a];
        y[r] = t->value[r * t->nc + b];
    }
    rc = rc ? rc : cs_regional_pearson(&q->corr[k][0], x, y, t->nr, 0.95);
    rc = rc ? rc : cs_regional_spearman(&q->corr[k][1], x, y, t->nr, 0.95);
    free(x);
    free(y);
    if (rc == CS_EDATA) { /* too few regions, or a constant measure: said in the section */
        q->corr_few[k] = q->corr[k][0].n < 4;
        cs_error_clear();
        return 0;
    }
    q->has_corr[k] = !rc;
    return rc;
}

int cs_service_questions_read(cs_service_questions **out, cs_service *svc, int year)
{
    static const char *const names[CS_QUESTIONS_COLUMNS] = {
        "rir_policy_quality", "cluster_support_applications", "clusters",
        "patents_per_10k_employees", "cluster_strength"
    };
    *out = NULL;
    cs_service_questions *q = calloc(1, sizeof *q);
    if (!q)
        return cs_error_set(CS_ENOMEM, "out of memory");
    q->threshold = 0.35; /* seed 004, line 115 */
    int rc = cs_service_region_table_stored(&q->table, svc, names, CS_QUESTIONS_COLUMNS,
                                            year ? &year : NULL);
    if (rc == CS_EDATA) { /* no region holds the facts (or a registry defines none of them) */
        cs_error_clear();
        *out = q;
        return 0;
    }
    size_t nr = q->table ? q->table->nr : 0;
    double *col[3] = { NULL, NULL, NULL };
    for (size_t k = 0; !rc && k < 3; k++) {
        col[k] = malloc((nr ? nr : 1) * sizeof **col);
        rc = col[k] ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc) {
        q->type = malloc((nr ? nr : 1) * sizeof *q->type);
        q->violation = malloc(nr ? nr : 1);
        rc = q->type && q->violation ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t r = 0; !rc && r < nr; r++)
        for (size_t k = 0; k < 3; k++)
            col[k][r] = q->table->value[r * CS_QUESTIONS_COLUMNS + k];
    rc = rc ? rc
            : cs_regional_threshold(&q->rule, q->type, q->violation, col[0], col[1], col[2], nr,
                                    q->threshold);
    q->has_rule = !rc && q->rule.n > 0;
    rc = rc ? rc : questions_corr(q, 0, 0, 1);
    rc = rc ? rc : questions_corr(q, 1, 3, 4);
    for (size_t k = 0; k < 3; k++)
        free(col[k]);
    if (rc) {
        cs_service_questions_free(q);
        return rc;
    }
    *out = q;
    return 0;
}
