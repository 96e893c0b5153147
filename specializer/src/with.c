/* with.c -- the `with` statement of generic code (irbuild withStmt): CPython's BEFORE_WITH
 * lookups and WITH_EXCEPT_START call, with their error texts (the same on 3.11-3.13). */
#include "specializer.h"

/* type(mgr).<name> bound to mgr the way special methods are (_PyObject_LookupSpecial: found on
 * the type, then its __get__), or NULL with TypeError when missing (is_exit: __exit__'s text) */
SPZ_API PyObject *spz_with_lookup(PyObject *mgr, PyObject *name, int is_exit) {
    PyObject *d = _PyType_Lookup(Py_TYPE(mgr), name);
    if (d == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "'%.200s' object does not support the context manager protocol%s",
                         Py_TYPE(mgr)->tp_name, is_exit ? " (missed __exit__ method)" : "");
        return NULL;
    }
    descrgetfunc get = Py_TYPE(d)->tp_descr_get;
    if (get == NULL) return Py_NewRef(d);
    Py_INCREF(d); /* the descriptor's __get__ may run code that replaces it on the type */
    PyObject *r = get(d, mgr, (PyObject *)Py_TYPE(mgr));
    Py_DECREF(d);
    return r;
}

/* exit(type(exc), exc, exc.__traceback__): the exceptional way out of the block */
SPZ_API PyObject *spz_with_exit_exc(PyObject *exit, PyObject *exc) {
    PyObject *tb = PyException_GetTraceback(exc);
    PyObject *args[3] = {(PyObject *)Py_TYPE(exc), exc, tb != NULL ? tb : Py_None};
    PyObject *r = PyObject_Vectorcall(exit, args, 3, NULL);
    Py_XDECREF(tb);
    return r;
}

/* exit(None, None, None): every other way out */
SPZ_API PyObject *spz_with_exit_none(PyObject *exit) {
    PyObject *args[3] = {Py_None, Py_None, Py_None};
    return PyObject_Vectorcall(exit, args, 3, NULL);
}
