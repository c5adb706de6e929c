/* disasm.c: prints a Program as .cpasm text (the syntax is documented at the top of asm.c).
 *
 * main.c calls disasm_program for `cpvm dis`; the JIT's explain listing calls disasm_instruction. The
 * invariant: assembling disasm_program's output gives back the identical bytecode. So the text leaves
 * nothing to defaults: every header key and pool is written out, every jump target gets a label (L<offset>),
 * .line marks each line-table entry, and a constant is written as a literal only where the assembler would
 * find that same pool slot for it (the first identical entry), else by index (#k).
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/map.h"
#include "bytecode/asm.h"
#include "bytecode/opcodes.h"
#include "core/vm.h"
#include "objects/bigint_gmp.h"
#include "objects/object.h"
#include "bytecode/walk.h"

/* Column of the "; offset" comment, so the offsets line up for the usual short instructions. */
#define COMMENT_COLUMN 40
/* Longer pools are written across lines: a .consts line per constant (with its index), 8 names a line. */
#define ITEMS_PER_LINE 8

/* What operands may be written as names or literals. All pointers are NULL for a lone instruction, which
 * then shows every operand as plainly as it can. */
typedef struct {
    const Program *program;
    bool *first_const, *first_name, *first_local; /* entry k is the first of its value in its pool */
    uint8_t *is_target;                           /* code_length + 1 flags: some jump lands here */
} Listing;

static int count(int n) { return n < 0 ? 0 : n; }

/* --- Names, strings, numbers -------------------------------------------------------------------------- */

/* string := '"' ... '"' with the escapes asm.c reads; non-ASCII UTF-8 is written as is. */
static int write_string(FILE *out, const char *chars, size_t length) {
    int n = count(fprintf(out, "\""));
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)chars[i];
        switch (c) {
        case '"': n += count(fprintf(out, "\\\"")); break;
        case '\\': n += count(fprintf(out, "\\\\")); break;
        case '\n': n += count(fprintf(out, "\\n")); break;
        case '\t': n += count(fprintf(out, "\\t")); break;
        case '\r': n += count(fprintf(out, "\\r")); break;
        default:
            if (c < 0x20 || c == 0x7f) n += count(fprintf(out, "\\x%02x", c));
            else n += count(fprintf(out, "%c", c));
        }
    }
    return n + count(fprintf(out, "\""));
}

/* bytes := 'b"' ... '"': printable ASCII as is, every other byte \xNN (as asm_lex.c reads them). */
static int write_bytes(FILE *out, const ObjBytes *b) {
    int n = count(fprintf(out, "b\""));
    for (uint32_t i = 0; i < b->length; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if (c == '"' || c == '\\') n += count(fprintf(out, "\\%c", c));
        else if (c < 0x20 || c >= 0x7f) n += count(fprintf(out, "\\x%02x", c));
        else n += count(fprintf(out, "%c", c));
    }
    return n + count(fprintf(out, "\""));
}

static int write_name(FILE *out, const ObjString *name) {
    if (name == NULL) return count(fprintf(out, "\"\""));
    if (asm_is_word(name->chars, name->length)) return count(fprintf(out, "%s", name->chars));
    return write_string(out, name->chars, name->length);
}

