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

static bool set_function(Vm *vm, ObjModule *sys, uint32_t slot, const char *name, NativeFn fn) {
    ObjBuiltin *builtin = builtin_new(vm, name, fn, false);
    return builtin != NULL && module_set(vm, sys, slot, name, obj_value(&builtin->obj));
}

/* sys.argv starts empty; vm_set_argv (api/vm.c) fills it. */
ObjModule *sys_module_new(Vm *vm) {
    ObjString *name = string_from_cstr(vm, "sys");
    ObjModule *sys = name == NULL ? NULL : module_new(vm, name, 6);
    ObjList *argv = sys == NULL ? NULL : list_new(vm, 0);
    if (argv == NULL || !module_set(vm, sys, 0, "argv", obj_value(&argv->obj))) return NULL;
    if (!module_set(vm, sys, 1, "maxsize", int_value(INT64_MAX))) return NULL;
    ObjStream *out = stream_new(vm, false);
    if (out == NULL || !module_set(vm, sys, 2, "stdout", obj_value(&out->obj))) return NULL;
    ObjStream *err = stream_new(vm, true);
    if (err == NULL || !module_set(vm, sys, 3, "stderr", obj_value(&err->obj))) return NULL;
    if (!set_function(vm, sys, 4, "get_int_max_str_digits", sys_get_int_max_str_digits)) return NULL;
    if (!set_function(vm, sys, 5, "set_int_max_str_digits", sys_set_int_max_str_digits)) return NULL;
    return sys;
}
