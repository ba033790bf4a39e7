#include "util/atomic_file.h"

#include "clusterscope/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct cs_atomic_file {
    FILE *stream;
    char *path;
    char *tmp_path;
};

int cs_atomic_file_open(cs_atomic_file **out, const char *path)
{
    *out = NULL;
    cs_atomic_file *f = calloc(1, sizeof *f);
    size_t n = strlen(path);
    if (!f)
        return cs_error_set(CS_ENOMEM, "out of memory");
    f->path = strdup(path);
    f->tmp_path = malloc(n + 16);
    if (!f->path || !f->tmp_path) {
        cs_atomic_file_abort(f);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    snprintf(f->tmp_path, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        int e = errno;
        free(f->tmp_path);
        f->tmp_path = NULL;
        cs_atomic_file_abort(f);
        return cs_error_set(CS_EIO, "%s: cannot create a file beside it: %s", path, strerror(e));
    }
    /* mkstemp creates the file 0600; a report or export is meant to be read by others, so the
     * file gets the mode an ordinary open() would give it: the old file's, or 0666 less umask. */
    struct stat old;
    mode_t mode;
    if (stat(path, &old) == 0) {
        mode = old.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (fchmod(fd, mode) != 0) {
        int e = errno;
        close(fd);
        cs_atomic_file_abort(f);
        return cs_error_set(CS_EIO, "%s: %s", path, strerror(e));
    }
    f->stream = fdopen(fd, "wb");
    if (!f->stream) {
        close(fd);
        cs_atomic_file_abort(f);
        return cs_error_set(CS_EIO, "%s: %s", path, strerror(errno));
    }
    *out = f;
    return 0;
}

FILE *cs_atomic_file_stream(cs_atomic_file *f)
{
    return f->stream;
}

int cs_atomic_file_commit(cs_atomic_file *f)
{
    int failed = ferror(f->stream) || fflush(f->stream) != 0 || fsync(fileno(f->stream)) != 0;
    int e = errno;
    if (fclose(f->stream) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    f->stream = NULL;
    if (!failed && rename(f->tmp_path, f->path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        cs_error_set(CS_EIO, "%s: write failed: %s", f->path, strerror(e));
        cs_atomic_file_abort(f);
        return CS_EIO;
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
    if (f->stream)
        fclose(f->stream);
    if (f->tmp_path)
        unlink(f->tmp_path);
    free(f->tmp_path);
    free(f->path);
    free(f);
}
