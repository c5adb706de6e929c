/* instructions.h: the semantics of every cpvm instruction, written once.
 *
 * This file is included by two tiers that define its small vocabulary differently:
 *   - vm/interp/interp.c, the interpreter: all bodies become labels of one dispatch loop;
 *   - stencils/template.c, the JIT template: clang compiles it once per opcode, and only the body of that
 *     opcode survives (the others sit in a switch on a constant and are dropped).
 * A body never asks which tier it runs in. It may use the variables vm (Vm *), frame (Frame *), locals
 * (Value *) and sp (Value *: one past the top of the operand stack), and this vocabulary:
 *
 *   INSTRUCTION(NAME)    starts the body of OP_NAME
 *   OPARG                the operand (uint32_t); a constant in specialised stencils
 *   LOCAL()              the local variable OPARG (a Value lvalue)
 *   CONST()              the Value of constant OPARG        NAME()   the ObjString * of name OPARG
 *   GLOBAL()             Value * of the global slot of name OPARG
 *   PUSH(v) POP() TOP()  the operand stack; PEEK(n) is the n-th value from the top (PEEK(1) == TOP())
 *   NEXT()               go on with the next instruction
 *   JUMP_TO_TARGET()     go to the instruction at the jump operand
 *   LOOP_BACK_EDGE()     a loop back-edge was taken: the interpreter counts it and may enter JIT code (OSR)
 *   CALL_FUNCTION(c, n)  call the value at c with the n arguments above it; result at c, then sp = c + 1
 *   RETURN_FROM_FRAME(v) return v to the caller
 *   RAISE()              an error is set on the VM: leave through the error path
 *   PC_AFTER()           the byte offset of the next instruction (uint32_t): where a yield resumes
 *
 * Slow paths are plain functions in runtime.h. Every body ends in NEXT, a jump, a return or RAISE.
 * Bodies must not declare names the tiers use for their own state (code, ip, oparg, consts).
 */

INSTRUCTION(NOP) {
    NEXT();
}

INSTRUCTION(LOAD_FAST) {
    Value v = LOCAL();
    if (__builtin_expect(IS_UNDEF(v), 0)) {
        rt_unbound_local(vm, frame->code, OPARG);
        RAISE();
    }
    PUSH(v);
    NEXT();
}

INSTRUCTION(STORE_FAST) {
    LOCAL() = POP();
    NEXT();
}

INSTRUCTION(LOAD_CONST) {
    PUSH(CONST());
    NEXT();
}

INSTRUCTION(LOAD_GLOBAL) {
    Value v = *GLOBAL();
    if (__builtin_expect(IS_UNDEF(v), 0)) {
        rt_name_error(vm, NAME());
        RAISE();
    }
    PUSH(v);
    NEXT();
}

INSTRUCTION(STORE_GLOBAL) {
    *GLOBAL() = POP();
    NEXT();
}

INSTRUCTION(POP_TOP) {
    sp--;
    NEXT();
}

INSTRUCTION(COPY) {
    Value v = PEEK(OPARG);
    PUSH(v);
    NEXT();
}

INSTRUCTION(SWAP) {
    Value top = TOP();
    sp[-1] = PEEK(OPARG);
    sp[-(int64_t)OPARG] = top;
    NEXT();
}

INSTRUCTION(BINARY_OP) {
    Value b = sp[-1];
    Value a = sp[-2];
    int64_t i;
    double f;
    if (IS_INT(a) && IS_INT(b) && int_binary_fast(OPARG, AS_INT(a), AS_INT(b), &i)) {
        sp[-2] = int_value(i);
    } else if (IS_FLOAT(a) && IS_FLOAT(b) && float_binary_fast(OPARG, AS_FLOAT(a), AS_FLOAT(b), &f)) {
        sp[-2] = float_value(f);
    } else if (is_float_pair(a, b) && float_binary_fast(OPARG, number_as_double(a), number_as_double(b), &f)) {
        sp[-2] = float_value(f); /* int and float: Python computes in floats */
    } else if (!rt_binary_op(vm, OPARG, a, b, &sp[-2])) {
        RAISE();
    }
    sp--;
    NEXT();
}

