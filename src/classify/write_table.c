/*
 * write_table.c: the partition as text: a header with every parameter, the group table (the
 * study's Table 2.1: sizes, placements by the study, block means, shares of each indicator and
 * item), countries, labels with their reasons, members, the clusters left out with theirs, and
 * with `compare` the agreement with the reference set. Every word is the catalogue's, in the
 * classification's language; widths count characters, so columns line up in every language.
 */
#include "classify/classify_impl.h"

#include "util/buf.h"
#include "util/textout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define T(key) cs_cls_text(c, "classify.table." key)

/* Label column and value columns of the group table. */
enum { LABEL_WIDTH = 40, CELL_WIDTH = 16 };

static const char *distance_words(const cs_classification *c, cs_metric m)
{
    switch (m) {
    case CS_METRIC_HAMMING:
        return cs_cls_text(c, "classify.distance.hamming");
    case CS_METRIC_JACCARD:
        return cs_cls_text(c, "classify.distance.jaccard");
    case CS_METRIC_GOWER:
        return cs_cls_text(c, "classify.distance.gower");
    default:
        return "";
    }
}

/* How the pairwise policy measures, after its name and meaning; the others say it all. */
static const char *policy_detail(const cs_classification *c, cs_unknown_policy p)
{
    return p == CS_UNKNOWN_PAIRWISE ? cs_cls_text(c, "classify.policy.pairwise") : "";
}

static const char *plain(cs_buf *b, const char *s);

/* The assumptions the results are built on, one a line, right under the title: whoever reads
 * the results reads first that they are not the registry's alone. */
static void write_assumptions(FILE *f, const cs_classification *c)
{
    const cs_classify_assumption *as = NULL;
    size_t n = cs_classification_assumptions(c, &as);
    if (!n)
        return;
    cs_buf files = CS_BUF_INIT,
           b[6] = { CS_BUF_INIT, CS_BUF_INIT, CS_BUF_INIT, CS_BUF_INIT, CS_BUF_INIT, CS_BUF_INIT };
    for (size_t a = 0; a < n; a++) {
        size_t e = 0;
        while (e < a && strcmp(as[e].file, as[a].file) != 0)
            e++;
        if (e == a)
            cs_buf_printf(&files, "%s%s", files.len ? ", " : "", as[a].file);
    }
    fprintf(f, T("assumed"), n, plain(&b[0], cs_buf_str(&files)));
    fputc('\n', f);
    for (size_t a = 0; a < n; a++) {
        char year[64] = "";
        if (as[a].year && *as[a].year)
            snprintf(year, sizeof year, T("assumed_year"), plain(&b[5], as[a].year));
        fprintf(f, T("assumed_line"), as[a].subject_kind, plain(&b[1], as[a].subject),
                plain(&b[2], as[a].fact), plain(&b[3], as[a].value), year, plain(&b[4], as[a].file),
                as[a].line);
        fputc('\n', f);
    }
    cs_buf_free(&files);
    for (int k = 0; k < 6; k++)
        cs_buf_free(&b[k]);
}

/* Variables not known for any analysed cluster, as labels "I3, I4". */
static int unknown_everywhere(cs_buf *out, const cs_classification *c)
{
    size_t found = 0;
    for (size_t j = 0; j < c->p; j++) {
        size_t a = 0;
        while (a < c->na && cs_cls_value(c, c->idx[a], j) == CS_RESULT_UNKNOWN)
            a++;
        if (a < c->na)
            continue;
        char label[96];
        cs_cls_variable_label(label, sizeof label, c, j);
        int rc = cs_buf_printf(out, "%s%s", found++ ? ", " : "", label);
        if (rc)
            return rc;
    }
    return 0;
}

static void share_cell(char *buf, size_t cap, const cs_classification *c, size_t met, size_t known)
{
    if (!known)
        snprintf(buf, cap, "%s", T("share_unknown"));
    else
        snprintf(buf, cap, "%.0f%% (%zu/%zu)", 100.0 * (double)met / (double)known, met, known);
}

