/*
 * News records (issue 15; record.c, import_news.c, store_writer_news.c, store_export.c,
 * store_search.c): the six news kinds import from JSON and from CSV, export back with every value
 * as given, and a second registry made from an export exports the same bytes; the search finds an
 * item by a Russian word form its text does not hold, as a hit of kind "news" that names its first
 * cluster, and an import that changes the item replaces its row; a digest issue's items may be
 * reordered by an import, but an item stands once in an issue.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "registry/record.h"

#include <glob.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

/* The records the news name, then one item of each sort; every news array in key order, as
 * export writes it, so that the arrays compare as they are. */
static const char base_json[] =
    "{\"format\": \"clusterscope-registry\",\n"
    " \"sources\": [{\"key\": \"digest-12\", \"title\": \"Дайджест № 12\"}],\n"
    " \"countries\": [{\"code\": \"RU\", \"name_en\": \"Russia\"}],\n"
    " \"regions\": [{\"key\": \"ru-kgd\", \"country\": \"RU\", \"name_en\": \"Kaliningrad\"}],\n"
    " \"clusters\": [{\"key\": \"amber\", \"name_en\": \"Amber cluster\", \"country\": \"RU\"},\n"
    "   {\"key\": \"zelenograd\", \"name_en\": \"Zelenograd\", \"country\": \"RU\"}],\n"
    " \"organisations\": [{\"key\": \"hse\", \"name\": \"HSE\", \"type\": \"research\"}],\n"
    " \"programmes\": [{\"key\": \"pilot\", \"kind\": \"support\", \"name_en\": \"Pilot\"}]}\n";

static const char news_json[] =
    "{\"format\": \"clusterscope-registry\",\n"
    " \"news\": [\n"
    "  {\"key\": \"amber-2019\", \"kind\": \"event\", \"date\": \"2019-12-05\", \"lang\": \"ru\", "
    "\"title\": \"Развитие янтарного кластера\", \"title_en\": \"The amber cluster grows\", "
    "\"lead\": \"Вводка\", \"body\": \"Абзац.\\n\\n### Подзаголовок\\n\\nЕщё.\", \"box\": "
    "\"Справочно: 70%\", \"summary_en\": \"Processing share.\", \"summary_ru\": \"Доля.\", "
    "\"outlet\": \"REGNUM\", \"url\": \"https://regnum.ru/news/1\", \"source\": \"digest-12\", "
    "\"locator\": \"p. 3\", \"quote\": \"«янтарь»\", \"note\": \"n\"},\n"
    "  {\"key\": \"bulletin-5\", \"kind\": \"bulletin\", \"date\": \"2019\", \"lang\": \"ru\", "
    "\"title\": \"Экспресс-информация\", \"title_ru\": \"Экспресс\", \"series\": \"Express\", "
    "\"series_number\": 5, \"file_url\": \"https://example.org/e5.pdf\", \"file_format\": "
    "\"pdf\", \"file_bytes\": 1048576, \"outlet\": \"HSE\", \"source\": \"digest-12\"},\n"
    "  {\"key\": \"talk\", \"kind\": \"interview\", \"date\": \"2019-12\", \"lang\": \"en\", "
    "\"title\": \"A talk\", \"outlet\": \"Observatory\", \"source\": \"digest-12\"}],\n"
    " \"news_qa\": [{\"item\": \"talk\", \"position\": 1, \"question\": \"How are things?\", "
    "\"answer\": \"Growing.\"},\n"
    "  {\"item\": \"talk\", \"position\": 2, \"question\": \"And the clusters?\", \"answer\": "
    "\"Sturgeon farming.\"}],\n"
    " \"news_links\": [{\"item\": \"amber-2019\", \"target_kind\": \"cluster\", \"target_key\": "
    "\"amber\"},\n"
    "  {\"item\": \"amber-2019\", \"target_kind\": \"cluster\", \"target_key\": \"zelenograd\"},\n"
    "  {\"item\": \"amber-2019\", \"target_kind\": \"region\", \"target_key\": \"ru-kgd\"},\n"
    "  {\"item\": \"bulletin-5\", \"target_kind\": \"programme\", \"target_key\": \"pilot\"},\n"
    "  {\"item\": \"talk\", \"target_kind\": \"organisation\", \"target_key\": \"hse\"}],\n"
    " \"digests\": [{\"number\": 12, \"month\": \"2019-12\", \"publisher\": \"НИУ ВШЭ|ИСИЭЗ\", "
    "\"title_ru\": \"Территориальные кластеры\", \"title_en\": \"Territorial clusters\", "
    "\"subtitle_ru\": \"дайджест новостей\", \"subtitle_en\": \"news digest\", \"source\": "
    "\"digest-12\", \"locator\": \"p. 1\", \"note\": \"n\"}],\n"
    " \"digest_texts\": [{\"issue\": 12, \"part\": \"about\", \"lang\": \"ru\", \"text\": \"О "
    "нас.\\n\\nВторой абзац.\"},\n"
    "  {\"issue\": 12, \"part\": \"call\", \"lang\": \"en\", \"text\": \"Send us news.\"}],\n"
    " \"digest_entries\": [{\"issue\": 12, \"position\": 1, \"item\": \"amber-2019\"},\n"
    "  {\"issue\": 12, \"position\": 2, \"item\": \"talk\"},\n"
    "  {\"issue\": 12, \"position\": 3, \"item\": \"bulletin-5\"}]}\n";

