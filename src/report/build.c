/*
 * build.c: gathers the report's content from the registry: a fresh assessment with the method,
 * the typology `clusterscope classify` computes by default, its dendrogram, and the reference
 * set. The writers read nothing else; nothing depends on the clock or the environment.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/registry.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *cluster_name(const cs_cluster_info *ci, cs_lang lang)
{
    if (lang == CS_LANG_RU)
        return *ci->name_ru ? ci->name_ru : *ci->name_en ? ci->name_en : ci->key;
    return *ci->name_en ? ci->name_en : *ci->name_ru ? ci->name_ru : ci->key;
}

void cs_report_free(cs_report *r)
{
    if (!r)
        return;
    if (r->gnames && r->c)
        for (int g = 0; g < cs_classification_k(r->c); g++)
            free(r->gnames[g]);
    free(r->gnames);
    free(r->names);
    free(r->keys);
    free(r->study);
    cs_country_list_free(r->countries);
    free(r->order);
    free(r->z);
    free(r->an);
    free(r->typology_note);
    cs_classification_free(r->c);
    cs_reference_free(r->ref);
    free(r->objs);
    free(r->codes);
    cs_assessment_free(r->a);
    free(r->subjects);
    free(r->sinfo);
    free(r->fact_kinds);
    free(r->fact_names);
    cs_factset_free(r->facts);
    cs_source_list_free(r->sources);
    cs_cluster_list_free(r->clusters);
    cs_method_free(r->m);
    free(r);
}

static int load_method(cs_method **m, const char *spec)
{
    if (strchr(spec, '/') || strstr(spec, ".json"))
        return cs_method_load_file(m, spec);
    return cs_method_load_builtin(m, spec);
}

static int assess(cs_report *r, cs_store *store)
{
    int rc = cs_store_clusters(&r->clusters, store, NULL);
    rc = rc ? rc : cs_store_sources(&r->sources, store);
    rc = rc ? rc : cs_store_countries(&r->countries, store);
    rc = rc ? rc : cs_factset_new(&r->facts);
    if (rc)
        return rc;
    size_t nf = cs_method_fact_count(r->m), n = cs_cluster_list_count(r->clusters),
           ns = cs_source_list_count(r->sources);
    r->n = n;
    r->fact_kinds = calloc(nf + 1, sizeof *r->fact_kinds);
    r->fact_names = calloc(nf + 1, sizeof *r->fact_names);
    r->subjects = calloc(n + 1, sizeof *r->subjects);
    r->sinfo = calloc(ns + 1, sizeof *r->sinfo);
    r->names = calloc(n + 1, sizeof *r->names);
    r->keys = calloc(n + 1, sizeof *r->keys);
    if (!r->fact_kinds || !r->fact_names || !r->subjects || !r->sinfo || !r->names || !r->keys)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < nf; i++) {
        r->fact_kinds[i] = cs_method_fact_at(r->m, i)->subject_kind;
        r->fact_names[i] = cs_method_fact_at(r->m, i)->name;
    }
    if (nf && (rc = cs_store_load_facts(r->facts, store, r->fact_kinds, r->fact_names, nf)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        r->names[i] = cluster_name(ci, r->o.lang);
        r->keys[i] = ci->key;
        r->subjects[i] = (cs_assess_subject){ ci->key, r->names[i], ci->country, ci->region };
    }
    for (size_t i = 0; i < ns; i++) {
        const cs_source_record *s = cs_source_list_at(r->sources, i);
        r->sinfo[i] = (cs_source_info){ s->key, s->title, s->document, s->locator,
                                        s->url, s->date,  s->publisher };
    }
    cs_assess_options ao = { r->o.year, r->sinfo, ns };
    return cs_assess_run(&r->a, r->m, r->facts, r->subjects, n, &ao);
}

static void set_note(cs_report *r)
{
    free(r->typology_note);
    r->typology_note = strdup(cs_error_last());
    cs_error_clear();
}

/*
 * The options of stored partition r->o.partition, when its assessment run is what the registry
 * gives now: the same clusters with the same codes. Otherwise the partition describes another
 * registry, and the report says so rather than mix the two.
 */
