/*
 * test_digest.c: the digest's documents (src/report/digest.c, digest_atom.c) on
 * tests/data/news/digest.json: the sections in the kinds' order with their headings in each
 * language, every template (the italic lead, ### subheadings, the reference box, the source
 * line with its link, an interview's bold questions in position order, a bulletin's series
 * number, a publication's file size in the language's number style), the contents' links and
 * page numbers, translations and the marks on words in the other language, escaping, the
 * Markdown of the texts (and links it refuses), an issue the registry does not hold, and the
 * Atom feed's ids and dates. The expected values are worked out from the digest_fixture by hand
 * (3,250,586 bytes = 3.0999 MiB -> "3,1"/"3.1").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/report.h"
#include "clusterscope/service.h"
#include "report/digest_impl.h"
#include "store_test_util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *dir, *path;
    cs_service *svc;
    cs_digest *d;
} digest_fixture;

static int setup(void **state)
{
    digest_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "digest.db");
    assert_int_equal(cs_service_create(f->path), 0);
    assert_int_equal(cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE), 0);
    const char *paths[] = { "tests/data/news/digest.json" };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 1, NULL))
        fail_msg("%s (run from the source tree)", cs_error_last());
    assert_int_equal(cs_service_digest(&f->d, f->svc, 12, NULL), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    digest_fixture *f = *state;
    cs_digest_free(f->d);
    cs_service_close(f->svc);
    free(f->path);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

static char *html_of(const cs_digest *d, cs_lang lang, const int *pages)
{
    char *html = NULL;
    size_t len = 0;
    assert_int_equal(cs_report_digest_html(&html, &len, d, lang, pages), 0);
    assert_int_equal(strlen(html), len);
    return html;
}

/* NEEDLE is in HAY, and after AFTER when that is given. */
static const char *has(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);
    if (!p)
        fail_msg("expected \"%s\" in the document", needle);
    return p;
}

static void in_order(const char *hay, const char *const *needles, size_t n)
{
    const char *at = hay;
    for (size_t i = 0; i < n; i++) {
        const char *p = strstr(at, needles[i]);
        if (!p)
            fail_msg("expected \"%s\" after \"%s\"", needles[i], i ? needles[i - 1] : "the start");
        at = p + strlen(needles[i]);
    }
}

static void layout_order(void **state)
{
    digest_fixture *f = *state;
    size_t order[7];
    assert_int_equal(cs_news_list_count(f->d->items), 7);
    cs_report_digest_layout(order, f->d);
    /* entries: mik, amber, interview, b154, b153, climate, forum: already by kind */
    const char *want[] = { "mik-platform", "amber-trap",   "interview-imc", "bulletin-154",
                           "bulletin-153", "climate-2019", "forum-2020" };
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(cs_news_list_at(f->d->items, order[i])->key, want[i]);
}

