-- Sliding-window log rate limit, shared by every runtime instance.
-- KEYS[1] sorted set of admitted calls (score = admission time in ms, member = unique call id)
-- ARGV[1] limit, ARGV[2] window in ms, ARGV[3] unique member for this call
-- Returns { allowed (1|0), remaining, resetMs (until the oldest admitted call leaves the window) }.
-- The clock is Redis' own TIME, so instances with skewed clocks still agree.
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  redis.call('ZADD', key, now, ARGV[3])
  count = count + 1
  allowed = 1
end
local reset = window
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
if oldest[2] then
  reset = tonumber(oldest[2]) + window - now
  redis.call('PEXPIRE', key, window)
end
return { allowed, limit - count, reset }
