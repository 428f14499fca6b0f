-- Prepended to every scenario by bench/load/wrk.ts, so the scenario shares its locals. wrk gives each thread a
-- Lua state of its own: the data and the round-robin counters are per thread.
local data
local counters = {}

function init(args)
  data = dofile(args[1])
end

-- The next item of one of the seeded lists, round robin per list.
local function next_of(name)
  local list = data[name]
  counters[name] = (counters[name] or 0) % #list + 1
  return list[counters[name]]
end

local json = { ["Content-Type"] = "application/json" }

local function bearer(token, headers)
  local all = { Authorization = "Bearer " .. token }
  for k, v in pairs(headers or {}) do all[k] = v end
  return all
end

-- One machine-readable line for bench/load/wrk.ts. wrk counts a reply of status 400 or above in errors.status.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nWRK_RESULT {"requests":%d,"durationUs":%d,"non2xx":%d,"socketErrors":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
