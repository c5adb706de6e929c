/* asm.c: the assembler: .cpasm text to a verified Program.
 *
 * main.c calls it for `cpvm asm` and `cpvm run FILE.cpasm`; disasm.c prints the same syntax back, and
 * the two round-trip any verified program byte for byte (assemble(disassemble(p)) writes p's bytes).
 * What it returns has passed verify.c, so it is as safe to run as a loaded .cpb file. The first mistake
 * stops assembly with one message, "FILE:LINE:COL: error: message"; no input makes it crash.
 *
 * Syntax. One statement per line; `;` starts a comment.
 *
 *   .source "fib.py"          optional, before the first function; default: the .cpasm file name
 *   .function NAME [params=N] [defaults=N] [stack=N] [posonly=N] [kwonly=N] [flags=N]   (flags: objects/code.h's CODE_* bits: 1 *args, 2 **kwargs, 4 generator)
 *                             starts a function; the first is the module body. Without stack=, the
 *                             depth verify.c computes is used
 *   .locals n, i              local names; the first `params` are the parameters
 *   .consts 2, "x", @fib      constants, appended to the pool exactly as written (duplicates kept)
 *   .names print, fib         names (globals, attributes), appended exactly as written
 *                             (.locals, .consts and .names come before the function's first instruction)
 *   .except START END HANDLER DEPTH   an exception table entry (labels or offsets): an error in
 *                             [START, END) enters HANDLER with DEPTH values on the stack, then the exception
 *   .line N                   source line of the instructions that follow (a repeat of the current line,
 *                             or a .line with no instruction after it, adds nothing)
 *   loop:                     a label (local to its function), on its own line or before an instruction
 *   OPCODE [operand]          an instruction of vm/bytecode/opcodes.h
 *
 * The operand depends on the opcode's operand kind:
 *   LOCAL        a local's name, or its index (3 or #3)
 *   CONST        a literal, added to the pool unless an identical constant is there already; or #k
 *   NAME         a name, added to the names pool unless it is there already; or #k
 *   JUMP         a label, or an absolute byte offset
 *   COUNT, FLAG  an integer
 *   BINOP        + - * / // % ** << >> & | ^ or an in-place form (+=, //=, ...)
 *   CMP          < <= == != > >=
 * Literals: ints (-12, 0x1f, 0o17, 0b101, 1_000_000), floats (1.5, 1e-05, inf, -inf, nan, -nan, and
 * f64:0x7ff8000000000001 for an exact bit pattern), strings in '' or "" (escapes \\ \" \' \n \t \r \0 \a
 * \b \f \v, and \xHH \uHHHH \UHHHHHHHH for a code point), None, True, False, code constants (@name: the
 * first function of that name; @index: the function at that 0-based position; never the module body) and tuples ((),
 * (1,), ("sep", "end"); nested at most 8 deep). Identical means same type and same value: 1, 1.0 and
 * True are three constants, and so are 0.0 and -0.0. A name that is not a word (letters, digits, _ $ < >
 * . and non-ASCII, not starting with a digit) is written as a string: .locals "my var".
 *
 * Three files: this one parses statements (instructions, labels, directives) and builds the Program,
 * bottom-up: instructions, directives, whole files; asm_lex.c reads tokens and constant literals and
 * reports errors; asm_pools.c keeps the pools and labels (asm_internal.h declares what they share).
 * Assembly takes two passes over the text: the first creates a code object for every .function, so a
 * constant can name a function defined further down; the second does everything else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "bytecode/asm.h"
#include "core/unicode.h"
#include "bytecode/asm_internal.h"
#include "bytecode/opcodes.h"
#include "bytecode/verify.h"

/* --- Instructions ----------------------------------------------------------------------------------- */

static const char *const operand_descriptions[] = {
    [OPK_NONE] = "no operand", [OPK_LOCAL] = "a local",          [OPK_CONST] = "a constant",
    [OPK_NAME] = "a name",     [OPK_JUMP] = "a label or offset", [OPK_COUNT] = "a count",
    [OPK_BINOP] = "an operator", [OPK_CMP] = "a comparison",     [OPK_FLAG] = "0 or 1",
};

