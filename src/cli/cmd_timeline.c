/*
 * cmd_timeline.c: `clusterscope timeline --cluster KEY`: a cluster's dated facts as series,
 * with growth between consecutive known years, compound annual growth over the span and its
 * targets with their progress (service.h, cs_service_timeline), as a table, CSV, JSON or SVG
 * (a line chart per fact, the target drawn dashed).
 */
#include "cli.h"
#include "table_out.h"

#include "clusterscope/error.h"
#include "clusterscope/report.h"
#include "util/buf.h"
#include "util/textout.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { TL_TABLE, TL_CSV, TL_JSON, TL_SVG } tl_format;

typedef struct {
    const cs_timeline *t;
    tl_format format;
    cs_lang lang;
} tl_out;

static const char *W(const tl_out *o, const char *key)
{
    return cs_i18n_text(o->lang, key);
}

static const char *label(const tl_out *o, const char *en, const char *ru)
{
    return o->lang == CS_LANG_RU && ru && *ru ? ru : en ? en : "";
}

/* A ratio as a percentage in the language: "+300.00%", "41,42 %"; "?" for NaN. */
static void pct(char *out, size_t cap, cs_lang lang, double v, int sign)
{
    if (isnan(v)) {
        snprintf(out, cap, "?");
        return;
    }
    char num[48];
    cs_i18n_format_number(num, sizeof num, lang, v * 100, 2);
    snprintf(out, cap, "%s%s%s", sign && v > 0 ? "+" : "", num,
             lang == CS_LANG_RU ? "\xc2\xa0%" : "%");
}

/* A status ("stated") in the language, through the report's words ("status_stated"). */
static const char *status_word(const tl_out *o, const char *status)
{
    char key[64];
    if (!*status || snprintf(key, sizeof key, "status_%s", status) >= (int)sizeof key)
        return status;
    return W(o, key);
}

static void num(char *out, size_t cap, cs_lang lang, double v)
{
    if (isnan(v))
        snprintf(out, cap, "?");
    else
        cs_i18n_format_number(out, cap, lang, v, v == floor(v) && fabs(v) < 1e15 ? 0 : 2);
}

static void year_text(char *out, size_t cap, const tl_out *o, int y)
{
    if (y)
        snprintf(out, cap, "%d", y);
    else
        snprintf(out, cap, "%s", W(o, "tl_not_stated"));
}

