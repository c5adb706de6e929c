/* bind.c: binding a call's arguments to a Python function's parameters, when a plain positional call of
 * exactly nparams arguments (push_frame's fast path in ops/runtime.h) does not do: keywords, defaults,
 * keyword-only parameters, *args and **kwargs. calls.c calls bind_arguments; afterwards the frame's
 * first nparam_slots locals are set, in the layout objects/code.h gives (positional, keyword-only,
 * *args, **kwargs). The checks and their order, and every message, are CPython 3.11's
 * (initialize_locals in Python/ceval.c).
 *
 * Memory: the *args tuple and **kwargs dict are made first, while every argument still sits where the
 * caller put it (inside a region the collector marks); only then are values moved into the new frame's
 * slots, which the collector does not see until the frame is pushed, and nothing allocates after that.
 */
#include <string.h>

#include "interp/interp.h"
#include "core/vm.h"
#include "objects/object.h"
#include "ops/runtime.h"

/* The parameter of [code] named [name] among locals [from, to), or -1. */
static int64_t find_parameter(const ObjCode *code, const ObjString *name, uint32_t from, uint32_t to) {
    for (uint32_t i = from; i < to; i++) {
        if (string_equal(code->local_names[i], name)) return i;
    }
    return -1;
}

/* Appends 'a', 'a' and 'b', or 'a', 'b', and 'c': the unset ones of locals [from, to) of [code]. */
static uint32_t list_unset(const ObjCode *code, const Value *locals, uint32_t from, uint32_t to, char *out, size_t size) {
    uint32_t missing = 0, seen = 0;
    for (uint32_t i = from; i < to; i++) missing += IS_UNDEF(locals[i]);
    size_t used = 0;
    out[0] = '\0';
    for (uint32_t i = from; i < to && used + 64 < size; i++) {
        if (!IS_UNDEF(locals[i])) continue;
        seen++;
        const char *sep = seen == 1 ? "" : seen == missing ? (missing == 2 ? " and " : ", and ") : ", ";
        used += (size_t)snprintf(out + used, size - used, "%s'%s'", sep, code->local_names[i]->chars);
    }
    return missing;
}

__attribute__((cold)) static bool missing_error(Vm *vm, const ObjCode *code, const Value *locals, uint32_t from,
                                                uint32_t to, const char *kind) {
    char names[256];
    uint32_t missing = list_unset(code, locals, from, to, names, sizeof names);
    return vm_raise(vm, EXC_TYPE_ERROR, "%s() missing %u required %s argument%s: %s", code->name->chars, missing, kind,
                    missing == 1 ? "" : "s", names);
}

/* f() takes 2 positional arguments but 3 were given; ... but 3 positional arguments (and 1 keyword-only
 * argument) were given, when keyword-only ones were passed too. */
__attribute__((cold)) static bool too_many_positional(Vm *vm, const ObjCode *code, uint32_t given, uint32_t kwonly_given) {
    char sig[64], extra[96] = "";
    uint32_t least = code->nparams - code->ndefaults;
    if (code->ndefaults > 0) snprintf(sig, sizeof sig, "from %u to %u", least, code->nparams);
    else snprintf(sig, sizeof sig, "%u", code->nparams);
    if (kwonly_given > 0) {
        snprintf(extra, sizeof extra, " positional argument%s (and %u keyword-only argument%s)", given == 1 ? "" : "s",
                 kwonly_given, kwonly_given == 1 ? "" : "s");
    }
    return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes %s positional argument%s but %u%s %s given", code->name->chars, sig,
                    code->nparams == 1 ? "" : "s", given, extra, given == 1 && kwonly_given == 0 ? "was" : "were");
}

/* f(a, /) called as f(a=1) without **kwargs: CPython names every positional-only parameter passed so. */
__attribute__((cold)) static bool positional_only_error(Vm *vm, const ObjCode *code, ObjTuple *kwnames) {
    char names[256] = "";
    size_t used = 0;
    for (uint32_t i = 0; i < code->nposonly && used + 64 < sizeof names; i++) {
        for (uint32_t k = 0; k < kwnames->count; k++) {
            if (!string_equal(code->local_names[i], AS_STRING(kwnames->items[k]))) continue;
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "", code->local_names[i]->chars);
            break;
        }
    }
    return vm_raise(vm, EXC_TYPE_ERROR, "%s() got some positional-only arguments passed as keyword arguments: '%s'",
                    code->name->chars, names);
}

/* Pass 1, which moves nothing: the keyword errors, then too many positional arguments. Sets *nextra to
 * the keywords that go to **kwargs. */
