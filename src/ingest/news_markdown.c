/*
 * news_markdown.c: one news item from a Markdown file with a front-matter header. The header is
 * not YAML: "name: value" lines between two "---" lines, one field a line, read by hand so that
 * every error names its line and column (docs/formats.md, "News in Markdown"). The body is kept
 * as Markdown; only its closing «Справочно» / "Reference" block quote (the box), an opening
 * italic paragraph (the lead, when the header gives none) and, in an interview, the bold
 * questions and their answers are taken out of it.
 */
#include "ingest/news_doc.h"

#include "clusterscope/error.h"
#include "util/textout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The news record's columns a header may give, and the lists that make links. */
static const char *const fields[] = { "key",        "kind",          "date",       "lang",
                                      "title",      "title_en",      "title_ru",   "lead",
                                      "body",       "box",           "summary_en", "summary_ru",
                                      "series",     "series_number", "file_url",   "file_format",
                                      "file_bytes", "outlet",        "url",        "source",
                                      "locator",    "quote",         "note" };
#define N_FIELDS (sizeof fields / sizeof fields[0])
static const char *const lists[] = { "clusters", "organisations", "regions", "programmes" };
static const char *const targets[] = { "cluster", "organisation", "region", "programme" };
#define N_LISTS 4

/* A line of the file: its bytes without the line end. */
typedef struct {
    const char *s;
    size_t len;
} line_t;

