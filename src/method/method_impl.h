/*
 * method_impl.h: what the files of src/method share while a method file is loaded: the arena a
 * cs_method lives in, struct cs_method itself, the loader (where in the JSON it is, for
 * messages) and the parsed-but-not-yet-ordered indicators. Everything reached from a cs_method
 * lives in its arena; the loader owns nothing. Internal names start with cs_ml_ ("method
 * loading").
 *
 * Invariants a loaded method keeps (the assessment relies on them without checking):
 * - indicators are grouped by block, blocks sorted by their order; the items of an indicator
 *   are contiguous and in indicator order; a simple indicator has exactly one item;
 * - every leaf rule names a defined fact of a type its kind can read; every ref names an
 *   indicator, and refs form no cycle; `order` lists each indicator after those it refers to.
 */
#ifndef CS_METHOD_IMPL_H
#define CS_METHOD_IMPL_H

#include "clusterscope/method.h"
#include "util/buf.h"
#include "util/keymap.h"

#include <jansson.h>
#include <stddef.h>

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_DEPTH   16
#define MAX_ID_LEN  64

/* --- arena (method.c) */

typedef struct cs_ml_arena_block {
    struct cs_ml_arena_block *next;
    size_t used, cap;
    _Alignas(16) char data[];
} cs_ml_arena_block;

typedef struct {
    cs_ml_arena_block *head;
} cs_ml_arena;

/* Zeroed memory for size bytes (16-byte aligned), or NULL. */
void *cs_ml_alloc(cs_ml_arena *a, size_t size);
/* A copy of s in the arena, or NULL. */
const char *cs_ml_strdup(cs_ml_arena *a, const char *s);
void cs_ml_arena_free(cs_ml_arena *a);

/* --- the method */

struct cs_method {
    cs_ml_arena arena;
    const char *id, *version, *title_en, *title_ru, *description, *origin;
    const char *view, *unknown_policy;
    int min_known; /* analysis.min_known: variables a cluster needs known to be analysed */
    int year;
    cs_method_source *sources;
    size_t n_sources;
    cs_method_block *blocks;
    size_t n_blocks;
    cs_method_indicator *inds;
    size_t n_inds;
    cs_method_item *items;
    size_t n_items;
    cs_method_fact *facts;
    size_t n_facts;
    size_t *order; /* indicators in evaluation order */
    int max_indicators, max_points;
    cs_scope_rule *scope; /* the scope's rules; none: every cluster is in scope */
    size_t n_scope;
    const char *scope_notes, *scope_study_lines;
};

/* --- a fact definition */

/* A fact a rule can read: its name, subject kind, type and levels ("" unless a level fact). */
typedef struct {
    const char *name;
    cs_subject_kind kind;
    cs_fact_type type;
    const char *levels;
} cs_ml_factdef;

/* --- the loader (method_json.c) */

typedef struct {
    const char *key; /* object member, or NULL for an array element */
    size_t index;
} cs_ml_path_seg;

typedef struct {
    size_t json_index;
    const char *id, *label_en, *label_ru;
    cs_rule rule;
    const char *ref_id; /* for CS_RULE_REF until resolved */
} cs_ml_item;

typedef struct {
    size_t json_index;
    const char *id, *code, *label_en, *label_ru, *heading_en, *heading_ru, *notes, *study_lines;
    const char **sources;
    size_t n_sources;
    size_t block; /* index in file order, then in sorted order */
    int scored, composite;
    size_t min_items;
    cs_ml_item *items;
    size_t n_items;
} cs_ml_indicator;

typedef struct {
    const char *origin;
    const char *text;
    size_t len;
    cs_ml_path_seg path[MAX_DEPTH];
    int depth;
    cs_method *m;
    cs_ml_factdef *local_defs;
    size_t n_local_defs;
    size_t *block_json; /* for sorted block i, its index in the file */
    /* Every name the loader looks up, so that loading stays near-linear in the size of the
     * file: one map for all, each name under a one-letter namespace (see cs_ml_name). */
    cs_keymap *names;
    cs_buf scratch; /* the key being looked up */
} cs_ml_loader;

/* Namespaces of the loader's names: what a name is, and what its value's id holds. */
enum {
    CS_ML_NS_BLOCK = 'b',      /* block id -> its index in the file */
    CS_ML_NS_SOURCE = 's',     /* source key -> its index */
    CS_ML_NS_INDICATOR = 'i',  /* indicator id -> its index in the file */
    CS_ML_NS_ITEM = 't',       /* indicator index in the file, item id -> item index */
    CS_ML_NS_DEF = 'd',        /* subject kind, fact name -> index in local_defs */
    CS_ML_NS_LEVELS = 'L',     /* a levels string (by address) whose levels are indexed */
    CS_ML_NS_LEVEL = 'l',      /* a levels string (by address), level name -> its position */
    CS_ML_NS_CODE = 'c',       /* indicator code -> indicator index */
    CS_ML_NS_BLOCK_CODE = 'k', /* block code -> block index (sorted) */
    CS_ML_NS_FACT = 'f'        /* subject kind, fact name -> index in the facts read */
};

