/* test_bytecode.c: reading and writing .cpb files (vm/bytecode/bytecode.h), one rule per test.
 *
 * Images are built by hand with a small writer (Image, FnSpec) so each test can break exactly one rule.
 * The last test feeds every file of the malformed corpus (tests/bad/make_bad.py, compiled in as
 * bad_corpus.h) through bytecode_read, so sanitizer builds check the reader on all of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "bad_corpus.h"
#include "bytecode/bytecode.h"
#include "bytecode/opcodes.h"

/* --- Building images --------------------------------------------------------------------------------- */

typedef struct {
    uint8_t *data;
    size_t size, capacity;
} Image;

static void put(Image *im, const void *bytes, size_t n) {
    if (im->size + n > im->capacity) {
        im->capacity = (im->size + n) * 2 + 64;
        im->data = realloc(im->data, im->capacity);
        assert_non_null(im->data);
    }
    memcpy(im->data + im->size, bytes, n);
    im->size += n;
}

static void put_u8(Image *im, uint8_t v) { put(im, &v, 1); }
static void put_u32(Image *im, uint32_t v) {
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put(im, b, 4);
}
static void put_u64(Image *im, uint64_t v) {
    put_u32(im, (uint32_t)v);
    put_u32(im, (uint32_t)(v >> 32));
}
static void put_str(Image *im, const char *s) {
    put_u32(im, (uint32_t)strlen(s));
    put(im, s, strlen(s));
}

/* One function. Locals are named l0, l1, ...; names n0, n1, ...; constants are pre-encoded bytes. */
typedef struct {
    const char *name;
    uint32_t nparams, ndefaults, nlocals, max_stack;
    Image consts;
    uint32_t nconsts, nnames;
    const uint8_t *code;
    uint32_t code_length;
    const uint32_t *lines; /* nlines (offset, line) pairs */
    uint32_t nlines;
    const uint32_t *excs; /* nexc (start, end, handler, depth) entries */
    uint32_t nexc;
    uint32_t flags; /* CODE_VARARGS, CODE_VARKW, CODE_GENERATOR */
} FnSpec;

/* LOAD_CONST 0; RETURN_VALUE */
static const uint8_t return_const0[] = {OP_LOAD_CONST, 0, 0, 0, 0, OP_RETURN_VALUE};
static const uint32_t line_one[] = {0, 1};

static FnSpec fn_default(void) {
    FnSpec f = {.name = "<module>", .nlocals = 1, .max_stack = 1, .nnames = 1, .code = return_const0,
                .code_length = sizeof return_const0, .lines = line_one, .nlines = 1};
    put_u8(&f.consts, CONST_NONE);
    f.nconsts = 1;
    return f;
}

static void put_function(Image *im, FnSpec *f) {
    put_str(im, f->name);
    put_u32(im, f->nparams);
    put_u32(im, f->ndefaults);
    put_u32(im, 0); /* nposonly, nkwonly */
    put_u32(im, 0);
    put_u32(im, f->flags);
    put_u32(im, f->nlocals);
    char buf[32];
    for (uint32_t i = 0; i < f->nlocals; i++) {
        snprintf(buf, sizeof buf, "l%u", i);
        put_str(im, buf);
    }
    put_u32(im, f->max_stack);
    put_u32(im, f->nconsts);
    put(im, f->consts.data, f->consts.size);
    put_u32(im, f->nnames);
    for (uint32_t i = 0; i < f->nnames; i++) {
        snprintf(buf, sizeof buf, "n%u", i);
        put_str(im, buf);
    }
    put_u32(im, f->code_length);
    put(im, f->code, f->code_length);
    put_u32(im, f->nlines);
    for (uint32_t i = 0; i < 2 * f->nlines; i++) put_u32(im, f->lines[i]);
    put_u32(im, f->nexc);
    for (uint32_t i = 0; i < 4 * f->nexc; i++) put_u32(im, f->excs[i]);
    free(f->consts.data);
    f->consts = (Image){0};
}

static void put_header(Image *im, uint32_t function_count) {
    put(im, "CPVM", 4);
    put_u8(im, CPVM_FORMAT_VERSION);
    put_u8(im, 0);
    put_u8(im, 0);
    put_u8(im, 0);
    put_str(im, "prog.py");
    put_u32(im, function_count);
}

