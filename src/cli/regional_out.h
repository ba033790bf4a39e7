/*
 * regional_out.h: what the regional commands (specialisation, strong-clusters, shift-share)
 * share: the options of a long-form data file and one writer of result tables in the three
 * formats. A frame borrows every array and name it points to; nothing is allocated for the
 * caller to free.
 */
#ifndef CS_CLI_REGIONAL_OUT_H
#define CS_CLI_REGIONAL_OUT_H

#include "cli.h"

#include "clusterscope/i18n.h"
#include "clusterscope/service.h"

#include <stddef.h>

#define CS_CLI_FRAME_COLS 16

/*
 * A result table: rows over one key (n0 names) or two (n0 x n1, row a * n1 + b; pairs of one
 * set with skip_diagonal leave out a == b), then value columns (value c of row k at
 * cols[c][k], the row's index over the whole grid). NaN is an empty cell, null in JSON, "?" in
 * the table.
 */
typedef struct {
    const char *measure; /* "lq": the JSON document's "measure" */
    size_t nkeys;        /* 1 or 2 */
    const char *key_name[2];
    const char *const *key[2];
    size_t n[2];
    int skip_diagonal;
    const unsigned char *row_mask; /* NULL, or per row: 0 leaves the row out */
    size_t ncols;
    const char *col_name[CS_CLI_FRAME_COLS];
    const double *cols[CS_CLI_FRAME_COLS];
    int integer[CS_CLI_FRAME_COLS]; /* a count or flag: written without decimals */
    /* the table's most decimals for the column; 0 = 3 (CSV and JSON are always exact) */
    int max_decimals[CS_CLI_FRAME_COLS];
    /* an optional text column after the numbers: label[k] of row k (NULL: empty, null in
     * JSON); the table shows the catalogue's "rg_<text>" where it has one */
    const char *label_name;
    const char *const *label;
    cs_format format;
    cs_lang lang; /* the table's headings */
} cs_cli_frame;

/* Writes the frame to PATH (atomically), or to standard output when NULL. Library code. */
int cs_cli_frame_write(const cs_cli_frame *fr, const char *path);

/* --year Y: a year 0..9999; 0 or 2 (usage error printed). */
int cs_cli_parse_year(int *out, const char *cmd, const char *option, const char *arg);

/* --delimiter D: ',', ';' or 'tab'; 0 or 2 (usage error printed). */
int cs_cli_parse_delimiter(char *out, const char *cmd, const char *arg);

/* The options every regional command takes: --year, --format, -o/--output, --lang, --delimiter,
 * and for the registry's statistics --classification, --level and --concordance. */
typedef struct {
    const char *output;
    int year, has_year;
    cs_format format;
    cs_lang lang;
    char delimiter;
    cs_regional_selection select; /* the registry's statistics: which, and how summed */
} cs_cli_regional_options;

/* getopt_long's codes of the selection options (above any character), and their entries. */
#define CS_CLI_OPT_CLASSIFICATION 0x101
#define CS_CLI_OPT_LEVEL          0x102
#define CS_CLI_OPT_CONCORDANCE    0x103
#define CS_CLI_SELECTION_OPTIONS                                                                   \
    { "classification", required_argument, NULL, CS_CLI_OPT_CLASSIFICATION },                      \
        { "level", required_argument, NULL, CS_CLI_OPT_LEVEL },                                    \
    {                                                                                              \
        "concordance", required_argument, NULL, CS_CLI_OPT_CONCORDANCE                             \
    }

/* Option c as getopt_long returned it ('y', 'f', 'o', 'l', 'D' or a selection option, with its
 * argument): 1 when it was one of these and is stored in o, 0 when it is another, 2 after a
 * usage error printed. */
int cs_cli_regional_option(cs_cli_regional_options *o, const char *cmd, int c, const char *arg);

/* The first selection option given ("--level"...), or NULL: for "is for the registry" errors. */
const char *cs_cli_regional_selection_given(const cs_cli_regional_options *o);

/* Reads the registry's statistics MEASURES for RO with o's selection through the service, and
 * says on standard error how much a concordance left out (a note: the sums are short by it). */
int cs_cli_regional_read_stored(cs_regional_data **out, cs_service *svc,
                                const char *const *measures, const cs_regional_read_options *ro,
                                const cs_cli_regional_options *o);

/* Says on standard error which keys (KEY_WORD: "industry", "category") and regions of value
 * column 0 are 0 everywhere, year by year: their location quotients are 0/0, and GIVEN says
 * what the measure makes of them ("given as 0 (...)"), so that such a 0 is not read as a
 * measured one. Nothing when there are none. */
void cs_cli_note_empty(const cs_regional_data *d, const char *file, const char *key_word,
                       const char *given);

/* traded[c] (malloc'd, the caller frees it) from the file's type column, "traded" or "local";
 * NULL (all traded) without the column. CS_EDATA for another value, naming the category. */
int cs_cli_category_types(unsigned char **out, const cs_regional_data *d, const char *file);

/* A number strictly between lo and hi for OPTION; 0 or 2 (usage error printed). */
int cs_cli_parse_double(double *out, const char *cmd, const char *option, const char *arg,
                        double lo, double hi);

/* The region measures NAMES of FILE (region,<columns>), or of the registry at DB when FILE is
 * NULL, in the year of O (if any): a table the caller frees with cs_region_table_free(). */
int cs_cli_region_table(cs_region_table **out, const char *file, const char *db,
                        const char *const *names, size_t n, const cs_cli_regional_options *o);

#endif
