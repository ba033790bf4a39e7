/*
 * api_clusters.c: the JSON API of clusters (GET /api/v1/clusters: filters, sort, paging, CSV;
 * GET /api/v1/clusters/{key}: the profile, members and every fact with its source; GET
 * /api/v1/clusters/{key}/history; GET /api/v1/search) and the API's route table, each route in a
 * read transaction. Every list takes limit and offset; every parameter outside a handler's list is
 * refused.
 */
#include "web/api_impl.h"
#include "web/page_impl.h"

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
void cs_api_write_cluster_fields(cs_jsonw *w, const cs_cluster_info *ci)
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
    cs_api_write_cluster_fields(w, ci);
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
        if (rc == 1) {
            cs_api_typology_free(&t);
            cs_cluster_list_free(list);
            return 0;
        }
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

/* One fact with its definition's labels, its source and where the source says it. */
static void write_fact(cs_jsonw *w, const cs_fact *f, const cs_fact_definitions *defs,
                       const cs_source_list *sources)
{
    const cs_fact_definition *d = cs_fact_definitions_find(defs, f->subject_kind, f->name);
    char value[128];
    if (!*f->raw && cs_value_format(value, sizeof value, &f->value) != 0)
        value[0] = 0;
    cs_jsonw_open(w, NULL, '{');
    cs_jsonw_string(w, "fact", f->name);
    cs_jsonw_string(w, "label_en", d ? d->label_en : "");
    cs_jsonw_string(w, "label_ru", d ? d->label_ru : "");
    cs_jsonw_string(w, "unit", d ? d->unit : "");
    if (f->year)
        cs_jsonw_int(w, "year", f->year);
    else
        cs_jsonw_null(w, "year");
    cs_jsonw_string(w, "value", *f->raw ? f->raw : value);
    cs_jsonw_string(w, "status", cs_fact_status_name(f->status));
    cs_api_write_source(w, sources, f->source);
    cs_jsonw_string(w, "locator", f->locator);
    cs_jsonw_string(w, "quote", f->quote);
    cs_jsonw_close(w, '}');
}

void cs_api_write_facts(cs_jsonw *w, const cs_factset *facts, const cs_fact_definitions *defs,
                        const cs_source_list *sources)
{
    cs_jsonw_open(w, "facts", '[');
    for (size_t i = 0; i < cs_factset_count(facts); i++)
        write_fact(w, cs_factset_at(facts, i), defs, sources);
    cs_jsonw_close(w, ']');
}

static void write_members(cs_jsonw *w, const cs_service_member_list *members,
                          const cs_source_list *sources)
{
    cs_jsonw_open(w, "members", '[');
    for (size_t i = 0; i < cs_service_members_count(members); i++) {
        const cs_service_member *m = cs_service_members_at(members, i);
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "organisation", m->organisation);
        cs_jsonw_string(w, "name_en", m->name_en);
        cs_jsonw_string(w, "name_ru", m->name_ru);
        cs_jsonw_string(w, "type", m->type);
        cs_jsonw_string(w, "role", m->role);
        cs_jsonw_string(w, "stage", m->stage);
        cs_api_write_source(w, sources, m->source);
        cs_jsonw_string(w, "locator", m->locator);
        cs_jsonw_string(w, "note", m->note);
        cs_jsonw_string(w, "joined", m->joined);
        cs_jsonw_string(w, "left_on", m->left_on);
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
    cs_service_member_list *members = NULL;
    cs_region_list *regions = NULL;
    cs_api_sources src;
    memset(&src, 0, sizeof src);
    rc = rc ? rc : cs_service_fact_definitions(&defs, ctx->svc);
    rc = rc ? rc : cs_service_subject_facts(&facts, ctx->svc, CS_SUBJECT_CLUSTER, key);
    rc = rc ? rc : cs_service_members(&members, ctx->svc, key);
    rc = rc ? rc : cs_service_regions(&regions, ctx->svc);
    rc = rc ? rc : cs_api_sources_load(&src, ctx);
    if (!rc) {
        const cs_cluster_info *ci = cs_cluster_list_at(list, 0);
        const cs_region_info *region = cs_region_list_find(regions, ci->region);
        cs_jsonw w;
        cs_api_json_begin(&w, ctx);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_open(&w, "profile", '{');
        cs_api_write_cluster_fields(&w, ci);
        cs_jsonw_string(&w, "region_name_en", region ? region->name_en : "");
        cs_jsonw_string(&w, "region_name_ru", region ? region->name_ru : "");
        cs_jsonw_string(&w, "website", ci->website);
        cs_jsonw_string(&w, "cluster_organisation", ci->cluster_organisation);
        cs_api_write_source(&w, src.list, ci->source);
        cs_jsonw_string(&w, "note", ci->note);
        cs_jsonw_close(&w, '}');
        write_members(&w, members, src.list);
        cs_api_write_facts(&w, facts, defs, src.list);
        cs_jsonw_close(&w, '}');
        rc = cs_api_json_end(&w, ctx);
    }
    cs_api_sources_free(&src);
    cs_region_list_free(regions);
    cs_service_members_free(members);
    cs_factset_free(facts);
    cs_fact_definitions_free(defs);
    cs_cluster_list_free(list);
    return rc;
}

