/*
 * section_programmes.c: the report's sections on support programmes (per programme a table of
 * its rounds: stated totals beside the sums of the stored applications, award rates with their
 * basis; a table of shares by specialisation with their change in percentage points; a bar
 * chart of the amounts requested and awarded by round) and on official registries, labels and
 * lists (who is listed, with dates, level, decision and source), from the service's
 * cs_service_programmes. Every figure names its source (key and locator) or its basis.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"
#include "util/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void num(char *out, size_t cap, const cs_report *r, double v)
{
    cs_report_num(out, cap, r, v, isnan(v) || v == floor(v) ? 0 : 2);
}

/* A percentage for the document: "92.6 %", "+7.2", "?". */
static void pct(char *out, size_t cap, const cs_report *r, double v, double scale, int sign)
{
    if (isnan(v)) {
        snprintf(out, cap, "?");
        return;
    }
    char n[40];
    cs_report_num(n, sizeof n, r, v * scale, 1);
    snprintf(out, cap, "%s%s%s", sign && v * scale >= 0.05 ? "+" : "", n, sign ? "" : " %");
}

static const char *basis(const cs_report *r, cs_programme_basis b)
{
    return T(r, b == CS_BASIS_STATED         ? "pg_basis_stated"
                : b == CS_BASIS_APPLICATIONS ? "pg_basis_applications"
                                             : "pg_basis_none");
}

/* "key, locator" of a source, or "" when none is named. */
static void source_text(char *out, size_t cap, const char *source, const char *locator)
{
    snprintf(out, cap, "%s%s%s", source ? source : "", source && locator ? ", " : "",
             source && locator ? locator : "");
}

static const char *programme_name(const cs_report *r, const cs_programme_info *p)
{
    return cs_report_label(r, p->name_en, p->name_ru ? p->name_ru : "");
}

static void rounds_table(cs_doc *d, const cs_report *r, const cs_programme_info *p)
{
    const char *h[] = { T(r, "pg_round"),       T(r, "pg_year"),          T(r, "pg_requested"),
                        T(r, "pg_awarded"),     T(r, "pg_applications"),  T(r, "pg_awards"),
                        T(r, "pg_stored"),      T(r, "pg_sum_requested"), T(r, "pg_sum_awarded"),
                        T(r, "pg_rate_amount"), T(r, "pg_rate_count"),    T(r, "pg_source") };
    cs_doc_table_head_class(d, "programmes", h, 12);
    for (size_t k = 0; k < p->n_rounds; k++) {
        const cs_programme_round_stats *s = &p->rounds[k];
        char c[12][160], year[16];
        snprintf(year, sizeof year, "%d", s->year);
        num(c[0], sizeof c[0], r, s->requested);
        num(c[1], sizeof c[1], r, s->awarded);
        num(c[2], sizeof c[2], r, s->applications);
        num(c[3], sizeof c[3], r, s->awards);
        num(c[4], sizeof c[4], r, (double)s->n_applications);
        num(c[5], sizeof c[5], r, s->sum_requested);
        num(c[6], sizeof c[6], r, s->sum_awarded);
        char p1[64], p2[64];
        pct(p1, sizeof p1, r, s->rate_amount, 100, 0);
        pct(p2, sizeof p2, r, s->rate_count, 100, 0);
        snprintf(c[7], sizeof c[7], "%s (%s)", p1, basis(r, s->rate_amount_basis));
        snprintf(c[8], sizeof c[8], "%s (%s)", p2, basis(r, s->rate_count_basis));
        source_text(c[9], sizeof c[9], s->source, s->locator);
        const char *row[] = { s->round, year, c[0], c[1], c[2], c[3],
                              c[4],     c[5], c[6], c[7], c[8], c[9] };
        cs_doc_table_row(d, row, 12);
    }
    cs_doc_table_end(d);
}

