/* specializer.h -- the C runtime ABI that every spyc-generated extension compiles against.
 *
 * A generated extension is ONE translation unit:
 *
 *     #include "specializer.h"
 *     #include "spz_runtime.c"      // every runtime function is `static`, so extensions never clash
 *     ... generated code ...
 *
 * Generated code checks SPZ_ABI_VERSION with #if/#error. Everything declared here is described in
 * specializer/README.md, including the exact protocol for try/except/finally. Names: `spz_`
 * functions, `SPZ_` macros, `Spz` types. Supported: CPython 3.11, 3.12, 3.13.
 */
#ifndef SPECIALIZER_H
#define SPECIALIZER_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <frameobject.h>
#include <stdint.h>

#define SPZ_ABI_VERSION 3

/* Linkage of the runtime (see README.md, "Building").
 * - Unity build (default): the generated module #includes "spz_runtime.c", so the runtime is in
 *   its translation unit and every runtime function is static (unused ones are dropped).
 * - Linked build (-DSPZ_RUNTIME_LINKED, what `spyc build` does): spz_runtime.c is compiled once
 *   per Python and flags into an object that is linked into each extension. The functions that
 *   generated code calls and the data they share have hidden visibility: visible across the
 *   extension's objects, never exported from it, so two extensions in one process never clash.
 * SPZ_API: a runtime function callable from generated code (on its declaration AND definition).
 * SPZ_DATA: a shared variable's declaration in a header; SPZ_DATA_DEF: its one definition (.c). */
#if defined(SPZ_RUNTIME_LINKED)
#define SPZ_API extern __attribute__((visibility("hidden")))
#define SPZ_DATA extern __attribute__((visibility("hidden")))
#define SPZ_DATA_DEF __attribute__((visibility("hidden")))
#elif defined(__GNUC__) || defined(__clang__)
#define SPZ_API static __attribute__((unused))
#define SPZ_DATA static __attribute__((unused))
#define SPZ_DATA_DEF static
#else
#define SPZ_API static
#define SPZ_DATA static
#define SPZ_DATA_DEF static
#endif

#if PY_VERSION_HEX < 0x030B0000
#error "spyc's runtime needs CPython >= 3.11"
#endif

#include "spz/guard.h"
#include "spz/int.h"
#include "spz/float.h"
#include "spz/stats.h"

/* ---------------------------------------------------------------------------------------------
 * Module and function descriptions (static data emitted by the compiler)
 * ------------------------------------------------------------------------------------------- */

typedef struct SpzFunction SpzFunction;

/* args: borrowed references to the bound, checked and promoted parameter values in slot order:
 * positional-only + positional-or-keyword params, then the *args tuple (if any), then keyword-only
 * params, then the **kwargs dict (if any). ts: the calling thread's state, which the caller already
 * looked up for the recursion counter (passed so the entry's frame push needs no second lookup:
 * on 3.12+ that is an out-of-line call with a TLS access). Returns a new reference, or NULL with an
 * exception set. */
typedef PyObject *(*SpzEntry)(SpzFunction *self, PyObject *const *args, PyThreadState *ts);

typedef struct {
    const char *name;     /* __name__ */
    const char *qualname; /* e.g. "f", "P.norm" */
    int def_lineno;       /* 1-based line of the `def` keyword (= ast FunctionDef.lineno) */
    int decorator_index;  /* index in decorator_list of the spyc.checked decorator to REPLACE by the
                             native factory, or -1 to APPEND the factory as the innermost decorator */
    int checked;          /* 1: apply the @checked contracts (spyc._plan.plan_for); 0: plain */
    int nslots;           /* length of args */
    SpzEntry entry;
} SpzFuncDef;

typedef struct {
    const char *filename;  /* absolute source path: compile() filename and traceback filename */
    const char *source;    /* UTF-8 source of the whole module */
    const char *consts_py; /* Python source of a tuple literal, ast.literal_eval'd at exec */
    int nconsts;
    PyObject **consts;     /* array of nconsts, filled at exec: new references; str items interned */
    const SpzFuncDef *funcs;
    int nfuncs;
    SpzStatSite *stat_sites; /* guard sites for SPYC_STATS (spz/stats.h); NULL/0 when none */
    int nstat_sites;
} SpzModuleDef;

/* A compiled function object (Python type name `spyc_function`). Generated code may read the
 * first block of fields; everything after `_private` belongs to the runtime. */
