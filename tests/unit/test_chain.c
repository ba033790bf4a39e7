/*
 * test_chain.c: a cluster's value chain read through the service (store_chain.c,
 * service_chain.c): members ordered by stage position with those without a known stage last,
 * a project's stages in the chain's order with a stage the chain does not define last, the
 * counts of what is unknown, links merged into edges (undirected) or arcs (directed), the
 * clusters that define a chain, and an unknown cluster refused as bad data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "store_test_util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* The records, imported as a user brings them (a JSON registry document through the service's
 * import, with every check): zeta at stage one, alpha at two, beta none, gamma none (made 'zz'
 * below), delta at one; project p with stages two and one (and 'sx' below); zeta-alpha three
 * times (supply both ways and research), alpha -> beta supply. */
static const char *const records =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
    " \"countries\": [{\"code\": \"RU\", \"name_en\": \"Russia\"}],\n"
    " \"sources\": [{\"key\": \"s\", \"title\": \"Test\"}],\n"
    " \"clusters\": [{\"key\": \"k\", \"name_en\": \"K\", \"country\": \"RU\"},\n"
    "   {\"key\": \"plain\", \"name_en\": \"Plain\", \"country\": \"RU\"},\n"
    "   {\"key\": \"linked\", \"name_en\": \"Linked\", \"country\": \"RU\"}],\n"
    " \"organisations\": [{\"key\": \"zeta\", \"name\": \"Z\", \"type\": \"other\"},\n"
    "   {\"key\": \"alpha\", \"name\": \"A\", \"type\": \"other\"},\n"
    "   {\"key\": \"beta\", \"name\": \"B\", \"type\": \"other\"},\n"
    "   {\"key\": \"gamma\", \"name\": \"G\", \"type\": \"other\"},\n"
    "   {\"key\": \"delta\", \"name\": \"D\", \"type\": \"other\"}],\n"
    " \"memberships\": [\n"
    "   {\"cluster\": \"k\", \"organisation\": \"zeta\", \"role\": \"anchor\", "
    "\"value_chain_stage\": \"one\"},\n"
    "   {\"cluster\": \"k\", \"organisation\": \"alpha\", \"role\": \"member\", "
    "\"value_chain_stage\": \"two\"},\n"
    "   {\"cluster\": \"k\", \"organisation\": \"beta\", \"role\": \"member\"},\n"
    "   {\"cluster\": \"k\", \"organisation\": \"gamma\", \"role\": \"member\"},\n"
    "   {\"cluster\": \"k\", \"organisation\": \"delta\", \"role\": \"member\", "
    "\"value_chain_stage\": \"one\"}],\n"
    " \"chain_stages\": [{\"cluster\": \"k\", \"stage\": \"two\", \"position\": 2, "
    "\"name_en\": \"Two\"},\n"
    "   {\"cluster\": \"k\", \"stage\": \"one\", \"position\": 1}],\n"
    " \"projects\": [{\"key\": \"p\", \"cluster\": \"k\", \"name_en\": \"P\", \"participants\": "
    "7},\n"
    "   {\"key\": \"q\", \"cluster\": \"k\", \"name_en\": \"Q\"}],\n"
    " \"project_members\": [{\"project\": \"p\", \"organisation\": \"zeta\"},\n"
    "   {\"project\": \"p\", \"organisation\": \"alpha\"}],\n"
    " \"project_stages\": [{\"project\": \"p\", \"stage\": \"two\"}, {\"project\": \"p\", "
    "\"stage\": \"one\"}],\n"
    " \"links\": [\n"
    "   {\"cluster\": \"k\", \"source_org\": \"zeta\", \"target_org\": \"alpha\", \"kind\": "
    "\"supply\", \"source\": \"s\"},\n"
    "   {\"cluster\": \"k\", \"source_org\": \"alpha\", \"target_org\": \"zeta\", \"kind\": "
    "\"supply\", \"source\": \"s\"},\n"
    "   {\"cluster\": \"k\", \"source_org\": \"zeta\", \"target_org\": \"alpha\", \"kind\": "
    "\"research\", \"source\": \"s\"},\n"
    "   {\"cluster\": \"k\", \"source_org\": \"alpha\", \"target_org\": \"beta\", \"kind\": "
    "\"supply\", \"source\": \"s\"}]}\n";

/* States the import refuses, which a reader must still survive (an older registry, or one
 * written by another tool, may hold them): so SQL is the only way to make them. A member at a
 * stage the chain does not define (gamma at 'zz'), a project stage the chain does not define
 * ('sx'), and a link of cluster "linked" between organisations that are not its members. */
static const char *const refused_states =
    "UPDATE membership SET value_chain_stage = 'zz' WHERE organisation_id = "
    "(SELECT id FROM organisation WHERE key = 'gamma');"
    "INSERT INTO project_stage (project, stage) VALUES ('p', 'sx');"
    "INSERT INTO link (cluster, source_org, target_org, kind, source) VALUES "
    "('linked', 'alpha', 'beta', 'other', 's');";

typedef struct {
    char *dir, *path;
    cs_service *svc;
} chain_fixture;