INSTRUCTION(COMPARE_OP) {
    Value b = sp[-1];
    Value a = sp[-2];
    if (IS_INT(a) && IS_INT(b)) {
        sp[-2] = bool_value(compare_ints(OPARG, AS_INT(a), AS_INT(b)));
    } else if (IS_FLOAT(a) && IS_FLOAT(b)) {
        sp[-2] = bool_value(compare_numbers(OPARG, AS_FLOAT(a), AS_FLOAT(b)));
    } else if ((OPARG == CMP_EQ || OPARG == CMP_NE) && IS_STRING(a) && IS_STRING(b) &&
               str_equality_settled(AS_STRING(a), AS_STRING(b))) {
        sp[-2] = bool_value((AS_STRING(a) == AS_STRING(b)) == (OPARG == CMP_EQ)); /* ch == "a" costs no call */
    } else if (!rt_compare(vm, OPARG, a, b, &sp[-2])) {
        RAISE();
    }
    sp--;
    NEXT();
}

INSTRUCTION(POP_JUMP_IF_FALSE) {
    Value c = POP();
    if (IS_BOOL(c) ? !AS_BOOL(c) : !rt_truthy(c)) JUMP_TO_TARGET();
    NEXT();
}

INSTRUCTION(POP_JUMP_IF_TRUE) {
    Value c = POP();
    if (IS_BOOL(c) ? AS_BOOL(c) : rt_truthy(c)) JUMP_TO_TARGET();
    NEXT();
}

INSTRUCTION(JUMP_FORWARD) {
    JUMP_TO_TARGET();
}

INSTRUCTION(JUMP_BACKWARD) {
    /* Every loop passes here, so this is where Ctrl-C and --timeout are noticed, and where the objects
     * the collector found waiting for their finalizers (abandoned generators) get them. */
    if (__builtin_expect(vm_exec(vm)->interrupt != 0, 0) && !rt_loop_interrupt(vm)) RAISE();
    LOOP_BACK_EDGE();
    JUMP_TO_TARGET();
}

INSTRUCTION(FOR_ITER) {
    Value it = TOP();
    /* Fast path: a range iterator steps without a call. */
    if (IS_RANGE_ITER(it)) {
        ObjRangeIter *iter = AS_RANGE_ITER(it);
        int64_t i = iter->next;
        if (iter->step > 0 ? i < iter->stop : i > iter->stop) {
            if (__builtin_add_overflow(i, iter->step, &iter->next)) iter->next = iter->stop;
            PUSH(int_value(i));
            NEXT();
        }
        sp--;
        JUMP_TO_TARGET();
    }
    /* Fast path: a list iterator with items left (the count is read live: appends are seen). */
    if (IS_LIST_ITER(it)) {
        ObjSeqIter *iter = AS_SEQ_ITER(it);
        ObjList *list = AS_LIST(iter->seq);
        if (iter->index >= 0 && iter->index < (int64_t)list->count) {
            PUSH(list->items[iter->index++]);
            NEXT();
        }
    }
    Value next;
    int status = rt_for_iter(vm, it, &next);
    if (status < 0) RAISE();
    if (status == 0) {
        sp--;
        JUMP_TO_TARGET();
    }
    PUSH(next);
    NEXT();
}

INSTRUCTION(GET_ITER) {
    if (!rt_get_iter(vm, TOP(), &sp[-1])) RAISE();
    NEXT();
}

INSTRUCTION(CALL) {
    Value *callee = sp - OPARG - 1;
    /* A builtin (len, print, ...) or a builtin type's constructor (int, range) is called right here. */
    NativeFn native = native_callee(*callee);
    if (native != NULL) {
        Value result;
        if (!native(vm, callee + 1, (int)OPARG, NULL, &result)) RAISE();
        *callee = result;
        sp = callee + 1;
        NEXT();
    }
    CALL_FUNCTION(callee, OPARG);
}

INSTRUCTION(CALL_KW) {
    /* The keyword names tuple is a constant pushed last; rt_call checks it names the last arguments. */
    Value names = POP();
    Value *callee = sp - OPARG - 1;
    if (!IS_TUPLE(names)) {
        vm_raise(vm, EXC_TYPE_ERROR, "CALL_KW expects a tuple of keyword names");
        RAISE();
    }
    if (!rt_call(vm, callee, (int)OPARG, AS_TUPLE(names))) RAISE();
    sp = callee + 1;
    NEXT();
}

INSTRUCTION(LOAD_METHOD) {
    /* Leaves ( method self ) for a method of a list, ( UNDEF callable ) for a module's function, a type's
     * unbound method, a static or class method. */
    if (!rt_load_method(vm, TOP(), NAME(), &sp[-1])) RAISE();
    sp++;
    NEXT();
}

