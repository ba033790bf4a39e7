/*
 * catalog_search.c: the words of `clusterscope search` ("sr_") and of news in the web
 * observatory (the search page's news hits, the news part of a cluster's page and card:
 * "web.hit_news", "web.news_"), in English and Russian (i18n_impl.h). Sorted by key.
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "sr_col_key", "key", "ключ" },
    { "sr_col_kind", "kind", "вид" },
    { "sr_col_snippet", "where the words stand", "где найдены слова" },
    { "sr_col_title", "title", "название" },
    { "sr_col_year", "year", "год" },
    { "sr_heading", "hits: %zu, shown: %zu", "найдено: %zu, показано: %zu" },
    { "web.hit_news", "news", "новость" },
    { "web.news", "News", "Новости" },
    { "web.news_kind_announcement", "announcement", "анонс" },
    { "web.news_kind_bulletin", "bulletin", "бюллетень" },
    { "web.news_kind_event", "event", "событие" },
    { "web.news_kind_interview", "interview", "интервью" },
    { "web.news_kind_publication", "publication", "издание" },
    { "web.news_outlet", "Source: ", "Источник: " },
};

const cs_i18n_catalog cs_i18n_catalog_search = { "search", entries,
                                                 sizeof entries / sizeof entries[0] };