static bool same_bits(double a, double b) {
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

/* Python's repr when it reads back to the same bits (and is spelled as a float), else the exact bits. */
static int write_float(FILE *out, Value v) {
    double d = AS_FLOAT(v);
    if (isnan(d)) {
        if (same_bits(d, NAN)) return count(fprintf(out, "nan"));
        if (same_bits(d, -NAN)) return count(fprintf(out, "-nan"));
        return count(fprintf(out, "f64:0x%016" PRIx64, v.as.bits));
    }
    char text[40];
    float_repr(d, text);
    if (!isinf(d) && (strtod(text, NULL) != d || strpbrk(text, ".e") == NULL || signbit(strtod(text, NULL)) != signbit(d))) {
        snprintf(text, sizeof text, "%.17g", d);
        if (strpbrk(text, ".e") == NULL) strcat(text, ".0");
    }
    return count(fprintf(out, "%s", text));
}

/* --- Constants ---------------------------------------------------------------------------------------- */

static uint32_t function_index(const Program *program, const ObjCode *code) {
    if (code->index < program->count && program->codes[code->index] == code) return code->index;
    for (uint32_t i = 0; i < program->count; i++) {
        if (program->codes[i] == code) return i;
    }
    return code->index;
}

/* @name when the name finds this function (it is the first of its name), else @index. */
static int write_function_ref(FILE *out, const Listing *listing, const ObjCode *code) {
    if (listing->program == NULL) return count(fprintf(out, "@")) + write_name(out, code->name);
    uint32_t index = function_index(listing->program, code);
    for (uint32_t i = 0; i < listing->program->count && code->name != NULL; i++) {
        const ObjCode *other = listing->program->codes[i];
        if (other != NULL && other->name != NULL && string_equal(other->name, code->name)) {
            if (i == index) return count(fprintf(out, "@")) + write_name(out, code->name);
            break;
        }
    }
    return count(fprintf(out, "@%" PRIu32, index));
}

/* A big int in decimal, or in hex past 200 limbs (about 3,850 digits), so the listing assembles back
 * under the default 4,300-digit limit on decimal conversions. */
static int write_bigint(FILE *out, Value v) {
    IntView view;
    bigint_view(v, &view);
    bool hex = mpz_size(view.z) > 200;
    int n = 0;
    if (hex) {
        n = count(fprintf(out, "%s0x", mpz_sgn(view.z) < 0 ? "-" : ""));
        mpz_t magnitude;
        mpz_roinit_n(magnitude, mpz_limbs_read(view.z), (mp_size_t)mpz_size(view.z));
        return n + (int)mpz_out_str(out, 16, magnitude);
    }
    return (int)mpz_out_str(out, 10, view.z);
}

static int write_constant(FILE *out, const Listing *listing, Value v) {
    switch (v.type) {
    case VAL_NONE: return count(fprintf(out, "None"));
    case VAL_BOOL: return count(fprintf(out, AS_BOOL(v) ? "True" : "False"));
    case VAL_INT: return count(fprintf(out, "%" PRId64, AS_INT(v)));
    case VAL_FLOAT: return write_float(out, v);
    default: break;
    }
    if (is_obj_type(v, OBJ_ELLIPSIS)) return count(fprintf(out, "Ellipsis"));
    if (IS_STRING(v)) return write_string(out, AS_STRING(v)->chars, AS_STRING(v)->length);
    if (IS_BYTES(v)) return write_bytes(out, AS_BYTES(v));
    if (IS_CODE(v)) return write_function_ref(out, listing, AS_CODE(v));
    if (IS_BIGINT(v)) return write_bigint(out, v);
    if (IS_TUPLE(v)) {
        ObjTuple *tuple = AS_TUPLE(v);
        int n = count(fprintf(out, "("));
        for (uint32_t i = 0; i < tuple->count; i++) {
            if (i > 0) n += count(fprintf(out, ", "));
            n += write_constant(out, listing, tuple->items[i]);
        }
        return n + count(fprintf(out, tuple->count == 1 ? ",)" : ")"));
    }
    return count(fprintf(out, "<%s>", value_type_name(v))); /* no literal: bytecode files cannot hold one */
}

/* --- Instructions ------------------------------------------------------------------------------------- */

static int write_operand(FILE *out, const Listing *listing, const ObjCode *code, int op, uint32_t arg) {
    switch (opcode_info[op].kind) {
    case OPK_NONE: return 0;
    case OPK_LOCAL:
        if (arg < code->nlocals && code->local_names != NULL && (listing->first_local == NULL || listing->first_local[arg]))
            return write_name(out, code->local_names[arg]);
        return count(fprintf(out, "#%" PRIu32, arg));
    case OPK_CONST:
        if (arg < code->nconsts && (listing->first_const == NULL || listing->first_const[arg]))
            return write_constant(out, listing, code->consts[arg]);
        return count(fprintf(out, "#%" PRIu32, arg));
    case OPK_NAME:
        if (arg < code->nnames && (listing->first_name == NULL || listing->first_name[arg]))
            return write_name(out, code->names[arg]);
        return count(fprintf(out, "#%" PRIu32, arg));
    case OPK_JUMP:
        if (listing->is_target != NULL && arg <= code->code_length && listing->is_target[arg])
            return count(fprintf(out, "L%" PRIu32, arg));
        return count(fprintf(out, "%" PRIu32, arg));
    case OPK_BINOP:
        if (arg < NB_COUNT_) return count(fprintf(out, "%s", binary_op_symbols[arg]));
        return count(fprintf(out, "%" PRIu32, arg));
    case OPK_CMP:
        if (arg < CMP_COUNT_) return count(fprintf(out, "%s", compare_op_symbols[arg]));
        return count(fprintf(out, "%" PRIu32, arg));
    default: return count(fprintf(out, "%" PRIu32, arg)); /* OPK_COUNT, OPK_FLAG */
    }
}

/* Writes the instruction at [offset]; returns the characters written. *next gets the next offset. */
static int write_instruction(FILE *out, const Listing *listing, const ObjCode *code, uint32_t offset, uint32_t *next) {
    BytecodeStep s = bytecode_decode(code->code, code->code_length, offset);
    *next = s.next;
    if (s.op >= OP_COUNT_) return count(fprintf(out, "; invalid opcode byte 0x%02x", s.op));
    int n = count(fprintf(out, "%s", opcode_info[s.op].name));
    if (opcode_info[s.op].kind == OPK_NONE) return n;
    n += count(fprintf(out, " "));
    return n + write_operand(out, listing, code, s.op, s.oparg); /* a cut-off operand reads as zero-padded */
}

uint32_t disasm_instruction(const ObjCode *code, uint32_t offset, FILE *out) {
    if (offset >= code->code_length) return code->code_length;
    Listing lone = {0};
    uint32_t next;
    write_instruction(out, &lone, code, offset, &next);
    return next;
}

/* --- Functions ---------------------------------------------------------------------------------------- */

/* Marks each item of a pool that is the first of its value: only those can be written by value, since
 * the assembler looks a value up to its first slot. The map of values seen keeps large pools linear; its
 * hash and equality are the assembler's own (asm.h), which cover strings too. NULL on out-of-memory. */
typedef Value KeyAt(const void *items, uint32_t i); /* VAL_UNDEF: an item equal to no other */

static int same_constant(void *context, Value stored, Value key) {
    (void)context;
    return asm_constants_identical(stored, key);
}

static bool *first_occurrences(const void *items, uint32_t n, KeyAt *key_at) {
    bool *first = calloc((size_t)n + 1, sizeof *first);
    Map seen;
    map_init(&seen, NULL);
    bool ok = first != NULL && map_reserve(&seen, n);
    for (uint32_t i = 0; ok && i < n; i++) {
        Value key = key_at(items, i);
        uint32_t hash = IS_UNDEF(key) ? 0 : asm_constant_hash(key);
        first[i] = IS_UNDEF(key) || map_find(&seen, hash, key, same_constant, NULL, NULL) == 0;
        if (first[i] && !IS_UNDEF(key)) ok = map_add(&seen, hash, key, none_value(), NULL);
    }
    map_free(&seen);
    if (!ok) {
        free(first);
        first = NULL;
    }
    return first;
}

static Value constant_at(const void *items, uint32_t i) { return ((const Value *)items)[i]; }
static Value string_at(const void *items, uint32_t i) {
    ObjString *s = ((ObjString *const *)items)[i];
    return s != NULL ? obj_value(&s->obj) : undef_value();
}

/* Flags every offset some jump lands on, when that offset starts an instruction (or is the end). */
static uint8_t *find_targets(const ObjCode *code) {
    uint8_t *starts = calloc((size_t)code->code_length + 1, 1), *targets = calloc((size_t)code->code_length + 1, 1);
    if (starts == NULL || targets == NULL) {
        free(starts);
        free(targets);
        return NULL;
    }
    for (BytecodeStep s = {0}; bytecode_next(code->code, code->code_length, &s);) starts[s.pc] = 1;
    starts[code->code_length] = 1;
    for (BytecodeStep s = {0}; bytecode_next(code->code, code->code_length, &s);) {
        if (s.op < OP_COUNT_ && opcode_info[s.op].kind == OPK_JUMP && s.oparg <= code->code_length && starts[s.oparg])
            targets[s.oparg] = 1;
    }
    for (uint32_t i = 0; i < code->nexc; i++) { /* .except names its offsets by label too */
        const ExcEntry *e = &code->exc_table[i];
        uint32_t at[3] = {e->start, e->end, e->target};
        for (int k = 0; k < 3; k++) {
            if (at[k] <= code->code_length && starts[at[k]]) targets[at[k]] = 1;
        }
    }
    free(starts);
    return targets;
}

static void write_string_list(FILE *out, const char *directive, ObjString *const *strings, uint32_t n) {
    fprintf(out, "    %s", directive);
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0 && i % ITEMS_PER_LINE == 0) fprintf(out, "\n    %s", directive);
        fprintf(out, i % ITEMS_PER_LINE == 0 ? " " : ", ");
        write_name(out, strings[i]);
    }
    fprintf(out, "\n");
}

