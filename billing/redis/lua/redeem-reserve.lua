-- Atomically reserves what one redemption of a promotion consumes, across every instance.
-- KEYS[1] redemptions used (int)      KEYS[2] budget used (integer cents)
-- KEYS[3] per-customer counts (hash)  KEYS[4] idempotency key -> redemption id
-- KEYS[5] the redemption record (hash)
-- ARGV[1] cap of redemptions (-1 none)  ARGV[2] cap per customer (-1 none)
-- ARGV[3] budget cap in cents (-1 none) ARGV[4] units to take
-- ARGV[5] customer key ('' none)        ARGV[6] budget to take in cents
-- ARGV[7] new redemption id             ARGV[8] scope   ARGV[9] owner (tenant)
-- ARGV[10] idempotency TTL in seconds   ARGV[11] record TTL in seconds
-- Returns { 'reserved', id } | { 'replay', id } | { 'sold-out' } | { 'customer-limit' } | { 'budget-exhausted' }.
local existing = redis.call('GET', KEYS[4])
if existing then
  return { 'replay', existing }
end

local capRedemptions = tonumber(ARGV[1])
local capCustomer = tonumber(ARGV[2])
local capBudget = tonumber(ARGV[3])
local units = tonumber(ARGV[4])
local customer = ARGV[5]
local budget = tonumber(ARGV[6])

if capRedemptions >= 0 then
  local used = tonumber(redis.call('GET', KEYS[1]) or '0')
  if used + units > capRedemptions then return { 'sold-out' } end
end
if capCustomer >= 0 and customer ~= '' then
  local used = tonumber(redis.call('HGET', KEYS[3], customer) or '0')
  if used + units > capCustomer then return { 'customer-limit' } end
end
if capBudget >= 0 then
  local used = tonumber(redis.call('GET', KEYS[2]) or '0')
  if used + budget > capBudget then return { 'budget-exhausted' } end
end

redis.call('INCRBY', KEYS[1], units)
if budget > 0 then redis.call('INCRBY', KEYS[2], ARGV[6]) end
if customer ~= '' then redis.call('HINCRBY', KEYS[3], customer, units) end
redis.call('HSET', KEYS[5], 'scope', ARGV[8], 'owner', ARGV[9], 'customer', customer,
  'units', units, 'budgetCents', ARGV[6], 'state', 'reserved')
redis.call('EXPIRE', KEYS[5], tonumber(ARGV[11]))
redis.call('SET', KEYS[4], ARGV[7], 'EX', tonumber(ARGV[10]))
return { 'reserved', ARGV[7] }
