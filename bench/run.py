#!/usr/bin/env python3
"""run.py: the benchmark harness: cpvm's interpreter and JIT against CPython, PyPy, Lua 5.4 and LuaJIT.

Runs bench/programs/*.py (cpvm, CPython, PyPy) and their twins bench/lua/*.lua (Lua 5.4, LuaJIT) under
every configuration found, alternating configurations (A B C A B C ...) after a warm-up run, and checks
that every run prints the output recorded in bench/checksums.json: a mismatch fails the run (exit 1).
report.py turns the results into a Markdown table (stdout), a JSON file and an SVG chart.
Standard library only. See bench/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import fnmatch
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import report

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
CHECKSUMS_FILE = BENCH_DIR / "checksums.json"


class HarnessError(Exception):
    """A problem that stops the whole run (bad option, unusable tool)."""


# --- Benchmarks and configurations ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Benchmark:
    """One program of the suite and the size argument it gets (each program's default is `full`)."""

    name: str
    full: str  # sized for about 1-3 s under CPython 3.11
    quick: str  # sized for well under a second: --quick only proves the programs and tools agree


BENCHMARKS = (
    Benchmark("fib", "36", "22"),
    Benchmark("loops", "3200", "200"),
    Benchmark("sieve", "3400000", "50000"),
    Benchmark("nbody", "360000", "5000"),
    Benchmark("spectral_norm", "550", "60"),
    Benchmark("fannkuch", "9", "7"),
    Benchmark("mandelbrot", "600", "60"),
    Benchmark("nqueens", "12", "8"),
    Benchmark("richards", "630000", "5000"),
    Benchmark("strings", "500000", "5000"),
    Benchmark("sort", "900000", "10000"),
    Benchmark("hashing", "18", "12"),
    Benchmark("dicts", "500000", "5000"),
    Benchmark("sets", "600000", "5000"),
    Benchmark("pidigits", "5000", "300"),  # big ints: no Lua twins (Lua has none)
    Benchmark("bigfact", "8000", "500"),
    Benchmark("strmethods", "300000", "5000"),
    Benchmark("closures", "3000000", "20000"),
    Benchmark("comprehensions", "3600", "30"),
    Benchmark("exceptions", "4000000", "20000"),
    Benchmark("generators", "300000", "5000"),  # no Lua twin (coroutines are not generators)
)
# The two benchmarks that are not programs of the suite; --only selects them by these names.
COMPILE_BENCH = "compile_throughput"
STARTUP_BENCH = "startup"


@dataclasses.dataclass(frozen=True)
class Config:
    """A way to run a program: a command prefix and the language of the program it takes."""

    name: str
    command: tuple[str, ...]  # the program path and size argument are appended
    language: str  # "py" (bench/programs) or "lua" (bench/lua)
    is_cpvm: bool = False

    def program(self, bench: str) -> Path:
        folder = "programs" if self.language == "py" else "lua"
        return BENCH_DIR / folder / f"{bench}.{self.language}"


CPVM_MODES = (("cpvm-interp", "off"), ("cpvm-auto", "auto"), ("cpvm-always", "always"))
INTERP = "cpvm-interp"  # the baselines of the ratio columns
CPYTHON = "python3"


def probe_cpvm(cpvm: Path, workdir: Path) -> tuple[str, ...]:
    """Finds how this cpvm runs a .py file: `cpvm --jit=off F` or `cpvm run --jit=off F`.

    Returns the command prefix before the options. Raises HarnessError, naming what cpvm printed, when
    neither works: a cpvm binary that exists but cannot run a trivial program is a failure, not a skip.
    """
    probe = workdir / "probe.py"
    probe.write_text("print(6 * 7)\n")
    tried = []
    for prefix in ((str(cpvm),), (str(cpvm), "run")):
        argv = [*prefix, "--jit=off", str(probe)]
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as error:
            tried.append(f"$ {' '.join(argv)}\n{error}")
            continue
        if done.returncode == 0 and done.stdout.strip() == "42":
            return prefix
        tried.append(f"$ {' '.join(argv)}\nexit {done.returncode}\n{done.stdout}{done.stderr}".rstrip())
    raise HarnessError(f"{cpvm} exists but cannot run a .py file:\n" + "\n".join(tried))


def tool_version(argv: list[str]) -> str:
    """First line a tool prints for its version flag, or '?' (Lua prints to stdout, CPython 2 to stderr)."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0].strip() if lines else "?"


def find_configs(args: argparse.Namespace, workdir: Path, notes: list[str]) -> tuple[list[Config], dict]:
    """Every configuration whose tool is installed, and their versions. Missing tools become notes."""
    configs: list[Config] = []
    versions: dict[str, str] = {}
    cpvm = Path(args.cpvm).resolve()  # meson passes a path relative to the build directory
    patterns = split_list(args.config) if args.config else ["*"]
    wanted = any(fnmatch.fnmatchcase(name, p) for name, _ in CPVM_MODES for p in patterns)
    if args.no_cpvm or not wanted:
        notes.append("cpvm configurations skipped: " + ("--no-cpvm" if args.no_cpvm else "not in --config"))
    elif not (cpvm.is_file() and os.access(cpvm, os.X_OK)):
        notes.append(f"cpvm configurations skipped: no executable at {cpvm} (build it, or pass --cpvm PATH)")
    else:
        prefix = probe_cpvm(cpvm, workdir)
        versions["cpvm"] = tool_version([str(cpvm), "--version"])
        for name, mode in CPVM_MODES:
            configs.append(Config(name, (*prefix, f"--jit={mode}"), "py", is_cpvm=True))
    pythons = [CPYTHON] + list(args.python or [])
    if shutil.which("pypy3"):
        pythons.append("pypy3")
    seen = set()
    for python in pythons:
        path = shutil.which(python)
        if path is None:
            notes.append(f"{python} skipped: not found")
            continue
        name = python if python in (CPYTHON, "pypy3") else Path(python).name
        while name in seen:
            name += "'"
        seen.add(name)
        configs.append(Config(name, (path,), "py"))
        versions[name] = tool_version([path, "--version"])
    for name, command in (("lua5.4", ("lua5.4",)), ("luajit-joff", ("luajit", "-joff")),
                          ("luajit", ("luajit",))):
        path = shutil.which(command[0])
        if path is None:
            notes.append(f"{name} skipped: {command[0]} not found")
            continue
        configs.append(Config(name, (path, *command[1:]), "lua"))
        versions[command[0]] = tool_version([path, "-v"])
    if args.config:
        configs = [c for c in configs if any(fnmatch.fnmatchcase(c.name, p) for p in patterns)]
        if not configs:
            raise HarnessError(f"--config {','.join(patterns)} matches no available configuration")
    return configs, versions


def split_list(values: list[str]) -> list[str]:
    """Flattens repeated and comma-separated option values."""
    return [item for value in values for item in value.split(",") if item]


# --- Running one process ---------------------------------------------------------------------------


@dataclasses.dataclass
class Sample:
    """One run of one command."""

    seconds: float  # wall time from spawn to reap
    cpu_seconds: float  # user + system time of the child
    rss_kb: int | None  # peak resident set size, when measured (see run_process)
    stdout: str
    stderr: str
    status: int  # exit status; negative: killed by that signal
    timed_out: bool


def find_gnu_time() -> str | None:
    """GNU time, used to measure peak RSS.

    The RSS that wait4() reports for a child of this harness is useless: Linux carries the peak of the
    address space a process had before exec() into the child's figure, and a child of a Python process
    starts as a copy of (or shares, with vfork) the harness's ~15 MB. GNU time is a small C program that
    forks the command itself, so the peak it reports belongs to the command alone.
    """
    path = shutil.which("time")
    if path is None:
        return None
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if "GNU" in done.stdout + done.stderr else None


def run_process(argv: list[str], timeout: float, gnu_time: str | None = None) -> Sample:
    """Runs [argv] with output captured in files (pipes could fill up and stall the child).

    With [gnu_time], the command runs under it and the sample carries the peak RSS; timing runs go
    without it so that they do not pay for an extra fork and exec.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as rss_file:
        command = list(argv)
        if gnu_time:
            command = [gnu_time, "-f", "%M", "-o", rss_file.name, *argv]
        start = time.perf_counter()
        # A session of its own, so a timeout kills the command and not only GNU time in front of it.
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                 start_new_session=True)
        expired = threading.Event()

        def kill() -> None:
            expired.set()
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, wait_status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(wait_status)  # already reaped: keep Popen quiet
        out.seek(0)
        err.seek(0)
        rss_kb = None
        if gnu_time:
            lines = rss_file.read().split()
            rss_kb = int(lines[-1]) if lines and lines[-1].isdigit() else None
        return Sample(seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime, rss_kb=rss_kb,
                      stdout=out.read().decode(errors="replace"), stderr=err.read().decode(errors="replace"),
                      status=child.returncode, timed_out=expired.is_set())


