/* jit_debug.c: watching compiled code from outside: --trace-jit, --perf-map, --perf-jitdump, --gdb-jit.
 *
 * Profilers and debuggers know nothing of code that appears at run time; each has a protocol for being
 * told. perf reads /tmp/perf-PID.map (a name per address range) or, better, a jitdump file that also
 * holds the code bytes and line numbers; gdb sets a breakpoint on __jit_debug_register_code and reads a
 * small ELF file out of our memory for each function, with symbols, a line table and unwind rules.
 * jit.c calls in here (only while vm->jit_debug is set); the unwind rules come from the stack depth
 * through each stencil that jit_inspect.c works out. All state is in the JitDebug hanging off the Vm,
 * except the two symbols the GDB protocol itself fixes (see "GDB" below).
 */
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "objects/object.h"
#include "jit/jit_debug.h"
#include "jit/jit_inspect.h"
#include "bytecode/opcodes.h"

/* --- The GDB JIT interface ---------------------------------------------------------------------------- */

/* These declarations are gdb's, from its manual ("JIT Compilation Interface"); the names, layout and
 * version are the protocol. gdb finds __jit_debug_descriptor by name, puts a breakpoint in
 * __jit_debug_register_code and, each time it is hit, reads relevant_entry's in-memory symbol file.
 * They are the one exception to "no global mutable state": the debugger requires exactly one such
 * descriptor per process. Entries of several VMs share the list; like the VMs, it is not thread-safe. */
typedef enum { JIT_NOACTION = 0, JIT_REGISTER_FN, JIT_UNREGISTER_FN } jit_actions_t;

struct jit_code_entry {
    struct jit_code_entry *next_entry;
    struct jit_code_entry *prev_entry;
    const char *symfile_addr;
    uint64_t symfile_size;
};

struct jit_descriptor {
    uint32_t version;
    uint32_t action_flag; /* a jit_actions_t */
    struct jit_code_entry *relevant_entry;
    struct jit_code_entry *first_entry;
};

void __jit_debug_register_code(void);
extern struct jit_descriptor __jit_debug_descriptor;

/* noinline and the empty asm keep the call and the function: gdb's breakpoint must have somewhere to be. */
__attribute__((noinline, used)) void __jit_debug_register_code(void) { __asm__ volatile("" ::: "memory"); }
struct jit_descriptor __jit_debug_descriptor = {1, JIT_NOACTION, NULL, NULL};

/* --- State ------------------------------------------------------------------------------------------------ */

/* Where one instruction of the function being compiled landed (from jit.c's emit hook). */
typedef struct {
    uint32_t pc, stencil;
    uintptr_t code, cold;
    uint32_t code_size, cold_size;
} Placed;

/* A symbol file registered with gdb, owned here until it is unregistered. */
typedef struct GdbEntry {
    struct jit_code_entry entry; /* first: gdb's list links entries, we free through them */
    const ObjCode *code;         /* NULL for the entry shim */
    unsigned char *symfile;
    struct GdbEntry *next;       /* this VM's entries */
} GdbEntry;

/* The stack steps of one stencil's hot or cold code, computed once. */
typedef struct {
    JitStackStep *steps;
    size_t count;
    bool known;
} StepCache;

struct JitDebug {
    unsigned flags;
    Placed *placed; /* the function being compiled, in emit order */
    uint32_t nplaced, placed_capacity;
    FILE *perf_map;
    FILE *jitdump;
    void *jitdump_marker; /* a mapping of the jitdump file: how perf record notices it */
    size_t jitdump_marker_size;
    uint64_t code_index;
    GdbEntry *gdb_entries;
    StepCache *steps; /* 2 per stencil (hot, cold), then the shim's */
    uint32_t nstencils;
};

