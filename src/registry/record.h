/*
 * record.h: the registry's record kinds and their columns: what an import brings, what the store
 * writes and what export writes back. Specs are static data; a cs_record borrows its value
 * strings from whoever filled it (a CSV row or a JSON document) for the duration of one write.
 */
#ifndef CS_REGISTRY_RECORD_H
#define CS_REGISTRY_RECORD_H

#include <stddef.h>

#define CS_RECORD_MAX_COLUMNS 24

/* The largest count or number a record holds outside ids and seeds: what the registry's readers
 * read back as an int (group and type numbers, k, sizes). */
#define CS_RECORD_INT_MAX 2147483647

/* In import order: a kind may refer only to kinds before it. */
typedef enum {
    CS_KIND_FACT_DEFINITIONS = 0,
    CS_KIND_SOURCES,
    CS_KIND_COUNTRIES,
    CS_KIND_REGIONS,
    CS_KIND_CLUSTERS,
    CS_KIND_ORGANISATIONS,
    CS_KIND_MEMBERSHIPS,
    CS_KIND_FACTS,
    /* what a reference-types document brings (see ingest/import_reference.c) */
    CS_KIND_REFERENCE_SETS,
    CS_KIND_REFERENCE_TYPES,
    CS_KIND_REFERENCE_TRAITS,
    CS_KIND_REFERENCE_ASSIGNMENTS,
    CS_KIND_REFERENCE_MODELS,  /* the study's target models (migration 0003) */
    CS_KIND_REFERENCE_FACTORS, /* its success factors */
    CS_KIND_REFERENCE_CASES,   /* its cluster stories, one factor each */
    /* stored assessments and partitions (ids kept where free, see docs/formats.md) */
    CS_KIND_ASSESSMENT_RUNS,
    CS_KIND_ASSESSMENT_SCORES,
    CS_KIND_PARTITIONS,
    CS_KIND_PARTITION_GROUPS,
    CS_KIND_PARTITION_MEMBERS,
    /* the clusters out of a run's method's scope (last, so the kinds before keep their number) */
    CS_KIND_ASSESSMENT_OUT_OF_SCOPE,
    /* industry classifications, their codes with the hierarchy, and concordances from codes to
     * cluster categories (migration 0011): before statistics, which name them */
    CS_KIND_CLASSIFICATIONS,
    CS_KIND_INDUSTRIES,
    CS_KIND_CONCORDANCE,
    /* regional statistics (migration 0010): region x industry x year values of a measure */
    CS_KIND_STATISTICS,
    /* cluster development (migration 0012), each after the kinds it names: programmes before
     * their rounds, rounds before their shares and applications; a cluster's value-chain stages
     * before its projects (and before the stages of memberships are checked, when the kind
     * ends); projects before their members, stages and the links that name them */
    CS_KIND_PROGRAMMES,
    CS_KIND_PROGRAMME_ROUNDS,
    CS_KIND_ROUND_SHARES,
    CS_KIND_APPLICATIONS,
    CS_KIND_LISTINGS,
    CS_KIND_TARGETS,
    CS_KIND_CHAIN_STAGES,
    CS_KIND_PROJECTS,
    CS_KIND_PROJECT_MEMBERS,
    CS_KIND_PROJECT_STAGES,
    CS_KIND_LINKS,
    /* news and the digest (migration 0013): items before their Q&A and links (which name
     * clusters, organisations, regions and programmes, all before), digest issues before their
     * texts and entries (which name items) */
    CS_KIND_NEWS,
    CS_KIND_NEWS_QA,
    CS_KIND_NEWS_LINKS,
    CS_KIND_DIGESTS,
    CS_KIND_DIGEST_TEXTS,
    CS_KIND_DIGEST_ENTRIES,
    CS_KIND_COUNT
} cs_record_kind;

