/*
 * page_impl.h: what the pages of src/web share: a cluster's name in the page's language, the
 * typology of the registry's clusters (assessed with the HSE method and classified as the report
 * does, nothing stored), and small writers of table rows and links. A cs_web_typology belongs to
 * the thread's memo (cs_web_typology_get); a page borrows it and frees nothing.
 */
#ifndef CS_WEB_PAGE_IMPL_H
#define CS_WEB_PAGE_IMPL_H

#include "web/web_impl.h"

#include "clusterscope/assess.h"
#include "clusterscope/classify.h"
#include "clusterscope/fact.h"
#include "clusterscope/method.h"
#include "clusterscope/registry.h"

/* The method the pages assess with, as the report does by default. */
#define CS_WEB_METHOD "hse-biomedical-2019"

typedef struct {
    cs_method *m;
    cs_service_assessment *sa;
    const cs_assessment *a;           /* the clusters in the method's scope */
    cs_reference_set *ref;            /* NULL when the registry holds none */
    cs_classification *c;             /* NULL when the clusters could not be classified */
    const cs_country_list *countries; /* of the assessment */
} cs_web_typology;

/*
 * The registry's typology as the pages show it (assessment by CS_WEB_METHOD, groups, reference
 * types), for the state of the registry the caller's read transaction sees. It is made once per
 * thread, language and state of the registry (PRAGMA data_version, read inside the transaction,
 * names that state exactly) and lent: *out stays valid until the thread's next call; the caller
 * frees nothing. Without it every cluster page assessed and classified the whole registry.
 */
int cs_web_typology_get(const cs_web_typology **out, cs_web_ctx *ctx);
/* The same lent as a copy of its pointers: *t owns nothing and is not freed. */
int cs_web_typology_load(cs_web_typology *t, cs_web_ctx *ctx);
/* The group of cluster KEY, 0 when it is out of scope or was not analysed. */
int cs_web_typology_group(const cs_web_typology *t, const char *key);
/* "Group 2: Innovation hubs" in the page's language into out; "" for group 0. */
void cs_web_group_name(char *out, size_t cap, const cs_web_ctx *ctx, const cs_web_typology *t,
                       int group);
/* The nearest reference type of a group, or NULL. */
const cs_reference_type *cs_web_group_type(const cs_web_typology *t, int group);

const char *cs_web_cluster_name(const cs_web_ctx *ctx, const cs_cluster_info *ci);
const char *cs_web_country_name(const cs_web_ctx *ctx, const cs_country_list *list,
                                const char *code);
const char *cs_web_region_name(const cs_web_ctx *ctx, const cs_region_list *list, const char *key);
/* Russian or English of a pair: the page's language when given, else the other. */
const char *cs_web_pick(const cs_web_ctx *ctx, const char *en, const char *ru);
const char *cs_web_t(const cs_web_ctx *ctx, const char *key);

/* <tr><th scope="row">LABEL</th><td>VALUE (escaped)</td></tr>; nothing when VALUE is empty. */
int cs_web_row(cs_web_ctx *ctx, const char *label_key, const char *value);
/* Opens a table of class CLS in a scroll wrapper with one column heading per word key, and its
 * body; the caller writes the rows and "</tbody></table></div>". */
int cs_web_table_head(cs_web_ctx *ctx, const char *cls, const char *const *heads, size_t n);
/* <a href="BASE/PATH">TEXT</a>, both escaped; PATH is "clusters/KEY" and the like. */
int cs_web_link(cs_web_ctx *ctx, const char *prefix, const char *key, const char *text);
/* Writes everything FILE-writer fn would, captured, escaped in <pre>. */
int cs_web_pre(cs_web_ctx *ctx, const char *text, size_t len);

/* Every read of one page between these sees one state of the registry (the service's read
 * transaction). */
int cs_web_read_begin(cs_web_ctx *ctx);
void cs_web_read_end(cs_web_ctx *ctx);