/* A module of the one function [f]. */
static Image module_of(FnSpec f) {
    Image im = {0};
    put_header(&im, 1);
    put_function(&im, &f);
    return im;
}

/* A module with two functions, every kind of constant and a multi-entry line table. */
static Image rich_module(void) {
    static const uint8_t body_code[] = {
        OP_LOAD_CONST, 6, 0, 0, 0,  /* 0: code of helper */
        OP_MAKE_FUNCTION, 0, 0, 0, 0, /* 5 */
        OP_STORE_GLOBAL, 0, 0, 0, 0,  /* 10 */
        OP_LOAD_CONST, 0, 0, 0, 0,    /* 15 */
        OP_RETURN_VALUE,              /* 20 */
    };
    static const uint32_t body_lines[] = {0, 1, 15, 4};
    static const uint8_t helper_code[] = {OP_LOAD_FAST, 0, 0, 0, 0, OP_RETURN_VALUE};
    Image im = {0};
    put_header(&im, 2);
    FnSpec body = fn_default();
    put_u8(&body.consts, CONST_FALSE);
    put_u8(&body.consts, CONST_TRUE);
    put_u8(&body.consts, CONST_INT);
    put_u64(&body.consts, (uint64_t)INT64_MIN);
    put_u8(&body.consts, CONST_FLOAT);
    put_u64(&body.consts, 0x7ff8000000000123ull); /* a NaN with a payload: the bits must survive */
    put_u8(&body.consts, CONST_STR);
    put_str(&body.consts, "h\xc3\xa9llo");
    put_u8(&body.consts, CONST_CODE);
    put_u32(&body.consts, 1);
    put_u8(&body.consts, CONST_TUPLE);
    put_u32(&body.consts, 2);
    put_u8(&body.consts, CONST_INT);
    put_u64(&body.consts, 7);
    put_u8(&body.consts, CONST_TUPLE);
    put_u32(&body.consts, 0);
    put_u8(&body.consts, CONST_BIGINT); /* -(2**64 + 5) */
    put_u8(&body.consts, 1);
    put_u32(&body.consts, 2);
    put_u64(&body.consts, 5);
    put_u64(&body.consts, 1);
    body.nconsts = 9;
    body.code = body_code;
    body.code_length = sizeof body_code;
    body.lines = body_lines;
    body.nlines = 2;
    body.max_stack = 1;
    put_function(&im, &body);
    FnSpec helper = fn_default();
    helper.name = "helper";
    helper.nparams = 1;
    helper.ndefaults = 1;
    helper.nlocals = 2;
    helper.code = helper_code;
    helper.code_length = sizeof helper_code;
    put_function(&im, &helper);
    return im;
}

/* --- Fixture and assertions -------------------------------------------------------------------------- */

static Vm *vm;
static char error[512];

static int setup(void **state) {
    (void)state;
    VmOptions options;
    vm_options_default(&options);
    vm = vm_new(&options);
    return vm == NULL ? -1 : 0;
}

static int teardown(void **state) {
    (void)state;
    vm_free(vm);
    return 0;
}

static Program *read_image(const Image *im) {
    error[0] = '\0';
    return bytecode_read(vm, im->data, im->size, "test.cpb", error, sizeof error);
}

/* Reads [im], which must fail with [expected] in the message; frees the image. */
static void assert_rejected(Image im, const char *expected) {
    int paused = vm->gc_paused;
    Program *program = read_image(&im);
    free(im.data);
    if (program != NULL) fail_msg("accepted; expected \"%s\"", expected);
    if (strncmp(error, "invalid bytecode: ", 18) != 0) fail_msg("bad prefix: \"%s\"", error);
    if (strstr(error, expected) == NULL) fail_msg("expected \"%s\" in \"%s\"", expected, error);
    assert_int_equal(vm->gc_paused, paused);
}

/* --- Reading well-formed files ----------------------------------------------------------------------- */

static void test_bytecode_round_trip_gives_identical_bytes(void **state) {
    (void)state;
    Image im = rich_module();
    Program *program = read_image(&im);
    if (program == NULL) fail_msg("%s", error);
    size_t size = 0;
    uint8_t *written = bytecode_write(program, &size);
    assert_non_null(written);
    assert_int_equal(size, im.size);
    assert_memory_equal(written, im.data, size);
    free(written);
    free(im.data);
    program_free(vm, program);
}

