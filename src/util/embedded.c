#include "util/embedded.h"

#include <string.h>

const cs_embedded_file *cs_embedded_find(const char *path)
{
    for (const cs_embedded_file *f = cs_embedded_files; f->path; f++)
        if (strcmp(f->path, path) == 0)
            return f;
    return NULL;
}
