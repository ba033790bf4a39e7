#!/bin/sh
# News from Markdown files and saved feeds (issue 15): imported through the import's own checks,
# exported back (checked with Python's json, not with the program), found by search in another
# word form than the text's, and refused with file:line:column, exit 3 and nothing stored for
# each bad input of the issue.
. tests/cli/lib.sh
D=tests/data/news
db="$T/r.db"
expect_status 0 "$CS" init --db "$db"
expect_status 0 "$CS" import --db "$db" data/sources.json data/russian-clusters.json data/countries.json

# Markdown: an event with its lead, box and link, an interview with its questions
expect_status 0 "$CS" import --db "$db" "$D/amber.md" "$D/interview.md"
expect_contains "$T/out" "imported: 5 new"
expect_status 0 "$CS" import --db "$db" --source hse-news-medtech-cluster "$D/feed.rss"
expect_contains "$T/out" "imported: 2 new"
# the same files again change nothing: the feed's keys are stable
expect_status 0 "$CS" import --db "$db" --source hse-news-medtech-cluster "$D/feed.rss" "$D/amber.md"
expect_contains "$T/out" "imported: 0 new, 0 updated, 4 unchanged"
expect_status 0 "$CS" export --db "$db" -o "$T/export.json"
check
python3 - "$T/export.json" <<'PY' || fail "the exported news are not what the files say"
import json, sys
d = json.load(open(sys.argv[1]))
news = {n["key"]: n for n in d["news"]}
a = news["test-amber-2019"]
assert a["date"] == "2019-12" and a["kind"] == "event" and a["lang"] == "ru", a
assert a["lead"] == "Кластер янтарной промышленности подводит итоги.", a["lead"]
assert a["box"] == "Кластер включён в реестр промышленных кластеров Минпромторга.", a["box"]
assert a["body"].startswith("Участники янтарного") and "### Площадки кластера" in a["body"], a
assert "Справочно" not in a["body"]
assert a["outlet"] == "Ювелир.INFO" and a["source"] == "rko-digest-2019-12"
links = [(l["item"], l["target_kind"], l["target_key"]) for l in d["news_links"]]
assert links == [("test-amber-2019", "cluster", "kaliningrad-amber")], links
qa = sorted((q["item"], q["position"], q["question"], q["answer"]) for q in d["news_qa"])
assert qa == [("test-interview", 1, "Сколько кластеров в России?", "По данным РКО, 118."),
              ("test-interview", 2, "Что дальше?", "Развитие кооперации.")], qa
assert news["test-interview"]["body"] == "Вступление к интервью."
f = news["hse-medtech-cluster"]
assert f["date"] == "2014-11-19" and f["lang"] == "en" and f["outlet"] == "HSE News", f
assert f["lead"] == "A round table on pharmaceutical clusters", f["lead"]
assert f["url"] == "https://example.org/news/medtech" and f["source"] == "hse-news-medtech-cluster"
assert news["example-org-news-2"]["date"] == "2014-11-20"
assert len(news) == 4, sorted(news)
PY

# search: a Russian word form other than the text's, and an English word
expect_status 0 "$CS" search --db "$db" --format json "янтарный кластер"
check
python3 - "$T/out" <<'PY' || fail "search does not find the amber item by «янтарный кластер»"
import json, sys
d = json.load(open(sys.argv[1]))
hits = [h for h in d["hits"] if h["kind"] == "news"]
assert hits and hits[0]["key"] == "test-amber-2019", d
# the text says «янтарного кластера»: those words are the ones marked
assert "**янтарного** **кластера**" in hits[0]["snippet_marked"], hits[0]
assert "янтарный" not in hits[0]["snippet"].lower()
PY
expect_status 0 "$CS" search --db "$db" --format csv pharmaceutical tables
expect_contains "$T/out" "news,hse-medtech-cluster,"
expect_contains "$T/out" "**pharmaceutical**"
expect_status 0 "$CS" search --db "$db" "кластеры взгляд"
expect_contains "$T/out" "test-interview"

# bad inputs: exit 3 (a feed without a source: 2), file:line:column, nothing stored
before=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['news']))" "$T/export.json")
bad() { # FILE EXPECTED-TEXT [OPTIONS...]
    f=$1 msg=$2
    shift 2
    expect_status 3 "$CS" import --db "$db" --source hse-2019 "$@" "$D/amber.md" "$f"
    expect_contains "$T/err" "$msg"
}
printf 'title,date\nx,2019\n' >"$T/notxml.xml"
bad "$T/notxml.xml" "notxml.xml:1:1: expected a well-formed XML feed"
printf '<rss><channel><title>t</title>\n<item><title>x</title><link>http://a/b</link></item>\n</channel></rss>\n' >"$T/nodate.rss"
bad "$T/nodate.rss" "nodate.rss:2: expected a <pubDate> (or <dc:date>) in the item"
printf '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>\n<entry><id>a</id>\n<updated>2019-02-30T00:00:00Z</updated></entry></feed>\n' >"$T/baddate.atom"
bad "$T/baddate.atom" "baddate.atom:3: expected an RFC 3339 date"
printf '<html><body>news</body></html>\n' >"$T/page.xml"
bad "$T/page.xml" "page.xml:1: expected an RSS 2.0 <rss> or Atom 1.0 <feed> element"
printf -- '---\nkey: x\ndate: 2019\nkind: event\nlang: ru\ntitle: t\noutlet: o\nsource: hse-2019\nclusters: no-such-cluster\n---\n' >"$T/link.md"
bad "$T/link.md" "link.md:9:11: expected a cluster of the registry, found"
printf -- '---\nkey: x\nkind: event\nlang: ru\ntitle: t\noutlet: o\nsource: hse-2019\n---\n' >"$T/undated.md"
bad "$T/undated.md" "undated.md"
expect_contains "$T/err" "date"
printf -- '---\nkey: x\nauthor: me\n---\n' >"$T/field.md"
bad "$T/field.md" "field.md:3:1: expected a news field"
printf -- '---\nkey: x\ntitle: a\n' >"$T/open.md"
bad "$T/open.md" "open.md:4: expected a line '---' closing the header"
printf -- '---\nkey: x\ntitle: a\ntitle: b\n---\n' >"$T/twice.md"
bad "$T/twice.md" "twice.md:4:1: expected each field once (title is at line 3 too)"
printf -- '---\nkey: x\nno colon here\n---\n' >"$T/colon.md"
bad "$T/colon.md" "colon.md:3:1: expected a header line 'name: value'"
expect_status 2 "$CS" import --db "$db" "$D/feed.rss"
expect_contains "$T/err" "name the source record with --source KEY"
expect_status 0 "$CS" export --db "$db" -o "$T/after.json"
check
cmp -s "$T/export.json" "$T/after.json" || fail "a refused import changed the registry"
[ "$before" -eq 4 ] || fail "expected 4 news items before the bad inputs, found $before"
done_checks
