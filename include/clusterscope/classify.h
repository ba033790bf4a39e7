/*
 * classify.h: the typology of the registry. Cluster analysis of an assessment's binary items
 * (or indicators) with unknown values kept apart, a partition into groups, the profile of each
 * group (the study's group table), labels by the nearest reference type with the reason, the
 * agreement with a study's own groups, and the partition's writers. Storing and reading back
 * runs, reference sets and partitions is the store's (store.h); this module knows no database.
 *
 * Ownership: cs_classify() hands the caller a cs_classification, released with
 * cs_classification_free(); it copies the objects and their results but borrows the method and
 * the reference set, which must outlive it. cs_classify_run_new() and cs_reference_copy() hand
 * out objects released with cs_classify_run_free() and cs_reference_free(); every pointer
 * reached through them, or returned by an accessor of a classification, belongs to that object.
 * Strings in option structs are borrowed; strings of the _json functions are the caller's, freed
 * with free().
 *
 * Settings named as in typology.h and partition.h: max_memory is bytes, 0 = no limit; n_threads
 * 0 = the OpenMP default.
 *
 * Vocabulary: a "cluster" is the economic cluster of the registry, the object being classified.
 * Cluster analysis returns the groups of a partition; k is a number of groups. A reference type
 * is a group a study published (the HSE study's three groups).
 */
#ifndef CLUSTERSCOPE_CLASSIFY_H
#define CLUSTERSCOPE_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "clusterscope/i18n.h"
#include "clusterscope/method.h"
#include "clusterscope/typology.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef CS_FORMAT_DEFINED
#define CS_FORMAT_DEFINED
/* Output formats shared by the writers of the library. */
typedef enum { CS_FORMAT_TABLE = 0, CS_FORMAT_CSV = 1, CS_FORMAT_JSON = 2 } cs_format;
#endif

/* ------------------------------------------------------------------------------------------ */
/* Reference types                                                                             */

/*
 * A published characteristic of a reference type that can be read on one item of the method:
 * the share of the type's clusters meeting `item` lies in share_min..share_max. A country trait
 * has item NULL and `countries` ("DE,US,KR"): the share of clusters located in one of them.
 */
typedef struct {
    const char *item;      /* item key of the profile method, or NULL */
    const char *countries; /* comma-separated ISO codes when item is NULL */
    double share_min, share_max;
    const char *published; /* the study's words */
    const char *locator;   /* may be NULL */
} cs_reference_trait;

/*
 * A row of the study's group table (Table 2.1) as published for one type: the characteristic
 * ("countries", "specialisation", "competitive_advantage", "focus", "size", "innovation",
 * "initiative", "state_in_governance", "esca_label"), the study's words (text_ru; text_en the
 * translation, may be NULL; both NULL when the table has no value), the locator, and the facts
 * whose share among a group's members the row can be compared with ("initiative.authorities,
 * initiative.business"; NULL when none).
 */
typedef struct {
    const char *key;
    const char *text_ru, *text_en;
    const char *locator;
    const char *facts;
} cs_reference_row;

typedef struct {
    int number; /* the study's group number, >= 1 */
    const char *name_en, *name_ru;
    int size_published; /* as published; -1 when not given */
    const cs_reference_trait *traits;
    size_t n_traits;
    const cs_reference_row *rows; /* the group table's rows, in the table's order */
    size_t n_rows;
} cs_reference_type;

typedef struct {
    const char *cluster; /* cluster key */
    int type;            /* reference type number, 0 = the study gives none */
    const char *basis;   /* stated, reconstructed, derived or not_assigned */
} cs_reference_assignment;

typedef struct {
    const char *key;            /* the study's source key, e.g. "hse-2019" */
    const char *profile_method; /* the method whose item keys the traits use */
    const char *size_note;      /* why the published sizes do not add up; may be NULL */
    int sample_size;            /* -1 when not given */
    int published_sum;          /* -1 when not given */
    const cs_reference_type *types;
    size_t n_types;
    const cs_reference_assignment *assignments;
    size_t n_assignments;
} cs_reference_set;

/*
 * A deep copy of REF that owns every string and array it points to (the store reads reference
 * sets this way: store.h, cs_store_reference_load). Free with cs_reference_free().
 */
int cs_reference_copy(cs_reference_set **out, const cs_reference_set *ref);
void cs_reference_free(cs_reference_set *ref);

/* ------------------------------------------------------------------------------------------ */
/* Input                                                                                       */

typedef struct {
    const char *key;     /* cluster key, unique */
    const char *country; /* ISO code, or "" when not known */
    /* The assessment's results: cs_method_item_count() values (CS_RESULT_MET, _NOT_MET or
     * _UNKNOWN) in the method's item order; results of ref items are derived again. */
    const cs_result *items;
} cs_classify_object;

