/*
 * label.c: the label of a group, the nearest reference type, and the reason in words. The
 * nearest type is the one where the study places most of the group's members; ties (and groups
 * with no member placed) go to the type whose published shares the group matches most often,
 * then to the smallest mean gap, then to the lowest number. A share matches when it lies within
 * half a member (0.5 / members known) of the published range.
 *
 * Two groups nearest to the same type are not both given its name: the one nearer by the same
 * order (members placed, shares matched, mean gap; then the lower group number) keeps it, and
 * the other says plainly that it is nearest to that type too and why it is left unnamed.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"
#include "util/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t members; /* members the study places in the type */
    int matches, compared;
    double gap_sum;
} type_score;

static int country_in(const char *country, const char *list)
{
    size_t n = strlen(country);
    if (n == 0)
        return 0;
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, country, n) == 0)
            return 1;
        p += len + (e ? 1 : 0);
    }
    return 0;
}

/* Share of group g meeting the trait, and how many members it is known for; 0 when none. */
static int trait_share(const cs_classification *c, int g, const cs_reference_trait *t,
                       double *share, size_t *known)
{
    size_t met = 0, kn = 0;
    if (t->item) {
        long item = cs_method_find_item(c->m, t->item);
        if (item < 0)
            return 0;
        for (size_t a = 0; a < c->na; a++) {
            size_t i = c->idx[a];
            if (c->group[i] != g + 1)
                continue;
            cs_result r = c->items[i * c->n_items + (size_t)item];
            if (r != CS_RESULT_UNKNOWN) {
                kn++;
                met += r == CS_RESULT_MET;
            }
        }
    } else {
        for (size_t a = 0; a < c->na; a++) {
            size_t i = c->idx[a];
            if (c->group[i] != g + 1 || !*c->countries[i])
                continue;
            kn++;
            met += (size_t)country_in(c->countries[i], t->countries);
        }
    }
    if (!kn)
        return 0;
    *share = (double)met / (double)kn;
    *known = kn;
    return 1;
}

static double trait_gap(const cs_reference_trait *t, double share)
{
    return share < t->share_min   ? t->share_min - share
           : share > t->share_max ? share - t->share_max
                                  : 0.0;
}

static void trait_label(char *buf, size_t cap, const cs_classification *c,
                        const cs_reference_trait *t)
{
    if (!t->item) {
        snprintf(buf, cap, "%s", cs_cls_text(c, "classify.label.country"));
        return;
    }
    long item = cs_method_find_item(c->m, t->item);
    if (item < 0)
        snprintf(buf, cap, "%s", t->item);
    else
        cs_cls_item_label(buf, cap, c->m, (size_t)item);
}

static void share_range(char *buf, size_t cap, const cs_reference_trait *t)
{
    if (t->share_min == t->share_max)
        snprintf(buf, cap, "%.0f%%", 100 * t->share_min);
    else
        snprintf(buf, cap, "%.0f-%.0f%%", 100 * t->share_min, 100 * t->share_max);
}

/* Scores every type for group g; *placed receives the members placed in any type. */
static void score_types(type_score *sc, size_t *placed, const cs_classification *c, int g)
{
    const cs_reference_set *ref = c->ref;
    *placed = 0;
    for (size_t t = 0; t < ref->n_types; t++) {
        sc[t].members = c->groups[g].study_count[t];
        *placed += sc[t].members;
        for (size_t k = 0; k < ref->types[t].n_traits; k++) {
            const cs_reference_trait *tr = &ref->types[t].traits[k];
            double share;
            size_t known;
            if (!trait_share(c, g, tr, &share, &known))
                continue;
            double gap = trait_gap(tr, share);
            sc[t].compared++;
            sc[t].gap_sum += gap;
            if (gap < 0.5 / (double)known)
                sc[t].matches++;
        }
    }
}

static size_t nearest_type(const type_score *sc, size_t nt)
{
    size_t best = SIZE_MAX;
    for (size_t t = 0; t < nt; t++) {
        if (sc[t].members == 0 && sc[t].compared == 0)
            continue;
        if (best == SIZE_MAX) {
            best = t;
            continue;
        }
        const type_score *a = &sc[t], *b = &sc[best];
        double ga = a->compared ? a->gap_sum / a->compared : INFINITY;
        double gb = b->compared ? b->gap_sum / b->compared : INFINITY;
        if (a->members > b->members ||
            (a->members == b->members &&
             (a->matches > b->matches || (a->matches == b->matches && ga < gb))))
            best = t;
    }
    return best;
}

