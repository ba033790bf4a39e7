/*
 * cmd_programmes.c: `clusterscope programmes` (support programmes, their rounds' statistics,
 * shares by specialisation and applications) and `clusterscope registries` (who is listed in
 * which registry, label or list, with dates), as a table (headings from the catalogue, in the
 * language asked), CSV (one table per kind, each with its header row, a blank line between) or
 * JSON. The numbers are the service's (cs_service_programmes); unknown is "?" in the table, an
 * empty cell in CSV and null in JSON, never 0.
 */
#include "cli.h"
#include "regional_out.h"

#include "clusterscope/error.h"
#include "clusterscope/i18n.h"
#include "clusterscope/service.h"
#include "util/buf.h"
#include "util/number.h"
#include "util/textout.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *programme, *cluster, *db, *output;
    int year;
    cs_format format;
    cs_lang lang;
    int registries; /* the registries command */
} prog_args;

static int parse_args(prog_args *a, int argc, char **argv, int registries)
{
    static const struct option options[] = {
        { "programme", required_argument, NULL, 'p' }, { "cluster", required_argument, NULL, 'c' },
        { "year", required_argument, NULL, 'y' },      { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },    { "lang", required_argument, NULL, 'l' },
        { "db", required_argument, NULL, 'B' },        { NULL, 0, NULL, 0 }
    };
    const char *cmd = registries ? "registries" : "programmes";
    memset(a, 0, sizeof *a);
    a->registries = registries;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (!*optarg)
                return cs_cli_usage_error(cmd, "--programme takes a programme key, not ''");
            a->programme = optarg;
            break;
        case 'c':
        case 'y':
            if (!registries)
                return cs_cli_usage_error(cmd, "%s is an option of 'clusterscope registries'",
                                          c == 'c' ? "--cluster" : "--year");
            if (c == 'c' && !*optarg)
                return cs_cli_usage_error(cmd, "--cluster takes a cluster key, not ''");
            if (c == 'c')
                a->cluster = optarg;
            else if (cs_cli_parse_year(&a->year, cmd, "--year", optarg))
                return CS_CLI_EXIT_USAGE;
            else if (a->year == 0)
                return cs_cli_usage_error(cmd, "--year takes a year from 1 to 9999, not '0'");
            break;
        case 'f':
            if (cs_cli_parse_format(&a->format, cmd, optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'l':
            if (cs_lang_parse(&a->lang, optarg))
                return cs_cli_usage_error(cmd, "--lang takes en or ru, not '%s'", optarg);
            break;
        case 'B':
            a->db = optarg;
            break;
        default:
            return cs_cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return 0;
}

/* ---- cells ---- */

/* A number for CSV and JSON: the shortest text that reads back the same; "" for NaN. */
static void num_text(char *out, size_t cap, double v)
{
    if (isnan(v))
        out[0] = '\0';
    else if (v == floor(v) && fabs(v) < 9e15)
        snprintf(out, cap, "%.0f", v);
    else
        cs_format_double(out, cap, v);
}

/* A number for the table, in the language's style: amounts and counts without decimals
 * unless they have some; "?" for NaN. */
static void num_table(char *out, size_t cap, double v, cs_lang lang)
{
    cs_i18n_format_number(out, cap, lang, v, isnan(v) || v == floor(v) ? 0 : 2);
}

/* A percentage (of a fraction when scale is 100) for the table: "92.6", "+7.2", "?". */
static void pct_table(char *out, size_t cap, double v, double scale, cs_lang lang, int sign)
{
    if (isnan(v)) {
        snprintf(out, cap, "?");
        return;
    }
    size_t plus = sign && v * scale >= 0.05 && cap > 1;
    if (plus)
        out[0] = '+';
    cs_i18n_format_number(out + plus, cap - plus, lang, v * scale, 1);
}

static const char *word(cs_lang lang, const char *key)
{
    return cs_i18n_text(lang, key);
}

static const char *basis_word(cs_lang lang, cs_programme_basis b)
{
    return word(lang, b == CS_BASIS_STATED         ? "pg_basis_stated"
                      : b == CS_BASIS_APPLICATIONS ? "pg_basis_applications"
                                                   : "pg_basis_none");
}

/* ---- an aligned table: cells appended row by row, written with the widest cell per column */

typedef struct {
    size_t ncol;
    char **cell;
    size_t n, cap;
    const unsigned char *right; /* per column: numbers, right-aligned */
} grid;

static int grid_add(grid *g, const char *s)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 64;
        char **grown = realloc(g->cell, cap * sizeof *grown);
        if (!grown)
            return cs_error_set(CS_ENOMEM, "out of memory");
        g->cell = grown;
        g->cap = cap;
    }
    cs_buf plain = CS_BUF_INIT;
    int rc = cs_textout_plain(&plain, s ? s : "");
    g->cell[g->n] = rc ? NULL : strdup(cs_buf_str(&plain));
    cs_buf_free(&plain);
    if (!g->cell[g->n])
        return cs_error_set(CS_ENOMEM, "out of memory");
    g->n++;
    return 0;
}

