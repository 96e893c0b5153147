/* Module globals read as unboxed numbers (spz/gconst.h): the slow path that refills a site. */

SPZ_API int spz_gconst_fill(SpzFunction *f, PyObject *name, PyObject *attr, char rep, SpzConstCache *c) {
    PyObject *v = spz_global_resolve(f, name, &c->g); /* clears g.ok */
    c->g.mdict = NULL;
    if (v == NULL) return 0;
    if (attr != NULL) {
        /* an exact module: its attributes are its dict's items (no __getattr__ on a hit, no
         * descriptors), so reading the dict is exactly what `m.attr` does */
        if (!PyModule_CheckExact(v)) return 0;
        PyObject *d = PyModule_GetDict(v);
        c->g.mdict = d;
        c->g.mtag = spz_dict_tag(d);
        v = PyDict_GetItemWithError(d, attr);
        if (v == NULL) { PyErr_Clear(); return 0; }
    }
    int ok = 0;
    if (rep == 'i' && PyLong_CheckExact(v)) {
        int over = 0;
        long long x = PyLong_AsLongLongAndOverflow(v, &over);
        if (x == -1 && PyErr_Occurred()) PyErr_Clear();
        else if (!over) { c->v.i = x; ok = 1; }
    } else if (rep == 'u' && PyLong_CheckExact(v)) {
        uint64_t x;
        if (spz_as_u64(v, &x)) { c->v.u = x; ok = 1; }
    } else if (rep == 'd' && PyFloat_CheckExact(v)) {
        c->v.d = PyFloat_AS_DOUBLE(v);
        ok = 1;
    } else if (rep == 'n' && (PyTuple_CheckExact(v) || PyList_CheckExact(v))) {
        ok = 1; /* its length is read at each use (spz_gconst_len) */
    } else if (rep == 'b' && (v == Py_True || v == Py_False)) {
        c->v.b = v == Py_True;
        ok = 1;
    }
    c->g.ok = ok;
    return ok;
}
