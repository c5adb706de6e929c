"""Checks seeing inside the JIT: cpvm stencils, cpvm explain (text and JSON), --trace-jit, --perf-map and
--perf-jitdump (with perf record / inject / report when perf works here).

usage: check_inspect.py CPVM
Each check prints one line; the last line is "N passed, M failed". The JSON check rebuilds each compiled
function's bytes from explain's listing and verifies that every hole holds the value explain says.
"""
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
results: list[bool] = []


def run(cpvm: str, *args: str, timeout: float = 120, cwd: Path = HERE) -> subprocess.CompletedProcess:
    return subprocess.run([cpvm, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd)


def check(name: str, ok: bool, detail: str = "") -> None:
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"))


def one_line_error(r: subprocess.CompletedProcess, text: str) -> bool:
    return r.returncode == 2 and r.stderr.count("\n") == 1 and text in r.stderr and r.stdout == ""


# --- cpvm stencils ---------------------------------------------------------------------------------------

def stencil_code_bytes(listing: str, name: str) -> bytes:
    """The unpatched code bytes of stencil [name] from a `cpvm stencils` listing."""
    lines = listing.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}: "))
    code = bytearray()
    in_code = False
    for line in lines[start + 1:]:
        if not line.strip():
            break
        if line.startswith("  ") and not line.startswith("    "):
            in_code = line.strip() == "code:"
            continue
        match = re.match(r"^\s+[0-9a-f]+: ((?:[0-9a-f]{2} )*[0-9a-f]{2})(?: |$)", line)
        if in_code and match:
            code.extend(bytes.fromhex(match[1].replace(" ", "")))
    return bytes(code)


def check_stencils(cpvm: str) -> str:
    everything = run(cpvm, "stencils")
    count = re.match(r"; (\d+) stencils", everything.stdout)
    headers = re.findall(r"^[A-Z_0-9]+: .*; \d+ bytes of code", everything.stdout, re.M)
    check("stencils lists every stencil and the shim", everything.returncode == 0 and count is not None
          and len(headers) == int(count[1]) and "\nshim: the entry shim" in everything.stdout,
          everything.stderr or f"{len(headers)} headers, first line {everything.stdout[:80]!r}")
    r = run(cpvm, "stencils", "BINARY_OP_ADD")
    capstone = "AT&T syntax" in r.stdout.splitlines()[0] if r.stdout else False
    holes = [line.split() for line in r.stdout.splitlines() if re.match(r"^    (code|cold|data)\+", line)]
    got = any(h[1] == "patch_x86_64_32rx" and "rt_binary_op" in " ".join(h) for h in holes)
    pc_after = any(h[0] == "cold+0x1" and h[1] == "patch_32" and h[3] == "PC_AFTER" for h in holes)
    slot = any(h[0].startswith("data+") and h[1] == "patch_64" and h[3] == "&rt_binary_op" for h in holes)
    check("stencils BINARY_OP_ADD shows its holes: GOT call, cold jump, PC_AFTER, GOT slot",
          r.returncode == 0 and got and pc_after and slot and "BINARY_OP with operand 0 (+)" in r.stdout, r.stdout[:2000])
    if capstone:
        check("stencils BINARY_OP_ADD disassembles the int fast path (addq, jno)",
              re.search(r"addq %r\w+, %r\w+", r.stdout) is not None and "jno " in r.stdout, r.stdout[:3000])
    else:
        print("skip disassembly check: this cpvm was built without Capstone")
    r = run(cpvm, "stencils", "COMPARE_OP")
    names = re.findall(r"^(COMPARE_OP\w*): ", r.stdout, re.M)
    check("stencils OPCODE shows all its stencils", r.returncode == 0 and "COMPARE_OP_LT" in names
          and len(names) == 6 and all(n.startswith("COMPARE_OP_") for n in names), str(names))
    r = run(cpvm, "stencils", "LOAD_FAST")
    check("stencils LOAD_FAST: the local's offset is a 32-bit displacement hole (patch_32s), no multiply",
          r.returncode == 0 and re.search(r"code\+0x\w+ +patch_32s +R_X86_64_32S +LOCAL_OFFSET", r.stdout) is not None
          and "shl" not in r.stdout, r.stdout[:2000])
    r = run(cpvm, "stencils", "LOAD_FAST__LOAD_CONST_INT__BINARY_OP_ADD__STORE_FAST")
    check("stencils shows a sequence stencil, with per-instruction holes (LOCAL_OFFSET_3, CONST_BITS_1)",
          r.returncode == 0 and "a sequence of 4 instructions" in r.stdout and "LOCAL_OFFSET_3" in r.stdout
          and "CONST_BITS_1" in r.stdout and "CONST_TYPE_1" not in r.stdout, r.stdout[:2000])
    r = run(cpvm, "stencils", "NO_SUCH_OP")
    check("stencils with an unknown name is a one-line usage error (exit 2)",
          one_line_error(r, "no stencil or opcode named 'NO_SUCH_OP'"), f"{r.returncode} {r.stderr!r}")
    return everything.stdout


