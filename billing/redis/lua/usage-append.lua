-- Appends usage events to the stream, skipping those whose dedupe key was appended before.
-- KEYS[1] the usage stream
-- ARGV[1] dedupe-marker key prefix   ARGV[2] marker TTL, seconds
-- ARGV[3..] pairs: dedupe key ('' none), event JSON
-- Returns the number of events appended. One script call: the markers and the entries go together.
local written = 0
for i = 3, #ARGV, 2 do
  local dedupe = ARGV[i]
  local fresh = true
  if dedupe ~= '' then
    fresh = redis.call('SET', ARGV[1] .. dedupe, '1', 'NX', 'EX', tonumber(ARGV[2])) ~= false
  end
  if fresh then
    redis.call('XADD', KEYS[1], '*', 'e', ARGV[i + 1])
    written = written + 1
  end
end
return written
