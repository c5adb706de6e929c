#!/usr/bin/env python3
"""check_layers.py: vm/'s folders form layers, and a file includes only its own layer and the ones below.

    python3 tests/layout/check_layers.py [ROOT]

Three rules, each a failure with the file and line that breaks it:
  1. A vm/ file includes cpvm headers by their folder ("core/vm.h", never "vm.h"), and only headers of
     the folders its own folder may use (MAY_INCLUDE below, the table in vm/README.md).
  2. The stencils (stencils/*.c) see only what instruction bodies touch (STENCIL_HEADERS): every header
     they include, directly or through another header, is in that list. A change to any other header
     (the Vm struct, the GC, the compiler) then rebuilds no stencil.
  3. No vm/ file is longer than MAX_LINES unless its header comment says why ("Long file:").
"""
import pathlib
import re
import sys

# Lowest layer first. Each folder may include itself and the folders listed.
MAY_INCLUDE = {
    "core": [],
    "objects": ["core"],
    "bytecode": ["core", "objects"],
    "ops": ["core", "objects", "bytecode"],
    "jit": ["core", "objects", "bytecode", "ops"],
    "interp": ["core", "objects", "bytecode", "ops", "jit"],
    "compiler": ["core", "objects", "bytecode"],
    "modules": ["core", "objects", "bytecode", "ops"],
    "api": ["core", "objects", "bytecode", "ops", "jit", "interp", "compiler", "modules"],
    "cli": ["core", "objects", "bytecode", "ops", "jit", "interp", "compiler", "modules", "api"],
}
# What the instruction bodies (and so the stencils) may see: values, the object layouts they read, the
# execution state (stack and frames), errors, the opcode table, the slow paths' declarations, and the
# layout of compiled code (the CALL stencil enters a compiled callee directly).
STENCIL_HEADERS = {"core/common.h", "core/value.h", "core/object.h", "core/exec.h", "core/errors.h",
                   "core/operators.h", "core/strbuf.h", "core/map.h",  # map.h: a dict's layout holds a Map
                   "bytecode/opcodes.h", "bytecode/instructions.h", "ops/runtime.h", "jit/jit_code.h"}
STENCIL_FOLDERS = {"objects"}  # every type's layout: a body may read any of them
# Headers a build step writes into the build directory; they have no folder.
GENERATED = {"jit_stencils.h", "unicode_tables.h"}
MAX_LINES = 800

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def includes(path: pathlib.Path) -> list[tuple[int, str]]:
    text = path.read_text()
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in INCLUDE.finditer(text)]


def check_folders(vm: pathlib.Path, errors: list[str]) -> None:
    for path in sorted(vm.rglob("*.[ch]")):
        folder = path.relative_to(vm).parts[0]
        if folder not in MAY_INCLUDE:
            errors.append(f"{path}: a file outside vm/'s layer folders ({', '.join(MAY_INCLUDE)})")
            continue
        allowed = {folder, *MAY_INCLUDE[folder]}
        for line, header in includes(path):
            if header in GENERATED:
                continue
            parts = header.split("/")
            if len(parts) != 2 or not (vm / header).is_file():
                errors.append(f"{path}:{line}: include \"{header}\" by its folder (\"core/vm.h\", not \"vm.h\")")
            elif parts[0] not in allowed:
                errors.append(f"{path}:{line}: {folder}/ may not include {header}: {parts[0]}/ is a higher "
                              f"layer (vm/README.md)")


def stencil_closure(root: pathlib.Path, vm: pathlib.Path, errors: list[str]) -> None:
    stencils = root / "stencils"
    for source in sorted(stencils.glob("*.c")):
        seen: set[str] = set()
        todo = [(source, "")]
        while todo:
            path, via = todo.pop()
            for line, header in includes(path):
                if header in seen or header in GENERATED:
                    continue
                local = path.parent / header
                if path.parent == stencils and local.is_file():  # step.h, beside the template
                    seen.add(header)
                    todo.append((local, via))
                    continue
                seen.add(header)
                chain = f"{via} -> {header}" if via else header
                if header not in STENCIL_HEADERS and header.split("/")[0] not in STENCIL_FOLDERS:
                    errors.append(f"{source}: includes {chain} ({path.name}:{line}): stencils may see only "
                                  f"what instruction bodies touch, or every edit to it rebuilds every stencil")
                elif (vm / header).is_file():
                    todo.append((vm / header, chain))


def check_lengths(vm: pathlib.Path, errors: list[str]) -> None:
    for path in sorted(vm.rglob("*.[ch]")):
        text = path.read_text()
        lines = text.count("\n")
        head = text[: text.find("*/") + 2] if text.startswith("/*") else ""
        if lines > MAX_LINES and "Long file:" not in head:
            errors.append(f"{path}: {lines} lines, over {MAX_LINES}, and its header comment gives no reason "
                          f"(\"Long file: ...\"); split it")


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    vm = root / "vm"
    errors: list[str] = []
    check_folders(vm, errors)
    stencil_closure(root, vm, errors)
    check_lengths(vm, errors)
    for error in errors:
        print(f"check_layers: {error}", file=sys.stderr)
    files = len(list(vm.rglob("*.[ch]")))
    print(f"check_layers: {files} files in vm/, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
