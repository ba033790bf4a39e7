/*
 * catalog_method.c: the rules' wording in English and Russian (i18n_impl.h), for
 * cs_rule_describe() and cs_rule_describe_lang() in src/method/rule.c, and the reasons of the
 * method's scope (cs_scope_reason, src/method/method_scope.c). Sorted by key. Every entry is a
 * printf format, its arguments as its comment says.
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    /* the referenced indicator's id */
    { "rule_indicator_met", "indicator %s is met", "показатель %s выполнен" },
    /* fact, lowest level that meets, the levels ("none < start_page < full") */
    { "rule_levels", "%s >= %s (levels %s)", "%s >= %s (уровни %s)" },
    /* fact, cutoff */
    { "rule_rank_cutoff", "%s <= %s (a rank, 1 is best)",
      "%s <= %s (место в рейтинге, 1 — лучшее)" },
    /* fact (a text fact) */
    { "rule_stated", "%s is stated", "%s: указано" },
    /* fact (a bool fact) */
    { "rule_true", "%s is true", "%s: да" },
    /* the rule's label, then what it read (scope_value or scope_no_value) */
    { "scope_no_value", "%s not recorded", "%s: нет данных" },
    { "scope_not_met", "%s: not met (%s)", "%s: не выполнено (%s)" },
    { "scope_unknown_in", "%s: unknown (%s); the method keeps a cluster in scope on this unknown",
      "%s: неизвестно (%s); при таком неизвестном метод оставляет кластер в области применения" },
    { "scope_unknown_out",
      "%s: unknown (%s); the method puts a cluster out of scope on this unknown",
      "%s: неизвестно (%s); при таком неизвестном метод исключает кластер из области применения" },
    /* the field or fact read, its value */
    { "scope_value", "%s is %s", "%s: %s" },
};

const cs_i18n_catalog cs_i18n_catalog_method = { "method", entries,
                                                 sizeof entries / sizeof entries[0] };
