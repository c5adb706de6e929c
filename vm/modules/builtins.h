/* builtins.h: the builtin functions and modules a new VM starts with.
 */
#ifndef cpvm_builtins_h
#define cpvm_builtins_h

#include "core/vm.h"

/* Creates the builtin functions and the math and sys modules; called once by vm_new (api/vm.c). */
bool builtins_init(Vm *vm);
/* The math and sys modules (modules/math.c, modules/sys.c); NULL with MemoryError set. */
ObjModule *math_module_new(Vm *vm);
ObjModule *sys_module_new(Vm *vm);
/* The builtin functions of modules/builtins_iter.c and modules/builtins_types.c, ended by a NULL name. */
extern const MethodDef builtin_iter_defs[];
extern const MethodDef builtin_type_defs[];

#endif
