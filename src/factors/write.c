/*
 * write.c: one cluster's target models and success factors as terminal text, Markdown or JSON
 * (factors.h). Every word is the i18n catalogue's; values from the registry are written as
 * util/textout.h writes them (valid UTF-8, JSON escaping), so the output is the same bytes for
 * the same registry.
 */
#include "clusterscope/factors.h"

#include "clusterscope/error.h"
#include "util/buf.h"
#include "util/textout.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    cs_buf b;
    FILE *f;
    cs_lang lang;
    int md;
    int rc;
} out;

static const char *T(const out *o, const char *key)
{
    return cs_i18n_text(o->lang, key);
}

static void put(out *o, const char *s)
{
    if (!o->rc)
        o->rc = cs_buf_append(&o->b, s, strlen(s));
}

/* A value from the registry: plain text (control bytes as spaces); in Markdown, '|' and '*'
 * escaped so a cell or a line keeps its layout. */
static void val(out *o, const char *s)
{
    if (o->rc || !s)
        return;
    if (!o->md) {
        o->rc = cs_textout_plain(&o->b, s);
        return;
    }
    cs_buf t = CS_BUF_INIT;
    o->rc = cs_textout_plain(&t, s);
    for (size_t i = 0; !o->rc && t.data && i < t.len; i++) {
        if (strchr("|*_`[]<>\\", t.data[i]))
            o->rc = cs_buf_putc(&o->b, '\\');
        o->rc = o->rc ? o->rc : cs_buf_putc(&o->b, t.data[i]);
    }
    cs_buf_free(&t);
}

static void fmt(out *o, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void fmt(out *o, const char *format, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, format);
    vsnprintf(line, sizeof line, format, ap);
    va_end(ap);
    put(o, line);
}

static const char *pick(cs_lang lang, const char *en, const char *ru)
{
    const char *first = lang == CS_LANG_RU ? ru : en;
    return first && *first ? first : lang == CS_LANG_RU ? en : ru;
}

const char *cs_factors_status_word(const cs_factor_status *s, cs_lang lang)
{
    if (s->indicator < 0)
        return cs_i18n_text(lang, "fx_no_fact");
    return cs_i18n_text(lang, s->evidence == CS_RESULT_MET       ? "fx_evidenced"
                              : s->evidence == CS_RESULT_NOT_MET ? "fx_not_evidenced"
                                                                 : "fx_unknown_by_facts");
}

const char *cs_factors_fit_word(cs_result fit, cs_lang lang)
{
    return cs_i18n_text(lang, fit == CS_RESULT_MET       ? "fx_fits"
                              : fit == CS_RESULT_NOT_MET ? "fx_not_fit"
                                                         : "fx_unknown");
}

static const char *result_word(const out *o, cs_result r)
{
    return T(o, r == CS_RESULT_MET       ? "fx_met"
                : r == CS_RESULT_NOT_MET ? "fx_not_met"
                                         : "fx_unknown");
}

static const char *result_code(cs_result r)
{
    return r == CS_RESULT_MET ? "met" : r == CS_RESULT_NOT_MET ? "not_met" : "unknown";
}

/* ---------------------------------------------------------------- text and Markdown */

/* The items of indicator IND, one line each, with the fact each read; a ref item is followed by
 * the items of the indicator it refers to, one level deeper (Markdown lists start at md_base
 * spaces, to nest under the line above). */
