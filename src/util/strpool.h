/*
 * strpool.h: many short strings in a few large blocks, freed all at once (the object ids of a
 * data matrix: a million separate allocations would cost more than the text itself).
 *
 * Ownership: the caller owns a cs_strpool and frees it with cs_strpool_free(), which frees every
 * string the pool handed out. A string stays at its address until then.
 */
#ifndef CS_UTIL_STRPOOL_H
#define CS_UTIL_STRPOOL_H

#include <stddef.h>

typedef struct cs_strpool cs_strpool;

int cs_strpool_new(cs_strpool **out);
void cs_strpool_free(cs_strpool *pool);

/* A NUL-terminated copy of s[0, len) (s may hold no NUL), or NULL with CS_ENOMEM set. */
char *cs_strpool_add(cs_strpool *pool, const char *s, size_t len);

/* Bytes the pool holds (blocks and their headers), for memory estimates and tests. */
size_t cs_strpool_bytes(const cs_strpool *pool);

#endif