/* NOP; LOAD_CONST 0; RAISE_VARARGS 1; handler: POP_TOP; LOAD_CONST 0; RETURN_VALUE, covered by (0, 11, 11, 0). */
static const uint8_t try_code[] = {OP_NOP, OP_LOAD_CONST, 0, 0, 0, 0, OP_RAISE_VARARGS, 1, 0, 0, 0,
                                   OP_POP_TOP, OP_LOAD_CONST, 0, 0, 0, 0, OP_RETURN_VALUE};
static const uint32_t try_table[] = {0, 11, 11, 0};

static void test_bytecode_round_trip_keeps_the_exception_table(void **state) {
    (void)state;
    FnSpec f = fn_default();
    f.code = try_code;
    f.code_length = sizeof try_code;
    f.excs = try_table;
    f.nexc = 1;
    Image im = module_of(f);
    Program *program = read_image(&im);
    if (program == NULL) fail_msg("%s", error);
    ObjCode *code = program->codes[0];
    assert_int_equal(code->nexc, 1);
    assert_int_equal(code->exc_table[0].start, 0);
    assert_int_equal(code->exc_table[0].end, 11);
    assert_int_equal(code->exc_table[0].target, 11);
    assert_int_equal(code->exc_table[0].depth, 0);
    size_t size = 0;
    uint8_t *written = bytecode_write(program, &size);
    assert_non_null(written);
    assert_int_equal(size, im.size);
    assert_memory_equal(written, im.data, size);
    free(written);
    free(im.data);
    program_free(vm, program);
}

static void test_bytecode_rejects_a_handler_before_its_range(void **state) {
    (void)state;
    FnSpec f = fn_default();
    f.code = try_code;
    f.code_length = sizeof try_code;
    static const uint32_t backwards[] = {6, 11, 0, 0};
    f.excs = backwards;
    f.nexc = 1;
    assert_rejected(module_of(f), "exception table entry 0 handler 0 is not after its range 6-11");
}

static void test_bytecode_read_builds_code_objects(void **state) {
    (void)state;
    Image im = rich_module();
    Program *program = read_image(&im);
    free(im.data);
    assert_non_null(program);
    assert_int_equal(program->count, 2);
    ObjCode *body = program->codes[0], *helper = program->codes[1];
    assert_string_equal(program->source->chars, "prog.py");
    assert_ptr_equal(helper->source, program->source);
    assert_int_equal(helper->index, 1);
    assert_string_equal(helper->name->chars, "helper");
    assert_int_equal(helper->ndefaults, 1);
    assert_string_equal(helper->local_names[1]->chars, "l1");
    assert_ptr_equal(AS_CODE(body->consts[6]), helper); /* CODE constants name the function object */
    assert_int_equal(AS_INT(body->consts[3]), INT64_MIN);
    assert_int_equal(AS_STRING(body->consts[5])->char_count, 5);
    assert_int_equal(AS_TUPLE(body->consts[7])->count, 2);
    assert_int_equal(body->lines[1].offset, 15);
    assert_int_equal(code_line_at(body, 16), 4);
    uint8_t padding[4] = {0};
    assert_memory_equal(body->code + body->code_length, padding, 4);
    program_free(vm, program);
}

static void test_bytecode_read_restores_gc_pause_after_success(void **state) {
    (void)state;
    int paused = vm->gc_paused;
    Image im = module_of(fn_default());
    Program *program = read_image(&im);
    free(im.data);
    assert_non_null(program);
    assert_int_equal(vm->gc_paused, paused);
    program_free(vm, program);
}

static void test_bytecode_read_accepts_tuples_nested_8_deep(void **state) {
    (void)state;
    FnSpec f = fn_default();
    for (int i = 0; i < 8; i++) {
        put_u8(&f.consts, CONST_TUPLE);
        put_u32(&f.consts, 1);
    }
    put_u8(&f.consts, CONST_NONE);
    f.nconsts = 2;
    Image im = module_of(f);
    Program *program = read_image(&im);
    free(im.data);
    if (program == NULL) fail_msg("%s", error);
    program_free(vm, program);
}

