/*
 * cmd_counts.c: `clusterscope counts --by FIELD [--year Y]`: the registry's clusters counted by
 * kind, specialisation, stage, region or registry listing, as of a year, with shares, the
 * unknown row and a source's stated figures beside the counted ones (service.h,
 * cs_service_count_clusters), as a table, CSV or JSON.
 */
#include "cli.h"
#include "table_out.h"

#include "clusterscope/error.h"
#include "util/buf.h"
#include "util/textout.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const cs_counts *c;
    cs_format format;
    cs_lang lang;
} counts_out;

static const char *W(const counts_out *o, const char *key)
{
    return cs_i18n_text(o->lang, key);
}

/* A word of the catalogue for PREFIX + VALUE, or the value itself. */
static const char *word(const counts_out *o, const char *prefix, const char *value)
{
    char key[128];
    if (snprintf(key, sizeof key, "%s%s", prefix, value) >= (int)sizeof key)
        return value;
    const char *w = W(o, key);
    return strcmp(w, key) == 0 ? value : w;
}

static const char *row_name(const counts_out *o, const cs_counts_row *r)
{
    if (!*r->value)
        return W(o, o->c->by == CS_COUNTS_REGISTRY ? "ct_nowhere" : "ct_unknown");
    const char *n = o->lang == CS_LANG_RU && *r->name_ru ? r->name_ru : r->name_en;
    switch (o->c->by) {
    case CS_COUNTS_KIND:
        return word(o, "kind_", r->value);
    case CS_COUNTS_STAGE:
        return word(o, "web.stage_", r->value);
    case CS_COUNTS_REGION:
    case CS_COUNTS_REGISTRY:
        return *n ? n : r->value;
    case CS_COUNTS_SPECIALISATION:
        break;
    }
    return r->value;
}

static void share(char *out, size_t cap, cs_lang lang, double v)
{
    if (isnan(v)) {
        snprintf(out, cap, "?");
        return;
    }
    char num[48];
    cs_i18n_format_number(num, sizeof num, lang, v * 100, 1);
    snprintf(out, cap, "%s%s", num, lang == CS_LANG_RU ? "\xc2\xa0%" : "%");
}

static void stated_text(char *out, size_t cap, const counts_out *o, int has, double v,
                        const char *source, int year)
{
    if (!has) {
        out[0] = 0;
        return;
    }
    char num[64];
    cs_i18n_format_number(num, sizeof num, o->lang, v, 0);
    snprintf(out, cap, W(o, "ct_stated_source"), num, source, year);
}

