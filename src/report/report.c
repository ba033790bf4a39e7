/*
 * report.c: gathers the report's content from the registry (a fresh assessment, the default
 * typology, the reference set) and writes it as HTML, Markdown, CSV or JSON. Every data string
 * goes through cs_report_put(); the output depends on nothing but the registry and the
 * options (no clock, no environment).
 */
#include "clusterscope/report.h"

#include "clusterscope/assess.h"
#include "clusterscope/chart.h"
#include "clusterscope/classify.h"
#include "clusterscope/clusterscope.h"
#include "clusterscope/error.h"
#include "clusterscope/method.h"
#include "clusterscope/registry.h"
#include "clusterscope/typology.h"
#include "report/report_impl.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cs_report {
    cs_report_options o;
    cs_method *m;
    cs_cluster_list *clusters;
    cs_source_list *sources;
    cs_factset *facts;
    cs_assess_subject *subjects;
    cs_source_info *sinfo;
    cs_subject_kind *fact_kinds;
    const char **fact_names;
    cs_assessment *a;
    char *codes;              /* n rows of (items + 1) bytes */
    cs_classify_object *objs; /* n */
    cs_reference_set *ref;    /* may be NULL */
    cs_classification *c;     /* may be NULL when the typology could not run */
    char *typology_note;      /* why not, when c is NULL */
    size_t n;
    size_t n_an;        /* clusters analysed */
    size_t *an;         /* their indexes */
    double *z;          /* linkage of the analysed clusters ((n_an - 1) x 4) */
    double cut;         /* the cut height for k groups, -1 when none */
    size_t *order;      /* all clusters: dendrogram order, then those left out */
    char **gnames;      /* k group names in the language */
    const char **names; /* display name per cluster */
};

static const char *T(const cs_report *r, const char *key)
{
    return cs_report_text(r->o.lang, key);
}

static const char *cluster_name(const cs_cluster_info *ci, cs_lang lang)
{
    if (lang == CS_LANG_RU)
        return *ci->name_ru ? ci->name_ru : *ci->name_en ? ci->name_en : ci->key;
    return *ci->name_en ? ci->name_en : *ci->name_ru ? ci->name_ru : ci->key;
}

void cs_report_free(cs_report *r)
{
    if (!r)
        return;
    if (r->gnames && r->c)
        for (int g = 0; g < cs_classification_k(r->c); g++)
            free(r->gnames[g]);
    free(r->gnames);
    free(r->names);
    free(r->order);
    free(r->z);
    free(r->an);
    free(r->typology_note);
    cs_classification_free(r->c);
    cs_reference_free(r->ref);
    free(r->objs);
    free(r->codes);
    cs_assessment_free(r->a);
    free(r->subjects);
    free(r->sinfo);
    free(r->fact_kinds);
    free(r->fact_names);
    cs_factset_free(r->facts);
    cs_source_list_free(r->sources);
    cs_cluster_list_free(r->clusters);
    cs_method_free(r->m);
    free(r);
}

static int load_method(cs_method **m, const char *spec)
{
    if (strchr(spec, '/') || strstr(spec, ".json"))
        return cs_method_load_file(m, spec);
    return cs_method_load_builtin(m, spec);
}

static int assess(cs_report *r, cs_store *store)
{
    int rc = cs_registry_clusters(&r->clusters, store, NULL);
    rc = rc ? rc : cs_registry_sources(&r->sources, store);
    rc = rc ? rc : cs_factset_new(&r->facts);
    if (rc)
        return rc;
    size_t nf = cs_method_fact_count(r->m), n = cs_cluster_list_count(r->clusters),
           ns = cs_source_list_count(r->sources);
    r->n = n;
    r->fact_kinds = calloc(nf + 1, sizeof *r->fact_kinds);
    r->fact_names = calloc(nf + 1, sizeof *r->fact_names);
    r->subjects = calloc(n + 1, sizeof *r->subjects);
    r->sinfo = calloc(ns + 1, sizeof *r->sinfo);
    r->names = calloc(n + 1, sizeof *r->names);
    if (!r->fact_kinds || !r->fact_names || !r->subjects || !r->sinfo || !r->names)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < nf; i++) {
        r->fact_kinds[i] = cs_method_fact_at(r->m, i)->subject_kind;
        r->fact_names[i] = cs_method_fact_at(r->m, i)->name;
    }
    if (nf && (rc = cs_registry_load_facts(r->facts, store, r->fact_kinds, r->fact_names, nf)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        r->names[i] = cluster_name(ci, r->o.lang);
        r->subjects[i] = (cs_assess_subject){ ci->key, r->names[i], ci->country, ci->region };
    }
    for (size_t i = 0; i < ns; i++) {
        const cs_source_record *s = cs_source_list_at(r->sources, i);
        r->sinfo[i] = (cs_source_info){ s->key, s->title, s->document, s->locator,
                                        s->url, s->date,  s->publisher };
    }
    cs_assess_options ao = { r->o.year, r->sinfo, ns };
    return cs_assess_run(&r->a, r->m, r->facts, r->subjects, n, &ao);
}

static void set_note(cs_report *r)
{
    free(r->typology_note);
    r->typology_note = strdup(cs_error_last());
    cs_error_clear();
}

/* The typology as `clusterscope classify` computes it by default, and the dendrogram of the
 * same analysis (average linkage on pairwise simple matching). */
