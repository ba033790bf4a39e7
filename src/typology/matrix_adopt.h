/*
 * matrix_adopt.h: a data matrix made from arrays that a reader has filled, taken over rather
 * than copied (src/ingest/matrix_read.c: a copy of the n x p cells would double the memory a
 * large data file needs). Internal to the library.
 *
 * Ownership: cs_typ_datamatrix_adopt() takes x, ids and id_pool whatever it returns: on success
 * they belong to the matrix (freed by cs_datamatrix_free), on failure they are already freed.
 * types and names stay the caller's (names are copied).
 */
#ifndef CS_TYPOLOGY_MATRIX_ADOPT_H
#define CS_TYPOLOGY_MATRIX_ADOPT_H

#include "clusterscope/typology.h"
#include "util/strpool.h"

#include <stddef.h>

/*
 * The matrix of n objects and p variables of the given types (no CS_VAR_AUTO) over x (n x p,
 * row-major, malloc'd; NaN = unknown, every other value finite, 0 or 1 in binary columns),
 * ids (n malloc'd pointers into id_pool, distinct) and names (p). The cells are checked (a
 * binary -0 becomes 0, as cs_datamatrix_set makes it); levels are set afterwards with
 * cs_datamatrix_set_levels(). Returns 0, CS_EUSAGE, CS_EDATA or CS_ENOMEM.
 */
int cs_typ_datamatrix_adopt(cs_datamatrix **out, size_t n, size_t p, const cs_var_type *types,
                            double *x, char **ids, cs_strpool *id_pool, const char *const *names);

#endif
