"""The stencil model: code and data with holes, as parsed from one object file, ready for writer.py."""

import dataclasses
import enum
import re

from llvm import BuildError


@enum.unique
class HoleValue(enum.Enum):
    """What a hole is patched with, before its addend. Each member pairs with vm/jit/jit.c's HV_<name>.

    The first eight belong to one instruction: a sequence stencil (several instructions in one stencil)
    has them once per step, as HOLE_OPARG, HOLE_OPARG_1, HOLE_OPARG_2, ... (HV_OPARG, HV_OPARG_1, ...)."""

    # HOLE_JUMP_TARGET: the code of the instruction at the jump operand.
    JUMP_TARGET = enum.auto()
    # HOLE_OPARG: the instruction's operand.
    OPARG = enum.auto()
    # HOLE_PC_AFTER: the byte offset just past the instruction (frame->pc when an error leaves).
    PC_AFTER = enum.auto()
    # HOLE_LOCAL_OFFSET: the byte offset of local OPARG from the frame's locals (OPARG * sizeof(Value)).
    LOCAL_OFFSET = enum.auto()
    # HOLE_CONST_TYPE, HOLE_CONST_BITS: the tag and payload of constant OPARG.
    CONST_TYPE = enum.auto()
    CONST_BITS = enum.auto()
    # HOLE_NAME: the ObjString * of name OPARG.
    NAME = enum.auto()
    # HOLE_GLOBAL: the address of the global slot of name OPARG.
    GLOBAL = enum.auto()
    # The address of this stencil's code: references from the code to itself (rare: local labels).
    CODE = enum.auto()
    # The address of this stencil's data: read-only constants, strings and GOT slots.
    DATA = enum.auto()
    # HOLE_CONTINUE: the code of the next instruction (after the last step of a sequence).
    CONTINUE = enum.auto()
    # The address of this stencil's cold code (error exits), which jit.c puts after all the hot code.
    COLD = enum.auto()
    # Zero: the hole's symbol (a runtime helper such as rt_call) gives the address.
    ZERO = enum.auto()


# The values each step of a sequence has its own copy of, and the most steps a sequence may have.
STEP_VALUES = (HoleValue.JUMP_TARGET, HoleValue.OPARG, HoleValue.PC_AFTER, HoleValue.LOCAL_OFFSET,
               HoleValue.CONST_TYPE, HoleValue.CONST_BITS, HoleValue.NAME, HoleValue.GLOBAL)
MAX_STEPS = 4


def value_name(value: HoleValue, step: int) -> str:
    """The C name of a hole value without its HV_ prefix: OPARG for step 0, OPARG_2 for step 2."""
    return value.name if step == 0 else f"{value.name}_{step}"


# Holes declared small in template.c: a 32-bit absolute relocation may carry them.
SMALL_HOLES = frozenset({HoleValue.OPARG, HoleValue.PC_AFTER, HoleValue.LOCAL_OFFSET})
# Values a PC-relative relocation may point at: they live in or next to the function's own code.
NEAR_VALUES = frozenset({HoleValue.CODE, HoleValue.COLD, HoleValue.DATA, HoleValue.CONTINUE, HoleValue.JUMP_TARGET})

# Relocation kind -> the patch function in vm/jit/jit_patch.h that performs it.
PATCH_FUNCTIONS: dict[str, str] = {
    "R_X86_64_64": "patch_64",
    "R_X86_64_32": "patch_32",
    "R_X86_64_32S": "patch_32s",
    "R_X86_64_PC32": "patch_32r",
    "R_X86_64_PLT32": "patch_32r",
    # After got() below, these point at a GOT slot in the stencil's data; jit.c relaxes them to a direct
    # call, jump or lea when the slot's target is within reach.
    "R_X86_64_GOTPCRELX": "patch_x86_64_32rx",
    "R_X86_64_REX_GOTPCRELX": "patch_x86_64_32rx",
    "R_X86_64_GOTPCREL": "patch_32r",
}
GOT_KINDS = frozenset({"R_X86_64_GOTPCRELX", "R_X86_64_REX_GOTPCRELX", "R_X86_64_GOTPCREL"})


