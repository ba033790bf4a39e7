/*
 * import_development.c: the checks of the cluster-development kinds (import_development.h).
 *
 * Invariants:
 *  - a record is checked against the registry as the import's session has it: the kinds before
 *    it are written (a round's programme, a project's cluster, the memberships a link needs);
 *  - where a cluster defines value-chain stages (stored, or in this import), every stage its
 *    memberships, project members and project stages name is one of them; a cluster without
 *    stages keeps its memberships' stages as free text, but a project's stages need the list;
 *  - values arrive canonical (cs_record_check_value), so numbers read back exactly.
 */
#include "ingest/import_development.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a value stood, kept for a check made when a later kind ends. */
typedef struct {
    char *file, *found;
    long line, col;
} dev_position;

/* A membership whose stage is checked once the chain stages are written. */
typedef struct {
    char *cluster, *organisation, *stage;
    dev_position at;
} dev_membership;

/* A cluster the import gave stages to, at its first chain stage of the import. */
typedef struct {
    char *cluster;
    dev_position at;
} dev_cluster;

struct cs_dev_checks {
    dev_membership *memberships;
    size_t n_memberships;
    dev_cluster *clusters;
    size_t n_clusters;
    /* the stages of the cluster of the last membership checked (memberships come by cluster) */
    char cached_cluster[256];
    char cached_stages[1024];
    int cached;
};

/* Column numbers, as in record.c. */
enum { PROGRAMME_STARTED = 6, PROGRAMME_ENDED = 7 };
enum { ROUND_REQUESTED = 4, ROUND_AWARDED = 5, ROUND_APPLICATIONS = 6, ROUND_AWARDS = 7 };
enum { SHARE_REQUESTED = 4, SHARE_AWARDED = 5 };
enum { APPLICATION_REQUESTED = 3, APPLICATION_AWARDED = 4, APPLICATION_DECISION = 5 };
enum { LISTING_CLUSTER = 1, LISTING_ENTERED = 2, LISTING_LEFT = 3, LISTING_LEVEL = 4 };
enum { STAGE_STAGE = 1, STAGE_POSITION = 2 };
enum { PROJECT_CLUSTER = 1, PROJECT_STARTED = 4, PROJECT_ENDED = 5 };
enum { MEMBER_ORGANISATION = 1, MEMBER_STAGE = 3 };
enum { LINK_SOURCE = 1, LINK_TARGET = 2, LINK_PROJECT = 4, LINK_WEIGHT = 6 };
enum { MEMBERSHIP_STAGE = 3 };

static const char *value(const cs_record *rec, int i)
{
    const char *v = rec->values[i];
    return v && *v ? v : NULL;
}

static int grow(void **items, size_t n, size_t size)
{
    if (n & (n - 1))
        return 0;
    void *more = realloc(*items, (n ? 2 * n : 1) * size);
    if (!more)
        return cs_error_set(CS_ENOMEM, "out of memory");
    *items = more;
    return 0;
}

