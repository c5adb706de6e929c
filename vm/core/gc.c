/* gc.c: the one allocator, the small-object page heap, and a precise mark-sweep garbage collector.
 *
 * Every heap byte goes through vm_reallocate or gc_allocate_object, so byte counting, --max-memory and
 * GC triggering live here (clox's reallocate). Objects of up to GC_SMALL_MAX bytes live in pages of one
 * size class each; larger ones (and every object under AddressSanitizer) are malloc blocks on the
 * vm->objects list. Roots: the live part of the value stack (every frame's locals and operand stack),
 * the frames' code, globals, builtins, the one-character strings, every registered Program, temporary
 * roots and traceback entries.
 *
 * Stack slots above a frame's current top are not tracked exactly: the collector marks each frame's
 * whole region (locals + max_stack), which may keep a popped value alive until the slot is reused, and
 * clears the dead slots above the top frame so a later frame never sees a pointer to a freed object.
 * This spares both tiers from saving sp before every call that may allocate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/gc.h"
#include "core/vm.h"

/* Next collection when the heap has doubled since the last one: the collector's work is then paid for
 * by as many bytes of allocation as survived, so its cost per allocated byte stays constant. */
#define GC_HEAP_GROWTH 2

/* At most this many empty pages (32 MiB) wait for reuse after a collection; the rest go back to the
 * system. */
#define GC_MAX_EMPTY_PAGES 512

/* Sanitizer builds skip the page heap, so every object is a separate malloc block and a use after free
 * is caught. */
#if defined(__SANITIZE_ADDRESS__)
#define USE_PAGES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define USE_PAGES 0
#endif
#endif
#ifndef USE_PAGES
#define USE_PAGES 1
#endif

#define GC_GRANULE 16                                   /* slot sizes are multiples of this */
#define GC_SMALL_MAX (CPVM_POOL_CLASSES * GC_GRANULE)   /* largest object a page holds */

/* A slot's type while it is on a free list: outside ObjType, so the sweep can tell it from an object. */
#define SLOT_FREE ((ObjType)0xff)

/* --- Allocation ---------------------------------------------------------------------------------------- */

/* Runs a collection if [growth] more bytes would pass the trigger; then false with MemoryError set if
 * they would pass --max-memory. */
static bool make_room(Vm *vm, size_t growth) {
    if (vm->gc_stress || vm->bytes_allocated + growth > vm->next_gc) gc_collect(vm);
    if (vm->max_memory != 0 && vm->bytes_allocated + growth > vm->max_memory) {
        return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    }
    return true;
}

void *vm_reallocate(Vm *vm, void *pointer, size_t old_size, size_t new_size) {
    if (new_size == 0) {
        vm->bytes_allocated -= old_size;
        free(pointer);
        return NULL;
    }
    if (new_size > old_size && !make_room(vm, new_size - old_size)) return NULL;
    void *result = realloc(pointer, new_size);
    if (result == NULL) {
        vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
        return NULL;
    }
    vm->bytes_allocated = vm->bytes_allocated - old_size + new_size;
    return result;
}

/* --- Pages ---------------------------------------------------------------------------------------------
 *
 * A page is CPVM_PAGE_SIZE bytes from mmap: this header, then slot_count slots of one size class. A class
 * allocates from its free list first, then by bumping a pointer through the unused end of its newest page
 * (vm->bump[k] up to vm->bump_end[k]), whose slots have never been written. Every slot below the bump
 * holds either an object or a free slot (type SLOT_FREE, linked through Obj.next), so the sweep can walk
 * a page slot by slot in address order - memory the prefetcher streams - instead of chasing a list; it
 * rebuilds the free lists in address order, so objects allocated together sit together. A page left
 * empty goes to vm->empty_pages, ready to be bumped through by any class, or back to the system when the
 * reserve already covers what the heap may grow by before the next collection.
 */
struct GcPage {
    GcPage *next; /* the next page of the same class, or of the empty reserve */
    uint32_t slot_size;
    uint32_t slot_count;
};

/* Slots start past the header, 16-byte aligned like malloc's blocks. */
#define PAGE_HEADER ((sizeof(GcPage) + GC_GRANULE - 1) / GC_GRANULE * GC_GRANULE)

