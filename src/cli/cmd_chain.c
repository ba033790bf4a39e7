/*
 * cmd_chain.c: `clusterscope chain --cluster KEY`: a cluster's value chain as the registry holds
 * it (stages in order, members by stage with their roles, members without a stage, joint
 * projects with their consortia and the stages they cover, the participants a source states
 * beside the members it names, and the cooperation links), through the service.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "clusterscope/report.h"
#include "clusterscope/service.h"
#include "util/buf.h"
#include "util/textout.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *db, *cluster, *output;
    cs_format format;
    cs_lang lang;
} chain_args;

static int parse_args(chain_args *a, int argc, char **argv)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' },     { "cluster", required_argument, NULL, 'c' },
        { "lang", required_argument, NULL, 'l' },   { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 }
    };
    memset(a, 0, sizeof *a);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'd':
            a->db = optarg;
            break;
        case 'c':
            a->cluster = optarg;
            break;
        case 'l':
            if (cs_lang_parse(&a->lang, optarg))
                return cs_cli_usage_error("chain", "--lang takes en or ru, not '%s'", optarg);
            break;
        case 'f':
            if (cs_cli_parse_format(&a->format, "chain", optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'o':
            a->output = optarg;
            break;
        default:
            return cs_cli_usage_error("chain", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error("chain", "unexpected argument '%s'", argv[optind]);
    if (!a->cluster || !*a->cluster)
        return cs_cli_usage_error("chain", "--cluster KEY is required (a cluster of the registry)");
    return 0;
}

typedef struct {
    const chain_args *a;
    const cs_chain_view *v;
} out_ctx;

/* ---- CSV: one table, a row per record; the column part says which ---- */

static const char *const csv_columns[] = { "part",         "stage",        "position", "name_en",
                                           "name_ru",      "organisation", "role",     "project",
                                           "participants", "named",        "target",   "kind",
                                           "year",         "source",       "locator" };
#define N_CSV (sizeof csv_columns / sizeof csv_columns[0])

typedef struct {
    const char *text[N_CSV];
    long long num[N_CSV];
    unsigned char is_num[N_CSV];
} csv_row;

static void row_text(csv_row *r, size_t col, const char *s)
{
    r->text[col] = s;
}

static void row_num(csv_row *r, size_t col, long long v)
{
    r->num[col] = v;
    r->is_num[col] = 1;
}

static int put_row(cs_buf *b, const csv_row *r)
{
    int rc = 0;
    for (size_t i = 0; i < N_CSV && !rc; i++) {
        if (i)
            rc = cs_buf_append(b, ",", 1);
        if (!rc)
            rc = r->is_num[i] ? cs_textout_csv_int(b, r->num[i], 0)
                              : cs_textout_csv_text(b, r->text[i], 0);
    }
    return rc ? rc : cs_buf_append(b, "\n", 1);
}

