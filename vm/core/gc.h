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

/* Finalization (the TypeInfo slots needs_finalizer and finalize): gc_register_finalizer records an object
 * that may need finalizing when it dies (false on out of memory, with MemoryError set). A collection that
 * finds it unreachable while it needs finalizing keeps it (and what it refers to) alive for one more round
 * and queues it; gc_run_finalizers runs the queue at a safe point, a place where running Python code
 * cannot surprise the C code around it: a loop back-edge (vm->exec.interrupt is set to
 * CPVM_INTERRUPT_FINALIZE to get there), gc.collect(), and the end of the program. It returns false only
 * when a finalizer was stopped by Ctrl-C or --timeout (that error stays set); other errors are reported
 * through vm->print_unraisable and dropped, as CPython does. */
bool gc_register_finalizer(Vm *vm, Obj *obj);
bool gc_run_finalizers(Vm *vm);
/* The end of the program: queues every registered object that still needs finalizing, in the order they
 * were registered, and runs the queue (CPython finalizes what the program left suspended at shutdown). */
bool gc_finalize_all(Vm *vm);

/* A type's mark slot calls these for each object its object refers to (NULL pointers and non-object
 * values are skipped). They only queue the object: marking uses an explicit stack, never recursion. */
void gc_mark_object(GcMarker *marker, Obj *obj);
void gc_mark_value(GcMarker *marker, Value v);
void gc_mark_values(GcMarker *marker, const Value *values, size_t count);
void gc_mark_strings(GcMarker *marker, ObjString *const *strings, size_t count);

#endif
