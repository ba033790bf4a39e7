/*
 * method_load.c: loading a method file (cs_method_load_string, cs_method_load_file): the top
 * level, its sources and blocks; indicators are read by method_indicators.c, fact definitions
 * by method_facts.c, and the whole is checked by method_check.c.
 */
#include "method/method_impl.h"

#include "clusterscope/error.h"
#include "util/buf.h"
#include "util/json_read.h"

#include <stdio.h>
#include <string.h>

static int parse_sources(cs_ml_loader *L, json_t *list)
{
    static const char *const members[] = { "key", "citation", "url", "note" };
    cs_method *m = L->m;
    cs_ml_push_key(L, "sources");
    int rc = 0;
    if (!json_is_array(list))
        rc = cs_ml_fail(L, list, "an array of sources");
    size_t n = rc ? 0 : json_array_size(list);
    m->sources = n ? cs_ml_alloc(&m->arena, n * sizeof *m->sources) : NULL;
    if (n && !m->sources)
        rc = cs_ml_oom();
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *s = json_array_get(list, i);
        cs_method_source *src = &m->sources[i];
        cs_ml_push_index(L, i);
        if (!json_is_object(s))
            rc = cs_ml_fail(L, s, "a source object with key and citation");
        if (!rc)
            rc = cs_ml_check_members(L, s, members, COUNT_OF(members), "a source");
        if (!rc)
            rc = cs_ml_get_string(L, s, "key", 1, NULL, &src->key);
        if (!rc)
            rc = cs_ml_get_string(L, s, "citation", 1, NULL, &src->citation);
        if (!rc)
            rc = cs_ml_get_string(L, s, "url", 0, "", &src->url);
        if (!rc)
            rc = cs_ml_get_string(L, s, "note", 0, "", &src->note);
        size_t first = 0;
        int dup = rc ? 0 : cs_ml_seen(L, CS_ML_NS_SOURCE, src->key, NULL, i, &first);
        if (dup > 0) {
            cs_ml_push_key(L, "key");
            dup = cs_ml_fail_msg(L, "duplicate source key \"%s\" (sources[%zu] has it too)",
                                 src->key, first);
            cs_ml_pop(L);
        }
        rc = rc ? rc : dup;
        cs_ml_pop(L);
    }
    cs_ml_pop(L);
    m->n_sources = rc ? 0 : n;
    return rc;
}

static int parse_blocks(cs_ml_loader *L, json_t *list)
{
    static const char *const members[] = { "id", "code", "label_en", "label_ru", "order" };
    cs_method *m = L->m;
    cs_ml_push_key(L, "blocks");
    int rc = 0;
    if (!json_is_array(list) || json_array_size(list) == 0)
        rc = cs_ml_fail(L, list, "a non-empty array of blocks");
    size_t n = rc ? 0 : json_array_size(list);
    m->blocks = n ? cs_ml_alloc(&m->arena, n * sizeof *m->blocks) : NULL;
    if (n && !m->blocks)
        rc = cs_ml_oom();
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *b = json_array_get(list, i);
        cs_method_block *blk = &m->blocks[i];
        cs_ml_push_index(L, i);
        long long order = 0;
        if (!json_is_object(b))
            rc = cs_ml_fail(L, b, "a block object");
        if (!rc)
            rc = cs_ml_check_members(L, b, members, COUNT_OF(members), "a block");
        if (!rc)
            rc = cs_ml_get_id(L, b, "id", &blk->id);
        if (!rc)
            rc = cs_ml_get_string(L, b, "code", 0, NULL, &blk->code);
        if (!rc && blk->code && (strlen(blk->code) > 16 || !*blk->code)) {
            cs_ml_push_key(L, "code");
            rc = cs_ml_fail(L, json_object_get(b, "code"), "a short code of 1 to 16 bytes");
            cs_ml_pop(L);
        }
        if (!rc)
            rc = cs_ml_get_labels(L, b, &blk->label_en, &blk->label_ru, 1);
        if (!rc)
            rc = cs_ml_get_int(L, b, "order", 0, (long long)i + 1, -1000000, 1000000,
                               "a whole number (blocks are sorted by it)", &order);
        blk->order = (int)order;
        size_t first = 0;
        int dup = rc ? 0 : cs_ml_seen(L, CS_ML_NS_BLOCK, blk->id, NULL, i, &first);
        if (dup > 0) {
            cs_ml_push_key(L, "id");
            dup = cs_ml_fail_msg(L, "duplicate block id \"%s\" (blocks[%zu] has it too)", blk->id,
                                 first);
            cs_ml_pop(L);
        }
        rc = rc ? rc : dup;
        cs_ml_pop(L);
    }
    cs_ml_pop(L);
    m->n_blocks = rc ? 0 : n;
    return rc;
}

