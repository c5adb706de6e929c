/* jit_memory.c: the JIT's code arena: chunks of mmap'd memory, carved into 16-byte aligned blocks.
 *
 * Called by jit.c only. Blocks are packed end to end, so many small functions share a page, and padding
 * stays a few bytes per function instead of most of a page (CPython's JIT lost up to 71% of its memory
 * that way). Chunks are mapped near the VM's own code when the kernel agrees, so that jit_patch.h can turn
 * calls to runtime helpers into direct calls.
 *
 * W^X (see jit_memory.h): a chunk is two runs of pages, read+execute below [writable_from] (sealed code)
 * and read+write from there on (free space, never executable). Writing a block makes the page it starts
 * in writable again (a sealed function may share it); sealing makes every page up to the block's end
 * executable. Each change only moves the boundary between the two runs, which is the cheapest mprotect
 * (no mapping is split), and it is one call per step however large the block.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "objects/object.h"
#include "jit/jit_memory.h"

struct JitChunk {
    JitChunk *next;
    unsigned char *base;
    size_t size;      /* bytes mapped */
    size_t top;       /* bytes carved so far */
    size_t live;      /* bytes in blocks not yet freed */
    size_t padding;   /* this chunk's share of arena->padding */
    size_t writable_from; /* page-aligned: pages below are read+execute, from here on read+write */
    size_t populated;     /* page-aligned: pages below have been faulted in */
    bool dedicated;   /* mapped for one block larger than half a chunk */
};

/* Blocks start at 16 bytes: the alignment clang gives functions, so a stencil's code lands as compiled. */
#define BLOCK_ALIGN 16
/* How far apart direct calls can be: rel32 reaches +-2 GiB; keep a margin for the binary's own size. */
#define NEAR_DISTANCE ((uintptr_t)1 << 30)

static size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }
static size_t page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

static void warn_once(JitArena *arena, const char *what) {
    if (!arena->failed) {
        fprintf(stderr, "cpvm: warning: JIT disabled: %s failed (%s); continuing in the interpreter\n", what,
                strerror(errno));
    }
    arena->failed = true;
}

void jit_arena_init(JitArena *arena, const void *near, size_t chunk_size) {
    memset(arena, 0, sizeof *arena);
    arena->near = near;
    arena->chunk_size = round_up(chunk_size ? chunk_size : CPVM_JIT_CHUNK_BYTES, page_size());
}

void jit_arena_fini(JitArena *arena) {
    JitChunk *chunk = arena->chunks;
    while (chunk != NULL) {
        JitChunk *next = chunk->next;
        munmap(chunk->base, chunk->size);
        free(chunk);
        chunk = next;
    }
    arena->chunks = NULL;
}

static bool is_near(uintptr_t a, uintptr_t b) { return (a > b ? a - b : b - a) < NEAR_DISTANCE; }

#define MAP_FLAGS (MAP_PRIVATE | MAP_ANONYMOUS)
/* Pages are faulted in ahead of the blocks, this many bytes at a time, with one system call instead of
 * one page fault per page (a quarter of the compile time otherwise); not the whole chunk at once, so
 * that a VM that compiles little starts fast. */
#define POPULATE_BYTES (64u << 10)

/* Maps [size] bytes, trying first just below the lowest chunk (or below the VM's code, rounded down to
 * 2 MiB), then 64 MiB and 128 MiB lower (something may live there), then anywhere. A hint is only a hint:
 * the kernel never replaces an existing mapping for it, and a far mapping still works (through the GOT). */
