/* cell.c: the cell type (cell.h): constructor and slots. The instructions that use cells are in
 * bytecode/instructions.h (MAKE_CELL, LOAD_DEREF, STORE_DEREF, ...) and their slow paths in ops/closures.c.
 */
#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

ObjCell *cell_new(Vm *vm, Value value) {
    vm_push_root(vm, value);
    ObjCell *cell = (ObjCell *)gc_allocate_object(vm, sizeof(ObjCell), OBJ_CELL);
    vm_pop_root(vm);
    if (cell == NULL) return NULL;
    cell->value = value;
    return cell;
}

static void cell_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjCell)); }

static void cell_mark(GcMarker *marker, Obj *obj) { gc_mark_value(marker, ((ObjCell *)obj)->value); }

/* CPython: <cell at 0x7f...: int object at 0x7f...>, or <cell at 0x7f...: empty>. */
static bool cell_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    ObjCell *cell = AS_CELL(self);
    if (IS_UNDEF(cell->value)) {
        strbuf_append_format(vm, b, "<cell at %p: empty>", (void *)cell);
    } else {
        strbuf_append_format(vm, b, "<cell at %p: %.200s object at %p>", (void *)cell, value_type_name(cell->value),
                             IS_OBJ(cell->value) ? (void *)AS_OBJ(cell->value) : (void *)cell);
    }
    return !b->failed;
}

const TypeInfo cell_type = {
    .name = "cell",
    .free = cell_free,
    .mark = cell_mark,
    .repr = cell_repr,
};
