/*
 * news.c: the news items and digest issues the store reads back (registry.h). A list keeps its
 * strings in one pool and each item's Q&A and targets in arrays of their own, grown as the
 * store adds them; the items' qa and targets pointers are set again after every growth, so a
 * pointer handed out stays valid only once the list is complete (the store finishes the list
 * before handing it on).
 */
#include "registry/news.h"

#include "clusterscope/error.h"

#include "util/keymap.h"
#include "util/strpool.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_news_qa *qa;
    size_t cap_qa;
    cs_news_target *targets;
    size_t cap_targets;
} item_arrays;

struct cs_news_list {
    cs_news_item *items;
    item_arrays *arrays; /* parallel to items */
    size_t count, cap;
    cs_strpool *pool;
};

static int oom(void)
{
    return cs_error_set(CS_ENOMEM, "out of memory reading the news");
}

/* A pooled copy of S; NULL stays NULL. *failed is set when the copy fails. */
static const char *keep(cs_strpool *pool, const char *s, int *failed)
{
    if (!s)
        return NULL;
    const char *c = cs_strpool_add(pool, s, strlen(s));
    if (!c)
        *failed = 1;
    return c;
}

int cs_news_list_new(cs_news_list **out)
{
    cs_news_list *l = calloc(1, sizeof *l);
    if (!l || cs_strpool_new(&l->pool)) {
        free(l);
        return oom();
    }
    *out = l;
    return 0;
}

size_t cs_news_list_count(const cs_news_list *list)
{
    return list ? list->count : 0;
}

const cs_news_item *cs_news_list_at(const cs_news_list *list, size_t i)
{
    return list && i < list->count ? &list->items[i] : NULL;
}

void cs_news_list_free(cs_news_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->arrays[i].qa);
        free(list->arrays[i].targets);
    }
    free(list->arrays);
    free(list->items);
    cs_strpool_free(list->pool);
    free(list);
}

int cs_news_list_add(size_t *index, cs_news_list *list, const cs_news_item *item)
{
    if (list->count == list->cap) {
        size_t n = list->cap ? list->cap * 2 : 16;
        cs_news_item *items = realloc(list->items, n * sizeof *items);
        if (!items)
            return oom();
        list->items = items;
        item_arrays *arrays = realloc(list->arrays, n * sizeof *arrays);
        if (!arrays)
            return oom();
        list->arrays = arrays;
        list->cap = n;
    }
    cs_news_item c = *item;
    int failed = 0;
    const char **t[] = { &c.key,        &c.kind,       &c.date,   &c.lang,     &c.title,
                         &c.title_en,   &c.title_ru,   &c.lead,   &c.body,     &c.box,
                         &c.summary_en, &c.summary_ru, &c.series, &c.file_url, &c.file_format,
                         &c.outlet,     &c.url,        &c.source, &c.locator,  &c.quote,
                         &c.note };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        *t[i] = keep(list->pool, *t[i], &failed);
    if (failed)
        return oom();
    c.qa = NULL;
    c.n_qa = 0;
    c.targets = NULL;
    c.n_targets = 0;
    list->items[list->count] = c;
    memset(&list->arrays[list->count], 0, sizeof list->arrays[0]);
    *index = list->count++;
    return 0;
}

int cs_news_list_add_qa(cs_news_list *list, size_t index, const char *question, const char *answer)
{
    cs_news_item *it = &list->items[index];
    item_arrays *a = &list->arrays[index];
    if (it->n_qa == a->cap_qa) {
        size_t n = a->cap_qa ? a->cap_qa * 2 : 8;
        cs_news_qa *p = realloc(a->qa, n * sizeof *p);
        if (!p)
            return oom();
        a->qa = p;
        a->cap_qa = n;
    }
    int failed = 0;
    a->qa[it->n_qa].question = keep(list->pool, question, &failed);
    a->qa[it->n_qa].answer = keep(list->pool, answer, &failed);
    if (failed)
        return oom();
    it->n_qa++;
    it->qa = a->qa;
    return 0;
}

int cs_news_list_add_target(cs_news_list *list, size_t index, const cs_news_target *target)
{
    cs_news_item *it = &list->items[index];
    item_arrays *a = &list->arrays[index];
    if (it->n_targets == a->cap_targets) {
        size_t n = a->cap_targets ? a->cap_targets * 2 : 8;
        cs_news_target *p = realloc(a->targets, n * sizeof *p);
        if (!p)
            return oom();
        a->targets = p;
        a->cap_targets = n;
    }
    int failed = 0;
    cs_news_target *t = &a->targets[it->n_targets];
    t->kind = keep(list->pool, target->kind, &failed);
    t->key = keep(list->pool, target->key, &failed);
    t->name_en = keep(list->pool, target->name_en, &failed);
    t->name_ru = keep(list->pool, target->name_ru, &failed);
    if (failed)
        return oom();
    it->n_targets++;
    it->targets = a->targets;
    return 0;
}

/* ---- digest issues ---- */

const char *cs_digest_part_name(cs_digest_part part)
{
    static const char *const names[CS_DIGEST_PARTS] = { "about", "publications", "contacts",
                                                        "resources", "call" };
    return (unsigned)part < CS_DIGEST_PARTS ? names[part] : NULL;
}

int cs_digest_issue_new(cs_digest_issue **out)
{
    cs_digest_issue *d = calloc(1, sizeof *d);
    cs_strpool *pool = NULL;
    if (!d || cs_strpool_new(&pool)) {
        free(d);
        return oom();
    }
    d->internal = pool;
    *out = d;
    return 0;
}

const char *cs_digest_issue_keep(cs_digest_issue *issue, const char *s, int *failed)
{
    return keep(issue->internal, s, failed);
}

void cs_digest_issue_free(cs_digest_issue *issue)
{
    if (!issue)
        return;
    cs_strpool_free(issue->internal);
    free(issue);
}

int cs_news_list_by_cluster(size_t *count, size_t *picks, size_t pick, const cs_news_list *list,
                            const char *const *keys, size_t n)
{
    memset(count, 0, n * sizeof *count);
    cs_keymap *at = NULL;
    int rc = cs_keymap_new(&at);
    for (size_t i = 0; !rc && i < n; i++) {
        cs_keymap_value *v = cs_keymap_put(at, keys[i], strlen(keys[i]));
        if (!v)
            rc = CS_ENOMEM;
        else
            v->id = (int64_t)i;
    }
    for (size_t k = 0; !rc && list && k < cs_news_list_count(list); k++) {
        const cs_news_item *it = cs_news_list_at(list, k);
        for (size_t t = 0; t < it->n_targets; t++) {
            if (strcmp(it->targets[t].kind, "cluster") != 0)
                continue;
            const cs_keymap_value *v =
                cs_keymap_get(at, it->targets[t].key, strlen(it->targets[t].key));
            if (!v)
                continue;
            size_t i = (size_t)v->id;
            if (count[i] < pick)
                picks[i * pick + count[i]] = k;
            count[i]++;
        }
    }
    cs_keymap_free(at);
    return rc;
}
