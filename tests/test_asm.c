/* test_asm.c: the assembler (vm/bytecode/asm.c) and disassembler (vm/bytecode/disasm.c).
 *
 * The central property: for any program, assemble(disassemble(p)) writes exactly p's bytes. It is checked
 * on the examples in tests/asm/, on a program that uses every opcode and on a pool of awkward constants and
 * names. Then: what each construct assembles to, every error message with its line and column, and a
 * fuzz-style loop of truncated and mutated texts that must give a program or a message, never a crash.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "bytecode/asm.h"
#include "bytecode/bytecode.h"
#include "bytecode/opcodes.h"
#include "bytecode/walk.h"

/* --- Helpers ------------------------------------------------------------------------------------------ */

static Vm *new_vm(void) {
    VmOptions options;
    vm_options_default(&options);
    Vm *vm = vm_new(&options);
    assert_non_null(vm);
    return vm;
}

static Program *assemble(Vm *vm, const char *text, char error[512]) {
    int paused = vm->gc_paused;
    Program *program = asm_assemble(vm, text, strlen(text), "t.cpasm", error, 512);
    assert_int_equal(vm->gc_paused, paused); /* restored on every path */
    return program;
}

static Program *assemble_ok(Vm *vm, const char *text) {
    char error[512];
    Program *program = assemble(vm, text, error);
    if (program == NULL) fail_msg("assembly failed: %s", error);
    return program;
}

static void assert_asm_error(const char *text, const char *expected) {
    Vm *vm = new_vm();
    char error[512];
    Program *program = assemble(vm, text, error);
    assert_null(program);
    assert_string_equal(error, expected);
    vm_free(vm);
}

static char *disassemble(const Program *program, size_t *length) {
    char *text = NULL;
    FILE *out = open_memstream(&text, length);
    assert_non_null(out);
    disasm_program(program, out);
    fclose(out);
    return text;
}

/* bytes -> read -> disassemble -> assemble -> bytes must be identical; the second disassembly must match
 * the first too. Returns nothing: it fails the test on any difference. */
static void assert_round_trip(Vm *vm, const Program *program) {
    size_t size1, size2, length1, length2;
    uint8_t *bytes1 = bytecode_write(program, &size1);
    assert_non_null(bytes1);
    char error[512];
    Program *loaded = bytecode_read(vm, bytes1, size1, "t.cpb", error, sizeof error);
    if (loaded == NULL) fail_msg("assembled program does not load: %s", error);
    char *text1 = disassemble(loaded, &length1);
    Program *again = asm_assemble(vm, text1, length1, "dis.cpasm", error, sizeof error);
    if (again == NULL) fail_msg("disassembly does not assemble: %s\n%s", error, text1);
    uint8_t *bytes2 = bytecode_write(again, &size2);
    assert_non_null(bytes2);
    assert_int_equal(size1, size2);
    assert_memory_equal(bytes1, bytes2, size1);
    char *text2 = disassemble(again, &length2);
    assert_string_equal(text1, text2);
    free(bytes1);
    free(bytes2);
    free(text1);
    free(text2);
    program_free(vm, loaded);
    program_free(vm, again);
}

static uint32_t operand_at(const ObjCode *code, uint32_t offset) { return bytecode_oparg(&code->code[offset]); }

/* tests/asm, found from this file's path (meson compiles it as ../tests/test_asm.c and runs tests in the
 * build directory) or from $CPVM_SOURCE_ROOT. */
static const char *asm_dir(void) {
    static char dir[4096];
    const char *root = getenv("CPVM_SOURCE_ROOT");
    if (root != NULL) {
        snprintf(dir, sizeof dir, "%s/tests/asm", root);
    } else {
        snprintf(dir, sizeof dir, "%s", __FILE__);
        char *slash = strrchr(dir, '/');
        if (slash != NULL) strcpy(slash, "/asm");
        else strcpy(dir, "asm");
    }
    return dir;
}

static char *read_text(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) fail_msg("cannot open %s (set CPVM_SOURCE_ROOT)", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

/* Calls [fn] on the text of every .cpasm file in tests/asm; returns how many there were. */
static int for_each_example(void (*fn)(const char *name, const char *text)) {
    DIR *dir = opendir(asm_dir());
    if (dir == NULL) fail_msg("cannot open %s (set CPVM_SOURCE_ROOT)", asm_dir());
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        size_t n = strlen(entry->d_name);
        if (n < 6 || strcmp(entry->d_name + n - 6, ".cpasm") != 0) continue;
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", asm_dir(), entry->d_name);
        char *text = read_text(path);
        fn(entry->d_name, text);
        free(text);
        count++;
    }
    closedir(dir);
    return count;
}

