-- sets.lua: twin of bench/programs/sets.py. A set is a table of true values with a counted size;
-- m & seen is a loop counting m's keys found in seen, seen |= m a loop adding them.
local function multiples(k, n)
  local s, size = {}, 0
  for i = 0, n - 1, k do
    s[i] = true
    size = size + 1
  end
  return s, size
end

local function sieve_sets(n)
  local seen, seen_size, shared = {}, 0, 0
  for k = 2, 29 do
    local m = multiples(k, n)
    for x in pairs(m) do
      if seen[x] then shared = shared + 1 end
    end
    for x in pairs(m) do
      if not seen[x] then
        seen[x] = true
        seen_size = seen_size + 1
      end
    end
  end
  local hits = 0
  for i = 0, n - 1 do
    if seen[i] then hits = hits + 1 end
  end
  return shared, hits, seen_size
end

local function reachable(n)
  local visited, count = {[1] = true}, 1
  local frontier = {1}
  local depth = 0
  while #frontier > 0 do
    depth = depth + 1
    local following = {}
    for _, x in ipairs(frontier) do
      for _, y in ipairs({x * 2, x * 3 + 1, x - 7}) do
        if 0 < y and y < n and not visited[y] then
          visited[y] = true
          count = count + 1
          following[#following + 1] = y
        end
      end
    end
    frontier = following
  end
  return count, depth
end

local function tags(n)
  local names, size = {}, 0
  for i = 0, n - 1, 7 do
    local name = "t" .. tostring(i % 5000)
    if not names[name] then
      names[name] = true
      size = size + 1
    end
  end
  local found = 0
  for i = 0, math.floor(n / 4) - 1 do
    if names["t" .. tostring(i)] then found = found + 1 end
  end
  return size, found
end

local n = arg[1] and tonumber(arg[1]) or 600000
local shared, hits, size = sieve_sets(n)
print(string.format("sieve: shared %d hits %d size %d", shared, hits, size))
local count, depth = reachable(n)
print(string.format("reachable: %d in %d steps", count, depth))
local names, found = tags(n)
print(string.format("tags: %d found %d", names, found))
