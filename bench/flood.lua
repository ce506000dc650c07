-- POST /api/v1/usr/otp for ONE phone number, from every connection: after the phone's first codes
-- (Otp:MaxSendsPerWindow) each request is refused with 429, and every one of them still passes through the
-- writer (the limit is checked in the write's transaction), one per round. FLOOD_PHONE sets the number.
-- done() prints the answers by status ("flood statuses: 200=… 429=… 503=… other=…") for bench.py.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"phone_number":"' .. (os.getenv("FLOOD_PHONE") or "09170000000") .. '"}'
  ok, limited, busy, other = 0, 0, 0, 0
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1
  elseif status == 429 then limited = limited + 1
  elseif status == 503 then busy = busy + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local t = {0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    t[1] = t[1] + thread:get("ok"); t[2] = t[2] + thread:get("limited")
    t[3] = t[3] + thread:get("busy"); t[4] = t[4] + thread:get("other")
  end
  io.write(string.format("flood statuses: 200=%d 429=%d 503=%d other=%d\n", t[1], t[2], t[3], t[4]))
end
