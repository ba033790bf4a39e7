/*
 * section_chain.c: value chains and cooperation (issue 14): the stage diagram of a cluster's
 * chain (cs_report_stage_diagram, shared by the chain section, the network command's SVG and the
 * web cluster page), the notes that say what in it is unknown, and the report's "chain" section.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/network.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const link_kinds[] = { "supply", "joint_project", "shared_infrastructure",
                                          "research", "other" };
#define N_KINDS (sizeof link_kinds / sizeof link_kinds[0])

static size_t kind_index(const char *kind)
{
    for (size_t k = 0; k < N_KINDS; k++)
        if (kind && strcmp(kind, link_kinds[k]) == 0)
            return k;
    return N_KINDS - 1;
}

const char *cs_report_link_kind_word(cs_lang lang, const char *kind)
{
    static const char *const keys[] = { "ch_kind_supply", "ch_kind_joint_project",
                                        "ch_kind_shared_infrastructure", "ch_kind_research",
                                        "ch_kind_other" };
    return cs_i18n_text(lang, keys[kind_index(kind)]);
}

/* The stage's name in LANG, the other language's when it has none, else "stage N (name not
 * stated)" into BUF. */
const char *cs_report_stage_name(char *buf, size_t cap, cs_lang lang, const cs_chain_stage *s)
{
    const char *first = lang == CS_LANG_RU ? s->name_ru : s->name_en;
    const char *second = lang == CS_LANG_RU ? s->name_en : s->name_ru;
    if (first && *first)
        return first;
    if (second && *second)
        return second;
    snprintf(buf, cap, cs_i18n_text(lang, "ch_stage_unnamed"), s->position);
    return buf;
}

/* A note line in LANG to append: a copy the caller frees. */
static char *note_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *note_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

int cs_report_chain_notes(char ***out, size_t *n, const cs_chain_view *v, cs_lang lang)
{
    const cs_chain *c = v->chain;
    size_t cap = 5 + c->n_projects;
    char **notes = calloc(cap, sizeof *notes);
    *out = NULL;
    *n = 0;
    if (!notes)
        return cs_error_set(CS_ENOMEM, "out of memory for the notes of a value chain");
    size_t k = 0;
    if (c->n_stages == 0)
        notes[k++] = note_printf("%s", cs_i18n_text(lang, "ch_no_stages"));
    if (v->unnamed_stages)
        notes[k++] =
            note_printf(cs_i18n_text(lang, "ch_note_unnamed"), v->unnamed_stages, c->n_stages);
    if (v->unknown_stage)
        notes[k++] = note_printf(cs_i18n_text(lang, "ch_note_unknown_stage"), v->unknown_stage);
    for (size_t p = 0; p < c->n_projects; p++)
        if (c->projects[p].participants > (long)c->projects[p].n_members)
            notes[k++] = note_printf(
                cs_i18n_text(lang, "ch_note_consortium"),
                cs_report_label_lang(lang, c->projects[p].name_en, c->projects[p].name_ru),
                c->projects[p].participants, c->projects[p].n_members);
    if (v->links_outside)
        notes[k++] = note_printf(cs_i18n_text(lang, "ch_note_outside"), v->links_outside);
    if (c->n_links == 0)
        notes[k++] = note_printf("%s", cs_i18n_text(lang, "ch_no_links"));
    for (size_t i = 0; i < k; i++)
        if (!notes[i]) {
            cs_report_chain_notes_free(notes, k);
            return cs_error_set(CS_ENOMEM, "out of memory for the notes of a value chain");
        }
    *out = notes;
    *n = k;
    return 0;
}

void cs_report_chain_notes_free(char **notes, size_t n)
{
    for (size_t i = 0; notes && i < n; i++)
        free(notes[i]);
    free(notes);
}

const char *cs_report_label_lang(cs_lang lang, const char *en, const char *ru)
{
    const char *first = lang == CS_LANG_RU ? ru : en, *second = lang == CS_LANG_RU ? en : ru;
    return first && *first ? first : second ? second : "";
}

