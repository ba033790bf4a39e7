/*
 * network.c: graph measures on plain arrays through igraph (network.h). igraph keeps its error
 * handler, warning handler and the stack of objects to free on error in globals (Debian builds
 * it without thread-local storage), so every call here runs under one mutex, with handlers of
 * our own that keep igraph's reason instead of printing it or aborting, and the caller's
 * handlers put back afterwards.
 */
#include "clusterscope/network.h"

#include "clusterscope/error.h"

#include <igraph.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t igraph_lock = PTHREAD_MUTEX_INITIALIZER;
/* igraph's last reason, written by on_error under igraph_lock */
static char igraph_reason[256];
static igraph_error_t igraph_code;

static void on_error(const char *reason, const char *file, int line, igraph_error_t err)
{
    (void)file;
    (void)line;
    /* the reason may live in memory IGRAPH_FINALLY_FREE releases: copy it first */
    snprintf(igraph_reason, sizeof igraph_reason, "%s", reason ? reason : "");
    igraph_code = err;
    IGRAPH_FINALLY_FREE();
}

static void on_warning(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}

static int fail(igraph_error_t err, const char *what)
{
    if (err == IGRAPH_ENOMEM || igraph_code == IGRAPH_ENOMEM)
        return cs_error_set(CS_ENOMEM, "igraph: out of memory in %s", what);
    return cs_error_set(CS_ERROR, "igraph: %s failed: %s (%s)", what,
                        igraph_reason[0] ? igraph_reason : "no reason given", igraph_strerror(err));
}

void cs_network_measures_free(cs_network_measures *r)
{
    if (!r)
        return;
    free(r->component);
    free(r->component_size);
    free(r->degree);
    free(r->in_degree);
    free(r->out_degree);
    free(r->betweenness);
    free(r->betweenness_norm);
    free(r);
}

static int degrees(size_t *out, const igraph_t *g, igraph_neimode_t mode, size_t n)
{
    igraph_vector_int_t d;
    igraph_error_t err = igraph_vector_int_init(&d, 0);
    if (err != IGRAPH_SUCCESS)
        return fail(err, "igraph_vector_int_init");
    err = igraph_degree(g, &d, igraph_vss_all(), mode, 1);
    if (err != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&d);
        return fail(err, "igraph_degree");
    }
    for (size_t v = 0; v < n; v++)
        out[v] = (size_t)VECTOR(d)[v];
    igraph_vector_int_destroy(&d);
    return 0;
}

/* The measures of G (already built) into R; igraph_lock held. */
static int measure_graph(cs_network_measures *r, const igraph_t *g)
{
    size_t n = r->n;
    int rc = degrees(r->degree, g, IGRAPH_ALL, n);
    if (rc == 0)
        rc = degrees(r->in_degree, g, IGRAPH_IN, n);
    if (rc == 0)
        rc = degrees(r->out_degree, g, IGRAPH_OUT, n);
    if (rc != 0)
        return rc;
    for (size_t v = 0; v < n; v++) {
        if (r->degree[v] == 0)
            r->isolated++;
        if (r->degree[v] > r->max_degree)
            r->max_degree = r->degree[v];
    }

    r->density = NAN;
    if (n >= 2) {
        igraph_real_t d;
        igraph_error_t err = igraph_density(g, &d, 0);
        if (err != IGRAPH_SUCCESS)
            return fail(err, "igraph_density");
        r->density = d;
    }

    igraph_vector_t b;
    igraph_error_t err = igraph_vector_init(&b, 0);
    if (err != IGRAPH_SUCCESS)
        return fail(err, "igraph_vector_init");
    err = igraph_betweenness(g, &b, igraph_vss_all(), r->directed, NULL);
    if (err != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&b);
        return fail(err, "igraph_betweenness");
    }
    double pairs = n >= 3 ? (double)(n - 1) * (double)(n - 2) : 0;
    double scale = pairs > 0 ? (r->directed ? 1.0 : 2.0) / pairs : 0;
    for (size_t v = 0; v < n; v++) {
        r->betweenness[v] = VECTOR(b)[v];
        r->betweenness_norm[v] = VECTOR(b)[v] * scale;
    }
    igraph_vector_destroy(&b);

    igraph_vector_int_t memb, csize;
    igraph_integer_t no = 0;
    err = igraph_vector_int_init(&memb, 0);
    if (err != IGRAPH_SUCCESS)
        return fail(err, "igraph_vector_int_init");
    err = igraph_vector_int_init(&csize, 0);
    if (err != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&memb);
        return fail(err, "igraph_vector_int_init");
    }
    err = igraph_connected_components(g, &memb, &csize, &no, IGRAPH_WEAK);
    if (err != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&memb);
        igraph_vector_int_destroy(&csize);
        return fail(err, "igraph_connected_components");
    }
    r->components = (size_t)no;
    rc = 0;
    /* igraph's numbering as it stands is an implementation detail: renumber by lowest vertex */
    size_t *renum = malloc((r->components ? r->components : 1) * sizeof *renum);
    r->component_size = calloc(r->components ? r->components : 1, sizeof *r->component_size);
    if (!renum || !r->component_size) {
        rc = cs_error_set(CS_ENOMEM, "out of memory for %zu components", r->components);
    } else {
        for (size_t c = 0; c < r->components; c++)
            renum[c] = SIZE_MAX;
        size_t next = 0;
        for (size_t v = 0; v < n; v++) {
            size_t c = (size_t)VECTOR(memb)[v];
            if (renum[c] == SIZE_MAX)
                renum[c] = next++;
            r->component[v] = renum[c];
            r->component_size[renum[c]]++;
        }
        for (size_t c = 0; c < r->components; c++)
            if (r->component_size[c] > r->largest)
                r->largest = r->component_size[c];
    }
    free(renum);
    igraph_vector_int_destroy(&memb);
    igraph_vector_int_destroy(&csize);
    return rc;
}

