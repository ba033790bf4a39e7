/*
 * textout.c: CSV cells, JSON values and plain text (textout.h). The writers of a large
 * assessment call these millions of times: runs of bytes that need no change are found first
 * and copied in one piece.
 */
#include "util/textout.h"

#include "clusterscope/error.h"
#include "util/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* UTF-8                                                                                       */

size_t cs_textout_utf8_next(const char *s, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    size_t n = p[0] >= 0xF0 && p[0] < 0xF5 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (n == 0 || p[0] >= 0xF5)
        goto invalid;
    unsigned v = p[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            goto invalid;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
        (v >= 0xD800 && v < 0xE000))
        goto invalid;
    *cp = v;
    return n;
invalid:
    *cp = 0xFFFD;
    return 1;
}

int cs_textout_codepoint(cs_buf *b, unsigned cp)
{
    char u[4];
    if (cp < 0x80)
        return cs_textout_putc(b, (char)cp);
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        return cs_buf_append(b, u, 2);
    }
    if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        return cs_buf_append(b, u, 3);
    }
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    return cs_buf_append(b, u, 4);
}

/*
 * Length of the longest prefix of s that is copied as it is: valid UTF-8 without control bytes
 * or '"', nor '\\' when `json`.
 */
static size_t plain_run(const char *s, int json)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F || c == '"' || (json && c == '\\'))
                break;
            p++;
            continue;
        }
        unsigned cp;
        size_t n = cs_textout_utf8_next((const char *)p, &cp);
        if (cp == 0xFFFD && n == 1)
            break;
        p += n;
    }
    return (size_t)((const char *)p - s);
}

/*
 * Appends the plain run at *s (see plain_run) and decodes the character after it into *cp,
 * moving *s past both; *cp is 0 at the end of the text. Escapers loop on it and handle *cp.
 */
