"""Checks --gdb-jit with gdb in batch mode: stopped in a builtin called from three compiled functions, `bt`
names every JIT frame (cpvm:FILE:FUNCTION, with its source line) and unwinds through them back to main().

usage: check_gdb.py CPVM GDB
Each check prints one line; the last line is "N passed, M failed".
"""
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
results: list[bool] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"))


def backtrace(gdb: str, cpvm: str, *options: str) -> str:
    """gdb's `bt` at the first call of the builtin len(), which deep.py makes from compiled leaf()."""
    command = [gdb, "-batch", "-nx", "-ex", "set debuginfod enabled off", "-ex", "set confirm off",
               "-ex", "break builtin_len", "-ex", "run", "-ex", "bt", "-ex", "kill",
               "--args", cpvm, "--jit=always", *options, "deep.py"]
    # ASan's shadow memory makes the run slow, and its checks do not mind being traced.
    environment = dict(os.environ, ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=HERE, env=environment).stdout


def main() -> int:
    cpvm, gdb = os.path.abspath(sys.argv[1]), sys.argv[2]
    if "JIT: available" not in subprocess.run([cpvm, "--version"], capture_output=True, text=True).stdout:
        print("skip: this cpvm has no JIT")
        return 77
    bt = backtrace(gdb, cpvm, "--gdb-jit")
    frames = re.findall(r"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\S+) \(.*?\)(?: at (\S+))?", bt, re.M)
    names = [name for _, name, _ in frames]
    jit = [(name, where) for _, name, where in frames if name.startswith("cpvm:deep.py:")]
    check("--gdb-jit: bt names the JIT frames, innermost first",
          [name for name, _ in jit][:4] == ["cpvm:deep.py:leaf", "cpvm:deep.py:middle", "cpvm:deep.py:main",
                                            "cpvm:deep.py:<module>"], bt)
    lines = [where.rsplit("/", 1)[-1] for _, where in jit]
    check("--gdb-jit: JIT frames have source lines (the symbol file's line table)",
          lines[:4] == ["deep.py:3", "deep.py:7", "deep.py:13", "deep.py:17"], str(lines))
    check("--gdb-jit: bt unwinds through JIT code and the entry shim back to main() (unwind rules)",
          bool(names) and names[-1] == "main" and "cpvm:<jit>:entry_shim" in names and "??" not in names, bt)
    plain = backtrace(gdb, cpvm)
    check("without --gdb-jit, gdb cannot name JIT frames (so the above is --gdb-jit's doing)",
          "builtin_len" in plain and "cpvm:deep.py" not in plain, plain)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
