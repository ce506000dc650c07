-- POST /api/v1/usr/otp/verify with valid codes from CODES_IN ("phone,code" lines), each pair posted once.
-- Thread i of n takes lines i, i+n, i+2n, ... When a thread runs out it starts over; those repeats fail
-- (a used code) and show as non-2xx, so a too-short setup phase is visible in the results.
local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function init(args)
  local n = tonumber(os.getenv("WRK_THREADS") or "2")
  pairs_ = {}
  local i = 0
  for line in io.lines(os.getenv("CODES_IN")) do
    if i % n == tid then
      local phone, code = string.match(line, "([^,]+),(%d+)")
      if phone then
        pairs_[#pairs_ + 1] = '{"phone_number":"' .. phone .. '","code":"' .. code .. '"}'
      end
    end
    i = i + 1
  end
  idx = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  idx = idx + 1
  if idx > #pairs_ then idx = 1 end
  return wrk.format(nil, nil, nil, pairs_[idx])
end
