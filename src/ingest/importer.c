/*
 * importer.c: the checks of an import. Every record is checked (its values by their column
 * types, its references, its key against the records before it, a fact's value against its
 * definition) before the store's writer sees it, so every error names the file, line and column.
 *
 * Invariants:
 *  - values are compared and written in their canonical text (cs_record_check_value), so two
 *    spellings of one key ("2019", "02019", "+2019") are one key;
 *  - every value is checked against the records in force when the transaction commits: facts
 *    against the definitions this import brings, and where this import changes a stored record
 *    that others depend on (a definition's type or levels, a region's country), those others are
 *    checked again once their own kind is written (end_kind), stored ones included.
 */
#include "ingest/importer.h"

#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "fact/definition.h"
#include "ingest/import_development.h"
#include "ingest/import_news.h"
#include "util/buf.h"
#include "util/keymap.h"
#include "util/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a record that changed a stored one stood, for an error found when a later kind ends. */
typedef struct {
    char *file;
    long line, col;
    char *found; /* the changed value as written */
} position;

/* A stored definition whose type or levels this import changes. */
typedef struct {
    size_t def; /* index into defs: the definition as this import leaves it */
    position at;
} changed_definition;

/* A stored region whose country this import changes. */
typedef struct {
    char *key;
    char country[3];
    position at;
} changed_region;

/* A region or industry of this import with a parent: checked once its kind ends, as a parent
 * may come later in the same file. */
typedef struct {
    char *scope; /* the region's country, or the industry's classification */
    char *key, *parent;
    position at; /* the parent column */
} pending_parent;

/* One note per (file, kind, column) of values read in a regional form. */
typedef struct {
    const char *file;
    const cs_kind_spec *spec;
    int column;
    int slot;        /* index into stats->notes, or -1 when not kept */
    long long count; /* values of that column so read */
} note_source;

struct cs_importer {
    cs_store_writer *writer;
    cs_import_stats *stats;
    /* the definitions facts are read by: as stored, then those this import brings */
    cs_fact_definitions *defs;
    /* (subject kind, name) -> index into defs of the definition in force; value.line != 0 marks
     * a definition written by this import */
    cs_keymap *def_keys;
    changed_definition *changed_defs;
    size_t n_changed_defs;
    changed_region *changed_regions;
    size_t n_changed_regions;
    pending_parent *parents; /* of the kind being written (regions, then industries) */
    size_t n_parents;
    note_source *notes;
    size_t n_notes;
    /* (classification, industry, scheme) of this import -> index into files + 1 of the file
     * that mapped it first, so that a mapping given again in another file names that file */
    cs_keymap *mapped;
    char **files;
    size_t n_files;
    cs_dev_checks *dev;                  /* the development kinds' checks */
    cs_news_checks *news;                /* the news kinds' checks */
    unsigned char brings[CS_KIND_COUNT]; /* kinds the import's inputs hold */
    int (*observe)(void *, const char *, const char *const *, const char *const *, size_t,
                   const char *, long);
    void *observe_ctx;
};

void cs_importer_observe(cs_importer *imp,
                         int (*fn)(void *, const char *, const char *const *, const char *const *,
                                   size_t, const char *, long),
                         void *ctx)
{
    imp->observe = fn;
    imp->observe_ctx = ctx;
}

/* Tells the observer a checked record: its values as they will be stored, and its first line. */
static int tell_observer(cs_importer *imp, const cs_record *rec)
{
    const cs_kind_spec *spec = rec->spec;
    const char *names[CS_RECORD_MAX_COLUMNS];
    for (size_t c = 0; c < spec->n_columns; c++)
        names[c] = spec->columns[c].name;
    long line = rec->line, col = 0;
    if (rec->locate)
        rec->locate(rec, -1, &line, &col);
    return imp->observe(imp->observe_ctx, spec->name, names, rec->values, spec->n_columns,
                        rec->file, line);
}

static const char *value(const cs_record *rec, int i)
{
    const char *v = rec->values[i];
    return v && *v ? v : NULL;
}

static int definition_key(char *buf, size_t cap, const char *kind, const char *name)
{
    return snprintf(buf, cap, "%s\x1f%s", kind, name) < (int)cap ? 0 : -1;
}

static int load_definitions(cs_importer *imp)
{
    int rc = cs_keymap_new(&imp->def_keys);
    rc = rc ? rc : cs_store_writer_definitions(&imp->defs, imp->writer);
    for (size_t i = 0; !rc && i < cs_fact_definitions_count(imp->defs); i++) {
        const cs_fact_definition *d = cs_fact_definitions_at(imp->defs, i);
        char key[256];
        if (definition_key(key, sizeof key, cs_subject_kind_name(d->subject_kind), d->name))
            continue;
        cs_keymap_value *slot = cs_keymap_put(imp->def_keys, key, strlen(key));
        if (!slot)
            return CS_ENOMEM;
        slot->id = (int64_t)i;
    }
    return rc;
}

static void position_free(position *p)
{
    free(p->file);
    free(p->found);
}

static void free_parents(cs_importer *imp)
{
    for (size_t i = 0; i < imp->n_parents; i++) {
        free(imp->parents[i].scope);
        free(imp->parents[i].key);
        free(imp->parents[i].parent);
        position_free(&imp->parents[i].at);
    }
    free(imp->parents);
    imp->parents = NULL;
    imp->n_parents = 0;
}

