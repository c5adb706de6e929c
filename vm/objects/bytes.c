/* bytes.c: bytes and bytearray: constructors, the slots they share, bytearray's item and slice
 * assignment, their iterator, and the bytes() and bytearray() builtins.
 *
 * bytes and bytearray share their equal and compare slots, so protocol.c compares across the two
 * (b'a' == bytearray(b'a')); indexing gives ints, slicing the type sliced; `+` gives the left operand's type.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

/* --- Constructors --------------------------------------------------------------------------------------- */

/* A bytes of [length] bytes that the caller fills in at once (then it never changes). */
static ObjBytes *bytes_allocate(Vm *vm, size_t length) {
    if (length > UINT32_MAX - 1) {
        vm_raise(vm, EXC_MEMORY_ERROR, "bytes too long");
        return NULL;
    }
    ObjBytes *bytes = (ObjBytes *)gc_allocate_object(vm, sizeof(ObjBytes) + length + 1, OBJ_BYTES);
    if (bytes == NULL) return NULL;
    bytes->length = (uint32_t)length;
    bytes->data[length] = '\0';
    return bytes;
}

ObjBytes *bytes_copy(Vm *vm, const char *data, size_t length) {
    ObjBytes *bytes = bytes_allocate(vm, length);
    if (bytes != NULL && length > 0) memcpy(bytes->data, data, length);
    return bytes;
}

static bool bytearray_reserve(Vm *vm, ObjByteArray *array, uint64_t needed) {
    if (needed <= array->capacity) return true;
    if (needed > UINT32_MAX / 2) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    uint32_t capacity = array->capacity < 16 ? 16 : array->capacity;
    while (capacity < needed) capacity *= 2;
    char *data = vm_reallocate(vm, array->data, array->capacity, capacity);
    if (data == NULL) return false;
    array->data = data;
    array->capacity = capacity;
    return true;
}

ObjByteArray *bytearray_copy(Vm *vm, const char *data, size_t length) {
    ObjByteArray *array = (ObjByteArray *)gc_allocate_object(vm, sizeof(ObjByteArray), OBJ_BYTEARRAY);
    if (array == NULL) return NULL;
    if (length > 0) {
        vm_push_root(vm, obj_value(&array->obj));
        /* [data] may be another bytearray's buffer, which no allocation moves. */
        bool ok = bytearray_reserve(vm, array, length);
        vm_pop_root(vm);
        if (!ok) return NULL;
        memcpy(array->data, data, length);
        array->length = (uint32_t)length;
    }
    return array;
}

bool bytearray_append_bytes(Vm *vm, ObjByteArray *array, const char *data, size_t length) {
    /* a += a: the bytes come from the buffer that growing moves; find them again after it. */
    bool own = array->data != NULL && data >= array->data && data < array->data + array->capacity;
    size_t offset = own ? (size_t)(data - array->data) : 0;
    if (!bytearray_reserve(vm, array, (uint64_t)array->length + length)) return false;
    if (own) data = array->data + offset;
    if (length > 0) memmove(array->data + array->length, data, length);
    array->length += (uint32_t)length;
    return true;
}

bool bytes_result_like(Vm *vm, Value like, const char *data, size_t length, Value *result) {
    Obj *obj = IS_BYTEARRAY(like) ? (Obj *)bytearray_copy(vm, data, length) : (Obj *)bytes_copy(vm, data, length);
    if (obj == NULL) return false;
    *result = obj_value(obj);
    return true;
}

/* --- repr, ==, <, hash ------------------------------------------------------------------------------------ */

