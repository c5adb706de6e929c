/* bytes.h: Python's bytes (immutable, its bytes inline) and bytearray (mutable, a growable buffer it
 * owns), objects/bytes.c; the methods they share are objects/bytes_methods.c, the codecs (str.encode,
 * bytes.decode) objects/codecs.c.
 *
 * Most behaviour is written once over a ByteView (the data and length of either type), and a method of a
 * bytearray returns a bytearray where the bytes method returns bytes, as in CPython.
 */
#ifndef cpvm_bytes_h
#define cpvm_bytes_h

#include "core/object.h"

struct ObjBytes {
    Obj obj;
    uint32_t hash; /* computed on first use, as str's (0 until then) */
    uint32_t length;
    char data[];
};

typedef struct {
    Obj obj;
    uint32_t length, capacity;
    char *data; /* owned; capacity bytes */
} ObjByteArray;

typedef struct ObjBytes ObjBytes;

#define IS_BYTES(v) is_obj_type(v, OBJ_BYTES)
#define AS_BYTES(v) ((ObjBytes *)AS_OBJ(v))
#define IS_BYTEARRAY(v) is_obj_type(v, OBJ_BYTEARRAY)
#define AS_BYTEARRAY(v) ((ObjByteArray *)AS_OBJ(v))

/* The bytes of a bytes or bytearray, read-only. A bytearray's data moves when it grows: a view is good
 * only until the next change to it. */
typedef struct {
    const char *data;
    uint32_t length;
} ByteView;

static inline bool is_byteslike(Value v) { return IS_BYTES(v) || IS_BYTEARRAY(v); }
static inline ByteView byte_view(Value v) {
    if (IS_BYTES(v)) return (ByteView){AS_BYTES(v)->data, AS_BYTES(v)->length};
    const ObjByteArray *a = AS_BYTEARRAY(v);
    return (ByteView){a->data != NULL ? a->data : "", a->length}; /* never NULL: memchr(NULL, c, 0) is UB */
}

/* Constructors; NULL with MemoryError set. */
ObjBytes *bytes_copy(Vm *vm, const char *data, size_t length);
ObjByteArray *bytearray_copy(Vm *vm, const char *data, size_t length);
/* A bytes (or, when [like] is a bytearray, a bytearray) of [length] bytes at [data], as a Value. */
bool bytes_result_like(Vm *vm, Value like, const char *data, size_t length, Value *result);
/* Appends [length] bytes to a bytearray. */
bool bytearray_append_bytes(Vm *vm, ObjByteArray *array, const char *data, size_t length);

/* One byte value of an assignment or a search: an int in range(0, 256); false with CPython's error. */
bool byte_value_arg(Vm *vm, Value v, unsigned char *out);
/* repr(b): b'...' (bytearray(b'...')) with CPython's quote choice and escapes. */
void bytes_write_repr(Vm *vm, StrBuf *b, ByteView view);
/* The hash of bytes equal to str's hash of the same text (so b'a' and 'a' would collide, harmlessly). */
uint32_t bytes_hash(ObjBytes *bytes);

/* The builtins bytes(...) and bytearray(...) (objects/bytes.c), and the codecs (objects/codecs.c). */
bool builtin_bytes(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool builtin_bytearray(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_encode(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool bytes_decode(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
/* Encodes str [s] by [encoding] and [errors] into bytes [data] (a malloc'd-by-VM StrBuf in [out]). */
bool codec_encode(Vm *vm, const ObjString *s, const char *encoding, const char *errors, StrBuf *out);

extern const TypeInfo bytes_type, bytearray_type, bytes_iter_type;
extern const MethodDef bytes_methods[], bytearray_methods[]; /* objects/bytes_methods.c */

#endif