static void grid_free(grid *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->cell[i]);
    free(g->cell);
    memset(g, 0, sizeof *g);
}

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

/* Writes the grid (its first row the headings) with two spaces between columns. */
static int grid_write(cs_buf *b, const grid *g)
{
    size_t w[32] = { 0 }, nc = g->ncol < 32 ? g->ncol : 32;
    for (size_t i = 0; i < g->n; i++)
        if (width(g->cell[i]) > w[i % g->ncol])
            w[i % g->ncol] = width(g->cell[i]);
    int rc = 0;
    for (size_t i = 0; i < g->n && !rc; i++) {
        size_t c = i % g->ncol, fill = c < nc ? w[c] - width(g->cell[i]) : 0;
        rc = c ? pad(b, 2) : 0;
        if (!rc && g->right[c])
            rc = pad(b, fill);
        rc = rc ? rc : cs_buf_puts(b, g->cell[i]);
        if (!rc && !g->right[c] && c + 1 < g->ncol)
            rc = pad(b, fill);
        if (!rc && c + 1 == g->ncol) {
            while (b->len && b->data[b->len - 1] == ' ') /* empty last cells */
                b->data[--b->len] = '\0';
            rc = cs_textout_putc(b, '\n');
        }
    }
    return rc;
}

static int grid_heads(grid *g, cs_lang lang, const char *const *keys, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = grid_add(g, word(lang, keys[i]));
    return rc;
}

/* ---- programmes ---- */

typedef struct {
    const cs_programme_set *set;
    const prog_args *a;
} out_ctx;

static const char *programme_name(const cs_programme_info *p, cs_lang lang)
{
    return lang == CS_LANG_RU && p->name_ru ? p->name_ru : p->name_en;
}

static int table_rounds(cs_buf *b, const cs_programme_info *p, cs_lang lang)
{
    static const char *const heads[] = { "pg_round",       "pg_year",        "pg_budget",
                                         "pg_requested",   "pg_awarded",     "pg_applications",
                                         "pg_awards",      "pg_stored",      "pg_sum_requested",
                                         "pg_sum_awarded", "pg_rate_amount", "pg_basis",
                                         "pg_rate_count",  "pg_basis" };
    static const unsigned char right[] = { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0 };
    grid g = { 14, NULL, 0, 0, right };
    int rc = grid_heads(&g, lang, heads, 14);
    char t[64];
    for (size_t k = 0; k < p->n_rounds && !rc; k++) {
        const cs_programme_round_stats *r = &p->rounds[k];
        double v[] = { r->budget,        r->requested,  r->awarded,
                       r->applications,  r->awards,     (double)r->n_applications,
                       r->sum_requested, r->sum_awarded };
        rc = grid_add(&g, r->round);
        snprintf(t, sizeof t, "%d", r->year);
        rc = rc ? rc : grid_add(&g, t);
        for (size_t i = 0; i < 8 && !rc; i++) {
            num_table(t, sizeof t, v[i], lang);
            rc = grid_add(&g, t);
        }
        pct_table(t, sizeof t, r->rate_amount, 100, lang, 0);
        rc = rc ? rc : grid_add(&g, t);
        rc = rc ? rc : grid_add(&g, basis_word(lang, r->rate_amount_basis));
        pct_table(t, sizeof t, r->rate_count, 100, lang, 0);
        rc = rc ? rc : grid_add(&g, t);
        rc = rc ? rc : grid_add(&g, basis_word(lang, r->rate_count_basis));
    }
    rc = rc ? rc : grid_write(b, &g);
    grid_free(&g);
    return rc;
}

