/*
 * registry.h: the registry's records as values: clusters, sources, countries, regions and
 * memberships, and the lists the store hands them out in (cs_store_clusters() and the other
 * readers of store.h).
 *
 * Ownership: a list owns all its strings and is released with its _free function; pointers
 * into a list stay valid until it is freed.
 */
#ifndef CLUSTERSCOPE_REGISTRY_H
#define CLUSTERSCOPE_REGISTRY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *key, *name_en, *name_ru, *country, *region, *city, *website, *cluster_organisation,
        *kind, *specialisation, *stage, *source, *note; /* "" = unknown */
    double lat, lon;                                    /* valid when has_coordinates */
    int has_coordinates;
    int founded; /* 0 = unknown */
} cs_cluster_info;

/* Clusters sorted by key. */
typedef struct cs_cluster_list cs_cluster_list;

size_t cs_cluster_list_count(const cs_cluster_list *list);
const cs_cluster_info *cs_cluster_list_at(const cs_cluster_list *list, size_t i);
void cs_cluster_list_free(cs_cluster_list *list);

typedef struct {
    const char *key, *title, *document, *locator, *url, *date, *publisher, *note; /* "" = none */
} cs_source_record;

/* Sources sorted by key (byte order, so bsearch with strcmp finds them). */
typedef struct cs_source_list cs_source_list;

size_t cs_source_list_count(const cs_source_list *list);
const cs_source_record *cs_source_list_at(const cs_source_list *list, size_t i);
const cs_source_record *cs_source_list_find(const cs_source_list *list, const char *key);
void cs_source_list_free(cs_source_list *list);

typedef struct {
    const char *code, *name_en, *name_ru; /* ISO 3166-1 alpha-2; "" = no name */
} cs_country_info;

/* Countries sorted by code (byte order). */
typedef struct cs_country_list cs_country_list;

size_t cs_country_list_count(const cs_country_list *list);
const cs_country_info *cs_country_list_at(const cs_country_list *list, size_t i);
const cs_country_info *cs_country_list_find(const cs_country_list *list, const char *code);
void cs_country_list_free(cs_country_list *list);

typedef struct {
    const char *key, *country, *name_en, *name_ru; /* "" = no name */
    /* the standard code maps join on (ISO 3166-2 "US-CA", NUTS "DE30", FIPS "06037"), the region
     * type ("state", "federal_subject", ...) and the parent region's key; "" = unknown */
    const char *code, *type, *parent;
} cs_region_info;

/* Regions sorted by key (byte order). */
typedef struct cs_region_list cs_region_list;

size_t cs_region_list_count(const cs_region_list *list);
const cs_region_info *cs_region_list_at(const cs_region_list *list, size_t i);
const cs_region_info *cs_region_list_find(const cs_region_list *list, const char *key);
void cs_region_list_free(cs_region_list *list);

/*
 * One membership of a cluster: the organisation (its key, its name, type and note) and the
 * membership (role, value-chain stage, source, dates). The registry holds one name per
 * organisation, as written: it is name_en, and name_ru as well when it is written in Cyrillic.
 * Memberships carry no locator in the registry's schema: locator is "" until they do.
 */
typedef struct {
    const char *organisation, *name_en, *name_ru, *type, *role, *stage, *source, *locator,
        *note;                    /* "" = unknown */
    const char *joined, *left_on; /* "" = unknown; left_on "" = a current member */
} cs_member_info;

/* A cluster's memberships, by organisation name, then key (byte order). */
typedef struct cs_member_list cs_member_list;

size_t cs_member_list_count(const cs_member_list *list);
const cs_member_info *cs_member_list_at(const cs_member_list *list, size_t i);
void cs_member_list_free(cs_member_list *list);

/*
 * One search hit (cs_store_search): kind "cluster", "organisation" or "fact"; key the cluster or
 * organisation key, for a fact its subject (subject_kind says of what kind); title the name as
 * shown (a cluster's English name, title_ru its Russian one or ""; an organisation's name; a
 * fact's English label), snippet the words around the first match, as written, cut at words
 * with "…"; cluster the cluster the hit belongs to ("" none), fact and year a fact's name and
 * year (0 undated).
 * A news item (issue 15) is a hit of kind "news": key its key, title its title_en (else its
 * title), title_ru its title_ru (else its title), cluster its first linked cluster by key, year
 * the year of its date.
 */
