# clusterscope digest (issue 15) on tests/data/news/digest.json: HTML in both languages (the
# layout's parts, self-contained, the same bytes twice), Atom (valid XML by xmllint, stable
# ids, the items' dates), PDF in both languages (the same bytes twice; its contents' page
# numbers checked against the pages' text by pdftotext, on a long generated issue whose items
# fall on many pages, and the checker failing a PDF whose numbers are wrong), and the bad
# inputs with their messages and exit codes, nothing replaced at an output path that is not ours.
. tests/cli/lib.sh

db="$T/n.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import tests/data/news/digest.json

# ---------------------------------------------------------------- HTML
for lang in en ru; do
    expect_status 0 "$CS" --db "$db" digest --issue 12 --month 2019-12 --lang "$lang" -o "$T/d-$lang.html"
    [ ! -s "$T/out" ] || fail "digest -o wrote to standard output"
    check
    # self-contained: nothing to fetch, no script
    grep -Eiq '<(script|link|img|iframe|object|embed)\b|url\(|@import|src=' "$T/d-$lang.html" &&
        fail "the $lang digest refers to something outside it"
    check
    expect_contains "$T/d-$lang.html" "@page{size:A4"
    expect_contains "$T/d-$lang.html" '<a href="#item-7">'
    expect_contains "$T/d-$lang.html" 'id="item-7"'
    # the same bytes again, through standard output
    expect_status 0 "$CS" --db "$db" digest --issue 12 --lang "$lang"
    cmp -s "$T/out" "$T/d-$lang.html" || fail "the $lang digest differs between two runs"
    check
done
expect_contains "$T/d-ru.html" "Выпуск №12 &#9632; декабрь 2019 г."
expect_contains "$T/d-ru.html" "<h2>События</h2>"
expect_contains "$T/d-ru.html" "Скачать файл (PDF 3,1 Мб)"
expect_contains "$T/d-ru.html" "№ 153 (2019)"
expect_contains "$T/d-en.html" "Issue 12 &#9632; December 2019"
expect_contains "$T/d-en.html" "<h2>Events</h2>"
expect_contains "$T/d-en.html" "Download the file (PDF 3.1 MB)"
expect_contains "$T/d-en.html" "(in Russian)"
# the sections in the kinds' order, whatever the entries' order
order=$(grep -o '<section class="kind kind-[a-z]*"' "$T/d-en.html" | sed 's/.*kind-//; s/"//' | tr '\n' ' ')
[ "$order" = "event interview bulletin publication announcement " ] || fail "sections in the order: $order"
check
if command -v tidy >/dev/null 2>&1; then
    tidy -q -e "$T/d-ru.html" >"$T/tidy" 2>&1
    grep -q "Error:" "$T/tidy" && { cat "$T/tidy"; fail "tidy finds errors in the digest"; }
    check
fi

# an issue the registry does not hold, made of the month's news
expect_status 0 "$CS" --db "$db" digest --issue 13 --month 2019-12 -o "$T/d13.html"
expect_contains "$T/d13.html" "Issue 13 is not in the registry"
expect_contains "$T/d13.html" 'data-key="late-dec"'

# ---------------------------------------------------------------- Atom
command -v xmllint >/dev/null 2>&1 || fail "xmllint is missing (libxml2-utils)"
for lang in en ru; do
    expect_status 0 "$CS" --db "$db" digest --issue 12 --format atom --lang "$lang" -o "$T/a-$lang.xml"
    xmllint --noout "$T/a-$lang.xml" 2>"$T/xmlerr" || { cat "$T/xmlerr"; fail "the $lang feed is not XML"; }
    check
