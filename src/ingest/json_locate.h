/*
 * json_locate.h: finds where a value stands in JSON text, for error messages. Used only after a
 * document has parsed, so it may assume well-formed input (and fails softly when it is not).
 */
#ifndef CS_INGEST_JSON_LOCATE_H
#define CS_INGEST_JSON_LOCATE_H

#include <stddef.h>

/*
 * Finds the value at path member `top` -> array element `index` -> member `member` (NULL: the
 * element itself) of the top-level object. Sets *line and *col (1-based) of the deepest part of
 * the path found. Returns 0 when the whole path was found.
 */
int cs_json_locate(const char *text, size_t len, const char *top, long index, const char *member,
                   long *line, long *col);

#endif
