/*
 * libFuzzer target: the JSON registry importer, and the positions it reports on errors. One
 * in-memory registry (with one cluster, country and source to refer to) is made once; every
 * input is imported as a dry run, so each starts from the same registry.
 */
#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static cs_store *store;

static const char base[] =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,"
    " \"sources\": [{\"key\": \"s\", \"title\": \"Source\"}],"
    " \"countries\": [{\"code\": \"DE\", \"name_en\": \"Germany\"}],"
    " \"clusters\": [{\"key\": \"c\", \"name_en\": \"C\", \"country\": \"DE\"}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!store) {
        cs_import_stats stats;
        if (cs_store_open(&store, ":memory:", CS_STORE_CREATE) ||
            cs_import_json_buffer(&stats, store, base, strlen(base), "base", NULL))
            abort();
    }
    cs_import_options opts = { .dry_run = 1 };
    cs_import_stats stats;
    int rc = cs_import_json_buffer(&stats, store, (const char *)data, size, "input.json", &opts);
    /* a failure must say where: the origin name leads every data error */
    if (rc == CS_EDATA && strncmp(cs_error_last(), "input.json", 10) != 0)
        abort();
    return 0;
}
