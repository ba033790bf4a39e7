/*
 * cli.h: what the subcommands of the clusterscope program share. Each subcommand lives in
 * cmd_<name>.c and returns the process exit status: 0 success, 1 runtime failure, 2 usage,
 * 3 bad data. Strings handed around are borrowed from argv or static.
 */
#ifndef CS_CLI_H
#define CS_CLI_H

#include "clusterscope/store.h"

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

/* Opens the registry named by --db, $CLUSTERSCOPE_DB or ./clusterscope.db. */
int cs_cli_open_store(cs_store **out, const char *db_option, cs_store_mode mode);

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

#endif
