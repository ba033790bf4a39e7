/*
 * api_common.c: the helpers of the JSON API (api_impl.h): parameter checks, formats, JSON and
 * captured writer output, the method and the fresh typology a handler reads.
 */
#include "web/api_impl.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_METHOD "hse-biomedical-2019"

/* Answers 400 bad_parameter with msg; 1, or the error code when the answer failed. */
static int bad(cs_web_ctx *ctx, const char *msg)
{
    int rc = cs_web_json_error(ctx, 400, "bad_parameter", msg);
    return rc ? rc : 1;
}

int cs_api_check_params(cs_web_ctx *ctx, const char *const *allowed)
{
    for (size_t i = 0; i < ctx->query.n; i++) {
        const char *name = ctx->query.items[i].name;
        size_t k = 0;
        while (allowed[k] && strcmp(allowed[k], name) != 0)
            k++;
        if (!allowed[k]) {
            char list[256] = "";
            for (k = 0; allowed[k]; k++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "",
                         allowed[k]);
            char msg[512];
            snprintf(msg, sizeof msg, "unknown parameter '%.100s' (this address takes: %s)", name,
                     *list ? list : "none");
            return bad(ctx, msg);
        }
    }
    return 0;
}

int cs_api_number(long *out, cs_web_ctx *ctx, const char *name, long def, long lo, long hi)
{
    const char *v = cs_web_param_get(&ctx->query, name);
    *out = def;
    if (!v)
        return 0;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (*v < '0' || *v > '9' || *end || n < lo || n > hi) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s takes a whole number from %ld to %ld, not '%.100s'", name, lo,
                 hi, v);
        return bad(ctx, msg);
    }
    *out = n;
    return 0;
}

int cs_api_format(int *csv, cs_web_ctx *ctx)
{
    const char *v = cs_web_param_get(&ctx->query, "format");
    *csv = v && strcmp(v, "csv") == 0;
    if (v && !*csv && strcmp(v, "json") != 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "format takes json or csv, not '%.100s'", v);
        return bad(ctx, msg);
    }
    return 0;
}

void cs_api_json_begin(cs_jsonw *w, cs_web_ctx *ctx)
{
    cs_web_set_status(ctx, 200, CS_API_JSON);
    cs_jsonw_init(w, &ctx->res->body, 2, NULL);
}

int cs_api_json_end(cs_jsonw *w, cs_web_ctx *ctx)
{
    return w->rc ? w->rc : cs_buf_putc(&ctx->res->body, '\n');
}

int cs_api_capture(cs_web_ctx *ctx, int (*write)(FILE *f, void *arg), void *arg)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    if (!f)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = write(f, arg);
    if (fclose(f) != 0 && !rc)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    if (!rc)
        rc = cs_buf_append(&ctx->res->body, data, len);
    free(data);
    return rc;
}

int cs_api_method(cs_method **out, cs_web_ctx *ctx)
{
    *out = NULL;
    const char *id = cs_web_param_get(&ctx->query, "method");
    if (!id)
        id = DEFAULT_METHOD;
    /* only the built-in methods: a path here would read a file of the server */
    for (size_t i = 0; i < cs_method_builtin_count(); i++)
        if (strcmp(cs_method_builtin_id(i), id) == 0)
            return cs_method_load_builtin(out, id);
    char list[256] = "";
    for (size_t i = 0; i < cs_method_builtin_count(); i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                 cs_method_builtin_id(i));
    char msg[512];
    snprintf(msg, sizeof msg, "method takes a built-in method id (%s), not '%.100s'", list, id);
    return bad(ctx, msg);
}

int cs_api_typology_make(cs_api_typology *t, cs_web_ctx *ctx, cs_method *m)
{
    memset(t, 0, sizeof *t);
    t->m = m;
    cs_service_assess_options ao = { 0, NULL, CS_LANG_EN };
    int rc = cs_service_assess(&t->sa, ctx->svc, m, &ao);
    if (!rc) {
        rc = cs_service_load_reference(&t->ref, ctx->svc, NULL, cs_method_id(m));
        if (rc == CS_ENOTFOUND) {
            /* unlabelled groups, as classify does without a reference set */
            cs_error_clear();
            rc = 0;
        }
    }
    if (!rc) {
        cs_service_classify_options co = { CS_LANG_EN, 0, cs_service_memory_limit(ctx->svc) };
        rc = cs_service_classify_assessment(&t->c, NULL, ctx->svc, m,
                                            cs_service_assessment_result(t->sa), t->ref, &co);
    }
    if (rc == CS_EDATA || rc == CS_ENOTFOUND) {
        /* a registry too small or too unknown to classify has no typology: not a failure */
        char msg[512];
        snprintf(msg, sizeof msg, "no typology: %s", cs_error_last());
        cs_error_clear();
        rc = cs_web_json_error(ctx, 404, "not_found", msg);
        return rc ? rc : 1;
    }
    return rc;
}

void cs_api_typology_free(cs_api_typology *t)
{
    cs_classification_free(t->c);
    cs_reference_free(t->ref);
    cs_service_assessment_free(t->sa);
    cs_method_free(t->m);
    memset(t, 0, sizeof *t);
}

int cs_api_sources_load(cs_api_sources *s, cs_web_ctx *ctx)
{
    memset(s, 0, sizeof *s);
    return cs_service_sources(&s->list, ctx->svc);
}

void cs_api_sources_free(cs_api_sources *s)
{
    cs_source_list_free(s->list);
    memset(s, 0, sizeof *s);
}

void cs_api_write_source(cs_jsonw *w, const cs_source_list *sources, const char *key)
{
    const cs_source_record *r = key && *key ? cs_source_list_find(sources, key) : NULL;
    cs_jsonw_open(w, "source", '{');
    cs_jsonw_string(w, "key", key);
    cs_jsonw_string(w, "title", r ? r->title : "");
    cs_jsonw_string(w, "date", r ? r->date : "");
    cs_jsonw_string(w, "url", r ? r->url : "");
    cs_jsonw_string(w, "publisher", r ? r->publisher : "");
    cs_jsonw_close(w, '}');
}
