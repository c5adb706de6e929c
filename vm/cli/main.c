/* main.c: the cpvm command line.
 *
 *   cpvm [OPTIONS] run FILE [ARGS...]      run a .py, .cpasm or .cpb file (also: cpvm [OPTIONS] FILE [ARGS...])
 *   cpvm asm IN.cpasm -o OUT.cpb           assemble
 *   cpvm compile IN.py -o OUT.cpb          compile Python
 *   cpvm dis FILE                          disassemble (.cpb, .cpasm or .py)
 *   cpvm stencils [OPCODE...]              the JIT's stencils: size, holes, disassembly (jit_inspect.c)
 *   cpvm explain FILE [--function NAME]    how the JIT compiles FILE, hole by hole (jit_inspect.c)
 *
 * Usage errors print one line and exit 2; load and compile errors print "cpvm: error: ..." and exit 2;
 * an uncaught Python error prints a traceback and exits 1.
 */
#define _GNU_SOURCE /* sigabbrev_np */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "bytecode/asm.h"
#include "bytecode/bytecode.h"
#include "compiler/compiler.h"
#include "jit/jit.h"
#include "jit/jit_debug.h"
#include "jit/jit_inspect.h"
#include "core/vm.h"

#define EXIT_USAGE 2
#define EXIT_TIMEOUT 124   /* as timeout(1) */
#define EXIT_INTERRUPT 130 /* 128 + SIGINT, as shells report it */

static const char usage[] =
    "usage: cpvm [OPTIONS] run FILE [ARGS...]   run a .py, .cpasm or .cpb file (or: cpvm [OPTIONS] FILE ...)\n"
    "       cpvm asm IN.cpasm -o OUT.cpb        assemble\n"
    "       cpvm compile IN.py -o OUT.cpb       compile a Python-subset program\n"
    "       cpvm dis FILE                       disassemble a .cpb, .cpasm or .py file\n"
    "       cpvm stencils [OPCODE...]           the JIT's stencils: size, holes and machine code\n"
    "       cpvm explain FILE [--function NAME] [--format=json]\n"
    "                                           compile FILE and show every instruction's stencil and holes\n"
    "options:\n"
    "  --jit=off|auto|always   interpreter only; compile hot functions (default); compile every function\n"
    "  --jit-threshold N       calls + loop iterations before --jit=auto compiles a function (default 64)\n"
    "  --recursion-limit N     maximum call depth (default 1000)\n"
    "  --max-memory SIZE       heap limit, e.g. 512M or 2G; past it a MemoryError is raised\n"
    "  --timeout SECONDS       stop the program after SECONDS (exit status 124)\n"
    "  --stats                 print JIT and GC statistics to stderr at exit\n"
    "  --trace-jit             one line on stderr per JIT event (compile, OSR entry, exit to the interpreter)\n"
    "  --perf-map              write /tmp/perf-PID.map so perf report names compiled functions\n"
    "  --perf-jitdump          write /tmp/jit-PID.dump ($JITDUMPDIR if set) for perf record -k mono + perf inject --jit\n"
    "  --gdb-jit               register compiled functions with gdb (JIT interface): bt names JIT frames\n"
    "  -h, --help              this help;  --version  the version\n";

typedef struct {
    VmOptions vm;
    bool stats;
    double timeout;
    const char *output; /* -o */
    unsigned jit_debug; /* JIT_DEBUG_* flags: --trace-jit, --perf-map, --perf-jitdump, --gdb-jit */
    const char *function; /* explain --function */
    bool json;            /* explain --format=json */
} CliOptions;

/* The one VM a signal handler may poke. Signals cannot carry a pointer, so this is the single piece of
 * process-wide state, and it is written only by main(). */
static Vm *signal_vm;

static void on_signal(int signo) {
    if (signal_vm != NULL) signal_vm->exec.interrupt = signo == SIGALRM ? 2 : 1;
}

/* --- Fatal signals sent by someone else ------------------------------------------------------------------
 * A SIGSEGV or SIGTERM that another process sent (`kill -SEGV PID`) kills cpvm exactly like a crash would.
 * So that a stray kill reads as what it is, cpvm says who sent it before it dies. Signals the kernel
 * raises (a real fault: si_code > 0) pass straight on to the handler that was there before (the default,
 * or AddressSanitizer's), so a crash still looks like a crash. Like signal_vm, this table is process-wide by nature: signal dispositions are. */
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2};
#define FATAL_SIGNAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction previous_actions[FATAL_SIGNAL_COUNT];

