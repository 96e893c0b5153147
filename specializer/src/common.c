/* common.c -- state shared by the runtime files: interned attribute names (filled by
 * spz_runtime_init in module.c) and forward declarations across files. */

static struct {
    PyObject *qualname, *module, *name, *doc, *annotations, *builtins, *builtins_dunder, *func;
} spz_str;

static int spz_intern(PyObject **slot, const char *s) {
    if (*slot == NULL) *slot = PyUnicode_InternFromString(s);
    return *slot ? 0 : -1;
}

static PyObject *spz_helper_call(const char *name, PyObject *const *args, Py_ssize_t n);
static PyObject *spz_function_new(SpzModuleDef *mod, const SpzFuncDef *fdef, PyObject *pyfn);

SPZ_API PyObject *spz_i128_to_pylong(SpzI128 v) {
    if (v >= INT64_MIN && v <= INT64_MAX) return PyLong_FromLongLong((long long)v);
    /* hi * 2**62 + lo, lo in [0, 2**62): both halves fit a long long */
    PyObject *hi = PyLong_FromLongLong((long long)(v >> 62)), *sh = PyLong_FromLong(62);
    PyObject *lo = PyLong_FromLongLong((long long)(v & ((((SpzI128)1) << 62) - 1)));
    PyObject *r = NULL, *t = NULL;
    if (hi && sh && lo && (t = PyNumber_Lshift(hi, sh))) r = PyNumber_Add(t, lo);
    Py_XDECREF(hi); Py_XDECREF(sh); Py_XDECREF(lo); Py_XDECREF(t);
    return r;
}