static void text_items(out *o, const cs_factor_profile *p, size_t ind, int depth, int md_base)
{
    char indent[32];
    int spaces = o->md ? md_base + 2 * depth : 6 + 2 * depth;
    snprintf(indent, sizeof indent, "%*s%s", spaces, "", o->md ? "- " : "");
    const cs_assessment *a = cs_factor_profile_assessment(p);
    const cs_method *m = cs_assessment_method(a);
    size_t c = cs_factor_profile_cluster(p);
    const cs_method_indicator *in = cs_method_indicator_at(m, ind);
    for (size_t k = 0; k < in->n_items; k++) {
        size_t item = in->first_item + k;
        const cs_method_item *it = cs_method_item_at(m, item);
        cs_result r = cs_assessment_item(a, c, item);
        put(o, indent);
        fmt(o, "[%s] ", result_word(o, r));
        if (it->rule.kind == CS_RULE_REF) {
            const cs_method_indicator *ref = cs_method_indicator_at(m, it->rule.ref);
            val(o, pick(o->lang, ref->label_en, ref->label_ru));
            fmt(o, " (%s %zu / %zu)\n", T(o, "fx_at_least"), ref->min_items, ref->n_items);
            if (depth < 3) /* the loader refuses cycles; this only bounds the indent */
                text_items(o, p, it->rule.ref, depth + 1, md_base);
            continue;
        }
        val(o, pick(o->lang, it->label_en, it->label_ru));
        const cs_fact *fact = cs_assessment_item_fact(a, c, item);
        if (!fact || fact->value.kind == CS_VALUE_UNKNOWN) {
            fmt(o, ": %s\n", T(o, "fx_no_fact_recorded"));
            continue;
        }
        put(o, ": ");
        val(o, fact->name);
        put(o, " = \"");
        val(o, fact->raw);
        char status[32];
        snprintf(status, sizeof status, "fx_%s", cs_fact_status_name(fact->status));
        fmt(o, "\" (%s; ", T(o, status));
        val(o, fact->source);
        if (fact->locator && *fact->locator) {
            put(o, ", ");
            val(o, fact->locator);
        }
        put(o, ")\n");
    }
}

static void text_group(out *o, const char *label, int group, const char *extra)
{
    fmt(o, o->md ? "- %s: " : "%s: ", label);
    if (group)
        fmt(o, "%d", group);
    else
        put(o, T(o, "fx_none"));
    if (extra && *extra)
        fmt(o, " (%s)", extra);
    put(o, "\n");
}

static void write_text(out *o, const cs_factor_profile *p)
{
    const cs_factor_reference *ref = cs_factor_profile_reference(p);
    const cs_assessment *a = cs_factor_profile_assessment(p);
    const cs_assess_subject *s = cs_assessment_subject(a, cs_factor_profile_cluster(p));
    const cs_factor_assignment *as = cs_factor_reference_assignment(ref, s->key);
    const char *h1 = o->md ? "# " : "", *h2 = o->md ? "\n## " : "\n";
    fmt(o, "%s%s: ", h1, T(o, "fx_title"));
    val(o, s->name);
    put(o, " (");
    val(o, s->key);
    if (s->country && *s->country) {
        put(o, ", ");
        val(o, s->country);
    }
    put(o, ")\n");
    if (o->md)
        put(o, "\n");
    char basis[64] = "";
    if (as && as->group)
        snprintf(basis, sizeof basis, "fx_basis_%s", as->basis);
    text_group(o, T(o, "fx_study_group"), cs_factor_profile_group(p), *basis ? T(o, basis) : "");
    text_group(o, T(o, "fx_found_group"), cs_factor_profile_found_group(p), "");

    fmt(o, "%s%s\n", h2, T(o, "fx_models"));
    if (o->md)
        put(o, "\n");
    for (size_t i = 0; i < cs_factor_profile_model_count(p); i++) {
        const cs_model_fit *mf = cs_factor_profile_model(p, i);
        const cs_target_model *tm = mf->model;
        fmt(o, o->md ? "- **TM%d** " : "TM%d ", tm->number);
        val(o, pick(o->lang, tm->name_en, tm->name_ru));
        fmt(o, o->md ? ": **%s**\n" : ": %s\n", cs_factors_fit_word(mf->fit, o->lang));
        const char *sub = o->md ? "  - " : "    ";
        fmt(o, "%s%s: %s\n", sub, T(o, "fx_example"), T(o, mf->example ? "fx_yes" : "fx_no"));
        fmt(o, "%s%s: %s (%s ", sub, T(o, "fx_group_fit"), result_word(o, mf->group_fit),
            T(o, "fx_model_groups"));
        val(o, tm->groups);
        if (*tm->groups_locator) {
            put(o, "; ");
            val(o, tm->groups_locator);
        }
        put(o, ")\n");
        fmt(o, "%s%s: %s", sub, T(o, "fx_members"), result_word(o, mf->members));
        if (mf->indicator >= 0) {
            const cs_method_indicator *in =
                cs_method_indicator_at(cs_assessment_method(a), (size_t)mf->indicator);
            put(o, " (");
            val(o, pick(o->lang, in->label_en, in->label_ru));
            put(o, ")\n");
            text_items(o, p, (size_t)mf->indicator, 0, 4); /* under the model's line */
        } else {
            put(o, "\n");
        }
    }

    fmt(o, "%s%s\n", h2, T(o, "fx_factors"));
    for (size_t i = 0; i < cs_factor_profile_factor_count(p); i++) {
        const cs_factor_status *st = cs_factor_profile_factor(p, i);
        const cs_success_factor *sf = st->factor;
        fmt(o, o->md ? "\n### F%d " : "\nF%d ", sf->number);
        val(o, pick(o->lang, sf->name_en, sf->name_ru));
        fmt(o, ": %s\n", cs_factors_status_word(st, o->lang));
        if (o->md)
            put(o, "\n");
        const char *sub = o->md ? "- " : "    ";
        size_t n = 0;
        for (size_t k = 0; k < ref->n_cases; k++) {
            const cs_success_case *cs = &ref->cases[k];
            if (cs->factor != sf->number || strcmp(cs->cluster, s->key) != 0)
                continue;
            fmt(o, "%s%s: «", sub, T(o, "fx_case"));
            val(o, cs->title_ru);
            put(o, "» (");
            val(o, cs->locator);
            put(o, "): ");
            val(o, pick(o->lang, cs->summary_en, cs->summary_ru));
            put(o, "\n");
            n++;
        }
        if (!n)
            fmt(o, "%s%s\n", sub, T(o, "fx_no_cases"));
        if (st->indicator < 0) {
            fmt(o, "%s%s: ", sub, T(o, "fx_evidence"));
            val(o, sf->no_evidence);
            put(o, "\n");
            continue;
        }
        const cs_method_indicator *in =
            cs_method_indicator_at(cs_assessment_method(a), (size_t)st->indicator);
        fmt(o, "%s%s: ", sub, T(o, "fx_evidence"));
        val(o, pick(o->lang, in->label_en, in->label_ru));
        fmt(o, " (%s %zu / %zu)\n", T(o, "fx_at_least"), in->min_items, in->n_items);
        text_items(o, p, (size_t)st->indicator, 0, 2); /* under "evidence" */
    }
    fmt(o, "\n%s\n", T(o, "fx_mmk_note"));
}