typedef struct {
    const char *kind, *key, *title, *snippet;
    const char *title_ru, *subject_kind, *cluster, *fact;
    int year;
} cs_search_hit;

/* Hits best first (bm25), with the number of all hits of the query beside the page of them. */
typedef struct cs_search_hits cs_search_hits;

size_t cs_search_hits_count(const cs_search_hits *hits);
size_t cs_search_hits_total(const cs_search_hits *hits);
const cs_search_hit *cs_search_hits_at(const cs_search_hits *hits, size_t i);
void cs_search_hits_free(cs_search_hits *hits);

/*
 * One revision of a cluster's record (cs_store_history): what changed (target "profile" with
 * field the profile field, "fact" with field the fact name and its year, "membership" with
 * field the organisation key), the value before and after as stored (has_old 0: there was none;
 * has_new 0: emptied), who (author: an account name or "import"), when (time, UTC ISO 8601),
 * how (action "import", "edit", "revert"; reverts the id it undid, 0 none), and the source,
 * locator and quote given for the new value ("" none). The memberships one import adds to a
 * cluster are one revision: target "membership", field "*", new_value their count, locator the
 * files they came from (", "-separated), source theirs when they share one.
 */
typedef struct {
    long long id, reverts;
    const char *time, *author, *action, *target, *field, *old_value, *new_value, *source, *locator,
        *quote;
    int year, has_old, has_new;
    const char *subject_kind, *subject; /* whose record (one revision read alone; else NULL) */
} cs_revision_info;

/* Revisions newest first. */
typedef struct cs_revision_list cs_revision_list;

size_t cs_revision_list_count(const cs_revision_list *list);
const cs_revision_info *cs_revision_list_at(const cs_revision_list *list, size_t i);
void cs_revision_list_free(cs_revision_list *list);

/* The source key given to facts derived from the registry's membership records. */
#define CS_SOURCE_MEMBERSHIPS "registry:memberships"

/* ------------------------------------------------------------------------------------------ */
/* A cluster's value chain (schema 12, src/registry/chain.c): its stages, its members by stage   */
/* with their roles, its joint projects with their consortia and the stages they cover, and the */
/* cooperation links between its organisations. A cs_chain owns every array and string it      */
/* points to (filled by the store) and is released with cs_chain_free().                        */

#define CS_CHAIN_NONE ((size_t)-1) /* an index that points nowhere */

typedef struct {
    const char *key;                             /* the stage's key, as the cluster defines it */
    int position;                                /* 1 = first, nearest raw material */
    const char *name_en, *name_ru;               /* NULL: the source does not name the stage */
    const char *source, *locator, *quote, *note; /* NULL = none */
} cs_chain_stage;

typedef struct {
    const char *organisation, *name, *type; /* the organisation's key, name and type */
    const char *role;                       /* the membership's role ("member" by default) */
    const char *stage;                      /* value_chain_stage; NULL = not stated */
    size_t stage_index;           /* into cs_chain.stages; CS_CHAIN_NONE without one, or for a stage
                                     key the chain does not define */
    const char *joined, *left_on; /* NULL = unknown; left_on NULL = a current member */
} cs_chain_member;

typedef struct {
    const char *organisation, *role, *stage; /* role, stage NULL = not stated */
    size_t member;                           /* into cs_chain.members; CS_CHAIN_NONE: none */
    const char *source, *locator, *quote, *note;
} cs_chain_project_member;

typedef struct {
    const char *key, *name_en, *name_ru;
    int started, ended; /* years; 0 = not stated */
    long participants;  /* the consortium's size as stated; -1 = not stated */
    long stages_stated; /* stages covered as stated; -1 = not stated */
    const char *outcome, *status, *source, *locator, *quote, *note; /* NULL = none */
    cs_chain_project_member *members; /* the named consortium, by organisation key */
    size_t n_members;
    const char **stages; /* the stage keys it covers (project_stage), in the chain's order, keys
                            the chain does not define last by bytes */
    size_t n_stages;
} cs_chain_project;

