/*
 * service.c: opening, creating and counting the registry, and loading methods: the use cases
 * every front end begins with.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *cs_service_default_path(const char *explicit_path)
{
    return cs_store_default_path(explicit_path);
}

int cs_service_schema_version(void)
{
    return cs_store_schema_version();
}

int cs_service_create(const char *path)
{
    cs_store *store = NULL;
    int rc = cs_store_open(&store, path, CS_STORE_CREATE);
    cs_store_close(store);
    return rc;
}

int cs_service_open(cs_service **out, const char *path, cs_service_access access)
{
    *out = NULL;
    cs_service *svc = calloc(1, sizeof *svc);
    if (!svc)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = cs_store_open(&svc->store, path,
                           access == CS_SERVICE_WRITE ? CS_STORE_OPEN : CS_STORE_READONLY);
    if (rc) {
        free(svc);
        return rc;
    }
    *out = svc;
    return 0;
}

void cs_service_close(cs_service *svc)
{
    if (!svc)
        return;
    cs_store_close(svc->store);
    cs_service_assumptions_free(svc);
    free(svc);
}

const char *cs_service_path(const cs_service *svc)
{
    return cs_store_path(svc->store);
}

int cs_service_count(cs_service_counts *out, cs_service *svc)
{
    cs_store_counts n;
    int rc = cs_store_count(&n, svc->store);
    if (rc)
        return rc;
    *out = (cs_service_counts){ n.sources,         n.countries,   n.regions, n.clusters,
                                n.organisations,   n.memberships, n.facts,   n.fact_definitions,
                                n.assessment_runs, n.news_items,  n.digests };
    return 0;
}

int cs_service_fact_definitions(cs_fact_definitions **out, cs_service *svc)
{
    return cs_store_fact_definitions(out, svc->store);
}

int cs_service_load_method(cs_method **out, const char *spec)
{
    size_t n = strlen(spec);
    if (strchr(spec, '/') || (n > 5 && strcmp(spec + n - 5, ".json") == 0))
        return cs_method_load_file(out, spec);
    return cs_method_load_builtin(out, spec);
}

int cs_service_import(cs_import_stats *stats, cs_service *svc, const char *const *paths,
                      size_t n_paths, const cs_import_options *opts)
{
    if (svc->max_memory) {
        char what[64];
        snprintf(what, sizeof what, "importing %zu file%s", n_paths, n_paths == 1 ? "" : "s");
        int rc = cs_service_memory_check(svc, cs_service_import_memory(paths, n_paths), what);
        if (rc) {
            memset(stats, 0, sizeof *stats);
            return rc;
        }
    }
    return cs_import_files(stats, svc->store, paths, n_paths, opts);
}

int cs_service_export(cs_service *svc, const char *path, cs_export_format format)
{
    int rc = cs_service_check_output(svc, path);
    return rc ? rc : cs_export(svc->store, path, format);
}

/* Whether a and b name the same existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int cs_service_check_output(cs_service *svc, const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return 0;
    const char *db = cs_store_path(svc->store);
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char file[4096];
        if (snprintf(file, sizeof file, "%s%s", db, suffixes[i]) >= (int)sizeof file)
            continue;
        if (same_file(path, file))
            return cs_error_set(CS_EUSAGE,
                                "%s is the registry's own file (%s): writing there would "
                                "replace the registry; give another output file",
                                path, file);
    }
    return 0;
}
