/* direct.c -- slow paths of spz/direct.h: resolving a cached global, recognising CPython's own
 * builtins, and the return contract of a directly called function. */

SPZ_API PyObject *spz_global_resolve(SpzFunction *f, PyObject *name, SpzGlobalCache *c) {
    /* Tags are read before the lookups: a lookup cannot mutate the dicts here (exact str keys,
     * exact dicts), so the cached pair describes exactly the state that was searched. */
    c->gtag = spz_dict_tag(f->globals);
    c->btag = spz_dict_tag(f->builtins);
    c->ok = 0;
    PyObject *v = PyDict_GetItemWithError(f->globals, name);
    c->in_globals = v != NULL;
    if (v == NULL && !PyErr_Occurred()) v = PyDict_GetItemWithError(f->builtins, name);
    if (PyErr_Occurred()) { PyErr_Clear(); v = NULL; c->gtag = 0; }
    c->value = v;
    return v;
}

SPZ_API PyObject *spz_method_resolve(PyObject *o, PyObject *name, SpzMethodCache *c, SpzEntry entry) {
    PyTypeObject *t = Py_TYPE(o);
    c->type = NULL;
    /* plain attribute lookup and no instance dict: o.name is what the type's MRO holds */
    if (t->tp_getattro != PyObject_GenericGetAttr || t->tp_dictoffset != 0 || (t->tp_flags & Py_TPFLAGS_MANAGED_DICT)) return NULL;
    PyObject *fn = _PyType_Lookup(t, name); /* assigns a version tag when it can */
    if (fn == NULL || !spz_function_check(fn) || ((SpzFunction *)fn)->def->entry != entry) return NULL;
    /* the method's `self` contract: a class that borrowed the function (`m = C.m`) gets the
     * generic call, whose check raises CPython's TypeError */
    PyObject *owner = ((SpzFunction *)fn)->owner;
    if (owner != NULL && owner != (PyObject *)t) return NULL;
    if (spz_type_tag(t) == 0) return NULL;
    c->type = t;
    c->tag = t->tp_version_tag;
    c->fn = fn;
    return fn;
}

SPZ_API int spz_builtin_check(SpzFunction *f, PyObject *name, const char *which) {
    if (PyDict_GetItemWithError(f->globals, name) != NULL || PyErr_Occurred()) { PyErr_Clear(); return 0; }
    PyObject *b = PyDict_GetItemWithError(f->builtins, name);
    if (b == NULL) { PyErr_Clear(); return 0; }
    if (strcmp(which, "range") == 0) return b == (PyObject *)&PyRange_Type;
    if (strcmp(which, "float") == 0) return b == (PyObject *)&PyFloat_Type;
    if (strcmp(which, "int") == 0) return b == (PyObject *)&PyLong_Type;
    if (strcmp(which, "zip") == 0) return b == (PyObject *)&PyZip_Type;
    if (strcmp(which, "enumerate") == 0) return b == (PyObject *)&PyEnum_Type;
    if (strcmp(which, "reversed") == 0) return b == (PyObject *)&PyReversed_Type;
    if (!PyCFunction_Check(b)) return 0;
    PyObject *self = PyCFunction_GET_SELF(b);
    const char *mod = self != NULL && PyModule_Check(self) ? PyModule_GetName(self) : NULL;
    if (mod == NULL) { PyErr_Clear(); return 0; }
    return strcmp(((PyCFunctionObject *)b)->m_ml->ml_name, which) == 0 && strcmp(mod, "builtins") == 0;
}

SPZ_API int spz_direct_check_return(SpzFunction *f, PyObject **res) {
    if (!f->def->checked) return 0;
    if (spz_function_get_plan(f) < 0) { Py_CLEAR(*res); return -1; }
    PyObject *plan = Py_NewRef(f->plan);
    int r = spz_plan_check(f, f->plan_codes[f->def->nslots], PyTuple_GET_ITEM(plan, 1), res);
    Py_DECREF(plan);
    if (r < 0) Py_CLEAR(*res);
    return r;
}

SPZ_API int spz_math_check(SpzFunction *f, PyObject *name, const char *fn, SpzGlobalCache *c) {
    PyObject *m = spz_global_resolve(f, name, c);
    c->mdict = NULL;
    if (m == NULL || !PyModule_Check(m)) return 0;
    const char *mname = PyModule_GetName(m);
    if (mname == NULL) { PyErr_Clear(); return 0; }
    PyObject *d = PyModule_GetDict(m);
    c->mdict = d;
    c->mtag = spz_dict_tag(d);
    PyObject *v = PyDict_GetItemString(d, fn);
    c->ok = strcmp(mname, "math") == 0 && v != NULL && PyCFunction_Check(v) &&
            strcmp(((PyCFunctionObject *)v)->m_ml->ml_name, fn) == 0 && PyCFunction_GET_SELF(v) == m;
    return c->ok;
}
