/*
 * api_data.c: the JSON API's reads beyond the cluster list: one cluster's assessment with the
 * explain chain (GET /api/v1/clusters/{key}/assessment), the countries with their facts, the
 * typology of a fresh classification, and the OpenAPI document that describes every route.
 */
#include "web/api_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/registry.h"
#include "util/embedded.h"

#include <string.h>

typedef struct {
    const cs_assessment *a;
    const char *key;
} explain_arg;

static int write_explain(FILE *f, void *arg)
{
    const explain_arg *e = arg;
    return cs_assessment_explain(f, e->a, e->key, CS_FORMAT_JSON);
}

int cs_api_assessment(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { "method", NULL };
    int r = cs_api_check_params(ctx, allowed);
    cs_method *m = NULL;
    if (!r)
        r = cs_api_method(&m, ctx);
    if (r)
        return r < 0 ? r : 0;
    const char *key = ctx->caps[0];
    cs_service_assessment *sa = NULL;
    cs_service_assess_options ao = { 0, key, CS_LANG_EN };
    int rc = cs_service_assess(&sa, ctx->svc, m, &ao);
    if (rc == CS_ENOTFOUND) {
        cs_error_clear();
        cs_method_free(m);
        return cs_web_json_error(ctx, 404, "not_found", "no cluster has this key");
    }
    if (!rc) {
        /* explain's JSON: every indicator and item with the rule, the fact read, its source and
         * the result; for a cluster outside the method's scope, the scope rule that left it out */
        explain_arg e = { cs_service_assessment_result(sa), key };
        cs_web_set_status(ctx, 200, CS_API_JSON);
        rc = cs_api_capture(ctx, write_explain, &e);
    }
    cs_service_assessment_free(sa);
    cs_method_free(m);
    return rc;
}

int cs_api_countries(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { "limit", "offset", "format", NULL };
    long limit, offset;
    int csv = 0, r;
    if ((r = cs_api_check_params(ctx, allowed)) != 0 ||
        (r = cs_api_number(&limit, ctx, "limit", 100, 1, 1000)) != 0 ||
        (r = cs_api_number(&offset, ctx, "offset", 0, 0, 1000000000L)) != 0 ||
        (r = cs_api_format(&csv, ctx)) != 0)
        return r < 0 ? r : 0;
    cs_method *m = NULL;
    cs_service_assessment *sa = NULL;
    cs_cluster_list *clusters = NULL;
    cs_fact_definitions *defs = NULL;
    int rc = cs_service_load_method(&m, "hse-biomedical-2019");
    /* the registry's countries come with an assessment: one of no cluster at all would be
     * refused, so the list of every cluster gives the counts */
    cs_service_assess_options ao = { 0, NULL, CS_LANG_EN };
    rc = rc ? rc : cs_service_assess(&sa, ctx->svc, m, &ao);
    rc = rc ? rc : cs_service_clusters(&clusters, ctx->svc, NULL);
    rc = rc ? rc : cs_service_fact_definitions(&defs, ctx->svc);
    if (rc) {
        cs_fact_definitions_free(defs);
        cs_cluster_list_free(clusters);
        cs_service_assessment_free(sa);
        cs_method_free(m);
        return rc;
    }
    const cs_country_list *list = cs_service_assessment_countries(sa);
    size_t n = cs_country_list_count(list);
    size_t from = (size_t)offset < n ? (size_t)offset : n;
    size_t to = n - from > (size_t)limit ? from + (size_t)limit : n;
    cs_jsonw w;
    if (csv) {
        cs_web_set_status(ctx, 200, CS_API_CSV);
        rc = cs_web_raw(ctx, "code,name_en,name_ru,clusters\n");
    } else {
        cs_api_json_begin(&w, ctx);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_int(&w, "total", (long long)n);
        cs_jsonw_int(&w, "limit", limit);
        cs_jsonw_int(&w, "offset", offset);
        cs_jsonw_open(&w, "countries", '[');
    }
    for (size_t i = from; !rc && i < to; i++) {
        const cs_country_info *c = cs_country_list_at(list, i);
        long long count = 0;
        for (size_t j = 0; j < cs_cluster_list_count(clusters); j++)
            count += strcmp(cs_cluster_list_at(clusters, j)->country, c->code) == 0;
        if (csv) {
            cs_buf *b = &ctx->res->body;
            rc = cs_textout_csv_text(b, c->code, 0);
            rc = rc ? rc : cs_buf_putc(b, ',');
            rc = rc ? rc : cs_textout_csv_text(b, c->name_en, 0);
            rc = rc ? rc : cs_buf_putc(b, ',');
            rc = rc ? rc : cs_textout_csv_text(b, c->name_ru, 0);
            rc = rc ? rc : cs_buf_putc(b, ',');
            rc = rc ? rc : cs_textout_csv_int(b, count, 0);
            rc = rc ? rc : cs_buf_putc(b, '\n');
        } else {
            cs_jsonw_open(&w, NULL, '{');
            cs_jsonw_string(&w, "code", c->code);
            cs_jsonw_string(&w, "name_en", c->name_en);
            cs_jsonw_string(&w, "name_ru", c->name_ru);
            cs_jsonw_int(&w, "clusters", count);
            cs_factset *facts = NULL;
            rc = cs_service_subject_facts(&facts, ctx->svc, CS_SUBJECT_COUNTRY, c->code);
            if (!rc)
                cs_api_write_facts(&w, facts, defs, cs_service_assessment_sources(sa));
            cs_factset_free(facts);
            cs_jsonw_close(&w, '}');
        }
    }
    if (!csv) {
        cs_jsonw_close(&w, ']');
        cs_jsonw_close(&w, '}');
        rc = rc ? rc : cs_api_json_end(&w, ctx);
    }
    cs_fact_definitions_free(defs);
    cs_cluster_list_free(clusters);
    cs_service_assessment_free(sa);
    cs_method_free(m);
    return rc;
}