static uint64_t monotonic_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t); /* the clock perf record -k mono uses for its samples */
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* The name every tool shows for compiled [code]: cpvm:FILE:FUNCTION (perf's map format wants no spaces). */
static void function_symbol(const ObjCode *code, char *buffer, size_t size) {
    snprintf(buffer, size, "cpvm:%s:%s", code->source->chars, code->name->chars);
    for (char *c = buffer; *c; c++) {
        if (*c == ' ') *c = '_';
    }
}

/* The extent of the machine code of the function just compiled: its hot and cold code, not its data. */
static size_t placed_code_bytes(const JitDebug *debug, uintptr_t start) {
    uintptr_t end = start;
    for (uint32_t i = 0; i < debug->nplaced; i++) {
        const Placed *p = &debug->placed[i];
        if (p->code + p->code_size > end) end = p->code + p->code_size;
        if (p->cold + p->cold_size > end) end = p->cold + p->cold_size;
    }
    return end - start;
}

/* --- A little byte buffer ----------------------------------------------------------------------------- */

typedef struct {
    unsigned char *bytes;
    size_t size, capacity;
    bool failed;
} Buffer;

static void put(Buffer *b, const void *data, size_t n) {
    if (b->failed) return;
    if (b->size + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 1024;
        while (capacity < b->size + n) capacity *= 2;
        unsigned char *bytes = realloc(b->bytes, capacity);
        if (bytes == NULL) {
            b->failed = true;
            return;
        }
        b->bytes = bytes;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->size, data, n);
    b->size += n;
}

static void put_u8(Buffer *b, uint8_t v) { put(b, &v, 1); }
static void put_u16(Buffer *b, uint16_t v) { put(b, &v, 2); }
static void put_u32(Buffer *b, uint32_t v) { put(b, &v, 4); }
static void put_u64(Buffer *b, uint64_t v) { put(b, &v, 8); }
static void put_string(Buffer *b, const char *s) { put(b, s, strlen(s) + 1); }

static void put_uleb(Buffer *b, uint64_t v) {
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        put_u8(b, byte | (v ? 0x80 : 0));
    } while (v);
}

static void put_sleb(Buffer *b, int64_t v) {
    for (bool more = true; more;) {
        uint8_t byte = v & 0x7f;
        v >>= 7; /* arithmetic shift on gcc and clang */
        more = !((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40)));
        put_u8(b, byte | (more ? 0x80 : 0));
    }
}

static void pad_to(Buffer *b, size_t alignment, uint8_t fill) {
    while (b->size % alignment) put_u8(b, fill);
}

/* Patches the 32-bit length field at [at] to cover what follows it up to the end of the buffer. */
static void close_length(Buffer *b, size_t at) {
    if (b->failed) return;
    uint32_t length = (uint32_t)(b->size - at - 4);
    memcpy(b->bytes + at, &length, 4);
}

/* --- Line and unwind tables of a compiled function ------------------------------------------------- */

typedef struct {
    uintptr_t address;
    uint32_t value; /* a source line, or a CFA offset */
} Row;

typedef struct {
    Row *rows;
    size_t count, capacity;
} Rows;

static void add_row(Rows *rows, uintptr_t address, uint32_t value) {
    if (rows->count > 0 && rows->rows[rows->count - 1].value == value) return;
    if (rows->count > 0 && rows->rows[rows->count - 1].address == address) {
        rows->rows[rows->count - 1].value = value;
        return;
    }
    if (rows->count == rows->capacity) {
        size_t capacity = rows->capacity ? rows->capacity * 2 : 64;
        Row *grown = realloc(rows->rows, capacity * sizeof *grown);
        if (grown == NULL) return; /* a shorter table: gdb only loses precision */
        rows->rows = grown;
        rows->capacity = capacity;
    }
    rows->rows[rows->count++] = (Row){address, value};
}

static const StepCache *stack_steps(JitDebug *debug, uint32_t stencil, bool cold) {
    StepCache *cache = &debug->steps[stencil * 2 + (cold && stencil < debug->nstencils)];
    if (!cache->known) {
        JitStackStep steps[128];
        size_t n = jit_inspect_stack_steps(stencil, cold, steps, 128);
        if (n > 128) n = 128;
        cache->steps = malloc(n * sizeof *cache->steps);
        if (cache->steps != NULL) memcpy(cache->steps, steps, n * sizeof *steps);
        cache->count = cache->steps ? n : 0;
        cache->known = true;
    }
    return cache;
}

/* The unwind state from [address] on: the stack depth and the saved registers (see JitStackStep). */
typedef struct {
    uintptr_t address;
    JitStackStep step;
} UnwindRow;

typedef struct {
    UnwindRow *rows;
    size_t count, capacity;
} UnwindRows;

static void add_unwind_row(UnwindRows *rows, uintptr_t address, const JitStackStep *step) {
    if (rows->count == rows->capacity) {
        size_t capacity = rows->capacity ? rows->capacity * 2 : 64;
        UnwindRow *grown = realloc(rows->rows, capacity * sizeof *grown);
        if (grown == NULL) return; /* a shorter table: gdb only loses precision */
        rows->rows = grown;
        rows->capacity = capacity;
    }
    rows->rows[rows->count++] = (UnwindRow){address, *step};
}

/* The steps of every stencil placed, at their addresses: hot code of every instruction, then cold code. */
static void unwind_rows(JitDebug *debug, UnwindRows *rows) {
    for (int cold = 0; cold < 2; cold++) {
        for (uint32_t i = 0; i < debug->nplaced; i++) {
            const Placed *p = &debug->placed[i];
            if ((cold ? p->cold_size : p->code_size) == 0) continue;
            const StepCache *cache = stack_steps(debug, p->stencil, cold);
            uintptr_t base = cold ? p->cold : p->code;
            for (size_t s = 0; s < cache->count; s++) add_unwind_row(rows, base + cache->steps[s].offset, &cache->steps[s]);
        }
    }
}

