#!/usr/bin/env python3
"""Differential test: random programs must behave identically in cpvm's interpreter and JIT (and CPython).

For each seed S..S+N-1, gen_programs.py makes a program; cpvm runs it under every configuration (--jit=off,
--jit=always, --jit=auto --jit-threshold 1), which must agree exactly on stdout, stderr and exit status.
For every Kth program (--python-every) CPython runs it too and must agree on stdout, exit status and the
traceback (minus CPython's caret lines). A program without a trap must also exit 0. On a mismatch the
program is written to --out with the commands that reproduce it (and, with --reduce, a smaller program
that still fails the same way). The last line is "N passed, M failed"; the exit status is 1 on failure.

usage: check_diff.py CPVM [--seed S] [--count N] [--config=ARGS]... [--python PYTHON | --no-python]
                          [--python-every K] [--jobs J] [--out DIR] [--reduce] [--gc-stress] [-v]
"""
from __future__ import annotations

import argparse
import ast
import concurrent.futures
import dataclasses
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_programs  # noqa: E402  (found next to this script)

DEFAULT_CONFIGS = ["--jit=off", "--jit=always", "--jit=auto --jit-threshold 1"]
TIMEOUT_SECONDS = 20     # a program takes milliseconds; only a hang (or a sanitizer build) comes near this
CARET_LINE = re.compile(r"^\s*[~^]+\s*$")  # CPython 3.11+ marks the failing expression; cpvm does not
DIFF_LINES = 40          # lines of a mismatch shown on the console


@dataclasses.dataclass(frozen=True)
class Outcome:
    stdout: str
    stderr: str
    status: int


@dataclasses.dataclass
class Failure:
    seed: int
    kind: str      # "tiers": configurations disagree; "cpython": cpvm differs from CPython; "invalid": see detail
    detail: str
    signature: tuple = ()  # what --reduce keeps: the differing streams and stderr lines, cpvm's last stderr line


def run(command: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> Outcome:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8", PYTHONHASHSEED="0")
    env.update(extra_env or {})
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=TIMEOUT_SECONDS, env=env)
    except subprocess.TimeoutExpired:
        return Outcome("", f"timed out after {TIMEOUT_SECONDS}s", -1)
    return Outcome(done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"), done.returncode)


def traceback_of(stderr: str, workdir: Path) -> str:
    """[stderr] as cpvm would print it: CPython names the script by its absolute path and marks the
    failing expression with carets."""
    stderr = stderr.replace(f'File "{workdir}/', 'File "')
    return "".join(line for line in stderr.splitlines(keepends=True) if not CARET_LINE.match(line))


def last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def describe(kind: str, seed: int, a_name: str, a: Outcome, b_name: str, b: Outcome,
             stderr_filter=lambda s: s) -> Failure:
    """The difference between two outcomes as a failure: short unified diffs, and a signature that
    survives deleting unrelated lines (no line numbers, no stdout contents)."""
    parts = []
    signature: list = [kind, last_line(b.stderr)]
    if a.status != b.status:
        parts.append(f"exit status: {a_name} {a.status}, {b_name} {b.status}")
        signature.append((a.status, b.status))
    for what, x, y in (("stdout", a.stdout, b.stdout), ("stderr", stderr_filter(a.stderr), stderr_filter(b.stderr))):
        if x != y:
            diff = list(difflib.unified_diff(x.splitlines(), y.splitlines(), f"{a_name} {what}", f"{b_name} {what}",
                                             lineterm="", n=1))
            if what == "stderr":
                signature.append(frozenset(line for line in diff[2:] if line[:1] in "+-"
                                           and not line[1:].startswith("  File ")))
            else:
                signature.append(what)
            if len(diff) > DIFF_LINES:
                diff = diff[:DIFF_LINES] + [f"... ({len(diff) - DIFF_LINES} more diff lines)"]
            parts.append("\n".join(diff))
    return Failure(seed, kind, "\n".join(parts), tuple(signature))


def find_python() -> str | None:
    """The CPython to compare with: the one running this script (meson's python3; no pyenv-style shim
    whose startup would dominate the run), else python3 on PATH."""
    if sys.executable and sys.implementation.name == "cpython":
        return sys.executable
    return shutil.which("python3")


def config_name(config: list[str]) -> str:
    return " ".join(config)


def python_version(python: str) -> tuple[int, int]:
    done = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True, text=True)
    major, minor = done.stdout.split()
    return int(major), int(minor)


