/* stream.h: sys.stdout and sys.stderr: text streams with write() and flush() (objects/stream.c), so that
 * print(..., file=sys.stderr) and sys.stdout.write(s) work. Not a general file object.
 */
#ifndef cpvm_stream_h
#define cpvm_stream_h

#include "core/object.h"

typedef struct {
    Obj obj;
    bool is_stderr; /* false: the VM's output (vm->out, buffered); true: stderr */
} ObjStream;

#define IS_STREAM(v) is_obj_type(v, OBJ_STREAM)
#define AS_STREAM(v) ((ObjStream *)AS_OBJ(v))

ObjStream *stream_new(Vm *vm, bool is_stderr);
/* Writes [length] bytes of text to [stream]. */
void stream_write(Vm *vm, const ObjStream *stream, const char *text, size_t length);

extern const TypeInfo stream_type;

#endif
