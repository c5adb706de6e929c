/* asm_internal.h: what the assembler's three files share; private to them (asm.h is the interface).
 *
 * asm.c parses statements (instructions, labels, directives) and builds the Program; asm_lex.c reads
 * the tokens those are made of (words, numbers, strings, names, constant literals) and reports errors;
 * asm_pools.c keeps a function's pools and labels and the indexes that deduplicate them. All three work
 * on one Parser. Its scratch memory (pools under construction, labels, fixups, and the maps that index
 * them) comes from malloc: it is transient and never reachable from the heap. Only the finished arrays
 * move into ObjCode objects, through the VM's allocator, so an ObjCode never holds a half-built array.
 */
#ifndef cpvm_asm_internal_h
#define cpvm_asm_internal_h

#include <string.h>

#include "objects/object.h"
#include "core/map.h"
#include "bytecode/asm.h"

/* bytecode.h's format nests tuple constants at most 8 deep; checking here gives a located message and
 * bounds the parser's recursion on hostile input. */
#define MAX_TUPLE_DEPTH 8
#define UNPLACED UINT32_MAX /* offset of a label that has been used but not yet defined */
/* A pool, the labels or the functions index at most this many items (2^29, the old index's limit): more
 * than a 4 GiB file could name, but a located message instead of a failing allocation. */
#define MAX_INDEXED (1u << 29)

/* --- The parser's state ----------------------------------------------------------------------------- */

typedef struct {
    uint32_t line, col;
} Pos;

typedef struct {
    const char *name; /* points into the source text */
    uint32_t length;
    uint32_t offset; /* UNPLACED until defined */
    Pos pos;         /* where it was defined, else where first used */
} Label;

typedef struct {
    uint32_t label; /* index into labels */
    uint32_t at;    /* byte offset of the operand to patch */
} Fixup;

typedef struct {
    uint32_t offset;
    Pos pos;
} InstrPos;

/* A .except line: each offset is a number, or a label (index into labels) resolved when the function ends. */
typedef struct {
    uint32_t value[3];  /* start, end, handler */
    uint32_t label[3];  /* UNPLACED: value[k] is the offset itself */
    uint32_t depth;
} ExceptLine;

/* One function being assembled. */
typedef struct {
    ObjCode *code;
    Pos pos; /* of its .function directive */
    uint32_t nparams, ndefaults, max_stack, flags;
    bool has_stack;      /* stack= given */
    bool started;        /* an instruction has been emitted */
    bool line_pending;   /* a .line waits for the next instruction */
    uint32_t pending_line;
    Value *consts;
    uint32_t nconsts, consts_cap;
    Map const_index; /* constant -> its first position in consts (core/map.h; malloc'd) */
    ObjString **names;
    uint32_t nnames, names_cap;
    Map name_index;  /* name (a str key) -> its first position */
    ObjString **locals;
    uint32_t nlocals, locals_cap;
    Map local_index;
    uint8_t *bytes;
    uint32_t nbytes, bytes_cap;
    LineEntry *lines;
    uint32_t nlines, lines_cap;
    Label *labels;
    uint32_t nlabels, labels_cap;
    Map label_index; /* position of a label (an int key), hashed by its name */
    Fixup *fixups;
    uint32_t nfixups, fixups_cap;
    ExceptLine *excepts; /* the exception table, in .except order */
    uint32_t nexcepts, excepts_cap;
    InstrPos *instrs; /* where each instruction was written, to place verifier errors */
    uint32_t ninstrs, instrs_cap;
} Func;

typedef struct {
    Vm *vm;
    const char *filename;
    const char *cur, *end;
    const char *line_start;
    uint32_t line;
    char *error;
    size_t error_size;
    bool failed;
    bool quiet; /* the prepass scans names without reporting errors */
    ObjString *source;
    ObjCode **codes; /* every function, created by the prepass so @name can refer forward */
    uint32_t ncodes, codes_cap;
    Map code_index;   /* function name -> first function of that name */
    Func *funcs;      /* ncodes of them */
    Func *func;       /* the function being assembled, NULL before the first .function */
    uint32_t nstarted;
    char *text; /* decoded bytes of the string being scanned */
    uint32_t ntext, text_cap;
} Parser;

