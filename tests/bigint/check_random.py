#!/usr/bin/env python3
"""check_random.py: cpvm's big ints against CPython's, on thousands of random operations.

Writes one Python program over a seeded random set of operands (signs mixed; sizes at the int64 boundary,
just past it and up to 2**1000, plus bools and small ints) that applies every int operator and builtin
to each operand and each pair, then runs it under cpvm in each tier and under python3.11 and compares the
output line by line. The program avoids only the operations that raise (it tests b != 0 before dividing),
so the same source runs everywhere and every printed value is compared.

    check_random.py CPVM [--seed N] [--count N] [--python python3.11] [--keep DIR]

Exit status 0 when every tier prints what CPython prints; 1 with the first differing lines otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# (environment, options) of each cpvm run; the last collects at every allocation, so a big int held only
# in a C local across an allocation would be caught.
TIERS = (({}, ["--jit=off"]), ({}, ["--jit=always"]), ({}, ["--jit=auto", "--jit-threshold", "1"]),
         ({"CPVM_GC_STRESS": "1"}, ["--jit=off"]))

SHIFTS = [0, 1, 31, 63, 64, 65, 127, 200]
EXPONENTS = [0, 1, 2, 3, 5]
MODULI = [7, -7, 2**64 + 13, -(2**61 - 1), 10**30 + 57]
FLOATS = [0.5, -1.5, 1e10, -3.0e18, 9.223372036854775807e18, 1.8446744073709552e19, 1e300, -1e-300, 2.0**100]

PROGRAM = """\
import math
A = [{operands}]
S = {shifts}
E = {exponents}
MODS = {moduli}
F = {floats}
for a in A:
    print(a, -a, ~a, abs(a), +a, a == a + 0, bool(a), a.bit_length(), a.bit_count(), int(str(a + 0)) == a)
    print(hex(a), oct(a), bin(a), round(a, -3), round(a, -20), math.isqrt(abs(a)), float(a))
    print(a // 1000000007, a % -1000000007, divmod(a, 3), int(hex(a), 16) == a, int(oct(a), 0) == a)
    for s in S:
        print(a << s, a >> s)
    if abs(a) < 2**300:
        for e in E:
            print(a ** e, a ** -e if a != 0 else 0)
    for m in MODS:
        print(pow(a, 65537, m), pow(a, abs(a) % 1000, m), pow(a, 2**70 + 1, m))
        if math.gcd(a, m) == 1:
            print(pow(a, -1, m), pow(a, -3, m))
    for f in F:
        print(a < f, a <= f, a == f, a != f, a > f, a >= f, a + f, a * f, a - f, a / f, f / a if a != 0 else 0)
for a in A:
    for b in A:
        line = [a + b, a - b, a * b, a & b, a | b, a ^ b, a < b, a == b, a >= b, math.gcd(a, b)]
        if b != 0:
            line += [a // b, a % b, divmod(a, b), a / b]
        print(line)
"""


def operands(rng: random.Random, count: int) -> list[int]:
    """Ints at and around the int64 edges, small ones, bools, and random ones up to 2**1000."""
    values: list[int] = [0, 1, -1, True, False, 2**63 - 1, -(2**63), 2**64 - 1]
    for k in (-2, -1, 1, 2):
        values += [2**63 + k, -(2**63) + k, 2**64 + k, -(2**64) - k]
    for k in (64, 65, 127, 128, 200, 999):
        values += [2**k, -(2**k), 2**k - 1]
    while len(values) < count:
        kind = rng.random()
        if kind < 0.2:
            v = rng.randint(-1000, 1000)
        elif kind < 0.6:
            v = rng.getrandbits(rng.randint(58, 70))
        else:
            v = rng.getrandbits(rng.randint(71, 1000))
        values.append(-v if rng.random() < 0.5 else v)
    return values[:count]


def render(values: list[int]) -> str:
    return PROGRAM.format(operands=", ".join(repr(v) for v in values), shifts=SHIFTS, exponents=EXPONENTS,
                          moduli=MODULI, floats=FLOATS)


def run(command: list[str], env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise SystemExit(f"check_random: error: {' '.join(command)} exited {result.returncode}:\n{result.stderr[-2000:]}")
    return result.stdout


def first_difference(expected: str, got: str) -> str:
    for number, (want, have) in enumerate(zip(expected.splitlines(), got.splitlines()), start=1):
        if want != have:
            return f"line {number}:\n  python: {want[:400]}\n  cpvm:   {have[:400]}"
    return f"line counts differ: python {len(expected.splitlines())}, cpvm {len(got.splitlines())}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cpvm")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--count", type=int, default=96, help="operands (pairs: count squared)")
    parser.add_argument("--python", default="python3.11")
    parser.add_argument("--keep", type=Path, help="write the program and outputs here")
    args = parser.parse_args()
    python = shutil.which(args.python)
    if python is None:
        print(f"check_random: {args.python} not found; skipping", file=sys.stderr)
        return 77  # meson's "skipped"
    program = render(operands(random.Random(args.seed), args.count))
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "random_bigint.py"
        path.write_text(program)
        expected = run([python, str(path)])
        lines = len(expected.splitlines())
        failed = False
        for env, options in TIERS:
            got = run([args.cpvm, *options, "run", str(path)], env)
            if got != expected:
                name = " ".join([*(f"{k}={v}" for k, v in env.items()), *options])
                print(f"FAIL {name}: {first_difference(expected, got)}")
                failed = True
        if failed:
            return 1
    print(f"check_random: {lines} lines from {args.count} operands (seed {args.seed}) agree in {len(TIERS)} tiers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
