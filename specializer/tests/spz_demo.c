/* A hand-written extension that uses the runtime ABI exactly as spyc-generated code does
 * (built by tests/unit/specializer.test.ts). Source: spz_demo.py (embedded below by the test). */
#include "specializer.h"
#include "spz_runtime.c"

#if SPZ_ABI_VERSION != 3
#error "spz_demo targets runtime ABI 3"
#endif

/* the entries here push no frame, so the caller's thread state goes unused */
#define SPZ_DEMO_TS PyThreadState *ts __attribute__((unused))

static PyObject *consts[8];
/* consts: 0 "SCALE", 1 "missing_name", 2 "r", 3 "tmp", 4 "Point", 5 "<", 6 "|", 7 ">" */

/* Point.norm1(self, k) -> abs(self.x) + abs(self.y) + k   (line 15) */
static PyObject *f_norm1(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
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
static PyObject *f_add(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
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
static PyObject *f_boom(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
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
static PyObject *f_guarded(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    double x = PyFloat_AS_DOUBLE(args[0]), y = PyFloat_AS_DOUBLE(args[1]), r;
    if (spz_f64_div(x, y, &r)) {
        spz_raise_float_zero_div(SPZ_FDIV_TRUE);
        spz_traceback_add(self, 35);
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

/* scaled(v) -> v * SCALE (plain, compiled with --all)   (line 40) */
static PyObject *f_scaled(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    PyObject *s = spz_load_global(self, consts[0]);
    if (!s) { spz_traceback_add(self, 39); return NULL; }
    PyObject *r = PyNumber_Multiply(args[0], s);
    Py_DECREF(s);
    if (!r) spz_traceback_add(self, 39);
    return r;
}


/* plain(x) -> x + 1   (line 42; plain, unchecked) */
static PyObject *f_plain(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    PyObject *one = PyLong_FromLong(1);
    PyObject *r = one ? PyNumber_Add(args[0], one) : NULL;
    Py_XDECREF(one);
    if (!r) spz_traceback_add(self, 43);
    return r;
}

static PyObject *f_tagged(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    (void)self; (void)args;
    return PyLong_FromLong(1);
}

static PyObject *f_origin(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    (void)self; (void)args;
    return Py_BuildValue("(ii)", 0, 0);
}

/* make(cls, x) -> Point(x, 0)   (line 70) */
static PyObject *f_make(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    PyObject *pt = spz_load_global(self, consts[4]);
    if (!pt) { spz_traceback_add(self, 70); return NULL; }
    PyObject *zero = PyLong_FromLong(0);
    PyObject *a[2] = {args[1], zero};
    PyObject *r = PyObject_Vectorcall(pt, a, 2, NULL);
    Py_DECREF(pt); Py_DECREF(zero);
    if (!r) spz_traceback_add(self, 70);
    return r;
}

/* f(*a)   (line 74) */
static PyObject *f_call_star(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    PyObject *l = PyList_New(0), *r = NULL;
    if (l && spz_extend_star(args[0], l, args[1]) == 0) r = spz_call_ex(args[0], l, NULL);
    Py_XDECREF(l);
    if (!r) spz_traceback_add(self, 74);
    return r;
}

/* f(1, *a)   (line 78) */
static PyObject *f_call_one_star(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    PyObject *l = Py_BuildValue("[i]", 1), *r = NULL;
    if (l && spz_extend_star(NULL, l, args[1]) == 0) r = spz_call_ex(args[0], l, NULL);
    Py_XDECREF(l);
    if (!r) spz_traceback_add(self, 78);
    return r;
}

/* f(**k)   (line 82) */
static PyObject *f_call_kw(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    PyObject *l = PyTuple_New(0), *d = PyDict_New(), *r = NULL;
    if (l && d && spz_merge_kwargs(args[0], d, args[1]) == 0) r = spz_call_ex(args[0], l, d);
    Py_XDECREF(l); Py_XDECREF(d);
    if (!r) spz_traceback_add(self, 82);
    return r;
}

/* f(d=1, **k)   (line 86) */
static PyObject *f_call_d_kw(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    PyObject *l = PyTuple_New(0), *d = Py_BuildValue("{si}", "d", 1), *r = NULL;
    if (l && d && spz_merge_kwargs(args[0], d, args[1]) == 0) r = spz_call_ex(args[0], l, d);
    Py_XDECREF(l); Py_XDECREF(d);
    if (!r) spz_traceback_add(self, 86);
    return r;
}

/* f(**k1, **k2)   (line 90) */
static PyObject *f_call_kw2(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    PyObject *l = PyTuple_New(0), *d = PyDict_New(), *r = NULL;
    if (l && d && spz_merge_kwargs(args[0], d, args[1]) == 0 && spz_merge_kwargs(args[0], d, args[2]) == 0)
        r = spz_call_ex(args[0], l, d);
    Py_XDECREF(l); Py_XDECREF(d);
    if (!r) spz_traceback_add(self, 90);
    return r;
}

static PyObject *spz_demo_unpack(SpzFunction *self, PyObject *seq, Py_ssize_t n, int line) {
    PyObject *out[3];
    if (spz_unpack(seq, n, out) < 0) { spz_traceback_add(self, line); return NULL; }
    PyObject *t = PyTuple_New(n);
    for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, out[i]);
    return t;
}
static PyObject *f_unpack2(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) { return spz_demo_unpack(self, args[0], 2, 94); }
static PyObject *f_unpack3(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) { return spz_demo_unpack(self, args[0], 3, 99); }

static PyObject *spz_demo_unpack_ex(SpzFunction *self, PyObject *seq, Py_ssize_t before, Py_ssize_t after, int line) {
    PyObject *out[4];
    Py_ssize_t n = before + 1 + after;
    if (spz_unpack_ex(seq, before, after, out) < 0) { spz_traceback_add(self, line); return NULL; }
    PyObject *t = PyTuple_New(n);
    for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, out[i]);
    return t;
}
static PyObject *f_unpack_ex(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) { return spz_demo_unpack_ex(self, args[0], 1, 2, 104); }
static PyObject *f_unpack_ex0(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) { return spz_demo_unpack_ex(self, args[0], 0, 1, 109); }

/* f"<{v!r:{spec}}|{v}>"   (line 114) */
static PyObject *f_fmt(SpzFunction *self, PyObject *const *args, SPZ_DEMO_TS) {
    PyObject *spec = spz_format_value(args[1], -1, NULL);
    PyObject *a = spec ? spz_format_value(args[0], 'r', spec) : NULL;
    PyObject *b = a ? spz_format_value(args[0], -1, NULL) : NULL;
    PyObject *r = NULL;
    if (b) {
        PyObject *parts[5] = {consts[5], a, consts[6], b, consts[7]};
        r = spz_build_string(parts, 5);
    }
    Py_XDECREF(spec); Py_XDECREF(a); Py_XDECREF(b);
    if (!r) spz_traceback_add(self, 114);
    return r;
}

static const SpzFuncDef funcs[] = {
    {"norm1", "Point.norm1", 15, 0, 1, 2, f_norm1},
    {"add", "add", 24, 0, 1, 2, f_add},
    {"boom", "boom", 29, -1, 0, 4, f_boom},
    {"guarded", "guarded", 34, 0, 1, 2, f_guarded},
    {"scaled", "scaled", 38, -1, 0, 1, f_scaled},
    {"plain", "plain", 42, -1, 0, 1, f_plain},
    {"tagged", "tagged", 57, 0, 1, 0, f_tagged},
    {"origin", "Shape.origin", 64, 1, 1, 0, f_origin},
    {"make", "Shape.make", 69, 0, 1, 2, f_make},
    {"call_star", "call_star", 73, -1, 0, 2, f_call_star},
    {"call_one_star", "call_one_star", 77, -1, 0, 2, f_call_one_star},
    {"call_kw", "call_kw", 81, -1, 0, 2, f_call_kw},
    {"call_d_kw", "call_d_kw", 85, -1, 0, 2, f_call_d_kw},
    {"call_kw2", "call_kw2", 89, -1, 0, 3, f_call_kw2},
    {"unpack2", "unpack2", 93, -1, 0, 1, f_unpack2},
    {"unpack3", "unpack3", 98, -1, 0, 1, f_unpack3},
    {"unpack_ex", "unpack_ex", 103, -1, 0, 1, f_unpack_ex},
    {"unpack_ex0", "unpack_ex0", 108, -1, 0, 1, f_unpack_ex0},
    {"fmt", "fmt", 113, -1, 0, 2, f_fmt},
};

#include "spz_demo_source.h" /* SPZ_DEMO_FILENAME, SPZ_DEMO_SOURCE: written by the test */

static SpzModuleDef spz_moddef = {
    SPZ_DEMO_FILENAME, SPZ_DEMO_SOURCE, "('SCALE', 'missing_name', 'r', 'tmp', 'Point', '<', '|', '>')", 8, consts,
    funcs, (int)(sizeof funcs / sizeof funcs[0]),
};

SPZ_DEFINE_MODULE(spz_demo, spz_moddef)
