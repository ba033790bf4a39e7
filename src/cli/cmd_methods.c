#include "cli.h"

#include "clusterscope/method.h"

#include <stdio.h>
#include <string.h>

/* A method argument is a built-in id unless it names a file (contains '/' or ends in .json). */
int cs_cli_load_method(cs_method **out, const char *spec)
{
    size_t n = strlen(spec);
    if (strchr(spec, '/') || (n > 5 && strcmp(spec + n - 5, ".json") == 0))
        return cs_method_load_file(out, spec);
    return cs_method_load_builtin(out, spec);
}

static const char *either(const char *a, const char *b)
{
    return a && *a ? a : b;
}

int cs_cmd_methods(int argc, char **argv)
{
    if (argc > 2)
        return cs_cli_usage_error("methods", "expected at most one method, found %d", argc - 1);
    if (argc == 1) {
        printf("%-28s %-8s %s\n", "id", "version", "title");
        for (size_t i = 0; i < cs_method_builtin_count(); i++) {
            cs_method *m = NULL;
            if (cs_method_load_builtin(&m, cs_method_builtin_id(i)))
                return cs_cli_fail();
            printf("%-28s %-8s %s\n", cs_method_id(m), cs_method_version(m),
                   either(cs_method_title_en(m), cs_method_title_ru(m)));
            cs_method_free(m);
        }
        return CS_CLI_EXIT_OK;
    }
    cs_method *m = NULL;
    if (cs_cli_load_method(&m, argv[1]))
        return cs_cli_fail();
    printf("%s %s: %s\n", cs_method_id(m), cs_method_version(m),
           either(cs_method_title_en(m), cs_method_title_ru(m)));
    if (*cs_method_title_ru(m))
        printf("%s\n", cs_method_title_ru(m));
    printf("%d indicators, %d item points, %zu blocks\n", cs_method_max_indicators(m),
           cs_method_max_points(m), cs_method_block_count(m));
    if (cs_method_scope_count(m) == 0)
        printf("scope: every cluster\n");
    else
        printf("scope: the clusters for which all of these hold\n");
    for (size_t i = 0; i < cs_method_scope_count(m); i++) {
        const cs_scope_rule *r = cs_method_scope_at(m, i);
        char rule[256] = "";
        if (r->is_fact) {
            cs_rule_describe(rule, sizeof rule, m, &r->rule);
        } else {
            size_t o =
                (size_t)snprintf(rule, sizeof rule, "%s is ", cs_cluster_field_name(r->field));
            for (size_t v = 0; v < r->n_values && o < sizeof rule; v++)
                o += (size_t)snprintf(rule + o, sizeof rule - o, "%s%s", v ? " or " : "",
                                      r->values[v]);
        }
        printf("  - %-28s %s (unknown: %s)\n", r->id, rule, r->unknown_in ? "in" : "out");
    }
    putchar('\n');
    for (size_t b = 0; b < cs_method_block_count(m); b++) {
        const cs_method_block *block = cs_method_block_at(m, b);
        printf("%s  %s — %s\n", block->code, either(block->label_en, block->label_ru),
               block->label_ru);
        for (size_t i = block->first_indicator; i < block->first_indicator + block->n_indicators;
             i++) {
            const cs_method_indicator *ind = cs_method_indicator_at(m, i);
            printf("  %-4s %s%s\n", ind->code, either(ind->label_en, ind->label_ru),
                   ind->scored ? "" : " (helper, not scored)");
            if (ind->composite)
                printf("       composite: met when at least %zu of %zu items are met\n",
                       ind->min_items, ind->n_items);
            for (size_t k = ind->first_item; k < ind->first_item + ind->n_items; k++) {
                const cs_method_item *item = cs_method_item_at(m, k);
                char rule[256];
                cs_rule_describe(rule, sizeof rule, m, &item->rule);
                if (ind->composite)
                    printf("       - %-28s %s\n", item->id, rule);
                else
                    printf("       rule: %s\n", rule);
            }
        }
    }
    cs_method_free(m);
    return CS_CLI_EXIT_OK;
}
