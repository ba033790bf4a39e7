/*
 * api_clusters.c: the JSON API of clusters (GET /api/v1/clusters: filters, sort, paging, CSV;
 * GET /api/v1/clusters/{key}: the profile and the facts with their sources) and the API's route
 * table. Every list takes limit and offset; every parameter outside a handler's list is refused.
 */
#include "web/api_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "clusterscope/registry.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { SORT_KEY, SORT_NAME, SORT_COUNTRY, SORT_FOUNDED } sort_field;

typedef struct {
    sort_field field;
    int descending;
} sort_order;

static int by_order(const void *a, const void *b, void *arg)
{
    const cs_cluster_info *x = *(const cs_cluster_info *const *)a;
    const cs_cluster_info *y = *(const cs_cluster_info *const *)b;
    const sort_order *o = arg;
    int c = 0;
    switch (o->field) {
    case SORT_NAME:
        c = strcmp(x->name_en, y->name_en);
        break;
    case SORT_COUNTRY:
        c = strcmp(x->country, y->country);
        break;
    case SORT_FOUNDED:
        c = (x->founded > y->founded) - (x->founded < y->founded);
        break;
    case SORT_KEY:
        break;
    }
    /* keys are unique: ties fall back on them, so that the order is total */
    if (c == 0)
        c = strcmp(x->key, y->key);
    return o->descending ? -c : c;
}

static int parse_sort(sort_order *o, const char *v)
{
    static const char *const names[] = { "key", "name", "country", "founded" };
    o->field = SORT_KEY;
    o->descending = 0;
    if (!v)
        return 0;
    if (*v == '-') {
        o->descending = 1;
        v++;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(v, names[i]) == 0) {
            o->field = (sort_field)i;
            return 0;
        }
    return -1;
}

/* Whether filter `want` (NULL: no filter) equals `have`, ASCII case ignored. */
static int same(const char *want, const char *have)
{
    return !want || strcasecmp(want, have) == 0;
}

/* The members of a cluster's object in a list and in its profile. */
static void write_cluster_fields(cs_jsonw *w, const cs_cluster_info *ci)
{
    cs_jsonw_string(w, "key", ci->key);
    cs_jsonw_string(w, "name_en", ci->name_en);
    cs_jsonw_string(w, "name_ru", ci->name_ru);
    cs_jsonw_string(w, "country", ci->country);
    cs_jsonw_string(w, "region", ci->region);
    cs_jsonw_string(w, "city", ci->city);
    cs_jsonw_string(w, "kind", ci->kind);
    cs_jsonw_string(w, "specialisation", ci->specialisation);
    cs_jsonw_string(w, "stage", ci->stage);
    if (ci->founded)
        cs_jsonw_int(w, "founded", ci->founded);
    else
        cs_jsonw_null(w, "founded");
    if (ci->has_coordinates) {
        cs_jsonw_real(w, "lat", ci->lat);
        cs_jsonw_real(w, "lon", ci->lon);
    } else {
        cs_jsonw_null(w, "lat");
        cs_jsonw_null(w, "lon");
    }
}

static void write_cluster_json(cs_jsonw *w, const cs_cluster_info *ci, int group)
{
    cs_jsonw_open(w, NULL, '{');
    write_cluster_fields(w, ci);
    if (group >= 0)
        cs_jsonw_int(w, "group", group);
    cs_jsonw_close(w, '}');
}

static int write_cluster_csv(cs_buf *b, const cs_cluster_info *ci, int group)
{
    const char *texts[] = { ci->key,  ci->name_en, ci->name_ru,        ci->country, ci->region,
                            ci->city, ci->kind,    ci->specialisation, ci->stage };
    int rc = 0;
    for (size_t i = 0; !rc && i < sizeof texts / sizeof texts[0]; i++) {
        rc = i ? cs_buf_putc(b, ',') : 0;
        rc = rc ? rc : cs_textout_csv_text(b, texts[i], 0);
    }
    rc = rc ? rc : cs_buf_putc(b, ',');
    if (!rc && ci->founded)
        rc = cs_textout_csv_int(b, ci->founded, 0);
    rc = rc ? rc : cs_buf_putc(b, ',');
    if (!rc && ci->has_coordinates) {
        rc = cs_textout_csv_fixed(b, ci->lat, 6, 0);
        rc = rc ? rc : cs_buf_putc(b, ',');
        rc = rc ? rc : cs_textout_csv_fixed(b, ci->lon, 6, 0);
    } else if (!rc) {
        rc = cs_buf_putc(b, ',');
    }
    if (!rc && group >= 0) {
        rc = cs_buf_putc(b, ',');
        rc = rc ? rc : cs_textout_csv_int(b, group, 0);
    }
    return rc ? rc : cs_buf_putc(b, '\n');
}

