/* stream.c: sys.stdout and sys.stderr (stream.h): write(s) and flush(), with CPython's messages.
 *
 * stdout is the VM's own buffered output (vm->out, which tests and embedders may point elsewhere); a
 * write to stderr first flushes it, so the two interleave as they were written.
 */
#include "core/gc.h"
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

ObjStream *stream_new(Vm *vm, bool is_stderr) {
    ObjStream *stream = (ObjStream *)gc_allocate_object(vm, sizeof(ObjStream), OBJ_STREAM);
    if (stream != NULL) stream->is_stderr = is_stderr;
    return stream;
}

void stream_write(Vm *vm, const ObjStream *stream, const char *text, size_t length) {
    if (!stream->is_stderr) {
        fwrite(text, 1, length, vm->out);
        return;
    }
    fflush(vm->out);
    fwrite(text, 1, length, stderr);
}

static bool self_stream(Vm *vm, const char *method, Value *args, int argc, int wanted, ObjStream **stream) {
    if (argc < 1 || !IS_STREAM(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "descriptor '%s' needs a '_io.TextIOWrapper' object", method);
    }
    if (argc - 1 != wanted) {
        return vm_raise(vm, EXC_TYPE_ERROR, "TextIOWrapper.%s() takes exactly %s argument%s (%d given)", method,
                        wanted == 1 ? "one" : "zero", wanted == 1 ? "" : "s", argc - 1);
    }
    *stream = AS_STREAM(args[0]);
    return true;
}

/* write(s): the number of characters written. */
NATIVE(stream_write_method) {
    (void)kwnames;
    ObjStream *stream = NULL;
    if (!self_stream(vm, "write", args, argc, 1, &stream)) return false;
    if (!IS_STRING(args[1])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "write() argument must be str, not %s", value_type_name(args[1]));
    }
    ObjString *s = AS_STRING(args[1]);
    stream_write(vm, stream, s->chars, s->length);
    *result = int_value(s->char_count);
    return true;
}

NATIVE(stream_flush) {
    (void)kwnames;
    ObjStream *stream = NULL;
    if (!self_stream(vm, "flush", args, argc, 0, &stream)) return false;
    fflush(stream->is_stderr ? stderr : vm->out);
    *result = none_value();
    return true;
}

static void stream_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjStream)); }

static bool stream_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    strbuf_append_format(vm, b, "<_io.TextIOWrapper name='<%s>' mode='w' encoding='utf-8'>",
                         AS_STREAM(self)->is_stderr ? "stderr" : "stdout");
    return !b->failed;
}

static const MethodDef stream_methods[] = {
    {"write", stream_write_method, false},
    {"flush", stream_flush, false},
    {NULL, NULL, 0},
};

const TypeInfo stream_type = {
    .name = "_io.TextIOWrapper",
    .free = stream_free,
    .repr = stream_repr,
    .methods = stream_methods,
};
