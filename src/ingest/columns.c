/*
 * columns.c: the column mapping of a CSV import, fixed values for the columns a file lacks,
 * and the set of rows that finds exact repeats (columns.h). Mapping errors are the caller's
 * settings, not the file's data: CS_EUSAGE, positioned at the pair.
 */
#include "ingest/columns.h"

#include "clusterscope/error.h"
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cs_column_map {
    char *origin; /* the mapping file's name, or NULL for a list */
    cs_column_pair *pairs;
    size_t n;
    char *text; /* the names, NUL-separated, that the pairs point into */
};

void cs_column_map_free(cs_column_map *map)
{
    if (!map)
        return;
    free(map->origin);
    free(map->pairs);
    free(map->text);
    free(map);
}

size_t cs_column_map_count(const cs_column_map *map)
{
    return map ? map->n : 0;
}

const cs_column_pair *cs_column_map_at(const cs_column_map *map, size_t i)
{
    return map && i < map->n ? &map->pairs[i] : NULL;
}

const cs_column_pair *cs_column_map_find(const cs_column_map *map, const char *column)
{
    for (size_t i = 0; map && i < map->n; i++)
        if (strcmp(map->pairs[i].from, column) == 0)
            return &map->pairs[i];
    return NULL;
}

void cs_column_map_where(char *out, size_t cap, const cs_column_map *map, const cs_column_pair *p)
{
    if (map->origin)
        snprintf(out, cap, "%s:%ld", map->origin, p->where);
    else
        snprintf(out, cap, "column mapping, pair %ld", p->where);
}

/* "WHERE: expected EXPECTED, found FOUND", FOUND quoted and shortened as data errors are. */
static int fail(const char *where, const char *expected, const char *found)
{
    cs_error_data(where, 0, 0, expected, found);
    char message[2048];
    snprintf(message, sizeof message, "%s", cs_error_last());
    return cs_error_set(CS_EUSAGE, "%s", message);
}

/* The same with FOUND a description ("none"), not a value. */
static int fail_plain(const char *where, const char *expected, const char *found)
{
    return cs_error_set(CS_EUSAGE, "%s: expected %s, found %s", where, expected, found);
}

static int fail_at(const cs_column_map *map, long where, const char *expected, const char *found)
{
    char at[512];
    cs_column_pair p = { NULL, NULL, where };
    cs_column_map_where(at, sizeof at, map, &p);
    return fail(at, expected, found);
}

