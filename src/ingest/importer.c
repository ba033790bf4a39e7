/*
 * importer.c: the checks of an import. Every record is checked (its values by their column
 * types, its references, its key against the records before it, a fact's value against its
 * definition) before the store's writer sees it, so every error names the file, line and column.
 */
#include "ingest/importer.h"

#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "fact/definition.h"
#include "util/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cs_importer {
    cs_store_writer *writer;
    cs_import_stats *stats;
    /* the definitions facts are read by: as stored, then those this import brings */
    cs_fact_definitions *defs;
    /* (subject kind, name) -> index into defs; value.line != 0 marks a definition written by
     * this import */
    cs_keymap *def_keys;
};

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

static void importer_free(cs_importer *imp)
{
    cs_keymap_free(imp->def_keys);
    cs_fact_definitions_free(imp->defs);
    free(imp);
}

int cs_importer_begin(cs_importer **out, cs_store *store, cs_import_stats *stats)
{
    *out = NULL;
    cs_importer *imp = calloc(1, sizeof *imp);
    if (!imp)
        return cs_error_set(CS_ENOMEM, "out of memory");
    imp->stats = stats;
    int rc = cs_store_writer_begin(&imp->writer, store);
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

static const char *const singular[CS_KIND_COUNT] = {
    "fact definition", "source",           "country",         "region",
    "cluster",         "organisation",     "membership",      "fact",
    "reference set",   "reference type",   "reference trait", "reference assignment",
    "assessment run",  "assessment score", "partition",       "partition group",
    "partition member"
};

static int duplicate_error(const cs_record *rec, long first_line)
{
    char expected[160];
    const char *what = singular[rec->spec->kind];
    snprintf(
        expected, sizeof expected, "%s %s key not used before in this import (first at %s %ld)",
        strchr("aeiou", what[0]) ? "an" : "a", what, rec->line > 0 ? "line" : "record", first_line);
    return cs_record_error(rec, 0, expected, rec->values[0]);
}

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

/* Refuses to change how a fact is read while facts use it: they would silently be reread. */
static int check_definition_change(cs_importer *imp, const cs_record *rec)
{
    char defkey[256];
    if (definition_key(defkey, sizeof defkey, rec->values[1], rec->values[0]))
        return 0;
    cs_keymap_value *def = cs_keymap_get(imp->def_keys, defkey, strlen(defkey));
    if (!def || def->line)
        return 0;
    const cs_fact_definition *d = cs_fact_definitions_at(imp->defs, (size_t)def->id);
    const char *levels = value(rec, 3) ? rec->values[3] : "";
    if (strcmp(cs_fact_type_name(d->type), rec->values[2]) == 0 && strcmp(d->levels, levels) == 0)
        return 0;
    long long n = 0;
    int rc = cs_store_writer_count_facts(&n, imp->writer, rec->values[1], rec->values[0]);
    if (rc)
        return rc;
    if (n > 0) {
        char expected[200];
        snprintf(expected, sizeof expected,
                 "type %s%s%s as stored (%lld facts use this definition)",
                 cs_fact_type_name(d->type), *d->levels ? " with levels " : "", d->levels, n);
        return cs_record_error(rec, 2, expected, rec->values[2]);
    }
    return 0;
}

/* Keeps a definition this import writes, for the facts after it. As before the split of import
 * and store, a stored definition whose type this import changes keeps its stored type here. */
static int note_definition(cs_importer *imp, const cs_record *rec)
{
    char defkey[256];
    if (definition_key(defkey, sizeof defkey, rec->values[1], rec->values[0]))
        return 0;
    cs_keymap_value *slot = cs_keymap_get(imp->def_keys, defkey, strlen(defkey));
    if (!slot) {
        cs_fact_definition d;
        cs_fact_definition_from_fields(&d, rec->values);
        int rc = cs_fact_definitions_add(imp->defs, &d);
        if (rc)
            return rc;
        if (!(slot = cs_keymap_put(imp->def_keys, defkey, strlen(defkey))))
            return CS_ENOMEM;
        slot->id = (int64_t)cs_fact_definitions_count(imp->defs) - 1;
    }
    slot->line = rec->line > 0 ? rec->line : (long)rec->index + 1;
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
static int check_typology(cs_importer *imp, const cs_record *rec)
{
    int found;
    char expected[256];
    switch (rec->spec->kind) {
    case CS_KIND_REFERENCE_TRAITS:
        if ((found = has_type(imp, rec->values[0], rec->values[1])) <= 0)
            return found < 0 ? found : missing_reference(rec, 1, CS_KIND_REFERENCE_TYPES);
        if (!value(rec, 3) == !value(rec, 4))
            return cs_record_error(rec, 3, "either an item or countries, not both",
                                   value(rec, 3) ? rec->values[3] : "");
        if (strtod(rec->values[5], NULL) > strtod(rec->values[6], NULL))
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

void cs_importer_prefetch(cs_importer *imp, const cs_record *rec)
{
    cs_store_writer_prefetch(imp->writer, rec);
}

int cs_importer_write(cs_importer *imp, const cs_record *rec)
{
    const cs_kind_spec *spec = rec->spec;
    cs_record_kind kind = spec->kind;
    int rc = 0;
    if (kind == CS_KIND_FACT_DEFINITIONS)
        rc = check_definition_fields(rec);
    for (size_t i = 0; !rc && kind != CS_KIND_FACT_DEFINITIONS && i < spec->n_columns; i++)
        rc = cs_record_check_value(rec, (int)i);
    rc = rc ? rc : check_references(imp, rec);
    if (!rc && kind == CS_KIND_FACTS)
        rc = check_fact(imp, rec);
    if (!rc && kind == CS_KIND_FACT_DEFINITIONS)
        rc = check_definition_change(imp, rec);
    if (!rc && kind >= CS_KIND_REFERENCE_SETS)
        rc = check_typology(imp, rec);
    if (rc)
        return rc;
    cs_store_outcome outcome;
    long first = 0;
    if ((rc = cs_store_writer_put(&outcome, &first, imp->writer, rec)))
        return rc;
    if (outcome == CS_STORE_DUPLICATE && kind == CS_KIND_MEMBERSHIPS)
        return cs_record_error(rec, 1,
                               "a cluster and organisation pair not listed before in this import",
                               rec->values[1]);
    if (outcome == CS_STORE_DUPLICATE)
        return duplicate_error(rec, first);
    if (kind == CS_KIND_FACT_DEFINITIONS && (rc = note_definition(imp, rec)))
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
    if (rc != CS_EDATA || kind != CS_KIND_MEMBERSHIPS)
        return rc;
    char expected[256];
    if (c.first_file == c.again_file)
        snprintf(expected, sizeof expected,
                 "a cluster and organisation pair not listed before in this import (first at "
                 "line %ld)",
                 c.first_line);
    else
        snprintf(expected, sizeof expected,
                 "a cluster and organisation pair not listed before in this import (also in %s "
                 "at line %ld)",
                 c.first_file, c.first_line);
    return cs_error_data(c.again_file, c.again_line, 2, expected, c.key);
}

int cs_importer_end(cs_importer *imp, int commit)
{
    int rc = cs_store_writer_end(imp->writer, commit);
    importer_free(imp);
    return rc;
}