done
n=$(xmllint --xpath "count(//*[local-name()='entry'])" "$T/a-en.xml")
[ "$n" = 7 ] || fail "the issue's feed has $n entries, expected 7"
check
ids=$(xmllint --xpath "//*[local-name()='entry']/*[local-name()='id']/text()" "$T/a-en.xml" | sort | uniq -d)
[ -z "$ids" ] || fail "an id twice in the feed: $ids"
check
expect_contains "$T/a-en.xml" "<id>urn:clusterscope:news:amber-trap</id>"
expect_contains "$T/a-en.xml" "<updated>2019-12-25T00:00:00Z</updated>"
# without an issue: the latest items, newest first; a month's
expect_status 0 "$CS" --db "$db" digest --format atom --limit 2
xmllint --noout "$T/out" || fail "the news feed is not XML"
n=$(xmllint --xpath "count(//*[local-name()='entry'])" "$T/out")
[ "$n" = 2 ] || fail "--limit 2 gave $n entries"
check
expect_contains "$T/out" "<id>urn:clusterscope:news</id>"
expect_contains "$T/out" "<id>urn:clusterscope:news:jan-item</id>"
expect_status 0 "$CS" --db "$db" digest --format atom --month 2020-01
n=$(xmllint --xpath "count(//*[local-name()='entry'])" "$T/out")
[ "$n" = 1 ] || fail "the feed of 2020-01 has $n entries, expected 1"
check

# ---------------------------------------------------------------- bad input
expect_status 3 "$CS" --db "$db" digest --issue 99
expect_contains "$T/err" "no digest issue 99 in the registry"
expect_status 3 "$CS" --db "$db" digest --issue 99 --month 2018-05
expect_contains "$T/err" "the registry has no news item dated in 2018-05"
expect_status 2 "$CS" --db "$db" digest --issue 12 --month 2019-13
expect_contains "$T/err" "character 6: expected a month from 01 to 12, found '13'"
expect_status 2 "$CS" --db "$db" digest --issue 12 --month 2019/12
expect_contains "$T/err" "character 5: expected '-', found '/'"
expect_status 2 "$CS" --db "$db" digest --issue 12 --month 2020-01
expect_contains "$T/err" "digest issue 12 is of 2019-12, not of 2020-01"
expect_status 2 "$CS" --db "$db" digest --month 2019-12
expect_contains "$T/err" "needs --issue N"
expect_status 2 "$CS" --db "$db" digest --issue 0
expect_status 2 "$CS" --db "$db" digest --issue 12 --format docx
expect_status 2 "$CS" --db "$db" digest --issue 12 --format pdf
expect_contains "$T/err" "--format pdf needs -o FILE"
expect_status 2 "$CS" --db "$db" digest --issue 12 --lang de
expect_status 1 "$CS" --db "$db" digest --issue 12 -o "$T/no/such/folder/d.html"
expect_contains "$T/err" "$T/no/such/folder"
# the registry itself is no output file
expect_status 2 "$CS" --db "$db" digest --issue 12 -o "$db"
# a file that is not ours (read-only) is left as it was, and so is one a failed run would write
printf 'keep me\n' >"$T/ro.html"
chmod 444 "$T/ro.html"
expect_status 1 "$CS" --db "$db" digest --issue 12 -o "$T/ro.html"
[ "$(cat "$T/ro.html")" = "keep me" ] || fail "a read-only file was replaced"
check
printf 'keep me\n' >"$T/old.html"
expect_status 3 "$CS" --db "$db" digest --issue 99 -o "$T/old.html"
[ "$(cat "$T/old.html")" = "keep me" ] || fail "a failed digest replaced its output file"
check
# a PDF without Chromium: a clear message, nothing written
CHROMIUM="$T/no-chromium" expect_status 1 "$CS" --db "$db" digest --issue 12 --format pdf -o "$T/x.pdf"
expect_contains "$T/err" "CHROMIUM names '$T/no-chromium'"
[ ! -e "$T/x.pdf" ] || fail "a PDF was written without Chromium"
check
cs_abs=$(cd "$(dirname "$CS")" && pwd)/$(basename "$CS")
PATH="$T/empty-path" expect_status 1 "$cs_abs" --db "$db" digest --issue 12 --format pdf -o "$T/x.pdf"
expect_contains "$T/err" "no chromium is on PATH"
check

# ---------------------------------------------------------------- PDF
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    echo "chromium or pdftotext (poppler-utils) missing: the PDF checks are skipped"
    done_checks
    exit 0
