/* runtime.h: the slow paths that instruction bodies call, shared by both tiers.
 *
 * The bodies in instructions.h handle the common cases inline (int + int, float * float, jumps) and call
 * these ordinary C functions for everything else: type dispatch, allocation, errors, calls. In JIT code
 * each call becomes a hole patched with the function's address, so every function here must be a plain
 * extern function (no static inline) when a body calls it. Each returns false (or -1) with an error set
 * on the VM when it fails.
 */
#ifndef cpvm_runtime_h
#define cpvm_runtime_h

#include "bytecode/opcodes.h"
#include "core/errors.h"
#include "objects/object.h"

/* --- Arithmetic and comparison (arith.c) ------------------------------------------------------------- */

bool rt_binary_op(Vm *vm, int op, Value a, Value b, Value *result);
bool rt_compare(Vm *vm, int op, Value a, Value b, Value *result);
bool rt_unary_negative(Vm *vm, Value a, Value *result);
bool rt_unary_positive(Vm *vm, Value a, Value *result);
bool rt_unary_invert(Vm *vm, Value a, Value *result);
/* CPython's PyObject_RichCompareBool(a, b, ==): identity first, then ==; containers compare element-wise
 * the same way. 1 equal, 0 not, -1 with RecursionError set (nesting past the recursion limit or the C
 * stack). What `in`, list.count and list.index use. */
int rt_equal(Vm *vm, Value a, Value b);
/* `item in container`: 1 yes, 0 no, -1 error. */
int rt_contains(Vm *vm, Value item, Value container);
/* Truthiness of any value: objects (empty str/list/tuple are false) included. */
bool rt_truthy(Value v);

/* Python's int // and % (floor division, sign of the divisor); the caller has checked b != 0 and that
 * the pair is not INT64_MIN // -1. */
