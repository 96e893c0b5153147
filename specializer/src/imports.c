/* imports.c -- `import` statements inside compiled functions (irbuild importStmt). CPython runs
 * them itself: the statement's text becomes a one-statement maker function (compiled once per
 * module and text by spz_genexp_maker, in the module's globals, with the file name and the
 * statement on its own line number) that returns the name it binds. So __import__ (overridden
 * or not), relative imports, IMPORT_FROM's fallbacks and every error text are the interpreter's.
 * The maker's own traceback entry is dropped: the compiled function adds its entry instead. */
#include "specializer.h"

SPZ_API PyObject *spz_import_run(SpzFunction *f, PyObject *src) {
    PyObject *maker = spz_genexp_maker(f, src);
    if (maker == NULL) return NULL;
    PyObject *r = PyObject_CallNoArgs(maker);
    if (r == NULL && PyFunction_Check(maker)) {
        PyObject *exc = spz_exc_fetch();
        PyObject *tb = exc != NULL ? PyException_GetTraceback(exc) : NULL;
        if (tb != NULL && PyTraceBack_Check(tb)) {
            PyTracebackObject *t = (PyTracebackObject *)tb;
            PyCodeObject *code = t->tb_frame != NULL ? PyFrame_GetCode(t->tb_frame) : NULL;
            if ((PyObject *)code == PyFunction_GET_CODE(maker))
                PyException_SetTraceback(exc, t->tb_next != NULL ? (PyObject *)t->tb_next : Py_None);
            Py_XDECREF(code);
        }
        Py_XDECREF(tb);
        spz_exc_restore(exc);
    }
    Py_DECREF(maker);
    return r;
}