INSTRUCTION(CALL_METHOD) {
    Value *base = sp - OPARG - 2;
    if (IS_BUILTIN(base[0])) {
        /* A list method: the builtin takes the list as its first argument. */
        Value result;
        if (!AS_BUILTIN(base[0])->fn(vm, base + 1, (int)OPARG + 1, NULL, &result)) RAISE();
        base[0] = result;
        sp = base + 1;
        NEXT();
    }
    if (IS_UNDEF(base[0])) {
        /* A module function: call base[1] with OPARG arguments, then move the result down a slot. */
        if (!rt_call(vm, base + 1, (int)OPARG, NULL)) RAISE();
        base[0] = base[1];
        sp = base + 1;
        NEXT();
    }
    CALL_FUNCTION(base, OPARG + 1);
}

INSTRUCTION(LOAD_ATTR) {
    if (!rt_load_attr(vm, TOP(), NAME(), &sp[-1])) RAISE();
    NEXT();
}

INSTRUCTION(RETURN_VALUE) {
    Value result = POP();
    RETURN_FROM_FRAME(result);
}

INSTRUCTION(BINARY_SUBSCR) {
    Value index = sp[-1];
    Value container = sp[-2];
    /* Fast paths: list[int] and tuple[int] with the index in range. */
    if (IS_LIST(container) && IS_INT(index)) {
        ObjList *list = AS_LIST(container);
        int64_t i = AS_INT(index);
        if (i < 0) i += list->count;
        if (i >= 0 && i < (int64_t)list->count) {
            sp[-2] = list->items[i];
            sp--;
            NEXT();
        }
    } else if (IS_TUPLE(container) && IS_INT(index)) {
        ObjTuple *tuple = AS_TUPLE(container);
        int64_t i = AS_INT(index);
        if (i < 0) i += tuple->count;
        if (i >= 0 && i < (int64_t)tuple->count) {
            sp[-2] = tuple->items[i];
            sp--;
            NEXT();
        }
    } else if (IS_DICT(container)) {
        /* Fast path: a dict lookup without the generic dispatch; a missing key goes on for its KeyError. */
        int found = dict_get(vm, AS_DICT(container), index, &sp[-2]);
        if (found < 0) RAISE();
        if (found == 1) {
            sp--;
            NEXT();
        }
    }
    if (!rt_subscr(vm, container, index, &sp[-2])) RAISE();
    sp--;
    NEXT();
}

INSTRUCTION(STORE_SUBSCR) {
    Value index = sp[-1];
    Value container = sp[-2];
    Value v = sp[-3];
    if (IS_LIST(container) && IS_INT(index)) {
        ObjList *list = AS_LIST(container);
        int64_t i = AS_INT(index);
        if (i < 0) i += list->count;
        if (i >= 0 && i < (int64_t)list->count) {
            list->items[i] = v;
            sp -= 3;
            NEXT();
        }
    } else if (IS_DICT(container)) {
        /* Fast path: d[k] = v straight into the dict's map (the three values are on the stack). */
        if (!dict_set(vm, AS_DICT(container), index, v)) RAISE();
        sp -= 3;
        NEXT();
    }
    if (!rt_store_subscr(vm, container, index, v)) RAISE();
    sp -= 3;
    NEXT();
}

INSTRUCTION(BUILD_SLICE) {
    if (!rt_build_slice(vm, sp - OPARG, OPARG, &sp[-(int64_t)OPARG])) RAISE();
    sp -= OPARG;
    sp++;
    NEXT();
}

INSTRUCTION(BUILD_LIST) {
    Value result;
    if (!rt_build_list(vm, sp - OPARG, OPARG, &result)) RAISE();
    sp -= OPARG;
    PUSH(result);
    NEXT();
}

INSTRUCTION(BUILD_TUPLE) {
    Value result;
    if (!rt_build_tuple(vm, sp - OPARG, OPARG, &result)) RAISE();
    sp -= OPARG;
    PUSH(result);
    NEXT();
}

INSTRUCTION(UNPACK_SEQUENCE) {
    if (!rt_unpack_sequence(vm, TOP(), OPARG, sp - 1)) RAISE();
    sp += (int64_t)OPARG - 1;
    NEXT();
}