static const char *const news_kinds[] = { "news",    "news_qa",      "news_links",
                                          "digests", "digest_texts", "digest_entries" };

typedef struct {
    char *dir;
    cs_service *svc;
} news_fixture;

static cs_service *open_new(const char *dir, const char *name)
{
    char *path = st_path(dir, name);
    cs_service *svc = NULL;
    if (cs_service_create(path) || cs_service_open(&svc, path, CS_SERVICE_WRITE))
        fail_msg("making %s: %s", path, cs_error_last());
    free(path);
    return svc;
}

static int import_text(cs_import_stats *stats, cs_service *svc, const char *dir, const char *name,
                       const char *json)
{
    char *p = st_write(dir, name, json);
    const char *paths[] = { p };
    int rc = cs_service_import(stats, svc, paths, 1, NULL);
    free(p);
    return rc;
}

static char *export_text(cs_service *svc, const char *dir, const char *name)
{
    char *path = st_path(dir, name);
    if (cs_service_export(svc, path, CS_EXPORT_JSON))
        fail_msg("exporting: %s", cs_error_last());
    char *text = st_read(path);
    free(path);
    return text;
}

static int setup(void **state)
{
    news_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->svc = open_new(f->dir, "a.db");
    cs_import_stats s;
    if (import_text(&s, f->svc, f->dir, "base.json", base_json) ||
        import_text(&s, f->svc, f->dir, "news.json", news_json))
        fail_msg("importing: %s", cs_error_last());
    static const long long counts[] = { 3, 2, 5, 1, 2, 3 };
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
        assert_int_equal(s.inserted[CS_KIND_NEWS + k], counts[k]);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    news_fixture *f = *state;
    cs_service_close(f->svc);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

/* Every news array of the export equals the one imported: each value as given, none added. */
static void test_values_come_back(void **state)
{
    news_fixture *f = *state;
    char *text = export_text(f->svc, f->dir, "a.json");
    json_t *in = json_loads(news_json, 0, NULL), *out = json_loads(text, 0, NULL);
    assert_non_null(in);
    assert_non_null(out);
    for (size_t k = 0; k < sizeof news_kinds / sizeof news_kinds[0]; k++) {
        json_t *a = json_object_get(in, news_kinds[k]), *b = json_object_get(out, news_kinds[k]);
        if (!json_equal(a, b)) {
            char *shown = json_dumps(b, JSON_COMPACT);
            fail_msg("%s differs: %s", news_kinds[k], shown);
        }
    }
    json_decref(in);
    json_decref(out);
    /* an identical import changes nothing */
    cs_import_stats s;
    assert_int_equal(import_text(&s, f->svc, f->dir, "again.json", news_json), 0);
    for (int k = CS_KIND_NEWS; k < CS_KIND_COUNT; k++) {
        assert_int_equal(s.inserted[k] + s.updated[k], 0);
        assert_true(s.unchanged[k] > 0);
    }
    free(text);
}

/* Export -> import into a new registry -> export: the same bytes, through JSON and through CSV. */
static void test_round_trip(void **state)
{
    news_fixture *f = *state;
    char *x = export_text(f->svc, f->dir, "a.json");
    cs_service *b = open_new(f->dir, "b.db");
    char *a_path = st_path(f->dir, "a.json");
    const char *paths[] = { a_path };
    cs_import_stats s;
    if (cs_service_import(&s, b, paths, 1, NULL))
        fail_msg("importing the export: %s", cs_error_last());
    char *y = export_text(b, f->dir, "b.json");
    assert_string_equal(x, y);
    /* the CSV folder: one file per news kind, read back by its name */
    char *csv = st_path(f->dir, "csv");
    assert_int_equal(cs_service_export(f->svc, csv, CS_EXPORT_CSV), 0);
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/*.csv", csv);
    glob_t g = { 0 };
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    for (size_t k = 0; k < sizeof news_kinds / sizeof news_kinds[0]; k++) {
        char name[64];
        snprintf(name, sizeof name, "/%s.csv", news_kinds[k]);
        int found = 0;
        for (size_t i = 0; i < g.gl_pathc; i++)
            found |= strstr(g.gl_pathv[i], name) != NULL;
        assert_true(found);
    }
    cs_service *c = open_new(f->dir, "c.db");
    if (cs_service_import(&s, c, (const char *const *)g.gl_pathv, g.gl_pathc, NULL))
        fail_msg("importing the CSV export: %s", cs_error_last());
    char *z = export_text(c, f->dir, "c.json");
    assert_string_equal(x, z);
    globfree(&g);
    cs_service_close(b);
    cs_service_close(c);
    free(x);
    free(y);
    free(z);
    free(a_path);
    free(csv);
}

/* The hits of QUERY of kind "news", as "key:title:title_ru:cluster:year" joined by spaces. */
static char *news_hits(cs_service *svc, const char *query, size_t *total)
{
    cs_search_hits *h = NULL;
    if (cs_service_search(&h, svc, query, 20, 0))
        fail_msg("searching '%s': %s", query, cs_error_last());
    static char buf[4096];
    buf[0] = '\0';
    for (size_t i = 0; i < cs_search_hits_count(h); i++) {
        const cs_search_hit *x = cs_search_hits_at(h, i);
        if (strcmp(x->kind, "news") != 0)
            continue;
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s:%s:%s:%s:%d", *buf ? " " : "",
                 x->key, x->title, x->title_ru, x->cluster, x->year);
    }
    if (total)
        *total = cs_search_hits_total(h);
    cs_search_hits_free(h);
    return buf;
}

static void test_search_finds_news(void **state)
{
    news_fixture *f = *state;
    /* «янтарного» in the title, found by «янтарный»: one stem, another form */
    assert_string_equal(
        news_hits(f->svc, "янтарный", NULL),
        "amber-2019:The amber cluster grows:Развитие янтарного кластера:amber:2019");
    /* the box, the lead and the Q&A are searched too; an item without title_en shows its title */
    assert_string_equal(
        news_hits(f->svc, "справочно вводка", NULL),
        "amber-2019:The amber cluster grows:Развитие янтарного кластера:amber:2019");
    assert_string_equal(news_hits(f->svc, "sturgeon", NULL), "talk:A talk:A talk::2019");
    assert_string_equal(news_hits(f->svc, "экспресс", NULL),
                        "bulletin-5:Экспресс-информация:Экспресс::2019");
    /* a new title replaces the row: the old words are gone, the new ones found, one row each */
    static const char changed[] =
        "{\"format\": \"clusterscope-registry\", \"news\": [{\"key\": \"talk\", \"kind\": "
        "\"interview\", \"date\": \"2020-01\", \"lang\": \"en\", \"title\": \"A conversation\", "
        "\"outlet\": \"Observatory\", \"source\": \"digest-12\"}],\n"
        " \"news_links\": [{\"item\": \"talk\", \"target_kind\": \"cluster\", \"target_key\": "
        "\"zelenograd\"}]}";
    cs_import_stats s;
    assert_int_equal(import_text(&s, f->svc, f->dir, "changed.json", changed), 0);
    assert_int_equal(s.updated[CS_KIND_NEWS], 1);
    size_t total = 0;
    assert_string_equal(news_hits(f->svc, "talk", &total), "");
    assert_int_equal(total, 0);
    assert_string_equal(news_hits(f->svc, "conversation", &total),
                        "talk:A conversation:A conversation:zelenograd:2020");
    assert_int_equal(total, 1);
    /* a Q&A of its own replaces it too: the new answer is found, the row stays one */
    static const char qa[] = "{\"format\": \"clusterscope-registry\", \"news_qa\": [{\"item\": "
                             "\"talk\", \"position\": 2, \"question\": \"Q\", \"answer\": "
                             "\"Photonics.\"}]}";
    assert_int_equal(import_text(&s, f->svc, f->dir, "qa.json", qa), 0);
    assert_string_equal(news_hits(f->svc, "photonics", &total),
                        "talk:A conversation:A conversation:zelenograd:2020");
    assert_string_equal(news_hits(f->svc, "sturgeon", &total), "");
    assert_string_equal(news_hits(f->svc, "conversation", &total),
                        "talk:A conversation:A conversation:zelenograd:2020");
    assert_int_equal(total, 1);
}

/* The item keys of issue 12 by position, as the export has them. */
static char *issue_items(news_fixture *f)
{
    char *text = export_text(f->svc, f->dir, "issue.json");
    json_t *doc = json_loads(text, 0, NULL);
    static char buf[512];
    buf[0] = '\0';
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(doc, "digest_entries"), i, e)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%lld:%s", i ? " " : "",
                 json_integer_value(json_object_get(e, "position")),
                 json_string_value(json_object_get(e, "item")));
    json_decref(doc);
    free(text);
    return buf;
}

