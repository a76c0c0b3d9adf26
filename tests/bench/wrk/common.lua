-- Shared by every scenario (loaded with dofile): counts answers by status in each wrk thread,
-- reads the bearer token and the id list the bench script prepared, and prints one summary
-- line that tests/bench/report.py reads. run.sh refuses a run with any non-2xx answer.
local M = {}

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_no", #threads)
end

-- Per thread (each wrk thread has its own Lua state).
non2xx = 0
first_bad = 0

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == 0 then first_bad = status end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    if first == 0 then first = t:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d first_bad=%d " ..
    "socket_errors=%d timeouts=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50),
    latency:percentile(99), bad, first, e.connect + e.read + e.write, e.timeout))
end

-- Lines of the file named by BENCH_IDS (empty when unset).
function M.lines(var)
  local list = {}
  local path = os.getenv(var or "BENCH_IDS")
  if path and path ~= "" then
    for line in io.lines(path) do
      if line ~= "" then table.insert(list, line) end
    end
  end
  return list
end

function M.headers()
  local h = {}
  local token = os.getenv("BENCH_TOKEN")
  if token and token ~= "" then h["Authorization"] = "Bearer " .. token end
  return h
end

-- A different random sequence in every thread.
function M.seed()
  math.randomseed(os.time() * 1000 + (thread_no or 0) * 7919)
end

return M
