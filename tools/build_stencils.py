#!/usr/bin/env python3
"""Build jit_stencils.h: compile stencils/template.c once per stencil with clang-19, parse, write the header.

meson runs this as a custom_target (stencils/meson.build). The stencil list comes from the opcode table in
vm/bytecode/opcodes.h: one stencil per opcode, and one per operand value for opcodes whose operand is a BinaryOp,
a CompareOp or a flag, so that the body's switch on the operand folds away; then one per instruction
sequence of tools/jit/sequences.py (superinstructions). The pieces live in tools/jit/:
llvm.py (flags, running tools), readobj.py (object files), stencils.py (model), writer.py (the header).
"""

import argparse
import asyncio
import hashlib
import os
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "jit"))

import llvm  # noqa: E402
import readobj  # noqa: E402
import sequences  # noqa: E402
import stencils  # noqa: E402
import writer  # noqa: E402

TOOLS = pathlib.Path(__file__).resolve().parent

# A tiny program that prints the stencil list from the opcode table, one "OPCODE [OPARG NAME]" per line:
# the table stays the single source of truth, and enum values come from the C compiler, not from Python.
# Operand-specialised stencils: every value of a BinaryOp, CompareOp or flag operand (the body's switch on
# the operand folds away). Local indices need none: their byte offset is a 32-bit hole that clang folds into
# the addressing mode (HOLE_LOCAL_OFFSET in template.c). Then the sequences of tools/jit/sequences.py.
_LIST_STENCILS_C = r"""
#include <stdio.h>
#include "bytecode/opcodes.h"
#define CPVM_NAME(name, sym) #name,
static const char *const binary_ops[] = {CPVM_BINARY_OPS(CPVM_NAME)};
static const char *const compare_ops[] = {CPVM_COMPARE_OPS(CPVM_NAME)};
static void list(const char *op, OperandKind kind) {
    switch (kind) {
    case OPK_BINOP:
        for (int k = 0; k < NB_COUNT_; k++)
            printf("%s %d %s%s\n", op, k, k < NB_INPLACE_ADD ? "" : "INPLACE_", binary_ops[k % NB_INPLACE_ADD]);
        break;
    case OPK_CMP:
        for (int k = 0; k < CMP_COUNT_; k++) printf("%s %d %s\n", op, k, compare_ops[k]);
        break;
    case OPK_FLAG:
        for (int k = 0; k < 2; k++) printf("%s %d %d\n", op, k, k);
        break;
    default:
        printf("%s\n", op);
    }
}
int main(void) {
#define CPVM_LIST(name, kind, pn, pk, un, uk, flags) list(#name, kind);
    CPVM_OPCODES(CPVM_LIST)
    return 0;
}
"""


async def list_stencils(tools: llvm.Tools, include: pathlib.Path, work: pathlib.Path) -> list[stencils.StencilGroup]:
    """One empty StencilGroup per stencil, in the opcode table's order."""
    source, program = work / "list_stencils.c", work / "list_stencils"
    source.write_text(_LIST_STENCILS_C)
    await llvm.run(tools, tools.clang, f"-I{include}", "-o", str(program), str(source))
    groups = []
    for line in (await llvm.run(tools, str(program))).decode().splitlines():
        match line.split():
            case [opcode]:
                groups.append(stencils.StencilGroup(opcode, opcode))
            case [opcode, oparg, suffix]:
                groups.append(stencils.StencilGroup(f"{opcode}_{suffix}", opcode, int(oparg)))
            case _:
                raise llvm.BuildError(f"cannot read the stencil list line {line!r}")
    return groups + sequence_groups(groups)


