/* codegen.h: building the bytecode of one function, then a whole Program.
 *
 * compiler.c walks the syntax tree and calls these to emit instructions, jumps to labels, constants and
 * names; each instruction carries the source line it came from. Code that cannot run is never emitted:
 * after a terminator (return, jump) the builder drops instructions until a label that some jump targets
 * is bound, so every emitted instruction is reachable, as the verifier and JIT expect. All of this is
 * plain malloc'd scratch until codegen_build_program turns the builders into GC objects.
 */
#ifndef cpvm_codegen_h
#define cpvm_codegen_h

#include "core/map.h"
#include "core/vm.h"

/* A constant before it becomes a Value; [kind] is a bytecode.h CONST_* tag. */
typedef struct {
    int kind;
    int64_t i;
    double f;
    const char *s; /* CONST_STR, CONST_BYTES, CONST_BIGINT (the literal's text): [length] bytes; not owned (the arena's) */
    uint32_t length;
    uint32_t code_index;        /* CONST_CODE: position of the function in the program */
    const char *const *strings; /* CONST_TUPLE: a tuple of [length] str constants (keyword names) */
} ConstEntry;

/* An ordered set of strings with a hash index, for names, locals and the compiler's scope sets (a
 * generated program may have thousands of globals, so lookups must not be linear). */
typedef struct {
    const char **items; /* in insertion order; the strings are not owned */
    uint32_t count, capacity;
    Map index; /* key: an item's position (an int), hashed by its string; malloc'd */
} NameTable;

/* Index of [name], or -1. */
int64_t nametable_find(const NameTable *table, const char *name);
/* Index of [name], added when new; -1 when memory runs out. */
int64_t nametable_add(NameTable *table, const char *name);
void nametable_free(NameTable *table);

/* A jump target. Jumps emitted before it is bound are patched by codegen_bind. */
typedef struct {
    int64_t offset; /* -1 until bound */
    uint32_t *patches; /* operand offsets of forward jumps to it */
    uint32_t npatches, capacity;
} Label;

typedef struct {
    const char *name;
    uint32_t nparams, ndefaults; /* positional parameters, and how many of them have defaults */
    uint32_t nposonly, nkwonly, flags; /* as in ObjCode (objects/code.h) */
    uint8_t *code;
    uint32_t length, capacity;
    LineEntry *lines;
    uint32_t nlines, lines_capacity;
    ConstEntry *consts;
    uint32_t nconsts, consts_capacity;
    Map const_index; /* over consts, as in NameTable */
    NameTable names;  /* globals and attribute names */
    NameTable locals; /* parameters first */
    /* Exception handlers (compile_try.c): each handler's offset by id (-1 until bound), the one covering
     * the code being emitted now (-1: none) with the stack depth it is entered at, and the regions of
     * code that share a handler, from which fill_code makes the exception table. */
    int64_t *handlers;
    uint32_t nhandlers, handlers_capacity;
    int32_t handler;
    uint32_t handler_depth;
    struct HandlerRegion *regions;
    uint32_t nregions, regions_capacity;
    bool is_generator; /* the body yields (compile_gen.c): the code gets CODE_GENERATOR */
    bool reachable; /* false after a terminator until a targeted label (or a handler) is bound */
    bool failed;    /* malloc failed; everything after is dropped */
} FuncBuilder;

void codegen_init(FuncBuilder *fb, const char *name);
void codegen_free(FuncBuilder *fb);

/* Appends instruction [op] (with operand [arg] if it has one) from source [line]. */
void codegen_emit(FuncBuilder *fb, uint32_t line, int op, uint32_t arg);
/* Appends jump [op] to [label]: a bound label must be behind (JUMP_BACKWARD); others are patched later. */
void codegen_emit_jump(FuncBuilder *fb, uint32_t line, int op, Label *label);
/* Makes [label] point at the next instruction. */
void codegen_bind(FuncBuilder *fb, Label *label);
void label_init(Label *label);
void label_free(Label *label);

/* A new exception handler; its id for codegen_set_handler and codegen_bind_handler (-1 out of memory). */
int32_t codegen_new_handler(FuncBuilder *fb);
/* Instructions emitted from now on are covered by handler [id] (-1: by none), entered with [depth]
 * values on the operand stack under the exception. */
void codegen_set_handler(FuncBuilder *fb, int32_t id, uint32_t depth);
/* Makes handler [id] start at the next instruction (reachable: the exception table leads there). */
void codegen_bind_handler(FuncBuilder *fb, int32_t id);

/* Index of a constant, name or local, added when new. Locals return -1 when absent (codegen_find_local). */
uint32_t codegen_const(FuncBuilder *fb, const ConstEntry *entry);
uint32_t codegen_name(FuncBuilder *fb, const char *name);
int64_t codegen_find_local(const FuncBuilder *fb, const char *name);
uint32_t codegen_add_local(FuncBuilder *fb, const char *name);

/* Makes the Program: one ObjCode per builder (funcs[0] is the module body), with max_stack computed and
 * every function verified. Returns NULL with a message in [error] if that fails (out of memory, or a
 * compiler bug the verifier caught). */
Program *codegen_build_program(Vm *vm, FuncBuilder **funcs, uint32_t count, const char *filename, char *error,
                               size_t error_size);

#endif
