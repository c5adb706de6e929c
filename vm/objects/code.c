/* code.c: a compiled function body: its constructor, line table lookup and slots.
 *
 * A code object is immutable once built (bytecode/bytecode.c, bytecode/asm.c or the compiler fill it) and
 * trusted only after the verifier accepted it. Its machine code, when the JIT compiled it, is freed
 * through vm->free_jit_code, which the JIT sets: this layer does not know the JIT.
 */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

ObjCode *code_new(Vm *vm) { return (ObjCode *)gc_allocate_object(vm, sizeof(ObjCode), OBJ_CODE); }

uint32_t code_frame_extent(const ObjCode *code) { return code->nlocals + code->max_stack; }

uint32_t code_line_at(const ObjCode *code, uint32_t pc) {
    /* The last entry whose offset is <= pc: binary search over the sorted table. */
    uint32_t low = 0, high = code->nlines;
    while (low < high) {
        uint32_t mid = low + (high - low) / 2;
        if (code->lines[mid].offset <= pc) low = mid + 1;
        else high = mid;
    }
    return low == 0 ? 0 : code->lines[low - 1].line;
}

bool code_is_handler(const ObjCode *code, uint32_t pc) {
    for (uint32_t i = 0; i < code->nexc; i++) {
        if (code->exc_table[i].target == pc) return true;
    }
    return false;
}

const ExcEntry *code_find_handler(const ObjCode *code, uint32_t offset) {
    uint32_t low = 0, high = code->nexc; /* sorted, disjoint: the last entry starting at or before offset */
    while (low < high) {
        uint32_t mid = low + (high - low) / 2;
        if (code->exc_table[mid].start <= offset) low = mid + 1;
        else high = mid;
    }
    if (low == 0) return NULL;
    const ExcEntry *entry = &code->exc_table[low - 1];
    return offset < entry->end ? entry : NULL;
}

static void code_free(Vm *vm, Obj *obj) {
    ObjCode *code = (ObjCode *)obj;
    if (code->jit != NULL) vm->free_jit_code(vm, code); /* set whenever code->jit can be */
    VM_FREE_ARRAY(vm, ObjString *, code->local_names, code->nlocals);
    VM_FREE_ARRAY(vm, Value, code->consts, code->nconsts);
    VM_FREE_ARRAY(vm, ObjString *, code->names, code->nnames);
    VM_FREE_ARRAY(vm, uint32_t, code->global_slots, code->nnames);
    VM_FREE_ARRAY(vm, uint8_t, code->code, code->code == NULL ? 0 : (size_t)code->code_length + 4);
    VM_FREE_ARRAY(vm, LineEntry, code->lines, code->nlines);
    VM_FREE_ARRAY(vm, ExcEntry, code->exc_table, code->nexc);
    gc_free_object(vm, code, sizeof(ObjCode));
}

static void code_mark(GcMarker *marker, Obj *obj) {
    ObjCode *code = (ObjCode *)obj;
    gc_mark_object(marker, (Obj *)code->name);
    gc_mark_object(marker, (Obj *)code->source);
    gc_mark_strings(marker, code->local_names, code->nlocals);
    gc_mark_values(marker, code->consts, code->nconsts);
    gc_mark_strings(marker, code->names, code->nnames);
}

static bool code_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    ObjCode *code = AS_CODE(self);
    strbuf_append_format(vm, b, "<code object %.100s at %p, file \"%.100s\", line %u>",
                         code->name ? code->name->chars : "?", (void *)code,
                         code->source ? code->source->chars : "?", code->nlines ? code->lines[0].line : 0);
    return !b->failed;
}

const TypeInfo code_type = {
    .name = "code",
    .free = code_free,
    .owns_buffers = true,
    .mark = code_mark,
    .repr = code_repr,
};

void code_finish_params(ObjCode *code) {
    bool varargs = (code->flags & CODE_VARARGS) != 0, varkw = (code->flags & CODE_VARKW) != 0;
    code->nparam_slots = code->nparams + code->nkwonly + varargs + varkw;
    code->fast_argc = (code->nkwonly == 0 && !varargs && !varkw) ? code->nparams : UINT32_MAX;
}

const char *code_short_name(const ObjCode *code) {
    if (code->name == NULL) return "?";
    const char *dot = strrchr(code->name->chars, '.');
    return dot != NULL && dot[1] != '\0' ? dot + 1 : code->name->chars;
}
