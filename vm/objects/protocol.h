/* protocol.h: the generic operations on any value, which dispatch through the TypeInfo slots
 * (objects/protocol.c), as CPython's Objects/abstract.c and object.c do.
 *
 * None, bool, int and float are not heap objects: each operation handles them first (objects/number.c
 * has their rules), then looks up the object's slot. Every function returns false (or -1) with an error
 * set on the VM when it fails; a slot the type leaves NULL gives CPython's TypeError.
 */
#ifndef cpvm_protocol_h
#define cpvm_protocol_h

#include "core/object.h"

/* Python's truthiness, bool(v): empty containers and zeros are false. */
bool value_bool(Value v);
/* str(v) and repr(v) appended to [b]; [scope] is the containers being printed (NULL at the top). */
bool value_write_str(Vm *vm, StrBuf *b, Value v);
bool value_write_repr(Vm *vm, StrBuf *b, Value v);
bool value_write_repr_in(Vm *vm, StrBuf *b, Value v, const ReprScope *scope);
/* str(v) as a new string object. */
ObjString *value_to_string(Vm *vm, Value v);

/* a == b as 1 or 0, -1 on error. value_equal_items is CPython's PyObject_RichCompareBool(a, b, ==):
 * identity first, then ==; containers compare their items that way. [depth]: nesting, for RecursionError. */
int value_equal(Vm *vm, Value a, Value b, int depth);
int value_equal_items(Vm *vm, Value a, Value b, int depth);
/* a <op> b (op a CompareOp) as 1 or 0, -1 with an error set. */
int value_compare(Vm *vm, int op, Value a, Value b, int depth);
/* RecursionError (and true) when a recursive ==, < or repr is [depth] levels deep or the C stack is low. */
bool value_nesting_too_deep(Vm *vm, int depth, const char *what);
/* hash(v): false with TypeError for an unhashable value. */
bool value_hash(Vm *vm, Value v, uint64_t *hash);
/* len(v): false with TypeError when it has none. */
bool value_len(Vm *vm, Value v, int64_t *length);

/* v[index], v[index] = item (del v[index] when item is VAL_UNDEF), item in v (1/0/-1). */
bool value_subscript(Vm *vm, Value v, Value index, Value *result);
bool value_store_subscript(Vm *vm, Value v, Value index, Value item);
int value_contains(Vm *vm, Value v, Value item);
/* iter(v), and the next item of iterator [it]: 1 and *item set, 0 when exhausted, -1 on error. */
bool value_get_iter(Vm *vm, Value v, Value *iter);
int value_next(Vm *vm, Value it, Value *item);
/* True when v can be iterated (iter(v) would succeed). */
bool value_is_iterable(Value v);

/* v.name: the type's getattr slot (a module's names, a type's methods), else one of its methods bound to
 * v (a new bound method object: `push = stack.append`). */
bool value_getattr(Vm *vm, Value v, ObjString *name, Value *result);
/* What a method call v.name(...) calls, as the pair LOAD_METHOD leaves for CALL_METHOD: pair[0] = an
 * ordinary method of v's type (a builtin taking v first) and pair[1] = v; or pair[0] = VAL_UNDEF and
 * pair[1] = v.name as value_getattr finds it (a module's function, a type's method, a static or class
 * method). False with AttributeError when there is none. */
bool value_find_method(Vm *vm, Value v, ObjString *name, Value *pair);
/* The builtin object for method [index] of [methods], the table of [type], cached per VM (a GC root). */
ObjBuiltin *type_method_object(Vm *vm, ObjType type, const MethodDef *methods, uint32_t index);

#endif
