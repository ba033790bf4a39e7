/*
 * list.c: the registry's list objects. Each list keeps its strings in one arena of fixed chunks,
 * so a string's address never changes as the list grows and the list is freed at once.
 */
#include "registry/list.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
} chunk;

static const char *keep(chunk **arena, const char *s)
{
    const char *text = s ? s : "";
    size_t n = strlen(text) + 1;
    chunk *c = *arena;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->next = *arena;
        c->used = 0;
        c->cap = cap;
        *arena = c;
    }
    char *p = c->data + c->used;
    memcpy(p, text, n);
    c->used += n;
    return p;
}

/* Copies n strings into the arena, in place; 0 or CS_ENOMEM. */
static int keep_all(chunk **arena, const char **fields[], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(*fields[i] = keep(arena, *fields[i])))
            return cs_error_set(CS_ENOMEM, "out of memory reading the registry");
    return 0;
}

static void free_arena(chunk *c)
{
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
}

/* Makes room for one more item in *items (count used of *cap). */
static int grow(void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 64;
    void *p = realloc(*items, n * size);
    if (!p)
        return cs_error_set(CS_ENOMEM, "out of memory reading the registry");
    *items = p;
    *cap = n;
    return 0;
}

/* ---- clusters ---- */

struct cs_cluster_list {
    cs_cluster_info *items;
    size_t count, cap;
    chunk *arena;
};