def symbol_to_value(symbol: str) -> tuple[HoleValue, int, str | None]:
    """HOLE_OPARG -> (OPARG, 0, None); HOLE_OPARG_2 -> (OPARG, 2, None); any other (undefined) symbol ->
    (ZERO, 0, symbol)."""
    if not symbol.startswith("HOLE_"):
        return HoleValue.ZERO, 0, symbol
    name, step = symbol.removeprefix("HOLE_"), 0
    if name[-2:-1] == "_" and name[-1].isdigit():
        name, step = name[:-2], int(name[-1])
    try:
        value = HoleValue[name]
    except KeyError:
        raise BuildError(f"unknown hole {symbol}: template.c and HoleValue disagree") from None
    if step and (value not in STEP_VALUES or step >= MAX_STEPS):
        raise BuildError(f"unknown hole {symbol}: {name} has no per-step copies")
    return value, step, None


@dataclasses.dataclass(frozen=True)
class Hole:
    """A relocation record: at [offset], write [value] (of sequence step [step]) + [symbol]'s address +
    [addend], the [kind] way."""

    offset: int
    kind: str
    value: HoleValue
    symbol: str | None
    addend: int
    step: int = 0

    def check(self, where: str) -> None:
        """Raises BuildError when this relocation cannot carry its value."""
        if self.kind not in PATCH_FUNCTIONS:
            raise BuildError(f"{where}: relocation {self.kind} at {self.offset:#x} is not supported")
        if self.kind in ("R_X86_64_32", "R_X86_64_32S") and self.value not in SMALL_HOLES:
            raise BuildError(f"{where}: 32-bit absolute {self.kind} to {self.describe()}: "
                             "only HOLE_OPARG and HOLE_PC_AFTER fit in 32 bits")
        if self.kind in ("R_X86_64_PC32", "R_X86_64_PLT32") and self.value not in NEAR_VALUES:
            raise BuildError(f"{where}: PC-relative {self.kind} to {self.describe()}: a helper must be "
                             "called through the GOT (-fno-plt) since it may be far from JIT memory")

    def describe(self) -> str:
        return self.symbol or f"HOLE_{value_name(self.value, self.step)}"


@dataclasses.dataclass
class Stencil:
    """One section's worth of bytes (code, or data) and the holes in it."""

    body: bytearray = dataclasses.field(default_factory=bytearray)
    holes: list[Hole] = dataclasses.field(default_factory=list)
    alignment: int = 1
    disassembly: list[str] = dataclasses.field(default_factory=list)

    def pad(self, alignment: int) -> None:
        self.alignment = max(self.alignment, alignment)
        self.body.extend(bytes(-len(self.body) % alignment))


@dataclasses.dataclass(frozen=True)
class Step:
    """One instruction of a stencil: its opcode, its operand when the stencil fixes it, and for LOAD_CONST
    the type of the constant when the stencil requires one ("int" or "float")."""

    opcode: str
    oparg: int | None = None
    const_type: str | None = None

    def defines(self, k: int) -> list[str]:
        """The -D flags that make template.c's step [k] this instruction."""
        const_type = f"VAL_{self.const_type.upper()}" if self.const_type else "0"
        return [f"-DCPVM_OPCODE_{k}=OP_{self.opcode}", f"-DCPVM_OPARG_{k}={-1 if self.oparg is None else self.oparg}",
                f"-DCPVM_CONST_TYPE_{k}={const_type}"]


