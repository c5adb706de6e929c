/* object.h: heap objects.
 *
 * Every heap object starts with an Obj header (clox style): its type, the GC mark bit and the link in
 * the VM's list of all objects (gc.c sweeps that list). Objects are created only through the object_new_*
 * functions, which go through the VM's one allocator (gc.c) and so may run the GC: any object the caller
 * holds only in a C variable must be protected with vm_push_root/vm_pop_root first.
 * A new_* function returns NULL when memory runs out, with MemoryError set on the VM.
 */
#ifndef cpvm_object_h
#define cpvm_object_h

#include "core/value.h"

typedef struct Vm Vm;

typedef enum {
    OBJ_STRING,
    OBJ_LIST,
    OBJ_TUPLE,
    OBJ_CODE,     /* a compiled function body (immutable, lives in a module's constants) */
    OBJ_FUNCTION, /* a code object plus its default values: what `def` creates */
    OBJ_BUILTIN,  /* a function written in C (print, len, list.append, math.sqrt, ...) */
    OBJ_MODULE,   /* math, sys: a name and a list of attributes */
    OBJ_RANGE,
    OBJ_ITER, /* an iterator over a list, tuple, str or range */
    OBJ_SLICE,
} ObjType;

struct Obj {
    ObjType type;
    bool marked; /* GC mark bit; false outside a collection */
    Obj *next;   /* all objects of a VM, newest first */
};

/* A str: immutable UTF-8 bytes. [length] counts bytes and [char_count] code points; they are equal when
 * the string is ASCII, which makes indexing O(1); other strings index by walking. chars is NUL-ended. */
typedef struct {
    Obj obj;
    uint32_t hash; /* FNV-1a of the bytes, computed on first use by string_hash; 0 until then */
    uint32_t length;
    uint32_t char_count;
    char chars[];
} ObjString;

typedef struct {
    Obj obj;
    uint32_t count;
    uint32_t capacity;
    Value *items; /* owned; capacity slots */
} ObjList;

typedef struct {
    Obj obj;
    uint32_t count;
    Value items[];
} ObjTuple;

/* One line-table entry: instructions from [offset] on belong to source line [line], until the next entry. */
typedef struct {
    uint32_t offset;
    uint32_t line;
} LineEntry;

/* A compiled function body; what a bytecode file stores for each function. Trusted only after the
 * verifier (verify.c) has accepted it: interp.c and jit.c rely on every operand being in range and on
 * the stack never exceeding [max_stack]. */
typedef struct ObjCode {
    Obj obj;
    ObjString *name;
    ObjString *source;   /* source file name, for tracebacks */
    uint32_t index;      /* position in the module's function table (file order) */
    uint32_t nparams;    /* positional parameters; they are the first locals */
    uint32_t ndefaults;  /* how many trailing parameters have defaults */
    uint32_t nlocals;    /* parameters included */
    uint32_t max_stack;  /* deepest operand stack on any path, proven by the verifier */
    uint32_t nconsts, nnames, code_length, nlines;
    ObjString **local_names; /* nlocals, owned array */
    Value *consts;           /* nconsts, owned array; a nested function is an ObjCode constant */
    ObjString **names;       /* nnames, owned array: globals and attribute names */
    uint32_t *global_slots;  /* nnames, owned: name index -> slot in vm->globals, filled by vm_link */
    uint8_t *code;           /* code_length bytes, owned, followed by 4 zero bytes of padding */
    LineEntry *lines;        /* nlines, owned, offsets strictly increasing */
    /* Tiering state, owned by interp.c and jit.c. */
    uint32_t hotness;        /* calls + loop back-edges seen by the interpreter */
    struct JitCode *jit;     /* compiled machine code, or NULL */
} ObjCode;

typedef struct {
    Obj obj;
    ObjCode *code;
    ObjTuple *defaults; /* code->ndefaults values, or NULL when there are none */
} ObjFunction;

/* A builtin's C function: [args] are the [argc] positional arguments; [kwnames] is NULL or a tuple of
 * str naming the last kwnames->count entries of args (only builtins that accept keywords look at it).
 * Returns false with an error set on the VM, else stores the result in *result. */
typedef bool (*NativeFn)(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);

typedef struct {
    Obj obj;
    const char *name; /* static string: "print", "append" */
    NativeFn fn;
    bool accepts_keywords;
} ObjBuiltin;

