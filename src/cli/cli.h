/*
 * cli.h: what the subcommands of the clusterscope program share. Each subcommand lives in
 * cmd_<name>.c and returns the process exit status: 0 success, 1 runtime failure, 2 usage,
 * 3 bad data. Strings handed around are borrowed from argv or static.
 */
#ifndef CS_CLI_H
#define CS_CLI_H

#include "clusterscope/service.h"

#include <stdio.h>

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary; /* one line for `clusterscope help` */
    const char *usage;   /* the full text for `clusterscope help NAME` and NAME --help */
} cs_command;

extern const cs_command cs_commands[];
const cs_command *cs_cli_find(const char *name);

/* The --db given before the subcommand, or NULL. */
extern const char *cs_cli_global_db;

/* Prints "clusterscope: MESSAGE" for the last library error and returns its exit status. */
int cs_cli_fail(void);
/* Prints a usage error for `cmd` and returns 2. */
int cs_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the command's usage to `f`. */
void cs_cli_print_usage(FILE *f, const cs_command *cmd);

/* The registry named by --db (the subcommand's, else the global one), $CLUSTERSCOPE_DB or
 * ./clusterscope.db; NULL with the error set (CS_EUSAGE) when the one given is empty. */
const char *cs_cli_registry_path(const char *db_option);
/* Opens that registry through the service, the program's only way to it. */
int cs_cli_open(cs_service **out, const char *db_option, cs_service_access access);

#define CS_CLI_EXIT_OK      0
#define CS_CLI_EXIT_FAILURE 1
#define CS_CLI_EXIT_USAGE   2
#define CS_CLI_EXIT_DATA    3

struct cs_method;
/* Loads a built-in method by id, or a method file by path. */
int cs_cli_load_method(struct cs_method **out, const char *spec);

int cs_cmd_init(int argc, char **argv);
int cs_cmd_import(int argc, char **argv);
int cs_cmd_export(int argc, char **argv);
int cs_cmd_assess(int argc, char **argv);
int cs_cmd_methods(int argc, char **argv);
int cs_cmd_facts(int argc, char **argv);
int cs_cmd_status(int argc, char **argv);
int cs_cmd_help(int argc, char **argv);
int cs_cmd_version(int argc, char **argv);
int cs_cmd_classify(int argc, char **argv);
int cs_cmd_linkage(int argc, char **argv);
int cs_cmd_kmeans(int argc, char **argv);
int cs_cmd_kmedoids(int argc, char **argv);
int cs_cmd_kmodes(int argc, char **argv);
int cs_cmd_silhouette(int argc, char **argv);
int cs_cmd_report(int argc, char **argv);
int cs_cmd_serve(int argc, char **argv);
int cs_cmd_factors(int argc, char **argv);
int cs_cmd_user(int argc, char **argv);
int cs_cmd_specialisation(int argc, char **argv);
int cs_cmd_strong_clusters(int argc, char **argv);
int cs_cmd_related_clusters(int argc, char **argv);
int cs_cmd_shift_share(int argc, char **argv);
int cs_cmd_chart(int argc, char **argv);
int cs_cmd_correlate(int argc, char **argv);
int cs_cmd_region_typology(int argc, char **argv);
int cs_cmd_composite_index(int argc, char **argv);
/* support programmes and official registries (cmd_programmes.c) */
int cs_cmd_programmes(int argc, char **argv);
int cs_cmd_registries(int argc, char **argv);
int cs_cmd_chain(int argc, char **argv);
int cs_cmd_network(int argc, char **argv);
int cs_cmd_timeline(int argc, char **argv);
int cs_cmd_counts(int argc, char **argv);
int cs_cmd_search(int argc, char **argv); /* issue 15: news and search */
/* the news digest: HTML, PDF, Atom (cmd_digest.c; issue 15) */
int cs_cmd_digest(int argc, char **argv);