/* A program that uses every opcode in a way the verifier accepts (it is never run). */
static const char every_opcode[] =
    ".source \"every.py\"\n"
    ".function <module>\n"
    "    .line 1\n"
    "    LOAD_CONST @f\n"
    "    MAKE_FUNCTION 0\n"
    "    STORE_GLOBAL f\n"
    "    LOAD_CONST (1, 2)\n"
    "    LOAD_CONST @g\n"
    "    MAKE_FUNCTION 1\n"
    "    STORE_GLOBAL g\n"
    "    LOAD_CONST None\n"
    "    RETURN_VALUE\n"
    ".function f params=2\n"
    "    .locals a, b, c\n"
    "    .line 2\n"
    "    NOP\n"
    "    LOAD_FAST a\n"
    "    STORE_FAST c\n"
    "    LOAD_GLOBAL print\n"
    "    STORE_GLOBAL h\n"
    "    LOAD_FAST a\n"
    "    LOAD_FAST b\n"
    "    COPY 2\n"
    "    SWAP 2\n"
    "    BINARY_OP +\n"
    "    COMPARE_OP <\n"
    "    POP_JUMP_IF_FALSE t1\n"
    "t1: LOAD_FAST a\n"
    "    POP_JUMP_IF_TRUE t2\n"
    "    JUMP_FORWARD t2\n"
    "t2: LOAD_FAST a\n"
    "    GET_ITER\n"
    "loop:\n"
    "    FOR_ITER end\n"
    "    POP_TOP\n"
    "    JUMP_BACKWARD loop\n"
    "end:\n"
    "    .line 3\n"
    "    LOAD_GLOBAL print\n"
    "    LOAD_FAST a\n"
    "    CALL 1\n"
    "    POP_TOP\n"
    "    LOAD_GLOBAL print\n"
    "    LOAD_FAST a\n"
    "    LOAD_CONST (\"sep\",)\n"
    "    CALL_KW 1\n"
    "    POP_TOP\n"
    "    LOAD_FAST a\n"
    "    LOAD_METHOD append\n"
    "    LOAD_FAST b\n"
    "    CALL_METHOD 1\n"
    "    POP_TOP\n"
    "    LOAD_GLOBAL math\n"
    "    LOAD_ATTR sqrt\n"
    "    POP_TOP\n"
    "    LOAD_FAST a\n"
    "    LOAD_FAST b\n"
    "    BINARY_SUBSCR\n"
    "    POP_TOP\n"
    "    LOAD_FAST c\n"
    "    LOAD_FAST a\n"
    "    LOAD_FAST b\n"
    "    STORE_SUBSCR\n"
    "    LOAD_CONST 1\n"
    "    LOAD_CONST None\n"
    "    BUILD_SLICE 2\n"
    "    LOAD_CONST 1\n"
    "    LOAD_CONST 2\n"
    "    LOAD_CONST 3\n"
    "    BUILD_SLICE 3\n"
    "    BUILD_LIST 2\n"
    "    BUILD_TUPLE 1\n"
    "    UNPACK_SEQUENCE 1\n"
    "    UNARY_NEGATIVE\n"
    "    UNARY_POSITIVE\n"
    "    UNARY_NOT\n"
    "    UNARY_INVERT\n"
    "    LOAD_CONST None\n"
    "    IS_OP 1\n"
    "    LOAD_FAST a\n"
    "    CONTAINS_OP 0\n"
    "    JUMP_IF_FALSE_OR_POP t3\n"
    "    LOAD_CONST True\n"
    "t3: JUMP_IF_TRUE_OR_POP t4\n"
    "    LOAD_CONST False\n"
    "t4: POP_TOP\n"
    "    LOAD_FAST a\n"
    "    LOAD_FAST b\n"
    "    BUILD_MAP 1\n"
    "    LOAD_FAST a\n"
    "    BUILD_SET 2\n"
    "    LOAD_CONST 1\n"
    "    LOAD_CONST 2\n"
    "    LOAD_CONST 3\n"
    "    BUILD_CONST_SET 3\n"
    "    BUILD_TUPLE 2\n"
    "    FORMAT_VALUE 2\n"
    "    LOAD_FAST a\n"
    "    LOAD_CONST \">5\"\n"
    "    FORMAT_WITH_SPEC 0\n"
    "    BUILD_STRING 2\n"
    "    POP_TOP\n"
    "    LOAD_CONST b\"a\\\"\\xff\"\n"
    "    POP_TOP\n"
    "    .line 4\n"
    "    LOAD_FAST a\n"
    "    POP_JUMP_IF_TRUE ok\n"
    "    LOAD_CONST \"message\"\n"
    "    RAISE_ASSERT\n"
    "ok: LOAD_FAST a\n"
    "    LOAD_FAST b\n"
    "    DELETE_SUBSCR\n"
    "    DELETE_FAST b\n"
    "    DELETE_GLOBAL h\n"
    "    LOAD_FAST c\n"
    "    RETURN_VALUE\n"
    ".function g params=2 defaults=2 stack=2\n"
    "    .locals x, y\n"
    "    LOAD_FAST x\n"
    "    LOAD_FAST y\n"
    "    BINARY_OP **=\n"
    "    RETURN_VALUE\n"
    ".function closures params=1\n"
    "    .locals it, cell, free\n"
    "    COPY_FREE_VARS 1\n"
    "    MAKE_CELL cell\n"
    "    LOAD_DEREF free\n"
    "    STORE_DEREF cell\n"
    "    DELETE_DEREF cell\n"
    "    LOAD_CLOSURE cell\n"
    "    BUILD_TUPLE 1\n"
    "    LOAD_CONST @g\n"
    "    MAKE_CLOSURE 0\n"
    "    POP_TOP\n"
    "    BUILD_LIST 0\n"
    "    LOAD_FAST it\n"
    "    LOAD_FAST it\n"
    "    LIST_APPEND 2\n"
    "    POP_TOP\n"
    "    BUILD_SET 0\n"
    "    LOAD_FAST it\n"
    "    SET_ADD 1\n"
    "    BUILD_MAP 0\n"
    "    LOAD_FAST it\n"
    "    LOAD_FAST it\n"
    "    MAP_ADD 1\n"
    "    POP_TOP\n"
    "    BUILD_MAP 0\n"
    "    LOAD_CONST @kw\n"
    "    MAKE_FUNCTION 0\n"
    "    SET_KWDEFAULTS\n"
    "    LOAD_CONST ()\n"
    "    BUILD_MAP 0\n"
    "    BUILD_LIST 0\n"
    "    LOAD_FAST it\n"
    "    LIST_EXTEND 1\n"
    "    LIST_TO_TUPLE\n"
    "    BUILD_SET 0\n"
    "    LOAD_FAST it\n"
    "    SET_UPDATE 1\n"
    "    BUILD_MAP 0\n"
    "    LOAD_FAST it\n"
    "    DICT_UPDATE 1\n"
    "    LOAD_FAST it\n"
    "    DICT_MERGE 3\n"
    "    POP_TOP\n"
    "    POP_TOP\n"
    "    POP_TOP\n"
    "    CALL_FUNCTION_EX 1\n"
    "    UNPACK_EX 513\n"
    "    RETURN_VALUE\n"
    ".function kw params=1 posonly=1 kwonly=1 flags=3\n"
    "    .locals a, k, args, kwargs\n"
    "    LOAD_FAST kwargs\n"
    "    RETURN_VALUE\n"
    ".function t\n"
    "    .except body handler handler 0\n"
    "    .except handler 25 cleanup 1\n"
    "body: NOP\n"
    "    LOAD_GLOBAL ValueError\n"
    "    RAISE_VARARGS 1\n"
    "handler: PUSH_EXC_INFO\n"
    "    LOAD_GLOBAL ValueError\n"
    "    CHECK_EXC_MATCH\n"
    "    POP_JUMP_IF_FALSE no\n"
    "    POP_TOP\n"
    "    POP_EXCEPT\n"
    "    LOAD_CONST None\n"
    "    RETURN_VALUE\n"
    "no: RERAISE\n"
    "cleanup: SWAP 2\n"
    "    POP_EXCEPT\n"
    "    RAISE_VARARGS 0\n"
    ".function y params=1 flags=4\n"
    "    .locals it\n"
    "    LOAD_CONST 1\n"
    "    YIELD_VALUE 0\n"
    "    POP_TOP\n"
    "    LOAD_FAST it\n"
    "    GET_ITER\n"
    "    LOAD_CONST None\n"
    "send: SEND done\n"
    "    YIELD_VALUE 1\n"
    "    JUMP_BACKWARD send\n"
    "done: RETURN_VALUE\n"
    ".function w params=1\n"
    "    .locals m\n"
    "    .except body exit handler 1\n"
    "    .except handler cleanup cleanup 2\n"
    "    LOAD_FAST m\n"
    "    BEFORE_WITH\n"
    "body: POP_TOP\n"
    "exit: LOAD_CONST None\n"
    "    LOAD_CONST None\n"
    "    LOAD_CONST None\n"
    "    CALL 3\n"
    "    RETURN_VALUE\n"
    "handler: PUSH_EXC_INFO\n"
    "    WITH_EXCEPT_START\n"
    "    POP_JUMP_IF_TRUE swallow\n"
    "    RERAISE\n"
    "swallow: POP_TOP\n"
    "    POP_EXCEPT\n"
    "    POP_TOP\n"
    "    LOAD_CONST None\n"
    "    RETURN_VALUE\n"
    "cleanup: SWAP 2\n"
    "    POP_EXCEPT\n"
    "    RERAISE\n";

