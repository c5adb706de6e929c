"""report.py: turns a benchmark run of bench/run.py into a Markdown report, a JSON file and an SVG chart.

run.py measures and fills a Run; nothing here runs a process. Ratios are always computed from medians
of one run, so every number in a report comes from the same machine at the same time. The SVG is
written directly (no matplotlib), so its output depends on nothing but the data.
"""

from __future__ import annotations

import dataclasses
import math
import os
import statistics
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

# Ratio baselines (names of configurations in run.py).
INTERP = "cpvm-interp"
CPYTHON = "python3"
JIT = "cpvm-auto"  # the JIT as users run it: tiering decides what to compile

# The performance targets: (what, faster configuration, slower configuration, required ratio).
TARGETS = (
    ("cpvm interpreter vs CPython", INTERP, CPYTHON, 2.5),
    ("cpvm JIT (auto) vs cpvm interpreter", JIT, INTERP, 2.0),
    ("cpvm JIT (auto) vs luajit -joff", JIT, "luajit-joff", 1.0),
)


@dataclasses.dataclass
class Run:
    """One invocation of run.py: what ran where, and every sample. benchmarks maps benchmark name to
    configuration name to run.Cell."""

    command: str
    quick: bool
    machine: dict
    configs: list[dict]
    benchmarks: dict[str, dict[str, Any]]
    sizes: dict[str, str]
    compile: dict | None
    startup: dict[str, dict]
    notes: list[str]
    expected: dict[str, str] = dataclasses.field(default_factory=dict)  # recorded output per benchmark

    def config_names(self) -> list[str]:
        return [c["name"] for c in self.configs]


# --- Numbers ---------------------------------------------------------------------------------------


def median(cell: Any) -> float | None:
    return statistics.median(cell.times) if cell.times and not cell.error else None


def geomean(values: list[float]) -> float | None:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def speedups(run: Run, base: str) -> dict[str, dict[str, float]]:
    """speedup[bench][config] = median time of [base] / median time of config (higher is faster)."""
    out: dict[str, dict[str, float]] = {}
    for bench, cells in run.benchmarks.items():
        base_time = median(cells[base]) if base in cells else None
        if not base_time:
            continue
        out[bench] = {name: base_time / t for name, cell in cells.items() if (t := median(cell))}
    return out


def geomean_speedups(table: dict[str, dict[str, float]], names: list[str]) -> dict[str, float]:
    """Per configuration, the geometric mean over the benchmarks that have a ratio for it."""
    out = {}
    for name in names:
        value = geomean([row[name] for row in table.values() if name in row])
        if value is not None:
            out[name] = value
    return out


def failures(run: Run) -> list[str]:
    """Every failed benchmark/configuration pair, compile and start-up failure: each fails the run."""
    found = [f"{bench}/{name}" for bench, cells in run.benchmarks.items() for name, cell in cells.items()
             if cell.error]
    if run.compile and run.compile.get("error"):
        found.append("compile_throughput")
    found += [f"startup/{name}" for name, entry in run.startup.items() if entry.get("error")]
    return found


# --- Markdown --------------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """A Markdown table; the first [left] columns are text, the rest numbers (right-aligned)."""
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---:" if i >= left else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def fmt_seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.2f}"


def markdown(run: Run) -> str:
    m = run.machine
    names = run.config_names()
    lines = [f"## cpvm benchmarks{' (--quick: outputs checked, no timing)' if run.quick else ''}", "",
             f"Machine: {m['cpu']} ({m['cpus']} CPUs), {m['system']}; date {m['date']}; "
             f"commit {m['git_commit']}.  ",
             "Tools: " + "; ".join(f"{k}: {v}" for k, v in sorted(m["tools"].items())) + ".  ",
             f"Command: `{run.command}`", ""]
    if not names:
        lines += ["No configuration to run.", ""]
    elif run.quick:
        lines += quick_section(run, names)
    else:
        lines += timing_sections(run, names)
    lines += jit_section(run)
    lines += compile_section(run)
    lines += startup_section(run)
    if not run.quick:
        lines += targets_section(run)
    if run.notes:
        lines += ["Notes:", ""] + [f"- {note}" for note in run.notes] + [""]
    bad = failures(run)
    if bad:
        lines += [f"**FAILED: {', '.join(bad)}** (details on stderr)", ""]
    return "\n".join(lines).rstrip() + "\n"


