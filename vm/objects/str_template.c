/* str_template.c: str.format and str.format_map (PEP 3101's replacement fields), the format() and
 * ascii() builtins, and the conversion and formatting step that f-strings share with them.
 *
 * A template is literal text with {{ and }} escapes and replacement fields:
 *
 *     "{" [arg_name] ("." attribute | "[" index "]")* ["!" conversion] [":" format_spec] "}"
 *
 * An empty arg_name takes the next positional argument (automatic numbering), digits name one
 * (manual numbering; mixing the two is an error), anything else a keyword (format_map: a key of its
 * mapping). The format_spec may itself hold replacement fields, expanded first, nested at most twice
 * ("Max string recursion exceeded"), as CPython's Objects/stringlib/unicode_format.h does.
 */
#include <string.h>

#include "core/vm.h"
#include "objects/format_spec.h"
#include "objects/str_methods.h"

typedef struct {
    Value *positional;
    int npositional;
    Value *keywords;          /* str.format: the keyword values, named by kwnames */
    const ObjTuple *kwnames;
    Value mapping;            /* format_map: the mapping (VAL_UNDEF for str.format) */
    int auto_index;           /* the next automatic field number; -1 once a manual one was used */
    bool manual;
} TemplateArgs;

static bool format_template(Vm *vm, StrBuf *out, const char *s, size_t n, TemplateArgs *a, int depth);

/* --- Conversion and formatting, shared with FORMAT_VALUE -------------------------------------------------- */

bool format_convert(Vm *vm, StrBuf *out, Value v, char conversion) {
    switch (conversion) {
    case 'r': return value_write_repr(vm, out, v);
    case 'a': return value_write_ascii(vm, out, v);
    default: return value_write_str(vm, out, v);
    }
}

bool format_field_value(Vm *vm, StrBuf *out, Value v, char conversion, const char *spec, size_t length) {
    if (conversion == 0) return format_value(vm, out, v, spec, length);
    StrBuf text;
    strbuf_init(&text);
    bool ok = format_convert(vm, &text, v, conversion);
    ObjString *s = ok && !text.failed ? string_copy(vm, text.chars, text.length) : NULL;
    strbuf_free(vm, &text);
    if (s == NULL) return false;
    vm_push_root(vm, obj_value(&s->obj));
    ok = format_value(vm, out, obj_value(&s->obj), spec, length);
    vm_pop_root(vm);
    return ok;
}

/* --- Field lookup ---------------------------------------------------------------------------------------- */

static bool is_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return n > 0;
}

static int64_t digits_value(const char *s, size_t n) {
    int64_t v = 0;
    for (size_t i = 0; i < n && v < INT64_MAX / 100; i++) v = v * 10 + (s[i] - '0');
    return v;
}

static bool keyword_arg(Vm *vm, TemplateArgs *a, const char *name, size_t n, Value *out) {
    ObjString *key = string_copy(vm, name, n);
    if (key == NULL) return false;
    if (!IS_UNDEF(a->mapping)) {
        vm_push_root(vm, obj_value(&key->obj));
        bool ok = value_subscript(vm, a->mapping, obj_value(&key->obj), out);
        vm_pop_root(vm);
        return ok;
    }
    for (uint32_t k = 0; a->kwnames != NULL && k < a->kwnames->count; k++) {
        if (string_equal(AS_STRING(a->kwnames->items[k]), key)) {
            *out = a->keywords[k];
            return true;
        }
    }
    return dict_key_error(vm, obj_value(&key->obj));
}

/* The argument that [name] (the field's first part) names. */
static bool field_arg(Vm *vm, TemplateArgs *a, const char *name, size_t n, Value *out) {
    int64_t index;
    if (n == 0) {
        if (a->manual) {
            return vm_raise(vm, EXC_VALUE_ERROR,
                            "cannot switch from manual field specification to automatic field numbering");
        }
        index = a->auto_index++;
    } else if (is_digits(name, n)) {
        if (a->auto_index > 0) {
            return vm_raise(vm, EXC_VALUE_ERROR,
                            "cannot switch from automatic field numbering to manual field specification");
        }
        a->manual = true;
        index = digits_value(name, n);
    } else {
        return keyword_arg(vm, a, name, n, out);
    }
    if (!IS_UNDEF(a->mapping)) return vm_raise(vm, EXC_VALUE_ERROR, "Format string contains positional fields");
    if (index >= a->npositional) {
        return vm_raise(vm, EXC_INDEX_ERROR, "Replacement index %lld out of range for positional args tuple",
                        (long long)index);
    }
    *out = a->positional[index];
    return true;
}

