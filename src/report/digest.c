/*
 * digest.c: the news digest as one HTML page in seed 001's layout (report.h): cover (the
 * publisher's levels, the title, "news digest", the issue and its month), masthead (about the
 * publisher, new publications, information resources, contacts), contents (section -> item ->
 * page), the sections in the order of the kinds, each item in its kind's template, and the
 * closing contacts and call for news. The page prints on A4: each section starts a page, and
 * the page number stands at the foot of every page but the cover, so that the numbers in the
 * contents (digest_pdf.c fills them) are the ones a reader sees.
 */
#include "clusterscope/error.h"
#include "clusterscope/i18n.h"
#include "clusterscope/report.h"
#include "report/digest_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T(key) cs_i18n_text(lang, key)

/* ---- text ---- */

int cs_digest_put_esc(cs_buf *b, const char *s, size_t n)
{
    int rc = 0;
    size_t from = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const char *rep = NULL;
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
                rep = " ";
        }
        if (rep) {
            rc = cs_buf_append(b, s + from, i - from);
            if (!rc)
                rc = cs_buf_puts(b, rep);
            from = i + 1;
        }
    }
    if (!rc && from < n)
        rc = cs_buf_append(b, s + from, n - from);
    return rc;
}

int cs_digest_put(cs_buf *b, const char *s)
{
    return s ? cs_digest_put_esc(b, s, strlen(s)) : 0;
}

static int link_allowed(const char *url, size_t n)
{
    static const char *const schemes[] = { "http://", "https://", "mailto:", "#" };
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t k = strlen(schemes[i]);
        if (n >= k && strncmp(url, schemes[i], k) == 0)
            return 1;
    }
    return 0;
}

/* The position of the first C in S[from, n) that no backslash escapes, or n. */
static size_t find_char(const char *s, size_t from, size_t n, char c)
{
    for (size_t i = from; i < n; i++) {
        if (s[i] == '\\') {
            i++;
            continue;
        }
        if (s[i] == c)
            return i;
    }
    return n;
}

/* The position of "**" in S[from, n), or n. */
static size_t find_double(const char *s, size_t from, size_t n)
{
    for (size_t i = from; i + 1 < n; i++) {
        if (s[i] == '\\') {
            i++;
            continue;
        }
        if (s[i] == '*' && s[i + 1] == '*')
            return i;
    }
    return n;
}

static int put_inline(cs_buf *b, const char *s, size_t n, int depth);

/* An <a> for URL with the inline TEXT as its words. */
static int put_link(cs_buf *b, const char *url, size_t un, const char *text, size_t tn, int depth)
{
    int rc = cs_buf_puts(b, "<a href=\"");
    if (!rc)
        rc = cs_digest_put_esc(b, url, un);
    if (!rc)
        rc = cs_buf_puts(b, "\">");
    if (!rc)
        rc = put_inline(b, text, tn, depth + 1);
    if (!rc)
        rc = cs_buf_puts(b, "</a>");
    return rc;
}

static int put_inline(cs_buf *b, const char *s, size_t n, int depth)
{
    int rc = 0;
    size_t i = 0, plain = 0;
#define FLUSH() (rc = rc ? rc : cs_digest_put_esc(b, s + plain, i - plain))
    while (i < n && !rc) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            FLUSH();
            plain = i + 1;
            i += 2;
            continue;
        }
        if (depth < 8 && c == '*' && i + 1 < n && s[i + 1] == '*') {
            size_t end = find_double(s, i + 2, n);
            if (end < n && end > i + 2) {
                FLUSH();
                if (!rc)
                    rc = cs_buf_puts(b, "<strong>");
                if (!rc)
                    rc = put_inline(b, s + i + 2, end - i - 2, depth + 1);
                if (!rc)
                    rc = cs_buf_puts(b, "</strong>");
                i = plain = end + 2;
                continue;
            }
        } else if (depth < 8 && c == '*') {
            size_t end = find_char(s, i + 1, n, '*');
            if (end < n && end > i + 1 && s[i + 1] != ' ') {
                FLUSH();
                if (!rc)
                    rc = cs_buf_puts(b, "<em>");
                if (!rc)
                    rc = put_inline(b, s + i + 1, end - i - 1, depth + 1);
                if (!rc)
                    rc = cs_buf_puts(b, "</em>");
                i = plain = end + 1;
                continue;
            }
        } else if (depth < 8 && c == '[') {
            size_t close = find_char(s, i + 1, n, ']');
            if (close + 1 < n && s[close + 1] == '(') {
                size_t end = find_char(s, close + 2, n, ')');
                if (end < n) {
                    const char *url = s + close + 2;
                    size_t un = end - close - 2;
                    FLUSH();
                    if (!rc && link_allowed(url, un))
                        rc = put_link(b, url, un, s + i + 1, close - i - 1, depth);
                    else if (!rc)
                        rc = put_inline(b, s + i + 1, close - i - 1, depth + 1);
                    i = plain = end + 1;
                    continue;
                }
            }
        } else if (c == '<') {
            size_t end = find_char(s, i + 1, n, '>');
            if (end < n && link_allowed(s + i + 1, end - i - 1) &&
                !memchr(s + i + 1, ' ', end - i - 1)) {
                FLUSH();
                if (!rc)
                    rc = put_link(b, s + i + 1, end - i - 1, s + i + 1, end - i - 1, 8);
                i = plain = end + 1;
                continue;
            }
        }
        i++;
    }
    FLUSH();
