/*
 * page_methods.c: the methods (indicator systems) the program carries, and one method rule by
 * rule: its scope, its blocks, indicators and items with each rule in the reader's words, as
 * `clusterscope methods ID` prints them.
 */
#include "web/page_impl.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <string.h>

int cs_web_methods_page(cs_web_ctx *ctx)
{
    int rc = cs_web_page_begin(ctx, cs_web_t(ctx, "web.methods"));
    rc = rc ? rc : cs_web_raw(ctx, "<ul>\n");
    for (size_t i = 0; !rc && i < cs_method_builtin_count(); i++) {
        cs_method *m = NULL;
        rc = cs_method_load_builtin(&m, cs_method_builtin_id(i));
        rc = rc ? rc : cs_web_raw(ctx, "<li>");
        rc = rc ? rc
                : cs_web_link(ctx, "methods", cs_method_id(m),
                              cs_web_pick(ctx, cs_method_title_en(m), cs_method_title_ru(m)));
        rc = rc ? rc : cs_web_raw(ctx, " (");
        rc = rc ? rc : cs_web_html(ctx, cs_method_id(m));
        rc = rc ? rc : cs_web_raw(ctx, " ");
        rc = rc ? rc : cs_web_html(ctx, cs_method_version(m));
        rc = rc ? rc : cs_web_raw(ctx, ")</li>\n");
        cs_method_free(m);
    }
    rc = rc ? rc : cs_web_raw(ctx, "</ul>\n");
    return rc ? rc : cs_web_page_end(ctx);
}

static int scope(cs_web_ctx *ctx, const cs_method *m)
{
    int rc = cs_web_raw(ctx, "<h2>");
    rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.scope"));
    rc = rc ? rc : cs_web_raw(ctx, "</h2>\n<p>");
    rc = rc ? rc
            : cs_web_html(ctx, cs_web_t(ctx, cs_method_scope_count(m) ? "web.scope_rules"
                                                                      : "web.scope_all"));
    rc = rc ? rc : cs_web_raw(ctx, "</p>\n<ul>\n");
    for (size_t i = 0; !rc && i < cs_method_scope_count(m); i++) {
        const cs_scope_rule *r = cs_method_scope_at(m, i);
        char rule[512] = "";
        if (r->is_fact) {
            cs_rule_describe_lang(rule, sizeof rule, m, &r->rule, ctx->lang);
        } else {
            size_t o = (size_t)snprintf(
                rule, sizeof rule, "%s: ",
                cs_web_t(ctx, r->field == CS_CLUSTER_FIELD_KIND ? "web.kind" : "web.country"));
            for (size_t v = 0; v < r->n_values && o < sizeof rule; v++)
                o += (size_t)snprintf(rule + o, sizeof rule - o, "%s%s", v ? ", " : "",
                                      r->field == CS_CLUSTER_FIELD_KIND
                                          ? cs_web_word(ctx, "kind_", r->values[v])
                                          : r->values[v]);
        }
        const char *label = cs_web_pick(ctx, r->label_en, r->label_ru);
        rc = cs_web_raw(ctx, "<li>");
        rc = rc ? rc : cs_web_html(ctx, *label ? label : r->id);
        rc = rc ? rc : cs_web_raw(ctx, ": ");
        rc = rc ? rc : cs_web_html(ctx, rule);
        rc = rc ? rc : cs_web_raw(ctx, " (");
        rc = rc ? rc
                : cs_web_html(ctx,
                              cs_web_t(ctx, r->unknown_in ? "web.unknown_in" : "web.unknown_out"));
        rc = rc ? rc : cs_web_raw(ctx, ")</li>\n");
    }
    return rc ? rc : cs_web_raw(ctx, "</ul>\n");
}

