/*
 * test_news.c: the news reader and the digest's data through the service (store_news_read.c,
 * service_news.c) on tests/data/news/digest.json (imported): the filters (cluster, month, kind,
 * limit) and the order newest first, an item's Q&A by position and targets by kind then key with
 * their names, NULL for what is not recorded, a recorded issue's items in its entries' order, an
 * unrecorded number made of the month's items with the latest issue's texts, and the refusals (bad
 * month, other month, unknown issue, unknown cluster, a month without items).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "store_test_util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *dir, *path;
    cs_service *svc;
} news_fixture;

static int setup(void **state)
{
    news_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "news.db");
    assert_int_equal(cs_service_create(f->path), 0);
    assert_int_equal(cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE), 0);
    const char *paths[] = { "tests/data/news/digest.json" };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 1, NULL))
        fail_msg("%s (run from the source tree)", cs_error_last());
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    news_fixture *f = *state;
    cs_service_close(f->svc);
    free(f->path);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

/* The keys of LIST joined by ' '. */
static void keys(char *buf, size_t cap, const cs_news_list *list)
{
    buf[0] = '\0';
    for (size_t i = 0; i < cs_news_list_count(list); i++) {
        if (i)
            strncat(buf, " ", cap - strlen(buf) - 1);
        strncat(buf, cs_news_list_at(list, i)->key, cap - strlen(buf) - 1);
    }
}

static void all_news_newest_first(void **state)
{
    news_fixture *f = *state;
    cs_news_list *list = NULL;
    char buf[512];
    assert_int_equal(cs_service_news(&list, f->svc, NULL), 0);
    keys(buf, sizeof buf, list);
    /* date descending ('2019-12' sorts below its days), keys ascending within a date */
    assert_string_equal(buf, "jan-item forum-2020 amber-trap late-dec interview-imc mik-platform "
                             "bulletin-154 bulletin-153 climate-2019");
    cs_news_list_free(list);
}

static void filters(void **state)
{
    news_fixture *f = *state;
    cs_news_list *list = NULL;
    char buf[512];
    cs_news_filter by_cluster = { .cluster = "amber" };
    assert_int_equal(cs_service_news(&list, f->svc, &by_cluster), 0);
    keys(buf, sizeof buf, list);
    assert_string_equal(buf, "amber-trap late-dec");
    cs_news_list_free(list);

    cs_news_filter by_month = { .month = "2020-01" };
    assert_int_equal(cs_service_news(&list, f->svc, &by_month), 0);
    keys(buf, sizeof buf, list);
    assert_string_equal(buf, "jan-item");
    cs_news_list_free(list);

    cs_news_filter kind_limit = { .month = "2019-12", .kind = "bulletin", .limit = 1 };
    assert_int_equal(cs_service_news(&list, f->svc, &kind_limit), 0);
    keys(buf, sizeof buf, list);
    assert_string_equal(buf, "bulletin-154");
    cs_news_list_free(list);

    cs_news_filter quiet = { .cluster = "quiet" };
    assert_int_equal(cs_service_news(&list, f->svc, &quiet), 0);
    assert_int_equal(cs_news_list_count(list), 0);
    cs_news_list_free(list);
}

static void refusals(void **state)
{
    news_fixture *f = *state;
    cs_news_list *list = NULL;
    cs_news_filter unknown = { .cluster = "nowhere" };
    assert_int_equal(cs_service_news(&list, f->svc, &unknown), CS_ENOTFOUND);
    assert_non_null(strstr(cs_error_last(), "nowhere"));
    const char *bad[] = { "2019-13", "2019-1", "2019/12", "2019-12-01", "20x9-12", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cs_news_filter m = { .month = bad[i] };
        assert_int_equal(cs_service_news(&list, f->svc, &m), CS_EUSAGE);
        assert_non_null(strstr(cs_error_last(), "expected"));
    }
    cs_news_filter m13 = { .month = "2019-13" };
    cs_service_news(&list, f->svc, &m13);
    assert_non_null(strstr(cs_error_last(), "found '13'"));
    cs_news_filter k = { .kind = "rumour" };
    assert_int_equal(cs_service_news(&list, f->svc, &k), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "rumour"));
}

