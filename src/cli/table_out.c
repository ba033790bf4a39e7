/*
 * table_out.c: plain-text tables of the timeline and counts commands (table_out.h).
 */
#include "table_out.h"

#include "clusterscope/error.h"
#include "util/buf.h"
#include "util/textout.h"

#include <stdlib.h>
#include <string.h>

#define MAX_COLS 32

static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int cs_cli_table_init(cs_cli_table *t, size_t cols, size_t rows)
{
    memset(t, 0, sizeof *t);
    if (cols == 0 || cols > MAX_COLS)
        return cs_error_set(CS_EUSAGE, "a table of 1 to %d columns", MAX_COLS);
    t->cols = cols;
    t->cap = rows;
    t->cell = calloc((rows ? rows : 1) * cols, sizeof *t->cell);
    return t->cell ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

int cs_cli_table_row(cs_cli_table *t, const char *const *cells)
{
    if (t->rows == t->cap)
        return cs_error_set(CS_EUSAGE, "a table row past the %zu planned", t->cap);
    for (size_t j = 0; j < t->cols; j++) {
        cs_buf b = CS_BUF_INIT;
        if (cs_textout_plain(&b, cells[j] ? cells[j] : ""))
            return cs_error_set(CS_ENOMEM, "out of memory");
        char *c = b.data ? b.data : strdup("");
        if (!c)
            return cs_error_set(CS_ENOMEM, "out of memory");
        t->cell[t->rows * t->cols + j] = c;
    }
    t->rows++;
    return 0;
}

void cs_cli_table_write(FILE *f, cs_cli_table *t)
{
    size_t w[MAX_COLS] = { 0 };
    for (size_t i = 0; i < t->rows; i++)
        for (size_t j = 0; j < t->cols; j++)
            if (width(t->cell[i * t->cols + j]) > w[j])
                w[j] = width(t->cell[i * t->cols + j]);
    for (size_t i = 0; i < t->rows; i++) {
        /* no padding after the last cell with text: no trailing spaces */
        size_t last = t->cols;
        while (last > 1 && !*t->cell[i * t->cols + last - 1])
            last--;
        for (size_t j = 0; j < last; j++) {
            const char *s = t->cell[i * t->cols + j];
            fputs(s, f);
            if (j + 1 < last)
                fprintf(f, "%*s", (int)(w[j] - width(s) + 2), "");
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < t->cap * t->cols; i++)
        free(t->cell[i]);
    free(t->cell);
    t->cell = NULL;
}
