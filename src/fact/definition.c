/*
 * definition.c: fact definitions: the one set of rules every reader applies (a definition file,
 * an import's records, a method's built-in list), their parser, and the built-in list that a new
 * registry starts with.
 */
#include "fact/definition.h"

#include "clusterscope/error.h"
#include "util/embedded.h"
#include "util/json_read.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cs_fact_definition_fields[CS_FACT_DEF_FIELDS] = {
    "name", "subject_kind", "type", "levels", "unit", "label_en", "label_ru", "description"
};

/* Non-empty, and every byte a lower-case ASCII letter, a digit or one of `extra`. */
static int valid_chars(const char *s, const char *extra)
{
    if (!*s)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr(extra, *p)))
            return 0;
    return 1;
}

int cs_fact_name_valid(const char *s)
{
    return strlen(s) <= 100 && valid_chars(s, "._");
}

int cs_fact_levels_valid(const char *s)
{
    return valid_chars(s, "_|-") && s[0] != '|' && s[strlen(s) - 1] != '|' && !strstr(s, "||");
}

int cs_fact_definition_check(int *field, char *expected, size_t cap,
                             const char *const fields[CS_FACT_DEF_FIELDS])
{
    cs_subject_kind kind;
    cs_fact_type type = CS_FACT_TEXT;
    for (int i = CS_FACT_DEF_NAME; i <= CS_FACT_DEF_LEVELS; i++) {
        const char *v = fields[i];
        *field = i;
        if (!v || !*v) {
            if (i == CS_FACT_DEF_LEVELS)
                continue;
            snprintf(expected, cap, "a value for required column '%s'",
                     cs_fact_definition_fields[i]);
            return CS_EDATA;
        }
        if (i == CS_FACT_DEF_NAME && !cs_fact_name_valid(v)) {
            snprintf(expected, cap, "a fact name (lower-case letters, digits, '_' and '.') in '%s'",
                     cs_fact_definition_fields[i]);
            return CS_EDATA;
        }
        if (i == CS_FACT_DEF_SUBJECT_KIND && cs_subject_kind_parse(&kind, v)) {
            snprintf(expected, cap, "one of cluster|country|region in '%s'",
                     cs_fact_definition_fields[i]);
            return CS_EDATA;
        }
        if (i == CS_FACT_DEF_TYPE && cs_fact_type_parse(&type, v)) {
            snprintf(expected, cap, "one of count|amount|rank|index|bool|level|text in '%s'",
                     cs_fact_definition_fields[i]);
            return CS_EDATA;
        }
        if (i == CS_FACT_DEF_LEVELS && !cs_fact_levels_valid(v)) {
            snprintf(expected, cap, "level names separated by '|', lowest first, in '%s'",
                     cs_fact_definition_fields[i]);
            return CS_EDATA;
        }
    }
    const char *levels = fields[CS_FACT_DEF_LEVELS];
    int has_levels = levels && *levels;
    *field = CS_FACT_DEF_LEVELS;
    if (type == CS_FACT_LEVEL && !has_levels) {
        snprintf(expected, cap,
                 "the levels of a 'level' fact, lowest first, e.g. none|bronze|silver|gold");
        return CS_EDATA;
    }
    if (type != CS_FACT_LEVEL && has_levels) {
        snprintf(expected, cap, "no levels for a fact that is not of type 'level'");
        return CS_EDATA;
    }
    return 0;
}

void cs_fact_definition_from_fields(cs_fact_definition *out,
                                    const char *const fields[CS_FACT_DEF_FIELDS])
{
    const char *f[CS_FACT_DEF_FIELDS];
    for (int i = 0; i < CS_FACT_DEF_FIELDS; i++)
        f[i] = fields[i] ? fields[i] : "";
    *out = (cs_fact_definition){ .name = f[CS_FACT_DEF_NAME],
                                 .levels = f[CS_FACT_DEF_LEVELS],
                                 .unit = f[CS_FACT_DEF_UNIT],
                                 .label_en = f[CS_FACT_DEF_LABEL_EN],
                                 .label_ru = f[CS_FACT_DEF_LABEL_RU],
                                 .description = f[CS_FACT_DEF_DESCRIPTION] };
    cs_subject_kind_parse(&out->subject_kind, f[CS_FACT_DEF_SUBJECT_KIND]);
    cs_fact_type_parse(&out->type, f[CS_FACT_DEF_TYPE]);
}

