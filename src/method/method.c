/*
 * method.c: the arena a method lives in, and the accessors of cs_method (method.h). Loading is
 * in method_load.c and the files it calls; the invariants a loaded method keeps are listed in
 * method_impl.h. Everything a method owns lives in its arena, so cs_method_free() is one walk.
 */
#include "method/method_impl.h"

#include <stdlib.h>
#include <string.h>

void *cs_ml_alloc(cs_ml_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    cs_ml_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > 16384 ? size : 16384;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

const char *cs_ml_strdup(cs_ml_arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = cs_ml_alloc(a, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void cs_ml_arena_free(cs_ml_arena *a)
{
    for (cs_ml_arena_block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    a->head = NULL;
}

/* The key is the namespace, the length of `a` and `a`, then `b`: no two triples share a key,
 * whatever bytes the names hold. */
static cs_keymap_value *name_lookup(cs_ml_loader *L, int ns, const char *a, size_t a_len,
                                    const char *b, int insert)
{
    cs_buf *k = &L->scratch;
    char head[32];
    size_t h = sizeof head;
    head[--h] = ':';
    size_t v = a_len;
    do
        head[--h] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    head[--h] = (char)ns;
    cs_buf_reset(k);
    if (cs_buf_append(k, head + h, sizeof head - h) || cs_buf_append(k, a, a_len) ||
        (b && cs_buf_puts(k, b)))
        return NULL;
    if (!insert)
        return cs_keymap_get(L->names, k->data, k->len);
    return cs_keymap_put(L->names, k->data, k->len);
}

cs_keymap_value *cs_ml_name(cs_ml_loader *L, int ns, const char *a, const char *b, int insert)
{
    return name_lookup(L, ns, a, strlen(a), b, insert);
}

cs_keymap_value *cs_ml_name_n(cs_ml_loader *L, int ns, size_t a, const char *b, int insert)
{
    char text[sizeof a];
    memcpy(text, &a, sizeof a); /* fixed length: the bytes of the number will do */
    return name_lookup(L, ns, text, sizeof text, b, insert);
}

static int seen(cs_keymap_value *v, size_t index, size_t *first)
{
    if (!v)
        return cs_ml_oom();
    if (v->line) {
        *first = (size_t)v->id;
        return 1;
    }
    v->id = (int64_t)index;
    v->line = 1;
    return 0;
}

int cs_ml_seen(cs_ml_loader *L, int ns, const char *a, const char *b, size_t index, size_t *first)
{
    return seen(cs_ml_name(L, ns, a, b, 1), index, first);
}

int cs_ml_seen_n(cs_ml_loader *L, int ns, size_t a, const char *b, size_t index, size_t *first)
{
    return seen(cs_ml_name_n(L, ns, a, b, 1), index, first);
}

void cs_method_free(cs_method *m)
{
    if (!m)
        return;
    cs_ml_arena a = m->arena; /* m itself lives in its arena */
    cs_ml_arena_free(&a);
}

const char *cs_method_id(const cs_method *m)
{
    return m->id;
}
const char *cs_method_version(const cs_method *m)
{
    return m->version;
}
const char *cs_method_title_en(const cs_method *m)
{
    return m->title_en;
}
const char *cs_method_title_ru(const cs_method *m)
{
    return m->title_ru;
}
const char *cs_method_description(const cs_method *m)
{
    return m->description;
}
const char *cs_method_origin(const cs_method *m)
{
    return m->origin;
}
int cs_method_assessment_year(const cs_method *m)
{
    return m->year;
}
const char *cs_method_analysis_view(const cs_method *m)
{
    return m->view;
}
const char *cs_method_unknown_policy(const cs_method *m)
{
    return m->unknown_policy;
}

int cs_method_min_known(const cs_method *m)
{
    return m->min_known;
}
size_t cs_method_source_count(const cs_method *m)
{
    return m->n_sources;
}
const cs_method_source *cs_method_source_at(const cs_method *m, size_t i)
{
    return i < m->n_sources ? &m->sources[i] : NULL;
}
size_t cs_method_block_count(const cs_method *m)
{
    return m->n_blocks;
}
const cs_method_block *cs_method_block_at(const cs_method *m, size_t i)
{
    return i < m->n_blocks ? &m->blocks[i] : NULL;
}
size_t cs_method_indicator_count(const cs_method *m)
{
    return m->n_inds;
}
const cs_method_indicator *cs_method_indicator_at(const cs_method *m, size_t i)
{
    return i < m->n_inds ? &m->inds[i] : NULL;
}
size_t cs_method_item_count(const cs_method *m)
{
    return m->n_items;
}
const cs_method_item *cs_method_item_at(const cs_method *m, size_t i)
{
    return i < m->n_items ? &m->items[i] : NULL;
}
int cs_method_max_indicators(const cs_method *m)
{
    return m->max_indicators;
}
int cs_method_max_points(const cs_method *m)
{
    return m->max_points;
}
size_t cs_method_fact_count(const cs_method *m)
{
    return m->n_facts;
}
const cs_method_fact *cs_method_fact_at(const cs_method *m, size_t i)
{
    return i < m->n_facts ? &m->facts[i] : NULL;
}

long cs_method_find_indicator(const cs_method *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_inds; i++)
        if (strcmp(m->inds[i].id, id) == 0)
            return (long)i;
    return -1;
}

long cs_method_find_item(const cs_method *m, const char *key)
{
    for (size_t i = 0; key && i < m->n_items; i++)
        if (strcmp(m->items[i].key, key) == 0)
            return (long)i;
    return -1;
}