static int parse_top(cs_ml_loader *L, json_t *root)
{
    static const char *const members[] = {
        "format",   "format_version", "id",          "version",
        "title_en", "title_ru",       "description", "assessment_year",
        "sources",  "blocks",         "indicators",  "fact_definitions",
        "analysis", "scope"
    };
    cs_method *m = L->m;
    if (!json_is_object(root))
        return cs_ml_fail(L, root, "a method object {\"format\": \"clusterscope-method\", ...}");
    json_t *format = json_object_get(root, "format");
    cs_ml_push_key(L, "format");
    int rc = 0;
    if (!json_is_string(format) || strcmp(json_string_value(format), "clusterscope-method") != 0)
        rc = cs_ml_fail(L, format, "\"clusterscope-method\"");
    cs_ml_pop(L);
    if (rc)
        return rc;
    rc = cs_ml_check_members(L, root, members, COUNT_OF(members), "a method");
    long long format_version = 1;
    if (!rc)
        rc = cs_ml_get_int(L, root, "format_version", 0, 1, 1, 1,
                           "1 (the only method-file format version this library reads)",
                           &format_version);
    if (!rc)
        rc = cs_ml_get_id(L, root, "id", &m->id);
    if (!rc) {
        json_t *v = json_object_get(root, "version");
        cs_ml_push_key(L, "version");
        if (json_is_integer(v)) {
            char text[32];
            snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
            m->version = cs_ml_strdup(&m->arena, text);
            if (!m->version)
                rc = cs_ml_oom();
        } else if (!json_is_string(v) || json_string_length(v) == 0 ||
                   json_string_length(v) > MAX_ID_LEN ||
                   strlen(json_string_value(v)) != json_string_length(v)) {
            rc = cs_ml_fail(L, v, "a version, such as 1 or \"2019.1\"");
        } else {
            m->version = cs_ml_strdup(&m->arena, json_string_value(v));
            if (!m->version)
                rc = cs_ml_oom();
        }
        cs_ml_pop(L);
    }
    if (!rc)
        rc = cs_ml_get_string(L, root, "title_en", 0, "", &m->title_en);
    if (!rc)
        rc = cs_ml_get_string(L, root, "title_ru", 0, "", &m->title_ru);
    if (!rc && !*m->title_en && !*m->title_ru) {
        cs_ml_push_key(L, "title_en");
        rc = cs_ml_fail(L, NULL, "a title (title_en, title_ru or both)");
        cs_ml_pop(L);
    }
    if (!rc)
        rc = cs_ml_get_string(L, root, "description", 0, "", &m->description);
    long long year = 0;
    if (!rc)
        rc = cs_ml_get_int(L, root, "assessment_year", 0, 0, 1000, 9999, "a year such as 2019",
                           &year);
    m->year = (int)year;
    if (rc)
        return rc;

    m->view = "items";
    m->unknown_policy = "pairwise";
    m->min_known = 1;
    json_t *analysis = json_object_get(root, "analysis");
    if (analysis) {
        static const char *const analysis_members[] = { "view", "unknown", "min_known" };
        cs_ml_push_key(L, "analysis");
        if (!json_is_object(analysis))
            rc = cs_ml_fail(L, analysis,
                            "an object {\"view\": ..., \"unknown\": ..., \"min_known\": ...}");
        if (!rc)
            rc = cs_ml_check_members(L, analysis, analysis_members, COUNT_OF(analysis_members),
                                     "analysis");
        if (!rc)
            rc = cs_ml_get_string(L, analysis, "view", 0, "items", &m->view);
        if (!rc && strcmp(m->view, "items") && strcmp(m->view, "indicators")) {
            cs_ml_push_key(L, "view");
            rc = cs_ml_fail(L, json_object_get(analysis, "view"), "\"items\" or \"indicators\"");
            cs_ml_pop(L);
        }
        if (!rc)
            rc = cs_ml_get_string(L, analysis, "unknown", 0, "pairwise", &m->unknown_policy);
        if (!rc && strcmp(m->unknown_policy, "pairwise") && strcmp(m->unknown_policy, "error") &&
            strcmp(m->unknown_policy, "as-zero")) {
            cs_ml_push_key(L, "unknown");
            rc = cs_ml_fail(L, json_object_get(analysis, "unknown"),
                            "\"pairwise\", \"error\" or \"as-zero\"");
            cs_ml_pop(L);
        }
        long long min_known = 1;
        if (!rc)
            rc = cs_ml_get_int(L, analysis, "min_known", 0, 1, 1, 1000000,
                               "a whole number of variables from 1 (a cluster with at least that "
                               "many known is analysed)",
                               &min_known);
        m->min_known = (int)min_known;
        cs_ml_pop(L);
        if (rc)
            return rc;
    }

    json_t *defs = json_object_get(root, "fact_definitions");
    if (defs && (rc = cs_ml_parse_fact_definitions(L, defs)))
        return rc;
    json_t *sources = json_object_get(root, "sources");
    if (sources && (rc = parse_sources(L, sources)))
        return rc;
    if ((rc = parse_blocks(L, json_object_get(root, "blocks"))))
        return rc;

    json_t *list = json_object_get(root, "indicators");
    cs_ml_push_key(L, "indicators");
    if (!json_is_array(list) || json_array_size(list) == 0) {
        rc = cs_ml_fail(L, list, "a non-empty array of indicators");
        cs_ml_pop(L);
        return rc;
    }
    size_t n = json_array_size(list);
    cs_ml_indicator *pinds = cs_ml_alloc(&m->arena, n * sizeof *pinds);
    if (!pinds) {
        cs_ml_pop(L);
        return cs_ml_oom();
    }
    for (size_t i = 0; i < n && !rc; i++) {
        cs_ml_push_index(L, i);
        pinds[i].json_index = i;
        rc = cs_ml_parse_indicator(L, json_array_get(list, i), &pinds[i]);
        size_t first = 0;
        int dup = rc ? 0 : cs_ml_seen(L, CS_ML_NS_INDICATOR, pinds[i].id, NULL, i, &first);
        if (dup > 0) {
            cs_ml_push_key(L, "id");
            dup = cs_ml_fail_msg(L, "duplicate indicator id \"%s\" (indicators[%zu] has it too)",
                                 pinds[i].id, first);
            cs_ml_pop(L);
        }
        rc = rc ? rc : dup;
        cs_ml_pop(L);
    }
    cs_ml_pop(L);
    if (rc)
        return rc;
    if ((rc = cs_ml_build(L, pinds, n)) ||
        (rc = cs_ml_check_analysis(L, json_object_get(root, "analysis"))))
        return rc;
    json_t *scope = json_object_get(root, "scope");
    return scope ? cs_ml_parse_scope(L, scope) : 0;
}

