/*
 * section_typology.c: the typology: dendrogram with the cut, the silhouette against k, the group
 * profile in the layout of the study's group table, a bar chart per block, agreement with the
 * study's groups, and the clusters left out with the reason.
 */
#include "report/report_impl.h"
#include "util/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The group table in the layout of the study's Table 2.1: characteristics by group, and beside
 * each group found the published column of its nearest reference type, so that a reader sees
 * the study's values (100%, more than 55%, ...) next to the shares found here.
 */
#define CELL 768

typedef struct {
    int group;                     /* 1..k */
    const cs_reference_type *type; /* NULL: the group's own column */
} column;

static const cs_reference_trait *trait_of(const cs_reference_type *t, const char *item)
{
    for (size_t k = 0; t && k < t->n_traits; k++)
        if (t->traits[k].item && strcmp(t->traits[k].item, item) == 0)
            return &t->traits[k];
    return NULL;
}

static const cs_reference_row *row_of(const cs_reference_type *t, const char *key)
{
    for (size_t k = 0; t && k < t->n_rows; k++)
        if (strcmp(t->rows[k].key, key) == 0)
            return &t->rows[k];
    return NULL;
}

/* A published share as the study prints it: its words in Russian; in English the range read. */
static void published_share(char *out, const cs_report *r, const cs_reference_trait *tr)
{
    if (!tr) {
        snprintf(out, CELL, "—");
    } else if (r->o.lang == CS_LANG_RU) {
        snprintf(out, CELL, "%s", tr->published);
    } else if (tr->share_min == tr->share_max) {
        snprintf(out, CELL, "%.0f%%", 100 * tr->share_min);
    } else if (tr->share_max >= 1) {
        snprintf(out, CELL, T(r, "published_more_than"), 100 * tr->share_min);
    } else {
        snprintf(out, CELL, T(r, "published_at_most"), 100 * tr->share_max);
    }
}

static void published_row(char *out, const cs_report *r, const cs_reference_row *row)
{
    const char *text = row ? cs_report_label(r, row->text_en, row->text_ru) : NULL;
    snprintf(out, CELL, "%s", text && *text ? text : T(r, "published_none"));
}

/* Whether the comma-separated list holds `name` (len bytes) as one of its items. */
static int list_has(const char *list, const char *name, size_t len)
{
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        if (n == len && memcmp(p, name, len) == 0)
            return 1;
        p += n + (p[n] == ',');
    }
    return 0;
}

/* Appends to the comma-separated list in b each fact name of `names` not already in it. */
static void list_add(cs_buf *b, const char *names)
{
    for (const char *p = names; *p;) {
        size_t n = strcspn(p, ",");
        if (n && !list_has(cs_buf_str(b), p, n)) {
            if (b->len)
                cs_buf_putc(b, ',');
            cs_buf_append(b, p, n);
        }
        p += n + (p[n] == ',');
    }
}

/* For a text row: how many of group g's members the study's facts show it for ("2 of 3"). */
static void found_facts(char *out, const cs_report *r, int g, const char *facts)
{
    out[0] = 0;
    if (!facts || !r->row_facts) {
        snprintf(out, CELL, "—");
        return;
    }
    size_t used = 0;
    for (const char *p = facts; *p && used < CELL - 128;) {
        char name[128];
        size_t n = strcspn(p, ",");
        snprintf(name, sizeof name, "%.*s", (int)n, p);
        p += n + (p[n] == ',');
        size_t met = 0, known = 0;
        for (size_t a = 0; a < r->n_an; a++) {
            size_t i = r->an[a];
            if (cs_report_group_of(r, i) != g)
                continue;
            const cs_fact *f =
                cs_factset_get(r->row_facts, CS_SUBJECT_CLUSTER, r->keys[i], name, r->o.year);
            if (f && f->value.kind == CS_VALUE_BOOL) {
                known++;
                met += f->value.boolean != 0;
            }
        }
        used += (size_t)snprintf(out + used, CELL - used, "%s%s %zu/%zu", used ? "; " : "", name,
                                 met, known);
    }
}

