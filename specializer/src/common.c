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
