"""test_run.py: unit tests of the harness's parsing, checking and reporting (python3 -m unittest, from bench/).

They need no cpvm and no Lua; the end-to-end check is `bench/run.py --quick`.
"""

from __future__ import annotations

import sys
import unittest
import xml.dom.minidom
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402
import run  # noqa: E402

REAL_STATS = """gc collections: 0
heap bytes at exit: 6695
jit: 3 functions, 59 instructions compiled in 0.012 ms (204 ns per instruction)
jit: 40 stencils copied (1.48 instructions per stencil)
jit: 3704 bytes of code, 296 of data, 54 of padding (1.3%); 262144 bytes mapped
jit: 0 OSR entries
"""

KEY_VALUE_STATS = """cpvm: jit: functions compiled: 3
cpvm: jit: instructions compiled: 120
cpvm: jit: machine code bytes: 4096
cpvm: jit: padding bytes: 100
cpvm: jit: compile time ns: 12345
"""


def sample(stdout: str, status: int = 0, timed_out: bool = False) -> run.Sample:
    return run.Sample(seconds=1.0, cpu_seconds=1.0, rss_kb=None, stdout=stdout, stderr="boom\n",
                      status=status, timed_out=timed_out)


class ParseStatsTest(unittest.TestCase):
    def test_value_first_lines_give_totals_and_ratios(self) -> None:
        jit = run.summarize_stats(run.parse_stats(REAL_STATS))
        self.assertEqual(jit["instructions"], 59)
        self.assertEqual(jit["code_bytes"], 3704)
        self.assertEqual(jit["ns_per_instruction"], 204)
        self.assertAlmostEqual(jit["padding_fraction"], 0.013)
        self.assertEqual(jit["osr_entries"], 0)
        self.assertEqual(jit["instructions_per_stencil"], 1.48)

    def test_key_value_lines_derive_ns_per_instruction(self) -> None:
        jit = run.summarize_stats(run.parse_stats(KEY_VALUE_STATS))
        self.assertEqual(jit["functions"], 3)
        self.assertAlmostEqual(jit["ns_per_instruction"], 12345 / 120)
        self.assertAlmostEqual(jit["code_bytes_per_instruction"], 4096 / 120)

    def test_program_output_is_not_read_as_stats(self) -> None:
        got = sample("fib(30) = 832040\ncpvm: jit: 2 functions\n")
        self.assertEqual(run.parse_stats(run.stats_text(got)), {"functions": 2})


class CheckRunTest(unittest.TestCase):
    def test_different_output_is_a_mismatch(self) -> None:
        error, _ = run.check_run(sample("42\n"), "43", False)
        self.assertIn("CHECKSUM MISMATCH", error)

    def test_nonzero_exit_is_an_error_even_with_the_right_output(self) -> None:
        error, _ = run.check_run(sample("42\n", status=1), "42", False)
        self.assertIn("exit status 1", error)

    def test_stats_lines_on_stdout_are_ignored_in_stats_runs(self) -> None:
        error, output = run.check_run(sample("42\ncpvm: jit: 3 functions\n"), "42", True)
        self.assertIsNone(error)
        self.assertEqual(output, "42")

    def test_cells_that_disagree_are_marked_failed(self) -> None:
        cells = {"a": run.Cell(output="1"), "b": run.Cell(output="2")}
        run.check_agreement("x", cells)
        self.assertIsNone(cells["a"].error)
        self.assertIn("CHECKSUM MISMATCH", cells["b"].error)


class RunProcessTest(unittest.TestCase):
    def test_exit_status_and_output_are_captured(self) -> None:
        got = run.run_process([sys.executable, "-c", "print('hi'); raise SystemExit(3)"], 30)
        self.assertEqual((got.stdout, got.status, got.timed_out), ("hi\n", 3, False))

    def test_a_run_past_the_timeout_is_killed(self) -> None:
        got = run.run_process([sys.executable, "-c", "import time; time.sleep(30)"], 0.5)
        self.assertTrue(got.timed_out)


class ReportTest(unittest.TestCase):
    def make_run(self) -> report.Run:
        cells = {"fib": {"cpvm-interp": run.Cell(times=[2.0, 2.2, 1.8]), "python3": run.Cell(times=[5.0]),
                         "luajit": run.Cell(times=[0.5])},
                 "sort": {"cpvm-interp": run.Cell(times=[1.0]), "python3": run.Cell(times=[4.0]),
                          "luajit": run.Cell(error="CHECKSUM MISMATCH")}}
        machine = {"cpu": "test <cpu>", "cpus": 2, "system": "x", "date": "2025-01-01T00:00:00",
                   "git_commit": "abc", "tools": {}}
        return report.Run(command="run.py", quick=False, machine=machine,
                          configs=[{"name": n} for n in ("cpvm-interp", "python3", "luajit")],
                          benchmarks=cells, sizes={"fib": "1", "sort": "1"}, compile=None, startup={}, notes=[])

    def test_speedup_is_the_ratio_of_medians(self) -> None:
        ratios = report.speedups(self.make_run(), "python3")
        self.assertAlmostEqual(ratios["fib"]["cpvm-interp"], 2.5)
        self.assertAlmostEqual(ratios["fib"]["luajit"], 10.0)

    def test_geometric_mean_skips_failed_cells(self) -> None:
        means = report.geomean_speedups(report.speedups(self.make_run(), "python3"), ["cpvm-interp", "luajit"])
        self.assertAlmostEqual(means["cpvm-interp"], (2.5 * 4.0) ** 0.5)
        self.assertAlmostEqual(means["luajit"], 10.0)

    def test_a_failed_cell_fails_the_run(self) -> None:
        self.assertEqual(report.failures(self.make_run()), ["sort/luajit"])

    def test_svg_chart_is_well_formed_xml(self) -> None:
        xml.dom.minidom.parseString(report.svg_chart(self.make_run()))

    def test_markdown_reports_the_interpreter_target(self) -> None:
        self.assertIn("| cpvm interpreter vs CPython | 2.5x | 3.16x | met |", report.markdown(self.make_run()))


class GeneratedProgramTest(unittest.TestCase):
    def test_compile_benchmark_program_runs_under_cpython(self) -> None:
        source = run.generate_big_function(50)
        got = run.run_process([sys.executable, "-c", source], 30)
        self.assertEqual(got.status, 0)
        self.assertTrue(got.stdout.strip().isdigit())


if __name__ == "__main__":
    unittest.main()
