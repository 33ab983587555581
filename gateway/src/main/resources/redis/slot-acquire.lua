-- Takes one of a route's concurrency slots, shared by every replica. A slot is a lease: its
-- holder renews it while the call runs; a replica that dies stops renewing and the slot
-- frees itself when the lease runs out. Times are Redis's own.
-- KEYS[1] the route's slots (sorted set: member = lease id, score = lease end ms)
-- ARGV[1] max slots, ARGV[2] lease ms, ARGV[3] lease id,
-- ARGV[4] 'take' (a new lease when one is free) or 'renew' (extend a held lease)
-- Returns 1 when taken or renewed, else 0.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local lease = tonumber(ARGV[2])
if ARGV[4] == 'renew' then
  if not redis.call('ZSCORE', KEYS[1], ARGV[3]) then
    return 0
  end
elseif redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[3])
redis.call('PEXPIRE', KEYS[1], lease * 2)
return 1
