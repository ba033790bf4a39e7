/*
 * gen_regional.c: the long-form files of bench/regional.sh from a fixed seed:
 *   gen_regional spec NR NI NY > spec.csv   region,industry,year,value (about 40% zeros left out)
 *   gen_regional cmp NR NC NY > cmp.csv     region,category,year,employment,establishments
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t next(void)
{
    /* splitmix64: the same numbers on every machine */
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int main(int argc, char **argv)
{
    if (argc != 5 || (strcmp(argv[1], "spec") && strcmp(argv[1], "cmp"))) {
        fprintf(stderr, "usage: gen_regional spec|cmp NR NI NY\n");
        return 2;
    }
    int cmp = strcmp(argv[1], "cmp") == 0;
    long nr = atol(argv[2]), ni = atol(argv[3]), ny = atol(argv[4]);
    static char buf[1 << 20];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    puts(cmp ? "region,category,year,employment,establishments" : "region,industry,year,value");
    for (long y = 0; y < ny; y++)
        for (long r = 0; r < nr; r++)
            for (long i = 0; i < ni; i++) {
                uint64_t u = next();
                long v = (long)(u % 1000);
                if (!cmp && v < 400)
                    continue; /* a sparse table: zero cells have no row */
                if (cmp)
                    printf("r%04ld,c%04ld,%ld,%ld,%ld\n", r, i, 2010 + y, v < 300 ? 0 : v,
                           v < 300 ? 0 : 1 + (long)((u >> 20) % 50));
                else
                    printf("r%04ld,i%04ld,%ld,%ld.%ld\n", r, i, 2010 + y, v, (long)((u >> 20) % 10));
            }
    return fflush(stdout) ? 1 : 0;
}
