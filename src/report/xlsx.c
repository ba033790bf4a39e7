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
#include <time.h>
#include <xlsxwriter.h>

int cs_report_has_xlsx(void)
{
    return 1;
}

/* Strings in an XLSX workbook are written as shared strings, never formulas: they stay inert.
 * Their text follows the policy of every writer (util/textout.h): valid UTF-8, control bytes
 * shown as \xNN. */
static void xs(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *v, lxw_format *f)
{
    if (!v || !*v)
        return;
    cs_buf b = CS_BUF_INIT;
    if (cs_textout_sheet_text(&b, v) == 0)
        worksheet_write_string(ws, row, col, cs_buf_str(&b), f);
    cs_buf_free(&b);
}

static void xn(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v)
{
    if (!isnan(v))
        worksheet_write_number(ws, row, col, v, NULL);
}

int cs_report_write_xlsx(const cs_report *r, const char *path)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 8);
    if (!tmp)
        return cs_error_set(CS_ENOMEM, "out of memory");
    snprintf(tmp, plen + 8, "%s.part", path);
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb) {
        free(tmp);
        return cs_error_set(CS_EIO, "cannot create %s", path);
    }
    /* a fixed creation time keeps the file byte-identical for the same registry */
    struct tm tm = { 0 };
    tm.tm_year = 80;
    tm.tm_mday = 1;
    int y, mo, dd;
    if (r->o.date && sscanf(r->o.date, "%4d-%2d-%2d", &y, &mo, &dd) == 3) {
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = dd;
    }
    lxw_doc_properties props = { 0 };
    props.title = (char *)T(r, "title");
    props.created = timegm(&tm);
    workbook_set_properties(wb, &props);
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
        xs(ws, 0, c++, fixed[j], bold);
    for (size_t j = 0; j < m; j++)
        xs(ws, 0, c++, cs_method_item_at(r->m, items[j])->key, bold);
    for (size_t j = 0; j < nb; j++)
        xs(ws, 0, c++, cs_method_block_at(r->m, j)->code, bold);
    xs(ws, 0, c++, "indicators", bold);
    xs(ws, 0, c++, "points", bold);
    xs(ws, 0, c++, "known", bold);
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        lxw_row_t row = (lxw_row_t)(i + 1);
        c = 0;
        xs(ws, row, c++, ci->key, NULL);
        xs(ws, row, c++, r->names[i], NULL);
        xs(ws, row, c++, ci->country, NULL);
        xs(ws, row, c++, ci->kind, NULL);
        xn(ws, row, c++, cs_report_group_of(r, i) ? cs_report_group_of(r, i) : NAN);
        xs(ws, row, c++, cs_report_group_of(r, i) ? cs_report_group_name(r, i) : "", NULL);
        for (size_t j = 0; j < m; j++) {
            cs_result x = cs_assessment_item(r->a, i, items[j]);
            xn(ws, row, c++, x == CS_RESULT_UNKNOWN ? NAN : x);
        }
        for (size_t j = 0; j < nb; j++)
            xn(ws, row, c++, cs_assessment_block_score(r->a, i, j).indicators);
        cs_score t = cs_assessment_total(r->a, i);
        xn(ws, row, c++, t.indicators);
        xn(ws, row, c++, t.points);
        xn(ws, row, c++, t.items_known);
    }
    free(items);

    ws = workbook_add_worksheet(wb, "groups");
    const char *gh[] = { T(r, "group"),     T(r, "group_name"), T(r, "size"),       T(r, "code"),
                         T(r, "indicator"), T(r, "met"),        T(r, "known_short") };
    for (size_t j = 0; j < 7; j++)
        xs(ws, 0, (lxw_col_t)j, gh[j], bold);
    lxw_row_t row = 1;
    for (int g = 1; r->c && g <= cs_classification_k(r->c); g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
            const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
            if (!in->scored)
                continue;
            xn(ws, row, 0, g);
            xs(ws, row, 1, r->gnames[g - 1], NULL);
            xn(ws, row, 2, (double)gr->size);
            xs(ws, row, 3, in->code, NULL);
            xs(ws, row, 4, cs_report_label(r, in->label_en, in->label_ru), NULL);
            xn(ws, row, 5, (double)gr->indicator_met[i]);
            xn(ws, row, 6, (double)gr->indicator_known[i]);
            row++;
        }
    }

    ws = workbook_add_worksheet(wb, "indicators");
    const char *ih[] = { T(r, "block"), T(r, "code"), T(r, "item"), T(r, "indicator"),
                         T(r, "rule") };
    for (size_t j = 0; j < 5; j++)
        xs(ws, 0, (lxw_col_t)j, ih[j], bold);
    for (size_t it = 0; it < cs_method_item_count(r->m); it++) {
        const cs_method_item *item = cs_method_item_at(r->m, it);
        const cs_method_indicator *in = cs_method_indicator_at(r->m, item->indicator);
        char rule[512];
        cs_rule_describe_lang(rule, sizeof rule, r->m, &item->rule, r->o.lang);
        row = (lxw_row_t)(it + 1);
        xs(ws, row, 0, cs_method_block_at(r->m, in->block)->code, NULL);
        xs(ws, row, 1, in->code, NULL);
        xs(ws, row, 2, item->key, NULL);
        xs(ws, row, 3, cs_report_label(r, item->label_en, item->label_ru), NULL);
        xs(ws, row, 4, rule, NULL);
    }

    lxw_error err = workbook_close(wb);
    int rc = 0;
    if (err != LXW_NO_ERROR)
        rc = cs_error_set(CS_EIO, "writing %s failed: %s", path, lxw_strerror(err));
    else if (rename(tmp, path) != 0)
        rc = cs_error_set(CS_EIO, "cannot rename %s to %s", tmp, path);
    if (rc)
        remove(tmp);
    free(tmp);
    return rc;
}
#else
int cs_report_has_xlsx(void)
{
    return 0;
}

int cs_report_write_xlsx(const cs_report *r, const char *path)
{
    (void)r;
    (void)path;
    return cs_error_set(CS_EUSAGE, "this build of clusterscope writes no XLSX: build it with "
                                   "libxlsxwriter (CS_HAVE_XLSXWRITER, -lxlsxwriter)");
}
#endif