# --- cpvm --stats ----------------------------------------------------------------------------------

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
# "compile time ns: 12345", "data bytes = 128", "machine code: 4096 bytes"
KEY_FIRST = re.compile(rf"^(?P<key>[A-Za-z][^:=]*?)\s*[:=]\s*(?P<value>{NUMBER})\s*(?P<unit>[A-Za-z%/µ]*)$")
# "3704 bytes of code", "3 functions", "0 OSR entries"
VALUE_FIRST = re.compile(rf"^(?P<value>{NUMBER})\s*(?P<key>[A-Za-z][A-Za-z ]*)$")
# "59 instructions compiled in 0.012 ms"
VALUE_IN_TIME = re.compile(rf"^(?P<value>{NUMBER})\s+(?P<key>[A-Za-z][A-Za-z ]*?)\s+in\s+"
                           rf"(?P<time>{NUMBER})\s*(?P<unit>ns|us|µs|ms|s)$")
PERCENT = re.compile(rf"^(?P<value>{NUMBER})\s*%$")
TIME_UNITS = {"ns": 1.0, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9}


def stat_key(*words: str) -> str:
    return re.sub(r"[^a-z0-9µ]+", "_", " ".join(words).lower().replace("%", " percent")).strip("_")


def parse_stats(text: str) -> dict[str, float]:
    """Reads `cpvm --stats` leniently. Each line may start with "cpvm:" and/or "jit:" and is either
    "key: value [unit]" or a list of value-first phrases separated by , ; ( ), as in
    "jit: 3 functions, 59 instructions compiled in 0.012 ms (204 ns per instruction)". Keys become
    snake_case words ("instructions_compiled", "bytes_of_code", "ns_per_instruction"); a bare "1.3%"
    becomes the previous key plus "_percent". Lines that fit neither form are ignored.
    """
    stats: dict[str, float] = {}
    for line in text.splitlines():
        line = line.strip()
        prefix = ""
        while match := re.match(r"^(cpvm|jit|gc|stats)\s*:\s*", line, flags=re.IGNORECASE):
            prefix = match[1].lower() if match[1].lower() != "cpvm" else prefix
            line = line[match.end():]
        if match := KEY_FIRST.match(line):
            unit = match["unit"].lower().replace("%", "percent")
            words = [match["key"]] + ([unit] if unit and unit not in stat_key(match["key"]).split("_") else [])
            stats[stat_key(*words)] = float(match["value"])
            continue
        last = ""
        for segment in re.split(r"[,;()]", line):
            segment = segment.strip()
            if match := VALUE_IN_TIME.match(segment):
                last = stat_key(match["key"])
                stats[last] = float(match["value"])
                stats[stat_key("compile time", match["unit"])] = float(match["time"])
            elif match := VALUE_FIRST.match(segment):
                last = stat_key(match["key"])
                stats[last] = float(match["value"])
            elif (match := PERCENT.match(segment)) and last:
                stats[last + "_percent"] = float(match["value"])
    return stats


