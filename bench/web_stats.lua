-- wrk script of bench/web.sh for the read runs: only done(), so that wrk keeps its fast path (no
-- Lua call per request or response); prints one line bench/web.sh reads. `status` counts the
-- answers wrk calls errors (status 400 and above); bench/web.sh checks beforehand with curl that
-- each address answers 200, so a 3xx cannot pass unseen either.
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "WRKSTATS requests=%d duration_us=%d p50_us=%d p99_us=%d status=%d connect=%d read=%d write=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        e.status, e.connect, e.read, e.write, e.timeout))
end
