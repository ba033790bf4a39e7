/*
 * escape.c: escaping data strings for HTML, SVG, Markdown and CSV (render.h, escape.h).
 * Invariant: no byte of data reaches a document unescaped, so a cluster named "<script>..." or
 * "=HYPERLINK(...)" stays text.
 */
#include "render/escape.h"

#include "clusterscope/error.h"
#include "util/textout.h"

#include <stdlib.h>
#include <string.h>

static int put_html_char(cs_buf *b, char c)
{
    switch (c) {
    case '&':
        return cs_buf_puts(b, "&amp;");
    case '<':
        return cs_buf_puts(b, "&lt;");
    case '>':
        return cs_buf_puts(b, "&gt;");
    case '"':
        return cs_buf_puts(b, "&quot;");
    case '\'':
        return cs_buf_puts(b, "&#39;");
    default:
        /* control bytes other than tab and newline are not allowed in XML */
        if ((unsigned char)c < 0x20 && c != '\t' && c != '\n')
            return cs_buf_putc(b, ' ');
        return cs_buf_putc(b, c);
    }
}

int cs_render_put(cs_buf *b, const char *s, cs_render_context ctx)
{
    if (!s)
        s = "";
    int rc = 0;
    if (ctx == CS_RENDER_HTML) {
        for (const char *p = s; *p && !rc; p++)
            rc = put_html_char(b, *p);
        return rc;
    }
    if (ctx == CS_RENDER_MARKDOWN) {
        for (const char *p = s; *p && !rc; p++) {
            if (strchr("\\`*_[]|#~!", *p))
                rc = cs_buf_putc(b, '\\') || cs_buf_putc(b, *p) ? CS_ENOMEM : 0;
            else if (*p == '\n' || *p == '\r')
                rc = cs_buf_putc(b, ' ');
            else
                rc = put_html_char(b, *p);
        }
        return rc;
    }
    /* one CSV text cell, as every CSV writer writes it */
    return cs_textout_csv_text(b, s, CS_CSV_QUOTE_ALWAYS);
}

size_t cs_render_utf8_len(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

int cs_render_put_short(cs_buf *b, const char *s, size_t max_chars, int *cut)
{
    if (!s)
        s = "";
    size_t n = 0;
    const char *p = s;
    while (*p) {
        if (((unsigned char)*p & 0xC0) != 0x80) {
            if (n == max_chars)
                break;
            n++;
        }
        p++;
    }
    *cut = *p != 0;
    size_t keep = (size_t)(p - s);
    if (*cut && keep > 0) {
        /* leave room for the ellipsis: drop the last character */
        const char *q = p - 1;
        while (q > s && ((unsigned char)*q & 0xC0) == 0x80)
            q--;
        keep = (size_t)(q - s);
    }
    int rc = 0;
    for (size_t i = 0; i < keep && !rc; i++)
        rc = put_html_char(b, s[i]);
    if (!rc && *cut)
        rc = cs_buf_puts(b, "\xE2\x80\xA6");
    return rc;
}

char *cs_render_escape(const char *s, cs_render_context ctx)
{
    cs_buf b = CS_BUF_INIT;
    if (cs_render_put(&b, s, ctx) || cs_buf_append(&b, "", 0)) {
        cs_buf_free(&b);
        return NULL;
    }
    return b.data;
}