static int write_table(FILE *f, const tl_out *o)
{
    const cs_timeline *t = o->t;
    char head[512];
    snprintf(head, sizeof head, W(o, "tl_heading"), label(o, t->name_en, t->name_ru), t->cluster);
    cs_cli_put_text(f, "%s\n", head);
    if (!t->n_series)
        fprintf(f, "\n%s\n", W(o, "tl_no_series"));
    for (size_t i = 0; i < t->n_series; i++) {
        const cs_timeline_series *s = &t->series[i];
        fputc('\n', f);
        cs_cli_put_text(f, "%s", s->name);
        const char *l = label(o, s->label_en, s->label_ru);
        if (*l)
            cs_cli_put_text(f, " — %s", l);
        if (*s->unit)
            cs_cli_put_text(f, " (%s)", s->unit);
        fputc('\n', f);
        cs_cli_table tb;
        if (cs_cli_table_init(&tb, 6, s->n + 1))
            return CS_ENOMEM;
        const char *h[] = { W(o, "tl_col_year"), W(o, "tl_col_value"),  W(o, "tl_col_growth"),
                            W(o, "tl_col_gap"),  W(o, "tl_col_status"), W(o, "tl_col_source") };
        int rc = cs_cli_table_row(&tb, h);
        for (size_t k = 0; !rc && k < s->n; k++) {
            const cs_timeline_point *p = &s->points[k];
            char y[16], g[64], gap[16];
            snprintf(y, sizeof y, "%d", p->year);
            if (k)
                pct(g, sizeof g, o->lang, p->growth, 1);
            else
                g[0] = 0;
            snprintf(gap, sizeof gap, "%d", p->gap);
            const char *c[] = {
                y, *p->raw ? p->raw : "?", g, k ? gap : "", status_word(o, p->status), p->source
            };
            rc = cs_cli_table_row(&tb, c);
        }
        cs_cli_table_write(f, &tb);
        if (rc)
            return rc;
        if (s->first_year) {
            char ch[64], cg[64], line[512];
            pct(ch, sizeof ch, o->lang, s->change, 1);
            pct(cg, sizeof cg, o->lang, s->cagr, 0);
            snprintf(line, sizeof line, W(o, "tl_span"), s->first_year, s->last_year, ch, cg);
            fprintf(f, "%s\n", line);
        } else if (s->numeric) {
            fprintf(f, "%s\n", W(o, "tl_span_none"));
        }
        if (s->ranges) {
            char line[512];
            snprintf(line, sizeof line, W(o, "tl_ranges"), s->ranges);
            fprintf(f, "%s\n", line);
        }
    }
    if (t->n_series)
        fprintf(f, "%s\n", W(o, "tl_gaps"));
    fprintf(f, "\n%s\n", W(o, "tl_targets"));
    if (!t->n_targets) {
        fprintf(f, "%s\n", W(o, "tl_no_targets"));
        return 0;
    }
    cs_cli_table tb;
    if (cs_cli_table_init(&tb, 9, t->n_targets + 1))
        return CS_ENOMEM;
    const char *h[] = { W(o, "tl_col_fact"),
                        W(o, "tl_col_due"),
                        W(o, "tl_col_target"),
                        W(o, "tl_col_baseline"),
                        W(o, "tl_col_latest"),
                        W(o, "tl_col_progress"),
                        W(o, "tl_col_progress_baseline"),
                        W(o, "tl_col_years_to_due"),
                        W(o, "tl_col_source") };
    int rc = cs_cli_table_row(&tb, h);
    for (size_t i = 0; !rc && i < t->n_targets; i++) {
        const cs_timeline_target *g = &t->targets[i];
        char due[64], base[64], latest[96], lv[64], pr[64], pb[64], left[32];
        year_text(due, sizeof due, o, g->year);
        year_text(base, sizeof base, o, g->baseline_year);
        num(lv, sizeof lv, o->lang, g->latest);
        if (g->latest_year)
            snprintf(latest, sizeof latest, "%s (%d)", lv, g->latest_year);
        else
            snprintf(latest, sizeof latest, "?");
        pct(pr, sizeof pr, o->lang, g->progress, 0);
        pct(pb, sizeof pb, o->lang, g->progress_baseline, 0);
        if (g->has_years_to_due)
            snprintf(left, sizeof left, "%d", g->years_to_due);
        else
            snprintf(left, sizeof left, "?");
        const char *c[] = { g->name, due, g->raw, base, latest, pr, pb, left, g->source };
        rc = cs_cli_table_row(&tb, c);
    }
    cs_cli_table_write(f, &tb);
    return rc;
}

/* CSV: a number that reads back exactly, an empty cell for NaN */
static int csv_num(cs_buf *b, double v)
{
    return isnan(v) ? 0 : cs_textout_json_double(b, v);
}

static int csv_int(cs_buf *b, long long v, int known)
{
    return known ? cs_textout_csv_int(b, v, 0) : 0;
}