/* Awkward constants and names: every literal form, duplicates kept in explicit pools, names that need
 * quotes, functions that share a name. */
static const char awkward[] =
    ".source \"we\\u00efrd \\\"name\\\".py\"\n"
    ".function <module>\n"
    "    .consts 1, 1, 1.0, True, -0.0, 0.0, nan, -nan, f64:0x7ff8000000000001, inf, -inf\n"
    "    .consts 0.1, 1e+16, 5e-324, 1.7976931348623157e+308, -9223372036854775808, 0x7fff_ffff_ffff_ffff\n"
    "    .consts \"\", \"tab\\there\\n\\\"q\\\" \\\\ \\x00 \\x7f \\u00e9 \\U0001F600 ü\", 'single \"quotes\"'\n"
    "    .consts (), (None,), (1, (2.5, (\"x\", (@f, ((((), ), ), )))), ), @f, @2, @\"two words\"\n"
    "    .names x, x, \"not a word\", \"\", é\n"
    "    .line 7\n"
    "    LOAD_CONST #1\n"
    "    POP_TOP\n"
    "    LOAD_CONST 0b101\n"
    "    POP_TOP\n"
    "    LOAD_GLOBAL #1\n"
    "    STORE_GLOBAL \"not a word\"\n"
    "    LOAD_CONST @2\n"
    "    POP_TOP\n"
    "    .line 0\n"
    "    LOAD_CONST None\n"
    "    RETURN_VALUE\n"
    ".function f params=3 defaults=1\n"
    "    .locals p, p, \"my var\", \"\", $tmp\n"
    "    LOAD_FAST #1\n"
    "    STORE_FAST 2\n"
    "    LOAD_FAST \"\"\n"
    "    RETURN_VALUE\n"
    ".function f\n"
    "    LOAD_CONST None\n"
    "    RETURN_VALUE\n"
    ".function \"two words\"\n"
    "    LOAD_CONST None\n"
    "    RETURN_VALUE\n";

