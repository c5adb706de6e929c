/* singleton.c: the types of Ellipsis (`...`) and NotImplemented.
 *
 * Neither holds anything: equality is identity and the hash is the address (the defaults), and the repr
 * is the builtin name. NotImplemented is what a binary special method returns to let the other operand
 * try (the classes' reflected operators); Ellipsis is what `...` evaluates to, a constant in bytecode
 * files (bytecode.h's ELLIPSIS tag).
 */
#include "core/vm.h"
#include "objects/object.h"

bool singletons_init(Vm *vm) {
    vm->ellipsis = gc_allocate_object(vm, sizeof(Obj), OBJ_ELLIPSIS);
    if (vm->ellipsis == NULL) return false;
    vm->not_implemented = gc_allocate_object(vm, sizeof(Obj), OBJ_NOT_IMPLEMENTED);
    return vm->not_implemented != NULL;
}

static void singleton_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(Obj)); }

static bool ellipsis_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)self, (void)scope;
    strbuf_append(vm, b, "Ellipsis", 8);
    return !b->failed;
}

static bool not_implemented_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)self, (void)scope;
    strbuf_append(vm, b, "NotImplemented", 14);
    return !b->failed;
}

const TypeInfo ellipsis_type = {
    .name = "ellipsis",
    .free = singleton_free,
    .repr = ellipsis_repr,
};

const TypeInfo not_implemented_type = {
    .name = "NotImplementedType",
    .free = singleton_free,
    .repr = not_implemented_repr,
};