static int search(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { "q", "limit", "offset", "format", NULL };
    long limit, offset;
    int csv = 0, r;
    if ((r = cs_api_check_params(ctx, allowed)) != 0 ||
        (r = cs_api_number(&limit, ctx, "limit", 20, 1, 1000)) != 0 ||
        (r = cs_api_number(&offset, ctx, "offset", 0, 0, 1000000000L)) != 0 ||
        (r = cs_api_format(&csv, ctx)) != 0)
        return r < 0 ? r : 0;
    const char *q = cs_web_param_get(&ctx->query, "q");
    if (!q || !*q)
        return cs_web_json_error(ctx, 400, "bad_parameter", "q takes the words to search for");
    cs_search_hits *hits = NULL;
    int rc = cs_service_search(&hits, ctx->svc, q, (size_t)limit, (size_t)offset);
    if (rc == CS_EUSAGE) {
        char msg[512];
        snprintf(msg, sizeof msg, "q: %s", cs_error_last());
        cs_error_clear();
        return cs_web_json_error(ctx, 400, "bad_parameter", msg);
    }
    if (rc)
        return rc;
    size_t n = cs_search_hits_count(hits);
    if (csv) {
        cs_web_set_status(ctx, 200, CS_API_CSV);
        rc = cs_web_raw(ctx, "kind,key,title,title_ru,snippet,subject_kind,cluster,fact,year\n");
        for (size_t i = 0; !rc && i < n; i++) {
            const cs_search_hit *h = cs_search_hits_at(hits, i);
            const char *texts[] = { h->kind,    h->key,          h->title,   h->title_ru,
                                    h->snippet, h->subject_kind, h->cluster, h->fact };
            cs_buf *b = &ctx->res->body;
            for (size_t k = 0; !rc && k < sizeof texts / sizeof texts[0]; k++) {
                rc = cs_textout_csv_text(b, texts[k], 0);
                rc = rc ? rc : cs_buf_putc(b, ',');
            }
            if (!rc && h->year)
                rc = cs_textout_csv_int(b, h->year, 0);
            rc = rc ? rc : cs_buf_putc(b, '\n');
        }
    } else {
        /* news hits carry their item's date and address (issue 15): the items read once */
        cs_news_list *news = NULL;
        for (size_t i = 0; !rc && !news && i < n; i++)
            if (strcmp(cs_search_hits_at(hits, i)->kind, "news") == 0) {
                cs_news_filter all = { NULL, NULL, NULL, 0 };
                rc = cs_service_news(&news, ctx->svc, &all);
            }
        if (rc) {
            cs_search_hits_free(hits);
            return rc;
        }
        cs_jsonw w;
        cs_api_json_begin(&w, ctx);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_int(&w, "total", (long long)cs_search_hits_total(hits));
        cs_jsonw_int(&w, "limit", limit);
        cs_jsonw_int(&w, "offset", offset);
        cs_jsonw_open(&w, "hits", '[');
        for (size_t i = 0; i < n; i++) {
            const cs_search_hit *h = cs_search_hits_at(hits, i);
            cs_jsonw_open(&w, NULL, '{');
            cs_jsonw_string(&w, "kind", h->kind);
            cs_jsonw_string(&w, "key", h->key);
            cs_jsonw_string(&w, "title", h->title);
            cs_jsonw_string(&w, "title_ru", h->title_ru);
            cs_jsonw_string(&w, "snippet", h->snippet);
            cs_jsonw_string(&w, "subject_kind", h->subject_kind);
            cs_jsonw_string(&w, "cluster", h->cluster);
            cs_jsonw_string(&w, "fact", h->fact);
            if (h->year)
                cs_jsonw_int(&w, "year", h->year);
            else
                cs_jsonw_null(&w, "year");
            const cs_news_item *it =
                strcmp(h->kind, "news") == 0 ? cs_web_news_find(news, h->key) : NULL;
            if (it && it->date)
                cs_jsonw_string(&w, "date", it->date);
            else
                cs_jsonw_null(&w, "date");
            if (it && it->url)
                cs_jsonw_string(&w, "url", it->url);
            else
                cs_jsonw_null(&w, "url");
            /* the matched words of the snippet: [start, end) byte offsets */
            size_t *m = NULL, nr = 0;
            if (cs_service_search_marks(&m, &nr, q, h->snippet) == 0) {
                cs_jsonw_open(&w, "marks", '[');
                for (size_t k = 0; k < nr; k++) {
                    cs_jsonw_open(&w, NULL, '[');
                    cs_jsonw_int(&w, NULL, (long long)m[2 * k]);
                    cs_jsonw_int(&w, NULL, (long long)m[2 * k + 1]);
                    cs_jsonw_close(&w, ']');
                }
                cs_jsonw_close(&w, ']');
            } else {
                cs_error_clear();
                cs_jsonw_null(&w, "marks");
            }
            free(m);
            cs_jsonw_close(&w, '}');
        }
        cs_jsonw_close(&w, ']');
        cs_jsonw_close(&w, '}');
        rc = cs_api_json_end(&w, ctx);
        cs_news_list_free(news);
    }
    cs_search_hits_free(hits);
    return rc;
}