static int classify(cs_report *r, cs_store *store)
{
    size_t n = r->n, ni = cs_method_item_count(r->m);
    r->order = calloc(n + 1, sizeof *r->order);
    r->codes = calloc(n * (ni + 1) + 1, 1);
    r->objs = calloc(n + 1, sizeof *r->objs);
    if (!r->order || !r->codes || !r->objs)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        char *code = r->codes + i * (ni + 1);
        cs_assessment_code(code, ni + 1, r->a, i);
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        r->objs[i] = (cs_classify_object){ ci->key, ci->country, code };
        r->order[i] = i;
    }
    r->cut = -1;
    if (cs_reference_load(&r->ref, store, NULL, cs_method_id(r->m)) != 0) {
        cs_error_clear();
        r->ref = NULL;
    }
    cs_classify_options co;
    cs_classify_options_init(&co);
    if (n < 3 || cs_classify(&r->c, r->m, r->objs, n, r->ref, &co) != 0) {
        if (n < 3)
            cs_error_set(CS_EDATA, "fewer than 3 clusters");
        set_note(r);
        r->c = NULL;
        return 0;
    }
    int k = cs_classification_k(r->c);
    r->gnames = calloc((size_t)k + 1, sizeof *r->gnames);
    if (!r->gnames)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (int g = 1; g <= k; g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        const char *tname = NULL;
        for (size_t t = 0; r->ref && gr->label && t < r->ref->n_types; t++)
            if (r->ref->types[t].number == gr->label)
                tname =
                    r->o.lang == CS_LANG_RU && r->ref->types[t].name_ru && *r->ref->types[t].name_ru
                        ? r->ref->types[t].name_ru
                        : r->ref->types[t].name_en;
        char buf[512];
        if (tname)
            snprintf(buf, sizeof buf, "%s %d: %s", T(r, "group"), g, tname);
        else
            snprintf(buf, sizeof buf, "%s %d", T(r, "group"), g);
        if (!(r->gnames[g - 1] = strdup(buf)))
            return cs_error_set(CS_ENOMEM, "out of memory");
    }
    /* the dendrogram of the analysed clusters */
    r->an = calloc(n + 1, sizeof *r->an);
    if (!r->an)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (cs_classification_group_of(r->c, i))
            r->an[r->n_an++] = i;
    size_t nvar = cs_classification_variable_count(r->c);
    if (r->n_an < 2 || nvar == 0 || cs_classification_view(r->c) != CS_CLASSIFY_VIEW_ITEMS)
        return 0;
    /* the variables known for at least one analysed cluster: the others carry no distance */
    size_t *var = calloc(nvar, sizeof *var), nv = 0;
    if (!var)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t j = 0; j < nvar; j++) {
        size_t item = cs_classification_variable(r->c, j);
        for (size_t a = 0; a < r->n_an; a++)
            if (r->objs[r->an[a]].code[item] != '?') {
                var[nv++] = item;
                break;
            }
    }
    cs_var_type *types = calloc(nv + 1, sizeof *types);
    cs_datamatrix *dm = NULL;
    double *d = NULL;
    int rc = types && nv ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t j = 0; !rc && j < nv; j++)
        types[j] = CS_VAR_BINARY;
    rc = rc ? rc : cs_datamatrix_new(&dm, r->n_an, nv, types);
    for (size_t a = 0; !rc && a < r->n_an; a++) {
        const char *code = r->objs[r->an[a]].code;
        for (size_t j = 0; !rc && j < nv; j++) {
            char ch = code[var[j]];
            if (ch == '1' || ch == '0')
                rc = cs_datamatrix_set(dm, a, j, ch == '1');
        }
    }
    free(var);
    cs_distance_options dopt = { 0 };
    dopt.unknown = cs_classification_unknown(r->c);
    rc = rc ? rc : cs_distance_condensed(&d, dm, CS_METRIC_HAMMING, &dopt);
    if (!rc && !(r->z = calloc(4 * (r->n_an - 1) + 4, sizeof *r->z)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    rc = rc ? rc : cs_linkage(r->z, d, r->n_an, CS_LINKAGE_AVERAGE, NULL);
    cs_typology_free(d);
    cs_datamatrix_free(dm);
    free(types);
    if (rc) {
        /* the report still has everything else; say why the dendrogram is missing */
        set_note(r);
        free(r->z);
        r->z = NULL;
        return 0;
    }
    size_t m = r->n_an;
    if (k >= 2 && (size_t)k <= m - 1)
        r->cut = (r->z[4 * (m - (size_t)k - 1) + 2] + r->z[4 * (m - (size_t)k) + 2]) / 2;
    size_t *lo = calloc(m, sizeof *lo);
    if (!lo || cs_chart_leaf_order(lo, r->z, m)) {
        free(lo);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    size_t o = 0;
    for (size_t a = 0; a < m; a++)
        r->order[o++] = r->an[lo[a]];
    for (size_t i = 0; i < n; i++)
        if (!cs_classification_group_of(r->c, i))
            r->order[o++] = i;
    free(lo);
    return 0;
}

int cs_report_build(cs_report **out, cs_store *store, const cs_report_options *opts)
{
    *out = NULL;
    cs_report *r = calloc(1, sizeof *r);
    if (!r)
        return cs_error_set(CS_ENOMEM, "out of memory");
    r->o = *opts;
    if (!r->o.sections)
        r->o.sections = CS_REPORT_ALL;
    int rc = load_method(&r->m, r->o.method ? r->o.method : "hse-biomedical-2019");
    rc = rc ? rc : assess(r, store);
    rc = rc ? rc : classify(r, store);
    if (rc) {
        cs_report_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* A document: HTML or Markdown, written through the same calls                                */

typedef struct {
    FILE *f;
    int md;
    int err;
    cs_buf b;
} doc;

static void raw(doc *d, const char *s)
{
    if (fputs(s, d->f) == EOF)
        d->err = 1;
}

static void esc(doc *d, const char *s)
{
    cs_buf_reset(&d->b);
    if (cs_report_put(&d->b, s, d->md ? CS_ESCAPE_MARKDOWN : CS_ESCAPE_HTML))
        d->err = 1;
    raw(d, cs_buf_str(&d->b));
}

static void heading(doc *d, int level, const char *id, const char *s)
{
    if (d->md) {
        for (int i = 0; i < level; i++)
            raw(d, "#");
        raw(d, " ");
        esc(d, s);
        raw(d, "\n\n");
        return;
    }
    fprintf(d->f, "<h%d%s%s%s>", level, id ? " id=\"" : "", id ? id : "", id ? "\"" : "");
    esc(d, s);
    fprintf(d->f, "</h%d>\n", level);
}

static void para(doc *d, const char *s)
{
    raw(d, d->md ? "" : "<p>");
    esc(d, s);
    raw(d, d->md ? "\n\n" : "</p>\n");
}

static void table_head(doc *d, const char *const *h, size_t n)
{
    if (d->md) {
        raw(d, "|");
        for (size_t i = 0; i < n; i++) {
            raw(d, " ");
            esc(d, h[i]);
            raw(d, " |");
        }
        raw(d, "\n|");
        for (size_t i = 0; i < n; i++)
            raw(d, "---|");
        raw(d, "\n");
        return;
    }
    raw(d, "<table>\n<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        raw(d, "<th>");
        esc(d, h[i]);
        raw(d, "</th>");
    }
    raw(d, "</tr></thead>\n<tbody>\n");
}

static void table_row(doc *d, const char *const *c, size_t n)
{
    raw(d, d->md ? "|" : "<tr>");
    for (size_t i = 0; i < n; i++) {
        raw(d, d->md ? " " : "<td>");
        esc(d, c[i] ? c[i] : "");
        raw(d, d->md ? " |" : "</td>");
    }
    raw(d, d->md ? "\n" : "</tr>\n");
}

static void table_end(doc *d)
{
    raw(d, d->md ? "\n" : "</tbody>\n</table>\n");
}

/* A chart: inline in HTML; in Markdown only its caption (the charts are in the HTML report). */
static void figure(doc *d, char *svg_text, const char *caption)
{
    if (!svg_text) {
        cs_error_clear();
        return;
    }
    if (!d->md) {
        raw(d, "<figure>\n");
        raw(d, svg_text);
        raw(d, "<figcaption>");
        esc(d, caption);
        raw(d, "</figcaption>\n</figure>\n");
    }
    free(svg_text);
}

static void num(char *out, size_t cap, const cs_report *r, double v, int dec)
{
    cs_report_format_number(out, cap, r->o.lang, v, dec);
}

static void percent(char *out, size_t cap, const cs_report *r, size_t met, size_t known)
{
    if (!known) {
        snprintf(out, cap, "? (0/0)");
        return;
    }
    char p[32];
    num(p, sizeof p, r, 100.0 * (double)met / (double)known, 0);
    snprintf(out, cap, "%s%s (%zu/%zu)", p, r->o.lang == CS_LANG_RU ? "\xC2\xA0%" : "%", met,
             known);
}

static const char *result_word(const cs_report *r, cs_result v)
{
    return v == CS_RESULT_MET       ? T(r, "met")
           : v == CS_RESULT_NOT_MET ? T(r, "not_met")
                                    : T(r, "unknown");
}

static int group_of(const cs_report *r, size_t i)
{
    return r->c ? cs_classification_group_of(r->c, i) : 0;
}

static const char *group_name(const cs_report *r, size_t i)
{
    int g = group_of(r, i);
    return g ? r->gnames[g - 1] : T(r, "no_group");
}

static cs_chart_locale locale(const cs_report *r)
{
    return (cs_chart_locale){ r->o.lang == CS_LANG_RU, T(r, "unknown") };
}

static const char *lbl(const cs_report *r, const char *en, const char *ru)
{
    if (r->o.lang == CS_LANG_RU)
        return ru && *ru ? ru : en ? en : "";
    return en && *en ? en : ru ? ru : "";
}

/* Counts of a string field over the clusters, most frequent first then by value. */
typedef struct {
    const char *v;
    size_t n;
} tally;

static int cmp_tally(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->v, y->v);
}

static size_t count_by(tally *t, const cs_report *r, int kind)
{
    size_t m = 0;
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        const char *v = kind ? ci->kind : ci->country;
        size_t j = 0;
        while (j < m && strcmp(t[j].v, v) != 0)
            j++;
        if (j == m)
            t[m++] = (tally){ v, 0 };
        t[j].n++;
    }
    qsort(t, m, sizeof *t, cmp_tally);
    return m;
}

static void section_sample(doc *d, const cs_report *r)
{
    heading(d, 2, "sample", T(r, "sample"));
    char buf[256], cnt[64];
    cs_report_count(cnt, sizeof cnt, r->o.lang, (long)r->n, "cluster");
    para(d, cnt);
    tally *t = calloc(r->n + 1, sizeof *t);
    if (!t) {
        d->err = 1;
        return;
    }
    for (int kind = 0; kind < 2 && r->n; kind++) {
        heading(d, 3, NULL, T(r, kind ? "by_kind" : "by_country"));
        size_t m = count_by(t, r, kind);
        const char *h[2] = { T(r, kind ? "kind" : "country"), T(r, "count") };
        table_head(d, h, 2);
        for (size_t j = 0; j < m; j++) {
            snprintf(buf, sizeof buf, "%zu", t[j].n);
            const char *c[2] = { *t[j].v ? t[j].v : "?", buf };
            table_row(d, c, 2);
        }
        table_end(d);
    }
    free(t);
    double *lat = calloc(r->n + 1, sizeof *lat), *lon = calloc(r->n + 1, sizeof *lon);
    int *col = calloc(r->n + 1, sizeof *col);
    size_t with = 0;
    if (lat && lon && col) {
        for (size_t i = 0; i < r->n; i++) {
            const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
            lat[i] = ci->has_coordinates ? ci->lat : NAN;
            lon[i] = ci->has_coordinates ? ci->lon : NAN;
            with += ci->has_coordinates != 0;
            col[i] = group_of(r, i) - 1;
        }
        if (with) {
            cs_chart_locale loc = locale(r);
            cs_chart_map_spec ms = { T(r, "map"),
                                     lat,
                                     lon,
                                     r->names,
                                     col,
                                     r->n,
                                     (const char *const *)r->gnames,
                                     r->c ? (size_t)cs_classification_k(r->c) : 0,
                                     T(r, "no_group") };
            figure(d, cs_chart_map(&ms, &loc), T(r, "map_note"));
        } else {
            para(d, T(r, "no_map"));
        }
    }
    free(lat);
    free(lon);
    free(col);
}

static void section_indicators(doc *d, const cs_report *r)
{
    heading(d, 2, "indicators", T(r, "indicators"));
    char buf[1024];
    char title[768];
    cs_report_quote(title, sizeof title, r->o.lang,
                    lbl(r, cs_method_title_en(r->m), cs_method_title_ru(r->m)));
    snprintf(buf, sizeof buf, "%s (%s, %s %s)", title, cs_method_id(r->m), T(r, "version"),
             cs_method_version(r->m));
    para(d, buf);
    for (size_t b = 0; b < cs_method_block_count(r->m); b++) {
        const cs_method_block *bl = cs_method_block_at(r->m, b);
        snprintf(buf, sizeof buf, "%s %s: %s", T(r, "block"), bl->code,
                 lbl(r, bl->label_en, bl->label_ru));
        heading(d, 3, NULL, buf);
        const char *h[4] = { T(r, "code"), T(r, "indicator"), T(r, "rule"), T(r, "source") };
        table_head(d, h, 4);
        for (size_t i = bl->first_indicator; i < bl->first_indicator + bl->n_indicators; i++) {
            const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
            cs_buf rules = CS_BUF_INIT, srcs = CS_BUF_INIT;
            for (size_t it = in->first_item; it < in->first_item + in->n_items; it++) {
                const cs_method_item *item = cs_method_item_at(r->m, it);
                char rule[512];
                cs_rule_describe(rule, sizeof rule, r->m, &item->rule);
                if (in->n_items > 1)
                    cs_buf_printf(&rules, "%s%s: %s", it > in->first_item ? "; " : "",
                                  lbl(r, item->label_en, item->label_ru), rule);
                else
                    cs_buf_puts(&rules, rule);
            }
            if (in->n_items > 1)
                cs_buf_printf(&rules, " (%s %zu)",
                              r->o.lang == CS_LANG_RU ? "не менее" : "at least", in->min_items);
            for (size_t s = 0; s < in->n_sources; s++)
                cs_buf_printf(&srcs, "%s%s", s ? ", " : "", in->sources[s]);
            const char *c[4] = { in->code, lbl(r, in->label_en, in->label_ru), cs_buf_str(&rules),
                                 cs_buf_str(&srcs) };
            table_row(d, c, 4);
            cs_buf_free(&rules);
            cs_buf_free(&srcs);
        }
        table_end(d);
    }
    heading(d, 3, NULL, T(r, "sources"));
    const char *h[2] = { T(r, "source"), T(r, "value") };
    h[1] = r->o.lang == CS_LANG_RU ? "Библиографическая ссылка" : "Citation";
    table_head(d, h, 2);
    for (size_t s = 0; s < cs_method_source_count(r->m); s++) {
        const cs_method_source *ms = cs_method_source_at(r->m, s);
        const char *c[2] = { ms->key, ms->citation };
        table_row(d, c, 2);
    }
    table_end(d);
}

/* The scored items, in method order. */
static size_t scored_items(const cs_report *r, size_t *out)
{
    size_t m = 0;
    for (size_t i = 0; i < cs_method_item_count(r->m); i++) {
        const cs_method_item *it = cs_method_item_at(r->m, i);
        if (cs_method_indicator_at(r->m, it->indicator)->scored)
            out[m++] = i;
    }
    return m;
}

static void section_assessment(doc *d, const cs_report *r)
{
    heading(d, 2, "assessment", T(r, "assessment"));
    para(d, T(r, "assessment_intro"));
    size_t ni = cs_method_item_count(r->m);
    size_t *items = calloc(ni + 1, sizeof *items);
    const char **cols = calloc(ni + 1, sizeof *cols);
    char *colbuf = calloc(ni + 1, 256);
    double *v = calloc(r->n * (ni + 1) + 1, sizeof *v);
    int *rc = calloc(r->n + 1, sizeof *rc);
    if (items && cols && colbuf && v && rc && r->n) {
        size_t m = scored_items(r, items);
        for (size_t j = 0; j < m; j++) {
            const cs_method_item *it = cs_method_item_at(r->m, items[j]);
            const cs_method_indicator *in = cs_method_indicator_at(r->m, it->indicator);
            /* "I8 Clinics": cut in the chart, whole in its tooltip */
            if (in->n_items > 1)
                snprintf(colbuf + 256 * j, 256, "%s %s", in->code,
                         lbl(r, it->label_en, it->label_ru));
            else
                snprintf(colbuf + 256 * j, 256, "%s %s", in->code,
                         lbl(r, in->label_en, in->label_ru));
            cols[j] = colbuf + 256 * j;
        }
        for (size_t i = 0; i < r->n; i++) {
            rc[i] = group_of(r, i) - 1;
            for (size_t j = 0; j < m; j++) {
                cs_result x = cs_assessment_item(r->a, i, items[j]);
                v[i * m + j] = x == CS_RESULT_UNKNOWN ? NAN : x;
            }
        }
        cs_chart_locale loc = locale(r);
        cs_chart_heatmap_spec hs = { T(r, "assessment"),
                                     r->names,
                                     cols,
                                     r->n,
                                     m,
                                     v,
                                     r->order,
                                     r->c ? rc : NULL,
                                     (const char *const *)r->gnames,
                                     r->c ? (size_t)cs_classification_k(r->c) : 0,
                                     T(r, "not_met"),
                                     T(r, "met") };
        figure(d, cs_chart_heatmap(&hs, &loc), T(r, "assessment_intro"));
    }
    free(items);
    free(cols);
    free(colbuf);
    free(v);
    free(rc);

    if (!r->n)
        return;
    double *px = calloc(r->n, sizeof *px), *py = calloc(r->n, sizeof *py);
    int *pc = calloc(r->n, sizeof *pc);
    if (px && py && pc) {
        for (size_t i = 0; i < r->n; i++) {
            cs_score t = cs_assessment_total(r->a, i);
            px[i] = t.items_known;
            py[i] = t.points;
            pc[i] = group_of(r, i) - 1;
        }
        cs_chart_locale loc = locale(r);
        cs_chart_scatter_spec ss = { T(r, "scatter"),
                                     T(r, "scatter_x"),
                                     T(r, "scatter_y"),
                                     px,
                                     py,
                                     r->names,
                                     pc,
                                     r->n,
                                     (const char *const *)r->gnames,
                                     r->c ? (size_t)cs_classification_k(r->c) : 0,
                                     T(r, "no_group") };
        figure(d, cs_chart_scatter(&ss, &loc), T(r, "scatter_note"));
    }
    free(px);
    free(py);
    free(pc);
    heading(d, 3, "totals", T(r, "totals"));
    size_t nb = cs_method_block_count(r->m);
    size_t nc = 3 + nb + 3;
    const char **h = calloc(nc, sizeof *h);
    char(*cells)[64] = calloc(nc, 64);
    const char **c = calloc(nc, sizeof *c);
    char hi[32], hp[32];
    if (!h || !cells || !c) {
        d->err = 1;
    } else {
        h[0] = T(r, "cluster");
        h[1] = T(r, "country");
        h[2] = T(r, "group");
        for (size_t b = 0; b < nb; b++)
            h[3 + b] = cs_method_block_at(r->m, b)->code;
        snprintf(hi, sizeof hi, "%s/%d", r->o.lang == CS_LANG_RU ? "показ." : "ind.",
                 cs_method_max_indicators(r->m));
        snprintf(hp, sizeof hp, "%s/%d", r->o.lang == CS_LANG_RU ? "баллы" : "pts",
                 cs_method_max_points(r->m));
        h[3 + nb] = hi;
        h[4 + nb] = hp;
        h[5 + nb] = r->o.lang == CS_LANG_RU ? "известно" : "known";
        table_head(d, h, nc);
        for (size_t o = 0; o < r->n; o++) {
            size_t i = r->order[o];
            const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
            c[0] = r->names[i];
            c[1] = ci->country;
            c[2] = group_name(r, i);
            for (size_t b = 0; b < nb; b++) {
                cs_score s = cs_assessment_block_score(r->a, i, b);
                snprintf(cells[3 + b], 64, "%d", s.indicators);
                c[3 + b] = cells[3 + b];
            }
            cs_score t = cs_assessment_total(r->a, i);
            snprintf(cells[3 + nb], 64, "%d", t.indicators);
            snprintf(cells[4 + nb], 64, "%d", t.points);
            snprintf(cells[5 + nb], 64, "%d/%d", t.items_known, cs_method_max_points(r->m));
            for (size_t k = 3 + nb; k < nc; k++)
                c[k] = cells[k];
            table_row(d, c, nc);
        }
        table_end(d);
    }
    free(h);
    free(cells);
    free(c);
}

static void section_typology(doc *d, const cs_report *r)
{
    heading(d, 2, "typology", T(r, "typology"));
    if (!r->c) {
        para(d, r->typology_note ? r->typology_note : "");
        return;
    }
    para(d, T(r, "typology_intro"));
    int k = cs_classification_k(r->c);
    char buf[512], a[64], b[64], s[64];
    cs_report_count(a, sizeof a, r->o.lang, (long)cs_classification_analysed(r->c), "cluster");
    cs_report_count(b, sizeof b, r->o.lang, k, "group");
    num(s, sizeof s, r, cs_classification_silhouette(r->c), 3);
    snprintf(buf, sizeof buf, "%s: %s; %s; %s %s.", T(r, "typology"), a, b,
             T(r, "silhouette_short"), s);
    para(d, buf);
    cs_chart_locale loc = locale(r);
    if (r->z) {
        const char **leaf = calloc(r->n_an + 1, sizeof *leaf);
        int *lc = calloc(r->n_an + 1, sizeof *lc);
        if (leaf && lc) {
            for (size_t i = 0; i < r->n_an; i++) {
                leaf[i] = r->names[r->an[i]];
                lc[i] = group_of(r, r->an[i]) - 1;
            }
            char cutl[64];
            snprintf(cutl, sizeof cutl, "%s, k = %d", T(r, "cut"), k);
            cs_chart_dendrogram_spec ds = { T(r, "dendrogram"),
                                            T(r, "distance"),
                                            cutl,
                                            r->z,
                                            r->n_an,
                                            leaf,
                                            lc,
                                            (const char *const *)r->gnames,
                                            (size_t)k,
                                            r->cut };
            figure(d, cs_chart_dendrogram(&ds, &loc), T(r, "dendrogram"));
        }
        free(leaf);
        free(lc);
    } else if (r->typology_note) {
        para(d, r->typology_note);
    }
    double xs[CS_CLASSIFY_K_MAX * 8], ys[CS_CLASSIFY_K_MAX * 8];
    size_t nk = 0;
    int kmax = cs_classification_options(r->c)->k_max;
    if (kmax <= 0)
        kmax = CS_CLASSIFY_K_MAX;
    for (int kk = 2; kk <= kmax && nk < sizeof xs / sizeof xs[0]; kk++) {
        xs[nk] = kk;
        ys[nk++] = cs_classification_k_scan(r->c, kk);
    }
    if (nk >= 2) {
        cs_chart_series ser = { T(r, "silhouette_short"), ys };
        char mark[32];
        snprintf(mark, sizeof mark, "k = %d", k);
        cs_chart_line_spec ls = {
            T(r, "silhouette"), T(r, "k"), T(r, "silhouette_short"), xs, nk, &ser, 1,
            (double)k,          mark
        };
        figure(d, cs_chart_line(&ls, &loc), cs_classification_k_rule(r->c));
    }

    /* the group table, in the layout of the study's Table 2.1: characteristics by group */
    heading(d, 3, "groups", T(r, "group_profile"));
    size_t nc = (size_t)k + 1;
    const char **h = calloc(nc, sizeof *h);
    const char **c = calloc(nc, sizeof *c);
    char(*cells)[768] = calloc(nc, 768);
    if (!h || !c || !cells) {
        d->err = 1;
        free(h);
        free(c);
        free(cells);
        return;
    }
    h[0] = r->o.lang == CS_LANG_RU ? "Характеристика" : "Characteristic";
    for (int g = 1; g <= k; g++)
        h[g] = r->gnames[g - 1];
    table_head(d, h, nc);
    /* size */
    c[0] = r->o.lang == CS_LANG_RU ? "Размер группы" : "Size";
    for (int g = 1; g <= k; g++) {
        cs_report_count(cells[g], 768, r->o.lang, (long)cs_classification_group(r->c, g)->size,
                        "cluster");
        c[g] = cells[g];
    }
    table_row(d, c, nc);
    c[0] = T(r, "countries");
    for (int g = 1; g <= k; g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        cells[g][0] = 0;
        size_t used = 0;
        for (size_t j = 0; j < gr->n_countries && used < 700; j++)
            used +=
                (size_t)snprintf(cells[g] + used, 768 - used, "%s%s %zu", j ? ", " : "",
                                 *gr->countries[j] ? gr->countries[j] : "?", gr->country_count[j]);
        c[g] = cells[g];
    }
    table_row(d, c, nc);
    for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
        const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
        if (!in->scored)
            continue;
        snprintf(cells[0], 768, "%s %s", in->code, lbl(r, in->label_en, in->label_ru));
        c[0] = cells[0];
        for (int g = 1; g <= k; g++) {
            const cs_classify_group *gr = cs_classification_group(r->c, g);
            percent(cells[g], 768, r, gr->indicator_met[i], gr->indicator_known[i]);
            c[g] = cells[g];
        }
        table_row(d, c, nc);
    }
    for (size_t bl = 0; bl < cs_method_block_count(r->m); bl++) {
        const cs_method_block *blk = cs_method_block_at(r->m, bl);
        snprintf(cells[0], 768, "%s %s (%s)", T(r, "mean_blocks"), blk->code,
                 lbl(r, blk->label_en, blk->label_ru));
        c[0] = cells[0];
        for (int g = 1; g <= k; g++) {
            num(cells[g], 768, r, cs_classification_group(r->c, g)->block_indicators[bl], 2);
            c[g] = cells[g];
        }
        table_row(d, c, nc);
    }
    c[0] = T(r, "nearest_type");
    for (int g = 1; g <= k; g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        snprintf(cells[g], 768, "%s", gr->reason ? gr->reason : T(r, "none"));
        c[g] = cells[g];
    }
    table_row(d, c, nc);
    table_end(d);

    /* a bar chart per block: share of each group's clusters meeting each indicator */
    for (size_t bl = 0; bl < cs_method_block_count(r->m); bl++) {
        const cs_method_block *blk = cs_method_block_at(r->m, bl);
        size_t ncat = 0;
        const char *cats[64];
        size_t idx[64];
        for (size_t i = blk->first_indicator;
             i < blk->first_indicator + blk->n_indicators && ncat < 64; i++)
            if (cs_method_indicator_at(r->m, i)->scored) {
                idx[ncat] = i;
                cats[ncat++] = cs_method_indicator_at(r->m, i)->code;
            }
        if (!ncat)
            continue;
        double *vals = calloc((size_t)k * ncat, sizeof *vals);
        cs_chart_series *ser = calloc((size_t)k, sizeof *ser);
        if (vals && ser) {
            for (int g = 1; g <= k; g++) {
                const cs_classify_group *gr = cs_classification_group(r->c, g);
                for (size_t j = 0; j < ncat; j++)
                    vals[(size_t)(g - 1) * ncat + j] = gr->indicator_known[idx[j]]
                                                           ? (double)gr->indicator_met[idx[j]] /
                                                                 (double)gr->indicator_known[idx[j]]
                                                           : NAN;
                ser[g - 1] = (cs_chart_series){ r->gnames[g - 1], vals + (size_t)(g - 1) * ncat };
            }
            char title[512];
            snprintf(title, sizeof title, "%s %s: %s", T(r, "block"), blk->code,
                     lbl(r, blk->label_en, blk->label_ru));
            cs_chart_bar_spec bs = { title, T(r, "share"), cats, ncat, ser, (size_t)k, 1.0 };
            figure(d, cs_chart_bar(&bs, &loc), T(r, "block_chart"));
        }
        free(vals);
        free(ser);
    }

    if (r->ref && cs_classification_compared(r->c)) {
        heading(d, 3, "agreement", T(r, "agreement"));
        char ari[64];
        num(ari, sizeof ari, r, cs_classification_ari(r->c), 3);
        cs_report_count(a, sizeof a, r->o.lang, (long)cs_classification_compared(r->c), "cluster");
        snprintf(buf, sizeof buf, "%s: %s (%s)", T(r, "ari"), ari, a);
        para(d, buf);
        size_t nt = r->ref->n_types;
        const char **hh = calloc(nt + 1, sizeof *hh);
        const char **cc = calloc(nt + 1, sizeof *cc);
        char(*cl)[64] = calloc(nt + 1, 64);
        if (hh && cc && cl) {
            hh[0] = T(r, "contingency");
            for (size_t t = 0; t < nt; t++)
                hh[t + 1] = lbl(r, r->ref->types[t].name_en, r->ref->types[t].name_ru);
            table_head(d, hh, nt + 1);
            const int64_t *ct = cs_classification_contingency(r->c);
            for (int g = 1; g <= k; g++) {
                cc[0] = r->gnames[g - 1];
                for (size_t t = 0; t < nt; t++) {
                    snprintf(cl[t + 1], 64, "%lld", (long long)ct[(size_t)(g - 1) * nt + t]);
                    cc[t + 1] = cl[t + 1];
                }
                table_row(d, cc, nt + 1);
            }
            table_end(d);
        }
        free(hh);
        free(cc);
        free(cl);
    }
    /* clusters left out, with the reason */
    size_t nl = 0;
    for (size_t i = 0; i < r->n; i++)
        nl += !group_of(r, i);
    if (nl) {
        heading(d, 3, NULL, T(r, "left_out"));
        const char *lh[2] = { T(r, "cluster"), T(r, "reason") };
        table_head(d, lh, 2);
        for (size_t i = 0; i < r->n; i++)
            if (!group_of(r, i)) {
                const char *lc[2] = { r->names[i], cs_classification_left_out(r->c, i) };
                table_row(d, lc, 2);
            }
        table_end(d);
    }
    free(h);
    free(c);
    free(cells);
}

static const char *status_word(const cs_report *r, cs_fact_status s)
{
    return T(r, s == CS_STATUS_STATED    ? "status_stated"
                : s == CS_STATUS_DERIVED ? "status_derived"
                                         : "status_estimated");
}

static void section_cards(doc *d, const cs_report *r)
{
    heading(d, 2, "cards", T(r, "cards"));
    char buf[2048];
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        if (!d->md)
            raw(d, "<section class=\"card\">\n");
        snprintf(buf, sizeof buf, "%s (%s)", r->names[i], ci->key);
        heading(d, 3, NULL, buf);
        cs_score t = cs_assessment_total(r->a, i);
        snprintf(buf, sizeof buf, "%s: %s; %s: %s; %s: %s; %s: %s; %s: %d/%d, %d/%d",
                 T(r, "country"), *ci->country ? ci->country : "?", T(r, "city"),
                 *ci->city ? ci->city : "?", T(r, "kind"), *ci->kind ? ci->kind : "?",
                 T(r, "group"), group_name(r, i), T(r, "points"), t.indicators,
                 cs_method_max_indicators(r->m), t.points, cs_method_max_points(r->m));
        para(d, buf);
        for (size_t j = 0; r->ref && j < r->ref->n_assignments; j++) {
            const cs_reference_assignment *ra = &r->ref->assignments[j];
            if (strcmp(ra->cluster, ci->key) != 0 || ra->type <= 0)
                continue;
            for (size_t ty = 0; ty < r->ref->n_types; ty++)
                if (r->ref->types[ty].number == ra->type) {
                    snprintf(buf, sizeof buf, "%s: %d, %s (%s)", T(r, "study_group"), ra->type,
                             lbl(r, r->ref->types[ty].name_en, r->ref->types[ty].name_ru),
                             ra->basis);
                    para(d, buf);
                }
        }
        int g = group_of(r, i);
        if (g) {
            const cs_classify_group *gr = cs_classification_group(r->c, g);
            snprintf(buf, sizeof buf, "%s: %s", T(r, "nearest_type"),
                     gr->reason ? gr->reason : T(r, "none"));
            para(d, buf);
        }
        const char *h[6] = { T(r, "item"),   T(r, "rule"),   T(r, "fact"),
                             T(r, "status"), T(r, "source"), T(r, "result") };
        table_head(d, h, 6);
        for (size_t it = 0; it < cs_method_item_count(r->m); it++) {
            const cs_method_item *item = cs_method_item_at(r->m, it);
            const cs_method_indicator *in = cs_method_indicator_at(r->m, item->indicator);
            char name[512], rule[512], fact[512] = "", src[1024] = "";
            snprintf(name, sizeof name, "%s %s", in->code, lbl(r, item->label_en, item->label_ru));
            cs_rule_describe(rule, sizeof rule, r->m, &item->rule);
            const cs_fact *f = cs_assessment_item_fact(r->a, i, it);
            const char *st = "";
            if (f) {
                if (f->year)
                    snprintf(fact, sizeof fact, "%s %s = %s (%d)", f->subject, f->name,
                             *f->raw ? f->raw : "?", f->year);
                else
                    snprintf(fact, sizeof fact, "%s %s = %s", f->subject, f->name,
                             *f->raw ? f->raw : "?");
                st = status_word(r, f->status);
                const cs_source_info *si = cs_assessment_source(r->a, f->source);
                snprintf(src, sizeof src, "%s%s%s%s%s", f->source,
                         si && si->title && *si->title ? ": " : "",
                         si && si->title ? si->title : "", *f->locator ? ", " : "", f->locator);
            }
            const char *c[6] = { name, rule, fact,
                                 st,   src,  result_word(r, cs_assessment_item(r->a, i, it)) };
            table_row(d, c, 6);
        }
        table_end(d);
        if (!d->md)
            raw(d, "</section>\n");
    }
}