static void group_table(cs_doc *d, const cs_report *r)
{
    int k = cs_classification_k(r->c);
    size_t ncol = 1;
    column cols[2 * CS_CLASSIFY_K_MAX + 1];
    for (int g = 1; g <= k && g <= CS_CLASSIFY_K_MAX; g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        cols[ncol++] = (column){ g, NULL };
        const cs_reference_type *t = gr->nearest ? cs_report_reference_type(r, gr->nearest) : NULL;
        if (t)
            cols[ncol++] = (column){ g, t };
    }
    const char **c = calloc(ncol, sizeof *c);
    char(*cells)[CELL] = calloc(ncol, CELL);
    char(*heads)[128] = calloc(ncol, 128);
    if (!c || !cells || !heads) {
        d->err = 1;
        goto done;
    }
    cs_doc_heading(d, 3, "groups", T(r, "group_profile"));
    c[0] = T(r, "characteristic");
    for (size_t j = 1; j < ncol; j++) {
        if (cols[j].type)
            snprintf(heads[j], 128, T(r, "published_column"), cols[j].type->number);
        else
            snprintf(heads[j], 128, "%s", r->gnames[cols[j].group - 1]);
        c[j] = heads[j];
    }
    cs_doc_table_head(d, c, ncol);
    c[0] = T(r, "group_size");
    for (size_t j = 1; j < ncol; j++) {
        const cs_reference_type *t = cols[j].type;
        if (!t)
            cs_i18n_count(cells[j], CELL, r->o.lang,
                          (long)cs_classification_group(r->c, cols[j].group)->size, "cluster");
        else if (t->size_published >= 0)
            cs_i18n_count(cells[j], CELL, r->o.lang, t->size_published, "cluster");
        else
            snprintf(cells[j], CELL, "%s", T(r, "published_none"));
        c[j] = cells[j];
    }
    cs_doc_table_row(d, c, ncol);
    c[0] = T(r, "countries");
    for (size_t j = 1; j < ncol; j++) {
        const cs_classify_group *gr = cs_classification_group(r->c, cols[j].group);
        cells[j][0] = 0;
        if (cols[j].type) {
            published_row(cells[j], r, row_of(cols[j].type, "countries"));
        } else {
            size_t used = 0;
            for (size_t q = 0; q < gr->n_countries && used < 700; q++)
                used += (size_t)snprintf(
                    cells[j] + used, CELL - used, "%s%s %zu", q ? ", " : "",
                    *gr->countries[q] ? cs_report_country_name(r, gr->countries[q]) : "?",
                    gr->country_count[q]);
        }
        c[j] = cells[j];
    }
    cs_doc_table_row(d, c, ncol);
    for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
        const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
        if (!in->scored)
            continue;
        snprintf(cells[0], CELL, "%s %s", in->code, cs_report_label(r, in->label_en, in->label_ru));
        c[0] = cells[0];
        const char *key = cs_method_item_at(r->m, in->first_item)->key;
        for (size_t j = 1; j < ncol; j++) {
            const cs_classify_group *gr = cs_classification_group(r->c, cols[j].group);
            if (cols[j].type)
                published_share(cells[j], r, in->n_items == 1 ? trait_of(cols[j].type, key) : NULL);
            else
                cs_report_percent(cells[j], CELL, r, gr->indicator_met[i], gr->indicator_known[i]);
            c[j] = cells[j];
        }
        cs_doc_table_row(d, c, ncol);
        /* an indicator of several items (I8 participants, I9 activities, I13 goals): the share
         * per item under it, as the study's table lists them */
        for (size_t it = in->first_item; in->n_items > 1 && it < in->first_item + in->n_items;
             it++) {
            const cs_method_item *item = cs_method_item_at(r->m, it);
            snprintf(cells[0], CELL, "%s: %s", in->code,
                     cs_report_label(r, item->label_en, item->label_ru));
            for (size_t j = 1; j < ncol; j++) {
                const cs_classify_group *gr = cs_classification_group(r->c, cols[j].group);
                if (cols[j].type)
                    published_share(cells[j], r, trait_of(cols[j].type, item->key));
                else
                    cs_report_percent(cells[j], CELL, r, gr->item_met[it], gr->item_known[it]);
                c[j] = cells[j];
            }
            cs_doc_table_row(d, c, ncol);
        }
    }
    /* the study's text rows: what its table says, beside the facts recorded for the members */
    static const char *const text_rows[] = { "competitive_advantage", "focus", "initiative",
                                             "esca_label" };
    for (size_t q = 0; q < sizeof text_rows / sizeof text_rows[0]; q++) {
        char name[64];
        snprintf(name, sizeof name, "table21_%s", text_rows[q]);
        c[0] = T(r, name);
        /* the facts of this row over every type: the found column counts each of them */
        cs_buf facts = CS_BUF_INIT;
        for (size_t t = 0; r->ref && t < r->ref->n_types; t++) {
            const cs_reference_row *row = row_of(&r->ref->types[t], text_rows[q]);
            if (row && row->facts)
                list_add(&facts, row->facts);
        }
        for (size_t j = 1; j < ncol; j++) {
            if (cols[j].type)
                published_row(cells[j], r, row_of(cols[j].type, text_rows[q]));
            else
                found_facts(cells[j], r, cols[j].group, facts.len ? cs_buf_str(&facts) : NULL);
            c[j] = cells[j];
        }
        cs_buf_free(&facts);
        cs_doc_table_row(d, c, ncol);
    }
    for (size_t bl = 0; bl < cs_method_block_count(r->m); bl++) {
        const cs_method_block *blk = cs_method_block_at(r->m, bl);
        snprintf(cells[0], CELL, "%s %s (%s)", T(r, "mean_blocks"), blk->code,
                 cs_report_label(r, blk->label_en, blk->label_ru));
        c[0] = cells[0];
        for (size_t j = 1; j < ncol; j++) {
            if (cols[j].type)
                snprintf(cells[j], CELL, "—");
            else
                cs_report_num(cells[j], CELL, r,
                              cs_classification_group(r->c, cols[j].group)->block_indicators[bl],
                              2);
            c[j] = cells[j];
        }
        cs_doc_table_row(d, c, ncol);
    }
    c[0] = T(r, "nearest_type");
    for (size_t j = 1; j < ncol; j++) {
        const cs_classify_group *gr = cs_classification_group(r->c, cols[j].group);
        if (cols[j].type)
            snprintf(cells[j], CELL, "G%d %s", cols[j].type->number,
                     cs_report_label(r, cols[j].type->name_en, cols[j].type->name_ru));
        else
            snprintf(cells[j], CELL, "%s", gr->reason ? gr->reason : T(r, "none"));
        c[j] = cells[j];
    }
    cs_doc_table_row(d, c, ncol);
    cs_doc_table_end(d);