static const cs_reference_type *type_by_number(const cs_reference_set *ref, int number)
{
    size_t t = ref ? cs_cls_type_index(ref, number) : SIZE_MAX;
    return t == SIZE_MAX ? NULL : &ref->types[t];
}

static const char *type_name(const cs_classification *c, const cs_reference_type *t)
{
    const char *ru = t->name_ru && *t->name_ru ? t->name_ru : t->name_en;
    return c->opts.lang == CS_LANG_RU ? ru : t->name_en;
}

/* s as terminal text (util/textout.h), in b (reset first), for a format's %s. */
static const char *plain(cs_buf *b, const char *s)
{
    cs_buf_reset(b);
    cs_textout_plain(b, s);
    return cs_buf_str(b);
}

static int write_header(FILE *f, const cs_classification *c, const cs_classify_run *run)
{
    const cs_method *m = c->m;
    const cs_classify_options *o = &c->opts;
    if (run) {
        cs_buf id = CS_BUF_INIT, version = CS_BUF_INIT;
        fprintf(f, T("title_run"), run->run_id, plain(&id, run->method_id),
                plain(&version, run->method_version));
        cs_buf_free(&id);
        cs_buf_free(&version);
    } else
        fprintf(f, T("title"), cs_method_id(m), cs_method_version(m));
    fputc('\n', f);
    write_assumptions(f, c);
    fprintf(f, T("variables"), c->p,
            c->view == CS_CLASSIFY_VIEW_INDICATORS ? T("view_indicators") : T("view_items"),
            cs_method_id(m));
    fputc('\n', f);
    fprintf(f, T("unknown"), cs_unknown_policy_name(c->policy), cs_classification_unknown_words(c),
            policy_detail(c, c->policy));
    fputc('\n', f);
    if (cs_classify_algorithm_is_hierarchical(o->algorithm))
        fprintf(f, T("algorithm_linkage"), cs_classify_algorithm_name(o->algorithm),
                cs_metric_name(o->distance), distance_words(c, o->distance));
    else
        fprintf(f, T("algorithm_seeded"), cs_classify_algorithm_name(o->algorithm),
                cs_metric_name(o->distance), distance_words(c, o->distance),
                (unsigned long long)o->seed);
    fputc('\n', f);
    fprintf(f, T("groups"), c->k, c->k_rule);
    fputc('\n', f);
    if (c->k_scan_max) {
        fputs(T("k_scan"), f);
        for (int k = 2; k <= c->k_scan_max; k++) {
            if (isnan(c->k_scan[k]))
                fprintf(f, "%s k=%d -", k > 2 ? "," : "", k);
            else
                fprintf(f, "%s k=%d %.4f", k > 2 ? "," : "", k, c->k_scan[k]);
        }
        fputc('\n', f);
    }
    fputs(T("quality"), f);
    if (isnan(c->silhouette))
        fputs(T("undefined"), f);
    else
        fprintf(f, "%.4f", c->silhouette);
    if (cs_classify_algorithm_is_hierarchical(o->algorithm)) {
        if (isnan(c->cophenetic))
            fputs(T("cophenetic_undefined"), f);
        else
            fprintf(f, T("cophenetic"), c->cophenetic);
    }
    fputc('\n', f);
    fprintf(f, T("clusters"), c->n, c->na, c->n - c->na, c->n > c->na ? T("why_at_end") : "");
    fputc('\n', f);
    const char *what =
        c->view == CS_CLASSIFY_VIEW_INDICATORS ? T("view_indicators") : T("view_items");
    fprintf(f, T("coverage"), c->min_known, c->p, what);
    fputc('\n', f);
    if (c->imputed)
        fprintf(f, T("imputed"), c->imputed, c->imputed_value);
    else
        fputs(T("imputed_none"), f);
    fputc('\n', f);
    cs_buf b = CS_BUF_INIT;
    int rc = unknown_everywhere(&b, c);
    if (!rc && b.len) {
        fprintf(f, T("unknown_everywhere"),
                c->policy == CS_UNKNOWN_AS_ZERO ? T("read_as_not_met") : T("count_for_no_pair"),
                cs_buf_str(&b));
        fputc('\n', f);
    }
    cs_buf_free(&b);
    return rc;
}