static inline int64_t int_floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
static inline int64_t int_floor_mod(int64_t a, int64_t b) {
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

/* The int fast path of BINARY_OP: true when it computed *result; false sends the pair to rt_binary_op,
 * which handles overflow, division by zero and the operators not listed here. When [op] is a constant
 * (it is in a specialised stencil) the switch folds to one case. */
static inline bool int_binary_fast(int op, int64_t a, int64_t b, int64_t *result) {
    switch (op) {
    case NB_ADD: case NB_INPLACE_ADD: return !__builtin_add_overflow(a, b, result);
    case NB_SUBTRACT: case NB_INPLACE_SUBTRACT: return !__builtin_sub_overflow(a, b, result);
    case NB_MULTIPLY: case NB_INPLACE_MULTIPLY: return !__builtin_mul_overflow(a, b, result);
    case NB_AND: case NB_INPLACE_AND: *result = a & b; return true;
    case NB_OR: case NB_INPLACE_OR: *result = a | b; return true;
    case NB_XOR: case NB_INPLACE_XOR: *result = a ^ b; return true;
    case NB_FLOOR_DIVIDE: case NB_INPLACE_FLOOR_DIVIDE:
        if (b <= 0) return false; /* zero and the INT64_MIN // -1 overflow go the slow way */
        *result = int_floor_div(a, b);
        return true;
    case NB_REMAINDER: case NB_INPLACE_REMAINDER:
        if (b <= 0) return false;
        *result = int_floor_mod(a, b);
        return true;
    case NB_LSHIFT: case NB_INPLACE_LSHIFT:
        if (b < 0 || b > 62 || a < 0 || (a >> (62 - b)) != 0) return false; /* overflow goes the slow way */
        *result = a << b;
        return true;
    case NB_RSHIFT: case NB_INPLACE_RSHIFT:
        if (b < 0 || b > 63) return false;
        *result = a >> b;
        return true;
    default: return false;
    }
}

/* Whether str == str is decided by identity alone: the same object, or lengths that differ, or one
 * character each (one-character ASCII strs are shared, and two different one-character strs differ). */
static inline bool str_equality_settled(const ObjString *a, const ObjString *b) {
    if (a == b) return true;
    if (a->length != b->length) return true;
    return a->length == 1 && a->chars[0] != b->chars[0];
}

/* True when [a] and [b] are numbers and at least one is a float: Python then computes in floats. */
static inline bool is_float_pair(Value a, Value b) {
    return (IS_FLOAT(a) && (IS_FLOAT(b) || IS_INT(b))) || (IS_INT(a) && IS_FLOAT(b));
}
/* An int or float as a double (int64 to double rounds to nearest, as CPython's int.__float__). */
static inline double number_as_double(Value v) { return IS_INT(v) ? (double)AS_INT(v) : AS_FLOAT(v); }

/* The float fast path of BINARY_OP, for two floats or a float and an int. */
static inline bool float_binary_fast(int op, double a, double b, double *result) {
    switch (op) {
    case NB_ADD: case NB_INPLACE_ADD: *result = a + b; return true;
    case NB_SUBTRACT: case NB_INPLACE_SUBTRACT: *result = a - b; return true;
    case NB_MULTIPLY: case NB_INPLACE_MULTIPLY: *result = a * b; return true;
    case NB_TRUE_DIVIDE: case NB_INPLACE_TRUE_DIVIDE:
        if (b == 0.0) return false;
        *result = a / b;
        return true;
    default: return false;
    }
}

/* Compare two ints or two floats; [op] is a CompareOp. */
static inline bool compare_numbers(int op, double a, double b) {
    switch (op) {
    case CMP_LT: return a < b;
    case CMP_LE: return a <= b;
    case CMP_EQ: return a == b;
    case CMP_NE: return a != b;
    case CMP_GT: return a > b;
    default: return a >= b;
    }
}
static inline bool compare_ints(int op, int64_t a, int64_t b) {
    switch (op) {
    case CMP_LT: return a < b;
    case CMP_LE: return a <= b;
    case CMP_EQ: return a == b;
    case CMP_NE: return a != b;
    case CMP_GT: return a > b;
    default: return a >= b;
    }
}

/* --- Containers and iteration (containers.c) --------------------------------------------------------- */

bool rt_subscr(Vm *vm, Value container, Value index, Value *result);
bool rt_store_subscr(Vm *vm, Value container, Value index, Value v);
/* Builds from [count] values at [items]; the items stay on the stack (so GC-safe) until the caller pops. */
bool rt_build_list(Vm *vm, Value *items, uint32_t count, Value *result);
bool rt_build_tuple(Vm *vm, Value *items, uint32_t count, Value *result);
bool rt_build_slice(Vm *vm, Value *items, uint32_t count, Value *result);
/* {k_1: v_1, ...} from [count] key-value pairs at [items] (keys at even positions), and {a_1, ...}: the
 * items are added in order, so a later equal key keeps the first key and the last value, as CPython. */
bool rt_build_map(Vm *vm, Value *items, uint32_t count, Value *result);
bool rt_build_set(Vm *vm, Value *items, uint32_t count, Value *result);
/* A set display of constants, built as CPython does: a frozenset of the items, merged into a new set. */
bool rt_build_const_set(Vm *vm, Value *items, uint32_t count, Value *result);
/* Writes the [count] elements of [seq] to dest[0..count) in reverse, so the first element ends on top. */
bool rt_unpack_sequence(Vm *vm, Value seq, uint32_t count, Value *dest);
bool rt_get_iter(Vm *vm, Value seq, Value *result);
/* Advances iterator [it]: 1 and *next set, 0 when exhausted, -1 on error. */
int rt_for_iter(Vm *vm, Value it, Value *next);

/* --- f-strings (strings.c) --------------------------------------------------------------------------- */

/* FORMAT_VALUE and FORMAT_WITH_SPEC: format(conv(v), spec) as a str, [conversion] 0 (none), 1 (!s),
 * 2 (!r) or 3 (!a); [spec] a str, or VAL_UNDEF for none. */
bool rt_format_value(Vm *vm, uint32_t conversion, Value v, Value spec, Value *result);
/* BUILD_STRING: the [count] strs at [items] joined (they stay on the stack, so GC-safe). */
bool rt_build_string(Vm *vm, Value *items, uint32_t count, Value *result);

/* --- Names, attributes, calls (calls.c) ---------------------------------------------------------------- */

/* Errors for the unset-variable checks that bodies do inline; they return false. */
bool rt_name_error(Vm *vm, ObjString *name);
bool rt_unbound_local(Vm *vm, ObjCode *code, uint32_t index);
bool rt_load_attr(Vm *vm, Value obj, ObjString *name, Value *result);
/* LOAD_METHOD: finds method [name] of [obj] and writes the pair CALL_METHOD expects to out[0], out[1]:
 * ( method obj ) for a method of obj's type that takes obj first, ( UNDEF callable ) for anything else
 * (a module's function, a static or class method, a type's unbound method). */
bool rt_load_method(Vm *vm, Value obj, ObjString *name, Value *out);
/* Deletion: del local (UnboundLocalError when unset), del global (NameError when unset), del c[i]. */
bool rt_delete_subscr(Vm *vm, Value container, Value index);
bool rt_delete_global(Vm *vm, ObjString *name, Value *slot);
/* The C function CALL runs on the arguments in place, without a frame: a builtin's (len, print), or the
 * constructor of a builtin type (int, range); NULL for anything else. */
static inline NativeFn native_callee(Value f) {
    if (!IS_OBJ(f)) return NULL;
    if (AS_OBJ(f)->type == OBJ_BUILTIN) return AS_BUILTIN(f)->fn;
    if (AS_OBJ(f)->type == OBJ_TYPE && AS_TYPE_OBJECT(f)->constructor != NULL) return AS_TYPE_OBJECT(f)->constructor->fn;
    return NULL;
}
/* Calls the value at callee[0] with the [argc] arguments above it (the last kwnames->count of them named
 * by [kwnames], or kwnames NULL). The result replaces callee[0]. Runs the callee in the JIT when it is
 * compiled, else in a fresh interpreter loop. */
bool rt_call(Vm *vm, Value *callee, int argc, ObjTuple *kwnames);
/* Calls [fn] with [argc] values from [args] (which need not be on the stack or rooted) from C: the callee
 * and arguments are copied above everything in use on the VM stack, and rt_call runs it there. *result is
 * set on success. vm->call_value points here, for the layers that cannot include this one. */
bool rt_call_value(Vm *vm, Value fn, const Value *args, int argc, ObjTuple *kwnames, Value *result);
/* Sets up the frame of a call to function [fn] at callee[0] with [argc] arguments: checks the argument
 * count and the recursion limit, fills defaults and unbinds the other locals. Returns the new frame or NULL
 * with an error set. Both tiers use it; the interpreter then runs the frame in its own loop. */
Frame *rt_push_frame(Vm *vm, Value *callee, int argc);
/* Pushes the frame of function *callee whose parameters bind_arguments has set already (a call with
 * keywords): the recursion and stack limits, then the frame. */
Frame *rt_push_bound_frame(Vm *vm, Value *callee);
/* The part of a frame push that both paths share: unbind the locals past the parameters, extend the
 * stack's high-water mark for the GC, and take the next frame. */
static inline Frame *frame_enter(Vm *vm, ObjCode *code, Value *locals) {
    for (uint32_t i = code->nparam_slots; i < code->nlocals; i++) locals[i] = undef_value();
    Value *top = locals + code->nlocals + code->max_stack;
    if (top > vm_exec(vm)->stack_high) vm_exec(vm)->stack_high = top;
    Frame *frame = &vm_exec(vm)->frames[vm_exec(vm)->frame_count++];
    frame->code = code;
    frame->locals = locals;
    frame->pc = 0;
    frame->c_entry = false;
    return frame;
}

/* rt_push_frame's common case inline: exact argument count (and no keyword-only, *args or **kwargs
 * parameters: fast_argc), room on both stacks, no interrupt pending.
 * Everything else (defaults, errors, --timeout and Ctrl-C in recursion without loops) goes to rt_push_frame. */
static inline Frame *push_frame(Vm *vm, Value *callee, int argc) {
    ObjCode *code = AS_FUNCTION(*callee)->code;
    Value *locals = callee + 1;
    if (__builtin_expect((uint32_t)argc != code->fast_argc || vm_exec(vm)->frame_count >= vm_exec(vm)->frame_capacity ||
                             vm_exec(vm)->interrupt != 0 ||
                             (size_t)(vm_exec(vm)->stack_end - locals) < (size_t)code->nlocals + code->max_stack,
                         0)) {
        return rt_push_frame(vm, callee, argc);
    }
    return frame_enter(vm, code, locals);
}

/* The two halves of a call that nests on the C stack (calls.c's rt_call, and the CALL stencil entering a
 * compiled callee directly). begin: refuse when the C stack is nearly used up, push the frame and mark it
 * as returning to C. end_compiled: an error leaving compiled code gets its traceback line here (the
 * interpreter adds its own); then the frame is popped. */
static inline Frame *call_begin(Vm *vm, Value *callee, int argc) {
    if (vm_c_stack_exhausted(vm)) {
        vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
        return NULL;
    }
    Frame *frame = push_frame(vm, callee, argc);
    if (frame != NULL) frame->c_entry = true;
    return frame;
}
bool rt_jit_handle_error(Vm *vm, Frame *frame); /* see Exceptions below */
static inline bool call_end_compiled(Vm *vm, Frame *frame, bool ok) {
    if (!ok) ok = rt_jit_handle_error(vm, frame);
    vm_exec(vm)->frame_count--;
    return ok;
}

/* Counts a call of [code] for tiering and compiles it when it is hot (JIT_AUTO) or at once (JIT_ALWAYS). */
void rt_count_call(Vm *vm, ObjCode *code);
bool rt_make_function(Vm *vm, Value code, Value defaults, bool has_defaults, Value *result);
/* SET_KWDEFAULTS: gives the new [function] the keyword-only defaults in dict [kwdefaults]. */
bool rt_set_kwdefaults(Vm *vm, Value function, Value kwdefaults);
bool rt_raise_assert(Vm *vm, Value message);

/* --- Closures and comprehensions (closures.c) --------------------------------------------------------- */

/* MAKE_CELL: a new cell holding [value] (VAL_UNDEF: empty). */
bool rt_make_cell(Vm *vm, Value value, Value *result);
/* Why cell local [index] of [frame] could not be read, written or deleted: it is empty (CPython's
 * UnboundLocalError for a cell variable, NameError for a free one) or holds no cell at all (bad bytecode). */
bool rt_deref_error(Vm *vm, Frame *frame, uint32_t index);
/* COPY_FREE_VARS: the closure of the running function (locals[-1]) into its last [count] locals. */
bool rt_copy_free_vars(Vm *vm, Frame *frame, uint32_t count);
/* MAKE_CLOSURE: a function of [code] with the cells in tuple [cells] and, when [has_defaults], [defaults]. */
bool rt_make_closure(Vm *vm, Value code, Value cells, Value defaults, bool has_defaults, Value *result);
/* --- Star calls and unpacking (unpack.c) -------------------------------------------------------------- */

/* CALL_FUNCTION_EX: calls callee[0] with the tuple callee[1] spread as positional arguments and, when
 * [has_kwargs], the dict callee[2] as keywords; the result replaces callee[0]. */
bool rt_call_function_ex(Vm *vm, Value *callee, bool has_kwargs);
/* LIST_EXTEND, SET_UPDATE, DICT_UPDATE, DICT_MERGE ([op]): adds the items of [items] to [container];
 * [function] is the callee of a DICT_MERGE, named in its errors. */
bool rt_display_extend(Vm *vm, int op, Value container, Value items, Value function);
bool rt_list_to_tuple(Vm *vm, Value list, Value *result);
/* UNPACK_EX: [before] values, a list of the middle, [after] values, written to dest[0..] in reverse so the
 * first ends on top (dest[0] is where seq was). */
bool rt_unpack_ex(Vm *vm, Value seq, uint32_t before, uint32_t after, Value *dest);

/* LIST_APPEND, SET_ADD, MAP_ADD: adds [v] (and key [k] for a dict) to a comprehension's [container]. */
bool rt_comprehension_add(Vm *vm, Value container, Value k, Value v);

/* --- Exceptions (exceptions.c) ------------------------------------------------------------------------ */

/* PUSH_EXC_INFO: makes [exc] the exception being handled; returns the one it replaces. */
Value rt_push_exc_info(Vm *vm, Value exc);
/* POP_EXCEPT: the exception being handled is [prev] again. */
void rt_pop_except(Vm *vm, Value prev);
/* CHECK_EXC_MATCH: 1 when [exc] is an instance of [type] (a class or a tuple of classes), 0 if not, -1
 * with TypeError when [type] is not an exception class. */
int rt_check_exc_match(Vm *vm, Value exc, Value type);
/* BEFORE_WITH: slot[0] is the context manager; on success slot[0] is its __exit__ bound to it and slot[1]
 * what its __enter__() returned (ops/with.c). False with TypeError when it has no __enter__ or __exit__. */
bool rt_before_with(Vm *vm, Value *slot);
/* WITH_EXCEPT_START: *result = exit(type(exc), exc, None) (cpvm has no traceback objects). */
bool rt_with_except_start(Vm *vm, Value exit, Value exc, Value *result);
/* RERAISE: [exc] is the current error again, and leaving the frame adds no traceback line. False. */
bool rt_reraise(Vm *vm, Value exc);
/* RAISE_VARARGS: raise [args][0] (a class is called first) from [args][1]; [count] 0 re-raises the
 * exception being handled. Always false. */
bool rt_raise(Vm *vm, Value *args, uint32_t count);
/* The error path of both tiers, for [frame] whose pc is past the instruction that failed: records the
 * frame's traceback line, and when the code's exception table has a handler there, cuts the stack to
 * its depth, pushes the exception (the error is then cleared), and returns true with the handler's
 * offset in *handler and the stack top in *sp. False: the error leaves the frame. */
bool rt_unwind_to_handler(Vm *vm, Frame *frame, uint32_t *handler, Value **sp);
/* --- Generators (interp/generators.c) ---------------------------------------------------------------- */

/* YIELD_VALUE: saves the running generator's locals and the stack below [sp] with the offset to go on
 * from ([delegating]: in a yield from); the frame then leaves as a return does. False: SystemError. */
bool rt_yield(Vm *vm, Frame *frame, Value *sp, uint32_t delegating, uint32_t pc_after);
/* SEND: sends [v] into [it] (a generator's send, next() for None): 1 it yielded *result, 0 it returned
 * *result (None for an exhausted iterator), -1 error. */
int rt_send(Vm *vm, Value it, Value v, Value *result);

/* Compiled code of [frame] failed (jit/jit.c): rt_unwind_to_handler, then re-enters compiled code at the
 * handler, for as long as handlers catch. True when the frame then returned. */
bool rt_jit_handle_error(Vm *vm, Frame *frame);

#endif
