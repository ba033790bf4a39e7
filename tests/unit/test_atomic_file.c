/*
 * The rules of output files (src/util/atomic_file.h, docs/reliability.md): a new file gets the
 * umask's mode, an existing one keeps its mode and is replaced whole; a symbolic link is
 * followed, never replaced; a FIFO or a character device is written through; a read-only file,
 * a folder and an empty name are refused; a long name still works; a failed write names the
 * file and the cause and leaves the old file and no temporary file. Runs as any user: "read-only"
 * is the mode, which root is held to as well.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "util/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/cs-atomic-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *in_dir(const char *name)
{
    static char path[4][600];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", dir, name);
    return p;
}

static int write_text(const char *path, const char *text)
{
    cs_atomic_file *f = NULL;
    int rc = cs_atomic_file_open(&f, path);
    if (rc)
        return rc;
    fputs(text, cs_atomic_file_stream(f));
    return cs_atomic_file_commit(f);
}

static void assert_contents(const char *path, const char *text)
{
    char buf[256] = { 0 };
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(buf, text);
}

/* Files in the test folder besides the expected ones: none may be a temporary file. */
static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void test_new_and_existing_modes(void **state)
{
    (void)state;
    mode_t old = umask(027);
    assert_int_equal(write_text(in_dir("new.txt"), "one\n"), 0);
    struct stat st;
    assert_int_equal(stat(in_dir("new.txt"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    umask(old);
    assert_int_equal(chmod(in_dir("new.txt"), 0604), 0);
    assert_int_equal(write_text(in_dir("new.txt"), "two\n"), 0);
    assert_int_equal(stat(in_dir("new.txt"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0604);
    assert_contents(in_dir("new.txt"), "two\n");
    assert_int_equal(entries(), 1);
}

static void test_symlink_is_followed(void **state)
{
    (void)state;
    assert_int_equal(write_text(in_dir("target.txt"), "old\n"), 0);
    assert_int_equal(symlink("target.txt", in_dir("link.txt")), 0);
    assert_int_equal(write_text(in_dir("link.txt"), "new\n"), 0);
    struct stat st;
    assert_int_equal(lstat(in_dir("link.txt"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_contents(in_dir("target.txt"), "new\n");
    /* a link to a missing file creates the file it names */
    assert_int_equal(symlink("made.txt", in_dir("dangling.txt")), 0);
    assert_int_equal(write_text(in_dir("dangling.txt"), "made\n"), 0);
    assert_int_equal(lstat(in_dir("dangling.txt"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_contents(in_dir("made.txt"), "made\n");
    assert_int_equal(entries(), 4);
}

static void test_fifo_and_device_written_through(void **state)
{
    (void)state;
    assert_int_equal(mkfifo(in_dir("fifo"), 0600), 0);
    pid_t child = fork();
    if (child == 0) {
        char buf[64] = { 0 };
        int fd = open(in_dir("fifo"), O_RDONLY);
        ssize_t n = read(fd, buf, sizeof buf - 1);
        _exit(n == 5 && strcmp(buf, "pipe\n") == 0 ? 0 : 1);
    }
    assert_int_equal(write_text(in_dir("fifo"), "pipe\n"), 0);
    int status = 0;
    waitpid(child, &status, 0);
    assert_int_equal(WEXITSTATUS(status), 0);
    struct stat st;
    assert_int_equal(stat(in_dir("fifo"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    /* a link to /dev/null: written through, both stay what they are */
    assert_int_equal(symlink("/dev/null", in_dir("null")), 0);
    assert_int_equal(write_text(in_dir("null"), "gone\n"), 0);
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    /* /dev/full: the write fails with its cause, named with the file */
    assert_int_equal(symlink("/dev/full", in_dir("full")), 0);
    assert_int_equal(write_text(in_dir("full"), "x"), CS_EIO);
    assert_non_null(strstr(cs_error_last(), "full: write failed: No space left on device"));
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(entries(), 3);
}

static void test_refusals(void **state)
{
    (void)state;
    assert_int_equal(write_text(in_dir("ro.txt"), "keep\n"), 0);
    assert_int_equal(chmod(in_dir("ro.txt"), 0444), 0);
    assert_int_equal(write_text(in_dir("ro.txt"), "lost\n"), CS_EIO);
    assert_non_null(strstr(cs_error_last(), "ro.txt: the file is read-only (mode 0444)"));
    assert_contents(in_dir("ro.txt"), "keep\n");
    assert_int_equal(write_text(dir, "x"), CS_EIO);
    assert_non_null(strstr(cs_error_last(), "a folder"));
    assert_int_equal(write_text("", "x"), CS_EUSAGE);
    assert_int_equal(write_text(in_dir("no/such/folder.txt"), "x"), CS_EIO);
    assert_non_null(strstr(cs_error_last(), "No such file or directory"));
    assert_int_equal(entries(), 1);
}

static void test_long_name(void **state)
{
    (void)state;
    char name[256];
    memset(name, 'n', 251);
    memcpy(name + 251, ".txt", 5); /* 255 bytes: NAME_MAX */
    assert_int_equal(write_text(in_dir(name), "long\n"), 0);
    assert_contents(in_dir(name), "long\n");
    /* a name of multi-byte characters is shortened on a character boundary (64 bytes would
     * cut the 22nd euro sign) */
    char utf[256] = "";
    for (int i = 0; i < 83; i++)
        strcat(utf, "\xe2\x82\xac"); /* "€": 3 bytes */
    strcat(utf, ".txt");
    assert_int_equal(write_text(in_dir(utf), "utf\n"), 0);
    assert_int_equal(entries(), 2);
}

/* A writer that fails leaves the old file and no temporary file. */
static void test_abort_and_fail_keep_the_old_file(void **state)
{
    (void)state;
    assert_int_equal(write_text(in_dir("kept.txt"), "old\n"), 0);
    cs_atomic_file *f = NULL;
    assert_int_equal(cs_atomic_file_open(&f, in_dir("kept.txt")), 0);
    fputs("half", cs_atomic_file_stream(f));
    cs_error_set(CS_EDATA, "the writer's own error");
    assert_int_equal(cs_atomic_file_fail(f, CS_EDATA), CS_EDATA);
    assert_string_equal(cs_error_last(), "the writer's own error");
    assert_contents(in_dir("kept.txt"), "old\n");
    assert_int_equal(entries(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_and_existing_modes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_is_followed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_and_device_written_through, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abort_and_fail_keep_the_old_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
