/* ast.c: the arena that holds a syntax tree (see ast.h).
 *
 * Blocks of at least 64 KiB are malloc'd and handed out by bumping a cursor; arena_free releases them all.
 * lexer.c (decoded strings), parser.c (nodes) and compiler.c (scratch lists) allocate here.
 */
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "compiler/ast.h"

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)

void *arena_alloc(Arena *arena, size_t size) {
    size = (size + 15) & ~(size_t)15; /* keep every allocation 16-byte aligned, like malloc */
    ArenaBlock *block = arena->head;
    if (block == NULL || block->size - block->used < size) {
        size_t block_size = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
        block = malloc(sizeof(ArenaBlock) + block_size);
        if (block == NULL) return NULL;
        block->next = arena->head;
        block->used = 0;
        block->size = block_size;
        arena->head = block;
    }
    void *result = block->data + block->used;
    block->used += size;
    memset(result, 0, size);
    return result;
}

char *arena_strdup(Arena *arena, const char *chars, size_t length) {
    char *copy = arena_alloc(arena, length + 1);
    if (copy == NULL) return NULL;
    memcpy(copy, chars, length);
    copy[length] = '\0';
    return copy;
}

void arena_free(Arena *arena) {
    ArenaBlock *block = arena->head;
    while (block != NULL) {
        ArenaBlock *next = block->next;
        free(block);
        block = next;
    }
    arena->head = NULL;
}
