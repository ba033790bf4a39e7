/*
 * catalog_regional.c: the words of the regional commands' tables (specialisation,
 * strong-clusters, shift-share): the heading of each column, keyed "rg_" and the column's CSV
 * name, in English and Russian (i18n_impl.h). Sorted by key.
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "rg_cagr", "CAGR", "среднегодовой темп роста" },
    { "rg_category", "category", "категория" },
    { "rg_change", "change", "изменение" },
    { "rg_cluster_strength", "cluster strength", "сила кластеров" },
    { "rg_co-occurrence", "co-occurrence", "совместная встречаемость" },
    { "rg_complexity", "complexity (KCI)", "сложность (KCI)" },
    { "rg_density", "relatedness density", "плотность связанности" },
    { "rg_diversity", "diversity", "разнообразие" },
    { "rg_entropy", "entropy", "энтропия" },
    { "rg_focus", "focus", "доля в занятости региона" },
    { "rg_focus_star", "focus star", "звезда фокуса" },
    { "rg_from", "first year", "первый год" },
    { "rg_gini", "Gini", "Джини" },
    { "rg_herfindahl", "Herfindahl", "Херфиндаль" },
    { "rg_hoover", "Hoover specialisation", "коэффициент специализации Гувера" },
    { "rg_hoover-index", "Hoover index", "индекс Гувера" },
    { "rg_industry", "industry", "отрасль" },
    { "rg_industry2", "industry 2", "отрасль 2" },
    { "rg_industry_mix", "industry mix", "структурный сдвиг" },
    { "rg_krugman", "Krugman", "Кругман" },
    { "rg_lq", "LQ", "КЛ" },
    { "rg_lq-binary", "LQ >= 1", "КЛ >= 1" },
    { "rg_national_share", "national share", "национальный сдвиг" },
    { "rg_percentile", "percentile", "процентиль" },
    { "rg_qualifying", "qualifying", "отвечает условиям" },
    { "rg_rank", "rank", "место" },
    { "rg_region", "region", "регион" },
    { "rg_regional_share", "regional share", "региональный сдвиг" },
    { "rg_related_variety", "related variety", "связанное разнообразие" },
    { "rg_relatedness", "relatedness", "связанность" },
    { "rg_significant", "significant", "значимый" },
    { "rg_size_star", "size star", "звезда размера" },
    { "rg_specialisation_star", "specialisation star", "звезда специализации" },
    { "rg_stars", "stars", "звезды" },
    { "rg_strong", "strong", "сильный" },
    { "rg_strong10", "strong (top 10%)", "сильный (верхние 10%)" },
    { "rg_strong_clusters", "strong clusters", "сильные кластеры" },
    { "rg_to", "second year", "второй год" },
    { "rg_traded_employment", "traded employment", "занятость в торгуемых отраслях" },
    { "rg_ubiquity", "ubiquity", "распространенность" },
    { "rg_unrelated_variety", "unrelated variety", "несвязанное разнообразие" },
};

const cs_i18n_catalog cs_i18n_catalog_regional = { "regional", entries,
                                                   sizeof entries / sizeof entries[0] };