# --- cpvm explain -------------------------------------------------------------------------------------------

def check_explain_text(cpvm: str) -> None:
    r = run(cpvm, "explain", "add.py", "--function", "add")
    out = r.stdout
    # a + b is LOAD_FAST a; LOAD_FAST b; BINARY_OP +: one sequence stencil (a superinstruction) whose later
    # steps' holes name their own instruction.
    want = ["function add (add.py): 4 instructions in 2 stencils", "line 3: return a + b",
            "pc 0    LOAD_FAST a; LOAD_FAST b; BINARY_OP +", "stencil LOAD_FAST__LOAD_FAST__BINARY_OP_ADD",
            "OPARG = 1 (of pc 5)", "CALL rt_binary_op at 0x", "PC_AFTER = 15 (frame->pc if it raises) (of pc 10)",
            "machine code of add", "; ---- pc 0: LOAD_FAST a; LOAD_FAST b; BINARY_OP + (line 3)", "pc 15   RETURN_VALUE"]
    missing = [w for w in want if w not in out]
    check("explain --function add: sequence stencil, holes with values, annotated machine code", r.returncode == 0
          and not missing and "function <module>" not in out, f"missing {missing}; {r.stderr}")
    r = run(cpvm, "explain", "add.py")
    want = ["function <module>", "function add", "OPARG = 2", "TARGET = pc ", "CONST_BITS = 0x64 (100)",
            "GLOBAL = 0x", "(the slot of global 'total')"]
    missing = [w for w in want if w not in r.stdout]
    check("explain FILE: every function; OPARG, TARGET, constant and global holes", r.returncode == 0 and not missing,
          f"missing {missing}; {r.stderr}")
    r = run(cpvm, "explain", "add.py", "--function", "nope")
    check("explain --function NAME that does not exist: one line, exit 2",
          one_line_error(r, "add.py: no function named 'nope'"), f"{r.returncode} {r.stderr!r}")
    r = run(cpvm, "explain", "add.py", "--format=xml")
    check("explain --format=xml: usage error", one_line_error(r, "--format must be text or json"), r.stderr)
    r = run(cpvm, "explain")
    check("explain without FILE: usage error", one_line_error(r, "explain needs a FILE"), r.stderr)


def memory_of(function: dict) -> dict[int, int]:
    """Address -> byte of a compiled function, rebuilt from explain's listings and data bytes."""
    memory: dict[int, int] = {}
    for instruction in function["instructions"]:
        for part in ("machine_code", "cold_code"):
            for line in instruction[part]:
                for k, byte in enumerate(bytes.fromhex(line["bytes"].replace(" ", ""))):
                    memory[int(line["address"], 16) + k] = byte
        data = bytes.fromhex(instruction["data_bytes"].replace(" ", ""))
        for k, byte in enumerate(data):
            memory[int(instruction["data"]["address"], 16) + k] = byte
    return memory


def read(memory: dict[int, int], address: int, size: int) -> bytes | None:
    try:
        return bytes(memory[address + k] for k in range(size))
    except KeyError:
        return None