/* --- Round trips -------------------------------------------------------------------------------------- */

static void round_trip_example(const char *name, const char *text) {
    Vm *vm = new_vm();
    char error[512];
    Program *program = asm_assemble(vm, text, strlen(text), name, error, sizeof error);
    if (program == NULL) fail_msg("%s", error);
    assert_round_trip(vm, program);
    vm_free(vm);
}

static void test_asm_examples_round_trip_to_identical_bytes(void **state) {
    (void)state;
    assert_true(for_each_example(round_trip_example) >= 2);
}

static void test_asm_program_with_every_opcode_round_trips(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, every_opcode);
    bool seen[OP_COUNT_] = {false};
    for (uint32_t i = 0; i < program->count; i++) {
        const ObjCode *code = program->codes[i];
        for (uint32_t offset = 0; offset < code->code_length; offset += (uint32_t)opcode_size(code->code[offset])) {
            seen[code->code[offset]] = true;
        }
    }
    for (int op = 0; op < OP_COUNT_; op++) {
        if (!seen[op]) fail_msg("every_opcode does not use %s: add it", opcode_info[op].name);
    }
    assert_round_trip(vm, program);
    vm_free(vm);
}

static void test_asm_awkward_constants_and_names_round_trip(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, awkward);
    const ObjCode *module = program->codes[0];
    assert_int_equal(module->nconsts, 28);
    assert_int_equal(module->nnames, 5);
    assert_round_trip(vm, program);
    vm_free(vm);
}

/* --- What constructs assemble to ---------------------------------------------------------------------- */

static void test_asm_fib_example_defines_two_functions(void **state) {
    (void)state;
    char path[4200];
    snprintf(path, sizeof path, "%s/fib.cpasm", asm_dir());
    char *text = read_text(path);
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, text);
    assert_int_equal(program->count, 2);
    assert_string_equal(program->source->chars, "fib.py");
    assert_string_equal(program->codes[0]->name->chars, "<module>");
    const ObjCode *fib = program->codes[1];
    assert_string_equal(fib->name->chars, "fib");
    assert_int_equal(fib->nparams, 1);
    assert_int_equal(fib->nlocals, 1);
    assert_int_equal(fib->max_stack, 4); /* computed: fib, n - 1 ... then the second call's operands */
    assert_int_equal(code_line_at(fib, 0), 2);
    free(text);
    vm_free(vm);
}

static void test_asm_source_defaults_to_the_file_name(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m\n LOAD_CONST None\n RETURN_VALUE\n");
    assert_string_equal(program->source->chars, "t.cpasm");
    assert_ptr_equal(program->codes[0]->source, program->source);
    vm_free(vm);
}

static void test_asm_literals_are_pooled_once_by_type_and_value(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m\n"
                                       " LOAD_CONST 1\n LOAD_CONST 1.0\n LOAD_CONST True\n LOAD_CONST 1\n"
                                       " LOAD_CONST (1, \"a\")\n LOAD_CONST (1, \"a\")\n"
                                       " BUILD_TUPLE 6\n RETURN_VALUE\n");
    const ObjCode *code = program->codes[0];
    assert_int_equal(code->nconsts, 4);
    uint32_t expected[] = {0, 1, 2, 0, 3, 3};
    for (int i = 0; i < 6; i++) assert_int_equal(operand_at(code, (uint32_t)i * 5), expected[i]);
    assert_int_equal(code->consts[1].type, VAL_FLOAT);
    assert_int_equal(code->consts[2].type, VAL_BOOL);
    vm_free(vm);
}

static void test_asm_explicit_pools_keep_duplicates_and_literals_find_the_first(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m\n .consts 7, 7\n .names x, x\n"
                                       " LOAD_CONST 7\n LOAD_CONST #1\n STORE_GLOBAL x\n STORE_GLOBAL #1\n"
                                       " LOAD_CONST None\n RETURN_VALUE\n");
    const ObjCode *code = program->codes[0];
    assert_int_equal(code->nconsts, 3);
    assert_int_equal(code->nnames, 2);
    assert_int_equal(operand_at(code, 0), 0);
    assert_int_equal(operand_at(code, 5), 1);
    assert_int_equal(operand_at(code, 10), 0);
    assert_int_equal(operand_at(code, 15), 1);
    vm_free(vm);
}

