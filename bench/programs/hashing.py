# hashing.py: integer hashing with bit operations: a 32-bit xorshift-multiply mixer fills an
# open-addressing table with linear probing, then the table is folded with shifts and xors.
# Measures & | ^ << >> on ints. Multipliers stay below 2**18 so every product fits in 2**50 (the Lua
# twin must stay exact in LuaJIT's doubles). Argument: log2 of the table size (default 18), 10 rounds.
import sys

MASK32 = 0xFFFFFFFF


def mix(h):
    h = ((h ^ (h >> 16)) * 0x3335B) & MASK32
    h = ((h ^ (h >> 13)) * 0x2F0A7) & MASK32
    return h ^ (h >> 16)


def fill(bits, salt):
    size = 1 << bits
    mask = size - 1
    table = []
    for i in range(size):
        table.append(0)
    probes = 0
    for i in range(1, size * 5 // 8 + 1):
        key = mix(i + salt) | 1
        slot = key & mask
        while table[slot] != 0:
            probes = probes + 1
            slot = (slot + 1) & mask
        table[slot] = key
    fold = 0
    for i in range(size):
        fold = (fold ^ ((table[i] << (i & 7)) & MASK32)) >> 1 | (fold & 1) << 31
    return probes, fold


def main():
    bits = 18
    if len(sys.argv) > 1:
        bits = int(sys.argv[1])
    checksum = 0
    for r in range(10):
        probes, fold = fill(bits, r * 7919)
        print("round %d: probes %d fold %d" % (r, probes, fold))
        checksum = (checksum * 31 + probes + fold) & MASK32
    print("checksum: %d" % checksum)


main()
