-- dicts.lua: twin of bench/programs/dicts.py. A Python dict is a table; `w in counts` is
-- counts[w] ~= nil; len(counts) is counted; the chain list is an array with a top index. Python's a // b
-- is floor(a / b) (LuaJIT has no //). The weight sums over the table, so its order does not matter.
local floor = math.floor
local SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo"}

local function make_words(n)
  local words = {}
  for i = 0, n - 1 do
    local j = (i * 2654435761) % 4096
    words[#words + 1] = SYLLABLES[j % 8 + 1] .. SYLLABLES[floor(j / 8) % 8 + 1] .. SYLLABLES[floor(j / 64) % 8 + 1]
      .. SYLLABLES[floor(j / 512) + 1]
  end
  return words
end

local function count_words(words, rounds)
  local counts = {}
  for r = 1, rounds do
    for _, w in ipairs(words) do
      if counts[w] ~= nil then
        counts[w] = counts[w] + 1
      else
        counts[w] = 1
      end
    end
  end
  local rare = 0
  for _, w in ipairs(words) do
    if (counts[w] or 0) < 12 * rounds + 5 then rare = rare + 1 end
  end
  return counts, rare
end

local function collatz(limit)
  local memo = {[1] = 1}
  local size = 1
  local best, best_n = 1, 1
  for n = 2, limit - 1 do
    local chain, top = {}, 0
    local m = n
    while memo[m] == nil do
      top = top + 1
      chain[top] = m
      if m % 2 == 0 then m = floor(m / 2) else m = 3 * m + 1 end
    end
    local length = memo[m]
    while top > 0 do
      length = length + 1
      memo[chain[top]] = length
      size = size + 1
      top = top - 1
    end
    if length > best then
      best = length
      best_n = n
    end
  end
  return best_n, best, size
end

local limit = arg[1] and tonumber(arg[1]) or 500000
local words = make_words(floor(limit / 10))
local counts, rare = count_words(words, 40)
local weight, distinct, letters = 0, 0, 0
for w, c in pairs(counts) do
  weight = (weight + c * c * #w) % 1000000007
  distinct = distinct + 1
end
for w in pairs(counts) do letters = letters + #w end
print(string.format("words: %d distinct: %d rare: %d weight: %d letters: %d", #words, distinct, rare, weight, letters))
local n, length, size = collatz(floor(limit / 5))
print(string.format("collatz: %d has %d steps; memo %d", n, length, size))