static void test_asm_labels_resolve_to_absolute_offsets(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m\n"
                                       "top: LOAD_CONST True\n"       /* 0 */
                                       " POP_JUMP_IF_FALSE done\n"    /* 5 */
                                       " JUMP_BACKWARD top\n"         /* 10 */
                                       "done:\n"
                                       " LOAD_CONST None\n"           /* 15 */
                                       " RETURN_VALUE\n");
    const ObjCode *code = program->codes[0];
    assert_int_equal(operand_at(code, 5), 15);
    assert_int_equal(operand_at(code, 10), 0);
    vm_free(vm);
}

static void test_asm_locals_operands_accept_names_and_indexes(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m\n .locals a, b\n"
                                       " LOAD_CONST 1\n STORE_FAST b\n LOAD_FAST 1\n LOAD_FAST #1\n"
                                       " BUILD_TUPLE 2\n RETURN_VALUE\n");
    const ObjCode *code = program->codes[0];
    assert_int_equal(code->nlocals, 2);
    assert_int_equal(operand_at(code, 5), 1);
    assert_int_equal(operand_at(code, 10), 1);
    assert_int_equal(operand_at(code, 15), 1);
    vm_free(vm);
}

static void test_asm_operators_are_written_as_symbols(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m\n LOAD_CONST 1\n LOAD_CONST 2\n BINARY_OP //=\n"
                                       " LOAD_CONST 3\n COMPARE_OP !=\n RETURN_VALUE\n");
    const ObjCode *code = program->codes[0];
    assert_int_equal(operand_at(code, 10), NB_INPLACE_ADD + NB_FLOOR_DIVIDE);
    assert_int_equal(operand_at(code, 20), CMP_NE);
    vm_free(vm);
}

static void test_asm_line_table_is_canonical(void **state) {
    (void)state;
    Vm *vm = new_vm();
    /* no line for the first instruction: line 0; a repeated .line adds nothing; a trailing one is dropped */
    Program *program = assemble_ok(vm, ".function m\n LOAD_CONST 1\n .line 5\n POP_TOP\n .line 5\n"
                                       " LOAD_CONST None\n .line 6\n .line 7\n RETURN_VALUE\n .line 9\n");
    const ObjCode *code = program->codes[0];
    assert_int_equal(code->nlines, 3);
    assert_int_equal(code->lines[0].offset, 0);
    assert_int_equal(code->lines[0].line, 0);
    assert_int_equal(code->lines[1].offset, 5);
    assert_int_equal(code->lines[1].line, 5);
    assert_int_equal(code->lines[2].offset, 11);
    assert_int_equal(code->lines[2].line, 7);
    assert_round_trip(vm, program);
    vm_free(vm);
}

static void test_asm_string_escapes_decode_to_utf8(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m\n LOAD_CONST \"\\a\\b\\f\\v\\0\\'\\x41\\u00e9\\U0001F600\"\n RETURN_VALUE\n");
    const ObjString *s = AS_STRING(program->codes[0]->consts[0]);
    static const char expected[] = "\a\b\f\v\0'A\xc3\xa9\xf0\x9f\x98\x80";
    assert_int_equal(s->length, sizeof expected - 1);
    assert_memory_equal(s->chars, expected, sizeof expected - 1);
    vm_free(vm);
}

static void test_asm_accepts_crlf_line_endings(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m\r\nx:\r\n LOAD_CONST \"a\" ; c\r\n RETURN_VALUE\r\n");
    assert_int_equal(AS_STRING(program->codes[0]->consts[0])->length, 1);
    vm_free(vm);
}

static void test_asm_explicit_stack_is_kept(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m stack=9\n LOAD_CONST None\n RETURN_VALUE\n");
    assert_int_equal(program->codes[0]->max_stack, 9);
    vm_free(vm);
}

static void test_disasm_instruction_shows_operands_as_assembly(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".function m\n .locals x\n"
                                       " LOAD_CONST \"hi\\n\"\n STORE_FAST x\n LOAD_GLOBAL print\n"
                                       " LOAD_CONST 2.5\n BINARY_OP >>=\n POP_JUMP_IF_TRUE b\n"
                                       "b: LOAD_CONST @g\n RETURN_VALUE\n"
                                       ".function g\n LOAD_CONST None\n RETURN_VALUE\n");
    const char *expected[] = {"LOAD_CONST \"hi\\n\"", "STORE_FAST x",  "LOAD_GLOBAL print",
                              "LOAD_CONST 2.5",       "BINARY_OP >>=", "POP_JUMP_IF_TRUE 30",
                              "LOAD_CONST @g",        "RETURN_VALUE"};
    const ObjCode *code = program->codes[0];
    uint32_t offset = 0;
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        char *text = NULL;
        size_t length;
        FILE *out = open_memstream(&text, &length);
        offset = disasm_instruction(code, offset, out);
        fclose(out);
        assert_string_equal(text, expected[i]);
        free(text);
    }
    assert_int_equal(offset, code->code_length);
    vm_free(vm);
}

