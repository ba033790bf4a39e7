# `clusterscope chart map|scatter|bar`: SVG with a region per state and a tile per subject, the
# CSV of the data as drawn (classes and their bounds), PNG with its signature and the width
# asked for, byte-identical reruns, atomic output that never replaces a file not ours, and bad
# input with file:line:column and exit 3.
. tests/cli/lib.sh

# PNG width and height from the IHDR chunk (bytes 17..24, big-endian)
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d x %d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

# ---------------------------------------------------------------- usage
expect_status 2 "$CS" chart
expect_contains "$T/err" "a kind of chart is required: map, scatter or bar"
expect_status 2 "$CS" chart pie "$T/x.csv"
expect_status 2 "$CS" chart map
expect_contains "$T/err" "region,value[,label]"
expect_status 2 "$CS" chart map --geography mars "$T/x.csv"
expect_contains "$T/err" "--geography takes world, us-states or ru-grid, not 'mars'"
expect_status 2 "$CS" chart map --format gif "$T/x.csv"
expect_status 2 "$CS" chart map --width 400 "$T/x.csv"
expect_contains "$T/err" "--width is for --format png"
expect_status 2 "$CS" chart bar --geography world "$T/x.csv"
expect_status 0 "$CS" chart --help
expect_contains "$T/out" "usage: clusterscope chart map|scatter|bar"
expect_status 1 "$CS" chart map "$T/missing.csv"

# ---------------------------------------------------------------- maps
cat >"$T/us.csv" <<'CSV'
region,value,label
US-CA,10,
US-TX,20,"Texas <&> ""Lone Star"""
US-NY,30,
US-WA,40,
US-FL,50,
US-DC,,
US-OR,12,
US-NV,48,
CSV
expect_status 0 "$CS" chart map --geography us-states --title "Jobs" "$T/us.csv"
cp "$T/out" "$T/us1.svg"
check
[ "$(grep -c '<path class="cs-region"' "$T/us1.svg")" -eq 51 ] || fail "expected 51 state paths"
expect_contains "$T/us1.svg" 'data-code="US-FL" data-class="5"'
expect_contains "$T/us1.svg" 'data-code="US-DC" data-class="0"'
expect_contains "$T/us1.svg" 'Texas &lt;&amp;&gt; &quot;Lone Star&quot;: 20'
expect_status 0 "$CS" chart map --geography us-states --title "Jobs" "$T/us.csv"
check
cmp -s "$T/out" "$T/us1.svg" || fail "a rerun gave other bytes"

expect_status 0 "$CS" chart map --geography us-states --format csv "$T/us.csv"
cat >"$T/us-want.csv" <<'CSV'
region,name,value,class,lower,upper
US-CA,California,10,1,10,12
US-TX,"Texas <&> ""Lone Star""",20,2,20,20
US-NY,New York,30,3,30,30
US-WA,Washington,40,4,40,40
US-FL,Florida,50,5,48,50
US-DC,District of Columbia,,,,
US-OR,Oregon,12,1,10,12
US-NV,Nevada,48,5,48,50
CSV
check
cmp -s "$T/out" "$T/us-want.csv" || { diff "$T/us-want.csv" "$T/out" >&2; fail "map CSV"; }
expect_status 0 "$CS" chart map --geography us-states --classes equal --format csv "$T/us.csv"
# breaks at 18, 26, 34, 42: Oregon (12) joins California in class 1
expect_contains "$T/out" "US-OR,Oregon,12,1,10,12"
expect_contains "$T/out" "US-TX,\"Texas <&> \"\"Lone Star\"\"\",20,2,20,20"

# the Russian grid, in Russian: a tile per subject, names and decimal commas
printf 'region,value\nRU-TA,1.5\nRU-MOW,2.25\nRU-SPE,3\nRU-CR,0.5\n' >"$T/ru.csv"
expect_status 0 "$CS" chart map --geography ru-grid --lang ru --legend "Заявки" "$T/ru.csv"
check
[ "$(grep -c '<g class="cs-region"' "$T/out")" -eq 85 ] || fail "expected 85 tiles"
expect_contains "$T/out" "Республика Татарстан: 1,50"
expect_contains "$T/out" ">нет в данных</text>"
expect_contains "$T/out" ">Заявки</text>"
expect_status 0 "$CS" chart map --geography ru-grid --lang ru --format csv "$T/ru.csv"
expect_contains "$T/out" "RU-MOW,Москва,2.25,"

# a file delimited by ';' (detected) takes decimal commas, as every reader of region data does
printf 'region;value\nRU-TA;1,5\nRU-MOW;2,25\nRU-SPE;3\nRU-CR;0,5\n' >"$T/ru-semi.csv"
expect_status 0 "$CS" chart map --geography ru-grid --format csv "$T/ru-semi.csv"
expect_contains "$T/out" "RU-TA,Republic of Tatarstan,1.5,"
expect_contains "$T/out" "RU-MOW,Moscow,2.25,"

# world by default
printf 'region,value\nDE,1\nFR,2\nRU,3\n' >"$T/w.csv"
expect_status 0 "$CS" chart map --format csv "$T/w.csv"
expect_contains "$T/out" "DE,Germany,1,1,1,"

