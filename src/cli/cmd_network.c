/*
 * cmd_network.c: `clusterscope network --cluster KEY [--related --table FILE]`: a cluster's
 * cooperation network (its members and the links between them) with igraph's measures, or its
 * stage diagram (--format svg); with --related, the network between the registry's clusters
 * whose categories a relatedness table relates, the cluster's neighbours marked.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "clusterscope/network.h"
#include "clusterscope/report.h"
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
    const char *db, *cluster, *output, *table;
    int format; /* a cs_format, or FORMAT_SVG */
    int related, directed;
    char delimiter;
    cs_lang lang;
} network_args;

#define FORMAT_SVG 100

static int parse_args(network_args *a, int argc, char **argv)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' },     { "cluster", required_argument, NULL, 'c' },
        { "lang", required_argument, NULL, 'l' },   { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' }, { "related", no_argument, NULL, 'r' },
        { "table", required_argument, NULL, 't' },  { "delimiter", required_argument, NULL, 'D' },
        { "directed", no_argument, NULL, 'g' },     { NULL, 0, NULL, 0 }
    };
    const char *cmd = "network";
    memset(a, 0, sizeof *a);
    a->delimiter = ',';
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
                return cs_cli_usage_error(cmd, "--lang takes en or ru, not '%s'", optarg);
            break;
        case 'f':
            if (strcmp(optarg, "svg") == 0) {
                a->format = FORMAT_SVG;
            } else {
                cs_format f;
                if (strcmp(optarg, "table") && strcmp(optarg, "csv") && strcmp(optarg, "json"))
                    return cs_cli_usage_error(cmd,
                                              "--format takes table, csv, json or svg, not "
                                              "'%s'",
                                              optarg);
                if (cs_cli_parse_format(&f, cmd, optarg))
                    return CS_CLI_EXIT_USAGE;
                a->format = (int)f;
            }
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'r':
            a->related = 1;
            break;
        case 't':
            a->table = optarg;
            break;
        case 'D':
            if (strcmp(optarg, ",") == 0 || strcmp(optarg, ";") == 0)
                a->delimiter = optarg[0];
            else if (strcmp(optarg, "tab") == 0)
                a->delimiter = '\t';
            else
                return cs_cli_usage_error(cmd, "--delimiter takes ',', ';' or 'tab', not '%s'",
                                          optarg);
            break;
        case 'g':
            a->directed = 1;
            break;
        default:
            return cs_cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!a->cluster || !*a->cluster)
        return cs_cli_usage_error(cmd, "--cluster KEY is required (a cluster of the registry)");
    if (a->related && !a->table)
        return cs_cli_usage_error(cmd, "--related needs --table TABLE (relatedClusters.json, or "
                                       "CSV category,category2,strength,related)");
    if (!a->related && a->table)
        return cs_cli_usage_error(cmd, "--table is for the related-cluster network (--related)");
    if (a->related && a->format == FORMAT_SVG)
        return cs_cli_usage_error(cmd, "--format svg draws a cluster's stage diagram, not the "
                                       "related-cluster network (--related)");
    if (a->related && a->directed)
        return cs_cli_usage_error(cmd, "--directed is for a cluster's cooperation network; the "
                                       "related-cluster network is undirected");
    return 0;
}

static void num(char *out, size_t cap, double v)
{
    if (isnan(v))
        out[0] = '\0';
    else
        cs_format_double(out, cap, v);
}

/* Characters of WORD (UTF-8), as a terminal shows them: headings in Russian take two bytes a
 * letter, so printf's byte widths would not line them up. */
