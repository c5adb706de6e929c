-- hashing.lua: twin of bench/programs/hashing.py. LuaJIT has no bit operators, only the "bit" library
-- (32-bit, signed results); Lua 5.4 has native 64-bit operators, which LuaJIT cannot parse, so they are
-- compiled with load(). Every result that may have bit 31 set is reduced "% M32", which turns LuaJIT's
-- signed result into the unsigned value Python computes and is a no-op in Lua 5.4.
local bxor, bor, band, shl, shr
if bit then
  bxor, bor, band, shl, shr = bit.bxor, bit.bor, bit.band, bit.lshift, bit.rshift
else
  bxor, bor, band, shl, shr = load([[
    return function(a, b) return a ~ b end, function(a, b) return a | b end,
           function(a, b) return a & b end, function(a, n) return a << n end,
           function(a, n) return a >> n end]])()
end
local M32 = 4294967296
local floor = math.floor

local function mix(h)
  h = (bxor(h, shr(h, 16)) % M32 * 0x3335B) % M32
  h = (bxor(h, shr(h, 13)) % M32 * 0x2F0A7) % M32
  return bxor(h, shr(h, 16)) % M32
end

local function fill(bits, salt)
  local size = shl(1, bits)
  local mask = size - 1
  local tbl = {}
  for i = 1, size do
    tbl[i] = 0
  end
  local probes = 0
  for i = 1, floor(size * 5 / 8) do
    local key = bor(mix(i + salt), 1) % M32
    local slot = band(key, mask)
    while tbl[slot + 1] ~= 0 do
      probes = probes + 1
      slot = band(slot + 1, mask)
    end
    tbl[slot + 1] = key
  end
  local fold = 0
  for i = 0, size - 1 do
    local v = shl(tbl[i + 1], band(i, 7)) % M32
    fold = bor(shr(bxor(fold, v), 1), shl(band(fold, 1), 31)) % M32
  end
  return probes, fold
end

local bits = arg[1] and tonumber(arg[1]) or 18
local checksum = 0
for r = 0, 9 do
  local probes, fold = fill(bits, r * 7919)
  print(string.format("round %d: probes %d fold %d", r, probes, fold))
  checksum = (checksum * 31 + probes + fold) % M32
end
print(string.format("checksum: %d", checksum))