def stats_text(sample: Sample) -> str:
    """Where --stats lines are: stderr, plus any stdout line that starts with "cpvm:" (the program's
    own output is never read as statistics)."""
    return sample.stderr + "".join(line + "\n" for line in sample.stdout.splitlines() if line.startswith("cpvm:"))


def find_stat(stats: dict[str, float], *words: str, exclude: tuple[str, ...] = ()) -> float | None:
    """The first stat whose key has a word starting with each of [words] ("compil" finds "compiled")
    and no word in [exclude]."""
    for key, value in stats.items():
        parts = key.split("_")
        if all(any(p.startswith(w) for p in parts) for w in words) and not any(x in parts for x in exclude):
            return value
    return None


def summarize_stats(stats: dict[str, float]) -> dict[str, float]:
    """The JIT figures the report shows. Totals are read from cpvm's lines; ratios are derived from
    them, except ns per instruction, which cpvm prints with more digits than its millisecond total."""
    ratio = ("per", "fraction", "percent", "ratio")
    times = tuple(TIME_UNITS)
    instructions = find_stat(stats, "instruction", exclude=ratio + times + ("time",))
    code = find_stat(stats, "code", exclude=ratio + ("data", "padding", "mapped"))
    padding = find_stat(stats, "padding", exclude=ratio)
    compile_ns = None
    for key, value in stats.items():
        parts = key.split("_")
        unit = next((p for p in parts if p in TIME_UNITS), None)
        if unit and any(p.startswith("compil") for p in parts) and not any(x in parts for x in ratio):
            compile_ns = value * TIME_UNITS[unit]
            break
    ns_per = find_stat(stats, "ns", "per", "instruction")
    out: dict[str, float] = {}
    for name, value in (("functions", find_stat(stats, "function", exclude=ratio)),
                        ("instructions", instructions), ("code_bytes", code), ("padding_bytes", padding),
                        ("data_bytes", find_stat(stats, "data", exclude=ratio)),
                        ("compile_ns", compile_ns), ("osr_entries", find_stat(stats, "osr", exclude=ratio)),
                        ("instructions_per_stencil", find_stat(stats, "instructions", "per", "stencil"))):
        if value is not None:
            out[name] = value
    if instructions:
        if ns_per is None and compile_ns is not None:
            ns_per = compile_ns / instructions
        if code is not None:
            out["code_bytes_per_instruction"] = code / instructions
    if ns_per is not None:
        out["ns_per_instruction"] = ns_per
    percent = find_stat(stats, "padding", "percent")
    if percent is not None:
        out["padding_fraction"] = percent / 100
    elif code and padding is not None:
        out["padding_fraction"] = padding / (code + out.get("data_bytes", 0))
    if code and instructions and ns_per:
        out["mb_per_s"] = code / (ns_per * instructions) * 1e3  # bytes per ns is GB/s
    return out


