/*
 * service_search.c: what the front ends need beside the hits of a search (service_read.c):
 * where the query's words stand in a snippet, to mark them.
 */
#include "clusterscope/service.h"

#include "clusterscope/store.h"

int cs_service_search_marks(size_t **out, size_t *n, const char *query, const char *text)
{
    return cs_store_search_marks(out, n, query, text);
}
