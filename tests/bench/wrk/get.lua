-- GET BENCH_PATH, where "{id}" is replaced by a random line of BENCH_IDS (a referral id, a name
-- to search for); with a bearer token when BENCH_TOKEN is set.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local path = os.getenv("BENCH_PATH") or "/healthz"
local ids = common.lines("BENCH_IDS")
local headers = common.headers()
local fixed = nil

function init(args)
  common.seed()
  if not path:find("{id}", 1, true) then fixed = wrk.format("GET", path, headers) end
end

function request()
  if fixed then return fixed end
  local id = ids[math.random(#ids)]
  return wrk.format("GET", (path:gsub("{id}", id)), headers)
end