/* One row of the group table: the label, then one cell per group. */
static void row_head(FILE *f, const char *head)
{
    cs_cls_put_padded(f, head, LABEL_WIDTH, 1);
}

static void write_shares(FILE *f, const cs_classification *c)
{
    const cs_method *m = c->m;
    fprintf(f, "%s\n", T("shares"));
    for (size_t v = 0; v < c->n_ind; v++) {
        const cs_method_indicator *ind = cs_method_indicator_at(m, v);
        if (!ind->scored)
            continue;
        char head[128], cell[64];
        snprintf(head, sizeof head, "%-5s %.33s", ind->code, ind->id);
        row_head(f, head);
        for (int g = 0; g < c->k; g++) {
            share_cell(cell, sizeof cell, c, c->groups[g].indicator_met[v],
                       c->groups[g].indicator_known[v]);
            cs_cls_put_padded(f, cell, CELL_WIDTH, 0);
        }
        fputc('\n', f);
        if (ind->n_items < 2 && !ind->composite)
            continue;
        for (size_t it = ind->first_item; it < ind->first_item + ind->n_items; it++) {
            snprintf(head, sizeof head, "  %.36s", cs_method_item_at(m, it)->id);
            row_head(f, head);
            for (int g = 0; g < c->k; g++) {
                share_cell(cell, sizeof cell, c, c->groups[g].item_met[it],
                           c->groups[g].item_known[it]);
                cs_cls_put_padded(f, cell, CELL_WIDTH, 0);
            }
            fputc('\n', f);
        }
    }
}

/* The study's Table 2.1 for the groups found. */
static void write_group_table(FILE *f, const cs_classification *c)
{
    char head[128], cell[64];
    fputc('\n', f);
    row_head(f, T("group"));
    for (int g = 0; g < c->k; g++)
        fprintf(f, "%*d", CELL_WIDTH, g + 1);
    fputc('\n', f);
    if (c->ref) {
        row_head(f, T("label"));
        for (int g = 0; g < c->k; g++) {
            if (c->groups[g].label)
                snprintf(cell, sizeof cell, "G%d", c->groups[g].label);
            else if (c->groups[g].nearest)
                snprintf(cell, sizeof cell, T("label_shared"), c->groups[g].nearest);
            else
                snprintf(cell, sizeof cell, "%s", T("none"));
            cs_cls_put_padded(f, cell, CELL_WIDTH, 0);
        }
        fputc('\n', f);
    }
    row_head(f, T("size"));
    for (int g = 0; g < c->k; g++)
        fprintf(f, "%*zu", CELL_WIDTH, c->groups[g].size);
    fputc('\n', f);
    for (size_t t = 0; c->ref && t < c->ref->n_types; t++) {
        snprintf(head, sizeof head, T("placed_in"), c->ref->types[t].number);
        row_head(f, head);
        for (int g = 0; g < c->k; g++)
            fprintf(f, "%*zu", CELL_WIDTH, c->groups[g].study_count[t]);
        fputc('\n', f);
    }
    for (size_t bl = 0; bl < c->n_blocks; bl++) {
        const cs_method_block *blk = cs_method_block_at(c->m, bl);
        snprintf(head, sizeof head, T("block_indicators"), blk->code, blk->max_indicators);
        row_head(f, head);
        for (int g = 0; g < c->k; g++)
            fprintf(f, "%*.2f", CELL_WIDTH, c->groups[g].block_indicators[bl]);
        fputc('\n', f);
        snprintf(head, sizeof head, T("block_points"), blk->code, blk->max_points);
        row_head(f, head);
        for (int g = 0; g < c->k; g++)
            fprintf(f, "%*.2f", CELL_WIDTH, c->groups[g].block_points[bl]);
        fputc('\n', f);
    }
    write_shares(f, c);
}

