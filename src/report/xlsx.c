/*
 * xlsx.c: the report's tables as an XLSX workbook, when the build has libxlsxwriter
 * (CS_HAVE_XLSXWRITER); otherwise the functions say that this build writes no XLSX.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"
#include "util/textout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef CS_HAVE_XLSXWRITER
#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

int cs_report_has_xlsx(void)
{
    return 1;
}

/* The most a spreadsheet cell holds: 32,767 characters, as Excel counts them (UTF-16 code
 * units); libxlsxwriter leaves a longer string's cell empty. */
#define CELL_MAX 32767

typedef struct {
    const cs_report *r;
    size_t cut; /* cells cut to CELL_MAX */
} xlsx_ctx;

/* UTF-16 code units of UTF-8 text (4-byte sequences take two), and its characters. */
static size_t utf16_units(const char *s, size_t len, size_t *chars)
{
    size_t units = 0, n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) == 0x80)
            continue;
        n++;
        units += c >= 0xF0 ? 2 : 1;
    }
    if (chars)
        *chars = n;
    return units;
}

/*
 * Cuts text longer than a cell holds on a character boundary and ends it with the mark
 * "… [cut: N characters]" (N the characters left out), so the cell shows that it is not whole.
 */
static void cut_to_cell(xlsx_ctx *x, cs_buf *b)
{
    const char *s = cs_buf_str(b);
    size_t len = strlen(s), chars = 0;
    if (utf16_units(s, len, &chars) <= CELL_MAX)
        return;
    char mark[128];
    snprintf(mark, sizeof mark, T(x->r, "cell_cut"), (long long)chars); /* the longest mark */
    size_t room = CELL_MAX - utf16_units(mark, strlen(mark), NULL), units = 0, kept = 0, end = 0;
    while (end < len) {
        unsigned char c = (unsigned char)s[end];
        size_t w = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (units + (c >= 0xF0 ? 2 : 1) > room)
            break;
        units += c >= 0xF0 ? 2 : 1;
        kept++;
        end += w;
    }
    snprintf(mark, sizeof mark, T(x->r, "cell_cut"), (long long)(chars - kept));
    cs_buf out = CS_BUF_INIT;
    if (cs_buf_append(&out, s, end) == 0 && cs_buf_append(&out, mark, strlen(mark)) == 0) {
        cs_buf_free(b);
        *b = out;
        x->cut++;
    } else {
        cs_buf_free(&out);
    }
}

/* Strings in an XLSX workbook are written as shared strings, never formulas: they stay inert.
 * Their text follows the policy of every writer (util/textout.h): valid UTF-8, control bytes
 * shown as \xNN; text longer than a cell holds is cut with a mark (cut_to_cell). */
static void xs(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *v,
               lxw_format *f)
{
    if (!v || !*v)
        return;
    cs_buf b = CS_BUF_INIT;
    if (cs_textout_sheet_text(&b, v) == 0) {
        cut_to_cell(x, &b);
        worksheet_write_string(ws, row, col, cs_buf_str(&b), f);
    }
    cs_buf_free(&b);
}

static void xn(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v)
{
    if (!isnan(v))
        worksheet_write_number(ws, row, col, v, NULL);
}

/* Copies the finished workbook into the output file. */
static int copy_into(FILE *to, const char *from)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return cs_error_set(CS_EIO, "%s: %s", from, strerror(errno));
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, to) != n) {
            rc = cs_error_set(CS_EIO, "writing the workbook failed");
            break;
        }
    if (!rc && ferror(in))
        rc = cs_error_set(CS_EIO, "%s: %s", from, strerror(errno));
    fclose(in);
    return rc;
}

static int write_workbook(size_t *cut, const cs_report *r, const char *scratch);

/*
 * libxlsxwriter writes to a file name of its own choosing and cannot write to a stream, so
 * the workbook is made in a scratch file of the temporary folder and then copied into the
 * output, which follows the rules of every output file (util/atomic_file.h): a FIFO or a
 * device is written through, a read-only file is not replaced, a failure leaves the old file.
 */
