#!/usr/bin/env python3
"""Runs the Python-subset programs in tests/programs under cpvm (and CPython) and checks their output.

Each tests/programs/<feature>/<case>.py has a <case>.expected: the expected stdout, then optional
trailer lines, each starting with '# ':

    # exit: 1                                   expected exit status (default 0)
    # stderr-last: ZeroDivisionError: division by zero    the last line of stderr
    # stderr: case.py:3:1: error: ...           the whole of stderr, one trailer line per line
    # args: a b                                 arguments after the program name
    # cpython: skip <reason>                    do not compare with CPython (cpvm differs on purpose)
    # gc-stress: skip <reason>                  not run under CPVM_GC_STRESS=1 (a collection at every
                                                allocation makes a million-allocation program take minutes);
                                                the count of such programs is printed

A program passes when, under every --config, cpvm gives the expected stdout, status and stderr, all
configurations agree, and (when a python3 is found) CPython gives the same stdout, status and last
stderr line. Programs run with their folder as the working directory and their bare file name, so
messages and tracebacks name "case.py" under both. Prints "N passed, M failed"; exits 1 on failure.

usage: run_programs.py CPVM PROGRAMS_DIR [--python PYTHON] [--config=ARGS]... [--filter TEXT] [-v]
  --config=ARGS   cpvm options for one configuration, e.g. --config=--jit=always (repeatable;
                  default --jit=off). Use the = form, since ARGS itself starts with dashes.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

TIMEOUT_SECONDS = 120  # generous: the sanitizer build is slow, and a hang should fail, not block CI
TRAILER_KEYS = ("exit", "stderr-last", "stderr", "args", "cpython", "gc-stress")
SKIPPED = ["skipped"]  # check_program's answer for a program this run does not take


@dataclasses.dataclass
class Expected:
    stdout: str
    exit: int = 0
    stderr_last: str | None = None
    stderr: list[str] | None = None
    args: list[str] = dataclasses.field(default_factory=list)
    skip_cpython: bool = False
    skip_gc_stress: bool = False


@dataclasses.dataclass
class Outcome:
    stdout: str
    stderr: str
    status: int


def parse_expected(text: str) -> Expected:
    """Splits an .expected file into stdout and its trailer lines (see the module docstring)."""
    lines = text.splitlines(keepends=True)
    trailer: list[str] = []
    while lines:
        line = lines[-1].rstrip("\n")
        key = line[2:].split(":", 1)[0] if line.startswith("# ") else ""
        if key not in TRAILER_KEYS:
            break
        trailer.insert(0, line)
        lines.pop()
    expected = Expected(stdout="".join(lines))
    for line in trailer:
        key, _, value = line[2:].partition(":")
        value = value[1:] if value.startswith(" ") else value
        if key == "exit":
            expected.exit = int(value)
        elif key == "stderr-last":
            expected.stderr_last = value
        elif key == "stderr":
            expected.stderr = (expected.stderr or []) + [value]
        elif key == "args":
            expected.args = shlex.split(value)
        elif key == "cpython":
            expected.skip_cpython = value.startswith("skip")
        elif key == "gc-stress":
            expected.skip_gc_stress = value.startswith("skip")
    return expected


def last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run(command: list[str], cwd: Path) -> Outcome:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=TIMEOUT_SECONDS, env=env)
    except subprocess.TimeoutExpired:
        return Outcome("", f"timed out after {TIMEOUT_SECONDS}s", -1)
    return Outcome(done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"), done.returncode)


def check_outcome(outcome: Outcome, expected: Expected) -> list[str]:
    """What is wrong with one run, as messages (empty when it matches)."""
    problems = []
    if outcome.stdout != expected.stdout:
        problems.append(f"stdout differs:\n--- expected\n{expected.stdout}--- got\n{outcome.stdout}---")
    if outcome.status != expected.exit:
        problems.append(f"exit status {outcome.status}, expected {expected.exit}")
    if expected.stderr is not None:
        if outcome.stderr.rstrip("\n").split("\n") != expected.stderr:
            want = "\n".join(expected.stderr)
            problems.append(f"stderr differs:\n--- expected\n{want}\n--- got\n{outcome.stderr}---")
    elif expected.stderr_last is not None:
        if last_line(outcome.stderr) != expected.stderr_last:
            problems.append(f"last stderr line {last_line(outcome.stderr)!r}, expected {expected.stderr_last!r}")
    elif expected.exit == 0 and outcome.stderr:
        problems.append(f"unexpected stderr:\n{outcome.stderr}")
    return problems


def check_program(program: Path, cpvm: str, configs: list[str], python: str | None) -> list[str]:
    """Runs one program under every configuration (and CPython); returns the problems found."""
    expected_path = program.with_suffix(".expected")
    if not expected_path.exists():
        return [f"missing {expected_path.name}"]
    expected = parse_expected(expected_path.read_text(encoding="utf-8"))
    if expected.skip_gc_stress and os.environ.get("CPVM_GC_STRESS"):
        return SKIPPED
    problems: list[str] = []
    outcomes: dict[str, Outcome] = {}
    for config in configs:
        command = [cpvm, *shlex.split(config), "run", program.name, *expected.args]
        outcome = outcomes[config] = run(command, program.parent)
        problems += [f"[{config}] {p}" for p in check_outcome(outcome, expected)]
    first = outcomes[configs[0]]
    for config in configs[1:]:
        other = outcomes[config]
        if (other.stdout, other.status, last_line(other.stderr)) != (first.stdout, first.status, last_line(first.stderr)):
            problems.append(f"[{config}] disagrees with [{configs[0]}]")
    if python is not None and not expected.skip_cpython:
        reference = run([python, program.name, *expected.args], program.parent)
        if reference.stdout != expected.stdout:
            problems.append(f"[cpython] stdout differs from .expected:\n--- cpython\n{reference.stdout}---")
        if reference.status != expected.exit:
            problems.append(f"[cpython] exit status {reference.status}, .expected says {expected.exit}")
        if expected.exit != 0 and last_line(reference.stderr) != last_line(first.stderr):
            problems.append(f"[cpython] last stderr line {last_line(reference.stderr)!r}, "
                            f"cpvm's {last_line(first.stderr)!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cpvm")
    parser.add_argument("programs")
    parser.add_argument("--python", help="CPython to compare with (default: python3 on PATH, if any)")
    parser.add_argument("--no-python", action="store_true", help="skip the CPython comparison")
    parser.add_argument("--config", action="append", help="cpvm options of one configuration")
    parser.add_argument("--filter", default="", help="only programs whose path contains this text")
    parser.add_argument("-v", "--verbose", action="store_true", help="name every program as it passes")
    args = parser.parse_args()

    cpvm = str(Path(args.cpvm).resolve())
    configs = args.config or ["--jit=off"]
    python = None if args.no_python else (args.python or shutil.which("python3"))
    programs = sorted(p for p in Path(args.programs).rglob("*.py") if args.filter in str(p))
    if not programs:
        print(f"run_programs: error: no programs under {args.programs}", file=sys.stderr)
        return 1
    if python is None and not args.no_python:
        print("run_programs: python3 not found; skipping the CPython comparison")

    passed = failed = skipped = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = pool.map(lambda p: check_program(p, cpvm, configs, python), programs)
        for program, problems in zip(programs, results):
            name = program.relative_to(args.programs)
            if problems is SKIPPED:
                skipped += 1
            elif problems:
                failed += 1
                print(f"FAIL {name}")
                for problem in problems:
                    print("    " + problem.replace("\n", "\n    "))
            else:
                passed += 1
                if args.verbose:
                    print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed" + (f", {skipped} not run under CPVM_GC_STRESS" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
