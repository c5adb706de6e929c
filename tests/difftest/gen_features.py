"""Statements over Python's core types for the random-program generator (gen_programs.py).

gen_programs.py builds programs from ints, floats, bools, lists and tuples whose bounds it tracks. This
module adds statements that exercise dict, set and frozenset, big ints, bytes and bytearray, and str's
methods and formatting, fed by the generator's own int and float expressions. They keep its rules:
- Nothing here is stored in a tracked variable. A big int, a bytes object or a formatted string is
  printed at once, so the generator's bounds on variables still hold.
- The dicts and sets live in module globals made by `prologue()`: `gdi` (int keys), `gds` (str keys)
  and `gss` (a set of ints). Functions only mutate them through methods and subscripts, so no `global`
  declaration is needed. Their values are reduced `% 1000003`, so they stay small ints.
- A set's iteration order is CPython's hash-table order, so output that lists a set goes through
  `sorted()`; a dict's order is insertion order, so the generator prints it directly.
- Every operation is valid by construction: a divisor is odd or nonzero, `del` and `remove` are
  guarded by `in`, a `pop` has a default.
"""
from __future__ import annotations

KEY_RANGE = 13  # int keys and str key suffixes are taken modulo this, so keys repeat and collide


class FeatureStatements:
    """Emits one core-type statement at a time for a gen_programs.Generator [g]."""

    def __init__(self, g) -> None:
        self.g = g
        self.r = g.r

    # --- operands -----------------------------------------------------------------------------------

    def int_text(self, ctx) -> str:
        return self.g.gen_int(ctx, 1).text

    def int_key(self, ctx) -> str:
        return f"({self.int_text(ctx)}) % {KEY_RANGE}"

    def str_key(self, ctx) -> str:
        return f'"k" + str(({self.int_text(ctx)}) % {KEY_RANGE})'

    def small_value(self, ctx) -> str:
        return f"({self.int_text(ctx)}) % 1000003"

    def odd(self, ctx) -> str:
        return f"(({self.int_text(ctx)}) | 1)"

    # --- the statements ---------------------------------------------------------------------------

    @staticmethod
    def prologue() -> list[str]:
        return ["gdi = {}", 'gds = {"k0": 0}', "gss = {1, 2, 3}"]

    @staticmethod
    def epilogue() -> list[str]:
        return ["print(gdi, gds, sorted(gss), len(gdi) + len(gds) + len(gss))"]

    def emit(self, ctx, indent: int) -> None:
        kinds = ["dict", "dict", "set", "bigint", "bigint", "bytes", "str", "str", "format"]
        getattr(self, f"stmt_{self.r.choice(kinds)}")(ctx, indent)

    def stmt_dict(self, ctx, indent: int) -> None:
        g = self.g
        d, key = self.r.choice([("gdi", self.int_key), ("gds", self.str_key)])
        k, k2, v = key(ctx), key(ctx), self.small_value(ctx)
        options = [
            f"{d}[{k}] = {v}",
            f"{d}[{k}] = ({d}.get({k2}, 0) + {v}) % 1000003",
            f"print({k} in {d}, {d}.get({k2}), len({d}))",
            f"print({d}.pop({k}, None), {d}.setdefault({k2}, {v}))",
            f"{d}.update({{{k}: {v}, {k2}: 7}})",
            f"print(list({d}.keys())[:5], sum({d}.values()) % 1000003, list({d}.items())[-2:])",
            f"print({d} == dict({d}), {d}.copy() == {d}, {d} == {{}})",
            f"print(sorted({d}.keys() & {{{k}, {k2}}}), {d}.get({k}, -1))",
        ]
        if self.r.random() < 0.25:
            g.emit(indent, f"if {k} in {d}:")
            g.emit(indent + 1, f"del {d}[{k}]")
            return
        g.emit(indent, self.r.choice(options))

    def stmt_set(self, ctx, indent: int) -> None:
        g = self.g
        a, b, c = (f"({self.int_text(ctx)}) % 31" for _ in range(3))
        options = [
            f"gss.add({a})",
            f"gss.discard({a})",
            f"gss.update({{{a}, {b}}})",
            f"print(sorted(gss | {{{a}, {b}}}), sorted(gss & {{{a}, {b}, {c}}}), sorted(gss - {{{a}}}))",
            f"print(sorted(gss ^ {{{a}, {b}}}), {{{a}}} <= gss, frozenset({{{a}, {b}}}) < gss, len(gss))",
            f"print({a} in gss, gss.isdisjoint({{{b}, {c}}}), sorted(set([{a}, {b}, {a}])))",
            f"print(frozenset([{a}, {b}]) == frozenset([{b}, {a}]), {{{a}, {b}}} == {{{b}, {a}}})",
        ]
        if self.r.random() < 0.2:
            g.emit(indent, f"if {a} in gss and len(gss) > 1:")
            g.emit(indent + 1, f"gss.remove({a})")
            return
        g.emit(indent, self.r.choice(options))

    def stmt_bigint(self, ctx, indent: int) -> None:
        x, y, dv = self.int_text(ctx), self.int_text(ctx), self.odd(ctx)
        shift = self.r.randint(60, 200)
        power = self.r.randint(3, 12)
        options = [
            f"print(({x}) * 10 ** {self.r.randint(15, 60)} + ({y}))",
            f"print((({x}) << {shift}) // {dv}, (({x}) << {shift}) % {dv})",
            f"print(pow({x}, {power}) - pow({y}, {power - 1}))",
            f"print(hex(({x}) ** {power}), bin(({y}) << {shift})[:24])",
            f"print(-(({x}) << {shift}) >> 7, ~(({x}) << 65) & ((({y}) << 64) | 12345))",
            f"print(str(abs({x}) ** 20 + 1)[-12:], len(str(abs({x}) ** 20 + 1)))",
            f"print(divmod(-(({x}) << {shift}), {dv}), pow({x}, 65, abs({dv})))",
            f"print(((({x}) << {shift}) + ({y})) == ((({x}) << {shift}) | 0) + ({y}), (1 << {shift}) > 2.0 ** 59)",
            f"print(hash((({x}) << {shift}) + 1) == hash((({x}) << {shift}) + 1), (({x}) << {shift}) // (1 << {shift}))",
        ]
        self.g.emit(indent, self.r.choice(options))

    def stmt_bytes(self, ctx, indent: int) -> None:
        a, b = self.int_text(ctx), self.int_text(ctx)
        options = [
            f'print(bytes([({a}) % 256, ({b}) % 256, 65]) + b"x\\x00y")',
            f"print(str({a}).encode() * 2, b\"1\" in str({b}).encode())",
            f'print(bytearray(b"abc") + bytes(({a}) % 4), bytes(str({a}), "ascii").hex())',
            f'print(b"a,b,,c".split(b","), b"-".join([str({a}).encode(), b"z"]), str({b}).encode()[1:])',
            f'print(bytes([({a}) % 256]) < bytes([({b}) % 256]), list(str({a}).encode()))',
            f'print(str({a}).encode().decode(), b"AbC".lower(), b"  x ".strip(), b"abc".find(b"c"))',
        ]
        self.g.emit(indent, self.r.choice(options))

    def stmt_str(self, ctx, indent: int) -> None:
        a, b = self.int_text(ctx), self.int_text(ctx)
        s = f"str({a})"
        options = [
            f'print({s}.zfill(12), {s}.center(15, "*"), {s}.rjust(9), {s}.ljust(7, "."))',
            f'print({s}.replace("1", "one"), {s}.count("1"), {s}.find("9"), {s}.rfind("0"))',
            f'print({s}.split("0"), {s}.rsplit("1", 1), {s}.partition("2"), {s}.rpartition("3"))',
            f'print(", ".join([{s}, str({b})]), ({s} + " x ").strip(), {s}.startswith(("-", "1")))',
            f'print(("Ab" + {s}).swapcase(), ("hello " + {s}).title(), {s}.isdigit(), {s}.isalnum())',
            f'print("a{{}}b{{}}".format({a}, {b}), "{{1}}-{{0}}".format({a}, {b}), {s}.removeprefix("-"))',
        ]
        self.g.emit(indent, self.r.choice(options))

    def stmt_format(self, ctx, indent: int) -> None:
        a = self.int_text(ctx)
        f = self.g.gen_float(ctx, 1).text
        int_spec = self.r.choice([">10", "<8", "^9", "+08d", ",", "_", "x", "#x", "#o", "b", "08_b", "=+12,"])
        float_spec = self.r.choice([".3f", ".4e", "g", ".2%", "+.1f", "10.3g", ",.2f", "E", "<12.5"])
        options = [
            f'print(f"{{{a}:{int_spec}}}|{{{f}:{float_spec}}}")',
            f'print(format({a}, "{int_spec}"), format({f}, "{float_spec}"))',
            f'print("{{:{int_spec}}} {{!r:>6}}".format({a}, {a}))',
            f'print(f"{{{a}!r}} {{{a}=}}")',
        ]
        self.g.emit(indent, self.r.choice(options))
