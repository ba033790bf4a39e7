#include "util/keymap.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

/*
 * A million-key import does millions of lookups whose keys are scattered in memory, so a
 * lookup should touch as few cache lines as it can: the probe table holds 8-byte slots (32 bits
 * of hash, entry index + 1), and an entry is one 64-byte line holding the value and, for the
 * usual short key, the key itself. Longer keys live in a byte arena. The table is kept at most
 * 70% full.
 */

typedef struct {
    uint32_t hash;
    uint32_t entry; /* index + 1; 0 = empty */
} slot;

#define INLINE_KEY 44

typedef struct {
    cs_keymap_value value;
    uint32_t len;
    char key[INLINE_KEY]; /* the key when len <= INLINE_KEY, else its arena offset (uint64) */
} entry;

_Static_assert(sizeof(entry) == 64, "an entry is one cache line");

struct cs_keymap {
    slot *slots;
    size_t cap;
    entry *entries;
    size_t count, entries_cap;
    char *arena;
    size_t arena_len, arena_cap;
};

static const char *entry_key(const cs_keymap *map, const entry *e)
{
    if (e->len <= INLINE_KEY)
        return e->key;
    uint64_t offset;
    memcpy(&offset, e->key, sizeof offset);
    return map->arena + offset;
}

static uint64_t hash_bytes(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h;
}

int cs_keymap_new(cs_keymap **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

void cs_keymap_free(cs_keymap *map)
{
    if (!map)
        return;
    free(map->slots);
    free(map->entries);
    free(map->arena);
    free(map);
}

size_t cs_keymap_count(const cs_keymap *map)
{
    return map->count;
}

/* The slot holding the key, or the empty slot where it would go. */
static slot *find(const cs_keymap *map, uint64_t h, const void *key, size_t len)
{
    size_t mask = map->cap - 1;
    uint32_t h32 = (uint32_t)(h >> 32);
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        slot *s = &map->slots[i];
        if (!s->entry)
            return s;
        if (s->hash == h32) {
            const entry *e = &map->entries[s->entry - 1];
            if (e->len == len && memcmp(entry_key(map, e), key, len) == 0)
                return s;
        }
    }
}

void cs_keymap_prefetch(const cs_keymap *map, const void *key, size_t len)
{
    if (!map->cap)
        return;
    uint64_t h = hash_bytes(key, len);
    const slot *s = &map->slots[(size_t)h & (map->cap - 1)];
    __builtin_prefetch(s);
    /* only worth reading when the first call has brought the slot in */
    if (s->entry && s->hash == (uint32_t)(h >> 32))
        __builtin_prefetch(&map->entries[s->entry - 1]);
}

cs_keymap_value *cs_keymap_get(const cs_keymap *map, const void *key, size_t len)
{
    if (!map->cap)
        return NULL;
    slot *s = find(map, hash_bytes(key, len), key, len);
    return s->entry ? &map->entries[s->entry - 1].value : NULL;
}

static int grow_table(cs_keymap *map)
{
    size_t cap = map->cap ? map->cap * 2 : 256;
    if (cap > UINT32_MAX)
        return cs_error_set(CS_ENOMEM, "too many keys for one import");
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return cs_error_set(CS_ENOMEM, "out of memory indexing keys");
    size_t mask = cap - 1;
    for (size_t i = 0; i < map->cap; i++) {
        slot s = map->slots[i];
        if (!s.entry)
            continue;
        const entry *e = &map->entries[s.entry - 1];
        size_t j = (size_t)hash_bytes(entry_key(map, e), e->len) & mask;
        while (slots[j].entry)
            j = (j + 1) & mask;
        slots[j] = s;
    }
    free(map->slots);
    map->slots = slots;
    map->cap = cap;
    return 0;
}

cs_keymap_value *cs_keymap_put(cs_keymap *map, const void *key, size_t len)
{
    if (len > UINT32_MAX) {
        cs_error_set(CS_EDATA, "key too long");
        return NULL;
    }
    if ((map->count + 1) * 10 > map->cap * 7 && grow_table(map))
        return NULL;
    uint64_t h = hash_bytes(key, len);
    slot *s = find(map, h, key, len);
    if (s->entry)
        return &map->entries[s->entry - 1].value;
    if (map->count == map->entries_cap) {
        size_t cap = map->entries_cap ? map->entries_cap * 2 : 64;
        entry *e = realloc(map->entries, cap * sizeof *e);
        if (!e) {
            cs_error_set(CS_ENOMEM, "out of memory indexing keys");
            return NULL;
        }
        map->entries = e;
        map->entries_cap = cap;
    }
    entry *e = &map->entries[map->count];
    e->len = (uint32_t)len;
    e->value.id = 0;
    e->value.line = 0;
    if (len <= INLINE_KEY) {
        memcpy(e->key, key, len);
    } else {
        if (map->arena_len + len > map->arena_cap) {
            size_t cap = map->arena_cap ? map->arena_cap : 4096;
            while (cap < map->arena_len + len)
                cap *= 2;
            char *a = realloc(map->arena, cap);
            if (!a) {
                cs_error_set(CS_ENOMEM, "out of memory indexing keys");
                return NULL;
            }
            map->arena = a;
            map->arena_cap = cap;
        }
        memcpy(map->arena + map->arena_len, key, len);
        uint64_t offset = map->arena_len;
        memcpy(e->key, &offset, sizeof offset);
        map->arena_len += len;
    }
    map->count++;
    s->hash = (uint32_t)(h >> 32);
    s->entry = (uint32_t)map->count;
    return &e->value;
}