static void line_rows(const JitDebug *debug, const ObjCode *code, Rows *rows) {
    for (int cold = 0; cold < 2; cold++) {
        for (uint32_t i = 0; i < debug->nplaced; i++) {
            const Placed *p = &debug->placed[i];
            if ((cold ? p->cold_size : p->code_size) == 0) continue;
            uint32_t line = code_line_at(code, p->pc);
            add_row(rows, cold ? p->cold : p->code, line ? line : 1);
        }
    }
}

/* --- GDB: an in-memory ELF file per function ----------------------------------------------------- */

/* Section numbers of the symbol file. .text is NOBITS: it only says where the code is. */
enum { SEC_NULL, SEC_TEXT, SEC_EH_FRAME, SEC_DEBUG_INFO, SEC_DEBUG_ABBREV, SEC_DEBUG_LINE, SEC_SYMTAB, SEC_STRTAB,
       SEC_SHSTRTAB, SEC_COUNT };

/* DWARF constants used below (from the DWARF 2 standard). */
enum {
    DW_CFA_nop = 0x00, DW_CFA_advance_loc4 = 0x04, DW_CFA_def_cfa = 0x0c, DW_CFA_def_cfa_offset = 0x0e,
    DW_CFA_offset = 0x80, DW_CFA_restore = 0xc0, DW_REG_RSP = 7, DW_REG_RIP = 16, DW_EH_PE_absptr = 0x00,
    DW_TAG_compile_unit = 0x11, DW_AT_name = 0x03, DW_AT_stmt_list = 0x10, DW_AT_low_pc = 0x11,
    DW_AT_high_pc = 0x12, DW_FORM_addr = 0x01, DW_FORM_data4 = 0x06, DW_FORM_string = 0x08,
    DW_LNS_copy = 1, DW_LNS_advance_pc = 2, DW_LNS_advance_line = 3, DW_LNE_end_sequence = 1,
    DW_LNE_set_address = 2,
};

/* DWARF register numbers of the JIT_SAVED_* registers. */
static const uint8_t saved_dwarf[JIT_SAVED_COUNT_] = {3, 6, 12, 13, 14, 15};

/* .eh_frame: one CIE (on entry the CFA is rsp + 8 and the return address is at CFA - 8) and one FDE whose
 * rows follow the stack: after `pushq %rbp` at the start of the CALL stencil the CFA is rsp + 16 and the
 * caller's rbp is at CFA - 16; gdb needs both to unwind past JIT frames into C frames that use rbp. */
static void write_eh_frame(Buffer *b, uintptr_t start, size_t size, const UnwindRows *cfa) {
    size_t cie = b->size;
    put_u32(b, 0);              /* length, filled in below */
    put_u32(b, 0);              /* CIE id */
    put_u8(b, 1);               /* version */
    put_string(b, "zR");        /* augmentation: has a length, pointers encoded as below */
    put_uleb(b, 1);             /* code alignment factor */
    put_sleb(b, -8);            /* data alignment factor */
    put_u8(b, DW_REG_RIP);      /* return address column */
    put_uleb(b, 1);             /* augmentation data length */
    put_u8(b, DW_EH_PE_absptr); /* FDE addresses are absolute 8-byte values */
    put_u8(b, DW_CFA_def_cfa);
    put_uleb(b, DW_REG_RSP);
    put_uleb(b, 8);
    put_u8(b, DW_CFA_offset | DW_REG_RIP);
    put_uleb(b, 1);
    pad_to(b, 8, DW_CFA_nop);
    close_length(b, cie);
    size_t fde = b->size;
    put_u32(b, 0);
    put_u32(b, (uint32_t)(b->size - cie)); /* distance back to the CIE */
    put_u64(b, start);
    put_u64(b, size);
    put_uleb(b, 0); /* augmentation data length */
    uintptr_t at = start;
    JitStackStep previous = {0, 0, {-1, -1, -1, -1, -1, -1}};
    for (size_t i = 0; cfa != NULL && i < cfa->count; i++) {
        const JitStackStep *step = &cfa->rows[i].step;
        if (cfa->rows[i].address > at) {
            put_u8(b, DW_CFA_advance_loc4);
            put_u32(b, (uint32_t)(cfa->rows[i].address - at));
            at = cfa->rows[i].address;
        }
        if (step->depth != previous.depth) {
            put_u8(b, DW_CFA_def_cfa_offset);
            put_uleb(b, 8 + step->depth);
        }
        for (int r = 0; r < JIT_SAVED_COUNT_; r++) {
            if (step->saved[r] == previous.saved[r]) continue;
            if (step->saved[r] < 0) {
                put_u8(b, DW_CFA_restore | saved_dwarf[r]);
            } else {
                put_u8(b, DW_CFA_offset | saved_dwarf[r]);
                put_uleb(b, (uint64_t)(8 + step->saved[r]) / 8); /* at CFA - 8 - saved: factor -8 */
            }
        }
        previous = *step;
    }
    pad_to(b, 8, DW_CFA_nop);
    close_length(b, fde);
    put_u32(b, 0); /* end of .eh_frame */
}