static int history(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { "limit", "offset", "format", NULL };
    long limit, offset;
    int csv = 0, r;
    if ((r = cs_api_check_params(ctx, allowed)) != 0 ||
        (r = cs_api_number(&limit, ctx, "limit", 100, 1, 1000)) != 0 ||
        (r = cs_api_number(&offset, ctx, "offset", 0, 0, 1000000000L)) != 0 ||
        (r = cs_api_format(&csv, ctx)) != 0)
        return r < 0 ? r : 0;
    cs_service_revisions *revs = NULL;
    int rc = cs_service_history(&revs, ctx->svc, ctx->caps[0]);
    if (rc == CS_ENOTFOUND) {
        cs_error_clear();
        return cs_web_json_error(ctx, 404, "not_found", "no cluster has this key");
    }
    if (rc)
        return rc;
    size_t n = cs_service_revisions_count(revs);
    size_t from = (size_t)offset < n ? (size_t)offset : n;
    size_t to = n - from > (size_t)limit ? from + (size_t)limit : n;
    cs_jsonw w;
    if (csv) {
        cs_web_set_status(ctx, 200, CS_API_CSV);
        rc = cs_web_raw(ctx, "id,time,author,action,reverts,target,field,year,old,new,source,"
                             "locator,quote\n");
    } else {
        cs_api_json_begin(&w, ctx);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_int(&w, "total", (long long)n);
        cs_jsonw_int(&w, "limit", limit);
        cs_jsonw_int(&w, "offset", offset);
        cs_jsonw_open(&w, "revisions", '[');
    }
    for (size_t i = from; !rc && i < to; i++) {
        const cs_service_revision *v = cs_service_revisions_at(revs, i);
        if (csv) {
            cs_buf *b = &ctx->res->body;
            rc = cs_textout_csv_int(b, v->id, 0);
            const char *head[] = { v->time, v->author, v->action };
            for (size_t k = 0; !rc && k < 3; k++) {
                rc = cs_buf_putc(b, ',');
                rc = rc ? rc : cs_textout_csv_text(b, head[k], 0);
            }
            rc = rc ? rc : cs_buf_putc(b, ',');
            if (!rc && v->reverts)
                rc = cs_textout_csv_int(b, v->reverts, 0);
            rc = rc ? rc : cs_buf_putc(b, ',');
            rc = rc ? rc : cs_textout_csv_text(b, v->target, 0);
            rc = rc ? rc : cs_buf_putc(b, ',');
            rc = rc ? rc : cs_textout_csv_text(b, v->field, 0);
            rc = rc ? rc : cs_buf_putc(b, ',');
            if (!rc && v->year)
                rc = cs_textout_csv_int(b, v->year, 0);
            const char *tail[] = { v->has_old ? v->old_value : "", v->has_new ? v->new_value : "",
                                   v->source, v->locator, v->quote };
            for (size_t k = 0; !rc && k < 5; k++) {
                rc = cs_buf_putc(b, ',');
                rc = rc ? rc : cs_textout_csv_text(b, tail[k], 0);
            }
            rc = rc ? rc : cs_buf_putc(b, '\n');
        } else {
            cs_jsonw_open(&w, NULL, '{');
            cs_jsonw_int(&w, "id", v->id);
            cs_jsonw_string(&w, "time", v->time);
            cs_jsonw_string(&w, "author", v->author);
            cs_jsonw_string(&w, "action", v->action);
            if (v->reverts)
                cs_jsonw_int(&w, "reverts", v->reverts);
            else
                cs_jsonw_null(&w, "reverts");
            cs_jsonw_string(&w, "target", v->target);
            cs_jsonw_string(&w, "field", v->field);
            if (v->year)
                cs_jsonw_int(&w, "year", v->year);
            else
                cs_jsonw_null(&w, "year");
            /* null: there was no value before, or the change emptied it */
            cs_jsonw_string(&w, "old", v->has_old ? v->old_value : NULL);
            cs_jsonw_string(&w, "new", v->has_new ? v->new_value : NULL);
            cs_jsonw_string(&w, "source", v->source);
            cs_jsonw_string(&w, "locator", v->locator);
            cs_jsonw_string(&w, "quote", v->quote);
            cs_jsonw_close(&w, '}');
        }
    }
    if (!csv) {
        cs_jsonw_close(&w, ']');
        cs_jsonw_close(&w, '}');
        rc = rc ? rc : cs_api_json_end(&w, ctx);
    }
    cs_service_revisions_free(revs);
    return rc;
}

