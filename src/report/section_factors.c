/*
 * section_factors.c: the study's target models and success factors for the registry's
 * biomedical clusters (factors.h, through the service): the factors with their case counts and
 * evidence rules, and a compact table of clusters by factors and target models. One table
 * layout serves HTML, Markdown, CSV, JSON and XLSX (cs_report_factor_cells).
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"
#include "util/textout.h"

#include <stdio.h>
#include <string.h>

/* A factor's cell: + evidenced, − not, ? unknown, · no fact can show it; or (machine) a code
 * that a spreadsheet does not read as a formula. */
static const char *factor_cell(const cs_factor_status *s, int machine)
{
    if (s->indicator < 0)
        return machine ? "no_fact" : "·";
    if (s->evidence == CS_RESULT_MET)
        return machine ? "evidenced" : "+";
    return s->evidence == CS_RESULT_NOT_MET ? (machine ? "not_evidenced" : "−")
                                            : (machine ? "unknown" : "?");
}

static const char *fit_cell(cs_result fit, int machine)
{
    if (fit == CS_RESULT_MET)
        return machine ? "fits" : "+";
    return fit == CS_RESULT_NOT_MET ? (machine ? "does_not_fit" : "−")
                                    : (machine ? "unknown" : "?");
}

size_t cs_report_factor_rows(const cs_report *r)
{
    return r->factors ? cs_service_factor_set_count(r->factors) : 0;
}

/* Adds one cell to the row unless it is full (the import keeps it from being full). */
static void put(cs_report_factor_row *out, size_t *c, const char *text)
{
    if (*c < CS_REPORT_MAX_COLS)
        out->cell[(*c)++] = text;
}

/* The same with a short text of the row's own ("F3"). */
static void put_number(cs_report_factor_row *out, size_t *c, const char *prefix, int number)
{
    if (*c < CS_REPORT_MAX_COLS)
        snprintf(out->text[*c], sizeof out->text[*c], "%s%d", prefix, number);
    put(out, c, *c < CS_REPORT_MAX_COLS ? out->text[*c] : NULL);
}

size_t cs_report_factor_cells(cs_report_factor_row *out, const cs_report *r, size_t row,
                              int machine)
{
    const cs_factor_reference *ref = cs_service_factor_set_reference(r->factors);
    size_t c = 0;
    if (row == 0) {
        put(out, &c, machine ? "cluster" : T(r, "cluster"));
        put(out, &c, machine ? "name" : T(r, "name"));
        put(out, &c, machine ? "study_group" : T(r, "fx_study_group"));
        for (size_t i = 0; i < ref->n_factors; i++)
            put_number(out, &c, "F", ref->factors[i].number);
        for (size_t i = 0; i < ref->n_models; i++)
            put_number(out, &c, "TM", ref->models[i].number);
        return c;
    }
    const cs_factor_profile *p = cs_service_factor_set_profile(r->factors, row - 1);
    const cs_assessment *a = cs_factor_profile_assessment(p);
    const cs_assess_subject *s = cs_assessment_subject(a, cs_factor_profile_cluster(p));
    put(out, &c, s->key);
    put(out, &c, s->name);
    if (cs_factor_profile_group(p))
        put_number(out, &c, "", cs_factor_profile_group(p));
    else
        put(out, &c, "");
    for (size_t i = 0; i < cs_factor_profile_factor_count(p); i++)
        put(out, &c, factor_cell(cs_factor_profile_factor(p, i), machine));
    for (size_t i = 0; i < cs_factor_profile_model_count(p); i++)
        put(out, &c, fit_cell(cs_factor_profile_model(p, i)->fit, machine));
    return c;
}

/* The factor list: number, name, the study's cases of it, the evidence rule. */
static void factor_list(cs_doc *d, const cs_report *r)
{
    const cs_factor_reference *ref = cs_service_factor_set_reference(r->factors);
    const char *h[4] = { T(r, "fx_factor"), T(r, "name"), T(r, "fx_cases"),
                         T(r, "fx_evidence_head") };
    cs_doc_table_head(d, h, 4);
    const cs_factor_profile *p =
        cs_report_factor_rows(r) ? cs_service_factor_set_profile(r->factors, 0) : NULL;
    const cs_method *m = p ? cs_assessment_method(cs_factor_profile_assessment(p)) : NULL;
    for (size_t i = 0; i < ref->n_factors; i++) {
        const cs_success_factor *f = &ref->factors[i];
        char num[16], cases[32], name[768];
        snprintf(num, sizeof num, "F%d", f->number);
        snprintf(cases, sizeof cases, "%zu", cs_factor_reference_case_count(ref, f->number, NULL));
        snprintf(name, sizeof name, "%s (%s)", cs_report_label(r, f->name_en, f->name_ru),
                 f->heading_locator);
        const char *rule = f->no_evidence;
        long ind = m && *f->evidence ? cs_method_find_indicator(m, f->evidence) : -1;
        if (ind >= 0) {
            const cs_method_indicator *in = cs_method_indicator_at(m, (size_t)ind);
            rule = cs_report_label(r, in->label_en, in->label_ru);
        }
        const char *row[4] = { num, name, cases, rule };
        cs_doc_table_row(d, row, 4);
    }
    cs_doc_table_end(d);
}