static int write_table(FILE *f, const counts_out *o)
{
    const cs_counts *c = o->c;
    char by[64], when[64], head[512];
    snprintf(by, sizeof by, "ct_by_%s", cs_counts_by_name(c->by));
    if (c->year)
        snprintf(when, sizeof when, W(o, "ct_as_of"), c->year);
    else
        snprintf(when, sizeof when, "%s", W(o, "ct_now"));
    snprintf(head, sizeof head, W(o, "ct_heading"), W(o, by), when);
    cs_cli_put_text(f, "%s", head);
    if (*c->country)
        cs_cli_put_text(f, ", %s", c->country);
    fputs("\n\n", f);
    int undated = c->year && c->by != CS_COUNTS_REGISTRY;
    int stated = c->has_stated;
    for (size_t i = 0; i < c->n; i++)
        stated |= c->rows[i].has_stated;
    /* columns: value, clusters, share, [founding unknown], [stated] */
    const char *h[5] = { W(o, by), W(o, "ct_col_clusters"), W(o, "ct_col_share"), NULL, NULL };
    size_t nc = 3;
    if (undated)
        h[nc++] = W(o, "ct_col_undated");
    if (stated)
        h[nc++] = W(o, "ct_col_stated");
    cs_cli_table tb;
    int rc = cs_cli_table_init(&tb, nc, c->n + 2);
    rc = rc ? rc : cs_cli_table_row(&tb, h);
    for (size_t i = 0; !rc && i <= c->n; i++) {
        const cs_counts_row *r = i < c->n ? &c->rows[i] : NULL;
        char n[32], s[64] = "", u[32], st[256];
        snprintf(n, sizeof n, "%lld", r ? r->count : c->counted);
        if (r)
            share(s, sizeof s, o->lang, r->share);
        snprintf(u, sizeof u, "%lld", r ? r->undated : c->undated);
        if (r)
            stated_text(st, sizeof st, o, r->has_stated, r->stated, r->stated_source,
                        r->stated_year);
        else
            stated_text(st, sizeof st, o, c->has_stated, c->stated, c->stated_source,
                        c->stated_year);
        const char *cells[5] = { r ? row_name(o, r) : W(o, "ct_total"), n, s, NULL, NULL };
        size_t k = 3;
        if (undated)
            cells[k++] = u;
        if (stated)
            cells[k++] = st;
        rc = cs_cli_table_row(&tb, cells);
    }
    if (tb.cell)
        cs_cli_table_write(f, &tb);
    char line[512];
    if (!rc && undated) {
        snprintf(line, sizeof line, W(o, "ct_note_year"), c->year, c->counted, c->undated,
                 c->later);
        fprintf(f, "\n%s\n", line);
    }
    if (!rc && c->by == CS_COUNTS_REGISTRY) {
        snprintf(line, sizeof line, W(o, "ct_note_registry"), c->clusters);
        fprintf(f, "\n%s\n", line);
    }
    return rc;
}

static int csv_num(cs_buf *b, double v)
{
    return isnan(v) ? 0 : cs_textout_json_double(b, v);
}

