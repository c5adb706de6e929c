/* object.h: the header every heap object starts with, and the slot table that gives a type its behaviour.
 *
 * Every heap object starts with an Obj (clox style): its type, the GC mark bit and a link the heap uses
 * (core/gc.c). What an object *does* is not spread over switches in the runtime: each type has one
 * TypeInfo, a table of function pointers in the type's own file (objects/<type>.c), and the generic
 * operations (repr, ==, <, hash, iteration, subscripts, attributes, calls, the collector's mark and free)
 * look the slot up and call it, as CPython's PyTypeObject and Lua's metatables do. A slot left NULL
 * means "this type does not support it", and the generic operation raises CPython's TypeError.
 *
 * To add a type: one ObjType line below, one objects/<type>.{h,c} with its struct, constructor and
 * TypeInfo, one line in objects/types.c (vm/objects/README.md has the recipe).
 */
#ifndef cpvm_object_h
#define cpvm_object_h

#include "core/strbuf.h"
#include "core/operators.h"
#include "core/value.h"

typedef struct Vm Vm;

/* Every heap type, as X(ENUM, info variable). The order is the ObjType numbering. */
#define CPVM_OBJ_TYPES(X)                                                                                 \
    X(STRING, str_type) X(LIST, list_type) X(TUPLE, tuple_type) X(CODE, code_type)                     \
    X(FUNCTION, function_type) X(BUILTIN, builtin_type) X(MODULE, module_type) X(RANGE, range_type)       \
    X(SLICE, slice_type) X(RANGE_ITER, range_iter_type) X(LIST_ITER, list_iter_type)                    \
    X(TUPLE_ITER, tuple_iter_type) X(STR_ITER, str_iter_type)                                           \
    X(DICT, dict_type) X(DICT_KEYS, dict_keys_type) X(DICT_VALUES, dict_values_type)                   \
    X(DICT_ITEMS, dict_items_type) X(DICT_KEYITER, dict_keyiter_type)                                   \
    X(DICT_VALUEITER, dict_valueiter_type) X(DICT_ITEMITER, dict_itemiter_type) X(SET, set_type)        \
    X(FROZENSET, frozenset_type) X(SET_ITER, set_iter_type) X(TYPE, type_type)                          \
    X(BOUND_METHOD, bound_method_type) X(ENUMERATE, enumerate_type) X(ZIP, zip_type) X(MAP, map_type)    \
    X(FILTER, filter_type) X(REVERSED, reversed_type) X(STREAM, stream_type) X(OBJECT, object_type)            \
    X(CALLABLE_ITER, callable_iter_type) X(BIGINT, bigint_type)                 \
    X(BYTES, bytes_type) X(BYTEARRAY, bytearray_type) X(BYTES_ITER, bytes_iter_type)                    \
    X(BIG_RANGE, big_range_type) X(BIG_RANGE_ITER, big_range_iter_type) X(CELL, cell_type) X(EXCEPTION, exception_type) X(GENERATOR, generator_type)        \
    X(ELLIPSIS, ellipsis_type) X(NOT_IMPLEMENTED, not_implemented_type)

typedef enum {
#define CPVM_OBJ_ENUM(name, info) OBJ_##name,
    CPVM_OBJ_TYPES(CPVM_OBJ_ENUM)
#undef CPVM_OBJ_ENUM
    OBJ_TYPE_COUNT
} ObjType;

struct Obj {
    ObjType type;
    bool marked; /* GC mark bit; false outside a collection */
    Obj *next;   /* large objects only: the heap's list of them (small ones live in pages, core/gc.c) */
};

/* The layouts live in objects/; code below that layer sees only the names. */
typedef struct ObjString ObjString;
typedef struct ObjList ObjList;
typedef struct ObjTuple ObjTuple;
typedef struct ObjCode ObjCode;
typedef struct ObjFunction ObjFunction;
typedef struct ObjBuiltin ObjBuiltin;
typedef struct ObjModule ObjModule;
typedef struct ObjTypeObject ObjTypeObject;
typedef struct ObjGenerator ObjGenerator;

/* A builtin's C function: [args] are the [argc] positional arguments; [kwnames] is NULL or a tuple of
 * str naming the last kwnames->count entries of args (only builtins that accept keywords look at it).
 * Returns false with an error set on the VM, else stores the result in *result. */
typedef bool (*NativeFn)(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);

/* One method of a type: what LOAD_METHOD finds by name; the object is passed as args[0]. */
typedef struct {
    const char *name;
    NativeFn fn;
    unsigned flags; /* METHOD_* bits; true in an initializer is METHOD_KEYWORDS */
} MethodDef;

/* METHOD_KEYWORDS: the function reads kwnames (else a call with keywords is "f() takes no keyword
 * arguments"). A static method (METHOD_STATIC, str.maketrans) is the function itself through the type or
 * an instance: it gets no self. A class method (METHOD_CLASS, dict.fromkeys, int.from_bytes) gets the
 * type object as args[0], through the type or an instance. objects/type.c's getattr and protocol.c's
 * method lookup honour both. */
enum { METHOD_KEYWORDS = 1 << 0, METHOD_STATIC = 1 << 1, METHOD_CLASS = 1 << 2 };

/* The collector's side of marking (core/gc.c): a type's mark slot reports what its object refers to. */
typedef struct GcMarker GcMarker;

/* How deep a recursive repr, == or < has gone: its nesting depth, and for repr the containers being
 * printed (so a list that contains itself prints as [...]). */
