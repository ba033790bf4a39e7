/*
 * catalog_chain.c: the words of value chains and cooperation networks: the chain and network
 * commands, the stage diagram, the report's chain section ("ch_", "chain") and the web cluster
 * page's part ("web.ch_"), in English and Russian (i18n_impl.h). Sorted by key. Formats:
 * ch_title_* (%s), ch_stage_unnamed (%d), ch_note_measures* (%s), ch_note_unnamed (%zu, %zu),
 * ch_note_unknown_stage (%zu), ch_note_consortium (%s, %ld, %zu), ch_note_outside (%zu),
 * ch_note_unmapped (%s), ch_note_focus_unmapped (%s).
 */
#include "i18n/i18n_impl.h"

static const cs_i18n_entry entries[] = {
    { "ch_arcs", "Arcs", "Дуги" },
    { "ch_betweenness", "Betweenness", "Посредничество" },
    { "ch_betweenness_norm", "Betweenness (normalised)", "Посредничество (норм.)" },
    { "ch_category", "Category", "Категория" },
    { "ch_clusters", "Clusters", "Кластеры" },
    { "ch_component", "Component", "Компонента" },
    { "ch_components", "Connected components", "Компоненты связности" },
    { "ch_consortium", "Consortium", "Консорциум" },
    { "ch_degree", "Degree", "Степень" },
    { "ch_density", "Density", "Плотность" },
    { "ch_edges", "Linked pairs (edges)", "Связанные пары (рёбра)" },
    { "ch_from", "From", "От" },
    { "ch_in_degree", "In", "Вход." },
    { "ch_isolated", "Isolated organisations", "Изолированные организации" },
    { "ch_isolated_clusters", "Isolated clusters", "Изолированные кластеры" },
    { "ch_kind", "Kind", "Вид" },
    { "ch_kind_joint_project", "joint project", "совместный проект" },
    { "ch_kind_other", "other", "другое" },
    { "ch_kind_research", "research", "исследования" },
    { "ch_kind_shared_infrastructure", "shared infrastructure", "общая инфраструктура" },
    { "ch_kind_supply", "supply", "поставка" },
    { "ch_largest", "Largest component", "Наибольшая компонента" },
    { "ch_links", "Cooperation links", "Связи кооперации" },
    { "ch_measures", "Network measures", "Показатели сети" },
    { "ch_members_by_stage", "Members by stage", "Участники по переделам" },
    { "ch_members_named", "Members named", "Названо участников" },
    { "ch_name", "Name", "Название" },
    { "ch_neighbour", "Linked to the cluster", "Связан с кластером" },
    { "ch_no", "no", "нет" },
    { "ch_no_links", "No cooperation links are recorded for the cluster: the network has no edges.",
      "Для кластера не записано связей кооперации: в сети нет рёбер." },
    { "ch_no_stages", "The cluster defines no stages of a value chain.",
      "Кластер не определяет переделов цепочки создания стоимости." },
    { "ch_none", "none", "нет" },
    { "ch_normalised", "normalised", "норм." },
    { "ch_not_stated", "not stated", "не указано" },
    { "ch_note_consortium",
      "Project %s: participants the source states: %ld, named: %zu; the others are unknown and not "
      "drawn.",
      "Проект %s: участников по источнику: %ld, названо: %zu; остальные неизвестны и не "
      "показаны." },
    { "ch_note_focus_unmapped",
      "The cluster %s has no category in the relatedness table, so it is not in the network.",
      "У кластера %s нет категории в таблице родственности, поэтому его нет в сети." },
    { "ch_note_measures",
      "Measures by igraph %s on the network of the cluster's members (vertices; members without "
      "links count) and the pairs joined by a link (edges; several links of one pair are one "
      "edge). Betweenness: the number of shortest paths between other pairs through the "
      "organisation (raw; each path shared equally among the shortest ones), normalised by "
      "(n−1)(n−2)/2 pairs.",
      "Показатели вычислены igraph %s на сети участников кластера (вершины; участники без связей "
      "учитываются) и пар, соединённых связью (рёбра; несколько связей одной пары — одно ребро). "
      "Посредничество: число кратчайших путей между другими парами через организацию (без "
      "нормировки; путь делится поровну между кратчайшими), нормированное на (n−1)(n−2)/2 пар." },
    { "ch_note_measures_directed",
      "Measures by igraph %s on the directed network: each link is an arc from its source to its "
      "target (a supply link from supplier to customer; links of other kinds count both ways; "
      "repeated arcs once). Betweenness along the arcs, normalised by (n−1)(n−2) ordered pairs; "
      "components are weak.",
      "Показатели вычислены igraph %s на ориентированной сети: каждая связь — дуга от источника к "
      "получателю (поставка — от поставщика к заказчику; связи других видов — в обе стороны; "
      "повторные дуги — один раз). Посредничество по направлению дуг, нормированное на (n−1)(n−2) "
      "упорядоченных пар; компоненты — слабые." },
    { "ch_note_outside",
      "Links to an organisation that is not a member of the cluster, left out: %zu.",
      "Связей с организациями, не входящими в кластер (не учтены): %zu." },
    { "ch_note_related_rule",
      "Clusters are linked when their categories are the same or strongly related in the table.",
      "Кластеры связаны, если их категории совпадают или тесно родственны по таблице." },
    { "ch_note_unknown_stage",
      "Organisations with no known stage: %zu; they stand in the last column, “unknown stage”.",
      "Организаций с неизвестным переделом: %zu; они стоят в последнем столбце «передел "
      "неизвестен»." },
    { "ch_note_unmapped",
      "Clusters whose specialisation is no category of the relatedness table are left out (the "
      "registry holds no other mapping from a cluster to a category): %s.",
      "Кластеры, специализация которых не является категорией таблицы родственности, не включены "
      "(в реестре нет другого соответствия кластера категории): %s." },
    { "ch_note_unnamed",
      "%zu of %zu stages are not named by the source; their columns say so and are dashed.",
      "Источник не называет %zu из %zu переделов; их столбцы подписаны так и обведены пунктиром." },
    { "ch_organisation", "Organisation", "Организация" },
    { "ch_out_degree", "Out", "Исх." },
    { "ch_outcome", "Outcome", "Результат" },
    { "ch_participants_stated", "Participants stated", "Участников по источнику" },
    { "ch_position", "Position", "Место" },
    { "ch_project", "Project", "Проект" },
    { "ch_projects", "Joint projects", "Совместные проекты" },
    { "ch_related_pair", "related", "родственные" },
    { "ch_role", "Role", "Роль" },
    { "ch_same_category", "same category", "одна категория" },
    { "ch_section_intro",
      "For each cluster that defines the stages of its value chain or cooperation links: its "
      "organisations placed in their stages, the links between them, and the measures of its "
      "cooperation network.",
      "Для каждого кластера, определяющего переделы цепочки создания стоимости или связи "
      "кооперации: его организации по переделам, связи между ними и показатели сети кооперации." },
    { "ch_section_none",
      "No cluster of the registry defines value-chain stages or cooperation links (import kinds "
      "chain_stages and links).",
      "Ни один кластер реестра не определяет переделов цепочки или связей кооперации (виды импорта "
      "chain_stages и links)." },
    { "ch_source", "Source", "Источник" },
    { "ch_stage", "Stage", "Передел" },
    { "ch_stage_unnamed", "stage %d (name not stated)", "передел %d (название не указано)" },
    { "ch_stages", "Stages", "Переделы" },
    { "ch_stages_listed", "Stages listed", "Переделы в записи" },
    { "ch_stages_stated", "Stages stated", "Переделов по источнику" },
    { "ch_strength", "Strength", "Сила связи" },
    { "ch_title_chain", "Value chain of %s", "Цепочка создания стоимости: %s" },
    { "ch_title_network", "Cooperation network of %s", "Сеть кооперации: %s" },
    { "ch_title_related", "Related-cluster network", "Сеть родственных кластеров" },
    { "ch_to", "To", "К" },
    { "ch_type", "Type", "Тип" },
    { "ch_unknown_stage", "unknown stage", "передел неизвестен" },
    { "ch_vertices", "Organisations (vertices)", "Организации (вершины)" },
    { "ch_year", "Year", "Год" },
    { "ch_years", "Years", "Годы" },
    { "ch_yes", "yes", "да" },
    { "chain", "Value chains and cooperation", "Цепочки создания стоимости и кооперация" },
    { "web.ch_heading", "Value chain and cooperation", "Цепочка создания стоимости и кооперация" },
};

const cs_i18n_catalog cs_i18n_catalog_chain = { "chain", entries,
                                                sizeof entries / sizeof entries[0] };
