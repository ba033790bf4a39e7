#include "clusterscope/fact.h"

#include "clusterscope/error.h"
#include "util/number.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const subject_names[] = { "cluster", "country", "region" };
static const char *const status_names[] = { "stated", "derived", "estimated" };
static const char *const type_names[] = { "count", "amount", "rank", "index",
                                          "bool",  "level",  "text" };

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static int parse_name(int *out, const char *s, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s && strcmp(s, names[i]) == 0) {
            *out = (int)i;
            return 0;
        }
    return CS_EDATA;
}

const char *cs_subject_kind_name(cs_subject_kind k)
{
    return (unsigned)k < COUNT_OF(subject_names) ? subject_names[k] : "?";
}

int cs_subject_kind_parse(cs_subject_kind *out, const char *s)
{
    int v = 0;
    int rc = parse_name(&v, s, subject_names, COUNT_OF(subject_names));
    *out = (cs_subject_kind)v;
    return rc;
}

const char *cs_fact_status_name(cs_fact_status s)
{
    return (unsigned)s < COUNT_OF(status_names) ? status_names[s] : "?";
}

int cs_fact_status_parse(cs_fact_status *out, const char *s)
{
    int v = 0;
    int rc = parse_name(&v, s, status_names, COUNT_OF(status_names));
    *out = (cs_fact_status)v;
    return rc;
}

const char *cs_fact_type_name(cs_fact_type t)
{
    return (unsigned)t < COUNT_OF(type_names) ? type_names[t] : "?";
}

int cs_fact_type_parse(cs_fact_type *out, const char *s)
{
    int v = 0;
    int rc = parse_name(&v, s, type_names, COUNT_OF(type_names));
    *out = (cs_fact_type)v;
    return rc;
}

/*
 * Reads one number by the rule of every reader (util/number.h). A decimal comma is accepted
 * (Russian spreadsheets write "1,5"), but a comma followed by exactly three digits is refused:
 * "1,000" may mean one or a thousand.
 */
static int parse_number(double *out, const char *s, size_t len)
{
    const char *comma = memchr(s, ',', len);
    if (comma) {
        size_t after = len - (size_t)(comma - s) - 1;
        if (after == 3 && isdigit((unsigned char)comma[1]) && isdigit((unsigned char)comma[2]) &&
            isdigit((unsigned char)comma[3]))
            return CS_EDATA;
    }
    return cs_number_read(out, s, len, 1) ? CS_EDATA : 0;
}

static const char *expected_for(cs_fact_type type)
{
    switch (type) {
    case CS_FACT_COUNT:
        return "a whole number of 0 or more, or a bound such as \">60\", \"<100\" or \"10..20\"";
    case CS_FACT_AMOUNT:
        return "a number of 0 or more, or a bound such as \">1e9\" or \"10..20\"";
    case CS_FACT_RANK:
        return "a rank (a whole number of 1 or more, 1 is best), or a bound such as \"<=10\"";
    case CS_FACT_INDEX:
        return "a number, or a bound such as \">=65\"";
    case CS_FACT_BOOL:
        return "true or false (yes/no, 1/0, да/нет, истина/ложь)";
    case CS_FACT_LEVEL:
        return "one of the fact's levels";
    default:
        return "text";
    }
}

static int fail(cs_value *out, cs_fact_type type)
{
    memset(out, 0, sizeof *out);
    return cs_error_set(CS_EDATA, "expected %s", expected_for(type));
}

static int check_number(double v, cs_fact_type type)
{
    if ((type == CS_FACT_COUNT || type == CS_FACT_RANK) && v != floor(v))
        return CS_EDATA;
    if ((type == CS_FACT_COUNT || type == CS_FACT_AMOUNT) && v < 0)
        return CS_EDATA;
    if (type == CS_FACT_RANK && v < 1)
        return CS_EDATA;
    return 0;
}

