/*
 * store_export.c: reading every record kind back, in key order, as the text an import reads
 * (records.h). Rows stream from the database, so memory does not grow with the registry.
 */
#include "store/records.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"
#include "util/number.h"

#include <stdio.h>
#include <stdlib.h>

/* Each kind's columns in record column order; an unknown stored as 0 or '' reads as empty. */
static const char *const select_sql[CS_KIND_COUNT] = {
    [CS_KIND_FACT_DEFINITIONS] = "SELECT name, subject_kind, type, levels, unit, label_en, "
                                 "label_ru, description FROM fact_definition "
                                 "ORDER BY subject_kind, name",
    [CS_KIND_SOURCES] = "SELECT key, title, document, locator, url, date, publisher, note "
                        "FROM source ORDER BY key",
    [CS_KIND_COUNTRIES] = "SELECT code, name_en, name_ru FROM country ORDER BY code",
    [CS_KIND_REGIONS] = "SELECT key, country, name_en, name_ru, parent, type, code FROM region "
                        "ORDER BY key",
    [CS_KIND_CLUSTERS] = "SELECT key, name_en, name_ru, country, region, city, lat, lon, "
                         "founded, website, cluster_organisation, kind, specialisation, stage, "
                         "source, note FROM cluster ORDER BY key",
    [CS_KIND_ORGANISATIONS] = "SELECT key, name, type, activities, country, website, source, "
                              "note FROM organisation ORDER BY key",
    [CS_KIND_MEMBERSHIPS] = "SELECT c.key, o.key, m.role, m.value_chain_stage, m.joined, "
                            "m.left_on, m.source FROM membership m JOIN cluster c ON c.id = "
                            "m.cluster_id JOIN organisation o ON o.id = m.organisation_id "
                            "ORDER BY c.key, o.key",
    [CS_KIND_FACTS] = "SELECT subject_kind, subject, name, NULLIF(year, 0), NULLIF(value, ''), "
                      "status, source, locator, quote, note FROM fact "
                      "ORDER BY subject_kind, subject, name, year",
    [CS_KIND_REFERENCE_SETS] = "SELECT key, source, description, profile_method, sample_size, "
                               "published_sum, size_note, method_note, document "
                               "FROM reference_set ORDER BY key",
    [CS_KIND_REFERENCE_TYPES] = "SELECT set_key, number, name_en, name_ru, size_published, "
                                "size_locator, characteristics FROM reference_type "
                                "ORDER BY set_key, number",
    [CS_KIND_REFERENCE_TRAITS] = "SELECT set_key, type_number, position, item, countries, "
                                 "share_min, share_max, published, basis, locator, shared_with, "
                                 "note FROM reference_trait "
                                 "ORDER BY set_key, type_number, position",
    [CS_KIND_REFERENCE_ASSIGNMENTS] = "SELECT set_key, cluster_key, type_number, basis, "
                                      "evidence, locator, target_models "
                                      "FROM reference_assignment ORDER BY set_key, cluster_key",
    [CS_KIND_REFERENCE_MODELS] = "SELECT set_key, number, name_en, name_ru, locator, task_en, "
                                 "task_ru, groups, groups_quote, groups_locator, "
                                 "evidence_method, evidence FROM reference_model "
                                 "ORDER BY set_key, number",
    [CS_KIND_REFERENCE_FACTORS] = "SELECT set_key, number, name_en, name_ru, locator, "
                                  "heading_locator, preface_ru, preface_locator, practices_en, "
                                  "practices_ru, evidence_method, evidence, no_evidence "
                                  "FROM reference_factor ORDER BY set_key, number",
    [CS_KIND_REFERENCE_CASES] = "SELECT set_key, position, factor, cluster_key, title_ru, "
                                "locator, summary_en, summary_ru FROM reference_case "
                                "ORDER BY set_key, position",
    [CS_KIND_ASSESSMENT_RUNS] = "SELECT id, method_id, method_version, NULLIF(year, 0), "
                                "software_version, created, items, indicators "
                                "FROM assessment_run ORDER BY id",
    [CS_KIND_ASSESSMENT_SCORES] = "SELECT run_id, cluster_key, items, indicators, total, known "
                                  "FROM assessment_score ORDER BY run_id, cluster_key",
    [CS_KIND_CLASSIFICATIONS] = "SELECT key, kind, name_en, name_ru, source, note "
                                "FROM classification ORDER BY key",
    [CS_KIND_INDUSTRIES] = "SELECT classification, code, name_en, name_ru, parent, type "
                           "FROM industry ORDER BY classification, code",
    [CS_KIND_CONCORDANCE] = "SELECT classification, industry, scheme, category, source "
                            "FROM concordance ORDER BY classification, industry, scheme",
    [CS_KIND_STATISTICS] = "SELECT region, NULLIF(classification, ''), industry, NULLIF(year, 0), "
                           "measure, value, source, status, locator, note FROM statistic "
                           "ORDER BY region, classification, industry, year, measure",
    [CS_KIND_ASSESSMENT_OUT_OF_SCOPE] = "SELECT run_id, cluster_key, rule, result, found "
                                        "FROM assessment_out_of_scope ORDER BY run_id, cluster_key",
    [CS_KIND_PARTITIONS] = "SELECT id, created, software_version, assessment_run, method_id, "
                           "method_version, view, variables, unknown_policy, distance, "
                           "algorithm, k, k_given, k_rule, k_scan, seed, silhouette, cophenetic, "
                           "objects, reference_set, ari, compared, min_known, imputed_pairs "
                           "FROM typology_partition "
                           "ORDER BY id",
    [CS_KIND_PARTITION_GROUPS] = "SELECT partition_id, number, size, label_type, label_reason, "
                                 "profile FROM typology_group ORDER BY partition_id, number",
    [CS_KIND_PARTITION_MEMBERS] = "SELECT partition_id, cluster_key, group_number, silhouette, "
                                  "left_out FROM typology_member "
                                  "ORDER BY partition_id, cluster_key",
    [CS_KIND_PROGRAMMES] = "SELECT key, kind, name_en, name_ru, operator, country, started, "
                           "ended, budget, currency, levels, url, source, locator, quote, note "
                           "FROM programme ORDER BY key",
    [CS_KIND_PROGRAMME_ROUNDS] = "SELECT programme, round, year, budget, requested, awarded, "
                                 "applications, awards, status, source, locator, quote, note "
                                 "FROM programme_round ORDER BY programme, round",
    [CS_KIND_ROUND_SHARES] = "SELECT programme, round, specialisation, clusters, requested, "
                             "awarded, status, source, locator, quote, note FROM round_share "
                             "ORDER BY programme, round, specialisation",
    [CS_KIND_APPLICATIONS] = "SELECT programme, round, cluster, requested, awarded, decision, "
                             "status, source, locator, quote, note FROM application "
                             "ORDER BY programme, round, cluster",
    [CS_KIND_LISTINGS] = "SELECT programme, cluster, entered, left_on, level, decision, status, "
                         "source, locator, quote, note FROM listing "
                         "ORDER BY programme, cluster, entered",
    [CS_KIND_TARGETS] = "SELECT cluster, name, NULLIF(year, 0), value, baseline_year, status, "
                        "source, locator, quote, note FROM target ORDER BY cluster, name, year",
    [CS_KIND_CHAIN_STAGES] = "SELECT cluster, stage, position, name_en, name_ru, source, "
                             "locator, quote, note FROM chain_stage ORDER BY cluster, stage",
    [CS_KIND_PROJECTS] = "SELECT key, cluster, name_en, name_ru, started, ended, participants, "
                         "stages, outcome, status, source, locator, quote, note FROM project "
                         "ORDER BY key",
    [CS_KIND_PROJECT_MEMBERS] = "SELECT project, organisation, role, stage, source, locator, "
                                "quote, note FROM project_member ORDER BY project, organisation",
    [CS_KIND_PROJECT_STAGES] = "SELECT project, stage, source FROM project_stage "
                               "ORDER BY project, stage",
    [CS_KIND_LINKS] = "SELECT cluster, source_org, target_org, kind, project, year, weight, "
                      "status, source, locator, quote, note FROM link "
                      "ORDER BY cluster, source_org, target_org, kind",
    /* news and the digest (migration 0013) */
    [CS_KIND_NEWS] = "SELECT key, kind, date, lang, title, title_en, title_ru, lead, body, box, "
                     "summary_en, summary_ru, series, series_number, file_url, file_format, "
                     "file_bytes, outlet, url, source, locator, quote, note FROM news_item "
                     "ORDER BY key",
    [CS_KIND_NEWS_QA] = "SELECT item, position, question, answer FROM news_qa "
                        "ORDER BY item, position",
    [CS_KIND_NEWS_LINKS] = "SELECT item, target_kind, target_key FROM news_link "
                           "ORDER BY item, target_kind, target_key",
    [CS_KIND_DIGESTS] = "SELECT number, month, publisher, title_ru, title_en, subtitle_ru, "
                        "subtitle_en, source, locator, note FROM digest_issue ORDER BY number",
    [CS_KIND_DIGEST_TEXTS] = "SELECT issue, part, lang, text FROM digest_text "
                             "ORDER BY issue, part, lang",
    [CS_KIND_DIGEST_ENTRIES] = "SELECT issue, position, item FROM digest_entry "
                               "ORDER BY issue, position",
};

