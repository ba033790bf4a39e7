/*
 * service_chain.c: a cluster's value chain with its cooperation network, and the related-cluster
 * network between clusters (service.h). The graphs are handed to network/ as plain arrays; the
 * rules that turn links into edges live here, so every front end measures the same graph.
 */
#include "clusterscope/service.h"

#include "clusterscope/error.h"
#include "clusterscope/network.h"
#include "service/service_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cs_chain_view_free(cs_chain_view *v)
{
    if (!v)
        return;
    cs_chain_free(v->chain);
    cs_network_measures_free(v->measures);
    free(v->edge_from);
    free(v->edge_to);
    free(v);
}

static int pair_order(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* The edges of the chain's links (the rule in service.h) into V. */
static int chain_edges(cs_chain_view *v)
{
    const cs_chain *c = v->chain;
    size_t cap = 2 * c->n_links, n = 0;
    size_t *pairs = malloc((cap ? cap : 1) * 2 * sizeof *pairs);
    if (!pairs)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu links", c->n_links);
    for (size_t i = 0; i < c->n_links; i++) {
        const cs_chain_link *l = &c->links[i];
        if (l->from == CS_CHAIN_NONE || l->to == CS_CHAIN_NONE) {
            v->links_outside++;
            continue;
        }
        size_t a = l->from, b = l->to;
        if (!v->directed && a > b) {
            size_t t = a;
            a = b;
            b = t;
        }
        pairs[2 * n] = a;
        pairs[2 * n + 1] = b;
        n++;
        if (v->directed && !l->directed) {
            pairs[2 * n] = b;
            pairs[2 * n + 1] = a;
            n++;
        }
    }
    qsort(pairs, n, 2 * sizeof *pairs, pair_order);
    v->edge_from = malloc((n ? n : 1) * sizeof *v->edge_from);
    v->edge_to = malloc((n ? n : 1) * sizeof *v->edge_to);
    if (!v->edge_from || !v->edge_to) {
        free(pairs);
        return cs_error_set(CS_ENOMEM, "out of memory for %zu edges", n);
    }
    for (size_t i = 0; i < n; i++) {
        if (v->n_edges > 0 && v->edge_from[v->n_edges - 1] == pairs[2 * i] &&
            v->edge_to[v->n_edges - 1] == pairs[2 * i + 1])
            continue;
        v->edge_from[v->n_edges] = pairs[2 * i];
        v->edge_to[v->n_edges] = pairs[2 * i + 1];
        v->n_edges++;
    }
    free(pairs);
    return 0;
}

int cs_service_chain(cs_chain_view **out, cs_service *svc, const char *cluster, int directed)
{
    *out = NULL;
    cs_chain_view *v = calloc(1, sizeof *v);
    if (!v)
        return cs_error_set(CS_ENOMEM, "out of memory reading a value chain");
    v->directed = directed != 0;
    int rc = cs_store_chain(&v->chain, svc->store, cluster);
    /* an unknown key is bad input (exit 3), as for every command that names a cluster */
    if (rc == CS_ENOTFOUND)
        rc = cs_error_set(CS_EDATA, "no cluster with key '%s' in the registry %s", cluster,
                          cs_store_path(svc->store));
    if (!rc)
        rc = chain_edges(v);
    if (!rc)
        rc = cs_network_measure(&v->measures, v->chain->n_members, v->edge_from, v->edge_to,
                                v->n_edges, v->directed);
    if (rc) {
        cs_chain_view_free(v);
        return rc;
    }
    const cs_chain *c = v->chain;
    for (size_t i = 0; i < c->n_stages; i++)
        if (!c->stages[i].name_en && !c->stages[i].name_ru)
            v->unnamed_stages++;
    for (size_t i = 0; i < c->n_members; i++)
        if (c->members[i].stage_index == CS_CHAIN_NONE)
            v->unknown_stage++;
    for (size_t i = 0; i < c->n_projects; i++)
        if (c->projects[i].participants > (long)c->projects[i].n_members)
            v->projects_short++;
    *out = v;
    return 0;
}

int cs_service_chain_clusters(char ***out, size_t *n, cs_service *svc)
{
    return cs_store_chain_clusters(out, n, svc->store);
}

/* ---- the related-cluster network ---- */

typedef struct {
    cs_cluster_list *clusters; /* the strings point into it */
    size_t *table_index;       /* per network vertex: its category's index in the table */
} related_internal;

void cs_related_network_free(cs_related_network *r)
{
    if (!r)
        return;
    related_internal *in = r->internal;
    if (in) {
        cs_cluster_list_free(in->clusters);
        free(in->table_index);
        free(in);
    }
    free(r->cluster);
    free(r->name);
    free(r->category);
    free(r->unmapped);
    free(r->from);
    free(r->to);
    free(r->strength);
    free(r->same);
    cs_network_measures_free(r->measures);
    free(r);
}

size_t cs_related_network_find(const cs_related_network *r, const char *key)
{
    for (size_t i = 0; r && key && i < r->n; i++)
        if (strcmp(r->cluster[i], key) == 0)
            return i;
    return CS_CHAIN_NONE;
}

static size_t category_find(const cs_related_table *t, const char *s)
{
    for (size_t i = 0; s && *s && i < t->n; i++)
        if (strcmp(t->key[i], s) == 0)
            return i;
    return CS_CHAIN_NONE;
}

static int edges_grow(cs_related_network *r, size_t *cap)
{
    size_t c = *cap ? *cap * 2 : 64;
    size_t *from = realloc(r->from, c * sizeof *from);
    if (from)
        r->from = from;
    size_t *to = from ? realloc(r->to, c * sizeof *to) : NULL;
    if (to)
        r->to = to;
    double *strength = to ? realloc(r->strength, c * sizeof *strength) : NULL;
    if (strength)
        r->strength = strength;
    unsigned char *same = strength ? realloc(r->same, c) : NULL;
    if (!same)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu related pairs", c);
    r->same = same;
    *cap = c;
    return 0;
}

int cs_service_related_network(cs_related_network **out, cs_service *svc,
                               const cs_related_table *table)
{
    *out = NULL;
    cs_related_network *r = calloc(1, sizeof *r);
    related_internal *in = calloc(1, sizeof *in);
    if (!r || !in) {
        free(r);
        free(in);
        return cs_error_set(CS_ENOMEM, "out of memory for the related-cluster network");
    }
    r->internal = in;
    int rc = cs_store_clusters(&in->clusters, svc->store, NULL);
    if (rc) {
        cs_related_network_free(r);
        return rc;
    }
    size_t nc = cs_cluster_list_count(in->clusters), cells = nc ? nc : 1;
    r->cluster = malloc(cells * sizeof *r->cluster);
    r->name = malloc(cells * sizeof *r->name);
    r->category = malloc(cells * sizeof *r->category);
    r->unmapped = malloc(cells * sizeof *r->unmapped);
    in->table_index = malloc(cells * sizeof *in->table_index);
    if (!r->cluster || !r->name || !r->category || !r->unmapped || !in->table_index) {
        cs_related_network_free(r);
        return cs_error_set(CS_ENOMEM,
                            "out of memory for the related-cluster network of %zu "
                            "clusters",
                            nc);
    }
    /* the list is sorted by key, so both lists come out sorted */
    for (size_t i = 0; i < nc; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(in->clusters, i);
        size_t k = category_find(table, ci->specialisation);
        if (k == CS_CHAIN_NONE) {
            r->unmapped[r->n_unmapped++] = ci->key;
            continue;
        }
        r->cluster[r->n] = ci->key;
        r->name[r->n] = ci->name_en;
        r->category[r->n] = table->key[k];
        in->table_index[r->n] = k;
        r->n++;
    }
    size_t cap = 0;
    for (size_t a = 0; a < r->n; a++)
        for (size_t b = a + 1; b < r->n; b++) {
            size_t ka = in->table_index[a], kb = in->table_index[b];
            int same = ka == kb;
            if (!same && !table->related[ka * table->n + kb])
                continue;
            if (r->m == cap && (rc = edges_grow(r, &cap)) != 0) {
                cs_related_network_free(r);
                return rc;
            }
            r->from[r->m] = a;
            r->to[r->m] = b;
            r->same[r->m] = (unsigned char)same;
            r->strength[r->m] = same ? NAN : table->strength[ka * table->n + kb];
            r->m++;
        }
    rc = cs_network_measure(&r->measures, r->n, r->from, r->to, r->m, 0);
    if (rc) {
        cs_related_network_free(r);
        return rc;
    }
    *out = r;
    return 0;
}
