/*
 * ingest.h: importing CSV and JSON into the registry and exporting it again.
 *
 * Ownership: the caller owns the options and statistics structs it passes; nothing returned
 * needs freeing. An import is one transaction: on any error the registry is left exactly as it
 * was, and the error message names the file, line and column.
 */
#ifndef CLUSTERSCOPE_INGEST_H
#define CLUSTERSCOPE_INGEST_H

#include "clusterscope/store.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CS_IMPORT_KINDS 42

/*
 * The largest JSON document an import reads: 1 GiB, about six million records. A JSON document
 * is parsed whole, and the parsed tree takes about seven times the text (measured: 100 MiB of
 * records, 700 MiB), so 1 GiB needs some 8 GiB of memory. CSV files are read as a stream and
 * have no such limit: a larger registry goes as CSV (export writes it so).
 */
#define CS_IMPORT_JSON_MAX_BYTES ((size_t)1 << 30)

typedef struct {
    int dry_run;          /* validate everything, then roll back */
    const char *kind;     /* CSV: the record kind ("clusters"); NULL = from file name or header */
    const char *encoding; /* CSV: "auto" (default), "utf-8" or "cp1251" */
    char delimiter;       /* CSV: ',', ';' or '\t'; 0 = detect */
    /*
     * CSV: the files' own column names and the record kind's they hold, as a list
     * "org_id=key,org_title=name,cluster_name=-" (pairs separated by commas or line ends; "-"
     * drops a column); or columns_file, a file of one pair a line ('#' starts a comment). At
     * most one of the two. Columns not named keep their names. NULL = none.
     */
    const char *columns;
    const char *columns_file;
    /* CSV: values for columns the files lack, "COLUMN=VALUE" each (e.g. "source=cmp-orgs"),
     * n_set of them; every row of every CSV file gets them. */
    const char *const *set;
    size_t n_set;
    /* Told what an import did besides storing records, one sentence at a time (e.g. "FILE: 2
     * rows repeated exactly, skipped: first at line 3 repeated at lines 40, 77"); NULL = not
     * told. The text is valid during the call. */
    void (*notice)(void *ctx, const char *text);
    void *notice_ctx;
    /*
     * Told every record once its checks pass, before it is stored: its kind ("facts"), the
     * kind's column names and the values as they are stored (canonical numbers; NULL or "" =
     * empty), n of each, and where the record starts (file, line). A nonzero return (a CS_E*
     * code, its message set) refuses the record and with it the whole import. NULL = not told.
     * Records of a reference-types document are not told (it is imported whole).
     */
    int (*record)(void *ctx, const char *kind, const char *const *columns,
                  const char *const *values, size_t n, const char *file, long line);
    void *record_ctx;
    /* News from Markdown files (.md) and saved feeds (.xml, .rss, .atom; docs/formats.md): the
     * source key every item of a feed names (required for a feed; a Markdown header may name
     * its own), and the kind of the feed's items ("event" when NULL). */
    const char *news_source;
    const char *news_kind;
} cs_import_options;

#define CS_IMPORT_NOTES      8
#define CS_IMPORT_NOTE_BYTES 256

typedef struct {
    /* per record kind, in import order (see cs_import_kind_name) */
    long long inserted[CS_IMPORT_KINDS];
    long long updated[CS_IMPORT_KINDS];
    long long unchanged[CS_IMPORT_KINDS]; /* already stored exactly so: re-imported duplicates */
    /*
     * How values written as spreadsheets in Russian write them were read (a decimal comma, a
     * date DD.MM.YYYY, a Russian true or false): one note per file and column, at its first such
     * value, "clusters.csv:2:6: read "55,75" as 55.75 (and 3 more values of this column)". The
     * first CS_IMPORT_NOTES notes are kept; n_notes counts every note.
     */
    char notes[CS_IMPORT_NOTES][CS_IMPORT_NOTE_BYTES];
    int n_notes;
    /* CSV rows that repeat an earlier row of their file exactly, in every column the record
     * kind reads: skipped (each is also told through notice). A repeated key with other values
     * is an error, as ever. */
    long long repeated[CS_IMPORT_KINDS];
} cs_import_stats;

/* The name of record kind i ("fact_definitions", "sources", ... "facts", then the stored
 * typology: "reference_sets", ... "partition_members"; see docs/formats.md). */
const char *cs_import_kind_name(int i);

/* Imports the files (by extension: .json is JSON, .md a news item in Markdown, .xml, .rss and
 * .atom a saved news feed, any other CSV) in one transaction. */
int cs_import_files(cs_import_stats *stats, cs_store *store, const char *const *paths,
                    size_t n_paths, const cs_import_options *opts);

/* Imports one JSON registry document held in memory; `origin` names it in messages. */
int cs_import_json_buffer(cs_import_stats *stats, cs_store *store, const char *json, size_t len,
                          const char *origin, const cs_import_options *opts);

