/*
 * store_test_util.h: what the tests that open a registry share (test_store.c, test_import.c,
 * test_export.c): a scratch folder per test, files written into it, and new registries in it.
 *
 * Ownership: st_dir() hands out a folder name the caller frees with st_dir_remove(), which also
 * removes everything in it; st_path() returns a name the caller frees with free(). Registries
 * are the caller's to close, except a fixture's, which st_teardown() closes.
 */
#ifndef STORE_TEST_UTIL_H
#define STORE_TEST_UTIL_H

#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "clusterscope/store.h"
#include "util/buf.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline char *st_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = malloc(4096);
    assert_non_null(dir);
    snprintf(dir, 4096, "%s/cs-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static inline int st_remove_entry(const char *path, const struct stat *sb, int flag,
                                  struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static inline void st_dir_remove(char *dir)
{
    nftw(dir, st_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

static inline char *st_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Writes `text` to DIR/NAME and returns the path (the caller frees it). */
static inline char *st_write(const char *dir, const char *name, const char *text)
{
    char *p = st_path(dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
    return p;
}

/* The whole file as a NUL-terminated string (the caller frees it). */
static inline char *st_read(const char *path)
{
    cs_buf b = CS_BUF_INIT;
    assert_int_equal(cs_buf_read_file(&b, path, (size_t)1 << 30, "a test file"), 0);
    return b.data ? b.data : strdup("");
}

/* A new registry at DIR/NAME. */
static inline cs_store *st_create(const char *dir, const char *name)
{
    char *p = st_path(dir, name);
    cs_store *store = NULL;
    int rc = cs_store_open(&store, p, CS_STORE_CREATE);
    if (rc)
        fail_msg("creating %s: %s", p, cs_error_last());
    free(p);
    return store;
}

/*
 * Imports TEXT (a JSON registry document, written to DIR/NAME) into the registry at DB_PATH as
 * `clusterscope import` does: through the service, every check of an import, one transaction.
 * Returns the import's code (its message in cs_error_last()); *stats may be NULL.
 */
static inline int st_import_json(cs_import_stats *stats, const char *db_path, const char *dir,
                                 const char *name, const char *text)
{
    char *file = st_write(dir, name, text);
    cs_service *svc = NULL;
    int rc = cs_service_open(&svc, db_path, CS_SERVICE_WRITE);
    if (rc)
        fail_msg("opening %s: %s", db_path, cs_error_last());
    cs_import_stats local;
    const char *paths[] = { file };
    rc = cs_service_import(stats ? stats : &local, svc, paths, 1, NULL);
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", rc ? cs_error_last() : "");
    cs_service_close(svc);
    free(file);
    return rc ? cs_error_set(rc, "%s", msg) : 0;
}

/* A cmocka fixture: a scratch folder with a new registry reg.db in it. */
typedef struct {
    char *dir;
    cs_store *store;
} fixture;

static inline int st_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = st_dir();
    f->store = st_create(f->dir, "reg.db");
    *state = f;
    return 0;
}

static inline int st_teardown(void **state)
{
    fixture *f = *state;
    cs_store_close(f->store);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

#endif