static size_t size_class(size_t size) { return (size - 1) / GC_GRANULE; }
static size_t class_slot_size(size_t k) { return (k + 1) * GC_GRANULE; }
static char *page_slots(GcPage *page) { return (char *)page + PAGE_HEADER; }
static char *page_end(GcPage *page) { return page_slots(page) + (size_t)page->slot_count * page->slot_size; }

/* The end of the slots of [page] (of class [k]) that have been handed out: below the bump pointer if
 * [page] is the one the class bumps through. */
static char *page_used_end(Vm *vm, GcPage *page, size_t k) {
    return page_end(page) == vm->bump_end[k] ? vm->bump[k] : page_end(page);
}

/* Gives class [k] a page to bump through (from the empty reserve, else from the system); called when
 * the class has no free slot and its bump page is used up. Returns false when the system has no memory. */
static bool page_add(Vm *vm, size_t k) {
    GcPage *page = vm->empty_pages;
    if (page != NULL) {
        vm->empty_pages = page->next;
        vm->empty_page_count--;
    } else {
        void *memory = mmap(NULL, CPVM_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED) return false;
        page = memory;
        vm->page_count++;
    }
    page->slot_size = (uint32_t)class_slot_size(k);
    page->slot_count = (uint32_t)((CPVM_PAGE_SIZE - PAGE_HEADER) / page->slot_size);
    page->next = vm->pages[k];
    vm->pages[k] = page;
    vm->bump[k] = page_slots(page);
    vm->bump_end[k] = page_end(page);
    return true;
}

static void page_release(Vm *vm, GcPage *page) {
    munmap(page, CPVM_PAGE_SIZE);
    vm->page_count--;
}

/* --- Objects ------------------------------------------------------------------------------------------- */

/* A slot of class [k], or NULL when the system has no memory for a new page. */
static Obj *slot_take(Vm *vm, size_t k) {
    Obj *obj = vm->free_slots[k];
    if (obj != NULL) {
        vm->free_slots[k] = obj->next;
        return obj;
    }
    if (vm->bump[k] == vm->bump_end[k] && !page_add(vm, k)) return NULL;
    obj = (Obj *)vm->bump[k];
    vm->bump[k] += class_slot_size(k);
    return obj;
}

Obj *gc_allocate_object(Vm *vm, size_t size, ObjType type) {
    Obj *obj;
    if (USE_PAGES && size <= GC_SMALL_MAX) {
        size_t k = size_class(size);
        size_t slot_size = class_slot_size(k);
        /* A slot counts as its whole size: that is the memory it takes. */
        if (!make_room(vm, slot_size)) return NULL;
        obj = slot_take(vm, k);
        if (obj == NULL) {
            vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
            return NULL;
        }
        vm->bytes_allocated += slot_size;
        memset(obj, 0, size);
    } else {
        obj = vm_reallocate(vm, NULL, 0, size);
        if (obj == NULL) return NULL;
        memset(obj, 0, size);
        obj->next = vm->objects;
        vm->objects = obj;
    }
    obj->type = type;
    return obj;
}

void gc_free_object(Vm *vm, void *object, size_t size) {
    if (USE_PAGES && size <= GC_SMALL_MAX) {
        /* The slot stays in its page; the next sweep puts it on a free list. */
        ((Obj *)object)->type = SLOT_FREE;
        vm->bytes_allocated -= class_slot_size(size_class(size));
        return;
    }
    vm_reallocate(vm, object, size, 0);
}

/* Whether a dead object of [type] owns memory outside itself, so its type's free slot must release it.
 * Every other small object dies by returning its slot. */
static bool owns_buffers(ObjType type) { return cpvm_types[type]->owns_buffers; }

static void object_free(Vm *vm, Obj *obj) { type_of_obj(obj)->free(vm, obj); }

void gc_free_heap(Vm *vm) {
    for (Obj *obj = vm->objects, *next; obj != NULL; obj = next) {
        next = obj->next;
        object_free(vm, obj);
    }
    vm->objects = NULL;
    for (size_t k = 0; k < CPVM_POOL_CLASSES; k++) {
        for (GcPage *page = vm->pages[k], *next; page != NULL; page = next) {
            next = page->next;
            char *end = page_used_end(vm, page, k);
            for (char *slot = page_slots(page); slot < end; slot += page->slot_size) {
                Obj *obj = (Obj *)slot;
                if (obj->type != SLOT_FREE && owns_buffers(obj->type)) object_free(vm, obj);
            }
            page_release(vm, page);
        }
        vm->pages[k] = NULL;
        vm->free_slots[k] = NULL;
        vm->bump[k] = vm->bump_end[k] = NULL;
    }
    while (vm->empty_pages != NULL) {
        GcPage *page = vm->empty_pages;
        vm->empty_pages = page->next;
        page_release(vm, page);
    }
    vm->empty_page_count = 0;
}