static unsigned char *map(JitArena *arena, size_t size) {
    uintptr_t near = (uintptr_t)arena->near;
    uintptr_t low = near & ~(uintptr_t)0x1fffff;
    for (JitChunk *chunk = arena->chunks; chunk != NULL; chunk = chunk->next) {
        if ((uintptr_t)chunk->base < low) low = (uintptr_t)chunk->base;
    }
    for (int attempt = 1; near != 0 && attempt <= 3 && low > (size + ((uintptr_t)attempt << 26)); attempt++) {
        uintptr_t hint = (low - size - ((uintptr_t)(attempt - 1) << 26)) & ~(uintptr_t)0xffff;
        void *p = mmap((void *)hint, size, PROT_READ | PROT_WRITE, MAP_FLAGS, -1, 0);
        if (p == MAP_FAILED) break;
        if (is_near((uintptr_t)p, near) && is_near((uintptr_t)p + size, near)) return p;
        munmap(p, size);
    }
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_FLAGS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static JitChunk *new_chunk(JitArena *arena, size_t size, bool dedicated) {
    JitChunk *chunk = calloc(1, sizeof *chunk);
    unsigned char *base = chunk != NULL ? map(arena, size) : NULL;
    if (base == NULL) {
        free(chunk);
        warn_once(arena, "mmap");
        return NULL;
    }
    chunk->base = base;
    chunk->size = size;
    chunk->dedicated = dedicated;
    arena->mapped += size;
    return chunk;
}

/* Gives pages [from, to) of [chunk] (page-aligned offsets) [protection]. */
static bool protect(JitArena *arena, JitChunk *chunk, size_t from, size_t to, int protection) {
    if (from >= to) return true;
    if (mprotect(chunk->base + from, to - from, protection) != 0) {
        warn_once(arena, "mprotect");
        return false;
    }
    return true;
}

static JitChunk *chunk_of(JitArena *arena, const unsigned char *block) {
    for (JitChunk *chunk = arena->chunks; chunk != NULL; chunk = chunk->next) {
        if (block >= chunk->base && block < chunk->base + chunk->size) return chunk;
    }
    return NULL;
}

/* Faults in the pages of [block] (and some beyond) that are new; best effort: MADV_POPULATE_WRITE needs
 * Linux 5.14, and without it the pages fault in one by one as they are written. */
static void populate(JitChunk *chunk, const unsigned char *block, size_t size) {
#ifdef MADV_POPULATE_WRITE
    size_t end = (size_t)(block - chunk->base) + size;
    if (end <= chunk->populated) return;
    size_t to = round_up(end, POPULATE_BYTES);
    if (to > chunk->size) to = chunk->size;
    (void)madvise(chunk->base + chunk->populated, to - chunk->populated, MADV_POPULATE_WRITE);
    chunk->populated = to;
#else
    (void)chunk, (void)block, (void)size;
#endif
}

static void add_padding(JitArena *arena, JitChunk *chunk, size_t bytes) {
    chunk->padding += bytes;
    arena->padding += bytes;
}

/* Carves [size] bytes from [chunk], or returns NULL when they do not fit. */
static unsigned char *carve(JitArena *arena, JitChunk *chunk, size_t size) {
    size_t start = round_up(chunk->top, BLOCK_ALIGN);
    if (start + size > chunk->size) return NULL;
    add_padding(arena, chunk, start - chunk->top);
    chunk->top = start + size;
    chunk->live += size;
    return chunk->base + start;
}

unsigned char *jit_arena_alloc(JitArena *arena, size_t size) {
    if (arena->failed || size == 0) return NULL;
    unsigned char *block = NULL;
    JitChunk *current = arena->chunks;
    if (size > arena->chunk_size / 2) {
        /* A huge function gets a mapping of its own, behind the current chunk, which stays current. */
        JitChunk *chunk = new_chunk(arena, round_up(size, page_size()), true);
        if (chunk == NULL) return NULL;
        block = carve(arena, chunk, size);
        add_padding(arena, chunk, chunk->size - size);
        if (current != NULL) {
            chunk->next = current->next;
            current->next = chunk;
        } else {
            arena->chunks = chunk;
        }
    } else {
        if (current != NULL && !current->dedicated) block = carve(arena, current, size);
        if (block == NULL) {
            JitChunk *chunk = new_chunk(arena, arena->chunk_size, false);
            if (chunk == NULL) return NULL;
            /* The old chunk's tail is lost to padding: nothing reuses it until all its blocks are freed. */
            if (current != NULL && !current->dedicated) add_padding(arena, current, current->size - current->top);
            chunk->next = arena->chunks;
            arena->chunks = chunk;
            block = carve(arena, chunk, size);
        }
    }
    arena->used += size;
    JitChunk *chunk = chunk_of(arena, block);
    populate(chunk, block, size);
    /* The block's first page may hold the end of a sealed function: writable while we write. */
    size_t first_page = (size_t)(block - chunk->base) & ~(page_size() - 1);
    if (!protect(arena, chunk, first_page, chunk->writable_from, PROT_READ | PROT_WRITE)) return NULL;
    if (first_page < chunk->writable_from) chunk->writable_from = first_page;
    return block;
}

bool jit_arena_seal(JitArena *arena, unsigned char *block, size_t size) {
    JitChunk *chunk = chunk_of(arena, block);
    size_t end = round_up((size_t)(block - chunk->base) + size, page_size());
    if (!protect(arena, chunk, chunk->writable_from, end, PROT_READ | PROT_EXEC)) return false;
    chunk->writable_from = end;
    /* x86 keeps instruction and data caches coherent; this is for the CPUs that do not. */
    __builtin___clear_cache((char *)block, (char *)block + size);
    return true;
}

void jit_arena_free(JitArena *arena, unsigned char *block, size_t size) {
    JitChunk *chunk = chunk_of(arena, block);
    if (chunk == NULL) return;
    chunk->live -= size;
    arena->used -= size;
    if (chunk->live != 0) return;
    arena->padding -= chunk->padding;
    chunk->padding = 0;
    if (chunk == arena->chunks && !chunk->dedicated && protect(arena, chunk, 0, chunk->writable_from, PROT_READ | PROT_WRITE)) {
        chunk->top = 0; /* the current chunk is empty again: start over */
        chunk->writable_from = 0;
        return;
    }
    JitChunk **link = &arena->chunks;
    while (*link != chunk) link = &(*link)->next;
    *link = chunk->next;
    arena->mapped -= chunk->size;
    munmap(chunk->base, chunk->size);
    free(chunk);
}
