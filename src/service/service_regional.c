/*
 * service_regional.c: the regional use cases (service.h): statistics read from CSV files for
 * the measures of regional.h. The registry's statistics tables come later.
 */
#include "clusterscope/service.h"

#include "clusterscope/ingest.h"

int cs_service_read_regional(cs_regional_data **out, const char *path,
                             const cs_regional_read_options *opts)
{
    return cs_ingest_read_regional(out, path, opts);
}

int cs_service_read_related(cs_related_table **out, const char *path, char delimiter)
{
    return cs_ingest_read_related(out, path, delimiter);
}
