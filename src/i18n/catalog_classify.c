/*
 * catalog_classify.c: the words of the typology (src/classify/), in English and Russian: the
 * reasons a cluster is left out, the k rule, labels and their reasons, the table's headings.
 * One table sorted by key (strcmp order: a new entry goes where it sorts), looked up with
 * bsearch.
 *
 * Invariant: an entry that is a printf format has the same conversions in the same order in
 * both languages; headings that the table writer pads keep their English widths in English.
 */
#include "i18n/catalog.h"

#include <stdlib.h>
#include <string.h>

static const cs_i18n_entry classify_words[] = {
    { "classify.distance.gower", " (Gower; for binary items the same as simple matching)",
      " (Гауэр; для бинарных пунктов то же, что простое совпадение)" },
    { "classify.distance.hamming", " (simple matching: the share of differing items)",
      " (простое совпадение: доля различающихся пунктов)" },
    { "classify.distance.jaccard", " (differing items among those met by either)",
      " (различающиеся пункты среди выполненных хотя бы одним)" },
    { "classify.k_rule.best", "best mean silhouette over k = 2..%d",
      "наибольшая средняя ширина силуэта при k = 2..%d" },
    { "classify.k_rule.given", "given (-k %d)", "задано (-k %d)" },
    { "classify.label.country", "country", "страна" },
    { "classify.left_out.no_common",
      "no %s known in common with %zu of the clusters still analysed (e.g. %s), so their distance "
      "is undefined",
      "ни один %s не известен одновременно с %zu из ещё анализируемых кластеров (например, %s), "
      "поэтому расстояние до них не определено" },
    { "classify.left_out.none_known", "no %s known: it cannot be placed",
      "не известен ни один %s: кластер нельзя поместить в группу" },
    { "classify.policy.as_zero", " (an unknown result is read as not met)",
      " (неизвестный результат читается как невыполненный)" },
    { "classify.policy.error", " (unknown results are refused)",
      " (неизвестные результаты не допускаются)" },
    { "classify.policy.pairwise",
      " (each distance over the variables known for both clusters, rescaled)",
      " (каждое расстояние — по переменным, известным для обоих кластеров, с "
      "перемасштабированием)" },
    { "classify.reason.nearest_by_shares", "; nearest by shares (%d of %d compared match)",
      "; ближайший по долям (совпадают %d из %d сравнённых)" },
    { "classify.reason.none_comparable",
      "; no published share of G%d can be compared (the items are unknown for its members)",
      "; ни одну опубликованную долю G%d нельзя сравнить (пункты участников неизвестны)" },
    { "classify.reason.none_near",
      "no reference type is near: the study places none of its members, and no published share can "
      "be compared (the items are unknown)",
      "ни один эталонный тип не близок: исследование не относит к типам ни одного участника "
      "группы, и ни одну опубликованную долю нельзя сравнить (пункты неизвестны)" },
    { "classify.reason.not_matching", "; not matching: %s", "; не совпадают: %s" },
    { "classify.reason.placed", "%zu of %zu members the study places are in G%d",
      "%zu из %zu участников, отнесённых исследованием к типам, — в G%d" },
    { "classify.reason.placed_none", "the study places none of its members",
      "исследование не относит к типам ни одного участника" },
    { "classify.reason.share_not_matching", "%s%s (%.0f%% of %zu known; G%d %s)",
      "%s%s (%.0f%% из %zu известных; G%d %s)" },
    { "classify.reason.shares_match", "; shares of %s match G%d", "; доли %s совпадают с G%d" },
    { "classify.table.agreement", "agreement with the study's groups",
      "согласие с группами исследования" },
    { "classify.table.algorithm_linkage", "algorithm:   %s linkage on %s distances%s",
      "алгоритм:    связь %s по расстояниям %s%s" },
    { "classify.table.algorithm_seeded", "algorithm:   %s on %s distances%s, seed %llu",
      "алгоритм:    %s по расстояниям %s%s, зерно %llu" },
    { "classify.table.ari", "  adjusted Rand index: %.4f",
      "  скорректированный индекс Рэнда: %.4f" },
    { "classify.table.ari_undefined",
      "  adjusted Rand index: undefined (fewer than 2 clusters compared)",
      "  скорректированный индекс Рэнда: не определён (сравнено меньше 2 кластеров)" },
    { "classify.table.block_indicators", "%s mean indicators met (of %d)",
      "%s ср. выполнено показателей (из %d)" },
    { "classify.table.block_points", "%s mean item points (of %d)",
      "%s ср. баллов по пунктам (из %d)" },
    { "classify.table.clusters", "clusters:    %zu given, %zu analysed, %zu left out%s",
      "кластеры:    %zu дано, %zu анализируется, %zu не включено%s" },
    { "classify.table.compared",
      "  compared: %zu clusters analysed here that the study places in a group\n            (the "
      "study places %zu of the registry's clusters)",
      "  сравнено: %zu анализируемых здесь кластеров, которые исследование относит к группе\n      "
      "      (исследование относит %zu кластеров реестра)" },
    { "classify.table.contingency",
      "  contingency table (rows: groups found; columns: the study's groups):",
      "  таблица сопряжённости (строки: найденные группы; столбцы: группы исследования):" },
    { "classify.table.cophenetic", ", cophenetic correlation %.4f",
      ", кофенетическая корреляция %.4f" },
    { "classify.table.cophenetic_undefined", ", cophenetic correlation undefined",
      ", кофенетическая корреляция не определена" },
    { "classify.table.count_for_no_pair", "they count for no pair",
      "они не учитываются ни для одной пары" },
    { "classify.table.countries", "countries:", "страны:" },
    { "classify.table.countries_line", "  group %d: ", "  группа %d: " },
    { "classify.table.group", "group", "группа" },
    { "classify.table.group_n", "group %d", "группа %d" },
    { "classify.table.groups", "groups:      k = %d, %s", "группы:      k = %d, %s" },
    { "classify.table.k_scan", "k scan:      mean silhouette", "перебор k:   средний силуэт" },
    { "classify.table.label", "label (nearest reference type)", "метка (ближайший эталонный тип)" },
    { "classify.table.label_line", "group %d: G%d %s:", "группа %d: G%d %s:" },
    { "classify.table.label_none", "group %d: none:", "группа %d: нет:" },
    { "classify.table.labels", "labels (nearest reference type of %s, and why):",
      "метки (ближайший эталонный тип набора %s и почему):" },
    { "classify.table.left_out", "left out (%zu):", "не включены (%zu):" },
    { "classify.table.members", "members:", "участники:" },
    { "classify.table.members_line", "  group %d (%zu):", "  группа %d (%zu):" },
    { "classify.table.no_reference", ": no reference types in the registry",
      ": в реестре нет эталонных типов" },
    { "classify.table.none", "none", "нет" },
    { "classify.table.note", "  note:", "  прим.:" },
    { "classify.table.placed_in", "placed by the study in G%d", "отнесено исследованием к G%d" },
    { "classify.table.placed_left_out", "  placed by the study but left out here (%zu):",
      "  отнесены исследованием, но не включены здесь (%zu):" },
    { "classify.table.published_sizes",
      "  published group sizes:", "  опубликованные размеры групп:" },
    { "classify.table.published_sum", " (sum %d for a sample of %d)",
      " (сумма %d при выборке %d)" },
    { "classify.table.quality", "quality:     mean silhouette ", "качество:    средний силуэт " },
    { "classify.table.read_as_not_met", "read as not met for every one",
      "читаются как невыполненные для всех" },
    { "classify.table.reference_set", " (reference set %s):", " (эталонный набор %s):" },
    { "classify.table.share_unknown", "? (0 known)", "? (0 известно)" },
    { "classify.table.shares", "share of clusters meeting (met/known):",
      "доля кластеров, выполняющих (выполнено/известно):" },
    { "classify.table.size", "clusters", "кластеров" },
    { "classify.table.title", "typology (%s version %s)", "типология (%s, версия %s)" },
    { "classify.table.title_run", "typology of assessment run %lld (%s version %s)",
      "типология прогона оценки %lld (%s, версия %s)" },
    { "classify.table.total", "total", "всего" },
    { "classify.table.undefined", "undefined", "не определён" },
    { "classify.table.unknown", "unknown:     %s%s", "неизвестные: %s%s" },
    { "classify.table.unknown_everywhere", "not known for any cluster analysed (%s): %s",
      "не известны ни для одного анализируемого кластера (%s): %s" },
    { "classify.table.variables", "variables:   %zu %s of %s", "переменные:  %zu %s метода %s" },
    { "classify.table.view_indicators", "indicators", "показателей" },
    { "classify.table.view_items", "items", "пунктов" },
    { "classify.table.why_at_end", " (why: at the end)", " (почему — в конце)" },
    { "classify.variable.indicator", "indicator", "показатель" },
    { "classify.variable.item", "item", "пункт" },
};

#define N_WORDS (sizeof classify_words / sizeof classify_words[0])

static int compare_key(const void *key, const void *entry)
{
    return strcmp(key, ((const cs_i18n_entry *)entry)->key);
}

const char *cs_i18n_classify_text(cs_lang lang, const char *key)
{
    const cs_i18n_entry *e =
        bsearch(key, classify_words, N_WORDS, sizeof *classify_words, compare_key);
    if (!e)
        return key;
    return lang == CS_LANG_RU && e->ru ? e->ru : e->en;
}

const cs_i18n_entry *cs_i18n_classify_table(size_t *n)
{
    *n = N_WORDS;
    return classify_words;
}