static void test_disasm_writes_labels_lines_and_offsets(void **state) {
    (void)state;
    Vm *vm = new_vm();
    Program *program = assemble_ok(vm, ".source \"s.py\"\n.function m\n .line 3\n"
                                       " LOAD_CONST 1\n POP_JUMP_IF_TRUE end\nend: LOAD_CONST None\n RETURN_VALUE\n");
    size_t length;
    char *text = disassemble(program, &length);
    assert_non_null(strstr(text, ".source \"s.py\"\n"));
    assert_non_null(strstr(text, ".function m params=0 defaults=0 stack=1\n"));
    assert_non_null(strstr(text, "    .consts 1, None\n"));
    assert_non_null(strstr(text, "    .line 3\n    LOAD_CONST 1"));
    assert_non_null(strstr(text, "    POP_JUMP_IF_TRUE L10 "));
    assert_non_null(strstr(text, " ; 5\nL10:\n    LOAD_CONST None"));
    free(text);
    vm_free(vm);
}

/* --- Errors ------------------------------------------------------------------------------------------- */

static void test_asm_reports_unknown_opcode(void **state) {
    (void)state;
    assert_asm_error(".function m\n  LOAD_CONSTANT 1\n", "t.cpasm:2:3: error: unknown opcode 'LOAD_CONSTANT'");
}

static void test_asm_reports_unknown_directive(void **state) {
    (void)state;
    assert_asm_error(".function m\n .const 1\n", "t.cpasm:2:2: error: unknown directive '.const'");
}

static void test_asm_reports_missing_operand(void **state) {
    (void)state;
    assert_asm_error(".function m\n LOAD_CONST ; nothing\n",
                     "t.cpasm:2:13: error: missing operand: LOAD_CONST takes a constant");
}

static void test_asm_reports_operand_on_an_instruction_without_one(void **state) {
    (void)state;
    assert_asm_error(".function m\n RETURN_VALUE 1\n", "t.cpasm:2:15: error: RETURN_VALUE takes no operand");
}

/* A fuzzer finding: vm_run calls the module body with no arguments, so a parameter with a default would be
 * read from a defaults tuple that does not exist. */
static void test_asm_refuses_a_module_body_with_parameters(void **state) {
    (void)state;
    assert_asm_error(".function <module> params=1 defaults=1\n.locals a\n LOAD_CONST None\n RETURN_VALUE\n",
                     "t.cpasm:3:2: error: invalid program: the module body takes no parameters (nparams 1) "
                     "(function <module>, offset 0)");
}

static void test_asm_reports_bad_operand(void **state) {
    (void)state;
    assert_asm_error(".function m\n CALL x\n", "t.cpasm:2:7: error: expected a count, found 'x'");
    assert_asm_error(".function m\n BINARY_OP +-\n", "t.cpasm:2:12: error: unknown operator '+-'");
    assert_asm_error(".function m\n LOAD_CONST 12abc\n", "t.cpasm:2:13: error: invalid integer literal");
    assert_asm_error(".function m\n LOAD_CONST 1.5.2\n", "t.cpasm:2:13: error: invalid float literal");
    assert_asm_error(".function m\n LOAD_CONST Nope\n", "t.cpasm:2:13: error: expected a constant, found 'Nope'");
    assert_asm_error(".function m\n CALL 4294967296\n", "t.cpasm:2:7: error: a count out of range");
}

static void test_asm_reports_integer_out_of_range(void **state) {
    (void)state;
    assert_asm_error(".function m\n LOAD_CONST f64:0x1_0000_0000_0000_0000\n", "t.cpasm:2:17: error: integer out of range");
}

/* An int constant outside int64 is a big int, not an error; a decimal one keeps CPython's digit limit. */
static void test_asm_reports_decimal_constant_over_the_digit_limit(void **state) {
    (void)state;
    char text[4400] = ".function m\n LOAD_CONST ";
    size_t n = strlen(text);
    memset(text + n, '7', 4301);
    strcpy(text + n + 4301, "\n");
    assert_asm_error(text, "t.cpasm:2:13: error: Exceeds the limit (4300 digits) for integer string conversion: "
                           "value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit");
}

static void test_asm_reports_undefined_label_at_its_first_use(void **state) {
    (void)state;
    assert_asm_error(".function m\n LOAD_CONST 1\n POP_JUMP_IF_TRUE nowhere\n LOAD_CONST None\n RETURN_VALUE\n",
                     "t.cpasm:3:19: error: undefined label 'nowhere'");
}

static void test_asm_reports_duplicate_label(void **state) {
    (void)state;
    assert_asm_error(".function m\nx: NOP\n\nx: NOP\n",
                     "t.cpasm:4:1: error: duplicate label 'x' (first defined on line 2)");
}

static void test_asm_reports_unknown_local(void **state) {
    (void)state;
    assert_asm_error(".function m\n .locals a\n LOAD_FAST b\n", "t.cpasm:3:12: error: unknown local 'b'");
}

static void test_asm_reports_unknown_function(void **state) {
    (void)state;
    assert_asm_error(".function m\n LOAD_CONST @nope\n", "t.cpasm:2:13: error: unknown function 'nope'");
    assert_asm_error(".function m\n LOAD_CONST @5\n", "t.cpasm:2:13: error: no function @5: the file has 1");
    assert_asm_error(".function m\n LOAD_CONST @m\n",
                     "t.cpasm:2:13: error: a code constant cannot refer to the module body");
}