static void shares_table(cs_doc *d, const cs_report *r, const cs_programme_info *p)
{
    const char *h[] = { T(r, "pg_round"),         T(r, "pg_specialisation"),
                        T(r, "pg_basis"),         T(r, "pg_clusters"),
                        T(r, "pg_awarded"),       T(r, "pg_share_amount"),
                        T(r, "pg_change_amount"), T(r, "pg_share_count"),
                        T(r, "pg_change_count"),  T(r, "pg_source") };
    cs_doc_table_head_class(d, "programmes", h, 10);
    for (size_t k = 0; k < p->n_rounds; k++)
        for (size_t j = 0; j < p->rounds[k].n_shares; j++) {
            const cs_programme_share *s = &p->rounds[k].shares[j];
            char c[7][160];
            num(c[0], sizeof c[0], r, s->clusters);
            num(c[1], sizeof c[1], r, s->awarded);
            pct(c[2], sizeof c[2], r, s->share_amount, 1, 0);
            pct(c[3], sizeof c[3], r, s->change_amount, 1, 1);
            pct(c[4], sizeof c[4], r, s->share_count, 1, 0);
            pct(c[5], sizeof c[5], r, s->change_count, 1, 1);
            source_text(c[6], sizeof c[6], s->source, s->locator);
            const char *row[] = { p->rounds[k].round,
                                  s->specialisation ? s->specialisation : T(r, "pg_unknown_spec"),
                                  basis(r, s->basis),
                                  c[0],
                                  c[1],
                                  c[2],
                                  c[3],
                                  c[4],
                                  c[5],
                                  c[6] };
            cs_doc_table_row(d, row, 10);
        }
    cs_doc_table_end(d);
}

/* The amounts requested and awarded by round, stated where stated, else the applications' sums
 * (the table says which); unknown bars are drawn as "?". */
static void rounds_chart(cs_doc *d, const cs_report *r, const cs_programme_info *p)
{
    size_t n = p->n_rounds;
    const char **cats = calloc(n, sizeof *cats);
    double *req = calloc(n, sizeof *req), *awd = calloc(n, sizeof *awd);
    if (!cats || !req || !awd) {
        d->err = 1;
    } else {
        for (size_t k = 0; k < n; k++) {
            const cs_programme_round_stats *s = &p->rounds[k];
            cats[k] = s->round;
            int stated = !isnan(s->requested) || !isnan(s->awarded);
            req[k] = stated ? s->requested : s->sum_requested;
            awd[k] = stated ? s->awarded : s->sum_awarded;
        }
        cs_chart_series series[2] = { { T(r, "pg_requested"), req }, { T(r, "pg_awarded"), awd } };
        char title[512];
        snprintf(title, sizeof title, "%s: %s", programme_name(r, p), T(r, "pg_chart_title"));
        cs_chart_bar_spec spec = { title, p->currency ? p->currency : "", cats, n, series, 2, 0 };
        cs_chart_locale loc = cs_report_locale(r);
        cs_doc_figure(d, cs_chart_bar(&spec, &loc), T(r, "pg_chart_caption"));
    }
    free(cats);
    free(req);
    free(awd);
}

void cs_report_section_programmes(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "programmes", T(r, "programmes"));
    const cs_programme_set *set = r->programmes;
    size_t shown = 0;
    for (size_t i = 0; set && i < set->n_programmes; i++) {
        const cs_programme_info *p = &set->programmes[i];
        if (!p->n_rounds)
            continue;
        char head[512];
        snprintf(head, sizeof head, "%s (%s%s%s)", programme_name(r, p), p->key,
                 p->currency ? ", " : "", p->currency ? p->currency : "");
        cs_doc_heading(d, 3, NULL, head);
        if (p->source) {
            char src[320], line[512];
            source_text(src, sizeof src, p->source, p->locator);
            snprintf(line, sizeof line, T(r, "pg_programme_source"), src);
            cs_doc_para(d, line);
        }
        rounds_table(d, r, p);
        size_t shares = 0;
        for (size_t k = 0; k < p->n_rounds; k++)
            shares += p->rounds[k].n_shares;
        if (shares) {
            cs_doc_para(d, T(r, "pg_shares_title"));
            shares_table(d, r, p);
        }
        rounds_chart(d, r, p);
        shown++;
    }
    cs_doc_para(d, shown ? T(r, "pg_legend") : T(r, "pg_report_none"));
}

void cs_report_section_registries(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "registries", T(r, "registries"));
    const cs_programme_set *set = r->programmes;
    if (!set || !set->n_listings) {
        cs_doc_para(d, T(r, "pg_no_listings"));
        return;
    }
    const char *h[] = { T(r, "pg_programme"),    T(r, "pg_kind"),  T(r, "pg_cluster"),
                        T(r, "pg_entered"),      T(r, "pg_left"),  T(r, "pg_level"),
                        T(r, "pg_decision_act"), T(r, "pg_source") };
    cs_doc_table_head_class(d, "registries", h, 8);
    for (size_t i = 0; i < set->n_listings; i++) {
        const cs_programme_listing *l = &set->listings[i];
        char kind[64], src[320];
        snprintf(kind, sizeof kind, "pg_kind_%s", l->programme_kind ? l->programme_kind : "");
        source_text(src, sizeof src, l->source, l->locator);
        const char *pname =
            cs_report_label(r, l->programme_name_en ? l->programme_name_en : l->programme,
                            l->programme_name_ru ? l->programme_name_ru : "");
        const char *row[] = { pname,
                              T(r, kind),
                              l->cluster_name ? l->cluster_name : l->cluster,
                              l->entered,
                              l->left_on ? l->left_on : "",
                              l->level ? l->level : "",
                              l->decision ? l->decision : "",
                              src };
        cs_doc_table_row(d, row, 8);
    }
    cs_doc_table_end(d);
    cs_doc_para(d, T(r, "pg_registries_legend"));
}