/* Writes [text] to stderr with write(2), the only output that is safe in a signal handler. */
static void write_stderr(const char *text) {
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t n = write(STDERR_FILENO, text, length);
        if (n <= 0) return;
        text += n;
        length -= (size_t)n;
    }
}

static void on_fatal_signal(int signo, siginfo_t *info, void *context) {
    (void)context;
    size_t k = 0;
    while (k < FATAL_SIGNAL_COUNT && fatal_signals[k] != signo) k++;
    bool sent = info != NULL && info->si_code <= 0 && info->si_pid != getpid(); /* SI_USER, SI_QUEUE, tkill */
    if (sent) {
        char pid[24], *p = pid + sizeof pid;
        *--p = '\0';
        unsigned long n = (unsigned long)info->si_pid;
        do *--p = (char)('0' + n % 10); while ((n /= 10) != 0);
        write_stderr("cpvm: received ");
        write_stderr(sigabbrev_np(signo) ? sigabbrev_np(signo) : "a signal");
        write_stderr(" sent by process ");
        write_stderr(p);
        write_stderr(" (a signal from outside, not a crash in cpvm); exiting\n");
    }
    if (sent) {
        /* Die of it as if nobody had caught it: the default action, delivered when this handler returns
         * (the signal is blocked until then). */
        signal(signo, SIG_DFL);
        raise(signo);
    } else if (k < FATAL_SIGNAL_COUNT) {
        /* A real fault: the old handler (the default, or ASan's report) gets it when the faulting
         * instruction runs again. */
        sigaction(signo, &previous_actions[k], NULL);
    }
}

static void install_fatal_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fatal_signal;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    for (size_t k = 0; k < FATAL_SIGNAL_COUNT; k++) {
        if (sigaction(fatal_signals[k], NULL, &previous_actions[k]) != 0) continue;
        if (previous_actions[k].sa_handler == SIG_IGN) continue; /* nohup's SIGHUP stays ignored */
        sigaction(fatal_signals[k], &action, NULL);
    }
}

static int usage_error(const char *format, const char *arg) {
    fprintf(stderr, "cpvm: ");
    fprintf(stderr, format, arg);
    fprintf(stderr, " (see cpvm --help)\n");
    return EXIT_USAGE;
}

static bool parse_size(const char *text, size_t *out) {
    char *end;
    errno = 0;
    double value = strtod(text, &end);
    if (errno != 0 || end == text || value < 0) return false;
    switch (*end) {
    case 'k': case 'K': value *= 1024.0; end++; break;
    case 'm': case 'M': value *= 1024.0 * 1024.0; end++; break;
    case 'g': case 'G': value *= 1024.0 * 1024.0 * 1024.0; end++; break;
    default: break;
    }
    if (*end != '\0' || value > 1e18) return false;
    *out = (size_t)value;
    return true;
}

static bool parse_count(const char *text, long min, long max, long *out) {
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max) return false;
    *out = value;
    return true;
}

/* Parses the option at argv[*i] (advancing *i past a separate value). Returns 0 when it was not an
 * option, 1 when consumed, or an exit status (>= 2) after printing an error; -1 for --help/--version. */
