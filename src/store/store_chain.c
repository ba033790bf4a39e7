/*
 * store_chain.c: a cluster's value chain as the registry holds it (schema 12): chain_stage,
 * its memberships' roles and stages, project with project_member and project_stage, and link.
 * Every list comes out in one order (store.h), so what is drawn or written from it is the same
 * bytes on every run.
 */
#include "clusterscope/store.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"
#include "util/strpool.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_store *store;
    cs_chain *c;
    cs_strpool *pool;
    const char *what;
} reader;

/* A copy of column I in the pool; NULL for NULL (and for "" when EMPTY_NULL). */
static int col(const char **out, reader *r, sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    *out = NULL;
    if (!s)
        return 0;
    *out = cs_strpool_add(r->pool, (const char *)s, (size_t)sqlite3_column_bytes(st, i));
    return *out ? 0 : CS_ENOMEM;
}

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 8;
    void *p = realloc(*arr, c * size);
    if (!p)
        return cs_error_set(CS_ENOMEM, "out of memory reading a value chain");
    *arr = p;
    *cap = c;
    return 0;
}

static int prepare(sqlite3_stmt **st, reader *r, const char *sql)
{
    if (sqlite3_prepare_v2(cs_store_db(r->store), sql, -1, st, NULL) != SQLITE_OK)
        return cs_store_fail(r->store, r->what);
    sqlite3_bind_text(*st, 1, r->c->cluster, -1, SQLITE_STATIC);
    return 0;
}

static int finish(reader *r, sqlite3_stmt *st, int step, int rc)
{
    if (rc == 0 && step != SQLITE_DONE)
        rc = cs_store_fail(r->store, r->what);
    sqlite3_finalize(st);
    return rc;
}

static int read_cluster(reader *r, const char *key)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(r->store),
                           "SELECT key, name_en, name_ru FROM cluster WHERE key = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return cs_store_fail(r->store, r->what);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = 0;
    if (step == SQLITE_ROW) {
        rc = col(&r->c->cluster, r, st, 0);
        if (!rc)
            rc = col(&r->c->name_en, r, st, 1);
        if (!rc)
            rc = col(&r->c->name_ru, r, st, 2);
        step = SQLITE_DONE;
    } else if (step == SQLITE_DONE) {
        sqlite3_finalize(st);
        return cs_error_set(CS_ENOTFOUND, "%s: no cluster with key '%s'", cs_store_path(r->store),
                            key);
    }
    if (rc == CS_ENOMEM)
        rc = cs_error_set(CS_ENOMEM, "out of memory reading a value chain");
    return finish(r, st, step, rc);
}

static int read_stages(reader *r)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(&st, r,
                     "SELECT stage, position, name_en, name_ru, source, locator, quote, note "
                     "FROM chain_stage WHERE cluster = ?1 ORDER BY position, stage");
    if (rc)
        return rc;
    size_t cap = 0;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = grow((void **)&r->c->stages, &cap, r->c->n_stages, sizeof *r->c->stages);
        if (rc)
            break;
        cs_chain_stage *s = &r->c->stages[r->c->n_stages++];
        memset(s, 0, sizeof *s);
        rc = cs_store_column_int(&s->position, st, 1, 0, "chain_stage.position");
        if (!rc)
            rc = col(&s->key, r, st, 0) || col(&s->name_en, r, st, 2) ||
                         col(&s->name_ru, r, st, 3) || col(&s->source, r, st, 4) ||
                         col(&s->locator, r, st, 5) || col(&s->quote, r, st, 6) ||
                         col(&s->note, r, st, 7)
                     ? cs_error_set(CS_ENOMEM, "out of memory reading a value chain")
                     : 0;
    }
    return finish(r, st, rc ? SQLITE_DONE : step, rc);
}

static size_t stage_index(const cs_chain *c, const char *key)
{
    if (!key)
        return CS_CHAIN_NONE;
    for (size_t i = 0; i < c->n_stages; i++)
        if (strcmp(c->stages[i].key, key) == 0)
            return i;
    return CS_CHAIN_NONE;
}

static int member_order(const void *a, const void *b)
{
    const cs_chain_member *x = a, *y = b;
    if (x->stage_index != y->stage_index)
        return x->stage_index < y->stage_index ? -1 : 1; /* CS_CHAIN_NONE is the largest */
    return strcmp(x->organisation, y->organisation);
}

