/*
 * input.c: an assessment run as the classification's input, built object by object (the store
 * builds one when it reads a run from the registry; tests and other callers may build their
 * own). The run owns copies of everything it is given.
 *
 * Invariant: each object's key, country and results live in one block of their own, so adding
 * an object never moves what earlier objects point to.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_classify_run pub; /* first: the public pointer is the storage's */
    cs_classify_object *objects;
    void **blocks; /* one per object */
    char *method_id, *method_version, *created;
    size_t cap;
    cs_classify_excluded *out; /* out of scope; strings malloc'd one by one */
    size_t out_cap;
} run_storage;

void cs_classify_run_free(cs_classify_run *run)
{
    if (!run)
        return;
    run_storage *s = (run_storage *)run;
    for (size_t i = 0; i < s->pub.n; i++)
        free(s->blocks[i]);
    free(s->blocks);
    free(s->objects);
    for (size_t i = 0; i < s->pub.n_out_of_scope; i++) {
        free((char *)s->out[i].key);
        free((char *)s->out[i].rule);
        free((char *)s->out[i].found);
    }
    free(s->out);
    free(s->method_id);
    free(s->method_version);
    free(s->created);
    free(s);
}

int cs_classify_run_new(cs_classify_run **out, long long run_id, const char *method_id,
                        const char *method_version, const char *created)
{
    *out = NULL;
    run_storage *s = calloc(1, sizeof *s);
    if (!s)
        return cs_error_set(CS_ENOMEM, "out of memory");
    s->method_id = cs_cls_strdup(method_id);
    s->method_version = cs_cls_strdup(method_version);
    s->created = cs_cls_strdup(created);
    if (!s->method_id || !s->method_version || !s->created) {
        cs_classify_run_free(&s->pub);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    s->pub.run_id = run_id;
    s->pub.method_id = s->method_id;
    s->pub.method_version = s->method_version;
    s->pub.created = s->created;
    *out = &s->pub;
    return 0;
}

int cs_classify_run_add(cs_classify_run *run, const char *key, const char *country,
                        const cs_result *items, size_t n_items)
{
    run_storage *s = (run_storage *)run;
    if (!key || (n_items && !items))
        return cs_error_set(CS_EUSAGE, "an object of a run needs a key and its results");
    if (s->pub.n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        cs_classify_object *objects = realloc(s->objects, cap * sizeof *objects);
        if (objects)
            s->objects = objects;
        void **blocks = realloc(s->blocks, cap * sizeof *blocks);
        if (blocks)
            s->blocks = blocks;
        if (!objects || !blocks)
            return cs_error_set(CS_ENOMEM, "out of memory");
        s->cap = cap;
        s->pub.objects = s->objects;
    }
    if (!country)
        country = "";
    size_t nk = strlen(key) + 1, nc = strlen(country) + 1;
    /* results first: they are the block's only aligned member */
    char *block = malloc(n_items * sizeof *items + nk + nc);
    if (!block)
        return cs_error_set(CS_ENOMEM, "out of memory");
    cs_result *r = (cs_result *)block;
    if (n_items)
        memcpy(r, items, n_items * sizeof *items);
    char *k = block + n_items * sizeof *items, *c = k + nk;
    memcpy(k, key, nk);
    memcpy(c, country, nc);
    s->blocks[s->pub.n] = block;
    s->objects[s->pub.n] = (cs_classify_object){ k, c, r };
    s->pub.n++;
    return 0;
}

int cs_classify_run_add_out_of_scope(cs_classify_run *run, const char *key, const char *rule,
                                     cs_result result, const char *found)
{
    run_storage *s = (run_storage *)run;
    if (!key || !rule)
        return cs_error_set(CS_EUSAGE, "a cluster out of scope needs a key and a rule");
    if (s->pub.n_out_of_scope == s->out_cap) {
        size_t cap = s->out_cap ? 2 * s->out_cap : 16;
        cs_classify_excluded *out = realloc(s->out, cap * sizeof *out);
        if (!out)
            return cs_error_set(CS_ENOMEM, "out of memory");
        s->out = out;
        s->out_cap = cap;
        s->pub.out_of_scope = out;
    }
    cs_classify_excluded e = { cs_cls_strdup(key), cs_cls_strdup(rule), result,
                               found ? cs_cls_strdup(found) : NULL };
    if (!e.key || !e.rule || (found && !e.found)) {
        free((char *)e.key);
        free((char *)e.rule);
        free((char *)e.found);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    s->out[s->pub.n_out_of_scope++] = e;
    return 0;
}

int cs_classify_scope_reason(char *out, size_t cap, const cs_method *m,
                             const cs_classify_excluded *e, cs_lang lang)
{
    for (size_t i = 0; i < cs_method_scope_count(m); i++) {
        const cs_scope_rule *r = cs_method_scope_at(m, i);
        if (strcmp(r->id, e->rule) == 0)
            return cs_scope_reason(out, cap, r, e->result, e->found, lang);
    }
    return snprintf(out, cap, "%s", e->rule);
}
