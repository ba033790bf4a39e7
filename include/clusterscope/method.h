/*
 * method.h: indicator systems ("methods") loaded from JSON method files, and their rules.
 *
 * Ownership: cs_method_load_*() hand the caller a cs_method that it releases with
 * cs_method_free(); every string and struct reached through a cs_method (blocks, indicators,
 * items, rules, sources, facts) belongs to it and stays valid until it is freed. Built-in ids
 * returned by cs_method_builtin_id() are static.
 *
 * A method has blocks, each holding indicators; every indicator has one or more items, the
 * binary criteria that are actually scored. A simple indicator is its own single item; a
 * composite indicator has several, and scores the number of its items met (item points) while
 * its binary view is 1 when at least min_items are met. The file format is documented in
 * docs/method-file.md. Results are three-valued: unknown is never 0.
 */
#ifndef CLUSTERSCOPE_METHOD_H
#define CLUSTERSCOPE_METHOD_H

#include <stddef.h>

#include "clusterscope/fact.h"
#include "clusterscope/i18n.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cs_method cs_method;

/* The result of a rule, an item or an indicator. Stored as one byte per result. */
typedef signed char cs_result;
enum { CS_RESULT_UNKNOWN = -1, CS_RESULT_NOT_MET = 0, CS_RESULT_MET = 1 };

typedef enum {
    CS_RULE_THRESHOLD = 0,        /* number compared with `value` by `op` */
    CS_RULE_RANK_CUTOFF = 1,      /* rank <= value (1 is best) */
    CS_RULE_PRESENCE = 2,         /* bool true (or text stated) */
    CS_RULE_COUNT_AT_LEAST = 3,   /* count >= value */
    CS_RULE_ORDINAL_AT_LEAST = 4, /* level at or above `level` */
    CS_RULE_REF = 5               /* the binary view of another indicator (composite items only) */
} cs_rule_kind;

typedef enum { CS_OP_GE = 0, CS_OP_GT = 1, CS_OP_LE = 2, CS_OP_LT = 3 } cs_rule_op;

typedef struct {
    cs_rule_kind kind;
    /* leaf rules (all but CS_RULE_REF): the fact read, and its definition */
    cs_subject_kind subject_kind; /* a country fact is read from the cluster's country */
    const char *fact;             /* fact name, e.g. "foreign_patients" */
    cs_fact_type fact_type;
    const char *levels; /* level facts: "none|bronze|silver|gold", lowest first; else "" */
    cs_rule_op op;      /* threshold: as written; rank_cutoff: LE; count_at_least: GE */
    double value;       /* threshold value, rank cutoff or minimum count */
    const char *level;  /* ordinal_at_least: the lowest level that meets */
    int level_index;    /* its position in `levels`, 0 = lowest */
    size_t ref;         /* CS_RULE_REF: index of the referenced indicator */
} cs_rule;

typedef struct {
    const char *key;      /* e.g. "bloomberg-2014" */
    const char *citation; /* full bibliographic reference */
    const char *url;      /* may be "" */
    const char *note;     /* may be "" */
} cs_method_source;

typedef struct {
    const char *id;                  /* e.g. "country" */
    const char *code;                /* short column label, e.g. "B1" */
    const char *label_en, *label_ru; /* either may be "", not both */
    int order;
    size_t first_indicator, n_indicators; /* indicators of a block are contiguous */
    int max_indicators;                   /* scored indicators in the block */
    int max_points;                       /* items of its scored indicators */
} cs_method_block;

typedef struct {
    const char *id;   /* e.g. "diversity" */
    const char *code; /* short column label, e.g. "I8" */
    const char *label_en, *label_ru;
    const char *heading_en, *heading_ru; /* the study's heading, e.g. "РАЗНООБРАЗИЕ УЧАСТНИКОВ" */
    const char *notes;          /* may be "" */
    const char *study_lines;    /* where the source study states it; may be "" */
    const char *const *sources; /* keys of method sources */
    size_t n_sources;
    size_t block;     /* index of its block */
    int scored;       /* 0 for a helper: evaluated and shown, not in block scores or totals */
    int composite;    /* 1 when the file's rule kind is "composite" */
    size_t min_items; /* the binary view is 1 when at least this many items are met */
    size_t first_item, n_items; /* a simple indicator has exactly one item */
} cs_method_indicator;

