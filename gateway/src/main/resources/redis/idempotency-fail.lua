-- Marks the holder's failure for a short while, so duplicates already waiting share it;
-- a new request after it runs again (see idempotency-claim.lua).
-- KEYS[1] the key's hash
-- ARGV[1] token, ARGV[2] how long waiters may still read the failure (ms), ARGV[3] error json
-- Returns 1 when marked, 0 when not held.
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'state', 'failed', 'error', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