/* The last error's message ends with TAIL (it begins with the scratch folder). */
static void assert_message(const char *tail)
{
    const char *m = cs_error_last();
    size_t n = strlen(m), k = strlen(tail);
    if (n < k || strcmp(m + n - k, tail) != 0)
        fail_msg("message '%s' does not end with '%s'", m, tail);
}

static void test_entries_move_but_never_repeat(void **state)
{
    news_fixture *f = *state;
    cs_import_stats s;
    /* a swap: each item moves to a position the import fills again */
    static const char swap[] =
        "{\"format\": \"clusterscope-registry\", \"digest_entries\": [{\"issue\": 12, "
        "\"position\": 1, \"item\": \"talk\"}, {\"issue\": 12, \"position\": 2, \"item\": "
        "\"amber-2019\"}]}";
    if (import_text(&s, f->svc, f->dir, "swap.json", swap))
        fail_msg("swapping: %s", cs_error_last());
    assert_int_equal(s.updated[CS_KIND_DIGEST_ENTRIES], 2);
    assert_string_equal(issue_items(f), "1:talk 2:amber-2019 3:bulletin-5");
    /* an item moved to a new position while its old one is left to it: refused, nothing stored */
    static const char twice[] = "{\"format\": \"clusterscope-registry\", \"digest_entries\": "
                                "[{\"issue\": 12, \"position\": 4, \"item\": \"talk\"}]}";
    assert_int_equal(import_text(&s, f->svc, f->dir, "twice.json", twice), CS_EDATA);
    assert_message("/twice.json:1:93: expected an item not already in digest issue 12 (it is "
                   "stored at position 1, and this import gives that position no other "
                   "item), found \"talk\"");
    assert_string_equal(issue_items(f), "1:talk 2:amber-2019 3:bulletin-5");
    /* twice in one import */
    static const char same[] = "{\"format\": \"clusterscope-registry\", \"digest_entries\": [\n"
                               "{\"issue\": 12, \"position\": 5, \"item\": \"bulletin-5\"},\n"
                               "{\"issue\": 12, \"position\": 3, \"item\": \"amber-2019\"},\n"
                               "{\"issue\": 12, \"position\": 6, \"item\": \"amber-2019\"}]}";
    assert_int_equal(import_text(&s, f->svc, f->dir, "same.json", same), CS_EDATA);
    assert_message("/same.json:4:38: expected an item not already in digest issue 12 (it is "
                   "at position 3 in this import), found \"amber-2019\"");
    assert_string_equal(issue_items(f), "1:talk 2:amber-2019 3:bulletin-5");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_values_come_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_finds_news, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entries_move_but_never_repeat, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