static void importer_free(cs_importer *imp)
{
    cs_keymap_free(imp->def_keys);
    cs_fact_definitions_free(imp->defs);
    for (size_t i = 0; i < imp->n_changed_defs; i++)
        position_free(&imp->changed_defs[i].at);
    free(imp->changed_defs);
    for (size_t i = 0; i < imp->n_changed_regions; i++) {
        free(imp->changed_regions[i].key);
        position_free(&imp->changed_regions[i].at);
    }
    free(imp->changed_regions);
    free_parents(imp);
    free(imp->notes);
    cs_keymap_free(imp->mapped);
    for (size_t i = 0; i < imp->n_files; i++)
        free(imp->files[i]);
    free(imp->files);
    cs_dev_checks_free(imp->dev);
    cs_news_checks_free(imp->news);
    free(imp);
}

/* Keeps where column `column` of the record stands, and its value, for a later error. */
static int keep_position(position *p, const cs_record *rec, int column)
{
    p->line = rec->line;
    p->col = 0;
    if (rec->locate)
        rec->locate(rec, column, &p->line, &p->col);
    p->file = strdup(rec->file ? rec->file : "<input>");
    p->found = strdup(rec->values[column] ? rec->values[column] : "");
    return p->file && p->found ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

static int grow(void **items, size_t n, size_t size)
{
    /* one more slot, in steps of powers of two */
    if (n & (n - 1))
        return 0;
    void *more = realloc(*items, (n ? 2 * n : 1) * size);
    if (!more)
        return cs_error_set(CS_ENOMEM, "out of memory");
    *items = more;
    return 0;
}

/* Notes that a value of the record was read in a regional form, as `read`. */
static int note(cs_importer *imp, const cs_record *rec, int column, const char *read)
{
    note_source *n = NULL;
    for (size_t i = 0; i < imp->n_notes && !n; i++)
        if (imp->notes[i].file == rec->file && imp->notes[i].spec == rec->spec &&
            imp->notes[i].column == column)
            n = &imp->notes[i];
    if (n) {
        n->count++;
        return 0;
    }
    if (grow((void **)&imp->notes, imp->n_notes, sizeof *imp->notes))
        return CS_ENOMEM;
    n = &imp->notes[imp->n_notes++];
    *n = (note_source){ rec->file, rec->spec, column, -1, 1 };
    cs_import_stats *st = imp->stats;
    if (st->n_notes < CS_IMPORT_NOTES) {
        long line = rec->line, col = 0;
        if (rec->locate)
            rec->locate(rec, column, &line, &col);
        n->slot = st->n_notes;
        snprintf(st->notes[n->slot], sizeof st->notes[n->slot], "%s:%ld:%ld: read \"%s\" as %s",
                 rec->file ? rec->file : "<input>", line, col, rec->values[column], read);
    }
    st->n_notes++;
    return 0;
}

/* Completes the notes with how many more values each column had. */
static void finish_notes(cs_importer *imp)
{
    for (size_t i = 0; i < imp->n_notes; i++) {
        const note_source *n = &imp->notes[i];
        if (n->slot < 0 || n->count < 2)
            continue;
        char *text = imp->stats->notes[n->slot];
        size_t len = strlen(text);
        snprintf(text + len, CS_IMPORT_NOTE_BYTES - len, " (and %lld more value%s of this column)",
                 n->count - 1, n->count > 2 ? "s" : "");
    }
}

int cs_importer_begin(cs_importer **out, cs_store *store, cs_import_stats *stats)
{
    *out = NULL;
    cs_importer *imp = calloc(1, sizeof *imp);
    if (!imp)
        return cs_error_set(CS_ENOMEM, "out of memory");
    imp->stats = stats;
    int rc = cs_dev_checks_new(&imp->dev);
    rc = rc ? rc : cs_news_checks_new(&imp->news);
    rc = rc ? rc : cs_store_writer_begin(&imp->writer, store);
    if (rc) {
        importer_free(imp);
        return rc;
    }
    if ((rc = load_definitions(imp))) {
        cs_importer_end(imp, 0);
        return rc;
    }
    *out = imp;
    return 0;
}

cs_store_writer *cs_importer_writer(cs_importer *imp)
{
    return imp->writer;
}

void cs_importer_expect(cs_importer *imp, cs_record_kind kind)
{
    if ((unsigned)kind < CS_KIND_COUNT)
        imp->brings[kind] = 1;
}

static const char *const singular[CS_KIND_COUNT] = { "fact definition",
                                                     "source",
                                                     "country",
                                                     "region",
                                                     "cluster",
                                                     "organisation",
                                                     "membership",
                                                     "fact",
                                                     "reference set",
                                                     "reference type",
                                                     "reference trait",
                                                     "reference assignment",
                                                     "target model",
                                                     "success factor",
                                                     "case",
                                                     "assessment run",
                                                     "assessment score",
                                                     "partition",
                                                     "partition group",
                                                     "partition member",
                                                     NULL,
                                                     "classification",
                                                     "industry",
                                                     "concordance",
                                                     "statistic",
                                                     "programme",
                                                     "programme round",
                                                     "round share",
                                                     "application",
                                                     "listing",
                                                     "target",
                                                     "chain stage",
                                                     "project",
                                                     "project member",
                                                     "project stage",
                                                     "link",
                                                     "news item",
                                                     "news Q&A",
                                                     "news link",
                                                     "digest issue",
                                                     "digest text",
                                                     "digest entry" };
_Static_assert(sizeof singular / sizeof singular[0] == CS_KIND_COUNT, "one name per kind");

static int missing_reference(const cs_record *rec, int column, cs_record_kind target)
{
    char expected[200];
    snprintf(expected, sizeof expected,
             "the key of a known %s (import it first or in the same import)", singular[target]);
    return cs_record_error(rec, column, expected, rec->values[column]);
}

static int check_references(cs_importer *imp, const cs_record *rec)
{
    const cs_kind_spec *spec = rec->spec;
    for (size_t i = 0; i < spec->n_columns; i++) {
        int target = spec->columns[i].reference;
        const char *v = value(rec, (int)i);
        if (target < 0 || !v)
            continue;
        int found = cs_store_writer_has(imp->writer, (cs_record_kind)target, v);
        if (found < 0)
            return found;
        if (!found)
            return missing_reference(rec, (int)i, (cs_record_kind)target);
    }
    return 0;
}

static int check_fact(cs_importer *imp, const cs_record *rec)
{
    const char *kind = rec->values[0], *subject = rec->values[1], *name = rec->values[2];
    cs_record_kind subject_kind = strcmp(kind, "cluster") == 0   ? CS_KIND_CLUSTERS
                                  : strcmp(kind, "country") == 0 ? CS_KIND_COUNTRIES
                                                                 : CS_KIND_REGIONS;
    int found = cs_store_writer_has(imp->writer, subject_kind, subject);
    if (found <= 0)
        return found < 0 ? found : missing_reference(rec, 1, subject_kind);
    char defkey[256];
    cs_keymap_value *def = definition_key(defkey, sizeof defkey, kind, name)
                               ? NULL
                               : cs_keymap_get(imp->def_keys, defkey, strlen(defkey));
    if (!def) {
        char expected[200];
        snprintf(expected, sizeof expected,
                 "a fact defined for a %s (a built-in definition or an imported one)", kind);
        return cs_record_error(rec, 2, expected, name);
    }
    const cs_fact_definition *d = cs_fact_definitions_at(imp->defs, (size_t)def->id);
    const char *v = value(rec, 4);
    if (v) {
        cs_value parsed;
        if (cs_value_parse(&parsed, v, d->type, d->levels)) {
            char expected[300];
            snprintf(expected, sizeof expected, "%s for fact '%s' (%s)", cs_error_last(), name,
                     cs_fact_type_name(d->type));
            /* cs_value_parse says "expected X"; keep only X */
            const char *what = strncmp(expected, "expected ", 9) == 0 ? expected + 9 : expected;
            return cs_record_error(rec, 4, what, v);
        }
        if (!value(rec, 5))
            return cs_record_error(rec, 5,
                                   "a status (stated, derived or estimated) for a known value", "");
        /* a decimal comma, or a Russian yes or no: say how it was read */
        int regional = parsed.kind == CS_VALUE_NUMBER ? strchr(v, ',') != NULL
                       : parsed.kind == CS_VALUE_BOOL ? (unsigned char)*v >= 0x80
                                                      : 0;
        char read[64];
        cs_value_format(read, sizeof read, &parsed);
        if (regional && note(imp, rec, 4, read))
            return CS_ENOMEM;
    }
    return 0;
}

/* A target names a fact defined for clusters, with a value its definition reads, due no earlier
 * than the year it is measured from. */
static int check_target(cs_importer *imp, const cs_record *rec)
{
    const char *name = rec->values[1], *v = rec->values[3];
    char defkey[256];
    cs_keymap_value *def = definition_key(defkey, sizeof defkey, "cluster", name)
                               ? NULL
                               : cs_keymap_get(imp->def_keys, defkey, strlen(defkey));
    if (!def)
        return cs_record_error(
            rec, 1, "a fact defined for a cluster (a built-in definition or an imported one)",
            name);
    const cs_fact_definition *d = cs_fact_definitions_at(imp->defs, (size_t)def->id);
    cs_value parsed;
    if (cs_value_parse(&parsed, v, d->type, d->levels)) {
        char expected[300];
        snprintf(expected, sizeof expected, "%s for fact '%s' (%s)", cs_error_last(), name,
                 cs_fact_type_name(d->type));
        const char *what = strncmp(expected, "expected ", 9) == 0 ? expected + 9 : expected;
        return cs_record_error(rec, 3, what, v);
    }
    const char *year = value(rec, 2), *baseline = value(rec, 4);
    if (year && baseline && atoi(baseline) > atoi(year)) {
        char expected[200];
        snprintf(expected, sizeof expected, "a baseline_year not after the target's year %s", year);
        return cs_record_error(rec, 4, expected, baseline);
    }
    return 0;
}

/* The region of a cluster lies in the cluster's country. */
static int check_cluster_region(cs_importer *imp, const cs_record *rec)
{
    const char *region = value(rec, 4), *country = rec->values[3];
    if (!region)
        return 0;
    char region_country[3] = "";
    int found = cs_store_writer_region_country(region_country, imp->writer, region);
    if (found <= 0)
        return found < 0 ? found : missing_reference(rec, 4, CS_KIND_REGIONS);
    if (strcmp(region_country, country) == 0)
        return 0;
    char expected[200];
    snprintf(expected, sizeof expected, "a region of the cluster's country %s (region %s is in %s)",
             country, region, region_country);
    return cs_record_error(rec, 4, expected, region);
}

/* A stored region whose country this record changes: its clusters are checked again when the
 * clusters of the import are written. */
static int note_region_change(cs_importer *imp, const cs_record *rec)
{
    char stored[3] = "";
    int found = cs_store_writer_region_country(stored, imp->writer, rec->values[0]);
    if (found <= 0 || strcmp(stored, rec->values[1]) == 0)
        return found < 0 ? found : 0;
    if (grow((void **)&imp->changed_regions, imp->n_changed_regions, sizeof *imp->changed_regions))
        return CS_ENOMEM;
    changed_region *c = &imp->changed_regions[imp->n_changed_regions];
    memset(c, 0, sizeof *c);
    imp->n_changed_regions++;
    snprintf(c->country, sizeof c->country, "%s", rec->values[1]);
    if (!(c->key = strdup(rec->values[0])))
        return cs_error_set(CS_ENOMEM, "out of memory");
    return keep_position(&c->at, rec, 1);
}

/* Every cluster of a region whose country changed lies in its new country. */
static int check_changed_regions(cs_importer *imp)
{
    for (size_t i = 0; i < imp->n_changed_regions; i++) {
        const changed_region *c = &imp->changed_regions[i];
        char cluster[256], country[3] = "";
        int found = cs_store_writer_cluster_outside(cluster, sizeof cluster, country, imp->writer,
                                                    c->key, c->country);
        if (found <= 0) {
            if (found < 0)
                return found;
            continue;
        }
        char expected[600];
        snprintf(expected, sizeof expected,
                 "the country of the clusters in region %s, as this import leaves them "
                 "(cluster %s is in %s)",
                 c->key, cluster, country);
        return cs_error_data(c->at.file, c->at.line, c->at.col, expected, c->at.found);
    }
    return 0;
}

/* A definition's fields by the rules every reader of definitions applies (fact/definition.h). */
static int check_definition_fields(const cs_record *rec)
{
    int field = 0;
    char expected[256];
    if (!cs_fact_definition_check(&field, expected, sizeof expected, rec->values))
        return 0;
    return cs_record_error(rec, field, expected, rec->values[field] ? rec->values[field] : "");
}

/*
 * Keeps a definition this import writes, for the facts after it: the definition in force when
 * the import commits. Where it changes the type or levels of a stored definition, the facts
 * stored under it are checked again once the facts of the import are written.
 */
static int note_definition(cs_importer *imp, const cs_record *rec)
{
    char defkey[256];
    if (definition_key(defkey, sizeof defkey, rec->values[1], rec->values[0]))
        return 0;
    cs_fact_definition d;
    cs_fact_definition_from_fields(&d, rec->values);
    cs_keymap_value *slot = cs_keymap_get(imp->def_keys, defkey, strlen(defkey));
    const cs_fact_definition *stored =
        slot ? cs_fact_definitions_at(imp->defs, (size_t)slot->id) : NULL;
    /* `stored` lives in the list, which the add below may move */
    int type_changed = stored && stored->type != d.type;
    int changed = type_changed || (stored && strcmp(stored->levels, d.levels) != 0);
    int rc = cs_fact_definitions_add(imp->defs, &d);
    if (rc)
        return rc;
    if (!slot && !(slot = cs_keymap_put(imp->def_keys, defkey, strlen(defkey))))
        return CS_ENOMEM;
    slot->id = (int64_t)cs_fact_definitions_count(imp->defs) - 1;
    slot->line = rec->line > 0 ? rec->line : (long)rec->index + 1;
    if (!changed)
        return 0;
    if (grow((void **)&imp->changed_defs, imp->n_changed_defs, sizeof *imp->changed_defs))
        return CS_ENOMEM;
    changed_definition *c = &imp->changed_defs[imp->n_changed_defs];
    memset(c, 0, sizeof *c);
    imp->n_changed_defs++;
    c->def = (size_t)slot->id;
    return keep_position(&c->at, rec, type_changed ? CS_FACT_DEF_TYPE : CS_FACT_DEF_LEVELS);
}

typedef struct {
    const cs_fact_definition *def;
    char misfit[700]; /* the first fact that does not fit, and why */
} refit;

static int refit_fact(void *ctx, const char *subject, int year, const char *value)
{
    refit *r = ctx;
    cs_value parsed;
    if (!cs_value_parse(&parsed, value, r->def->type, r->def->levels))
        return 0;
    const char *why = cs_error_last();
    why = strncmp(why, "expected ", 9) == 0 ? why + 9 : why;
    char when[32];
    snprintf(when, sizeof when, year ? "%d" : "undated", year);
    snprintf(r->misfit, sizeof r->misfit, "%s %s, %s: \"%s\" is not %s",
             cs_subject_kind_name(r->def->subject_kind), subject, when, value, why);
    return 1;
}

/* Every fact of a definition whose type or levels changed reads under the new one. */
static int check_changed_definitions(cs_importer *imp)
{
    for (size_t i = 0; i < imp->n_changed_defs; i++) {
        const changed_definition *c = &imp->changed_defs[i];
        refit r = { cs_fact_definitions_at(imp->defs, c->def), "" };
        int rc = cs_store_writer_each_fact(imp->writer, cs_subject_kind_name(r.def->subject_kind),
                                           r.def->name, refit_fact, &r);
        if (rc < 0)
            return rc;
        if (!rc)
            continue;
        char expected[1000];
        snprintf(expected, sizeof expected,
                 "a type and levels under which every fact '%s' reads, as this import leaves the "
                 "facts (%s)",
                 r.def->name, r.misfit);
        return cs_error_data(c->at.file, c->at.line, c->at.col, expected, c->at.found);
    }
    return 0;
}

/* Whether reference set `set` has a type `number`: 1, 0 or an error code. */
static int has_type(cs_importer *imp, const char *set, const char *number)
{
    char key[512];
    if (snprintf(key, sizeof key, "%s" CS_RECORD_KEY_SEP "%s", set, number) >= (int)sizeof key)
        return 0;
    return cs_store_writer_has(imp->writer, CS_KIND_REFERENCE_TYPES, key);
}

/* What a record of the stored typology must hold beyond its columns' types and references:
 * the rules of the schema's CHECK constraints, and references of two columns. */
/* A statistic counts or sums something (employment, wages...): the regional measures divide by
 * its totals, so a negative value would give shares outside 0..1. */
static int check_statistic(const cs_record *rec)
{
    double v = 0;
    cs_number_read(&v, rec->values[5], strlen(rec->values[5]), 0); /* canonical, checked before */
    if (v < 0)
        return cs_record_error(rec, 5, "a value of at least 0", rec->values[5]);
    return 0;
}

static int check_typology(cs_importer *imp, const cs_record *rec)
{
    int found;
    double lo = 0, hi = 0;
    char expected[256];
    switch (rec->spec->kind) {
    case CS_KIND_REFERENCE_TRAITS:
        if ((found = has_type(imp, rec->values[0], rec->values[1])) <= 0)
            return found < 0 ? found : missing_reference(rec, 1, CS_KIND_REFERENCE_TYPES);
        if (!value(rec, 3) == !value(rec, 4))
            return cs_record_error(rec, 3, "either an item or countries, not both",
                                   value(rec, 3) ? rec->values[3] : "");
        /* canonical numbers, checked before */
        cs_number_read(&lo, rec->values[5], strlen(rec->values[5]), 0);
        cs_number_read(&hi, rec->values[6], strlen(rec->values[6]), 0);
        if (lo > hi)
            return cs_record_error(rec, 6, "a share_max of at least share_min", rec->values[6]);
        return 0;
    case CS_KIND_REFERENCE_ASSIGNMENTS:
        if (!value(rec, 2) != (strcmp(rec->values[3], "not_assigned") == 0))
            return cs_record_error(rec, 3, "not_assigned exactly when type_number is empty",
                                   rec->values[3]);
        if (value(rec, 2) && (found = has_type(imp, rec->values[0], rec->values[2])) <= 0)
            return found < 0 ? found : missing_reference(rec, 2, CS_KIND_REFERENCE_TYPES);
        return 0;
    case CS_KIND_PARTITION_MEMBERS:
        if (!value(rec, 2) == !value(rec, 4)) {
            snprintf(expected, sizeof expected, "either a group_number or a left_out reason");
            return cs_record_error(rec, 2, expected, value(rec, 2) ? rec->values[2] : "");
        }
        return 0;
    default:
        return 0;
    }
}

/* ---- classifications and hierarchies (migration 0011) ---- */

/* Column numbers, as in record.c. */
enum { REGION_COUNTRY = 1, REGION_PARENT = 4, REGION_CODE = 6 };
enum { INDUSTRY_CLASSIFICATION = 0, INDUSTRY_CODE = 1, INDUSTRY_PARENT = 4, INDUSTRY_TYPE = 5 };
enum { CONCORDANCE_INDUSTRY = 1, CONCORDANCE_SCHEME = 2, CONCORDANCE_CATEGORY = 3 };
enum { STATISTIC_CLASSIFICATION = 1, STATISTIC_INDUSTRY = 2 };

/* Whether code `code` of classification `classification` is known: 1, 0 or an error code. */
static int has_industry(cs_importer *imp, const char *classification, const char *code)
{
    char key[1024];
    if (snprintf(key, sizeof key, "%s" CS_RECORD_KEY_SEP "%s", classification, code) >=
        (int)sizeof key)
        return 0;
    return cs_store_writer_has(imp->writer, CS_KIND_INDUSTRIES, key);
}

/* "expected an industry of classification C, found X" at the record's column. */
static int unknown_industry(const cs_record *rec, int column, const char *what,
                            const char *classification)
{
    char expected[400];
    snprintf(expected, sizeof expected, "%s of classification %s", what, classification);
    return cs_record_error(rec, column, expected, rec->values[column]);
}

/* A region's code names one region: maps and statistics agencies join on it. */
static int check_region_code(cs_importer *imp, const cs_record *rec)
{
    const char *code = value(rec, REGION_CODE);
    if (!code)
        return 0;
    char other[256] = "";
    int found = cs_store_writer_region_with_code(other, sizeof other, imp->writer, code);
    if (found <= 0 || strcmp(other, rec->values[0]) == 0)
        return found < 0 ? found : 0;
    char expected[400];
    snprintf(expected, sizeof expected, "a code no other region has (region %s has it)", other);
    return cs_record_error(rec, REGION_CODE, expected, code);
}

/* Keeps a record's parent for the check at the end of its kind. */
static int keep_parent(cs_importer *imp, const cs_record *rec, int scope_column, int key_column,
                       int parent_column)
{
    const char *parent = value(rec, parent_column);
    if (!parent)
        return 0;
    if (grow((void **)&imp->parents, imp->n_parents, sizeof *imp->parents))
        return CS_ENOMEM;
    pending_parent *p = &imp->parents[imp->n_parents];
    memset(p, 0, sizeof *p);
    imp->n_parents++;
    p->scope = strdup(rec->values[scope_column]);
    p->key = strdup(rec->values[key_column]);
    p->parent = strdup(parent);
    if (!p->scope || !p->key || !p->parent)
        return cs_error_set(CS_ENOMEM, "out of memory");
    return keep_position(&p->at, rec, parent_column);
}

/* The parent chain from a record up to the top, as the import leaves it, has no cycle. */
static int check_chain(cs_importer *imp, const pending_parent *p, cs_record_kind kind)
{
    const char *scope = kind == CS_KIND_REGIONS ? NULL : p->scope;
    char **seen = NULL;
    size_t n_seen = 0;
    int rc = 0, cycle = 0;
    char next[512];
    snprintf(next, sizeof next, "%s", p->parent);
    for (const char *cur = p->key; !rc && cur;) {
        for (size_t i = 0; i < n_seen && !cycle; i++)
            cycle = strcmp(seen[i], cur) == 0;
        if (!rc && !cycle && grow((void **)&seen, n_seen, sizeof *seen))
            rc = CS_ENOMEM;
        if (rc || cycle)
            break;
        if (!(seen[n_seen++] = strdup(cur))) {
            rc = cs_error_set(CS_ENOMEM, "out of memory");
            break;
        }
        if (n_seen > 1) {
            int found = cs_store_writer_parent(next, sizeof next, imp->writer, kind, scope, cur);
            if (found < 0)
                rc = found;
            if (found <= 0 || !*next)
                break;
        }
        cur = next;
    }
    if (!rc && cycle) {
        cs_buf chain = CS_BUF_INIT;
        for (size_t i = 0; !rc && i < n_seen; i++)
            rc = cs_buf_printf(&chain, "%s -> ", seen[i]);
        rc = rc ? rc : cs_buf_puts(&chain, next);
        char expected[1200];
        snprintf(expected, sizeof expected, "a parent chain without a cycle (%.1000s)",
                 rc ? "" : cs_buf_str(&chain));
        cs_buf_free(&chain);
        rc = rc ? rc : cs_error_data(p->at.file, p->at.line, p->at.col, expected, p->at.found);
    }
    for (size_t i = 0; i < n_seen; i++)
        free(seen[i]);
    free(seen);
    return rc;
}

/* Every parent named in this import is a record of the same country or classification, and no
 * parent chain has a cycle. */
static int check_parents(cs_importer *imp, cs_record_kind kind)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < imp->n_parents; i++) {
        const pending_parent *p = &imp->parents[i];
        char expected[600], country[3] = "";
        int found = kind == CS_KIND_REGIONS
                        ? cs_store_writer_region_country(country, imp->writer, p->parent)
                        : has_industry(imp, p->scope, p->parent);
        if (found < 0)
            return found;
        if (!found) {
            if (kind == CS_KIND_REGIONS)
                snprintf(expected, sizeof expected,
                         "the key of a region of %s (stored, or in this import)", p->scope);
            else
                snprintf(expected, sizeof expected,
                         "a code of classification %s (stored, or in this import)", p->scope);
            return cs_error_data(p->at.file, p->at.line, p->at.col, expected, p->at.found);
        }
        if (kind == CS_KIND_REGIONS && strcmp(country, p->scope) != 0) {
            snprintf(expected, sizeof expected,
                     "a parent region in the country of region %s, %s (%s is in %s)", p->key,
                     p->scope, p->parent, country);
            return cs_error_data(p->at.file, p->at.line, p->at.col, expected, p->at.found);
        }
        rc = check_chain(imp, p, kind);
    }
    free_parents(imp);
    return rc;
}