typedef struct {
    const char *source_org, *target_org; /* organisation keys; from supplier to customer for
                                            kind supply */
    const char *kind;    /* supply, joint_project, shared_infrastructure, research, other */
    int directed;        /* 1 for supply */
    const char *project; /* NULL = none */
    int year;            /* 0 = not stated */
    double weight;       /* NaN = not stated */
    const char *status, *source, *locator, *quote, *note;
    size_t from, to; /* into cs_chain.members; CS_CHAIN_NONE for a non-member */
} cs_chain_link;

typedef struct {
    const char *cluster, *name_en, *name_ru; /* name_ru NULL = none */
    cs_chain_stage *stages;                  /* by position */
    size_t n_stages;
    cs_chain_member *members; /* by stage position, then organisation key; members without a
                                 known stage last, by key */
    size_t n_members;
    cs_chain_project *projects; /* by key */
    size_t n_projects;
    cs_chain_link *links; /* by source, target, kind (bytes) */
    size_t n_links;
    void *internal; /* the strings' pool */
} cs_chain;

void cs_chain_free(cs_chain *c);
/* The member with organisation key KEY, or CS_CHAIN_NONE. */
size_t cs_chain_member_find(const cs_chain *c, const char *key);

/* ------------------------------------------------------------------------------------------ */
/* News and the digest (schema 13, issue 15; src/registry/news.c). A cs_news_list and a        */
/* cs_digest_issue own every array and string they point to and are released with their _free */
/* functions.                                                                                  */

/* registry.h: a news item as read back; every string is NULL when not recorded. */
typedef struct {
    const char *question, *answer;
} cs_news_qa;
typedef struct {
    const char *kind; /* "cluster", "organisation", "region", "programme" */
    const char *key;
    const char *name_en, *name_ru; /* the record's name (an organisation's name in both) */
} cs_news_target;
typedef struct {
    const char *key, *kind, *date, *lang, *title, *title_en, *title_ru, *lead, *body, *box,
        *summary_en, *summary_ru, *series, *file_url, *file_format, *outlet, *url, *source,
        *locator, *quote, *note;
    long long series_number; /* -1 when not recorded */
    long long file_bytes;    /* -1 when not recorded */
    const cs_news_qa *qa;
    size_t n_qa;
    const cs_news_target *targets; /* by kind, then key */
    size_t n_targets;
} cs_news_item;
typedef struct cs_news_list cs_news_list; /* owns its items and their strings */
size_t cs_news_list_count(const cs_news_list *list);
const cs_news_item *cs_news_list_at(const cs_news_list *list, size_t i);
void cs_news_list_free(cs_news_list *list);
/*
 * Each of the N cluster KEYS's news in one pass over LIST (newest first): count[i] items name
 * keys[i], and picks[i * pick + j] (j < the smaller of count[i] and pick) are the positions of
 * the newest of them. The caller owns both arrays. 0, or CS_ENOMEM.
 */
int cs_news_list_by_cluster(size_t *count, size_t *picks, size_t pick, const cs_news_list *list,
                            const char *const *keys, size_t n);

/* The parts of a digest's masthead and closing (digest_text.part), in the order of the page. */
typedef enum {
    CS_DIGEST_ABOUT = 0,
    CS_DIGEST_PUBLICATIONS,
    CS_DIGEST_CONTACTS,
    CS_DIGEST_RESOURCES,
    CS_DIGEST_CALL,
    CS_DIGEST_PARTS
} cs_digest_part;
/* "about", "publications", "contacts", "resources", "call"; NULL out of range. */
const char *cs_digest_part_name(cs_digest_part part);

/* A digest issue as recorded: strings NULL when not recorded; text_en and text_ru hold each
 * part's Markdown paragraphs in that language (NULL: none). */
typedef struct {
    long long number;
    const char *month, *publisher, *title_ru, *title_en, *subtitle_ru, *subtitle_en, *source,
        *locator, *note;
    const char *text_en[CS_DIGEST_PARTS], *text_ru[CS_DIGEST_PARTS];
    void *internal; /* the strings' pool */
} cs_digest_issue;
void cs_digest_issue_free(cs_digest_issue *issue);

#ifdef __cplusplus
}
#endif
#endif