static void write_debug_abbrev(Buffer *b) {
    put_uleb(b, 1); /* abbreviation 1: a compile unit without children */
    put_uleb(b, DW_TAG_compile_unit);
    put_u8(b, 0);
    put_uleb(b, DW_AT_name), put_uleb(b, DW_FORM_string);
    put_uleb(b, DW_AT_low_pc), put_uleb(b, DW_FORM_addr);
    put_uleb(b, DW_AT_high_pc), put_uleb(b, DW_FORM_addr);
    put_uleb(b, DW_AT_stmt_list), put_uleb(b, DW_FORM_data4);
    put_u8(b, 0), put_u8(b, 0);
    put_u8(b, 0);
}

static void write_debug_info(Buffer *b, const char *file, uintptr_t start, size_t size) {
    size_t unit = b->size;
    put_u32(b, 0);
    put_u16(b, 2); /* DWARF version */
    put_u32(b, 0); /* abbreviations at offset 0 */
    put_u8(b, 8);  /* address size */
    put_uleb(b, 1);
    put_string(b, file);
    put_u64(b, start);
    put_u64(b, start + size);
    put_u32(b, 0); /* the line program at offset 0 */
    close_length(b, unit);
}

/* .debug_line: a row per instruction (hot and cold code), so gdb prints "at prog.py:3" for JIT frames. */
static void write_debug_line(Buffer *b, const char *file, uintptr_t start, size_t size, const Rows *lines) {
    size_t unit = b->size;
    put_u32(b, 0);
    put_u16(b, 2);
    size_t header = b->size;
    put_u32(b, 0);
    put_u8(b, 1);  /* minimum instruction length */
    put_u8(b, 1);  /* default is_stmt */
    put_u8(b, (uint8_t)-5); /* line base, line range: unused, this program has no special opcodes */
    put_u8(b, 14);
    put_u8(b, 10); /* opcode base: the 9 standard opcodes of DWARF 2 and 3 */
    static const uint8_t lengths[9] = {0, 1, 1, 1, 1, 0, 0, 0, 1};
    put(b, lengths, sizeof lengths);
    put_u8(b, 0); /* no include directories */
    put_string(b, file);
    put_uleb(b, 0), put_uleb(b, 0), put_uleb(b, 0);
    put_u8(b, 0);
    close_length(b, header);
    put_u8(b, 0), put_uleb(b, 9), put_u8(b, DW_LNE_set_address);
    put_u64(b, start);
    uintptr_t at = start;
    int64_t line = 1;
    for (size_t i = 0; lines != NULL && i < lines->count; i++) {
        if (lines->rows[i].address > at) {
            put_u8(b, DW_LNS_advance_pc);
            put_uleb(b, lines->rows[i].address - at);
            at = lines->rows[i].address;
        }
        if ((int64_t)lines->rows[i].value != line) {
            put_u8(b, DW_LNS_advance_line);
            put_sleb(b, (int64_t)lines->rows[i].value - line);
            line = lines->rows[i].value;
        }
        put_u8(b, DW_LNS_copy);
    }
    if (start + size > at) {
        put_u8(b, DW_LNS_advance_pc);
        put_uleb(b, start + size - at);
    }
    put_u8(b, 0), put_uleb(b, 1), put_u8(b, DW_LNE_end_sequence);
    close_length(b, unit);
}

/* A relocatable ELF file describing [size] bytes of code at [start] named [name]: gdb places .text at its
 * sh_addr, so every address in it is absolute. The layout follows LuaJIT's lj_gdbjit.c. */
