/*
 * assess.h: assessing clusters on a method (an indicator system), and writing the results.
 *
 * Ownership: cs_assess_run() hands the caller a cs_assessment that it releases with
 * cs_assessment_free(). The assessment copies the subjects and source details it is given, but
 * borrows the method and the fact set: both must outlive it (the cs_fact pointers it returns
 * point into the fact set).
 *
 * Results are three-valued (cs_result): an absent or unknown fact makes an item unknown, never
 * 0. Scores count only what is known to be met; coverage says how much is known. Every writer is
 * byte-deterministic: clusters appear in the order given to cs_assess_run().
 */
#ifndef CLUSTERSCOPE_ASSESS_H
#define CLUSTERSCOPE_ASSESS_H

#include <stddef.h>
#include <stdio.h>

#include "clusterscope/fact.h"
#include "clusterscope/method.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef CS_FORMAT_DEFINED
#define CS_FORMAT_DEFINED
/* Output formats shared by the writers of the library. */
typedef enum { CS_FORMAT_TABLE = 0, CS_FORMAT_CSV = 1, CS_FORMAT_JSON = 2 } cs_format;
#endif

/* One cluster to assess. country (ISO code) and region (key) name the subjects of country and
 * region facts; either may be NULL or "", which makes those facts absent. kind is the registry's
 * cluster kind, read by the method's scope (NULL or "": unknown). */
typedef struct {
    const char *key;
    const char *name;
    const char *country;
    const char *region;
    const char *kind;
} cs_assess_subject;

/* What explain shows about a source record. Any field may be NULL or "". */
typedef struct {
    const char *key, *title, *document, *locator, *url, *date, *publisher;
} cs_source_info;

typedef struct {
    int year; /* assessment year; 0 = the method's assessment_year, else the latest facts */
    const cs_source_info *sources; /* details of the sources facts cite (any order) */
    size_t n_sources;
    cs_lang lang; /* the language of the scope's reasons; default CS_LANG_EN */
} cs_assess_options;

/* A cluster the method's scope left out: it is not scored. */
typedef struct {
    const char *key, *name, *country, *region, *kind;
    size_t rule;         /* the scope rule that put it out (cs_method_scope_at) */
    cs_result result;    /* CS_RESULT_NOT_MET, or CS_RESULT_UNKNOWN under "unknown": "out" */
    const char *found;   /* the value the rule read, as text; NULL when none is recorded */
    const cs_fact *fact; /* a fact rule's fact, or NULL */
    const char *reason;  /* cs_scope_reason() in the options' language */
} cs_scope_exclusion;

typedef struct cs_assessment cs_assessment;

/*
 * Assesses every subject in the method's scope (cs_method_scope_at: all its rules hold, or are
 * unknown and kept in); the others are only listed, with the reason
 * (cs_assessment_out_of_scope_at). Facts are chosen with cs_factset_get() for the year; country
 * facts come from the subject's country, region facts from its region. `opts` may be NULL.
 * CS_EUSAGE for a subject without a key or a key given twice.
 */
int cs_assess_run(cs_assessment **out, const cs_method *m, const cs_factset *facts,
                  const cs_assess_subject *subjects, size_t n_subjects,
                  const cs_assess_options *opts);
void cs_assessment_free(cs_assessment *a);

const cs_method *cs_assessment_method(const cs_assessment *a);
int cs_assessment_year(const cs_assessment *a); /* the year used; 0 = latest facts */
/* The clusters scored (those in the method's scope), in the order given. */
size_t cs_assessment_count(const cs_assessment *a);
const cs_assess_subject *cs_assessment_subject(const cs_assessment *a, size_t cluster);
long cs_assessment_find(const cs_assessment *a, const char *key); /* index or -1 */

/* Per cluster (index as given to cs_assess_run). Item and indicator indexes are the method's. */
cs_result cs_assessment_item(const cs_assessment *a, size_t cluster, size_t item);
/* The fact an item read, or NULL (no fact recorded, or a ref item). */
const cs_fact *cs_assessment_item_fact(const cs_assessment *a, size_t cluster, size_t item);
/* The binary view of an indicator. */
cs_result cs_assessment_indicator(const cs_assessment *a, size_t cluster, size_t indicator);
/* The item points of an indicator: its items known to be met. */
int cs_assessment_indicator_points(const cs_assessment *a, size_t cluster, size_t indicator);
cs_score cs_assessment_block_score(const cs_assessment *a, size_t cluster, size_t block);
cs_score cs_assessment_total(const cs_assessment *a, size_t cluster);
/* Known scored items / all scored items, 0..1. */
double cs_assessment_coverage(const cs_assessment *a, size_t cluster);
/* The clusters out of the method's scope, in the order given; the index of a key, or -1. */
size_t cs_assessment_out_of_scope_count(const cs_assessment *a);
const cs_scope_exclusion *cs_assessment_out_of_scope_at(const cs_assessment *a, size_t i);
long cs_assessment_find_out_of_scope(const cs_assessment *a, const char *key);
/* For a scored cluster: bit i set when scope rule i was unknown and kept it in scope (0: every
 * rule known to be met, or no scope), and those rules' reasons joined by "; " (NULL when none). */
unsigned long cs_assessment_scope_unknown(const cs_assessment *a, size_t cluster);
const char *cs_assessment_scope_note(const cs_assessment *a, size_t cluster);
/* The details given in the options for a source key, or NULL. */
const cs_source_info *cs_assessment_source(const cs_assessment *a, const char *key);

/*
 * The compact form of one cluster's results: one character per item of the method ('1', '0' or
 * '?'), in item order, e.g. "1?0111...". Writes as snprintf does and returns the item count.
 * It is the store's encoding of a run (store.h, cs_store_assessment_save); cs_assess_decode()
 * reads it back, and cs_method_derive() recomputes indicators and scores from the items.
 */
int cs_assessment_code(char *out, size_t cap, const cs_assessment *a, size_t cluster);
int cs_assess_decode(cs_result *items, size_t n_items, const cs_method *m, const char *code);

/*
 * Writes all clusters: CS_FORMAT_TABLE (aligned columns, then a summary per block and
 * indicator), CS_FORMAT_CSV (one row per cluster; unknown is an empty cell; a text cell starting
 * with = + - @ tab or CR gets a leading apostrophe, control bytes are written as \xNN) or
 * CS_FORMAT_JSON. Invalid UTF-8 is written as U+FFFD. CS_EIO when the stream fails.
 */
int cs_assessment_write(FILE *f, const cs_assessment *a, cs_format fmt);

/*
 * Explains one cluster's results: for every indicator and item, the rule in words, the fact
 * read (subject, name, year, value as written, status), its source and the result.
 * CS_FORMAT_TABLE writes text, CS_FORMAT_JSON a JSON document (CSV is CS_EUSAGE).
 * CS_ENOTFOUND when no cluster has the key.
 */
int cs_assessment_explain(FILE *f, const cs_assessment *a, const char *cluster_key, cs_format fmt);

#ifdef __cplusplus
}
#endif
#endif
