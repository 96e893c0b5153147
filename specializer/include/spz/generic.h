/* spz/generic.h -- generic-code helpers with a per-site inline cache passed by the generated
 * code as SPZ_SITE(type): a function-scope static (GNU statement expression), zero-initialized,
 * one per call site -- so irbuild can ask for a cache without cgen knowing about it.
 *
 * spz_vcall: every generic call `f(args)`. A class whose instances are made by object.__new__
 * and initialized by a Python (or compiled) __init__ is instantiated as CPython 3.13's
 * CALL_ALLOC_AND_ENTER_INIT does: object.__new__ with no arguments, call __init__ with the new object prepended, check
 * it returned None -- no argument tuple, no type_call/slot_tp_init. Keyed by the class and its
 * version tag, which changes when __init__, __new__ or the bases change (attrcache.h).
 *
 * spz_load_global_cached: LOAD_GLOBAL with one cache hit per load (CPython's LOAD_GLOBAL_MODULE
 * / LOAD_GLOBAL_BUILTIN): the site's SpzGlobalCache (direct.h) remembers the value and the version
 * tags of the globals and builtins dicts; equal tags prove neither dict changed, so the borrowed
 * value is still what the name resolves to, and alive. */
#ifndef SPZ_GENERIC_H
#define SPZ_GENERIC_H

#define SPZ_SITE(T) ({ static T spz_site_; &spz_site_; })

/* PyObject_IsTrue with its first tests inline (what the eval loop's conditional jumps do): the
 * bools and None decide without a call */
static inline int spz_truth(PyObject *o) {
    if (o == Py_True) return 1;
    if (o == Py_False || o == Py_None) return 0;
    return PyObject_IsTrue(o);
}

SPZ_API PyObject *spz_load_global_fill(SpzFunction *f, PyObject *name, SpzGlobalCache *c);
/* zero-argument super() in a compiled method (attrcache.c): new reference or NULL; attr_first:
 * the first parameter's name when CPython 3.12+ compiles the call to LOAD_SUPER_ATTR, else NULL */
SPZ_API PyObject *spz_super_zero(SpzFunction *f, PyObject *sup, PyObject *first, PyObject *attr_first);

/* the global (or builtin) `name`: new reference, or NULL with NameError */
static inline PyObject *spz_load_global_cached(SpzFunction *f, PyObject *name, SpzGlobalCache *c) {
    if (SPZ_LIKELY(c->gtag == spz_dict_tag(f->globals) && c->value != NULL &&
                   (c->in_globals || c->btag == spz_dict_tag(f->builtins))))
        return Py_NewRef(c->value);
    return spz_load_global_fill(f, name, c);
}

typedef struct {
    PyTypeObject *type;    /* the class (borrowed, compared only) */
    unsigned int version;  /* its tp_version_tag when filled */
    PyObject *init;        /* its __init__ (borrowed: the unchanged class holds it) */
} SpzCallCache;

SPZ_DATA PyObject *spz_empty_tuple; /* () -- set by the first spz_vcall_type_fill */
SPZ_API PyObject *spz_vcall_type_fill(PyObject *callee, PyObject *const *args, size_t nargsf, PyObject *kwnames, SpzCallCache *c);
SPZ_API PyObject *spz_init_not_none(PyObject *obj, PyObject *r);

/* CPython's builtin round (its method def, found at runtime init), or NULL */
SPZ_DATA PyMethodDef *spz_round_ml;

/* round(x, n) of an exact float and an exact int, computed in C when spz_f64_round_digits can
 * (float.__round__ is what round calls for an exact float): new ref, or NULL without an error
 * for the ordinary call. */
static inline PyObject *spz_round2_fast(PyObject *const *args) {
    if (!PyFloat_CheckExact(args[0]) || !PyLong_CheckExact(args[1])) return NULL;
    int ovf = 0;
    long n = PyLong_AsLongAndOverflow(args[1], &ovf);
    double r;
    if (ovf || n < 0 || n > 22 || spz_f64_round_digits(PyFloat_AS_DOUBLE(args[0]), (int)n, &r)) return NULL;
    return PyFloat_FromDouble(r);
}

/* CPython's builtin min and max (method defs found at runtime init), or NULL */
SPZ_DATA PyMethodDef *spz_min_ml, *spz_max_ml;

/* max(a, b) / min(a, b) of two exact floats or two exact ints fitting int64: builtin min_max
 * keeps a unless `b > a` (max) / `b < a` (min) -- which for these types runs no code and, for
 * floats, is C's comparison (nan compares false). New ref to a or b, or NULL (no error): the
 * ordinary call. */
static inline PyObject *spz_minmax2_fast(PyObject *const *args, int is_max) {
    PyObject *a = args[0], *b = args[1];
    int take_b;
    if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {
        double x = PyFloat_AS_DOUBLE(a), y = PyFloat_AS_DOUBLE(b);
        take_b = is_max ? y > x : y < x;
    } else {
        int64_t x, y;
        if (!PyLong_CheckExact(a) || !PyLong_CheckExact(b) || !spz_as_i64(a, &x) || !spz_as_i64(b, &y)) return NULL;
        take_b = is_max ? y > x : y < x;
    }
    return Py_NewRef(take_b ? b : a);
}

/* callee(*args) with args[-1] writable (PY_VECTORCALL_ARGUMENTS_OFFSET set): new ref or NULL */
static inline PyObject *spz_vcall(PyObject *callee, PyObject *const *args, size_t nargsf, PyObject *kwnames, SpzCallCache *c) {
    if (Py_TYPE(callee) != &PyType_Type) {
        if (Py_TYPE(callee) == &PyCFunction_Type && kwnames == NULL && PyVectorcall_NARGS(nargsf) == 2) {
            PyMethodDef *ml = ((PyCFunctionObject *)callee)->m_ml;
            PyObject *r = ml == spz_round_ml ? spz_round2_fast(args)
                : ml == spz_max_ml || ml == spz_min_ml ? spz_minmax2_fast(args, ml == spz_max_ml) : NULL;
            if (r != NULL || PyErr_Occurred()) return r;
        }
        return spz_call_vc(callee, args, nargsf, kwnames);
    }
    PyTypeObject *tp = (PyTypeObject *)callee;
    if (SPZ_UNLIKELY(tp != c->type || tp->tp_version_tag != c->version))
        return spz_vcall_type_fill(callee, args, nargsf, kwnames, c);
    /* object.__new__ itself (on 3.11/3.12 it also sets up the instance's values array) */
    PyObject *obj = tp->tp_new(tp, spz_empty_tuple, NULL);
    if (obj == NULL) return NULL;
    PyObject *init = Py_NewRef(c->init);
    PyObject **a = (PyObject **)args - 1;
    a[0] = obj;
    PyObject *r = spz_call_vc(init, a, PyVectorcall_NARGS(nargsf) + 1, kwnames);
    a[0] = NULL;
    Py_DECREF(init);
    if (SPZ_LIKELY(r == Py_None)) { Py_DECREF(r); return obj; }
    return spz_init_not_none(obj, r);
}

#endif /* SPZ_GENERIC_H */
