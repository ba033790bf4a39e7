/*
 * cmd_chart.c: `clusterscope chart map|scatter|bar FILE`: a picture of region data from a small
 * CSV file (read through the service), drawn by render.h as SVG, PNG, or the data as drawn in
 * CSV. Every string read or built here is freed before the command returns.
 */
#include "cli.h"
#include "regional_out.h"

#include "clusterscope/error.h"
#include "clusterscope/i18n.h"
#include "clusterscope/render.h"
#include "clusterscope/service.h"
#include "util/buf.h"
#include "util/number.h"
#include "util/textout.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHART_MAX_ROWS     100000 /* a scatter's points */
#define CHART_MAX_BARS     200
#define CHART_DEFAULT_GEO  "world"
#define CHART_MAX_DECIMALS 6

typedef enum { KIND_MAP, KIND_SCATTER, KIND_BAR } chart_kind;
typedef enum { OUT_SVG, OUT_PNG, OUT_CSV } chart_format;

typedef struct {
    chart_kind kind;
    chart_format format;
    const char *file, *output, *title, *legend, *x_label, *y_label, *geography;
    cs_chart_classing classing;
    long decimals, width;
    int has_width;
    cs_lang lang;
    char delimiter;
} chart_args;

/* What was read and drawn: n rows of the file, their texts and numbers. */
typedef struct {
    cs_csv_table t;
    size_t n;
    const char **key;   /* region or label: the first column */
    const char **label; /* map: the label column or NULL entries; scatter: the region */
    double *a, *b;      /* map and bar: a = value; scatter: a = x, b = y */
    int *cls;           /* map: each row's class */
    cs_chart_classes classes;
} chart_data;

