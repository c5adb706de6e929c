/* list.h: Python's list: a growable array of values (objects/list.c, methods in objects/list_methods.c).
 */
#ifndef cpvm_list_h
#define cpvm_list_h

#include "core/object.h"

struct ObjList {
    Obj obj;
    uint32_t count;
    uint32_t capacity;
    Value *items; /* owned; capacity slots */
};

#define IS_LIST(v) is_obj_type(v, OBJ_LIST)
#define AS_LIST(v) ((ObjList *)AS_OBJ(v))

ObjList *list_new(Vm *vm, uint32_t capacity);
bool list_append(Vm *vm, ObjList *list, Value v);
/* Makes room for [needed] items in [list], which must be reachable by the GC. */
bool list_reserve(Vm *vm, ObjList *list, uint64_t needed);
/* list += iterable: extends [list] in place by any iterable (every alias sees it). */
bool list_extend_by(Vm *vm, ObjList *list, Value other);
/* A new list of the items of any iterable (list(x), sorted(x)); NULL with an error set. */
ObjList *list_from_iterable(Vm *vm, Value iterable);
/* Sorts [n] values in place with <, stably (a merge sort: list.sort and sorted). */
bool list_sort_values(Vm *vm, Value *items, uint32_t n);
/* list.sort(): reads the keywords reverse= and key= (None only) from [keywords], named by [kwnames]. */
bool list_sort(Vm *vm, ObjList *list, Value *keywords, const ObjTuple *kwnames);

extern const TypeInfo list_type;
extern const MethodDef list_methods[]; /* objects/list_methods.c */

#endif
