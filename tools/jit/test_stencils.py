"""Unit tests for the stencil build: parsing recorded llvm-readobj JSON, GOT slots, fall-through, the writer.

Run: python3 -m unittest discover -s tools/jit -p 'test_*.py'. The JSON in testdata/ was recorded from
clang-19 and llvm-readobj-19 (after stencils.fall_through) for two stencils: CALL_KW (a string, helper
calls, 32-bit holes, an error exit in .text.cold) and JUMP_BACKWARD (jumps to HOLE_JUMP_TARGET), so these
tests need no LLVM.
"""

import copy
import json
import pathlib
import unittest

import readobj
import sequences
import stencils
import writer
from llvm import BuildError
from stencils import HoleValue

TESTDATA = pathlib.Path(__file__).resolve().parent / "testdata"


def load(name: str) -> bytes:
    return (TESTDATA / f"{name}.json").read_bytes()


def parse(name: str, output: bytes | None = None) -> stencils.StencilGroup:
    group = stencils.StencilGroup(name, name)
    readobj.parse(group, load(name) if output is None else output)
    group.process()
    return group


class ParseTests(unittest.TestCase):
    def test_code_cold_code_and_string_data_are_loaded(self) -> None:
        group = parse("CALL_KW")
        self.assertEqual(len(group.code.body), 0x46)
        self.assertEqual(len(group.cold.body), 0x27)
        self.assertIn(b"CALL_KW expects a tuple of keyword names\0", bytes(group.data.body))

    def test_small_holes_keep_their_32_bit_relocation(self) -> None:
        group = parse("CALL_KW")
        opargs = [hole for hole in group.code.holes if hole.value is HoleValue.OPARG]
        self.assertEqual([(hole.offset, hole.kind) for hole in opargs], [(0x1E, "R_X86_64_32"), (0x30, "R_X86_64_32")])

    def test_jumps_to_error_exits_point_into_cold_code(self) -> None:
        group = parse("CALL_KW")
        cold = [(hole.offset, hole.addend) for hole in group.code.holes if hole.value is HoleValue.COLD]
        self.assertEqual(cold, [(0x8, -4), (0x15, -4), (0x41, 0x16)])

    def test_string_reference_becomes_a_data_hole(self) -> None:
        group = parse("CALL_KW")
        (hole,) = [hole for hole in group.cold.holes if hole.offset == 0x2]
        self.assertEqual((hole.kind, hole.value, hole.symbol), ("R_X86_64_64", HoleValue.DATA, None))
        start = bytes(group.data.body).index(b"CALL_KW expects")
        self.assertEqual(hole.addend, start)

    def test_jumps_to_target_are_relative_holes(self) -> None:
        group = parse("JUMP_BACKWARD")
        targets = [hole for hole in group.code.holes if hole.value is HoleValue.JUMP_TARGET]
        self.assertEqual([hole.kind for hole in targets], ["R_X86_64_PLT32", "R_X86_64_PLT32"])
        self.assertTrue(all(hole.addend == -4 for hole in targets))

    def test_unknown_relocation_names_stencil_and_kind(self) -> None:
        data = json.loads(load("JUMP_BACKWARD"))
        broken = copy.deepcopy(data)
        broken[0]["Relocations"][0]["Relocs"][0]["Relocation"]["Type"]["Name"] = "R_X86_64_TPOFF32"
        with self.assertRaisesRegex(BuildError, "JUMP_BACKWARD: unsupported relocation R_X86_64_TPOFF32"):
            parse("JUMP_BACKWARD", json.dumps(broken).encode())

    def test_writable_section_is_refused(self) -> None:
        data = json.loads(load("CALL_KW"))
        for wrapped in data[0]["Sections"]:
            if wrapped["Section"]["Name"]["Name"].startswith(".lrodata"):
                wrapped["Section"]["Flags"]["Flags"].append({"Name": "SHF_WRITE", "Value": 1})
        with self.assertRaisesRegex(BuildError, "CALL_KW: writable"):
            parse("CALL_KW", json.dumps(data).encode())


