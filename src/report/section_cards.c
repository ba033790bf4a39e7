/*
 * section_cards.c: one card per cluster: what it is, where the study and the typology place
 * it, and for every item decided by a fact the chain of the --explain output: the rule, the
 * fact's value, year and status, and its source with locator and quote. Items no fact decides
 * are listed on one line, so a sparse cluster's card stays short.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The locator of a fact derived from the membership records ("3 current members of type
 * clinic", "12 current memberships", written by store/registry_read.c) in the report's
 * language; other locators are data and stay as written.
 */
static void locator_text(cs_buf *b, const cs_report *r, const cs_fact *f)
{
    long long n;
    char type[64];
    if (strcmp(f->source, CS_SOURCE_MEMBERSHIPS) == 0) {
        if (sscanf(f->locator, "%lld current members of type %63s", &n, type) == 2) {
            cs_buf_printf(b, T(r, "members_of_type"), n, type);
            return;
        }
        if (sscanf(f->locator, "%lld current memberships", &n) == 1) {
            cs_buf_printf(b, T(r, "memberships_current"), n);
            return;
        }
    }
    cs_buf_puts(b, f->locator);
}

/* "key: Title, p. 12 «quote»" */
static void source_text(cs_buf *b, const cs_report *r, const cs_fact *f)
{
    const cs_source_info *si = cs_assessment_source(r->a, f->source);
    cs_buf_puts(b, strcmp(f->source, CS_SOURCE_MEMBERSHIPS) == 0 ? T(r, "registry_memberships")
                                                                 : f->source);
    if (si && si->title && *si->title)
        cs_buf_printf(b, ": %s", si->title);
    if (*f->locator) {
        cs_buf_puts(b, ", ");
        locator_text(b, r, f);
    }
    if (f->quote && *f->quote) {
        char q[1024];
        cs_i18n_quote(q, sizeof q, r->o.lang, f->quote);
        cs_buf_printf(b, " %s", q);
    }
}

static void card_head(cs_doc *d, const cs_report *r, size_t i)
{
    const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
    char buf[2048];
    cs_doc_heading(d, 3, NULL, r->names[i]);
    cs_buf line = CS_BUF_INIT;
    cs_buf_printf(&line, "%s: %s", T(r, "key"), ci->key);
    if (*ci->country)
        cs_buf_printf(&line, "; %s: %s", T(r, "country"), cs_report_country_name(r, ci->country));
    if (*ci->city)
        cs_buf_printf(&line, "; %s: %s", T(r, "city"), ci->city);
    if (*ci->kind)
        cs_buf_printf(&line, "; %s: %s", T(r, "kind"), cs_report_kind_name(r, ci->kind));
    if (ci->founded)
        cs_buf_printf(&line, "; %s: %d", T(r, "founded"), ci->founded);
    cs_doc_para(d, cs_buf_str(&line));
    cs_buf_reset(&line);

    cs_score t = cs_assessment_total(r->a, i);
    char a[32], p[32], k[32];
    cs_report_num(a, sizeof a, r, t.indicators, 0);
    cs_report_num(p, sizeof p, r, t.points, 0);
    cs_report_num(k, sizeof k, r, t.items_known, 0);
    snprintf(buf, sizeof buf, T(r, "card_scores"), a, cs_method_max_indicators(r->m), p,
             cs_method_max_points(r->m), k, cs_method_max_points(r->m));
    cs_doc_para(d, buf);

    int g = cs_report_group_of(r, i);
    cs_buf_printf(&line, "%s: %s", T(r, "group"), cs_report_group_name(r, i));
    if (g) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        if (gr->reason && *gr->reason)
            cs_buf_printf(&line, " (%s: %s)", T(r, "nearest_type"), gr->reason);
    } else if (r->c && cs_classification_left_out(r->c, i)) {
        cs_buf_printf(&line, " (%s)", cs_classification_left_out(r->c, i));
    }
    const cs_reference_assignment *ra = cs_report_study_assignment(r, i);
    if (ra) {
        const cs_reference_type *type = cs_report_reference_type(r, ra->type);
        cs_buf_printf(&line, ". %s: G%d", T(r, "study_group"), ra->type);
        if (type)
            cs_buf_printf(&line, ", %s", cs_report_label(r, type->name_en, type->name_ru));
        if (ra->basis && *ra->basis)
            cs_buf_printf(&line, " (%s)", ra->basis);
    }
    cs_doc_para(d, cs_buf_str(&line));
    cs_buf_free(&line);
}