def cell_status(cell: Any) -> str:
    if cell.error:
        return "**" + cell.error.splitlines()[0] + "**"
    return "ok"


def quick_section(run: Run, names: list[str]) -> list[str]:
    rows = []
    for bench, cells in run.benchmarks.items():
        output = run.expected.get(bench) or next((c.output for c in cells.values() if c.output), "")
        first = output.splitlines()[-1] if output else ""
        rows.append([bench, run.sizes[bench], f"`{first}`"] + [cell_status(cells[n]) for n in names])
    return ["Outputs (last line shown) must be identical under every configuration:", ""] + \
        table(["benchmark", "size", "output"] + names, rows, left=3)


def timing_sections(run: Run, names: list[str]) -> list[str]:
    reps = max((len(c.times) for cells in run.benchmarks.values() for c in cells.values()), default=0)
    lines = [f"Wall time in seconds: median of {reps} runs [min-max]; configurations alternated.", ""]
    rows = []
    for bench, cells in run.benchmarks.items():
        row = [bench]
        for name in names:
            cell = cells[name]
            if cell.error:
                row.append(cell_status(cell))
            elif cell.times:
                row.append(f"{fmt_seconds(statistics.median(cell.times))} "
                           f"[{fmt_seconds(min(cell.times))}-{fmt_seconds(max(cell.times))}]")
            else:
                row.append("-")
        rows.append(row)
    lines += table(["benchmark"] + names, rows)
    for base, title in ((CPYTHON, "CPython (python3)"), (INTERP, "cpvm's interpreter")):
        if base not in names:
            continue
        ratios = speedups(run, base)
        if not ratios:
            continue
        lines += [f"Speedup over {title}: its median time / the configuration's (higher is faster).", ""]
        rows = [[bench] + [f"{row[n]:.2f}x" if n in row else "-" for n in names] for bench, row in ratios.items()]
        means = geomean_speedups(ratios, names)
        rows.append(["**geometric mean**"] + [f"**{means[n]:.2f}x**" if n in means else "-" for n in names])
        lines += table(["benchmark"] + names, rows)
    rss_rows = [[bench] + [f"{cells[n].rss_kb / 1024:.1f}" if cells[n].rss_kb else "-" for n in names]
                for bench, cells in run.benchmarks.items()]
    if any(cell != "-" for row in rss_rows for cell in row[1:]):
        lines += ["Peak RSS in MB (warm-up run, measured by GNU time).", ""]
        lines += table(["benchmark"] + names, rss_rows)
    return lines


def jit_section(run: Run) -> list[str]:
    rows = []
    for bench, cells in run.benchmarks.items():
        for name, cell in cells.items():
            jit = cell.jit
            if name == INTERP:  # --jit=off compiles nothing; its counters are all zero
                continue
            if not jit or not jit.get("instructions"):
                continue
            rows.append([bench, name, f"{jit.get('functions', 0):.0f}", f"{jit['instructions']:.0f}",
                         opt(jit, "ns_per_instruction", "{:.1f}"),
                         opt(jit, "code_bytes_per_instruction", "{:.1f}"),
                         opt(jit, "instructions_per_stencil", "{:.2f}"), opt(jit, "padding_fraction", "{:.1%}"),
                         opt(jit, "osr_entries", "{:.0f}")])
    if not rows:
        return []
    return ["JIT statistics from `cpvm --stats` (warm-up run):", ""] + \
        table(["benchmark", "configuration", "functions", "instructions", "compile ns/instr",
               "code bytes/instr", "instr/stencil", "padding", "OSR entries"], rows, left=2)


