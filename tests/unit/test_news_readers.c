/*
 * The two news readers on their own (no registry): a Markdown item with its header, lead, box,
 * links and an interview's questions and answers; RSS 2.0 and Atom 1.0 feeds with dates in both
 * forms, HTML texts made plain, stable keys; and the inputs each must refuse with a line and
 * column (an unknown field, a line without ':', an unclosed header, a field twice, a feed that is
 * not XML or not a feed, an item without a date, a bad date, a declared entity).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "ingest/news_doc.h"

#include <string.h>

static cs_news_doc *md(const char *text)
{
    cs_news_doc *doc = NULL;
    cs_news_defaults d = { "hse-rko", NULL };
    int rc = cs_news_markdown_read(&doc, "item.md", text, strlen(text), &d);
    if (rc)
        print_error("%s\n", cs_error_last());
    assert_int_equal(rc, 0);
    return doc;
}

static void md_fails(const char *text, const char *message)
{
    cs_news_doc *doc = NULL;
    assert_int_equal(cs_news_markdown_read(&doc, "item.md", text, strlen(text), NULL), CS_EDATA);
    assert_null(doc);
    if (!strstr(cs_error_last(), message))
        print_error("got: %s\n", cs_error_last());
    assert_non_null(strstr(cs_error_last(), message));
}

#define V(doc, kind, i, name) cs_news_doc_value(doc, kind, i, name)

static void test_markdown_item(void **state)
{
    (void)state;
    cs_news_doc *doc = md("---\n"
                          "key: amber-2019-12\n"
                          "kind: event\n"
                          "date: 2019-12-20\n"
                          "lang: ru\n"
                          "title: \"Янтарный кластер: итоги года\"\n"
                          "# a comment\n"
                          "outlet: Ювелир.INFO\n"
                          "clusters: kaliningrad-amber,  other-one\n"
                          "regions: ru-klg\n"
                          "---\n"
                          "\n"
                          "*Итоги года янтарного кластера.*\n"
                          "\n"
                          "Первый абзац\nпродолжается.\n"
                          "\n"
                          "### Площадки кластера\n"
                          "\n"
                          "Второй абзац.\n"
                          "\n"
                          "> *Справочно:* Кластер включён в реестр.\n"
                          ">\n"
                          "> Второй абзац справки.\n");
    assert_int_equal(cs_news_doc_count(doc, "news"), 1);
    assert_string_equal(V(doc, "news", 0, "key"), "amber-2019-12");
    assert_string_equal(V(doc, "news", 0, "title"), "Янтарный кластер: итоги года");
    assert_string_equal(V(doc, "news", 0, "source"), "hse-rko"); /* the default */
    assert_string_equal(V(doc, "news", 0, "lead"), "Итоги года янтарного кластера.");
    assert_string_equal(V(doc, "news", 0, "body"),
                        "Первый абзац\nпродолжается.\n\n### Площадки кластера\n\nВторой абзац.");
    assert_string_equal(V(doc, "news", 0, "box"),
                        "Кластер включён в реестр.\n\nВторой абзац справки.");
    assert_int_equal(cs_news_doc_count(doc, "news_links"), 3);
    assert_string_equal(V(doc, "news_links", 0, "item"), "amber-2019-12");
    assert_string_equal(V(doc, "news_links", 0, "target_kind"), "cluster");
    assert_string_equal(V(doc, "news_links", 1, "target_key"), "other-one");
    assert_string_equal(V(doc, "news_links", 2, "target_kind"), "region");
    assert_int_equal(cs_news_doc_count(doc, "news_qa"), 0);
    cs_news_doc_free(doc);
}