/* Two facts cite the same place when source, locator and quote agree. */
static int same_place(const cs_fact *a, const cs_fact *b)
{
    return strcmp(a->source, b->source) == 0 && strcmp(a->locator, b->locator) == 0 &&
           strcmp(a->quote ? a->quote : "", b->quote ? b->quote : "") == 0;
}

/*
 * The table of the items a fact decides, each row's source a note number; then the notes
 * (each place cited once, however many items it decides); then the items no fact decides.
 */
static void card_items(cs_doc *d, const cs_report *r, size_t i, const cs_fact **notes,
                       cs_buf *scratch)
{
    size_t ni = cs_method_item_count(r->m), n_notes = 0;
    const char *h[5] = { T(r, "item"), T(r, "result"), T(r, "rule"), T(r, "value"),
                         T(r, "source") };
    int table_open = 0;
    for (size_t it = 0; it < ni; it++) {
        const cs_fact *f = cs_assessment_item_fact(r->a, i, it);
        if (!f)
            continue;
        const cs_method_item *item = cs_method_item_at(r->m, it);
        const cs_method_indicator *in = cs_method_indicator_at(r->m, item->indicator);
        size_t note = 0;
        while (note < n_notes && !same_place(notes[note], f))
            note++;
        if (note == n_notes)
            notes[n_notes++] = f;
        if (!table_open) {
            cs_doc_table_head_class(d, "explain", h, 5);
            table_open = 1;
        }
        char name[512], rule[512], value[512], ref[32];
        snprintf(name, sizeof name, "%s %s", in->code,
                 cs_report_label(r, item->label_en, item->label_ru));
        cs_rule_describe_lang(rule, sizeof rule, r->m, &item->rule, r->o.lang);
        /* a fact recorded as unknown has a year and a source but no status: none is shown */
        if (f->value.kind == CS_VALUE_UNKNOWN || !*f->raw) {
            if (f->year)
                snprintf(value, sizeof value, "%s (%d)", T(r, "unknown"), f->year);
            else
                snprintf(value, sizeof value, "%s", T(r, "unknown"));
        } else {
            const char *raw =
                f->value.kind == CS_VALUE_BOOL ? T(r, f->value.boolean ? "yes" : "no") : f->raw;
            if (f->year)
                snprintf(value, sizeof value, "%s (%d, %s)", raw, f->year,
                         cs_report_status_word(r, f->status));
            else
                snprintf(value, sizeof value, "%s (%s)", raw, cs_report_status_word(r, f->status));
        }
        snprintf(ref, sizeof ref, "[%zu]", note + 1);
        const char *c[5] = { name, cs_report_result_word(r, cs_assessment_item(r->a, i, it)), rule,
                             value, ref };
        cs_doc_table_row(d, c, 5);
    }
    if (table_open)
        cs_doc_table_end(d);
    if (n_notes) {
        cs_doc_raw(d, d->md ? "" : "<ol class=\"notes\">\n");
        for (size_t k = 0; k < n_notes; k++) {
            char num[32];
            snprintf(num, sizeof num, "%zu. ", k + 1);
            cs_doc_raw(d, d->md ? num : "<li>");
            cs_buf_reset(scratch);
            source_text(scratch, r, notes[k]);
            cs_doc_esc(d, cs_buf_str(scratch));
            cs_doc_raw(d, d->md ? "\n" : "</li>\n");
        }
        cs_doc_raw(d, d->md ? "\n" : "</ol>\n");
    }
    /* "I1, I2, I8 (clinics)": an indicator's code once, the item when it has several */
    cs_buf_reset(scratch);
    const char *last_code = NULL;
    for (size_t it = 0; it < ni; it++) {
        if (cs_assessment_item_fact(r->a, i, it))
            continue;
        const cs_method_item *item = cs_method_item_at(r->m, it);
        const cs_method_indicator *in = cs_method_indicator_at(r->m, item->indicator);
        const char *sep = scratch->len ? ", " : "";
        if (in->n_items > 1)
            cs_buf_printf(scratch, "%s%s (%s)", sep, in->code,
                          cs_report_label(r, item->label_en, item->label_ru));
        else if (!last_code || strcmp(last_code, in->code) != 0)
            cs_buf_printf(scratch, "%s%s", sep, in->code);
        last_code = in->code;
    }
    if (scratch->len) {
        cs_buf line = CS_BUF_INIT;
        cs_buf_printf(&line, "%s: %s.", T(r, "card_unknown"), cs_buf_str(scratch));
        cs_doc_para(d, cs_buf_str(&line));
        cs_buf_free(&line);
    }
}

