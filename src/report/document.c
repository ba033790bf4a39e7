/*
 * document.c: the HTML and Markdown document, written through one set of calls (headings,
 * paragraphs, tables, figures), the small helpers the sections share, and the dispatch of
 * cs_report_write() to the document or the tables. Every data string goes through
 * cs_render_put().
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_doc_raw(cs_doc *d, const char *s)
{
    if (fputs(s, d->f) == EOF)
        d->err = 1;
}

void cs_doc_esc(cs_doc *d, const char *s)
{
    cs_buf_reset(&d->b);
    if (cs_render_put(&d->b, s, d->md ? CS_RENDER_MARKDOWN : CS_RENDER_HTML))
        d->err = 1;
    cs_doc_raw(d, cs_buf_str(&d->b));
}

void cs_doc_heading(cs_doc *d, int level, const char *id, const char *s)
{
    if (d->md) {
        for (int i = 0; i < level; i++)
            cs_doc_raw(d, "#");
        cs_doc_raw(d, " ");
        cs_doc_esc(d, s);
        cs_doc_raw(d, "\n\n");
        return;
    }
    fprintf(d->f, "<h%d", level);
    if (id) {
        cs_doc_raw(d, " id=\"");
        cs_doc_esc(d, id);
        cs_doc_raw(d, "\"");
    }
    cs_doc_raw(d, ">");
    cs_doc_esc(d, s);
    fprintf(d->f, "</h%d>\n", level);
}

void cs_doc_para(cs_doc *d, const char *s)
{
    cs_doc_raw(d, d->md ? "" : "<p>");
    cs_doc_esc(d, s);
    cs_doc_raw(d, d->md ? "\n\n" : "</p>\n");
}

void cs_doc_table_head(cs_doc *d, const char *const *h, size_t n)
{
    cs_doc_table_head_class(d, NULL, h, n);
}

void cs_doc_table_head_class(cs_doc *d, const char *cls, const char *const *h, size_t n)
{
    if (d->md) {
        cs_doc_raw(d, "|");
        for (size_t i = 0; i < n; i++) {
            cs_doc_raw(d, " ");
            cs_doc_esc(d, h[i]);
            cs_doc_raw(d, " |");
        }
        cs_doc_raw(d, "\n|");
        for (size_t i = 0; i < n; i++)
            cs_doc_raw(d, "---|");
        cs_doc_raw(d, "\n");
        return;
    }
    cs_doc_raw(d, "<table");
    if (cls) {
        cs_doc_raw(d, " class=\"");
        cs_doc_esc(d, cls);
        cs_doc_raw(d, "\"");
    }
    cs_doc_raw(d, ">\n<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        cs_doc_raw(d, "<th>");
        cs_doc_esc(d, h[i]);
        cs_doc_raw(d, "</th>");
    }
    cs_doc_raw(d, "</tr></thead>\n<tbody>\n");
}

void cs_doc_table_row(cs_doc *d, const char *const *c, size_t n)
{
    cs_doc_raw(d, d->md ? "|" : "<tr>");
    for (size_t i = 0; i < n; i++) {
        cs_doc_raw(d, d->md ? " " : "<td>");
        cs_doc_esc(d, c[i] ? c[i] : "");
        cs_doc_raw(d, d->md ? " |" : "</td>");
    }
    cs_doc_raw(d, d->md ? "\n" : "</tr>\n");
}

void cs_doc_table_end(cs_doc *d)
{
    cs_doc_raw(d, d->md ? "\n" : "</tbody>\n</table>\n");
}

/* A chart: inline in HTML; in Markdown only its caption (the charts are in the HTML report). */
void cs_doc_figure(cs_doc *d, char *svg_text, const char *caption)
{
    if (!svg_text) {
        cs_error_clear();
        return;
    }
    if (!d->md) {
        cs_doc_raw(d, "<figure>\n");
        cs_doc_raw(d, svg_text);
        cs_doc_raw(d, "<figcaption>");
        cs_doc_esc(d, caption);
        cs_doc_raw(d, "</figcaption>\n</figure>\n");
    }
    free(svg_text);
}

void cs_report_num(char *out, size_t cap, const cs_report *r, double v, int dec)
{
    cs_i18n_format_number(out, cap, r->o.lang, v, dec);
}

void cs_report_percent(char *out, size_t cap, const cs_report *r, size_t met, size_t known)
{
    if (!known) {
        snprintf(out, cap, "? (0/0)");
        return;
    }
    char p[32];
    cs_report_num(p, sizeof p, r, 100.0 * (double)met / (double)known, 0);
    snprintf(out, cap, "%s%s (%zu/%zu)", p, T(r, "percent_sign"), met, known);
}