typedef struct ReprScope {
    const Obj *obj;
    const struct ReprScope *outer;
    int depth;
} ReprScope;

typedef struct TypeInfo {
    const char *name; /* what errors print: "list", "builtin_function_or_method" */

    /* Memory. free releases the object and everything it owns; the sweep calls it for a small object
     * only when [owns_buffers] (others just give their slot back). mark reports each object this one
     * refers to (NULL: it refers to none). */
    void (*free)(Vm *vm, Obj *obj);
    bool owns_buffers;
    void (*mark)(GcMarker *marker, Obj *obj);
    /* Finalization (PEP 442's tp_finalize): an object registered with gc_register_finalizer that the
     * collector finds unreachable while needs_finalizer says true is kept alive, and finalize runs on it
     * at the next safe point (a loop back-edge, gc.collect(), the end of the program); false with the
     * error set, which is reported as "Exception ignored in: ..." and dropped. */
    bool (*needs_finalizer)(const Obj *obj);
    bool (*finalize)(Vm *vm, Obj *obj);

    /* Text. repr is required; str NULL means str(x) is repr(x). [scope] is NULL at the top level. */
    bool (*repr)(Vm *vm, StrBuf *out, Value self, const ReprScope *scope);
    bool (*str)(Vm *vm, StrBuf *out, Value self);

    /* Comparison, called only with two objects of this type, or of two types that share the function
     * (set and frozenset, dict_keys and set, bytes and bytearray: they compare across types). equal: 1, 0,
     * or -1 on error (NULL: equal only to itself). compare: Python's a <op> b as 1/0/-1 (NULL: not
     * orderable). [depth] counts the nesting of containers, for RecursionError. hash: false with TypeError
     * when unhashable. */
    int (*equal)(Vm *vm, Value a, Value b, int depth);
    int (*compare)(Vm *vm, int op, Value a, Value b, int depth);
    bool (*hash)(Vm *vm, Value self, uint64_t *hash);
    /* Truthiness (NULL: always true) and len() (NULL: "has no len()"). */
    bool (*truthy)(Value self);
    bool (*len)(Vm *vm, Value self, int64_t *length);

    /* Containers. subscript: self[index]; store_subscript: self[index] = v, or del self[index] when v is
     * VAL_UNDEF (CPython's mp_ass_subscript with NULL); contains: item in self as
     * 1/0/-1. get_iter: iter(self); next: the next item of an iterator (1, 0 when exhausted, -1). */
    bool (*subscript)(Vm *vm, Value self, Value index, Value *result);
    bool (*store_subscript)(Vm *vm, Value self, Value index, Value v);
    int (*contains)(Vm *vm, Value self, Value item);
    bool (*get_iter)(Vm *vm, Value self, Value *iter);
    int (*next)(Vm *vm, Value self, Value *item);

    /* Sequence arithmetic (CPython's sq_concat, sq_repeat): self + other, and self * n or n * self
     * ([inplace] for += and *=, which a mutable type may do in place). */
    bool (*concat)(Vm *vm, Value self, Value other, bool inplace, Value *result);
    bool (*repeat)(Vm *vm, Value self, int64_t n, bool inplace, Value *result);
    /* self % other for a non-number (CPython's nb_remainder): str's printf-style formatting. */
    bool (*remainder)(Vm *vm, Value self, Value other, Value *result);
    /* Any other binary operator on objects (CPython's nb_or, nb_and, ...: dict | dict, set - set): [op] is
     * the BinaryOp, in-place forms included. ops/arith.c tries the left operand's slot, then the right's
     * (when it is another function), so the slot's own operand may be [a] or [b]. 1 done, 0 not supported for these
     * operands (CPython's NotImplemented: the next slot, then TypeError), -1 error. */
    int (*binary_op)(Vm *vm, int op, Value a, Value b, Value *result);

    /* Attributes other than methods (a module's names): true and *result set, or false with
     * AttributeError. NULL: the type has only its methods. */
    bool (*getattr)(Vm *vm, Value self, ObjString *name, Value *result);
    /* Calling an object of this type (builtins). Python functions are called by the interpreter. */
    bool (*call)(Vm *vm, Value *callee, int argc, ObjTuple *kwnames);
    /* Calling a type object [type] whose instances are of this ObjType and that has no constructor
     * builtin (the exception types: ValueError("x")): the arguments follow *callee, the new instance
     * replaces it. NULL: "cannot create 'X' instances". */
    bool (*construct)(Vm *vm, ObjTypeObject *type, Value *callee, int argc, ObjTuple *kwnames);
    /* type(x) for a type whose instances carry their class (an exception: its type); NULL: the ObjType's
     * type object. */
    ObjTypeObject *(*class_of)(Obj *obj);

    /* The type's methods, ended by an entry with a NULL name; NULL when it has none. */
    const MethodDef *methods;
} TypeInfo;

/* The TypeInfo of every ObjType (objects/types.c). */
extern const TypeInfo *const cpvm_types[OBJ_TYPE_COUNT];

static inline const TypeInfo *type_of_obj(const Obj *obj) { return cpvm_types[obj->type]; }

static inline bool is_obj_type(Value v, ObjType t) { return IS_OBJ(v) && AS_OBJ(v)->type == t; }

/* The stack slots a frame running [code] spans: its locals and its deepest operand stack
 * (objects/code.c; the collector needs it to find the live stack, and knows no code layout). */
uint32_t code_frame_extent(const ObjCode *code);

/* The Python type name of [v], as errors print it: "int", "str", "list", "builtin_function_or_method". */
const char *value_type_name(Value v);

#endif