class GotTests(unittest.TestCase):
    def test_helper_calls_go_through_one_slot_per_helper(self) -> None:
        group = parse("CALL_KW")
        calls = [hole for hole in [*group.code.holes, *group.cold.holes] if hole.kind == "R_X86_64_GOTPCRELX"]
        self.assertEqual(len(calls), 2)
        slots = {hole.offset: hole.symbol for hole in group.data.holes if hole.kind == "R_X86_64_64"}
        self.assertEqual(sorted(slots.values()), ["rt_call", "vm_raise"])
        for call in calls:
            self.assertIs(call.value, HoleValue.DATA)
            self.assertIn(call.addend + 4, slots)

    def test_32_bit_relocation_of_a_64_bit_hole_is_refused(self) -> None:
        hole = stencils.Hole(0, "R_X86_64_32", HoleValue.NAME, None, 0)
        with self.assertRaisesRegex(BuildError, "only HOLE_OPARG and HOLE_PC_AFTER fit"):
            hole.check("LOAD_GLOBAL")

    def test_direct_call_to_a_helper_is_refused(self) -> None:
        hole = stencils.Hole(0, "R_X86_64_PLT32", HoleValue.ZERO, "rt_call", -4)
        with self.assertRaisesRegex(BuildError, "through the GOT"):
            hole.check("CALL")


class FallThroughTests(unittest.TestCase):
    ASSEMBLY = "\n".join([
        "cpvm_stencil:",
        "\tjne\tHOLE_CONTINUE                   # TAILCALL",
        "\tmovq\t%rax, (%r15)",
        "\tjmp\tHOLE_CONTINUE                   # TAILCALL",
        ".Lfunc_end0:",
        "\t.hidden\tHOLE_CONTINUE",
    ])

    def test_trailing_jump_is_dropped_and_others_stay_local(self) -> None:
        lines = stencils.fall_through(self.ASSEMBLY).splitlines()
        self.assertEqual(lines, [
            "cpvm_stencil:",
            "\tjne\t.LHOLE_CONTINUE                   # TAILCALL",
            "\tmovq\t%rax, (%r15)",
            ".LHOLE_CONTINUE:",
            ".Lfunc_end0:",
        ])

    ERROR_EXIT = "\n".join([
        "cpvm_stencil:",
        "# %bb.0:",
        "\ttestq\t%rcx, %rcx",
        "\tje\t.LBB0_2",
        "# %bb.1:",
        "\tmovq\t%rcx, (%r15)",
        "\tjmp\tHOLE_CONTINUE                   # TAILCALL",
        ".LBB0_2:",
        "\txorl\t%eax, %eax",
        "\tretq",
        ".Lfunc_end0:",
    ])

    def test_error_exit_moves_to_cold_section_and_hot_path_falls_through(self) -> None:
        lines = stencils.fall_through(self.ERROR_EXIT).splitlines()
        self.assertEqual(lines, [
            "cpvm_stencil:", "# %bb.0:", "\ttestq\t%rcx, %rcx", "\tje\t.LBB0_2", "# %bb.1:", "\tmovq\t%rcx, (%r15)",
            ".LHOLE_CONTINUE:", ".Lfunc_end0:",
            '\t.section\t.text.cold,"ax",@progbits', ".LBB0_2:", "\txorl\t%eax, %eax", "\tretq",
        ])

    def test_branch_over_cold_code_is_inverted(self) -> None:
        text = "\n".join([
            "cpvm_stencil:", "# %bb.0:", "\ttestq\t%rcx, %rcx", "\tjne\t.LBB0_1",
            "# %bb.2:", "\txorl\t%eax, %eax", "\tretq",
            ".LBB0_1:", "\tmovq\t%rcx, (%r15)", "\tjmp\tHOLE_CONTINUE", ".Lfunc_end0:",
        ])
        lines = stencils.fall_through(text).splitlines()
        self.assertEqual(lines, [
            "cpvm_stencil:", "# %bb.0:", "\ttestq\t%rcx, %rcx", "\tje\t.LCOLD1",
            ".LBB0_1:", "\tmovq\t%rcx, (%r15)", ".LHOLE_CONTINUE:", ".Lfunc_end0:",
            '\t.section\t.text.cold,"ax",@progbits', ".LCOLD1:", "# %bb.2:", "\txorl\t%eax, %eax", "\tretq",
        ])

    def test_assembly_without_function_end_is_refused(self) -> None:
        with self.assertRaises(BuildError):
            stencils.fall_through("cpvm_stencil:\n\tretq\n")


