/*
 * page_common.c: what the pages share (page_impl.h): names in the page's language, the typology
 * the home and cluster pages colour and name groups by, and small writers.
 */
#include "web/page_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cs_web_t(const cs_web_ctx *ctx, const char *key)
{
    return cs_i18n_text(ctx->lang, key);
}

const char *cs_web_pick(const cs_web_ctx *ctx, const char *en, const char *ru)
{
    en = en ? en : "";
    ru = ru ? ru : "";
    if (ctx->lang == CS_LANG_RU)
        return *ru ? ru : en;
    return *en ? en : ru;
}

const char *cs_web_cluster_name(const cs_web_ctx *ctx, const cs_cluster_info *ci)
{
    const char *n = cs_web_pick(ctx, ci->name_en, ci->name_ru);
    return *n ? n : ci->key;
}

const char *cs_web_country_name(const cs_web_ctx *ctx, const cs_country_list *list,
                                const char *code)
{
    const cs_country_info *c = list && code && *code ? cs_country_list_find(list, code) : NULL;
    const char *n = c ? cs_web_pick(ctx, c->name_en, c->name_ru) : "";
    return *n ? n : code ? code : "";
}

const char *cs_web_region_name(const cs_web_ctx *ctx, const cs_region_list *list, const char *key)
{
    const cs_region_info *r = list && key && *key ? cs_region_list_find(list, key) : NULL;
    const char *n = r ? cs_web_pick(ctx, r->name_en, r->name_ru) : "";
    return *n ? n : key ? key : "";
}

static int typology_make(cs_web_typology *t, cs_web_ctx *ctx)
{
    memset(t, 0, sizeof *t);
    int rc = cs_service_load_method(&t->m, CS_WEB_METHOD);
    cs_service_assess_options ao = { 0, NULL, ctx->lang };
    rc = rc ? rc : cs_service_assess(&t->sa, ctx->svc, t->m, &ao);
    if (rc)
        return rc;
    t->a = cs_service_assessment_result(t->sa);
    t->countries = cs_service_assessment_countries(t->sa);
    if (cs_service_load_reference(&t->ref, ctx->svc, NULL, cs_method_id(t->m)) != 0) {
        cs_error_clear();
        t->ref = NULL;
    }
    /* too few clusters, or data that cannot be classified: the pages show no groups, not an
     * error (the report notes the same) */
    cs_service_classify_options co = { ctx->lang, 0, cs_service_memory_limit(ctx->svc) };
    if (cs_assessment_count(t->a) < 3 ||
        cs_service_classify_assessment(&t->c, NULL, ctx->svc, t->m, t->a, t->ref, &co) != 0) {
        cs_error_clear();
        t->c = NULL;
    }
    return 0;
}

static void typology_clear(cs_web_typology *t)
{
    cs_classification_free(t->c);
    cs_reference_free(t->ref);
    cs_service_assessment_free(t->sa);
    cs_method_free(t->m);
    memset(t, 0, sizeof *t);
}

/* One typology per language, each with the data version it was made at. */
typedef struct {
    struct {
        int made;
        long long version;
        cs_web_typology t;
    } lang[2];
} typology_memo;

void cs_web_typology_memo_free(void *memo)
{
    typology_memo *m = memo;
    for (size_t i = 0; m && i < 2; i++)
        typology_clear(&m->lang[i].t);
    free(m);
}

