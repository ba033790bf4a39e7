/*
 * method_check.c: the checks made once every indicator is read: final order (blocks by order,
 * indicators by block), item keys, default and unique codes, refs resolved and free of cycles,
 * the evaluation order, and the facts the method reads.
 */
#include "method/method_impl.h"

#include "clusterscope/error.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The evaluation order, refusing cycles: a depth-first walk along refs that lists each
 * indicator after those it refers to. It keeps its own stack (the path from the root and, per
 * step, the next item to follow), so a chain of references as long as the method allows costs
 * heap, never the thread's stack.
 */
typedef struct {
    cs_ml_loader *L;
    cs_ml_indicator *pinds;
    size_t *json_of; /* final indicator index -> index in the file */
    int *color;      /* 0 new, 1 on the path, 2 done */
    size_t *path;    /* the indicators on the path from the root */
    size_t *next;    /* for each step of the path, the next of its items to follow */
    size_t depth;
    size_t n_order;
} cycle_walk;

static int cycle_error(cycle_walk *w, size_t i, size_t k, size_t j)
{
    cs_method *m = w->L->m;
    cs_buf chain = CS_BUF_INIT;
    size_t from = 0;
    while (w->path[from] != j)
        from++;
    for (size_t s = from; s < w->depth; s++)
        cs_buf_printf(&chain, "%s -> ", m->inds[w->path[s]].id);
    cs_buf_puts(&chain, m->inds[j].id);
    cs_ml_loader *L = w->L;
    L->depth = 0;
    cs_ml_push_key(L, "indicators");
    cs_ml_push_index(L, w->json_of[i]);
    cs_ml_push_key(L, "rule");
    cs_ml_push_key(L, "items");
    cs_ml_push_index(L, w->pinds[w->json_of[i]].items[k].json_index);
    cs_ml_push_key(L, "ref");
    int rc = cs_ml_fail_msg(L, "cycle of references: %s", cs_buf_str(&chain));
    cs_buf_free(&chain);
    return rc;
}

static int walk_from(cycle_walk *w, size_t root)
{
    cs_method *m = w->L->m;
    if (w->color[root] == 2)
        return 0;
    w->color[root] = 1;
    w->path[0] = root;
    w->next[0] = 0;
    w->depth = 1;
    while (w->depth > 0) {
        size_t i = w->path[w->depth - 1];
        const cs_method_indicator *ind = &m->inds[i];
        size_t k = w->next[w->depth - 1];
        while (k < ind->n_items && m->items[ind->first_item + k].rule.kind != CS_RULE_REF)
            k++;
        if (k == ind->n_items) { /* every ref followed: i is done */
            w->depth--;
            w->color[i] = 2;
            m->order[w->n_order++] = i;
            continue;
        }
        w->next[w->depth - 1] = k + 1;
        size_t j = m->items[ind->first_item + k].rule.ref;
        if (w->color[j] == 1)
            return cycle_error(w, i, k, j);
        if (w->color[j] == 2)
            continue;
        w->color[j] = 1;
        w->path[w->depth] = j;
        w->next[w->depth] = 0;
        w->depth++;
    }
    return 0;
}

typedef struct {
    int order;
    size_t index; /* in the file */
} block_order;