class Checker:
    def __init__(self, cpvm: str, configs: list[list[str]], python: str | None, python_every: int,
                 workdir: Path) -> None:
        self.cpvm = cpvm
        self.configs = configs
        self.cpvm_env: dict[str, str] = {}
        self.python = python
        self.python_every = python_every
        self.workdir = workdir
        # cpvm's messages and tracebacks follow CPython 3.11; later versions reword some ("integer modulo
        # by zero"), so with them only stdout and the exit status are compared
        self.compare_tracebacks = python is not None and python_version(python) == (3, 11)

    def check_source(self, seed: int, source: str, may_fail: bool, with_python: bool, tag: str = "") -> Failure | None:
        """Runs one program everywhere; returns its first failure, or None."""
        name = f"prog_{seed}{tag}.py"
        (self.workdir / name).write_text(source, encoding="utf-8")
        try:
            outcomes = [run([self.cpvm, *config, name], self.workdir, self.cpvm_env) for config in self.configs]
            reference = run([self.python, name], self.workdir) if with_python and self.python else None
        finally:
            (self.workdir / name).unlink()
        first = outcomes[0]
        for config, other in zip(self.configs[1:], outcomes[1:]):
            if other != first:
                return describe("tiers", seed, config_name(self.configs[0]), first, config_name(config), other)
        if first.status not in (0, 1) or (first.status == 1 and not may_fail):
            return Failure(seed, "invalid", f"exit status {first.status} from a program "
                           f"{'with' if may_fail else 'without'} a trap:\n{first.stderr[-2000:]}",
                           ("invalid", first.status, last_line(first.stderr)))
        def normal(stderr: str) -> str:
            return traceback_of(stderr, self.workdir) if self.compare_tracebacks else ""
        if reference is not None and (reference.stdout, reference.status, normal(reference.stderr)) != \
                (first.stdout, first.status, normal(first.stderr)):
            return describe("cpython", seed, "cpython", reference, "cpvm", first, normal)
        return None

    def check_seed(self, index: int, seed: int) -> Failure | None:
        program = gen_programs.generate(seed)
        with_python = self.python is not None and index % self.python_every == 0
        return self.check_source(seed, program.source, program.may_fail, with_python)

    def reduce(self, failure: Failure, source: str, may_fail: bool) -> str:
        """A smaller program failing the same way (same signature): drops whole blocks, then single lines."""
        lines = source.splitlines()

        def still_fails(candidate: list[str]) -> bool:
            try:  # keep the program valid Python: a cut that breaks the syntax teaches nothing
                ast.parse("\n".join(candidate))
            except SyntaxError:
                return False
            result = self.check_source(failure.seed, "\n".join(candidate) + "\n", may_fail,
                                       failure.kind == "cpython", tag="_reduce")
            return result is not None and result.signature == failure.signature

        progress = True
        while progress:
            progress = False
            i = 0
            while i < len(lines):
                end = block_end(lines, i)
                for lo, hi in ((i, end), (i, i + 1)) if end > i + 1 else ((i, i + 1),):
                    candidate = lines[:lo] + lines[hi:]
                    if candidate and still_fails(candidate):
                        lines = candidate
                        progress = True
                        break
                else:
                    i += 1
        return "\n".join(lines) + "\n"


