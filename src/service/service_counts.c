/*
 * service_counts.c: the registry's clusters counted by kind, specialisation, stage, region or
 * listing in a programme, as of a year (service.h, cs_service_count_clusters): the observatory's
 * "118 clusters, 16 in pharmaceuticals and medicine, most at an early stage" (seed 001, lines
 * 565-569) as the registry can state it, with an observatory's own figures beside it when the
 * registry holds them as country facts. A founding year that is unknown is counted apart, never
 * read as founded.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const by_names[] = { "kind", "specialisation", "stage", "region", "registry" };

const char *cs_counts_by_name(cs_counts_by by)
{
    return (size_t)by < sizeof by_names / sizeof by_names[0] ? by_names[by] : "";
}

int cs_counts_by_parse(cs_counts_by *out, const char *s)
{
    for (size_t i = 0; s && i < sizeof by_names / sizeof by_names[0]; i++)
        if (strcmp(s, by_names[i]) == 0) {
            *out = (cs_counts_by)i;
            return 0;
        }
    return cs_error_set(CS_EUSAGE,
                        "expected kind, specialisation, stage, region or registry, found \"%s\"",
                        s ? s : "");
}

typedef struct {
    cs_counts c;
    cs_counts_row *rows;
    size_t cap;
    char **strings;
    size_t n_strings, cap_strings;
} counts_owned;

void cs_counts_free(cs_counts *c)
{
    counts_owned *o = (counts_owned *)c;
    if (!o)
        return;
    free(o->rows);
    for (size_t i = 0; i < o->n_strings; i++)
        free(o->strings[i]);
    free(o->strings);
    free(o);
}

static const char *keep(counts_owned *o, const char *s)
{
    if (o->n_strings == o->cap_strings) {
        size_t cap = o->cap_strings ? o->cap_strings * 2 : 32;
        char **p = realloc(o->strings, cap * sizeof *p);
        if (!p)
            return NULL;
        o->strings = p;
        o->cap_strings = cap;
    }
    char *c = strdup(s ? s : "");
    if (c)
        o->strings[o->n_strings++] = c;
    return c;
}

/* The row of VALUE, added when new (rows stay few: one per distinct value). */
static cs_counts_row *row_of(counts_owned *o, const char *value, const char *en, const char *ru)
{
    for (size_t i = 0; i < o->c.n; i++)
        if (strcmp(o->rows[i].value, value) == 0)
            return &o->rows[i];
    if (o->c.n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        cs_counts_row *p = realloc(o->rows, cap * sizeof *p);
        if (!p)
            return NULL;
        o->rows = p;
        o->cap = cap;
    }
    cs_counts_row *r = &o->rows[o->c.n];
    memset(r, 0, sizeof *r);
    r->value = keep(o, value);
    r->name_en = keep(o, en);
    r->name_ru = keep(o, ru);
    if (!r->value || !r->name_en || !r->name_ru)
        return NULL;
    r->stated = NAN;
    o->c.n++;
    return r;
}