static void write_constants(FILE *out, const Listing *listing, const ObjCode *code) {
    if (code->nconsts <= ITEMS_PER_LINE) {
        fprintf(out, "    .consts");
        for (uint32_t i = 0; i < code->nconsts; i++) {
            fprintf(out, i == 0 ? " " : ", ");
            write_constant(out, listing, code->consts[i]);
        }
        fprintf(out, "\n");
        return;
    }
    for (uint32_t i = 0; i < code->nconsts; i++) {
        int n = count(fprintf(out, "    .consts "));
        n += write_constant(out, listing, code->consts[i]);
        fprintf(out, "%*s; #%" PRIu32 "\n", n < COMMENT_COLUMN ? COMMENT_COLUMN - n : 1, "", i);
    }
}

/* An offset of the exception table: its label, or the number where no label can stand. */
static void write_offset(FILE *out, const Listing *listing, const ObjCode *code, uint32_t offset) {
    if (offset <= code->code_length && listing->is_target[offset]) fprintf(out, " L%" PRIu32, offset);
    else fprintf(out, " %" PRIu32, offset);
}

/* .except START END HANDLER DEPTH, one line per exception table entry. */
static void write_exception_table(FILE *out, const Listing *listing, const ObjCode *code) {
    for (uint32_t i = 0; i < code->nexc; i++) {
        const ExcEntry *e = &code->exc_table[i];
        fprintf(out, "    .except");
        write_offset(out, listing, code, e->start);
        write_offset(out, listing, code, e->end);
        write_offset(out, listing, code, e->target);
        fprintf(out, " %" PRIu32 "\n", e->depth);
    }
}

