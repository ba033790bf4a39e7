# network against python3-igraph, an independent implementation (its own Python build of the
# measures, given the test's own link list, not the command's edges): a random cooperation
# network of 200 organisations (seeded, with isolated members, parallel links of several kinds
# and supply links both ways), undirected and directed; degree, in- and out-degree,
# betweenness, density, components (as a partition) and isolated members must agree. Skipped
# when python3-igraph is missing (scripts/deps.sh test installs it).
. tests/cli/lib.sh
PY=/usr/bin/python3
if ! "$PY" -c 'import igraph' 2>/dev/null; then
    echo "skipped: python3-igraph is not installed (scripts/deps.sh test)"
    exit 0
fi
db="$T/net.db"

"$PY" - "$T" <<'PY' || fail "generating the random network"
import random, sys
t = sys.argv[1]
rng = random.Random(20261204)
n = 200
orgs = ["o%03d" % i for i in range(n)]
kinds = ["supply", "joint_project", "shared_infrastructure", "research", "other"]
with open(t + "/sources.csv", "w") as f:
    f.write("key,title\nsrc,Random network of the test\n")
with open(t + "/countries.csv", "w") as f:
    f.write("code,name_en\nRU,Russia\n")
with open(t + "/clusters.csv", "w") as f:
    f.write("key,name_en,country,kind,source\nrand,Random cluster,RU,industrial,src\n")
with open(t + "/organisations.csv", "w") as f:
    f.write("key,name,type,source\n")
    for o in orgs:
        f.write("%s,Org %s,manufacturer,src\n" % (o, o))
with open(t + "/memberships.csv", "w") as f:
    f.write("cluster,organisation,role,source\n")
    for o in orgs:
        f.write("rand,%s,member,src\n" % o)
links = set()
# the last 12 organisations stay isolated; the rest get about 2 links each
while len(links) < 420:
    a, b = rng.randrange(n - 12), rng.randrange(n - 12)
    if a == b:
        continue
    links.add((orgs[a], orgs[b], rng.choice(kinds)))
with open(t + "/links.csv", "w") as f:
    f.write("cluster,source_org,target_org,kind,source\n")
    for a, b, k in sorted(links):
        f.write("rand,%s,%s,%s,src\n" % (a, b, k))
PY
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import "$T/sources.csv" "$T/countries.csv" "$T/clusters.csv" \
    "$T/organisations.csv" "$T/memberships.csv" "$T/links.csv"
expect_contains "$T/out" "links                  420 new"
expect_status 0 "$CS" --db "$db" network --cluster rand --format json -o "$T/u.json"
expect_status 0 "$CS" --db "$db" network --cluster rand --directed --format json -o "$T/d.json"
check
"$PY" - "$T" <<'PY' || fail "network differs from python3-igraph"
import csv, json, sys
import igraph
t = sys.argv[1]
orgs = [r["key"] for r in csv.DictReader(open(t + "/organisations.csv"))]
index = {o: i for i, o in enumerate(orgs)}
links = list(csv.DictReader(open(t + "/links.csv")))

def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))

def compare(path, directed):
    d = json.load(open(path))
    if directed:
        arcs = set()
        for l in links:
            a, b = index[l["source_org"]], index[l["target_org"]]
            arcs.add((a, b))
            if l["kind"] != "supply":
                arcs.add((b, a))
        edges = sorted(arcs)
    else:
        edges = sorted({tuple(sorted((index[l["source_org"]], index[l["target_org"]]))) for l in links})
    g = igraph.Graph(n=len(orgs), edges=edges, directed=directed)
    assert d["vertices"] == g.vcount(), (d["vertices"], g.vcount())
    assert d["edges"] == g.ecount(), (d["edges"], g.ecount())
    assert close(d["density"], g.density()), (d["density"], g.density())
    comps = g.connected_components(mode="weak")
    assert d["components"] == len(comps), (d["components"], len(comps))
    assert d["largest_component"] == max(len(c) for c in comps)
    deg = g.degree()
    assert d["isolated"] == sum(1 for x in deg if x == 0)
    bw = g.betweenness(directed=directed)
    n = g.vcount()
    scale = (1.0 if directed else 2.0) / ((n - 1) * (n - 2))
    ind, outd = g.indegree(), g.outdegree()
    ours = {v["organisation"]: v for v in d["organisations"]}
    assert len(ours) == n
    # components as partitions: the same sets of organisations
    theirs = sorted(sorted(orgs[i] for i in c) for c in comps)
    mine = {}
    for o, v in ours.items():
        mine.setdefault(v["component"], []).append(o)
    assert sorted(sorted(c) for c in mine.values()) == theirs
    for o, v in ours.items():
        i = index[o]
        assert v["degree"] == deg[i], (o, v["degree"], deg[i])
        if directed:
            assert (v["in_degree"], v["out_degree"]) == (ind[i], outd[i]), o
        assert close(v["betweenness"], bw[i]), (o, v["betweenness"], bw[i])
        assert close(v["betweenness_normalised"], bw[i] * scale), o
    # the graph is not trivial: the comparison can fail
    assert max(bw) > 100 and max(deg) >= 6 and d["isolated"] >= 12, (max(bw), max(deg))
    print("%s: %d vertices, %d edges, %d components agree" % (path, n, g.ecount(), len(comps)))

compare(t + "/u.json", False)
compare(t + "/d.json", True)
PY
done_checks
