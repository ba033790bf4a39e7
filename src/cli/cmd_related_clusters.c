/*
 * cmd_related_clusters.c: `clusterscope related-clusters --table TABLE [--region R] [FILE]`:
 * per region its strong clusters (the CMP rule, as strong-clusters) and the related categories
 * it lacks (regional.h, cs_regional_related_gaps), or without FILE the table's strongly
 * related pairs. A command of its own rather than an option of strong-clusters: its rows carry
 * lists of categories, not one row per region and category, and it runs on the table alone.
 */
#include "regional_out.h"

#include "clusterscope/error.h"
#include "clusterscope/regional.h"
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
    const char *file, *table, *region;
    const char *db; /* the registry (--db, or --registry for the default one) */
    int registry;   /* no FILE: the registry's statistics rather than the table's pairs */
    cs_cli_regional_options o;
} related_args;

static int parse_args(related_args *a, int argc, char **argv)
{
    static const struct option options[] = { { "table", required_argument, NULL, 't' },
                                             { "region", required_argument, NULL, 'r' },
                                             { "year", required_argument, NULL, 'y' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "delimiter", required_argument, NULL, 'D' },
                                             { "registry", no_argument, NULL, 'G' },
                                             { "db", required_argument, NULL, 'B' },
                                             CS_CLI_SELECTION_OPTIONS,
                                             { NULL, 0, NULL, 0 } };
    const char *cmd = "related-clusters";
    memset(a, 0, sizeof *a);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 't':
            a->table = optarg;
            break;
        case 'r':
            a->region = optarg;
            break;
        case 'G':
            a->registry = 1;
            break;
        case 'B':
            a->db = optarg;
            a->registry = 1;
            break;
        default: {
            int shared = cs_cli_regional_option(&a->o, cmd, c, optarg);
            if (shared == 0)
                return cs_cli_usage_error(cmd, "unknown or incomplete option '%s'",
                                          argv[optind - 1]);
            if (shared != 1)
                return shared;
        }
        }
    }
    if (!a->table)
        return cs_cli_usage_error(cmd, "--table TABLE is required (relatedClusters.json, or CSV "
                                       "category,category2,strength,related)");
    if (optind + 1 < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind + 1]);
    a->file = optind < argc ? argv[optind] : NULL;
    const char *selection = cs_cli_regional_selection_given(&a->o);
    if (a->file && a->registry)
        return cs_cli_usage_error(cmd, "--registry and --db are for the registry's statistics "
                                       "(no FILE)");
    if (a->file && selection)
        return cs_cli_usage_error(cmd, "%s is for the registry's statistics (no FILE)", selection);
    /* without FILE the command lists the table's pairs unless told to read the registry */
    if (!a->file && !a->registry && (a->region || a->o.has_year || selection))
        return cs_cli_usage_error(cmd,
                                  "%s needs a data FILE (region,category,employment,"
                                  "establishments) or the registry's statistics (--registry)",
                                  a->region       ? "--region"
                                  : a->o.has_year ? "--year"
                                                  : selection);
    return 0;
}

/* One output row: a strong category of a region, a related category it lacks, or (no region)
 * a strongly related pair. */
typedef struct {
    const char *region;   /* NULL for a pair */
    const char *category; /* the pair's first category */
    const char *status;   /* "strong" or "related"; the pair's second category */
    size_t links;
    double strength; /* NaN: none */
    size_t via;      /* its related_to: links table indices at o->via[via ...] */
} out_row;

typedef struct {
    out_row *row;
    size_t n, cap;
    int pairs;
    const cs_related_table *t;
    size_t *via; /* the related_to lists of every row */
    size_t n_via, cap_via;
    cs_format format;
    cs_lang lang;
} out_rows;

static int add(out_rows *o, out_row r)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        out_row *p = realloc(o->row, cap * sizeof *p);
        if (!p)
            return cs_error_set(CS_ENOMEM, "out of memory for %zu rows", cap);
        o->row = p;
        o->cap = cap;
    }
    o->row[o->n++] = r;
    return 0;
}

static int add_via(out_rows *o, const size_t *via, size_t n)
{
    if (o->n_via + n > o->cap_via) {
        size_t cap = o->cap_via ? o->cap_via : 256;
        while (cap < o->n_via + n)
            cap *= 2;
        size_t *p = realloc(o->via, cap * sizeof *p);
        if (!p)
            return cs_error_set(CS_ENOMEM, "out of memory for %zu links", cap);
        o->via = p;
        o->cap_via = cap;
    }
    memcpy(o->via + o->n_via, via, n * sizeof *via);
    o->n_via += n;
    return 0;
}

static void number(char *out, size_t cap, double v)
{
    if (isnan(v))
        out[0] = '\0';
    else
        cs_format_double(out, cap, v == 0 ? 0.0 : v);
}

