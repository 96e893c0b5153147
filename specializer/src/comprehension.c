/* comprehension.c -- helpers for generator expressions consumed inline by a builtin
 * (irbuild/comprehension.ts): `sum/min/max/any/all/list/tuple/sorted/set(<genexp>)`.
 *  - spz_genexp_is_builtin: is the object the call loaded CPython's own builtin `which`?
 *  - the sum accumulator: CPython's builtin_sum state machine (Python/bltinmodule.c) for the
 *    default start 0, so results are bit-identical: an exact-int phase in a C long, then (3.12+)
 *    a float phase with Neumaier compensation (3.11: plain addition), then PyNumber_Add;
 *  - spz_minmax_empty: the ValueError of min()/max() of an empty iterable, per version;
 *  - spz_genexp_make: a real generator object (a generator expression anywhere else, or when
 *    the name is not the builtin), made by CPython from the generator expression's source (a
 *    maker function of the first iterator and the enclosing locals it reads, compiled once per
 *    module and source), so whatever receives it sees a lazy generator. */

SPZ_API int spz_genexp_is_builtin(PyObject *o, const char *which) {
    if (strcmp(which, "list") == 0) return o == (PyObject *)&PyList_Type;
    if (strcmp(which, "tuple") == 0) return o == (PyObject *)&PyTuple_Type;
    if (strcmp(which, "set") == 0) return o == (PyObject *)&PySet_Type;
    if (!PyCFunction_Check(o)) return 0;
    PyObject *self = PyCFunction_GET_SELF(o);
    if (self == NULL || !PyModule_Check(self)) return 0;
    const char *mod = PyModule_GetName(self);
    if (mod == NULL) { PyErr_Clear(); return 0; }
    return strcmp(((PyCFunctionObject *)o)->m_ml->ml_name, which) == 0 && strcmp(mod, "builtins") == 0;
}

typedef struct {
    PyObject_HEAD
    int phase;      /* 0: exact int in `i`; 1: float in f (+ compensation c); 2: generic in obj */
    long i;
    double f, c;
    PyObject *obj;
} SpzSumAcc;

static void spz_sumacc_dealloc(PyObject *o) {
    Py_XDECREF(((SpzSumAcc *)o)->obj);
    PyObject_Free(o);
}

static PyTypeObject SpzSumAcc_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "spyc.sum_accumulator",
    .tp_basicsize = sizeof(SpzSumAcc),
    .tp_dealloc = spz_sumacc_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

SPZ_API PyObject *spz_sum_new(void) {
    if (!(SpzSumAcc_Type.tp_flags & Py_TPFLAGS_READY) && PyType_Ready(&SpzSumAcc_Type) < 0) return NULL;
    SpzSumAcc *a = PyObject_New(SpzSumAcc, &SpzSumAcc_Type);
    if (a == NULL) return NULL;
    a->phase = 0; a->i = 0; a->f = 0.0; a->c = 0.0; a->obj = NULL;
    return (PyObject *)a;
}

/* leave the float phase: the float value with its compensation (3.12+: only a finite, non-zero one) */
static double spz_sum_float_value(SpzSumAcc *a) {
    double f = a->f;
    if (a->c != 0.0 && isfinite(a->c)) f += a->c;
    return f;
}

