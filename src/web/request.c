/*
 * request.c: the parts of a request a handler reads: percent-decoded paths and parameters
 * (query strings and urlencoded forms) and cookies, within the limits of web_impl.h. Decoded
 * text is valid UTF-8 without NUL bytes, or it is refused.
 */
#include "web/web_impl.h"

#include "clusterscope/error.h"
#include "util/textout.h"

#include <stdlib.h>
#include <string.h>

static int hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Whether s (NUL-terminated, no NUL inside) is valid UTF-8: the text writers' decoder gives
 * U+FFFD in one byte exactly for a byte that starts no valid sequence. */
static int valid_utf8(const char *s)
{
    while (*s) {
        unsigned cp;
        size_t n = cs_textout_utf8_next(s, &cp);
        if (cp == 0xFFFD && n == 1)
            return 0;
        s += n;
    }
    return 1;
}

int cs_web_decode(char *out, size_t cap, const char *s, size_t n, int form)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            if (n - i < 3)
                return -1;
            int a = hex((unsigned char)s[i + 1]), b = hex((unsigned char)s[i + 2]);
            if (a < 0 || b < 0)
                return -1;
            c = a * 16 + b;
            i += 2;
        } else if (c == '+' && form) {
            c = ' ';
        }
        if (c == 0 || o + 1 >= cap)
            return -1;
        out[o++] = (char)c;
    }
    out[o] = 0;
    return valid_utf8(out) ? 0 : -1;
}

void cs_web_params_free(cs_web_params *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->items[i].name);
        free(p->items[i].value);
    }
    p->n = 0;
}

int cs_web_parse_params(cs_web_params *out, const char *s, size_t n)
{
    out->n = 0;
    size_t i = 0;
    while (s && i < n) {
        size_t end = i;
        while (end < n && s[end] != '&')
            end++;
        if (end > i) {
            if (out->n == CS_WEB_MAX_PARAMS) {
                cs_web_params_free(out);
                return cs_error_set(CS_EDATA, "more than %d parameters", CS_WEB_MAX_PARAMS);
            }
            size_t eq = i;
            while (eq < end && s[eq] != '=')
                eq++;
            size_t nlen = eq - i, vlen = eq < end ? end - eq - 1 : 0;
            char *name = malloc(nlen + 1), *value = malloc(vlen + 1);
            if (!name || !value) {
                free(name);
                free(value);
                cs_web_params_free(out);
                return cs_error_set(CS_ENOMEM, "out of memory");
            }
            if (cs_web_decode(name, nlen + 1, s + i, nlen, 1) ||
                cs_web_decode(value, vlen + 1, eq < end ? s + eq + 1 : "", vlen, 1)) {
                free(name);
                free(value);
                cs_web_params_free(out);
                return cs_error_set(CS_EDATA,
                                    "a parameter that is not valid percent-encoded UTF-8");
            }
            out->items[out->n].name = name;
            out->items[out->n++].value = value;
        }
        i = end + 1;
    }
    return 0;
}

const char *cs_web_param_get(const cs_web_params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->items[i].name, name) == 0)
            return p->items[i].value;
    return NULL;
}

int cs_web_cookie(char *out, size_t cap, const char *header, const char *name)
{
    size_t nl = strlen(name);
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
            size_t vlen = len - nl - 1;
            if (vlen + 1 > cap)
                return -1;
            memcpy(out, p + nl + 1, vlen);
            out[vlen] = 0;
            return 0;
        }
        p += len;
    }
    return -1;
}