static bool build_symfile(Buffer *b, const char *name, const char *file, uintptr_t start, size_t size,
                          const Rows *lines, const UnwindRows *cfa) {
    Elf64_Shdr sections[SEC_COUNT];
    memset(sections, 0, sizeof sections);
    Elf64_Ehdr header;
    memset(&header, 0, sizeof header);
    put(b, &header, sizeof header); /* filled in last */
    size_t offsets[SEC_COUNT] = {0};
#define SECTION(id, body)                                                                                     \
    do {                                                                                                      \
        pad_to(b, 8, 0);                                                                                      \
        offsets[id] = b->size;                                                                                \
        body;                                                                                                 \
        sections[id].sh_offset = offsets[id];                                                                 \
        sections[id].sh_size = b->size - offsets[id];                                                         \
    } while (0)
    SECTION(SEC_EH_FRAME, write_eh_frame(b, start, size, cfa));
    if (file != NULL) {
        SECTION(SEC_DEBUG_INFO, write_debug_info(b, file, start, size));
        SECTION(SEC_DEBUG_ABBREV, write_debug_abbrev(b));
        SECTION(SEC_DEBUG_LINE, write_debug_line(b, file, start, size, lines));
    }
    size_t name_offset = 1 + strlen("cpvm-jit") + 1;
    SECTION(SEC_STRTAB, (put_u8(b, 0), put_string(b, "cpvm-jit"), put_string(b, name)));
    Elf64_Sym symbols[3] = {
        {0},
        {.st_name = 1, .st_info = ELF64_ST_INFO(STB_LOCAL, STT_FILE), .st_shndx = SHN_ABS},
        {.st_name = (Elf64_Word)name_offset, .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), .st_shndx = SEC_TEXT,
         .st_value = 0, .st_size = size},
    };
    SECTION(SEC_SYMTAB, put(b, symbols, sizeof symbols));
    static const char *const names[SEC_COUNT] = {"", ".text", ".eh_frame", ".debug_info", ".debug_abbrev",
                                                 ".debug_line", ".symtab", ".strtab", ".shstrtab"};
    size_t name_at[SEC_COUNT];
    SECTION(SEC_SHSTRTAB, for (int i = 0; i < SEC_COUNT; i++) {
        name_at[i] = b->size - offsets[SEC_SHSTRTAB];
        put_string(b, names[i]);
    });
#undef SECTION
    for (int i = 1; i < SEC_COUNT; i++) sections[i].sh_name = (Elf64_Word)name_at[i];
    sections[SEC_TEXT] = (Elf64_Shdr){.sh_name = (Elf64_Word)name_at[SEC_TEXT], .sh_type = SHT_NOBITS,
                                      .sh_flags = SHF_ALLOC | SHF_EXECINSTR, .sh_addr = start, .sh_size = size,
                                      .sh_addralign = 16};
    sections[SEC_EH_FRAME].sh_type = SHT_PROGBITS;
    sections[SEC_EH_FRAME].sh_flags = SHF_ALLOC;
    sections[SEC_EH_FRAME].sh_addralign = 8;
    for (int i = SEC_DEBUG_INFO; i <= SEC_DEBUG_LINE; i++) {
        sections[i].sh_type = file != NULL ? SHT_PROGBITS : SHT_NULL;
        sections[i].sh_addralign = 1;
    }
    sections[SEC_SYMTAB].sh_type = SHT_SYMTAB;
    sections[SEC_SYMTAB].sh_link = SEC_STRTAB;
    sections[SEC_SYMTAB].sh_info = 2; /* the first global symbol */
    sections[SEC_SYMTAB].sh_entsize = sizeof(Elf64_Sym);
    sections[SEC_SYMTAB].sh_addralign = 8;
    sections[SEC_STRTAB].sh_type = SHT_STRTAB;
    sections[SEC_SHSTRTAB].sh_type = SHT_STRTAB;
    pad_to(b, 8, 0);
    size_t section_table = b->size;
    put(b, sections, sizeof sections);
    if (b->failed) return false;
    memset(&header, 0, sizeof header);
    memcpy(header.e_ident, ELFMAG, SELFMAG);
    header.e_ident[EI_CLASS] = ELFCLASS64;
    header.e_ident[EI_DATA] = ELFDATA2LSB;
    header.e_ident[EI_VERSION] = EV_CURRENT;
    header.e_ident[EI_OSABI] = ELFOSABI_SYSV;
    header.e_type = ET_REL;
    header.e_machine = EM_X86_64;
    header.e_version = EV_CURRENT;
    header.e_shoff = section_table;
    header.e_ehsize = sizeof header;
    header.e_shentsize = sizeof(Elf64_Shdr);
    header.e_shnum = SEC_COUNT;
    header.e_shstrndx = SEC_SHSTRTAB;
    memcpy(b->bytes, &header, sizeof header);
    return true;
}

static void gdb_register(JitDebug *debug, const ObjCode *code, Buffer *symfile) {
    GdbEntry *entry = calloc(1, sizeof *entry);
    if (entry == NULL) {
        free(symfile->bytes);
        return;
    }
    entry->code = code;
    entry->symfile = symfile->bytes;
    entry->entry.symfile_addr = (const char *)symfile->bytes;
    entry->entry.symfile_size = symfile->size;
    entry->entry.next_entry = __jit_debug_descriptor.first_entry;
    if (entry->entry.next_entry != NULL) entry->entry.next_entry->prev_entry = &entry->entry;
    __jit_debug_descriptor.first_entry = &entry->entry;
    __jit_debug_descriptor.relevant_entry = &entry->entry;
    __jit_debug_descriptor.action_flag = JIT_REGISTER_FN;
    __jit_debug_register_code();
    entry->next = debug->gdb_entries;
    debug->gdb_entries = entry;
}