/* acc += item, as builtin_sum does at this point of its loop. 0 / -1. */
SPZ_API int spz_sum_step(PyObject *acc, PyObject *item) {
    SpzSumAcc *a = (SpzSumAcc *)acc;
    if (a->phase == 0) {
        if (PyLong_CheckExact(item) || PyBool_Check(item)) {
            int overflow = 0;
            long b = PyLong_AsLongAndOverflow(item, &overflow);
            if (overflow == 0 && (a->i >= 0 ? (b <= LONG_MAX - a->i) : (b >= LONG_MIN - a->i))) {
                a->i += b;
                return 0;
            }
        }
        PyObject *cur = PyLong_FromLong(a->i);
        if (cur == NULL) return -1;
        PyObject *res = PyNumber_Add(cur, item);
        Py_DECREF(cur);
        if (res == NULL) return -1;
        if (PyFloat_CheckExact(res)) {
            a->phase = 1; a->f = PyFloat_AS_DOUBLE(res); a->c = 0.0;
            Py_DECREF(res);
        } else {
            a->phase = 2; a->obj = res;
        }
        return 0;
    }
    if (a->phase == 1) {
        if (PyFloat_CheckExact(item)) {
            double x = PyFloat_AS_DOUBLE(item);
#if PY_VERSION_HEX >= 0x030C0000
            double t = a->f + x;
            if (fabs(a->f) >= fabs(x)) a->c += (a->f - t) + x;
            else a->c += (x - t) + a->f;
            a->f = t;
#else
            a->f += x;
#endif
            return 0;
        }
        if (PyLong_Check(item)) {
            int overflow = 0;
            long v = PyLong_AsLongAndOverflow(item, &overflow);
            if (v == -1 && PyErr_Occurred()) return -1;
            if (!overflow) { a->f += (double)v; return 0; }
        }
        PyObject *cur = PyFloat_FromDouble(spz_sum_float_value(a));
        if (cur == NULL) return -1;
        PyObject *res = PyNumber_Add(cur, item);
        Py_DECREF(cur);
        if (res == NULL) return -1;
        a->phase = 2; a->obj = res;
        return 0;
    }
    PyObject *res = PyNumber_Add(a->obj, item);
    if (res == NULL) return -1;
    Py_SETREF(a->obj, res);
    return 0;
}

/* the sum's value (new reference) */
SPZ_API PyObject *spz_sum_result(PyObject *acc) {
    SpzSumAcc *a = (SpzSumAcc *)acc;
    if (a->phase == 0) return PyLong_FromLong(a->i);
    if (a->phase == 1) return PyFloat_FromDouble(spz_sum_float_value(a));
    return Py_NewRef(a->obj);
}

/* min()/max() of an empty iterable without a default: always NULL with ValueError set */
SPZ_API PyObject *spz_minmax_empty(int is_max) {
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_Format(PyExc_ValueError, "%s() iterable argument is empty", is_max ? "max" : "min");
#else
    PyErr_Format(PyExc_ValueError, "%s() arg is an empty sequence", is_max ? "max" : "min");
#endif
    return NULL;
}

/* the marker of an unbound local passed to the generator maker (one per runtime copy) */
static PyObject *spz_genexp_unbound_marker(void) {
    static PyObject *marker = NULL;
    if (marker == NULL) marker = PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    return marker;
}

/* v, or the unbound marker when the local v is unbound (NULL). New ref. */
SPZ_API PyObject *spz_genexp_arg(PyObject *v) {
    if (v != NULL) return Py_NewRef(v);
    PyObject *m = spz_genexp_unbound_marker();
    return m == NULL ? NULL : Py_NewRef(m);
}

/* A read of the unbound function local `name` inside a comprehension: always NULL, error set.
 * A free variable of the comprehension's own function scope (generator expressions; list/set/
 * dict comprehensions before 3.12), else (3.12+, inlined comprehensions) a local. */
SPZ_API PyObject *spz_comp_unbound(PyObject *name, int is_genexp) {
    int free_var = is_genexp;
#if PY_VERSION_HEX < 0x030C0000
    free_var = 1;
#endif
    if (!free_var) {
        PyErr_Format(PyExc_UnboundLocalError, "cannot access local variable '%U' where it is not associated with a value", name);
        return NULL;
    }
    PyObject *msg = PyUnicode_FromFormat("cannot access free variable '%U' where it is not associated with a value in enclosing scope", name);
    if (msg == NULL) return NULL;
    PyObject *exc = PyObject_CallOneArg(PyExc_NameError, msg);
    Py_DECREF(msg);
    if (exc == NULL) return NULL;
    if (PyObject_SetAttrString(exc, "name", name) < 0) PyErr_Clear();
    PyErr_SetObject(PyExc_NameError, exc);
    Py_DECREF(exc);
    return NULL;
}