# --- Measuring the suite ---------------------------------------------------------------------------


@dataclasses.dataclass
class Cell:
    """Everything measured for one benchmark under one configuration."""

    times: list[float] = dataclasses.field(default_factory=list)  # timed repetitions, wall seconds
    cpu_times: list[float] = dataclasses.field(default_factory=list)
    rss_kb: int | None = None  # from the warm-up run
    output: str | None = None  # stdout of the warm-up run
    stats: dict[str, float] = dataclasses.field(default_factory=dict)  # cpvm --stats, raw
    jit: dict[str, float] = dataclasses.field(default_factory=dict)  # summarize_stats(stats)
    error: str | None = None  # first failure; a failed cell gets no further runs


class Progress:
    """One stderr line per run: what ran, how long it took, elapsed time and an estimate of what is left."""

    def __init__(self, total_runs: int, quiet: bool) -> None:
        self.total = total_runs
        self.done = 0
        self.start = time.perf_counter()
        self.quiet = quiet

    def step(self, what: str, seconds: float) -> None:
        self.done += 1
        if self.quiet:
            return
        elapsed = time.perf_counter() - self.start
        left = elapsed / self.done * (self.total - self.done)
        print(f"[{self.done:4}/{self.total}] {what:<44} {seconds:8.3f}s   elapsed {clock(elapsed)}"
              f"   left ~{clock(left)}", file=sys.stderr, flush=True)


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes}m{secs:02d}s"


