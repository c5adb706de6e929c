/* gc.h: the heap: allocating objects, collecting garbage, and what a type's mark slot reports through.
 */
#ifndef cpvm_gc_h
#define cpvm_gc_h

#include "core/object.h"

void gc_collect(Vm *vm);
/* A zeroed heap object of [size] bytes and [type], known to the sweep, and the release of its memory
 * (the objects/ files only). Small objects come from pages of same-size slots, which spares malloc the str, tuple
 * and iterator churn of a typical program and lets the sweep walk memory in order. */
Obj *gc_allocate_object(Vm *vm, size_t size, ObjType type);
void gc_free_object(Vm *vm, void *object, size_t size);
/* Frees every object and returns the pages to the system (vm_free). */
void gc_free_heap(Vm *vm);

/* A type's mark slot calls these for each object its object refers to (NULL pointers and non-object
 * values are skipped). They only queue the object: marking uses an explicit stack, never recursion. */
void gc_mark_object(GcMarker *marker, Obj *obj);
void gc_mark_value(GcMarker *marker, Value v);
void gc_mark_values(GcMarker *marker, const Value *values, size_t count);
void gc_mark_strings(GcMarker *marker, ObjString *const *strings, size_t count);

#endif