static size_t chars(const char *word)
{
    size_t n = 0;
    for (const char *p = word; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    return n;
}

/* WORD right-aligned in W characters after a space. */
static void right(FILE *f, const char *word, size_t w)
{
    fputc(' ', f);
    for (size_t i = chars(word); i < w; i++)
        fputc(' ', f);
    fputs(word, f);
}

/* WORD left-aligned in W characters. */
static void left(FILE *f, const char *word, size_t w)
{
    fputs(word, f);
    for (size_t i = chars(word); i < w; i++)
        fputc(' ', f);
}

/* ---- the measures of the whole graph, shared by both networks ---- */

static void table_summary(FILE *f, const cs_network_measures *m, cs_lang lang, int clusters)
{
#define W(key) cs_i18n_text(lang, key)
    left(f, clusters ? W("ch_clusters") : W("ch_vertices"), 33);
    fprintf(f, "%zu\n", m->n);
    left(f, m->directed ? W("ch_arcs") : W("ch_edges"), 33);
    fprintf(f, "%zu\n", m->m);
    left(f, W("ch_density"), 33);
    if (isnan(m->density))
        fprintf(f, "-\n");
    else
        fprintf(f, "%.4f\n", m->density);
    left(f, W("ch_components"), 33);
    fprintf(f, "%zu\n", m->components);
    left(f, W("ch_largest"), 33);
    fprintf(f, "%zu\n", m->largest);
    left(f, clusters ? W("ch_isolated_clusters") : W("ch_isolated"), 33);
    fprintf(f, "%zu\n", m->isolated);
#undef W
}

static void json_summary(cs_jsonw *w, const cs_network_measures *m)
{
    cs_jsonw_bool(w, "directed", m->directed);
    cs_jsonw_string(w, "igraph", cs_network_igraph_version());
    cs_jsonw_string(w, "betweenness",
                    m->directed ? "igraph_betweenness along arcs; normalised = raw / ((n-1)(n-2))"
                                : "igraph_betweenness; normalised = raw * 2 / ((n-1)(n-2))");
    cs_jsonw_int(w, "vertices", (long long)m->n);
    cs_jsonw_int(w, "edges", (long long)m->m);
    cs_jsonw_real(w, "density", m->density);
    cs_jsonw_int(w, "components", (long long)m->components);
    cs_jsonw_int(w, "largest_component", (long long)m->largest);
    cs_jsonw_int(w, "isolated", (long long)m->isolated);
}

static void json_vertex(cs_jsonw *w, const cs_network_measures *m, size_t v)
{
    cs_jsonw_int(w, "degree", (long long)m->degree[v]);
    if (m->directed) {
        cs_jsonw_int(w, "in_degree", (long long)m->in_degree[v]);
        cs_jsonw_int(w, "out_degree", (long long)m->out_degree[v]);
    }
    cs_jsonw_real(w, "betweenness", m->betweenness[v]);
    cs_jsonw_real(w, "betweenness_normalised", m->betweenness_norm[v]);
    cs_jsonw_int(w, "component", (long long)m->component[v]);
}

static int csv_vertex(cs_buf *b, const cs_network_measures *m, size_t v)
{
    char x[40], y[40];
    num(x, sizeof x, m->betweenness[v]);
    num(y, sizeof y, m->betweenness_norm[v]);
    return cs_buf_printf(b, ",%zu,%zu,%zu,%s,%s,%zu\n", m->degree[v], m->in_degree[v],
                         m->out_degree[v], x, y, m->component[v]);
}

static void table_vertex(FILE *f, const cs_network_measures *m, size_t v)
{
    fprintf(f, " %8zu", m->degree[v]);
    if (m->directed)
        fprintf(f, " %6zu %6zu", m->in_degree[v], m->out_degree[v]);
    fprintf(f, " %15.4f %15.6f %11zu", m->betweenness[v], m->betweenness_norm[v], m->component[v]);
}

static void table_vertex_head(FILE *f, const cs_network_measures *m, cs_lang lang)
{
    right(f, cs_i18n_text(lang, "ch_degree"), 8);
    if (m->directed) {
        right(f, cs_i18n_text(lang, "ch_in_degree"), 6);
        right(f, cs_i18n_text(lang, "ch_out_degree"), 6);
    }
    right(f, cs_i18n_text(lang, "ch_betweenness"), 15);
    right(f, cs_i18n_text(lang, "ch_normalised"), 15);
    right(f, cs_i18n_text(lang, "ch_component"), 11);
    fputc('\n', f);
}

/* ---- a cluster's cooperation network ---- */

typedef struct {
    const network_args *a;
    const cs_chain_view *v;
    const cs_related_network *r;
    size_t focus; /* r: the cluster's index, CS_CHAIN_NONE when it has no category */
} out_ctx;

static const char *member_stage(const cs_chain *c, size_t i)
{
    return c->members[i].stage;
}

static int chain_csv(FILE *f, const cs_chain_view *v)
{
    const cs_chain *c = v->chain;
    const cs_network_measures *m = v->measures;
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_puts(&b, "organisation,name,stage,role,degree,in_degree,out_degree,"
                             "betweenness,betweenness_normalised,component\n");
    for (size_t i = 0; i < c->n_members && !rc; i++) {
        rc = cs_textout_csv_text(&b, c->members[i].organisation, 0);
        rc = rc ? rc : cs_buf_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, c->members[i].name, 0);
        rc = rc ? rc : cs_buf_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, member_stage(c, i), 0);
        rc = rc ? rc : cs_buf_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, c->members[i].role, 0);
        rc = rc ? rc : csv_vertex(&b, m, i);
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