# ---------------------------------------------------------------- PNG
expect_status 0 "$CS" chart map --geography us-states --format png --width 480 -o "$T/us.png" "$T/us.csv"
check
[ "$(od -An -tx1 -N8 "$T/us.png" | tr -d ' ')" = "89504e470d0a1a0a" ] || fail "no PNG signature"
check
[ "$(png_size "$T/us.png")" = "480 x 357" ] || fail "PNG size $(png_size "$T/us.png")"
expect_status 0 "$CS" chart map --geography us-states --format png --width 480 -o "$T/us2.png" "$T/us.csv"
check
cmp -s "$T/us.png" "$T/us2.png" || fail "the PNG differs on a rerun"
expect_status 0 "$CS" chart map --geography ru-grid --format png -o "$T/ru.png" "$T/ru.csv"
check
[ "$(png_size "$T/ru.png")" = "740 x 500" ] || fail "ru PNG size $(png_size "$T/ru.png")"

# ---------------------------------------------------------------- scatter and bar
printf 'region,x,y\nRU-TA,0.4,3\nRU-MOW,0.6,12\nRU-KGD,,2\n' >"$T/sc.csv"
expect_status 0 "$CS" chart scatter --x-label "ИКИП" --y-label "applications" "$T/sc.csv"
check
[ "$(grep -c 'class="cs-point"' "$T/out")" -eq 2 ] || fail "expected 2 points (one has no x)"
expect_contains "$T/out" 'class="cs-point-label">RU-MOW</text>'
expect_contains "$T/out" ">ИКИП</text>"
expect_status 0 "$CS" chart scatter --format csv "$T/sc.csv"
check
[ "$(cat "$T/out")" = "$(printf 'region,x,y\nRU-TA,0.4,3\nRU-MOW,0.6,12')" ] || fail "scatter CSV"
printf 'label,value\nPharma,3\nIT,2.5\nMetals,\n' >"$T/bar.csv"
expect_status 0 "$CS" chart bar --title "Kazan" "$T/bar.csv"
check
[ "$(grep -c '<rect x=.*fill="#E69F00"' "$T/out")" -eq 3 ] || fail "expected 2 bars and a legend swatch"
expect_contains "$T/out" "Pharma, value: 3"
expect_status 0 "$CS" chart bar --format png -o "$T/bar.png" "$T/bar.csv"
check
[ "$(png_size "$T/bar.png")" = "480 x 330" ] || fail "bar PNG size $(png_size "$T/bar.png")"

# ---------------------------------------------------------------- output files
printf 'keep me\n' >"$T/readonly.svg"
chmod 444 "$T/readonly.svg"
expect_status 1 "$CS" chart map --geography us-states -o "$T/readonly.svg" "$T/us.csv"
check
[ "$(cat "$T/readonly.svg")" = "keep me" ] || fail "a read-only file was replaced"
mkdir "$T/dir"
expect_status 1 "$CS" chart map -o "$T/dir" "$T/w.csv"
expect_status 0 "$CS" chart map --geography us-states --title "Jobs" -o "$T/new.svg" "$T/us.csv"
check
cmp -s "$T/new.svg" "$T/us1.svg" || fail "-o wrote other bytes than standard output"
check
[ -z "$(find "$T" -name '.*.tmp-*')" ] || fail "a temporary file was left behind"

# ---------------------------------------------------------------- bad input: file:line:column, exit 3
printf 'region,value\nUS-CA,1\nUS-XX,2\n' >"$T/b1.csv"
expect_status 3 "$CS" chart map --geography us-states "$T/b1.csv"
expect_contains "$T/err" "b1.csv:3:1: expected a code of us-states such as US-CA, found \"US-XX\""
printf 'region,value\nDE,1\nUS-CA,2\n' >"$T/b2.csv"
expect_status 3 "$CS" chart map "$T/b2.csv"
expect_contains "$T/err" "b2.csv:3:1: expected a code of world such as DE, found \"US-CA\""
printf 'region,value\nRU-TA,1\nRU-TA,2\n' >"$T/b3.csv"
expect_status 3 "$CS" chart map --geography ru-grid "$T/b3.csv"
expect_contains "$T/err" "b3.csv:3:1: expected each region once (line 2 has it), found \"RU-TA\""
printf 'region,value\nRU-TA,12abc\n' >"$T/b4.csv"
expect_status 3 "$CS" chart map --geography ru-grid "$T/b4.csv"
expect_contains "$T/err" "b4.csv:2:2: expected a number, or an empty cell for no data, found \"12abc\""
printf 'code,value\nRU-TA,1\n' >"$T/b5.csv"
expect_status 3 "$CS" chart map --geography ru-grid "$T/b5.csv"
expect_contains "$T/err" "b5.csv:1: expected the header region,value[,label]"
printf 'region,x,y\nRU-TA,1,inf\n' >"$T/b6.csv"
expect_status 3 "$CS" chart scatter "$T/b6.csv"
expect_contains "$T/err" "b6.csv:2:3: expected a number, or an empty cell for no data, found \"inf\""
printf 'label,value\n' >"$T/b7.csv"
expect_status 3 "$CS" chart bar "$T/b7.csv"
expect_contains "$T/err" "expected at least one bar"
printf 'region,value\nru-ta,1\n' >"$T/b8.csv"
expect_status 3 "$CS" chart map --geography ru-grid "$T/b8.csv"
expect_contains "$T/err" "b8.csv:2:1: expected a code of ru-grid such as RU-TA, found \"ru-ta\""
done_checks
