/* A hand-written extension that uses the runtime ABI exactly as spyc-generated code does
 * (built by tests/unit/specializer.test.ts). Source: spz_demo.py (embedded below by the test). */
#include "specializer.h"
#include "spz_runtime.c"

#if SPZ_ABI_VERSION != 1
#error "spz_demo targets runtime ABI 1"
#endif

static PyObject *consts[4];
/* consts: 0 "SCALE", 1 "missing_name", 2 "r", 3 "tmp" */

/* Point.norm1(self, k) -> abs(self.x) + abs(self.y) + k   (line 15) */
static PyObject *f_norm1(SpzFunction *self, PyObject *const *args) {
    (void)self;
    PyObject *x = PyObject_GetAttrString(args[0], "x");
    if (!x) goto err;
    PyObject *y = PyObject_GetAttrString(args[0], "y");
    if (!y) { Py_DECREF(x); goto err; }
    PyObject *ax = PyNumber_Absolute(x), *ay = PyNumber_Absolute(y);
    Py_DECREF(x); Py_DECREF(y);
    if (!ax || !ay) { Py_XDECREF(ax); Py_XDECREF(ay); goto err; }
    PyObject *s = PyNumber_Add(ax, ay);
    Py_DECREF(ax); Py_DECREF(ay);
    if (!s) goto err;
    PyObject *r = PyNumber_Add(s, args[1]);
    Py_DECREF(s);
    if (!r) goto err;
    return r;
err:
    spz_traceback_add(self, 16);
    return NULL;
}

/* add(a, b=2) -> a + b   (line 25) */
static PyObject *f_add(SpzFunction *self, PyObject *const *args) {
    PyObject *r = PyNumber_Add(args[0], args[1]);
    if (r == NULL) spz_traceback_add(self, 26);
    return r;
}

/* boom(x, *rest, key=None, **kw): raise ValueError(x)   (line 30)
 * Extension for the test: if x == "catch", runs
 *     try: raise ValueError(x)              # line 31
 *     except (KeyError, ValueError) as e:   # "handler"
 *         return (sys.exc_info()[1] is e, rest, key, kw)
 * if x == "reraise": try: raise ValueError; except ValueError: raise
 * if x == "chain": try: 1/0 except ZeroDivisionError: raise KeyError("k")
 * if x == "finally": try: raise ValueError finally: record exc_info into kw['seen']
 * if x == "unbound": UnboundLocalError
 * if x == "global": load missing global
 * if x == "badexc": except 5
 */