typedef struct {
    const char *id;  /* item id within its composite; a simple indicator's item has its id */
    const char *key; /* unique in the method: "diversity.clinics", or the indicator id */
    const char *label_en, *label_ru;
    size_t indicator; /* index of its indicator */
    cs_rule rule;
} cs_method_item;

/* One fact the method reads. The store need load only these. */
typedef struct {
    cs_subject_kind subject_kind;
    const char *name;
    cs_fact_type type;
    const char *levels;
} cs_method_fact;

/* What one cluster scored on a block or in total. Unknown results count as neither. */
typedef struct {
    int indicators;       /* scored indicators whose binary view is known to be met */
    int indicators_known; /* scored indicators whose binary view is known */
    int points;           /* scored items known to be met */
    int items_known;      /* scored items whose result is known */
} cs_score;

/*
 * The method's scope: the clusters it applies to, as rules that must all hold (the file's
 * "scope": {"all_of": [...]}). A rule reads a field of the cluster's registry record or a fact.
 * A rule known not met puts a cluster out of scope; an unknown one is decided by `unknown_in`.
 * A method without a scope applies to every cluster.
 */
typedef enum { CS_CLUSTER_FIELD_KIND = 0, CS_CLUSTER_FIELD_COUNTRY = 1 } cs_cluster_field;

/* The most rules a scope may have (a cluster's unknown rules fit in 32 bits). */
#define CS_SCOPE_MAX_RULES 32

typedef struct {
    const char *id; /* unique among the scope's rules */
    const char *label_en, *label_ru;
    const char *notes, *study_lines; /* may be "" */
    int is_fact;                     /* 0: a field rule; 1: a fact rule */
    cs_cluster_field field;          /* field rules: the field read */
    const char *const *values;       /* field rules: the values that meet it */
    size_t n_values;
    cs_rule rule;   /* fact rules: a leaf rule (never a ref) on its fact */
    int unknown_in; /* 1: an unknown result keeps the cluster in scope ("unknown": "in") */
} cs_scope_rule;

/* The largest method file (or text) loaded: 16 MiB. The built-in methods have at most 18 KiB; a
 * method of 40,000 indicators about 5 MiB. */
#define CS_METHOD_MAX_BYTES ((size_t)16 << 20)

/*
 * Loads a method from JSON text. `origin` names the text in messages (a path, or e.g.
 * "methods/hse-biomedical-2019.json"). Fails with CS_EDATA and a message
 * "ORIGIN:LINE:COLUMN: PATH: expected ..., found ..." (PATH like indicators[3].rule.kind).
 * A text over CS_METHOD_MAX_BYTES, or with arrays and objects nested more than 64 deep, is
 * refused before it is parsed.
 */
int cs_method_load_string(cs_method **out, const char *json, size_t len, const char *origin);
int cs_method_load_file(cs_method **out, const char *path);
/* A method shipped inside the library (methods/<id>.json); CS_ENOTFOUND for an unknown id. */
int cs_method_load_builtin(cs_method **out, const char *id);
size_t cs_method_builtin_count(void);
const char *cs_method_builtin_id(size_t i); /* sorted; NULL past the end */
void cs_method_free(cs_method *m);

const char *cs_method_id(const cs_method *m);
const char *cs_method_version(const cs_method *m);
const char *cs_method_title_en(const cs_method *m);
const char *cs_method_title_ru(const cs_method *m);
const char *cs_method_description(const cs_method *m);
const char *cs_method_origin(const cs_method *m);
int cs_method_assessment_year(const cs_method *m); /* 0 when the file gives none */
/* Analysis settings for the typology: "items" or "indicators"; "pairwise", "error", "as-zero". */
const char *cs_method_analysis_view(const cs_method *m);
const char *cs_method_unknown_policy(const cs_method *m);
/* The variables (of the view) a cluster needs known to be analysed: analysis.min_known, 1 when
 * the file gives none (a cluster with anything known is analysed). */
