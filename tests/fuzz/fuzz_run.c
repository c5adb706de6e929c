/* fuzz_run.c: runs one fuzz input in both tiers under a time budget and compares what they did.
 *
 * The budget: cpvm has no instruction counter, but it has vm->exec.interrupt, which loop back-edges, calls and
 * builtins' loops check (the --timeout mechanism: 2 raises TimeoutError). One watchdog thread, started on
 * the first input, sleeps until the running VM's deadline and then sets its interrupt. The watchdog takes
 * a lock to touch the VM and fuzz_run_input disarms it under the same lock before freeing the VM, so it
 * can never write to a freed VM. (A POSIX timer with SIGEV_THREAD would do the same, but its notification
 * thread can still be running after timer_delete returns; a signal would interrupt libFuzzer itself.)
 *
 * Environment: CPVM_FUZZ_BUDGET_MS (default 200) per tier; CPVM_FUZZ_DIFF=0 turns off the tier comparison.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "fuzz_run.h"
#include "bytecode/asm.h"
#include "bytecode/bytecode.h"
#include "jit/jit.h"
#include "bytecode/opcodes.h"

/* Heap limit per VM: inputs like [0] * 10**9 must end in MemoryError, not in libFuzzer's RSS limit. */
#define FUZZ_MAX_MEMORY (64u << 20)
/* The first bytes of output compared between tiers; the rest is discarded (fmemopen refuses it). */
#define FUZZ_OUTPUT_BYTES 16384

typedef struct {
    bool loaded;   /* the loader accepted the input */
    bool finished; /* vm_run returned true */
    ExcType exc;
    char output[FUZZ_OUTPUT_BYTES];
    size_t output_length;
    char error[4096]; /* the traceback and message */
} TierResult;

/* --- Watchdog ------------------------------------------------------------------------------------------ */

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watch_wake;
static Vm *watched; /* the VM to interrupt at watch_deadline, or NULL */
static struct timespec watch_deadline;

static void *watchdog(void *unused) {
    (void)unused;
    pthread_mutex_lock(&watch_lock);
    for (;;) {
        if (watched == NULL) {
            pthread_cond_wait(&watch_wake, &watch_lock);
        } else if (pthread_cond_timedwait(&watch_wake, &watch_lock, &watch_deadline) == ETIMEDOUT &&
                   watched != NULL) {
            watched->exec.interrupt = 2; /* TimeoutError, as --timeout */
            watched = NULL;
        }
    }
    return NULL;
}

static void watchdog_start(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&watch_wake, &attr);
    pthread_t thread;
    if (pthread_create(&thread, NULL, watchdog, NULL) != 0) abort();
    pthread_detach(thread);
}

static void watchdog_arm(Vm *vm, long milliseconds) {
    pthread_mutex_lock(&watch_lock);
    clock_gettime(CLOCK_MONOTONIC, &watch_deadline);
    watch_deadline.tv_sec += milliseconds / 1000;
    watch_deadline.tv_nsec += (milliseconds % 1000) * 1000000L;
    if (watch_deadline.tv_nsec >= 1000000000L) {
        watch_deadline.tv_sec++;
        watch_deadline.tv_nsec -= 1000000000L;
    }
    watched = vm;
    pthread_cond_signal(&watch_wake);
    pthread_mutex_unlock(&watch_lock);
}

static void watchdog_disarm(void) {
    pthread_mutex_lock(&watch_lock);
    watched = NULL;
    pthread_mutex_unlock(&watch_lock);
}

/* --- Running ------------------------------------------------------------------------------------------- */

static long env_long(const char *name, long fallback) {
    const char *text = getenv(name);
    return text != NULL && *text != '\0' ? strtol(text, NULL, 10) : fallback;
}

/* Loads and runs [data] in a fresh VM of [mode], filling [result]. */
static void run_tier(FuzzLoader load, const uint8_t *data, size_t size, JitMode mode, long budget_ms,
                     TierResult *result) {
    memset(result, 0, offsetof(TierResult, output));
    result->output[0] = result->error[0] = '\0';
    FILE *out = fmemopen(result->output, sizeof result->output, "w");
    if (out == NULL) abort();
    setvbuf(out, NULL, _IONBF, 0); /* fmemopen keeps what fits; unbuffered, a long write keeps its prefix */
    VmOptions options;
    vm_options_default(&options);
    options.jit_mode = mode;
    options.max_memory = FUZZ_MAX_MEMORY;
    options.out = out;
    Vm *vm = vm_new(&options);
    if (vm == NULL) abort();
    char error[2048];
    Program *program = load(vm, data, size, error, sizeof error);
    if (program != NULL) {
        result->loaded = true;
        if (vm_link(vm, program)) {
            watchdog_arm(vm, budget_ms);
            result->finished = vm_run(vm);
            watchdog_disarm();
            /* The watchdog may have fired after the run's last check (the program then ended another
             * way): the flag is stale. Left set, it would cut the traceback short in one tier only. */
            vm->exec.interrupt = 0;
        }
        if (!result->finished) {
            result->exc = vm->exc;
            FILE *err = fmemopen(result->error, sizeof result->error - 1, "w");
            if (err == NULL) abort();
            vm_print_error(vm, err);
            fclose(err);
        }
    }
    long position = ftell(out);
    result->output_length = position > 0 ? (size_t)position : 0;
    if (result->output_length > sizeof result->output) result->output_length = sizeof result->output;
    vm_free(vm);
    fclose(out);
}

/* Errors whose point of raising may legitimately differ between tiers: a timer, and limits on resources
 * the tiers use differently (the JIT's calls use C stack; heap accounting sees different temporaries). */
