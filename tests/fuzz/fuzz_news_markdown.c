/*
 * libFuzzer target: the Markdown news reader. Beyond "no crash": a data error names the file;
 * a file read gives exactly one news item, its questions numbered 1, 2, ... each with a question
 * and an answer, its links each with a target; and a second read of the same bytes gives the
 * same records.
 */
#include "clusterscope/error.h"
#include "ingest/news_doc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_news_markdown: %s\n", what);
        abort();
    }
}

static const char *const columns[] = { "key", "kind", "title", "lead", "body", "box", "source" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    cs_news_defaults d = { "s", NULL };
    cs_news_doc *a = NULL, *b = NULL;
    int rc = cs_news_markdown_read(&a, "input.md", text, size, &d);
    if (rc == CS_EDATA)
        check(strncmp(cs_error_last(), "input.md", 8) == 0, "a data error names the file");
    if (rc == 0) {
        check(cs_news_doc_count(a, "news") == 1, "one news item");
        size_t n_qa = cs_news_doc_count(a, "news_qa");
        for (size_t i = 0; i < n_qa; i++) {
            char pos[24];
            snprintf(pos, sizeof pos, "%zu", i + 1);
            check(strcmp(cs_news_doc_value(a, "news_qa", i, "position"), pos) == 0,
                  "questions numbered in order");
            check(*cs_news_doc_value(a, "news_qa", i, "question") != '\0', "a question");
            check(*cs_news_doc_value(a, "news_qa", i, "answer") != '\0', "an answer");
        }
        for (size_t i = 0; i < cs_news_doc_count(a, "news_links"); i++)
            check(*cs_news_doc_value(a, "news_links", i, "target_key") != '\0', "a link's target");
        check(cs_news_markdown_read(&b, "input.md", text, size, &d) == 0, "read again");
        check(cs_news_doc_count(b, "news_qa") == n_qa, "same questions");
        for (size_t c = 0; c < sizeof columns / sizeof columns[0]; c++) {
            const char *x = cs_news_doc_value(a, "news", 0, columns[c]);
            const char *y = cs_news_doc_value(b, "news", 0, columns[c]);
            check((!x && !y) || (x && y && strcmp(x, y) == 0), "same values on a second read");
        }
    }
    cs_news_doc_free(a);
    cs_news_doc_free(b);
    free(text);
    return 0;
}
