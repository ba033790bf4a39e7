/*
 * digest_pdf.c: the digest as PDF (report.h). Headless Chromium prints the digest's HTML; the
 * page of each item is then read from the PDF itself: Chromium writes every element a link
 * points to as a named destination (the catalogue's /Dests: "item-K" -> [page 0 R ...]), and
 * the page tree gives each page object its number. The contents are written again with those
 * numbers and printed again, until a print gives the numbers it was made with (the contents'
 * number column has a fixed width, so the second print normally confirms the first). The PDF's
 * creation and modification dates, the only bytes that differ between two prints of the same
 * page, are set to the digest's month, so the same registry gives the same PDF.
 *
 * Only a classic cross-reference table is read (what Skia, Chromium's PDF writer, writes); a PDF
 * in another shape is refused with a message, never guessed at.
 */
#include "clusterscope/error.h"
#include "clusterscope/report.h"
#include "report/digest_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PRINTS    4
#define PRINT_SECONDS 180

/* ---- running Chromium ---- */

/* The Chromium program: $CHROMIUM, else the first chromium or chromium-browser on PATH. */
static int find_chromium(char *out, size_t cap)
{
    const char *env = getenv("CHROMIUM");
    if (env && *env) {
        if (access(env, X_OK) != 0)
            return cs_error_set(CS_ERROR,
                                "CHROMIUM names '%s', which is not a program that can be run (%s)",
                                env, strerror(errno));
        snprintf(out, cap, "%s", env);
        return 0;
    }
    const char *path = getenv("PATH");
    static const char *const names[] = { "chromium", "chromium-browser" };
    for (size_t k = 0; k < 2; k++) {
        const char *p = path ? path : "/usr/bin:/bin";
        while (*p) {
            const char *colon = strchr(p, ':');
            size_t n = colon ? (size_t)(colon - p) : strlen(p);
            if (n > 0 && (size_t)snprintf(out, cap, "%.*s/%s", (int)n, p, names[k]) < cap &&
                access(out, X_OK) == 0)
                return 0;
            p += n + (colon ? 1 : 0);
        }
    }
    return cs_error_set(CS_ERROR, "a PDF digest is printed by headless Chromium, and no chromium "
                                  "is on PATH: install it (Debian: apt-get install chromium) or "
                                  "set CHROMIUM to its path");
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return cs_error_set(CS_EIO, "cannot write %s: %s", path, strerror(errno));
    size_t w = fwrite(data, 1, len, f);
    if (fclose(f) != 0 || w != len)
        return cs_error_set(CS_EIO, "cannot write %s: %s", path, strerror(errno));
    return 0;
}