static int write_csv(FILE *f, const counts_out *o)
{
    const cs_counts *c = o->c;
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_puts(&b, "by,year,country,row,value,name,clusters,share,founding_unknown,"
                             "stated,stated_year,stated_source\n");
    for (size_t i = 0; !rc && i <= c->n; i++) {
        const cs_counts_row *r = i < c->n ? &c->rows[i] : NULL;
        rc = cs_textout_csv_text(&b, cs_counts_by_name(c->by), 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : (c->year ? cs_textout_csv_int(&b, c->year, 0) : 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, c->country, 0);
        rc = rc ? rc : cs_buf_puts(&b, !r ? ",total," : *r->value ? ",value," : ",unknown,");
        rc = rc ? rc : cs_textout_csv_text(&b, r ? r->value : "", 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, r ? r->name_en : "", 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_int(&b, r ? r->count : c->counted, 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : csv_num(&b, r ? r->share : NAN);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_int(&b, r ? r->undated : c->undated, 0);
        int has = r ? r->has_stated : c->has_stated;
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : (has ? csv_num(&b, r ? r->stated : c->stated) : 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : (has ? cs_textout_csv_int(&b, r ? r->stated_year : c->stated_year, 0) : 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc
                : cs_textout_csv_text(&b, has ? (r ? r->stated_source : c->stated_source) : "", 0);
        rc = rc ? rc : cs_textout_putc(&b, '\n');
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

static void json_stated(cs_jsonw *w, int has, double v, int year, const char *source)
{
    if (!has) {
        cs_jsonw_null(w, "stated");
        return;
    }
    cs_jsonw_open(w, "stated", '{');
    cs_jsonw_real(w, "value", v);
    cs_jsonw_int(w, "year", year);
    cs_jsonw_string(w, "source", source);
    cs_jsonw_close(w, '}');
}

static int write_json(FILE *f, const counts_out *o)
{
    const cs_counts *c = o->c;
    cs_buf b = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "by", cs_counts_by_name(c->by));
    if (c->year)
        cs_jsonw_int(&w, "year", c->year);
    else
        cs_jsonw_null(&w, "year");
    if (*c->country)
        cs_jsonw_string(&w, "country", c->country);
    else
        cs_jsonw_null(&w, "country");
    cs_jsonw_int(&w, "clusters", c->clusters);
    cs_jsonw_int(&w, "counted", c->counted);
    cs_jsonw_int(&w, "founding_unknown", c->undated);
    cs_jsonw_int(&w, "founded_later", c->later);
    json_stated(&w, c->has_stated, c->stated, c->stated_year, c->stated_source);
    cs_jsonw_open(&w, "rows", '[');
    for (size_t i = 0; i < c->n; i++) {
        const cs_counts_row *r = &c->rows[i];
        cs_jsonw_open(&w, NULL, '{');
        if (*r->value)
            cs_jsonw_string(&w, "value", r->value);
        else
            cs_jsonw_null(&w, "value"); /* unknown (by registry: listed nowhere) */
        cs_jsonw_string(&w, "name", row_name(o, r));
        cs_jsonw_int(&w, "clusters", r->count);
        if (isnan(r->share))
            cs_jsonw_null(&w, "share");
        else
            cs_jsonw_real(&w, "share", r->share);
        cs_jsonw_int(&w, "founding_unknown", r->undated);
        json_stated(&w, r->has_stated, r->stated, r->stated_year, r->stated_source);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    int rc = w.rc ? w.rc : cs_textout_putc(&b, '\n');
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

static int write_output(FILE *f, void *ctx)
{
    const counts_out *o = ctx;
    switch (o->format) {
    case CS_FORMAT_TABLE:
        return write_table(f, o);
    case CS_FORMAT_CSV:
        return write_csv(f, o);
    case CS_FORMAT_JSON:
        return write_json(f, o);
    }
    return CS_EUSAGE;
}

int cs_cmd_counts(int argc, char **argv)
{
    static const struct option options[] = {
        { "by", required_argument, NULL, 'b' },      { "year", required_argument, NULL, 'y' },
        { "country", required_argument, NULL, 'C' }, { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },  { "lang", required_argument, NULL, 'l' },
        { "db", required_argument, NULL, 'd' },      { NULL, 0, NULL, 0 }
    };
    const char *cmd = "counts", *output = NULL, *db = NULL, *country = NULL;
    counts_out o = { NULL, CS_FORMAT_TABLE, CS_LANG_EN };
    cs_counts_by by = CS_COUNTS_KIND;
    int have_by = 0, year = 0, c;
    long v;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'b':
            if (cs_counts_by_parse(&by, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error(
                    cmd, "--by takes kind, specialisation, stage, region or registry, not '%s'",
                    optarg);
            }
            have_by = 1;
            break;
        case 'y':
            if (cs_cli_parse_long(&v, cmd, "--year", optarg, 1, 9999))
                return CS_CLI_EXIT_USAGE;
            year = (int)v;
            break;
        case 'C':
            country = optarg;
            break;
        case 'f':
            if (cs_cli_parse_format(&o.format, cmd, optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'o':
            output = optarg;
            break;
        case 'l':
            if (cs_lang_parse(&o.lang, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error(cmd, "--lang takes ru or en, not '%s'", optarg);
            }
            break;
        case 'd':
            db = optarg;
            break;
        default:
            return cs_cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (!have_by)
        return cs_cli_usage_error(cmd,
                                  "--by kind|specialisation|stage|region|registry is required");
    if (country && !*country)
        return cs_cli_usage_error(cmd, "--country needs a country code");
    if (optind < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    cs_service *svc = NULL;
    cs_counts *counts = NULL;
    int rc = cs_cli_open(&svc, db, CS_SERVICE_READ);
    rc = rc ? rc : cs_service_check_output(svc, output);
    rc = rc ? rc : cs_service_count_clusters(&counts, svc, by, year, country);
    if (!rc) {
        o.c = counts;
        rc = cs_cli_write(output, write_output, &o);
    }
    int status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    cs_counts_free(counts);
    cs_service_close(svc);
    return status;
}