/* Scans an operator symbol made of the characters [alphabet] and finds it in [symbols]. */
static bool scan_symbol(Parser *p, const char *alphabet, const char *const *symbols, int count, uint32_t *out) {
    Pos pos = here(p);
    const char *start = p->cur;
    while (peek(p) > 0 && strchr(alphabet, peek(p)) != NULL) p->cur++;
    size_t length = (size_t)(p->cur - start);
    if (length == 0) return asm_fail_expected(p, "an operator");
    for (int i = 0; i < count; i++) {
        if (strlen(symbols[i]) == length && memcmp(symbols[i], start, length) == 0) {
            *out = (uint32_t)i;
            return true;
        }
    }
    return asm_fail_at(p, pos, "unknown operator '%.*s'", SHOWN(length), start);
}

static bool parse_index(Parser *p, uint32_t *arg) {
    if (peek(p) == '#') p->cur++;
    return asm_scan_u32(p, "an index", arg);
}

static bool parse_operand(Parser *p, int op, uint32_t *arg) {
    Func *f = p->func;
    Pos pos = here(p);
    int c = peek(p);
    switch (opcode_info[op].kind) {
    case OPK_LOCAL: {
        if (c == '#' || is_digit(c)) return parse_index(p, arg);
        ObjString *name;
        if (!asm_scan_name(p, "a local", &name)) return false;
        int64_t found = asm_find_local(f, name);
        if (found < 0) return asm_fail_at(p, pos, "unknown local '%.*s'", SHOWN(name->length), name->chars);
        *arg = (uint32_t)found;
        return true;
    }
    case OPK_CONST: {
        if (c == '#') return parse_index(p, arg);
        Value v;
        return asm_parse_constant(p, 0, &v) && asm_add_constant(p, v, true, arg);
    }
    case OPK_NAME: {
        if (c == '#') return parse_index(p, arg);
        ObjString *name;
        return asm_scan_name(p, "a name", &name) && asm_add_name(p, name, true, arg);
    }
    case OPK_JUMP: {
        if (is_digit(c)) return asm_scan_u32(p, "an offset", arg);
        const char *word;
        uint32_t length, label;
        if (!asm_scan_word(p, &word, &length)) return asm_fail_expected(p, "a label or offset");
        if (!asm_find_label(p, word, length, pos, &label)) return false;
        *arg = 0; /* patched when the function ends */
        return APPEND(p, f->fixups, f->nfixups, f->fixups_cap, ((Fixup){label, f->nbytes + 1}));
    }
    case OPK_BINOP:
        if (is_digit(c)) return asm_scan_u32(p, "an operator", arg);
        return scan_symbol(p, "+-*/%&|^<>=", binary_op_symbols, NB_COUNT_, arg);
    case OPK_CMP:
        if (is_digit(c)) return asm_scan_u32(p, "a comparison", arg);
        return scan_symbol(p, "<>=!", compare_op_symbols, CMP_COUNT_, arg);
    default: /* OPK_COUNT, OPK_FLAG */
        return asm_scan_u32(p, operand_descriptions[opcode_info[op].kind], arg);
    }
}

/* Starts source line [line] at the next instruction. bytecode.c accepts one canonical line table (first
 * entry at offset 0, no two consecutive entries on the same line), so repeats are dropped and a function
 * whose first .line comes late gets line 0 ("unknown", as with no entry) for the instructions before. */
static bool add_line(Parser *p, uint32_t line) {
    Func *f = p->func;
    if (f->nlines > 0 && f->lines[f->nlines - 1].line == line) return true;
    if (f->nlines == 0 && f->nbytes > 0) {
        if (!APPEND(p, f->lines, f->nlines, f->lines_cap, ((LineEntry){0, 0}))) return false;
        if (line == 0) return true;
    }
    return APPEND(p, f->lines, f->nlines, f->lines_cap, ((LineEntry){f->nbytes, line}));
}

static bool emit_byte(Parser *p, uint8_t byte) {
    Func *f = p->func;
    return APPEND(p, f->bytes, f->nbytes, f->bytes_cap, byte);
}