static int table_shares(cs_buf *b, const cs_programme_info *p, cs_lang lang)
{
    static const char *const heads[] = {
        "pg_round",        "pg_specialisation", "pg_basis",       "pg_clusters",    "pg_awarded",
        "pg_share_amount", "pg_change_amount",  "pg_share_count", "pg_change_count"
    };
    static const unsigned char right[] = { 0, 0, 0, 1, 1, 1, 1, 1, 1 };
    grid g = { 9, NULL, 0, 0, right };
    int rc = grid_heads(&g, lang, heads, 9);
    char t[64];
    for (size_t k = 0; k < p->n_rounds && !rc; k++)
        for (size_t j = 0; j < p->rounds[k].n_shares && !rc; j++) {
            const cs_programme_share *s = &p->rounds[k].shares[j];
            rc = grid_add(&g, p->rounds[k].round);
            rc = rc ? rc
                    : grid_add(&g, s->specialisation ? s->specialisation
                                                     : word(lang, "pg_unknown_spec"));
            rc = rc ? rc : grid_add(&g, basis_word(lang, s->basis));
            num_table(t, sizeof t, s->clusters, lang);
            rc = rc ? rc : grid_add(&g, t);
            num_table(t, sizeof t, s->awarded, lang);
            rc = rc ? rc : grid_add(&g, t);
            double pc[] = { s->share_amount, s->change_amount, s->share_count, s->change_count };
            for (int i = 0; i < 4 && !rc; i++) {
                pct_table(t, sizeof t, pc[i], 1, lang, i % 2);
                rc = grid_add(&g, t);
            }
        }
    rc = rc ? rc : grid_write(b, &g);
    grid_free(&g);
    return rc;
}

static int table_applications(cs_buf *b, const cs_programme_info *p, cs_lang lang)
{
    static const char *const heads[] = { "pg_round",     "pg_cluster", "pg_decision",
                                         "pg_requested", "pg_awarded", "pg_source" };
    static const unsigned char right[] = { 0, 0, 0, 1, 1, 0 };
    grid g = { 6, NULL, 0, 0, right };
    int rc = grid_heads(&g, lang, heads, 6);
    char t[64], key[64];
    for (size_t k = 0; k < p->n_rounds && !rc; k++)
        for (size_t j = 0; j < p->rounds[k].n_apps && !rc; j++) {
            const cs_programme_application *ap = &p->rounds[k].apps[j];
            rc = grid_add(&g, p->rounds[k].round);
            rc = rc ? rc : grid_add(&g, ap->cluster);
            snprintf(key, sizeof key, "pg_decision_%s", ap->decision ? ap->decision : "none");
            rc = rc ? rc : grid_add(&g, word(lang, key));
            num_table(t, sizeof t, ap->requested, lang);
            rc = rc ? rc : grid_add(&g, t);
            num_table(t, sizeof t, ap->awarded, lang);
            rc = rc ? rc : grid_add(&g, t);
            rc = rc ? rc : grid_add(&g, ap->source);
        }
    rc = rc ? rc : grid_write(b, &g);
    grid_free(&g);
    return rc;
}