/* ---------------------------------------------------------------- JSON */

static void json_items(cs_jsonw *w, const cs_factor_profile *p, size_t ind)
{
    const cs_assessment *a = cs_factor_profile_assessment(p);
    const cs_method *m = cs_assessment_method(a);
    size_t c = cs_factor_profile_cluster(p);
    const cs_method_indicator *in = cs_method_indicator_at(m, ind);
    cs_jsonw_string(w, "indicator", in->id);
    cs_jsonw_int(w, "min_items", (long long)in->min_items);
    cs_jsonw_open(w, "items", '[');
    for (size_t k = 0; k < in->n_items; k++) {
        size_t item = in->first_item + k;
        const cs_method_item *it = cs_method_item_at(m, item);
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "item", it->key);
        cs_jsonw_string(w, "result", result_code(cs_assessment_item(a, c, item)));
        if (it->rule.kind == CS_RULE_REF) {
            cs_jsonw_open(w, "ref", '{');
            json_items(w, p, it->rule.ref);
            cs_jsonw_close(w, '}');
            cs_jsonw_close(w, '}');
            continue;
        }
        const cs_fact *fact = cs_assessment_item_fact(a, c, item);
        if (!fact || fact->value.kind == CS_VALUE_UNKNOWN) {
            cs_jsonw_null(w, "fact");
        } else {
            cs_jsonw_open(w, "fact", '{');
            cs_jsonw_string(w, "name", fact->name);
            cs_jsonw_string(w, "value", fact->raw);
            cs_jsonw_string(w, "status", cs_fact_status_name(fact->status));
            cs_jsonw_string(w, "source", fact->source);
            cs_jsonw_string(w, "locator", fact->locator);
            cs_jsonw_close(w, '}');
        }
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
}

static void json_group(cs_jsonw *w, const char *key, int group)
{
    if (group)
        cs_jsonw_int(w, key, group);
    else
        cs_jsonw_null(w, key);
}

