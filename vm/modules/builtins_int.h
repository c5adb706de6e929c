/* builtins_int.h: the builtins that are about ints of any size (modules/builtins_int.c): hex, oct, bin,
 * and round() of an int. builtins.c lists them in its table.
 */
#ifndef cpvm_builtins_int_h
#define cpvm_builtins_int_h

#include "core/object.h"

bool builtin_hex(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool builtin_oct(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool builtin_bin(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
/* round(x, ndigits) for an int [x] (either form, or a bool) and an int [ndigits]: x itself when
 * ndigits >= 0, else the nearest multiple of 10**-ndigits, ties to even (CPython's long_round). */
bool int_round(Vm *vm, Value x, Value ndigits, Value *result);

#endif
