/* generator.c: the generator type: repr, iteration, send/throw/close, and what the collector needs.
 *
 * Every way of running a generator goes through vm->resume_generator (interp/generators.c), which
 * returns 1 when the generator yielded (*result the value), 0 when it returned (*result the return
 * value) and -1 on an error. The next slot is what FOR_ITER, list(), sum() and every other consumer of
 * iterators call: a return is plain exhaustion there, as CPython's gen_iternext.
 */
#include <string.h>

#include "core/vm.h"
#include "objects/object.h"

ObjGenerator *generator_new(Vm *vm, ObjFunction *function, const Value *locals) {
    ObjCode *code = function->code;
    size_t slots = (size_t)code->nlocals + code->max_stack;
    Value *saved = VM_ALLOCATE(vm, Value, slots > 0 ? slots : 1);
    if (saved == NULL) return NULL;
    memcpy(saved, locals, sizeof(Value) * code->nlocals);
    for (size_t i = code->nlocals; i < slots; i++) saved[i] = undef_value();
    /* The buffer is counted but not yet owned: a collection here must not free it, so it is filled first
     * and handed over as the object is made (the caller roots the function through its frame). */
    ObjGenerator *gen = (ObjGenerator *)gc_allocate_object(vm, sizeof(ObjGenerator), OBJ_GENERATOR);
    if (gen == NULL) {
        VM_FREE_ARRAY(vm, Value, saved, slots > 0 ? slots : 1);
        return NULL;
    }
    gen->function = function;
    gen->code = code;
    gen->saved = saved;
    gen->depth = 0;
    gen->pc = 0;
    gen->state = GEN_CREATED;
    gen->delegating = false;
    gen->exc_info = none_value();
    gen->caller_exc_info = none_value();
    /* Only a generator with a handler somewhere (try, with) can have code to run when it is closed. */
    if (code->nexc > 0 && !gc_register_finalizer(vm, &gen->obj)) return NULL;
    return gen;
}

static size_t saved_slots(const ObjGenerator *gen) {
    size_t slots = (size_t)gen->code->nlocals + gen->code->max_stack;
    return slots > 0 ? slots : 1;
}

static void generator_free(Vm *vm, Obj *obj) {
    ObjGenerator *gen = (ObjGenerator *)obj;
    VM_FREE_ARRAY(vm, Value, gen->saved, saved_slots(gen));
    gc_free_object(vm, obj, sizeof(ObjGenerator));
}

/* A suspended generator holds its locals and stack; a running one's live copy is on the VM stack (its
 * frame is a root), but the saved one may still be read, so both are marked. */
static void generator_mark(GcMarker *marker, Obj *obj) {
    ObjGenerator *gen = (ObjGenerator *)obj;
    gc_mark_object(marker, &gen->function->obj);
    gc_mark_value(marker, gen->exc_info);
    gc_mark_value(marker, gen->caller_exc_info);
    if (gen->state == GEN_FINISHED) return;
    gc_mark_values(marker, gen->saved, (size_t)gen->code->nlocals + gen->depth);
}

/* A generator left suspended inside a try or with block has a finally or an __exit__ to run: dying
 * unfinished, it is closed first (CPython's gen_finalize). Anywhere else, GeneratorExit would only
 * propagate out of it, so nothing is run. */
static bool generator_needs_finalizer(const Obj *obj) {
    const ObjGenerator *gen = (const ObjGenerator *)obj;
    return gen->state == GEN_SUSPENDED && code_find_handler(gen->code, gen->pc - 1) != NULL;
}

static bool generator_finalize(Vm *vm, Obj *obj) {
    Value ignored;
    return vm->resume_generator(vm, (ObjGenerator *)obj, GEN_ACTION_CLOSE, none_value(), &ignored) >= 0;
}

static bool generator_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    ObjString *name = AS_GENERATOR(self)->code->name;
    strbuf_append_format(vm, b, "<generator object %.200s at %p>", name ? name->chars : "?", (void *)AS_OBJ(self));
    return !b->failed;
}

