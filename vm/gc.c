/* gc.c: the one allocator and a precise mark-sweep garbage collector.
 *
 * Every heap byte goes through vm_reallocate, so byte counting, --max-memory and GC triggering live here
 * (clox's reallocate). Roots: the live part of the value stack (every frame's locals and operand stack),
 * the frames' code, globals, builtins, every registered Program, temporary roots and traceback entries.
 *
 * Stack slots above a frame's current top are not tracked exactly: the collector marks each frame's
 * whole region (locals + max_stack), which may keep a popped value alive until the slot is reused, and
 * clears the dead slots above the top frame so a later frame never sees a pointer to a freed object.
 * This spares both tiers from saving sp before every call that may allocate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

#define GC_MIN_HEAP (8u << 20) /* first collection after 8 MiB: small programs never collect, and churn-heavy ones collect rarely */
#define GC_HEAP_GROWTH 2       /* next collection when the heap has doubled since the last one */

/* --- Allocation ---------------------------------------------------------------------------------------- */

void *vm_reallocate(Vm *vm, void *pointer, size_t old_size, size_t new_size) {
    if (new_size == 0) {
        vm->bytes_allocated -= old_size;
        free(pointer);
        return NULL;
    }
    if (new_size > old_size) {
        size_t growth = new_size - old_size;
        if (vm->gc_stress || vm->bytes_allocated + growth > vm->next_gc) gc_collect(vm);
        if (vm->max_memory != 0 && vm->bytes_allocated + growth > vm->max_memory) {
            vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
            return NULL;
        }
    }
    void *result = realloc(pointer, new_size);
    if (result == NULL) {
        vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
        return NULL;
    }
    vm->bytes_allocated = vm->bytes_allocated - old_size + new_size;
    return result;
}

/* --- Small objects ------------------------------------------------------------------------------------- */

/* Sanitizer builds skip the pool, so every object is a separate malloc block and a use after free is caught. */
#if defined(__SANITIZE_ADDRESS__)
#define USE_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define USE_POOL 0
#endif
#endif
#ifndef USE_POOL
#define USE_POOL 1
#endif

#define POOL_GRANULE 16

/* Size class of a [size]-byte object: blocks of class k hold (k + 1) * 16 bytes. */
static size_t pool_class(size_t size) { return (size - 1) / POOL_GRANULE; }

void *gc_allocate_object(Vm *vm, size_t size) {
    size_t k = pool_class(size);
    if (!USE_POOL || k >= CPVM_POOL_CLASSES || vm->object_pool[k] == NULL) {
        /* A fresh block is a whole class's size, so it can join that class's list when freed. */
        size_t rounded = k < CPVM_POOL_CLASSES ? (k + 1) * POOL_GRANULE : size;
        void *block = vm_reallocate(vm, NULL, 0, rounded);
        if (block != NULL && rounded != size) vm->bytes_allocated -= rounded - size; /* count what was asked */
        return block;
    }
    /* Reuse a freed block; it still counts towards the next collection and --max-memory. */
    if (vm->gc_stress || vm->bytes_allocated + size > vm->next_gc) gc_collect(vm);
    if (vm->max_memory != 0 && vm->bytes_allocated + size > vm->max_memory) {
        vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
        return NULL;
    }
    if (vm->object_pool[k] == NULL) return gc_allocate_object(vm, size); /* the collection took the pool */
    void *block = vm->object_pool[k];
    vm->object_pool[k] = *(void **)block;
    vm->bytes_allocated += size;
    return block;
}

void gc_free_object(Vm *vm, void *object, size_t size) {
    size_t k = pool_class(size);
    if (!USE_POOL || k >= CPVM_POOL_CLASSES) {
        vm_reallocate(vm, object, size, 0);
        return;
    }
    vm->bytes_allocated -= size;
    *(void **)object = vm->object_pool[k];
    vm->object_pool[k] = object;
}

void gc_release_pool(Vm *vm) {
    for (size_t k = 0; k < CPVM_POOL_CLASSES; k++) {
        while (vm->object_pool[k] != NULL) {
            void *block = vm->object_pool[k];
            vm->object_pool[k] = *(void **)block;
            free(block);
        }
    }
}

/* --- Marking ------------------------------------------------------------------------------------------- */

/* Gray objects wait on an explicit stack, not the C stack: a list nested a million deep must not overflow
 * it. The stack uses plain realloc, outside the VM heap, so growing it cannot start a collection. */
typedef struct {
    Obj **items;
    size_t count, capacity;
} GrayStack;

static void mark_object(GrayStack *gray, Obj *obj) {
    if (obj == NULL || obj->marked) return;
    obj->marked = true;
    if (obj->type == OBJ_STRING || obj->type == OBJ_BUILTIN || obj->type == OBJ_RANGE) return; /* no children */
    if (gray->count == gray->capacity) {
        size_t capacity = gray->capacity < 256 ? 256 : gray->capacity * 2;
        Obj **items = realloc(gray->items, capacity * sizeof(Obj *));
        if (items == NULL) {
            fprintf(stderr, "cpvm: fatal: out of memory while collecting garbage\n");
            abort();
        }
        gray->items = items;
        gray->capacity = capacity;
    }
    gray->items[gray->count++] = obj;
}

