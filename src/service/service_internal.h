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
    /* a scenario (cs_service_assume): the facts assumed, and the 6 strings of each */
    cs_classify_assumption *assumed;
    char **assumed_text;
    size_t n_assumed, cap_assumed;
};

/* Frees what a scenario holds of its assumptions (service_assume.c). */
void cs_service_assumptions_free(cs_service *svc);

/* CS_ENOMEM with advice CS_ADVICE_MAX_MEMORY when NEED is over the service's limit: "WHAT needs
 * about N MiB, over the memory limit of L MiB". */
int cs_service_memory_check(const cs_service *svc, size_t need, const char *what);

#endif