struct SpzFunction {
    PyObject_HEAD
    PyObject *globals;      /* the module dict (borrow it; the function keeps it alive) */
    PyObject *builtins;     /* dict: globals['__builtins__'] (a module becomes its __dict__) */
    const SpzFuncDef *def;
    SpzModuleDef *mod;
    /* ---- _private: runtime only ---- */
    vectorcallfunc vectorcall;
    PyObject *pyfn;         /* the Python function CPython created from the source (__wrapped__) */
    PyObject *name, *qualname, *module, *doc, *dict;
    PyObject *defaults;     /* tuple or NULL */
    PyObject *kwdefaults;   /* dict or NULL */
    PyObject *owner;        /* set by __spyc_set_owner__ (frozen classes) */
    PyObject *plan;         /* cached spyc._plan.plan_for(pyfn, owner) result, or NULL */
    PyObject *binder;       /* Python function that binds arguments the slow way, or NULL */
    PyObject *tb_codes;     /* {lineno: code object} for traceback entries, or NULL */
    PyObject *kwonly_names; /* tuple of keyword-only parameter names */
    unsigned char *plan_codes; /* fast-test code per slot (+1 for the return), when plan != NULL */
    PyObject *weakreflist;
    int argcount;           /* positional params (incl. positional-only) */
    int kwonlycount;
    int has_varargs, has_varkw;
    int no_owner;           /* wrapped by classmethod/staticmethod: no `self` to check */
};

/* ---------------------------------------------------------------------------------------------
 * Module execution
 * ------------------------------------------------------------------------------------------- */

/* Py_mod_exec slot body: fill def->consts, then execute def->source in the module dict with the
 * compiled functions substituted for their `def`s. Returns 0, or -1 with an exception set. */
SPZ_API int spz_module_exec(PyObject *module, SpzModuleDef *def);
/* The module object's __spyc_run__(globals) before its body ran: run the body there (runpy). */
SPZ_API PyObject *spz_module_run(SpzModuleDef *def, PyObject *ns);
/* SPYC_STATS: when set, turn on counting (spz_stats_on) and register the module's guard sites
 * for the report at exit (src/stats.c). 0, or -1 with an exception set. */
SPZ_API int spz_stats_module_init(SpzModuleDef *def);

/* Boilerplate for a multi-phase (PEP 489) module. Use at file scope, after the SpzModuleDef:
 *     SPZ_DEFINE_MODULE(mod, spz_moddef)
 * defines PyInit_mod. `name` must be the bare module name (a C identifier). */
