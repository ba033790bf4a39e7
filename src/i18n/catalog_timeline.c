/*
 * catalog_timeline.c: the words of change over time and counts of the registry (the timeline
 * and counts commands, the report's sections "timeline" and "counts"), keyed "tl_" and "ct_", in
 * English and Russian (i18n_impl.h). Sorted by key.
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "counts", "Counts of the registry", "Численность кластеров реестра" },
    { "ct_as_of", "as of %d", "на %d год" },
    { "ct_as_of_paren", " (as of %d)", " (на %d год)" },
    { "ct_by_kind", "kind", "тип" },
    { "ct_by_region", "region", "регион" },
    { "ct_by_registry", "registry or programme", "реестр или программа" },
    { "ct_by_specialisation", "specialisation", "специализация" },
    { "ct_by_stage", "stage", "стадия развития" },
    { "ct_col_clusters", "clusters", "кластеры" },
    { "ct_col_share", "share", "доля" },
    { "ct_col_stated", "stated by a source", "по данным источника" },
    { "ct_col_undated", "founding year unknown", "год создания неизвестен" },
    { "ct_heading", "Clusters by %s, %s", "Кластеры: %s, %s" },
    { "ct_in_country", "%s, %s", "%s, %s" },
    { "ct_note_registry",
      "A cluster counts in every programme it is listed in at the end of the year (or now); shares "
      "are of all the clusters (%lld) and may add up to more than 100%%.",
      "Кластер учитывается в каждой программе, в которой он числится на конец года (или сейчас); "
      "доли — от числа всех кластеров (%lld), их сумма может превышать 100%%." },
    { "ct_note_year",
      "Clusters founded in or before %d: %lld counted; founding year unknown, counted apart: %lld; "
      "founded later: %lld.",
      "Кластеры, созданные не позже %d года: учтено %lld; год создания неизвестен (учтены "
      "отдельно): %lld; созданы позже: %lld." },
    { "ct_now", "as the registry holds them", "по данным реестра" },
    { "ct_nowhere", "listed nowhere", "нигде не числится" },
    { "ct_stage_commonest", "the commonest known stage is %s (%lld of %lld; unknown for %lld)",
      "чаще всего известна стадия «%s» (%lld из %lld; неизвестна у %lld)" },
    { "ct_stage_most", "most of them at stage %s (%lld of %lld)",
      "большинство — на стадии «%s» (%lld из %lld)" },
    { "ct_stage_none", "unknown for every cluster", "неизвестна ни для одного кластера" },
    { "ct_stated_country",
      "%s: a source states %s (%s, %d); the registry holds %lld of the country's clusters.",
      "%s: по данным источника — %s (%s, %d год); кластеров страны в реестре: %lld." },
    { "ct_stated_row", "%s: a source states %s (%s, %d); the registry holds %lld.",
      "%s: по данным источника — %s (%s, %d год); в реестре — %lld." },
    { "ct_stated_source", "%s (%s, %d)", "%s (%s, %d год)" },
    { "ct_summary",
      "The registry holds %s%s; %lld of them biomedical (pharmaceuticals, medical technology and "
      "medicine). Stage of development: %s.",
      "В реестре %s%s, из них биомедицинских (фармацевтика, медицинская техника и медицина) — "
      "%lld. Стадия развития: %s." },
    { "ct_total", "total", "всего" },
    { "ct_unknown", "unknown", "неизвестно" },
    { "timeline", "Change over time", "Динамика показателей" },
    { "tl_col_baseline", "baseline", "базовый год" },
    { "tl_col_due", "due", "срок" },
    { "tl_col_fact", "fact", "показатель" },
    { "tl_col_gap", "years missing before", "пропущено лет" },
    { "tl_col_growth", "growth", "прирост" },
    { "tl_col_latest", "latest value", "последнее значение" },
    { "tl_col_progress", "progress", "выполнение" },
    { "tl_col_progress_baseline", "progress from baseline", "выполнение от базового года" },
    { "tl_col_source", "source", "источник" },
    { "tl_col_status", "status", "статус" },
    { "tl_col_target", "target", "цель" },
    { "tl_col_value", "value", "значение" },
    { "tl_col_year", "year", "год" },
    { "tl_col_years_to_due", "years to due", "лет до срока" },
    { "tl_gaps",
      "Years without a value are gaps, never 0: growth is measured between consecutive known "
      "years.",
      "Годы без значения — пропуски, а не 0: прирост считается между соседними известными "
      "годами." },
    { "tl_heading", "Change over time: %s (%s)", "Динамика показателей: %s (%s)" },
    { "tl_intro",
      "The dated facts of each cluster that has any, as series. Growth between consecutive known "
      "years is (value − previous) / previous; the compound annual growth over the span of exact "
      "values is (last / first)^(1 / years) − 1. A year without a value is a gap, never 0; a value "
      "written as a range (\">60\") is shown as written and left out of every rate. A target's "
      "progress is the latest known value / the target, and from its baseline year (latest − "
      "baseline) / (target − baseline).",
      "Датированные факты каждого кластера, у которого они есть, в виде рядов. Прирост между "
      "соседними известными годами — (значение − предыдущее) / предыдущее; среднегодовой темп "
      "прироста за период точных значений — (последнее / первое)^(1 / число лет) − 1. Год без "
      "значения — пропуск, а не 0; значение, заданное диапазоном («>60»), показано как записано и "
      "не входит в темпы. Выполнение цели — последнее известное значение / цель, а от базового "
      "года — (последнее − базовое) / (цель − базовое)." },
    { "tl_no_series", "The registry holds no dated facts of this cluster.",
      "В реестре нет датированных фактов об этом кластере." },
    { "tl_no_targets", "No targets.", "Целевых значений нет." },
    { "tl_not_drawn", "%s (not drawn, a range: %s)", "%s (не показано, диапазон: %s)" },
    { "tl_not_stated", "not stated", "не указан" },
    { "tl_ranges",
      "Values written as a range (%zu) are shown as written and left out of every rate.",
      "Значения, заданные диапазоном (%zu), показаны как записаны и не входят в темпы." },
    { "tl_report_none", "No cluster of the registry has dated facts or targets.",
      "Ни у одного кластера реестра нет датированных фактов или целевых значений." },
    { "tl_span", "%d–%d: change %s, compound annual growth %s a year.",
      "%d–%d: изменение %s, среднегодовой темп прироста %s в год." },
    { "tl_span_none", "Fewer than two exact values: no rate over the span.",
      "Меньше двух точных значений: темп за период не рассчитан." },
    { "tl_target_due", "target %s by %d", "цель %s к %d году" },
    { "tl_target_label", "target %s", "цель %s" },
    { "tl_targets", "Targets", "Целевые значения" },
    { "tl_year", "year", "год" },
};

const cs_i18n_catalog cs_i18n_catalog_timeline = { "timeline", entries,
                                                   sizeof entries / sizeof entries[0] };
