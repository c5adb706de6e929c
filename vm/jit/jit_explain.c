/* jit_explain.c: `cpvm explain`: every bytecode instruction of a function with its stencil, address and
 * patched holes, then the machine code, as text or as one JSON document.
 *
 * main.c calls jit_inspect_explain (jit_inspect.h). Each function is compiled with jit_compile_observed,
 * whose hook (inspect_record_emitted, jit_inspect.c) records where every stencil landed and its holes;
 * jit_inspect.c also words each hole, jit_disasm.c lists the machine code, and this file lays it all
 * out. tests/inspect/check_inspect.py reads both formats and checks every hole's bytes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "bytecode/asm.h"
#include "jit/jit_inspect_internal.h"

/* --- Pieces of text --------------------------------------------------------------------------------- */

static void json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c < 0x20) fprintf(out, "\\u%04x", c);
        else fputc(c, out);
    }
    fputc('"', out);
}

/* The instructions a stencil runs, as the disassembler writes them: "LOAD_FAST i; LOAD_CONST 1; BINARY_OP +". */
static void instruction_text(const ObjCode *code, const Emitted *e, char *buffer, size_t size) {
    buffer[0] = '\0';
    FILE *text = fmemopen(buffer, size, "w");
    if (text == NULL) return;
    uint32_t pc = e->pc;
    for (uint32_t step = 0; step < e->steps; step++) {
        if (step > 0) fputs("; ", text);
        pc = disasm_instruction(code, pc, text);
    }
    fclose(text);
}

/* The source file's lines, or NULL: explain shows the line each instruction came from. Only a source
 * this VM compiled is used (vm->sources), never a file a bytecode file names (see vm.c). */
static char **read_source_lines(const Vm *vm, const char *path, uint32_t *count) {
    *count = 0;
    const SourceText *source = vm->sources;
    while (source != NULL && strcmp(source->path, path) != 0) source = source->next;
    if (source == NULL) return NULL;
    char **lines = NULL;
    const char *p = source->text, *end = source->text + source->length;
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = newline != NULL ? newline : end;
        size_t length = (size_t)(line_end - p);
        while (length > 0 && p[length - 1] == '\r') length--;
        char **grown = realloc(lines, (*count + 1) * sizeof *lines);
        char *line = grown != NULL ? strndup(p, length) : NULL;
        if (grown != NULL) lines = grown;
        if (line == NULL) break;
        lines[(*count)++] = line;
        p = newline != NULL ? newline + 1 : end;
    }
    return lines;
}

static const char *source_line(const Explain *x, uint32_t line) {
    if (line == 0 || line > x->nsource_lines) return NULL;
    const char *text = x->source_lines[line - 1];
    while (*text == ' ' || *text == '\t') text++;
    return text;
}

/* --- Text ------------------------------------------------------------------------------------------- */

/* Short notes for a listing line: the holes inside it, and where a branch goes. */
static void line_note(const Explain *x, const Emitted *e, const Line *line, char *buffer, size_t size) {
    size_t used = 0;
    buffer[0] = '\0';
    for (uint32_t h = 0; h < e->nholes; h++) {
        uint64_t at = (uint64_t)(uintptr_t)(e->at[e->holes[h].part] + e->holes[h].offset);
        if (at < line->address || at >= line->address + line->size) continue;
        char text[192];
        inspect_describe_hole(x, e, &e->holes[h], text, sizeof text);
        used += (size_t)snprintf(buffer + used, used < size ? size - used : 0, "%shole: %s", used ? "; " : "", text);
    }
    if (line->target != 0 && used == 0) {
        char where[96];
        inspect_describe_target(x, line->target, where, sizeof where);
        if (where[0]) snprintf(buffer, size, "-> %s", where);
    }
}

static void print_code_listing(FILE *out, const Explain *x, const Emitted *e, Part part, bool json) {
    Listing listing;
    const unsigned char *bytes = e->at[part];
    uint64_t address = (uint64_t)(uintptr_t)bytes;
    if (!inspect_disassemble(bytes, e->size[part], address, &listing)) return;
    for (size_t i = 0; i < listing.count; i++) {
        const Line *line = &listing.lines[i];
        char note[512];
        line_note(x, e, line, note, sizeof note);
        if (json) {
            fprintf(out, "%s{\"address\": \"0x%" PRIx64 "\", \"offset\": %" PRIu64 ", \"bytes\": \"", i ? ", " : "",
                    line->address, inspect_offset_in(x, line->address));
            inspect_write_hex(out, bytes + (line->address - address), line->size);
            fprintf(out, "\", \"text\": ");
            json_string(out, line->text);
            fprintf(out, ", \"note\": ");
            json_string(out, note);
            fputc('}', out);
            continue;
        }
        char hex[64];
        inspect_line_hex(line, bytes + (line->address - address), hex);
        fprintf(out, "  0x%" PRIx64 " +%-5" PRIx64 " %-*s%s%-*s%s%s\n", line->address, inspect_offset_in(x, line->address),
                line->text[0] || note[0] ? 30 : 0, hex, line->text[0] ? " " : "", note[0] ? 36 : 0, line->text,
                note[0] ? " ; " : "", note);
    }
    free(listing.lines);
}

