/*
 * i18n.h: the languages clusterscope speaks and the catalogue of every word a user sees.
 *
 * Ownership: every string returned here is static and never freed; writers into caller buffers
 * behave as snprintf does.
 */
#ifndef CLUSTERSCOPE_I18N_H
#define CLUSTERSCOPE_I18N_H

#ifdef __cplusplus
extern "C" {
#endif

/* One language type for every module: the report, the typology's words, the rules' wording. */
typedef enum { CS_LANG_EN = 0, CS_LANG_RU = 1 } cs_lang;

/* "en" or "ru" (CS_EUSAGE otherwise). */
int cs_lang_parse(cs_lang *out, const char *name);
/* "en" or "ru". */
const char *cs_lang_name(cs_lang lang);

#ifdef __cplusplus
}
#endif
#endif
