/*
 * tables.c: the report's tables as CSV (per cluster, per group and indicator) and as JSON.
 * CSV cells are escaped against formula injection by cs_render_put().
 */
#include "report/report_impl.h"

#include "clusterscope/clusterscope.h"
#include "clusterscope/error.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Tables: CSV and JSON                                                                        */

static void csv_cell(FILE *f, cs_buf *b, const char *s, int last)
{
    cs_buf_reset(b);
    cs_render_put(b, s, CS_RENDER_CSV);
    fputs(cs_buf_str(b), f);
    fputs(last ? "\r\n" : ",", f);
}

int cs_report_write_table_csv(FILE *f, const cs_report *r)
{
    cs_buf b = CS_BUF_INIT;
    size_t ni = cs_method_item_count(r->m), nb = cs_method_block_count(r->m);
    size_t *items = calloc(ni + 1, sizeof *items);
    if (!items)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t m = cs_report_scored_items(r, items);
    const char *fixed[] = { "cluster", "name", "country", "kind", "group", "group_name" };
    for (size_t j = 0; j < 6; j++)
        csv_cell(f, &b, fixed[j], 0);
    for (size_t j = 0; j < m; j++)
        csv_cell(f, &b, cs_method_item_at(r->m, items[j])->key, 0);
    for (size_t j = 0; j < nb; j++)
        csv_cell(f, &b, cs_method_block_at(r->m, j)->code, 0);
    csv_cell(f, &b, "indicators", 0);
    csv_cell(f, &b, "points", 0);
    csv_cell(f, &b, "known", 1);
    char tmp[64];
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        csv_cell(f, &b, ci->key, 0);
        csv_cell(f, &b, r->names[i], 0);
        csv_cell(f, &b, ci->country, 0);
        csv_cell(f, &b, ci->kind, 0);
        snprintf(tmp, sizeof tmp, "%d", cs_report_group_of(r, i));
        csv_cell(f, &b, cs_report_group_of(r, i) ? tmp : "", 0);
        csv_cell(f, &b, cs_report_group_of(r, i) ? cs_report_group_name(r, i) : "", 0);
        for (size_t j = 0; j < m; j++) {
            cs_result x = cs_assessment_item(r->a, i, items[j]);
            csv_cell(f, &b, x == CS_RESULT_UNKNOWN ? "" : x ? "1" : "0", 0);
        }
        for (size_t j = 0; j < nb; j++) {
            snprintf(tmp, sizeof tmp, "%d", cs_assessment_block_score(r->a, i, j).indicators);
            csv_cell(f, &b, tmp, 0);
        }
        cs_score t = cs_assessment_total(r->a, i);
        snprintf(tmp, sizeof tmp, "%d", t.indicators);
        csv_cell(f, &b, tmp, 0);
        snprintf(tmp, sizeof tmp, "%d", t.points);
        csv_cell(f, &b, tmp, 0);
        snprintf(tmp, sizeof tmp, "%d", t.items_known);
        csv_cell(f, &b, tmp, 1);
    }
    free(items);
    cs_buf_free(&b);
    return ferror(f) ? cs_error_set(CS_EIO, "writing the table failed") : 0;
}

int cs_report_write_groups_csv(FILE *f, const cs_report *r)
{
    cs_buf b = CS_BUF_INIT;
    const char *h[] = { "group", "group_name", "size", "indicator", "label", "met", "known" };
    for (size_t j = 0; j < 7; j++)
        csv_cell(f, &b, h[j], j == 6);
    char t1[32], t2[32], t3[32], t4[32];
    for (int g = 1; r->c && g <= cs_classification_k(r->c); g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
            const cs_method_indicator *in = cs_method_indicator_at(r->m, i);
            if (!in->scored)
                continue;
            snprintf(t1, sizeof t1, "%d", g);
            snprintf(t2, sizeof t2, "%zu", gr->size);
            snprintf(t3, sizeof t3, "%zu", gr->indicator_met[i]);
            snprintf(t4, sizeof t4, "%zu", gr->indicator_known[i]);
            csv_cell(f, &b, t1, 0);
            csv_cell(f, &b, r->gnames[g - 1], 0);
            csv_cell(f, &b, t2, 0);
            csv_cell(f, &b, in->id, 0);
            csv_cell(f, &b, cs_report_label(r, in->label_en, in->label_ru), 0);
            csv_cell(f, &b, t3, 0);
            csv_cell(f, &b, t4, 1);
        }
    }
    cs_buf_free(&b);
    return ferror(f) ? cs_error_set(CS_EIO, "writing the table failed") : 0;
}