static void section_provenance(doc *d, const cs_report *r)
{
    heading(d, 2, "provenance", T(r, "provenance"));
    char buf[1024], v[64];
    const char *h[2] = { r->o.lang == CS_LANG_RU ? "Параметр" : "Item", T(r, "value") };
    table_head(d, h, 2);
#define ROW(a, b)                                                                                  \
    do {                                                                                           \
        const char *c_[2] = { (a), (b) };                                                          \
        table_row(d, c_, 2);                                                                       \
    } while (0)
    snprintf(buf, sizeof buf, "clusterscope %s", cs_version());
    ROW(T(r, "software"), buf);
    snprintf(buf, sizeof buf, "%s, %s %s (%s)", cs_method_id(r->m), T(r, "version"),
             cs_method_version(r->m), cs_method_origin(r->m));
    ROW(T(r, "method"), buf);
    snprintf(buf, sizeof buf, "%s: %s",
             r->c ? cs_unknown_policy_name(cs_classification_unknown(r->c)) : "pairwise",
             T(r, "unknown_policy_text"));
    ROW(T(r, "unknown_policy"), buf);
    if (r->c) {
        const cs_classify_options *co = cs_classification_options(r->c);
        snprintf(buf, sizeof buf, "%s, %s, k = %d (%s)", cs_classify_algorithm_name(co->algorithm),
                 cs_metric_name(co->distance), cs_classification_k(r->c),
                 cs_classification_k_rule(r->c));
        ROW(T(r, "typology"), buf);
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)co->seed);
        ROW(T(r, "seed"), buf);
    }
    long known = 0, all = 0;
    for (size_t i = 0; i < r->n; i++) {
        cs_score t = cs_assessment_total(r->a, i);
        known += t.items_known;
        all += cs_method_max_points(r->m);
    }
    num(v, sizeof v, r, all ? 100.0 * (double)known / (double)all : 0, 1);
    snprintf(buf, sizeof buf, "%ld / %ld = %s%s %s", known, all, v,
             r->o.lang == CS_LANG_RU ? "\xC2\xA0%" : "%", T(r, "coverage_text"));
    ROW(T(r, "coverage"), buf);
    if (r->o.date)
        ROW(T(r, "date"), r->o.date);