/* Which published shares of type `best` group g matches, and which it does not. */
static int reason_shares(cs_buf *r, const cs_classification *c, int g, const type_score *sc,
                         size_t best, size_t placed)
{
    const cs_reference_type *t = &c->ref->types[best];
    cs_buf yes = CS_BUF_INIT, no = CS_BUF_INIT;
    size_t n_yes = 0, n_no = 0;
    int rc = 0;
    for (size_t k = 0; !rc && k < t->n_traits; k++) {
        const cs_reference_trait *tr = &t->traits[k];
        double share;
        size_t known;
        if (!trait_share(c, g, tr, &share, &known))
            continue;
        char label[96], range[32];
        trait_label(label, sizeof label, c, tr);
        if (trait_gap(tr, share) < 0.5 / (double)known) {
            rc = cs_buf_printf(&yes, "%s%s", n_yes ? ", " : "", label);
            n_yes++;
        } else {
            share_range(range, sizeof range, tr);
            rc = cs_buf_printf(&no, cs_cls_text(c, "classify.reason.share_not_matching"),
                               n_no ? ", " : "", label, 100 * share, known, t->number, range);
            n_no++;
        }
    }
    if (!rc && n_yes)
        rc = cs_buf_printf(r, cs_cls_text(c, "classify.reason.shares_match"), cs_buf_str(&yes),
                           t->number);
    if (!rc && n_no)
        rc = cs_buf_printf(r, cs_cls_text(c, "classify.reason.not_matching"), cs_buf_str(&no));
    if (!rc && !n_yes && !n_no)
        rc = cs_buf_printf(r, cs_cls_text(c, "classify.reason.none_comparable"), t->number);
    if (!rc && !placed)
        rc = cs_buf_printf(r, cs_cls_text(c, "classify.reason.nearest_by_shares"), sc[best].matches,
                           sc[best].compared);
    cs_buf_free(&yes);
    cs_buf_free(&no);
    return rc;
}

/* The reason for labelling group g with type `best`: placements first, then shares. */
static int reason(cs_buf *r, const cs_classification *c, int g, const type_score *sc, size_t best,
                  size_t placed)
{
    const cs_reference_set *ref = c->ref;
    int rc = 0;
    if (placed) {
        rc = cs_buf_printf(r, cs_cls_text(c, "classify.reason.placed"), sc[best].members, placed,
                           ref->types[best].number);
        int first = 1;
        for (size_t o = 0; !rc && o < ref->n_types; o++) {
            if (o == best || !sc[o].members)
                continue;
            rc = cs_buf_printf(r, "%sG%d %zu", first ? " (" : ", ", ref->types[o].number,
                               sc[o].members);
            first = 0;
        }
        if (!rc && !first)
            rc = cs_buf_puts(r, ")");
    } else {
        rc = cs_buf_puts(r, cs_cls_text(c, "classify.reason.placed_none"));
    }
    return rc ? rc : reason_shares(r, c, g, sc, best, placed);
}

int cs_cls_label_group(cs_classification *c, int g)
{
    size_t nt = c->ref->n_types, placed = 0;
    type_score *sc = calloc(nt + 1, sizeof *sc);
    if (!sc)
        return cs_error_set(CS_ENOMEM, "out of memory");
    score_types(sc, &placed, c, g);
    size_t best = nearest_type(sc, nt);
    cs_classify_group *grp = &c->groups[g];
    cs_buf r = CS_BUF_INIT;
    int rc;
    if (!c->nearness && !(c->nearness = calloc((size_t)c->k * 3 + 1, sizeof *c->nearness))) {
        free(sc);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (best == SIZE_MAX) {
        grp->label = grp->nearest = 0;
        rc = cs_buf_puts(&r, cs_cls_text(c, "classify.reason.none_near"));
    } else {
        grp->label = grp->nearest = c->ref->types[best].number;
        double *near = c->nearness + (size_t)g * 3;
        near[0] = (double)sc[best].members;
        near[1] = sc[best].matches;
        near[2] = sc[best].compared ? sc[best].gap_sum / sc[best].compared : INFINITY;
        rc = reason(&r, c, g, sc, best, placed);
    }
    free(sc);
    if (rc) {
        cs_buf_free(&r);
        return rc;
    }
    c->reasons[g] = r.data ? r.data : cs_cls_strdup("");
    grp->reason = c->reasons[g];
    return c->reasons[g] ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

/* Whether group a is nearer to its type than group b (both nearest to it): more members
 * placed there, then more shares matched, then a smaller mean gap, then the lower number. */
static int nearer(const cs_classification *c, int a, int b)
{
    const double *x = c->nearness + (size_t)a * 3, *y = c->nearness + (size_t)b * 3;
    if (x[0] != y[0])
        return x[0] > y[0];
    if (x[1] != y[1])
        return x[1] > y[1];
    if (x[2] != y[2])
        return x[2] < y[2];
    return a < b;
}

int cs_cls_label_shared(cs_classification *c)
{
    for (int g = 0; g < c->k; g++) {
        cs_classify_group *grp = &c->groups[g];
        if (!grp->nearest)
            continue;
        int keeper = g;
        for (int o = 0; o < c->k; o++)
            if (o != g && c->groups[o].nearest == grp->nearest && nearer(c, o, keeper))
                keeper = o;
        if (keeper == g)
            continue;
        grp->label = 0;
        cs_buf r = CS_BUF_INIT;
        int rc = cs_buf_puts(&r, c->reasons[g]);
        rc = rc ? rc
                : cs_buf_printf(&r, cs_cls_text(c, "classify.reason.shared_type"), keeper + 1,
                                grp->nearest, grp->nearest);
        if (rc) {
            cs_buf_free(&r);
            return rc;
        }
        free(c->reasons[g]);
        c->reasons[g] = r.data;
        grp->reason = c->reasons[g];
    }
    return 0;
}
