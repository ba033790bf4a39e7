/*
 * embedded.h: data files compiled into the library (the schema, the shipped method files,
 * the built-in fact definitions). The contents are static and never freed.
 */
#ifndef CS_UTIL_EMBEDDED_H
#define CS_UTIL_EMBEDDED_H

#include <stddef.h>

typedef struct {
    const char
        *path; /* the file's path in the source tree, e.g. "methods/hse-biomedical-2019.json" */
    const char *data; /* its bytes, followed by a NUL */
    size_t size;      /* its length without the NUL */
} cs_embedded_file;

/* Terminated by an entry whose path is NULL. */
extern const cs_embedded_file cs_embedded_files[];

/* The embedded file with this path, or NULL. */
const cs_embedded_file *cs_embedded_find(const char *path);

#endif
