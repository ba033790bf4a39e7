/*
 * network.h: measures of a graph given as plain arrays (n vertices numbered 0..n-1, m edges as
 * pairs of vertex numbers), computed by igraph's C library. Knows nothing of the registry: the
 * service turns a cluster's members and links into these arrays.
 *
 * Ownership: cs_network_measure() hands the caller a cs_network_measures that owns every array
 * it points to and is released with cs_network_measures_free(). The edge arrays are borrowed.
 */
#ifndef CLUSTERSCOPE_NETWORK_H
#define CLUSTERSCOPE_NETWORK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Everything is of the graph exactly as given: a pair given twice is two edges (parallel
 * edges), an edge from a vertex to itself is a loop (it adds 2 to the vertex's degree, as in
 * igraph). Per-vertex arrays have n entries, in vertex order.
 */
typedef struct {
    size_t n, m;  /* vertices and edges */
    int directed; /* edges read from -> to; 0: both ways */
    /* igraph_density(loops = false): m / (n (n - 1)) directed, 2 m / (n (n - 1)) undirected;
     * NaN for n < 2 (no pair of vertices) */
    double density;
    size_t components; /* connected components, weak for a directed graph (igraph
                          IGRAPH_WEAK); 0 for n = 0 */
    size_t largest;    /* vertices of the largest component */
    size_t isolated;   /* vertices of degree 0 */
    size_t max_degree; /* the largest degree (all) */
    /* per vertex: its component, numbered from 0 in the order of each component's lowest
     * vertex (so vertex 0 is in component 0) */
    size_t *component;
    size_t *component_size; /* per component: its vertices */
    /* per vertex: igraph_degree with IGRAPH_ALL, IGRAPH_IN and IGRAPH_OUT (loops counted); an
     * undirected graph has in = out = all */
    size_t *degree, *in_degree, *out_degree;
    /* per vertex: igraph_betweenness (unweighted; along the edges' direction for a directed
     * graph): raw = the sum over pairs s, t (ordered when directed, unordered when not; s, t
     * other than the vertex) of the share of the shortest s-t paths through the vertex;
     * normalised = raw / ((n - 1)(n - 2)) directed, raw * 2 / ((n - 1)(n - 2)) undirected, so
     * the centre of a star is 1; 0 for n < 3 */
    double *betweenness, *betweenness_norm;
} cs_network_measures;

/*
 * Measures the graph of N vertices and M edges FROM[e] -- TO[e] (DIRECTED: FROM[e] -> TO[e]).
 * CS_EUSAGE for a vertex number not below N or a graph larger than igraph's integers; an error
 * igraph reports comes back as CS_ERROR (CS_ENOMEM when out of memory) with igraph's reason;
 * nothing is printed. Safe to call from several threads (igraph's calls are serialised).
 */
int cs_network_measure(cs_network_measures **out, size_t n, const size_t *from, const size_t *to,
                       size_t m, int directed);
void cs_network_measures_free(cs_network_measures *r);

/* The version of the igraph library linked ("0.10.2"), for the documents that cite it. */
const char *cs_network_igraph_version(void);

#ifdef __cplusplus
}
#endif
#endif
