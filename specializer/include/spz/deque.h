/* spz/deque.h -- collections.deque fast paths of @checked code (included by specializer.h).
 *
 * The deque type, its popleft/append method defs and the layout facts used below are resolved
 * once at runtime init (stdcoll.c, spz_stdcoll_init) through public API only; any surprise there
 * leaves spz_deque_type NULL, and every helper then takes the ordinary generic path. The type is
 * immutable (Py_TPFLAGS_IMMUTABLETYPE, checked at init), so an object whose type IS it has those
 * very methods and slots: the guard of every fast path is that exact-type compare. `x.append(v)`
 * also takes an exact list (PyList_Append). Anything else (a subclass, a missing item) runs the
 * generic operation, which also raises CPython's own errors ('deque index out of range', 'pop
 * from an empty deque'). */
#ifndef SPZ_DEQUE_H
#define SPZ_DEQUE_H

SPZ_DATA PyTypeObject *spz_deque_type;                      /* collections.deque, or NULL */
SPZ_DATA PyMethodDef *spz_deque_popleft_ml, *spz_deque_append_ml; /* METH_NOARGS / METH_O */

enum { SPZ_DEQUE_POPLEFT = 1, SPZ_DEQUE_APPEND };

/* q.popleft() / q.append(args[1]) (vcall_method `fast` deque.*): what spz_callmethod returns */
static inline PyObject *spz_callmethod_deque(int which, PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames, SpzAttrCache *site) {
    PyObject *q = args[0];
    if (Py_TYPE(q) == spz_deque_type) {
        if (which == SPZ_DEQUE_POPLEFT) return spz_deque_popleft_ml->ml_meth(q, NULL);
        return spz_deque_append_ml->ml_meth(q, args[1]);
    }
    /* x.append(v) on an exact list: list is an immutable type without instance dicts, so the
     * method is list.append, whose whole work is PyList_Append (no lookup, no call) */
    if (which == SPZ_DEQUE_APPEND && PyList_CheckExact(q)) {
        if (PyList_Append(q, args[1]) < 0) return NULL;
        Py_RETURN_NONE;
    }
    return spz_callmethod(name, args, nargsf, kwnames, site);
}

/* o[k] with k the int constant i (the literal): an exact deque's item in range directly through
 * its sq_item (what PyObject_GetItem reaches for a deque), else spz_getitem */
static inline PyObject *spz_getitem_ci(PyObject *o, PyObject *k, Py_ssize_t i) {
    if (Py_TYPE(o) == spz_deque_type) {
        Py_ssize_t n = Py_SIZE(o);
        if (i < 0) i += n;
        if (i >= 0 && i < n) return spz_deque_type->tp_as_sequence->sq_item(o, i);
    }
    return spz_getitem(o, k);
}

/* the truth of a local: an exact deque is true when not empty (its only truth slot is
 * sq_length, which is Py_SIZE), else spz_truth */
static inline int spz_truth_dq(PyObject *o) {
    if (o == Py_True) return 1;
    if (o == Py_False || o == Py_None) return 0;
    if (Py_TYPE(o) == spz_deque_type) return Py_SIZE(o) != 0;
    return PyObject_IsTrue(o);
}

/* guarded: the truth of a boxed local in a typed test (facts/truth.ts) when it runs no Python code:
 * None/True/False, an exact list, tuple, dict or deque (non-empty). 0 = *out set; 1 = anything
 * else or unbound (NULL): the caller deopts to the generic test, which asks the object. */
static inline int spz_truth_exact(PyObject *o, int *out) {
    if (o == NULL) return 1;
    if (o == Py_True || o == Py_False || o == Py_None) { *out = o == Py_True; return 0; }
    PyTypeObject *t = Py_TYPE(o);
    if (t == &PyList_Type || t == &PyTuple_Type || t == spz_deque_type) { *out = Py_SIZE(o) != 0; return 0; }
    if (t == &PyDict_Type) { *out = PyDict_GET_SIZE(o) != 0; return 0; }
    return 1;
}

/* guarded: `x is None` / `x is not None` of a boxed local (facts/truth.ts); 1 = unbound (NULL) */
static inline int spz_is_none(PyObject *o, int *out) { if (o == NULL) return 1; *out = o == Py_None; return 0; }
static inline int spz_is_not_none(PyObject *o, int *out) { if (o == NULL) return 1; *out = o != Py_None; return 0; }

#endif /* SPZ_DEQUE_H */
