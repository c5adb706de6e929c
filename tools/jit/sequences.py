"""Superinstructions: the instruction sequences that get a stencil of their own.

A sequence stencil is template.c compiled with the bodies of 2 to 4 consecutive instructions in one C
function, so clang optimises across them: in `i = i + 1` (LOAD_FAST, LOAD_CONST, BINARY_OP +, STORE_FAST)
the two operands never leave registers between the loads and the add, the constant is known to be an int
(its type check folds away), and the result goes straight to the local. vm/jit/jit.c picks, at each
instruction, the longest sequence that matches and does not swallow a jump target.

The list comes from counting consecutive instructions over bench/programs (weighted so that every program
counts the same): the most frequent pairs were LOAD_FAST LOAD_FAST (10% of all instructions),
LOAD_FAST LOAD_CONST (8%), STORE_FAST LOAD_FAST (5%), FOR_ITER STORE_FAST (3%), BINARY_OP + STORE_FAST
(2%), and COMPARE_OP with a conditional jump (4%). Each pattern below is a tuple of steps written
"OPCODE", "OPCODE SUFFIX" (an operand-specialised stencil's suffix: "BINARY_OP ADD"), "LOAD_CONST int" or
"LOAD_CONST float" (a constant of that type: its type check folds away).
"""

import itertools

# Binary operators worth fusing: the arithmetic and bit operators the benchmarks use in loops.
BINARY_OPS = ("ADD", "SUBTRACT", "MULTIPLY", "TRUE_DIVIDE", "FLOOR_DIVIDE", "REMAINDER", "AND", "OR", "XOR",
              "LSHIFT", "RSHIFT", "INPLACE_ADD", "INPLACE_SUBTRACT")
COMPARE_OPS = ("LT", "LE", "EQ", "NE", "GT", "GE")
BRANCHES = ("POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE")

# Where an operator's operands come from: two locals, a local and an int constant, one of them on the
# stack already, or both on the stack (the empty prefix).
OPERANDS = (("LOAD_FAST", "LOAD_FAST"), ("LOAD_FAST", "LOAD_CONST int"), ("LOAD_FAST",), ("LOAD_CONST int",), ())
# Float constants, for the operators float code uses (x * 2.0, 2.0 * x, d > 4.0), and an int constant
# first (3 * v).
FLOAT_OPS = ("ADD", "SUBTRACT", "MULTIPLY", "TRUE_DIVIDE")
FLOAT_OPERANDS = (("LOAD_FAST", "LOAD_CONST float"), ("LOAD_CONST float", "LOAD_FAST"), ("LOAD_CONST float",))
CONSTANT_FIRST = (("LOAD_CONST int", "LOAD_FAST"),)


def patterns() -> list[tuple[str, ...]]:
    """Every sequence, as a tuple of step strings; no duplicates, none of length 1."""
    found: list[tuple[str, ...]] = []
    for op, operands in itertools.product(BINARY_OPS, OPERANDS):
        found.append((*operands, f"BINARY_OP {op}"))
        found.append((*operands, f"BINARY_OP {op}", "STORE_FAST"))
    for op, operands in itertools.product(FLOAT_OPS, FLOAT_OPERANDS + CONSTANT_FIRST):
        if op != "TRUE_DIVIDE" or operands != CONSTANT_FIRST[0]:
            found.append((*operands, f"BINARY_OP {op}"))
            found.append((*operands, f"BINARY_OP {op}", "STORE_FAST"))
    for op, branch, operands in itertools.product(COMPARE_OPS, BRANCHES, OPERANDS + FLOAT_OPERANDS[::2]):
        found.append((*operands, f"COMPARE_OP {op}", branch))
    for operands in OPERANDS[:4]:
        found.append((*operands, "BINARY_SUBSCR"))
        found.append((*operands, "BINARY_SUBSCR", "STORE_FAST"))
    # c[i] = v with v, c and i each a local or an int constant: v comes first.
    for value in ("LOAD_FAST", "LOAD_CONST int"):
        found.append((value, "LOAD_FAST", "LOAD_FAST", "STORE_SUBSCR"))
    found.append(("LOAD_FAST", "LOAD_FAST", "STORE_SUBSCR"))
    found.append(("FOR_ITER", "STORE_FAST"))
    found.append(("STORE_FAST", "LOAD_FAST"))
    found.append(("LOAD_FAST", "LOAD_FAST"))
    found.append(("LOAD_FAST", "STORE_FAST"))  # x = y
    found.append(("LOAD_CONST", "STORE_FAST"))  # x = 0
    found = [pattern for pattern in found if len(pattern) > 1]
    return list(dict.fromkeys(found))