static int parse_args(chart_args *a, int argc, char **argv)
{
    static const struct option options[] = { { "geography", required_argument, NULL, 'g' },
                                             { "classes", required_argument, NULL, 'c' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "title", required_argument, NULL, 't' },
                                             { "legend", required_argument, NULL, 'L' },
                                             { "x-label", required_argument, NULL, 'x' },
                                             { "y-label", required_argument, NULL, 'y' },
                                             { "decimals", required_argument, NULL, 'd' },
                                             { "width", required_argument, NULL, 'w' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "delimiter", required_argument, NULL, 'D' },
                                             { NULL, 0, NULL, 0 } };
    const char *cmd = "chart";
    memset(a, 0, sizeof *a);
    a->decimals = -1;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'g':
            if (cs_chart_geography_example(optarg) == NULL)
                return cs_cli_usage_error(
                    cmd, "--geography takes world, us-states or ru-grid, not '%s'", optarg);
            a->geography = optarg;
            break;
        case 'c':
            if (strcmp(optarg, "quantile") == 0)
                a->classing = CS_CHART_QUANTILE;
            else if (strcmp(optarg, "equal") == 0)
                a->classing = CS_CHART_EQUAL;
            else
                return cs_cli_usage_error(cmd, "--classes takes quantile or equal, not '%s'",
                                          optarg);
            break;
        case 'f':
            if (strcmp(optarg, "svg") == 0)
                a->format = OUT_SVG;
            else if (strcmp(optarg, "png") == 0)
                a->format = OUT_PNG;
            else if (strcmp(optarg, "csv") == 0)
                a->format = OUT_CSV;
            else
                return cs_cli_usage_error(cmd, "--format takes svg, png or csv, not '%s'", optarg);
            break;
        case 'o':
            a->output = optarg;
            break;
        case 't':
            a->title = optarg;
            break;
        case 'L':
            a->legend = optarg;
            break;
        case 'x':
            a->x_label = optarg;
            break;
        case 'y':
            a->y_label = optarg;
            break;
        case 'd':
            if (cs_cli_parse_long(&a->decimals, cmd, "--decimals", optarg, 0, CHART_MAX_DECIMALS))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'w':
            if (cs_cli_parse_long(&a->width, cmd, "--width", optarg, 16, 8192))
                return CS_CLI_EXIT_USAGE;
            a->has_width = 1;
            break;
        case 'l':
            if (cs_lang_parse(&a->lang, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error(cmd, "--lang takes en or ru, not '%s'", optarg);
            }
            break;
        case 'D':
            if (cs_cli_parse_delimiter(&a->delimiter, cmd, optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        default:
            return cs_cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cs_cli_usage_error(cmd, "a kind of chart is required: map, scatter or bar");
    const char *kind = argv[optind];
    if (strcmp(kind, "map") == 0)
        a->kind = KIND_MAP;
    else if (strcmp(kind, "scatter") == 0)
        a->kind = KIND_SCATTER;
    else if (strcmp(kind, "bar") == 0)
        a->kind = KIND_BAR;
    else
        return cs_cli_usage_error(cmd, "the kind of chart is map, scatter or bar, not '%s'", kind);
    if (optind + 1 >= argc)
        return cs_cli_usage_error(cmd, "a data FILE is required (%s)",
                                  a->kind == KIND_MAP       ? "region,value[,label]"
                                  : a->kind == KIND_SCATTER ? "region,x,y"
                                                            : "label,value");
    if (optind + 2 < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind + 2]);
    a->file = argv[optind + 1];
    if (a->kind != KIND_MAP && (a->geography || a->legend))
        return cs_cli_usage_error(cmd, "--geography and --legend are for maps");
    if (a->has_width && a->format != OUT_PNG)
        return cs_cli_usage_error(cmd, "--width is for --format png");
    if (!a->geography)
        a->geography = CHART_DEFAULT_GEO;
    return 0;
}

/* A number, or NaN for an empty cell when `empty_ok`; CS_EDATA at its line and column. */
static int read_number(double *out, const chart_data *d, size_t r, size_t c, const char *file,
                       int empty_ok)
{
    const char *s = cs_csv_table_cell(&d->t, r, c);
    if (empty_ok && *s == '\0') {
        *out = NAN;
        return 0;
    }
    if (cs_number_read(out, s, strlen(s), d->t.delimiter != ',') != CS_NUMBER_OK)
        return cs_error_data(file, d->t.line[r], (long)c + 1,
                             empty_ok ? "a number, or an empty cell for no data" : "a number", s);
    return 0;
}

static int check_header(const chart_data *d, const char *file, const char *const *want,
                        size_t n_want, size_t n_optional)
{
    int ok = d->t.cols >= n_want - n_optional && d->t.cols <= n_want;
    for (size_t c = 0; ok && c < d->t.cols; c++)
        ok = strcmp(cs_csv_table_cell(&d->t, 0, c), want[c]) == 0;
    if (ok)
        return 0;
    char expected[96] = "";
    for (size_t c = 0; c < n_want; c++) {
        int optional = c >= n_want - n_optional;
        snprintf(expected + strlen(expected), sizeof expected - strlen(expected), "%s%s%s%s",
                 optional ? "[" : "", c ? "," : "", want[c], optional ? "]" : "");
    }
    return cs_error_set(CS_EDATA, "%s:%ld: expected the header %s", file, d->t.line[0], expected);
}

static int read_data(chart_data *d, const chart_args *a)
{
    size_t max = a->kind == KIND_MAP       ? 1000
                 : a->kind == KIND_SCATTER ? CHART_MAX_ROWS
                                           : CHART_MAX_BARS;
    int rc = cs_service_read_table(&d->t, a->file, a->delimiter, max);
    if (rc)
        return rc;
    static const char *const map_cols[] = { "region", "value", "label" };
    static const char *const scatter_cols[] = { "region", "x", "y" };
    static const char *const bar_cols[] = { "label", "value" };
    rc = a->kind == KIND_MAP       ? check_header(d, a->file, map_cols, 3, 1)
         : a->kind == KIND_SCATTER ? check_header(d, a->file, scatter_cols, 3, 0)
                                   : check_header(d, a->file, bar_cols, 2, 0);
    if (rc)
        return rc;
    size_t n = d->t.rows;
    d->n = n;
    d->key = calloc(n + 1, sizeof *d->key);
    d->label = calloc(n + 1, sizeof *d->label);
    d->a = calloc(n + 1, sizeof *d->a);
    d->b = calloc(n + 1, sizeof *d->b);
    d->cls = calloc(n + 1, sizeof *d->cls);
    if (!d->key || !d->label || !d->a || !d->b || !d->cls)
        return cs_error_set(CS_ENOMEM, "out of memory reading %s", a->file);
    for (size_t r = 1; !rc && r <= n; r++) {
        size_t i = r - 1;
        d->key[i] = cs_csv_table_cell(&d->t, r, 0);
        if (a->kind == KIND_MAP) {
            d->label[i] = d->t.cols > 2 ? cs_csv_table_cell(&d->t, r, 2) : NULL;
            if (!cs_chart_geography_name(a->geography, d->key[i], CS_LANG_EN)) {
                char expected[96];
                snprintf(expected, sizeof expected, "a code of %s such as %s", a->geography,
                         cs_chart_geography_example(a->geography));
                rc = cs_error_data(a->file, d->t.line[r], 1, expected, d->key[i]);
                break;
            }
            for (size_t j = 0; j < i && !rc; j++)
                if (strcmp(d->key[j], d->key[i]) == 0) {
                    char expected[64];
                    snprintf(expected, sizeof expected, "each region once (line %ld has it)",
                             d->t.line[j + 1]);
                    rc = cs_error_data(a->file, d->t.line[r], 1, expected, d->key[i]);
                }
            rc = rc ? rc : read_number(&d->a[i], d, r, 1, a->file, 1);
        } else if (a->kind == KIND_SCATTER) {
            d->label[i] = d->key[i];
            rc = read_number(&d->a[i], d, r, 1, a->file, 1);
            rc = rc ? rc : read_number(&d->b[i], d, r, 2, a->file, 1);
        } else {
            rc = read_number(&d->a[i], d, r, 1, a->file, 1);
        }
    }
    if (!rc && a->kind == KIND_MAP)
        rc = cs_chart_classify(&d->classes, d->cls, d->a, n, a->classing);
    return rc;
}

static void data_free(chart_data *d)
{
    cs_csv_table_free(&d->t);
    free(d->key);
    free(d->label);
    free(d->a);
    free(d->b);
    free(d->cls);
}

/* Decimals that show every value of a map's legend apart: as given, or from the data. */
static int map_decimals(const chart_data *d, long given)
{
    if (given >= 0)
        return (int)given;
    int dec = 0;
    for (size_t i = 0; i < d->n; i++) {
        double v = d->a[i];
        while (!isnan(v) && dec < 3 && fabs(v * pow(10, dec) - round(v * pow(10, dec))) > 1e-9)
            dec++;
    }
    return dec;
}

static char *draw(const chart_data *d, const chart_args *a)
{
    cs_chart_locale loc = { a->lang, cs_i18n_text(a->lang, "ch_no_data") };
    if (a->kind == KIND_MAP) {
        cs_chart_choropleth_spec sp = { a->geography,
                                        d->key,
                                        d->a,
                                        d->label,
                                        d->n,
                                        a->title ? a->title : "",
                                        a->legend ? a->legend : cs_i18n_text(a->lang, "ch_value"),
                                        map_decimals(d, a->decimals) };
        return cs_chart_choropleth_classed(&sp, a->classing, &loc);
    }
    if (a->kind == KIND_SCATTER) {
        cs_chart_scatter_spec sp = { 0 };
        sp.title = a->title ? a->title : "";
        sp.x_label = a->x_label ? a->x_label : "x";
        sp.y_label = a->y_label ? a->y_label : "y";
        sp.x = d->a;
        sp.y = d->b;
        sp.labels = d->label;
        sp.n = d->n;
        sp.other_label = cs_i18n_text(a->lang, "ch_regions");
        return cs_chart_scatter_labelled(&sp, &loc);
    }
    if (d->n == 0) {
        cs_error_set(CS_EDATA, "%s: expected at least one bar, found no rows", a->file);
        return NULL;
    }
    cs_chart_series series = { a->y_label ? a->y_label : cs_i18n_text(a->lang, "ch_value"), d->a };
    cs_chart_bar_spec sp = { a->title ? a->title : "", a->y_label, d->key, d->n, &series, 1, 0 };
    return cs_chart_bar(&sp, &loc);
}

static void csv_number(cs_buf *b, double v)
{
    char num[64] = "";
    if (!isnan(v))
        cs_format_double(num, sizeof num, v);
    cs_buf_puts(b, num);
}

/* The data as drawn: a map's rows with each region's name, class and the class's range as the
 * legend gives it, a
 * scatter's points with both coordinates, a bar chart's bars. */
static int write_csv(cs_buf *b, const chart_data *d, const chart_args *a)
{
    int rc = 0;
    if (a->kind == KIND_MAP)
        rc = cs_buf_puts(b, "region,name,value,class,lower,upper\n");
    else if (a->kind == KIND_SCATTER)
        rc = cs_buf_puts(b, "region,x,y\n");
    else
        rc = cs_buf_puts(b, "label,value\n");
    for (size_t i = 0; !rc && i < d->n; i++) {
        if (a->kind == KIND_SCATTER && (isnan(d->a[i]) || isnan(d->b[i])))
            continue;
        rc = cs_textout_csv_text(b, d->key[i], 0);
        if (a->kind == KIND_MAP) {
            const char *name = d->label[i] && *d->label[i]
                                   ? d->label[i]
                                   : cs_chart_geography_name(a->geography, d->key[i], a->lang);
            cs_buf_putc(b, ',');
            rc = rc ? rc : cs_textout_csv_text(b, name, 0);
            cs_buf_putc(b, ',');
            csv_number(b, d->a[i]);
            if (d->cls[i] > 0) {
                cs_buf_printf(b, ",%d,", d->cls[i]);
                csv_number(b, d->classes.min[d->cls[i] - 1]);
                cs_buf_putc(b, ',');
                csv_number(b, d->classes.max[d->cls[i] - 1]);
            } else {
                cs_buf_puts(b, ",,,");
            }
        } else {
            cs_buf_putc(b, ',');
            csv_number(b, d->a[i]);
            if (a->kind == KIND_SCATTER) {
                cs_buf_putc(b, ',');
                csv_number(b, d->b[i]);
            }
        }
        rc = rc ? rc : cs_buf_putc(b, '\n');
    }
    return rc ? cs_error_set(CS_ENOMEM, "out of memory writing CSV") : 0;
}

typedef struct {
    const void *data;
    size_t len;
} bytes;

static int write_bytes(FILE *f, void *ctx)
{
    const bytes *b = ctx;
    if (b->len && fwrite(b->data, 1, b->len, f) != b->len)
        return cs_error_set(CS_EIO, "could not write the chart");
    return 0;
}

int cs_cmd_chart(int argc, char **argv)
{
    chart_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    chart_data d;
    memset(&d, 0, sizeof d);
    int rc = read_data(&d, &a);
    char *svg = NULL;
    unsigned char *png = NULL;
    cs_buf csv = { 0 };
    bytes out = { 0 };
    if (!rc && a.format == OUT_CSV) {
        rc = write_csv(&csv, &d, &a);
        out = (bytes){ csv.data, csv.len };
    } else if (!rc) {
        svg = draw(&d, &a);
        rc = svg ? 0 : cs_error_last_code();
        if (!rc && a.format == OUT_PNG)
            rc = cs_render_png(&png, &out.len, svg, a.has_width ? (int)a.width : 0);
        out.data = png ? (const void *)png : (const void *)svg;
        if (!rc && !png)
            out.len = strlen(svg);
    }
    if (!rc)
        rc = cs_cli_write(a.output, write_bytes, &out);
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    free(svg);
    free(png);
    cs_buf_free(&csv);
    data_free(&d);
    return status;
}
