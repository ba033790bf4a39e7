/*
 * i18n_impl.h: what the files of src/i18n share: the catalogues of words. Each catalogue is a
 * static table owned by its file (src/i18n/catalog_*.c); nothing is allocated.
 *
 * Invariant (checked by tests/unit/test_i18n.c): the entries of a catalogue are sorted by key
 * with strcmp, so cs_i18n_text() finds them by binary search, and no key is in two catalogues.
 */
#ifndef CS_I18N_IMPL_H
#define CS_I18N_IMPL_H

#include "clusterscope/i18n.h"

#include <stddef.h>

/* One word or phrase: its key, English and Russian. */
typedef struct {
    const char *key, *en, *ru;
} cs_i18n_entry;

typedef struct {
    const char *name; /* "report", "method": for messages of the tests */
    const cs_i18n_entry *entries;
    size_t n;
} cs_i18n_catalog;

/* The catalogues, one per file src/i18n/catalog_NAME.c. */
extern const cs_i18n_catalog cs_i18n_catalog_report; /* the report's words */
extern const cs_i18n_catalog cs_i18n_catalog_method; /* the rules' wording (method/rule.c) */
/* the typology's words: reasons, the k rule, labels, headings (src/classify/) */
extern const cs_i18n_catalog cs_i18n_catalog_classify;
/* the web observatory's pages (src/web/) */
extern const cs_i18n_catalog cs_i18n_catalog_web;
/* target models and success factors (src/factors/, the report's section) */
extern const cs_i18n_catalog cs_i18n_catalog_factors;
/* the regional commands' column headings (src/cli/regional_out.c) */
extern const cs_i18n_catalog cs_i18n_catalog_regional;
/* the words of the charts of region data (choropleth maps, the chart command) */
extern const cs_i18n_catalog cs_i18n_catalog_chart;
/* the report's section on the seeds' regional questions */
extern const cs_i18n_catalog cs_i18n_catalog_questions;
/* the regional view: the report's regional section and the web's region pages */
extern const cs_i18n_catalog cs_i18n_catalog_regview;
/* support programmes and official registries: commands, report sections, the cluster page */
extern const cs_i18n_catalog cs_i18n_catalog_programmes;
/* value chains and cooperation networks: chain, network, the stage diagram, report and web */
extern const cs_i18n_catalog cs_i18n_catalog_chain;
/* change over time and counts of the registry (commands timeline and counts, report sections) */
extern const cs_i18n_catalog cs_i18n_catalog_timeline;
/* search (the command) and news in the web observatory (search hits, cluster pages and cards) */
extern const cs_i18n_catalog cs_i18n_catalog_search;
/* the news digest (command digest: HTML, PDF, Atom) */
extern const cs_i18n_catalog cs_i18n_catalog_digest;

/* Every catalogue cs_i18n_text() searches, in order. */
extern const cs_i18n_catalog *const cs_i18n_catalogs[];
extern const size_t cs_i18n_catalog_count;

#endif