/* A type (traded or local) is a category's: an industry code has none. */
static int check_industry(cs_importer *imp, const cs_record *rec)
{
    if (!value(rec, INDUSTRY_TYPE))
        return 0;
    char kind[16] = "";
    int found = cs_store_writer_classification_kind(kind, imp->writer, rec->values[0]);
    if (found <= 0 || strcmp(kind, "category") == 0)
        return found < 0 ? found : 0;
    char expected[300];
    snprintf(expected, sizeof expected,
             "no type for a code of classification %s (of kind %s; traded and local are the "
             "types of a category)",
             rec->values[0], kind);
    return cs_record_error(rec, INDUSTRY_TYPE, expected, rec->values[INDUSTRY_TYPE]);
}

/* A concordance maps a known industry to a known category of a scheme of kind 'category'. */
static int check_concordance(cs_importer *imp, const cs_record *rec)
{
    const char *classification = rec->values[0], *scheme = rec->values[CONCORDANCE_SCHEME];
    int found = has_industry(imp, classification, rec->values[CONCORDANCE_INDUSTRY]);
    if (found <= 0)
        return found < 0
                   ? found
                   : unknown_industry(rec, CONCORDANCE_INDUSTRY, "an industry", classification);
    char kind[16] = "";
    if ((found = cs_store_writer_classification_kind(kind, imp->writer, scheme)) < 0)
        return found;
    if (strcmp(kind, "category") != 0) {
        char expected[300];
        snprintf(expected, sizeof expected,
                 "a scheme of cluster categories (a classification of kind category; %s is of "
                 "kind %s)",
                 scheme, kind);
        return cs_record_error(rec, CONCORDANCE_SCHEME, expected, scheme);
    }
    found = has_industry(imp, scheme, rec->values[CONCORDANCE_CATEGORY]);
    if (found <= 0)
        return found < 0 ? found
                         : unknown_industry(rec, CONCORDANCE_CATEGORY, "a category", scheme);
    return 0;
}

