#include "util/json_read.h"

#include "util/number.h"

#include <stdio.h>
#include <string.h>

const char *cs_json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}

int cs_json_read_fields(const char **fields, char (*numbers)[48], const json_t *object,
                        const char *const *names, size_t n, const char **bad)
{
    const char *member;
    json_t *v;
    for (size_t i = 0; i < n; i++)
        fields[i] = NULL;
    json_object_foreach((json_t *)object, member, v)
    {
        size_t c = 0;
        while (c < n && strcmp(names[c], member) != 0)
            c++;
        *bad = member;
        if (c == n)
            return -1;
        switch (json_typeof(v)) {
        case JSON_STRING:
            fields[c] = json_string_value(v);
            break;
        case JSON_INTEGER:
            snprintf(numbers[c], sizeof numbers[c], "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            fields[c] = numbers[c];
            break;
        case JSON_REAL:
            cs_format_double(numbers[c], sizeof numbers[c], json_real_value(v));
            fields[c] = numbers[c];
            break;
        case JSON_TRUE:
        case JSON_FALSE:
            fields[c] = json_is_true(v) ? "true" : "false";
            break;
        case JSON_NULL:
            fields[c] = NULL;
            break;
        default:
            return -2;
        }
    }
    *bad = NULL;
    return 0;
}

typedef struct {
    const char *p, *end;
    long line;
    const char *line_start;
} scanner;

static void advance(scanner *s)
{
    if (*s->p == '\n') {
        s->line++;
        s->line_start = s->p + 1;
    }
    s->p++;
}

static void skip_ws(scanner *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        advance(s);
}

static long column(const scanner *s)
{
    /* count characters, not bytes, so the column matches what an editor shows */
    long col = 1;
    for (const char *q = s->line_start; q < s->p; q++)
        if ((*q & 0xC0) != 0x80)
            col++;
    return col;
}

/* At a '"': moves past the string; copies up to cap-1 raw bytes of it into out. */
static int scan_string(scanner *s, char *out, size_t cap)
{
    size_t n = 0;
    advance(s);
    while (s->p < s->end && *s->p != '"') {
        if (*s->p == '\\') {
            advance(s);
            if (s->p >= s->end)
                return -1;
        }
        if (out && n + 1 < cap)
            out[n++] = *s->p;
        advance(s);
    }
    if (out && cap)
        out[n] = '\0';
    if (s->p >= s->end)
        return -1;
    advance(s);
    return 0;
}

/* Moves past one value. Nesting is counted, not recursed into, so that no input can exhaust
 * the stack; the text has parsed as JSON before, so counting brackets outside strings finds
 * the value's end. */
static int skip_value(scanner *s)
{
    skip_ws(s);
    if (s->p >= s->end)
        return -1;
    char c = *s->p;
    if (c == '"')
        return scan_string(s, NULL, 0);
    if (c == '{' || c == '[') {
        size_t depth = 0;
        while (s->p < s->end) {
            c = *s->p;
            if (c == '"') {
                if (scan_string(s, NULL, 0))
                    return -1;
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0) {
                advance(s);
                return 0;
            }
            advance(s);
        }
        return -1;
    }
    while (s->p < s->end && !strchr(",}] \t\r\n", *s->p))
        advance(s);
    return 0;
}

/* At '{': positions s at the value of member `name`; 0 when found. */
static int find_member(scanner *s, const char *name)
{
    if (s->p >= s->end || *s->p != '{')
        return -1;
    advance(s);
    for (;;) {
        char key[256];
        skip_ws(s);
        if (s->p >= s->end || *s->p != '"' || scan_string(s, key, sizeof key))
            return -1;
        skip_ws(s);
        if (s->p >= s->end || *s->p != ':')
            return -1;
        advance(s);
        skip_ws(s);
        if (strcmp(key, name) == 0)
            return 0;
        if (skip_value(s))
            return -1;
        skip_ws(s);
        if (s->p >= s->end || *s->p != ',')
            return -1;
        advance(s);
    }
}

/* At '[': positions s at element `index`; 0 when found. */
static int find_element(scanner *s, long index)
{
    if (s->p >= s->end || *s->p != '[')
        return -1;
    advance(s);
    for (long i = 0;; i++) {
        skip_ws(s);
        if (i == index)
            return s->p < s->end && *s->p != ']' ? 0 : -1;
        if (skip_value(s))
            return -1;
        skip_ws(s);
        if (s->p >= s->end || *s->p != ',')
            return -1;
        advance(s);
    }
}

int cs_json_locate(const char *text, size_t len, const char *top, long index, const char *member,
                   long *line, long *col)
{
    scanner s = { text, text + len, 1, text };
    skip_ws(&s);
    *line = 1;
    *col = column(&s);
    scanner mark = s;
    if (find_member(&s, top))
        return -1;
    mark = s;
    if (index >= 0) {
        if (find_element(&s, index)) {
            s = mark;
            goto done;
        }
        mark = s;
        if (member && find_member(&s, member)) {
            s = mark;
            goto done;
        }
    }
    *line = s.line;
    *col = column(&s);
    return 0;
done:
    *line = s.line;
    *col = column(&s);
    return -1;
}

int cs_json_check_depth(const char *text, size_t len, int max_depth, long *line, long *col)
{
    scanner s = { text, text + len, 1, text };
    int depth = 0;
    *line = *col = 0;
    while (s.p < s.end) {
        char c = *s.p;
        if (c == '"') {
            if (scan_string(&s, NULL, 0))
                return 0; /* an unterminated string: the parser says so */
            continue;
        }
        if (c == '{' || c == '[') {
            if (++depth > max_depth) {
                *line = s.line;
                *col = column(&s);
                return -1;
            }
        } else if ((c == '}' || c == ']') && depth > 0) {
            depth--;
        }
        advance(&s);
    }
    return 0;
}