static int row_order(const void *a, const void *b)
{
    const cs_counts_row *x = a, *y = b;
    if (!*x->value != !*y->value)
        return *x->value ? -1 : 1; /* the unknown row last */
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

/* The year of a date YYYY[-MM[-DD]] (checked on import); 0 when there is none. */
static int date_year(const char *d)
{
    return d && strlen(d) >= 4 ? atoi(d) : 0;
}

typedef struct {
    counts_owned *o;
    const cs_cluster_list *clusters;
    unsigned char *in_country, *listed, *seen;
    const char *programme;
    int rc;
} listing_ctx;

static long cluster_index(const cs_cluster_list *l, const char *key)
{
    size_t lo = 0, hi = cs_cluster_list_count(l);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(cs_cluster_list_at(l, mid)->key, key);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Every programme has a row, those without listings too (count 0), so that a count shows them. */
static int count_programme(void *ctx, const cs_store_programme *p)
{
    listing_ctx *c = ctx;
    return row_of(c->o, p->key, p->name_en, p->name_ru) ? 0
                                                        : cs_error_set(CS_ENOMEM, "out of memory");
}

/* Listings come by programme, cluster, entered (store.h): the programme's rows together. */
static int count_listing(void *ctx, const cs_store_listing *l)
{
    listing_ctx *c = ctx;
    cs_counts_row *r = row_of(c->o, l->programme, l->programme_name_en, l->programme_name_ru);
    if (!r)
        return cs_error_set(CS_ENOMEM, "out of memory");
    if (!c->programme || strcmp(c->programme, r->value) != 0) {
        /* a cluster listed twice in one programme (left and entered again) counts once */
        memset(c->seen, 0, cs_cluster_list_count(c->clusters) + 1);
        c->programme = r->value;
    }
    long i = cluster_index(c->clusters, l->cluster);
    if (i < 0 || !c->in_country[i] || c->seen[i])
        return 0;
    int y = c->o->c.year;
    int still = !l->left_on || !*l->left_on;
    int in = y ? date_year(l->entered) <= y && (still || date_year(l->left_on) > y) : still;
    if (in) {
        c->seen[i] = c->listed[i] = 1;
        r->count++;
    }
    return 0;
}

static const char *value_of(const cs_cluster_info *ci, cs_counts_by by)
{
    switch (by) {
    case CS_COUNTS_KIND:
        return ci->kind;
    case CS_COUNTS_SPECIALISATION:
        return ci->specialisation;
    case CS_COUNTS_STAGE:
        return ci->stage;
    case CS_COUNTS_REGION:
        return ci->region;
    case CS_COUNTS_REGISTRY:
        break;
    }
    return "";
}

/* The exact value of the country fact NAME for the count's year; 0 when stated. */
static int stated(double *v, int *year, const char **source, const cs_factset *facts,
                  const char *country, const char *name, int y)
{
    const cs_fact *f = cs_factset_get(facts, CS_SUBJECT_COUNTRY, country, name, y);
    if (!f || f->value.kind != CS_VALUE_NUMBER || f->value.lo != f->value.hi || f->value.lo_open ||
        f->value.hi_open)
        return -1;
    *v = f->value.lo;
    *year = f->year;
    *source = f->source;
    return 0;
}

static int count(counts_owned *o, cs_store *store)
{
    cs_counts *c = &o->c;
    cs_cluster_list *cl = NULL;
    cs_region_list *regions = NULL;
    cs_country_list *countries = NULL;
    cs_factset *facts = NULL;
    listing_ctx lc = { o, NULL, NULL, NULL, NULL, NULL, 0 };
    int rc = cs_store_clusters(&cl, store, NULL);
    rc = rc ? rc : cs_store_regions(&regions, store);
    rc = rc ? rc : cs_store_countries(&countries, store);
    if (!rc && *c->country && !cs_country_list_find(countries, c->country))
        rc = cs_error_set(CS_EDATA, "no country with code \"%s\" in the registry", c->country);
    size_t n = cl ? cs_cluster_list_count(cl) : 0;
    if (!rc) {
        lc.clusters = cl;
        lc.in_country = calloc(n + 1, 1);
        lc.listed = calloc(n + 1, 1);
        lc.seen = calloc(n + 1, 1);
        if (!lc.in_country || !lc.listed || !lc.seen)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(cl, i);
        if (*c->country && strcmp(ci->country, c->country) != 0)
            continue;
        lc.in_country[i] = 1;
        c->clusters++;
        if (c->by == CS_COUNTS_REGISTRY)
            continue;
        const char *v = value_of(ci, c->by);
        const cs_region_info *ri =
            c->by == CS_COUNTS_REGION && *v ? cs_region_list_find(regions, v) : NULL;
        cs_counts_row *r = row_of(o, v, ri ? ri->name_en : "", ri ? ri->name_ru : "");
        if (!r) {
            rc = cs_error_set(CS_ENOMEM, "out of memory");
            break;
        }
        if (c->year && !ci->founded) {
            r->undated++;
            c->undated++;
        } else if (c->year && ci->founded > c->year) {
            c->later++;
        } else {
            r->count++;
            c->counted++;
        }
    }
    if (!rc && c->by == CS_COUNTS_REGISTRY) {
        c->counted = c->clusters;
        cs_store_programme_visitor v = { 0 };
        v.programme = count_programme;
        v.listing = count_listing;
        v.ctx = &lc;
        rc = cs_store_programmes_read(store, NULL, NULL, &v);
        cs_counts_row *none = rc ? NULL : row_of(o, "", "", "");
        if (!rc && !none)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        for (size_t i = 0; !rc && i < n; i++)
            if (lc.in_country[i] && !lc.listed[i])
                none->count++;
    }
    /* a value held only by clusters founded later has no row */
    size_t k = 0;
    for (size_t i = 0; !rc && i < c->n; i++)
        if (o->rows[i].count || o->rows[i].undated || c->by == CS_COUNTS_REGISTRY)
            o->rows[k++] = o->rows[i];
    if (!rc)
        c->n = k;
    if (!rc && *c->country) {
        rc = cs_factset_new(&facts);
        rc = rc ? rc : cs_store_subject_facts(facts, store, CS_SUBJECT_COUNTRY, c->country);
        const char *src = NULL;
        if (!rc && stated(&c->stated, &c->stated_year, &src, facts, c->country, "clusters_total",
                          c->year) == 0) {
            c->has_stated = 1;
            c->stated_source = keep(o, src);
        }
        for (size_t i = 0; !rc && i < c->n; i++) {
            cs_counts_row *r = &o->rows[i];
            char name[256];
            if (!*r->value || snprintf(name, sizeof name, "clusters.%s.%s",
                                       cs_counts_by_name(c->by), r->value) >= (int)sizeof name)
                continue;
            if (stated(&r->stated, &r->stated_year, &src, facts, c->country, name, c->year) == 0) {
                r->has_stated = 1;
                r->stated_source = keep(o, src);
            }
        }
    }
    if (!rc && c->n)
        qsort(o->rows, c->n, sizeof *o->rows, row_order);
    for (size_t i = 0; !rc && i < c->n; i++)
        o->rows[i].share = c->counted ? (double)o->rows[i].count / (double)c->counted : NAN;
    c->rows = o->rows;
    free(lc.in_country);
    free(lc.listed);
    free(lc.seen);
    cs_factset_free(facts);
    cs_cluster_list_free(cl);
    cs_region_list_free(regions);
    cs_country_list_free(countries);
    return rc;
}

int cs_service_count_clusters(cs_counts **out, cs_service *svc, cs_counts_by by, int year,
                              const char *country)
{
    *out = NULL;
    if ((size_t)by >= sizeof by_names / sizeof by_names[0])
        return cs_error_set(CS_EUSAGE, "counts: no such grouping");
    counts_owned *o = calloc(1, sizeof *o);
    if (!o)
        return cs_error_set(CS_ENOMEM, "out of memory");
    o->c.by = by;
    o->c.year = year;
    o->c.stated = NAN;
    o->c.country = keep(o, country ? country : "");
    o->c.stated_source = "";
    if (!o->c.country) {
        cs_counts_free(&o->c);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    int mine = !cs_store_in_transaction(svc->store);
    int rc = mine ? cs_store_read_begin(svc->store) : 0;
    if (!rc) {
        rc = count(o, svc->store);
        if (mine)
            cs_store_read_end(svc->store);
    }
    if (rc) {
        cs_counts_free(&o->c);
        return rc;
    }
    *out = &o->c;
    return 0;
}
