/*
 * service_programmes.c: support programmes and official registries (service.h): each round's
 * stated totals beside the sums of its stored applications, award rates by amount and by
 * count, shares by specialisation and their change from the previous round, and the listings
 * of clusters. Every figure keeps its basis; what is not known is NaN, never 0.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"
#include "clusterscope/store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The set's memory: every string and array, freed together. */
typedef struct {
    void **blocks;
    size_t n, cap;
} arena;

static void *arena_keep(arena *a, void *p)
{
    if (!p)
        return NULL;
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        void **grown = realloc(a->blocks, cap * sizeof *grown);
        if (!grown) {
            free(p);
            return NULL;
        }
        a->blocks = grown;
        a->cap = cap;
    }
    return a->blocks[a->n++] = p;
}

static void arena_free(arena *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        free(a->blocks[i]);
    free(a->blocks);
    free(a);
}

/* Growable arrays of the reader; the set's arrays are made from them at the end. */
typedef struct {
    cs_programme_info *p;
    size_t n, cap;
} programmes_t;

typedef struct {
    cs_programme_round_stats *r;
    char **programme; /* the round's programme key, per round */
    size_t n, cap;
} rounds_t;

typedef struct {
    cs_programme_share *s;
    char **programme, **round;
    size_t n, cap;
} shares_t;

typedef struct {
    cs_programme_application *a;
    char **programme, **round;
    size_t n, cap;
} apps_t;

typedef struct {
    cs_programme_listing *l;
    size_t n, cap;
} listings_t;

typedef struct {
    arena *mem;
    programmes_t programmes;
    rounds_t rounds;
    shares_t shares;
    apps_t apps;
    listings_t listings;
    int failed;
} reader;

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? 2 * *cap : 16;
    void *g = realloc(*arr, c * size);
    if (!g)
        return cs_error_set(CS_ENOMEM, "out of memory reading the programmes");
    *arr = g;
    *cap = c;
    return 0;
}

static int grow_names(char ***names, size_t cap)
{
    char **g = realloc(*names, cap * sizeof *g);
    if (!g)
        return cs_error_set(CS_ENOMEM, "out of memory reading the programmes");
    *names = g;
    return 0;
}

/* A copy of s kept in the set's memory; NULL stays NULL. *rc is set on failure. */
static const char *keep(reader *rd, const char *s, int *rc)
{
    if (!s || *rc)
        return NULL;
    char *c = arena_keep(rd->mem, strdup(s));
    if (!c)
        *rc = cs_error_set(CS_ENOMEM, "out of memory reading the programmes");
    return c;
}

static int on_programme(void *ctx, const cs_store_programme *p)
{
    reader *rd = ctx;
    int rc = grow((void **)&rd->programmes.p, &rd->programmes.cap, rd->programmes.n,
                  sizeof *rd->programmes.p);
    if (rc)
        return rc;
    cs_programme_info *o = &rd->programmes.p[rd->programmes.n];
    memset(o, 0, sizeof *o);
    o->key = keep(rd, p->key, &rc);
    o->kind = keep(rd, p->kind, &rc);
    o->name_en = keep(rd, p->name_en, &rc);
    o->name_ru = keep(rd, p->name_ru, &rc);
    o->operator_name = keep(rd, p->operator_name, &rc);
    o->country = keep(rd, p->country, &rc);
    o->currency = keep(rd, p->currency, &rc);
    o->levels = keep(rd, p->levels, &rc);
    o->url = keep(rd, p->url, &rc);
    o->source = keep(rd, p->source, &rc);
    o->locator = keep(rd, p->locator, &rc);
    o->quote = keep(rd, p->quote, &rc);
    o->note = keep(rd, p->note, &rc);
    o->started = p->started;
    o->ended = p->ended;
    o->budget = p->budget;
    if (!rc)
        rd->programmes.n++;
    return rc;
}

static double stated_count(long long v)
{
    return v < 0 ? NAN : (double)v;
}

