#include "clusterscope/fact.h"

#include "clusterscope/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Two levels, because every reader goes subject by subject (an assessment asks for some twenty
 * facts of one cluster, then moves on): a hash table over subjects, and per subject a small
 * block of (name, fact) pairs scanned linearly. A cluster's lookups then touch one block that is
 * already in cache, and a subject's key is hashed once, not once per fact. Names, subjects and
 * sources are interned (a registry has few distinct names and sources), so a fact costs only
 * the strings that are its own: the value as written, the locator and the quote.
 * Strings live in fixed-size arena blocks, so pointers handed out stay valid as the set grows.
 */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
} arena_block;

typedef struct {
    const char *name; /* interned */
    uint32_t fact;    /* index into facts */
} named_fact;

typedef struct {
    cs_subject_kind kind;
    const char *subject; /* interned */
    uint64_t hash;
    named_fact *facts; /* several years of one name may appear, in any order */
    uint32_t count, cap;
} subject_block;

/* A small open-addressing string set for interning. */
typedef struct {
    const char **slots;
    size_t cap, count;
} string_set;

struct cs_factset {
    cs_fact *facts;
    size_t count, cap;
    subject_block *subjects;
    size_t n_subjects, cap_subjects;
    uint32_t *slots; /* index + 1 into subjects; 0 = empty */
    size_t slot_cap;
    string_set names, sources;
    arena_block *arena;
};

