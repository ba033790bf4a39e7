/*
 * stdout.h: standard output that can say why it failed. A program calls cs_stdout_guard() once
 * at the start; from then on stdout is a stream on descriptor 1 that remembers the errno of its
 * first failed write (cs_stdout_error), so "No space left on device" or "Bad file descriptor"
 * can be named when the final flush finds the stream failed. Nothing here is owned by a caller.
 */
#ifndef CS_UTIL_STDOUT_H
#define CS_UTIL_STDOUT_H

/*
 * Makes sure descriptors 0, 1 and 2 are open (a closed one is opened read-only on /dev/null, so
 * that a file opened later never takes its number and writes to it fail as they would have),
 * then puts the remembering stream in place of stdout (line-buffered on a terminal).
 */
void cs_stdout_guard(void);
/* The errno of standard output's first failed write since cs_stdout_guard(), or 0. */
int cs_stdout_error(void);
/*
 * Flushes standard output; 0 when everything written reached it, else the errno of the first
 * failure (EIO when unknown).
 */
int cs_stdout_flush(void);
/* As cs_stdout_flush(), then puts the C library's stdout back: called once, at the end. */
int cs_stdout_finish(void);

#endif
