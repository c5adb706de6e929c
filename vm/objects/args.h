/* args.h: helpers for C functions (builtins and methods) reading their arguments (objects/args.c).
 */
#ifndef cpvm_args_h
#define cpvm_args_h

#include "core/errors.h"
#include "core/object.h"

#define NATIVE(name) static bool name(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result)

/* Arguments before the keyword ones; rt_call has checked kwnames names the last entries of args. */
int positional_count(int argc, const ObjTuple *kwnames);
bool is_keyword(const ObjTuple *kwnames, uint32_t k, const char *name);
/* TypeError "'k' is an invalid keyword argument for f()"; false. */
bool invalid_keyword(Vm *vm, const ObjTuple *kwnames, uint32_t k, const char *function);
/* Reads the keyword arguments of C function [function]: for each of the last kwnames->count entries of
 * args[0, argc), the index i of its name in [names] (ended by NULL) gets values[i] = the value; the
 * other values are left as the caller set them (VAL_UNDEF: not given). A name not in [names] is CPython's
 * TypeError "'x' is an invalid keyword argument for f()". Positional arguments are the caller's to check
 * (positional_count). */
bool keyword_args(Vm *vm, const char *function, const Value *args, int argc, const ObjTuple *kwnames,
                  const char *const *names, Value *values);
/* TypeError "f() takes exactly one argument (n given)" unless argc is 1. */
bool exactly_one(Vm *vm, const char *name, int argc);
/* An int argument (bool counts, as it subclasses int; float does not, as in CPython's __index__). */
bool int_arg(Vm *vm, Value v, int64_t *out);
/* A real-number argument of a math function. */
bool real_arg(Vm *vm, Value v, double *out);
/* A float converted to int as int() does; ints are int64, so larger values overflow. */
bool float_to_int(Vm *vm, double d, int64_t *out);
/* Raises [type] with message prefix + repr(v) + suffix, as CPython's "%R" formats do. */
bool raise_with_repr(Vm *vm, ExcType type, const char *prefix, Value v, const char *suffix);
/* Turns a finished StrBuf into a str result and frees it. */
bool strbuf_result(Vm *vm, StrBuf *b, Value *result);

/* Called with each item of an iterable: 1 to go on, 0 to stop early, -1 after raising. */
typedef int (*VisitFn)(Vm *vm, Value item, void *ctx);
/* Calls [visit] on each item of [iterable]. Lists and tuples are walked in place (a list by its live
 * count); other iterables through an iterator. The iterator and the current item are rooted meanwhile;
 * --timeout and Ctrl-C reach the loop. */
bool for_each(Vm *vm, Value iterable, VisitFn visit, void *ctx);

#endif
