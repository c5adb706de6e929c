#!/usr/bin/env python3
"""make_seeds.py: writes the seed corpus and the libFuzzer dictionary of one fuzz target.

    make_seeds.py TARGET CPVM OUT_DIR

TARGET is bytecode, asm or compiler; CPVM a built cpvm binary (used to compile and disassemble the
program corpus). OUT_DIR/seeds/ receives the seeds, OUT_DIR/TARGET.dict the dictionary. Seeds come from
tests/programs (*.py), tests/asm (*.cpasm), tests/fuzz/regressions/TARGET, and for bytecode the compiled
.cpb form of all of those plus the malformed corpus of tests/bad (each breaks one rule of the format).
"""

from __future__ import annotations

import hashlib
import keyword
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent.parent
_TARGETS = ("bytecode", "asm", "compiler")

# Words of the Python subset and its builtins: the compiler target's dictionary, with keywords.
_PYTHON_WORDS = (
    "print len range str repr int float bool abs min max sum any all list tuple round pow divmod chr ord "
    "sorted append pop insert extend index count reverse sort clear copy math sqrt floor ceil sys argv "
    "__name__ __main__ sep= end= key= reverse= True False None dict set frozenset bytes bytearray format "
    "isinstance type enumerate zip map filter get setdefault items keys values update split join encode decode "
    "del default= start= strict= try except finally else raise from as Exception BaseException ValueError "
    "KeyError TypeError IndexError ZeroDivisionError RuntimeError StopIteration SystemExit args __context__ "
    "__cause__ exc_info exit"
).split()
_PYTHON_PUNCTUATION = ("(", ")", "[", "]", ",", ":", "\n    ", "\n", "==", "!=", "<=", ">=", "**", "//",
                       "+=", "-=", "*=", "%", "<<", ">>", "0x", "1e308", "9223372036854775807", "'", '"',
                       "{", "}", "f'", 'f"', "b'", "!r", ":>10", "{}", "18446744073709551616", "**200",
                       '"""', "\\", "#", "lambda", "-", "~", "@")
_ASM_WORDS = (".source", ".function", ".locals", ".consts", ".names", ".line", ".except", "params=", "defaults=",
              "stack=", "None", "True", "False", "nan", "-inf", "f64:0x", "@0", "@1", "#0", "#1", ";", ":",
              "(", ")", ",", "+=", "//", "**", "<=", "!=", "0x7fffffffffffffff", "-9223372036854775808")


def _sources(pattern_dir: Path, suffix: str) -> list[Path]:
    return sorted(p for p in pattern_dir.rglob(f"*{suffix}") if p.is_file())


def _opcode_names() -> list[str]:
    text = (_ROOT / "vm" / "bytecode" / "opcodes.h").read_text()
    return re.findall(r"^\s*X\((\w+),\s*OPK_", text, re.MULTILINE)


def _write_dict(path: Path, words: list[str]) -> None:
    lines = []
    for word in dict.fromkeys(words):
        # libFuzzer's dictionary syntax knows only \\, \" and \xHH.
        escaped = "".join(c if c.isprintable() and c not in '\\"' else f"\\x{ord(c):02X}" for c in word)
        lines.append(f'"{escaped}"')
    path.write_text("\n".join(lines) + "\n")


def _add(seeds: Path, data: bytes) -> None:
    """Stores [data] under its digest, as libFuzzer names corpus files (duplicates collapse)."""
    (seeds / hashlib.sha1(data).hexdigest()).write_bytes(data)


def _cpvm(cpvm: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([cpvm, *args], capture_output=True, timeout=60, check=False)


def main(argv: list[str]) -> int:
    if len(argv) != 4 or argv[1] not in _TARGETS:
        print(f"usage: make_seeds.py {{{'|'.join(_TARGETS)}}} CPVM OUT_DIR", file=sys.stderr)
        return 2
    target, cpvm, out = argv[1], argv[2], Path(argv[3])
    seeds = out / "seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir(parents=True)
    programs = _sources(_ROOT / "tests" / "programs", ".py")
    asm_files = _sources(_ROOT / "tests" / "asm", ".cpasm")
    regressions = _sources(_ROOT / "tests" / "fuzz" / "regressions" / target, "")
    for path in regressions:
        if path.name != "README.md":
            _add(seeds, path.read_bytes())

    if target == "compiler":
        for path in programs:
            _add(seeds, path.read_bytes())
        _write_dict(out / "compiler.dict", keyword.kwlist + _PYTHON_WORDS + list(_PYTHON_PUNCTUATION))
    elif target == "asm":
        for path in asm_files:
            _add(seeds, path.read_bytes())
        for path in programs:
            listing = _cpvm(cpvm, "dis", str(path))
            if listing.returncode == 0:
                _add(seeds, listing.stdout)
        _write_dict(out / "asm.dict", _opcode_names() + list(_ASM_WORDS))
    else:
        with tempfile.TemporaryDirectory() as scratch:
            for i, path in enumerate(programs + asm_files):
                cpb = Path(scratch) / f"{i}.cpb"
                verb = "asm" if path.suffix == ".cpasm" else "compile"
                if _cpvm(cpvm, verb, str(path), "-o", str(cpb)).returncode == 0:
                    _add(seeds, cpb.read_bytes())
            bad = Path(scratch) / "bad"
            made = subprocess.run([sys.executable, str(_ROOT / "tests" / "bad" / "make_bad.py"), "--dir", str(bad)],
                                  capture_output=True, check=False)
            if made.returncode == 0:
                for path in sorted(bad.glob("*.cpb")):
                    _add(seeds, path.read_bytes())
        # Byte strings the format is made of: the magic, version and flags, constant tags (8 BIGINT, 9 BYTES among them), small u32s.
        words = ["CPVM\\x03\\x00\\x00\\x00", "\\x00\\x00\\x00\\x00", "\\x01\\x00\\x00\\x00", "\\xff\\xff\\xff\\xff",
                 "\\x00\\x00\\x00\\x80", "\\xff\\xff\\xff\\x7f"]
        words += [f"\\x{op:02x}\\x00\\x00\\x00" for op in range(len(_opcode_names()))]
        words += ["\\x08\\x00\\x01\\x00\\x00\\x00", "\\x08\\x01\\x02\\x00\\x00\\x00",  # BIGINT: sign, limb count
                  "\\x09\\x03\\x00\\x00\\x00",  # BYTES: length
                  # the exception table: nexc 1, then (start 0, end 11, handler 11, depth 0)
                  "\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x0b\\x00\\x00\\x00\\x0b\\x00\\x00\\x00\\x00\\x00\\x00\\x00"]
        (out / "bytecode.dict").write_text("".join(f'"{w}"\n' for w in words))
    print(f"make_seeds: {sum(1 for _ in seeds.iterdir())} seeds for {target} in {seeds}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
