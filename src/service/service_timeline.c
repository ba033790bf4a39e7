/*
 * service_timeline.c: a cluster's dated facts as series, with growth between consecutive known
 * years and the compound annual growth over the span, and its targets with their progress
 * (service.h, cs_service_timeline). Unknown years are gaps, never 0; a range (">60") is shown as
 * written and left out of every rate, so that a rate is always one of exact values.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_factset *facts;
    cs_cluster_list *cluster;
    cs_fact_definitions *defs;
    cs_timeline_series *series;
    cs_timeline_point *points;
    cs_timeline_target *targets;
    size_t n_targets, cap_targets;
    char **strings;
    size_t n_strings, cap_strings;
} owned;

void cs_timeline_free(cs_timeline *t)
{
    if (!t)
        return;
    owned *o = t->own;
    if (o) {
        cs_factset_free(o->facts);
        cs_cluster_list_free(o->cluster);
        cs_fact_definitions_free(o->defs);
        free(o->series);
        free(o->points);
        free(o->targets);
        for (size_t i = 0; i < o->n_strings; i++)
            free(o->strings[i]);
        free(o->strings);
        free(o);
    }
    free(t);
}

/* The exact value of V, or NaN (a range, unknown, or no number); *range says which. */
static double exact(const cs_value *v, int *range)
{
    *range = 0;
    if (v->kind != CS_VALUE_NUMBER)
        return NAN;
    if (v->lo == v->hi && !v->lo_open && !v->hi_open)
        return v->lo;
    *range = 1;
    return NAN;
}

static const char *keep(owned *o, const char *s)
{
    if (!s)
        s = "";
    if (o->n_strings == o->cap_strings) {
        size_t cap = o->cap_strings ? o->cap_strings * 2 : 32;
        char **p = realloc(o->strings, cap * sizeof *p);
        if (!p)
            return NULL;
        o->strings = p;
        o->cap_strings = cap;
    }
    char *c = strdup(s);
    if (c)
        o->strings[o->n_strings++] = c;
    return c;
}

static void labels(const cs_fact_definition *d, const char **en, const char **ru, const char **unit)
{
    *en = d && d->label_en ? d->label_en : "";
    *ru = d && d->label_ru ? d->label_ru : "";
    *unit = d && d->unit ? d->unit : "";
}

static int is_numeric(const cs_fact_definition *d)
{
    return d && (d->type == CS_FACT_COUNT || d->type == CS_FACT_AMOUNT || d->type == CS_FACT_RANK ||
                 d->type == CS_FACT_INDEX);
}

/* Fills the rates of series S from its points. */
static void rates(cs_timeline_series *s)
{
    cs_timeline_point *p = (cs_timeline_point *)s->points;
    size_t first = s->n, last = s->n;
    for (size_t i = 0; i < s->n; i++) {
        p[i].growth = NAN;
        p[i].gap = i ? p[i].year - p[i - 1].year - 1 : 0;
        if (i && !isnan(p[i].value) && !isnan(p[i - 1].value) && p[i - 1].value != 0)
            p[i].growth = (p[i].value - p[i - 1].value) / p[i - 1].value;
        if (p[i].range)
            s->ranges++;
        if (!isnan(p[i].value)) {
            if (first == s->n)
                first = i;
            last = i;
        }
    }
    s->change = s->cagr = s->first = s->last = NAN;
    if (first == s->n || first == last)
        return;
    s->first_year = p[first].year;
    s->last_year = p[last].year;
    s->first = p[first].value;
    s->last = p[last].value;
    if (s->first != 0)
        s->change = (s->last - s->first) / s->first;
    if (s->first != 0 && s->last / s->first > 0)
        s->cagr = pow(s->last / s->first, 1.0 / (double)(s->last_year - s->first_year)) - 1;
}

typedef struct {
    cs_timeline *t;
    owned *o;
} target_ctx;