static int write_programmes_table(cs_buf *b, const out_ctx *o)
{
    cs_lang lang = o->a->lang;
    int rc = 0;
    if (!o->set->n_programmes)
        return cs_buf_printf(b, "%s\n", word(lang, "pg_none"));
    char key[64];
    for (size_t i = 0; i < o->set->n_programmes && !rc; i++) {
        const cs_programme_info *p = &o->set->programmes[i];
        snprintf(key, sizeof key, "pg_kind_%s", p->kind);
        cs_buf plain = CS_BUF_INIT;
        rc = cs_textout_plain(&plain, programme_name(p, lang));
        rc = rc ? rc
                : cs_buf_printf(b, "%s%s (%s; %s%s%s)\n", i ? "\n" : "", cs_buf_str(&plain), p->key,
                                word(lang, key), p->currency ? ", " : "",
                                p->currency ? p->currency : "");
        cs_buf_free(&plain);
        if (rc || !p->n_rounds)
            continue;
        rc = table_rounds(b, p, lang);
        int shares = 0, apps = 0;
        for (size_t k = 0; k < p->n_rounds; k++) {
            shares += p->rounds[k].n_shares > 0;
            apps += p->rounds[k].n_apps > 0;
        }
        if (!rc && shares) {
            rc = cs_buf_printf(b, "\n%s\n", word(lang, "pg_shares_title"));
            rc = rc ? rc : table_shares(b, p, lang);
        }
        if (!rc && apps) {
            rc = cs_buf_printf(b, "\n%s\n", word(lang, "pg_applications_title"));
            rc = rc ? rc : table_applications(b, p, lang);
        }
    }
    rc = rc ? rc : cs_buf_printf(b, "\n%s\n", word(lang, "pg_legend"));
    return rc;
}

/* CSV cells: text (guarded), and numbers (never guarded, empty when unknown). */
static int csv_t(cs_buf *b, const char *s, int first)
{
    int rc = first ? 0 : cs_textout_putc(b, ',');
    return rc ? rc : cs_textout_csv_text(b, s, 0);
}

static int csv_n(cs_buf *b, double v)
{
    char t[64];
    num_text(t, sizeof t, v);
    int rc = cs_textout_putc(b, ',');
    return rc ? rc : cs_buf_puts(b, t);
}

static int csv_year(cs_buf *b, int y)
{
    return csv_n(b, y < 0 ? NAN : (double)y);
}