void cs_report_section_factors(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "factors", T(r, "factors"));
    if (!r->factors) {
        cs_doc_para(d, T(r, "fx_no_reference"));
        return;
    }
    cs_doc_para(d, T(r, "fx_section_intro"));
    factor_list(d, r);
    size_t n = cs_report_factor_rows(r);
    cs_report_factor_row row;
    size_t nc = cs_report_factor_cells(&row, r, 0, 0);
    cs_doc_table_head_class(d, "factors", row.cell, nc);
    for (size_t i = 1; i <= n; i++) {
        nc = cs_report_factor_cells(&row, r, i, 0);
        cs_doc_table_row(d, row.cell, nc);
    }
    cs_doc_table_end(d);
    cs_doc_para(d, T(r, "fx_legend"));
    cs_doc_para(d, T(r, "fx_mmk_note"));
}

int cs_report_write_factors_csv(FILE *f, const cs_report *r)
{
    if (!r->factors)
        return cs_error_set(CS_ENOTFOUND, "the registry holds no success factors (import "
                                          "data/reference/reference-groups.json)");
    cs_buf b = CS_BUF_INIT;
    cs_report_factor_row row;
    int rc = 0;
    for (size_t i = 0; !rc && i <= cs_report_factor_rows(r); i++) {
        size_t nc = cs_report_factor_cells(&row, r, i, 1);
        for (size_t c = 0; !rc && c < nc; c++) {
            rc = cs_textout_csv_text(&b, row.cell[c], CS_CSV_QUOTE_ALWAYS);
            rc = rc ? rc : c + 1 < nc ? cs_buf_putc(&b, ',') : cs_buf_append(&b, "\r\n", 2);
        }
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    if (!rc && ferror(f))
        rc = cs_error_set(CS_EIO, "writing the table failed");
    return rc;
}

void cs_report_factors_json(cs_jsonw *w, const cs_report *r)
{
    if (!r->factors) {
        cs_jsonw_null(w, "factors");
        return;
    }
    const cs_factor_reference *ref = cs_service_factor_set_reference(r->factors);
    cs_jsonw_open(w, "factors", '{');
    cs_jsonw_open(w, "list", '[');
    for (size_t i = 0; i < ref->n_factors; i++) {
        const cs_success_factor *f = &ref->factors[i];
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_int(w, "number", f->number);
        cs_jsonw_string(w, "name", cs_report_label(r, f->name_en, f->name_ru));
        cs_jsonw_string(w, "locator", f->locator);
        cs_jsonw_int(w, "cases", (long long)cs_factor_reference_case_count(ref, f->number, NULL));
        if (*f->evidence)
            cs_jsonw_string(w, "evidence", f->evidence);
        else
            cs_jsonw_null(w, "evidence");
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
    cs_jsonw_open(w, "clusters", '[');
    for (size_t i = 0; i < cs_report_factor_rows(r); i++) {
        const cs_factor_profile *p = cs_service_factor_set_profile(r->factors, i);
        const cs_assessment *a = cs_factor_profile_assessment(p);
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "key", cs_assessment_subject(a, cs_factor_profile_cluster(p))->key);
        if (cs_factor_profile_group(p))
            cs_jsonw_int(w, "study_group", cs_factor_profile_group(p));
        else
            cs_jsonw_null(w, "study_group");
        cs_jsonw_open(w, "factors", '{');
        for (size_t k = 0; k < cs_factor_profile_factor_count(p); k++) {
            const cs_factor_status *s = cs_factor_profile_factor(p, k);
            char key[16];
            snprintf(key, sizeof key, "F%d", s->factor->number);
            cs_jsonw_string(w, key,
                            s->indicator < 0                   ? "no_fact"
                            : s->evidence == CS_RESULT_MET     ? "evidenced"
                            : s->evidence == CS_RESULT_NOT_MET ? "not_evidenced"
                                                               : "unknown");
        }
        cs_jsonw_close(w, '}');
        cs_jsonw_open(w, "target_models", '{');
        for (size_t k = 0; k < cs_factor_profile_model_count(p); k++) {
            const cs_model_fit *mf = cs_factor_profile_model(p, k);
            char key[16];
            snprintf(key, sizeof key, "TM%d", mf->model->number);
            cs_jsonw_string(w, key,
                            mf->fit == CS_RESULT_MET       ? "fits"
                            : mf->fit == CS_RESULT_NOT_MET ? "does_not_fit"
                                                           : "unknown");
        }
        cs_jsonw_close(w, '}');
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
    cs_jsonw_close(w, '}');
}