def sequence_groups(singles: list[stencils.StencilGroup]) -> list[stencils.StencilGroup]:
    """One StencilGroup per pattern of tools/jit/sequences.py, named after its steps:
    LOAD_FAST__LOAD_CONST_INT__BINARY_OP_ADD. A step "BINARY_OP ADD" takes its operand from the single
    stencil BINARY_OP_ADD, so the opcode table stays the only place that numbers operators."""
    opargs = {single.name: single.oparg for single in singles if single.oparg is not None}
    groups = []
    for pattern in sequences.patterns():
        steps, names = [], []
        for text in pattern:
            match text.split():
                case [opcode]:
                    steps.append(stencils.Step(opcode))
                    names.append(opcode)
                case ["LOAD_CONST", ("int" | "float") as const_type]:
                    steps.append(stencils.Step("LOAD_CONST", None, const_type))
                    names.append(f"LOAD_CONST_{const_type.upper()}")
                case [opcode, suffix] if f"{opcode}_{suffix}" in opargs:
                    steps.append(stencils.Step(opcode, opargs[f"{opcode}_{suffix}"]))
                    names.append(f"{opcode}_{suffix}")
                case _:
                    raise llvm.BuildError(f"sequences.py: unknown step {text!r} in {pattern}")
        groups.append(stencils.StencilGroup("__".join(names), steps[0].opcode, steps=tuple(steps)))
    return groups


async def compile_stencil(tools: llvm.Tools, group: stencils.StencilGroup, source: pathlib.Path,
                          include: pathlib.Path, work: pathlib.Path, limit: asyncio.Semaphore) -> None:
    """Compiles [source] into [group]; template stencils get HOLE_CONTINUE turned into fall-through."""
    async with limit:
        defines = [] if group.name == "shim" else [flag for k, step in enumerate(group.steps)
                                                   for flag in step.defines(k)]
        asm, fixed, obj = (work / f"{group.name}{suffix}" for suffix in (".s", ".fixed.s", ".o"))
        await llvm.run(tools, tools.clang, *llvm.CFLAGS, *defines, f"-I{include}", "-S", "-o", str(asm), str(source))
        text = asm.read_text()
        fixed.write_text(text if group.name == "shim" else stencils.fall_through(text))
        await llvm.run(tools, tools.clang, *llvm.ASFLAGS, "-c", "-o", str(obj), str(fixed))
        readobj.parse(group, await llvm.run(tools, tools.readobj, *readobj.READOBJ_ARGS, str(obj)))
        dump = await llvm.run(tools, tools.objdump, "--disassemble", "--reloc", "--no-show-raw-insn", str(obj))
        group.code.disassembly = disassembly(dump.decode())
        group.process()


def disassembly(dump: str) -> list[str]:
    """The instruction lines of an objdump listing, without the file name (reproducibility)."""
    lines = dump.splitlines()
    start = next((i for i, line in enumerate(lines) if line.endswith(">:")), len(lines))
    return [" ".join(line.split()) for line in lines[start + 1 :] if line.strip()]


async def dependencies(tools: llvm.Tools, sources: list[pathlib.Path], include: pathlib.Path) -> list[pathlib.Path]:
    """The sources and every header they include, as clang -MM reports them."""
    paths: set[pathlib.Path] = set()
    for source in sources:
        rule = (await llvm.run(tools, tools.clang, *llvm.CFLAGS, "-DCPVM_OPCODE_0=0", f"-I{include}", "-MM",
                               str(source))).decode()
        words = rule.replace("\\\n", " ").split()[1:]  # drop "template.o:"
        paths.update(pathlib.Path(word).resolve() for word in words)
    return sorted(paths)


def digest(paths: list[pathlib.Path], version: bytes) -> str:
    """Hash of everything the header depends on: sources, headers, these scripts, clang and its flags."""
    hasher = hashlib.sha256()
    for path in paths:
        hasher.update(path.name.encode())
        hasher.update(path.read_bytes())
    hasher.update(version)
    hasher.update("\0".join(llvm.CFLAGS).encode())
    return f"sha256 {hasher.hexdigest()}"


