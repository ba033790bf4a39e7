/*
 * catalog_regview.c: the words of the regional view: the report's regional section ("rv_") and
 * the web observatory's regional parts of the region and country pages ("web.rv_"), in English
 * and Russian (i18n_impl.h). Sorted by key. Formats: rv_chart_caption (%zu, %zu),
 * rv_classifications (%s, %s), rv_data (%s, %s, %d, %lld, %lld, %s, %s), rv_level_mixed (%s, %s,
 * %s, %s: type, count, types, count), rv_level_one (%s, %s), rv_map_mixed (%s, %s, %s, %s),
 * rv_map_no_code (%s), rv_map_off_maps (%s, %s), rv_types (%zu, %zu), web.rv_no_region_data (%d),
 * web.rv_other_level (%d, %s, %s), web.rv_summary (%s, %s, %zu, %s, %zu).
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
    { "rv_classifications",
      "The statistics name several classifications, which are not mixed: this reads those of "
      "'%s', which hold the most rows, and leaves out those of %s ('' is none).",
      "В статистике несколько классификаций, их не смешивают: здесь прочитана статистика "
      "классификации '%s', у которой больше всего строк, а статистика классификаций %s не "
      "учтена ('' — без классификации)." },
    { "rv_data",
      "Statistics: the registry's measures %s and %s of %d, %lld rows (%lld of them name no "
      "source); sources: %s. Years that hold both measures: %s.",
      "Статистика: показатели реестра %s и %s за %d год, строк: %lld (из них без источника: "
      "%lld); источники: %s. Годы, в которых есть оба показателя: %s." },
    { "rv_employment", "Employment", "Занятость" },
    { "rv_level_mixed",
      "The statistics' regions are of several types, which are not ranked together: ranks are "
      "over the regions of type %s (%s), whose regions hold the most cells with employment; "
      "left out: the regions of the other types (%s), %s.",
      "Регионы статистики разных типов, а их не ранжируют вместе: места считаются по регионам "
      "типа %s (%s), у которых больше всего ячеек с занятостью; не учтены регионы других типов "
      "(%s): %s." },
    { "rv_level_one", "Ranks are over all regions of the statistics (%s; region type: %s).",
      "Места считаются по всем регионам статистики (%s; тип регионов: %s)." },
    { "rv_map_caption",
      "Cluster strength in per cent of the regions ranked; hatched: no employment in traded "
      "categories (no rank); grey: not in the statistics.",
      "Сила кластеров ранжированных регионов в процентах; штриховка: нет занятости в торгуемых "
      "категориях (нет места); серым: нет в статистике." },
    { "rv_map_legend", "Cluster strength, %", "Сила кластеров, %" },
    { "rv_map_mixed",
      "No map: the regions' codes belong to different maps (%s of region %s, %s of region %s).",
      "Карты нет: коды регионов относятся к разным картам (%s у региона %s, %s у региона %s)." },
    { "rv_map_no_code",
      "No map: region %s has no standard code (import regions with a code column: US-CA, "
      "RU-TA, or a country's DE).",
      "Карты нет: у региона %s нет стандартного кода (импортируйте регионы со столбцом code: "
      "US-CA, RU-TA или код страны DE)." },
    { "rv_map_off_maps",
      "No map: code %s of region %s is on none of the maps (countries: DE; US states: US-CA; "
      "Russian regions: RU-TA).",
      "Карты нет: кода %s региона %s нет ни на одной карте (страны: DE; штаты США: US-CA; "
      "регионы России: RU-TA)." },
    { "rv_map_title", "Map of cluster strength", "Карта силы кластеров" },
    { "rv_no_sources", "none named", "не указаны" },
    { "rv_no_type", "not given", "не указан" },
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
      "share of the region's employment in its strong clusters; regions are ranked by it.",
      "Сильные кластеры по правилу проекта картирования кластеров США (US Cluster Mapping "
      "Project): в каждой категории кластер региона сильный, если его коэффициент локализации "
      "(LQ) не ниже 75-го процентиля по регионам с занятостью в категории и не меньше 1, а "
      "занятость и число предприятий выше их 25-х процентилей. Сила кластеров — доля занятости "
      "региона в его сильных кластерах; по ней регионы ранжируются." },
    { "rv_source", "Source of the rule: the project's processing code, repository",
      "Источник правила: код обработки данных проекта, репозиторий" },
    { "rv_source_docs", "; formulas and choices: docs/regional.md, “Strong clusters”.",
      "; формулы и принятые решения: docs/regional.md, раздел «Strong clusters»." },
    { "rv_strength", "Cluster strength", "Сила кластеров" },
    { "rv_strong", "Strong clusters (LQ)", "Сильные кластеры (LQ)" },
    { "rv_types",
      "Categories are traded or local as the industry table of the statistics' classification "
      "says (local: %zu; without a type, so counted as traded: %zu): a location quotient is "
      "against the region's employment of the category's type, and cluster strength is the "
      "share of traded employment.",
      "Категории торгуемые или локальные, как указано в таблице отраслей классификации "
      "статистики (локальных: %zu; без типа и потому торгуемых: %zu): коэффициент локализации "
      "считается от занятости региона в категориях того же типа, а сила кластеров — доля "
      "торгуемой занятости." },
    { "rv_types_all",
      "Every category counts as traded: the statistics' categories have no type in the "
      "registry (codes of a category classification whose industry table says traded or local "
      "give them one).",
      "Все категории считаются торгуемыми: у категорий статистики нет типа в реестре (его дают "
      "коды классификации вида category, в таблице отраслей которой указано traded или "
      "local)." },
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
    { "web.rv_other_level",
      "The ranks of %d are over the regions of type %s; this region is of type %s, which is "
      "left out so that levels are not mixed.",
      "Места за %d год считаются по регионам типа %s; этот регион типа %s не учтён, чтобы не "
      "смешивать уровни." },
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
