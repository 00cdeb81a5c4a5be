-- Gives back what one redemption reserved, exactly once, across every instance.
-- KEYS[1] totals of the tenant's promotion (hash)  KEYS[2] per-customer held counts (hash)
-- KEYS[3] the redemption record (hash)
-- ARGV[1] the caller (tenant), who must own the redemption   ARGV[2] now, epoch ms
-- Returns { 'released', record } | { 'already-released', record } | { 'not-found' }.
if redis.call('HGET', KEYS[3], 'tenant') ~= ARGV[1] then
  return { 'not-found' }
end
if redis.call('HGET', KEYS[3], 'state') ~= 'held' then
  return { 'already-released', redis.call('HGETALL', KEYS[3]) }
end
local units = tonumber(redis.call('HGET', KEYS[3], 'units'))
local amount = tonumber(redis.call('HGET', KEYS[3], 'amountCents'))
redis.call('HINCRBY', KEYS[1], 'redemptions', -units)
if amount > 0 then redis.call('HINCRBY', KEYS[1], 'budgetCents', -amount) end
if redis.call('HGET', KEYS[3], 'hasCustomer') == '1' then
  local customer = redis.call('HGET', KEYS[3], 'customer')
  if redis.call('HINCRBY', KEYS[2], customer, -units) <= 0 then redis.call('HDEL', KEYS[2], customer) end
end
redis.call('HSET', KEYS[3], 'state', 'released', 'releasedAt', ARGV[2])
return { 'released', redis.call('HGETALL', KEYS[3]) }