int cs_cluster_list_new(cs_cluster_list **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

int cs_cluster_list_add(cs_cluster_list *list, const cs_cluster_info *cluster)
{
    int rc = grow((void **)&list->items, &list->cap, list->count, sizeof *list->items);
    if (rc)
        return rc;
    cs_cluster_info c = *cluster;
    const char **fields[] = { &c.key,    &c.name_en,        &c.name_ru, &c.country,
                              &c.region, &c.city,           &c.website, &c.cluster_organisation,
                              &c.kind,   &c.specialisation, &c.stage,   &c.source,
                              &c.note };
    if ((rc = keep_all(&list->arena, fields, sizeof fields / sizeof fields[0])))
        return rc;
    list->items[list->count++] = c;
    return 0;
}

size_t cs_cluster_list_count(const cs_cluster_list *list)
{
    return list->count;
}

const cs_cluster_info *cs_cluster_list_at(const cs_cluster_list *list, size_t i)
{
    return i < list->count ? &list->items[i] : NULL;
}

void cs_cluster_list_free(cs_cluster_list *list)
{
    if (!list)
        return;
    free(list->items);
    free_arena(list->arena);
    free(list);
}

/* ---- sources ---- */

struct cs_source_list {
    cs_source_record *items;
    size_t count, cap;
    chunk *arena;
};

int cs_source_list_new(cs_source_list **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

int cs_source_list_add(cs_source_list *list, const cs_source_record *source)
{
    int rc = grow((void **)&list->items, &list->cap, list->count, sizeof *list->items);
    if (rc)
        return rc;
    cs_source_record s = *source;
    const char **fields[] = { &s.key, &s.title, &s.document,  &s.locator,
                              &s.url, &s.date,  &s.publisher, &s.note };
    if ((rc = keep_all(&list->arena, fields, sizeof fields / sizeof fields[0])))
        return rc;
    list->items[list->count++] = s;
    return 0;
}

size_t cs_source_list_count(const cs_source_list *list)
{
    return list->count;
}

const cs_source_record *cs_source_list_at(const cs_source_list *list, size_t i)
{
    return i < list->count ? &list->items[i] : NULL;
}

static int compare_source(const void *key, const void *item)
{
    return strcmp(key, ((const cs_source_record *)item)->key);
}

const cs_source_record *cs_source_list_find(const cs_source_list *list, const char *key)
{
    if (!key || !list->count)
        return NULL;
    return bsearch(key, list->items, list->count, sizeof *list->items, compare_source);
}

void cs_source_list_free(cs_source_list *list)
{
    if (!list)
        return;
    free(list->items);
    free_arena(list->arena);
    free(list);
}

/* ---- countries ---- */

struct cs_country_list {
    cs_country_info *items;
    size_t count, cap;
    chunk *arena;
};

int cs_country_list_new(cs_country_list **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

int cs_country_list_add(cs_country_list *list, const cs_country_info *country)
{
    int rc = grow((void **)&list->items, &list->cap, list->count, sizeof *list->items);
    if (rc)
        return rc;
    cs_country_info c = *country;
    const char **fields[] = { &c.code, &c.name_en, &c.name_ru };
    if ((rc = keep_all(&list->arena, fields, sizeof fields / sizeof fields[0])))
        return rc;
    list->items[list->count++] = c;
    return 0;
}

size_t cs_country_list_count(const cs_country_list *list)
{
    return list->count;
}

const cs_country_info *cs_country_list_at(const cs_country_list *list, size_t i)
{
    return i < list->count ? &list->items[i] : NULL;
}

static int compare_country(const void *key, const void *item)
{
    return strcmp(key, ((const cs_country_info *)item)->code);
}

const cs_country_info *cs_country_list_find(const cs_country_list *list, const char *code)
{
    if (!code || !list->count)
        return NULL;
    return bsearch(code, list->items, list->count, sizeof *list->items, compare_country);
}

void cs_country_list_free(cs_country_list *list)
{
    if (!list)
        return;
    free(list->items);
    free_arena(list->arena);
    free(list);
}

/* ---- facts that membership records imply ---- */

/* Member types that count toward the member_type.* facts; other types count toward none. */
static const char *member_type_fact(const char *organisation_type)
{
    static const char *const map[][2] = {
        { "clinic", "member_type.clinic" },
        { "manufacturer", "member_type.manufacturer" },
        { "research", "member_type.research_education" },
        { "education", "member_type.research_education" },
        { "authority", "member_type.authority" },
        { "support", "member_type.support" },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], organisation_type) == 0)
            return map[i][1];
    return NULL;
}

typedef struct {
    cs_factset *set;
    const char *cluster;
    int (*wanted)(void *ctx, const char *name);
    void *ctx;
} derive_ctx;

static int add_derived(const derive_ctx *d, const char *name, cs_value value, const char *raw,
                       const char *locator)
{
    if (d->wanted && !d->wanted(d->ctx, name))
        return 0;
    if (cs_factset_get(d->set, CS_SUBJECT_CLUSTER, d->cluster, name, 0))
        return 0; /* a stated fact wins over one derived from possibly incomplete lists */
    cs_fact f = { .subject_kind = CS_SUBJECT_CLUSTER,
                  .subject = d->cluster,
                  .name = name,
                  .value = value,
                  .raw = raw,
                  .status = CS_STATUS_DERIVED,
                  .source = CS_SOURCE_MEMBERSHIPS,
                  .locator = locator,
                  .quote = "" };
    return cs_factset_add(d->set, &f);
}

int cs_registry_membership_facts(cs_factset *set, const char *cluster,
                                 const cs_member_type_count *types, size_t n_types,
                                 int (*wanted)(void *ctx, const char *name), void *ctx)
{
    derive_ctx d = { set, cluster, wanted, ctx };
    long long total = 0, startups = 0;
    int rc = 0;
    for (size_t i = 0; !rc && i < n_types; i++) {
        total += types[i].count;
        if (strcmp(types[i].type, "startup") == 0)
            startups += types[i].count;
        const char *name = member_type_fact(types[i].type);
        if (name) {
            cs_value v = { .kind = CS_VALUE_BOOL, .boolean = 1 };
            char locator[96];
            snprintf(locator, sizeof locator, "%lld current members of type %s", types[i].count,
                     types[i].type);
            rc = add_derived(&d, name, v, "true", locator);
        }
    }
    if (rc || !n_types)
        return rc;
    char raw[64], locator[96];
    snprintf(locator, sizeof locator, "%lld current memberships", total);
    snprintf(raw, sizeof raw, ">=%lld", total);
    cs_value v = { .kind = CS_VALUE_NUMBER, .lo = (double)total, .hi = HUGE_VAL };
    rc = add_derived(&d, "organisation_count", v, raw, locator);
    if (!rc && startups) {
        snprintf(raw, sizeof raw, ">=%lld", startups);
        v.lo = (double)startups;
        rc = add_derived(&d, "startups", v, raw, locator);
    }
    return rc;
}

/* ---- regions ---- */

struct cs_region_list {
    cs_region_info *items;
    size_t count, cap;
    chunk *arena;
};

int cs_region_list_new(cs_region_list **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

int cs_region_list_add(cs_region_list *list, const cs_region_info *region)
{
    int rc = grow((void **)&list->items, &list->cap, list->count, sizeof *list->items);
    if (rc)
        return rc;
    cs_region_info r = *region;
    const char **fields[] = { &r.key,  &r.country, &r.name_en, &r.name_ru,
                              &r.code, &r.type,    &r.parent };
    if ((rc = keep_all(&list->arena, fields, sizeof fields / sizeof fields[0])))
        return rc;
    list->items[list->count++] = r;
    return 0;
}

size_t cs_region_list_count(const cs_region_list *list)
{
    return list->count;
}

const cs_region_info *cs_region_list_at(const cs_region_list *list, size_t i)
{
    return i < list->count ? &list->items[i] : NULL;
}

static int compare_region(const void *key, const void *item)
{
    return strcmp(key, ((const cs_region_info *)item)->key);
}

const cs_region_info *cs_region_list_find(const cs_region_list *list, const char *key)
{
    if (!key || !list->count)
        return NULL;
    return bsearch(key, list->items, list->count, sizeof *list->items, compare_region);
}

void cs_region_list_free(cs_region_list *list)
{
    if (!list)
        return;
    free(list->items);
    free_arena(list->arena);
    free(list);
}

/* ---- memberships ---- */

struct cs_member_list {
    cs_member_info *items;
    size_t count, cap;
    chunk *arena;
};

int cs_member_list_new(cs_member_list **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

int cs_member_list_add(cs_member_list *list, const cs_member_info *member)
{
    int rc = grow((void **)&list->items, &list->cap, list->count, sizeof *list->items);
    if (rc)
        return rc;
    cs_member_info m = *member;
    const char **fields[] = { &m.organisation, &m.name_en, &m.name_ru, &m.type,
                              &m.role,         &m.stage,   &m.source,  &m.locator,
                              &m.note,         &m.joined,  &m.left_on };
    if ((rc = keep_all(&list->arena, fields, sizeof fields / sizeof fields[0])))
        return rc;
    list->items[list->count++] = m;
    return 0;
}

size_t cs_member_list_count(const cs_member_list *list)
{
    return list->count;
}

const cs_member_info *cs_member_list_at(const cs_member_list *list, size_t i)
{
    return i < list->count ? &list->items[i] : NULL;
}

void cs_member_list_free(cs_member_list *list)
{
    if (!list)
        return;
    free(list->items);
    free_arena(list->arena);
    free(list);
}

/* ---- search hits ---- */

struct cs_search_hits {
    cs_search_hit *items;
    size_t count, cap, total;
    chunk *arena;
};

int cs_search_hits_new(cs_search_hits **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

int cs_search_hits_add(cs_search_hits *hits, const cs_search_hit *hit)
{
    int rc = grow((void **)&hits->items, &hits->cap, hits->count, sizeof *hits->items);
    if (rc)
        return rc;
    cs_search_hit h = *hit;
    const char **fields[] = { &h.kind,     &h.key,          &h.title,   &h.snippet,
                              &h.title_ru, &h.subject_kind, &h.cluster, &h.fact };
    if ((rc = keep_all(&hits->arena, fields, sizeof fields / sizeof fields[0])))
        return rc;
    hits->items[hits->count++] = h;
    return 0;
}

void cs_search_hits_set_total(cs_search_hits *hits, size_t total)
{
    hits->total = total;
}

size_t cs_search_hits_count(const cs_search_hits *hits)
{
    return hits->count;
}

size_t cs_search_hits_total(const cs_search_hits *hits)
{
    return hits->total;
}

const cs_search_hit *cs_search_hits_at(const cs_search_hits *hits, size_t i)
{
    return i < hits->count ? &hits->items[i] : NULL;
}

void cs_search_hits_free(cs_search_hits *hits)
{
    if (!hits)
        return;
    free(hits->items);
    free_arena(hits->arena);
    free(hits);
}

/* ---- revisions ---- */

struct cs_revision_list {
    cs_revision_info *items;
    size_t count, cap;
    chunk *arena;
};

int cs_revision_list_new(cs_revision_list **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

int cs_revision_list_add(cs_revision_list *list, const cs_revision_info *revision)
{
    int rc = grow((void **)&list->items, &list->cap, list->count, sizeof *list->items);
    if (rc)
        return rc;
    cs_revision_info r = *revision;
    const char **fields[] = { &r.time,    &r.author,    &r.action,       &r.target,
                              &r.field,   &r.old_value, &r.new_value,    &r.source,
                              &r.locator, &r.quote,     &r.subject_kind, &r.subject };
    if ((rc = keep_all(&list->arena, fields, sizeof fields / sizeof fields[0])))
        return rc;
    list->items[list->count++] = r;
    return 0;
}

size_t cs_revision_list_count(const cs_revision_list *list)
{
    return list->count;
}

const cs_revision_info *cs_revision_list_at(const cs_revision_list *list, size_t i)
{
    return i < list->count ? &list->items[i] : NULL;
}

void cs_revision_list_free(cs_revision_list *list)
{
    if (!list)
        return;
    free(list->items);
    free_arena(list->arena);
    free(list);
}