#undef ROW
    table_end(d);
}

static const char css[] =
    "body{font-family:sans-serif;font-size:11pt;line-height:1.4;max-width:60em;margin:1em "
    "auto;padding:0 1em;color:#222}\n"
    "h1{font-size:20pt}h2{font-size:15pt;border-bottom:1px solid #999;margin-top:2em}\n"
    "h2,h3{page-break-after:avoid;break-after:avoid}\n"
    "table{border-collapse:collapse;margin:0.5em 0;font-size:9pt}\n"
    "th,td{border:1px solid #BBB;padding:2px 5px;text-align:left;vertical-align:top}\n"
    "th{background:#EEE}tr{page-break-inside:avoid;break-inside:avoid}\n"
    "figure{margin:1em 0;break-inside:avoid;page-break-inside:avoid}\n"
    "figure svg{max-width:100%;height:auto}figcaption{font-size:9pt;color:#555}\n"
    "nav ul{columns:2}.card{break-inside:avoid-page}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{max-width:none;margin:0;font-size:10pt}a{color:inherit}}\n";

static int write_doc(FILE *f, const cs_report *r, int md)
{
    doc d = { f, md, 0, CS_BUF_INIT };
    const char *title = T(r, "title");
    unsigned s = r->o.sections;
    if (!md) {
        fprintf(f,
                "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>",
                r->o.lang == CS_LANG_RU ? "ru" : "en");
        esc(&d, title);
        fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
    }
    heading(&d, 1, NULL, title);
    para(&d, T(r, "subtitle"));
    if (!md) {
        raw(&d, "<nav><ul>\n");
        static const struct {
            unsigned bit;
            const char *id;
        } toc[] = {
            { CS_REPORT_SAMPLE, "sample" },         { CS_REPORT_INDICATORS, "indicators" },
            { CS_REPORT_ASSESSMENT, "assessment" }, { CS_REPORT_TYPOLOGY, "typology" },
            { CS_REPORT_CARDS, "cards" },           { CS_REPORT_PROVENANCE, "provenance" }
        };
        for (size_t i = 0; i < sizeof toc / sizeof toc[0]; i++)
            if (s & toc[i].bit) {
                fprintf(f, "<li><a href=\"#%s\">", toc[i].id);
                esc(&d, T(r, toc[i].id));
                raw(&d, "</a></li>\n");
            }
        raw(&d, "</ul></nav>\n");
    } else {
        raw(&d, r->o.lang == CS_LANG_RU ? "Диаграммы — в HTML-версии отчёта.\n\n"
                                        : "The charts are in the HTML version of the report.\n\n");
    }
    if (s & CS_REPORT_SAMPLE)
        section_sample(&d, r);
    if (s & CS_REPORT_INDICATORS)
        section_indicators(&d, r);
    if (s & CS_REPORT_ASSESSMENT)
        section_assessment(&d, r);
    if (s & CS_REPORT_TYPOLOGY)
        section_typology(&d, r);
    if (s & CS_REPORT_CARDS)
        section_cards(&d, r);
    if (s & CS_REPORT_PROVENANCE)
        section_provenance(&d, r);
    if (!md)
        raw(&d, "</body>\n</html>\n");
    cs_buf_free(&d.b);
    if (d.err || ferror(f))
        return cs_error_set(CS_EIO, "writing the report failed");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Tables: CSV and JSON                                                                        */

static void csv_cell(FILE *f, cs_buf *b, const char *s, int last)
{
    cs_buf_reset(b);
    cs_report_put(b, s, CS_ESCAPE_CSV);
    fputs(cs_buf_str(b), f);
    fputs(last ? "\r\n" : ",", f);
}

static int write_csv(FILE *f, const cs_report *r)
{
    cs_buf b = CS_BUF_INIT;
    size_t ni = cs_method_item_count(r->m), nb = cs_method_block_count(r->m);
    size_t *items = calloc(ni + 1, sizeof *items);
    if (!items)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t m = scored_items(r, items);
    const char *fixed[] = { "cluster", "name", "country", "kind", "group", "group_name" };
    for (size_t j = 0; j < 6; j++)
        csv_cell(f, &b, fixed[j], 0);
    for (size_t j = 0; j < m; j++)
        csv_cell(f, &b, cs_method_item_at(r->m, items[j])->key, 0);
    for (size_t j = 0; j < nb; j++)
        csv_cell(f, &b, cs_method_block_at(r->m, j)->code, 0);
    csv_cell(f, &b, "indicators", 0);
    csv_cell(f, &b, "points", 0);
    csv_cell(f, &b, "known", 1);
    char tmp[64];
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        csv_cell(f, &b, ci->key, 0);
        csv_cell(f, &b, r->names[i], 0);
        csv_cell(f, &b, ci->country, 0);
        csv_cell(f, &b, ci->kind, 0);
        snprintf(tmp, sizeof tmp, "%d", group_of(r, i));
        csv_cell(f, &b, group_of(r, i) ? tmp : "", 0);
        csv_cell(f, &b, group_of(r, i) ? group_name(r, i) : "", 0);
        for (size_t j = 0; j < m; j++) {
            cs_result x = cs_assessment_item(r->a, i, items[j]);
            csv_cell(f, &b, x == CS_RESULT_UNKNOWN ? "" : x ? "1" : "0", 0);
        }
        for (size_t j = 0; j < nb; j++) {
            snprintf(tmp, sizeof tmp, "%d", cs_assessment_block_score(r->a, i, j).indicators);
            csv_cell(f, &b, tmp, 0);
        }
        cs_score t = cs_assessment_total(r->a, i);
        snprintf(tmp, sizeof tmp, "%d", t.indicators);
        csv_cell(f, &b, tmp, 0);
        snprintf(tmp, sizeof tmp, "%d", t.points);
        csv_cell(f, &b, tmp, 0);
        snprintf(tmp, sizeof tmp, "%d", t.items_known);
        csv_cell(f, &b, tmp, 1);
    }
    free(items);
    cs_buf_free(&b);
    return ferror(f) ? cs_error_set(CS_EIO, "writing the table failed") : 0;
}

