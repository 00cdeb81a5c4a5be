-- Appends usage events to the stream, skipping those whose dedupe key was appended before.
-- KEYS[1] the usage stream
-- ARGV[1] dedupe-marker key prefix   ARGV[2] marker TTL, seconds
-- ARGV[3..] pairs: dedupe key ('' none), event JSON
-- Returns one flag per event, in order: 1 appended, 0 skipped (its dedupe key was seen). One script
-- call: the markers and the entries go together; the producer sends the events of many calls at once.
local flags = {}
for i = 3, #ARGV, 2 do
  local dedupe = ARGV[i]
  local fresh = true
  if dedupe ~= '' then
    fresh = redis.call('SET', ARGV[1] .. dedupe, '1', 'NX', 'EX', tonumber(ARGV[2])) ~= false
  end
  if fresh then
    redis.call('XADD', KEYS[1], '*', 'e', ARGV[i + 1])
    flags[#flags + 1] = 1
  else
    flags[#flags + 1] = 0
  end
end
return flags