/* A cluster the run's method left out of its scope (assess.h, cs_scope_exclusion): not an
 * object, never classified; the writers list it with the reason. */
typedef struct {
    const char *key;
    const char *rule;  /* id of the method's scope rule that put it out */
    cs_result result;  /* CS_RESULT_NOT_MET, or CS_RESULT_UNKNOWN */
    const char *found; /* the value the rule read, or NULL when none is recorded */
} cs_classify_excluded;

/* An assessment run: its clusters and their results (the store reads one from the registry). */
typedef struct {
    long long run_id;
    const char *method_id, *method_version, *created;
    int assessed_now; /* 1 when no run existed and one was made and stored for this call */
    const cs_classify_object *objects;
    size_t n;
    const cs_classify_excluded *out_of_scope; /* the clusters out of the method's scope */
    size_t n_out_of_scope;
} cs_classify_run;

/*
 * An empty run with these details (strings copied; created may be NULL). Objects are added in
 * order with cs_classify_run_add(), which copies the key, the country (NULL = "") and the
 * n_items results. Free with cs_classify_run_free().
 */
int cs_classify_run_new(cs_classify_run **out, long long run_id, const char *method_id,
                        const char *method_version, const char *created);
int cs_classify_run_add(cs_classify_run *run, const char *key, const char *country,
                        const cs_result *items, size_t n_items);
/* Adds a cluster out of the method's scope (strings copied; found may be NULL). */
int cs_classify_run_add_out_of_scope(cs_classify_run *run, const char *key, const char *rule,
                                     cs_result result, const char *found);
/* Why an excluded cluster is out of scope, in lang, worded from method M's scope rule (as
 * cs_scope_reason does; the rule's id alone when M has no such rule). As snprintf does. */
int cs_classify_scope_reason(char *out, size_t cap, const cs_method *m,
                             const cs_classify_excluded *e, cs_lang lang);
void cs_classify_run_free(cs_classify_run *run);

/* ------------------------------------------------------------------------------------------ */
/* Options                                                                                     */

typedef enum {
    CS_CLASSIFY_VIEW_METHOD = 0, /* the method's analysis setting ("items" by default) */
    CS_CLASSIFY_VIEW_ITEMS,      /* the scored items (23 for the HSE method) */
    CS_CLASSIFY_VIEW_INDICATORS  /* the scored indicators' binary views (15) */
} cs_classify_view;

/*
 * Algorithms: the seven linkage methods of typology.h (in cs_linkage_method order), then
 * k-medoids (PAM, FasterPAM), k-modes and k-means.
 */
typedef enum {
    CS_CLASSIFY_SINGLE = 0,
    CS_CLASSIFY_COMPLETE,
    CS_CLASSIFY_AVERAGE,
    CS_CLASSIFY_WEIGHTED,
    CS_CLASSIFY_WARD,
    CS_CLASSIFY_CENTROID,
    CS_CLASSIFY_MEDIAN,
    CS_CLASSIFY_PAM,
    CS_CLASSIFY_FASTERPAM,
    CS_CLASSIFY_KMODES,
    CS_CLASSIFY_KMEANS,
    CS_CLASSIFY_ALGORITHM_COUNT
} cs_classify_algorithm;

/* "average", ..., "pam", "fasterpam", "kmodes", "kmeans". */
int cs_classify_algorithm_parse(cs_classify_algorithm *out, const char *name);
const char *cs_classify_algorithm_name(cs_classify_algorithm a);
/* 1 for the linkage methods. */
int cs_classify_algorithm_is_hierarchical(cs_classify_algorithm a);

/* "pairwise", "error", "as-zero". */
int cs_unknown_policy_parse(cs_unknown_policy *out, const char *name);
const char *cs_unknown_policy_name(cs_unknown_policy p);

/* "items" or "indicators" (the method's setting is never a name: it is resolved first). */
int cs_classify_view_parse(cs_classify_view *out, const char *name);
const char *cs_classify_view_name(cs_classify_view v);

/*
 * A fact assumed for one classification and not in the registry (classify --assume): the
 * results are built on it, and every writer lists it. Year "" is an undated fact.
 */
typedef struct {
    const char *subject_kind; /* "cluster", "country" or "region" */
    const char *subject, *fact, *year, *value;
    const char *file; /* where it was read, with its line */
    long line;
} cs_classify_assumption;

/* k is chosen among 2..min(CS_CLASSIFY_K_MAX, n - 1) unless given. */
#define CS_CLASSIFY_K_MAX 8