int cs_report_write_groups_csv(FILE *f, const cs_report *r)
{
    cs_buf b = CS_BUF_INIT;
    const char *h[] = { "group", "group_name", "size", "indicator", "label", "met", "known" };
    for (size_t j = 0; j < 7; j++)
        csv_cell(f, &b, h[j], j == 6);
    char t1[32], t2[32], t3[32], t4[32];
    for (int g = 1; r->c && g <= cs_classification_k(r->c); g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
            const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
            if (!in->scored)
                continue;
            snprintf(t1, sizeof t1, "%d", g);
            snprintf(t2, sizeof t2, "%zu", gr->size);
            snprintf(t3, sizeof t3, "%zu", gr->indicator_met[i]);
            snprintf(t4, sizeof t4, "%zu", gr->indicator_known[i]);
            csv_cell(f, &b, t1, 0);
            csv_cell(f, &b, r->gnames[g - 1], 0);
            csv_cell(f, &b, t2, 0);
            csv_cell(f, &b, in->id, 0);
            csv_cell(f, &b, lbl(r, in->label_en, in->label_ru), 0);
            csv_cell(f, &b, t3, 0);
            csv_cell(f, &b, t4, 1);
        }
    }
    cs_buf_free(&b);
    return ferror(f) ? cs_error_set(CS_EIO, "writing the table failed") : 0;
}