typedef struct {
    Obj obj;
    ObjString *name;
    uint32_t count;
    ObjString **attr_names; /* owned array */
    Value *attr_values;     /* owned array */
} ObjModule;

typedef struct {
    Obj obj;
    int64_t start, stop, step; /* step != 0 */
} ObjRange;

typedef struct {
    Obj obj;
    Value seq;     /* the list, tuple or str being walked; None for a range */
    int64_t index; /* next index (byte offset for non-ASCII str); for a range, the next value */
    int64_t stop, step;  /* for a range */
} ObjIter;

typedef struct {
    Obj obj;
    Value start, stop, step; /* each an int or None */
} ObjSlice;

static inline bool is_obj_type(Value v, ObjType t) { return IS_OBJ(v) && AS_OBJ(v)->type == t; }
#define IS_STRING(v) is_obj_type(v, OBJ_STRING)
#define IS_LIST(v) is_obj_type(v, OBJ_LIST)
#define IS_TUPLE(v) is_obj_type(v, OBJ_TUPLE)
#define IS_CODE(v) is_obj_type(v, OBJ_CODE)
#define IS_FUNCTION(v) is_obj_type(v, OBJ_FUNCTION)
#define IS_BUILTIN(v) is_obj_type(v, OBJ_BUILTIN)
#define IS_MODULE(v) is_obj_type(v, OBJ_MODULE)
#define IS_RANGE(v) is_obj_type(v, OBJ_RANGE)
#define IS_ITER(v) is_obj_type(v, OBJ_ITER)
#define IS_SLICE(v) is_obj_type(v, OBJ_SLICE)

#define AS_STRING(v) ((ObjString *)AS_OBJ(v))
#define AS_LIST(v) ((ObjList *)AS_OBJ(v))
#define AS_TUPLE(v) ((ObjTuple *)AS_OBJ(v))
#define AS_CODE(v) ((ObjCode *)AS_OBJ(v))
#define AS_FUNCTION(v) ((ObjFunction *)AS_OBJ(v))
#define AS_BUILTIN(v) ((ObjBuiltin *)AS_OBJ(v))
#define AS_MODULE(v) ((ObjModule *)AS_OBJ(v))
#define AS_RANGE(v) ((ObjRange *)AS_OBJ(v))
#define AS_ITER(v) ((ObjIter *)AS_OBJ(v))
#define AS_SLICE(v) ((ObjSlice *)AS_OBJ(v))

/* Constructors (object.c). Strings: copy_ copies [chars]; the bytes must be valid UTF-8 (callers that read
 * untrusted bytes check with utf8_is_valid of core/unicode.h first). */
ObjString *string_copy(Vm *vm, const char *chars, size_t length);
ObjString *string_from_cstr(Vm *vm, const char *cstr);
/* a + b: no scratch buffer and no UTF-8 check (two valid strings make a valid one). */
ObjString *string_concat(Vm *vm, const ObjString *a, const ObjString *b);
bool string_equal(const ObjString *a, const ObjString *b);
/* The hash of [s], computed once on first use (most strings are never hashed). */
uint32_t string_hash(ObjString *s);
uint32_t hash_bytes(const char *chars, size_t length);
ObjList *list_new(Vm *vm, uint32_t capacity);
bool list_append(Vm *vm, ObjList *list, Value v);
ObjTuple *tuple_new(Vm *vm, uint32_t count); /* items start as None */
ObjCode *code_new(Vm *vm);                  /* all fields zero; the caller fills the arrays */
ObjFunction *function_new(Vm *vm, ObjCode *code, ObjTuple *defaults);
ObjBuiltin *builtin_new(Vm *vm, const char *name, NativeFn fn, bool accepts_keywords);
ObjModule *module_new(Vm *vm, ObjString *name, uint32_t count);
ObjRange *range_new(Vm *vm, int64_t start, int64_t stop, int64_t step);
ObjIter *iter_new(Vm *vm, Value seq);
ObjSlice *slice_new(Vm *vm, Value start, Value stop, Value step);
/* Frees the memory of one object (gc.c's sweep and vm_free call it). */
void object_free(Vm *vm, Obj *obj);

/* The Python type name of [v], as errors print it: "int", "str", "list", "builtin_function_or_method". */
const char *value_type_name(Value v);

#endif