/* ------------------------------------------------------------------------------------------
 * Shared by the typology commands (classify, linkage, kmeans, kmedoids, kmodes, silhouette);
 * defined in cmd_linkage.c. Each parser prints its own usage error and returns 2 (or 0).
 */
#include "clusterscope/classify.h"

#include <stdint.h>

/* table, csv or json. */
int cs_cli_parse_format(cs_format *out, const char *cmd, const char *arg);
/* A whole number in lo..hi. */
int cs_cli_parse_long(long *out, const char *cmd, const char *option, const char *arg, long lo,
                      long hi);
/* A seed: a whole number 0..2^63-1. */
int cs_cli_parse_seed(uint64_t *out, const char *cmd, const char *arg);
/* Bytes with an optional binary suffix: 512M, 2G, 1.5GiB, 100000. */
int cs_cli_parse_size(size_t *out, const char *cmd, const char *arg);
/* A k range for scans: "2..8" (or one number K, meaning 2..K). */
int cs_cli_parse_range(int *lo, int *hi, const char *cmd, const char *arg);

/* Progress on standard error, only when it is a terminal; ctx is the command name. */
void cs_cli_progress(void *ctx, double fraction);
/* Clears the progress line (when one was shown). */
void cs_cli_progress_end(void);

/* Writes through fn to standard output, or atomically to PATH when not NULL. */
int cs_cli_write(const char *path, int (*fn)(FILE *f, void *ctx), void *ctx);

/* Options every command on a CSV data file takes. */
typedef struct {
    const char *file;   /* the data: header row, first column the object ids */
    const char *types;  /* --types: one type, or one per data column, comma-separated */
    const char *output; /* -o */
    cs_format format;
    char delimiter;
    int unknown; /* a cs_unknown_policy, or -1 for the command's default */
    size_t max_memory;
    int threads;
    int allow_constant; /* --allow-constant: Gower accepts constant variables (as daisy) */
} cs_cli_data_args;

/* getopt codes of the shared options, and their long-option table entries. */
/* clang-format off */
#define CS_CLI_DATA_OPTIONS                                                                        \
    { "types", required_argument, NULL, 'T' },                                                     \
    { "delimiter", required_argument, NULL, 'D' },                                                 \
    { "unknown", required_argument, NULL, 'U' },                                                   \
    { "format", required_argument, NULL, 'F' },                                                    \
    { "output", required_argument, NULL, 'o' },                                                    \
    { "max-memory", required_argument, NULL, 'M' },                                                \
    { "threads", required_argument, NULL, 'J' },                                                   \
    { "allow-constant", no_argument, NULL, 'C' }
/* clang-format on */

void cs_cli_data_args_init(cs_cli_data_args *a);
/* Handles a shared option: 0 done, 2 usage error printed, -1 not a shared option. */
int cs_cli_data_option(cs_cli_data_args *a, const char *cmd, int code, const char *arg);
/* The one FILE argument after the options: 0 or 2 (usage error printed). */
int cs_cli_data_file(cs_cli_data_args *a, const char *cmd, int argc, char **argv, int optind_);
/* The memory limit in bytes (--max-memory, else half of the physical memory). */
size_t cs_cli_memory_limit(const cs_cli_data_args *a);
/*
 * Reads the data file (refusing first when its size suggests more memory than the limit) and
 * checks it (at least 2 objects, unique ids, no column of unknowns). Library error code.
 */
int cs_cli_load_data(cs_datamatrix **out, const cs_cli_data_args *a);
/* Writes an id as a value of the format (JSON string, CSV field, text), and a number that
 * reads back exactly (NaN as null). */
void cs_cli_put_id(FILE *f, const char *id, cs_format fmt);
void cs_cli_put_num(FILE *f, double v);
/* Writes text from the data for a terminal (util/textout.h: control bytes as spaces) with a
 * printf format whose one conversion is the %s of the text, such as "%-24s". */
void cs_cli_put_text(FILE *f, const char *fmt, const char *s) __attribute__((format(printf, 2, 0)));