int cs_report_write_xlsx(size_t *cut_cells, const cs_report *r, const char *path)
{
    size_t cut = 0;
    if (cut_cells)
        *cut_cells = 0;
    cs_atomic_file *af = NULL;
    int rc = cs_atomic_file_open(&af, path);
    if (rc)
        return rc;
    const char *tmpdir = getenv("TMPDIR");
    char scratch[4096];
    snprintf(scratch, sizeof scratch, "%s/clusterscope-xlsx-XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkostemp(scratch, O_CLOEXEC);
    if (fd < 0) {
        rc = cs_error_set(CS_EIO, "%s: cannot make a scratch file: %s", scratch, strerror(errno));
        cs_atomic_file_abort(af);
        return rc;
    }
    close(fd);
    rc = write_workbook(&cut, r, scratch);
    if (!rc)
        rc = copy_into(cs_atomic_file_stream(af), scratch);
    unlink(scratch);
    rc = rc ? cs_atomic_file_fail(af, rc) : cs_atomic_file_commit(af);
    if (!rc && cut_cells)
        *cut_cells = cut;
    return rc;
}

static int write_workbook(size_t *cut, const cs_report *r, const char *scratch)
{
    xlsx_ctx x = { r, 0 };
    lxw_workbook *wb = workbook_new(scratch);
    if (!wb)
        return cs_error_set(CS_EIO, "%s: cannot make the workbook", scratch);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);

    lxw_worksheet *ws = workbook_add_worksheet(wb, "clusters");
    size_t ni = cs_method_item_count(r->m), nb = cs_method_block_count(r->m);
    size_t *items = calloc(ni + 1, sizeof *items);
    size_t m = items ? cs_report_scored_items(r, items) : 0;
    lxw_col_t c = 0;
    const char *fixed[] = { T(r, "cluster"), T(r, "name"),  T(r, "country"),
                            T(r, "kind"),    T(r, "group"), T(r, "group_name") };
    for (size_t j = 0; j < 6; j++)
        xs(&x, ws, 0, c++, fixed[j], bold);
    for (size_t j = 0; j < m; j++)
        xs(&x, ws, 0, c++, cs_method_item_at(r->m, items[j])->key, bold);
    for (size_t j = 0; j < nb; j++)
        xs(&x, ws, 0, c++, cs_method_block_at(r->m, j)->code, bold);
    xs(&x, ws, 0, c++, "indicators", bold);
    xs(&x, ws, 0, c++, "points", bold);
    xs(&x, ws, 0, c++, "known", bold);
    xs(&x, ws, 0, c++, "scope", bold);
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        lxw_row_t row = (lxw_row_t)(i + 1);
        c = 0;
        xs(&x, ws, row, c++, ci->key, NULL);
        xs(&x, ws, row, c++, r->names[i], NULL);
        xs(&x, ws, row, c++, ci->country, NULL);
        xs(&x, ws, row, c++, ci->kind, NULL);
        xn(ws, row, c++, cs_report_group_of(r, i) ? cs_report_group_of(r, i) : NAN);
        xs(&x, ws, row, c++, cs_report_group_of(r, i) ? cs_report_group_name(r, i) : "", NULL);
        for (size_t j = 0; j < m; j++) {
            cs_result res = cs_assessment_item(r->a, i, items[j]);
            xn(ws, row, c++, res == CS_RESULT_UNKNOWN ? NAN : res);
        }
        for (size_t j = 0; j < nb; j++)
            xn(ws, row, c++, cs_assessment_block_score(r->a, i, j).indicators);
        cs_score t = cs_assessment_total(r->a, i);
        xn(ws, row, c++, t.indicators);
        xn(ws, row, c++, t.points);
        xn(ws, row, c++, t.items_known);
        xs(&x, ws, row, c++, "in", NULL);
    }
    /* those out of the method's scope, not scored, with the reason (as the CSV) */
    for (size_t i = 0; i < cs_assessment_out_of_scope_count(r->a); i++) {
        const cs_scope_exclusion *e = cs_assessment_out_of_scope_at(r->a, i);
        lxw_row_t row = (lxw_row_t)(r->n + i + 1);
        c = 0;
        xs(&x, ws, row, c++, e->key, NULL);
        xs(&x, ws, row, c++, e->name, NULL);
        xs(&x, ws, row, c++, e->country, NULL);
        xs(&x, ws, row, c++, e->kind, NULL);
        c = (lxw_col_t)(c + 2 + m + nb + 3);
        xs(&x, ws, row, c++, e->reason, NULL);
    }
    free(items);

    ws = workbook_add_worksheet(wb, "groups");
    const char *gh[] = { T(r, "group"),     T(r, "group_name"), T(r, "size"),       T(r, "code"),
                         T(r, "indicator"), T(r, "met"),        T(r, "known_short") };
    for (size_t j = 0; j < 7; j++)
        xs(&x, ws, 0, (lxw_col_t)j, gh[j], bold);
    lxw_row_t row = 1;
    for (int g = 1; r->c && g <= cs_classification_k(r->c); g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
            const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
            if (!in->scored)
                continue;
            xn(ws, row, 0, g);
            xs(&x, ws, row, 1, r->gnames[g - 1], NULL);
            xn(ws, row, 2, (double)gr->size);
            xs(&x, ws, row, 3, in->code, NULL);
            xs(&x, ws, row, 4, cs_report_label(r, in->label_en, in->label_ru), NULL);
            xn(ws, row, 5, (double)gr->indicator_met[i]);
            xn(ws, row, 6, (double)gr->indicator_known[i]);
            row++;
        }
    }

    ws = workbook_add_worksheet(wb, "indicators");
    const char *ih[] = { T(r, "block"), T(r, "code"), T(r, "item"), T(r, "indicator"),
                         T(r, "rule") };
    for (size_t j = 0; j < 5; j++)
        xs(&x, ws, 0, (lxw_col_t)j, ih[j], bold);
    for (size_t it = 0; it < cs_method_item_count(r->m); it++) {
        const cs_method_item *item = cs_method_item_at(r->m, it);
        const cs_method_indicator *in = cs_method_indicator_at(r->m, item->indicator);
        char rule[512];
        cs_rule_describe_lang(rule, sizeof rule, r->m, &item->rule, r->o.lang);
        row = (lxw_row_t)(it + 1);
        xs(&x, ws, row, 0, cs_method_block_at(r->m, in->block)->code, NULL);
        xs(&x, ws, row, 1, in->code, NULL);
        xs(&x, ws, row, 2, item->key, NULL);
        xs(&x, ws, row, 3, cs_report_label(r, item->label_en, item->label_ru), NULL);
        xs(&x, ws, row, 4, rule, NULL);
    }

    if (r->factors) {
        ws = workbook_add_worksheet(wb, "factors");
        cs_report_factor_row cells;
        for (size_t i = 0; i <= cs_report_factor_rows(r); i++) {
            size_t nc = cs_report_factor_cells(&cells, r, i, i > 0);
            for (size_t j = 0; j < nc; j++)
                xs(&x, ws, (lxw_row_t)i, (lxw_col_t)j, cells.cell[j], i ? NULL : bold);
        }
    }

    if (r->rv) { /* the regional section's table: the columns of cs_report_write_regional_csv */
        ws = workbook_add_worksheet(wb, "regional");
        static const char *const head[] = {
            "region",           "name", "year",       "employment",     "strong_employment",
            "cluster_strength", "rank", "percentile", "strong_clusters"
        };
        for (lxw_col_t j = 0; j < 9; j++)
            xs(&x, ws, 0, j, head[j], bold);
        for (size_t i = 0; i < r->rv->n_regions; i++) {
            const cs_regional_view_region *g = &r->rv->region[r->rv->by_rank[i]];
            lxw_row_t at = (lxw_row_t)(i + 1);
            char strong[4096];
            cs_report_regional_strong(strong, sizeof strong, r, g, 1);
            xs(&x, ws, at, 0, g->key, NULL);
            xs(&x, ws, at, 1, cs_report_region_name(r, g->key), NULL);
            xn(ws, at, 2, r->rv->year);
            xn(ws, at, 3, g->employment);
            xn(ws, at, 4, g->strong_employment);
            xn(ws, at, 5, g->strength);
            xn(ws, at, 6, g->rank ? (double)g->rank : NAN);
            xn(ws, at, 7, g->percentile);
            xs(&x, ws, at, 8, strong, NULL);
        }
    }

    /* A fixed creation time keeps the file byte-identical for the same registry: the report
     * date (checked by cs_report_build) or 1980-01-01. Cut cells are said in the comments. */
    struct tm tm = { 0 };
    tm.tm_year = 80;
    tm.tm_mday = 1;
    int y, mo, dd;
    if (r->o.date && cs_report_parse_date(&y, &mo, &dd, r->o.date) == 0) {
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = dd;
    }
    char note[160];
    lxw_doc_properties props = { 0 };
    props.title = (char *)T(r, "title");
    props.created = timegm(&tm);
    if (x.cut) {
        snprintf(note, sizeof note, "%zu %s over %d characters cut, each ending in %s", x.cut,
                 x.cut == 1 ? "cell" : "cells", CELL_MAX, "\"… [cut: N characters]\"");
        props.comments = note;
    }
    workbook_set_properties(wb, &props);
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR)
        return cs_error_set(CS_EIO, "writing the workbook failed: %s", lxw_strerror(err));
    *cut = x.cut;
    return 0;
}
#else
int cs_report_has_xlsx(void)
{
    return 0;
}

int cs_report_write_xlsx(size_t *cut_cells, const cs_report *r, const char *path)
{
    if (cut_cells)
        *cut_cells = 0;
    (void)r;
    (void)path;
    return cs_error_set(CS_EUSAGE, "this build of clusterscope writes no XLSX: build it with "
                                   "libxlsxwriter (CS_HAVE_XLSXWRITER, -lxlsxwriter)");
}
#endif
