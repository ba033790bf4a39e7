/*
 * composite.c: composite indices of regions from a method file (regional.h): indicators
 * normalised min-max over the regions (reversed where less is better), weighted means into
 * sub-indices and of the sub-indices into the index, and the rank. The method file is JSON of
 * format "clusterscope-composite" (docs/regional.md); errors name file:line:column.
 */
#include "clusterscope/regional.h"

#include "clusterscope/error.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/json_read.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BYTES (4u << 20)
#define MAX_ITEMS 1000

typedef struct {
    char *id, *label_en, *label_ru;
    size_t sub;    /* indicators: the sub-index it belongs to */
    double weight; /* > 0 */
    int lower_better;
} item;

struct cs_composite {
    char *id, *title_en, *title_ru;
    item *ind, *sub;
    size_t ni, ns;
};

static void items_free(item *v, size_t n)
{
    for (size_t k = 0; v && k < n; k++) {
        free(v[k].id);
        free(v[k].label_en);
        free(v[k].label_ru);
    }
    free(v);
}

void cs_composite_free(cs_composite *m)
{
    if (!m)
        return;
    free(m->id);
    free(m->title_en);
    free(m->title_ru);
    items_free(m->ind, m->ni);
    items_free(m->sub, m->ns);
    free(m);
}

typedef struct {
    const char *origin, *text;
    size_t len;
} loader;

/* "ORIGIN:LINE:COLUMN: expected WANT, found FOUND" at top -> [index] -> member. */
static int bad(const loader *L, const char *top, long index, const char *member, const char *want,
               const char *found)
{
    long line = 1, col = 1; /* no path (a member missing): the document's start */
    if (top)
        cs_json_locate(L->text, L->len, top, index, member, &line, &col);
    return cs_error_data(L->origin, line, col, want, found);
}

