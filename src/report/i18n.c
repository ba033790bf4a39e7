/*
 * i18n.c: the report's words in English and Russian, number formats (Russian: decimal comma,
 * no-break space between thousands), plural forms and quotation marks.
 */
#include "report/report_impl.h"
#include "util/number.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sorted by key: looked up with bsearch. */
static const struct {
    const char *key, *en, *ru;
} words[] = {
    { "agreement", "Agreement with the study's groups", "Согласие с группами исследования" },
    { "ari", "Adjusted Rand index", "Скорректированный индекс Рэнда" },
    { "assessment", "Assessment", "Оценка" },
    { "assessment_intro",
      "Clusters (rows, in the order of the dendrogram) by scored items (columns): met, not met, "
      "or unknown (hatched: no fact, or the fact does not decide the rule). Unknown is never "
      "counted as 0.",
      "Кластеры (строки, в порядке дендрограммы) по оцениваемым пунктам (столбцы): выполнен, не "
      "выполнен или неизвестно (штриховка: факта нет или он не решает правило). Неизвестное "
      "никогда не считается нулём." },
    { "at_least", "at least", "не менее" },
    { "block", "Block", "Блок" },
    { "block_chart", "Share of clusters meeting each indicator, by group",
      "Доля кластеров, выполняющих каждый показатель, по группам" },
    { "blocks", "Blocks", "Блоки" },
    { "by_country", "Clusters by country", "Кластеры по странам" },
    { "by_kind", "Clusters by kind", "Кластеры по видам" },
    { "card_scores", "Indicators met: %s of %d; item points: %s of %d; items known: %s of %d.",
      "Выполнено показателей: %s из %d; баллов по пунктам: %s из %d; известно пунктов: %s из %d." },
    { "card_unknown", "Unknown, no fact in the registry", "Неизвестно, в реестре нет факта" },
    { "cards", "Cluster cards", "Карточки кластеров" },
    { "characteristic", "Characteristic", "Характеристика" },
    { "citation", "Citation", "Библиографическая ссылка" },
    { "city", "City", "Город" },
    { "cluster", "Cluster", "Кластер" },
    { "clusters_word", "Clusters", "Кластеры" },
    { "code", "Code", "Код" },
    { "contingency", "Groups (rows) by the study's groups (columns)",
      "Группы (строки) и группы исследования (столбцы)" },
    { "count", "Count", "Число" },
    { "countries", "Countries", "Страны" },
    { "country", "Country", "Страна" },
    { "coverage", "Data coverage", "Полнота данных" },
    { "coverage_text", "known items of all scored items, over all clusters",
      "известных пунктов из всех оцениваемых, по всем кластерам" },
    { "cut", "cut", "разрез" },
    { "date", "Date", "Дата" },
    { "dendrogram", "Dendrogram of the clusters analysed, with the cut into groups",
      "Дендрограмма проанализированных кластеров и разрез на группы" },
    { "distance", "distance", "расстояние" },
    { "explain", "Scores and how they were reached", "Оценки и как они получены" },
    { "fact", "Fact", "Факт" },
    { "founded", "Founded", "Год основания" },
    { "group", "Group", "Группа" },
    { "group_of", "Group", "Группа" },
    { "group_profile", "Group profiles (the layout of the study's group table)",
      "Профили групп (в форме таблицы групп исследования)" },
    { "group_size", "Size", "Размер группы" },
    { "height", "height", "высота" },
    { "ind_short", "ind.", "показ." },
    { "indicator", "Indicator", "Показатель" },
    { "indicators", "Indicator system", "Система показателей" },
    { "item", "Item", "Пункт" },
    { "items_word", "Items", "Пункты" },
    { "k", "number of groups k", "число групп k" },
    { "key", "Key", "Ключ" },
    { "kind", "Kind", "Вид" },
    { "kind_biomedical", "biomedical", "биомедицинский" },
    { "kind_industrial", "industrial", "промышленный" },
    { "kind_innovative_territorial", "innovative territorial", "инновационный территориальный" },
    { "kind_other", "other", "другой" },
    { "kind_tourist", "tourist", "туристический" },
    { "known_short", "known", "известно" },
    { "left_out", "Left out of the cluster analysis", "Не вошли в кластерный анализ" },
    { "map", "Clusters with coordinates, coloured by group",
      "Кластеры с координатами, цвет — группа" },
    { "map_note",
      "Equirectangular projection, 30° graticule; land: Natural Earth 1:110m (public domain).",
      "Равнопрямоугольная проекция, сетка через 30°; суша: Natural Earth 1:110m (общественное "
      "достояние)." },
    { "mean_blocks", "Mean block scores (indicators met)",
      "Средние баллы по блокам (выполненные показатели)" },
    { "members_of_type", "%lld current members of type %s",
      "действующих участников типа %2$s: %1$lld" },
    { "memberships_current", "%lld current memberships", "действующих участников: %lld" },
    { "met", "met", "выполнен" },
    { "method", "Method", "Методика" },
    { "nearest_type", "Nearest reference type", "Ближайший эталонный тип" },
    { "no", "no", "нет" },
    { "no_group", "not classified", "не классифицирован" },
    { "no_map", "No cluster has coordinates.", "Ни у одного кластера нет координат." },
    { "none", "none", "нет" },
    { "not_met", "not met", "не выполнен" },
    { "other", "other", "прочие" },
    { "partition", "Stored partition", "Сохранённое разбиение" },
    { "partition_text",
      "%lld (assessment run %lld), reproduced from its parameters: every cluster placed as stored",
      "%lld (прогон оценки %lld), воспроизведена по своим параметрам: каждый кластер помещён как "
      "сохранено" },
    { "points", "Points", "Баллы" },
    { "provenance", "Provenance", "Происхождение данных" },
    { "pts_short", "pts", "баллы" },
    { "reason", "Reason", "Причина" },
    { "registry_memberships", "the registry's membership records", "записи реестра об участниках" },
    { "result", "Result", "Результат" },
    { "rule", "Rule", "Правило" },
    { "rules", "Rules", "Правила" },
    { "sample", "The sample", "Выборка" },
    { "scatter", "Item points met by items known", "Выполненные пункты и известные пункты" },
    { "scatter_note",
      "Each cluster: item points known to be met against items known. Few known items cap "
      "the score: a low score may mean missing data, not a weak cluster.",
      "Каждый кластер: выполненные пункты против известных. Мало известных пунктов ограничивает "
      "балл: низкий балл может означать нехватку данных, а не слабый кластер." },
    { "scatter_x", "items known", "известно пунктов" },
    { "scatter_y", "item points met", "выполнено пунктов" },
    { "seed", "Seed", "Начальное значение генератора" },
    { "setting", "Setting", "Параметр" },
    { "share", "share of clusters", "доля кластеров" },
    { "silhouette", "Mean silhouette width by the number of groups",
      "Средняя ширина силуэта в зависимости от числа групп" },
    { "silhouette_short", "mean silhouette", "средний силуэт" },
    { "software", "Software", "Программа" },
    { "source", "Source", "Источник" },
    { "sources", "Sources of the indicators' data", "Источники данных показателей" },
    { "status", "Status", "Статус" },
    { "status_derived", "derived", "выведен" },
    { "status_estimated", "estimated", "оценка" },
    { "status_stated", "stated", "указан" },
    { "study_group", "Study's group", "Группа исследования" },
    { "subtitle", "Assessment and typology of the clusters of the registry",
      "Оценка и типология кластеров реестра" },
    { "title", "Cluster observatory report", "Отчёт обсерватории кластеров" },
    { "too_few_clusters", "fewer than 3 clusters: no typology is built",
      "меньше трёх кластеров: типология не строится" },
    { "total", "Total", "Итого" },
    { "totals", "Totals and block scores", "Итоги и баллы по блокам" },
    { "typology", "Typology", "Типология" },
    { "typology_intro",
      "Cluster analysis of the scored items: average linkage on simple-matching distances over "
      "the items known for both clusters; the number of groups chosen by the mean silhouette.",
      "Кластерный анализ оцениваемых пунктов: средняя связь, расстояние простого совпадения по "
      "пунктам, известным для обоих кластеров; число групп выбрано по среднему силуэту." },
    { "typology_stored",
      "Cluster analysis of the scored items as stored partition %lld was made: %s on %s distances, "
      "unknown values %s.",
      "Кластерный анализ оцениваемых пунктов, как было построено сохранённое разбиение %lld: %s, "
      "расстояние %s, неизвестные значения — %s." },
    { "unknown", "unknown", "неизвестно" },
    { "unknown_policy", "Unknown values", "Неизвестные значения" },
    { "unknown_policy_text", "kept apart from 0; distances over the items known for both",
      "отделены от 0; расстояния по пунктам, известным для обоих" },
    { "value", "Value", "Значение" },
    { "version", "version", "версия" },
    { "year", "year", "год" },
    { "yes", "yes", "да" },
};

