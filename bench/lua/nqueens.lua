-- nqueens.lua: twin of bench/programs/nqueens.py; rows and columns are 0-based as in the Python and
-- every list index is shifted by one.
local function place(row, n, cols, diag1, diag2)
  if row == n then
    return 1
  end
  local count = 0
  for c = 0, n - 1 do
    if cols[c + 1] == 0 and diag1[row + c + 1] == 0 and diag2[row - c + n] == 0 then
      cols[c + 1] = 1
      diag1[row + c + 1] = 1
      diag2[row - c + n] = 1
      count = count + place(row + 1, n, cols, diag1, diag2)
      cols[c + 1] = 0
      diag1[row + c + 1] = 0
      diag2[row - c + n] = 0
    end
  end
  return count
end

local function solve(n)
  local cols, diag1, diag2 = {}, {}, {}
  for i = 1, n do
    cols[i] = 0
  end
  for i = 1, 2 * n - 1 do
    diag1[i] = 0
    diag2[i] = 0
  end
  return place(0, n, cols, diag1, diag2)
end

local n = arg[1] and tonumber(arg[1]) or 12
local total = 0
for k = 0, 3 do
  total = total + solve(n - math.floor(k / 3))
end
print(string.format("solutions(%d x3, %d) total: %d", n, n - 1, total))
