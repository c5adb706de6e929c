/* builtins.h: the builtin functions and modules a new VM starts with.
 */
#ifndef cpvm_builtins_h
#define cpvm_builtins_h

#include "core/vm.h"

/* Creates the builtin functions and the math and sys modules; called once by vm_new (api/vm.c). */
bool builtins_init(Vm *vm);

#endif
