/* iter.c: the iterators of range, list, tuple and str, one type per kind.
 *
 * FOR_ITER steps range and list iterators inline (bytecode/instructions.h) and calls the next slot for
 * the rest. A str iterator keeps a byte offset, so stepping through a non-ASCII str is O(1) per item.
 */
#include "core/gc.h"
#include "core/vm.h"
#include "core/unicode.h"
#include "objects/object.h"

ObjRangeIter *range_iter_new(Vm *vm, int64_t start, int64_t stop, int64_t step) {
    ObjRangeIter *it = (ObjRangeIter *)gc_allocate_object(vm, sizeof(ObjRangeIter), OBJ_RANGE_ITER);
    if (it == NULL) return NULL;
    it->next = start;
    it->stop = stop;
    it->step = step;
    return it;
}

ObjSeqIter *seq_iter_new(Vm *vm, ObjType type, Value seq) {
    vm_push_root(vm, seq); /* the caller may hold the sequence only in a C variable */
    ObjSeqIter *it = (ObjSeqIter *)gc_allocate_object(vm, sizeof(ObjSeqIter), type);
    vm_pop_root(vm);
    if (it == NULL) return NULL;
    it->seq = seq;
    it->index = 0;
    return it;
}

bool seq_iter_value(Vm *vm, ObjType type, Value seq, Value *iter) {
    ObjSeqIter *it = seq_iter_new(vm, type, seq);
    if (it == NULL) return false;
    *iter = obj_value(&it->obj);
    return true;
}

/* --- next ---------------------------------------------------------------------------------------------- */

static int range_iter_next(Vm *vm, Value self, Value *item) {
    (void)vm;
    ObjRangeIter *it = AS_RANGE_ITER(self);
    int64_t i = it->next;
    if (it->step > 0 ? i >= it->stop : i <= it->stop) return 0;
    if (__builtin_add_overflow(i, it->step, &it->next)) it->next = it->stop;
    *item = int_value(i);
    return 1;
}

static int list_iter_next(Vm *vm, Value self, Value *item) {
    (void)vm;
    ObjSeqIter *it = AS_SEQ_ITER(self);
    ObjList *list = AS_LIST(it->seq);
    /* The live count: items appended during the loop are seen, as in CPython. */
    if (it->index >= (int64_t)list->count) {
        it->index = ITER_DONE;
        return 0;
    }
    *item = list->items[it->index++];
    return 1;
}

static int tuple_iter_next(Vm *vm, Value self, Value *item) {
    (void)vm;
    ObjSeqIter *it = AS_SEQ_ITER(self);
    ObjTuple *tuple = AS_TUPLE(it->seq);
    if (it->index >= (int64_t)tuple->count) return 0;
    *item = tuple->items[it->index++];
    return 1;
}

static int str_iter_next(Vm *vm, Value self, Value *item) {
    ObjSeqIter *it = AS_SEQ_ITER(self);
    ObjString *s = AS_STRING(it->seq);
    if (it->index >= (int64_t)s->length) return 0;
    uint32_t offset = (uint32_t)it->index;
    if (!str_char_at(vm, s, offset, item)) return -1;
    it->index += utf8_char_length((unsigned char)s->chars[offset]);
    return 1;
}

/* --- The other slots ------------------------------------------------------------------------------------ */

static void range_iter_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjRangeIter)); }
static void seq_iter_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjSeqIter)); }
static void seq_iter_mark(GcMarker *marker, Obj *obj) { gc_mark_value(marker, ((ObjSeqIter *)obj)->seq); }

static bool iter_get_iter(Vm *vm, Value self, Value *iter) {
    (void)vm;
    *iter = self; /* iter(it) is it */
    return true;
}

static bool iter_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    const char *name = type_of_obj(AS_OBJ(self))->name;
    if (is_obj_type(self, OBJ_STR_ITER)) {
        const ObjString *s = AS_STRING(AS_SEQ_ITER(self)->seq);
        if (s->length == s->char_count) name = "str_ascii_iterator"; /* CPython 3.11's split */
    }
    strbuf_append_format(vm, b, "<%s object at %p>", name, (void *)AS_OBJ(self));
    return !b->failed;
}

const TypeInfo range_iter_type = {
    .name = "range_iterator", .free = range_iter_free, .repr = iter_repr,
    .get_iter = iter_get_iter, .next = range_iter_next,
};
const TypeInfo list_iter_type = {
    .name = "list_iterator", .free = seq_iter_free, .mark = seq_iter_mark, .repr = iter_repr,
    .get_iter = iter_get_iter, .next = list_iter_next,
};
const TypeInfo tuple_iter_type = {
    .name = "tuple_iterator", .free = seq_iter_free, .mark = seq_iter_mark, .repr = iter_repr,
    .get_iter = iter_get_iter, .next = tuple_iter_next,
};
const TypeInfo str_iter_type = {
    .name = "str_iterator", .free = seq_iter_free, .mark = seq_iter_mark, .repr = iter_repr,
    .get_iter = iter_get_iter, .next = str_iter_next,
};
