"""Find the LLVM 19 tools and run them: clang (compile stencils), llvm-readobj (parse), llvm-objdump (comments)."""

import asyncio
import dataclasses
import shlex
import shutil
import sys


class BuildError(Exception):
    """A step of the stencil build failed; the message names the command or the stencil."""


# Every flag clang gets when it compiles a stencil (the template or the shim), each with its reason.
CFLAGS: tuple[str, ...] = (
    # Stencils are x86-64 System V code: the relocation handling in readobj.py knows nothing else.
    "--target=x86_64-unknown-linux-gnu",
    # The lead's optimisation level: stencils are straight-line snippets, -O2 folds the operand-specialised
    # switches and keeps the fast paths branch-light.
    "-O2",
    "-std=gnu11",
    # Stencils are copied to arbitrary addresses: no PIC/GOT for data (absolute holes are what we patch) ...
    "-fno-pic",
    # ... but calls to runtime helpers go through a GOT slot (R_X86_64_GOTPCRELX) that reaches anywhere;
    # jit.c relaxes it to a direct call when the helper is within +-2 GiB of the code.
    "-fno-plt",
    # Code is assumed within 2 GiB of itself (true: one function's stencils and data are contiguous) ...
    "-mcmodel=medium",
    # ... and all data is "large", reached by 64-bit absolutes: strings and 64-bit holes work wherever
    # the VM lives. template.c opts the 32-bit holes back into "small" with a section attribute.
    "-mlarge-data-threshold=0",
    # Jump tables are arrays of absolute 32-bit addresses: they cannot point into mmap'd memory.
    "-fno-jump-tables",
    # Unwind tables would be sections we neither copy nor need: JIT code is never unwound through.
    "-fno-asynchronous-unwind-tables",
    # The canary lives in thread-local storage, a relocation we do not patch; stencil frames are tiny.
    "-fno-stack-protector",
    # Copy Values with two 8-byte moves, never one 16-byte SSE move: the previous stencil usually wrote the
    # Value as two 8-byte stores, and a wider load cannot be forwarded from them (a ~12-cycle stall on
    # every hand-off between stencils). Float arithmetic still uses SSE.
    "-mno-implicit-float",
    # Keep memcpy and friends as the code wrote them instead of libcalls we would have to patch.
    "-fno-builtin",
    # Paths must not leak into the header (reproducibility).
    "-fdebug-prefix-map=/=.",
    "-Wall",
    "-Wextra",
)

# Assembling the edited .s (stencils.fall_through) needs only the target.
ASFLAGS: tuple[str, ...] = (CFLAGS[0],)


@dataclasses.dataclass(frozen=True)
class Tools:
    """The three LLVM programs the build needs, as found on PATH or given by meson."""

    clang: str
    readobj: str
    objdump: str
    verbose: bool = False


def find_tool(name: str, given: str | None) -> str:
    """[given] if set, else [name] on PATH; raises BuildError with the fix when it is missing."""
    path = shutil.which(given or name)
    if path is None:
        raise BuildError(f"{given or name} not found; install it with: apt-get install clang-19 llvm-19")
    return path


async def run(tools: Tools, program: str, *args: str, stdin: bytes | None = None) -> bytes:
    """Runs [program] with [args] and returns its stdout; raises BuildError naming the command on failure."""
    command = [program, *args]
    if tools.verbose:
        print(shlex.join(command), file=sys.stderr)
    process = await asyncio.create_subprocess_exec(
        *command,
        stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate(stdin)
    if process.returncode != 0:
        raise BuildError(f"{shlex.join(command)} failed:\n{err.decode(errors='replace')}")
    return out