/* --- Marking ------------------------------------------------------------------------------------------- */

/* Gray objects wait on an explicit stack, not the C stack: a list nested a million deep must not overflow
 * it. The stack uses plain realloc, outside the VM heap, so growing it cannot start a collection. */
struct GcMarker {
    Obj **items;
    size_t count, capacity;
};

void gc_mark_object(GcMarker *gray, Obj *obj) {
    if (obj == NULL || obj->marked) return;
    obj->marked = true;
    if (type_of_obj(obj)->mark == NULL) return; /* refers to nothing: black at once */
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

void gc_mark_value(GcMarker *gray, Value v) {
    if (IS_OBJ(v)) gc_mark_object(gray, AS_OBJ(v));
}

void gc_mark_values(GcMarker *gray, const Value *values, size_t count) {
    if (values == NULL) return;
    for (size_t i = 0; i < count; i++) gc_mark_value(gray, values[i]);
}

void gc_mark_strings(GcMarker *gray, ObjString *const *strings, size_t count) {
    if (strings == NULL) return;
    for (size_t i = 0; i < count; i++) gc_mark_object(gray, (Obj *)strings[i]);
}

/* Marks what a gray object refers to. */
/* Marks what a gray object refers to, through its type's mark slot. */
static void blacken_object(GcMarker *gray, Obj *obj) { type_of_obj(obj)->mark(gray, obj); }

/* The end of the live stack: the top frame's region (or just the module's callee slot), or the end of
 * the values calls from C copied above it (vm->c_call_top), whichever is higher. */
static Value *live_stack_top(Vm *vm) {
    Value *end = vm->exec.stack + 1;
    if (vm->exec.frame_count > 0) {
        Frame *top = &vm->exec.frames[vm->exec.frame_count - 1];
        end = top->locals + code_frame_extent(top->code);
    }
    return vm->c_call_top > end ? vm->c_call_top : end; /* a builtin called from C has its arguments above */
}

static void mark_roots(Vm *vm, GcMarker *gray) {
    Value *top = live_stack_top(vm);
    gc_mark_values(gray, vm->exec.stack, (size_t)(top - vm->exec.stack));
    for (Value *slot = top; slot < vm->exec.stack_high; slot++) *slot = undef_value();
    if (vm->exec.stack_high > top) vm->exec.stack_high = top;
    for (int i = 0; i < vm->exec.frame_count; i++) gc_mark_object(gray, (Obj *)vm->exec.frames[i].code);
    gc_mark_strings(gray, vm->global_names, vm->nglobals);
    gc_mark_values(gray, vm->global_values, vm->nglobals);
    gc_mark_strings(gray, vm->builtin_names, vm->nbuiltins);
    gc_mark_values(gray, vm->builtin_values, vm->nbuiltins);
    for (int t = 0; t < OBJ_TYPE_COUNT; t++) {
        const MethodDef *methods = cpvm_types[t]->methods;
        for (uint32_t i = 0; vm->type_methods[t] != NULL && methods[i].name != NULL; i++) {
            gc_mark_object(gray, (Obj *)vm->type_methods[t][i]);
        }
    }
    gc_mark_object(gray, (Obj *)vm->sys_module);
    for (int t = 0; t < VAL_OBJ; t++) gc_mark_object(gray, (Obj *)vm->value_type_objects[t]);
    for (int t = 0; t < OBJ_TYPE_COUNT; t++) gc_mark_object(gray, (Obj *)vm->obj_type_objects[t]);
    gc_mark_strings(gray, vm->single_chars, 128);
    for (Program *program = vm->programs; program != NULL; program = program->next) {
        gc_mark_object(gray, (Obj *)program->source);
        for (uint32_t i = 0; i < program->count; i++) gc_mark_object(gray, (Obj *)program->codes[i]);
    }
    gc_mark_values(gray, vm->temp_roots, (size_t)vm->temp_root_count);
    gc_mark_object(gray, (Obj *)vm->exc_object);
    gc_mark_value(gray, vm->exc_arg);
    gc_mark_value(gray, vm->exc_info);
    for (int t = 0; t < EXC_COUNT_; t++) gc_mark_object(gray, (Obj *)vm->exc_types[t]);
    gc_mark_object(gray, (Obj *)vm->memory_error);
    gc_mark_object(gray, vm->ellipsis);
    gc_mark_object(gray, vm->not_implemented);
    for (uint32_t i = vm->to_finalize_next; i < vm->to_finalize_count; i++) gc_mark_object(gray, vm->to_finalize[i]);
}

/* --- Finalization ------------------------------------------------------------------------------------- */

/* Appends [obj] to the array *[items] (plain realloc: growing it must not start a collection). */
static bool append_object(Obj ***items, uint32_t *count, uint32_t *capacity, Obj *obj) {
    if (*count == *capacity) {
        uint32_t grown = *capacity < 16 ? 16 : *capacity * 2;
        Obj **bigger = realloc(*items, grown * sizeof(Obj *));
        if (bigger == NULL) return false;
        *items = bigger;
        *capacity = grown;
    }
    (*items)[(*count)++] = obj;
    return true;
}

bool gc_register_finalizer(Vm *vm, Obj *obj) {
    if (append_object(&vm->finalizable, &vm->finalizable_count, &vm->finalizable_capacity, obj)) return true;
    return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
}

static bool queue_finalizer(Vm *vm, Obj *obj) {
    return append_object(&vm->to_finalize, &vm->to_finalize_count, &vm->to_finalize_capacity, obj);
}

/* Between marking and sweeping: each registered object left unmarked that needs finalizing is queued
 * and marked (with all it reaches), so the sweep spares it; then the registry drops the dead (unmarked)
 * ones. Queued objects leave the registry: a finalizer runs once, as PEP 442 says. */
static void rescue_finalizable(Vm *vm, GcMarker *gray) {
    for (uint32_t i = 0; i < vm->finalizable_count; i++) {
        Obj *obj = vm->finalizable[i];
        if (obj->marked || !type_of_obj(obj)->needs_finalizer(obj) || !queue_finalizer(vm, obj)) continue;
        vm->finalizable[i] = NULL;
        gc_mark_object(gray, obj);
        while (gray->count > 0) blacken_object(gray, gray->items[--gray->count]);
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < vm->finalizable_count; i++) {
        Obj *obj = vm->finalizable[i];
        if (obj != NULL && obj->marked) vm->finalizable[kept++] = obj;
    }
    vm->finalizable_count = kept;
    if (vm->to_finalize_next < vm->to_finalize_count) {
        /* Ask the next loop back-edge to run them, unless Ctrl-C or --timeout got there first. */
        __sync_bool_compare_and_swap(&vm->exec.interrupt, 0, CPVM_INTERRUPT_FINALIZE);
    }
}

bool gc_run_finalizers(Vm *vm) {
    if (vm->finalizing) return true; /* a safe point inside a finalizer: the running loop below goes on */
    vm->finalizing = true;
    bool ok = true;
    while (ok && vm->to_finalize_next < vm->to_finalize_count) {
        Obj *obj = vm->to_finalize[vm->to_finalize_next]; /* stays queued, so rooted, while it runs */
        if (!type_of_obj(obj)->finalize(vm, obj)) {
            if (vm->exc == EXC_KEYBOARD_INTERRUPT || vm->timed_out) ok = false;
            else vm->print_unraisable(vm, obj);
        }
        vm->to_finalize_next++;
    }
    if (vm->to_finalize_next == vm->to_finalize_count) {
        vm->to_finalize_next = vm->to_finalize_count = 0;
        __sync_bool_compare_and_swap(&vm->exec.interrupt, CPVM_INTERRUPT_FINALIZE, 0); /* all done */
    }
    vm->finalizing = false;
    return ok;
}

bool gc_finalize_all(Vm *vm) {
    for (uint32_t i = 0; i < vm->finalizable_count; i++) {
        Obj *obj = vm->finalizable[i];
        if (type_of_obj(obj)->needs_finalizer(obj) && !queue_finalizer(vm, obj)) break;
    }
    vm->finalizable_count = 0;
    return gc_run_finalizers(vm);
}

/* --- Sweeping ------------------------------------------------------------------------------------------ */

/* Frees the unmarked large objects and unmarks the rest. */
static void sweep_large(Vm *vm) {
    Obj **link = &vm->objects;
    while (*link != NULL) {
        Obj *obj = *link;
        if (obj->marked) {
            obj->marked = false;
            link = &obj->next;
        } else {
            *link = obj->next;
            vm->gc_last_freed++;
            object_free(vm, obj);
        }
    }
}

/* Sweeps the used slots of one page, below [end]: unmarks the live objects, frees the dead ones and
 * appends every free slot, in address order, at *[tail] (which it advances). Returns how many objects
 * are still live. */
static uint32_t sweep_page(Vm *vm, GcPage *page, char *end, Obj ***tail) {
    Obj **link = *tail;
    uint32_t live = 0, freed = 0;
    for (char *slot = page_slots(page); slot < end; slot += page->slot_size) {
        Obj *obj = (Obj *)slot;
        if (obj->marked) {
            obj->marked = false;
            live++;
            continue;
        }
        if (obj->type != SLOT_FREE) {
            vm->gc_last_freed++;
            if (owns_buffers(obj->type)) {
                object_free(vm, obj); /* ends in gc_free_object, which frees the slot and counts it */
            } else {
                obj->type = SLOT_FREE;
                freed++;
            }
        }
        *link = obj;
        link = &obj->next;
    }
    *link = NULL;
    *tail = link;
    vm->bytes_allocated -= (size_t)freed * page->slot_size;
    return live;
}

/* Sweeps every page of every class, rebuilding the free lists; pages left empty are unlinked and put on
 * *[empty]. */
static void sweep_pages(Vm *vm, GcPage **empty) {
    for (size_t k = 0; k < CPVM_POOL_CLASSES; k++) {
        Obj *free_list = NULL;
        Obj **tail = &free_list;
        GcPage **link = &vm->pages[k];
        while (*link != NULL) {
            GcPage *page = *link;
            char *end = page_used_end(vm, page, k);
            Obj **page_start = tail;
            if (sweep_page(vm, page, end, &tail) > 0) {
                link = &page->next;
                continue;
            }
            /* Empty: take its slots back off the free list, and the page out of the class. */
            *page_start = NULL;
            tail = page_start;
            if (vm->bump_end[k] == page_end(page)) vm->bump[k] = vm->bump_end[k] = NULL;
            *link = page->next;
            page->next = *empty;
            *empty = page;
        }
        vm->free_slots[k] = free_list;
    }
}

/* Keeps empty pages while the reserve is smaller than what the heap may grow by before the next
 * collection (that growth would map them again); returns the others to the system. */
static void release_empty_pages(Vm *vm, GcPage *empty) {
    size_t budget = (vm->next_gc - vm->bytes_allocated) / CPVM_PAGE_SIZE;
    if (budget > GC_MAX_EMPTY_PAGES) budget = GC_MAX_EMPTY_PAGES;
    while (empty != NULL) {
        GcPage *page = empty;
        empty = page->next;
        page->next = vm->empty_pages;
        vm->empty_pages = page;
        vm->empty_page_count++;
    }
    while (vm->empty_page_count > budget) {
        GcPage *page = vm->empty_pages;
        vm->empty_pages = page->next;
        vm->empty_page_count--;
        page_release(vm, page);
    }
}

void gc_collect(Vm *vm) {
    if (vm->gc_paused > 0) return;
    GcMarker gray = {NULL, 0, 0};
    vm->gc_last_freed = 0;
    mark_roots(vm, &gray);
    while (gray.count > 0) blacken_object(&gray, gray.items[--gray.count]);
    rescue_finalizable(vm, &gray);
    free(gray.items);
    GcPage *empty = NULL;
    sweep_pages(vm, &empty);
    sweep_large(vm);
    memset(vm->method_cache, 0, sizeof vm->method_cache); /* a freed name's address may be reused */
    vm->gc_count++;
    size_t next = vm->bytes_allocated * GC_HEAP_GROWTH;
    vm->next_gc = next < CPVM_GC_MIN_HEAP ? CPVM_GC_MIN_HEAP : next;
    release_empty_pages(vm, empty);
}