static uint64_t hash_text(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

static uint64_t mix(uint64_t h)
{
    /* FNV's low bits are weak and the table index uses them */
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h;
}

static uint64_t subject_hash(cs_subject_kind kind, const char *subject)
{
    return mix(hash_text(1469598103934665603ULL ^ (uint64_t)kind, subject));
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

static const char *intern(cs_factset *set, string_set *ss, const char *s)
{
    if (!s)
        s = "";
    if ((ss->count + 1) * 2 > ss->cap) {
        size_t cap = ss->cap ? ss->cap * 2 : 64;
        const char **slots = calloc(cap, sizeof *slots);
        if (!slots)
            return NULL;
        for (size_t i = 0; i < ss->cap; i++) {
            if (!ss->slots[i])
                continue;
            size_t j = (size_t)mix(hash_text(1469598103934665603ULL, ss->slots[i])) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = ss->slots[i];
        }
        free(ss->slots);
        ss->slots = slots;
        ss->cap = cap;
    }
    size_t i = (size_t)mix(hash_text(1469598103934665603ULL, s)) & (ss->cap - 1);
    while (ss->slots[i]) {
        if (strcmp(ss->slots[i], s) == 0)
            return ss->slots[i];
        i = (i + 1) & (ss->cap - 1);
    }
    const char *copy = arena_strdup(set, s);
    if (copy) {
        ss->slots[i] = copy;
        ss->count++;
    }
    return copy;
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
    for (size_t i = 0; i < set->n_subjects; i++)
        free(set->subjects[i].facts);
    free(set->subjects);
    free(set->facts);
    free(set->slots);
    free(set->names.slots);
    free(set->sources.slots);
    free(set);
}

size_t cs_factset_count(const cs_factset *set)
{
    return set->count;
}

const cs_fact *cs_factset_at(const cs_factset *set, size_t i)
{
    return i < set->count ? &set->facts[i] : NULL;
}

static uint32_t *find_subject(const cs_factset *set, uint64_t h, cs_subject_kind kind,
                              const char *subject)
{
    size_t mask = set->slot_cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint32_t *slot = &set->slots[i];
        if (!*slot)
            return slot;
        const subject_block *b = &set->subjects[*slot - 1];
        if (b->hash == h && b->kind == kind && strcmp(b->subject, subject) == 0)
            return slot;
    }
}

static int grow_slots(cs_factset *set)
{
    size_t cap = set->slot_cap ? set->slot_cap * 2 : 1024;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return cs_error_set(CS_ENOMEM, "out of memory indexing facts");
    for (size_t i = 0; i < set->n_subjects; i++) {
        size_t j = (size_t)set->subjects[i].hash & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = (uint32_t)(i + 1);
    }
    free(set->slots);
    set->slots = slots;
    set->slot_cap = cap;
    return 0;
}

static subject_block *subject_for_add(cs_factset *set, cs_subject_kind kind, const char *subject)
{
    if ((set->n_subjects + 1) * 2 > set->slot_cap && grow_slots(set))
        return NULL;
    uint64_t h = subject_hash(kind, subject);
    uint32_t *slot = find_subject(set, h, kind, subject);
    if (*slot)
        return &set->subjects[*slot - 1];
    if (set->n_subjects == set->cap_subjects) {
        size_t cap = set->cap_subjects ? set->cap_subjects * 2 : 256;
        subject_block *b = realloc(set->subjects, cap * sizeof *b);
        if (!b)
            return NULL;
        set->subjects = b;
        set->cap_subjects = cap;
    }
    subject_block *b = &set->subjects[set->n_subjects];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->hash = h;
    if (!(b->subject = arena_strdup(set, subject)))
        return NULL;
    *slot = (uint32_t)++set->n_subjects;
    return b;
}

int cs_factset_add(cs_factset *set, const cs_fact *fact)
{
    if (set->count >= UINT32_MAX || set->n_subjects >= UINT32_MAX - 1)
        return cs_error_set(CS_ENOMEM, "too many facts");
    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 256;
        cs_fact *f = realloc(set->facts, cap * sizeof *f);
        if (!f)
            return cs_error_set(CS_ENOMEM, "out of memory storing facts");
        set->facts = f;
        set->cap = cap;
    }
    subject_block *b = subject_for_add(set, fact->subject_kind, fact->subject ? fact->subject : "");
    if (!b)
        return cs_error_set(CS_ENOMEM, "out of memory storing facts");
    if (b->count == b->cap) {
        uint32_t cap = b->cap ? b->cap * 2 : 8;
        named_fact *nf = realloc(b->facts, cap * sizeof *nf);
        if (!nf)
            return cs_error_set(CS_ENOMEM, "out of memory storing facts");
        b->facts = nf;
        b->cap = cap;
    }
    cs_fact *f = &set->facts[set->count];
    *f = *fact;
    f->subject = b->subject;
    f->name = intern(set, &set->names, fact->name);
    f->source = intern(set, &set->sources, fact->source);
    /* the value as written, the locator and the quote are the fact's own */
    f->raw = fact->raw && *fact->raw ? arena_strdup(set, fact->raw) : "";
    f->locator = fact->locator && *fact->locator ? arena_strdup(set, fact->locator) : "";
    f->quote = fact->quote && *fact->quote ? arena_strdup(set, fact->quote) : "";
    f->value.text = fact->value.text ? arena_strdup(set, fact->value.text) : NULL;
    if (!f->name || !f->source || !f->raw || !f->locator || !f->quote ||
        (fact->value.text && !f->value.text))
        return cs_error_set(CS_ENOMEM, "out of memory storing facts");
    b->facts[b->count].name = f->name;
    b->facts[b->count].fact = (uint32_t)set->count;
    b->count++;
    set->count++;
    return 0;
}

const cs_fact *cs_factset_get(const cs_factset *set, cs_subject_kind kind, const char *subject,
                              const char *name, int year)
{
    if (!set->slot_cap || !subject || !name)
        return NULL;
    uint32_t slot = *find_subject(set, subject_hash(kind, subject), kind, subject);
    if (!slot)
        return NULL;
    const subject_block *b = &set->subjects[slot - 1];
    const cs_fact *best = NULL, *undated = NULL;
    for (uint32_t i = 0; i < b->count; i++) {
        if (strcmp(b->facts[i].name, name) != 0)
            continue;
        const cs_fact *f = &set->facts[b->facts[i].fact];
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