static bool check_call(Vm *vm, const ObjCode *code, uint32_t npos, ObjTuple *kwnames, uint32_t *nextra) {
    uint32_t nkw = kwnames != NULL ? kwnames->count : 0, kwonly_given = 0;
    uint32_t named_end = code->nparams + code->nkwonly;
    bool varkw = (code->flags & CODE_VARKW) != 0;
    *nextra = 0;
    for (uint32_t k = 0; k < nkw; k++) {
        ObjString *key = AS_STRING(kwnames->items[k]);
        int64_t i = find_parameter(code, key, code->nposonly, named_end);
        if (i < 0) {
            if (varkw) {
                (*nextra)++;
                continue;
            }
            if (find_parameter(code, key, 0, code->nposonly) >= 0) return positional_only_error(vm, code, kwnames);
            return vm_raise(vm, EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'", code->name->chars, key->chars);
        }
        if ((uint32_t)i < npos && (uint32_t)i < code->nparams) {
            return vm_raise(vm, EXC_TYPE_ERROR, "%s() got multiple values for argument '%s'", code->name->chars, key->chars);
        }
        kwonly_given += (uint32_t)i >= code->nparams;
    }
    if (npos > code->nparams && (code->flags & CODE_VARARGS) == 0) return too_many_positional(vm, code, npos, kwonly_given);
    return true;
}

/* The **kwargs dict: the keywords that name no parameter. */
static ObjDict *collect_extra_keywords(Vm *vm, const ObjCode *code, const Value *kwvalues, ObjTuple *kwnames) {
    ObjDict *dict = dict_new(vm);
    if (dict == NULL || kwnames == NULL) return dict;
    vm_push_root(vm, obj_value(&dict->obj));
    for (uint32_t k = 0; k < kwnames->count; k++) {
        ObjString *key = AS_STRING(kwnames->items[k]);
        if (find_parameter(code, key, code->nposonly, code->nparams + code->nkwonly) >= 0) continue;
        if (!dict_set(vm, dict, kwnames->items[k], kwvalues[k])) {
            dict = NULL;
            break;
        }
    }
    vm_pop_root(vm);
    return dict;
}

/* Pass 3, after the moves: defaults, then the missing-argument errors. */
static bool fill_defaults(Vm *vm, const ObjFunction *function, Value *locals) {
    const ObjCode *code = function->code;
    uint32_t first_default = code->nparams - code->ndefaults;
    for (uint32_t i = first_default; i < code->nparams; i++) {
        if (IS_UNDEF(locals[i])) locals[i] = function->defaults->items[i - first_default];
    }
    for (uint32_t i = 0; i < first_default; i++) {
        if (IS_UNDEF(locals[i])) return missing_error(vm, code, locals, 0, first_default, "positional");
    }
    uint32_t kw_end = code->nparams + code->nkwonly;
    bool missing = false;
    for (uint32_t i = code->nparams; i < kw_end; i++) {
        if (!IS_UNDEF(locals[i])) continue;
        Value found = undef_value();
        if (function->kwdefaults != NULL &&
            dict_get(vm, function->kwdefaults, obj_value(&code->local_names[i]->obj), &found) < 0) {
            return false;
        }
        if (IS_UNDEF(found)) missing = true;
        else locals[i] = found;
    }
    if (missing) return missing_error(vm, code, locals, code->nparams, kw_end, "keyword-only");
    return true;
}

bool bind_arguments(Vm *vm, Value *callee, int argc, ObjTuple *kwnames) {
    ObjFunction *function = AS_FUNCTION(*callee);
    ObjCode *code = function->code;
    uint32_t nkw = kwnames != NULL ? kwnames->count : 0, npos = (uint32_t)argc - nkw, nextra;
    Value *locals = callee + 1;
    if (!check_call(vm, code, npos, kwnames, &nextra)) return false;
    if (vm->exec.stack_end - locals < (ptrdiff_t)code->nparam_slots + argc + (ptrdiff_t)nkw) {
        return vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
    }
    /* Pass 2: the *args tuple and **kwargs dict, while the arguments are where the caller left them. */
    bool varargs = (code->flags & CODE_VARARGS) != 0, varkw = (code->flags & CODE_VARKW) != 0;
    Value rest = undef_value(), extra = undef_value();
    if (varargs) {
        uint32_t n = npos > code->nparams ? npos - code->nparams : 0;
        ObjTuple *tuple = tuple_new(vm, n);
        if (tuple == NULL) return false;
        if (n > 0) memcpy(tuple->items, locals + code->nparams, sizeof(Value) * n);
        rest = obj_value(&tuple->obj);
    }
    vm_push_root(vm, rest);
    if (varkw) {
        ObjDict *dict = nextra > 0 ? collect_extra_keywords(vm, code, locals + npos, kwnames) : dict_new(vm);
        if (dict == NULL) {
            vm_pop_root(vm);
            return false;
        }
        extra = obj_value(&dict->obj);
    }
    vm_pop_root(vm);
    /* Pass 3: park the keyword values above every slot, clear the parameter slots past the positional
     * arguments, and move each keyword into its parameter. Nothing allocates from here on. */
    uint32_t slots = code->nparam_slots;
    Value *parked = locals + (slots > (uint32_t)argc ? slots : (uint32_t)argc); /* room checked above */
    memmove(parked, locals + npos, sizeof(Value) * nkw);
    uint32_t kept = npos < code->nparams ? npos : code->nparams;
    for (uint32_t i = kept; i < slots; i++) locals[i] = undef_value();
    for (uint32_t k = 0; k < nkw; k++) {
        int64_t i = find_parameter(code, AS_STRING(kwnames->items[k]), code->nposonly, code->nparams + code->nkwonly);
        if (i < 0) continue; /* in **kwargs */
        if (!IS_UNDEF(locals[i])) { /* a name twice: f(b=1, b=2) in bytecode (the compiler refuses it) */
            return vm_raise(vm, EXC_TYPE_ERROR, "%s() got multiple values for argument '%s'", code->name->chars,
                            code->local_names[i]->chars);
        }
        locals[i] = parked[k];
    }
    uint32_t at = code->nparams + code->nkwonly;
    if (varargs) locals[at++] = rest;
    if (varkw) locals[at] = extra;
    return fill_defaults(vm, function, locals);
}
