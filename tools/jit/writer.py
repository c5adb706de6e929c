"""Write the stencils out as a C header, jit_stencils.h, line by line: bytes, emit functions, tables."""

import typing

from stencils import MAX_STEPS, STEP_VALUES, Hole, HoleValue, PATCH_FUNCTIONS, Stencil, StencilGroup, value_name

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
        expression = f"patches[HV_{value_name(hole.value, hole.step)}]"
    if hole.addend:
        sign = "+" if hole.addend > 0 else "-"
        expression += f" {sign} {abs(hole.addend):#x}"
    return expression


def _patches(part: str, stencil: Stencil) -> typing.Iterator[str]:
    for hole in stencil.holes:
        yield f"    {PATCH_FUNCTIONS[hole.kind]}({part} + {hole.offset:#x}, {_value(hole)});"


def _describe_steps(group: StencilGroup) -> str:
    """LOAD_FAST_2 -> "LOAD_FAST, operand fixed at 2"; a sequence -> "sequence LOAD_FAST; LOAD_CONST (an int)"."""
    words = []
    for step in group.steps:
        operand = "" if step.oparg is None else f", operand fixed at {step.oparg}"
        words.append(f"{step.opcode}{operand}{f' (a {step.const_type})' if step.const_type else ''}")
    return f"sequence {'; '.join(words)}" if group.is_sequence else words[0]


def _comment(group: StencilGroup) -> typing.Iterator[str]:
    yield f"// {group.name}: {_describe_steps(group)}; {len(group.code.body)} bytes of code, " \
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
    yield "// Each stencil is one instruction body compiled on its own; vm/jit/jit.c copies it with its emit function,"
    yield "// which also patches every hole (vm/jit/jit_patch.h). The disassembly shows the code before patching."
    yield "#ifndef cpvm_jit_stencils_h"
    yield "#define cpvm_jit_stencils_h"
    yield ""
    yield "#define CPVM_HAVE_STENCILS 1"
    yield ""
    yield "/* What a hole is patched with: HV_X pairs with HoleValue.X in tools/jit/stencils.py. The first"
    yield " * HV_PER_STEP values belong to one instruction; step k of a sequence stencil has its own copies at"
    yield " * HV_X + k * HV_PER_STEP (HV_OPARG_1, ...). */"
    yield "typedef enum {"
    for step in range(MAX_STEPS):
        for value in STEP_VALUES:
            yield f"    HV_{value_name(value, step)},"
    for value in HoleValue:
        if value not in STEP_VALUES:
            yield f"    HV_{value.name},"
    yield "    HV_COUNT_"
    yield "} HoleValue;"
    yield f"#define HV_PER_STEP {len(STEP_VALUES)}"
    yield f"#define STENCIL_MAX_STEPS {MAX_STEPS}"
    yield "/* Each HoleValue's name, as the emit functions spell it after \"patches[HV_\" (vm/jit/jit_inspect.c reads them). */"
    yield "static const char *const hole_value_names[HV_COUNT_] = {"
    names = [value_name(value, step) for step in range(MAX_STEPS) for value in STEP_VALUES]
    names += [value.name for value in HoleValue if value not in STEP_VALUES]
    for row in range(0, len(names), 6):
        yield "    " + " ".join(f'"{name}",' for name in names[row:row + 6])
    yield "};"
    yield ""
    yield "typedef void EmitFn(unsigned char *code, unsigned char *cold, unsigned char *data, const uintptr_t *patches);"
    yield ""
    yield "typedef struct {"
    yield "    const char *name;"
    yield "    uint32_t code_size;  /* bytes of machine code */"
    yield "    uint32_t cold_size;  /* bytes of machine code for error exits, placed after all the hot code */"
    yield "    uint32_t data_size;  /* bytes of read-only data and GOT slots, a multiple of data_align */"
    yield "    uint32_t data_align; /* alignment the data needs */"
    yield "    uint32_t steps;      /* instructions it runs: 1, or 2 to STENCIL_MAX_STEPS for a sequence */"
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
              f"{len(group.data.body)}, {group.data.alignment}, {len(group.steps)}, emit_{group.name}}},"
    yield "};"
    yield ""
    yield "/* The stencil of instruction (op, oparg): stencil_first[op] + oparg when oparg < stencil_variants[op]"
    yield " * (an operand-specialised stencil), else stencil_generic[op]. */"
    first: dict[str, StencilGroup] = {}
    variants: dict[str, int] = {}
    generic: dict[str, StencilGroup] = {}
    for group in groups:
        if group.is_sequence:
            continue
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
    yield from _sequence_trie(groups)


