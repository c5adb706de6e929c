/* iter_builtins.h: the iterators the builtins enumerate, zip, map, filter, reversed and iter(f, sentinel)
 * return, one type each (objects/iter_builtins.c; their constructors are modules/builtins_iter.c).
 *
 * Each holds what it iterates over and makes its next item on demand through the next slot; map and
 * filter call their function through vm->call_value. iter(it) is it.
 */
#ifndef cpvm_iter_builtins_h
#define cpvm_iter_builtins_h

#include "core/object.h"

typedef struct {
    Obj obj;
    Value it;      /* the iterator of the iterable */
    int64_t count; /* the next index */
} ObjEnumerate;

typedef struct {
    Obj obj;
    ObjTuple *iters; /* one iterator per argument */
    bool strict;     /* zip(..., strict=True): unequal lengths are a ValueError */
    bool done;       /* exhausted: stays exhausted */
} ObjZip;

typedef struct {
    Obj obj;
    Value function;  /* map's function; filter's predicate (None: truthiness) */
    ObjTuple *iters; /* map: one iterator per iterable; filter: one */
    ObjTuple *args;  /* map: where the items of one call are gathered (rooted through the map) */
} ObjMapBuiltin;

typedef ObjMapBuiltin ObjFilter;

typedef struct {
    Obj obj;
    Value seq;     /* anything with len and subscript */
    int64_t index; /* the index of the next item; -1 when exhausted */
} ObjReversed;

/* iter(function, sentinel): calls function() until it returns the sentinel. */
typedef struct {
    Obj obj;
    Value function; /* None once exhausted */
    Value sentinel;
} ObjCallableIter;

/* Each takes iterators (not iterables: the constructor calls iter() first), already rooted by the caller
 * or not: the constructors root what they are given. NULL with an error set. */
ObjEnumerate *enumerate_new(Vm *vm, Value it, int64_t start);
ObjZip *zip_new(Vm *vm, ObjTuple *iters, bool strict);
ObjMapBuiltin *map_builtin_new(Vm *vm, ObjType type, Value function, ObjTuple *iters);
ObjReversed *reversed_new(Vm *vm, Value seq, int64_t length);
ObjCallableIter *callable_iter_new(Vm *vm, Value function, Value sentinel);

extern const TypeInfo enumerate_type, zip_type, map_type, filter_type, reversed_type, callable_iter_type;

#endif