@dataclasses.dataclass
class StencilGroup:
    """One object file: the code and the data of one stencil. That is one instruction (an opcode, maybe
    with a fixed operand), or a sequence of up to MAX_STEPS instructions compiled as one (a superinstruction:
    [steps] has them all)."""

    name: str
    opcode: str
    oparg: int | None = None
    steps: tuple[Step, ...] = ()
    code: Stencil = dataclasses.field(default_factory=Stencil)
    cold: Stencil = dataclasses.field(default_factory=Stencil)
    data: Stencil = dataclasses.field(default_factory=Stencil)

    def __post_init__(self) -> None:
        if not self.steps:
            self.steps = (Step(self.opcode, self.oparg),)
        if len(self.steps) > MAX_STEPS:
            raise BuildError(f"{self.name}: a sequence has at most {MAX_STEPS} instructions")

    @property
    def is_sequence(self) -> bool:
        return len(self.steps) > 1

    def process(self) -> None:
        """Moves GOT references to slots in the data and checks every hole; call once after parsing."""
        self.got()
        self.data.pad(8)
        for stencil in (self.code, self.cold, self.data):
            for hole in stencil.holes:
                hole.check(self.name)
            stencil.holes.sort(key=lambda hole: hole.offset)

    def got(self) -> None:
        """Gives each GOT-relative reference a slot of its own kind in the data: a per-stencil GOT.

        Before:  call *rt_call@GOTPCREL(%rip)        (R_X86_64_GOTPCRELX rt_call - 4)
        After:   call *slot(%rip)                    (patch_x86_64_32rx to DATA + slot - 4)
                 slot: .quad rt_call                 (patch_64 with rt_call's address)
        """
        slots: dict[tuple[HoleValue, str | None, int], int] = {}  # (value, symbol, step)
        for stencil in (self.code, self.cold):
            holes = []
            for hole in stencil.holes:
                if hole.kind not in GOT_KINDS:
                    holes.append(hole)
                    continue
                key = (hole.value, hole.symbol, hole.step)
                if key not in slots:
                    self.data.pad(8)
                    slots[key] = len(self.data.body)
                    self.data.body.extend(bytes(8))
                    self.data.holes.append(Hole(slots[key], "R_X86_64_64", hole.value, hole.symbol, 0, hole.step))
                holes.append(Hole(hole.offset, hole.kind, HoleValue.DATA, None, slots[key] + hole.addend))
            stencil.holes = holes


# --- Assembly: hot and cold code, fall through to the next instruction ----------------------------

_CONTINUE = re.compile(r"\bHOLE_CONTINUE\b")
_CONTINUE_LABEL = ".LHOLE_CONTINUE"
# A line that starts a basic block in clang's output: a local label, or the comment of a block without one.
_BLOCK_START = re.compile(r"^(?:(?P<label>\.L\w+):|# %bb\.(?P<number>\d+):)")
_COLD_SECTION = '\t.section\t.text.cold,"ax",@progbits'


@dataclasses.dataclass
class _Block:
    """A basic block of clang's assembly: its lines, the first of which may be its label."""

    label: str | None
    lines: list[str]

    def instructions(self) -> list[list[str]]:
        """Each instruction as [mnemonic, operand...], without comments."""
        found = []
        for line in self.lines:
            words = line.split("#", 1)[0].replace(",", " ").split()
            if words and not words[0].startswith(".") and not words[0].endswith(":"):
                found.append(words)
        return found

    def jump_targets(self) -> list[str]:
        return [words[1] for words in self.instructions() if words[0].startswith("j") and len(words) == 2]

    def falls_through(self) -> bool:
        instructions = self.instructions()
        return not instructions or instructions[-1][0] not in ("jmp", "ret", "retq")


