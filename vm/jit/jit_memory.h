/* jit_memory.h: memory for machine code: an arena that packs many compiled functions into shared pages.
 *
 * jit.c asks for a block, writes the function's code and data into it, then seals it, before asking for
 * the next one. The invariant is W^X: no page is ever writable and executable at the same time. Free space
 * is read+write, sealed blocks read+execute; while a block is written, the page it shares with the
 * previous function is briefly not executable, which is safe because the VM is single-threaded and never
 * runs JIT code while compiling.
 */
#ifndef cpvm_jit_memory_h
#define cpvm_jit_memory_h

#include "core/common.h"

typedef struct JitChunk JitChunk;

typedef struct {
    JitChunk *chunks;   /* every mapping; the first one is where new blocks are carved from */
    const void *near;   /* map close to this address (the VM's code) so calls to helpers can be direct */
    size_t chunk_size;  /* bytes per ordinary mapping */
    size_t mapped;      /* bytes mapped in all chunks */
    size_t used;        /* bytes in live blocks */
    size_t padding;     /* bytes lost: alignment gaps, chunk tails no block fitted in, pages of huge blocks */
    bool failed;        /* mmap or mprotect refused once: warned, no more blocks */
} JitArena;

/* [chunk_size] 0 picks the default (CPVM_JIT_CHUNK_BYTES). */
void jit_arena_init(JitArena *arena, const void *near, size_t chunk_size);
void jit_arena_fini(JitArena *arena);
/* A writable block of [size] bytes, 16-byte aligned, or NULL (after one warning on stderr) when the
 * system refuses memory or protection changes. */
unsigned char *jit_arena_alloc(JitArena *arena, size_t size);
/* Makes the block read+execute and flushes the instruction cache. False (warned) if mprotect fails. */
bool jit_arena_seal(JitArena *arena, unsigned char *block, size_t size);
/* Returns a block (sealed or not); a chunk whose blocks are all free is reused (the current one) or unmapped. */
void jit_arena_free(JitArena *arena, unsigned char *block, size_t size);

/* Ordinary chunk size: 256 KiB holds 50-100 typical functions (1-5 KB each), and a program that compiles
 * a single small function maps only that much. */
#define CPVM_JIT_CHUNK_BYTES (256u << 10)

#endif