static int on_round(void *ctx, const cs_store_round *r)
{
    reader *rd = ctx;
    rounds_t *t = &rd->rounds;
    size_t cap = t->cap;
    int rc = grow((void **)&t->r, &t->cap, t->n, sizeof *t->r);
    if (!rc && t->cap != cap)
        rc = grow_names(&t->programme, t->cap);
    if (rc)
        return rc;
    cs_programme_round_stats *o = &t->r[t->n];
    memset(o, 0, sizeof *o);
    t->programme[t->n] = (char *)keep(rd, r->programme, &rc);
    o->round = keep(rd, r->round, &rc);
    o->year = r->year;
    o->budget = r->budget;
    o->requested = r->requested;
    o->awarded = r->awarded;
    o->applications = stated_count(r->applications);
    o->awards = stated_count(r->awards);
    o->status = keep(rd, r->status, &rc);
    o->source = keep(rd, r->source, &rc);
    o->locator = keep(rd, r->locator, &rc);
    o->quote = keep(rd, r->quote, &rc);
    o->note = keep(rd, r->note, &rc);
    if (!rc)
        t->n++;
    return rc;
}

static int on_share(void *ctx, const cs_store_round_share *s)
{
    reader *rd = ctx;
    shares_t *t = &rd->shares;
    size_t cap = t->cap;
    int rc = grow((void **)&t->s, &t->cap, t->n, sizeof *t->s);
    if (!rc && t->cap != cap) {
        rc = grow_names(&t->programme, t->cap);
        rc = rc ? rc : grow_names(&t->round, t->cap);
    }
    if (rc)
        return rc;
    cs_programme_share *o = &t->s[t->n];
    memset(o, 0, sizeof *o);
    t->programme[t->n] = (char *)keep(rd, s->programme, &rc);
    t->round[t->n] = (char *)keep(rd, s->round, &rc);
    o->specialisation = keep(rd, s->specialisation, &rc);
    o->basis = CS_BASIS_STATED;
    o->clusters = stated_count(s->clusters);
    o->requested = s->requested;
    o->awarded = s->awarded;
    o->status = keep(rd, s->status, &rc);
    o->source = keep(rd, s->source, &rc);
    o->locator = keep(rd, s->locator, &rc);
    o->quote = keep(rd, s->quote, &rc);
    if (!rc)
        t->n++;
    return rc;
}

static int on_application(void *ctx, const cs_store_application *a)
{
    reader *rd = ctx;
    apps_t *t = &rd->apps;
    size_t cap = t->cap;
    int rc = grow((void **)&t->a, &t->cap, t->n, sizeof *t->a);
    if (!rc && t->cap != cap) {
        rc = grow_names(&t->programme, t->cap);
        rc = rc ? rc : grow_names(&t->round, t->cap);
    }
    if (rc)
        return rc;
    cs_programme_application *o = &t->a[t->n];
    memset(o, 0, sizeof *o);
    t->programme[t->n] = (char *)keep(rd, a->programme, &rc);
    t->round[t->n] = (char *)keep(rd, a->round, &rc);
    o->cluster = keep(rd, a->cluster, &rc);
    o->cluster_name = keep(rd, a->cluster_name, &rc);
    o->specialisation = keep(rd, a->specialisation, &rc);
    o->decision = keep(rd, a->decision, &rc);
    o->status = keep(rd, a->status, &rc);
    o->source = keep(rd, a->source, &rc);
    o->locator = keep(rd, a->locator, &rc);
    o->quote = keep(rd, a->quote, &rc);
    o->note = keep(rd, a->note, &rc);
    o->requested = a->requested;
    o->awarded = a->awarded;
    if (!rc)
        t->n++;
    return rc;
}

