-- The holder's heartbeat: extends its lease while it still holds a pending claim. A holder
-- that dies stops renewing, the hash expires, and a waiter takes the key over.
-- KEYS[1] the key's hash
-- ARGV[1] token, ARGV[2] lease ms
-- Returns 1 when renewed, 0 when not held.
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'state') ~= 'pending' then
  return 0
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