/* The cells of row k as text (CSV and table): names joined by ';' for related_to. */
static int cells(const out_rows *o, size_t k, cs_buf *via, char *links, char *strength)
{
    const out_row *r = &o->row[k];
    cs_buf_reset(via);
    int rc = 0;
    for (size_t i = 0; i < r->links && !rc; i++) {
        rc = i ? cs_textout_putc(via, ';') : 0;
        rc = rc ? rc : cs_buf_puts(via, o->t->key[o->via[r->via + i]]);
    }
    if (r->links)
        snprintf(links, 32, "%zu", r->links);
    else
        links[0] = '\0';
    number(strength, 64, r->strength);
    return rc;
}

static int write_csv(FILE *f, const out_rows *o)
{
    cs_buf b = CS_BUF_INIT, via = CS_BUF_INIT;
    char links[32], strength[64];
    int rc = cs_buf_puts(&b, o->pairs ? "category,category2,strength\n"
                                      : "region,category,status,links,strength,related_to\n");
    for (size_t k = 0; k < o->n && !rc; k++) {
        const out_row *r = &o->row[k];
        rc = cells(o, k, &via, links, strength);
        if (!o->pairs) {
            rc = rc ? rc : cs_textout_csv_text(&b, r->region, 0);
            rc = rc ? rc : cs_textout_putc(&b, ',');
        }
        rc = rc ? rc : cs_textout_csv_text(&b, r->category, 0);
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, r->status, 0);
        if (!o->pairs) {
            rc = rc ? rc : cs_textout_putc(&b, ',');
            rc = rc ? rc : cs_buf_puts(&b, links);
        }
        rc = rc ? rc : cs_textout_putc(&b, ',');
        rc = rc ? rc : cs_buf_puts(&b, strength);
        if (!o->pairs) {
            rc = rc ? rc : cs_textout_putc(&b, ',');
            rc = rc ? rc : cs_textout_csv_text(&b, cs_buf_str(&via), 0);
        }
        rc = rc ? rc : cs_textout_putc(&b, '\n');
        if (!rc && b.len >= 65536)
            rc = cs_textout_flush(&b, f);
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    cs_buf_free(&via);
    return rc;
}

static void json_number(cs_jsonw *w, cs_buf *b, const char *key, double v)
{
    char num[64];
    if (isnan(v)) {
        cs_jsonw_null(w, key);
        return;
    }
    number(num, sizeof num, v);
    cs_jsonw_key(w, key);
    if (!w->rc)
        w->rc = cs_buf_puts(b, num);
}

static int write_json(FILE *f, const out_rows *o)
{
    cs_buf b = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "measure", o->pairs ? "related-pairs" : "related-clusters");
    cs_jsonw_open(&w, "rows", '[');
    for (size_t k = 0; k < o->n && !w.rc; k++) {
        const out_row *r = &o->row[k];
        cs_jsonw_open(&w, NULL, '{');
        if (!o->pairs)
            cs_jsonw_string(&w, "region", r->region);
        cs_jsonw_string(&w, "category", r->category);
        cs_jsonw_string(&w, o->pairs ? "category2" : "status", r->status);
        if (!o->pairs)
            cs_jsonw_int(&w, "links", (long long)r->links);
        json_number(&w, &b, "strength", r->strength);
        if (!o->pairs) {
            cs_jsonw_open(&w, "related_to", '[');
            for (size_t i = 0; i < r->links; i++)
                cs_jsonw_string(&w, NULL, o->t->key[o->via[r->via + i]]);
            cs_jsonw_close(&w, ']');
        }
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    int rc = w.rc ? w.rc : cs_textout_putc(&b, '\n');
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Decimals of the table's strengths: as many as they need, at most 3 (as the other regional
 * tables). */
static int strength_decimals(const out_rows *o)
{
    int dec = 0;
    for (size_t k = 0; k < o->n; k++) {
        double v = o->row[k].strength;
        while (isfinite(v) && dec < 3 &&
               fabs(v * pow(10, dec) - round(v * pow(10, dec))) >
                   1e-9 * fmax(1, fabs(v * pow(10, dec))))
            dec++;
    }
    return dec;
}

/* The row's cells as plain text for the terminal; status words from the catalogue; the
 * strength rounded to DEC decimals in the language's style (CSV and JSON are exact). */