static void test_markdown_interview(void **state)
{
    (void)state;
    cs_news_doc *doc = md("\xEF\xBB\xBF---\r\n"
                          "key: rbc-interview\r\n"
                          "kind: interview\r\n"
                          "lead: В интервью РБК+\r\n"
                          "---\r\n"
                          "Вступление.\r\n"
                          "\r\n"
                          "**— Сколько кластеров в России?**\r\n"
                          "\r\n"
                          "Сто восемнадцать.\r\n"
                          "\r\n"
                          "Из них шестнадцать медицинских.\r\n"
                          "\r\n"
                          "**- Что дальше?**\r\n"
                          "\r\n"
                          "Развитие.\r\n");
    assert_string_equal(V(doc, "news", 0, "body"), "Вступление.");
    assert_string_equal(V(doc, "news", 0, "lead"), "В интервью РБК+");
    assert_int_equal(cs_news_doc_count(doc, "news_qa"), 2);
    assert_string_equal(V(doc, "news_qa", 0, "item"), "rbc-interview");
    assert_string_equal(V(doc, "news_qa", 0, "position"), "1");
    assert_string_equal(V(doc, "news_qa", 0, "question"), "Сколько кластеров в России?");
    assert_string_equal(V(doc, "news_qa", 0, "answer"),
                        "Сто восемнадцать.\n\nИз них шестнадцать медицинских.");
    assert_string_equal(V(doc, "news_qa", 1, "position"), "2");
    assert_string_equal(V(doc, "news_qa", 1, "answer"), "Развитие.");
    cs_news_doc_free(doc);
    /* an event's bold paragraph is body, not a question */
    doc = md("---\nkind: event\n---\n**— Не вопрос**\n");
    assert_int_equal(cs_news_doc_count(doc, "news_qa"), 0);
    assert_string_equal(V(doc, "news", 0, "body"), "**— Не вопрос**");
    cs_news_doc_free(doc);
}

static void test_markdown_refused(void **state)
{
    (void)state;
    md_fails("key: x\n---\n", "item.md:1:1: expected a header opening with a line '---'");
    md_fails("---\nkey: x\ntitle: y\n", "item.md:4: expected a line '---' closing the header");
    md_fails("---\nkey: x\nauthor: me\n---\n", "item.md:3:1: expected a news field");
    md_fails("---\nkey: x\n  titel: y\n---\n", "item.md:3:3: expected a news field");
    md_fails("---\nkey: x\njust words\n---\n", "item.md:3:1: expected a header line 'name: value'");
    md_fails("---\nkey: x\ntitle: a\nkey: y\n---\n",
             "item.md:4:1: expected each field once (key is at line 2 too)");
    md_fails("---\nkind: interview\n---\n**— Вопрос?**\n\n**— Ещё?**\n\nОтвет.\n",
             "item.md:4:1: expected an answer after the question");
    md_fails("---\nbody: x\n---\ntext\n", "item.md:4:1: expected the body either in the header");
    md_fails("---\nkey: x\ntitle: \xcf\xf0\xe8\n---\n",
             "item.md:3:8: expected UTF-8 text (save the file as UTF-8), found \"byte 0xCF\"");
    md_fails("", "item.md:1:1: expected a header opening with a line '---', found an empty value");
    md_fails("---\nbox: x\n---\ntext\n\n> Справочно: y\n",
             "item.md:6:1: expected the box either in the header");
}

static cs_news_doc *feed(const char *text, const char *kind)
{
    cs_news_doc *doc = NULL;
    cs_news_defaults d = { "saved-feed", kind };
    int rc = cs_news_feed_read(&doc, "feed.xml", text, strlen(text), &d);
    if (rc)
        print_error("%s\n", cs_error_last());
    assert_int_equal(rc, 0);
    return doc;
}

static void feed_fails(const char *text, const char *message)
{
    cs_news_doc *doc = NULL;
    cs_news_defaults d = { "saved-feed", NULL };
    assert_int_equal(cs_news_feed_read(&doc, "feed.xml", text, strlen(text), &d), CS_EDATA);
    assert_null(doc);
    if (!strstr(cs_error_last(), message))
        print_error("got: %s\n", cs_error_last());
    assert_non_null(strstr(cs_error_last(), message));
}