char *cs_report_stage_diagram(const cs_chain_view *v, cs_lang lang)
{
    const cs_chain *c = v->chain;
    size_t nc = c->n_stages + (v->unknown_stage || c->n_stages == 0 ? 1 : 0);
    size_t nn = c->n_members, ne = c->n_links;
    const char **column = calloc(nc, sizeof *column);
    unsigned char *dashed = calloc(nc, 1);
    char(*names)[96] = calloc(c->n_stages ? c->n_stages : 1, sizeof *names);
    const char **node = calloc(nn ? nn : 1, sizeof *node);
    const char **detail = calloc(nn ? nn : 1, sizeof *detail);
    size_t *node_column = calloc(nn ? nn : 1, sizeof *node_column);
    unsigned char *emphasis = calloc(nn ? nn : 1, 1);
    size_t *from = calloc(ne ? ne : 1, sizeof *from), *to = calloc(ne ? ne : 1, sizeof *to);
    size_t *edge_kind = calloc(ne ? ne : 1, sizeof *edge_kind);
    unsigned char *directed = calloc(ne ? ne : 1, 1);
    char **notes = NULL;
    size_t n_notes = 0;
    char *svg = NULL;
    if (!column || !dashed || !names || !node || !detail || !node_column || !emphasis || !from ||
        !to || !edge_kind || !directed) {
        cs_error_set(CS_ENOMEM, "out of memory for a stage diagram");
        goto done;
    }
    for (size_t s = 0; s < c->n_stages; s++) {
        column[s] = cs_report_stage_name(names[s], sizeof names[s], lang, &c->stages[s]);
        dashed[s] = !c->stages[s].name_en && !c->stages[s].name_ru;
    }
    if (nc > c->n_stages) {
        column[nc - 1] = cs_i18n_text(lang, "ch_unknown_stage");
        dashed[nc - 1] = 1;
    }
    for (size_t i = 0; i < nn; i++) {
        const cs_chain_member *m = &c->members[i];
        node[i] = m->name && *m->name ? m->name : m->organisation;
        detail[i] = m->role;
        node_column[i] = m->stage_index == CS_CHAIN_NONE ? nc - 1 : m->stage_index;
        emphasis[i] = m->role && strncmp(m->role, "anchor", 6) == 0;
    }
    /* the links as recorded (every kind drawn), not the measured edges: a picture of what the
     * sources say; legend entries only for the kinds present, in the fixed kind order */
    size_t present[N_KINDS] = { 0 }, slot[N_KINDS], n_kinds = 0, m = 0;
    for (size_t i = 0; i < ne; i++)
        if (c->links[i].from != CS_CHAIN_NONE && c->links[i].to != CS_CHAIN_NONE)
            present[kind_index(c->links[i].kind)] = 1;
    const char *kind_names[N_KINDS];
    for (size_t k = 0; k < N_KINDS; k++)
        if (present[k]) {
            slot[k] = n_kinds;
            kind_names[n_kinds++] = cs_report_link_kind_word(lang, link_kinds[k]);
        }
    for (size_t i = 0; i < ne; i++) {
        const cs_chain_link *l = &c->links[i];
        if (l->from == CS_CHAIN_NONE || l->to == CS_CHAIN_NONE)
            continue;
        from[m] = l->from;
        to[m] = l->to;
        directed[m] = (unsigned char)l->directed;
        edge_kind[m] = slot[kind_index(l->kind)];
        m++;
    }
    if (cs_report_chain_notes(&notes, &n_notes, v, lang) != 0)
        goto done;
    char title[512];
    snprintf(title, sizeof title, cs_i18n_text(lang, "ch_title_chain"),
             cs_report_label_lang(lang, c->name_en, c->name_ru));
    cs_chart_stages_spec sp = { .title = title,
                                .n_columns = nc,
                                .column = column,
                                .dashed = dashed,
                                .n_nodes = nn,
                                .node = node,
                                .node_detail = detail,
                                .node_column = node_column,
                                .emphasis = emphasis,
                                .n_edges = m,
                                .from = from,
                                .to = to,
                                .directed = directed,
                                .edge_kind = edge_kind,
                                .n_kinds = n_kinds,
                                .kind = kind_names,
                                .n_notes = n_notes,
                                .note = (const char *const *)notes };
    cs_chart_locale loc = { lang, cs_i18n_text(lang, "ch_not_stated") };
    svg = cs_chart_stages(&sp, &loc);
done:
    cs_report_chain_notes_free(notes, n_notes);
    free(column);
    free(dashed);
    free(names);
    free(node);
    free(detail);
    free(node_column);
    free(emphasis);
    free(from);
    free(to);
    free(edge_kind);
    free(directed);
    return svg;
}

