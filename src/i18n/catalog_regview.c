/*
 * catalog_regview.c: the words of the regional view: the report's regional section ("rv_") and
 * the web observatory's regional parts of the region and country pages ("web.rv_"), in English
 * and Russian (i18n_impl.h). Sorted by key. Formats: rv_chart_caption (%zu, %zu), rv_data (%s,
 * %s, %d, %lld, %lld, %s, %s), web.rv_no_region_data (%d), web.rv_summary (%s, %s, %zu, %s,
 * %zu).
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "regional", "Regional specialisation and strong clusters",
      "Региональная специализация и сильные кластеры" },
    { "rv_chart_caption",
      "Cluster strength (%zu regions with the greatest strength of %zu): the share of the "
      "region's employment in its strong clusters.",
      "Сила кластеров (%zu регионов с наибольшей силой из %zu): доля занятости региона в его "
      "сильных кластерах." },
    { "rv_chart_title", "Cluster strength by region", "Сила кластеров по регионам" },
    { "rv_data",
      "Statistics: the registry's measures %s and %s of %d, %lld rows (%lld of them name no "
      "source); sources: %s. Years that hold both measures: %s.",
      "Статистика: показатели реестра %s и %s за %d год, строк: %lld (из них без источника: "
      "%lld); источники: %s. Годы, в которых есть оба показателя: %s." },
    { "rv_employment", "Employment", "Занятость" },
    { "rv_map_pending",
      "The map of cluster strength goes here once the maps are joined; the table gives its "
      "numbers.",
      "Здесь будет карта силы кластеров (карты ещё не подключены); её числа приведены в "
      "таблице." },
    { "rv_no_sources", "none named", "не указаны" },
    { "rv_none",
      "The registry holds no statistics of employment and establishments for one year (import "
      "kind statistics), so no strong clusters are computed.",
      "В реестре нет статистики занятости и числа предприятий за один год (вид импорта "
      "statistics), поэтому сильные кластеры не вычислены." },
    { "rv_percentile", "Percentile", "Процентиль" },
    { "rv_rank", "Rank", "Место" },
    { "rv_region", "Region", "Регион" },
    { "rv_rule",
      "Strong clusters by the rule of the US Cluster Mapping Project: in each cluster category, "
      "a region's cluster is strong when its location quotient (LQ) is at least the 75th "
      "percentile of the regions with employment in the category and at least 1, and its "
      "employment and establishments are above their 25th percentiles. Cluster strength is the "
      "share of the region's employment in its strong clusters; regions are ranked by it. Every "
      "category counts as traded (the statistics hold no type), and the ranks are over all "
      "regions of the statistics.",
      "Сильные кластеры по правилу проекта картирования кластеров США (US Cluster Mapping "
      "Project): в каждой категории кластер региона сильный, если его коэффициент локализации "
      "(LQ) не ниже 75-го процентиля по регионам с занятостью в категории и не меньше 1, а "
      "занятость и число предприятий выше их 25-х процентилей. Сила кластеров — доля занятости "
      "региона в его сильных кластерах; по ней регионы ранжируются. Все категории считаются "
      "торгуемыми (в статистике нет типа), места считаются по всем регионам статистики." },
    { "rv_source", "Source of the rule: the project's processing code, repository",
      "Источник правила: код обработки данных проекта, репозиторий" },
    { "rv_source_docs", "; formulas and choices: docs/regional.md, “Strong clusters”.",
      "; формулы и принятые решения: docs/regional.md, раздел «Strong clusters»." },
    { "rv_strength", "Cluster strength", "Сила кластеров" },
    { "rv_strong", "Strong clusters (LQ)", "Сильные кластеры (LQ)" },
    { "web.rv_category", "Category", "Категория" },
    { "web.rv_csv", "The profile as CSV", "Профиль в CSV" },
    { "web.rv_lq", "LQ", "LQ" },
    { "web.rv_lq_chart", "Location quotients of the region's top categories",
      "Коэффициенты локализации ведущих категорий региона" },
    { "web.rv_no_region_data", "The registry's statistics of %d hold nothing for this region.",
      "В статистике реестра за %d год для этого региона ничего нет." },
    { "web.rv_none",
      "The registry holds no statistics of employment and establishments for one year.",
      "В реестре нет статистики занятости и числа предприятий за один год." },
    { "web.rv_profile", "Specialisation profile", "Профиль специализации" },
    { "web.rv_regions", "Regions by cluster strength", "Регионы по силе кластеров" },
    { "web.rv_related_skipped",
      "The related categories the region lacks need a relatedness table, which the registry "
      "does not hold (clusterscope related-clusters --table reads one from a file).",
      "Для связанных категорий, которых нет у региона, нужна таблица связанности; в реестре её "
      "нет (clusterscope related-clusters --table читает её из файла)." },
    { "web.rv_strong_flag", "strong", "сильный" },
    { "web.rv_summary",
      "Cluster strength %s (rank %s of %zu, percentile %s); strong clusters: %zu.",
      "Сила кластеров %s (место %s из %zu, процентиль %s); сильных кластеров: %zu." },
};

const cs_i18n_catalog cs_i18n_catalog_regview = { "regview", entries,
                                                  sizeof entries / sizeof entries[0] };
