/* code.h: a compiled function body, what a bytecode file stores for each function (objects/code.c).
 */
#ifndef cpvm_code_h
#define cpvm_code_h

#include "core/object.h"

/* One line-table entry: instructions from [offset] on belong to source line [line], until the next entry. */
typedef struct {
    uint32_t offset;
    uint32_t line;
} LineEntry;

/* One entry of a code object's exception table (CPython 3.11's "zero-cost" exceptions: nothing runs on
 * entering a try, the table is read only when an error happens). An error raised by an instruction in
 * [start, end) enters the handler at [target] with the operand stack cut to [depth] values and the
 * exception pushed. Entries are sorted and do not overlap (each instruction has at most one handler: the
 * innermost); the verifier checks that, and that every handler lies after its range. */
typedef struct {
    uint32_t start, end, target, depth;
} ExcEntry;

/* A compiled function body; what a bytecode file stores for each function. Trusted only after the
 * verifier (verify.c) has accepted it: interp.c and jit.c rely on every operand being in range and on
 * the stack never exceeding [max_stack]. */
struct ObjCode {
    Obj obj;
    ObjString *name;
    ObjString *source;   /* source file name, for tracebacks */
    uint32_t index;      /* position in the module's function table (file order) */
    uint32_t nparams;    /* positional parameters (positional-only ones included); they are the first locals */
    uint32_t ndefaults;  /* how many trailing positional parameters have defaults */
    uint32_t nposonly;   /* how many of the positional parameters are positional-only (before `/`) */
    uint32_t nkwonly;    /* keyword-only parameters: the locals right after the positional ones */
    uint32_t flags;      /* CODE_VARARGS, CODE_VARKW, CODE_GENERATOR (below) */
    /* Derived by code_finish_params from the fields above, for the call paths. */
    uint32_t nparam_slots; /* locals the parameters fill: nparams + nkwonly + one per flag */
    uint32_t fast_argc;    /* nparams when a call with exactly that many positional arguments needs no binding
                              (no keyword-only parameters, no *args or **kwargs), else UINT32_MAX */
    uint32_t nlocals;    /* parameters included */
    uint32_t max_stack;  /* deepest operand stack on any path, proven by the verifier */
    uint32_t nconsts, nnames, code_length, nlines;
    ObjString **local_names; /* nlocals, owned array */
    Value *consts;           /* nconsts, owned array; a nested function is an ObjCode constant */
    ObjString **names;       /* nnames, owned array: globals and attribute names */
    uint32_t *global_slots;  /* nnames, owned: name index -> slot in vm->globals, filled by vm_link */
    uint8_t *code;           /* code_length bytes, owned, followed by 4 zero bytes of padding */
    LineEntry *lines;        /* nlines, owned, offsets strictly increasing */
    ExcEntry *exc_table;     /* nexc entries, owned, sorted by start */
    uint32_t nexc;
    /* Tiering state, owned by interp.c and jit.c. */
    uint32_t hotness;        /* calls + loop back-edges seen by the interpreter */
    struct JitCode *jit;     /* compiled machine code, or NULL */
};


#define IS_CODE(v) is_obj_type(v, OBJ_CODE)
#define AS_CODE(v) ((ObjCode *)AS_OBJ(v))

/* flags: CODE_DOCSTRING says constant 0 is the function's docstring (a str: the verifier checks);
 * CODE_VARARGS and CODE_VARKW say a *args and a **kwargs local follow the keyword-only ones;
 * CODE_GENERATOR marks a generator function (its body yields): calling one makes a generator object
 * instead of running the body (objects/generator.h), and only its code may contain YIELD_VALUE and SEND
 * (the verifier checks). */
enum { CODE_VARARGS = 1, CODE_VARKW = 2, CODE_GENERATOR = 4, CODE_DOCSTRING = 8, CODE_FLAGS_ALL = 15 };

ObjCode *code_new(Vm *vm); /* all fields zero; the caller fills the arrays */
/* The function's own name, what a traceback shows: [name] is its qualified name (outer.<locals>.inner,
 * what CPython's error messages and reprs show), and this is the part after its last dot. */
const char *code_short_name(const ObjCode *code);
/* Sets the derived parameter fields once nparams, nkwonly and flags are known. */
void code_finish_params(ObjCode *code);
/* Source line of the instruction that contains byte [pc] of [code], from its line table; 0 when unknown.
 * For a frame, pass frame->pc - 1 (its pc is past the current instruction). */
uint32_t code_line_at(const ObjCode *code, uint32_t pc);

/* True when an exception table entry of [code] has its handler at [pc]. */
bool code_is_handler(const ObjCode *code, uint32_t pc);
/* The exception table entry whose range holds byte [offset] of [code], or NULL. */
const ExcEntry *code_find_handler(const ObjCode *code, uint32_t offset);

extern const TypeInfo code_type;

#endif