static int parse_option(int argc, char **argv, int *i, CliOptions *options) {
    const char *arg = argv[*i];
    if (arg[0] != '-' || arg[1] == '\0') return 0;
    const char *value = NULL;
    char name[64];
    const char *eq = strchr(arg, '=');
    size_t name_length = eq ? (size_t)(eq - arg) : strlen(arg);
    if (name_length >= sizeof name) return usage_error("unknown option '%s'", arg);
    memcpy(name, arg, name_length);
    name[name_length] = '\0';
    if (eq) value = eq + 1;
    bool takes_value = strcmp(name, "--jit") == 0 || strcmp(name, "--jit-threshold") == 0 ||
                       strcmp(name, "--recursion-limit") == 0 || strcmp(name, "--max-memory") == 0 ||
                       strcmp(name, "--timeout") == 0 || strcmp(name, "-o") == 0 ||
                       strcmp(name, "--function") == 0 || strcmp(name, "--format") == 0;
    if (takes_value && value == NULL) {
        if (*i + 1 >= argc) return usage_error("option '%s' needs a value", name);
        value = argv[++*i];
    }
    long number;
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
        fputs(usage, stdout);
        return -1;
    } else if (strcmp(name, "--version") == 0) {
        printf("cpvm %s (JIT: %s)\n", CPVM_VERSION, jit_available() ? "available" : "not built");
        return -1;
    } else if (strcmp(name, "--jit") == 0) {
        if (strcmp(value, "off") == 0) options->vm.jit_mode = JIT_OFF;
        else if (strcmp(value, "auto") == 0) options->vm.jit_mode = JIT_AUTO;
        else if (strcmp(value, "always") == 0) options->vm.jit_mode = JIT_ALWAYS;
        else return usage_error("--jit must be off, auto or always, not '%s'", value);
    } else if (strcmp(name, "--jit-threshold") == 0) {
        if (!parse_count(value, 1, 1000000000, &number)) return usage_error("bad --jit-threshold '%s'", value);
        options->vm.jit_threshold = (uint32_t)number;
    } else if (strcmp(name, "--recursion-limit") == 0) {
        if (!parse_count(value, 1, 10000000, &number)) return usage_error("bad --recursion-limit '%s'", value);
        options->vm.recursion_limit = (int)number;
    } else if (strcmp(name, "--max-memory") == 0) {
        if (!parse_size(value, &options->vm.max_memory) || options->vm.max_memory == 0)
            return usage_error("bad --max-memory '%s'", value);
    } else if (strcmp(name, "--timeout") == 0) {
        char *end;
        options->timeout = strtod(value, &end);
        if (*end != '\0' || !(options->timeout > 0) || options->timeout > 1e6)
            return usage_error("bad --timeout '%s'", value);
    } else if (strcmp(name, "--stats") == 0 && value == NULL) {
        options->stats = true;
    } else if (strcmp(name, "-o") == 0) {
        options->output = value;
    } else if (strcmp(name, "--trace-jit") == 0 && value == NULL) {
        options->jit_debug |= JIT_DEBUG_TRACE;
    } else if (strcmp(name, "--perf-map") == 0 && value == NULL) {
        options->jit_debug |= JIT_DEBUG_PERF_MAP;
    } else if (strcmp(name, "--perf-jitdump") == 0 && value == NULL) {
        options->jit_debug |= JIT_DEBUG_JITDUMP;
    } else if (strcmp(name, "--gdb-jit") == 0 && value == NULL) {
        options->jit_debug |= JIT_DEBUG_GDB;
    } else if (strcmp(name, "--function") == 0) {
        options->function = value;
    } else if (strcmp(name, "--format") == 0) {
        if (strcmp(value, "json") != 0 && strcmp(value, "text") != 0)
            return usage_error("--format must be text or json, not '%s'", value);
        options->json = strcmp(value, "json") == 0;
    } else {
        return usage_error("unknown option '%s'", arg);
    }
    return 1;
}

static bool has_suffix(const char *path, const char *suffix) {
    size_t n = strlen(path), m = strlen(suffix);
    return n >= m && strcmp(path + n - m, suffix) == 0;
}

/* Loads [path] as bytecode, assembly or Python (by content and extension). Prints errors; NULL on failure. */
static Program *load_program(Vm *vm, const char *path) {
    char error[2048];
    size_t size;
    uint8_t *data = bytecode_read_file_bytes(path, &size, error, sizeof error);
    if (data == NULL) {
        fprintf(stderr, "cpvm: error: %s: %s\n", path, error);
        return NULL;
    }
    Program *program;
    if (size >= 4 && memcmp(data, CPVM_MAGIC, 4) == 0) {
        program = bytecode_read(vm, data, size, path, error, sizeof error);
        if (program == NULL) fprintf(stderr, "cpvm: error: %s: %s\n", path, error);
    } else if (has_suffix(path, ".cpasm")) {
        program = asm_assemble(vm, (const char *)data, size, path, error, sizeof error);
        if (program == NULL) fprintf(stderr, "%s\n", error);
    } else if (has_suffix(path, ".py")) {
        program = compiler_compile(vm, (const char *)data, size, path, error, sizeof error);
        if (program == NULL) fprintf(stderr, "%s\n", error);
    } else {
        program = bytecode_read(vm, data, size, path, error, sizeof error);
        if (program == NULL) fprintf(stderr, "cpvm: error: %s: %s\n", path, error);
    }
    free(data);
    return program;
}