static json_t *jnum_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static int write_json(FILE *f, const cs_report *r)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string("clusterscope-report"));
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "lang", json_string(r->o.lang == CS_LANG_RU ? "ru" : "en"));
    json_object_set_new(root, "software", json_string(cs_version()));
    json_t *method = json_object();
    json_object_set_new(method, "id", json_string(cs_method_id(r->m)));
    json_object_set_new(method, "version", json_string(cs_method_version(r->m)));
    json_object_set_new(root, "method", method);
    if (r->o.date)
        json_object_set_new(root, "date", json_string(r->o.date));
    json_t *clusters = json_array();
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        json_t *o = json_object();
        json_object_set_new(o, "key", json_string(ci->key));
        json_object_set_new(o, "name", json_string(r->names[i]));
        json_object_set_new(o, "country", json_string(ci->country));
        json_object_set_new(o, "kind", json_string(ci->kind));
        json_object_set_new(o, "group",
                            group_of(r, i) ? json_integer(group_of(r, i)) : json_null());
        json_t *items = json_object();
        for (size_t it = 0; it < cs_method_item_count(r->m); it++) {
            cs_result x = cs_assessment_item(r->a, i, it);
            json_object_set_new(items, cs_method_item_at(r->m, it)->key,
                                x == CS_RESULT_UNKNOWN ? json_null() : json_integer(x));
        }
        json_object_set_new(o, "items", items);
        json_t *blocks = json_object();
        for (size_t b = 0; b < cs_method_block_count(r->m); b++)
            json_object_set_new(blocks, cs_method_block_at(r->m, b)->code,
                                json_integer(cs_assessment_block_score(r->a, i, b).indicators));
        json_object_set_new(o, "blocks", blocks);
        cs_score t = cs_assessment_total(r->a, i);
        json_object_set_new(o, "indicators", json_integer(t.indicators));
        json_object_set_new(o, "points", json_integer(t.points));
        json_object_set_new(o, "known", json_integer(t.items_known));
        json_array_append_new(clusters, o);
    }
    json_object_set_new(root, "clusters", clusters);
    if (r->c) {
        json_t *groups = json_array();
        for (int g = 1; g <= cs_classification_k(r->c); g++) {
            const cs_classify_group *gr = cs_classification_group(r->c, g);
            json_t *o = json_object();
            json_object_set_new(o, "number", json_integer(g));
            json_object_set_new(o, "name", json_string(r->gnames[g - 1]));
            json_object_set_new(o, "size", json_integer((json_int_t)gr->size));
            json_object_set_new(o, "label", gr->label ? json_integer(gr->label) : json_null());
            json_object_set_new(o, "reason", json_string(gr->reason ? gr->reason : ""));
            json_t *ind = json_object();
            for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
                json_t *x = json_object();
                json_object_set_new(x, "met", json_integer((json_int_t)gr->indicator_met[i]));
                json_object_set_new(x, "known", json_integer((json_int_t)gr->indicator_known[i]));
                json_object_set_new(ind, cs_method_indicator_at(r->m, i)->id, x);
            }
            json_object_set_new(o, "indicators", ind);
            json_array_append_new(groups, o);
        }
        json_object_set_new(root, "groups", groups);
        json_t *ty = json_object();
        json_object_set_new(ty, "k", json_integer(cs_classification_k(r->c)));
        json_object_set_new(ty, "k_rule", json_string(cs_classification_k_rule(r->c)));
        json_object_set_new(ty, "silhouette", jnum_or_null(cs_classification_silhouette(r->c)));
        json_object_set_new(ty, "compared",
                            json_integer((json_int_t)cs_classification_compared(r->c)));
        json_object_set_new(ty, "ari", jnum_or_null(cs_classification_ari(r->c)));
        json_object_set_new(root, "typology", ty);
    }
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) || fputc('\n', f) == EOF
                 ? cs_error_set(CS_EIO, "writing the JSON report failed")
                 : 0;
    json_decref(root);
    return rc;
}

