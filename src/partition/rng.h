/*
 * rng.h: the seeded random number generator of the partitioning code, xoshiro256** 1.0
 * (Blackman and Vigna 2018, https://prng.di.unimi.it/xoshiro256starstar.c), seeded through
 * SplitMix64 as its authors recommend.
 *
 * Ownership: a cs_rng is a plain value on the caller's stack; nothing to free.
 *
 * Streams: cs_rng_init(seed, stream) gives independent-looking sequences for each stream number
 * (restart r, resample b, ...), so that a parallel or reordered run draws exactly the same
 * numbers for each stream. The same seed and stream always give the same sequence, on every
 * platform.
 */
#ifndef CS_PARTITION_RNG_H
#define CS_PARTITION_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t s[4];
} cs_rng;

/* Seeds the state from (seed, stream) through SplitMix64; the state is never all zero. */
void cs_rng_init(cs_rng *r, uint64_t seed, uint64_t stream);

/* The next 64 random bits. */
uint64_t cs_rng_next(cs_rng *r);

/* A double uniform on [0, 1), with 53 random bits. */
double cs_rng_uniform(cs_rng *r);

/* An integer uniform on [0, bound), bound >= 1, without modulo bias (Lemire 2019). */
uint64_t cs_rng_below(cs_rng *r, uint64_t bound);

/* SplitMix64 step: mixes x into a well-distributed 64-bit value (also used to derive seeds). */
uint64_t cs_rng_mix(uint64_t x);

#endif
