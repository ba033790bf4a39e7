/*
 * atomic_file.h: write a file so that readers see either the old contents or the complete new
 * ones, never a part. Data goes to a temporary file beside the target, which is flushed and
 * renamed over the target on commit; abort (or a failed commit) removes the temporary file.
 * The caller owns the cs_atomic_file and must end it with exactly one commit or abort.
 */
#ifndef CS_UTIL_ATOMIC_FILE_H
#define CS_UTIL_ATOMIC_FILE_H

#include <stdio.h>

typedef struct cs_atomic_file cs_atomic_file;

/* Opens a temporary file for `path`; *out and its stream (cs_atomic_file_stream) are ready. */
int cs_atomic_file_open(cs_atomic_file **out, const char *path);
FILE *cs_atomic_file_stream(cs_atomic_file *f);
/* Flushes, syncs and renames into place; frees f whatever the result. */
int cs_atomic_file_commit(cs_atomic_file *f);
/* Discards the temporary file and frees f. */
void cs_atomic_file_abort(cs_atomic_file *f);

#endif
