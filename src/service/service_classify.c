/*
 * service_classify.c: the typology's use cases: reading a data matrix (and a start file) for the
 * commands on CSV files; the assessment run a classification starts from (read it, or assess every
 * cluster and store the run when the registry holds none); reference sets; and storing, reading
 * back and checking partitions.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

#include <stdlib.h>

int cs_service_read_matrix(cs_datamatrix **out, const char *path,
                           const cs_datamatrix_csv_options *opts)
{
    return cs_ingest_read_matrix(out, path, opts);
}

int cs_service_read_table(cs_csv_table *out, const char *path, char delimiter, size_t max_rows)
{
    return cs_ingest_read_table(out, path, delimiter, max_rows);
}

int cs_service_run_method(char *buf, size_t cap, cs_service *svc, long long run_id)
{
    return cs_store_assessment_method(buf, cap, svc->store, run_id);
}

/* Assesses every cluster of the registry with M and stores the run (as `clusterscope assess`
 * does), for a classification that finds no run to start from. */
static int assess_and_store(long long *run_id, cs_service *svc, const cs_method *m)
{
    cs_service_assessment *sa = NULL;
    int rc = cs_service_assess(&sa, svc, m, NULL);
    if (!rc)
        rc = cs_store_assessment_save(run_id, svc->store, cs_service_assessment_result(sa));
    cs_service_assessment_free(sa);
    return rc;
}

int cs_service_load_run(cs_classify_run **out, cs_service *svc, const cs_method *m,
                        long long run_id, int assess_if_missing)
{
    *out = NULL;
    long long id = 0;
    int rc = cs_store_assessment_find(&id, svc->store, run_id, cs_method_id(m));
    if (rc)
        return rc;
    if (!id && run_id)
        return cs_error_set(CS_ENOTFOUND, "no assessment run %lld in the registry", run_id);
    if (!id && !assess_if_missing) {
        cs_error_set(CS_ENOTFOUND, "no stored assessment with method %s", cs_method_id(m));
        return cs_error_advise(CS_ADVICE_RUN);
    }
    int assessed = 0;
    if (!id) {
        if ((rc = assess_and_store(&id, svc, m)))
            return rc;
        assessed = 1;
    }
    if ((rc = cs_store_assessment_read(out, svc->store, m, id)))
        return rc;
    (*out)->assessed_now = assessed;
    return 0;
}

int cs_service_load_reference(cs_reference_set **out, cs_service *svc, const char *key,
                              const char *method_id)
{
    return cs_store_reference_load(out, svc->store, key, method_id);
}

int cs_service_save_partition(long long *id, cs_service *svc, const cs_classification *c,
                              const cs_classify_run *run)
{
    return cs_store_partition_save(id, svc->store, c, run);
}

int cs_service_partition_options(cs_classify_options *opts, long long *run_id, char *method_id,
                                 size_t cap, cs_service *svc, long long id)
{
    return cs_store_partition_options(opts, run_id, method_id, cap, svc->store, id);
}

int cs_service_compare_partition(size_t *differences, cs_service *svc, long long id,
                                 const cs_classification *c)
{
    return cs_store_partition_compare(differences, svc->store, id, c);
}
