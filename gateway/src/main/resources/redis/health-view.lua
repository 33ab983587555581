-- Every route's shared circuit in one round trip, for each replica's local view.
-- KEYS[i] the route hashes (see health-record.lua)
-- Returns, per key, {open (0/1), open remaining ms, retry-after remaining ms}, flattened.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {}
for _, h in ipairs(KEYS) do
  local v = redis.call('HMGET', h, 'open_until', 'retry_after_until')
  local openUntil, raUntil = tonumber(v[1] or '0'), tonumber(v[2] or '0')
  table.insert(out, openUntil > 0 and 1 or 0)
  table.insert(out, math.max(0, openUntil - now))
  table.insert(out, math.max(0, raUntil - now))
end
return out
