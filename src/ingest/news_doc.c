/*
 * news_doc.c: the records a Markdown news file or a feed holds, kept with the line and column
 * of each value so that the import's checks (cs_importer_write) point into the file; and the
 * HTML-to-text rule the feed reader applies to descriptions and contents.
 */
#include "ingest/news_doc.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const char *name; /* a column name (static) */
    char *value;
    long line, col;
} news_field;

struct cs_news_rec {
    const char *kind; /* "news", "news_qa" or "news_links" */
    long line;
    news_field fields[CS_RECORD_MAX_COLUMNS];
    size_t n;
};

/* records one allocation each: a reader keeps pointers to them while it adds more */
struct cs_news_doc {
    struct cs_news_rec **recs;
    size_t n, cap;
};

int cs_news_doc_new(cs_news_doc **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

void cs_news_doc_free(cs_news_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n; i++) {
        for (size_t f = 0; f < doc->recs[i]->n; f++)
            free(doc->recs[i]->fields[f].value);
        free(doc->recs[i]);
    }
    free(doc->recs);
    free(doc);
}

struct cs_news_rec *cs_news_doc_add(cs_news_doc *doc, const char *kind, long line)
{
    if (doc->n == doc->cap) {
        size_t cap = doc->cap ? doc->cap * 2 : 8;
        struct cs_news_rec **r = realloc(doc->recs, cap * sizeof *r);
        if (!r)
            return NULL;
        doc->recs = r;
        doc->cap = cap;
    }
    struct cs_news_rec *rec = calloc(1, sizeof *rec);
    if (!rec)
        return NULL;
    doc->recs[doc->n++] = rec;
    rec->kind = kind;
    rec->line = line;
    return rec;
}

int cs_news_rec_set(struct cs_news_rec *rec, const char *name, const char *value, size_t len,
                    long line, long col)
{
    size_t f = 0;
    while (f < rec->n && strcmp(rec->fields[f].name, name) != 0)
        f++;
    if (f == CS_RECORD_MAX_COLUMNS)
        return cs_error_set(CS_ERROR, "a news record of more than %d columns",
                            CS_RECORD_MAX_COLUMNS);
    char *copy = malloc(len + 1);
    if (!copy)
        return cs_error_set(CS_ENOMEM, "out of memory");
    memcpy(copy, value, len);
    copy[len] = '\0';
    if (f == rec->n)
        rec->n++;
    else
        free(rec->fields[f].value);
    rec->fields[f] = (news_field){ name, copy, line, col };
    return 0;
}

const char *cs_news_rec_get(const struct cs_news_rec *rec, const char *name)
{
    for (size_t f = 0; f < rec->n; f++)
        if (strcmp(rec->fields[f].name, name) == 0)
            return rec->fields[f].value;
    return NULL;
}

size_t cs_news_doc_count(const cs_news_doc *doc, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; doc && i < doc->n; i++)
        n += strcmp(doc->recs[i]->kind, kind) == 0;
    return n;
}

const char *cs_news_doc_value(const cs_news_doc *doc, const char *kind, size_t i, const char *name)
{
    for (size_t r = 0; doc && r < doc->n; r++)
        if (strcmp(doc->recs[r]->kind, kind) == 0 && i-- == 0)
            return cs_news_rec_get(doc->recs[r], name);
    return NULL;
}

int cs_news_doc_has(const cs_news_doc *doc, const cs_kind_spec *spec)
{
    return cs_news_doc_count(doc, spec->name) > 0;
}

int cs_news_file_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return 0;
    static const char *const md[] = { ".md", ".MD", ".markdown" };
    static const char *const feed[] = { ".xml", ".XML", ".rss", ".RSS", ".atom", ".ATOM" };
    for (size_t i = 0; i < sizeof md / sizeof md[0]; i++)
        if (strcmp(dot, md[i]) == 0)
            return 1;
    for (size_t i = 0; i < sizeof feed / sizeof feed[0]; i++)
        if (strcmp(dot, feed[i]) == 0)
            return 2;
    return 0;
}

/* A column's value stands where the reader found it; a column the file does not give, at the
 * record's first line. */
static void news_locate(const cs_record *rec, int column, long *line, long *col)
{
    const struct cs_news_rec *r = rec->locate_ctx;
    *line = r->line;
    *col = 0;
    if (column < 0)
        return;
    const char *name = rec->spec->columns[column].name;
    for (size_t f = 0; f < r->n; f++)
        if (strcmp(r->fields[f].name, name) == 0) {
            *line = r->fields[f].line;
            *col = r->fields[f].col;
        }
}