static int on_listing(void *ctx, const cs_store_listing *l)
{
    reader *rd = ctx;
    listings_t *t = &rd->listings;
    int rc = grow((void **)&t->l, &t->cap, t->n, sizeof *t->l);
    if (rc)
        return rc;
    cs_programme_listing *o = &t->l[t->n];
    memset(o, 0, sizeof *o);
    o->programme = keep(rd, l->programme, &rc);
    o->cluster = keep(rd, l->cluster, &rc);
    o->cluster_name = keep(rd, l->cluster_name, &rc);
    o->entered = keep(rd, l->entered, &rc);
    o->left_on = keep(rd, l->left_on, &rc);
    o->level = keep(rd, l->level, &rc);
    o->decision = keep(rd, l->decision, &rc);
    o->status = keep(rd, l->status, &rc);
    o->source = keep(rd, l->source, &rc);
    o->locator = keep(rd, l->locator, &rc);
    o->quote = keep(rd, l->quote, &rc);
    o->note = keep(rd, l->note, &rc);
    o->programme_kind = keep(rd, l->programme_kind, &rc);
    o->programme_name_en = keep(rd, l->programme_name_en, &rc);
    o->programme_name_ru = keep(rd, l->programme_name_ru, &rc);
    if (!rc)
        t->n++;
    return rc;
}

const char *cs_programme_basis_name(cs_programme_basis b)
{
    return b == CS_BASIS_STATED ? "stated" : b == CS_BASIS_APPLICATIONS ? "applications" : "none";
}

/* 1 when a and b name the same specialisation (NULL, the unknown one, matches only NULL). */
static int same_spec(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

/* Orders specialisations by bytes, the unknown one last. */
static int cmp_spec(const void *x, const void *y)
{
    const char *a = ((const cs_programme_share *)x)->specialisation;
    const char *b = ((const cs_programme_share *)y)->specialisation;
    if (!a || !b)
        return (a == NULL) - (b == NULL);
    return strcmp(a, b);
}

/* A percentage of part in whole, NaN unless both are known and whole is above 0. */
static double percent(double part, double whole)
{
    return isnan(part) || isnan(whole) || !(whole > 0) ? NAN : 100.0 * part / whole;
}

/* What an application adds to the awarded sum: its amount, 0 for one refused or withdrawn
 * without an amount (the schema allows such an application no award above 0), else NaN. */
static double awarded_amount(const cs_programme_application *a)
{
    if (!isnan(a->awarded))
        return a->awarded;
    if (a->decision &&
        (strcmp(a->decision, "refused") == 0 || strcmp(a->decision, "withdrawn") == 0))
        return 0;
    return NAN;
}

static int is_awarded(const cs_programme_application *a)
{
    return a->decision && strcmp(a->decision, "awarded") == 0;
}

static int is_undecided(const cs_programme_application *a)
{
    return !a->decision || strcmp(a->decision, "pending") == 0;
}

/* The round's sums and rates from its applications APPS[0..n) and stated totals. */
static void round_rates(cs_programme_round_stats *r, const cs_programme_application *apps, size_t n)
{
    r->n_applications = n;
    r->sum_requested = r->sum_awarded = n ? 0 : NAN;
    for (size_t i = 0; i < n; i++) {
        r->n_awarded += (size_t)is_awarded(&apps[i]);
        r->n_undecided += (size_t)is_undecided(&apps[i]);
        r->sum_requested += apps[i].requested; /* NaN once one is not stated */
        r->sum_awarded += awarded_amount(&apps[i]);
    }
    r->rate_amount = r->rate_count = NAN;
    if (!isnan(r->awarded) && r->requested > 0) {
        r->rate_amount = r->awarded / r->requested;
        r->rate_amount_basis = CS_BASIS_STATED;
    } else if (!isnan(r->sum_awarded) && r->sum_requested > 0) {
        r->rate_amount = r->sum_awarded / r->sum_requested;
        r->rate_amount_basis = CS_BASIS_APPLICATIONS;
    }
    if (!isnan(r->awards) && r->applications > 0) {
        r->rate_count = r->awards / r->applications;
        r->rate_count_basis = CS_BASIS_STATED;
    } else if (n > 0 && r->n_undecided == 0) {
        r->rate_count = (double)r->n_awarded / (double)n;
        r->rate_count_basis = CS_BASIS_APPLICATIONS;
    }
}

/* The round's shares: its stated ones (STATED[0..ns)) when it has any, else one per
 * specialisation of its applications' clusters. */
static int round_shares(cs_programme_round_stats *r, const cs_programme_share *stated, size_t ns,
                        const cs_programme_application *apps, size_t na, arena *mem)
{
    size_t cap = ns ? ns : na;
    if (!cap)
        return 0;
    cs_programme_share *sh = arena_keep(mem, calloc(cap, sizeof *sh));
    if (!sh)
        return cs_error_set(CS_ENOMEM, "out of memory for the shares of a round");
    size_t n = 0;
    if (ns) {
        memcpy(sh, stated, ns * sizeof *sh);
        n = ns;
        for (size_t k = 0; k < n; k++) {
            sh[k].share_amount = percent(sh[k].awarded, r->awarded);
            sh[k].share_count = percent(sh[k].clusters, r->awards);
        }
    } else {
        for (size_t i = 0; i < na; i++) {
            size_t k = 0;
            while (k < n && !same_spec(sh[k].specialisation, apps[i].specialisation))
                k++;
            if (k == n) {
                sh[n].specialisation = apps[i].specialisation;
                sh[n].basis = CS_BASIS_APPLICATIONS;
                n++;
            }
            sh[k].clusters += is_awarded(&apps[i]);
            sh[k].requested += apps[i].requested;
            sh[k].awarded += awarded_amount(&apps[i]);
        }
        for (size_t k = 0; k < n; k++) {
            sh[k].share_amount = percent(sh[k].awarded, r->sum_awarded);
            /* a count share needs every application decided: a pending one may yet be an
             * award of any specialisation */
            sh[k].share_count =
                r->n_undecided ? NAN : percent(sh[k].clusters, (double)r->n_awarded);
        }
    }
    qsort(sh, n, sizeof *sh, cmp_spec);
    for (size_t k = 0; k < n; k++)
        sh[k].change_amount = sh[k].change_count = NAN;
    r->shares = sh;
    r->n_shares = n;
    return 0;
}

/* Each share's change from the same specialisation, on the same basis, in PREV. */
static void share_changes(cs_programme_round_stats *cur, const cs_programme_round_stats *prev)
{
    cs_programme_share *sh = (cs_programme_share *)cur->shares;
    for (size_t k = 0; k < cur->n_shares; k++)
        for (size_t j = 0; j < prev->n_shares; j++) {
            const cs_programme_share *p = &prev->shares[j];
            if (p->basis != sh[k].basis || !same_spec(p->specialisation, sh[k].specialisation))
                continue;
            sh[k].change_amount = sh[k].share_amount - p->share_amount; /* NaN stays NaN */
            sh[k].change_count = sh[k].share_count - p->share_count;
        }
}

/* The year of a date YYYY[-MM[-DD]]; -1 when it does not start with four digits. */
static int date_year(const char *d)
{
    if (!d)
        return -1;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (d[i] < '0' || d[i] > '9')
            return -1;
        y = y * 10 + (d[i] - '0');
    }
    return y;
}

