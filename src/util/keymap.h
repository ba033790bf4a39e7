/*
 * keymap.h: a hash map from byte-string keys to (id, line) pairs, for resolving references and
 * spotting duplicate keys during an import; and a set of 64-bit integers. Each copies what it is
 * given and owns all its memory; the _free functions release it.
 */
#ifndef CS_UTIL_KEYMAP_H
#define CS_UTIL_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_keymap cs_keymap;

typedef struct {
    int64_t id; /* the registry row id (or any value the user of the map chooses) */
    long line;  /* where the key was first seen in the current import; 0 = not seen yet */
} cs_keymap_value;

int cs_keymap_new(cs_keymap **out);
void cs_keymap_free(cs_keymap *map);

/* The value stored for the key, or NULL. The pointer is valid until the next insertion. */
cs_keymap_value *cs_keymap_get(const cs_keymap *map, const void *key, size_t len);

/* Inserts the key if absent (value zeroed) and returns its value slot; NULL when out of memory
 * (with the error set). The pointer is valid until the next insertion. */
cs_keymap_value *cs_keymap_put(cs_keymap *map, const void *key, size_t len);

size_t cs_keymap_count(const cs_keymap *map);

/*
 * Warms the cache for a later get or put of the key. Called twice for a batch of keys before
 * looking them up, it lets their cache misses overlap: the first call fetches the key's slot,
 * the second (the slot now in cache) its entry.
 */
void cs_keymap_prefetch(const cs_keymap *map, const void *key, size_t len);

/* A set of 64-bit integers (e.g. a pair of 32-bit row ids), 8 bytes a slot. */
typedef struct cs_u64set cs_u64set;

int cs_u64set_new(cs_u64set **out);
void cs_u64set_free(cs_u64set *set);
/* Adds the value: 1 when it was new, 0 when already present, CS_ENOMEM on failure. */
int cs_u64set_add(cs_u64set *set, uint64_t value);

#endif
