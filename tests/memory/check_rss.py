"""Runs a cpvm program and checks its output and its peak resident memory.

usage: check_rss.py CPVM PROGRAM EXPECTED_STDOUT LIMIT_MB [CPVM OPTIONS...]
"""
import resource
import subprocess
import sys


def main() -> int:
    cpvm, program, expected, limit_mb = sys.argv[1:5]
    options = sys.argv[5:]
    result = subprocess.run([cpvm, *options, program], capture_output=True, text=True, timeout=600)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{program} {' '.join(options)}: exit {result.returncode}, peak RSS {peak_mb:.1f} MB (limit {limit_mb} MB)")
    if result.returncode != 0 or result.stdout.strip() != expected:
        print(f"unexpected result: stdout={result.stdout!r} stderr={result.stderr!r}")
        return 1
    return 0 if peak_mb < float(limit_mb) else 1


if __name__ == "__main__":
    sys.exit(main())