static void print_stats(Vm *vm) {
    fprintf(stderr, "gc collections: %zu\n", vm->gc_count);
    fprintf(stderr, "heap bytes at exit: %zu\n", vm->bytes_allocated);
    if (vm->jit != NULL) jit_print_stats(vm, stderr);
}

static int run_file(CliOptions *options, const char *path, int argc, char **argv) {
    if (options->vm.jit_mode != JIT_OFF && !jit_available()) {
        fprintf(stderr, "cpvm: error: --jit=%s: this build has no JIT stencils for this machine; use --jit=off\n",
                options->vm.jit_mode == JIT_AUTO ? "auto" : "always");
        return EXIT_USAGE;
    }
    Vm *vm = vm_new(&options->vm);
    if (vm == NULL) {
        fprintf(stderr, "cpvm: error: out of memory creating the VM\n");
        return 1;
    }
    Program *program = load_program(vm, path);
    if (program == NULL) {
        vm_free(vm);
        return EXIT_USAGE;
    }
    int status = 0;
    if (!vm_set_argv(vm, argc, argv) || !vm_link(vm, program)) {
        vm_print_error(vm, stderr);
        vm_free(vm);
        return 1;
    }
    char error[256];
    if (options->jit_debug != 0 && vm->jit != NULL && !jit_debug_start(vm, options->jit_debug, error, sizeof error)) {
        fprintf(stderr, "cpvm: error: %s\n", error);
        vm_free(vm);
        return 1;
    }
    signal_vm = vm;
    signal(SIGINT, on_signal);
    if (options->timeout > 0) {
        signal(SIGALRM, on_signal);
        /* Whole microseconds, rounded up: a zero it_value would disarm the timer instead of firing at once. */
        long long usec = (long long)ceil(options->timeout * 1e6);
        if (usec < 1) usec = 1;
        struct itimerval timer = {{0, 0}, {(time_t)(usec / 1000000), (suseconds_t)(usec % 1000000)}};
        setitimer(ITIMER_REAL, &timer, NULL);
    }
    if (!vm_run(vm) && !vm_exit_status(vm, &status)) {
        vm_print_error(vm, stderr);
        status = vm->exc == EXC_KEYBOARD_INTERRUPT ? EXIT_INTERRUPT : vm->exc == EXC_TIMEOUT_ERROR ? EXIT_TIMEOUT : 1;
        /* The printer stops early when --timeout or Ctrl-C arrives while it prints. */
        if (vm->exec.interrupt != 0) status = vm->exec.interrupt == 2 ? EXIT_TIMEOUT : EXIT_INTERRUPT;
    }
    if (!vm_finish(vm)) {
        vm_print_error(vm, stderr);
        status = vm->exc == EXC_KEYBOARD_INTERRUPT ? EXIT_INTERRUPT : EXIT_TIMEOUT;
    }
    signal(SIGINT, SIG_DFL);
    signal_vm = NULL;
    if (options->stats) print_stats(vm);
    if (fflush(stdout) != 0 && status == 0) {
        fprintf(stderr, "cpvm: error: writing output: %s\n", strerror(errno));
        status = 1;
    }
    jit_debug_stop(vm);
    vm_free(vm);
    return status;
}

/* asm and compile: load [input], write bytecode to options->output. */
static int write_bytecode(CliOptions *options, const char *command, const char *input) {
    if (options->output == NULL) return usage_error("%s needs -o OUT.cpb", command);
    Vm *vm = vm_new(&options->vm);
    if (vm == NULL) return 1;
    Program *program = load_program(vm, input);
    int status = EXIT_USAGE;
    char error[512];
    if (program != NULL) {
        if (bytecode_write_file(program, options->output, error, sizeof error)) status = 0;
        else fprintf(stderr, "cpvm: error: %s: %s\n", options->output, error);
    }
    vm_free(vm);
    return status;
}

static int disassemble(CliOptions *options, const char *input) {
    Vm *vm = vm_new(&options->vm);
    if (vm == NULL) return 1;
    Program *program = load_program(vm, input);
    if (program != NULL) disasm_program(program, stdout);
    vm_free(vm);
    return program != NULL ? 0 : EXIT_USAGE;
}

