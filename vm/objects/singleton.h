/* singleton.h: Ellipsis and NotImplemented, the two builtin constants that are objects of their own
 * type (objects/singleton.c). Each VM makes one of each at start (vm->ellipsis, vm->not_implemented), so
 * `x is ...` compares addresses, as in CPython.
 */
#ifndef cpvm_singleton_h
#define cpvm_singleton_h

#include "core/object.h"

/* Makes vm->ellipsis and vm->not_implemented; false with MemoryError set. */
bool singletons_init(Vm *vm);

extern const TypeInfo ellipsis_type;
extern const TypeInfo not_implemented_type;

#endif
