/*
 * catalog_questions.c: the words of the report's section on the seeds' regional questions
 * (src/report/section_regional_questions.c), keyed "rq_", in English and Russian
 * (i18n_impl.h). Sorted by key.
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "questions", "Regional questions of the seeds", "Региональные вопросы исходных материалов" },
    { "rq_applications", "applications for cluster support", "заявки на поддержку кластеров" },
    { "rq_below", "below the threshold", "ниже порога" },
    { "rq_clusters", "clusters in the registry", "кластеры в реестре" },
    { "rq_corr_constant", "a measure is constant over the %zu regions with both values",
      "одна из величин постоянна у %zu регионов с обоими значениями" },
    { "rq_corr_few", "fewer than 4 regions with both values (%zu)",
      "меньше 4 регионов с обоими значениями (%zu)" },
    { "rq_corr_heading", "Correlations (confidence intervals at 0.95, Fisher z)",
      "Корреляции (доверительные интервалы с вероятностью 0,95, z-преобразование Фишера)" },
    { "rq_corr_missing", "%s: not computed, %s.", "%s: не рассчитано — %s." },
    { "rq_corr_note",
      "p is two-sided from Student's t with n − 2 degrees of freedom; Spearman's interval uses "
      "the standard error of Bonett and Wright (2000), its p the t approximation.",
      "p — двусторонний, по t-распределению Стьюдента с n − 2 степенями свободы; интервал "
      "Спирмена — со стандартной ошибкой Бонетта и Райта (2000), его p — по t-приближению." },
    { "rq_ikip", "ИКИП (quality of innovation policy)", "ИКИП (качество инновационной политики)" },
    { "rq_ikip_apps", "ИКИП and applications", "ИКИП и заявки" },
    { "rq_intro",
      "Seed 004 (lines 115–125): regions whose quality of innovation policy (ИКИП of the HSE "
      "regional innovation rating) is below 0.35 submitted at most one application for cluster "
      "support; above it, regions either focus on one strong cluster or grow many clusters. "
      "Seeds 003 and 004 relate patent activity to cluster development.",
      "Материал 004 (строки 115–125): регионы с индексом качества инновационной политики (ИКИП "
      "рейтинга инновационного развития НИУ ВШЭ) ниже 0,35 подали не более одной заявки на "
      "поддержку кластеров; выше порога регионы либо фокусируются на одном сильном кластере, "
      "либо увеличивают число кластеров. Материалы 003 и 004 связывают патентную активность с "
      "развитием кластеров." },
    { "rq_lower", "lower", "нижняя граница" },
    { "rq_many_clusters", "many clusters", "много кластеров" },
    { "rq_map_caption", "ИКИП of each region with a value; hatched: no value of the year.",
      "ИКИП регионов, для которых он известен; штриховка: нет значения за год." },
    { "rq_map_title", "ИКИП by region", "ИКИП по регионам" },
    { "rq_method", "coefficient", "коэффициент" },
    { "rq_needs",
      "The registry holds none of the region facts this section needs: rir_policy_quality "
      "(ИКИП), cluster_support_applications, and for the correlation patents_per_10k_employees "
      "and cluster_strength (import them as facts of subject kind region).",
      "В реестре нет фактов о регионах, нужных этому разделу: rir_policy_quality (ИКИП), "
      "cluster_support_applications, а для корреляции — patents_per_10k_employees и "
      "cluster_strength (импортируйте их как факты с видом субъекта region)." },
    { "rq_no_application", "no application", "нет заявок" },
    { "rq_no_rule",
      "No region holds both rir_policy_quality (ИКИП) and cluster_support_applications: the "
      "threshold rule and the typology need them.",
      "Ни у одного региона нет одновременно rir_policy_quality (ИКИП) и "
      "cluster_support_applications: они нужны для правила порога и типологии." },
    { "rq_none", "—", "—" },
    { "rq_one_cluster", "one strong cluster", "один сильный кластер" },
    { "rq_patents_strength", "patents per 10,000 employees and cluster strength",
      "патенты на 10 000 занятых и сила кластеров" },
    { "rq_pearson", "Pearson r", "r Пирсона" },
    { "rq_region", "region", "регион" },
    { "rq_rule",
      "Rule ИКИП < %s ⇒ at most one application: %zu regions with both values, %zu below the "
      "threshold, %zu violations; the largest threshold for which it holds: %s.",
      "Правило ИКИП < %s ⇒ не более одной заявки: регионов с обоими значениями — %zu, ниже "
      "порога — %zu, нарушений — %zu; наибольший порог, при котором оно выполняется: %s." },
    { "rq_rule_any", "any (no region has more than one application)",
      "любой (ни один регион не подал больше одной заявки)" },
    { "rq_scatter", "ИКИП against applications for cluster support",
      "ИКИП и число заявок на поддержку кластеров" },
    { "rq_scatter_note", "Each point a region; the dashed line is the threshold 0.35 (seed 004).",
      "Каждая точка — регион; пунктир — порог 0,35 (материал 004)." },
    { "rq_spearman", "Spearman rho", "ρ Спирмена" },
    { "rq_threshold", "threshold 0.35", "порог 0,35" },
    { "rq_title", "Regional questions of the seeds", "Региональные вопросы исходных материалов" },
    { "rq_type", "type", "тип" },
    { "rq_undecided", "undecided", "не определен" },
    { "rq_upper", "upper", "верхняя граница" },
    { "rq_violation", "violation", "нарушение" },
    { "rq_year_latest", "Facts: each region's latest.", "Факты: последние по каждому региону." },
};

const cs_i18n_catalog cs_i18n_catalog_questions = { "questions", entries,
                                                    sizeof entries / sizeof entries[0] };
