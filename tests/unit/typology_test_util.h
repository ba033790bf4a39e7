/*
 * typology_test_util.h: helpers for the distance and linkage tests (test_distance.c,
 * test_linkage.c): generating the reference results of SciPy/fastcluster and R into the build
 * directory at test time, and reading them.
 *
 * Ownership: ty_ref_load returns a ty_ref the caller frees with ty_ref_free; arrays from
 * ty_ref_get belong to that ty_ref. ty_ref_dir returns a static string.
 *
 * References come from tests/reference/typology_scipy.py (run with /usr/bin/python3, Debian's
 * python3-scipy and python3-fastcluster) and tests/reference/typology_daisy.R (Rscript with
 * r-cran-cluster), written into BUILD/ref/typology/{scipy,r} on first use, under a lock so that
 * tests running at once generate them once, and again whenever a script is newer than its
 * output. When a tool is absent the test is skipped with a message saying which; when a tool is
 * there but fails, the test fails.
 */
#ifndef TYPOLOGY_TEST_UTIL_H
#define TYPOLOGY_TEST_UTIL_H

#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    char name[96];
    size_t rows, cols;
    double *v;
} ty_block;

typedef struct {
    ty_block *b;
    size_t n;
} ty_ref;

static char ty_src_dir[PATH_MAX];
static char ty_out_dir[PATH_MAX];
static char ty_msg[PATH_MAX + 256];

static inline void ty_fmt(char *dst, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline void ty_fmt(char *dst, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, cap, fmt, ap);
    va_end(ap);
}

static inline double ty_mtime(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9;
}

/* BUILD is the directory above this test program (BUILD/tests/test_x); sources are its parent
 * unless CS_SOURCE_DIR says otherwise. */
static inline int ty_locate(void)
{
    if (ty_out_dir[0])
        return 0;
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return -1;
    exe[len] = '\0';
    char build[PATH_MAX];
    ty_fmt(build, sizeof build, "%s", dirname(dirname(exe)));
    const char *src = getenv("CS_SOURCE_DIR");
    char tmp[PATH_MAX];
    ty_fmt(tmp, sizeof tmp, "%s", build);
    ty_fmt(ty_src_dir, sizeof ty_src_dir, "%s", src && *src ? src : dirname(tmp));
    ty_fmt(ty_out_dir, sizeof ty_out_dir, "%s/ref/typology", build);
    return 0;
}

static inline const char *ty_ref_dir(void)
{
    ty_locate();
    return ty_out_dir;
}

/*
 * Makes sure the references of one tool exist: kind "scipy" or "r". Returns 0 when ready,
 * 1 when the tool is absent (ty_msg says which), -1 when generating failed (ty_msg says how).
 */
static inline int ty_ensure(const char *kind)
{
    if (ty_locate() != 0) {
        ty_fmt(ty_msg, sizeof ty_msg, "cannot locate the test program");
        return -1;
    }
    int scipy = strcmp(kind, "scipy") == 0;
    const char *script = scipy ? "typology_scipy.py" : "typology_daisy.R";
    char script_path[PATH_MAX], out[PATH_MAX], done[PATH_MAX], lock[PATH_MAX], cmd[3 * PATH_MAX];
    ty_fmt(script_path, sizeof script_path, "%s/tests/reference/%s", ty_src_dir, script);
    ty_fmt(out, sizeof out, "%s/%s", ty_out_dir, kind);
    ty_fmt(done, sizeof done, "%s/cases.txt", out);
    if (ty_mtime(script_path) < 0) {
        ty_fmt(ty_msg, sizeof ty_msg, "reference script %s not found (set CS_SOURCE_DIR)",
               script_path);
        return -1;
    }
    const char *probe = scipy ? "/usr/bin/python3 -c 'import scipy, fastcluster, sklearn' "
                                ">/dev/null 2>&1"
                              : "Rscript -e 'library(cluster)' >/dev/null 2>&1";
    ty_fmt(cmd, sizeof cmd, "mkdir -p '%s'", out);
    if (system(cmd) != 0) {
        ty_fmt(ty_msg, sizeof ty_msg, "cannot create %s", out);
        return -1;
    }
    ty_fmt(lock, sizeof lock, "%s.lock", out);
    int fd = open(lock, O_CREAT | O_RDWR, 0644);
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
        ty_fmt(ty_msg, sizeof ty_msg, "cannot lock %s", lock);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int rc = 0;
    if (ty_mtime(done) < ty_mtime(script_path)) {
        if (system(probe) != 0) {
            ty_fmt(ty_msg, sizeof ty_msg,
                   "%s is not installed (scripts/deps.sh test installs it): skipping the "
                   "comparison with %s",
                   scipy ? "/usr/bin/python3 with scipy, sklearn and fastcluster"
                         : "Rscript with the cluster package",
                   scipy ? "SciPy/fastcluster" : "R");
            rc = 1;
        } else {
            ty_fmt(cmd, sizeof cmd, "%s '%s' '%s' > '%s/log.txt' 2>&1",
                   scipy ? "/usr/bin/python3" : "Rscript", script_path, out, out);
            if (system(cmd) != 0 || ty_mtime(done) < 0) {
                ty_fmt(ty_msg, sizeof ty_msg, "%s failed; see %s/log.txt", script_path, out);
                rc = -1;
            }
        }
    }
    flock(fd, LOCK_UN);
    close(fd);
    return rc;
}