/* The key of a concordance record in imp->mapped (NULL when too long for buf). */
static const char *mapping_key(char *buf, size_t size, const cs_record *rec)
{
    int n = snprintf(buf, size, "%s" CS_RECORD_KEY_SEP "%s" CS_RECORD_KEY_SEP "%s", rec->values[0],
                     rec->values[CONCORDANCE_INDUSTRY], rec->values[CONCORDANCE_SCHEME]);
    return n > 0 && (size_t)n < size ? buf : NULL;
}

/* Notes which file mapped the record's industry, for concordance_twice. */
static int keep_mapping_file(cs_importer *imp, const cs_record *rec)
{
    char key[1024];
    const char *file = rec->file ? rec->file : "<input>";
    if (!mapping_key(key, sizeof key, rec))
        return 0;
    if (!imp->mapped && cs_keymap_new(&imp->mapped))
        return CS_ENOMEM;
    if (!imp->n_files || strcmp(imp->files[imp->n_files - 1], file) != 0) {
        char **f = realloc(imp->files, (imp->n_files + 1) * sizeof *f);
        if (!f)
            return cs_error_set(CS_ENOMEM, "out of memory");
        imp->files = f;
        if (!(f[imp->n_files] = strdup(file)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        imp->n_files++;
    }
    cs_keymap_value *v = cs_keymap_put(imp->mapped, key, strlen(key));
    if (!v)
        return CS_ENOMEM;
    v->id = (int64_t)imp->n_files;
    return 0;
}

/* One industry mapped twice in one scheme: a file that does so is refused, not resolved. */
static int concordance_twice(cs_importer *imp, const cs_record *rec, long first)
{
    char key[1024], where[600] = "";
    const cs_keymap_value *v = imp->mapped && mapping_key(key, sizeof key, rec)
                                   ? cs_keymap_get(imp->mapped, key, strlen(key))
                                   : NULL;
    const char *first_file = v && v->id > 0 ? imp->files[v->id - 1] : NULL;
    if (first_file && strcmp(first_file, rec->file ? rec->file : "<input>") != 0)
        snprintf(where, sizeof where, "%s ", first_file);
    char category[256] = "?";
    int found = cs_store_writer_concordance_category(
        category, sizeof category, imp->writer, rec->values[0], rec->values[CONCORDANCE_INDUSTRY],
        rec->values[CONCORDANCE_SCHEME]);
    if (found < 0)
        return found;
    char expected[900];
    snprintf(expected, sizeof expected,
             "industry %s mapped once in scheme %s (%s%s %ld maps it to %s)",
             rec->values[CONCORDANCE_INDUSTRY], rec->values[CONCORDANCE_SCHEME], where,
             rec->line > 0 ? "line" : "record", first, category);
    long line = rec->line, col = 0;
    if (rec->locate)
        rec->locate(rec, CONCORDANCE_INDUSTRY, &line, &col);
    return cs_error_set(CS_EDATA, "%s:%ld:%ld: expected %s, found it again",
                        rec->file ? rec->file : "<input>", line, col, expected);
}

/* A statistic that names its classification names one of its codes. */
static int check_statistic_industry(cs_importer *imp, const cs_record *rec)
{
    const char *classification = value(rec, STATISTIC_CLASSIFICATION);
    if (!classification)
        return 0;
    int found = has_industry(imp, classification, rec->values[STATISTIC_INDUSTRY]);
    if (found <= 0)
        return found < 0 ? found
                         : unknown_industry(rec, STATISTIC_INDUSTRY, "an industry", classification);
    return 0;
}

void cs_importer_prefetch(cs_importer *imp, const cs_record *rec)
{
    cs_store_writer_prefetch(imp->writer, rec);
}

/* How a value written in a regional form was read, after the value read. */
static const char *const form_words[] = { "", " (a decimal comma)", " (day.month.year)" };

/* Checks every value and makes `rec` hold the canonical ones; notes the regional forms read. */
static int check_values(cs_importer *imp, cs_record *rec, cs_record_canon *canon)
{
    const cs_kind_spec *spec = rec->spec;
    if (spec->kind == CS_KIND_FACT_DEFINITIONS)
        return check_definition_fields(rec);
    for (size_t i = 0; i < spec->n_columns; i++) {
        const char *written = rec->values[i];
        int rc = cs_record_check_value(rec, (int)i, canon);
        if (rc)
            return rc;
        if (canon->form[i] == CS_FORM_PLAIN)
            continue;
        char read[64];
        snprintf(read, sizeof read, "%s%s", rec->values[i], form_words[canon->form[i]]);
        const char *kept = rec->values[i];
        rec->values[i] = written; /* the note quotes the value as written */
        rc = note(imp, rec, (int)i, read);
        rec->values[i] = kept;
        if (rc)
            return rc;
    }
    return 0;
}

int cs_importer_write(cs_importer *imp, const cs_record *written)
{
    /* a copy whose values become the canonical ones; the written ones stay for messages */
    cs_record copy = *written, *rec = &copy;
    cs_record_canon canon;
    const cs_kind_spec *spec = rec->spec;
    cs_record_kind kind = spec->kind;
    int rc = check_values(imp, rec, &canon);
    rc = rc ? rc : check_references(imp, rec);
    if (!rc && kind == CS_KIND_FACTS)
        rc = check_fact(imp, rec);
    if (!rc && kind == CS_KIND_CLUSTERS)
        rc = check_cluster_region(imp, rec);
    if (!rc && kind == CS_KIND_REGIONS)
        rc = note_region_change(imp, rec);
    if (!rc && kind == CS_KIND_STATISTICS)
        rc = check_statistic(rec);
    if (!rc && kind == CS_KIND_STATISTICS)
        rc = check_statistic_industry(imp, rec);
    if (!rc && kind == CS_KIND_REGIONS)
        rc = check_region_code(imp, rec);
    if (!rc && kind == CS_KIND_INDUSTRIES)
        rc = check_industry(imp, rec);
    if (!rc && kind == CS_KIND_CONCORDANCE)
        rc = check_concordance(imp, rec);
    if (!rc && kind >= CS_KIND_REFERENCE_SETS)
        rc = check_typology(imp, rec);
    if (!rc && kind == CS_KIND_MEMBERSHIPS)
        rc = cs_dev_check_membership(imp->dev, imp->writer, rec, imp->brings[CS_KIND_CHAIN_STAGES]);
    if (!rc && kind == CS_KIND_TARGETS)
        rc = check_target(imp, rec);
    if (!rc && kind >= CS_KIND_PROGRAMMES && kind < CS_KIND_NEWS)
        rc = cs_dev_check(imp->dev, imp->writer, rec);
    if (!rc && kind >= CS_KIND_NEWS)
        rc = cs_news_check(imp->news, imp->writer, rec);
    if (!rc && imp->observe)
        rc = tell_observer(imp, rec);
    if (rc)
        return rc;
    cs_store_outcome outcome;
    long first = 0;
    if ((rc = cs_store_writer_put(&outcome, &first, imp->writer, rec)))
        return rc;
    if (outcome == CS_STORE_DUPLICATE && kind == CS_KIND_MEMBERSHIPS) {
        char expected[600];
        snprintf(expected, sizeof expected,
                 "a cluster and organisation pair not listed before in this import (cluster %s, "
                 "organisation %s)",
                 rec->values[0], rec->values[1]);
        return cs_record_error(rec, 1, expected, rec->values[1]);
    }
    if (outcome == CS_STORE_DUPLICATE && kind == CS_KIND_CONCORDANCE)
        return concordance_twice(imp, rec, first);
    if (outcome == CS_STORE_DUPLICATE) {
        int last = (int)spec->n_key_columns - 1;
        return cs_record_duplicate_error(rec, singular[kind], first, written->values[last]);
    }
    if (kind == CS_KIND_FACT_DEFINITIONS && (rc = note_definition(imp, rec)))
        return rc;
    if (kind == CS_KIND_REGIONS && (rc = keep_parent(imp, rec, REGION_COUNTRY, 0, REGION_PARENT)))
        return rc;
    if (kind == CS_KIND_INDUSTRIES &&
        (rc = keep_parent(imp, rec, INDUSTRY_CLASSIFICATION, INDUSTRY_CODE, INDUSTRY_PARENT)))
        return rc;
    if (kind == CS_KIND_CONCORDANCE && (rc = keep_mapping_file(imp, rec)))
        return rc;
    if (kind == CS_KIND_CHAIN_STAGES && (rc = cs_dev_note_stage(imp->dev, rec)))
        return rc;
    long long *count = outcome == CS_STORE_INSERTED  ? imp->stats->inserted
                       : outcome == CS_STORE_UPDATED ? imp->stats->updated
                                                     : imp->stats->unchanged;
    count[kind]++;
    return 0;
}

int cs_importer_end_kind(cs_importer *imp, cs_record_kind kind)
{
    cs_store_conflict c;
    int rc = cs_store_writer_end_kind(&c, imp->writer, kind);
    if (!rc && (kind == CS_KIND_REGIONS || kind == CS_KIND_INDUSTRIES))
        return check_parents(imp, kind);
    if (!rc && kind == CS_KIND_CLUSTERS)
        return check_changed_regions(imp);
    if (!rc && kind == CS_KIND_FACTS)
        return check_changed_definitions(imp);
    if (!rc && kind == CS_KIND_CHAIN_STAGES)
        return cs_dev_end_stages(imp->dev, imp->writer);
    if (!rc && kind == CS_KIND_DIGEST_ENTRIES)
        return cs_news_end_entries(imp->news, imp->writer);
    if (rc != CS_EDATA || kind != CS_KIND_MEMBERSHIPS)
        return rc;
    char expected[800];
    if (c.first_file == c.again_file)
        snprintf(expected, sizeof expected,
                 "a cluster and organisation pair not listed before in this import (first at "
                 "line %ld: cluster %s, organisation %s)",
                 c.first_line, c.first_key, c.key);
    else
        snprintf(expected, sizeof expected,
                 "a cluster and organisation pair not listed before in this import (also in %s "
                 "at line %ld: cluster %s, organisation %s)",
                 c.first_file, c.first_line, c.first_key, c.key);
    return cs_error_data(c.again_file, c.again_line, 2, expected, c.key);
}

int cs_importer_end(cs_importer *imp, int commit)
{
    finish_notes(imp);
    int rc = cs_store_writer_end(imp->writer, commit);
    importer_free(imp);
    return rc;
}
