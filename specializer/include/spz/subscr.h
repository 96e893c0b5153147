/* spz/subscr.h -- x[i] and x[i] = v in generic code: the exact list/tuple-with-int and exact dict
 * cases done inline (what CPython's BINARY_SUBSCR_LIST_INT & co. specialize), everything else
 * through the abstract API, which also raises every error with CPython's own message. */
#ifndef SPZ_SUBSCR_H
#define SPZ_SUBSCR_H

/* an exact int index into a sequence of length n, made non-negative; -1 when not in range */
static inline Py_ssize_t spz_seq_index_(PyObject *k, Py_ssize_t n) {
    if (!PyLong_CheckExact(k)) return -1;
    int overflow = 0;
    long long i = PyLong_AsLongLongAndOverflow(k, &overflow);
    if (overflow) return -1;
    if (i < 0) i += n;
    return i >= 0 && i < n ? (Py_ssize_t)i : -1;
}

/* o[k]: new reference or NULL */
static inline PyObject *spz_getitem(PyObject *o, PyObject *k) {
    if (PyList_CheckExact(o)) {
        Py_ssize_t i = spz_seq_index_(k, PyList_GET_SIZE(o));
        if (i >= 0) return Py_NewRef(PyList_GET_ITEM(o, i));
    } else if (PyTuple_CheckExact(o)) {
        Py_ssize_t i = spz_seq_index_(k, PyTuple_GET_SIZE(o));
        if (i >= 0) return Py_NewRef(PyTuple_GET_ITEM(o, i));
    } else if (PyDict_CheckExact(o)) {
        PyObject *v = PyDict_GetItemWithError(o, k);
        if (v != NULL) return Py_NewRef(v);
        if (PyErr_Occurred()) return NULL;
    }
    return PyObject_GetItem(o, k);
}

/* o[k] = v (v borrowed): 0 / -1 */
static inline int spz_setitem(PyObject *o, PyObject *k, PyObject *v) {
    if (PyList_CheckExact(o)) {
        Py_ssize_t i = spz_seq_index_(k, PyList_GET_SIZE(o));
        if (i >= 0) {
            PyObject *old = PyList_GET_ITEM(o, i);
            PyList_SET_ITEM(o, i, Py_NewRef(v));
            Py_DECREF(old); /* last: a finalizer may run, and the list is consistent by then */
            return 0;
        }
    } else if (PyDict_CheckExact(o)) {
        return PyDict_SetItem(o, k, v);
    }
    return PyObject_SetItem(o, k, v);
}

#endif /* SPZ_SUBSCR_H */
