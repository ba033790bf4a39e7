/*
 * rule.c: evaluating rules on fact values with interval logic, and describing rules in words
 * (the words are the i18n catalogue's, src/i18n/catalog_method.c).
 *
 * A value is a set of possible true values (its bounds). A rule is met (1) when every possible
 * value meets it, not met (0) when none does, and unknown otherwise, so a bound never turns
 * into a guess.
 */
#include "method/method_impl.h"

#include "clusterscope/i18n.h"
#include "util/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    double lo, hi;
    int lo_open, hi_open;
} interval;

/* Whole-number facts: ">60" is ">=61", "<=10.5" is "<=10". */
static interval tighten(interval v)
{
    if (isfinite(v.lo)) {
        if (v.lo_open)
            v.lo = floor(v.lo) + 1;
        else
            v.lo = ceil(v.lo);
        v.lo_open = 0;
    }
    if (isfinite(v.hi)) {
        if (v.hi_open)
            v.hi = ceil(v.hi) - 1;
        else
            v.hi = floor(v.hi);
        v.hi_open = 0;
    }
    return v;
}

static cs_result compare(interval v, cs_rule_op op, double x)
{
    int met = 0, not_met = 0;
    switch (op) {
    case CS_OP_GE:
        met = v.lo >= x;
        not_met = v.hi < x || (v.hi == x && v.hi_open);
        break;
    case CS_OP_GT:
        met = v.lo > x || (v.lo == x && v.lo_open);
        not_met = v.hi <= x;
        break;
    case CS_OP_LE:
        met = v.hi <= x;
        not_met = v.lo > x || (v.lo == x && v.lo_open);
        break;
    case CS_OP_LT:
        met = v.hi < x || (v.hi == x && v.hi_open);
        not_met = v.lo >= x;
        break;
    }
    if (met && !not_met)
        return CS_RESULT_MET;
    if (not_met && !met)
        return CS_RESULT_NOT_MET;
    return CS_RESULT_UNKNOWN;
}

int cs_rule_level_index(const char *levels, const char *level)
{
    if (!levels || !level)
        return -1;
    int index = 0;
    size_t len = strlen(level);
    for (const char *p = levels; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && memcmp(p, level, n) == 0)
            return index;
        index++;
        if (!bar)
            break;
        p = bar + 1;
    }
    return -1;
}

cs_result cs_rule_eval(const cs_rule *rule, const cs_value *value)
{
    if (!value || value->kind == CS_VALUE_UNKNOWN)
        return CS_RESULT_UNKNOWN;
    switch (rule->kind) {
    case CS_RULE_THRESHOLD:
    case CS_RULE_RANK_CUTOFF:
    case CS_RULE_COUNT_AT_LEAST: {
        if (value->kind != CS_VALUE_NUMBER || isnan(value->lo) || isnan(value->hi) ||
            value->lo > value->hi)
            return CS_RESULT_UNKNOWN;
        interval v = { value->lo, value->hi, value->lo_open, value->hi_open };
        if (rule->fact_type == CS_FACT_COUNT || rule->fact_type == CS_FACT_RANK)
            v = tighten(v);
        if (v.lo > v.hi)
            return CS_RESULT_UNKNOWN;
        cs_rule_op op = rule->kind == CS_RULE_THRESHOLD     ? rule->op
                        : rule->kind == CS_RULE_RANK_CUTOFF ? CS_OP_LE
                                                            : CS_OP_GE;
        return compare(v, op, rule->value);
    }
    case CS_RULE_PRESENCE:
        if (value->kind == CS_VALUE_BOOL)
            return value->boolean ? CS_RESULT_MET : CS_RESULT_NOT_MET;
        if (value->kind == CS_VALUE_TEXT && rule->fact_type == CS_FACT_TEXT)
            return value->text && *value->text ? CS_RESULT_MET : CS_RESULT_UNKNOWN;
        return CS_RESULT_UNKNOWN;
    case CS_RULE_ORDINAL_AT_LEAST: {
        if (value->kind != CS_VALUE_TEXT)
            return CS_RESULT_UNKNOWN;
        int i = cs_rule_level_index(rule->levels, value->text);
        if (i < 0)
            return CS_RESULT_UNKNOWN;
        return i >= rule->level_index ? CS_RESULT_MET : CS_RESULT_NOT_MET;
    }
    default:
        return CS_RESULT_UNKNOWN;
    }
}

/* A rule parameter: "%.15g" for the machine, else in the reader's style. */
static void format_number(char *out, size_t cap, double v, int reader, cs_lang lang)
{
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.15g", v);
    if (reader)
        cs_number_localise(out, cap, tmp, lang == CS_LANG_RU);
    else
        snprintf(out, cap, "%s", tmp);
}

/* The rule in lang's words; numbers for the machine, or for a reader of lang. */
static int describe(char *out, size_t cap, const cs_method *m, const cs_rule *rule, int reader,
                    cs_lang lang)
{
    static const char *const ops[] = { ">=", ">", "<=", "<" };
    char num[80];
    switch (rule->kind) {
    case CS_RULE_THRESHOLD:
        format_number(num, sizeof num, rule->value, reader, lang);
        return snprintf(out, cap, "%s %s %s", rule->fact, ops[rule->op & 3], num);
    case CS_RULE_RANK_CUTOFF:
        format_number(num, sizeof num, rule->value, reader, lang);
        return snprintf(out, cap, cs_i18n_text(lang, "rule_rank_cutoff"), rule->fact, num);
    case CS_RULE_PRESENCE:
        return snprintf(
            out, cap,
            cs_i18n_text(lang, rule->fact_type == CS_FACT_TEXT ? "rule_stated" : "rule_true"),
            rule->fact);
    case CS_RULE_COUNT_AT_LEAST:
        format_number(num, sizeof num, rule->value, reader, lang);
        return snprintf(out, cap, "%s >= %s", rule->fact, num);
    case CS_RULE_ORDINAL_AT_LEAST: {
        /* "english_website >= start_page (levels none < start_page < full)" */
        char levels[256];
        size_t o = 0;
        for (const char *p = rule->levels; *p && o + 4 < sizeof levels; p++) {
            if (*p == '|') {
                o += (size_t)snprintf(levels + o, sizeof levels - o, " < ");
            } else {
                levels[o++] = *p;
                levels[o] = '\0';
            }
        }
        levels[o < sizeof levels ? o : sizeof levels - 1] = '\0';
        return snprintf(out, cap, cs_i18n_text(lang, "rule_levels"), rule->fact, rule->level,
                        levels);
    }
    case CS_RULE_REF: {
        const cs_method_indicator *ind = m ? cs_method_indicator_at(m, rule->ref) : NULL;
        return snprintf(out, cap, cs_i18n_text(lang, "rule_indicator_met"), ind ? ind->id : "?");
    }
    }
    if (cap)
        out[0] = '\0';
    return 0;
}

int cs_rule_describe(char *out, size_t cap, const cs_method *m, const cs_rule *rule)
{
    return describe(out, cap, m, rule, 0, CS_LANG_EN);
}

int cs_rule_describe_lang(char *out, size_t cap, const cs_method *m, const cs_rule *rule,
                          cs_lang lang)
{
    return describe(out, cap, m, rule, 1, lang);
}
