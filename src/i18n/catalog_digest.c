/*
 * catalog_digest.c: the words of the news digest (`clusterscope digest`, src/report/digest*.c),
 * keyed "dg_", in English and Russian (i18n_impl.h). Sorted by key.
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "dg_about", "The Russian Cluster Observatory", "Российская кластерная обсерватория" },
    { "dg_box", "For reference:", "Справочно:" },
    { "dg_call", "Dear subscribers!", "Уважаемые подписчики!" },
    { "dg_contacts", "Contacts", "Контактная информация" },
    { "dg_contents", "Contents", "Содержание" },
    { "dg_download", "Download the file", "Скачать файл" },
    /* %s the month's name, %d the year */
    { "dg_edition", "%s %d", "%s %d г." },
    { "dg_feed_title", "News of the registry", "Новости реестра" },
    /* %s a number of bytes as "3.1" */
    { "dg_file_mb", "MB", "Мб" },
    { "dg_in_en", "in English", "на английском языке" },
    { "dg_in_ru", "in Russian", "на русском языке" },
    /* %lld the issue number */
    { "dg_issue", "Issue %lld", "Выпуск №%lld" },
    { "dg_kind", "news digest", "дайджест новостей" },
    { "dg_month_01", "January", "январь" },
    { "dg_month_02", "February", "февраль" },
    { "dg_month_03", "March", "март" },
    { "dg_month_04", "April", "апрель" },
    { "dg_month_05", "May", "май" },
    { "dg_month_06", "June", "июнь" },
    { "dg_month_07", "July", "июль" },
    { "dg_month_08", "August", "август" },
    { "dg_month_09", "September", "сентябрь" },
    { "dg_month_10", "October", "октябрь" },
    { "dg_month_11", "November", "ноябрь" },
    { "dg_month_12", "December", "декабрь" },
    { "dg_page", "page", "стр." },
    { "dg_publications", "New publications", "Новые публикации" },
    { "dg_resources", "Information resources", "Информационные ресурсы" },
    { "dg_section_announcement", "Announcements", "Анонсы" },
    { "dg_section_bulletin", "Express-information bulletins", "Бюллетени экспресс-информации" },
    { "dg_section_event", "Events", "События" },
    { "dg_section_interview", "Interview", "Интервью" },
    { "dg_section_publication", "New publications", "Новые издания" },
    /* %lld the number in the series, %s the year */
    { "dg_series_number", "No. %lld (%s)", "№ %lld (%s)" },
    { "dg_source", "Source:", "Источник:" },
    { "dg_title", "Territorial clusters", "Территориальные кластеры" },
    { "dg_unrecorded",
      "Issue %lld is not in the registry: this digest holds the news of %s by date, with the "
      "masthead of issue %lld.",
      "Выпуска №%lld нет в реестре: в дайджест вошли новости за %s по дате, с текстами выпуска "
      "№%lld." },
    { "dg_unrecorded_bare",
      "Issue %lld is not in the registry: this digest holds the news of %s by date.",
      "Выпуска №%lld нет в реестре: в дайджест вошли новости за %s по дате." },
};

const cs_i18n_catalog cs_i18n_catalog_digest = { "digest", entries,
                                                 sizeof entries / sizeof entries[0] };
