/* sequence.h: what list and tuple share: an array of values that prints, compares, indexes and searches
 * the same way (objects/sequence.c). Each function takes the items and their count, so it serves both.
 */
#ifndef cpvm_sequence_h
#define cpvm_sequence_h

#include "core/object.h"

/* [a, b] or (a, b): items between [open] and [close] ("(" ")" adds the 1-tuple's comma); a container
 * already being printed (it contains itself) prints as [...]. */
bool sequence_repr(Vm *vm, StrBuf *b, Value self, uint32_t count, bool is_list, const ReprScope *scope);
/* Item-wise == (1/0/-1) and lexicographic order (1/0/-1), as CPython's list_richcompare. The items are
 * re-read through [self] on every step: nothing here runs Python code, but the counts must be live. */
int sequence_equal(Vm *vm, const Value *xa, uint32_t na, const Value *xb, uint32_t nb, int depth);
int sequence_compare(Vm *vm, int op, const Value *xa, uint32_t na, const Value *xb, uint32_t nb, int depth);
/* item in items (1/0/-1), by identity then ==. */
int sequence_contains(Vm *vm, const Value *items, uint32_t count, Value item);
/* seq.index(x[, start[, stop]]) of a list or tuple [self]: the first i in the clamped bounds with
 * seq[i] == x, or -1 (the caller raises its own ValueError). [bounds] are the [nbounds] (0-2) start and
 * stop arguments, which must be ints. The items are re-read through self on every step. */
bool sequence_index(Vm *vm, Value self, Value x, const Value *bounds, int nbounds, int64_t *found);
/* seq.count(x): how many items == x. */
bool sequence_count(Vm *vm, Value self, Value x, int64_t *count);

/* items[index] of a list or tuple, or a new list or tuple for a slice. */
bool sequence_subscript(Vm *vm, Value *items, uint32_t count, bool is_list, Value index, Value *result);

/* a + b (a list or tuple; `list += iterable` extends in place) and seq * n: the concat and repeat slots
 * of list and tuple. A result too big for a 32-bit length is a MemoryError before anything is allocated. */
bool sequence_concat(Vm *vm, Value a, Value b, bool inplace, Value *result);
bool sequence_repeat(Vm *vm, Value seq, int64_t n, bool inplace, Value *result);

#endif