void bytes_write_repr(Vm *vm, StrBuf *b, ByteView v) {
    bool has_single = memchr(v.data, '\'', v.length) != NULL, has_double = memchr(v.data, '"', v.length) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    strbuf_append(vm, b, "b", 1);
    strbuf_append(vm, b, &quote, 1);
    for (uint32_t i = 0; i < v.length; i++) {
        unsigned char c = (unsigned char)v.data[i];
        if (c == (unsigned char)quote || c == '\\') {
            char escaped[2] = {'\\', (char)c};
            strbuf_append(vm, b, escaped, 2);
        } else if (c == '\n' || c == '\t' || c == '\r') {
            strbuf_append(vm, b, c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r", 2);
        } else if (c < 0x20 || c >= 0x7f) {
            strbuf_append_format(vm, b, "\\x%02x", c);
        } else {
            strbuf_append(vm, b, (const char *)&c, 1);
        }
    }
    strbuf_append(vm, b, &quote, 1);
}

static bool bytes_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    bool array = IS_BYTEARRAY(self);
    if (array) strbuf_append_cstr(vm, b, "bytearray(");
    bytes_write_repr(vm, b, byte_view(self));
    if (array) strbuf_append(vm, b, ")", 1);
    return !b->failed;
}

/* Three-way order of the bytes, shorter first on a common prefix. */
static int view_compare(ByteView a, ByteView b) {
    uint32_t n = a.length < b.length ? a.length : b.length;
    int c = n > 0 ? memcmp(a.data, b.data, n) : 0;
    if (c != 0) return c < 0 ? -1 : 1;
    return a.length < b.length ? -1 : a.length > b.length;
}

static int bytes_equal(Vm *vm, Value a, Value b, int depth) {
    (void)vm, (void)depth;
    ByteView x = byte_view(a), y = byte_view(b);
    return x.length == y.length && (x.length == 0 || memcmp(x.data, y.data, x.length) == 0);
}

static int bytes_order(Vm *vm, int op, Value a, Value b, int depth) {
    (void)vm, (void)depth;
    return order_holds(op, view_compare(byte_view(a), byte_view(b)));
}

uint32_t bytes_hash(ObjBytes *bytes) {
    if (bytes->hash == 0) {
        uint32_t hash = hash_bytes(bytes->data, bytes->length);
        bytes->hash = hash == 0 ? 1 : hash;
    }
    return bytes->hash;
}

static bool bytes_hash_slot(Vm *vm, Value self, uint64_t *hash) {
    (void)vm;
    *hash = bytes_hash(AS_BYTES(self));
    return true;
}

static bool bytearray_hash_slot(Vm *vm, Value self, uint64_t *hash) {
    (void)self, (void)hash;
    return vm_raise(vm, EXC_TYPE_ERROR, "unhashable type: 'bytearray'");
}

static bool bytes_truthy(Value self) { return byte_view(self).length != 0; }

static bool bytes_len(Vm *vm, Value self, int64_t *length) {
    (void)vm;
    *length = byte_view(self).length;
    return true;
}

/* --- Subscripts and `in` ------------------------------------------------------------------------------------ */

static bool bytes_subscript(Vm *vm, Value self, Value index, Value *result) {
    ByteView v = byte_view(self);
    int64_t i;
    if (index_value(index, &i)) {
        if (i < 0) i += v.length;
        if (i < 0 || i >= (int64_t)v.length) {
            return vm_raise(vm, EXC_INDEX_ERROR, "%sindex out of range", IS_BYTES(self) ? "" : "bytearray ");
        }
        *result = int_value((unsigned char)v.data[i]);
        return true;
    }
    if (!IS_SLICE(index)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s indices must be integers or slices, not %s",
                        IS_BYTES(self) ? "byte" : "bytearray", value_type_name(index));
    }
    SliceRange r;
    if (!slice_adjust(vm, AS_SLICE(index), v.length, &r)) return false;
    if (r.step == 1 || r.count == 0) return bytes_result_like(vm, self, v.data + r.start, (size_t)r.count, result);
    char small[256];
    char *picked = r.count <= (int64_t)sizeof small ? small : VM_ALLOCATE(vm, char, (size_t)r.count);
    if (picked == NULL) return false;
    for (int64_t k = 0; k < r.count; k++) picked[k] = v.data[r.start + k * r.step];
    bool ok = bytes_result_like(vm, self, picked, (size_t)r.count, result);
    if (picked != small) VM_FREE_ARRAY(vm, char, picked, (size_t)r.count);
    return ok;
}

bool byte_value_arg(Vm *vm, Value v, unsigned char *out) {
    int64_t i;
    if (!int_arg(vm, v, &i)) return false;
    if (i < 0 || i > 255) return vm_raise(vm, EXC_VALUE_ERROR, "byte must be in range(0, 256)");
    *out = (unsigned char)i;
    return true;
}