static int write_groups(FILE *f, const cs_classification *c)
{
    int rc = 0;
    fprintf(f, "\n%s\n", T("countries"));
    for (int g = 0; !rc && g < c->k; g++) {
        cs_buf cl = CS_BUF_INIT;
        for (size_t i = 0; !rc && i < c->groups[g].n_countries; i++)
            rc = cs_buf_printf(&cl, "%s%s %zu", i ? ", " : "",
                               *c->groups[g].countries[i] ? c->groups[g].countries[i] : "?",
                               c->groups[g].country_count[i]);
        char head[64];
        snprintf(head, sizeof head, T("countries_line"), g + 1);
        fputs(head, f);
        if (!rc)
            cs_cls_put_wrapped(f, cs_buf_str(&cl), 11, 11);
        fputc('\n', f);
        cs_buf_free(&cl);
    }
    if (!rc && c->ref) {
        fputc('\n', f);
        cs_buf key = CS_BUF_INIT;
        fprintf(f, T("labels"), plain(&key, c->ref->key));
        cs_buf_free(&key);
        fputc('\n', f);
        for (int g = 0; g < c->k; g++) {
            const cs_reference_type *t = type_by_number(c->ref, c->groups[g].label);
            char head[256];
            const cs_reference_type *near = type_by_number(c->ref, c->groups[g].nearest);
            if (t)
                snprintf(head, sizeof head, T("label_line"), g + 1, t->number, type_name(c, t));
            else if (near)
                snprintf(head, sizeof head, T("label_line_shared"), g + 1, near->number);
            else
                snprintf(head, sizeof head, T("label_none"), g + 1);
            fputs("  ", f);
            size_t w = cs_cls_put_plain(f, head);
            cs_cls_put_wrapped(f, c->groups[g].reason, 2 + w, 4);
            fputc('\n', f);
        }
    }
    if (!rc)
        fprintf(f, "\n%s\n", T("members"));
    for (int g = 0; !rc && g < c->k; g++) {
        cs_buf ml = CS_BUF_INIT;
        size_t cnt = 0;
        for (size_t a = 0; !rc && a < c->na; a++)
            if (c->group[c->idx[a]] == g + 1)
                rc = cs_buf_printf(&ml, "%s%s", cnt++ ? ", " : "", c->keys[c->idx[a]]);
        char head[64];
        snprintf(head, sizeof head, T("members_line"), g + 1, cnt);
        fputs(head, f);
        if (!rc)
            cs_cls_put_wrapped(f, cs_buf_str(&ml), cs_cls_width(head) + 1, 4);
        fputc('\n', f);
        cs_buf_free(&ml);
    }
    if (!rc && c->n > c->na) {
        fputc('\n', f);
        fprintf(f, T("left_out"), c->n - c->na);
        fputc('\n', f);
        for (size_t i = 0; i < c->n; i++)
            if (c->left_out[i]) {
                fputs("  ", f);
                size_t w = cs_cls_put_plain(f, c->keys[i]);
                fputc(':', f);
                cs_cls_put_wrapped(f, c->left_out[i], 3 + w + 1, 4);
                fputc('\n', f);
            }
    }
    return rc;
}

static void write_contingency(FILE *f, const cs_classification *c)
{
    const cs_reference_set *ref = c->ref;
    fprintf(f, "%s\n", T("contingency"));
    fputs("  ", f);
    cs_cls_put_padded(f, "", 18, 1);
    for (size_t t = 0; t < ref->n_types; t++)
        fprintf(f, "%6s%d", "G", ref->types[t].number);
    cs_cls_put_padded(f, T("total"), 8, 0);
    fputc('\n', f);
    for (int g = 0; g < c->k; g++) {
        char head[64];
        snprintf(head, sizeof head, T("group_n"), g + 1);
        if (c->groups[g].label)
            snprintf(head + strlen(head), sizeof head - strlen(head), " (G%d)", c->groups[g].label);
        fputs("  ", f);
        cs_cls_put_padded(f, head, 18, 1);
        int64_t tot = 0;
        for (size_t t = 0; t < ref->n_types; t++) {
            fprintf(f, "%7lld", (long long)c->table[(size_t)g * ref->n_types + t]);
            tot += c->table[(size_t)g * ref->n_types + t];
        }
        fprintf(f, "%8lld\n", (long long)tot);
    }
}

