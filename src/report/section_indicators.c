/*
 * section_indicators.c: the indicator system: blocks, indicators, their rules in words, and the
 * sources of the country data.
 */
#include "report/report_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_report_section_indicators(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "indicators", T(r, "indicators"));
    char buf[1024];
    char title[768];
    cs_i18n_quote(title, sizeof title, r->o.lang,
                  cs_report_label(r, cs_method_title_en(r->m), cs_method_title_ru(r->m)));
    snprintf(buf, sizeof buf, "%s (%s, %s %s)", title, cs_method_id(r->m), T(r, "version"),
             cs_method_version(r->m));
    cs_doc_para(d, buf);
    for (size_t b = 0; b < cs_method_block_count(r->m); b++) {
        const cs_method_block *bl = cs_method_block_at(r->m, b);
        snprintf(buf, sizeof buf, "%s %s: %s", T(r, "block"), bl->code,
                 cs_report_label(r, bl->label_en, bl->label_ru));
        cs_doc_heading(d, 3, NULL, buf);
        const char *h[4] = { T(r, "code"), T(r, "indicator"), T(r, "rule"), T(r, "source") };
        cs_doc_table_head(d, h, 4);
        for (size_t i = bl->first_indicator; i < bl->first_indicator + bl->n_indicators; i++) {
            const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
            cs_buf rules = CS_BUF_INIT, srcs = CS_BUF_INIT;
            for (size_t it = in->first_item; it < in->first_item + in->n_items; it++) {
                const cs_method_item *item = cs_method_item_at(r->m, it);
                char rule[512];
                cs_rule_describe_lang(rule, sizeof rule, r->m, &item->rule, r->o.lang);
                if (in->n_items > 1)
                    cs_buf_printf(&rules, "%s%s: %s", it > in->first_item ? "; " : "",
                                  cs_report_label(r, item->label_en, item->label_ru), rule);
                else
                    cs_buf_puts(&rules, rule);
            }
            if (in->n_items > 1)
                cs_buf_printf(&rules, " (%s %zu)", T(r, "at_least"), in->min_items);
            for (size_t s = 0; s < in->n_sources; s++)
                cs_buf_printf(&srcs, "%s%s", s ? ", " : "", in->sources[s]);
            const char *c[4] = { in->code, cs_report_label(r, in->label_en, in->label_ru),
                                 cs_buf_str(&rules), cs_buf_str(&srcs) };
            cs_doc_table_row(d, c, 4);
            cs_buf_free(&rules);
            cs_buf_free(&srcs);
        }
        cs_doc_table_end(d);
    }
    cs_doc_heading(d, 3, NULL, T(r, "sources"));
    const char *h[2] = { T(r, "source"), T(r, "value") };
    h[1] = T(r, "citation");
    cs_doc_table_head(d, h, 2);
    for (size_t s = 0; s < cs_method_source_count(r->m); s++) {
        const cs_method_source *ms = cs_method_source_at(r->m, s);
        const char *c[2] = { ms->key, ms->citation };
        cs_doc_table_row(d, c, 2);
    }
    cs_doc_table_end(d);
}