/* Refuses (CS_ENOMEM, with the message) when `bytes` is over the limit. */
int cs_cli_memory_check(const cs_cli_data_args *a, size_t bytes, const char *what);

/*
 * The cells as one n x p array of numbers, unknown cells as 0: the matrix's own array when every
 * cell is known (*owned NULL), else a copy in *owned for the caller to free. For a matrix
 * without nominal columns (their codes are no numbers).
 */
int cs_cli_numbers(const double **x, double **owned, const cs_datamatrix *m);
/*
 * The same for the Euclidean paths that compute each distance as they need it (k-medoids from
 * given starts, the silhouette of given labels) instead of holding the n(n-1)/2 matrix. *x
 * stays NULL, and 0 is returned, when such a path would not give what the matrix gives: a
 * nominal column, unknown cells not read as 0 (--unknown as-zero), or values so far apart that
 * a squared distance could overflow (cs_datamatrix_euclidean_finite; the matrix path names the
 * pair).
 */
int cs_cli_dense_euclidean(const double **x, double **owned, const cs_datamatrix *m,
                           int unknown_policy);

/* --distance: one of the metrics of typology.h; 0, or 2 with the usage error printed. */
int cs_cli_parse_metric(cs_metric *out, const char *cmd, const char *arg);

/*
 * Options of the partitioning commands (kmeans, kmedoids, kmodes, silhouette); each command
 * lists the ones it takes in its option table with these getopt codes and sets its own
 * defaults: -k 'k', --seed 's', --n-init 'i', --max-iter 'x', --bootstrap 'b', --scan 'S'.
 */
typedef struct {
    long k, n_init, max_iter, bootstrap;
    int scan_lo, scan_hi;
    uint64_t seed;
} cs_cli_partition_args;

/* Handles a partition option: 0 done, 2 usage error printed, -1 not a partition option. */
int cs_cli_partition_option(cs_cli_partition_args *a, const char *cmd, int code, const char *arg);

/*
 * Validity indices, one policy for every command. Those whose cost grows as n^2 (the
 * silhouette, the cophenetic correlation) are computed unasked only up to this many objects;
 * --validity asks for them at any n, --no-validity turns them off. Those that cost O(n p) or
 * O(k p) (inertia, Calinski-Harabasz, Davies-Bouldin) are always computed. An index not
 * computed is null in JSON, an empty cell in CSV, and a "not computed" line in the table.
 * Every command computes an index only when its output has a place for it.
 */
#define CS_CLI_VALIDITY_AUTO_MAX 10000

typedef enum {
    CS_CLI_VALIDITY_AUTO = 0, /* n <= CS_CLI_VALIDITY_AUTO_MAX */
    CS_CLI_VALIDITY_ON,       /* --validity */
    CS_CLI_VALIDITY_OFF       /* --no-validity */
} cs_cli_validity;

/* getopt codes of --validity and --no-validity (not characters, so no short option clashes). */
#define CS_CLI_OPT_VALIDITY    0x100
#define CS_CLI_OPT_NO_VALIDITY 0x101
/* clang-format off */
#define CS_CLI_VALIDITY_OPTIONS                                                                    \
    { "validity", no_argument, NULL, CS_CLI_OPT_VALIDITY },                                        \
    { "no-validity", no_argument, NULL, CS_CLI_OPT_NO_VALIDITY }
/* clang-format on */

/* Handles --validity / --no-validity: 0 done, 2 usage error printed (both given), -1 not one. */
int cs_cli_validity_option(cs_cli_validity *v, const char *cmd, int code);
/* 1 when the n^2 indices are to be computed for n objects under the setting. */
int cs_cli_validity_wanted(cs_cli_validity v, size_t n);
/* The table's line for an index the setting left out: "WHAT: not computed (...)". */
void cs_cli_validity_note(FILE *f, const char *what, cs_cli_validity v);

/* The most rows a start file (--centres, --medoids) may have: one per group, so a million is no
 * start but a data file given by mistake. Read with cs_service_read_table. */
#define CS_CLI_START_MAX_ROWS 1000000

#endif
