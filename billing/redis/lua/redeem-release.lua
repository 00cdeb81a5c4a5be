-- Gives back what one redemption reserved, exactly once, across every instance.
-- KEYS[1] redemptions used  KEYS[2] budget used (cents)  KEYS[3] per-customer counts (hash)
-- KEYS[4] the redemption record (hash)
-- ARGV[1] the caller (tenant), who must own the redemption
-- Returns 'released' | 'already-released' | 'not-found'.
local state = redis.call('HGET', KEYS[4], 'state')
if not state or redis.call('HGET', KEYS[4], 'owner') ~= ARGV[1] then
  return 'not-found'
end
if state ~= 'reserved' then
  return 'already-released'
end
local units = tonumber(redis.call('HGET', KEYS[4], 'units'))
local budget = redis.call('HGET', KEYS[4], 'budgetCents')
local customer = redis.call('HGET', KEYS[4], 'customer')
redis.call('DECRBY', KEYS[1], units)
if tonumber(budget) > 0 then redis.call('DECRBY', KEYS[2], budget) end
if customer ~= '' then
  if redis.call('HINCRBY', KEYS[3], customer, -units) <= 0 then redis.call('HDEL', KEYS[3], customer) end
end
redis.call('HSET', KEYS[4], 'state', 'released')
return 'released'
