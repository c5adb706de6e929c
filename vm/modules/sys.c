/* sys.c: the sys module: argv, maxsize, stdout and stderr, and the int<->str digit limit
 * (get/set_int_max_str_digits). */
#include <limits.h>

#include "core/vm.h"
#include "modules/builtins.h"
#include "objects/args.h"
#include "objects/object.h"

/* CPython 3.11's limit on decimal digits in int<->str conversions (objects/bigint.c applies it). */
NATIVE(sys_get_int_max_str_digits) {
    (void)args, (void)kwnames;
    if (argc != 0) {
        return vm_raise(vm, EXC_TYPE_ERROR, "sys.get_int_max_str_digits() takes no arguments (%d given)", argc);
    }
    *result = int_value(vm->int_max_str_digits);
    return true;
}

NATIVE(sys_set_int_max_str_digits) {
    (void)kwnames;
    if (argc != 1) {
        return vm_raise(vm, EXC_TYPE_ERROR, "set_int_max_str_digits() takes exactly one argument (%d given)", argc);
    }
    int64_t digits;
    if (!int_arg(vm, args[0], &digits)) return false;
    if (digits > INT_MAX) return vm_raise(vm, EXC_OVERFLOW_ERROR, "Python int too large to convert to C int");
    if (digits != 0 && digits < BIGINT_MIN_MAX_STR_DIGITS) {
        return vm_raise(vm, EXC_VALUE_ERROR, "maxdigits must be 0 or larger than %d", BIGINT_MIN_MAX_STR_DIGITS);
    }
    vm->int_max_str_digits = (int)digits;
    *result = none_value();
    return true;
}

/* sys.exit([code]): raises SystemExit(code); at the top level cpvm exits with it (api/traceback.c). */
NATIVE(sys_exit) {
    (void)kwnames, (void)result;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "exit expected at most 1 argument, got %d", argc);
    ObjTuple *code = tuple_new(vm, (uint32_t)argc);
    if (code == NULL) return false;
    if (argc == 1) code->items[0] = args[0];
    ObjException *exc = exception_new(vm, vm->exc_types[EXC_SYSTEM_EXIT], code);
    if (exc == NULL) return false;
    exception_set_current(vm, exc);
    exception_chain_context(vm, exc);
    return false;
}

/* sys.exc_info(): (type, value, None) of the exception being handled (cpvm has no traceback objects),
 * or (None, None, None). */
NATIVE(sys_exc_info) {
    (void)args, (void)kwnames;
    if (argc != 0) return vm_raise(vm, EXC_TYPE_ERROR, "sys.exc_info() takes no arguments (%d given)", argc);
    ObjTuple *info = tuple_new(vm, 3);
    if (info == NULL) return false;
    if (IS_EXCEPTION(vm->exc_info)) {
        info->items[0] = obj_value(&AS_EXCEPTION(vm->exc_info)->type->obj);
        info->items[1] = vm->exc_info;
    }
    *result = obj_value(&info->obj);
    return true;
}

/* sys.argv starts empty; vm_set_argv (api/vm.c) fills it. */
ObjModule *sys_module_new(Vm *vm) {
    ObjString *name = string_from_cstr(vm, "sys");
    ObjModule *sys = name == NULL ? NULL : module_new(vm, name, 8);
    ObjList *argv = sys == NULL ? NULL : list_new(vm, 0);
    if (argv == NULL || !module_set(vm, sys, 0, "argv", obj_value(&argv->obj))) return NULL;
    if (!module_set(vm, sys, 1, "maxsize", int_value(INT64_MAX))) return NULL;
    ObjStream *out = stream_new(vm, false);
    if (out == NULL || !module_set(vm, sys, 2, "stdout", obj_value(&out->obj))) return NULL;
    ObjStream *err = stream_new(vm, true);
    if (err == NULL || !module_set(vm, sys, 3, "stderr", obj_value(&err->obj))) return NULL;
    if (!module_set_function(vm, sys, 4, "get_int_max_str_digits", sys_get_int_max_str_digits)) return NULL;
    if (!module_set_function(vm, sys, 5, "set_int_max_str_digits", sys_set_int_max_str_digits)) return NULL;
    if (!module_set_function(vm, sys, 6, "exit", sys_exit)) return NULL;
    if (!module_set_function(vm, sys, 7, "exc_info", sys_exc_info)) return NULL;
    return sys;
}