#if PY_VERSION_HEX >= 0x030C0000
#define SPZ_MODULE_EXTRA_SLOTS_ \
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#else
#define SPZ_MODULE_EXTRA_SLOTS_
#endif
#define SPZ_DEFINE_MODULE(name, spzdef)                                                         \
    static int spz_exec_##name(PyObject *m) {                                                   \
        if (spz_stats_module_init(&(spzdef)) < 0) return -1;                                     \
        return spz_module_exec(m, &(spzdef));                                                    \
    }                                                                                           \
    static PyObject *spz_runm_##name(PyObject *m, PyObject *ns) {                               \
        (void)m;                                                                                \
        return spz_module_run(&(spzdef), ns);                                                   \
    }                                                                                           \
    static PyMethodDef spz_meth_##name[] = {                                                    \
        {"__spyc_run__", spz_runm_##name, METH_O, NULL}, {NULL, NULL, 0, NULL}};                 \
    static PyModuleDef_Slot spz_slots_##name[] = {                                              \
        {Py_mod_exec, (void *)spz_exec_##name}, SPZ_MODULE_EXTRA_SLOTS_ {0, NULL}};             \
    static struct PyModuleDef spz_pymoddef_##name = {                                           \
        PyModuleDef_HEAD_INIT, #name, NULL, 0, spz_meth_##name, spz_slots_##name, NULL, NULL, NULL}; \
    PyMODINIT_FUNC PyInit_##name(void) { return PyModuleDef_Init(&spz_pymoddef_##name); }

/* Generator expressions consumed by a builtin (src/comprehension.c) */
SPZ_API int spz_genexp_is_builtin(PyObject *o, const char *which);
SPZ_API PyObject *spz_sum_new(void);
SPZ_API int spz_sum_step(PyObject *acc, PyObject *item);
SPZ_API PyObject *spz_sum_result(PyObject *acc);
SPZ_API PyObject *spz_minmax_empty(int is_max);
SPZ_API PyObject *spz_genexp_make(SpzFunction *f, PyObject *src, PyObject *args);
SPZ_API PyObject *spz_genexp_arg(PyObject *v);
SPZ_API PyObject *spz_comp_unbound(PyObject *name, int is_genexp);

/* ---------------------------------------------------------------------------------------------
 * Names
 * ------------------------------------------------------------------------------------------- */

/* globals, then builtins; NameError "name 'x' is not defined" (with .name set) like CPython.
 * Returns a new reference or NULL. */
SPZ_API PyObject *spz_load_global(SpzFunction *f, PyObject *name);
/* globals[name] = v (v borrowed). 0 / -1. */
SPZ_API int spz_store_global(SpzFunction *f, PyObject *name, PyObject *v);
/* del globals[name]; NameError when missing. 0 / -1. */
SPZ_API int spz_del_global(SpzFunction *f, PyObject *name);
/* UnboundLocalError: cannot access local variable 'x' where it is not associated with a value.
 * Always returns -1. */
SPZ_API int spz_raise_unbound_local(PyObject *name);
/* Py_XDECREF of the n references that follow, in order: the exit of a generic half (run only
 * after a deopt) releases its registers with one call, not n inlined releases (gcc's time). */
SPZ_API void spz_release_n(int n, ...);

/* ---------------------------------------------------------------------------------------------
 * Exceptions and tracebacks (protocol: README.md, "try/except/finally")
 * ------------------------------------------------------------------------------------------- */

/* Add `File "<filename>", line N, in <name>` to the traceback of the raised exception. Call it
 * exactly once per source-level failure in this function, as CPython does (not for re-raises). */
SPZ_API void spz_traceback_add(SpzFunction *f, int lineno);
/* Take the raised exception (normalized, traceback attached) and clear it. New reference; never
 * NULL when an exception is set. */
SPZ_API PyObject *spz_exc_fetch(void);
/* Raise exc again, unchanged (its __traceback__ is kept). Steals exc. */
SPZ_API void spz_exc_restore(PyObject *exc);
/* Make exc (borrowed) the handled exception (sys.exception()), like entering an except/finally
 * block. Returns the previously handled exception (owned; may be NULL) for spz_exc_leave_handler. */
SPZ_API PyObject *spz_exc_enter_handler(PyObject *exc);
/* `with` (src/with.c): the bound __enter__/__exit__ (TypeError with CPython's text when missing),
 * and the two calls of __exit__ */
SPZ_API PyObject *spz_with_lookup(PyObject *mgr, PyObject *name, int is_exit);
SPZ_API PyObject *spz_with_exit_exc(PyObject *exit, PyObject *exc);
SPZ_API PyObject *spz_with_exit_none(PyObject *exit);
/* an `import` statement run by CPython from its text (src/imports.c): the value of the name it binds */
SPZ_API PyObject *spz_import_run(SpzFunction *f, PyObject *src);
/* Restore the handled exception saved by spz_exc_enter_handler. Steals prev. Never touches the
 * currently raised exception, so it is safe on error paths. */
SPZ_API void spz_exc_leave_handler(PyObject *prev);
/* `except type:` test. 1 match, 0 no match, -1 error (TypeError for non-exception classes). */
SPZ_API int spz_exc_matches(PyObject *exc, PyObject *type);
/* CPython's do_raise. exc NULL: bare `raise`. cause NULL: no `from`; Py_None: `from None`. Borrows
 * both. Always leaves an exception set and returns:
 *   SPZ_RAISE_NEW (-1): a new raise  -> the caller adds spz_traceback_add(f, line);
 *   SPZ_RAISE_RERAISE (-2): a bare re-raise -> NO traceback entry (CPython adds none). */
#define SPZ_RAISE_NEW (-1)
#define SPZ_RAISE_RERAISE (-2)
SPZ_API int spz_raise(PyObject *exc, PyObject *cause);

/* ---------------------------------------------------------------------------------------------
 * Calls
 * ------------------------------------------------------------------------------------------- */

/* callable(*posargs, **kwargs). posargs: list or tuple (borrowed); kwargs: dict or NULL. */
SPZ_API PyObject *spz_call_ex(PyObject *callable, PyObject *posargs, PyObject *kwargs);
/* list.extend(iterable) for `*iterable` at a call site. callable != NULL: the call has exactly one
 * positional argument `*x` and nothing else positional -> "<func>() argument after * must be an
 * iterable, not T". callable == NULL: any other shape -> "Value after * must be an iterable, not T"
 * (CPython's two messages). 0 / -1. */
SPZ_API int spz_extend_star(PyObject *callable, PyObject *list, PyObject *iterable);
/* dict.update(mapping) for `**mapping` at a call site, with CPython's messages
 * ("<func>() argument after ** must be a mapping, not T", "<func>() got multiple values for keyword
 * argument 'x'"). Also use it for plain `k=v` keywords that follow a `**` (pass a 1-item dict). */
SPZ_API int spz_merge_kwargs(PyObject *callable, PyObject *dict, PyObject *mapping);
/* CPython's _PyObject_FunctionStr: "mod.qualname()" / "qualname()" / str(x). New ref or NULL. */
SPZ_API PyObject *spz_function_str(PyObject *callable);

/* ---------------------------------------------------------------------------------------------
 * Unpacking, f-strings, truth
 * ------------------------------------------------------------------------------------------- */

/* a, b, c = seq. out[0..n) receive new references (nothing on failure). 0 / -1. */
SPZ_API int spz_unpack(PyObject *seq, Py_ssize_t n, PyObject **out);
/* a, *b, c = seq. out has before + 1 + after entries; out[before] is a new list. 0 / -1. */
SPZ_API int spz_unpack_ex(PyObject *seq, Py_ssize_t before, Py_ssize_t after, PyObject **out);
/* f"{v!conv:spec}". conversion: -1 (none), 's', 'r', 'a'. spec may be NULL. New ref or NULL. */
SPZ_API PyObject *spz_format_value(PyObject *v, int conversion, PyObject *spec);
/* ''.join(parts) for str parts (borrowed). New ref or NULL. */
SPZ_API PyObject *spz_build_string(PyObject *const *parts, Py_ssize_t n);
/* `import name` / `from name import ...` as in the module (level 0 = absolute). Uses the module's
 * globals like IMPORT_NAME. fromlist may be NULL/None. New ref or NULL. */
SPZ_API PyObject *spz_import_name(SpzFunction *f, PyObject *name, PyObject *fromlist, int level);
/* `from m import name`: getattr with CPython's ImportError text. New ref or NULL. */
SPZ_API PyObject *spz_import_from(PyObject *module, PyObject *name);
/* A set display of constants that CPython's compiler folded into a frozenset constant (function.c):
 * consts[idx] of f's module; copy != 0: a new set copied from the frozenset, else the frozenset
 * itself. New ref or NULL. */
SPZ_API PyObject *spz_folded_set(SpzFunction *f, int idx, int copy);
/* bool(v): 1, 0, or -1 on error. */
static inline int spz_is_true(PyObject *v) {
    if (v == Py_True) return 1;
    if (v == Py_False || v == Py_None) return 0;
    return PyObject_IsTrue(v);
}

/* The spyc_function type (ready after the first spz_module_exec). */
SPZ_DATA PyTypeObject SpzFunction_Type;
static inline int spz_function_check(PyObject *o) { return Py_TYPE(o) == &SpzFunction_Type; }

/* What a deopt hands the generic half of a split function (cgen/split.ts), per register: an
 * owned object, or an unboxed register's value (generated code only: __int128); also the
 * unboxed locals an exit copies into the frame record (spz_frame_sync_boxed). */
__extension__ typedef __int128 SpzI128; /* a GNU C type: no -pedantic warning in user flags */
typedef union { PyObject *o; int64_t i; uint64_t u; double f; int b; SpzI128 q; } SpzSlot;

/* A 128-bit accumulator's value as an int. */
SPZ_API PyObject *spz_i128_to_pylong(SpzI128 v);

#include "spz/direct.h"
#include "spz/frames.h"
#include "spz/gconst.h"
#include "spz/attrcache.h"
#include "spz/subscr.h"
#include "spz/deque.h"
#include "spz/heapq.h"
#include "spz/num.h"
#include "spz/poll.h"
#include "spz/objects.h"
#include "spz/lambda.h"
#include "spz/iter.h"

/* The helpers of specialized code and of object-list slots, which only generated code calls: here
 * so that the precompiled specializer.h (driver/build.ts) covers them too (their parse was ~15 ms
 * of every unit compile). */
#include "spz/spec.h"
#include "spz/objlist.h"

#endif /* SPECIALIZER_H */