/* ---- lists ---- */

struct cs_fact_definitions {
    cs_fact_definition *items;
    size_t count, cap;
};

int cs_fact_definitions_new(cs_fact_definitions **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

static void free_strings(cs_fact_definition *d)
{
    free((char *)d->name);
    free((char *)d->levels);
    free((char *)d->unit);
    free((char *)d->label_en);
    free((char *)d->label_ru);
    free((char *)d->description);
}

int cs_fact_definitions_add(cs_fact_definitions *defs, const cs_fact_definition *def)
{
    if (defs->count == defs->cap) {
        size_t cap = defs->cap ? defs->cap * 2 : 64;
        cs_fact_definition *items = realloc(defs->items, cap * sizeof *items);
        if (!items)
            return cs_error_set(CS_ENOMEM, "out of memory");
        defs->items = items;
        defs->cap = cap;
    }
    cs_fact_definition d = *def;
    const char **strings[] = {
        &d.name, &d.levels, &d.unit, &d.label_en, &d.label_ru, &d.description
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        *strings[i] = strdup(*strings[i] ? *strings[i] : "");
        failed |= !*strings[i];
    }
    if (failed) {
        free_strings(&d);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    defs->items[defs->count++] = d;
    return 0;
}

size_t cs_fact_definitions_count(const cs_fact_definitions *defs)
{
    return defs->count;
}

const cs_fact_definition *cs_fact_definitions_at(const cs_fact_definitions *defs, size_t i)
{
    return i < defs->count ? &defs->items[i] : NULL;
}

const cs_fact_definition *cs_fact_definitions_find(const cs_fact_definitions *defs,
                                                   cs_subject_kind kind, const char *name)
{
    for (size_t i = 0; i < defs->count; i++)
        if (defs->items[i].subject_kind == kind && strcmp(defs->items[i].name, name) == 0)
            return &defs->items[i];
    return NULL;
}

void cs_fact_definitions_free(cs_fact_definitions *defs)
{
    if (!defs)
        return;
    for (size_t i = 0; i < defs->count; i++)
        free_strings(&defs->items[i]);
    free(defs->items);
    free(defs);
}

/* ---- the parser ---- */

typedef struct {
    const char *origin, *text;
    size_t len;
} where;

/* A data error at member `top`, its element `index` (-1: none) and `member` (NULL: none), or
 * as near to it as the text shows. */
static int fail_at(const where *w, const char *top, long index, const char *member,
                   const char *expected, const char *found)
{
    long line = 0, col = 0;
    if (cs_json_locate(w->text, w->len, top, index, member, &line, &col) && member)
        cs_json_locate(w->text, w->len, top, index, NULL, &line, &col);
    return cs_error_data(w->origin, line, col, expected, found);
}

static int check_document(const where *w, const json_t *doc)
{
    if (!json_is_object(doc))
        return cs_error_data(w->origin, 1, 1,
                             "a JSON object {\"format\": \"clusterscope-registry\", ...}",
                             cs_json_type_name(doc));
    const json_t *format = json_object_get(doc, "format");
    if (!format)
        return cs_error_data(w->origin, 1, 1, "a member \"format\": \"clusterscope-registry\"",
                             "none");
    if (!json_is_string(format) || strcmp(json_string_value(format), "clusterscope-registry") != 0)
        return fail_at(w, "format", -1, NULL, "\"format\": \"clusterscope-registry\"",
                       json_is_string(format) ? json_string_value(format)
                                              : cs_json_type_name(format));
    const json_t *version = json_object_get(doc, "version");
    if (version && (!json_is_integer(version) || json_integer_value(version) != 1))
        return fail_at(w, "version", -1, NULL, "\"version\": 1 (the only version so far)",
                       json_is_string(version) ? json_string_value(version)
                                               : cs_json_type_name(version));
    const json_t *list = json_object_get(doc, "fact_definitions");
    if (list && !json_is_array(list))
        return fail_at(w, "fact_definitions", -1, NULL, "an array of fact_definitions records",
                       cs_json_type_name(list));
    return 0;
}

/* Reads, checks and adds element i of the document's fact_definitions. */
static int parse_one(cs_fact_definitions *defs, const where *w, const json_t *element, size_t i)
{
    if (!json_is_object(element))
        return fail_at(w, "fact_definitions", (long)i, NULL,
                       "a fact_definitions record (a JSON object)", cs_json_type_name(element));
    const char *fields[CS_FACT_DEF_FIELDS], *bad = NULL;
    char numbers[CS_FACT_DEF_FIELDS][48], expected[256];
    int rc = cs_json_read_fields(fields, numbers, element, cs_fact_definition_fields,
                                 CS_FACT_DEF_FIELDS, &bad);
    if (rc == -1) {
        int n = snprintf(expected, sizeof expected, "a member of fact_definitions records (");
        for (int k = 0; k < CS_FACT_DEF_FIELDS; k++)
            n += snprintf(expected + n, sizeof expected - (size_t)n, "%s%s", k ? ", " : "",
                          cs_fact_definition_fields[k]);
        snprintf(expected + n, sizeof expected - (size_t)n, ")");
        return fail_at(w, "fact_definitions", (long)i, bad, expected, bad);
    }
    if (rc == -2)
        return fail_at(w, "fact_definitions", (long)i, bad, "a string, number, true, false or null",
                       cs_json_type_name(json_object_get(element, bad)));
    int field = 0;
    if (cs_fact_definition_check(&field, expected, sizeof expected, fields))
        return fail_at(w, "fact_definitions", (long)i, cs_fact_definition_fields[field], expected,
                       fields[field] ? fields[field] : "");
    cs_fact_definition def;
    cs_fact_definition_from_fields(&def, fields);
    for (size_t j = 0; j < defs->count; j++)
        if (defs->items[j].subject_kind == def.subject_kind &&
            strcmp(defs->items[j].name, def.name) == 0) {
            snprintf(expected, sizeof expected,
                     "a fact definition key not used before in this document (first at record "
                     "%zu)",
                     j + 1);
            return fail_at(w, "fact_definitions", (long)i, "name", expected, def.name);
        }
    return cs_fact_definitions_add(defs, &def);
}

int cs_fact_definitions_parse(cs_fact_definitions **out, const char *json, size_t len,
                              const char *origin)
{
    *out = NULL;
    /* a UTF-8 byte-order mark, as some Windows editors write, is not part of the JSON */
    if (json && len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0) {
        json += 3;
        len -= 3;
    }
    where w = { origin ? origin : "<fact definitions>", json, len };
    json_error_t err;
    json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
    if (!doc)
        return cs_error_set(CS_EDATA, "%s:%d:%d: expected valid JSON, found an error: %s", w.origin,
                            err.line, err.column, err.text);
    cs_fact_definitions *defs = NULL;
    int rc = check_document(&w, doc);
    rc = rc ? rc : cs_fact_definitions_new(&defs);
    size_t i;
    json_t *element;
    json_array_foreach(json_object_get(doc, "fact_definitions"), i, element)
    {
        if (rc || (rc = parse_one(defs, &w, element, i)))
            break;
    }
    json_decref(doc);
    if (rc) {
        cs_fact_definitions_free(defs);
        return rc;
    }
    *out = defs;
    return 0;
}

/* ---- the built-in definitions ---- */

/* Parsed once and kept for the life of the process, or the message of why they could not be. */
static cs_fact_definitions *builtin;
static char builtin_error[1024];
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void load_builtin(void)
{
    static const char path[] = "src/store/fact_definitions.json";
    const cs_embedded_file *f = cs_embedded_find(path);
    if (!f) {
        snprintf(builtin_error, sizeof builtin_error, "%s is not built into the library", path);
        return;
    }
    if (cs_fact_definitions_parse(&builtin, f->data, f->size, path))
        snprintf(builtin_error, sizeof builtin_error, "%s", cs_error_last());
}

int cs_fact_definitions_builtin(const cs_fact_definitions **out)
{
    pthread_once(&builtin_once, load_builtin);
    *out = builtin;
    return builtin ? 0 : cs_error_set(CS_ERROR, "%s", builtin_error);
}
