/*
 * start_file.c: the small CSV files that give a partitioning command its start (kmeans
 * --centres, kmedoids --medoids), read whole as text with the line of every row by the
 * importer's CSV reader (cs_service_read_table), so that each command can say which file, line
 * and column is wrong. Declared in cli.h. These files hold k rows: reading them whole costs
 * nothing next to the data.
 */
#include "cli.h"

#include "clusterscope/error.h"

#include <string.h>

const char *cs_cli_table_cell(const cs_cli_table *t, size_t r, size_t c)
{
    return t->cell[r * t->cols + c];
}

void cs_cli_table_free(cs_cli_table *t)
{
    cs_csv_table table = { t->rows, t->cols, t->cell, t->line };
    cs_csv_table_free(&table);
    memset(t, 0, sizeof *t);
}

int cs_cli_table_read(cs_cli_table *t, const char *path, char delimiter)
{
    memset(t, 0, sizeof *t);
    cs_csv_table table;
    /* a start has one row per group: a million is no start but a data file given by mistake */
    int rc = cs_service_read_table(&table, path, delimiter, 1000000);
    if (rc)
        return rc;
    t->path = path;
    t->rows = table.rows;
    t->cols = table.cols;
    t->cell = table.cell;
    t->line = table.line;
    return 0;
}