static int write_csv(FILE *f, const tl_out *o)
{
    const cs_timeline *t = o->t;
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_puts(&b, "cluster,fact,row,year,value,exact,growth,gap,from_year,change,"
                             "cagr,ranges,latest_year,latest,progress,baseline_year,"
                             "baseline,progress_baseline,years_to_due,status,source,"
                             "locator\n");
    for (size_t i = 0; !rc && i < t->n_series; i++) {
        const cs_timeline_series *s = &t->series[i];
        for (size_t k = 0; !rc && k <= s->n; k++) {
            const cs_timeline_point *p = k < s->n ? &s->points[k] : NULL;
            rc = cs_textout_csv_text(&b, t->cluster, 0);
            rc = rc ? rc : cs_textout_putc(&b, ',');
            rc = rc ? rc : cs_textout_csv_text(&b, s->name, 0);
            rc = rc ? rc : cs_buf_puts(&b, p ? ",point," : ",span,");
            if (p) {
                rc = rc ? rc : csv_int(&b, p->year, 1);
                rc = rc ? rc : cs_textout_putc(&b, ',');
                rc = rc ? rc : cs_textout_csv_text(&b, p->raw, 0);
                rc = rc ? rc : cs_textout_putc(&b, ',');
                rc = rc ? rc : csv_num(&b, p->value);
                rc = rc ? rc : cs_textout_putc(&b, ',');
                rc = rc ? rc : csv_num(&b, p->growth);
                rc = rc ? rc : cs_textout_putc(&b, ',');
                rc = rc ? rc : csv_int(&b, p->gap, k > 0);
                rc = rc ? rc : cs_buf_puts(&b, ",,,,,,,,,,,,");
                rc = rc ? rc : cs_textout_csv_text(&b, p->status, 0);
                rc = rc ? rc : cs_textout_putc(&b, ',');
                rc = rc ? rc : cs_textout_csv_text(&b, p->source, 0);
                rc = rc ? rc : cs_textout_putc(&b, ',');
                rc = rc ? rc : cs_textout_csv_text(&b, p->locator, 0);
            } else {
                rc = rc ? rc : csv_int(&b, s->last_year, s->first_year != 0);
                rc = rc ? rc : cs_buf_puts(&b, ",,,,,");
                rc = rc ? rc : csv_int(&b, s->first_year, s->first_year != 0);
                rc = rc ? rc : cs_textout_putc(&b, ',');
                rc = rc ? rc : csv_num(&b, s->change);
                rc = rc ? rc : cs_textout_putc(&b, ',');
                rc = rc ? rc : csv_num(&b, s->cagr);
                rc = rc ? rc : cs_textout_putc(&b, ',');
                rc = rc ? rc : csv_int(&b, (long long)s->ranges, 1);
                rc = rc ? rc : cs_buf_puts(&b, ",,,,,,,,,,");
            }
            rc = rc ? rc : cs_textout_putc(&b, '\n');
        }
    }
    for (size_t i = 0; !rc && i < t->n_targets; i++) {
        const cs_timeline_target *g = &t->targets[i];
        rc = cs_textout_csv_text(&b, t->cluster, 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, g->name, 0);
        rc = rc ? rc : cs_buf_puts(&b, ",target,");
        rc = rc ? rc : csv_int(&b, g->year, g->year != 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, g->raw, 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : csv_num(&b, g->value);
        rc = rc ? rc : cs_buf_puts(&b, ",,,,,,,");
        rc = rc ? rc : csv_int(&b, g->latest_year, g->latest_year != 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : csv_num(&b, g->latest);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : csv_num(&b, g->progress);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : csv_int(&b, g->baseline_year, g->baseline_year != 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : csv_num(&b, g->baseline);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : csv_num(&b, g->progress_baseline);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : csv_int(&b, g->years_to_due, g->has_years_to_due);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, g->status, 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, g->source, 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, g->locator, 0);
        rc = rc ? rc : cs_textout_putc(&b, '\n');
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

static void json_year(cs_jsonw *w, const char *key, int y)
{
    if (y)
        cs_jsonw_int(w, key, y);
    else
        cs_jsonw_null(w, key);
}

static int write_json(FILE *f, const tl_out *o)
{
    const cs_timeline *t = o->t;
    cs_buf b = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "cluster", t->cluster);
    cs_jsonw_string(&w, "name_en", t->name_en);
    cs_jsonw_string(&w, "name_ru", t->name_ru);
    cs_jsonw_open(&w, "series", '[');
    for (size_t i = 0; i < t->n_series; i++) {
        const cs_timeline_series *s = &t->series[i];
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "fact", s->name);
        cs_jsonw_string(&w, "label", label(o, s->label_en, s->label_ru));
        cs_jsonw_string(&w, "unit", s->unit);
        cs_jsonw_open(&w, "points", '[');
        for (size_t k = 0; k < s->n; k++) {
            const cs_timeline_point *p = &s->points[k];
            cs_jsonw_open(&w, NULL, '{');
            cs_jsonw_int(&w, "year", p->year);
            cs_jsonw_string(&w, "value", p->raw);
            cs_jsonw_real(&w, "exact", p->value);
            cs_jsonw_bool(&w, "range", p->range);
            cs_jsonw_real(&w, "growth", p->growth);
            cs_jsonw_int(&w, "gap", p->gap);
            cs_jsonw_string(&w, "status", p->status);
            cs_jsonw_string(&w, "source", p->source);
            cs_jsonw_string(&w, "locator", p->locator);
            cs_jsonw_string(&w, "quote", p->quote);
            cs_jsonw_close(&w, '}');
        }
        cs_jsonw_close(&w, ']');
        cs_jsonw_open(&w, "span", '{');
        json_year(&w, "first_year", s->first_year);
        json_year(&w, "last_year", s->last_year);
        cs_jsonw_real(&w, "change", s->change);
        cs_jsonw_real(&w, "cagr", s->cagr);
        cs_jsonw_int(&w, "ranges", (long long)s->ranges);
        cs_jsonw_close(&w, '}');
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "targets", '[');
    for (size_t i = 0; i < t->n_targets; i++) {
        const cs_timeline_target *g = &t->targets[i];
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "fact", g->name);
        json_year(&w, "due", g->year);
        cs_jsonw_string(&w, "value", g->raw);
        cs_jsonw_real(&w, "exact", g->value);
        json_year(&w, "baseline_year", g->baseline_year);
        json_year(&w, "latest_year", g->latest_year);
        cs_jsonw_real(&w, "latest", g->latest);
        cs_jsonw_real(&w, "progress", g->progress);
        cs_jsonw_real(&w, "baseline", g->baseline);
        cs_jsonw_real(&w, "progress_baseline", g->progress_baseline);
        if (g->has_years_to_due)
            cs_jsonw_int(&w, "years_to_due", g->years_to_due);
        else
            cs_jsonw_null(&w, "years_to_due");
        cs_jsonw_string(&w, "status", g->status);
        cs_jsonw_string(&w, "source", g->source);
        cs_jsonw_string(&w, "locator", g->locator);
        cs_jsonw_string(&w, "quote", g->quote);
        cs_jsonw_string(&w, "note", g->note);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    int rc = w.rc ? w.rc : cs_textout_putc(&b, '\n');
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

static int write_svg(FILE *f, const tl_out *o)
{
    char *svg = NULL;
    int rc = cs_report_timeline_svg(&svg, o->t, o->lang);
    if (!rc && fputs(svg, f) < 0)
        rc = cs_error_set(CS_EIO, "writing the chart failed");
    free(svg);
    return rc;
}

static int write_output(FILE *f, void *ctx)
{
    const tl_out *o = ctx;
    switch (o->format) {
    case TL_TABLE:
        return write_table(f, o);
    case TL_CSV:
        return write_csv(f, o);
    case TL_JSON:
        return write_json(f, o);
    case TL_SVG:
        return write_svg(f, o);
    }
    return CS_EUSAGE;
}

int cs_cmd_timeline(int argc, char **argv)
{
    static const struct option options[] = { { "cluster", required_argument, NULL, 'c' },
                                             { "fact", required_argument, NULL, 'F' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "db", required_argument, NULL, 'd' },
                                             { NULL, 0, NULL, 0 } };
    const char *cmd = "timeline", *cluster = NULL, *fact = NULL, *output = NULL, *db = NULL;
    tl_out o = { NULL, TL_TABLE, CS_LANG_EN };
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'c':
            cluster = optarg;
            break;
        case 'F':
            fact = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "table") == 0)
                o.format = TL_TABLE;
            else if (strcmp(optarg, "csv") == 0)
                o.format = TL_CSV;
            else if (strcmp(optarg, "json") == 0)
                o.format = TL_JSON;
            else if (strcmp(optarg, "svg") == 0)
                o.format = TL_SVG;
            else
                return cs_cli_usage_error(cmd, "--format takes table, csv, json or svg, not '%s'",
                                          optarg);
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
    if (!cluster || !*cluster)
        return cs_cli_usage_error(cmd, "--cluster KEY is required");
    if (fact && !*fact)
        return cs_cli_usage_error(cmd, "--fact needs a fact name");
    if (optind < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    cs_service *svc = NULL;
    cs_timeline *t = NULL;
    int rc = cs_cli_open(&svc, db, CS_SERVICE_READ);
    rc = rc ? rc : cs_service_check_output(svc, output);
    rc = rc ? rc : cs_service_timeline(&t, svc, cluster, fact);
    if (!rc && o.format == TL_SVG && !t->n_series && !t->n_targets)
        rc =
            cs_error_set(CS_EDATA, "cluster \"%s\" has no dated facts or targets to draw", cluster);
    if (!rc) {
        o.t = t;
        rc = cs_cli_write(output, write_output, &o);
    }
    int status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    cs_timeline_free(t);
    cs_service_close(svc);
    return status;
}
