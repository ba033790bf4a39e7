#include "util/atomic_file.h"

#include "clusterscope/error.h"
#include "util/stdout.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes of the target's name kept in the temporary name ".NAME.tmp-XXXXXX" (80 bytes at most,
 * far below NAME_MAX on every file system we know). */
#define TMP_NAME_KEEP 64
/* Symbolic links followed before giving up, as the kernel's own limit (ELOOP). */
#define MAX_LINKS 40

enum { WRITE_REPLACE = 0, WRITE_THROUGH, WRITE_STDOUT };

struct cs_atomic_file {
    FILE *stream;
    char *path;     /* as given: every message names it */
    char *target;   /* the regular file renamed over (links followed); NULL when written through */
    char *tmp_path; /* NULL once renamed or when written through */
    int fd;
    int how;     /* WRITE_* */
    int existed; /* the target was there before: a failure says it is unchanged */
    int err;     /* errno of the first failed write */
};

/* ------------------------------------------------------------------------------------------ */
/* A stream that remembers why its first write failed                                          */

typedef struct {
    int fd;
    int owns;
    int *err;
} fd_cookie;

static ssize_t cookie_write(void *c, const char *buf, size_t size)
{
    fd_cookie *k = c;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(k->fd, buf + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            if (!*k->err)
                *k->err = errno;
            return 0; /* fopencookie: 0 marks the stream failed */
        }
        done += (size_t)n;
    }
    return (ssize_t)size;
}

static int cookie_close(void *c)
{
    fd_cookie *k = c;
    int rc = 0;
    if (k->owns && close(k->fd) != 0) {
        if (!*k->err)
            *k->err = errno;
        rc = -1;
    }
    free(k);
    return rc;
}

FILE *cs_fd_stream_open(int fd, int owns_fd, int *first_errno)
{
    fd_cookie *k = malloc(sizeof *k);
    if (!k)
        return NULL;
    *k = (fd_cookie){ fd, owns_fd, first_errno };
    cookie_io_functions_t io = { NULL, cookie_write, NULL, cookie_close };
    FILE *s = fopencookie(k, "w", io);
    if (!s)
        free(k);
    return s;
}

/* ------------------------------------------------------------------------------------------ */
/* The rules                                                                                   */

static int fail(cs_atomic_file *f, int code, const char *fmt, const char *what)
{
    /* fmt has two %s: the file as given and `what` */
    cs_error_set(code, fmt, f->path, what);
    cs_atomic_file_abort(f);
    return code;
}

static int fail_errno(cs_atomic_file *f, const char *doing, int e)
{
    char what[256];
    snprintf(what, sizeof what, "%s%s%s", doing, *doing ? ": " : "", strerror(e));
    return fail(f, CS_EIO, "%s: %s", what);
}

static void user_name(char *out, size_t cap, uid_t uid)
{
    struct passwd *pw = getpwuid(uid);
    if (pw && pw->pw_name)
        snprintf(out, cap, "'%s'", pw->pw_name);
    else
        snprintf(out, cap, "uid %u", (unsigned)uid);
}

static int in_group(gid_t gid)
{
    if (gid == getegid())
        return 1;
    gid_t groups[256];
    int n = getgroups(256, groups);
    for (int i = 0; i < n; i++)
        if (groups[i] == gid)
            return 1;
    return 0;
}

int cs_file_mode_lets_write(const struct stat *st)
{
    if (st->st_uid == geteuid())
        return (st->st_mode & S_IWUSR) != 0;
    if (in_group(st->st_gid))
        return (st->st_mode & S_IWGRP) != 0;
    return (st->st_mode & S_IWOTH) != 0;
}

/* The folder part of path ("." when none), freshly allocated. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Follows the symbolic links of a path that names nothing (a dangling link) to the path the
 * last link names; a path that is no link comes back as it is. */
static int follow_dangling(char **out, const char *path)
{
    char *cur = strdup(path);
    for (int hops = 0; cur; hops++) {
        struct stat ls;
        if (lstat(cur, &ls) != 0 || !S_ISLNK(ls.st_mode)) {
            *out = cur;
            return 0;
        }
        if (hops == MAX_LINKS) {
            free(cur);
            return ELOOP;
        }
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0) {
            int e = errno;
            free(cur);
            return e;
        }
        link[n] = '\0';
        char *next = NULL;
        if (link[0] == '/') {
            next = strdup(link);
        } else {
            char *dir = folder_of(cur);
            size_t cap = (dir ? strlen(dir) : 0) + (size_t)n + 2;
            next = dir ? malloc(cap) : NULL;
            if (next)
                snprintf(next, cap, "%s/%s", dir, link);
            free(dir);
        }
        free(cur);
        cur = next;
    }
    return ENOMEM;
}