static int write_programmes_csv(cs_buf *b, const out_ctx *o)
{
    const cs_programme_set *s = o->set;
    int rc = cs_buf_puts(b, "programme,kind,name_en,name_ru,operator,country,started,ended,"
                            "budget,currency,levels,url,source,locator,quote\n");
    for (size_t i = 0; i < s->n_programmes && !rc; i++) {
        const cs_programme_info *p = &s->programmes[i];
        rc = csv_t(b, p->key, 1);
        const char *t1[] = { p->kind, p->name_en, p->name_ru, p->operator_name, p->country };
        for (int k = 0; k < 5 && !rc; k++)
            rc = csv_t(b, t1[k], 0);
        rc = rc ? rc : csv_year(b, p->started);
        rc = rc ? rc : csv_year(b, p->ended);
        rc = rc ? rc : csv_n(b, p->budget);
        const char *t2[] = { p->currency, p->levels, p->url, p->source, p->locator, p->quote };
        for (int k = 0; k < 6 && !rc; k++)
            rc = csv_t(b, t2[k], 0);
        rc = rc ? rc : cs_textout_putc(b, '\n');
    }
    rc = rc ? rc
            : cs_buf_puts(b, "\nprogramme,round,year,stated_budget,stated_requested,"
                             "stated_awarded,stated_applications,stated_awards,applications,"
                             "awards,undecided,sum_requested,sum_awarded,rate_amount,"
                             "rate_amount_basis,rate_count,rate_count_basis,status,source,"
                             "locator,quote\n");
    for (size_t i = 0; i < s->n_programmes && !rc; i++)
        for (size_t k = 0; k < s->programmes[i].n_rounds && !rc; k++) {
            const cs_programme_round_stats *r = &s->programmes[i].rounds[k];
            rc = csv_t(b, s->programmes[i].key, 1);
            rc = rc ? rc : csv_t(b, r->round, 0);
            rc = rc ? rc : csv_year(b, r->year);
            double v[] = { r->budget,
                           r->requested,
                           r->awarded,
                           r->applications,
                           r->awards,
                           (double)r->n_applications,
                           (double)r->n_awarded,
                           (double)r->n_undecided,
                           r->sum_requested,
                           r->sum_awarded,
                           r->rate_amount };
            for (int j = 0; j < 11 && !rc; j++)
                rc = csv_n(b, v[j]);
            rc = rc ? rc : csv_t(b, cs_programme_basis_name(r->rate_amount_basis), 0);
            rc = rc ? rc : csv_n(b, r->rate_count);
            rc = rc ? rc : csv_t(b, cs_programme_basis_name(r->rate_count_basis), 0);
            const char *t[] = { r->status, r->source, r->locator, r->quote };
            for (int j = 0; j < 4 && !rc; j++)
                rc = csv_t(b, t[j], 0);
            rc = rc ? rc : cs_textout_putc(b, '\n');
        }
    rc = rc ? rc
            : cs_buf_puts(b, "\nprogramme,round,year,specialisation,basis,clusters,requested,"
                             "awarded,share_amount_pct,change_amount_pp,share_count_pct,"
                             "change_count_pp,status,source,locator,quote\n");
    for (size_t i = 0; i < s->n_programmes && !rc; i++)
        for (size_t k = 0; k < s->programmes[i].n_rounds && !rc; k++) {
            const cs_programme_round_stats *r = &s->programmes[i].rounds[k];
            for (size_t j = 0; j < r->n_shares && !rc; j++) {
                const cs_programme_share *sh = &r->shares[j];
                rc = csv_t(b, s->programmes[i].key, 1);
                rc = rc ? rc : csv_t(b, r->round, 0);
                rc = rc ? rc : csv_year(b, r->year);
                rc = rc ? rc : csv_t(b, sh->specialisation, 0);
                rc = rc ? rc : csv_t(b, cs_programme_basis_name(sh->basis), 0);
                double v[] = { sh->clusters,     sh->requested,     sh->awarded,
                               sh->share_amount, sh->change_amount, sh->share_count,
                               sh->change_count };
                for (int m = 0; m < 7 && !rc; m++)
                    rc = csv_n(b, v[m]);
                const char *t[] = { sh->status, sh->source, sh->locator, sh->quote };
                for (int m = 0; m < 4 && !rc; m++)
                    rc = csv_t(b, t[m], 0);
                rc = rc ? rc : cs_textout_putc(b, '\n');
            }
        }
    rc = rc ? rc
            : cs_buf_puts(b, "\nprogramme,round,year,cluster,cluster_name,specialisation,"
                             "decision,requested,awarded,status,source,locator,quote\n");
    for (size_t i = 0; i < s->n_programmes && !rc; i++)
        for (size_t k = 0; k < s->programmes[i].n_rounds && !rc; k++) {
            const cs_programme_round_stats *r = &s->programmes[i].rounds[k];
            for (size_t j = 0; j < r->n_apps && !rc; j++) {
                const cs_programme_application *ap = &r->apps[j];
                rc = csv_t(b, s->programmes[i].key, 1);
                rc = rc ? rc : csv_t(b, r->round, 0);
                rc = rc ? rc : csv_year(b, r->year);
                const char *t1[] = { ap->cluster, ap->cluster_name, ap->specialisation,
                                     ap->decision };
                for (int m = 0; m < 4 && !rc; m++)
                    rc = csv_t(b, t1[m], 0);
                rc = rc ? rc : csv_n(b, ap->requested);
                rc = rc ? rc : csv_n(b, ap->awarded);
                const char *t2[] = { ap->status, ap->source, ap->locator, ap->quote };
                for (int m = 0; m < 4 && !rc; m++)
                    rc = csv_t(b, t2[m], 0);
                rc = rc ? rc : cs_textout_putc(b, '\n');
            }
        }
    return rc;
}