def opt(values: dict, key: str, form: str) -> str:
    return form.format(values[key]) if key in values else "-"


def compile_section(run: Run) -> list[str]:
    c = run.compile
    if not c:
        return []
    if c.get("error"):
        return [f"Compile throughput: **FAILED** ({c['error'].splitlines()[0]})", ""]
    if "ns_per_instruction" not in c:
        return [f"Compile throughput: {c.get('note', 'no data')}.", ""]
    return [f"Compile throughput (`--jit=always --stats`, one function of {c['instructions']:.0f} instructions, "
            f"median of {len(c['runs'])} processes): **{c['ns_per_instruction']:.1f} ns per instruction**, "
            f"{opt(c, 'mb_per_s', '{:.0f}')} MB/s of machine code, "
            f"{opt(c, 'code_bytes_per_instruction', '{:.1f}')} code bytes per instruction, "
            f"padding {opt(c, 'padding_fraction', '{:.1%}')}.", ""]


def startup_section(run: Run) -> list[str]:
    if not run.startup:
        return []
    rows = []
    for name, entry in run.startup.items():
        times = entry["times"]
        if entry.get("error"):
            rows.append([name, f"`{entry['command']}`", "**FAILED**", entry["error"]])
        elif times and not run.quick:
            rows.append([name, f"`{entry['command']}`", f"{statistics.median(times) * 1e3:.2f}",
                         f"{min(times) * 1e3:.2f}-{max(times) * 1e3:.2f}"])
        else:
            rows.append([name, f"`{entry['command']}`", "ok", "-"])
    header = ["configuration", "command", "median", "min-max"]
    return ["Start-up: an empty program, wall time in ms.", ""] + table(header, rows, left=2)


def targets_section(run: Run) -> list[str]:
    names = run.config_names()
    rows = []
    for what, fast, slow, need in TARGETS:
        if fast not in names or slow not in names:
            continue
        mean = geomean_speedups(speedups(run, slow), [fast]).get(fast)
        if mean is None:
            continue
        verdict = "met" if mean >= need else f"**missed** by {(1 - mean / need):.0%}"
        rows.append([what, f"{need:.1f}x", f"{mean:.2f}x", verdict])
    if not rows:
        return []
    header = ["target", "required", "measured", "verdict"]
    return ["Targets (geometric means over the suite):", ""] + table(header, rows, left=1)


# --- JSON --------------------------------------------------------------------------------------------


def to_json(run: Run) -> dict:
    """Everything, including every sample, so any table can be recomputed later."""
    benchmarks = {}
    for bench, cells in run.benchmarks.items():
        benchmarks[bench] = {"size": run.sizes[bench], "configs": {}}
        for name, cell in cells.items():
            entry = dataclasses.asdict(cell)
            entry["median"] = median(cell)
            benchmarks[bench]["configs"][name] = entry
    names = run.config_names()
    summary = {}
    for base in (CPYTHON, INTERP):
        if base in names:
            ratios = speedups(run, base)
            summary[f"speedup_over_{base}"] = {"per_benchmark": ratios,
                                              "geometric_mean": geomean_speedups(ratios, names)}
    return {"command": run.command, "quick": run.quick, "machine": run.machine, "configs": run.configs,
            "benchmarks": benchmarks, "summary": summary, "compile_throughput": run.compile,
            "startup": run.startup, "notes": run.notes, "failures": failures(run)}


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".new")
    tmp.write_text(text)
    os.replace(tmp, path)


# --- SVG chart ---------------------------------------------------------------------------------------

# One colour per configuration, in configuration order; cpvm's three modes first.
PALETTE = ("#1f77b4", "#ff7f0e", "#d62728", "#7f7f7f", "#9467bd", "#2ca02c", "#8c564b", "#17becf",
           "#bcbd22", "#e377c2")


