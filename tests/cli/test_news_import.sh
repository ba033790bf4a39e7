# The news kinds of schema 13 (issue 15) from the command line: each kind from CSV (named by its
# file) and from a JSON registry document give the same registry; the import summary and status
# count them; export and import back give the same bytes (CSV and JSON); every refusal exits 3
# with file:line:column, says what was expected and found, and leaves the registry's export as it
# was.
. tests/cli/lib.sh

db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
mkdir "$T/in"
cd "$T/in" || fail "no scratch folder"
printf 'key,title\ndigest-12,Territorial clusters: news digest 12\n' >sources.csv
printf 'code,name_en\nRU,Russia\n' >countries.csv
printf 'key,country,name_en\nru-kgd,RU,Kaliningrad Oblast\n' >regions.csv
printf 'key,name_en,country,region\nkaliningrad-amber,Amber cluster,RU,ru-kgd\npenza-biomed,BioMed,RU,\n' >clusters.csv
printf 'key,name,type\nhse,HSE University,research\n' >organisations.csv
printf 'key,kind,name_en\npilot-itc,support,Pilot clusters\n' >programmes.csv
printf '%s\n' 'key,kind,date,lang,title,title_en,lead,body,box,series,series_number,file_url,file_format,file_bytes,outlet,url,source,locator,quote' \
    'amber-2019,event,2019-12-05,ru,Развитие янтарного кластера,The amber cluster grows,Вводка,"Абзац.' \
    '' \
    '### Подзаголовок' \
    '' \
    'Ещё.",Справочно: 70%,,,,,,REGNUM,https://regnum.ru/news/1,digest-12,p. 3,«янтарь»' \
    'express-5,bulletin,2019,ru,Экспресс-информация,,,,,Express,5,https://example.org/e5.pdf,pdf,1048576,HSE,,digest-12,,' \
    'talk,interview,2019-12,ru,Интервью,,,,,,,,,,Observatory,,digest-12,p. 9,' >news.csv