static int table_cells(const out_rows *o, size_t k, cs_buf *cell, cs_buf *via, int dec)
{
    const out_row *r = &o->row[k];
    char links[32], strength[64];
    int rc = cells(o, k, via, links, strength);
    if (!isnan(r->strength))
        cs_i18n_format_number(strength, sizeof strength, o->lang,
                              r->strength == 0 ? 0.0 : r->strength, dec);
    const char *status = r->status;
    char key[64];
    if (!o->pairs) {
        snprintf(key, sizeof key, "rg_%s", r->status);
        status = cs_i18n_text(o->lang, key);
    }
    const char *text[6] = { r->region, r->category, status, links, strength, cs_buf_str(via) };
    size_t first = o->pairs ? 1 : 0, last = o->pairs ? 4 : 5;
    for (size_t c = 0; c < 6; c++)
        cs_buf_reset(&cell[c]);
    for (size_t c = first; c <= last && !rc; c++) {
        if (o->pairs && c == 3)
            continue;
        rc = cs_textout_plain(&cell[c], text[c]);
    }
    return rc;
}

static int write_table(FILE *f, const out_rows *o)
{
    /* columns: region, category, status (category2), links, strength, related_to */
    static const int numeric[6] = { 0, 0, 0, 1, 1, 0 };
    const char *name[6] = { "region", "category", o->pairs ? "category2" : "status",
                            "links",  "strength", "related_to" };
    int use[6] = { !o->pairs, 1, 1, !o->pairs, 1, !o->pairs };
    const char *head[6];
    size_t w[6];
    char key[64];
    for (size_t c = 0; c < 6; c++) {
        snprintf(key, sizeof key, "rg_%s", name[c]);
        head[c] = cs_i18n_text(o->lang, key);
        w[c] = width(head[c]);
    }
    cs_buf cell[6], via = CS_BUF_INIT, b = CS_BUF_INIT;
    for (size_t c = 0; c < 6; c++)
        cell[c] = (cs_buf)CS_BUF_INIT;
    int rc = 0, dec = strength_decimals(o);
    for (size_t k = 0; k < o->n && !rc; k++) {
        rc = table_cells(o, k, cell, &via, dec);
        for (size_t c = 0; c < 6 && !rc; c++)
            if (use[c] && width(cs_buf_str(&cell[c])) > w[c])
                w[c] = width(cs_buf_str(&cell[c]));
    }
    size_t lastcol = o->pairs ? 4 : 5;
    for (size_t k = 0; k <= o->n && !rc; k++) {
        if (k)
            rc = table_cells(o, k - 1, cell, &via, dec);
        int first = 1;
        for (size_t c = 0; c < 6 && !rc; c++) {
            if (!use[c])
                continue;
            const char *s = k ? cs_buf_str(&cell[c]) : head[c];
            size_t pad = w[c] - width(s);
            rc = first ? 0 : cs_buf_puts(&b, "  ");
            for (size_t i = 0; numeric[c] && i < pad && !rc; i++)
                rc = cs_textout_putc(&b, ' ');
            rc = rc ? rc : cs_buf_puts(&b, s);
            for (size_t i = 0; !numeric[c] && c != lastcol && i < pad && !rc; i++)
                rc = cs_textout_putc(&b, ' ');
            first = 0;
        }
        while (b.len && b.data[b.len - 1] == ' ') /* a row of a strong category ends empty */
            b.data[--b.len] = '\0';
        rc = rc ? rc : cs_textout_putc(&b, '\n');
        if (!rc && b.len >= 65536)
            rc = cs_textout_flush(&b, f);
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    for (size_t c = 0; c < 6; c++)
        cs_buf_free(&cell[c]);
    cs_buf_free(&via);
    cs_buf_free(&b);
    return rc;
}

static int write_rows(FILE *f, void *ctx)
{
    const out_rows *o = ctx;
    switch (o->format) {
    case CS_FORMAT_CSV:
        return write_csv(f, o);
    case CS_FORMAT_JSON:
        return write_json(f, o);
    default:
        return write_table(f, o);
    }
}

/* The table's strongly related pairs, in the table's order. */
static int list_pairs(out_rows *o, const cs_related_table *t)
{
    int rc = 0;
    for (size_t a = 0; a < t->n && !rc; a++)
        for (size_t b = 0; b < t->n && !rc; b++)
            if (a != b && t->related[a * t->n + b]) {
                out_row r = { NULL, t->key[a], t->key[b], 0, t->strength[a * t->n + b], 0 };
                rc = add(o, r);
            }
    return rc;
}

static int category_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Per region: its strong categories, then the related ones it lacks. */
static int list_regions(out_rows *o, cs_regional_data **d_out, const cs_related_table *t,
                        const related_args *a)
{
    static const char *const values[] = { "employment", "establishments" };
    cs_regional_read_options ro = { "category",
                                    values,
                                    2,
                                    2,
                                    "type",
                                    0,
                                    a->o.has_year ? &a->o.year : NULL,
                                    a->o.has_year ? 1 : 0,
                                    a->o.delimiter,
                                    0 };
    cs_regional_data *d = NULL;
    unsigned char *traded = NULL, *strong = NULL, *in_table = NULL;
    cs_cmp_cell *cmp = NULL;
    cs_related_gap *gaps = NULL;
    size_t *to_data = NULL, *via = NULL, nt = t->n;
    cs_service *svc = NULL;
    const char *source = a->file ? a->file : "the registry's statistics";
    int rc = 0;
    if (a->file) {
        rc = cs_service_read_regional(&d, a->file, &ro);
    } else {
        /* the registry's employment and establishments, as strong-clusters reads them */
        rc = cs_cli_open(&svc, a->db, CS_SERVICE_READ);
        rc = rc ? rc : cs_cli_regional_read_stored(&d, svc, values, &ro, &a->o);
    }
    cs_service_close(svc);
    rc = rc ? rc : cs_cli_category_types(&traded, d, source);
    size_t nr = d ? d->nr : 0, nc = d ? d->ni : 0, r0 = 0, r1 = nr;
    if (!rc && a->region) {
        const char *const *hit =
            bsearch(&a->region, d->region, nr, sizeof *d->region, category_cmp);
        if (!hit)
            rc = cs_error_set(CS_EDATA,
                              "%s: expected --region to name a region of the %s, "
                              "found '%s'",
                              source, a->file ? "file" : "statistics", a->region);
        else
            r0 = (size_t)(hit - d->region), r1 = r0 + 1;
    }
    size_t cells = nr * nc, via_cap = nt * nt;
    if (!rc) {
        cmp = malloc((cells ? cells : 1) * sizeof *cmp);
        strong = malloc(nt ? nt : 1);
        in_table = calloc(nc ? nc : 1, 1);
        gaps = malloc((nt ? nt : 1) * sizeof *gaps);
        to_data = malloc((nt ? nt : 1) * sizeof *to_data);
        via = malloc((via_cap ? via_cap : 1) * sizeof *via);
        if (!cmp || !strong || !in_table || !gaps || !to_data || !via)
            rc = cs_error_set(CS_ENOMEM, "out of memory for %zu categories", nt);
    }
    rc = rc ? rc
            : cs_regional_cmp(cmp, NULL, cs_regional_data_values(d, 0, 0),
                              cs_regional_data_values(d, 0, 1), traded, nr, nc);
    /* the table's categories in the file (by name); (size_t)-1 for one the file lacks */
    for (size_t k = 0; k < nt && !rc; k++) {
        const char *name = t->key[k];
        const char *const *hit = bsearch(&name, d->key, nc, sizeof *d->key, category_cmp);
        to_data[k] = hit ? (size_t)(hit - d->key) : (size_t)-1;
        if (hit)
            in_table[to_data[k]] = 1;
    }
    for (size_t r = r0; r < r1 && !rc; r++) {
        /* strong categories in the table's order (codes as numbers), then the file's others */
        for (size_t k = 0; k < nt && !rc; k++) {
            strong[k] = to_data[k] != (size_t)-1 && cmp[r * nc + to_data[k]].strong;
            out_row row = { d->region[r], t->key[k], "strong", 0, NAN, 0 };
            rc = strong[k] ? add(o, row) : 0;
        }
        for (size_t c = 0; c < nc && !rc; c++)
            if (cmp[r * nc + c].strong && !in_table[c]) {
                out_row row = { d->region[r], d->key[c], "strong", 0, NAN, 0 };
                rc = add(o, row);
            }
        size_t ng = 0;
        rc =
            rc ? rc : cs_regional_related_gaps(gaps, via, &ng, strong, t->related, t->strength, nt);
        for (size_t g = 0; g < ng && !rc; g++) {
            out_row row = { d->region[r],  t->key[gaps[g].category], "related",
                            gaps[g].links, gaps[g].strength,         o->n_via };
            rc = add_via(o, via + gaps[g].first, gaps[g].links);
            rc = rc ? rc : add(o, row);
        }
    }
    free(cmp);
    free(strong);
    free(in_table);
    free(gaps);
    free(to_data);
    free(traded);
    free(via);
    /* the rows point at the data's names: the caller frees the data after writing */
    *d_out = d;
    return rc;
}

int cs_cmd_related_clusters(int argc, char **argv)
{
    related_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    cs_related_table *t = NULL;
    cs_regional_data *d = NULL;
    out_rows o;
    memset(&o, 0, sizeof o);
    o.format = a.o.format;
    o.lang = a.o.lang;
    o.pairs = a.file == NULL && !a.registry;
    int rc = cs_service_read_related(&t, a.table, a.o.delimiter);
    o.t = t;
    if (!rc)
        rc = o.pairs ? list_pairs(&o, t) : list_regions(&o, &d, t, &a);
    rc = rc ? rc : cs_cli_write(a.o.output, write_rows, &o);
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    free(o.row);
    free(o.via);
    cs_regional_data_free(d);
    cs_related_table_free(t);
    return status;
}
