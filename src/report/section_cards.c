/*
 * section_cards.c: one card per cluster: what it is, its facts with their sources, and how each
 * item's result follows from a rule and a fact (the --explain chain).
 */
#include "report/report_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_report_section_cards(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "cards", T(r, "cards"));
    char buf[2048];
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        if (!d->md)
            cs_doc_raw(d, "<section class=\"card\">\n");
        snprintf(buf, sizeof buf, "%s (%s)", r->names[i], ci->key);
        cs_doc_heading(d, 3, NULL, buf);
        cs_score t = cs_assessment_total(r->a, i);
        snprintf(buf, sizeof buf, "%s: %s; %s: %s; %s: %s; %s: %s; %s: %d/%d, %d/%d",
                 T(r, "country"), *ci->country ? ci->country : "?", T(r, "city"),
                 *ci->city ? ci->city : "?", T(r, "kind"), *ci->kind ? ci->kind : "?",
                 T(r, "group"), cs_report_group_name(r, i), T(r, "points"), t.indicators,
                 cs_method_max_indicators(r->m), t.points, cs_method_max_points(r->m));
        cs_doc_para(d, buf);
        for (size_t j = 0; r->ref && j < r->ref->n_assignments; j++) {
            const cs_reference_assignment *ra = &r->ref->assignments[j];
            if (strcmp(ra->cluster, ci->key) != 0 || ra->type <= 0)
                continue;
            for (size_t ty = 0; ty < r->ref->n_types; ty++)
                if (r->ref->types[ty].number == ra->type) {
                    snprintf(
                        buf, sizeof buf, "%s: %d, %s (%s)", T(r, "study_group"), ra->type,
                        cs_report_label(r, r->ref->types[ty].name_en, r->ref->types[ty].name_ru),
                        ra->basis);
                    cs_doc_para(d, buf);
                }
        }
        int g = cs_report_group_of(r, i);
        if (g) {
            const cs_classify_group *gr = cs_classification_group(r->c, g);
            snprintf(buf, sizeof buf, "%s: %s", T(r, "nearest_type"),
                     gr->reason ? gr->reason : T(r, "none"));
            cs_doc_para(d, buf);
        }
        const char *h[6] = { T(r, "item"),   T(r, "rule"),   T(r, "fact"),
                             T(r, "status"), T(r, "source"), T(r, "result") };
        cs_doc_table_head(d, h, 6);
        for (size_t it = 0; it < cs_method_item_count(r->m); it++) {
            const cs_method_item *item = cs_method_item_at(r->m, it);
            const cs_method_indicator *in = cs_method_indicator_at(r->m, item->indicator);
            char name[512], rule[512], fact[512] = "", src[1024] = "";
            snprintf(name, sizeof name, "%s %s", in->code,
                     cs_report_label(r, item->label_en, item->label_ru));
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
                st = cs_report_status_word(r, f->status);
                const cs_source_info *si = cs_assessment_source(r->a, f->source);
                snprintf(src, sizeof src, "%s%s%s%s%s", f->source,
                         si && si->title && *si->title ? ": " : "",
                         si && si->title ? si->title : "", *f->locator ? ", " : "", f->locator);
            }
            const char *c[6] = { name, rule,
                                 fact, st,
                                 src,  cs_report_result_word(r, cs_assessment_item(r->a, i, it)) };
            cs_doc_table_row(d, c, 6);
        }
        cs_doc_table_end(d);
        if (!d->md)
            cs_doc_raw(d, "</section>\n");
    }
}