static int read_members(reader *r)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(&st, r,
                     "SELECT o.key, o.name, o.type, m.role, m.value_chain_stage, m.joined, "
                     "m.left_on FROM cluster c "
                     "JOIN membership m ON m.pair BETWEEN c.id * 4294967296 AND "
                     "c.id * 4294967296 + 4294967295 "
                     "JOIN organisation o ON o.id = m.organisation_id "
                     "WHERE c.key = ?1 ORDER BY o.key");
    if (rc)
        return rc;
    size_t cap = 0;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = grow((void **)&r->c->members, &cap, r->c->n_members, sizeof *r->c->members);
        if (rc)
            break;
        cs_chain_member *m = &r->c->members[r->c->n_members++];
        memset(m, 0, sizeof *m);
        if (col(&m->organisation, r, st, 0) || col(&m->name, r, st, 1) || col(&m->type, r, st, 2) ||
            col(&m->role, r, st, 3) || col(&m->stage, r, st, 4) || col(&m->joined, r, st, 5) ||
            col(&m->left_on, r, st, 6))
            rc = cs_error_set(CS_ENOMEM, "out of memory reading a value chain");
        else
            m->stage_index = stage_index(r->c, m->stage);
    }
    rc = finish(r, st, rc ? SQLITE_DONE : step, rc);
    if (rc == 0 && r->c->n_members > 1)
        qsort(r->c->members, r->c->n_members, sizeof *r->c->members, member_order);
    return rc;
}

static int read_projects(reader *r)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(&st, r,
                     "SELECT key, name_en, name_ru, started, ended, participants, stages, outcome, "
                     "status, source, locator, quote, note FROM project WHERE cluster = ?1 "
                     "ORDER BY key");
    if (rc)
        return rc;
    size_t cap = 0;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = grow((void **)&r->c->projects, &cap, r->c->n_projects, sizeof *r->c->projects);
        if (rc)
            break;
        cs_chain_project *p = &r->c->projects[r->c->n_projects++];
        memset(p, 0, sizeof *p);
        rc = cs_store_column_int(&p->started, st, 3, 0, "project.started");
        if (!rc)
            rc = cs_store_column_int(&p->ended, st, 4, 0, "project.ended");
        if (rc)
            break;
        p->participants =
            sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, 5);
        p->stages_stated =
            sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, 6);
        if (col(&p->key, r, st, 0) || col(&p->name_en, r, st, 1) || col(&p->name_ru, r, st, 2) ||
            col(&p->outcome, r, st, 7) || col(&p->status, r, st, 8) || col(&p->source, r, st, 9) ||
            col(&p->locator, r, st, 10) || col(&p->quote, r, st, 11) || col(&p->note, r, st, 12))
            rc = cs_error_set(CS_ENOMEM, "out of memory reading a value chain");
    }
    return finish(r, st, rc ? SQLITE_DONE : step, rc);
}

static cs_chain_project *project_find(cs_chain *c, const char *key)
{
    for (size_t i = 0; i < c->n_projects; i++)
        if (strcmp(c->projects[i].key, key) == 0)
            return &c->projects[i];
    return NULL;
}

static int read_project_members(reader *r)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(&st, r,
                     "SELECT pm.project, pm.organisation, pm.role, pm.stage, pm.source, "
                     "pm.locator, pm.quote, pm.note FROM project_member pm "
                     "JOIN project p ON p.key = pm.project WHERE p.cluster = ?1 "
                     "ORDER BY pm.project, pm.organisation");
    if (rc)
        return rc;
    cs_chain_project *p = NULL;
    size_t cap = 0;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        if (!p || strcmp(p->key, key) != 0) {
            p = project_find(r->c, key);
            cap = 0;
        }
        if (!p)
            continue; /* the query joins on the cluster's projects: cannot happen */
        rc = grow((void **)&p->members, &cap, p->n_members, sizeof *p->members);
        if (rc)
            break;
        cs_chain_project_member *m = &p->members[p->n_members++];
        memset(m, 0, sizeof *m);
        if (col(&m->organisation, r, st, 1) || col(&m->role, r, st, 2) ||
            col(&m->stage, r, st, 3) || col(&m->source, r, st, 4) || col(&m->locator, r, st, 5) ||
            col(&m->quote, r, st, 6) || col(&m->note, r, st, 7))
            rc = cs_error_set(CS_ENOMEM, "out of memory reading a value chain");
        else
            m->member = cs_chain_member_find(r->c, m->organisation);
    }
    return finish(r, st, rc ? SQLITE_DONE : step, rc);
}