static void test_bytecode_read_survives_garbage_collection(void **state) {
    (void)state;
    Image im = rich_module();
    Program *program = read_image(&im);
    free(im.data);
    assert_non_null(program);
    gc_collect(vm); /* the program is a root: its strings and tuples must stay */
    assert_string_equal(AS_STRING(program->codes[0]->consts[5])->chars, "h\xc3\xa9llo");
    assert_string_equal(program->codes[1]->name->chars, "helper");
    program_free(vm, program);
}

/* --- The header -------------------------------------------------------------------------------------- */

static void test_bytecode_rejects_bad_magic(void **state) {
    (void)state;
    Image im = module_of(fn_default());
    im.data[3] = 'X';
    assert_rejected(im, "not a cpvm bytecode file (bad magic) (offset 0)");
}

static void test_bytecode_rejects_other_version(void **state) {
    (void)state;
    Image im = module_of(fn_default());
    im.data[4] = CPVM_FORMAT_VERSION + 1;
    char expected[80];
    snprintf(expected, sizeof expected, "unsupported format version %d (expected %d) (offset 4)", CPVM_FORMAT_VERSION + 1,
             CPVM_FORMAT_VERSION);
    assert_rejected(im, expected);
    im = module_of(fn_default());
    im.data[4] = CPVM_FORMAT_VERSION - 1; /* version 4 had no Ellipsis constant or docstring flag */
    snprintf(expected, sizeof expected, "unsupported format version %d", CPVM_FORMAT_VERSION - 1);
    assert_rejected(im, expected);
}

static void test_bytecode_rejects_nonzero_flags(void **state) {
    (void)state;
    Image im = module_of(fn_default());
    im.data[7] = 0x80;
    assert_rejected(im, "unknown flags 0x8000 (offset 6)");
}

static void test_bytecode_rejects_every_truncation(void **state) {
    (void)state;
    Image im = rich_module();
    for (size_t cut = 0; cut < im.size; cut++) {
        Program *program = bytecode_read(vm, im.data, cut, "test.cpb", error, sizeof error);
        if (program != NULL) fail_msg("a file cut at %zu bytes was accepted", cut);
        assert_non_null(strstr(error, "invalid bytecode: "));
    }
    free(im.data);
}

static void test_bytecode_rejects_huge_function_count_without_allocating(void **state) {
    (void)state;
    Image im = module_of(fn_default());
    uint32_t huge = 4000000000u;
    memcpy(im.data + 8 + 4 + 7, &huge, 4); /* after magic, version, flags and the source name */
    size_t before = vm->bytes_allocated;
    Program *program = read_image(&im);
    assert_null(program);
    assert_true(vm->bytes_allocated - before < 4096); /* at most the source name string */
    assert_non_null(strstr(error, "function count 4000000000 exceeds"));
    free(im.data);
}

static void test_bytecode_rejects_zero_functions(void **state) {
    (void)state;
    Image im = {0};
    put_header(&im, 0);
    assert_rejected(im, "no module body");
}

static void test_bytecode_rejects_trailing_bytes(void **state) {
    (void)state;
    Image im = module_of(fn_default());
    put_u8(&im, 0);
    assert_rejected(im, "1 trailing bytes after the last function");
}

/* --- Strings and constants --------------------------------------------------------------------------- */

static void test_bytecode_rejects_invalid_utf8_in_a_name(void **state) {
    (void)state;
    FnSpec f = fn_default();
    f.name = "bad\xff";
    assert_rejected(module_of(f), "invalid UTF-8 in function name (function 0, offset 27)");
}

static void test_bytecode_rejects_huge_string_length(void **state) {
    (void)state;
    FnSpec f = fn_default();
    put_u8(&f.consts, CONST_STR);
    put_u32(&f.consts, 0xFFFFFFFFu);
    f.nconsts = 2;
    assert_rejected(module_of(f), "string constant 4294967295 exceeds");
}

static void test_bytecode_rejects_tuples_nested_9_deep(void **state) {
    (void)state;
    FnSpec f = fn_default();
    for (int i = 0; i < 9; i++) {
        put_u8(&f.consts, CONST_TUPLE);
        put_u32(&f.consts, 1);
    }
    put_u8(&f.consts, CONST_NONE);
    f.nconsts = 2;
    assert_rejected(module_of(f), "constant tuples nested deeper than 8 (function <module>");
}