int cs_network_measure(cs_network_measures **out, size_t n, const size_t *from, const size_t *to,
                       size_t m, int directed)
{
    *out = NULL;
    if ((m > 0 && (!from || !to)) || n > (size_t)IGRAPH_INTEGER_MAX / 2 ||
        m > (size_t)IGRAPH_INTEGER_MAX / 2)
        return cs_error_set(CS_EUSAGE,
                            "a graph of %zu vertices and %zu edges: no edge arrays, or "
                            "more than igraph holds",
                            n, m);
    for (size_t e = 0; e < m; e++)
        if (from[e] >= n || to[e] >= n)
            return cs_error_set(CS_EUSAGE,
                                "edge %zu: expected vertex numbers below %zu, found %zu -- %zu", e,
                                n, from[e], to[e]);
    cs_network_measures *r = calloc(1, sizeof *r);
    size_t cells = n ? n : 1;
    if (r) {
        r->n = n;
        r->m = m;
        r->directed = directed != 0;
        r->component = calloc(cells, sizeof *r->component);
        r->degree = calloc(cells, sizeof *r->degree);
        r->in_degree = calloc(cells, sizeof *r->in_degree);
        r->out_degree = calloc(cells, sizeof *r->out_degree);
        r->betweenness = calloc(cells, sizeof *r->betweenness);
        r->betweenness_norm = calloc(cells, sizeof *r->betweenness_norm);
    }
    if (!r || !r->component || !r->degree || !r->in_degree || !r->out_degree || !r->betweenness ||
        !r->betweenness_norm) {
        cs_network_measures_free(r);
        return cs_error_set(CS_ENOMEM, "out of memory for the measures of %zu vertices", n);
    }

    pthread_mutex_lock(&igraph_lock);
    igraph_error_handler_t *old_error = igraph_set_error_handler(on_error);
    igraph_warning_handler_t *old_warning = igraph_set_warning_handler(on_warning);
    igraph_reason[0] = '\0';
    igraph_code = IGRAPH_SUCCESS;

    int rc = 0;
    igraph_vector_int_t edges;
    igraph_error_t err = igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m));
    if (err != IGRAPH_SUCCESS) {
        rc = fail(err, "igraph_vector_int_init");
    } else {
        for (size_t e = 0; e < m; e++) {
            VECTOR(edges)[2 * e] = (igraph_integer_t)from[e];
            VECTOR(edges)[2 * e + 1] = (igraph_integer_t)to[e];
        }
        igraph_t g;
        err = igraph_create(&g, &edges, (igraph_integer_t)n, r->directed);
        igraph_vector_int_destroy(&edges);
        if (err != IGRAPH_SUCCESS) {
            rc = fail(err, "igraph_create");
        } else {
            rc = measure_graph(r, &g);
            igraph_destroy(&g);
        }
    }

    igraph_set_error_handler(old_error);
    igraph_set_warning_handler(old_warning);
    pthread_mutex_unlock(&igraph_lock);
    if (rc != 0) {
        cs_network_measures_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

const char *cs_network_igraph_version(void)
{
    const char *s = NULL;
    igraph_version(&s, NULL, NULL, NULL);
    return s ? s : "";
}
