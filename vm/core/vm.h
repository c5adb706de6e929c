/* vm.h: the Vm instance: its execution state, heap, globals, builtins and error state.
 *
 * There is no global mutable state in cpvm: everything a running program touches hangs off a Vm, so
 * several VMs can run in one process. The part instruction bodies touch (the value stack and its frames)
 * is the VmExec at the front (core/exec.h); the rest is here, and only C slow paths read it. Creating,
 * linking and running a VM is the embedding API (api/cpvm.h).
 */
#ifndef cpvm_vm_h
#define cpvm_vm_h

#include <stdio.h>

#include "core/errors.h"
#include "core/exec.h"
#include "core/gc.h"
#include "core/object.h"


typedef enum { JIT_OFF, JIT_AUTO, JIT_ALWAYS } JitMode;

/* A loaded program: the functions of one bytecode file, in file order. codes[0] is the module body. */
typedef struct Program {
    struct Program *next; /* every live Program of a VM is a GC root, listed from vm->programs */
    ObjString *source; /* source file name as recorded in the file */
    uint32_t count;
    ObjCode **codes; /* owned array; the codes themselves are GC objects kept alive through vm->program */
} Program;

/* A source file's text, kept for tracebacks (vm_remember_source). */
typedef struct SourceText {
    struct SourceText *next;
    char *path;   /* owned, NUL-ended */
    char *text;   /* owned copy of the bytes that were compiled */
    size_t length;
} SourceText;

typedef struct JitState JitState;
typedef struct GcPage GcPage;
typedef struct JitDebug JitDebug;