static int put_notes(cs_jsonw *w, FILE *f, const cs_chain_view *v, cs_lang lang)
{
    char **notes = NULL;
    size_t n = 0;
    int rc = cs_report_chain_notes(&notes, &n, v, lang);
    char measures[1024];
    snprintf(measures, sizeof measures,
             cs_i18n_text(lang, v->directed ? "ch_note_measures_directed" : "ch_note_measures"),
             cs_network_igraph_version());
    if (w) {
        cs_jsonw_open(w, "notes", '[');
        cs_jsonw_string(w, NULL, measures);
        for (size_t i = 0; i < n; i++)
            cs_jsonw_string(w, NULL, notes[i]);
        cs_jsonw_close(w, ']');
    } else {
        cs_cli_put_text(f, "\n%s\n", measures);
        for (size_t i = 0; i < n; i++)
            cs_cli_put_text(f, "%s\n", notes[i]);
    }
    cs_report_chain_notes_free(notes, n);
    return rc;
}

static int chain_json(FILE *f, const cs_chain_view *v, cs_lang lang)
{
    const cs_chain *c = v->chain;
    const cs_network_measures *m = v->measures;
    cs_buf b = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "cluster", c->cluster);
    json_summary(&w, m);
    cs_jsonw_open(&w, "organisations", '[');
    for (size_t i = 0; i < c->n_members; i++) {
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "organisation", c->members[i].organisation);
        cs_jsonw_string(&w, "name", c->members[i].name);
        cs_jsonw_string(&w, "stage", member_stage(c, i));
        cs_jsonw_string(&w, "role", c->members[i].role);
        json_vertex(&w, m, i);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "edge_list", '[');
    for (size_t e = 0; e < v->n_edges; e++) {
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "from", c->members[v->edge_from[e]].organisation);
        cs_jsonw_string(&w, "to", c->members[v->edge_to[e]].organisation);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    int rc = put_notes(&w, f, v, lang);
    cs_jsonw_close(&w, '}');
    rc = rc ? rc : w.rc;
    rc = rc ? rc : cs_buf_putc(&b, '\n');
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

static int chain_table(FILE *f, const cs_chain_view *v, cs_lang lang)
{
    const cs_chain *c = v->chain;
    const cs_network_measures *m = v->measures;
    char title[512];
    snprintf(title, sizeof title, cs_i18n_text(lang, "ch_title_network"),
             cs_report_label_lang(lang, c->name_en, c->name_ru));
    cs_cli_put_text(f, "%s", title);
    cs_cli_put_text(f, " (%s)\n\n", c->cluster);
    table_summary(f, m, lang, 0);
    fputc('\n', f);
    left(f, cs_i18n_text(lang, "ch_organisation"), 25);
    left(f, cs_i18n_text(lang, "ch_stage"), 14);
    table_vertex_head(f, m, lang);
    for (size_t i = 0; i < c->n_members; i++) {
        cs_cli_put_text(f, "%-24s ", c->members[i].organisation);
        cs_cli_put_text(f, "%-14s", member_stage(c, i) ? member_stage(c, i) : "-");
        table_vertex(f, m, i);
        fputc('\n', f);
    }
    return put_notes(NULL, f, v, lang);
}

