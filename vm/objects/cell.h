/* cell.h: a cell, the box that holds a variable shared between a function and the functions nested in it
 * (objects/cell.c).
 *
 * A local that an inner function uses lives in a cell instead of directly in its slot: MAKE_CELL puts one
 * in the slot at the function's start, LOAD_DEREF and STORE_DEREF go through it, and MAKE_CLOSURE hands
 * the same cell to the inner function (in its closure tuple), so both see every later assignment: a
 * closure made in a loop sees the variable's last value, as in CPython.
 */
#ifndef cpvm_cell_h
#define cpvm_cell_h

#include "core/object.h"

typedef struct {
    Obj obj;
    Value value; /* VAL_UNDEF while the variable is unbound */
} ObjCell;

#define IS_CELL(v) is_obj_type(v, OBJ_CELL)
#define AS_CELL(v) ((ObjCell *)AS_OBJ(v))

/* A cell holding [value] (VAL_UNDEF for an empty one); [value] needs no rooting by the caller. */
ObjCell *cell_new(Vm *vm, Value value);

extern const TypeInfo cell_type;

#endif