fi
for lang in en ru; do
    expect_status 0 "$CS" --db "$db" digest --issue 12 --lang "$lang" --format pdf -o "$T/d-$lang.pdf"
    head -c 5 "$T/d-$lang.pdf" | grep -q '%PDF-' || fail "the $lang PDF is no PDF"
    check
    python3 tests/cli/digest_pdf_contents.py "$T/d-$lang.pdf" "$T/d-$lang.html" >"$T/toc" 2>&1 ||
        { cat "$T/toc"; fail "the $lang PDF's contents do not match its pages"; }
    check
done
expect_contains "$T/toc" "7 entries"
pdftotext "$T/d-ru.pdf" "$T/d-ru.txt"
expect_contains "$T/d-ru.txt" "ТЕРРИТОРИАЛЬНЫЕ"
expect_contains "$T/d-ru.txt" "Выпуск №12"
expect_contains "$T/d-ru.txt" "Источник: REGNUM"
# the same registry, the same bytes
expect_status 0 "$CS" --db "$db" digest --issue 12 --lang ru --format pdf -o "$T/d-ru-2.pdf"
cmp -s "$T/d-ru.pdf" "$T/d-ru-2.pdf" || fail "two PDFs of the same issue differ"
check

# a long issue: 14 events of 1 to 9 paragraphs, so items start on many pages, some two to a page
python3 - "$T/long.json" <<'PY'
import json, sys
par = ("Кластер объединяет предприятия, университеты и органы власти региона; "
       "участники совместно развивают производство и выводят продукцию на новые рынки. ") * 3
items, entries = [], []
for i in range(14):
    n = 1 + (i * 5) % 9
    items.append({"key": f"long-{i:02d}", "kind": "event" if i < 12 else "publication",
                  "date": f"2021-03-{i + 1:02d}", "lang": "ru",
                  "title": f"Событие номер {i + 1} в длинном выпуске",
                  "lead": "Вводка." if i % 2 else None,
                  "body": "\n\n".join([par] * n), "outlet": "Тест", "source": "long"})
    entries.append({"issue": 40, "position": 14 - i, "item": f"long-{i:02d}"})
for it in items:
    if it["lead"] is None:
        del it["lead"]
json.dump({"format": "clusterscope-registry", "sources": [{"key": "long", "title": "Long"}],
           "news": items, "digests": [{"number": 40, "month": "2021-03", "publisher": "РКО"}],
           "digest_entries": entries}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
expect_status 0 "$CS" --db "$db" import "$T/long.json"
expect_status 0 "$CS" --db "$db" digest --issue 40 --lang ru -o "$T/long.html"
expect_status 0 "$CS" --db "$db" digest --issue 40 --lang ru --format pdf -o "$T/long.pdf"
python3 tests/cli/digest_pdf_contents.py "$T/long.pdf" "$T/long.html" >"$T/toc" 2>&1 ||
    { cat "$T/toc"; fail "the long PDF's contents do not match its pages"; }
check
pages=$(sed -n 's/.*contents say page \([0-9]*\),.*/\1/p' "$T/toc" | sort -un | wc -l)
[ "$pages" -ge 6 ] || { cat "$T/toc"; fail "the long issue's items start on only $pages pages"; }
check

# the checker fails a PDF whose contents are wrong: the digest's HTML with every number 9
sed 's|<span class="pg">[0-9]*</span>|<span class="pg">9</span>|g' "$T/long.html" >"$T/wrong.html"
sed -i 's|<a href="#item-\([0-9]*\)">\([^<]*\)</a></li>|<a href="#item-\1">\2</a><span class="pg">9</span></li>|' "$T/wrong.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$T/profile" \
    --print-to-pdf="$T/wrong.pdf" "file://$T/wrong.html" >/dev/null 2>&1 || fail "chromium could not print"
python3 tests/cli/digest_pdf_contents.py "$T/wrong.pdf" "$T/wrong.html" >"$T/toc" 2>&1 &&
    { cat "$T/toc"; fail "the checker passed a PDF with wrong page numbers"; }
check
expect_contains "$T/toc" "FAIL"
done_checks
