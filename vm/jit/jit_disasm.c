/* jit_disasm.c: machine code as listing lines, for `cpvm stencils`, `cpvm explain` and gdb's unwind rules.
 *
 * Disassembly is Capstone's when meson found it (CPVM_HAVE_CAPSTONE), in AT&T syntax like the
 * llvm-objdump comments of jit_stencils.h; without it, a line is up to 16 bytes shown in hex, and the
 * headings say why. Nothing here knows about stencils: jit_inspect.c and jit_explain.c give it bytes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "jit/jit_inspect_internal.h"

#if CPVM_HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

#define CPVM_STRINGIFY(x) CPVM_STRINGIFY_(x)
#define CPVM_STRINGIFY_(x) #x

#if CPVM_HAVE_CAPSTONE
/* False when Capstone cannot start (no listing then). */
bool inspect_disassemble(const unsigned char *bytes, size_t size, uint64_t address, Listing *listing) {
    listing->lines = NULL;
    listing->count = 0;
    csh handle;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) return false;
    cs_option(handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
    cs_option(handle, CS_OPT_SKIPDATA, CS_OPT_ON); /* int3 padding and the like come out as .byte */
    cs_insn *insns = NULL;
    size_t n = size ? cs_disasm(handle, bytes, size, address, 0, &insns) : 0;
    listing->lines = calloc(n ? n : 1, sizeof *listing->lines);
    if (listing->lines != NULL) {
        for (size_t i = 0; i < n; i++) {
            Line *line = &listing->lines[i];
            line->address = insns[i].address;
            line->size = insns[i].size;
            snprintf(line->text, sizeof line->text, "%s%s%s", insns[i].mnemonic, insns[i].op_str[0] ? " " : "",
                     insns[i].op_str);
            bool branch = insns[i].mnemonic[0] == 'j' || strncmp(insns[i].mnemonic, "call", 4) == 0;
            if (branch && strncmp(insns[i].op_str, "0x", 2) == 0) line->target = strtoull(insns[i].op_str, NULL, 16);
        }
        listing->count = n;
    }
    if (insns != NULL) cs_free(insns, n);
    cs_close(&handle);
    return listing->lines != NULL;
}
const char inspect_disassembler[] =
    "Capstone " CPVM_STRINGIFY(CS_API_MAJOR) "." CPVM_STRINGIFY(CS_API_MINOR) ", AT&T syntax";
#else
bool inspect_disassemble(const unsigned char *bytes, size_t size, uint64_t address, Listing *listing) {
    (void)bytes;
    listing->count = (size + 15) / 16;
    listing->lines = calloc(listing->count ? listing->count : 1, sizeof *listing->lines);
    if (listing->lines == NULL) return false;
    for (size_t i = 0; i < listing->count; i++) {
        listing->lines[i].address = address + 16 * i;
        listing->lines[i].size = (uint32_t)(size - 16 * i < 16 ? size - 16 * i : 16);
    }
    return true;
}
const char inspect_disassembler[] = "hex only: Capstone (libcapstone-dev) was not found when cpvm was built";
#endif

void inspect_line_hex(const Line *line, const unsigned char *bytes, char hex[64]) {
    hex[0] = '\0';
    size_t used = 0;
    for (uint32_t k = 0; k < line->size && used + 4 < 64; k++) {
        used += (size_t)snprintf(hex + used, 64 - used, "%s%02x", k ? " " : "", bytes[k]);
    }
}

void inspect_write_hex(FILE *out, const unsigned char *bytes, size_t size) {
    for (size_t i = 0; i < size; i++) fprintf(out, "%s%02x", i ? " " : "", bytes[i]);
}

void inspect_print_listing(FILE *out, const unsigned char *bytes, size_t size, uint64_t address, uint64_t base,
                           const char *indent) {
    Listing listing;
    if (!inspect_disassemble(bytes, size, address, &listing)) return;
    for (size_t i = 0; i < listing.count; i++) {
        const Line *line = &listing.lines[i];
        fprintf(out, "%s%5" PRIx64 ": ", indent, line->address - base);
        char hex[64];
        inspect_line_hex(line, bytes + (line->address - address), hex);
        if (line->text[0]) fprintf(out, "%-30s %s\n", hex, line->text);
        else fprintf(out, "%s\n", hex);
    }
    free(listing.lines);
}
