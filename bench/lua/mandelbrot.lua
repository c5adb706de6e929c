-- mandelbrot.lua: twin of bench/programs/mandelbrot.py (same float operations in the same order).
local function mandelbrot(size, max_iter)
  local total, inside = 0, 0
  for y = 0, size - 1 do
    local ci = 2.0 * y / size - 1.0
    for x = 0, size - 1 do
      local cr = 2.0 * x / size - 1.5
      local zr, zi = 0.0, 0.0
      local it = 0
      while it < max_iter do
        local tr = zr * zr - zi * zi + cr
        zi = 2.0 * zr * zi + ci
        zr = tr
        if zr * zr + zi * zi > 4.0 then
          break
        end
        it = it + 1
      end
      total = total + it
      if it == max_iter then
        inside = inside + 1
      end
    end
  end
  return total, inside
end

local size = arg[1] and tonumber(arg[1]) or 600
local total, inside = mandelbrot(size, 100)
print(string.format("iterations: %d inside: %d", total, inside))
