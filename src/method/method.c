/*
 * method.c: loading method files (JSON indicator systems) and the accessors of cs_method.
 *
 * Invariants a loaded method keeps (the assessment relies on them without checking):
 * - indicators are grouped by block, blocks sorted by their order; the items of an indicator
 *   are contiguous and in indicator order; a simple indicator has exactly one item;
 * - every leaf rule names a defined fact of a type its kind can read; every ref names an
 *   indicator, and refs form no cycle; `order` lists each indicator after those it refers to.
 * Everything a method owns lives in its arena, so cs_method_free() is one walk.
 */
#include "clusterscope/method.h"

#include "clusterscope/error.h"
#include "util/buf.h"
#include "util/embedded.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_DEPTH   16
#define MAX_ID_LEN  64

/* ---------------------------------------------------------------- arena */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    _Alignas(16) char data[];
} arena_block;

typedef struct {
    arena_block *head;
} arena;

static void *arena_alloc(arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > 16384 ? size : 16384;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

static const char *arena_strdup(arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = arena_alloc(a, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static void arena_free(arena *a)
{
    for (arena_block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    a->head = NULL;
}

/* ---------------------------------------------------------------- the method */

struct cs_method {
    arena arena;
    const char *id, *version, *title_en, *title_ru, *description, *origin;
    const char *view, *unknown_policy;
    int year;
    cs_method_source *sources;
    size_t n_sources;
    cs_method_block *blocks;
    size_t n_blocks;
    cs_method_indicator *inds;
    size_t n_inds;
    cs_method_item *items;
    size_t n_items;
    cs_method_fact *facts;
    size_t n_facts;
    size_t *order; /* indicators in evaluation order */
    int max_indicators, max_points;
};

void cs_method_free(cs_method *m)
{
    if (!m)
        return;
    arena a = m->arena; /* m itself lives in its arena */
    arena_free(&a);
}

const char *cs_method_id(const cs_method *m)
{
    return m->id;
}
const char *cs_method_version(const cs_method *m)
{
    return m->version;
}
const char *cs_method_title_en(const cs_method *m)
{
    return m->title_en;
}
const char *cs_method_title_ru(const cs_method *m)
{
    return m->title_ru;
}
const char *cs_method_description(const cs_method *m)
{
    return m->description;
}
const char *cs_method_origin(const cs_method *m)
{
    return m->origin;
}
int cs_method_assessment_year(const cs_method *m)
{
    return m->year;
}
const char *cs_method_analysis_view(const cs_method *m)
{
    return m->view;
}
const char *cs_method_unknown_policy(const cs_method *m)
{
    return m->unknown_policy;
}
size_t cs_method_source_count(const cs_method *m)
{
    return m->n_sources;
}
const cs_method_source *cs_method_source_at(const cs_method *m, size_t i)
{
    return i < m->n_sources ? &m->sources[i] : NULL;
}
size_t cs_method_block_count(const cs_method *m)
{
    return m->n_blocks;
}
const cs_method_block *cs_method_block_at(const cs_method *m, size_t i)
{
    return i < m->n_blocks ? &m->blocks[i] : NULL;
}
size_t cs_method_indicator_count(const cs_method *m)
{
    return m->n_inds;
}
const cs_method_indicator *cs_method_indicator_at(const cs_method *m, size_t i)
{
    return i < m->n_inds ? &m->inds[i] : NULL;
}
size_t cs_method_item_count(const cs_method *m)
{
    return m->n_items;
}
const cs_method_item *cs_method_item_at(const cs_method *m, size_t i)
{
    return i < m->n_items ? &m->items[i] : NULL;
}
int cs_method_max_indicators(const cs_method *m)
{
    return m->max_indicators;
}
int cs_method_max_points(const cs_method *m)
{
    return m->max_points;
}
size_t cs_method_fact_count(const cs_method *m)
{
    return m->n_facts;
}
const cs_method_fact *cs_method_fact_at(const cs_method *m, size_t i)
{
    return i < m->n_facts ? &m->facts[i] : NULL;
}

long cs_method_find_indicator(const cs_method *m, const char *id)
{
    for (size_t i = 0; id && i < m->n_inds; i++)
        if (strcmp(m->inds[i].id, id) == 0)
            return (long)i;
    return -1;
}

long cs_method_find_item(const cs_method *m, const char *key)
{
    for (size_t i = 0; key && i < m->n_items; i++)
        if (strcmp(m->items[i].key, key) == 0)
            return (long)i;
    return -1;
}

/* ---------------------------------------------------------------- deriving scores */

void cs_method_derive(const cs_method *m, cs_result *items, cs_result *indicators, int *points,
                      cs_score *blocks, cs_score *total)
{
    size_t n_ind = cs_method_indicator_count(m);
    const size_t *order = m->order;
    for (size_t o = 0; o < n_ind; o++) {
        size_t i = order[o];
        const cs_method_indicator *ind = cs_method_indicator_at(m, i);
        size_t met = 0, unknown = 0;
        for (size_t k = 0; k < ind->n_items; k++) {
            size_t it = ind->first_item + k;
            const cs_method_item *item = cs_method_item_at(m, it);
            if (item->rule.kind == CS_RULE_REF)
                items[it] = indicators[item->rule.ref];
            if (items[it] == CS_RESULT_MET)
                met++;
            else if (items[it] != CS_RESULT_NOT_MET)
                unknown++;
        }
        if (met >= ind->min_items)
            indicators[i] = CS_RESULT_MET;
        else if (met + unknown < ind->min_items)
            indicators[i] = CS_RESULT_NOT_MET;
        else
            indicators[i] = CS_RESULT_UNKNOWN;
        if (points)
            points[i] = (int)met;
    }
    if (!blocks && !total)
        return;
    cs_score sum = { 0, 0, 0, 0 };
    for (size_t b = 0; b < cs_method_block_count(m); b++) {
        const cs_method_block *blk = cs_method_block_at(m, b);
        cs_score s = { 0, 0, 0, 0 };
        for (size_t i = blk->first_indicator; i < blk->first_indicator + blk->n_indicators; i++) {
            const cs_method_indicator *ind = cs_method_indicator_at(m, i);
            if (!ind->scored)
                continue;
            if (indicators[i] != CS_RESULT_UNKNOWN) {
                s.indicators_known++;
                s.indicators += indicators[i] == CS_RESULT_MET;
            }
            for (size_t k = 0; k < ind->n_items; k++) {
                cs_result r = items[ind->first_item + k];
                if (r != CS_RESULT_UNKNOWN) {
                    s.items_known++;
                    s.points += r == CS_RESULT_MET;
                }
            }
        }
        if (blocks)
            blocks[b] = s;
        sum.indicators += s.indicators;
        sum.indicators_known += s.indicators_known;
        sum.points += s.points;
        sum.items_known += s.items_known;
    }
    if (total)
        *total = sum;
}

/* ---------------------------------------------------------------- fact definitions */

typedef struct {
    const char *name;
    cs_subject_kind kind;
    cs_fact_type type;
    const char *levels;
} fact_def;

/* The built-in definitions are parsed once and kept for the life of the process. */
static fact_def *builtin_defs;
static size_t n_builtin_defs;
static char builtin_error[512];
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void load_builtin_defs(void)
{
    const cs_fact_definitions *list = NULL;
    if (cs_fact_definitions_builtin(&list)) {
        snprintf(builtin_error, sizeof builtin_error, "%s", cs_error_last());
        return;
    }
    size_t n = cs_fact_definitions_count(list);
    fact_def *defs = calloc(n ? n : 1, sizeof *defs);
    if (!defs) {
        snprintf(builtin_error, sizeof builtin_error, "out of memory");
        return;
    }
    /* the strings belong to the built-in list, which the library keeps for the process */
    for (size_t i = 0; i < n; i++) {
        const cs_fact_definition *d = cs_fact_definitions_at(list, i);
        defs[i] = (fact_def){ d->name, d->subject_kind, d->type, d->levels };
    }
    builtin_defs = defs;
    n_builtin_defs = n;
}

/* ---------------------------------------------------------------- the loader */

typedef struct {
    const char *key; /* object member, or NULL for an array element */
    size_t index;
} path_seg;

typedef struct {
    size_t json_index;
    const char *id, *label_en, *label_ru;
    cs_rule rule;
    const char *ref_id; /* for CS_RULE_REF until resolved */
} pitem;

typedef struct {
    size_t json_index;
    const char *id, *code, *label_en, *label_ru, *heading_en, *heading_ru, *notes, *study_lines;
    const char **sources;
    size_t n_sources;
    size_t block; /* index in file order, then in sorted order */
    int scored, composite;
    size_t min_items;
    pitem *items;
    size_t n_items;
} pind;

typedef struct {
    const char *origin;
    const char *text;
    size_t len;
    path_seg path[MAX_DEPTH];
    int depth;
    cs_method *m;
    fact_def *local_defs;
    size_t n_local_defs;
    size_t *block_json; /* for sorted block i, its index in the file */
} loader;

static void push_key(loader *L, const char *key)
{
    if (L->depth < MAX_DEPTH)
        L->path[L->depth] = (path_seg){ key, 0 };
    L->depth++;
}

static void push_index(loader *L, size_t index)
{
    if (L->depth < MAX_DEPTH)
        L->path[L->depth] = (path_seg){ NULL, index };
    L->depth++;
}

static void pop(loader *L)
{
    L->depth--;
}

static void path_text(const loader *L, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    int depth = L->depth < MAX_DEPTH ? L->depth : MAX_DEPTH;
    for (int i = 0; i < depth && o < cap; i++) {
        const path_seg *s = &L->path[i];
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
static long locate_path(const char *s, size_t n, const path_seg *path, int depth)
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
static void locate(const loader *L, long *line, long *column)
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
static int fail_msg(loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail_msg(loader *L, const char *fmt, ...)
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
static int fail(loader *L, const json_t *found, const char *expected)
{
    char shown[256];
    describe_json(shown, sizeof shown, found);
    return fail_msg(L, "expected %s, found %s", expected, shown);
}

static int oom(void)
{
    return cs_error_set(CS_ENOMEM, "out of memory loading a method");
}

/* Refuses members not in `allowed` (keys starting with '_' are comments). */
static int check_members(loader *L, json_t *obj, const char *const *allowed, size_t n,
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
        push_key(L, key);
        int rc = fail_msg(L, "unknown member \"%s\" of %s (expected %s)", key, what, list);
        pop(L);
        return rc;
    }
    return 0;
}

/* Reads a string member into the arena. Absent and not required: `def`. */
static int get_string(loader *L, json_t *obj, const char *key, int required, const char *def,
                      const char **out)
{
    json_t *v = json_object_get(obj, key);
    push_key(L, key);
    int rc = 0;
    if (!v && !required) {
        *out = def;
    } else if (!json_is_string(v)) {
        rc = fail(L, v, "a string");
    } else if (required && json_string_length(v) == 0) {
        rc = fail(L, v, "a non-empty string");
    } else if (strlen(json_string_value(v)) != json_string_length(v)) {
        rc = fail(L, v, "a string without NUL characters");
    } else {
        *out = arena_strdup(&L->m->arena, json_string_value(v));
        if (!*out)
            rc = oom();
    }
    pop(L);
    return rc;
}

static int valid_id(const char *s)
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

static int get_id(loader *L, json_t *obj, const char *key, const char **out)
{
    int rc = get_string(L, obj, key, 1, NULL, out);
    if (rc)
        return rc;
    if (!valid_id(*out)) {
        push_key(L, key);
        rc = fail(L, json_object_get(obj, key),
                  "an id of 1 to 64 letters, digits, '_' or '-' (no dots or spaces)");
        pop(L);
    }
    return rc;
}

/* An integer member within [lo, hi]. */
static int get_int(loader *L, json_t *obj, const char *key, int required, long long def,
                   long long lo, long long hi, const char *expected, long long *out)
{
    json_t *v = json_object_get(obj, key);
    int rc = 0;
    push_key(L, key);
    if (!v && !required)
        *out = def;
    else if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        rc = fail(L, v, expected);
    else
        *out = json_integer_value(v);
    pop(L);
    return rc;
}

/* Labels: label_en and label_ru, at least one. */
static int get_labels(loader *L, json_t *obj, const char **en, const char **ru, int required)
{
    int rc = get_string(L, obj, "label_en", 0, "", en);
    if (!rc)
        rc = get_string(L, obj, "label_ru", 0, "", ru);
    if (!rc && required && !**en && !**ru) {
        push_key(L, "label_en");
        rc = fail(L, NULL, "a label (label_en, label_ru or both)");
        pop(L);
    }
    return rc;
}

static const fact_def *find_def(const loader *L, cs_subject_kind kind, const char *name)
{
    for (size_t i = 0; i < L->n_local_defs; i++)
        if (L->local_defs[i].kind == kind && strcmp(L->local_defs[i].name, name) == 0)
            return &L->local_defs[i];
    for (size_t i = 0; i < n_builtin_defs; i++)
        if (builtin_defs[i].kind == kind && strcmp(builtin_defs[i].name, name) == 0)
            return &builtin_defs[i];
    return NULL;
}

static const fact_def *find_def_any_kind(const loader *L, const char *name)
{
    for (int k = 0; k < 3; k++) {
        const fact_def *d = find_def(L, (cs_subject_kind)k, name);
        if (d)
            return d;
    }
    return NULL;
}

static int level_position(const char *levels, const char *level)
{
    int index = 0;
    size_t len = strlen(level);
    for (const char *p = levels; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && memcmp(p, level, n) == 0)
            return index;
        index++;
        p = bar ? bar + 1 : NULL;
    }
    return -1;
}

static int valid_levels(const char *levels)
{
    if (!*levels)
        return 0;
    for (const char *p = levels; p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == 0)
            return 0;
        /* no level may repeat an earlier one */
        for (const char *q = levels; q < p;) {
            const char *qb = strchr(q, '|');
            if ((size_t)(qb - q) == n && memcmp(q, p, n) == 0)
                return 0;
            q = qb + 1;
        }
        p = bar ? bar + 1 : NULL;
    }
    return 1;
}

static const char *const rule_kinds[] = { "threshold",      "rank_cutoff",      "presence",
                                          "count_at_least", "ordinal_at_least", "composite" };
#define RULE_COMPOSITE 5

static int read_fact(loader *L, json_t *owner, cs_rule *r)
{
    const char *spec;
    int rc = get_string(L, owner, "fact", 1, NULL, &spec);
    if (rc)
        return rc;
    push_key(L, "fact");
    json_t *v = json_object_get(owner, "fact");
    const char *colon = strchr(spec, ':');
    char kind_name[16] = "";
    if (colon && (size_t)(colon - spec) < sizeof kind_name) {
        memcpy(kind_name, spec, (size_t)(colon - spec));
        kind_name[colon - spec] = '\0';
    }
    if (!colon || cs_subject_kind_parse(&r->subject_kind, kind_name)) {
        rc = fail(L, v,
                  "a subject kind and fact name such as \"cluster:startups\" or "
                  "\"country:foreign_patients\"");
        pop(L);
        return rc;
    }
    const char *name = colon + 1;
    const fact_def *d = find_def(L, r->subject_kind, name);
    if (!d) {
        const fact_def *other = find_def_any_kind(L, name);
        char expected[256];
        if (other)
            snprintf(expected, sizeof expected, "a %s fact (%s is a %s fact)", kind_name, name,
                     cs_subject_kind_name(other->kind));
        else
            snprintf(expected, sizeof expected,
                     "a fact defined in the fact definitions or the method's fact_definitions");
        rc = fail(L, v, expected);
        pop(L);
        return rc;
    }
    pop(L);
    r->fact = arena_strdup(&L->m->arena, d->name);
    r->levels = arena_strdup(&L->m->arena, d->levels);
    r->fact_type = d->type;
    if (!r->fact || !r->levels)
        return oom();
    return 0;
}

/* Reads the fact and rule of a leaf: a simple indicator, or an item of a composite. */
static int parse_leaf(loader *L, json_t *owner, json_t *rule, int kind, cs_rule *r)
{
    int rc = read_fact(L, owner, r);
    if (rc)
        return rc;
    push_key(L, "rule");
    static const char *const threshold_members[] = { "kind", "op", "value" };
    static const char *const rank_members[] = { "kind", "cutoff" };
    static const char *const presence_members[] = { "kind" };
    static const char *const count_members[] = { "kind", "n" };
    static const char *const ordinal_members[] = { "kind", "level" };
    cs_fact_type t = r->fact_type;
    const char *type_name = cs_fact_type_name(t);
    char what[128];
    snprintf(what, sizeof what, "a %s rule", rule_kinds[kind]);
    long long iv = 0;
    switch (kind) {
    case CS_RULE_THRESHOLD: {
        r->kind = CS_RULE_THRESHOLD;
        rc = check_members(L, rule, threshold_members, COUNT_OF(threshold_members), what);
        if (rc)
            break;
        json_t *op = json_object_get(rule, "op");
        static const char *const ops[] = { ">=", ">", "<=", "<" };
        size_t i = 0;
        while (json_is_string(op) && i < COUNT_OF(ops) && strcmp(ops[i], json_string_value(op)))
            i++;
        push_key(L, "op");
        if (!json_is_string(op) || i == COUNT_OF(ops))
            rc = fail(L, op, "one of \">=\", \">\", \"<=\" or \"<\"");
        pop(L);
        if (rc)
            break;
        r->op = (cs_rule_op)i;
        json_t *value = json_object_get(rule, "value");
        push_key(L, "value");
        if (!json_is_number(value) || !isfinite(json_number_value(value)))
            rc = fail(L, value, "a number");
        pop(L);
        if (rc)
            break;
        r->value = json_number_value(value);
        if (t != CS_FACT_COUNT && t != CS_FACT_AMOUNT && t != CS_FACT_RANK && t != CS_FACT_INDEX) {
            pop(L);
            push_key(L, "fact");
            char expected[160];
            snprintf(expected, sizeof expected,
                     "a numeric fact (count, amount, rank or index) for a threshold, not a %s "
                     "fact",
                     type_name);
            rc = fail(L, json_object_get(owner, "fact"), expected);
            pop(L);
            return rc;
        }
        break;
    }
    case CS_RULE_RANK_CUTOFF:
        r->kind = CS_RULE_RANK_CUTOFF;
        r->op = CS_OP_LE;
        rc = check_members(L, rule, rank_members, COUNT_OF(rank_members), what);
        if (!rc)
            rc =
                get_int(L, rule, "cutoff", 1, 0, 1, 1000000000, "a whole number of 1 or more", &iv);
        r->value = (double)iv;
        if (!rc && t != CS_FACT_RANK) {
            pop(L);
            push_key(L, "fact");
            char expected[160];
            snprintf(expected, sizeof expected, "a rank fact for rank_cutoff, not a %s fact",
                     type_name);
            rc = fail(L, json_object_get(owner, "fact"), expected);
            pop(L);
            return rc;
        }
        break;
    case CS_RULE_PRESENCE:
        r->kind = CS_RULE_PRESENCE;
        rc = check_members(L, rule, presence_members, COUNT_OF(presence_members), what);
        if (!rc && t != CS_FACT_BOOL && t != CS_FACT_TEXT) {
            pop(L);
            push_key(L, "fact");
            char expected[160];
            snprintf(expected, sizeof expected,
                     "a bool or text fact for presence, not a %s fact (use threshold or "
                     "count_at_least)",
                     type_name);
            rc = fail(L, json_object_get(owner, "fact"), expected);
            pop(L);
            return rc;
        }
        break;
    case CS_RULE_COUNT_AT_LEAST:
        r->kind = CS_RULE_COUNT_AT_LEAST;
        r->op = CS_OP_GE;
        rc = check_members(L, rule, count_members, COUNT_OF(count_members), what);
        if (!rc)
            rc =
                get_int(L, rule, "n", 1, 0, 0, 1000000000000LL, "a whole number of 0 or more", &iv);
        r->value = (double)iv;
        if (!rc && t != CS_FACT_COUNT) {
            pop(L);
            push_key(L, "fact");
            char expected[160];
            snprintf(expected, sizeof expected, "a count fact for count_at_least, not a %s fact",
                     type_name);
            rc = fail(L, json_object_get(owner, "fact"), expected);
            pop(L);
            return rc;
        }
        break;
    case CS_RULE_ORDINAL_AT_LEAST: {
        r->kind = CS_RULE_ORDINAL_AT_LEAST;
        rc = check_members(L, rule, ordinal_members, COUNT_OF(ordinal_members), what);
        if (rc)
            break;
        if (t != CS_FACT_LEVEL) {
            pop(L);
            push_key(L, "fact");
            char expected[160];
            snprintf(expected, sizeof expected, "a level fact for ordinal_at_least, not a %s fact",
                     type_name);
            rc = fail(L, json_object_get(owner, "fact"), expected);
            pop(L);
            return rc;
        }
        rc = get_string(L, rule, "level", 1, NULL, &r->level);
        if (rc)
            break;
        r->level_index = level_position(r->levels, r->level);
        if (r->level_index < 0) {
            char expected[300];
            snprintf(expected, sizeof expected, "one of the levels of %s (%s)", r->fact, r->levels);
            push_key(L, "level");
            rc = fail(L, json_object_get(rule, "level"), expected);
            pop(L);
        }
        break;
    }
    default:
        rc = fail(L, json_object_get(rule, "kind"), "a rule kind");
        break;
    }
    pop(L);
    return rc;
}

/* The rule object of `owner` and its kind (an index into rule_kinds). */
static int read_rule_kind(loader *L, json_t *owner, json_t **rule, int *kind)
{
    *rule = json_object_get(owner, "rule");
    push_key(L, "rule");
    if (!json_is_object(*rule)) {
        int rc = fail(L, *rule, "a rule object such as {\"kind\": \"presence\"}");
        pop(L);
        return rc;
    }
    json_t *k = json_object_get(*rule, "kind");
    push_key(L, "kind");
    size_t i = 0;
    while (json_is_string(k) && i < COUNT_OF(rule_kinds) &&
           strcmp(rule_kinds[i], json_string_value(k)) != 0)
        i++;
    int rc = 0;
    if (!json_is_string(k) || i == COUNT_OF(rule_kinds))
        rc = fail(L, k,
                  "a rule kind: threshold, rank_cutoff, presence, count_at_least, "
                  "ordinal_at_least or composite");
    pop(L);
    pop(L);
    *kind = (int)i;
    return rc;
}

static int parse_item(loader *L, json_t *obj, pitem *it)
{
    static const char *const members[] = { "id", "label_en", "label_ru", "fact", "rule", "ref" };
    if (!json_is_object(obj))
        return fail(L, obj, "an item object");
    int rc = check_members(L, obj, members, COUNT_OF(members), "an item");
    if (!rc)
        rc = get_id(L, obj, "id", &it->id);
    json_t *ref = json_object_get(obj, "ref");
    if (!rc)
        rc = get_labels(L, obj, &it->label_en, &it->label_ru, !ref);
    if (rc)
        return rc;
    if (ref) {
        if (json_object_get(obj, "fact") || json_object_get(obj, "rule")) {
            push_key(L, json_object_get(obj, "fact") ? "fact" : "rule");
            rc = fail_msg(L, "an item has either \"ref\" or \"fact\" and \"rule\", not both");
            pop(L);
            return rc;
        }
        rc = get_string(L, obj, "ref", 1, NULL, &it->ref_id);
        it->rule.kind = CS_RULE_REF;
        return rc;
    }
    json_t *rule;
    int kind;
    rc = read_rule_kind(L, obj, &rule, &kind);
    if (rc)
        return rc;
    if (kind == RULE_COMPOSITE) {
        push_key(L, "rule");
        push_key(L, "kind");
        rc = fail_msg(L, "an item cannot be composite; make it an indicator (\"scored\": false "
                         "if it should not count) and refer to it with \"ref\"");
        pop(L);
        pop(L);
        return rc;
    }
    return parse_leaf(L, obj, rule, kind, &it->rule);
}

static int parse_indicator(loader *L, json_t *obj, pind *ind)
{
    static const char *const members[] = { "id",          "code",       "block",      "label_en",
                                           "label_ru",    "heading_en", "heading_ru", "notes",
                                           "study_lines", "sources",    "scored",     "fact",
                                           "rule" };
    cs_method *m = L->m;
    if (!json_is_object(obj))
        return fail(L, obj, "an indicator object");
    int rc = check_members(L, obj, members, COUNT_OF(members), "an indicator");
    if (!rc)
        rc = get_id(L, obj, "id", &ind->id);
    if (!rc)
        rc = get_string(L, obj, "code", 0, NULL, &ind->code);
    if (!rc && ind->code && (strlen(ind->code) > 16 || !*ind->code)) {
        push_key(L, "code");
        rc = fail(L, json_object_get(obj, "code"), "a short code of 1 to 16 bytes");
        pop(L);
    }
    const char *block_id = NULL;
    if (!rc)
        rc = get_string(L, obj, "block", 1, NULL, &block_id);
    if (!rc) {
        size_t b = 0;
        while (b < m->n_blocks && strcmp(m->blocks[b].id, block_id) != 0)
            b++;
        if (b == m->n_blocks) {
            push_key(L, "block");
            rc = fail(L, json_object_get(obj, "block"), "the id of a block of this method");
            pop(L);
        }
        ind->block = b;
    }
    if (!rc)
        rc = get_labels(L, obj, &ind->label_en, &ind->label_ru, 1);
    if (!rc)
        rc = get_string(L, obj, "heading_en", 0, "", &ind->heading_en);
    if (!rc)
        rc = get_string(L, obj, "heading_ru", 0, "", &ind->heading_ru);
    if (!rc)
        rc = get_string(L, obj, "notes", 0, "", &ind->notes);
    if (!rc)
        rc = get_string(L, obj, "study_lines", 0, "", &ind->study_lines);
    if (rc)
        return rc;

    json_t *scored = json_object_get(obj, "scored");
    push_key(L, "scored");
    if (scored && !json_is_boolean(scored))
        rc = fail(L, scored, "true or false");
    pop(L);
    if (rc)
        return rc;
    ind->scored = scored ? json_is_true(scored) : 1;

    json_t *sources = json_object_get(obj, "sources");
    if (sources) {
        push_key(L, "sources");
        if (!json_is_array(sources)) {
            rc = fail(L, sources, "an array of source keys");
            pop(L);
            return rc;
        }
        ind->n_sources = json_array_size(sources);
        ind->sources = arena_alloc(&m->arena, (ind->n_sources + 1) * sizeof *ind->sources);
        if (!ind->sources) {
            pop(L);
            return oom();
        }
        for (size_t i = 0; i < ind->n_sources && !rc; i++) {
            json_t *s = json_array_get(sources, i);
            push_index(L, i);
            size_t k = 0;
            while (json_is_string(s) && k < m->n_sources &&
                   strcmp(m->sources[k].key, json_string_value(s)) != 0)
                k++;
            if (!json_is_string(s) || k == m->n_sources)
                rc = fail(L, s, "the key of one of the method's sources");
            else
                ind->sources[i] = m->sources[k].key;
            pop(L);
        }
        pop(L);
        if (rc)
            return rc;
    }

    json_t *rule;
    int kind;
    rc = read_rule_kind(L, obj, &rule, &kind);
    if (rc)
        return rc;
    if (kind != RULE_COMPOSITE) {
        ind->n_items = 1;
        ind->items = arena_alloc(&m->arena, sizeof *ind->items);
        if (!ind->items)
            return oom();
        ind->items[0].id = ind->id;
        ind->items[0].label_en = ind->label_en;
        ind->items[0].label_ru = ind->label_ru;
        ind->min_items = 1;
        return parse_leaf(L, obj, rule, kind, &ind->items[0].rule);
    }

    ind->composite = 1;
    if (json_object_get(obj, "fact")) {
        push_key(L, "fact");
        rc = fail_msg(L, "a composite indicator reads its facts in its items; move \"fact\" "
                         "into the items");
        pop(L);
        return rc;
    }
    static const char *const composite_members[] = { "kind", "min_items", "items" };
    push_key(L, "rule");
    rc = check_members(L, rule, composite_members, COUNT_OF(composite_members), "a composite rule");
    json_t *items = json_object_get(rule, "items");
    if (!rc) {
        push_key(L, "items");
        if (!json_is_array(items) || json_array_size(items) == 0)
            rc = fail(L, items, "a non-empty array of items");
        pop(L);
    }
    long long min_items = 1;
    if (!rc)
        rc = get_int(L, rule, "min_items", 0, 1, 1, (long long)json_array_size(items),
                     "a whole number from 1 to the number of items", &min_items);
    if (rc) {
        pop(L);
        return rc;
    }
    ind->min_items = (size_t)min_items;
    ind->n_items = json_array_size(items);
    ind->items = arena_alloc(&m->arena, ind->n_items * sizeof *ind->items);
    if (!ind->items) {
        pop(L);
        return oom();
    }
    push_key(L, "items");
    for (size_t i = 0; i < ind->n_items && !rc; i++) {
        push_index(L, i);
        ind->items[i].json_index = i;
        rc = parse_item(L, json_array_get(items, i), &ind->items[i]);
        for (size_t j = 0; j < i && !rc; j++)
            if (strcmp(ind->items[j].id, ind->items[i].id) == 0) {
                push_key(L, "id");
                rc = fail_msg(L, "duplicate item id \"%s\" (items[%zu] has it too)",
                              ind->items[i].id, j);
                pop(L);
            }
        pop(L);
    }
    pop(L);
    pop(L);
    return rc;
}

static int parse_fact_definitions(loader *L, json_t *list)
{
    static const char *const members[] = { "name", "subject_kind", "type",     "levels",
                                           "unit", "label_en",     "label_ru", "description" };
    cs_method *m = L->m;
    push_key(L, "fact_definitions");
    int rc = 0;
    if (!json_is_array(list))
        rc = fail(L, list, "an array of fact definitions");
    size_t n = rc ? 0 : json_array_size(list);
    L->local_defs = n ? arena_alloc(&m->arena, n * sizeof *L->local_defs) : NULL;
    if (n && !L->local_defs)
        rc = oom();
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *d = json_array_get(list, i);
        fact_def *def = &L->local_defs[i];
        push_index(L, i);
        const char *kind = NULL, *type = NULL, *unused = NULL;
        if (!json_is_object(d))
            rc = fail(L, d, "a fact definition object");
        if (!rc)
            rc = check_members(L, d, members, COUNT_OF(members), "a fact definition");
        if (!rc)
            rc = get_string(L, d, "name", 1, NULL, &def->name);
        if (!rc)
            rc = get_string(L, d, "subject_kind", 1, NULL, &kind);
        if (!rc && cs_subject_kind_parse(&def->kind, kind)) {
            push_key(L, "subject_kind");
            rc = fail(L, json_object_get(d, "subject_kind"), "cluster, country or region");
            pop(L);
        }
        if (!rc)
            rc = get_string(L, d, "type", 1, NULL, &type);
        if (!rc && cs_fact_type_parse(&def->type, type)) {
            push_key(L, "type");
            rc = fail(L, json_object_get(d, "type"),
                      "count, amount, rank, index, bool, level or text");
            pop(L);
        }
        if (!rc)
            rc = get_string(L, d, "levels", 0, "", &def->levels);
        if (!rc && (def->type == CS_FACT_LEVEL) != (def->levels[0] != '\0')) {
            push_key(L, "levels");
            rc = fail(L, json_object_get(d, "levels"),
                      def->type == CS_FACT_LEVEL
                          ? "levels for a level fact, lowest first, separated by '|'"
                          : "no levels (only level facts have them)");
            pop(L);
        }
        if (!rc && def->type == CS_FACT_LEVEL && !valid_levels(def->levels)) {
            push_key(L, "levels");
            rc = fail(L, json_object_get(d, "levels"),
                      "distinct non-empty level names separated by '|', such as \"none|some|all\"");
            pop(L);
        }
        static const char *const text_members[] = { "unit", "label_en", "label_ru", "description" };
        for (size_t k = 0; k < COUNT_OF(text_members) && !rc; k++)
            rc = get_string(L, d, text_members[k], 0, "", &unused);
        if (!rc) {
            for (size_t j = 0; j < i && !rc; j++)
                if (L->local_defs[j].kind == def->kind &&
                    strcmp(L->local_defs[j].name, def->name) == 0) {
                    push_key(L, "name");
                    rc = fail_msg(L, "duplicate fact definition %s:%s",
                                  cs_subject_kind_name(def->kind), def->name);
                    pop(L);
                }
            for (size_t j = 0; j < n_builtin_defs && !rc; j++) {
                const fact_def *b = &builtin_defs[j];
                if (b->kind == def->kind && strcmp(b->name, def->name) == 0 &&
                    (b->type != def->type || strcmp(b->levels, def->levels) != 0)) {
                    push_key(L, "type");
                    char expected[256];
                    snprintf(expected, sizeof expected,
                             "the built-in definition of %s (type %s%s%s)", b->name,
                             cs_fact_type_name(b->type), *b->levels ? ", levels " : "", b->levels);
                    rc = fail(L, json_object_get(d, "type"), expected);
                    pop(L);
                }
            }
        }
        pop(L);
    }
    pop(L);
    L->n_local_defs = rc ? 0 : n;
    return rc;
}

static int parse_sources(loader *L, json_t *list)
{
    static const char *const members[] = { "key", "citation", "url", "note" };
    cs_method *m = L->m;
    push_key(L, "sources");
    int rc = 0;
    if (!json_is_array(list))
        rc = fail(L, list, "an array of sources");
    size_t n = rc ? 0 : json_array_size(list);
    m->sources = n ? arena_alloc(&m->arena, n * sizeof *m->sources) : NULL;
    if (n && !m->sources)
        rc = oom();
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *s = json_array_get(list, i);
        cs_method_source *src = &m->sources[i];
        push_index(L, i);
        if (!json_is_object(s))
            rc = fail(L, s, "a source object with key and citation");
        if (!rc)
            rc = check_members(L, s, members, COUNT_OF(members), "a source");
        if (!rc)
            rc = get_string(L, s, "key", 1, NULL, &src->key);
        if (!rc)
            rc = get_string(L, s, "citation", 1, NULL, &src->citation);
        if (!rc)
            rc = get_string(L, s, "url", 0, "", &src->url);
        if (!rc)
            rc = get_string(L, s, "note", 0, "", &src->note);
        for (size_t j = 0; j < i && !rc; j++)
            if (strcmp(m->sources[j].key, src->key) == 0) {
                push_key(L, "key");
                rc = fail_msg(L, "duplicate source key \"%s\" (sources[%zu] has it too)", src->key,
                              j);
                pop(L);
            }
        pop(L);
    }
    pop(L);
    m->n_sources = rc ? 0 : n;
    return rc;
}

static int parse_blocks(loader *L, json_t *list)
{
    static const char *const members[] = { "id", "code", "label_en", "label_ru", "order" };
    cs_method *m = L->m;
    push_key(L, "blocks");
    int rc = 0;
    if (!json_is_array(list) || json_array_size(list) == 0)
        rc = fail(L, list, "a non-empty array of blocks");
    size_t n = rc ? 0 : json_array_size(list);
    m->blocks = n ? arena_alloc(&m->arena, n * sizeof *m->blocks) : NULL;
    if (n && !m->blocks)
        rc = oom();
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *b = json_array_get(list, i);
        cs_method_block *blk = &m->blocks[i];
        push_index(L, i);
        long long order = 0;
        if (!json_is_object(b))
            rc = fail(L, b, "a block object");
        if (!rc)
            rc = check_members(L, b, members, COUNT_OF(members), "a block");
        if (!rc)
            rc = get_id(L, b, "id", &blk->id);
        if (!rc)
            rc = get_string(L, b, "code", 0, NULL, &blk->code);
        if (!rc && blk->code && (strlen(blk->code) > 16 || !*blk->code)) {
            push_key(L, "code");
            rc = fail(L, json_object_get(b, "code"), "a short code of 1 to 16 bytes");
            pop(L);
        }
        if (!rc)
            rc = get_labels(L, b, &blk->label_en, &blk->label_ru, 1);
        if (!rc)
            rc = get_int(L, b, "order", 0, (long long)i + 1, -1000000, 1000000,
                         "a whole number (blocks are sorted by it)", &order);
        blk->order = (int)order;
        for (size_t j = 0; j < i && !rc; j++)
            if (strcmp(m->blocks[j].id, blk->id) == 0) {
                push_key(L, "id");
                rc = fail_msg(L, "duplicate block id \"%s\" (blocks[%zu] has it too)", blk->id, j);
                pop(L);
            }
        pop(L);
    }
    pop(L);
    m->n_blocks = rc ? 0 : n;
    return rc;
}

typedef struct {
    loader *L;
    pind *pinds;
    size_t *json_of; /* final indicator index -> index in the file */
    int *color;      /* 0 new, 1 on the path, 2 done */
    size_t *stack;
    size_t depth;
    size_t n_order;
} cycle_walk;

static int visit(cycle_walk *w, size_t i)
{
    cs_method *m = w->L->m;
    if (w->color[i] == 2)
        return 0;
    w->color[i] = 1;
    w->stack[w->depth++] = i;
    const cs_method_indicator *ind = &m->inds[i];
    for (size_t k = 0; k < ind->n_items; k++) {
        const cs_method_item *it = &m->items[ind->first_item + k];
        if (it->rule.kind != CS_RULE_REF)
            continue;
        size_t j = it->rule.ref;
        if (w->color[j] == 1) {
            cs_buf chain = CS_BUF_INIT;
            size_t from = 0;
            while (w->stack[from] != j)
                from++;
            for (size_t s = from; s < w->depth; s++)
                cs_buf_printf(&chain, "%s -> ", m->inds[w->stack[s]].id);
            cs_buf_puts(&chain, m->inds[j].id);
            loader *L = w->L;
            L->depth = 0;
            push_key(L, "indicators");
            push_index(L, w->json_of[i]);
            push_key(L, "rule");
            push_key(L, "items");
            push_index(L, w->pinds[w->json_of[i]].items[k].json_index);
            push_key(L, "ref");
            int rc = fail_msg(L, "cycle of references: %s", cs_buf_str(&chain));
            cs_buf_free(&chain);
            return rc;
        }
        int rc = visit(w, j);
        if (rc)
            return rc;
    }
    w->depth--;
    w->color[i] = 2;
    m->order[w->n_order++] = i;
    return 0;
}

static int compare_facts(const void *a, const void *b)
{
    const cs_method_fact *x = a, *y = b;
    if (x->subject_kind != y->subject_kind)
        return x->subject_kind < y->subject_kind ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Puts the parsed indicators in final order, builds the item list, resolves refs. */
static int build(loader *L, pind *pinds, size_t n)
{
    cs_method *m = L->m;
    /* blocks sorted by order, stable (insertion sort keeps file order on ties) */
    size_t nb = m->n_blocks;
    size_t *block_pos = arena_alloc(&m->arena, nb * sizeof *block_pos); /* file -> sorted */
    cs_method_block *sorted = arena_alloc(&m->arena, nb * sizeof *sorted);
    size_t *perm = arena_alloc(&m->arena, nb * sizeof *perm);
    if (!block_pos || !sorted || !perm)
        return oom();
    for (size_t i = 0; i < nb; i++) {
        size_t j = i;
        while (j > 0 && m->blocks[perm[j - 1]].order > m->blocks[i].order) {
            perm[j] = perm[j - 1];
            j--;
        }
        perm[j] = i;
    }
    for (size_t i = 0; i < nb; i++) {
        sorted[i] = m->blocks[perm[i]];
        block_pos[perm[i]] = i;
    }
    m->blocks = sorted;

    m->n_inds = n;
    m->inds = arena_alloc(&m->arena, n * sizeof *m->inds);
    size_t *json_of = arena_alloc(&m->arena, n * sizeof *json_of);
    if (!m->inds || !json_of)
        return oom();
    size_t n_items = 0;
    for (size_t i = 0; i < n; i++)
        n_items += pinds[i].n_items;
    m->n_items = n_items;
    m->items = arena_alloc(&m->arena, n_items * sizeof *m->items);
    if (!m->items)
        return oom();

    size_t out = 0, item = 0;
    for (size_t b = 0; b < nb; b++) {
        cs_method_block *blk = &m->blocks[b];
        blk->first_indicator = out;
        for (size_t i = 0; i < n; i++) {
            const pind *p = &pinds[i];
            if (block_pos[p->block] != b)
                continue;
            cs_method_indicator *ind = &m->inds[out];
            json_of[out] = i;
            ind->id = p->id;
            ind->code = p->code;
            ind->label_en = p->label_en;
            ind->label_ru = p->label_ru;
            ind->heading_en = p->heading_en;
            ind->heading_ru = p->heading_ru;
            ind->notes = p->notes;
            ind->study_lines = p->study_lines;
            ind->sources = p->sources;
            ind->n_sources = p->n_sources;
            ind->block = b;
            ind->scored = p->scored;
            ind->composite = p->composite;
            ind->min_items = p->min_items;
            ind->first_item = item;
            ind->n_items = p->n_items;
            for (size_t k = 0; k < p->n_items; k++) {
                cs_method_item *it = &m->items[item++];
                it->id = p->items[k].id;
                it->label_en = p->items[k].label_en;
                it->label_ru = p->items[k].label_ru;
                it->indicator = out;
                it->rule = p->items[k].rule;
                if (p->composite) {
                    size_t len = strlen(p->id) + strlen(it->id) + 2;
                    char *key = arena_alloc(&m->arena, len);
                    if (!key)
                        return oom();
                    snprintf(key, len, "%s.%s", p->id, it->id);
                    it->key = key;
                } else {
                    it->key = p->id;
                }
            }
            if (ind->scored) {
                blk->max_indicators++;
                blk->max_points += (int)ind->n_items;
            }
            out++;
        }
        blk->n_indicators = out - blk->first_indicator;
        m->max_indicators += blk->max_indicators;
        m->max_points += blk->max_points;
    }

    /* default codes, then uniqueness of codes */
    for (size_t b = 0; b < nb; b++)
        if (!m->blocks[b].code) {
            char code[24];
            snprintf(code, sizeof code, "B%zu", b + 1);
            if (!(m->blocks[b].code = arena_strdup(&m->arena, code)))
                return oom();
        }
    for (size_t i = 0; i < n; i++)
        if (!m->inds[i].code) {
            char code[24];
            snprintf(code, sizeof code, "I%zu", i + 1);
            if (!(m->inds[i].code = arena_strdup(&m->arena, code)))
                return oom();
        }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->inds[i].code, m->inds[j].code) == 0) {
                L->depth = 0;
                push_key(L, "indicators");
                push_index(L, json_of[pinds[json_of[i]].code ? i : j]);
                push_key(L, "code");
                return fail_msg(L, "indicators %s and %s have the same code \"%s\"", m->inds[j].id,
                                m->inds[i].id, m->inds[i].code);
            }
    for (size_t i = 0; i < nb; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->blocks[i].code, m->blocks[j].code) == 0) {
                L->depth = 0;
                push_key(L, "blocks");
                push_index(L, perm[i]);
                push_key(L, "code");
                return fail_msg(L, "blocks %s and %s have the same code \"%s\"", m->blocks[j].id,
                                m->blocks[i].id, m->blocks[i].code);
            }

    /* resolve refs */
    for (size_t i = 0; i < n; i++) {
        const cs_method_indicator *ind = &m->inds[i];
        for (size_t k = 0; k < ind->n_items; k++) {
            cs_method_item *it = &m->items[ind->first_item + k];
            if (it->rule.kind != CS_RULE_REF)
                continue;
            const pitem *p = &pinds[json_of[i]].items[k];
            long target = cs_method_find_indicator(m, p->ref_id);
            if (target < 0) {
                L->depth = 0;
                push_key(L, "indicators");
                push_index(L, json_of[i]);
                push_key(L, "rule");
                push_key(L, "items");
                push_index(L, p->json_index);
                push_key(L, "ref");
                char shown[128];
                snprintf(shown, sizeof shown, "\"%.100s\"", p->ref_id);
                return fail_msg(L, "expected the id of an indicator of this method, found %s",
                                shown);
            }
            it->rule.ref = (size_t)target;
            if (!*it->label_en && !*it->label_ru) {
                it->label_en = m->inds[target].label_en;
                it->label_ru = m->inds[target].label_ru;
            }
        }
    }

    /* evaluation order, refusing cycles */
    m->order = arena_alloc(&m->arena, n * sizeof *m->order);
    cycle_walk w = { L,
                     pinds,
                     json_of,
                     arena_alloc(&m->arena, n * sizeof(int)),
                     arena_alloc(&m->arena, n * sizeof(size_t)),
                     0,
                     0 };
    if (!m->order || !w.color || !w.stack)
        return oom();
    for (size_t i = 0; i < n; i++) {
        int rc = visit(&w, i);
        if (rc)
            return rc;
    }

    /* the facts read */
    m->facts = arena_alloc(&m->arena, (n_items ? n_items : 1) * sizeof *m->facts);
    if (!m->facts)
        return oom();
    for (size_t i = 0; i < n_items; i++) {
        const cs_rule *r = &m->items[i].rule;
        if (r->kind == CS_RULE_REF)
            continue;
        size_t j = 0;
        while (j < m->n_facts &&
               !(m->facts[j].subject_kind == r->subject_kind && !strcmp(m->facts[j].name, r->fact)))
            j++;
        if (j == m->n_facts)
            m->facts[m->n_facts++] =
                (cs_method_fact){ r->subject_kind, r->fact, r->fact_type, r->levels };
    }
    qsort(m->facts, m->n_facts, sizeof *m->facts, compare_facts);
    return 0;
}

