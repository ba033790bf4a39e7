/*
 * definition.h: the rules of a fact definition, shared by every reader of definitions (the
 * parser of fact.h, the import of CSV and JSON records, the registry's column checks), and how a
 * list of definitions is built. Nothing here allocates except the list functions; a list made
 * by cs_fact_definitions_new() is freed with cs_fact_definitions_free().
 */
#ifndef CS_FACT_DEFINITION_H
#define CS_FACT_DEFINITION_H

#include "clusterscope/fact.h"

#include <stddef.h>

/* A definition written as text: the fields in this order (the columns of a fact_definitions
 * record, and the members of its JSON object). */
enum {
    CS_FACT_DEF_NAME,
    CS_FACT_DEF_SUBJECT_KIND,
    CS_FACT_DEF_TYPE,
    CS_FACT_DEF_LEVELS,
    CS_FACT_DEF_UNIT,
    CS_FACT_DEF_LABEL_EN,
    CS_FACT_DEF_LABEL_RU,
    CS_FACT_DEF_DESCRIPTION,
    CS_FACT_DEF_FIELDS
};

/* The field names, in field order. */
extern const char *const cs_fact_definition_fields[CS_FACT_DEF_FIELDS];

/*
 * Checks a definition written as text (NULL or "" = empty) field by field, then the levels
 * against the type. Returns 0, or CS_EDATA with *field the offending field and `expected` what
 * it should hold, for the caller to report at the field's position ("expected EXPECTED, found
 * FIELD"). No error message is recorded.
 */
int cs_fact_definition_check(int *field, char *expected, size_t cap,
                             const char *const fields[CS_FACT_DEF_FIELDS]);

/* A fact name: lower-case letters, digits, '_' and '.', at most 100 bytes. */
int cs_fact_name_valid(const char *s);
/* Level names (lower-case letters, digits, '_', '-') separated by single '|'. */
int cs_fact_levels_valid(const char *s);

/* Fills a definition from checked text fields; its strings borrow from `fields`. */
void cs_fact_definition_from_fields(cs_fact_definition *out,
                                    const char *const fields[CS_FACT_DEF_FIELDS]);

int cs_fact_definitions_new(cs_fact_definitions **out);
/* Copies the definition (and its strings) to the end of the list. */
int cs_fact_definitions_add(cs_fact_definitions *defs, const cs_fact_definition *def);

#endif