static void test_asm_reports_unterminated_string(void **state) {
    (void)state;
    assert_asm_error(".function m\n LOAD_CONST \"abc\n", "t.cpasm:2:13: error: unterminated string");
    assert_asm_error(".function m\n LOAD_CONST \"abc\\", "t.cpasm:2:17: error: unterminated string");
}

static void test_asm_reports_bad_escapes(void **state) {
    (void)state;
    assert_asm_error(".function m\n LOAD_CONST \"a\\qb\"\n", "t.cpasm:2:15: error: invalid escape sequence '\\q'");
    assert_asm_error(".function m\n LOAD_CONST \"\\x4\"\n", "t.cpasm:2:14: error: escape '\\x' needs 2 hex digits");
    assert_asm_error(".function m\n LOAD_CONST \"\\ud800\"\n",
                     "t.cpasm:2:14: error: escape gives an invalid code point U+D800");
    assert_asm_error(".function m\n LOAD_CONST \"\xff\"\n", "t.cpasm:2:13: error: string is not valid UTF-8");
}

static void test_asm_reports_malformed_tuples(void **state) {
    (void)state;
    assert_asm_error(".function m\n LOAD_CONST (1)\n",
                     "t.cpasm:2:13: error: a one-element tuple needs a trailing comma: (x,)");
    assert_asm_error(".function m\n LOAD_CONST (1 2)\n", "t.cpasm:2:16: error: expected ',' or ')', found '2'");
    assert_asm_error(".function m\n LOAD_CONST (((((((((1,),),),),),),),),)\n",
                     "t.cpasm:2:21: error: tuple constants nest at most 8 deep");
}

static void test_asm_reports_misplaced_directives(void **state) {
    (void)state;
    assert_asm_error(" NOP\n", "t.cpasm:1:2: error: instruction before the first .function");
    assert_asm_error(".function m\n.source \"x\"\n", "t.cpasm:2:1: error: .source must come before the first .function");
    assert_asm_error(".function m\n NOP\n .locals a\n",
                     "t.cpasm:3:2: error: .locals must come before the function's first instruction");
    assert_asm_error(".line 3\n", "t.cpasm:1:1: error: .line before the first .function");
}

static void test_asm_reports_bad_function_headers(void **state) {
    (void)state;
    assert_asm_error(".function m params=1 params=1\n", "t.cpasm:1:22: error: duplicate key 'params'");
    assert_asm_error(".function m locals=1\n",
                     "t.cpasm:1:13: error: unknown key 'locals' (expected params, defaults, stack, posonly, kwonly or flags)");
    assert_asm_error(".function\n", "t.cpasm:1:10: error: expected a function name, found end of line");
}

static void test_asm_reports_trailing_garbage(void **state) {
    (void)state;
    assert_asm_error(".function m\n NOP NOP\n", "t.cpasm:2:6: error: NOP takes no operand");
    assert_asm_error(".function m\n LOAD_CONST 1 2\n", "t.cpasm:2:15: error: expected end of line, found '2'");
    assert_asm_error(".function m\n .locals a b\n", "t.cpasm:2:12: error: expected ',' or end of line, found 'b'");
    assert_asm_error(".function m\n\t+\n", "t.cpasm:2:2: error: expected an instruction, label or directive, found '+'");
}

static void test_asm_reports_function_shape_errors_at_the_function(void **state) {
    (void)state;
    assert_asm_error(".function m params=1\n LOAD_CONST None\n RETURN_VALUE\n",
                     "t.cpasm:1:1: error: params=1 but the function has 0 locals (name parameters with .locals)");
    assert_asm_error(".function m\n LOAD_CONST None\n RETURN_VALUE\n  .function f params=1 defaults=2\n .locals a\n NOP\n",
                     "t.cpasm:4:3: error: defaults=2 exceeds params=1");
    assert_asm_error(".function m\n.function f\n", "t.cpasm:1:1: error: function has no instructions");
}

static void test_asm_reports_an_empty_file(void **state) {
    (void)state;
    assert_asm_error("; nothing\n", "t.cpasm:1:1: error: no function: a program starts with .function <module>");
}

static void test_asm_reports_verifier_errors_at_the_instruction(void **state) {
    (void)state;
    assert_asm_error(".function m\n LOAD_CONST None\n POP_TOP\n POP_TOP\n",
                     "t.cpasm:4:2: error: invalid program: stack underflow: POP_TOP pops 1 but the stack holds 0 "
                     "(function m, offset 6)");
    assert_asm_error(".function m stack=0\n LOAD_CONST None\n RETURN_VALUE\n",
                     "t.cpasm:2:2: error: invalid program: stack depth 1 exceeds max_stack 0 (function m, offset 0)");
    assert_asm_error(".function m\n LOAD_CONST None\n RETURN_VALUE\n.function f\n LOAD_FAST 3\n",
                     "t.cpasm:5:2: error: invalid program: local index 3 out of range (nlocals 0) "
                     "(function f, offset 0)");
}

/* --- Hostile input ------------------------------------------------------------------------------------ */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t next_random(void) { /* xorshift64: deterministic, so a failure reproduces */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 32);
}

