/*
 * service_assume.c: scenarios. Facts assumed for one analysis are imported, with every check
 * of an import, into an in-memory copy of the registry; the registry itself is never written.
 * The assumed facts are kept, with the file and line they came from, so that every output built
 * on them can list them. Also the fresh run a classification of a scenario starts from.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

void cs_service_assumptions_free(cs_service *svc)
{
    for (size_t i = 0; svc->assumed_text && i < 6 * svc->n_assumed; i++)
        free(svc->assumed_text[i]);
    free(svc->assumed_text);
    free(svc->assumed);
    svc->assumed = NULL;
    svc->assumed_text = NULL;
    svc->n_assumed = svc->cap_assumed = 0;
}

static const char *column(const char *const *columns, const char *const *values, size_t n,
                          const char *name)
{
    for (size_t c = 0; c < n; c++)
        if (strcmp(columns[c], name) == 0)
            return values[c] ? values[c] : "";
    return "";
}

static char *copy(const char *s)
{
    size_t len = strlen(s) + 1;
    char *t = malloc(len);
    if (t)
        memcpy(t, s, len);
    return t;
}

/* The import's record observer: keeps each fact as an assumption; sources pass (a fact cites
 * one), anything else is refused where it stands. */
static int keep_fact(void *ctx, const char *kind, const char *const *columns,
                     const char *const *values, size_t n, const char *file, long line)
{
    cs_service *scen = ctx;
    if (strcmp(kind, "sources") == 0)
        return 0;
    if (strcmp(kind, "facts") != 0)
        return cs_error_data(file, line, 0,
                             "facts, and the sources they cite, in a file of assumptions", kind);
    if (scen->n_assumed == scen->cap_assumed) {
        size_t cap = scen->cap_assumed ? 2 * scen->cap_assumed : 16;
        cs_classify_assumption *a = realloc(scen->assumed, cap * sizeof *a);
        if (a)
            scen->assumed = a;
        char **t = realloc(scen->assumed_text, 6 * cap * sizeof *t);
        if (t)
            scen->assumed_text = t;
        if (!a || !t)
            return cs_error_set(CS_ENOMEM, "out of memory");
        scen->cap_assumed = cap;
    }
    const char *src[6] = {
        column(columns, values, n, "subject_kind"), column(columns, values, n, "subject"),
        column(columns, values, n, "fact"),         column(columns, values, n, "year"),
        column(columns, values, n, "value"),        file ? file : ""
    };
    char **t = scen->assumed_text + 6 * scen->n_assumed;
    for (int k = 0; k < 6; k++) {
        if (!(t[k] = copy(src[k]))) {
            for (int j = 0; j < k; j++)
                free(t[j]);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
    }
    scen->assumed[scen->n_assumed++] =
        (cs_classify_assumption){ t[0], t[1], t[2], t[3], t[4], t[5], line };
    return 0;
}

int cs_service_assume(cs_service **out, cs_service *svc, const char *const *paths, size_t n_paths,
                      const cs_import_options *opts)
{
    *out = NULL;
    cs_service *scen = calloc(1, sizeof *scen);
    if (!scen)
        return cs_error_set(CS_ENOMEM, "out of memory");
    scen->max_memory = svc->max_memory;
    int rc = cs_store_copy_in_memory(&scen->store, svc->store);
    cs_import_options o;
    memset(&o, 0, sizeof o);
    if (opts)
        o = *opts;
    o.dry_run = 0; /* the copy is the scenario: its import must stay */
    o.record = keep_fact;
    o.record_ctx = scen;
    cs_import_stats stats;
    memset(&stats, 0, sizeof stats);
    rc = rc ? rc : cs_import_files(&stats, scen->store, paths, n_paths, &o);
    /* a reference-types document is imported whole, past the observer: refused here */
    for (int k = 0; !rc && k < CS_IMPORT_KINDS; k++) {
        const char *kind = cs_import_kind_name(k);
        long long seen = stats.inserted[k] + stats.updated[k] + stats.unchanged[k];
        if (seen && strcmp(kind, "facts") != 0 && strcmp(kind, "sources") != 0)
            rc = cs_error_set(CS_EDATA,
                              "%s: expected facts, and the sources they cite, in a file of "
                              "assumptions, found %s",
                              n_paths == 1 ? paths[0] : "the files of assumptions", kind);
    }
    if (!rc && scen->n_assumed == 0)
        rc = cs_error_set(CS_EDATA, "%s: expected at least one fact to assume, found none",
                          n_paths == 1 ? paths[0] : "the files of assumptions");
    if (rc) {
        cs_service_close(scen);
        return rc;
    }
    *out = scen;
    return 0;
}

size_t cs_service_assumptions(const cs_service *svc, const cs_classify_assumption **list)
{
    if (list)
        *list = svc->assumed;
    return svc->n_assumed;
}

int cs_service_fresh_run(cs_classify_run **out, cs_service *svc, const cs_method *m)
{
    *out = NULL;
    cs_service_assessment *sa = NULL;
    int rc = cs_service_assess(&sa, svc, m, NULL);
    const cs_assessment *a = rc ? NULL : cs_service_assessment_result(sa);
    cs_classify_run *run = NULL;
    rc = rc ? rc : cs_classify_run_new(&run, 0, cs_method_id(m), cs_method_version(m), NULL);
    size_t ni = cs_method_item_count(m);
    cs_result *row = rc ? NULL : malloc((ni + 1) * sizeof *row);
    if (!rc && !row)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < cs_assessment_count(a); i++) {
        for (size_t it = 0; it < ni; it++)
            row[it] = cs_assessment_item(a, i, it);
        const cs_assess_subject *s = cs_assessment_subject(a, i);
        rc = cs_classify_run_add(run, s->key, s->country, row, ni);
    }
    free(row);
    cs_service_assessment_free(sa);
    if (rc) {
        cs_classify_run_free(run);
        return rc;
    }
    *out = run;
    return 0;
}
