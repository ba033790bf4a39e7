/*
 * format.c: numbers in each language's style (Russian: decimal comma, no-break space between
 * thousands), plural forms, counted nouns and quotation marks (i18n.h).
 */
#include "clusterscope/i18n.h"
#include "util/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int cs_i18n_format_number(char *out, size_t cap, cs_lang lang, double v, int decimals)
{
    if (isnan(v))
        return snprintf(out, cap, "?");
    char tmp[64];
    if (decimals < 0)
        decimals = 0;
    if (decimals > 10)
        decimals = 10;
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (strcmp(tmp, "-0") == 0 || (tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1)))
        memmove(tmp, tmp + 1, strlen(tmp));
    return cs_number_localise(out, cap, tmp, lang == CS_LANG_RU);
}

int cs_i18n_plural(cs_lang lang, long n)
{
    if (n < 0)
        n = -n;
    if (lang == CS_LANG_EN)
        return n == 1 ? 0 : 1;
    long d = n % 10, h = n % 100;
    if (d == 1 && h != 11)
        return 0;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14))
        return 1;
    return 2;
}

/* The counted nouns: English singular and plural; Russian the three forms of cs_i18n_plural. */
static const struct {
    const char *noun, *en[2], *ru[3];
} nouns[] = {
    { "cluster", { "cluster", "clusters" }, { "кластер", "кластера", "кластеров" } },
    { "country", { "country", "countries" }, { "страна", "страны", "стран" } },
    { "fact", { "fact", "facts" }, { "факт", "факта", "фактов" } },
    { "group", { "group", "groups" }, { "группа", "группы", "групп" } },
    { "indicator", { "indicator", "indicators" }, { "показатель", "показателя", "показателей" } },
    { "item", { "item", "items" }, { "пункт", "пункта", "пунктов" } },
    { "region", { "region", "regions" }, { "регион", "региона", "регионов" } },
};

int cs_i18n_count(char *out, size_t cap, cs_lang lang, long n, const char *noun)
{
    for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++) {
        if (strcmp(nouns[i].noun, noun) != 0)
            continue;
        int f = cs_i18n_plural(lang, n);
        char num[64];
        cs_i18n_format_number(num, sizeof num, lang, (double)n, 0);
        return snprintf(out, cap, "%s %s", num,
                        lang == CS_LANG_RU ? nouns[i].ru[f] : nouns[i].en[f]);
    }
    return snprintf(out, cap, "%ld %s", n, noun);
}

int cs_i18n_quote(char *out, size_t cap, cs_lang lang, const char *s)
{
    return lang == CS_LANG_RU ? snprintf(out, cap, "\xC2\xAB%s\xC2\xBB", s)
                              : snprintf(out, cap, "\xE2\x80\x9C%s\xE2\x80\x9D", s);
}
