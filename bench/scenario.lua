-- One benchmark scenario for wrk: replays the requests of a file written by bench/prepare.py
-- (method, path, token, body per line, tab-separated), and prints the figures bench/run reads.
--
--   wrk -t2 -c16 -d15s -s bench/scenario.lua http://127.0.0.1:PORT -- FILE shared|split THREADS
--
-- shared: every thread cycles through all the lines; split: the lines are dealt out between
-- the THREADS threads (bookings: each slot is requested once).
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local file, mode, total = args[1], args[2] or "shared", tonumber(args[3] or "1")
  reqs, next_req, non2xx, statuses = {}, 1, 0, {}
  local i = 0
  for line in io.lines(file) do
    if mode ~= "split" or i % total == id - 1 then
      local method, path, token, body = line:match("^(%S+)\t(%S+)\t(%S*)\t(.*)$")
      local headers = { ["Accept"] = "application/json" }
      if token ~= "" then headers["Authorization"] = "Bearer " .. token end
      if body == "" then
        body = nil
      else
        headers["Content-Type"] = "application/json"
      end
      table.insert(reqs, wrk.format(method, path, headers, body))
    end
    i = i + 1
  end
  if #reqs == 0 then error("no requests for thread " .. id .. " in " .. file) end
end

function request()
  local req = reqs[next_req]
  next_req = next_req % #reqs + 1
  return req
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
  end
end

function done(summary, latency, requests)
  local bad, seen = 0, {}
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    for status, n in pairs(thread:get("statuses")) do seen[status] = (seen[status] or 0) + n end
  end
  local codes = {}
  for status, n in pairs(seen) do table.insert(codes, string.format('"%s": %d', status, n)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"non2xx": %d, "socket_errors": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), bad, e.connect + e.read + e.write + e.timeout, table.concat(codes, ", ")))
end