static int write_csv(FILE *f, const cs_chain_view *v)
{
    const cs_chain *c = v->chain;
    cs_buf b = CS_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < N_CSV && !rc; i++)
        rc = cs_buf_printf(&b, "%s%s", i ? "," : "", csv_columns[i]);
    rc = rc ? rc : cs_buf_append(&b, "\n", 1);
    for (size_t s = 0; s < c->n_stages && !rc; s++) {
        csv_row r = { 0 };
        row_text(&r, 0, "stage");
        row_text(&r, 1, c->stages[s].key);
        row_num(&r, 2, c->stages[s].position);
        row_text(&r, 3, c->stages[s].name_en);
        row_text(&r, 4, c->stages[s].name_ru);
        row_text(&r, 13, c->stages[s].source);
        row_text(&r, 14, c->stages[s].locator);
        rc = put_row(&b, &r);
    }
    for (size_t i = 0; i < c->n_members && !rc; i++) {
        const cs_chain_member *m = &c->members[i];
        csv_row r = { 0 };
        row_text(&r, 0, "member");
        row_text(&r, 1, m->stage);
        if (m->stage_index != CS_CHAIN_NONE)
            row_num(&r, 2, c->stages[m->stage_index].position);
        row_text(&r, 3, m->name);
        row_text(&r, 5, m->organisation);
        row_text(&r, 6, m->role);
        rc = put_row(&b, &r);
    }
    for (size_t p = 0; p < c->n_projects && !rc; p++) {
        const cs_chain_project *pr = &c->projects[p];
        csv_row r = { 0 };
        row_text(&r, 0, "project");
        row_text(&r, 3, pr->name_en);
        row_text(&r, 4, pr->name_ru);
        row_text(&r, 7, pr->key);
        if (pr->participants >= 0)
            row_num(&r, 8, pr->participants);
        row_num(&r, 9, (long long)pr->n_members);
        if (pr->started)
            row_num(&r, 12, pr->started);
        row_text(&r, 13, pr->source);
        row_text(&r, 14, pr->locator);
        rc = put_row(&b, &r);
        for (size_t k = 0; k < pr->n_members && !rc; k++) {
            csv_row q = { 0 };
            row_text(&q, 0, "project_member");
            row_text(&q, 1, pr->members[k].stage);
            row_text(&q, 5, pr->members[k].organisation);
            row_text(&q, 6, pr->members[k].role);
            row_text(&q, 7, pr->key);
            row_text(&q, 13, pr->members[k].source);
            row_text(&q, 14, pr->members[k].locator);
            rc = put_row(&b, &q);
        }
        for (size_t k = 0; k < pr->n_stages && !rc; k++) {
            csv_row q = { 0 };
            row_text(&q, 0, "project_stage");
            row_text(&q, 1, pr->stages[k]);
            row_text(&q, 7, pr->key);
            rc = put_row(&b, &q);
        }
    }
    for (size_t i = 0; i < c->n_links && !rc; i++) {
        const cs_chain_link *l = &c->links[i];
        csv_row r = { 0 };
        row_text(&r, 0, "link");
        row_text(&r, 5, l->source_org);
        row_text(&r, 7, l->project);
        row_text(&r, 10, l->target_org);
        row_text(&r, 11, l->kind);
        if (l->year)
            row_num(&r, 12, l->year);
        row_text(&r, 13, l->source);
        row_text(&r, 14, l->locator);
        rc = put_row(&b, &r);
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

/* ---- JSON ---- */

static void json_opt_int(cs_jsonw *w, const char *key, long long v, int known)
{
    if (known)
        cs_jsonw_int(w, key, v);
    else
        cs_jsonw_null(w, key);
}

static int write_json(FILE *f, const cs_chain_view *v, cs_lang lang)
{
    const cs_chain *c = v->chain;
    cs_buf b = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "cluster", c->cluster);
    cs_jsonw_string(&w, "name_en", c->name_en);
    cs_jsonw_string(&w, "name_ru", c->name_ru);
    cs_jsonw_open(&w, "stages", '[');
    for (size_t s = 0; s < c->n_stages; s++) {
        const cs_chain_stage *st = &c->stages[s];
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "stage", st->key);
        cs_jsonw_int(&w, "position", st->position);
        cs_jsonw_string(&w, "name_en", st->name_en);
        cs_jsonw_string(&w, "name_ru", st->name_ru);
        cs_jsonw_string(&w, "source", st->source);
        cs_jsonw_string(&w, "locator", st->locator);
        cs_jsonw_string(&w, "quote", st->quote);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "members", '[');
    for (size_t i = 0; i < c->n_members; i++) {
        const cs_chain_member *m = &c->members[i];
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "organisation", m->organisation);
        cs_jsonw_string(&w, "name", m->name);
        cs_jsonw_string(&w, "type", m->type);
        cs_jsonw_string(&w, "role", m->role);
        cs_jsonw_string(&w, "stage", m->stage);
        cs_jsonw_bool(&w, "stage_known", m->stage_index != CS_CHAIN_NONE);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "projects", '[');
    for (size_t p = 0; p < c->n_projects; p++) {
        const cs_chain_project *pr = &c->projects[p];
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "key", pr->key);
        cs_jsonw_string(&w, "name_en", pr->name_en);
        cs_jsonw_string(&w, "name_ru", pr->name_ru);
        json_opt_int(&w, "started", pr->started, pr->started != 0);
        json_opt_int(&w, "ended", pr->ended, pr->ended != 0);
        json_opt_int(&w, "participants_stated", pr->participants, pr->participants >= 0);
        cs_jsonw_int(&w, "members_named", (long long)pr->n_members);
        json_opt_int(&w, "stages_stated", pr->stages_stated, pr->stages_stated >= 0);
        cs_jsonw_open(&w, "consortium", '[');
        for (size_t k = 0; k < pr->n_members; k++) {
            cs_jsonw_open(&w, NULL, '{');
            cs_jsonw_string(&w, "organisation", pr->members[k].organisation);
            cs_jsonw_string(&w, "role", pr->members[k].role);
            cs_jsonw_string(&w, "stage", pr->members[k].stage);
            cs_jsonw_close(&w, '}');
        }
        cs_jsonw_close(&w, ']');
        cs_jsonw_open(&w, "stages", '[');
        for (size_t k = 0; k < pr->n_stages; k++)
            cs_jsonw_string(&w, NULL, pr->stages[k]);
        cs_jsonw_close(&w, ']');
        cs_jsonw_string(&w, "outcome", pr->outcome);
        cs_jsonw_string(&w, "status", pr->status);
        cs_jsonw_string(&w, "source", pr->source);
        cs_jsonw_string(&w, "locator", pr->locator);
        cs_jsonw_string(&w, "quote", pr->quote);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "links", '[');
    for (size_t i = 0; i < c->n_links; i++) {
        const cs_chain_link *l = &c->links[i];
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "source_org", l->source_org);
        cs_jsonw_string(&w, "target_org", l->target_org);
        cs_jsonw_string(&w, "kind", l->kind);
        cs_jsonw_bool(&w, "directed", l->directed);
        cs_jsonw_string(&w, "project", l->project);
        json_opt_int(&w, "year", l->year, l->year != 0);
        cs_jsonw_real(&w, "weight", l->weight);
        cs_jsonw_string(&w, "status", l->status);
        cs_jsonw_string(&w, "source", l->source);
        cs_jsonw_string(&w, "locator", l->locator);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    char **notes = NULL;
    size_t n_notes = 0;
    int rc = cs_report_chain_notes(&notes, &n_notes, v, lang);
    cs_jsonw_open(&w, "notes", '[');
    for (size_t i = 0; i < n_notes; i++)
        cs_jsonw_string(&w, NULL, notes[i]);
    cs_jsonw_close(&w, ']');
    cs_report_chain_notes_free(notes, n_notes);
    cs_jsonw_close(&w, '}');
    rc = rc ? rc : w.rc;
    rc = rc ? rc : cs_buf_append(&b, "\n", 1);
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

