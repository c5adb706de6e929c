#!/usr/bin/env python3
"""check_bad.py: runs `cpvm run NAME.cpb` on every malformed file and checks it is refused cleanly.

Each case must exit with status 2, print nothing on stdout, and print exactly one stderr line of the form
"cpvm: error: PATH: invalid bytecode: ..." containing the case's expected text, with no sanitizer report
or crash. Cases come from make_bad.py (imported, so there is no generated directory to go stale); with
--dir the files are also kept there for inspection.

    check_bad.py CPVM [--dir OUT] [--verbose]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_bad  # noqa: E402  (a sibling script, not a package)

# Text that only a crash or a sanitizer prints.
_CRASH_MARKERS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "LeakSanitizer", "runtime error:",
                  "Segmentation fault", "Assertion", "core dumped")


def check_case(cpvm: str, path: Path, expected: str) -> str | None:
    """None when [path] is refused as required, else what went wrong."""
    try:
        result = subprocess.run([cpvm, "run", str(path)], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "timed out after 60 s"
    stdout = result.stdout.decode(errors="replace")
    stderr = result.stderr.decode(errors="replace")
    problems = []
    if result.returncode != 2:
        problems.append(f"exit status {result.returncode}, expected 2")
    if stdout:
        problems.append(f"stdout not empty: {stdout[:200]!r}")
    lines = stderr.splitlines()
    prefix = f"cpvm: error: {path}: invalid bytecode: "
    if len(lines) != 1 or not lines[0].startswith(prefix):
        problems.append(f"stderr is not one line starting {prefix!r}")
    elif expected not in lines[0]:
        problems.append(f"expected {expected!r} in the error")
    if any(marker in stderr for marker in _CRASH_MARKERS):
        problems.append("crash or sanitizer report")
    if problems:
        return "; ".join(problems) + f"\n    stderr: {stderr[:600]!r}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cpvm", help="the cpvm binary")
    parser.add_argument("--dir", type=Path, help="write the corpus here (default: a temporary directory)")
    parser.add_argument("--verbose", action="store_true", help="print every case")
    args = parser.parse_args()
    cases = make_bad.cases()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="cpvm_bad_") as tmp:
        out = args.dir or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for name, image, expected in cases:
            path = out / f"{name}.cpb"
            path.write_bytes(image)
            (out / f"{name}.expected").write_text(expected + "\n")
            problem = check_case(args.cpvm, path, expected)
            if problem is not None:
                failures += 1
                print(f"FAIL {name}: {problem}")
            elif args.verbose:
                print(f"ok   {name}")
    print(f"check_bad: {len(cases) - failures} of {len(cases)} malformed files refused correctly")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