typedef struct Vm {
    /* What instruction bodies touch: the stack, the frames, the C stack limit, the interrupt flag
     * (core/exec.h). First, so that vm_exec(vm) is the Vm's own address. */
    VmExec exec;
    int recursion_limit;

    /* Globals of the running program: vm_link gives every name a slot. A slot starts as the builtin of
     * that name, or VAL_UNDEF. Slots never move once linked, so JIT code may embed their addresses. */
    uint32_t nglobals;
    uint32_t globals_capacity;
    ObjString **global_names;
    Value *global_values;
    Program *program;  /* the linked, running program */
    Program *programs; /* all programs not yet freed (GC roots): loaded, assembled or compiled */

    /* Builtin functions and modules, and the methods of lists (vm.c fills them at vm_new). */
    uint32_t nbuiltins;
    ObjString **builtin_names;
    Value *builtin_values;
    ObjModule *sys_module;
    /* Each type's methods (its TypeInfo's table) as builtin objects of this VM, made on first lookup
     * (objects/protocol.c's value_find_method); a GC root. */
    ObjBuiltin **type_methods[OBJ_TYPE_COUNT];
    /* LOAD_METHOD's lookups by type and name object, so a loop calling list.append compares no strings.
     * Keyed by the name's address, which a collection may reuse, so gc_collect empties it. */
    struct {
        ObjType type;
        ObjString *name;
        ObjBuiltin *method;
    } method_cache[16];

    /* The type object of each kind of value (objects/type.c's type_objects_init, from vm_new): what
     * type(x) returns, found by x's ValueType or, for a heap value, its ObjType. A GC root. */
    ObjTypeObject *value_type_objects[VAL_OBJ];
    ObjTypeObject *obj_type_objects[OBJ_TYPE_COUNT];

    /* Calls [fn] with [args] from C (interp/calls.c's rt_call_value, set by vm_new): the objects layer
     * (a bound method, list.sort's key=, map's function) calls Python through this hook, as the
     * collector frees machine code through free_jit_code, so it need not include interp/ (vm/README.md's
     * layers). [args] need not be rooted; *result is set on success. */
    bool (*call_value)(Vm *vm, Value fn, const Value *args, int argc, ObjTuple *kwnames, Value *result);
    /* Runs a generator (interp/generators.c's rt_resume_generator, set by vm_new): objects/generator.c's
     * slots and methods call it. [action] is a GenAction; 1 yielded, 0 returned (*result the value), -1. */
    int (*resume_generator)(Vm *vm, ObjGenerator *gen, int action, Value arg, Value *result);
    /* The end of the stack slots calls from C are using (NULL: none): above every frame's region, the
     * callee and arguments rt_call_value copied there, which the collector marks. */
    Value *c_call_top;

    /* The heap (gc.c): small objects in pages of one size class each, large ones in a list. */
    Obj *objects;                         /* large objects (every object under ASan), newest first */
    GcPage *pages[CPVM_POOL_CLASSES];     /* pages in use, by size class */
    Obj *free_slots[CPVM_POOL_CLASSES];   /* free slots by size class, in address order per page */
    char *bump[CPVM_POOL_CLASSES];        /* then the never-used slots of the class's newest page, */
    char *bump_end[CPVM_POOL_CLASSES];    /* from bump up to bump_end */
    GcPage *empty_pages;                  /* empty pages kept for reuse by any class */
    size_t empty_page_count;
    size_t page_count;                    /* pages mapped, empty ones included */
    size_t bytes_allocated; /* objects (a small one counts its whole slot) and the buffers they own */
    size_t next_gc;
    size_t max_memory; /* --max-memory in bytes; 0: no limit */
    bool gc_stress;    /* CPVM_GC_STRESS=1: collect at every allocation */
    int gc_paused;     /* > 0 while building code objects that are not yet reachable */
    /* The 128 one-character ASCII strs, made by vm_new: string_copy returns these instead of allocating
     * (as CPython does), so indexing and iterating over a str make no garbage. A GC root. */
    ObjString *single_chars[128];
    Value temp_roots[16];
    int temp_root_count;
    size_t gc_count;
    size_t gc_last_freed; /* objects the last collection freed (gc.collect()'s result) */
    bool gc_disabled;     /* gc.disable(): only what gc.isenabled() reports (this collector is the only
                           * way memory comes back, so collections still run: the README says so) */
    /* Finalization (gc.c): objects with a finalize slot that may need it, as registered (weak: the
     * collector drops the dead ones), and those found unreachable while needing it, kept alive (a root)
     * until gc_run_finalizers runs them, from [to_finalize_next] on. */
    Obj **finalizable;
    uint32_t finalizable_count, finalizable_capacity;
    Obj **to_finalize;
    uint32_t to_finalize_count, to_finalize_capacity, to_finalize_next;
    bool finalizing; /* gc_run_finalizers is running: a nested safe point leaves the list to it */
    /* Prints "Exception ignored in: <obj>" and the current error's traceback, then clears the error
     * (api/traceback.c's vm_print_unraisable, set by vm_new; CPython's sys.unraisablehook). */
    void (*print_unraisable)(Vm *vm, Obj *obj);
    /* sys.set_int_max_str_digits: the decimal digits int<->str conversions allow, 0 for no limit
     * (objects/bigint.c; CPython 3.11's default, 4300). */
    int int_max_str_digits;

    /* The error being raised (core/errors.c). C code raises by type and message (vm_raise: no allocation,
     * so raising and clearing in C stays cheap); the exception object (objects/exception.h) is made from
     * them the first time something needs it (vm_current_exception: the traceback as the error leaves a
     * frame, a handler, printing). A Python `raise` sets [exc_object] directly, and [exc] to the
     * builtin type it derives from. */
    ExcType exc;
    char exc_message[512];
    Value exc_arg;                 /* VAL_UNDEF, or the one argument the object gets (KeyError's key) */
    struct ObjException *exc_object; /* NULL until made */
    bool timed_out;                /* --timeout fired: its TimeoutError is caught by no handler */
    bool exc_reraised;             /* the error is a re-raise: leaving this frame adds no traceback line */
    /* The exception being handled (sys.exc_info(), bare `raise`, the implicit __context__ of a new one):
     * None outside handlers; PUSH_EXC_INFO and POP_EXCEPT save and restore it on the operand stack. */
    Value exc_info;
    /* The builtin exception types (objects/exception.c), by ExcType; a GC root. */
    ObjTypeObject *exc_types[EXC_COUNT_];
    struct ObjException *memory_error; /* made at start: what is raised when even that cannot be made */
    Obj *ellipsis;        /* `...` (objects/singleton.c); a GC root */
    Obj *not_implemented; /* NotImplemented; a GC root */

    /* The text of every source file this VM compiled (newest first). Tracebacks print their lines from
     * here and nowhere else: a bytecode file names its own source path and line table, and must not be
     * able to make cpvm open and print a file of its choosing (or block reading a FIFO). */
    struct SourceText *sources;

    /* Output of print(), buffered; stderr is used only for errors and --stats. */
    FILE *out;

    /* Tiering and the JIT (jit.c). */
    JitMode jit_mode;
    uint32_t jit_threshold;
    JitState *jit;
    /* Frees the machine code of a dying code object. jit_init sets it: the objects and the collector
     * below the JIT call through it and so need not include jit/ (vm/README.md's layers). */
    void (*free_jit_code)(Vm *vm, ObjCode *code);
    JitDebug *jit_debug; /* --trace-jit, --perf-map, --perf-jitdump, --gdb-jit (jit_debug.c); NULL when all off */

} Vm;
_Static_assert(offsetof(Vm, exec) == 0, "vm_exec(vm) casts a Vm * to its first member");

/* Keeps a copy of [text], the source compiled from [path], so tracebacks can show its lines. False when
 * memory runs out (the traceback then shows no source lines; nothing else changes). */
bool vm_remember_source(Vm *vm, const char *path, const char *text, size_t length);

/* Sets vm->exec.c_stack_limit for the calling thread (vm_run; tests that call into the runtime directly). */
void vm_set_c_stack_limit(Vm *vm);

/* The one allocator: every byte of the heap goes through here (gc.c). It may run the GC first.
 * Returns NULL with MemoryError set when the system or --max-memory says no. */
void *vm_reallocate(Vm *vm, void *pointer, size_t old_size, size_t new_size);
#define VM_ALLOCATE(vm, type, count) ((type *)vm_reallocate(vm, NULL, 0, sizeof(type) * (count)))
#define VM_FREE_ARRAY(vm, type, pointer, count) vm_reallocate(vm, pointer, sizeof(type) * (count), 0)

/* Protects [v] from the GC while C code holds it in a local; pops are LIFO. */
static inline void vm_push_root(Vm *vm, Value v) { vm->temp_roots[vm->temp_root_count++] = v; }
static inline void vm_pop_root(Vm *vm) { vm->temp_root_count--; }

/* Program helpers (core/vm.c). program_new registers the program as a GC root until program_free; its codes
 * start NULL and are filled in by the caller. */
Program *program_new(Vm *vm, ObjString *source, uint32_t count);
void program_free(Vm *vm, Program *program);

#endif
