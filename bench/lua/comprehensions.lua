-- comprehensions.lua: twin of bench/programs/comprehensions.py (same algorithm, same output): each
-- comprehension is a loop that fills a fresh table. Runs in Lua 5.4 and LuaJIT.
local function one_round(r, size)
  local squares = {}
  for x = 0, size - 1 do squares[#squares + 1] = x * x + r end
  local evens = {}
  for _, v in ipairs(squares) do
    if v % 2 == 0 then evens[#evens + 1] = v end
  end
  local residues, nresidues = {}, 0
  for _, v in ipairs(evens) do
    if residues[v] == nil then nresidues = nresidues + 1 end
    residues[v] = v % 7
  end
  local distinct, ndistinct = {}, 0
  for _, v in ipairs(squares) do
    local k = v % 11
    if not distinct[k] then
      distinct[k] = true
      ndistinct = ndistinct + 1
    end
  end
  local pairs_ = {}
  for a = 0, 39 do
    for b = 0, a - 1 do
      if (a + b + r) % 3 == 0 then pairs_[#pairs_ + 1] = {a, b} end
    end
  end
  local sum = 0
  for _, v in ipairs(evens) do sum = sum + v end
  return sum % 1000003 + nresidues + ndistinct + #pairs_
end

local rounds = arg[1] and tonumber(arg[1]) or 3600
local total = 0
for r = 0, rounds - 1 do
  total = (total + one_round(r, 1000)) % 1000000007
end
print(string.format("total: %d", total))
