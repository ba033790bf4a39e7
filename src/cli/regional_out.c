/*
 * regional_out.c: the one writer of the regional commands' result tables (regional_out.h):
 * CSV with a header row, JSON, or an aligned table with headings from the catalogue. In CSV and
 * JSON numbers are the shortest text that reads back to the same double, so output is
 * byte-identical and exact; the table, for reading, rounds them in the language's style.
 */
#include "regional_out.h"

#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "util/buf.h"
#include "util/number.h"
#include "util/textout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cs_cli_parse_year(int *out, const char *cmd, const char *option, const char *arg)
{
    long v;
    int rc = cs_cli_parse_long(&v, cmd, option, arg, 0, 9999);
    if (!rc)
        *out = (int)v;
    return rc;
}

int cs_cli_parse_delimiter(char *out, const char *cmd, const char *arg)
{
    if (strcmp(arg, ",") == 0 || strcmp(arg, ";") == 0)
        *out = arg[0];
    else if (strcmp(arg, "tab") == 0 || strcmp(arg, "\t") == 0)
        *out = '\t';
    else
        return cs_cli_usage_error(cmd, "--delimiter takes ',', ';' or 'tab', not '%s'", arg);
    return 0;
}

/* traded[c] from the file's type column: "traded" or "local"; all traded without the column. */
int cs_cli_category_types(unsigned char **out, const cs_regional_data *d, const char *file)
{
    *out = NULL;
    if (!d->attribute)
        return 0;
    unsigned char *t = malloc(d->ni ? d->ni : 1);
    if (!t)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t c = 0; c < d->ni; c++) {
        if (strcmp(d->attribute[c], "traded") == 0) {
            t[c] = 1;
        } else if (strcmp(d->attribute[c], "local") == 0) {
            t[c] = 0;
        } else {
            free(t);
            return cs_error_set(CS_EDATA,
                                "%s: expected the type of category '%s' to be traded or local, "
                                "found '%s'",
                                file, d->key[c], d->attribute[c]);
        }
    }
    *out = t;
    return 0;
}

/* "'a', 'b'" and how many, into b: at most five names, then "...". */
static void name_list(cs_buf *b, const char *const *name, const unsigned char *pick, size_t n)
{
    size_t shown = 0;
    for (size_t k = 0; k < n; k++) {
        if (!pick[k])
            continue;
        if (shown == 5) {
            cs_buf_puts(b, ", ...");
            break;
        }
        cs_buf_printf(b, "%s'%s'", shown++ ? ", " : "", name[k]);
    }
}

void cs_cli_note_empty(const cs_regional_data *d, const char *file, const char *key_word,
                       const char *given)
{
    size_t nr = d->nr, ni = d->ni;
    unsigned char *er = calloc(nr ? nr : 1, 1), *ek = calloc(ni ? ni : 1, 1);
    if (!er || !ek)
        goto done;
    for (size_t y = 0; y < d->ny; y++) {
        const double *x = cs_regional_data_values(d, y, 0);
        size_t n_r = 0, n_k = 0;
        for (size_t r = 0; r < nr; r++) {
            size_t i = 0;
            while (i < ni && x[r * ni + i] == 0)
                i++;
            n_r += er[r] = i == ni;
        }
        for (size_t i = 0; i < ni; i++) {
            size_t r = 0;
            while (r < nr && x[r * ni + i] == 0)
                r++;
            n_k += ek[i] = r == nr;
        }
        if (!n_r && !n_k)
            continue;
        cs_buf b = CS_BUF_INIT;
        char year[32] = "";
        if (d->year && d->ny > 1)
            snprintf(year, sizeof year, " in %d", d->year[y]);
        cs_buf_printf(&b, "clusterscope: note: %s%s: ", file, year);
        if (n_k) {
            cs_buf_printf(&b, "%zu %s%s (", n_k, key_word, n_k == 1 ? "" : "s");
            name_list(&b, d->key, ek, ni);
            cs_buf_printf(&b, ") %s 0 in every region", n_k == 1 ? "is" : "are");
        }
        if (n_r) {
            cs_buf_printf(&b, "%s%zu region%s (", n_k ? " and " : "", n_r, n_r == 1 ? "" : "s");
            name_list(&b, d->region, er, nr);
            cs_buf_printf(&b, ") %s 0 in every %s", n_r == 1 ? "is" : "are", key_word);
        }
        cs_buf_printf(&b, ": their location quotients are 0/0, %s\n", given);
        fputs(cs_buf_str(&b), stderr);
        cs_buf_free(&b);
    }
done:
    free(er);
    free(ek);
}

