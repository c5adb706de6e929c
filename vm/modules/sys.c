/* sys.c: the sys module: argv, maxsize, stdout and stderr. */
#include "core/vm.h"
#include "modules/builtins.h"
#include "objects/object.h"

/* sys.argv starts empty; vm_set_argv (api/vm.c) fills it. */
ObjModule *sys_module_new(Vm *vm) {
    ObjString *name = string_from_cstr(vm, "sys");
    ObjModule *sys = name == NULL ? NULL : module_new(vm, name, 4);
    ObjList *argv = sys == NULL ? NULL : list_new(vm, 0);
    if (argv == NULL || !module_set(vm, sys, 0, "argv", obj_value(&argv->obj))) return NULL;
    if (!module_set(vm, sys, 1, "maxsize", int_value(INT64_MAX))) return NULL;
    ObjStream *out = stream_new(vm, false);
    if (out == NULL || !module_set(vm, sys, 2, "stdout", obj_value(&out->obj))) return NULL;
    ObjStream *err = stream_new(vm, true);
    if (err == NULL || !module_set(vm, sys, 3, "stderr", obj_value(&err->obj))) return NULL;
    return sys;
}

