-- Claims an Idempotency-Key, or says what holds it. One hash per key:
--   fp (body fingerprint), state (pending | done | failed), token (the holder's),
--   provider, model, attempts, body (when done), error (when failed).
-- KEYS[1] the key's hash
-- ARGV[1] fingerprint, ARGV[2] this caller's token, ARGV[3] lease in ms,
-- ARGV[4] 'claim' (a new request) or 'wait' (a duplicate polling for the holder's outcome)
-- Returns {'won'} | {'pending'} | {'conflict'} | {'done', provider, model, attempts, body}
--       | {'failed', error-json}
local fp = redis.call('HGET', KEYS[1], 'fp')
local function win()
  redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'state', 'pending', 'token', ARGV[2])
  redis.call('HDEL', KEYS[1], 'error')
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {'won'}
end
-- Absent: never claimed, expired, or its holder died and the lease ran out.
if not fp then
  return win()
end
if fp ~= ARGV[1] then
  return {'conflict'}
end
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'done' then
  local a = redis.call('HMGET', KEYS[1], 'provider', 'model', 'attempts', 'body')
  return {'done', a[1], a[2], a[3], a[4]}
end
if state == 'failed' then
  -- Waiters share the failure; a request that comes after it runs again.
  if ARGV[4] == 'wait' then
    return {'failed', redis.call('HGET', KEYS[1], 'error')}
  end
  return win()
end
return {'pending'}
