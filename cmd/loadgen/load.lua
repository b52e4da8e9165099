-- wrk script for cmd/loadgen (wrk.go). Each thread reads its own file of
-- pre-signed HTTP requests and sends each request once; response() counts
-- every answer that is not 200 with a TwiML <Response> that says something
-- (an empty one is a text past a rate limit or the cap), or that is an apology,
-- a lost place or a place not found; done() prints one line of figures,
-- with the whole latency histogram, for loadgen to merge over rounds.
--
--   wrk -t 2 -c 32 -d 5s -s load.lua URL -- webhooks FILE-PREFIX
--   wrk -t 2 -c 32 -d 5s -s load.lua URL -- healthz

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local reqs, n, i = {}, 0, 0
local healthz = false
bad, reused, firstbad = 0, 0, ""

function init(args)
  if args[1] == "healthz" then
    healthz = true
    wrk.method = "GET"
    wrk.path = "/healthz"
    return
  end
  local f = assert(io.open(args[2] .. "." .. id, "rb"))
  local data = f:read("*a")
  f:close()
  -- Each record: its length in bytes, a newline, then the request itself.
  local pos = 1
  while pos <= #data do
    local nl = data:find("\n", pos, true)
    local len = tonumber(data:sub(pos, nl - 1))
    n = n + 1
    reqs[n] = data:sub(nl + 1, nl + len)
    pos = nl + len + 1
  end
end

function request()
  if healthz then
    return wrk.format()
  end
  i = i + 1
  if i > n then
    -- Out of requests signed beforehand: sending one again would be a
    -- replay, answered from the replay guard's cache, so it is counted.
    i = 1
    reused = reused + 1
  end
  return reqs[i]
end

local markers = {"something has gone wrong", "something went wrong", "lost my place", "find that place"}

function response(status, headers, body)
  local why = nil
  if status ~= 200 then
    why = "status " .. status
  elseif not healthz then
    if not body:find("<Response", 1, true) then
      why = "no TwiML <Response>"
    elseif not (body:find("<Message", 1, true) or body:find("<Say", 1, true) or body:find("<Play", 1, true)) then
      -- An empty answer: what a text past a rate limit or the global cap
      -- gets, without a search. Such figures would flatter the line.
      why = "an answer that says nothing"
    else
      for _, m in ipairs(markers) do
        if body:find(m, 1, true) then
          why = "the answer says " .. m
          break
        end
      end
    end
  end
  if why then
    bad = bad + 1
    if firstbad == "" then firstbad = why end
  end
end

function done(summary, latency, requests)
  local b, r, fb = 0, 0, ""
  for _, t in ipairs(threads) do
    b = b + t:get("bad")
    r = r + t:get("reused")
    if fb == "" then fb = t:get("firstbad") end
  end
  local e = summary.errors
  io.write(string.format("loadgen-wrk requests=%d duration_us=%d bad=%d reused=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, b, r, e.connect, e.read, e.write, e.status, e.timeout))
  io.write("loadgen-wrk-firstbad " .. fb .. "\n")
  local parts = {}
  for j = 1, #latency do
    local v, c = latency(j)
    parts[#parts + 1] = string.format("%d:%d", v, c)
  end
  io.write("loadgen-wrk-latency " .. table.concat(parts, ",") .. "\n")
end
