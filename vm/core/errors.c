/* errors.c: raising an error and recording the traceback as it unwinds.
 *
 * An error is a type and a message on the VM (vm->exc, vm->exc_message); the traceback is a list of
 * (code, pc) pairs, one per frame the error leaves. Printing it is api/traceback.c's job: that needs
 * the layout of code objects and the source texts, which this layer does not know.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "core/vm.h"

static const char *const exception_names[] = {
    "(no error)",
#define CPVM_EXC_NAME(name, text) text,
    CPVM_EXCEPTIONS(CPVM_EXC_NAME)
#undef CPVM_EXC_NAME
};

const char *vm_exception_name(ExcType type) { return exception_names[type]; }

bool vm_raise(Vm *vm, ExcType type, const char *format, ...) {
    /* The first error wins: a MemoryError while reporting another error must not replace it. */
    if (vm->exc != EXC_NONE) return false;
    vm->exc = type;
    va_list args;
    va_start(args, format);
    vsnprintf(vm->exc_message, sizeof vm->exc_message, format, args);
    va_end(args);
    return false;
}

void vm_clear_error(Vm *vm) {
    vm->exc = EXC_NONE;
    vm->exc_message[0] = '\0';
    vm->traceback_count = 0;
}

void vm_add_traceback(Vm *vm, Frame *frame) {
    if (vm->traceback_count > 0) {
        TraceEntry *last = &vm->traceback[vm->traceback_count - 1];
        if (last->code == frame->code && last->pc == frame->pc) {
            last->count++;
            return;
        }
    }
    if (vm->traceback_count == vm->traceback_capacity) {
        uint32_t capacity = vm->traceback_capacity < 64 ? 64 : vm->traceback_capacity * 2;
        TraceEntry *entries = realloc(vm->traceback, capacity * sizeof(TraceEntry));
        if (entries == NULL) return; /* the traceback loses a line; the error itself is kept */
        vm->traceback = entries;
        vm->traceback_capacity = capacity;
    }
    vm->traceback[vm->traceback_count++] = (TraceEntry){frame->code, frame->pc, 1};
}


bool rt_interrupted(Vm *vm) {
    int why = vm->exec.interrupt;
    vm->exec.interrupt = 0;
    if (why == 2) return vm_raise(vm, EXC_TIMEOUT_ERROR, "program exceeded its --timeout");
    return vm_raise(vm, EXC_KEYBOARD_INTERRUPT, "%s", "");
}
