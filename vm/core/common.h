/* common.h: switches, limits and includes shared by every file of the VM.
 *
 * Every limit says where its number comes from; every debug switch says what it costs.
 */
#ifndef cpvm_common_h
#define cpvm_common_h

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CPVM_VERSION "0.1.0"

/* Debug switches (compile time). Turn on with -DCPVM_DEBUG_TRACE=1 in meson's c_args.
 * CPVM_DEBUG_TRACE prints every interpreted instruction and the stack to stderr: 10-50x slower. */
#ifndef CPVM_DEBUG_TRACE
#define CPVM_DEBUG_TRACE 0
#endif

/* Use computed goto (GNU C labels as values) for interpreter dispatch; 0 gives a plain switch.
 * Computed goto gives each instruction its own indirect branch, which predicts better. */
#ifndef CPVM_COMPUTED_GOTO
#define CPVM_COMPUTED_GOTO 1
#endif

/* Default for --recursion-limit: CPython's default, so deep-recursion programs fail at the same depth. */
#define CPVM_DEFAULT_RECURSION_LIMIT 1000

/* Size of the VM value stack in Values (16 bytes each): 64 MiB of address space, touched only as used.
 * A call that would not fit raises RecursionError. */
#define CPVM_STACK_VALUES (1u << 22)

/* Calls that go through C (JIT code calling, the interpreter re-entered by JIT code) and recursive C
 * paths (==, <, repr of nested containers) stop with RecursionError when fewer than this many bytes of
 * the thread's C stack are left. The reserve covers the deepest C code between two checks (a builtin
 * calling printf, a signal handler, the error path); 256 KiB is over ten times what the deepest such
 * chain measured under ASan. The stack's size comes from the thread itself (vm_set_c_stack_limit), so
 * `ulimit -s` and a large environment are taken into account. */
#define CPVM_C_STACK_RESERVE (256u << 10)
/* With an unlimited stack (`ulimit -s unlimited`) the usable C stack is capped at this many bytes. */
#define CPVM_C_STACK_MAX ((size_t)1 << 30)

/* Heap objects of up to CPVM_POOL_CLASSES * 16 bytes live in pages of CPVM_PAGE_SIZE bytes, one size
 * class (a multiple of 16 bytes) per page (gc.c). 256 bytes covers str up to ~225 bytes, tuples up to 14
 * items, and every fixed-size object. 64 KiB pages are few enough to cost one mmap per 64 KiB of heap
 * growth, and small enough that a program using a few classes maps well under a MiB. */
#define CPVM_POOL_CLASSES 16
#define CPVM_PAGE_SIZE (64u << 10)

/* No collection before the heap reaches this many bytes: small programs never collect, and churn-heavy
 * ones collect rarely. */
#define CPVM_GC_MIN_HEAP (8u << 20)

/* Limits a bytecode file must respect; the verifier checks them so later code may rely on them. */
#define CPVM_MAX_LOCALS 65535
#define CPVM_MAX_CODE_BYTES (64u << 20)

#endif
