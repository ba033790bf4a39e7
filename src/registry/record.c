#include "registry/record.h"

#include "clusterscope/error.h"
#include "fact/definition.h"
#include "util/number.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_REF (-1)
#define SPEC(kind, name, cols, nkey)                                                               \
    {                                                                                              \
        kind, name, cols, sizeof cols / sizeof cols[0], nkey                                       \
    }

static const cs_column_spec fact_definition_columns[] = {
    { "name", CS_COL_FACT_NAME, 1, NULL, NO_REF },
    { "subject_kind", CS_COL_ENUM, 1, "cluster|country|region", NO_REF },
    { "type", CS_COL_ENUM, 1, "count|amount|rank|index|bool|level|text", NO_REF },
    { "levels", CS_COL_LEVELS, 0, NULL, NO_REF },
    { "unit", CS_COL_TEXT, 0, NULL, NO_REF },
    { "label_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "label_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "description", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec source_columns[] = {
    { "key", CS_COL_KEY, 1, NULL, NO_REF },        { "title", CS_COL_TEXT, 1, NULL, NO_REF },
    { "document", CS_COL_TEXT, 0, NULL, NO_REF },  { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "url", CS_COL_TEXT, 0, NULL, NO_REF },       { "date", CS_COL_DATE, 0, NULL, NO_REF },
    { "publisher", CS_COL_TEXT, 0, NULL, NO_REF }, { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec country_columns[] = {
    { "code", CS_COL_COUNTRY, 1, NULL, NO_REF },
    { "name_en", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec region_columns[] = {
    { "key", CS_COL_KEY, 1, NULL, NO_REF },
    { "country", CS_COL_COUNTRY, 1, NULL, CS_KIND_COUNTRIES },
    { "name_en", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    /* checked when the kind ends (importer.c): a parent may come later in the same file */
    { "parent", CS_COL_KEY, 0, NULL, NO_REF },
    { "type", CS_COL_ENUM, 0,
      "federal_district|federal_subject|municipality|state|county|economic_area|metro_area|"
      "nuts1|nuts2|nuts3|custom",
      NO_REF },
    { "code", CS_COL_KEY, 0, NULL, NO_REF },
};

static const cs_column_spec cluster_columns[] = {
    { "key", CS_COL_KEY, 1, NULL, NO_REF },
    { "name_en", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "country", CS_COL_COUNTRY, 1, NULL, CS_KIND_COUNTRIES },
    { "region", CS_COL_KEY, 0, NULL, CS_KIND_REGIONS },
    { "city", CS_COL_TEXT, 0, NULL, NO_REF },
    { "lat", CS_COL_LAT, 0, NULL, NO_REF },
    { "lon", CS_COL_LON, 0, NULL, NO_REF },
    { "founded", CS_COL_YEAR, 0, NULL, NO_REF },
    { "website", CS_COL_TEXT, 0, NULL, NO_REF },
    { "cluster_organisation", CS_COL_TEXT, 0, NULL, NO_REF },
    { "kind", CS_COL_ENUM, 0, "biomedical|industrial|innovative_territorial|tourist|other",
      NO_REF },
    { "specialisation", CS_COL_TEXT, 0, NULL, NO_REF },
    { "stage", CS_COL_ENUM, 0, "emerging|developing|mature|declining", NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec organisation_columns[] = {
    { "key", CS_COL_KEY, 1, NULL, NO_REF },
    { "name", CS_COL_TEXT, 1, NULL, NO_REF },
    { "type", CS_COL_ENUM, 1,
      "clinic|manufacturer|research|education|authority|support|startup|other", NO_REF },
    { "activities", CS_COL_TEXT, 0, NULL, NO_REF },
    { "country", CS_COL_COUNTRY, 0, NULL, CS_KIND_COUNTRIES },
    { "website", CS_COL_TEXT, 0, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec membership_columns[] = {
    { "cluster", CS_COL_KEY, 1, NULL, CS_KIND_CLUSTERS },
    { "organisation", CS_COL_KEY, 1, NULL, CS_KIND_ORGANISATIONS },
    { "role", CS_COL_ENUM, 0, "anchor|member|partner", NO_REF },
    { "value_chain_stage", CS_COL_TEXT, 0, NULL, NO_REF },
    { "joined", CS_COL_DATE, 0, NULL, NO_REF },
    { "left", CS_COL_DATE, 0, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
};

static const cs_column_spec fact_columns[] = {
    { "subject_kind", CS_COL_ENUM, 1, "cluster|country|region", NO_REF },
    { "subject", CS_COL_KEY, 1, NULL, NO_REF },
    { "fact", CS_COL_FACT_NAME, 1, NULL, NO_REF },
    { "year", CS_COL_YEAR, 0, NULL, NO_REF },
    { "value", CS_COL_TEXT, 0, NULL, NO_REF },
    { "status", CS_COL_ENUM, 0, "stated|derived|estimated", NO_REF },
    { "source", CS_COL_KEY, 1, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec reference_set_columns[] = {
    { "key", CS_COL_KEY, 1, NULL, NO_REF },
    { "source", CS_COL_KEY, 1, NULL, CS_KIND_SOURCES },
    { "description", CS_COL_TEXT, 1, NULL, NO_REF },
    { "profile_method", CS_COL_KEY, 1, NULL, NO_REF },
    { "sample_size", CS_COL_COUNT, 0, NULL, NO_REF },
    { "published_sum", CS_COL_COUNT, 0, NULL, NO_REF },
    { "size_note", CS_COL_TEXT, 0, NULL, NO_REF },
    { "method_note", CS_COL_TEXT, 0, NULL, NO_REF },
    { "document", CS_COL_JSON, 1, NULL, NO_REF },
};

static const cs_column_spec reference_type_columns[] = {
    { "set_key", CS_COL_KEY, 1, NULL, CS_KIND_REFERENCE_SETS },
    { "number", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "name_en", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "size_published", CS_COL_COUNT, 0, NULL, NO_REF },
    { "size_locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "characteristics", CS_COL_JSON, 1, NULL, NO_REF },
};

static const cs_column_spec reference_trait_columns[] = {
    { "set_key", CS_COL_KEY, 1, NULL, CS_KIND_REFERENCE_SETS },
    { "type_number", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "position", CS_COL_COUNT, 1, NULL, NO_REF },
    { "item", CS_COL_KEY, 0, NULL, NO_REF },
    { "countries", CS_COL_LIST, 0, NULL, NO_REF },
    { "share_min", CS_COL_SHARE, 1, NULL, NO_REF },
    { "share_max", CS_COL_SHARE, 1, NULL, NO_REF },
    { "published", CS_COL_TEXT, 1, NULL, NO_REF },
    { "basis", CS_COL_TEXT, 1, NULL, NO_REF },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "shared_with", CS_COL_LIST, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec reference_assignment_columns[] = {
    { "set_key", CS_COL_KEY, 1, NULL, CS_KIND_REFERENCE_SETS },
    { "cluster_key", CS_COL_KEY, 1, NULL, CS_KIND_CLUSTERS },
    { "type_number", CS_COL_NUMBER, 0, NULL, NO_REF },
    { "basis", CS_COL_ENUM, 1, "stated|reconstructed|derived|not_assigned", NO_REF },
    { "evidence", CS_COL_TEXT, 0, NULL, NO_REF },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "target_models", CS_COL_LIST, 0, NULL, NO_REF },
};

static const cs_column_spec reference_model_columns[] = {
    { "set_key", CS_COL_KEY, 1, NULL, CS_KIND_REFERENCE_SETS },
    { "number", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "name_en", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "task_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "task_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "groups", CS_COL_LIST, 0, NULL, NO_REF },
    { "groups_quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "groups_locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "evidence_method", CS_COL_KEY, 0, NULL, NO_REF },
    { "evidence", CS_COL_KEY, 0, NULL, NO_REF },
};

static const cs_column_spec reference_factor_columns[] = {
    { "set_key", CS_COL_KEY, 1, NULL, CS_KIND_REFERENCE_SETS },
    { "number", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "name_en", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "heading_locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "preface_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "preface_locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "practices_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "practices_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "evidence_method", CS_COL_KEY, 0, NULL, NO_REF },
    { "evidence", CS_COL_KEY, 0, NULL, NO_REF },
    { "no_evidence", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec reference_case_columns[] = {
    { "set_key", CS_COL_KEY, 1, NULL, CS_KIND_REFERENCE_SETS },
    { "position", CS_COL_COUNT, 1, NULL, NO_REF },
    { "factor", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "cluster_key", CS_COL_KEY, 1, NULL, CS_KIND_CLUSTERS },
    { "title_ru", CS_COL_TEXT, 1, NULL, NO_REF },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "summary_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "summary_ru", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec assessment_run_columns[] = {
    { "id", CS_COL_ID, 1, NULL, NO_REF },
    { "method_id", CS_COL_KEY, 1, NULL, NO_REF },
    { "method_version", CS_COL_TEXT, 1, NULL, NO_REF },
    { "year", CS_COL_YEAR, 0, NULL, NO_REF },
    { "software_version", CS_COL_TEXT, 1, NULL, NO_REF },
    { "created", CS_COL_TIMESTAMP, 1, NULL, NO_REF },
    { "items", CS_COL_LIST, 1, NULL, NO_REF },
    { "indicators", CS_COL_LIST, 1, NULL, NO_REF },
};

static const cs_column_spec assessment_score_columns[] = {
    { "run_id", CS_COL_ID, 1, NULL, CS_KIND_ASSESSMENT_RUNS },
    { "cluster_key", CS_COL_KEY, 1, NULL, NO_REF },
    { "items", CS_COL_RESULTS, 1, NULL, NO_REF },
    { "indicators", CS_COL_RESULTS, 1, NULL, NO_REF },
    { "total", CS_COL_COUNT, 1, NULL, NO_REF },
    { "known", CS_COL_COUNT, 1, NULL, NO_REF },
};

static const cs_column_spec assessment_out_of_scope_columns[] = {
    { "run_id", CS_COL_ID, 1, NULL, CS_KIND_ASSESSMENT_RUNS },
    { "cluster_key", CS_COL_KEY, 1, NULL, NO_REF },
    { "rule", CS_COL_KEY, 1, NULL, NO_REF },
    { "result", CS_COL_ENUM, 1, "not_met|unknown", NO_REF },
    { "found", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec partition_columns[] = {
    { "id", CS_COL_ID, 1, NULL, NO_REF },
    { "created", CS_COL_TIMESTAMP, 1, NULL, NO_REF },
    { "software_version", CS_COL_TEXT, 1, NULL, NO_REF },
    { "assessment_run", CS_COL_ID, 1, NULL, CS_KIND_ASSESSMENT_RUNS },
    { "method_id", CS_COL_KEY, 1, NULL, NO_REF },
    { "method_version", CS_COL_TEXT, 1, NULL, NO_REF },
    { "view", CS_COL_ENUM, 1, "items|indicators", NO_REF },
    { "variables", CS_COL_LIST, 1, NULL, NO_REF },
    { "unknown_policy", CS_COL_ENUM, 1, "pairwise|error|as-zero", NO_REF },
    { "distance", CS_COL_KEY, 1, NULL, NO_REF },
    { "algorithm", CS_COL_KEY, 1, NULL, NO_REF },
    { "k", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "k_given", CS_COL_NUMBER, 0, NULL, NO_REF },
    { "k_rule", CS_COL_TEXT, 1, NULL, NO_REF },
    { "k_scan", CS_COL_JSON, 0, NULL, NO_REF },
    { "seed", CS_COL_SEED, 1, NULL, NO_REF },
    { "silhouette", CS_COL_REAL, 0, NULL, NO_REF },
    { "cophenetic", CS_COL_REAL, 0, NULL, NO_REF },
    { "objects", CS_COL_COUNT, 1, NULL, NO_REF },
    { "reference_set", CS_COL_KEY, 0, NULL, CS_KIND_REFERENCE_SETS },
    { "ari", CS_COL_REAL, 0, NULL, NO_REF },
    { "compared", CS_COL_COUNT, 0, NULL, NO_REF },
    { "min_known", CS_COL_NUMBER, 0, NULL, NO_REF },
    { "imputed_pairs", CS_COL_COUNT, 0, NULL, NO_REF },
};

static const cs_column_spec partition_group_columns[] = {
    { "partition_id", CS_COL_ID, 1, NULL, CS_KIND_PARTITIONS },
    { "number", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "size", CS_COL_COUNT, 1, NULL, NO_REF },
    { "label_type", CS_COL_NUMBER, 0, NULL, NO_REF },
    { "label_reason", CS_COL_TEXT, 1, NULL, NO_REF },
    { "profile", CS_COL_JSON, 1, NULL, NO_REF },
};

static const cs_column_spec partition_member_columns[] = {
    { "partition_id", CS_COL_ID, 1, NULL, CS_KIND_PARTITIONS },
    { "cluster_key", CS_COL_KEY, 1, NULL, NO_REF },
    { "group_number", CS_COL_NUMBER, 0, NULL, NO_REF },
    { "silhouette", CS_COL_REAL, 0, NULL, NO_REF },
    { "left_out", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec classification_columns[] = {
    { "key", CS_COL_KEY, 1, NULL, NO_REF },
    { "kind", CS_COL_ENUM, 0, "industry|category", NO_REF },
    { "name_en", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec industry_columns[] = {
    { "classification", CS_COL_KEY, 1, NULL, CS_KIND_CLASSIFICATIONS },
    { "code", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    /* checked when the kind ends (importer.c): a parent may come later in the same file */
    { "parent", CS_COL_TEXT, 0, NULL, NO_REF },
    { "type", CS_COL_ENUM, 0, "traded|local", NO_REF },
};

static const cs_column_spec concordance_columns[] = {
    { "classification", CS_COL_KEY, 1, NULL, CS_KIND_CLASSIFICATIONS },
    { "industry", CS_COL_TEXT, 1, NULL, NO_REF },
    { "scheme", CS_COL_KEY, 1, NULL, CS_KIND_CLASSIFICATIONS },
    { "category", CS_COL_TEXT, 1, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
};

static const cs_column_spec statistic_columns[] = {
    { "region", CS_COL_KEY, 1, NULL, CS_KIND_REGIONS },
    { "classification", CS_COL_KEY, 0, NULL, CS_KIND_CLASSIFICATIONS },
    { "industry", CS_COL_TEXT, 1, NULL, NO_REF },
    { "year", CS_COL_YEAR, 0, NULL, NO_REF },
    { "measure", CS_COL_FACT_NAME, 1, NULL, NO_REF },
    { "value", CS_COL_REAL, 1, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "status", CS_COL_ENUM, 0, "stated|derived|estimated", NO_REF },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

/* ---- cluster development (migration 0012) ---- */

#define STATUS_VALUES "stated|derived|estimated"

static const cs_column_spec programme_columns[] = {
    { "key", CS_COL_KEY, 1, NULL, NO_REF },
    { "kind", CS_COL_ENUM, 1, "support|registry|label|list", NO_REF },
    { "name_en", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "operator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "country", CS_COL_COUNTRY, 0, NULL, CS_KIND_COUNTRIES },
    { "started", CS_COL_YEAR, 0, NULL, NO_REF },
    { "ended", CS_COL_YEAR, 0, NULL, NO_REF },
    { "budget", CS_COL_AMOUNT, 0, NULL, NO_REF },
    { "currency", CS_COL_TEXT, 0, NULL, NO_REF },
    { "levels", CS_COL_LEVELS, 0, NULL, NO_REF },
    { "url", CS_COL_TEXT, 0, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

/* a round is named by its programme and round together (importer's development checks) */
static const cs_column_spec programme_round_columns[] = {
    { "programme", CS_COL_KEY, 1, NULL, CS_KIND_PROGRAMMES },
    { "round", CS_COL_KEY, 1, NULL, NO_REF },
    { "year", CS_COL_YEAR, 1, NULL, NO_REF },
    { "budget", CS_COL_AMOUNT, 0, NULL, NO_REF },
    { "requested", CS_COL_AMOUNT, 0, NULL, NO_REF },
    { "awarded", CS_COL_AMOUNT, 0, NULL, NO_REF },
    { "applications", CS_COL_COUNT, 0, NULL, NO_REF },
    { "awards", CS_COL_COUNT, 0, NULL, NO_REF },
    { "status", CS_COL_ENUM, 0, STATUS_VALUES, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec round_share_columns[] = {
    { "programme", CS_COL_KEY, 1, NULL, CS_KIND_PROGRAMMES },
    { "round", CS_COL_KEY, 1, NULL, NO_REF },
    { "specialisation", CS_COL_TEXT, 1, NULL, NO_REF },
    { "clusters", CS_COL_COUNT, 0, NULL, NO_REF },
    { "requested", CS_COL_AMOUNT, 0, NULL, NO_REF },
    { "awarded", CS_COL_AMOUNT, 0, NULL, NO_REF },
    { "status", CS_COL_ENUM, 0, STATUS_VALUES, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec application_columns[] = {
    { "programme", CS_COL_KEY, 1, NULL, CS_KIND_PROGRAMMES },
    { "round", CS_COL_KEY, 1, NULL, NO_REF },
    { "cluster", CS_COL_KEY, 1, NULL, CS_KIND_CLUSTERS },
    { "requested", CS_COL_AMOUNT, 0, NULL, NO_REF },
    { "awarded", CS_COL_AMOUNT, 0, NULL, NO_REF },
    { "decision", CS_COL_ENUM, 0, "awarded|refused|pending|withdrawn", NO_REF },
    { "status", CS_COL_ENUM, 0, STATUS_VALUES, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec listing_columns[] = {
    { "programme", CS_COL_KEY, 1, NULL, CS_KIND_PROGRAMMES },
    { "cluster", CS_COL_KEY, 1, NULL, CS_KIND_CLUSTERS },
    { "entered", CS_COL_DATE, 1, NULL, NO_REF },
    { "left_on", CS_COL_DATE, 0, NULL, NO_REF },
    { "level", CS_COL_TEXT, 0, NULL, NO_REF },
    { "decision", CS_COL_TEXT, 0, NULL, NO_REF },
    { "status", CS_COL_ENUM, 0, STATUS_VALUES, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec target_columns[] = {
    { "cluster", CS_COL_KEY, 1, NULL, CS_KIND_CLUSTERS },
    { "name", CS_COL_FACT_NAME, 1, NULL, NO_REF },
    { "year", CS_COL_YEAR, 0, NULL, NO_REF },
    { "value", CS_COL_TEXT, 1, NULL, NO_REF },
    { "baseline_year", CS_COL_YEAR, 0, NULL, NO_REF },
    { "status", CS_COL_ENUM, 0, STATUS_VALUES, NO_REF },
    { "source", CS_COL_KEY, 1, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec chain_stage_columns[] = {
    { "cluster", CS_COL_KEY, 1, NULL, CS_KIND_CLUSTERS },
    { "stage", CS_COL_KEY, 1, NULL, NO_REF },
    { "position", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "name_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec project_columns[] = {
    { "key", CS_COL_KEY, 1, NULL, NO_REF },
    { "cluster", CS_COL_KEY, 1, NULL, CS_KIND_CLUSTERS },
    { "name_en", CS_COL_TEXT, 1, NULL, NO_REF },
    { "name_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "started", CS_COL_YEAR, 0, NULL, NO_REF },
    { "ended", CS_COL_YEAR, 0, NULL, NO_REF },
    { "participants", CS_COL_COUNT, 0, NULL, NO_REF },
    { "stages", CS_COL_COUNT, 0, NULL, NO_REF },
    { "outcome", CS_COL_TEXT, 0, NULL, NO_REF },
    { "status", CS_COL_ENUM, 0, STATUS_VALUES, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec project_member_columns[] = {
    { "project", CS_COL_KEY, 1, NULL, CS_KIND_PROJECTS },
    { "organisation", CS_COL_KEY, 1, NULL, CS_KIND_ORGANISATIONS },
    { "role", CS_COL_TEXT, 0, NULL, NO_REF },
    { "stage", CS_COL_KEY, 0, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec project_stage_columns[] = {
    { "project", CS_COL_KEY, 1, NULL, CS_KIND_PROJECTS },
    { "stage", CS_COL_KEY, 1, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
};

static const cs_column_spec link_columns[] = {
    { "cluster", CS_COL_KEY, 1, NULL, CS_KIND_CLUSTERS },
    { "source_org", CS_COL_KEY, 1, NULL, CS_KIND_ORGANISATIONS },
    { "target_org", CS_COL_KEY, 1, NULL, CS_KIND_ORGANISATIONS },
    { "kind", CS_COL_ENUM, 1, "supply|joint_project|shared_infrastructure|research|other", NO_REF },
    { "project", CS_COL_KEY, 0, NULL, CS_KIND_PROJECTS },
    { "year", CS_COL_YEAR, 0, NULL, NO_REF },
    { "weight", CS_COL_AMOUNT, 0, NULL, NO_REF },
    { "status", CS_COL_ENUM, 0, STATUS_VALUES, NO_REF },
    { "source", CS_COL_KEY, 1, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

/* ---- news and the digest (migration 0013) ---- */

static const cs_column_spec news_columns[] = {
    { "key", CS_COL_KEY, 1, NULL, NO_REF },
    { "kind", CS_COL_ENUM, 1, "event|interview|bulletin|publication|announcement", NO_REF },
    { "date", CS_COL_DATE, 1, NULL, NO_REF },
    { "lang", CS_COL_ENUM, 1, "ru|en", NO_REF },
    { "title", CS_COL_TEXT, 1, NULL, NO_REF },
    { "title_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "title_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "lead", CS_COL_TEXT, 0, NULL, NO_REF },
    { "body", CS_COL_TEXT, 0, NULL, NO_REF },
    { "box", CS_COL_TEXT, 0, NULL, NO_REF },
    { "summary_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "summary_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "series", CS_COL_TEXT, 0, NULL, NO_REF },
    { "series_number", CS_COL_COUNT, 0, NULL, NO_REF },
    { "file_url", CS_COL_TEXT, 0, NULL, NO_REF },
    { "file_format", CS_COL_TEXT, 0, NULL, NO_REF },
    { "file_bytes", CS_COL_COUNT, 0, NULL, NO_REF },
    { "outlet", CS_COL_TEXT, 1, NULL, NO_REF },
    { "url", CS_COL_TEXT, 0, NULL, NO_REF },
    { "source", CS_COL_KEY, 1, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "quote", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec news_qa_columns[] = {
    { "item", CS_COL_KEY, 1, NULL, CS_KIND_NEWS },
    { "position", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "question", CS_COL_TEXT, 1, NULL, NO_REF },
    { "answer", CS_COL_TEXT, 1, NULL, NO_REF },
};

/* the target is checked by its kind (ingest/import_news.c): it names no one kind */
static const cs_column_spec news_link_columns[] = {
    { "item", CS_COL_KEY, 1, NULL, CS_KIND_NEWS },
    { "target_kind", CS_COL_ENUM, 1, "cluster|organisation|region|programme", NO_REF },
    { "target_key", CS_COL_KEY, 1, NULL, NO_REF },
};

static const cs_column_spec digest_columns[] = {
    { "number", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "month", CS_COL_MONTH, 1, NULL, NO_REF },
    { "publisher", CS_COL_TEXT, 1, NULL, NO_REF },
    { "title_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "title_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "subtitle_ru", CS_COL_TEXT, 0, NULL, NO_REF },
    { "subtitle_en", CS_COL_TEXT, 0, NULL, NO_REF },
    { "source", CS_COL_KEY, 0, NULL, CS_KIND_SOURCES },
    { "locator", CS_COL_TEXT, 0, NULL, NO_REF },
    { "note", CS_COL_TEXT, 0, NULL, NO_REF },
};

static const cs_column_spec digest_text_columns[] = {
    { "issue", CS_COL_NUMBER, 1, NULL, CS_KIND_DIGESTS },
    { "part", CS_COL_ENUM, 1, "about|publications|contacts|resources|call", NO_REF },
    { "lang", CS_COL_ENUM, 1, "ru|en", NO_REF },
    { "text", CS_COL_TEXT, 1, NULL, NO_REF },
};

static const cs_column_spec digest_entry_columns[] = {
    { "issue", CS_COL_NUMBER, 1, NULL, CS_KIND_DIGESTS },
    { "position", CS_COL_NUMBER, 1, NULL, NO_REF },
    { "item", CS_COL_KEY, 1, NULL, CS_KIND_NEWS },
};

static const cs_kind_spec specs[CS_KIND_COUNT] = {
    SPEC(CS_KIND_FACT_DEFINITIONS, "fact_definitions", fact_definition_columns, 2),
    SPEC(CS_KIND_SOURCES, "sources", source_columns, 1),
    SPEC(CS_KIND_COUNTRIES, "countries", country_columns, 1),
    SPEC(CS_KIND_REGIONS, "regions", region_columns, 1),
    SPEC(CS_KIND_CLUSTERS, "clusters", cluster_columns, 1),
    SPEC(CS_KIND_ORGANISATIONS, "organisations", organisation_columns, 1),
    SPEC(CS_KIND_MEMBERSHIPS, "memberships", membership_columns, 2),
    SPEC(CS_KIND_FACTS, "facts", fact_columns, 4),
    SPEC(CS_KIND_REFERENCE_SETS, "reference_sets", reference_set_columns, 1),
    SPEC(CS_KIND_REFERENCE_TYPES, "reference_types", reference_type_columns, 2),
    SPEC(CS_KIND_REFERENCE_TRAITS, "reference_traits", reference_trait_columns, 3),
    SPEC(CS_KIND_REFERENCE_ASSIGNMENTS, "reference_assignments", reference_assignment_columns, 2),
    SPEC(CS_KIND_REFERENCE_MODELS, "reference_models", reference_model_columns, 2),
    SPEC(CS_KIND_REFERENCE_FACTORS, "reference_factors", reference_factor_columns, 2),
    SPEC(CS_KIND_REFERENCE_CASES, "reference_cases", reference_case_columns, 2),
    SPEC(CS_KIND_ASSESSMENT_RUNS, "assessment_runs", assessment_run_columns, 1),
    SPEC(CS_KIND_ASSESSMENT_SCORES, "assessment_scores", assessment_score_columns, 2),
    SPEC(CS_KIND_PARTITIONS, "partitions", partition_columns, 1),
    SPEC(CS_KIND_PARTITION_GROUPS, "partition_groups", partition_group_columns, 2),
    SPEC(CS_KIND_PARTITION_MEMBERS, "partition_members", partition_member_columns, 2),
    SPEC(CS_KIND_ASSESSMENT_OUT_OF_SCOPE, "assessment_out_of_scope",
         assessment_out_of_scope_columns, 2),
    SPEC(CS_KIND_CLASSIFICATIONS, "classifications", classification_columns, 1),
    SPEC(CS_KIND_INDUSTRIES, "industries", industry_columns, 2),
    SPEC(CS_KIND_CONCORDANCE, "concordance", concordance_columns, 3),
    SPEC(CS_KIND_STATISTICS, "statistics", statistic_columns, 5),
    SPEC(CS_KIND_PROGRAMMES, "programmes", programme_columns, 1),
    SPEC(CS_KIND_PROGRAMME_ROUNDS, "programme_rounds", programme_round_columns, 2),
    SPEC(CS_KIND_ROUND_SHARES, "round_shares", round_share_columns, 3),
    SPEC(CS_KIND_APPLICATIONS, "applications", application_columns, 3),
    SPEC(CS_KIND_LISTINGS, "listings", listing_columns, 3),
    SPEC(CS_KIND_TARGETS, "targets", target_columns, 3),
    SPEC(CS_KIND_CHAIN_STAGES, "chain_stages", chain_stage_columns, 2),
    SPEC(CS_KIND_PROJECTS, "projects", project_columns, 1),
    SPEC(CS_KIND_PROJECT_MEMBERS, "project_members", project_member_columns, 2),
    SPEC(CS_KIND_PROJECT_STAGES, "project_stages", project_stage_columns, 2),
    SPEC(CS_KIND_LINKS, "links", link_columns, 4),
    SPEC(CS_KIND_NEWS, "news", news_columns, 1),
    SPEC(CS_KIND_NEWS_QA, "news_qa", news_qa_columns, 2),
    SPEC(CS_KIND_NEWS_LINKS, "news_links", news_link_columns, 3),
    SPEC(CS_KIND_DIGESTS, "digests", digest_columns, 1),
    SPEC(CS_KIND_DIGEST_TEXTS, "digest_texts", digest_text_columns, 3),
    SPEC(CS_KIND_DIGEST_ENTRIES, "digest_entries", digest_entry_columns, 2),
};

int cs_column_is_number(const cs_column_spec *c)
{
    switch (c->type) {
    case CS_COL_YEAR:
    case CS_COL_LAT:
    case CS_COL_LON:
    case CS_COL_COUNT:
    case CS_COL_NUMBER:
    case CS_COL_ID:
    case CS_COL_SEED:
    case CS_COL_REAL:
    case CS_COL_AMOUNT:
    case CS_COL_SHARE:
        return 1;
    default:
        return 0;
    }
}

const cs_kind_spec *cs_kind_spec_get(cs_record_kind kind)
{
    return (unsigned)kind < CS_KIND_COUNT ? &specs[kind] : NULL;
}

const cs_kind_spec *cs_kind_spec_find(const char *name)
{
    for (size_t i = 0; i < CS_KIND_COUNT; i++)
        if (strcmp(specs[i].name, name) == 0)
            return &specs[i];
    return NULL;
}

int cs_kind_spec_column(const cs_kind_spec *spec, const char *name)
{
    for (size_t i = 0; i < spec->n_columns; i++)
        if (strcmp(spec->columns[i].name, name) == 0)
            return (int)i;
    return -1;
}

int cs_record_error(const cs_record *rec, int column, const char *expected, const char *found)
{
    long line = rec->line, col = 0;
    if (rec->locate)
        rec->locate(rec, column, &line, &col);
    return cs_error_data(rec->file, line, col, expected, found);
}

static int in_list(const char *list, const char *s)
{
    size_t n = strlen(s);
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && memcmp(p, s, n) == 0)
            return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

static int leap_year(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A day of the Gregorian calendar: 29 February only in a leap year. */
static int valid_day(long year, int month, int day)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12 || day < 1)
        return 0;
    return day <= days[month - 1] + (month == 2 && leap_year(year));
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, a day that exists. */
static int valid_date(const char *s, size_t n)
{
    if ((n != 4 && n != 7 && n != 10) || !digits(s, 4))
        return 0;
    if (n >= 7 && (s[4] != '-' || !digits(s + 5, 2)))
        return 0;
    if (n == 10 && (s[7] != '-' || !digits(s + 8, 2)))
        return 0;
    long year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int month = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
    int day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
    return valid_day(year, month, day);
}

/* DD.MM.YYYY, as spreadsheets in Russian write a date: the same date as YYYY-MM-DD, or 0. */
static int day_month_year(char out[11], const char *s, size_t n)
{
    if (n != 10 || s[2] != '.' || s[5] != '.' || !digits(s, 2) || !digits(s + 3, 2) ||
        !digits(s + 6, 4))
        return 0;
    snprintf(out, 11, "%.4s-%.2s-%.2s", s + 6, s + 3, s);
    return valid_date(out, 10);
}

static int valid_chars(const char *s, const char *extra, int allow_upper)
{
    if (!*s)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                 (allow_upper && *p >= 'A' && *p <= 'Z') || (*p && strchr(extra, *p));
        if (!ok)
            return 0;
    }
    return 1;
}

/* YYYY-MM-DDTHH:MM:SSZ, as the library writes the time a run or partition was made. */
static int valid_timestamp(const char *s)
{
    static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof pattern - 1)
        return 0;
    for (size_t i = 0; pattern[i]; i++)
        if (pattern[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pattern[i])
            return 0;
    return valid_date(s, 10) && atoi(s + 11) < 24 && atoi(s + 14) < 60 && atoi(s + 17) < 61;
}

/* Keys separated by single commas. */
static int valid_list(const char *s)
{
    for (const char *p = s;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char item[256];
        if (n == 0 || n >= sizeof item)
            return 0;
        memcpy(item, p, n);
        item[n] = '\0';
        if (!valid_chars(item, "._:-", 1))
            return 0;
        if (!comma)
            return 1;
        p = comma + 1;
    }
}

static int valid_json(const char *s)
{
    json_t *v = json_loads(s, JSON_REJECT_DUPLICATES, NULL);
    int ok = json_is_object(v) || json_is_array(v);
    json_decref(v);
    return ok;
}

/* The value without the spaces and tabs around it: *len bytes from the returned pointer. */
static const char *trimmed(const char *v, size_t *len)
{
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    *len = n;
    return v;
}

/*
 * Reads a number column into its canonical text: 1 when it is one in [lo, hi], 0 when not. A
 * decimal comma is read where the record's input makes it unambiguous.
 */
static int canon_real(const cs_record *rec, int column, cs_record_canon *canon, double lo,
                      double hi)
{
    size_t n;
    const char *v = trimmed(rec->values[column], &n);
    double d = 0;
    /* a whole number of at most 15 digits (counts, as statistics mostly are) is its own
     * canonical text: the shortest text of the double it reads as */
    if (n >= 1 && n <= 15 && (n == 1 || v[0] != '0') && digits(v, n)) {
        for (size_t i = 0; i < n; i++)
            d = d * 10 + (v[i] - '0');
        if (d < lo || d > hi)
            return 0;
        memcpy(canon->text[column], v, n);
        canon->text[column][n] = '\0';
        canon->form[column] = CS_FORM_PLAIN;
        return 1;
    }
    if (cs_number_read(&d, v, n, rec->regional_forms) || d < lo || d > hi)
        return 0;
    if (d == 0)
        d = 0; /* -0 and 0 are one value */
    cs_format_double(canon->text[column], sizeof canon->text[column], d);
    canon->form[column] = memchr(v, ',', n) ? CS_FORM_DECIMAL_COMMA : CS_FORM_PLAIN;
    return 1;
}

static int canon_whole(const cs_record *rec, int column, cs_record_canon *canon, long long lo,
                       long long hi)
{
    size_t n;
    const char *v = trimmed(rec->values[column], &n);
    long long w = 0;
    if (cs_number_read_whole(&w, v, n, lo, hi))
        return 0;
    snprintf(canon->text[column], sizeof canon->text[column], "%lld", w);
    return 1;
}

static int canon_date(const cs_record *rec, int column, cs_record_canon *canon)
{
    size_t n;
    const char *v = trimmed(rec->values[column], &n);
    char *out = canon->text[column];
    if (valid_date(v, n)) {
        snprintf(out, sizeof canon->text[column], "%.*s", (int)n, v);
        return 1;
    }
    if (rec->regional_forms && day_month_year(out, v, n)) {
        canon->form[column] = CS_FORM_DAY_MONTH_YEAR;
        return 1;
    }
    return 0;
}

int cs_record_check_value(cs_record *rec, int column, cs_record_canon *canon)
{
    const cs_column_spec *c = &rec->spec->columns[column];
    const char *v = rec->values[column];
    char expected[256];
    canon->form[column] = CS_FORM_PLAIN;
    if (!v || !*v) {
        if (!c->required)
            return 0;
        snprintf(expected, sizeof expected, "a value for required column '%s'", c->name);
        return cs_record_error(rec, column, expected, "");
    }
    int canonical = 0; /* the value read is canon->text[column] */
    const char *comma = rec->regional_forms ? " (a decimal point or comma)" : "";
    switch (c->type) {
    case CS_COL_TEXT:
        return 0;
    case CS_COL_KEY:
        if (strlen(v) <= 200 && valid_chars(v, "._:-", 1))
            return 0;
        snprintf(expected, sizeof expected,
                 "a key for '%s' (letters, digits, '.', '_', ':' or '-'; at most 200)", c->name);
        break;
    case CS_COL_FACT_NAME:
        if (cs_fact_name_valid(v))
            return 0;
        snprintf(expected, sizeof expected,
                 "a fact name (lower-case letters, digits, '_' and '.') in '%s'", c->name);
        break;
    case CS_COL_COUNTRY:
        if (strlen(v) == 2 && isupper((unsigned char)v[0]) && isupper((unsigned char)v[1]))
            return 0;
        snprintf(expected, sizeof expected, "a two-letter country code such as DE in '%s'",
                 c->name);
        break;
    case CS_COL_YEAR:
        if ((canonical = canon_whole(rec, column, canon, 1000, 2200)))
            break;
        snprintf(expected, sizeof expected, "a year such as 1994 in '%s'", c->name);
        break;
    case CS_COL_DATE:
        if ((canonical = canon_date(rec, column, canon)))
            break;
        snprintf(expected, sizeof expected, "a date YYYY, YYYY-MM or YYYY-MM-DD%s in '%s'",
                 rec->regional_forms ? " (or DD.MM.YYYY)" : "", c->name);
        break;
    case CS_COL_LAT:
        if ((canonical = canon_real(rec, column, canon, -90, 90)))
            break;
        snprintf(expected, sizeof expected, "a latitude from -90 to 90%s in '%s'", comma, c->name);
        break;
    case CS_COL_LON:
        if ((canonical = canon_real(rec, column, canon, -180, 180)))
            break;
        snprintf(expected, sizeof expected, "a longitude from -180 to 180%s in '%s'", comma,
                 c->name);
        break;
    case CS_COL_ENUM:
        if (in_list(c->values, v))
            return 0;
        snprintf(expected, sizeof expected, "one of %s in '%s'", c->values, c->name);
        break;
    case CS_COL_LEVELS:
        if (cs_fact_levels_valid(v))
            return 0;
        snprintf(expected, sizeof expected, "level names separated by '|', lowest first, in '%s'",
                 c->name);
        break;
    case CS_COL_COUNT:
    case CS_COL_NUMBER:
    case CS_COL_ID:
    case CS_COL_SEED: {
        long long min = c->type == CS_COL_NUMBER || c->type == CS_COL_ID;
        int wide = c->type == CS_COL_ID || c->type == CS_COL_SEED;
        if ((canonical =
                 canon_whole(rec, column, canon, min, wide ? INT64_MAX : CS_RECORD_INT_MAX)))
            break;
        snprintf(expected, sizeof expected, "a whole number from %lld to %s in '%s'", min,
                 wide ? "2^63-1" : "2147483647", c->name);
        break;
    }
    case CS_COL_REAL:
        if ((canonical = canon_real(rec, column, canon, -HUGE_VAL, HUGE_VAL)))
            break;
        snprintf(expected, sizeof expected, "a finite number%s in '%s'", comma, c->name);
        break;
    case CS_COL_AMOUNT:
        if ((canonical = canon_real(rec, column, canon, 0, HUGE_VAL)))
            break;
        snprintf(expected, sizeof expected, "a number of at least 0%s in '%s'", comma, c->name);
        break;
    case CS_COL_SHARE:
        if ((canonical = canon_real(rec, column, canon, 0, 1)))
            break;
        snprintf(expected, sizeof expected, "a share from 0 to 1%s in '%s'", comma, c->name);
        break;
    case CS_COL_TIMESTAMP:
        if (valid_timestamp(v))
            return 0;
        snprintf(expected, sizeof expected, "a time YYYY-MM-DDTHH:MM:SSZ in '%s'", c->name);
        break;
    case CS_COL_LIST:
        if (valid_list(v))
            return 0;
        snprintf(expected, sizeof expected, "keys separated by ',' in '%s'", c->name);
        break;
    case CS_COL_RESULTS:
        if (strspn(v, "10?") == strlen(v))
            return 0;
        snprintf(expected, sizeof expected, "one of 1, 0 or ? per result in '%s'", c->name);
        break;
    case CS_COL_JSON:
        if (valid_json(v))
            return 0;
        snprintf(expected, sizeof expected, "a JSON object or array in '%s'", c->name);
        break;
    case CS_COL_MONTH: {
        size_t n;
        const char *m = trimmed(v, &n);
        if (n == 7 && (canonical = valid_date(m, n))) {
            snprintf(canon->text[column], sizeof canon->text[column], "%.7s", m);
            break;
        }
        snprintf(expected, sizeof expected, "a month YYYY-MM (01 to 12) in '%s'", c->name);
        break;
    }
    }
    if (canonical) {
        rec->values[column] = canon->text[column];
        return 0;
    }
    /* a regional form where the input does not make it unambiguous: say where it is read */
    int number = c->type == CS_COL_LAT || c->type == CS_COL_LON || c->type == CS_COL_REAL ||
                 c->type == CS_COL_AMOUNT || c->type == CS_COL_SHARE;
    const char *hint = NULL;
    if (!rec->regional_forms && number && strchr(v, ','))
        hint = "a decimal comma is read in a file delimited by ';' or tab, or in Windows-1251";
    else if (!rec->regional_forms && c->type == CS_COL_DATE && strchr(v, '.'))
        hint = "DD.MM.YYYY is read in a file delimited by ';' or tab, or in Windows-1251";
    else if (c->type == CS_COL_DATE && strlen(v) == 10 && v[4] == '-' && v[7] == '-')
        hint = "a day that exists: 29 February only in a leap year";
    if (hint) {
        size_t n = strlen(expected);
        snprintf(expected + n, sizeof expected - n, " (%s)", hint);
    }
    return cs_record_error(rec, column, expected, v);
}

int cs_record_duplicate_error(const cs_record *rec, const char *what, long first_line,
                              const char *found)
{
    const cs_kind_spec *spec = rec->spec;
    int last = (int)spec->n_key_columns - 1;
    char expected[768];
    int n = snprintf(
        expected, sizeof expected, "%s %s key not used before in this import (first at %s %ld",
        strchr("aeiou", what[0]) ? "an" : "a", what, rec->line > 0 ? "line" : "record", first_line);
    /* a key of one column is the value found; a longer one is named whole */
    for (int i = 0; last > 0 && i <= last && n > 0 && (size_t)n < sizeof expected; i++) {
        const char *v = rec->values[i] && *rec->values[i] ? rec->values[i] : "(none)";
        n += snprintf(expected + n, sizeof expected - (size_t)n, "%s%s %s", i ? ", " : ": ",
                      spec->columns[i].name, v);
    }
    if (n > 0 && (size_t)n < sizeof expected)
        snprintf(expected + n, sizeof expected - (size_t)n, ")");
    return cs_record_error(rec, last, expected, found ? found : "");
}