/* ---- the table: text for a terminal ---- */

static void put(FILE *f, const char *fmt, const char *s)
{
    cs_cli_put_text(f, fmt, s ? s : "");
}

/* S, then spaces to W characters and one more: printf pads bytes, and a Russian letter is two. */
static void cell(FILE *f, const char *s, size_t w)
{
    size_t chars = 0;
    for (const char *p = s ? s : ""; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    put(f, "%s", s);
    for (size_t i = chars; i < w + 1; i++)
        fputc(' ', f);
}

static int write_table(FILE *f, const cs_chain_view *v, cs_lang lang)
{
    const cs_chain *c = v->chain;
#define W(key) cs_i18n_text(lang, key)
    char title[512], buf[128];
    snprintf(title, sizeof title, W("ch_title_chain"),
             cs_report_label_lang(lang, c->name_en, c->name_ru));
    put(f, "%s", title);
    put(f, " (%s)\n\n", c->cluster);
    fprintf(f, "%s (%zu)\n", W("ch_stages"), c->n_stages);
    for (size_t s = 0; s < c->n_stages; s++) {
        fprintf(f, "  %d  ", c->stages[s].position);
        cell(f, c->stages[s].key, 16);
        put(f, "%s\n", cs_report_stage_name(buf, sizeof buf, lang, &c->stages[s]));
    }
    fprintf(f, "\n%s (%zu)\n", W("ch_members_by_stage"), c->n_members);
    size_t shown = CS_CHAIN_NONE - 1; /* a stage index no member has */
    for (size_t i = 0; i < c->n_members; i++) {
        const cs_chain_member *m = &c->members[i];
        if (m->stage_index != shown) {
            shown = m->stage_index;
            if (shown == CS_CHAIN_NONE)
                put(f, "  [%s]\n", W("ch_unknown_stage"));
            else
                put(f, "  [%s]\n", cs_report_stage_name(buf, sizeof buf, lang, &c->stages[shown]));
        }
        fputs("    ", f);
        cell(f, m->organisation, 24);
        cell(f, m->name, 32);
        put(f, "%s", m->role);
        if (m->stage && m->stage_index == CS_CHAIN_NONE)
            put(f, " (%s?)", m->stage);
        fputc('\n', f);
    }
    fprintf(f, "\n%s (%zu)\n", W("ch_projects"), c->n_projects);
    for (size_t p = 0; p < c->n_projects; p++) {
        const cs_chain_project *pr = &c->projects[p];
        put(f, "  %s: ", pr->key);
        put(f, "%s\n", cs_report_label_lang(lang, pr->name_en, pr->name_ru));
        if (pr->started || pr->ended) {
            fprintf(f, "    %s: ", W("ch_years"));
            if (pr->started)
                fprintf(f, "%d", pr->started);
            fprintf(f, "–");
            if (pr->ended)
                fprintf(f, "%d", pr->ended);
            fputc('\n', f);
        }
        fprintf(f, "    %s: ", W("ch_participants_stated"));
        if (pr->participants >= 0)
            fprintf(f, "%ld", pr->participants);
        else
            fprintf(f, "%s", W("ch_not_stated"));
        fprintf(f, "; %s: %zu\n", W("ch_members_named"), pr->n_members);
        fprintf(f, "    %s: ", W("ch_stages_stated"));
        if (pr->stages_stated >= 0)
            fprintf(f, "%ld", pr->stages_stated);
        else
            fprintf(f, "%s", W("ch_not_stated"));
        fprintf(f, "; %s: %zu", W("ch_stages_listed"), pr->n_stages);
        for (size_t k = 0; k < pr->n_stages; k++)
            put(f, k ? ", %s" : " (%s", pr->stages[k]);
        fprintf(f, "%s\n", pr->n_stages ? ")" : "");
        fprintf(f, "    %s:", W("ch_consortium"));
        for (size_t k = 0; k < pr->n_members; k++) {
            put(f, k ? ", %s" : " %s", pr->members[k].organisation);
            if (pr->members[k].role)
                put(f, " (%s)", pr->members[k].role);
        }
        fputc('\n', f);
        if (pr->outcome)
            put(f, "    %s: ", W("ch_outcome")), put(f, "%s\n", pr->outcome);
        if (pr->source) {
            put(f, "    %s: ", W("ch_source"));
            put(f, "%s", pr->source);
            put(f, pr->locator ? ", %s\n" : "%s\n", pr->locator ? pr->locator : "");
        }
    }
    fprintf(f, "\n%s (%zu)\n", W("ch_links"), c->n_links);
    for (size_t i = 0; i < c->n_links; i++) {
        const cs_chain_link *l = &c->links[i];
        fputs("  ", f);
        cell(f, l->source_org, 24);
        fprintf(f, "%s ", l->directed ? "->" : "--");
        cell(f, l->target_org, 24);
        cell(f, cs_report_link_kind_word(lang, l->kind), 21);
        if (l->year)
            fprintf(f, "%4d", l->year);
        else
            fputs("    ", f);
        put(f, "  %s", l->source);
        if (l->locator)
            put(f, ", %s", l->locator);
        fputc('\n', f);
    }
    char **notes = NULL;
    size_t n_notes = 0;
    int rc = cs_report_chain_notes(&notes, &n_notes, v, lang);
    if (n_notes)
        fputc('\n', f);
    for (size_t i = 0; i < n_notes; i++)
        put(f, "%s\n", notes[i]);
    cs_report_chain_notes_free(notes, n_notes);
#undef W
    return rc;
}

static int write_output(FILE *f, void *ctx)
{
    const out_ctx *o = ctx;
    switch (o->a->format) {
    case CS_FORMAT_CSV:
        return write_csv(f, o->v);
    case CS_FORMAT_JSON:
        return write_json(f, o->v, o->a->lang);
    default:
        return write_table(f, o->v, o->a->lang);
    }
}

int cs_cmd_chain(int argc, char **argv)
{
    chain_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    cs_service *svc = NULL;
    cs_chain_view *v = NULL;
    int rc = cs_cli_open(&svc, a.db, CS_SERVICE_READ);
    rc = rc ? rc : cs_service_chain(&v, svc, a.cluster, 0);
    if (!rc) {
        out_ctx o = { &a, v };
        rc = cs_cli_write(a.output, write_output, &o);
    }
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    cs_chain_view_free(v);
    cs_service_close(svc);
    return status;
}
