-- Records one call's outcome for a route, shared by every replica, and decides its circuit
-- with the rules of LocalRouteHealth. Times come from Redis's own clock (TIME), and the
-- answer is in remaining milliseconds, so replicas whose clocks disagree still agree on
-- how long a route stays out.
-- KEYS[1] the route's hash (consecutive, open_until, retry_after_until)
-- KEYS[2] the route's recent calls (sorted set: score = time, member = id..':f' or ':s')
-- ARGV[1] '1' failed / '0' succeeded, ARGV[2] '1' when the key was rejected (opens at once),
-- ARGV[3] Retry-After ms (0: none), ARGV[4] consecutive failures that open,
-- ARGV[5] window calls, ARGV[6] window ms, ARGV[7] min calls, ARGV[8] failure rate,
-- ARGV[9] open-for ms, ARGV[10] a unique id for this call
-- Returns {open (0/1), open remaining ms, retry-after remaining ms, consecutive, calls}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local h, calls = KEYS[1], KEYS[2]
local failed = ARGV[1] == '1'
local openUntil = tonumber(redis.call('HGET', h, 'open_until') or '0')
local raUntil = tonumber(redis.call('HGET', h, 'retry_after_until') or '0')
local windowCalls, windowMs = tonumber(ARGV[5]), tonumber(ARGV[6])
local consecutive = 0
if failed then
  consecutive = redis.call('HINCRBY', h, 'consecutive', 1)
else
  redis.call('HSET', h, 'consecutive', 0)
  if openUntil > 0 then
    -- A fresh start: the failures that opened the circuit would re-open it on the next blip.
    openUntil = 0
    redis.call('HDEL', h, 'open_until')
    redis.call('DEL', calls)
  end
end
redis.call('ZADD', calls, now, ARGV[10] .. (failed and ':f' or ':s'))
redis.call('ZREMRANGEBYSCORE', calls, '-inf', '(' .. (now - windowMs))
local n = redis.call('ZCARD', calls)
if n > windowCalls then
  redis.call('ZREMRANGEBYRANK', calls, 0, n - windowCalls - 1)
  n = windowCalls
end
if failed then
  local ra = tonumber(ARGV[3])
  if ra > 0 and now + ra > raUntil then
    raUntil = now + ra
    redis.call('HSET', h, 'retry_after_until', raUntil)
  end
  if openUntil > 0 then
    -- Open: a failure after the cooldown is the probe failing (reopen); before it, it changes nothing.
    if now >= openUntil then
      openUntil = now + tonumber(ARGV[9])
      redis.call('HSET', h, 'open_until', openUntil)
    end
  else
    local trips = ARGV[2] == '1' or consecutive >= tonumber(ARGV[4])
    if not trips and n >= tonumber(ARGV[7]) then
      local fails = 0
      for _, m in ipairs(redis.call('ZRANGE', calls, 0, -1)) do
        if string.sub(m, -2) == ':f' then fails = fails + 1 end
      end
      trips = fails >= tonumber(ARGV[8]) * n
    end
    if trips then
      openUntil = now + tonumber(ARGV[9])
      redis.call('HSET', h, 'open_until', openUntil)
    end
  end
end
local keep = math.max(windowMs, openUntil - now, raUntil - now) + 60000
redis.call('PEXPIRE', h, keep)
redis.call('PEXPIRE', calls, keep)
return {openUntil > 0 and 1 or 0, math.max(0, openUntil - now), math.max(0, raUntil - now), consecutive, n}