def _sequence_trie(groups: list[StencilGroup]) -> typing.Iterator[str]:
    """The sequence stencils as a trie over instructions, which vm/jit/jit.c walks to find the longest match.

    Node 0 is the root; the children of a node are contiguous and sorted by opcode, and sequence_roots[op]
    is the first child of the root with that opcode (the root has many: one per first instruction)."""
    # children[path] lists the next steps after the path of steps [path]; stencil_at[path] ends a sequence.
    children: dict[tuple, list] = {(): []}
    stencil_at: dict[tuple, str] = {}
    for group in (group for group in groups if group.is_sequence):
        for depth in range(1, len(group.steps) + 1):
            path = group.steps[:depth]
            if path not in children:
                children[path] = []
                children[path[:-1]].append(path[-1])
        stencil_at[group.steps] = group.name
    nodes: list[tuple] = [((), None)]  # (path, step) in breadth-first order: each node's children together
    first_child: dict[tuple, int] = {}
    i = 0
    while i < len(nodes):
        path, _ = nodes[i]
        # Specific matches first (a fixed operand, an int constant) so that the walk prefers them.
        kids = sorted(children[path], key=lambda s: (s.opcode, s.oparg is None and not s.const_type, s.oparg or 0,
                                                     s.const_type or ""))
        first_child[path] = len(nodes)
        nodes.extend(((*path, step), step) for step in kids)
        i += 1
    yield "/* Sequence stencils as a trie over instructions (tools/jit/sequences.py): a node matches one"
    yield " * instruction, by opcode and, per [match], its operand or the type of its constant. vm/jit/jit.c walks"
    yield " * from sequence_roots[op] and keeps the deepest node with a stencil. */"
    yield "enum { SEQ_ANY, SEQ_OPARG, SEQ_CONST_INT, SEQ_CONST_FLOAT };"
    yield "#define NO_STENCIL 0xffff"
    yield "typedef struct {"
    yield "    uint8_t opcode;"
    yield "    uint8_t match;        /* SEQ_ANY, SEQ_OPARG (the operand must be .oparg), SEQ_CONST_INT, _FLOAT (the constant's type) */"
    yield "    uint16_t stencil;     /* the sequence that ends here, or NO_STENCIL */"
    yield "    uint32_t oparg;"
    yield "    uint16_t first_child; /* children: nodes first_child .. first_child + child_count - 1 */"
    yield "    uint16_t child_count;"
    yield "} SequenceNode;"
    yield f"static const SequenceNode sequence_nodes[{len(nodes)}] = {{"
    for path, step in nodes:
        kids = len(children[path])
        if step is None:
            yield f"    {{0, SEQ_ANY, NO_STENCIL, 0, {first_child[path]}, {kids}}}, /* the root */"
            continue
        match = "SEQ_OPARG" if step.oparg is not None else f"SEQ_CONST_{step.const_type.upper()}" if step.const_type \
            else "SEQ_ANY"
        stencil = f"STENCIL_{stencil_at[path]}" if path in stencil_at else "NO_STENCIL"
        yield f"    {{OP_{step.opcode}, {match}, {stencil}, {step.oparg or 0}, {first_child[path] if kids else 0}, {kids}}},"
    yield "};"
    roots: dict[str, int] = {}
    for index in range(first_child[()], first_child[()] + len(children[()])):
        roots.setdefault(nodes[index][1].opcode, index)
    yield "static const uint16_t sequence_roots[OP_COUNT_] = { /* 0: no sequence starts with the opcode */"
    for opcode, index in roots.items():
        yield f"    [OP_{opcode}] = {index},"
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
