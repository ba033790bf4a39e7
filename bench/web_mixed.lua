-- wrk script of bench/web.sh's mixed run: every 20th request of a connection's thread is a write
-- (POST /api/v1/facts, the editor's token from WEB_BENCH_TOKEN), the others are reads of the
-- pages and JSON a visitor asks for. Each write sets the fact `startups` of the cluster
-- bench-subject to a value no other request uses (thread number * 10^8 + the thread's request
-- number), so that each one must make its own revision. Every write is logged to
-- WEB_BENCH_LOG.N (N: the thread), one line each, flushed at once: "S VALUE" when sent,
-- "A REVISION" when acknowledged (2xx, with the revision's id from the answer), "E STATUS BODY"
-- for any answer not 2xx (read or write). done() prints one MIXSTATS line; bench/web.sh checks the log against the
-- registry's history.
local threads = {}
local next_id = 1

setup = function(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

local reads = {
    "/en/clusters/medicon-valley",
    "/api/v1/clusters/medicon-valley",
    "/en/",
    "/api/v1/clusters",
    "/ru/clusters/bench-subject",
    "/api/v1/clusters/bench-subject/history?limit=5",
}

init = function(args)
    n = 0
    writes, acked, errors = 0, 0, 0
    log = assert(io.open(os.getenv("WEB_BENCH_LOG") .. "." .. id, "w"))
    log:setvbuf("line")
    token = os.getenv("WEB_BENCH_TOKEN")
end

request = function()
    n = n + 1
    if n % 20 == 0 then
        local value = id * 100000000 + n
        writes = writes + 1
        log:write("S ", value, "\n")
        return wrk.format("POST", "/api/v1/facts", {
            ["Authorization"] = "Bearer " .. token,
            ["Content-Type"] = "application/json",
        }, string.format('{"subject_kind": "cluster", "subject": "bench-subject", "fact": "startups", ' ..
            '"year": 2020, "value": "%d", "source": "hse-2019", "locator": "bench/web.sh", ' ..
            '"status": "stated"}', value))
    end
    return wrk.format("GET", reads[n % #reads + 1])
end

-- a write's answer is small JSON naming its revision; reads are large pages or lists
response = function(status, headers, body)
    if status < 200 or status >= 300 then
        errors = errors + 1
        log:write("E ", status, " ", (body:sub(1, 300):gsub("%s+", " ")), "\n")
    elseif #body < 4096 then
        local rev = body:match('"revision[_id]*"%s*:%s*(%d+)')
        if rev then
            acked = acked + 1
            log:write("A ", rev, "\n")
        end
    end
end

done = function(summary, latency, requests)
    local w, a, errs = 0, 0, 0
    for _, t in ipairs(threads) do
        w = w + t:get("writes")
        a = a + t:get("acked")
        errs = errs + t:get("errors")
    end
    local e = summary.errors
    io.write(string.format(
        "MIXSTATS requests=%d duration_us=%d p50_us=%d p99_us=%d writes=%d acked=%d status=%d connect=%d read=%d write=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), w, a,
        errs, e.connect, e.read, e.write, e.timeout))
end
