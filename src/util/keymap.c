#include "util/keymap.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

/*
 * Open addressing with linear probing; the table is kept at most 70% full. Slots hold the full
 * 64-bit hash so that most mismatches are rejected without touching the key bytes.
 */

typedef struct block {
    struct block *next;
    size_t used, cap;
    char data[];
} block;

typedef struct {
    uint64_t hash;
    const char *key; /* NULL = empty slot */
    uint32_t len;
    cs_keymap_value value;
} slot;

struct cs_keymap {
    slot *slots;
    size_t cap, count;
    block *arena;
};

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
    for (block *b = map->arena, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(map->slots);
    free(map);
}

size_t cs_keymap_count(const cs_keymap *map)
{
    return map->count;
}

static slot *find(slot *slots, size_t cap, uint64_t h, const void *key, size_t len)
{
    size_t mask = cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        slot *s = &slots[i];
        if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
    }
}

cs_keymap_value *cs_keymap_get(const cs_keymap *map, const void *key, size_t len)
{
    if (!map->cap)
        return NULL;
    slot *s = find(map->slots, map->cap, hash_bytes(key, len), key, len);
    return s->key ? &s->value : NULL;
}

static int grow(cs_keymap *map)
{
    size_t cap = map->cap ? map->cap * 2 : 256;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return cs_error_set(CS_ENOMEM, "out of memory indexing keys");
    for (size_t i = 0; i < map->cap; i++)
        if (map->slots[i].key)
            *find(slots, cap, map->slots[i].hash, map->slots[i].key, map->slots[i].len) =
                map->slots[i];
    free(map->slots);
    map->slots = slots;
    map->cap = cap;
    return 0;
}

static const char *copy_key(cs_keymap *map, const void *key, size_t len)
{
    block *b = map->arena;
    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > 1u << 20 ? len + 1 : 1u << 20;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = map->arena;
        b->used = 0;
        b->cap = cap;
        map->arena = b;
    }
    char *p = b->data + b->used;
    memcpy(p, key, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
}

cs_keymap_value *cs_keymap_put(cs_keymap *map, const void *key, size_t len)
{
    if (len > UINT32_MAX) {
        cs_error_set(CS_EDATA, "key too long");
        return NULL;
    }
    if ((map->count + 1) * 10 > map->cap * 7 && grow(map))
        return NULL;
    uint64_t h = hash_bytes(key, len);
    slot *s = find(map->slots, map->cap, h, key, len);
    if (s->key)
        return &s->value;
    const char *copy = copy_key(map, key, len);
    if (!copy) {
        cs_error_set(CS_ENOMEM, "out of memory indexing keys");
        return NULL;
    }
    s->hash = h;
    s->key = copy;
    s->len = (uint32_t)len;
    s->value.id = 0;
    s->value.line = 0;
    map->count++;
    return &s->value;
}
