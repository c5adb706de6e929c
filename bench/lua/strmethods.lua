-- strmethods.lua: twin of bench/programs/strmethods.py. f-strings and str.format are string.format;
-- strip, replace and count are gsub; split is a loop of plain finds; join is table.concat; Python's
-- 0-based find(sub, 3) is find(s, sub, 4, true) - 1 (or -1 when nil).
local format, find, sub, gsub, upper, concat = string.format, string.find, string.sub, string.gsub, string.upper, table.concat
local NAMES = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}

local function make_record(i)
  local name = NAMES[i % 8 + 1]
  return format("  %s,%d,%04d,%.2f,%s ", name, i, i * 7 % 1000, i / 3, upper(name))
end

local function strip(s)
  return (gsub(gsub(s, "^%s+", ""), "%s+$", ""))
end

local function split(s, sep)
  local fields, from = {}, 1
  while true do
    local at = find(s, sep, from, true)
    if not at then break end
    fields[#fields + 1] = sub(s, from, at - 1)
    from = at + #sep
  end
  fields[#fields + 1] = sub(s, from)
  return fields
end

local n = arg[1] and tonumber(arg[1]) or 300000
local total, longest = 0, ""
for i = 0, n - 1 do
  local fields = split(strip(make_record(i)), ",")
  local name = fields[1]
  local key = gsub(fields[3], "0", "o")
  local joined = concat(fields, "|")
  local at = find(joined, "|", 4, true)
  total = (total * 31 + #joined + (at and at - 1 or -1) + tonumber(fields[2]) % 97) % 1000000007
  if sub(key, 1, 1) == "o" then
    total = total + 1
  end
  local label = format("%s:%8s:%x", name, key, i)
  if label > longest then
    longest = label
  end
  local _, count = gsub(label, "o", "")
  total = (total + #label + count) % 1000000007
end
print(format("total: %d", total))
print("longest: " .. longest)
