-- wrk script, inbound leg: DIDWW's inbound-SMS webhook, a unique uuid (the carrier's dedupe key)
-- and text per request, 10,000 contacts in turn, as bench/Bench.java does.
-- usage: wrk -t1 -c16 -d20s -s inbound.lua http://127.0.0.1:18181 -- <tag>
local tag, n = "wrk", 0

function init(args)
   if args[1] then tag = args[1] end
end

function request()
   n = n + 1
   local body = string.format('{"uuid":"%s-%d","from":"1917555%04d","to":"19179050000","text":"%s-%d hi"}',
      tag, n, n % 10000, tag, n)
   return wrk.format("POST", "/webhooks/bench-didww",
      { ["Content-Type"] = "application/json", ["X-Webhook-Token"] = "bench-webhook-token-000001" }, body)
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("WRKSUM requests=%d duration_us=%d non2xx=%d errors=%d p50_us=%d p99_us=%d\n",
      summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
      latency:percentile(50), latency:percentile(99)))
end