def hole_problem(memory: dict[int, int], hole: dict) -> str | None:
    """None when the bytes at [hole] are what its patch function writes for its value."""
    at, value, patch = int(hole["address"], 16), int(hole["value"], 16), hole["patch"]
    if patch == "patch_64":
        ok = read(memory, at, 8) == struct.pack("<Q", value)
    elif patch == "patch_32":
        ok = read(memory, at, 4) == struct.pack("<I", value)
    elif patch == "patch_32s":
        ok = read(memory, at, 4) == struct.pack("<i", value - (1 << 64) if value >= 1 << 63 else value)
    elif patch in ("patch_32r", "patch_x86_64_32rx"):
        raw = read(memory, at, 4)
        relative = struct.unpack("<i", raw)[0] if raw else None
        ok = relative == value - at
        if not ok and patch == "patch_x86_64_32rx" and raw:
            # Relaxed: the instruction now reaches the GOT slot's target directly.
            slot = read(memory, value + 4, 8)
            target = struct.unpack("<Q", slot)[0] if slot else None
            ok = target is not None and relative == target - 4 - at and memory.get(at - 2) in (0x67, 0x90, 0x8d)
    else:
        return f"unknown patch function {patch}"
    return None if ok else f"{hole['description']} at {hole['address']}: bytes {read(memory, at - 2, 10)}"


def check_explain_json(cpvm: str, listing: str) -> None:
    r = run(cpvm, "explain", "add.py", "--format=json")
    try:
        document = json.loads(r.stdout)
    except json.JSONDecodeError as error:
        check("explain --format=json is JSON", False, f"{error}: {r.stdout[:300]!r} {r.stderr}")
        return
    functions = {f["name"]: f for f in document["functions"]}
    check("explain --format=json is JSON with both functions", r.returncode == 0 and set(functions) == {"<module>", "add"},
          str(list(functions)))
    problems = []
    for function in document["functions"]:
        start, size = int(function["address"], 16), function["size"]
        memory = memory_of(function)
        offset = 0
        for instruction in function["instructions"]:
            code = instruction["code"]
            if int(code["address"], 16) != start + offset or code["offset"] != offset:
                problems.append(f"{function['name']} pc {instruction['pc']}: code at {code['address']}, expected +{offset}")
            listed = sum(len(line["bytes"].split()) for line in instruction["machine_code"])
            if listed != code["size"]:
                problems.append(f"{function['name']} pc {instruction['pc']}: {listed} bytes listed, stencil has {code['size']}")
            offset += code["size"]
            for hole in instruction["holes"]:
                if not start <= int(hole["address"], 16) < start + size:
                    problems.append(f"hole outside the function: {hole}")
                problem = hole_problem(memory, hole)
                if problem:
                    problems.append(f"{function['name']} pc {instruction['pc']}: {problem}")
    check("explain JSON: every hole's bytes hold the value it reports; code is laid out end to end",
          not problems and len(functions) == 2, "\n    ".join(problems[:10]))
    # Copy and patch: outside its holes (and the relaxed instruction bytes), an instruction's machine code is
    # its stencil's code, byte for byte.
    add = functions.get("add", {"instructions": []})
    mismatches = []
    for instruction in add["instructions"]:
        stencil = stencil_code_bytes(listing, instruction["stencil"])
        copied = b"".join(bytes.fromhex(line["bytes"].replace(" ", "")) for line in instruction["machine_code"])
        patched = set()
        for hole in instruction["holes"]:
            if hole["part"] == "code":
                width = 8 if hole["patch"] == "patch_64" else 4
                extra = 2 if hole["patch"] == "patch_x86_64_32rx" else 0
                patched.update(range(hole["offset"] - extra, hole["offset"] + width))
        differ = [k for k in range(len(stencil)) if k not in patched and (k >= len(copied) or stencil[k] != copied[k])]
        if len(stencil) != len(copied) or differ:
            mismatches.append(f"pc {instruction['pc']} {instruction['stencil']}: differs at {differ[:5]}")
    check("explain's machine code is the stencil's code outside the holes (copy and patch)",
          add["instructions"] and not mismatches, "; ".join(mismatches))


# --- --trace-jit ------------------------------------------------------------------------------------------------