static void gdb_unregister(GdbEntry *entry) {
    struct jit_code_entry *e = &entry->entry;
    if (e->prev_entry != NULL) e->prev_entry->next_entry = e->next_entry;
    else __jit_debug_descriptor.first_entry = e->next_entry;
    if (e->next_entry != NULL) e->next_entry->prev_entry = e->prev_entry;
    __jit_debug_descriptor.relevant_entry = e;
    __jit_debug_descriptor.action_flag = JIT_UNREGISTER_FN;
    __jit_debug_register_code();
    free(entry->symfile);
    free(entry);
}

static void gdb_add_function(JitDebug *debug, const ObjCode *code, const char *name, uintptr_t start, size_t size) {
    Rows lines = {NULL, 0, 0};
    UnwindRows cfa = {NULL, 0, 0};
    line_rows(debug, code, &lines);
    unwind_rows(debug, &cfa);
    char path[PATH_MAX];
    const char *file = realpath(code->source->chars, path) != NULL ? path : code->source->chars;
    Buffer symfile = {NULL, 0, 0, false};
    if (build_symfile(&symfile, name, file, start, size, &lines, &cfa)) gdb_register(debug, code, &symfile);
    else free(symfile.bytes);
    free(lines.rows);
    free(cfa.rows);
}

static void gdb_add_shim(JitDebug *debug, const Vm *vm) {
    const unsigned char *code;
    size_t size;
    if (!jit_shim_code(vm, &code, &size)) return;
    const StepCache *cache = stack_steps(debug, debug->nstencils, false);
    UnwindRows cfa = {NULL, 0, 0};
    for (size_t s = 0; s < cache->count; s++) add_unwind_row(&cfa, (uintptr_t)code + cache->steps[s].offset, &cache->steps[s]);
    Buffer symfile = {NULL, 0, 0, false};
    if (build_symfile(&symfile, "cpvm:<jit>:entry_shim", NULL, (uintptr_t)code, size, NULL, &cfa)) {
        gdb_register(debug, NULL, &symfile);
    } else {
        free(symfile.bytes);
    }
    free(cfa.rows);
}

/* --- perf: the map file and the jitdump file ------------------------------------------------------ */

/* jitdump records (perf's tools/perf/Documentation/jitdump-specification.txt). */
enum { JITDUMP_MAGIC = 0x4A695444, JITDUMP_VERSION = 1, JIT_CODE_LOAD = 0, JIT_CODE_DEBUG_INFO = 2,
       JIT_CODE_CLOSE = 3 };

static void jitdump_record_header(Buffer *b, uint32_t id, uint32_t total_size) {
    put_u32(b, id);
    put_u32(b, total_size);
    put_u64(b, monotonic_ns());
}

static bool jitdump_open(JitDebug *debug, char *error, size_t error_size) {
    /* perf inject writes the code of each function as a small .so next to the dump; JITDUMPDIR is the
     * variable LLVM's and other JITs' jitdump writers read too. */
    const char *directory = getenv("JITDUMPDIR");
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/jit-%d.dump", directory != NULL && directory[0] ? directory : "/tmp", (int)getpid());
    debug->jitdump = fopen(path, "w+");
    if (debug->jitdump == NULL) {
        snprintf(error, error_size, "--perf-jitdump: cannot create %s: %s", path, strerror(errno));
        return false;
    }
    Buffer b = {NULL, 0, 0, false};
    put_u32(&b, JITDUMP_MAGIC);
    put_u32(&b, JITDUMP_VERSION);
    put_u32(&b, 40); /* header size */
    put_u32(&b, EM_X86_64);
    put_u32(&b, 0);
    put_u32(&b, (uint32_t)getpid());
    put_u64(&b, monotonic_ns());
    put_u64(&b, 0); /* flags */
    if (!b.failed) fwrite(b.bytes, 1, b.size, debug->jitdump);
    free(b.bytes);
    fflush(debug->jitdump);
    /* perf record only sees the file if the process maps it executable; the mapping is never used. */
    long page = sysconf(_SC_PAGESIZE);
    debug->jitdump_marker_size = page > 0 ? (size_t)page : 4096;
    debug->jitdump_marker = mmap(NULL, debug->jitdump_marker_size, PROT_READ | PROT_EXEC, MAP_PRIVATE,
                                 fileno(debug->jitdump), 0);
    if (debug->jitdump_marker == MAP_FAILED) {
        debug->jitdump_marker = NULL;
        fprintf(stderr, "cpvm: warning: --perf-jitdump: cannot map %s (%s); perf record will not see it\n", path,
                strerror(errno));
    }
    return true;
}