static inline void ty_ref_free(ty_ref *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->b[i].v);
    free(r->b);
    free(r);
}

/* Reads KIND/NAME.ref; NULL (with ty_msg) on failure. */
static inline ty_ref *ty_ref_load(const char *kind, const char *name)
{
    char path[PATH_MAX];
    ty_locate();
    ty_fmt(path, sizeof path, "%s/%s/%s.ref", ty_out_dir, kind, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        ty_fmt(ty_msg, sizeof ty_msg, "cannot open %s", path);
        return NULL;
    }
    ty_ref *r = calloc(1, sizeof *r);
    char bname[96];
    size_t rows, cols;
    while (fscanf(f, "%95s %zu %zu", bname, &rows, &cols) == 3) {
        ty_block *nb = realloc(r->b, (r->n + 1) * sizeof *nb);
        if (!nb)
            break;
        r->b = nb;
        ty_block *b = &r->b[r->n++];
        memset(b, 0, sizeof *b);
        ty_fmt(b->name, sizeof b->name, "%s", bname);
        b->rows = rows;
        b->cols = cols;
        b->v = malloc((rows * cols > 0 ? rows * cols : 1) * sizeof *b->v);
        for (size_t k = 0; k < rows * cols; k++) {
            char tok[64];
            if (fscanf(f, "%63s", tok) != 1) {
                fclose(f);
                ty_fmt(ty_msg, sizeof ty_msg, "%s: block %s is short", path, bname);
                ty_ref_free(r);
                return NULL;
            }
            b->v[k] = strcmp(tok, "nan") == 0 ? NAN : strtod(tok, NULL);
        }
    }
    fclose(f);
    return r;
}

/* The block NAME, or NULL. */
static inline const ty_block *ty_ref_get(const ty_ref *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->b[i].name, name) == 0)
            return &r->b[i];
    return NULL;
}

/* Case names listed in KIND/cases.txt (at most max); returns the count. */
static inline size_t ty_cases(const char *kind, char names[][64], size_t max)
{
    char path[PATH_MAX];
    ty_locate();
    ty_fmt(path, sizeof path, "%s/%s/cases.txt", ty_out_dir, kind);
    FILE *f = fopen(path, "r");
    size_t n = 0;
    if (!f)
        return 0;
    while (n < max && fscanf(f, "%63s", names[n]) == 1)
        n++;
    fclose(f);
    return n;
}

/* |a - b| <= tol * max(1, |b|); NaN only equals NaN. */
static inline int ty_close(double a, double b, double tol)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    double scale = fabs(b) > 1 ? fabs(b) : 1;
    return fabs(a - b) <= tol * scale;
}

/* Two labelings describe the same partition (labels may be permuted). */
static inline int ty_same_partition(const int *a, const double *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if ((a[i] == a[j]) != (b[i] == b[j]))
                return 0;
    return 1;
}

#endif