/* Each handler reads one state of the registry: its reads inside one read transaction. */
static int with_read(cs_web_ctx *ctx, cs_web_handler fn)
{
    int rc = cs_service_read_begin(ctx->svc);
    if (rc)
        return rc;
    rc = fn(ctx);
    cs_service_read_end(ctx->svc);
    return rc;
}

#define READ_HANDLER(fn)                                                                           \
    static int fn##_read(cs_web_ctx *ctx)                                                          \
    {                                                                                              \
        return with_read(ctx, fn);                                                                 \
    }
READ_HANDLER(clusters)
READ_HANDLER(cluster)
READ_HANDLER(cs_api_assessment)
READ_HANDLER(cs_api_countries)
READ_HANDLER(search)
READ_HANDLER(history)
READ_HANDLER(cs_api_typology_get)

/* Every route of the API (under /api/v1); docs/api.md and web/static/openapi.json describe
 * each, and test_web_api checks that the document and this table name the same routes. */
const cs_web_route cs_web_api_routes[] = {
    { "GET", "/clusters", clusters_read },
    { "GET", "/clusters/{key}", cluster_read },
    { "GET", "/clusters/{key}/assessment", cs_api_assessment_read },
    { "GET", "/clusters/{key}/history", history_read },
    { "GET", "/countries", cs_api_countries_read },
    { "GET", "/search", search_read },
    { "GET", "/typology", cs_api_typology_get_read },
    { "GET", "/regions/{key}/specialisation", cs_api_region_specialisation },
    { "GET", "/openapi.json", cs_api_openapi },
    /* writes (api_write.c) */
    { "PATCH", "/clusters/{key}", cs_api_cluster_patch },
    { "POST", "/facts", cs_api_fact_post },
    { "POST", "/revisions/{id}/revert", cs_api_revert_post },
    { "POST", "/registrations", cs_api_registration_post },
    { "GET", "/registrations", cs_api_registrations_get },
    { "POST", "/registrations/{id}/approve", cs_api_registration_approve },
    { "POST", "/registrations/{id}/reject", cs_api_registration_reject },
};
const size_t cs_web_api_route_count = sizeof cs_web_api_routes / sizeof cs_web_api_routes[0];
