/*
 * catalog.h: the catalogue of the words users read, as tables of {key, English, Russian}
 * entries sorted by key. Internal to the library. Every string is static; nothing is freed.
 *
 * Entries that are printf formats have the same conversions, in the same order, in both
 * languages (tests/unit/test_classify.c checks it), so a caller passes the same arguments
 * whatever the language.
 */
#ifndef CS_I18N_CATALOG_H
#define CS_I18N_CATALOG_H

#include "clusterscope/i18n.h"

#include <stddef.h>

typedef struct {
    const char *key, *en, *ru;
} cs_i18n_entry;

/*
 * The words of the typology (src/classify/): reasons, the k rule, labels, the table's headings.
 * An unknown key returns the key itself, so a missing entry shows rather than crashes.
 */
const char *cs_i18n_classify_text(cs_lang lang, const char *key);

/* The whole table, sorted by key (strcmp), and its size, for checks. */
const cs_i18n_entry *cs_i18n_classify_table(size_t *n);

#endif
