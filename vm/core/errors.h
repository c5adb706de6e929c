/* errors.h: the error state every phase reports through, and tracebacks.
 *
 * A failing function sets the VM's one current error (vm_raise) and returns false (or NULL, or -1); its
 * callers pass the failure up. As the error leaves each frame, vm_add_traceback records one line, and
 * vm_print_error prints them the way CPython does (core/errors.c).
 */
#ifndef cpvm_errors_h
#define cpvm_errors_h

#include <stdio.h>

#include "core/exec.h"

/* Python's exception types that cpvm can raise, with the names tracebacks print. */
#define CPVM_EXCEPTIONS(X)                                                                                \
    X(TYPE_ERROR, "TypeError") X(VALUE_ERROR, "ValueError") X(ZERO_DIVISION_ERROR, "ZeroDivisionError")   \
    X(OVERFLOW_ERROR, "OverflowError") X(INDEX_ERROR, "IndexError") X(NAME_ERROR, "NameError")            \
    X(UNBOUND_LOCAL_ERROR, "UnboundLocalError") X(RECURSION_ERROR, "RecursionError")                     \
    X(MEMORY_ERROR, "MemoryError") X(ATTRIBUTE_ERROR, "AttributeError") X(ASSERTION_ERROR, "AssertionError") \
    X(KEYBOARD_INTERRUPT, "KeyboardInterrupt") X(TIMEOUT_ERROR, "TimeoutError") X(KEY_ERROR, "KeyError")      \
    X(RUNTIME_ERROR, "RuntimeError") X(STOP_ITERATION, "StopIteration") X(LOOKUP_ERROR, "LookupError")         \
    X(UNICODE_ENCODE_ERROR, "UnicodeEncodeError") X(UNICODE_DECODE_ERROR, "UnicodeDecodeError")

typedef enum {
    EXC_NONE,
#define CPVM_EXC_ENUM(name, text) EXC_##name,
    CPVM_EXCEPTIONS(CPVM_EXC_ENUM)
#undef CPVM_EXC_ENUM
} ExcType;

/* Sets the current error; always returns false so callers can `return vm_raise(...)`. */
bool vm_raise(Vm *vm, ExcType type, const char *format, ...) __attribute__((format(printf, 3, 4)));
const char *vm_exception_name(ExcType type);
void vm_clear_error(Vm *vm);
/* Records that the error passes out of [frame] at its pc (one traceback line). */
void vm_add_traceback(Vm *vm, Frame *frame);
/* A loop back-edge, a call or a long loop in C saw vm_exec(vm)->interrupt set: clears it and raises
 * KeyboardInterrupt (Ctrl-C) or TimeoutError (--timeout). Always false. */
bool rt_interrupted(Vm *vm);
/* Prints the traceback and "Type: message" of the current error to [out]. */
void vm_print_error(Vm *vm, FILE *out);

#endif