def check_trace(cpvm: str, work: Path) -> None:
    r = run(cpvm, "--trace-jit", "--jit-threshold", "10", "add.py")
    lines = r.stderr.splitlines()
    check("--trace-jit: output unchanged, one 'jit: ' line per event on stderr",
          r.returncode == 0 and r.stdout == "4950\n" and lines and all(line.startswith("jit: ") for line in lines),
          r.stderr[:500])
    want = [r"^jit: compiled <module> \(add\.py:\d+\): \d+ instructions, \d+ bytes of code .* in [\d.]+ us$",
            r"^jit: OSR entry into <module> at pc \d+ \(line 7, loop header\)",
            r"^jit: compiled add \(add\.py:3\)", r"^jit: enter add at pc 0", r"^jit: exit add: returned$",
            r"^jit: exit <module>: returned$"]
    missing = [w for w in want if not any(re.search(w, line) for line in lines)]
    check("--trace-jit: compile (size, time), OSR entry, enter and exit events", not missing, f"{missing}\n{r.stderr}")
    program = work / "raises.py"
    program.write_text("def f(x):\n    return 10 // x\n\nprint(f(0))\n")
    r = run(cpvm, "--trace-jit", "--jit=always", str(program))
    check("--trace-jit: an error leaving compiled code says what and where",
          r.returncode == 1 and re.search(r"^jit: exit f: ZeroDivisionError raised at pc 10 \(line 2\)$", r.stderr, re.M)
          is not None, r.stderr)


# --- perf: the map file, live, and the jitdump file ------------------------------------------------------

MAP_LINE = re.compile(r"^([0-9a-f]+) ([0-9a-f]+) (cpvm:[^ :]+:[^ ]+)$")


def executable_anonymous_ranges(pid: int) -> list[tuple[int, int]]:
    ranges = []
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        fields = line.split()
        low, high = (int(x, 16) for x in fields[0].split("-"))
        if "x" in fields[1] and len(fields) < 6:  # no path: anonymous memory, as JIT memory is
            ranges.append((low, high))
    return ranges


