/*
 * service_internal.h: what the use cases share inside the service folder. The store belongs to
 * the service; no front end sees it.
 */
#ifndef CS_SERVICE_INTERNAL_H
#define CS_SERVICE_INTERNAL_H

#include "clusterscope/service.h"
#include "clusterscope/store.h"

struct cs_service {
    cs_store *store;
    size_t max_memory; /* bytes; 0 = no limit */
};

/* CS_ENOMEM with advice CS_ADVICE_MAX_MEMORY when NEED is over the service's limit: "WHAT needs
 * about N MiB, over the memory limit of L MiB". */
int cs_service_memory_check(const cs_service *svc, size_t need, const char *what);

#endif
