-- wrk script, outbound leg: POST /api/v1/messages (the platform API), a unique text per request
-- and 10,000 contacts in turn, as bench/Bench.java does.
-- usage: wrk -t1 -c16 -d20s -s outbound.lua http://127.0.0.1:18181 -- <tag>
local tag, n = "wrk", 0

function init(args)
   if args[1] then tag = args[1] end
end

function request()
   n = n + 1
   local body = string.format('{"from":"+19179050000","to":"+1917555%04d","extension":"101",' ..
      '"domain":"bench.example","content":"%s-%d hello"}', n % 10000, tag, n)
   return wrk.format("POST", "/api/v1/messages",
      { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer bench-api-key-0000000001" }, body)
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("WRKSUM requests=%d duration_us=%d non2xx=%d errors=%d p50_us=%d p99_us=%d\n",
      summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
      latency:percentile(50), latency:percentile(99)))
end