struct cs_store_rows {
    cs_store *store;
    sqlite3_stmt *st;
    int columns;
    char numbers[CS_RECORD_MAX_COLUMNS][48];
};

int cs_store_rows_open(cs_store_rows **out, cs_store *store, cs_record_kind kind)
{
    *out = NULL;
    const cs_kind_spec *spec = cs_kind_spec_get(kind);
    if (!spec || !select_sql[kind])
        return cs_error_set(CS_EUSAGE, "no record kind %d", (int)kind);
    cs_store_rows *rows = calloc(1, sizeof *rows);
    if (!rows)
        return cs_error_set(CS_ENOMEM, "out of memory");
    rows->store = store;
    rows->columns = (int)spec->n_columns;
    if (sqlite3_prepare_v2(cs_store_db(store), select_sql[kind], -1, &rows->st, NULL) !=
        SQLITE_OK) {
        free(rows);
        return cs_store_fail(store, "reading the registry for export");
    }
    *out = rows;
    return 0;
}

/* The text of a column as an import reads it; numbers as the shortest text that reads back. */
static const char *column_text(sqlite3_stmt *st, int i, char *num, size_t cap)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
        return NULL;
    case SQLITE_INTEGER:
        snprintf(num, cap, "%lld", (long long)sqlite3_column_int64(st, i));
        return num;
    case SQLITE_FLOAT:
        cs_format_double(num, cap, sqlite3_column_double(st, i));
        return num;
    default: {
        const char *t = (const char *)sqlite3_column_text(st, i);
        return t && *t ? t : NULL;
    }
    }
}

int cs_store_rows_next(cs_store_rows *rows, const char **values)
{
    int step = sqlite3_step(rows->st);
    if (step == SQLITE_DONE)
        return 0;
    if (step != SQLITE_ROW)
        return cs_store_fail(rows->store, "reading the registry for export");
    for (int c = 0; c < rows->columns; c++)
        values[c] = column_text(rows->st, c, rows->numbers[c], sizeof rows->numbers[c]);
    return 1;
}

void cs_store_rows_close(cs_store_rows *rows)
{
    if (!rows)
        return;
    sqlite3_finalize(rows->st);
    free(rows);
}