const char *cs_report_result_word(const cs_report *r, cs_result v)
{
    return v == CS_RESULT_MET       ? T(r, "met")
           : v == CS_RESULT_NOT_MET ? T(r, "not_met")
                                    : T(r, "unknown");
}

int cs_report_group_of(const cs_report *r, size_t i)
{
    return r->c ? cs_classification_group_of(r->c, i) : 0;
}

const char *cs_report_group_name(const cs_report *r, size_t i)
{
    int g = cs_report_group_of(r, i);
    return g ? r->gnames[g - 1] : T(r, "no_group");
}

cs_chart_locale cs_report_locale(const cs_report *r)
{
    return (cs_chart_locale){ r->o.lang, T(r, "unknown") };
}

const char *cs_report_label(const cs_report *r, const char *en, const char *ru)
{
    if (r->o.lang == CS_LANG_RU)
        return ru && *ru ? ru : en ? en : "";
    return en && *en ? en : ru ? ru : "";
}

const char *cs_report_status_word(const cs_report *r, cs_fact_status s)
{
    return T(r, s == CS_STATUS_STATED    ? "status_stated"
                : s == CS_STATUS_DERIVED ? "status_derived"
                                         : "status_estimated");
}

/* The scored items, in method order. */
size_t cs_report_scored_items(const cs_report *r, size_t *out)
{
    size_t m = 0;
    for (size_t i = 0; i < cs_method_item_count(r->m); i++) {
        const cs_method_item *it = cs_method_item_at(r->m, i);
        if (cs_method_indicator_at(r->m, it->indicator)->scored)
            out[m++] = i;
    }
    return m;
}

/* Text wraps anywhere inside table cells, so a long key or address never widens a table past
 * the page; charts scale down to the column width. The print rules fit A4 with 15 mm margins.
 * Cards off screen are not laid out until scrolled to (content-visibility): a registry of
 * thousands of clusters opens in seconds, and printing still lays out every card. */
static const char css[] =
    "body{font-family:sans-serif;font-size:11pt;line-height:1.4;max-width:60em;margin:1em "
    "auto;padding:0 1em;color:#222}\n"
    "h1{font-size:20pt}h2{font-size:15pt;border-bottom:1px solid #999;margin-top:2em}\n"
    "h2,h3{page-break-after:avoid;break-after:avoid}\n"
    "table{border-collapse:collapse;margin:0.5em 0;font-size:9pt;max-width:100%}\n"
    "th,td{border:1px solid #BBB;padding:2px 5px;text-align:left;vertical-align:top;"
    "overflow-wrap:anywhere}\n"
    "th{background:#EEE}tr{page-break-inside:avoid;break-inside:avoid}\n"
    "figure{margin:1em 0;break-inside:avoid;page-break-inside:avoid}\n"
    "figure svg{max-width:100%;height:auto}figcaption{font-size:9pt;color:#555}\n"
    "nav ul{columns:2}.card{border-top:1px solid #DDD;margin-top:1.5em;"
    "content-visibility:auto;contain-intrinsic-size:auto 600px}\n"
    "table.explain{width:100%;table-layout:fixed}\n"
    ".explain th:nth-child(1){width:28%}.explain th:nth-child(2){width:13%}"
    ".explain th:nth-child(3){width:27%}.explain th:nth-child(4){width:23%}"
    ".explain th:nth-child(5){width:9%}\n"
    "ol.notes{font-size:9pt;margin:0.3em 0;padding-left:2em}\n"
    ".card h3{margin-bottom:0.3em}.card p{margin:0.3em 0}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}a{color:inherit}"
    "table{font-size:8pt}}\n";