/* The column of byte OFF in a line: characters, from 1. */
static long column_of(const char *s, size_t off)
{
    long col = 1;
    for (size_t i = 0; i < off; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *len)
{
    while (*len && is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_space((*s)[*len - 1]))
        (*len)--;
}

static int is_rule(const line_t *l)
{
    const char *s = l->s;
    size_t n = l->len;
    trim(&s, &n);
    return n == 3 && memcmp(s, "---", 3) == 0 && l->s[0] == '-';
}

static int blank(const line_t *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (!is_space(l->s[i]))
            return 0;
    return 1;
}

/* "found" text of a line: its first 60 bytes, cut at a character. */
static void shown(char *out, size_t cap, const char *s, size_t len)
{
    size_t n = len < 60 ? len : 60;
    while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    snprintf(out, cap, "%.*s%s", (int)n, s, n < len ? "…" : "");
}

typedef struct {
    const char *path;
    line_t *lines;
    size_t n;
    cs_news_doc *doc;
    struct cs_news_rec *item;
    long seen[N_FIELDS + N_LISTS]; /* the line of each field given, 0 none */
} reader;

static int field_error(const reader *r, long line, long col, const char *expected,
                       const char *found, size_t len)
{
    char f[128];
    shown(f, sizeof f, found, len);
    return cs_error_data(r->path, line, col, expected, f);
}

/* "a, b" of a list field: one news_links record each. */
static int read_list(reader *r, int list, const char *v, size_t len, long line, const char *raw)
{
    size_t i = 0;
    while (i <= len) {
        size_t end = i;
        while (end < len && v[end] != ',')
            end++;
        const char *s = v + i;
        size_t n = end - i;
        trim(&s, &n);
        if (n) {
            struct cs_news_rec *link = cs_news_doc_add(r->doc, "news_links", line);
            long col = column_of(raw, (size_t)(s - raw));
            const char *key = cs_news_rec_get(r->item, "key");
            int rc = link ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
            rc = rc ? rc
                    : cs_news_rec_set(link, "item", key ? key : "", key ? strlen(key) : 0, 1, 1);
            rc = rc ? rc
                    : cs_news_rec_set(link, "target_kind", targets[list], strlen(targets[list]),
                                      line, 1);
            rc = rc ? rc : cs_news_rec_set(link, "target_key", s, n, line, col);
            if (rc)
                return rc;
        }
        i = end + 1;
    }
    return 0;
}

/* The header's lines 2 .. close-1. */
static int read_header(reader *r, size_t close)
{
    for (size_t i = 1; i < close; i++) {
        const line_t *l = &r->lines[i];
        long line = (long)i + 1;
        if (blank(l) || l->s[0] == '#')
            continue;
        const char *colon = memchr(l->s, ':', l->len);
        if (!colon)
            return field_error(r, line, 1, "a header line 'name: value'", l->s, l->len);
        const char *name = l->s;
        size_t nlen = (size_t)(colon - l->s);
        trim(&name, &nlen);
        long name_col = column_of(l->s, (size_t)(name - l->s));
        size_t f = 0;
        while (f < N_FIELDS + N_LISTS &&
               !(strlen(f < N_FIELDS ? fields[f] : lists[f - N_FIELDS]) == nlen &&
                 memcmp(f < N_FIELDS ? fields[f] : lists[f - N_FIELDS], name, nlen) == 0))
            f++;
        if (f == N_FIELDS + N_LISTS)
            return field_error(r, line, name_col,
                               "a news field (key, kind, date, lang, title, title_en, title_ru, "
                               "lead, body, box, summary_en, summary_ru, series, series_number, "
                               "file_url, file_format, file_bytes, outlet, url, source, locator, "
                               "quote, note) or a list (clusters, organisations, regions, "
                               "programmes)",
                               name, nlen);
        if (r->seen[f]) {
            char expected[96];
            snprintf(expected, sizeof expected, "each field once (%.*s is at line %ld too)",
                     (int)(nlen < 40 ? nlen : 40), name, r->seen[f]);
            return field_error(r, line, name_col, expected, name, nlen);
        }
        r->seen[f] = line;
        const char *v = colon + 1;
        size_t vlen = l->len - (size_t)(v - l->s);
        trim(&v, &vlen);
        /* a value in quotes keeps its spaces and may start with a quote or '#' */
        if (vlen >= 2 && (v[0] == '"' || v[0] == '\'') && v[vlen - 1] == v[0]) {
            v++;
            vlen -= 2;
        }
        long col = column_of(l->s, (size_t)(v - l->s));
        int rc =
            f < N_FIELDS ? (vlen ? cs_news_rec_set(r->item, fields[f], v, vlen, line, col) : 0) : 0;
        if (rc)
            return rc;
    }
    /* the lists after every field: their records name the item's key, wherever it stands */
    for (size_t i = 1; i < close; i++) {
        const line_t *l = &r->lines[i];
        for (int k = 0; k < N_LISTS; k++)
            if (r->seen[N_FIELDS + (size_t)k] == (long)i + 1) {
                const char *colon = memchr(l->s, ':', l->len);
                const char *v = colon + 1;
                size_t vlen = l->len - (size_t)(v - l->s);
                int rc = read_list(r, k, v, vlen, (long)i + 1, l->s);
                if (rc)
                    return rc;
            }
    }
    return 0;
}

/* A block of the body: lines [from, to), not blank. */
typedef struct {
    size_t from, to;
} block;

/* The text of lines [from, to) joined by '\n', with PREFIX bytes dropped from each line start
 * when they are there (a block quote's '>' and one space). */
static int block_text(cs_buf *out, const reader *r, size_t from, size_t to, int quote)
{
    for (size_t i = from; i < to; i++) {
        const char *s = r->lines[i].s;
        size_t n = r->lines[i].len;
        if (quote) {
            trim(&s, &n);
            if (n && s[0] == '>') {
                s++;
                n--;
            }
            if (n && s[0] == ' ')
                s++, n--;
        }
        int rc = cs_buf_append(out, s, n);
        rc = rc ? rc : (i + 1 < to ? cs_buf_putc(out, '\n') : 0);
        if (rc)
            return rc;
    }
    return 0;
}

static int is_quote_block(const reader *r, const block *b)
{
    for (size_t i = b->from; i < b->to; i++) {
        const char *s = r->lines[i].s;
        size_t n = r->lines[i].len;
        trim(&s, &n);
        if (!n || s[0] != '>')
            return 0;
    }
    return 1;
}

/* The label that opens a box, with emphasis around it or not: its length in S, 0 if none. */
static size_t box_label(const char *s, size_t n)
{
    static const char *const labels[] = { "Справочно", "Reference" };
    size_t i = 0;
    while (i < n && (s[i] == '*' || s[i] == '_'))
        i++;
    for (size_t k = 0; k < 2; k++) {
        size_t m = strlen(labels[k]);
        if (n - i < m || memcmp(s + i, labels[k], m) != 0)
            continue;
        size_t j = i + m;
        int colon = 0;
        while (j < n && (s[j] == '*' || s[j] == '_' || s[j] == ':' || s[j] == '.')) {
            colon |= s[j] == ':' || s[j] == '.';
            j++;
        }
        if (!colon)
            continue;
        while (j < n && is_space(s[j]))
            j++;
        return j;
    }
    return 0;
}

/* Whether the block is one paragraph wrapped in single '*' or '_' (an italic lead). */
static int italic(const reader *r, const block *b, cs_buf *text)
{
    cs_buf_reset(text);
    if (block_text(text, r, b->from, b->to, 0))
        return -1;
    const char *s = cs_buf_str(text);
    size_t n = text->len;
    if (n < 3 || (s[0] != '*' && s[0] != '_') || s[1] == s[0] || s[n - 1] != s[0] ||
        s[n - 2] == s[0])
        return 0;
    memmove(text->data, s + 1, n - 2);
    text->len = n - 2;
    text->data[text->len] = '\0';
    return 1;
}

/* An interview's question: a paragraph all in bold that opens with a dash; its text without
 * the bold and the dash. */
static int question(const reader *r, const block *b, cs_buf *text)
{
    cs_buf_reset(text);
    if (block_text(text, r, b->from, b->to, 0))
        return -1;
    const char *s = cs_buf_str(text);
    size_t n = text->len;
    if (n < 5 || memcmp(s, "**", 2) != 0 || memcmp(s + n - 2, "**", 2) != 0)
        return 0;
    s += 2;
    n -= 4;
    static const char *const dashes[] = { "—", "–", "-" };
    size_t d = 0;
    while (d < 3 && !(n >= strlen(dashes[d]) && memcmp(s, dashes[d], strlen(dashes[d])) == 0))
        d++;
    if (d == 3)
        return 0;
    s += strlen(dashes[d]);
    n -= strlen(dashes[d]);
    trim(&s, &n);
    if (!n)
        return 0;
    memmove(text->data, s, n);
    text->len = n;
    text->data[n] = '\0';
    return 1;
}

static int read_body(reader *r, size_t first)
{
    block *blocks = malloc((r->n - first + 1) * sizeof *blocks);
    if (!blocks)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t nb = 0;
    for (size_t i = first; i < r->n;) {
        if (blank(&r->lines[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < r->n && !blank(&r->lines[j]))
            j++;
        blocks[nb++] = (block){ i, j };
        i = j;
    }
    /* a block quote of several paragraphs is one block: its "> " lines join what blank lines
     * would part (quote blocks already hold their '>'-only lines) */
    cs_buf text = CS_BUF_INIT, body = CS_BUF_INIT;
    int rc = 0;
    size_t from = 0, to = nb;
    /* the box: the closing block quote that opens with its label */
    if (to > from && is_quote_block(r, &blocks[to - 1])) {
        rc = block_text(&text, r, blocks[to - 1].from, blocks[to - 1].to, 1);
        size_t label = rc ? 0 : box_label(cs_buf_str(&text), text.len);
        if (label) {
            long line = (long)blocks[to - 1].from + 1;
            if (r->seen[9]) /* "box" */
                rc = field_error(r, line, 1,
                                 "the box either in the header or as the closing block quote",
                                 r->lines[line - 1].s, r->lines[line - 1].len);
            const char *s = cs_buf_str(&text) + label;
            size_t n = text.len - label;
            trim(&s, &n);
            rc = rc ? rc : cs_news_rec_set(r->item, "box", s, n, line, 1);
            to--;
        }
    }
    /* the lead: an opening italic paragraph, when the header gives none */
    if (!rc && to > from && !r->seen[7]) {
        int it = italic(r, &blocks[from], &text);
        if (it < 0)
            rc = CS_ENOMEM;
        else if (it) {
            rc = cs_news_rec_set(r->item, "lead", cs_buf_str(&text), text.len,
                                 (long)blocks[from].from + 1, 1);
            from++;
        }
    }
    /* an interview's questions and answers; what comes before the first question is the body */
    const char *kind = cs_news_rec_get(r->item, "kind");
    int interview = kind && strcmp(kind, "interview") == 0;
    int position = 0;
    struct cs_news_rec *qa = NULL;
    long qa_line = 0;
    cs_buf answer = CS_BUF_INIT;
    for (size_t b = from; !rc && b < to; b++) {
        int q = interview ? question(r, &blocks[b], &text) : 0;
        if (q < 0) {
            rc = CS_ENOMEM;
            break;
        }
        long line = (long)blocks[b].from + 1;
        if (q) {
            if (qa && !answer.len) /* at the question left without one */
                rc = field_error(r, qa_line, 1, "an answer after the question",
                                 r->lines[qa_line - 1].s, r->lines[qa_line - 1].len);
            if (!rc && qa)
                rc = cs_news_rec_set(qa, "answer", cs_buf_str(&answer), answer.len, qa_line, 1);
            cs_buf_reset(&answer);
            char pos[24];
            snprintf(pos, sizeof pos, "%d", ++position);
            const char *key = cs_news_rec_get(r->item, "key");
            qa = rc ? NULL : cs_news_doc_add(r->doc, "news_qa", line);
            qa_line = line;
            if (!rc && !qa)
                rc = cs_error_set(CS_ENOMEM, "out of memory");
            rc = rc ? rc : cs_news_rec_set(qa, "item", key ? key : "", key ? strlen(key) : 0, 1, 1);
            rc = rc ? rc : cs_news_rec_set(qa, "position", pos, strlen(pos), line, 1);
            rc = rc ? rc : cs_news_rec_set(qa, "question", cs_buf_str(&text), text.len, line, 1);
            continue;
        }
        cs_buf *into = qa ? &answer : &body;
        if (into->len)
            rc = cs_buf_puts(into, "\n\n");
        rc = rc ? rc : block_text(into, r, blocks[b].from, blocks[b].to, 0);
    }
    if (!rc && qa) {
        if (!answer.len)
            rc = field_error(r, qa_line, 1, "an answer after the question", r->lines[qa_line - 1].s,
                             r->lines[qa_line - 1].len);
        else
            rc = cs_news_rec_set(qa, "answer", cs_buf_str(&answer), answer.len, qa_line, 1);
    }
    if (!rc && body.len) {
        long line = from < to ? (long)blocks[from].from + 1 : 1;
        if (r->seen[8]) /* "body" */
            rc = field_error(r, line, 1, "the body either in the header or after it",
                             r->lines[line - 1].s, r->lines[line - 1].len);
        else
            rc = cs_news_rec_set(r->item, "body", cs_buf_str(&body), body.len, line, 1);
    }
    cs_buf_free(&answer);
    cs_buf_free(&text);
    cs_buf_free(&body);
    free(blocks);
    return rc;
}

int cs_news_markdown_read(cs_news_doc **out, const char *path, const char *text, size_t len,
                          const cs_news_defaults *defaults)
{
    *out = NULL;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    if (memchr(text, '\0', len))
        return cs_error_data(path, 0, 0, "a text file", "a NUL byte");
    /* UTF-8 only: a file saved in Windows-1251 is refused where its first such byte stands */
    long line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = cs_textout_utf8_next(text + i, &cp);
        if (cp == 0xFFFD && !(n == 3 && memcmp(text + i, "\xEF\xBF\xBD", 3) == 0)) {
            char found[16];
            snprintf(found, sizeof found, "byte 0x%02X", (unsigned char)text[i]);
            return cs_error_data(path, line, col, "UTF-8 text (save the file as UTF-8)", found);
        }
        if (text[i] == '\n') {
            line++;
            col = 0;
        }
        col++;
        i += n ? n : 1;
    }
    reader r = { .path = path };
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += text[i] == '\n';
    r.lines = malloc(cap * sizeof *r.lines);
    int rc = r.lines ? cs_news_doc_new(&r.doc) : cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < len;) {
        const char *end = memchr(text + i, '\n', len - i);
        size_t n = end ? (size_t)(end - (text + i)) : len - i;
        r.lines[r.n++] = (line_t){ text + i, n && text[i + n - 1] == '\r' ? n - 1 : n };
        i += n + 1;
    }
    if (!rc && (r.n == 0 || !is_rule(&r.lines[0])))
        rc = field_error(&r, 1, 1, "a header opening with a line '---'", r.n ? r.lines[0].s : "",
                         r.n ? r.lines[0].len : 0);
    size_t close = 1;
    while (!rc && close < r.n && !is_rule(&r.lines[close]))
        close++;
    if (!rc && close == r.n)
        rc = cs_error_data(path, (long)r.n + 1, 0,
                           "a line '---' closing the header opened at line 1",
                           "the end of the file");
    if (!rc && !(r.item = cs_news_doc_add(r.doc, "news", 1)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    rc = rc ? rc : read_header(&r, close);
    if (!rc && defaults && defaults->source && !cs_news_rec_get(r.item, "source"))
        rc = cs_news_rec_set(r.item, "source", defaults->source, strlen(defaults->source), 1, 1);
    if (!rc && defaults && defaults->kind && !cs_news_rec_get(r.item, "kind"))
        rc = cs_news_rec_set(r.item, "kind", defaults->kind, strlen(defaults->kind), 1, 1);
    rc = rc ? rc : read_body(&r, close + 1);
    free(r.lines);
    if (rc) {
        cs_news_doc_free(r.doc);
        return rc;
    }
    *out = r.doc;
    return 0;
}