static void russian_page(void **state)
{
    digest_fixture *f = *state;
    int pages[7] = { 4, 4, 5, 6, 6, 7, 8 };
    char *h = html_of(f->d, CS_LANG_RU, pages);
    const char *parts[] = {
        "<html lang=\"ru\">",
        /* the cover: the publisher's levels, title, kind, issue and month */
        "<p>Высшая школа экономики</p>",
        "<p>Российская кластерная обсерватория</p>",
        "<h1>Территориальные кластеры</h1>",
        "дайджест новостей",
        "Выпуск №12 &#9632; декабрь 2019 г.",
        /* the masthead */
        "<h2>Российская кластерная обсерватория</h2>",
        "<a href=\"http://cluster.hse.ru\">http://cluster.hse.ru</a>",
        "<h2>Новые публикации</h2>",
        "<h2>Контактная информация</h2>",
        "<h2>Информационные ресурсы</h2>",
        "<strong>Карта кластеров России</strong>",
        /* the contents, with links and pages */
        "<h2>Содержание</h2>",
        "<h3>События</h3>",
        "<a href=\"#item-1\">Платформа i.moscow открыта</a><span class=\"pg\">4</span>",
        "<a href=\"#item-2\">Янтарный кластер: ловушка одного покупателя</a><span "
        "class=\"pg\">4</span>",
        "<h3>Интервью</h3>",
        "<span class=\"pg\">5</span>",
        "<h3>Бюллетени экспресс-информации</h3>",
        "<h3>Новые издания</h3>",
        "<h3>Анонсы</h3>",
        "Krasnoyarsk Economic Forum &lt;2020&gt;</a><span class=\"pg\">8</span>",
        /* the sections */
        "<section class=\"kind kind-event\">\n<h2>События</h2>",
        "id=\"item-1\" data-key=\"mik-platform\"",
        "Источник: <a href=\"https://example.org/mik\">ДПИР города Москвы</a>, "
        "<time>2019-12-05</time>",
        "id=\"item-2\" data-key=\"amber-trap\"",
        "<div class=\"lead\"><p>Кластер вошёл в реестр промышленных кластеров.</p>",
        "<h4>Ловушка одного покупателя</h4>",
        "с «кавычками» &amp; &lt;угловыми&gt; скобками.",
        "<div class=\"box\"><p class=\"label\">Справочно:</p>",
        "Источник: <a href=\"https://regnum.ru/news/amber\">REGNUM</a>",
        "<h2>Интервью</h2>",
        "<p class=\"q\">&#8212; С чего начался кластер?</p>",
        "<p class=\"q\">&#8212; Что дальше?</p>",
        "<h2>Бюллетени экспресс-информации</h2>",
        "Наука, технологии, инновации, № 154 (2019)",
        "Наука, технологии, инновации, № 153 (2019)",
        "<h2>Новые издания</h2>",
        "<a href=\"https://issek.hse.ru/climate.pdf\">Скачать файл (PDF 3,1 Мб)</a>",
        "<h2>Анонсы</h2>",
        /* an English item in a Russian digest: its own words, marked */
        "<h3 lang=\"en\">Krasnoyarsk Economic Forum &lt;2020&gt; <span class=\"lang\">(на "
        "английском языке)</span></h3>",
        /* the closing */
        "<footer class=\"closing\">",
        "<h2>Контактная информация</h2>",
        "<h2>Уважаемые подписчики!</h2>",
        "Присылайте новости",
    };
    in_order(h, parts, sizeof parts / sizeof parts[0]);
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<2020>"));
    assert_null(strstr(h, "http-equiv"));
    has(h, "@page{size:A4");
    has(h, "section.kind{break-before:page}");
    /* every contents link has its target */
    for (int k = 1; k <= 7; k++) {
        char link[32], target[32];
        snprintf(link, sizeof link, "href=\"#item-%d\"", k);
        snprintf(target, sizeof target, "id=\"item-%d\"", k);
        has(h, link);
        has(h, target);
    }
    free(h);
}

static void english_page(void **state)
{
    digest_fixture *f = *state;
    char *h = html_of(f->d, CS_LANG_EN, NULL);
    const char *parts[] = {
        "<html lang=\"en\">",
        "<h1>Territorial clusters</h1>",
        "news digest",
        "Issue 12 &#9632; December 2019",
        /* the publisher as recorded heads "about" */
        "<h2>Российская кластерная обсерватория</h2>",
        "research and advisory centre",
        /* a part with no English text: the Russian one, marked */
        "<div class=\"part part-publications\" lang=\"ru\"><h2>New publications <span "
        "class=\"lang\">(in Russian)</span></h2>",
        "<h2>Contents</h2>",
        "<h3>Events</h3>",
        /* no translation: its own title, in the contents too */
        "<a href=\"#item-1\">Платформа i.moscow открыта</a></li>",
        "<a href=\"#item-2\">The amber cluster: the one-buyer trap</a></li>",
        "<h3>Interview</h3>",
        "<a href=\"#item-3\">A cluster is a team</a>",
        "<section class=\"kind kind-event\">\n<h2>Events</h2>",
        "<h3 lang=\"ru\">Платформа i.moscow открыта <span class=\"lang\">(in Russian)</span></h3>",
        "<div class=\"text\" lang=\"ru\">",
        "Source: <a href=\"https://example.org/mik\">",
        /* the translated item: title_en and summary_en stand for its words */
        "<h3>The amber cluster: the one-buyer trap</h3>",
        "<div class=\"text\"><p>The amber cluster entered the Ministry of Industry&#39;s "
        "register.</p>",
        "<h2>Express-information bulletins</h2>",
        "No. 154 (2019)",
        "Download the file (PDF 3.1 MB)",
        "<h2>Announcements</h2>",
        "<h2>Dear subscribers!</h2>",
    };
    in_order(h, parts, sizeof parts / sizeof parts[0]);
    /* the summary replaced the Russian body and box of the amber item */
    assert_null(strstr(h, "Ловушка одного покупателя"));
    assert_null(strstr(h, "class=\"pg\""));
    free(h);
}