static const cs_timeline_series *find_series(const cs_timeline *t, const char *name)
{
    for (size_t i = 0; i < t->n_series; i++)
        if (strcmp(t->series[i].name, name) == 0)
            return &t->series[i];
    return NULL;
}

static int add_target(void *ctx, const cs_store_target *st)
{
    target_ctx *c = ctx;
    owned *o = c->o;
    if (o->n_targets == o->cap_targets) {
        size_t cap = o->cap_targets ? o->cap_targets * 2 : 8;
        cs_timeline_target *p = realloc(o->targets, cap * sizeof *p);
        if (!p)
            return cs_error_set(CS_ENOMEM, "out of memory");
        o->targets = p;
        o->cap_targets = cap;
    }
    cs_timeline_target *g = &o->targets[o->n_targets];
    memset(g, 0, sizeof *g);
    const cs_fact_definition *d = cs_fact_definitions_find(o->defs, CS_SUBJECT_CLUSTER, st->name);
    labels(d, &g->label_en, &g->label_ru, &g->unit);
    g->name = keep(o, st->name);
    g->raw = keep(o, st->value);
    g->status = keep(o, st->status);
    g->source = keep(o, st->source);
    g->locator = keep(o, st->locator);
    g->quote = keep(o, st->quote);
    g->note = keep(o, st->note);
    if (!g->name || !g->raw || !g->status || !g->source || !g->locator || !g->quote || !g->note)
        return cs_error_set(CS_ENOMEM, "out of memory");
    g->year = st->year;
    g->baseline_year = st->baseline_year;
    g->value = g->latest = g->progress = g->baseline = g->progress_baseline = NAN;
    cs_value v;
    int range;
    if (is_numeric(d) && cs_value_parse(&v, st->value, d->type, d->levels) == 0)
        g->value = exact(&v, &range);
    else
        cs_error_clear();
    const cs_timeline_series *s = find_series(c->t, st->name);
    for (size_t i = s ? s->n : 0; i-- > 0;)
        if (!isnan(s->points[i].value)) {
            g->latest = s->points[i].value;
            g->latest_year = s->points[i].year;
            break;
        }
    for (size_t i = 0; s && g->baseline_year && i < s->n; i++)
        if (s->points[i].year == g->baseline_year)
            g->baseline = s->points[i].value;
    if (!isnan(g->latest) && !isnan(g->value) && g->value != 0)
        g->progress = g->latest / g->value;
    if (!isnan(g->latest) && !isnan(g->baseline) && !isnan(g->value) && g->value != g->baseline)
        g->progress_baseline = (g->latest - g->baseline) / (g->value - g->baseline);
    if (g->year && g->latest_year) {
        g->years_to_due = g->year - g->latest_year;
        g->has_years_to_due = 1;
    }
    o->n_targets++;
    return 0;
}

