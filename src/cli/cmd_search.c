/*
 * cmd_search.c: `clusterscope search QUERY`: the registry's clusters, organisations, facts and
 * news found by the user's words in any of their forms (service.h, cs_service_search), best
 * first, each with its kind, key, title, year and a snippet whose matched words are marked
 * **so** (cs_service_search_marks), as a table, CSV or JSON.
 */
#include "cli.h"
#include "table_out.h"

#include "clusterscope/error.h"
#include "util/buf.h"
#include "util/textout.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const cs_search_hits *hits;
    const char *query;
    cs_format format;
    cs_lang lang;
} search_out;

static const char *W(const search_out *o, const char *key)
{
    return cs_i18n_text(o->lang, key);
}

/* The snippet with each word the search matched between "**" and "**". */
static int marked(cs_buf *out, const char *query, const char *snippet)
{
    size_t *r = NULL, n = 0;
    cs_buf_reset(out);
    int rc = cs_service_search_marks(&r, &n, query, snippet);
    rc = rc ? rc : cs_buf_puts(out, "");
    size_t at = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        rc = cs_buf_append(out, snippet + at, r[2 * i] - at);
        rc = rc ? rc : cs_buf_puts(out, "**");
        rc = rc ? rc : cs_buf_append(out, snippet + r[2 * i], r[2 * i + 1] - r[2 * i]);
        rc = rc ? rc : cs_buf_puts(out, "**");
        at = r[2 * i + 1];
    }
    rc = rc ? rc : cs_buf_puts(out, snippet + at);
    free(r);
    return rc;
}

/* The title in the output's language: a cluster's or a news item's Russian one in Russian. */
static const char *title(const search_out *o, const cs_search_hit *h)
{
    if (o->lang == CS_LANG_RU && h->title_ru && *h->title_ru)
        return h->title_ru;
    return *h->title ? h->title : h->key;
}

static const char *kind_word(const search_out *o, const char *kind)
{
    char key[64];
    snprintf(key, sizeof key, "web.hit_%s", kind);
    const char *w = W(o, key);
    return strcmp(w, key) == 0 ? kind : w;
}

static int write_table(FILE *f, const search_out *o)
{
    size_t n = cs_search_hits_count(o->hits), total = cs_search_hits_total(o->hits);
    char head[256];
    snprintf(head, sizeof head, W(o, "sr_heading"), total, n);
    cs_cli_put_text(f, "%s", head);
    fputs("\n", f);
    if (n == 0)
        return 0;
    fputs("\n", f);
    const char *h[] = { W(o, "sr_col_kind"), W(o, "sr_col_key"), W(o, "sr_col_title"),
                        W(o, "sr_col_year"), W(o, "sr_col_snippet") };
    cs_cli_table tb;
    cs_buf snip = CS_BUF_INIT;
    int rc = cs_cli_table_init(&tb, 5, n + 1);
    rc = rc ? rc : cs_cli_table_row(&tb, h);
    for (size_t i = 0; !rc && i < n; i++) {
        const cs_search_hit *hit = cs_search_hits_at(o->hits, i);
        char year[16] = "";
        if (hit->year)
            snprintf(year, sizeof year, "%d", hit->year);
        rc = marked(&snip, o->query, hit->snippet);
        const char *cells[] = { kind_word(o, hit->kind), hit->key, title(o, hit), year,
                                cs_buf_str(&snip) };
        rc = rc ? rc : cs_cli_table_row(&tb, cells);
    }
    cs_buf_free(&snip);
    if (rc)
        return rc;
    cs_cli_table_write(f, &tb);
    return 0;
}

static int write_csv(FILE *f, const search_out *o)
{
    cs_buf b = CS_BUF_INIT, snip = CS_BUF_INIT;
    int rc = cs_buf_puts(&b, "kind,key,title,title_ru,cluster,year,snippet,snippet_marked\n");
    for (size_t i = 0; !rc && i < cs_search_hits_count(o->hits); i++) {
        const cs_search_hit *h = cs_search_hits_at(o->hits, i);
        rc = marked(&snip, o->query, h->snippet);
        const char *texts[] = { h->kind, h->key, h->title, h->title_ru, h->cluster };
        for (size_t k = 0; !rc && k < sizeof texts / sizeof texts[0]; k++) {
            rc = cs_textout_csv_text(&b, texts[k], 0);
            rc = rc ? rc : cs_buf_putc(&b, ',');
        }
        if (!rc && h->year)
            rc = cs_textout_csv_int(&b, h->year, 0);
        rc = rc ? rc : cs_buf_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, h->snippet, 0);
        rc = rc ? rc : cs_buf_putc(&b, ',');
        rc = rc ? rc : cs_textout_csv_text(&b, cs_buf_str(&snip), 0);
        rc = rc ? rc : cs_buf_putc(&b, '\n');
    }
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    cs_buf_free(&snip);
    return rc;
}