static const char rss[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
    "<channel>\n"
    "  <title>Кластерная &amp; обсерватория</title>\n"
    "  <language>ru-RU</language>\n"
    "  <item>\n"
    "    <title>Янтарный кластер</title>\n"
    "    <link> https://cluster.hse.ru/news/amber?id=1 </link>\n"
    "    <guid>https://cluster.hse.ru/news/1</guid>\n"
    "    <pubDate>Tue, 24 Dec 2019 23:30:00 +0300</pubDate>\n"
    "    <description>&lt;p&gt;Первый "
    "&amp;laquo;абзац&amp;raquo;&lt;/p&gt;&lt;p&gt;Второй&lt;br/&gt;строка&lt;/p&gt;</"
    "description>\n"
    "    <content:encoded><![CDATA[<div>Полный <b>текст</b> &#8212; "
    "здесь</div><script>x()</script>]]></content:encoded>\n"
    "  </item>\n"
    "  <item>\n"
    "    <title>No guid</title>\n"
    "    <link>http://www.example.org/A/B</link>\n"
    "    <pubDate>1 Jan 2020 09:00 GMT</pubDate>\n"
    "  </item>\n"
    "</channel>\n"
    "</rss>\n";

static void test_rss(void **state)
{
    (void)state;
    cs_news_doc *doc = feed(rss, "announcement");
    assert_int_equal(cs_news_doc_count(doc, "news"), 2);
    assert_string_equal(V(doc, "news", 0, "key"), "cluster-hse-ru-news-1");
    assert_string_equal(V(doc, "news", 0, "url"), "https://cluster.hse.ru/news/amber?id=1");
    assert_string_equal(V(doc, "news", 0, "date"), "2019-12-24"); /* as the feed dates it */
    assert_string_equal(V(doc, "news", 0, "outlet"), "Кластерная & обсерватория");
    assert_string_equal(V(doc, "news", 0, "lang"), "ru");
    assert_string_equal(V(doc, "news", 0, "kind"), "announcement");
    assert_string_equal(V(doc, "news", 0, "source"), "saved-feed");
    assert_string_equal(V(doc, "news", 0, "lead"), "Первый «абзац»\n\nВторой\nстрока");
    assert_string_equal(V(doc, "news", 0, "body"), "Полный текст — здесь");
    assert_string_equal(V(doc, "news", 1, "key"), "example-org-a-b");
    assert_string_equal(V(doc, "news", 1, "date"), "2020-01-01");
    assert_null(V(doc, "news", 1, "lead"));
    cs_news_doc_free(doc);
}

static void test_atom(void **state)
{
    (void)state;
    cs_news_doc *doc =
        feed("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
             "<title type=\"text\">HSE news</title>\n"
             "<entry>\n"
             "  <title type=\"html\">Medical &lt;em&gt;cluster&lt;/em&gt;</title>\n"
             "  <link rel=\"self\" href=\"https://x.org/self\"/>\n"
             "  <link href=\"https://www.hse.ru/en/news/1\"/>\n"
             "  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>\n"
             "  <updated>2014-11-20T10:00:00Z</updated>\n"
             "  <published>2014-11-19T09:00:00.5+03:00</published>\n"
             "  <summary>A &lt;b&gt; stays text</summary>\n"
             "  <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Full "
             "<b>text</b></div></content>\n"
             "</entry>\n"
             "<entry><title>Второй</title><id>тег:пример</id>"
             "<updated>2014-12-01</updated></entry>\n"
             "</feed>\n",
             NULL);
    assert_int_equal(cs_news_doc_count(doc, "news"), 2);
    assert_string_equal(V(doc, "news", 0, "title"), "Medical cluster");
    assert_string_equal(V(doc, "news", 0, "url"), "https://www.hse.ru/en/news/1");
    assert_string_equal(V(doc, "news", 0, "key"), "uuid-60a76c80-d399-11d9-b93c-0003939e0af6");
    assert_string_equal(V(doc, "news", 0, "date"), "2014-11-19");
    assert_string_equal(V(doc, "news", 0, "lead"), "A <b> stays text");
    assert_string_equal(V(doc, "news", 0, "body"), "Full text");
    assert_string_equal(V(doc, "news", 0, "kind"), "event");
    assert_string_equal(V(doc, "news", 0, "lang"), "en");
    assert_string_equal(V(doc, "news", 0, "outlet"), "HSE news");
    /* a key of another script: a hash, the same on every read */
    const char *key = V(doc, "news", 1, "key");
    assert_int_equal(strncmp(key, "item-", 5), 0);
    assert_int_equal(strlen(key), 13);
    cs_news_doc *again = feed("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
                              "<entry><title>x</title><id>тег:пример</id>"
                              "<updated>2014-12-01</updated></entry></feed>",
                              NULL);
    assert_string_equal(V(again, "news", 0, "key"), key);
    cs_news_doc_free(again);
    cs_news_doc_free(doc);
}

static void test_feed_refused(void **state)
{
    (void)state;
    feed_fails("title,date\nx,2019\n", "feed.xml:1:1: expected a well-formed XML feed");
    feed_fails("", "feed.xml:1: expected an RSS 2.0 or Atom 1.0 feed, found \"an empty file\"");
    feed_fails("<rss><channel><title>t</title>\n<item>\n</channel></rss>", "feed.xml:3:");
    feed_fails("<html><body/></html>", "expected an RSS 2.0 <rss> or Atom 1.0 <feed> element, "
                                       "found \"<html>\"");
    feed_fails("<feed><title>t</title></feed>", "found \"<feed>\"");
    feed_fails("<rss><channel><title>t</title>\n<item><title>x</title><link>http://a/b</link>"
               "</item></channel></rss>",
               "feed.xml:2: expected a <pubDate> (or <dc:date>) in the item, found \"none\"");
    feed_fails("<rss><channel><title>t</title>\n<item><link>http://a/b</link>\n"
               "<pubDate>24.12.2019</pubDate></item></channel></rss>",
               "feed.xml:3: expected an RFC 822 date (Tue, 24 Dec 2019 10:00:00 +0300), found "
               "\"24.12.2019\"");
    feed_fails("<rss><channel><title>t</title>\n<item><link>http://a/b</link>\n"
               "<pubDate>31 Feb 2019 10:00 GMT</pubDate></item></channel></rss>",
               "feed.xml:3: expected an RFC 822 date");
    feed_fails("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>\n<entry><id>a</id>"
               "<updated>2019-13-01T00:00:00Z</updated></entry></feed>",
               "feed.xml:2: expected an RFC 3339 date (2019-12-24T10:00:00+03:00), found "
               "\"2019-13-01T00:00:00Z\"");
    feed_fails("<rss><channel>\n<item><link>http://a/b</link></item></channel></rss>",
               "expected a <title> of the channel (the outlet)");
    feed_fails("<rss><channel><title>t</title></channel></rss>",
               "expected at least one <item> in the channel");
    feed_fails("<rss><channel><title>t</title>\n<item><title>x</title>"
               "<pubDate>1 Jan 2020 09:00 GMT</pubDate></item></channel></rss>",
               "feed.xml:2: expected a <guid> or a <link> in the item (its key)");
    feed_fails("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaa\">]>\n"
               "<rss><channel><title>&a;</title></channel></rss>",
               "expected a feed that declares no entities");
    feed_fails("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "
               "\"file:///etc/passwd\">]>\n<rss><channel><title>&x;</title></channel></rss>",
               "expected a feed that declares no entities");
    /* no source for the items: the caller's setting, not the file's data */
    cs_news_doc *doc = NULL;
    assert_int_equal(cs_news_feed_read(&doc, "feed.xml", rss, strlen(rss), NULL), CS_EUSAGE);
    assert_int_equal(cs_error_advice(), CS_ADVICE_SOURCE);
}

static void test_html_text(void **state)
{
    (void)state;
    cs_buf b = CS_BUF_INIT;
    const char *html = "  <h2>Title</h2>\n<p>One &amp; two&nbsp;&lt;three&gt; &bogus; &#x41;"
                       "&#65;</p><style>p{}</style><ul><li>a</li><li>b</li></ul> tail  ";
    assert_int_equal(cs_news_html_text(&b, html, strlen(html)), 0);
    assert_string_equal(cs_buf_str(&b), "Title\n\nOne & two <three> &bogus; AA\n\na\n\nb\n\ntail");
    cs_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_item),
        cmocka_unit_test(test_markdown_interview),
        cmocka_unit_test(test_markdown_refused),
        cmocka_unit_test(test_rss),
        cmocka_unit_test(test_atom),
        cmocka_unit_test(test_feed_refused),
        cmocka_unit_test(test_html_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
