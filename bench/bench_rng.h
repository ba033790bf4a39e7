/*
 * bench_rng.h: the seeded generator of the benchmark drivers' data (SplitMix64, uniform on
 * [0, 1) with 53 bits, Box-Muller normals), so that every driver writes the same numbers from
 * the same seed. One state per program: set bench_rng_state before drawing.
 */
#ifndef CS_BENCH_RNG_H
#define CS_BENCH_RNG_H

#include <math.h>
#include <stdint.h>

static uint64_t bench_rng_state;

static uint64_t next64(void)
{
    uint64_t z = (bench_rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(void)
{
    return (double)(next64() >> 11) * 0x1.0p-53;
}

static double normal(void)
{
    double u = uniform(), v = uniform();
    if (u < 1e-300)
        u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

#endif