/* cpvm stencils [NAME...]: [names] are the [count] words after the command (options already parsed). */
static int list_stencils(int count, char **names) {
    char error[256];
    if (!jit_available()) {
        fprintf(stderr, "cpvm: error: this build has no JIT stencils for this machine\n");
        return EXIT_USAGE;
    }
    if (!jit_inspect_stencils(stdout, count, names, error, sizeof error)) {
        fprintf(stderr, "cpvm: error: %s\n", error);
        return EXIT_USAGE;
    }
    return 0;
}

/* cpvm explain FILE: load, link (globals get their slots, which compiled code embeds), compile, show. */
static int explain(CliOptions *options, const char *input) {
    if (!jit_available()) {
        fprintf(stderr, "cpvm: error: explain: this build has no JIT stencils for this machine\n");
        return EXIT_USAGE;
    }
    options->vm.jit_mode = JIT_ALWAYS; /* so that vm_new starts the JIT */
    Vm *vm = vm_new(&options->vm);
    if (vm == NULL) return 1;
    Program *program = load_program(vm, input);
    int status = EXIT_USAGE;
    char error[256];
    if (program != NULL && !vm_link(vm, program)) {
        vm_print_error(vm, stderr);
        status = 1;
    } else if (program != NULL) {
        if (options->jit_debug != 0 && vm->jit != NULL && !jit_debug_start(vm, options->jit_debug, error, sizeof error)) {
            fprintf(stderr, "cpvm: error: %s\n", error);
        } else if (jit_inspect_explain(vm, program, options->function, options->json, stdout, error, sizeof error)) {
            status = 0;
        } else {
            fprintf(stderr, "cpvm: error: %s: %s\n", input, error);
        }
    }
    jit_debug_stop(vm);
    vm_free(vm);
    return status;
}

int main(int argc, char **argv) {
    install_fatal_signal_handlers();
    CliOptions options = {.stats = false, .timeout = 0, .output = NULL};
    vm_options_default(&options.vm);
    options.vm.jit_mode = jit_available() ? JIT_AUTO : JIT_OFF;
    const char *command = NULL;
    const char *file = NULL;
    int i = 1;
    for (; i < argc; i++) {
        int parsed = parse_option(argc, argv, &i, &options);
        if (parsed < 0) return 0;
        if (parsed > 1) return parsed;
        if (parsed == 1) continue;
        if (command == NULL && (strcmp(argv[i], "run") == 0 || strcmp(argv[i], "asm") == 0 ||
                                strcmp(argv[i], "compile") == 0 || strcmp(argv[i], "dis") == 0 ||
                                strcmp(argv[i], "stencils") == 0 || strcmp(argv[i], "explain") == 0)) {
            command = argv[i];
            continue;
        }
        file = argv[i];
        i++;
        break;
    }
    if (command == NULL) command = "run";
    if (strcmp(command, "stencils") == 0) {
        /* Every word after the command is a stencil or opcode name; options may come between them. */
        char **names = argv + i - (file != NULL);
        int count = file != NULL;
        for (; i < argc; i++) {
            int parsed = parse_option(argc, argv, &i, &options);
            if (parsed < 0) return 0;
            if (parsed > 1) return parsed;
            if (parsed == 0) names[count++] = argv[i];
        }
        return list_stencils(count, names);
    }
    if (file == NULL) {
        if (argc == 1) {
            fputs(usage, stderr);
            return EXIT_USAGE;
        }
        return usage_error("%s needs a FILE", command);
    }
    if (strcmp(command, "run") == 0) return run_file(&options, file, argc - i + 1, argv + i - 1);
    /* The other commands take options after the file too (cpvm asm in.cpasm -o out.cpb). */
    for (; i < argc; i++) {
        int parsed = parse_option(argc, argv, &i, &options);
        if (parsed < 0) return 0;
        if (parsed > 1) return parsed;
        if (parsed == 0) return usage_error("unexpected argument '%s'", argv[i]);
    }
    if (strcmp(command, "dis") == 0) return disassemble(&options, file);
    if (strcmp(command, "explain") == 0) return explain(&options, file);
    return write_bytecode(&options, command, file);
}