static void item_details(void **state)
{
    news_fixture *f = *state;
    cs_news_list *list = NULL;
    cs_news_filter month = { .month = "2019-12" };
    assert_int_equal(cs_service_news(&list, f->svc, &month), 0);
    const cs_news_item *amber = NULL, *interview = NULL, *climate = NULL, *mik = NULL;
    for (size_t i = 0; i < cs_news_list_count(list); i++) {
        const cs_news_item *it = cs_news_list_at(list, i);
        if (strcmp(it->key, "amber-trap") == 0)
            amber = it;
        else if (strcmp(it->key, "interview-imc") == 0)
            interview = it;
        else if (strcmp(it->key, "climate-2019") == 0)
            climate = it;
        else if (strcmp(it->key, "mik-platform") == 0)
            mik = it;
    }
    assert_non_null(amber);
    assert_non_null(interview);
    assert_non_null(climate);
    assert_non_null(mik);
    /* targets by kind, then key, each named from its record */
    assert_int_equal(amber->n_targets, 3);
    assert_string_equal(amber->targets[0].kind, "cluster");
    assert_string_equal(amber->targets[0].name_ru, "Янтарный кластер");
    assert_string_equal(amber->targets[1].kind, "organisation");
    assert_string_equal(amber->targets[1].name_en, amber->targets[1].name_ru);
    assert_string_equal(amber->targets[2].kind, "region");
    assert_string_equal(amber->targets[2].name_en, "Kaliningrad Oblast");
    assert_string_equal(amber->title_en, "The amber cluster: the one-buyer trap");
    assert_null(amber->title_ru);
    assert_int_equal(amber->series_number, -1);
    assert_int_equal(amber->file_bytes, -1);
    /* Q&A by position, whatever order they were written in */
    assert_int_equal(interview->n_qa, 2);
    assert_string_equal(interview->qa[0].question, "С чего начался кластер?");
    assert_string_equal(interview->qa[1].answer, "Развитие.");
    assert_null(interview->url);
    assert_int_equal(climate->file_bytes, 3250586);
    assert_string_equal(climate->file_format, "PDF");
    assert_null(mik->lead);
    assert_int_equal(mik->n_qa, 0);
    cs_news_list_free(list);
}

static void recorded_issue(void **state)
{
    news_fixture *f = *state;
    cs_digest *d = NULL;
    char buf[512];
    assert_int_equal(cs_service_digest(&d, f->svc, 12, "2019-12"), 0);
    assert_int_equal(d->recorded, 1);
    assert_string_equal(d->month, "2019-12");
    keys(buf, sizeof buf, d->items);
    assert_string_equal(buf, "mik-platform amber-trap interview-imc bulletin-154 bulletin-153 "
                             "climate-2019 forum-2020");
    assert_non_null(d->issue);
    assert_string_equal(d->issue->title_ru, "Территориальные кластеры");
    assert_non_null(strstr(d->issue->text_ru[CS_DIGEST_ABOUT], "РКО"));
    assert_null(d->issue->text_en[CS_DIGEST_PUBLICATIONS]);
    assert_non_null(d->issue->text_en[CS_DIGEST_CALL]);
    cs_digest_free(d);
    /* without a month: the issue's own */
    assert_int_equal(cs_service_digest(&d, f->svc, 12, NULL), 0);
    assert_string_equal(d->month, "2019-12");
    cs_digest_free(d);
}

static void unrecorded_issue(void **state)
{
    news_fixture *f = *state;
    cs_digest *d = NULL;
    char buf[512];
    assert_int_equal(cs_service_digest(&d, f->svc, 13, "2019-12"), 0);
    assert_int_equal(d->recorded, 0);
    assert_int_equal(d->number, 13);
    assert_int_equal(d->texts_from, 12);
    assert_non_null(d->issue);
    keys(buf, sizeof buf, d->items);
    /* oldest first, keys ascending within a date */
    assert_string_equal(buf, "climate-2019 bulletin-153 bulletin-154 mik-platform interview-imc "
                             "amber-trap late-dec forum-2020");
    cs_digest_free(d);
}

static void digest_refusals(void **state)
{
    news_fixture *f = *state;
    cs_digest *d = NULL;
    assert_int_equal(cs_service_digest(&d, f->svc, 12, "2020-01"), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "2019-12"));
    assert_non_null(strstr(cs_error_last(), "2020-01"));
    assert_int_equal(cs_service_digest(&d, f->svc, 99, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "99"));
    assert_int_equal(cs_service_digest(&d, f->svc, 99, "2018-05"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "2018-05"));
    assert_int_equal(cs_service_digest(&d, f->svc, 99, "2018-5"), CS_EUSAGE);
    assert_int_equal(cs_service_digest(&d, f->svc, 0, "2019-12"), CS_EUSAGE);
    assert_null(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(all_news_newest_first, setup, teardown),
        cmocka_unit_test_setup_teardown(filters, setup, teardown),
        cmocka_unit_test_setup_teardown(refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(item_details, setup, teardown),
        cmocka_unit_test_setup_teardown(recorded_issue, setup, teardown),
        cmocka_unit_test_setup_teardown(unrecorded_issue, setup, teardown),
        cmocka_unit_test_setup_teardown(digest_refusals, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
