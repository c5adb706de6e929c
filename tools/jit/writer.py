"""Write the stencils out as a C header, jit_stencils.h, line by line: bytes, emit functions, tables."""

import typing

from stencils import Hole, HoleValue, PATCH_FUNCTIONS, Stencil, StencilGroup

BANNER = "Generated from stencils/template.c and stencils/shim.c by tools/build_stencils.py; do not edit."


def _byte_rows(body: bytes, per_row: int = 16) -> typing.Iterator[str]:
    for i in range(0, len(body), per_row):
        yield " ".join(f"{b:#04x}," for b in body[i : i + per_row])


def _array(name: str, body: bytes) -> typing.Iterator[str]:
    yield f"static const unsigned char {name}[{len(body)}] = {{"
    for row in _byte_rows(body):
        yield f"    {row}"
    yield "};"


def _value(hole: Hole) -> str:
    """The C expression a hole is patched with."""
    if hole.symbol is not None:
        expression = f"(uintptr_t)&{hole.symbol}"
    else:
        expression = f"patches[HV_{hole.value.name}]"
    if hole.addend:
        sign = "+" if hole.addend > 0 else "-"
        expression += f" {sign} {abs(hole.addend):#x}"
    return expression


def _patches(part: str, stencil: Stencil) -> typing.Iterator[str]:
    for hole in stencil.holes:
        yield f"    {PATCH_FUNCTIONS[hole.kind]}({part} + {hole.offset:#x}, {_value(hole)});"


def _comment(group: StencilGroup) -> typing.Iterator[str]:
    operand = "" if group.oparg is None else f", operand fixed at {group.oparg}"
    yield f"// {group.name}: {group.opcode}{operand}; {len(group.code.body)} bytes of code, " \
          f"{len(group.cold.body)} of cold code, {len(group.data.body)} of data"
    for line in group.code.disassembly:
        yield f"//   {line}"
    if group.data.body:
        yield f"//   data: {bytes(group.data.body).hex(' ')}"


def _stencil(group: StencilGroup) -> typing.Iterator[str]:
    yield from _comment(group)
    parts = [("code", group.code), ("cold", group.cold), ("data", group.data)]
    for part, stencil in parts:
        if stencil.body:
            yield from _array(f"{group.name}_{part}", stencil.body)
    yield f"static void emit_{group.name}(unsigned char *code, unsigned char *cold, unsigned char *data, " \
          "const uintptr_t *patches) {"
    for part, stencil in parts:
        if not stencil.body:
            yield f"    (void){part};"
    if not any(hole.symbol is None for _, stencil in parts for hole in stencil.holes):
        yield "    (void)patches;"
    # Data first: patch_x86_64_32rx reads the GOT slot it points at to decide whether to relax.
    for part, stencil in (parts[2], parts[0], parts[1]):
        if stencil.body:
            yield f"    memcpy({part}, {group.name}_{part}, sizeof {group.name}_{part});"
            yield from _patches(part, stencil)
    yield "}"
    yield ""


def _prologue(digest: str) -> typing.Iterator[str]:
    yield f"// {digest}"
    yield f"// {BANNER}"
    yield "// Each stencil is one instruction body compiled on its own; vm/jit.c copies it with its emit function,"
    yield "// which also patches every hole (vm/jit_patch.h). The disassembly shows the code before patching."
    yield "#ifndef cpvm_jit_stencils_h"
    yield "#define cpvm_jit_stencils_h"
    yield ""
    yield "#define CPVM_HAVE_STENCILS 1"
    yield ""
    yield "/* What a hole is patched with: HV_X pairs with HoleValue.X in tools/jit/stencils.py. */"
    yield "typedef enum {"
    for value in HoleValue:
        yield f"    HV_{value.name},"
    yield "    HV_COUNT_"
    yield "} HoleValue;"
    yield ""
    yield "typedef void EmitFn(unsigned char *code, unsigned char *cold, unsigned char *data, const uintptr_t *patches);"
    yield ""
    yield "typedef struct {"
    yield "    const char *name;"
    yield "    uint32_t code_size;  /* bytes of machine code */"
    yield "    uint32_t cold_size;  /* bytes of machine code for error exits, placed after all the hot code */"
    yield "    uint32_t data_size;  /* bytes of read-only data and GOT slots, a multiple of data_align */"
    yield "    uint32_t data_align; /* alignment the data needs */"
    yield "    EmitFn *emit;"
    yield "} StencilGroup;"
    yield ""


def _tables(groups: list[StencilGroup]) -> typing.Iterator[str]:
    yield "enum {"
    for group in groups:
        yield f"    STENCIL_{group.name},"
    yield "    STENCIL_COUNT_"
    yield "};"
    yield ""
    yield "static const StencilGroup stencil_groups[STENCIL_COUNT_] = {"
    for group in groups:
        yield f"    [STENCIL_{group.name}] = {{\"{group.name}\", {len(group.code.body)}, {len(group.cold.body)}, " \
              f"{len(group.data.body)}, {group.data.alignment}, emit_{group.name}}},"
    yield "};"
    yield ""
    yield "/* The stencil of instruction (op, oparg): stencil_first[op] + oparg when oparg < stencil_variants[op]"
    yield " * (an operand-specialised stencil), else stencil_generic[op]. */"
    first: dict[str, StencilGroup] = {}
    variants: dict[str, int] = {}
    generic: dict[str, StencilGroup] = {}
    for group in groups:
        if group.oparg is None:
            generic[group.opcode] = group
        else:
            first.setdefault(group.opcode, group)
            variants[group.opcode] = variants.get(group.opcode, 0) + 1
    yield "static const uint16_t stencil_first[OP_COUNT_] = {"
    for opcode, group in first.items():
        yield f"    [OP_{opcode}] = STENCIL_{group.name},"
    yield "};"
    yield "static const uint16_t stencil_variants[OP_COUNT_] = {"
    for opcode, count in variants.items():
        yield f"    [OP_{opcode}] = {count},"
    yield "};"
    yield "static const uint16_t stencil_generic[OP_COUNT_] = {"
    for opcode, group in {**first, **generic}.items():  # fully specialised: any (the verifier bounds oparg)
        yield f"    [OP_{opcode}] = STENCIL_{group.name},"
    yield "};"
    yield ""


def dump(digest: str, groups: list[StencilGroup], shim: StencilGroup) -> typing.Iterator[str]:
    """Yields the header's lines; [groups] in the opcode table's order, operand values ascending."""
    yield from _prologue(digest)
    yield from _comment(shim)
    yield from _array("shim_code", shim.code.body)
    yield ""
    for group in groups:
        yield from _stencil(group)
    yield from _tables(groups)
    yield "#endif"
