#!/usr/bin/env python3
"""make_bad.py: writes the corpus of malformed .cpb files and the error each must produce.

Each case is a bytes image plus a substring of the one-line error `cpvm run` must print after
"cpvm: error: FILE: ". Images start from one valid module (``base_module``) and break a single rule, so a
case fails for exactly the reason its name gives. Opcode numbers are read from vm/bytecode/opcodes.h, so the
corpus follows the table. Outputs are build products, never committed:

    make_bad.py --dir OUT       OUT/NAME.cpb and OUT/NAME.expected for every case
    make_bad.py --header FILE   a C header with every case, for tests/test_bytecode.c (sanitizer builds)

check_bad.py imports ``cases()`` to run the corpus through the cpvm binary.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import struct
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent.parent
_OPCODES_H = _ROOT / "vm" / "bytecode" / "opcodes.h"
_OPERATORS_H = _ROOT / "vm" / "core" / "operators.h"

# Constant tags, as in vm/bytecode/bytecode.h.
NONE, FALSE, TRUE, INT, FLOAT, STR, CODE, TUPLE, BIGINT, BYTES, ELLIPSIS = range(11)
FORMAT_VERSION = 5

# Limits from vm/core/common.h and vm/bytecode/opcodes.h.
MAX_LOCALS = 65535
MAX_COUNT = 65535
STACK_VALUES = 1 << 22


def _read_opcodes() -> tuple[dict[str, int], set[str]]:
    """Opcode numbers (table order) and the names of those without an operand."""
    text = _OPCODES_H.read_text()
    ops: dict[str, int] = {}
    no_operand: set[str] = set()
    for match in re.finditer(r"^\s*X\((\w+),\s*(OPK_\w+)", text, re.MULTILINE):
        ops[match.group(1)] = len(ops)
        if match.group(2) == "OPK_NONE":
            no_operand.add(match.group(1))
    if "RETURN_VALUE" not in ops:
        raise SystemExit(f"make_bad: error: no opcode table found in {_OPCODES_H}")
    return ops, no_operand


def _count_entries(macro: str) -> int:
    """Entries of an X-macro list such as CPVM_BINARY_OPS in vm/core/operators.h."""
    text = _OPERATORS_H.read_text()
    match = re.search(rf"#define {macro}\(X\)((?:.*\\\n)*.*)", text)
    if match is None:
        raise SystemExit(f"make_bad: error: no {macro} in {_OPERATORS_H}")
    return len(re.findall(r"X\(\w+,", match.group(1)))


OPS, NO_OPERAND = _read_opcodes()
OP_COUNT = len(OPS)
NB_COUNT = 2 * _count_entries("CPVM_BINARY_OPS")  # each operator and its in-place form
CMP_COUNT = _count_entries("CPVM_COMPARE_OPS")


def ins(name: str, arg: int | None = None) -> bytes:
    """One instruction; an operand is required exactly when the opcode has one."""
    if name in NO_OPERAND:
        assert arg is None, name
        return bytes([OPS[name]])
    assert arg is not None, name
    return bytes([OPS[name]]) + struct.pack("<I", arg & 0xFFFFFFFF)


def code(*parts: tuple) -> bytes:
    return b"".join(ins(*p) for p in parts)


def u32(v: int) -> bytes:
    return struct.pack("<I", v & 0xFFFFFFFF)


def string(s: str | bytes) -> bytes:
    raw = s.encode() if isinstance(s, str) else s
    return u32(len(raw)) + raw


def bigint(value: int, sign: int | None = None, limbs: list[int] | None = None) -> bytes:
    """A BIGINT constant: sign byte, u32 limb count, u64 limbs from the least significant (overridable)."""
    magnitude = abs(value)
    if limbs is None:
        limbs = []
        while magnitude:
            limbs.append(magnitude & (2**64 - 1))
            magnitude >>= 64
    if sign is None:
        sign = 1 if value < 0 else 0
    return bytes([BIGINT, sign]) + u32(len(limbs)) + b"".join(struct.pack("<Q", limb) for limb in limbs)


def const(c: object) -> bytes:
    """Encodes None/bool/int/float/str, ("code", index), tuples, or raw bytes (a hand-made constant)."""
    if isinstance(c, (bytes, bytearray)):
        return bytes(c)
    if c is None:
        return bytes([NONE])
    if c is True or c is False:
        return bytes([TRUE if c else FALSE])
    if isinstance(c, int) and -(1 << 63) <= c < (1 << 63):
        return bytes([INT]) + struct.pack("<q", c)
    if isinstance(c, int):
        return bigint(c)
    if isinstance(c, float):
        return bytes([FLOAT]) + struct.pack("<d", c)
    if isinstance(c, str):
        return bytes([STR]) + string(c)
    if isinstance(c, tuple) and len(c) == 2 and c[0] == "code":
        return bytes([CODE]) + u32(c[1])
    if isinstance(c, tuple):
        return bytes([TUPLE]) + u32(len(c)) + b"".join(const(x) for x in c)
    raise TypeError(c)


@dataclasses.dataclass
class Function:
    """One function of a module; the *_raw fields override an encoded part to forge it."""

    name: str | bytes = "<module>"
    nparams: int = 0
    ndefaults: int = 0
    nposonly: int = 0
    nkwonly: int = 0
    flags: int = 0  # CODE_VARARGS 1, CODE_VARKW 2, CODE_GENERATOR 4, CODE_DOCSTRING 8
    local_names: list[str | bytes] = dataclasses.field(default_factory=lambda: ["x"])
    nlocals: int | None = None  # None: len(local_names)
    max_stack: int = 2
    consts: list[object] = dataclasses.field(default_factory=lambda: [None, 1])
    nconsts: int | None = None
    names: list[str | bytes] = dataclasses.field(default_factory=lambda: ["print"])
    nnames: int | None = None
    code: bytes = code(("LOAD_CONST", 1), ("STORE_FAST", 0), ("LOAD_CONST", 0), ("RETURN_VALUE",))
    code_length: int | None = None
    lines: list[tuple[int, int]] = dataclasses.field(default_factory=lambda: [(0, 1), (10, 2)])
    nlines: int | None = None
    exc_table: list[tuple[int, int, int, int]] = dataclasses.field(default_factory=list)  # (start, end, handler, depth)
    nexc: int | None = None

    def encode(self) -> bytes:
        def count(override: int | None, items: list) -> bytes:
            return u32(len(items) if override is None else override)

        out = string(self.name) + u32(self.nparams) + u32(self.ndefaults)
        out += u32(self.nposonly) + u32(self.nkwonly) + u32(self.flags)
        out += count(self.nlocals, self.local_names) + b"".join(string(n) for n in self.local_names)
        out += u32(self.max_stack)
        out += count(self.nconsts, self.consts) + b"".join(const(c) for c in self.consts)
        out += count(self.nnames, self.names) + b"".join(string(n) for n in self.names)
        out += u32(len(self.code) if self.code_length is None else self.code_length) + self.code
        out += count(self.nlines, self.lines) + b"".join(u32(o) + u32(l) for o, l in self.lines)
        out += count(self.nexc, self.exc_table) + b"".join(b"".join(u32(v) for v in e) for e in self.exc_table)
        return out


@dataclasses.dataclass
class Module:
    functions: list[Function]
    magic: bytes = b"CPVM"
    version: int = FORMAT_VERSION
    flags: int = 0
    source: str | bytes = "prog.py"
    function_count: int | None = None
    trailer: bytes = b""

    def encode(self) -> bytes:
        out = self.magic + struct.pack("<HH", self.version, self.flags) + string(self.source)
        n = len(self.functions) if self.function_count is None else self.function_count
        out += u32(n) + b"".join(f.encode() for f in self.functions)
        return out + self.trailer


def base_module(**changes: object) -> Module:
    """A valid module whose body is changed by [changes]."""
    return Module([Function(**changes)])  # type: ignore[arg-type]


def body(*parts: tuple, max_stack: int = 2, lines: list[tuple[int, int]] | None = None, **changes: object) -> bytes:
    """A module whose body's code is [parts] (line table: one entry at 0)."""
    return base_module(code=code(*parts), max_stack=max_stack, lines=lines or [(0, 1)], **changes).encode()