static int next_special(cs_buf *b, const char **s, int json, unsigned *cp)
{
    size_t n = plain_run(*s, json);
    int rc = n ? cs_buf_append(b, *s, n) : 0;
    *s += n;
    *cp = 0;
    if (!rc && **s)
        *s += cs_textout_utf8_next(*s, cp);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                         */

static int is_formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* The text of a cell, without quotes or guard: '"' doubled when `quoted`, tab, LF and CR kept
 * (every control byte when `exact`), other control bytes as \xNN, invalid bytes as U+FFFD. */
static int cell_body(cs_buf *b, const char *s, int quoted, int exact)
{
    unsigned cp;
    int rc;
    while (!(rc = next_special(b, &s, 0, &cp)) && cp) {
        if (cp == '"')
            rc = quoted ? cs_buf_append(b, "\"\"", 2) : cs_textout_putc(b, '"');
        else if (cp == '\t' || cp == '\n' || cp == '\r' || (exact && (cp < 0x20 || cp == 0x7F)))
            rc = cs_textout_putc(b, (char)cp);
        else if (cp < 0x20 || cp == 0x7F)
            rc = cs_buf_printf(b, "\\x%02X", cp);
        else
            rc = cs_textout_codepoint(b, cp); /* U+FFFD for an invalid byte */
        if (rc)
            break;
    }
    return rc;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

int cs_textout_csv_text(cs_buf *b, const char *s, unsigned flags)
{
    if (!s)
        s = "";
    int exact = (flags & CS_CSV_EXACT) != 0;
    int quote = (flags & CS_CSV_QUOTE_ALWAYS) || strpbrk(s, ",\"\r\n") != NULL;
    /* the CSV reader drops spaces and tabs around an unquoted cell */
    if (exact && !quote && s[0])
        quote = is_blank(s[0]) || is_blank(s[strlen(s) - 1]);
    int rc = quote ? cs_textout_putc(b, '"') : 0;
    if (!rc && !exact && is_formula_start(s[0]))
        rc = cs_textout_putc(b, '\'');
    rc = rc ? rc : cell_body(b, s, quote, exact);
    return rc || !quote ? rc : cs_textout_putc(b, '"');
}

int cs_textout_sheet_text(cs_buf *b, const char *s)
{
    return cell_body(b, s ? s : "", 0, 0);
}

/* Appends v in decimal, without printf's cost. */
static int put_int(cs_buf *b, long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[--i] = '-';
    return cs_buf_append(b, tmp + i, sizeof tmp - i);
}

int cs_textout_csv_int(cs_buf *b, long long v, unsigned flags)
{
    int q = (flags & CS_CSV_QUOTE_ALWAYS) != 0;
    int rc = q ? cs_textout_putc(b, '"') : 0;
    rc = rc ? rc : put_int(b, v);
    return rc || !q ? rc : cs_textout_putc(b, '"');
}

int cs_textout_csv_fixed(cs_buf *b, double v, int decimals, unsigned flags)
{
    int q = (flags & CS_CSV_QUOTE_ALWAYS) != 0;
    int rc = q ? cs_textout_putc(b, '"') : 0;
    if (!rc && !isnan(v)) {
        char t[64]; /* most numbers: one snprintf, not cs_buf_printf's two */
        int n = snprintf(t, sizeof t, "%.*f", decimals, v);
        rc = n >= 0 && (size_t)n < sizeof t ? cs_buf_append(b, t, (size_t)n)
                                            : cs_buf_printf(b, "%.*f", decimals, v);
    }
    return rc || !q ? rc : cs_textout_putc(b, '"');
}

/* ------------------------------------------------------------------------------------------ */
/* JSON                                                                                        */

int cs_textout_json_string(cs_buf *b, const char *s)
{
    if (!s)
        return cs_buf_append(b, "null", 4);
    unsigned cp;
    int rc = cs_textout_putc(b, '"');
    while (!rc && !(rc = next_special(b, &s, 1, &cp)) && cp) {
        switch (cp) {
        case '"':
            rc = cs_buf_append(b, "\\\"", 2);
            break;
        case '\\':
            rc = cs_buf_append(b, "\\\\", 2);
            break;
        case '\n':
            rc = cs_buf_append(b, "\\n", 2);
            break;
        case '\r':
            rc = cs_buf_append(b, "\\r", 2);
            break;
        case '\t':
            rc = cs_buf_append(b, "\\t", 2);
            break;
        default:
            if (cp < 0x20 || cp == 0x7F)
                rc = cs_buf_printf(b, "\\u%04x", cp);
            else
                rc = cs_textout_codepoint(b, cp); /* U+FFFD for an invalid byte */
        }
    }
    return rc ? rc : cs_textout_putc(b, '"');
}

int cs_textout_json_int(cs_buf *b, long long v)
{
    return put_int(b, v);
}

int cs_textout_json_double(cs_buf *b, double v)
{
    if (!isfinite(v))
        return cs_buf_append(b, "null", 4);
    char t[40];
    int n = snprintf(t, sizeof t, "%.17g", v);
    return cs_buf_append(b, t, n > 0 ? (size_t)n : 0);
}

int cs_textout_json_real(cs_buf *b, double v)
{
    if (!isfinite(v))
        return cs_buf_append(b, "null", 4);
    char t[48];
    int n = snprintf(t, sizeof t - 2, "%.17g", v); /* at most 24 characters: room for ".0" */
    if (n < 0 || (size_t)n >= sizeof t - 2)
        return cs_buf_printf(b, "%.17g", v);
    if (!strchr(t, '.') && !strchr(t, 'e')) {
        memcpy(t + n, ".0", 3);
        n += 2;
    }
    char *e = strchr(t, 'e');
    if (e) {
        /* "1e+05" -> "1e5", "1e-05" -> "1e-5" */
        char *start = e + 1, *end = e + 2;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, (size_t)(t + n - end) + 1);
            n -= (int)(end - start);
        }
    }
    return cs_buf_append(b, t, (size_t)n);
}

/* ------------------------------------------------------------------------------------------ */
/* JSON documents                                                                              */

#define JSONW_FLUSH_AT 32768

void cs_jsonw_init(cs_jsonw *w, cs_buf *b, int indent, FILE *f)
{
    *w = (cs_jsonw){ .b = b, .f = f, .indent = indent };
}