static void json_source(cs_jsonw *w, const char *status, const char *source, const char *locator,
                        const char *quote)
{
    cs_jsonw_string(w, "status", status);
    cs_jsonw_string(w, "source", source);
    cs_jsonw_string(w, "locator", locator);
    cs_jsonw_string(w, "quote", quote);
}

static void json_round(cs_jsonw *w, const cs_programme_round_stats *r)
{
    cs_jsonw_open(w, NULL, '{');
    cs_jsonw_string(w, "round", r->round);
    cs_jsonw_int(w, "year", r->year);
    cs_jsonw_open(w, "stated", '{');
    cs_jsonw_number(w, "budget", r->budget);
    cs_jsonw_number(w, "requested", r->requested);
    cs_jsonw_number(w, "awarded", r->awarded);
    cs_jsonw_number(w, "applications", r->applications);
    cs_jsonw_number(w, "awards", r->awards);
    json_source(w, r->status, r->source, r->locator, r->quote);
    cs_jsonw_string(w, "note", r->note);
    cs_jsonw_close(w, '}');
    cs_jsonw_open(w, "from_applications", '{');
    cs_jsonw_int(w, "applications", (long long)r->n_applications);
    cs_jsonw_int(w, "awards", (long long)r->n_awarded);
    cs_jsonw_int(w, "undecided", (long long)r->n_undecided);
    cs_jsonw_number(w, "requested", r->sum_requested);
    cs_jsonw_number(w, "awarded", r->sum_awarded);
    cs_jsonw_close(w, '}');
    cs_jsonw_open(w, "award_rate", '{');
    cs_jsonw_number(w, "by_amount", r->rate_amount);
    cs_jsonw_string(w, "by_amount_basis", cs_programme_basis_name(r->rate_amount_basis));
    cs_jsonw_number(w, "by_count", r->rate_count);
    cs_jsonw_string(w, "by_count_basis", cs_programme_basis_name(r->rate_count_basis));
    cs_jsonw_close(w, '}');
    cs_jsonw_open(w, "shares", '[');
    for (size_t j = 0; j < r->n_shares; j++) {
        const cs_programme_share *s = &r->shares[j];
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "specialisation", s->specialisation);
        cs_jsonw_string(w, "basis", cs_programme_basis_name(s->basis));
        cs_jsonw_number(w, "clusters", s->clusters);
        cs_jsonw_number(w, "requested", s->requested);
        cs_jsonw_number(w, "awarded", s->awarded);
        cs_jsonw_number(w, "share_amount_pct", s->share_amount);
        cs_jsonw_number(w, "change_amount_pp", s->change_amount);
        cs_jsonw_number(w, "share_count_pct", s->share_count);
        cs_jsonw_number(w, "change_count_pp", s->change_count);
        json_source(w, s->status, s->source, s->locator, s->quote);
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
    cs_jsonw_open(w, "applications", '[');
    for (size_t j = 0; j < r->n_apps; j++) {
        const cs_programme_application *ap = &r->apps[j];
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "cluster", ap->cluster);
        cs_jsonw_string(w, "cluster_name", ap->cluster_name);
        cs_jsonw_string(w, "specialisation", ap->specialisation);
        cs_jsonw_string(w, "decision", ap->decision);
        cs_jsonw_number(w, "requested", ap->requested);
        cs_jsonw_number(w, "awarded", ap->awarded);
        json_source(w, ap->status, ap->source, ap->locator, ap->quote);
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
    cs_jsonw_close(w, '}');
}

