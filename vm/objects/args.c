/* args.c: what every C function (builtin or method) needs to read its arguments and build its result:
 * CPython's argument errors, word for word, and a walk over any iterable.
 */
#include <math.h>
#include <string.h>

#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

/* Arguments before the keyword ones; rt_call has checked kwnames names the last entries of args. */
int positional_count(int argc, const ObjTuple *kwnames) {
    return kwnames == NULL ? argc : argc - (int)kwnames->count;
}

bool is_keyword(const ObjTuple *kwnames, uint32_t k, const char *name) {
    return strcmp(AS_STRING(kwnames->items[k])->chars, name) == 0;
}

bool invalid_keyword(Vm *vm, const ObjTuple *kwnames, uint32_t k, const char *function) {
    return vm_raise(vm, EXC_TYPE_ERROR, "'%s' is an invalid keyword argument for %s()",
                    AS_STRING(kwnames->items[k])->chars, function);
}

bool keyword_args(Vm *vm, const char *function, const Value *args, int argc, const ObjTuple *kwnames,
                  const char *const *names, Value *values) {
    int npos = positional_count(argc, kwnames);
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        uint32_t i = 0;
        while (names[i] != NULL && !is_keyword(kwnames, k, names[i])) i++;
        if (names[i] == NULL) return invalid_keyword(vm, kwnames, k, function);
        values[i] = args[npos + (int)k];
    }
    return true;
}

bool exactly_one(Vm *vm, const char *name, int argc) {
    if (argc == 1) return true;
    return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes exactly one argument (%d given)", name, argc);
}

/* An int argument (bool counts, as it subclasses int; float does not, as in CPython's __index__). */
bool int_arg(Vm *vm, Value v, int64_t *out) {
    if (IS_INT(v)) {
        *out = AS_INT(v);
        return true;
    }
    if (IS_BOOL(v)) {
        *out = AS_BOOL(v);
        return true;
    }
    if (IS_BIGINT(v)) return vm_raise(vm, EXC_OVERFLOW_ERROR, "Python int too large to convert to C ssize_t");
    vm_raise(vm, EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", value_type_name(v));
    return false;
}

/* A real-number argument of a math function. */
bool real_arg(Vm *vm, Value v, double *out) {
    if (IS_FLOAT(v)) *out = AS_FLOAT(v);
    else if (IS_INT(v)) *out = (double)AS_INT(v);
    else if (IS_BOOL(v)) *out = AS_BOOL(v);
    else if (IS_BIGINT(v)) return bigint_to_double(vm, v, out); /* OverflowError past the float range */
    else {
        vm_raise(vm, EXC_TYPE_ERROR, "must be real number, not %s", value_type_name(v));
        return false;
    }
    return true;
}

/* A float converted to int as int() does; ints are int64, so larger values overflow. */
bool float_to_int(Vm *vm, double d, int64_t *out) {
    if (isinf(d)) {
        vm_raise(vm, EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer");
        return false;
    }
    if (isnan(d)) {
        vm_raise(vm, EXC_VALUE_ERROR, "cannot convert float NaN to integer");
        return false;
    }
    d = trunc(d);
    if (d < -9223372036854775808.0 || d >= 9223372036854775808.0) {
        vm_raise(vm, EXC_OVERFLOW_ERROR, "integer overflow");
        return false;
    }
    *out = (int64_t)d;
    return true;
}

/* Raises [type] with message prefix + repr(v) + suffix, as CPython's "%R" formats do. */
bool raise_with_repr(Vm *vm, ExcType type, const char *prefix, Value v, const char *suffix) {
    StrBuf b;
    strbuf_init(&b);
    if (!value_write_repr(vm, &b, v) || b.failed) {
        strbuf_free(vm, &b);
        return false;
    }
    vm_raise(vm, type, "%s%.*s%s", prefix, (int)b.length, b.chars, suffix);
    strbuf_free(vm, &b);
    return false;
}

/* Turns a finished StrBuf into a str result and frees it. */
bool strbuf_result(Vm *vm, StrBuf *b, Value *result) {
    ObjString *s = b->failed ? NULL : string_copy(vm, b->chars, b->length);
    strbuf_free(vm, b);
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}

/* Calls [visit] on each item of [iterable]. Lists and tuples are walked in place (a list by its live
 * count); other iterables through an iterator. The iterator and the current item are rooted meanwhile. */
bool for_each(Vm *vm, Value iterable, VisitFn visit, void *ctx) {
    if (IS_LIST(iterable)) {
        ObjList *list = AS_LIST(iterable);
        for (uint32_t i = 0; i < list->count; i++) {
            int status = visit(vm, list->items[i], ctx);
            if (status <= 0) return status == 0;
        }
        return true;
    }
    if (IS_TUPLE(iterable)) {
        ObjTuple *tuple = AS_TUPLE(iterable);
        for (uint32_t i = 0; i < tuple->count; i++) {
            int status = visit(vm, tuple->items[i], ctx);
            if (status <= 0) return status == 0;
        }
        return true;
    }
    Value it;
    if (!value_get_iter(vm, iterable, &it)) return false;
    vm_push_root(vm, it);
    int item_slot = vm->temp_root_count;
    vm_push_root(vm, none_value());
    int status;
    Value item;
    while ((status = value_next(vm, it, &item)) == 1) {
        /* sum(range(10**15)) loops here, not in bytecode: check interrupts as JUMP_BACKWARD does. */
        if (__builtin_expect(vm->exec.interrupt != 0, 0) && !rt_interrupted(vm)) {
            status = -1;
            break;
        }
        vm->temp_roots[item_slot] = item;
        status = visit(vm, item, ctx);
        if (status <= 0) break;
    }
    vm_pop_root(vm);
    vm_pop_root(vm);
    return status >= 0;
}

