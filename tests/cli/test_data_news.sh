# The bundled news of seeds 001 and 002 (data/news/digest-2019-12.json, issue 15): what the file
# holds, read back independently of scripts/data/check.py; its import into a fresh registry with
# the bundled files it refers to (counts, every link resolving, a second import unchanged, a
# broken copy refused with nothing stored); and, when the seeds are on this machine, each item's
# quote and title within the seed lines its locator names.
. tests/cli/lib.sh
news=data/news/digest-2019-12.json

# --- the file, read back --------------------------------------------------------------------
expect_status 0 python3 - "$news" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["format"] == "clusterscope-registry" and d["version"] == 1, d.get("format")
items = d["news"]
digest = [x for x in items if x["source"] == "rko-digest-2019-12"]
page = [x for x in items if x["source"] == "hse-news-medtech-cluster"]
kinds = {}
for x in digest:
    kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
assert kinds == {"event": 11, "interview": 1, "bulletin": 2, "publication": 1}, kinds
assert len(page) == 1 and page[0]["lang"] == "en" and len(items) == 16, [x["key"] for x in items]
assert {x["lang"] for x in digest} == {"ru"}
# bulletins № 153 and № 154 (2019) of one series; the publication's size is not exact bytes
b = sorted((x["series_number"], x["series"]) for x in items if x["kind"] == "bulletin")
assert [n for n, _ in b] == [153, 154] and b[0][1] == b[1][1] != "", b
pub = [x for x in items if x["kind"] == "publication"][0]
assert "file_bytes" not in pub and "3,1" in pub["file_format"] + pub["note"], pub
# every item: a date, outlet, source, locator and one quote; summaries in both languages; no
# article text (body, box) and a lead of one sentence at most
for x in items:
    for col in ("key", "kind", "date", "lang", "title", "outlet", "source", "locator", "quote",
                "summary_en", "summary_ru"):
        assert str(x.get(col, "")).strip(), (x["key"], col)
    assert re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", x["date"]), x["date"]
    assert "body" not in x and "box" not in x, x["key"]
    assert len(x.get("lead", "")) < 320, x["key"]
    assert (x["date"] == "2019-12") == (x in digest), x["key"]
    # a date less precise than a day says why in the note
    assert len(x["date"]) == 10 or "Date" in x.get("note", ""), x["key"]
# the interview's questions and answers, numbered 1..6
qa = d["news_qa"]
interview = [x["key"] for x in items if x["kind"] == "interview"][0]
assert [q["position"] for q in qa] == list(range(1, 7)), qa
assert {q["item"] for q in qa} == {interview}
assert all(len(q["answer"]) < 400 for q in qa), "answers are summaries"
# the digest issue 12 of December 2019: its five masthead parts in both languages, its 15
# entries in the contents' order (sections event, interview, bulletin, publication)
(g,) = d["digests"]
assert (g["number"], g["month"], len(g["publisher"].split("|"))) == (12, "2019-12", 3), g
parts = sorted((t["part"], t["lang"]) for t in d["digest_texts"] if t["issue"] == 12)
assert parts == sorted((p, l) for p in ("about", "publications", "contacts", "resources", "call")
                       for l in ("en", "ru")), parts
contacts = [t["text"] for t in d["digest_texts"] if t["part"] == "contacts" and t["lang"] == "ru"]
assert "101000, Москва, Мясницкая ул., 11" in contacts[0] and "ruscluster@hse.ru" in contacts[0]
e = sorted(d["digest_entries"], key=lambda x: x["position"])
assert [x["position"] for x in e] == list(range(1, 16)) and {x["issue"] for x in e} == {12}
assert [x["item"] for x in e] == [x["key"] for x in digest], "entries in the contents' order"
assert e[0]["item"] == "rko-2019-12-kef-yenisei-siberia" and e[14]["item"] == pub["key"]
assert page[0]["key"] not in {x["item"] for x in e}, "the HSE page is not in the digest"
PY