/* A line break and the indent of `depth` levels (nothing when compact). */
static void jw_newline(cs_jsonw *w, int depth)
{
    if (w->rc || !w->indent)
        return;
    w->rc = cs_textout_putc(w->b, '\n');
    for (int i = depth * w->indent; i > 0 && !w->rc; i--)
        w->rc = cs_textout_putc(w->b, ' ');
}

void cs_jsonw_key(cs_jsonw *w, const char *key)
{
    if (w->rc || w->depth == 0)
        return;
    if (!w->empty[w->depth])
        w->rc = cs_textout_putc(w->b, ',');
    w->empty[w->depth] = 0;
    jw_newline(w, w->depth);
    if (key && !w->rc)
        w->rc = cs_textout_json_string(w->b, key);
    if (key && !w->rc)
        w->rc = w->indent ? cs_buf_append(w->b, ": ", 2) : cs_textout_putc(w->b, ':');
}

void cs_jsonw_open(cs_jsonw *w, const char *key, char bracket)
{
    cs_jsonw_key(w, key);
    if (w->rc)
        return;
    if (w->depth == CS_JSONW_MAX_DEPTH) {
        w->rc = cs_error_set(CS_EUSAGE, "JSON nested deeper than %d levels", CS_JSONW_MAX_DEPTH);
        return;
    }
    w->rc = cs_textout_putc(w->b, bracket);
    w->empty[++w->depth] = 1;
}

void cs_jsonw_close(cs_jsonw *w, char bracket)
{
    if (w->rc || w->depth == 0)
        return;
    if (!w->empty[w->depth])
        jw_newline(w, w->depth - 1);
    w->depth--;
    if (!w->rc)
        w->rc = cs_textout_putc(w->b, bracket);
    if (!w->rc && w->f && w->b->len >= JSONW_FLUSH_AT)
        w->rc = cs_textout_flush(w->b, w->f);
}

void cs_jsonw_string(cs_jsonw *w, const char *key, const char *s)
{
    cs_jsonw_key(w, key);
    if (!w->rc)
        w->rc = cs_textout_json_string(w->b, s);
}

void cs_jsonw_int(cs_jsonw *w, const char *key, long long v)
{
    cs_jsonw_key(w, key);
    if (!w->rc)
        w->rc = cs_textout_json_int(w->b, v);
}

void cs_jsonw_real(cs_jsonw *w, const char *key, double v)
{
    cs_jsonw_key(w, key);
    if (!w->rc)
        w->rc = cs_textout_json_real(w->b, v);
}

void cs_jsonw_number(cs_jsonw *w, const char *key, double v)
{
    if (!isfinite(v)) {
        cs_jsonw_null(w, key);
    } else if (v == floor(v) && fabs(v) < 9e15) {
        cs_jsonw_int(w, key, (long long)v);
    } else {
        char t[64];
        cs_format_double(t, sizeof t, v);
        cs_jsonw_key(w, key);
        if (!w->rc)
            w->rc = cs_buf_puts(w->b, t);
    }
}

void cs_jsonw_null(cs_jsonw *w, const char *key)
{
    cs_jsonw_key(w, key);
    if (!w->rc)
        w->rc = cs_buf_append(w->b, "null", 4);
}

void cs_jsonw_bool(cs_jsonw *w, const char *key, int v)
{
    cs_jsonw_key(w, key);
    if (!w->rc)
        w->rc = v ? cs_buf_append(w->b, "true", 4) : cs_buf_append(w->b, "false", 5);
}

/* ------------------------------------------------------------------------------------------ */
/* Plain text and streams                                                                      */

int cs_textout_plain(cs_buf *b, const char *s)
{
    if (!s)
        return 0;
    int rc = 0;
    while (*s && !rc) {
        unsigned cp;
        s += cs_textout_utf8_next(s, &cp);
        rc = cs_textout_codepoint(b, cp < 0x20 || cp == 0x7F ? ' ' : cp);
    }
    return rc;
}

int cs_textout_flush(cs_buf *b, FILE *f)
{
    if (b->len && fwrite(b->data, 1, b->len, f) != b->len) {
        cs_buf_reset(b);
        return cs_error_set(CS_EIO, "cannot write the output");
    }
    cs_buf_reset(b);
    return 0;
}