static int dup_text(char **out, const json_t *v)
{
    *out = strdup(v && json_is_string(v) ? json_string_value(v) : "");
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

static int valid_id(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

/* One item (an indicator when subs is not NULL, else a sub-index) of array `top`. */
static int parse_item(const loader *L, item *it, const json_t *o, const char *top, long k,
                      const item *subs, size_t ns, const item *prev, size_t nprev)
{
    static const char *const ind_names[] = { "id",       "sub_index", "weight", "direction",
                                             "label_en", "label_ru",  "note",   "source" };
    static const char *const sub_names[] = {
        "id", "code", "weight", "label_en", "label_ru", "note"
    };
    const char *const *names = subs ? ind_names : sub_names;
    size_t nn = subs ? 8 : 6;
    if (!json_is_object(o))
        return bad(L, top, k, NULL, "an object", cs_json_type_name(o));
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v)
    {
        int known = key[0] == '_'; /* comments */
        for (size_t j = 0; j < nn && !known; j++)
            known = strcmp(key, names[j]) == 0;
        if (!known) {
            char want[200];
            snprintf(want, sizeof want, "one of the members %s",
                     subs ? "id, sub_index, weight, direction, label_en, label_ru, note, source"
                          : "id, code, weight, label_en, label_ru, note");
            return bad(L, top, k, key, want, key);
        }
    }
    const json_t *id = json_object_get(o, "id");
    if (!json_is_string(id) || !valid_id(json_string_value(id)))
        return bad(L, top, k, id ? "id" : NULL, "an id of lower-case letters, digits, '_' and '.'",
                   json_is_string(id) ? json_string_value(id)
                                      : (id ? cs_json_type_name(id) : "no id"));
    for (size_t j = 0; j < nprev; j++)
        if (strcmp(prev[j].id, json_string_value(id)) == 0)
            return bad(L, top, k, "id", "an id not used before", json_string_value(id));
    const json_t *w = json_object_get(o, "weight");
    it->weight = 1;
    if (w && !(json_is_number(w) && json_number_value(w) > 0 && isfinite(json_number_value(w)))) {
        char num[48];
        snprintf(num, sizeof num, "%g", json_is_number(w) ? json_number_value(w) : 0.0);
        return bad(L, top, k, "weight", "a weight above 0",
                   json_is_number(w) ? num : cs_json_type_name(w));
    }
    if (w)
        it->weight = json_number_value(w);
    if (subs) {
        const json_t *s = json_object_get(o, "sub_index");
        size_t j = ns;
        if (json_is_string(s))
            for (j = 0; j < ns && strcmp(subs[j].id, json_string_value(s)) != 0; j++)
                ;
        if (j == ns)
            return bad(L, top, k, s ? "sub_index" : NULL, "the id of a sub-index of the file",
                       json_is_string(s) ? json_string_value(s)
                                         : (s ? cs_json_type_name(s) : "no sub_index"));
        it->sub = j;
        const json_t *d = json_object_get(o, "direction");
        const char *ds = json_is_string(d) ? json_string_value(d) : NULL;
        if (d && (!ds || (strcmp(ds, "higher") != 0 && strcmp(ds, "lower") != 0)))
            return bad(L, top, k, "direction", "\"higher\" or \"lower\" (which is better)",
                       ds ? ds : cs_json_type_name(d));
        it->lower_better = ds && strcmp(ds, "lower") == 0;
    }
    int rc = dup_text(&it->id, id);
    rc = rc ? rc : dup_text(&it->label_en, json_object_get(o, "label_en"));
    rc = rc ? rc : dup_text(&it->label_ru, json_object_get(o, "label_ru"));
    return rc;
}

static int parse_array(const loader *L, item **out, size_t *n, const json_t *root, const char *top,
                       const item *subs, size_t ns)
{
    const json_t *a = json_object_get(root, top);
    if (!json_is_array(a) || json_array_size(a) == 0)
        return bad(L, a ? top : NULL, -1, NULL, "a non-empty array",
                   a ? cs_json_type_name(a) : top);
    size_t len = json_array_size(a);
    if (len > MAX_ITEMS)
        return bad(L, top, -1, NULL, "at most 1000 items", "more");
    *out = calloc(len, sizeof **out);
    if (!*out)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = 0;
    for (size_t k = 0; k < len && !rc; k++) {
        rc = parse_item(L, &(*out)[k], json_array_get(a, k), top, (long)k, subs, ns, *out, k);
        *n = k + 1;
    }
    return rc;
}

static int parse_top(const loader *L, cs_composite *m, const json_t *root)
{
    static const char *const names[] = {
        "format",      "format_version", "id",      "version",       "title_en",    "title_ru",
        "description", "notes",          "sources", "normalisation", "sub_indices", "indicators"
    };
    if (!json_is_object(root))
        return cs_error_data(L->origin, 1, 1, "a JSON object", cs_json_type_name(root));
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)root, key, v)
    {
        int known = key[0] == '_';
        for (size_t j = 0; j < sizeof names / sizeof *names && !known; j++)
            known = strcmp(key, names[j]) == 0;
        if (!known)
            return bad(L, key, -1, NULL,
                       "one of the members format, format_version, id, version, title_en, "
                       "title_ru, description, notes, sources, normalisation, sub_indices, "
                       "indicators",
                       key);
    }
    const json_t *f = json_object_get(root, "format");
    if (!json_is_string(f) || strcmp(json_string_value(f), "clusterscope-composite") != 0)
        return bad(L, f ? "format" : NULL, -1, NULL, "\"format\": \"clusterscope-composite\"",
                   json_is_string(f) ? json_string_value(f) : (f ? cs_json_type_name(f) : "none"));
    const json_t *fv = json_object_get(root, "format_version");
    if (!json_is_integer(fv) || json_integer_value(fv) != 1)
        return bad(L, fv ? "format_version" : NULL, -1, NULL, "\"format_version\": 1",
                   fv ? cs_json_type_name(fv) : "none");
    const json_t *id = json_object_get(root, "id");
    if (!json_is_string(id) || !*json_string_value(id))
        return bad(L, id ? "id" : NULL, -1, NULL, "an id (a string)",
                   id ? cs_json_type_name(id) : "none");
    const json_t *nm = json_object_get(root, "normalisation");
    if (nm && !(json_is_string(nm) && strcmp(json_string_value(nm), "min-max") == 0))
        return bad(L, "normalisation", -1, NULL, "\"min-max\"",
                   json_is_string(nm) ? json_string_value(nm) : cs_json_type_name(nm));
    int rc = dup_text(&m->id, id);
    rc = rc ? rc : dup_text(&m->title_en, json_object_get(root, "title_en"));
    rc = rc ? rc : dup_text(&m->title_ru, json_object_get(root, "title_ru"));
    rc = rc ? rc : parse_array(L, &m->sub, &m->ns, root, "sub_indices", NULL, 0);
    rc = rc ? rc : parse_array(L, &m->ind, &m->ni, root, "indicators", m->sub, m->ns);
    for (size_t s = 0; s < m->ns && !rc; s++) { /* a sub-index without indicators is an error */
        size_t k = 0;
        while (k < m->ni && m->ind[k].sub != s)
            k++;
        if (k == m->ni)
            rc = bad(L, "sub_indices", (long)s, "id", "a sub-index some indicator belongs to",
                     m->sub[s].id);
    }
    return rc;
}