/* a[start:stop] = bytes, growing or shrinking the array; step-1 slices only take a new length. */
static bool assign_slice(Vm *vm, ObjByteArray *a, const ObjSlice *slice, Value v) {
    SliceRange r;
    if (!slice_adjust(vm, slice, a->length, &r)) return false;
    ByteView with = {"", 0};
    if (!IS_UNDEF(v)) {
        if (!is_byteslike(v)) {
            return vm_raise(vm, EXC_TYPE_ERROR, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        }
        with = byte_view(v);
    }
    if (r.step != 1) {
        if (IS_UNDEF(v) || with.length != (uint64_t)r.count) {
            if (IS_UNDEF(v)) return vm_raise(vm, EXC_TYPE_ERROR, "deleting extended slices of bytearrays is not supported by cpvm");
            return vm_raise(vm, EXC_VALUE_ERROR, "attempt to assign bytes of size %u to extended slice of size %lld",
                            with.length, (long long)r.count);
        }
        char tmp[256];
        if (with.length > sizeof tmp) return vm_raise(vm, EXC_VALUE_ERROR, "extended slice too long for cpvm");
        memcpy(tmp, with.data, with.length); /* a[::2] = a[1::2] reads what it writes */
        for (int64_t k = 0; k < r.count; k++) a->data[r.start + k * r.step] = tmp[k];
        return true;
    }
    uint32_t start = (uint32_t)r.start, removed = (uint32_t)r.count, added = with.length;
    char tmp[256];
    char *copy = added <= sizeof tmp ? tmp : VM_ALLOCATE(vm, char, added);
    if (copy == NULL) return false;
    if (added > 0) memcpy(copy, with.data, added); /* a[1:2] = a moves a's own buffer */
    bool ok = bytearray_reserve(vm, a, (uint64_t)a->length - removed + added);
    if (ok) {
        memmove(a->data + start + added, a->data + start + removed, a->length - start - removed);
        if (added > 0) memcpy(a->data + start, copy, added);
        a->length = a->length - removed + added;
    }
    if (copy != tmp) VM_FREE_ARRAY(vm, char, copy, added);
    return ok;
}

static bool bytearray_store_subscript(Vm *vm, Value self, Value index, Value v) {
    ObjByteArray *a = AS_BYTEARRAY(self);
    int64_t i;
    if (index_value(index, &i)) {
        if (i < 0) i += a->length;
        if (i < 0 || i >= (int64_t)a->length) return vm_raise(vm, EXC_INDEX_ERROR, "bytearray index out of range");
        if (IS_UNDEF(v)) { /* del a[i] */
            memmove(a->data + i, a->data + i + 1, a->length - (uint32_t)i - 1);
            a->length--;
            return true;
        }
        unsigned char byte;
        if (!byte_value_arg(vm, v, &byte)) return false;
        a->data[i] = (char)byte;
        return true;
    }
    if (IS_SLICE(index)) return assign_slice(vm, a, AS_SLICE(index), v);
    return vm_raise(vm, EXC_TYPE_ERROR, "bytearray indices must be integers or slices, not %s", value_type_name(index));
}

static int bytes_contains(Vm *vm, Value self, Value item) {
    ByteView v = byte_view(self);
    if (is_byteslike(item)) {
        ByteView sub = byte_view(item);
        return sub.length == 0 || (v.length > 0 && memmem(v.data, v.length, sub.data, sub.length) != NULL);
    }
    if (!is_intlike(item)) {
        vm_raise(vm, EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'", value_type_name(item));
        return -1;
    }
    unsigned char byte;
    if (!byte_value_arg(vm, item, &byte)) return -1;
    return v.length > 0 && memchr(v.data, byte, v.length) != NULL;
}

/* --- + and * -------------------------------------------------------------------------------------------- */

static bool bytes_concat(Vm *vm, Value self, Value other, bool inplace, Value *result) {
    if (!is_byteslike(other)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "can't concat %s to %s", value_type_name(other), value_type_name(self));
    }
    ByteView a = byte_view(self), b = byte_view(other);
    if (IS_BYTEARRAY(self)) {
        /* a += b extends a in place (every alias sees it); a + b extends a copy. Neither operand moves:
         * both are on the VM stack, and no allocation moves a bytearray's buffer but its own growth. */
        ObjByteArray *array = inplace ? AS_BYTEARRAY(self) : bytearray_copy(vm, a.data, a.length);
        if (array == NULL) return false;
        *result = obj_value(&array->obj);
        vm_push_root(vm, *result);
        bool ok = bytearray_append_bytes(vm, array, b.data, b.length);
        vm_pop_root(vm);
        return ok;
    }
    ObjBytes *joined = bytes_allocate(vm, (size_t)a.length + b.length);
    if (joined == NULL) return false;
    if (a.length > 0) memcpy(joined->data, a.data, a.length);
    if (b.length > 0) memcpy(joined->data + a.length, b.data, b.length);
    *result = obj_value(&joined->obj);
    return true;
}

static bool bytes_repeat(Vm *vm, Value self, int64_t n, bool inplace, Value *result) {
    ByteView v = byte_view(self);
    if (n < 0) n = 0;
    if (v.length != 0 && (uint64_t)n > (uint64_t)INT64_MAX / v.length) {
        return vm_raise(vm, EXC_OVERFLOW_ERROR, "repeated bytes are too long");
    }
    if (v.length != 0 && (uint64_t)n > (UINT32_MAX / 2) / v.length) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    StrBuf buf;
    strbuf_init(&buf);
    strbuf_append_repeated(vm, &buf, v.data, v.length, (size_t)n);
    bool ok = !buf.failed;
    if (ok && inplace && IS_BYTEARRAY(self)) {
        ObjByteArray *array = AS_BYTEARRAY(self);
        array->length = 0;
        ok = bytearray_append_bytes(vm, array, buf.chars, buf.length);
        *result = self;
    } else if (ok) {
        ok = bytes_result_like(vm, self, buf.chars, buf.length, result);
    }
    strbuf_free(vm, &buf);
    return ok;
}

/* --- Iteration --------------------------------------------------------------------------------------------- */

static bool bytes_get_iter(Vm *vm, Value self, Value *iter) { return seq_iter_value(vm, OBJ_BYTES_ITER, self, iter); }

/* The next byte as an int; a bytearray's live length is read each time, as CPython does. */
static int bytes_iter_next(Vm *vm, Value self, Value *item) {
    (void)vm;
    ObjSeqIter *it = AS_SEQ_ITER(self);
    if (it->index == ITER_DONE) return 0;
    ByteView v = byte_view(it->seq);
    if (it->index >= (int64_t)v.length) {
        it->index = ITER_DONE;
        return 0;
    }
    *item = int_value((unsigned char)v.data[it->index++]);
    return 1;
}

static bool bytes_iter_iter(Vm *vm, Value self, Value *iter) {
    (void)vm;
    *iter = self;
    return true;
}

static bool bytes_iter_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    const char *name = IS_BYTEARRAY(AS_SEQ_ITER(self)->seq) ? "bytearray_iterator" : "bytes_iterator";
    strbuf_append_format(vm, b, "<%s object at %p>", name, (void *)AS_OBJ(self));
    return !b->failed;
}