static int cmp_key(const void *k, const void *e)
{
    return strcmp((const char *)k, *(const char *const *)e);
}

const char *cs_report_text(cs_lang lang, const char *key)
{
    const void *hit = bsearch(key, words, sizeof words / sizeof words[0], sizeof words[0], cmp_key);
    if (!hit)
        return key;
    const char *const *w = hit;
    return lang == CS_LANG_RU ? w[2] : w[1];
}

int cs_report_format_number(char *out, size_t cap, cs_lang lang, double v, int decimals)
{
    if (isnan(v))
        return snprintf(out, cap, "?");
    char tmp[64];
    if (decimals < 0)
        decimals = 0;
    if (decimals > 10)
        decimals = 10;
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (strcmp(tmp, "-0") == 0 || (tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1)))
        memmove(tmp, tmp + 1, strlen(tmp));
    return cs_number_localise(out, cap, tmp, lang == CS_LANG_RU);
}

int cs_report_plural(cs_lang lang, long n)
{
    if (n < 0)
        n = -n;
    if (lang == CS_LANG_EN)
        return n == 1 ? 0 : 1;
    long d = n % 10, h = n % 100;
    if (d == 1 && h != 11)
        return 0;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14))
        return 1;
    return 2;
}

static const struct {
    const char *noun, *en[2], *ru[3];
} nouns[] = {
    { "cluster", { "cluster", "clusters" }, { "кластер", "кластера", "кластеров" } },
    { "country", { "country", "countries" }, { "страна", "страны", "стран" } },
    { "fact", { "fact", "facts" }, { "факт", "факта", "фактов" } },
    { "group", { "group", "groups" }, { "группа", "группы", "групп" } },
    { "indicator", { "indicator", "indicators" }, { "показатель", "показателя", "показателей" } },
    { "item", { "item", "items" }, { "пункт", "пункта", "пунктов" } },
};

int cs_report_count(char *out, size_t cap, cs_lang lang, long n, const char *noun)
{
    for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++) {
        if (strcmp(nouns[i].noun, noun) != 0)
            continue;
        int f = cs_report_plural(lang, n);
        char num[64];
        cs_report_format_number(num, sizeof num, lang, (double)n, 0);
        return snprintf(out, cap, "%s %s", num,
                        lang == CS_LANG_RU ? nouns[i].ru[f] : nouns[i].en[f]);
    }
    return snprintf(out, cap, "%ld %s", n, noun);
}

int cs_report_quote(char *out, size_t cap, cs_lang lang, const char *s)
{
    return lang == CS_LANG_RU ? snprintf(out, cap, "\xC2\xAB%s\xC2\xBB", s)
                              : snprintf(out, cap, "\xE2\x80\x9C%s\xE2\x80\x9D", s);
}
