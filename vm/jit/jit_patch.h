/* jit_patch.h: the patch functions, one per way a hole can be written (x86-64 relocation kinds).
 *
 * The emit functions in the generated jit_stencils.h call these after copying a stencil; jit.c includes
 * both. They are static inline in a header of their own so that tests/test_jit.c can patch a known
 * buffer with each one. Names follow CPython's Python/jit.c: the number is the width in bits, "r" means
 * relative to the patched location, "x" means the instruction may be rewritten (relaxed).
 *
 * A hole before and after patching, e.g. HOLE_OPARG = 7 in LOAD_FAST (R_X86_64_32 at offset 1):
 *     b8 00 00 00 00    movl $HOLE_OPARG, %eax        ->    b8 07 00 00 00    movl $7, %eax
 */
#ifndef cpvm_jit_patch_h
#define cpvm_jit_patch_h

#include <assert.h>
#include <string.h>

#include "core/common.h"

/* R_X86_64_64: write the 64-bit absolute [value]. */
static inline void patch_64(unsigned char *location, uint64_t value) {
    memcpy(location, &value, sizeof value);
}

/* R_X86_64_32: write [value] as a 32-bit absolute that the CPU zero-extends. */
static inline void patch_32(unsigned char *location, uint64_t value) {
    assert(value <= UINT32_MAX);
    uint32_t v = (uint32_t)value;
    memcpy(location, &v, sizeof v);
}

/* R_X86_64_32S: write [value] as a 32-bit absolute that the CPU sign-extends. */
static inline void patch_32s(unsigned char *location, uint64_t value) {
    assert((int64_t)value >= INT32_MIN && (int64_t)value <= INT32_MAX);
    int32_t v = (int32_t)(int64_t)value;
    memcpy(location, &v, sizeof v);
}

/* R_X86_64_PC32, PLT32: write [value] relative to [location] (the addend already holds the -4). */
static inline void patch_32r(unsigned char *location, uint64_t value) {
    int64_t relative = (int64_t)(value - (uint64_t)(uintptr_t)location);
    assert(relative >= INT32_MIN && relative <= INT32_MAX);
    int32_t v = (int32_t)relative;
    memcpy(location, &v, sizeof v);
}

/* R_X86_64_GOTPCRELX, REX_GOTPCRELX: [value] is a GOT slot (minus 4) holding the real target. Point at
 * the slot, then, when the target itself is within +-2 GiB, rewrite the instruction to reach it
 * directly (the same relaxations a linker makes; the GOT slot must already be patched):
 *     ff 15 <slot>    call *slot(%rip)     ->  67 e8 <target>   addr32 call target
 *     ff 25 <slot>    jmp *slot(%rip)      ->  90 e9 <target>   nop; jmp target
 *     8b /r <slot>    mov slot(%rip), %r   ->  8d /r <target>   lea target(%rip), %r
 */
static inline void patch_x86_64_32rx(unsigned char *location, uint64_t value) {
    bool call_or_jump = location[-2] == 0xff && (location[-1] == 0x15 || location[-1] == 0x25);
    bool load = location[-2] == 0x8b && (location[-1] & 0xc7) == 0x05; /* mod 00, r/m 101: RIP-relative */
    if (call_or_jump || load) {
        /* These end with the displacement, so the addend is -4 and the slot is at value + 4. */
        uint64_t target;
        memcpy(&target, (const unsigned char *)(uintptr_t)value + 4, sizeof target);
        int64_t relative = (int64_t)(target - 4 - (uint64_t)(uintptr_t)location);
        if (relative >= INT32_MIN && relative <= INT32_MAX) {
            if (load) {
                location[-2] = 0x8d;
            } else {
                location[-2] = location[-1] == 0x15 ? 0x67 : 0x90;
                location[-1] = 0xe8 + (location[-1] == 0x25); /* e8 call, e9 jmp */
            }
            value = target - 4;
        }
    }
    patch_32r(location, value);
}

#endif
