-- Gives back quota units of a call that was counted and then failed; never goes below zero.
-- KEYS[1] counter of the month, ARGV[1] units. Returns the count after the refund.
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used <= 0 then return 0 end
local units = math.min(used, tonumber(ARGV[1]))
return redis.call('DECRBY', KEYS[1], units)