/* instruction := OPCODE [operand] */
static bool parse_instruction(Parser *p, const char *word, uint32_t length, Pos pos) {
    int op = opcode_lookup(word, length);
    if (op < 0) return asm_fail_at(p, pos, "unknown opcode '%.*s'", SHOWN(length), word);
    Func *f = p->func;
    if (f == NULL) return asm_fail_at(p, pos, "instruction before the first .function");
    if (f->nbytes > CPVM_MAX_CODE_BYTES - 5) return asm_fail_at(p, pos, "function too long (code over %u bytes)", CPVM_MAX_CODE_BYTES);
    skip_space(p);
    uint32_t arg = 0;
    OperandKind kind = opcode_info[op].kind;
    if (kind == OPK_NONE && !at_end_of_statement(p)) return fail(p, "%s takes no operand", opcode_info[op].name);
    if (kind != OPK_NONE && at_end_of_statement(p)) {
        return fail(p, "missing operand: %s takes %s", opcode_info[op].name, operand_descriptions[kind]);
    }
    if (kind != OPK_NONE && !parse_operand(p, op, &arg)) return false;
    f->started = true;
    if (f->line_pending && !add_line(p, f->pending_line)) return false;
    f->line_pending = false;
    if (!APPEND(p, f->instrs, f->ninstrs, f->instrs_cap, ((InstrPos){f->nbytes, pos}))) return false;
    if (!emit_byte(p, (uint8_t)op)) return false;
    if (kind == OPK_NONE) return true;
    for (int i = 0; i < 4; i++) {
        if (!emit_byte(p, (uint8_t)(arg >> (8 * i)))) return false;
    }
    return true;
}

/* label := word ':' */
static bool define_label(Parser *p, const char *word, uint32_t length, Pos pos) {
    Func *f = p->func;
    if (f == NULL) return asm_fail_at(p, pos, "label before the first .function");
    uint32_t at;
    if (!asm_find_label(p, word, length, pos, &at)) return false;
    Label *label = &f->labels[at];
    if (label->offset != UNPLACED) {
        return asm_fail_at(p, pos, "duplicate label '%.*s' (first defined on line %u)", SHOWN(length), word, label->pos.line);
    }
    label->offset = f->nbytes;
    label->pos = pos;
    return true;
}

/* --- Directives ------------------------------------------------------------------------------------- */

/* Parses "item (',' item)*" up to the end of the statement; an empty list is allowed. */
static bool parse_list(Parser *p, bool (*item)(Parser *p)) {
    skip_space(p);
    while (!at_end_of_statement(p)) {
        if (!item(p)) return false;
        skip_space(p);
        if (at_end_of_statement(p)) break;
        if (!asm_expect_char(p, ',', "',' or end of line")) return false;
        skip_space(p);
        if (at_end_of_statement(p)) return asm_fail_expected(p, "another item after ','");
    }
    return true;
}

static bool list_local(Parser *p) {
    ObjString *name;
    return asm_scan_name(p, "a local name", &name) && asm_add_local(p, name);
}

static bool list_name(Parser *p) {
    ObjString *name;
    uint32_t at;
    return asm_scan_name(p, "a name", &name) && asm_add_name(p, name, false, &at);
}

static bool list_constant(Parser *p) {
    Value v;
    uint32_t at;
    return asm_parse_constant(p, 0, &v) && asm_add_constant(p, v, false, &at);
}

/* .except START END HANDLER DEPTH (objects/code.h's ExcEntry; verify.c checks it). */
static bool parse_except(Parser *p) {
    Func *f = p->func;
    ExceptLine e;
    for (int k = 0; k < 3; k++) {
        skip_space(p);
        Pos pos = here(p);
        e.label[k] = UNPLACED;
        if (is_digit(peek(p))) {
            if (!asm_scan_u32(p, "an offset", &e.value[k])) return false;
            continue;
        }
        const char *word;
        uint32_t length;
        if (!asm_scan_word(p, &word, &length)) return asm_fail_expected(p, "a label or offset");
        if (!asm_find_label(p, word, length, pos, &e.label[k])) return false;
    }
    skip_space(p);
    if (!asm_scan_u32(p, "a stack depth", &e.depth)) return false;
    return APPEND(p, f->excepts, f->nexcepts, f->excepts_cap, e);
}

/* Moves [count] items of [size] bytes from scratch memory into a new VM allocation (NULL when empty). */
static bool move_array(Parser *p, void **to, const void *from, uint32_t count, size_t size) {
    *to = NULL;
    if (count == 0) return true;
    *to = vm_reallocate(p->vm, NULL, 0, (size_t)count * size);
    if (*to == NULL) return asm_fail_memory(p);
    memcpy(*to, from, (size_t)count * size);
    return true;
}

/* Ends the current function: patches label references and moves the arrays into its ObjCode. A .line
 * after the last instruction has nothing to describe and is dropped. */
