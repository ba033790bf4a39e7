/*
 * columns.h: CSV files as people have them, before their rows become records: a column mapping
 * (the file's column names -> the record kind's, or dropped), fixed values for columns the file
 * lacks, and the set of rows seen, which finds rows repeated exactly. Each object is owned by
 * its creator and freed with its _free function; strings it hands out live as long as it does.
 */
#ifndef CS_INGEST_COLUMNS_H
#define CS_INGEST_COLUMNS_H

#include "registry/record.h"

#include <stddef.h>
#include <stdint.h>

/* The most pairs a mapping holds, and the longest mapping file. */
#define CS_COLUMN_MAP_MAX_PAIRS 4096
#define CS_COLUMN_MAP_MAX_BYTES ((size_t)1 << 20)

typedef struct {
    const char *from; /* a column of the file, as its header names it */
    const char *to;   /* a column of the record kind; NULL: the column is dropped */
    long where;       /* the pair's number in a list, or its line in a mapping file */
} cs_column_pair;

typedef struct cs_column_map cs_column_map;

/*
 * Parses a mapping. With `origin` NULL the text is a list: pairs FROM=TO separated by commas
 * or line ends, positions in messages are "column mapping, pair N". With `origin` (a mapping
 * file's name) it is one pair a line, `#` starting a comment, blank lines ignored, and
 * positions are "ORIGIN:LINE". Around names, spaces are trimmed; a pair splits at its last '='
 * (record kinds' columns have none); TO '-' drops the column. Refused, with the position and
 * what was expected (CS_EUSAGE): a pair without '=' or with an empty side, a file column or a
 * record kind's column named twice, no pair at all, more than CS_COLUMN_MAP_MAX_PAIRS pairs.
 */
int cs_column_map_parse(cs_column_map **out, const char *text, size_t len, const char *origin);
/* Reads the mapping file at `path` (at most CS_COLUMN_MAP_MAX_BYTES) and parses it. */
int cs_column_map_read(cs_column_map **out, const char *path);
void cs_column_map_free(cs_column_map *map);

size_t cs_column_map_count(const cs_column_map *map);
const cs_column_pair *cs_column_map_at(const cs_column_map *map, size_t i);
/* The pair whose FROM is `column`, or NULL. */
const cs_column_pair *cs_column_map_find(const cs_column_map *map, const char *column);
/* "column mapping, pair 2" or "map.txt:3": where a pair stands, for messages. */
void cs_column_map_where(char *out, size_t cap, const cs_column_map *map, const cs_column_pair *p);

/*
 * Checks a mapping against a file's header and its record kind: every FROM is a column of the
 * header, every TO a column of the kind (not checked when spec is NULL). On success names[f] is
 * the column header field f is read as (NULL when dropped); a NULL map names every field as the
 * header does. CS_EUSAGE naming the pair, the file and what was expected.
 */
int cs_column_map_apply(const cs_column_map *map, const char *file, const char *const *header,
                        size_t n, const cs_kind_spec *spec, const char **names);

/*
 * Fixed values ("COLUMN=VALUE"), checked against a record kind: the column is one of the kind's,
 * given once, and the value is not empty. values[c] is the value of column c (pointing into
 * `set`), or NULL; index[c] which of the set gives it, from 1. CS_EUSAGE "fixed value N:
 * expected ..., found ...".
 */
int cs_fixed_values_parse(const char **values, int *index, const char *const *set, size_t n_set,
                          const cs_kind_spec *spec);

/*
 * The rows of one file seen so far, by a 95-bit hash of their values: a row whose values
 * equal those of an earlier row (the same text in every column of the kind) is a repeat. Keeps
 * 16 bytes a row. Two different rows share a hash with a chance of about n^2 / 2^96 (1e-15 for
 * ten million rows).
 */
typedef struct cs_row_set cs_row_set;

int cs_row_set_new(cs_row_set **out);
void cs_row_set_free(cs_row_set *set);
/* Adds a row of `n` values (NULL: absent) read at `line` (> 0): 0 when new, else the line of
 * the earlier row it repeats, which names that row; CS_ENOMEM. */
long cs_row_set_add(cs_row_set *set, const char *const *values, size_t n, long line);
/* The same in steps, so that a batch of rows can warm their slots first: the row's hash, a
 * prefetch of its slot, and the add of a row by its hash. */
void cs_row_set_hash(uint64_t hash[2], const char *const *values, size_t n);
void cs_row_set_prefetch(const cs_row_set *set, const uint64_t hash[2]);
long cs_row_set_add_hashed(cs_row_set *set, const uint64_t hash[2], long line);

#endif