static int write_partition(FILE *f, void *arg)
{
    return cs_classification_write(f, arg, NULL, CS_FORMAT_JSON, 0);
}

int cs_api_typology_get(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { "method", NULL };
    int r = cs_api_check_params(ctx, allowed);
    cs_method *m = NULL;
    if (!r)
        r = cs_api_method(&m, ctx);
    if (r)
        return r < 0 ? r : 0;
    cs_api_typology t;
    int rc = cs_api_typology_make(&t, ctx, m);
    if (rc == 1) {
        cs_api_typology_free(&t);
        return 0;
    }
    if (!rc) {
        /* a fresh classification of the registry as it is now, nothing stored; "partition" is
         * what `clusterscope classify --format json` writes */
        cs_web_set_status(ctx, 200, CS_API_JSON);
        rc = cs_web_raw(ctx, "{\n  \"source\": \"fresh\",\n  \"method\": ");
        rc = rc ? rc : cs_textout_json_string(&ctx->res->body, cs_method_id(m));
        rc = rc ? rc
                : cs_web_raw(ctx, ",\n  \"note\": \"a fresh classification of the registry as "
                                  "it is now (nothing stored), as clusterscope classify gives "
                                  "by default\",\n  \"partition\": ");
        rc = rc ? rc : cs_api_capture(ctx, write_partition, t.c);
        rc = rc ? rc : cs_web_raw(ctx, "}\n");
    }
    cs_api_typology_free(&t);
    return rc;
}

int cs_api_openapi(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { NULL };
    int r = cs_api_check_params(ctx, allowed);
    if (r)
        return r < 0 ? r : 0;
    const cs_embedded_file *f = cs_embedded_find("web/static/openapi.json");
    if (!f)
        return cs_error_set(CS_ERROR, "internal: the OpenAPI document is not embedded");
    cs_web_set_status(ctx, 200, CS_API_JSON);
    return cs_buf_append(&ctx->res->body, f->data, f->size);
}
