/*
 * libFuzzer target: the RSS and Atom feed reader (libxml2 underneath). Beyond "no crash": a data
 * error names the file; every item read has a key of letters, digits and '-' of at most 79
 * bytes, a date YYYY-MM-DD, an outlet, a language ru or en and the source given; no text holds
 * a control byte other than a line end.
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
        fprintf(stderr, "fuzz_news_feed: %s\n", what);
        abort();
    }
}

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cs_news_defaults d = { "s", NULL };
    cs_news_doc *doc = NULL;
    int rc = cs_news_feed_read(&doc, "input.xml", (const char *)data, size, &d);
    if (rc == CS_EDATA)
        check(strncmp(cs_error_last(), "input.xml", 9) == 0, "a data error names the file");
    for (size_t i = 0; rc == 0 && i < cs_news_doc_count(doc, "news"); i++) {
        const char *key = cs_news_doc_value(doc, "news", i, "key");
        check(key && *key && strlen(key) <= 79, "a key");
        for (const char *k = key; *k; k++)
            check((*k >= 'a' && *k <= 'z') || digit(*k) || *k == '-', "a key's characters");
        const char *date = cs_news_doc_value(doc, "news", i, "date");
        check(date && strlen(date) == 10 && digit(date[0]) && date[4] == '-' && date[7] == '-',
              "a date YYYY-MM-DD");
        check(cs_news_doc_value(doc, "news", i, "outlet") != NULL, "an outlet");
        const char *lang = cs_news_doc_value(doc, "news", i, "lang");
        check(lang && (strcmp(lang, "ru") == 0 || strcmp(lang, "en") == 0), "a language");
        check(strcmp(cs_news_doc_value(doc, "news", i, "source"), "s") == 0, "the source");
        static const char *const texts[] = { "title", "lead", "body", "outlet" };
        for (size_t t = 0; t < 4; t++) {
            const char *s = cs_news_doc_value(doc, "news", i, texts[t]);
            for (; s && *s; s++)
                check((unsigned char)*s >= 0x20 || *s == '\n', "no control bytes in text");
        }
    }
    cs_news_doc_free(doc);
    return 0;
}