static int write_programmes_json(cs_buf *b, FILE *f, const out_ctx *o)
{
    cs_jsonw w;
    cs_jsonw_init(&w, b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "format", "clusterscope-programmes");
    cs_jsonw_open(&w, "programmes", '[');
    for (size_t i = 0; i < o->set->n_programmes; i++) {
        const cs_programme_info *p = &o->set->programmes[i];
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "key", p->key);
        cs_jsonw_string(&w, "kind", p->kind);
        cs_jsonw_string(&w, "name_en", p->name_en);
        cs_jsonw_string(&w, "name_ru", p->name_ru);
        cs_jsonw_string(&w, "operator", p->operator_name);
        cs_jsonw_string(&w, "country", p->country);
        cs_jsonw_number(&w, "started", p->started < 0 ? NAN : p->started);
        cs_jsonw_number(&w, "ended", p->ended < 0 ? NAN : p->ended);
        cs_jsonw_number(&w, "budget", p->budget);
        cs_jsonw_string(&w, "currency", p->currency);
        cs_jsonw_string(&w, "levels", p->levels);
        cs_jsonw_string(&w, "url", p->url);
        json_source(&w, NULL, p->source, p->locator, p->quote);
        cs_jsonw_open(&w, "rounds", '[');
        for (size_t k = 0; k < p->n_rounds; k++)
            json_round(&w, &p->rounds[k]);
        cs_jsonw_close(&w, ']');
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    return w.rc ? w.rc : cs_textout_putc(b, '\n');
}

/* ---- registries ---- */

static int write_listings_table(cs_buf *b, const out_ctx *o)
{
    cs_lang lang = o->a->lang;
    if (!o->set->n_listings)
        return cs_buf_printf(b, "%s\n", word(lang, "pg_no_listings"));
    static const char *const heads[] = { "pg_programme",    "pg_kind",  "pg_cluster",
                                         "pg_entered",      "pg_left",  "pg_level",
                                         "pg_decision_act", "pg_source" };
    static const unsigned char right[] = { 0, 0, 0, 0, 0, 0, 0, 0 };
    grid g = { 8, NULL, 0, 0, right };
    int rc = grid_heads(&g, lang, heads, 8);
    char key[64];
    for (size_t i = 0; i < o->set->n_listings && !rc; i++) {
        const cs_programme_listing *l = &o->set->listings[i];
        snprintf(key, sizeof key, "pg_kind_%s", l->programme_kind ? l->programme_kind : "");
        rc = grid_add(&g, l->programme);
        rc = rc ? rc : grid_add(&g, word(lang, key));
        rc = rc ? rc : grid_add(&g, l->cluster);
        rc = rc ? rc : grid_add(&g, l->entered);
        rc = rc ? rc : grid_add(&g, l->left_on ? l->left_on : "");
        rc = rc ? rc : grid_add(&g, l->level ? l->level : "");
        rc = rc ? rc : grid_add(&g, l->decision ? l->decision : "");
        rc = rc ? rc : grid_add(&g, l->source ? l->source : "");
    }
    rc = rc ? rc : grid_write(b, &g);
    grid_free(&g);
    return rc;
}

static int write_listings_csv(cs_buf *b, const out_ctx *o)
{
    int rc = cs_buf_puts(b, "programme,kind,programme_name,cluster,cluster_name,entered,left_on,"
                            "level,decision,status,source,locator,quote,note\n");
    for (size_t i = 0; i < o->set->n_listings && !rc; i++) {
        const cs_programme_listing *l = &o->set->listings[i];
        const char *t[] = { l->programme,
                            l->programme_kind,
                            l->programme_name_en,
                            l->cluster,
                            l->cluster_name,
                            l->entered,
                            l->left_on,
                            l->level,
                            l->decision,
                            l->status,
                            l->source,
                            l->locator,
                            l->quote,
                            l->note };
        for (int k = 0; k < 14 && !rc; k++)
            rc = csv_t(b, t[k], k == 0);
        rc = rc ? rc : cs_textout_putc(b, '\n');
    }
    return rc;
}

