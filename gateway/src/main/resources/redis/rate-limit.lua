-- A sliding one-minute window per caller key, shared by every replica: exact, so N requests
-- per minute across any number of replicas let at most N through. Times are Redis's own.
-- KEYS[1] the caller's sorted set (score = time ms, member = unique request id)
-- ARGV[1] limit per minute, ARGV[2] window ms, ARGV[3] a unique id for this request
-- Returns 0 when admitted, else the ms until the oldest request in the window leaves it.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