static void bytes_iter_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjSeqIter)); }
static void bytes_iter_mark(GcMarker *marker, Obj *obj) { gc_mark_value(marker, ((ObjSeqIter *)obj)->seq); }

/* --- Memory and the type tables ---------------------------------------------------------------------------- */

static void bytes_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjBytes) + ((ObjBytes *)obj)->length + 1); }

static void bytearray_free(Vm *vm, Obj *obj) {
    ObjByteArray *array = (ObjByteArray *)obj;
    VM_FREE_ARRAY(vm, char, array->data, array->capacity);
    gc_free_object(vm, array, sizeof(ObjByteArray));
}

const TypeInfo bytes_type = {
    .name = "bytes", .free = bytes_free, .repr = bytes_repr, .equal = bytes_equal, .compare = bytes_order,
    .hash = bytes_hash_slot, .truthy = bytes_truthy, .len = bytes_len, .subscript = bytes_subscript,
    .contains = bytes_contains, .get_iter = bytes_get_iter, .concat = bytes_concat, .repeat = bytes_repeat,
    .methods = bytes_methods,
};

const TypeInfo bytearray_type = {
    .name = "bytearray", .free = bytearray_free, .owns_buffers = true, .repr = bytes_repr, .equal = bytes_equal,
    .compare = bytes_order, .hash = bytearray_hash_slot, .truthy = bytes_truthy, .len = bytes_len,
    .subscript = bytes_subscript, .store_subscript = bytearray_store_subscript, .contains = bytes_contains,
    .get_iter = bytes_get_iter, .concat = bytes_concat, .repeat = bytes_repeat, .methods = bytearray_methods,
};