printf 'item,position,question,answer\ntalk,1,Как дела?,Хорошо.\ntalk,2,"А кластеры, растут?",Растут.\n' >news_qa.csv
printf 'item,target_kind,target_key\namber-2019,cluster,kaliningrad-amber\namber-2019,region,ru-kgd\ntalk,organisation,hse\nexpress-5,programme,pilot-itc\n' >news_links.csv
printf 'number,month,publisher,title_ru,subtitle_ru,source,locator\n12,2019-12,НИУ ВШЭ|ИСИЭЗ|РКО,Территориальные кластеры,дайджест новостей,digest-12,p. 1\n' >digests.csv
printf 'issue,part,lang,text\n12,about,ru,"О нас.\n\nВторой абзац."\n12,call,en,Send us news.\n' >digest_texts.csv
printf 'issue,position,item\n12,1,amber-2019\n12,2,talk\n12,3,express-5\n' >digest_entries.csv
cd - >/dev/null || fail "no way back"
expect_status 0 "$CS" --db "$db" import "$T"/in/*.csv
expect_contains "$T/out" "news                     3 new"
expect_contains "$T/out" "news_qa                  2 new"
expect_contains "$T/out" "news_links               4 new"
expect_contains "$T/out" "digests                  1 new"
expect_contains "$T/out" "digest_texts             2 new"
expect_contains "$T/out" "digest_entries           3 new"
expect_contains "$T/out" "imported: 22 new, 0 updated, 0 unchanged"
expect_status 0 "$CS" --db "$db" status
expect_contains "$T/out" "news items        3"
expect_contains "$T/out" "digest issues     1"
check
[ "$(sqlite3 "$db" "SELECT series_number || '/' || file_bytes || '/' || typeof(file_bytes) FROM news_item WHERE key = 'express-5'")" = 5/1048576/integer ] ||
    fail "a bulletin's numbers not stored as integers"
check
[ "$(sqlite3 "$db" "SELECT body FROM news_item WHERE key = 'amber-2019'")" = "Абзац.

### Подзаголовок

Ещё." ] || fail "a body's paragraphs not kept"

# the same records as one JSON registry document: the same registry
cat >"$T/news.json" <<'JSON'
{"format": "clusterscope-registry", "version": 1,
 "sources": [{"key": "digest-12", "title": "Territorial clusters: news digest 12"}],
 "countries": [{"code": "RU", "name_en": "Russia"}],
 "regions": [{"key": "ru-kgd", "country": "RU", "name_en": "Kaliningrad Oblast"}],
 "clusters": [{"key": "kaliningrad-amber", "name_en": "Amber cluster", "country": "RU", "region": "ru-kgd"},
              {"key": "penza-biomed", "name_en": "BioMed", "country": "RU"}],
 "organisations": [{"key": "hse", "name": "HSE University", "type": "research"}],
 "programmes": [{"key": "pilot-itc", "kind": "support", "name_en": "Pilot clusters"}],
 "news": [{"key": "amber-2019", "kind": "event", "date": "2019-12-05", "lang": "ru", "title": "Развитие янтарного кластера",
           "title_en": "The amber cluster grows", "lead": "Вводка", "body": "Абзац.\n\n### Подзаголовок\n\nЕщё.",
           "box": "Справочно: 70%", "outlet": "REGNUM", "url": "https://regnum.ru/news/1", "source": "digest-12",
           "locator": "p. 3", "quote": "«янтарь»"},
          {"key": "express-5", "kind": "bulletin", "date": "2019", "lang": "ru", "title": "Экспресс-информация",
           "series": "Express", "series_number": 5, "file_url": "https://example.org/e5.pdf", "file_format": "pdf",
           "file_bytes": 1048576, "outlet": "HSE", "source": "digest-12"},
          {"key": "talk", "kind": "interview", "date": "2019-12", "lang": "ru", "title": "Интервью", "outlet": "Observatory",
           "source": "digest-12", "locator": "p. 9"}],
 "news_qa": [{"item": "talk", "position": 1, "question": "Как дела?", "answer": "Хорошо."},
             {"item": "talk", "position": 2, "question": "А кластеры, растут?", "answer": "Растут."}],
 "news_links": [{"item": "amber-2019", "target_kind": "cluster", "target_key": "kaliningrad-amber"},
                {"item": "amber-2019", "target_kind": "region", "target_key": "ru-kgd"},
                {"item": "talk", "target_kind": "organisation", "target_key": "hse"},
                {"item": "express-5", "target_kind": "programme", "target_key": "pilot-itc"}],
 "digests": [{"number": 12, "month": "2019-12", "publisher": "НИУ ВШЭ|ИСИЭЗ|РКО", "title_ru": "Территориальные кластеры",
              "subtitle_ru": "дайджест новостей", "source": "digest-12", "locator": "p. 1"}],
 "digest_texts": [{"issue": 12, "part": "about", "lang": "ru", "text": "О нас.\n\nВторой абзац."},
                  {"issue": 12, "part": "call", "lang": "en", "text": "Send us news."}],
 "digest_entries": [{"issue": 12, "position": 1, "item": "amber-2019"},
                    {"issue": 12, "position": 2, "item": "talk"},
                    {"issue": 12, "position": 3, "item": "express-5"}]}
JSON
expect_status 0 "$CS" --db "$T/j.db" init
expect_status 0 "$CS" --db "$T/j.db" import "$T/news.json"
expect_contains "$T/out" "imported: 22 new, 0 updated, 0 unchanged"
expect_status 0 "$CS" --db "$db" export -o "$T/csv-made.json"
expect_status 0 "$CS" --db "$T/j.db" export -o "$T/json-made.json"
check
cmp "$T/csv-made.json" "$T/json-made.json" >&2 || fail "CSV and JSON give different registries"
# the export holds the values as given, each kind in key order
check
python3 - "$T/news.json" "$T/json-made.json" <<'PY' || fail "exported news differ from the input"
import json, sys
given, made = (json.load(open(p)) for p in sys.argv[1:3])
keys = {"news": ["key"], "news_qa": ["item", "position"], "news_links": ["item", "target_kind", "target_key"],
        "digests": ["number"], "digest_texts": ["issue", "part", "lang"], "digest_entries": ["issue", "position"]}
for kind, key in keys.items():
    want = sorted(given[kind], key=lambda r: [r[k] for k in key])
    assert made[kind] == want, (kind, made[kind], want)
PY

# round trips: CSV folder and JSON document, byte for byte; a re-import changes nothing
expect_status 0 "$CS" --db "$db" export --format csv -o "$T/out1"
for kind in news news_qa news_links digests digest_texts digest_entries; do
    check
    [ -s "$T/out1/$kind.csv" ] || fail "no $kind.csv in the CSV export"
done
expect_status 0 "$CS" --db "$T/r2.db" init
expect_status 0 "$CS" --db "$T/r2.db" import "$T"/out1/*.csv
expect_status 0 "$CS" --db "$T/r2.db" export --format csv -o "$T/out2"
check
diff -r "$T/out1" "$T/out2" >&2 || fail "news do not round-trip through CSV"
expect_status 0 "$CS" --db "$T/r3.db" init
expect_status 0 "$CS" --db "$T/r3.db" import "$T/json-made.json"
expect_status 0 "$CS" --db "$T/r3.db" export -o "$T/again.json"
check
cmp "$T/json-made.json" "$T/again.json" >&2 || fail "news do not round-trip through JSON"
expect_status 0 "$CS" --db "$T/r3.db" import "$T/json-made.json"
expect_contains "$T/out" "imported: 0 new, 0 updated"

# refusals: exit 3, file:line:column, the registry's export unchanged
"$CS" --db "$db" export -o "$T/before.json" || fail "no export before"
bad() { # bad KIND FILE TEXT MESSAGE
    printf '%s' "$3" >"$T/$2"
    expect_status 3 "$CS" --db "$db" import --kind "$1" "$T/$2"
    expect_contains "$T/err" "$4"
    "$CS" --db "$db" export -o "$T/after.json" || fail "no export after $2"
    cmp -s "$T/before.json" "$T/after.json" || fail "$2: a refused import changed the registry"
    check
}
nl='
'
head='key,kind,date,lang,title,outlet,source'
bad news nodate.csv "$head${nl}x1,event,,ru,T,REGNUM,digest-12${nl}" \
    "nodate.csv:2:3: expected a value for required column 'date', found an empty value"
bad news nooutlet.csv "$head${nl}x1,event,2019-12-01,ru,T,,digest-12${nl}" \
    "nooutlet.csv:2:6: expected a value for required column 'outlet', found an empty value"
bad news nosource.csv "$head${nl}x1,event,2019-12-01,ru,T,REGNUM,${nl}" \
    "nosource.csv:2:7: expected a value for required column 'source', found an empty value"
bad news unknownsource.csv "$head${nl}x1,event,2019-12-01,ru,T,REGNUM,digest-13${nl}" \
    'unknownsource.csv:2:7: expected the key of a known source (import it first or in the same import), found "digest-13"'
bad news kind.csv "$head${nl}x1,article,2019-12-01,ru,T,REGNUM,digest-12${nl}" \
    "kind.csv:2:2: expected one of event|interview|bulletin|publication|announcement in 'kind', found \"article\""
bad news date.csv "$head${nl}x1,event,05.12.2019,ru,T,REGNUM,digest-12${nl}" \
    "date.csv:2:3: expected a date YYYY, YYYY-MM or YYYY-MM-DD in 'date' (DD.MM.YYYY is read in a file delimited by ';' or tab, or in Windows-1251), found \"05.12.2019\""
bad news lang.csv "$head${nl}x1,event,2019-12,de,T,REGNUM,digest-12${nl}" \
    "lang.csv:2:4: expected one of ru|en in 'lang', found \"de\""
bad news twice.csv "$head${nl}x1,event,2019,ru,T,REGNUM,digest-12${nl}x1,event,2019,ru,T2,REGNUM,digest-12${nl}" \
    'twice.csv:3:1: expected a news item key not used before in this import (first at line 2), found "x1"'
bad news_links cluster.csv "item,target_kind,target_key${nl}talk,cluster,xyz${nl}" \
    'cluster.csv:2:3: expected a cluster of the registry, found "xyz"'
bad news_links organisation.csv "item,target_kind,target_key${nl}talk,organisation,kaliningrad-amber${nl}" \
    'organisation.csv:2:3: expected an organisation of the registry, found "kaliningrad-amber"'
bad news_links region.csv "item,target_kind,target_key${nl}talk,region,ru-mow${nl}" \
    'region.csv:2:3: expected a region of the registry, found "ru-mow"'
bad news_links programme.csv "item,target_kind,target_key${nl}talk,programme,esca${nl}" \
    'programme.csv:2:3: expected a programme of the registry, found "esca"'
bad news_links target.csv "item,target_kind,target_key${nl}talk,country,RU${nl}" \
    "target.csv:2:2: expected one of cluster|organisation|region|programme in 'target_kind', found \"country\""
bad news_links item.csv "item,target_kind,target_key${nl}talk-2,cluster,penza-biomed${nl}" \
    'item.csv:2:1: expected the key of a known news item (import it first or in the same import), found "talk-2"'
bad news_qa position.csv "item,position,question,answer${nl}talk,0,Q,A${nl}" \
    "position.csv:2:2: expected a whole number from 1 to 2147483647 in 'position', found \"0\""
bad news_qa answer.csv "item,position,question,answer${nl}talk,3,Q,${nl}" \
    "answer.csv:2:4: expected a value for required column 'answer', found an empty value"
bad digest_entries entry.csv "issue,position,item${nl}12,4,nope${nl}" \
    'entry.csv:2:3: expected the key of a known news item (import it first or in the same import), found "nope"'
bad digest_entries again.csv "issue,position,item${nl}12,4,talk${nl}" \
    'again.csv:2:3: expected an item not already in digest issue 12 (it is stored at position 2, and this import gives that position no other item), found "talk"'
bad digest_entries sameimport.csv "issue,position,item${nl}12,1,talk${nl}12,2,talk${nl}" \
    'sameimport.csv:3:3: expected an item not already in digest issue 12 (it is at position 1 in this import), found "talk"'
bad digest_entries issue.csv "issue,position,item${nl}13,1,talk${nl}" \
    'issue.csv:2:1: expected the key of a known digest issue (import it first or in the same import), found "13"'
bad digests month.csv "number,month,publisher${nl}13,2019-13,HSE${nl}" \
    "month.csv:2:2: expected a month YYYY-MM (01 to 12) in 'month', found \"2019-13\""
bad digests year.csv "number,month,publisher${nl}13,2019,HSE${nl}" \
    "year.csv:2:2: expected a month YYYY-MM (01 to 12) in 'month', found \"2019\""
bad digests publisher.csv "number,month,publisher${nl}13,2020-01,${nl}" \
    "publisher.csv:2:3: expected a value for required column 'publisher', found an empty value"
bad digest_texts part.csv "issue,part,lang,text${nl}12,masthead,ru,T${nl}" \
    "part.csv:2:2: expected one of about|publications|contacts|resources|call in 'part', found \"masthead\""
# a JSON document: the position of the member at fault, or of the record that lacks one
printf '{"format": "clusterscope-registry",\n "news": [{"key": "x2", "kind": "event", "date": "2019-12-01", "lang": "ru", "title": "T",\n   "outlet": "REGNUM", "source": "digest-12"},\n  {"key": "x3", "kind": "event", "lang": "ru", "title": "T", "outlet": "REGNUM", "source": "digest-12"}],\n "news_links": [{"item": "x2", "target_kind": "cluster", "target_key": "don-valley"}]}\n' >"$T/bad.json"
expect_status 3 "$CS" --db "$db" import "$T/bad.json"
expect_contains "$T/err" "bad.json:4:3: expected a value for required column 'date', found an empty value"
sed 's/"kind": "event", "lang"/"kind": "event", "date": "2019-12", "lang"/' "$T/bad.json" >"$T/bad2.json"
expect_status 3 "$CS" --db "$db" import "$T/bad2.json"
expect_contains "$T/err" 'bad2.json:5:72: expected a cluster of the registry, found "don-valley"'
"$CS" --db "$db" export -o "$T/after.json" || fail "no export after bad.json"
check
cmp -s "$T/before.json" "$T/after.json" || fail "bad.json: a refused import changed the registry"
done_checks