static size_t nrows(const cs_cli_frame *fr)
{
    return fr->nkeys == 2 ? fr->n[0] * fr->n[1] : fr->n[0];
}

static int row_wanted(const cs_cli_frame *fr, size_t k)
{
    if (fr->row_mask && !fr->row_mask[k])
        return 0;
    return !(fr->nkeys == 2 && fr->skip_diagonal && k / fr->n[1] == k % fr->n[1]);
}

static const char *row_key(const cs_cli_frame *fr, size_t k, size_t which)
{
    if (fr->nkeys == 1)
        return fr->key[0][k];
    return which == 0 ? fr->key[0][k / fr->n[1]] : fr->key[1][k % fr->n[1]];
}

/* The number's text: shortest round trip; integers without decimals; "" for NaN. */
static void number_text(char *out, size_t cap, double v, int integer)
{
    if (isnan(v))
        out[0] = '\0';
    else if (integer && fabs(v) < 9e15 && v == (double)(long long)v)
        snprintf(out, cap, "%lld", (long long)v); /* the flags' 0 and 1: no float printf */
    else if (integer && fabs(v) < 9e15)
        snprintf(out, cap, "%.0f", v);
    else
        cs_format_double(out, cap, v == 0 ? 0.0 : v); /* never "-0" */
}

static int flush_some(cs_buf *b, FILE *f)
{
    return b->len >= 65536 ? cs_textout_flush(b, f) : 0;
}

/* Every name of a key as its CSV cell, once: a table of n0 x n1 rows repeats each many times.
 * cell[k] starts at off[k] in text, ending at off[k + 1]. */
typedef struct {
    cs_buf text;
    size_t *off;
} csv_names;

static int csv_names_make(csv_names *cn, const char *const *names, size_t n)
{
    cn->text = (cs_buf)CS_BUF_INIT;
    cn->off = malloc((n + 1) * sizeof *cn->off);
    if (!cn->off)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu names", n);
    int rc = 0;
    for (size_t k = 0; k < n && !rc; k++) {
        cn->off[k] = cn->text.len;
        rc = cs_textout_csv_text(&cn->text, names[k], 0);
    }
    cn->off[n] = cn->text.len;
    return rc;
}

static void csv_names_free(csv_names *cn)
{
    cs_buf_free(&cn->text);
    free(cn->off);
}

static int csv_name_put(cs_buf *b, const csv_names *cn, size_t k)
{
    return cs_buf_append(b, cn->text.data + cn->off[k], cn->off[k + 1] - cn->off[k]);
}

/* Rows [from, to) of the frame as CSV lines, appended to b. */
static int csv_rows(cs_buf *b, const cs_cli_frame *fr, const csv_names *cn, size_t from, size_t to)
{
    char num[64];
    int rc = 0, two = fr->nkeys == 2;
    for (size_t k = from; k < to && !rc; k++) {
        if (!row_wanted(fr, k))
            continue;
        if (two) {
            rc = csv_name_put(b, &cn[0], k / fr->n[1]);
            rc = rc ? rc : cs_textout_putc(b, ',');
            rc = rc ? rc : csv_name_put(b, &cn[1], k % fr->n[1]);
        } else {
            rc = csv_name_put(b, &cn[0], k);
        }
        for (size_t c = 0; c < fr->ncols && !rc; c++) {
            number_text(num, sizeof num, fr->cols[c][k], fr->integer[c]);
            rc = cs_textout_putc(b, ',');
            rc = rc ? rc : cs_buf_puts(b, num);
        }
        if (!rc && fr->label) {
            rc = cs_textout_putc(b, ',');
            if (!rc && fr->label[k])
                rc = cs_textout_csv_text(b, fr->label[k], 0);
        }
        rc = rc ? rc : cs_textout_putc(b, '\n');
    }
    return rc;
}

#define CSV_BLOCK_ROWS 32768

/*
 * Writes the frame as CSV. Formatting numbers costs more than anything else in a large table,
 * so blocks of rows are formatted by the OpenMP team in parallel and written in their order
 * (the ordered section): the bytes are the same whatever the number of threads. A failure on a
 * worker thread leaves its message there (error.c keeps one per thread): it is copied and set
 * again on this thread.
 */