typedef enum {
    CS_COL_TEXT,      /* any UTF-8 text */
    CS_COL_KEY,       /* a slug: letters, digits, '.', '_', ':', '-' */
    CS_COL_FACT_NAME, /* a fact name: lower-case letters, digits, '_', '.' */
    CS_COL_COUNTRY,   /* ISO 3166-1 alpha-2, upper case */
    CS_COL_YEAR,      /* 1000..2200 */
    CS_COL_DATE,      /* YYYY, YYYY-MM or YYYY-MM-DD */
    CS_COL_LAT,       /* -90..90 */
    CS_COL_LON,       /* -180..180 */
    CS_COL_ENUM,      /* one of spec->values */
    CS_COL_LEVELS,    /* level names separated by '|' */
    CS_COL_COUNT,     /* a whole number from 0 to CS_RECORD_INT_MAX */
    CS_COL_NUMBER,    /* a whole number from 1 to CS_RECORD_INT_MAX: a group or type number, k */
    CS_COL_ID,        /* a whole number from 1 to 2^63-1: the id of a run or partition */
    CS_COL_SEED,      /* a whole number from 0 to 2^63-1 */
    CS_COL_REAL,      /* a finite number */
    CS_COL_AMOUNT,    /* a finite number from 0: a budget or an amount requested or awarded */
    CS_COL_SHARE,     /* a number from 0 to 1 */
    CS_COL_TIMESTAMP, /* YYYY-MM-DDTHH:MM:SSZ (UTC) */
    CS_COL_LIST,      /* keys (as CS_COL_KEY) separated by ',' */
    CS_COL_RESULTS,   /* one of '1', '0' or '?' (unknown) per item or indicator */
    CS_COL_JSON,      /* a JSON object or array, as text */
    CS_COL_MONTH      /* YYYY-MM, a month that exists */
} cs_column_type;

typedef struct {
    const char *name; /* as in CSV headers and JSON members */
    cs_column_type type;
    int required;
    const char *values; /* CS_COL_ENUM: allowed values separated by '|' */
    int reference;      /* the kind this column refers to, or -1 */
} cs_column_spec;

typedef struct {
    cs_record_kind kind;
    const char *name; /* "clusters" */
    const cs_column_spec *columns;
    size_t n_columns;
    size_t n_key_columns; /* the first n columns form the stable key */
} cs_kind_spec;

const cs_kind_spec *cs_kind_spec_get(cs_record_kind kind);
/* Whether the column's values are numbers (written without quotes in JSON). */
int cs_column_is_number(const cs_column_spec *c);
/* The spec named `name` ("clusters"), or NULL. */
const cs_kind_spec *cs_kind_spec_find(const char *name);
/* The column index of `name` in the spec, or -1. */
int cs_kind_spec_column(const cs_kind_spec *spec, const char *name);

/*
 * One record being imported. values[i] is the i-th column of the spec; NULL or "" when the
 * input leaves it empty. `locate` finds where a column's value stands in the input, for error
 * messages (column -1: the record itself).
 */
typedef struct cs_record {
    const cs_kind_spec *spec;
    const char *values[CS_RECORD_MAX_COLUMNS];
    const char *file;
    long line; /* the record's first line, for "first seen at line N" */
    void (*locate)(const struct cs_record *rec, int column, long *line, long *col);
    void *locate_ctx;
    size_t index; /* position in its file or array, 0-based */
    /* 1 when the input writes numbers and dates as spreadsheets in Russian save them, so that a
     * decimal comma ("55,75") and a date DD.MM.YYYY are unambiguous: a CSV file delimited by ';'
     * or tab, or in Windows-1251 (see docs/formats.md) */
    int regional_forms;
} cs_record;

/* The form a value was written in, when it is not the plain one. */
typedef enum {
    CS_FORM_PLAIN = 0,
    CS_FORM_DECIMAL_COMMA, /* "55,75" read as 55.75 */
    CS_FORM_DAY_MONTH_YEAR /* "31.12.2019" read as 2019-12-31 */
} cs_value_form;

/*
 * The values of a record as they are compared and stored, filled by cs_record_check_value():
 * numbers in their one canonical text (years and whole numbers without sign or leading zeros,
 * other numbers as the shortest text that reads back to the same double), dates as
 * YYYY[-MM[-DD]]. Two values that mean the same are then the same text, so keys compare equal.
 */
typedef struct {
    char text[CS_RECORD_MAX_COLUMNS][32];
    unsigned char form[CS_RECORD_MAX_COLUMNS]; /* a cs_value_form */
} cs_record_canon;

/* Joins the values of a key of several columns. */
#define CS_RECORD_KEY_SEP "\x1f"

/* Reports a data error at the column's position: "file:line:col: expected ..., found ...". */
int cs_record_error(const cs_record *rec, int column, const char *expected, const char *found);

/*
 * Checks one value against its column's type (not references): 0 or CS_EDATA with position.
 * A number, year or date is read (spaces and tabs around it aside) and replaced by its canonical
 * text: rec->values[column] then points into canon->text[column], and canon->form[column] says
 * in which form it was written.
 */
int cs_record_check_value(cs_record *rec, int column, cs_record_canon *canon);

/*
 * Reports a repeated key at the record's last key column: "expected a WHAT key not used before in
 * this import (first at line N: COLUMN VALUE, ...), found FOUND", naming every column of a key of
 * several columns by its value as compared (canonical). `found` is that column as written.
 */
int cs_record_duplicate_error(const cs_record *rec, const char *what, long first_line,
                              const char *found);

#endif
