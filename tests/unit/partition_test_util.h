/*
 * partition_test_util.h: helpers for the partitioning tests (test_kmeans.c, test_kmedoids.c,
 * test_kmodes.c, test_validity.c, test_compare.c): generating the reference results of
 * scikit-learn and R into the build directory, and reading them; and running a computation in
 * a child process under a time limit (pt_run_limited).
 *
 * Ownership: pt_ref_load returns a pt_ref the caller frees with pt_ref_free; arrays from
 * pt_ref_get belong to that pt_ref. pt_ref_dir returns a static string.
 *
 * References are generated on first use by tests/reference/partition_sklearn.py (with
 * /usr/bin/python3) and tests/reference/partition_pam.R (with Rscript) into
 * BUILD/ref/partition, under a lock so that tests running at once generate them once. A test
 * that cannot get its references fails, saying why.
 */
#ifndef PARTITION_TEST_UTIL_H
#define PARTITION_TEST_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <math.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
    char name[64];
    size_t rows, cols;
    double *v;
} pt_block;

typedef struct {
    pt_block *b;
    size_t n;
} pt_ref;

static char pt_src_dir[PATH_MAX];
static char pt_out_dir[PATH_MAX];
static char pt_error[PATH_MAX + 256];

/* snprintf that may truncate (paths here are far shorter than the buffers). */
static inline void pt_fmt(char *dst, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline void pt_fmt(char *dst, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, cap, fmt, ap);
    va_end(ap);
}

static inline int pt_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static inline double pt_mtime(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9;
}

/* Locates the source tree and BUILD/ref/partition from the test's own path. */
static inline int pt_locate(void)
{
    if (pt_out_dir[0])
        return 0;
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return -1;
    exe[len] = '\0';
    char build[PATH_MAX];
    pt_fmt(build, sizeof build, "%s", dirname(dirname(exe))); /* BUILD/tests/x -> BUILD */
    char probe[PATH_MAX + 64];
    if (getcwd(pt_src_dir, sizeof pt_src_dir)) {
        pt_fmt(probe, sizeof probe, "%s/tests/reference/partition_sklearn.py", pt_src_dir);
        if (!pt_is_file(probe))
            pt_src_dir[0] = '\0';
    }
    if (!pt_src_dir[0]) {
        char tmp[PATH_MAX];
        pt_fmt(tmp, sizeof tmp, "%s", build);
        pt_fmt(pt_src_dir, sizeof pt_src_dir, "%s", dirname(tmp));
    }
    pt_fmt(pt_out_dir, sizeof pt_out_dir, "%s/ref/partition", build);
    return 0;
}

/*
 * Makes sure the references of `tool` ("sklearn" or "pam") exist and are newer than their
 * script; returns the directory or NULL (pt_error says why).
 */
static inline const char *pt_ref_dir(const char *tool)
{
    if (pt_locate() != 0) {
        pt_fmt(pt_error, sizeof pt_error, "cannot find the test's own path");
        return NULL;
    }
    int r = strcmp(tool, "pam") == 0;
    char script[PATH_MAX + 64], list[PATH_MAX + 64], cmd[3 * PATH_MAX + 256], lock[PATH_MAX + 64];
    pt_fmt(script, sizeof script, "%s/tests/reference/%s", pt_src_dir,
           r ? "partition_pam.R" : "partition_sklearn.py");
    pt_fmt(list, sizeof list, "%s/%s", pt_out_dir, r ? "pam_list.txt" : "cmp_list.txt");
    pt_fmt(lock, sizeof lock, "%s.lock", pt_out_dir);
    pt_fmt(cmd, sizeof cmd, "mkdir -p '%s'", pt_out_dir);
    if (system(cmd) != 0) {
        pt_fmt(pt_error, sizeof pt_error, "cannot create %s", pt_out_dir);
        return NULL;
    }
    int fd = open(lock, O_CREAT | O_RDWR, 0644);
    if (fd >= 0)
        flock(fd, LOCK_EX);
    int ok = 1;
    if (pt_mtime(list) < pt_mtime(script)) {
        pt_fmt(cmd, sizeof cmd, "%s '%s' '%s' >'%s/%s.log' 2>&1",
               r ? "Rscript" : "/usr/bin/python3", script, pt_out_dir, pt_out_dir, tool);
        if (system(cmd) != 0 || !pt_is_file(list)) {
            pt_fmt(pt_error, sizeof pt_error,
                   "generating references failed: %s (see %s/%s.log; scripts/deps.sh test "
                   "installs scikit-learn and R's cluster)",
                   cmd, pt_out_dir, tool);
            ok = 0;
        }
    }
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
    return ok ? pt_out_dir : NULL;
}