int cs_composite_parse(cs_composite **out, const char *json, size_t len, const char *origin)
{
    *out = NULL;
    long line = 0, col = 0;
    if (cs_json_check_depth(json, len, CS_JSON_MAX_DEPTH, &line, &col))
        return cs_error_data(origin, line, col, "JSON nested at most 64 levels deep", "deeper");
    cs_composite *m = calloc(1, sizeof *m);
    if (!m)
        return cs_error_set(CS_ENOMEM, "out of memory");
    loader L = { origin, json, len };
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    int rc;
    if (!root) {
        rc = cs_error_set(CS_EDATA, "%s:%d:%d: %s", origin, jerr.line, jerr.column, jerr.text);
    } else {
        rc = parse_top(&L, m, root);
        json_decref(root);
    }
    if (rc) {
        cs_composite_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

int cs_composite_load_file(cs_composite **out, const char *path)
{
    *out = NULL;
    size_t plen = strlen(path);
    if (!strchr(path, '/') && !(plen > 5 && strcmp(path + plen - 5, ".json") == 0) && plen > 0 &&
        plen < 200 &&
        strspn(path, "abcdefghijklmnopqrstuvwxyz0123456789-_.") ==
            plen) { /* an id: the method shipped in methods/ */
        char name[256];
        snprintf(name, sizeof name, "methods/%s.json", path);
        const cs_embedded_file *f = cs_embedded_find(name);
        if (f)
            return cs_composite_parse(out, f->data, f->size, name);
    }
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_read_file(&b, path, MAX_BYTES, "a composite-index method file");
    rc = rc ? rc : cs_composite_parse(out, b.data ? b.data : "", b.len, path);
    cs_buf_free(&b);
    return rc;
}

const char *cs_composite_id(const cs_composite *m)
{
    return m->id;
}

size_t cs_composite_indicators(const cs_composite *m)
{
    return m->ni;
}

const char *cs_composite_indicator(const cs_composite *m, size_t i)
{
    return i < m->ni ? m->ind[i].id : NULL;
}

size_t cs_composite_sub_indices(const cs_composite *m)
{
    return m->ns;
}

const char *cs_composite_sub_index(const cs_composite *m, size_t s)
{
    return s < m->ns ? m->sub[s].id : NULL;
}

int cs_composite_compute(double *sub, double *index, double *rank, double *known,
                         const cs_composite *m, const double *x, size_t nr)
{
    size_t ni = m->ni, ns = m->ns;
    double *norm = malloc((nr * ni > 0 ? nr * ni : 1) * sizeof *norm);
    if (!norm)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu x %zu values", nr, ni);
    int rc = 0;
    for (size_t i = 0; i < ni && !rc; i++) {
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        size_t n = 0;
        for (size_t r = 0; r < nr; r++) {
            double v = x[r * ni + i];
            if (isnan(v))
                continue;
            n++;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        if (n > 0 && hi == lo) {
            rc = cs_error_set(CS_EDATA,
                              "expected indicator '%s' to vary over the regions for min-max "
                              "normalisation, found it constant (%g) over %zu regions",
                              m->ind[i].id, lo, n);
            break;
        }
        for (size_t r = 0; r < nr; r++) {
            double v = x[r * ni + i];
            norm[r * ni + i] = isnan(v)                 ? NAN
                               : m->ind[i].lower_better ? (hi - v) / (hi - lo)
                                                        : (v - lo) / (hi - lo);
        }
    }
    for (size_t r = 0; r < nr && !rc; r++) {
        double num = 0, den = 0, k = 0;
        for (size_t s = 0; s < ns; s++) {
            double sn = 0, sd = 0;
            for (size_t i = 0; i < ni; i++) {
                double v = norm[r * ni + i];
                if (m->ind[i].sub != s || isnan(v))
                    continue;
                sn += m->ind[i].weight * v;
                sd += m->ind[i].weight;
                k++;
            }
            /* weights renormalised over the known indicators; none known: unknown */
            double sv = sd > 0 ? sn / sd : NAN;
            sub[r * ns + s] = sv;
            if (!isnan(sv)) {
                num += m->sub[s].weight * sv;
                den += m->sub[s].weight;
            }
        }
        index[r] = den > 0 ? num / den : NAN;
        known[r] = k;
    }
    /* rank 1 = the highest index; ties share the better rank; unknown: no rank */
    for (size_t r = 0; r < nr && !rc; r++) {
        if (isnan(index[r])) {
            rank[r] = NAN;
            continue;
        }
        size_t above = 0;
        for (size_t q = 0; q < nr; q++)
            above += !isnan(index[q]) && index[q] > index[r];
        rank[r] = (double)(above + 1);
    }
    free(norm);
    return rc;
}