# every link names a record of the bundled files, of its kind
expect_status 0 python3 - "$news" data/*.json data/development/development.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
have = {"cluster": set(), "organisation": set(), "region": set(), "programme": set()}
for f in sys.argv[2:]:
    doc = json.load(open(f, encoding="utf-8"))
    for member, kind in (("clusters", "cluster"), ("organisations", "organisation"),
                         ("regions", "region"), ("programmes", "programme")):
        have[kind] |= {r["key"] for r in doc.get(member, [])}
links = d["news_links"]
bad = [(l["item"], l["target_kind"], l["target_key"]) for l in links
       if l["target_key"] not in have[l["target_kind"]]]
assert not bad, bad
keys = {x["key"] for x in d["news"]}
assert {l["item"] for l in links} <= keys
linked = {l["item"] for l in links if l["target_kind"] == "cluster"}
# every event and the interview concern a cluster of the registry; the HSE page five of them
assert {x["key"] for x in d["news"] if x["kind"] in ("event", "interview")} <= linked
page = "hse-news-moscow-medtech-cluster"
assert sorted(l["target_key"] for l in links if l["item"] == page and
              l["target_kind"] == "cluster") == ["moscow-biotech", "moscow-composite",
                                                 "moscow-medtech", "troitsk", "zelenograd"]
amber = {(l["target_kind"], l["target_key"]) for l in links
         if l["item"] == "rko-2019-12-amber-cluster-balance"}
assert {("cluster", "kaliningrad-amber"), ("programme", "ru-industrial-cluster-registry"),
        ("region", "ru-kaliningrad")} <= amber, amber
print(len(links), "links")
PY
expect_contains "$T/out" "64 links"

# --- the import -------------------------------------------------------------------------------
"$CS" --db "$T/reg.db" init >/dev/null || fail "init"
expect_status 0 "$CS" --db "$T/reg.db" import data/*.json data/development/development.json "$news"
expect_status 0 "$CS" --db "$T/reg.db" import "$news"
expect_contains "$T/out" "imported: 0 new, 0 updated, 112 unchanged"
# exported, the news records are the file's, cell for cell
expect_status 0 "$CS" --db "$T/reg.db" export --format json -o "$T/export.json"
expect_status 0 python3 - "$news" "$T/export.json" <<'PY'
import json, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
cells = lambda rs: sorted(json.dumps({c: v for c, v in r.items() if v not in (None, "")},
                                     sort_keys=True, ensure_ascii=False) for r in rs)
for k in ("news", "news_qa", "news_links", "digests", "digest_texts", "digest_entries"):
    assert cells(a[k]) == cells(b[k]), k
PY
q() { sqlite3 "$T/reg.db" "$1"; }
check
[ "$(q "SELECT group_concat(kind || ' ' || n, ', ') FROM (SELECT kind, count(*) AS n FROM news_item
       WHERE source = 'rko-digest-2019-12' GROUP BY kind ORDER BY kind)")" = \
    "bulletin 2, event 11, interview 1, publication 1" ] || fail "news items by kind"
check
[ "$(q "SELECT count(*) || ' ' || lang FROM news_item WHERE source = 'hse-news-medtech-cluster'")" = "1 en" ] ||
    fail "the HSE page item"
check
[ "$(q "SELECT count(*) FROM news_qa")/$(q "SELECT count(*) FROM news_link")/$(q "SELECT count(*) FROM digest_text")/$(q "SELECT count(*) FROM digest_entry WHERE issue = 12")" = "6/64/10/15" ] ||
    fail "Q&A, links, texts, entries"
check
[ "$(q "SELECT month || ' ' || publisher FROM digest_issue WHERE number = 12")" = \
    "2019-12 Национальный исследовательский университет «Высшая школа экономики»|Институт статистических исследований и экономики знаний|Российская кластерная обсерватория" ] ||
    fail "the digest issue"
# every stored link resolves to a record of its kind
check
[ "$(q "SELECT count(*) FROM news_link l WHERE NOT EXISTS (
        SELECT 1 FROM cluster c WHERE l.target_kind = 'cluster' AND c.key = l.target_key
        UNION ALL SELECT 1 FROM organisation o WHERE l.target_kind = 'organisation' AND o.key = l.target_key
        UNION ALL SELECT 1 FROM region r WHERE l.target_kind = 'region' AND r.key = l.target_key
        UNION ALL SELECT 1 FROM programme p WHERE l.target_kind = 'programme' AND p.key = l.target_key)")" = 0 ] ||
    fail "a stored link does not resolve"
check
[ "$(q "SELECT item FROM digest_entry WHERE issue = 12 AND position = 12")" = "rko-2019-12-interview-mmk" ] ||
    fail "the interview's place in the digest"

# a copy with a link to a cluster the registry lacks is refused, and nothing of it is stored
python3 - "$news" "$T/broken.json" <<'PY' || fail "mutate"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["news"][0]["key"] = "broken-item"
d["news"] = d["news"][:1]
d["news_links"] = [dict(item="broken-item", target_kind="cluster", target_key="xyz")]
for k in ("news_qa", "digests", "digest_texts", "digest_entries"):
    del d[k]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
expect_status 3 "$CS" --db "$T/reg.db" import "$T/broken.json"
expect_contains "$T/err" "broken.json:"
expect_contains "$T/err" 'expected a cluster of the registry, found "xyz"'
check
[ "$(q "SELECT count(*) FROM news_item WHERE key = 'broken-item'")" = 0 ] || fail "a refused item was stored"

# --- the quotes and titles against the seeds, when they are on this machine -----------------
seeds=../shared/seeds
cat >"$T/seedcheck.py" <<'PY'
# Each item's quote and title (letters and digits, case aside) within the raw seed lines of its
# locator, and an event's «Источник:» line naming its outlet; exit 1 and the misses otherwise.
import json, os, re, sys
news, sources, seeds = sys.argv[1:4]
docs = {s["key"]: s.get("document") for s in json.load(open(sources, encoding="utf-8"))["sources"]}
norm = lambda s: "".join(c for c in s.lower() if c.isalnum())
miss = []
for x in json.load(open(news, encoding="utf-8"))["news"]:
    lines = open(os.path.join(seeds, docs[x["source"]]), encoding="utf-8").read().split("\n")
    m = re.match(r"^lines? (\d+)(?:-(\d+))?", x["locator"])
    a, b = int(m.group(1)), int(m.group(2) or m.group(1))
    span = "\n".join(lines[a - 1:b])
    for col in ("quote", "title"):
        if norm(x[col]) not in norm(span):
            miss.append(f"{x['key']}: {col} not in {x['locator']}")
    if x["kind"] in ("event", "interview") and x["source"] == "rko-digest-2019-12" and \
            f"Источник: [{x['outlet']}]" not in span:
        miss.append(f"{x['key']}: no «Источник: [{x['outlet']}]» in {x['locator']}")
print("\n".join(miss) or "all quotes at their lines")
sys.exit(1 if miss else 0)
PY
# ---- each cluster's card in the report names its news, newest first, in the report's language
for lang in en ru; do
    expect_status 0 "$CS" --db "$T/reg.db" report --lang $lang --format md -o "$T/report-$lang.md"
done
cat >"$T/cards.py" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
lang, md = sys.argv[2], open(sys.argv[3], encoding="utf-8").read()
word = {"en": "News", "ru": "Новости"}[lang]
items = {x["key"]: x for x in d["news"]}
per = {}
for l in d["news_links"]:
    if l["target_kind"] == "cluster":
        per.setdefault(l["target_key"], []).append(items[l["item"]])
bad, cards, with_news = [], 0, 0
for card in re.split(r"\n(?=### )", md):
    m = re.search(r"^(?:Key|Ключ): ([^;\n]+)", card, re.M)
    if not m:
        continue
    cards += 1
    key = m.group(1).strip()
    line = re.search(r"^" + word + r": (.*)$", card, re.M)
    # newest first, then by key, as the registry gives them
    mine = sorted(sorted(per.get(key, []), key=lambda x: x["key"]), key=lambda x: x["date"],
                  reverse=True)
    if not mine:
        if line:
            bad.append(f"{key}: a news line without news")
        continue
    with_news += 1
    if not line:
        bad.append(f"{key}: no news line")
        continue
    text = line.group(1)
    for x in mine[:3]:
        own = x["lang"] == lang
        title = x["title"] if own else x.get("title_" + lang) or x["title"]
        title = title.replace("'", "&#39;").replace('"', "&quot;")
        if f"{x['date']}, {title}" not in text or f"({x['outlet']})" not in text:
            bad.append(f"{key}: {x['key']} not shown as {x['date']}, {title} ({x['outlet']})")
    if len(mine) > 3 and str(len(mine) - 3) not in text:
        bad.append(f"{key}: the count of the rest is missing")
print("\n".join(bad) or f"{cards} cards, {with_news} with news, each right")
sys.exit(1 if bad or with_news == 0 else 0)
PY
for lang in en ru; do
    expect_status 0 python3 "$T/cards.py" "$news" $lang "$T/report-$lang.md"
    expect_contains "$T/out" "with news, each right"
done
if [ -d "$seeds" ]; then
    expect_status 0 python3 "$T/seedcheck.py" "$news" data/sources.json "$seeds"
    expect_contains "$T/out" "all quotes at their lines"
    # the check sees a quote moved out of its lines and a changed outlet
    python3 - "$news" "$T/moved.json" <<'PY' || fail "mutate"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["news"][2]["locator"] = "lines 388-401"
d["news"][3]["outlet"] = "Москва 25"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
    expect_status 1 python3 "$T/seedcheck.py" "$T/moved.json" data/sources.json "$seeds"
    expect_contains "$T/out" "rko-2019-12-amber-cluster-balance: quote not in lines 388-401"
    expect_contains "$T/out" "rko-2019-12-sobyanin-mic-support: no «Источник: [Москва 25]»"
else
    echo "skipped: the seeds ($seeds) are not on this machine, quotes not checked against them"
fi
done_checks
