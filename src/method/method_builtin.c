/*
 * method_builtin.c: the methods built into the library (methods/<id>.json, embedded at build
 * time): their ids, sorted, and loading one by id.
 */
#include "method/method_impl.h"

#include "clusterscope/error.h"
#include "util/buf.h"
#include "util/embedded.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define MAX_BUILTINS 64
static char builtin_ids[MAX_BUILTINS][MAX_ID_LEN + 1];
static size_t n_builtins;
static pthread_once_t builtins_once = PTHREAD_ONCE_INIT;

static void list_builtins(void)
{
    for (const cs_embedded_file *f = cs_embedded_files; f->path && n_builtins < MAX_BUILTINS; f++) {
        size_t len = strlen(f->path);
        if (strncmp(f->path, "methods/", 8) != 0 || len < 8 + 6 ||
            strcmp(f->path + len - 5, ".json") != 0 || len - 13 > MAX_ID_LEN ||
            strchr(f->path + 8, '/'))
            continue;
        /* a composite-index method (regional.h) shares the folder, not the format */
        if (memmem(f->data, f->size < 256 ? f->size : 256, "\"clusterscope-composite\"", 24))
            continue;
        memcpy(builtin_ids[n_builtins], f->path + 8, len - 13);
        builtin_ids[n_builtins][len - 13] = '\0';
        n_builtins++;
    }
    /* embed.sh keeps the order it is given; sort so listings do not depend on it */
    for (size_t i = 1; i < n_builtins; i++)
        for (size_t j = i; j > 0 && strcmp(builtin_ids[j - 1], builtin_ids[j]) > 0; j--) {
            char tmp[MAX_ID_LEN + 1];
            memcpy(tmp, builtin_ids[j], sizeof tmp);
            memcpy(builtin_ids[j], builtin_ids[j - 1], sizeof tmp);
            memcpy(builtin_ids[j - 1], tmp, sizeof tmp);
        }
}

size_t cs_method_builtin_count(void)
{
    pthread_once(&builtins_once, list_builtins);
    return n_builtins;
}

const char *cs_method_builtin_id(size_t i)
{
    pthread_once(&builtins_once, list_builtins);
    return i < n_builtins ? builtin_ids[i] : NULL;
}

int cs_method_load_builtin(cs_method **out, const char *id)
{
    *out = NULL;
    char path[MAX_ID_LEN + 32];
    if (!id || !cs_ml_valid_id(id) || strlen(id) > MAX_ID_LEN)
        return cs_error_set(CS_ENOTFOUND, "no built-in method \"%.80s\"", id ? id : "");
    snprintf(path, sizeof path, "methods/%s.json", id);
    const cs_embedded_file *f = cs_embedded_find(path);
    if (!f) {
        cs_buf list = CS_BUF_INIT;
        for (size_t i = 0; i < cs_method_builtin_count(); i++)
            cs_buf_printf(&list, "%s%s", i ? ", " : "", cs_method_builtin_id(i));
        int rc = cs_error_set(CS_ENOTFOUND, "no built-in method \"%s\" (built in: %s)", id,
                              cs_buf_str(&list));
        cs_buf_free(&list);
        return rc;
    }
    return cs_method_load_string(out, f->data, f->size, path);
}
