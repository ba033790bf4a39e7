/*
 * catalog_method.c: the rules' wording in English and Russian (i18n_impl.h), for
 * cs_rule_describe() and cs_rule_describe_lang() in src/method/rule.c. Sorted by key. Every
 * entry is a printf format: the fact name first, then as its comment says.
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
};

const cs_i18n_catalog cs_i18n_catalog_method = { "method", entries,
                                                 sizeof entries / sizeof entries[0] };
