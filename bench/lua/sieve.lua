-- sieve.lua: twin of bench/programs/sieve.py; flags[i + 1] stands for the number i (Lua arrays start
-- at 1). Runs in Lua 5.4 and LuaJIT.
local MOD = 1000000007

local function sieve(limit)
  local flags = {}
  for i = 0, limit do
    flags[i + 1] = 1
  end
  flags[1] = 0
  flags[2] = 0
  local i = 2
  while i * i <= limit do
    if flags[i + 1] ~= 0 then
      for j = i * i, limit, i do
        flags[j + 1] = 0
      end
    end
    i = i + 1
  end
  local count, total = 0, 0
  for i = 0, limit do
    if flags[i + 1] ~= 0 then
      count = count + 1
      total = (total + i) % MOD
    end
  end
  return count, total
end

local limit = arg[1] and tonumber(arg[1]) or 3400000
local count, total = 0, 0
for r = 0, 5 do
  local c, t = sieve(limit - r)
  count = count + c
  total = (total * 31 + t) % MOD
end
print(string.format("primes: %d checksum: %d", count, total))