static int keep_position(dev_position *p, const cs_record *rec, int column)
{
    p->line = rec->line;
    p->col = 0;
    if (rec->locate)
        rec->locate(rec, column, &p->line, &p->col);
    p->file = strdup(rec->file ? rec->file : "<input>");
    p->found = strdup(rec->values[column] ? rec->values[column] : "");
    return p->file && p->found ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

static void position_free(dev_position *p)
{
    free(p->file);
    free(p->found);
}

int cs_dev_checks_new(cs_dev_checks **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

void cs_dev_checks_free(cs_dev_checks *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_memberships; i++) {
        free(d->memberships[i].cluster);
        free(d->memberships[i].organisation);
        free(d->memberships[i].stage);
        position_free(&d->memberships[i].at);
    }
    free(d->memberships);
    for (size_t i = 0; i < d->n_clusters; i++) {
        free(d->clusters[i].cluster);
        position_free(&d->clusters[i].at);
    }
    free(d->clusters);
    free(d);
}

static double number(const char *v)
{
    return strtod(v, NULL); /* canonical, checked before */
}

/* Column `high` (an award, awards, an end) is not above column `low` (a request, applications,
 * a start) when both are given: "expected WHAT of at most LOW_NAME LOW, found HIGH". */
static int not_above(const cs_record *rec, int low, int high, const char *what)
{
    const char *lo = value(rec, low), *hi = value(rec, high);
    if (!lo || !hi || number(hi) <= number(lo))
        return 0;
    char expected[400];
    snprintf(expected, sizeof expected, "%s of at most the %s %s", what,
             rec->spec->columns[low].name, lo);
    return cs_record_error(rec, high, expected, hi);
}

/* A year that ends something is not before the year it started. */
static int not_before(const cs_record *rec, int start, int end)
{
    const char *s = value(rec, start), *e = value(rec, end);
    if (!s || !e || number(e) >= number(s))
        return 0;
    char expected[300];
    snprintf(expected, sizeof expected, "an %s year not before %s %s", rec->spec->columns[end].name,
             rec->spec->columns[start].name, s);
    return cs_record_error(rec, end, expected, e);
}

/* A round of the record's programme (columns 0 and 1) is known. */
static int check_round(cs_store_writer *w, const cs_record *rec)
{
    char key[512];
    if (snprintf(key, sizeof key, "%s" CS_RECORD_KEY_SEP "%s", rec->values[0], rec->values[1]) >=
        (int)sizeof key)
        key[0] = '\0';
    int found = cs_store_writer_has(w, CS_KIND_PROGRAMME_ROUNDS, key);
    if (found)
        return found < 0 ? found : 0;
    char expected[400];
    snprintf(expected, sizeof expected,
             "a round of programme %s (import it first or in the same import)", rec->values[0]);
    return cs_record_error(rec, 1, expected, rec->values[1]);
}

/* Whether `level` is one of `levels` ("bronze|silver|gold"). */
static int in_levels(const char *levels, const char *level)
{
    size_t n = strlen(level);
    for (const char *p = levels; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && memcmp(p, level, n) == 0)
            return 1;
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

static int check_listing(cs_store_writer *w, const cs_record *rec)
{
    const char *left = value(rec, LISTING_LEFT), *entered = rec->values[LISTING_ENTERED];
    char expected[1400];
    /* dates compare as the schema compares them: as text, YYYY before YYYY-MM */
    if (left && strcmp(left, entered) < 0) {
        snprintf(expected, sizeof expected, "a left_on date not before entered %s", entered);
        return cs_record_error(rec, LISTING_LEFT, expected, left);
    }
    const char *level = value(rec, LISTING_LEVEL);
    if (!level)
        return 0;
    char levels[1024] = "";
    const char *args[] = { rec->values[0] };
    int found = cs_store_writer_development(levels, sizeof levels, NULL, 0, w,
                                            CS_DEV_PROGRAMME_LEVELS, args);
    if (found < 0)
        return found;
    if (*levels && in_levels(levels, level))
        return 0;
    if (*levels)
        snprintf(expected, sizeof expected, "a level of programme %s (%s)", rec->values[0], levels);
    else
        snprintf(expected, sizeof expected, "no level (programme %s defines no levels)",
                 rec->values[0]);
    return cs_record_error(rec, LISTING_LEVEL, expected, level);
}

/* The stages of a cluster, by position: 0 with `stages` set ("" when it defines none). */
static int cluster_stages(char *stages, size_t cap, cs_store_writer *w, const char *cluster)
{
    const char *args[] = { cluster };
    *stages = '\0';
    int found = cs_store_writer_development(stages, cap, NULL, 0, w, CS_DEV_CLUSTER_STAGES, args);
    return found < 0 ? found : 0;
}

/* Whether `stage` is a stage of `cluster` as the session has it: 1, 0 or an error code. */
static int has_stage(cs_store_writer *w, const char *cluster, const char *stage)
{
    char key[600];
    if (snprintf(key, sizeof key, "%s" CS_RECORD_KEY_SEP "%s", cluster, stage) >= (int)sizeof key)
        return 0;
    return cs_store_writer_has(w, CS_KIND_CHAIN_STAGES, key);
}

/* "expected a stage of cluster C's value chain (S1, S2), found X" at the column. */
static int off_chain(const cs_record *rec, int column, const char *cluster, const char *stages)
{
    char expected[1400];
    if (*stages)
        snprintf(expected, sizeof expected, "a stage of the value chain of cluster %s (%s)",
                 cluster, stages);
    else
        snprintf(expected, sizeof expected,
                 "a stage of the value chain of cluster %s (it defines none: import its "
                 "chain_stages first or in the same import)",
                 cluster);
    return cs_record_error(rec, column, expected, rec->values[column]);
}

/* A project's stage (project_members, project_stages) is one of its cluster's stages. */
static int check_project_stage(cs_store_writer *w, const cs_record *rec, const char *cluster,
                               int column)
{
    const char *stage = value(rec, column);
    if (!stage)
        return 0;
    int found = has_stage(w, cluster, stage);
    if (found)
        return found < 0 ? found : 0;
    char stages[1024];
    int rc = cluster_stages(stages, sizeof stages, w, cluster);
    return rc ? rc : off_chain(rec, column, cluster, stages);
}

/* The cluster of the project the record names at `column`: 1 with `cluster` set, or an error. */
static int project_cluster(char *cluster, size_t cap, cs_store_writer *w, const cs_record *rec,
                           int column)
{
    const char *args[] = { rec->values[column] };
    int found = cs_store_writer_development(cluster, cap, NULL, 0, w, CS_DEV_PROJECT_CLUSTER, args);
    if (found)
        return found;
    /* the project is a checked reference: this is only for a store that lost it */
    return cs_record_error(rec, column, "the key of a known project", rec->values[column]);
}

/* The organisation at `column` is a member of `cluster`. */
static int check_member(cs_store_writer *w, const cs_record *rec, const char *cluster, int column)
{
    char one[4];
    const char *args[] = { cluster, rec->values[column] };
    int found = cs_store_writer_development(one, sizeof one, NULL, 0, w, CS_DEV_MEMBER, args);
    if (found)
        return found < 0 ? found : 0;
    char expected[400];
    snprintf(expected, sizeof expected,
             "a member of cluster %s (a membership stored or in the same import)", cluster);
    return cs_record_error(rec, column, expected, rec->values[column]);
}

static int check_chain_stage(cs_store_writer *w, const cs_record *rec)
{
    char other[256];
    const char *args[] = { rec->values[0], rec->values[STAGE_POSITION], rec->values[STAGE_STAGE] };
    int found = cs_store_writer_development(other, sizeof other, NULL, 0, w, CS_DEV_STAGE_AT, args);
    if (found <= 0)
        return found;
    char expected[600];
    snprintf(expected, sizeof expected,
             "a position no other stage of cluster %s has (stage %s is at %s)", rec->values[0],
             other, rec->values[STAGE_POSITION]);
    return cs_record_error(rec, STAGE_POSITION, expected, rec->values[STAGE_POSITION]);
}

static int check_link(cs_store_writer *w, const cs_record *rec)
{
    const char *cluster = rec->values[0];
    if (strcmp(rec->values[LINK_SOURCE], rec->values[LINK_TARGET]) == 0)
        return cs_record_error(rec, LINK_TARGET,
                               "a target_org other than the source_org (a link joins two "
                               "organisations)",
                               rec->values[LINK_TARGET]);
    const char *weight = value(rec, LINK_WEIGHT);
    if (weight && number(weight) <= 0)
        return cs_record_error(rec, LINK_WEIGHT, "a weight above 0", weight);
    int rc = check_member(w, rec, cluster, LINK_SOURCE);
    rc = rc ? rc : check_member(w, rec, cluster, LINK_TARGET);
    if (rc || !value(rec, LINK_PROJECT))
        return rc;
    char of[256];
    if ((rc = project_cluster(of, sizeof of, w, rec, LINK_PROJECT)) < 0)
        return rc;
    if (strcmp(of, cluster) == 0)
        return 0;
    char expected[700];
    snprintf(expected, sizeof expected, "a project of cluster %s (project %s is of cluster %s)",
             cluster, rec->values[LINK_PROJECT], of);
    return cs_record_error(rec, LINK_PROJECT, expected, rec->values[LINK_PROJECT]);
}

int cs_dev_check(cs_dev_checks *d, cs_store_writer *w, const cs_record *rec)
{
    (void)d;
    char cluster[256];
    int rc = 0;
    switch (rec->spec->kind) {
    case CS_KIND_PROGRAMMES:
        return not_before(rec, PROGRAMME_STARTED, PROGRAMME_ENDED);
    case CS_KIND_PROGRAMME_ROUNDS:
        rc = not_above(rec, ROUND_REQUESTED, ROUND_AWARDED, "an amount awarded");
        return rc ? rc : not_above(rec, ROUND_APPLICATIONS, ROUND_AWARDS, "a number of awards");
    case CS_KIND_ROUND_SHARES:
        rc = check_round(w, rec);
        return rc ? rc : not_above(rec, SHARE_REQUESTED, SHARE_AWARDED, "an amount awarded");
    case CS_KIND_APPLICATIONS: {
        rc = check_round(w, rec);
        rc = rc ? rc
                : not_above(rec, APPLICATION_REQUESTED, APPLICATION_AWARDED, "an amount awarded");
        const char *decision = value(rec, APPLICATION_DECISION);
        const char *awarded = value(rec, APPLICATION_AWARDED);
        if (rc || !decision || !awarded || number(awarded) <= 0 ||
            (strcmp(decision, "refused") != 0 && strcmp(decision, "withdrawn") != 0))
            return rc;
        char expected[200];
        snprintf(expected, sizeof expected, "an amount awarded of 0 or none for a %s application",
                 decision);
        return cs_record_error(rec, APPLICATION_AWARDED, expected, awarded);
    }
    case CS_KIND_LISTINGS:
        return check_listing(w, rec);
    case CS_KIND_CHAIN_STAGES:
        return check_chain_stage(w, rec);
    case CS_KIND_PROJECTS:
        return not_before(rec, PROJECT_STARTED, PROJECT_ENDED);
    case CS_KIND_PROJECT_MEMBERS:
        if ((rc = project_cluster(cluster, sizeof cluster, w, rec, 0)) < 0)
            return rc;
        rc = check_member(w, rec, cluster, MEMBER_ORGANISATION);
        return rc ? rc : check_project_stage(w, rec, cluster, MEMBER_STAGE);
    case CS_KIND_PROJECT_STAGES:
        if ((rc = project_cluster(cluster, sizeof cluster, w, rec, 0)) < 0)
            return rc;
        return check_project_stage(w, rec, cluster, 1);
    case CS_KIND_LINKS:
        return check_link(w, rec);
    default:
        return 0;
    }
}

int cs_dev_check_membership(cs_dev_checks *d, cs_store_writer *w, const cs_record *rec,
                            int brings_stages)
{
    const char *stage = value(rec, MEMBERSHIP_STAGE), *cluster = rec->values[0];
    if (!stage)
        return 0;
    if (!d->cached || strcmp(d->cached_cluster, cluster) != 0) {
        int rc = cluster_stages(d->cached_stages, sizeof d->cached_stages, w, cluster);
        if (rc)
            return rc;
        snprintf(d->cached_cluster, sizeof d->cached_cluster, "%s", cluster);
        d->cached = strlen(cluster) < sizeof d->cached_cluster;
    }
    int found = *d->cached_stages ? has_stage(w, cluster, stage) : 0;
    if (found)
        return found < 0 ? found : 0;
    if (!brings_stages)
        return *d->cached_stages ? off_chain(rec, MEMBERSHIP_STAGE, cluster, d->cached_stages) : 0;
    /* the stages of this import may add it, or give the cluster its first stages */
    if (grow((void **)&d->memberships, d->n_memberships, sizeof *d->memberships))
        return CS_ENOMEM;
    dev_membership *m = &d->memberships[d->n_memberships];
    memset(m, 0, sizeof *m);
    d->n_memberships++;
    m->cluster = strdup(cluster);
    m->organisation = strdup(rec->values[1]);
    m->stage = strdup(stage);
    if (!m->cluster || !m->organisation || !m->stage)
        return cs_error_set(CS_ENOMEM, "out of memory");
    return keep_position(&m->at, rec, MEMBERSHIP_STAGE);
}

int cs_dev_note_stage(cs_dev_checks *d, const cs_record *rec)
{
    for (size_t i = 0; i < d->n_clusters; i++)
        if (strcmp(d->clusters[i].cluster, rec->values[0]) == 0)
            return 0;
    if (grow((void **)&d->clusters, d->n_clusters, sizeof *d->clusters))
        return CS_ENOMEM;
    dev_cluster *c = &d->clusters[d->n_clusters];
    memset(c, 0, sizeof *c);
    d->n_clusters++;
    if (!(c->cluster = strdup(rec->values[0])))
        return cs_error_set(CS_ENOMEM, "out of memory");
    return keep_position(&c->at, rec, STAGE_STAGE);
}

int cs_dev_end_stages(cs_dev_checks *d, cs_store_writer *w)
{
    char stages[1024], expected[1400];
    for (size_t i = 0; i < d->n_memberships; i++) {
        const dev_membership *m = &d->memberships[i];
        int found = has_stage(w, m->cluster, m->stage);
        if (found < 0)
            return found;
        int rc = found ? 0 : cluster_stages(stages, sizeof stages, w, m->cluster);
        if (rc)
            return rc;
        if (found || !*stages)
            continue;
        snprintf(expected, sizeof expected, "a stage of the value chain of cluster %s (%s)",
                 m->cluster, stages);
        return cs_error_data(m->at.file, m->at.line, m->at.col, expected, m->at.found);
    }
    for (size_t i = 0; i < d->n_clusters; i++) {
        const dev_cluster *c = &d->clusters[i];
        char organisation[256], stage[256];
        const char *args[] = { c->cluster };
        int found = cs_store_writer_development(organisation, sizeof organisation, stage,
                                                sizeof stage, w, CS_DEV_OFF_CHAIN_MEMBER, args);
        if (found <= 0) {
            if (found < 0)
                return found;
            continue;
        }
        snprintf(expected, sizeof expected,
                 "stages of cluster %s that include %s, the value_chain_stage of its member %s",
                 c->cluster, stage, organisation);
        return cs_error_data(c->at.file, c->at.line, c->at.col, expected, c->at.found);
    }
    return 0;
}
