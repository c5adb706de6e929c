/* bytecode.h: reading and writing .cpb bytecode files.
 *
 * The format (all integers little-endian; "str" is a u32 byte length then that many UTF-8 bytes):
 *
 *   file     := magic "CPVM" | u16 version (CPVM_FORMAT_VERSION) | u16 flags (0) | str source
 *               | u32 function_count | function*      (function 0 is the module body)
 *   function := str name | u32 nparams | u32 ndefaults | u32 nposonly | u32 nkwonly | u32 flags
 *               | u32 nlocals | str local_name * nlocals
 *               | u32 max_stack | u32 nconsts | const * nconsts | u32 nnames | str name * nnames
 *               | u32 code_length | byte code * code_length | u32 nlines | (u32 offset, u32 line) * nlines
 *               | u32 nexc | (u32 start, u32 end, u32 handler, u32 depth) * nexc   (objects/code.h's ExcEntry)
 *   const    := u8 tag, then: NONE(0) - | FALSE(1) - | TRUE(2) - | INT(3) i64 | FLOAT(4) f64 bits
 *               | STR(5) str | CODE(6) u32 function index | TUPLE(7) u32 count, const * count (depth <= 8)
 *               | BIGINT(8) u8 sign (0 +, 1 -) | u32 limb count n | u64 limb * n (least significant first)
 *               | BYTES(9) u32 length, byte * length | ELLIPSIS(10) -
 *
 * A BIGINT is an int outside int64 (objects/bigint.h), in its one canonical form: 1 <= n <= 2**20 limbs,
 * the top limb non-zero, and a value that does not fit in int64 (which must be an INT). Version 2 added
 * BIGINT and BYTES. Version 3 added the exception table, and nposonly, nkwonly and flags (CODE_VARARGS 1,
 * CODE_VARKW 2; objects/code.h): the locals after the nparams positional ones are the nkwonly keyword-only
 * parameters, then *args, then **kwargs. Version 4 added the flag CODE_GENERATOR (4).
 * Version 5 added ELLIPSIS, and the flag CODE_DOCSTRING (8): constant 0 is the function's docstring.
 *
 * Nothing may follow the last function. Every encoding is canonical (there is exactly one way to write a
 * module), so bytecode_write of a module just read gives the identical bytes.
 * bytecode_read checks the container format and then calls verify.c on every function before returning:
 * a Program that comes out of it is safe to run.
 */
#ifndef cpvm_bytecode_h
#define cpvm_bytecode_h

#include "core/vm.h"

#define CPVM_MAGIC "CPVM"
#define CPVM_FORMAT_VERSION 5

enum { CONST_NONE, CONST_FALSE, CONST_TRUE, CONST_INT, CONST_FLOAT, CONST_STR, CONST_CODE, CONST_TUPLE, CONST_BIGINT,
       CONST_BYTES, CONST_ELLIPSIS };
/* The most limbs a BIGINT constant may have: 2**26 bits, about 20 million decimal digits. */
#define CPVM_MAX_BIGINT_LIMBS ((uint32_t)1 << 20)

/* Reads a bytecode image of [size] bytes. [filename] is used only in messages. On failure returns NULL and
 * writes "invalid bytecode: WHAT (function F, offset N)" (without the "cpvm: error: FILE: " prefix) to
 * [error] (size [error_size]). */
Program *bytecode_read(Vm *vm, const uint8_t *data, size_t size, const char *filename, char *error,
                       size_t error_size);
/* Reads a whole file into memory (malloc'd; caller frees). NULL with a message in [error] on failure. */
uint8_t *bytecode_read_file_bytes(const char *path, size_t *size, char *error, size_t error_size);
/* Serialises [program]; returns a malloc'd buffer and its size in *size, NULL on out-of-memory. */
uint8_t *bytecode_write(const Program *program, size_t *size);
bool bytecode_write_file(const Program *program, const char *path, char *error, size_t error_size);

#endif
