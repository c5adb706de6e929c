-- loops.lua: twin of bench/programs/loops.py. Runs in Lua 5.4 and LuaJIT.
local MOD = 1000000007

local function nested(n)
  local total = 0
  for i = 0, n - 1 do
    for j = 0, n - 1 do
      total = (total + i * j + (i - j) % 7) % MOD
    end
  end
  return total
end

local function counting(n, total)
  local k = 0
  local limit = n * n
  while k < limit do
    if k % 3 == 0 then
      total = (total * 3 + k) % MOD
    else
      total = total + 1
    end
    k = k + 1
  end
  return total
end

local n = arg[1] and tonumber(arg[1]) or 3200
local total = nested(n)
print(string.format("nested: %d", total))
print(string.format("counting: %d", counting(n, total)))
