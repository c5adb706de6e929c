/* jit_inspect_internal.h: what the three files behind jit_inspect.h share; private to them.
 *
 * jit_inspect.c is the one that includes the generated jit_stencils.h (re-running its emit functions
 * to record holes): it lists the stencils, records and describes a compilation's holes, and finds the
 * stack depths gdb needs. jit_explain.c prints `cpvm explain` from what it recorded, knowing nothing of
 * the generated tables. jit_disasm.c turns machine code into listing lines (Capstone, or hex bytes).
 */
#ifndef cpvm_jit_inspect_internal_h
#define cpvm_jit_inspect_internal_h

#include <stdio.h>

#include "objects/object.h"
#include "jit/jit.h"
#include "jit/jit_inspect.h"

/* What `cpvm stencils` and `cpvm explain` say in a build without stencils. */
#define INSPECT_NO_STENCILS "this build has no JIT stencils (configured with -Djit=false, or not x86-64 Linux)"

/* --- Holes (jit_inspect.c) -------------------------------------------------------------------------- */

/* The three parts of a stencil, and of what it becomes in JIT memory. */
typedef enum { PART_CODE, PART_COLD, PART_DATA, PART_COUNT_ } Part;
extern const char *const inspect_part_names[PART_COUNT_]; /* "code", "cold", "data" */

/* One patch function per way of writing a hole; the relocation kinds tools/jit/stencils.py maps to it. */
typedef enum { PATCH_64, PATCH_32, PATCH_32S, PATCH_32R, PATCH_32RX } PatchKind;
typedef struct {
    const char *function;
    const char *relocation;
} PatchKindName;
extern const PatchKindName inspect_patch_kinds[]; /* by PatchKind: "patch_32r", "R_X86_64_PC32/PLT32" */

typedef struct {
    Part part;
    uint32_t offset;        /* in its part */
    PatchKind kind;
    uint64_t value;         /* what the patch function was given */
    const char *expression; /* the value's C expression in jit_stencils.h (a string literal) */
} Hole;

/* A hole's expression, taken apart: a HoleValue (value >= 0) or a symbol, plus an addend. */
typedef struct {
    int value;          /* HoleValue, or -1 for a symbol */
    char symbol[64];    /* the symbol's name when value < 0 */
    int64_t addend;
} Expression;

Expression inspect_parse_expression(const char *text);
/* The HoleValue's name ("OPARG", or "OPARG_2" for step 2's), or the symbol's. */
const char *inspect_expression_name(const Expression *e);

/* --- A recorded compilation (jit_inspect.c records and describes it; jit_explain.c prints it) ------- */

/* One instruction as jit.c emitted it, with its holes as recorded by re-running its emit function. */
typedef struct {
    uint32_t pc, steps, stencil;    /* a sequence stencil runs [steps] instructions from [pc] on */
    const char *stencil_name;
    unsigned char *at[PART_COUNT_]; /* where each part landed in JIT memory */
    uint32_t size[PART_COUNT_];
    Hole *holes;                    /* values exactly as jit.c computed them */
    uint32_t nholes;
} Emitted;

typedef struct {
    Emitted *items;
    uint32_t count, capacity;
    bool failed;
} EmitLog;

/* jit_compile_observed's hook: appends [emitted] to the EmitLog [context]. */
void inspect_record_emitted(void *context, const JitEmitted *emitted);
void inspect_emit_log_fini(EmitLog *log);

typedef struct {
    const ObjCode *code;
    const EmitLog *log;
    unsigned char *memory; /* the function's block */
    char **source_lines;   /* the source file's lines, or NULL when it cannot be read */
    uint32_t nsource_lines;
} Explain;

static inline uint64_t inspect_offset_in(const Explain *x, uint64_t address) {
    return address - (uint64_t)(uintptr_t)x->memory;
}

/* What the code at [address] is, for a branch or call: "pc 41", "cold code of pc 10", "rt_call"; "" when
 * none of these. */
void inspect_describe_target(const Explain *x, uint64_t address, char *buffer, size_t size);
/* A hole of instruction [e] with the value patched in: "OPARG = 3", "TARGET = pc 41 at +0x1a0", ... */
void inspect_describe_hole(const Explain *x, const Emitted *e, const Hole *hole, char *buffer, size_t size);

/* --- Listings (jit_disasm.c) ------------------------------------------------------------------------ */

/* One line of a listing: an instruction, or (without Capstone) up to 16 bytes. */
typedef struct {
    uint64_t address;
    uint32_t size;
    char text[200];     /* AT&T syntax, like llvm-objdump's comments in jit_stencils.h; "" without Capstone */
    uint64_t target;    /* a direct branch's or call's destination, else 0 */
} Line;

typedef struct {
    Line *lines;
    size_t count;
} Listing;

/* Which disassembler the listings come from, for their headings. */
extern const char inspect_disassembler[];

/* Decodes [size] bytes as if at [address] into [listing] (free listing->lines). False when it cannot. */
bool inspect_disassemble(const unsigned char *bytes, size_t size, uint64_t address, Listing *listing);
/* "48 8b 45 f8": [line]'s bytes, which start at [bytes], cut to fit [hex]'s 64 characters. */
void inspect_line_hex(const Line *line, const unsigned char *bytes, char hex[64]);
void inspect_write_hex(FILE *out, const unsigned char *bytes, size_t size);
/* Prints [size] bytes at [bytes] (shown at [address]) as a listing, offsets relative to [base]. */
void inspect_print_listing(FILE *out, const unsigned char *bytes, size_t size, uint64_t address, uint64_t base,
                           const char *indent);

#endif