int cs_report_write(FILE *f, const cs_report *r)
{
    switch (r->o.format) {
    case CS_REPORT_HTML:
        return write_doc(f, r, 0);
    case CS_REPORT_MARKDOWN:
        return write_doc(f, r, 1);
    case CS_REPORT_CSV:
        return write_csv(f, r);
    case CS_REPORT_JSON:
        return write_json(f, r);
    case CS_REPORT_XLSX:
        return cs_error_set(CS_EUSAGE, "an XLSX workbook is written to a file, not a stream");
    }
    return cs_error_set(CS_EUSAGE, "unknown report format");
}

/* ------------------------------------------------------------------------------------------ */
/* XLSX (optional: libxlsxwriter)                                                              */

#ifdef CS_HAVE_XLSXWRITER
#include <time.h>
#include <xlsxwriter.h>

int cs_report_has_xlsx(void)
{
    return 1;
}

/* Strings in an XLSX workbook are written as shared strings, never formulas: they stay inert. */
static void xs(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *v, lxw_format *f)
{
    if (v && *v)
        worksheet_write_string(ws, row, col, v, f);
}

static void xn(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v)
{
    if (!isnan(v))
        worksheet_write_number(ws, row, col, v, NULL);
}

int cs_report_write_xlsx(const cs_report *r, const char *path)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 8);
    if (!tmp)
        return cs_error_set(CS_ENOMEM, "out of memory");
    snprintf(tmp, plen + 8, "%s.part", path);
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb) {
        free(tmp);
        return cs_error_set(CS_EIO, "cannot create %s", path);
    }
    /* a fixed creation time keeps the file byte-identical for the same registry */
    struct tm tm = { 0 };
    tm.tm_year = 80;
    tm.tm_mday = 1;
    int y, mo, dd;
    if (r->o.date && sscanf(r->o.date, "%4d-%2d-%2d", &y, &mo, &dd) == 3) {
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = dd;
    }
    lxw_doc_properties props = { 0 };
    props.title = (char *)T(r, "title");
    props.created = timegm(&tm);
    workbook_set_properties(wb, &props);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);

    lxw_worksheet *ws = workbook_add_worksheet(wb, "clusters");
    size_t ni = cs_method_item_count(r->m), nb = cs_method_block_count(r->m);
    size_t *items = calloc(ni + 1, sizeof *items);
    size_t m = items ? scored_items(r, items) : 0;
    lxw_col_t c = 0;
    const char *fixed[] = {
        T(r, "cluster"), r->o.lang == CS_LANG_RU ? "Название" : "Name",
        T(r, "country"), T(r, "kind"),
        T(r, "group"),   r->o.lang == CS_LANG_RU ? "Название группы" : "Group name"
    };
    for (size_t j = 0; j < 6; j++)
        xs(ws, 0, c++, fixed[j], bold);
    for (size_t j = 0; j < m; j++)
        xs(ws, 0, c++, cs_method_item_at(r->m, items[j])->key, bold);
    for (size_t j = 0; j < nb; j++)
        xs(ws, 0, c++, cs_method_block_at(r->m, j)->code, bold);
    xs(ws, 0, c++, "indicators", bold);
    xs(ws, 0, c++, "points", bold);
    xs(ws, 0, c++, "known", bold);
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        lxw_row_t row = (lxw_row_t)(i + 1);
        c = 0;
        xs(ws, row, c++, ci->key, NULL);
        xs(ws, row, c++, r->names[i], NULL);
        xs(ws, row, c++, ci->country, NULL);
        xs(ws, row, c++, ci->kind, NULL);
        xn(ws, row, c++, group_of(r, i) ? group_of(r, i) : NAN);
        xs(ws, row, c++, group_of(r, i) ? group_name(r, i) : "", NULL);
        for (size_t j = 0; j < m; j++) {
            cs_result x = cs_assessment_item(r->a, i, items[j]);
            xn(ws, row, c++, x == CS_RESULT_UNKNOWN ? NAN : x);
        }
        for (size_t j = 0; j < nb; j++)
            xn(ws, row, c++, cs_assessment_block_score(r->a, i, j).indicators);
        cs_score t = cs_assessment_total(r->a, i);
        xn(ws, row, c++, t.indicators);
        xn(ws, row, c++, t.points);
        xn(ws, row, c++, t.items_known);
    }
    free(items);

    ws = workbook_add_worksheet(wb, "groups");
    const char *gh[] = { T(r, "group"),
                         r->o.lang == CS_LANG_RU ? "Название группы" : "Group name",
                         r->o.lang == CS_LANG_RU ? "Размер" : "Size",
                         T(r, "code"),
                         T(r, "indicator"),
                         T(r, "met"),
                         T(r, "unknown") };
    gh[6] = r->o.lang == CS_LANG_RU ? "известно" : "known";
    for (size_t j = 0; j < 7; j++)
        xs(ws, 0, (lxw_col_t)j, gh[j], bold);
    lxw_row_t row = 1;
    for (int g = 1; r->c && g <= cs_classification_k(r->c); g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
            const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
            if (!in->scored)
                continue;
            xn(ws, row, 0, g);
            xs(ws, row, 1, r->gnames[g - 1], NULL);
            xn(ws, row, 2, (double)gr->size);
            xs(ws, row, 3, in->code, NULL);
            xs(ws, row, 4, lbl(r, in->label_en, in->label_ru), NULL);
            xn(ws, row, 5, (double)gr->indicator_met[i]);
            xn(ws, row, 6, (double)gr->indicator_known[i]);
            row++;
        }
    }

    ws = workbook_add_worksheet(wb, "indicators");
    const char *ih[] = { T(r, "block"), T(r, "code"), T(r, "item"), T(r, "indicator"),
                         T(r, "rule") };
    for (size_t j = 0; j < 5; j++)
        xs(ws, 0, (lxw_col_t)j, ih[j], bold);
    for (size_t it = 0; it < cs_method_item_count(r->m); it++) {
        const cs_method_item *item = cs_method_item_at(r->m, it);
        const cs_method_indicator *in = cs_method_indicator_at(r->m, item->indicator);
        char rule[512];
        cs_rule_describe(rule, sizeof rule, r->m, &item->rule);
        row = (lxw_row_t)(it + 1);
        xs(ws, row, 0, cs_method_block_at(r->m, in->block)->code, NULL);
        xs(ws, row, 1, in->code, NULL);
        xs(ws, row, 2, item->key, NULL);
        xs(ws, row, 3, lbl(r, item->label_en, item->label_ru), NULL);
        xs(ws, row, 4, rule, NULL);
    }

    lxw_error err = workbook_close(wb);
    int rc = 0;
    if (err != LXW_NO_ERROR)
        rc = cs_error_set(CS_EIO, "writing %s failed: %s", path, lxw_strerror(err));
    else if (rename(tmp, path) != 0)
        rc = cs_error_set(CS_EIO, "cannot rename %s to %s", tmp, path);
    if (rc)
        remove(tmp);
    free(tmp);
    return rc;
}
#else
int cs_report_has_xlsx(void)
{
    return 0;
}

int cs_report_write_xlsx(const cs_report *r, const char *path)
{
    (void)r;
    (void)path;
    return cs_error_set(CS_EUSAGE, "this build of clusterscope writes no XLSX: build it with "
                                   "libxlsxwriter (CS_HAVE_XLSXWRITER, -lxlsxwriter)");
}
#endif