static void mark_value(GrayStack *gray, Value v) {
    if (IS_OBJ(v)) mark_object(gray, AS_OBJ(v));
}

static void mark_values(GrayStack *gray, const Value *values, size_t count) {
    if (values == NULL) return;
    for (size_t i = 0; i < count; i++) mark_value(gray, values[i]);
}

static void mark_strings(GrayStack *gray, ObjString *const *strings, size_t count) {
    if (strings == NULL) return;
    for (size_t i = 0; i < count; i++) mark_object(gray, (Obj *)strings[i]);
}

/* Marks what a gray object refers to. */
static void blacken_object(GrayStack *gray, Obj *obj) {
    switch (obj->type) {
    case OBJ_LIST: mark_values(gray, ((ObjList *)obj)->items, ((ObjList *)obj)->count); break;
    case OBJ_TUPLE: mark_values(gray, ((ObjTuple *)obj)->items, ((ObjTuple *)obj)->count); break;
    case OBJ_CODE: {
        ObjCode *code = (ObjCode *)obj;
        mark_object(gray, (Obj *)code->name);
        mark_object(gray, (Obj *)code->source);
        mark_strings(gray, code->local_names, code->nlocals);
        mark_values(gray, code->consts, code->nconsts);
        mark_strings(gray, code->names, code->nnames);
        break;
    }
    case OBJ_FUNCTION:
        mark_object(gray, (Obj *)((ObjFunction *)obj)->code);
        mark_object(gray, (Obj *)((ObjFunction *)obj)->defaults);
        break;
    case OBJ_MODULE: {
        ObjModule *module = (ObjModule *)obj;
        mark_object(gray, (Obj *)module->name);
        mark_strings(gray, module->attr_names, module->count);
        mark_values(gray, module->attr_values, module->count);
        break;
    }
    case OBJ_ITER: mark_value(gray, ((ObjIter *)obj)->seq); break;
    case OBJ_SLICE: {
        ObjSlice *slice = (ObjSlice *)obj;
        mark_value(gray, slice->start);
        mark_value(gray, slice->stop);
        mark_value(gray, slice->step);
        break;
    }
    case OBJ_STRING:
    case OBJ_BUILTIN:
    case OBJ_RANGE: break;
    }
}

/* The end of the live stack: the top frame's region, or just the module's callee slot. */
static Value *live_stack_top(Vm *vm) {
    if (vm->frame_count == 0) return vm->stack + 1;
    Frame *top = &vm->frames[vm->frame_count - 1];
    return top->locals + top->code->nlocals + top->code->max_stack;
}

static void mark_roots(Vm *vm, GrayStack *gray) {
    Value *top = live_stack_top(vm);
    mark_values(gray, vm->stack, (size_t)(top - vm->stack));
    for (Value *slot = top; slot < vm->stack_high; slot++) *slot = undef_value();
    if (vm->stack_high > top) vm->stack_high = top;
    for (int i = 0; i < vm->frame_count; i++) mark_object(gray, (Obj *)vm->frames[i].code);
    mark_strings(gray, vm->global_names, vm->nglobals);
    mark_values(gray, vm->global_values, vm->nglobals);
    mark_strings(gray, vm->builtin_names, vm->nbuiltins);
    mark_values(gray, vm->builtin_values, vm->nbuiltins);
    for (uint32_t i = 0; i < vm->nlist_methods; i++) mark_object(gray, (Obj *)vm->list_methods[i]);
    mark_object(gray, (Obj *)vm->sys_module);
    for (Program *program = vm->programs; program != NULL; program = program->next) {
        mark_object(gray, (Obj *)program->source);
        for (uint32_t i = 0; i < program->count; i++) mark_object(gray, (Obj *)program->codes[i]);
    }
    mark_values(gray, vm->temp_roots, (size_t)vm->temp_root_count);
    for (uint32_t i = 0; i < vm->traceback_count; i++) mark_object(gray, (Obj *)vm->traceback[i].code);
}

/* --- Sweeping ------------------------------------------------------------------------------------------ */

static void sweep(Vm *vm) {
    Obj **link = &vm->objects;
    while (*link != NULL) {
        Obj *obj = *link;
        if (obj->marked) {
            obj->marked = false;
            link = &obj->next;
        } else {
            *link = obj->next;
            object_free(vm, obj);
        }
    }
}

void gc_collect(Vm *vm) {
    if (vm->gc_paused > 0) return;
    GrayStack gray = {NULL, 0, 0};
    mark_roots(vm, &gray);
    while (gray.count > 0) blacken_object(&gray, gray.items[--gray.count]);
    free(gray.items);
    sweep(vm);
    memset(vm->method_cache, 0, sizeof vm->method_cache); /* a freed name's address may be reused */
    vm->gc_count++;
    size_t next = vm->bytes_allocated * GC_HEAP_GROWTH;
    vm->next_gc = next < GC_MIN_HEAP ? GC_MIN_HEAP : next;
}