static void test_bytecode_reads_a_big_int_constant(void **state) {
    (void)state;
    FnSpec f = fn_default();
    put_u8(&f.consts, CONST_BIGINT); /* 2**64 */
    put_u8(&f.consts, 0);
    put_u32(&f.consts, 2);
    put_u64(&f.consts, 0);
    put_u64(&f.consts, 1);
    f.nconsts = 2;
    Image im = module_of(f);
    Program *program = read_image(&im);
    free(im.data);
    if (program == NULL) fail_msg("%s", error);
    Value big = program->codes[0]->consts[1];
    assert_true(IS_BIGINT(big));
    assert_int_equal(bigint_compare(big, int_value(INT64_MAX)), 1);
    assert_int_equal(bigint_bit_length(big), 65);
    program_free(vm, program);
}

/* The limit is checked after the file is seen to hold the limbs, so this image really is 8 MiB. */
static void test_bytecode_rejects_big_int_over_the_limb_limit(void **state) {
    (void)state;
    FnSpec f = fn_default();
    uint32_t count = CPVM_MAX_BIGINT_LIMBS + 1;
    put_u8(&f.consts, CONST_BIGINT);
    put_u8(&f.consts, 0);
    put_u32(&f.consts, count);
    for (uint32_t i = 0; i < count; i++) put_u64(&f.consts, 1);
    f.nconsts = 2;
    assert_rejected(module_of(f), "big int constant of 1048577 limbs exceeds the limit of 1048576");
}

static void test_bytecode_rejects_unknown_constant_tag(void **state) {
    (void)state;
    FnSpec f = fn_default();
    put_u8(&f.consts, CONST_ELLIPSIS + 1); /* the first tag no constant kind has */
    f.nconsts = 2;
    assert_rejected(module_of(f), "unknown constant tag 11");
}

static void test_bytecode_rejects_code_constant_out_of_range(void **state) {
    (void)state;
    FnSpec f = fn_default();
    put_u8(&f.consts, CONST_CODE);
    put_u32(&f.consts, 1);
    f.nconsts = 2;
    assert_rejected(module_of(f), "code constant refers to function 1 of 1");
}

static void test_bytecode_rejects_code_constant_naming_the_module_body(void **state) {
    (void)state;
    FnSpec f = fn_default();
    put_u8(&f.consts, CONST_CODE);
    put_u32(&f.consts, 0);
    f.nconsts = 2;
    assert_rejected(module_of(f), "code constant refers to the module body");
}

/* --- Function fields --------------------------------------------------------------------------------- */

static void test_bytecode_rejects_ndefaults_above_nparams(void **state) {
    (void)state;
    FnSpec f = fn_default();
    f.ndefaults = 1;
    assert_rejected(module_of(f), "ndefaults 1 exceeds nparams 0");
}

static void test_bytecode_rejects_nparams_above_nlocals(void **state) {
    (void)state;
    FnSpec f = fn_default();
    f.nparams = 2;
    assert_rejected(module_of(f), "nparams 2 exceeds nlocals 1");
}

static void test_bytecode_rejects_nlocals_above_limit(void **state) {
    (void)state;
    FnSpec f = fn_default();
    f.nlocals = CPVM_MAX_LOCALS + 1;
    assert_rejected(module_of(f), "nlocals 65536 exceeds the limit 65535");
}

static void test_bytecode_rejects_empty_code(void **state) {
    (void)state;
    FnSpec f = fn_default();
    f.code_length = 0;
    f.nlines = 0;
    assert_rejected(module_of(f), "empty code");
}

static void test_bytecode_rejects_code_longer_than_limit(void **state) {
    (void)state;
    FnSpec f = fn_default();
    uint32_t length = CPVM_MAX_CODE_BYTES + 1;
    uint8_t *code = calloc(length, 1); /* NOPs */
    assert_non_null(code);
    f.code = code;
    f.code_length = length;
    assert_rejected(module_of(f), "code length 67108865 exceeds the limit 67108864");
    free(code);
}

static void test_bytecode_rejects_max_stack_beyond_vm_stack(void **state) {
    (void)state;
    FnSpec f = fn_default();
    f.max_stack = CPVM_STACK_VALUES + 1;
    assert_rejected(module_of(f), "exceeds the VM stack");
}

/* --- The line table ---------------------------------------------------------------------------------- */

