-- sort.lua: twin of bench/programs/sort.py with 1-based indexes. With lo and hi shifted by one,
-- floor((lo + hi) / 2) picks the same element as Python's (lo + hi) // 2 on 0-based indexes.
local floor = math.floor

local function quicksort(a, lo, hi)
  while lo < hi do
    local pivot = a[floor((lo + hi) / 2)]
    local i, j = lo, hi
    while i <= j do
      while a[i] < pivot do
        i = i + 1
      end
      while a[j] > pivot do
        j = j - 1
      end
      if i <= j then
        local t = a[i]
        a[i] = a[j]
        a[j] = t
        i = i + 1
        j = j - 1
      end
    end
    if j - lo < hi - i then
      quicksort(a, lo, j)
      lo = i
    else
      quicksort(a, i, hi)
      hi = j
    end
  end
end

local n = arg[1] and tonumber(arg[1]) or 900000
local seed = 12345
local a = {}
for i = 1, n do
  seed = (seed * 16807) % 2147483647
  a[i] = seed % 1000000
end
quicksort(a, 1, n)
local ordered, checksum = 1, 0
for i = 1, n do
  if i > 1 and a[i - 1] > a[i] then
    ordered = 0
  end
  checksum = (checksum + a[i] * ((i - 1) % 1000 + 1)) % 1000000007
end
print(string.format("sorted: %d min: %d max: %d checksum: %d", ordered, a[1], a[n], checksum))
