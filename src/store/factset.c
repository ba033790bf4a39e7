#include "clusterscope/fact.h"

#include "clusterscope/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Facts live in one array; an open-addressing table maps (kind, subject, name) to the head of a
 * chain of the facts that share that key (several years of one fact). Strings are copied into
 * fixed-size arena blocks so that pointers handed out stay valid while the set grows.
 */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
} arena_block;

typedef struct {
    cs_fact fact;
    size_t next_same_key; /* index + 1 of the next fact with the same key; 0 ends the chain */
} entry;

struct cs_factset {
    entry *entries;
    size_t count, cap;
    size_t *slots; /* index + 1 of a chain head; 0 = empty */
    size_t slot_cap;
    arena_block *arena;
};

static uint64_t hash_key(cs_subject_kind kind, const char *subject, const char *name)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)kind;
    for (const unsigned char *p = (const unsigned char *)subject; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

static const char *arena_strdup(cs_factset *set, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s) + 1;
    arena_block *b = set->arena;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = set->arena;
        b->used = 0;
        b->cap = cap;
        set->arena = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    b->used += n;
    return p;
}

int cs_factset_new(cs_factset **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

void cs_factset_free(cs_factset *set)
{
    if (!set)
        return;
    for (arena_block *b = set->arena, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(set->entries);
    free(set->slots);
    free(set);
}

size_t cs_factset_count(const cs_factset *set)
{
    return set->count;
}

static int same_key(const cs_fact *f, cs_subject_kind kind, const char *subject, const char *name)
{
    return f->subject_kind == kind && strcmp(f->subject, subject) == 0 &&
           strcmp(f->name, name) == 0;
}

static size_t *find_slot(size_t *slots, size_t slot_cap, const entry *entries,
                         cs_subject_kind kind, const char *subject, const char *name)
{
    size_t mask = slot_cap - 1;
    size_t i = (size_t)hash_key(kind, subject, name) & mask;
    while (slots[i] && !same_key(&entries[slots[i] - 1].fact, kind, subject, name))
        i = (i + 1) & mask;
    return &slots[i];
}

static int grow_slots(cs_factset *set)
{
    size_t cap = set->slot_cap ? set->slot_cap * 2 : 1024;
    size_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return cs_error_set(CS_ENOMEM, "out of memory indexing facts");
    for (size_t i = 0; i < set->slot_cap; i++) {
        size_t head = set->slots[i];
        if (!head)
            continue;
        const cs_fact *f = &set->entries[head - 1].fact;
        *find_slot(slots, cap, set->entries, f->subject_kind, f->subject, f->name) = head;
    }
    free(set->slots);
    set->slots = slots;
    set->slot_cap = cap;
    return 0;
}

int cs_factset_add(cs_factset *set, const cs_fact *fact)
{
    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 256;
        entry *e = realloc(set->entries, cap * sizeof *e);
        if (!e)
            return cs_error_set(CS_ENOMEM, "out of memory storing facts");
        set->entries = e;
        set->cap = cap;
    }
    /* keep the table at most half full */
    if ((set->count + 1) * 2 > set->slot_cap) {
        int rc = grow_slots(set);
        if (rc)
            return rc;
    }
    entry *e = &set->entries[set->count];
    e->fact = *fact;
    e->fact.subject = arena_strdup(set, fact->subject);
    e->fact.name = arena_strdup(set, fact->name);
    e->fact.raw = arena_strdup(set, fact->raw);
    e->fact.source = arena_strdup(set, fact->source);
    e->fact.locator = arena_strdup(set, fact->locator);
    e->fact.quote = arena_strdup(set, fact->quote);
    e->fact.value.text = fact->value.text ? arena_strdup(set, fact->value.text) : NULL;
    if (!e->fact.subject || !e->fact.name || !e->fact.raw || !e->fact.source ||
        !e->fact.locator || !e->fact.quote || (fact->value.text && !e->fact.value.text))
        return cs_error_set(CS_ENOMEM, "out of memory storing facts");
    size_t *slot = find_slot(set->slots, set->slot_cap, set->entries, fact->subject_kind,
                             e->fact.subject, e->fact.name);
    e->next_same_key = *slot;
    *slot = set->count + 1;
    set->count++;
    return 0;
}

const cs_fact *cs_factset_get(const cs_factset *set, cs_subject_kind kind, const char *subject,
                              const char *name, int year)
{
    if (!set->slot_cap || !subject || !name)
        return NULL;
    size_t head = *find_slot(set->slots, set->slot_cap, set->entries, kind, subject, name);
    const cs_fact *best = NULL;
    const cs_fact *undated = NULL;
    for (size_t i = head; i; i = set->entries[i - 1].next_same_key) {
        const cs_fact *f = &set->entries[i - 1].fact;
        if (f->year == 0) {
            undated = f;
            continue;
        }
        if (year && f->year > year)
            continue;
        if (!best || f->year > best->year)
            best = f;
    }
    return best ? best : undated;
}