static void test_bytecode_rejects_line_table_not_starting_at_zero(void **state) {
    (void)state;
    static const uint32_t lines[] = {5, 1};
    FnSpec f = fn_default();
    f.lines = lines;
    assert_rejected(module_of(f), "line table does not start at offset 0");
}

static void test_bytecode_rejects_line_offsets_out_of_order(void **state) {
    (void)state;
    static const uint32_t lines[] = {0, 1, 5, 2, 5, 3};
    FnSpec f = fn_default();
    f.lines = lines;
    f.nlines = 3;
    assert_rejected(module_of(f), "line table offset 5 is not after 5");
}

static void test_bytecode_rejects_repeated_line(void **state) {
    (void)state;
    static const uint32_t lines[] = {0, 7, 5, 7};
    FnSpec f = fn_default();
    f.lines = lines;
    f.nlines = 2;
    assert_rejected(module_of(f), "line table repeats line 7 at offset 5");
}

static void test_bytecode_rejects_line_offset_inside_instruction(void **state) {
    (void)state;
    static const uint32_t lines[] = {0, 1, 2, 2};
    FnSpec f = fn_default();
    f.lines = lines;
    f.nlines = 2;
    assert_rejected(module_of(f), "line table offset 2 is not an instruction boundary");
}

static void test_bytecode_rejects_line_offset_past_end(void **state) {
    (void)state;
    static const uint32_t lines[] = {0, 1, 6, 2};
    FnSpec f = fn_default();
    f.lines = lines;
    f.nlines = 2;
    assert_rejected(module_of(f), "line table offset 6 past the end of the code");
}

/* --- The verifier runs on load ----------------------------------------------------------------------- */

static void test_bytecode_reports_verifier_errors_with_code_offset(void **state) {
    (void)state;
    static const uint8_t code[] = {OP_LOAD_CONST, 0, 0, 0, 0, OP_LOAD_FAST, 1, 0, 0, 0, OP_RETURN_VALUE};
    FnSpec f = fn_default();
    f.code = code;
    f.code_length = sizeof code;
    assert_rejected(module_of(f), "invalid bytecode: local index 1 out of range (nlocals 1) (function <module>, offset 5)");
}

static void test_bytecode_rejects_stack_above_declared_max_stack(void **state) {
    (void)state;
    FnSpec f = fn_default();
    f.max_stack = 0;
    assert_rejected(module_of(f), "stack depth 1 exceeds max_stack 0");
}

/* --- Files ------------------------------------------------------------------------------------------- */

static void test_bytecode_file_round_trip(void **state) {
    (void)state;
    Image im = rich_module();
    Program *program = read_image(&im);
    assert_non_null(program);
    char path[] = "/tmp/cpvm_test_bytecode_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_true(bytecode_write_file(program, path, error, sizeof error));
    size_t size = 0;
    uint8_t *bytes = bytecode_read_file_bytes(path, &size, error, sizeof error);
    unlink(path);
    assert_non_null(bytes);
    assert_int_equal(size, im.size);
    assert_memory_equal(bytes, im.data, size);
    free(bytes);
    free(im.data);
    program_free(vm, program);
}

static void test_bytecode_missing_file_says_no_such_file(void **state) {
    (void)state;
    size_t size = 0;
    assert_null(bytecode_read_file_bytes("/nonexistent/dir/prog.cpb", &size, error, sizeof error));
    assert_string_equal(error, "No such file or directory");
}

static void test_bytecode_directory_is_not_a_file(void **state) {
    (void)state;
    size_t size = 0;
    assert_null(bytecode_read_file_bytes("/tmp", &size, error, sizeof error));
    assert_string_equal(error, "Is a directory");
}

static void test_bytecode_write_file_reports_unwritable_path(void **state) {
    (void)state;
    Image im = module_of(fn_default());
    Program *program = read_image(&im);
    free(im.data);
    assert_non_null(program);
    assert_false(bytecode_write_file(program, "/nonexistent/dir/out.cpb", error, sizeof error));
    assert_string_equal(error, "No such file or directory");
    program_free(vm, program);
}

/* --- The malformed corpus ---------------------------------------------------------------------------- */

static void test_bytecode_accepts_the_corpus_base_module(void **state) {
    (void)state;
    Program *program = bytecode_read(vm, bad_corpus_base, sizeof bad_corpus_base, "base.cpb", error, sizeof error);
    if (program == NULL) fail_msg("%s", error);
    program_free(vm, program);
}