static void print_instruction_text(FILE *out, const Explain *x, const Emitted *e, uint32_t *last_line) {
    char text[512];
    instruction_text(x->code, e, text, sizeof text);
    uint32_t line = code_line_at(x->code, e->pc);
    const char *source = source_line(x, line);
    if (line != *last_line && source != NULL) fprintf(out, "\nline %u: %s\n", line, source);
    *last_line = line;
    fprintf(out, "\npc %-4u %-28s line %u\n", e->pc, text, line);
    fprintf(out, "  stencil %s at %p (+0x%" PRIx64 "): %u bytes of code", e->stencil_name,
            (void *)e->at[PART_CODE], inspect_offset_in(x, (uint64_t)(uintptr_t)e->at[PART_CODE]), e->size[PART_CODE]);
    if (e->size[PART_COLD]) fprintf(out, ", %u of cold code at +0x%" PRIx64, e->size[PART_COLD],
                                    inspect_offset_in(x, (uint64_t)(uintptr_t)e->at[PART_COLD]));
    if (e->size[PART_DATA]) fprintf(out, ", %u of data at +0x%" PRIx64, e->size[PART_DATA],
                                    inspect_offset_in(x, (uint64_t)(uintptr_t)e->at[PART_DATA]));
    fputc('\n', out);
    for (int part = 0; part < PART_COUNT_; part++) {
        for (uint32_t h = 0; h < e->nholes; h++) {
            const Hole *hole = &e->holes[h];
            if (hole->part != (Part)part) continue;
            char where[32], description[256];
            snprintf(where, sizeof where, "%s+0x%x", inspect_part_names[part], hole->offset);
            inspect_describe_hole(x, e, hole, description, sizeof description);
            fprintf(out, "  hole %-10s %-18s %s\n", where, inspect_patch_kinds[hole->kind].function, description);
        }
    }
}

static void print_function_text(FILE *out, const Explain *x) {
    const ObjCode *code = x->code;
    uint64_t code_bytes = 0;
    uint32_t instructions = 0;
    for (uint32_t i = 0; i < x->log->count; i++) {
        code_bytes += x->log->items[i].size[PART_CODE] + x->log->items[i].size[PART_COLD];
        instructions += x->log->items[i].steps;
    }
    fprintf(out, "function %s (%s): %u instructions in %u stencils, %zu bytes of JIT memory at %p: %" PRIu64
                 " of machine code, then data\n", code->name->chars, code->source->chars, instructions, x->log->count,
            code->jit->size, (void *)x->memory, code_bytes);
    uint32_t last_line = 0;
    for (uint32_t i = 0; i < x->log->count; i++) print_instruction_text(out, x, &x->log->items[i], &last_line);
    fprintf(out, "\nmachine code of %s (%s):\n", code->name->chars, inspect_disassembler);
    for (uint32_t i = 0; i < x->log->count; i++) {
        const Emitted *e = &x->log->items[i];
        char text[512];
        instruction_text(code, e, text, sizeof text);
        fprintf(out, "; ---- pc %u: %s (line %u), stencil %s\n", e->pc, text, code_line_at(code, e->pc),
                e->stencil_name);
        print_code_listing(out, x, e, PART_CODE, false);
    }
    for (uint32_t i = 0; i < x->log->count; i++) {
        const Emitted *e = &x->log->items[i];
        if (e->size[PART_COLD] == 0) continue;
        fprintf(out, "; ---- cold code of pc %u (error exit)\n", e->pc);
        print_code_listing(out, x, e, PART_COLD, false);
    }
    for (uint32_t i = 0; i < x->log->count; i++) {
        const Emitted *e = &x->log->items[i];
        if (e->size[PART_DATA] == 0) continue;
        fprintf(out, "; ---- data of pc %u at +0x%" PRIx64 ": ", e->pc, inspect_offset_in(x, (uint64_t)(uintptr_t)e->at[PART_DATA]));
        inspect_write_hex(out, e->at[PART_DATA], e->size[PART_DATA]);
        fputc('\n', out);
    }
    fputc('\n', out);
}

/* --- JSON ------------------------------------------------------------------------------------------- */

