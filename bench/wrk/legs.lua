-- wrk script for bench/run.sh's wrk cells: one leg's requests, each with a unique text (and, inbound,
-- a unique carrier uuid: the dedupe key), 10,000 contacts in turn, as bench/Bench.java does.
--   wrk -t1 -c16 -d20s -s legs.lua http://127.0.0.1:18181 -- outbound|inbound <tag>
local leg, tag, n = "outbound", "wrk", 0

function init(args)
   if args[1] then leg = args[1] end
   if args[2] then tag = args[2] end
end

function request()
   n = n + 1
   if leg == "inbound" then
      -- DIDWW's inbound-SMS webhook
      local body = string.format('{"uuid":"%s-%d","from":"1917555%04d","to":"19179050000","text":"%s-%d hi"}',
         tag, n, n % 10000, tag, n)
      return wrk.format("POST", "/webhooks/bench-didww",
         { ["Content-Type"] = "application/json", ["X-Webhook-Token"] = "bench-webhook-token-000001" }, body)
   end
   -- the platform API
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