def two_functions(inner: Function) -> bytes:
    """A module body that makes the function [inner] (function 1) and returns None."""
    main = Function(consts=[None, ("code", 1)], code=code(("LOAD_CONST", 1), ("STORE_FAST", 0), ("LOAD_CONST", 0),
                                                          ("RETURN_VALUE",)))
    return Module([main, inner]).encode()


GOOD = base_module().encode()
RET = ("RETURN_VALUE",)
NONE0 = ("LOAD_CONST", 0)


def cases() -> list[tuple[str, bytes, str]]:
    """Every case as (name, image, expected text); the error is "invalid bytecode: ..." containing it."""
    c: list[tuple[str, bytes, str]] = []

    def add(name: str, image: bytes, expected: str) -> None:
        c.append((name, image, expected))

    # --- The file header ---
    add("empty_file", b"", "unexpected end of file in header (offset 0)")
    add("truncated_magic", b"CPV", "unexpected end of file in header")
    add("truncated_version", GOOD[:6], "unexpected end of file in header")
    add("bad_magic", b"CPVX" + GOOD[4:], "bad magic")
    add("python_source_not_bytecode", b"print('hello')\n", "bad magic")
    add("version_zero", Module([Function()], version=0).encode(), "unsupported format version 0 (expected 5)")
    add("version_one", Module([Function()], version=1).encode(), "unsupported format version 1 (expected 5)")
    add("version_two", Module([Function()], version=2).encode(), "unsupported format version 2 (expected 5)")
    add("version_three", Module([Function()], version=3).encode(), "unsupported format version 3 (expected 5)")
    add("version_four", Module([Function()], version=4).encode(), "unsupported format version 4 (expected 5)")
    add("version_six", Module([Function()], version=6).encode(), "unsupported format version 6")
    add("unknown_flags", Module([Function()], flags=1).encode(), "unknown flags 0x1")
    add("truncated_source_length", GOOD[:10], "unexpected end of file in source name")
    add("truncated_source", GOOD[:14], "source name 7 exceeds the 2 bytes left")
    add("huge_source_length", GOOD[:8] + u32(0xFFFFFFFF) + GOOD[12:], "source name 4294967295 exceeds")
    add("source_invalid_utf8", Module([Function()], source=b"pr\xffog.py").encode(), "invalid UTF-8 in source name")
    add("source_overlong_utf8", Module([Function()], source=b"\xc0\x80").encode(), "invalid UTF-8 in source name")
    add("source_surrogate_utf8", Module([Function()], source=b"\xed\xa0\x80").encode(), "invalid UTF-8")
    add("source_truncated_utf8", Module([Function()], source=b"ab\xe2\x82").encode(), "invalid UTF-8")
    add("no_functions", Module([], function_count=0).encode(), "no module body (function count is 0)")
    add("huge_function_count", Module([Function()], function_count=4_000_000_000).encode(),
        "function count 4000000000 exceeds")

    # --- Truncation at several points of the functions ---
    # Field offsets in GOOD: name 23, nparams 35, nposonly 43, nlocals 55, max_stack 64, nconsts 68, consts 72,
    # nnames 82, names 86, code_length 95, code 99, nlines 115, lines 119, nexc 135, end 139. Cuts before 76 leave
    # fewer bytes than the smallest function, so the function count itself is refused.
    add("truncated_after_function_count", GOOD[:27], "function count 1 exceeds the 4 bytes left in the file (offset 19)")
    add("truncated_in_second_constant", GOOD[:76], "unexpected end of file in int constant (function <module>, offset 74)")
    add("truncated_in_int_constant", GOOD[:78], "unexpected end of file in int constant (function <module>, offset 74)")
    add("truncated_in_nnames", GOOD[:84], "unexpected end of file in nnames (function <module>, offset 82)")
    add("truncated_in_name", GOOD[:92], "name 5 exceeds the 2 bytes left in the file (function <module>, offset 86)")
    add("truncated_in_code", GOOD[:102], "code length 16 exceeds the 3 bytes left in the file (function <module>, offset 95)")
    add("truncated_in_nlines", GOOD[:117], "unexpected end of file in nlines (function <module>, offset 115)")
    add("truncated_in_line_table", GOOD[:131], "nlines 2 exceeds the 12 bytes left in the file (function <module>, offset 115)")
    add("truncated_one_byte_short", GOOD[:-5], "nlines 2 exceeds the 15 bytes left")
    add("truncated_in_nexc", GOOD[:-1], "unexpected end of file in nexc (function <module>, offset 135)")
    add("truncated_in_exception_table", base_module(exc_table=[(0, 5, 10, 0)]).encode()[:-3],
        "nexc 1 exceeds the 13 bytes left in the file (function <module>, offset 135)")
    two = Module([Function(), Function(name="helper")]).encode()
    add("truncated_in_second_function_name", two[:145], "function name 6 exceeds the 2 bytes left in the file (function 1, offset 139)")
    add("truncated_in_second_nparams", two[:151], "unexpected end of file in nparams (function helper, offset 149)")
    add("missing_second_function", Module([Function()], function_count=2).encode(),
        "unexpected end of file in function name (function 1, offset 139)")

    # --- Function fields ---
    add("huge_function_name", base_module(name=b"x" * 3).encode().replace(string(b"xxx"), u32(0xFFFFFFF0) + b"xxx"),
        "function name 4294967280 exceeds")
    add("function_name_invalid_utf8", base_module(name=b"f\x80").encode(),
        "invalid UTF-8 in function name (function 0, offset")
    add("ndefaults_above_nparams", base_module(nparams=1, ndefaults=2).encode(), "ndefaults 2 exceeds nparams 1")
    add("nparams_above_nlocals", base_module(nparams=2).encode(), "nparams 2 exceeds nlocals 1")
    add("module_body_with_parameters", base_module(nparams=1, ndefaults=1).encode(),
        "the module body takes no parameters (nparams 1)")
    add("nposonly_above_nparams", base_module(nparams=1, nposonly=2).encode(), "nposonly 2 exceeds nparams 1")
    add("unknown_function_flags", base_module(flags=16).encode(), "unknown function flags 0x10")
    add("docstring_flag_on_none", base_module(flags=8).encode(), "the docstring flag is set but constant 0 is not a str")
    add("docstring_flag_on_tuple", base_module(flags=8, consts=[("doc",)]).encode(),
        "the docstring flag is set but constant 0 is not a str")
    add("huge_nkwonly", base_module(nkwonly=0xFFFFFFFF).encode(), "nkwonly 4294967295 exceeds the limit")
    add("kwonly_above_nlocals", base_module(nkwonly=2).encode(), "the parameters need 2 locals, more than nlocals 1")
    add("varargs_varkw_above_nlocals", base_module(flags=3).encode(), "the parameters need 2 locals, more than nlocals 1")
    add("module_body_with_kwonly", base_module(nkwonly=1).encode(), "the module body takes no parameters (nkwonly 1")
    add("module_body_with_varargs", base_module(flags=1).encode(), "the module body takes no parameters (nkwonly 0, flags 0x1)")
    add("huge_nlocals", base_module(nlocals=0xFFFFFFFF).encode(), "nlocals 4294967295 exceeds the")
    add("nlocals_above_limit", base_module(local_names=[""] * (MAX_LOCALS + 1)).encode(),
        "nlocals 65536 exceeds the limit 65535")
    add("local_name_invalid_utf8", base_module(local_names=[b"\xfe"]).encode(), "invalid UTF-8 in local name")
    add("max_stack_above_vm_stack", base_module(max_stack=STACK_VALUES + 1).encode(),
        f"max_stack {STACK_VALUES + 1} exceeds the VM stack")
    add("huge_nconsts", base_module(nconsts=0xFFFFFFFF).encode(), "nconsts 4294967295 exceeds")
    add("unknown_constant_tag", base_module(consts=[None, bytes([11])]).encode(), "unknown constant tag 11")
    add("bigint_no_limbs", base_module(consts=[None, bigint(0, sign=0, limbs=[])]).encode(),
        "big int constant has no limbs")
    add("bigint_top_limb_zero", base_module(consts=[None, bigint(0, sign=0, limbs=[5, 1, 0])]).encode(),
        "big int constant is not canonical: its top limb is zero")
    add("bigint_fits_int64", base_module(consts=[None, bigint(2**63 - 1)]).encode(),
        "big int constant fits in int64")
    add("bigint_negative_fits_int64", base_module(consts=[None, bigint(-2**63)]).encode(),
        "big int constant fits in int64")
    add("bigint_bad_sign", base_module(consts=[None, bigint(2**64, sign=2)]).encode(),
        "big int constant has sign byte 2 (expected 0 or 1)")
    add("bigint_limbs_past_end_of_file",
        base_module(consts=[None, bytes([BIGINT, 0]) + u32(1000) + bytes(16)]).encode(),
        "big int limb count 1000 exceeds")
    add("bigint_huge_limb_count", base_module(consts=[None, bytes([BIGINT, 0]) + u32(0xFFFFFFFF)]).encode(),
        "big int limb count 4294967295 exceeds")
    add("bytes_constant_truncated", base_module(consts=[None, bytes([BYTES]) + u32(100) + b"ab"]).encode(),
        "bytes constant 100 exceeds the")
    add("bytes_constant_huge_length", base_module(consts=[None, bytes([BYTES]) + u32(0xFFFFFFFF)]).encode(),
        "bytes constant 4294967295 exceeds the")
    add("string_constant_invalid_utf8", base_module(consts=[None, bytes([STR]) + string(b"\xff")]).encode(),
        "invalid UTF-8 in string constant")
    nested: object = 1
    for _ in range(9):
        nested = (nested,)
    add("tuple_nested_9_deep", base_module(consts=[None, nested]).encode(), "constant tuples nested deeper than 8")
    add("huge_tuple_length", base_module(consts=[None, bytes([TUPLE]) + u32(0x7FFFFFFF)]).encode(),
        "tuple length 2147483647 exceeds")
    add("code_constant_out_of_range", base_module(consts=[None, ("code", 1)]).encode(),
        "code constant refers to function 1 of 1")
    add("code_constant_huge_index", base_module(consts=[None, ("code", 0xFFFFFFFF)]).encode(),
        "code constant refers to function 4294967295 of 1")
    add("code_constant_is_module_body", base_module(consts=[None, ("code", 0)]).encode(),
        "code constant refers to the module body")
    add("code_constant_in_tuple_out_of_range", base_module(consts=[None, (1, ("code", 5))]).encode(),
        "code constant refers to function 5 of 1")
    add("huge_nnames", base_module(nnames=0xFFFFFFFF).encode(), "nnames 4294967295 exceeds")
    add("name_invalid_utf8", base_module(names=[b"pr\xc3int"]).encode(), "invalid UTF-8 in name")
    add("empty_code", base_module(code=b"", lines=[]).encode(), "empty code (function <module>")
    add("huge_code_length", base_module(code_length=0xFFFFFFFF).encode(), "code length 4294967295 exceeds the")
    add("code_length_past_end", base_module(code_length=200).encode(), "code length 200 exceeds the")
    add("huge_nlines", base_module(nlines=0x40000000).encode(), "nlines 1073741824 exceeds")

    # --- The line table ---
    add("line_table_not_at_zero", base_module(lines=[(5, 1)]).encode(), "line table does not start at offset 0")
    add("line_offsets_not_increasing", base_module(lines=[(0, 1), (10, 2), (5, 3)]).encode(),
        "line table offset 5 is not after 10")
    add("line_offsets_equal", base_module(lines=[(0, 1), (0, 2)]).encode(), "line table offset 0 is not after 0")
    add("line_repeated", base_module(lines=[(0, 1), (5, 1)]).encode(), "line table repeats line 1 at offset 5")
    add("line_offset_past_end", base_module(lines=[(0, 1), (16, 2)]).encode(), "line table offset 16 past the end")
    add("line_offset_mid_instruction", base_module(lines=[(0, 1), (3, 2)]).encode(),
        "line table offset 3 is not an instruction boundary")

    # --- After the last function ---
    add("trailing_byte", Module([Function()], trailer=b"\0").encode(), "1 trailing bytes after the last function")
    add("trailing_garbage", Module([Function()], trailer=b"garbage!" * 4).encode(), "32 trailing bytes")
    add("two_modules_concatenated", GOOD + GOOD, f"{len(GOOD)} trailing bytes")

    # --- Instructions: opcodes and operands (offsets are code offsets) ---
    add("unknown_opcode", base_module(code=code(NONE0) + bytes([OP_COUNT]), lines=[(0, 1)]).encode(),
        f"unknown opcode {OP_COUNT} (function <module>, offset 5)")
    add("opcode_255", base_module(code=bytes([255]), lines=[(0, 1)]).encode(), "unknown opcode 255")
    add("operand_cut_off", base_module(code=code(NONE0, RET) + ins("LOAD_CONST", 0)[:3], lines=[(0, 1)]).encode(),
        "operand of LOAD_CONST cut off by the end of the code (function <module>, offset 6)")
    add("local_out_of_range", body(("LOAD_FAST", 1), RET), "local index 1 out of range (nlocals 1)")
    add("store_local_huge_index", body(NONE0, ("STORE_FAST", 0xFFFFFFFF), NONE0, RET),
        "local index 4294967295 out of range")
    add("const_out_of_range", body(("LOAD_CONST", 2), RET), "constant index 2 out of range (nconsts 2)")
    add("name_out_of_range", body(("LOAD_GLOBAL", 1), RET), "name index 1 out of range (nnames 1)")
    add("attr_name_out_of_range", body(NONE0, ("LOAD_ATTR", 7), RET), "name index 7 out of range")
    add("copy_zero", body(NONE0, ("COPY", 0), RET), "COPY count must be at least 1")
    add("swap_one", body(NONE0, NONE0, ("SWAP", 1), RET), "SWAP count must be at least 2")
    add("build_slice_four", body(NONE0, ("BUILD_SLICE", 4), RET), "BUILD_SLICE count must be 2 or 3, not 4")
    add("list_append_depth_0", body(("BUILD_LIST", 0), NONE0, ("LIST_APPEND", 0), RET),
        "LIST_APPEND depth must be at least 1")
    add("map_add_depth_0", body(NONE0, NONE0, ("MAP_ADD", 0), RET, max_stack=3), "MAP_ADD depth must be at least 1")
    add("list_append_without_list_below", body(NONE0, ("LIST_APPEND", 1), RET),
        "stack underflow: LIST_APPEND pops 2 but the stack holds 1")
    add("copy_free_vars_past_locals", body(("COPY_FREE_VARS", 2), NONE0, RET), "COPY_FREE_VARS count 2 exceeds the 1 locals")
    add("load_deref_local_out_of_range", body(("LOAD_DEREF", 1), RET), "local index 1 out of range (nlocals 1)")
    add("raise_varargs_count_3", body(NONE0, NONE0, NONE0, ("RAISE_VARARGS", 3), max_stack=3),
        "RAISE_VARARGS count must be 0 to 2, not 3")
    add("format_value_conversion_4", body(NONE0, ("FORMAT_VALUE", 4), RET),
        "FORMAT_VALUE conversion must be 0 to 3, not 4")
    add("format_with_spec_conversion_9", body(NONE0, NONE0, ("FORMAT_WITH_SPEC", 9), RET),
        "FORMAT_WITH_SPEC conversion must be 0 to 3, not 9")
    add("unpack_sequence_zero", body(NONE0, ("UNPACK_SEQUENCE", 0), NONE0, RET),
        "UNPACK_SEQUENCE count must be at least 1")
    add("call_count_above_limit", body(NONE0, ("CALL", MAX_COUNT + 1), RET), "count 65536 exceeds the limit 65535")
    add("binary_op_out_of_range", body(NONE0, NONE0, ("BINARY_OP", NB_COUNT), RET),
        f"binary operator {NB_COUNT} out of range")
    add("compare_op_out_of_range", body(NONE0, NONE0, ("COMPARE_OP", CMP_COUNT), RET),
        f"comparison operator {CMP_COUNT} out of range")
    add("is_op_flag_two", body(NONE0, NONE0, ("IS_OP", 2), RET), "IS_OP flag must be 0 or 1, not 2")
    add("make_function_flag_huge", body(NONE0, ("MAKE_FUNCTION", 0x80000000), RET), "MAKE_FUNCTION flag must be 0 or 1")

    # --- Jumps ---
    add("jump_into_operand", body(("JUMP_FORWARD", 7), NONE0, RET), "jump target 7 is not an instruction boundary")
    add("jump_past_end", body(("JUMP_FORWARD", 11), NONE0, RET), "jump target 11 past the end of the code (length 11)")
    add("jump_huge_target", body(NONE0, ("POP_JUMP_IF_TRUE", 0xFFFFFFFF), NONE0, RET), "jump target 4294967295 past")
    add("jump_forward_backwards", body(NONE0, ("POP_TOP",), ("JUMP_FORWARD", 0)),
        "JUMP_FORWARD target 0 is not after the jump (function <module>, offset 6)")
    add("jump_forward_to_itself", body(("JUMP_FORWARD", 0), NONE0, RET), "JUMP_FORWARD target 0 is not after the jump")
    add("jump_backward_forwards", body(("JUMP_BACKWARD", 5), NONE0, RET), "JUMP_BACKWARD target 5 is after the jump")
    add("unreachable_bad_jump", body(NONE0, RET, ("JUMP_FORWARD", 0)), "JUMP_FORWARD target 0 is not after the jump")

    # --- Stack depths over the control-flow graph ---
    add("pop_from_empty_stack", body(("POP_TOP",), NONE0, RET), "stack underflow: POP_TOP pops 1 but the stack holds 0")
    add("return_with_empty_stack", body(RET), "stack underflow: RETURN_VALUE pops 1 but the stack holds 0")
    add("call_without_enough_arguments", body(NONE0, ("CALL", 3), RET), "stack underflow: CALL pops 4 but the stack holds 1")
    # Only the true path reaches offset 16, with an empty stack.
    add("underflow_on_one_path", body(NONE0, ("POP_JUMP_IF_TRUE", 16), NONE0, RET, ("POP_TOP",), NONE0, RET),
        "stack underflow: POP_TOP pops 1 but the stack holds 0 (function <module>, offset 16)")
    add("overflow_beyond_max_stack", body(NONE0, NONE0, NONE0, ("BUILD_TUPLE", 3), RET),
        "stack depth 3 exceeds max_stack 2 (function <module>, offset 10)")
    add("overflow_by_unpack", body(NONE0, ("UNPACK_SEQUENCE", 5000), RET), "stack depth 5000 exceeds max_stack 2")
    add("overflow_in_loop", body(NONE0, ("JUMP_BACKWARD", 0)), "stack depth mismatch at merge")
    add("max_stack_zero", body(NONE0, RET, max_stack=0), "stack depth 1 exceeds max_stack 0")
    add("depth_mismatch_at_merge", body(NONE0, ("POP_JUMP_IF_FALSE", 25), NONE0, ("JUMP_FORWARD", 25), NONE0, RET),
        "stack depth mismatch at merge: offset 25 is reached with depth 0 and 1 (function <module>, offset 15)")
    # FOR_ITER's exit edge pops the iterator, so the POP_TOP after the loop finds an empty stack.
    add("for_iter_exit_pops_iterator",
        body(NONE0, ("GET_ITER",), ("FOR_ITER", 21), ("STORE_FAST", 0), ("JUMP_BACKWARD", 6), ("POP_TOP",), NONE0,
             RET, max_stack=3),
        "stack underflow: POP_TOP pops 1 but the stack holds 0 (function <module>, offset 21)")
    # JUMP_IF_TRUE_OR_POP's jump keeps the value (depth 1); its fall-through pops it and pushes two (depth 2).
    add("jump_if_or_pop_mismatch", body(NONE0, ("JUMP_IF_TRUE_OR_POP", 20), NONE0, NONE0, RET, max_stack=3),
        "stack depth mismatch at merge: offset 20 is reached with depth 1 and 2")
    add("fall_off_end", body(NONE0, ("POP_TOP",)), "execution can fall off the end (function <module>, offset 5)")
    add("fall_off_after_branch", body(NONE0, NONE0, ("POP_JUMP_IF_TRUE", 16), RET, ("POP_TOP",)),
        "execution can fall off the end (function <module>, offset 16)")
    add("fall_off_from_conditional_jump", body(NONE0, ("POP_JUMP_IF_FALSE", 10), NONE0), "execution can fall off the end")
    add("fall_off_past_for_iter",
        body(NONE0, ("GET_ITER",), ("FOR_ITER", 17), ("POP_TOP",), ("JUMP_BACKWARD", 6), NONE0),
        "execution can fall off the end")
    # Only JUMP_BACKWARD may jump back: it is where loops check for Ctrl-C and --timeout.
    add("conditional_jump_backwards", body(NONE0, ("POP_JUMP_IF_TRUE", 0), NONE0, RET),
        "POP_JUMP_IF_TRUE target 0 is not after the jump (function <module>, offset 5)")

    # --- The exception table ---
    # TRY: 0 NOP, 1 LOAD_CONST None, 6 RAISE_VARARGS 1 (entered at depth 1), 11 the handler: POP_TOP,
    # LOAD_CONST None, RETURN_VALUE. Its one valid entry is (0, 11, 11, 0).
    def try_body(*table: tuple[int, int, int, int], max_stack: int = 2, nexc: int | None = None) -> bytes:
        return body(("NOP",), NONE0, ("RAISE_VARARGS", 1), ("POP_TOP",), NONE0, RET, max_stack=max_stack,
                    exc_table=list(table), nexc=nexc)
    add("huge_nexc", try_body(nexc=0x40000000), "nexc 1073741824 exceeds")
    add("exc_empty_range", try_body((6, 6, 11, 0)), "exception table entry 0 has an empty range 6-6 (function <module>, offset 6)")
    add("exc_end_past_code", try_body((0, 19, 11, 0)), "exception table entry 0 ends at 19, past the end of the code (length 18)")
    add("exc_range_mid_instruction", try_body((0, 3, 11, 0)), "exception table entry 0 range 0-3 is not on instruction boundaries")
    add("exc_start_mid_instruction", try_body((2, 11, 11, 0)), "exception table entry 0 range 2-11 is not on instruction boundaries")
    add("exc_entries_overlap", try_body((0, 11, 11, 0), (6, 11, 11, 0)), "exception table entry 1 overlaps or precedes entry 0")
    add("exc_entries_unsorted", try_body((6, 11, 11, 0), (0, 6, 11, 0)), "exception table entry 1 overlaps or precedes entry 0")
    add("exc_handler_mid_instruction", try_body((0, 11, 13, 0)), "exception table entry 0 handler 13 is not an instruction")
    add("exc_handler_past_end", try_body((0, 11, 40, 0)), "exception table entry 0 handler 40 is not an instruction")
    # A handler inside or before its range could loop without passing a JUMP_BACKWARD.
    add("exc_handler_inside_range", try_body((0, 11, 6, 0)), "exception table entry 0 handler 6 is not after its range 0-11")
    add("exc_handler_before_range", try_body((6, 11, 1, 0)), "exception table entry 0 handler 1 is not after its range 6-11")
    add("exc_depth_above_stack", try_body((0, 11, 11, 2), max_stack=4),
        "exception handler depth 2 exceeds the stack depth 1 here (function <module>, offset 6)")
    add("exc_depth_over_max_stack", try_body((0, 11, 11, 1), max_stack=1), "stack depth 2 exceeds max_stack 1")
    add("exc_huge_depth", try_body((0, 11, 11, 0xFFFFFFFF)), "exception table entry 0 depth 4294967295 exceeds the VM stack")
    # The handler at 8 is entered with the exception (depth 1) and fallen into from POP_TOP (depth 0).
    add("exc_handler_depth_mismatch", body(("NOP",), NONE0, ("UNARY_NEGATIVE",), ("POP_TOP",), NONE0, RET,
                                           exc_table=[(0, 8, 8, 0)]),
        "stack depth mismatch at merge: offset 8 is reached with depth")

    # --- Errors in a nested function name it ---
    add("nested_function_underflow", two_functions(Function(name="helper", code=code(("POP_TOP",), NONE0, RET),
                                                                lines=[(0, 1)])),
        "stack underflow: POP_TOP pops 1 but the stack holds 0 (function helper, offset 0)")
    add("nested_function_bad_line_table", two_functions(Function(name="helper", lines=[(1, 1)])),
        "line table does not start at offset 0 (function helper, offset")
    add("nested_function_code_constant_zero", two_functions(Function(name="helper", consts=[None, ("code", 0)])),
        "code constant refers to the module body (function helper")

    # --- Generators: the function flags, and the opcodes only a generator may hold ---
    def generator(*parts: tuple, **changes: object) -> bytes:
        return two_functions(Function(name="gen", code=code(*parts), lines=[(0, 1)], flags=4, **changes))
    add("module_is_generator", base_module(flags=4).encode(), "the module body cannot be a generator (function <module>")
    add("unknown_helper_flags", two_functions(Function(name="helper", flags=20)), "unknown function flags 0x14 (function helper")
    add("yield_in_plain_function", body(NONE0, ("YIELD_VALUE", 0), RET),
        "YIELD_VALUE outside a generator function (function <module>, offset 5)")
    add("send_in_plain_function", two_functions(Function(name="helper", code=code(NONE0, NONE0, ("SEND", 15), RET),
                                                               lines=[(0, 1)])),
        "SEND outside a generator function (function helper, offset 10)")
    add("yield_flag_2", generator(NONE0, ("YIELD_VALUE", 2), RET), "YIELD_VALUE flag must be 0 or 1, not 2")
    add("yield_underflow", generator(("YIELD_VALUE", 0), RET), "stack underflow: YIELD_VALUE pops 1 but the stack holds 0")
    add("yield_falls_off_the_end", generator(NONE0, ("YIELD_VALUE", 0)), "execution can fall off the end (function gen, offset 5)")
    add("send_underflow", generator(NONE0, ("SEND", 10), RET), "stack underflow: SEND pops 2 but the stack holds 1")
    # SEND's jump leaves one value fewer than its fall-through (the delegate is replaced by its result).
    add("send_exit_depth", generator(NONE0, NONE0, ("SEND", 15), RET),
        "stack depth mismatch at merge: offset 15 is reached with depth")
    add("send_backward", generator(NONE0, NONE0, ("SEND", 0), RET), "SEND target 0 is not after the jump (function gen, offset 10)")
    return c