static bool finish_function(Parser *p) {
    Func *f = p->func;
    /* The header checks verify.c also makes, here so the message points at the .function line. */
    if (f->nbytes == 0) return asm_fail_at(p, f->pos, "function has no instructions");
    if (f->nparams > f->nlocals) {
        return asm_fail_at(p, f->pos, "params=%u but the function has %u locals (name parameters with .locals)",
                       f->nparams, f->nlocals);
    }
    if (f->ndefaults > f->nparams)
        return asm_fail_at(p, f->pos, "defaults=%u exceeds params=%u", f->ndefaults, f->nparams);
    if (f->nlocals > CPVM_MAX_LOCALS) return asm_fail_at(p, f->pos, "more than %u locals", CPVM_MAX_LOCALS);
    for (uint32_t i = 0; i < f->nlabels; i++) {
        const Label *label = &f->labels[i];
        if (label->offset == UNPLACED) {
            return asm_fail_at(p, label->pos, "undefined label '%.*s'", SHOWN(label->length), label->name);
        }
    }
    for (uint32_t i = 0; i < f->nfixups; i++) {
        uint32_t target = f->labels[f->fixups[i].label].offset;
        for (int b = 0; b < 4; b++) f->bytes[f->fixups[i].at + (uint32_t)b] = (uint8_t)(target >> (8 * b));
    }
    ObjCode *code = f->code;
    if (f->nexcepts > 0) {
        code->exc_table = vm_reallocate(p->vm, NULL, 0, sizeof(ExcEntry) * f->nexcepts);
        if (code->exc_table == NULL) return asm_fail_memory(p);
        code->nexc = f->nexcepts;
        for (uint32_t i = 0; i < f->nexcepts; i++) {
            const ExceptLine *e = &f->excepts[i];
            uint32_t v[3];
            for (int k = 0; k < 3; k++) v[k] = e->label[k] == UNPLACED ? e->value[k] : f->labels[e->label[k]].offset;
            code->exc_table[i] = (ExcEntry){v[0], v[1], v[2], e->depth};
        }
    }
    code->nparams = f->nparams;
    code->ndefaults = f->ndefaults;
    code->nposonly = f->nposonly;
    code->nkwonly = f->nkwonly;
    code->flags = f->flags;
    code_finish_params(code); /* the verifier checks these fit the locals */
    code->max_stack = f->max_stack;
    code->flags = f->flags;
    void *local_names, *consts, *names, *lines, *bytes;
    if (!move_array(p, &local_names, f->locals, f->nlocals, sizeof *f->locals)) return false;
    code->local_names = local_names;
    code->nlocals = f->nlocals;
    if (!move_array(p, &consts, f->consts, f->nconsts, sizeof *f->consts)) return false;
    code->consts = consts;
    code->nconsts = f->nconsts;
    if (!move_array(p, &names, f->names, f->nnames, sizeof *f->names)) return false;
    code->names = names;
    code->nnames = f->nnames;
    if (!move_array(p, &lines, f->lines, f->nlines, sizeof *f->lines)) return false;
    code->lines = lines;
    code->nlines = f->nlines;
    /* the code is followed by 4 zero bytes (opcodes.h), so reading an operand never leaves the array */
    bytes = vm_reallocate(p->vm, NULL, 0, (size_t)f->nbytes + 4);
    if (bytes == NULL) return asm_fail_memory(p);
    if (f->nbytes > 0) memcpy(bytes, f->bytes, f->nbytes);
    memset((uint8_t *)bytes + f->nbytes, 0, 4);
    code->code = bytes;
    code->code_length = f->nbytes;
    p->func = NULL;
    return true;
}

/* function := '.function' name ('params' | 'defaults' | 'stack') '=' integer ... */
static bool parse_function(Parser *p, Pos pos) {
    if (p->func != NULL && !finish_function(p)) return false;
    if (p->nstarted >= p->ncodes) return asm_fail_at(p, pos, "internal error: .function not seen by the prepass");
    Func *f = &p->funcs[p->nstarted];
    f->code = p->codes[p->nstarted++];
    f->pos = pos;
    p->func = f;
    skip_space(p);
    ObjString *name; /* the prepass already named the function; this only moves past the name */
    if (!asm_scan_name(p, "a function name", &name)) return false;
    bool seen[6] = {false};
    for (;;) {
        skip_space(p);
        if (at_end_of_statement(p)) return true;
        Pos pos = here(p);
        const char *key;
        uint32_t length;
        if (!asm_scan_word(p, &key, &length)) return asm_fail_expected(p, "params=, defaults= or stack=");
        static const char *const keys[] = {"params", "defaults", "stack", "posonly", "kwonly", "flags"};
        int which = -1;
        for (int k = 0; k < 6; k++) {
            if (word_is(key, length, keys[k])) which = k;
        }
        if (which < 0) {
            return asm_fail_at(p, pos, "unknown key '%.*s' (expected params, defaults, stack, posonly, kwonly or flags)",
                               SHOWN(length), key);
        }
        if (seen[which]) return asm_fail_at(p, pos, "duplicate key '%.*s'", SHOWN(length), key);
        seen[which] = true;
        if (!asm_expect_char(p, '=', "'='")) return false;
        uint32_t *field[6] = {&f->nparams, &f->ndefaults, &f->max_stack, &f->nposonly, &f->nkwonly, &f->flags};
        if (!asm_scan_u32(p, "a value", field[which])) return false;
        if (which == 2) f->has_stack = true;
    }
}

