/* lambda.c -- spz_make_lambda (spz/lambda.h). */
#include "specializer.h"

/* the k-th code object named <lambda> whose first line is `line` among `owner`'s constants
 * (borrowed), or NULL with SystemError: the binder proved it is there (bind/lambda.ts) */
static PyObject *spz_lambda_code(PyObject *owner, int line, int k) {
    PyObject *consts = ((PyCodeObject *)owner)->co_consts;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(consts); i++) {
        PyObject *c = PyTuple_GET_ITEM(consts, i);
        if (!PyCode_Check(c)) continue;
        PyCodeObject *co = (PyCodeObject *)c;
        if (co->co_firstlineno != line || PyUnicode_CompareWithASCIIString(co->co_name, "<lambda>") != 0) continue;
        if (k-- > 0) continue;
        /* a closure would need cells the compiled function does not have */
        if (co->co_nfreevars != 0) break;
        return c;
    }
    PyErr_Format(PyExc_SystemError, "spyc: code object of lambda on line %d not found", line);
    return NULL;
}

SPZ_API PyObject *spz_make_lambda(SpzFunction *f, int line, int k, PyObject *defaults, PyObject *kwdefaults, SpzLambdaSite *site) {
    PyObject *owner = f->pyfn != NULL && PyFunction_Check(f->pyfn) ? PyFunction_GET_CODE(f->pyfn) : NULL;
    if (owner == NULL) {
        PyErr_SetString(PyExc_SystemError, "spyc: lambda in a function without its code object");
        return NULL;
    }
    if (site->owner != owner || site->code == NULL) {
        PyObject *code = spz_lambda_code(owner, line, k);
        if (code == NULL) return NULL;
        /* both kept alive: a freed owner's address could come back as another code object */
        Py_XSETREF(site->code, Py_NewRef(code));
        Py_XSETREF(site->owner, Py_NewRef(owner));
    }
    PyObject *fn = PyFunction_New(site->code, f->globals);
    if (fn == NULL) return NULL;
    if ((defaults != NULL && PyFunction_SetDefaults(fn, defaults) < 0) ||
        (kwdefaults != NULL && PyFunction_SetKwDefaults(fn, kwdefaults) < 0)) {
        Py_DECREF(fn);
        return NULL;
    }
    return fn;
}