def c_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def header_lines(all_cases: list[tuple[str, bytes, str]]) -> list[str]:
    lines = ["/* Generated by tests/bad/make_bad.py; do not edit. The malformed-bytecode corpus. */",
             "typedef struct {", "    const char *name;", "    const char *expected;", "    size_t size;",
             "    const unsigned char *data;", "} BadCase;", ""]
    for i, (name, image, _) in enumerate(all_cases):
        lines.append(f"static const unsigned char bad_case_{i}[] = {{ /* {name} */")
        for k in range(0, len(image), 24):
            lines.append("    " + ", ".join(str(b) for b in image[k:k + 24]) + ",")
        lines.append("    0 /* keeps empty images legal C; not part of the image */")
        lines.append("};")
    lines.append("/* The valid module every case starts from (one broken rule each). */")
    lines.append("static const unsigned char bad_corpus_base[] = {")
    for k in range(0, len(GOOD), 24):
        lines.append("    " + ", ".join(str(b) for b in GOOD[k:k + 24]) + ",")
    lines.append("};")
    lines.append("static const BadCase bad_cases[] = {")
    for i, (name, image, expected) in enumerate(all_cases):
        lines.append(f"    {{{c_string(name)}, {c_string(expected)}, {len(image)}, bad_case_{i}}},")
    lines.append("};")
    return lines


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".new")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="write NAME.cpb and NAME.expected here")
    parser.add_argument("--header", type=Path, help="write the corpus as a C header")
    args = parser.parse_args()
    if args.dir is None and args.header is None:
        parser.error("give --dir or --header")
    all_cases = cases()
    names = [name for name, _, _ in all_cases]
    if len(set(names)) != len(names):
        print("make_bad: error: duplicate case names", file=sys.stderr)
        return 1
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)
        for name, image, expected in all_cases:
            write_atomically(args.dir / f"{name}.cpb", image)
            write_atomically(args.dir / f"{name}.expected", (expected + "\n").encode())
    if args.header is not None:
        write_atomically(args.header, ("\n".join(header_lines(all_cases)) + "\n").encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
