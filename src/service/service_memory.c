/*
 * service_memory.c: the memory limit of a service and the estimates that import and assessment
 * (and so the report) make before they start, so that a registry too large for the machine is
 * refused with the memory it would need rather than the program being killed half way.
 *
 * The estimates count the data a command holds, not the program itself (a few MiB; so do the
 * cluster-analysis commands' estimates), linear in what the work reads, with constants measured
 * with bench/scaling.sh and rounded up: a CSV import peaks at 1.4 to 2.5 times its files' size
 * (the keys it checks references against, the memberships it sorts), counted as 3; a JSON
 * import at 4.4 times (the whole document is parsed before anything is written), counted as 7
 * as docs/reliability.md says of the parsed tree; an assessment holds per cluster its results
 * and names (about 1 KiB) and per fact and membership one value with its source, locator and
 * quote (about 220 bytes). Export streams the store's rows: its memory does not grow with the
 * registry, and it makes no estimate.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#define CSV_IMPORT_FACTOR    3.0
#define JSON_IMPORT_FACTOR   7.0
#define ASSESS_CLUSTER_BYTES 1024.0
#define ASSESS_FACT_BYTES    224.0

void cs_service_set_memory_limit(cs_service *svc, size_t bytes)
{
    svc->max_memory = bytes;
}

size_t cs_service_memory_limit(const cs_service *svc)
{
    return svc->max_memory;
}

/* bytes as a size_t, SIZE_MAX when over what can be addressed */
static size_t to_size(double bytes)
{
    return bytes >= (double)SIZE_MAX ? SIZE_MAX : (size_t)bytes;
}

int cs_service_memory_check(const cs_service *svc, size_t need, const char *what)
{
    size_t limit = svc->max_memory;
    if (!limit || need <= limit)
        return 0;
    cs_error_set(CS_ENOMEM, "%s needs about %.1f MiB, over the memory limit of %.1f MiB", what,
                 need == SIZE_MAX ? INFINITY : (double)need / 1048576.0, (double)limit / 1048576.0);
    return cs_error_advise(CS_ADVICE_MAX_MEMORY);
}

size_t cs_service_import_memory(const char *const *paths, size_t n_paths)
{
    double bytes = 0;
    for (size_t i = 0; i < n_paths; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode))
            continue; /* the import names what it cannot read; a pipe is read as it comes */
        size_t len = strlen(paths[i]);
        int json = len > 5 && strcmp(paths[i] + len - 5, ".json") == 0;
        /* news in Markdown and saved feeds are read whole into a tree, as JSON is (issue 15) */
        const char *dot = strrchr(paths[i], '.');
        json |= dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".xml") == 0 ||
                        strcmp(dot, ".rss") == 0 || strcmp(dot, ".atom") == 0);
        bytes += (double)st.st_size * (json ? JSON_IMPORT_FACTOR : CSV_IMPORT_FACTOR);
    }
    return to_size(bytes);
}

int cs_service_assess_memory(size_t *need, cs_service *svc)
{
    *need = 0;
    cs_store_counts n;
    int rc = cs_store_count(&n, svc->store);
    if (rc)
        return rc;
    *need = to_size((double)n.clusters * ASSESS_CLUSTER_BYTES +
                    (double)(n.facts + n.memberships) * ASSESS_FACT_BYTES);
    return 0;
}