static int listed_in(const cs_programme_listing *l, int year)
{
    int in = date_year(l->entered), out = date_year(l->left_on);
    return in >= 0 && in <= year && (!l->left_on || out < 0 || out >= year);
}

static int build(cs_programme_set *set, reader *rd, const char *cluster, int year)
{
    arena *mem = rd->mem;
    int rc = 0;
    for (size_t p = 0; p < rd->programmes.n && !rc; p++) {
        cs_programme_info *pi = &rd->programmes.p[p];
        size_t first = 0, nr = 0;
        while (first < rd->rounds.n && strcmp(rd->rounds.programme[first], pi->key) != 0)
            first++;
        while (first + nr < rd->rounds.n && strcmp(rd->rounds.programme[first + nr], pi->key) == 0)
            nr++;
        cs_programme_round_stats *rs = nr ? arena_keep(mem, calloc(nr, sizeof *rs)) : NULL;
        if (nr && !rs) {
            rc = cs_error_set(CS_ENOMEM, "out of memory for the rounds");
            break;
        }
        for (size_t k = 0; k < nr && !rc; k++) {
            rs[k] = rd->rounds.r[first + k];
            /* the round's stated shares and applications: contiguous in the reader's order */
            size_t s0 = 0, ns = 0, a0 = 0, na = 0, mine = 0;
            for (size_t i = 0; i < rd->shares.n; i++)
                if (strcmp(rd->shares.programme[i], pi->key) == 0 &&
                    strcmp(rd->shares.round[i], rs[k].round) == 0) {
                    s0 = ns ? s0 : i;
                    ns++;
                }
            for (size_t i = 0; i < rd->apps.n; i++)
                if (strcmp(rd->apps.programme[i], pi->key) == 0 &&
                    strcmp(rd->apps.round[i], rs[k].round) == 0) {
                    a0 = na ? a0 : i;
                    na++;
                    mine += !cluster || strcmp(rd->apps.a[i].cluster, cluster) == 0;
                }
            /* no arithmetic on the readers' arrays when they are empty (NULL) */
            const cs_programme_application *apps = na ? rd->apps.a + a0 : NULL;
            round_rates(&rs[k], apps, na);
            rc = round_shares(&rs[k], ns ? rd->shares.s + s0 : NULL, ns, apps, na, mem);
            if (!rc && k > 0)
                share_changes(&rs[k], &rs[k - 1]);
            if (!rc && mine) {
                cs_programme_application *own = arena_keep(mem, calloc(mine, sizeof *own));
                if (!own)
                    rc = cs_error_set(CS_ENOMEM, "out of memory for the applications");
                for (size_t i = 0, m = 0; own && i < na; i++)
                    if (!cluster || strcmp(apps[i].cluster, cluster) == 0)
                        own[m++] = apps[i];
                rs[k].apps = own;
                rs[k].n_apps = mine;
            }
        }
        pi->rounds = rs;
        pi->n_rounds = nr;
    }
    if (rc)
        return rc;
    set->programmes = rd->programmes.p;
    set->n_programmes = rd->programmes.n;
    size_t kept = 0;
    for (size_t i = 0; i < rd->listings.n; i++) {
        cs_programme_listing *l = &rd->listings.l[i];
        if (year && !listed_in(l, year))
            continue;
        rd->listings.l[kept++] = *l;
    }
    set->listings = rd->listings.l;
    set->n_listings = kept;
    return 0;
}

