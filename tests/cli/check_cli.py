"""Checks the cpvm command line: usage errors, exit statuses, --timeout, Ctrl-C, sys.argv, --stats.

usage: check_cli.py CPVM
Each check prints one line; the last line is "N passed, M failed".
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
results: list[bool] = []


def run(cpvm: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([cpvm, *args], capture_output=True, text=True, timeout=timeout, cwd=HERE)


def check(name: str, ok: bool, detail: str = "") -> None:
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"))


def jit_modes(cpvm: str) -> list[str]:
    version = run(cpvm, "--version").stdout
    return ["off", "auto", "always"] if "JIT: available" in version else ["off"]


def check_usage_errors(cpvm: str) -> None:
    for args, text in [(["--bogus", "x.py"], "unknown option '--bogus'"),
                       (["--jit=fast", "x.py"], "--jit must be off, auto or always"),
                       (["--recursion-limit", "0", "x.py"], "bad --recursion-limit"),
                       (["run"], "run needs a FILE"),
                       (["missing.py"], "missing.py: No such file or directory"),
                       (["asm", "forever.py"], "asm needs -o")]:
        r = run(cpvm, *args)
        one_line = r.stderr.count("\n") == 1
        check(f"usage error {' '.join(args)}", r.returncode == 2 and text in r.stderr and one_line and r.stdout == "",
              f"status {r.returncode}, stderr {r.stderr!r}")


def check_timeout(cpvm: str) -> None:
    for mode in jit_modes(cpvm):
        start = time.monotonic()
        r = run(cpvm, f"--jit={mode}", "--timeout", "0.3", "forever.py", timeout=30)
        elapsed = time.monotonic() - start
        check(f"--timeout stops an endless loop (--jit={mode})",
              r.returncode == 124 and r.stderr.endswith("TimeoutError: program exceeded its --timeout\n") and elapsed < 10,
              f"status {r.returncode} after {elapsed:.1f}s, stderr {r.stderr[-200:]!r}")


def check_sigint(cpvm: str) -> None:
    for mode in jit_modes(cpvm):
        process = subprocess.Popen([cpvm, f"--jit={mode}", "forever.py"], cwd=HERE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
        check(f"Ctrl-C stops an endless loop with status 130 (--jit={mode})",
              process.returncode == 130 and err.endswith("KeyboardInterrupt\n"),
              f"status {process.returncode}, stderr {err[-200:]!r}")


def check_signal_from_another_process(cpvm: str) -> None:
    """A fatal signal sent with kill(2) is reported with the sender's pid, then kills cpvm as before."""
    for signo in (signal.SIGSEGV, signal.SIGTERM):
        process = subprocess.Popen([cpvm, "--jit=off", "forever.py"], cwd=HERE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(0.3)
        process.send_signal(signo)  # the process this check started, by its pid
        try:
            out, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
        name = signal.Signals(signo).name
        expected = f"cpvm: received {name[3:]} sent by process {os.getpid()} (a signal from outside, not a crash in cpvm)"
        check(f"{name} from another process names its sender, then kills cpvm",
              process.returncode == -signo and expected in err,
              f"status {process.returncode}, stderr {err[-300:]!r}")


def check_argv(cpvm: str) -> None:
    r = run(cpvm, "run", "argv.py", "a", "--jit=off", "b c")
    check("arguments after FILE go to sys.argv, options included",
          r.returncode == 0 and r.stdout == "['a', '--jit=off', 'b c']\n4\n", f"{r.returncode} {r.stdout!r} {r.stderr!r}")


def check_stats(cpvm: str) -> None:
    r = run(cpvm, "--stats", "--jit=off", "argv.py")
    check("--stats reports the GC on stderr, not stdout",
          r.returncode == 0 and "gc collections:" in r.stderr and "gc" not in r.stdout, r.stderr)


def check_compile_round_trip(cpvm: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "argv.cpb")
        compiled = run(cpvm, "compile", "argv.py", "-o", out)
        ran = run(cpvm, "run", out, "x")
        check("compile writes bytecode that runs", compiled.returncode == 0 and ran.stdout == "['x']\n2\n",
              f"{compiled.stderr!r} {ran.stdout!r} {ran.stderr!r}")


def main() -> int:
    cpvm = os.path.abspath(sys.argv[1])
    for check_group in (check_usage_errors, check_timeout, check_sigint, check_signal_from_another_process, check_argv,
                        check_stats,
                        check_compile_round_trip):
        check_group(cpvm)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