typedef struct {
    cs_classify_view view;
    int unknown; /* a cs_unknown_policy, or -1 = the method's setting */
    /* A cluster is analysed when at least this many of its variables (of the view) are known;
     * 0 = the method's setting (cs_method_min_known). Its own coverage only: adding a known
     * value never leaves a cluster out. */
    int min_known;
    cs_classify_algorithm algorithm; /* default CS_CLASSIFY_AVERAGE */
    cs_metric distance;              /* default CS_METRIC_HAMMING (simple matching) */
    int k;                           /* 0 = choose by the best mean silhouette */
    int k_max;                       /* upper end of the scan; default CS_CLASSIFY_K_MAX */
    uint64_t seed;                   /* k-medoids, k-modes and k-means; default 1 */
    size_t max_memory;               /* bytes, checked before allocating; 0 = no limit */
    int n_threads;                   /* 0 = OpenMP default; results do not depend on it */
    void (*progress)(void *ctx, double fraction); /* NULL: silent */
    void *progress_ctx;
    /* The language of every word the classification and its writers produce (reasons, the k
     * rule, labels, the table's headings); default CS_LANG_EN. */
    cs_lang lang;
    /* Facts the results are built on that the registry does not hold (copied by cs_classify;
     * the classification's own options point to its copy); none by default. */
    const cs_classify_assumption *assumptions;
    size_t n_assumptions;
} cs_classify_options;

void cs_classify_options_init(cs_classify_options *o);

/* ------------------------------------------------------------------------------------------ */
/* Classification                                                                              */

typedef struct cs_classification cs_classification;

/* The profile of one group: what the study's group table shows. */
typedef struct {
    int number;  /* 1..k, numbered in order of first appearance over the objects */
    size_t size; /* clusters in the group */
    /* Per method item and per method indicator (method order): clusters known to meet it and
     * clusters for which it is known. The share meeting it is met / known. */
    const size_t *item_met, *item_known;
    const size_t *indicator_met, *indicator_known;
    /* Per method block: mean over the members of indicators met and of item points met
     * (unknown counts as not met, as the assessment's block scores do). */
    const double *block_indicators, *block_points;
    /* Countries, most frequent first (ties by code); "" = unknown. */
    const char *const *countries;
    const size_t *country_count;
    size_t n_countries;
    /* Labelling (when a reference set was given): per reference type (in the set's order) the
     * members the study places there; the nearest type's number (0 = none), the label (the
     * nearest type's number, or 0 when another group is nearer to the same type: two groups
     * never carry one type's name) and the reason, which says so. */
    const size_t *study_count;
    int nearest;
    int label;
    const char *reason;
} cs_classify_group;

/*
 * Classifies OBJECTS (n of them, results of method M) with OPTS (NULL = defaults). REF (may be
 * NULL) labels the groups and is the basis of the agreement figures. An object is analysed when
 * at least min_known of its variables are known, else left out with the reason (its own
 * coverage); so adding known values never leaves an analysed object out. Under the pairwise
 * policy a pair of analysed objects with no variable known for both gets an imputed distance,
 * the mean of the defined distances between analysed objects (cs_classification_imputed).
 * Indicators and block scores are derived from the items with cs_method_derive(), once per object.
 * CS_EUSAGE for options that do not fit (k out of range, an algorithm that needs complete data or
 * Euclidean distances), CS_EDATA for data that cannot be used (a result that is not 1, 0 or
 * unknown, an unknown under the "error" policy, fewer than 2 clusters to analyse, no k to choose),
 * CS_ENOMEM over the memory limit (checked before allocating). Failures that a setting could avoid
 * carry advice (cs_error_advice(): CS_ADVICE_K, _UNKNOWN_POLICY, _DISTANCE, _MAX_MEMORY).
 */
int cs_classify(cs_classification **out, const cs_method *m, const cs_classify_object *objects,
                size_t n, const cs_reference_set *ref, const cs_classify_options *opts);
void cs_classification_free(cs_classification *c);

/*
 * The memory cs_classify() with the same arguments would need at most, in bytes (SIZE_MAX: more
 * than can be addressed), found in time linear in n, before any distance is computed: the
 * analysis of every object with a variable known (the pairwise policy may leave out a few more,
 * which only lowers the need). For a caller that would rather do without the classification
 * than be refused: compare it with the memory it can give. Fails as cs_classify() does on
 * options and data it refuses before the analysis.
 */
int cs_classify_memory(size_t *need, const cs_method *m, const cs_classify_object *objects,
                       size_t n, const cs_classify_options *opts);

/* The options as resolved (view and unknown policy from the method when so set). */
const cs_classify_options *cs_classification_options(const cs_classification *c);
/* The assumptions the results are built on (owned by the classification): their number. */
size_t cs_classification_assumptions(const cs_classification *c,
                                     const cs_classify_assumption **list);
