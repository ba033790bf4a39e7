/*
 * fact.h: facts (one sourced value about a cluster, country or region), fact sets, and fact
 * definitions (how the facts of one name are written and read).
 *
 * Ownership: a cs_factset owns every string and fact added to it (they are copied in) and frees
 * them in cs_factset_free(); a const cs_fact * obtained from a set stays valid until the set is
 * freed. A cs_value is plain data; its text pointer borrows from whoever filled it. A
 * cs_fact_definitions list owns its strings and is freed with cs_fact_definitions_free(), except
 * the built-in list, which the library keeps for the life of the process.
 *
 * Unknown is not zero: a fact whose value is not known has kind CS_VALUE_UNKNOWN, and a fact that
 * was never recorded is absent from the set. Both make an indicator unknown, never 0.
 */
#ifndef CLUSTERSCOPE_FACT_H
#define CLUSTERSCOPE_FACT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CS_SUBJECT_CLUSTER = 0,
    CS_SUBJECT_COUNTRY = 1,
    CS_SUBJECT_REGION = 2
} cs_subject_kind;

typedef enum {
    CS_STATUS_STATED = 0,   /* the source says it */
    CS_STATUS_DERIVED = 1,  /* computed from stated facts or registry records */
    CS_STATUS_ESTIMATED = 2 /* an analyst's estimate */
} cs_fact_status;

/* How a fact's value is written and checked (a fact definition names one). */
typedef enum {
    CS_FACT_COUNT = 0,  /* whole number >= 0; bounds allowed: ">60", ">=100", "<100", "10..20" */
    CS_FACT_AMOUNT = 1, /* real number >= 0 (money, FTE); bounds allowed */
    CS_FACT_RANK = 2,   /* whole number >= 1, 1 is best; bounds allowed ("<=10" = in the top 10) */
    CS_FACT_INDEX = 3,  /* any real number; bounds allowed */
    CS_FACT_BOOL = 4,   /* true/false (also yes/no, 1/0, да/нет) */
    CS_FACT_LEVEL = 5,  /* one of the definition's ordered levels */
    CS_FACT_TEXT = 6    /* free text; never read by a rule except presence */
} cs_fact_type;

typedef enum {
    CS_VALUE_UNKNOWN = 0,
    CS_VALUE_NUMBER = 1, /* the true value lies between lo and hi (an exact value has lo == hi) */
    CS_VALUE_BOOL = 2,
    CS_VALUE_TEXT = 3 /* a level name or free text */
} cs_value_kind;

typedef struct {
    cs_value_kind kind;
    double lo, hi;         /* NUMBER: bounds, -HUGE_VAL / HUGE_VAL when open-ended */
    unsigned char lo_open; /* NUMBER: 1 when lo itself is excluded (">60") */
    unsigned char hi_open; /* NUMBER: 1 when hi itself is excluded ("<100") */
    int boolean;           /* BOOL: 0 or 1 */
    const char *text;      /* TEXT: the level or text */
} cs_value;

typedef struct {
    long long id; /* registry row id; 0 for a fact derived on the fly */
    cs_subject_kind subject_kind;
    const char *subject; /* cluster key, country code or region key */
    const char *name;    /* fact name from the fact definitions, e.g. "startups" */
    int year;            /* the year the value refers to; 0 = undated */
    cs_value value;
    const char *raw; /* the value as written in the data, e.g. ">60"; "" when unknown */
    cs_fact_status status;
    const char *source;  /* key of the source record */
    const char *locator; /* page, line or section within the source; may be "" */
    const char *quote;   /* the source's words; may be "" */
} cs_fact;

/*
 * Parses a written value for a fact of `type`. `levels` (for CS_FACT_LEVEL) is a list of
 * level names separated by '|', lowest first. An empty string parses as unknown.
 * On failure returns CS_EDATA with a message "expected ..." that callers turn into a positioned
 * error; *out then is unknown. out->text points into `text`.
 */
int cs_value_parse(cs_value *out, const char *text, cs_fact_type type, const char *levels);

/* Writes the value as it can be parsed back (">60", "10..20", "true", "bronze"), or "" for
 * unknown. Returns the number of characters the full text needs, as snprintf does. */
int cs_value_format(char *out, size_t cap, const cs_value *v);

const char *cs_subject_kind_name(cs_subject_kind k); /* "cluster", "country", "region" */
int cs_subject_kind_parse(cs_subject_kind *out, const char *s);
const char *cs_fact_status_name(cs_fact_status s); /* "stated", "derived", "estimated" */
int cs_fact_status_parse(cs_fact_status *out, const char *s);
const char *cs_fact_type_name(cs_fact_type t); /* "count", "amount", ... */
int cs_fact_type_parse(cs_fact_type *out, const char *s);

/* An in-memory collection of facts indexed by (subject kind, subject, name). */
typedef struct cs_factset cs_factset;

int cs_factset_new(cs_factset **out);
void cs_factset_free(cs_factset *set);

/* Copies the fact (and its strings) into the set. Several years of one fact may coexist. */
int cs_factset_add(cs_factset *set, const cs_fact *fact);

/*
 * The fact that applies in `year`: the latest dated fact with year <= `year`; when there is none,
 * the undated fact. year 0 means "no assessment year": the latest dated fact, else the undated.
 * Returns NULL when nothing applies (the indicator reading it is then unknown).
 */
const cs_fact *cs_factset_get(const cs_factset *set, cs_subject_kind kind, const char *subject,
                              const char *name, int year);

size_t cs_factset_count(const cs_factset *set);
/* The i-th fact in the order they were added (NULL past the end). */
const cs_fact *cs_factset_at(const cs_factset *set, size_t i);

/* How the facts of one (subject kind, name) are written and read. */
typedef struct {
    const char *name; /* e.g. "startups": lower-case letters, digits, '_' and '.' */
    cs_subject_kind subject_kind;
    cs_fact_type type;
    const char *levels; /* CS_FACT_LEVEL: level names separated by '|', lowest first; else "" */
    const char *unit, *label_en, *label_ru, *description; /* "" = none */
} cs_fact_definition;

/* A list of fact definitions, in the order they were read. */
typedef struct cs_fact_definitions cs_fact_definitions;

/*
 * Parses the "fact_definitions" array of a registry document ({"format":
 * "clusterscope-registry", "version": 1, "fact_definitions": [...]}; other members are left to
 * other readers) by the rules an import applies to fact definitions. `origin` names the text in
 * messages: CS_EDATA "ORIGIN:LINE:COLUMN: expected ..., found ...".
 */
int cs_fact_definitions_parse(cs_fact_definitions **out, const char *json, size_t len,
                              const char *origin);

/* The built-in definitions that a new registry starts with (parsed once, kept by the library). */
int cs_fact_definitions_builtin(const cs_fact_definitions **out);

size_t cs_fact_definitions_count(const cs_fact_definitions *defs);
const cs_fact_definition *cs_fact_definitions_at(const cs_fact_definitions *defs, size_t i);
/* The definition of (kind, name), or NULL. */
const cs_fact_definition *cs_fact_definitions_find(const cs_fact_definitions *defs,
                                                   cs_subject_kind kind, const char *name);
void cs_fact_definitions_free(cs_fact_definitions *defs);

#ifdef __cplusplus
}
#endif
#endif