/* --- Errors (asm_lex.c) --------------------------------------------------------------------------------
 * The first error wins: asm_fail_at writes "FILE:LINE:COL: error: message" once and returns false, so a
 * check can `return fail(p, ...)`, and everything after it fails quietly. */

static inline Pos here(const Parser *p) { return (Pos){p->line, (uint32_t)(p->cur - p->line_start) + 1}; }

bool asm_fail_at(Parser *p, Pos pos, const char *format, ...) __attribute__((format(printf, 3, 4)));
#define fail(p, ...) asm_fail_at(p, here(p), __VA_ARGS__)
bool asm_fail_memory(Parser *p);
/* "expected [what], found 'x'", naming the character at the cursor. */
bool asm_fail_expected(Parser *p, const char *what);

/* Names in messages are cut short: they may come from hostile input. */
#define SHOWN(length) ((int)((length) > 60 ? 60 : (length)))

/* --- Characters (the cursor is p->cur) -------------------------------------------------------------- */

static inline int peek(const Parser *p) { return p->cur < p->end ? (unsigned char)*p->cur : -1; }
static inline int peek_next(const Parser *p) { return p->cur + 1 < p->end ? (unsigned char)p->cur[1] : -1; }

static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool is_word_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c == '<' || c >= 0x80;
}
static inline bool is_word_char(int c) { return is_word_start(c) || is_digit(c) || c == '>' || c == '.'; }

static inline bool at_end_of_statement(const Parser *p) {
    int c = peek(p);
    return c == -1 || c == '\n' || c == ';';
}

static inline void skip_space(Parser *p) {
    while (p->cur < p->end && (*p->cur == ' ' || *p->cur == '\t' || *p->cur == '\r')) p->cur++;
}

static inline bool word_is(const char *word, uint32_t length, const char *text) {
    return strlen(text) == length && memcmp(word, text, length) == 0;
}

/* --- Tokens (asm_lex.c); each fails with a located message ------------------------------------------ */

/* word := word_start word_char*; false (and no message) when there is none at the cursor. */
bool asm_scan_word(Parser *p, const char **word, uint32_t *length);
bool asm_expect_char(Parser *p, int c, const char *what);
/* An operand, index or header value: a non-negative integer that fits 32 bits. */
bool asm_scan_u32(Parser *p, const char *what, uint32_t *out);
/* string := '"' (char | escape)* '"' | "'" (char | escape)* "'" (on one line; valid UTF-8) */
bool asm_scan_string(Parser *p, ObjString **out);
/* name := word | string */
bool asm_scan_name(Parser *p, const char *what, ObjString **out);
/* constant := integer | float | string | None | True | False | inf | nan | f64:BITS | function_ref | tuple;
 * [depth] is how deep in tuples it is. */
bool asm_parse_constant(Parser *p, int depth, Value *out);

/* --- Growable arrays, pools and labels (asm_pools.c) ------------------------------------------------ */

/* Grows [*array] so that it has room for [count] + 1 items of [size] bytes. */
bool asm_reserve(Parser *p, void **array, uint32_t *capacity, uint32_t count, size_t size);
#define APPEND(p, array, count, capacity, item)                                                             \
    (asm_reserve(p, (void **)&(array), &(capacity), (count), sizeof *(array)) && ((array)[(count)++] = (item), true))

/* Appends [v] to the function's constants; with [dedup], gives the first identical constant instead
 * when there is one. */
bool asm_add_constant(Parser *p, Value v, bool dedup, uint32_t *index);
/* The same for names; locals are always appended (.locals lists them exactly). */
bool asm_add_name(Parser *p, ObjString *s, bool dedup, uint32_t *at);
bool asm_add_local(Parser *p, ObjString *s);
/* Position of the first local called [name] in [f], or -1. */
int64_t asm_find_local(const Func *f, ObjString *name);
/* The label named [word] ([length] bytes) of the current function, created unplaced on first mention. */
bool asm_find_label(Parser *p, const char *word, uint32_t length, Pos pos, uint32_t *at);
/* The first function called [name], or -1; asm_index_function records function [index] under its name
 * unless an earlier one has it. */
int64_t asm_find_function(const Parser *p, ObjString *name);
bool asm_index_function(Parser *p, ObjString *name, uint32_t index);

#endif
