/* value.h: what a cpvm value is.
 *
 * A Value is 16 bytes: a 64-bit type tag and a 64-bit payload, as in Lua's TValue. We chose this over
 * NaN-boxing because ints are exact signed 64-bit: NaN-boxing leaves 48-52 bits, so wide ints would need
 * a heap box, and int and float arithmetic must never allocate. Two words also make
 * the JIT simple: LOAD_CONST patches two 64-bit immediates, and a type test is one compare.
 *
 * The tag is a full 64-bit word (not a byte) so a Value can be built and compared with plain word moves.
 * VAL_UNDEF is 0 so zeroed memory reads as "no value yet": unbound locals and unset globals.
 */
#ifndef cpvm_value_h
#define cpvm_value_h

#include "core/common.h"

typedef struct Obj Obj;

typedef enum {
    VAL_UNDEF = 0, /* not a Python value: an unbound local or unset global */
    VAL_NONE,
    VAL_BOOL,
    VAL_INT,
    VAL_FLOAT,
    VAL_OBJ, /* every heap type; the Obj header says which */
} ValueType;

typedef struct Value {
    uint64_t type; /* a ValueType */
    union {
        bool b;
        int64_t i;
        double f;
        Obj *obj;
        uint64_t bits; /* the raw payload, for hashing and the JIT */
    } as;
} Value;

#define IS_UNDEF(v) ((v).type == VAL_UNDEF)
#define IS_NONE(v) ((v).type == VAL_NONE)
#define IS_BOOL(v) ((v).type == VAL_BOOL)
#define IS_INT(v) ((v).type == VAL_INT)
#define IS_FLOAT(v) ((v).type == VAL_FLOAT)
#define IS_OBJ(v) ((v).type == VAL_OBJ)

#define AS_BOOL(v) ((v).as.b)
#define AS_INT(v) ((v).as.i)
#define AS_FLOAT(v) ((v).as.f)
#define AS_OBJ(v) ((v).as.obj)

static inline Value undef_value(void) { return (Value){.type = VAL_UNDEF, .as.bits = 0}; }
static inline Value none_value(void) { return (Value){.type = VAL_NONE, .as.bits = 0}; }
static inline Value bool_value(bool b) { return (Value){.type = VAL_BOOL, .as.bits = b ? 1 : 0}; }
static inline Value int_value(int64_t i) { return (Value){.type = VAL_INT, .as.i = i}; }
static inline Value float_value(double f) { return (Value){.type = VAL_FLOAT, .as.f = f}; }
static inline Value obj_value(Obj *o) { return (Value){.type = VAL_OBJ, .as.obj = o}; }

/* Python `a is b`: same type and same payload (same object for heap values). */
static inline bool value_is(Value a, Value b) { return a.type == b.type && a.as.bits == b.as.bits; }

#endif