static void write_function(FILE *out, const Program *program, const ObjCode *code) {
    Listing listing = {
        .program = program,
        .first_const = first_occurrences(code->consts, code->nconsts, constant_at),
        .first_name = first_occurrences(code->names, code->nnames, string_at),
        .first_local = first_occurrences(code->local_names, code->nlocals, string_at),
        .is_target = find_targets(code),
    };
    bool complete = listing.first_const && listing.first_name && listing.first_local && listing.is_target;
    fprintf(out, "\n.function ");
    write_name(out, code->name);
    fprintf(out, " params=%" PRIu32 " defaults=%" PRIu32, code->nparams, code->ndefaults);
    /* Written only when set, so listings of functions without them read as before. */
    if (code->nposonly != 0) fprintf(out, " posonly=%" PRIu32, code->nposonly);
    if (code->nkwonly != 0) fprintf(out, " kwonly=%" PRIu32, code->nkwonly);
    if (code->flags != 0) fprintf(out, " flags=%" PRIu32, code->flags);
    fprintf(out, " stack=%" PRIu32 "\n", code->max_stack);
    if (!complete) {
        fprintf(out, "    ; out of memory while disassembling this function\n");
    } else {
        write_string_list(out, ".locals", code->local_names, code->nlocals);
        write_constants(out, &listing, code);
        write_string_list(out, ".names", code->names, code->nnames);
        write_exception_table(out, &listing, code);
        uint32_t line = 0;
        for (uint32_t offset = 0; offset < code->code_length;) {
            if (listing.is_target[offset]) fprintf(out, "L%" PRIu32 ":\n", offset);
            for (; line < code->nlines && code->lines[line].offset <= offset; line++) {
                if (code->lines[line].offset == offset) fprintf(out, "    .line %" PRIu32 "\n", code->lines[line].line);
                else fprintf(out, "    ; line %" PRIu32 " starts inside an instruction\n", code->lines[line].line);
            }
            uint32_t next;
            int n = count(fprintf(out, "    "));
            n += write_instruction(out, &listing, code, offset, &next);
            fprintf(out, "%*s; %" PRIu32 "\n", n < COMMENT_COLUMN ? COMMENT_COLUMN - n : 1, "", offset);
            offset = next;
        }
        if (listing.is_target[code->code_length]) fprintf(out, "L%" PRIu32 ":\n", code->code_length);
    }
    free(listing.first_const);
    free(listing.first_name);
    free(listing.first_local);
    free(listing.is_target);
}

void disasm_program(const Program *program, FILE *out) {
    fprintf(out, "; cpvm assembly (cpvm dis); assembles back to the same bytecode\n.source ");
    if (program->source != NULL) write_string(out, program->source->chars, program->source->length);
    else fprintf(out, "\"\"");
    fprintf(out, "\n");
    for (uint32_t i = 0; i < program->count; i++) {
        if (program->codes[i] != NULL) write_function(out, program, program->codes[i]);
    }
}