int cs_web_typology_get(const cs_web_typology **out, cs_web_ctx *ctx)
{
    *out = NULL;
    typology_memo *m = pthread_getspecific(ctx->app->typology_key);
    if (!m) {
        if (!(m = calloc(1, sizeof *m)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        if (pthread_setspecific(ctx->app->typology_key, m) != 0) {
            free(m);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
    }
    long long version = 0;
    int rc = cs_service_data_version(&version, ctx->svc);
    if (rc)
        return rc;
    size_t l = ctx->lang == CS_LANG_RU;
    if (!m->lang[l].made || m->lang[l].version != version) {
        typology_clear(&m->lang[l].t);
        m->lang[l].made = 0;
        rc = typology_make(&m->lang[l].t, ctx);
        if (rc) {
            typology_clear(&m->lang[l].t);
            return rc;
        }
        m->lang[l].made = 1;
        m->lang[l].version = version;
    }
    *out = &m->lang[l].t;
    return 0;
}

int cs_web_typology_load(cs_web_typology *t, cs_web_ctx *ctx)
{
    const cs_web_typology *lent = NULL;
    int rc = cs_web_typology_get(&lent, ctx);
    if (rc)
        memset(t, 0, sizeof *t);
    else
        *t = *lent;
    return rc;
}

int cs_web_typology_group(const cs_web_typology *t, const char *key)
{
    long i = t->a ? cs_assessment_find(t->a, key) : -1;
    return i >= 0 && t->c ? cs_classification_group_of(t->c, (size_t)i) : 0;
}

const cs_reference_type *cs_web_group_type(const cs_web_typology *t, int group)
{
    if (!t->c || !t->ref || group < 1 || group > cs_classification_k(t->c))
        return NULL;
    const cs_classify_group *g = cs_classification_group(t->c, group);
    int number = g->label ? g->label : g->nearest;
    for (size_t i = 0; number && i < t->ref->n_types; i++)
        if (t->ref->types[i].number == number)
            return &t->ref->types[i];
    return NULL;
}

void cs_web_group_name(char *out, size_t cap, const cs_web_ctx *ctx, const cs_web_typology *t,
                       int group)
{
    out[0] = 0;
    if (group < 1 || !t->c)
        return;
    const cs_classify_group *g = cs_classification_group(t->c, group);
    const cs_reference_type *type = g->label ? cs_web_group_type(t, group) : NULL;
    if (type)
        snprintf(out, cap, "%s %d: %s", cs_web_t(ctx, "web.group"), group,
                 cs_web_pick(ctx, type->name_en, type->name_ru));
    else
        snprintf(out, cap, "%s %d", cs_web_t(ctx, "web.group"), group);
}

int cs_web_table_head(cs_web_ctx *ctx, const char *cls, const char *const *heads, size_t n)
{
    int rc = cs_web_printf(ctx, "<div class=\"scroll\"><table class=\"%s\">\n<thead><tr>", cls);
    for (size_t h = 0; !rc && h < n; h++) {
        rc = cs_web_raw(ctx, "<th scope=\"col\">");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, heads[h]));
        rc = rc ? rc : cs_web_raw(ctx, "</th>");
    }
    return rc ? rc : cs_web_raw(ctx, "</tr></thead>\n<tbody>\n");
}

int cs_web_row(cs_web_ctx *ctx, const char *label_key, const char *value)
{
    if (!value || !*value)
        return 0;
    int rc = cs_web_raw(ctx, "<tr><th scope=\"row\">");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, label_key));
    rc = rc ? rc : cs_web_raw(ctx, "</th><td>");
    rc = rc ? rc : cs_web_html(ctx, value);
    return rc ? rc : cs_web_raw(ctx, "</td></tr>\n");
}

int cs_web_link(cs_web_ctx *ctx, const char *prefix, const char *key, const char *text)
{
    int rc = cs_web_printf(ctx, "<a href=\"%s/%s/", ctx->base, prefix);
    rc = rc ? rc : cs_web_html(ctx, key);
    rc = rc ? rc : cs_web_raw(ctx, "\">");
    rc = rc ? rc : cs_web_html(ctx, text);
    return rc ? rc : cs_web_raw(ctx, "</a>");
}

int cs_web_pre(cs_web_ctx *ctx, const char *text, size_t len)
{
    int rc = cs_web_raw(ctx, "<div class=\"scroll\"><pre>");
    for (size_t i = 0; !rc && i < len; i++) {
        char c = text[i];
        rc = c == '<'   ? cs_web_raw(ctx, "&lt;")
             : c == '>' ? cs_web_raw(ctx, "&gt;")
             : c == '&' ? cs_web_raw(ctx, "&amp;")
                        : cs_buf_append(&ctx->res->body, &c, 1);
    }
    return rc ? rc : cs_web_raw(ctx, "</pre></div>\n");
}

int cs_web_read_begin(cs_web_ctx *ctx)
{
    return cs_service_read_begin(ctx->svc);
}

void cs_web_read_end(cs_web_ctx *ctx)
{
    cs_service_read_end(ctx->svc);
}

/* S folded for matching: ASCII and Cyrillic letters in lower case, ё and Ё as е (Russian
 * writes either); other bytes as they are. NULL when out of memory. */
static char *fold(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (p[0] == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F) { /* А..П -> а..п */
            *o++ = (char)0xD0;
            *o++ = (char)(p[1] + 0x20);
        } else if (p[0] == 0xD0 && p[1] >= 0xA0 && p[1] <= 0xAF) { /* Р..Я -> р..я */
            *o++ = (char)0xD1;
            *o++ = (char)(p[1] - 0x20);
        } else if ((p[0] == 0xD0 && p[1] == 0x81) || (p[0] == 0xD1 && p[1] == 0x91)) { /* Ё ё */
            *o++ = (char)0xD0;
            *o++ = (char)0xB5;
        } else {
            *o++ = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
            p++;
            continue;
        }
        p += 2;
    }
    *o = 0;
    return out;
}

int cs_web_contains(const char *hay, const char *needle)
{
    if (!needle || !*needle)
        return 1;
    if (!hay || !*hay)
        return 0;
    char *h = fold(hay), *n = fold(needle);
    int found = h && n && strstr(h, n) != NULL;
    free(h);
    free(n);
    return found;
}
