/* number.h: the rules for None, bool, int and float, the values that are not heap objects
 * (objects/number.c): their repr, comparison and hash. Arithmetic is ops/arith.c. Big ints (the heap
 * ints outside int64, objects/bigint.h) count as numbers here: comparison covers them too.
 */
#ifndef cpvm_number_h
#define cpvm_number_h

#include "core/object.h"

/* bool takes part in arithmetic and comparison as the int 0 or 1, as in Python. */
static inline bool is_intlike(Value v) { return IS_INT(v) || IS_BOOL(v); }
static inline int64_t as_intlike(Value v) { return IS_INT(v) ? AS_INT(v) : (int64_t)AS_BOOL(v); }
/* An int of either form (inline int64 or big, objects/bigint.h), or a bool. */
static inline bool is_integer(Value v) { return is_intlike(v) || is_obj_type(v, OBJ_BIGINT); }
static inline bool is_number(Value v) { return is_integer(v) || IS_FLOAT(v); }

/* Truthiness of the values that need no slot (None, bool, int, float); every object counts as true
 * here. value_bool (objects/protocol.h) is Python's bool() of anything. */
static inline bool value_truthy(Value v) {
    switch (v.type) {
    case VAL_BOOL: return AS_BOOL(v);
    case VAL_INT: return AS_INT(v) != 0;
    case VAL_FLOAT: return AS_FLOAT(v) != 0.0; /* nan is true, as in Python */
    case VAL_OBJ: return true;
    default: return false; /* None (and VAL_UNDEF, which never reaches Python code) */
    }
}

/* Three-way comparison of two numbers (big ints too), exact across int and float; NUMBER_UNORDERED when a nan is
 * involved (then every comparison but != is false). */
enum { NUMBER_UNORDERED = 2 };
int number_compare(Value a, Value b);
/* Whether three-way result [c] satisfies CompareOp [op]. */
bool order_holds(int op, int c);
/* Shortest repr of a double that reads back exactly, as CPython's float repr: 0.1, 1e-05, 1e+16, inf. */
void float_repr(double d, char out[32]);
/* repr of None, a bool, an int or a float. */
void number_write_repr(Vm *vm, StrBuf *b, Value v);
/* CPython's hash of an int, float or bool (so 1 == 1.0 == True hash alike). */
uint64_t number_hash(Value v);

#endif