static int setup(void **state)
{
    chain_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "chain.db");
    assert_int_equal(cs_service_create(f->path), 0);
    if (st_import_json(NULL, f->path, f->dir, "chain.json", records))
        fail_msg("importing the records: %s", cs_error_last());
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    char *err = NULL;
    int rc = sqlite3_exec(db, refused_states, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fail_msg("%s", err);
    sqlite3_close(db);
    assert_int_equal(cs_service_open(&f->svc, f->path, CS_SERVICE_READ), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    chain_fixture *f = *state;
    cs_service_close(f->svc);
    free(f->path);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

static void test_order_and_unknowns(void **state)
{
    chain_fixture *f = *state;
    cs_chain_view *v = NULL;
    assert_int_equal(cs_service_chain(&v, f->svc, "k", 0), 0);
    const cs_chain *c = v->chain;
    assert_int_equal(c->n_stages, 2);
    assert_string_equal(c->stages[0].key, "one");
    assert_null(c->stages[0].name_en);
    assert_int_equal(v->unnamed_stages, 1);
    /* stage one (delta, zeta by key), two (alpha), then unknown (beta, gamma by key) */
    const char *want[] = { "delta", "zeta", "alpha", "beta", "gamma" };
    assert_int_equal(c->n_members, 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(c->members[i].organisation, want[i]);
    assert_int_equal(c->members[0].stage_index, 0);
    assert_int_equal(c->members[2].stage_index, 1);
    assert_true(c->members[3].stage_index == CS_CHAIN_NONE && !c->members[3].stage);
    assert_true(c->members[4].stage_index == CS_CHAIN_NONE);
    assert_string_equal(c->members[4].stage, "zz");
    assert_int_equal(v->unknown_stage, 2);
    /* projects by key; p's stages in the chain's order, sx (not a stage) last */
    assert_int_equal(c->n_projects, 2);
    const cs_chain_project *p = &c->projects[0];
    assert_string_equal(p->key, "p");
    assert_int_equal(p->n_stages, 3);
    assert_string_equal(p->stages[0], "one");
    assert_string_equal(p->stages[1], "two");
    assert_string_equal(p->stages[2], "sx");
    assert_int_equal(p->n_members, 2);
    assert_string_equal(p->members[0].organisation, "alpha");
    assert_int_equal(p->members[0].member, 2);
    assert_int_equal(p->participants, 7);
    assert_int_equal(c->projects[1].participants, -1);
    assert_int_equal(v->projects_short, 1); /* 7 stated, 2 named; q states none */
    /* links by source, target, kind; supply directed */
    assert_int_equal(c->n_links, 4);
    assert_string_equal(c->links[0].source_org, "alpha");
    assert_string_equal(c->links[0].target_org, "beta");
    assert_true(c->links[0].directed);
    assert_string_equal(c->links[3].kind, "supply");
    assert_string_equal(c->links[2].kind, "research");
    assert_false(c->links[2].directed);
    /* undirected: zeta-alpha once, alpha-beta: 2 edges, between member indices */
    assert_int_equal(v->n_edges, 2);
    assert_int_equal(v->edge_from[0], 1); /* zeta (1) - alpha (2) */
    assert_int_equal(v->edge_to[0], 2);
    assert_int_equal(v->edge_from[1], 2); /* alpha (2) - beta (3) */
    assert_int_equal(v->edge_to[1], 3);
    assert_int_equal(v->measures->n, 5);
    assert_int_equal(v->measures->components, 3); /* {zeta, alpha, beta}, {delta}, {gamma} */
    assert_int_equal(v->measures->isolated, 2);
    assert_int_equal(v->links_outside, 0);
    cs_chain_view_free(v);

    /* directed: zeta->alpha, alpha->zeta (supply both ways; research both ways adds none),
     * alpha->beta: 3 arcs */
    assert_int_equal(cs_service_chain(&v, f->svc, "k", 1), 0);
    assert_int_equal(v->n_edges, 3);
    assert_int_equal(v->measures->m, 3);
    assert_int_equal(v->measures->out_degree[2], 2); /* alpha */
    assert_int_equal(v->measures->in_degree[3], 1);  /* beta */
    cs_chain_view_free(v);
}

static void test_clusters_and_refusal(void **state)
{
    chain_fixture *f = *state;
    char **keys = NULL;
    size_t n = 0;
    assert_int_equal(cs_service_chain_clusters(&keys, &n, f->svc), 0);
    assert_int_equal(n, 2);
    assert_string_equal(keys[0], "k");
    assert_string_equal(keys[1], "linked");
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);

    /* a cluster that defines nothing: empty lists, a network of no vertices */
    cs_chain_view *v = NULL;
    assert_int_equal(cs_service_chain(&v, f->svc, "plain", 0), 0);
    assert_int_equal(v->chain->n_stages + v->chain->n_members + v->chain->n_links, 0);
    assert_int_equal(v->measures->n, 0);
    cs_chain_view_free(v);

    /* links whose organisations are no members of "linked": left out and counted */
    assert_int_equal(cs_service_chain(&v, f->svc, "linked", 0), 0);
    assert_int_equal(v->links_outside, 1);
    assert_int_equal(v->n_edges, 0);
    cs_chain_view_free(v);

    v = (cs_chain_view *)1;
    assert_int_equal(cs_service_chain(&v, f->svc, "nope", 0), CS_EDATA);
    assert_null(v);
    assert_non_null(strstr(cs_error_last(), "no cluster with key 'nope' in the registry"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order_and_unknowns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clusters_and_refusal, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