static void print_instruction_json(FILE *out, const Explain *x, const Emitted *e) {
    char text[512];
    instruction_text(x->code, e, text, sizeof text);
    uint32_t line = code_line_at(x->code, e->pc);
    const char *source = source_line(x, line);
    fprintf(out, "{\"pc\": %u, \"steps\": %u, \"line\": %u, \"source\": ", e->pc, e->steps, line);
    if (source != NULL) json_string(out, source);
    else fputs("null", out);
    fprintf(out, ", \"text\": ");
    json_string(out, text);
    fprintf(out, ", \"stencil\": \"%s\"", e->stencil_name);
    for (int part = 0; part < PART_COUNT_; part++) {
        fprintf(out, ", \"%s\": {\"address\": \"0x%" PRIx64 "\", \"offset\": %" PRIu64 ", \"size\": %u}", inspect_part_names[part],
                (uint64_t)(uintptr_t)e->at[part], inspect_offset_in(x, (uint64_t)(uintptr_t)e->at[part]), e->size[part]);
    }
    fprintf(out, ",\n      \"holes\": [");
    for (uint32_t h = 0; h < e->nholes; h++) {
        const Hole *hole = &e->holes[h];
        Expression ex = inspect_parse_expression(hole->expression);
        char description[256];
        inspect_describe_hole(x, e, hole, description, sizeof description);
        uint64_t at = (uint64_t)(uintptr_t)(e->at[hole->part] + hole->offset);
        fprintf(out, "%s\n        {\"part\": \"%s\", \"offset\": %u, \"address\": \"0x%" PRIx64 "\", \"function_offset\": %" PRIu64
                     ", \"patch\": \"%s\", \"relocation\": \"%s\", \"expression\": ",
                h ? "," : "", inspect_part_names[hole->part], hole->offset, at, inspect_offset_in(x, at), inspect_patch_kinds[hole->kind].function,
                inspect_patch_kinds[hole->kind].relocation);
        json_string(out, hole->expression);
        fprintf(out, ", \"hole\": ");
        json_string(out, ex.value >= 0 ? inspect_expression_name(&ex) : "SYMBOL");
        fprintf(out, ", \"symbol\": ");
        if (ex.value < 0) json_string(out, ex.symbol);
        else fputs("null", out);
        fprintf(out, ", \"addend\": %" PRId64 ", \"value\": \"0x%" PRIx64 "\", \"description\": ", ex.addend, hole->value);
        json_string(out, description);
        fputc('}', out);
    }
    fprintf(out, "],\n      \"machine_code\": [");
    print_code_listing(out, x, e, PART_CODE, true);
    fprintf(out, "],\n      \"cold_code\": [");
    print_code_listing(out, x, e, PART_COLD, true);
    fprintf(out, "],\n      \"data_bytes\": \"");
    inspect_write_hex(out, e->at[PART_DATA], e->size[PART_DATA]);
    fprintf(out, "\"}");
}

static void print_function_json(FILE *out, const Explain *x, bool first) {
    const ObjCode *code = x->code;
    fprintf(out, "%s\n  {\"name\": ", first ? "" : ",");
    json_string(out, code->name->chars);
    fprintf(out, ", \"source\": ");
    json_string(out, code->source->chars);
    fprintf(out, ", \"address\": \"0x%" PRIx64 "\", \"size\": %zu, \"instructions\": [", (uint64_t)(uintptr_t)x->memory,
            code->jit->size);
    for (uint32_t i = 0; i < x->log->count; i++) {
        fprintf(out, "%s\n    ", i ? "," : "");
        print_instruction_json(out, x, &x->log->items[i]);
    }
    fprintf(out, "]}");
}

/* --- The command ------------------------------------------------------------------------------------ */

/* Compiles [code] recording every instruction, then prints it. False when the JIT could not. */
static bool explain_function(Vm *vm, ObjCode *code, char **lines, uint32_t nlines, bool json, bool first, FILE *out) {
    EmitLog log = {NULL, 0, 0, false};
    bool ok = code->jit == NULL && jit_compile_observed(vm, code, inspect_record_emitted, &log) && !log.failed;
    if (ok) {
        Explain x = {code, &log, code->jit->memory, lines, nlines};
        if (json) print_function_json(out, &x, first);
        else print_function_text(out, &x);
    }
    inspect_emit_log_fini(&log);
    return ok;
}

bool jit_inspect_explain(Vm *vm, Program *program, const char *function, bool json, FILE *out, char *error,
                         size_t error_size) {
    if (!jit_available()) {
        snprintf(error, error_size, "%s", INSPECT_NO_STENCILS);
        return false;
    }
    if (vm->jit == NULL) {
        snprintf(error, error_size, "the JIT could not start (no memory for code)");
        return false;
    }
    bool found = false, ok = true;
    uint32_t nlines = 0;
    char **lines = read_source_lines(vm, program->source->chars, &nlines);
    if (json) {
        fprintf(out, "{\"source\": ");
        json_string(out, program->source->chars);
        fprintf(out, ", \"disassembler\": \"%s\", \"functions\": [", inspect_disassembler);
    }
    for (uint32_t i = 0; i < program->count && ok; i++) {
        ObjCode *code = program->codes[i];
        if (function != NULL && strcmp(code->name->chars, function) != 0) continue;
        if (!explain_function(vm, code, lines, nlines, json, !found, out)) {
            snprintf(error, error_size, "the JIT cannot compile function '%s'", code->name->chars);
            ok = false;
        }
        found = true;
    }
    if (json) fprintf(out, "]}\n");
    for (uint32_t i = 0; i < nlines; i++) free(lines[i]);
    free(lines);
    if (ok && !found) snprintf(error, error_size, "no function named '%s'", function);
    return ok && found;
}
