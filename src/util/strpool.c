#include "util/strpool.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

/* Blocks of 4 KiB, each twice the last up to 1 MiB (a small file costs a page, not a megabyte
 * mapped and unmapped); a longer string gets a block of its own. Blocks are chained newest
 * first. */
#define FIRST_BLOCK_BYTES ((size_t)4 << 10)
#define BLOCK_BYTES       ((size_t)1 << 20)

typedef struct block {
    struct block *prev;
    size_t cap, used;
    char data[];
} block;

struct cs_strpool {
    block *last;
    size_t bytes;
    size_t next_cap; /* the size of the next shared block */
};

int cs_strpool_new(cs_strpool **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
}

void cs_strpool_free(cs_strpool *pool)
{
    if (!pool)
        return;
    for (block *b = pool->last, *prev; b; b = prev) {
        prev = b->prev;
        free(b);
    }
    free(pool);
}

char *cs_strpool_add(cs_strpool *pool, const char *s, size_t len)
{
    block *b = pool->last;
    if (!b || b->cap - b->used < len + 1) {
        size_t shared = pool->next_cap ? pool->next_cap : FIRST_BLOCK_BYTES;
        int own = len + 1 > shared;
        size_t cap = own ? len + 1 : shared;
        if (cap > ((size_t)-1) / 2 - sizeof *b) {
            cs_error_set(CS_ENOMEM, "out of memory");
            return NULL;
        }
        block *nb = malloc(sizeof *nb + cap);
        if (!nb) {
            cs_error_set(CS_ENOMEM, "out of memory");
            return NULL;
        }
        nb->cap = cap;
        nb->used = 0;
        /* a block of its own goes behind the current one, so the current one keeps filling */
        if (b && own) {
            nb->prev = b->prev;
            b->prev = nb;
        } else {
            nb->prev = b;
            pool->last = nb;
            if (!own)
                pool->next_cap = shared < BLOCK_BYTES ? 2 * shared : BLOCK_BYTES;
        }
        pool->bytes += sizeof *nb + cap;
        b = nb;
    }
    char *d = b->data + b->used;
    if (len)
        memcpy(d, s, len);
    d[len] = '\0';
    b->used += len + 1;
    return d;
}

size_t cs_strpool_bytes(const cs_strpool *pool)
{
    return pool ? pool->bytes + sizeof *pool : 0;
}