static json_t *jnum_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

int cs_report_write_json(FILE *f, const cs_report *r)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string("clusterscope-report"));
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "lang", json_string(cs_lang_name(r->o.lang)));
    json_object_set_new(root, "software", json_string(cs_version()));
    json_t *method = json_object();
    json_object_set_new(method, "id", json_string(cs_method_id(r->m)));
    json_object_set_new(method, "version", json_string(cs_method_version(r->m)));
    json_object_set_new(root, "method", method);
    if (r->o.date)
        json_object_set_new(root, "date", json_string(r->o.date));
    json_t *clusters = json_array();
    for (size_t i = 0; i < r->n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        json_t *o = json_object();
        json_object_set_new(o, "key", json_string(ci->key));
        json_object_set_new(o, "name", json_string(r->names[i]));
        json_object_set_new(o, "country", json_string(ci->country));
        json_object_set_new(o, "kind", json_string(ci->kind));
        json_object_set_new(o, "group",
                            cs_report_group_of(r, i) ? json_integer(cs_report_group_of(r, i))
                                                     : json_null());
        json_t *items = json_object();
        for (size_t it = 0; it < cs_method_item_count(r->m); it++) {
            cs_result x = cs_assessment_item(r->a, i, it);
            json_object_set_new(items, cs_method_item_at(r->m, it)->key,
                                x == CS_RESULT_UNKNOWN ? json_null() : json_integer(x));
        }
        json_object_set_new(o, "items", items);
        json_t *blocks = json_object();
        for (size_t b = 0; b < cs_method_block_count(r->m); b++)
            json_object_set_new(blocks, cs_method_block_at(r->m, b)->code,
                                json_integer(cs_assessment_block_score(r->a, i, b).indicators));
        json_object_set_new(o, "blocks", blocks);
        cs_score t = cs_assessment_total(r->a, i);
        json_object_set_new(o, "indicators", json_integer(t.indicators));
        json_object_set_new(o, "points", json_integer(t.points));
        json_object_set_new(o, "known", json_integer(t.items_known));
        json_array_append_new(clusters, o);
    }
    json_object_set_new(root, "clusters", clusters);
    if (r->c) {
        json_t *groups = json_array();
        for (int g = 1; g <= cs_classification_k(r->c); g++) {
            const cs_classify_group *gr = cs_classification_group(r->c, g);
            json_t *o = json_object();
            json_object_set_new(o, "number", json_integer(g));
            json_object_set_new(o, "name", json_string(r->gnames[g - 1]));
            json_object_set_new(o, "size", json_integer((json_int_t)gr->size));
            json_object_set_new(o, "label", gr->label ? json_integer(gr->label) : json_null());
            json_object_set_new(o, "reason", json_string(gr->reason ? gr->reason : ""));
            json_t *ind = json_object();
            for (size_t i = 0; i < cs_method_indicator_count(r->m); i++) {
                json_t *x = json_object();
                json_object_set_new(x, "met", json_integer((json_int_t)gr->indicator_met[i]));
                json_object_set_new(x, "known", json_integer((json_int_t)gr->indicator_known[i]));
                json_object_set_new(ind, cs_method_indicator_at(r->m, i)->id, x);
            }
            json_object_set_new(o, "indicators", ind);
            json_array_append_new(groups, o);
        }
        json_object_set_new(root, "groups", groups);
        json_t *ty = json_object();
        json_object_set_new(ty, "k", json_integer(cs_classification_k(r->c)));
        json_object_set_new(ty, "k_rule", json_string(cs_classification_k_rule(r->c)));
        json_object_set_new(ty, "silhouette", jnum_or_null(cs_classification_silhouette(r->c)));
        json_object_set_new(ty, "compared",
                            json_integer((json_int_t)cs_classification_compared(r->c)));
        json_object_set_new(ty, "ari", jnum_or_null(cs_classification_ari(r->c)));
        json_object_set_new(root, "typology", ty);
    }
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) || fputc('\n', f) == EOF
                 ? cs_error_set(CS_EIO, "writing the JSON report failed")
                 : 0;
    json_decref(root);
    return rc;
}
