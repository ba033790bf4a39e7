/*
 * service_classify.c: the typology's use cases: reading a data matrix for the commands on CSV
 * files, reading the assessment run a classification starts from (assessing the registry and
 * storing the run when there is none), reference sets, and storing, reading back and checking
 * partitions.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

int cs_service_read_matrix(cs_datamatrix **out, const char *path,
                           const cs_datamatrix_csv_options *opts)
{
    return cs_ingest_read_matrix(out, path, opts);
}