void cs_report_programmes_json(cs_jsonw *w, const cs_report *r)
{
    const cs_programme_set *set = r->programmes;
    if (r->o.sections & CS_REPORT_PROGRAMMES) {
        cs_jsonw_open(w, "programmes", '[');
        for (size_t i = 0; set && i < set->n_programmes; i++) {
            const cs_programme_info *p = &set->programmes[i];
            cs_jsonw_open(w, NULL, '{');
            cs_jsonw_string(w, "key", p->key);
            cs_jsonw_string(w, "kind", p->kind);
            cs_jsonw_string(w, "name", programme_name(r, p));
            cs_jsonw_string(w, "currency", p->currency);
            cs_jsonw_open(w, "rounds", '[');
            for (size_t k = 0; k < p->n_rounds; k++) {
                const cs_programme_round_stats *s = &p->rounds[k];
                cs_jsonw_open(w, NULL, '{');
                cs_jsonw_string(w, "round", s->round);
                cs_jsonw_int(w, "year", s->year);
                cs_jsonw_number(w, "stated_requested", s->requested);
                cs_jsonw_number(w, "stated_awarded", s->awarded);
                cs_jsonw_number(w, "stated_applications", s->applications);
                cs_jsonw_number(w, "stated_awards", s->awards);
                cs_jsonw_string(w, "source", s->source);
                cs_jsonw_string(w, "locator", s->locator);
                cs_jsonw_int(w, "applications", (long long)s->n_applications);
                cs_jsonw_number(w, "sum_requested", s->sum_requested);
                cs_jsonw_number(w, "sum_awarded", s->sum_awarded);
                cs_jsonw_number(w, "rate_amount", s->rate_amount);
                cs_jsonw_string(w, "rate_amount_basis",
                                cs_programme_basis_name(s->rate_amount_basis));
                cs_jsonw_number(w, "rate_count", s->rate_count);
                cs_jsonw_string(w, "rate_count_basis",
                                cs_programme_basis_name(s->rate_count_basis));
                cs_jsonw_open(w, "shares", '[');
                for (size_t j = 0; j < s->n_shares; j++) {
                    const cs_programme_share *sh = &s->shares[j];
                    cs_jsonw_open(w, NULL, '{');
                    cs_jsonw_string(w, "specialisation", sh->specialisation);
                    cs_jsonw_string(w, "basis", cs_programme_basis_name(sh->basis));
                    cs_jsonw_number(w, "share_amount_pct", sh->share_amount);
                    cs_jsonw_number(w, "change_amount_pp", sh->change_amount);
                    cs_jsonw_number(w, "share_count_pct", sh->share_count);
                    cs_jsonw_number(w, "change_count_pp", sh->change_count);
                    cs_jsonw_string(w, "source", sh->source);
                    cs_jsonw_close(w, '}');
                }
                cs_jsonw_close(w, ']');
                cs_jsonw_close(w, '}');
            }
            cs_jsonw_close(w, ']');
            cs_jsonw_close(w, '}');
        }
        cs_jsonw_close(w, ']');
    }
    if (r->o.sections & CS_REPORT_REGISTRIES) {
        cs_jsonw_open(w, "registries", '[');
        for (size_t i = 0; set && i < set->n_listings; i++) {
            const cs_programme_listing *l = &set->listings[i];
            cs_jsonw_open(w, NULL, '{');
            cs_jsonw_string(w, "programme", l->programme);
            cs_jsonw_string(w, "kind", l->programme_kind);
            cs_jsonw_string(w, "cluster", l->cluster);
            cs_jsonw_string(w, "entered", l->entered);
            cs_jsonw_string(w, "left_on", l->left_on);
            cs_jsonw_string(w, "level", l->level);
            cs_jsonw_string(w, "decision", l->decision);
            cs_jsonw_string(w, "source", l->source);
            cs_jsonw_string(w, "locator", l->locator);
            cs_jsonw_close(w, '}');
        }
        cs_jsonw_close(w, ']');
    }
}
