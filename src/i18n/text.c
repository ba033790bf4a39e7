/*
 * text.c: the one lookup over every catalogue of words (i18n.h, i18n_impl.h).
 */
#include "i18n/i18n_impl.h"

#include <stdlib.h>
#include <string.h>

const cs_i18n_catalog *const cs_i18n_catalogs[] = {
    &cs_i18n_catalog_report, &cs_i18n_catalog_method, &cs_i18n_catalog_classify,
    &cs_i18n_catalog_factors, &cs_i18n_catalog_web, &cs_i18n_catalog_regional,
    &cs_i18n_catalog_chart, &cs_i18n_catalog_questions, &cs_i18n_catalog_regview,
    &cs_i18n_catalog_programmes, &cs_i18n_catalog_chain, &cs_i18n_catalog_timeline,
    /* the news digest */
    &cs_i18n_catalog_digest,
    /* search and news in the web observatory */
    &cs_i18n_catalog_search
};
const size_t cs_i18n_catalog_count = sizeof cs_i18n_catalogs / sizeof cs_i18n_catalogs[0];

static int cmp_key(const void *key, const void *entry)
{
    return strcmp((const char *)key, ((const cs_i18n_entry *)entry)->key);
}

const char *cs_i18n_text(cs_lang lang, const char *key)
{
    if (!key)
        return "";
    for (size_t c = 0; c < cs_i18n_catalog_count; c++) {
        const cs_i18n_catalog *cat = cs_i18n_catalogs[c];
        const cs_i18n_entry *e = bsearch(key, cat->entries, cat->n, sizeof *cat->entries, cmp_key);
        if (e)
            return lang == CS_LANG_RU ? e->ru : e->en;
    }
    return key;
}
