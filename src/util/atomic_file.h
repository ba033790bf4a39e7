/*
 * atomic_file.h: an output file written so that readers see either the old contents or the
 * complete new ones, never a part, and so that writing it never destroys what it should not.
 * The caller owns the cs_atomic_file and must end it with exactly one commit or abort.
 *
 * The rules (docs/reliability.md, "Output files"), decided when the file is opened:
 *  - "-" is standard output: written through, never closed;
 *  - a character device (/dev/null, a terminal) or a FIFO is written through: opened and
 *    written, never replaced;
 *  - a symbolic link is followed to its target, which is then treated by these rules (a link
 *    to a missing file creates the file the link names); the link itself is never replaced;
 *  - a folder, block device or socket is refused;
 *  - an existing regular file is replaced by renaming a complete temporary file over it, only
 *    when the permission bits let the user write it (as judged for an ordinary user, root
 *    included: a file whose mode lacks write permission for the user's class is read-only) and
 *    it is not another user's file in a sticky (shared) folder; it keeps its mode, owner and
 *    group (or is refused when its owner could not be kept);
 *  - a new file gets the mode open() would give it (0666 less the umask);
 *  - the temporary file lives in the target's folder under a hidden name of at most 80 bytes
 *    (".NAME.tmp-XXXXXX", NAME shortened), so a name of NAME_MAX bytes still works.
 * Any failure names the file and the cause (errno's text), leaves the old file as it was and no
 * temporary file behind.
 */
#ifndef CS_UTIL_ATOMIC_FILE_H
#define CS_UTIL_ATOMIC_FILE_H

#include <stdio.h>
#include <sys/stat.h>

typedef struct cs_atomic_file cs_atomic_file;

/* Checks `path` by the rules above and opens its stream; *out and cs_atomic_file_stream are
 * ready. CS_EIO (with the file and cause) when the rules refuse it or the system does. */
int cs_atomic_file_open(cs_atomic_file **out, const char *path);
FILE *cs_atomic_file_stream(cs_atomic_file *f);
/* Flushes and syncs, renames into place (or, written through, flushes); frees f whatever the
 * result. CS_EIO naming the file and the first write error's cause. */
int cs_atomic_file_commit(cs_atomic_file *f);
/* Discards the temporary file (what was written through stays written) and frees f. */
void cs_atomic_file_abort(cs_atomic_file *f);
/*
 * Ends f after its writer failed with `rc`: aborts, and when the stream itself had failed (the
 * writer could only say that writing failed), makes the error the file's, naming it and the
 * cause. Returns the error code.
 */
int cs_atomic_file_fail(cs_atomic_file *f, int rc);

/*
 * A stream on the open descriptor `fd` that remembers the errno of its first failed write in
 * *first_errno (left alone while nothing fails), so that a failure found at fflush or fclose
 * can name its cause. fclose closes fd when `owns_fd`. NULL when out of memory.
 */
FILE *cs_fd_stream_open(int fd, int owns_fd, int *first_errno);

/*
 * 1 when the permission bits of `st` let the calling user write it, judged as for an ordinary
 * user, root included: the owner's bit for the owner, the group's for a member, the others' for
 * the rest. Root's power to write anyway is not a reason to replace a read-only file.
 */
int cs_file_mode_lets_write(const struct stat *st);

#endif