static int build(cs_timeline *t, owned *o, cs_store *store, const char *cluster, const char *fact)
{
    int rc = cs_store_clusters(&o->cluster, store, cluster);
    if (rc == CS_ENOTFOUND)
        return cs_error_set(CS_EDATA, "no cluster with key \"%s\" in the registry", cluster);
    rc = rc ? rc : cs_store_fact_definitions(&o->defs, store);
    if (rc)
        return rc;
    const cs_cluster_info *ci = cs_cluster_list_at(o->cluster, 0);
    t->cluster = ci->key;
    t->name_en = ci->name_en;
    t->name_ru = ci->name_ru;
    if (fact && !cs_fact_definitions_find(o->defs, CS_SUBJECT_CLUSTER, fact))
        return cs_error_set(CS_EDATA,
                            "\"%s\" is not a fact of clusters: the registry defines no cluster "
                            "fact of that name",
                            fact);
    rc = cs_factset_new(&o->facts);
    rc = rc ? rc : cs_store_dated_facts(o->facts, store, cluster, fact);
    if (rc)
        return rc;
    size_t n = cs_factset_count(o->facts);
    o->series = calloc(n ? n : 1, sizeof *o->series);
    o->points = calloc(n ? n : 1, sizeof *o->points);
    if (!o->series || !o->points)
        return cs_error_set(CS_ENOMEM, "out of memory");
    /* the store hands a subject's facts by name, then year: each run of one name is a series */
    for (size_t i = 0; i < n; i++) {
        const cs_fact *f = cs_factset_at(o->facts, i);
        cs_timeline_series *s = t->n_series ? &o->series[t->n_series - 1] : NULL;
        if (!s || strcmp(s->name, f->name) != 0) {
            s = &o->series[t->n_series++];
            const cs_fact_definition *d =
                cs_fact_definitions_find(o->defs, CS_SUBJECT_CLUSTER, f->name);
            s->name = f->name;
            labels(d, &s->label_en, &s->label_ru, &s->unit);
            s->numeric = is_numeric(d);
            s->points = &o->points[i];
        }
        cs_timeline_point *p = &o->points[i];
        p->year = f->year;
        p->raw = f->raw ? f->raw : "";
        p->value = exact(&f->value, &p->range);
        p->status = f->raw && *f->raw ? cs_fact_status_name(f->status) : "";
        p->source = f->source ? f->source : "";
        p->locator = f->locator ? f->locator : "";
        p->quote = f->quote ? f->quote : "";
        s->n++;
    }
    for (size_t i = 0; i < t->n_series; i++)
        rates(&o->series[i]);
    t->series = o->series;
    target_ctx c = { t, o };
    rc = cs_store_targets_each(store, cluster, fact, add_target, &c);
    t->targets = o->targets;
    t->n_targets = o->n_targets;
    return rc;
}

int cs_service_timeline(cs_timeline **out, cs_service *svc, const char *cluster, const char *fact)
{
    *out = NULL;
    if (!cluster || !*cluster)
        return cs_error_set(CS_EUSAGE, "a timeline needs a cluster's key");
    cs_timeline *t = calloc(1, sizeof *t);
    owned *o = calloc(1, sizeof *o);
    if (!t || !o) {
        free(t);
        free(o);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    t->own = o;
    /* one state of the registry for every read, unless the caller holds one already */
    int mine = !cs_store_in_transaction(svc->store);
    int rc = mine ? cs_store_read_begin(svc->store) : 0;
    if (!rc) {
        rc = build(t, o, svc->store, cluster, fact);
        if (mine)
            cs_store_read_end(svc->store);
    }
    if (rc) {
        cs_timeline_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

typedef struct {
    cs_service *svc;
    cs_timeline **list;
    size_t n, cap;
} timelines_ctx;

static int add_timeline(void *ctx, const char *cluster)
{
    timelines_ctx *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        cs_timeline **p = realloc(c->list, cap * sizeof *p);
        if (!p)
            return cs_error_set(CS_ENOMEM, "out of memory");
        c->list = p;
        c->cap = cap;
    }
    int rc = cs_service_timeline(&c->list[c->n], c->svc, cluster, NULL);
    if (!rc)
        c->n++;
    return rc;
}

void cs_timelines_free(cs_timeline **list, size_t n)
{
    for (size_t i = 0; list && i < n; i++)
        cs_timeline_free(list[i]);
    free(list);
}

int cs_service_timelines(cs_timeline ***out, size_t *n, cs_service *svc)
{
    *out = NULL;
    *n = 0;
    timelines_ctx c = { svc, NULL, 0, 0 };
    int mine = !cs_store_in_transaction(svc->store);
    int rc = mine ? cs_store_read_begin(svc->store) : 0;
    if (!rc) {
        rc = cs_store_timeline_clusters_each(svc->store, add_timeline, &c);
        if (mine)
            cs_store_read_end(svc->store);
    }
    if (rc) {
        cs_timelines_free(c.list, c.n);
        return rc;
    }
    *out = c.list;
    *n = c.n;
    return 0;
}