INSTRUCTION(UNARY_NEGATIVE) {
    Value a = TOP();
    if (IS_INT(a) && AS_INT(a) != INT64_MIN) {
        sp[-1] = int_value(-AS_INT(a));
    } else if (IS_FLOAT(a)) {
        sp[-1] = float_value(-AS_FLOAT(a));
    } else if (!rt_unary_negative(vm, a, &sp[-1])) {
        RAISE();
    }
    NEXT();
}

INSTRUCTION(UNARY_POSITIVE) {
    if (!rt_unary_positive(vm, TOP(), &sp[-1])) RAISE();
    NEXT();
}

INSTRUCTION(UNARY_NOT) {
    Value a = TOP();
    sp[-1] = bool_value(IS_BOOL(a) ? !AS_BOOL(a) : !rt_truthy(a));
    NEXT();
}

INSTRUCTION(UNARY_INVERT) {
    if (!rt_unary_invert(vm, TOP(), &sp[-1])) RAISE();
    NEXT();
}

INSTRUCTION(IS_OP) {
    Value b = POP();
    Value a = TOP();
    sp[-1] = bool_value(value_is(a, b) != (OPARG != 0));
    NEXT();
}

INSTRUCTION(CONTAINS_OP) {
    Value container = POP();
    Value item = TOP();
    int found;
    /* Fast paths: a key in a dict, an element in a set, looked up directly. A set's own lookup would
     * call a set item unhashable (`{1} in s` looks up frozenset({1})): those take the slow path. */
    if (IS_DICT(container)) found = dict_get(vm, AS_DICT(container), item, &sp[-1]);
    else if ((IS_SET(container) || IS_FROZENSET(container)) && !IS_SET(item)) {
        found = set_find(vm, AS_SET(container), item);
    }
    else found = rt_contains(vm, item, container);
    if (found < 0) RAISE();
    sp[-1] = bool_value((found == 1) != (OPARG != 0));
    NEXT();
}

INSTRUCTION(JUMP_IF_FALSE_OR_POP) {
    Value c = TOP();
    if (IS_BOOL(c) ? !AS_BOOL(c) : !rt_truthy(c)) JUMP_TO_TARGET();
    sp--;
    NEXT();
}

INSTRUCTION(JUMP_IF_TRUE_OR_POP) {
    Value c = TOP();
    if (IS_BOOL(c) ? AS_BOOL(c) : rt_truthy(c)) JUMP_TO_TARGET();
    sp--;
    NEXT();
}

INSTRUCTION(MAKE_FUNCTION) {
    Value body = POP();
    Value defaults = none_value();
    if (OPARG) defaults = POP();
    Value result;
    if (!rt_make_function(vm, body, defaults, OPARG != 0, &result)) RAISE();
    PUSH(result);
    NEXT();
}

INSTRUCTION(RAISE_ASSERT) {
    rt_raise_assert(vm, POP());
    RAISE();
}

INSTRUCTION(BUILD_MAP) {
    Value result;
    if (!rt_build_map(vm, sp - 2 * (int64_t)OPARG, OPARG, &result)) RAISE();
    sp -= 2 * (int64_t)OPARG;
    PUSH(result);
    NEXT();
}

INSTRUCTION(BUILD_SET) {
    Value result;
    if (!rt_build_set(vm, sp - OPARG, OPARG, &result)) RAISE();
    sp -= OPARG;
    PUSH(result);
    NEXT();
}

/* An f-string field. A str with no conversion is its own format() (the common f"{name}" case) and
 * costs no call. */
INSTRUCTION(FORMAT_VALUE) {
    Value v = TOP();
    if (OPARG == 0 && IS_STRING(v)) NEXT();
    Value result;
    if (!rt_format_value(vm, OPARG, v, undef_value(), &result)) RAISE();
    sp[-1] = result;
    NEXT();
}

INSTRUCTION(FORMAT_WITH_SPEC) {
    Value result;
    if (!rt_format_value(vm, OPARG, sp[-2], sp[-1], &result)) RAISE();
    sp -= 1;
    sp[-1] = result;
    NEXT();
}

INSTRUCTION(BUILD_STRING) {
    Value result;
    if (!rt_build_string(vm, sp - OPARG, OPARG, &result)) RAISE();
    sp -= OPARG;
    PUSH(result);
    NEXT();
}

/* {1, 2, 3}: CPython 3.11 builds a display of 3 or more constants as a frozenset constant merged into a
 * new set, and the merge can leave another order than adding one by one (BUILD_SET) does. */
INSTRUCTION(BUILD_CONST_SET) {
    Value result;
    if (!rt_build_const_set(vm, sp - OPARG, OPARG, &result)) RAISE();
    sp -= OPARG;
    PUSH(result);
    NEXT();
}

