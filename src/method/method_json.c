/*
 * method_json.c: the loader's path in the method file (indicators[3].rule.kind) and its
 * messages with line and column (jansson keeps no positions, so the text is walked again
 * along the path), and the readers of members that check what they read.
 */
#include "method/method_impl.h"

#include "clusterscope/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cs_ml_push_key(cs_ml_loader *L, const char *key)
{
    if (L->depth < MAX_DEPTH)
        L->path[L->depth] = (cs_ml_path_seg){ key, 0 };
    L->depth++;
}

void cs_ml_push_index(cs_ml_loader *L, size_t index)
{
    if (L->depth < MAX_DEPTH)
        L->path[L->depth] = (cs_ml_path_seg){ NULL, index };
    L->depth++;
}

void cs_ml_pop(cs_ml_loader *L)
{
    L->depth--;
}

static void path_text(const cs_ml_loader *L, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    int depth = L->depth < MAX_DEPTH ? L->depth : MAX_DEPTH;
    for (int i = 0; i < depth && o < cap; i++) {
        const cs_ml_path_seg *s = &L->path[i];
        int n;
        if (s->key)
            n = snprintf(out + o, cap - o, "%s%s", i ? "." : "", s->key);
        else
            n = snprintf(out + o, cap - o, "[%zu]", s->index);
        if (n < 0)
            break;
        o += (size_t)n;
    }
    if (o == 0)
        snprintf(out, cap, "(top level)");
}

/* --- finding where a path points in the text (jansson keeps no positions) --- */

static size_t skip_ws(const char *s, size_t n, size_t p)
{
    while (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
        p++;
    return p;
}

static size_t skip_string(const char *s, size_t n, size_t p)
{
    p++;
    while (p < n && s[p] != '"') {
        if (s[p] == '\\')
            p++;
        p++;
    }
    return p < n ? p + 1 : n;
}

static size_t skip_value(const char *s, size_t n, size_t p)
{
    if (p >= n)
        return n;
    if (s[p] == '"')
        return skip_string(s, n, p);
    if (s[p] == '{' || s[p] == '[') {
        int depth = 0;
        while (p < n) {
            char c = s[p];
            if (c == '"') {
                p = skip_string(s, n, p);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return p + 1;
            p++;
        }
        return n;
    }
    while (p < n && s[p] != ',' && s[p] != '}' && s[p] != ']' && s[p] != ' ' && s[p] != '\t' &&
           s[p] != '\n' && s[p] != '\r')
        p++;
    return p;
}

static unsigned hex4(const char *s)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
    }
    return v;
}