/* The group of cluster `key` in the typology (0: left out or not classified). */
static int group_of(const cs_api_typology *t, const char *key)
{
    size_t n = cs_classification_object_count(t->c);
    for (size_t i = 0; i < n; i++)
        if (strcmp(cs_classification_key(t->c, i), key) == 0)
            return cs_classification_group_of(t->c, i);
    return 0;
}

static int clusters(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { "country", "kind",   "stage", "group",  "q",
                                           "limit",   "offset", "sort",  "format", NULL };
    long limit, offset, group;
    int csv = 0, r;
    if ((r = cs_api_check_params(ctx, allowed)) != 0 ||
        (r = cs_api_number(&limit, ctx, "limit", 100, 1, 1000)) != 0 ||
        (r = cs_api_number(&offset, ctx, "offset", 0, 0, 1000000000L)) != 0 ||
        (r = cs_api_number(&group, ctx, "group", 0, 1, 1000)) != 0 ||
        (r = cs_api_format(&csv, ctx)) != 0)
        return r < 0 ? r : 0;
    sort_order order;
    const char *sort = cs_web_param_get(&ctx->query, "sort");
    if (parse_sort(&order, sort) != 0)
        return cs_web_json_error(ctx, 400, "bad_parameter",
                                 "sort takes key, name, country or founded, with '-' before it "
                                 "for descending order");
    const char *country = cs_web_param_get(&ctx->query, "country");
    const char *kind = cs_web_param_get(&ctx->query, "kind");
    const char *stage = cs_web_param_get(&ctx->query, "stage");
    const char *q = cs_web_param_get(&ctx->query, "q");
    int with_group = cs_web_param_get(&ctx->query, "group") != NULL;

    cs_api_typology t;
    memset(&t, 0, sizeof t);
    cs_cluster_list *list = NULL;
    const cs_cluster_info **rows = NULL;
    int rc = cs_service_clusters(&list, ctx->svc, NULL);
    if (!rc && with_group) {
        cs_method *m = NULL;
        if ((r = cs_api_method(&m, ctx)) != 0) {
            cs_cluster_list_free(list);
            return r < 0 ? r : 0;
        }
        rc = cs_api_typology_make(&t, ctx, m);
    }
    size_t n = list ? cs_cluster_list_count(list) : 0, kept = 0;
    if (!rc && !(rows = malloc((n + 1) * sizeof *rows)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(list, i);
        if (same(country, ci->country) && same(kind, ci->kind) && same(stage, ci->stage) &&
            (!q || strcasestr(ci->specialisation, q)) &&
            (!with_group || group_of(&t, ci->key) == group))
            rows[kept++] = ci;
    }
    if (!rc)
        qsort_r(rows, kept, sizeof *rows, by_order, &order);
    size_t from = (size_t)offset < kept ? (size_t)offset : kept;
    size_t to = kept - from > (size_t)limit ? from + (size_t)limit : kept;
    if (!rc && csv) {
        cs_web_set_status(ctx, 200, CS_API_CSV);
        rc = cs_web_raw(ctx, with_group ? "key,name_en,name_ru,country,region,city,kind,"
                                          "specialisation,stage,founded,lat,lon,group\n"
                                        : "key,name_en,name_ru,country,region,city,kind,"
                                          "specialisation,stage,founded,lat,lon\n");
        for (size_t i = from; !rc && i < to; i++)
            rc = write_cluster_csv(&ctx->res->body, rows[i],
                                   with_group ? group_of(&t, rows[i]->key) : -1);
    } else if (!rc) {
        cs_jsonw w;
        cs_api_json_begin(&w, ctx);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_int(&w, "total", (long long)kept);
        cs_jsonw_int(&w, "limit", limit);
        cs_jsonw_int(&w, "offset", offset);
        cs_jsonw_open(&w, "clusters", '[');
        for (size_t i = from; i < to; i++)
            write_cluster_json(&w, rows[i], with_group ? group_of(&t, rows[i]->key) : -1);
        cs_jsonw_close(&w, ']');
        cs_jsonw_close(&w, '}');
        rc = cs_api_json_end(&w, ctx);
    }
    free(rows);
    cs_api_typology_free(&t);
    cs_cluster_list_free(list);
    return rc;
}

static void write_source(cs_jsonw *w, const cs_source_list *sources, const char *key)
{
    const cs_source_record *s = key && *key ? cs_source_list_find(sources, key) : NULL;
    cs_jsonw_open(w, "source", '{');
    cs_jsonw_string(w, "key", key);
    cs_jsonw_string(w, "title", s ? s->title : "");
    cs_jsonw_string(w, "date", s ? s->date : "");
    cs_jsonw_string(w, "url", s ? s->url : "");
    cs_jsonw_string(w, "publisher", s ? s->publisher : "");
    cs_jsonw_close(w, '}');
}

static void write_facts(cs_jsonw *w, const cs_fact_definitions *defs, const cs_factset *facts,
                        const cs_source_list *sources, const char *key)
{
    cs_jsonw_open(w, "facts", '[');
    for (size_t i = 0; i < cs_fact_definitions_count(defs); i++) {
        const cs_fact_definition *d = cs_fact_definitions_at(defs, i);
        if (d->subject_kind != CS_SUBJECT_CLUSTER)
            continue;
        const cs_fact *f = cs_factset_get(facts, CS_SUBJECT_CLUSTER, key, d->name, 0);
        if (!f)
            continue;
        char value[128];
        if (!*f->raw && cs_value_format(value, sizeof value, &f->value) != 0)
            value[0] = 0;
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "fact", d->name);
        cs_jsonw_string(w, "label_en", d->label_en);
        cs_jsonw_string(w, "label_ru", d->label_ru);
        cs_jsonw_string(w, "unit", d->unit);
        if (f->year)
            cs_jsonw_int(w, "year", f->year);
        else
            cs_jsonw_null(w, "year");
        cs_jsonw_string(w, "value", *f->raw ? f->raw : value);
        cs_jsonw_string(w, "status", cs_fact_status_name(f->status));
        write_source(w, sources, f->source);
        cs_jsonw_string(w, "locator", f->locator);
        cs_jsonw_string(w, "quote", f->quote);
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
}

static int cluster(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { NULL };
    int r = cs_api_check_params(ctx, allowed);
    if (r)
        return r < 0 ? r : 0;
    const char *key = ctx->caps[0];
    cs_cluster_list *list = NULL;
    int rc = cs_service_clusters(&list, ctx->svc, key);
    if (rc == CS_ENOTFOUND) {
        cs_error_clear();
        return cs_web_json_error(ctx, 404, "not_found", "no cluster has this key");
    }
    cs_fact_definitions *defs = NULL;
    cs_factset *facts = NULL;
    cs_method *m = NULL;
    cs_service_assessment *sa = NULL;
    const char **names = NULL;
    size_t nn = 0;
    rc = rc ? rc : cs_service_fact_definitions(&defs, ctx->svc);
    if (!rc && !(names = malloc((cs_fact_definitions_count(defs) + 1) * sizeof *names)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < cs_fact_definitions_count(defs); i++)
        if (cs_fact_definitions_at(defs, i)->subject_kind == CS_SUBJECT_CLUSTER)
            names[nn++] = cs_fact_definitions_at(defs, i)->name;
    rc = rc ? rc : cs_service_cluster_facts(&facts, ctx->svc, names, nn);
    /* the registry's sources come with an assessment of this one cluster */
    rc = rc ? rc : cs_service_load_method(&m, "hse-biomedical-2019");
    cs_service_assess_options ao = { 0, key, CS_LANG_EN };
    rc = rc ? rc : cs_service_assess(&sa, ctx->svc, m, &ao);
    if (!rc) {
        const cs_cluster_info *ci = cs_cluster_list_at(list, 0);
        cs_jsonw w;
        cs_api_json_begin(&w, ctx);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_open(&w, "profile", '{');
        write_cluster_fields(&w, ci);
        cs_jsonw_string(&w, "website", ci->website);
        cs_jsonw_string(&w, "cluster_organisation", ci->cluster_organisation);
        write_source(&w, cs_service_assessment_sources(sa), ci->source);
        cs_jsonw_string(&w, "note", ci->note);
        cs_jsonw_close(&w, '}');
        write_facts(&w, defs, facts, cs_service_assessment_sources(sa), key);
        cs_jsonw_close(&w, '}');
        rc = cs_api_json_end(&w, ctx);
    }
    cs_service_assessment_free(sa);
    cs_method_free(m);
    free(names);
    cs_factset_free(facts);
    cs_fact_definitions_free(defs);
    cs_cluster_list_free(list);
    return rc;
}

/* Every route of the API (under /api/v1); docs/api.md and web/static/openapi.json describe
 * each, and test_web_api checks that the document and this table name the same routes. */
const cs_web_route cs_web_api_routes[] = {
    { "GET", "/clusters", clusters },
    { "GET", "/clusters/{key}", cluster },
    { "GET", "/clusters/{key}/assessment", cs_api_assessment },
    { "GET", "/countries", cs_api_countries },
    { "GET", "/typology", cs_api_typology_get },
    { "GET", "/openapi.json", cs_api_openapi },
};
const size_t cs_web_api_route_count = sizeof cs_web_api_routes / sizeof cs_web_api_routes[0];