static int write_json(out *o, const cs_factor_profile *p)
{
    const cs_factor_reference *ref = cs_factor_profile_reference(p);
    const cs_assessment *a = cs_factor_profile_assessment(p);
    const cs_method *m = cs_assessment_method(a);
    const cs_assess_subject *s = cs_assessment_subject(a, cs_factor_profile_cluster(p));
    const cs_factor_assignment *as = cs_factor_reference_assignment(ref, s->key);
    cs_jsonw w;
    cs_jsonw_init(&w, &o->b, 2, o->f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "format", "clusterscope-factors");
    cs_jsonw_int(&w, "version", 1);
    cs_jsonw_string(&w, "reference_set", ref->set_key);
    cs_jsonw_string(&w, "evidence_method", cs_method_id(m));
    cs_jsonw_string(&w, "evidence_method_version", cs_method_version(m));
    cs_jsonw_open(&w, "cluster", '{');
    cs_jsonw_string(&w, "key", s->key);
    cs_jsonw_string(&w, "name", s->name);
    cs_jsonw_string(&w, "country", s->country);
    cs_jsonw_close(&w, '}');
    json_group(&w, "study_group", cs_factor_profile_group(p));
    if (as && as->group)
        cs_jsonw_string(&w, "study_group_basis", as->basis);
    else
        cs_jsonw_null(&w, "study_group_basis");
    json_group(&w, "found_group", cs_factor_profile_found_group(p));
    cs_jsonw_open(&w, "target_models", '[');
    for (size_t i = 0; i < cs_factor_profile_model_count(p); i++) {
        const cs_model_fit *mf = cs_factor_profile_model(p, i);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_int(&w, "number", mf->model->number);
        cs_jsonw_string(&w, "name", pick(o->lang, mf->model->name_en, mf->model->name_ru));
        cs_jsonw_string(&w, "fit",
                        mf->fit == CS_RESULT_MET       ? "fits"
                        : mf->fit == CS_RESULT_NOT_MET ? "does_not_fit"
                                                       : "unknown");
        cs_jsonw_key(&w, "study_example");
        put(o, mf->example ? "true" : "false");
        cs_jsonw_string(&w, "group_fit", result_code(mf->group_fit));
        cs_jsonw_string(&w, "groups", mf->model->groups);
        cs_jsonw_string(&w, "members", result_code(mf->members));
        if (mf->indicator >= 0) {
            cs_jsonw_open(&w, "evidence", '{');
            json_items(&w, p, (size_t)mf->indicator);
            cs_jsonw_close(&w, '}');
        } else {
            cs_jsonw_null(&w, "evidence");
        }
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "factors", '[');
    for (size_t i = 0; i < cs_factor_profile_factor_count(p); i++) {
        const cs_factor_status *st = cs_factor_profile_factor(p, i);
        const cs_success_factor *sf = st->factor;
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_int(&w, "number", sf->number);
        cs_jsonw_string(&w, "name", pick(o->lang, sf->name_en, sf->name_ru));
        cs_jsonw_string(&w, "name_ru", sf->name_ru);
        cs_jsonw_string(&w, "locator", sf->locator);
        cs_jsonw_string(&w, "status",
                        st->indicator < 0                   ? "no_fact"
                        : st->evidence == CS_RESULT_MET     ? "evidenced"
                        : st->evidence == CS_RESULT_NOT_MET ? "not_evidenced"
                                                            : "unknown");
        cs_jsonw_open(&w, "cases", '[');
        for (size_t k = 0; k < ref->n_cases; k++) {
            const cs_success_case *cs = &ref->cases[k];
            if (cs->factor != sf->number || strcmp(cs->cluster, s->key) != 0)
                continue;
            cs_jsonw_open(&w, NULL, '{');
            cs_jsonw_string(&w, "title_ru", cs->title_ru);
            cs_jsonw_string(&w, "locator", cs->locator);
            cs_jsonw_string(&w, "summary", pick(o->lang, cs->summary_en, cs->summary_ru));
            cs_jsonw_close(&w, '}');
        }
        cs_jsonw_close(&w, ']');
        if (st->indicator >= 0) {
            cs_jsonw_open(&w, "evidence", '{');
            json_items(&w, p, (size_t)st->indicator);
            cs_jsonw_close(&w, '}');
        } else {
            cs_jsonw_null(&w, "evidence");
            cs_jsonw_string(&w, "no_evidence", sf->no_evidence);
        }
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    put(o, "\n");
    return w.rc;
}

int cs_factor_profile_write(FILE *f, const cs_factor_profile *p, cs_factors_format format,
                            cs_lang lang)
{
    out o = { CS_BUF_INIT, f, lang, format == CS_FACTORS_MD, 0 };
    int rc = 0;
    if (format == CS_FACTORS_JSON)
        rc = write_json(&o, p);
    else
        write_text(&o, p);
    rc = rc ? rc : o.rc;
    if (!rc)
        rc = cs_textout_flush(&o.b, f);
    cs_buf_free(&o.b);
    return rc;
}