/* directive := '.' word ... */
static bool parse_directive(Parser *p) {
    Pos pos = here(p);
    p->cur++;
    const char *word;
    uint32_t length;
    if (!asm_scan_word(p, &word, &length)) return asm_fail_expected(p, "a directive name after '.'");
    if (word_is(word, length, "function")) return parse_function(p, pos);
    if (word_is(word, length, "source")) {
        if (p->nstarted > 0) return asm_fail_at(p, pos, ".source must come before the first .function");
        if (p->source != NULL) return asm_fail_at(p, pos, "duplicate .source");
        skip_space(p);
        if (peek(p) != '"' && peek(p) != '\'') return asm_fail_expected(p, "a string");
        return asm_scan_string(p, &p->source);
    }
    bool is_pool = word_is(word, length, "locals") || word_is(word, length, "consts") || word_is(word, length, "names");
    if (word_is(word, length, "except")) {
        if (p->func == NULL) return asm_fail_at(p, pos, ".except before the first .function");
        return parse_except(p);
    }
    if (!is_pool && !word_is(word, length, "line")) return asm_fail_at(p, pos, "unknown directive '.%.*s'", SHOWN(length), word);
    Func *f = p->func;
    if (f == NULL) return asm_fail_at(p, pos, ".%.*s before the first .function", SHOWN(length), word);
    if (is_pool && f->started) return asm_fail_at(p, pos, ".%.*s must come before the function's first instruction", SHOWN(length), word);
    if (word_is(word, length, "locals")) return parse_list(p, list_local);
    if (word_is(word, length, "consts")) return parse_list(p, list_constant);
    if (word_is(word, length, "names")) return parse_list(p, list_name);
    skip_space(p);
    f->line_pending = true;
    return asm_scan_u32(p, "a line number", &f->pending_line);
}

/* statement := directive | (label ':')* [instruction];  then a comment or the end of the line */
static bool parse_statement(Parser *p) {
    skip_space(p);
    if (peek(p) == '.') {
        if (!parse_directive(p)) return false;
    } else {
        while (!at_end_of_statement(p)) {
            Pos pos = here(p);
            const char *word;
            uint32_t length;
            if (!asm_scan_word(p, &word, &length)) return asm_fail_expected(p, "an instruction, label or directive");
            if (peek(p) != ':') {
                if (!parse_instruction(p, word, length, pos)) return false;
                break;
            }
            p->cur++;
            if (!define_label(p, word, length, pos)) return false;
            skip_space(p);
        }
    }
    skip_space(p);
    if (!at_end_of_statement(p)) return asm_fail_expected(p, "end of line");
    return true;
}

static void next_line(Parser *p) {
    while (p->cur < p->end && *p->cur != '\n') p->cur++;
    if (p->cur < p->end) {
        p->cur++;
        p->line++;
        p->line_start = p->cur;
    }
}

/* --- Whole files ------------------------------------------------------------------------------------ */

/* True when the line at the cursor is a .function directive (as parse_statement would see it). */
static bool at_function_directive(Parser *p) {
    skip_space(p);
    if (peek(p) != '.') return false;
    p->cur++;
    const char *word;
    uint32_t length;
    return asm_scan_word(p, &word, &length) && word_is(word, length, "function");
}

/* Creates a code object for every .function first, so constants can name functions defined later. Names
 * that fail to scan are left for the main pass to report where they are. */