/* A generator object. `src` defines one function (irbuild/comprehension.ts, genexpSource):
 *     def maker(unbound, it, <locals...>): <del the unbound ones>; return (<genexp>)
 * compiled with the function's file name and run in its globals (the def lands in a scratch
 * dict); it is called with (marker, *args): args = (first iterator, the locals' values). */
/* the maker compiled from `src` in `globals` (new ref), cached per (globals, src): a module's
 * generator expressions are compiled once, whatever number of times they run */
static PyObject *spz_genexp_maker(SpzFunction *f, PyObject *src) {
    static PyObject *cache = NULL;
    if (cache == NULL && (cache = PyDict_New()) == NULL) return NULL;
    PyObject *gid = PyLong_FromVoidPtr(f->globals);
    if (gid == NULL) return NULL;
    PyObject *key = PyTuple_Pack(2, gid, src);
    Py_DECREF(gid);
    if (key == NULL) return NULL;
    PyObject *maker = PyDict_GetItemWithError(cache, key);
    if (maker != NULL) { Py_DECREF(key); return Py_NewRef(maker); }
    if (PyErr_Occurred()) { Py_DECREF(key); return NULL; }
    const char *text = PyUnicode_AsUTF8(src);
    if (text == NULL) { Py_DECREF(key); return NULL; }
    PyObject *filename = NULL;
    PyObject *code_attr = f->pyfn != NULL ? PyObject_GetAttrString(f->pyfn, "__code__") : NULL;
    if (code_attr != NULL) {
        filename = PyObject_GetAttrString(code_attr, "co_filename");
        Py_DECREF(code_attr);
    }
    PyErr_Clear();
    if (filename == NULL || !PyUnicode_Check(filename)) { Py_XDECREF(filename); filename = PyUnicode_FromString("<spyc>"); }
    if (filename == NULL) { Py_DECREF(key); return NULL; }
    PyObject *code = Py_CompileStringObject(text, filename, Py_file_input, NULL, -1);
    Py_DECREF(filename);
    if (code == NULL) { Py_DECREF(key); return NULL; }
    PyObject *scratch = PyDict_New();
    if (scratch == NULL) { Py_DECREF(code); Py_DECREF(key); return NULL; }
    PyObject *r = PyEval_EvalCode(code, f->globals, scratch);
    Py_DECREF(code);
    if (r == NULL) { Py_DECREF(scratch); Py_DECREF(key); return NULL; }
    Py_DECREF(r);
    Py_ssize_t pos = 0;
    PyObject *k;
    if (!PyDict_Next(scratch, &pos, &k, &maker)) {
        Py_DECREF(scratch); Py_DECREF(key);
        PyErr_SetString(PyExc_SystemError, "spyc: generator expression maker not defined");
        return NULL;
    }
    Py_INCREF(maker);
    Py_DECREF(scratch);
    if (PyDict_SetItem(cache, key, maker) < 0) { Py_DECREF(key); Py_DECREF(maker); return NULL; }
    Py_DECREF(key);
    return maker;
}

SPZ_API PyObject *spz_genexp_make(SpzFunction *f, PyObject *src, PyObject *args) {
    PyObject *maker = spz_genexp_maker(f, src);
    if (maker == NULL) return NULL;
    PyObject *marker = spz_genexp_unbound_marker();
    PyObject *full = marker == NULL ? NULL : PyTuple_New(PyTuple_GET_SIZE(args) + 1);
    if (full == NULL) { Py_DECREF(maker); return NULL; }
    PyTuple_SET_ITEM(full, 0, Py_NewRef(marker));
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) PyTuple_SET_ITEM(full, i + 1, Py_NewRef(PyTuple_GET_ITEM(args, i)));
    PyObject *gen = PyObject_Call(maker, full, NULL);
    Py_DECREF(full);
    Py_DECREF(maker);
    return gen;
}
