-- Keeps the holder's answer for the TTL. Does nothing when the caller no longer holds the
-- key (its lease ran out and another request took it over: that one answers).
-- KEYS[1] the key's hash
-- ARGV[1] token, ARGV[2] ttl ms, ARGV[3] provider, ARGV[4] model, ARGV[5] attempts, ARGV[6] body
-- Returns 1 when kept, 0 when not held.
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'state', 'done', 'provider', ARGV[3], 'model', ARGV[4],
  'attempts', ARGV[5], 'body', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
