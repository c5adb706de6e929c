/* vm.c: the embedding API: a whole VM's creation, linking, running and freeing.
 *
 * main.c (and the tests) create a Vm (vm_new), load a Program (bytecode/bytecode.c, bytecode/asm.c or
 * the compiler), vm_link it and vm_run it. This is the one file that knows every layer: creating a VM
 * installs the builtins (modules/) and starts the JIT (jit/), and running one enters the interpreter
 * (interp/) or compiled code. Everything below it sees only the parts it needs.
 */
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "interp/interp.h"
#include "jit/jit.h"
#include "modules/builtins.h"
#include "core/gc.h"
#include "core/vm.h"
#include "ops/runtime.h"

/* --- Creating and freeing ------------------------------------------------------------------------------ */

void vm_options_default(VmOptions *options) {
    options->jit_mode = JIT_OFF;
    options->jit_threshold = 64;
    options->recursion_limit = CPVM_DEFAULT_RECURSION_LIMIT;
    options->max_memory = 0;
    options->out = stdout;
}

/* The value stack comes straight from mmap: its pages are zero (VAL_UNDEF) and become resident only when
 * a frame first touches them, whatever malloc debugging (MALLOC_PERTURB_) is in effect. */
static Value *map_stack(void) {
    void *memory = mmap(NULL, CPVM_STACK_VALUES * sizeof(Value), PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return memory == MAP_FAILED ? NULL : (Value *)memory;
}

static void unmap_stack(Value *stack) {
    if (stack != NULL) munmap(stack, CPVM_STACK_VALUES * sizeof(Value));
}

Vm *vm_new(const VmOptions *options) {
    Vm *vm = calloc(1, sizeof(Vm));
    if (vm == NULL) return NULL;
    vm->exec.stack = map_stack();
    vm->exec.frame_capacity = options->recursion_limit < 1 ? 1 : options->recursion_limit;
    vm->exec.frames = calloc((size_t)vm->exec.frame_capacity + 1, sizeof(Frame));
    if (vm->exec.stack == NULL || vm->exec.frames == NULL) {
        unmap_stack(vm->exec.stack);
        free(vm->exec.frames);
        free(vm);
        return NULL;
    }
    vm->exec.stack_end = vm->exec.stack + CPVM_STACK_VALUES;
    vm->exec.stack_high = vm->exec.stack + 1;
    vm->recursion_limit = vm->exec.frame_capacity;
    vm->next_gc = CPVM_GC_MIN_HEAP;
    vm->max_memory = options->max_memory;
    vm->int_max_str_digits = BIGINT_DEFAULT_MAX_STR_DIGITS;
    const char *stress = getenv("CPVM_GC_STRESS");
    vm->gc_stress = stress != NULL && strcmp(stress, "1") == 0;
    vm->out = options->out;
    vm->jit_mode = options->jit_mode;
    vm->jit_threshold = options->jit_threshold;
    vm->call_value = rt_call_value;
    vm->resume_generator = rt_resume_generator;
    vm->print_unraisable = vm_print_unraisable;
    vm->exc_info = none_value();
    vm->gc_paused++; /* builtins are rooted only once builtins_init has stored them */
    bool ok = builtins_init(vm);
    for (int c = 0; ok && c < 128; c++) {
        char ch = (char)c;
        vm->single_chars[c] = string_copy(vm, &ch, 1); /* the cache entry is still NULL: a new str */
        ok = vm->single_chars[c] != NULL;
    }
    vm->gc_paused--;
    if (!ok) {
        vm_free(vm);
        return NULL;
    }
    if (vm->jit_mode != JIT_OFF && !jit_init(vm)) vm->jit_mode = JIT_OFF;
    return vm;
}

void vm_free(Vm *vm) {
    if (vm == NULL) return;
    while (vm->programs != NULL) program_free(vm, vm->programs);
    gc_free_heap(vm);
    free(vm->finalizable);
    free(vm->to_finalize);
    if (vm->jit != NULL) jit_fini(vm);
    free(vm->global_names);
    free(vm->global_values);
    free(vm->builtin_names);
    free(vm->builtin_values);
    for (int t = 0; t < OBJ_TYPE_COUNT; t++) free(vm->type_methods[t]);
    while (vm->sources != NULL) {
        SourceText *next = vm->sources->next;
        free(vm->sources->path);
        free(vm->sources->text);
        free(vm->sources);
        vm->sources = next;
    }
    unmap_stack(vm->exec.stack);
    free(vm->exec.frames);
    free(vm);
}

/* --- Linking globals ----------------------------------------------------------------------------------- */

/* Slot of [name] in the globals, adding it (initialised from the builtins) when new; UINT32_MAX on OOM. */
static uint32_t global_slot(Vm *vm, ObjString *name) {
    for (uint32_t i = 0; i < vm->nglobals; i++) {
        if (string_equal(vm->global_names[i], name)) return i;
    }
    if (vm->nglobals == vm->globals_capacity) {
        uint32_t capacity = vm->globals_capacity < 16 ? 16 : vm->globals_capacity * 2;
        ObjString **names = realloc(vm->global_names, capacity * sizeof(ObjString *));
        if (names == NULL) return UINT32_MAX;
        vm->global_names = names;
        Value *values = realloc(vm->global_values, capacity * sizeof(Value));
        if (values == NULL) return UINT32_MAX;
        vm->global_values = values;
        vm->globals_capacity = capacity;
    }
    Value initial = undef_value();
    for (uint32_t i = 0; i < vm->nbuiltins; i++) {
        if (string_equal(vm->builtin_names[i], name)) initial = vm->builtin_values[i];
    }
    vm->global_names[vm->nglobals] = name;
    vm->global_values[vm->nglobals] = initial;
    return vm->nglobals++;
}

bool vm_link(Vm *vm, Program *program) {
    vm->program = program;
    vm->gc_paused++;
    bool ok = true;
    ObjString *dunder_name = string_from_cstr(vm, "__name__");
    ObjString *main_name = string_from_cstr(vm, "__main__");
    uint32_t slot = dunder_name && main_name ? global_slot(vm, dunder_name) : UINT32_MAX;
    if (slot == UINT32_MAX) ok = false;
    else vm->global_values[slot] = obj_value(&main_name->obj);
    /* __doc__ is None unless the module body starts with a docstring (which then stores it). */
    ObjString *dunder_doc = string_from_cstr(vm, "__doc__");
    slot = ok && dunder_doc ? global_slot(vm, dunder_doc) : UINT32_MAX;
    if (slot == UINT32_MAX) ok = false;
    else vm->global_values[slot] = none_value();
    for (uint32_t c = 0; ok && c < program->count; c++) {
        ObjCode *code = program->codes[c];
        if (code->nnames == 0) continue;
        code->global_slots = VM_ALLOCATE(vm, uint32_t, code->nnames);
        if (code->global_slots == NULL) {
            ok = false;
            break;
        }
        for (uint32_t i = 0; i < code->nnames; i++) {
            code->global_slots[i] = global_slot(vm, code->names[i]);
            if (code->global_slots[i] == UINT32_MAX) ok = false;
        }
    }
    vm->gc_paused--;
    if (!ok) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    /* From here on the globals never move: JIT code embeds the slots' addresses. */
    return true;
}

bool vm_set_argv(Vm *vm, int argc, char **argv) {
    Value argv_list = none_value();
    for (uint32_t i = 0; i < vm->sys_module->count; i++) {
        if (strcmp(vm->sys_module->attr_names[i]->chars, "argv") == 0) argv_list = vm->sys_module->attr_values[i];
    }
    if (!IS_LIST(argv_list)) return true;
    for (int i = 0; i < argc; i++) {
        ObjString *arg = string_from_cstr(vm, argv[i]);
        if (arg == NULL || !list_append(vm, AS_LIST(argv_list), obj_value(&arg->obj))) return false;
    }
    return true;
}

/* --- Running ------------------------------------------------------------------------------------------- */

bool vm_run(Vm *vm) {
    vm_set_c_stack_limit(vm);
    ObjCode *module_code = vm->program->codes[0];
    ObjFunction *module_function = function_new(vm, module_code, NULL);
    if (module_function == NULL) return false;
    vm->exec.stack[0] = obj_value(&module_function->obj);
    Frame *frame = rt_push_frame(vm, &vm->exec.stack[0], 0);
    if (frame == NULL) return false;
    frame->c_entry = true;
    rt_count_call(vm, module_code);
    bool ok;
    if (module_code->jit != NULL) {
        ok = jit_execute(vm, frame, frame->locals + module_code->nlocals, 0) || rt_jit_handle_error(vm, frame);
    } else {
        ok = interp_run(vm, frame);
    }
    vm->exec.frame_count--;
    fflush(vm->out);
    return ok;
}

bool vm_finish(Vm *vm) {
    if (vm->timed_out) return true;
    vm_clear_error(vm);
    vm->exc_info = none_value();
    vm_set_c_stack_limit(vm);
    bool ok = gc_finalize_all(vm);
    fflush(vm->out);
    return ok;
}

