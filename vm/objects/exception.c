/* exception.c: exception objects (exception.h): the builtin exception types, making the current error
 * an object, and the slots: str, repr, attributes, calling a type (ValueError("x", 2)).
 *
 * C code raises cheaply with vm_raise (a type and a message on the VM, core/errors.c); the object is made
 * here only when something needs it: the error leaving a Python frame (its traceback line), a handler,
 * or printing. So a C path that raises and clears (next(it, default), dict.get) never allocates.
 */
#include <stdlib.h>
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

/* --- The builtin types --------------------------------------------------------------------------------- */

static const struct {
    const char *name;
    ExcType base; /* EXC_NONE: object */
} exception_defs[EXC_COUNT_] = {
    [EXC_NONE] = {"(no error)", EXC_NONE},
#define CPVM_EXC_DEF(enum_name, text, base) [EXC_##enum_name] = {text, EXC_##base},
    CPVM_EXCEPTIONS(CPVM_EXC_DEF)
#undef CPVM_EXC_DEF
};

const char *vm_exception_name(ExcType type) { return exception_defs[type].name; }

bool exception_types_init(Vm *vm) {
    /* type_objects_init made BaseException already: OBJ_EXCEPTION's own type object */
    vm->exc_types[EXC_BASE_EXCEPTION] = vm->obj_type_objects[OBJ_EXCEPTION];
    for (int t = EXC_BASE_EXCEPTION + 1; t < EXC_COUNT_; t++) {
        ObjTypeObject *base = vm->exc_types[exception_defs[t].base];
        vm->exc_types[t] = type_object_new(vm, exception_defs[t].name, base, OBJ_EXCEPTION, NULL);
        if (vm->exc_types[t] == NULL) return false;
    }
    vm->memory_error = exception_new(vm, vm->exc_types[EXC_MEMORY_ERROR], NULL);
    return vm->memory_error != NULL;
}

/* The builtin type [type] is or derives from (a user class's nearest builtin base). */
static ExcType kind_of(Vm *vm, const ObjTypeObject *type) {
    for (; type != NULL; type = type->base) {
        for (int t = EXC_COUNT_ - 1; t > EXC_NONE; t--) {
            if (vm->exc_types[t] == type) return (ExcType)t;
        }
    }
    return EXC_BASE_EXCEPTION;
}

bool exception_is_type(Vm *vm, Value type) {
    return IS_TYPE_OBJECT(type) && type_is_subtype(AS_TYPE_OBJECT(type), vm->exc_types[EXC_BASE_EXCEPTION]);
}

/* --- Objects ------------------------------------------------------------------------------------------- */

ObjException *exception_new(Vm *vm, ObjTypeObject *type, ObjTuple *args) {
    if (args != NULL) vm_push_root(vm, obj_value(&args->obj));
    ObjException *exc = (ObjException *)gc_allocate_object(vm, sizeof(ObjException), OBJ_EXCEPTION);
    if (args == NULL && exc != NULL) {
        vm_push_root(vm, obj_value(&exc->obj));
        args = tuple_new(vm, 0);
        vm_pop_root(vm);
        if (args == NULL) exc = NULL;
    } else if (args != NULL) {
        vm_pop_root(vm);
    }
    if (exc == NULL) return NULL;
    exc->type = type;
    exc->kind = kind_of(vm, type);
    exc->args = args;
    exc->context = none_value();
    exc->cause = none_value();
    exc->suppress_context = false;
    exc->traceback = NULL;
    exc->traceback_count = exc->traceback_capacity = 0;
    return exc;
}

/* CPython's _PyErr_SetObject: a new error raised while [handled] is being handled gets it as its
 * __context__, and any older link back to [exc] in that chain is cut, so chains never loop. */
void exception_chain_context(Vm *vm, ObjException *exc) {
    Value handled = vm->exc_info;
    if (!IS_EXCEPTION(handled) || AS_EXCEPTION(handled) == exc) return;
    for (ObjException *o = AS_EXCEPTION(handled); IS_EXCEPTION(o->context); o = AS_EXCEPTION(o->context)) {
        if (AS_EXCEPTION(o->context) == exc) {
            o->context = none_value();
            break;
        }
    }
    exc->context = handled;
}

/* The arguments vm_raise's error gets: its exc_arg, else its message (none when empty). */
static ObjTuple *pending_args(Vm *vm) {
    if (!IS_UNDEF(vm->exc_arg)) {
        ObjTuple *args = tuple_new(vm, 1);
        if (args != NULL) args->items[0] = vm->exc_arg;
        return args;
    }
    ObjTuple *args = tuple_new(vm, vm->exc_message[0] != '\0' ? 1 : 0);
    if (args == NULL || args->count == 0) return args;
    vm_push_root(vm, obj_value(&args->obj));
    ObjString *message = string_from_cstr(vm, vm->exc_message);
    vm_pop_root(vm);
    if (message == NULL) return NULL;
    args->items[0] = obj_value(&message->obj);
    return args;
}

ObjException *exception_current(Vm *vm) {
    if (vm->exc == EXC_NONE) return NULL;
    if (vm->exc_object != NULL) return vm->exc_object;
    ExcType type = vm->exc;
    ObjTuple *args = pending_args(vm);
    ObjException *exc = args == NULL ? NULL : exception_new(vm, vm->exc_types[type], args);
    /* The allocator may have raised MemoryError in the meantime; the error being made stays the one. */
    vm->exc = type;
    if (exc == NULL) {
        /* Out of memory: the spare MemoryError, cleared of its last use. */
        exc = vm->memory_error;
        exc->context = exc->cause = none_value();
        exc->traceback_count = 0;
        vm->exc = EXC_MEMORY_ERROR;
        vm->exc_message[0] = '\0';
    }
    exception_chain_context(vm, exc);
    vm->exc_object = exc;
    vm->exc_arg = undef_value();
    return exc;
}