void cs_programme_set_free(cs_programme_set *s)
{
    if (!s)
        return;
    arena_free(s->owned);
    free(s);
}

int cs_service_programmes(cs_programme_set **out, cs_service *svc, const char *programme,
                          const char *cluster, int year)
{
    *out = NULL;
    cs_programme_set *set = calloc(1, sizeof *set);
    reader rd;
    memset(&rd, 0, sizeof rd);
    rd.mem = calloc(1, sizeof *rd.mem);
    if (!set || !rd.mem) {
        free(set);
        free(rd.mem);
        return cs_error_set(CS_ENOMEM, "out of memory reading the programmes");
    }
    set->owned = rd.mem;
    /* the statistics need every application of a round, so applications are read for all
     * clusters and those of CLUSTER picked out; the listings are read for CLUSTER alone */
    cs_store_programme_visitor all = {
        on_programme, on_round, on_share, on_application, NULL, &rd
    };
    cs_store_programme_visitor lists = { NULL, NULL, NULL, NULL, on_listing, &rd };
    /* one state of the registry for every read, unless the caller holds a transaction */
    int rc = 0, began = 0;
    if (!cs_store_in_transaction(svc->store)) {
        rc = cs_store_read_begin(svc->store);
        began = rc == 0;
    }
    rc = rc ? rc : cs_store_programmes_read(svc->store, programme, NULL, &all);
    rc = rc ? rc : cs_store_programmes_read(svc->store, programme, cluster, &lists);
    if (began)
        cs_store_read_end(svc->store);
    /* the reader's arrays belong to the set from here on */
    void *arrays[] = { rd.programmes.p, rd.rounds.r, rd.shares.s, rd.apps.a, rd.listings.l };
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        if (arrays[i] && !arena_keep(rd.mem, arrays[i]) && !rc)
            rc = cs_error_set(CS_ENOMEM, "out of memory reading the programmes");
    rc = rc ? rc : build(set, &rd, cluster, year);
    free(rd.rounds.programme);
    free(rd.shares.programme);
    free(rd.shares.round);
    free(rd.apps.programme);
    free(rd.apps.round);
    if (rc) {
        cs_programme_set_free(set);
        return rc;
    }
    *out = set;
    return 0;
}