def svg_chart(run: Run) -> str:
    """Horizontal grouped bars: for each benchmark (and the geometric mean, last), the speedup of every
    configuration over CPython, on a log2 axis so that 2x faster and 2x slower look alike. Falls back to
    cpvm's interpreter as the baseline when CPython did not run."""
    names = run.config_names()
    base = CPYTHON if CPYTHON in names else INTERP if INTERP in names else (names[0] if names else "")
    ratios = speedups(run, base) if base else {}
    groups = list(ratios.items())
    if ratios:
        groups.append(("geometric mean", geomean_speedups(ratios, names)))
    # The baseline's own bars would all be 1.00x: leave them out.
    shown = [n for n in names if n != base and any(n in row for _, row in groups)]
    bar, gap, left, right, top = 11, 10, 130, 70, 70
    width = 900
    group_h = bar * max(len(shown), 1) + gap
    height = top + group_h * max(len(groups), 1) + 40
    values = [v for _, row in groups for v in row.values()] or [1.0]
    lo = 2.0 ** math.floor(math.log2(min(min(values), 1.0)))
    hi = 2.0 ** math.ceil(math.log2(max(max(values), 1.0) * 1.05))
    plot_w = width - left - right

    def x_of(v: float) -> float:
        return left + plot_w * (math.log2(v) - math.log2(lo)) / (math.log2(hi) - math.log2(lo))

    m = run.machine
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14" font-weight="bold">Speedup over {escape(base)} '
           f'(median wall time, log scale; higher is faster)</text>',
           f'<text x="{left}" y="34" fill="#555">{escape(m["cpu"])}, {escape(m["date"][:10])}, '
           f'commit {escape(m["git_commit"])}</text>']
    per_row = 7
    for i, name in enumerate(shown):  # legend
        lx = left + (i % per_row) * 100
        ly = 46 + (i // per_row) * 14
        out.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
                   f'<text x="{lx + 14}" y="{ly + 9}">{escape(name)}</text>')
    plot_top = top + max(len(shown) - 1, 0) // per_row * 14
    plot_bottom = plot_top + group_h * len(groups)
    tick = lo
    while tick <= hi * 1.001:  # grid at powers of two
        x = x_of(tick)
        label = f"{tick:g}x"
        out.append(f'<line x1="{x:.1f}" y1="{plot_top - 4}" x2="{x:.1f}" y2="{plot_bottom}" '
                   f'stroke="{"#000" if tick == 1 else "#ddd"}"/>'
                   f'<text x="{x:.1f}" y="{plot_bottom + 14}" text-anchor="middle">{label}</text>')
        tick *= 2
    for g, (bench, row) in enumerate(groups):
        y0 = plot_top + g * group_h
        weight = ' font-weight="bold"' if bench == "geometric mean" else ""
        out.append(f'<text x="{left - 6}" y="{y0 + group_h / 2:.1f}" text-anchor="end"{weight}>'
                   f'{escape(bench)}</text>')
        for i, name in enumerate(shown):
            if name not in row:
                continue
            v = row[name]
            x1, x2 = sorted((x_of(1.0), x_of(v)))
            y = y0 + i * bar
            colour = PALETTE[i % len(PALETTE)]
            out.append(f'<rect x="{x1:.1f}" y="{y}" width="{max(x2 - x1, 1):.1f}" height="{bar - 2}" '
                       f'fill="{colour}"><title>{escape(bench)} {escape(name)}: {v:.2f}x</title></rect>')
            # The value goes past the end of the bar: right of it when faster, left of it when slower.
            label_x, anchor = (x2 + 3, "start") if v >= 1 else (x1 - 3, "end")
            out.append(f'<text x="{label_x:.1f}" y="{y + bar - 3}" font-size="9" text-anchor="{anchor}">'
                       f'{v:.2f}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