static inline void pt_ref_free(pt_ref *ref)
{
    if (!ref)
        return;
    for (size_t i = 0; i < ref->n; i++)
        free(ref->b[i].v);
    free(ref->b);
    free(ref);
}

static inline pt_ref *pt_ref_load(const char *dir, const char *name)
{
    char path[2 * PATH_MAX];
    pt_fmt(path, sizeof path, "%s/%s.ref", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    pt_ref *ref = calloc(1, sizeof *ref);
    char bname[64];
    size_t rows, cols;
    while (ref && fscanf(f, "%63s %zu %zu", bname, &rows, &cols) == 3) {
        pt_block *nb = realloc(ref->b, (ref->n + 1) * sizeof *nb);
        if (!nb)
            break;
        ref->b = nb;
        pt_block *b = &ref->b[ref->n++];
        pt_fmt(b->name, sizeof b->name, "%s", bname);
        b->rows = rows;
        b->cols = cols;
        b->v = malloc((rows * cols > 0 ? rows * cols : 1) * sizeof *b->v);
        for (size_t i = 0; i < rows * cols; i++) {
            char tok[64];
            if (fscanf(f, "%63s", tok) != 1)
                break;
            b->v[i] = strtod(tok, NULL); /* also reads nan and inf */
        }
    }
    fclose(f);
    return ref;
}

static inline const double *pt_ref_get(const pt_ref *ref, const char *name, size_t *rows,
                                       size_t *cols)
{
    for (size_t i = 0; i < ref->n; i++)
        if (strcmp(ref->b[i].name, name) == 0) {
            if (rows)
                *rows = ref->b[i].rows;
            if (cols)
                *cols = ref->b[i].cols;
            return ref->b[i].v;
        }
    return NULL;
}

/* The case names listed in DIR/LIST, one per line; returns their number (at most max). */
static inline size_t pt_list(const char *dir, const char *list, char names[][64], size_t max)
{
    char path[2 * PATH_MAX];
    pt_fmt(path, sizeof path, "%s/%s", dir, list);
    FILE *f = fopen(path, "r");
    size_t n = 0;
    if (!f)
        return 0;
    while (n < max && fscanf(f, "%63s", names[n]) == 1)
        n++;
    fclose(f);
    return n;
}

/* |a - b| <= tol * max(1, |a|, |b|) */
static inline int pt_close(double a, double b, double tol)
{
    double s = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    if (s < 1.0)
        s = 1.0;
    return fabs(a - b) <= tol * s;
}

/*
 * Runs fn(arg, msg, cap) in a child process that SIGALRM ends after `seconds`, so that a loop
 * that never ends fails the test instead of hanging the suite. fn returns 0, or non-zero with
 * a message in msg; it must not use cmocka's assertions (they would return into the child's copy
 * of the test runner). Work in the child should run on one thread (n_threads = 1): OpenMP's
 * thread pool does not survive fork. Returns 0, or -1 with pt_error saying what happened.
 */
typedef int (*pt_child_fn)(const void *arg, char *msg, size_t cap);

static inline int pt_run_limited(pt_child_fn fn, const void *arg, unsigned seconds)
{
    int fds[2];
    if (pipe(fds) != 0) {
        pt_fmt(pt_error, sizeof pt_error, "pipe: %s", strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        pt_fmt(pt_error, sizeof pt_error, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        alarm(seconds);
        char msg[512] = "";
        int rc = fn(arg, msg, sizeof msg);
        if (rc && write(fds[1], msg, strlen(msg)) < 0)
            rc = 2;
        _exit(rc ? 1 : 0);
    }
    close(fds[1]);
    char msg[512];
    size_t len = 0;
    ssize_t got;
    while (len < sizeof msg - 1 && (got = read(fds[0], msg + len, sizeof msg - 1 - len)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break;
        len += (size_t)got;
    }
    msg[len] = '\0';
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFSIGNALED(status)) {
        if (WTERMSIG(status) == SIGALRM)
            pt_fmt(pt_error, sizeof pt_error, "did not end within %u s", seconds);
        else
            pt_fmt(pt_error, sizeof pt_error, "ended by signal %d", WTERMSIG(status));
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        pt_fmt(pt_error, sizeof pt_error, "%s", len ? msg : "failed without a message");
        return -1;
    }
    return 0;
}

/* In a pt_child_fn (msg and cap in scope): when cond is false, the message and failure. */
#define PT_CHILD_CHECK(cond, ...)                                                                  \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            snprintf(msg, cap, __VA_ARGS__);                                                       \
            return 1;                                                                              \
        }                                                                                          \
    } while (0)

/* In a cmocka test: fn on each of the count items (structs whose first member is the name,
 * const char *) in a child under a 60 s limit; a failure names the item. */
#define PT_EACH_LIMITED(fn, items, count)                                                          \
    do {                                                                                           \
        for (size_t pt_i_ = 0; pt_i_ < (count); pt_i_++)                                           \
            if (pt_run_limited((fn), &(items)[pt_i_], 60) != 0)                                    \
                fail_msg("%s: %s", (items)[pt_i_].name, pt_error);                                 \
    } while (0)

/*
 * Tie-heavy numeric inputs (n <= 8): equally good centres or medoids abound, and a change
 * between them is zero computed as rounding noise. "pam4" and "pam3" made `clusterscope
 * kmedoids -k 2` loop forever.
 */
typedef struct {
    const char *name;
    size_t n, p;
    double x[16];
} pt_tie_set;

static inline const pt_tie_set *pt_tie_sets(size_t *count)
{
    static const pt_tie_set sets[] = {
        { "pam4", 4, 2, { 1, 2, 1.1, 2, 9, 9, 9.5, 9 } },
        { "pam3", 3, 2, { 1, 2, 1.1, 2, 9, 9 } },
        { "duplicated", 6, 2, { 1, 2, 1, 2, 1.1, 2, 1.1, 2, 9, 9, 9, 9 } },
        { "duplicated 1-d", 6, 1, { 0, 0, 0.3, 0.3, 7.7, 7.7 } },
        { "all equal", 5, 2, { 3.3, 1.7, 3.3, 1.7, 3.3, 1.7, 3.3, 1.7, 3.3, 1.7 } },
        { "two points", 2, 1, { 0.1, 0.3 } },
        { "two equal points", 2, 1, { 0.1, 0.1 } },
        { "equal spacing", 8, 1, { 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 } },
        { "equal spacing 2-d",
          6,
          2,
          { 0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 0.5, 0.6, 0.6 } },
        { "pairs far apart", 6, 1, { 0.1, 0.2, 10.1, 10.2, 20.1, 20.2 } },
        { "scales apart", 5, 1, { 1e-3, 1.1e-3, 1e6, 1e6 + 0.5, 2e6 } },
        { "square", 4, 2, { 0, 0, 0, 1, 1, 0, 1, 1 } },
    };
    *count = sizeof sets / sizeof *sets;
    return sets;
}

#endif
