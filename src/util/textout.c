/*
 * textout.c: CSV cells, JSON values and plain text (textout.h). The writers of a large
 * assessment call these millions of times: runs of bytes that need no change are found first
 * and copied in one piece.
 */
#include "util/textout.h"

#include "clusterscope/error.h"

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

/* The text of a cell, without quotes or guard: '"' doubled when `quoted`, tab, LF and CR kept,
 * other control bytes as \xNN, invalid bytes as U+FFFD. */
static int cell_body(cs_buf *b, const char *s, int quoted)
{
    unsigned cp;
    int rc;
    while (!(rc = next_special(b, &s, 0, &cp)) && cp) {
        if (cp == '"')
            rc = quoted ? cs_buf_append(b, "\"\"", 2) : cs_textout_putc(b, '"');
        else if (cp == '\t' || cp == '\n' || cp == '\r')
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

int cs_textout_csv_text(cs_buf *b, const char *s, unsigned flags)
{
    if (!s)
        s = "";
    int quote = (flags & CS_CSV_QUOTE_ALWAYS) || strpbrk(s, ",\"\r\n") != NULL;
    int rc = quote ? cs_textout_putc(b, '"') : 0;
    if (!rc && is_formula_start(s[0]))
        rc = cs_textout_putc(b, '\'');
    rc = rc ? rc : cell_body(b, s, quote);
    return rc || !quote ? rc : cs_textout_putc(b, '"');
}

int cs_textout_sheet_text(cs_buf *b, const char *s)
{
    return cell_body(b, s ? s : "", 0);
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