/*
 * The loader's entry for (namespace, a, b) (b may be NULL): with `insert`, created when absent
 * (its value.line is then 0; callers set it non-zero when they fill the entry); without, NULL
 * when absent. NULL with insert means out of memory (with the message set).
 */
cs_keymap_value *cs_ml_name(cs_ml_loader *L, int ns, const char *a, const char *b, int insert);
/* The same with a number as the first part. */
cs_keymap_value *cs_ml_name_n(cs_ml_loader *L, int ns, size_t a, const char *b, int insert);
/* Notes (ns, a, b) as seen first as number `index`: 0 when it is new, 1 when it was seen before
 * (*first: the index it was first seen as), CS_ENOMEM. */
int cs_ml_seen(cs_ml_loader *L, int ns, const char *a, const char *b, size_t index, size_t *first);
int cs_ml_seen_n(cs_ml_loader *L, int ns, size_t a, const char *b, size_t index, size_t *first);

void cs_ml_push_key(cs_ml_loader *L, const char *key);
void cs_ml_push_index(cs_ml_loader *L, size_t index);
void cs_ml_pop(cs_ml_loader *L);
/* "ORIGIN:LINE:COLUMN: PATH: MESSAGE" (CS_EDATA), at the deepest part of the current path that
 * exists in the text. */
int cs_ml_fail_msg(cs_ml_loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "...: PATH: expected EXPECTED, found FOUND" (CS_EDATA); found may be NULL ("nothing"). */
int cs_ml_fail(cs_ml_loader *L, const json_t *found, const char *expected);
/* CS_ENOMEM, with the message. */
int cs_ml_oom(void);
/* Refuses members not in `allowed` (keys starting with '_' are comments). */
int cs_ml_check_members(cs_ml_loader *L, json_t *obj, const char *const *allowed, size_t n,
                        const char *what);
/* Reads a string member into the arena. Absent and not required: `def`. */
int cs_ml_get_string(cs_ml_loader *L, json_t *obj, const char *key, int required, const char *def,
                     const char **out);
/* 1 when s is an id: 1 to MAX_ID_LEN letters, digits, '_' or '-'. */
int cs_ml_valid_id(const char *s);
int cs_ml_get_id(cs_ml_loader *L, json_t *obj, const char *key, const char **out);
/* An integer member within [lo, hi]. */
int cs_ml_get_int(cs_ml_loader *L, json_t *obj, const char *key, int required, long long def,
                  long long lo, long long hi, const char *expected, long long *out);
/* Labels: label_en and label_ru, at least one when required. */
int cs_ml_get_labels(cs_ml_loader *L, json_t *obj, const char **en, const char **ru, int required);

/* --- fact definitions (method_facts.c) */

/* Parses the built-in fact definitions once per process; CS_ERROR when the build is broken. */
int cs_ml_builtin_defs_load(void);
/* The definition of (kind, name): the method file's own first, then the built-in ones; or NULL. */
const cs_ml_factdef *cs_ml_find_def(cs_ml_loader *L, cs_subject_kind kind, const char *name);
/* The same for a name of any subject kind (for a message naming the right kind). */
const cs_ml_factdef *cs_ml_find_def_any_kind(cs_ml_loader *L, const char *name);
/* The position of `level` in a definition's `levels` (lowest first, 0 = lowest), -1 when it is
 * not one of them, CS_ENOMEM. The levels are indexed once per definition, so that many rules
 * on one long list of levels cost time in proportion to the rules, not their product. */
int cs_ml_level_index(cs_ml_loader *L, const char *levels, const char *level);
/* The method file's "fact_definitions" into L->local_defs. */
int cs_ml_parse_fact_definitions(cs_ml_loader *L, json_t *list);

/* --- rules (rule.c) */

/* The position of level in levels ("none|bronze|silver|gold", lowest first), 0 = lowest; -1
 * when it is not one of them or either is NULL. */
int cs_rule_level_index(const char *levels, const char *level);

/* --- indicators (method_indicators.c) and the checks of the whole (method_check.c) */

/* One member of "indicators", with its rule or items, into *ind (blocks and sources read). */
int cs_ml_parse_indicator(cs_ml_loader *L, json_t *obj, cs_ml_indicator *ind);
/* The leaf rule of `owner` (its "fact" and "rule"; a composite is refused with `why`). */
int cs_ml_parse_fact_rule(cs_ml_loader *L, json_t *owner, const char *why, cs_rule *r);

/* --- the scope (method_scope.c) */

/* The method file's "scope" (after cs_ml_build): its rules, and their facts added to the facts
 * the method reads. */
int cs_ml_parse_scope(cs_ml_loader *L, json_t *scope);

/* Puts the parsed indicators in final order, builds the item list, resolves refs, refuses
 * cycles and duplicate codes, and lists the facts read. */
int cs_ml_build(cs_ml_loader *L, cs_ml_indicator *pinds, size_t n);
/* Checks the analysis settings against the built method: min_known within the view's scored
 * variables. ANALYSIS is the file's "analysis" member (may be NULL: the defaults fit). */
int cs_ml_check_analysis(cs_ml_loader *L, json_t *analysis);

#endif