/* A debug-info record (source lines of the code), then the code-load record with the code bytes. */
static void jitdump_add_function(JitDebug *debug, const ObjCode *code, const char *name, uintptr_t start, size_t size) {
    Buffer b = {NULL, 0, 0, false};
    Rows lines = {NULL, 0, 0};
    line_rows(debug, code, &lines);
    if (lines.count > 0) {
        size_t file_length = strlen(code->source->chars) + 1;
        size_t total = 16 + 16 + lines.count * (16 + file_length);
        jitdump_record_header(&b, JIT_CODE_DEBUG_INFO, (uint32_t)total);
        put_u64(&b, start);
        put_u64(&b, lines.count);
        for (size_t i = 0; i < lines.count; i++) {
            put_u64(&b, lines.rows[i].address);
            put_u32(&b, lines.rows[i].value);
            put_u32(&b, 0); /* discriminator */
            put_string(&b, code->source->chars);
        }
    }
    free(lines.rows);
    size_t name_length = strlen(name) + 1;
    jitdump_record_header(&b, JIT_CODE_LOAD, (uint32_t)(16 + 40 + name_length + size));
    put_u32(&b, (uint32_t)getpid());
    put_u32(&b, (uint32_t)syscall(SYS_gettid));
    put_u64(&b, start); /* vma */
    put_u64(&b, start); /* code address */
    put_u64(&b, size);
    put_u64(&b, debug->code_index++);
    put_string(&b, name);
    put(&b, (const void *)start, size);
    if (!b.failed) fwrite(b.bytes, 1, b.size, debug->jitdump);
    free(b.bytes);
    fflush(debug->jitdump);
}

/* --- Events ---------------------------------------------------------------------------------------------- */

void jit_debug_emitted(void *context, const JitEmitted *emitted) {
    JitDebug *debug = context;
    if (debug->nplaced == debug->placed_capacity) {
        uint32_t capacity = debug->placed_capacity ? debug->placed_capacity * 2 : 64;
        Placed *grown = realloc(debug->placed, capacity * sizeof *grown);
        if (grown == NULL) return; /* the symbol file gets fewer rows */
        debug->placed = grown;
        debug->placed_capacity = capacity;
    }
    debug->placed[debug->nplaced++] = (Placed){emitted->pc, emitted->stencil, (uintptr_t)emitted->code,
                                               (uintptr_t)emitted->cold, emitted->code_size, emitted->cold_size};
}

void jit_debug_compiled(Vm *vm, const ObjCode *code, uint32_t instructions, uint64_t ns) {
    JitDebug *debug = vm->jit_debug;
    uintptr_t start = (uintptr_t)code->jit->memory;
    size_t size = debug->nplaced > 0 ? placed_code_bytes(debug, start) : code->jit->size;
    char name[512];
    function_symbol(code, name, sizeof name);
    if (debug->flags & JIT_DEBUG_TRACE) {
        fprintf(stderr, "jit: compiled %s (%s:%u): %u instructions, %zu bytes of code (%zu with data) at 0x%" PRIxPTR
                        "-0x%" PRIxPTR " in %.1f us\n", code->name->chars, code->source->chars, code_line_at(code, 0),
                instructions, size, code->jit->size, start, start + code->jit->size, (double)ns / 1e3);
    }
    if (debug->perf_map != NULL) {
        fprintf(debug->perf_map, "%" PRIxPTR " %zx %s\n", start, size, name);
        fflush(debug->perf_map);
    }
    if (debug->jitdump != NULL) jitdump_add_function(debug, code, name, start, size);
    if (debug->flags & JIT_DEBUG_GDB) gdb_add_function(debug, code, name, start, size);
    debug->nplaced = 0;
}

void jit_debug_compile_failed(Vm *vm, const ObjCode *code) {
    JitDebug *debug = vm->jit_debug;
    if (debug->flags & JIT_DEBUG_TRACE) {
        fprintf(stderr, "jit: cannot compile %s (%s): no JIT memory; it stays in the interpreter\n",
                code->name->chars, code->source->chars);
    }
    debug->nplaced = 0;
}

void jit_debug_enter(Vm *vm, const Frame *frame, uint32_t pc) {
    if (!(vm->jit_debug->flags & JIT_DEBUG_TRACE)) return;
    const ObjCode *code = frame->code;
    uintptr_t at = (uintptr_t)code->jit->memory + code->jit->entries[pc];
    bool handler = frame->pc != 0 && code_is_handler(code, pc); /* rt_jit_handle_error's re-entry */
    if (frame->pc != 0 && !handler) {
        fprintf(stderr, "jit: OSR entry into %s at pc %u (line %u, loop header) at 0x%" PRIxPTR ", after %u "
                        "calls and back-edges in the interpreter\n", code->name->chars, pc, code_line_at(code, pc), at,
                code->hotness);
        return;
    }
    fprintf(stderr, "jit: enter %s at %spc %u (0x%" PRIxPTR ")\n", code->name->chars,
            handler ? "its exception handler at " : "", pc, at);
}

