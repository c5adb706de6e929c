/* vm.c: the parts of a VM's life that need no object layouts: loaded programs, remembered sources and
 * the C stack limit.
 *
 * Creating, linking and running a whole VM (which brings in builtins, the interpreter and the JIT) is in
 * api/vm.c; errors are in core/errors.c.
 */
#define _GNU_SOURCE /* pthread_getattr_np */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/vm.h"

/* --- Programs ------------------------------------------------------------------------------------------ */

Program *program_new(Vm *vm, ObjString *source, uint32_t count) {
    Program *program = VM_ALLOCATE(vm, Program, 1);
    if (program == NULL) return NULL;
    program->source = source;
    program->count = 0;
    program->codes = count == 0 ? NULL : VM_ALLOCATE(vm, ObjCode *, count);
    if (count != 0 && program->codes == NULL) {
        VM_FREE_ARRAY(vm, Program, program, 1);
        return NULL;
    }
    for (uint32_t i = 0; i < count; i++) program->codes[i] = NULL;
    program->count = count;
    program->next = vm->programs;
    vm->programs = program;
    return program;
}

void program_free(Vm *vm, Program *program) {
    if (program == NULL) return;
    for (Program **link = &vm->programs; *link != NULL; link = &(*link)->next) {
        if (*link == program) {
            *link = program->next;
            break;
        }
    }
    if (vm->program == program) vm->program = NULL;
    VM_FREE_ARRAY(vm, ObjCode *, program->codes, program->count);
    VM_FREE_ARRAY(vm, Program, program, 1);
}

/* --- Sources, for tracebacks --------------------------------------------------------------------------- */

bool vm_remember_source(Vm *vm, const char *path, const char *text, size_t length) {
    SourceText *source = calloc(1, sizeof *source);
    if (source == NULL) return false;
    source->path = strdup(path);
    source->text = malloc(length + 1);
    if (source->path == NULL || source->text == NULL) {
        free(source->path);
        free(source->text);
        free(source);
        return false;
    }
    memcpy(source->text, text, length);
    source->text[length] = '\0';
    source->length = length;
    source->next = vm->sources;
    vm->sources = source;
    return true;
}

/* --- The C stack -------------------------------------------------------------------------------------- */

void vm_set_c_stack_limit(Vm *vm) {
    /* The frame address, not a local's: under ASan a local may live on a heap "fake stack". */
    char *here = __builtin_frame_address(0);
    char *bottom = NULL;
    pthread_attr_t attr;
    /* For the main thread glibc derives the bounds from RLIMIT_STACK and the [stack] mapping, so the
     * environment and argument strings above main's frame are counted, and so is `ulimit -s`. */
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void *address;
        size_t size;
        if (pthread_attr_getstack(&attr, &address, &size) == 0) bottom = address;
        pthread_attr_destroy(&attr);
    }
    /* No answer, or a stack that claims to be unlimited: assume CPVM_C_STACK_MAX below this frame. */
    if (bottom == NULL || bottom >= here || (size_t)(here - bottom) > CPVM_C_STACK_MAX) {
        bottom = here - CPVM_C_STACK_MAX;
    }
    size_t usable = (size_t)(here - bottom);
    vm->exec.c_stack_limit = usable > CPVM_C_STACK_RESERVE ? bottom + CPVM_C_STACK_RESERVE : here;
}

