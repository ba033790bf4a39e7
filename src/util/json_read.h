/*
 * json_read.h: what every reader of JSON input shares: where a value stands in the text (for
 * error messages), the name of a value's type, and a record object's members as text. Nothing
 * here allocates; strings handed out borrow from the JSON value or the caller's buffers.
 */
#ifndef CS_UTIL_JSON_READ_H
#define CS_UTIL_JSON_READ_H

#include <jansson.h>
#include <stddef.h>

/* The type of a JSON value as messages name it: "an object", "an array", "a string",
 * "a number", "a boolean" or "null". */
const char *cs_json_type_name(const json_t *v);

/*
 * Reads the members of a JSON object as text: fields[i] for the member names[i], NULL when it
 * is absent or null. Strings are taken as they are, whole numbers as "%lld" and other numbers as
 * cs_format_double() writes them (both into numbers[i]), true and false as "true" and "false".
 * Returns 0; -1 when a member is not one of `names` and -2 when a member's value is an object or
 * an array, with *bad the member.
 */
int cs_json_read_fields(const char **fields, char (*numbers)[48], const json_t *object,
                        const char *const *names, size_t n, const char **bad);

/*
 * The deepest nesting of arrays and objects any JSON input may have. The parser (jansson)
 * recurses once per level and needs about 256 bytes of stack a level, so its own limit of 2048
 * levels could exhaust a small thread stack; the deepest document the program reads has 7
 * levels (a method file), so 64 leaves room for comments (members starting with '_').
 */
#define CS_JSON_MAX_DEPTH 64

/*
 * Checks that no array or object in the text is nested more than max_depth levels deep,
 * before it is parsed: 0, or -1 with *line and *col (1-based, columns in characters) at the
 * bracket that goes too deep. Strings are skipped; the text need not be valid JSON (what is
 * not, the parser reports). Linear time, constant memory.
 */
int cs_json_check_depth(const char *text, size_t len, int max_depth, long *line, long *col);

/*
 * Where a value stands: the rest of this header is for error messages only, used after a
 * document has parsed, so it may assume well-formed input (and fails softly when it is not).
 */

/*
 * Finds the value at path member `top` -> array element `index` -> member `member` (NULL: the
 * element itself) of the top-level object. Sets *line and *col (1-based) of the deepest part of
 * the path found. Returns 0 when the whole path was found.
 */
int cs_json_locate(const char *text, size_t len, const char *top, long index, const char *member,
                   long *line, long *col);

#endif