/* Creates the temporary file beside f->target: ".NAME.tmp-XXXXXX", NAME cut to TMP_NAME_KEEP
 * bytes on a UTF-8 character boundary. */
static int create_temporary(cs_atomic_file *f)
{
    const char *slash = strrchr(f->target, '/');
    const char *base = slash ? slash + 1 : f->target;
    size_t dlen = (size_t)(base - f->target), blen = strlen(base);
    if (blen > TMP_NAME_KEEP) {
        blen = TMP_NAME_KEEP;
        while (blen > 0 && ((unsigned char)base[blen] & 0xC0) == 0x80)
            blen--;
    }
    size_t cap = dlen + blen + 16;
    if (!(f->tmp_path = malloc(cap)))
        return fail(f, CS_ENOMEM, "%s: %s", "out of memory");
    snprintf(f->tmp_path, cap, "%.*s.%.*s.tmp-XXXXXX", (int)dlen, f->target, (int)blen, base);
    f->fd = mkostemp(f->tmp_path, O_CLOEXEC);
    if (f->fd < 0) {
        int e = errno;
        free(f->tmp_path);
        f->tmp_path = NULL;
        return fail_errno(f, "cannot create a file in its folder", e);
    }
    return 0;
}

static int open_stream(cs_atomic_file *f)
{
    f->stream = cs_fd_stream_open(f->fd, 1, &f->err);
    if (!f->stream)
        return fail(f, CS_ENOMEM, "%s: %s", "out of memory");
    return 0; /* the stream owns fd from here on; fd stays for fsync */
}

/* A new file: created with the mode open() would give it. */
static int open_new(cs_atomic_file *f)
{
    int e = follow_dangling(&f->target, f->path);
    if (e)
        return fail_errno(f, "", e);
    int rc = create_temporary(f);
    if (rc)
        return rc;
    /* mkstemp makes the file 0600; a report is meant to be read as any file the user makes */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(f->fd, 0666 & ~mask) != 0)
        return fail_errno(f, "", errno);
    return open_stream(f);
}

/* An existing regular file: replaced only when the user may write it, keeping its mode,
 * owner and group. */
static int open_replace(cs_atomic_file *f, const struct stat *st)
{
    char who[64], what[256];
    f->existed = 1;
    if (!(f->target = realpath(f->path, NULL)))
        return fail_errno(f, "", errno);
    if (!cs_file_mode_lets_write(st)) {
        if (st->st_uid == geteuid()) {
            snprintf(what, sizeof what, "the file is read-only (mode %04o)",
                     (unsigned)(st->st_mode & 07777));
        } else {
            user_name(who, sizeof who, st->st_uid);
            snprintf(what, sizeof what,
                     "the file belongs to user %s and its mode (%04o) lets you "
                     "read it, not write it",
                     who, (unsigned)(st->st_mode & 07777));
        }
        return fail(f, CS_EIO, "%s: %s; it is not replaced", what);
    }
    char *dir = folder_of(f->target);
    struct stat ds;
    /* not even the folder's owner (root, for /tmp) replaces another user's file there */
    int sticky = dir && stat(dir, &ds) == 0 && (ds.st_mode & S_ISVTX) && st->st_uid != geteuid();
    free(dir);
    if (sticky) {
        user_name(who, sizeof who, st->st_uid);
        snprintf(what, sizeof what,
                 "the file belongs to user %s in a shared folder (one with the sticky bit)", who);
        return fail(f, CS_EIO, "%s: %s; it is not replaced", what);
    }
    int rc = create_temporary(f);
    if (rc)
        return rc;
    struct stat ts;
    if (fstat(f->fd, &ts) != 0)
        return fail_errno(f, "", errno);
    if ((ts.st_uid != st->st_uid || ts.st_gid != st->st_gid) &&
        fchown(f->fd, st->st_uid, st->st_gid) != 0) {
        user_name(who, sizeof who, st->st_uid);
        snprintf(what, sizeof what,
                 "the file belongs to user %s, and a new file in its place could not keep that "
                 "owner and group",
                 who);
        return fail(f, CS_EIO, "%s: %s; it is not replaced", what);
    }
    if (fchmod(f->fd, st->st_mode & 07777) != 0)
        return fail_errno(f, "", errno);
    return open_stream(f);
}

