/* object.h: every heap type's layout and constructor, and the generic operations over them.
 *
 * Code above this layer includes this one header. Each type has its own header and file (str.h and
 * str.c, ...); core/object.h has the Obj header and the TypeInfo slot table they share. Objects are
 * created only through the *_new functions, which go through the VM's one allocator (core/gc.c) and so
 * may run the GC: an object the caller holds only in a C variable must be protected with
 * vm_push_root/vm_pop_root first. A *_new function returns NULL with MemoryError set when memory runs out.
 */
#ifndef cpvm_objects_h
#define cpvm_objects_h

#include "core/object.h"
#include "objects/bigint.h"
#include "objects/bound_method.h"
#include "objects/builtin.h"
#include "objects/bytes.h"
#include "objects/cell.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/exception.h"
#include "objects/format_spec.h"
#include "objects/function.h"
#include "objects/generator.h"
#include "objects/iter.h"
#include "objects/iter_builtins.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/number.h"
#include "objects/protocol.h"
#include "objects/slice.h" /* before range.h, which takes SliceRange */
#include "objects/range.h"
#include "objects/set.h"
#include "objects/singleton.h"
#include "objects/str.h"
#include "objects/stream.h"
#include "objects/tuple.h"
#include "objects/type.h"

#endif
