/*
 * service_regional_view.c: the regional view (service.h): the CMP's strong clusters, cluster
 * strength, ranks and profiles of the registry's statistics of one year, as plain structs that
 * the report's regional section and the web's region pages share. The statistics are read
 * through cs_service_read_regional_stored (the same reader as the CLI's strong-clusters without
 * FILE), so the view's numbers equal `clusterscope strong-clusters --regions --year Y` on the
 * rows of the regions of the level ranked (one region type: the view never ranks a state with
 * its own counties). Each region carries its names, code and type from the region table.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"
#include "clusterscope/regional.h"
#include "clusterscope/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const measures[2] = { "employment", "establishments" };

/* What the statistics hold per year: which of the two measures, rows, sources. */
typedef struct {
    int year;
    unsigned char has[2];
    long long rows, unsourced;
    char **sources;
    size_t n_sources;
} year_info;

typedef struct {
    year_info *y;
    size_t n, cap;
    int failed;
} years_ctx;

static int add_source(year_info *y, const char *source)
{
    for (size_t i = 0; i < y->n_sources; i++)
        if (strcmp(y->sources[i], source) == 0)
            return 0;
    char **grown = realloc(y->sources, (y->n_sources + 1) * sizeof *grown);
    if (!grown)
        return cs_error_set(CS_ENOMEM, "out of memory");
    y->sources = grown;
    if (!(y->sources[y->n_sources] = strdup(source)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    y->n_sources++;
    return 0;
}

static int year_row(void *arg, size_t measure, int year, long long rows, const char *source)
{
    years_ctx *c = arg;
    if (measure > 1)
        return 0;
    /* the store orders by year: a new year is always the last one */
    if (!c->n || c->y[c->n - 1].year != year) {
        if (c->n == c->cap) {
            size_t cap = c->cap ? 2 * c->cap : 16;
            year_info *grown = realloc(c->y, cap * sizeof *grown);
            if (!grown)
                return cs_error_set(CS_ENOMEM, "out of memory");
            c->y = grown;
            c->cap = cap;
        }
        memset(&c->y[c->n], 0, sizeof c->y[c->n]);
        c->y[c->n++].year = year;
    }
    year_info *y = &c->y[c->n - 1];
    y->has[measure] = 1;
    y->rows += rows;
    if (!*source) {
        y->unsourced += rows;
        return 0;
    }
    return add_source(y, source);
}

static void years_free(years_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        for (size_t s = 0; s < c->y[i].n_sources; s++)
            free(c->y[i].sources[s]);
        free(c->y[i].sources);
    }
    free(c->y);
}

/* The view and what it owns; the regions' names, codes and types point into `regions`. */
typedef struct {
    cs_regional_view v;
    int *years;
    char *sources;
    char **category;
    unsigned char *traded;
    cs_regional_view_region *region;
    char **region_key;
    cs_regional_view_cell *cells;
    size_t *by_rank;
    char *left_out;
    char *classification, *other_classifications;
    cs_region_list *regions;
} view_impl;

void cs_regional_view_free(cs_regional_view *v)
{
    view_impl *im = (view_impl *)v;
    if (!im)
        return;
    for (size_t i = 0; im->category && i < v->n_categories; i++)
        free(im->category[i]);
    for (size_t r = 0; im->region_key && r < v->n_regions; r++)
        free(im->region_key[r]);
    free(im->category);
    free(im->traded);
    free(im->region_key);
    free(im->region);
    free(im->cells);
    free(im->by_rank);
    free(im->years);
    free(im->sources);
    free(im->left_out);
    free(im->classification);
    free(im->other_classifications);
    cs_region_list_free(im->regions);
    free(im);
}

const cs_regional_view_region *cs_regional_view_find(const cs_regional_view *v, const char *key)
{
    size_t lo = 0, hi = v && key ? v->n_regions : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(v->region[mid].key, key);
        if (c == 0)
            return &v->region[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int by_source(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The year asked, or the latest with both measures; CS_EDATA naming the years held. */
static int pick_year(view_impl *im, years_ctx *yc, int year, const year_info **chosen)
{
    *chosen = NULL;
    size_t n = 0;
    if (!(im->years = malloc((yc->n ? yc->n : 1) * sizeof *im->years)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < yc->n; i++)
        if (yc->y[i].has[0] && yc->y[i].has[1]) {
            im->years[n++] = yc->y[i].year;
            if (!year || yc->y[i].year == year)
                *chosen = &yc->y[i];
        }
    im->v.years = im->years;
    im->v.n_years = n;
    if (!n || *chosen)
        return 0;
    char held[512] = "";
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof held; i++)
        len += (size_t)snprintf(held + len, sizeof held - len, "%s%d", i ? ", " : "", im->years[i]);
    return cs_error_set(CS_EDATA,
                        "the registry's statistics: expected a year that holds both employment "
                        "and establishments (%s), found \"%d\"",
                        held, year);
}

static int cell_order(const void *a, const void *b)
{
    const cs_regional_view_cell *x = a, *y = b;
    if (x->lq != y->lq)
        return x->lq > y->lq ? -1 : 1;
    return x->category < y->category ? -1 : x->category > y->category;
}

/* A region's place in by_rank: ranked regions by rank, then the others in key order (the
 * regions are sorted by key, so by index); no global state, as views are built on many threads. */
typedef struct {
    size_t rank, index;
} rank_key;

static int rank_order(const void *a, const void *b)
{
    const rank_key *x = a, *y = b;
    size_t rx = x->rank ? x->rank : (size_t)-1, ry = y->rank ? y->rank : (size_t)-1;
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The data the rule runs on: the regions kept (nr of d's, their indexes in keep), every
 * category, employment and establishments as nr x nc arrays. */
typedef struct {
    size_t nr, nc;
    const size_t *keep;
    const char *const *category;
    const double *emp, *est;
} level_data;

/* The CMP rule on the data of one level, into the view's regions and profiles. */
static int fill(view_impl *im, const cs_regional_data *d, const level_data *ld)
{
    size_t nr = ld->nr, nc = ld->nc, cells = nr * nc;
    cs_regional_view *v = &im->v;
    cs_cmp_cell *cmp = malloc((cells ? cells : 1) * sizeof *cmp);
    cs_cmp_region *reg = malloc((nr ? nr : 1) * sizeof *reg);
    im->category = calloc(nc + 1, sizeof *im->category);
    im->region_key = calloc(nr + 1, sizeof *im->region_key);
    im->region = calloc(nr + 1, sizeof *im->region);
    im->by_rank = calloc(nr + 1, sizeof *im->by_rank);
    int rc = cmp && reg && im->category && im->region_key && im->region && im->by_rank
                 ? 0
                 : cs_error_set(CS_ENOMEM, "out of memory");
    const double *emp = ld->emp;
    rc = rc ? rc : cs_regional_cmp(cmp, reg, emp, ld->est, im->traded, nr, nc);
    size_t n_cells = 0;
    for (size_t k = 0; !rc && k < cells; k++)
        n_cells += emp[k] > 0;
    if (!rc && !(im->cells = malloc((n_cells ? n_cells : 1) * sizeof *im->cells)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t c = 0; !rc && c < nc; c++)
        if (!(im->category[c] = strdup(ld->category[c])))
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    v->n_categories = rc ? 0 : nc;
    size_t at = 0;
    for (size_t r = 0; !rc && r < nr; r++) {
        cs_regional_view_region *g = &im->region[r];
        const char *key = d->region[ld->keep[r]];
        if (!(im->region_key[r] = strdup(key))) {
            rc = cs_error_set(CS_ENOMEM, "out of memory");
            break;
        }
        v->n_regions = r + 1;
        g->key = im->region_key[r];
        const cs_region_info *ri = cs_region_list_find(im->regions, key);
        g->name_en = ri ? ri->name_en : "";
        g->name_ru = ri ? ri->name_ru : "";
        g->code = ri ? ri->code : "";
        g->type = ri ? ri->type : "";
        g->employment = reg[r].traded;
        g->strong_employment = reg[r].strong;
        g->strength = reg[r].strength;
        g->n_strong = reg[r].n_strong;
        g->rank = reg[r].rank;
        g->percentile = reg[r].percentile;
        g->profile = &im->cells[at];
        for (size_t c = 0; c < nc; c++) {
            const cs_cmp_cell *x = &cmp[r * nc + c];
            if (!(emp[r * nc + c] > 0))
                continue;
            im->cells[at++] =
                (cs_regional_view_cell){ c, emp[r * nc + c], x->lq, x->strong, x->strong10 };
            g->n_profile++;
        }
        qsort(&im->cells[at - g->n_profile], g->n_profile, sizeof *im->cells, cell_order);
    }
    rank_key *keys = rc ? NULL : malloc((nr ? nr : 1) * sizeof *keys);
    if (!rc && !keys)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t r = 0; !rc && r < nr; r++)
        keys[r] = (rank_key){ im->region[r].rank, r };
    if (!rc)
        qsort(keys, nr, sizeof *keys, rank_order);
    for (size_t r = 0; !rc && r < nr; r++)
        im->by_rank[r] = keys[r].index;
    free(keys);
    v->category = (const char *const *)im->category;
    v->region = im->region;
    v->by_rank = im->by_rank;
    free(cmp);
    free(reg);
    return rc;
}

/* Each category's type: the industry table's when any category has one (one without counts
 * as traded, and is counted), otherwise every one is traded. */
static int category_types(view_impl *im, const cs_regional_data *d)
{
    cs_regional_view *v = &im->v;
    if (!(im->traded = malloc(d->ni ? d->ni : 1)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    v->typed = d->attribute != NULL;
    for (size_t c = 0; c < d->ni; c++) {
        const char *t = d->attribute ? d->attribute[c] : "traded";
        im->traded[c] = strcmp(t, "local") != 0;
        v->n_local += !im->traded[c];
        v->n_untyped += !*t;
    }
    v->traded = im->traded;
    return 0;
}

/* A region type and what its regions hold: regions, and cells with employment. */
typedef struct {
    const char *type;
    size_t regions, cells;
} level_count;

/* The level to rank (the most cells with employment; a type before none; then by name). */
static int level_better(const level_count *a, const level_count *b)
{
    if (a->cells != b->cells)
        return a->cells > b->cells;
    if (!*a->type != !*b->type)
        return *a->type != 0;
    return strcmp(a->type, b->type) < 0;
}

static int level_by_name(const void *a, const void *b)
{
    return strcmp(((const level_count *)a)->type, ((const level_count *)b)->type);
}

/* The regions of d's level (cs_regional_view.level) into *ld, their arrays in *buf. */
static int pick_level(view_impl *im, const cs_regional_data *d, level_data *ld, double **buf,
                      size_t **keep)
{
    cs_regional_view *v = &im->v;
    size_t nr = d->nr, nc = d->ni;
    const double *emp = cs_regional_data_values(d, 0, 0), *est = cs_regional_data_values(d, 0, 1);
    const char **type = malloc((nr ? nr : 1) * sizeof *type);
    level_count *lv = calloc(nr ? nr : 1, sizeof *lv);
    *keep = malloc((nr ? nr : 1) * sizeof **keep);
    int rc = type && lv && *keep ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    size_t n_lv = 0, best = 0;
    for (size_t r = 0; !rc && r < nr; r++) {
        const cs_region_info *ri = cs_region_list_find(im->regions, d->region[r]);
        type[r] = ri ? ri->type : "";
        size_t l = 0;
        while (l < n_lv && strcmp(lv[l].type, type[r]) != 0)
            l++;
        if (l == n_lv)
            lv[n_lv++].type = type[r];
        lv[l].regions++;
        for (size_t c = 0; c < nc; c++)
            lv[l].cells += emp[r * nc + c] > 0;
    }
    if (!rc && n_lv)
        qsort(lv, n_lv, sizeof *lv, level_by_name);
    for (size_t l = 1; !rc && l < n_lv; l++)
        if (level_better(&lv[l], &lv[best]))
            best = l;
    v->level = n_lv ? lv[best].type : "";
    /* the other types, by name, for the section's sentence */
    size_t len = 1;
    for (size_t l = 0; !rc && l < n_lv; l++)
        len += strlen(*lv[l].type ? lv[l].type : "-") + 2;
    if (!rc && !(im->left_out = malloc(len)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    if (!rc)
        im->left_out[0] = 0;
    for (size_t l = 0, at = 0; !rc && l < n_lv; l++)
        if (l != best) {
            at += (size_t)sprintf(im->left_out + at, "%s%s", at ? ", " : "",
                                  *lv[l].type ? lv[l].type : "-");
            v->n_left_out += lv[l].regions;
        }
    v->left_out = rc ? "" : im->left_out;
    size_t kept = 0;
    for (size_t r = 0; !rc && r < nr; r++)
        if (strcmp(type[r], v->level) == 0)
            (*keep)[kept++] = r;
    *buf = NULL;
    if (!rc && kept < nr) {
        size_t n = 2 * kept * nc;
        if (!(*buf = malloc((n ? n : 1) * sizeof **buf)))
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        for (size_t k = 0; !rc && k < kept; k++) {
            memcpy(*buf + k * nc, emp + (*keep)[k] * nc, nc * sizeof **buf);
            memcpy(*buf + (kept + k) * nc, est + (*keep)[k] * nc, nc * sizeof **buf);
        }
    }
    *ld = (level_data){ kept, nc, *keep, d->key, *buf ? *buf : emp, *buf ? *buf + kept * nc : est };
    free(type);
    free(lv);
    return rc;
}

/* The classifications the rows of both measures name ('' none), in byte order. */
typedef struct {
    char **name;
    long long *rows;
    size_t n;
} class_list;

static int class_add(void *ctx, const char *name)
{
    class_list *l = ctx;
    char **grown = realloc(l->name, (l->n + 1) * sizeof *grown);
    if (!grown)
        return cs_error_set(CS_ENOMEM, "out of memory");
    l->name = grown;
    if (!(l->name[l->n] = strdup(name ? name : "")))
        return cs_error_set(CS_ENOMEM, "out of memory");
    l->n++;
    return 0;
}

static int class_rows(void *arg, size_t measure, int year, long long rows, const char *source)
{
    (void)measure;
    (void)year;
    (void)source;
    *(long long *)arg += rows;
    return 0;
}

/* The classification the view reads: the only one, or of several (the statistics are never
 * mixed: NACE and OKVED 2 share codes) the one whose rows of both measures are the most, ties
 * by name; the others, ", " between, into im. NULL when the statistics name none. */
static int pick_classification(view_impl *im, cs_service *svc)
{
    class_list l = { NULL, NULL, 0 };
    cs_statistics_query q = { measures, 2, NULL, NULL, 0, NULL, NULL };
    int rc = cs_store_statistics_list(svc->store, CS_STATISTICS_CLASSIFICATIONS, &q, class_add, &l);
    if (!rc && l.n && !(l.rows = calloc(l.n, sizeof *l.rows)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    size_t best = 0, len = 1;
    for (size_t i = 0; !rc && l.n > 1 && i < l.n; i++) {
        rc = cs_store_statistics_years(svc->store, l.name[i], measures, 2, class_rows, &l.rows[i]);
        if (!rc && l.rows[i] > l.rows[best])
            best = i;
    }
    for (size_t i = 0; i < l.n; i++)
        len += strlen(l.name[i]) + 4;
    if (!rc && l.n && !(im->other_classifications = malloc(len)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    if (!rc && l.n) {
        size_t at = 0;
        im->other_classifications[0] = 0;
        for (size_t i = 0; i < l.n; i++)
            if (i != best)
                at += (size_t)sprintf(im->other_classifications + at, "%s'%s'", at ? ", " : "",
                                      l.name[i]);
        im->classification = l.name[best];
        l.name[best] = NULL;
    }
    for (size_t i = 0; i < l.n; i++)
        free(l.name[i]);
    free(l.name);
    free(l.rows);
    im->v.classification = im->classification ? im->classification : "";
    im->v.other_classifications = im->other_classifications ? im->other_classifications : "";
    return rc;
}

int cs_service_regional_view(cs_regional_view **out, cs_service *svc, int year)
{
    *out = NULL;
    view_impl *im = calloc(1, sizeof *im);
    if (!im)
        return cs_error_set(CS_ENOMEM, "out of memory");
    years_ctx yc = { 0 };
    const year_info *y = NULL;
    int rc = pick_classification(im, svc);
    rc = rc ? rc
            : cs_store_statistics_years(svc->store, im->classification, measures, 2, year_row, &yc);
    rc = rc ? rc : pick_year(im, &yc, year, &y);
    if (!rc && !y) { /* no year holds both measures: nothing to show, not an error */
        years_free(&yc);
        cs_regional_view_free(&im->v);
        return 0;
    }
    cs_regional_data *d = NULL;
    if (!rc) {
        im->v.year = y->year;
        im->v.employment = measures[0];
        im->v.establishments = measures[1];
        im->v.rows = y->rows;
        im->v.unsourced = y->unsourced;
        if (y->n_sources) /* qsort takes no NULL array, even of none */
            qsort(y->sources, y->n_sources, sizeof *y->sources, by_source);
        size_t len = 1;
        for (size_t i = 0; i < y->n_sources; i++)
            len += strlen(y->sources[i]) + 2;
        if (!(im->sources = malloc(len)))
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        for (size_t i = 0, at = 0; !rc && i < y->n_sources; i++)
            at += (size_t)sprintf(im->sources + at, "%s%s", i ? ", " : "", y->sources[i]);
        if (!rc && !y->n_sources)
            im->sources[0] = 0;
        im->v.sources = im->sources;
        int years[1] = { y->year };
        /* "type": a category's type from the industry table of the statistics'
         * classification, as strong-clusters reads it */
        cs_regional_read_options o = { "category", measures, 2, 2, "type", 1, years, 1, ',', 0 };
        cs_regional_selection sel = { im->classification, NULL, NULL };
        rc = cs_service_read_regional_selected(&d, NULL, svc, measures, &o, &sel);
    }
    rc = rc ? rc : cs_store_regions(&im->regions, svc->store);
    rc = rc ? rc : category_types(im, d);
    level_data ld;
    double *buf = NULL;
    size_t *keep = NULL;
    rc = rc ? rc : pick_level(im, d, &ld, &buf, &keep);
    rc = rc ? rc : fill(im, d, &ld);
    free(buf);
    free(keep);
    cs_regional_data_free(d);
    years_free(&yc);
    if (rc) {
        cs_regional_view_free(&im->v);
        return rc;
    }
    *out = &im->v;
    return 0;
}
