/*
 * catalog_chart.c: the words of the charts drawn from region data (render/choropleth.c and the
 * chart command): legend entries and default axis names, keyed "ch_", in English and Russian
 * (i18n_impl.h). Sorted by key.
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "ch_no_data", "no data", "нет данных" },
    { "ch_not_given", "not in the data", "нет в данных" },
    { "ch_regions", "regions", "регионы" },
    { "ch_value", "value", "значение" },
};

const cs_i18n_catalog cs_i18n_catalog_chart = { "chart", entries,
                                                sizeof entries / sizeof entries[0] };