/* ---- the related-cluster network ---- */

static int related_csv(FILE *f, const out_ctx *o)
{
    const cs_related_network *r = o->r;
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_puts(&b, "cluster,name,category,degree,in_degree,out_degree,betweenness,"
                             "betweenness_normalised,component,linked\n");
    int *linked = calloc(r->n ? r->n : 1, sizeof *linked);
    if (!linked)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t e = 0; e < r->m && !rc; e++) {
        if (r->from[e] == o->focus)
            linked[r->to[e]] = 1;
        if (r->to[e] == o->focus)
            linked[r->from[e]] = 1;
    }
    for (size_t i = 0; i < r->n && !rc; i++) {
        rc = cs_textout_csv_text(&b, r->cluster[i], 0);
        rc = rc ? rc : cs_buf_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, r->name[i], 0);
        rc = rc ? rc : cs_buf_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, r->category[i], 0);
        rc = rc ? rc : csv_vertex(&b, r->measures, i);
        /* csv_vertex ended the line: put the flag before it */
        if (!rc) {
            b.len--;
            rc = o->focus == CS_CHAIN_NONE ? cs_buf_puts(&b, ",\n")
                                           : cs_buf_printf(&b, ",%d\n", linked[i]);
        }
    }
    free(linked);
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

static void related_notes(const out_ctx *o, cs_jsonw *w, FILE *f)
{
    const cs_related_network *r = o->r;
    cs_lang lang = o->a->lang;
    cs_buf list = CS_BUF_INIT;
    for (size_t i = 0; i < r->n_unmapped; i++)
        cs_buf_printf(&list, "%s%s", i ? ", " : "", r->unmapped[i]);
    char *lines[3] = { NULL, NULL, NULL };
    size_t k = 0;
    if (asprintf(&lines[k], "%s", cs_i18n_text(lang, "ch_note_related_rule")) >= 0)
        k++;
    if (r->n_unmapped && asprintf(&lines[k], cs_i18n_text(lang, "ch_note_unmapped"),
                                  list.data ? list.data : "") >= 0)
        k++;
    if (o->focus == CS_CHAIN_NONE &&
        asprintf(&lines[k], cs_i18n_text(lang, "ch_note_focus_unmapped"), o->a->cluster) >= 0)
        k++;
    if (w) {
        cs_jsonw_open(w, "notes", '[');
        for (size_t i = 0; i < k; i++)
            cs_jsonw_string(w, NULL, lines[i]);
        cs_jsonw_close(w, ']');
    } else {
        for (size_t i = 0; i < k; i++)
            cs_cli_put_text(f, "%s\n", lines[i]);
    }
    for (size_t i = 0; i < k; i++)
        free(lines[i]);
    cs_buf_free(&list);
}

static int related_json(FILE *f, const out_ctx *o)
{
    const cs_related_network *r = o->r;
    cs_buf b = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "cluster", o->a->cluster);
    cs_jsonw_bool(&w, "related", 1);
    cs_jsonw_string(&w, "category", o->focus == CS_CHAIN_NONE ? NULL : r->category[o->focus]);
    json_summary(&w, r->measures);
    cs_jsonw_open(&w, "clusters", '[');
    for (size_t i = 0; i < r->n; i++) {
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "cluster", r->cluster[i]);
        cs_jsonw_string(&w, "name", r->name[i]);
        cs_jsonw_string(&w, "category", r->category[i]);
        json_vertex(&w, r->measures, i);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "edge_list", '[');
    for (size_t e = 0; e < r->m; e++) {
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "from", r->cluster[r->from[e]]);
        cs_jsonw_string(&w, "to", r->cluster[r->to[e]]);
        cs_jsonw_bool(&w, "same_category", r->same[e]);
        cs_jsonw_real(&w, "strength", r->strength[e]);
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_open(&w, "unmapped", '[');
    for (size_t i = 0; i < r->n_unmapped; i++)
        cs_jsonw_string(&w, NULL, r->unmapped[i]);
    cs_jsonw_close(&w, ']');
    related_notes(o, &w, f);
    cs_jsonw_close(&w, '}');
    int rc = w.rc;
    rc = rc ? rc : cs_buf_putc(&b, '\n');
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