def block_end(lines: list[str], i: int) -> int:
    """The index just past line [i] and the lines indented under it."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
        j += 1
    return j


def report(failure: Failure, checker: Checker, out: Path, do_reduce: bool) -> None:
    program = gen_programs.generate(failure.seed)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"prog_{failure.seed}.py"
    path.write_text(program.source, encoding="utf-8")
    print(f"FAIL seed {failure.seed} ({failure.kind})")
    print("    " + failure.detail.replace("\n", "\n    "))
    print(f"    program: {path}")
    if do_reduce:
        reduced = checker.reduce(failure, program.source, program.may_fail)
        path = out / f"prog_{failure.seed}.min.py"
        path.write_text(reduced, encoding="utf-8")
        print(f"    reduced ({len(reduced.splitlines())} lines): {path}")
    here = Path(__file__).resolve().parent
    configs = " ".join(shlex.quote(config_name(c)) for c in checker.configs)
    print(f"    reproduce: for c in {configs}; do {checker.cpvm} $c {path}; echo \"exit $?\"; done")
    print(f"    regenerate: python3 {here / 'gen_programs.py'} --seed {failure.seed}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cpvm")
    parser.add_argument("--config", action="append", metavar="ARGS",
                        help="cpvm options of one configuration, repeatable; use the = form "
                             "(default: --jit=off, --jit=always, --jit=auto --jit-threshold 1)")
    parser.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    parser.add_argument("--count", type=int, default=2000, help="number of programs (default 2000)")
    parser.add_argument("--python", help="CPython to compare with (default: the one running this script)")
    parser.add_argument("--no-python", action="store_true", help="skip the CPython comparison")
    parser.add_argument("--python-every", type=int, default=10, metavar="K",
                        help="compare every Kth program with CPython (default 10; 1 for all)")
    parser.add_argument("--jobs", type=int, default=(os.cpu_count() or 2) + 1, help="programs checked at once")
    parser.add_argument("--out", default="difftest-failures", help="where failing programs go")
    parser.add_argument("--reduce", action="store_true", help="also write a reduced program for each failure")
    parser.add_argument("--max-reports", type=int, default=10, help="failures shown (and reduced) at most")
    parser.add_argument("--gc-stress", action="store_true",
                        help="run cpvm with CPVM_GC_STRESS=1 (a collection at every allocation; slow)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print progress every 1000 programs")
    args = parser.parse_args()

    cpvm = str(Path(args.cpvm).resolve())
    python = None if args.no_python else (args.python or find_python())
    if python is None and not args.no_python:
        print("check_diff: python3 not found; skipping the CPython comparison")
    started = time.monotonic()
    passed = failed = 0
    failures: list[Failure] = []
    with tempfile.TemporaryDirectory(prefix="cpvm-difftest-") as tmp:
        configs = [shlex.split(c) for c in (args.config or DEFAULT_CONFIGS)]
        checker = Checker(cpvm, configs, python, max(1, args.python_every), Path(tmp))
        if args.gc_stress:
            checker.cpvm_env["CPVM_GC_STRESS"] = "1"
        seeds = range(args.seed, args.seed + args.count)
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for done, result in enumerate(pool.map(checker.check_seed, range(len(seeds)), seeds), 1):
                if result is None:
                    passed += 1
                else:
                    failed += 1
                    failures.append(result)
                if args.verbose and done % 1000 == 0:
                    print(f"  {done} programs, {failed} failed, {time.monotonic() - started:.0f}s", flush=True)
        for failure in failures[:args.max_reports]:
            report(failure, checker, Path(args.out).resolve(), args.reduce)
    if len(failures) > args.max_reports:
        print(f"(and {len(failures) - args.max_reports} more failing seeds: "
              f"{' '.join(str(f.seed) for f in failures[args.max_reports:args.max_reports + 50])})")
    compared = "" if python is None else f", every {max(1, args.python_every)}th also against CPython"
    if python is not None and not checker.compare_tracebacks:
        compared += " (stdout and status only: tracebacks are compared with CPython 3.11)"
    print(f"seeds {args.seed}..{args.seed + args.count - 1}{compared}, {time.monotonic() - started:.1f}s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
