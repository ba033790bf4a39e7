/*
 * catalog_programmes.c: the words of support programmes and official registries ("pg_"): the
 * programmes and registries commands' tables (src/cli/cmd_programmes.c), the report's sections
 * on them and the cluster page's part, in English and Russian (i18n_impl.h). Sorted by key.
 * Formats: pg_programme_source (%s).
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "pg_applications", "Applications (stated)", "Заявок (по источнику)" },
    { "pg_applications_title", "Applications", "Заявки" },
    { "pg_awarded", "Awarded", "Выделено" },
    { "pg_awards", "Awards (stated)", "Победителей (по источнику)" },
    { "pg_basis", "Basis", "Основа" },
    { "pg_basis_applications", "applications", "по заявкам" },
    { "pg_basis_none", "-", "-" },
    { "pg_basis_stated", "stated", "по источнику" },
    { "pg_budget", "Budget", "Бюджет" },
    { "pg_change_amount", "Change, p.p.", "Изменение, п.п." },
    { "pg_change_count", "Change, p.p.", "Изменение, п.п." },
    { "pg_chart_caption",
      "Amounts requested and awarded by round: stated totals where the round states them, else the "
      "sums of its stored applications (the table says which); ? = not known.",
      "Запрошенные и выделенные суммы по конкурсам: итоги по источнику, где они приведены, иначе "
      "суммы заявок в реестре (основа указана в таблице); ? — неизвестно." },
    { "pg_chart_title", "requested and awarded by round", "запрошено и выделено по конкурсам" },
    { "pg_cluster", "Cluster", "Кластер" },
    { "pg_clusters", "Clusters", "Кластеров" },
    { "pg_decision", "Decision", "Решение" },
    { "pg_decision_act", "Decision (act)", "Решение (акт)" },
    { "pg_decision_awarded", "awarded", "поддержана" },
    { "pg_decision_none", "?", "?" },
    { "pg_decision_pending", "pending", "на рассмотрении" },
    { "pg_decision_refused", "refused", "отклонена" },
    { "pg_decision_withdrawn", "withdrawn", "отозвана" },
    { "pg_entered", "Entered", "Включён" },
    { "pg_kind", "Kind", "Вид" },
    { "pg_kind_label", "label", "знак качества" },
    { "pg_kind_list", "list", "перечень" },
    { "pg_kind_registry", "registry", "реестр" },
    { "pg_kind_support", "support programme", "программа поддержки" },
    { "pg_left", "Left", "Исключён" },
    { "pg_legend",
      "Stated: the totals a source states for the round; applications: the sums of the stored "
      "applications. Rate by amount = awarded / requested, by count = awards / applications. "
      "Shares are of the round's awarded amount and awards; their change is in percentage points "
      "from the programme's previous round on the same basis. ? = not known.",
      "По источнику: итоги конкурса, которые приводит источник; по заявкам: суммы заявок в "
      "реестре. Доля по сумме = выделено / запрошено, по числу = победители / заявки. Доли — от "
      "выделенной суммы и числа победителей конкурса; изменение — в процентных пунктах к "
      "предыдущему конкурсу программы на той же основе. ? — неизвестно." },
    { "pg_level", "Level", "Уровень" },
    { "pg_no_listings",
      "No listings: the registry holds no cluster in a registry, label or list (import kind "
      "listings).",
      "Нет записей: в реестре нет кластеров, включённых в реестры, перечни или получивших знаки "
      "качества (вид импорта listings)." },
    { "pg_none", "No programmes: the registry holds none (import kind programmes).",
      "Нет программ: в реестре их нет (вид импорта programmes)." },
    { "pg_programme", "Programme", "Программа" },
    { "pg_programme_source", "Source: %s.", "Источник: %s." },
    { "pg_rate_amount", "Rate by amount", "Доля по сумме" },
    { "pg_rate_count", "Rate by count", "Доля по числу" },
    { "pg_registries_legend",
      "Entered and left as the decision dates them (YYYY, YYYY-MM or YYYY-MM-DD); no date left: "
      "still listed, or not known. Source: the registry's source key and locator.",
      "Даты включения и исключения — по решению (ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД); без даты "
      "исключения — в реестре до сих пор или неизвестно. Источник: ключ источника реестра и место "
      "в нём." },
    { "pg_report_none",
      "The registry holds no support programme with competition rounds (import kinds programmes "
      "and programme_rounds).",
      "В реестре нет программ поддержки с конкурсами (виды импорта programmes и "
      "programme_rounds)." },
    { "pg_requested", "Requested", "Запрошено" },
    { "pg_round", "Round", "Конкурс" },
    { "pg_share_amount", "Share of amount", "Доля суммы" },
    { "pg_share_count", "Share of awards", "Доля победителей" },
    { "pg_shares_title", "Shares by specialisation", "Доли по специализации" },
    { "pg_source", "Source", "Источник" },
    { "pg_specialisation", "Specialisation", "Специализация" },
    { "pg_stored", "Applications stored", "Заявок в реестре" },
    { "pg_sum_awarded", "Sum awarded", "Сумма выделенного" },
    { "pg_sum_requested", "Sum requested", "Сумма запрошенного" },
    { "pg_unknown_spec", "(specialisation not recorded)", "(специализация не указана)" },
    { "pg_web_applications", "Applications to support programmes", "Заявки в программы поддержки" },
    { "pg_web_listings", "Registries, labels and lists", "Реестры, знаки качества и перечни" },
    { "pg_web_none",
      "No listing in a registry, label or list and no application to a support programme is "
      "recorded.",
      "В реестре нет записей о включении в реестры, перечни или о знаках качества и нет заявок в "
      "программы поддержки." },
    { "pg_web_title", "Programmes and registries", "Программы и реестры" },
    { "pg_year", "Year", "Год" },
    { "programmes", "Support programmes", "Программы поддержки" },
    { "registries", "Official registries, labels and lists",
      "Официальные реестры, знаки качества и перечни" },
};

const cs_i18n_catalog cs_i18n_catalog_programmes = { "programmes", entries,
                                                     sizeof entries / sizeof entries[0] };
