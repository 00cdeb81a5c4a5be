-- Atomically reserves what one redemption of a promotion consumes, across every instance.
-- KEYS[1] totals of the tenant's promotion (hash: redemptions, budgetCents)
-- KEYS[2] per-customer held counts (hash)   KEYS[3] idempotency key -> redemption id
-- KEYS[4] the new redemption's record (hash)
-- ARGV[1] cap of redemptions (-1 none)   ARGV[2] cap per customer (-1 none)
-- ARGV[3] budget cap in cents (-1 none)  ARGV[4] units to take
-- ARGV[5] customer                       ARGV[6] '1' when there is a customer
-- ARGV[7] amount in cents (-1 none)      ARGV[8] the new redemption id
-- ARGV[9] amount as text ('' none)       ARGV[10] TTL of the record and the idempotency key, s
-- ARGV[11] prefix of record keys (to read the first record on a replay)
-- ARGV[12..21] five field/value pairs stored as they are (tenant, sku, key, result, createdAt)
-- Returns { 'reserved' } | { 'replay', record } | { 'sold-out' } | { 'customer-limit' } | { 'budget-exhausted' }.
-- Checks run in the order redemptions, customer, budget; nothing is written unless all pass.
local existing = redis.call('GET', KEYS[3])
if existing then
  return { 'replay', redis.call('HGETALL', ARGV[11] .. existing) }
end

local capRedemptions = tonumber(ARGV[1])
local capCustomer = tonumber(ARGV[2])
local capBudget = tonumber(ARGV[3])
local units = tonumber(ARGV[4])
local customer = ARGV[5]
local hasCustomer = ARGV[6] == '1'
local amount = tonumber(ARGV[7])

if units > 0 and capRedemptions >= 0 then
  local used = tonumber(redis.call('HGET', KEYS[1], 'redemptions') or '0')
  if used + units > capRedemptions then return { 'sold-out' } end
end
if hasCustomer and units > 0 and capCustomer >= 0 then
  local held = tonumber(redis.call('HGET', KEYS[2], customer) or '0')
  if held + units > capCustomer then return { 'customer-limit' } end
end
if amount >= 0 and capBudget >= 0 then
  local used = tonumber(redis.call('HGET', KEYS[1], 'budgetCents') or '0')
  if used + amount > capBudget then return { 'budget-exhausted' } end
end

redis.call('HINCRBY', KEYS[1], 'redemptions', units)
if amount > 0 then redis.call('HINCRBY', KEYS[1], 'budgetCents', amount) end
if hasCustomer then redis.call('HINCRBY', KEYS[2], customer, units) end
redis.call('HSET', KEYS[4], 'id', ARGV[8], 'units', units, 'customer', customer,
  'hasCustomer', ARGV[6], 'amountCents', amount, 'amount', ARGV[9], 'state', 'held', 'releasedAt', '',
  ARGV[12], ARGV[13], ARGV[14], ARGV[15], ARGV[16], ARGV[17], ARGV[18], ARGV[19], ARGV[20], ARGV[21])
redis.call('EXPIRE', KEYS[4], tonumber(ARGV[10]))
redis.call('SET', KEYS[3], ARGV[8], 'EX', tonumber(ARGV[10]))
return { 'reserved' }