static int write_agreement(FILE *f, const cs_classification *c)
{
    const cs_reference_set *ref = c->ref;
    fprintf(f, "\n%s", T("agreement"));
    if (!ref) {
        fprintf(f, "%s\n", T("no_reference"));
        return 0;
    }
    size_t placed = 0;
    for (size_t i = 0; i < ref->n_assignments; i++)
        placed += ref->assignments[i].type != 0;
    cs_buf key = CS_BUF_INIT;
    fprintf(f, T("reference_set"), plain(&key, ref->key));
    cs_buf_free(&key);
    fputc('\n', f);
    fprintf(f, T("compared"), c->compared, placed);
    fputc('\n', f);
    if (isnan(c->ari))
        fputs(T("ari_undefined"), f);
    else
        fprintf(f, T("ari"), c->ari);
    fputc('\n', f);
    if (c->compared)
        write_contingency(f, c);
    cs_buf lo = CS_BUF_INIT;
    size_t n_lo = 0;
    int rc = 0;
    for (size_t i = 0; !rc && i < c->n; i++) {
        int t = cs_cls_reference_type_of(ref, c->keys[i]);
        if (t && !c->group[i])
            rc = cs_buf_printf(&lo, "%s%s G%d", n_lo++ ? ", " : "", c->keys[i], t);
    }
    if (!rc && n_lo) {
        char head[128];
        snprintf(head, sizeof head, T("placed_left_out"), n_lo);
        fputs(head, f);
        cs_cls_put_wrapped(f, cs_buf_str(&lo), cs_cls_width(head) + 1, 4);
        fputc('\n', f);
    }
    cs_buf_free(&lo);
    if (rc)
        return rc;
    fputs(T("published_sizes"), f);
    for (size_t t = 0; t < ref->n_types; t++)
        fprintf(f, "%s G%d %d", t ? "," : "", ref->types[t].number, ref->types[t].size_published);
    if (ref->published_sum >= 0 && ref->sample_size >= 0)
        fprintf(f, T("published_sum"), ref->published_sum, ref->sample_size);
    fputc('\n', f);
    if (ref->size_note && *ref->size_note) {
        fputs(T("note"), f);
        cs_cls_put_wrapped(f, ref->size_note, cs_cls_width(T("note")) + 1, 4);
        fputc('\n', f);
    }
    return 0;
}

/* The clusters out of the method's scope: apart from those left out, which the analysis left
 * out for want of known results. */
static void write_out_of_scope(FILE *f, const cs_classification *c, const cs_classify_run *run)
{
    if (!run || !run->n_out_of_scope)
        return;
    fputc('\n', f);
    fprintf(f, T("out_of_scope"), run->n_out_of_scope);
    fputc('\n', f);
    for (size_t i = 0; i < run->n_out_of_scope; i++) {
        char why[1024];
        cs_classify_scope_reason(why, sizeof why, c->m, &run->out_of_scope[i], c->opts.lang);
        fputs("  ", f);
        size_t w = cs_cls_put_plain(f, run->out_of_scope[i].key);
        fputc(':', f);
        cs_cls_put_wrapped(f, why, 3 + w + 1, 4);
        fputc('\n', f);
    }
}

int cs_cls_write_table(FILE *f, const cs_classification *c, const cs_classify_run *run, int compare)
{
    int rc = write_header(f, c, run);
    if (rc)
        return rc;
    write_group_table(f, c);
    rc = write_groups(f, c);
    if (!rc)
        write_out_of_scope(f, c, run);
    if (!rc && compare)
        rc = write_agreement(f, c);
    return rc;
}