static bool create_functions(Parser *p) {
    p->quiet = true;
    for (; p->cur < p->end; next_line(p)) {
        if (!at_function_directive(p)) continue;
        skip_space(p);
        ObjString *name;
        p->failed = false;
        if (!asm_scan_name(p, "", &name)) name = string_copy(p->vm, "", 0);
        ObjCode *code = code_new(p->vm);
        if (name == NULL || code == NULL || !APPEND(p, p->codes, p->ncodes, p->codes_cap, code)) {
            p->quiet = false;
            p->failed = false;
            return asm_fail_memory(p);
        }
        code->name = name;
        code->index = p->ncodes - 1;
        if (!asm_index_function(p, name, p->ncodes - 1)) {
            p->quiet = false;
            p->failed = false;
            return asm_fail_memory(p);
        }
    }
    p->quiet = false;
    p->failed = false;
    p->funcs = calloc(p->ncodes + 1, sizeof *p->funcs);
    if (p->funcs == NULL) return asm_fail_memory(p);
    return true;
}

/* Writes the verifier's [message] as an assembler error on the line of the instruction it names. */
static void fail_verify(Parser *p, const Func *f, const char *message) {
    Pos pos = f->pos;
    const char *at = strstr(message, "offset ");
    for (const char *next = at; next != NULL; next = strstr(next + 1, "offset ")) at = next;
    if (at != NULL) {
        unsigned long offset = strtoul(at + 7, NULL, 10);
        for (uint32_t i = 0; i < f->ninstrs; i++) {
            if (f->instrs[i].offset == offset) pos = f->instrs[i].pos;
        }
    }
    asm_fail_at(p, pos, "invalid program: %s", message);
}

static Program *build_program(Parser *p) {
    if (p->ncodes == 0) {
        asm_fail_at(p, (Pos){1, 1}, "no function: a program starts with .function <module>");
        return NULL;
    }
    if (p->source == NULL) {
        const char *name = p->filename;
        uint32_t char_count;
        if (!utf8_is_valid(name, strlen(name), &char_count)) name = "<asm>";
        p->source = string_from_cstr(p->vm, name);
        if (p->source == NULL) {
            asm_fail_memory(p);
            return NULL;
        }
    }
    Program *program = program_new(p->vm, p->source, p->ncodes);
    if (program == NULL) {
        asm_fail_memory(p);
        return NULL;
    }
    for (uint32_t i = 0; i < p->ncodes; i++) {
        program->codes[i] = p->codes[i];
        p->codes[i]->source = p->source;
    }
    char message[400];
    for (uint32_t i = 0; i < p->ncodes; i++) {
        const Func *f = &p->funcs[i];
        if (!f->has_stack && !verify_compute_max_stack(program, f->code, &f->code->max_stack, message, sizeof message)) {
            fail_verify(p, f, message);
            break;
        }
        if (!verify_code(program, f->code, message, sizeof message)) {
            fail_verify(p, f, message);
            break;
        }
    }
    if (p->failed) {
        program_free(p->vm, program);
        return NULL;
    }
    return program;
}

static void free_func(Func *f) {
    free(f->consts);
    map_free(&f->const_index);
    free(f->names);
    map_free(&f->name_index);
    free(f->locals);
    map_free(&f->local_index);
    free(f->bytes);
    free(f->lines);
    free(f->labels);
    map_free(&f->label_index);
    free(f->fixups);
    free(f->instrs);
    free(f->excepts);
}

Program *asm_assemble(Vm *vm, const char *source, size_t length, const char *filename, char *error,
                      size_t error_size) {
    Parser p = {.vm = vm, .filename = filename ? filename : "<asm>", .cur = source, .end = source + length,
                .line_start = source, .line = 1, .error = error, .error_size = error_size};
    if (error_size > 0) error[0] = '\0';
    vm->gc_paused++; /* nothing built here is reachable by the GC until the Program exists */
    Program *program = NULL;
    if (length >= UINT32_MAX) {
        asm_fail_at(&p, (Pos){1, 1}, "file too large");
    } else if (create_functions(&p)) {
        p.cur = source;
        p.line = 1;
        p.line_start = source;
        bool ok = true;
        for (; ok && p.cur < p.end; next_line(&p)) ok = parse_statement(&p);
        if (ok && p.func != NULL) ok = finish_function(&p);
        if (ok) program = build_program(&p);
    }
    vm->gc_paused--;
    for (uint32_t i = 0; p.funcs != NULL && i < p.ncodes; i++) free_func(&p.funcs[i]);
    free(p.funcs);
    free(p.codes);
    map_free(&p.code_index);
    free(p.text);
    if (program == NULL && vm->exc != EXC_NONE) vm_clear_error(vm); /* an out-of-memory left MemoryError set */
    return program;
}
