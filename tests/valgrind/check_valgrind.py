#!/usr/bin/env python3
"""check_valgrind.py: runs the program corpus under valgrind memcheck, in the interpreter and the JIT.

    check_valgrind.py CPVM PROGRAMS_DIR [--all] [--filter TEXT] [--jobs N] [--modes off,always]

Each tests/programs case runs as `valgrind cpvm --jit=MODE case.py` in its folder, with --leak-check=full.
A run fails on any memcheck error or definite leak (valgrind's exit status 99, whatever the program's), on
an exit status other than the case's `# exit:` (tests/programs/README.md), or on a crash. Without --all
only SUBSET runs (see README.md for why and how long the whole corpus takes). Exits 77 (skip) when
valgrind is not installed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from run_programs import parse_expected  # noqa: E402  (the .expected format has one parser)

_VALGRIND_STATUS = 99  # --error-exitcode: no program exits with it
_TIMEOUT = 600

# One or two cases per folder of tests/programs, chosen for the most different paths through the VM:
# recursion and calls (frames, JIT calls), the GC under list churn, strings and formatting, tracebacks of
# each kind of error, the lexer's odd inputs, and sys.argv.
SUBSET = (
    "arith/overflow.py",
    "arith/float_repr.py",
    "control/nested_loops_deep.py",
    "errors/recursion_limit.py",
    "errors/index_error.py",
    "errors/traceback_depth.py",
    "errors/compile/class_def.py",
    "exprs/chained_comparisons.py",
    "functions/recursion.py",
    "functions/defaults.py",
    "lexer/unicode_strings.py",
    "lists/pop_and_append_loop.py",
    "lists/slicing.py",
    "modules/sys_argv.py",
    "strings/percent_format.py",
    "tuples/packing.py",
)


def _valgrind_command(valgrind: str, mode: str) -> list[str]:
    return [valgrind, "--tool=memcheck", "-q", f"--error-exitcode={_VALGRIND_STATUS}", "--leak-check=full",
            "--show-leak-kinds=definite", "--errors-for-leak-kinds=definite",
            # The JIT writes machine code into memory it later frees and reuses: tell valgrind to
            # notice code that changes (the default only checks code on the stack).
            "--smc-check=all-non-file" if mode != "off" else "--smc-check=stack"]


def _run(valgrind: str, cpvm: str, case: Path, mode: str) -> tuple[str, float, str | None]:
    """Runs one case; returns (label, seconds, why it failed or None)."""
    label = f"{case.parent.name}/{case.name} --jit={mode}"
    expected = parse_expected(case.with_suffix(".expected").read_text())
    command = _valgrind_command(valgrind, mode) + [cpvm, f"--jit={mode}", "run", case.name, *expected.args]
    start = time.monotonic()
    try:
        result = subprocess.run(command, cwd=case.parent, capture_output=True, timeout=_TIMEOUT, check=False,
                                stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return label, _TIMEOUT, f"no result after {_TIMEOUT} s"
    seconds = time.monotonic() - start
    stderr = result.stderr.decode("utf-8", "replace")
    report = "\n".join(line for line in stderr.splitlines() if line.startswith("=="))
    if result.returncode == _VALGRIND_STATUS or report:
        return label, seconds, f"valgrind reports (exit status {result.returncode}):\n{report}"
    if result.returncode != expected.exit:
        return label, seconds, f"exit status {result.returncode}, expected {expected.exit}:\n{stderr[-800:]}"
    return label, seconds, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cpvm")
    parser.add_argument("programs", type=Path)
    parser.add_argument("--all", action="store_true", help="the whole corpus, not the CI subset")
    parser.add_argument("--filter", default="", help="only cases whose path contains this")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--modes", default="off,always", help="comma-separated --jit modes")
    args = parser.parse_args()
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("skip: valgrind is not installed")
        return 77
    cpvm = str(Path(args.cpvm).resolve())
    version = subprocess.run([cpvm, "--version"], capture_output=True, text=True, check=False).stdout
    modes = [m for m in args.modes.split(",") if m == "off" or "JIT: available" in version]
    if args.all:
        cases = sorted(args.programs.rglob("*.py"))
    else:
        cases = [args.programs / name for name in SUBSET]
        missing = [str(c) for c in cases if not c.exists()]
        if missing:
            print(f"FAIL the valgrind subset names missing cases: {', '.join(missing)}")
            return 1
    cases = [c for c in cases if args.filter in str(c) and c.with_suffix(".expected").exists()]
    start = time.monotonic()
    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        runs = [pool.submit(_run, valgrind, cpvm, case, mode) for case in cases for mode in modes]
        for future in runs:
            label, seconds, why = future.result()
            if why is None:
                print(f"ok   {label} ({seconds:.1f} s)")
            else:
                failures += 1
                print(f"FAIL {label}: {why}")
    total = len(cases) * len(modes)
    print(f"valgrind: {total - failures} of {total} runs clean in {time.monotonic() - start:.0f} s "
          f"({'whole corpus' if args.all else 'subset; --all for the whole corpus'})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
