#include "util/stdout.h"

#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int first_error;
static FILE *original; /* the C library's stdout, put back by cs_stdout_finish() */

void cs_stdout_guard(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int n = open("/dev/null", O_RDONLY);
        if (n >= 0 && n != fd) {
            dup2(n, fd);
            close(n);
        }
    }
    FILE *s = cs_fd_stream_open(STDOUT_FILENO, 0, &first_error);
    if (!s)
        return; /* out of memory: the plain stdout still works, without the cause */
    if (isatty(STDOUT_FILENO))
        setvbuf(s, NULL, _IOLBF, 0);
    fflush(stdout);
    original = stdout;
    stdout = s; /* glibc: stdout is a variable a program may set */
}

int cs_stdout_error(void)
{
    return first_error;
}

int cs_stdout_flush(void)
{
    int bad = fflush(stdout) != 0 || ferror(stdout);
    if (!bad)
        return 0;
    return first_error ? first_error : errno ? errno : EIO;
}

int cs_stdout_finish(void)
{
    int e = cs_stdout_flush();
    if (original) {
        fclose(stdout); /* frees the stream; descriptor 1 stays open */
        stdout = original;
        original = NULL;
    }
    return e;
}
