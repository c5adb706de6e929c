-- closures.lua: twin of bench/programs/closures.py (same algorithm, same output). Runs in Lua 5.4 and LuaJIT.
local function make_counter(step)
  local count = 0
  return function()
    count = count + step
    return count
  end
end

local function compose(f, g)
  return function(x) return f(g(x)) end
end

local n = arg[1] and tonumber(arg[1]) or 3000000
local counters = {}
for k = 1, 10 do counters[k] = make_counter(k) end
local total = 0
for i = 0, n - 1 do
  total = total + counters[i % 10 + 1]()
end
local add1 = function(x) return x + 1 end
local double = function(x) return x * 2 end
local h = compose(add1, compose(double, add1))
local acc = 0
for i = 0, n - 1 do
  acc = (acc + h(i)) % 1000003
end
local offset = n % 97
local keyed = {}
local m = n // 20
for v = 0, m - 1 do keyed[v + 1] = v end
-- Python's sort is stable: ties keep their order, so the Lua comparison breaks them by value
local function key(v) return (v * 7919 + offset) % 10007 end
table.sort(keyed, function(a, b)
  local ka, kb = key(a), key(b)
  if ka ~= kb then return ka < kb end
  return a < b
end)
print(string.format("counters: %d composed: %d sorted: %d %d %d", total, acc, keyed[1], keyed[m], keyed[m // 2 + 1]))
