/*
 * fuzz_web_json.c: libFuzzer target for the JSON bodies of the web observatory's writes
 * (api_write.c and the service's checks behind it), through cs_web_app_handle() with an
 * admin's token, over a small registry made once in a temporary folder. The first byte of the
 * input picks the route (PATCH a cluster, POST a fact, a registration, a revert, an approval,
 * a rejection, the queue); the rest is the body. Every request must get a JSON answer with a
 * status in 200..599 (never 500: a refused body is the client's error), and must neither crash
 * nor leak. The registry is written (the target's own copy); the write path is what is fuzzed.
 */
#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "clusterscope/web.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char registry_json[] =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
    " \"countries\": [{\"code\": \"DK\", \"name_en\": \"Denmark\"}],\n"
    " \"regions\": [{\"key\": \"dk-1\", \"country\": \"DK\", \"name_en\": \"One\"}],\n"
    " \"sources\": [{\"key\": \"s1\", \"title\": \"Source\"}],\n"
    " \"clusters\": [{\"key\": \"alpha\", \"name_en\": \"Alpha\", \"country\": \"DK\", "
    "\"founded\": 1997, \"source\": \"s1\"}],\n"
    " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"alpha\", \"fact\": "
    "\"organisation_count\", \"value\": \"100\", \"status\": \"stated\", \"source\": \"s1\"}]}\n";

static cs_web_app *app;
static char auth[128];

static void make_app(void)
{
    char dir[] = "/tmp/fuzz-web-json.XXXXXX";
    if (!mkdtemp(dir))
        abort();
    char db[64], json[64];
    snprintf(db, sizeof db, "%s/r.db", dir);
    snprintf(json, sizeof json, "%s/r.json", dir);
    FILE *f = fopen(json, "wb");
    if (!f || fputs(registry_json, f) < 0 || fclose(f) != 0)
        abort();
    cs_service *w = NULL;
    cs_import_stats stats;
    const char *paths[1] = { json };
    char *token = NULL;
    if (cs_service_create(db) || cs_service_open(&w, db, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, w, paths, 1, NULL) ||
        cs_service_user_add(&token, w, "ada", "admin")) {
        fprintf(stderr, "fuzz_web_json: making the registry: %s\n", cs_error_last());
        abort();
    }
    snprintf(auth, sizeof auth, "Bearer %s", token);
    free(token);
    cs_service_close(w);
    if (cs_web_app_new(&app, db, NULL)) {
        fprintf(stderr, "fuzz_web_json: %s\n", cs_error_last());
        abort();
    }
    unlink(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!app)
        make_app();
    static const char *const routes[][2] = { { "PATCH", "/api/v1/clusters/alpha" },
                                             { "POST", "/api/v1/facts" },
                                             { "POST", "/api/v1/registrations" },
                                             { "POST", "/api/v1/revisions/1/revert" },
                                             { "POST", "/api/v1/registrations/1/approve" },
                                             { "POST", "/api/v1/registrations/1/reject" },
                                             { "GET", "/api/v1/registrations" } };
    size_t pick = size ? data[0] % (sizeof routes / sizeof routes[0]) : 0;
    const char *body = size ? (const char *)data + 1 : "";
    size_t len = size ? size - 1 : 0;
    cs_web_request req = {
        routes[pick][0], routes[pick][1], NULL, NULL, auth, "application/json", NULL, body, len,
        "127.0.0.1"
    };
    cs_web_response *res = NULL;
    int rc = cs_web_app_handle(&res, app, &req);
    if (rc) {
        if (rc != CS_ENOMEM || res)
            abort();
    } else {
        int status = cs_web_response_status(res);
        size_t n = 0;
        const char *out = cs_web_response_body(res, &n);
        if (status < 200 || status > 599 || status == 500 || !out || n == 0 || out[0] != '{')
            abort();
        cs_web_response_free(res);
    }
    cs_error_clear();
    return 0;
}