static int write_listings_json(cs_buf *b, FILE *f, const out_ctx *o)
{
    cs_jsonw w;
    cs_jsonw_init(&w, b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "format", "clusterscope-registries");
    if (o->a->year)
        cs_jsonw_int(&w, "year", o->a->year);
    else
        cs_jsonw_null(&w, "year");
    cs_jsonw_open(&w, "listings", '[');
    for (size_t i = 0; i < o->set->n_listings; i++) {
        const cs_programme_listing *l = &o->set->listings[i];
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "programme", l->programme);
        cs_jsonw_string(&w, "kind", l->programme_kind);
        cs_jsonw_string(&w, "programme_name_en", l->programme_name_en);
        cs_jsonw_string(&w, "programme_name_ru", l->programme_name_ru);
        cs_jsonw_string(&w, "cluster", l->cluster);
        cs_jsonw_string(&w, "cluster_name", l->cluster_name);
        cs_jsonw_string(&w, "entered", l->entered);
        cs_jsonw_string(&w, "left_on", l->left_on);
        cs_jsonw_string(&w, "level", l->level);
        cs_jsonw_string(&w, "decision", l->decision);
        json_source(&w, l->status, l->source, l->locator, l->quote);
        cs_jsonw_string(&w, "note", l->note);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    return w.rc ? w.rc : cs_textout_putc(b, '\n');
}

static int write_out(FILE *f, void *ctx)
{
    const out_ctx *o = ctx;
    cs_buf b = CS_BUF_INIT;
    int rc;
    switch (o->a->format) {
    case CS_FORMAT_CSV:
        rc = o->a->registries ? write_listings_csv(&b, o) : write_programmes_csv(&b, o);
        break;
    case CS_FORMAT_JSON:
        rc = o->a->registries ? write_listings_json(&b, f, o) : write_programmes_json(&b, f, o);
        break;
    default:
        rc = o->a->registries ? write_listings_table(&b, o) : write_programmes_table(&b, o);
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

/* A key the registry does not hold is bad data (exit 3); a programme is named with the keys
 * the registry holds. */
static int not_found(cs_service *svc, const prog_args *a)
{
    if (!a->programme || !strstr(cs_error_last(), "no programme")) {
        fprintf(stderr, "clusterscope: %s\n", cs_error_last());
        return CS_CLI_EXIT_DATA;
    }
    cs_programme_set *all = NULL;
    cs_buf keys = CS_BUF_INIT;
    if (!cs_service_programmes(&all, svc, NULL, NULL, 0))
        for (size_t i = 0; i < all->n_programmes; i++)
            cs_buf_printf(&keys, "%s%s", i ? ", " : "", all->programmes[i].key);
    cs_buf plain = CS_BUF_INIT;
    cs_textout_plain(&plain, a->programme);
    fprintf(stderr, "clusterscope: no programme with key '%s' in %s; expected one of: %s\n",
            cs_buf_str(&plain), cs_cli_registry_path(a->db),
            keys.len ? cs_buf_str(&keys) : "(the registry holds none)");
    cs_buf_free(&plain);
    cs_buf_free(&keys);
    cs_programme_set_free(all);
    return CS_CLI_EXIT_DATA;
}

static int run(int argc, char **argv, int registries)
{
    prog_args a;
    int status = parse_args(&a, argc, argv, registries);
    if (status)
        return status;
    cs_service *svc = NULL;
    cs_programme_set *set = NULL;
    int rc = cs_cli_open(&svc, a.db, CS_SERVICE_READ);
    if (!rc) {
        rc = cs_service_programmes(&set, svc, a.programme, a.cluster, a.year);
        if (rc == CS_ENOTFOUND) {
            status = not_found(svc, &a);
            cs_service_close(svc);
            return status;
        }
    }
    if (!rc) {
        out_ctx o = { set, &a };
        rc = cs_cli_write(a.output, write_out, &o);
    }
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    cs_programme_set_free(set);
    cs_service_close(svc);
    return status;
}

int cs_cmd_programmes(int argc, char **argv)
{
    return run(argc, argv, 0);
}

int cs_cmd_registries(int argc, char **argv)
{
    return run(argc, argv, 1);
}