const TypeInfo bytes_iter_type = {
    .name = "bytes_iterator", .free = bytes_iter_free, .mark = bytes_iter_mark, .repr = bytes_iter_repr,
    .get_iter = bytes_iter_iter, .next = bytes_iter_next,
};

/* --- bytes() and bytearray() ------------------------------------------------------------------------------- */

static int collect_byte(Vm *vm, Value item, void *ctx) {
    StrBuf *out = ctx;
    if (!is_intlike(item)) {
        vm_raise(vm, EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", value_type_name(item));
        return -1;
    }
    unsigned char byte;
    if (!byte_value_arg(vm, item, &byte)) return -1;
    strbuf_append(vm, out, (const char *)&byte, 1);
    return out->failed ? -1 : 1;
}

/* The contents bytes(x) or bytearray(x) take from one argument, and from (str, encoding[, errors]). */
static bool constructor_contents(Vm *vm, const char *name, Value *args, int argc, StrBuf *out) {
    if (argc > 3) return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes at most 3 arguments (%d given)", name, argc);
    if (argc == 0) return true;
    Value x = args[0];
    if (IS_STRING(x)) {
        if (argc < 2) return vm_raise(vm, EXC_TYPE_ERROR, "string argument without an encoding");
        for (int i = 1; i < argc; i++) {
            if (!IS_STRING(args[i])) {
                return vm_raise(vm, EXC_TYPE_ERROR, "%s() argument %d must be str, not %s", name, i + 1,
                                value_type_name(args[i]));
            }
        }
        return codec_encode(vm, AS_STRING(x), AS_STRING(args[1])->chars, argc > 2 ? AS_STRING(args[2])->chars : "strict",
                            out);
    }
    if (argc > 1) {
        return vm_raise(vm, EXC_TYPE_ERROR, argc == 2 ? "encoding without a string argument" : "errors without a string argument");
    }
    if (is_intlike(x)) {
        int64_t n = as_intlike(x);
        if (n < 0) return vm_raise(vm, EXC_VALUE_ERROR, "negative count");
        if (n > UINT32_MAX / 2) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
        strbuf_append_repeated_char(vm, out, '\0', (size_t)n);
        return !out->failed;
    }
    if (is_byteslike(x)) {
        ByteView v = byte_view(x);
        strbuf_append(vm, out, v.data, v.length);
        return !out->failed;
    }
    if (!value_is_iterable(x)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "cannot convert '%s' object to %s", value_type_name(x), name);
    }
    return for_each(vm, x, collect_byte, out);
}

static bool construct(Vm *vm, const char *name, bool array, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    if (kwnames != NULL) return invalid_keyword(vm, kwnames, 0, name);
    StrBuf out;
    strbuf_init(&out);
    bool ok = constructor_contents(vm, name, args, argc, &out) && !out.failed;
    if (ok && !array && argc == 1 && IS_BYTES(args[0])) {
        *result = args[0]; /* bytes(b) is b */
    } else if (ok) {
        Obj *obj = array ? (Obj *)bytearray_copy(vm, out.chars, out.length) : (Obj *)bytes_copy(vm, out.chars, out.length);
        ok = obj != NULL;
        if (ok) *result = obj_value(obj);
    }
    strbuf_free(vm, &out);
    return ok;
}

bool builtin_bytes(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    return construct(vm, "bytes", false, args, argc, kwnames, result);
}

bool builtin_bytearray(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    return construct(vm, "bytearray", true, args, argc, kwnames, result);
}