/* A character device or a FIFO: opened and written as it is. */
static int open_through(cs_atomic_file *f)
{
    f->how = WRITE_THROUGH;
    f->fd = open(f->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (f->fd < 0)
        return fail_errno(f, "cannot open it for writing", errno);
    return open_stream(f);
}

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m)    ? "a folder"
           : S_ISBLK(m)  ? "a block device"
           : S_ISSOCK(m) ? "a socket"
                         : "neither a regular file, a character device nor a FIFO";
}

int cs_atomic_file_open(cs_atomic_file **out, const char *path)
{
    *out = NULL;
    if (!path || !*path)
        return cs_error_set(CS_EUSAGE, "the output file name is empty");
    cs_atomic_file *f = calloc(1, sizeof *f);
    if (!f || !(f->path = strdup(path))) {
        free(f);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    f->fd = -1;
    int rc = 0;
    struct stat st;
    if (strcmp(path, "-") == 0) {
        f->how = WRITE_STDOUT;
        f->stream = stdout;
    } else if (stat(path, &st) == 0) {
        if (S_ISREG(st.st_mode))
            rc = open_replace(f, &st);
        else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
            rc = open_through(f);
        else
            rc = fail(f, CS_EIO, "%s: %s, not a file to write; nothing is written",
                      kind_of(st.st_mode));
    } else if (errno == ENOENT && path[strlen(path) - 1] != '/') {
        rc = open_new(f);
    } else {
        rc = fail_errno(f, "", errno);
    }
    if (!rc)
        *out = f;
    return rc;
}

FILE *cs_atomic_file_stream(cs_atomic_file *f)
{
    return f->stream;
}

/* The error of a failed write: the file (or standard output), the first cause, and what became
 * of the old file; ends f. */
static int write_failed(cs_atomic_file *f)
{
    int e = f->how == WRITE_STDOUT ? cs_stdout_error() : f->err;
    const char *after = f->how != WRITE_REPLACE ? ""
                        : f->existed            ? "; the file is unchanged"
                                                : "; nothing was written";
    if (f->how == WRITE_STDOUT)
        cs_error_set(CS_EIO, "standard output: write failed: %s", strerror(e ? e : EIO));
    else
        cs_error_set(CS_EIO, "%s: write failed: %s%s", f->path, strerror(e ? e : EIO), after);
    cs_atomic_file_abort(f);
    return CS_EIO;
}

int cs_atomic_file_commit(cs_atomic_file *f)
{
    if (f->how == WRITE_STDOUT) {
        int e = cs_stdout_flush();
        f->stream = NULL;
        cs_atomic_file_abort(f);
        if (e)
            return cs_error_set(CS_EIO, "standard output: write failed: %s", strerror(e));
        return 0;
    }
    int failed = fflush(f->stream) != 0 || ferror(f->stream);
    if (!failed && f->how == WRITE_REPLACE && fsync(f->fd) != 0) {
        failed = 1;
        if (!f->err)
            f->err = errno;
    }
    if (fclose(f->stream) != 0)
        failed = 1;
    f->stream = NULL;
    f->fd = -1;
    if (!failed && f->how == WRITE_REPLACE && rename(f->tmp_path, f->target) != 0) {
        failed = 1;
        if (!f->err)
            f->err = errno;
    }
    if (failed) {
        return write_failed(f);
    }
    free(f->tmp_path);
    f->tmp_path = NULL;
    cs_atomic_file_abort(f);
    return 0;
}

void cs_atomic_file_abort(cs_atomic_file *f)
{
    if (!f)
        return;
    if (f->stream && f->how != WRITE_STDOUT)
        fclose(f->stream);
    else if (!f->stream && f->fd >= 0)
        close(f->fd);
    if (f->tmp_path)
        unlink(f->tmp_path);
    free(f->tmp_path);
    free(f->target);
    free(f->path);
    free(f);
}

int cs_atomic_file_fail(cs_atomic_file *f, int rc)
{
    if (f->stream && ferror(f->stream))
        return write_failed(f);
    cs_atomic_file_abort(f);
    return rc;
}