static void test_bytecode_rejects_every_corpus_file_with_its_message(void **state) {
    (void)state;
    size_t n = sizeof bad_cases / sizeof bad_cases[0];
    assert_true(n >= 45);
    for (size_t i = 0; i < n; i++) {
        const BadCase *c = &bad_cases[i];
        int paused = vm->gc_paused;
        Program *program = bytecode_read(vm, c->data, c->size, c->name, error, sizeof error);
        if (program != NULL) fail_msg("%s: accepted", c->name);
        if (strncmp(error, "invalid bytecode: ", 18) != 0) fail_msg("%s: bad prefix in \"%s\"", c->name, error);
        if (strstr(error, c->expected) == NULL) fail_msg("%s: expected \"%s\" in \"%s\"", c->name, c->expected, error);
        assert_int_equal(vm->gc_paused, paused);
    }
    gc_collect(vm); /* sweeps the half-built programs the failures left behind */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bytecode_round_trip_gives_identical_bytes),
        cmocka_unit_test(test_bytecode_read_builds_code_objects),
        cmocka_unit_test(test_bytecode_read_restores_gc_pause_after_success),
        cmocka_unit_test(test_bytecode_read_accepts_tuples_nested_8_deep),
        cmocka_unit_test(test_bytecode_read_survives_garbage_collection),
        cmocka_unit_test(test_bytecode_rejects_bad_magic),
        cmocka_unit_test(test_bytecode_rejects_other_version),
        cmocka_unit_test(test_bytecode_round_trip_keeps_the_exception_table),
        cmocka_unit_test(test_bytecode_rejects_a_handler_before_its_range),
        cmocka_unit_test(test_bytecode_rejects_nonzero_flags),
        cmocka_unit_test(test_bytecode_rejects_every_truncation),
        cmocka_unit_test(test_bytecode_rejects_huge_function_count_without_allocating),
        cmocka_unit_test(test_bytecode_rejects_zero_functions),
        cmocka_unit_test(test_bytecode_rejects_trailing_bytes),
        cmocka_unit_test(test_bytecode_rejects_invalid_utf8_in_a_name),
        cmocka_unit_test(test_bytecode_rejects_huge_string_length),
        cmocka_unit_test(test_bytecode_rejects_tuples_nested_9_deep),
        cmocka_unit_test(test_bytecode_rejects_unknown_constant_tag),
        cmocka_unit_test(test_bytecode_reads_a_big_int_constant),
        cmocka_unit_test(test_bytecode_rejects_big_int_over_the_limb_limit),
        cmocka_unit_test(test_bytecode_rejects_code_constant_out_of_range),
        cmocka_unit_test(test_bytecode_rejects_code_constant_naming_the_module_body),
        cmocka_unit_test(test_bytecode_rejects_ndefaults_above_nparams),
        cmocka_unit_test(test_bytecode_rejects_nparams_above_nlocals),
        cmocka_unit_test(test_bytecode_rejects_nlocals_above_limit),
        cmocka_unit_test(test_bytecode_rejects_empty_code),
        cmocka_unit_test(test_bytecode_rejects_code_longer_than_limit),
        cmocka_unit_test(test_bytecode_rejects_max_stack_beyond_vm_stack),
        cmocka_unit_test(test_bytecode_rejects_line_table_not_starting_at_zero),
        cmocka_unit_test(test_bytecode_rejects_line_offsets_out_of_order),
        cmocka_unit_test(test_bytecode_rejects_repeated_line),
        cmocka_unit_test(test_bytecode_rejects_line_offset_inside_instruction),
        cmocka_unit_test(test_bytecode_rejects_line_offset_past_end),
        cmocka_unit_test(test_bytecode_reports_verifier_errors_with_code_offset),
        cmocka_unit_test(test_bytecode_rejects_stack_above_declared_max_stack),
        cmocka_unit_test(test_bytecode_file_round_trip),
        cmocka_unit_test(test_bytecode_missing_file_says_no_such_file),
        cmocka_unit_test(test_bytecode_directory_is_not_a_file),
        cmocka_unit_test(test_bytecode_write_file_reports_unwritable_path),
        cmocka_unit_test(test_bytecode_accepts_the_corpus_base_module),
        cmocka_unit_test(test_bytecode_rejects_every_corpus_file_with_its_message),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
