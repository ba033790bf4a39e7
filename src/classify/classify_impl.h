/*
 * classify_impl.h: what the files of src/classify share: the classification itself (filled by
 * cs_classify() step by step, then only read), the working arrays of one run, and the steps.
 * Everything a cs_classification points to belongs to it and is freed by
 * cs_classification_free(); the work arrays belong to cs_classify() and die with the call.
 *
 * Invariants:
 * - Results depend only on the objects (in the order given), the method and the options: no
 *   clock, locale, thread count or address enters them. Groups are numbered in order of first
 *   appearance over the analysed objects, whatever the algorithm numbers them.
 * - Every cluster left out of the analysis carries its reason, which is its own coverage: a
 *   cluster is analysed iff at least min_known of its variables are known, so adding known
 *   values never leaves one out. A pair of analysed clusters with no variable known for both
 *   (pairwise policy) gets the imputed distance; the count is reported in every output.
 * - A label is the nearest reference type and always has its reason; no type near = label 0.
 * - Every word a user reads comes from the i18n catalogue (cs_cls_text) in opts.lang.
 */
#ifndef CS_CLASSIFY_IMPL_H
#define CS_CLASSIFY_IMPL_H

#include "clusterscope/classify.h"
#include "clusterscope/partition.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct cs_classification {
    const cs_method *m;
    const cs_reference_set *ref;
    cs_classify_options opts; /* resolved; progress cleared */
    cs_unknown_policy policy;
    cs_classify_view view;
    int min_known;                   /* resolved: options, else the method's */
    size_t imputed;                  /* pairs whose distance was imputed */
    double imputed_value;            /* the distance they got; NaN when none */
    cs_classify_assumption *assumed; /* copies; opts.assumptions points here */
    char **assumed_text;             /* the strings of each, freed with it (6 per assumption) */
    size_t n, n_items, n_ind, n_blocks;
    char **keys, **countries;
    cs_result *items; /* n x n_items, ref items derived */
    cs_result *inds;  /* n x n_ind */
    cs_score *blocks; /* n x n_blocks */
    size_t p, *vars;  /* variables: item or indicator indexes */
    size_t na, *idx;  /* analysed objects, input order */
    int *group;       /* per object: 1..k, 0 = left out */
    char **left_out;  /* per object: reason or NULL */
    double *width;    /* per object */
    int k, k_given;
    char k_rule[128];
    double k_scan[CS_CLASSIFY_K_MAX * 8 + 2];
    int k_scan_max;
    double silhouette, cophenetic;
    double *z; /* linkage methods: (na - 1) x 4 over the analysed objects; else NULL */
    cs_classify_group *groups;
    /* group storage */
    size_t *counts;   /* per group: item met, item known, ind met, ind known */
    double *bmeans;   /* per group: block indicators, block points */
    size_t *study;    /* per group: per type */
    char **reasons;   /* per group */
    double *nearness; /* per group: how near its nearest type is (3 keys, label.c) */
    const char ***country_codes;
    size_t **country_counts;
    size_t compared;
    double ari;
    int64_t *table;
};

/* The working arrays of one cs_classify() call. */
typedef struct {
    cs_classification *c;
    cs_run_options run;
    double *d; /* condensed distances of the analysed objects */
    double *x; /* na x p: 0/1, NaN unknown (as-zero: 0) */
    unsigned char *codes;
    int any_unknown;
} cs_cls_work;

/* ------------------------------------------------------------------------------------------ */
/* The steps of cs_classify(), in order                                                        */

/* Copies the objects, checks their results, derives indicators and blocks; the variables. */
int cs_cls_prepare(cs_classification *c, const cs_classify_object *objects); /* prepare.c */
/* Chooses the clusters to analyse; every other one gets its reason. (select.c) */
int cs_cls_select(cs_classification *c);
/* Whether the options fit the data (any_unknown: an analysed cell is unknown). (check.c) */
int cs_cls_check_options(const cs_classification *c, int any_unknown);
/* Bytes the analysis of the selected clusters needs; SIZE_MAX on overflow. (check.c) */
size_t cs_cls_memory_needed(const cs_classification *c);
/* Fills w->x and the condensed distances w->d of the analysed clusters. (distances.c) */
int cs_cls_distances(cs_cls_work *w);
/* The linkage (when hierarchical), k (given or by the scan) and the groups. (partition_run.c) */
int cs_cls_partition(cs_cls_work *w, void (*progress)(void *, double), void *ctx);
/* The profile of every group, and its label when there is a reference set. (profile.c) */
int cs_cls_profiles(cs_classification *c);
/* The nearest reference type of group g (0-based) and why. (label.c) */
int cs_cls_label_group(cs_classification *c, int g);
/* After every group is labelled: of the groups nearest to one type, only the nearest keeps
 * the type's name; the others keep `nearest` and say why they have no label. (label.c) */
int cs_cls_label_shared(cs_classification *c);
/* The agreement with the reference assignment. (agreement.c) */
int cs_cls_agreement(cs_classification *c);

/* ------------------------------------------------------------------------------------------ */
/* Shared helpers (text.c, reference.c)                                                        */

/* The catalogue's words for `key` in the classification's language. */
const char *cs_cls_text(const cs_classification *c, const char *key);
/* The value of variable j for object i (an item or an indicator, by the view). */
cs_result cs_cls_value(const cs_classification *c, size_t i, size_t j);
/* "I9.rd_biomedicine" for an item of a composite, "I7" for a simple indicator's item. */
void cs_cls_item_label(char *buf, size_t cap, const cs_method *m, size_t item);
/* The label of variable j: an item's as above, or an indicator's code. */
void cs_cls_variable_label(char *buf, size_t cap, const cs_classification *c, size_t j);
/* A copy of s ("" for NULL); NULL when out of memory. */
char *cs_cls_strdup(const char *s);
/* The reference type the set gives cluster `key` (0 = none), and a type's index by number
 * (SIZE_MAX = none). */
int cs_cls_reference_type_of(const cs_reference_set *ref, const char *key);
size_t cs_cls_type_index(const cs_reference_set *ref, int number);

/* Writing text (write.c): characters, not bytes, count for widths, so that every language
 * lines up; texts are written as plain terminal text (util/textout.h: a control byte is a space,
 * invalid UTF-8 is U+FFFD). put_plain writes s and returns its width; put_padded writes s in a
 * field of `width` characters, left-aligned (`left`) or right-aligned; put_wrapped writes s
 * wrapped at 100 columns, the first line starting at column `first`, continuation lines
 * indented by `indent` spaces. */
size_t cs_cls_width(const char *s);
size_t cs_cls_put_plain(FILE *f, const char *s);
void cs_cls_put_padded(FILE *f, const char *s, size_t width, int left);
void cs_cls_put_wrapped(FILE *f, const char *s, size_t first, size_t indent);

/* The writers (write_table.c, write.c, write_json.c). */
int cs_cls_write_table(FILE *f, const cs_classification *c, const cs_classify_run *run,
                       int compare);
int cs_cls_write_csv(FILE *f, const cs_classification *c, const cs_classify_run *run, int compare);
int cs_cls_write_json(FILE *f, const cs_classification *c, const cs_classify_run *run, int compare);

#endif