INSTRUCTION(DELETE_FAST) {
    if (__builtin_expect(IS_UNDEF(LOCAL()), 0)) {
        rt_unbound_local(vm, frame->code, OPARG);
        RAISE();
    }
    LOCAL() = undef_value();
    NEXT();
}

INSTRUCTION(DELETE_GLOBAL) {
    if (!rt_delete_global(vm, NAME(), GLOBAL())) RAISE();
    NEXT();
}

INSTRUCTION(DELETE_SUBSCR) {
    if (!rt_delete_subscr(vm, sp[-2], sp[-1])) RAISE();
    sp -= 2;
    NEXT();
}

/* --- Closures and comprehensions ------------------------------------------------------------------------
 * A variable shared with an inner function lives in a cell (objects/cell.h); its slot holds the cell.
 * The bodies check that the slot really holds one: bytecode can say anything, the verifier checks only
 * that the index is a local. */

INSTRUCTION(MAKE_CELL) {
    Value cell;
    if (!rt_make_cell(vm, LOCAL(), &cell)) RAISE();
    LOCAL() = cell;
    NEXT();
}

INSTRUCTION(LOAD_DEREF) {
    Value cell = LOCAL();
    if (__builtin_expect(!IS_CELL(cell) || IS_UNDEF(AS_CELL(cell)->value), 0)) {
        rt_deref_error(vm, frame, OPARG);
        RAISE();
    }
    PUSH(AS_CELL(cell)->value);
    NEXT();
}

INSTRUCTION(STORE_DEREF) {
    Value cell = LOCAL();
    if (__builtin_expect(!IS_CELL(cell), 0)) {
        rt_deref_error(vm, frame, OPARG);
        RAISE();
    }
    AS_CELL(cell)->value = POP();
    NEXT();
}

INSTRUCTION(DELETE_DEREF) {
    Value cell = LOCAL();
    if (__builtin_expect(!IS_CELL(cell) || IS_UNDEF(AS_CELL(cell)->value), 0)) {
        rt_deref_error(vm, frame, OPARG);
        RAISE();
    }
    AS_CELL(cell)->value = undef_value();
    NEXT();
}

INSTRUCTION(LOAD_CLOSURE) {
    Value cell = LOCAL();
    if (__builtin_expect(!IS_CELL(cell), 0)) {
        rt_deref_error(vm, frame, OPARG);
        RAISE();
    }
    PUSH(cell);
    NEXT();
}

INSTRUCTION(COPY_FREE_VARS) {
    if (!rt_copy_free_vars(vm, frame, OPARG)) RAISE();
    NEXT();
}

INSTRUCTION(MAKE_CLOSURE) {
    Value body = POP();
    Value cells = POP();
    Value defaults = none_value();
    if (OPARG) defaults = POP();
    Value result;
    if (!rt_make_closure(vm, body, cells, defaults, OPARG != 0, &result)) RAISE();
    PUSH(result);
    NEXT();
}

/* A comprehension's result is below its loops' iterators: OPARG says how far. The values stay on the
 * stack until added, so the collector sees them if adding allocates. */
INSTRUCTION(LIST_APPEND) {
    Value v = TOP();
    Value list = PEEK(OPARG + 1);
    if (IS_LIST(list) && AS_LIST(list)->count < AS_LIST(list)->capacity) {
        AS_LIST(list)->items[AS_LIST(list)->count++] = v; /* room left: no call */
    } else if (!rt_comprehension_add(vm, list, undef_value(), v)) {
        RAISE();
    }
    sp--;
    NEXT();
}

INSTRUCTION(SET_ADD) {
    if (!rt_comprehension_add(vm, PEEK(OPARG + 1), undef_value(), TOP())) RAISE();
    sp--;
    NEXT();
}

INSTRUCTION(MAP_ADD) {
    if (!rt_comprehension_add(vm, PEEK(OPARG + 2), PEEK(2), TOP())) RAISE();
    sp -= 2;
    NEXT();
}

/* --- Calling conventions and unpacking ------------------------------------------------------------------ */

INSTRUCTION(SET_KWDEFAULTS) {
    Value function = POP();
    if (!rt_set_kwdefaults(vm, function, TOP())) RAISE();
    sp[-1] = function;
    NEXT();
}