int cs_method_min_known(const cs_method *m);

size_t cs_method_source_count(const cs_method *m);
const cs_method_source *cs_method_source_at(const cs_method *m, size_t i);
size_t cs_method_block_count(const cs_method *m);
const cs_method_block *cs_method_block_at(const cs_method *m, size_t i);
/* Indicators are ordered by block (blocks by their order), then as written in the file. */
size_t cs_method_indicator_count(const cs_method *m);
const cs_method_indicator *cs_method_indicator_at(const cs_method *m, size_t i);
size_t cs_method_item_count(const cs_method *m); /* all items, helpers' included */
const cs_method_item *cs_method_item_at(const cs_method *m, size_t i);
/* Index by id (indicator) or key (item), or -1. */
long cs_method_find_indicator(const cs_method *m, const char *id);
long cs_method_find_item(const cs_method *m, const char *key);
/* Scored indicators (15 for the HSE method) and scored items (its 23 item points). */
int cs_method_max_indicators(const cs_method *m);
int cs_method_max_points(const cs_method *m);
/* The (subject kind, fact name) pairs the method reads, sorted by kind then name. */
size_t cs_method_fact_count(const cs_method *m);
const cs_method_fact *cs_method_fact_at(const cs_method *m, size_t i);

/* The scope's rules, in file order (0 when the method applies to every cluster), and its notes
 * and study lines ("" when none). */
size_t cs_method_scope_count(const cs_method *m);
const cs_scope_rule *cs_method_scope_at(const cs_method *m, size_t i);
const char *cs_method_scope_notes(const cs_method *m);
const char *cs_method_scope_study_lines(const cs_method *m);
/* "kind" or "country". */
const char *cs_cluster_field_name(cs_cluster_field f);

/* A field rule on the cluster's value of its field: unknown when the value is NULL or "". */
cs_result cs_scope_field_eval(const cs_scope_rule *rule, const char *value);

/*
 * Why a scope rule decided what it did, for a reader of lang (words from the i18n catalogue):
 * `result` is CS_RESULT_NOT_MET (out of scope) or CS_RESULT_UNKNOWN (out or kept in, as the
 * rule's `unknown_in` says); `found` is the value the rule read, as text, or NULL when none is
 * recorded. E.g. "a biomedical cluster: not met (kind is industrial)". As snprintf does.
 */
int cs_scope_reason(char *out, size_t cap, const cs_scope_rule *rule, cs_result result,
                    const char *found, cs_lang lang);

/*
 * Evaluates a leaf rule on a value, with interval logic: a count ">60" meets "at least 2",
 * "<100" fails ">= 100", ">50" against ">= 100" is unknown. Count and rank bounds are read as
 * whole numbers (">1" is ">=2"). An unknown value, or one of the wrong kind, is unknown.
 */
cs_result cs_rule_eval(const cs_rule *rule, const cs_value *value);

/* Writes the rule in English words for the machine ("foreign_patients >= 200000", numbers as
 * %.15g writes them), as snprintf does. */
int cs_rule_describe(char *out, size_t cap, const cs_method *m, const cs_rule *rule);
/*
 * The same for a reader of lang: its words ("a rank, 1 is best" / "место в рейтинге,
 * 1 — лучшее", from the i18n catalogue) and numbers in its style (200,000 / 200 000).
 */
int cs_rule_describe_lang(char *out, size_t cap, const cs_method *m, const cs_rule *rule,
                          cs_lang lang);

/*
 * Derives everything else from the leaf items of one cluster. `items` holds
 * cs_method_item_count() results; the results of ref items are filled in. `indicators`
 * receives cs_method_indicator_count() binary views; `points` (may be NULL) the item points of
 * each indicator; `blocks` (may be NULL) cs_method_block_count() scores; `total` (may be
 * NULL) the method's total. A composite is 1 when at least min_items items are met, 0 when it
 * cannot reach min_items even if every unknown item were met, else unknown.
 */
void cs_method_derive(const cs_method *m, cs_result *items, cs_result *indicators, int *points,
                      cs_score *blocks, cs_score *total);

#ifdef __cplusplus
}
#endif
#endif
