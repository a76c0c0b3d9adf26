-- POST /api/v1/referrals: a ~600-byte referral from a random case of BENCH_IDS (each with a
-- consent covering every organisation of BENCH_ORGS and every category) to a random
-- organisation, so that every request is valid and creates a durable, audited referral.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local cases = common.lines("BENCH_IDS")
local orgs = common.lines("BENCH_ORGS")
local headers = common.headers()
headers["Content-Type"] = "application/json"
local categories = {"shelter", "documentation", "employment", "health", "mental_health", "food",
                    "legal_aid", "education", "language", "financial_services", "protection",
                    "housing"}
local urgencies = {"normal", "normal", "high", "emergency"}
-- A reason as a caseworker writes one; it brings the body to about 600 bytes.
local reason = "Family of four arrived last week and is staying with relatives in one room; " ..
  "the mother asks for help with the documents for the children's school enrolment and a " ..
  "place to stay while the asylum request is processed. She speaks Spanish only. " ..
  "Two of the children are under five and one has asthma. Call in the morning."

function init(args)
  common.seed()
end

function request()
  local body = string.format(
    '{"case_id":"%s","to_organization_id":"%s","category":"%s","urgency":"%s",' ..
    '"reason":"%s","shared_fields":["given_name","family_name","birth_date","sex",' ..
    '"nationality","languages","needs"],"status":"requested"}',
    cases[math.random(#cases)], orgs[math.random(#orgs)],
    categories[math.random(#categories)], urgencies[math.random(#urgencies)], reason)
  return wrk.format("POST", "/api/v1/referrals", headers, body)
end
