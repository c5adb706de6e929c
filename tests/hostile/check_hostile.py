#!/usr/bin/env python3
"""check_hostile.py: inputs that push cpvm's limits must end in a clean error and the right exit status.

    check_hostile.py CPVM [--filter TEXT] [--keep DIR]

Every case writes one file (huge literals, huge files, 10,000 nested brackets, deep recursion, operand
stack and heap exhaustion, programs that never stop) and runs `cpvm run` on it, under each JIT mode when
the case runs code. A case passes when the exit status is the expected one, stderr's last line matches
the expected error, and nothing crashed: no signal, no sanitizer report, no assertion, within a time
limit. The file is generated (never committed): some are tens of megabytes.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

# What a crash leaves on stderr, whatever the exit status says.
_CRASH = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|Assertion .* failed"
                    r"|Segmentation fault|core dumped")
_SECONDS = 120  # per run; a hang is a failure, not a wait


@dataclasses.dataclass
class Case:
    name: str
    make: Callable[[], str | bytes]  # the file's contents
    status: int | tuple[int, ...]  # expected exit status (a tuple: any of them)
    message: str  # regex the error line must match (search): stderr's first line for a load or compile
    # error (status 2: the message, then the source line and a caret), else its last line
    suffix: str = ".py"
    args: tuple[str, ...] = ()
    runs_code: bool = True  # run under each JIT mode (False: the error comes before anything runs)
    stdout: str | None = None  # expected stdout, when it matters
    forbid: str | None = None  # regex that must not appear on stderr (a leaked file's contents)
    stack_kib: int | None = None  # run under `ulimit -s` of this many KiB
    env: dict[str, str] | None = None  # variables added to the environment
    max_seconds: float | None = None  # more CPU time than this fails (a limit that took effect too late);
    # CPU time, not wall time, so that a loaded machine does not make it fail


def _recursive(body: str) -> str:
    return f"def f(n):\n{body}\nf(0)\n"


def _nested_lists(levels: int, then: str) -> str:
    return f"a = []\nb = []\nfor i in range({levels}):\n    a = [a]\n    b = [b]\n{then}\n"


def _source_names(path: str, line: int = 1) -> str:
    """A .cpasm whose traceback claims to come from line [line] of [path]; {FIFO} stands for a named pipe."""
    return (f'.source "{path}"\n.function <module>\n  .line {line}\n  LOAD_CONST 1\n  LOAD_CONST 0\n'
            "  BINARY_OP /\n  RETURN_VALUE\n")


# The two --timeout cases below touch gigabytes: on a machine short of free memory, the page faults alone
# (the kernel compacting memory for them) have cost 14 s of CPU time, so their limit is generous; alone
# they use 0.3 s.

# The program: == of 9,990-deep lists at the bottom of 74,000 calls.
_COMPARISON_UNDER_DEEP_CALLS = _nested_lists(9_990, "def f(n):\n    if n == 0:\n        return a in [b]\n"
                                             "    return f(n - 1)\nprint(f(74000))")

# Ten 100 KB environment variables: about 1 MB of the main thread's stack is gone before main() runs.
_BIG_ENVIRONMENT = {f"CPVM_HOSTILE_{i}": "x" * 100_000 for i in range(10)}

CASES = [
    # --- a bytecode file names its source: tracebacks must not open or print a file of its choosing ---
    Case("traceback_source_etc_passwd", lambda: _source_names("/etc/passwd"), 1,
         r"^ZeroDivisionError: division by zero$", suffix=".cpasm", forbid=r"root:", max_seconds=5),
    Case("traceback_source_proc_environ", lambda: _source_names("/proc/self/environ"), 1,
         r"^ZeroDivisionError: division by zero$", suffix=".cpasm", forbid=r"PATH=", max_seconds=5),
    Case("traceback_source_dev_zero", lambda: _source_names("/dev/zero", 2), 1,
         r"^ZeroDivisionError: division by zero$", suffix=".cpasm", max_seconds=5),
    Case("traceback_source_fifo", lambda: _source_names("{FIFO}"), 1,
         r"^ZeroDivisionError: division by zero$", suffix=".cpasm", max_seconds=5),
    Case("traceback_source_dev_stdin", lambda: _source_names("/dev/stdin"), 1,
         r"^ZeroDivisionError: division by zero$", suffix=".cpasm", max_seconds=5),
    # --- formatting whose size the program picks: in cpvm's accounted, interruptible memory ---
    Case("format_precision_2e9_under_max_memory", lambda: "print(len('%.2000000000f' % 1.0))\n", 1,
         r"^MemoryError", args=("--timeout", "1", "--max-memory", "64M"), max_seconds=5),
    Case("format_exponent_precision_2e8_under_max_memory", lambda: "print(len('%.200000000e' % 1.0))\n", 1,
         r"^MemoryError", args=("--max-memory", "16M"), max_seconds=5),
    Case("format_precision_2e9_timeout", lambda: "print(len('%.2000000000f' % 1.0))\n", (124, 1),
         r"^(TimeoutError|MemoryError)", args=("--timeout", "0.3", "--max-memory", "4G"), max_seconds=30),
    Case("format_width_3e9_under_max_memory", lambda: "print(len('%3000000000d' % 1))\n", 1,
         r"^MemoryError", args=("--max-memory", "64M"), max_seconds=5),
    # Found by the bytecode fuzzer: a str repeated 4 billion times was built a byte per call, deaf to --timeout.
    Case("string_repeat_4e9_timeout", lambda: "print(len('-' * 4261412844))\n", 124, r"^TimeoutError",
         args=("--timeout", "0.3"), max_seconds=30),
    Case("string_repeat_4e9_under_max_memory", lambda: "print(len('-' * 4261412844))\n", 1, r"^MemoryError",
         args=("--max-memory", "64M"), max_seconds=5),
    Case("format_zero_padding_under_max_memory", lambda: "print(len('%.2000000000d' % 1))\n", 1,
         r"^MemoryError", args=("--max-memory", "64M"), max_seconds=5),
    Case("format_precision_beyond_exact_digits", lambda: "print(len('%.5000f' % 0.1), len('%.5000e' % 3.0), "
         "len('%#.5000g' % 2.5), '%.5000g' % 0.1 == '%.1100g' % 0.1)\n", 0, r"^$",
         stdout="5002 5006 5001 True\n"),
    # --- a timeout too small to be a whole microsecond still fires ---
    Case("timeout_below_one_microsecond", lambda: "while True:\n    pass\n", 124, r"^TimeoutError",
         args=("--timeout", "0.0000001"), max_seconds=5),

    # --- exceptions: no handler may swallow --timeout; deep handler nesting; recursion caught and retried ---
    Case("timeout_inside_bare_except_loop", lambda: "while True:\n    try:\n        pass\n    except:\n        pass\n",
         124, r"^TimeoutError", args=("--timeout", "0.2"), max_seconds=10),
    Case("timeout_inside_except_loop_calling", lambda: "def f():\n    return [0] * 10\nwhile True:\n    try:\n"
         "        f()\n    except BaseException:\n        pass\n", 124, r"^TimeoutError", args=("--timeout", "0.2"),
         max_seconds=10),
    Case("try_nested_90_deep", lambda: "".join("    " * i + "try:\n" for i in range(90)) + "    " * 90
         + "raise ValueError('deep')\n" + "".join("    " * i + "except KeyError:\n" + "    " * (i + 1) + "pass\n"
                                                  for i in reversed(range(90))), 1, r"^ValueError: deep$"),
    Case("recursion_error_caught_1000_times", lambda: "def f(n):\n    return f(n + 1)\nc = 0\nfor i in range(1000):\n"
         "    try:\n        f(0)\n    except RecursionError:\n        c += 1\nprint(c)\n", 0, r"^$", stdout="1000\n"),
    Case("memory_error_caught_then_sane", lambda: "try:\n    x = [0] * (1 << 40)\nexcept MemoryError:\n"
         "    print('caught')\nprint(sum(range(10)))\n", 0, r"^$", stdout="caught\n45\n",
         args=("--max-memory", "64M")),
    # --- generators: what the verifier cannot see is checked when it runs (interp/generators.c) ---
    Case("yield_from_without_delegate", lambda: '.function <module>\n    LOAD_GLOBAL next\n    LOAD_CONST @g\n    MAKE_FUNCTION 0\n    CALL 0\n    CALL 1\n    POP_TOP\n    LOAD_CONST None\n    RETURN_VALUE\n.function g flags=4\n    LOAD_CONST None\n    YIELD_VALUE 1\n    RETURN_VALUE\n', 1, r"^SystemError: yield from without a delegate on the stack$",
         suffix=".cpasm"),
    Case("throw_into_fake_yield_from", lambda: '.function <module>\n    LOAD_CONST @outer\n    MAKE_FUNCTION 0\n    CALL 0\n    STORE_GLOBAL o\n    LOAD_GLOBAL next\n    LOAD_GLOBAL o\n    CALL 1\n    POP_TOP\n    LOAD_GLOBAL o\n    LOAD_METHOD throw\n    LOAD_GLOBAL KeyError\n    CALL_METHOD 1\n    POP_TOP\n    LOAD_CONST None\n    RETURN_VALUE\n.function outer flags=4\n    LOAD_CONST @sub\n    MAKE_FUNCTION 0\n    CALL 0\n    LOAD_GLOBAL next\n    COPY 2\n    CALL 1\n    YIELD_VALUE 1\n    RETURN_VALUE\n.function sub flags=4\n    .except a b h 0\na:  LOAD_CONST None\n    YIELD_VALUE 0\nb:  POP_TOP\n    LOAD_CONST None\n    RETURN_VALUE\nh:  POP_TOP\n    LOAD_CONST 7\n    RETURN_VALUE\n', 1, r"^SystemError: yield from in outer is not a SEND loop$",
         suffix=".cpasm"),
    # Suspended generators nobody refers to any more are collected with what they hold: 300 of them, each
    # holding 1.6 MB, fit in 64 MB.
    Case("abandoned_generators_collected", lambda: "def g(n):\n    data = [0] * n\n    yield len(data)\n    yield 0\n"
         "for i in range(300):\n    x = g(100000)\n    next(x)\nprint('ok')\n", 0, r"^$", stdout="ok\n",
         args=("--max-memory", "64M")),
    Case("generator_recursion_to_the_limit", lambda: "def g(n):\n    yield next(g(n + 1))\nnext(g(0))\n", 1,
         r"^RecursionError: maximum recursion depth exceeded$", args=("--recursion-limit", "100000")),
    Case("handler_loop_in_asm_refused", lambda: ".function <module>\n    .except a b a 0\na: NOP\n    LOAD_CONST 1\n"
         "b:  RAISE_VARARGS 1\n", 2, r"handler 0 is not after its range", suffix=".cpasm", runs_code=False),

    # --- huge literals ---
    # A decimal literal past CPython 3.11's 4,300-digit limit is a compile error; a hex one of any size is
    # a big int (objects/bigint.h).
    Case("int_literal_100k_digits", lambda: "x = 1" + "0" * 100_000 + "\n", 2,
         r"error: Exceeds the limit \(4300 digits\) for integer string conversion: value has 100001 digits",
         runs_code=False),
    Case("negative_int_literal_100k_digits", lambda: "x = -1" + "0" * 100_000 + "\n", 2,
         r"error: Exceeds the limit \(4300 digits\)", runs_code=False),
    Case("hex_int_literal_100k_digits", lambda: "x = 0x1" + "0" * 100_000 + "\nprint(x.bit_length())\n", 0, r"^$",
         stdout="400001\n"),
    Case("float_literal_100k_digits", lambda: "print(1" + "0" * 100_000 + ".0, 0." + "0" * 100_000 + "1)\n", 0,
         r"^$", stdout="inf 0.0\n"),
    Case("string_literal_16MiB", lambda: 'x = "' + "a" * (16 << 20) + '"\nprint(len(x))\n', 0, r"^$",
         stdout=f"{16 << 20}\n"),
    Case("asm_int_literal_10k_digits", lambda: ".function <module>\n    LOAD_CONST 1" + "0" * 10_000
         + "\n    RETURN_VALUE\n", 2, r"error: Exceeds the limit \(4300 digits\)", suffix=".cpasm", runs_code=False),
    Case("asm_string_literal_16MiB", lambda: '.function <module>\n    LOAD_CONST "' + "a" * (16 << 20)
         + '"\n    RETURN_VALUE\n', 0, r"^$", suffix=".cpasm"),
    # --- huge files ---
    Case("python_file_200k_lines", lambda: "".join(f"x{i % 100} = {i} + 1  # {'c' * 60}\n" for i in range(200_000))
         + "print(x99)\n", 0, r"^$", stdout="200000\n"),
    Case("python_file_20k_functions", lambda: "".join(f"def f{i}(a, b=1):\n    return a + b\n" for i in range(20_000))
         + "print(f19999(1))\n", 0, r"^$", stdout="2\n"),
    Case("asm_file_2M_instructions", lambda: ".function <module>\n" + "    LOAD_CONST 1\n    POP_TOP\n" * 1_000_000
         + "    LOAD_CONST None\n    RETURN_VALUE\n", 0, r"^$", suffix=".cpasm"),
    Case("python_list_display_over_limit", lambda: "x = [" + "1," * 1_000_000 + "1]\n", 2,
         r"too many elements in a list or tuple display", runs_code=False),
    Case("python_call_100k_arguments", lambda: "print(" + "1," * 100_000 + "1)\n", 2, r"too many arguments",
         runs_code=False),
    # --- deep nesting in the source ---
    Case("brackets_10000_nested", lambda: "x = " + "[" * 10_000 + "]" * 10_000 + "\n", 2,
         r"too many nested parentheses", runs_code=False),
    Case("parentheses_10000_nested", lambda: "x = " + "(" * 10_000 + "1" + ")" * 10_000 + "\n", 2,
         r"too many nested parentheses", runs_code=False),
    Case("mixed_brackets_10000_nested", lambda: "x = " + "([" * 5_000 + "1" + "])" * 5_000 + "\n", 2,
         r"too many nested parentheses", runs_code=False),
    Case("unclosed_brackets_10000", lambda: "x = " + "[" * 10_000 + "\n", 2, r"error:", runs_code=False),
    Case("unary_minus_100k", lambda: "x = " + "-" * 100_000 + "1\n", 2, r"expression too complex", runs_code=False),
    Case("not_100k", lambda: "x = " + "not " * 100_000 + "1\n", 2, r"expression too complex", runs_code=False),
    # Right-associative: each exponent recursed in the parser with no depth limit (a C stack overflow).
    Case("power_chain_100k", lambda: "x = " + "2**" * 100_000 + "1\n", 2, r"expression too complex",
         runs_code=False),
    Case("addition_chain_100k", lambda: "x = " + "1+" * 100_000 + "1\n", 2, r"expression too complex",
         runs_code=False),
    Case("conditional_chain_100k", lambda: "x = " + "1 if 1 else " * 100_000 + "2\n", 2,
         r"expression too complex", runs_code=False),
    Case("comparison_chain_100k", lambda: "print(" + "0 <= " * 100_000 + "0)\n", 0, r"^$", stdout="True\n"),
    Case("subscript_chain_100k", lambda: "x = [0]\nprint(x" + "[0]" * 100_000 + ")\n", 2,
         r"expression too complex|too many nested", runs_code=False),
    Case("indentation_1000_deep", lambda: "".join(" " * i + "if 1:\n" for i in range(1000)) + " " * 1000
         + "print(1)\n", 2, r"too many levels of indentation", runs_code=False),
    Case("asm_tuple_constant_10000_nested", lambda: ".function <module>\n    LOAD_CONST " + "(" * 10_000
         + ")" * 10_000 + "\n    RETURN_VALUE\n", 2, r"tuple constants nest at most 8 deep", suffix=".cpasm",
         runs_code=False),
    # --- deep recursion: the frame limit, the value stack, and the C stack (JIT calls, repr, ==) ---
    Case("recursion_default_limit", lambda: _recursive("    return f(n + 1)"), 1,
         r"^RecursionError: maximum recursion depth exceeded$"),
    Case("recursion_limit_10M", lambda: _recursive("    return 1 + f(n + 1)"), 1,
         r"^RecursionError: maximum recursion depth exceeded$", args=("--recursion-limit", "10000000")),
    # Each frame needs 60,000 operand slots: the 4M-value stack runs out long before the frame limit.
    Case("operand_stack_exhausted", lambda: _recursive("    x = [" + "n, " * 60_000 + "f(n + 1)]\n    return x"),
         1, r"^RecursionError: maximum recursion depth exceeded$", args=("--recursion-limit", "10000000")),
    Case("recursion_through_builtin", lambda: "def f(n):\n    return max(f(n + 1), 0)\nf(0)\n", 1,
         r"^RecursionError: maximum recursion depth exceeded$", args=("--recursion-limit", "10000000")),
    # Deeply nested values recurse in C (repr, ==, <): bounded by the C stack, not only --recursion-limit.
    Case("repr_of_nested_list", lambda: "l = []\nfor i in range(1000000):\n    l = [l]\nprint(l)\n", 1,
         r"^RecursionError: maximum recursion depth exceeded while getting the repr of an object$",
         args=("--recursion-limit", "10000000")),
    Case("repr_of_nested_tuple", lambda: "t = ()\nfor i in range(1000000):\n    t = (t,)\nprint(str(t))\n", 1,
         r"^RecursionError: maximum recursion depth exceeded while getting the repr of an object$",
         args=("--recursion-limit", "10000000")),
    Case("equality_of_nested_lists", lambda: _nested_lists(1_000_000, "print(a == b)"), 1,
         r"^RecursionError: maximum recursion depth exceeded in comparison$", args=("--recursion-limit", "10000000")),
    Case("ordering_of_nested_lists", lambda: _nested_lists(1_000_000, "print(a < b)"), 1,
         r"^RecursionError: maximum recursion depth exceeded in comparison$", args=("--recursion-limit", "10000000")),
    Case("sorting_nested_lists", lambda: _nested_lists(1_000_000, "print(sorted([a, b]))"), 1,
         r"^RecursionError: maximum recursion depth exceeded in comparison$", args=("--recursion-limit", "10000000")),
    # `in`, count and index compare with ==: nested values there are bounded the same way.
    Case("membership_of_nested_lists", lambda: _nested_lists(1_000_000, "print(a in [b])"), 1,
         r"^RecursionError: maximum recursion depth exceeded in comparison$", args=("--recursion-limit", "10000000")),
    Case("count_of_nested_lists", lambda: _nested_lists(1_000_000, "print([b].count(a))"), 1,
         r"^RecursionError: maximum recursion depth exceeded in comparison$", args=("--recursion-limit", "10000000")),
    Case("index_of_nested_lists", lambda: _nested_lists(1_000_000, "print([b].index(a))"), 1,
         r"^RecursionError: maximum recursion depth exceeded in comparison$", args=("--recursion-limit", "10000000")),
    # The C stack's real size counts, not a constant: a comparison at the bottom of a deep chain of
    # compiled calls, and plain deep recursion, under a 4 MiB stack and under a 1 MB environment. The
    # interpreter's calls use no C stack, so there the comparison may still succeed.
    Case("comparison_under_deep_calls_4MiB_stack", lambda: _COMPARISON_UNDER_DEEP_CALLS, (0, 1),
         r"^$|^RecursionError: maximum recursion depth exceeded", args=("--recursion-limit", "10000000"),
         stack_kib=4096),
    Case("recursion_4MiB_stack", lambda: _recursive("    return 1 + f(n + 1)"), 1,
         r"^RecursionError: maximum recursion depth exceeded$", args=("--recursion-limit", "10000000"),
         stack_kib=4096),
    Case("recursion_1MB_environment", lambda: _recursive("    return 1 + f(n + 1)"), 1,
         r"^RecursionError: maximum recursion depth exceeded$", args=("--recursion-limit", "10000000"),
         env=_BIG_ENVIRONMENT),
    Case("comparison_under_deep_calls_1MB_environment", lambda: _COMPARISON_UNDER_DEEP_CALLS, (0, 1),
         r"^$|^RecursionError: maximum recursion depth exceeded", args=("--recursion-limit", "10000000"),
         env=_BIG_ENVIRONMENT),
    # --- the heap: --max-memory turns exhaustion into MemoryError ---
    Case("heap_list_of_lists", lambda: "l = []\nwhile True:\n    l.append([0] * 1000)\n", 1, r"^MemoryError",
         args=("--max-memory", "32M")),
    Case("heap_string_doubling", lambda: 's = "ab"\nwhile True:\n    s = s + s\n', 1, r"^MemoryError",
         args=("--max-memory", "32M")),
    Case("heap_tuple_doubling", lambda: "t = (1, 2, 3)\nwhile True:\n    t = t + t\n", 1, r"^MemoryError",
         args=("--max-memory", "32M")),
    Case("heap_string_repeat_1e12", lambda: 'x = "a" * 10**12\n', 1, r"^MemoryError", args=("--max-memory", "32M")),
    Case("heap_list_repeat_1e18", lambda: "x = [0] * 10**18\n", 1, r"^(MemoryError|OverflowError)",
         args=("--max-memory", "32M")),
    Case("heap_list_of_range", lambda: "x = list(range(10**12))\n", 1, r"^MemoryError", args=("--max-memory", "32M")),
    # A dict or set grows its table by doubling: the doubling that does not fit raises, the entries stay.
    Case("heap_dict_of_ints", lambda: "d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1\n", 1, r"^MemoryError",
         args=("--max-memory", "64M")),
    Case("heap_dict_of_str_keys", lambda: "d = {}\ni = 0\nwhile True:\n    d[str(i)] = i\n    i += 1\n", 1,
         r"^MemoryError", args=("--max-memory", "64M")),
    Case("heap_set_of_ints", lambda: "s = set()\ni = 0\nwhile True:\n    s.add(i)\n    i += 1\n", 1, r"^MemoryError",
         args=("--max-memory", "64M")),
    Case("heap_dict_ten_million", lambda: "d = {}.fromkeys(range(10**7))\n",
         1, r"^MemoryError", args=("--max-memory", "64M")),
    Case("heap_sorted_range", lambda: "x = sorted(range(10**12))\n", 1, r"^MemoryError", args=("--max-memory", "32M")),
    Case("heap_deep_recursion_with_lists", lambda: _recursive("    x = [0] * 100000\n    return f(n + 1)"), 1,
         r"^(MemoryError|RecursionError)", args=("--max-memory", "32M", "--recursion-limit", "100000")),
    # Big ints (objects/bigint.h): each GMP operation bounds its result before GMP allocates (GMP aborts
    # when malloc fails), so these end in MemoryError, not a crash.
    Case("heap_million_digit_int", lambda: "x = 10**1000000\nprint(len(hex(x)))\n", 1, r"^MemoryError",
         args=("--max-memory", "1M"), max_seconds=5),
    Case("heap_bigint_squaring", lambda: "x = 3\nwhile True:\n    x = x * x\n", 1, r"^MemoryError",
         args=("--max-memory", "32M"), max_seconds=10),
    Case("heap_bigint_shift_1e12", lambda: "x = 1 << 10**12\n", 1, r"^MemoryError", args=("--max-memory", "32M")),
    Case("heap_bigint_power_1e12", lambda: "x = 3 ** 10**12\n", 1, r"^MemoryError"),
    Case("heap_bigint_factorial_1e12", lambda: "import math\nx = math.factorial(10**12)\n", 1, r"^MemoryError"),
    # --- programs that never stop: --timeout reaches every kind of loop, in both tiers ---
    Case("timeout_bigint_loop", lambda: "x = 1\ni = 1\nwhile True:\n    x = x * i\n    i = i + 1\n", 124,
         r"^TimeoutError", args=("--timeout", "0.5")),
    Case("timeout_bigint_builtin_loop", lambda: "print(sum(range(2**62, 2**62 + 10**15)))\n", 124,
         r"^TimeoutError", args=("--timeout", "0.5")),
    Case("timeout_while_loop", lambda: "while True:\n    pass\n", 124, r"^TimeoutError", args=("--timeout", "0.5")),
    Case("timeout_exponential_recursion", lambda: "def f(n):\n    if n == 0:\n        return 0\n"
         "    return f(n - 1) + f(n - 1)\nprint(f(60))\n", 124, r"^TimeoutError", args=("--timeout", "0.5")),
    Case("timeout_repr_of_shared_lists", lambda: "print([[0] * 100000] * 100000)\n", 124, r"^TimeoutError",
         args=("--timeout", "0.5")),
    Case("timeout_builtin_loop", lambda: "print(sum(range(10**15)))\n", 124, r"^TimeoutError",
         args=("--timeout", "0.5")),
    # --- closures, comprehensions and star calls ---
    Case("timeout_comprehension_loop", lambda: "print(len([x for x in iter(int, 1)]))\n", 124, r"^TimeoutError",
         args=("--timeout", "0.5")),
    Case("star_call_with_ten_million_arguments", lambda: "def f(*a):\n    return len(a)\nprint(f(*range(10**7)))\n",
         1, r"^(MemoryError|RecursionError)", args=("--max-memory", "256M")),
    Case("star_call_kwargs_ten_million_keys", lambda: "def f(**k):\n    return len(k)\n"
         "print(f(**{str(i): i for i in range(10**7)}))\n", 1, r"^(MemoryError|RecursionError)",
         args=("--max-memory", "256M")),
    # bytecode that misuses the closure instructions: a TypeError, never a crash
    Case("asm_load_deref_of_a_non_cell", lambda: '.function <module>\n  .locals x\n  LOAD_CONST 1\n  STORE_FAST x\n  LOAD_DEREF x\n  RETURN_VALUE\n', 1,
         r"^TypeError: .*holds no cell", suffix=".cpasm"),
    Case("asm_copy_free_vars_without_closure", lambda: '.function <module>\n  .locals x\n  COPY_FREE_VARS 1\n  LOAD_CONST None\n  RETURN_VALUE\n', 1,
         r"^TypeError: .*no closure of that size", suffix=".cpasm"),
    Case("asm_copy_free_vars_closure_size_mismatch", lambda: '.function <module>\n  .locals c\n  MAKE_CELL c\n  LOAD_CLOSURE c\n  BUILD_TUPLE 1\n  LOAD_CONST @f\n  MAKE_CLOSURE 0\n  CALL 0\n  RETURN_VALUE\n.function f\n  .locals a, b\n  COPY_FREE_VARS 2\n  LOAD_DEREF b\n  RETURN_VALUE\n', 1,
         r"^TypeError: .*no closure of that size", suffix=".cpasm"),
    Case("asm_make_closure_of_non_cells", lambda: '.function <module>\n  LOAD_CONST (1,)\n  LOAD_CONST @f\n  MAKE_CLOSURE 0\n  RETURN_VALUE\n.function f\n  LOAD_CONST None\n  RETURN_VALUE\n', 1,
         r"^TypeError: .*expects a tuple of cells", suffix=".cpasm"),
    Case("asm_list_append_to_an_int", lambda: '.function <module>\n  LOAD_CONST 1\n  LOAD_CONST 2\n  LIST_APPEND 1\n  RETURN_VALUE\n', 1,
         r"^TypeError: .*a comprehension adds to a 'int'", suffix=".cpasm"),
    Case("asm_call_function_ex_kwargs_not_a_dict", lambda: '.function <module>\n  LOAD_GLOBAL print\n  LOAD_CONST (1,)\n  LOAD_CONST 5\n  CALL_FUNCTION_EX 1\n  RETURN_VALUE\n', 1,
         r"^TypeError: .*expects a dict of keywords", suffix=".cpasm"),
    Case("closure_recursion_without_limit", lambda: "def f(n):\n    g = lambda: f(n + 1)\n    return g()\nf(0)\n",
         1, r"^RecursionError", args=("--recursion-limit", "1000000")),
]


def _jit_modes(cpvm: str) -> list[str]:
    version = subprocess.run([cpvm, "--version"], capture_output=True, text=True, check=False).stdout
    return ["off", "auto", "always"] if "JIT: available" in version else ["off"]


def _run(cpvm: str, case: Case, path: Path, mode: str) -> str | None:
    """Runs one case in one mode; returns why it failed, or None."""
    command = [cpvm, f"--jit={mode}", *case.args, "run", str(path)]
    start = time.monotonic()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, **case.env} if case.env else None

    def limit_stack() -> None:
        if case.stack_kib is not None:
            resource.setrlimit(resource.RLIMIT_STACK, (case.stack_kib << 10, case.stack_kib << 10))

    # stdin is a pipe that stays open and empty: a read of /dev/stdin would block forever.
    stdin_read, stdin_write = os.pipe()
    try:
        result = subprocess.run(command, capture_output=True, timeout=_SECONDS, check=False, env=env,
                                stdin=stdin_read, preexec_fn=limit_stack if case.stack_kib else None)
    except subprocess.TimeoutExpired:
        return f"no result after {_SECONDS} s"
    finally:
        os.close(stdin_read)
        os.close(stdin_write)
    seconds = time.monotonic() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    stderr = result.stderr.decode("utf-8", "replace")
    lines = stderr.rstrip("\n").split("\n")
    line = lines[0] if result.returncode == 2 else lines[-1]
    if result.returncode < 0:
        return f"killed by signal {-result.returncode}; stderr ends: {stderr[-400:]}"
    if _CRASH.search(stderr):
        return f"crash report on stderr:\n{stderr[-2000:]}"
    statuses = case.status if isinstance(case.status, tuple) else (case.status,)
    if result.returncode not in statuses:
        return f"exit status {result.returncode}, expected {case.status}; stderr ends: {stderr[-400:]}"
    if case.forbid is not None and re.search(case.forbid, stderr):
        return f"stderr shows what it must not ({case.forbid!r}):\n{stderr[-1000:]}"
    if case.max_seconds is not None and cpu_seconds > case.max_seconds:
        return f"used {cpu_seconds:.1f} s of CPU time, more than {case.max_seconds} s"
    if not re.search(case.message, line):
        return f"stderr's {'first' if case.status == 2 else 'last'} line {line[:200]!r} does not match {case.message!r}"
    if case.stdout is not None and result.stdout.decode("utf-8", "replace") != case.stdout:
        return f"stdout {result.stdout[:200]!r}, expected {case.stdout!r}"
    if seconds > 5:
        print(f"  note: {case.name} --jit={mode} took {seconds:.1f} s")
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cpvm")
    parser.add_argument("--filter", default="", help="run only cases whose name contains this")
    parser.add_argument("--keep", type=Path, help="write the generated files here instead of a temporary dir")
    args = parser.parse_args()
    modes = _jit_modes(args.cpvm)
    failures = runs = 0
    with tempfile.TemporaryDirectory(prefix="cpvm-hostile-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for case in CASES:
            if args.filter not in case.name:
                continue
            path = folder / f"{case.name}{case.suffix}"
            fifo = folder / f"{case.name}.fifo"
            contents = case.make()
            if "{FIFO}" in contents:
                os.mkfifo(fifo)
                contents = contents.replace("{FIFO}", str(fifo))
            path.write_bytes(contents.encode() if isinstance(contents, str) else contents)
            for mode in modes if case.runs_code else ["off"]:
                runs += 1
                why = _run(args.cpvm, case, path, mode)
                if why is not None:
                    failures += 1
                    print(f"FAIL {case.name} --jit={mode}: {why}")
                else:
                    print(f"ok   {case.name} --jit={mode}")
            if args.keep is None:
                path.unlink()
                fifo.unlink(missing_ok=True)
    print(f"hostile: {runs - failures} of {runs} runs passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
