#!/usr/bin/env python3
"""check_wx.py: W^X: no memory of a --jit=always program is ever writable and executable at once.

    check_wx.py CPVM

1. Starts a program under --jit=always whose loop runs in JIT code, waits until /proc/PID/maps shows an
   anonymous executable mapping (the JIT's code: without one the test fails, so it cannot pass vacuously),
   then samples the maps while the loop runs and fails on any mapping with both w and x. Then kills it.
2. When strace is installed, runs a program that compiles many functions under strace and fails on any
   mmap/mprotect/pkey_mprotect asking for PROT_WRITE|PROT_EXEC, which catches a W+X window that maps
   sampling could miss between two samples.
Skipped (exit 77) when cpvm has no JIT.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SPIN = """\
def spin(n):
    total = 0
    i = 0
    while i < n:
        total += i
        i += 1
    return total
print(spin(10**15))
"""

# 200 functions, each compiled on its first call under --jit=always: many rounds of write, then seal.
_MANY = "".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(200)) + \
    "total = 0\n" + "".join(f"total = total + f{i}(1)\n" for i in range(200)) + "print(total)\n"

_SAMPLES = 100  # maps samples taken while the loop runs
_SAMPLE_GAP = 0.01  # seconds between samples


def _mappings(pid: int) -> list[tuple[str, str, str]]:
    """(address range, permissions, path) of each mapping of [pid]."""
    rows = []
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        fields = line.split(None, 5)
        rows.append((fields[0], fields[1], fields[5] if len(fields) > 5 else ""))
    return rows


def _check_maps(cpvm: str, folder: Path) -> list[str]:
    program = folder / "spin.py"
    program.write_text(_SPIN)
    process = subprocess.Popen([cpvm, "--jit=always", "run", str(program)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    problems: list[str] = []
    try:
        deadline = time.monotonic() + 10
        jit_code = []
        while not jit_code and time.monotonic() < deadline and process.poll() is None:
            jit_code = [m for m in _mappings(process.pid) if "x" in m[1] and m[2] == ""]
            time.sleep(_SAMPLE_GAP)
        if not jit_code:
            return [f"no anonymous executable mapping (JIT code) appeared in 10 s; exit status {process.poll()}"]
        for _ in range(_SAMPLES):
            maps = _mappings(process.pid)
            if process.poll() is not None:
                return [f"the program stopped while being sampled (exit status {process.returncode})"]
            problems += [f"writable and executable: {m[0]} {m[1]} {m[2]}" for m in maps if "w" in m[1] and "x" in m[1]]
            time.sleep(_SAMPLE_GAP)
    finally:
        process.kill()
        process.wait()
    if not problems:
        print(f"ok   maps: {_SAMPLES} samples while JIT code ran, JIT code at {jit_code[0][0]} ({jit_code[0][1]}), "
              "no w+x mapping")
    return sorted(set(problems))


def _check_syscalls(cpvm: str, folder: Path) -> list[str]:
    strace = shutil.which("strace")
    if strace is None:
        print("skip syscalls: strace is not installed")
        return []
    program = folder / "many.py"
    program.write_text(_MANY)
    log = folder / "strace.log"
    # LeakSanitizer cannot run under ptrace; an ASan build still checks everything else.
    env = dict(os.environ, ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")
    result = subprocess.run([strace, "-f", "-o", str(log), "-e", "trace=mmap,mprotect,pkey_mprotect", cpvm,
                             "--jit=always", "run", str(program)], capture_output=True, text=True, timeout=120,
                            check=False, env=env)
    if result.returncode != 0:
        return [f"under strace the program failed (status {result.returncode}): {result.stderr[-500:]}"]
    expected = str(sum(1 + i for i in range(200)))
    if result.stdout.strip() != expected:
        return [f"under strace the program printed {result.stdout!r}, expected {expected}"]
    calls = log.read_text().splitlines()
    exec_calls = [c for c in calls if "PROT_EXEC" in c and "MAP_DENYWRITE" not in c]  # not the loader's
    if len(exec_calls) < 2:
        return [f"only {len(exec_calls)} PROT_EXEC calls outside the loader: the JIT did not seal its code?"]
    problems = [f"asks for write and execute: {c}" for c in calls if re.search(r"PROT_WRITE\|PROT_EXEC|PROT_EXEC\|.*PROT_WRITE", c)]
    if not problems:
        print(f"ok   syscalls: {len(exec_calls)} calls made JIT memory executable, none of them with PROT_WRITE")
    return problems


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: check_wx.py CPVM", file=sys.stderr)
        return 2
    cpvm = sys.argv[1]
    version = subprocess.run([cpvm, "--version"], capture_output=True, text=True, check=False).stdout
    if "JIT: available" not in version:
        print("skip: this cpvm has no JIT")
        return 77
    with tempfile.TemporaryDirectory(prefix="cpvm-wx-") as scratch:
        problems = _check_maps(cpvm, Path(scratch)) + _check_syscalls(cpvm, Path(scratch))
    for problem in problems:
        print(f"FAIL {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
