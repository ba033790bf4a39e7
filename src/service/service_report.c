/*
 * service_report.c: the typology of a fresh assessment, as the report shows it: the partition
 * `clusterscope classify` makes by default, or a stored partition reproduced from its
 * parameters, refused when the registry has changed since its assessment run.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"
#include "clusterscope/partition.h"

#include <stdlib.h>
#include <string.h>

/* The assessment's results as classification objects; items points into one block. */
static int objects_of(cs_classify_object **objects, cs_result **items, const cs_method *m,
                      const cs_assessment *a)
{
    size_t n = cs_assessment_count(a), ni = cs_method_item_count(m);
    *objects = calloc(n + 1, sizeof **objects);
    *items = calloc(n * ni + 1, sizeof **items);
    if (!*objects || !*items)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        cs_result *row = *items + i * ni;
        for (size_t it = 0; it < ni; it++)
            row[it] = cs_assessment_item(a, i, it);
        const cs_assess_subject *s = cs_assessment_subject(a, i);
        (*objects)[i] = (cs_classify_object){ s->key, s->country ? s->country : "", row };
    }
    return 0;
}

/*
 * The options of stored partition `id`, when its assessment run is what the registry gives
 * now: the same clusters with the same results. Otherwise the partition describes another
 * registry, and the caller is told so rather than shown a mix of the two.
 */
static int stored_options(cs_classify_options *co, long long *run_id, cs_service *svc,
                          const cs_method *m, long long id, const cs_classify_object *objs,
                          size_t n)
{
    char method_id[256];
    int rc = cs_store_partition_options(co, run_id, method_id, sizeof method_id, svc->store, id);
    if (rc)
        return rc;
    if (strcmp(method_id, cs_method_id(m)) != 0) {
        cs_error_set(CS_EUSAGE, "partition %lld was made with method %s, not %s", id, method_id,
                     cs_method_id(m));
        return cs_error_advise(CS_ADVICE_METHOD);
    }
    cs_classify_run *run = NULL;
    if ((rc = cs_store_assessment_read(&run, svc->store, m, *run_id)))
        return rc;
    /* both lists are sorted by key: the first place they differ names a changed cluster */
    size_t ni = cs_method_item_count(m);
    const char *changed = NULL;
    size_t common = run->n < n ? run->n : n;
    for (size_t i = 0; !changed && i < common; i++) {
        int order = strcmp(run->objects[i].key, objs[i].key);
        if (order != 0)
            changed = order < 0 ? run->objects[i].key : objs[i].key;
        else if (memcmp(run->objects[i].items, objs[i].items, ni * sizeof(cs_result)) != 0)
            changed = objs[i].key;
    }
    if (!changed && run->n != n)
        changed = run->n > n ? run->objects[common].key : objs[common].key;
    if (changed) {
        cs_error_set(CS_EDATA,
                     "partition %lld: the registry has changed since its assessment run %lld "
                     "(cluster \"%s\" differs)",
                     id, *run_id, changed);
        rc = cs_error_advise(CS_ADVICE_CLASSIFY_AGAIN);
    }
    cs_classify_run_free(run);
    return rc;
}

int cs_service_classify_memory(size_t *need, cs_service *svc, const cs_method *m,
                               const cs_assessment *a, const cs_service_classify_options *opts)
{
    *need = 0;
    cs_classify_object *objs = NULL;
    cs_result *items = NULL;
    cs_classify_options co;
    cs_classify_options_init(&co);
    long long partition_run = 0;
    int rc = objects_of(&objs, &items, m, a);
    if (!rc && opts->partition)
        rc = stored_options(&co, &partition_run, svc, m, opts->partition, objs,
                            cs_assessment_count(a));
    co.lang = opts->lang;
    co.max_memory = opts->max_memory;
    rc = rc ? rc : cs_classify_memory(need, m, objs, cs_assessment_count(a), &co);
    free(objs);
    free(items);
    return rc;
}

int cs_service_classify_assessment(cs_classification **out, long long *run_id, cs_service *svc,
                                   const cs_method *m, const cs_assessment *a,
                                   const cs_reference_set *ref,
                                   const cs_service_classify_options *opts)
{
    *out = NULL;
    if (run_id)
        *run_id = 0;
    cs_classify_object *objs = NULL;
    cs_result *items = NULL;
    size_t n = cs_assessment_count(a);
    cs_classify_options co;
    cs_classify_options_init(&co);
    long long partition_run = 0;
    int rc = objects_of(&objs, &items, m, a);
    if (!rc && opts->partition)
        rc = stored_options(&co, &partition_run, svc, m, opts->partition, objs, n);
    co.lang = opts->lang;
    co.max_memory = opts->max_memory;
    /* a scenario's classification is built on its assumptions and says so */
    co.assumptions = svc->assumed;
    co.n_assumptions = svc->n_assumed;
    rc = rc ? rc : cs_classify(out, m, objs, n, ref, &co);
    if (!rc && opts->partition) {
        size_t diff = 0;
        rc = cs_store_partition_compare(&diff, svc->store, opts->partition, *out);
        if (!rc && diff)
            rc = cs_error_set(CS_EDATA,
                              "partition %lld not reproduced from its stored parameters: %zu "
                              "clusters are placed differently",
                              opts->partition, diff);
    }
    free(objs);
    free(items);
    if (rc) {
        cs_classification_free(*out);
        *out = NULL;
        return rc;
    }
    if (run_id)
        *run_id = partition_run;
    return 0;
}