def recorded_digest(output: pathlib.Path) -> str | None:
    """The input digest on the first line of an existing header ("// sha256 ..."), or None."""
    try:
        with output.open() as header:
            first = header.readline()
    except OSError:
        return None
    return first[3:].strip() if first.startswith("// ") else None


async def build(args: argparse.Namespace, tools: llvm.Tools) -> list[str] | None:
    """The header's lines, or None when the header on disk was built from exactly these inputs."""
    include = pathlib.Path(args.include).resolve()
    inputs = sorted({*await dependencies(tools, [pathlib.Path(args.template), pathlib.Path(args.shim)], include),
                     *(path for path in TOOLS.glob("jit/*.py") if not path.name.startswith("test_")),
                     TOOLS / "build_stencils.py"})
    version = await llvm.run(tools, tools.clang, "--version")
    header_digest = digest(inputs, version)
    if args.depfile:
        pathlib.Path(args.depfile).write_text(f"{args.output}: {' '.join(str(path) for path in inputs)}\n")
    # ninja reruns this script when any input's mtime changes (a header touched, or edited in a part no
    # stencil reads, such as a comment). When the contents hash to the digest the header records, the
    # stencils would come out the same: leave the header untouched, and ninja (restat) rebuilds nothing
    # that depends on it.
    if not args.force and recorded_digest(pathlib.Path(args.output)) == header_digest:
        return None
    with tempfile.TemporaryDirectory(prefix="cpvm-stencils-") as tmp:
        work = pathlib.Path(tmp)
        groups = await list_stencils(tools, include, work)
        shim = stencils.StencilGroup("shim", "shim")
        limit = asyncio.Semaphore(args.jobs)
        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(compile_stencil(tools, shim, pathlib.Path(args.shim), include, work, limit))
            for group in groups:
                tasks.create_task(compile_stencil(tools, group, pathlib.Path(args.template), include, work, limit))
    if shim.code.holes or shim.cold.body or shim.data.body:
        raise llvm.BuildError("shim: the entry shim must have no holes and no data")
    return list(writer.dump(header_digest, groups, shim))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True, help="stencils/template.c")
    parser.add_argument("--shim", required=True, help="stencils/shim.c")
    parser.add_argument("--include", required=True, help="the VM's header directory (vm/)")
    parser.add_argument("--output", required=True, help="the header to write (jit_stencils.h)")
    parser.add_argument("--clang", default=None, help="clang >= 19 (default: clang-19 on PATH)")
    parser.add_argument("--readobj", default=None, help="llvm-readobj (default: llvm-readobj-19)")
    parser.add_argument("--objdump", default=None, help="llvm-objdump (default: llvm-objdump-19)")
    parser.add_argument("--depfile", default=None, help="write the inputs as a Makefile rule (for meson)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="parallel compiles (default: the number of CPUs)")
    parser.add_argument("--force", action="store_true", help="rebuild even when the inputs' digest matches")
    parser.add_argument("-v", "--verbose", action="store_true", help="echo every command")
    args = parser.parse_args(argv)
    errors: list[BaseException] = []
    lines: list[str] | None = []
    try:
        tools = llvm.Tools(llvm.find_tool("clang-19", args.clang), llvm.find_tool("llvm-readobj-19", args.readobj),
                           llvm.find_tool("llvm-objdump-19", args.objdump), args.verbose)
        lines = asyncio.run(build(args, tools))
    except* llvm.BuildError as group:
        errors.extend(group.exceptions)  # a TaskGroup reports every failed stencil, not just the first
    for error in errors:
        print(f"build_stencils: error: {error}", file=sys.stderr)
    if errors:
        return 1
    output = pathlib.Path(args.output)
    if lines is None:
        print(f"build_stencils: {output.name} is up to date (inputs' digest unchanged)")
        return 0
    temporary = output.with_name(output.name + ".new")
    temporary.write_text("\n".join(lines) + "\n")
    os.replace(temporary, output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