static int indicator(cs_web_ctx *ctx, const cs_method *m, const cs_method_indicator *ind)
{
    const char *label = cs_web_pick(ctx, ind->label_en, ind->label_ru);
    int rc = cs_web_raw(ctx, "<li><strong>");
    rc = rc ? rc : cs_web_html(ctx, ind->code);
    rc = rc ? rc : cs_web_raw(ctx, "</strong> ");
    rc = rc ? rc : cs_web_html(ctx, label);
    if (!rc && !ind->scored) {
        rc = cs_web_raw(ctx, " (");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.helper"));
        rc = rc ? rc : cs_web_raw(ctx, ")");
    }
    if (!rc && ind->composite) {
        char line[256];
        snprintf(line, sizeof line, cs_web_t(ctx, "web.composite"), ind->min_items, ind->n_items);
        rc = cs_web_raw(ctx, "<br>");
        rc = rc ? rc : cs_web_html(ctx, line);
    }
    rc = rc ? rc : cs_web_raw(ctx, "<ul>\n");
    for (size_t k = ind->first_item; !rc && k < ind->first_item + ind->n_items; k++) {
        const cs_method_item *item = cs_method_item_at(m, k);
        char rule[512];
        cs_rule_describe_lang(rule, sizeof rule, m, &item->rule, ctx->lang);
        const char *il = cs_web_pick(ctx, item->label_en, item->label_ru);
        rc = cs_web_raw(ctx, "<li>");
        if (ind->composite) {
            rc = rc ? rc : cs_web_html(ctx, *il ? il : item->id);
            rc = rc ? rc : cs_web_raw(ctx, ": ");
        } else {
            rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.rule"));
            rc = rc ? rc : cs_web_raw(ctx, ": ");
        }
        rc = rc ? rc : cs_web_html(ctx, rule);
        rc = rc ? rc : cs_web_raw(ctx, "</li>\n");
    }
    if (!rc && ind->study_lines && *ind->study_lines) {
        rc = cs_web_raw(ctx, "<li>");
        rc = rc ? rc : cs_web_html(ctx, cs_web_t(ctx, "web.study_lines"));
        rc = rc ? rc : cs_web_raw(ctx, ": ");
        rc = rc ? rc : cs_web_html(ctx, ind->study_lines);
        rc = rc ? rc : cs_web_raw(ctx, "</li>\n");
    }
    return rc ? rc : cs_web_raw(ctx, "</ul></li>\n");
}

int cs_web_method_page(cs_web_ctx *ctx)
{
    const char *id = ctx->caps[0];
    int known = 0;
    for (size_t i = 0; i < cs_method_builtin_count(); i++)
        known |= strcmp(cs_method_builtin_id(i), id) == 0;
    cs_method *m = NULL;
    if (!known || cs_method_load_builtin(&m, id) != 0) {
        cs_error_clear();
        return cs_web_page_error(ctx, 404, cs_web_t(ctx, "web.no_method"));
    }
    int rc = cs_web_page_begin(ctx, cs_web_pick(ctx, cs_method_title_en(m), cs_method_title_ru(m)));
    char line[256];
    snprintf(line, sizeof line, cs_web_t(ctx, "web.method_size"), cs_method_id(m),
             cs_method_version(m), cs_method_max_indicators(m), cs_method_max_points(m),
             cs_method_block_count(m));
    rc = rc ? rc : cs_web_raw(ctx, "<p>");
    rc = rc ? rc : cs_web_html(ctx, line);
    rc = rc ? rc : cs_web_raw(ctx, "</p>\n");
    rc = rc ? rc : scope(ctx, m);
    for (size_t b = 0; !rc && b < cs_method_block_count(m); b++) {
        const cs_method_block *block = cs_method_block_at(m, b);
        rc = cs_web_raw(ctx, "<h2>");
        rc = rc ? rc : cs_web_html(ctx, block->code);
        rc = rc ? rc : cs_web_raw(ctx, " ");
        rc = rc ? rc : cs_web_html(ctx, cs_web_pick(ctx, block->label_en, block->label_ru));
        rc = rc ? rc : cs_web_raw(ctx, "</h2>\n<ul>\n");
        for (size_t i = block->first_indicator;
             !rc && i < block->first_indicator + block->n_indicators; i++)
            rc = indicator(ctx, m, cs_method_indicator_at(m, i));
        rc = rc ? rc : cs_web_raw(ctx, "</ul>\n");
    }
    rc = rc ? rc : cs_web_page_end(ctx);
    cs_method_free(m);
    return rc;
}