/* f(*args, **kwargs): the rare call whose arguments were built as a tuple and a dict (a fixed-arity call
 * stays CALL). The callee is called with them spread out, as rt_call takes them. */
INSTRUCTION(CALL_FUNCTION_EX) {
    Value *callee = sp - OPARG - 2;
    if (!rt_call_function_ex(vm, callee, OPARG != 0)) RAISE();
    sp = callee + 1;
    NEXT();
}

INSTRUCTION(LIST_EXTEND) {
    if (!rt_display_extend(vm, OP_LIST_EXTEND, PEEK(OPARG + 1), TOP(), undef_value())) RAISE();
    sp--;
    NEXT();
}

INSTRUCTION(SET_UPDATE) {
    if (!rt_display_extend(vm, OP_SET_UPDATE, PEEK(OPARG + 1), TOP(), undef_value())) RAISE();
    sp--;
    NEXT();
}

INSTRUCTION(DICT_UPDATE) {
    if (!rt_display_extend(vm, OP_DICT_UPDATE, PEEK(OPARG + 1), TOP(), undef_value())) RAISE();
    sp--;
    NEXT();
}

/* The function being called is two below the dict: its name goes in the errors. */
INSTRUCTION(DICT_MERGE) {
    if (!rt_display_extend(vm, OP_DICT_MERGE, PEEK(OPARG + 1), TOP(), PEEK(OPARG + 3))) RAISE();
    sp--;
    NEXT();
}

INSTRUCTION(LIST_TO_TUPLE) {
    if (!rt_list_to_tuple(vm, TOP(), &sp[-1])) RAISE();
    NEXT();
}

INSTRUCTION(UNPACK_EX) {
    if (!rt_unpack_ex(vm, TOP(), OPARG & 0xFF, OPARG >> 8, sp - 1)) RAISE();
    sp += (int64_t)(OPARG & 0xFF) + (OPARG >> 8);
    NEXT();
}

/* --- Exceptions ----------------------------------------------------------------------------------------
 * The error path (interp.c's error label; jit.c's rt_jit_handle_error) enters a handler with the stack
 * cut to the exception table entry's depth and the exception on top (ops/exceptions.c). */

INSTRUCTION(PUSH_EXC_INFO) {
    Value exc = TOP();
    sp[-1] = rt_push_exc_info(vm, exc);
    PUSH(exc);
    NEXT();
}

INSTRUCTION(POP_EXCEPT) {
    rt_pop_except(vm, POP());
    NEXT();
}

INSTRUCTION(CHECK_EXC_MATCH) {
    int matched = rt_check_exc_match(vm, sp[-2], sp[-1]);
    if (matched < 0) RAISE();
    sp[-1] = bool_value(matched);
    NEXT();
}

INSTRUCTION(BEFORE_WITH) {
    if (!rt_before_with(vm, sp - 1)) RAISE();
    sp++;
    NEXT();
}

INSTRUCTION(WITH_EXCEPT_START) {
    if (!rt_with_except_start(vm, sp[-3], sp[-1], sp)) RAISE();
    sp++;
    NEXT();
}

INSTRUCTION(RERAISE) {
    rt_reraise(vm, POP());
    RAISE();
}

INSTRUCTION(RAISE_VARARGS) {
    sp -= OPARG;
    rt_raise(vm, sp, OPARG);
    RAISE();
}

/* --- Generators ----------------------------------------------------------------------------------------
 * A generator's frame runs on the VM stack like any other, entered by interp/generators.c's gen_run. A
 * yield copies the frame's locals and operand stack into the generator (rt_yield: no allocation) and
 * leaves the frame as a return does; gen_run copies them back and enters the frame at PC_AFTER() again,
 * in either tier (the instruction after a yield is a JIT entry point), with the sent value pushed. */

INSTRUCTION(YIELD_VALUE) {
    Value v = POP();
    if (!rt_yield(vm, frame, sp, OPARG, PC_AFTER())) RAISE();
    RETURN_FROM_FRAME(v);
}

/* yield from: sends v into the delegate below it (next() when v is None). It yielded r: YIELD_VALUE 1
 * passes r out and JUMP_BACKWARD comes back here with what was sent; it returned r: r is the value of the
 * `yield from` expression. */
INSTRUCTION(SEND) {
    Value v = POP();
    int status = rt_send(vm, TOP(), v, &v);
    if (status < 0) RAISE();
    if (status == 0) {
        sp[-1] = v;
        JUMP_TO_TARGET();
    }
    PUSH(v);
    NEXT();
}
