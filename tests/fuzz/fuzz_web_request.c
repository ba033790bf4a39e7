/*
 * fuzz_web_request.c: libFuzzer target for the web observatory's request handling (parsing,
 * routing, every page and API handler) through cs_web_app_handle(), over a small registry made
 * once in a temporary folder. The input is split at its first seven newlines into method,
 * path, query, Cookie, Authorization, Content-Type and Accept-Language; the rest is the body
 * (NUL bytes and all). Every request must get a response with a status in 200..599, a JSON body
 * for the API's errors, and must neither crash nor leak. Without a token of the registry, the
 * only write it can reach is a self-registration (at most 10 an hour; fuzz_web_json fuzzes the
 * writes with a token).
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
    " \"countries\": [{\"code\": \"DK\", \"name_en\": \"Denmark\", \"name_ru\": \"Дания\"}],\n"
    " \"sources\": [{\"key\": \"s1\", \"title\": \"<b>Source</b>\", \"url\": "
    "\"https://example.org/\"}],\n"
    " \"clusters\": [\n"
    "  {\"key\": \"alpha\", \"name_en\": \"<script>a</script>\", \"country\": \"DK\", \"kind\": "
    "\"biomedical\", \"specialisation\": \"pharma\", \"founded\": 1997, \"source\": \"s1\"},\n"
    "  {\"key\": \"beta\", \"name_en\": \"=HYPERLINK(1)\", \"country\": \"DK\", \"kind\": "
    "\"tourist\", \"source\": \"s1\"}],\n"
    " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"alpha\", \"fact\": "
    "\"organisation_count\", \"value\": \">=100\", \"status\": \"stated\", \"source\": \"s1\", "
    "\"locator\": \"p. 1\", \"quote\": \"\\\"q\\\"\"}]}\n";

static cs_web_app *app;

static void make_app(void)
{
    char dir[] = "/tmp/fuzz-web.XXXXXX";
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
    if (cs_service_create(db) || cs_service_open(&w, db, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, w, paths, 1, NULL)) {
        fprintf(stderr, "fuzz_web_request: making the registry: %s\n", cs_error_last());
        abort();
    }
    cs_service_close(w);
    if (cs_web_app_new(&app, db, NULL)) {
        fprintf(stderr, "fuzz_web_request: %s\n", cs_error_last());
        abort();
    }
    /* the file stays open in the app; the folder goes when the process ends */
    unlink(json);
}

/* The next field up to '\n' as a new string (NULL when the input has ended). */
static char *field(const uint8_t **p, const uint8_t *end)
{
    if (*p >= end)
        return NULL;
    const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
    size_t len = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
    char *s = malloc(len + 1);
    if (!s)
        abort();
    memcpy(s, *p, len);
    s[len] = 0;
    *p += len + (nl ? 1 : 0);
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!app)
        make_app();
    const uint8_t *p = data, *end = data + size;
    char *f[7];
    for (size_t i = 0; i < 7; i++)
        f[i] = field(&p, end);
    /* the server hands a method and a path (at least "/") always */
    cs_web_request req = {
        f[0] && *f[0] ? f[0] : "GET",
        f[1] && *f[1] ? f[1] : "/",
        f[2] && *f[2] ? f[2] : NULL,
        f[3],
        f[4],
        f[5],
        f[6],
        (const char *)p,
        (size_t)(end - p),
        "127.0.0.1",
    };
    cs_web_response *res = NULL;
    int rc = cs_web_app_handle(&res, app, &req);
    if (rc) {
        /* only running out of memory leaves no response */
        if (rc != CS_ENOMEM || res)
            abort();
    } else {
        int status = cs_web_response_status(res);
        size_t len = 0;
        const char *body = cs_web_response_body(res, &len);
        if (status < 200 || status > 599 || !body)
            abort();
        /* the API's errors are JSON with a code */
        if (strncmp(req.path, "/api/", 5) == 0 && status >= 400 &&
            (len < 20 || strncmp(body, "{\"error\": {\"code\": \"", 20) != 0))
            abort();
        const char *name, *value;
        for (size_t i = 0; cs_web_response_header(res, i, &name, &value); i++)
            if (strchr(value, '\n') || strchr(value, '\r'))
                abort(); /* a header value the client split */
        cs_web_response_free(res);
    }
    cs_error_clear();
    for (size_t i = 0; i < 7; i++)
        free(f[i]);
    return 0;
}