static int parse_top(loader *L, json_t *root)
{
    static const char *const members[] = { "format",      "format_version",  "id",
                                           "version",     "title_en",        "title_ru",
                                           "description", "assessment_year", "sources",
                                           "blocks",      "indicators",      "fact_definitions",
                                           "analysis" };
    cs_method *m = L->m;
    if (!json_is_object(root))
        return fail(L, root, "a method object {\"format\": \"clusterscope-method\", ...}");
    json_t *format = json_object_get(root, "format");
    push_key(L, "format");
    int rc = 0;
    if (!json_is_string(format) || strcmp(json_string_value(format), "clusterscope-method") != 0)
        rc = fail(L, format, "\"clusterscope-method\"");
    pop(L);
    if (rc)
        return rc;
    rc = check_members(L, root, members, COUNT_OF(members), "a method");
    long long format_version = 1;
    if (!rc)
        rc = get_int(L, root, "format_version", 0, 1, 1, 1,
                     "1 (the only method-file format version this library reads)", &format_version);
    if (!rc)
        rc = get_id(L, root, "id", &m->id);
    if (!rc) {
        json_t *v = json_object_get(root, "version");
        push_key(L, "version");
        if (json_is_integer(v)) {
            char text[32];
            snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
            m->version = arena_strdup(&m->arena, text);
            if (!m->version)
                rc = oom();
        } else if (!json_is_string(v) || json_string_length(v) == 0 ||
                   json_string_length(v) > MAX_ID_LEN ||
                   strlen(json_string_value(v)) != json_string_length(v)) {
            rc = fail(L, v, "a version, such as 1 or \"2019.1\"");
        } else {
            m->version = arena_strdup(&m->arena, json_string_value(v));
            if (!m->version)
                rc = oom();
        }
        pop(L);
    }
    if (!rc)
        rc = get_string(L, root, "title_en", 0, "", &m->title_en);
    if (!rc)
        rc = get_string(L, root, "title_ru", 0, "", &m->title_ru);
    if (!rc && !*m->title_en && !*m->title_ru) {
        push_key(L, "title_en");
        rc = fail(L, NULL, "a title (title_en, title_ru or both)");
        pop(L);
    }
    if (!rc)
        rc = get_string(L, root, "description", 0, "", &m->description);
    long long year = 0;
    if (!rc)
        rc = get_int(L, root, "assessment_year", 0, 0, 1000, 9999, "a year such as 2019", &year);
    m->year = (int)year;
    if (rc)
        return rc;

    m->view = "items";
    m->unknown_policy = "pairwise";
    json_t *analysis = json_object_get(root, "analysis");
    if (analysis) {
        static const char *const analysis_members[] = { "view", "unknown" };
        push_key(L, "analysis");
        if (!json_is_object(analysis))
            rc = fail(L, analysis, "an object {\"view\": ..., \"unknown\": ...}");
        if (!rc)
            rc = check_members(L, analysis, analysis_members, COUNT_OF(analysis_members),
                               "analysis");
        if (!rc)
            rc = get_string(L, analysis, "view", 0, "items", &m->view);
        if (!rc && strcmp(m->view, "items") && strcmp(m->view, "indicators")) {
            push_key(L, "view");
            rc = fail(L, json_object_get(analysis, "view"), "\"items\" or \"indicators\"");
            pop(L);
        }
        if (!rc)
            rc = get_string(L, analysis, "unknown", 0, "pairwise", &m->unknown_policy);
        if (!rc && strcmp(m->unknown_policy, "pairwise") && strcmp(m->unknown_policy, "error") &&
            strcmp(m->unknown_policy, "as-zero")) {
            push_key(L, "unknown");
            rc = fail(L, json_object_get(analysis, "unknown"),
                      "\"pairwise\", \"error\" or \"as-zero\"");
            pop(L);
        }
        pop(L);
        if (rc)
            return rc;
    }

    json_t *defs = json_object_get(root, "fact_definitions");
    if (defs && (rc = parse_fact_definitions(L, defs)))
        return rc;
    json_t *sources = json_object_get(root, "sources");
    if (sources && (rc = parse_sources(L, sources)))
        return rc;
    if ((rc = parse_blocks(L, json_object_get(root, "blocks"))))
        return rc;

    json_t *list = json_object_get(root, "indicators");
    push_key(L, "indicators");
    if (!json_is_array(list) || json_array_size(list) == 0) {
        rc = fail(L, list, "a non-empty array of indicators");
        pop(L);
        return rc;
    }
    size_t n = json_array_size(list);
    pind *pinds = arena_alloc(&m->arena, n * sizeof *pinds);
    if (!pinds) {
        pop(L);
        return oom();
    }
    for (size_t i = 0; i < n && !rc; i++) {
        push_index(L, i);
        pinds[i].json_index = i;
        rc = parse_indicator(L, json_array_get(list, i), &pinds[i]);
        for (size_t j = 0; j < i && !rc; j++)
            if (strcmp(pinds[j].id, pinds[i].id) == 0) {
                push_key(L, "id");
                rc = fail_msg(L, "duplicate indicator id \"%s\" (indicators[%zu] has it too)",
                              pinds[i].id, j);
                pop(L);
            }
        pop(L);
    }
    pop(L);
    if (rc)
        return rc;
    return build(L, pinds, n);
}