def _split_blocks(body: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    for line in body:
        match = _BLOCK_START.match(line)
        if match or not blocks:
            blocks.append(_Block(match["label"] if match else None, []))
        blocks[-1].lines.append(line)
    return blocks


def _hot(blocks: list[_Block]) -> list[bool]:
    """Which blocks can reach the rest of the JIT code (a jump out of the stencil); the others can only
    return from JIT code, which happens on an error or a return: rarely, and at most once per call."""
    index = {block.label: i for i, block in enumerate(blocks) if block.label}
    successors = []
    hot = []
    for i, block in enumerate(blocks):
        targets = block.jump_targets()
        successors.append([index[t] for t in targets if t in index] + ([i + 1] if block.falls_through() else []))
        hot.append(any(t not in index for t in targets))
    changed = True
    while changed:
        changed = False
        for i, following in enumerate(successors):
            if not hot[i] and any(j < len(blocks) and hot[j] for j in following):
                hot[i] = changed = True
    return hot


# x86 conditional jumps and their inverses, for _move_cold_blocks.
_INVERSE = {"je": "jne", "jb": "jae", "jbe": "ja", "jl": "jge", "jle": "jg", "jo": "jno", "jp": "jnp", "js": "jns"}
_INVERSE |= {inverse: jump for jump, inverse in _INVERSE.items()}


def _move_cold_blocks(blocks: list[_Block]) -> tuple[list[_Block], list[_Block]]:
    """Splits [blocks] into hot ones (kept in order) and cold ones for .text.cold, so that the hot code of
    consecutive instructions is contiguous and a hot path's final jump to the next instruction can go.

    A hot block that fell through into a cold one must now jump there. When it ends in a conditional jump
    to the next hot block, inverting that jump does it with no extra instruction:
        jne .LBB0_1 / (cold block)  / .LBB0_1:    ->    je .LCOLD1 / .LBB0_1:
    """
    hot = _hot(blocks)
    if not hot[0] or all(hot):
        return blocks, []
    hot_blocks = [block for block, is_hot in zip(blocks, hot) if is_hot]
    for i, block in enumerate(blocks[:-1]):
        if not (hot[i] and not hot[i + 1] and block.falls_through()):
            continue
        cold = blocks[i + 1]
        if cold.label is None:
            cold.label = f".LCOLD{i + 1}"
            cold.lines.insert(0, f"{cold.label}:")
        following = hot_blocks.index(block) + 1
        next_hot = hot_blocks[following].label if following < len(hot_blocks) else None
        last = block.instructions()[-1] if block.instructions() else []
        if len(last) == 2 and last[0] in _INVERSE and last[1] == next_hot:
            j = max(k for k, line in enumerate(block.lines) if line.split() and line.split()[0] == last[0])
            block.lines[j] = f"\t{_INVERSE[last[0]]}\t{cold.label}"
        else:
            block.lines.append(f"\tjmp\t{cold.label}")
    return hot_blocks, [block for block, is_hot in zip(blocks, hot) if not is_hot]


def fall_through(assembly: str) -> str:
    """Rewrites one stencil's assembly so that it falls through to the next instruction.

    1. Every jump to HOLE_CONTINUE becomes a local jump to the end of the stencil's code: the next
       instruction's stencil is copied right there, so the assembler resolves these jumps at build time
       (short, no hole to patch).
    2. Blocks that can only return (error exits) move to .text.cold, which jit.c places after all the hot
       code of the function, out of the way.
    3. A jump to HOLE_CONTINUE that ends the hot code is dropped: that path falls through.
    """
    lines = assembly.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith("cpvm_stencil:")) + 1
        end = next(i for i, line in enumerate(lines) if line.startswith(".Lfunc_end0:"))
    except StopIteration:
        raise BuildError("no cpvm_stencil or .Lfunc_end0 label in the stencil's assembly") from None
    body = [line if line.strip().startswith((".", "#")) else _CONTINUE.sub(_CONTINUE_LABEL, line)
            for line in lines[start:end]]
    hot, cold = _move_cold_blocks(_split_blocks(body))
    hot_lines = [line for block in hot for line in block.lines]
    while hot_lines and _is_jump_to_continue(hot_lines[-1]):
        hot_lines.pop()
    epilogue = [line for line in lines[end:] if not (line.strip().startswith(".hidden") and _CONTINUE.search(line))]
    cold_lines = [_COLD_SECTION, *(line for block in cold for line in block.lines)] if cold else []
    return "\n".join([*lines[:start], *hot_lines, f"{_CONTINUE_LABEL}:", *epilogue, *cold_lines]) + "\n"


def _is_jump_to_continue(line: str) -> bool:
    parts = line.split("#", 1)[0].split()
    return len(parts) == 2 and parts[0] == "jmp" and parts[1] == _CONTINUE_LABEL