static int fail_at_plain(const cs_column_map *map, long where, const char *expected,
                         const char *found)
{
    char at[512];
    cs_column_pair p = { NULL, NULL, where };
    cs_column_map_where(at, sizeof at, map, &p);
    return fail_plain(at, expected, found);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Trims spaces around text[a..b) in place; returns the start, NUL-terminated. */
static char *trim(char *text, size_t a, size_t b)
{
    while (a < b && is_space(text[a]))
        a++;
    while (b > a && is_space(text[b - 1]))
        b--;
    text[b] = '\0';
    return text + a;
}

#define PAIR_SYNTAX                                                                                \
    "FROM=TO: a column of the file, '=', and the column of the record kind it holds (or '-' to "   \
    "drop it)"

/* One pair from a piece of the text (already NUL-terminated and trimmed). */
static int parse_pair(cs_column_map *map, char *piece, long where)
{
    char *eq = strrchr(piece, '=');
    if (!eq)
        return fail_at(map, where, PAIR_SYNTAX, piece);
    size_t len = strlen(piece);
    char shown[256];
    snprintf(shown, sizeof shown, "%s", piece);
    char *from = trim(piece, 0, (size_t)(eq - piece));
    char *to = trim(piece, (size_t)(eq - piece) + 1, len);
    if (!*from || !*to)
        return fail_at(map, where, PAIR_SYNTAX, shown);
    if (map->n == CS_COLUMN_MAP_MAX_PAIRS) {
        char expected[64];
        snprintf(expected, sizeof expected, "at most %d pairs", CS_COLUMN_MAP_MAX_PAIRS);
        return fail_at(map, where, expected, shown);
    }
    for (size_t i = 0; i < map->n; i++) {
        const cs_column_pair *p = &map->pairs[i];
        char expected[800], at[512];
        cs_column_map_where(at, sizeof at, map, p);
        if (strcmp(p->from, from) == 0) {
            snprintf(expected, sizeof expected,
                     "a column of the file not mapped before (%s maps it)", at);
            return fail_at(map, where, expected, from);
        }
        if (strcmp(to, "-") != 0 && p->to && strcmp(p->to, to) == 0) {
            snprintf(expected, sizeof expected,
                     "a column of the record kind no other pair maps to (%s maps \"%.100s\" to "
                     "it)",
                     at, p->from);
            return fail_at(map, where, expected, to);
        }
    }
    map->pairs[map->n++] = (cs_column_pair){ from, strcmp(to, "-") == 0 ? NULL : to, where };
    return 0;
}

int cs_column_map_parse(cs_column_map **out, const char *text, size_t len, const char *origin)
{
    *out = NULL;
    cs_column_map *map = calloc(1, sizeof *map);
    if (!map)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = 0;
    if (origin && !(map->origin = strdup(origin)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    /* every pair needs at least two bytes ("a=") and a separator */
    size_t most = len / 2 + 1;
    if (most > CS_COLUMN_MAP_MAX_PAIRS)
        most = CS_COLUMN_MAP_MAX_PAIRS;
    if (!rc && (!(map->text = malloc(len + 1)) || !(map->pairs = calloc(most, sizeof *map->pairs))))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    if (rc) {
        cs_column_map_free(map);
        return rc;
    }
    if (len)
        memcpy(map->text, text, len);
    map->text[len] = '\0';
    const char *name = origin ? origin : "column mapping";
    if (memchr(map->text, '\0', len)) {
        cs_column_map_free(map);
        return fail_plain(name, "text", "a NUL byte");
    }
    long line = 1, pair = 0;
    for (size_t start = 0; !rc && start <= len;) {
        size_t end = start;
        /* a list separates pairs by commas or line ends, a file by line ends only; a line end
         * is LF, CRLF or CR */
        while (end < len && map->text[end] != '\n' && map->text[end] != '\r' &&
               (origin || map->text[end] != ','))
            end++;
        size_t sep = end < len ? 1 : 0;
        int line_end = sep && map->text[end] != ',';
        if (sep && map->text[end] == '\r' && end + 1 < len && map->text[end + 1] == '\n')
            sep = 2;
        if (origin) {
            char *hash = memchr(map->text + start, '#', end - start);
            size_t stop = hash ? (size_t)(hash - map->text) : end;
            char *piece = trim(map->text, start, stop);
            if (*piece)
                rc = parse_pair(map, piece, line);
        } else {
            /* a list may end with separators (a line end from a here-document); no other
             * pair is empty (trim() below ends the piece with a NUL, so look first) */
            size_t rest = end;
            while (rest < len &&
                   (is_space(map->text[rest]) || map->text[rest] == ',' || map->text[rest] == '\n'))
                rest++;
            char *piece = trim(map->text, start, end);
            pair++;
            if (*piece)
                rc = parse_pair(map, piece, pair);
            else if (rest < len)
                rc = fail_at_plain(map, pair, PAIR_SYNTAX, "an empty pair");
            else
                break;
        }
        if (line_end)
            line++;
        start = end + (sep ? sep : 1);
    }
    if (!rc && map->n == 0)
        rc = fail_plain(name, "at least one pair " PAIR_SYNTAX, "none");
    if (rc) {
        cs_column_map_free(map);
        return rc;
    }
    *out = map;
    return 0;
}

int cs_column_map_read(cs_column_map **out, const char *path)
{
    *out = NULL;
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_read_file(&b, path, CS_COLUMN_MAP_MAX_BYTES, "a column mapping file");
    if (!rc)
        rc = cs_column_map_parse(out, b.data, b.len, path);
    cs_buf_free(&b);
    return rc;
}

/* "organisations (key, name, type, ...)" */
static void kind_columns(char *out, size_t cap, const cs_kind_spec *spec)
{
    int n = snprintf(out, cap, "%s (", spec->name);
    for (size_t k = 0; k < spec->n_columns && n >= 0 && (size_t)n + 40 < cap; k++)
        n += snprintf(out + n, cap - (size_t)n, "%s%s", k ? ", " : "", spec->columns[k].name);
    if (n >= 0 && (size_t)n < cap)
        snprintf(out + n, cap - (size_t)n, ")");
}

int cs_column_map_apply(const cs_column_map *map, const char *file, const char *const *header,
                        size_t n, const cs_kind_spec *spec, const char **names)
{
    for (size_t f = 0; f < n; f++)
        names[f] = header[f];
    for (size_t i = 0; map && i < map->n; i++) {
        const cs_column_pair *p = &map->pairs[i];
        char at[512], expected[700];
        cs_column_map_where(at, sizeof at, map, p);
        size_t f = 0;
        while (f < n && strcmp(header[f], p->from) != 0)
            f++;
        if (f == n) {
            int o = snprintf(expected, sizeof expected, "a column of the header of %s (", file);
            for (size_t k = 0; k < n && o >= 0 && (size_t)o + 40 < sizeof expected; k++)
                o += snprintf(expected + o, sizeof expected - (size_t)o, "%s%s", k ? ", " : "",
                              header[k]);
            if (o >= 0 && (size_t)o < sizeof expected)
                snprintf(expected + o, sizeof expected - (size_t)o, ")");
            return fail(at, expected, p->from);
        }
        if (spec && p->to && cs_kind_spec_column(spec, p->to) < 0) {
            char columns[512];
            kind_columns(columns, sizeof columns, spec);
            snprintf(expected, sizeof expected, "a column of %s, or - to drop it", columns);
            return fail(at, expected, p->to);
        }
        names[f] = p->to;
    }
    return 0;
}

int cs_fixed_values_parse(const char **values, int *given, const char *const *set, size_t n_set,
                          const cs_kind_spec *spec)
{
    for (size_t c = 0; c < CS_RECORD_MAX_COLUMNS; c++) {
        values[c] = NULL;
        given[c] = 0;
    }
    for (size_t i = 0; i < n_set; i++) {
        char at[64], expected[700];
        snprintf(at, sizeof at, "fixed value %zu", i + 1);
        const char *eq = strchr(set[i], '=');
        if (!eq || eq == set[i] || !eq[1])
            return fail(at, "COLUMN=VALUE: a column of the record kind, '=' and its value", set[i]);
        char column[128];
        size_t len = (size_t)(eq - set[i]);
        if (len >= sizeof column)
            len = sizeof column - 1;
        memcpy(column, set[i], len);
        column[len] = '\0';
        int c = cs_kind_spec_column(spec, column);
        if (c < 0 || (size_t)(eq - set[i]) >= sizeof column) {
            char columns[512];
            kind_columns(columns, sizeof columns, spec);
            snprintf(expected, sizeof expected, "a column of %s", columns);
            return fail(at, expected, column);
        }
        if (given[c]) {
            snprintf(expected, sizeof expected,
                     "a column not given a value before (fixed value %d gives it)", given[c]);
            return fail(at, expected, column);
        }
        given[c] = (int)i + 1;
        values[c] = eq + 1;
    }
    return 0;
}

/* ---- the rows seen ---- */

/* 16 bytes a row (the set is the import's largest structure after the key maps): a 96-bit
 * hash (a, and b's low half) and the line, which stays exact up to 4,294,967,295 and names that
 * line beyond (only a message shows it) */
typedef struct {
    uint64_t a;    /* a == 0 marks an empty slot (a hash never has it) */
    uint32_t b;    /* b's low 32 bits; its other bits place the row */
    uint32_t line; /* saturated at UINT32_MAX */
} row_slot;

struct cs_row_set {
    row_slot *slots;
    size_t cap, count;
};

int cs_row_set_new(cs_row_set **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

void cs_row_set_free(cs_row_set *set)
{
    if (!set)
        return;
    free(set->slots);
    free(set);
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* Two independent 64-bit hashes of the values, each value with its length (or absent), so
 * that no two different rows are the same byte stream. */
static void hash_row(uint64_t *a, uint64_t *b, const char *const *values, size_t n)
{
    uint64_t x = 0x9E3779B97F4A7C15ULL, y = 0xD1B54A32D192ED03ULL;
    for (size_t c = 0; c < n; c++) {
        const unsigned char *p = (const unsigned char *)values[c];
        size_t len = p ? strlen(values[c]) : 0;
        uint64_t tag = p ? (uint64_t)len + 1 : 0;
        x = mix(x ^ tag) * 0x100000001B3ULL;
        y = mix(y + tag) ^ (y >> 29);
        for (size_t i = 0; i < len; i += 8) {
            uint64_t w = 0;
            size_t k = len - i < 8 ? len - i : 8;
            memcpy(&w, p + i, k);
            x = mix(x ^ w) + 0x9E3779B97F4A7C15ULL;
            y = (y ^ mix(w + 0xD1B54A32D192ED03ULL)) * 0xff51afd7ed558ccdULL;
        }
    }
    *a = mix(x) | 1;
    *b = mix(y ^ (x >> 17));
}

/* The first slot to probe: from a's high bits, independent of the b kept in the slot. */
static size_t place(uint64_t a, size_t cap)
{
    return (size_t)(a >> 20) & (cap - 1);
}

static int grow(cs_row_set *set)
{
    size_t cap = set->cap ? set->cap * 2 : 1024;
    row_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return cs_error_set(CS_ENOMEM, "out of memory remembering the rows of a file");
    for (size_t i = 0; i < set->cap; i++) {
        row_slot s = set->slots[i];
        if (!s.a)
            continue;
        size_t j = place(s.a, cap);
        while (slots[j].a)
            j = (j + 1) & (cap - 1);
        slots[j] = s;
    }
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

void cs_row_set_hash(uint64_t hash[2], const char *const *values, size_t n)
{
    hash_row(&hash[0], &hash[1], values, n);
}

void cs_row_set_prefetch(const cs_row_set *set, const uint64_t hash[2])
{
    /* the slot as it will be probed; the table may grow before the add, then this misses */
    if (set->cap)
        __builtin_prefetch(&set->slots[place(hash[0], set->cap)]);
}

long cs_row_set_add_hashed(cs_row_set *set, const uint64_t hash[2], long line)
{
    if ((set->count + 1) * 4 > set->cap * 3 && grow(set))
        return CS_ENOMEM;
    uint64_t a = hash[0];
    uint32_t b32 = (uint32_t)hash[1];
    for (size_t i = place(a, set->cap);; i = (i + 1) & (set->cap - 1)) {
        row_slot *s = &set->slots[i];
        if (!s->a) {
            *s = (row_slot){ a, b32, line > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)line };
            set->count++;
            return 0;
        }
        if (s->a == a && s->b == b32)
            return (long)s->line;
    }
}

long cs_row_set_add(cs_row_set *set, const char *const *values, size_t n, long line)
{
    uint64_t hash[2];
    cs_row_set_hash(hash, values, n);
    return cs_row_set_add_hashed(set, hash, line);
}