done:
    free(c);
    free(cells);
    free(heads);
}

/* Which policy the results used, by name and meaning, the coverage rule and the imputed pairs;
 * and, for a scenario, every assumed fact it rests on. */
static void typology_basis(cs_doc *d, const cs_report *r)
{
    char buf[1024];
    double imputed = 0;
    size_t n_imputed = cs_classification_imputed(r->c, &imputed);
    snprintf(buf, sizeof buf, T(r, "typology_policy"),
             cs_unknown_policy_name(cs_classification_unknown(r->c)),
             cs_classification_unknown_words(r->c), cs_classification_min_known(r->c),
             cs_classification_variable_count(r->c), n_imputed);
    cs_doc_para(d, buf);
    const cs_classify_assumption *as = NULL;
    size_t n = cs_classification_assumptions(r->c, &as);
    if (!n)
        return;
    snprintf(buf, sizeof buf, T(r, "typology_assumed"), n);
    cs_doc_para(d, buf);
    for (size_t i = 0; i < n; i++) {
        char year[48] = "";
        if (*as[i].year)
            snprintf(year, sizeof year, " (%s)", as[i].year);
        snprintf(buf, sizeof buf, T(r, "typology_assumed_fact"), as[i].subject_kind, as[i].subject,
                 as[i].fact, as[i].value, year, as[i].file, as[i].line);
        cs_doc_para(d, buf);
    }
}