/* The value a field name ("0.real", "x[2][key]") selects. */
static bool field_value(Vm *vm, TemplateArgs *a, const char *s, size_t n, Value *out) {
    size_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[') i++;
    if (!field_arg(vm, a, s, i, out)) return false;
    int roots = vm->temp_root_count;
    vm_push_root(vm, *out); /* "{0.a[b]}": the value of "0.a" may be new, and "b" is made next */
    bool ok = true;
    while (ok && i < n) {
        size_t start = ++i;
        Value next;
        if (s[start - 1] == '.') {
            while (i < n && s[i] != '.' && s[i] != '[') i++;
            if (i == start) {
                ok = vm_raise(vm, EXC_VALUE_ERROR, "Empty attribute in format string");
                break;
            }
            ObjString *name = string_copy(vm, s + start, i - start);
            if (name == NULL) {
                ok = false;
                break;
            }
            vm_push_root(vm, obj_value(&name->obj));
            ok = value_getattr(vm, *out, name, &next);
            vm_pop_root(vm);
        } else {
            while (i < n && s[i] != ']') i++;
            const char *problem = i == n       ? "Missing ']' in format string"
                                  : i == start ? "Empty attribute in format string"
                                  : i + 1 < n && s[i + 1] != '.' && s[i + 1] != '['
                                      ? "Only '.' or '[' may follow ']' in format field specifier"
                                      : NULL;
            if (problem != NULL) {
                ok = vm_raise(vm, EXC_VALUE_ERROR, "%s", problem);
                break;
            }
            size_t length = i++ - start;
            if (is_digits(s + start, length)) {
                ok = value_subscript(vm, *out, int_value(digits_value(s + start, length)), &next);
            } else {
                ObjString *key = string_copy(vm, s + start, length);
                if (key == NULL) {
                    ok = false;
                    break;
                }
                vm_push_root(vm, obj_value(&key->obj));
                ok = value_subscript(vm, *out, obj_value(&key->obj), &next);
                vm_pop_root(vm);
            }
        }
        if (ok) *out = vm->temp_roots[roots] = next;
    }
    vm->temp_root_count = roots;
    return ok;
}

/* --- Templates ------------------------------------------------------------------------------------------- */

/* One replacement field, the text between its braces. */
static bool format_field(Vm *vm, StrBuf *out, const char *s, size_t n, TemplateArgs *a, int depth) {
    size_t name_end = 0;
    /* The name ends at '!' or ':' outside brackets ("{0[a:b]}" has the key "a:b"). */
    for (bool in_brackets = false; name_end < n; name_end++) {
        char c = s[name_end];
        if (c == '[') in_brackets = true;
        else if (c == ']') in_brackets = false;
        else if (!in_brackets && (c == '!' || c == ':')) break;
    }
    char conversion = 0;
    size_t spec_start = n;
    if (name_end < n && s[name_end] == '!') {
        if (name_end + 1 >= n) {
            return vm_raise(vm, EXC_VALUE_ERROR, "end of string while looking for conversion specifier");
        }
        conversion = s[name_end + 1];
        if (name_end + 2 < n && s[name_end + 2] != ':') {
            return vm_raise(vm, EXC_VALUE_ERROR, "expected ':' after conversion specifier");
        }
        spec_start = name_end + 3 <= n ? name_end + 3 : n;
        if (conversion != 'r' && conversion != 's' && conversion != 'a') {
            return vm_raise(vm, EXC_VALUE_ERROR, "Unknown conversion specifier %c", conversion);
        }
    } else if (name_end < n) {
        spec_start = name_end + 1;
    }
    Value v;
    if (!field_value(vm, a, s, name_end, &v)) return false;
    vm_push_root(vm, v);
    const char *spec_text = s + spec_start;
    size_t spec_length = n - spec_start;
    if (memchr(spec_text, '{', spec_length) == NULL) { /* no nested fields: the spec is its own text */
        bool ok = format_field_value(vm, out, v, conversion, spec_text, spec_length);
        vm_pop_root(vm);
        return ok;
    }
    /* The spec holds fields of its own: expand them first. */
    StrBuf spec;
    strbuf_init(&spec);
    bool ok = format_template(vm, &spec, s + spec_start, n - spec_start, a, depth + 1) &&
              format_field_value(vm, out, v, conversion, spec.chars, spec.length);
    strbuf_free(vm, &spec);
    vm_pop_root(vm);
    return ok;
}

static bool format_template(Vm *vm, StrBuf *out, const char *s, size_t n, TemplateArgs *a, int depth) {
    if (depth > 2) return vm_raise(vm, EXC_VALUE_ERROR, "Max string recursion exceeded");
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c != '{' && c != '}') {
            size_t start = i;
            while (i < n && s[i] != '{' && s[i] != '}') i++;
            strbuf_append(vm, out, s + start, i - start);
            continue;
        }
        if (i + 1 < n && s[i + 1] == c) { /* {{ or }} */
            strbuf_append(vm, out, &c, 1);
            i += 2;
            continue;
        }
        if (c == '}') return vm_raise(vm, EXC_VALUE_ERROR, "Single '}' encountered in format string");
        /* The field runs to the '}' that balances its '{' (a spec's nested fields included). */
        size_t start = ++i;
        int nesting = 1;
        for (; i < n; i++) {
            if (s[i] == '{') nesting++;
            else if (s[i] == '}' && --nesting == 0) break;
        }
        if (i == n) {
            return vm_raise(vm, EXC_VALUE_ERROR,
                            start == n ? "Single '{' encountered in format string" : "expected '}' before end of string");
        }
        if (!format_field(vm, out, s + start, i - start, a, depth)) return false;
        i++;
    }
    return !out->failed;
}