static int write_csv(FILE *f, const cs_cli_frame *fr)
{
    cs_buf b = CS_BUF_INIT;
    csv_names cn[2];
    int rc = csv_names_make(&cn[0], fr->key[0], fr->n[0]);
    int two = fr->nkeys == 2;
    if (two) {
        int rc1 = csv_names_make(&cn[1], fr->key[1], fr->n[1]);
        rc = rc ? rc : rc1;
    }
    for (size_t j = 0; j < fr->nkeys && !rc; j++)
        rc = cs_buf_printf(&b, "%s%s", j ? "," : "", fr->key_name[j]);
    for (size_t c = 0; c < fr->ncols && !rc; c++)
        rc = cs_buf_printf(&b, ",%s", fr->col_name[c]);
    if (!rc && fr->label)
        rc = cs_buf_printf(&b, ",%s", fr->label_name);
    rc = rc ? rc : cs_textout_putc(&b, '\n');
    rc = rc ? rc : cs_textout_flush(&b, f);
    size_t n = nrows(fr), blocks = (n + CSV_BLOCK_ROWS - 1) / CSV_BLOCK_ROWS;
    int failed = rc;
    char message[1024] = "";
    if (!rc) {
#pragma omp parallel for ordered schedule(static, 1) if (blocks > 1)
        for (size_t i = 0; i < blocks; i++) {
            cs_buf part = CS_BUF_INIT;
            int bad;
#pragma omp atomic read
            bad = failed;
            size_t to = (i + 1) * CSV_BLOCK_ROWS < n ? (i + 1) * CSV_BLOCK_ROWS : n;
            int r = bad ? 0 : csv_rows(&part, fr, cn, i * CSV_BLOCK_ROWS, to);
#pragma omp ordered
            {
                if (!failed) {
                    r = r ? r : cs_textout_flush(&part, f);
                    if (r) {
                        snprintf(message, sizeof message, "%s", cs_error_last());
#pragma omp atomic write
                        failed = r;
                    }
                }
            }
            cs_buf_free(&part);
        }
        if (failed)
            rc = cs_error_set(failed, "%s", message);
    }
    cs_buf_free(&b);
    csv_names_free(&cn[0]);
    if (two)
        csv_names_free(&cn[1]);
    return rc;
}

