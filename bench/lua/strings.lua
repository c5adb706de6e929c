-- strings.lua: twin of bench/programs/strings.py. Python's s[a:b] is sub(s, a + 1, b); "for ch in s"
-- is a loop over sub(s, k, k). Lua compares strings with strcoll, bytewise in the default C locale.
local format, sub = string.format, string.sub
local WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}

local function build(i)
  local w = WORDS[i % 8 + 1]
  return format("%s-%d:%s|%.3f", w, i, sub(w, 2, 3), i / 7.0)
end

local lines = arg[1] and tonumber(arg[1]) or 500000
local total, vowels = 0, 0
local largest = ""
for i = 0, lines - 1 do
  local line = build(i)
  local s = ""
  for k = 0, #line - 1, 4 do
    s = s .. sub(line, k + 1, k + 3) .. format("%02d", k % 100)
  end
  for k = 1, #s do
    local ch = sub(s, k, k)
    if ch == "a" or ch == "e" or ch == "o" then
      vowels = vowels + 1
    end
  end
  if s > largest then
    largest = s
  end
  total = (total * 31 + #s + #tostring(i * 37)) % 1000000007
end
print(format("total: %d vowels: %d", total, vowels))
print(format("largest: %s", sub(largest, 1, 24)))