static int stored_partition_options(cs_classify_options *co, cs_report *r, cs_store *store)
{
    char method_id[256];
    long long id = r->o.partition;
    int rc =
        cs_classify_stored_options(co, &r->partition_run, method_id, sizeof method_id, store, id);
    if (rc)
        return rc;
    if (strcmp(method_id, cs_method_id(r->m)) != 0)
        return cs_error_set(CS_EUSAGE,
                            "partition %lld was made with method %s, not %s: give --method %s", id,
                            method_id, cs_method_id(r->m), method_id);
    cs_classify_run *run = NULL;
    if ((rc = cs_classify_load(&run, store, r->m, r->partition_run, 0)))
        return rc;
    /* both lists are sorted by key: the first place they differ names a changed cluster */
    const char *changed = NULL;
    size_t common = run->n < r->n ? run->n : r->n;
    for (size_t i = 0; !changed && i < common; i++) {
        int order = strcmp(run->objects[i].key, r->objs[i].key);
        if (order != 0)
            changed = order < 0 ? run->objects[i].key : r->objs[i].key;
        else if (strcmp(run->objects[i].code, r->objs[i].code) != 0)
            changed = r->objs[i].key;
    }
    if (!changed && run->n != r->n)
        changed = run->n > r->n ? run->objects[common].key : r->objs[common].key;
    if (changed)
        rc = cs_error_set(CS_EDATA,
                          "partition %lld: the registry has changed since its assessment run %lld "
                          "(cluster \"%s\" differs): run `clusterscope classify` again, or report "
                          "without --partition",
                          id, r->partition_run, changed);
    cs_classify_run_free(run);
    return rc;
}

/*
 * The typology as `clusterscope classify` computes it by default, or as stored partition
 * r->o.partition was computed (reproduced and checked member by member); and the dendrogram of
 * the same analysis when its algorithm is a linkage method.
 */
