/*
 * i18n.h: the languages clusterscope speaks and the catalogue of every word a user sees, with
 * numbers, plurals and quotation marks in each language's style.
 *
 * Ownership: every string returned here is static and never freed; writers into caller buffers
 * behave as snprintf does (they write at most cap bytes, NUL included, and return the length
 * the whole text needs).
 */
#ifndef CLUSTERSCOPE_I18N_H
#define CLUSTERSCOPE_I18N_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One language type for every module: the report, the typology's words, the rules' wording. */
typedef enum { CS_LANG_EN = 0, CS_LANG_RU = 1 } cs_lang;

/* "en" or "ru" (CS_EUSAGE otherwise). */
int cs_lang_parse(cs_lang *out, const char *name);
/* "en" or "ru". */
const char *cs_lang_name(cs_lang lang);

/*
 * The fixed word or phrase for key in lang ("title", "sample", "rule_rank_cutoff", ...), from
 * the catalogues of src/i18n/catalog_*.c; the key itself when no catalogue has it. Some entries
 * are printf formats (their comment in the catalogue names the arguments).
 */
const char *cs_i18n_text(cs_lang lang, const char *key);

/*
 * Writes v with `decimals` decimals (0 to 10) in the language's style: English 1,234.5;
 * Russian 1 234,5 (decimal comma, a no-break space between thousands). NaN is "?"; a value
 * that rounds to zero is never "-0".
 */
int cs_i18n_format_number(char *out, size_t cap, cs_lang lang, double v, int decimals);

/*
 * Plural form index of n: English 0 (one) or 1 (other); Russian 0 (один кластер), 1 (два
 * кластера), 2 (пять кластеров).
 */
int cs_i18n_plural(cs_lang lang, long n);

/* "52 clusters", "52 кластера", "1 group", "21 группа": noun one of "cluster", "group",
 * "indicator", "item", "country", "fact", "region" (another noun is written as given, after n). */
int cs_i18n_count(char *out, size_t cap, cs_lang lang, long n, const char *noun);

/* Quotes s in the language's quotation marks: “...” or «...». */
int cs_i18n_quote(char *out, size_t cap, cs_lang lang, const char *s);

#ifdef __cplusplus
}
#endif
#endif