static int read_file(char **out, size_t *len, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cs_error_set(CS_EIO, "cannot read %s: %s", path, strerror(errno));
    cs_buf b = CS_BUF_INIT;
    char chunk[65536];
    size_t n;
    int rc = 0;
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = cs_buf_append(&b, chunk, n);
    if (!rc && ferror(f))
        rc = cs_error_set(CS_EIO, "cannot read %s", path);
    fclose(f);
    if (!rc && !b.data)
        rc = cs_buf_append(&b, "", 0);
    if (rc) {
        cs_buf_free(&b);
        return rc;
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

/* The last line of Chromium's messages (LOG), for an error. */
static void last_line(char *out, size_t cap, const char *log)
{
    out[0] = '\0';
    char *text = NULL;
    size_t n = 0;
    if (read_file(&text, &n, log)) {
        cs_error_clear();
        return;
    }
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
        n--;
    size_t start = n;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    snprintf(out, cap, "%.*s", (int)(n - start < 300 ? n - start : 300), text + start);
    free(text);
}

/* Prints DIR/digest.html to DIR/digest.pdf with PROGRAM. */
static int print_pdf(const char *program, const char *dir)
{
    char html[4096 + 32], pdf[4096 + 32], profile[4096 + 32], log[4096 + 32], url[4096 + 40],
        out_arg[4096 + 48], profile_arg[4096 + 48];
    snprintf(html, sizeof html, "%s/digest.html", dir);
    snprintf(pdf, sizeof pdf, "%s/digest.pdf", dir);
    snprintf(profile, sizeof profile, "%s/profile", dir);
    snprintf(log, sizeof log, "%s/chromium.log", dir);
    snprintf(url, sizeof url, "file://%s", html);
    snprintf(out_arg, sizeof out_arg, "--print-to-pdf=%s", pdf);
    snprintf(profile_arg, sizeof profile_arg, "--user-data-dir=%s", profile);
    unlink(pdf);
    /* no network, no first-run work, no extensions: the page is a local file with nothing to
     * fetch; root (containers) needs --no-sandbox, which Chromium refuses to run without */
    const char *argv[] = { program,
                           "--headless",
                           "--disable-gpu",
                           "--no-first-run",
                           "--no-default-browser-check",
                           "--disable-extensions",
                           "--disable-background-networking",
                           "--disable-sync",
                           "--disable-dev-shm-usage",
                           "--no-pdf-header-footer",
                           "--hide-scrollbars",
                           profile_arg,
                           out_arg,
                           geteuid() == 0 ? "--no-sandbox" : "--disable-breakpad",
                           url,
                           NULL };
    pid_t pid = fork();
    if (pid < 0)
        return cs_error_set(CS_ERROR, "cannot start Chromium: %s", strerror(errno));
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(fd >= 0 ? fd : null, 1);
        }
        if (fd >= 0)
            dup2(fd, 2);
        execv(program, (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    time_t start = time(NULL);
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return cs_error_set(CS_ERROR, "lost Chromium: %s", strerror(errno));
        if (time(NULL) - start > PRINT_SECONDS) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return cs_error_set(CS_ERROR, "Chromium did not print the digest within %d seconds",
                                PRINT_SECONDS);
        }
        struct timespec ts = { 0, 50 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    struct stat st;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || stat(pdf, &st) != 0 || st.st_size == 0) {
        char line[320];
        last_line(line, sizeof line, log);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            return cs_error_set(CS_ERROR, "cannot run %s", program);
        return cs_error_set(CS_ERROR, "Chromium (%s) did not print the digest (%s %d)%s%s", program,
                            WIFEXITED(status) ? "exit status" : "signal",
                            WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                            line[0] ? ": " : "", line);
    }
    return 0;
}

/* ---- reading the PDF ---- */

typedef struct {
    const char *data;
    size_t len;
    long *offsets; /* by object number; -1 none */
    size_t n;
    const char *trailer; /* the trailer after the cross-reference table */
} pdf;

static int pdf_fail(const char *what)
{
    return cs_error_set(
        CS_ERROR, "the PDF Chromium printed is not in the shape this reader knows (%s)", what);
}

/* The first occurrence of NEEDLE in [from, to), or NULL. */
static const char *find(const char *from, const char *to, const char *needle)
{
    size_t n = strlen(needle);
    if (from >= to || (size_t)(to - from) < n)
        return NULL;
    return memmem(from, (size_t)(to - from), needle, n);
}

static int pdf_open(pdf *p, const char *data, size_t len)
{
    memset(p, 0, sizeof *p);
    p->data = data;
    p->len = len;
    const char *end = data + len, *tail = len > 1024 ? end - 1024 : data, *sx = NULL, *s;
    for (s = tail; (s = find(s, end, "startxref")) != NULL; s++)
        sx = s;
    if (!sx)
        return pdf_fail("no startxref");
    long off = strtol(sx + 9, NULL, 10);
    if (off <= 0 || (size_t)off >= len || strncmp(data + off, "xref", 4) != 0)
        return pdf_fail("no cross-reference table where startxref points");
    char *q;
    long first = strtol(data + off + 4, &q, 10);
    long count = strtol(q, &q, 10);
    if (first != 0 || count <= 0 || count > 10000000)
        return pdf_fail("a cross-reference table in several parts");
    while (*q == ' ' || *q == '\r' || *q == '\n')
        q++;
    if ((size_t)(q - data) + (size_t)count * 20 > len)
        return pdf_fail("a cut cross-reference table");
    p->offsets = malloc((size_t)count * sizeof *p->offsets);
    if (!p->offsets)
        return cs_error_set(CS_ENOMEM, "out of memory reading the PDF");
    p->n = (size_t)count;
    for (long i = 0; i < count; i++) {
        const char *e = q + i * 20;
        p->offsets[i] = e[17] == 'n' ? strtol(e, NULL, 10) : -1;
    }
    p->trailer = find(q + count * 20, end, "trailer");
    return 0;
}

/* The dictionary text of object NUM: [*from, *to). */
static int pdf_object(const char **from, const char **to, const pdf *p, long num)
{
    if (num <= 0 || (size_t)num >= p->n || p->offsets[num] < 0 || (size_t)p->offsets[num] >= p->len)
        return pdf_fail("a reference to a missing object");
    const char *s = p->data + p->offsets[num], *end = p->data + p->len;
    const char *obj = find(s, s + 32 < end ? s + 32 : end, "obj");
    if (!obj)
        return pdf_fail("an object without 'obj'");
    const char *e1 = find(obj, end, "endobj"), *e2 = find(obj, end, "stream");
    *from = obj + 3;
    *to = e1 && (!e2 || e1 < e2) ? e1 : e2 ? e2 : end;
    return 0;
}

/* The object number referenced as "KEY N 0 R" in [from, to), or 0. */
static long ref_after(const char *from, const char *to, const char *key)
{
    const char *k = find(from, to, key);
    if (!k)
        return 0;
    char *q;
    long n = strtol(k + strlen(key), &q, 10);
    return n > 0 && strtol(q, &q, 10) == 0 && strncmp(q, " R", 2) == 0 ? n : 0;
}

/* Numbers the pages under node NUM in order: page_of[object] = 1-based page. */
static int walk_pages(int *page_of, int *next, const pdf *p, long num, int depth)
{
    const char *from, *to;
    if (depth > 32)
        return pdf_fail("a page tree too deep");
    int rc = pdf_object(&from, &to, p, num);
    if (rc)
        return rc;
    const char *kids = find(from, to, "/Kids");
    if (!kids || !find(from, to, "/Type /Pages")) {
        page_of[num] = ++*next;
        return 0;
    }
    const char *s = strchr(kids, '['), *e = s ? memchr(s, ']', (size_t)(to - s)) : NULL;
    if (!s || !e)
        return pdf_fail("a page list without brackets");
    s++;
    while (!rc && s < e) {
        char *q;
        long kid = strtol(s, &q, 10);
        if (q == s)
            break;
        strtol(q, &q, 10);
        while (*q == ' ')
            q++;
        if (*q != 'R')
            return pdf_fail("a page list entry that is not a reference");
        rc = walk_pages(page_of, next, p, kid, depth + 1);
        s = q + 1;
    }
    return rc;
}

/* pages[k] = the page of destination "item-(k+1)", for k < n. */
static int read_pages(int *pages, size_t n, const char *data, size_t len)
{
    pdf p;
    int rc = pdf_open(&p, data, len);
    if (rc)
        return rc;
    int *page_of = calloc(p.n, sizeof *page_of);
    if (!page_of) {
        free(p.offsets);
        return cs_error_set(CS_ENOMEM, "out of memory reading the PDF");
    }
    const char *from, *to;
    long root = p.trailer ? ref_after(p.trailer, data + len, "/Root ") : 0;
    long pages_obj = 0, dests = 0;
    if (!root)
        rc = pdf_fail("no /Root in the trailer");
    if (!rc)
        rc = pdf_object(&from, &to, &p, root);
    if (!rc) {
        pages_obj = ref_after(from, to, "/Pages ");
        dests = ref_after(from, to, "/Dests ");
        if (!pages_obj)
            rc = pdf_fail("no page tree");
        else if (!dests && n > 0)
            rc = pdf_fail("no named destinations: the contents' links were not kept");
    }
    int next = 0;
    if (!rc)
        rc = walk_pages(page_of, &next, &p, pages_obj, 0);
    if (!rc && n > 0)
        rc = pdf_object(&from, &to, &p, dests);
    for (size_t k = 0; !rc && k < n; k++) {
        char name[48];
        snprintf(name, sizeof name, "/item-%zu [", k + 1);
        const char *d = find(from, to, name);
        long obj = d ? strtol(d + strlen(name), NULL, 10) : 0;
        if (!d || obj <= 0 || (size_t)obj >= p.n || page_of[obj] == 0)
            rc = cs_error_set(CS_ERROR, "the PDF names no page for item %zu of the digest", k + 1);
        else
            pages[k] = page_of[obj];
    }
    free(page_of);
    free(p.offsets);
    return rc;
}

/* Sets every "/CreationDate (D:..." and "/ModDate (D:..." to the first of MONTH, midnight, in
 * place: the digits only, so no offset of the file moves. */
static void fix_dates(char *data, size_t len, const char *month)
{
    static const char *const keys[] = { "/CreationDate (D:", "/ModDate (D:" };
    char stamp[15];
    snprintf(stamp, sizeof stamp, "%.4s%.2s01000000", month, month + 5);
    for (size_t k = 0; k < 2; k++) {
        const char *s = data;
        while ((s = find(s, data + len, keys[k])) != NULL) {
            char *d = (char *)s + strlen(keys[k]);
            for (size_t i = 0; i < 14 && d + i < data + len && d[i] >= '0' && d[i] <= '9'; i++)
                d[i] = stamp[i];
            s = d;
        }
    }
}

static void remove_tree(const char *dir)
{
    char cmd_path[4096 + 64];
    static const char *const files[] = { "digest.html", "digest.pdf", "chromium.log" };
    for (size_t i = 0; i < 3; i++) {
        snprintf(cmd_path, sizeof cmd_path, "%s/%s", dir, files[i]);
        unlink(cmd_path);
    }
    /* Chromium's profile folder: removed with its contents */
    pid_t pid = fork();
    if (pid == 0) {
        snprintf(cmd_path, sizeof cmd_path, "%s/profile", dir);
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execl("/bin/rm", "rm", "-rf", "--", cmd_path, (char *)NULL);
        _exit(127);
    }
    if (pid > 0)
        waitpid(pid, NULL, 0);
    rmdir(dir);
}

int cs_report_digest_pdf(char **out, size_t *len, int **pages_out, const cs_digest *d, cs_lang lang)
{
    char program[4096];
    int rc = find_chromium(program, sizeof program);
    if (rc)
        return rc;
    const char *tmp = getenv("TMPDIR");
    char dir[4096], html_path[4096 + 32], pdf_path[4096 + 32];
    snprintf(dir, sizeof dir, "%s/clusterscope-digest.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return cs_error_set(CS_EIO, "cannot make a folder for printing in %s: %s",
                            tmp && *tmp ? tmp : "/tmp", strerror(errno));
    snprintf(html_path, sizeof html_path, "%s/digest.html", dir);
    snprintf(pdf_path, sizeof pdf_path, "%s/digest.pdf", dir);
    size_t n = cs_news_list_count(d->items);
    int *pages = calloc(n ? n : 1, sizeof *pages), *printed = calloc(n ? n : 1, sizeof *printed);
    char *html = NULL, *data = NULL;
    size_t html_len = 0, data_len = 0;
    int stable = 0;
    if (!pages || !printed)
        rc = cs_error_set(CS_ENOMEM, "out of memory printing the digest");
    /* print with the numbers of the last print until a print confirms them */
    for (int round = 0; !rc && !stable && round < MAX_PRINTS; round++) {
        free(html);
        html = NULL;
        free(data);
        data = NULL;
        rc = cs_report_digest_html(&html, &html_len, d, lang, pages);
        if (!rc)
            rc = write_file(html_path, html, html_len);
        if (!rc)
            rc = print_pdf(program, dir);
        if (!rc)
            rc = read_file(&data, &data_len, pdf_path);
        if (!rc)
            rc = read_pages(printed, n, data, data_len);
        if (!rc) {
            stable = round > 0 && memcmp(pages, printed, n * sizeof *pages) == 0;
            memcpy(pages, printed, n * sizeof *pages);
        }
    }
    if (!rc && !stable)
        rc = cs_error_set(CS_ERROR, "the contents' page numbers kept moving after %d prints",
                          MAX_PRINTS);
    free(html);
    free(printed);
    remove_tree(dir);
    if (rc) {
        free(data);
        free(pages);
        return rc;
    }
    fix_dates(data, data_len, d->month);
    *out = data;
    *len = data_len;
    if (pages_out)
        *pages_out = pages;
    else
        free(pages);
    return 0;
}
