/* exception.h: exception objects and the builtin exception types (objects/exception.c).
 *
 * An exception is an instance of a type object that derives from BaseException: its type, its args
 * tuple, the exceptions it chains to (__context__: the one being handled when it was raised; __cause__:
 * `raise X from Y`) and the traceback lines it collected while it unwound. The builtin types are made
 * per VM from errors.h's CPVM_EXCEPTIONS (vm->exc_types); a user-defined exception class will be just
 * another type object deriving from them, since matching is by subtype (exception_matches).
 */
#ifndef cpvm_exception_h
#define cpvm_exception_h

#include "core/errors.h"
#include "core/object.h"

/* One line of a traceback, recorded as an exception leaves a frame (innermost first). A run of identical
 * lines (deep recursion) is one entry with a count, so a RecursionError needs no memory per frame. */
typedef struct {
    ObjCode *code;
    uint32_t pc; /* the frame's pc: past the instruction that raised or called */
    uint64_t count;
} TraceEntry;

typedef struct ObjException {
    Obj obj;
    ObjTypeObject *type;   /* its class: a BaseException subtype */
    ExcType kind;          /* the builtin type it is or derives from (what C code tests, vm->exc) */
    ObjTuple *args;
    Value context, cause;  /* None when unset */
    bool suppress_context; /* set by `raise ... from`: the traceback does not print the context */
    TraceEntry *traceback; /* owned (malloc), innermost first */
    uint32_t traceback_count, traceback_capacity;
} ObjException;

#define IS_EXCEPTION(v) is_obj_type(v, OBJ_EXCEPTION)
#define AS_EXCEPTION(v) ((ObjException *)AS_OBJ(v))

/* Makes vm->exc_types, the builtin exception types (from builtins_init, with the GC paused, after
 * type_objects_init), and the spare MemoryError. */
bool exception_types_init(Vm *vm);
/* A new exception of [type] with [args] (NULL: no arguments); NULL with MemoryError set. */
ObjException *exception_new(Vm *vm, ObjTypeObject *type, ObjTuple *args);
/* True when [type] derives from BaseException. */
bool exception_is_type(Vm *vm, Value type);
/* The current error as an object, made from vm_raise's type and message the first time (with its
 * __context__, the exception being handled); NULL when no error is set. */
ObjException *exception_current(Vm *vm);
/* A new error [exc] raised while another is being handled gets that one as its __context__. */
void exception_chain_context(Vm *vm, ObjException *exc);
/* Makes [exc] the current error (RAISE_VARARGS, RERAISE): vm->exc becomes its builtin kind. */
void exception_set_current(Vm *vm, ObjException *exc);
/* str(e) into [b]: '' for no arguments, str(arg) for one (KeyError: repr(arg)), else repr(args). */
bool exception_write_str(Vm *vm, StrBuf *b, ObjException *exc);

extern const TypeInfo exception_type;

#endif