/* Whether HAY contains NEEDLE ignoring case (ASCII and Cyrillic) and ё/е; an empty NEEDLE is in
 * everything. */
int cs_web_contains(const char *hay, const char *needle);

/* The catalogue's word for PREFIX VALUE ("kind_" "biomedical"), or VALUE when it has none. */
const char *cs_web_word(const cs_web_ctx *ctx, const char *prefix, const char *value);

/* The facts of one subject (the latest of each definition) with value, year, status, source,
 * locator and quote; a sentence when there are none. */
int cs_web_facts_table(cs_web_ctx *ctx, cs_subject_kind kind, const char *subject,
                       const cs_source_list *sources);

/*
 * The registry's regional view (service.h: cs_service_regional_view) of YEAR (0 = the latest
 * with both measures) for the state of the registry the caller's read transaction sees: made
 * once per thread, year and state (PRAGMA data_version), like the typology, and lent until the
 * thread's next call; *out NULL when the registry holds no statistics. CS_EDATA for a year the
 * statistics lack (not kept).
 */
int cs_web_regional_get(const cs_regional_view **out, cs_web_ctx *ctx, int year);
/* The region page's specialisation profile of region KEY (page_regional.c); RI (may be NULL)
 * its record, whose type says why a region of another level has no profile. */
int cs_web_region_profile(cs_web_ctx *ctx, const char *key, const cs_region_info *ri);
/* The country page's regions of COUNTRY by cluster strength; nothing without statistics. */
int cs_web_country_regions(cs_web_ctx *ctx, const cs_region_list *regions, const char *country);
/* An SVG chart of render.h for a page: the inline style of its root removed (the pages'
 * Content-Security-Policy allows no inline style; site.css sets the font of .cs-chart).
 * Takes svg (NULL: nothing written) and frees it. */
int cs_web_chart(cs_web_ctx *ctx, char *svg, const char *caption);

/* The page handlers (route table in page_home.c). */
int cs_web_cluster_page(cs_web_ctx *ctx);
int cs_web_country_page(cs_web_ctx *ctx);
int cs_web_region_page(cs_web_ctx *ctx);
int cs_web_methods_page(cs_web_ctx *ctx);
int cs_web_method_page(cs_web_ctx *ctx);
int cs_web_search_page(cs_web_ctx *ctx);
int cs_web_downloads_page(cs_web_ctx *ctx);
int cs_web_download(cs_web_ctx *ctx);
/* /static/world.json: the world outline (render/world_outline.h) as GeoJSON polygons. */
int cs_web_world_json(cs_web_ctx *ctx);

/* The cluster page's part on programmes: the cluster's listings in registries, labels and
 * lists and its applications to support programmes (page_cluster_programmes.c). */
int cs_web_cluster_programmes(cs_web_ctx *ctx, const char *key);

/* News (page_news.c, issue 15). The cluster page's part on its news items (title, date, outlet
 * with its link, summary in the page's language); none when it has none. */
int cs_web_cluster_news(cs_web_ctx *ctx, const char *key);
/* The item KEY of LIST (every item, cs_service_news), or NULL. */
const cs_news_item *cs_web_news_find(const cs_news_list *list, const char *key);
/* An item's title in the page's language. */
const char *cs_web_news_title(const cs_web_ctx *ctx, const cs_news_item *item);
/* Whether URL may stand in a link: http or https only (a javascript: link is no news link). */
int cs_web_news_url_ok(const char *url);
/* TEXT escaped, the words QUERY matched in it (cs_service_search_marks) in <mark>. */
int cs_web_marked(cs_web_ctx *ctx, const char *query, const char *text);
/* The cell of the home page's list: how many news items a cluster has (COUNT) and the date of
 * the latest, LATEST (its link to the cluster page's news part); nothing when COUNT is 0. */
int cs_web_news_cell(cs_web_ctx *ctx, size_t count, const cs_news_item *latest,
                     const char *cluster);

#endif