/* The offset of the instruction that ends just before [pc_after] (a frame's pc points past it). */
static uint32_t instruction_before(const ObjCode *code, uint32_t pc_after) {
    uint32_t pc = 0;
    while (pc < code->code_length) {
        uint32_t next = pc + (uint32_t)opcode_size(code->code[pc]);
        if (next >= pc_after) break;
        pc = next;
    }
    return pc;
}

/* Control leaves compiled code only here, back to the C that called jit_execute: the interpreter (after
 * an OSR entry, or a call from interpreted code), rt_call, or rt_jit_handle_error (a handler's re-entry). */
void jit_debug_leave(Vm *vm, const Frame *frame, bool returned) {
    if (!(vm->jit_debug->flags & JIT_DEBUG_TRACE)) return;
    const ObjCode *code = frame->code;
    if (returned) {
        fprintf(stderr, "jit: exit %s: returned\n", code->name->chars);
    } else {
        uint32_t pc = instruction_before(code, frame->pc);
        fprintf(stderr, "jit: exit %s: %s raised at pc %u (line %u)\n", code->name->chars, vm_exception_name(vm->exc),
                pc, code_line_at(code, pc));
    }
}

void jit_debug_freed(Vm *vm, const ObjCode *code) {
    JitDebug *debug = vm->jit_debug;
    if (debug->flags & JIT_DEBUG_TRACE)
        fprintf(stderr, "jit: free %s (%zu bytes at %p)\n", code->name->chars, code->jit->size, (void *)code->jit->memory);
    for (GdbEntry **link = &debug->gdb_entries; *link != NULL; link = &(*link)->next) {
        if ((*link)->code == code) {
            GdbEntry *entry = *link;
            *link = entry->next;
            gdb_unregister(entry);
            break;
        }
    }
}

/* --- Life cycle ---------------------------------------------------------------------------------------- */

bool jit_debug_start(Vm *vm, unsigned flags, char *error, size_t error_size) {
    JitDebug *debug = calloc(1, sizeof *debug);
    if (debug == NULL) {
        snprintf(error, error_size, "out of memory");
        return false;
    }
    debug->flags = flags;
    debug->nstencils = jit_inspect_stencil_count();
    debug->steps = calloc(2 * (size_t)debug->nstencils + 1, sizeof *debug->steps);
    if (debug->steps == NULL) {
        free(debug);
        snprintf(error, error_size, "out of memory");
        return false;
    }
    vm->jit_debug = debug;
    if (flags & JIT_DEBUG_PERF_MAP) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
        debug->perf_map = fopen(path, "w");
        if (debug->perf_map == NULL) {
            snprintf(error, error_size, "--perf-map: cannot create %s: %s", path, strerror(errno));
            jit_debug_stop(vm);
            return false;
        }
    }
    if ((flags & JIT_DEBUG_JITDUMP) && !jitdump_open(debug, error, error_size)) {
        jit_debug_stop(vm);
        return false;
    }
    if (flags & JIT_DEBUG_GDB) gdb_add_shim(debug, vm);
    if (debug->perf_map != NULL) {
        const unsigned char *shim;
        size_t size;
        if (jit_shim_code(vm, &shim, &size)) {
            fprintf(debug->perf_map, "%" PRIxPTR " %zx cpvm:<jit>:entry_shim\n", (uintptr_t)shim, size);
        }
    }
    return true;
}

void jit_debug_stop(Vm *vm) {
    JitDebug *debug = vm->jit_debug;
    if (debug == NULL) return;
    while (debug->gdb_entries != NULL) {
        GdbEntry *entry = debug->gdb_entries;
        debug->gdb_entries = entry->next;
        gdb_unregister(entry);
    }
    if (debug->perf_map != NULL) fclose(debug->perf_map);
    if (debug->jitdump != NULL) {
        Buffer b = {NULL, 0, 0, false};
        jitdump_record_header(&b, JIT_CODE_CLOSE, 16);
        if (!b.failed) fwrite(b.bytes, 1, b.size, debug->jitdump);
        free(b.bytes);
        if (debug->jitdump_marker != NULL) munmap(debug->jitdump_marker, debug->jitdump_marker_size);
        fclose(debug->jitdump);
    }
    for (uint32_t i = 0; i < 2 * debug->nstencils + 1; i++) free(debug->steps[i].steps);
    free(debug->steps);
    free(debug->placed);
    free(debug);
    vm->jit_debug = NULL;
}
