/*
 * test_network.c: the measures of network.h on small graphs worked by hand (in the comments): a
 * path, a star, two components and an isolated vertex, a directed chain and a directed star
 * (betweenness follows the direction), parallel edges and a loop, empty graphs, and the refusal
 * of a vertex number out of range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/network.h"

#include <math.h>
#include <string.h>

#define EPS 1e-12

static cs_network_measures *measure(size_t n, const size_t *from, const size_t *to, size_t m,
                                    int directed)
{
    cs_network_measures *r = NULL;
    assert_int_equal(cs_network_measure(&r, n, from, to, m, directed), 0);
    assert_non_null(r);
    assert_int_equal(r->n, n);
    assert_int_equal(r->m, m);
    return r;
}

static void test_path(void **state)
{
    (void)state;
    /* 0 - 1 - 2 - 3 */
    const size_t from[] = { 0, 1, 2 }, to[] = { 1, 2, 3 };
    cs_network_measures *r = measure(4, from, to, 3, 0);
    const size_t deg[] = { 1, 2, 2, 1 };
    for (size_t v = 0; v < 4; v++) {
        assert_int_equal(r->degree[v], deg[v]);
        assert_int_equal(r->in_degree[v], deg[v]);
        assert_int_equal(r->out_degree[v], deg[v]);
    }
    /* 3 edges of 4 * 3 / 2 = 6 pairs */
    assert_float_equal(r->density, 0.5, EPS);
    /* vertex 1 lies on the only path of {0,2} and {0,3}: 2; so does 2 for {0,3} and {1,3} */
    const double bw[] = { 0, 2, 2, 0 };
    for (size_t v = 0; v < 4; v++) {
        assert_float_equal(r->betweenness[v], bw[v], EPS);
        /* normalised: 2 * 2 / (3 * 2) = 2/3 */
        assert_float_equal(r->betweenness_norm[v], bw[v] * 2.0 / 6.0, EPS);
    }
    assert_int_equal(r->components, 1);
    assert_int_equal(r->largest, 4);
    assert_int_equal(r->isolated, 0);
    assert_int_equal(r->max_degree, 2);
    cs_network_measures_free(r);
}

static void test_star(void **state)
{
    (void)state;
    /* centre 0, leaves 1..4 */
    const size_t from[] = { 0, 0, 0, 0 }, to[] = { 1, 2, 3, 4 };
    cs_network_measures *r = measure(5, from, to, 4, 0);
    assert_int_equal(r->degree[0], 4);
    for (size_t v = 1; v < 5; v++) {
        assert_int_equal(r->degree[v], 1);
        assert_float_equal(r->betweenness[v], 0, EPS);
    }
    /* the centre is on every path between the C(4,2) = 6 pairs of leaves */
    assert_float_equal(r->betweenness[0], 6, EPS);
    assert_float_equal(r->betweenness_norm[0], 1, EPS);
    /* 4 of 10 pairs */
    assert_float_equal(r->density, 0.4, EPS);
    assert_int_equal(r->max_degree, 4);
    cs_network_measures_free(r);
}

static void test_components(void **state)
{
    (void)state;
    /* a triangle 1-3-5, an edge 0-4, vertex 2 alone: components numbered by lowest vertex */
    const size_t from[] = { 1, 3, 5, 0 }, to[] = { 3, 5, 1, 4 };
    cs_network_measures *r = measure(6, from, to, 4, 0);
    assert_int_equal(r->components, 3);
    const size_t comp[] = { 0, 1, 2, 1, 0, 1 };
    for (size_t v = 0; v < 6; v++)
        assert_int_equal(r->component[v], comp[v]);
    assert_int_equal(r->component_size[0], 2);
    assert_int_equal(r->component_size[1], 3);
    assert_int_equal(r->component_size[2], 1);
    assert_int_equal(r->largest, 3);
    assert_int_equal(r->isolated, 1);
    assert_int_equal(r->degree[2], 0);
    /* 4 of 15 pairs; no vertex is between two others (a triangle has a direct edge) */
    assert_float_equal(r->density, 4.0 / 15.0, EPS);
    for (size_t v = 0; v < 6; v++)
        assert_float_equal(r->betweenness[v], 0, EPS);
    cs_network_measures_free(r);
}

