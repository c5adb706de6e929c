#!/usr/bin/env python3
"""Generates random, valid programs in cpvm's Python subset for the differential test (check_diff.py).

A program is a pure function of its seed (random.Random(seed), standard library only), so a failure is
reproduced from its seed alone. Every program runs unchanged under CPython and finishes in milliseconds.
Validity is kept by construction, through these invariants:
- Every int expression carries a bound on its absolute value. Variables, list and tuple elements and
  function results stay within VAR_BOUND; any wider expression is wrapped (`& 0xFFFF`, `% 1000003`, ...)
  before it is stored, and a product is only formed when the bounds of its factors keep it inside int64.
  So ints stay small and cheap (big ints have their own random test, tests/bigint/check_random.py).
- Floats carry bounds too, so nothing becomes inf or nan and no math function leaves its domain.
- Divisors are nonzero by construction (`(x | 1)`, `(x * x + 1)`, `(abs(f) + 0.5)`, nonzero literals).
- Lists held in variables are never empty and hold at most MAX_LIST ints: pops are guarded by
  `len(xs) > 1`, growth by `len(xs) < MAX_LIST`, and indices are `0`, `-1` or reduced `% len(xs)`.
- Statements over dicts, sets, big ints, bytes and str methods come from gen_features.py (its header
  says how they keep these rules).
- Names are unique per kind (g globals, m module temporaries, v locals, p parameters, i loop variables,
  c while counters), a name is only read where it is definitely bound, and a function assigns a global
  only after declaring it `global`. Loop variables, counters and recursion depths are never reassigned.
- Loops have small constant trip counts; calls go only to earlier functions, and self-recursion only
  through a depth parameter that decreases to a base case. A cost estimate (statements executed) caps
  the total work.
- With probability TRAP_PROBABILITY a program contains one trap: a statement that raises
  (ZeroDivisionError, IndexError, NameError, TypeError, ValueError, RecursionError, AssertionError),
  possibly only on some iteration or deep in calls, so error paths
  and tracebacks are compared too. Program.may_fail tells the checker a nonzero exit is legitimate.

usage: gen_programs.py [--seed S] [--count N]   prints the programs for seeds S..S+N-1 (default: one)
"""
from __future__ import annotations

import argparse
import dataclasses
import math
import random
import sys

from gen_features import FeatureStatements

VAR_BOUND = 2**30          # |int| stored in any variable, element or result
EXPR_BOUND = 2**40         # |int| of any intermediate expression (sum of two stays far inside int64)
PRODUCT_LIMIT = 2**61      # a product is only formed when the bounds of its factors multiply below this
FLOAT_VAR_BOUND = 1e9
FLOAT_EXPR_BOUND = 1e15
MAX_LIST = 40              # the longest list a variable can hold (appends are guarded by it)
MAX_MULT = 400             # the most times one statement may run (product of enclosing trip counts)
MAIN_BUDGET = 12000        # estimated statements executed by the whole program
FUNC_BUDGET = 1500         # estimated statements executed by one call of a generated function
TRAP_PROBABILITY = 0.12
MAX_EXPR_DEPTH = 3

INT, FLOAT, BOOL, LIST = "int", "float", "bool", "list"


def is_atomic(text: str) -> bool:
    """True when [text] is a name, or a name or literal followed only by bracketed groups (calls,
    subscripts), so that appending `[...]` or an operator cannot regroup it."""
    i = 0
    while i < len(text) and (text[i].isalnum() or text[i] in "_."):
        i += 1
    while i < len(text):
        if text[i] not in "([":
            return False
        depth = 0
        while i < len(text):
            depth += 1 if text[i] in "([" else -1 if text[i] in ")]" else 0
            i += 1
            if depth == 0:
                break
        if depth != 0:
            return False
    return True


def tuple_type(n: int) -> str:
    return f"tuple{n}"


def tuple_len(t: str) -> int:
    return int(t[5:]) if t.startswith("tuple") else 0


@dataclasses.dataclass
class E:
    """A generated expression: its text and a bound (|int| or |float| value, or a list's longest length)."""
    text: str
    bound: float = 0
    nonempty: bool = True   # lists only: the value certainly has an element


@dataclasses.dataclass
class Var:
    name: str
    type: str
    readonly: bool = False  # loop variables, while counters, recursion depths


@dataclasses.dataclass
class Func:
    name: str
    params: list[Var]
    ndefaults: int
    ret: str | None           # None: returns None (called as a statement)
    cost: int = 1
    depth_param: bool = False  # recursive: the first parameter is a depth that reaches 0
    max_depth: int = 0


@dataclasses.dataclass
class Ctx:
    """Where code is being generated: the blocks of visible variables and the cost accounting."""
    func: Func | None          # None at module level
    blocks: list[dict[str, Var]]
    global_names: set[str]     # globals this function declared `global` (assignable)
    budget: int
    cost: int = 0
    mult: int = 1              # how many times the current statement runs per call
    loop_depth: int = 0


@dataclasses.dataclass
class Program:
    seed: int
    source: str
    may_fail: bool  # contains a trap, so an uncaught error (exit 1) is legitimate


