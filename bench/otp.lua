-- POST /api/v1/usr/otp with a fresh Iranian mobile every request.
-- Each wrk thread owns its own block of numbers: PREFIX (4 digits, e.g. 0912) + 7 digits.
-- With CODES_OUT set, every 200 answer's phone and code are appended to CODES_OUT.<thread> (setup phase).
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  prefix = os.getenv("PHONE_PREFIX") or "0912"
  local span = 10000000 / 16           -- up to 16 threads, 625,000 numbers each
  counter = tid * span
  limit = counter + span
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  local out = os.getenv("CODES_OUT")
  if out and out ~= "" then
    codes = io.open(out .. "." .. tid, "w")
  end
end

function request()
  counter = counter + 1
  if counter >= limit then counter = limit - 625000 end  -- never reached at sane rates
  local phone = string.format("%s%07d", prefix, counter)
  return wrk.format(nil, nil, nil, '{"phone_number":"' .. phone .. '"}')
end

if os.getenv("CODES_OUT") and os.getenv("CODES_OUT") ~= "" then
  function response(status, headers, body)
    if status == 200 then
      local phone = string.match(body, '"phone_number"%s*:%s*"([^"]+)"')
      local code = string.match(body, '"code"%s*:%s*"([^"]+)"')
      if phone and code then codes:write(phone, ",", code, "\n") end
    end
  end
end

function done(summary, latency, requests)
  -- nothing: the shell reads wrk's own report
end
