/* math.c: the math module (sqrt, floor, sin, log, ..., pi, e, inf, nan), with CPython 3.11's results
 * and errors ("math domain error", OverflowError).
 */
#include <errno.h>
#include <math.h>

#include "core/vm.h"
#include "modules/builtins.h"
#include "objects/args.h"
#include "objects/object.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* --- The math module --------------------------------------------------------------------------------------- */

/* A one-argument math function, checked as CPython's math_1 does: a NaN from a non-NaN argument is a
 * domain error; an infinity from a finite argument is a range error where the function can overflow. */
static bool math_unary(Vm *vm, const char *name, double (*fn)(double), bool can_overflow, Value *args, int argc,
                       Value *result) {
    if (argc != 1) return vm_raise(vm, EXC_TYPE_ERROR, "math.%s() takes exactly one argument (%d given)", name, argc);
    double x;
    if (!real_arg(vm, args[0], &x)) return false;
    double r = fn(x);
    if (isnan(r) && !isnan(x)) return vm_raise(vm, EXC_VALUE_ERROR, "math domain error");
    if (isinf(r) && isfinite(x)) {
        if (can_overflow) return vm_raise(vm, EXC_OVERFLOW_ERROR, "math range error");
        return vm_raise(vm, EXC_VALUE_ERROR, "math domain error");
    }
    *result = float_value(r);
    return true;
}

#define MATH_UNARY(name, fn, can_overflow)                                                             \
    NATIVE(math_##name) {                                                                              \
        (void)kwnames;                                                                                 \
        return math_unary(vm, #name, fn, can_overflow, args, argc, result);                           \
    }
MATH_UNARY(sqrt, sqrt, false)
MATH_UNARY(sin, sin, false)
MATH_UNARY(cos, cos, false)
MATH_UNARY(tan, tan, false)
MATH_UNARY(atan, atan, false)
MATH_UNARY(exp, exp, true)
MATH_UNARY(fabs, fabs, false)
#undef MATH_UNARY

/* floor and ceil return ints; an int argument comes back unchanged. */
static bool math_round_to_int(Vm *vm, const char *name, double (*fn)(double), Value *args, int argc,
                              Value *result) {
    if (argc != 1) return vm_raise(vm, EXC_TYPE_ERROR, "math.%s() takes exactly one argument (%d given)", name, argc);
    if (IS_INT(args[0]) || IS_BOOL(args[0])) {
        *result = int_value(IS_INT(args[0]) ? AS_INT(args[0]) : AS_BOOL(args[0]));
        return true;
    }
    double x;
    int64_t i;
    if (!real_arg(vm, args[0], &x) || !float_to_int(vm, fn(x), &i)) return false;
    *result = int_value(i);
    return true;
}

NATIVE(math_floor) {
    (void)kwnames;
    return math_round_to_int(vm, "floor", floor, args, argc, result);
}

NATIVE(math_ceil) {
    (void)kwnames;
    return math_round_to_int(vm, "ceil", ceil, args, argc, result);
}

NATIVE(math_atan2) {
    (void)kwnames;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "atan2 expected 2 arguments, got %d", argc);
    double y, x;
    if (!real_arg(vm, args[0], &y) || !real_arg(vm, args[1], &x)) return false;
    *result = float_value(atan2(y, x));
    return true;
}

/* Natural log with CPython's domain checks: 0 and negatives are errors, inf and nan pass through. */
static bool checked_log(Vm *vm, Value v, double *out) {
    double x;
    if (!real_arg(vm, v, &x)) return false;
    if (x <= 0.0) {
        vm_raise(vm, EXC_VALUE_ERROR, "math domain error");
        return false;
    }
    *out = log(x);
    return true;
}

NATIVE(math_log) {
    (void)kwnames;
    if (argc < 1 || argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "math.log requires 1 to 2 arguments");
    double num, den = 1.0;
    if (!checked_log(vm, args[0], &num)) return false;
    if (argc == 2) {
        if (!checked_log(vm, args[1], &den)) return false;
        if (den == 0.0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "float division by zero");
    }
    *result = float_value(num / den);
    return true;
}

static const MethodDef math_defs[] = {
    {"sqrt", math_sqrt, false}, {"floor", math_floor, false}, {"ceil", math_ceil, false},
    {"sin", math_sin, false},   {"cos", math_cos, false},     {"tan", math_tan, false},
    {"atan", math_atan, false}, {"atan2", math_atan2, false}, {"exp", math_exp, false},
    {"log", math_log, false},   {"fabs", math_fabs, false},
};

static const struct {
    const char *name;
    double value;
} math_constants[] = {
    {"pi", 3.141592653589793}, {"e", 2.718281828459045}, {"tau", 6.283185307179586}, {"inf", INFINITY}, {"nan", NAN},
};

ObjModule *math_module_new(Vm *vm) {
    ObjString *name = string_from_cstr(vm, "math");
    ObjModule *math = name == NULL ? NULL : module_new(vm, name, COUNT_OF(math_defs) + COUNT_OF(math_constants));
    if (math == NULL) return NULL;
    uint32_t i = 0;
    for (size_t k = 0; k < COUNT_OF(math_defs); k++, i++) {
        ObjBuiltin *fn = builtin_new(vm, math_defs[k].name, math_defs[k].fn, false);
        if (fn == NULL || !module_set(vm, math, i, math_defs[k].name, obj_value(&fn->obj))) return NULL;
    }
    for (size_t k = 0; k < COUNT_OF(math_constants); k++, i++) {
        if (!module_set(vm, math, i, math_constants[k].name, float_value(math_constants[k].value))) return NULL;
    }
    return math;
}