int cs_report_card_news_read(cs_report *r, cs_service *svc)
{
    cs_news_filter all = { NULL, NULL, NULL, 0 };
    int rc = cs_service_news(&r->news, svc, &all);
    if (rc || r->n == 0)
        return rc;
    r->news_count = calloc(r->n, sizeof *r->news_count);
    r->news_pick = calloc(r->n * CS_REPORT_CARD_NEWS, sizeof *r->news_pick);
    if (!r->news_count || !r->news_pick)
        return cs_error_set(CS_ENOMEM, "out of memory for news");
    return cs_news_list_by_cluster(r->news_count, r->news_pick, CS_REPORT_CARD_NEWS, r->news,
                                   r->keys, r->n);
}

/* "News: 2019-12, Title (Outlet); ... and 2 more." in the report's language: the item's own
 * title when it is in that language, else its translation, else its own marked with its
 * language. */
static void card_news(cs_doc *d, const cs_report *r, size_t i)
{
    if (!r->news_count || r->news_count[i] == 0)
        return;
    int ru = r->o.lang == CS_LANG_RU;
    cs_buf line = CS_BUF_INIT;
    cs_buf_printf(&line, "%s: ", T(r, "card_news"));
    size_t shown = r->news_count[i] < CS_REPORT_CARD_NEWS ? r->news_count[i] : CS_REPORT_CARD_NEWS;
    for (size_t j = 0; j < shown; j++) {
        const cs_news_item *it =
            cs_news_list_at(r->news, r->news_pick[i * CS_REPORT_CARD_NEWS + j]);
        const char *own = strcmp(it->lang, ru ? "ru" : "en") == 0 ? it->title : NULL;
        const char *tr = ru ? it->title_ru : it->title_en;
        const char *title = own ? own : tr ? tr : it->title;
        cs_buf_printf(&line, "%s%s, %s", j ? "; " : "", it->date, title);
        if (!own && !tr)
            cs_buf_printf(&line, " [%s]", it->lang);
        cs_buf_printf(&line, " (%s)", it->outlet);
    }
    if (r->news_count[i] > shown)
        cs_buf_printf(&line, T(r, "card_news_more"), r->news_count[i] - shown);
    cs_buf_puts(&line, ".");
    cs_doc_para(d, cs_buf_str(&line));
    cs_buf_free(&line);
}

void cs_report_section_cards(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "cards", T(r, "cards"));
    const cs_fact **notes = calloc(cs_method_item_count(r->m) + 1, sizeof *notes);
    if (!notes) {
        d->err = 1;
        return;
    }
    cs_buf scratch = CS_BUF_INIT;
    for (size_t i = 0; i < r->n; i++) {
        if (!d->md) {
            /* the map's points link here */
            cs_doc_raw(d, "<section class=\"card\" id=\"card-");
            cs_doc_esc(d, r->keys[i]);
            cs_doc_raw(d, "\">\n");
        }
        card_head(d, r, i);
        card_news(d, r, i);
        card_items(d, r, i, notes, &scratch);
        if (!d->md)
            cs_doc_raw(d, "</section>\n");
    }
    cs_buf_free(&scratch);
    free(notes);
}
