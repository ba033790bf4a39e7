/*
 * start_file.c: the small CSV files that give a partitioning command its start (kmeans
 * --centres, kmedoids --medoids), read whole as text with the line of every row, so that each
 * command can say which file, line and column is wrong. Declared in cli.h. These files hold k
 * rows: reading them whole costs nothing next to the data.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cs_cli_table_cell(const cs_cli_table *t, size_t r, size_t c)
{
    return t->cell[r * t->cols + c];
}

void cs_cli_table_free(cs_cli_table *t)
{
    if (t->cell) {
        for (size_t i = 0; i < (t->rows + 1) * t->cols; i++)
            free(t->cell[i]);
    }
    free(t->cell);
    free(t->line);
    memset(t, 0, sizeof *t);
}

/* The first , ; or tab outside quotes on the first line; ',' when there is none. */
static char detect_delimiter(const char *s, size_t len)
{
    int quoted = 0;
    for (size_t i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && (s[i] == ',' || s[i] == ';' || s[i] == '\t'))
            return s[i];
    }
    return ',';
}

typedef struct {
    char **cell;
    size_t count, cap;
    long *line;
    size_t nrows, rcap;
} table_build;

static int push_cell(table_build *b, const char *s, size_t len)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        char **c = realloc(b->cell, cap * sizeof *c);
        if (!c)
            return cs_error_set(CS_ENOMEM, "out of memory");
        b->cell = c;
        b->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return cs_error_set(CS_ENOMEM, "out of memory");
    memcpy(copy, s, len);
    copy[len] = '\0';
    b->cell[b->count++] = copy;
    return 0;
}

static int push_row(table_build *b, long line)
{
    if (b->nrows == b->rcap) {
        size_t cap = b->rcap ? 2 * b->rcap : 16;
        long *l = realloc(b->line, cap * sizeof *l);
        if (!l)
            return cs_error_set(CS_ENOMEM, "out of memory");
        b->line = l;
        b->rcap = cap;
    }
    b->line[b->nrows++] = line;
    return 0;
}

static int parse_table(cs_cli_table *t, const char *path, const char *s, size_t len, char delim)
{
    table_build b;
    memset(&b, 0, sizeof b);
    cs_buf field = CS_BUF_INIT;
    int rc = 0;
    long line = 1;
    size_t i = 0, cols = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a byte order mark */
    while (i < len && !rc) {
        /* one row; blank lines are skipped */
        if (s[i] == '\n' || s[i] == '\r') {
            if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
                i++;
            i++;
            line++;
            continue;
        }
        long row_line = line;
        size_t fields = 0;
        for (;;) {
            cs_buf_reset(&field);
            if (i < len && s[i] == '"') {
                i++;
                for (;;) {
                    if (i >= len) {
                        rc = cs_error_set(CS_EDATA, "%s:%ld: a quoted field is not closed", path,
                                          row_line);
                        break;
                    }
                    if (s[i] == '"') {
                        if (i + 1 < len && s[i + 1] == '"') {
                            rc = cs_buf_putc(&field, '"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (s[i] == '\n')
                        line++;
                    rc = cs_buf_putc(&field, s[i++]);
                    if (rc)
                        break;
                }
            } else {
                while (i < len && s[i] != delim && s[i] != '\n' && s[i] != '\r' && !rc)
                    rc = cs_buf_putc(&field, s[i++]);
            }
            if (rc)
                break;
            if ((rc = push_cell(&b, cs_buf_str(&field), field.len)))
                break;
            fields++;
            if (i < len && s[i] == delim) {
                i++;
                continue;
            }
            if (i < len && s[i] != '\n' && s[i] != '\r') {
                rc = cs_error_set(CS_EDATA, "%s:%ld: text after a quoted field", path, line);
                break;
            }
            break;
        }
        if (rc)
            break;
        if (b.nrows == 0)
            cols = fields;
        else if (fields != cols)
            rc = cs_error_set(CS_EDATA, "%s:%ld: expected %zu fields as in the header, found %zu",
                              path, row_line, cols, fields);
        if (!rc)
            rc = push_row(&b, row_line);
    }
    cs_buf_free(&field);
    if (!rc && b.nrows == 0)
        rc = cs_error_set(CS_EDATA, "%s: the file is empty (expected a header row)", path);
    if (rc) {
        for (size_t k = 0; k < b.count; k++)
            free(b.cell[k]);
        free(b.cell);
        free(b.line);
        return rc;
    }
    t->path = path;
    t->rows = b.nrows - 1;
    t->cols = cols;
    t->cell = b.cell;
    t->line = b.line;
    return 0;
}

int cs_cli_table_read(cs_cli_table *t, const char *path, char delimiter)
{
    memset(t, 0, sizeof *t);
    cs_buf text = CS_BUF_INIT;
    int rc = cs_buf_read_file(&text, path, (size_t)64 << 20, "a start file");
    if (!rc) {
        const char *s = cs_buf_str(&text);
        if (memchr(s, '\0', text.len))
            rc = cs_error_set(CS_EDATA, "%s: a NUL byte: not a CSV text file", path);
        else
            rc = parse_table(t, path, s, text.len,
                             delimiter ? delimiter : detect_delimiter(s, text.len));
    }
    cs_buf_free(&text);
    return rc;
}