static void test_directed_chain(void **state)
{
    (void)state;
    /* 0 -> 1 -> 2 -> 3 */
    const size_t from[] = { 0, 1, 2 }, to[] = { 1, 2, 3 };
    cs_network_measures *r = measure(4, from, to, 3, 1);
    const size_t out[] = { 1, 1, 1, 0 }, in[] = { 0, 1, 1, 1 }, all[] = { 1, 2, 2, 1 };
    for (size_t v = 0; v < 4; v++) {
        assert_int_equal(r->out_degree[v], out[v]);
        assert_int_equal(r->in_degree[v], in[v]);
        assert_int_equal(r->degree[v], all[v]);
    }
    /* 3 arcs of 4 * 3 = 12 ordered pairs */
    assert_float_equal(r->density, 0.25, EPS);
    /* 1 is on 0->2 and 0->3, 2 on 0->3 and 1->3: raw 2, normalised 2 / (3 * 2) */
    assert_float_equal(r->betweenness[1], 2, EPS);
    assert_float_equal(r->betweenness[2], 2, EPS);
    assert_float_equal(r->betweenness_norm[1], 1.0 / 3.0, EPS);
    assert_float_equal(r->betweenness[0], 0, EPS);
    assert_float_equal(r->betweenness[3], 0, EPS);
    /* weakly connected: one component */
    assert_int_equal(r->components, 1);
    cs_network_measures_free(r);
}

static void test_directed_star(void **state)
{
    (void)state;
    /* 1 -> 0, 2 -> 0, 3 -> 0: no directed path passes through 0; undirected, 3 pairs do */
    const size_t from[] = { 1, 2, 3 }, to[] = { 0, 0, 0 };
    cs_network_measures *r = measure(4, from, to, 3, 1);
    assert_float_equal(r->betweenness[0], 0, EPS);
    assert_int_equal(r->in_degree[0], 3);
    assert_int_equal(r->out_degree[0], 0);
    assert_int_equal(r->out_degree[1], 1);
    cs_network_measures_free(r);
    r = measure(4, from, to, 3, 0);
    assert_float_equal(r->betweenness[0], 3, EPS);
    assert_float_equal(r->betweenness_norm[0], 1, EPS);
    cs_network_measures_free(r);
}

static void test_parallel_and_loop(void **state)
{
    (void)state;
    /* 0 = 1 twice, and a loop at 2: a loop adds 2 to its vertex's degree */
    const size_t from[] = { 0, 0, 2 }, to[] = { 1, 1, 2 };
    cs_network_measures *r = measure(3, from, to, 3, 0);
    assert_int_equal(r->degree[0], 2);
    assert_int_equal(r->degree[1], 2);
    assert_int_equal(r->degree[2], 2);
    assert_int_equal(r->components, 2);
    assert_int_equal(r->isolated, 0);
    cs_network_measures_free(r);
}

static void test_small(void **state)
{
    (void)state;
    cs_network_measures *r = measure(0, NULL, NULL, 0, 0);
    assert_int_equal(r->components, 0);
    assert_true(isnan(r->density));
    cs_network_measures_free(r);
    r = measure(1, NULL, NULL, 0, 1);
    assert_int_equal(r->components, 1);
    assert_int_equal(r->largest, 1);
    assert_int_equal(r->isolated, 1);
    assert_true(isnan(r->density));
    assert_float_equal(r->betweenness_norm[0], 0, EPS);
    cs_network_measures_free(r);
    /* two vertices, no edge: density 0, two components */
    r = measure(2, NULL, NULL, 0, 0);
    assert_float_equal(r->density, 0, EPS);
    assert_int_equal(r->components, 2);
    cs_network_measures_free(r);
}

static void test_bad_vertex(void **state)
{
    (void)state;
    const size_t from[] = { 0, 1 }, to[] = { 1, 3 };
    cs_network_measures *r = (cs_network_measures *)1;
    assert_int_equal(cs_network_measure(&r, 3, from, to, 2, 0), CS_EUSAGE);
    assert_null(r);
    assert_non_null(
        strstr(cs_error_last(), "edge 1: expected vertex numbers below 3, found 1 -- 3"));
    assert_int_equal(cs_network_measure(&r, 3, NULL, NULL, 1, 0), CS_EUSAGE);
    /* the library's version string names igraph 0.x or later */
    assert_true(strlen(cs_network_igraph_version()) >= 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path),          cmocka_unit_test(test_star),
        cmocka_unit_test(test_components),    cmocka_unit_test(test_directed_chain),
        cmocka_unit_test(test_directed_star), cmocka_unit_test(test_parallel_and_loop),
        cmocka_unit_test(test_small),         cmocka_unit_test(test_bad_vertex),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