static int parse_numeric(cs_value *out, const char *s, size_t len, cs_fact_type type)
{
    double floor_value = type == CS_FACT_RANK ? 1 : (type == CS_FACT_INDEX ? -HUGE_VAL : 0);
    cs_value v = { .kind = CS_VALUE_NUMBER, .lo = floor_value, .hi = HUGE_VAL };
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == '.' && s[i + 1] == '.') {
            dots = s + i;
            break;
        }
    double a = 0, b = 0;
    if (dots) {
        if (parse_number(&a, s, (size_t)(dots - s)) ||
            parse_number(&b, dots + 2, len - (size_t)(dots - s) - 2) || a > b ||
            check_number(a, type) || check_number(b, type))
            return fail(out, type);
        v.lo = a;
        v.hi = b;
    } else if (s[0] == '>' || s[0] == '<') {
        int open = !(len > 1 && s[1] == '=');
        size_t skip = open ? 1 : 2;
        if (parse_number(&a, s + skip, len - skip) || check_number(a, type))
            return fail(out, type);
        if (s[0] == '>') {
            v.lo = a;
            v.lo_open = (unsigned char)open;
        } else {
            if (a < floor_value || (open && a == floor_value))
                return fail(out, type);
            v.hi = a;
            v.hi_open = (unsigned char)open;
        }
    } else {
        if (parse_number(&a, s, len) || check_number(a, type))
            return fail(out, type);
        v.lo = v.hi = a;
    }
    *out = v;
    return 0;
}

static int equals_ci(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

/* ASCII words in any case; Russian ones (Excel's ИСТИНА and ЛОЖЬ among them) in lower case,
 * capitalised or upper case. */
static int parse_bool(cs_value *out, const char *s, size_t len)
{
    static const char *const yes[] = { "true", "yes",    "1",      "да",    "Да",
                                       "ДА",   "истина", "Истина", "ИСТИНА" };
    static const char *const no[] = { "false", "no",   "0",    "нет", "Нет",
                                      "НЕТ",   "ложь", "Ложь", "ЛОЖЬ" };
    for (size_t i = 0; i < COUNT_OF(yes); i++) {
        if (equals_ci(s, len, yes[i])) {
            *out = (cs_value){ .kind = CS_VALUE_BOOL, .boolean = 1 };
            return 0;
        }
        if (equals_ci(s, len, no[i])) {
            *out = (cs_value){ .kind = CS_VALUE_BOOL, .boolean = 0 };
            return 0;
        }
    }
    return fail(out, CS_FACT_BOOL);
}

static int level_index(const char *levels, const char *s, size_t len)
{
    int index = 0;
    const char *p = levels;
    while (p && *p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && memcmp(p, s, n) == 0)
            return index;
        index++;
        p = bar ? bar + 1 : NULL;
    }
    return -1;
}

int cs_value_parse(cs_value *out, const char *text, cs_fact_type type, const char *levels)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return 0;
    while (*text == ' ' || *text == '\t')
        text++;
    size_t len = strlen(text);
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    if (len == 0 || equals_ci(text, len, "unknown"))
        return 0;
    switch (type) {
    case CS_FACT_COUNT:
    case CS_FACT_AMOUNT:
    case CS_FACT_RANK:
    case CS_FACT_INDEX:
        return parse_numeric(out, text, len, type);
    case CS_FACT_BOOL:
        return parse_bool(out, text, len);
    case CS_FACT_LEVEL:
        if (level_index(levels, text, len) < 0 || len != strlen(text)) {
            memset(out, 0, sizeof *out);
            return cs_error_set(CS_EDATA, "expected one of the levels %s", levels ? levels : "");
        }
        *out = (cs_value){ .kind = CS_VALUE_TEXT, .text = text };
        return 0;
    default:
        *out = (cs_value){ .kind = CS_VALUE_TEXT, .text = text };
        return 0;
    }
}

int cs_value_format(char *out, size_t cap, const cs_value *v)
{
    char a[40], b[40];
    switch (v->kind) {
    case CS_VALUE_NUMBER:
        cs_format_double(a, sizeof a, v->lo);
        cs_format_double(b, sizeof b, v->hi);
        if (v->lo == v->hi)
            return snprintf(out, cap, "%s", a);
        if (isinf(v->hi))
            return snprintf(out, cap, "%s%s", v->lo_open ? ">" : ">=", a);
        if (isinf(v->lo) || (!v->lo_open && (v->lo == 0 || v->lo == 1) && v->hi_open))
            return snprintf(out, cap, "%s%s", v->hi_open ? "<" : "<=", b);
        return snprintf(out, cap, "%s..%s", a, b);
    case CS_VALUE_BOOL:
        return snprintf(out, cap, "%s", v->boolean ? "true" : "false");
    case CS_VALUE_TEXT:
        return snprintf(out, cap, "%s", v->text ? v->text : "");
    default:
        if (cap)
            out[0] = '\0';
        return 0;
    }
}