def check_perf_map(cpvm: str) -> None:
    process = subprocess.Popen([cpvm, "--jit=always", "--perf-map", "--trace-jit", "--timeout", "60", "spin.py"],
                               cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    map_path = Path(f"/tmp/perf-{process.pid}.map")
    lines: list[str] = []
    ranges: list[tuple[int, int]] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            lines = map_path.read_text().splitlines() if map_path.exists() else []
            if any(line.endswith(":spin") for line in lines):
                ranges = executable_anonymous_ranges(process.pid)  # while spin's code runs
                break
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        map_path.unlink(missing_ok=True)
    entries = [MAP_LINE.match(line) for line in lines]
    check("--perf-map: /tmp/perf-PID.map lines are 'START SIZE cpvm:FILE:FUNCTION', hex without 0x",
          len(lines) >= 3 and all(entries) and any(m and m[3] == "cpvm:spin.py:spin" for m in entries), str(lines))
    inside = [m[0] for m in entries if m and not any(low <= int(m[1], 16) and int(m[1], 16) + int(m[2], 16) <= high
                                                      for low, high in ranges)]
    check("--perf-map: every range lies inside executable anonymous memory (/proc/PID/maps) of the live process",
          ranges and not inside, f"outside: {inside}; ranges {[(hex(a), hex(b)) for a, b in ranges]}")
    compiled = dict(re.findall(r"^jit: compiled (\S+) .* at 0x([0-9a-f]+)-0x[0-9a-f]+ in", stderr, re.M))
    agree = all(compiled.get(m[3].rsplit(":", 1)[1]) == m[1] for m in entries if m and ":<jit>:" not in m[3])
    check("--perf-map: addresses agree with --trace-jit", bool(compiled) and agree, f"{compiled} {lines}")


def parse_jitdump(data: bytes) -> tuple[tuple, list[tuple[int, int, bytes]]]:
    header = struct.unpack_from("<IIIIIIQQ", data, 0)
    records = []
    offset = header[2]
    while offset + 16 <= len(data):
        kind, size, _ = struct.unpack_from("<IIQ", data, offset)
        if size < 16 or offset + size > len(data):
            raise ValueError(f"record at {offset} of size {size} overruns the file")
        records.append((kind, size, data[offset + 16:offset + size]))
        offset += size
    if offset != len(data):
        raise ValueError(f"{len(data) - offset} bytes after the last record")
    return header, records


def check_jitdump(cpvm: str) -> None:
    process = subprocess.Popen([cpvm, "--jit=always", "--perf-jitdump", "--perf-map", "add.py"], cwd=HERE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, stderr = process.communicate(timeout=120)
    dump, map_path = Path(f"/tmp/jit-{process.pid}.dump"), Path(f"/tmp/perf-{process.pid}.map")
    try:
        header, records = parse_jitdump(dump.read_bytes())
        error = ""
    except (OSError, ValueError, struct.error) as e:
        header, records, error = (0,) * 8, [], str(e)
    finally:
        map_lines = map_path.read_text().splitlines() if map_path.exists() else []
        dump.unlink(missing_ok=True)
        map_path.unlink(missing_ok=True)
    magic, version, size, machine, _, file_pid = header[:6]
    check("--perf-jitdump: header (magic JiTD, version 1, 40 bytes, x86-64, pid) and records parse",
          not error and process.returncode == 0 and (magic, version, size, machine) == (0x4A695444, 1, 40, 62)
          and file_pid == process.pid, error or stderr or str(header))
    loads = {}
    debug_before = set()
    for kind, _, body in records:
        if kind == 0:
            _, _, vma, address, code_size, _ = struct.unpack_from("<IIQQQQ", body, 0)
            end = body.index(b"\0", 40)
            name = body[40:end].decode()
            loads[name] = (address, code_size, len(body) - end - 1, vma)
        elif kind == 2:
            address, count = struct.unpack_from("<QQ", body, 0)
            debug_before.add(address)
    expected = {}
    for line in map_lines:
        m = MAP_LINE.match(line)
        if m and ":<jit>:" not in m[3]:
            expected[m[3]] = (int(m[1], 16), int(m[2], 16))
    agree = loads and all(name in loads and loads[name][0] == start and loads[name][1] == length == loads[name][2]
                          and loads[name][3] == start and start in debug_before for name, (start, length) in expected.items())
    check("--perf-jitdump: a code-load record (with its bytes, after its line table) per function of the map",
          bool(agree) and set(loads) == set(expected) and records and records[-1][0] == 3, f"{loads} {expected}")


def check_perf_end_to_end(cpvm: str, work: Path) -> None:
    perf = shutil.which("perf")
    if perf is None:
        print("skip perf record/inject/report: perf is not installed")
        return
    data = work / "perf.data"
    # JITDUMPDIR keeps the dump, and the .so files perf inject writes next to it, in [work].
    record = subprocess.run([perf, "record", "-q", "-k", "mono", "-e", "cpu-clock", "-o", str(data), cpvm,
                             "--perf-jitdump", str(HERE / "fib.py")], capture_output=True, text=True, timeout=300,
                            cwd=work, env=dict(os.environ, JITDUMPDIR=str(work)))
    if record.returncode != 0 or not data.exists():
        print(f"skip perf record/inject/report: perf record cannot run here: {record.stderr.strip()[:200]}")
        return
    dumps = list(work.glob("jit-*.dump"))
    injected = work / "perf.jit.data"
    inject = subprocess.run([perf, "inject", "--jit", "-i", str(data), "-o", str(injected)], capture_output=True,
                            text=True, timeout=300)
    report = subprocess.run([perf, "report", "-i", str(injected), "--stdio", "--sort", "sym"], capture_output=True,
                            text=True, timeout=300)
    check("perf record + perf inject --jit + perf report name the compiled fib ($JITDUMPDIR honoured)",
          len(dumps) == 1 and inject.returncode == 0 and "cpvm:" in report.stdout and ":fib" in report.stdout,
          f"{dumps} {inject.stderr[-300:]} {report.stdout[:1500]}")


def main() -> int:
    cpvm = os.path.abspath(sys.argv[1])
    if "JIT: available" not in run(cpvm, "--version").stdout:
        print("skip: this cpvm has no JIT")
        return 77
    with tempfile.TemporaryDirectory(prefix="cpvm-inspect-") as tmp:
        listing = check_stencils(cpvm)
        check_explain_text(cpvm)
        check_explain_json(cpvm, listing)
        check_trace(cpvm, Path(tmp))
        check_perf_map(cpvm)
        check_jitdump(cpvm)
        check_perf_end_to_end(cpvm, Path(tmp))
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