/* ---- the report's section ---- */

int cs_report_chain_read(cs_report *r, cs_service *svc)
{
    char **keys = NULL;
    size_t n = 0;
    int rc = cs_service_chain_clusters(&keys, &n, svc);
    if (rc)
        return rc;
    r->chains = calloc(n ? n : 1, sizeof *r->chains);
    if (!r->chains)
        rc = cs_error_set(CS_ENOMEM, "out of memory for %zu value chains", n);
    for (size_t i = 0; i < n && !rc; i++) {
        rc = cs_service_chain(&r->chains[i], svc, keys[i], 0);
        if (!rc)
            r->n_chains++;
    }
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    return rc;
}

void cs_report_chain_free(cs_report *r)
{
    for (size_t i = 0; i < r->n_chains; i++)
        cs_chain_view_free(r->chains[i]);
    free(r->chains);
    r->chains = NULL;
    r->n_chains = 0;
}

static void measures_table(cs_doc *d, const cs_report *r, const cs_chain_view *v)
{
    const cs_chain *c = v->chain;
    const cs_network_measures *m = v->measures;
    char n1[32], n2[32], n3[32], n4[32], n5[32], n6[32];
    snprintf(n1, sizeof n1, "%zu", m->n);
    snprintf(n2, sizeof n2, "%zu", m->m);
    cs_report_num(n3, sizeof n3, r, m->density, 3);
    snprintf(n4, sizeof n4, "%zu", m->components);
    snprintf(n5, sizeof n5, "%zu", m->largest);
    snprintf(n6, sizeof n6, "%zu", m->isolated);
    const char *sh[] = { T(r, "ch_vertices"),   T(r, "ch_edges"),   T(r, "ch_density"),
                         T(r, "ch_components"), T(r, "ch_largest"), T(r, "ch_isolated") };
    const char *sc[] = { n1, n2, n3, n4, n5, n6 };
    cs_doc_table_head_class(d, "cs-measures", sh, 6);
    cs_doc_table_row(d, sc, 6);
    cs_doc_table_end(d);
    const char *h[] = { T(r, "ch_organisation"), T(r, "ch_stage"),
                        T(r, "ch_role"),         T(r, "ch_degree"),
                        T(r, "ch_betweenness"),  T(r, "ch_betweenness_norm"),
                        T(r, "ch_component") };
    cs_doc_table_head(d, h, 7);
    char stage[96];
    for (size_t i = 0; i < c->n_members; i++) {
        const cs_chain_member *mb = &c->members[i];
        char deg[24], bw[32], bn[32], comp[24];
        snprintf(deg, sizeof deg, "%zu", m->degree[i]);
        cs_report_num(bw, sizeof bw, r, m->betweenness[i], 2);
        cs_report_num(bn, sizeof bn, r, m->betweenness_norm[i], 3);
        snprintf(comp, sizeof comp, "%zu", m->component[i] + 1);
        const char *st =
            mb->stage_index == CS_CHAIN_NONE
                ? T(r, "ch_unknown_stage")
                : cs_report_stage_name(stage, sizeof stage, r->o.lang, &c->stages[mb->stage_index]);
        const char *cells[] = { mb->name && *mb->name ? mb->name : mb->organisation,
                                st,
                                mb->role ? mb->role : "",
                                deg,
                                bw,
                                bn,
                                comp };
        cs_doc_table_row(d, cells, 7);
    }
    cs_doc_table_end(d);
}

