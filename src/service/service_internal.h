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
    /* the revisions the last successful write added (cs_service_last_revisions) */
    long long last_first, last_last;
};

/* Frees what a scenario holds of its assumptions (service_assume.c). */
void cs_service_assumptions_free(cs_service *svc);

/* CS_ENOMEM with advice CS_ADVICE_MAX_MEMORY when NEED is over the service's limit: "WHAT needs
 * about N MiB, over the memory limit of L MiB". */
int cs_service_memory_check(const cs_service *svc, size_t need, const char *what);

/* ---- the web writes (service_edit.c) ---- */

/* CS_EPERM unless USER is signed in with one of ROLES ("editor|admin" or "admin"); WHAT names
 * the write in the message. */
int cs_service_require_role(const cs_service_user *user, const char *roles, const char *what);

/* CS_EDATA unless V is at most MAX bytes of UTF-8 without control characters (tab and line
 * ends aside); NAME names it in the message. NULL passes. */
int cs_service_check_text(const char *name, const char *v, size_t max);

/*
 * Checks a record by every rule of an import (values, references, a fact against its
 * definition) inside the caller's write transaction, writing nothing: on success out[i]
 * receives the canonical text of column i (NULL when empty; free each with free()).
 */
struct cs_record;
/* Checks the names and texts of FIELDS: each a profile field an edit sets (or one of EXTRA, a
 * NULL-terminated list, may be NULL), at most once. */
int cs_service_check_fields(const cs_service_field *fields, size_t n, const char *const *extra);
/* Checks and writes a profile change (create: a new cluster; CS_ECONFLICT when the key is
 * taken) inside the caller's transaction; the revisions' ids go to svc->last_first/last. */
int cs_service_write_profile(size_t *changed, cs_service *svc, const cs_store_edit_by *by,
                             const char *cluster_key, const cs_service_field *fields, size_t n,
                             int create);
int cs_service_check_record(char **out, cs_service *svc, const struct cs_record *rec);

#endif