#undef FLUSH
    return rc;
}

/* Appends the paragraph S[0, n) (lines joined by <br>) or the subheading it starts. */
static int put_block(cs_buf *b, const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    if (n == 0)
        return 0;
    size_t skip = n >= 4 && strncmp(s, "### ", 4) == 0  ? 4
                  : n >= 3 && strncmp(s, "## ", 3) == 0 ? 3
                                                        : 0;
    int rc = cs_buf_puts(b, skip ? "<h4>" : "<p>");
    size_t line = skip;
    while (!rc && line < n) {
        const char *nl = memchr(s + line, '\n', n - line);
        size_t end = nl ? (size_t)(nl - s) : n, stop = end;
        if (stop > line && s[stop - 1] == '\r')
            stop--;
        if (line > skip)
            rc = cs_buf_puts(b, "<br>");
        if (!rc)
            rc = put_inline(b, s + line, stop - line, 0);
        line = end + 1;
    }
    if (!rc)
        rc = cs_buf_puts(b, skip ? "</h4>\n" : "</p>\n");
    return rc;
}

int cs_digest_markdown(cs_buf *b, const char *text)
{
    if (!text)
        return 0;
    size_t n = strlen(text), start = 0;
    int rc = 0;
    while (!rc && start < n) {
        /* a block ends at a line that holds nothing but spaces */
        size_t i = start, end = n, next = n;
        while (i < n) {
            const char *nl = memchr(text + i, '\n', n - i);
            if (!nl)
                break;
            size_t j = (size_t)(nl - text) + 1, k = j;
            while (k < n && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r'))
                k++;
            if (k >= n || text[k] == '\n') {
                end = (size_t)(nl - text);
                next = k < n ? k + 1 : n;
                break;
            }
            i = j;
        }
        /* a subheading is a block of its own even without a blank line after it */
        if (strncmp(text + start, "### ", 4) == 0 || strncmp(text + start, "## ", 3) == 0) {
            const char *nl = memchr(text + start, '\n', end - start);
            if (nl) {
                end = (size_t)(nl - text);
                next = end + 1;
            }
        }
        rc = put_block(b, text + start, end - start);
        start = next;
    }
    return rc;
}

static const char *pick(cs_lang lang, const char *en, const char *ru)
{
    return lang == CS_LANG_RU ? ru : en;
}

void cs_digest_item_words(cs_digest_words *w, const cs_news_item *it, cs_lang lang)
{
    memset(w, 0, sizeof *w);
    int same = it->lang && strcmp(it->lang, cs_lang_name(lang)) == 0;
    const char *title = pick(lang, it->title_en, it->title_ru);
    const char *summary = pick(lang, it->summary_en, it->summary_ru);
    w->title = same || !title ? it->title : title;
    w->title_foreign = !same && !title;
    if (same || !summary) {
        w->lead = it->lead;
        w->body = it->body;
        w->box = it->box;
        w->text_foreign = !same;
    } else {
        w->summary = summary;
    }
}

int cs_digest_put_month(cs_buf *b, const char *month, cs_lang lang)
{
    char key[16];
    int year = atoi(month);
    snprintf(key, sizeof key, "dg_month_%.2s", month + 5);
    return cs_buf_printf(b, cs_i18n_text(lang, "dg_edition"), cs_i18n_text(lang, key), year);
}

/* ---- the page ---- */

static const char css[] =
    "@page{size:A4;margin:18mm 18mm 20mm 18mm;@bottom-center{content:counter(page);"
    "font:9pt 'DejaVu Sans',sans-serif;color:#555}}\n"
    "@page:first{@bottom-center{content:none}}\n"
    "html{font:11pt/1.45 'DejaVu Serif',Georgia,serif;color:#111;background:#fff}\n"
    "body{margin:0 auto;max-width:48em;padding:1em}\n"
    "h1,h2,h3,h4,.cover,.toc,.meta,.label{font-family:'DejaVu Sans',Arial,sans-serif}\n"
    "a{color:#0b4f8a}\n"
    ".cover{min-height:240mm;display:flex;flex-direction:column;justify-content:space-between;"
    "break-after:page;border-left:6mm solid #0b4f8a;padding-left:8mm}\n"
    ".publisher p{margin:.2em 0;font-size:10pt;text-transform:uppercase;letter-spacing:.04em}\n"
    ".cover h1{font-size:30pt;line-height:1.15;text-transform:uppercase;margin:0}\n"
    ".cover .kind{font-size:16pt;margin:.4em 0 0}\n"
    ".cover .edition{font-size:13pt;margin:2em 0 0}\n"
    ".masthead{break-after:page}\n"
    ".masthead h2,.closing h2{font-size:13pt;color:#0b4f8a;margin:1.2em 0 .4em}\n"
    ".subtitle{font-style:italic}\n"
    ".toc{break-after:page}\n"
    ".toc h2{text-transform:uppercase;font-size:15pt}\n"
    ".toc h3{font-size:11pt;margin:1em 0 .3em}\n"
    ".toc ol{list-style:none;margin:0;padding:0}\n"
    ".toc li{display:flex;align-items:baseline;gap:.5em;margin:.25em 0}\n"
    ".toc li a{flex:1;text-decoration:none;color:#111}\n"
    ".toc .pg{min-width:2.5em;text-align:right;white-space:nowrap;font-variant-numeric:"
    "tabular-nums}\n"
    "section.kind{break-before:page}\n"
    "section.kind>h2{text-transform:uppercase;font-size:16pt;color:#0b4f8a;border-bottom:2px "
    "solid #0b4f8a;padding-bottom:.2em}\n"
    "article{margin:0 0 1.5em;padding-bottom:1em;border-bottom:1px solid #ccc}\n"
    "article h3{font-size:13pt;line-height:1.3;margin:1em 0 .5em;break-after:avoid}\n"
    "article h4{font-size:11pt;margin:1em 0 .3em;break-after:avoid}\n"
    ".lead{font-style:italic}\n"
    ".box{background:#eef3f8;padding:.5em .8em;border-left:3px solid #0b4f8a}\n"
    ".box .label{font-style:italic;font-weight:bold}\n"
    ".qa .q{font-weight:bold;margin-bottom:.2em}\n"
    ".meta{font-size:9.5pt;color:#444}\n"
    ".lang{font-size:9pt;color:#666;font-style:normal;font-weight:normal}\n"
    ".note{font-size:9.5pt;color:#444;border:1px dashed #999;padding:.4em .6em}\n"
    ".closing{break-before:page}\n"
    "@media print{body{max-width:none;padding:0}}\n";

typedef struct {
    cs_buf *b;
    cs_lang lang;
    int rc;
} page;

static void put(page *p, const char *s)
{
    if (!p->rc)
        p->rc = cs_buf_puts(p->b, s);
}

static void esc(page *p, const char *s)
{
    if (!p->rc)
        p->rc = cs_digest_put(p->b, s);
}

static void md(page *p, const char *s)
{
    if (!p->rc)
        p->rc = cs_digest_markdown(p->b, s);
}

static void printf_(page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printf_(page *p, const char *fmt, ...)
{
    if (p->rc)
        return;
    va_list ap;
    va_start(ap, fmt);
    p->rc = cs_buf_vprintf(p->b, fmt, ap);
    va_end(ap);
}

/* " (in Russian)" after words not in the digest's language. */
static void foreign_mark(page *p, const char *item_lang)
{
    const char *key = item_lang && strcmp(item_lang, "ru") == 0 ? "dg_in_ru" : "dg_in_en";
    put(p, " <span class=\"lang\">(");
    esc(p, cs_i18n_text(p->lang, key));
    put(p, ")</span>");
}

/* A masthead part in the digest's language, else in the other one marked with it. */
static void text_part(page *p, const cs_digest_issue *issue, cs_digest_part part,
                      const char *heading_key)
{
    if (!issue)
        return;
    const char *mine = p->lang == CS_LANG_RU ? issue->text_ru[part] : issue->text_en[part];
    const char *other = p->lang == CS_LANG_RU ? issue->text_en[part] : issue->text_ru[part];
    const char *text = mine ? mine : other;
    if (!text)
        return;
    printf_(p, "<div class=\"part part-%s\"", cs_digest_part_name(part));
    if (!mine)
        printf_(p, " lang=\"%s\"", p->lang == CS_LANG_RU ? "en" : "ru");
    put(p, "><h2>");
    esc(p, cs_i18n_text(p->lang, heading_key));
    if (!mine)
        foreign_mark(p, p->lang == CS_LANG_RU ? "en" : "ru");
    put(p, "</h2>\n");
    md(p, text);
    put(p, "</div>\n");
}

static void cover(page *p, const cs_digest *d)
{
    cs_lang lang = p->lang;
    const cs_digest_issue *is = d->issue;
    put(p, "<header class=\"cover\">\n<div class=\"publisher\">\n");
    const char *pub = is ? is->publisher : NULL;
    while (pub && *pub) {
        const char *bar = strchr(pub, '|');
        size_t n = bar ? (size_t)(bar - pub) : strlen(pub);
        put(p, "<p>");
        if (!p->rc)
            p->rc = cs_digest_put_esc(p->b, pub, n);
        put(p, "</p>\n");
        pub = bar ? bar + 1 : NULL;
    }
    put(p, "</div>\n<div>\n<h1>");
    const char *title = is ? (lang == CS_LANG_RU ? is->title_ru : is->title_en) : NULL;
    esc(p, title ? title : T("dg_title"));
    put(p, "</h1>\n<p class=\"kind\">");
    esc(p, T("dg_kind"));
    put(p, "</p>\n<p class=\"edition\">");
    printf_(p, T("dg_issue"), d->number);
    put(p, " &#9632; ");
    if (!p->rc)
        p->rc = cs_digest_put_month(p->b, d->month, lang);
    put(p, "</p>\n</div>\n</header>\n");
}

static void masthead(page *p, const cs_digest *d)
{
    cs_lang lang = p->lang;
    put(p, "<div class=\"masthead\">\n");
    if (!d->recorded) {
        char month[64];
        cs_buf mb = CS_BUF_INIT;
        if (!p->rc)
            p->rc = cs_digest_put_month(&mb, d->month, lang);
        snprintf(month, sizeof month, "%s", mb.data ? mb.data : d->month);
        cs_buf_free(&mb);
        put(p, "<p class=\"note\">");
        if (d->texts_from)
            printf_(p, T("dg_unrecorded"), d->number, month, d->texts_from);
        else
            printf_(p, T("dg_unrecorded_bare"), d->number, month);
        put(p, "</p>\n");
    }
    text_part(p, d->issue, CS_DIGEST_ABOUT, "dg_about");
    text_part(p, d->issue, CS_DIGEST_PUBLICATIONS, "dg_publications");
    text_part(p, d->issue, CS_DIGEST_CONTACTS, "dg_contacts");
    text_part(p, d->issue, CS_DIGEST_RESOURCES, "dg_resources");
    put(p, "</div>\n");
}

/* The layout's items of kind K: [*from, *to) of ORDER. */
static void kind_range(size_t *from, size_t *to, const size_t *order, size_t n,
                       const cs_news_list *items, const char *kind)
{
    size_t i = 0;
    while (i < n && strcmp(cs_news_list_at(items, order[i])->kind, kind) != 0)
        i++;
    *from = i;
    while (i < n && strcmp(cs_news_list_at(items, order[i])->kind, kind) == 0)
        i++;
    *to = i;
}

static void contents(page *p, const cs_digest *d, const size_t *order, size_t n, const int *pages)
{
    cs_lang lang = p->lang;
    put(p, "<nav class=\"toc\">\n");
    const char *subtitle =
        d->issue ? (lang == CS_LANG_RU ? d->issue->subtitle_ru : d->issue->subtitle_en) : NULL;
    if (subtitle) {
        put(p, "<p class=\"subtitle\">");
        esc(p, subtitle);
        put(p, "</p>\n");
    }
    put(p, "<h2>");
    esc(p, T("dg_contents"));
    put(p, "</h2>\n");
    for (size_t k = 0; cs_news_kind_name(k); k++) {
        size_t from, to;
        char key[64];
        kind_range(&from, &to, order, n, d->items, cs_news_kind_name(k));
        if (from == to)
            continue;
        snprintf(key, sizeof key, "dg_section_%s", cs_news_kind_name(k));
        put(p, "<h3>");
        esc(p, T(key));
        put(p, "</h3>\n<ol>\n");
        for (size_t i = from; i < to; i++) {
            cs_digest_words w;
            cs_digest_item_words(&w, cs_news_list_at(d->items, order[i]), lang);
            printf_(p, "<li><a href=\"#item-%zu\">", i + 1);
            esc(p, w.title);
            put(p, "</a>");
            if (pages)
                printf_(p, "<span class=\"pg\">%d</span>", pages[i]);
            put(p, "</li>\n");
        }
        put(p, "</ol>\n");
    }
    put(p, "</nav>\n");
}

static void put_size(page *p, long long bytes)
{
    char num[32];
    double mb = (double)bytes / (1024.0 * 1024.0);
    cs_i18n_format_number(num, sizeof num, p->lang, mb, mb < 0.1 ? 2 : 1);
    esc(p, num);
    put(p, " ");
    esc(p, cs_i18n_text(p->lang, "dg_file_mb"));
}

static void item(page *p, const cs_news_item *it, size_t k)
{
    cs_lang lang = p->lang;
    cs_digest_words w;
    cs_digest_item_words(&w, it, lang);
    printf_(p, "<article class=\"item item-%s\" id=\"item-%zu\" data-key=\"", it->kind, k + 1);
    esc(p, it->key);
    put(p, "\">\n<h3");
    if (w.title_foreign)
        printf_(p, " lang=\"%s\"", it->lang);
    put(p, ">");
    esc(p, w.title);
    if (w.title_foreign)
        foreign_mark(p, it->lang);
    put(p, "</h3>\n");
    if (strcmp(it->kind, "bulletin") == 0 && it->series_number >= 0) {
        char year[8];
        snprintf(year, sizeof year, "%.4s", it->date);
        put(p, "<p class=\"meta series\">");
        if (it->series) {
            esc(p, it->series);
            put(p, ", ");
        }
        printf_(p, T("dg_series_number"), it->series_number, year);
        put(p, "</p>\n");
    }
    if (w.summary) {
        put(p, "<div class=\"text\">");
        md(p, w.summary);
        put(p, "</div>\n");
    } else {
        printf_(p, "<div class=\"text\"%s%s%s>", w.text_foreign ? " lang=\"" : "",
                w.text_foreign ? it->lang : "", w.text_foreign ? "\"" : "");
        if (w.text_foreign && (w.lead || w.body || w.box || it->n_qa)) {
            put(p, "<p class=\"meta\">");
            foreign_mark(p, it->lang);
            put(p, "</p>\n");
        }
        if (w.lead) {
            put(p, "<div class=\"lead\">");
            md(p, w.lead);
            put(p, "</div>\n");
        }
        md(p, w.body);
        if (it->n_qa) {
            put(p, "<div class=\"qa\">\n");
            for (size_t i = 0; i < it->n_qa; i++) {
                const char *q = it->qa[i].question;
                put(p, "<p class=\"q\">");
                if (strncmp(q, "\xe2\x80\x94", 3) != 0)
                    put(p, "&#8212; ");
                esc(p, q);
                put(p, "</p>\n");
                md(p, it->qa[i].answer);
            }
            put(p, "</div>\n");
        }
        if (w.box) {
            put(p, "<div class=\"box\"><p class=\"label\">");
            esc(p, T("dg_box"));
            put(p, "</p>\n");
            md(p, w.box);
            put(p, "</div>\n");
        }
        put(p, "</div>\n");
    }
    if (it->file_url) {
        put(p, "<p class=\"meta file\"><a href=\"");
        esc(p, link_allowed(it->file_url, strlen(it->file_url)) ? it->file_url : "#");
        put(p, "\">");
        esc(p, T("dg_download"));
        if (it->file_format || it->file_bytes >= 0) {
            put(p, " (");
            esc(p, it->file_format);
            if (it->file_format && it->file_bytes >= 0)
                put(p, " ");
            if (it->file_bytes >= 0)
                put_size(p, it->file_bytes);
            put(p, ")");
        }
        put(p, "</a></p>\n");
    }
    put(p, "<p class=\"meta source\">");
    esc(p, T("dg_source"));
    put(p, " ");
    if (it->url && link_allowed(it->url, strlen(it->url))) {
        put(p, "<a href=\"");
        esc(p, it->url);
        put(p, "\">");
        esc(p, it->outlet);
        put(p, "</a>");
    } else {
        esc(p, it->outlet);
    }
    put(p, ", <time>");
    esc(p, it->date);
    put(p, "</time></p>\n</article>\n");
}

void cs_report_digest_layout(size_t *order, const cs_digest *d)
{
    size_t n = cs_news_list_count(d->items), k = 0;
    for (size_t kind = 0; cs_news_kind_name(kind); kind++)
        for (size_t i = 0; i < n; i++)
            if (strcmp(cs_news_list_at(d->items, i)->kind, cs_news_kind_name(kind)) == 0)
                order[k++] = i;
    /* a kind the service does not know (none today) goes last rather than nowhere */
    for (size_t i = 0; i < n && k < n; i++) {
        int known = 0;
        for (size_t kind = 0; cs_news_kind_name(kind); kind++)
            known |= strcmp(cs_news_list_at(d->items, i)->kind, cs_news_kind_name(kind)) == 0;
        if (!known)
            order[k++] = i;
    }
}

int cs_report_digest_html(char **out, size_t *len, const cs_digest *d, cs_lang lang,
                          const int *pages)
{
    size_t n = cs_news_list_count(d->items);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return cs_error_set(CS_ENOMEM, "out of memory writing the digest");
    cs_report_digest_layout(order, d);
    cs_buf b = CS_BUF_INIT;
    page p = { &b, lang, 0 };
    printf_(&p, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
            cs_lang_name(lang));
    put(&p, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    const char *title =
        d->issue ? (lang == CS_LANG_RU ? d->issue->title_ru : d->issue->title_en) : NULL;
    esc(&p, title ? title : T("dg_title"));
    put(&p, " &#8212; ");
    printf_(&p, T("dg_issue"), d->number);
    put(&p, "</title>\n<style>\n");
    put(&p, css);
    put(&p, "</style>\n</head>\n<body>\n");
    cover(&p, d);
    masthead(&p, d);
    contents(&p, d, order, n, pages);
    for (size_t k = 0; cs_news_kind_name(k); k++) {
        size_t from, to;
        char key[64];
        kind_range(&from, &to, order, n, d->items, cs_news_kind_name(k));
        if (from == to)
            continue;
        snprintf(key, sizeof key, "dg_section_%s", cs_news_kind_name(k));
        printf_(&p, "<section class=\"kind kind-%s\">\n<h2>", cs_news_kind_name(k));
        esc(&p, T(key));
        put(&p, "</h2>\n");
        for (size_t i = from; i < to; i++)
            item(&p, cs_news_list_at(d->items, order[i]), i);
        put(&p, "</section>\n");
    }
    put(&p, "<footer class=\"closing\">\n");
    text_part(&p, d->issue, CS_DIGEST_CONTACTS, "dg_contacts");
    text_part(&p, d->issue, CS_DIGEST_CALL, "dg_call");
    put(&p, "</footer>\n</body>\n</html>\n");
    free(order);
    if (p.rc) {
        cs_buf_free(&b);
        return p.rc;
    }
    *len = b.len;
    *out = b.data;
    return 0;
}