static int write_doc(FILE *f, const cs_report *r, int md)
{
    cs_doc d = { f, md, 0, CS_BUF_INIT };
    const char *title = T(r, "title");
    unsigned s = r->o.sections;
    if (!md) {
        fprintf(f,
                "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>",
                cs_lang_name(r->o.lang));
        cs_doc_esc(&d, title);
        fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
    }
    cs_doc_heading(&d, 1, NULL, title);
    cs_doc_para(&d, T(r, "subtitle"));
    if (!md) {
        cs_doc_raw(&d, "<nav><ul>\n");
        static const struct {
            unsigned bit;
            const char *id;
        } toc[] = {
            { CS_REPORT_SAMPLE, "sample" },         { CS_REPORT_INDICATORS, "indicators" },
            { CS_REPORT_ASSESSMENT, "assessment" }, { CS_REPORT_TYPOLOGY, "typology" },
            { CS_REPORT_CARDS, "cards" },           { CS_REPORT_FACTORS, "factors" },
            { CS_REPORT_REGIONAL, "regional" },     { CS_REPORT_QUESTIONS, "questions" },
            { CS_REPORT_PROGRAMMES, "programmes" }, { CS_REPORT_REGISTRIES, "registries" },
            { CS_REPORT_CHAIN, "chain" },           { CS_REPORT_COUNTS, "counts" },
            { CS_REPORT_TIMELINE, "timeline" },     { CS_REPORT_PROVENANCE, "provenance" }
        };
        for (size_t i = 0; i < sizeof toc / sizeof toc[0]; i++)
            if (s & toc[i].bit) {
                fprintf(f, "<li><a href=\"#%s\">", toc[i].id);
                cs_doc_esc(&d, T(r, toc[i].id));
                cs_doc_raw(&d, "</a></li>\n");
            }
        cs_doc_raw(&d, "</ul></nav>\n");
    } else {
        cs_doc_raw(&d, T(r, "md_charts"));
        cs_doc_raw(&d, "\n\n");
    }
    if (r->n_assumed) {
        /* a scenario: every section below is built on these facts, not on the registry alone */
        char head[512];
        snprintf(head, sizeof head, T(r, "report_assumed"), r->n_assumed);
        cs_doc_para(&d, head);
        for (size_t i = 0; i < r->n_assumed; i++)
            cs_doc_para(&d, r->assumed[i]);
    }
    if (s & CS_REPORT_SAMPLE)
        cs_report_section_sample(&d, r);
    if (s & CS_REPORT_INDICATORS)
        cs_report_section_indicators(&d, r);
    if (s & CS_REPORT_ASSESSMENT)
        cs_report_section_assessment(&d, r);
    if (s & CS_REPORT_TYPOLOGY)
        cs_report_section_typology(&d, r);
    if (s & CS_REPORT_CARDS)
        cs_report_section_cards(&d, r);
    if (s & CS_REPORT_FACTORS)
        cs_report_section_factors(&d, r);
    if (s & CS_REPORT_REGIONAL)
        cs_report_section_regional(&d, r);
    if (s & CS_REPORT_QUESTIONS)
        cs_report_section_questions(&d, r);
    if (s & CS_REPORT_PROGRAMMES)
        cs_report_section_programmes(&d, r);
    if (s & CS_REPORT_REGISTRIES)
        cs_report_section_registries(&d, r);
    if (s & CS_REPORT_CHAIN)
        cs_report_section_chain(&d, r);
    if (s & CS_REPORT_COUNTS)
        cs_report_section_counts(&d, r);
    if (s & CS_REPORT_TIMELINE)
        cs_report_section_timeline(&d, r);
    if (s & CS_REPORT_PROVENANCE)
        cs_report_section_provenance(&d, r);
    if (!md)
        cs_doc_raw(&d, "</body>\n</html>\n");
    cs_buf_free(&d.b);
    if (d.err || ferror(f))
        return cs_error_set(CS_EIO, "writing the report failed");
    return 0;
}

int cs_report_write(FILE *f, const cs_report *r)
{
    switch (r->o.format) {
    case CS_REPORT_HTML:
        return write_doc(f, r, 0);
    case CS_REPORT_MARKDOWN:
        return write_doc(f, r, 1);
    case CS_REPORT_CSV:
        return cs_report_write_table_csv(f, r);
    case CS_REPORT_JSON:
        return cs_report_write_json(f, r);
    case CS_REPORT_XLSX:
        return cs_error_set(CS_EUSAGE, "an XLSX workbook is written to a file, not a stream");
    }
    return cs_error_set(CS_EUSAGE, "unknown report format");
}

const char *cs_report_country_name(const cs_report *r, const char *code)
{
    const cs_country_info *c = r->countries ? cs_country_list_find(r->countries, code) : NULL;
    if (!c)
        return code;
    const char *name = cs_report_label(r, c->name_en, c->name_ru);
    return *name ? name : code;
}

const char *cs_report_kind_name(const cs_report *r, const char *kind)
{
    char key[64];
    if (snprintf(key, sizeof key, "kind_%s", kind) >= (int)sizeof key)
        return kind;
    const char *word = T(r, key);
    /* cs_i18n_text() gives back the key itself for a word it does not have */
    return strcmp(word, key) == 0 ? kind : word;
}

const cs_reference_assignment *cs_report_study_assignment(const cs_report *r, size_t i)
{
    return r->study && i < r->n ? r->study[i] : NULL;
}

const cs_reference_type *cs_report_reference_type(const cs_report *r, int number)
{
    for (size_t t = 0; r->ref && t < r->ref->n_types; t++)
        if (r->ref->types[t].number == number)
            return &r->ref->types[t];
    return NULL;
}