static bool comparable(const TierResult *r) {
    return r->exc != EXC_TIMEOUT_ERROR && r->exc != EXC_KEYBOARD_INTERRUPT && r->exc != EXC_MEMORY_ERROR &&
           r->exc != EXC_RECURSION_ERROR;
}

/* Removes what differs between two VMs by design: the addresses in reprs ("<function f at 0x5030...>"
 * becomes "<function f at 0x>"). Returns the new length. */
static size_t normalise(char *text, size_t length) {
    size_t out = 0;
    for (size_t i = 0; i < length;) {
        if (i + 5 < length && memcmp(text + i, " at 0x", 6) == 0) {
            memmove(text + out, " at 0x", 6);
            out += 6;
            i += 6;
            while (i < length && strchr("0123456789abcdef", text[i]) != NULL && text[i] != '\0') i++;
        } else {
            text[out++] = text[i++];
        }
    }
    return out;
}

/* The length of the output to compare: all of it, or when fmemopen cut it off, up to its last full line. */
static size_t comparable_length(const TierResult *r, bool cut) {
    if (!cut) return r->output_length;
    const char *newline = memrchr(r->output, '\n', r->output_length);
    return newline != NULL ? (size_t)(newline - r->output) + 1 : 0;
}

static void report_mismatch(const char *what, const TierResult *off, const TierResult *jit) {
    fprintf(stderr, "fuzz: the tiers disagree on %s\n--- --jit=off: output (%zu bytes):\n%.*s\n%s\n"
                    "--- --jit=always: output (%zu bytes):\n%.*s\n%s\n",
            what, off->output_length, (int)off->output_length, off->output, off->error, jit->output_length,
            (int)jit->output_length, jit->output, jit->error);
    abort();
}

int fuzz_run_input(FuzzLoader load, const uint8_t *data, size_t size) {
    static bool started;
    static TierResult off, jit; /* static: 40 KB is too much for the stack under ASan */
    if (!started) {
        watchdog_start();
        started = true;
    }
    long budget_ms = env_long("CPVM_FUZZ_BUDGET_MS", 200);
    run_tier(load, data, size, JIT_OFF, budget_ms, &off);
    if (!off.loaded || !jit_available()) return 0;
    run_tier(load, data, size, JIT_ALWAYS, budget_ms, &jit);
    if (!jit.loaded) report_mismatch("whether the input loads", &off, &jit);
    if (env_long("CPVM_FUZZ_DIFF", 1) == 0 || !comparable(&off) || !comparable(&jit)) return 0;
    if (off.finished != jit.finished || off.exc != jit.exc) report_mismatch("the outcome", &off, &jit);
    bool cut = off.output_length == sizeof off.output || jit.output_length == sizeof jit.output;
    off.output_length = normalise(off.output, off.output_length);
    jit.output_length = normalise(jit.output, jit.output_length);
    size_t length = comparable_length(&off, cut), jit_length = comparable_length(&jit, cut);
    if (cut && jit_length < length) length = jit_length; /* compare what both kept */
    if ((!cut && length != jit_length) || memcmp(off.output, jit.output, length) != 0)
        report_mismatch("the output", &off, &jit);
    off.error[normalise(off.error, strlen(off.error))] = '\0';
    jit.error[normalise(jit.error, strlen(jit.error))] = '\0';
    if (strcmp(off.error, jit.error) != 0) report_mismatch("the traceback", &off, &jit);
    return 0;
}

/* --- Round trips --------------------------------------------------------------------------------------- */

static void round_trip_failed(const char *what, const char *error) {
    fprintf(stderr, "fuzz: round trip failed: %s%s%s\n", what, error ? ": " : "", error ? error : "");
    abort();
}

void fuzz_check_round_trips(Vm *vm, const Program *program) {
    char error[2048];
    size_t size;
    uint8_t *bytes = bytecode_write(program, &size);
    if (bytes == NULL) return; /* out of memory: not a finding */
    Program *again = bytecode_read(vm, bytes, size, FUZZ_FILENAME, error, sizeof error);
    if (again == NULL) {
        if (vm->exc == EXC_MEMORY_ERROR) goto done;
        round_trip_failed("bytecode_read rejects what bytecode_write wrote", error);
    }
    size_t size2;
    uint8_t *bytes2 = bytecode_write(again, &size2);
    program_free(vm, again);
    if (bytes2 != NULL && (size2 != size || memcmp(bytes, bytes2, size) != 0))
        round_trip_failed("bytecode_write(bytecode_read(bytes)) differs from bytes", NULL);
    free(bytes2);

    char *text = NULL;
    size_t text_length = 0;
    FILE *listing = open_memstream(&text, &text_length);
    if (listing == NULL) abort();
    disasm_program(program, listing);
    fclose(listing);
    Program *assembled = asm_assemble(vm, text, text_length, FUZZ_FILENAME, error, sizeof error);
    if (assembled == NULL) {
        if (vm->exc != EXC_MEMORY_ERROR) {
            fprintf(stderr, "%s\n", text);
            round_trip_failed("asm_assemble rejects disasm_program's listing (above)", error);
        }
    } else {
        uint8_t *bytes3 = bytecode_write(assembled, &size2);
        program_free(vm, assembled);
        if (bytes3 != NULL && (size2 != size || memcmp(bytes, bytes3, size) != 0)) {
            fprintf(stderr, "%s\n", text);
            round_trip_failed("assembling disasm_program's listing (above) gives different bytecode", NULL);
        }
        free(bytes3);
    }
    free(text);
done:
    vm_clear_error(vm);
    free(bytes);
}
