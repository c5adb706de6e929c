-- fib.lua: twin of bench/programs/fib.py (same algorithm, same output). Runs in Lua 5.4 and LuaJIT.
local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end

local n = arg[1] and tonumber(arg[1]) or 36
print(string.format("fib(%d) = %d", n, fib(n)))
