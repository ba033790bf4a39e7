/*
 * table_out.h: a plain-text table for a terminal (the timeline and counts commands): cells
 * copied in as plain text (control bytes as spaces), columns padded to their widest cell in
 * characters, not bytes, so Russian words line up. The table owns its cells until written.
 */
#ifndef CS_CLI_TABLE_OUT_H
#define CS_CLI_TABLE_OUT_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    size_t cols, rows, cap;
    char **cell; /* rows x cols; row 0 the header */
} cs_cli_table;

/* A table of COLS columns (at most 32) for at most ROWS rows, header included. */
int cs_cli_table_init(cs_cli_table *t, size_t cols, size_t rows);
/* Appends a row of t->cols cells (NULL is ""). */
int cs_cli_table_row(cs_cli_table *t, const char *const *cells);
/* Writes the rows, two spaces between columns, and frees the table. */
void cs_cli_table_write(FILE *f, cs_cli_table *t);

#endif
