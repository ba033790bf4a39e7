# Memory limits of the registry commands (--max-memory; default half of the physical memory):
# import, assess and report estimate what they need before they start and refuse above the limit
# with the MiB needed and nothing done; the report leaves out only its typology, with a note in
# its language, when only the cluster analysis (quadratic in the clusters) is over it, and
# refuses a stored partition it cannot reproduce in the limit. The benchmark scripts parse.
. tests/cli/lib.sh

# 1,500 clusters with eleven facts each, all in the HSE method's scope (biomedical, with clinics):
# the typology's distances alone are 9 MB, the rest of the report about 11 MiB by its estimate
awk -v n=1500 -v dir="$T" 'BEGIN {
    print "key,title\nbench,Synthetic test data" > (dir "/sources.csv")
    print "code,name_en\nDE,Germany\nFR,France" > (dir "/countries.csv")
    print "key,name_en,country,kind,source" > (dir "/clusters.csv")
    print "subject_kind,subject,fact,year,value,status,source,locator" > (dir "/facts.csv")
    split("member_type.clinic member_type.manufacturer member_type.research_education " \
          "member_type.authority member_type.support activity.medical_services " \
          "activity.rd_biomedicine activity.manufacturing authorities_in_governance " \
          "goal.participants_development", b, " ")
    for (i = 0; i < n; i++) {
        printf "cl-%05d,Cluster %d,%s,biomedical,bench\n", i, i, (i % 2 ? "DE" : "FR") > (dir "/clusters.csv")
        printf "cluster,cl-%05d,organisation_count,,%d,stated,bench,\n", i, (i * 37) % 300 > (dir "/facts.csv")
        for (j = 1; j <= 10; j++)
            printf "cluster,cl-%05d,%s,,%s,stated,bench,\n", i, b[j],
                (j == 1 || (i * 7919 + j * 104729) % 5 < 2 ? "true" : "false") > (dir "/facts.csv")
    }
}'
db="$T/reg.db"
csvs="$T/sources.csv $T/countries.csv $T/clusters.csv $T/facts.csv"
expect_status 0 "$CS" --db "$db" init

# ---------------------------------------------------------------- import
# shellcheck disable=SC2086
expect_status 1 "$CS" --db "$db" import --max-memory 64K $csvs
expect_contains "$T/err" "importing 4 files needs about 3.1 MiB, over the memory limit of 0.1 MiB"
expect_contains "$T/err" "raise --max-memory"
expect_status 0 "$CS" --db "$db" status
expect_contains "$T/out" "clusters          0"
# shellcheck disable=SC2086
expect_status 0 "$CS" --db "$db" import --max-memory 16M $csvs
expect_status 0 "$CS" --db "$db" status
expect_contains "$T/out" "clusters          1500"
expect_status 2 "$CS" --db "$db" import --max-memory lots "$T/facts.csv"
expect_contains "$T/err" "--max-memory takes a size"

# ---------------------------------------------------------------- assess
expect_status 1 "$CS" --db "$db" assess --no-store --max-memory 1M
expect_contains "$T/err" "assessing the registry's clusters needs about 5.0 MiB, over the memory limit of 1.0 MiB"
# one cluster needs no estimate of the registry
expect_status 0 "$CS" --db "$db" assess --no-store --max-memory 1K --cluster cl-00007
expect_status 0 "$CS" --db "$db" assess --no-store --max-memory 8M --format csv -o "$T/a.csv"
expect_status 2 "$CS" --db "$db" assess --max-memory 0

# ---------------------------------------------------------------- report
# the whole report over the limit: refused, no file written
expect_status 1 "$CS" --db "$db" report --max-memory 8M -o "$T/none.html"
expect_contains "$T/err" "the report of 1500 clusters needs about 10.8 MiB, over the memory limit of 8.0 MiB"
check
[ ! -e "$T/none.html" ] || fail "a refused report wrote its file"

# only the cluster analysis over the limit: the report without its typology, and a note
expect_status 0 "$CS" --db "$db" report --max-memory 14M -o "$T/small.html"
expect_contains "$T/small.html" "<h2 id=\"typology\">Typology</h2>"
expect_contains "$T/small.html" "The typology is left out: the cluster analysis of 1,500 clusters needs about 19 MiB of memory, over the limit of 14 MiB"
expect_contains "$T/small.html" "--max-memory"
expect_contains "$T/small.html" "class=\"cs-chart cs-heatmap\""
check
! grep -q "cs-dendrogram" "$T/small.html" || fail "a typology over the limit still drew its dendrogram"
expect_status 0 "$CS" --db "$db" report --lang ru --max-memory 14M -o "$T/small-ru.html"
expect_contains "$T/small-ru.html" "Типология не включена: кластерный анализ (кластеров: 1500) требует около 19 МиБ памяти, больше предела в 14 МиБ"
expect_status 0 "$CS" --db "$db" report --format md --max-memory 14M -o "$T/small.md"
expect_contains "$T/small.md" "The typology is left out"

# within the limit (and by default): the typology is there, with no note
expect_status 0 "$CS" --db "$db" report --max-memory 40M -o "$T/full.html"
expect_contains "$T/full.html" "class=\"cs-chart cs-dendrogram\""
check
! grep -q "typology is left out" "$T/full.html" || fail "a typology within the limit was left out"
expect_status 0 "$CS" --db "$db" report -o "$T/default.html"
check
cmp -s "$T/full.html" "$T/default.html" || fail "the report within the limit differs from the default"

# a stored partition asked for by number is refused rather than left out
expect_status 0 "$CS" --db "$db" classify -o "$T/classify.txt"
expect_status 1 "$CS" --db "$db" report --partition 1 --max-memory 14M -o "$T/p.html"
expect_contains "$T/err" "the typology of partition 1 needs about 18.1 MiB, over the memory limit of 14.0 MiB"
expect_status 0 "$CS" --db "$db" report --partition 1 --max-memory 40M -o "$T/p.html"
expect_contains "$T/p.html" "class=\"cs-chart cs-dendrogram\""
expect_status 2 "$CS" --db "$db" report --max-memory 12Q

# the help names the option
expect_status 0 "$CS" help report
expect_contains "$T/out" "--max-memory SIZE"
expect_status 0 "$CS" help import
expect_contains "$T/out" "--max-memory SIZE"
expect_status 0 "$CS" help assess
expect_contains "$T/out" "--max-memory SIZE"

# ---------------------------------------------------------------- the benchmark scripts parse
for b in bench/*.sh; do
    check
    sh -n "$b" || fail "$b does not parse"
done
done_checks