class Generator:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.seed = seed
        self.counters: dict[str, int] = {}
        self.globals: dict[str, Var] = {}
        self.funcs: list[Func] = []
        self.lines: list[str] = []
        self.uses_math = False
        self.trap_left = self.r.random() < TRAP_PROBABILITY
        self.has_trap = False
        self.side_effects_ok = True  # False inside list indices: no calls or pops there (see list_index)
        self.features = FeatureStatements(self)  # dicts, sets, big ints, bytes, str methods (gen_features.py)

    # --- helpers ---------------------------------------------------------------------------------

    def fresh(self, prefix: str) -> str:
        n = self.counters.get(prefix, 0)
        self.counters[prefix] = n + 1
        return f"{prefix}{n}"

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def emit(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)

    def visible(self, ctx: Ctx, type_: str | None = None) -> list[Var]:
        found: dict[str, Var] = {}
        if ctx.func is not None:
            found.update(self.globals)
        for block in ctx.blocks:
            found.update(block)
        return [v for v in found.values() if type_ is None or v.type == type_]

    def assignable(self, ctx: Ctx, type_: str) -> list[Var]:
        out = []
        for v in self.visible(ctx, type_):
            if v.readonly:
                continue
            if ctx.func is not None and v.name in self.globals and v.name not in ctx.global_names:
                continue
            out.append(v)
        return out

    def pick_var(self, ctx: Ctx, type_: str) -> Var | None:
        vs = self.visible(ctx, type_)
        return self.r.choice(vs) if vs else None

    # --- wrapping: bring an expression inside a bound -----------------------------------------------

    def wrap_int(self, e: E, limit: float) -> E:
        if e.bound <= limit:
            return e
        options = [(f"({e.text} & 0xFFFF)", 0xFFFF), (f"({e.text} % 1000003)", 1000002),
                   (f"({e.text} % -9973)", 9972), (f"({e.text} & 0x3FFFFFFF)", 0x3FFFFFFF),
                   (f"({e.text} % 256)", 255), (f"({e.text} ^ 0x55) % 97", 96)]
        shift = max(0, int(e.bound).bit_length() - int(limit).bit_length() + 1)
        if shift < 60:
            options.append((f"({e.text} >> {shift})", (int(e.bound) >> shift) + 1))
        options = [o for o in options if o[1] <= limit]
        text, bound = self.r.choice(options)
        if text.endswith("% 97"):
            text = f"({text})"
        return E(text, bound)

    def wrap_float(self, e: E, limit: float) -> E:
        if e.bound <= limit:
            return e
        options = [(f"({e.text} % 1000.0)", 1000.0), (f"({e.text} % -77.5)", 77.5),
                   (f"({e.text} % 3.0)", 3.0), (f"math.sin({e.text})", 1.0)]
        if e.bound / 1e6 <= limit:
            options.append((f"({e.text} / 1000000.0)", e.bound / 1e6))
        options = [o for o in options if o[1] <= limit]
        text, bound = self.r.choice(options)
        if text.startswith("math."):
            self.uses_math = True
        return E(text, bound)

    # --- int expressions ------------------------------------------------------------------------------

    def int_literal(self) -> E:
        k = self.r.random()
        if k < 0.6:
            v = self.r.randint(-10, 20)
        elif k < 0.8:
            v = self.r.randint(-1000, 100000)
        elif k < 0.9:
            v = self.r.randint(0, VAR_BOUND)
            if self.chance(0.5):
                return E(hex(v), v)
        else:
            v = self.r.choice([0, 1, -1, 2, 7, 255, 256, 65535, 2**30, -2**30, 1_000_000])
            if v == 1_000_000 and self.chance(0.5):
                return E("1_000_000", v)
        return E(str(v), abs(v))

    def int_leaf(self, ctx: Ctx) -> E:
        k = self.r.random()
        if k < 0.55:
            v = self.pick_var(ctx, INT)
            if v is not None:
                return E(v.name, VAR_BOUND)
        elif k < 0.65:
            xs = self.pick_var(ctx, LIST)
            if xs is not None:
                return self.list_element(ctx, xs.name)
        elif k < 0.7:
            xs = self.pick_var(ctx, LIST)
            if xs is not None:
                return E(f"len({xs.name})", MAX_LIST)
        elif k < 0.75:
            ts = [v for v in self.visible(ctx) if tuple_len(v.type)]
            if ts:
                t = self.r.choice(ts)
                n = tuple_len(t.type)
                return E(f"{t.name}[{self.r.randint(-n, n - 1)}]", VAR_BOUND)
        elif k < 0.78:
            b = self.pick_var(ctx, BOOL)
            if b is not None:
                return E(b.name, 1)
        return self.int_literal()

    def list_element(self, ctx: Ctx, name: str) -> E:
        return E(f"{name}[{self.list_index(ctx, name)}]", VAR_BOUND)

    def list_index(self, ctx: Ctx, name: str) -> str:
        """An index valid for the (nonempty) list [name]. No calls or pops inside: a call could rebind
        a global list between the subscript's load of the list and `len`."""
        k = self.r.random()
        if k < 0.25:
            return self.r.choice(["0", "-1"])
        saved, self.side_effects_ok = self.side_effects_ok, False
        i = self.gen_int(ctx, 1).text
        self.side_effects_ok = saved
        if k < 0.8:
            return f"{i} % len({name})"
        return f"-1 - {i} % len({name})"

    def divisor_int(self, ctx: Ctx) -> E:
        """A nonzero int expression (bound >= 1)."""
        k = self.r.random()
        if k < 0.35:
            v = self.r.choice([1, 2, 3, 5, 7, 10, 16, -1, -2, -3, -7, 100])
            return E(str(v), abs(v))
        if k < 0.7:
            x = self.gen_int(ctx, 1)
            return E(f"({x.text} | 1)", x.bound + 1)
        if k < 0.85:
            x = self.wrap_int(self.int_leaf(ctx), 2**20)
            return E(f"({x.text} * {x.text} + 1)", x.bound * x.bound + 1)
        v = self.pick_var(ctx, INT)
        if v is None:
            return E("3", 3)
        return E(f"({v.name} if {v.name} != 0 else 7)", VAR_BOUND)

    def gen_int(self, ctx: Ctx, depth: int) -> E:
        if depth <= 0 or self.chance(0.25):
            return self.int_leaf(ctx)
        d = depth - 1
        k = self.r.random()
        if k < 0.40:
            return self.int_binop(ctx, d)
        if k < 0.47:
            x = self.gen_int(ctx, d)
            if self.chance(0.6):
                return E(f"-{x.text}" if not x.text.startswith("-") else f"-({x.text})", x.bound)
            return E(f"~{x.text}", x.bound + 1)
        if k < 0.53:
            a, b = self.gen_int(ctx, d), self.gen_int(ctx, d)
            return E(f"({a.text} if {self.gen_bool(ctx, d).text} else {b.text})", max(a.bound, b.bound))
        if k < 0.57:
            a, b = self.gen_int(ctx, d), self.gen_int(ctx, d)
            return E(f"({a.text} {self.r.choice(['and', 'or'])} {b.text})", max(a.bound, b.bound))
        if k < 0.65:
            f = self.r.choice(["abs", "min", "max"])
            args = [self.gen_int(ctx, d) for _ in range(1 if f == "abs" else self.r.randint(2, 3))]
            return E(f"{f}({', '.join(a.text for a in args)})", max(a.bound for a in args))
        if k < 0.72:
            f = self.wrap_float(self.gen_float(ctx, d), 2**40)
            conv = self.r.choice(["int", "round", "math.floor", "math.ceil"])
            if conv.startswith("math."):
                self.uses_math = True
            return E(f"{conv}({f.text})", f.bound + 1)
        if k < 0.77:
            xs = self.pick_var(ctx, LIST)
            if xs is not None:
                if self.chance(0.5):
                    return E(f"sum({xs.name})", MAX_LIST * VAR_BOUND)
                if self.chance(0.5):
                    return E(f"{xs.name}.count({self.gen_int(ctx, 0).text})", MAX_LIST)
                if self.side_effects_ok:
                    return E(f"({xs.name}.pop() if len({xs.name}) > 1 else {self.int_literal().text})", VAR_BOUND)
            return self.int_leaf(ctx)
        if k < 0.80:
            a, dv = self.wrap_int(self.gen_int(ctx, d), VAR_BOUND), self.divisor_int(ctx)
            return E(f"divmod({a.text}, {dv.text})[{self.r.randint(0, 1)}]", max(a.bound, dv.bound))
        if k < 0.83:
            return E(f"int({self.gen_bool(ctx, d).text})", 1)
        if k < 0.92:
            call = self.gen_call(ctx, INT)
            if call is not None:
                return E(call, VAR_BOUND)
        return self.int_binop(ctx, d)

    def int_binop(self, ctx: Ctx, d: int) -> E:
        op = self.r.choice(["+", "-", "*", "//", "%", "&", "|", "^", "<<", ">>", "**", "+", "-", "*"])
        a = self.gen_int(ctx, d)
        if op in ("+", "-"):
            b = self.gen_int(ctx, d)
            return self.wrap_int(E(f"({a.text} {op} {b.text})", a.bound + b.bound), EXPR_BOUND)
        if op == "*":
            b = self.gen_int(ctx, d)
            while a.bound * b.bound > PRODUCT_LIMIT:
                if a.bound >= b.bound:
                    a = self.wrap_int(a, 2**16)
                else:
                    b = self.wrap_int(b, 2**16)
            return self.wrap_int(E(f"({a.text} * {b.text})", a.bound * b.bound), EXPR_BOUND)
        if op in ("//", "%"):
            dv = self.divisor_int(ctx)
            bound = a.bound if op == "//" else dv.bound
            return E(f"({a.text} {op} {dv.text})", bound)
        if op in ("&", "|", "^"):
            b = self.gen_int(ctx, d)
            return E(f"({a.text} {op} {b.text})", 2 ** int(max(a.bound, b.bound)).bit_length())
        if op == "<<":
            a = self.wrap_int(a, 2**28)
            if self.chance(0.6):
                k, kb = str(self.r.randint(0, 10)), None
            else:
                k, kb = f"({self.gen_int(ctx, 0).text} & 7)", 7
            n = int(k) if kb is None else kb
            return E(f"({a.text} << {k})", a.bound * 2**n)
        if op == ">>":
            k = str(self.r.randint(0, 40)) if self.chance(0.6) else f"({self.gen_int(ctx, 0).text} & 15)"
            return E(f"({a.text} >> {k})", a.bound)
        # '**': a small base to a small exponent, or 2 to a masked exponent
        if self.chance(0.5):
            base = self.wrap_int(a, 2**12)
            e = self.r.randint(0, 3)
            return E(f"({base.text} ** {e})", max(1, base.bound ** e))
        return E(f"(2 ** ({self.gen_int(ctx, 0).text} & 15))", 2**15)

    # --- float expressions ---------------------------------------------------------------------------

    def float_literal(self) -> E:
        k = self.r.random()
        if k < 0.5:
            v = self.r.choice([0.0, 0.5, 1.5, 2.25, 0.1, 0.2, 3.0, -1.75, 1e-3, 2.5e3, 100.0, -0.0, 1e-7, 12345.678])
        elif k < 0.8:
            v = round(self.r.uniform(-100, 100), self.r.randint(0, 6))
        else:
            v = self.r.uniform(-1000, 1000)
        return E(repr(v), abs(v))

    def float_leaf(self, ctx: Ctx) -> E:
        k = self.r.random()
        if k < 0.5:
            v = self.pick_var(ctx, FLOAT)
            if v is not None:
                return E(v.name, FLOAT_VAR_BOUND)
        elif k < 0.6:
            x = self.int_leaf(ctx)
            return E(f"float({x.text})", x.bound)
        elif k < 0.65:
            self.uses_math = True
            return E(self.r.choice(["math.pi", "math.e"]), 3.2)
        return self.float_literal()

    def divisor_float(self, ctx: Ctx) -> tuple[E, float]:
        """A nonzero float divisor and the least its absolute value can be."""
        k = self.r.random()
        if k < 0.3:
            v = self.r.choice([0.5, 2.0, -1.5, 3.0, 0.25, 10.0, -0.1])
            return E(repr(v), abs(v)), abs(v)
        if k < 0.6:
            f = self.gen_float(ctx, 1)
            return E(f"(abs({f.text}) + 0.5)", f.bound + 0.5), 0.5
        if k < 0.8:
            f = self.wrap_float(self.float_leaf(ctx), 1e7)
            return E(f"({f.text} * {f.text} + 1.0)", f.bound * f.bound + 1), 1.0
        x = self.divisor_int(ctx)
        return x, 1.0

    def gen_float(self, ctx: Ctx, depth: int) -> E:
        if depth <= 0 or self.chance(0.25):
            return self.float_leaf(ctx)
        d = depth - 1
        k = self.r.random()
        if k < 0.45:
            return self.float_binop(ctx, d)
        if k < 0.52:
            x = self.gen_float(ctx, d)
            return E(f"-{x.text}" if not x.text.startswith("-") else f"-({x.text})", x.bound)
        if k < 0.57:
            a, b = self.gen_float(ctx, d), self.gen_float(ctx, d)
            return E(f"({a.text} if {self.gen_bool(ctx, d).text} else {b.text})", max(a.bound, b.bound))
        if k < 0.60:
            a, b = self.gen_float(ctx, d), self.gen_float(ctx, d)
            return E(f"({a.text} {self.r.choice(['and', 'or'])} {b.text})", max(a.bound, b.bound))
        if k < 0.66:
            f = self.r.choice(["abs", "min", "max"])
            args = [self.gen_float(ctx, d) for _ in range(1 if f == "abs" else 2)]
            return E(f"{f}({', '.join(a.text for a in args)})", max(a.bound for a in args))
        if k < 0.76:
            return self.math_call(ctx, d)
        if k < 0.80:
            x = self.gen_float(ctx, d)
            if x.bound <= 1e7:
                return E(f"({x.text} ** 2)", x.bound ** 2)
            base = self.wrap_int(self.gen_int(ctx, 0), 8)
            return E(f"(({base.text} % 9 + 1) ** -{self.r.randint(1, 3)})", 1.0)
        if k < 0.84:
            x = self.gen_float(ctx, d)
            return E(f"round({x.text}, {self.r.randint(0, 4)})", x.bound + 1)
        if k < 0.92:
            call = self.gen_call(ctx, FLOAT)
            if call is not None:
                return E(call, FLOAT_VAR_BOUND)
        a, dv = self.gen_int(ctx, d), self.divisor_int(ctx)
        return E(f"({a.text} / {dv.text})", a.bound)

    def float_binop(self, ctx: Ctx, d: int) -> E:
        op = self.r.choice(["+", "-", "*", "/", "//", "%", "+", "*"])
        a_float = self.chance(0.8)
        a = self.gen_float(ctx, d) if a_float else self.gen_int(ctx, d)
        if op in ("+", "-", "*"):
            # one operand at least is a float, so the result is one (an int operand tests mixing)
            b = self.gen_float(ctx, d) if (not a_float or self.chance(0.7)) else self.gen_int(ctx, d)
            if op == "*":
                while a.bound * b.bound > FLOAT_EXPR_BOUND:  # `% 1000.0` also brings an int in range
                    if a.bound >= b.bound:
                        a = self.wrap_float(a, 1e6)
                    else:
                        b = self.wrap_float(b, 1e6)
                e = E(f"({a.text} * {b.text})", a.bound * b.bound)
            else:
                e = E(f"({a.text} {op} {b.text})", a.bound + b.bound)
            return self.wrap_float(e, FLOAT_EXPR_BOUND)
        dv, least = self.divisor_float(ctx)
        if op == "%":
            return E(f"({a.text} % {dv.text})", dv.bound)
        return self.wrap_float(E(f"({a.text} {op} {dv.text})", a.bound / least + 1), FLOAT_EXPR_BOUND)

    def math_call(self, ctx: Ctx, d: int) -> E:
        self.uses_math = True
        x = self.gen_float(ctx, d)
        f = self.r.choice(["sqrt", "sin", "cos", "atan", "exp", "log", "fabs"])
        if f == "sqrt":
            return E(f"math.sqrt(abs({x.text}))", math.sqrt(x.bound) + 1)
        if f in ("sin", "cos"):
            return E(f"math.{f}({self.wrap_float(x, 1e6).text})", 1.0)
        if f == "atan":
            return E(f"math.atan({x.text})", 1.6)
        if f == "exp":
            return E(f"math.exp({x.text} % 10.0)", 22027.0)
        if f == "log":
            return E(f"math.log(abs({x.text}) + 1.0)", math.log(x.bound + 1) + 1)
        return E(f"math.fabs({x.text})", x.bound)

    # --- bool, list and tuple expressions --------------------------------------------------------------

    def gen_bool(self, ctx: Ctx, depth: int) -> E:
        k = self.r.random()
        if depth <= 0 or k < 0.15:
            if self.chance(0.5):
                v = self.pick_var(ctx, BOOL)
                if v is not None:
                    return E(v.name)
            return self.compare(ctx, 0)
        d = depth - 1
        if k < 0.55:
            return self.compare(ctx, d)
        if k < 0.65:
            return E(f"not {self.gen_bool(ctx, d).text}")
        if k < 0.78:
            a, b = self.gen_bool(ctx, d), self.gen_bool(ctx, d)
            return E(f"({a.text} {self.r.choice(['and', 'or'])} {b.text})")
        if k < 0.85:
            xs = self.pick_var(ctx, LIST)
            ts = [v for v in self.visible(ctx) if tuple_len(v.type)]
            if xs is not None and (not ts or self.chance(0.6)):
                seq = xs.name
            else:
                seq = self.r.choice(ts).name if ts else None
            if seq is not None:
                return E(f"({self.gen_int(ctx, 0).text} {self.r.choice(['in', 'not in'])} {seq})")
        if k < 0.9:
            xs = self.pick_var(ctx, LIST)
            if xs is not None:
                if self.chance(0.5):
                    return E(f"{self.r.choice(['any', 'all'])}({xs.name})")
                ys = self.gen_list(ctx, d)
                return E(f"({xs.name} {self.r.choice(['==', '!=', '<', '<=', '>'])} {ys.text})")
        if k < 0.95:
            return E(f"bool({self.gen_int(ctx, d).text})")
        return E(self.r.choice(["True", "False"]))

    def compare(self, ctx: Ctx, d: int) -> E:
        def operand() -> str:
            return (self.gen_int(ctx, d) if self.chance(0.65) else self.gen_float(ctx, d)).text
        ops = ["<", "<=", ">", ">=", "==", "!="]
        if self.chance(0.15):
            return E(f"({operand()} {self.r.choice(ops[:4])} {operand()} {self.r.choice(ops[:4])} {operand()})")
        return E(f"({operand()} {self.r.choice(ops)} {operand()})")

    def element(self, ctx: Ctx, d: int) -> E:
        return self.wrap_int(self.gen_int(ctx, d), VAR_BOUND)

    def gen_list(self, ctx: Ctx, depth: int) -> E:
        """A list of ints; E.bound is its longest possible length."""
        k = self.r.random()
        d = max(0, depth - 1)
        if k < 0.3 or depth <= 0:
            v = self.pick_var(ctx, LIST)
            if v is not None and (k < 0.25 or depth <= 0):
                return E(v.name, MAX_LIST)
            n = self.r.randint(1, 5)
            return E("[" + ", ".join(self.element(ctx, 0).text for _ in range(n)) + "]", n)
        if k < 0.5:
            xs = self.gen_list(ctx, d)
            lo, hi = self.r.choice([(None, 3), (1, None), (-3, None), (1, -1), (0, 2), (-2, -1)])
            step = self.r.choice(["", "", ":-1", ":2", ":-2", ":3"])
            text = f"{'' if lo is None else lo}:{'' if hi is None else hi}{step}"
            if step == ":-1" and self.chance(0.5):
                text = "::-1"
            return E(f"{self.paren_list(xs)}[{text}]", xs.bound, nonempty=False)
        if k < 0.6:
            xs, ys = self.gen_list(ctx, d), self.gen_list(ctx, d)
            e = E(f"({xs.text} + {ys.text})", xs.bound + ys.bound, xs.nonempty or ys.nonempty)
            if e.bound > MAX_LIST:
                e = E(f"{e.text}[:{self.r.randint(1, 10)}]", 10, e.nonempty)
            return e
        if k < 0.67:
            n = self.r.randint(0, 3)
            xs = self.gen_list(ctx, d)
            e = E(f"{self.paren_list(xs)} * {n}", xs.bound * n, xs.nonempty and n > 0)
            if e.bound > MAX_LIST:
                e = E(f"({e.text})[:{self.r.randint(1, 12)}]", 12, e.nonempty)
            return e
        if k < 0.72:
            n = self.r.randint(1, 5)
            return E(f"[{self.element(ctx, d).text}] * {n}", n)
        if k < 0.8:
            xs = self.gen_list(ctx, d)
            return E(f"sorted({xs.text})", xs.bound, xs.nonempty)
        if k < 0.85:
            ts = [v for v in self.visible(ctx) if tuple_len(v.type)]
            if ts:
                t = self.r.choice(ts)
                return E(f"list({t.name})", tuple_len(t.type))
            a = self.r.randint(-3, 3)
            b = a + self.r.randint(0, 6)
            return E(f"list(range({a}, {b}))", b - a, b > a)
        if k < 0.9:
            xs = self.pick_var(ctx, LIST)
            if xs is not None:
                return E(self.r.choice([f"{xs.name}[:]", f"{xs.name}.copy()", f"list({xs.name})"]), MAX_LIST)
        if k < 0.96:
            call = self.gen_call(ctx, LIST)
            if call is not None:
                return E(call, MAX_LIST)
        if depth > 0 and self.chance(0.2):
            return self.comprehension_list(ctx, d)
        n = self.r.randint(0, 4)
        return E("[" + ", ".join(self.element(ctx, d).text for _ in range(n)) + "]", n, n > 0)

    def comprehension_list(self, ctx: Ctx, depth: int) -> E:
        """A list built by a comprehension, a lambda or a closure over a list: scopes of their own (the
        variable _q never leaks, as in CPython 3.11)."""
        xs = self.gen_list(ctx, depth)
        a, b, m = self.r.randint(-3, 3), self.r.randint(-5, 5), self.r.randint(2, 4)
        forms = [
            E(f"[_q * {a} + {b} for _q in {xs.text}]", xs.bound, xs.nonempty),
            E(f"[_q for _q in {xs.text} if _q % {m} != 1]", xs.bound, False),
            E(f"list(map(lambda _q, _k={b}: _q - _k, {xs.text}))", xs.bound, xs.nonempty),
            E(f"(lambda _k: [_q + _k for _q in {xs.text}])({a})", xs.bound, xs.nonempty),
            E(f"sorted({{_q % {m} for _q in {xs.text}}})", min(xs.bound, m), xs.nonempty),
            E(f"[_v for _q, _v in sorted({{_q: _q * {a} for _q in {xs.text}}}.items())]", xs.bound, xs.nonempty),
            E(f"[*{self.paren_list(xs)}, *[{b}]]", xs.bound + 1, True),
        ]
        return self.r.choice(forms)

    @staticmethod
    def paren_list(xs: E) -> str:
        """[xs] as an operand of a postfix or binary operator: parenthesized unless already atomic."""
        return xs.text if is_atomic(xs.text) else f"({xs.text})"

    def storable_list(self, ctx: Ctx) -> E:
        """A nonempty list of at most MAX_LIST elements, fit to store in a variable."""
        xs = self.gen_list(ctx, 2)
        if not xs.nonempty:
            xs = E(f"{self.paren_list(xs)} + [{self.element(ctx, 0).text}]", xs.bound + 1)
        if xs.bound > MAX_LIST:
            xs = E(f"({xs.text})[:{MAX_LIST}]", MAX_LIST)
        return xs

    def gen_tuple(self, ctx: Ctx, n: int, depth: int) -> E:
        k = self.r.random()
        same = [v for v in self.visible(ctx) if v.type == tuple_type(n)]
        if same and k < 0.3:
            t = self.r.choice(same).name
            return E(f"{t}[::-1]" if self.chance(0.2) else t)
        if n == 2 and k < 0.4:
            a, dv = self.element(ctx, max(0, depth - 1)), self.divisor_int(ctx)
            if dv.bound <= VAR_BOUND:
                return E(f"divmod({a.text}, {dv.text})")
        if k < 0.5 and depth > 0:
            call = self.gen_call(ctx, tuple_type(n))
            if call is not None:
                return E(call)
        if k < 0.55 and depth > 0:
            return E(f"({self.gen_tuple(ctx, n, 0).text} if {self.gen_bool(ctx, 0).text} "
                     f"else {self.gen_tuple(ctx, n, 0).text})")
        elems = [self.element(ctx, max(0, depth - 1)).text for _ in range(n)]
        return E("(" + ", ".join(elems) + ("," if n == 1 else "") + ")")

    def gen_value(self, ctx: Ctx, type_: str, depth: int = MAX_EXPR_DEPTH) -> E:
        """An expression of [type_] fit to store: within the variable bounds."""
        if type_ == INT:
            return self.wrap_int(self.gen_int(ctx, depth), VAR_BOUND)
        if type_ == FLOAT:
            return self.wrap_float(self.gen_float(ctx, depth), FLOAT_VAR_BOUND)
        if type_ == BOOL:
            return self.gen_bool(ctx, depth)
        if type_ == LIST:
            return self.storable_list(ctx)
        return self.gen_tuple(ctx, tuple_len(type_), depth)

    def random_type(self) -> str:
        return self.r.choices([INT, FLOAT, BOOL, LIST, tuple_type(2), tuple_type(3), tuple_type(1)],
                              weights=[40, 20, 8, 15, 6, 4, 1])[0]

    # --- calls ------------------------------------------------------------------------------------------

    def callable_funcs(self, ctx: Ctx, ret: str | None) -> list[Func]:
        current = ctx.func
        out = []
        for f in self.funcs:
            if current is not None and f is current:
                continue
            if f.ret != ret:
                continue
            if ctx.cost + ctx.mult * f.cost > ctx.budget:
                continue
            out.append(f)
        return out

    def gen_call(self, ctx: Ctx, ret: str | None) -> str | None:
        fs = self.callable_funcs(ctx, ret)
        if not fs or not self.side_effects_ok:
            return None
        f = self.r.choice(fs)
        ctx.cost += ctx.mult * f.cost
        args = []
        nargs = len(f.params) - self.r.randint(0, f.ndefaults)
        for i, p in enumerate(f.params[:nargs]):
            if i == 0 and f.depth_param:
                n = self.r.randint(0, f.max_depth)
                args.append(str(n) if self.chance(0.6) else f"{self.gen_int(ctx, 0).text} % {f.max_depth + 1}")
            else:
                args.append(self.gen_value(ctx, p.type, 1).text)
        return f"{f.name}({', '.join(args)})"

    # --- statements -------------------------------------------------------------------------------------

    def gen_block(self, ctx: Ctx, indent: int, nstmts: int, depth: int) -> None:
        """Emits [nstmts] statements (at least one line) in a new block of visible variables."""
        ctx.blocks.append({})
        start = len(self.lines)
        for _ in range(nstmts):
            if ctx.cost + ctx.mult > ctx.budget:
                break
            ctx.cost += ctx.mult
            self.gen_stmt(ctx, indent, depth)
        if len(self.lines) == start:
            self.emit(indent, "pass")
        ctx.blocks.pop()

    def declare(self, ctx: Ctx, var: Var) -> None:
        ctx.blocks[-1][var.name] = var

    def new_name(self, ctx: Ctx) -> str:
        return self.fresh("v" if ctx.func is not None else "m")

    def gen_stmt(self, ctx: Ctx, indent: int, depth: int) -> None:
        if self.trap_left and self.chance(0.08):
            self.gen_trap(ctx, indent)
            return
        choices = [("assign_new", 14), ("assign", 14), ("aug", 10), ("print", 14), ("list_op", 8),
                   ("unpack", 4), ("call", 6), ("feature", 12)]
        if depth > 0:
            choices += [("if", 10), ("for", 8), ("while", 4), ("for_seq", 4), ("try", 4), ("generator", 3)]
        if ctx.loop_depth > 0:
            choices += [("break", 2)]
        kind = self.r.choices([c[0] for c in choices], weights=[c[1] for c in choices])[0]
        getattr(self, f"stmt_{kind}")(ctx, indent, depth)

    def stmt_feature(self, ctx: Ctx, indent: int, depth: int) -> None:
        self.features.emit(ctx, indent)

    def stmt_assign_new(self, ctx: Ctx, indent: int, depth: int) -> None:
        t = self.random_type()
        e = self.gen_value(ctx, t)
        name = self.new_name(ctx)
        self.emit(indent, f"{name} = {e.text}")
        self.declare(ctx, Var(name, t))

    def stmt_assign(self, ctx: Ctx, indent: int, depth: int) -> None:
        targets = [v for v in self.visible(ctx) if not v.readonly]
        targets = [v for v in targets if v in self.assignable(ctx, v.type)]
        if not targets:
            self.stmt_assign_new(ctx, indent, depth)
            return
        v = self.r.choice(targets)
        if v.type == LIST and self.chance(0.4):
            xs = self.pick_var(ctx, LIST)
            self.emit(indent, f"{v.name} = {xs.name}")  # aliasing: later mutations show through both
            return
        self.emit(indent, f"{v.name} = {self.gen_value(ctx, v.type).text}")

    def stmt_aug(self, ctx: Ctx, indent: int, depth: int) -> None:
        ints = self.assignable(ctx, INT)
        floats = self.assignable(ctx, FLOAT)
        lists = self.assignable(ctx, LIST)
        if lists and self.chance(0.15):
            xs = self.r.choice(lists).name
            idx = self.r.choice(["0", "-1"])  # valid even if the right side pops the list
            e = self.wrap_int(self.gen_int(ctx, 1), VAR_BOUND)
            self.emit(indent, f"{xs}[{idx}] {self.r.choice(['+=', '-=', '^=', '|='])} {e.text}")
            self.emit(indent, f"{xs}[{idx}] %= {self.r.choice(['1000003', '65536', '-999'])}")
            return
        if ints and (not floats or self.chance(0.65)):
            v = self.r.choice(ints).name
            op = self.r.choice(["+=", "-=", "*=", "//=", "%=", "&=", "|=", "^=", "<<=", ">>="])
            if op in ("//=", "%="):
                rhs, bound = self.divisor_int(ctx), VAR_BOUND
                rhs = rhs if rhs.bound <= EXPR_BOUND else E("7", 7)
                bound = VAR_BOUND if op == "//=" else max(VAR_BOUND, rhs.bound)
            elif op == "<<=":
                rhs = E(str(self.r.randint(0, 8)))
                bound = VAR_BOUND * 256
            elif op == ">>=":
                rhs, bound = E(str(self.r.randint(0, 12))), VAR_BOUND
            elif op == "*=":
                rhs = self.wrap_int(self.gen_int(ctx, 1), VAR_BOUND)
                bound = VAR_BOUND * rhs.bound
            else:
                rhs = self.wrap_int(self.gen_int(ctx, 2), VAR_BOUND)
                bound = 2 * VAR_BOUND
            self.emit(indent, f"{v} {op} {rhs.text}")
            if bound > VAR_BOUND:
                self.emit(indent, f"{v} {self.r.choice(['%=', '&='])} {self.r.choice(['1000003', '0xFFFFF', '65521'])}")
            return
        if floats:
            v = self.r.choice(floats).name
            op = self.r.choice(["+=", "-=", "*=", "/=", "//=", "%="])
            if op in ("/=", "//=", "%="):
                rhs, least = self.divisor_float(ctx)
                self.emit(indent, f"{v} {op} {rhs.text}")
                # x / 0.5 doubles x; a negative x % d is about d
                if (op != "%=" and least < 1) or (op == "%=" and rhs.bound > FLOAT_VAR_BOUND):
                    self.emit(indent, f"{v} %= 1e6")
                return
            rhs = self.wrap_float(self.gen_float(ctx, 2), FLOAT_VAR_BOUND)
            self.emit(indent, f"{v} {op} {rhs.text}")
            self.emit(indent, f"{v} %= {self.r.choice(['1e6', '1000.0', '-250.5'])}")
            return
        self.stmt_assign_new(ctx, indent, depth)

    def stmt_print(self, ctx: Ctx, indent: int, depth: int) -> None:
        k = self.r.random()
        if k < 0.15:
            vs = self.visible(ctx)
            if vs:
                self.emit(indent, "print(" + ", ".join(v.name for v in self.r.sample(vs, min(len(vs), 4))) + ")")
                return
        if k < 0.25:
            i, f = self.gen_int(ctx, 1).text, self.gen_float(ctx, 1).text
            fmt, args = self.r.choice([("%d %s", [i, f]), ("%x|%5d|%-4d|", [i, i, i]), ("%.3f %g", [f, f]),
                                       ("%e %r", [f, f]), ("%s/%r", [i, self.gen_list(ctx, 1).text]),
                                       ("%08.2f %+d %i", [f, i, i])])
            self.emit(indent, f'print("{fmt}" % ({", ".join(args)},))')
            return
        n = self.r.randint(1, 3)
        args = [self.gen_value(ctx, self.random_type(), 2).text for _ in range(n)]
        if self.chance(0.1):
            args.append(f"[{self.gen_float(ctx, 1).text}, {self.gen_float(ctx, 1).text}]")
        extra = ""
        if self.chance(0.1):
            extra = self.r.choice([', sep=", "', ', end=" |\\n"', ', sep=""'])
        label = f'"{self.fresh("L")}", ' if self.chance(0.3) else ""
        self.emit(indent, f"print({label}{', '.join(args)}{extra})")

    def stmt_list_op(self, ctx: Ctx, indent: int, depth: int) -> None:
        lists = self.visible(ctx, LIST)
        if not lists:
            name = self.new_name(ctx)
            self.emit(indent, f"{name} = {self.storable_list(ctx).text}")
            self.declare(ctx, Var(name, LIST))
            return
        xs = self.r.choice(lists).name
        k = self.r.random()
        if k < 0.3:
            self.emit(indent, f"if len({xs}) < {MAX_LIST}: {xs}.append({self.element(ctx, 2).text})")
        elif k < 0.45:
            arg = self.r.choice(["", "0", f"{self.list_index(ctx, xs)}"])
            if self.chance(0.5):
                self.emit(indent, f"if len({xs}) > 1: print({xs}.pop({arg}))")
            else:
                self.emit(indent, f"if len({xs}) > 1:")
                self.emit(indent + 1, f"{xs}.pop({arg})")
        elif k < 0.65:
            value = self.element(ctx, 2).text  # evaluated before the index, so it may pop [xs]
            self.emit(indent, f"{xs}[{self.list_index(ctx, xs)}] = {value}")
        elif k < 0.72:
            self.emit(indent, f"if len({xs}) < {MAX_LIST}: {xs}.insert({self.gen_int(ctx, 1).text}, "
                              f"{self.element(ctx, 1).text})")
        elif k < 0.8:
            self.emit(indent, f"{xs}.{self.r.choice(['sort', 'reverse'])}()")
        elif k < 0.88:
            ys = self.gen_list(ctx, 1)
            self.emit(indent, f"if len({xs}) < {MAX_LIST - 10}: {xs}.extend({self.paren_list(ys)}[:8])")
        elif k < 0.94 and xs in [v.name for v in self.assignable(ctx, LIST)]:
            self.emit(indent, f"{xs} = {self.storable_list(ctx).text}")
        else:
            self.emit(indent, f"print({xs}, len({xs}), {xs}[{self.list_index(ctx, xs)}])")

    def stmt_unpack(self, ctx: Ctx, indent: int, depth: int) -> None:
        ints = self.assignable(ctx, INT)
        k = self.r.random()
        if k < 0.35 and len(ints) >= 2:
            a, b = self.r.sample(ints, 2)
            self.emit(indent, f"{a.name}, {b.name} = {b.name}, {a.name}")
            return
        tuples = [v for v in self.visible(ctx) if tuple_len(v.type) >= 2]
        if k < 0.7 and tuples:
            t = self.r.choice(tuples)
            names = [self.new_name(ctx) for _ in range(tuple_len(t.type))]
            self.emit(indent, f"{', '.join(names)} = {t.name}")
            for name in names:
                self.declare(ctx, Var(name, INT))
            return
        n = self.r.randint(2, 3)
        if self.chance(0.5):
            t = self.gen_tuple(ctx, n, 1).text
        else:
            t = ", ".join(self.element(ctx, 1).text for _ in range(n))
        names = [self.new_name(ctx) for _ in range(n)]
        self.emit(indent, f"{', '.join(names)} = {t}")
        for name in names:
            self.declare(ctx, Var(name, INT))

    def stmt_call(self, ctx: Ctx, indent: int, depth: int) -> None:
        ret = self.r.choice([None, None, INT, FLOAT, LIST])
        call = self.gen_call(ctx, ret)
        if call is None:
            self.stmt_print(ctx, indent, depth)
        elif ret is None or self.chance(0.3):
            self.emit(indent, call)
        else:
            self.emit(indent, f"print({call})")

    def stmt_if(self, ctx: Ctx, indent: int, depth: int) -> None:
        self.emit(indent, f"if {self.gen_bool(ctx, 2).text}:")
        self.gen_block(ctx, indent + 1, self.r.randint(1, 3), depth - 1)
        for _ in range(self.r.choice([0, 0, 1, 2])):
            self.emit(indent, f"elif {self.gen_bool(ctx, 1).text}:")
            self.gen_block(ctx, indent + 1, self.r.randint(1, 2), depth - 1)
        if self.chance(0.5):
            self.emit(indent, "else:")
            self.gen_block(ctx, indent + 1, self.r.randint(1, 2), depth - 1)

    def loop_body(self, ctx: Ctx, indent: int, depth: int, trips: int, first: list[str],
                  readonly: list[Var]) -> None:
        """A loop body running [trips] times at most, whose [readonly] variables the body cannot reassign."""
        saved = ctx.mult
        ctx.mult *= max(1, trips)
        ctx.loop_depth += 1
        ctx.blocks.append({v.name: v for v in readonly})
        for line in first:
            self.emit(indent, line)
        self.gen_block(ctx, indent, self.r.randint(1, 4), depth - 1)
        ctx.blocks.pop()
        ctx.loop_depth -= 1
        ctx.mult = saved

    def stmt_for(self, ctx: Ctx, indent: int, depth: int) -> None:
        i = self.fresh("i")
        k = self.r.random()
        if k < 0.4:
            n = self.r.randint(0, 8)
            head, trips, bound = f"range({n})", n, n
        elif k < 0.6:
            a = self.r.randint(-5, 5)
            b = a + self.r.randint(0, 8)
            head, trips, bound = f"range({a}, {b})", b - a, max(abs(a), abs(b))
        elif k < 0.8:
            a = self.r.randint(-10, 10)
            s = self.r.choice([1, 2, 3, -1, -2, -3])
            b = a + s * self.r.randint(0, 6)
            head, trips, bound = f"range({a}, {b}, {s})", abs(b - a) // abs(s) + 1, max(abs(a), abs(b))
        else:
            x = self.gen_int(ctx, 1)
            n = self.r.randint(1, 8)
            head, trips, bound = f"range({x.text} % {n})", n, n
        if ctx.mult * max(trips, 1) > MAX_MULT:
            head, trips = "range(2)", 2
        self.emit(indent, f"for {i} in {head}:")
        self.loop_body(ctx, indent + 1, depth, trips, [], [Var(i, INT, readonly=True)])
        if self.chance(0.1):
            self.emit(indent, "else:")
            self.emit(indent + 1, f'print("{self.fresh("else")}")')

    def stmt_for_seq(self, ctx: Ctx, indent: int, depth: int) -> None:
        e = self.fresh("i")
        k = self.r.random()
        lists = self.visible(ctx, LIST)
        if ctx.mult * MAX_LIST > MAX_MULT:
            k = 0.9
        if k < 0.5 and lists:
            xs = self.r.choice(lists).name
            self.emit(indent, f"for {e} in {self.r.choice([xs, xs, xs + '[:]', xs + '[::-1]', xs + '[1:4]'])}:")
            self.loop_body(ctx, indent + 1, depth, MAX_LIST, [], [Var(e, INT, readonly=True)])
        elif k < 0.75:
            a, b = self.fresh("i"), e
            n = self.r.randint(0, 4)
            pairs = ", ".join(f"({self.element(ctx, 0).text}, {self.element(ctx, 0).text})" for _ in range(n))
            self.emit(indent, f"for {a}, {b} in [{pairs}]:")
            self.loop_body(ctx, indent + 1, depth, n, [], [Var(a, INT, True), Var(b, INT, True)])
        else:
            n = self.r.randint(1, 4)
            items = ", ".join(self.element(ctx, 0).text for _ in range(n))
            self.emit(indent, f"for {e} in ({items}{',' if n == 1 else ''}):")
            self.loop_body(ctx, indent + 1, depth, n, [], [Var(e, INT, readonly=True)])

    def stmt_while(self, ctx: Ctx, indent: int, depth: int) -> None:
        c = self.fresh("c")
        n = self.r.randint(0, 10)
        if ctx.mult * max(n, 1) > MAX_MULT:
            n = 2
        self.emit(indent, f"{c} = 0")
        self.emit(indent, f"while {c} < {n}:")
        # the counter moves first, so `continue` anywhere in the body cannot loop forever
        self.loop_body(ctx, indent + 1, depth, n, [f"{c} += 1"], [Var(c, INT, readonly=True)])
        # the counter stays bound after the loop; declare it read-only so later code may read it
        self.declare(ctx, Var(c, INT, readonly=True))

    _EXCEPTIONS = ("ValueError", "KeyError", "IndexError", "ZeroDivisionError", "TypeError", "OverflowError")

    def stmt_try(self, ctx: Ctx, indent: int, depth: int) -> None:
        """try/except/else/finally, whose body may raise: names bound inside stay local to each block, as
        the body may stop anywhere."""
        e = self.fresh("e")
        exc = self.r.choice(self._EXCEPTIONS)
        self.emit(indent, "try:")
        self.gen_block(ctx, indent + 1, self.r.randint(1, 3), depth - 1)
        raises = self.chance(0.6)
        if raises:
            self.emit(indent + 1, f"if {self.gen_bool(ctx, 1).text}:")
            self.emit(indent + 2, f"raise {exc}({self.gen_int(ctx, 1).text})")
        # a program without a trap must not fail: when the body raises, the last clause catches it
        handlers = self.r.randint(1 if raises or self.chance(0.7) else 0, 2)
        for h in range(handlers):
            caught = self.r.choice([self.r.choice(self._EXCEPTIONS), "ArithmeticError", "LookupError", "Exception",
                                    f"({self.r.choice(self._EXCEPTIONS)}, {self.r.choice(self._EXCEPTIONS)})"])
            if raises and h == handlers - 1:
                caught = self.r.choice([exc, "Exception", f"({self.r.choice(self._EXCEPTIONS)}, {exc})"])
            self.emit(indent, f"except {caught} as {e}:")
            self.emit(indent + 1, f'print("{self.fresh("exc")}", type({e}).__name__, {e}.args)')
            self.gen_block(ctx, indent + 1, self.r.randint(0, 2), depth - 1)
        if handlers > 0 and self.chance(0.3):
            self.emit(indent, "else:")
            self.gen_block(ctx, indent + 1, self.r.randint(1, 2), depth - 1)
        if handlers == 0 or self.chance(0.4):
            self.emit(indent, "finally:")
            self.emit(indent + 1, f'print("{self.fresh("fin")}")')
            self.gen_block(ctx, indent + 1, self.r.randint(0, 2), depth - 1)

    def stmt_generator(self, ctx: Ctx, indent: int, depth: int) -> None:
        """A generator function (a yield in a loop, maybe inside try/finally, maybe a return value or
        values sent in) and one way of running it. Each run ends it (exhausted or closed), so no output
        waits for the collector, whose timing differs from CPython's reference counting."""
        g, a = self.fresh("gen"), self.fresh("a")
        guarded = self.chance(0.5)
        pad = "    " if guarded else ""
        self.emit(indent, f"def {g}({a}, _n={self.r.randint(0, 6)}):")
        self.emit(indent + 1, "_i = 0")
        if guarded:
            self.emit(indent + 1, "try:")
        self.emit(indent + 1, pad + "while _i < _n:")
        if self.chance(0.3):
            self.emit(indent + 2, pad + f"_s = yield {a} * _i + {self.r.randint(-3, 9)}")
            self.emit(indent + 2, pad + "if _s is not None: _i += _s")
        else:
            self.emit(indent + 2, pad + f"yield {a} * _i - _i // 2")
        self.emit(indent + 2, pad + "_i += 1")
        self.emit(indent + 1, pad + "return _i")
        if guarded:
            self.emit(indent + 1, "finally:")
            self.emit(indent + 2, f'print("{self.fresh("gfin")}", _i)')
        arg = self.gen_int(ctx, 1).text
        way = self.r.randint(0, 4)
        if way == 0:
            self.emit(indent, f"print(sum({g}({arg})))")
        elif way == 1:
            self.emit(indent, f"print([_y % 7 for _y in {g}({arg}) if _y % 2 == 0])")
        elif way == 2:
            x = self.fresh("it")
            self.emit(indent, f"{x} = {g}({arg})")
            self.emit(indent, f"print(next({x}, None), next({x}, None))")
            self.emit(indent, f"{x}.close()")
        elif way == 3:
            x = self.fresh("it")
            self.emit(indent, f"{x} = {g}({arg}, 4)")
            self.emit(indent, f"print(next({x}, None))")
            self.emit(indent, "try:")
            self.emit(indent + 1, f"print({x}.send(1), {x}.send(2))")
            self.emit(indent, "except StopIteration as _stop:")
            self.emit(indent + 1, 'print("returned", _stop.value)')
            self.emit(indent, f"{x}.close()")
        else:
            w = self.fresh("wrap")
            self.emit(indent, f"def {w}():")
            self.emit(indent + 1, f"_r = yield from {g}({arg})")
            self.emit(indent + 1, "yield _r")
            self.emit(indent, f"print(list({w}()))")

    def stmt_break(self, ctx: Ctx, indent: int, depth: int) -> None:
        word = self.r.choice(["break", "continue"])
        self.emit(indent, f"if {self.gen_bool(ctx, 1).text}: {word}")

    # --- traps: statements that raise on purpose ---------------------------------------------------------

    def final_trap(self, ctx: Ctx, indent: int) -> None:
        """Most programs whose trap was not placed yet end in it."""
        if self.trap_left and self.chance(0.7):
            self.gen_trap(ctx, indent)

    def gen_trap(self, ctx: Ctx, indent: int) -> None:
        self.trap_left = False
        self.has_trap = True
        x = self.gen_int(ctx, 1).text
        xs = self.pick_var(ctx, LIST)
        traps = [f"print({x} // ({x} - {x}))", f"print({x} % 0)", f"print(1.5 / (0.0 * {x}))",
                 f"print({self.fresh('undefined')})", f"print({x} + [1])", "print([1, 2][3])",
                 "print((1, 2)[-3])", f"print({x} << -1)", "print([].pop())", f"assert {x} == {x} + 1, 'boom'",
                 "print(trap_deep(0))", 'print(int("12x"))', "p_, q_ = [1, 2, 3]", "print(None + 1)",
                 "print((1.5 // (0.0 * 2)))"]
        if self.funcs:
            f = self.r.choice(self.funcs)
            traps.append(f"print({f.name}({', '.join(['1'] * (len(f.params) + 1))}))")
        if xs is not None:
            traps += [f"print({xs.name}[len({xs.name})])", f"{xs.name}[len({xs.name}) + {self.r.randint(0, 3)}] = 1"]
        trap = self.r.choice(traps)
        if ctx.loop_depth > 0 and self.chance(0.5):
            trap = f"if {self.gen_bool(ctx, 1).text}: {trap}"
        self.emit(indent, trap)

    # --- functions and the program --------------------------------------------------------------------

    def gen_function(self) -> None:
        name = self.fresh("f")
        recursive = self.chance(0.3)
        nparams = self.r.randint(0, 3)
        params = [Var(self.fresh("p"), self.r.choices([INT, FLOAT, LIST], weights=[6, 3, 2])[0])
                  for _ in range(nparams)]
        if recursive:
            params.insert(0, Var(self.fresh("p"), INT, readonly=True))
        ret = self.r.choices([INT, FLOAT, LIST, tuple_type(2), None], weights=[10, 5, 3, 2, 3])[0]
        if recursive and ret is None:
            ret = INT
        ndefaults = self.r.randint(0, len(params) - (1 if recursive else 0))
        func = Func(name, params, ndefaults, ret, depth_param=recursive)
        ctx = Ctx(func=func, blocks=[{p.name: p for p in params}], global_names=set(), budget=FUNC_BUDGET)
        header = []
        for i, p in enumerate(params):
            if i >= len(params) - ndefaults:
                header.append(f"{p.name}={self.default_literal(p.type)}")
            else:
                header.append(p.name)
        self.emit(0, f"def {name}({', '.join(header)}):")
        if self.chance(0.1):
            self.emit(1, f'"""{name}: generated."""')
        assignable_globals = [g for g in self.globals.values() if g.type in (INT, FLOAT, LIST)]
        if assignable_globals and self.chance(0.4):
            chosen = self.r.sample(assignable_globals, min(len(assignable_globals), self.r.randint(1, 2)))
            ctx.global_names = {g.name for g in chosen}
            self.emit(1, f"global {', '.join(sorted(ctx.global_names))}")
        if recursive:
            self.gen_recursive_body(ctx, func)
        else:
            self.gen_block_keep(ctx, 1, self.r.randint(2, 6), 2)
            if ret is not None:
                self.emit(1, f"return {self.gen_value(ctx, ret).text}")
            elif self.chance(0.3):
                self.emit(1, "return")
        func.cost = max(1, ctx.cost)
        self.emit(0, "")
        self.funcs.append(func)

    def gen_generator(self, module: Ctx) -> None:
        """A generator function (yield, a yield loop, yield from, a yield expression, return) and, at module
        level, code that consumes it: list(), sum(), a for loop, next() and send()."""
        name = self.fresh("y")
        params = [Var(self.fresh("p"), self.r.choice([INT, FLOAT, LIST])) for _ in range(self.r.randint(0, 2))]
        kind = self.r.choice([INT, FLOAT])
        func = Func(name, params, 0, None)
        ctx = Ctx(func=func, blocks=[{p.name: p for p in params}], global_names=set(), budget=FUNC_BUDGET)
        self.emit(0, f"def {name}({', '.join(p.name for p in params)}):")
        self.gen_block_keep(ctx, 1, self.r.randint(0, 3), 1)
        self.emit(1, f"yield {self.gen_value(ctx, kind, 2).text}")
        self.emit(1, f"for _ in range({self.r.randint(0, 4)}):")
        self.emit(2, f"yield {self.gen_value(ctx, kind, 2).text}")
        sent = self.fresh("s")
        self.emit(1, f"{sent} = yield {self.gen_value(ctx, kind, 2).text}")
        self.emit(1, f"if {sent} is not None:")
        self.emit(2, f"yield {sent}")
        self.emit(1, f"yield from [{self.gen_value(ctx, kind, 1).text}, {self.gen_value(ctx, kind, 1).text}]")
        self.emit(1, f"return {self.gen_value(ctx, kind, 1).text}")
        self.emit(0, "")
        args = ", ".join(self.gen_value(module, p.type, 1).text for p in params)
        use = self.r.choice(["list", "sum", "for", "send"])
        if use == "for":
            self.emit(0, f"for v_ in {name}({args}):")
            self.emit(1, "print(v_)")
        elif use == "send":
            g = self.fresh("gen")
            self.emit(0, f"{g} = {name}({args})")
            self.emit(0, f"print(next({g}))")
            self.emit(0, "while True:")
            self.emit(1, "try:")
            self.emit(2, f"print({g}.send({self.r.randint(-9, 9)}))")
            self.emit(1, "except StopIteration as e_:")
            self.emit(2, "print('returned', e_.value)")
            self.emit(2, "break")
            self.emit(1, "except AttributeError as e_:  # a send() into the yield from over a list")
            self.emit(2, "print(e_)")
            self.emit(2, "break")
        else:
            self.emit(0, f"print({use}({name}({args})))")
        self.emit(0, "")

    def gen_block_keep(self, ctx: Ctx, indent: int, nstmts: int, depth: int) -> None:
        """Like gen_block, but the function's top-level variables stay visible for its return."""
        for _ in range(nstmts):
            if ctx.cost + ctx.mult > ctx.budget:
                break
            ctx.cost += ctx.mult
            self.gen_stmt(ctx, indent, depth)

    def gen_recursive_body(self, ctx: Ctx, func: Func) -> None:
        n = func.params[0].name
        double = func.ret in (INT, FLOAT) and self.chance(0.4)
        self.emit(1, f"if {n} {self.r.choice(['<= 0', '< 1', '<= 1' if double else '<= 0'])}:")
        ctx.blocks.append({})  # the base case's variables are not bound on the recursive path
        self.gen_block_keep(ctx, 2, self.r.randint(0, 1), 0)
        self.emit(2, f"return {self.gen_value(ctx, func.ret, 1).text}")
        ctx.blocks.pop()
        self.gen_block_keep(ctx, 1, self.r.randint(0, 3), 1)

        def rec_call(step: int) -> str:
            args = [f"{n} - {step}"] + [self.gen_value(ctx, p.type, 1).text for p in func.params[1:]]
            if func.ndefaults and self.chance(0.5):
                args = args[:len(args) - self.r.randint(1, func.ndefaults)]
            return f"{func.name}({', '.join(args)})"

        if func.ret == INT:
            other = self.gen_int(ctx, 1).text
            expr = f"({rec_call(1)} + {rec_call(2) if double else other})"
            self.emit(1, f"return {self.wrap_int(E(expr, 3 * VAR_BOUND), VAR_BOUND).text}")
        elif func.ret == FLOAT:
            other = self.wrap_float(self.gen_float(ctx, 1), FLOAT_VAR_BOUND).text
            expr = f"({rec_call(1)} * 0.5 + {rec_call(2) if double else other})"
            self.emit(1, f"return {self.wrap_float(E(expr, 3 * FLOAT_VAR_BOUND), FLOAT_VAR_BOUND).text}")
        elif func.ret == LIST:
            self.emit(1, f"return ({rec_call(1)} + [{self.element(ctx, 1).text}])[-{self.r.randint(1, MAX_LIST)}:]")
        else:
            self.emit(1, f"a_, b_ = {rec_call(1)}")
            self.emit(1, f"return (b_, {self.wrap_int(E(f'(a_ + {n})', VAR_BOUND + 30), VAR_BOUND).text})")
        # the depth callers may pass: deep enough to matter, cheap enough for the budget
        body_cost = max(1, ctx.cost)
        func.max_depth = self.r.randint(2, 9) if double else self.r.randint(3, 25)
        while func.max_depth > 1 and body_cost * recursive_calls(func.max_depth, double) > FUNC_BUDGET * 4:
            func.max_depth -= 1
        ctx.cost = int(body_cost * recursive_calls(func.max_depth, double))

    def default_literal(self, type_: str) -> str:
        if type_ == INT:
            return str(self.r.randint(-5, 50))
        if type_ == FLOAT:
            return repr(self.r.choice([0.5, -2.0, 1e-3, 3.25]))
        return f"[{self.r.randint(0, 9)}]"  # a shared mutable default, as in CPython

    def generate(self) -> Program:
        nglobals = self.r.randint(2, 6)
        module = Ctx(func=None, blocks=[{}], global_names=set(), budget=MAIN_BUDGET)
        for line in FeatureStatements.prologue():
            self.emit(0, line)
        for _ in range(nglobals):
            t = self.r.choices([INT, FLOAT, LIST, BOOL, tuple_type(2)], weights=[5, 3, 3, 1, 1])[0]
            name = self.fresh("g")
            self.emit(0, f"{name} = {self.gen_value(module, t, 1).text}")
            var = Var(name, t)
            module.blocks[0][name] = var
            self.globals[name] = var
        self.emit(0, "")
        if self.trap_left:  # a trap may end in a RecursionError, through the limit's traceback folding
            self.emit(0, "def trap_deep(n):")
            self.emit(1, "return trap_deep(n + 1) + 1")
            self.emit(0, "")
        for _ in range(self.r.randint(0, 5)):
            self.gen_function()
        for _ in range(self.r.choice([0, 0, 1, 2])):
            self.gen_generator(module)
        use_main = self.chance(0.25)
        if use_main:
            main = Func("main", [], 0, None)
            ctx = Ctx(func=main, blocks=[{}], global_names=set(), budget=MAIN_BUDGET)
            self.emit(0, "def main():")
            names = [g.name for g in self.globals.values() if g.type in (INT, FLOAT, LIST)]
            if names and self.chance(0.5):
                ctx.global_names = set(self.r.sample(names, 1))
                self.emit(1, f"global {', '.join(ctx.global_names)}")
            self.gen_block_keep(ctx, 1, self.r.randint(4, 14), 3)
            self.final_trap(ctx, 1)
            self.emit(1, f"print({', '.join(self.globals)})")
            for line in FeatureStatements.epilogue():
                self.emit(1, line)
            self.emit(0, "")
            self.emit(0, 'if __name__ == "__main__":')
            self.emit(1, "main()")
        else:
            self.gen_block_keep(module, 0, self.r.randint(4, 16), 3)
            self.final_trap(module, 0)
            self.emit(0, f"print({', '.join(self.globals)})")
            for line in FeatureStatements.epilogue():
                self.emit(0, line)
        prologue = ["import math"] if self.uses_math else []
        return Program(self.seed, "\n".join(prologue + self.lines) + "\n", self.has_trap)


def recursive_calls(depth: int, double: bool) -> float:
    """About how many calls f(depth) makes: depth + 1 in a chain, ~1.6**depth for f(n-1) + f(n-2)."""
    return 2 * 1.62 ** depth if double else depth + 1


def generate(seed: int) -> Program:
    """The program for [seed]."""
    return Generator(seed).generate()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1)
    args = parser.parse_args()
    for seed in range(args.seed, args.seed + args.count):
        program = generate(seed)
        if args.count > 1:
            print(f"# --- seed {seed}{' (may fail)' if program.may_fail else ''} ---")
        sys.stdout.write(program.source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
