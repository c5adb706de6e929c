/* iter.h: the iterators of the builtin sequences, one type per kind (objects/iter.c).
 *
 * FOR_ITER (bytecode/instructions.h) steps a range or list iterator inline; the others, and every
 * iterator's exhaustion, go through the type's next slot.
 */
#ifndef cpvm_iter_h
#define cpvm_iter_h

#include "core/object.h"

/* iter(range(...)): the next value and where to stop. */
typedef struct {
    Obj obj;
    int64_t next, stop, step;
} ObjRangeIter;

/* iter(list), iter(tuple), iter(str): the sequence and a position in it. For a list it counts items and
 * reads the live count (items appended during the loop are seen, as in CPython); for a str it is a byte
 * offset. An exhausted iterator stays exhausted: index becomes ITER_DONE. */
typedef struct {
    Obj obj;
    Value seq;
    int64_t index;
} ObjSeqIter;
#define ITER_DONE INT64_MAX

#define IS_RANGE_ITER(v) is_obj_type(v, OBJ_RANGE_ITER)
#define IS_LIST_ITER(v) is_obj_type(v, OBJ_LIST_ITER)
#define AS_RANGE_ITER(v) ((ObjRangeIter *)AS_OBJ(v))
#define AS_SEQ_ITER(v) ((ObjSeqIter *)AS_OBJ(v))

ObjRangeIter *range_iter_new(Vm *vm, int64_t start, int64_t stop, int64_t step);
/* [type] is OBJ_LIST_ITER, OBJ_TUPLE_ITER or OBJ_STR_ITER, and [seq] a list, tuple or str to match. */
ObjSeqIter *seq_iter_new(Vm *vm, ObjType type, Value seq);
/* The same, as the Value a get_iter slot returns; false with MemoryError set. */
bool seq_iter_value(Vm *vm, ObjType type, Value seq, Value *iter);

extern const TypeInfo range_iter_type, list_iter_type, tuple_iter_type, str_iter_type;

#endif
