/*
 * prepare.c: the classification's data: a copy of every object's key, country and results,
 * checked; the indicators and block scores derived from the items by the method's own
 * cs_method_derive(), once per object; and the variables of the view (the scored items or the
 * scored indicators, in method order).
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int allocate(cs_classification *c)
{
    size_t n = c->n;
    c->keys = calloc(n + 1, sizeof *c->keys);
    c->countries = calloc(n + 1, sizeof *c->countries);
    c->left_out = calloc(n + 1, sizeof *c->left_out);
    c->items = malloc((n * c->n_items + 1) * sizeof *c->items);
    c->inds = malloc((n * c->n_ind + 1) * sizeof *c->inds);
    c->blocks = malloc((n * c->n_blocks + 1) * sizeof *c->blocks);
    c->group = calloc(n + 1, sizeof *c->group);
    c->width = malloc((n + 1) * sizeof *c->width);
    c->idx = malloc((n + 1) * sizeof *c->idx);
    c->vars = malloc((c->n_items + c->n_ind + 1) * sizeof *c->vars);
    if (!c->keys || !c->countries || !c->left_out || !c->items || !c->inds || !c->blocks ||
        !c->group || !c->width || !c->idx || !c->vars)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu clusters", n);
    return 0;
}

/* Copies object i's results; each must be 1, 0 or unknown. */
static int copy_results(cs_classification *c, size_t i, const cs_classify_object *o)
{
    cs_result *it = c->items + i * c->n_items;
    if (!o->items)
        return cs_error_set(CS_EUSAGE, "cluster \"%s\" comes without its results", o->key);
    for (size_t v = 0; v < c->n_items; v++) {
        cs_result r = o->items[v];
        if (r != CS_RESULT_MET && r != CS_RESULT_NOT_MET && r != CS_RESULT_UNKNOWN)
            return cs_error_set(CS_EDATA,
                                "cluster \"%s\": item %s: expected a result 1, 0 or unknown, "
                                "found %d",
                                o->key, cs_method_item_at(c->m, v)->key, (int)r);
        it[v] = r;
    }
    return 0;
}

typedef struct {
    const char *key;
    size_t i;
} keyed;

static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int order = strcmp(x->key, y->key);
    return order ? order : (x->i > y->i) - (x->i < y->i);
}

/*
 * The first object (in input order) whose key an earlier object has: *at is its index, or n when
 * every key is given once. Sorting by key puts a key's objects side by side, in input order, in
 * O(n log n) (comparing each object with every earlier one took 5*10^9 string comparisons, over a
 * minute, for 100,000 clusters). Objects without a key are skipped: the caller refuses them.
 */
static int first_repeat(size_t *at, const cs_classify_object *objects, size_t n)
{
    *at = n;
    keyed *k = malloc((n + 1) * sizeof *k);
    size_t m = 0;
    if (!k)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu clusters", n);
    for (size_t i = 0; i < n; i++)
        if (objects[i].key && *objects[i].key)
            k[m++] = (keyed){ objects[i].key, i };
    qsort(k, m, sizeof *k, by_key);
    for (size_t j = 1; j < m; j++)
        if (k[j].i < *at && strcmp(k[j - 1].key, k[j].key) == 0)
            *at = k[j].i;
    free(k);
    return 0;
}

int cs_cls_prepare(cs_classification *c, const cs_classify_object *objects)
{
    const cs_method *m = c->m;
    c->n_items = cs_method_item_count(m);
    c->n_ind = cs_method_indicator_count(m);
    c->n_blocks = cs_method_block_count(m);
    size_t repeat = c->n;
    int rc = allocate(c);
    rc = rc ? rc : first_repeat(&repeat, objects, c->n);
    if (rc)
        return rc;
    for (size_t i = 0; i < c->n; i++) {
        const cs_classify_object *o = &objects[i];
        if (!o->key || !*o->key)
            return cs_error_set(CS_EUSAGE, "object %zu has no cluster key", i + 1);
        if (i == repeat)
            return cs_error_set(CS_EDATA, "cluster \"%s\" is given twice", o->key);
        c->keys[i] = cs_cls_strdup(o->key);
        c->countries[i] = cs_cls_strdup(o->country ? o->country : "");
        if (!c->keys[i] || !c->countries[i])
            return cs_error_set(CS_ENOMEM, "out of memory");
        c->width[i] = NAN;
        if ((rc = copy_results(c, i, o)))
            return rc;
        cs_method_derive(m, c->items + i * c->n_items, c->inds + i * c->n_ind, NULL,
                         c->blocks + i * c->n_blocks, NULL);
    }
    /* the variables: scored items or scored indicators, in method order */
    c->p = 0;
    if (c->view == CS_CLASSIFY_VIEW_INDICATORS) {
        for (size_t v = 0; v < c->n_ind; v++)
            if (cs_method_indicator_at(m, v)->scored)
                c->vars[c->p++] = v;
    } else {
        for (size_t v = 0; v < c->n_items; v++)
            if (cs_method_indicator_at(m, cs_method_item_at(m, v)->indicator)->scored)
                c->vars[c->p++] = v;
    }
    if (c->p == 0)
        return cs_error_set(CS_EDATA, "method %s has no scored %s to classify on", cs_method_id(m),
                            c->view == CS_CLASSIFY_VIEW_INDICATORS ? "indicators" : "items");
    return 0;
}