static bool generator_get_iter(Vm *vm, Value self, Value *iter) {
    (void)vm;
    *iter = self;
    return true;
}

static int generator_next(Vm *vm, Value self, Value *item) {
    return vm->resume_generator(vm, AS_GENERATOR(self), GEN_ACTION_SEND, none_value(), item);
}

/* The return value as StopIteration's: StopIteration() for None, StopIteration(value) otherwise. */
static bool raise_stop(Vm *vm, Value value) {
    if (IS_NONE(value)) return vm_raise(vm, EXC_STOP_ITERATION, "%s", "");
    return vm_raise_with_arg(vm, EXC_STOP_ITERATION, value, "%s", "");
}

bool generator_send(Vm *vm, ObjGenerator *gen, Value arg, Value *result) {
    int status = vm->resume_generator(vm, gen, GEN_ACTION_SEND, arg, result);
    if (status == 0) return raise_stop(vm, *result);
    return status > 0;
}

static bool method_send(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "generator.send() takes exactly one argument (%d given)", argc - 1);
    return generator_send(vm, AS_GENERATOR(args[0]), args[1], result);
}

/* Makes [exc] (an exception, or a class to call first) the VM's current error, as `raise exc` does. */
static bool raise_thrown(Vm *vm, Value exc) {
    if (!IS_EXCEPTION(exc)) {
        Value made;
        if (!vm->call_value(vm, exc, NULL, 0, NULL, &made)) return false;
        if (!IS_EXCEPTION(made)) {
            return vm_raise(vm, EXC_TYPE_ERROR, "calling %s should have returned an instance of BaseException, not %s",
                            AS_TYPE_OBJECT(exc)->name, value_type_name(made));
        }
        exc = made;
    }
    exception_set_current(vm, AS_EXCEPTION(exc));
    return true;
}

/* throw(exc), throw(ExcType) or throw(ExcType, value): the exception is raised where the generator
 * stopped. (CPython's third argument, a traceback, is accepted and ignored: cpvm has no traceback objects.) */
static bool method_throw(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (argc < 2 || argc > 4) return vm_raise(vm, EXC_TYPE_ERROR, "throw expected at least 1 argument, got %d", argc - 1);
    Value exc = args[1];
    if (!IS_EXCEPTION(exc) && !exception_is_type(vm, exc)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "exceptions must be classes or instances deriving from BaseException, not %s",
                        value_type_name(exc));
    }
    if (argc >= 3 && !IS_NONE(args[2]) && !IS_EXCEPTION(exc)) {
        if (IS_EXCEPTION(args[2])) exc = args[2];
        else if (!vm->call_value(vm, exc, &args[2], 1, NULL, &exc)) return false;
    }
    if (!raise_thrown(vm, exc)) return false;
    int status = vm->resume_generator(vm, AS_GENERATOR(args[0]), GEN_ACTION_THROW, none_value(), result);
    if (status == 0) return raise_stop(vm, *result);
    return status > 0;
}

static bool method_close(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (argc != 1) return vm_raise(vm, EXC_TYPE_ERROR, "generator.close() takes no arguments (%d given)", argc - 1);
    *result = none_value();
    return vm->resume_generator(vm, AS_GENERATOR(args[0]), GEN_ACTION_CLOSE, none_value(), result) >= 0;
}

static const MethodDef generator_methods[] = {
    {"send", method_send, 0},
    {"throw", method_throw, 0},
    {"close", method_close, 0},
    {NULL, NULL, 0},
};

const TypeInfo generator_type = {
    .name = "generator",
    .free = generator_free,
    .owns_buffers = true,
    .mark = generator_mark,
    .needs_finalizer = generator_needs_finalizer,
    .finalize = generator_finalize,
    .repr = generator_repr,
    .get_iter = generator_get_iter,
    .next = generator_next,
    .methods = generator_methods,
};
