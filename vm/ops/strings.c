/* strings.c: what the f-string instructions call: FORMAT_VALUE's formatting of one field and
 * BUILD_STRING's join of an f-string's parts.
 *
 * f"{i}" and f"{x:.2f}" are the hot cases of "str building": an int with no spec is written straight
 * from its digits and the join measures its parts, then copies each once into the new str.
 */
#include <string.h>

#include "core/vm.h"
#include "objects/object.h"
#include "ops/runtime.h"

static bool text_result(Vm *vm, const char *chars, size_t length, Value *result) {
    ObjString *s = string_copy_counted(vm, chars, length, (uint32_t)length); /* ASCII: as many characters */
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}

bool rt_format_value(Vm *vm, uint32_t conversion, Value v, Value spec, Value *result) {
    static const char conversions[] = {0, 's', 'r', 'a'};
    bool has_spec = !IS_UNDEF(spec);
    if (has_spec && !IS_STRING(spec)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "format spec must be a str, not %s", value_type_name(spec));
    }
    if (conversion > 3) return vm_raise(vm, EXC_VALUE_ERROR, "bad conversion %u", conversion);
    bool plain = conversion == 0 && (!has_spec || AS_STRING(spec)->length == 0);
    if (plain && IS_STRING(v)) {
        *result = v;
        return true;
    }
    if (plain && IS_INT(v)) {
        char digits[24];
        int64_t i = AS_INT(v);
        size_t n = decimal_digits(i < 0 ? 0 - (uint64_t)i : (uint64_t)i, digits + 1);
        if (i < 0) digits[0] = '-';
        return text_result(vm, i < 0 ? digits : digits + 1, n + (i < 0), result);
    }
    StrBuf b;
    strbuf_init(&b);
    const ObjString *s = has_spec ? AS_STRING(spec) : NULL;
    if (!format_field_value(vm, &b, v, conversions[conversion], s ? s->chars : "", s ? s->length : 0)) {
        strbuf_free(vm, &b);
        return false;
    }
    ObjString *out = b.failed ? NULL : string_copy(vm, b.chars, b.length);
    strbuf_free(vm, &b);
    if (out == NULL) return false;
    *result = obj_value(&out->obj);
    return true;
}

bool rt_build_string(Vm *vm, Value *items, uint32_t count, Value *result) {
    if (count == 1 && IS_STRING(items[0])) { /* f"{x}" has one part: the join is that part */
        *result = items[0];
        return true;
    }
    uint64_t length = 0, chars = 0;
    for (uint32_t i = 0; i < count; i++) {
        if (!IS_STRING(items[i])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "BUILD_STRING needs strs, not %s", value_type_name(items[i]));
        }
        length += AS_STRING(items[i])->length;
        chars += AS_STRING(items[i])->char_count;
    }
    for (uint32_t i = 0; length <= 1 && i < count; i++) {
        if (AS_STRING(items[i])->length == length) { /* '' or one ASCII character: that part itself */
            *result = items[i];
            return true;
        }
    }
    if (length > UINT32_MAX - 1) return vm_raise(vm, EXC_MEMORY_ERROR, "string too long");
    ObjString *s = string_uninitialised(vm, length, (uint32_t)chars);
    if (s == NULL) return false;
    char *at = s->chars;
    for (uint32_t i = 0; i < count; i++) {
        memcpy(at, AS_STRING(items[i])->chars, AS_STRING(items[i])->length);
        at += AS_STRING(items[i])->length;
    }
    *result = obj_value(&s->obj);
    return true;
}
