/* generator.h: generator objects, what calling a generator function returns (objects/generator.c).
 *
 * A generator owns the state of its suspended frame: a heap copy of the frame's locals and operand stack
 * and the offset to go on from. Running it is the interpreter's job (interp/generators.c copies the
 * state onto the VM stack, runs the frame in its tier, and a yield copies it back); this file has the
 * type's slots and methods, which reach that code through vm->resume_generator (the objects layer does
 * not include interp/, vm/README.md's layers).
 */
#ifndef cpvm_generator_h
#define cpvm_generator_h

#include "core/object.h"

typedef enum {
    GEN_CREATED,   /* called, the body not yet started */
    GEN_SUSPENDED, /* stopped at a yield */
    GEN_RUNNING,   /* its frame is on the VM stack (so next() from inside it is "already executing") */
    GEN_FINISHED,  /* returned or raised: stays finished */
} GenState;

/* What vm->resume_generator is asked to do. */
typedef enum {
    GEN_ACTION_SEND,  /* send(arg) (next() sends None) */
    GEN_ACTION_THROW, /* raise the VM's current error at the yield point (throw()) */
    GEN_ACTION_CLOSE, /* close(): GeneratorExit at the yield point */
} GenAction;

struct ObjGenerator {
    Obj obj;
    ObjFunction *function;
    ObjCode *code;
    Value *saved;       /* code->nlocals + code->max_stack slots: the locals, then [depth] stack values */
    uint32_t depth;     /* operand stack values saved */
    uint32_t pc;        /* where the frame goes on: past the YIELD_VALUE it stopped at (0: not started) */
    GenState state;
    bool delegating;    /* stopped in a yield from: the delegate is the top saved stack value */
    Value exc_info;     /* the exception its own handler was handling when it yielded, or None */
    Value caller_exc_info; /* while it runs: the one its caller was handling, restored when it stops (a root) */
};

#define IS_GENERATOR(v) is_obj_type(v, OBJ_GENERATOR)
#define AS_GENERATOR(v) ((ObjGenerator *)AS_OBJ(v))

/* A generator for [function], about to run with the nlocals values at [locals] as its locals (the
 * parameters bound, the others VAL_UNDEF); NULL with MemoryError set. */
ObjGenerator *generator_new(Vm *vm, ObjFunction *function, const Value *locals);
/* gen.send(arg) and next(gen): true with the value yielded in *result, or false with the error set;
 * a return raises StopIteration(value) (StopIteration() for None), as CPython. */
bool generator_send(Vm *vm, ObjGenerator *gen, Value arg, Value *result);

extern const TypeInfo generator_type;

#endif