/* Assembles [text]; a failure must be one well-formed message, a success must round-trip. */
static void assemble_hostile(Vm *vm, const char *text, size_t length) {
    char error[512];
    Program *program = asm_assemble(vm, text, length, "fuzz.cpasm", error, sizeof error);
    assert_int_equal(vm->gc_paused, 0);
    if (program == NULL) {
        assert_true(strncmp(error, "fuzz.cpasm:", 11) == 0);
        assert_non_null(strstr(error, ": error: "));
        return;
    }
    assert_round_trip(vm, program);
    program_free(vm, program);
}

static void mutate_and_assemble(Vm *vm, const char *base) {
    static const char alphabet[] = "\"\\(),:;@#.-+=<>0123456789_xeE \n\tLabfn\x80\xc3\xa9";
    size_t length = strlen(base);
    for (size_t cut = 0; cut <= length; cut += 1 + length / 300) assemble_hostile(vm, base, cut);
    char *text = malloc(length + 16);
    assert_non_null(text);
    const char *rounds_env = getenv("CPVM_FUZZ_ROUNDS"); /* more for a long local run */
    int rounds = rounds_env != NULL ? atoi(rounds_env) : 1500;
    for (int round = 0; round < rounds; round++) {
        memcpy(text, base, length);
        size_t n = length;
        for (int edits = 1 + (int)(next_random() % 3); edits > 0; edits--) {
            size_t at = next_random() % (n + 1);
            char c = (next_random() % 4 == 0) ? (char)next_random() : alphabet[next_random() % (sizeof alphabet - 1)];
            switch (next_random() % 3) {
            case 0: if (at < n) text[at] = c; break;
            case 1: if (at < n) memmove(text + at, text + at + 1, n - at - 1), n--; break;
            default: if (n < length + 8) memmove(text + at + 1, text + at, n - at), text[at] = c, n++; break;
            }
        }
        assemble_hostile(vm, text, n);
        if (round % 100 == 0) gc_collect(vm); /* garbage from failed attempts must be collectable */
    }
    free(text);
}

static Vm *fuzz_vm;
static void fuzz_example(const char *name, const char *text) {
    (void)name;
    mutate_and_assemble(fuzz_vm, text);
}

static void test_asm_survives_truncated_and_mutated_texts(void **state) {
    (void)state;
    fuzz_vm = new_vm();
    mutate_and_assemble(fuzz_vm, every_opcode);
    mutate_and_assemble(fuzz_vm, awkward);
    for_each_example(fuzz_example);
    vm_free(fuzz_vm);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_asm_examples_round_trip_to_identical_bytes),
        cmocka_unit_test(test_asm_program_with_every_opcode_round_trips),
        cmocka_unit_test(test_asm_awkward_constants_and_names_round_trip),
        cmocka_unit_test(test_asm_fib_example_defines_two_functions),
        cmocka_unit_test(test_asm_source_defaults_to_the_file_name),
        cmocka_unit_test(test_asm_literals_are_pooled_once_by_type_and_value),
        cmocka_unit_test(test_asm_explicit_pools_keep_duplicates_and_literals_find_the_first),
        cmocka_unit_test(test_asm_labels_resolve_to_absolute_offsets),
        cmocka_unit_test(test_asm_locals_operands_accept_names_and_indexes),
        cmocka_unit_test(test_asm_operators_are_written_as_symbols),
        cmocka_unit_test(test_asm_line_table_is_canonical),
        cmocka_unit_test(test_asm_string_escapes_decode_to_utf8),
        cmocka_unit_test(test_asm_accepts_crlf_line_endings),
        cmocka_unit_test(test_asm_explicit_stack_is_kept),
        cmocka_unit_test(test_disasm_instruction_shows_operands_as_assembly),
        cmocka_unit_test(test_disasm_writes_labels_lines_and_offsets),
        cmocka_unit_test(test_asm_reports_unknown_opcode),
        cmocka_unit_test(test_asm_reports_unknown_directive),
        cmocka_unit_test(test_asm_reports_missing_operand),
        cmocka_unit_test(test_asm_reports_operand_on_an_instruction_without_one),
        cmocka_unit_test(test_asm_refuses_a_module_body_with_parameters),
        cmocka_unit_test(test_asm_reports_bad_operand),
        cmocka_unit_test(test_asm_reports_integer_out_of_range),
        cmocka_unit_test(test_asm_reports_decimal_constant_over_the_digit_limit),
        cmocka_unit_test(test_asm_reports_undefined_label_at_its_first_use),
        cmocka_unit_test(test_asm_reports_duplicate_label),
        cmocka_unit_test(test_asm_reports_unknown_local),
        cmocka_unit_test(test_asm_reports_unknown_function),
        cmocka_unit_test(test_asm_reports_unterminated_string),
        cmocka_unit_test(test_asm_reports_bad_escapes),
        cmocka_unit_test(test_asm_reports_malformed_tuples),
        cmocka_unit_test(test_asm_reports_misplaced_directives),
        cmocka_unit_test(test_asm_reports_bad_function_headers),
        cmocka_unit_test(test_asm_reports_trailing_garbage),
        cmocka_unit_test(test_asm_reports_function_shape_errors_at_the_function),
        cmocka_unit_test(test_asm_reports_an_empty_file),
        cmocka_unit_test(test_asm_reports_verifier_errors_at_the_instruction),
        cmocka_unit_test(test_asm_survives_truncated_and_mutated_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