void cs_report_section_chain(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "chain", T(r, "chain"));
    if (r->n_chains == 0) {
        cs_doc_para(d, T(r, "ch_section_none"));
        return;
    }
    cs_doc_para(d, T(r, "ch_section_intro"));
    char measures[1024];
    snprintf(measures, sizeof measures, T(r, "ch_note_measures"), cs_network_igraph_version());
    for (size_t i = 0; i < r->n_chains; i++) {
        const cs_chain_view *v = r->chains[i];
        const cs_chain *c = v->chain;
        char head[512];
        snprintf(head, sizeof head, "%s (%s)",
                 cs_report_label_lang(r->o.lang, c->name_en, c->name_ru), c->cluster);
        cs_doc_heading(d, 3, NULL, head);
        char title[512];
        snprintf(title, sizeof title, T(r, "ch_title_chain"),
                 cs_report_label_lang(r->o.lang, c->name_en, c->name_ru));
        cs_doc_figure(d, cs_report_stage_diagram(v, r->o.lang), title);
        if (d->md) {
            /* Markdown has no figure: what the picture says of its unknown parts is written */
            char **notes = NULL;
            size_t n = 0;
            if (cs_report_chain_notes(&notes, &n, v, r->o.lang) == 0)
                for (size_t k = 0; k < n; k++)
                    cs_doc_para(d, notes[k]);
            cs_report_chain_notes_free(notes, n);
        }
        cs_doc_heading(d, 4, NULL, T(r, "ch_measures"));
        measures_table(d, r, v);
    }
    cs_doc_para(d, measures);
}

void cs_report_chain_json(cs_jsonw *w, const cs_report *r)
{
    cs_jsonw_open(w, "chain", '[');
    for (size_t i = 0; i < r->n_chains; i++) {
        const cs_chain_view *v = r->chains[i];
        const cs_chain *c = v->chain;
        const cs_network_measures *m = v->measures;
        cs_jsonw_open(w, NULL, '{');
        cs_jsonw_string(w, "cluster", c->cluster);
        cs_jsonw_int(w, "stages", (long long)c->n_stages);
        cs_jsonw_int(w, "stages_unnamed", (long long)v->unnamed_stages);
        cs_jsonw_int(w, "members", (long long)c->n_members);
        cs_jsonw_int(w, "members_unknown_stage", (long long)v->unknown_stage);
        cs_jsonw_int(w, "projects", (long long)c->n_projects);
        cs_jsonw_int(w, "links", (long long)c->n_links);
        cs_jsonw_int(w, "edges", (long long)m->m);
        cs_jsonw_real(w, "density", m->density);
        cs_jsonw_int(w, "components", (long long)m->components);
        cs_jsonw_int(w, "isolated", (long long)m->isolated);
        cs_jsonw_open(w, "organisations", '[');
        for (size_t k = 0; k < c->n_members; k++) {
            cs_jsonw_open(w, NULL, '{');
            cs_jsonw_string(w, "organisation", c->members[k].organisation);
            cs_jsonw_string(w, "stage", c->members[k].stage);
            cs_jsonw_int(w, "degree", (long long)m->degree[k]);
            cs_jsonw_real(w, "betweenness", m->betweenness[k]);
            cs_jsonw_real(w, "betweenness_normalised", m->betweenness_norm[k]);
            cs_jsonw_int(w, "component", (long long)m->component[k]);
            cs_jsonw_close(w, '}');
        }
        cs_jsonw_close(w, ']');
        cs_jsonw_close(w, '}');
    }
    cs_jsonw_close(w, ']');
}