void exception_set_current(Vm *vm, ObjException *exc) {
    vm->exc = exc->kind;
    vm->exc_message[0] = '\0';
    vm->exc_arg = undef_value();
    vm->exc_object = exc;
}

void vm_add_traceback(Vm *vm, Frame *frame) {
    if (vm->exc_reraised) {
        vm->exc_reraised = false;
        return;
    }
    ObjException *exc = exception_current(vm);
    if (exc == NULL) return;
    if (exc->traceback_count > 0) {
        TraceEntry *last = &exc->traceback[exc->traceback_count - 1];
        if (last->code == frame->code && last->pc == frame->pc) {
            last->count++;
            return;
        }
    }
    if (exc->traceback_count == exc->traceback_capacity) {
        uint32_t capacity = exc->traceback_capacity < 8 ? 8 : exc->traceback_capacity * 2;
        TraceEntry *entries = realloc(exc->traceback, capacity * sizeof(TraceEntry));
        if (entries == NULL) return; /* the traceback loses a line; the error itself is kept */
        exc->traceback = entries;
        exc->traceback_capacity = capacity;
    }
    exc->traceback[exc->traceback_count++] = (TraceEntry){frame->code, frame->pc, 1};
}

/* --- Slots --------------------------------------------------------------------------------------------- */

static void exception_free(Vm *vm, Obj *obj) {
    free(((ObjException *)obj)->traceback);
    gc_free_object(vm, obj, sizeof(ObjException));
}

static void exception_mark(GcMarker *marker, Obj *obj) {
    ObjException *exc = (ObjException *)obj;
    gc_mark_object(marker, (Obj *)exc->type);
    gc_mark_object(marker, (Obj *)exc->args);
    gc_mark_value(marker, exc->context);
    gc_mark_value(marker, exc->cause);
    for (uint32_t i = 0; i < exc->traceback_count; i++) gc_mark_object(marker, (Obj *)exc->traceback[i].code);
}

bool exception_write_str(Vm *vm, StrBuf *b, ObjException *exc) {
    ObjTuple *args = exc->args;
    if (args->count == 0) return true;
    if (args->count > 1) return value_write_repr(vm, b, obj_value(&args->obj));
    /* KeyError('k') prints as 'k': a key of '' must not print as nothing */
    if (exc->kind == EXC_KEY_ERROR) return value_write_repr(vm, b, args->items[0]);
    return value_write_str(vm, b, args->items[0]);
}

static bool exception_str(Vm *vm, StrBuf *b, Value self) { return exception_write_str(vm, b, AS_EXCEPTION(self)); }

/* ValueError('x'), ValueError(1, 2), ValueError() */
static bool exception_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    ObjException *exc = AS_EXCEPTION(self);
    strbuf_append_cstr(vm, b, exc->type->name);
    if (exc->args->count == 1) {
        strbuf_append_cstr(vm, b, "(");
        if (!value_write_repr(vm, b, exc->args->items[0])) return false;
        strbuf_append_cstr(vm, b, ")");
        return !b->failed;
    }
    if (exc->args->count == 0) {
        strbuf_append_cstr(vm, b, "()");
        return !b->failed;
    }
    return value_write_repr(vm, b, obj_value(&exc->args->obj));
}

/* e.args, e.__context__, e.__cause__, e.__suppress_context__; SystemExit's code, StopIteration's value. */
static bool exception_getattr(Vm *vm, Value self, ObjString *name, Value *result) {
    ObjException *exc = AS_EXCEPTION(self);
    const char *n = name->chars;
    if (strcmp(n, "args") == 0) *result = obj_value(&exc->args->obj);
    else if (strcmp(n, "__context__") == 0) *result = exc->context;
    else if (strcmp(n, "__cause__") == 0) *result = exc->cause;
    else if (strcmp(n, "__suppress_context__") == 0) *result = bool_value(exc->suppress_context);
    else if ((strcmp(n, "code") == 0 && type_is_subtype(exc->type, vm->exc_types[EXC_SYSTEM_EXIT])) ||
             (strcmp(n, "value") == 0 && type_is_subtype(exc->type, vm->exc_types[EXC_STOP_ITERATION]))) {
        *result = exc->args->count == 0 ? none_value()
                : exc->args->count == 1 ? exc->args->items[0]
                : n[0] == 'c' ? obj_value(&exc->args->obj) : exc->args->items[0];
    } else {
        return vm_raise(vm, EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", exc->type->name, n);
    }
    return true;
}

/* ValueError("x", 2): calling an exception type makes an instance with those arguments. */
static bool exception_construct(Vm *vm, ObjTypeObject *type, Value *callee, int argc, ObjTuple *kwnames) {
    if (kwnames != NULL && kwnames->count > 0)
        return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes no keyword arguments", type->name);
    ObjTuple *args = tuple_new(vm, (uint32_t)argc);
    if (args == NULL) return false;
    for (int i = 0; i < argc; i++) args->items[i] = callee[1 + i];
    ObjException *exc = exception_new(vm, type, args);
    if (exc == NULL) return false;
    *callee = obj_value(&exc->obj);
    return true;
}

static ObjTypeObject *exception_class_of(Obj *obj) { return ((ObjException *)obj)->type; }

const TypeInfo exception_type = {
    .name = "BaseException",
    .free = exception_free,
    .owns_buffers = true,
    .mark = exception_mark,
    .repr = exception_repr,
    .str = exception_str,
    .getattr = exception_getattr,
    .construct = exception_construct,
    .class_of = exception_class_of,
};