typedef enum { CS_EXPORT_JSON = 0, CS_EXPORT_CSV = 1 } cs_export_format;

/*
 * Exports the registry. JSON: one document at `path` ("-" = stdout). CSV: a folder at `path`
 * with one file per non-empty kind. Records are sorted by key; files are written atomically.
 * Texts are written exactly, so that import gives back every byte: CSV cells get no formula
 * guard and keep their control bytes (quoted when they hold , " CR LF or start or end with a
 * space or tab); export is for data interchange, not for spreadsheets (docs/formats.md).
 */
int cs_export(cs_store *store, const char *path, cs_export_format format);

/* ------------------------------------------------------------------------------------------ */
/* Data matrices for cluster analysis (src/ingest/matrix_read.c). The matrix a call hands out   */
/* belongs to the caller, who frees it with cs_datamatrix_free() (typology.h).                 */

#include "clusterscope/typology.h"

typedef struct {
    /*
     * Types of the data columns (after the id column), `ntypes` of them, or one type for
     * every column (ntypes 1); NULL = infer all.
     * CS_VAR_AUTO entries are inferred: a column whose known values are all 0 or 1 is
     * binary (symmetric), a column of numbers is numeric, anything else is nominal.
     */
    const cs_var_type *types;
    size_t ntypes;
    char delimiter; /* 0 = detect (comma, semicolon or tab) */
    /*
     * Told now and then while a file is read (at most about every MiB) the share of its bytes
     * read so far, from 0 to 1; NULL = not told. The reader holds no lock and no partial state
     * the callback could see.
     */
    void (*progress)(void *ctx, double fraction);
    void *progress_ctx;
} cs_datamatrix_csv_options;

/*
 * Reads a CSV file: a header row, then one row per object; the first column is the object id,
 * the others are variables. "?", "NA" and an empty cell are unknown. Numbers use a decimal
 * point, or a decimal comma in a file delimited by ';' or tab. Errors are CS_EDATA
 * "FILE:LINE:COLUMN: expected ..., found ..." (text in a numeric column, NaN, infinity or a
 * number beyond a double, also as a column's first value, a value other than 0/1 in a binary
 * column, a duplicate id, a wrong number of fields), or name the column (no known value) or the
 * file (fewer than 2 objects, no variable). The file is read once, as a stream: of several
 * faults, the first in the file is reported. Memory: the n x p cells as doubles, the ids, and
 * the levels of nominal columns.
 */
int cs_ingest_read_matrix(cs_datamatrix **out, const char *path,
                          const cs_datamatrix_csv_options *opts);
/* The same over LEN bytes of TEXT, named NAME in messages. */
int cs_ingest_parse_matrix(cs_datamatrix **out, const char *name, const char *text, size_t len,
                           const cs_datamatrix_csv_options *opts);

/* ------------------------------------------------------------------------------------------ */
/* Small tables (src/ingest/table_read.c): a file of a few rows read whole, by the reader of  */
/* every CSV import. The table belongs to the caller, who frees it with cs_csv_table_free().    */

typedef struct {
    size_t rows, cols; /* records after the header; fields per record */
    char **cell;       /* (rows + 1) x cols NUL-terminated strings, row 0 the header */
    long *line;        /* the line each record starts on, rows + 1 of them */
    char delimiter;    /* as given or detected: numbers take a decimal comma unless it is ',' */
} cs_csv_table;

/*
 * Reads PATH: a header row and records of as many fields (blank lines skipped; quotes, a
 * byte-order mark and Windows-1251 as for an import; the delimiter as given, or detected when
 * 0). At most max_rows records (0: no limit) — the file is for a command's start, not data.
 * CS_EDATA "FILE:LINE: expected N fields as in the header, found M", "FILE: ... empty", or the
 * reader's own errors with line and column.
 */
int cs_ingest_read_table(cs_csv_table *out, const char *path, char delimiter, size_t max_rows);
void cs_csv_table_free(cs_csv_table *t);
/* Cell (row r >= 1 a record, 0 the header; column c from 0). */
const char *cs_csv_table_cell(const cs_csv_table *t, size_t r, size_t c);

/* ------------------------------------------------------------------------------------------ */
/* Regional statistics in long form (src/ingest/regional_read.c): rows of region, industry (or */
/* category), optional year and value columns, read into dense arrays for regional.h. The data */
/* belong to the caller, who frees them with cs_regional_data_free().                           */

typedef struct {
    const char *key;           /* the second key column: "industry" or "category" */
    const char *const *values; /* the value columns ("value"; "employment", "establishments") */
    size_t n_values;           /* 1 to 4 */
    size_t n_required;         /* the first n_required must be in the file; the rest may not */
    const char *attribute;     /* a text column that describes the key ("sector", "type"), optional
                                  in the file, the same on every row of one key; NULL = none */
    int need_year;             /* the file must have a year column */
    /* the years to keep, n_years of them; 0 = the file holds one year (or no year column) */
    const int *years;
    size_t n_years;
    char delimiter; /* 0 = detect */
    /* a file at least this large is read in two halves by two threads (when OpenMP gives two),
     * with the same result and the same messages as one reader; 0 = 32 MiB */
    unsigned long long split_min_bytes;
} cs_regional_read_options;

