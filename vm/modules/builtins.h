/* builtins.h: the builtin functions and modules a new VM starts with.
 */
#ifndef cpvm_builtins_h
#define cpvm_builtins_h

#include "core/vm.h"

/* The entries of a fixed array (the tables of builtin functions). */
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Creates the builtin functions and the math, sys and gc modules; called once by vm_new (api/vm.c). */
bool builtins_init(Vm *vm);
/* The math, sys and gc modules (modules/math.c, sys.c, gc.c); NULL with MemoryError set. */
ObjModule *math_module_new(Vm *vm);
ObjModule *sys_module_new(Vm *vm);
ObjModule *gc_module_new(Vm *vm); /* modules/gc.c */
/* Puts builtin function [fn] into [module]'s [slot] as [name] (modules/builtins.c; what every module's
 * table of functions goes through). False with MemoryError set. */
bool module_set_function(Vm *vm, ObjModule *module, uint32_t slot, const char *name, NativeFn fn);
/* The builtin functions of modules/builtins_iter.c and modules/builtins_types.c, ended by a NULL name. */
extern const MethodDef builtin_iter_defs[];
extern const MethodDef builtin_type_defs[];

#endif
