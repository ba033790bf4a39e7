/*
 * api_impl.h: what the files of the JSON API (src/web/api_*.c) share: parameter checks that
 * answer 400 with the stable code "bad_parameter", the CSV choice of the lists, a JSON body
 * written into the response, a writer of FILE* output captured into the response, the method
 * and the fresh typology a handler reads. Everything handed out is freed by the matching
 * function here; nothing outlives the request.
 */
#ifndef CS_WEB_API_IMPL_H
#define CS_WEB_API_IMPL_H

#include "web/web_impl.h"

#include "clusterscope/assess.h"
#include "clusterscope/classify.h"
#include "clusterscope/fact.h"
#include "clusterscope/registry.h"
#include "clusterscope/method.h"
#include "util/textout.h"

#include <stdio.h>

#define CS_API_JSON "application/json; charset=utf-8"
#define CS_API_CSV  "text/csv; charset=utf-8"

/* Answers 400 bad_parameter when the query holds a name outside `allowed` (NULL-terminated);
 * returns 1 when it answered (the handler then returns 0), 0 when every name is known, or an
 * error code. */
int cs_api_check_params(cs_web_ctx *ctx, const char *const *allowed);
/* A whole number parameter in [lo, hi] into *out (def when absent); 1 when it answered 400. */
int cs_api_number(long *out, cs_web_ctx *ctx, const char *name, long def, long lo, long hi);
/* The format of a list: ?format=json (default) or ?format=csv into *csv; 1 when it answered 400. */
int cs_api_format(int *csv, cs_web_ctx *ctx);
/* Starts a 200 JSON body (a document indented by 2) into w; cs_api_json_end() closes it. */
void cs_api_json_begin(cs_jsonw *w, cs_web_ctx *ctx);
int cs_api_json_end(cs_jsonw *w, cs_web_ctx *ctx);
/* Appends what write(f, arg) writes to the body (a memory stream); its error code. */
int cs_api_capture(cs_web_ctx *ctx, int (*write)(FILE *f, void *arg), void *arg);
/* The method ?method=ID (a built-in id only: never a file of the server), default
 * hse-biomedical-2019; 1 when it answered 400 (unknown id). Free with cs_method_free(). */
int cs_api_method(cs_method **out, cs_web_ctx *ctx);

/* A fresh classification of the registry (nothing stored), as `clusterscope classify` gives by
 * default; every member is freed by cs_api_typology_free(). 1 when it answered 404 not_found
 * (a registry the classification refuses: no clusters, too few known values). */
typedef struct {
    cs_method *m;
    cs_service_assessment *sa;
    cs_reference_set *ref; /* NULL when the registry holds none */
    cs_classification *c;
} cs_api_typology;
int cs_api_typology_make(cs_api_typology *t, cs_web_ctx *ctx, cs_method *m);
void cs_api_typology_free(cs_api_typology *t);

/* The registry's sources, read on their own (no assessment); list is valid until
 * cs_api_sources_free(). */
typedef struct {
    cs_source_list *list;
} cs_api_sources;
int cs_api_sources_load(cs_api_sources *s, cs_web_ctx *ctx);
void cs_api_sources_free(cs_api_sources *s);
/* "source": {key, title, date, url, publisher} of source `key` ("" members when unknown). */
void cs_api_write_source(cs_jsonw *w, const cs_source_list *sources, const char *key);
/* "facts": [...] every fact of the set with its labels, source, locator and quote. */
void cs_api_write_facts(cs_jsonw *w, const cs_factset *facts, const cs_fact_definitions *defs,
                        const cs_source_list *sources);

/* The members of a cluster's object (key, names, country, ..., lat, lon) in a list, its
 * profile and the answer to a write. */
void cs_api_write_cluster_fields(cs_jsonw *w, const cs_cluster_info *ci);

/* The handlers of api_write.c: every write, in the route table of api_clusters.c. */
int cs_api_cluster_patch(cs_web_ctx *ctx);
int cs_api_fact_post(cs_web_ctx *ctx);
int cs_api_revert_post(cs_web_ctx *ctx);
int cs_api_registration_post(cs_web_ctx *ctx);
int cs_api_registrations_get(cs_web_ctx *ctx);
int cs_api_registration_approve(cs_web_ctx *ctx);
int cs_api_registration_reject(cs_web_ctx *ctx);

/* The handlers of api_data.c, in the route table of api_clusters.c. */
int cs_api_assessment(cs_web_ctx *ctx);
int cs_api_countries(cs_web_ctx *ctx);
int cs_api_typology_get(cs_web_ctx *ctx);
int cs_api_openapi(cs_web_ctx *ctx);
/* GET /api/v1/regions/{key}/specialisation (api_regional.c), in its read transaction. */
int cs_api_region_specialisation(cs_web_ctx *ctx);

#endif