static int write_json(FILE *f, const search_out *o)
{
    cs_buf b = CS_BUF_INIT, snip = CS_BUF_INIT;
    cs_jsonw w;
    cs_jsonw_init(&w, &b, 2, f);
    cs_jsonw_open(&w, NULL, '{');
    cs_jsonw_string(&w, "query", o->query);
    cs_jsonw_int(&w, "total", (long long)cs_search_hits_total(o->hits));
    cs_jsonw_open(&w, "hits", '[');
    int rc = 0;
    for (size_t i = 0; !rc && i < cs_search_hits_count(o->hits); i++) {
        const cs_search_hit *h = cs_search_hits_at(o->hits, i);
        rc = marked(&snip, o->query, h->snippet);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_string(&w, "kind", h->kind);
        cs_jsonw_string(&w, "key", h->key);
        cs_jsonw_string(&w, "title", h->title);
        cs_jsonw_string(&w, "title_ru", h->title_ru);
        cs_jsonw_string(&w, "cluster", h->cluster);
        if (h->year)
            cs_jsonw_int(&w, "year", h->year);
        else
            cs_jsonw_null(&w, "year");
        cs_jsonw_string(&w, "snippet", h->snippet);
        cs_jsonw_string(&w, "snippet_marked", cs_buf_str(&snip));
        cs_jsonw_close(&w, '}');
    }
    cs_jsonw_close(&w, ']');
    cs_jsonw_close(&w, '}');
    rc = rc ? rc : w.rc ? w.rc : cs_textout_putc(&b, '\n');
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    cs_buf_free(&snip);
    return rc;
}

static int write_output(FILE *f, void *ctx)
{
    const search_out *o = ctx;
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

int cs_cmd_search(int argc, char **argv)
{
    static const struct option options[] = { { "limit", required_argument, NULL, 'n' },
                                             { "offset", required_argument, NULL, 's' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "lang", required_argument, NULL, 'l' },
                                             { "db", required_argument, NULL, 'd' },
                                             { NULL, 0, NULL, 0 } };
    const char *cmd = "search", *output = NULL, *db = NULL;
    search_out o = { NULL, NULL, CS_FORMAT_TABLE, CS_LANG_EN };
    long limit = 20, offset = 0;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (cs_cli_parse_long(&limit, cmd, "--limit", optarg, 1, 1000))
                return CS_CLI_EXIT_USAGE;
            break;
        case 's':
            if (cs_cli_parse_long(&offset, cmd, "--offset", optarg, 0, 1000000000L))
                return CS_CLI_EXIT_USAGE;
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
    if (optind >= argc)
        return cs_cli_usage_error(cmd, "no words to search for");
    /* the words may come as one argument or several: "янтарный кластер" or янтарный кластер */
    cs_buf q = CS_BUF_INIT;
    int rc = cs_buf_puts(&q, "");
    for (int i = optind; !rc && i < argc; i++)
        rc = cs_buf_printf(&q, "%s%s", i > optind ? " " : "", argv[i]);
    if (rc) {
        cs_buf_free(&q);
        return cs_cli_fail();
    }
    o.query = cs_buf_str(&q);
    cs_service *svc = NULL;
    cs_search_hits *hits = NULL;
    rc = cs_cli_open(&svc, db, CS_SERVICE_READ);
    rc = rc ? rc : cs_service_check_output(svc, output);
    rc = rc ? rc : cs_service_search(&hits, svc, o.query, (size_t)limit, (size_t)offset);
    int status;
    if (rc == CS_EUSAGE) { /* a query too long: the user's words, not the registry */
        char message[1024];
        snprintf(message, sizeof message, "%s", cs_error_last());
        cs_error_clear();
        status = cs_cli_usage_error(cmd, "%s", message);
    } else {
        if (!rc) {
            o.hits = hits;
            rc = cs_cli_write(output, write_output, &o);
        }
        status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    }
    cs_search_hits_free(hits);
    cs_service_close(svc);
    cs_buf_free(&q);
    return status;
}