class WriterTests(unittest.TestCase):
    def header(self) -> str:
        groups = [parse("CALL_KW"), parse("JUMP_BACKWARD")]
        shim = stencils.StencilGroup("shim", "shim")
        shim.code.body.extend(b"\xc3")
        return "\n".join(writer.dump("sha256 0", groups, shim))

    def test_header_is_deterministic(self) -> None:
        self.assertEqual(self.header().encode(), self.header().encode())

    def test_header_patches_data_before_code(self) -> None:
        text = self.header()
        emit = text[text.index("static void emit_CALL_KW"):]
        emit = emit[: emit.index("}")]
        self.assertLess(emit.index("patch_64(data"), emit.index("patch_x86_64_32rx(code"))
        self.assertIn("(uintptr_t)&rt_call", emit)

    def test_header_maps_each_opcode_to_its_stencils(self) -> None:
        text = self.header()
        generic = text[text.index("stencil_generic[OP_COUNT_]"):]
        self.assertIn("[OP_CALL_KW] = STENCIL_CALL_KW,", generic)
        self.assertIn("[OP_JUMP_BACKWARD] = STENCIL_JUMP_BACKWARD,", generic)
        self.assertNotIn("/tmp", text)


class SequenceTests(unittest.TestCase):
    def test_step_holes_name_their_step(self) -> None:
        self.assertEqual(stencils.symbol_to_value("HOLE_OPARG"), (HoleValue.OPARG, 0, None))
        self.assertEqual(stencils.symbol_to_value("HOLE_CONST_BITS_2"), (HoleValue.CONST_BITS, 2, None))
        self.assertEqual(stencils.symbol_to_value("rt_call"), (HoleValue.ZERO, 0, "rt_call"))

    def test_stepless_value_with_a_step_is_refused(self) -> None:
        with self.assertRaisesRegex(BuildError, "HOLE_CONTINUE_1: CONTINUE has no per-step copies"):
            stencils.symbol_to_value("HOLE_CONTINUE_1")
        with self.assertRaisesRegex(BuildError, "no per-step copies"):
            stencils.symbol_to_value(f"HOLE_OPARG_{stencils.MAX_STEPS}")

    def test_a_later_steps_hole_is_patched_from_its_own_value(self) -> None:
        hole = stencils.Hole(0x10, "R_X86_64_32", HoleValue.OPARG, None, 0, 2)
        self.assertEqual(writer._value(hole), "patches[HV_OPARG_2]")

    def test_patterns_are_unique_and_at_most_max_steps_long(self) -> None:
        found = sequences.patterns()
        self.assertEqual(len(found), len(set(found)))
        self.assertTrue(all(2 <= len(pattern) <= stencils.MAX_STEPS for pattern in found))
        self.assertIn(("LOAD_FAST", "LOAD_CONST int", "BINARY_OP ADD", "STORE_FAST"), found)

    def test_trie_shares_prefixes_and_marks_where_sequences_end(self) -> None:
        steps = (stencils.Step("LOAD_FAST"), stencils.Step("LOAD_CONST", None, "int"), stencils.Step("BINARY_OP", 0))
        groups = [stencils.StencilGroup("LF__LCI", "LOAD_FAST", steps=steps[:2]),
                  stencils.StencilGroup("LF__LCI__ADD", "LOAD_FAST", steps=steps)]
        text = "\n".join(writer._sequence_trie(groups))
        nodes = [line.strip() for line in text.splitlines() if line.strip().startswith("{OP_")]
        self.assertEqual(nodes, ["{OP_LOAD_FAST, SEQ_ANY, NO_STENCIL, 0, 2, 1},",
                                 "{OP_LOAD_CONST, SEQ_CONST_INT, STENCIL_LF__LCI, 0, 3, 1},",
                                 "{OP_BINARY_OP, SEQ_OPARG, STENCIL_LF__LCI__ADD, 0, 0, 0},"])
        self.assertIn("[OP_LOAD_FAST] = 1,", text)


if __name__ == "__main__":
    unittest.main()
