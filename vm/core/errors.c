/* errors.c: raising an error and recording the traceback as it unwinds.
 *
 * An error raised from C is a type and a message on the VM (vm->exc, vm->exc_message), and no
 * allocation; objects/exception.c turns it into an exception object when one is needed. Printing it is
 * api/traceback.c's job: that needs the layout of code objects and the source texts.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "core/gc.h"
#include "core/vm.h"

/* vm_exception_name, vm_add_traceback and making the exception object live in objects/exception.c,
 * which knows the object's layout. */

static void set_error(Vm *vm, ExcType type, const char *format, va_list args) {
    vm->exc = type;
    vm->exc_object = NULL;
    vm->exc_arg = undef_value();
    vm->exc_reraised = false;
    vsnprintf(vm->exc_message, sizeof vm->exc_message, format, args);
}

bool vm_raise(Vm *vm, ExcType type, const char *format, ...) {
    /* The first error wins: a MemoryError while reporting another error must not replace it. */
    if (vm->exc != EXC_NONE) return false;
    va_list args;
    va_start(args, format);
    set_error(vm, type, format, args);
    va_end(args);
    return false;
}

bool vm_raise_with_arg(Vm *vm, ExcType type, Value arg, const char *format, ...) {
    if (vm->exc != EXC_NONE) return false;
    va_list args;
    va_start(args, format);
    set_error(vm, type, format, args);
    va_end(args);
    vm->exc_arg = arg;
    return false;
}

void vm_clear_error(Vm *vm) {
    vm->exc = EXC_NONE;
    vm->exc_message[0] = '\0';
    vm->exc_object = NULL;
    vm->exc_arg = undef_value();
    vm->exc_reraised = false;
}

bool rt_interrupted(Vm *vm) {
    int why = vm->exec.interrupt;
    if (why == CPVM_INTERRUPT_FINALIZE) return true; /* not a safe point: the next back-edge runs them */
    vm->exec.interrupt = 0;
    if (why == 2) vm->timed_out = true;
    if (why == 2) return vm_raise(vm, EXC_TIMEOUT_ERROR, "program exceeded its --timeout");
    return vm_raise(vm, EXC_KEYBOARD_INTERRUPT, "%s", "");
}

bool rt_loop_interrupt(Vm *vm) {
    if (!__sync_bool_compare_and_swap(&vm->exec.interrupt, CPVM_INTERRUPT_FINALIZE, 0)) return rt_interrupted(vm);
    return gc_run_finalizers(vm);
}
