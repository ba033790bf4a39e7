#include "util/keymap.h"

#include "clusterscope/error.h"

#include <stdlib.h>

/* Open addressing over the values themselves; UINT64_MAX marks an empty slot, so that value is
 * kept aside in a flag. At most 70% full. */
struct cs_u64set {
    uint64_t *slots;
    size_t cap, count;
    int has_max;
};

#define EMPTY UINT64_MAX

static size_t mix(uint64_t v)
{
    v ^= v >> 33;
    v *= 0xff51afd7ed558ccdULL;
    v ^= v >> 33;
    return (size_t)v;
}

int cs_u64set_new(cs_u64set **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

void cs_u64set_free(cs_u64set *set)
{
    if (!set)
        return;
    free(set->slots);
    free(set);
}

static int grow(cs_u64set *set)
{
    size_t cap = set->cap ? set->cap * 2 : 1024;
    uint64_t *slots = malloc(cap * sizeof *slots);
    if (!slots)
        return cs_error_set(CS_ENOMEM, "out of memory indexing pairs");
    for (size_t i = 0; i < cap; i++)
        slots[i] = EMPTY;
    for (size_t i = 0; i < set->cap; i++) {
        uint64_t v = set->slots[i];
        if (v == EMPTY)
            continue;
        size_t j = mix(v) & (cap - 1);
        while (slots[j] != EMPTY)
            j = (j + 1) & (cap - 1);
        slots[j] = v;
    }
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

int cs_u64set_add(cs_u64set *set, uint64_t value)
{
    if (value == EMPTY) {
        int added = !set->has_max;
        set->has_max = 1;
        return added;
    }
    if ((set->count + 1) * 10 > set->cap * 7 && grow(set))
        return CS_ENOMEM;
    size_t mask = set->cap - 1;
    for (size_t i = mix(value) & mask;; i = (i + 1) & mask) {
        if (set->slots[i] == value)
            return 0;
        if (set->slots[i] == EMPTY) {
            set->slots[i] = value;
            set->count++;
            return 1;
        }
    }
}