/* The str that [template] formats to with the fields of [a]: str.format's and format_map's common end. */
static bool format_to_str(Vm *vm, const ObjString *template, TemplateArgs *a, Value *result) {
    StrBuf b;
    strbuf_init(&b);
    if (!format_template(vm, &b, template->chars, template->length, a, 0)) {
        strbuf_free(vm, &b);
        return false;
    }
    return strbuf_result(vm, &b, result);
}

bool str_format_method(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    int npos = positional_count(argc, kwnames);
    if (!str_method_args(vm, "format", args, npos, 0, INT32_MAX, ARITY_CLINIC)) return false;
    TemplateArgs a = {args + 1, npos - 1, args + npos, kwnames, undef_value(), 0, false};
    return format_to_str(vm, AS_STRING(args[0]), &a, result);
}

bool str_format_map(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (!str_method_args(vm, "format_map", args, argc, 1, 1, ARITY_CLINIC)) return false;
    TemplateArgs a = {NULL, 0, NULL, NULL, args[1], 0, false};
    return format_to_str(vm, AS_STRING(args[0]), &a, result);
}

/* --- The format() and ascii() builtins --------------------------------------------------------------------- */

bool builtin_format(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (argc < 1 || argc > 2) {
        if (argc < 1) return vm_raise(vm, EXC_TYPE_ERROR, "format expected at least 1 argument, got 0");
        return vm_raise(vm, EXC_TYPE_ERROR, "format expected at most 2 arguments, got %d", argc);
    }
    if (argc == 2 && !IS_STRING(args[1])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "format() argument 2 must be str, not %s", value_type_name(args[1]));
    }
    if (IS_STRING(args[0]) && (argc == 1 || AS_STRING(args[1])->length == 0)) {
        *result = args[0];
        return true;
    }
    StrBuf b;
    strbuf_init(&b);
    const ObjString *spec = argc == 2 ? AS_STRING(args[1]) : NULL;
    if (!format_value(vm, &b, args[0], spec ? spec->chars : "", spec ? spec->length : 0)) {
        strbuf_free(vm, &b);
        return false;
    }
    return strbuf_result(vm, &b, result);
}

bool builtin_ascii(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (!exactly_one(vm, "ascii", argc)) return false;
    StrBuf b;
    strbuf_init(&b);
    if (!value_write_ascii(vm, &b, args[0])) {
        strbuf_free(vm, &b);
        return false;
    }
    return strbuf_result(vm, &b, result);
}