int cs_method_load_string(cs_method **out, const char *json, size_t len, const char *origin)
{
    *out = NULL;
    if (!origin)
        origin = "<method>";
    int rc = cs_ml_builtin_defs_load();
    if (rc)
        return rc;
    if (!json)
        return cs_error_set(CS_EUSAGE, "no method text given");
    if (len > CS_METHOD_MAX_BYTES) {
        char limit[32];
        cs_format_size(limit, sizeof limit, CS_METHOD_MAX_BYTES);
        return cs_error_set(CS_EDATA,
                            "%s: expected a method file of at most %s, found a larger one", origin,
                            limit);
    }
    /* a UTF-8 byte-order mark, as some Windows editors write, is not part of the JSON */
    if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0) {
        json += 3;
        len -= 3;
    }
    long line, column;
    if (cs_json_check_depth(json, len, CS_JSON_MAX_DEPTH, &line, &column))
        return cs_error_set(CS_EDATA,
                            "%s:%ld:%ld: expected arrays and objects nested at most %d deep, found "
                            "deeper nesting",
                            origin, line, column, CS_JSON_MAX_DEPTH);
    cs_ml_arena a = { NULL };
    cs_method *m = cs_ml_alloc(&a, sizeof *m);
    if (!m)
        return cs_ml_oom();
    m->arena = a;
    cs_ml_loader L = { .origin = origin, .text = json, .len = len, .m = m };
    m->origin = cs_ml_strdup(&m->arena, origin);
    if (!m->origin || cs_keymap_new(&L.names)) {
        cs_method_free(m);
        return cs_ml_oom();
    }
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        rc = cs_error_set(CS_EDATA, "%s:%d:%d: %s", origin, jerr.line, jerr.column, jerr.text);
    } else {
        rc = parse_top(&L, root);
        json_decref(root);
    }
    cs_keymap_free(L.names);
    cs_buf_free(&L.scratch);
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
    int rc = cs_buf_read_file(&b, path, CS_METHOD_MAX_BYTES, "a method file");
    if (!rc)
        rc = cs_method_load_string(out, b.data, b.len, path);
    cs_buf_free(&b);
    return rc;
}