static int write_json(FILE *f, const cs_cli_frame *fr)
{
    cs_buf b = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "measure", fr->measure);
    cs_jsonw_open(&w, "rows", '[');
    char num[64];
    size_t n = nrows(fr);
    for (size_t k = 0; k < n && !w.rc; k++) {
        if (!row_wanted(fr, k))
            continue;
        cs_jsonw_open(&w, NULL, '{');
        for (size_t j = 0; j < fr->nkeys; j++)
            cs_jsonw_string(&w, fr->key_name[j], row_key(fr, k, j));
        for (size_t c = 0; c < fr->ncols && !w.rc; c++) {
            double v = fr->cols[c][k];
            if (isnan(v) || isinf(v)) {
                cs_jsonw_null(&w, fr->col_name[c]);
                continue;
            }
            number_text(num, sizeof num, v, fr->integer[c]);
            cs_jsonw_key(&w, fr->col_name[c]);
            if (!w.rc)
                w.rc = cs_buf_puts(&b, num);
        }
        if (fr->label && fr->label[k])
            cs_jsonw_string(&w, fr->label_name, fr->label[k]);
        else if (fr->label)
            cs_jsonw_null(&w, fr->label_name);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    int rc = w.rc ? w.rc : cs_textout_putc(&b, '\n');
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

/* Characters (code points) of UTF-8 text, for aligning columns. */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int pad(cs_buf *b, size_t n)
{
    int rc = 0;
    while (n-- && !rc)
        rc = cs_textout_putc(b, ' ');
    return rc;
}

/* The label of row k as the table shows it: the catalogue's word where it has one. */
static const char *label_text(const cs_cli_frame *fr, size_t k)
{
    if (!fr->label || !fr->label[k])
        return "";
    static char key[96];
    snprintf(key, sizeof key, "rg_%s", fr->label[k]);
    const char *t = cs_i18n_text(fr->lang, key);
    return strcmp(t, key) == 0 ? fr->label[k] : t;
}

/* Decimals of a table's column: as many as its values need, at most 3 (as a chart's legend)
 * or the column's own most; 0 for counts. */
static int column_decimals(const cs_cli_frame *fr, size_t c)
{
    if (fr->integer[c])
        return 0;
    int dec = 0, most = fr->max_decimals[c] > 0 ? fr->max_decimals[c] : 3;
    size_t n = nrows(fr);
    for (size_t k = 0; k < n && dec < most; k++) {
        double v = fr->cols[c][k];
        if (!row_wanted(fr, k) || !isfinite(v))
            continue;
        while (dec < most && fabs(v * pow(10, dec) - round(v * pow(10, dec))) >
                                 1e-9 * fmax(1, fabs(v * pow(10, dec))))
            dec++;
    }
    return dec;
}

/* A table's number: rounded, in the language's style (1,234.5; 1 234,5); "?" when undefined. */
static void table_number(char *out, size_t cap, const cs_cli_frame *fr, double v, int dec)
{
    cs_i18n_format_number(out, cap, fr->lang, v == 0 ? 0.0 : v, dec);
}

static int write_table(FILE *f, const cs_cli_frame *fr)
{
    int dec[CS_CLI_FRAME_COLS];
    for (size_t c = 0; c < fr->ncols; c++)
        dec[c] = column_decimals(fr, c);
    size_t ncol = fr->nkeys + fr->ncols, w[3 + CS_CLI_FRAME_COLS];
    const char *head[3 + CS_CLI_FRAME_COLS];
    char key[96], num[64];
    size_t lab = ncol; /* the label's column, after the numbers */
    for (size_t c = 0; c < ncol + (fr->label != NULL); c++) {
        const char *name = c == lab        ? fr->label_name
                           : c < fr->nkeys ? fr->key_name[c]
                                           : fr->col_name[c - fr->nkeys];
        snprintf(key, sizeof key, "rg_%s", name);
        const char *t = cs_i18n_text(fr->lang, key);
        head[c] = strcmp(t, key) == 0 ? name : t; /* a column the catalogue lacks keeps its name */
        w[c] = width(head[c]);
    }
    size_t n = nrows(fr);
    cs_buf plain = CS_BUF_INIT;
    int rc = 0;
    for (size_t k = 0; k < n && !rc; k++) {
        if (!row_wanted(fr, k))
            continue;
        for (size_t j = 0; j < fr->nkeys && !rc; j++) {
            cs_buf_reset(&plain);
            rc = cs_textout_plain(&plain, row_key(fr, k, j));
            if (!rc && width(cs_buf_str(&plain)) > w[j])
                w[j] = width(cs_buf_str(&plain));
        }
        for (size_t c = 0; c < fr->ncols; c++) {
            table_number(num, sizeof num, fr, fr->cols[c][k], dec[c]);
            size_t len = width(num);
            if (len > w[fr->nkeys + c])
                w[fr->nkeys + c] = len;
        }
    }
    if (fr->label)
        ncol++;
    cs_buf b = CS_BUF_INIT;
    for (size_t c = 0; c < ncol && !rc; c++) {
        rc = c ? pad(&b, 2) : 0;
        /* text columns left-aligned, numbers right-aligned, headings as their column */
        if (!rc && c >= fr->nkeys && c != lab)
            rc = pad(&b, w[c] - width(head[c]));
        rc = rc ? rc : cs_buf_puts(&b, head[c]);
        if (!rc && c < fr->nkeys && c + 1 < ncol)
            rc = pad(&b, w[c] - width(head[c]));
    }
    rc = rc ? rc : cs_textout_putc(&b, '\n');
    for (size_t k = 0; k < n && !rc; k++) {
        if (!row_wanted(fr, k))
            continue;
        for (size_t j = 0; j < fr->nkeys && !rc; j++) {
            cs_buf_reset(&plain);
            rc = cs_textout_plain(&plain, row_key(fr, k, j));
            rc = rc ? rc : (j ? pad(&b, 2) : 0);
            rc = rc ? rc : cs_buf_puts(&b, cs_buf_str(&plain));
            if (!rc && j + 1 < ncol)
                rc = pad(&b, w[j] - width(cs_buf_str(&plain)));
        }
        for (size_t c = 0; c < fr->ncols && !rc; c++) {
            table_number(num, sizeof num, fr, fr->cols[c][k], dec[c]);
            rc = pad(&b, 2 + w[fr->nkeys + c] - width(num));
            rc = rc ? rc : cs_buf_puts(&b, num);
        }
        if (!rc && fr->label && *label_text(fr, k)) {
            cs_buf_reset(&plain);
            rc = cs_textout_plain(&plain, label_text(fr, k));
            rc = rc ? rc : pad(&b, 2);
            rc = rc ? rc : cs_buf_puts(&b, cs_buf_str(&plain));
        }
        rc = rc ? rc : cs_textout_putc(&b, '\n');
        rc = rc ? rc : flush_some(&b, f);
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    cs_buf_free(&plain);
    return rc;
}

static int write_frame(FILE *f, void *ctx)
{
    const cs_cli_frame *fr = ctx;
    switch (fr->format) {
    case CS_FORMAT_CSV:
        return write_csv(f, fr);
    case CS_FORMAT_JSON:
        return write_json(f, fr);
    default:
        return write_table(f, fr);
    }
}

int cs_cli_frame_write(const cs_cli_frame *fr, const char *path)
{
    if (fr->nkeys < 1 || fr->nkeys > 2 || fr->ncols > CS_CLI_FRAME_COLS)
        return cs_error_set(CS_ERROR, "internal: a result table of %zu keys and %zu columns",
                            fr->nkeys, fr->ncols);
    return cs_cli_write(path, write_frame, (void *)fr);
}

int cs_cli_regional_option(cs_cli_regional_options *o, const char *cmd, int c, const char *arg)
{
    switch (c) {
    case 'y':
        if (cs_cli_parse_year(&o->year, cmd, "--year", arg))
            return CS_CLI_EXIT_USAGE;
        o->has_year = 1;
        return 1;
    case 'f':
        return cs_cli_parse_format(&o->format, cmd, arg) ? CS_CLI_EXIT_USAGE : 1;
    case 'o':
        o->output = arg;
        return 1;
    case 'l':
        if (cs_lang_parse(&o->lang, arg))
            return cs_cli_usage_error(cmd, "--lang takes en or ru, not '%s'", arg);
        return 1;
    case 'D':
        return cs_cli_parse_delimiter(&o->delimiter, cmd, arg) ? CS_CLI_EXIT_USAGE : 1;
    case CS_CLI_OPT_CLASSIFICATION:
    case CS_CLI_OPT_LEVEL:
    case CS_CLI_OPT_CONCORDANCE: {
        const char *name = c == CS_CLI_OPT_CLASSIFICATION ? "--classification"
                           : c == CS_CLI_OPT_LEVEL        ? "--level"
                                                          : "--concordance";
        if (!*arg)
            return cs_cli_usage_error(cmd, "%s takes a name, not ''", name);
        *(c == CS_CLI_OPT_CLASSIFICATION ? &o->select.classification
          : c == CS_CLI_OPT_LEVEL        ? &o->select.level
                                         : &o->select.scheme) = arg;
        return 1;
    }
    default:
        return 0;
    }
}

const char *cs_cli_regional_selection_given(const cs_cli_regional_options *o)
{
    return o->select.classification ? "--classification"
           : o->select.level        ? "--level"
           : o->select.scheme       ? "--concordance"
                                    : NULL;
}

int cs_cli_regional_read_stored(cs_regional_data **out, cs_service *svc,
                                const char *const *measures, const cs_regional_read_options *ro,
                                const cs_cli_regional_options *o)
{
    cs_regional_coverage cov;
    int rc = cs_service_read_regional_selected(out, &cov, svc, measures, ro, &o->select);
    if (rc || cov.rows_out == 0)
        return rc;
    /* a sum short of what the registry holds is said, never silent */
    cs_buf b = CS_BUF_INIT;
    cs_buf_printf(&b,
                  "clusterscope: note: the registry's statistics: %zu of %zu rows have an "
                  "industry without a category in scheme '%s' and are left out (",
                  cov.rows_out, cov.rows, o->select.scheme);
    for (size_t v = 0; v < ro->n_values; v++) {
        char out_s[32], all_s[32];
        cs_format_double(out_s, sizeof out_s, cov.value_out[v]);
        cs_format_double(all_s, sizeof all_s, cov.value[v]);
        cs_buf_printf(&b, "%s%s %s of %s", v ? ", " : "", measures[v], out_s, all_s);
        if (cov.value[v] > 0)
            cs_buf_printf(&b, ", %.1f%%", 100.0 * cov.value_out[v] / cov.value[v]);
    }
    cs_buf_puts(&b, ")\n");
    fputs(cs_buf_str(&b), stderr);
    cs_buf_free(&b);
    return 0;
}

int cs_cli_region_table(cs_region_table **out, const char *file, const char *db,
                        const char *const *names, size_t n, const cs_cli_regional_options *o)
{
    const int *year = o->has_year ? &o->year : NULL;
    if (file)
        return cs_service_read_region_table(out, file, o->delimiter, names, n, year);
    cs_service *svc = NULL;
    int rc = cs_cli_open(&svc, db, CS_SERVICE_READ);
    rc = rc ? rc : cs_service_region_table_stored(out, svc, names, n, year);
    cs_service_close(svc);
    return rc;
}