int cs_news_doc_write(cs_importer *imp, const cs_news_doc *doc, const cs_kind_spec *spec,
                      const char *path)
{
    size_t index = 0;
    for (size_t i = 0; doc && i < doc->n; i++) {
        const struct cs_news_rec *r = doc->recs[i];
        if (strcmp(r->kind, spec->name) != 0)
            continue;
        cs_record rec = { .spec = spec,
                          .file = path,
                          .line = r->line,
                          .locate = news_locate,
                          .locate_ctx = (void *)r,
                          .index = index++ };
        for (size_t f = 0; f < r->n; f++) {
            int c = cs_kind_spec_column(spec, r->fields[f].name);
            if (c < 0) /* the readers set only the kinds' own columns */
                return cs_error_set(CS_ERROR, "%s: a %s record has no column %s", path, spec->name,
                                    r->fields[f].name);
            rec.values[c] = r->fields[f].value;
        }
        int rc = cs_importer_write(imp, &rec);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- HTML as text ---- */

/* Block elements end a paragraph; <br> ends a line. */
static int block_tag(const char *name, size_t n)
{
    static const char *const blocks[] = { "p",       "div", "li",         "ul",    "ol",
                                          "h1",      "h2",  "h3",         "h4",    "h5",
                                          "h6",      "tr",  "blockquote", "table", "section",
                                          "article", "pre", "dd",         "dt",    "figure" };
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (strlen(blocks[i]) == n && strncasecmp(blocks[i], name, n) == 0)
            return 1;
    return 0;
}

static int put_utf8(cs_buf *out, unsigned long cp)
{
    char s[4];
    size_t n;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        s[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return cs_buf_append(out, s, n);
}

/* The HTML entities news texts use; others are kept as written. */
static const struct {
    const char *name;
    unsigned long cp;
} entities[] = { { "amp", '&' },      { "lt", '<' },        { "gt", '>' },
                 { "quot", '"' },     { "apos", '\'' },     { "nbsp", ' ' },
                 { "mdash", 0x2014 }, { "ndash", 0x2013 },  { "laquo", 0xAB },
                 { "raquo", 0xBB },   { "hellip", 0x2026 }, { "ldquo", 0x201C },
                 { "rdquo", 0x201D }, { "lsquo", 0x2018 },  { "rsquo", 0x2019 },
                 { "bdquo", 0x201E }, { "copy", 0xA9 },     { "deg", 0xB0 },
                 { "times", 0xD7 },   { "minus", 0x2212 },  { "numero", 0x2116 } };

/* Decodes the entity at s[0] == '&' (n bytes left); returns the bytes read, 0 if none. */
static size_t entity(cs_buf *out, const char *s, size_t n, int *rc)
{
    size_t end = 1;
    while (end < n && end < 12 && s[end] != ';' && s[end] != '&' && s[end] != '<')
        end++;
    if (end >= n || s[end] != ';' || end < 2)
        return 0;
    if (s[1] == '#') {
        unsigned long cp = 0;
        int hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
        size_t i = hex ? 3 : 2;
        if (i == end)
            return 0;
        for (; i < end; i++) {
            char c = s[i];
            int d = c >= '0' && c <= '9'          ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                  : -1;
            if (d < 0)
                return 0;
            cp = cp * (hex ? 16 : 10) + (unsigned long)d;
            if (cp > 0x10FFFF)
                cp = 0x110000;
        }
        *rc = put_utf8(out, cp == 0xA0 ? ' ' : cp);
        return end + 1;
    }
    for (size_t e = 0; e < sizeof entities / sizeof entities[0]; e++)
        if (strlen(entities[e].name) == end - 1 && strncmp(entities[e].name, s + 1, end - 1) == 0) {
            *rc = put_utf8(out, entities[e].cp);
            return end + 1;
        }
    return 0;
}

/* Appends a space, a line end or a paragraph break, never two in a row, none at the start. */
static int put_break(cs_buf *out, size_t start, int kind /* 1 space, 2 line, 3 paragraph */)
{
    if (out->len == start)
        return 0;
    size_t end = out->len;
    int have = 0;
    while (end > start && (out->data[end - 1] == ' ' || out->data[end - 1] == '\n')) {
        have = out->data[end - 1] == '\n' ? (have >= 2 ? 3 : 2) : (have ? have : 1);
        end--;
    }
    if (have >= kind)
        return 0;
    out->len = end;
    out->data[end] = '\0';
    return cs_buf_puts(out, kind == 3 ? "\n\n" : kind == 2 ? "\n" : " ");
}

int cs_news_html_text(cs_buf *out, const char *html, size_t len)
{
    size_t start = out->len;
    int rc = cs_buf_puts(out, "");
    size_t i = 0;
    while (!rc && i < len) {
        unsigned char c = (unsigned char)html[i];
        if (c == '<') {
            size_t end = i + 1;
            while (end < len && html[end] != '>')
                end++;
            size_t name = i + 1 + (i + 1 < len && html[i + 1] == '/');
            size_t name_end = name;
            while (name_end < end && ((html[name_end] >= 'a' && html[name_end] <= 'z') ||
                                      (html[name_end] >= 'A' && html[name_end] <= 'Z') ||
                                      (html[name_end] >= '0' && html[name_end] <= '9')))
                name_end++;
            size_t n = name_end - name;
            /* a script's or style's text is no part of the news */
            if (name == i + 1 && ((n == 6 && strncasecmp(html + name, "script", 6) == 0) ||
                                  (n == 5 && strncasecmp(html + name, "style", 5) == 0))) {
                const char *close = n == 6 ? "</script" : "</style";
                size_t k = end;
                while (k < len && !(len - k >= strlen(close) &&
                                    strncasecmp(html + k, close, strlen(close)) == 0))
                    k++;
                end = k;
                while (end < len && html[end] != '>')
                    end++;
            }
            if (n == 2 && strncasecmp(html + name, "br", 2) == 0)
                rc = put_break(out, start, 2);
            else if (block_tag(html + name, n))
                rc = put_break(out, start, 3);
            i = end < len ? end + 1 : len;
        } else if (c == '&') {
            size_t used = entity(out, html + i, len - i, &rc);
            if (!used)
                rc = cs_buf_putc(out, '&');
            i += used ? used : 1;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            rc = put_break(out, start, 1);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            i++; /* control bytes are no text */
        } else {
            rc = cs_buf_putc(out, (char)c);
            i++;
        }
    }
    /* no break at the end */
    while (!rc && out->len > start &&
           (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\n'))
        out->data[--out->len] = '\0';
    return rc;
}