static void same_bytes(void **state)
{
    digest_fixture *f = *state;
    char *a = html_of(f->d, CS_LANG_RU, NULL), *b = html_of(f->d, CS_LANG_RU, NULL);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void markdown(void **state)
{
    (void)state;
    cs_buf b = CS_BUF_INIT;
    assert_int_equal(
        cs_digest_markdown(&b, "First *it* and **bold *in* it**, [link](https://x.org/?a=1&b=2)\n"
                               "second line \\*not it\\*\n\n   \n### Head <x>\nAfter head\n\n"
                               "[bad](javascript:alert(1)) <mailto:a@b.c> <not a link> * lone"),
        0);
    assert_string_equal(b.data, "<p>First <em>it</em> and <strong>bold <em>in</em> it</strong>, "
                                "<a href=\"https://x.org/?a=1&amp;b=2\">link</a><br>second line "
                                "*not it*</p>\n<h4>Head &lt;x&gt;</h4>\n<p>After head</p>\n"
                                "<p>bad <a href=\"mailto:a@b.c\">mailto:a@b.c</a> &lt;not a "
                                "link&gt; * lone</p>\n");
    cs_buf_free(&b);
    assert_int_equal(cs_digest_markdown(&b, NULL), 0);
    assert_int_equal(cs_digest_markdown(&b, "\n\n\n"), 0);
    assert_int_equal(b.len, 0);
    /* control bytes are no markup */
    assert_int_equal(cs_digest_put(&b, "a\x01"
                                       "b\"c'"),
                     0);
    assert_string_equal(b.data, "a b&quot;c&#39;");
    cs_buf_free(&b);
}

static void unrecorded_issue(void **state)
{
    digest_fixture *f = *state;
    cs_digest *d = NULL;
    assert_int_equal(cs_service_digest(&d, f->svc, 13, "2019-12"), 0);
    char *h = html_of(d, CS_LANG_EN, NULL);
    has(h, "Issue 13 &#9632; December 2019");
    has(h, "Issue 13 is not in the registry: this digest holds the news of December 2019 by "
           "date, with the masthead of issue 12.");
    /* the month's item that issue 12 left out is here: no body, no English summary, so its
     * quote in Russian, marked */
    has(h, "data-key=\"late-dec\"");
    has(h, "<blockquote class=\"quote\" lang=\"ru\"><p>«Цитата из источника» <span "
           "class=\"lang\">(in Russian)</span></p></blockquote>");
    assert_null(strstr(h, "Краткое содержание"));
    free(h);
    /* in Russian: the summary stands for the body it lacks, with the quote */
    h = html_of(d, CS_LANG_RU, NULL);
    has(h, "<div class=\"text\"><p>Краткое содержание новости в словах реестра.</p>\n"
           "<blockquote class=\"quote\"><p>«Цитата из источника»</p></blockquote>");
    assert_null(strstr(h, "data-key=\"jan-item\""));
    free(h);
    cs_digest_free(d);
}

static void atom(void **state)
{
    digest_fixture *f = *state;
    char *x = NULL;
    size_t len = 0;
    assert_int_equal(cs_report_digest_atom(&x, &len, f->d->items, f->d, CS_LANG_EN), 0);
    const char *parts[] = {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">",
        "<id>urn:clusterscope:digest:12</id>",
        "<title>Territorial clusters &#8212; Issue 12, December 2019</title>",
        /* the newest item's date: forum-2020, 2019-12-25 */
        "<updated>2019-12-25T00:00:00Z</updated>",
        "<author><name>Российская кластерная обсерватория</name></author>",
        "<id>urn:clusterscope:news:mik-platform</id>",
        "<title xml:lang=\"ru\">Платформа i.moscow открыта</title>",
        "<updated>2019-12-05T00:00:00Z</updated>",
        "<link rel=\"alternate\" href=\"https://example.org/mik\"/>",
        "<id>urn:clusterscope:news:amber-trap</id>",
        "<summary type=\"text\">The amber cluster entered",
        "<id>urn:clusterscope:news:climate-2019</id>",
        /* a month's date: its first day */
        "<updated>2019-12-01T00:00:00Z</updated>",
        "<link rel=\"enclosure\" href=\"https://issek.hse.ru/climate.pdf\" length=\"3250586\"/>",
        /* no link: the content is there */
        "<content type=\"text\" xml:lang=\"ru\">Аннотация издания.</content>",
        "<title>Krasnoyarsk Economic Forum &lt;2020&gt;</title>",
        "</feed>",
    };
    in_order(x, parts, sizeof parts / sizeof parts[0]);
    free(x);
    /* no digest: the feed of the news */
    assert_int_equal(cs_report_digest_atom(&x, &len, f->d->items, NULL, CS_LANG_RU), 0);
    has(x, "<id>urn:clusterscope:news</id>");
    has(x, "<title>Новости реестра</title>");
    has(x, "<author><name>clusterscope</name></author>");
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(layout_order, setup, teardown),
        cmocka_unit_test_setup_teardown(russian_page, setup, teardown),
        cmocka_unit_test_setup_teardown(english_page, setup, teardown),
        cmocka_unit_test_setup_teardown(same_bytes, setup, teardown),
        cmocka_unit_test(markdown),
        cmocka_unit_test_setup_teardown(unrecorded_issue, setup, teardown),
        cmocka_unit_test_setup_teardown(atom, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