typedef struct {
    size_t nr, ni, ny, nv;        /* regions, keys, years, value columns */
    const char *const *region;    /* nr names, sorted by bytes */
    const char *const *key;       /* ni names, sorted by bytes */
    const char *const *attribute; /* ni values of the attribute column, or NULL (no column) */
    const int *year;      /* ny years in the order asked; NULL when the file has no year column */
    const int *has_value; /* nv flags: 1 when the file has that value column */
    /* values, 0 where the file has no row: x[((y * nv + v) * nr + r) * ni + i] */
    const double *x;
    void *internal;
} cs_regional_data;

/*
 * Reads PATH (encodings, quoting and delimiters as an import reads CSV). Errors are CS_EDATA
 * with "FILE:LINE:COLUMN: expected ..., found ...": an unknown or repeated header column, a
 * missing required column, a row of another length, an empty region or key, a value that is
 * no number or negative, a year that is no whole number, a repeated (region, key, year), an
 * attribute that changes for one key, several years when none was asked (naming them), a year
 * asked that the file lacks (naming those it has), no data row.
 */
int cs_ingest_read_regional(cs_regional_data **out, const char *path,
                            const cs_regional_read_options *opts);
/* The nr x ni values of year index y and value column v. */
const double *cs_regional_data_values(const cs_regional_data *d, size_t y, size_t v);
void cs_regional_data_free(cs_regional_data *d);

/*
 * 0 when each of the first N value columns (NAMES) the data have holds a value above 0 in every
 * year; else CS_EDATA "WHAT: expected some NAME above 0 in YEAR (...), found only zeros": with
 * only zeros every share and quotient is 0/0. cs_ingest_read_regional() checks its required
 * columns so; the registry's reader does the same.
 */
int cs_regional_data_check_totals(const cs_regional_data *d, const char *const *names, size_t n,
                                  const char *what);

/*
 * The same data built from cells another source gives (the registry's statistics, through the
 * service): names sorted by bytes and arrays laid out as the file reader's. new() takes the
 * value columns and the years (year index y of add() is years[y]); add() sets value column V of
 * the cell (REGION, KEY, year index Y) to X, the values of one cell given one after another
 * (any order of cells); ATTRIBUTE, when not NULL, describes KEY (the first one given is kept;
 * with any, a key without one reads ""). finish() hands out the data (freed with
 * cs_regional_data_free()) and frees the builder, also on failure (CS_EDATA naming WHAT for
 * no cell or a cell given twice apart); free() drops an unfinished builder.
 */
typedef struct cs_regional_builder cs_regional_builder;
int cs_regional_builder_new(cs_regional_builder **out, size_t n_values, const int *years,
                            size_t n_years);
int cs_regional_builder_add(cs_regional_builder *b, const char *region, const char *key,
                            const char *attribute, size_t year, size_t value, double x);
int cs_regional_builder_finish(cs_regional_data **out, cs_regional_builder *b, const int *has_value,
                               const char *what);
void cs_regional_builder_free(cs_regional_builder *b);

/* ------------------------------------------------------------------------------------------ */
/* Relatedness of cluster categories (src/ingest/related_read.c): which category is strongly  */
/* related to which, for cs_regional_related_gaps(). The table belongs to the caller, who     */
/* frees it with cs_related_table_free().                                                      */

typedef struct {
    size_t n;                     /* categories: numbers in numeric order, then text by bytes */
    const char *const *key;       /* n names */
    const unsigned char *related; /* n * n: 1 when b is strongly related to a, at [a * n + b] */
    const double *strength;       /* n * n: the pair's strength; NaN where no pair was given */
    void *internal;
} cs_related_table;

/*
 * Reads PATH: a JSON array as the US Cluster Mapping Project's relatedClusters.json (.json: rows
 * with cluster_code, cluster_code_2, cr_all (the strength), cr_all_pc, rel_all_90_v3 and
 * rel_i20_all_min_90_v3; strongly related when cr_all_pc >= 90 and both flags are 1), or a CSV
 * file with the header category,category2,strength,related (related 0 or 1). A pair is
 * ordered; a pair given one way only counts both ways (relatedness is symmetric). Errors are
 * CS_EDATA: for CSV "FILE:LINE:COLUMN: expected ..., found ...", for JSON "FILE: row N (from
 * 1): expected ..., found ..." (jansson keeps no positions after parsing; a syntax error has
 * its line and column): a missing column or field, an empty category, a strength that is no
 * number, a flag other than 0 or 1, a pair given twice (naming where it first was).
 */
int cs_ingest_read_related(cs_related_table **out, const char *path, char delimiter);
void cs_related_table_free(cs_related_table *t);

#ifdef __cplusplus
}
#endif
#endif
