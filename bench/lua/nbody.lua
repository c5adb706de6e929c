-- nbody.lua: twin of bench/programs/nbody.py; body fields 1..7 are x, y, z, vx, vy, vz, mass.
-- Float operations are done in the same order as the Python, so the printed energies match exactly.
local sqrt = math.sqrt
local SOLAR_MASS = 4.0 * math.pi * math.pi
local DAYS_PER_YEAR = 365.24

local function make_bodies()
  return {
    {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS},
    {4.84143144246472090, -1.16032004402742839, -0.103622044471123109,
     0.00166007664274403694 * DAYS_PER_YEAR, 0.00769901118419740425 * DAYS_PER_YEAR,
     -0.0000690460016972063023 * DAYS_PER_YEAR, 0.000954791938424326609 * SOLAR_MASS},
    {8.34336671824457987, 4.12479856412430479, -0.403523417114321381,
     -0.00276742510726862411 * DAYS_PER_YEAR, 0.00499852801234917238 * DAYS_PER_YEAR,
     0.0000230417297573763929 * DAYS_PER_YEAR, 0.000285885980666130812 * SOLAR_MASS},
    {12.8943695621391310, -15.1111514016986312, -0.223307578892655734,
     0.00296460137564761618 * DAYS_PER_YEAR, 0.00237847173959480950 * DAYS_PER_YEAR,
     -0.0000296589568540237556 * DAYS_PER_YEAR, 0.0000436624404335156298 * SOLAR_MASS},
    {15.3796971148509165, -25.9193146099879641, 0.179258772950371181,
     0.00268067772490389322 * DAYS_PER_YEAR, 0.00162824170038242295 * DAYS_PER_YEAR,
     -0.0000951592254519715870 * DAYS_PER_YEAR, 0.0000515138902046611451 * SOLAR_MASS},
  }
end

local function offset_momentum(bodies)
  local px, py, pz = 0.0, 0.0, 0.0
  for i = 1, #bodies do
    local b = bodies[i]
    px = px + b[4] * b[7]
    py = py + b[5] * b[7]
    pz = pz + b[6] * b[7]
  end
  local sun = bodies[1]
  sun[4] = -px / SOLAR_MASS
  sun[5] = -py / SOLAR_MASS
  sun[6] = -pz / SOLAR_MASS
end

local function energy(bodies)
  local n = #bodies
  local e = 0.0
  for i = 1, n do
    local bi = bodies[i]
    e = e + 0.5 * bi[7] * (bi[4] * bi[4] + bi[5] * bi[5] + bi[6] * bi[6])
    for j = i + 1, n do
      local bj = bodies[j]
      local dx = bi[1] - bj[1]
      local dy = bi[2] - bj[2]
      local dz = bi[3] - bj[3]
      e = e - (bi[7] * bj[7]) / sqrt(dx * dx + dy * dy + dz * dz)
    end
  end
  return e
end

local function advance(bodies, steps, dt)
  local n = #bodies
  for s = 1, steps do
    for i = 1, n do
      local bi = bodies[i]
      local xi, yi, zi, mi = bi[1], bi[2], bi[3], bi[7]
      for j = i + 1, n do
        local bj = bodies[j]
        local dx = xi - bj[1]
        local dy = yi - bj[2]
        local dz = zi - bj[3]
        local d2 = dx * dx + dy * dy + dz * dz
        local mag = dt / (d2 * sqrt(d2))
        local bm = bj[7] * mag
        bi[4] = bi[4] - dx * bm
        bi[5] = bi[5] - dy * bm
        bi[6] = bi[6] - dz * bm
        bm = mi * mag
        bj[4] = bj[4] + dx * bm
        bj[5] = bj[5] + dy * bm
        bj[6] = bj[6] + dz * bm
      end
    end
    for i = 1, n do
      local b = bodies[i]
      b[1] = b[1] + dt * b[4]
      b[2] = b[2] + dt * b[5]
      b[3] = b[3] + dt * b[6]
    end
  end
end

local steps = arg[1] and tonumber(arg[1]) or 360000
local bodies = make_bodies()
offset_momentum(bodies)
print(string.format("%.9f", energy(bodies)))
advance(bodies, steps, 0.01)
print(string.format("%.9f", energy(bodies)))
