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
#include <unistd.h>

int cs_service_read_regional(cs_regional_data **out, const char *path,
                             const cs_regional_read_options *opts)
{
    return cs_ingest_read_regional(out, path, opts);
}

/* One cell (region, industry, year) with the value of each measure asked, 0 when absent: the
 * registry's rows become the CSV rows a user's file of the same data would hold. */
typedef struct {
    FILE *f;
    size_t n;
    char *region, *industry;
    int year, open;
    size_t rows;
    double value[4];
} pivot;

static int pivot_flush(pivot *p)
{
    if (!p->open)
        return 0;
    fprintf(p->f, "\"%s\",\"%s\",%d", p->region, p->industry, p->year);
    for (size_t m = 0; m < p->n; m++)
        fprintf(p->f, ",%.17g", p->value[m]);
    fputc('\n', p->f);
    p->open = 0;
    return ferror(p->f) ? cs_error_set(CS_EIO, "writing statistics: out of space") : 0;
}

static int pivot_row(void *ctx, const char *region, const char *industry, int year, size_t measure,
                     double value)
{
    pivot *p = ctx;
    /* region keys and industry codes with a quote would need escaping; keys cannot hold one,
     * and an industry code with one is refused here rather than read wrong */
    if (strchr(industry, '"'))
        return cs_error_set(CS_EDATA,
                            "the registry's statistics: expected an industry code "
                            "without '\"', found \"%s\"",
                            industry);
    if (!p->open || year != p->year || strcmp(region, p->region) != 0 ||
        strcmp(industry, p->industry) != 0) {
        int rc = pivot_flush(p);
        if (rc)
            return rc;
        free(p->region);
        free(p->industry);
        p->region = strdup(region);
        p->industry = strdup(industry);
        if (!p->region || !p->industry)
            return cs_error_set(CS_ENOMEM, "out of memory");
        p->year = year;
        p->open = 1;
        memset(p->value, 0, sizeof p->value);
    }
    p->value[measure] = value;
    p->rows++;
    return 0;
}

int cs_service_read_regional_stored(cs_regional_data **out, cs_service *svc,
                                    const char *const *measures,
                                    const cs_regional_read_options *opts)
{
    *out = NULL;
    if (!opts || opts->n_values == 0 || opts->n_values > 4)
        return cs_error_set(CS_EUSAGE, "regional data: bad reading options");
    /* The rows go through the CSV reader itself, so the registry's data give exactly what the
     * same data in a file give (the same checks, order and numbers). */
    const char *tmpdir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/clusterscope-statistics.XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return cs_error_set(CS_EIO, "%s: cannot create a temporary file", path);
    pivot p = { fdopen(fd, "w"), opts->n_values, NULL, NULL, 0, 0, 0, { 0 } };
    if (!p.f) {
        close(fd);
        unlink(path);
        return cs_error_set(CS_EIO, "%s: cannot write a temporary file", path);
    }
    fprintf(p.f, "region,%s,year", opts->key);
    for (size_t v = 0; v < opts->n_values; v++)
        fprintf(p.f, ",%s", opts->values[v]);
    fputc('\n', p.f);
    int rc = cs_store_statistics_each(svc->store, measures, opts->n_values, pivot_row, &p);
    rc = rc ? rc : pivot_flush(&p);
    free(p.region);
    free(p.industry);
    if (fclose(p.f) != 0 && !rc)
        rc = cs_error_set(CS_EIO, "%s: cannot write a temporary file", path);
    if (!rc && p.rows == 0) {
        char names[512] = "";
        size_t len = 0;
        for (size_t m = 0; m < opts->n_values && len < sizeof names; m++)
            len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", m ? " or " : "",
                                    measures[m]);
        rc = cs_error_set(CS_EDATA, "the registry holds no statistics of measure %s", names);
    }
    if (!rc) {
        cs_regional_read_options o = *opts;
        o.delimiter = ',';
        o.attribute = NULL;
        rc = cs_ingest_read_regional(out, path, &o);
        if (rc) {
            /* the reader names its file: here that is the registry's statistics */
            const char *msg = cs_error_last();
            size_t plen = strlen(path);
            const char *rest = strncmp(msg, path, plen) == 0 ? msg + plen : msg;
            const char *line = strchr(rest, ' ');
            char copy[1024];
            snprintf(copy, sizeof copy, "%s", rest[0] == ':' && line ? line + 1 : rest);
            rc = cs_error_set(rc, "the registry's statistics: %s", copy);
        }
    }
    unlink(path);
    return rc;
}

int cs_service_read_related(cs_related_table **out, const char *path, char delimiter)
{
    return cs_ingest_read_related(out, path, delimiter);
}