static PyObject *f_boom(SpzFunction *self, PyObject *const *args) {
    PyObject *x = args[0], *rest = args[1], *key = args[2], *kw = args[3];
    int line = 30;
    if (PyUnicode_Check(x) && PyUnicode_CompareWithASCIIString(x, "catch") == 0) {
        PyObject *e = PyObject_CallOneArg(PyExc_ValueError, x);
        if (!e) { spz_traceback_add(self, line); return NULL; }
        if (spz_raise(e, NULL) == SPZ_RAISE_NEW) spz_traceback_add(self, line);
        Py_DECREF(e);
        /* handler */
        PyObject *exc = spz_exc_fetch();
        PyObject *prev = spz_exc_enter_handler(exc);
        PyObject *types = PyTuple_Pack(2, PyExc_KeyError, PyExc_ValueError);
        int m = spz_exc_matches(exc, types);
        Py_DECREF(types);
        if (m <= 0) {
            spz_exc_leave_handler(prev);
            if (m < 0) { Py_DECREF(exc); spz_traceback_add(self, 32); }
            else spz_exc_restore(exc);
            return NULL;
        }
        PyObject *info = PySys_GetObject("exc_info"); /* borrowed */
        PyObject *ei = PyObject_CallNoArgs(info);
        PyObject *res = NULL;
        if (ei) {
            res = Py_BuildValue("(OOOO)", PyTuple_GET_ITEM(ei, 1) == exc ? Py_True : Py_False, rest, key, kw);
            Py_DECREF(ei);
        }
        spz_exc_leave_handler(prev);
        Py_DECREF(exc);
        return res;
    }
    if (PyUnicode_Check(x) && PyUnicode_CompareWithASCIIString(x, "reraise") == 0) {
        if (spz_raise(PyExc_ValueError, NULL) == SPZ_RAISE_NEW) spz_traceback_add(self, 40);
        PyObject *exc = spz_exc_fetch();
        PyObject *prev = spz_exc_enter_handler(exc);
        int m = spz_exc_matches(exc, PyExc_ValueError);
        if (m == 1) {
            if (spz_raise(NULL, NULL) == SPZ_RAISE_NEW) spz_traceback_add(self, 41);
            spz_exc_leave_handler(prev);
            Py_DECREF(exc);
            return NULL;
        }
        spz_exc_leave_handler(prev);
        spz_exc_restore(exc);
        return NULL;
    }
    if (PyUnicode_Check(x) && PyUnicode_CompareWithASCIIString(x, "chain") == 0) {
        PyObject *z = PyLong_FromLong(0), *one = PyLong_FromLong(1);
        PyObject *q = PyNumber_TrueDivide(one, z);
        Py_DECREF(z); Py_DECREF(one);
        if (q) return q;
        spz_traceback_add(self, 50);
        PyObject *exc = spz_exc_fetch();
        PyObject *prev = spz_exc_enter_handler(exc);
        int m = spz_exc_matches(exc, PyExc_ZeroDivisionError);
        if (m == 1) {
            PyObject *ke = PyObject_CallOneArg(PyExc_KeyError, x);
            if (spz_raise(ke, kw == NULL || PyDict_GET_SIZE(kw) == 0 ? NULL : Py_None) == SPZ_RAISE_NEW)
                spz_traceback_add(self, 52);
            Py_XDECREF(ke);
        } else {
            spz_exc_leave_handler(prev);
            spz_exc_restore(exc);
            return NULL;
        }
        spz_exc_leave_handler(prev);
        Py_DECREF(exc);
        return NULL;
    }
    if (PyUnicode_Check(x) && PyUnicode_CompareWithASCIIString(x, "finally") == 0) {
        if (spz_raise(PyExc_ValueError, NULL) == SPZ_RAISE_NEW) spz_traceback_add(self, 60);
        PyObject *exc = spz_exc_fetch();
        PyObject *prev = spz_exc_enter_handler(exc);
        PyObject *ei = PyObject_CallNoArgs(PySys_GetObject("exc_info"));
        if (ei == NULL || PyDict_SetItemString(kw, "seen", PyTuple_GET_ITEM(ei, 0)) < 0) {
            Py_XDECREF(ei);
            spz_exc_leave_handler(prev);
            Py_DECREF(exc);
            spz_traceback_add(self, 61);
            return NULL;
        }
        Py_DECREF(ei);
        spz_exc_leave_handler(prev);
        spz_exc_restore(exc);
        return NULL;
    }
    if (PyUnicode_Check(x) && PyUnicode_CompareWithASCIIString(x, "unbound") == 0) {
        spz_raise_unbound_local(consts[2]);
        spz_traceback_add(self, 70);
        return NULL;
    }
    if (PyUnicode_Check(x) && PyUnicode_CompareWithASCIIString(x, "global") == 0) {
        PyObject *v = spz_load_global(self, consts[1]);
        if (v == NULL) spz_traceback_add(self, 71);
        return v;
    }
    if (PyUnicode_Check(x) && PyUnicode_CompareWithASCIIString(x, "badexc") == 0) {
        if (spz_raise(PyExc_ValueError, NULL) == SPZ_RAISE_NEW) spz_traceback_add(self, 72);
        PyObject *exc = spz_exc_fetch();
        PyObject *prev = spz_exc_enter_handler(exc);
        PyObject *five = PyLong_FromLong(5);
        int m = spz_exc_matches(exc, five);
        Py_DECREF(five);
        if (m < 0) spz_traceback_add(self, 73);
        spz_exc_leave_handler(prev);
        Py_DECREF(exc);
        return NULL;
    }
    PyObject *e = PyObject_CallOneArg(PyExc_ValueError, x);
    if (e) {
        if (spz_raise(e, NULL) == SPZ_RAISE_NEW) spz_traceback_add(self, line);
        Py_DECREF(e);
    } else {
        spz_traceback_add(self, line);
    }
    return NULL;
}

/* guarded(x: float, y: float) -> float: x / y   (line 35) */
static PyObject *f_guarded(SpzFunction *self, PyObject *const *args) {
    double x = PyFloat_AS_DOUBLE(args[0]), y = PyFloat_AS_DOUBLE(args[1]), r;
    if (spz_f64_div(x, y, &r)) {
        spz_raise_float_zero_div(SPZ_FDIV_TRUE);
        spz_traceback_add(self, 35);
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

/* scaled(v) -> v * SCALE (plain, compiled with --all)   (line 40) */
static PyObject *f_scaled(SpzFunction *self, PyObject *const *args) {
    PyObject *s = spz_load_global(self, consts[0]);
    if (!s) { spz_traceback_add(self, 39); return NULL; }
    PyObject *r = PyNumber_Multiply(args[0], s);
    Py_DECREF(s);
    if (!r) spz_traceback_add(self, 39);
    return r;
}

static const SpzFuncDef funcs[] = {
    {"norm1", "Point.norm1", 15, 0, 1, 2, f_norm1},
    {"add", "add", 24, 0, 1, 2, f_add},
    {"boom", "boom", 29, -1, 0, 4, f_boom},
    {"guarded", "guarded", 34, 0, 1, 2, f_guarded},
    {"scaled", "scaled", 38, -1, 0, 1, f_scaled},
};

#include "spz_demo_source.h" /* SPZ_DEMO_FILENAME, SPZ_DEMO_SOURCE: written by the test */

static SpzModuleDef spz_moddef = {
    SPZ_DEMO_FILENAME, SPZ_DEMO_SOURCE, "('SCALE', 'missing_name', 'r', 'tmp')", 4, consts,
    funcs, (int)(sizeof funcs / sizeof funcs[0]),
};

SPZ_DEFINE_MODULE(spz_demo, spz_moddef)