static int read_project_stages(reader *r)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(&st, r,
                     "SELECT ps.project, ps.stage FROM project_stage ps "
                     "JOIN project p ON p.key = ps.project "
                     "LEFT JOIN chain_stage cs ON cs.cluster = p.cluster AND cs.stage = ps.stage "
                     "WHERE p.cluster = ?1 "
                     "ORDER BY ps.project, cs.position IS NULL, cs.position, ps.stage");
    if (rc)
        return rc;
    cs_chain_project *p = NULL;
    size_t cap = 0;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        if (!p || strcmp(p->key, key) != 0) {
            p = project_find(r->c, key);
            cap = 0;
        }
        if (!p)
            continue;
        rc = grow((void **)&p->stages, &cap, p->n_stages, sizeof *p->stages);
        if (rc)
            break;
        if (col(&p->stages[p->n_stages], r, st, 1))
            rc = cs_error_set(CS_ENOMEM, "out of memory reading a value chain");
        else
            p->n_stages++;
    }
    return finish(r, st, rc ? SQLITE_DONE : step, rc);
}

static int read_links(reader *r)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(&st, r,
                     "SELECT source_org, target_org, kind, project, year, weight, status, source, "
                     "locator, quote, note FROM link WHERE cluster = ?1 "
                     "ORDER BY source_org, target_org, kind");
    if (rc)
        return rc;
    size_t cap = 0;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = grow((void **)&r->c->links, &cap, r->c->n_links, sizeof *r->c->links);
        if (rc)
            break;
        cs_chain_link *l = &r->c->links[r->c->n_links++];
        memset(l, 0, sizeof *l);
        rc = cs_store_column_int(&l->year, st, 4, 0, "link.year");
        if (rc)
            break;
        l->weight = sqlite3_column_type(st, 5) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 5);
        if (col(&l->source_org, r, st, 0) || col(&l->target_org, r, st, 1) ||
            col(&l->kind, r, st, 2) || col(&l->project, r, st, 3) || col(&l->status, r, st, 6) ||
            col(&l->source, r, st, 7) || col(&l->locator, r, st, 8) || col(&l->quote, r, st, 9) ||
            col(&l->note, r, st, 10)) {
            rc = cs_error_set(CS_ENOMEM, "out of memory reading a value chain");
            break;
        }
        l->directed = strcmp(l->kind, "supply") == 0;
        l->from = cs_chain_member_find(r->c, l->source_org);
        l->to = cs_chain_member_find(r->c, l->target_org);
    }
    return finish(r, st, rc ? SQLITE_DONE : step, rc);
}

int cs_store_chain(cs_chain **out, cs_store *store, const char *cluster)
{
    *out = NULL;
    reader r = { store, calloc(1, sizeof(cs_chain)), NULL, "reading a value chain" };
    if (!r.c || cs_strpool_new(&r.pool) != 0) {
        free(r.c);
        return cs_error_set(CS_ENOMEM, "out of memory reading a value chain");
    }
    r.c->internal = r.pool;
    int rc = read_cluster(&r, cluster);
    if (!rc)
        rc = read_stages(&r);
    if (!rc)
        rc = read_members(&r);
    if (!rc)
        rc = read_projects(&r);
    if (!rc)
        rc = read_project_members(&r);
    if (!rc)
        rc = read_project_stages(&r);
    if (!rc)
        rc = read_links(&r);
    if (rc) {
        cs_chain_free(r.c);
        return rc;
    }
    *out = r.c;
    return 0;
}

int cs_store_chain_clusters(char ***out, size_t *n, cs_store *store)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT cluster FROM chain_stage UNION SELECT cluster FROM link "
                           "ORDER BY 1",
                           -1, &st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "listing the clusters with a value chain");
    char **keys = NULL;
    size_t cap = 0;
    int step, rc = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = grow((void **)&keys, &cap, *n, sizeof *keys)) != 0)
            break;
        keys[*n] = strdup((const char *)sqlite3_column_text(st, 0));
        if (!keys[*n]) {
            rc = cs_error_set(CS_ENOMEM, "out of memory listing clusters");
            break;
        }
        (*n)++;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = cs_store_fail(store, "listing the clusters with a value chain");
    sqlite3_finalize(st);
    if (rc) {
        for (size_t i = 0; i < *n; i++)
            free(keys[i]);
        free(keys);
        *n = 0;
        return rc;
    }
    *out = keys;
    return 0;
}
