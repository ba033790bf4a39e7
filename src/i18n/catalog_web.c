/*
 * catalog_web.c: the words of the web observatory's pages (src/web) in English and Russian
 * (i18n_impl.h). Keys start with "web."; sorted by key.
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "web.bad_request", "Bad request", "Неверный запрос" },
    { "web.clusters", "Clusters", "Кластеры" },
    { "web.home", "Home", "Главная" },
    { "web.lang_other", "Русский", "English" },
    { "web.not_found", "Not found", "Не найдено" },
    { "web.not_found_text", "There is no page at this address.", "По этому адресу страницы нет." },
    { "web.server_error", "Server error", "Ошибка сервера" },
    { "web.site", "clusterscope observatory", "Обсерватория clusterscope" },
    { "web.skip", "Skip to content", "Перейти к содержанию" },
};

const cs_i18n_catalog cs_i18n_catalog_web = { "web", entries, sizeof entries / sizeof entries[0] };
