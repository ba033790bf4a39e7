/*
 * catalog_factors.c: the words of the target models and success factors (factors/write.c,
 * clusterscope factors, the report's section) in English and Russian (i18n_impl.h). Sorted by
 * key.
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "factors", "Target models and success factors", "Целевые модели и факторы успеха" },
    { "fx_at_least", "at least", "не менее" },
    { "fx_basis_derived", "derived from the study's statements",
      "выведено из утверждений исследования" },
    { "fx_basis_reconstructed", "reconstructed from Table 2.2", "восстановлено по табл. 2.2" },
    { "fx_basis_stated", "stated by the study", "указано в исследовании" },
    { "fx_case", "the study's case", "кейс исследования" },
    { "fx_cases", "Cases", "Кейсы" },
    { "fx_derived", "derived", "выведено" },
    { "fx_estimated", "estimated", "оценка" },
    { "fx_evidence", "evidence in recorded facts", "подтверждение фактами реестра" },
    { "fx_evidence_head", "Evidence in recorded facts", "Подтверждение фактами реестра" },
    { "fx_evidenced", "evidenced by recorded facts", "подтвержден фактами реестра" },
    { "fx_example", "the study names it as an example", "пример, названный в исследовании" },
    { "fx_factor", "Factor", "Фактор" },
    { "fx_factors", "Success factors", "Факторы успеха" },
    { "fx_fits", "fits", "соответствует" },
    { "fx_found_group", "Group in the stored partition", "Группа в сохраненном разбиении" },
    { "fx_group_fit", "the cluster's group", "группа кластера" },
    { "fx_legend",
      "+ evidenced by recorded facts, − not evidenced, ? unknown (no fact, or the facts do not "
      "decide), · no recorded fact can show the factor. Target models TM1-TM4: + fits (the study "
      "names the cluster as an example, or its group and its members match), − does not fit, ? "
      "unknown.",
      "+ подтвержден фактами реестра, − не подтвержден, ? неизвестно (факта нет или факты не "
      "решают), · ни один факт реестра не может показать фактор. Целевые модели TM1-TM4: + "
      "соответствует (исследование называет кластер примером или совпадают группа и участники), "
      "− не соответствует, ? неизвестно." },
    { "fx_members", "members and initiative", "участники и инициатива" },
    { "fx_met", "met", "выполнено" },
    { "fx_mmk_note",
      "The study compared the International Medical Cluster (ММК) against these factors (preface, "
      "lines 601-667); its chapter is missing from the source, and it has no group or target model "
      "there.",
      "Исследование сопоставило Международный медицинский кластер (ММК) с этими факторами "
      "(предисловие, строки 601-667); глава о нем в источнике отсутствует, группа и целевая модель "
      "ему не присвоены." },
    { "fx_model_groups", "the model fits groups", "модель подходит группам" },
    { "fx_models", "Target models", "Целевые модели" },
    { "fx_no", "no", "нет" },
    { "fx_no_cases", "no case of this cluster in the study",
      "в исследовании нет кейса этого кластера" },
    { "fx_no_fact", "no recorded fact can show it", "факты реестра не могут это показать" },
    { "fx_no_fact_recorded", "no fact recorded", "факт не записан" },
    { "fx_no_reference",
      "The registry holds no target models and success factors: import "
      "data/reference/reference-groups.json.",
      "В реестре нет целевых моделей и факторов успеха: импортируйте "
      "data/reference/reference-groups.json." },
    { "fx_none", "none", "нет" },
    { "fx_not_evidenced", "not evidenced by recorded facts", "не подтвержден фактами реестра" },
    { "fx_not_fit", "does not fit", "не соответствует" },
    { "fx_not_met", "not met", "не выполнено" },
    { "fx_section", "Target models and success factors", "Целевые модели и факторы успеха" },
    { "fx_section_intro",
      "The study's four target models (Table 2.2, lines 3486-4076) and seven success factors "
      "(chapter 3, lines 4113-8523) for the biomedical clusters of the registry: which facts "
      "evidence each factor, and which target models fit.",
      "Четыре целевые модели (табл. 2.2, строки 3486-4076) и семь факторов успеха (глава 3, строки "
      "4113-8523) исследования для биомедицинских кластеров реестра: какие факты подтверждают "
      "каждый фактор и какие целевые модели подходят." },
    { "fx_stated", "stated", "указано" },
    { "fx_study_group", "The study's group", "Группа по данным исследования" },
    { "fx_title", "Target models and success factors", "Целевые модели и факторы успеха" },
    { "fx_unknown", "unknown", "неизвестно" },
    { "fx_unknown_by_facts", "unknown from recorded facts", "по фактам реестра неизвестно" },
    { "fx_yes", "yes", "да" },
};

const cs_i18n_catalog cs_i18n_catalog_factors = { "factors", entries,
                                                  sizeof entries / sizeof entries[0] };