void cs_report_section_typology(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "typology", T(r, "typology"));
    if (!r->c) {
        cs_doc_para(d, r->typology_note ? r->typology_note : "");
        return;
    }
    if (r->o.partition) {
        /* the stored partition's own parameters, not the default's description */
        const cs_classify_options *co = cs_classification_options(r->c);
        char intro[512];
        snprintf(intro, sizeof intro, T(r, "typology_stored"), r->o.partition,
                 cs_classify_algorithm_name(co->algorithm), cs_metric_name(co->distance),
                 cs_unknown_policy_name(cs_classification_unknown(r->c)));
        cs_doc_para(d, intro);
    } else {
        cs_doc_para(d, T(r, "typology_intro"));
    }
    typology_basis(d, r);
    int k = cs_classification_k(r->c);
    char buf[512], a[64], b[64], s[64];
    cs_i18n_count(a, sizeof a, r->o.lang, (long)cs_classification_analysed(r->c), "cluster");
    cs_i18n_count(b, sizeof b, r->o.lang, k, "group");
    cs_report_num(s, sizeof s, r, cs_classification_silhouette(r->c), 3);
    snprintf(buf, sizeof buf, "%s: %s; %s; %s %s.", T(r, "typology"), a, b,
             T(r, "silhouette_short"), s);
    cs_doc_para(d, buf);
    cs_chart_locale loc = cs_report_locale(r);
    if (r->z) {
        const char **leaf = calloc(r->n_an + 1, sizeof *leaf);
        int *lc = calloc(r->n_an + 1, sizeof *lc);
        if (leaf && lc) {
            for (size_t i = 0; i < r->n_an; i++) {
                leaf[i] = r->names[r->an[i]];
                lc[i] = cs_report_group_of(r, r->an[i]) - 1;
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
            cs_doc_figure(d, cs_chart_dendrogram(&ds, &loc), T(r, "dendrogram"));
        }
        free(leaf);
        free(lc);
    } else if (r->typology_note) {
        cs_doc_para(d, r->typology_note);
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
        cs_chart_line_spec ls = { .title = T(r, "silhouette"),
                                  .x_label = T(r, "k"),
                                  .y_label = T(r, "silhouette_short"),
                                  .x = xs,
                                  .n = nk,
                                  .series = &ser,
                                  .n_series = 1,
                                  .mark_x = (double)k,
                                  .mark_label = mark };
        cs_doc_figure(d, cs_chart_line(&ls, &loc), cs_classification_k_rule(r->c));
    }

    group_table(d, r);

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
                     cs_report_label(r, blk->label_en, blk->label_ru));
            cs_chart_bar_spec bs = { title, T(r, "share"), cats, ncat, ser, (size_t)k, 1.0 };
            cs_doc_figure(d, cs_chart_bar(&bs, &loc), T(r, "block_chart"));
        }
        free(vals);
        free(ser);
    }

    if (r->ref && cs_classification_compared(r->c)) {
        cs_doc_heading(d, 3, "agreement", T(r, "agreement"));
        char ari[64];
        cs_report_num(ari, sizeof ari, r, cs_classification_ari(r->c), 3);
        cs_i18n_count(a, sizeof a, r->o.lang, (long)cs_classification_compared(r->c), "cluster");
        snprintf(buf, sizeof buf, "%s: %s (%s)", T(r, "ari"), ari, a);
        cs_doc_para(d, buf);
        size_t nt = r->ref->n_types;
        const char **hh = calloc(nt + 1, sizeof *hh);
        const char **cc = calloc(nt + 1, sizeof *cc);
        char(*cl)[64] = calloc(nt + 1, 64);
        if (hh && cc && cl) {
            hh[0] = T(r, "contingency");
            for (size_t t = 0; t < nt; t++)
                hh[t + 1] = cs_report_label(r, r->ref->types[t].name_en, r->ref->types[t].name_ru);
            cs_doc_table_head(d, hh, nt + 1);
            const int64_t *ct = cs_classification_contingency(r->c);
            for (int g = 1; g <= k; g++) {
                cc[0] = r->gnames[g - 1];
                for (size_t t = 0; t < nt; t++) {
                    snprintf(cl[t + 1], 64, "%lld", (long long)ct[(size_t)(g - 1) * nt + t]);
                    cc[t + 1] = cl[t + 1];
                }
                cs_doc_table_row(d, cc, nt + 1);
            }
            cs_doc_table_end(d);
        }
        free(hh);
        free(cc);
        free(cl);
    }
    /* clusters left out, with the reason */
    size_t nl = 0;
    for (size_t i = 0; i < r->n; i++)
        nl += !cs_report_group_of(r, i);
    if (nl) {
        cs_doc_heading(d, 3, NULL, T(r, "left_out"));
        const char *lh[2] = { T(r, "cluster"), T(r, "reason") };
        cs_doc_table_head(d, lh, 2);
        for (size_t i = 0; i < r->n; i++)
            if (!cs_report_group_of(r, i)) {
                const char *lc[2] = { r->names[i], cs_classification_left_out(r->c, i) };
                cs_doc_table_row(d, lc, 2);
            }
        cs_doc_table_end(d);
    }
}
