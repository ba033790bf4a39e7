/*
 * table_read.c: a small CSV file read whole into strings (include/clusterscope/ingest.h), by
 * csv_reader.c, so that the start files of the cluster-analysis commands are read by the same
 * fuzzed rules as every import (quotes, byte-order mark, encodings, limits).
 */
#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "ingest/csv_reader.h"

#include <stdlib.h>
#include <string.h>

void cs_csv_table_free(cs_csv_table *t)
{
    if (!t)
        return;
    if (t->cell)
        for (size_t i = 0; i < (t->rows + 1) * t->cols; i++)
            free(t->cell[i]);
    free(t->cell);
    free(t->line);
    memset(t, 0, sizeof *t);
}

const char *cs_csv_table_cell(const cs_csv_table *t, size_t r, size_t c)
{
    return t->cell[r * t->cols + c];
}

/* Appends one record (the header first): its fields copied, its line kept. */
static int add_record(cs_csv_table *t, size_t *cap, const cs_csv_row *row)
{
    size_t records = t->cell ? t->rows + 1 : 0; /* t->rows counts those after the header */
    if (records == *cap) {
        size_t c = *cap ? 2 * *cap : 16;
        long *line = realloc(t->line, c * sizeof *line);
        if (!line)
            return cs_error_set(CS_ENOMEM, "out of memory");
        t->line = line;
        char **cell = realloc(t->cell, c * t->cols * sizeof *cell);
        if (!cell)
            return cs_error_set(CS_ENOMEM, "out of memory");
        /* NULL until filled, so that a table freed halfway frees only what it holds */
        memset(cell + *cap * t->cols, 0, (c - *cap) * t->cols * sizeof *cell);
        t->cell = cell;
        *cap = c;
    }
    char **cells = t->cell + records * t->cols;
    t->line[records] = row->line;
    if (records)
        t->rows++;
    for (size_t j = 0; j < t->cols; j++) {
        cells[j] = malloc(row->lengths[j] + 1);
        if (!cells[j])
            return cs_error_set(CS_ENOMEM, "out of memory");
        memcpy(cells[j], row->fields[j], row->lengths[j] + 1);
    }
    return 0;
}

int cs_ingest_read_table(cs_csv_table *out, const char *path, char delimiter, size_t max_rows)
{
    memset(out, 0, sizeof *out);
    cs_csv_options o;
    memset(&o, 0, sizeof o);
    o.delimiter = delimiter;
    cs_csv_reader *r = NULL;
    int rc = cs_csv_reader_open(&r, path, &o);
    if (rc)
        return rc;
    const cs_csv_row *row = NULL;
    size_t cap = 0;
    while ((rc = cs_csv_reader_next(r, &row)) == 1) {
        if (!out->cell) {
            out->cols = row->count;
            out->delimiter = cs_csv_reader_delimiter(r);
        } else if (row->count != out->cols) {
            rc = cs_error_set(CS_EDATA, "%s:%ld: expected %zu fields as in the header, found %zu",
                              path, row->line, out->cols, row->count);
            break;
        } else if (max_rows && out->rows == max_rows) {
            rc = cs_error_set(CS_EDATA, "%s:%ld: expected at most %zu rows after the header", path,
                              row->line, max_rows);
            break;
        }
        if ((rc = add_record(out, &cap, row)))
            break;
    }
    cs_csv_reader_close(r);
    if (rc == 0 && !out->cell)
        rc = cs_error_set(CS_EDATA, "%s: the file is empty (expected a header row)", path);
    if (rc < 0) {
        cs_csv_table_free(out);
        return rc;
    }
    return 0;
}
