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
};

#endif
