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

/* The builtin exception types, as X(ENUM, "Name", BASE): CPython 3.11's hierarchy, each base before the
 * types deriving from it (objects/exception.c makes a type object per line, in this order). BASE NONE
 * means object. Code in C raises one by its enum (vm_raise); matching in `except` is by subtype of the
 * type objects, never by this enum, so a user-defined subclass is matched like a builtin one. */
#define CPVM_EXCEPTIONS(X)                                                                                \
    X(BASE_EXCEPTION, "BaseException", NONE) X(SYSTEM_EXIT, "SystemExit", BASE_EXCEPTION)                 \
    X(KEYBOARD_INTERRUPT, "KeyboardInterrupt", BASE_EXCEPTION) X(GENERATOR_EXIT, "GeneratorExit", BASE_EXCEPTION) \
    X(EXCEPTION, "Exception", BASE_EXCEPTION)                                                             \
    X(ARITHMETIC_ERROR, "ArithmeticError", EXCEPTION) X(ZERO_DIVISION_ERROR, "ZeroDivisionError", ARITHMETIC_ERROR) \
    X(OVERFLOW_ERROR, "OverflowError", ARITHMETIC_ERROR) X(FLOATING_POINT_ERROR, "FloatingPointError", ARITHMETIC_ERROR) \
    X(LOOKUP_ERROR, "LookupError", EXCEPTION) X(INDEX_ERROR, "IndexError", LOOKUP_ERROR)                  \
    X(KEY_ERROR, "KeyError", LOOKUP_ERROR) X(VALUE_ERROR, "ValueError", EXCEPTION)                        \
    X(UNICODE_ERROR, "UnicodeError", VALUE_ERROR) X(UNICODE_ENCODE_ERROR, "UnicodeEncodeError", UNICODE_ERROR) \
    X(UNICODE_DECODE_ERROR, "UnicodeDecodeError", UNICODE_ERROR) X(NAME_ERROR, "NameError", EXCEPTION)   \
    X(UNBOUND_LOCAL_ERROR, "UnboundLocalError", NAME_ERROR) X(RUNTIME_ERROR, "RuntimeError", EXCEPTION)  \
    X(RECURSION_ERROR, "RecursionError", RUNTIME_ERROR) X(NOT_IMPLEMENTED_ERROR, "NotImplementedError", RUNTIME_ERROR) \
    X(STOP_ITERATION, "StopIteration", EXCEPTION) X(TYPE_ERROR, "TypeError", EXCEPTION)                   \
    X(ATTRIBUTE_ERROR, "AttributeError", EXCEPTION) X(ASSERTION_ERROR, "AssertionError", EXCEPTION)       \
    X(MEMORY_ERROR, "MemoryError", EXCEPTION) X(OS_ERROR, "OSError", EXCEPTION)                           \
    X(TIMEOUT_ERROR, "TimeoutError", OS_ERROR) X(FILE_NOT_FOUND_ERROR, "FileNotFoundError", OS_ERROR)     \
    X(IMPORT_ERROR, "ImportError", EXCEPTION) X(MODULE_NOT_FOUND_ERROR, "ModuleNotFoundError", IMPORT_ERROR) \
    X(EOF_ERROR, "EOFError", EXCEPTION) X(SYSTEM_ERROR, "SystemError", EXCEPTION)                         \
    X(BUFFER_ERROR, "BufferError", EXCEPTION) X(REFERENCE_ERROR, "ReferenceError", EXCEPTION)

typedef enum {
    EXC_NONE,
#define CPVM_EXC_ENUM(name, text, base) EXC_##name,
    CPVM_EXCEPTIONS(CPVM_EXC_ENUM)
#undef CPVM_EXC_ENUM
    EXC_COUNT_
} ExcType;

/* Sets the current error; always returns false so callers can `return vm_raise(...)`. */
bool vm_raise(Vm *vm, ExcType type, const char *format, ...) __attribute__((format(printf, 3, 4)));
const char *vm_exception_name(ExcType type);
void vm_clear_error(Vm *vm);
/* Records that the error passes out of [frame] at its pc (one traceback line on the current exception
 * object), unless the error is a re-raise (vm->exc_reraised: RERAISE, bare `raise`), which adds none. */
void vm_add_traceback(Vm *vm, Frame *frame);
/* KeyError(key) and the like: raises [type] with [arg] as its one argument (str(e) is the message
 * [format] makes, kept for the C API's callers). */
bool vm_raise_with_arg(Vm *vm, ExcType type, Value arg, const char *format, ...) __attribute__((format(printf, 4, 5)));
/* A call or a long loop in C saw vm_exec(vm)->interrupt set: clears it and raises KeyboardInterrupt
 * (Ctrl-C) or TimeoutError (--timeout), returning false; true, leaving it set, when it only asks for
 * finalizers (CPVM_INTERRUPT_FINALIZE): C code in the middle of its work is no place to run them. */
bool rt_interrupted(Vm *vm);
/* The same at a loop back-edge, a safe point: pending finalizers run here (core/gc.h); false with the
 * error set on Ctrl-C or --timeout. */
bool rt_loop_interrupt(Vm *vm);
/* Prints the traceback and "Type: message" of the current error to [out]. */
void vm_print_error(Vm *vm, FILE *out);
/* True when the current error is SystemExit (which exits without a traceback, as in CPython), with the
 * exit status its code gives in *status (a message code is printed to stderr first). */
bool vm_exit_status(Vm *vm, int *status);

#endif