int cs_method_load_string(cs_method **out, const char *json, size_t len, const char *origin)
{
    *out = NULL;
    if (!origin)
        origin = "<method>";
    pthread_once(&builtin_once, load_builtin_defs);
    if (!builtin_defs)
        return cs_error_set(CS_ERROR, "the built-in fact definitions: %s", builtin_error);
    if (!json)
        return cs_error_set(CS_EUSAGE, "no method text given");
    /* a UTF-8 byte-order mark, as some Windows editors write, is not part of the JSON */
    if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0) {
        json += 3;
        len -= 3;
    }
    arena a = { NULL };
    cs_method *m = arena_alloc(&a, sizeof *m);
    if (!m)
        return oom();
    m->arena = a;
    loader L = { .origin = origin, .text = json, .len = len, .m = m };
    m->origin = arena_strdup(&m->arena, origin);
    if (!m->origin) {
        cs_method_free(m);
        return oom();
    }
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        int rc = cs_error_set(CS_EDATA, "%s:%d:%d: %s", origin, jerr.line, jerr.column, jerr.text);
        cs_method_free(m);
        return rc;
    }
    int rc = parse_top(&L, root);
    json_decref(root);
    if (rc) {
        cs_method_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

int cs_method_load_file(cs_method **out, const char *path)
{
    *out = NULL;
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_read_file(&b, path);
    if (!rc)
        rc = cs_method_load_string(out, b.data, b.len, path);
    cs_buf_free(&b);
    return rc;
}

/* ---------------------------------------------------------------- built-in methods */

#define MAX_BUILTINS 64
static char builtin_ids[MAX_BUILTINS][MAX_ID_LEN + 1];
static size_t n_builtins;
static pthread_once_t builtins_once = PTHREAD_ONCE_INIT;

static void list_builtins(void)
{
    for (const cs_embedded_file *f = cs_embedded_files; f->path && n_builtins < MAX_BUILTINS; f++) {
        size_t len = strlen(f->path);
        if (strncmp(f->path, "methods/", 8) != 0 || len < 8 + 6 ||
            strcmp(f->path + len - 5, ".json") != 0 || len - 13 > MAX_ID_LEN ||
            strchr(f->path + 8, '/'))
            continue;
        memcpy(builtin_ids[n_builtins], f->path + 8, len - 13);
        builtin_ids[n_builtins][len - 13] = '\0';
        n_builtins++;
    }
    /* embed.sh keeps the order it is given; sort so listings do not depend on it */
    for (size_t i = 1; i < n_builtins; i++)
        for (size_t j = i; j > 0 && strcmp(builtin_ids[j - 1], builtin_ids[j]) > 0; j--) {
            char tmp[MAX_ID_LEN + 1];
            memcpy(tmp, builtin_ids[j], sizeof tmp);
            memcpy(builtin_ids[j], builtin_ids[j - 1], sizeof tmp);
            memcpy(builtin_ids[j - 1], tmp, sizeof tmp);
        }
}

size_t cs_method_builtin_count(void)
{
    pthread_once(&builtins_once, list_builtins);
    return n_builtins;
}

const char *cs_method_builtin_id(size_t i)
{
    pthread_once(&builtins_once, list_builtins);
    return i < n_builtins ? builtin_ids[i] : NULL;
}

int cs_method_load_builtin(cs_method **out, const char *id)
{
    *out = NULL;
    char path[MAX_ID_LEN + 32];
    if (!id || !valid_id(id) || strlen(id) > MAX_ID_LEN)
        return cs_error_set(CS_ENOTFOUND, "no built-in method \"%.80s\"", id ? id : "");
    snprintf(path, sizeof path, "methods/%s.json", id);
    const cs_embedded_file *f = cs_embedded_find(path);
    if (!f) {
        cs_buf list = CS_BUF_INIT;
        for (size_t i = 0; i < cs_method_builtin_count(); i++)
            cs_buf_printf(&list, "%s%s", i ? ", " : "", cs_method_builtin_id(i));
        int rc = cs_error_set(CS_ENOTFOUND, "no built-in method \"%s\" (built in: %s)", id,
                              cs_buf_str(&list));
        cs_buf_free(&list);
        return rc;
    }
    return cs_method_load_string(out, f->data, f->size, path);
}