static int classify(cs_report *r, cs_store *store)
{
    size_t n = r->n, ni = cs_method_item_count(r->m);
    r->order = calloc(n + 1, sizeof *r->order);
    r->codes = calloc(n * (ni + 1) + 1, 1);
    r->objs = calloc(n + 1, sizeof *r->objs);
    if (!r->order || !r->codes || !r->objs)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        char *code = r->codes + i * (ni + 1);
        cs_assessment_code(code, ni + 1, r->a, i);
        const cs_cluster_info *ci = cs_cluster_list_at(r->clusters, i);
        r->objs[i] = (cs_classify_object){ ci->key, ci->country, code };
        r->order[i] = i;
    }
    r->cut = -1;
    if (cs_reference_load(&r->ref, store, NULL, cs_method_id(r->m)) != 0) {
        cs_error_clear();
        r->ref = NULL;
    }
    if (r->ref) {
        if (!(r->study = calloc(n + 1, sizeof *r->study)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        for (size_t j = 0; j < r->ref->n_assignments; j++) {
            const cs_reference_assignment *ra = &r->ref->assignments[j];
            long i = ra->type > 0 ? cs_assessment_find(r->a, ra->cluster) : -1;
            if (i >= 0)
                r->study[i] = ra;
        }
    }
    cs_classify_options co;
    cs_classify_options_init(&co);
    if (r->o.partition) {
        /* asked for by number: every failure is the caller's error, not a note in the report */
        int rc = stored_partition_options(&co, r, store);
        co.lang = r->o.lang == CS_LANG_RU ? "ru" : "en";
        rc = rc ? rc : cs_classify(&r->c, r->m, r->objs, n, r->ref, &co);
        size_t diff = 0;
        rc = rc ? rc : cs_classify_stored_compare(&diff, store, r->o.partition, r->c, NULL);
        if (!rc && diff)
            rc = cs_error_set(CS_EDATA,
                              "partition %lld not reproduced from its stored parameters: %zu "
                              "clusters are placed differently",
                              r->o.partition, diff);
        if (rc)
            return rc;
    } else {
        co.lang = r->o.lang == CS_LANG_RU ? "ru" : "en";
        if (n < 3 || cs_classify(&r->c, r->m, r->objs, n, r->ref, &co) != 0) {
            if (n < 3)
                cs_error_set(CS_EDATA, "%s", T(r, "too_few_clusters"));
            set_note(r);
            r->c = NULL;
            return 0;
        }
    }
    int k = cs_classification_k(r->c);
    r->gnames = calloc((size_t)k + 1, sizeof *r->gnames);
    if (!r->gnames)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (int g = 1; g <= k; g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        const cs_reference_type *type = gr->label ? cs_report_reference_type(r, gr->label) : NULL;
        char buf[512];
        if (type)
            snprintf(buf, sizeof buf, "%s %d: %s", T(r, "group"), g,
                     cs_report_label(r, type->name_en, type->name_ru));
        else
            snprintf(buf, sizeof buf, "%s %d", T(r, "group"), g);
        if (!(r->gnames[g - 1] = strdup(buf)))
            return cs_error_set(CS_ENOMEM, "out of memory");
    }
    /* the dendrogram of the analysed clusters */
    r->an = calloc(n + 1, sizeof *r->an);
    if (!r->an)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (cs_classification_group_of(r->c, i))
            r->an[r->n_an++] = i;
    size_t nvar = cs_classification_variable_count(r->c);
    const cs_classify_options *used = cs_classification_options(r->c);
    if (r->n_an < 2 || nvar == 0 || cs_classification_view(r->c) != CS_CLASSIFY_VIEW_ITEMS ||
        !cs_classify_algorithm_is_hierarchical(used->algorithm))
        return 0;
    /* the variables known for at least one analysed cluster: the others carry no distance */
    size_t *var = calloc(nvar, sizeof *var), nv = 0;
    if (!var)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t j = 0; j < nvar; j++) {
        size_t item = cs_classification_variable(r->c, j);
        for (size_t a = 0; a < r->n_an; a++)
            if (r->objs[r->an[a]].code[item] != '?') {
                var[nv++] = item;
                break;
            }
    }
    cs_var_type *types = calloc(nv + 1, sizeof *types);
    cs_datamatrix *dm = NULL;
    double *d = NULL;
    int rc = types && nv ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t j = 0; !rc && j < nv; j++)
        types[j] = CS_VAR_BINARY;
    rc = rc ? rc : cs_datamatrix_new(&dm, r->n_an, nv, types);
    for (size_t a = 0; !rc && a < r->n_an; a++) {
        const char *code = r->objs[r->an[a]].code;
        for (size_t j = 0; !rc && j < nv; j++) {
            char ch = code[var[j]];
            if (ch == '1' || ch == '0')
                rc = cs_datamatrix_set(dm, a, j, ch == '1');
        }
    }
    free(var);
    cs_distance_options dopt = { 0 };
    dopt.unknown = cs_classification_unknown(r->c);
    rc = rc ? rc : cs_distance_condensed(&d, dm, used->distance, &dopt);
    if (!rc && !(r->z = calloc(4 * (r->n_an - 1) + 4, sizeof *r->z)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    /* the classify algorithms begin with the linkage methods, in cs_linkage_method order */
    rc = rc ? rc : cs_linkage(r->z, d, r->n_an, (cs_linkage_method)used->algorithm, NULL);
    cs_typology_free(d);
    cs_datamatrix_free(dm);
    free(types);
    if (rc) {
        /* the report still has everything else; say why the dendrogram is missing */
        set_note(r);
        free(r->z);
        r->z = NULL;
        return 0;
    }
    size_t m = r->n_an;
    if (k >= 2 && (size_t)k <= m - 1)
        r->cut = (r->z[4 * (m - (size_t)k - 1) + 2] + r->z[4 * (m - (size_t)k) + 2]) / 2;
    size_t *lo = calloc(m, sizeof *lo);
    if (!lo || cs_chart_leaf_order(lo, r->z, m)) {
        free(lo);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    size_t o = 0;
    for (size_t a = 0; a < m; a++)
        r->order[o++] = r->an[lo[a]];
    for (size_t i = 0; i < n; i++)
        if (!cs_classification_group_of(r->c, i))
            r->order[o++] = i;
    free(lo);
    return 0;
}

int cs_report_build(cs_report **out, cs_store *store, const cs_report_options *opts)
{
    *out = NULL;
    cs_report *r = calloc(1, sizeof *r);
    if (!r)
        return cs_error_set(CS_ENOMEM, "out of memory");
    r->o = *opts;
    if (!r->o.sections)
        r->o.sections = CS_REPORT_ALL;
    int rc = load_method(&r->m, r->o.method ? r->o.method : "hse-biomedical-2019");
    rc = rc ? rc : assess(r, store);
    rc = rc ? rc : classify(r, store);
    if (rc) {
        cs_report_free(r);
        return rc;
    }
    *out = r;
    return 0;
}