static int related_table(FILE *f, const out_ctx *o)
{
    const cs_related_network *r = o->r;
    cs_lang lang = o->a->lang;
    cs_cli_put_text(f, "%s\n\n", cs_i18n_text(lang, "ch_title_related"));
    table_summary(f, r->measures, lang, 1);
    if (o->focus != CS_CHAIN_NONE) {
        cs_cli_put_text(f, "\n%s ", o->a->cluster);
        cs_cli_put_text(f, "(%s):", r->category[o->focus]);
        size_t shown = 0;
        for (size_t e = 0; e < r->m; e++) {
            size_t other = r->from[e] == o->focus ? r->to[e]
                           : r->to[e] == o->focus ? r->from[e]
                                                  : CS_CHAIN_NONE;
            if (other == CS_CHAIN_NONE)
                continue;
            cs_cli_put_text(f, shown++ ? ", %s" : " %s", r->cluster[other]);
            cs_cli_put_text(f, " (%s)",
                            r->same[e] ? cs_i18n_text(lang, "ch_same_category")
                                       : cs_i18n_text(lang, "ch_related_pair"));
        }
        cs_cli_put_text(f, "%s\n", shown ? "" : " -");
    }
    fputc('\n', f);
    left(f, cs_i18n_text(lang, "ch_clusters"), 29);
    left(f, cs_i18n_text(lang, "ch_category"), 16);
    table_vertex_head(f, r->measures, lang);
    for (size_t i = 0; i < r->n; i++) {
        cs_cli_put_text(f, "%-28s ", r->cluster[i]);
        cs_cli_put_text(f, "%-16s", r->category[i]);
        table_vertex(f, r->measures, i);
        fputc('\n', f);
    }
    fputc('\n', f);
    related_notes(o, NULL, f);
    return 0;
}

static int write_output(FILE *f, void *ctx)
{
    const out_ctx *o = ctx;
    if (o->r) {
        if (o->a->format == CS_FORMAT_CSV)
            return related_csv(f, o);
        if (o->a->format == CS_FORMAT_JSON)
            return related_json(f, o);
        return related_table(f, o);
    }
    if (o->a->format == FORMAT_SVG) {
        char *svg = cs_report_stage_diagram(o->v, o->a->lang);
        if (!svg)
            return cs_error_last_code();
        int rc = fputs(svg, f) < 0 ? cs_error_set(CS_EIO, "writing the diagram failed") : 0;
        free(svg);
        return rc;
    }
    if (o->a->format == CS_FORMAT_CSV)
        return chain_csv(f, o->v);
    if (o->a->format == CS_FORMAT_JSON)
        return chain_json(f, o->v, o->a->lang);
    return chain_table(f, o->v, o->a->lang);
}

int cs_cmd_network(int argc, char **argv)
{
    network_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    cs_service *svc = NULL;
    cs_chain_view *v = NULL;
    cs_related_table *table = NULL;
    cs_related_network *r = NULL;
    int rc = cs_cli_open(&svc, a.db, CS_SERVICE_READ);
    /* the cluster must exist in both forms: its chain is read first */
    rc = rc ? rc : cs_service_chain(&v, svc, a.cluster, a.directed);
    out_ctx o = { &a, v, NULL, CS_CHAIN_NONE };
    if (!rc && a.related) {
        rc = cs_service_read_related(&table, a.table, a.delimiter);
        rc = rc ? rc : cs_service_related_network(&r, svc, table);
        o.r = r;
        o.focus = cs_related_network_find(r, a.cluster);
    }
    if (!rc)
        rc = cs_cli_write(a.output, write_output, &o);
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    cs_related_network_free(r);
    cs_related_table_free(table);
    cs_chain_view_free(v);
    cs_service_close(svc);
    return status;
}