/* Does the JSON string s[a..b) (without quotes) decode to `key`? */
static int key_matches(const char *s, size_t a, size_t b, const char *key)
{
    size_t k = 0;
    for (size_t p = a; p < b;) {
        unsigned char out[4];
        size_t n_out = 0;
        if (s[p] != '\\') {
            out[n_out++] = (unsigned char)s[p++];
        } else if (p + 1 < b && s[p + 1] != 'u') {
            char c = s[p + 1];
            out[n_out++] = (unsigned char)(c == 'n'   ? '\n'
                                           : c == 't' ? '\t'
                                           : c == 'r' ? '\r'
                                           : c == 'b' ? '\b'
                                           : c == 'f' ? '\f'
                                                      : c);
            p += 2;
        } else if (p + 6 <= b) {
            unsigned cp = hex4(s + p + 2);
            p += 6;
            if (cp >= 0xD800 && cp < 0xDC00 && p + 6 <= b && s[p] == '\\' && s[p + 1] == 'u') {
                unsigned lo = hex4(s + p + 2);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            if (cp < 0x80) {
                out[n_out++] = (unsigned char)cp;
            } else if (cp < 0x800) {
                out[n_out++] = (unsigned char)(0xC0 | (cp >> 6));
                out[n_out++] = (unsigned char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out[n_out++] = (unsigned char)(0xE0 | (cp >> 12));
                out[n_out++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                out[n_out++] = (unsigned char)(0x80 | (cp & 0x3F));
            } else {
                out[n_out++] = (unsigned char)(0xF0 | (cp >> 18));
                out[n_out++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
                out[n_out++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                out[n_out++] = (unsigned char)(0x80 | (cp & 0x3F));
            }
        } else {
            return 0;
        }
        for (size_t i = 0; i < n_out; i++, k++)
            if ((unsigned char)key[k] != out[i] || key[k] == '\0')
                return 0;
    }
    return key[k] == '\0';
}

/* The byte offset of the value at the first `depth` segments of the path, or -1. */
static long locate_path(const char *s, size_t n, const cs_ml_path_seg *path, int depth)
{
    size_t p = skip_ws(s, n, 0);
    for (int d = 0; d < depth; d++) {
        if (p >= n)
            return -1;
        if (path[d].key) {
            if (s[p] != '{')
                return -1;
            p = skip_ws(s, n, p + 1);
            int found = 0;
            while (p < n && s[p] == '"') {
                size_t key_start = p + 1;
                size_t after = skip_string(s, n, p);
                p = skip_ws(s, n, after);
                if (p >= n || s[p] != ':')
                    return -1;
                p = skip_ws(s, n, p + 1);
                if (after > key_start && key_matches(s, key_start, after - 1, path[d].key)) {
                    found = 1;
                    break;
                }
                p = skip_ws(s, n, skip_value(s, n, p));
                if (p < n && s[p] == ',')
                    p = skip_ws(s, n, p + 1);
            }
            if (!found)
                return -1;
        } else {
            if (s[p] != '[')
                return -1;
            p = skip_ws(s, n, p + 1);
            for (size_t i = 0; i < path[d].index; i++) {
                if (p >= n || s[p] == ']')
                    return -1;
                p = skip_ws(s, n, skip_value(s, n, p));
                if (p >= n || s[p] != ',')
                    return -1;
                p = skip_ws(s, n, p + 1);
            }
            if (p >= n || s[p] == ']')
                return -1;
        }
    }
    return (long)p;
}

/* Line and column (in characters, from 1) of the deepest existing part of the current path. */
static void locate(const cs_ml_loader *L, long *line, long *column)
{
    *line = *column = 0;
    int depth = L->depth < MAX_DEPTH ? L->depth : MAX_DEPTH;
    long off = -1;
    for (int d = depth; d >= 0 && off < 0; d--)
        off = locate_path(L->text, L->len, L->path, d);
    if (off < 0)
        return;
    long ln = 1, col = 1;
    for (long i = 0; i < off; i++) {
        unsigned char c = (unsigned char)L->text[i];
        if (c == '\n') {
            ln++;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
    }
    *line = ln;
    *column = col;
}

static void describe_json(char *out, size_t cap, const json_t *v)
{
    if (!v) {
        snprintf(out, cap, "nothing");
    } else if (json_is_string(v)) {
        const unsigned char *p = (const unsigned char *)json_string_value(v);
        size_t o = 0, shown = 0;
        out[o++] = '"';
        for (; *p && o + 8 < cap; p++) {
            if (shown >= 60) {
                o += (size_t)snprintf(out + o, cap - o, "...");
                break;
            }
            if (*p < 0x20 || *p == 0x7f)
                o += (size_t)snprintf(out + o, cap - o, "\\x%02X", *p);
            else
                out[o++] = (char)*p;
            if ((*p & 0xC0) != 0x80)
                shown++;
        }
        out[o++] = '"';
        out[o] = '\0';
    } else if (json_is_integer(v)) {
        snprintf(out, cap, "%lld", (long long)json_integer_value(v));
    } else if (json_is_real(v)) {
        snprintf(out, cap, "%.17g", json_real_value(v));
    } else if (json_is_true(v)) {
        snprintf(out, cap, "true");
    } else if (json_is_false(v)) {
        snprintf(out, cap, "false");
    } else if (json_is_null(v)) {
        snprintf(out, cap, "null");
    } else if (json_is_object(v)) {
        snprintf(out, cap, "an object");
    } else {
        snprintf(out, cap, "an array");
    }
}

/* "ORIGIN:LINE:COLUMN: PATH: MESSAGE" */
int cs_ml_fail_msg(cs_ml_loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cs_ml_fail_msg(cs_ml_loader *L, const char *fmt, ...)
{
    char path[512], msg[1024];
    long line, column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    path_text(L, path, sizeof path);
    locate(L, &line, &column);
    if (line > 0)
        return cs_error_set(CS_EDATA, "%s:%ld:%ld: %s: %s", L->origin, line, column, path, msg);
    return cs_error_set(CS_EDATA, "%s: %s: %s", L->origin, path, msg);
}

/* "...: PATH: expected EXPECTED, found FOUND" */
int cs_ml_fail(cs_ml_loader *L, const json_t *found, const char *expected)
{
    char shown[256];
    describe_json(shown, sizeof shown, found);
    return cs_ml_fail_msg(L, "expected %s, found %s", expected, shown);
}

int cs_ml_oom(void)
{
    return cs_error_set(CS_ENOMEM, "out of memory loading a method");
}

/* Refuses members not in `allowed` (keys starting with '_' are comments). */
int cs_ml_check_members(cs_ml_loader *L, json_t *obj, const char *const *allowed, size_t n,
                        const char *what)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        if (key[0] == '_')
            continue;
        size_t i = 0;
        while (i < n && strcmp(allowed[i], key) != 0)
            i++;
        if (i < n)
            continue;
        char list[512];
        size_t o = 0;
        for (size_t j = 0; j < n && o < sizeof list; j++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", j ? ", " : "", allowed[j]);
        cs_ml_push_key(L, key);
        int rc = cs_ml_fail_msg(L, "unknown member \"%s\" of %s (expected %s)", key, what, list);
        cs_ml_pop(L);
        return rc;
    }
    return 0;
}

/* Reads a string member into the arena. Absent and not required: `def`. */
int cs_ml_get_string(cs_ml_loader *L, json_t *obj, const char *key, int required, const char *def,
                     const char **out)
{
    json_t *v = json_object_get(obj, key);
    cs_ml_push_key(L, key);
    int rc = 0;
    if (!v && !required) {
        *out = def;
    } else if (!json_is_string(v)) {
        rc = cs_ml_fail(L, v, "a string");
    } else if (required && json_string_length(v) == 0) {
        rc = cs_ml_fail(L, v, "a non-empty string");
    } else if (strlen(json_string_value(v)) != json_string_length(v)) {
        rc = cs_ml_fail(L, v, "a string without NUL characters");
    } else {
        *out = cs_ml_strdup(&L->m->arena, json_string_value(v));
        if (!*out)
            rc = cs_ml_oom();
    }
    cs_ml_pop(L);
    return rc;
}

int cs_ml_valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MAX_ID_LEN)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return 0;
    return 1;
}

int cs_ml_get_id(cs_ml_loader *L, json_t *obj, const char *key, const char **out)
{
    int rc = cs_ml_get_string(L, obj, key, 1, NULL, out);
    if (rc)
        return rc;
    if (!cs_ml_valid_id(*out)) {
        cs_ml_push_key(L, key);
        rc = cs_ml_fail(L, json_object_get(obj, key),
                        "an id of 1 to 64 letters, digits, '_' or '-' (no dots or spaces)");
        cs_ml_pop(L);
    }
    return rc;
}

/* An integer member within [lo, hi]. */
int cs_ml_get_int(cs_ml_loader *L, json_t *obj, const char *key, int required, long long def,
                  long long lo, long long hi, const char *expected, long long *out)
{
    json_t *v = json_object_get(obj, key);
    int rc = 0;
    cs_ml_push_key(L, key);
    if (!v && !required)
        *out = def;
    else if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        rc = cs_ml_fail(L, v, expected);
    else
        *out = json_integer_value(v);
    cs_ml_pop(L);
    return rc;
}

/* Labels: label_en and label_ru, at least one. */
int cs_ml_get_labels(cs_ml_loader *L, json_t *obj, const char **en, const char **ru, int required)
{
    int rc = cs_ml_get_string(L, obj, "label_en", 0, "", en);
    if (!rc)
        rc = cs_ml_get_string(L, obj, "label_ru", 0, "", ru);
    if (!rc && required && !**en && !**ru) {
        cs_ml_push_key(L, "label_en");
        rc = cs_ml_fail(L, NULL, "a label (label_en, label_ru or both)");
        cs_ml_pop(L);
    }
    return rc;
}
