-- Monthly quota counter, shared by every runtime instance.
-- KEYS[1] counter of the month
-- ARGV[1] limit (-1 = unlimited), ARGV[2] units this call consumes, ARGV[3] TTL in seconds
-- Returns { allowed (1|0), used after this call (or unchanged when refused) }.
-- Check and increment are one atomic step, so concurrent calls never push the count past the limit.
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local limit = tonumber(ARGV[1])
local units = tonumber(ARGV[2])
if limit >= 0 and used + units > limit then
  return { 0, used }
end
used = redis.call('INCRBY', KEYS[1], units)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return { 1, used }