/* What the unknown-value policy means, in the classification's language: "the study's scoring:
 * unknown counted as not met" (as-zero), "unknown kept apart" (pairwise), "unknown refused". */
const char *cs_classification_unknown_words(const cs_classification *c);
/* The coverage a cluster needed to be analysed (options.min_known as resolved). */
int cs_classification_min_known(const cs_classification *c);
/* Pairs of analysed clusters with no variable known for both, whose distance was imputed, and
 * the distance given them (NaN when none). */
size_t cs_classification_imputed(const cs_classification *c, double *value);
cs_unknown_policy cs_classification_unknown(const cs_classification *c);
cs_classify_view cs_classification_view(const cs_classification *c);
/* Variables analysed: method item indexes (view items) or indicator indexes. */
size_t cs_classification_variable_count(const cs_classification *c);
size_t cs_classification_variable(const cs_classification *c, size_t j);
/* The variable's key: item key or indicator id. */
const char *cs_classification_variable_key(const cs_classification *c, size_t j);
/* The method classified on, and the reference set (NULL when none was given). */
const cs_method *cs_classification_method(const cs_classification *c);
const cs_reference_set *cs_classification_reference(const cs_classification *c);

size_t cs_classification_object_count(const cs_classification *c); /* all given */
/* Key and country ("" when not known) of object i, in input order. */
const char *cs_classification_key(const cs_classification *c, size_t i);
const char *cs_classification_country(const cs_classification *c, size_t i);
size_t cs_classification_analysed(const cs_classification *c);
/* Group number of object i (input order), or 0 when it was left out (then the reason). */
int cs_classification_group_of(const cs_classification *c, size_t i);
const char *cs_classification_left_out(const cs_classification *c, size_t i);
/* Silhouette width of object i (NaN when left out or undefined). */
double cs_classification_width(const cs_classification *c, size_t i);

int cs_classification_k(const cs_classification *c);
const cs_classify_group *cs_classification_group(const cs_classification *c, int number);
/* Mean silhouette width (NaN when undefined: one group, or each object alone). */
double cs_classification_silhouette(const cs_classification *c);
/* Cophenetic correlation for the linkage methods (NaN otherwise, or when undefined). */
double cs_classification_cophenetic(const cs_classification *c);
/* How k was obtained, in words ("given", "best mean silhouette over k = 2..8"). */
const char *cs_classification_k_rule(const cs_classification *c);
/* Mean silhouette of the scan for k (NaN when not scanned or undefined). */
double cs_classification_k_scan(const cs_classification *c, int k);

/*
 * The linkage the partition was cut from, for the linkage methods: 1, with *z the
 * ((*n) - 1) x 4 matrix (typology.h's layout, owned by the classification) over the *n
 * clusters analysed, leaf a being the a-th analysed cluster in input order (the a-th object i
 * with cs_classification_group_of(c, i) != 0). 0, with *z NULL and *n 0, for the other
 * algorithms. A dendrogram drawn from it shows exactly the partition's tree.
 */
int cs_classification_linkage(const double **z, size_t *n, const cs_classification *c);

/*
 * Agreement with the reference set's assignment, over the clusters analysed that it places in
 * a type: their number (0 when no reference set or none placed), the adjusted Rand index (NaN
 * when fewer than 2 are compared) and the contingency table, k rows by n_types columns
 * (row-major, groups 1..k, types in the set's order), owned by the classification.
 */
size_t cs_classification_compared(const cs_classification *c);
double cs_classification_ari(const cs_classification *c);
const int64_t *cs_classification_contingency(const cs_classification *c);

/*
 * Writes the partition: TABLE (header with every parameter, the group table, members and the
 * clusters left out with their reasons), CSV (one row per cluster: group, label, silhouette,
 * reason when left out) or JSON (everything). With `compare`, the agreement with the reference
 * set is added (in CSV, the study's group of each cluster). Texts as every writer writes them
 * (docs/formats.md, output text): in the table control bytes are spaces; CSV text cells are
 * guarded against formulas, control bytes as \xNN; JSON strings escaped. Byte-deterministic.
 */
int cs_classification_write(FILE *f, const cs_classification *c, const cs_classify_run *run,
                            cs_format fmt, int compare);

/*
 * The profile of group `number` as compact JSON (what the JSON writer gives as "profile": size,
 * countries, blocks, indicators and items with met and known counts, the study's placements),
 * and the k scan as compact JSON ({"2": mean silhouette, ...}; *out NULL when k was given).
 * For storage (store.h). Free with free().
 */
int cs_classification_profile_json(char **out, const cs_classification *c, int number);
int cs_classification_k_scan_json(char **out, const cs_classification *c);

#ifdef __cplusplus
}
#endif
#endif