def normalize_output(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def check_run(sample: Sample, expected: str | None, stats_run: bool) -> tuple[str | None, str]:
    """Returns (error or None, the program's output with any --stats lines taken out)."""
    output = sample.stdout
    if stats_run:  # --stats belongs on stderr; tolerate it on stdout rather than report a false mismatch
        output = "\n".join(line for line in output.splitlines() if not line.startswith("cpvm:"))
    output = normalize_output(output)
    if sample.timed_out:
        return "timed out", output
    if sample.status != 0:
        tail = "\n".join(sample.stderr.strip().splitlines()[-6:])
        return f"exit status {sample.status}\n{tail}", output
    if expected is not None and output != expected:
        return f"CHECKSUM MISMATCH\n--- expected\n{expected}\n--- got\n{output}", output
    return None, output


def measure_suite(benchmarks: list[Benchmark], configs: list[Config], args: argparse.Namespace,
                  gnu_time: str | None, expected: dict, progress: Progress) -> dict[str, dict[str, Cell]]:
    """Per benchmark: [args.warmup] untimed runs of each configuration (the first measures RSS and reads
    --stats), then [args.reps] rounds that run every configuration once, in the same order each round.
    Every run's output is checked against the recorded one and against the other configurations'.
    """
    size_key = "quick" if args.quick else "full"
    results: dict[str, dict[str, Cell]] = {}
    for bench in benchmarks:
        size = bench.quick if args.quick else bench.full
        reference = expected.get(bench.name, {}).get(size_key)
        cells = {config.name: Cell() for config in configs}
        results[bench.name] = cells

        def run_one(config: Config, label: str, timed: bool, warm: bool) -> None:
            cell = cells[config.name]
            if config.language == "lua" and not config.program(bench.name).exists():
                return  # a big-int benchmark has no Lua twin (bench/README.md); its column shows "-"
            if cell.error:
                progress.step(f"{bench.name} {config.name} {label} (skipped: failed)", 0.0)
                return
            argv = list(config.command)
            stats_run = warm and config.is_cpvm
            if stats_run:
                argv.append("--stats")
            argv += [str(config.program(bench.name)), size]
            sample = run_process(argv, args.timeout, gnu_time if warm else None)
            progress.step(f"{bench.name} {config.name} {label}", sample.seconds)
            error, output = check_run(sample, reference, stats_run)
            if error is None and cell.output is not None and output != cell.output:
                error = f"output changed between runs\n--- before\n{cell.output}\n--- now\n{output}"
            if error:
                cell.error = error
                print(f"\nrun.py: FAILED: {bench.name} under {config.name}: {error}\n  command: "
                      f"{' '.join(argv)}\n", file=sys.stderr, flush=True)
                return
            cell.output = output
            if stats_run:
                cell.stats = parse_stats(stats_text(sample))
                cell.jit = summarize_stats(cell.stats)
            if warm and sample.rss_kb is not None:
                cell.rss_kb = sample.rss_kb
            if timed:
                cell.times.append(sample.seconds)
                cell.cpu_times.append(sample.cpu_seconds)

        for w in range(args.warmup):
            for config in configs:
                run_one(config, "warm-up" if args.warmup == 1 else f"warm-up {w + 1}/{args.warmup}", False, True)
        for rep in range(args.reps):
            for config in configs:
                run_one(config, f"rep {rep + 1}/{args.reps}", True, False)
        check_agreement(bench.name, cells)
    return results


def check_agreement(bench: str, cells: dict[str, Cell]) -> None:
    """Without a recorded output, the configurations must still agree with each other (the first one that
    succeeded is the reference); any that differs is marked failed."""
    outputs = [(name, cell.output) for name, cell in cells.items() if cell.output is not None]
    if not outputs:
        return
    first_name, first = outputs[0]
    for name, output in outputs[1:]:
        if output != first:
            cells[name].error = (f"CHECKSUM MISMATCH against {first_name}\n--- {first_name}\n{first}\n"
                                 f"--- {name}\n{output}")
            print(f"\nrun.py: FAILED: {bench} under {name}: {cells[name].error}\n", file=sys.stderr)


# --- Compile throughput and start-up -----------------------------------------------------------------

# Statement templates for the generated function, cycled in order. Together they cover constants,
# locals, arithmetic, bit operations, comparisons and branches, list subscripts and float code, so the
# compiled function exercises many different stencils. {k} is the statement's number.
STATEMENT_TEMPLATES = (
    "    a = (a + {k}) & 65535",
    "    b = (b ^ (a << 1)) & 65535",
    "    if a > b:\n        c = c + {k} % 7\n    else:\n        c = c - 1",
    "    d = lst[a & 7] + d % 1000",
    "    lst[b & 7] = (d + {k}) & 255",
    "    f = f * 0.5 + 1.25 if f < 1000.0 else 0.5",
    "    c = (c * 3 + a // 5 - b % 11) % 100003",
)


def generate_big_function(statements: int) -> str:
    """A program whose function `big` has roughly 6 bytecode instructions per statement."""
    lines = ["# Generated by bench/run.py for the compile-throughput benchmark; not part of the suite.",
             "def big(a, b):", "    c = 0", "    d = 1", "    f = 0.0", "    lst = [0, 1, 2, 3, 4, 5, 6, 7]"]
    for k in range(statements):
        lines.append(STATEMENT_TEMPLATES[k % len(STATEMENT_TEMPLATES)].format(k=k))
    lines.append("    return (a + b * 7 + c * 13 + d * 17 + sum(lst)) % 1000003 + int(f) % 1000")
    lines.append("")
    lines.append("print(big(1, 2))")
    return "\n".join(lines) + "\n"


def measure_compile(configs: list[Config], args: argparse.Namespace, workdir: Path,
                    progress: Progress) -> dict | None:
    """Compiles one function of about [args.compile_instructions] instructions with --jit=always,
    several times (a process each), and reports compile ns per instruction and MB/s of machine code.

    The statement count is calibrated by a first run, from the instruction count cpvm reports. CPython
    runs the same file to give the expected output, so the big function's result is checked too.
    Returns None without cpvm-always; a failure is returned as {"error": ...}, not raised, so that the
    suite's results are still reported.
    """
    always = next((c for c in configs if c.name == "cpvm-always"), None)
    if always is None:
        return None
    target = 10000 if args.quick else args.compile_instructions
    reps = 1 if args.quick else max(args.reps, 3)
    source = workdir / "compile_throughput.py"
    python = shutil.which(CPYTHON) or sys.executable

    def run_once(statements: int) -> tuple[dict[str, float], str | None]:
        source.write_text(generate_big_function(statements))
        sample = run_process([*always.command, "--stats", str(source)], args.timeout)
        progress.step(f"{COMPILE_BENCH} ({statements} statements)", sample.seconds)
        expected = subprocess.run([python, str(source)], capture_output=True, text=True).stdout
        error, _ = check_run(sample, normalize_output(expected), True)
        return summarize_stats(parse_stats(stats_text(sample))), error

    statements = max(1, target // 6)
    first, error = run_once(statements)
    if first.get("instructions"):
        statements = max(1, round(statements * target / first["instructions"]))
    runs = []
    for _ in range(reps):
        if error:
            print(f"\nrun.py: FAILED: {COMPILE_BENCH}: {error}\n", file=sys.stderr)
            return {"statements": statements, "error": error}
        summary, error = run_once(statements)
        runs.append(summary)
    result: dict = {"statements": statements, "runs": runs}
    for key in ("instructions", "code_bytes", "compile_ns", "ns_per_instruction", "code_bytes_per_instruction",
                "padding_fraction", "mb_per_s"):
        values = [run[key] for run in runs if key in run]
        if values:
            result[key] = statistics.median(values)
    if error:
        result["error"] = error
    elif "ns_per_instruction" not in result:
        result["note"] = "cpvm --stats printed no compile time or instruction count"
    return result


def measure_startup(configs: list[Config], args: argparse.Namespace, workdir: Path,
                    progress: Progress) -> dict[str, dict]:
    """Runs an empty program: cpvm on an empty .py file, `python3 -c pass`, `lua5.4 -e ''` and so on.
    The configurations alternate, like the suite's."""
    empty = workdir / "empty.py"
    empty.write_text("")
    commands = {}
    for config in configs:
        if config.is_cpvm:
            commands[config.name] = [*config.command, str(empty)]
        elif config.language == "py":
            commands[config.name] = [*config.command, "-c", "pass"]
        else:
            commands[config.name] = [*config.command, "-e", ""]
    reps = 1 if args.quick else args.startup_reps
    times: dict[str, list[float]] = {name: [] for name in commands}
    errors: dict[str, str] = {}
    for rep in range(reps):
        round_start = time.perf_counter()
        for name, argv in commands.items():
            if name in errors:
                continue
            sample = run_process(argv, args.timeout)
            if sample.status != 0 or sample.stdout.strip():
                errors[name] = f"exit {sample.status}, printed {sample.stdout.strip()[:80]!r}"
                print(f"run.py: FAILED: {STARTUP_BENCH} under {name}: {errors[name]}", file=sys.stderr)
                continue
            times[name].append(sample.seconds)
        progress.step(f"{STARTUP_BENCH} round {rep + 1}/{reps}", time.perf_counter() - round_start)
    # Shown without the temporary directory, which differs on every run.
    shown = {name: shlex.join(argv).replace(str(workdir) + "/", "") for name, argv in commands.items()}
    return {name: {"command": shown[name], "times": times[name], "error": errors.get(name)} for name in commands}


# --- Machine description ---------------------------------------------------------------------------


def describe_machine(versions: dict[str, str]) -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def git(*argv: str) -> str:
        try:
            done = subprocess.run(["git", "-C", str(REPO_DIR), *argv], capture_output=True, text=True,
                                  timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short=12", "HEAD") or "none"
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "host": platform.node(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "git_commit": commit + ("+dirty" if dirty else ""),
        "harness_python": sys.version.split()[0],
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "tools": versions,
    }


# --- Command line ----------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="run.py", description="Benchmark cpvm's interpreter and JIT against CPython, PyPy and Lua.")
    parser.add_argument("--quick", action="store_true",
                        help="one run per configuration on reduced sizes: checks outputs, reports no timing")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help=f"benchmarks to run (glob; repeatable or comma-separated); {COMPILE_BENCH} and "
                             f"{STARTUP_BENCH} are selected by name too")
    parser.add_argument("--config", action="append", metavar="NAME",
                        help="configurations to run (glob, e.g. 'cpvm-*'; repeatable or comma-separated)")
    parser.add_argument("--list", action="store_true", help="list benchmarks and configurations, then exit")
    parser.add_argument("--reps", type=int, default=5, help="timed repetitions per configuration (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before the repetitions (default 1)")
    parser.add_argument("--cpvm", default=str(REPO_DIR / "build" / "cpvm"),
                        help="the cpvm binary (default: build/cpvm in the repository)")
    parser.add_argument("--no-cpvm", action="store_true", help="leave out the cpvm configurations")
    parser.add_argument("--python", action="append", metavar="PATH", help="another Python to compare")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is killed")
    parser.add_argument("--compile-instructions", type=int, default=100_000,
                        help="size of the compile-throughput function (default 100000)")
    parser.add_argument("--startup-reps", type=int, default=30, help="repetitions of the start-up benchmark")
    parser.add_argument("--out-dir", default=None,
                        help="where results.json, results.md and speedup.svg go (default bench/results; "
                             "--quick writes files only when this is given)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    parser.add_argument("--record-checksums", action="store_true",
                        help="run each program under CPython at both sizes and rewrite checksums.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.reps, args.warmup = 0, 1
    if args.reps < 0 or args.warmup < 1 and args.reps < 1:
        parser.error("need at least one run: --warmup >= 1 or --reps >= 1")
    return args


def select_benchmarks(args: argparse.Namespace) -> tuple[list[Benchmark], bool, bool]:
    names = [b.name for b in BENCHMARKS] + [COMPILE_BENCH, STARTUP_BENCH]
    patterns = split_list(args.only) if args.only else ["*"]
    chosen = {n for n in names if any(fnmatch.fnmatchcase(n, p) for p in patterns)}
    if not chosen:
        raise HarnessError(f"--only {','.join(patterns)} matches none of: {', '.join(names)}")
    return [b for b in BENCHMARKS if b.name in chosen], COMPILE_BENCH in chosen, STARTUP_BENCH in chosen


def record_checksums(timeout: float) -> int:
    """Rewrites checksums.json with CPython's output of every program at both sizes: the reference
    every configuration is checked against. Run it after changing a program or its sizes."""
    python = shutil.which(CPYTHON) or sys.executable
    recorded: dict[str, dict[str, str]] = {}
    for bench in BENCHMARKS:
        recorded[bench.name] = {}
        for key, size in (("quick", bench.quick), ("full", bench.full)):
            argv = [python, str(BENCH_DIR / "programs" / f"{bench.name}.py"), size]
            sample = run_process(argv, timeout)
            if sample.status != 0 or sample.timed_out:
                print(f"run.py: error: {' '.join(argv)} failed:\n{sample.stderr}", file=sys.stderr)
                return 1
            recorded[bench.name][key] = normalize_output(sample.stdout)
            print(f"{bench.name} {key} {sample.seconds:.2f}s", file=sys.stderr)
    report.write_atomically(CHECKSUMS_FILE, json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.record_checksums:
        return record_checksums(args.timeout)
    notes: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="cpvm-bench-") as tmp:
            workdir = Path(tmp)
            benchmarks, want_compile, want_startup = select_benchmarks(args)
            configs, versions = find_configs(args, workdir, notes)
            if args.list:
                print("benchmarks:", " ".join([b.name for b in BENCHMARKS] + [COMPILE_BENCH, STARTUP_BENCH]))
                print("configurations:", " ".join(c.name for c in configs))
                for note in notes:
                    print("note:", note)
                return 0
            for note in notes:
                print(f"run.py: note: {note}", file=sys.stderr)
            gnu_time = find_gnu_time()
            if gnu_time is None:
                notes.append("peak RSS not measured: GNU time (/usr/bin/time) not installed")
            expected = json.loads(CHECKSUMS_FILE.read_text()) if CHECKSUMS_FILE.exists() else {}
            has_cpvm = any(c.is_cpvm for c in configs)
            if want_compile and not has_cpvm:
                notes.append(f"{COMPILE_BENCH} skipped: needs cpvm-always")
            total = len(benchmarks) * len(configs) * (args.warmup + args.reps)
            total += (1 + (1 if args.quick else max(args.reps, 3))) if want_compile and has_cpvm else 0
            total += (1 if args.quick else args.startup_reps) if want_startup else 0
            progress = Progress(total, args.quiet)
            machine = describe_machine(versions)
            if machine["load_average_at_start"] > 0.5 * (os.cpu_count() or 1) and not args.quick:
                notes.append(f"the machine was busy (load average {machine['load_average_at_start']} at the "
                             f"start on {os.cpu_count()} CPUs): timings may be noisy")
            suite = measure_suite(benchmarks, configs, args, gnu_time, expected, progress)
            compile_result = measure_compile(configs, args, workdir, progress) if want_compile else None
            startup = measure_startup(configs, args, workdir, progress) if want_startup else {}
    except HarnessError as error:
        print(f"run.py: error: {error}", file=sys.stderr)
        return 2
    result = report.Run(command="bench/run.py " + " ".join(argv), quick=args.quick, machine=machine,
                     configs=[dataclasses.asdict(c) for c in configs], benchmarks=suite,
                     sizes={b.name: (b.quick if args.quick else b.full) for b in benchmarks},
                     compile=compile_result, startup=startup, notes=notes,
                     expected={b.name: expected.get(b.name, {}).get("quick" if args.quick else "full", "")
                               for b in benchmarks})
    markdown = report.markdown(result)
    print(markdown)
    out_dir = args.out_dir or (None if args.quick else str(BENCH_DIR / "results"))
    if out_dir:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        report.write_atomically(out / "results.json", json.dumps(report.to_json(result), indent=1) + "\n")
        report.write_atomically(out / "results.md", markdown + "\n")
        report.write_atomically(out / "speedup.svg", report.svg_chart(result))
        print(f"run.py: wrote {out}/results.json, results.md, speedup.svg", file=sys.stderr)
    failures = report.failures(result)
    if failures:
        print(f"run.py: FAILED: {len(failures)} failure(s): {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
