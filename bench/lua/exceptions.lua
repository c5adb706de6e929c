-- exceptions.lua: twin of bench/programs/exceptions.py (same algorithm, same output): try is pcall, raise
-- is error with a table for the exception. Runs in Lua 5.4 and LuaJIT.
local function lookups(n, tbl)
  local hits, misses = 0, 0
  for i = 0, n - 1 do
    local ok, err = pcall(function()
      local v = tbl[i % 4096]
      if v == nil then error({kind = "KeyError"}) end
      hits = hits + v
    end)
    if not ok then
      if type(err) == "table" and err.kind == "KeyError" then misses = misses + 1 else error(err) end
    end
  end
  return hits, misses
end

local function guarded(n)
  local total = 0
  for i = 0, n - 1 do
    local ok, err = pcall(function() total = total + i % 7 end)
    if not ok then total = -1 end
  end
  return total
end

local function raising(n)
  local done = 0
  for i = 0, n - 1 do
    local ok, err = pcall(function()
      if i % 3 == 0 then error({kind = "ValueError", args = {i}}) end
    end)
    if not ok then
      if type(err) == "table" and err.kind == "ValueError" then done = done + err.args[1] % 5 else error(err) end
    end
    done = done + 1
  end
  return done
end

local n = arg[1] and tonumber(arg[1]) or 4000000
local tbl = {}
for i = 0, 4095 do
  if i % 64 ~= 0 then tbl[i] = i * 3 end
end
local hits, misses = lookups(n, tbl)
print(string.format("lookups: %d %d guarded: %d raising: %d", hits, misses, guarded(n), raising(n // 4)))