static int compare_block_order(const void *a, const void *b)
{
    const block_order *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int compare_facts(const void *a, const void *b)
{
    const cs_method_fact *x = a, *y = b;
    if (x->subject_kind != y->subject_kind)
        return x->subject_kind < y->subject_kind ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Puts the parsed indicators in final order, builds the item list, resolves refs. */
int cs_ml_build(cs_ml_loader *L, cs_ml_indicator *pinds, size_t n)
{
    cs_method *m = L->m;
    /* blocks sorted by order, stable (ties keep the file order) */
    size_t nb = m->n_blocks;
    size_t *block_pos = cs_ml_alloc(&m->arena, nb * sizeof *block_pos); /* file -> sorted */
    cs_method_block *sorted = cs_ml_alloc(&m->arena, nb * sizeof *sorted);
    block_order *perm = cs_ml_alloc(&m->arena, nb * sizeof *perm);
    if (!block_pos || !sorted || !perm)
        return cs_ml_oom();
    for (size_t i = 0; i < nb; i++)
        perm[i] = (block_order){ m->blocks[i].order, i };
    qsort(perm, nb, sizeof *perm, compare_block_order);
    for (size_t i = 0; i < nb; i++) {
        sorted[i] = m->blocks[perm[i].index];
        block_pos[perm[i].index] = i;
    }
    m->blocks = sorted;

    m->n_inds = n;
    m->inds = cs_ml_alloc(&m->arena, n * sizeof *m->inds);
    size_t *json_of = cs_ml_alloc(&m->arena, n * sizeof *json_of);
    if (!m->inds || !json_of)
        return cs_ml_oom();
    size_t n_items = 0;
    for (size_t i = 0; i < n; i++)
        n_items += pinds[i].n_items;
    m->n_items = n_items;
    m->items = cs_ml_alloc(&m->arena, n_items * sizeof *m->items);
    if (!m->items)
        return cs_ml_oom();

    /* the indicators of each block in file order, by counting: json_of lists them block by
     * block, first_of[b] where block b's start */
    size_t *first_of = cs_ml_alloc(&m->arena, (nb + 1) * sizeof *first_of);
    if (!first_of)
        return cs_ml_oom();
    for (size_t i = 0; i < n; i++)
        first_of[block_pos[pinds[i].block] + 1]++;
    for (size_t b = 0; b < nb; b++)
        first_of[b + 1] += first_of[b];
    for (size_t i = 0; i < n; i++)
        json_of[first_of[block_pos[pinds[i].block]]++] = i;

    size_t out = 0, item = 0;
    for (size_t b = 0; b < nb; b++) {
        cs_method_block *blk = &m->blocks[b];
        blk->first_indicator = out;
        size_t end = first_of[b]; /* after the counting above: the end of block b */
        while (out < end) {
            const cs_ml_indicator *p = &pinds[json_of[out]];
            cs_method_indicator *ind = &m->inds[out];
            ind->id = p->id;
            ind->code = p->code;
            ind->label_en = p->label_en;
            ind->label_ru = p->label_ru;
            ind->heading_en = p->heading_en;
            ind->heading_ru = p->heading_ru;
            ind->notes = p->notes;
            ind->study_lines = p->study_lines;
            ind->sources = p->sources;
            ind->n_sources = p->n_sources;
            ind->block = b;
            ind->scored = p->scored;
            ind->composite = p->composite;
            ind->min_items = p->min_items;
            ind->first_item = item;
            ind->n_items = p->n_items;
            for (size_t k = 0; k < p->n_items; k++) {
                cs_method_item *it = &m->items[item++];
                it->id = p->items[k].id;
                it->label_en = p->items[k].label_en;
                it->label_ru = p->items[k].label_ru;
                it->indicator = out;
                it->rule = p->items[k].rule;
                if (p->composite) {
                    size_t len = strlen(p->id) + strlen(it->id) + 2;
                    char *key = cs_ml_alloc(&m->arena, len);
                    if (!key)
                        return cs_ml_oom();
                    snprintf(key, len, "%s.%s", p->id, it->id);
                    it->key = key;
                } else {
                    it->key = p->id;
                }
            }
            if (ind->scored) {
                blk->max_indicators++;
                blk->max_points += (int)ind->n_items;
            }
            out++;
        }
        blk->n_indicators = out - blk->first_indicator;
        m->max_indicators += blk->max_indicators;
        m->max_points += blk->max_points;
    }

    /* default codes, then uniqueness of codes */
    for (size_t b = 0; b < nb; b++)
        if (!m->blocks[b].code) {
            char code[24];
            snprintf(code, sizeof code, "B%zu", b + 1);
            if (!(m->blocks[b].code = cs_ml_strdup(&m->arena, code)))
                return cs_ml_oom();
        }
    for (size_t i = 0; i < n; i++)
        if (!m->inds[i].code) {
            char code[24];
            snprintf(code, sizeof code, "I%zu", i + 1);
            if (!(m->inds[i].code = cs_ml_strdup(&m->arena, code)))
                return cs_ml_oom();
        }
    for (size_t i = 0, j = 0; i < n; i++) {
        int dup = cs_ml_seen(L, CS_ML_NS_CODE, m->inds[i].code, NULL, i, &j);
        if (dup <= 0) {
            if (dup < 0)
                return dup;
            continue;
        }
        L->depth = 0;
        cs_ml_push_key(L, "indicators");
        cs_ml_push_index(L, json_of[pinds[json_of[i]].code ? i : j]);
        cs_ml_push_key(L, "code");
        return cs_ml_fail_msg(L, "indicators %s and %s have the same code \"%s\"", m->inds[j].id,
                              m->inds[i].id, m->inds[i].code);
    }
    for (size_t i = 0, j = 0; i < nb; i++) {
        int dup = cs_ml_seen(L, CS_ML_NS_BLOCK_CODE, m->blocks[i].code, NULL, i, &j);
        if (dup <= 0) {
            if (dup < 0)
                return dup;
            continue;
        }
        L->depth = 0;
        cs_ml_push_key(L, "blocks");
        cs_ml_push_index(L, perm[i].index);
        cs_ml_push_key(L, "code");
        return cs_ml_fail_msg(L, "blocks %s and %s have the same code \"%s\"", m->blocks[j].id,
                              m->blocks[i].id, m->blocks[i].code);
    }

    /* the final index of each indicator in the file, for refs */
    size_t *final_of = cs_ml_alloc(&m->arena, n * sizeof *final_of);
    if (!final_of)
        return cs_ml_oom();
    for (size_t i = 0; i < n; i++)
        final_of[json_of[i]] = i;

    /* resolve refs */
    for (size_t i = 0; i < n; i++) {
        const cs_method_indicator *ind = &m->inds[i];
        for (size_t k = 0; k < ind->n_items; k++) {
            cs_method_item *it = &m->items[ind->first_item + k];
            if (it->rule.kind != CS_RULE_REF)
                continue;
            const cs_ml_item *p = &pinds[json_of[i]].items[k];
            const cs_keymap_value *found = cs_ml_name(L, CS_ML_NS_INDICATOR, p->ref_id, NULL, 0);
            long target = found ? (long)final_of[found->id] : -1;
            if (target < 0) {
                L->depth = 0;
                cs_ml_push_key(L, "indicators");
                cs_ml_push_index(L, json_of[i]);
                cs_ml_push_key(L, "rule");
                cs_ml_push_key(L, "items");
                cs_ml_push_index(L, p->json_index);
                cs_ml_push_key(L, "ref");
                char shown[128];
                snprintf(shown, sizeof shown, "\"%.100s\"", p->ref_id);
                return cs_ml_fail_msg(L, "expected the id of an indicator of this method, found %s",
                                      shown);
            }
            it->rule.ref = (size_t)target;
            if (!*it->label_en && !*it->label_ru) {
                it->label_en = m->inds[target].label_en;
                it->label_ru = m->inds[target].label_ru;
            }
        }
    }

    /* evaluation order, refusing cycles */
    m->order = cs_ml_alloc(&m->arena, n * sizeof *m->order);
    cycle_walk w = { .L = L,
                     .pinds = pinds,
                     .json_of = json_of,
                     .color = cs_ml_alloc(&m->arena, n * sizeof(int)),
                     .path = cs_ml_alloc(&m->arena, n * sizeof(size_t)),
                     .next = cs_ml_alloc(&m->arena, n * sizeof(size_t)) };
    if (!m->order || !w.color || !w.path || !w.next)
        return cs_ml_oom();
    for (size_t i = 0; i < n; i++) {
        int rc = walk_from(&w, i);
        if (rc)
            return rc;
    }

    /* the facts read */
    m->facts = cs_ml_alloc(&m->arena, (n_items ? n_items : 1) * sizeof *m->facts);
    if (!m->facts)
        return cs_ml_oom();
    for (size_t i = 0; i < n_items; i++) {
        const cs_rule *r = &m->items[i].rule;
        if (r->kind == CS_RULE_REF)
            continue;
        size_t first;
        int dup =
            cs_ml_seen_n(L, CS_ML_NS_FACT, (size_t)r->subject_kind, r->fact, m->n_facts, &first);
        if (dup < 0)
            return dup;
        if (!dup)
            m->facts[m->n_facts++] =
                (cs_method_fact){ r->subject_kind, r->fact, r->fact_type, r->levels };
    }
    qsort(m->facts, m->n_facts, sizeof *m->facts, compare_facts);
    return 0;
}

int cs_ml_check_analysis(cs_ml_loader *L, json_t *analysis)
{
    const cs_method *m = L->m;
    int indicators = strcmp(m->view, "indicators") == 0;
    size_t scored = 0;
    if (indicators) {
        for (size_t i = 0; i < m->n_inds; i++)
            scored += m->inds[i].scored != 0;
    } else {
        for (size_t i = 0; i < m->n_items; i++)
            scored += m->inds[m->items[i].indicator].scored != 0;
    }
    if ((size_t)m->min_known <= scored)
        return 0;
    /* a threshold above the view's variables would leave every cluster out */
    cs_ml_push_key(L, "analysis");
    cs_ml_push_key(L, "min_known");
    char expected[128];
    snprintf(expected, sizeof expected, "at most %zu (the method's scored %s)", scored,
             indicators ? "indicators" : "items");
    int rc = cs_ml_fail(L, analysis ? json_object_get(analysis, "min_known") : NULL, expected);
    cs_ml_pop(L);
    cs_ml_pop(L);
    return rc;
}
